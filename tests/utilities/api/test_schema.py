"""The 400 every operation documents is what a 400 is: messages per field, nested objects' errors
nested, or one `detail` for a body that cannot be read."""

from __future__ import annotations

from typing import Any

import pytest

from tests.factories import AgreementFactory
from tests.openapi import errors, openapi

pytestmark = pytest.mark.django_db


def bad_request(path: str, method: str) -> dict[str, Any]:
    return openapi()["paths"][path][method]["responses"]["400"]["content"]["application/json"]["schema"]


def test_a_400_of_messages_per_field_is_documented(editor_client):
    response = editor_client.post("/api/v1/agreements/", {"kind": "ceasefire"}, format="json")
    assert response.status_code == 400
    assert "title" in response.json()
    assert errors(response.json(), bad_request("/api/v1/agreements/", "post")) == []


def test_a_400_with_a_nested_objects_errors_is_documented(editor_client):
    agreement = AgreementFactory()
    body = {"links": [{"to": 1, "kind": "references"}]}
    response = editor_client.patch(f"/api/v1/agreements/{agreement.pk}/", body, format="json")
    assert response.status_code == 400
    assert response.json() == {"links": {"0": {"to": ["to is read-only: write to_id instead."]}}}
    assert errors(response.json(), bad_request("/api/v1/agreements/{id_or_slug}/", "patch")) == []


def test_a_400_for_a_body_that_is_no_json_is_documented(editor_client):
    response = editor_client.post("/api/v1/agreements/", b'{"title": ', content_type="application/json")
    assert response.status_code == 400
    assert set(response.json()) == {"detail"}
    assert errors(response.json(), bad_request("/api/v1/agreements/", "post")) == []


def test_a_400_of_a_list_parameter_is_documented(anon_client):
    response = anon_client.get("/api/v1/deadlines/", {"due_after": "tomorrow"})
    assert response.status_code == 400
    assert errors(response.json(), bad_request("/api/v1/deadlines/", "get")) == []


def test_what_is_no_400_body_is_refused_by_the_schema():
    schema = bad_request("/api/v1/agreements/", "post")
    assert errors({"title": "not a list"}, schema) != []
    assert errors({"links": {"0": {"to": [1]}}}, schema) != []
    assert errors({"non_field_errors": ["Both dates are given."]}, schema) == []
