"""Writes to commitments, above all their status: always with a StatusChange and an Event."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from django.db import transaction
from django.utils import timezone

from agreements.choices import CommitmentStatus, DeadlineState, EventType
from agreements.models import Actor, Agreement, Commitment, Source, StatusChange
from agreements.payloads import status_change_data
from agreements.services.deadlines import deadline_close
from agreements.services.events import event_record
from agreements.services.sources import source_create
from agreements.services.sweep import deadlines_hold_from_sweep
from utilities.services import UserLike, apply_changes, attribute, author, delete, editable_fields, validated_save

COMMITMENT_FIELDS = editable_fields(Commitment, exclude=["agreement"])


@transaction.atomic
def commitment_create(
    *,
    agreement: Agreement,
    bound_actors: Sequence[Actor] = (),
    user: UserLike = None,
    **fields: Any,
) -> Commitment:
    """Add a commitment to an agreement; it starts as not yet assessed."""
    commitment = Commitment(agreement=agreement)
    apply_changes(commitment, fields, allowed=COMMITMENT_FIELDS)
    if "position" not in fields:
        commitment.position = agreement.commitments.count()
    validated_save(commitment, user=user)
    commitment.bound_actors.set(bound_actors)
    return commitment


@transaction.atomic
def commitment_update(
    *,
    commitment: Commitment,
    changes: Mapping[str, Any],
    bound_actors: Sequence[Actor] | None = None,
    user: UserLike = None,
) -> Commitment:
    """Change a commitment's text, summary, category or bound actors (not its status)."""
    if apply_changes(commitment, changes, allowed=COMMITMENT_FIELDS):
        validated_save(commitment, user=user)
    if bound_actors is not None:
        attribute(commitment, user)
        commitment.bound_actors.set(bound_actors)
    return commitment


@transaction.atomic
def commitment_delete(*, commitment: Commitment, user: UserLike = None) -> None:
    """Delete a commitment with its deadlines and status history."""
    deadlines_hold_from_sweep(Commitment.objects.filter(pk=commitment.pk))
    delete(commitment, user=user)


@transaction.atomic
def commitment_set_status(
    *,
    commitment: Commitment,
    status: str,
    sources: Sequence[Source] = (),
    new_sources: Sequence[Mapping[str, Any]] = (),
    note: str = "",
    user: UserLike = None,
    now: dt.datetime | None = None,
) -> StatusChange:
    """Record what became of a commitment, with the sources that show it.

    Writes the StatusChange, the new status, and a ``commitment.status_changed``
    event. A commitment found met closes its open deadlines as met; one
    withdrawn cancels them; either way it is no longer overdue.
    """
    now = now or timezone.now()
    # The commitment's row only: locking its agreement too would make every sweep batch that
    # records an event of that agreement (a key-share check) wait for this transaction.
    commitment = Commitment.objects.select_for_update(of=("self",)).select_related("agreement").get(pk=commitment.pk)
    evidence = [*sources, *(source_create(user=user, **fields) for fields in new_sources)]
    StatusChange.check_evidence(commitment.status, status, evidence)

    change = StatusChange.objects.create(
        commitment=commitment,
        from_status=commitment.status,
        to_status=status,
        changed_at=now,
        changed_by=author(user),
        note=note,
    )
    change.sources.set(evidence)
    commitment.status = status
    commitment.status_changed_at = now
    attribute(commitment, user)
    commitment.save(update_fields=["status", "status_changed_at", "updated_at"])

    closing_state: dict[str, str] = {
        CommitmentStatus.MET: DeadlineState.MET,
        CommitmentStatus.WITHDRAWN: DeadlineState.CANCELLED,
    }
    if status in closing_state:
        reason = f"Commitment marked {status}."
        for deadline in commitment.deadlines.filter(state=DeadlineState.UPCOMING):
            deadline_close(deadline=deadline, state=closing_state[status], note=reason, user=user, now=now)
    commitment.refresh_overdue()

    event_record(
        type=EventType.COMMITMENT_STATUS_CHANGED,
        occurred_at=now,
        data=status_change_data(change),
        commitment=commitment,
        status_change=change,
        user=user,
    )
    return change
