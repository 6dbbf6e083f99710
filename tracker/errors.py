"""Error pages: JSON under /api/, Django's HTML elsewhere (the admin).

A path under /api/ that no view serves reaches :func:`api_not_found`, the last
URL pattern, rather than Django's 404 handling: with DEBUG on, Django answers
a miss with its HTML debug page and never calls ``handler404``.

A request that failed because the database could not be reached or dropped
the connection (``OperationalError``/``InterfaceError``) is a 503 with
``Retry-After`` under /api/, not a 500: the fault is passing, and the client
may try again.
"""

from __future__ import annotations

import sys

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect, JsonResponse
from django.urls import Resolver404, resolve
from django.views import defaults
from django.views.decorators.csrf import csrf_exempt


def _is_api(request: HttpRequest) -> bool:
    return request.path.startswith("/api/")


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    if isinstance(exception, RequestDataTooBig):
        from utilities.api.parsers import too_large_message

        return JsonResponse({"detail": too_large_message(settings.DATA_UPLOAD_MAX_MEMORY_SIZE)}, status=413)
    if _is_api(request):
        return JsonResponse({"detail": "Bad request."}, status=400)
    return defaults.bad_request(request, exception)


def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    if _is_api(request):
        return JsonResponse({"detail": "You do not have permission to perform this action."}, status=403)
    return defaults.permission_denied(request, exception)


def not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    if _is_api(request):
        return JsonResponse({"detail": "Not found."}, status=404)
    return defaults.page_not_found(request, exception)


@csrf_exempt  # it changes nothing; a token client's POST should hear "not found", not a CSRF page
def api_not_found(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
    """Whatever is under /api/ and served by no view: a JSON 404, with DEBUG on or off.

    A URL that only lacks its trailing slash is redirected when read, as Django's
    ``APPEND_SLASH`` would; a write is told the URL instead (a redirect would lose
    its body, and with DEBUG on Django raises, a 500).
    """
    if not request.path_info.endswith("/"):
        try:
            slashed = resolve(f"{request.path_info}/", getattr(request, "urlconf", None))
        except Resolver404:
            slashed = None
        if slashed is not None and slashed.func is not api_not_found:
            if request.method in ("GET", "HEAD"):
                return HttpResponsePermanentRedirect(request.get_full_path(force_append_slash=True))
            detail = f"Not found: nothing is at {request.path}. Did you mean {request.path}/?"
            return JsonResponse({"detail": detail}, status=404)
    detail = (
        f"Not found: nothing is at {request.path}. The API's resources are listed at /api/v1/, "
        "its documentation at /api/docs/."
    )
    return JsonResponse({"detail": detail}, status=404)


DATABASE_RETRY_AFTER_SECONDS = 5


def server_error(request: HttpRequest) -> HttpResponse:
    if _is_api(request):
        # Django calls this handler while it handles the exception, so it is still current here.
        if isinstance(sys.exc_info()[1], OperationalError | InterfaceError):
            response = JsonResponse(
                {"detail": "The database is unavailable at the moment; please try again shortly."}, status=503
            )
            response["Retry-After"] = str(DATABASE_RETRY_AFTER_SECONDS)
            return response
        return JsonResponse({"detail": "Server error. It has been logged; please try again later."}, status=500)
    return defaults.server_error(request)
