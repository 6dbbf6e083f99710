"""The deadline sweep: flag passed deadlines exactly once, and send reminders.

Exactly once, whatever runs at the same time (two beats, two workers, a
retried task, an operator's ``flag_deadlines``): a deadline moves from
``upcoming`` to ``passed`` only in a conditional ``UPDATE … WHERE state =
'upcoming' … RETURNING id``, and only the transaction whose update returned
the row writes its event. On PostgreSQL the rows are picked with
``FOR UPDATE SKIP LOCKED`` in a materialised CTE, so concurrent sweeps split the backlog instead of
queueing behind each other; on SQLite the transaction takes the write lock
first (IMMEDIATE), so sweeps run one after another. A crash rolls back the
whole batch — flags, overdue marks and events together — and the next sweep
finds those deadlines still upcoming.

The cost follows the number of due deadlines: the queries use the partial
indexes on upcoming deadlines, and work proceeds in batches of
``DEADLINE_SWEEP_BATCH_SIZE``, each its own transaction, so a backlog of a
million neither fills memory nor holds one huge transaction.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import threading
import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import connection, models, transaction
from django.utils import timezone

from agreements.choices import CommitmentStatus, DeadlineState, EventType
from agreements.models import Agreement, Commitment, Deadline, Event, SweepRecord
from agreements.payloads import COMMITMENT, DEADLINE, deadline_event_data, deadline_event_data_sql
from agreements.services.events import event_new, events_record
from agreements.signals import announce_events

logger = logging.getLogger("agreements.sweep")

SAMPLE_SIZE = 50


@dataclass
class SweepResult:
    """What one sweep did."""

    flagged: int = 0
    reminded: int = 0
    duration_ms: int = 0
    flagged_sample: list[str] = field(default_factory=list)


def _db(field_name: str, value: object) -> Any:
    field = Deadline._meta.get_field(field_name)
    assert isinstance(field, models.Field)
    return field.get_db_prep_value(value, connection)


def _claim_passed(now: dt.datetime, limit: int) -> list[int]:
    """Mark up to ``limit`` due, upcoming deadlines passed; return the ids this call changed."""
    table = connection.ops.quote_name(Deadline._meta.db_table)
    skip_locked = " FOR UPDATE SKIP LOCKED" if connection.features.has_select_for_update_skip_locked else ""
    # The batch is picked in a materialised CTE: PostgreSQL may re-run an
    # ``IN (SELECT … LIMIT n)`` subquery inside an UPDATE and so change more than
    # n rows. ``state = 'upcoming'`` is checked again by the UPDATE itself.
    sql = (
        f"WITH due AS MATERIALIZED (SELECT id AS due_id FROM {table} "  # noqa: S608
        f"WHERE state = %s AND due_at <= %s ORDER BY due_at, id LIMIT %s{skip_locked}) "
        f"UPDATE {table} SET state = %s, passed_at = %s, next_reminder_at = NULL, updated_at = %s "
        f"FROM due WHERE {table}.id = due.due_id AND {table}.state = %s RETURNING {table}.id"
    )
    stamp = _db("passed_at", now)
    params = [DeadlineState.UPCOMING, _db("due_at", now), limit, DeadlineState.PASSED, stamp, stamp]
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, DeadlineState.UPCOMING])
        return [row[0] for row in cursor.fetchall()]


def _mark_overdue(ids: list[int]) -> None:
    """Commitments of these just-flagged deadlines are overdue since the earliest fell due,
    unless met or withdrawn, or already overdue since earlier (a deadline flagged after a later
    one, by two sweeps at once or entered already past, moves ``overdue_since`` back to it).

    One UPDATE … FROM over the batch's own deadlines. (A correlated subquery over all
    passed deadlines looked the same but, with statistics that lag behind a big sweep,
    PostgreSQL scanned every passed row per commitment.) A commitment not yet overdue
    and neither met nor withdrawn has no earlier passed deadline: the status services
    keep ``overdue_since`` in step whenever that could change.
    """
    commitments = connection.ops.quote_name(Commitment._meta.db_table)
    deadlines = connection.ops.quote_name(Deadline._meta.db_table)
    marks = ", ".join(["%s"] * len(ids))
    closing = sorted(CommitmentStatus.closing())
    sql = (
        f"UPDATE {commitments} SET overdue_since = first.due_at FROM "  # noqa: S608
        f"(SELECT commitment_id, MIN(due_at) AS due_at FROM {deadlines} WHERE id IN ({marks}) "
        f"GROUP BY commitment_id) AS first "
        f"WHERE {commitments}.id = first.commitment_id "
        f"AND ({commitments}.overdue_since IS NULL OR {commitments}.overdue_since > first.due_at) "
        f"AND {commitments}.status NOT IN (%s, %s)"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*ids, *closing])


def _record_passed(ids: list[int], now: dt.datetime) -> None:
    """The sweep's events for the deadlines it flagged (see ``deadlines_record_passed``)."""
    deadlines_record_passed(ids, now=now)


# Deadlines one statement of ``deadlines_record_passed`` covers (above the sweep's batch, under
# SQLite's 32,766 parameters).
_RECORD_CHUNK = 10_000


def deadlines_record_passed(
    ids: Sequence[int],
    *,
    now: dt.datetime,
    extra: dict[str, Any] | None = None,
    fanned_out_at: dt.datetime | None = None,
) -> None:
    """One ``deadline.passed`` event per deadline of ``ids``, built by the database from the
    deadline, commitment and agreement rows as they stand (``INSERT … SELECT``, no row through
    Python), in the caller's transaction.

    ``extra`` is merged into each event's ``data`` after the snapshot (what the Python
    ``deadline_event_data(deadline, **extra)`` says); ``fanned_out_at`` marks events no subscriber
    is to be sent (an import recording history, not news). The dedupe key is the sweep's, so the
    same deadline is never recorded as passed twice for one schedule.
    """
    if not ids:
        return
    vendor = connection.vendor
    names = {m: connection.ops.quote_name(m._meta.db_table) for m in (Deadline, Commitment, Agreement, Event)}
    payload, payload_params = deadline_event_data_sql(vendor)
    if extra and vendor == "postgresql":
        payload, payload_params = f"({payload}) || %s::jsonb", [*payload_params, json.dumps(extra)]
    elif extra:
        # One json_set per key: json_patch would drop a key whose value is null and merge objects.
        for key, value in extra.items():
            payload, payload_params = (
                f"json_set({payload}, %s, json(%s))",
                [*payload_params, f"$.{key}", json.dumps(value)],
            )
    occurred = Event._meta.get_field("occurred_at").get_db_prep_save(now, connection)
    # (column, the value selected for it, its parameters)
    selected: list[tuple[str, str, list[Any]]] = [
        ("type", "%s", [EventType.DEADLINE_PASSED]),
        ("occurred_at", "%s", [occurred]),
        ("happened_at", "d.due_at", []),
        ("agreement_id", "a.id", []),
        ("commitment_id", "c.id", []),
        ("deadline_id", "d.id", []),
        ("data", payload, payload_params),
        ("dedupe_key", "%s || d.id || ':' || d.schedule_revision", [f"{EventType.DEADLINE_PASSED}:"]),
    ]
    if fanned_out_at is not None:
        stamp = Event._meta.get_field("fanned_out_at").get_db_prep_save(fanned_out_at, connection)
        selected.append(("fanned_out_at", "%s", [stamp]))
    columns = ", ".join(column for column, _, _ in selected)
    values = ", ".join(value for _, value, _ in selected)
    head = [param for _, _, params in selected for param in params]
    with connection.cursor() as cursor:
        for start in range(0, len(ids), _RECORD_CHUNK):
            chunk = list(ids[start : start + _RECORD_CHUNK])
            marks = ", ".join(["%s"] * len(chunk))
            cursor.execute(
                f"INSERT INTO {names[Event]} ({columns}) "  # noqa: S608
                f"SELECT {values} "
                f"FROM {names[Deadline]} d JOIN {names[Commitment]} c ON c.id = d.commitment_id "
                f"JOIN {names[Agreement]} a ON a.id = c.agreement_id WHERE d.id IN ({marks})",
                [*head, *chunk],
            )


def _flag_batch_in_one_statement(
    now: dt.datetime, limit: int, listed: Sequence[int] | None = None
) -> tuple[list[tuple[int, str, str]], int]:
    """PostgreSQL: claim, flip, mark overdue and write the events of one batch in one statement.

    Data-modifying CTEs run once each, to completion, on one snapshot: the
    claim (``FOR UPDATE SKIP LOCKED`` in a materialised CTE, as in
    ``_claim_passed``), the lock of their commitments (skipping any held: a
    batch waits for no one), the flip (rechecking ``state``), the overdue marks over
    the batch's own deadlines (as in ``_mark_overdue``), and the events built
    by the database from the flipped rows (as in ``_record_passed``). Because
    every part sees the snapshot from before the statement, the events work out
    each commitment's new ``overdue_since`` as the marks set it, from the commitment
    as the batch locked it, not from the table. One round trip per batch instead of three, and the ids of
    deadlines flagged come back with their wording for the sweep's sample.
    ``listed`` limits the batch to those deadlines (still due and upcoming when it flips
    them), and ``limit`` is then their number: each round of a drain on several
    connections hands each connection a list (``_drain_in_rounds``).
    Returns (id, wording, due_display) of each deadline flagged, due first, and how many
    due deadlines the batch claimed (more than it flagged when it skipped some: the backlog
    is not drained until a claim comes back short).
    """
    names = {m: connection.ops.quote_name(m._meta.db_table) for m in (Deadline, Commitment, Agreement, Event)}
    deadlines, commitments = names[Deadline], names[Commitment]
    payload, payload_params = deadline_event_data_sql(connection.vendor, deadline="f", commitment="cm")
    closing = sorted(CommitmentStatus.closing())
    quote = connection.ops.quote_name
    snapshot = [column for column in COMMITMENT.columns if column != "overdue_since"]
    # The flip returns only what the marks, the events and the caller read: the CTE's
    # rows are kept in memory for each of them, and whole rows (``RETURNING *``) spilled
    # to disk at 20,000 a batch. With each deadline come its commitment's columns as the
    # batch locked them (``cm_…``), so that the marks and the events read one CTE each
    # and join no other: a join of two CTEs is planned on guesses of their sizes, and a
    # guess of one row made it a loop over every pair (300 ms a batch of 2,000 instead of 60).
    returned = ", ".join(
        [
            *(f"{deadlines}.{quote(column)}" for column in dict.fromkeys((*DEADLINE.columns, "schedule_revision"))),
            f"{deadlines}.commitment_id",
            *(f"locked.{quote(column)} AS {quote('cm_' + column)}" for column in (*snapshot, "agreement_id")),
            f"locked.overdue_since AS {quote('cm_overdue_since')}",
        ]
    )
    if listed is None:
        claimed_where = "WHERE state = %s AND due_at <= %s"
        claimed_params = [DeadlineState.UPCOMING, _db("due_at", now)]
        rechecked, rechecked_params = "", []
    else:
        # A listed batch claims its list and the flip checks that each is still due: with the
        # checks in the claim, the planner took the list for a tenth of its length.
        claimed_where, claimed_params = "WHERE id = ANY(%s)", [list(listed)]
        rechecked, rechecked_params = f" AND {deadlines}.due_at <= %s", [_db("due_at", now)]
    # The commitment's overdue mark as the marks leave it, for the events: the earliest of
    # its deadlines this batch flagged, unless it was overdue since earlier or is closed.
    overdue = (
        "CASE WHEN f.cm_status NOT IN (%s, %s) AND (f.cm_overdue_since IS NULL OR f.cm_overdue_since > f.first_due) "
        "THEN f.first_due ELSE f.cm_overdue_since END"
    )
    as_locked = ", ".join(f"f.{quote('cm_' + column)} AS {quote(column)}" for column in snapshot)
    sql = (
        f"WITH due AS MATERIALIZED (SELECT id AS due_id, commitment_id FROM {deadlines} "  # noqa: S608
        f"{claimed_where} ORDER BY due_at, id LIMIT %s FOR UPDATE SKIP LOCKED), "
        # The batch's commitments, locked in id order, skipping any another transaction holds:
        # an editor's write locks a commitment, then its deadlines (a status change closing
        # them), so a batch that waited for the commitment while holding the deadline would
        # deadlock with it. The deadlines of a skipped commitment are left as they are (their
        # locks held to the commit) and flagged by a later batch or sweep. The rows are read as
        # they stand, and the marks and the events' snapshots read them, not the statement's
        # snapshot: a batch after another transaction's commit sees the row as that left it.
        f"locked AS MATERIALIZED (SELECT {', '.join(quote(column) for column in snapshot)}, agreement_id, "
        f"overdue_since FROM {commitments} "
        f"WHERE id IN (SELECT commitment_id FROM due) ORDER BY id FOR NO KEY UPDATE SKIP LOCKED), "
        # Their agreements, key-share locked now, skipping any another transaction holds for a
        # change of key (an editor's new slug): the events' foreign-key checks would take that
        # lock at the commit, and wait there for an editor who may be waiting for these deadlines.
        f"held AS MATERIALIZED (SELECT id FROM {names[Agreement]} "
        f"WHERE id IN (SELECT agreement_id FROM locked) ORDER BY id FOR KEY SHARE SKIP LOCKED), "
        f"flipped AS (UPDATE {deadlines} SET state = %s, passed_at = %s, next_reminder_at = NULL, updated_at = %s "
        f"FROM due JOIN locked ON locked.id = due.commitment_id "
        f"WHERE {deadlines}.id = due.due_id AND {deadlines}.state = %s{rechecked} "
        f"AND locked.agreement_id IN (SELECT id FROM held) "
        f"RETURNING {returned}), "
        # The marks test the commitment as the batch locked it (``cm_…``), as the events do: the
        # table's row as the statement's snapshot saw it may be older (an editor's change committed
        # between the snapshot and the lock), and an UPDATE that tested it would skip a row the
        # events call overdue.
        f"marked AS (UPDATE {commitments} SET overdue_since = first.due_at FROM "
        f"(SELECT commitment_id, MIN(due_at) AS due_at, MIN(cm_overdue_since) AS was, MIN(cm_status) AS status "
        f"FROM flipped GROUP BY commitment_id) AS first "
        f"WHERE {commitments}.id = first.commitment_id "
        f"AND (first.was IS NULL OR first.was > first.due_at) AND first.status NOT IN (%s, %s) "
        f"RETURNING {commitments}.id), "
        f"recorded AS (INSERT INTO {names[Event]} "
        f"(type, occurred_at, happened_at, agreement_id, commitment_id, deadline_id, data, dedupe_key) "
        f"SELECT %s, %s, f.due_at, a.id, f.commitment_id, f.id, {payload}, %s || f.id || ':' || f.schedule_revision "
        f"FROM (SELECT flipped.*, MIN(due_at) OVER (PARTITION BY commitment_id) AS first_due FROM flipped) f "
        f"CROSS JOIN LATERAL (SELECT {as_locked}, {overdue} AS overdue_since) cm "
        f"JOIN {names[Agreement]} a ON a.id = f.cm_agreement_id) "
        f"SELECT f.id, f.wording, f.due_display, claimed.n FROM (SELECT count(*) AS n FROM due) claimed "
        f"LEFT JOIN flipped f ON true ORDER BY f.due_at, f.id"
    )
    stamp = _db("passed_at", now)
    occurred = Event._meta.get_field("occurred_at").get_db_prep_save(now, connection)
    params = [
        *claimed_params,
        limit,
        DeadlineState.PASSED,
        stamp,
        stamp,
        DeadlineState.UPCOMING,
        *rechecked_params,
        *closing,
        EventType.DEADLINE_PASSED,
        occurred,
        *payload_params,
        f"{EventType.DEADLINE_PASSED}:",
        *closing,
    ]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        fetched = cursor.fetchall()
    return [(row[0], row[1], row[2]) for row in fetched if row[0] is not None], fetched[0][3]


def deadlines_flag_passed(
    *, now: dt.datetime, batch_size: int, sample: list[str] | None = None, connections: int = 1
) -> int:
    """Flag every deadline due by ``now``: passed, commitment overdue, one event each.

    Returns how many this call flagged. Each batch is one transaction: one
    statement on PostgreSQL (``_flag_batch_in_one_statement``), three on SQLite,
    which has no data-modifying CTEs (and runs them in process, where round
    trips cost nothing).

    On PostgreSQL a backlog (a first batch that came back full) is drained on up
    to ``connections`` database connections at once, in rounds (``_drain_in_rounds``):
    the database works on as many cores, and each deadline is still flagged by exactly
    one batch. Not inside a caller's transaction, whose rows the other connections could
    not see and whose rollback could not undo theirs.
    """
    if connection.vendor != "postgresql":
        return _flag_on_sqlite(now, batch_size, sample)
    gather = _Sample(sample)
    with transaction.atomic():
        rows, claimed = _flag_batch_in_one_statement(now, batch_size)
    gather.add(rows)
    if claimed < batch_size:
        return len(rows)
    if connections <= 1 or connection.in_atomic_block:
        return len(rows) + _flag_batches(now, batch_size, gather)
    flagged = len(rows) + _drain_in_rounds(now, batch_size, gather, connections)
    # One claim over the whole backlog, once the rounds are done: it finds what a round left
    # (rows another sweep or an editor held when their batch came), and it is the first scan of
    # the due index no other batch's transaction holds back, so it marks the entries of the rows
    # just flipped as dead; without it the next sweep with nothing due stepped over them (11-60
    # ms instead of 2 over a million deadlines).
    return flagged + _flag_batches(now, batch_size, gather)


def _due_listed(now: dt.datetime, limit: int) -> list[tuple[int, int]]:
    """PostgreSQL: (id, commitment id) of the next ``limit`` due deadlines, due first, read
    without taking a lock (each batch claims its own, skipping any held)."""
    table = connection.ops.quote_name(Deadline._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT id, commitment_id FROM {table} WHERE state = %s AND due_at <= %s "  # noqa: S608
            "ORDER BY due_at, id LIMIT %s",
            [DeadlineState.UPCOMING, _db("due_at", now), limit],
        )
        return cursor.fetchall()


def _drain_in_rounds(now: dt.datetime, batch_size: int, gather: _Sample, connections: int) -> int:
    """PostgreSQL: drain a backlog on ``connections`` connections, this thread's and one
    helper thread's each for the others, one round at a time.

    A round reads the next ``connections`` batches' worth of due deadlines without locks
    (``_due_listed``), splits them by commitment (id modulo ``connections``), and runs one
    batch of each part at once, each claiming its own list. No two connections flag deadlines
    of one commitment at once (so the earliest of them is flagged first, and marks it overdue
    since its time), and none reads rows of another's part: a claim that filtered the due
    index by commitment had to visit every row of the others' parts too, and where due rows lay
    scattered over the table (as they do when a backlog builds up) the two connections fought
    over the same pages and were no faster than one. The drain ends after a round read fewer
    than it asked for and left none of it for the next, or flagged nothing (all it read was
    held by others). A part is one batch at most: where one commitment (or one share) holds most
    of the backlog, the rest of its part waits for the next round.

    A failure on any connection, or Celery's soft time limit, ends the drain after the round
    in hand (each batch is its own transaction); what failed on other connections is told
    in notes on the error raised.
    """
    helpers = [ThreadPoolExecutor(max_workers=1, thread_name_prefix="sweep") for _ in range(connections - 1)]
    flagged = 0
    try:
        while True:
            due = _due_listed(now, batch_size * connections)
            parts: list[list[int]] = [[] for _ in range(connections)]
            left = 0
            for deadline_id, commitment_id in due:
                part = parts[commitment_id % connections]
                if len(part) < batch_size:
                    part.append(deadline_id)
                else:
                    left += 1  # a part is one batch at most: the rest of it waits for the next round
            this_round = _round(now, parts, helpers, gather)
            flagged += this_round
            if (len(due) < batch_size * connections and not left) or not this_round:
                return flagged
    finally:
        for helper in helpers:
            helper.submit(_close_connection)
        for helper in helpers:
            helper.shutdown(wait=True)


def _round(now: dt.datetime, parts: list[list[int]], helpers: list[ThreadPoolExecutor], gather: _Sample) -> int:
    """One batch of each part at once, the first on this thread's connection: how many were
    flagged. Waits for every helper's batch, whatever happened on this thread."""
    running = [helper.submit(_flag_listed, now, part, gather) for helper, part in zip(helpers, parts[1:], strict=True)]
    error: BaseException | None = None
    flagged = 0
    try:
        flagged += _flag_listed(now, parts[0], gather)
    except BaseException as raised:  # noqa: BLE001 - raised below, after the helpers' batches end
        error = raised
    for future in running:
        try:
            flagged += future.result()
        except BaseException as raised:  # noqa: BLE001 - the first is raised, the others told with it
            if error is None:
                error = raised
            elif future.done() and future.exception() is raised:
                error.add_note(f"A helper connection of the sweep failed too: {raised!r}")
            else:  # raised in this thread while it waited: Celery's soft time limit
                error.add_note(f"The sweep was stopped meanwhile: {raised!r}")
    if error is not None:
        raise error
    return flagged


def _flag_listed(now: dt.datetime, listed: list[int], gather: _Sample) -> int:
    """One batch of the ``listed`` deadlines, in a transaction of its own: how many it flagged."""
    if not listed:
        return 0
    with transaction.atomic():
        rows, _ = _flag_batch_in_one_statement(now, len(listed), listed)
    gather.add(rows)
    return len(rows)


def _close_connection() -> None:
    """Close this thread's database connection (a helper's, when the drain is done)."""
    connection.close()


class _Sample:
    """The first ``SAMPLE_SIZE`` deadlines a sweep flagged, gathered from its connections."""

    def __init__(self, into: list[str] | None) -> None:
        self.into = into
        self.lock = threading.Lock()

    def add(self, rows: Sequence[tuple[int, str, str]]) -> None:
        if self.into is None:
            return
        with self.lock:
            room = SAMPLE_SIZE - len(self.into)
            self.into.extend(f"{wording} ({display})" for _, wording, display in rows[: max(room, 0)])


def _flag_batches(now: dt.datetime, batch_size: int, gather: _Sample) -> int:
    """PostgreSQL: batches on this thread's connection until one comes back short, or flags
    nothing: every deadline it claimed belongs to a commitment or agreement another transaction
    holds, and claiming them again at once would only find them held again (the next sweep
    takes them)."""
    flagged = 0
    while True:
        with transaction.atomic():
            rows, claimed = _flag_batch_in_one_statement(now, batch_size)
        gather.add(rows)
        flagged += len(rows)
        if claimed < batch_size or not rows:
            return flagged


def _flag_on_sqlite(now: dt.datetime, batch_size: int, sample: list[str] | None) -> int:
    """SQLite: claim, marks and events as three statements per batch, one writer at a time."""
    flagged = 0
    while True:
        with transaction.atomic():
            ids = _claim_passed(now, batch_size)
            if not ids:
                break
            _mark_overdue(ids)
            _record_passed(ids, now)
            if sample is not None and len(sample) < SAMPLE_SIZE:
                sample.extend(
                    f"{wording} ({display})"
                    for wording, display in Deadline.objects.filter(id__in=ids[: SAMPLE_SIZE - len(sample)])
                    .order_by("due_at", "id")
                    .values_list("wording", "due_display")
                )
        flagged += len(ids)
        if len(ids) < batch_size:
            break
    return flagged


def deadlines_hold_from_sweep(commitments: models.QuerySet[Commitment]) -> None:
    """Lock ``commitments`` and their deadlines for the rest of the caller's transaction, before
    it deletes them (or some of their deadlines).

    A sweep batch that already holds one of the deadlines records its event first: the caller
    waits for it, and the deletion then finds that event and clears its link as it clears the
    others'. A batch that comes after skips them, and no deadline can be added to them meanwhile.
    Without this, a deletion that had waited for a batch failed at commit, the batch's new event
    pointing at a deleted deadline (PostgreSQL; SQLite has one writer at a time). Commitments
    first, then deadlines, each in id order: the order every editor's change takes them in.
    """
    held = list(commitments.select_for_update(of=("self",)).order_by("pk").values_list("pk", flat=True))
    deadlines = Deadline.objects.filter(commitment_id__in=held).select_for_update(of=("self",)).order_by("pk")
    list(deadlines.values_list("pk", flat=True))


def _reminder_step(
    deadline: Deadline, now: dt.datetime, leads: Sequence[dt.timedelta]
) -> tuple[dt.timedelta | None, dt.datetime | None]:
    """The lead to remind of now (the shortest one reached) and the next reminder time.

    When several leads have been reached at once (the sweep was down, or the
    deadline was moved closer) only the shortest is sent: one timely reminder,
    not a burst of stale ones.
    """
    assert deadline.due_at is not None
    if deadline.due_at <= now:
        return None, None
    reached = [lead for lead in leads if deadline.due_at - lead <= now]
    if not reached:
        return None, deadline.compute_next_reminder_at(now, leads)
    lead = min(reached)
    later = [deadline.due_at - shorter for shorter in leads if shorter < lead and deadline.due_at - shorter > now]
    return lead, min(later) if later else None


def deadlines_send_reminders(*, now: dt.datetime, leads: Sequence[dt.timedelta], batch_size: int) -> int:
    """Emit the ``deadline.approaching`` reminders due by ``now``; return how many."""
    sent = 0
    while True:
        with transaction.atomic():
            query = (
                Deadline.objects.filter(state=DeadlineState.UPCOMING, next_reminder_at__lte=now)
                .select_related("commitment__agreement")
                .order_by("next_reminder_at")
            )
            if connection.features.has_select_for_update_skip_locked:
                query = query.select_for_update(skip_locked=True, of=("self",))
            batch = list(query[:batch_size])
            events = []
            for deadline in batch:
                lead, next_at = _reminder_step(deadline, now, leads)
                # Conditional: only the sweep that moves next_reminder_at on sends.
                moved = Deadline.objects.filter(
                    pk=deadline.pk, state=DeadlineState.UPCOMING, next_reminder_at=deadline.next_reminder_at
                ).update(next_reminder_at=next_at)
                if moved and lead is not None:
                    assert deadline.due_at is not None  # reminders are scheduled only for a due time
                    seconds = int(lead.total_seconds())
                    events.append(
                        event_new(
                            type=EventType.DEADLINE_APPROACHING,
                            occurred_at=now,
                            happened_at=deadline.due_at - lead,
                            data=deadline_event_data(
                                deadline,
                                lead_seconds=seconds,
                                due_in_seconds=int((deadline.due_at - now).total_seconds()),
                            ),
                            deadline=deadline,
                            dedupe_key=(
                                f"{EventType.DEADLINE_APPROACHING}:{deadline.pk}:{deadline.schedule_revision}:{seconds}"
                            ),
                        )
                    )
            events_record(events)
        sent += len(events)
        if len(batch) < batch_size:
            break
    return sent


def sweep_run(*, now: dt.datetime | None = None) -> SweepResult:
    """One full sweep: flag what passed, remind of what approaches, record the run."""
    started = time.perf_counter()
    now = now or timezone.now()
    result = SweepResult()
    batch_size = settings.DEADLINE_SWEEP_BATCH_SIZE
    result.flagged = deadlines_flag_passed(
        now=now,
        batch_size=batch_size,
        sample=result.flagged_sample,
        connections=settings.DEADLINE_SWEEP_CONNECTIONS,
    )
    if result.flagged:
        # Once per sweep rather than per batch: a backlog's batches need one dispatcher run,
        # and each announcement costs its listeners a broker round trip. (Reminders are
        # announced as they are recorded.)
        announce_events()
    result.reminded = deadlines_send_reminders(now=now, leads=settings.DEADLINE_REMINDER_LEADS, batch_size=batch_size)
    result.duration_ms = round((time.perf_counter() - started) * 1000)
    SweepRecord.objects.update_or_create(
        pk=1,
        defaults={
            "completed_at": timezone.now(),
            "swept_until": now,
            "flagged": result.flagged,
            "reminded": result.reminded,
            "duration_ms": result.duration_ms,
        },
    )
    logger.info(
        "deadline sweep: %d flagged, %d reminded in %d ms",
        result.flagged,
        result.reminded,
        result.duration_ms,
        extra={
            "event": "sweep",
            "flagged": result.flagged,
            "reminded": result.reminded,
            "duration_ms": result.duration_ms,
        },
    )
    return result
