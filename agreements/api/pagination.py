"""Page-number pagination: ``count``, ``next``, ``previous``, ``results``; ``page_size`` ≤ 200."""

from __future__ import annotations

from django.conf import settings
from rest_framework import pagination


class PageNumberPagination(pagination.PageNumberPagination):
    """DRF's page-number pagination with a client-chosen, capped page size.

    A page past the end is a 404 with a message saying how many pages there are.
    """

    page_size = settings.API_PAGE_SIZE
    page_size_query_param = "page_size"
    max_page_size = settings.API_MAX_PAGE_SIZE
    invalid_page_message = "Invalid page: {message}"
