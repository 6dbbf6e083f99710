"""What subscribers send and see. A secret appears only in the create and rotate replies."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from agreements.models import Actor, Agreement
from utilities.api.strict import StrictTypes
from webhooks.models import SUBSCRIBABLE, EndpointStatus, WebhookAttempt, WebhookDelivery, WebhookEndpoint
from webhooks.services.endpoints import endpoint_create, endpoint_update


class FiltersSerializer(serializers.Serializer):
    """Only events about this agreement, involving this actor, or in this country."""

    agreement = serializers.PrimaryKeyRelatedField(
        queryset=Agreement.objects.all(), required=False, allow_null=True, source="filter_agreement"
    )
    actor = serializers.PrimaryKeyRelatedField(
        queryset=Actor.objects.all(), required=False, allow_null=True, source="filter_actor"
    )
    country = serializers.CharField(
        required=False, allow_blank=True, max_length=2, source="filter_country", help_text="ISO 3166-1 alpha-2."
    )

    def to_representation(self, instance: WebhookEndpoint) -> dict[str, Any]:
        return {
            "agreement": instance.filter_agreement_id,
            "actor": instance.filter_actor_id,
            "country": instance.filter_country or None,
        }


class WebhookEndpointSerializer(StrictTypes, serializers.ModelSerializer):
    api_url = serializers.HyperlinkedIdentityField(view_name="api:webhook-detail", help_text="This subscription.")
    url = serializers.URLField(max_length=2000, help_text="Where to POST: http(s), a public address.")
    event_types = serializers.ListField(
        child=serializers.ChoiceField(choices=SUBSCRIBABLE),
        allow_empty=False,
        help_text="What to hear of. webhook.ping always comes.",
    )
    filters = FiltersSerializer(source="*", required=False)
    status = serializers.ChoiceField(choices=EndpointStatus.choices, read_only=True)
    paused = serializers.BooleanField(required=False, help_text="Pause or resume; resuming re-enables a disabled one.")
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

    secret = serializers.SerializerMethodField(help_text="whsec_…: keep it; it is not shown again.")

    class Meta(WebhookEndpointSerializer.Meta):
        fields = [*WebhookEndpointSerializer.Meta.fields, "secret"]

    def get_secret(self, endpoint: WebhookEndpoint) -> str:
        return endpoint.shown_secret  # type: ignore[attr-defined]


class SecretSerializer(serializers.Serializer):
    secret = serializers.CharField(help_text="The new whsec_… secret; the old one signs too until previous_expires_at.")
    previous_expires_at = serializers.DateTimeField()


class WebhookAttemptSerializer(serializers.ModelSerializer):
    class Meta:
        model = WebhookAttempt
        fields = ["number", "attempted_at", "duration_ms", "status_code", "error", "response_excerpt"]


class WebhookDeliverySerializer(serializers.ModelSerializer):
    id = serializers.CharField(source="message_id", read_only=True, help_text="The webhook-id header value.")
    event_id = serializers.IntegerField(read_only=True)
    event_type = serializers.CharField(source="event.type", read_only=True)
    attempts = WebhookAttemptSerializer(many=True, read_only=True)

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
