"""Many rows fast, for tests and benchmarks that need volume (bulk inserts, not services)."""

from __future__ import annotations

import datetime as dt

from agreements.choices import CommitmentCategory, DeadlinePrecision, DeadlineState
from agreements.due_at import describe_due
from agreements.models import Agreement, Commitment, Deadline
from utilities.folding import fold


def due_deadlines(count: int, *, due: dt.datetime, per_commitment: int = 10, label: str = "bulk") -> list[int]:
    """``count`` upcoming deadlines, all due at ``due`` (UTC), on fresh commitments; their ids."""
    agreement = Agreement.objects.create(title=f"{label} agreement", slug=f"{label}-agreement", kind="other")
    commitments = Commitment.objects.bulk_create(
        Commitment(
            agreement=agreement,
            number=str(n),
            position=n,
            wording=f"{label} commitment {n}",
            category=CommitmentCategory.OTHER,
            search_text=fold(f"{label} commitment {n}"),
        )
        for n in range((count + per_commitment - 1) // per_commitment)
    )
    local = due.astimezone(dt.UTC)
    deadlines = Deadline.objects.bulk_create(
        (
            Deadline(
                commitment=commitments[n // per_commitment],
                wording=f"{label} deadline {n}",
                time_zone="UTC",
                precision=DeadlinePrecision.INSTANT,
                year=local.year,
                month=local.month,
                day=local.day,
                time=local.time().replace(tzinfo=None),
                due_at=due,
                due_precision=DeadlinePrecision.INSTANT,
                due_display=describe_due("instant", "UTC", local.year, local.month, local.day, local.time()),
                state=DeadlineState.UPCOMING,
                search_text=fold(f"{label} deadline {n}"),
            )
            for n in range(count)
        ),
        batch_size=1000,
    )
    return [d.pk for d in deadlines]
