"""Compact lists: ``?brief=1`` (each row in its brief form) and ``?fields=a,b`` (only those fields).

A page of a hundred agreements with their parties, commitments and deadlines
is hundreds of kilobytes; a client that lists titles and dates needs a few.
Every list takes both parameters: ``brief=1`` switches to the view's
``brief_serializer_class`` (the form the API nests elsewhere), ``fields``
keeps only the named top-level fields of whichever form is used. A view reads
the request's shape to load no more than it shows. Bad values are a 400 naming
the parameter, never silently ignored.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from rest_framework.exceptions import ValidationError
from rest_framework.filters import BaseFilterBackend
from rest_framework.serializers import BaseSerializer, ListSerializer, Serializer

if TYPE_CHECKING:
    from django.db.models import QuerySet
    from rest_framework.request import Request
    from rest_framework.views import APIView

BRIEF, FIELDS = "brief", "fields"
_TRUE, _FALSE = {"1", "true"}, {"0", "false", ""}


@dataclass(frozen=True)
class Shape:
    """How a list should look: brief or full, and which fields (None: all)."""

    brief: bool = False
    fields: frozenset[str] | None = None

    def wants(self, name: str) -> bool:
        return self.fields is None or name in self.fields


def request_shape(request: Request) -> Shape:
    """The shape the request asks for (checked once, kept on the request)."""
    cached = getattr(request, "_list_shape", None)
    if cached is not None:
        return cached
    raw_brief = request.query_params.get(BRIEF, "").strip().lower()
    if raw_brief not in _TRUE | _FALSE:
        raise ValidationError({BRIEF: ["Give 1 or true for the brief form, 0 or false for the full one."]})
    raw_fields = request.query_params.get(FIELDS)
    fields = None
    if raw_fields is not None:
        fields = frozenset(name.strip() for name in raw_fields.split(",") if name.strip())
        if not fields:
            raise ValidationError({FIELDS: ["Name at least one field, comma-separated (fields=id,title)."]})
    shape = Shape(brief=raw_brief in _TRUE, fields=fields)
    request._list_shape = shape  # type: ignore[attr-defined]
    return shape


class ShapedLists:
    """View mixin: lists in the brief or full form, with only the fields asked for."""

    brief_serializer_class: type[BaseSerializer] | None = None

    def list_shape(self) -> Shape:
        if getattr(self, "action", None) != "list":
            return Shape()
        return request_shape(self.request)  # type: ignore[attr-defined]

    def get_serializer(self, *args: Any, **kwargs: Any) -> BaseSerializer:
        serializer: BaseSerializer
        if self.list_shape().brief and self.brief_serializer_class is not None:
            kwargs.setdefault("context", self.get_serializer_context())  # type: ignore[attr-defined]
            serializer = self.brief_serializer_class(*args, **kwargs)
        else:
            serializer = super().get_serializer(*args, **kwargs)  # type: ignore[misc]
        fields = self.list_shape().fields
        if fields is not None:
            row = serializer.child if isinstance(serializer, ListSerializer) else serializer
            assert isinstance(row, Serializer)
            available = set(row.fields)
            unknown = sorted(fields - available)
            if unknown:
                raise ValidationError(
                    {FIELDS: [f"No field {', '.join(unknown)} here; choose from {', '.join(sorted(available))}."]}
                )
            for name in available - fields:
                row.fields.pop(name)
        return serializer


class ShapeParameters(BaseFilterBackend):
    """Checks ``brief`` and ``fields`` on every list (a 400 for bad values) and documents them."""

    def filter_queryset(self, request: Request, queryset: QuerySet, view: APIView) -> QuerySet:
        if isinstance(view, ShapedLists) and getattr(view, "action", None) == "list":
            request_shape(request)
        return queryset

    def get_schema_operation_parameters(self, view: APIView) -> list[dict[str, Any]]:
        if not isinstance(view, ShapedLists):
            return []
        return [
            {
                "name": BRIEF,
                "required": False,
                "in": "query",
                "description": "1 or true: each row in its brief form (as other resources nest it), a fraction "
                "of the size.",
                "schema": {"type": "string", "enum": ["1", "true", "0", "false"]},
                "example": "1",
            },
            {
                "name": FIELDS,
                "required": False,
                "in": "query",
                "description": "Only these top-level fields of each row, comma-separated; an unknown name is a "
                "400 that lists the fields there are.",
                "schema": {"type": "string"},
                "example": "id,title,date",
            },
        ]
