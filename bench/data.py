"""Generated volume for the benchmarks: realistic shapes, bulk inserts."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from django.db import connection, transaction

from agreements.choices import (
    ActorKind,
    AgreementKind,
    CommitmentCategory,
    CommitmentStatus,
    DeadlinePrecision,
    DeadlineState,
    SignatoryRole,
)
from agreements.models import Actor, Agreement, Commitment, Deadline, Signatory, Source
from utilities.folding import fold

WORDS = [
    "ceasefire",
    "withdrawal",
    "monitoring",
    "humanitarian",
    "corridor",
    "prisoners",
    "exchange",
    "demobilisation",
    "elections",
    "constitution",
    "committee",
    "verification",
    "heavy",
    "weapons",
    "front",
    "line",
    "return",
    "displaced",
    "civilians",
    "talks",
]


def _sentence(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."


@transaction.atomic
def agreements(count: int = 10_000, commitments_each: int = 5, seed: int = 1) -> None:
    """``count`` agreements, each with two parties, a source, ``commitments_each`` commitments
    (two bound actors each) and one deadline per commitment; a fifth of commitments overdue."""
    rng = random.Random(seed)
    actors = Actor.objects.bulk_create(
        Actor(
            name=f"Actor {n}",
            slug=f"actor-{n}",
            kind=rng.choice(ActorKind.values),
            aliases=[f"A{n}"],
            search_text=fold(f"Actor {n} A{n}"),
        )
        for n in range(1000)
    )
    start = dt.date(1990, 1, 1)
    batch = Agreement.objects.bulk_create(
        (
            Agreement(
                title=f"Agreement {n} on {rng.choice(WORDS)}",
                slug=f"agreement-{n}",
                kind=rng.choice(AgreementKind.values),
                date=start + dt.timedelta(days=rng.randrange(12_000)),
                countries=[rng.choice(["LY", "SY", "YE", "CO", "SD", "SS", "UA"])],
                conflict="Generated",
                summary=_sentence(rng, 20),
                external_ids={"bench": str(n)},
                search_text=fold(f"Agreement {n}"),
            )
            for n in range(count)
        ),
        batch_size=1000,
    )
    sources = Source.objects.bulk_create(
        (Source(title=f"Report {n}", publisher="Wire", quote=_sentence(rng, 12)) for n in range(count)),
        batch_size=1000,
    )
    Agreement.sources.through.objects.bulk_create(
        (Agreement.sources.through(agreement_id=a.pk, source_id=s.pk) for a, s in zip(batch, sources, strict=True)),
        batch_size=2000,
    )
    Signatory.objects.bulk_create(
        (
            Signatory(agreement=a, actor=actor, role=role, position=i)
            for a in batch
            for i, (actor, role) in enumerate(
                zip(rng.sample(actors, 2), (SignatoryRole.SIGNATORY, SignatoryRole.ADDRESSED_PARTY), strict=True)
            )
        ),
        batch_size=2000,
    )
    now = dt.datetime.now(dt.UTC)
    commitments = Commitment.objects.bulk_create(
        (
            Commitment(
                agreement=a,
                number=str(i + 1),
                position=i,
                wording=_sentence(rng, 25),
                summary=_sentence(rng, 8),
                category=rng.choice(CommitmentCategory.values),
                status=rng.choice(CommitmentStatus.values),
                overdue_since=now - dt.timedelta(days=rng.randrange(1, 900)) if rng.random() < 0.2 else None,
            )
            for a in batch
            for i in range(commitments_each)
        ),
        batch_size=2000,
    )
    Commitment.bound_actors.through.objects.bulk_create(
        (
            Commitment.bound_actors.through(commitment_id=c.pk, actor_id=actor.pk)
            for c in commitments
            for actor in rng.sample(actors, 2)
        ),
        batch_size=5000,
    )
    Deadline.objects.bulk_create(
        (
            Deadline(
                commitment=c,
                wording="within thirty days",
                time_zone="Africa/Tripoli",
                precision=DeadlinePrecision.DAY,
                year=2031,
                month=1 + n % 12,
                day=1 + n % 28,
                due_at=dt.datetime(2031, 1 + n % 12, 1 + n % 28, 22, tzinfo=dt.UTC),
                due_display=f"end of {1 + n % 28} {dt.date(2031, 1 + n % 12, 1):%B %Y} (Africa/Tripoli)",
                due_precision=DeadlinePrecision.DAY,
                state=DeadlineState.UPCOMING,
            )
            for n, c in enumerate(commitments)
        ),
        batch_size=5000,
    )


def deadlines(total: int, due: int, *, now: dt.datetime, per_commitment: int = 10) -> None:
    """``total`` upcoming deadlines of which ``due`` are due by ``now``, inserted with raw SQL
    (the ORM's per-object work would dominate at a million rows)."""
    agreement = Agreement.objects.create(title="Sweep benchmark", slug="sweep-benchmark", kind="other")
    commitments = (total + per_commitment - 1) // per_commitment
    with transaction.atomic():
        Commitment.objects.bulk_create(
            (
                Commitment(agreement=agreement, number=str(n), position=n, wording="x", category="other")
                for n in range(commitments)
            ),
            batch_size=5000,
        )
    first = Commitment.objects.filter(agreement=agreement).order_by("id").values_list("id", flat=True)[0]
    table = connection.ops.quote_name(Deadline._meta.db_table)
    field = Deadline._meta.get_field("due_at")
    past = field.get_db_prep_value(now - dt.timedelta(days=1), connection)
    future = field.get_db_prep_value(now + dt.timedelta(days=365), connection)
    stamp = field.get_db_prep_value(now, connection)
    names = (
        "commitment_id wording time_zone precision year month day time due_at due_display state schedule_revision "
        "search_text created_at updated_at anchor_kind offset due_precision waiting_for extended_times"
    )
    columns = ", ".join(connection.ops.quote_name(name) for name in names.split())
    display = "00:00 on 1 January 2030 (UTC)"
    step = total // due if due else 0

    def rows(start: int, stop: int) -> list[tuple[Any, ...]]:
        return [
            (
                first + n // per_commitment,
                "by then",
                "UTC",
                "instant",
                2030,
                1,
                1,
                "00:00:00",
                past if step and n % step == 0 else future,
                display,
                "upcoming",
                0,
                "by then",
                stamp,
                stamp,
                "",
                "",
                "instant",
                "",
                0,
            )
            for n in range(start, stop)
        ]

    chunk = 50_000
    with connection.cursor() as cursor:
        for offset in range(0, total, chunk):
            batch = rows(offset, min(total, offset + chunk))
            with transaction.atomic():
                if connection.vendor == "postgresql":
                    with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                        for row in batch:
                            copy.write_row(row)
                else:
                    marks = ", ".join(["%s"] * len(batch[0]))
                    cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks})", batch)
