"""/api/v1/deadlines/: deadlines stated relative to something else — counted, chained, waiting, extended."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import time_machine
from rest_framework.test import APIClient

from agreements.models import Deadline, DeadlineExtension, Event
from agreements.services.sweep import sweep_run
from tests.factories import AgreementFactory, CommitmentFactory, SourceFactory
from tests.factories import DeadlineFactory as CalendarDeadline

pytestmark = pytest.mark.django_db

URL = "/api/v1/deadlines/"
UTC = dt.UTC


def post(client: APIClient, **body: Any) -> dict[str, Any]:
    response = client.post(URL, body, format="json")
    assert response.status_code == 201, response.json()
    return response.json()


def refused(client: APIClient, body: dict[str, Any], url: str = URL, method: str = "post") -> dict[str, Any]:
    before = (Deadline.objects.count(), Event.objects.count(), DeadlineExtension.objects.count())
    response = getattr(client, method)(url, body, format="json")
    assert response.status_code == 400, response.content
    assert (Deadline.objects.count(), Event.objects.count(), DeadlineExtension.objects.count()) == before
    return response.json()


@pytest.fixture
def geneva():
    return AgreementFactory(
        title="Agreement for a Complete and Permanent Ceasefire in Libya", date=dt.date(2020, 10, 23)
    )


def test_three_months_from_signing_in_tripoli(editor_client, geneva):
    commitment = CommitmentFactory(agreement=geneva, wording="Foreign fighters leave within three months.")
    body = post(
        editor_client,
        commitment_id=commitment.pk,
        wording="within a period of three months from the date of signing",
        time_zone="Africa/Tripoli",
        anchor_kind="signed",
        offset="P3M",
    )
    assert body["due_at"] == "2021-01-23T22:00:00Z"
    assert (body["precision"], body["due_precision"]) == ("day", "day")
    assert (body["year"], body["month"], body["day"]) == (2021, 1, 23)
    assert body["display_due"] == "within three months of signing — by 23 January 2021 (Africa/Tripoli)"
    assert body["wording"] == "within a period of three months from the date of signing"
    assert (body["anchor_kind"], body["anchor"], body["offset"], body["waiting_for"]) == ("signed", None, "P3M", "")


def minsk_chain(client: APIClient) -> tuple[dict, dict, dict]:
    agreement = AgreementFactory(title="Package of Measures", date=dt.date(2015, 2, 12))
    ceasefire = post(
        client,
        commitment_id=CommitmentFactory(agreement=agreement, number="1").pk,
        wording="ceasefire from 00:00 Kyiv time on 15 February 2015",
        time_zone="Europe/Kyiv",
        precision="instant",
        year=2015,
        month=2,
        day=15,
        time="00:00",
    )
    withdrawal = CommitmentFactory(agreement=agreement, number="2")
    starts = post(
        client,
        commitment_id=withdrawal.pk,
        wording="no later than the second day after the start of the ceasefire",
        time_zone="Europe/Kyiv",
        anchor_id=ceasefire["id"],
        offset="P2D",
    )
    completed = post(
        client,
        commitment_id=withdrawal.pk,
        wording="completed within 14 days",
        time_zone="Europe/Kyiv",
        anchor_id=starts["id"],
        offset="P14D",
    )
    return ceasefire, starts, completed


def test_a_minsk_chain_counts_instants_in_kyiv(editor_client):
    ceasefire, starts, completed = minsk_chain(editor_client)
    assert ceasefire["due_at"] == "2015-02-14T22:00:00Z"
    assert (starts["due_at"], starts["anchor_kind"], starts["anchor"]["id"]) == (
        "2015-02-16T22:00:00Z",
        "deadline",
        ceasefire["id"],
    )
    assert starts["precision"] == "instant"
    assert completed["due_at"] == "2015-03-02T22:00:00Z"
    assert completed["display_due"].startswith(f"within 14 days of deadline {starts['id']} (“no later than")
    assert completed["display_due"].endswith("— by 00:00 on 3 March 2015 (Europe/Kyiv)")


def test_a_dependent_quotes_its_anchors_wording_as_it_now_reads(editor_client):
    _, starts, completed = minsk_chain(editor_client)
    events = Event.objects.count()
    response = editor_client.patch(f"{URL}{starts['id']}/", {"wording": "by the second day"}, format="json")
    assert response.status_code == 200, response.json()
    dependent = editor_client.get(f"{URL}{completed['id']}/").json()
    assert dependent["display_due"].startswith(f"within 14 days of deadline {starts['id']} (“by the second day”)")
    assert "no later than" not in dependent["display_due"]
    assert dependent["due_at"] == completed["due_at"]  # only the words changed: nothing moved, no event
    assert Event.objects.count() == events


def test_moving_the_first_deadline_moves_the_chain_with_one_event_each(editor_client):
    ceasefire, starts, completed = minsk_chain(editor_client)
    response = editor_client.patch(f"{URL}{ceasefire['id']}/", {"day": 16}, format="json")
    assert response.status_code == 200, response.json()
    assert editor_client.get(f"{URL}{starts['id']}/").json()["due_at"] == "2015-02-17T22:00:00Z"
    assert editor_client.get(f"{URL}{completed['id']}/").json()["due_at"] == "2015-03-03T22:00:00Z"
    for moved, previous in ((starts, "2015-02-16T22:00:00Z"), (completed, "2015-03-02T22:00:00Z")):
        (event,) = Event.objects.filter(deadline_id=moved["id"], type="deadline.rescheduled")
        assert event.data["previous_due_at"] == previous
        assert event.data["deadline"]["due_at"] != previous
        assert "moved" in event.data["reason"]
    assert Event.objects.filter(deadline_id=ceasefire["id"], type="deadline.rescheduled").count() == 1


def test_the_detail_shows_what_counts_from_a_deadline(editor_client):
    ceasefire, starts, _ = minsk_chain(editor_client)
    detail = editor_client.get(f"{URL}{ceasefire['id']}/").json()
    assert [d["id"] for d in detail["dependents"]] == [starts["id"]]
    assert detail["extensions"] == []


def test_a_deadline_counted_from_an_unspecified_one_waits_until_it_is_met(editor_client):
    agreement = AgreementFactory(title="Gaza agreement", date=dt.date(2025, 10, 9))
    acceptance = post(
        editor_client,
        commitment_id=CommitmentFactory(agreement=agreement, number="1").pk,
        wording="upon Israel publicly accepting the agreement",
        time_zone="Asia/Jerusalem",
        precision="unspecified",
    )
    hostages = post(
        editor_client,
        commitment_id=CommitmentFactory(agreement=agreement, number="2").pk,
        wording="all hostages returned within 72 hours",
        time_zone="Asia/Gaza",
        anchor_id=acceptance["id"],
        offset="PT72H",
    )
    assert hostages["due_at"] is None
    assert hostages["due_precision"] == "unspecified"
    assert hostages["waiting_for"] == f"deadline {acceptance['id']} to be met at a recorded moment"
    assert "waiting for" in hostages["display_due"]
    assert [d["id"] for d in editor_client.get(URL, {"waiting": "true"}).json()["results"]] == [hostages["id"]]

    with time_machine.travel(dt.datetime(2025, 10, 10, tzinfo=UTC), tick=False):
        response = editor_client.post(
            f"{URL}{acceptance['id']}/state/",
            {"state": "met", "met_at": "2025-10-09T12:00:00+03:00"},
            format="json",
        )
        assert response.status_code == 200, response.json()
        assert response.json()["met_at"] == "2025-10-09T09:00:00Z"
        dated = editor_client.get(f"{URL}{hostages['id']}/").json()
        assert (dated["due_at"], dated["precision"], dated["waiting_for"]) == ("2025-10-12T09:00:00Z", "instant", "")
        assert editor_client.get(URL, {"waiting": "true"}).json()["count"] == 0
        (event,) = Event.objects.filter(deadline_id=hostages["id"], type="deadline.rescheduled")
        assert event.data["previous_due_at"] is None

    assert sweep_run(now=dt.datetime(2025, 10, 12, 8, 59, tzinfo=UTC)).flagged == 0
    assert sweep_run(now=dt.datetime(2025, 10, 12, 9, 0, tzinfo=UTC)).flagged == 1
    assert Deadline.objects.get(pk=hostages["id"]).state == "passed"


def test_a_waiting_deadline_is_never_flagged(editor_client):
    unspecified = CalendarDeadline(precision="unspecified", year=None, month=None, day=None, time=None)
    waiting = post(
        editor_client,
        commitment_id=unspecified.commitment_id,
        wording="within 72 hours",
        time_zone="UTC",
        anchor_id=unspecified.pk,
        offset="PT72H",
    )
    assert sweep_run(now=dt.datetime(2200, 1, 1, tzinfo=UTC)).flagged == 0
    assert Deadline.objects.get(pk=waiting["id"]).state == "upcoming"


def test_a_correction_of_when_it_was_met_moves_the_dependents(editor_client):
    anchor = CalendarDeadline(precision="unspecified", time_zone="UTC", year=None, month=None, day=None, time=None)
    dependent = post(
        editor_client,
        commitment_id=anchor.commitment_id,
        wording="x",
        time_zone="UTC",
        anchor_id=anchor.pk,
        offset="P1D",
    )
    url = f"{URL}{anchor.pk}/state/"
    with time_machine.travel(dt.datetime(2025, 1, 10, tzinfo=UTC), tick=False):
        assert editor_client.post(url, {"state": "met", "met_at": "2025-01-02T10:00:00Z"}).status_code == 200
        assert Deadline.objects.get(pk=dependent["id"]).due_at == dt.datetime(2025, 1, 3, 10, tzinfo=UTC)
        assert editor_client.post(url, {"state": "met", "met_at": "2025-01-04T10:00:00Z"}).status_code == 200
        assert Deadline.objects.get(pk=dependent["id"]).due_at == dt.datetime(2025, 1, 5, 10, tzinfo=UTC)
        assert editor_client.post(url, {"state": "upcoming"}).status_code == 200
        assert Deadline.objects.get(pk=dependent["id"]).due_at is None  # waits again


def test_changing_the_signing_date_moves_what_counts_from_it(editor_client, geneva):
    counted = post(
        editor_client,
        commitment_id=CommitmentFactory(agreement=geneva).pk,
        wording="within three months of signing",
        time_zone="Africa/Tripoli",
        anchor_kind="signed",
        offset="P3M",
    )
    response = editor_client.patch(f"/api/v1/agreements/{geneva.pk}/", {"date": "2020-10-24"}, format="json")
    assert response.status_code == 200, response.json()
    assert Deadline.objects.get(pk=counted["id"]).due_at == dt.datetime(2021, 1, 24, 22, tzinfo=UTC)
    (event,) = Event.objects.filter(deadline_id=counted["id"], type="deadline.rescheduled")
    assert "signing changed" in event.data["reason"]


def test_a_passed_dependent_whose_anchor_moves_ahead_reopens(editor_client):
    anchor = CalendarDeadline(time_zone="UTC", year=2025, month=1, day=1, time=dt.time(0, 0))
    dependent = post(
        editor_client,
        commitment_id=anchor.commitment_id,
        wording="x",
        time_zone="UTC",
        anchor_id=anchor.pk,
        offset="P1D",
    )
    with time_machine.travel(dt.datetime(2025, 1, 3, tzinfo=UTC), tick=False):
        assert sweep_run().flagged == 2
        assert anchor.commitment.__class__.objects.get(pk=anchor.commitment_id).overdue_since is not None
        response = editor_client.patch(f"{URL}{anchor.pk}/", {"year": 2026}, format="json")
        assert response.status_code == 200, response.json()
    reopened = Deadline.objects.get(pk=dependent["id"])
    assert (reopened.state, reopened.passed_at, reopened.due_at) == (
        "upcoming",
        None,
        dt.datetime(2026, 1, 2, tzinfo=UTC),
    )
    assert reopened.next_reminder_at is not None
    assert anchor.commitment.__class__.objects.get(pk=anchor.commitment_id).overdue_since is None


def test_an_extension_by_72_hours_keeps_the_schedule_and_moves_the_chain(editor_client):
    source = SourceFactory(quote="The truce is extended for another 72 hours.")
    truce_start = CalendarDeadline(time_zone="Asia/Gaza", year=2025, month=5, day=22, time=dt.time(21, 45))
    truce = post(
        editor_client,
        commitment_id=truce_start.commitment_id,
        wording="a truce of 7 days",
        time_zone="Asia/Gaza",
        anchor_id=truce_start.pk,
        offset="P7D",
    )
    after = post(
        editor_client,
        commitment_id=truce_start.commitment_id,
        wording="talks within two days of the truce's end",
        time_zone="Asia/Gaza",
        anchor_id=truce["id"],
        offset="P2D",
    )
    response = editor_client.post(
        f"{URL}{truce['id']}/extend/",
        {"by": "PT72H", "wording": "extended for another 72 hours", "source_id": source.pk},
        format="json",
    )
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["due_at"] == "2025-06-01T18:45:00Z"
    assert (body["offset"], body["extended_times"]) == ("P7D", 1)  # the statement stays as written
    (extension,) = body["extensions"]
    assert (extension["number"], extension["by"], extension["extended"]) == (1, "PT72H", "by 72 hours")
    assert (extension["previous_due_at"], extension["due_at"]) == ("2025-05-29T18:45:00Z", "2025-06-01T18:45:00Z")
    assert extension["source"]["id"] == source.pk
    assert extension["extended_by"] == "editor"
    assert body["display_due"].endswith("extended once, now by 21:45 on 1 June 2025 (Asia/Gaza)")
    assert Deadline.objects.get(pk=after["id"]).due_at == dt.datetime(2025, 6, 3, 18, 45, tzinfo=UTC)
    (event,) = Event.objects.filter(deadline_id=truce["id"], type="deadline.rescheduled")
    assert event.data["reason"] == "Extended by 72 hours."
    assert event.data["extension"]["source"]["id"] == source.pk

    again = editor_client.post(f"{URL}{truce['id']}/extend/", {"by": "PT72H"}, format="json").json()
    assert (again["due_at"], again["extended_times"]) == ("2025-06-04T18:45:00Z", 2)
    assert [e["number"] for e in again["extensions"]] == [1, 2]


def test_an_extension_to_a_date(editor_client):
    deadline = CalendarDeadline(precision="day", time_zone="Africa/Tripoli", year=2030, month=5, day=31, time=None)
    response = editor_client.post(
        f"{URL}{deadline.pk}/extend/", {"precision": "day", "year": 2030, "month": 6, "day": 30}, format="json"
    )
    assert response.status_code == 200, response.json()
    body = response.json()
    assert (body["due_at"], body["due_precision"]) == ("2030-06-30T22:00:00Z", "day")
    assert (body["year"], body["month"], body["day"]) == (2030, 5, 31)  # as stated
    assert body["extensions"][0]["extended"] == "to end of 30 June 2030 (Africa/Tripoli)"


def test_filters_for_anchored_and_counting_from(editor_client):
    ceasefire, starts, completed = minsk_chain(editor_client)
    anchored = editor_client.get(URL, {"anchored": "true"}).json()
    assert sorted(d["id"] for d in anchored["results"]) == sorted([starts["id"], completed["id"]])
    assert [d["id"] for d in editor_client.get(URL, {"anchored": "false"}).json()["results"]] == [ceasefire["id"]]
    assert [d["id"] for d in editor_client.get(URL, {"anchor": ceasefire["id"]}).json()["results"]] == [starts["id"]]
    assert editor_client.get(URL, {"anchored": "maybe"}).status_code == 400


def test_the_calendar_feed_has_anchored_deadlines_but_not_waiting_ones(anon_client, editor_client, geneva):
    post(
        editor_client,
        commitment_id=CommitmentFactory(agreement=geneva).pk,
        wording="within three months of signing",
        time_zone="Africa/Tripoli",
        anchor_kind="signed",
        offset="P3M",
    )
    unspecified = CalendarDeadline(precision="unspecified", year=None, month=None, day=None, time=None)
    post(
        editor_client,
        commitment_id=unspecified.commitment_id,
        wording="waits",
        time_zone="UTC",
        anchor_id=unspecified.pk,
        offset="P1D",
    )
    feed = anon_client.get("/api/v1/deadlines.ics").content.decode()
    assert "within three months of signing" in feed
    assert "DTSTART;VALUE=DATE:20210123" in feed
    assert "waits" not in feed


# --- bad input: a 400 naming the field, and nothing written ---------------------------------


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"offset": "three months"}, "offset"),
        ({"offset": "-P3D"}, "offset"),
        ({"offset": "P1.5D"}, "offset"),
        ({"offset": "P101Y"}, "offset"),
        ({"offset": ""}, "offset"),
        ({"anchor_id": 999999}, "anchor_id"),
        ({"anchor_id": "x"}, "anchor_id"),
        ({"year": 2021}, "year"),
        ({"precision": "day"}, "precision"),
        ({"time": "12:00"}, "time"),
        ({"anchor_kind": "signed"}, "anchor_id"),
        ({"anchor_kind": "sometime"}, "anchor_kind"),
    ],
)
def test_bad_anchored_input_is_refused_by_field(editor_client, change, field):
    anchor = CalendarDeadline()
    body = {
        "commitment_id": anchor.commitment_id,
        "wording": "x",
        "time_zone": "UTC",
        "anchor_id": anchor.pk,
        "offset": "P3D",
        **change,
    }
    assert field in refused(editor_client, body)


def test_an_offset_without_an_anchor_is_refused(editor_client):
    commitment = CommitmentFactory()
    body = {"commitment_id": commitment.pk, "wording": "x", "time_zone": "UTC", "precision": "year", "year": 2030}
    assert "offset" in refused(editor_client, {**body, "offset": "P3D"})
    assert "anchor_id" in refused(
        editor_client,
        {
            "commitment_id": commitment.pk,
            "wording": "x",
            "time_zone": "UTC",
            "anchor_kind": "deadline",
            "offset": "P1D",
        },
    )


def test_a_circle_is_refused(editor_client):
    ceasefire, starts, completed = minsk_chain(editor_client)
    errors = refused(
        editor_client, {"anchor_id": completed["id"], "offset": "P1D"}, f"{URL}{ceasefire['id']}/", "patch"
    )
    assert "circle" in errors["anchor_id"][0]
    errors = refused(editor_client, {"anchor_id": starts["id"]}, f"{URL}{starts['id']}/", "patch")
    assert "anchor_id" in errors
    assert Deadline.objects.get(pk=ceasefire["id"]).anchor_kind == ""


def test_an_anchor_of_an_unlinked_agreement_is_refused_until_linked(editor_client):
    elsewhere = CalendarDeadline()
    commitment = CommitmentFactory()
    body = {
        "commitment_id": commitment.pk,
        "wording": "x",
        "time_zone": "UTC",
        "anchor_id": elsewhere.pk,
        "offset": "P1D",
    }
    assert "not linked" in refused(editor_client, body)["anchor_id"][0]
    link = {"links": [{"to_id": elsewhere.commitment.agreement_id, "kind": "implements"}]}
    assert editor_client.patch(f"/api/v1/agreements/{commitment.agreement_id}/", link, format="json").status_code == 200
    post(editor_client, **body)


def test_a_deadline_that_would_fall_due_before_its_anchor_is_refused(editor_client):
    anchor = CalendarDeadline(precision="day", time_zone="America/New_York", year=2030, month=1, day=1, time=None)
    body = {
        "commitment_id": anchor.commitment_id,
        "wording": "the same day",
        "time_zone": "Asia/Tokyo",
        "anchor_id": anchor.pk,
        "offset": "P0D",
    }
    assert "before its anchor" in refused(editor_client, body)["anchor_id"][0]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({}, "by"),
        ({"by": "PT72H", "precision": "day", "year": 2030, "month": 1, "day": 2}, "by"),
        ({"by": "later"}, "by"),
        ({"by": "P0D"}, "by"),
        ({"by": "-PT1H"}, "by"),
        ({"precision": "day", "year": 2029, "month": 1, "day": 2}, "precision"),
        ({"precision": "day", "year": 2030, "month": 2, "day": 30}, "day"),
        ({"precision": "unspecified"}, "precision"),
    ],
)
def test_bad_extensions_are_refused_by_field(editor_client, body, field):
    deadline = CalendarDeadline()  # 00:00 on 1 January 2030, Tripoli
    assert field in refused(editor_client, body, f"{URL}{deadline.pk}/extend/")


def test_met_at_must_have_happened_and_belong_to_met(editor_client):
    deadline = CalendarDeadline()
    url = f"{URL}{deadline.pk}/state/"
    future = (dt.datetime.now(UTC) + dt.timedelta(days=1)).isoformat()
    assert "met_at" in refused(editor_client, {"state": "met", "met_at": future}, url)
    assert "met_at" in refused(editor_client, {"state": "cancelled", "met_at": "2020-01-01T00:00:00Z"}, url)
    assert "met_at" in refused(editor_client, {"state": "met", "met_at": "yesterday"}, url)


def test_a_deadline_others_count_from_cannot_be_deleted(editor_client):
    ceasefire, _, _ = minsk_chain(editor_client)
    response = editor_client.delete(f"{URL}{ceasefire['id']}/")
    assert response.status_code == 409
    assert Deadline.objects.filter(pk=ceasefire["id"]).exists()
