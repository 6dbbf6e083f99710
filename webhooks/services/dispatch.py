"""The dispatcher: fan out new events, then send what is due — and how it is woken."""

from __future__ import annotations

import logging
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


def nudge_dispatch(**_: Any) -> None:
    """Ask a worker to dispatch now rather than at beat's next periodic run.

    Connected to the domain's ``events_recorded`` signal, and called after a
    redelivery. Best effort: if the broker is unreachable the periodic run
    still finds the work, so a failure here is logged and nothing more.
    """
    try:
        current_app.send_task("webhooks.dispatch", retry=False)
    except Exception as exc:  # noqa: BLE001 - any broker failure; the outbox keeps the event
        logger.warning("could not nudge the webhook dispatcher: %s", exc, extra={"event": "nudge_failed"})
