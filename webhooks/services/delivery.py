"""Delivery: send what is due, concurrently, record every attempt, schedule the retry.

At least once. A dispatcher claims a batch of due deliveries with a lease
(``locked_until``), in a conditional UPDATE (``SKIP LOCKED`` on PostgreSQL),
sends them all at once with httpx over the SSRF-guarded transport — one slow
or hanging receiver costs only its own timeout — and then records each
outcome. A dispatcher that dies mid-send leaves its leases to lapse; the
next one sends again, with the same ``webhook-id``.

Only a 2xx counts. Redirects are not followed. 410 Gone disables the
endpoint. 429 and 503 are retried no sooner than their ``Retry-After``.
Anything else is retried on the schedule below, with ±10 % jitter, and given
up after the last attempt; an endpoint failing continuously for five days is
disabled, with the reason recorded for its owner.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import email.utils
import logging
import random
import time
import uuid
from collections.abc import Coroutine
from concurrent.futures import ThreadPoolExecutor
from contextlib import AsyncExitStack
from dataclasses import dataclass
from typing import Any, TypeVar

import httpx
from asgiref.sync import async_to_sync, sync_to_async
from django.conf import settings
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone

from webhooks.models import DeliveryState, WebhookAttempt, WebhookDelivery, WebhookEndpoint
from webhooks.signing import body_of, signed_headers
from webhooks.ssrf import Resolver, system_resolver
from webhooks.transport import GuardedTransport

logger = logging.getLogger("webhooks.delivery")
T = TypeVar("T")

# Delay before each attempt: at once, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h; then given up.
SCHEDULE = [
    dt.timedelta(0),
    dt.timedelta(seconds=5),
    dt.timedelta(minutes=5),
    dt.timedelta(minutes=30),
    dt.timedelta(hours=2),
    dt.timedelta(hours=5),
    dt.timedelta(hours=10),
    dt.timedelta(hours=10),
]
JITTER = 0.1
FAILING_LIMIT = dt.timedelta(days=5)
MAX_RETRY_AFTER = dt.timedelta(hours=24)
EXCERPT_BYTES = 1024
# A request outstanding this long no longer holds one of the WEBHOOK_CONCURRENCY slots...
SLOW_AFTER = 1.0
# ...but no more than this many times WEBHOOK_CONCURRENCY requests are ever outstanding.
MAX_IN_FLIGHT_FACTOR = 4
# Outcomes are recorded together once this many are in, or this many seconds have passed.
RECORD_BATCH = 50
RECORD_EVERY = 0.25
# Connections per httpx pool; the dispatcher spreads requests over as many pools as it needs.
POOL_SIZE = 8


@dataclass
class Request:
    delivery_id: uuid.UUID | None
    url: str
    headers: dict[str, str]
    body: bytes
    lease: dt.datetime | None = None


@dataclass
class Outcome:
    status_code: int | None = None
    error: str = ""
    excerpt: str = ""
    duration_ms: int = 0
    retry_after: dt.timedelta | None = None

    @property
    def succeeded(self) -> bool:
        return self.status_code is not None and 200 <= self.status_code < 300


@dataclass
class DispatchReport:
    sent: int = 0
    succeeded: int = 0
    failed: int = 0


def parse_retry_after(value: str | None, now: dt.datetime) -> dt.timedelta | None:
    """``Retry-After`` as seconds or an HTTP date; None if absent or unreadable."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return min(dt.timedelta(seconds=int(value)), MAX_RETRY_AFTER)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return min(max(when - now, dt.timedelta(0)), MAX_RETRY_AFTER)


# --- claiming ---------------------------------------------------------------------


def _claim(now: dt.datetime, limit: int, lease_until: dt.datetime) -> list[uuid.UUID]:
    """Lease up to ``limit`` due deliveries of active endpoints; return their ids."""
    deliveries = connection.ops.quote_name(WebhookDelivery._meta.db_table)
    endpoints = connection.ops.quote_name(WebhookEndpoint._meta.db_table)
    skip_locked = " FOR UPDATE OF d SKIP LOCKED" if connection.features.has_select_for_update_skip_locked else ""
    field = WebhookDelivery._meta.get_field("next_attempt_at")
    stamp = field.get_db_prep_value(now, connection)
    sql = (
        f"WITH due AS MATERIALIZED (SELECT d.id AS due_id FROM {deliveries} d "  # noqa: S608
        f"JOIN {endpoints} e ON e.id = d.endpoint_id "
        f"WHERE d.state = %s AND d.next_attempt_at <= %s AND (d.locked_until IS NULL OR d.locked_until < %s) "
        # Healthy receivers first: an endpoint on a failing streak waits behind them.
        f"AND e.paused = %s AND e.disabled_at IS NULL "
        f"ORDER BY CASE WHEN e.failing_since IS NULL THEN 0 ELSE 1 END, d.next_attempt_at LIMIT %s{skip_locked}) "
        f"UPDATE {deliveries} SET locked_until = %s FROM due "
        f"WHERE {deliveries}.id = due.due_id AND {deliveries}.state = %s RETURNING {deliveries}.id"
    )
    params = [
        DeliveryState.PENDING,
        stamp,
        stamp,
        False,
        limit,
        field.get_db_prep_value(lease_until, connection),
        DeliveryState.PENDING,
    ]
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [value if isinstance(value, uuid.UUID) else uuid.UUID(str(value)) for (value,) in cursor.fetchall()]


# --- sending ------------------------------------------------------------------------


async def _send_one(client: httpx.AsyncClient, request: Request) -> Outcome:
    started = time.perf_counter()
    outcome = Outcome()
    try:
        async with asyncio.timeout(settings.WEBHOOK_TIMEOUT_SECONDS):
            async with client.stream("POST", request.url, content=request.body, headers=request.headers) as rsp:
                outcome.status_code = rsp.status_code
                received = bytearray()
                async for chunk in rsp.aiter_raw():
                    received.extend(chunk)
                    if len(received) >= settings.WEBHOOK_MAX_RESPONSE_BYTES:
                        break  # read no more than the cap; the status is what counts
                outcome.excerpt = bytes(received[:EXCERPT_BYTES]).decode("utf-8", errors="replace")
                if rsp.status_code in (429, 503):
                    outcome.retry_after = parse_retry_after(rsp.headers.get("retry-after"), timezone.now())
                if rsp.is_redirect:
                    outcome.error = f"redirect to {rsp.headers.get('location', '?')[:200]} not followed"
    except TimeoutError:
        outcome.error = f"timed out after {settings.WEBHOOK_TIMEOUT_SECONDS} s"
    except httpx.TimeoutException as exc:
        outcome.error = f"timed out: {type(exc).__name__}"
    except httpx.HTTPError as exc:
        outcome.error = f"{type(exc).__name__}: {exc}"[:500]
    outcome.duration_ms = round((time.perf_counter() - started) * 1000)
    return outcome


async def send_all(requests: list[Request], resolver: Resolver = system_resolver) -> list[Outcome]:
    """POST every request concurrently; one slow receiver holds up only itself."""
    timeout = httpx.Timeout(settings.WEBHOOK_TIMEOUT_SECONDS, connect=settings.WEBHOOK_CONNECT_TIMEOUT_SECONDS)
    semaphore = asyncio.Semaphore(settings.WEBHOOK_CONCURRENCY)
    transport = GuardedTransport(resolver=resolver, max_connections=settings.WEBHOOK_CONCURRENCY)

    async def bounded(request: Request) -> Outcome:
        async with semaphore:
            return await _send_one(client, request)

    async with httpx.AsyncClient(transport=transport, timeout=timeout, follow_redirects=False) as client:
        return await asyncio.gather(*(bounded(request) for request in requests))


def run_sync(coroutine: Coroutine[Any, Any, T]) -> T:
    """Run a coroutine to completion from sync code, also where an event loop is already running."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coroutine)
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


# --- recording ------------------------------------------------------------------------


def _next_attempt(delivery: WebhookDelivery, outcome: Outcome, now: dt.datetime) -> dt.datetime | None:
    made = delivery.attempt_count - delivery.retry_base  # attempts in this schedule, this one included
    if made >= len(SCHEDULE):
        return None
    delay = SCHEDULE[made] * (1 + random.uniform(-JITTER, JITTER))
    if outcome.retry_after is not None:
        delay = max(delay, outcome.retry_after)
    return now + delay


def _disable(endpoint: WebhookEndpoint, now: dt.datetime, reason: str) -> None:
    WebhookEndpoint.objects.filter(pk=endpoint.pk, disabled_at__isnull=True).update(
        disabled_at=now, disabled_reason=reason[:500]
    )
    logger.warning(
        "webhook endpoint disabled: %s",
        reason,
        extra={"event": "webhook_endpoint_disabled", "endpoint_id": str(endpoint.pk)},
    )


def _log(delivery: WebhookDelivery, outcome: Outcome) -> None:
    logger.info(
        "webhook attempt %s #%d: %s",
        delivery.message_id,
        delivery.attempt_count,
        outcome.status_code or outcome.error,
        extra={
            "event": "webhook_attempt",
            "delivery_id": delivery.message_id,
            "endpoint_id": str(delivery.endpoint_id),
            "event_type": delivery.event.type,
            "attempt": delivery.attempt_count,
            "status": outcome.status_code,
            "error": outcome.error,
            "duration_ms": outcome.duration_ms,
            "succeeded": outcome.succeeded,
        },
    )


def _record(results: list[tuple[WebhookDelivery, Outcome, dt.datetime]], now: dt.datetime) -> None:
    """Record outcomes: every attempt, each delivery's next step, the endpoints' health.

    Successes — the common case — are written together; a failure gets its own
    retry time. Updates apply only while this dispatcher still holds the lease, so
    a slower one never overwrites a newer result.
    """
    for delivery, _, _ in results:
        delivery.attempt_count += 1
    WebhookAttempt.objects.bulk_create(
        WebhookAttempt(
            delivery=delivery,
            number=delivery.attempt_count,
            attempted_at=now,
            duration_ms=outcome.duration_ms,
            status_code=outcome.status_code,
            error=outcome.error,
            response_excerpt=outcome.excerpt,
        )
        for delivery, outcome, _ in results
    )
    succeeded: dict[tuple[int, dt.datetime], list[uuid.UUID]] = {}
    healthy, failing = set(), set()
    for delivery, outcome, lease in results:
        endpoint = delivery.endpoint
        if outcome.succeeded:
            assert outcome.status_code is not None
            succeeded.setdefault((outcome.status_code, lease), []).append(delivery.pk)
            healthy.add(endpoint.pk)
        else:
            update: dict[str, object] = {
                "attempt_count": delivery.attempt_count,
                "last_attempt_at": now,
                "last_status_code": outcome.status_code,
                "last_error": outcome.error,
                "locked_until": None,
            }
            if outcome.status_code == 410:
                update.update(state=DeliveryState.FAILED, next_attempt_at=None)
                _disable(endpoint, now, "The receiver answered 410 Gone: it no longer wants these webhooks.")
            else:
                next_at = _next_attempt(delivery, outcome, now)
                update.update(next_attempt_at=next_at)
                if next_at is None:
                    update.update(state=DeliveryState.FAILED, last_error=f"gave up after {len(SCHEDULE)} attempts")
                failing.add(endpoint.pk)
                failing_since = endpoint.failing_since or now
                if now - failing_since >= FAILING_LIMIT:
                    _disable(
                        endpoint, now, f"Every delivery failed from {failing_since:%Y-%m-%d %H:%M} UTC for five days."
                    )
            WebhookDelivery.objects.filter(pk=delivery.pk, locked_until=lease).update(**update)
        _log(delivery, outcome)
    for (status_code, lease), ids in succeeded.items():
        WebhookDelivery.objects.filter(pk__in=ids, locked_until=lease).update(
            state=DeliveryState.SUCCEEDED,
            succeeded_at=now,
            next_attempt_at=None,
            attempt_count=F("attempt_count") + 1,
            last_attempt_at=now,
            last_status_code=status_code,
            last_error="",
            locked_until=None,
        )
    if healthy:
        WebhookEndpoint.objects.filter(pk__in=healthy, failing_since__isnull=False).update(failing_since=None)
    if failing - healthy:
        WebhookEndpoint.objects.filter(pk__in=failing - healthy, failing_since__isnull=True).update(failing_since=now)


def _prepare(limit: int) -> list[Request]:
    """Claim up to ``limit`` due deliveries and build their signed requests."""
    now = timezone.now()
    lease = now + dt.timedelta(seconds=2 * settings.WEBHOOK_TIMEOUT_SECONDS + 30)
    ids = _claim(now, limit, lease)
    if not ids:
        return []
    requests = []
    for delivery in WebhookDelivery.objects.filter(id__in=ids).select_related("endpoint", "event"):
        body = body_of(delivery.event)
        headers = signed_headers(
            message_id=delivery.message_id, body=body, secrets=delivery.endpoint.signing_secrets(now), now=now
        )
        requests.append(Request(delivery.id, delivery.endpoint.url, headers, body.encode(), lease))
    return requests


def _finish(results: list[tuple[Request, Outcome]]) -> None:
    """Record finished requests in one transaction."""
    deliveries = WebhookDelivery.objects.select_related("endpoint", "event").in_bulk(
        [request.delivery_id for request, _ in results]
    )
    with transaction.atomic():
        _record([(deliveries[r.delivery_id], outcome, r.lease) for r, outcome in results], timezone.now())


async def _pump(*, resolver: Resolver, budget_seconds: float, fan_out: bool) -> DispatchReport:
    """Keep ``WEBHOOK_CONCURRENCY`` requests moving, claiming more as they finish.

    There is no batch to wait for, and a request that has been waiting longer
    than ``SLOW_AFTER`` stops counting against the concurrency: a receiver that
    hangs keeps its connection until its timeout, but the others go on being
    served (up to ``MAX_IN_FLIGHT_FACTOR`` times the concurrency in all). Claims
    stop once nothing is due or the budget is spent; what is in flight is then
    finished and recorded.
    """
    from webhooks.services.fanout import fanout_pending

    started = time.monotonic()
    report = DispatchReport()
    concurrency = settings.WEBHOOK_CONCURRENCY
    ceiling = concurrency * MAX_IN_FLIGHT_FACTOR
    refill_at = max(1, concurrency // 4)
    timeout = httpx.Timeout(settings.WEBHOOK_TIMEOUT_SECONDS, connect=settings.WEBHOOK_CONNECT_TIMEOUT_SECONDS)
    in_flight: dict[asyncio.Task[Outcome], tuple[Request, float, int]] = {}
    finished: list[tuple[Request, Outcome]] = []
    recorded_at = time.monotonic()
    drained = False
    async with AsyncExitStack() as stack:
        # Several small connection pools rather than one big one: httpcore's pool does work
        # proportional to its connections and queue for every request, which at a hundred
        # concurrent requests costs more than the requests themselves (see bench/README.md).
        pools: list[httpx.AsyncClient] = []
        load: list[int] = []

        async def pool_for_next() -> int:
            least = min(range(len(pools)), key=load.__getitem__, default=None)
            if least is None or load[least] >= POOL_SIZE:
                client = httpx.AsyncClient(
                    transport=GuardedTransport(resolver=resolver, max_connections=POOL_SIZE),
                    timeout=timeout,
                    follow_redirects=False,
                )
                pools.append(await stack.enter_async_context(client))
                load.append(0)
                least = len(pools) - 1
            load[least] += 1
            return least

        while True:
            now = time.monotonic()
            moving = sum(1 for _, since, _ in in_flight.values() if now - since < SLOW_AFTER)
            free = min(concurrency - moving, ceiling - len(in_flight))
            if not drained and (free >= refill_at or not in_flight):
                if now - started >= budget_seconds:
                    drained = True
                else:
                    claimed = await sync_to_async(_prepare)(min(free, settings.WEBHOOK_BATCH_SIZE))
                    if not claimed and fan_out and await sync_to_async(fanout_pending)():
                        claimed = await sync_to_async(_prepare)(min(free, settings.WEBHOOK_BATCH_SIZE))
                    drained = not claimed
                    for request in claimed:
                        pool = await pool_for_next()
                        task = asyncio.create_task(_send_one(pools[pool], request))
                        in_flight[task] = (request, time.monotonic(), pool)
            if not in_flight and not finished:
                return report
            # Wake up at least every SLOW_AFTER, to let slow requests stop counting.
            done, _ = await asyncio.wait(in_flight, timeout=SLOW_AFTER, return_when=asyncio.FIRST_COMPLETED)
            for task in done:
                request, _, pool = in_flight.pop(task)
                load[pool] -= 1
                finished.append((request, task.result()))
            # Record in groups: one transaction per few dozen outcomes, not one each.
            if finished and (
                len(finished) >= RECORD_BATCH
                or time.monotonic() - recorded_at >= RECORD_EVERY
                or not in_flight
                or drained
            ):
                await sync_to_async(_finish)(finished)
                report.sent += len(finished)
                report.succeeded += sum(outcome.succeeded for _, outcome in finished)
                report.failed += sum(not outcome.succeeded for _, outcome in finished)
                finished, recorded_at = [], time.monotonic()


def deliver_due(*, resolver: Resolver = system_resolver, budget_seconds: float = 50.0) -> DispatchReport:
    """Send every delivery due now, concurrently, recording each attempt as it ends."""
    return async_to_sync(_pump)(resolver=resolver, budget_seconds=budget_seconds, fan_out=False)


def webhooks_dispatch(*, budget_seconds: float = 50.0, resolver: Resolver = system_resolver) -> DispatchReport:
    """Fan out new events, then send what is due until nothing is or the budget is spent."""
    from webhooks.services.fanout import fanout_pending

    fanout_pending()
    return async_to_sync(_pump)(resolver=resolver, budget_seconds=budget_seconds, fan_out=True)
