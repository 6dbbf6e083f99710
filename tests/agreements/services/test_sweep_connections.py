"""The sweep on several database connections (PostgreSQL): a backlog drained in parallel, each
deadline flagged once, each commitment overdue since its earliest deadline, and a batch that
waited for another reading the commitment as that one left it."""

from __future__ import annotations

import datetime as dt
import threading
import time

import pytest
from django.db import connection, transaction

from agreements.choices import DeadlineState, EventType
from agreements.models import Commitment, Deadline, Event
from agreements.services.sweep import _flag_batch_in_one_statement, deadlines_flag_passed, sweep_run
from tests.factories import CommitmentFactory, deadline_due
from utilities.time import iso

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite has one writer: its sweep runs on one"),
]

NOW = dt.datetime(2026, 6, 1, 12, tzinfo=dt.UTC)
MINUTE = dt.timedelta(minutes=1)


def backlog(commitments: int = 12, each: int = 5) -> list[Commitment]:
    """``commitments`` commitments with ``each`` passed deadlines, their due times interleaved."""
    made = [CommitmentFactory() for _ in range(commitments)]
    for n in range(commitments * each):
        deadline_due(NOW - (n + 1) * MINUTE, commitment=made[n % commitments], wording=f"deadline {n}")
    return made


def test_a_backlog_is_drained_on_several_connections_each_deadline_once():
    made = backlog()
    assert deadlines_flag_passed(now=NOW, batch_size=4, connections=3) == 60
    assert not Deadline.objects.filter(state=DeadlineState.UPCOMING).exists()
    flagged = list(Event.objects.filter(type=EventType.DEADLINE_PASSED).values_list("deadline_id", flat=True))
    assert sorted(flagged) == sorted(Deadline.objects.values_list("id", flat=True))
    for commitment in made:
        commitment.refresh_from_db()
        earliest = min(commitment.deadlines.values_list("due_at", flat=True))
        # Overdue since its earliest deadline, whichever connection flagged which of them.
        assert commitment.overdue_since == earliest
    # Each event says the commitment is overdue: none read it from before another batch marked it.
    for event in Event.objects.filter(type=EventType.DEADLINE_PASSED):
        assert event.data["commitment"]["overdue_since"] is not None


def test_the_sweep_drains_on_the_configured_connections_and_samples_the_first_flagged(settings):
    backlog(commitments=6, each=10)
    settings.DEADLINE_SWEEP_BATCH_SIZE = 5
    settings.DEADLINE_SWEEP_CONNECTIONS = 2
    result = sweep_run(now=NOW)
    assert result.flagged == 60
    # The sample is the first batch's, taken before any other connection started: due first.
    earliest = Deadline.objects.order_by("due_at", "id").values_list("wording", flat=True)[:5]
    assert [line.split(" (")[0] for line in result.flagged_sample[:5]] == list(earliest)
    assert Event.objects.filter(type=EventType.DEADLINE_PASSED).count() == 60


def test_inside_a_callers_transaction_it_keeps_to_that_transactions_connection():
    backlog(commitments=4, each=5)

    flagged: list[int] = []

    def flag_then_roll_back() -> None:
        with transaction.atomic():
            flagged.append(deadlines_flag_passed(now=NOW, batch_size=2, connections=4))
            raise RuntimeError("undo")

    with pytest.raises(RuntimeError, match="undo"):
        flag_then_roll_back()
    assert flagged == [20]
    # Other connections would have committed their batches: the rollback undid everything.
    assert Deadline.objects.filter(state=DeadlineState.PASSED).count() == 0
    assert not Event.objects.exists()


def _waiting_for_a_lock() -> bool:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'"
        )
        return cursor.fetchone()[0] > 0


def test_a_batch_that_waited_for_another_reads_the_commitment_as_that_one_left_it():
    """Two sweeps at once (two beats, an operator's flag_deadlines): the second batch claims the
    commitment's later deadline, waits for the first batch's lock on the commitment, and its event
    says the commitment is overdue since the earlier deadline, as the first batch just recorded."""
    commitment = CommitmentFactory()
    earlier = deadline_due(NOW - 2 * MINUTE, commitment=commitment)
    later = deadline_due(NOW - MINUTE, commitment=commitment)
    holding, release = threading.Event(), threading.Event()
    failures: list[BaseException] = []

    def first() -> None:
        try:
            with transaction.atomic():
                assert [row[0] for row in _flag_batch_in_one_statement(NOW, 1)] == [earlier.pk]
                holding.set()
                assert release.wait(10)
        except BaseException as error:  # noqa: BLE001 - reported by the test
            failures.append(error)
            holding.set()
        finally:
            connection.close()

    def second() -> None:
        try:
            with transaction.atomic():
                assert [row[0] for row in _flag_batch_in_one_statement(NOW, 1)] == [later.pk]
        except BaseException as error:  # noqa: BLE001 - reported by the test
            failures.append(error)
        finally:
            connection.close()

    one = threading.Thread(target=first)
    one.start()
    assert holding.wait(10)
    two = threading.Thread(target=second)
    two.start()
    deadline = time.monotonic() + 10
    while not _waiting_for_a_lock() and time.monotonic() < deadline:
        time.sleep(0.02)
    assert _waiting_for_a_lock(), "the second batch never waited for the first's lock"
    release.set()
    one.join(10)
    two.join(10)
    assert not failures, failures
    commitment.refresh_from_db()
    assert commitment.overdue_since == earlier.due_at
    event = Event.objects.get(type=EventType.DEADLINE_PASSED, deadline=later)
    assert event.data["commitment"]["overdue_since"] == iso(earlier.due_at)


def test_a_share_of_the_backlog_is_the_deadlines_of_its_commitments_only():
    made = backlog(commitments=4, each=3)
    odd = {c.pk for c in made if c.pk % 2 == 1}
    with transaction.atomic():
        rows = _flag_batch_in_one_statement(NOW, 100, (1, 2))
    flagged = Deadline.objects.filter(pk__in=[row[0] for row in rows])
    assert len(rows) == 6
    assert set(flagged.values_list("commitment_id", flat=True)) == odd
