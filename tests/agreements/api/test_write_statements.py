"""Every write endpoint runs a fixed, counted number of SQL statements.

Each write validates its row once (the model's own rules, in the service) and
writes it with its history row; a change that validates twice, re-checks a
relation it already loaded, or adds a query per related row fails here.
The counts include the request's authentication (token and permissions) and
the transaction's savepoints (``SAVEPOINT``/``RELEASE`` are statements too).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from rest_framework.test import APIClient

from agreements.models import Commitment, Deadline
from agreements.schedule import Schedule
from tests.factories import ActorFactory, AgreementFactory, CommitmentFactory, DeadlineFactory, SourceFactory

pytestmark = pytest.mark.django_db


@dataclass(frozen=True)
class Write:
    method: str
    url: Callable[[], str]
    body: Callable[[], dict[str, Any]] | None
    status: int
    statements: int


def _commitment() -> Commitment:
    return CommitmentFactory()


def _deadline() -> Deadline:
    return DeadlineFactory()


WRITES: dict[str, Write] = {
    "create an actor": Write(
        "post", lambda: "/api/v1/actors/", lambda: {"name": "New Front", "kind": "armed_group"}, 201, 12
    ),
    "change an actor": Write(
        "patch", lambda: f"/api/v1/actors/{ActorFactory().pk}/", lambda: {"aliases": ["NF"]}, 200, 12
    ),
    "delete an actor": Write("delete", lambda: f"/api/v1/actors/{ActorFactory().pk}/", None, 204, 15),
    "create a source": Write(
        "post", lambda: "/api/v1/sources/", lambda: {"title": "Communiqué", "quote": "The words."}, 201, 9
    ),
    "change a source": Write(
        "patch", lambda: f"/api/v1/sources/{SourceFactory().pk}/", lambda: {"publisher": "Wire"}, 200, 10
    ),
    "delete a source": Write("delete", lambda: f"/api/v1/sources/{SourceFactory().pk}/", None, 204, 15),
    "create an agreement": Write(
        "post",
        lambda: "/api/v1/agreements/",
        lambda: {
            "title": "Truce of the valley",
            "kind": "ceasefire_agreement",
            "date": "2030-01-02",
            "signatories": [{"actor_id": ActorFactory().pk, "role": "signatory"}],
            "source_ids": [SourceFactory().pk],
        },
        201,
        35,
    ),
    "change an agreement": Write(
        "patch", lambda: f"/api/v1/agreements/{AgreementFactory().pk}/", lambda: {"place": "Geneva"}, 200, 20
    ),
    # A deletion first locks the commitments and deadlines it deletes from the sweep: two statements
    # (none for an agreement with no commitment).
    "delete an agreement": Write("delete", lambda: f"/api/v1/agreements/{AgreementFactory().pk}/", None, 204, 20),
    "create a commitment": Write(
        "post",
        lambda: "/api/v1/commitments/",
        lambda: {
            "agreement_id": AgreementFactory().pk,
            "number": "1",
            "wording": "Cease fire.",
            "category": "ceasefire",
        },
        201,
        16,
    ),
    "change a commitment": Write(
        "patch", lambda: f"/api/v1/commitments/{_commitment().pk}/", lambda: {"summary": "A truce."}, 200, 14
    ),
    "delete a commitment": Write("delete", lambda: f"/api/v1/commitments/{_commitment().pk}/", None, 204, 17),
    "record a status change": Write(
        "post",
        lambda: f"/api/v1/commitments/{_commitment().pk}/status/",
        lambda: {"status": "breached", "source_ids": [SourceFactory().pk]},
        201,
        21,
    ),
    "create a deadline": Write(
        "post",
        lambda: "/api/v1/deadlines/",
        lambda: {
            "commitment_id": _commitment().pk,
            "wording": "by 12 January",
            "time_zone": "Africa/Tripoli",
            "precision": "day",
            "year": 2030,
            "month": 1,
            "day": 12,
        },
        201,
        10,
    ),
    # A change to a deadline first locks its commitment: one statement.
    "reschedule a deadline": Write(
        "patch", lambda: f"/api/v1/deadlines/{_deadline().pk}/", lambda: {"year": 2031}, 200, 14
    ),
    "delete a deadline": Write("delete", lambda: f"/api/v1/deadlines/{_deadline().pk}/", None, 204, 17),
    "mark a deadline met": Write(
        "post", lambda: f"/api/v1/deadlines/{_deadline().pk}/state/", lambda: {"state": "met"}, 200, 16
    ),
}


@pytest.mark.parametrize("name", list(WRITES))
def test_each_write_runs_a_counted_number_of_statements(name, editor_client: APIClient, django_assert_num_queries):
    write = WRITES[name]
    url = write.url()
    body = write.body() if write.body else None
    editor_client.get("/api/v1/")  # the first request's one-off work (content types) is not the write's
    with django_assert_num_queries(write.statements):
        response = getattr(editor_client, write.method)(url, body, format="json")
    assert response.status_code == write.status, response.content


def test_a_deadline_write_validates_and_derives_once(editor_client, monkeypatch):
    calls = {"clean": 0, "schedule": 0}
    original_clean, original_schedule = Deadline.clean, Deadline.schedule

    def counting_clean(self: Deadline) -> None:
        calls["clean"] += 1
        original_clean(self)

    def counting_schedule(self: Deadline) -> Schedule:
        calls["schedule"] += 1
        return original_schedule(self)

    commitment = _commitment()
    monkeypatch.setattr(Deadline, "clean", counting_clean)
    monkeypatch.setattr(Deadline, "schedule", counting_schedule)
    body = {"commitment_id": commitment.pk, "wording": "x", "time_zone": "UTC", "precision": "year", "year": 2030}
    assert editor_client.post("/api/v1/deadlines/", body, format="json").status_code == 201
    assert calls == {"clean": 1, "schedule": 1}
