"""``ordering``: like DRF's, but an unknown field is a 400, not silently ignored."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db.models import QuerySet
from rest_framework import filters
from rest_framework.exceptions import ValidationError

from utilities.ordering import nulls_last

if TYPE_CHECKING:  # imported for annotations only: DRF loads these classes while importing its views
    from rest_framework.request import Request
    from rest_framework.views import APIView


class OrderingFilter(filters.OrderingFilter):
    """Comma-separated fields, ``-`` for descending; only the view's ``ordering_fields``."""

    def get_ordering(self, request: Request, queryset: QuerySet, view: APIView) -> Any:
        params = request.query_params.get(self.ordering_param)
        if params:
            fields = [param.strip() for param in params.split(",") if param.strip()]
            allowed = {name for name, _ in self.get_valid_fields(queryset, view, {"request": request})}
            unknown = [f for f in fields if f.lstrip("-") not in allowed]
            if unknown:
                raise ValidationError(
                    {
                        self.ordering_param: [
                            f"Cannot order by {', '.join(unknown)}; choose from {', '.join(sorted(allowed))}."
                        ]
                    }
                )
            return fields
        return self.get_default_ordering(view)

    def filter_queryset(self, request: Request, queryset: QuerySet, view: APIView) -> QuerySet:
        ordering = self.get_ordering(request, queryset, view)
        if not ordering:
            return queryset
        return queryset.order_by(*(nulls_last(queryset, term) for term in ordering))

    def get_schema_operation_parameters(self, view: APIView) -> list[dict[str, Any]]:
        fields = getattr(view, "ordering_fields", None) or []
        choices = [f"{sign}{name}" for name in fields for sign in ("", "-")]
        return [
            {
                "name": self.ordering_param,
                "required": False,
                "in": "query",
                "description": (
                    f"Sort by one or more comma-separated fields; `-` for descending. One of: {', '.join(choices)}. "
                    "Records with no value in a field (an undated source) come last either way."
                ),
                "schema": {"type": "string"},
            }
        ]
