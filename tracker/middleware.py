"""Refuse what no database can store before any view sees it.

PostgreSQL text cannot hold a NUL character; a NUL in a query parameter or a
URL would otherwise reach a lookup and end as a database error (a 500). SQLite
would accept it and match nothing, so both engines now answer the same.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, JsonResponse

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
