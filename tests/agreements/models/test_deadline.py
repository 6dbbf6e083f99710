"""Deadline: due_at derived from the stated parts, validated in the model layer."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from agreements.choices import DeadlinePrecision, DeadlineState
from agreements.models import Deadline
from tests.factories import CommitmentFactory, DeadlineFactory

pytestmark = pytest.mark.django_db


def test_due_at_is_derived_on_save_and_cannot_be_typed_in():
    deadline = DeadlineFactory(year=2020, month=1, day=12, time=dt.time(0, 0), time_zone="Africa/Tripoli")
    assert deadline.due_at == dt.datetime(2020, 1, 11, 22, tzinfo=dt.UTC)
    deadline.due_at = dt.datetime(1999, 1, 1, tzinfo=dt.UTC)
    deadline.save()
    deadline.refresh_from_db()
    assert deadline.due_at == dt.datetime(2020, 1, 11, 22, tzinfo=dt.UTC)
    assert not Deadline._meta.get_field("due_at").editable


def test_an_unspecified_deadline_has_no_due_at():
    deadline = DeadlineFactory(
        precision=DeadlinePrecision.UNSPECIFIED,
        year=None,
        month=None,
        day=None,
        time=None,
        wording="in the near future",
    )
    assert deadline.due_at is None
    assert deadline.display_due == "unspecified"


def test_clean_names_the_field_at_fault():
    deadline = Deadline(
        commitment=CommitmentFactory(), wording="x", precision="instant", time_zone="Mars/Olympus", year=2020
    )
    with pytest.raises(ValidationError) as error:
        deadline.full_clean()
    assert {"time_zone", "month", "day", "time"} <= set(error.value.message_dict)


def test_the_database_refuses_a_due_at_for_an_unspecified_deadline():
    deadline = DeadlineFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Deadline.objects.filter(pk=deadline.pk).update(due_precision=DeadlinePrecision.UNSPECIFIED)


def test_the_database_refuses_passed_without_passed_at():
    deadline = DeadlineFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Deadline.objects.filter(pk=deadline.pk).update(state=DeadlineState.PASSED)


def test_display_due_states_the_deadline_in_its_own_zone():
    deadline = DeadlineFactory(year=2020, month=1, day=12, time=dt.time(0, 0), time_zone="Africa/Tripoli")
    assert deadline.display_due == "00:00 on 12 January 2020 (Africa/Tripoli)"
    month = DeadlineFactory(precision="month", year=2021, month=3, day=None, time=None)
    assert month.display_due == "end of March 2021"


def test_the_next_reminder_is_the_earliest_lead_still_ahead():
    deadline = DeadlineFactory(time_zone="UTC", year=2030, month=1, day=10, time=dt.time(12, 0))
    leads = [dt.timedelta(days=7), dt.timedelta(days=1)]
    assert deadline.compute_next_reminder_at(dt.datetime(2029, 12, 1, tzinfo=dt.UTC), leads) == dt.datetime(
        2030, 1, 3, 12, tzinfo=dt.UTC
    )
    # Entered five days before: the seven-day reminder is stale, the one-day one is not.
    assert deadline.compute_next_reminder_at(dt.datetime(2030, 1, 5, tzinfo=dt.UTC), leads) == dt.datetime(
        2030, 1, 9, 12, tzinfo=dt.UTC
    )
    assert deadline.compute_next_reminder_at(dt.datetime(2030, 1, 10, tzinfo=dt.UTC), leads) is None


def test_its_name_is_cut_after_a_whole_word():
    wording = "by the end of the month following the signature of this agreement by all the parties"
    deadline = DeadlineFactory(wording=wording)
    name = str(deadline).split(" (")[0]
    assert name.endswith("…")
    kept = name.removesuffix("…").split(" ")
    assert kept == wording.split(" ")[: len(kept)]
    assert deadline.label() == f"deadline {deadline.pk} (“{name}”)"


def test_deadlines_without_a_due_at_come_last_on_either_database():
    commitment = CommitmentFactory()
    unspecified = DeadlineFactory(
        commitment=commitment, precision=DeadlinePrecision.UNSPECIFIED, year=None, month=None, day=None, time=None
    )
    later = DeadlineFactory(commitment=commitment, year=2021, month=3, day=1)
    sooner = DeadlineFactory(commitment=commitment, year=2020, month=1, day=12)
    assert list(commitment.deadlines.all()) == [sooner, later, unspecified]
