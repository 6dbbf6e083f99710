"""Sending: keep ``WEBHOOK_CONCURRENCY`` requests moving, concurrently, over the guarded transport.

One slow or hanging receiver costs only its own timeout: a request
outstanding longer than ``SLOW_AFTER`` stops holding a slot. Claims and
outcomes go through :mod:`webhooks.services.deliveries`; redirects are not
followed, and no more than ``WEBHOOK_MAX_RESPONSE_BYTES`` of a response is read.
"""

from __future__ import annotations

import asyncio
import time
from contextlib import AsyncExitStack
from dataclasses import dataclass

import httpx
from asgiref.sync import sync_to_async
from django.conf import settings
from django.utils import timezone

from webhooks.services.deliveries import Outcome, Request, finish, prepare
from webhooks.services.fanout import fanout_pending
from webhooks.services.retries import THROTTLING, parse_retry_after
from webhooks.ssrf import Resolver
from webhooks.transport import GuardedTransport

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
class DispatchReport:
    """What one dispatcher run sent."""

    sent: int = 0
    succeeded: int = 0
    failed: int = 0


async def send_one(client: httpx.AsyncClient, request: Request) -> Outcome:
    """POST one request and read (a capped part of) the answer; never raises for the network's failures."""
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
                if rsp.status_code in THROTTLING:
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


async def pump(*, resolver: Resolver, budget_seconds: float) -> DispatchReport:
    """Keep ``WEBHOOK_CONCURRENCY`` requests moving, claiming more as they finish.

    There is no batch to wait for, and a request that has been waiting longer
    than ``SLOW_AFTER`` stops counting against the concurrency: a receiver that
    hangs keeps its connection until its timeout, but the others go on being
    served (up to ``MAX_IN_FLIGHT_FACTOR`` times the concurrency in all). Claims
    stop once nothing is due or the budget is spent; what is in flight is then
    finished and recorded.
    """
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
        # concurrent requests costs more than the requests themselves (see bench/README.md). A pool is
        # cheap to open: they all share the process's one TLS context (webhooks/transport.py).
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
                    claimed = await sync_to_async(prepare)(min(free, settings.WEBHOOK_BATCH_SIZE))
                    if not claimed and await sync_to_async(fanout_pending)():
                        claimed = await sync_to_async(prepare)(min(free, settings.WEBHOOK_BATCH_SIZE))
                    drained = not claimed
                    for request in claimed:
                        pool = await pool_for_next()
                        task = asyncio.create_task(send_one(pools[pool], request))
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
                await sync_to_async(finish)(finished)
                report.sent += len(finished)
                report.succeeded += sum(outcome.succeeded for _, outcome in finished)
                report.failed += sum(not outcome.succeeded for _, outcome in finished)
                finished, recorded_at = [], time.monotonic()
