"""/api/v1/commitments/: status, overdue, and recording what became of them."""

from __future__ import annotations

import datetime as dt

import pytest

from agreements.models import Commitment, Event, StatusChange
from agreements.services.sweep import sweep_run
from tests.agreements.api.conftest import ids, results
from tests.factories import CommitmentFactory, DeadlineFactory, SourceFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/commitments/"
ANKARA = "2020-07-22-ankara-joint-statement-on-libya"


def test_the_four_points_of_the_ankara_statement(anon_client, seeded):
    rows = results(anon_client.get(URL, {"agreement": ANKARA}))
    assert [r["number"] for r in rows] == ["1", "2", "3", "4"]
    assert rows[3]["deadlines"][0]["wording"] == "in the near future"
    assert rows[3]["wording_source"]["title"].startswith("No: 156")
    assert {a["slug"] for a in rows[0]["bound_actors"]} == {"turkey", "russia"}


def test_overdue_filter_after_the_sweep(anon_client, seeded):
    assert results(anon_client.get(URL, {"overdue": "true"})) == []
    sweep_run()
    overdue = results(anon_client.get(URL, {"overdue": "true"}))
    assert len(overdue) == 1
    assert overdue[0]["is_overdue"] is True
    assert overdue[0]["overdue_since"] == "2020-01-11T22:00:00Z"
    assert len(results(anon_client.get(URL, {"overdue": "false"}))) == 6


def test_filters(anon_client, seeded):
    assert len(results(anon_client.get(URL, {"category": "ceasefire"}))) == 3
    assert len(results(anon_client.get(URL, {"actor": "libyan-national-army"}))) == 3
    lna = {row["id"] for row in results(anon_client.get(URL, {"actor": "libyan-national-army"}))}
    assert {row["id"] for row in results(anon_client.get(URL, {"actor": "khalifa-haftar"}))} == lna
    assert {row["id"] for row in results(anon_client.get(URL, {"actor": "Hifter"}))} == lna
    assert len(results(anon_client.get(URL, {"status": "not_assessed"}))) == 7
    assert len(results(anon_client.get(URL, {"country": "LY", "q": "convene"}))) == 1
    assert anon_client.get(URL, {"status": "done"}).status_code == 400


def test_detail_shows_the_status_history(anon_client, editor_client):
    commitment = CommitmentFactory()
    source = SourceFactory()
    editor_client.post(
        f"{URL}{commitment.pk}/status/", {"status": "breached", "source_ids": [source.pk]}, format="json"
    )
    history = anon_client.get(f"{URL}{commitment.pk}/").json()["status_history"]
    assert [(h["from_status"], h["to_status"], h["changed_by"]) for h in history] == [
        ("not_assessed", "breached", "editor")
    ]
    assert history[0]["sources"][0]["id"] == source.pk


def test_an_editor_records_a_status_change_with_new_sources(editor_client):
    commitment = CommitmentFactory()
    response = editor_client.post(
        f"{URL}{commitment.pk}/status/",
        {
            "status": "partially_met",
            "note": "Some units withdrew.",
            "sources": [{"title": "UN briefing", "quote": "Some units withdrew.", "link": "https://example.org/b"}],
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    assert response.json()["to_status"] == "partially_met"
    assert Commitment.objects.get(pk=commitment.pk).status == "partially_met"
    assert Event.objects.get().type == "commitment.status_changed"


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"status": "met"}, "sources"),
        ({"status": "finished"}, "status"),
        ({"status": "met", "source_ids": [999999]}, "source_ids"),
        ({"status": "met", "sources": [{"title": "no quote"}]}, "sources"),
        ({"status": "not_assessed"}, "status"),
    ],
)
def test_a_bad_status_change_is_refused_and_writes_nothing(editor_client, payload, field):
    commitment = CommitmentFactory()
    response = editor_client.post(f"{URL}{commitment.pk}/status/", payload, format="json")
    assert response.status_code == 400
    assert field in response.json()
    assert not StatusChange.objects.exists()
    assert not Event.objects.exists()


def test_recording_a_status_needs_the_permission(anon_client, reader_client):
    commitment = CommitmentFactory()
    assert (
        anon_client.post(f"{URL}{commitment.pk}/status/", {"status": "in_progress"}, format="json").status_code == 401
    )
    assert (
        reader_client.post(f"{URL}{commitment.pk}/status/", {"status": "in_progress"}, format="json").status_code == 403
    )


def test_status_is_not_writable_directly(editor_client):
    commitment = CommitmentFactory()
    response = editor_client.patch(f"{URL}{commitment.pk}/", {"status": "met", "summary": "New"}, format="json")
    assert response.status_code == 400
    assert list(response.json()) == ["status"]
    assert f"/api/v1/commitments/{commitment.pk}/status/" in response.json()["status"][0]
    commitment.refresh_from_db()
    assert (commitment.status, commitment.summary) == ("not_assessed", "")


def test_an_editor_creates_a_commitment(editor_client, seeded):
    from agreements.models import Actor, Agreement

    agreement = Agreement.objects.get(slug=ANKARA)
    response = editor_client.post(
        URL,
        {
            "agreement_id": agreement.pk,
            "number": "5",
            "wording": "Additional point.",
            "category": "other",
            "bound_actor_ids": [Actor.objects.get(slug="turkey").pk],
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    assert response.json()["position"] == 4
    duplicate = editor_client.post(
        URL, {"agreement_id": agreement.pk, "number": "5", "wording": "x", "category": "other"}, format="json"
    )
    assert duplicate.status_code == 400


def test_a_commitment_cannot_move_to_another_agreement(editor_client):
    commitment, other = CommitmentFactory(), CommitmentFactory()
    response = editor_client.patch(f"{URL}{commitment.pk}/", {"agreement_id": other.agreement_id}, format="json")
    assert response.status_code == 400
    assert "agreement_id" in response.json()


def test_the_list_is_a_fixed_number_of_queries(anon_client, django_assert_num_queries):
    for _ in range(3):
        DeadlineFactory()
    with django_assert_num_queries(4):
        anon_client.get(URL)
    for _ in range(10):
        DeadlineFactory()
    with django_assert_num_queries(4):
        assert len(ids(anon_client.get(URL))) == 13
    commitment = Commitment.objects.first()
    with django_assert_num_queries(4):  # the row, bound actors, deadlines, status history
        anon_client.get(f"{URL}{commitment.pk}/")


def test_deadlines_are_ordered_by_due_date(anon_client):
    commitment = CommitmentFactory()
    DeadlineFactory(commitment=commitment, year=2031, wording="later")
    DeadlineFactory(commitment=commitment, year=2030, wording="sooner")
    body = anon_client.get(f"{URL}{commitment.pk}/").json()
    assert [d["wording"] for d in body["deadlines"]] == ["sooner", "later"]
    assert body["deadlines"][0]["due_at"] == dt.datetime(2029, 12, 31, 22, tzinfo=dt.UTC).isoformat().replace(
        "+00:00", "Z"
    )
