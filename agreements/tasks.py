"""Celery tasks of the domain app. Thin: each calls a service."""

from __future__ import annotations

import logging

from celery import shared_task
from django.apps import apps

from agreements.services.sweep import sweep_run

logger = logging.getLogger(__name__)


@shared_task(name="agreements.sweep_deadlines", acks_late=True, ignore_result=True)
def sweep_deadlines() -> dict[str, int]:
    """Beat's periodic sweep. Safe to run twice at once, or again after a crash."""
    result = sweep_run()
    return {"flagged": result.flagged, "reminded": result.reminded}


def nudge_dispatch() -> None:
    """Ask a worker to fan out and deliver new events now, rather than at the next
    periodic run. Best effort: if the broker is unreachable the periodic run
    still finds the events, so a failure here is logged and nothing more."""
    if not apps.is_installed("webhooks"):
        return
    from webhooks.tasks import dispatch

    try:
        dispatch.apply_async(retry=False)
    except Exception as exc:  # noqa: BLE001 - any broker failure; the outbox keeps the event
        logger.warning("could not nudge the webhook dispatcher: %s", exc, extra={"event": "nudge_failed"})
