"""Pages: a page or page size that is no whole number from 1 is a 400 naming it; a page past the end a 404;
the links to the pages either side carry the page size used."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from tests.factories import SourceFactory
from tests.openapi import openapi

pytestmark = pytest.mark.django_db

URL = "/api/v1/sources/"


@pytest.mark.parametrize("value", ["abc", "0", "-1", "1.5", "1e3", "²", "0" * 5000, "\u0660"])
def test_a_page_that_is_no_whole_number_from_1_is_a_400_naming_page(anon_client, value):
    response = anon_client.get(URL, {"page": value})
    assert response.status_code == 400
    assert response.json() == {"page": ["A whole number from 1 (a page past the last is a 404)."]}


@pytest.mark.parametrize("value", ["2", "9" * 5000])
def test_a_page_past_the_end_is_a_404(anon_client, value):
    # 5,000 digits: more than int() reads (a ValueError, once a 500), a page past the end all the same.
    response = anon_client.get(URL, {"page": value})
    assert response.status_code == 404
    assert response.json() == {"detail": "Invalid page: That page contains no results"}


def test_a_page_size_of_more_digits_than_int_reads_is_served_capped(anon_client):
    SourceFactory.create_batch(3)
    response = anon_client.get(URL, {"page_size": "9" * 5000})
    assert response.status_code == 200
    assert len(response.json()["results"]) == 3


@pytest.mark.parametrize("value", ["0002", "\uff12"])
def test_a_page_in_other_decimal_digits_is_that_page(anon_client, value):
    SourceFactory.create_batch(3)
    response = anon_client.get(URL, {"page": value, "page_size": 2})
    assert response.status_code == 200
    assert len(response.json()["results"]) == 1


@pytest.mark.parametrize("value", ["0", "ten", "²", "0" * 5000])
def test_a_page_size_that_is_no_whole_number_from_1_is_a_400_naming_page_size(anon_client, value):
    response = anon_client.get(URL, {"page_size": value})
    assert response.status_code == 400
    assert response.json() == {"page_size": ["A whole number from 1 (at most 200 are returned)."]}


def test_the_links_carry_the_page_size_used_not_the_one_asked_for(anon_client):
    SourceFactory.create_batch(201)
    first = anon_client.get(URL, {"page_size": 500}).json()
    assert len(first["results"]) == 200
    assert parse_qs(urlsplit(first["next"]).query)["page_size"] == ["200"]
    second = anon_client.get(first["next"]).json()
    assert len(second["results"]) == 1
    assert parse_qs(urlsplit(second["previous"]).query)["page_size"] == ["200"]


def test_a_link_has_no_page_size_unless_one_was_asked_for(anon_client):
    SourceFactory.create_batch(51)
    assert "page_size" not in anon_client.get(URL).json()["next"]


def test_the_schema_says_what_page_and_page_size_take():
    parameters = {p["name"]: p for p in openapi()["paths"][URL]["get"]["parameters"]}
    assert parameters["page"]["schema"] == {"type": "integer", "minimum": 1}
    assert parameters["page_size"]["schema"] == {"type": "integer", "minimum": 1}
    assert "at most 200: a larger value is served as 200" in parameters["page_size"]["description"]
