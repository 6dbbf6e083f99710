"""Back-pressure: 429, 502, 503 and 504 rest that endpoint alone, as long as it asks (capped), spending no attempts."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.contrib.auth.models import User
from django.utils import timezone
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from agreements.services.sweep import sweep_run
from tests.factories import deadline_due
from tests.webhooks.receiver import Reply
from webhooks.models import DeliveryState, WebhookDelivery, WebhookEndpoint
from webhooks.services.deliveries import claim
from webhooks.services.dispatch import webhooks_dispatch
from webhooks.services.endpoints import endpoint_create, endpoint_update
from webhooks.services.fanout import fanout_pending
from webhooks.services.retries import (
    MAX_RETRY_AFTER,
    THROTTLE_PAUSE_FIRST,
    THROTTLE_PAUSE_MAX,
    THROTTLING,
    endpoint_pause,
)

pytestmark = pytest.mark.django_db

THROTTLING_STATUSES = sorted(THROTTLING)
HTTP_DATE = "%a, %d %b %Y %H:%M:%S GMT"
# What "now" may have moved by between the dispatcher recording an answer and the test reading it.
SLACK = dt.timedelta(seconds=5)


@pytest.fixture
def owner(db) -> User:
    return User.objects.create_user("newsroom")


def subscribe(owner: User, url: str) -> WebhookEndpoint:
    return endpoint_create(owner=owner, url=url, event_types=["deadline.passed"])[0]


def passed_deadlines(count: int = 1) -> None:
    for _ in range(count):
        deadline_due(timezone.now() - dt.timedelta(minutes=1))
    sweep_run()
    fanout_pending()


def deliveries_of(endpoint: WebhookEndpoint) -> list[WebhookDelivery]:
    return list(WebhookDelivery.objects.filter(endpoint=endpoint).order_by("next_attempt_at"))


def due_again(delivery: WebhookDelivery, endpoint: WebhookEndpoint) -> dt.datetime:
    """Just after the delivery is due and its endpoint's rest is over."""
    return max(delivery.next_attempt_at, endpoint.throttled_until or delivery.next_attempt_at) + dt.timedelta(seconds=1)


def test_the_pause_without_retry_after_doubles_from_five_seconds_to_half_an_hour():
    expected = [5, 10, 20, 40, 80, 160, 320, 640, 1280, 1800, 1800, 1800]
    got = [endpoint_pause(streak=n, retry_after=None).total_seconds() for n in range(1, len(expected) + 1)]
    assert got == expected
    assert endpoint_pause(streak=1, retry_after=None) == THROTTLE_PAUSE_FIRST
    assert endpoint_pause(streak=1000, retry_after=None) == THROTTLE_PAUSE_MAX


def test_a_retry_after_is_the_pause_whatever_the_streak():
    assert endpoint_pause(streak=1, retry_after=dt.timedelta(hours=3)) == dt.timedelta(hours=3)
    assert endpoint_pause(streak=9, retry_after=dt.timedelta(seconds=1)) == dt.timedelta(seconds=1)
    assert endpoint_pause(streak=9, retry_after=dt.timedelta(0)) == dt.timedelta(0)


@pytest.mark.parametrize("status", THROTTLING_STATUSES)
def test_a_throttling_answer_rests_that_endpoint_while_another_is_served_in_the_same_run(
    owner, receiver, settings, status
):
    settings.WEBHOOK_CONCURRENCY = 1  # one request at a time: the order of the run is the claim's
    busy = subscribe(owner, receiver.url("/busy"))
    calm = subscribe(owner, receiver.url("/calm"))
    receiver.reply("/busy", Reply(status))
    passed_deadlines(3)
    # The busy endpoint's first delivery goes first; its other two are due before the calm one's.
    now = timezone.now()
    first, *rest = deliveries_of(busy)
    WebhookDelivery.objects.filter(pk=first.pk).update(next_attempt_at=now - dt.timedelta(minutes=3))
    WebhookDelivery.objects.filter(pk__in=[d.pk for d in rest]).update(next_attempt_at=now - dt.timedelta(minutes=2))
    WebhookDelivery.objects.filter(endpoint=calm).update(next_attempt_at=now - dt.timedelta(minutes=1))

    report = webhooks_dispatch()

    assert len(receiver.at("/busy")) == 1  # one answer was enough: the other two were not sent
    assert len(receiver.at("/calm")) == 3  # ...while the other endpoint was served in full
    assert (report.sent, report.succeeded) == (4, 3)
    busy.refresh_from_db()
    assert busy.throttled_until is not None
    assert busy.throttled_until - busy.failing_since == THROTTLE_PAUSE_FIRST  # no Retry-After: 5 s
    assert busy.throttle_streak == 1
    for delivery, before in zip(deliveries_of(busy)[:2], rest, strict=True):
        # Not attempted, so nothing spent: no attempt counted, the schedule as it was.
        assert (delivery.attempt_count, delivery.state) == (0, DeliveryState.PENDING)
        assert delivery.next_attempt_at == now - dt.timedelta(minutes=2)
        assert not delivery.attempts.exists()
        assert before.pk == delivery.pk
    first.refresh_from_db()
    assert (first.attempt_count, first.last_status_code) == (1, status)
    assert first.next_attempt_at - first.last_attempt_at >= THROTTLE_PAUSE_FIRST

    # Once the rest is over its deliveries go, each on its first attempt.
    receiver.reply("/busy", Reply(200))
    with time_machine.travel(due_again(rest[0], busy), tick=True):
        webhooks_dispatch()
    for delivery in rest:
        delivery.refresh_from_db()
        assert (delivery.state, delivery.attempt_count) == (DeliveryState.SUCCEEDED, 1)


@pytest.mark.parametrize("status", THROTTLING_STATUSES)
@pytest.mark.parametrize(
    ("retry_after", "rest"),
    [
        ("120", dt.timedelta(seconds=120)),
        ("+10min", dt.timedelta(minutes=10)),  # an HTTP date ten minutes ahead
        ("7200", dt.timedelta(hours=2)),
        ("999999", MAX_RETRY_AFTER),  # capped at 24 hours
        ("+3days", MAX_RETRY_AFTER),  # an HTTP date three days ahead: capped too
    ],
    ids=["seconds", "http-date", "two-hours", "seconds-capped", "http-date-capped"],
)
def test_retry_after_rests_the_endpoint_and_the_delivery_as_long_as_asked_at_most_a_day(
    owner, receiver, status, retry_after, rest
):
    endpoint = subscribe(owner, receiver.url())
    if retry_after.startswith("+"):
        ahead = dt.timedelta(minutes=10) if retry_after == "+10min" else dt.timedelta(days=3)
        retry_after = (timezone.now() + ahead).strftime(HTTP_DATE)
    receiver.reply("/hook", Reply(status, headers={"Retry-After": retry_after}))
    passed_deadlines()
    started = timezone.now()
    webhooks_dispatch()
    endpoint.refresh_from_db()
    delivery = WebhookDelivery.objects.get()
    assert started + rest - SLACK <= endpoint.throttled_until <= started + rest + SLACK
    assert delivery.next_attempt_at >= endpoint.throttled_until - SLACK
    assert delivery.next_attempt_at - delivery.last_attempt_at <= MAX_RETRY_AFTER + dt.timedelta(seconds=1)
    assert delivery.attempt_count == 1


def test_without_retry_after_the_rest_doubles_with_each_throttling_answer_and_a_success_resets_it(owner, receiver):
    endpoint = subscribe(owner, receiver.url())
    receiver.reply("/hook", Reply(429))
    passed_deadlines()
    webhooks_dispatch()
    rests = []
    for _ in range(3):
        endpoint.refresh_from_db()
        rests.append(endpoint.throttled_until - WebhookDelivery.objects.get().last_attempt_at)
        delivery = WebhookDelivery.objects.get()
        with time_machine.travel(due_again(delivery, endpoint), tick=True):
            webhooks_dispatch()
    assert rests == [dt.timedelta(seconds=5), dt.timedelta(seconds=10), dt.timedelta(seconds=20)]
    endpoint.refresh_from_db()
    assert endpoint.throttle_streak == 4
    receiver.reply("/hook", Reply(200))
    with time_machine.travel(due_again(WebhookDelivery.objects.get(), endpoint), tick=True):
        webhooks_dispatch()
        endpoint.refresh_from_db()
    assert (endpoint.throttle_streak, endpoint.failing_since) == (0, None)
    assert WebhookDelivery.objects.get().state == DeliveryState.SUCCEEDED


def test_a_success_does_not_lift_a_rest_the_receiver_asked_for(owner, receiver, settings):
    """Requests sent before the 429 may still succeed; the receiver's Retry-After stands."""
    settings.WEBHOOK_CONCURRENCY = 2
    endpoint = subscribe(owner, receiver.url())
    receiver.reply("/hook", Reply(429, headers={"Retry-After": "600"}), Reply(200))
    passed_deadlines(2)
    webhooks_dispatch()  # both claimed at once: one 429, one 200, recorded together
    endpoint.refresh_from_db()
    assert sorted(d.state for d in WebhookDelivery.objects.all()) == [DeliveryState.PENDING, DeliveryState.SUCCEEDED]
    assert endpoint.throttled_until > timezone.now() + dt.timedelta(minutes=9)
    assert endpoint.failing_since is None  # it did serve one: not a failing streak


@pytest.mark.parametrize("status", [500, 404, 400, 302])
def test_other_failures_are_retried_on_schedule_without_resting_the_endpoint(owner, receiver, status):
    endpoint = subscribe(owner, receiver.url())
    receiver.reply("/hook", Reply(status, headers={"Retry-After": "3600", "Location": receiver.url("/x")}))
    passed_deadlines()
    webhooks_dispatch()
    endpoint.refresh_from_db()
    assert (endpoint.throttled_until, endpoint.throttle_streak) == (None, 0)
    delivery = WebhookDelivery.objects.get()
    assert delivery.next_attempt_at - delivery.last_attempt_at <= dt.timedelta(seconds=5.5)  # the schedule's 5 s


def test_410_still_disables_at_once(owner, receiver):
    endpoint = subscribe(owner, receiver.url())
    receiver.reply("/hook", Reply(410, headers={"Retry-After": "60"}))
    passed_deadlines()
    webhooks_dispatch()
    endpoint.refresh_from_db()
    assert endpoint.status == "disabled"
    assert "410" in endpoint.disabled_reason
    assert endpoint.throttled_until is None
    assert WebhookDelivery.objects.get().state == DeliveryState.FAILED


@pytest.mark.parametrize("status", [503, 429, 500])
def test_an_endpoint_failing_for_five_days_is_still_disabled_throttling_or_not(owner, receiver, status):
    endpoint = subscribe(owner, receiver.url())
    receiver.reply("/hook", Reply(status))
    WebhookEndpoint.objects.filter(pk=endpoint.pk).update(failing_since=timezone.now() - dt.timedelta(days=5))
    passed_deadlines()
    webhooks_dispatch()
    endpoint.refresh_from_db()
    assert endpoint.status == "disabled"
    assert "five days" in endpoint.disabled_reason


def test_the_claim_passes_over_a_resting_endpoint_until_its_rest_is_over(owner):
    resting = subscribe(owner, "http://127.0.0.1:9/resting")
    other = subscribe(owner, "http://127.0.0.1:9/other")
    passed_deadlines()
    now = timezone.now()
    until = now + dt.timedelta(minutes=5)
    WebhookEndpoint.objects.filter(pk=resting.pk).update(throttled_until=until)
    (claimed,) = claim(now, 10, now + dt.timedelta(hours=1))
    assert WebhookDelivery.objects.get(pk=claimed).endpoint == other
    assert claim(until - dt.timedelta(seconds=1), 10, until) == []
    (claimed,) = claim(until, 10, until + dt.timedelta(hours=1))
    assert WebhookDelivery.objects.get(pk=claimed).endpoint == resting
    assert WebhookDelivery.objects.get(pk=claimed).attempt_count == 0


def test_a_new_url_or_enabling_it_again_ends_the_rest(owner, receiver):
    endpoint = subscribe(owner, receiver.url("/old"))
    later = timezone.now() + dt.timedelta(hours=5)
    WebhookEndpoint.objects.filter(pk=endpoint.pk).update(throttled_until=later, throttle_streak=3)
    endpoint.refresh_from_db()
    endpoint_update(endpoint=endpoint, changes={"description": "Libya desk"})
    endpoint.refresh_from_db()
    assert endpoint.throttled_until == later  # an unrelated change keeps it
    endpoint_update(endpoint=endpoint, changes={"url": receiver.url("/new")})
    endpoint.refresh_from_db()
    assert (endpoint.throttled_until, endpoint.throttle_streak) == (None, 0)

    WebhookEndpoint.objects.filter(pk=endpoint.pk).update(
        throttled_until=later, throttle_streak=3, disabled_at=timezone.now(), disabled_reason="five days"
    )
    endpoint.refresh_from_db()
    endpoint_update(endpoint=endpoint, changes={"paused": False})
    endpoint.refresh_from_db()
    assert (endpoint.status, endpoint.throttled_until, endpoint.throttle_streak) == ("active", None, 0)


def test_its_owner_sees_until_when_it_rests(owner, receiver):
    endpoint = subscribe(owner, receiver.url())
    receiver.reply("/hook", Reply(503, headers={"Retry-After": "900"}))
    passed_deadlines()
    webhooks_dispatch()
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=owner).key}")
    body = client.get(f"/api/v1/webhooks/{endpoint.pk}/").json()
    until = dt.datetime.fromisoformat(body["throttled_until"].replace("Z", "+00:00"))
    assert timezone.now() + dt.timedelta(minutes=14) < until <= timezone.now() + dt.timedelta(minutes=15)
    assert body["status"] == "active"  # resting is not disabled: nothing for the owner to do
    response = client.patch(f"/api/v1/webhooks/{endpoint.pk}/", {"throttled_until": None}, format="json")
    assert response.status_code == 400
    assert response.json() == {"throttled_until": ["throttled_until is read-only."]}
    endpoint.refresh_from_db()
    assert endpoint.throttled_until is not None  # read-only: set by the service alone
