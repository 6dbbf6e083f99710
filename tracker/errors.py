"""Error pages: JSON under /api/, Django's HTML elsewhere (the admin).

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
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views import defaults


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
