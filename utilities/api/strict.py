"""JSON types as the schema states them: a string field takes a string, an integer an integer.

DRF's fields are lenient by design — a ``CharField`` turns ``5`` into ``"5"``,
an ``IntegerField`` takes ``"5"``, a ``BooleanField`` takes ``"yes"`` — which
suits HTML forms, not a JSON API whose OpenAPI schema promises types. A client
that sends a number where the schema says string has a bug it should hear
about, and schema fuzzing (``tests/tracker/test_api_fuzzing.py``) rightly calls
the leniency a validation bypass. ``StrictTypes`` checks every field's JSON
type, nested serializers and list items included, before DRF's own validation.
"""

from __future__ import annotations

from typing import Any

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
    return None


class StrictTypes(serializers.Serializer):
    """Refuse values of the wrong JSON type, field by field, before any other validation."""

    def to_internal_value(self, data: Any) -> Any:
        errors = type_errors(self, data) if isinstance(data, dict) else None
        if errors:
            raise serializers.ValidationError(errors)
        return super().to_internal_value(data)
