"""The sweep on several database connections (PostgreSQL): a backlog drained in parallel rounds,
each deadline flagged once, each commitment's deadlines on one connection and overdue since its
earliest, and a batch that waited for another reading the commitment as that one left it."""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import pytest
from django.db import connection, transaction

from agreements.choices import DeadlineState, EventType
from agreements.models import Commitment, Deadline, Event
from agreements.services import sweep
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


def test_a_backlog_is_drained_on_several_connections_each_deadline_once(monkeypatch):
    made = backlog()
    threads: dict[int, int] = {}
    batch = sweep._flag_batch_in_one_statement

    def counted(*args: object) -> tuple[list[tuple[int, str, str]], int]:
        rows, claimed = batch(*args)  # type: ignore[arg-type]
        threads[threading.get_ident()] = threads.get(threading.get_ident(), 0) + len(rows)
        return rows, claimed

    monkeypatch.setattr(sweep, "_flag_batch_in_one_statement", counted)
    assert deadlines_flag_passed(now=NOW, batch_size=4, connections=3) == 60
    # The first batch, then each of three shares on a connection (a thread) of its own.
    assert len([flagged for flagged in threads.values() if flagged]) == 3
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


def _hold(
    lock_sql: str,
    params: list[object],
    holding: threading.Event,
    release: threading.Event,
    then: str = "",
    then_params: list[object] | None = None,
    failures: list[BaseException] | None = None,
) -> None:
    """On a connection of its own: take a lock, say so, wait to be released, then (optionally) take
    another lock, and commit."""
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(lock_sql, params)
            holding.set()
            assert release.wait(10)
            if then:
                cursor.execute(then, then_params or [])
    except BaseException as error:  # noqa: BLE001 - reported by the test
        if failures is not None:
            failures.append(error)
        holding.set()
    finally:
        connection.close()


@contextmanager
def _commitment_held(commitment: Commitment) -> Iterator[None]:
    """An editor holds ``commitment`` (locked for update, on a connection of their own) for the
    block, and commits after it."""
    holding, release = threading.Event(), threading.Event()
    editor = threading.Thread(
        target=_hold,
        args=("SELECT id FROM agreements_commitment WHERE id = %s FOR UPDATE", [commitment.pk], holding, release),
    )
    editor.start()
    assert holding.wait(10)
    try:
        yield
    finally:
        release.set()
        editor.join(10)


def _batch_beside_an_editor(
    lock_sql: str, lock_params: list[object], then: str, then_params: list[object]
) -> list[int]:
    """A batch run while an editor holds ``lock_sql``'s lock and then asks for ``then``'s: the ids
    it flagged. The batch must not wait for the editor, nor the editor end in error."""
    holding, release, failures = threading.Event(), threading.Event(), []
    editor = threading.Thread(
        target=_hold,
        args=(lock_sql, lock_params, holding, release),
        kwargs={"then": then, "then_params": then_params, "failures": failures},
    )
    editor.start()
    assert holding.wait(10)
    started = time.monotonic()
    with transaction.atomic():
        flagged = [row[0] for row in _flag_batch_in_one_statement(NOW, 10)[0]]
        assert time.monotonic() - started < 5  # it waited for nothing
        release.set()  # the editor now asks for the deadline: it may wait for this batch, not in a circle
        time.sleep(0.2)
    editor.join(10)
    assert not editor.is_alive()
    assert not failures, failures
    return flagged


def test_a_batch_skips_a_deadline_whose_commitment_an_editor_holds_and_waits_for_nothing():
    """An editor's status change locks the commitment, then its deadlines. A batch that took the
    deadline and then waited for the commitment would deadlock with it: the batch skips both."""
    held = CommitmentFactory()
    mine = deadline_due(NOW - 2 * MINUTE, commitment=held)
    other = deadline_due(NOW - MINUTE)
    flagged = _batch_beside_an_editor(
        "SELECT id FROM agreements_commitment WHERE id = %s FOR UPDATE",
        [held.pk],
        "SELECT id FROM agreements_deadline WHERE commitment_id = %s FOR UPDATE",
        [held.pk],
    )
    assert flagged == [other.pk]
    # The next sweep takes what was skipped.
    assert deadlines_flag_passed(now=NOW, batch_size=10) == 1
    assert Deadline.objects.get(pk=mine.pk).state == DeadlineState.PASSED


def test_a_batch_after_another_reads_the_commitment_as_that_one_left_it():
    """Two sweeps at once (two beats, an operator's flag_deadlines): the second skips the deadline
    whose commitment the first holds; once the first commits, the deadline's event says the
    commitment is overdue since the earlier deadline, as the first batch recorded."""
    commitment = CommitmentFactory()
    earlier = deadline_due(NOW - 2 * MINUTE, commitment=commitment)
    later = deadline_due(NOW - MINUTE, commitment=commitment)
    holding, release = threading.Event(), threading.Event()
    failures: list[BaseException] = []

    def first() -> None:
        try:
            with transaction.atomic():
                assert [row[0] for row in _flag_batch_in_one_statement(NOW, 1)[0]] == [earlier.pk]
                holding.set()
                assert release.wait(10)
        except BaseException as error:  # noqa: BLE001 - reported by the test
            failures.append(error)
            holding.set()
        finally:
            connection.close()

    one = threading.Thread(target=first)
    one.start()
    assert holding.wait(10)
    with transaction.atomic():
        # The later deadline is claimed, its commitment held: skipped, no wait.
        assert _flag_batch_in_one_statement(NOW, 1) == ([], 1)
    release.set()
    one.join(10)
    assert not failures, failures
    with transaction.atomic():
        assert [row[0] for row in _flag_batch_in_one_statement(NOW, 1)[0]] == [later.pk]
    commitment.refresh_from_db()
    assert commitment.overdue_since == earlier.due_at
    event = Event.objects.get(type=EventType.DEADLINE_PASSED, deadline=later)
    assert event.data["commitment"]["overdue_since"] == iso(earlier.due_at)


def test_a_listed_batch_flags_those_of_its_list_still_due_and_upcoming_only():
    due = [deadline_due(NOW - (n + 1) * MINUTE) for n in range(3)]
    not_listed = deadline_due(NOW - 10 * MINUTE)
    rescheduled = deadline_due(NOW + MINUTE)  # an editor moved it on after the round read it
    met = deadline_due(NOW - 5 * MINUTE)
    Deadline.objects.filter(pk=met.pk).update(state=DeadlineState.MET)
    listed = [rescheduled.pk, met.pk, *(d.pk for d in due)]
    with transaction.atomic():
        rows, _ = _flag_batch_in_one_statement(NOW, len(listed), listed)
    # Due first, as an unlisted batch returns them.
    assert [row[0] for row in rows] == [d.pk for d in reversed(due)]
    assert Deadline.objects.get(pk=rescheduled.pk).state == DeadlineState.UPCOMING
    assert Deadline.objects.get(pk=met.pk).state == DeadlineState.MET
    assert Deadline.objects.get(pk=not_listed.pk).state == DeadlineState.UPCOMING
    assert Event.objects.filter(type=EventType.DEADLINE_PASSED).count() == 3


def test_each_round_gives_a_commitments_deadlines_to_one_connection(monkeypatch):
    """Rounds of a batch per connection: no two connections ever hold deadlines of one
    commitment at once, and the drain needs no more rounds than the backlog has batches."""
    made = backlog(commitments=7, each=6)
    lists: list[tuple[int, list[int]]] = []
    batch = sweep._flag_batch_in_one_statement

    def recorded(
        now: dt.datetime, limit: int, listed: list[int] | None = None
    ) -> tuple[list[tuple[int, str, str]], int]:
        if listed is not None:
            lists.append((threading.get_ident(), list(listed)))
        return batch(now, limit, listed)

    monkeypatch.setattr(sweep, "_flag_batch_in_one_statement", recorded)
    assert deadlines_flag_passed(now=NOW, batch_size=4, connections=3) == 42
    owner = dict(Deadline.objects.values_list("id", "commitment_id"))
    assert len({thread for thread, _ in lists}) == 3
    # Each list holds whole commitments of its round: a commitment is never in two lists of a round.
    rounds = [lists[n : n + 3] for n in range(0, len(lists), 3)]
    for one_round in rounds:
        seen = [{owner[d] for d in listed} for _, listed in one_round]
        assert sum(len(commitments) for commitments in seen) == len(set().union(*seen))
    # 42 due, 4 in the first batch, 12 a round of three.
    assert len(rounds) == 4
    for commitment in made:
        commitment.refresh_from_db()
        assert commitment.overdue_since == min(commitment.deadlines.values_list("due_at", flat=True))


def test_a_drain_goes_on_past_a_commitment_an_editor_holds():
    held = CommitmentFactory()
    deadline_due(NOW - 20 * MINUTE, commitment=held)  # first in due order
    for n in range(10):
        deadline_due(NOW - (n + 1) * MINUTE)
    with _commitment_held(held):
        # A batch of 3 that skipped one is not the end of the backlog.
        assert deadlines_flag_passed(now=NOW, batch_size=3, connections=1) == 10
    assert deadlines_flag_passed(now=NOW, batch_size=3) == 1


def test_a_batch_skips_the_deadlines_of_an_agreement_whose_key_an_editor_is_changing():
    """A new slug (a unique key) in an open transaction: the events' foreign-key checks at the
    batch's commit would wait for it, and the editor may wait for the batch's deadlines."""
    renamed = CommitmentFactory()
    mine = deadline_due(NOW - 2 * MINUTE, commitment=renamed)
    other = deadline_due(NOW - MINUTE)
    flagged = _batch_beside_an_editor(
        "UPDATE agreements_agreement SET slug = slug || '-new' WHERE id = %s",
        [renamed.agreement_id],
        "SELECT id FROM agreements_deadline WHERE id = %s FOR UPDATE",
        [mine.pk],
    )
    assert flagged == [other.pk]


def _editor_waiting_for_a_batch(change: Callable[[], object]) -> list[int]:
    """A batch holds its locks while an editor's ``change`` runs on a connection of its own: the
    change must wait for the batch (it has not ended half a second on), then end without error
    once the batch commits. Returns the ids the batch flagged."""
    failures: list[BaseException] = []
    started, done = threading.Event(), threading.Event()

    def editor() -> None:
        try:
            started.set()
            change()
        except BaseException as error:  # noqa: BLE001 - reported by the test
            failures.append(error)
        finally:
            done.set()
            connection.close()

    with transaction.atomic():
        flagged = [row[0] for row in _flag_batch_in_one_statement(NOW, 10)[0]]
        thread = threading.Thread(target=editor)
        thread.start()
        assert started.wait(10)
        time.sleep(0.5)
        assert not done.is_set()
    thread.join(10)
    assert not thread.is_alive()
    assert not failures, failures
    return flagged


@pytest.mark.parametrize("what", ["agreement", "commitment", "deadline"])
def test_a_deletion_waiting_on_a_batch_takes_the_batchs_events_with_it(what):
    """An editor deletes an agreement (a commitment, a deadline) whose due deadline a batch holds:
    the deletion waits for the batch, and the event the batch recorded is kept in the timeline,
    its links cleared, rather than failing the deletion at commit for pointing at a deleted row."""
    from agreements.services.agreements import agreement_delete
    from agreements.services.commitments import commitment_delete
    from agreements.services.deadlines import deadline_delete

    due = deadline_due(NOW - MINUTE)
    deleting = {
        "agreement": lambda: agreement_delete(agreement=due.commitment.agreement),
        "commitment": lambda: commitment_delete(commitment=due.commitment),
        "deadline": lambda: deadline_delete(deadline=Deadline.objects.get(pk=due.pk)),
    }[what]
    assert _editor_waiting_for_a_batch(deleting) == [due.pk]
    assert not Deadline.objects.filter(pk=due.pk).exists()
    (event,) = Event.objects.filter(type=EventType.DEADLINE_PASSED)
    assert event.deadline_id is None
    assert event.data["deadline"]["id"] == due.pk


def _endless(monkeypatch, listed_batch: Callable[[list[int]], tuple[list[tuple[int, str, str]], int]]) -> list[str]:
    """An endless backlog: a full first batch, then rounds of fake lists (commitment = deadline
    id, so that each connection gets some), each list handled by ``listed_batch`` on the thread
    of its connection. Returns the name of the thread of each listed batch, in order."""
    threads: list[str] = []
    lock = threading.Lock()

    def batch(now: dt.datetime, limit: int, listed: list[int] | None = None) -> tuple[list[tuple[int, str, str]], int]:
        if listed is None:
            return [], limit
        with lock:
            threads.append("main" if threading.current_thread() is threading.main_thread() else "helper")
        return listed_batch(listed)

    monkeypatch.setattr(sweep, "_flag_batch_in_one_statement", batch)
    monkeypatch.setattr(sweep, "_due_listed", lambda now, limit: [(n, n) for n in range(limit)])
    return threads


def _raise(error: BaseException, *, after: float = 0) -> Callable[[list[int]], tuple[list[tuple[int, str, str]], int]]:
    def batch(listed: list[int]) -> tuple[list[tuple[int, str, str]], int]:
        time.sleep(after)
        raise error

    return batch


def _flagging(*, after: float = 0) -> Callable[[list[int]], tuple[list[tuple[int, str, str]], int]]:
    def batch(listed: list[int]) -> tuple[list[tuple[int, str, str]], int]:
        time.sleep(after)
        return [(n, "", "") for n in listed], len(listed)

    return batch


def test_a_helper_connections_failure_is_told_beside_the_main_ones(monkeypatch):
    def by_thread(listed: list[int]) -> tuple[list[tuple[int, str, str]], int]:
        if threading.current_thread() is threading.main_thread():
            return _raise(RuntimeError("main broke"), after=0.05)(listed)
        return _raise(RuntimeError("helper broke"))(listed)

    _endless(monkeypatch, by_thread)
    with pytest.raises(RuntimeError, match="main broke") as raised:
        deadlines_flag_passed(now=NOW, batch_size=10, connections=2)
    assert any("helper broke" in note for note in raised.value.__notes__)


def test_helper_connections_stop_when_the_sweep_is_stopped(monkeypatch):
    """Celery's soft time limit raises in the main thread: the drain ends with the round in hand,
    the helper's batch of it finished, instead of draining the backlog."""

    def by_thread(listed: list[int]) -> tuple[list[tuple[int, str, str]], int]:
        if threading.current_thread() is threading.main_thread() and len(threads) > 6:
            raise TimeoutError("soft time limit")
        return _flagging(after=0.01)(listed)

    threads = _endless(monkeypatch, by_thread)
    started = time.monotonic()
    with pytest.raises(TimeoutError):
        deadlines_flag_passed(now=NOW, batch_size=10, connections=2)
    assert time.monotonic() - started < 5
    # Rounds of two until the main thread's fourth batch raised; the helper's batch of that round
    # ran, and no round after it.
    assert threads.count("main") == threads.count("helper") == 4


def test_helper_connections_stop_when_the_sweep_is_stopped_while_waiting_for_them(monkeypatch):
    """A soft time limit fires while this thread waits for a helper's batch (a signal, as Celery
    raises it): the helper's batch ends, and no round follows."""
    import signal

    def by_thread(listed: list[int]) -> tuple[list[tuple[int, str, str]], int]:
        if threading.current_thread() is threading.main_thread():
            return _flagging()(listed)
        return _flagging(after=0.1)(listed)

    class SoftTimeLimit(Exception):
        pass

    def soft_limit(*_: object) -> None:
        raise SoftTimeLimit

    threads = _endless(monkeypatch, by_thread)
    before = signal.signal(signal.SIGALRM, soft_limit)
    signal.setitimer(signal.ITIMER_REAL, 0.35)
    try:
        with pytest.raises(SoftTimeLimit):
            deadlines_flag_passed(now=NOW, batch_size=10, connections=2)
        helpers = threads.count("helper")
        time.sleep(0.3)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, before)
    assert 2 <= helpers <= 5
    assert threads.count("helper") == helpers  # nothing ran after the sweep ended


def test_a_helper_connections_failure_stops_the_others(monkeypatch):
    def by_thread(listed: list[int]) -> tuple[list[tuple[int, str, str]], int]:
        if threading.current_thread() is not threading.main_thread() and len(threads) > 4:
            raise RuntimeError("helper broke")
        return _flagging(after=0.01)(listed)

    threads = _endless(monkeypatch, by_thread)
    with pytest.raises(RuntimeError, match="helper broke"):
        deadlines_flag_passed(now=NOW, batch_size=10, connections=2)
    assert threads.count("main") == threads.count("helper") == 3


def test_a_round_that_flags_nothing_ends_the_drain(monkeypatch):
    """Every due deadline a round read is held by someone else (another sweep's batches): the
    drain does not read the same rows again and again; the closing claim over the backlog is left
    to find what is free."""
    threads = _endless(monkeypatch, lambda listed: ([], len(listed)))
    reads: list[int] = []
    monkeypatch.setattr(sweep, "_due_listed", lambda now, limit: reads.append(limit) or [(n, n) for n in range(limit)])
    flagged_by_final: list[int] = []

    def final(now: dt.datetime, batch_size: int, gather: object) -> int:
        flagged_by_final.append(batch_size)
        return 0

    monkeypatch.setattr(sweep, "_flag_batches", final)
    assert deadlines_flag_passed(now=NOW, batch_size=10, connections=2) == 0
    assert reads == [20]
    assert threads.count("main") == threads.count("helper") == 1
    assert flagged_by_final == [10]


def test_a_drain_ends_after_a_round_that_read_less_than_it_asked_for(monkeypatch):
    threads = _endless(monkeypatch, _flagging())
    chunks = iter([20, 20, 7])
    monkeypatch.setattr(sweep, "_due_listed", lambda now, limit: [(n, n) for n in range(next(chunks))])
    monkeypatch.setattr(sweep, "_flag_batches", lambda now, batch_size, gather: 0)
    # The first batch (10, faked full), then 20 + 20 + 7 in three rounds.
    assert deadlines_flag_passed(now=NOW, batch_size=10, connections=2) == 47
    assert len(threads) == 6


def test_an_editor_closing_a_passed_deadline_beside_a_batch_leaves_the_commitment_overdue():
    """The editor meets the commitment's one passed deadline while a batch flags another: the
    editor's check of what is still passed must wait for the batch, or it clears the mark the
    batch's deadline stands for."""
    from agreements.services.deadlines import deadline_close

    commitment = CommitmentFactory()
    first = deadline_due(NOW - 2 * MINUTE, commitment=commitment)
    second = deadline_due(NOW - MINUTE, commitment=commitment)
    assert deadlines_flag_passed(now=NOW - 90 * dt.timedelta(seconds=1), batch_size=10) == 1

    def met() -> None:
        deadline_close(deadline=Deadline.objects.get(pk=first.pk), state=DeadlineState.MET, now=NOW)

    assert _editor_waiting_for_a_batch(met) == [second.pk]
    commitment.refresh_from_db()
    assert Deadline.objects.get(pk=second.pk).state == DeadlineState.PASSED
    # Overdue all along: the second deadline passed before the first was met.
    assert commitment.overdue_since == first.due_at


def _slowed_at_the_lock(sql_in_between: str, params: list[object]) -> Callable[..., object]:
    """An execute wrapper for the batch's connection: the batch statement sleeps between its
    snapshot and the lock of the commitments, and another connection commits ``sql_in_between``
    meanwhile (an editor's change, committed just before the batch locks the row)."""
    anchor = "WHERE id IN (SELECT commitment_id FROM due) ORDER BY id FOR NO KEY UPDATE"
    slowed = (
        "WHERE id IN (SELECT commitment_id FROM due) AND (SELECT true FROM pg_sleep(0.6)) ORDER BY id FOR NO KEY UPDATE"
    )

    def editor() -> None:
        try:
            time.sleep(0.2)
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute(sql_in_between, params)
        finally:
            connection.close()

    def wrapper(execute, sql, sql_params, many, context):  # type: ignore[no-untyped-def]
        if anchor not in sql:
            return execute(sql, sql_params, many, context)
        thread = threading.Thread(target=editor)
        thread.start()
        try:
            return execute(sql.replace(anchor, slowed), sql_params, many, context)
        finally:
            thread.join(10)

    return wrapper


@pytest.mark.parametrize("listed", [False, True], ids=["claimed", "listed"])
@pytest.mark.parametrize(
    ("before", "change", "overdue"),
    [
        # The only passed deadline met meanwhile: no longer overdue, so this deadline marks it.
        ({"overdue_since": NOW - dt.timedelta(days=1)}, "overdue_since = NULL", "flagged"),
        # Reopened meanwhile: no longer closed, so overdue from this deadline.
        ({"status": "met"}, "status = 'not_assessed'", "flagged"),
        # Found met meanwhile: closed, so not overdue.
        ({}, "status = 'met'", None),
    ],
    ids=["mark-cleared", "reopened", "met"],
)
def test_marks_and_events_read_the_commitment_as_the_batch_locked_it(listed, before, change, overdue):
    """An editor's change to the commitment committed after the batch's snapshot and before its
    lock: the row is marked by what the batch locked, and the event says what the row says."""
    commitment = CommitmentFactory()
    Commitment.objects.filter(pk=commitment.pk).update(**before)
    due = deadline_due(NOW - 2 * MINUTE, commitment=commitment)
    wrapper = _slowed_at_the_lock(f"UPDATE agreements_commitment SET {change} WHERE id = %s", [commitment.pk])
    with connection.execute_wrapper(wrapper), transaction.atomic():
        rows, _ = _flag_batch_in_one_statement(NOW, 1, [due.pk] if listed else None)
    assert [row[0] for row in rows] == [due.pk]
    commitment.refresh_from_db()
    assert commitment.overdue_since == (due.due_at if overdue else None)
    (event,) = Event.objects.filter(type=EventType.DEADLINE_PASSED)
    assert event.data["commitment"]["overdue_since"] == (iso(due.due_at) if overdue else None)
    assert event.data["commitment"]["status"] == commitment.status


@pytest.mark.parametrize("listed", [False, True], ids=["claimed", "listed"])
def test_deadlines_of_one_commitment_in_one_batch_all_say_the_earliest(listed):
    commitment = CommitmentFactory()
    later = deadline_due(NOW - MINUTE, commitment=commitment)
    earlier = deadline_due(NOW - 3 * MINUTE, commitment=commitment)
    with transaction.atomic():
        rows, _ = _flag_batch_in_one_statement(NOW, 2, [later.pk, earlier.pk] if listed else None)
    assert [row[0] for row in rows] == [earlier.pk, later.pk]
    said = {e.data["commitment"]["overdue_since"] for e in Event.objects.filter(type=EventType.DEADLINE_PASSED)}
    assert said == {iso(earlier.due_at)}
    commitment.refresh_from_db()
    assert commitment.overdue_since == earlier.due_at


def test_no_batch_is_larger_than_the_batch_size_however_the_backlog_falls(monkeypatch):
    """Forty due deadlines of one commitment: a round's parts are one batch each at most."""
    commitment = CommitmentFactory()
    for n in range(40):
        deadline_due(NOW - (n + 1) * MINUTE, commitment=commitment)
    sizes: list[int] = []
    batch = sweep._flag_batch_in_one_statement

    def measured(
        now: dt.datetime, limit: int, listed: list[int] | None = None
    ) -> tuple[list[tuple[int, str, str]], int]:
        sizes.append(limit if listed is None else len(listed))
        return batch(now, limit, listed)

    monkeypatch.setattr(sweep, "_flag_batch_in_one_statement", measured)
    assert deadlines_flag_passed(now=NOW, batch_size=4, connections=3) == 40
    assert max(sizes) == 4
    commitment.refresh_from_db()
    assert commitment.overdue_since == NOW - 40 * MINUTE


def test_helper_connections_are_closed_after_the_drain():
    backlog(commitments=9, each=4)

    def open_connections() -> int:
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()")
            return cursor.fetchone()[0]

    before = open_connections()
    assert deadlines_flag_passed(now=NOW, batch_size=2, connections=4) == 36
    assert not [t for t in threading.enumerate() if t.name.startswith("sweep")]
    deadline = time.monotonic() + 5
    while open_connections() != before and time.monotonic() < deadline:
        time.sleep(0.05)  # a closed backend leaves pg_stat_activity a moment after
    assert open_connections() == before


@pytest.mark.parametrize("connections", [1, 2])
def test_a_sweep_whose_first_claims_are_all_held_ends_without_spinning(connections):
    """Every deadline a full claim takes belongs to a commitment an editor holds: the sweep ends
    after a bounded number of statements instead of claiming the same rows again and again until
    the editor commits; the next sweep takes them."""
    held = CommitmentFactory()
    for n in range(4):
        deadline_due(NOW - (n + 1) * MINUTE, commitment=held)
    statements: list[str] = []

    def counted(execute, sql, params, many, context):  # type: ignore[no-untyped-def]
        statements.append(sql)
        return execute(sql, params, many, context)

    with _commitment_held(held), connection.execute_wrapper(counted):
        assert deadlines_flag_passed(now=NOW, batch_size=4, connections=connections) == 0
    assert len(statements) <= 8
    assert deadlines_flag_passed(now=NOW, batch_size=4, connections=connections) == 4
