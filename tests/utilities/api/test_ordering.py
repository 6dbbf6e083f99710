"""``?ordering=``: empty values last either way on both databases, and indexes kept usable."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from agreements.services.sweep import sweep_run
from tests.factories import SourceFactory, deadline_due

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("ordering", ["published_on", "-published_on"])
def test_empty_values_come_last_in_either_direction(anon_client, ordering):
    undated = SourceFactory(published_on=None)
    older = SourceFactory(published_on=dt.date(2020, 1, 8))
    newer = SourceFactory(published_on=dt.date(2020, 7, 22))
    body = anon_client.get("/api/v1/sources/", {"ordering": ordering}).json()
    dated = [older.pk, newer.pk] if ordering == "published_on" else [newer.pk, older.pk]
    assert [s["id"] for s in body["results"]] == [*dated, undated.pk]


@pytest.mark.parametrize("query", [{}, {"ordering": "-happened_at"}, {"ordering": "occurred_at"}])
def test_a_column_never_empty_is_ordered_plainly_so_its_index_serves_the_page(anon_client, query):
    # NULLS LAST on a descending order keeps PostgreSQL from reading a descending index in
    # order: the timeline, which only grows, would be sorted whole for every page.
    deadline_due(dt.datetime(2020, 1, 11, 22, tzinfo=dt.UTC))
    sweep_run(now=dt.datetime(2020, 1, 12, tzinfo=dt.UTC))  # a deadline.passed on the timeline
    with CaptureQueriesContext(connection) as queries:
        assert anon_client.get("/api/v1/events/", query).status_code == 200
    (listing,) = [q["sql"] for q in queries if "ORDER BY" in q["sql"] and '"agreements_event"' in q["sql"]]
    assert "NULLS" not in listing.split("ORDER BY")[-1]
