"""The dispatcher task: fan out new events and send due deliveries.

Beat runs it every ``WEBHOOK_DISPATCH_SECONDS``; every recorded event also
nudges it at once (``webhooks.services.dispatch.nudge_dispatch``). Any number
may run at the same time: claims are leased.
"""

from __future__ import annotations

from celery import shared_task

from webhooks.services.dispatch import webhooks_dispatch


@shared_task(name="webhooks.dispatch", acks_late=True, ignore_result=True, soft_time_limit=120, time_limit=150)
def dispatch() -> dict[str, int]:
    report = webhooks_dispatch()
    return {"sent": report.sent, "succeeded": report.succeeded, "failed": report.failed}
