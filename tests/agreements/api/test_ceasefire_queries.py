"""Queries analysts ask of ceasefires: in force on a day, by UCDP actor, by dataset, by dataset id."""

from __future__ import annotations

import datetime as dt

import pytest

from agreements.ethprio.importer import ceasefires_import
from agreements.models import Agreement
from tests.agreements.api.conftest import results
from tests.agreements.ethprio.conftest import row, write_file
from tests.openapi import openapi

pytestmark = pytest.mark.django_db

URL = "/api/v1/agreements/"
NOW = dt.datetime(2026, 11, 27, tzinfo=dt.UTC)


@pytest.fixture
def ceasefires(tmp_path, seeded) -> None:
    rows = [
        row(),  # 620077: from 12 January 2020, no end recorded
        row(
            uniq_id=620078,
            actor="Government of Libya",
            ucdp_actor_id=111,
            id=1841,
            end_yr=2020,
            end_month=2,
            end_day=-1,
        ),
        # 620079: took effect some day in March 2020
        row(uniq_id=620079, id=1842, cf_effect_month=3, cf_effect_day=-1, end_yr=2020, end_month=4, end_day=30),
        row(uniq_id=70001, actor="Government of Mexico", ucdp_actor_id=10, id=1, location="Mexico"),
    ]
    ceasefires_import(write_file(tmp_path / "e.csv", rows), now=NOW)


def ethprio_ids(response) -> list[str]:
    return sorted(a["external_ids"].get("ethprio", "") for a in results(response))


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        ("2020-01-11", []),
        ("2020-01-12", ["620077", "620078"]),
        ("2020-02-29", ["620077"]),  # 620078 ended some day in February: possibly before the 29th
        ("2020-03-01", ["620077"]),  # 620079 took effect some day in March: not certainly by the 1st
        ("2020-03-31", ["620077", "620079"]),
        ("2020-05-01", ["620077"]),
    ],
)
def test_in_force_on_a_day_is_honest_about_precision(anon_client, ceasefires, day, expected):
    response = anon_client.get(URL, {"country": "LY", "in_force_on": day})
    assert ethprio_ids(response) == expected


def test_by_ucdp_actor_dataset_and_dataset_id(anon_client, ceasefires):
    # UCDP's actor 5802 is the seeded Libyan National Army: its ceasefires, and the seeded statements
    # that address it.
    found = results(anon_client.get(URL, {"ucdp_actor": 5802}))
    assert sorted(a["external_ids"].get("ethprio", a["slug"]) for a in found) == sorted(
        [
            "620077",
            "620079",
            *Agreement.objects.filter(external_ids={}, signatories__actor__slug="libyan-national-army").values_list(
                "slug", flat=True
            ),
        ]
    )
    assert len(found) > 2
    assert ethprio_ids(anon_client.get(URL, {"ethprio_id": "620078"})) == ["620078"]
    assert len(results(anon_client.get(URL, {"source": "ethprio"}))) == 4
    editors = results(anon_client.get(URL, {"source": "editor"}))
    assert {a["slug"] for a in editors} == set(
        Agreement.objects.exclude(external_ids__has_key="ethprio").values_list("slug", flat=True)
    )
    assert results(anon_client.get(URL, {"source": "pax"})) == []
    actors = results(anon_client.get("/api/v1/actors/", {"ucdp_actor": 111}))
    assert [(a["name"], a["external_ids"]) for a in actors] == [("Government of Libya", {"ucdp": "111"})]


def test_the_detail_shows_the_coded_values(anon_client, ceasefires):
    agreement = Agreement.objects.get(external_ids__ethprio="620077")
    body = anon_client.get(f"{URL}{agreement.pk}/").json()
    (first,) = body["coded"]["rows"]
    assert first["columns"]["ceasefire_class"] == "1"
    assert (body["in_force_from"], body["in_force_from_precision"], body["ended_on"]) == ("2020-01-12", "day", None)


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"in_force_on": "12/01/2020"}, "in_force_on"),
        ({"in_force_on": "2020-02-30"}, "in_force_on"),
        ({"ucdp_actor": "five"}, "ucdp_actor"),
        ({"ucdp_actor": "0"}, "ucdp_actor"),
        ({"ucdp_actor": "5802.5"}, "ucdp_actor"),
        ({"source": "wikipedia"}, "source"),
    ],
)
def test_bad_query_values_are_refused_by_name(anon_client, params, field):
    response = anon_client.get(URL, params)
    assert response.status_code == 400
    assert field in response.json()


@pytest.mark.parametrize("path", ["/api/v1/commitments/", "/api/v1/deadlines/"])
def test_commitments_and_deadlines_filter_by_where_their_agreement_comes_from(anon_client, ceasefires, path):
    def agreements(source: str) -> set[str]:
        rows = results(anon_client.get(path, {"source": source, "page_size": 200}))
        return {
            row["agreement"]["slug"] if "agreement" in row else row["commitment"]["agreement"]["slug"] for row in rows
        }

    imported = set(Agreement.objects.filter(external_ids__has_key="ethprio").values_list("slug", flat=True))
    assert agreements("ethprio") == imported
    editors = agreements("editor")
    assert editors
    assert not editors & imported
    assert agreements("pax") == set()


@pytest.mark.parametrize("path", ["/api/v1/agreements/", "/api/v1/actors/"])
def test_the_schema_says_a_ucdp_actor_is_a_whole_number(path):
    (parameter,) = [p for p in openapi()["paths"][path]["get"]["parameters"] if p["name"] == "ucdp_actor"]
    assert parameter["schema"] == {"type": "integer", "minimum": 1}
