"""commitment_set_status and friends: every change recorded, with evidence, and announced."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from agreements.choices import CommitmentStatus, DeadlineState, EventType
from agreements.models import Commitment, Event, Source, StatusChange
from agreements.services.commitments import commitment_set_status
from agreements.services.sweep import sweep_run
from tests.factories import CommitmentFactory, DeadlineFactory, SourceFactory, deadline_due

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 6, 1, 12, tzinfo=dt.UTC)


def test_it_records_the_change_its_sources_and_an_event(editor):
    commitment = CommitmentFactory()
    source = SourceFactory()
    change = commitment_set_status(
        commitment=commitment, status="breached", sources=[source], note="Shelling resumed.", user=editor, now=NOW
    )
    commitment.refresh_from_db()
    assert commitment.status == "breached"
    assert commitment.status_changed_at == NOW
    assert (change.from_status, change.to_status, change.changed_by, change.note) == (
        "not_assessed",
        "breached",
        editor,
        "Shelling resumed.",
    )
    assert list(change.sources.all()) == [source]
    event = Event.objects.get(type=EventType.COMMITMENT_STATUS_CHANGED)
    assert event.commitment == commitment
    assert event.status_change == change
    assert event.user == editor
    assert event.data["status_change"]["to"] == "breached"
    assert event.data["status_change"]["sources"][0]["title"] == source.title
    assert event.data["agreement"]["title"] == commitment.agreement.title


def test_an_outcome_without_a_source_changes_nothing():
    commitment = CommitmentFactory()
    with pytest.raises(ValidationError):
        commitment_set_status(commitment=commitment, status="met", sources=[], now=NOW)
    commitment.refresh_from_db()
    assert commitment.status == CommitmentStatus.NOT_ASSESSED
    assert not StatusChange.objects.exists()
    assert not Event.objects.exists()


def test_new_sources_are_recorded_with_the_change():
    commitment = CommitmentFactory()
    change = commitment_set_status(
        commitment=commitment,
        status="partially_met",
        new_sources=[{"title": "UN briefing", "quote": "Some units withdrew.", "link": "https://example.org/b"}],
        now=NOW,
    )
    assert change.sources.get().quote == "Some units withdrew."


def test_a_bad_new_source_rolls_everything_back():
    commitment = CommitmentFactory()
    with pytest.raises(ValidationError):
        commitment_set_status(
            commitment=commitment, status="met", new_sources=[{"title": "x", "link": "not a url"}], now=NOW
        )
    assert not Source.objects.exists()
    assert not StatusChange.objects.exists()


def test_met_closes_open_deadlines_so_they_are_never_flagged():
    deadline = deadline_due(NOW + dt.timedelta(hours=1))
    commitment_set_status(commitment=deadline.commitment, status="met", sources=[SourceFactory()], now=NOW)
    deadline.refresh_from_db()
    assert deadline.state == DeadlineState.MET
    assert sweep_run(now=NOW + dt.timedelta(days=1)).flagged == 0
    assert Event.objects.filter(type=EventType.DEADLINE_PASSED).count() == 0
    assert Event.objects.filter(type=EventType.DEADLINE_MET, deadline=deadline).count() == 1


def test_withdrawn_cancels_open_deadlines():
    deadline = DeadlineFactory()
    commitment_set_status(commitment=deadline.commitment, status="withdrawn", now=NOW)
    deadline.refresh_from_db()
    assert deadline.state == DeadlineState.CANCELLED


def test_met_ends_overdue_and_a_correction_restores_it():
    deadline = deadline_due(NOW - dt.timedelta(days=3))
    sweep_run(now=NOW)
    commitment = Commitment.objects.get(pk=deadline.commitment_id)
    assert commitment.overdue_since == NOW - dt.timedelta(days=3)
    commitment_set_status(commitment=commitment, status="met", sources=[SourceFactory()], now=NOW)
    commitment.refresh_from_db()
    assert commitment.overdue_since is None
    # A correction: it was not met after all. Overdue again, since the deadline fell due.
    commitment_set_status(commitment=commitment, status="breached", sources=[SourceFactory()], now=NOW)
    commitment.refresh_from_db()
    assert commitment.overdue_since == NOW - dt.timedelta(days=3)
    assert commitment.status_changes.count() == 2
