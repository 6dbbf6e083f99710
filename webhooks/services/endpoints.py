"""Subscribers' endpoints: register, change, pause, rotate the secret, ping, redeliver."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from agreements.choices import EventType
from agreements.countries import is_country_code
from agreements.models import Event
from agreements.services.events import events_record
from utilities.services import UserLike, apply_changes, author
from webhooks import secrets
from webhooks.models import SUBSCRIBABLE, DeliveryState, WebhookDelivery, WebhookEndpoint
from webhooks.services.dispatch import nudge_dispatch
from webhooks.ssrf import Resolver, UnsafeURL, check_url, system_resolver

ENDPOINT_FIELDS = ("url", "description", "event_types", "filter_agreement", "filter_actor", "filter_country", "paused")


def _validate(endpoint: WebhookEndpoint, resolver: Resolver, url_changed: bool) -> None:
    errors: dict[str, str] = {}
    if url_changed:
        try:
            check_url(endpoint.url, resolver)
        except UnsafeURL as exc:
            errors["url"] = f"This URL cannot receive webhooks: {exc}."
    types = endpoint.event_types
    if not isinstance(types, list) or not types or not all(isinstance(t, str) for t in types):
        errors["event_types"] = f"Choose at least one of: {', '.join(SUBSCRIBABLE)}."
    elif unknown := sorted(set(types) - set(SUBSCRIBABLE)):
        errors["event_types"] = f"Unknown event types {', '.join(unknown)}; choose from {', '.join(SUBSCRIBABLE)}."
    elif len(set(types)) != len(types):
        errors["event_types"] = "An event type is listed twice."
    if endpoint.filter_country and not is_country_code(endpoint.filter_country):
        errors["filter_country"] = f"{endpoint.filter_country!r} is not an ISO 3166-1 alpha-2 country code."
    if errors:
        raise ValidationError(errors)
    endpoint.full_clean(exclude=["url", "event_types", "secret_encrypted", "owner"])


@transaction.atomic
def endpoint_create(
    *, owner: UserLike, resolver: Resolver = system_resolver, **fields: Any
) -> tuple[WebhookEndpoint, str]:
    """Register an endpoint; returns it with its secret, which is never shown again."""
    endpoint = WebhookEndpoint(owner=author(owner))
    apply_changes(endpoint, fields, allowed=ENDPOINT_FIELDS)
    _validate(endpoint, resolver, url_changed=True)
    secret = secrets.new_secret()
    endpoint.secret = secret
    endpoint.save()
    return endpoint, secret


@transaction.atomic
def endpoint_update(
    *, endpoint: WebhookEndpoint, changes: Mapping[str, Any], resolver: Resolver = system_resolver
) -> WebhookEndpoint:
    """Change an endpoint. Unpausing one the service disabled enables it again.

    A new URL, or enabling it again, also ends a rest its receiver asked for: that
    receiver's ``Retry-After`` does not speak for the new one, nor for the owner.
    """
    changed = apply_changes(endpoint, changes, allowed=ENDPOINT_FIELDS)
    _validate(endpoint, resolver, url_changed="url" in changed)
    if changes.get("paused") is False and endpoint.disabled_at is not None:
        endpoint.disabled_at, endpoint.disabled_reason, endpoint.failing_since = None, "", None
        endpoint.throttled_until, endpoint.throttle_streak = None, 0
    if "url" in changed:
        endpoint.throttled_until, endpoint.throttle_streak = None, 0
    endpoint.save()
    return endpoint


@transaction.atomic
def endpoint_rotate_secret(*, endpoint: WebhookEndpoint, now: dt.datetime | None = None) -> str:
    """A new secret; the old one keeps signing for ``WEBHOOK_SECRET_ROTATION_HOURS``.

    ``endpoint`` is updated in place (its expiry of the previous secret included).
    """
    now = now or timezone.now()
    locked = WebhookEndpoint.objects.select_for_update().only("secret_encrypted").get(pk=endpoint.pk)
    secret = secrets.new_secret()
    endpoint.previous_secret_encrypted = locked.secret_encrypted
    endpoint.previous_secret_expires_at = now + dt.timedelta(hours=settings.WEBHOOK_SECRET_ROTATION_HOURS)
    endpoint.secret = secret
    endpoint.save(update_fields=["secret_encrypted", "previous_secret_encrypted", "previous_secret_expires_at"])
    return secret


@transaction.atomic
def endpoint_delete(*, endpoint: WebhookEndpoint) -> None:
    """Delete an endpoint and its delivery log."""
    endpoint.delete()


@transaction.atomic
def endpoint_ping(*, endpoint: WebhookEndpoint, now: dt.datetime | None = None) -> WebhookDelivery:
    """Send ``webhook.ping`` to this endpoint alone, whatever it subscribes to."""
    now = now or timezone.now()
    (event,) = events_record(
        [
            Event(
                type=EventType.WEBHOOK_PING,
                occurred_at=now,
                happened_at=now,
                data={
                    "endpoint": {"id": str(endpoint.pk), "url": endpoint.url},
                    "message": "Ping from Ceasefire Tracker.",
                },
                # Addressed to one endpoint: nothing to fan out.
                fanned_out_at=now,
            )
        ]
    )
    return WebhookDelivery.objects.create(endpoint=endpoint, event=event, next_attempt_at=now)


@transaction.atomic
def delivery_redeliver(*, delivery: WebhookDelivery, now: dt.datetime | None = None) -> WebhookDelivery:
    """Send a delivery again, now, with the same message id; a fresh retry schedule follows."""
    now = now or timezone.now()
    delivery = WebhookDelivery.objects.select_for_update().get(pk=delivery.pk)
    if delivery.state == DeliveryState.PENDING and delivery.locked_until and delivery.locked_until > now:
        raise ValidationError({"delivery": "It is being sent right now."})
    delivery.state = DeliveryState.PENDING
    delivery.next_attempt_at = now
    delivery.retry_base = delivery.attempt_count
    delivery.locked_until = None
    delivery.save(update_fields=["state", "next_attempt_at", "retry_base", "locked_until"])
    transaction.on_commit(nudge_dispatch, robust=True)
    return delivery
