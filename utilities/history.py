"""Bulk creation with django-simple-history's records, the records written by the database.

``simple_history.utils.bulk_create_with_history`` builds one historical model instance per
created row in Python and inserts them through the ORM: for an import of tens of thousands of
rows, about a fifth of the whole import. Here the rows are created by
``utilities.bulk.bulk_insert`` (``bulk_create``'s work, faster; it gives them their keys) and their "+"
records are copied from the rows themselves by one ``INSERT … SELECT`` per batch, the same
columns simple-history would write (its ``tracked_fields``: excluded fields stay out), one
instant, user and change reason for the batch. Like simple-history's bulk path it sends no
signals and records no many-to-many history. Where it could not write what simple-history
would — an object carrying its own ``_history_user``, ``_change_reason`` or ``_history_date``,
or a history model with options of simple-history's this does not copy (a ``related_name``, a
custom user field or key, extra fields) — simple-history's own function writes the records.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any, TypeVar

from django.conf import settings
from django.db import connections, models, router, transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history as simple_history_bulk_create

from utilities.bulk import bulk_insert

ModelT = TypeVar("ModelT", bound=models.Model)


def bulk_create_with_history(
    objs: Sequence[ModelT],
    model: type[ModelT],
    *,
    batch_size: int = 500,
    default_user: Any = None,
    default_change_reason: str | None = None,
    default_date: dt.datetime | None = None,
) -> list[ModelT]:
    """Create ``objs`` and a "+" history record for each, all or none; the created objects.

    Takes the arguments of simple-history's function of the same name that this project uses.
    """
    objs = list(objs)
    history: Any = model.history.model  # type: ignore[attr-defined]
    if not _copyable(history) or any(hasattr(obj, attribute) for obj in objs for attribute in _OWN_ATTRIBUTES):
        return list(
            simple_history_bulk_create(
                objs,
                model,
                batch_size=batch_size,
                default_user=default_user,
                default_change_reason=default_change_reason,
                default_date=default_date,
            )
        )
    using = router.db_for_write(model)
    with transaction.atomic(using=using):
        created = bulk_insert(objs, batch_size=batch_size)
        if created and getattr(settings, "SIMPLE_HISTORY_ENABLED", True):
            keys = [obj.pk for obj in created]
            if any(key is None for key in keys):
                raise ValueError(f"{model.__name__}: the database gave the created rows no keys")
            # As simple-history: with no user given, the one it would find (the request's).
            user = default_user or history.get_default_history_user(created[0])
            _copy_into_history(model, history, keys, using, default_date or timezone.now(), user, default_change_reason)
    return created


# What an object may carry for its own record (simple-history reads these first).
_OWN_ATTRIBUTES = ("_history_user", "_change_reason", "_history_date")
# The history model's own columns, as simple-history makes them by default.
_HISTORY_COLUMNS = {"history_id", "history_date", "history_change_reason", "history_type", "history_user"}


def _copyable(history: Any) -> bool:
    """True when the history model holds the tracked fields and simple-history's default columns only."""
    names = {field.name for field in history._meta.concrete_fields}
    tracked = {field.name for field in history.tracked_fields}
    user = next((f for f in history._meta.concrete_fields if f.name == "history_user"), None)
    return (
        names == tracked | _HISTORY_COLUMNS
        and isinstance(history._meta.pk, models.AutoField)
        and isinstance(user, models.ForeignKey)
        and not hasattr(history, "history_relation")
    )


def _copy_into_history(
    model: type[models.Model],
    history: Any,
    keys: list[Any],
    using: str,
    when: dt.datetime,
    user: Any,
    reason: str | None,
) -> None:
    connection = connections[using]
    quote = connection.ops.quote_name
    tracked = list(history.tracked_fields)
    targets = [quote(history._meta.get_field(field.name).column) for field in tracked]
    sources = [quote(field.column) for field in tracked]
    user_column = history._meta.get_field("history_user").column
    # Every name is the models' own, quoted; the values are parameters.
    statement = (
        f"INSERT INTO {quote(history._meta.db_table)} "  # noqa: S608
        f"({', '.join(targets)}, {quote('history_date')}, {quote('history_change_reason')}, "
        f"{quote('history_type')}, {quote(user_column)}) "
        f"SELECT {', '.join(sources)}, %s, %s, %s, %s FROM {quote(model._meta.db_table)} "
        f"WHERE {quote(model._meta.pk.column)} IN ({{keys}}) ORDER BY {quote(model._meta.pk.column)}"
    )
    stamp = connection.ops.adapt_datetimefield_value(when)
    user_id = getattr(user, "pk", user)
    with connection.cursor() as cursor:
        for start in range(0, len(keys), 500):
            chunk = keys[start : start + 500]
            cursor.execute(statement.format(keys=", ".join(["%s"] * len(chunk))), [stamp, reason, "+", user_id, *chunk])
