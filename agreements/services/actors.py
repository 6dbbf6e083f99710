"""Writes to actors, and finding an actor by any of its names."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import transaction

from agreements.models import Actor
from agreements.models.base import unique_slug
from agreements.services.base import UserLike, apply_changes, delete, validated_save
from agreements.text import fold

ACTOR_FIELDS = ("name", "slug", "kind", "country", "aliases", "represents", "description")


@transaction.atomic
def actor_create(*, user: UserLike = None, **fields: Any) -> Actor:
    """Add an actor; its slug is made from its name unless given."""
    actor = Actor()
    apply_changes(actor, fields, allowed=ACTOR_FIELDS)
    if not actor.slug:
        actor.slug = unique_slug(Actor, actor.name)
    return validated_save(actor, user=user)


@transaction.atomic
def actor_update(*, actor: Actor, changes: Mapping[str, Any], user: UserLike = None) -> Actor:
    """Change an actor's details or aliases."""
    if apply_changes(actor, changes, allowed=ACTOR_FIELDS):
        validated_save(actor, user=user)
    return actor


@transaction.atomic
def actor_delete(*, actor: Actor, user: UserLike = None) -> None:
    """Delete an actor that is no party to any agreement (else ProtectedError)."""
    delete(actor, user=user)


def actor_name_index() -> dict[str, Actor]:
    """Every actor by each of its folded names and aliases (first actor wins)."""
    index: dict[str, Actor] = {}
    for actor in Actor.objects.order_by("id"):
        for name in actor.all_names:
            index.setdefault(fold(name), actor)
    return index


def actor_find(name: str) -> Actor | None:
    """The actor called ``name`` under any spelling, ignoring case and accents."""
    wanted = fold(name)
    if not wanted:
        return None
    for actor in Actor.objects.filter(search_text__contains=wanted).order_by("id"):
        if any(fold(n) == wanted for n in actor.all_names):
            return actor
    return None
