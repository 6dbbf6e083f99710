"""/api/v1/deadlines.ics: an RFC 5545 feed with the deadlines list's filters."""

from __future__ import annotations

import datetime as dt

import pytest
from icalendar import Calendar

from tests.factories import DeadlineFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/deadlines.ics"


def parse(response) -> list:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return [c for c in Calendar.from_ical(response.content).walk() if c.name == "VEVENT"]


def test_the_seeded_deadline_is_in_the_feed(anon_client, seeded):
    (event,) = parse(anon_client.get(URL))
    assert event["UID"].startswith("deadline-")
    assert event.decoded("DTSTART") == dt.datetime(2020, 1, 11, 22, 0, tzinfo=dt.UTC)
    assert "Istanbul" in str(event["SUMMARY"])
    assert "as of 00.00 hours on 12 January" in str(event["DESCRIPTION"])


def test_a_day_deadline_is_an_all_day_event_on_its_own_date(anon_client):
    DeadlineFactory(precision="day", year=2030, month=1, day=12, time=None, time_zone="Asia/Tokyo")
    (event,) = parse(anon_client.get(URL))
    assert event.decoded("DTSTART") == dt.date(2030, 1, 12)
    assert event.decoded("DTEND") == dt.date(2030, 1, 13)


def test_uids_are_stable_and_sequence_counts_reschedules(anon_client, editor_client):
    deadline = DeadlineFactory()
    (before,) = parse(anon_client.get(URL))
    editor_client.patch(f"/api/v1/deadlines/{deadline.pk}/", {"year": 2031}, format="json")
    (after,) = parse(anon_client.get(URL))
    assert before["UID"] == after["UID"]
    assert int(after["SEQUENCE"]) == int(before["SEQUENCE"]) + 1


def test_filters_apply_and_undated_deadlines_are_left_out(anon_client):
    DeadlineFactory(year=2030)
    DeadlineFactory(year=2040)
    DeadlineFactory(precision="unspecified", year=None, month=None, day=None, time=None)
    assert len(parse(anon_client.get(URL))) == 2
    assert len(parse(anon_client.get(URL, {"due_before": "2035-01-01"}))) == 1
    assert len(parse(anon_client.get(URL, {"country": "SY"}))) == 0


def test_a_bad_filter_is_a_json_400(anon_client):
    response = anon_client.get(URL, {"within": "ninety"})
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert "within" in response.json()


def test_the_api_root_names_the_feed(anon_client):
    root = anon_client.get("/api/v1/").json()
    assert root["deadlines.ics"] == "http://testserver/api/v1/deadlines.ics"
    assert set(root) >= {"agreements", "deadlines", "events", "deadlines.ics"}
    feed = anon_client.get(root["deadlines.ics"])
    assert (feed.status_code, feed["Content-Type"].split(";")[0]) == (200, "text/calendar")
