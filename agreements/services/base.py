"""Helpers shared by the services: validated saves with an attributed history."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, TypeVar

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import ValidationError
from django.db import models

M = TypeVar("M", bound=models.Model)
UserLike = AbstractBaseUser | AnonymousUser | None


def attribute(instance: models.Model, user: UserLike) -> None:
    """Make the history row of the next save name ``user`` (outside a request too)."""
    if user is not None and user.is_authenticated:
        instance._history_user = user  # type: ignore[attr-defined]


def validated_save(instance: M, *, user: UserLike = None, update_fields: Iterable[str] | None = None) -> M:
    """Run the model's own validation, then save, attributing the change."""
    instance.full_clean()
    attribute(instance, user)
    instance.save(update_fields=update_fields)
    return instance


def apply_changes(instance: M, changes: Mapping[str, Any], *, allowed: Iterable[str]) -> list[str]:
    """Set ``changes`` on ``instance``; return the names of fields whose value changed."""
    allowed = set(allowed)
    unknown = sorted(set(changes) - allowed)
    if unknown:
        raise ValidationError(dict.fromkeys(unknown, "This field cannot be changed here."))
    changed = []
    for name, value in changes.items():
        if getattr(instance, name) != value:
            setattr(instance, name, value)
            changed.append(name)
    return changed


def delete(instance: models.Model, *, user: UserLike = None) -> None:
    """Delete, attributing the deletion in the history."""
    attribute(instance, user)
    instance.delete()
