"""Writes to sources."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import transaction

from agreements.models import Source
from utilities.services import UserLike, apply_changes, delete, editable_fields, validated_save

SOURCE_FIELDS = editable_fields(Source)


@transaction.atomic
def source_create(*, user: UserLike = None, **fields: Any) -> Source:
    """Record a document and the quote from it that backs a record."""
    source = Source()
    apply_changes(source, fields, allowed=SOURCE_FIELDS)
    return validated_save(source, user=user)


@transaction.atomic
def source_update(*, source: Source, changes: Mapping[str, Any], user: UserLike = None) -> Source:
    """Correct a source's details."""
    if apply_changes(source, changes, allowed=SOURCE_FIELDS):
        validated_save(source, user=user)
    return source


@transaction.atomic
def source_delete(*, source: Source, user: UserLike = None) -> None:
    """Delete a source; records it backed keep their other sources."""
    delete(source, user=user)
