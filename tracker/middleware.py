"""Requests answered around the views: what no database can store, the health probes, the
admin's lost races.

PostgreSQL text cannot hold a NUL character; a NUL in a query parameter or a
URL would otherwise reach a lookup and end as a database error (a 500). SQLite
would accept it and match nothing, so both engines now answer the same.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, HttpResponseRedirect, JsonResponse

NUL = "\x00"
MESSAGE = "Null characters are not allowed."


class RejectNulMiddleware:
    """A NUL in the path is a 404 (no record has such a name); in a query parameter, a 400 naming it."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        api = request.path.startswith("/api/")
        if NUL in request.path:
            return JsonResponse({"detail": "Not found."}, status=404) if api else HttpResponse(status=404)
        bad = sorted({name for name, values in request.GET.lists() for v in [name, *values] if NUL in v})
        if bad:
            if api:
                return JsonResponse({name.replace(NUL, "\\u0000"): [MESSAGE] for name in bad}, status=400)
            return HttpResponseBadRequest(MESSAGE)
        return self.get_response(request)


class HealthProbeMiddleware:
    """``/healthz`` and ``/readyz`` answer whatever Host the probe sends.

    A load balancer or an orchestrator probes a node by its address (``Host:
    10.0.3.7:8000``), which no ``ALLOWED_HOSTS`` lists, and Django's host check
    (in the security redirect, the common middleware, CSRF) would answer 400.
    The probes read no host, build no URL and set no cookie, so they are served
    here, ahead of every middleware that checks it.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        from tracker import health

        probe = {"/healthz": health.healthz, "/readyz": health.readyz}.get(request.path_info)
        return probe(request) if probe is not None else self.get_response(request)


RACE_UNDONE = (
    "Another change to the same records was made at the same time, and the database undid this one so that "
    "the other could go on. Check the records as they stand now, and make the change again."
)
RACE_DELETED = (
    "Another change deleted a record this one needed while it waited for it, so it was not made. "
    "Check the records as they stand now."
)
logger = logging.getLogger("tracker.admin")


class AdminRaceMiddleware:
    """An editor's change in the admin that lost a race with another is a message, not a 500.

    Two outcomes only a race gives: the database broke a deadlock, or undid a
    serialization failure, by aborting this change; or a record the change found
    was deleted by another while this one waited for its lock. Either way the
    transaction it failed in was rolled back; the admin's own views (a change, a
    deletion, a bulk delete, a recorded status) make their change in one, and
    the deadline actions tell each deadline's outcome themselves. The API
    answers them with a 409 and a 404 (``utilities.api.errors``); here the
    editor is sent back to the page they sent, with a message saying so. Only
    for a change (a POST): a page that fails to show is a fault, and shown as one.
    Each is logged with its traceback (a missing record may also be a fault).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        from django.contrib import messages
        from django.core.exceptions import ObjectDoesNotExist

        from utilities.services import undone_by_database

        match = request.resolver_match
        if request.method != "POST" or match is None or "admin" not in match.namespaces:
            return None
        if undone_by_database(exception):
            messages.error(request, RACE_UNDONE)
        elif isinstance(exception, ObjectDoesNotExist):
            messages.warning(request, RACE_DELETED)
        else:
            return None
        logger.warning(
            "admin change lost a race: %s %s",
            request.method,
            request.path,
            exc_info=exception,
            extra={"event": "admin_race", "path": request.path},
        )
        return HttpResponseRedirect(request.get_full_path())
