"""Recording outbox events, in the caller's transaction (what they say: :mod:`agreements.payloads`)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from agreements.models import Agreement, Commitment, Deadline, Event, StatusChange
from agreements.signals import announce_events
from utilities.services import UserLike, author


def event_new(
    *,
    type: str,
    occurred_at: dt.datetime,
    data: dict[str, Any],
    happened_at: dt.datetime | None = None,
    deadline: Deadline | None = None,
    commitment: Commitment | None = None,
    agreement: Agreement | None = None,
    status_change: StatusChange | None = None,
    user: UserLike = None,
    dedupe_key: str | None = None,
    fanned_out_at: dt.datetime | None = None,
) -> Event:
    """An unsaved Event, its links filled in from the most specific object given.

    ``happened_at`` is when it happened in the world, if not when it is recorded.
    """
    if deadline is not None and commitment is None:
        commitment = deadline.commitment
    if commitment is not None and agreement is None:
        agreement = commitment.agreement
    return Event(
        type=type,
        occurred_at=occurred_at,
        happened_at=happened_at or occurred_at,
        data=data,
        deadline=deadline,
        commitment=commitment,
        agreement=agreement,
        status_change=status_change,
        user=author(user),
        dedupe_key=dedupe_key,
        fanned_out_at=fanned_out_at,
    )


def events_record(events: list[Event]) -> list[Event]:
    """Save outbox events in the caller's transaction and announce them once it commits.

    The announcement (``agreements.signals.events_recorded``) only hastens
    delivery: if it is lost (the broker was down), the dispatcher's periodic
    run finds the events all the same.
    """
    if not events:
        return []
    saved = Event.objects.bulk_create(events)
    announce_events()
    return saved


def event_record(**kwargs: Any) -> Event:
    """Save one outbox event (see ``event_new`` for the arguments)."""
    return events_record([event_new(**kwargs)])[0]
