"""What events say is what the schema documents: every key of every event type's ``data``,
on the timeline and in the webhook message, is a documented property of the right type."""

from __future__ import annotations

import datetime as dt
import json

import pytest
import time_machine
from django.contrib.auth.models import User

from agreements.choices import CommitmentStatus, DeadlineState, EventType
from agreements.ethprio.importer import ceasefires_import
from agreements.models import Deadline, Event, Source
from agreements.services.commitments import commitment_set_status
from agreements.services.deadlines import deadline_close, deadline_extend, deadline_reopen, deadline_update
from agreements.services.sweep import sweep_run
from tests.agreements.ethprio.conftest import row, write_file
from tests.factories import DeadlineFactory
from tests.openapi import component, errors, openapi
from webhooks.services.endpoints import endpoint_create, endpoint_ping
from webhooks.signing import body_of

pytestmark = pytest.mark.django_db

LATER = dt.datetime(2020, 7, 23, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def every_event(seeded, editor: User) -> list[Event]:
    """One event of each type the tracker sends but `dataset.imported` (an ETH/PRIO import's)."""
    passed = Deadline.objects.get(wording="as of 00.00 hours on 12 January")
    ankara = Source.objects.get(key="joint-statement-156-ankara-2020-07-22")
    with time_machine.travel(LATER, tick=False):
        sweep_run()  # deadline.passed
        soon = DeadlineFactory(commitment=passed.commitment, year=2020, month=7, day=25, time=dt.time(12))
    with time_machine.travel(LATER + dt.timedelta(days=1, hours=4), tick=False):
        sweep_run()  # deadline.approaching, a day ahead
        soon.refresh_from_db()
        deadline_update(deadline=soon, changes={"day": 27}, user=editor)  # deadline.rescheduled
        deadline_extend(deadline=soon, by="PT72H", wording="another 72 hours", source=ankara, user=editor)
        deadline_close(deadline=soon, state=DeadlineState.MET, met_at=LATER, sources=[ankara], user=editor)
        deadline_reopen(deadline=soon, note="Recorded in error.", user=editor)
        deadline_close(deadline=soon, state=DeadlineState.CANCELLED, note="Superseded.", user=editor)
        commitment_set_status(
            commitment=passed.commitment, status=CommitmentStatus.IN_PROGRESS, sources=[ankara], user=editor
        )
        endpoint, _ = endpoint_create(owner=editor, url="http://127.0.0.1:9/hooks", event_types=["deadline.passed"])
        endpoint_ping(endpoint=endpoint)
    events = list(Event.objects.order_by("id"))
    assert {e.type for e in events} == set(EventType.values) - {EventType.DATASET_IMPORTED}
    return events


def test_every_event_types_data_is_documented(every_event):
    for event in every_event:
        assert errors(event.data, component("EventData")) == [], event.type


def test_every_webhook_message_is_documented(every_event):
    for event in every_event:
        assert errors(json.loads(body_of(event)), component("WebhookMessage")) == [], event.type


def test_every_type_a_subscriber_hears_of_is_a_documented_webhook():
    assert set(openapi()["webhooks"]) == set(EventType.values)


def test_the_timeline_shows_what_the_schema_says(every_event, anon_client):
    page = anon_client.get("/api/v1/events/", {"page_size": 200}).json()
    assert page["count"] == len(every_event) - 1  # pings are private
    assert errors(page, component("PaginatedEventList")) == []


def test_the_events_of_an_eth_prio_import_are_documented(tmp_path, anon_client):
    # deadline.passed recorded at import (recorded_at_import, note) and dataset.imported: the types
    # every_event cannot make.
    ceasefires_import(write_file(tmp_path / "ethprio.csv", [row()]), now=LATER)
    events = list(Event.objects.order_by("id"))
    passed = [e for e in events if e.type == EventType.DEADLINE_PASSED]
    assert passed
    assert all(e.data["recorded_at_import"] is True and e.data["note"] for e in passed)
    assert {e.type for e in events} == {EventType.DEADLINE_PASSED, EventType.DATASET_IMPORTED}
    for event in events:
        assert errors(event.data, component("EventData")) == [], event.type
        assert errors(json.loads(body_of(event)), component("WebhookMessage")) == [], event.type
    page = anon_client.get("/api/v1/events/", {"page_size": 200}).json()
    assert errors(page, component("PaginatedEventList")) == []
