"""Outbox events: the snapshot each event carries, and recording one."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import transaction

from agreements.models import Agreement, Commitment, Deadline, Event, StatusChange

UserLike = AbstractBaseUser | AnonymousUser | None


def api_url(resource: str, pk: int) -> str:
    """Absolute API URL of an object, e.g. ``api_url("deadlines", 3)``.

    Built by string formatting rather than ``reverse()``: the sweep calls this for
    every flagged deadline. A test holds it equal to the router's URLs.
    """
    return f"{settings.PUBLIC_BASE_URL}/api/v1/{resource}/{pk}/"


def iso(value: dt.datetime | dt.date | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).isoformat().replace("+00:00", "Z")
    return value.isoformat()


def agreement_snapshot(agreement: Agreement) -> dict[str, Any]:
    return {
        "id": agreement.pk,
        "url": api_url("agreements", agreement.pk),
        "slug": agreement.slug,
        "title": agreement.title,
        "date": iso(agreement.date),
        "date_precision": agreement.date_precision,
    }


def commitment_snapshot(commitment: Commitment) -> dict[str, Any]:
    return {
        "id": commitment.pk,
        "url": api_url("commitments", commitment.pk),
        "number": commitment.number,
        "summary": commitment.summary,
        "category": commitment.category,
        "status": commitment.status,
        "overdue_since": iso(commitment.overdue_since),
    }


def deadline_snapshot(deadline: Deadline) -> dict[str, Any]:
    return {
        "id": deadline.pk,
        "url": api_url("deadlines", deadline.pk),
        "wording": deadline.wording,
        "precision": deadline.precision,
        "time_zone": deadline.time_zone,
        "due_at": iso(deadline.due_at),
        "due_display": deadline.display_due,
        "state": deadline.state,
        "passed_at": iso(deadline.passed_at),
    }


def deadline_event_data(deadline: Deadline, **extra: Any) -> dict[str, Any]:
    """What a deadline event says: the deadline, its commitment and its agreement."""
    commitment = deadline.commitment
    return {
        "deadline": deadline_snapshot(deadline),
        "commitment": commitment_snapshot(commitment),
        "agreement": agreement_snapshot(commitment.agreement),
        **extra,
    }


def status_change_data(change: StatusChange) -> dict[str, Any]:
    commitment = change.commitment
    return {
        "status_change": {
            "id": change.pk,
            "from": change.from_status,
            "to": change.to_status,
            "changed_at": iso(change.changed_at),
            "note": change.note,
            "sources": [
                {"id": s.pk, "url": api_url("sources", s.pk), "title": s.title, "link": s.link or None}
                for s in change.sources.all()
            ],
        },
        "commitment": commitment_snapshot(commitment),
        "agreement": agreement_snapshot(commitment.agreement),
    }


def _nudge_dispatcher() -> None:
    # Import here: the webhooks app depends on this one, not the reverse.
    from agreements.tasks import nudge_dispatch

    nudge_dispatch()


def event_new(
    *,
    type: str,
    occurred_at: dt.datetime,
    data: dict[str, Any],
    deadline: Deadline | None = None,
    commitment: Commitment | None = None,
    agreement: Agreement | None = None,
    status_change: StatusChange | None = None,
    user: UserLike = None,
    dedupe_key: str | None = None,
) -> Event:
    """An unsaved Event, its links filled in from the most specific object given."""
    if deadline is not None and commitment is None:
        commitment = deadline.commitment
    if commitment is not None and agreement is None:
        agreement = commitment.agreement
    return Event(
        type=type,
        occurred_at=occurred_at,
        data=data,
        deadline=deadline,
        commitment=commitment,
        agreement=agreement,
        status_change=status_change,
        user=user if user is not None and user.is_authenticated else None,
        dedupe_key=dedupe_key,
    )


def events_record(events: list[Event]) -> list[Event]:
    """Save outbox events in the caller's transaction and, once it commits,
    nudge the webhook dispatcher. If the nudge is lost (broker down), the
    dispatcher's periodic run picks the events up: nothing depends on it."""
    if not events:
        return []
    saved = Event.objects.bulk_create(events)
    transaction.on_commit(_nudge_dispatcher, robust=True)
    return saved


def event_record(**kwargs: Any) -> Event:
    """Save one outbox event (see ``event_new`` for the arguments)."""
    return events_record([event_new(**kwargs)])[0]
