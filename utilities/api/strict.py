"""Request bodies as the schema states them: only writable fields, each of its JSON type.

DRF's fields are lenient by design — a ``CharField`` turns ``5`` into ``"5"``,
an ``IntegerField`` takes ``"5"``, a ``BooleanField`` takes ``"yes"`` — which
suits HTML forms, not a JSON API whose OpenAPI schema promises types. A client
that sends a number where the schema says string has a bug it should hear
about, and schema fuzzing (``tests/tracker/test_api_fuzzing.py``) rightly calls
the leniency a validation bypass. ``StrictTypes`` checks every field's JSON
type, nested serializers and list items included, before DRF's own validation.

DRF also drops fields it does not know, and read-only ones, without a word: a
``PATCH {"status": "met"}`` answers 200 and changes nothing. ``StrictTypes``
refuses both, naming each field — and, for a read-only one, what writes it
instead: the writable field that sets the same attribute (``actor`` →
``actor_id``), or the serializer's ``read_only_hints`` (the action that does).
"""

from __future__ import annotations

import calendar
import difflib
import re
from collections.abc import Mapping
from typing import Any, ClassVar

from rest_framework import serializers
from rest_framework.fields import empty

NUMBER = (int, float)


def _expected(field: serializers.Field) -> tuple[tuple[type, ...], str] | None:
    """The JSON types ``field`` accepts, and their name in a message; None when any will do."""
    if isinstance(field, serializers.BooleanField):
        return (bool,), "a boolean"
    if isinstance(field, serializers.IntegerField):
        return (int,), "an integer"
    if isinstance(field, (serializers.FloatField, serializers.DecimalField)):
        return NUMBER, "a number"
    if isinstance(field, serializers.PrimaryKeyRelatedField):
        pk = field.get_queryset().model._meta.pk  # type: ignore[union-attr]
        if pk.get_internal_type() in {"AutoField", "BigAutoField", "IntegerField", "BigIntegerField"}:
            return (int,), "an integer id"
        return (str,), "a string id"
    if isinstance(field, serializers.MultipleChoiceField):
        return None
    if isinstance(
        field,
        (
            serializers.CharField,
            serializers.ChoiceField,
            serializers.DateField,
            serializers.DateTimeField,
            serializers.TimeField,
            serializers.DurationField,
            serializers.UUIDField,
        ),
    ):
        return (str,), "a string"
    return None


def _type_name(value: Any) -> str:
    return {bool: "boolean", int: "integer", float: "number", str: "string", list: "array", dict: "object"}.get(
        type(value), type(value).__name__
    )


def type_errors(field: serializers.Field, value: Any) -> Any:
    """The errors for ``value`` sent to ``field``, shaped like DRF's; None if its types are right."""
    if value is None or value is empty:
        return None  # null-ness is the field's own rule (allow_null)
    if isinstance(field, serializers.Serializer):
        if not isinstance(value, dict):
            return None  # DRF says "expected a dictionary" itself
        nested = {}
        for name, child in field.fields.items():
            if child.read_only or (child.source == "*" and not isinstance(child, serializers.Serializer)):
                continue
            error = type_errors(child, value[name]) if name in value else None
            if error:
                nested[name] = error
        return nested or None
    if isinstance(field, (serializers.ListSerializer, serializers.ListField, serializers.ManyRelatedField)):
        if not isinstance(value, list):
            return [f"Incorrect type. Expected a list, got {_type_name(value)}."]
        item_field: serializers.Field | None = (
            field.child_relation if isinstance(field, serializers.ManyRelatedField) else field.child
        )
        if item_field is None:
            return None
        listed = [type_errors(item_field, item) for item in value]
        if not any(listed):
            return None
        return {index: error for index, error in enumerate(listed) if error}
    if isinstance(field, serializers.DictField):
        if not isinstance(value, dict):
            return None
        keyed = {key: type_errors(field.child, item) for key, item in value.items()}
        return {key: error for key, error in keyed.items() if error} or None
    expected = _expected(field)
    if expected is None:
        return None
    types, name = expected
    if (isinstance(value, bool) and bool not in types) or not isinstance(value, types):
        return [f"Incorrect type. Expected {name}, got {_type_name(value)}."]
    if isinstance(field, (serializers.DateField, serializers.DateTimeField)) and isinstance(value, str):
        return _no_such_day(value)
    return None


def _no_such_day(value: str) -> list[str] | None:
    """ "2020-02-30 is no day: February 2020 has 29 days." for a date of the right shape that cannot be
    (DRF would say the format is wrong, which it is not)."""
    shaped = re.match(r"\s*(\d{4})-(\d{2})-(\d{2})(?![\d])", value)
    if shaped is None:
        return None
    year, month, day = (int(part) for part in shaped.groups())
    if not 1 <= month <= 12:
        return [f"{shaped.group(0).strip()} is no day: a month is 01 to 12."]
    days = calendar.monthrange(year, month)[1] if year >= 1 else 31
    if 1 <= day <= days:
        return None
    return [f"{shaped.group(0).strip()} is no day: {calendar.month_name[month]} {year} has {days} days."]


def _writable(serializer: serializers.Serializer) -> dict[str, serializers.Field]:
    return {name: field for name, field in serializer.fields.items() if not field.read_only}


def _hint(serializer: serializers.Serializer, name: str) -> str | None:
    hints: Mapping[str, str] = getattr(serializer, "read_only_hints", {})
    if name not in hints:
        return None
    pk = getattr(getattr(serializer, "instance", None), "pk", None)
    return hints[name].replace("{id}", str(pk)) if pk is not None else hints[name]


def read_only_message(serializer: serializers.Serializer, name: str) -> str:
    """Why ``name`` cannot be written, and what writes it instead where something does."""
    if hint := _hint(serializer, name):
        return f"{name} is read-only: {hint}"
    source = serializer.fields[name].source
    instead = [other for other, field in _writable(serializer).items() if field.source == source and source != "*"]
    if instead:
        return f"{name} is read-only: write {instead[0]} instead."
    return f"{name} is read-only."


def unknown_message(serializer: serializers.Serializer, name: str) -> str:
    """That ``name`` is no field here: what sets it where something does, else the writable fields."""
    if hint := _hint(serializer, name):
        return f"{name} cannot be written here: {hint}"
    writable = sorted(_writable(serializer))
    close = difflib.get_close_matches(name, writable, n=1)
    guess = f" Did you mean {close[0]}?" if close else ""
    return f"No field {name} here; the writable fields are: {', '.join(writable)}.{guess}"


def field_errors(serializer: serializers.Serializer, data: Mapping[str, Any]) -> dict[Any, Any]:
    """Errors for the fields of ``data`` that ``serializer`` does not know or will not write,
    in nested objects and list items too, shaped like DRF's."""
    errors: dict[Any, Any] = {}
    for name, value in data.items():
        field = serializer.fields.get(name)
        if field is None:
            errors[name] = [unknown_message(serializer, name)]
        elif field.read_only:
            errors[name] = [read_only_message(serializer, name)]
        elif isinstance(field, serializers.Serializer) and isinstance(value, Mapping):
            if nested := field_errors(field, value):
                errors[name] = nested
        elif isinstance(field, serializers.ListSerializer) and isinstance(value, list):
            child = field.child
            if not isinstance(child, serializers.Serializer):
                continue
            items = {i: field_errors(child, item) for i, item in enumerate(value) if isinstance(item, Mapping)}
            if items := {i: error for i, error in items.items() if error}:
                errors[name] = items
    return errors


def _merged(first: Any, second: Any) -> Any:
    """Two trees of errors in one; where both hold messages for a field, the first's."""
    if not (isinstance(first, dict) and isinstance(second, dict)):
        return first
    merged = dict(first)
    for key, value in second.items():
        merged[key] = _merged(merged[key], value) if key in merged else value
    return merged


class StrictTypes(serializers.Serializer):
    """Refuse unknown and read-only fields, and values of the wrong JSON type, field by field,
    before any other validation.

    ``read_only_hints`` maps a read-only field (or a name that is no field, like a webhook's
    ``secret``) to what changes it instead, ``{id}`` standing for the record's id:
    ``{"status": "use POST /api/v1/commitments/{id}/status/."}``.
    """

    read_only_hints: ClassVar[Mapping[str, str]] = {}

    def to_internal_value(self, data: Any) -> Any:
        if isinstance(data, Mapping):
            errors = _merged(field_errors(self, data), type_errors(self, data) or {})
            if errors:
                raise serializers.ValidationError(errors)
        return super().to_internal_value(data)
