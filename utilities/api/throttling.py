"""Throttles that fail open: a rate counter that cannot be read is no reason to refuse a reader.

The counters live in the shared cache (Redis in production). When it is down,
DRF's throttles raise, and every request — reads of public records included —
would answer 500. A throttle is protection, not a dependency: while the cache
is unreachable these let requests through unthrottled and say so in the log
(once a minute per process, not once per request), and ``/readyz`` names the
cache as down.
"""

from __future__ import annotations

import logging
import time
from typing import Any

from rest_framework import throttling

logger = logging.getLogger("tracker.throttling")

# Seconds between two warnings from one process while the cache stays down.
WARN_EVERY = 60.0
_last_warning = 0.0


def _warn(exc: Exception) -> None:
    global _last_warning
    now = time.monotonic()
    if now - _last_warning >= WARN_EVERY:
        _last_warning = now
        logger.warning(
            "throttle cache unreachable (%s): requests go unthrottled until it is back",
            type(exc).__name__,
            extra={"event": "throttle_cache_down", "error": str(exc)[:200]},
        )


class FailOpen:
    """Mixin for a DRF throttle: if its cache cannot be reached, allow the request."""

    def allow_request(self, request: Any, view: Any) -> bool:
        try:
            return super().allow_request(request, view)  # type: ignore[misc]
        except Exception as exc:  # noqa: BLE001 - any cache backend's failure; the request must not fail
            _warn(exc)
            return True


class AnonRateThrottle(FailOpen, throttling.AnonRateThrottle):
    """DRF's anonymous throttle (by IP), failing open."""


class UserRateThrottle(FailOpen, throttling.UserRateThrottle):
    """DRF's per-user throttle, failing open."""
