"""Page-number pagination: ``count``, ``next``, ``previous``, ``results``; ``page_size`` ≤ 200."""

from __future__ import annotations

import unicodedata
from typing import TYPE_CHECKING, Any

from django.conf import settings
from rest_framework import pagination
from rest_framework.exceptions import ValidationError
from rest_framework.utils.urls import replace_query_param

if TYPE_CHECKING:
    from rest_framework.request import Request


# Beyond any page or page size served: a longer number is read as this one.
_LARGEST = 10**18


def _whole_number_from_1(text: str) -> int | None:
    """``text`` as a whole number from 1 (``_LARGEST`` if larger), or None if it is none.

    Not ``int(text)`` alone: it refuses more than 4,300 digits with a ValueError (a 500).
    """
    if not text.isdecimal():
        return None
    digits = "".join(str(unicodedata.decimal(character)) for character in text).lstrip("0")
    if not digits:
        return None
    return int(digits) if len(digits) <= len(str(_LARGEST)) else _LARGEST


class PageNumberPagination(pagination.PageNumberPagination):
    """DRF's page-number pagination with a client-chosen page size, capped at 200.

    A ``page`` or ``page_size`` that is not a positive whole number is a 400 naming
    it; a page past the end is a 404 saying so. The ``next`` and ``previous`` links
    carry the page size used, the cap where more was asked for.
    """

    page_size = settings.API_PAGE_SIZE
    page_size_query_param = "page_size"
    max_page_size = settings.API_MAX_PAGE_SIZE
    invalid_page_message = "Invalid page: {message}"

    def get_page_size(self, request: Request) -> int:
        values = request.query_params.getlist(self.page_size_query_param)
        if not values or values == [""]:
            return self.page_size
        size = _whole_number_from_1(values[0]) if len(values) == 1 else None
        if size is None:
            raise ValidationError(
                {self.page_size_query_param: [f"A whole number from 1 (at most {self.max_page_size} are returned)."]}
            )
        return min(size, self.max_page_size)

    def get_page_number(self, request: Request, paginator: Any) -> str:
        number = str(super().get_page_number(request, paginator))
        if number in self.last_page_strings:
            return number
        whole = _whole_number_from_1(number)
        if whole is None:
            raise ValidationError({self.page_query_param: ["A whole number from 1 (a page past the last is a 404)."]})
        return str(whole)

    def get_next_link(self) -> str | None:
        return self._with_page_size_used(super().get_next_link())

    def get_previous_link(self) -> str | None:
        return self._with_page_size_used(super().get_previous_link())

    def _with_page_size_used(self, url: str | None) -> str | None:
        # A page_size over the cap was served capped: the links say so rather than repeat what was asked.
        if url is None or self.request is None or self.page is None:
            return url
        if self.page_size_query_param not in self.request.query_params:
            return url
        return replace_query_param(url, self.page_size_query_param, self.page.paginator.per_page)

    def get_paginated_response_schema(self, schema: dict[str, Any]) -> dict[str, Any]:
        return {
            "type": "object",
            "description": "One page of a list: how many match in all, links to the pages either side, "
            "and this page's rows.",
            "required": ["count", "next", "previous", "results"],
            "properties": {
                "count": {"type": "integer", "description": "How many records match, on all pages together."},
                "next": {
                    "type": ["string", "null"],
                    "format": "uri",
                    "description": "The next page's URL, with the same filters; null on the last page.",
                },
                "previous": {
                    "type": ["string", "null"],
                    "format": "uri",
                    "description": "The previous page's URL, with the same filters; null on the first page.",
                },
                "results": {**schema, "description": "This page's records, in the order asked for."},
            },
        }

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_size_query_param:
                # No "maximum" in the schema: a larger value is served, capped, not refused, and a schema that
                # called it invalid would misdescribe the server (and schemathesis holds the schema to it).
                parameter["description"] = (
                    f"Results per page, {self.page_size} by default; at most {self.max_page_size}: a larger value "
                    f"is served as {self.max_page_size}, and the `next` and `previous` links say "
                    f"`page_size={self.max_page_size}`."
                )
                parameter["schema"] = {"type": "integer", "minimum": 1}
            elif parameter["name"] == self.page_query_param:
                parameter["description"] = "Which page, from 1; a page past the last is a 404."
                parameter["schema"] = {"type": "integer", "minimum": 1}
        return parameters
