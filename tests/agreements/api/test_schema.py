"""The OpenAPI schema: valid, complete, and true to what the API serves."""

from __future__ import annotations

import io
from collections.abc import Iterator

import pytest
import schemathesis
import yaml
from django.core.management import call_command
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from tracker.wsgi import application

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def schema() -> dict:
    out = io.StringIO()
    call_command("spectacular", "--validate", "--fail-on-warn", stdout=out)
    return yaml.safe_load(out.getvalue())


def test_the_schema_validates_and_is_served(schema, anon_client):
    assert schema["openapi"].startswith("3.")
    served = anon_client.get("/api/schema/", {"format": "json"})
    assert served.status_code == 200
    assert served.json()["paths"].keys() == schema["paths"].keys()


def test_every_resource_and_action_is_described(schema):
    paths = schema["paths"]
    for resource in ("agreements", "actors", "commitments", "deadlines", "sources", "events"):
        assert f"/api/v1/{resource}/" in paths
    assert "/api/v1/agreements/{id_or_slug}/" in paths
    assert "post" in paths["/api/v1/commitments/{id}/status/"]
    assert "post" in paths["/api/v1/deadlines/{id}/state/"]
    assert "text/calendar" in paths["/api/v1/deadlines.ics"]["get"]["responses"]["200"]["content"]


@pytest.mark.parametrize(
    ("path", "filters"),
    [
        (
            "/api/v1/agreements/",
            {
                "q",
                "ordering",
                "page",
                "page_size",
                "country",
                "kind",
                "actor",
                "role",
                "signed_after",
                "signed_before",
                "has_overdue",
            },
        ),
        ("/api/v1/commitments/", {"q", "agreement", "status", "overdue", "category", "actor"}),
        ("/api/v1/deadlines/", {"q", "state", "precision", "due_after", "due_before", "within"}),
        ("/api/v1/deadlines.ics", {"q", "state", "precision", "due_after", "due_before", "within", "country"}),
    ],
)
def test_every_filter_is_documented(schema, path, filters):
    documented = {p["name"] for p in schema["paths"][path]["get"]["parameters"]}
    assert filters <= documented


def test_enums_and_errors_are_documented(schema):
    components = schema["components"]["schemas"]
    assert components["CommitmentStatusEnum"]["enum"] == [
        "not_assessed",
        "in_progress",
        "met",
        "partially_met",
        "breached",
        "withdrawn",
    ]
    assert "addressed_party" in components["SignatoryRoleEnum"]["enum"]
    create = schema["paths"]["/api/v1/deadlines/"]["post"]["responses"]
    assert {"201", "400", "401", "403", "429"} <= set(create)
    listing = schema["paths"]["/api/v1/deadlines/"]["get"]["responses"]
    assert {"200", "400", "404"} <= set(listing)


api = schemathesis.openapi.from_wsgi("/api/schema/?format=json", application)


@pytest.fixture
def _seeds_for_conformance(seeded) -> Iterator[None]:
    # Requests go straight to the WSGI app; like Django's test client, keep the
    # test's database connection open across them.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@api.include(method="GET").parametrize()
@settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck))
@pytest.mark.usefixtures("_seeds_for_conformance")
def test_every_read_conforms_to_the_schema(case):
    # No 5xx; documented status codes, bodies and content types; invalid input refused.
    # A schema-valid value may still name nothing (an unknown slug): a 400 there is right.
    case.call_and_validate(headers={"Host": "localhost"}, excluded_checks=[positive_data_acceptance])
