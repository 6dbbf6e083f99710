"""The columns a serializer's representation reads: ``.only()`` lists derived, not kept by hand.

A nested list of a hundred agreements loads thousands of related rows; loading
only the columns their brief forms show keeps that cheap. Deriving the list
from the serializer means a field added to a serializer is loaded with it, with
no second list to edit. A field whose value is a model property says which
columns the property reads in its serializer's ``Meta.reads``
(``{"is_overdue": ("overdue_since",)}``); a property it does not declare is an
error at start-up, not a query per row at run time.
"""

from __future__ import annotations

from django.core.exceptions import ImproperlyConfigured
from django.db import models
from rest_framework import serializers

_derived: dict[tuple[type, tuple[str, ...]], tuple[str, ...]] = {}


def columns(serializer_class: type[serializers.BaseSerializer], *extra: str) -> tuple[str, ...]:
    """The model fields ``serializer_class`` reads, plus ``extra`` (the join keys of a prefetch).

    Nested serializers are left out: their rows come from their own prefetch or join.
    Worked out once per serializer and extras.
    """
    key = (serializer_class, extra)
    if key not in _derived:
        _derived[key] = _columns(serializer_class, extra)
    return _derived[key]


def _columns(serializer_class: type[serializers.BaseSerializer], extra: tuple[str, ...]) -> tuple[str, ...]:
    serializer = serializer_class()
    assert isinstance(serializer, serializers.ModelSerializer)
    model: type[models.Model] = serializer.Meta.model
    fields = {field.name: field for field in model._meta.concrete_fields}
    fields.update({field.attname: field for field in model._meta.concrete_fields})
    reads: dict[str, tuple[str, ...]] = getattr(serializer.Meta, "reads", {})
    names = ["id"]
    for field in serializer._readable_fields:
        if isinstance(field, serializers.BaseSerializer) or not isinstance(field.source, str) or field.source == "*":
            continue
        source = field.source.split(".")[0]
        if source in fields:
            names.append(fields[source].attname if source == fields[source].attname else source)
        elif field.field_name in reads:
            names.extend(reads[field.field_name])
        else:
            raise ImproperlyConfigured(
                f"{serializer_class.__name__}.{field.field_name} reads {source!r}, which is not a column of "
                f"{model.__name__}: list the columns it needs in Meta.reads."
            )
    return tuple(dict.fromkeys([*names, *extra]))


def prefixed(prefix: str, names: tuple[str, ...]) -> list[str]:
    """``names`` of a related model, for ``.only()`` across a join (``actor__name``)."""
    return [f"{prefix}__{name}" for name in names]
