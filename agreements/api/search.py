"""The ``q`` parameter of every list: alias- and accent-aware search."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db.models import QuerySet
from rest_framework.exceptions import ValidationError
from rest_framework.filters import BaseFilterBackend

from agreements.search import SEARCH_PATHS, search

if TYPE_CHECKING:  # imported for annotations only: DRF loads these classes while importing its views
    from rest_framework.request import Request
    from rest_framework.views import APIView

MAX_QUERY_LENGTH = 200


class FoldedSearchFilter(BaseFilterBackend):
    """``?q=Hafter`` — every word must match, ignoring case and accents, in names,
    titles, wording and actor aliases (see :mod:`agreements.search`)."""

    param = "q"

    def filter_queryset(self, request: Request, queryset: QuerySet, view: APIView) -> QuerySet:
        query = request.query_params.get(self.param, "")
        if len(query) > MAX_QUERY_LENGTH:
            raise ValidationError({self.param: [f"Ensure this value has at most {MAX_QUERY_LENGTH} characters."]})
        if not query.strip() or queryset.model not in SEARCH_PATHS:
            return queryset
        return search(queryset, query)

    def get_schema_operation_parameters(self, view: APIView) -> list[dict[str, Any]]:
        return [
            {
                "name": self.param,
                "required": False,
                "in": "query",
                "description": (
                    "Search: every word must match names, titles, wording or actor aliases, ignoring "
                    "case and accents (`Erdogan` finds Erdoğan, `Hafter` finds Haftar)."
                ),
                "schema": {"type": "string", "maxLength": MAX_QUERY_LENGTH},
            }
        ]
