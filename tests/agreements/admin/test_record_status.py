"""The admin's status-change page: an editor records a change with its source."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from agreements.choices import DeadlineState
from agreements.models import Commitment, Deadline, Event, Source, StatusChange
from tests.factories import CommitmentFactory, DeadlineFactory, SourceFactory
from tests.tracker.test_middleware import when_the_admin_waits

pytestmark = pytest.mark.django_db


@pytest.fixture
def client(staff_editor) -> Client:
    client = Client()
    client.force_login(staff_editor)
    return client


def test_the_action_leads_to_the_form_for_the_chosen_commitments(client):
    a, b = CommitmentFactory(), CommitmentFactory()
    response = client.post(
        reverse("admin:agreements_commitment_changelist"),
        {"action": "record_status_action", "_selected_action": [a.pk, b.pk]},
    )
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert a.wording in page
    assert b.wording in page


def test_recording_a_breach_with_a_new_source(client, staff_editor):
    commitment = CommitmentFactory()
    url = reverse("admin:agreements_commitment_record_status") + f"?ids={commitment.pk}"
    response = client.post(
        url,
        {
            "status": "breached",
            "note": "Fighting resumed south of Tripoli.",
            "source_title": "UNSMIL statement",
            "source_publisher": "UNSMIL",
            "source_link": "https://example.org/unsmil",
            "source_quote": "Fighting has resumed.",
        },
    )
    assert response.status_code == 302
    change = StatusChange.objects.get()
    assert (change.to_status, change.changed_by, change.note) == (
        "breached",
        staff_editor,
        "Fighting resumed south of Tripoli.",
    )
    assert change.sources.get().quote == "Fighting has resumed."
    assert Commitment.objects.get(pk=commitment.pk).status == "breached"
    assert Event.objects.filter(type="commitment.status_changed").count() == 1


def test_an_outcome_without_a_source_is_refused_on_the_form(client):
    commitment = CommitmentFactory()
    url = reverse("admin:agreements_commitment_record_status") + f"?ids={commitment.pk}"
    response = client.post(url, {"status": "met", "note": "Looks fine."})
    assert response.status_code == 200
    assert "needs at least one source" in response.content.decode()
    assert not StatusChange.objects.exists()


def test_an_existing_source_can_back_the_change(client):
    commitment, source = CommitmentFactory(), SourceFactory()
    url = reverse("admin:agreements_commitment_record_status") + f"?ids={commitment.pk}"
    client.post(url, {"status": "met", "sources": [source.pk]})
    assert StatusChange.objects.get().sources.get() == source
    assert Source.objects.count() == 1


def test_someone_without_the_permission_cannot_record(seeded, db):
    from django.contrib.auth.models import User

    user = User.objects.create_user("staff", password="correct-horse-battery", is_staff=True)
    client = Client()
    client.force_login(user)
    commitment = Commitment.objects.first()
    response = client.post(
        reverse("admin:agreements_commitment_record_status") + f"?ids={commitment.pk}", {"status": "in_progress"}
    )
    assert response.status_code == 403
    assert not StatusChange.objects.exists()


def test_deadline_actions_go_through_the_services(client):
    deadline = DeadlineFactory()
    client.post(
        reverse("admin:agreements_deadline_changelist"), {"action": "mark_met", "_selected_action": [deadline.pk]}
    )
    assert Deadline.objects.get(pk=deadline.pk).state == DeadlineState.MET
    assert Event.objects.get().type == "deadline.met"


def test_adding_a_deadline_inline_derives_due_at(client):
    commitment = CommitmentFactory()
    data = {
        "agreement": commitment.agreement_id,
        "number": commitment.number,
        "position": 0,
        "category": commitment.category,
        "wording": commitment.wording,
        "deadlines-TOTAL_FORMS": 1,
        "deadlines-INITIAL_FORMS": 0,
        "deadlines-0-wording": "by the end of the month",
        "deadlines-0-precision": "month",
        "deadlines-0-time_zone": "Africa/Tripoli",
        "deadlines-0-year": 2030,
        "deadlines-0-month": 6,
        "status_changes-TOTAL_FORMS": 0,
        "status_changes-INITIAL_FORMS": 0,
    }
    response = client.post(reverse("admin:agreements_commitment_change", args=[commitment.pk]), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    deadline = Deadline.objects.get()
    assert deadline.due_at == dt.datetime(2030, 6, 30, 22, tzinfo=dt.UTC)
    assert deadline.next_reminder_at is not None  # set by the service, not the form


def test_an_impossible_inline_deadline_is_refused_by_field(client):
    commitment = CommitmentFactory()
    data = {
        "agreement": commitment.agreement_id,
        "number": commitment.number,
        "position": 0,
        "category": commitment.category,
        "wording": commitment.wording,
        "deadlines-TOTAL_FORMS": 1,
        "deadlines-INITIAL_FORMS": 0,
        "deadlines-0-wording": "x",
        "deadlines-0-precision": "day",
        "deadlines-0-time_zone": "Africa/Tripoli",
        "deadlines-0-year": 2021,
        "deadlines-0-month": 2,
        "deadlines-0-day": 30,
        "status_changes-TOTAL_FORMS": 0,
        "status_changes-INITIAL_FORMS": 0,
    }
    response = client.post(reverse("admin:agreements_commitment_change", args=[commitment.pk]), data)
    assert response.status_code == 200
    assert "has no day 30" in response.content.decode()
    assert not Deadline.objects.exists()


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite has one writer: nobody waits for a row")
def test_a_deadline_action_tells_of_one_deleted_meanwhile_beside_those_it_changed(client):
    """Each deadline is its own change: one another change deleted while the action waited for it
    is told beside the others, which stand."""
    commitment = CommitmentFactory()
    kept, deleted = DeadlineFactory(commitment=commitment), DeadlineFactory(commitment=commitment)
    table = connection.ops.quote_name(Deadline._meta.db_table)
    other = when_the_admin_waits(lambda cursor: None, f"DELETE FROM {table} WHERE id = %s", [deleted.pk])
    response = client.post(
        reverse("admin:agreements_deadline_changelist"),
        {"action": "mark_met", "_selected_action": [kept.pk, deleted.pk]},
        follow=True,
    )
    other.join(20)
    page = response.content.decode()
    assert "Marked met: 1 deadline(s)." in page
    assert "another change deleted it meanwhile" in page
    assert Deadline.objects.get(pk=kept.pk).state == DeadlineState.MET
    assert not Deadline.objects.filter(pk=deleted.pk).exists()
