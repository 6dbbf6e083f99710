"""Bodies are checked as the schema states them: no silent coercion of a wrong type, and no
unknown or read-only field silently dropped."""

from __future__ import annotations

import pytest

from agreements.choices import CommitmentStatus, DeadlineState
from agreements.models import Actor, Agreement, Commitment, Deadline
from tests.agreements.api.test_bad_input import table_counts
from tests.factories import ActorFactory, CommitmentFactory, DeadlineFactory, SourceFactory
from webhooks.models import WebhookEndpoint

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("body", "errors"),
    [
        ({"name": 5, "kind": "state"}, {"name": ["Incorrect type. Expected a string, got integer."]}),
        ({"name": True, "kind": "state"}, {"name": ["Incorrect type. Expected a string, got boolean."]}),
        (
            {"name": "A", "kind": "state", "aliases": ["B", 7]},
            {"aliases": {"1": ["Incorrect type. Expected a string, got integer."]}},
        ),
        (
            {"name": "A", "kind": "state", "aliases": {"B": 1}},
            {"aliases": ["Incorrect type. Expected a list, got object."]},
        ),
    ],
)
def test_an_actor_with_wrong_types_is_refused_by_field(editor_client, body, errors):
    response = editor_client.post("/api/v1/actors/", body, format="json")
    assert response.status_code == 400
    assert response.json() == errors
    assert not Actor.objects.exists()


def test_nested_parts_are_checked_item_by_item(editor_client):
    turkey = ActorFactory()
    body = {
        "title": "A statement",
        "kind": "joint_statement",
        "signatories": [
            {"actor_id": turkey.pk, "role": "signatory"},
            {"actor_id": str(turkey.pk), "role": "signatory"},
        ],
        "source_ids": {},
    }
    response = editor_client.post("/api/v1/agreements/", body, format="json")
    assert response.status_code == 400
    assert response.json() == {
        "signatories": {"1": {"actor_id": ["Incorrect type. Expected an integer id, got string."]}},
        "source_ids": ["Incorrect type. Expected a list, got object."],
    }
    assert not Agreement.objects.exists()


@pytest.mark.parametrize(("field", "value"), [("year", "2030"), ("year", 2030.0), ("commitment_id", "1")])
def test_numbers_must_be_numbers(editor_client, field, value):
    commitment = CommitmentFactory()
    body = {"commitment_id": commitment.pk, "wording": "x", "time_zone": "UTC", "precision": "year", "year": 2030}
    response = editor_client.post("/api/v1/deadlines/", {**body, field: value}, format="json")
    assert response.status_code == 400
    assert field in response.json()
    assert not Deadline.objects.exists()


def test_booleans_must_be_booleans(editor_client):
    body = {"url": "https://hooks.example.org/x", "event_types": ["deadline.passed"], "paused": "yes"}
    response = editor_client.post("/api/v1/webhooks/", body, format="json")
    assert response.status_code == 400
    assert response.json() == {"paused": ["Incorrect type. Expected a boolean, got string."]}
    assert not WebhookEndpoint.objects.exists()


def test_the_right_types_pass(editor_client):
    response = editor_client.post("/api/v1/actors/", {"name": "A", "kind": "state", "aliases": ["B"]}, format="json")
    assert response.status_code == 201, response.json()


# --- unknown and read-only fields: a 400 naming each, never a silent no-op --------------------


@pytest.fixture
def records(seeded):
    """One record of each writable resource, by the path of its detail."""
    commitment = CommitmentFactory()
    deadline = DeadlineFactory(commitment=commitment, year=2040)
    return {
        "agreements": commitment.agreement_id,
        "actors": ActorFactory().pk,
        "sources": SourceFactory().pk,
        "commitments": commitment.pk,
        "deadlines": deadline.pk,
    }


WRITES = [
    ("post", "/api/v1/{resource}/"),
    ("patch", "/api/v1/{resource}/{id}/"),
    ("put", "/api/v1/{resource}/{id}/"),
]


@pytest.mark.parametrize("resource", ["agreements", "actors", "sources", "commitments", "deadlines"])
@pytest.mark.parametrize(("method", "path"), WRITES)
def test_an_unknown_field_is_a_400_naming_it(editor_client, records, resource, method, path):
    before = table_counts()
    url = path.format(resource=resource, id=records[resource])
    response = getattr(editor_client, method)(url, {"bogus_field": 1}, format="json")
    assert response.status_code == 400
    [message] = response.json()["bogus_field"]
    assert message.startswith("No field bogus_field here; the writable fields are: ")
    assert table_counts() == before


ACTIONS = [
    ("commitments", "status", {"status": "met", "note": "x", "source_ids": []}),
    ("deadlines", "state", {"state": "met"}),
    ("deadlines", "extend", {"by": "PT72H"}),
]


@pytest.mark.parametrize(("resource", "action", "body"), ACTIONS)
def test_an_actions_body_takes_only_its_fields(editor_client, records, resource, action, body):
    before = table_counts()
    url = f"/api/v1/{resource}/{records[resource]}/{action}/"
    response = editor_client.post(url, {**body, "bogus_field": 1}, format="json")
    assert response.status_code == 400
    assert list(response.json()) == ["bogus_field"]
    assert table_counts() == before


def test_a_commitments_status_is_read_only_and_the_message_names_the_action(editor_client, records):
    pk = records["commitments"]
    response = editor_client.patch(f"/api/v1/commitments/{pk}/", {"status": "met"}, format="json")
    assert response.status_code == 400
    assert response.json() == {
        "status": [
            f"status is read-only: record a status change with POST /api/v1/commitments/{pk}/status/ "
            '({"status": "met", "note": "…", "source_ids": […]}); each change is kept in status_history.'
        ]
    }
    assert Commitment.objects.get(pk=pk).status == CommitmentStatus.NOT_ASSESSED


def test_a_deadlines_state_is_read_only_and_the_message_names_the_action(editor_client, records):
    pk = records["deadlines"]
    response = editor_client.patch(f"/api/v1/deadlines/{pk}/", {"state": "met", "due_at": None}, format="json")
    assert response.status_code == 400
    assert response.json() == {
        "state": [
            f'state is read-only: use POST /api/v1/deadlines/{pk}/state/ with {{"state": "met"}} (and met_at, when '
            'it happened), {"state": "cancelled"}, or {"state": "upcoming"} to reopen.'
        ],
        "due_at": [
            "due_at is read-only: derived from precision, year, month, day, time and time_zone (or anchor_id and "
            f"offset); to extend the deadline, use POST /api/v1/deadlines/{pk}/extend/."
        ],
    }
    assert Deadline.objects.get(pk=pk).state == DeadlineState.UPCOMING


def test_a_read_only_field_on_create_names_the_action_by_its_pattern(editor_client, records):
    body = {"commitment_id": records["commitments"], "wording": "x", "time_zone": "UTC", "precision": "year"}
    response = editor_client.post("/api/v1/deadlines/", {**body, "year": 2030, "state": "met"}, format="json")
    assert response.status_code == 400
    assert response.json()["state"][0].startswith("state is read-only: use POST /api/v1/deadlines/{id}/state/ ")


def test_nested_parts_refuse_read_only_and_unknown_fields(editor_client, records):
    turkey = ActorFactory()
    pk = records["agreements"]
    body = {
        "signatories": [
            {"actor_id": turkey.pk, "role": "signatory"},
            {"actor": {"id": turkey.pk}, "actor_id": turkey.pk, "role": "mediator", "signed": True},
        ],
        "links": [{"to": 1, "kind": "references"}],
        "sources": [],
    }
    response = editor_client.patch(f"/api/v1/agreements/{pk}/", body, format="json")
    assert response.status_code == 400
    assert response.json() == {
        "signatories": {
            "1": {
                "actor": ["actor is read-only: write actor_id instead."],
                "signed": [
                    "No field signed here; the writable fields are: actor_id, note, role, signed_as, signed_by_id. "
                    "Did you mean signed_as?"
                ],
            }
        },
        "links": {"0": {"to": ["to is read-only: write to_id instead."]}},
        "sources": ["sources is read-only: write source_ids instead."],
    }
    assert not Agreement.objects.get(pk=pk).signatories.exists()


def test_writing_only_writable_fields_still_works(editor_client, records):
    pk = records["commitments"]
    response = editor_client.patch(f"/api/v1/commitments/{pk}/", {"summary": "Stop fighting."}, format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["summary"] == "Stop fighting."
