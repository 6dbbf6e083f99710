"""Writes to actors, and finding an actor by any of its names."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import transaction

from agreements.models import Actor
from utilities.models import unique_slug
from utilities.services import UserLike, apply_changes, delete, editable_fields, validated_save

ACTOR_FIELDS = editable_fields(Actor)


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
