"""Editors' changes to deadlines: reschedule, met, cancelled, reopened."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from agreements.choices import DeadlineState, EventType
from agreements.models import Commitment, Deadline, Event
from agreements.services.deadlines import (
    deadline_cancel,
    deadline_create,
    deadline_delete,
    deadline_mark_met,
    deadline_reopen,
    deadline_update,
)
from agreements.services.sweep import sweep_run
from tests.factories import CommitmentFactory, deadline_due

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 6, 1, 12, tzinfo=dt.UTC)


def test_create_validates_in_the_model_layer():
    with pytest.raises(ValidationError) as error:
        deadline_create(
            commitment=CommitmentFactory(), wording="x", precision="day", time_zone="Africa/Tripoli", year=2020
        )
    assert {"month", "day"} <= set(error.value.message_dict)
    assert not Deadline.objects.exists()


def test_marking_met_before_it_passes_means_it_is_never_flagged():
    deadline = deadline_due(NOW + dt.timedelta(minutes=5))
    deadline_mark_met(deadline=deadline, note="Ceasefire declared.", now=NOW)
    assert sweep_run(now=NOW + dt.timedelta(hours=1)).flagged == 0
    deadline.refresh_from_db()
    assert deadline.state == DeadlineState.MET
    assert deadline.passed_at is None


def test_a_passed_deadline_moved_into_the_future_is_upcoming_again(editor):
    deadline = deadline_due(NOW - dt.timedelta(days=1))
    sweep_run(now=NOW)
    assert Commitment.objects.get(pk=deadline.commitment_id).is_overdue

    later = NOW + dt.timedelta(days=10)
    deadline_update(
        deadline=deadline, changes={"year": later.year, "month": later.month, "day": later.day}, user=editor, now=NOW
    )
    deadline.refresh_from_db()
    assert deadline.state == DeadlineState.UPCOMING
    assert deadline.passed_at is None
    assert deadline.due_at == later
    assert not Commitment.objects.get(pk=deadline.commitment_id).is_overdue
    event = Event.objects.get(type=EventType.DEADLINE_RESCHEDULED)
    assert event.data["previous_state"] == "passed"
    assert event.data["previous_due_at"] == "2026-05-31T12:00:00Z"
    assert event.user == editor

    # When the new date comes, it is flagged again — once more, and only once.
    assert sweep_run(now=later).flagged == 1
    assert sweep_run(now=later).flagged == 0
    assert Event.objects.filter(type=EventType.DEADLINE_PASSED, deadline=deadline).count() == 2


def test_a_correction_that_does_not_move_due_at_writes_no_event():
    deadline = deadline_due(NOW + dt.timedelta(days=1))
    deadline = deadline_update(deadline=deadline, changes={"wording": "by noon tomorrow"}, now=NOW)
    deadline.refresh_from_db()
    assert deadline.wording == "by noon tomorrow"
    assert not Event.objects.exists()


def test_a_closed_deadline_cannot_be_closed_again():
    deadline = deadline_due(NOW + dt.timedelta(days=1))
    deadline_cancel(deadline=deadline, now=NOW)
    with pytest.raises(ValidationError, match="already cancelled"):
        deadline_mark_met(deadline=deadline, now=NOW)


def test_marking_a_passed_deadline_met_late_ends_the_overdue_mark():
    deadline = deadline_due(NOW - dt.timedelta(days=1))
    sweep_run(now=NOW)
    deadline_mark_met(deadline=deadline, note="Met two days late.", now=NOW)
    assert not Commitment.objects.get(pk=deadline.commitment_id).is_overdue
    assert Event.objects.get(type=EventType.DEADLINE_MET).data["was_passed"] is True


def test_reopen_hands_a_past_deadline_back_to_the_sweep():
    deadline = deadline_due(NOW - dt.timedelta(days=1))
    deadline_cancel(deadline=deadline, now=NOW)
    deadline_reopen(deadline=deadline, now=NOW)
    deadline.refresh_from_db()
    assert deadline.state == DeadlineState.UPCOMING
    assert sweep_run(now=NOW).flagged == 1


def test_deleting_the_only_passed_deadline_ends_the_overdue_mark():
    deadline = deadline_due(NOW - dt.timedelta(days=1))
    sweep_run(now=NOW)
    commitment = Commitment.objects.get(pk=deadline.commitment_id)
    deadline_delete(deadline=deadline)
    commitment.refresh_from_db()
    assert commitment.overdue_since is None
