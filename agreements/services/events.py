"""Outbox events: the snapshot each event carries, and recording one."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import transaction

from agreements.due_at import describe_due
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


AGREEMENT_SNAPSHOT = ("id", "slug", "title", "date", "date_precision")
COMMITMENT_SNAPSHOT = ("id", "number", "summary", "category", "status", "overdue_since")
DEADLINE_SNAPSHOT = (
    "id",
    "wording",
    "precision",
    "time_zone",
    "year",
    "month",
    "day",
    "time",
    "due_at",
    "state",
    "passed_at",
)


def _values(obj: object, names: tuple[str, ...]) -> dict[str, Any]:
    return {name: getattr(obj, "pk" if name == "id" else name) for name in names}


def agreement_snapshot_of(v: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "id": v["id"],
        "url": api_url("agreements", v["id"]),
        "slug": v["slug"],
        "title": v["title"],
        "date": iso(v["date"]),
        "date_precision": v["date_precision"],
    }


def commitment_snapshot_of(v: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "id": v["id"],
        "url": api_url("commitments", v["id"]),
        "number": v["number"],
        "summary": v["summary"],
        "category": v["category"],
        "status": v["status"],
        "overdue_since": iso(v["overdue_since"]),
    }


def deadline_snapshot_of(v: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "id": v["id"],
        "url": api_url("deadlines", v["id"]),
        "wording": v["wording"],
        "precision": v["precision"],
        "time_zone": v["time_zone"],
        "due_at": iso(v["due_at"]),
        "due_display": describe_due(v["precision"], v["time_zone"], v["year"], v["month"], v["day"], v["time"]),
        "state": v["state"],
        "passed_at": iso(v["passed_at"]),
    }


def agreement_snapshot(agreement: Agreement) -> dict[str, Any]:
    return agreement_snapshot_of(_values(agreement, AGREEMENT_SNAPSHOT))


def commitment_snapshot(commitment: Commitment) -> dict[str, Any]:
    return commitment_snapshot_of(_values(commitment, COMMITMENT_SNAPSHOT))


def deadline_snapshot(deadline: Deadline) -> dict[str, Any]:
    return deadline_snapshot_of(_values(deadline, DEADLINE_SNAPSHOT))


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


def nudge_dispatcher() -> None:
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
    transaction.on_commit(nudge_dispatcher, robust=True)
    return saved


def event_record(**kwargs: Any) -> Event:
    """Save one outbox event (see ``event_new`` for the arguments)."""
    return events_record([event_new(**kwargs)])[0]
