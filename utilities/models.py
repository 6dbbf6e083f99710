"""Shared model parts: timestamps, slugs, and check constraints left to the database."""

from __future__ import annotations

from collections.abc import Sequence

from django.db import models
from django.db.models.constraints import BaseConstraint
from django.utils.text import slugify


class TimeStamped(models.Model):
    """Creation and last-change times, set by the database layer."""

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class ChecksEnforcedByDatabase(models.Model):
    """A model whose check constraints hold invariants its own code keeps.

    Since Django 5.1 ``full_clean()`` evaluates every ``CheckConstraint`` in the
    database, one query and one savepoint each, on every validated save. Where
    a constraint guards derived fields (``due_at`` exactly when a deadline is
    dated) or repeats a rule ``clean()`` already states with a better message,
    that costs queries and tells an editor nothing; the database still enforces
    the constraint on write. Unique constraints are validated as usual.
    """

    class Meta:
        abstract = True

    def get_constraints(self) -> list[tuple[type[models.Model], Sequence[BaseConstraint]]]:
        return [
            (model, [c for c in constraints if not isinstance(c, models.CheckConstraint)])
            for model, constraints in super().get_constraints()
        ]


def unique_slug(model: type[models.Model], text: str, *, exclude_pk: int | None = None, max_length: int = 200) -> str:
    """A slug for ``text`` not yet used by another row of ``model``."""
    base = (slugify(text, allow_unicode=False) or "item")[: max_length - 8].strip("-") or "item"
    taken = set(
        model.objects.filter(slug__startswith=base).exclude(pk=exclude_pk).values_list("slug", flat=True)  # type: ignore[attr-defined]
    )
    return _free(base, taken)


def claim_slug(text: str, taken: set[str], *, length: int = 190, fallback: str = "item") -> str:
    """A slug for ``text`` not in ``taken``, which it joins: for imports that make many rows
    in one go and keep the slugs in use in memory instead of asking the database each time."""
    slug = _free(slugify(text)[:length].strip("-") or fallback, taken)
    taken.add(slug)
    return slug


def _free(base: str, taken: set[str]) -> str:
    """``base``, or ``base-2``, ``base-3`` … whichever is first not in ``taken``."""
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug
