"""The admin for anchored deadlines: pick an anchor, see the chain both ways, extend, record when it was met."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from agreements.models import Deadline, DeadlineExtension
from agreements.services.deadlines import deadline_create
from tests.factories import CommitmentFactory, DeadlineFactory, SourceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def client(staff_editor) -> Client:
    client = Client()
    client.force_login(staff_editor)
    return client


@pytest.fixture
def chain() -> tuple[Deadline, Deadline, Deadline]:
    ceasefire = DeadlineFactory(
        wording="ceasefire from 00:00 on 15 February", time_zone="Europe/Kyiv", year=2015, month=2, day=15
    )
    common = {"commitment": ceasefire.commitment, "time_zone": "Europe/Kyiv"}
    starts = deadline_create(wording="withdrawal starts", anchor=ceasefire, offset="P2D", **common)
    completed = deadline_create(wording="withdrawal completed", anchor=starts, offset="P14D", **common)
    return ceasefire, starts, completed


def change_page(client: Client, deadline: Deadline) -> str:
    response = client.get(reverse("admin:agreements_deadline_change", args=[deadline.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_the_change_page_shows_the_chain_both_ways(client, chain):
    ceasefire, starts, completed = chain
    page = change_page(client, starts)
    assert "counted from an anchor" in page
    assert reverse("admin:agreements_deadline_change", args=[ceasefire.pk]) in page  # counts from
    assert reverse("admin:agreements_deadline_change", args=[completed.pk]) in page  # counted from by
    deepest = change_page(client, completed)
    assert "counts from" in deepest
    assert ceasefire.label().split(" (")[0] in deepest  # the whole chain, to its root


def form_data(deadline: Deadline, **changes: object) -> dict[str, object]:
    data = {
        "commitment": deadline.commitment_id,
        "wording": deadline.wording,
        "source": "",
        "time_zone": deadline.time_zone,
        "precision": "" if deadline.anchor_kind else deadline.precision,
        "year": "" if deadline.anchor_kind else (deadline.year or ""),
        "month": "" if deadline.anchor_kind else (deadline.month or ""),
        "day": "" if deadline.anchor_kind else (deadline.day or ""),
        "time": "" if deadline.anchor_kind or deadline.time is None else deadline.time.strftime("%H:%M"),
        "anchor_kind": deadline.anchor_kind,
        "anchor": deadline.anchor_id or "",
        "offset": deadline.offset,
        "review_on": "",
        "extensions-TOTAL_FORMS": "0",
        "extensions-INITIAL_FORMS": "0",
        "_save": "Save",
    }
    data.update(changes)
    return data


def test_an_editor_anchors_a_new_deadline_by_picking_its_anchor(client, chain):
    ceasefire, _, _ = chain
    data = form_data(
        ceasefire, wording="further steps within 30 days", anchor_kind="deadline", anchor=ceasefire.pk, offset="P30D"
    )
    data.update(precision="", year="", month="", day="", time="")
    response = client.post(reverse("admin:agreements_deadline_add"), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    created = Deadline.objects.get(wording="further steps within 30 days")
    assert (created.anchor_id, created.due_at) == (ceasefire.pk, dt.datetime(2015, 3, 16, 22, tzinfo=dt.UTC))


def test_a_circle_is_refused_in_the_form_not_with_an_error_page(client, chain):
    ceasefire, _, completed = chain
    data = form_data(
        ceasefire,
        anchor_kind="deadline",
        anchor=completed.pk,
        offset="P1D",
        precision="",
        year="",
        month="",
        day="",
        time="",
    )
    response = client.post(reverse("admin:agreements_deadline_change", args=[ceasefire.pk]), data)
    assert response.status_code == 200
    assert "a circle" in response.content.decode()
    assert Deadline.objects.get(pk=ceasefire.pk).anchor_id is None


def test_the_extend_action_asks_then_extends_and_moves_the_chain(client, chain):
    _, starts, completed = chain
    source = SourceFactory()
    changelist = reverse("admin:agreements_deadline_changelist")
    response = client.post(changelist, {"action": "extend_action", "_selected_action": [starts.pk]})
    assert response.status_code == 302
    form_page = client.get(response["Location"])
    assert "Extend deadlines" in form_page.content.decode()
    response = client.post(response["Location"], {"by": "P1D", "wording": "extended by a day", "source": source.pk})
    assert response.status_code == 302
    extension = DeadlineExtension.objects.get()
    assert (extension.by, extension.source_id, extension.deadline_id) == ("P1D", source.pk, starts.pk)
    assert Deadline.objects.get(pk=completed.pk).due_at == dt.datetime(2015, 3, 3, 22, tzinfo=dt.UTC)
    assert "Extensions, in order" in change_page(client, starts)


def test_a_bad_extension_is_shown_on_the_form(client, chain):
    _, starts, _ = chain
    url = f"{reverse('admin:agreements_deadline_extend')}?ids={starts.pk}"
    response = client.post(url, {"by": "later"})
    assert response.status_code == 200
    assert "not an ISO 8601 duration" in response.content.decode()
    assert not DeadlineExtension.objects.exists()


def test_recording_when_a_deadline_was_met(client):
    acceptance = DeadlineFactory(precision="unspecified", year=None, month=None, day=None, time=None)
    hostages = deadline_create(
        commitment=acceptance.commitment,
        wording="within 72 hours",
        time_zone="Asia/Gaza",
        anchor=acceptance,
        offset="PT72H",
    )
    url = f"{reverse('admin:agreements_deadline_met_at')}?ids={acceptance.pk}"
    with time_machine.travel(dt.datetime(2025, 10, 10, tzinfo=dt.UTC), tick=False):
        response = client.post(url, {"met_at_0": "2025-10-09", "met_at_1": "09:00:00"})
    assert response.status_code == 302
    assert Deadline.objects.get(pk=hostages.pk).due_at == dt.datetime(2025, 10, 12, 9, tzinfo=dt.UTC)
    assert CommitmentFactory  # the commitment admin's inline shows anchors too:
    page = client.get(reverse("admin:agreements_commitment_change", args=[acceptance.commitment_id])).content.decode()
    assert "within 72 hours" in page
