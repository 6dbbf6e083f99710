"""Writes to deadlines: state one, reschedule, extend, mark met (at a recorded moment), cancel, reopen.

The passing of deadlines is the sweep's (``agreements.services.sweep``); these
are the editors' changes. Each locks the deadline row first, so an editor and
a concurrent sweep never both act on one deadline: whichever comes second sees
the other's result. A change that moves a deadline's moment moves every
deadline counting from it, in the same transaction
(``agreements.services.schedules``).
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from agreements.choices import DeadlineAnchor, DeadlineState, EventType
from agreements.due_at import DueAtError, compute_due_at
from agreements.durations import Offset, OffsetError
from agreements.models import Commitment, Deadline, DeadlineExtension, Source
from agreements.payloads import deadline_event_data, source_reference
from agreements.services.events import event_record
from agreements.services.schedules import check_anchor, lock_commitments, moved, reschedule
from agreements.services.sweep import deadlines_hold_from_sweep
from utilities.services import UserLike, apply_changes, attribute, author, delete, editable_fields, validate
from utilities.time import iso

DEADLINE_FIELDS = editable_fields(Deadline, exclude=["commitment"])
# What an editor states for a deadline in the calendar; derived for an anchored one.
CALENDAR_PARTS = ("precision", "year", "month", "day", "time")
# A recorded moment may lie this far ahead of the server's clock (clocks differ).
MET_AT_LEEWAY = dt.timedelta(minutes=5)

_CLOSE_EVENT: dict[str, str] = {
    DeadlineState.MET: EventType.DEADLINE_MET,
    DeadlineState.CANCELLED: EventType.DEADLINE_CANCELLED,
}


def _locked(deadline: Deadline) -> Deadline:
    """``deadline`` read anew and locked, its commitment's row locked first: commitment, then
    deadlines, the order a status change (``commitment_set_status``), a deletion and the
    overdue mark (``Commitment.refresh_overdue``) take them in, so that no two editors' changes
    wait for each other in a circle. (A sweep batch skips whatever is held.)"""
    lock_commitments([deadline.commitment_id])
    return (
        Deadline.objects.select_for_update(of=("self",))
        .select_related("commitment__agreement", "anchor")
        .get(pk=deadline.pk)
    )


def _statement(deadline: Deadline, changes: Mapping[str, Any]) -> dict[str, Any]:
    """``changes`` checked against the rules of a statement: calendar parts or anchor, never both.

    Naming an anchor deadline makes a deadline anchored on it; an offset is kept
    in its canonical ISO 8601 form. Turning an anchored deadline back into a
    calendar one keeps the date it had come to, unless new parts are given.
    """
    changes = dict(changes)
    if changes.get("anchor") is not None and "anchor_kind" not in changes:
        changes["anchor_kind"] = DeadlineAnchor.DEADLINE
    kind = changes.get("anchor_kind", deadline.anchor_kind)
    errors: dict[str, str] = {}
    if kind:
        for part in CALENDAR_PARTS:
            if changes.get(part) not in (None, ""):
                errors[part] = "Leave this out: an anchored deadline's date is counted from its anchor."
        if kind == DeadlineAnchor.SIGNED:
            if changes.get("anchor") is not None:
                errors["anchor"] = "A deadline counted from signing has no anchor deadline."
            changes["anchor"] = None
        elif changes.get("anchor", deadline.anchor) is None:
            errors["anchor"] = "Name the deadline this one counts from."
        offset = changes.get("offset", deadline.offset)
        if not offset:
            errors["offset"] = "Say how long after the anchor: an ISO 8601 duration such as P3M, P14D or PT72H."
        else:
            try:
                changes["offset"] = Offset.parse(offset).iso()
            except OffsetError as exc:
                errors["offset"] = str(exc)
    else:
        if changes.get("anchor") is not None:
            errors["anchor"] = "A deadline stated in the calendar has no anchor; leave anchor_kind out to anchor it."
        if changes.get("offset"):
            errors["offset"] = "An offset needs an anchor (an anchor deadline, or anchor_kind 'signed')."
        if deadline.anchor_kind:
            changes.update(anchor=None, offset="")
    if errors:
        raise ValidationError(errors)
    return changes


def _validate(deadline: Deadline) -> None:
    """The model's rules, once (this derives ``due_at``), and the anchor's."""
    validate(deadline, exclude=CALENDAR_PARTS if deadline.anchor_kind else ())
    check_anchor(deadline)


def _relabel_dependents(deadline: Deadline, previous_label: str) -> None:
    """The deadlines counting from ``deadline`` quote its wording in their ``due_display``
    ("within 14 days of deadline 7 (“no later than …”)"): said anew when the wording changed.

    Only the display: the moment is the cascade's (``_cascade``), and a display is no event.
    """
    if deadline.label() == previous_label:
        return
    for dependent in Deadline.objects.select_for_update().filter(anchor=deadline).order_by("pk"):
        dependent.anchor = deadline
        dependent.derive()
        Deadline.objects.filter(pk=dependent.pk).update(due_display=dependent.due_display)


def _cascade(deadline: Deadline, before: object, *, reason: str, now: dt.datetime, user: UserLike) -> None:
    """Move what counts from ``deadline`` if its moment is no longer ``before``."""
    if deadline.moment() != before:
        reschedule([deadline], reason=reason, now=now, user=user)


def deadline_check(*, commitment: Commitment, changes: Mapping[str, Any], deadline: Deadline | None = None) -> None:
    """Check a new statement (or a change to ``deadline``) as create and update would; write nothing.

    For forms that must show every error before anything is saved (the admin).
    """
    candidate = copy.copy(deadline) if deadline is not None else Deadline(commitment=commitment)
    apply_changes(candidate, _statement(candidate, changes), allowed=DEADLINE_FIELDS)
    _validate(candidate)


@transaction.atomic
def deadline_create(
    *, commitment: Commitment, user: UserLike = None, now: dt.datetime | None = None, **fields: Any
) -> Deadline:
    """Add a deadline to a commitment: stated in the calendar, or as an offset from an anchor.

    ``due_at`` is derived. A deadline already in the past when entered is flagged
    by the next sweep; one whose anchor has no moment yet waits.
    """
    now = now or timezone.now()
    deadline = Deadline(commitment=commitment)
    apply_changes(deadline, _statement(deadline, fields), allowed=DEADLINE_FIELDS)
    _validate(deadline)
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
    records the move, and every deadline counting from this one moves with it.
    """
    now = now or timezone.now()
    deadline = _locked(deadline)
    previous_due, previous_state, before = deadline.due_at, deadline.state, deadline.moment()
    previous_label = deadline.label()
    if not apply_changes(deadline, _statement(deadline, changes), allowed=DEADLINE_FIELDS):
        return deadline
    _validate(deadline)
    attribute(deadline, user)
    if deadline.due_at == previous_due:
        deadline.save()
        _relabel_dependents(deadline, previous_label)
        _cascade(deadline, before, reason=f"{deadline.label()} was restated.", now=now, user=user)
        return deadline
    reopened = moved(deadline, previous_due=previous_due, now=now)
    deadline.save()
    _relabel_dependents(deadline, previous_label)
    if reopened:
        deadline.commitment.refresh_overdue()
    event_record(
        type=EventType.DEADLINE_RESCHEDULED,
        occurred_at=now,
        data=deadline_event_data(
            deadline,
            previous_due_at=iso(previous_due),
            previous_state=previous_state,
            reason="Rescheduled by an editor.",
            note="Was passed; now due again." if reopened else "",
        ),
        deadline=deadline,
        user=user,
    )
    _cascade(deadline, before, reason=f"{deadline.label()} was rescheduled.", now=now, user=user)
    return deadline


def _checked_met_at(met_at: dt.datetime | None, state: str, now: dt.datetime) -> dt.datetime | None:
    if met_at is None:
        return None
    if state != DeadlineState.MET:
        raise ValidationError({"met_at": "Only a deadline that was met has a moment it was met at."})
    if timezone.is_naive(met_at):
        raise ValidationError({"met_at": "Give the moment with its UTC offset, e.g. 2025-10-09T12:00:00+03:00."})
    if met_at > now + MET_AT_LEEWAY:
        raise ValidationError({"met_at": "This moment is still to come: record it once it has happened."})
    return met_at.astimezone(dt.UTC)


def deadline_close(
    *,
    deadline: Deadline,
    state: str,
    note: str = "",
    sources: Sequence[Source] = (),
    met_at: dt.datetime | None = None,
    user: UserLike = None,
    now: dt.datetime | None = None,
) -> Deadline:
    """Mark a deadline ``met`` or ``cancelled`` (whether upcoming or already passed).

    ``met_at`` records when it was met, where a source says ("Israel accepted at
    12:00 on 9 October"): the deadlines counting from it count from then. Given
    again for a met deadline, it corrects the recorded moment.
    """
    if state not in _CLOSE_EVENT:
        raise ValidationError({"state": f"A deadline is closed as met or cancelled, not {state!r}."})
    now = now or timezone.now()
    met_at = _checked_met_at(met_at, state, now)
    with transaction.atomic():
        deadline = _locked(deadline)
        before, previous_met_at = deadline.moment(), deadline.met_at
        correcting = deadline.state == DeadlineState.MET and state == DeadlineState.MET
        if correcting and (met_at is None or met_at == deadline.met_at):
            raise ValidationError({"state": "The deadline is already met."})
        if not correcting and deadline.state not in (DeadlineState.UPCOMING, DeadlineState.PASSED):
            raise ValidationError({"state": f"The deadline is already {deadline.state}."})
        was_passed = deadline.state == DeadlineState.PASSED
        deadline.state = state
        deadline.met_at = met_at
        deadline.passed_at = None
        deadline.next_reminder_at = None
        attribute(deadline, user)
        deadline.save(update_fields=["state", "met_at", "passed_at", "next_reminder_at", "updated_at"])
        if was_passed:
            deadline.commitment.refresh_overdue()
        extra: dict[str, Any] = {"met_at": iso(met_at)} if state == DeadlineState.MET else {}
        if correcting:
            extra["previous_met_at"] = iso(previous_met_at)
        event_record(
            type=_CLOSE_EVENT[state],
            occurred_at=now,
            happened_at=met_at,
            data=deadline_event_data(
                deadline,
                note=note,
                was_passed=was_passed,
                sources=[source_reference(s) for s in sources],
                **extra,
            ),
            deadline=deadline,
            user=user,
        )
        _cascade(deadline, before, reason=f"{deadline.label()} was met at a recorded moment.", now=now, user=user)
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
    the next sweep if its time has already come. A recorded ``met_at`` is dropped,
    and what counted from it counts from the deadline's own date again."""
    now = now or timezone.now()
    deadline = _locked(deadline)
    if deadline.state not in (DeadlineState.MET, DeadlineState.CANCELLED):
        raise ValidationError(
            {"state": f"Only a met or cancelled deadline can be reopened, not a {deadline.state} one."}
        )
    before, previous_state = deadline.moment(), deadline.state
    deadline.state = DeadlineState.UPCOMING
    deadline.met_at = None
    deadline.schedule_revision += 1
    deadline.next_reminder_at = deadline.compute_next_reminder_at(now, settings.DEADLINE_REMINDER_LEADS)
    attribute(deadline, user)
    deadline.save(update_fields=["state", "met_at", "schedule_revision", "next_reminder_at", "updated_at"])
    event_record(
        type=EventType.DEADLINE_REOPENED,
        occurred_at=now,
        data=deadline_event_data(deadline, previous_state=previous_state, note=note),
        deadline=deadline,
        user=user,
    )
    _cascade(deadline, before, reason=f"{deadline.label()} was reopened.", now=now, user=user)
    return deadline


@transaction.atomic
def deadline_extend(
    *,
    deadline: Deadline,
    by: str = "",
    to: Mapping[str, Any] | None = None,
    wording: str = "",
    note: str = "",
    source: Source | None = None,
    user: UserLike = None,
    now: dt.datetime | None = None,
) -> Deadline:
    """Extend a deadline by an offset ("another 72 hours") or to a date ("to 30 June").

    The statement stays as the document made it; the extension is added to its
    history (who, when, on what source, from which ``due_at`` to which), the
    deadline is due anew — reopened if it had passed and now lies ahead — and
    what counts from it moves with it.
    """
    now = now or timezone.now()
    deadline = _locked(deadline)
    if bool(by) == bool(to):
        raise ValidationError({"by": "Extend either by a duration (by) or to a date (precision and its parts)."})
    if deadline.state not in (DeadlineState.UPCOMING, DeadlineState.PASSED):
        raise ValidationError({"state": f"A {deadline.state} deadline is not extended; reopen it first."})
    if deadline.due_at is None:
        raise ValidationError(
            {"by" if by else "precision": "This deadline has no date yet to extend; state one instead."}
        )
    extension = DeadlineExtension(
        deadline=deadline,
        position=deadline.extended_times,
        wording=wording,
        note=note,
        source=source,
        previous_due_at=deadline.due_at,
        extended_at=now,
        extended_by=author(user),
    )
    if by:
        try:
            offset = Offset.parse(by)
        except OffsetError as exc:
            raise ValidationError({"by": str(exc)}) from None
        if offset == Offset():
            raise ValidationError({"by": "An extension by nothing changes nothing."})
        extension.by = offset.iso()
    else:
        assert to is not None
        extension.to_precision = to.get("precision", "")
        extension.to_year, extension.to_month = to.get("year"), to.get("month")
        extension.to_day, extension.to_time = to.get("day"), to.get("time")
        try:
            to_due = compute_due_at(extension.stated_to(deadline.time_zone))
        except DueAtError as exc:
            raise ValidationError(exc.errors) from None
        if to_due is None:
            raise ValidationError({"precision": "Extend to a date, not to an unspecified time."})
        if to_due <= deadline.due_at:
            raise ValidationError(
                {"precision": f"That is not later than the deadline as it stands ({deadline.due_display})."}
            )
    before, previous_due, previous_state = deadline.moment(), deadline.due_at, deadline.state
    earlier = deadline.extension_rows()
    extension.save()
    deadline.extended_times += 1
    # The rows as they now stand, without reading them back.
    deadline._prefetched_objects_cache = {"extensions": [*earlier, extension]}  # type: ignore[attr-defined]
    deadline.derive()
    reopened = moved(deadline, previous_due=previous_due, now=now)
    attribute(deadline, user)
    deadline.save()
    extension.due_at = deadline.due_at
    extension.save(update_fields=["due_at"])
    if reopened:
        deadline.commitment.refresh_overdue()
    event_record(
        type=EventType.DEADLINE_RESCHEDULED,
        occurred_at=now,
        data=deadline_event_data(
            deadline,
            previous_due_at=iso(previous_due),
            previous_state=previous_state,
            reason=f"Extended {extension.describe()}.",
            extension={
                "number": extension.position + 1,
                "by": extension.by or None,
                "wording": wording,
                "source": source_reference(source) if source is not None else None,
            },
            note="Was passed; now due again." if reopened else "",
        ),
        deadline=deadline,
        user=user,
    )
    _cascade(deadline, before, reason=f"{deadline.label()} was extended.", now=now, user=user)
    return deadline


@transaction.atomic
def deadline_delete(*, deadline: Deadline, user: UserLike = None) -> None:
    """Delete a deadline entered in error; its commitment's overdue mark follows.

    A deadline others count from cannot be deleted (ProtectedError): re-anchor
    or delete those first.
    """
    commitment = deadline.commitment
    deadlines_hold_from_sweep(Commitment.objects.filter(pk=deadline.commitment_id))
    delete(deadline, user=user)
    commitment.refresh_overdue()
