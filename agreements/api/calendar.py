"""``GET /api/v1/deadlines.ics``: the deadlines as an iCalendar (RFC 5545) feed.

Takes the same filters as ``/api/v1/deadlines/`` (``?country=LY&within=90``),
so a calendar app can subscribe to "deadlines for Libya in the next 90 days".
Each deadline keeps its UID across edits, and its SEQUENCE counts
reschedules, so subscribed calendars update in place. A deadline stated to
the minute is a timed event at ``due_at``; one stated to a day, month or year
is an all-day event on the last day it covers, in its own time zone.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import QuerySet
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from icalendar import Calendar
from icalendar import Event as CalendarEvent
from rest_framework import generics
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.parsers import BaseParser
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response

from agreements.choices import DeadlinePrecision, DeadlineState
from agreements.models import Deadline
from utilities.api.filtering import FilterBackend
from utilities.api.parameters import KnownQueryParameters
from utilities.urls import api_url

from .filtersets import DeadlineFilterSet
from .search import FoldedSearchFilter

MAX_EVENTS = 2000


class ICalendarRenderer(BaseRenderer):
    media_type = "text/calendar"
    format = "ics"
    charset = "utf-8"

    def render(self, data: Any, accepted_media_type: str | None = None, renderer_context: Any = None) -> bytes:
        return data if isinstance(data, bytes) else str(data).encode()


class CalendarFirst(BaseContentNegotiation):
    """Calendar apps send all sorts of Accept headers; a feed is a feed."""

    def select_parser(self, request: Request, parsers: Iterable[BaseParser]) -> BaseParser | None:
        return next(iter(parsers), None)

    def select_renderer(
        self, request: Request, renderers: Iterable[BaseRenderer], format_suffix: str | None = None
    ) -> tuple[BaseRenderer, str]:
        renderer = next(iter(renderers))
        return renderer, renderer.media_type


def _uid_host() -> str:
    return urlsplit(settings.PUBLIC_BASE_URL).hostname or "ceasefire-tracker"


def deadline_to_vevent(deadline: Deadline, host: str) -> CalendarEvent:
    """One deadline as a VEVENT."""
    assert deadline.due_at is not None
    commitment = deadline.commitment
    agreement = commitment.agreement
    event = CalendarEvent()
    event.add("uid", f"deadline-{deadline.pk}@{host}")
    event.add("dtstamp", deadline.updated_at)
    event.add("last-modified", deadline.updated_at)
    event.add("sequence", deadline.schedule_revision)
    if deadline.due_precision == DeadlinePrecision.INSTANT:
        event.add("dtstart", deadline.due_at)
    else:
        last_day = (deadline.due_at - dt.timedelta(microseconds=1)).astimezone(ZoneInfo(deadline.time_zone)).date()
        event.add("dtstart", last_day)
        event.add("dtend", last_day + dt.timedelta(days=1))
    label = commitment.summary or commitment.wording
    event.add("summary", f"{agreement.title} — {commitment.number}. {label}"[:250])
    event.add(
        "description",
        f"“{deadline.wording}”\nDue: {deadline.display_due}\nState: {deadline.state}\n"
        f"Commitment: {commitment.wording}\n{api_url('deadlines', deadline.pk)}",
    )
    event.add("url", api_url("deadlines", deadline.pk))
    event.add("categories", [commitment.category])
    event.add("status", "CANCELLED" if deadline.state == DeadlineState.CANCELLED else "CONFIRMED")
    event.add("transp", "TRANSPARENT")
    return event


class DeadlineCalendarView(KnownQueryParameters, generics.GenericAPIView):
    """Deadlines as an iCalendar feed; same filters as the deadlines list."""

    queryset = Deadline.objects.exclude(due_at=None).select_related("commitment__agreement")
    filterset_class = DeadlineFilterSet
    filter_backends = [FilterBackend, FoldedSearchFilter]
    renderer_classes = [ICalendarRenderer]
    content_negotiation_class = CalendarFirst
    pagination_class = None

    @extend_schema(
        operation_id="deadlines_calendar",
        filters=True,
        summary="Deadlines as an iCalendar feed",
        description=(
            f"RFC 5545 calendar of dated deadlines (at most {MAX_EVENTS}, earliest first), filtered like "
            "`/api/v1/deadlines/`. Subscribe a calendar app to it, e.g. `?country=LY&within=90`."
        ),
        responses={
            (200, "text/calendar"): OpenApiResponse(OpenApiTypes.STR, description="An iCalendar document."),
        },
    )
    def get(self, request: Request) -> Response:
        deadlines: QuerySet[Deadline] = self.filter_queryset(self.get_queryset()).order_by("due_at", "id")
        calendar = Calendar()
        calendar.add("prodid", "-//Ceasefire Tracker//Deadlines//EN")
        calendar.add("version", "2.0")
        calendar.add("calscale", "GREGORIAN")
        calendar.add("method", "PUBLISH")
        calendar.add("x-wr-calname", "Ceasefire Tracker — deadlines")
        host = _uid_host()
        for deadline in deadlines[:MAX_EVENTS]:
            calendar.add_component(deadline_to_vevent(deadline, host))
        response = Response(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = 'inline; filename="deadlines.ics"'
        return response

    def finalize_response(self, request: Request, response: Response, *args: Any, **kwargs: Any) -> Any:
        if response.status_code >= 400:
            # Errors are JSON, like everywhere else in the API.
            request.accepted_renderer = JSONRenderer()
            request.accepted_media_type = "application/json"
        return super().finalize_response(request, response, *args, **kwargs)
