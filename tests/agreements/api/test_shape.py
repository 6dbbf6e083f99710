"""Compact lists: ?brief=1 and ?fields= on every list, documented, and a 400 for what cannot be."""

from __future__ import annotations

import json

import pytest

from agreements.services.sweep import sweep_run
from bench import data
from tests.agreements.api.conftest import results

pytestmark = pytest.mark.django_db

LISTS = [
    "/api/v1/agreements/",
    "/api/v1/actors/",
    "/api/v1/sources/",
    "/api/v1/commitments/",
    "/api/v1/deadlines/",
    "/api/v1/events/",
]


@pytest.mark.parametrize("url", LISTS)
def test_every_list_has_a_brief_form_and_chosen_fields(anon_client, seeded, url):
    sweep_run()  # the Istanbul call's deadline passes: the timeline has an entry
    full = results(anon_client.get(url))
    assert full
    brief = results(anon_client.get(url, {"brief": "1"}))
    assert [row["id"] for row in brief] == [row["id"] for row in full]
    assert set(brief[0]) < set(full[0])
    picked = results(anon_client.get(url, {"fields": "id,url"}))
    assert [set(row) for row in picked] == [{"id", "url"}] * len(full)
    assert results(anon_client.get(url, {"brief": "true", "fields": "id"})) == [{"id": r["id"]} for r in full]


def test_a_brief_page_of_100_agreements_is_at_least_ten_times_smaller(anon_client, django_assert_max_num_queries):
    data.agreements(count=100, commitments_each=5)
    full = anon_client.get("/api/v1/agreements/", {"page_size": 100}).content
    with django_assert_max_num_queries(2):  # the count and the page: no nested rows read
        brief = anon_client.get("/api/v1/agreements/", {"page_size": 100, "brief": 1}).content
    assert len(json.loads(brief)["results"]) == 100
    assert len(full) >= 10 * len(brief), (len(full), len(brief))


def test_fields_read_only_the_relations_they_show(anon_client, django_assert_max_num_queries):
    data.agreements(count=20, commitments_each=3)
    with django_assert_max_num_queries(3):  # the count, the page, the parties: no commitments, links, sources
        rows = results(anon_client.get("/api/v1/agreements/", {"fields": "id,title,signatories"}))
    assert all(set(row) == {"id", "title", "signatories"} for row in rows)


@pytest.mark.parametrize(
    ("params", "says"),
    [
        ({"brief": "yes"}, "brief"),
        ({"fields": "id,nonsense"}, "fields"),
        ({"fields": " , "}, "fields"),
        ({"brief": "1", "fields": "summary"}, "fields"),  # the brief form has no summary
    ],
)
def test_a_shape_that_cannot_be_is_a_400_naming_the_parameter(anon_client, seeded, params, says):
    response = anon_client.get("/api/v1/agreements/", params)
    assert response.status_code == 400
    assert says in response.json()


def test_the_schema_documents_both_parameters_on_every_list(anon_client):
    schema = anon_client.get("/api/schema/", {"format": "json"}).json()
    for url in LISTS:
        names = {p["name"] for p in schema["paths"][url]["get"]["parameters"]}
        assert {"brief", "fields"} <= names, url
