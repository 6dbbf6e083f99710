"""/api/v1/webhooks/: a user's own endpoints; anyone else's are simply not there (404)."""

from __future__ import annotations

import uuid
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import permissions, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.serializers import BaseSerializer

from utilities.api.parameters import KnownQueryParameters
from utilities.api.views import AtomicWrites
from utilities.services import author
from webhooks.models import WebhookAttempt, WebhookDelivery, WebhookEndpoint
from webhooks.services.endpoints import delivery_redeliver, endpoint_delete, endpoint_ping, endpoint_rotate_secret

from . import serializers

DELIVERY_ID = OpenApiParameter(
    "delivery_id", OpenApiTypes.STR, OpenApiParameter.PATH, description="A delivery id (msg_…)."
)


@extend_schema_view(
    list=extend_schema(
        responses={
            200: OpenApiResponse(
                serializers.WebhookEndpointSerializer,
                description="A page of your webhook subscriptions (nobody else's), oldest first.",
            )
        }
    ),
    create=extend_schema(
        responses={
            201: OpenApiResponse(
                serializers.WebhookEndpointWithSecretSerializer,
                description="The subscription, with its signing `secret` — shown this once. A `webhook.ping` is "
                "on its way to the URL.",
            )
        }
    ),
    retrieve=extend_schema(
        responses={
            200: OpenApiResponse(
                serializers.WebhookEndpointSerializer,
                description="Your subscription, and how delivery to it is going.",
            )
        }
    ),
    update=extend_schema(
        responses={
            200: OpenApiResponse(
                serializers.WebhookEndpointSerializer, description="The subscription as it now stands."
            )
        }
    ),
    partial_update=extend_schema(
        responses={
            200: OpenApiResponse(
                serializers.WebhookEndpointSerializer, description="The subscription as it now stands."
            )
        }
    ),
    destroy=extend_schema(
        responses={204: OpenApiResponse(description="Unsubscribed; its delivery log is deleted with it.")}
    ),
)
class WebhookEndpointViewSet(KnownQueryParameters, AtomicWrites, viewsets.ModelViewSet):
    """Your webhook subscriptions. Register one to receive signed events — `deadline.passed`,
    `deadline.approaching`, `commitment.status_changed` and the others listed under *Webhooks* —
    per the Standard Webhooks spec. Nobody else's subscriptions are visible to you (404)."""

    permission_classes = [permissions.IsAuthenticated]
    model_field_names = {
        "filter_agreement": "filters.agreement",
        "filter_actor": "filters.actor",
        "filter_country": "filters.country",
    }
    filter_backends: list[Any] = []
    paged_actions = frozenset({"deliveries"})

    def get_queryset(self) -> QuerySet[WebhookEndpoint]:
        if getattr(self, "swagger_fake_view", False):
            return WebhookEndpoint.objects.none()
        return WebhookEndpoint.objects.filter(owner=author(self.request.user))

    def get_serializer_class(self) -> type[BaseSerializer]:
        if self.action == "deliveries":
            return serializers.WebhookDeliverySerializer
        return serializers.WebhookEndpointSerializer

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        endpoint = serializer.save()
        endpoint_ping(endpoint=endpoint)  # "at once": the receiver hears from us straight away
        output = serializers.WebhookEndpointWithSecretSerializer(endpoint, context=self.get_serializer_context())
        return Response(output.data, status=status.HTTP_201_CREATED)

    def perform_destroy(self, instance: WebhookEndpoint) -> None:
        endpoint_delete(endpoint=instance)

    @extend_schema(
        request=None,
        responses={
            202: OpenApiResponse(
                serializers.WebhookDeliverySerializer,
                description="The `webhook.ping` delivery, queued to go at once; follow it in the delivery log.",
            )
        },
        summary="Send webhook.ping",
    )
    @action(detail=True, methods=["post"])
    def ping(self, request: Request, pk: str | None = None) -> Response:
        delivery = endpoint_ping(endpoint=self.get_object())
        return Response(serializers.WebhookDeliverySerializer(delivery).data, status=status.HTTP_202_ACCEPTED)

    @extend_schema(
        request=None,
        responses={
            200: OpenApiResponse(
                serializers.SecretSerializer,
                description="The new secret; the old one keeps signing too until `previous_expires_at`.",
            )
        },
        summary="Rotate the signing secret",
    )
    @action(detail=True, methods=["post"], url_path="rotate-secret")
    def rotate_secret(self, request: Request, pk: str | None = None) -> Response:
        endpoint = self.get_object()
        secret = endpoint_rotate_secret(endpoint=endpoint)
        return Response({"secret": secret, "previous_expires_at": endpoint.previous_secret_expires_at})

    def _deliveries(self) -> QuerySet[WebhookDelivery]:
        return (
            WebhookDelivery.objects.filter(endpoint=self.get_object())
            .select_related("event")
            .prefetch_related(Prefetch("attempts", queryset=WebhookAttempt.objects.order_by("number")))
            .order_by("-created_at", "id")
        )

    @extend_schema(
        responses={
            200: OpenApiResponse(
                serializers.WebhookDeliverySerializer(many=True),
                description="A page of deliveries to this endpoint, newest first, each with every attempt.",
            )
        },
        summary="The delivery log",
    )
    @action(detail=True, methods=["get"])
    def deliveries(self, request: Request, pk: str | None = None) -> Response:
        """Every delivery to this endpoint, newest first, with every attempt."""
        page = self.paginate_queryset(self._deliveries())
        return self.get_paginated_response(serializers.WebhookDeliverySerializer(page, many=True).data)

    def _delivery(self, delivery_id: str) -> WebhookDelivery:
        try:
            key = uuid.UUID(delivery_id.removeprefix("msg_"))
        except ValueError:
            raise Http404 from None
        delivery = self._deliveries().filter(pk=key).first()
        if delivery is None:
            raise Http404
        return delivery

    @extend_schema(
        parameters=[DELIVERY_ID],
        responses={
            200: OpenApiResponse(serializers.WebhookDeliverySerializer, description="The delivery, with every attempt.")
        },
    )
    @action(detail=True, methods=["get"], url_path=r"deliveries/(?P<delivery_id>[^/]+)")
    def delivery(self, request: Request, pk: str | None = None, delivery_id: str = "") -> Response:
        return Response(serializers.WebhookDeliverySerializer(self._delivery(delivery_id)).data)

    @extend_schema(
        parameters=[DELIVERY_ID],
        request=None,
        responses={
            202: OpenApiResponse(
                serializers.WebhookDeliverySerializer,
                description="Queued again, with the same `webhook-id` and a fresh retry schedule.",
            )
        },
        summary="Send a delivery again (same webhook-id)",
    )
    @action(detail=True, methods=["post"], url_path=r"deliveries/(?P<delivery_id>[^/]+)/redeliver")
    def redeliver(self, request: Request, pk: str | None = None, delivery_id: str = "") -> Response:
        delivery = delivery_redeliver(delivery=self._delivery(delivery_id), now=timezone.now())
        return Response(serializers.WebhookDeliverySerializer(delivery).data, status=status.HTTP_202_ACCEPTED)
