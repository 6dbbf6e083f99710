"""Editors' changes take a commitment's row before its deadlines (PostgreSQL), so that two
editors never wait for each other in a circle: a status change (the commitment, then its open
deadlines) beside a deletion, a close or a reschedule of one of its deadlines."""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections.abc import Callable

import pytest
from django.db import connection
from django.utils import timezone

from agreements.choices import DeadlineState
from agreements.models import Commitment, Deadline
from agreements.services.commitments import commitment_set_status
from agreements.services.deadlines import deadline_close, deadline_create, deadline_delete, deadline_update
from agreements.services.sweep import deadlines_flag_passed
from tests.factories import CommitmentFactory, SourceFactory, deadline_due

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite has one writer: nobody waits in a circle"),
]

DAY = dt.timedelta(days=1)


def _side_by_side(monkeypatch, commitment: Commitment, first: Callable[[], object], second: Callable[[], object]):
    """``first`` runs until it works out ``commitment``'s overdue mark, and waits there while
    ``second`` starts; both must then end without error (a deadlock aborts one of them)."""
    original = Commitment.refresh_overdue
    at_mark, second_started = threading.Event(), threading.Event()
    first_thread: list[int] = []

    def paused(self: Commitment) -> None:
        if self.pk == commitment.pk and first_thread == [threading.get_ident()] and not at_mark.is_set():
            at_mark.set()
            assert second_started.wait(10)
            time.sleep(0.7)  # the second change now takes what it needs, or waits for the first
        original(self)

    monkeypatch.setattr(Commitment, "refresh_overdue", paused)
    failures: list[BaseException] = []

    def run(change: Callable[[], object], started: threading.Event | None = None) -> None:
        try:
            if started is None:
                first_thread.append(threading.get_ident())
            else:
                started.set()
            change()
        except BaseException as error:  # noqa: BLE001 - reported by the test
            failures.append(error)
        finally:
            connection.close()

    one = threading.Thread(target=run, args=(first,))
    one.start()
    assert at_mark.wait(10)
    two = threading.Thread(target=run, args=(second, second_started))
    two.start()
    one.join(20)
    two.join(20)
    assert not one.is_alive()
    assert not two.is_alive()
    assert not failures, [str(f) for f in failures]


def _met(commitment: Commitment) -> Callable[[], object]:
    source = SourceFactory()
    return lambda: commitment_set_status(
        commitment=Commitment.objects.get(pk=commitment.pk), status="met", sources=[source]
    )


def test_a_deadline_deleted_beside_a_status_change_of_its_commitment(monkeypatch):
    commitment = CommitmentFactory()
    upcoming = deadline_due(timezone.now() + 10 * DAY, commitment=commitment)
    _side_by_side(
        monkeypatch,
        commitment,
        lambda: deadline_delete(deadline=Deadline.objects.get(pk=upcoming.pk)),
        _met(commitment),
    )
    assert not Deadline.objects.filter(pk=upcoming.pk).exists()


def test_a_deadline_met_beside_a_reschedule_of_the_one_it_counts_from(monkeypatch):
    now = timezone.now()
    commitment = CommitmentFactory()
    first = deadline_due(now - 10 * DAY, commitment=commitment)
    second = deadline_create(commitment=commitment, wording="second", anchor=first, offset="P1D", time_zone="UTC")
    deadlines_flag_passed(now=now, batch_size=100)
    assert Deadline.objects.filter(commitment=commitment, state=DeadlineState.PASSED).count() == 2
    later = now + 30 * DAY
    _side_by_side(
        monkeypatch,
        commitment,
        lambda: deadline_close(deadline=Deadline.objects.get(pk=second.pk), state=DeadlineState.MET),
        lambda: deadline_update(
            deadline=Deadline.objects.get(pk=first.pk),
            changes={"year": later.year, "month": later.month, "day": later.day},
        ),
    )
    assert Deadline.objects.get(pk=second.pk).state == DeadlineState.MET
