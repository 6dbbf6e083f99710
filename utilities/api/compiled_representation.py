"""Compiled representations: the same JSON as DRF's serializers, a fraction of the work.

A list of 100 agreements with their parties, commitments and deadlines is some
ten thousand nested objects. DRF spends most of its time per field in
generality (attribute lookup with callables and dotted paths, a ``reverse()``
per hyperlink, a related manager and a cloned queryset per prefetched list).
``CompiledRepresentation`` compiles, once per serializer, a plan of plain getters
for the fields whose representation is the attribute itself, reads prefetched
lists as plain lists (``Prefetch(..., to_attr="prefetched_<name>")``), and formats URLs from a base computed
once per request. Any other field goes through DRF as usual. The output is
held equal to DRF's, over every API read, by ``tests/agreements/api/test_compiled_output.py``.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from functools import reduce
from typing import Any

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import fields as drf_fields
from rest_framework import serializers
from rest_framework.settings import api_settings

from utilities.time import iso
from utilities.urls import API_PREFIX, api_root, api_url

Getter = Callable[[Any], Any]
_PLAIN = (
    drf_fields.CharField,
    drf_fields.IntegerField,
    drf_fields.BooleanField,
    drf_fields.ChoiceField,
    drf_fields.ReadOnlyField,
    drf_fields.JSONField,
    drf_fields.DictField,
    drf_fields.ListField,
    drf_fields.URLField,
)


def api_base(context: dict[str, Any]) -> str:
    """``http://host/api/v1/`` for this request, computed once and kept in the serializer context."""
    base = context.get("_api_base")
    if base is None:
        base = context["_api_base"] = api_root(context.get("request"))
    return base


@extend_schema_field(OpenApiTypes.URI)
class ApiUrlField(serializers.Field):
    """An object's API URL, e.g. ``http://host/api/v1/deadlines/3/``: the object's own
    (``ApiUrlField("deadlines")``) or a related one's by its id
    (``ApiUrlField("commitments", source="commitment_id")``)."""

    def __init__(self, resource: str, **kwargs: Any) -> None:
        kwargs.setdefault("source", "*")
        kwargs["read_only"] = True
        kwargs.setdefault(
            "help_text",
            f"This record's URL in the API ({API_PREFIX}{resource}/{{id}}/)."
            if kwargs["source"] == "*"
            else f"The URL of the related record ({API_PREFIX}{resource}/{{id}}/).",
        )
        super().__init__(**kwargs)
        self.resource = resource

    def to_representation(self, value: Any) -> str | None:
        pk = value.pk if self.source == "*" else value
        return None if pk is None else api_url(self.resource, pk, root=api_base(self.context))


def related(instance: Any, name: str) -> Any:
    """A prefetched relation's objects without building a manager and a queryset for them.

    Views prefetch into ``prefetched_<name>`` lists (``Prefetch(..., to_attr=...)``), which
    Django fills without a manager and a queryset per row.
    """
    listed = instance.__dict__.get(f"prefetched_{name}")
    if listed is not None:
        return listed
    cache = getattr(instance, "_prefetched_objects_cache", None)
    if cache is not None and name in cache:
        return cache[name]
    return getattr(instance, name).all()


def _attribute(attrs: list[str]) -> Getter:
    if len(attrs) == 1:
        name = attrs[0]
        return lambda obj: getattr(obj, name)
    return lambda obj: reduce(lambda value, attr: None if value is None else getattr(value, attr), attrs, obj)


def _iso(field: serializers.Field, default: str | None) -> bool:
    return getattr(field, "format", default) in (None, "iso-8601")


def _getter(field: serializers.Field) -> Getter:
    attrs = field.source_attrs
    if isinstance(field, ApiUrlField):
        if field.source == "*":
            return field.to_representation
        get_id = _attribute(attrs)
        return lambda obj: field.to_representation(get_id(obj))
    if isinstance(field, serializers.ListSerializer) and isinstance(field.child, CompiledRepresentation) and attrs:
        child, name = field.child, attrs[0]
        return lambda obj: [child.to_representation(item) for item in related(obj, name)]
    if isinstance(field, CompiledRepresentation) and attrs:
        get = _attribute(attrs)
        return lambda obj: None if (value := get(obj)) is None else field.to_representation(value)
    if attrs and type(field).to_representation in {f.to_representation for f in _PLAIN} and isinstance(field, _PLAIN):
        return _attribute(attrs)
    if isinstance(field, drf_fields.DateTimeField) and _iso(field, api_settings.DATETIME_FORMAT) and attrs:
        get = _attribute(attrs)
        return lambda obj: None if (value := get(obj)) is None else iso(value)
    default = api_settings.DATE_FORMAT if isinstance(field, drf_fields.DateField) else api_settings.TIME_FORMAT
    if type(field) in (drf_fields.DateField, drf_fields.TimeField) and _iso(field, default) and attrs:
        get = _attribute(attrs)
        return lambda obj: None if (value := get(obj)) is None else value.isoformat()

    def generic(obj: Any) -> Any:
        try:
            value = field.get_attribute(obj)
        except drf_fields.SkipField:
            return drf_fields.empty
        return None if value is None else field.to_representation(value)

    return generic


class CompiledRepresentation:
    """Serializer mixin: ``to_representation`` by a precompiled plan (see the module docs).

    Its fields are built once per serializer class, too: a ``ModelSerializer`` works them out
    afresh for every instance (reading the model's fields and building each one), which for a
    nested detail page is a few milliseconds of every request. They depend on the class alone,
    so the built set is kept on the class and each instance gets a deep copy, as DRF gives each
    instance a deep copy of its declared fields.
    """

    _plan: list[tuple[str, Getter]] | None = None

    def get_fields(self) -> dict[str, serializers.Field]:
        cls = type(self)
        template: dict[str, serializers.Field] | None = cls.__dict__.get("_fields_template")
        if template is None:
            template = super().get_fields()  # type: ignore[misc]
            cls._fields_template = template  # type: ignore[attr-defined]
        return copy.deepcopy(template)

    def to_representation(self, instance: Any) -> dict[str, Any]:
        plan = self._plan
        if plan is None:
            plan = self._plan = [(f.field_name, _getter(f)) for f in self._readable_fields]  # type: ignore[attr-defined]
        out = {}
        for name, get in plan:
            value = get(instance)
            if value is not drf_fields.empty:
                out[name] = value
        return out
