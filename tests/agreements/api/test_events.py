"""/api/v1/events/: the timeline, newest first, read-only."""

from __future__ import annotations

import datetime as dt

import pytest

from agreements.services.commitments import commitment_set_status
from agreements.services.deadlines import deadline_create, deadline_mark_met
from agreements.services.sweep import sweep_run
from tests.agreements.api.conftest import results
from tests.factories import CommitmentFactory, SourceFactory, deadline_due

pytestmark = pytest.mark.django_db

URL = "/api/v1/events/"
NOW = dt.datetime(2026, 6, 1, tzinfo=dt.UTC)


def test_the_timeline_lists_flags_and_status_changes_newest_first(anon_client):
    deadline = deadline_due(NOW - dt.timedelta(hours=1))
    sweep_run(now=NOW)
    commitment_set_status(
        commitment=deadline.commitment, status="breached", sources=[SourceFactory()], now=NOW + dt.timedelta(hours=1)
    )
    rows = results(anon_client.get(URL))
    assert [r["type"] for r in rows] == ["commitment.status_changed", "deadline.passed"]
    passed = rows[1]
    assert passed["deadline"]["id"] == deadline.pk
    assert passed["data"]["deadline"]["due_at"] == "2026-05-31T23:00:00Z"
    assert passed["data"]["commitment"]["overdue_since"] == "2026-05-31T23:00:00Z"
    assert [r["type"] for r in results(anon_client.get(URL, {"type": "deadline.passed"}))] == ["deadline.passed"]
    assert len(results(anon_client.get(URL, {"deadline": deadline.pk}))) == 1
    assert len(results(anon_client.get(URL, {"occurred_after": "2026-06-01T00:30:00Z"}))) == 1


def test_the_timeline_is_read_only(editor_client):
    assert editor_client.post(URL, {"type": "deadline.passed"}, format="json").status_code == 405


def test_the_list_is_a_fixed_number_of_queries(anon_client, django_assert_num_queries):
    for hours in range(5):
        deadline_due(NOW - dt.timedelta(hours=hours + 1))
    sweep_run(now=NOW)
    with django_assert_num_queries(2):
        assert len(results(anon_client.get(URL))) == 5


def test_an_event_says_when_it_happened_as_well_as_when_it_was_recorded(anon_client):
    """A 2020 deadline found passed in 2026 passed in 2020: the timeline says both."""
    years_ago = deadline_due(dt.datetime(2020, 1, 11, 22, tzinfo=dt.UTC))
    due = NOW + dt.timedelta(hours=20)
    soon = deadline_create(
        commitment=CommitmentFactory(),
        wording="soon",
        precision="instant",
        time_zone="UTC",
        year=due.year,
        month=due.month,
        day=due.day,
        time=due.time(),
        now=NOW - dt.timedelta(days=10),
    )
    met = deadline_due(NOW + dt.timedelta(days=30))
    sweep_run(now=NOW)
    deadline_mark_met(deadline=met, met_at=NOW - dt.timedelta(days=3), now=NOW + dt.timedelta(minutes=5))
    rows = {r["deadline"]["id"]: r for r in results(anon_client.get(URL))}
    assert (rows[years_ago.pk]["type"], rows[years_ago.pk]["occurred_at"]) == (
        "deadline.passed",
        "2026-06-01T00:00:00Z",
    )
    assert rows[years_ago.pk]["happened_at"] == "2020-01-11T22:00:00Z"
    # Reminded a day ahead (the shortest lead reached): it came within a day at due − 1 day.
    assert rows[soon.pk]["type"] == "deadline.approaching"
    assert rows[soon.pk]["happened_at"] == "2026-05-31T20:00:00Z"
    assert (rows[met.pk]["type"], rows[met.pk]["happened_at"]) == ("deadline.met", "2026-05-29T00:00:00Z")
    assert rows[met.pk]["occurred_at"] == "2026-06-01T00:05:00Z"

    history = results(anon_client.get(URL, {"ordering": "-happened_at"}))
    assert [r["deadline"]["id"] for r in history] == [soon.pk, met.pk, years_ago.pk]
    older = results(anon_client.get(URL, {"happened_before": "2021-01-01T00:00:00Z"}))
    assert [r["deadline"]["id"] for r in older] == [years_ago.pk]
    assert results(anon_client.get(URL, {"brief": "1"}))[0]["happened_at"]
