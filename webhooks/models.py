"""Webhook endpoints, one delivery per event and endpoint, and every attempt."""

from __future__ import annotations

import datetime as dt
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q

from agreements.choices import EventType
from webhooks import secrets

# What an endpoint may subscribe to; ``webhook.ping`` always comes.
SUBSCRIBABLE = [t for t in EventType.values if t != EventType.WEBHOOK_PING]


class EndpointStatus(models.TextChoices):
    ACTIVE = "active", "Active"
    PAUSED = "paused", "Paused by its owner"
    DISABLED = "disabled", "Disabled by the service"


class DeliveryState(models.TextChoices):
    PENDING = "pending", "Pending"
    SUCCEEDED = "succeeded", "Succeeded"
    FAILED = "failed", "Failed (retries exhausted)"


class WebhookEndpoint(models.Model):
    """A subscriber's URL, what it wants to hear of, and the secret its messages are signed with.

    The secret is stored encrypted and shown only at creation and rotation.
    During a rotation window the previous secret signs too, so a receiver can
    switch over without losing messages. The service disables an endpoint that
    answers 410 Gone or has failed continuously for five days, and says why.

    An endpoint that asks the sender to slow down (429, 502, 503, 504) rests until
    ``throttled_until``: none of its deliveries is claimed before then, while other
    endpoints' go on. Its deliveries keep their schedule and their attempt counts —
    an attempt not made is not counted — and go once the rest is over.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="webhook_endpoints")
    url = models.URLField(max_length=2000)
    description = models.CharField(max_length=500, blank=True)
    event_types = models.JSONField(default=list)
    filter_agreement = models.ForeignKey(
        "agreements.Agreement", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    filter_actor = models.ForeignKey(
        "agreements.Actor", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    filter_country = models.CharField(max_length=2, blank=True)
    paused = models.BooleanField(default=False)
    disabled_at = models.DateTimeField(null=True, blank=True)
    disabled_reason = models.CharField(max_length=500, blank=True)
    failing_since = models.DateTimeField(null=True, blank=True)
    throttled_until = models.DateTimeField(
        null=True, blank=True, help_text="It answered 429, 502, 503 or 504: nothing is sent to it before then."
    )
    # Consecutive throttling answers; without a Retry-After the rest doubles with each, and a 2xx resets it.
    throttle_streak = models.PositiveSmallIntegerField(default=0)
    secret_encrypted = models.TextField(editable=False)
    previous_secret_encrypted = models.TextField(blank=True, editable=False)
    previous_secret_expires_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["owner", "created_at"])]

    def __str__(self) -> str:
        return self.url

    @property
    def status(self) -> str:
        if self.disabled_at is not None:
            return EndpointStatus.DISABLED
        return EndpointStatus.PAUSED if self.paused else EndpointStatus.ACTIVE

    @property
    def secret(self) -> str:
        return secrets.decrypt(self.secret_encrypted)

    @secret.setter
    def secret(self, value: str) -> None:
        self.secret_encrypted = secrets.encrypt(value)

    def signing_secrets(self, now: dt.datetime) -> list[str]:
        """The current secret, and the previous one while its rotation window lasts."""
        keys = [self.secret]
        if self.previous_secret_encrypted and self.previous_secret_expires_at and now < self.previous_secret_expires_at:
            keys.append(secrets.decrypt(self.previous_secret_encrypted))
        return keys


class WebhookDelivery(models.Model):
    """One event to one endpoint. Its id is the message id (``webhook-id``): the same
    on every retry and redelivery, so receivers can de-duplicate.

    ``next_attempt_at`` says when it is due — the retry schedule lives here, in the
    database, not in broker countdowns. ``locked_until`` is the lease a dispatcher
    holds while it sends; a dispatcher that dies lets it lapse and another retries.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    endpoint = models.ForeignKey(WebhookEndpoint, on_delete=models.CASCADE, related_name="deliveries")
    event = models.ForeignKey("agreements.Event", on_delete=models.CASCADE, related_name="deliveries")
    state = models.CharField(max_length=12, choices=DeliveryState.choices, default=DeliveryState.PENDING)
    attempt_count = models.PositiveSmallIntegerField(default=0)
    # attempt_count when the current retry schedule began (a redelivery starts a new one).
    retry_base = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    locked_until = models.DateTimeField(null=True, blank=True)
    last_attempt_at = models.DateTimeField(null=True, blank=True)
    last_status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    last_error = models.CharField(max_length=500, blank=True)
    succeeded_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "id"]
        constraints = [models.UniqueConstraint(fields=["endpoint", "event"], name="delivery_once_per_endpoint")]
        indexes = [
            models.Index(fields=["next_attempt_at"], condition=Q(state=DeliveryState.PENDING), name="delivery_due"),
            models.Index(fields=["endpoint", "-created_at"], name="delivery_log"),
        ]
        verbose_name_plural = "webhook deliveries"

    def __str__(self) -> str:
        return f"{self.message_id} ({self.state})"

    @property
    def message_id(self) -> str:
        return f"msg_{self.id.hex}"


class WebhookAttempt(models.Model):
    """One HTTP attempt of a delivery: when, how long, what came back."""

    delivery = models.ForeignKey(WebhookDelivery, on_delete=models.CASCADE, related_name="attempts")
    number = models.PositiveSmallIntegerField()
    attempted_at = models.DateTimeField()
    duration_ms = models.PositiveIntegerField()
    status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    error = models.CharField(max_length=500, blank=True)
    response_excerpt = models.TextField(blank=True, help_text="The first bytes of the response body.")

    class Meta:
        ordering = ["delivery_id", "number"]
        indexes = [models.Index(fields=["delivery", "number"])]

    def __str__(self) -> str:
        return f"attempt {self.number}: {self.status_code or self.error}"

    @property
    def succeeded(self) -> bool:
        return self.status_code is not None and 200 <= self.status_code < 300
