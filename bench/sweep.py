"""sweep: flagging 100,000 due deadlines among 1,000,000, against one raw UPDATE … RETURNING.

Ours does everything a flag means — state, overdue marks, outbox events with
their payloads — in bounded batches. The baseline only flips the rows. Also:
the idle sweep over the same table (the common case), and peak memory with a
backlog of 10,000 against 100,000 (it should not grow with the backlog); and
whether building the ``deadline.passed`` payloads in SQL is still worth its
second rendering (``sweep-payload``: the same events built in Python from model
instances, against the sweep's ``INSERT … SELECT``); and the batch size
(``sweep-batch-N``): for each candidate, the whole sweep's time against the
baseline, the longest batch transaction (how long its row locks are held: what
an editor's write to one of those deadlines may wait) and peak memory.
"""

from __future__ import annotations

import datetime as dt
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from bench.common import peak_memory, say, summary, timer

TOTAL = int(os.environ.get("BENCH_SWEEP_TOTAL", "1000000"))
DUE = int(os.environ.get("BENCH_SWEEP_DUE", "100000"))
BATCH_SIZES = [int(n) for n in os.environ.get("BENCH_SWEEP_BATCHES", "500,2000,5000,20000").split(",") if n]


def _reset(now: dt.datetime, due: int) -> None:
    """Every deadline upcoming again, ``due`` of them due; no events, nothing overdue.

    On PostgreSQL the table is then rewritten in id order (``CLUSTER``), so that every run — ours,
    the baseline, each batch size — meets the due rows where a table written over time holds
    them: spread over all its pages. Without it the layout depended on the runs before: the
    reset's ``UPDATE`` moved the rows a sweep had flipped onto new pages together, so the first
    sweep met the due rows on some 23,000 pages and every later run (the baseline's included)
    on about 2,300.
    """
    from django.db import connection, transaction

    from agreements.models import Commitment, Deadline, Event

    table = connection.ops.quote_name(Deadline._meta.db_table)
    field = Deadline._meta.get_field("due_at")
    past = field.get_db_prep_value(now - dt.timedelta(days=1), connection)
    future = field.get_db_prep_value(now + dt.timedelta(days=365), connection)
    step = TOTAL // due
    with transaction.atomic(), connection.cursor() as cursor:
        Event.objects.all().delete()
        Commitment.objects.exclude(overdue_since=None).update(overdue_since=None)
        cursor.execute(
            f"UPDATE {table} SET state = 'upcoming', passed_at = NULL, "
            f"due_at = CASE WHEN (id - (SELECT MIN(id) FROM {table})) %% %s = 0 THEN %s ELSE %s END",
            [step, past, future],
        )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT indexrelid::regclass::text FROM pg_index WHERE indrelid = %s::regclass AND indisprimary",
                [Deadline._meta.db_table],
            )
            (primary,) = cursor.fetchone()
            cursor.execute(f"CLUSTER {table} USING {connection.ops.quote_name(primary)}")
            cursor.execute(f"VACUUM ANALYZE {table}")


def _baseline(now: dt.datetime) -> int:
    from django.db import connection, transaction

    from agreements.models import Deadline

    table = connection.ops.quote_name(Deadline._meta.db_table)
    stamp = Deadline._meta.get_field("passed_at").get_db_prep_value(now, connection)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET state = 'passed', passed_at = %s "
            f"WHERE state = 'upcoming' AND due_at <= %s RETURNING id",
            [stamp, stamp],
        )
        return len(cursor.fetchall())


PAYLOAD_SAMPLE = int(os.environ.get("BENCH_SWEEP_PAYLOAD_SAMPLE", "20000"))


class _RollBack(Exception):
    """Undo a timed write: each variant starts from the same table."""


def _payloads(now: dt.datetime, build_in_sql: bool) -> float:
    """Seconds to write ``deadline.passed`` events for PAYLOAD_SAMPLE deadlines, one way or the other."""
    from django.db import transaction

    from agreements.choices import EventType
    from agreements.models import Deadline, Event
    from agreements.payloads import deadline_event_data
    from agreements.services.sweep import _record_passed

    ids = list(Deadline.objects.order_by("id").values_list("id", flat=True)[:PAYLOAD_SAMPLE])
    batch = 2000
    with timer() as elapsed:
        try:
            with transaction.atomic():
                for start in range(0, len(ids), batch):
                    chunk = ids[start : start + batch]
                    if build_in_sql:
                        _record_passed(chunk, now)
                    else:
                        Event.objects.bulk_create(
                            Event(
                                type=EventType.DEADLINE_PASSED,
                                occurred_at=now,
                                happened_at=d.due_at or now,
                                agreement_id=d.commitment.agreement_id,
                                commitment_id=d.commitment_id,
                                deadline_id=d.pk,
                                data=deadline_event_data(d),
                                dedupe_key=f"{EventType.DEADLINE_PASSED}:{d.pk}:{d.schedule_revision}",
                            )
                            for d in Deadline.objects.filter(id__in=chunk).select_related("commitment__agreement")
                        )
                raise _RollBack
        except _RollBack:
            pass
    return elapsed()


@contextmanager
def _batch_timer() -> Iterator[list[float]]:
    """Seconds each batch transaction of the sweep lasted, from its claim to its last write.

    On PostgreSQL a batch is one statement (timed with its commit); on SQLite
    the claim, the overdue marks and the events, timed from the claim's start to
    the events' end.
    """
    from django.db import transaction

    from agreements.services import sweep

    spans: list[float] = []
    originals = {
        name: getattr(sweep, name) for name in ("_flag_batch_in_one_statement", "_claim_passed", "_record_passed")
    }
    started: list[float] = []

    def one_statement(*args: Any) -> Any:
        begun = time.perf_counter()
        rows = originals["_flag_batch_in_one_statement"](*args)
        transaction.on_commit(lambda: spans.append(time.perf_counter() - begun))
        return rows

    def claim(*args: Any) -> Any:
        started.append(time.perf_counter())
        return originals["_claim_passed"](*args)

    def record(*args: Any) -> Any:
        result = originals["_record_passed"](*args)
        begun = started.pop()
        transaction.on_commit(lambda: spans.append(time.perf_counter() - begun))
        return result

    sweep._flag_batch_in_one_statement = one_statement  # type: ignore[assignment]
    sweep._claim_passed = claim  # type: ignore[assignment]
    sweep._record_passed = record  # type: ignore[assignment]
    try:
        yield spans
    finally:
        for name, original in originals.items():
            setattr(sweep, name, original)


def _batch_sizes(now: dt.datetime, baseline: float) -> list[dict[str, Any]]:
    """The sweep of the same backlog at each batch size: time, longest lock, peak memory."""
    from django.test import override_settings

    from agreements.services.sweep import sweep_run

    rows = []
    for size in BATCH_SIZES:
        with override_settings(DEADLINE_SWEEP_BATCH_SIZE=size):
            _reset(now, DUE)
            with _batch_timer() as spans, timer() as elapsed:
                assert sweep_run(now=now).flagged == DUE
            _reset(now, DUE)
            _, peak = peak_memory(lambda: sweep_run(now=now))
        say(
            f"batch {size}: {elapsed():.2f} s ({elapsed() / baseline:.2f}× the baseline), {len(spans)} batches, "
            f"longest lock {max(spans) * 1000:.0f} ms (median {sorted(spans)[len(spans) // 2] * 1000:.0f} ms), "
            f"peak memory {peak / 2**20:.1f} MB"
        )
        rows.append(
            summary(
                f"sweep-batch-{size}",
                elapsed() / baseline,
                elapsed(),
                baseline,
                f"s to flag {DUE}; longest lock {max(spans) * 1000:.0f} ms; peak {peak / 2**20:.1f} MB",
                target="pick: ratio near the best with locks held briefly",
            )
        )
    return rows


def run() -> list[dict[str, Any]]:
    from django.utils import timezone

    from agreements.services.sweep import sweep_run
    from bench import data

    now = timezone.now()
    with timer() as elapsed:
        data.deadlines(TOTAL, DUE, now=now)
    say(f"data: {TOTAL} deadlines, {DUE} due ({elapsed():.1f} s)")
    _reset(now, DUE)

    with timer() as ours:
        result = sweep_run(now=now)
    assert result.flagged == DUE, result
    say(f"ours: flagged {result.flagged} (state, overdue marks, events) in {ours():.2f} s")
    with timer() as idle:
        assert sweep_run(now=now).flagged == 0
    say(f"idle sweep over {TOTAL} deadlines with nothing due: {idle() * 1000:.1f} ms (target < 50 ms)")

    _reset(now, DUE)
    with timer() as baseline:
        assert _baseline(now) == DUE
    say(f"baseline: one UPDATE … RETURNING of the same {DUE} rows in {baseline():.2f} s")

    peaks = {}
    for backlog in (DUE // 10, DUE):
        _reset(now, backlog)
        _, peaks[backlog] = peak_memory(lambda: sweep_run(now=now))
        say(f"peak memory with a backlog of {backlog}: {peaks[backlog] / 2**20:.1f} MB")
    growth = peaks[DUE] / peaks[DUE // 10]
    say(f"memory growth for ten times the backlog: ×{growth:.2f} (flat is ×1)")

    _reset(now, DUE)  # no events yet: each variant writes the same ones, then rolls back
    in_sql, in_python = _payloads(now, build_in_sql=True), _payloads(now, build_in_sql=False)
    say(f"{PAYLOAD_SAMPLE} deadline.passed events: payloads built in SQL {in_sql:.2f} s, in Python {in_python:.2f} s")
    batches = _batch_sizes(now, baseline())
    return [
        summary("sweep", ours() / baseline(), ours(), baseline(), f"s to flag {DUE}", target="target: ratio <= 3"),
        summary("sweep-idle", idle() / 0.050, idle() * 1000, 50.0, "ms, baseline = the 50 ms target"),
        summary("sweep-memory", growth, peaks[DUE] / 2**20, peaks[DUE // 10] / 2**20, "MB peak, 100k vs 10k due"),
        summary(
            "sweep-payload",
            in_python / in_sql,
            in_python,
            in_sql,
            f"s for {PAYLOAD_SAMPLE} events, payloads built in Python vs in SQL",
            target="above 1: the SQL payload earns its keep",
        ),
        *batches,
    ]
