"""/api/v1/events/: the timeline, newest first, read-only."""

from __future__ import annotations

import datetime as dt

import pytest

from agreements.services.commitments import commitment_set_status
from agreements.services.sweep import sweep_run
from tests.agreements.api.conftest import results
from tests.factories import SourceFactory, deadline_due

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
