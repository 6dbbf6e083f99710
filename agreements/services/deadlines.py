"""Writes to deadlines: create, reschedule, mark met, cancel, reopen.

The passing of deadlines is the sweep's (``agreements.services.sweep``); these
are the editors' changes. Each locks the deadline row first, so an editor and
a concurrent sweep never both act on one deadline: whichever comes second sees
the other's result.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from agreements.choices import DeadlineState, EventType
from agreements.models import Commitment, Deadline, Source
from agreements.payloads import deadline_event_data, source_reference
from agreements.services.events import event_record
from utilities.services import UserLike, apply_changes, attribute, delete, editable_fields, validate
from utilities.time import iso

DEADLINE_FIELDS = editable_fields(Deadline, exclude=["commitment"])

_CLOSE_EVENT: dict[str, str] = {
    DeadlineState.MET: EventType.DEADLINE_MET,
    DeadlineState.CANCELLED: EventType.DEADLINE_CANCELLED,
}


def _locked(deadline: Deadline) -> Deadline:
    return Deadline.objects.select_for_update().select_related("commitment__agreement").get(pk=deadline.pk)


@transaction.atomic
def deadline_create(
    *, commitment: Commitment, user: UserLike = None, now: dt.datetime | None = None, **fields: Any
) -> Deadline:
    """Add a deadline to a commitment; ``due_at`` is derived from the stated parts.

    A deadline already in the past when entered is flagged by the next sweep.
    """
    now = now or timezone.now()
    deadline = Deadline(commitment=commitment)
    apply_changes(deadline, fields, allowed=DEADLINE_FIELDS)
    validate(deadline)  # derives due_at
    deadline.next_reminder_at = deadline.compute_next_reminder_at(now, settings.DEADLINE_REMINDER_LEADS)
    attribute(deadline, user)
    deadline.save()
    return deadline


@transaction.atomic
def deadline_update(
    *, deadline: Deadline, changes: Mapping[str, Any], user: UserLike = None, now: dt.datetime | None = None
) -> Deadline:
    """Correct or reschedule a deadline.

    When ``due_at`` moves, the deadline starts a new schedule: reminders are
    worked out afresh, and a deadline that had passed but now lies in the future
    (or is now unspecified) is upcoming again — its commitment stops being
    overdue if nothing else holds it there. A ``deadline.rescheduled`` event
    records the move either way.
    """
    now = now or timezone.now()
    deadline = _locked(deadline)
    previous_due, previous_state = deadline.due_at, deadline.state
    if not apply_changes(deadline, changes, allowed=DEADLINE_FIELDS):
        return deadline
    validate(deadline)  # derives due_at
    attribute(deadline, user)
    if deadline.due_at == previous_due:
        deadline.save()
        return deadline

    deadline.schedule_revision += 1
    reopened = previous_state == DeadlineState.PASSED and (deadline.due_at is None or deadline.due_at > now)
    if reopened:
        deadline.state = DeadlineState.UPCOMING
        deadline.passed_at = None
    deadline.next_reminder_at = deadline.compute_next_reminder_at(now, settings.DEADLINE_REMINDER_LEADS)
    deadline.save()
    if reopened:
        deadline.commitment.refresh_overdue()
    event_record(
        type=EventType.DEADLINE_RESCHEDULED,
        occurred_at=now,
        data=deadline_event_data(
            deadline,
            previous_due_at=iso(previous_due),
            previous_state=previous_state,
            note="Was passed; now due again." if reopened else "",
        ),
        deadline=deadline,
        user=user,
    )
    return deadline


def deadline_close(
    *,
    deadline: Deadline,
    state: str,
    note: str = "",
    sources: Sequence[Source] = (),
    user: UserLike = None,
    now: dt.datetime | None = None,
) -> Deadline:
    """Mark a deadline ``met`` or ``cancelled`` (whether upcoming or already passed)."""
    if state not in _CLOSE_EVENT:
        raise ValidationError({"state": f"A deadline is closed as met or cancelled, not {state!r}."})
    now = now or timezone.now()
    with transaction.atomic():
        deadline = _locked(deadline)
        if deadline.state not in (DeadlineState.UPCOMING, DeadlineState.PASSED):
            raise ValidationError({"state": f"The deadline is already {deadline.state}."})
        was_passed = deadline.state == DeadlineState.PASSED
        deadline.state = state
        deadline.passed_at = None
        deadline.next_reminder_at = None
        attribute(deadline, user)
        deadline.save(update_fields=["state", "passed_at", "next_reminder_at", "updated_at"])
        if was_passed:
            deadline.commitment.refresh_overdue()
        event_record(
            type=_CLOSE_EVENT[state],
            occurred_at=now,
            data=deadline_event_data(
                deadline,
                note=note,
                was_passed=was_passed,
                sources=[source_reference(s) for s in sources],
            ),
            deadline=deadline,
            user=user,
        )
    return deadline


def deadline_mark_met(**kwargs: Any) -> Deadline:
    """The commitment's deadline was met (see ``deadline_close``)."""
    return deadline_close(state=DeadlineState.MET, **kwargs)


def deadline_cancel(**kwargs: Any) -> Deadline:
    """The deadline no longer applies (see ``deadline_close``)."""
    return deadline_close(state=DeadlineState.CANCELLED, **kwargs)


@transaction.atomic
def deadline_reopen(
    *, deadline: Deadline, note: str = "", user: UserLike = None, now: dt.datetime | None = None
) -> Deadline:
    """Undo ``met`` or ``cancelled``: the deadline is watched again, and flagged by
    the next sweep if its time has already come."""
    now = now or timezone.now()
    deadline = _locked(deadline)
    if deadline.state not in (DeadlineState.MET, DeadlineState.CANCELLED):
        raise ValidationError(
            {"state": f"Only a met or cancelled deadline can be reopened, not a {deadline.state} one."}
        )
    previous_state = deadline.state
    deadline.state = DeadlineState.UPCOMING
    deadline.schedule_revision += 1
    deadline.next_reminder_at = deadline.compute_next_reminder_at(now, settings.DEADLINE_REMINDER_LEADS)
    attribute(deadline, user)
    deadline.save(update_fields=["state", "schedule_revision", "next_reminder_at", "updated_at"])
    event_record(
        type=EventType.DEADLINE_REOPENED,
        occurred_at=now,
        data=deadline_event_data(deadline, previous_state=previous_state, note=note),
        deadline=deadline,
        user=user,
    )
    return deadline


@transaction.atomic
def deadline_delete(*, deadline: Deadline, user: UserLike = None) -> None:
    """Delete a deadline entered in error; its commitment's overdue mark follows."""
    commitment = deadline.commitment
    delete(deadline, user=user)
    commitment.refresh_overdue()
