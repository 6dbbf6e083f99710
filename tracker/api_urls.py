"""Routes under /api/v1/ (namespace ``api``): the domain's resources and the webhooks."""

from collections.abc import Callable

from django.http.response import HttpResponseBase
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


class TrackerRouter(DefaultRouter):
    """The default router, its root also naming the routes outside the registry (the iCalendar feed)."""

    extra_root_entries = {"deadlines.ics": "deadline-calendar"}

    def get_api_root_view(self, api_urls: object = None) -> Callable[..., HttpResponseBase]:
        list_name = self.routes[0].name
        api_root_dict = {prefix: list_name.format(basename=basename) for prefix, _, basename in self.registry}
        api_root_dict.update(self.extra_root_entries)
        return self.APIRootView.as_view(api_root_dict=api_root_dict)


router = TrackerRouter(trailing_slash=True)
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
