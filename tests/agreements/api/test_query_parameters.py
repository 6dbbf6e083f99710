"""Query parameters: what a URL does not document is a 400 naming it, never silently ignored."""

from __future__ import annotations

import io
import re

import pytest
import yaml
from django.core.management import call_command

from agreements.models import Actor
from tests.factories import DeadlineFactory

pytestmark = pytest.mark.django_db

AGREEMENT = "2020-07-22-ankara-joint-statement-on-libya"


@pytest.fixture(scope="module")
def documented() -> dict[str, set[str]]:
    """Each GET path of the schema, with the query parameters it documents."""
    out = io.StringIO()
    call_command("spectacular", stdout=out)
    paths = yaml.safe_load(out.getvalue())["paths"]
    return {
        path: {p["name"] for p in operations["get"].get("parameters", []) if p["in"] == "query"}
        for path, operations in paths.items()
        if "get" in operations
    }


def test_search_is_named_q(anon_client, seeded):
    response = anon_client.get("/api/v1/agreements/", {"search": "Haftar"})
    assert response.status_code == 400
    assert response.json() == {
        "search": [
            "No parameter search here: the search parameter is q (it matches aliases, ignoring case and accents)."
        ]
    }


def test_a_misspelt_filter_is_refused_with_the_one_meant(anon_client):
    response = anon_client.get("/api/v1/agreements/", {"signed_afer": "2020-01-01", "sort": "date"})
    assert response.status_code == 400
    body = response.json()
    assert body["signed_afer"][0].startswith("No parameter signed_afer here. Did you mean signed_after? The parameters")
    assert body["sort"] == [
        "No parameter sort here: the sort parameter is ordering (e.g. ordering=-date; - for descending)."
    ]


def known_here(client, url: str) -> set[str]:
    """The parameters a URL says it knows, when asked for one it does not."""
    response = client.get(url, {"no_such_parameter": "1"})
    assert response.status_code == 400, response.content
    [message] = response.json()["no_such_parameter"]
    listed = re.search(r"The parameters known here: (.*)\.$", message)
    assert listed is not None, message
    return set() if listed[1] == "none" else set(listed[1].split(", "))


def test_every_list_takes_exactly_what_its_schema_documents(editor_client, seeded, documented):
    lists = [path for path in documented if "{" not in path and path.startswith("/api/v1/")]
    assert len(lists) == 8
    for path in lists:
        expected = documented[path] | ({"format"} if not path.endswith(".ics") else set())
        assert known_here(editor_client, path) == expected, path


def test_a_detail_takes_only_format(editor_client, seeded):
    deadline = DeadlineFactory()
    for url in (f"/api/v1/agreements/{AGREEMENT}/", f"/api/v1/deadlines/{deadline.pk}/"):
        assert known_here(editor_client, url) == {"format"}
        assert editor_client.get(url, {"format": "json"}).status_code == 200
    response = editor_client.get(f"/api/v1/agreements/{AGREEMENT}/", {"country": "FR"})
    assert response.status_code == 400
    assert response.json()["country"][0].startswith("No parameter country here.")


def test_the_calendar_feed_refuses_unknown_parameters_in_json(anon_client, seeded):
    response = anon_client.get("/api/v1/deadlines.ics", {"country": "LY", "search": "ceasefire"})
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert list(response.json()) == ["search"]
    assert anon_client.get("/api/v1/deadlines.ics", {"country": "LY", "q": "ceasefire"}).status_code == 200


def test_a_write_with_an_unknown_parameter_writes_nothing(editor_client):
    response = editor_client.post("/api/v1/actors/?dry_run=1", {"name": "A", "kind": "state"}, format="json")
    assert response.status_code == 400
    assert list(response.json()) == ["dry_run"]
    assert not Actor.objects.exists()


def test_the_documented_parameters_pass(anon_client, seeded):
    params = {"q": "Hafter", "ordering": "-date", "page": "1", "page_size": "5", "brief": "1", "format": "json"}
    response = anon_client.get("/api/v1/agreements/", params)
    assert response.status_code == 200
    assert response.json()["count"] == 2


def test_a_method_not_served_is_a_405_whatever_the_parameters(editor_client):
    assert editor_client.generic("TRACE", "/api/v1/agreements/?bogus=1").status_code == 405


@pytest.mark.parametrize(
    ("path", "params", "message"),
    [
        (
            "/api/v1/agreements/",
            {"kind": "ceasefire"},
            "'ceasefire' is not one of: joint_statement, ceasefire_agreement, peace_agreement, "
            "conference_conclusions, declaration, memorandum, other.",
        ),
        ("/api/v1/agreements/", {"source": "dataset"}, "'dataset' is not one of: ethprio, pax, editor."),
        ("/api/v1/deadlines/", {"state": "late"}, "'late' is not one of: upcoming, passed, met, cancelled."),
        ("/api/v1/deadlines/", {"within": "7d"}, "A number of days from now, e.g. 7 or 0.5."),
        ("/api/v1/deadlines.ics", {"state": "late"}, "'late' is not one of: upcoming, passed, met, cancelled."),
    ],
)
def test_a_value_a_filter_does_not_take_is_answered_with_what_it_takes(anon_client, path, params, message):
    response = anon_client.get(path, params, HTTP_ACCEPT="application/json")
    assert response.status_code == 400
    assert response.json() == {next(iter(params)): [message]}


def test_the_schema_says_within_is_a_number(documented):
    out = io.StringIO()
    call_command("spectacular", stdout=out)
    (within,) = [
        p
        for p in yaml.safe_load(out.getvalue())["paths"]["/api/v1/deadlines/"]["get"]["parameters"]
        if p["name"] == "within"
    ]
    assert within["schema"]["type"] == "number"
