"""/api/v1/deadlines/: stated deadlines, due_at derived, bad dates refused by field."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from agreements.models import Deadline, Event
from agreements.services.sweep import sweep_run
from tests.agreements.api.conftest import ids, results
from tests.factories import CommitmentFactory, DeadlineFactory
from tests.openapi import openapi

pytestmark = pytest.mark.django_db

URL = "/api/v1/deadlines/"


def test_the_12_january_deadline_is_found_by_search(anon_client, seeded):
    rows = results(anon_client.get(URL, {"q": "12 January"}))
    # Dated deadlines first; the Istanbul statement's "immediately" matches through its agreement.
    assert [r["due_at"] for r in rows] == ["2020-01-11T22:00:00Z", None]
    assert rows[0]["display_due"] == "00:00 on 12 January 2020 (Africa/Tripoli)"
    assert rows[0]["commitment"]["agreement"]["slug"] == "2020-01-08-istanbul-joint-statement-on-libya"


def test_a_person_finds_the_deadlines_binding_the_actor_they_represent(anon_client, seeded):
    lna = ids(anon_client.get(URL, {"actor": "libyan-national-army"}))
    assert len(lna) == 2
    assert ids(anon_client.get(URL, {"actor": "khalifa-haftar"})) == lna
    assert ids(anon_client.get(URL, {"actor": "Hafter"})) == lna


@pytest.mark.parametrize(
    ("payload", "due_at"),
    [
        ({"precision": "instant", "year": 2030, "month": 1, "day": 12, "time": "00:00"}, "2030-01-11T22:00:00Z"),
        ({"precision": "day", "year": 2030, "month": 1, "day": 12}, "2030-01-12T22:00:00Z"),
        ({"precision": "month", "year": 2030, "month": 2}, "2030-02-28T22:00:00Z"),
        ({"precision": "year", "year": 2030}, "2030-12-31T22:00:00Z"),
        ({"precision": "unspecified", "review_on": "2030-06-01"}, None),
    ],
)
def test_an_editor_states_a_deadline_and_due_at_is_derived(editor_client, payload, due_at):
    commitment = CommitmentFactory()
    body = {"commitment_id": commitment.pk, "wording": "as written", "time_zone": "Africa/Tripoli", **payload}
    response = editor_client.post(URL, body, format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["due_at"] == due_at
    assert response.json()["state"] == "upcoming"


def test_due_at_cannot_be_typed_in(editor_client):
    commitment = CommitmentFactory()
    response = editor_client.post(
        URL,
        {
            "commitment_id": commitment.pk,
            "wording": "x",
            "time_zone": "UTC",
            "precision": "year",
            "year": 2030,
            "due_at": "1999-01-01T00:00:00Z",
            "state": "met",
        },
        format="json",
    )
    assert response.status_code == 400
    assert sorted(response.json()) == ["due_at", "state"]
    assert response.json()["due_at"][0].startswith("due_at is read-only: derived from precision, year, month")
    assert not Deadline.objects.exists()


@pytest.mark.parametrize(
    ("payload", "fields"),
    [
        ({"precision": "day", "year": 2030, "month": 1}, {"day"}),
        ({"precision": "instant", "year": 2030, "month": 1, "day": 1}, {"time"}),
        ({"precision": "month", "year": 2030, "month": 1, "day": 3}, {"day"}),
        ({"precision": "day", "year": 2030, "month": 2, "day": 30}, {"day"}),
        ({"precision": "month", "year": 2030, "month": 13}, {"month"}),
        ({"precision": "year", "year": 12030}, {"year"}),
        ({"precision": "year", "year": 2030, "time_zone": "Mars/Olympus"}, {"time_zone"}),
        ({"precision": "year", "year": 2030, "time_zone": "UTC+2"}, {"time_zone"}),
        ({"precision": "soon"}, {"precision"}),
        (
            {
                "precision": "instant",
                "year": 2030,
                "month": 3,
                "day": 31,
                "time": "02:30",
                "time_zone": "Europe/Berlin",
            },
            {"time"},
        ),
        (
            {
                "precision": "instant",
                "year": 2030,
                "month": 10,
                "day": 27,
                "time": "02:30",
                "time_zone": "Europe/Berlin",
            },
            {"time"},
        ),
        ({"precision": "instant", "year": 2030, "month": 1, "day": 1, "time": "25:00"}, {"time"}),
        # An offset is not dropped: the deadline's zone says where its time applies.
        ({"precision": "instant", "year": 2030, "month": 1, "day": 1, "time": "03:30+05:00"}, {"time"}),
        ({"precision": "day", "year": "twenty", "month": 1, "day": 1}, {"year"}),
        ({"precision": "unspecified", "review_on": "2030-02-30"}, {"review_on"}),
    ],
)
def test_an_impossible_deadline_is_a_400_naming_each_field(editor_client, payload, fields):
    commitment = CommitmentFactory()
    body = {"commitment_id": commitment.pk, "wording": "x", "time_zone": "Africa/Tripoli", **payload}
    response = editor_client.post(URL, body, format="json")
    assert response.status_code == 400
    assert fields <= set(response.json()), response.json()
    assert not Deadline.objects.exists()


def test_rescheduling_a_passed_deadline_through_the_api(editor_client):
    deadline = DeadlineFactory(year=2020)
    sweep_run()
    response = editor_client.patch(f"{URL}{deadline.pk}/", {"year": 2040}, format="json")
    assert response.status_code == 200, response.json()
    assert (response.json()["state"], response.json()["passed_at"]) == ("upcoming", None)
    assert Event.objects.filter(type="deadline.rescheduled").count() == 1


def test_state_actions(editor_client, reader_client):
    deadline = DeadlineFactory()
    assert reader_client.post(f"{URL}{deadline.pk}/state/", {"state": "met"}, format="json").status_code == 403
    met = editor_client.post(f"{URL}{deadline.pk}/state/", {"state": "met", "note": "Done."}, format="json")
    assert met.status_code == 200
    assert met.json()["state"] == "met"
    again = editor_client.post(f"{URL}{deadline.pk}/state/", {"state": "cancelled"}, format="json")
    assert again.status_code == 400
    assert "state" in again.json()
    reopened = editor_client.post(f"{URL}{deadline.pk}/state/", {"state": "upcoming"}, format="json")
    assert reopened.json()["state"] == "upcoming"
    assert editor_client.post(f"{URL}{deadline.pk}/state/", {"state": "passed"}, format="json").status_code == 400


@time_machine.travel(dt.datetime(2030, 1, 1, tzinfo=dt.UTC), tick=False)
def test_filters(anon_client):
    soon = DeadlineFactory(year=2030, month=1, day=20)
    later = DeadlineFactory(year=2030, month=6, day=1)
    past = DeadlineFactory(year=2029, month=6, day=1)
    unspecified = DeadlineFactory(precision="unspecified", year=None, month=None, day=None, time=None)
    sweep_run()
    assert ids(anon_client.get(URL, {"within": 30})) == [soon.pk]
    assert ids(anon_client.get(URL, {"within": 365})) == [soon.pk, later.pk]
    assert ids(anon_client.get(URL, {"state": "passed"})) == [past.pk]
    assert ids(anon_client.get(URL, {"precision": "unspecified"})) == [unspecified.pk]
    assert ids(anon_client.get(URL, {"due_after": "2030-02-01"})) == [later.pk]
    assert ids(anon_client.get(URL, {"due_before": "2030-01-01T00:00:00Z"})) == [past.pk]
    assert ids(anon_client.get(URL, {"country": "LY", "ordering": "-due_at"}))[:1] == [later.pk]
    for bad in ({"within": "soon"}, {"within": -1}, {"due_after": "tomorrow"}, {"state": "late"}):
        response = anon_client.get(URL, bad)
        assert response.status_code == 400
        assert set(bad) <= set(response.json())


def test_the_list_is_a_fixed_number_of_queries(anon_client, django_assert_num_queries):
    DeadlineFactory()
    with django_assert_num_queries(2):
        anon_client.get(URL)
    for _ in range(10):
        DeadlineFactory()
    with django_assert_num_queries(2):
        assert len(ids(anon_client.get(URL))) == 11


def test_a_time_zone_that_is_none_is_said_once(editor_client):
    commitment = CommitmentFactory()
    body = {"commitment_id": commitment.pk, "wording": "x", "time_zone": "Libya/Tripoli", "precision": "year"}
    response = editor_client.post(URL, {**body, "year": 2030}, format="json")
    assert response.status_code == 400
    assert response.json() == {
        "time_zone": ["'Libya/Tripoli' is not an IANA time zone name (such as 'Africa/Tripoli')."]
    }


@pytest.mark.parametrize(
    ("payload", "field", "message"),
    [
        ({"precision": "year", "year": 1899}, "year", "must be between 1900 and 2200."),
        ({"precision": "year", "year": 2201}, "year", "must be between 1900 and 2200."),
        ({"precision": "month", "year": 2030, "month": 13}, "month", "must be between 1 and 12."),
        ({"precision": "day", "year": 2030, "month": 1, "day": 32}, "day", "must be between 1 and 31."),
        ({"precision": "day", "year": 2030, "month": 1, "day": 0}, "day", "must be between 1 and 31."),
    ],
)
def test_a_date_part_out_of_its_range_is_refused_as_the_schema_says(editor_client, payload, field, message):
    commitment = CommitmentFactory()
    body = {"commitment_id": commitment.pk, "wording": "x", "time_zone": "UTC", **payload}
    response = editor_client.post(URL, body, format="json")
    assert response.status_code == 400
    assert response.json() == {field: [message]}


@pytest.mark.parametrize("component", ["Deadline", "DeadlineRequest", "PatchedDeadlineRequest"])
def test_the_schema_bounds_a_deadlines_date_parts_as_the_server_does(component):
    properties = openapi()["components"]["schemas"][component]["properties"]
    bounds = {part: (properties[part]["minimum"], properties[part]["maximum"]) for part in ("year", "month", "day")}
    assert bounds == {"year": (1900, 2200), "month": (1, 12), "day": (1, 31)}


def test_the_schema_bounds_an_extensions_date_parts_as_the_server_does():
    properties = openapi()["components"]["schemas"]["DeadlineExtendInputRequest"]["properties"]
    bounds = {part: (properties[part]["minimum"], properties[part]["maximum"]) for part in ("year", "month", "day")}
    assert bounds == {"year": (1900, 2200), "month": (1, 12), "day": (1, 31)}
