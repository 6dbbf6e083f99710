"""JSON types are checked as the schema states them: no silent coercion of a wrong type."""

from __future__ import annotations

import pytest

from agreements.models import Actor, Agreement, Deadline
from tests.factories import ActorFactory, CommitmentFactory
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
