"""Inserting many new rows: what ``QuerySet.bulk_create`` does, at the cost of the writes.

For tens of thousands of rows, Django's ``bulk_create`` spends most of its time in its SQL
compiler, preparing each value through the generic field machinery (two thirds of the
ETH/PRIO import's writes in a profile, against a tenth in the database). ``bulk_insert`` does
the same work — each field's ``pre_save`` (``auto_now`` and the like), each value prepared for
the database, one multi-row ``INSERT … RETURNING`` per batch, the keys set on the objects —
with the preparation chosen once per field: a ``str`` for a text field and an ``int`` or
``bool`` for an integer, boolean or key are already what the database takes, and anything else
goes through the field's own ``get_db_prep_save``. Where it cannot promise the same result (a
model with parents, a field with a database default, a database that returns no keys from a
bulk insert) it is ``bulk_create``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from django.db import connections, models, router
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models.fields import NOT_PROVIDED

ModelT = TypeVar("ModelT", bound=models.Model)

_TEXT = (models.CharField, models.TextField)
_WHOLE = (models.IntegerField, models.BooleanField, models.ForeignKey, models.AutoField)


def bulk_insert(objs: Iterable[ModelT], *, batch_size: int = 500) -> list[ModelT]:
    """Insert ``objs`` (new instances of one model) and give each its key; ``objs`` as a list."""
    objs = list(objs)
    if not objs:
        return objs
    model = type(objs[0])
    using = router.db_for_write(model)
    connection = connections[using]
    meta = model._meta
    fields = [f for f in meta.concrete_fields if not (f.primary_key and isinstance(f, models.AutoField))]
    if (
        meta.parents
        or not connection.features.can_return_rows_from_bulk_insert
        or any(getattr(f, "db_default", NOT_PROVIDED) is not NOT_PROVIDED for f in meta.concrete_fields)
        or any(obj.pk is not None for obj in objs)
    ):
        return model._default_manager.using(using).bulk_create(objs, batch_size=batch_size)
    quote = connection.ops.quote_name
    prepare = [_preparer(field, connection) for field in fields]
    size = max(1, min(batch_size, connection.ops.bulk_batch_size(fields, objs) or batch_size))
    head = f"INSERT INTO {quote(meta.db_table)} ({', '.join(quote(f.column) for f in fields)}) VALUES "  # noqa: S608
    one_row = "(" + ", ".join(["%s"] * len(fields)) + ")"
    tail = f" RETURNING {quote(meta.pk.column)}"
    for obj in objs:
        # As bulk_create does: a parent saved after the object was made gives it its key now.
        obj._prepare_related_fields_for_save(operation_name="bulk_create")  # type: ignore[attr-defined]
    with connection.cursor() as cursor:
        for start in range(0, len(objs), size):
            batch = objs[start : start + size]
            params: list[Any] = []
            for obj in batch:
                params.extend(p(f.pre_save(obj, True)) for f, p in zip(fields, prepare, strict=True))
            cursor.execute(head + ", ".join([one_row] * len(batch)) + tail, params)
            for obj, (key,) in zip(batch, cursor.fetchall(), strict=True):
                obj.pk = key
                obj._state.adding = False
                obj._state.db = using
    return objs


def _preparer(field: models.Field[Any, Any], connection: BaseDatabaseWrapper) -> Callable[[Any], Any]:
    """How one field's values become parameters: as they are where that is what the field
    would make of them, else through the field itself."""

    def through_field(value: Any) -> Any:
        return field.get_db_prep_save(value, connection=connection)

    if isinstance(field, _TEXT):
        return lambda value: value if value is None or type(value) is str else through_field(value)
    if isinstance(field, _WHOLE):
        return lambda value: value if value is None or type(value) in (int, bool) else through_field(value)
    return through_field
