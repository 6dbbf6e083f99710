"""/api/v1/sources/: the documents and quotes behind the records."""

from __future__ import annotations

import pytest

from agreements.models import Source
from tests.agreements.api.conftest import results

pytestmark = pytest.mark.django_db

URL = "/api/v1/sources/"


def test_sources_are_listed_with_their_quotes(anon_client, seeded):
    rows = results(anon_client.get(URL, {"q": "00.00 hours"}))
    assert rows
    assert all("00.00 hours" in row["quote"] for row in rows)


def test_filters(anon_client, seeded):
    dated = results(anon_client.get(URL, {"published_after": "2020-07-01"}))
    assert [row["published_on"] for row in dated] == ["2020-07-22"]
    for_istanbul = results(anon_client.get(URL, {"agreement": "2020-01-08-istanbul-joint-statement-on-libya"}))
    assert len(for_istanbul) == 4


def test_an_editor_records_a_source(editor_client):
    response = editor_client.post(
        URL,
        {"title": "UNSMIL statement", "publisher": "UNSMIL", "link": "https://example.org/s", "quote": "Words."},
        format="json",
    )
    assert response.status_code == 201
    assert Source.objects.get().quote == "Words."


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"publisher": "x"}, "title"),
        ({"title": "x", "link": "ftp://x"}, "link"),
        ({"title": "x", "published_on": "yesterday"}, "published_on"),
    ],
)
def test_bad_sources_are_refused(editor_client, payload, field):
    response = editor_client.post(URL, payload, format="json")
    assert response.status_code == 400
    assert field in response.json()
    assert not Source.objects.exists()


@pytest.mark.parametrize("absent", [None, ""])
def test_a_source_without_a_link_shows_null(editor_client, absent):
    response = editor_client.post(URL, {"title": "Briefing", "link": absent}, format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["link"] is None
    source = Source.objects.get()
    assert source.link == ""
    listed = results(editor_client.get(URL))[0]
    assert listed["link"] is None
    cleared = editor_client.patch(f"{URL}{source.pk}/", {"link": None}, format="json")
    assert cleared.status_code == 200
    assert cleared.json()["link"] is None
