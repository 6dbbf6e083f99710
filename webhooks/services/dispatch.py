"""The dispatcher: fan out new events, then send what is due — and how it is woken."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Any

from asgiref.sync import async_to_sync
from celery import current_app

from webhooks.services.fanout import fanout_pending
from webhooks.services.sending import DispatchReport, pump
from webhooks.ssrf import Resolver, system_resolver

logger = logging.getLogger("webhooks.dispatch")


def webhooks_dispatch(*, budget_seconds: float = 50.0, resolver: Resolver = system_resolver) -> DispatchReport:
    """Fan out new events, then send what is due until nothing is or the budget is spent."""
    fanout_pending()
    return async_to_sync(pump)(resolver=resolver, budget_seconds=budget_seconds)


# After a nudge fails, seconds during which this process sends none: an unreachable broker
# costs the write that found it down its connect timeout, not every write after it too.
NUDGE_PAUSE_SECONDS = 30.0
_nudge_lock = threading.Lock()
_nudges_paused_until = 0.0


def nudge_dispatch(*, clock: Callable[[], float] = time.monotonic, **_: Any) -> None:
    """Ask a worker to dispatch now rather than at beat's next periodic run.

    Connected to the domain's ``events_recorded`` signal, and called after a
    redelivery. Best effort: if the broker is unreachable the periodic run
    still finds the work, so a failure here is logged and nothing more — and
    for ``NUDGE_PAUSE_SECONDS`` this process does not try again: each attempt
    holds the request that made the change for the broker's connect timeout
    and its retries (seconds, with Redis down).
    """
    global _nudges_paused_until
    if clock() < _nudges_paused_until:
        return
    try:
        current_app.send_task("webhooks.dispatch", retry=False)
    except Exception as exc:  # noqa: BLE001 - any broker failure; the outbox keeps the event
        with _nudge_lock:
            _nudges_paused_until = clock() + NUDGE_PAUSE_SECONDS
        logger.warning(
            "could not nudge the webhook dispatcher: %s; no nudges from this process for %.0f s (the periodic "
            "dispatch still finds the work)",
            exc,
            NUDGE_PAUSE_SECONDS,
            extra={"event": "nudge_failed"},
        )
