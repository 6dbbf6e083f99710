"""Structured logs: one JSON object per line, each carrying the request id.

Log records carry their fields in ``extra={"event": ..., ...}``. The formatter
drops any field whose name suggests a credential, so a careless ``extra`` can
never put a token, a webhook secret or a signature in the logs.
"""

from __future__ import annotations

import json
import logging
import re
import time
import uuid
from collections.abc import Callable
from contextvars import ContextVar
from datetime import UTC, datetime
from typing import Any, cast

from django.http import HttpRequest, HttpResponse

request_id_var: ContextVar[str] = ContextVar("request_id", default="-")

_VALID_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")
# Fields never written, whatever a caller passes in ``extra``.
_SECRET_FIELD = re.compile(r"secret|token|password|signature|authorization|cookie|api_key", re.IGNORECASE)
# Attributes every LogRecord has; anything else came in through ``extra``.
_STANDARD_ATTRS = set(vars(logging.makeLogRecord({}))) | {"message", "asctime", "request_id"}

request_logger = logging.getLogger("tracker.request")


def redact(fields: dict[str, Any]) -> dict[str, Any]:
    """Return ``fields`` without any entry whose name looks like a credential."""
    return {key: ("[redacted]" if _SECRET_FIELD.search(key) else value) for key, value in fields.items()}


class RequestIdFilter(logging.Filter):
    """Put the current request id (or ``-`` outside a request) on every record."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not hasattr(record, "request_id"):
            record.request_id = request_id_var.get()
        return True


class JsonFormatter(logging.Formatter):
    """Format a record as one JSON line: time, level, logger, message and extras."""

    def format(self, record: logging.LogRecord) -> str:
        payload: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, tz=UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", request_id_var.get()),
        }
        extras = {k: v for k, v in vars(record).items() if k not in _STANDARD_ATTRS and not k.startswith("_")}
        payload.update(redact(extras))
        if record.exc_info:
            payload["exc_info"] = self.formatException(record.exc_info)
        return json.dumps(payload, default=str, ensure_ascii=False)


def client_address(request: HttpRequest) -> str:
    """The client's address as the API's throttles count it: the connection's own, or, behind
    ``API_NUM_PROXIES`` proxies, the address the outermost of them saw (``X-Forwarded-For``)."""
    from rest_framework.request import Request
    from rest_framework.throttling import BaseThrottle

    # DRF reads only ``request.META``, which a Django request has as a DRF one does.
    return str(BaseThrottle().get_ident(cast(Request, request)) or "")


class RequestLogMiddleware:
    """Give each request an id (``X-Request-ID``) and log one line when it ends."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        incoming = request.headers.get("X-Request-ID", "")
        request_id = incoming if _VALID_REQUEST_ID.match(incoming) else uuid.uuid4().hex
        token = request_id_var.set(request_id)
        started = time.perf_counter()
        try:
            response = self.get_response(request)
            response["X-Request-ID"] = request_id
            user = getattr(request, "user", None)
            request_logger.info(
                "%s %s %s",
                request.method,
                request.path,
                response.status_code,
                extra={
                    "event": "request",
                    "method": request.method,
                    "path": request.path,
                    "status": response.status_code,
                    "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                    "user_id": user.pk if user is not None and user.is_authenticated else None,
                    "client": client_address(request),
                },
            )
            return response
        finally:
            request_id_var.reset(token)
