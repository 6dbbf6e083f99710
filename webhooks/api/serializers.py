"""What subscribers send and see. A secret appears only in the create and rotate replies."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from agreements.models import Actor, Agreement
from utilities.api.schema import described
from utilities.api.strict import StrictTypes
from webhooks.models import SUBSCRIBABLE, EndpointStatus, WebhookAttempt, WebhookDelivery, WebhookEndpoint
from webhooks.services.endpoints import endpoint_create, endpoint_update


class FiltersSerializer(serializers.Serializer):
    """Which events the endpoint hears of, besides their types: only those about this agreement,
    involving this actor, or in this country. Each filter given must match; none given, all do."""

    agreement = serializers.PrimaryKeyRelatedField(
        queryset=Agreement.objects.all(),
        required=False,
        allow_null=True,
        source="filter_agreement",
        help_text="Only events about the agreement with this id; null for any.",
    )
    actor = serializers.PrimaryKeyRelatedField(
        queryset=Actor.objects.all(),
        required=False,
        allow_null=True,
        source="filter_actor",
        help_text="Only events involving the actor with this id (a party to the agreement, or bound by the "
        "commitment); null for any.",
    )
    country = serializers.CharField(
        required=False,
        allow_null=True,
        allow_blank=True,
        max_length=2,
        source="filter_country",
        help_text="Only events about agreements concerning this country, an ISO 3166-1 alpha-2 code such as "
        "`LY`; null for any (an empty string, sent, means null too).",
    )

    def validate_country(self, value: str | None) -> str:
        # Stored as "" for any country: what is shown as null may be sent back as null.
        return value or ""

    def to_representation(self, instance: WebhookEndpoint) -> dict[str, Any]:
        return {
            "agreement": instance.filter_agreement_id,
            "actor": instance.filter_actor_id,
            "country": instance.filter_country or None,
        }


class WebhookEndpointSerializer(StrictTypes, serializers.ModelSerializer):
    """A webhook subscription of yours: where the tracker POSTs, what it tells you of, and how delivery
    is going. Messages are signed per the Standard Webhooks spec (`webhook-id`, `webhook-timestamp`,
    `webhook-signature` headers) with the secret shown when you registered."""

    api_url = serializers.HyperlinkedIdentityField(
        view_name="api:webhook-detail", help_text="This subscription's URL in the API."
    )
    url = serializers.URLField(
        max_length=2000,
        help_text="Where to POST: http or https, on a public address (checked when registered and again at "
        "every connection). Redirects are not followed.",
    )
    event_types = serializers.ListField(
        child=serializers.ChoiceField(choices=SUBSCRIBABLE),
        allow_empty=False,
        help_text="What to hear of, e.g. `deadline.passed`, `deadline.approaching`, `commitment.status_changed`. "
        "`webhook.ping` always comes.",
    )
    filters = FiltersSerializer(source="*", required=False, help_text="Only events about these; none: all of them.")
    status = serializers.ChoiceField(
        choices=EndpointStatus.choices,
        read_only=True,
        help_text="`active`; `paused` by you; or `disabled` by the service — after a 410 Gone or five days of "
        "failed deliveries (`disabled_reason` says which). Resume either with `paused: false`.",
    )
    paused = serializers.BooleanField(
        required=False,
        help_text="True pauses it: events that happen while it is paused or disabled are not sent to it (the "
        "timeline, `/api/v1/events/`, has them all). False resumes, and re-enables an endpoint the service "
        "disabled.",
    )
    read_only_hints = {
        "status": 'set paused instead: {"paused": true} pauses it, {"paused": false} resumes it (and re-enables '
        "a disabled one).",
        "secret": "it is made for you and shown once; for a new one, use POST /api/v1/webhooks/{id}/rotate-secret/.",
    }

    class Meta:
        model = WebhookEndpoint
        fields = [
            "id",
            "api_url",
            "url",
            "description",
            "event_types",
            "filters",
            "status",
            "paused",
            "disabled_at",
            "disabled_reason",
            "failing_since",
            "throttled_until",
            "created_at",
            "updated_at",
        ]
        extra_kwargs = described(
            {
                "id": "The subscription's id (a UUID).",
                "description": "What it is for, in your words, e.g. `Libya desk`; may be empty.",
                "disabled_at": "When the service disabled it (ISO 8601 in UTC); null unless `status` is `disabled`.",
                "disabled_reason": "Why the service disabled it, in words; empty unless disabled.",
                "failing_since": "Since when every delivery has failed (ISO 8601 in UTC); null while deliveries "
                "succeed. Five days of failures disable the endpoint.",
                "throttled_until": "It answered 429, 502, 503 or 504: nothing is sent to it before this moment "
                "(ISO 8601 in UTC). Null when not resting.",
                "created_at": "When it was registered (ISO 8601 in UTC).",
                "updated_at": "When it last changed (ISO 8601 in UTC).",
            }
        )
        read_only_fields = [
            "disabled_at",
            "disabled_reason",
            "failing_since",
            "throttled_until",
            "created_at",
            "updated_at",
        ]

    def create(self, validated_data: dict[str, Any]) -> WebhookEndpoint:
        endpoint, secret = endpoint_create(owner=self.context["request"].user, **validated_data)
        endpoint.shown_secret = secret  # type: ignore[attr-defined]
        return endpoint

    def update(self, instance: WebhookEndpoint, validated_data: dict[str, Any]) -> WebhookEndpoint:
        return endpoint_update(endpoint=instance, changes=validated_data)


class WebhookEndpointWithSecretSerializer(WebhookEndpointSerializer):
    """The reply to a registration: the one time the secret is shown."""

    secret = serializers.SerializerMethodField(
        help_text="The signing secret, `whsec_…`: keep it, it is not shown again. Verify each message's "
        "`webhook-signature` with it (e.g. the `standardwebhooks` package)."
    )

    class Meta(WebhookEndpointSerializer.Meta):
        fields = [*WebhookEndpointSerializer.Meta.fields, "secret"]

    def get_secret(self, endpoint: WebhookEndpoint) -> str:
        return endpoint.shown_secret  # type: ignore[attr-defined]


class SecretSerializer(serializers.Serializer):
    """A new signing secret. Until `previous_expires_at` every message carries two signatures, by the old
    secret and the new, so a receiver can switch over without losing messages."""

    secret = serializers.CharField(
        help_text="The new `whsec_…` secret: keep it, it is not shown again. The old one signs too until "
        "`previous_expires_at`."
    )
    previous_expires_at = serializers.DateTimeField(
        help_text="When the old secret stops signing (ISO 8601 in UTC; 24 hours from now by default)."
    )


class WebhookAttemptSerializer(serializers.ModelSerializer):
    """One HTTP attempt of a delivery: when, how long it took, and what came back."""

    class Meta:
        model = WebhookAttempt
        fields = ["number", "attempted_at", "duration_ms", "status_code", "error", "response_excerpt"]
        extra_kwargs = described(
            {
                "number": "1 for the first attempt, 2 for the second, and so on (redeliveries count on).",
                "attempted_at": "When it was sent (ISO 8601 in UTC).",
                "duration_ms": "How long until the answer (or the failure), in milliseconds.",
                "status_code": "The HTTP status your receiver answered; null when none came (see `error`).",
                "error": "What went wrong without an answer — a timeout, a refused connection, an address "
                "refused as not public — or a redirect not followed; empty otherwise.",
                "response_excerpt": "The first bytes (up to 1 KiB) of your receiver's answer.",
            }
        )


class WebhookDeliverySerializer(serializers.ModelSerializer):
    """One event sent to one endpoint, with every attempt. Tried at once, then after 5 s, 5 min, 30 min, 2 h,
    5 h, 10 h, 10 h, 20 h and 24 h (each ±10 %) until a 2xx answer; then given up (`failed`)."""

    id = serializers.CharField(
        source="message_id",
        read_only=True,
        help_text="The message id, `msg_…`: the `webhook-id` header, the same on every attempt and redelivery "
        "(de-duplicate on it).",
    )
    event_id = serializers.IntegerField(read_only=True, help_text="The id of the event sent (`/api/v1/events/{id}/`).")
    event_type = serializers.CharField(source="event.type", read_only=True, help_text="The type of the event sent.")
    attempts = WebhookAttemptSerializer(many=True, read_only=True, help_text="Every attempt, first to last.")

    class Meta:
        model = WebhookDelivery
        fields = [
            "id",
            "event_id",
            "event_type",
            "state",
            "attempt_count",
            "next_attempt_at",
            "last_attempt_at",
            "last_status_code",
            "last_error",
            "succeeded_at",
            "created_at",
            "attempts",
        ]
        extra_kwargs = described(
            {
                "state": "`pending` (still to be sent or retried), `succeeded` (a 2xx came back) or `failed` "
                "(given up: every attempt failed, or the receiver answered 410 Gone).",
                "attempt_count": "How many attempts were made.",
                "next_attempt_at": "When it is tried next (ISO 8601 in UTC); null once it succeeded or failed.",
                "last_attempt_at": "When it was last tried (ISO 8601 in UTC); null before the first attempt.",
                "last_status_code": "The HTTP status of the last answer; null when none came.",
                "last_error": "What went wrong at the last attempt; empty after a success.",
                "succeeded_at": "When a 2xx came back (ISO 8601 in UTC); null until then.",
                "created_at": "When the delivery was queued (ISO 8601 in UTC).",
            }
        )
