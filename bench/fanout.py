"""fanout: one event to 1,000 endpoints on a fast local receiver, against a bare asyncio
httpx loop POSTing the same signed bodies at the same concurrency. Then the same with a
tenth of the endpoints hanging until the timeout: the others' delivery time should not move.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import time
from typing import Any

from bench.common import say, summary

ENDPOINTS = 1000
TIMEOUT = 5


def _event() -> Any:
    from django.utils import timezone

    from agreements.models import Event
    from agreements.services.sweep import sweep_run
    from tests.factories import deadline_due

    deadline_due(timezone.now() - dt.timedelta(seconds=1))
    sweep_run()
    return Event.objects.filter(type="deadline.passed").latest("id")


async def _bare(requests: list[tuple[str, dict[str, str], bytes]], concurrency: int) -> None:
    import httpx

    semaphore = asyncio.Semaphore(concurrency)
    limits = httpx.Limits(max_connections=concurrency)
    async with httpx.AsyncClient(limits=limits, timeout=TIMEOUT) as client:

        async def post(url: str, headers: dict[str, str], body: bytes) -> None:
            async with semaphore:
                (await client.post(url, content=body, headers=headers)).raise_for_status()

        await asyncio.gather(*(post(*request) for request in requests))


def run() -> list[dict[str, Any]]:
    from django.conf import settings
    from django.contrib.auth.models import User
    from django.utils import timezone

    from bench.receiver import Receiver
    from webhooks.models import WebhookDelivery, WebhookEndpoint
    from webhooks.services.dispatch import webhooks_dispatch
    from webhooks.services.endpoints import endpoint_create
    from webhooks.signing import body_of, signed_headers

    settings.WEBHOOK_TIMEOUT_SECONDS = TIMEOUT
    receiver = Receiver()
    try:
        owner = User.objects.create_user("bench-subscriber")
        endpoints = [
            endpoint_create(owner=owner, url=receiver.url(f"/fast/{n}"), event_types=["deadline.passed"])[0]
            for n in range(ENDPOINTS)
        ]
        say(f"{ENDPOINTS} endpoints on a local receiver; concurrency {settings.WEBHOOK_CONCURRENCY}")

        event = _event()
        receiver.reset()
        started = time.time()
        report = webhooks_dispatch()
        ours_seconds = time.time() - started
        assert report.succeeded == ENDPOINTS, report
        fast_all = receiver.stats()["last"] - started
        say(f"ours: {ENDPOINTS} verified-signable deliveries (fan-out, claim, send, record) in {ours_seconds:.2f} s")

        now = timezone.now()
        body = body_of(event)
        deliveries = {d.endpoint_id: d for d in WebhookDelivery.objects.filter(event=event)}
        requests = [
            (
                e.url,
                signed_headers(message_id=deliveries[e.pk].message_id, body=body, secrets=[e.secret], now=now),
                body.encode(),
            )
            for e in endpoints
        ]
        receiver.reset()
        started = time.perf_counter()
        asyncio.run(_bare(requests, settings.WEBHOOK_CONCURRENCY))
        bare_seconds = time.perf_counter() - started
        say(f"baseline: the same {ENDPOINTS} signed POSTs from a bare asyncio httpx loop in {bare_seconds:.2f} s")
        ours_rate, bare_rate = ENDPOINTS / ours_seconds, ENDPOINTS / bare_seconds
        results = [
            summary(
                "fanout", ours_rate / bare_rate, ours_rate, bare_rate, "deliveries/s", target="target: ratio >= 0.5"
            )
        ]

        hanging = endpoints[: ENDPOINTS // 10]
        WebhookEndpoint.objects.filter(pk__in=[e.pk for e in hanging]).update(url=receiver.url("/hang/x"))
        event = _event()
        receiver.reset()
        started = time.time()
        report = webhooks_dispatch()
        stats = receiver.stats()
        assert stats["fast"] == ENDPOINTS - len(hanging), stats
        fast_with_hangs = stats["last"] - started
        say(
            f"with {len(hanging)} endpoints hanging past the {TIMEOUT} s timeout: the other {stats['fast']} "
            f"delivered within {fast_with_hangs:.2f} s (all fast: {fast_all:.2f} s); the run ended after "
            f"{time.time() - started:.1f} s"
        )
        results.append(
            summary(
                "fanout-hanging",
                fast_with_hangs / fast_all,
                fast_with_hangs,
                fast_all,
                "s until the healthy endpoints are served",
                target="target: ratio near 1",
            )
        )
        return results
    finally:
        receiver.stop()
