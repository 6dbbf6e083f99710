"""Anchored deadlines: checking an anchor, and moving every deadline that counts from a moved one.

When a deadline's moment changes — rescheduled, met at a recorded moment (or
at another one), extended, reopened — or an agreement's signing date does,
every deadline counting from it moves too, through chains of any depth, in
the caller's transaction. The whole tree of dependents is read in one
recursive query (``WITH RECURSIVE``, on SQLite and PostgreSQL alike, locked
on PostgreSQL so a concurrent sweep skips it) and recomputed parents first in
memory; what changed is written in one bulk update with its history rows, and
each deadline whose ``due_at`` moved gets one ``deadline.rescheduled`` event
saying from when, to when and why. A deadline already flagged ``passed`` whose
new ``due_at`` lies ahead reopens (the rule ``deadline_update`` applies), and
reminders are worked out afresh.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection, models
from django.db.models import Q, prefetch_related_objects

from agreements.choices import DeadlineAnchor, DeadlineState, EventType
from agreements.models import AgreementLink, Commitment, Deadline
from agreements.payloads import deadline_event_data
from agreements.services.events import event_new, events_record
from utilities.services import UserLike, author
from utilities.time import iso
from utilities.urls import api_url

# Deeper than any agreement's chain of phases; a guard against a loop in bad data.
MAX_DEPTH = 100_000

# What a recomputation may change on a deadline.
SCHEDULE_FIELDS = [
    "precision",
    "year",
    "month",
    "day",
    "time",
    "due_at",
    "due_precision",
    "due_display",
    "waiting_for",
    "state",
    "passed_at",
    "next_reminder_at",
    "schedule_revision",
    "updated_at",
]


def _ids(rows: Iterable[Sequence[object]]) -> list[int]:
    return [int(row[0]) for row in rows]  # type: ignore[call-overload]


def ancestors(deadline_id: int) -> list[int]:
    """``deadline_id`` and every deadline it counts from, nearest first (one recursive query)."""
    table = connection.ops.quote_name(Deadline._meta.db_table)
    sql = (
        f"WITH RECURSIVE up(id, anchor_id, depth) AS ("  # noqa: S608
        f"SELECT id, anchor_id, 0 FROM {table} WHERE id = %s "
        f"UNION ALL SELECT d.id, d.anchor_id, up.depth + 1 FROM {table} d JOIN up ON d.id = up.anchor_id "
        f"WHERE up.depth < %s) SELECT id FROM up ORDER BY depth"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [deadline_id, MAX_DEPTH])
        return _ids(cursor.fetchall())


def lock_commitments(ids: Iterable[int]) -> None:
    """Lock these commitments' rows (``FOR NO KEY UPDATE``, in id order) for the rest of the
    caller's transaction, before any of their deadlines: every editor's change takes the
    commitment first, then its deadlines, so none waits for another in a circle. (SQLite, with
    one writer at a time, reads them without a lock.)"""
    wanted = sorted(set(ids))
    if wanted:
        query = Commitment.objects.filter(pk__in=wanted).select_for_update(no_key=True).order_by("pk")
        list(query.values_list("pk", flat=True))


def descendants(root_ids: Sequence[int]) -> list[tuple[int, int]]:
    """Every deadline counting, directly or through others, from ``root_ids``: (id, depth), parents first."""
    if not root_ids:
        return []
    table = connection.ops.quote_name(Deadline._meta.db_table)
    marks = ", ".join(["%s"] * len(root_ids))
    sql = (
        f"WITH RECURSIVE down(id, depth) AS ("  # noqa: S608
        f"SELECT id, 1 FROM {table} WHERE anchor_id IN ({marks}) "
        f"UNION ALL SELECT d.id, down.depth + 1 FROM {table} d JOIN down ON d.anchor_id = down.id "
        f"WHERE down.depth < %s) SELECT id, MAX(depth) AS depth FROM down GROUP BY id ORDER BY 2, 1"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*root_ids, MAX_DEPTH])
        return [(int(row[0]), int(row[1])) for row in cursor.fetchall()]


def check_anchor(deadline: Deadline) -> None:
    """Refuse an anchor that closes a circle, lies outside the agreement's reach, or comes after.

    The anchor must be a deadline of the same agreement or of one linked to it
    (either way). ``deadline`` has been derived (``due_at`` is its new value).
    """
    anchor = deadline.anchor
    if deadline.anchor_kind != DeadlineAnchor.DEADLINE or anchor is None:
        return
    if deadline.pk is not None and (anchor.pk == deadline.pk or deadline.pk in ancestors(anchor.pk)):
        raise ValidationError(
            {"anchor": f"Deadline {anchor.pk} counts from this one (directly or through others): a circle."}
        )
    own = deadline.commitment.agreement_id
    theirs = anchor.commitment.agreement_id
    if (
        own != theirs
        and not AgreementLink.objects.filter(
            Q(from_agreement_id=own, to_agreement_id=theirs) | Q(from_agreement_id=theirs, to_agreement_id=own)
        ).exists()
    ):
        raise ValidationError(
            {
                "anchor_id": f"Deadline {anchor.pk} belongs to an agreement this one is not linked to; "
                "link the two agreements first."
            }
        )
    moment = anchor.moment()
    if moment is not None and deadline.due_at is not None and deadline.due_at < moment.due_at:
        raise ValidationError(
            {
                "anchor_id": f"Counted in {deadline.time_zone}, this deadline ({deadline.due_display}) would fall "
                f"due before its anchor ({moment.describe()}); state it in the anchor's time zone or give a "
                "longer offset."
            }
        )


def moved(deadline: Deadline, *, previous_due: dt.datetime | None, now: dt.datetime) -> bool:
    """Start a new schedule if ``due_at`` moved: returns whether the deadline reopened.

    Reminders are worked out afresh, and a deadline that had passed but now lies
    ahead (or waits, or is unspecified) is upcoming again.
    """
    deadline.schedule_revision += 1
    reopened = deadline.state == DeadlineState.PASSED and (deadline.due_at is None or deadline.due_at > now)
    if reopened:
        deadline.state = DeadlineState.UPCOMING
        deadline.passed_at = None
    deadline.next_reminder_at = deadline.compute_next_reminder_at(now, settings.DEADLINE_REMINDER_LEADS)
    return reopened


def _write(deadlines: Sequence[Deadline]) -> None:
    """One prepared ``UPDATE … WHERE id = %s``, executed for every recomputed deadline.

    Django's ``bulk_update`` builds a ``CASE WHEN id = … THEN …`` per field and
    row — for ten thousand dependents, seconds of Python to build SQL the
    database then has to parse. A prepared statement run many times (psycopg's
    pipeline, SQLite's own loop) writes the same values at a fraction of the cost.
    """
    table = connection.ops.quote_name(Deadline._meta.db_table)
    fields = [field for name in SCHEDULE_FIELDS if isinstance(field := Deadline._meta.get_field(name), models.Field)]
    assignments = ", ".join(f"{connection.ops.quote_name(f.column)} = %s" for f in fields)
    rows = [[f.get_db_prep_save(getattr(d, f.attname), connection) for f in fields] + [d.pk] for d in deadlines]
    with connection.cursor() as cursor:
        cursor.executemany(f"UPDATE {table} SET {assignments} WHERE id = %s", rows)  # noqa: S608


@dataclass
class Cascade:
    """What a cascade did: the deadlines it moved, and how many it read."""

    moved: list[Deadline]
    read: int


def reschedule(
    roots: Sequence[Deadline],
    *,
    reason: str,
    now: dt.datetime,
    user: UserLike = None,
    include_roots: bool = False,
) -> Cascade:
    """Recompute every deadline counting from ``roots`` (and the roots themselves, if asked).

    ``roots`` carry their new state in memory (saved or about to be). Runs in
    the caller's transaction.
    """
    if not roots:
        return Cascade([], 0)
    order = descendants([root.pk for root in roots])
    depth = dict(order)
    # Their commitments first (the roots' the caller holds), then the deadlines.
    lock_commitments(Deadline.objects.filter(pk__in=[pk for pk, _ in order]).values_list("commitment_id", flat=True))
    query = Deadline.objects.filter(pk__in=[pk for pk, _ in order]).select_related("commitment__agreement")
    if connection.features.has_select_for_update:
        query = query.select_for_update(of=("self",))
    rows = list(query)
    # Only deadlines that were extended have extension rows to read.
    prefetch_related_objects([row for row in rows if row.extended_times], "extensions")
    rows.sort(key=lambda row: (depth[row.pk], row.pk))
    known: dict[int, Deadline] = {root.pk: root for root in roots}
    targets = ([(root, reason) for root in roots] if include_roots else []) + [(row, "") for row in rows]
    changed: list[Deadline] = []
    events = []
    reopened: set[int] = set()
    for deadline, why in targets:
        if deadline.anchor_id is not None:
            parent = known.get(deadline.anchor_id)
            if parent is not None:
                deadline.anchor = parent
        before = (deadline.due_at, deadline.due_display, deadline.waiting_for, deadline.precision)
        previous_due, previous_state = deadline.due_at, deadline.state
        deadline.derive()
        known[deadline.pk] = deadline
        if (deadline.due_at, deadline.due_display, deadline.waiting_for, deadline.precision) == before:
            continue
        changed.append(deadline)
        if deadline.due_at == previous_due:
            continue
        if moved(deadline, previous_due=previous_due, now=now):
            reopened.add(deadline.commitment_id)
        anchor_note = why or f"It counts from {deadline.anchor.label() if deadline.anchor else 'signing'}, which moved."
        events.append(
            event_new(
                type=EventType.DEADLINE_RESCHEDULED,
                occurred_at=now,
                data=deadline_event_data(
                    deadline,
                    previous_due_at=iso(previous_due),
                    previous_state=previous_state,
                    reason=anchor_note,
                    anchor=(
                        {"id": deadline.anchor_id, "url": api_url("deadlines", deadline.anchor_id)}
                        if deadline.anchor_id
                        else None
                    ),
                    note="Was passed; now due again." if deadline.state != previous_state else "",
                ),
                deadline=deadline,
                user=user,
            )
        )
    if changed:
        for deadline in changed:
            deadline.updated_at = now
        _write(changed)
        Deadline.history.bulk_history_create(
            changed, default_user=author(user), default_change_reason=reason[:100], default_date=now, update=True
        )
    events_record(events)
    for commitment in Commitment.objects.filter(pk__in=reopened):
        commitment.refresh_overdue()
    return Cascade(changed, len(rows))
