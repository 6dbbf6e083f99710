"""The API docs' examples are the seeded Libya records as the API serves them, and valid.

``agreements/api/examples.json`` is built here: the seeds loaded and the deadline
sweep run on 23 July 2020, the day after the Ankara statement, then each example read
or written through the API (each write in a savepoint rolled back, so the next example
sees the seeds as they are). The file must equal what this builds, ids aside (a
database may number rows otherwise); ``UPDATE_OPENAPI_EXAMPLES=1`` writes it anew (the
examples checked in that run are the old ones: run it again).
Every example must also be valid against its schema — strictly: no key the schema does
not document — and the served schema must carry them.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
import time_machine
from django.contrib.auth.models import User
from django.core.management import call_command
from django.db import transaction
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from agreements.api.examples import EXAMPLES_FILE, REQUEST, examples
from agreements.models import Actor, Agreement, Commitment, Deadline, Event, Source
from agreements.services.sweep import sweep_run
from tests.openapi import errors, openapi
from webhooks.signing import body_of

pytestmark = pytest.mark.django_db

# The day after the Ankara statement: both statements are on record, the 12 January deadline has passed.
SEEDED_AT = dt.datetime(2020, 7, 23, 9, 0, tzinfo=dt.UTC)
# The day after the Istanbul statement, when an editor would have entered it (its deadline still ahead).
ENTERED_AT = dt.datetime(2020, 1, 9, 10, 0, tzinfo=dt.UTC)
HOST = "127.0.0.1:8000"
ISTANBUL = "2020-01-08-istanbul-joint-statement-on-libya"
ANKARA = "2020-07-22-ankara-joint-statement-on-libya"
ANKARA_STATEMENT = "joint-statement-156-ankara-2020-07-22"
TWELFTH_OF_JANUARY = "as of 00.00 hours on 12 January"


class Builder:
    """Reads and writes through the API as a client would, keeping each exchange as an example."""

    def __init__(self, client: APIClient) -> None:
        self.client = client
        self.examples: list[dict[str, Any]] = []

    def keep(self, operation: str, where: str, name: str, summary: str, value: Any) -> None:
        self.examples.append({"operation": operation, "in": where, "name": name, "summary": summary, "value": value})

    def read(self, operation: str, url: str, name: str, summary: str, **params: str) -> Any:
        response = self.client.get(url, params, HTTP_HOST=HOST)
        assert response.status_code == 200, response.content
        self.keep(operation, "200", name, summary, response.json())
        return response.json()

    def write(self, operation: str, url: str, name: str, summary: str, body: dict[str, Any]) -> Any:
        response = self.client.post(url, body, format="json", HTTP_HOST=HOST)
        assert response.status_code == 201, response.content
        self.keep(operation, REQUEST, name, summary, body)
        self.keep(operation, "201", name, summary, response.json())
        return response.json()

    def delete(self, url: str) -> None:
        response = self.client.delete(url, HTTP_HOST=HOST)
        assert response.status_code == 204, response.content

    def message(self, event: Event, name: str, summary: str) -> None:
        """A webhook message, as ``webhooks.signing`` sends it."""
        self.keep(f"webhook:{event.type}", REQUEST, name, summary, json.loads(body_of(event)))


@contextmanager
def undone() -> Iterator[None]:
    """A write that the next example does not see."""
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


def _written(record: dict[str, Any], names: list[str]) -> dict[str, Any]:
    """The fields of a record a client writes, as it reads them (empty ones left out)."""
    return {name: record[name] for name in names if record[name] not in ("", None, [], {})}


def build(settings: Any, editor: User) -> list[dict[str, Any]]:
    settings.PUBLIC_BASE_URL = f"http://{HOST}"  # the URLs in events, as in responses
    with time_machine.travel(SEEDED_AT, tick=False):
        call_command("load_seeds", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
        sweep_run()
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=editor).key}")
        b = Builder(client)
        istanbul = Agreement.objects.get(slug=ISTANBUL)
        haftar = Actor.objects.get(slug="khalifa-haftar")
        ceasefire = Commitment.objects.get(agreement=istanbul, number="1")
        twelfth = Deadline.objects.get(wording=TWELFTH_OF_JANUARY)
        statement = Source.objects.get(key=ANKARA_STATEMENT)
        passed = Event.objects.get(type="deadline.passed")

        b.read(
            "agreements_list",
            "/api/v1/agreements/",
            "libya-brief",
            "The agreements concerning Libya, in brief (`country=LY&brief=1`)",
            country="LY",
            brief="1",
        )
        b.read(
            "agreements_list",
            "/api/v1/agreements/",
            "libya-first-page",
            "The latest agreement concerning Libya, a page of one (`country=LY&page_size=1`)",
            country="LY",
            page_size="1",
        )
        b.read(
            "agreements_retrieve",
            f"/api/v1/agreements/{ISTANBUL}/",
            "istanbul",
            "Istanbul, 8 January 2020: the call to cease fire as of 00:00 on 12 January (passed unmet)",
        )
        b.read(
            "agreements_retrieve",
            f"/api/v1/agreements/{ANKARA}/",
            "ankara",
            "Ankara, 22 July 2020: the four agreed points",
        )
        b.read("actors_list", "/api/v1/actors/", "hafter", "Found by another spelling (`q=Hafter`)", q="Hafter")
        b.read("actors_retrieve", f"/api/v1/actors/{haftar.pk}/", "haftar", "Khalifa Haftar")
        b.read(
            "commitments_list",
            "/api/v1/commitments/",
            "overdue",
            "Overdue commitments (`overdue=true`): the ceasefire called for 12 January 2020",
            overdue="true",
        )
        b.read(
            "commitments_retrieve",
            f"/api/v1/commitments/{ceasefire.pk}/",
            "ceasefire",
            "Istanbul, point 1: stop hostilities as of 00:00 on 12 January 2020",
        )
        b.read("deadlines_list", "/api/v1/deadlines/", "libya", "The Libya deadlines: one passed, two unspecified")
        b.read(
            "deadlines_retrieve",
            f"/api/v1/deadlines/{twelfth.pk}/",
            "twelfth-of-january",
            "00:00 on 12 January 2020, Libyan time: 2020-01-11T22:00:00Z, passed",
        )
        b.read(
            "sources_list",
            "/api/v1/sources/",
            "ankara",
            "The sources behind the Ankara statement's record (`agreement=…`)",
            agreement=ANKARA,
        )
        b.read("sources_retrieve", f"/api/v1/sources/{statement.pk}/", "ankara", "The Ankara joint statement")
        b.read("events_list", "/api/v1/events/", "timeline", "The timeline: the 12 January 2020 deadline passed")
        b.read("events_retrieve", f"/api/v1/events/{passed.pk}/", "passed", "The 12 January 2020 deadline passed")
        b.message(passed, "twelfth-of-january", "The 12 January 2020 deadline passed")

        # The writes that made these records, on the day after the statement: each stands in for the
        # seeded record, deleted first.
        detail = b.client.get(f"/api/v1/agreements/{ISTANBUL}/", HTTP_HOST=HOST).json()
        with undone(), time_machine.travel(ENTERED_AT, tick=False):
            b.delete(f"/api/v1/agreements/{ISTANBUL}/")
            body = _written(detail, ["slug", "title", "kind", "date", "date_precision", "place", "countries"])
            body |= _written(detail, ["conflict", "summary"])
            body["signatories"] = [
                {"actor_id": part["actor"]["id"], "role": part["role"]}
                | ({"signed_by_id": part["signed_by"]["id"]} if part["signed_by"] else {})
                | _written(part, ["signed_as", "note"])
                for part in detail["signatories"]
            ]
            body["source_ids"] = [source["id"] for source in detail["sources"]]
            b.write("agreements_create", "/api/v1/agreements/", "istanbul", "The Istanbul joint statement", body)
        commitment = b.client.get(f"/api/v1/commitments/{ceasefire.pk}/", HTTP_HOST=HOST).json()
        with undone(), time_machine.travel(ENTERED_AT, tick=False):
            b.delete(f"/api/v1/commitments/{ceasefire.pk}/")
            body = {"agreement_id": commitment["agreement"]["id"]}
            body |= _written(commitment, ["number", "wording", "summary", "category"])
            body["wording_source_id"] = commitment["wording_source"]["id"]
            body["bound_actor_ids"] = [actor["id"] for actor in commitment["bound_actors"]]
            b.write(
                "commitments_create",
                "/api/v1/commitments/",
                "ceasefire",
                "Istanbul, point 1: stop hostilities as of 00:00 on 12 January",
                body,
            )
        deadline = b.client.get(f"/api/v1/deadlines/{twelfth.pk}/", HTTP_HOST=HOST).json()
        with undone(), time_machine.travel(ENTERED_AT, tick=False):
            b.delete(f"/api/v1/deadlines/{twelfth.pk}/")
            body = {"commitment_id": deadline["commitment"]["id"], "source_id": deadline["source"]["id"]}
            body |= _written(deadline, ["wording", "precision", "time_zone", "year", "month", "day"])
            body["time"] = deadline["time"][:5]
            b.write(
                "deadlines_create",
                "/api/v1/deadlines/",
                "twelfth-of-january",
                "“as of 00.00 hours on 12 January”, in Libyan time (Africa/Tripoli)",
                body,
            )
        declare = Commitment.objects.get(agreement=istanbul, number="2")
        with undone():
            b.write(
                "commitments_status_create",
                f"/api/v1/commitments/{declare.pk}/status/",
                "sustainable-ceasefire",
                "Istanbul, point 2 (declare a sustainable ceasefire): still worked towards in July 2020",
                {
                    "status": "in_progress",
                    "note": "On 22 July 2020 Turkey and Russia agreed to continue joint efforts “with a view to "
                    "creating conditions for a lasting and sustainable ceasefire”: not yet declared, still "
                    "pursued.",
                    "source_ids": [statement.pk],
                },
            )
            b.read(
                "commitments_retrieve",
                f"/api/v1/commitments/{declare.pk}/",
                "with-history",
                "Istanbul, point 2, with its status history",
            )
            b.message(
                Event.objects.get(type="commitment.status_changed"),
                "sustainable-ceasefire",
                "Istanbul, point 2: `not_assessed` → `in_progress`",
            )
    b.keep(
        "webhooks_create",
        REQUEST,
        "libya-desk",
        "Deadlines and status changes concerning Libya",
        {
            "url": "https://news.example.org/hooks/ceasefire",
            "event_types": ["deadline.passed", "deadline.approaching", "commitment.status_changed"],
            "filters": {"country": "LY"},
            "description": "Libya desk",
        },
    )
    return b.examples


ID_URL = re.compile(r"/api/v1/([a-z]+)/\d+/")


def ids_aside(value: Any, key: str = "") -> Any:
    """The same document with every id and id in a URL made 0: databases number rows as they like."""
    if isinstance(value, dict):
        return {k: ids_aside(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [ids_aside(v, key) for v in value]
    if isinstance(value, int) and not isinstance(value, bool) and (key == "id" or key.endswith(("_id", "_ids"))):
        return 0
    if isinstance(value, str):
        return ID_URL.sub(r"/api/v1/\1/0/", value)
    return value


@pytest.fixture
def built(settings, editor) -> list[dict[str, Any]]:
    fresh = build(settings, editor)
    if os.environ.get("UPDATE_OPENAPI_EXAMPLES"):
        EXAMPLES_FILE.write_text(json.dumps(fresh, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        examples.cache_clear()
    return fresh


def test_the_examples_are_what_the_api_serves_for_the_seeded_records(built):
    assert ids_aside(examples()) == ids_aside(built), (
        "The API no longer answers what agreements/api/examples.json says: if the change is meant, "
        "run UPDATE_OPENAPI_EXAMPLES=1 pytest tests/agreements/api/test_examples.py and review the diff."
    )


def _schema_of(example: dict[str, Any]) -> dict[str, Any]:
    schema = openapi()
    for group in ("paths", "webhooks"):
        for name, item in schema.get(group, {}).items():
            for operation in item.values():
                wanted = operation.get("operationId") if group == "paths" else f"webhook:{name}"
                if isinstance(operation, dict) and wanted == example["operation"]:
                    place = (
                        operation["requestBody"] if example["in"] == REQUEST else operation["responses"][example["in"]]
                    )
                    return place["content"]["application/json"]["schema"]
    raise AssertionError(f"No operation {example['operation']}")


@pytest.mark.parametrize("example", examples(), ids=lambda e: f"{e['operation']}-{e['in']}-{e['name']}")
def test_every_example_is_valid_against_its_schema(example):
    assert errors(example["value"], _schema_of(example)) == []


def test_the_docs_show_them():
    served = openapi()
    detail = served["paths"]["/api/v1/agreements/{id_or_slug}/"]["get"]["responses"]["200"]
    assert set(detail["content"]["application/json"]["examples"]) == {"istanbul", "ankara"}
    message = served["webhooks"]["deadline.passed"]["post"]["requestBody"]["content"]["application/json"]
    assert message["examples"]["twelfth-of-january"]["value"]["type"] == "deadline.passed"
    create = served["paths"]["/api/v1/deadlines/"]["post"]["requestBody"]["content"]["application/json"]
    assert create["examples"]["twelfth-of-january"]["value"]["time_zone"] == "Africa/Tripoli"
