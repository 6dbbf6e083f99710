"""A record's history in the admin: what each change changed (field: before → after),
and Revert, which makes the record what a version was through the services — with the
status change, events and sources those write — or says plainly what it cannot set."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import Permission, User
from django.contrib.messages import get_messages
from django.db.models import Model
from django.test import Client
from django.urls import reverse

from agreements.models import Commitment, Deadline, Event, StatusChange
from agreements.services.agreements import agreement_update
from agreements.services.commitments import commitment_set_status, commitment_update
from agreements.services.deadlines import deadline_mark_met, deadline_update
from tests.factories import ActorFactory, AgreementFactory, CommitmentFactory, DeadlineFactory, SourceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def client(staff_editor) -> Client:
    client = Client()
    client.force_login(staff_editor)
    return client


def history_url(obj: Model) -> str:
    return reverse(f"admin:agreements_{obj._meta.model_name}_history", args=[obj.pk])


def version_url(obj: Model, version: Model) -> str:
    return reverse(f"admin:agreements_{obj._meta.model_name}_simple_history", args=[obj.pk, version.history_id])


def said(response) -> list[tuple[str, str]]:
    return [(m.level_tag, m.message) for m in get_messages(response.wsgi_request)]


def arrow(before: str, after: str) -> re.Pattern[str]:
    """A change as the history list shows it: before → after."""
    return re.compile(rf"{re.escape(before)}\s*&nbsp;&rarr;&nbsp;&nbsp;{re.escape(after)}")


# --- the history shows what changed ------------------------------------------------


def test_the_history_shows_a_status_change_as_before_and_after(client, editor):
    commitment = CommitmentFactory()
    commitment_set_status(commitment=commitment, status="breached", sources=[SourceFactory()], user=editor)

    page = client.get(history_url(commitment)).content.decode()

    assert re.search(r"<strong>Status:</strong>\s*Not yet assessed\s*&nbsp;&rarr;&nbsp;&nbsp;Breached", page)


def test_the_history_shows_an_edit_field_by_field_with_names_not_ids(client, editor):
    commitment = CommitmentFactory(summary="Stop fighting.", category="ceasefire")
    old, new = ActorFactory(name="Libyan National Army"), ActorFactory(name="Government of National Accord")
    commitment_update(commitment=commitment, changes={}, bound_actors=[old], user=editor)
    commitment_update(
        commitment=commitment,
        changes={"summary": "Stop all fighting.", "category": "humanitarian"},
        bound_actors=[new],
        user=editor,
    )

    page = client.get(history_url(commitment)).content.decode()

    assert arrow("Stop fighting.", "Stop all fighting.").search(page)
    assert arrow("Ceasefire", "Humanitarian").search(page)
    # set() removes, then adds: the history keeps both steps, each by name.
    assert arrow("Libyan National Army", "—").search(page)
    assert arrow("—", "Government of National Accord").search(page)


# --- Revert, through the services --------------------------------------------------


def test_reverting_a_status_records_a_status_change_and_tells_subscribers(client, editor):
    commitment = CommitmentFactory()
    first = commitment.history.earliest()
    commitment_set_status(commitment=commitment, status="breached", sources=[SourceFactory()], user=editor)

    response = client.post(version_url(commitment, first), {"note": "Recorded against the wrong commitment."})

    assert response.status_code == 302
    commitment.refresh_from_db()
    assert commitment.status == "not_assessed"
    change = StatusChange.objects.filter(commitment=commitment).first()
    assert (change.from_status, change.to_status, change.changed_by) == ("breached", "not_assessed", editor)
    assert change.note.endswith("Recorded against the wrong commitment.")
    assert change.note.startswith("Reverted to the version of ")
    assert Event.objects.filter(type="commitment.status_changed", status_change=change).count() == 1
    assert ("success", "Reverted to the version of " in said(response)[0][1]) == ("success", True)
    assert "Status" in said(response)[0][1]


def test_reverting_to_an_assessed_status_offers_the_sources_that_backed_it(client, editor):
    commitment, source = CommitmentFactory(), SourceFactory()
    commitment_set_status(commitment=commitment, status="breached", sources=[source], user=editor)
    breached = commitment.history.latest()
    commitment_set_status(commitment=commitment, status="in_progress", user=editor)

    page = client.get(version_url(commitment, breached))
    assert page.context["status_form"]["sources"].value() == [source.pk]
    response = client.post(version_url(commitment, breached), {"sources": [source.pk]})

    assert response.status_code == 302
    commitment.refresh_from_db()
    assert commitment.status == "breached"
    change = StatusChange.objects.filter(commitment=commitment).first()
    assert (change.from_status, change.to_status) == ("in_progress", "breached")
    assert list(change.sources.all()) == [source]
    assert "Reverted to the version of" in change.note


def test_a_status_revert_without_evidence_is_refused_and_changes_nothing(client, editor):
    commitment = CommitmentFactory(summary="Before")
    commitment_set_status(commitment=commitment, status="breached", sources=[SourceFactory()], user=editor)
    breached = commitment.history.latest()
    commitment_set_status(commitment=commitment, status="in_progress", user=editor)
    commitment.refresh_from_db()
    commitment_update(commitment=commitment, changes={"summary": "After"}, user=editor)
    events, changes = Event.objects.count(), StatusChange.objects.count()

    response = client.post(version_url(commitment, breached), {"sources": []})

    assert response.status_code == 200
    assert "needs at least one source" in response.content.decode()
    commitment.refresh_from_db()
    assert (commitment.status, commitment.summary) == ("in_progress", "After")  # all or nothing
    assert (Event.objects.count(), StatusChange.objects.count()) == (events, changes)


def test_reverting_an_edit_goes_through_the_service_and_names_the_editor(client, editor):
    kept, dropped = ActorFactory(), ActorFactory()
    commitment = CommitmentFactory(summary="Withdraw to the camps.", bound_actors=[kept])
    version = commitment.history.latest()
    commitment_update(
        commitment=commitment, changes={"summary": "Withdraw."}, bound_actors=[kept, dropped], user=editor
    )

    response = client.post(version_url(commitment, version), {})

    assert response.status_code == 302
    commitment.refresh_from_db()
    assert commitment.summary == "Withdraw to the camps."
    assert list(commitment.bound_actors.all()) == [kept]
    assert commitment.history.latest().history_user == editor
    message = said(response)[0][1]
    assert "Summary" in message
    assert "Bound actors" in message


def test_reverting_an_agreement_restores_its_countries_and_sources(client, editor):
    source = SourceFactory()
    agreement = AgreementFactory(countries=["LY"], sources=[source])
    version = agreement.history.latest()
    agreement_update(agreement=agreement, changes={"countries": ["LY", "TR"]}, sources=[], user=editor)

    response = client.post(version_url(agreement, version), {})

    assert response.status_code == 302
    agreement.refresh_from_db()
    assert agreement.countries == ["LY"]
    assert list(agreement.sources.all()) == [source]


def test_reverting_a_deadline_reschedules_it_and_tells_subscribers(client, editor):
    deadline = DeadlineFactory(year=2030, month=1, day=12)
    version, due = deadline.history.latest(), deadline.due_at
    deadline_update(deadline=deadline, changes={"day": 15}, user=editor)

    response = client.post(version_url(deadline, version), {})

    assert response.status_code == 302
    deadline.refresh_from_db()
    assert (deadline.day, deadline.due_at) == (12, due)
    assert Event.objects.filter(type="deadline.rescheduled", deadline=deadline).count() == 2


def test_what_a_revert_cannot_set_is_shown_and_said_never_claimed(client, editor):
    deadline = DeadlineFactory(wording="by 1 January 2030")
    version = deadline.history.latest()
    deadline_update(deadline=deadline, changes={"wording": "by the first of January 2030"}, user=editor)
    deadline_mark_met(deadline=deadline, user=editor)

    page = client.get(version_url(deadline, version)).content.decode()
    assert re.search(r"State.*Met.*Upcoming.*Mark met, Cancel or Reopen", page, re.S)

    response = client.post(version_url(deadline, version), {})

    deadline.refresh_from_db()
    assert deadline.wording == "by 1 January 2030"  # what a revert can set, it sets
    assert deadline.state == "met"  # and the state stays: only its actions change it
    levels = dict(said(response))
    assert "Wording" in levels["success"]
    assert "State" in levels["warning"]


def test_a_version_like_the_record_now_has_nothing_to_revert(client):
    commitment = CommitmentFactory()
    version, versions = commitment.history.latest(), commitment.history.count()

    page = client.get(version_url(commitment, version)).content.decode()
    assert "Nothing to revert" in page
    response = client.post(version_url(commitment, version), {})

    assert said(response) == [("warning", "Nothing to revert: this version is what the record is now.")]
    assert commitment.history.count() == versions


def test_reverting_needs_the_right_to_change(seeded):
    viewer = User.objects.create_user("viewer", password="correct-horse-battery", is_staff=True)
    viewer.user_permissions.add(*Permission.objects.filter(codename__in=["view_commitment"]))
    client = Client()
    client.force_login(viewer)
    commitment = Commitment.objects.first()
    version = commitment.history.earliest()
    commitment_update(commitment=commitment, changes={"summary": "Changed."})

    assert client.get(version_url(commitment, version)).status_code == 200  # may look
    assert client.post(version_url(commitment, version), {}).status_code == 403  # may not revert
    commitment.refresh_from_db()
    assert commitment.summary == "Changed."


def test_a_deleted_record_is_not_brought_back_by_a_revert(client):
    deadline = DeadlineFactory()
    version, pk = deadline.history.latest(), deadline.pk
    Deadline.objects.filter(pk=pk).delete()

    response = client.post(version_url(deadline, version), {})

    assert response.status_code == 302
    assert not Deadline.objects.filter(pk=pk).exists()
    assert said(response)[0][0] == "warning"


@pytest.mark.parametrize("name", ["agreement", "commitment", "deadline", "actor", "source"])
def test_every_version_page_renders_with_what_differs(seeded, name):
    from django.apps import apps

    root = User.objects.create_superuser("root", "root@example.org", "correct-horse-battery")
    client = Client()
    client.force_login(root)
    obj = apps.get_model("agreements", name).objects.first()
    for version in obj.history.all():
        page = client.get(version_url(obj, version))
        assert page.status_code == 200
        assert page.context["plan"].version.history_id == version.history_id
