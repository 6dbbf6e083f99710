"""Helpers for service functions: one validation per write, an attributed history.

A service validates the row it writes once, with the model's own
``full_clean()``, and saves it. Callers (serializers, admin forms, importers)
do not validate the model again: they hand the service what they read and let
its ``ValidationError`` speak for every field.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import ValidationError
from django.db import OperationalError, models

if TYPE_CHECKING:
    from django.contrib.auth.models import User

M = TypeVar("M", bound=models.Model)
UserLike = AbstractBaseUser | AnonymousUser | None


def author(user: UserLike) -> User | None:
    """The user to record as the author of a change: an authenticated one, else nobody."""
    return cast("User", user) if user is not None and user.is_authenticated else None


def attribute(instance: models.Model, user: UserLike) -> None:
    """Make the history row of the next save name ``user`` (outside a request too)."""
    if user is not None and user.is_authenticated:
        instance._history_user = user  # type: ignore[attr-defined]


def loaded_relations(instance: models.Model) -> list[str]:
    """Foreign keys whose related row the instance holds, loaded from the database.

    ``full_clean()`` checks that each foreign key's row exists, one query each;
    a row just read (by a serializer's ``PrimaryKeyRelatedField``, an admin
    form, a service) does exist — a concurrent delete is caught by the database's
    own constraint when the row is written.
    """
    names = []
    for field in instance._meta.concrete_fields:
        if isinstance(field, models.ForeignKey) and field.is_cached(instance):
            related = field.get_cached_value(instance)
            if related is not None and related.pk is not None and not related._state.adding:
                names.append(field.name)
    return names


def validate(instance: models.Model, *, exclude: Iterable[str] = ()) -> None:
    """The model's own validation, once: ``full_clean()`` without re-checking loaded relations.

    The steps are ``full_clean``'s own, in its order; only the field checks skip
    the loaded foreign keys. (Excluding them from ``full_clean`` would also skip
    every unique constraint that names them.)
    """
    skip = set(exclude)
    errors: dict[str, list[ValidationError]] = {}
    try:
        instance.clean_fields(exclude=skip | set(loaded_relations(instance)))
    except ValidationError as exc:
        errors = exc.update_error_dict(errors)
    try:
        instance.clean()
    except ValidationError as exc:
        errors = exc.update_error_dict(errors)
    # As full_clean does: uniqueness is checked only for fields that passed.
    skip |= set(errors)
    for check in (instance.validate_unique, instance.validate_constraints):
        try:
            check(exclude=skip)
        except ValidationError as exc:
            errors = exc.update_error_dict(errors)
    if errors:
        raise ValidationError(errors)


def validated_save(instance: M, *, user: UserLike = None, update_fields: Iterable[str] | None = None) -> M:
    """Run the model's own validation, then save, attributing the change."""
    validate(instance)
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


def editable_fields(model: type[models.Model], *, exclude: Iterable[str] = ()) -> tuple[str, ...]:
    """The fields a service may set from its callers' input: the model's editable ones.

    Derived fields are ``editable=False`` on the model, so adding a field to a
    model adds it here; ``exclude`` names what the service sets itself (the
    parent a row belongs to, a slug made from a title).
    """
    skip = {"id", "created_at", "updated_at", *exclude}
    return tuple(
        field.name
        for field in model._meta.get_fields()
        if field.concrete
        and not field.many_to_many  # set by the service after the row exists
        and field.editable
        and not field.auto_created
        and field.name not in skip
    )


def delete(instance: models.Model, *, user: UserLike = None) -> None:
    """Delete, attributing the deletion in the history."""
    attribute(instance, user)
    instance.delete()


# PostgreSQL's "deadlock detected" and "could not serialize access": the transaction was rolled
# back so that another could go on; the same change again will do.
_RETRYABLE_SQLSTATES = frozenset(("40P01", "40001"))


def undone_by_database(exc: BaseException) -> bool:
    """Whether ``exc`` is the database undoing a whole transaction so that another could go on
    (a deadlock it broke, a serialization failure): nothing of it was written, and the same
    change made again will do."""
    return isinstance(exc, OperationalError) and getattr(exc.__cause__, "sqlstate", None) in _RETRYABLE_SQLSTATES
