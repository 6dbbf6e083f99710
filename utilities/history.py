"""Bulk creation with django-simple-history's records, the records written by the database.

``simple_history.utils.bulk_create_with_history`` builds one historical model instance per
created row in Python and inserts them through the ORM: for an import of tens of thousands of
rows, about a fifth of the whole import. Here the rows are created by
``utilities.bulk.bulk_insert`` (``bulk_create``'s work, faster; it gives them their keys) and their "+"
records are copied from the rows themselves by one ``INSERT … SELECT`` per batch, the same
columns simple-history would write (its ``tracked_fields``: excluded fields stay out), one
instant, user and change reason for the batch. Like simple-history's bulk path it sends no
signals and records no many-to-many history.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any, TypeVar

from django.conf import settings
from django.db import connections, models, router, transaction
from django.utils import timezone

from utilities.bulk import bulk_insert

ModelT = TypeVar("ModelT", bound=models.Model)


def bulk_create_with_history(
    objs: Sequence[ModelT],
    model: type[ModelT],
    *,
    batch_size: int = 500,
    default_user: Any = None,
    default_change_reason: str = "",
    default_date: dt.datetime | None = None,
) -> list[ModelT]:
    """Create ``objs`` and a "+" history record for each, all or none; the created objects.

    Takes the arguments of simple-history's function of the same name that this project uses.
    """
    using = router.db_for_write(model)
    with transaction.atomic(using=using):
        created = bulk_insert(objs, batch_size=batch_size)
        if created and getattr(settings, "SIMPLE_HISTORY_ENABLED", True):
            keys = [obj.pk for obj in created]
            if any(key is None for key in keys):
                raise ValueError(f"{model.__name__}: the database gave the created rows no keys")
            _copy_into_history(model, keys, using, default_date or timezone.now(), default_user, default_change_reason)
    return created


def _copy_into_history(
    model: type[models.Model],
    keys: list[Any],
    using: str,
    when: dt.datetime,
    user: Any,
    reason: str,
) -> None:
    connection = connections[using]
    quote = connection.ops.quote_name
    history: Any = model.history.model  # type: ignore[attr-defined]
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
            cursor.execute(
                statement.format(keys=", ".join(["%s"] * len(chunk))), [stamp, reason or None, "+", user_id, *chunk]
            )
