"""Endpoints and the delivery log, for editors to look after subscribers. Secrets never appear."""

from __future__ import annotations

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from utilities.admin import ReadOnlyAdmin, ReadOnlyInline, act_on_each, related_column
from webhooks.models import WebhookAttempt, WebhookDelivery, WebhookEndpoint
from webhooks.services.endpoints import delivery_redeliver


@admin.register(WebhookEndpoint)
class WebhookEndpointAdmin(ReadOnlyAdmin):
    list_display = ("url", related_column("owner"), "status", "types", "failing_since", "disabled_reason", "created_at")
    list_filter = ("paused", "disabled_at")
    list_select_related = ("owner",)
    search_fields = ("url", "description", "owner__username")
    fields = (
        "id",
        "owner",
        "url",
        "description",
        "event_types",
        "filter_agreement",
        "filter_actor",
        "filter_country",
        "status",
        "paused",
        "disabled_at",
        "disabled_reason",
        "failing_since",
        "throttled_until",
        "throttle_streak",
        "previous_secret_expires_at",
        "created_at",
        "updated_at",
    )
    readonly_fields = fields

    @admin.display(description="Event types")
    def types(self, endpoint: WebhookEndpoint) -> str:
        return ", ".join(endpoint.event_types)


class AttemptInline(ReadOnlyInline):
    model = WebhookAttempt
    fields = ("number", "attempted_at", "status_code", "duration_ms", "error", "response_excerpt")
    readonly_fields = fields
    show_change_link = False


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(ReadOnlyAdmin):
    list_display = (
        "message_id",
        related_column("endpoint"),
        related_column("event"),
        "state",
        "attempt_count",
        "last_status_code",
        "next_attempt_at",
    )
    list_filter = ("state",)
    list_select_related = ("endpoint", "event")
    search_fields = ("endpoint__url",)
    fields = (
        "endpoint",
        "event",
        "state",
        "attempt_count",
        "next_attempt_at",
        "last_attempt_at",
        "last_status_code",
        "last_error",
        "succeeded_at",
        "created_at",
    )
    readonly_fields = fields
    inlines = (AttemptInline,)
    actions = ("redeliver",)

    def has_redeliver_permission(self, request: HttpRequest) -> bool:
        return request.user.is_superuser

    @admin.action(description="Send again (same webhook-id)", permissions=["redeliver"])
    def redeliver(self, request: HttpRequest, queryset: QuerySet) -> None:
        act_on_each(
            self,
            request,
            queryset.select_related("endpoint"),
            lambda delivery: delivery_redeliver(delivery=delivery),
            name=lambda delivery: f"{delivery.message_id} to {delivery.endpoint.url}",
            done="{} delivery(ies) queued again.",
        )
