"""NUL characters are refused at the door, the same on SQLite and PostgreSQL; an admin change
that lost a race is a message, not a 500."""

from __future__ import annotations

import datetime as dt
import logging
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import pytest
from django.contrib.messages.storage.cookie import CookieStorage
from django.db import connection, transaction
from django.db.backends.utils import CursorWrapper
from django.http import HttpResponse
from django.test import Client
from django.urls import resolve, reverse
from django.utils import timezone

from agreements.choices import DeadlineState
from agreements.models import Commitment, Deadline, StatusChange
from tests.factories import CommitmentFactory, SourceFactory, deadline_due
from tracker.middleware import AdminRaceMiddleware

pytestmark = pytest.mark.django_db


def test_a_nul_in_a_query_parameter_is_a_400_naming_it(anon_client):
    response = anon_client.get("/api/v1/agreements/", {"country": "LY\x00", "q": "fine"})
    assert response.status_code == 400
    assert response.json() == {"country": ["Null characters are not allowed."]}


def test_a_nul_in_the_path_is_a_404(anon_client):
    response = anon_client.get("/api/v1/agreements/x%00y/")
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}


def test_the_admin_search_refuses_a_nul_instead_of_failing(client, staff_editor):
    client.force_login(staff_editor)
    response = client.get("/admin/agreements/agreement/", {"q": "\x00"})
    assert response.status_code == 400


def test_ordinary_requests_pass(anon_client):
    assert anon_client.get("/api/v1/agreements/", {"q": "Libya"}).status_code == 200


# --- the admin's lost races (PostgreSQL: SQLite has one writer, and nobody waits for a row) ----


def when_the_admin_waits(then: Callable[[CursorWrapper], None], first: str, params: list[object]) -> threading.Thread:
    """On a connection of its own: run ``first`` in a transaction, wait until another backend
    waits for a lock, run ``then``, commit."""
    holding = threading.Event()

    def run() -> None:
        try:
            with transaction.atomic(), connection.cursor() as cursor:
                # A deadlock is found by a waiter whose check runs while the circle is closed: the
                # admin's (its test sets 3 s), not this one's.
                cursor.execute("SET LOCAL deadlock_timeout = '60s'")
                cursor.execute(first, params)
                holding.set()
                for _ in range(200):
                    # The backends' activity is read once per transaction unless cleared.
                    cursor.execute("SELECT pg_stat_clear_snapshot()")
                    cursor.execute(
                        "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                        "AND datname = current_database() AND pid <> pg_backend_pid()"
                    )
                    if cursor.fetchone()[0]:
                        break
                    time.sleep(0.05)
                then(cursor)
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    assert holding.wait(10)
    return thread


@contextmanager
def postgres_setting(name: str, value: str) -> Iterator[None]:
    """``SET name = value`` on this thread's connections while it lasts, the ones a request opens
    too: Django closes the connection as each request starts (no persistent connections in tests),
    so a plain ``SET`` would not reach the view."""
    options = connection.settings_dict.setdefault("OPTIONS", {})
    before = options.get("options")
    options["options"] = f"{before or ''} -c {name}={value}".strip()
    connection.close()
    try:
        yield
    finally:
        if before is None:
            options.pop("options")
        else:
            options["options"] = before
        connection.close()


def _met_in_the_admin(client: Client, commitment: Commitment) -> HttpResponse:
    url = reverse("admin:agreements_commitment_record_status") + f"?ids={commitment.pk}"
    return client.post(url, {"status": "met", "note": "Done.", "sources": [SourceFactory().pk]})


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite has one writer: nobody waits in a circle")
def test_an_admin_change_the_database_undid_to_break_a_deadlock_is_a_message(client, staff_editor):
    client.force_login(staff_editor)
    commitment = CommitmentFactory()
    deadline = deadline_due(timezone.now() + dt.timedelta(days=10), commitment=commitment)
    table = {model: connection.ops.quote_name(model._meta.db_table) for model in (Commitment, Deadline)}
    # Another transaction holds the deadline, and asks for the commitment once the admin's
    # status change holds it and waits for the deadline: a circle, which the database breaks.
    other = when_the_admin_waits(
        lambda cursor: cursor.execute(f"SELECT id FROM {table[Commitment]} WHERE id = %s FOR UPDATE", [commitment.pk]),
        f"SELECT id FROM {table[Deadline]} WHERE id = %s FOR UPDATE",
        [deadline.pk],
    )
    # The admin's check for a circle runs once, this long after it begins to wait: long enough for
    # the other transaction to close the circle however loaded the machine is.
    with postgres_setting("deadlock_timeout", "3s"):
        response = _met_in_the_admin(client, commitment)
    other.join(70)
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:agreements_commitment_record_status") + f"?ids={commitment.pk}"
    page = client.get(response["Location"]).content.decode()
    assert "the database undid this one" in page
    assert Commitment.objects.get(pk=commitment.pk).status != "met"
    assert not StatusChange.objects.exists()
    assert Deadline.objects.get(pk=deadline.pk).state == DeadlineState.UPCOMING


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite has one writer: nobody waits for a row")
def test_an_admin_change_to_a_record_deleted_while_it_waited_is_a_message(client, staff_editor, caplog):
    client.force_login(staff_editor)
    commitment = CommitmentFactory()
    table = connection.ops.quote_name(Commitment._meta.db_table)
    # Another transaction deletes the commitment and commits once the admin waits for its row.
    other = when_the_admin_waits(lambda cursor: None, f"DELETE FROM {table} WHERE id = %s", [commitment.pk])
    with caplog.at_level(logging.WARNING, logger="tracker.admin"):
        response = _met_in_the_admin(client, commitment)
    other.join(20)
    assert response.status_code == 302
    assert "deleted a record this one needed" in client.get(response["Location"], follow=True).content.decode()
    # Logged with its traceback: a record missing may also be a fault.
    (record,) = [r for r in caplog.records if r.name == "tracker.admin"]
    assert record.exc_info is not None
    assert not StatusChange.objects.exists()


def test_an_admin_page_that_fails_to_show_is_still_a_fault(rf):
    """Only a change is sent back: a page that raised on a GET would redirect to itself for ever."""
    path = reverse("admin:agreements_commitment_record_status")
    middleware = AdminRaceMiddleware(lambda request: HttpResponse())
    for method in ("get", "post"):
        request = getattr(rf, method)(path)
        request.resolver_match = resolve(path)
        request._messages = CookieStorage(request)
        answered = middleware.process_exception(request, Commitment.DoesNotExist())
        assert (answered is None) is (method == "get")
    request = rf.post("/api/v1/agreements/")
    request.resolver_match = resolve("/api/v1/agreements/")
    assert middleware.process_exception(request, Commitment.DoesNotExist()) is None
