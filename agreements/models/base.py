"""Shared model parts."""

from __future__ import annotations

from django.db import models
from django.utils.text import slugify


class TimeStamped(models.Model):
    """Creation and last-change times, set by the database layer."""

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


def unique_slug(model: type[models.Model], text: str, *, exclude_pk: int | None = None, max_length: int = 200) -> str:
    """A slug for ``text`` not yet used by another row of ``model``."""
    base = (slugify(text, allow_unicode=False) or "item")[: max_length - 8].strip("-") or "item"
    taken = set(
        model.objects.filter(slug__startswith=base).exclude(pk=exclude_pk).values_list("slug", flat=True)  # type: ignore[attr-defined]
    )
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug
