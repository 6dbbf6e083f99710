"""Migration 0012 gives existing events the time they happened, from what each event recorded."""

from __future__ import annotations

import datetime as dt
import importlib

import pytest
from django.apps import apps

from agreements.models import Event

pytestmark = pytest.mark.django_db

backfill = importlib.import_module("agreements.migrations.0012_event_happened_at").backfill
RECORDED = dt.datetime(2026, 6, 1, tzinfo=dt.UTC)


def test_existing_events_get_the_time_they_happened() -> None:
    def event(type: str, data: dict) -> Event:
        return Event.objects.create(type=type, occurred_at=RECORDED, happened_at=RECORDED, data=data)

    passed = event("deadline.passed", {"deadline": {"due_at": "2020-01-11T22:00:00Z"}})
    met = event("deadline.met", {"deadline": {"due_at": "2026-07-01T00:00:00Z"}, "met_at": "2026-05-29T09:30:00Z"})
    reminded = event("deadline.approaching", {"deadline": {"due_at": "2026-06-01T20:00:00Z"}, "lead_seconds": 86400})
    unsure = event("deadline.met", {"deadline": {"due_at": "2026-07-01T00:00:00Z"}, "met_at": None})
    changed = event("commitment.status_changed", {})
    backfill(apps, None)
    happened = dict(Event.objects.values_list("id", "happened_at"))
    assert happened[passed.pk] == dt.datetime(2020, 1, 11, 22, tzinfo=dt.UTC)
    assert happened[met.pk] == dt.datetime(2026, 5, 29, 9, 30, tzinfo=dt.UTC)
    assert happened[reminded.pk] == dt.datetime(2026, 5, 31, 20, tzinfo=dt.UTC)
    assert happened[unsure.pk] == happened[changed.pk] == RECORDED
