"""Reads that are more than a filter: annotations shared by the admin and the API."""

from __future__ import annotations

from django.db.models import Count, Exists, IntegerField, OuterRef, QuerySet, Subquery

from agreements.choices import DeadlineState
from agreements.models import Actor, Agreement, Commitment, Deadline
from utilities.folding import fold


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


def actors_called(name: str) -> list[Actor]:
    """Actors whose canonical name or one of whose aliases is ``name``, ignoring case, accents and
    punctuation (``hafter``, ``HAFTAR``, ``al Serraj``). A spelling may belong to several actors."""
    folded = fold(name)
    if not folded:
        return []
    # The folded text holds every name: narrow in the database, then compare whole names.
    candidates = Actor.objects.filter(search_text__contains=folded).only("id", "name", "aliases", "represents_id")
    return [actor for actor in candidates if any(fold(n) == folded for n in actor.all_names)]


def actors_standing_for(actors: list[Actor]) -> set[int]:
    """The ids of ``actors`` and of the actors they represent: a person stands for the actor they
    represent (Khalifa Haftar for the Libyan National Army), as search matches them."""
    return {actor.pk for actor in actors} | {actor.represents_id for actor in actors if actor.represents_id}


__all__ = [
    "actors_called",
    "actors_standing_for",
    "agreement_country_codes",
    "agreements_having_overdue",
    "agreements_with_overview",
    "commitments_with_next_due",
]
