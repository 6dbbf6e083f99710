"""Ordering terms that place empty values the same way on SQLite and PostgreSQL."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.db.models import F, QuerySet


def nulls_last(queryset: QuerySet, term: Any) -> Any:
    """An ordering term (``"name"``, ``"-name"`` or an expression) with empty values last in
    both directions, on SQLite and PostgreSQL alike (their defaults differ) — only where a
    value can be empty: a ``NULLS LAST`` on a column that is never NULL would keep
    PostgreSQL from reading a descending index in order (the event timeline would be
    sorted whole for every page). Expressions are left as they are; a related field
    (``agreement__date``) is taken as one that can be empty."""
    if not isinstance(term, str):
        return term
    name = term.lstrip("-")
    if name == "pk":
        return term
    try:
        nullable = queryset.model._meta.get_field(name).null
    except FieldDoesNotExist:
        nullable = True
    if not nullable:
        return term
    return F(name).desc(nulls_last=True) if term.startswith("-") else F(name).asc(nulls_last=True)
