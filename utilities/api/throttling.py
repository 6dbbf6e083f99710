"""Throttles that count across processes and fail open.

Counting: the counts must be shared by every process serving the API. With
``locmem://`` each gunicorn worker counted alone, and a 120/minute limit let 356
through (the default is now a file cache under ``VAR_DIR``, or Redis). And
DRF's throttles keep each client's request times as one list, read it and
write it back: two processes serving one client at once both read the old list
and one write is lost. These count in fixed windows instead: one counter per
client and window, raised by the cache's atomic ``incr`` (Redis ``INCR``; a
lock in the embedded file cache, :mod:`utilities.cache`). "120/minute" means at
most 120 requests in each minute-long window; a refused client is told when the
window ends (``Retry-After``).

Failing open: the counters live in the shared cache (Redis in production). When it is down,
DRF's throttles raise, and every request — reads of public records included —
would answer 500. A throttle is protection, not a dependency: while the cache
is unreachable these let requests through unthrottled and say so in the log
(once a minute per process, not once per request), and ``/readyz`` names the
cache as down.
"""

from __future__ import annotations

import logging
import math
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


class WindowCounter(throttling.SimpleRateThrottle):
    """A rate throttle with one atomic counter per client and fixed window (identification is the subclass's)."""

    window_ends: float
    now: float
    duration: int  # set by SimpleRateThrottle.__init__ from the rate
    num_requests: int

    def allow_request(self, request: Any, view: Any) -> bool:
        if self.rate is None:
            return True
        key = self.get_cache_key(request, view)
        if key is None:
            return True
        now = self.timer()
        window = int(now // self.duration)
        self.window_ends = (window + 1) * self.duration
        self.now = now
        counter = f"{key}:{window}"
        # Kept for two windows, so a counter never expires between the add and the incr.
        self.cache.add(counter, 0, 2 * self.duration)
        try:
            count = self.cache.incr(counter)
        except ValueError:  # culled between the two calls: count this request in a fresh counter
            self.cache.add(counter, 1, 2 * self.duration)
            count = 1
        return bool(count <= self.num_requests)

    def wait(self) -> float:
        """Seconds until the window ends (whole seconds, at least one)."""
        return float(max(1, math.ceil(self.window_ends - self.now)))


class AnonRateThrottle(FailOpen, WindowCounter, throttling.AnonRateThrottle):
    """Anonymous clients, counted by IP: DRF's identification, a window counter, failing open."""


class UserRateThrottle(FailOpen, WindowCounter, throttling.UserRateThrottle):
    """Signed-in users, counted by user: DRF's identification, a window counter, failing open."""
