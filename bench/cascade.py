"""cascade: moving a deadline that others count from — a chain of 1,000 phases and a fan of 10,000.

Ours is ``deadline_update`` of the root by one day: the root's own event, the
recursive read of every dependent, each recomputed in memory parents first,
one bulk update with history rows, one ``deadline.rescheduled`` event each.
The baseline is the database doing the bare minimum of the same change: one
``UPDATE … SET due_at = due_at + 1 day`` of the same rows. Query counts are
printed too; they must not grow with the number of dependents.
"""

from __future__ import annotations

import datetime as dt
import os
from typing import Any

from bench.common import say, summary, timer

CHAIN = int(os.environ.get("BENCH_CASCADE_CHAIN", "1000"))
FAN = int(os.environ.get("BENCH_CASCADE_FAN", "10000"))


def _root() -> Any:
    from agreements.services.deadlines import deadline_create
    from tests.factories import CommitmentFactory

    commitment: Any = CommitmentFactory()
    return deadline_create(
        commitment=commitment,
        wording="the ceasefire starts",
        time_zone="Europe/Kyiv",
        precision="instant",
        year=2030,
        month=2,
        day=15,
        time=dt.time(0, 0),
    )


def _dependents(root: Any, count: int, *, chain: bool) -> list[int]:
    """``count`` deadlines counting from ``root``: each from the one before (a chain) or all from the root (a fan)."""
    from django.db import transaction

    from agreements.choices import DeadlineAnchor
    from agreements.models import Deadline

    made: list[Any] = []
    with transaction.atomic():
        parent = root
        batch: list[Any] = []
        for n in range(count):
            deadline = Deadline(
                commitment=root.commitment,
                wording=f"phase {n + 1}",
                time_zone="Europe/Kyiv",
                anchor_kind=DeadlineAnchor.DEADLINE,
                anchor=parent,
                offset="P1D" if chain else f"PT{n + 1}H",
            )
            deadline.derive()
            if chain:
                deadline.save()
                parent = deadline
                made.append(deadline)
            else:
                batch.append(deadline)
        if batch:
            made = Deadline.objects.bulk_create(batch, batch_size=1000)
    return [d.pk for d in made]


def _baseline(ids: list[int]) -> float:
    from django.db import connection, transaction

    from agreements.models import Deadline

    table = connection.ops.quote_name(Deadline._meta.db_table)
    shift = "due_at + INTERVAL '1 day'" if connection.vendor == "postgresql" else "datetime(due_at, '+1 day')"
    marks = ", ".join(["%s"] * len(ids))
    with timer() as elapsed, transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"UPDATE {table} SET due_at = {shift} WHERE id IN ({marks})", ids)
    return elapsed()


def _ours(root: Any) -> tuple[float, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from agreements.models import Deadline
    from agreements.services.deadlines import deadline_update

    fresh = Deadline.objects.get(pk=root.pk)
    with CaptureQueriesContext(connection) as queries, timer() as elapsed:
        deadline_update(deadline=fresh, changes={"day": (fresh.day or 1) + 1})
    return elapsed(), len(queries)


def _case(name: str, count: int, *, chain: bool) -> list[dict[str, Any]]:
    from agreements.models import Deadline, Event

    root = _root()
    with timer() as made:
        ids = _dependents(root, count, chain=chain)
    say(f"{name}: {count} dependents made in {made():.1f} s")
    ours, queries = _ours(root)
    moved = Event.objects.filter(type="deadline.rescheduled", deadline_id__in=ids).count()
    assert moved == count, (moved, count)
    last = Deadline.objects.get(pk=ids[-1])
    say(f"ours: moved the root and {count} dependents in {ours:.2f} s, {queries} queries; last now {last.due_display}")
    baseline = _baseline(ids)
    say(f"baseline: one UPDATE of the same {count} rows in {baseline:.3f} s")
    return [
        summary(name, ours / baseline, ours, baseline, f"s to move {count} dependents"),
        summary(f"{name}-queries", queries, queries, 1, "queries for the whole cascade, baseline = one statement"),
    ]


def run() -> list[dict[str, Any]]:
    return [*_case("cascade-chain", CHAIN, chain=True), *_case("cascade-fan", FAN, chain=False)]
