"""Alias- and accent-aware search, the same on SQLite and PostgreSQL.

Each searchable model stores a folded copy of its text (``search_text``, see
:mod:`utilities.folding`). A query is folded the same way and split into words;
a row matches when every word appears in its own text or in the text of a
related row listed below — an agreement is found by the aliases of its
parties (``Hafter`` finds the statements that address Haftar's forces), a
commitment by its agreement's title. Related rows are matched in a subquery,
so a row matching twice is still listed once.
"""

from __future__ import annotations

from django.db.models import Model, Q, QuerySet

from agreements.models import Actor, Agreement, Commitment, Deadline, Event, Source
from utilities.folding import search_terms

# For each model: its own folded text, then related rows' folded text.
SEARCH_PATHS: dict[type[Model], tuple[str, ...]] = {
    Agreement: (
        "search_text",
        "signatories__actor__search_text",
        # A party's people: "Hafter" finds what addresses the forces Haftar leads.
        "signatories__actor__representatives__search_text",
        "signatories__signed_by__search_text",
        "commitments__search_text",
    ),
    Actor: ("search_text", "represents__search_text"),
    Commitment: (
        "search_text",
        "agreement__search_text",
        "bound_actors__search_text",
        "deadlines__search_text",
    ),
    Deadline: ("search_text", "commitment__search_text", "commitment__agreement__search_text"),
    Source: ("search_text",),
    Event: ("agreement__search_text", "commitment__search_text", "deadline__search_text"),
}


def search(queryset: QuerySet, query: str) -> QuerySet:
    """Rows of ``queryset`` matching every word of ``query`` (see the module docs)."""
    model = queryset.model
    paths = SEARCH_PATHS[model]
    for term in search_terms(query):
        condition = Q()
        for path in paths:
            if "__" in path:
                matching = model._default_manager.filter(**{f"{path}__contains": term}).values("pk")
                condition |= Q(pk__in=matching)
            else:
                condition |= Q(**{f"{path}__contains": term})
        queryset = queryset.filter(condition)
    return queryset
