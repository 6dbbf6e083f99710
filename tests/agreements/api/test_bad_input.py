"""Hostile and malformed input, table-driven: each a clear 4xx, and nothing written.

Bodies go to every write operation; injection strings go to every text filter
the served OpenAPI schema lists. Impossible dates and daylight-saving gaps and
repeats in deadlines are in ``test_deadlines.py``; unknown time zones are here
too, through every resource that takes one.
"""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import quote

import pytest
from django.apps import apps
from django.core.cache import cache
from django.db import connection
from rest_framework.test import APIClient

from tests.factories import CommitmentFactory, DeadlineFactory
from utilities.folding import fold

pytestmark = pytest.mark.django_db

LIMIT = 1_048_576  # MAX_REQUEST_BODY_BYTES's default (pytest runs on the defaults)


def table_counts() -> dict[str, int]:
    """Rows in every table the API could write to, history and outbox included."""
    counted = {}
    for label in ("agreements", "webhooks", "authtoken", "auth"):
        for model in apps.get_app_config(label).get_models():
            counted[model._meta.label] = model._default_manager.count()
    return counted


@pytest.fixture
def unchanged(seeded, editor_client) -> Iterator[None]:
    """The test body may send anything; afterwards every table holds what it held."""
    before = table_counts()
    yield
    assert table_counts() == before


@pytest.fixture
def writes(seeded) -> dict[str, str]:
    """One URL per kind of write, with a record to write to where it needs one."""
    commitment = CommitmentFactory()
    deadline = DeadlineFactory(commitment=commitment, year=2040)
    return {
        "POST /api/v1/agreements/": "/api/v1/agreements/",
        "POST /api/v1/actors/": "/api/v1/actors/",
        "POST /api/v1/commitments/": "/api/v1/commitments/",
        "POST /api/v1/deadlines/": "/api/v1/deadlines/",
        "POST /api/v1/sources/": "/api/v1/sources/",
        "POST /api/v1/webhooks/": "/api/v1/webhooks/",
        "POST status": f"/api/v1/commitments/{commitment.pk}/status/",
        "POST state": f"/api/v1/deadlines/{deadline.pk}/state/",
        "PATCH commitment": f"/api/v1/commitments/{commitment.pk}/",
        "PATCH deadline": f"/api/v1/deadlines/{deadline.pk}/",
    }


BODIES: list[tuple[str, bytes, str, int, str]] = [
    # (case, body, content type, status, words the message must contain)
    ("oversize", b'{"name": "' + b"x" * (LIMIT + 10) + b'"}', "application/json", 413, "too large"),
    ("deeply nested", b"[" * 100_000 + b"]" * 100_000, "application/json", 400, "nested"),
    ("nested past the limit", b'{"a":' * 40 + b"1" + b"}" * 40, "application/json", 400, "nested"),
    ("plain text", b'{"name": "x"}', "text/plain", 415, "Unsupported media type"),
    ("form", b"name=x&kind=state", "application/x-www-form-urlencoded", 415, "Unsupported media type"),
    ("multipart", b"--b\r\n\r\nx\r\n--b--", "multipart/form-data; boundary=b", 415, "Unsupported media type"),
    ("xml", b"<actor><name>x</name></actor>", "application/xml", 415, "Unsupported media type"),
    ("unknown charset", b'{"name": "x"}', "application/json; charset=klingon", 415, "Unsupported media type"),
    ("invalid UTF-8", b'{"name": "\xff\xfe"}', "application/json", 400, "not valid utf-8"),
    ("truncated JSON", b'{"name": ', "application/json", 400, "JSON parse error"),
    ("a key twice", b'{"name": "x", "name": "y"}', "application/json", 400, "'name' is given twice"),
    ("a nested key twice", b'{"sources": [{"a": 1, "a": 2}]}', "application/json", 400, "'a' is given twice"),
    ("NaN", b'{"name": NaN}', "application/json", 400, "NaN"),
    ("Infinity", b'{"name": Infinity}', "application/json", 400, "Infinity"),
    ("a number past float", b'{"name": 1e999}', "application/json", 400, "out of range"),
    ("a list, not an object", b'[{"name": "x"}]', "application/json", 400, ""),
    ("a string, not an object", b'"x"', "application/json", 400, ""),
    ("null", b"null", "application/json", 400, ""),
]


@pytest.mark.parametrize(("case", "body", "content_type", "status", "words"), BODIES, ids=[b[0] for b in BODIES])
def test_a_bad_body_is_refused_by_every_write(editor_client, writes, case, body, content_type, status, words):
    before = table_counts()
    for name, url in writes.items():
        method = editor_client.patch if name.startswith("PATCH") else editor_client.post
        response = method(url, body, content_type=content_type)
        assert response.status_code == status, (name, response.content[:300])
        assert response["Content-Type"].startswith("application/json"), name
        message = str(response.json())
        assert words.lower() in message.lower(), (name, message)
    assert table_counts() == before


STRINGS: list[tuple[str, bytes]] = [
    ("a NUL character", b"name\\u0000"),
    ("a lone surrogate", b"\\ud800"),
]


@pytest.mark.parametrize(("case", "value"), STRINGS, ids=[s[0] for s in STRINGS])
@pytest.mark.usefixtures("unchanged")
def test_characters_no_database_can_store_are_refused_by_field(editor_client, case, value):
    body = b'{"name": "%s", "kind": "state", "aliases": ["%s"]}' % (value, value)
    response = editor_client.post("/api/v1/actors/", body, content_type="application/json")
    assert response.status_code == 400
    assert {"name", "aliases"} <= set(response.json()), response.json()


@pytest.mark.parametrize("time_zone", ["Mars/Olympus_Mons", "../../etc/passwd", "", "UTC+3", "europe/berlin " * 40])
def test_an_unknown_time_zone_is_refused_naming_the_field(editor_client, time_zone):
    commitment = CommitmentFactory()
    before = table_counts()
    body = {"commitment_id": commitment.pk, "wording": "x", "time_zone": time_zone, "precision": "year", "year": 2030}
    response = editor_client.post("/api/v1/deadlines/", body, format="json")
    assert response.status_code == 400
    assert "time_zone" in response.json(), response.json()
    assert table_counts() == before


INJECTIONS = [
    "' OR '1'='1",
    "1; DROP TABLE agreements_agreement; --",
    "%' UNION SELECT password FROM auth_user --",
    '"><script>alert(1)</script>',
    "\x00",
    "é" * 5000,
    "{{7*7}} ${7*7}",
]


def text_filters(client: APIClient) -> list[tuple[str, str]]:
    """(path, parameter) for every free-text or string query parameter of every read the schema lists."""
    schema = client.get("/api/schema/", {"format": "json"}).json()
    found = []
    for path, operations in schema["paths"].items():
        get = operations.get("get")
        if not get or "{" in path:
            continue
        for parameter in get.get("parameters", []):
            kind = parameter.get("schema", {})
            if parameter["in"] == "query" and kind.get("type") == "string":
                found.append((path, parameter["name"]))
    return found


@pytest.mark.usefixtures("unchanged")
def test_injection_in_every_text_filter_is_inert(anon_client):
    filters = text_filters(anon_client)
    assert len(filters) > 20  # q on every list, and the string filters
    for path, name in filters:
        cache.clear()  # the anonymous throttle is not under test here
        for value in INJECTIONS:
            response = anon_client.get(path, {name: value})
            where = (path, name, value[:20])
            assert response.status_code in (200, 400), (*where, response.content[:300])
            if response.status_code == 400:
                assert name in response.json(), (*where, response.json())
            elif response["Content-Type"].startswith("application/json"):
                count = response.json()["count"]
                if name == "q":
                    # Quotes, semicolons and markup are no more than word breaks: the same
                    # rows as a search for the bare words (a lone NUL is no words: no search).
                    plain = anon_client.get(path, {"q": fold(value)}).json()["count"]
                    assert count == plain, where
                elif name != "ordering":
                    assert count == 0, where
    # The tables are all still there.
    assert {"agreements_agreement", "auth_user"} <= set(connection.introspection.table_names())


@pytest.mark.parametrize(
    "value",
    ["1' OR '1'='1", "<script>", "%00", quote("\x00"), "x" * 2000, "..%2F..%2Fetc%2Fpasswd", "%ED%A0%80"],
)
@pytest.mark.usefixtures("unchanged")
def test_a_hostile_id_or_slug_is_a_404(anon_client, value):
    for resource in ("agreements", "actors", "commitments", "deadlines", "sources", "events"):
        response = anon_client.get(f"/api/v1/{resource}/{value}/")
        assert response.status_code == 404, (resource, value, response.content[:200])
        detail = response.json()["detail"]
        assert detail.startswith("Not found") or "No " in detail


@pytest.mark.parametrize(
    ("query", "status", "field"),
    [
        ({"page": "99999999999999999999999999"}, 404, "detail"),
        ({"page": "-1"}, 400, "page"),
        ({"page": "0"}, 400, "page"),
        ({"page": "1e3"}, 400, "page"),
        ({"page": "²"}, 400, "page"),
        ({"page_size": "²"}, 400, "page_size"),
        ({"page": "last"}, 200, None),
        ({"page_size": "99999999999999999999"}, 200, None),  # capped at 200
        ({"page_size": "-5"}, 400, "page_size"),
        ({"page_size": "ten"}, 400, "page_size"),
        ({"signed_after": "2020-02-30"}, 400, "signed_after"),
        ({"signed_after": "0000-01-01"}, 400, "signed_after"),
        ({"signed_before": "99999-01-01"}, 400, "signed_before"),
        ({"signed_after": "2020-01-01T25:00"}, 400, "signed_after"),
        ({"has_overdue": "maybe"}, 400, "has_overdue"),
        ({"kind": "treaty-ish"}, 400, "kind"),
        ({"country": "Libya"}, 400, "country"),
        ({"ordering": "password"}, 400, "ordering"),
    ],
)
def test_bad_list_parameters_are_a_clear_4xx(anon_client, seeded, query, status, field):
    response = anon_client.get("/api/v1/agreements/", query)
    assert response.status_code == status, response.content[:300]
    if status == 200:
        assert len(response.json()["results"]) <= 200
    else:
        assert field in response.json(), response.json()


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"due_after": "2030-13-01T00:00:00Z"}, "due_after"),
        ({"due_after": "0442-08-23T11:41:12+21:37"}, "due_after"),  # no such offset (PostgreSQL refused it: a 500)
        ({"due_before": "2030-02-30"}, "due_before"),
        ({"within": "99999999999999999999d"}, "within"),
        ({"within": "-3d"}, "within"),
        ({"state": "flagged"}, "state"),
        ({"precision": "decade"}, "precision"),
    ],
)
def test_bad_deadline_filters_are_a_400_naming_the_filter(anon_client, query, field):
    for path in ("/api/v1/deadlines/", "/api/v1/deadlines.ics"):
        response = anon_client.get(path, query)
        assert response.status_code == 400, (path, response.content[:300])
        assert field in response.json(), (path, response.json())


@pytest.mark.parametrize("value", ["0442-08-23T11:41:12+21:37", "2020-01-01T00:00:00-15:00", "2020-02-30T00:00:00Z"])
def test_an_impossible_instant_in_the_timeline_filters_is_a_400(anon_client, value):
    response = anon_client.get("/api/v1/events/", {"occurred_after": value})
    assert response.status_code == 400, response.content[:300]
    assert "occurred_after" in response.json()


def test_the_widest_real_offsets_are_accepted(anon_client):
    for value in ("2020-01-12T00:00:00+14:00", "2020-01-12T00:00:00-12:00"):
        assert anon_client.get("/api/v1/events/", {"occurred_after": value}).status_code == 200


@pytest.mark.parametrize(
    ("path", "name", "value"),
    [
        ("/api/v1/events/", "occurred_after", "0001-01-01T00:00:00+05:00"),
        ("/api/v1/events/", "occurred_before", "9999-12-31T23:59:59-05:00"),
        ("/api/v1/events/", "happened_after", "0001-01-01T00:00:00+00:01"),
        ("/api/v1/events/", "happened_before", "9999-12-31T23:59:59-00:01"),
        ("/api/v1/deadlines/", "due_after", "9999-12-31T23:59:59-05:00"),
        ("/api/v1/deadlines/", "due_before", "0001-01-01T00:00:00+14:00"),
        ("/api/v1/deadlines.ics", "due_after", "9999-12-31T23:59:59-05:00"),
        ("/api/v1/deadlines.ics", "due_before", "0001-01-01T00:00:00+05:00"),
    ],
)
def test_an_instant_that_falls_outside_the_calendar_in_utc_is_a_400_naming_the_filter(anon_client, path, name, value):
    # Year 1 or 9999 with an offset that carries it past 0001-01-01 or 9999-12-31 in UTC: no datetime holds it.
    response = anon_client.get(path, {name: value})
    assert response.status_code == 400, response.content[:300]
    assert response.json() == {name: [f"{value!r} falls outside 0001-01-01 to 9999-12-31 once converted to UTC."]}


def test_the_first_and_last_instants_in_utc_are_accepted(anon_client):
    for value in ("0001-01-01T00:00:00Z", "0001-01-01T05:00:00+05:00", "9999-12-31T23:59:59Z"):
        for path, name in (("/api/v1/events/", "occurred_after"), ("/api/v1/deadlines/", "due_before")):
            assert anon_client.get(path, {name: value}).status_code == 200, (path, value)
