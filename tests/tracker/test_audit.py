"""Every write through the API or the admin is attributable: who, when, and what changed —
in the record's history, and for status changes and deadline states in the timeline too."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from agreements.models import Actor, Commitment, Deadline, Event, Source, StatusChange
from tests.factories import ActorFactory, CommitmentFactory, DeadlineFactory, SourceFactory

pytestmark = pytest.mark.django_db


def last_change(model, pk):
    return model.history.filter(id=pk).order_by("-history_date", "-history_id").first()


def assert_attributed(record, user, kind: str, started: dt.datetime) -> None:
    assert record.history_user == user
    assert record.history_type == kind
    assert started <= record.history_date <= timezone.now()


@pytest.mark.parametrize(
    ("model", "factory", "resource", "change"),
    [
        (Actor, ActorFactory, "actors", {"name": "Renamed"}),
        (Source, SourceFactory, "sources", {"title": "Retitled"}),
        (Commitment, CommitmentFactory, "commitments", {"summary": "Reworded"}),
        (Deadline, lambda: DeadlineFactory(year=2040), "deadlines", {"year": 2041}),
    ],
)
def test_api_updates_and_deletes_record_who_when_and_what(editor_client, editor, model, factory, resource, change):
    record = factory()
    started = timezone.now()
    response = editor_client.patch(f"/api/v1/{resource}/{record.pk}/", change, format="json")
    assert response.status_code == 200, response.json()
    changed = last_change(model, record.pk)
    assert_attributed(changed, editor, "~", started)
    diff = changed.diff_against(changed.prev_record)
    (field,) = change
    assert field in {c.field for c in diff.changes}

    assert editor_client.delete(f"/api/v1/{resource}/{record.pk}/").status_code == 204
    assert_attributed(last_change(model, record.pk), editor, "-", started)


def test_an_api_create_names_its_author(editor_client, editor):
    started = timezone.now()
    response = editor_client.post("/api/v1/actors/", {"name": "New actor", "kind": "state"}, format="json")
    assert_attributed(last_change(Actor, response.json()["id"]), editor, "+", started)


def test_a_status_change_is_in_the_timeline_with_its_author_and_source(editor_client, editor):
    commitment, source = CommitmentFactory(), SourceFactory()
    body = {"status": "breached", "source_ids": [source.pk], "note": "Shelling reported."}
    response = editor_client.post(f"/api/v1/commitments/{commitment.pk}/status/", body, format="json")
    assert response.status_code in (200, 201), response.json()
    change = StatusChange.objects.get(commitment=commitment)
    assert change.changed_by == editor
    assert list(change.sources.all()) == [source]
    event = Event.objects.get(commitment=commitment, type="commitment.status_changed")
    assert event.user == editor
    timeline = editor_client.get("/api/v1/events/", {"commitment": commitment.pk}).json()["results"]
    assert [e["type"] for e in timeline][:1] == ["commitment.status_changed"]


def test_a_deadline_marked_met_is_in_the_timeline_with_its_author(editor_client, editor):
    deadline = DeadlineFactory(year=2040)
    response = editor_client.post(f"/api/v1/deadlines/{deadline.pk}/state/", {"state": "met"}, format="json")
    assert response.status_code == 200
    event = Event.objects.filter(deadline=deadline).latest("id")
    assert event.user == editor
    assert_attributed(last_change(Deadline, deadline.pk), editor, "~", event.occurred_at - dt.timedelta(seconds=5))


def test_an_admin_edit_names_its_author(seeded, staff_editor):
    actor = ActorFactory(name="Before", kind="state")
    client = Client()
    client.force_login(staff_editor)
    started = timezone.now()
    response = client.post(
        f"/admin/agreements/actor/{actor.pk}/change/",
        {"name": "After", "kind": "state", "slug": actor.slug, "country": "", "description": "", "aliases": "[]"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    changed = last_change(Actor, actor.pk)
    assert_attributed(changed, staff_editor, "~", started)
    assert changed.name == "After"
    assert changed.prev_record.name == "Before"
    # Editors read it on the record's history page: who, when, what.
    page = client.get(f"/admin/agreements/actor/{actor.pk}/history/").content.decode()
    assert staff_editor.username in page
    assert "Before" in page or "After" in page
