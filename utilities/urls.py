"""The one way an API URL is made: ``<root>/api/v1/<resource>/<id>/``.

Responses use the root the request came in on; webhook payloads, the calendar
feed and the timeline, written without a request, use ``PUBLIC_BASE_URL``.
Built by string formatting rather than ``reverse()``: a page of agreements or
a sweep of a hundred thousand deadlines makes one per object, and a test holds
the result equal to the router's URLs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings

if TYPE_CHECKING:
    from django.http import HttpRequest

API_PREFIX = "/api/v1/"


def api_root(request: HttpRequest | None = None) -> str:
    """``http://host/api/v1/``: as the request reached us, else at ``PUBLIC_BASE_URL``."""
    if request is not None:
        return request.build_absolute_uri(API_PREFIX)
    return f"{settings.PUBLIC_BASE_URL}{API_PREFIX}"


def api_url(resource: str, pk: object, *, root: str | None = None) -> str:
    """The URL of one object, e.g. ``api_url("deadlines", 3)``."""
    return f"{root or api_root()}{resource}/{pk}/"
