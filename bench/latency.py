"""latency: from a deadline's due_at to a verified delivery at a subscriber, with a real Celery
worker and beat on the configured broker (Redis when CELERY_BROKER_URL says so). p50 and max
over 100 deadlines, against the target of one sweep interval plus a second."""

from __future__ import annotations

import datetime as dt
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.common import say, summary

DEADLINES = 100
INTERVAL = 1


def run() -> list[dict[str, Any]]:
    from django.contrib.auth.models import User
    from django.utils import timezone
    from standardwebhooks import Webhook

    from tests.factories import deadline_due
    from tests.processes import celery, child_env, tail, wait_for
    from tests.webhooks.receiver import Receiver
    from webhooks.services.endpoints import endpoint_create

    receiver = Receiver()
    owner = User.objects.create_user("latency-subscriber")
    _, secret = endpoint_create(owner=owner, url=receiver.url("/latency"), event_types=["deadline.passed"])
    start = timezone.now() + dt.timedelta(seconds=8)
    due = {
        deadline_due(start + dt.timedelta(seconds=n * 0.15)).pk: start + dt.timedelta(seconds=n * 0.15)
        for n in range(DEADLINES)
    }
    say(f"{DEADLINES} deadlines falling due over {DEADLINES * 0.15:.0f} s; sweep every {INTERVAL} s")
    with tempfile.TemporaryDirectory() as folder:
        env = child_env(
            Path(folder),
            DEADLINE_SWEEP_SECONDS=str(INTERVAL),
            WEBHOOK_DISPATCH_SECONDS="1",
            WEBHOOK_ALLOW_LOOPBACK="true",
            LOG_LEVEL="WARNING",
        )
        with celery(env, Path(folder), concurrency=2) as logs:
            try:
                wait_for(lambda: len(receiver.at("/latency")) >= DEADLINES, timeout=180, what="every delivery")
            except AssertionError:
                raise AssertionError(tail(logs["worker"]) + "\n" + tail(logs["beat"])) from None
    receiver.close()
    latencies = []
    offset = time.time() - time.monotonic()  # the receiver notes monotonic times
    for message in receiver.at("/latency"):
        payload = Webhook(secret).verify(message.body, message.headers)
        deadline_id = payload["data"]["deadline"]["id"]
        latencies.append(message.at + offset - due[deadline_id].timestamp())
    assert len(latencies) == DEADLINES, f"{len(latencies)} deliveries for {DEADLINES} deadlines"
    p50, worst = statistics.median(latencies), max(latencies)
    say(f"due → verified delivery: p50 {p50:.2f} s, max {worst:.2f} s (each deadline delivered once)")
    return [
        summary(
            "latency",
            p50 / (INTERVAL + 1),
            p50,
            INTERVAL + 1.0,
            "s p50; baseline = interval + 1 s target",
            target="target: ratio < 1",
        )
    ]
