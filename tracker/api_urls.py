"""Routes under /api/v1/ (namespace ``api``): the domain's resources and the webhooks."""

from django.urls import include, path
from rest_framework.routers import DefaultRouter

from agreements.api.calendar import DeadlineCalendarView
from agreements.api.views import (
    ActorViewSet,
    AgreementViewSet,
    CommitmentViewSet,
    DeadlineViewSet,
    EventViewSet,
    SourceViewSet,
)
from webhooks.api.views import WebhookEndpointViewSet

app_name = "api"

router = DefaultRouter(trailing_slash=True)
router.include_format_suffixes = False
router.register("agreements", AgreementViewSet, basename="agreement")
router.register("actors", ActorViewSet, basename="actor")
router.register("commitments", CommitmentViewSet, basename="commitment")
router.register("deadlines", DeadlineViewSet, basename="deadline")
router.register("sources", SourceViewSet, basename="source")
router.register("events", EventViewSet, basename="event")
router.register("webhooks", WebhookEndpointViewSet, basename="webhook")

urlpatterns = [
    path("deadlines.ics", DeadlineCalendarView.as_view(), name="deadline-calendar"),
    path("", include(router.urls)),
]
