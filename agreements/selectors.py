"""Reads that are more than a filter: annotations shared by the admin and the API."""

from __future__ import annotations

from django.db.models import Count, Exists, IntegerField, OuterRef, QuerySet, Subquery

from agreements.choices import DeadlineState
from agreements.models import Agreement, Commitment, Deadline


def _next_due(deadlines: QuerySet) -> Subquery:
    return Subquery(deadlines.filter(state=DeadlineState.UPCOMING).order_by("due_at").values("due_at")[:1])


def agreements_with_overview(queryset: QuerySet[Agreement]) -> QuerySet[Agreement]:
    """Agreements with ``commitment_count``, ``overdue_count`` and ``next_due_at``.

    Each is a correlated subquery, so the list stays one query whatever its length.
    """
    commitments = Commitment.objects.filter(agreement=OuterRef("pk")).order_by()
    return queryset.annotate(
        commitment_count=Subquery(
            commitments.values("agreement").annotate(n=Count("pk")).values("n")[:1], output_field=IntegerField()
        ),
        overdue_count=Subquery(
            commitments.filter(overdue_since__isnull=False).values("agreement").annotate(n=Count("pk")).values("n")[:1],
            output_field=IntegerField(),
        ),
        next_due_at=_next_due(Deadline.objects.filter(commitment__agreement=OuterRef("pk")).exclude(due_at=None)),
    )


def commitments_with_next_due(queryset: QuerySet[Commitment]) -> QuerySet[Commitment]:
    """Commitments with ``next_due_at``: their earliest upcoming dated deadline."""
    return queryset.annotate(
        next_due_at=_next_due(Deadline.objects.filter(commitment=OuterRef("pk")).exclude(due_at=None))
    )


def agreements_having_overdue(queryset: QuerySet[Agreement], overdue: bool = True) -> QuerySet[Agreement]:
    """Agreements with (or without) an overdue commitment."""
    exists = Exists(Commitment.objects.filter(agreement=OuterRef("pk"), overdue_since__isnull=False))
    return queryset.filter(exists if overdue else ~exists)


def agreement_country_codes() -> list[str]:
    """Every country code some agreement concerns, sorted."""
    codes: set[str] = set()
    for countries in Agreement.objects.values_list("countries", flat=True):
        codes.update(countries)
    return sorted(codes)


__all__ = [
    "agreement_country_codes",
    "agreements_having_overdue",
    "agreements_with_overview",
    "commitments_with_next_due",
]
