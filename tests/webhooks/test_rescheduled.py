"""``deadline.rescheduled`` reaches subscribers: each deadline a cascade moves, once, signed."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import User
from standardwebhooks import Webhook

from agreements.services.deadlines import deadline_create, deadline_update
from tests.factories import AgreementFactory, CommitmentFactory
from webhooks.services.dispatch import webhooks_dispatch
from webhooks.services.endpoints import endpoint_create

pytestmark = pytest.mark.django_db


def test_each_dependent_of_a_moved_deadline_is_announced_and_verifies(receiver):
    owner = User.objects.create_user("newsroom")
    _, secret = endpoint_create(owner=owner, url=receiver.url(), event_types=["deadline.rescheduled"])
    agreement = AgreementFactory(title="Package of Measures", date=dt.date(2015, 2, 12))
    commitment = CommitmentFactory(agreement=agreement)
    common = {"commitment": commitment, "time_zone": "Europe/Kyiv"}
    ceasefire = deadline_create(
        wording="ceasefire from 00:00 on 15 February",
        precision="instant",
        year=2015,
        month=2,
        day=15,
        time=dt.time(0, 0),
        **common,
    )
    starts = deadline_create(wording="withdrawal starts by the second day", anchor=ceasefire, offset="P2D", **common)
    completed = deadline_create(wording="completed within 14 days", anchor=starts, offset="P14D", **common)
    webhooks_dispatch()
    assert receiver.at("/hook") == []  # creating deadlines is not news

    deadline_update(deadline=ceasefire, changes={"day": 16})
    report = webhooks_dispatch()
    assert report.succeeded == 3
    payloads = [Webhook(secret).verify(m.body, m.headers) for m in receiver.at("/hook")]
    moved = {p["data"]["deadline"]["id"]: p["data"] for p in payloads}
    assert {p["type"] for p in payloads} == {"deadline.rescheduled"}
    assert set(moved) == {ceasefire.pk, starts.pk, completed.pk}
    assert (moved[starts.pk]["previous_due_at"], moved[starts.pk]["deadline"]["due_at"]) == (
        "2015-02-16T22:00:00Z",
        "2015-02-17T22:00:00Z",
    )
    assert (moved[completed.pk]["previous_due_at"], moved[completed.pk]["deadline"]["due_at"]) == (
        "2015-03-02T22:00:00Z",
        "2015-03-03T22:00:00Z",
    )
    assert moved[completed.pk]["anchor"]["id"] == starts.pk
    assert "moved" in moved[completed.pk]["reason"]
