"""The database side of delivery: lease what is due, sign it, record what came back.

A dispatcher claims a batch of due deliveries with a lease (``locked_until``),
in a conditional UPDATE (``SKIP LOCKED`` on PostgreSQL). Outcomes are written
only while the dispatcher still holds the lease, so a slower one never
overwrites a newer result; one that dies lets its leases lapse, and the next
sends again, with the same ``webhook-id``.

Only a 2xx counts. 410 Gone disables the endpoint; anything else is retried
on the schedule in :mod:`webhooks.services.retries`, and an endpoint failing
continuously for five days is disabled, with the reason recorded for its owner.
429, 502, 503 and 504 also rest the endpoint (``throttled_until``): the claim
passes over its deliveries until then — they are not attempted, so their
attempt counts and schedules are untouched — and takes other endpoints' instead.
"""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.db import connection, transaction
from django.db.models import DateTimeField, F, Q, Value
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone

from webhooks.models import DeliveryState, WebhookAttempt, WebhookDelivery, WebhookEndpoint
from webhooks.services.retries import FAILING_LIMIT, SCHEDULE, THROTTLING, endpoint_pause, next_attempt_at
from webhooks.signing import body_of, signed_headers

logger = logging.getLogger("webhooks.delivery")

# Where an endpoint's throttle streak stops counting (it fits the column; the pause stopped growing long before).
MAX_STREAK = 1000


@dataclass
class Request:
    """One signed POST, ready to send, and the lease under which it was claimed."""

    delivery_id: uuid.UUID | None
    url: str
    headers: dict[str, str]
    body: bytes
    lease: dt.datetime | None = None


@dataclass
class Outcome:
    """What came back from one attempt."""

    status_code: int | None = None
    error: str = ""
    excerpt: str = ""
    duration_ms: int = 0
    retry_after: dt.timedelta | None = None

    @property
    def succeeded(self) -> bool:
        return self.status_code is not None and 200 <= self.status_code < 300


def claim(now: dt.datetime, limit: int, lease_until: dt.datetime) -> list[uuid.UUID]:
    """Lease up to ``limit`` due deliveries of active endpoints that are not resting; return their ids."""
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
        # An endpoint that asked us to slow down is passed over, not its deliveries' attempts spent.
        f"AND (e.throttled_until IS NULL OR e.throttled_until <= %s) "
        f"ORDER BY CASE WHEN e.failing_since IS NULL THEN 0 ELSE 1 END, d.next_attempt_at LIMIT %s{skip_locked}) "
        f"UPDATE {deliveries} SET locked_until = %s FROM due "
        f"WHERE {deliveries}.id = due.due_id AND {deliveries}.state = %s RETURNING {deliveries}.id"
    )
    params = [
        DeliveryState.PENDING,
        stamp,
        stamp,
        False,
        stamp,
        limit,
        field.get_db_prep_value(lease_until, connection),
        DeliveryState.PENDING,
    ]
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [value if isinstance(value, uuid.UUID) else uuid.UUID(str(value)) for (value,) in cursor.fetchall()]


def prepare(limit: int) -> list[Request]:
    """Claim up to ``limit`` due deliveries and build their signed requests."""
    now = timezone.now()
    lease = now + dt.timedelta(seconds=2 * settings.WEBHOOK_TIMEOUT_SECONDS + 30)
    ids = claim(now, limit, lease)
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


def _record(results: list[tuple[WebhookDelivery, Outcome, dt.datetime | None]], now: dt.datetime) -> None:
    """Record outcomes: every attempt, each delivery's next step, the endpoints' health.

    Successes — the common case — are written together; a failure gets its own
    retry time. Updates apply only while this dispatcher still holds the lease.
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
    succeeded: dict[tuple[int, dt.datetime | None], list[uuid.UUID]] = {}
    healthy = {delivery.endpoint_id for delivery, outcome, _ in results if outcome.succeeded}
    failing: set[uuid.UUID] = set()
    # Endpoints that asked us to slow down: their new streak, and the longest rest any answer asked for.
    throttled: dict[uuid.UUID, tuple[int, dt.timedelta]] = {}
    for delivery, outcome, lease in results:
        endpoint = delivery.endpoint
        if outcome.succeeded:
            assert outcome.status_code is not None
            succeeded.setdefault((outcome.status_code, lease), []).append(delivery.pk)
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
                # Attempts in this schedule, this one included (a redelivery starts a new one).
                made = delivery.attempt_count - delivery.retry_base
                wait = outcome.retry_after
                if outcome.status_code in THROTTLING:
                    # A receiver that also served some of this batch is coping: its streak starts over.
                    streak = 1 if endpoint.pk in healthy else min(endpoint.throttle_streak + 1, MAX_STREAK)
                    wait = endpoint_pause(streak=streak, retry_after=outcome.retry_after)
                    longest = max(wait, throttled[endpoint.pk][1]) if endpoint.pk in throttled else wait
                    throttled[endpoint.pk] = (streak, longest)
                next_at = next_attempt_at(attempts_made=made, retry_after=wait, now=now)
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
        WebhookEndpoint.objects.filter(pk__in=healthy).filter(
            Q(failing_since__isnull=False) | Q(throttle_streak__gt=0)
        ).update(failing_since=None, throttle_streak=0)
    if failing - healthy:
        WebhookEndpoint.objects.filter(pk__in=failing - healthy, failing_since__isnull=True).update(failing_since=now)
    for endpoint_id, (streak, pause) in throttled.items():
        until = Value(now + pause, output_field=DateTimeField())
        # Never shortened: a success does not lift it (requests sent before the rest began may still
        # succeed), and another dispatcher may meanwhile have recorded a longer one.
        WebhookEndpoint.objects.filter(pk=endpoint_id).update(
            throttled_until=Greatest(Coalesce("throttled_until", until), until), throttle_streak=streak
        )


def finish(results: list[tuple[Request, Outcome]]) -> None:
    """Record finished requests in one transaction."""
    deliveries = WebhookDelivery.objects.select_related("endpoint", "event").in_bulk(
        [request.delivery_id for request, _ in results]
    )
    with transaction.atomic():
        _record([(deliveries[r.delivery_id], outcome, r.lease) for r, outcome in results], timezone.now())
