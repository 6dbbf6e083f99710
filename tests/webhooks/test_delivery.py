"""Delivery to a real receiver on loopback: signed, retried, logged, and never held up by others."""

from __future__ import annotations

import datetime as dt
import json
import time

import pytest
import time_machine
from django.contrib.auth.models import User
from django.utils import timezone
from standardwebhooks import Webhook

from agreements.services.commitments import commitment_set_status
from agreements.services.deadlines import deadline_create
from agreements.services.sweep import sweep_run
from tests.factories import CommitmentFactory, SourceFactory, deadline_due
from tests.webhooks.receiver import Receiver, Reply
from webhooks.models import DeliveryState, WebhookDelivery, WebhookEndpoint
from webhooks.services.deliveries import claim
from webhooks.services.dispatch import webhooks_dispatch
from webhooks.services.endpoints import endpoint_create, endpoint_ping, endpoint_rotate_secret, endpoint_update
from webhooks.services.retries import SCHEDULE

pytestmark = pytest.mark.django_db

ALL = ["deadline.passed", "deadline.approaching", "commitment.status_changed"]


@pytest.fixture
def owner(db) -> User:
    return User.objects.create_user("newsroom")


def subscribe(owner: User, url: str, types: list[str] | None = None, **filters) -> tuple[WebhookEndpoint, str]:
    return endpoint_create(owner=owner, url=url, event_types=types or ALL, **filters)


def verified(secret: str, received) -> dict:
    return Webhook(secret).verify(received.body, received.headers)


def passed_deadline():
    deadline = deadline_due(timezone.now() - dt.timedelta(minutes=1))
    sweep_run()
    return deadline


def test_a_passed_deadline_arrives_signed_with_what_it_concerns(owner, receiver):
    endpoint, secret = subscribe(owner, receiver.url())
    deadline = passed_deadline()
    report = webhooks_dispatch()
    assert (report.sent, report.succeeded) == (1, 1)
    (message,) = receiver.at("/hook")
    payload = verified(secret, message)
    assert payload["type"] == "deadline.passed"
    assert payload["timestamp"].endswith("Z")
    assert payload["data"]["deadline"]["id"] == deadline.pk
    assert payload["data"]["deadline"]["url"].endswith(f"/api/v1/deadlines/{deadline.pk}/")
    assert payload["data"]["commitment"]["id"] == deadline.commitment_id
    assert payload["data"]["agreement"]["title"] == deadline.commitment.agreement.title
    assert message.headers["webhook-id"].startswith("msg_")
    assert message.headers["content-type"] == "application/json"
    assert message.headers["user-agent"].startswith("CeasefireTracker-Webhooks/")
    delivery = WebhookDelivery.objects.get(endpoint=endpoint)
    assert (delivery.state, delivery.attempt_count, delivery.last_status_code) == (DeliveryState.SUCCEEDED, 1, 200)
    assert delivery.attempts.get().response_excerpt == "ok"


def test_each_event_type_arrives_with_its_data(owner, receiver, settings):
    settings.DEADLINE_REMINDER_LEADS = [dt.timedelta(days=1)]
    _, secret = subscribe(owner, receiver.url())
    subscribe(owner, receiver.url("/passed-only"), ["deadline.passed"])
    now = timezone.now()
    soon = deadline_create(
        commitment=CommitmentFactory(),
        wording="tomorrow",
        precision="instant",
        time_zone="UTC",
        year=(now + dt.timedelta(days=2)).year,
        month=(now + dt.timedelta(days=2)).month,
        day=(now + dt.timedelta(days=2)).day,
        time=dt.time(12),
        now=now,
    )
    with time_machine.travel(soon.due_at - dt.timedelta(hours=20), tick=True):
        sweep_run()
        commitment_set_status(commitment=soon.commitment, status="breached", sources=[SourceFactory()])
        webhooks_dispatch()
        payloads = {p["type"]: p for p in (verified(secret, m) for m in receiver.at("/hook"))}
    assert payloads["deadline.approaching"]["data"]["lead_seconds"] == 86400
    assert payloads["deadline.approaching"]["data"]["deadline"]["id"] == soon.pk
    assert payloads["commitment.status_changed"]["data"]["status_change"]["to"] == "breached"
    assert payloads["commitment.status_changed"]["data"]["commitment"]["status"] == "breached"
    assert receiver.at("/passed-only") == []


def test_ping_reaches_the_endpoint_alone(owner, receiver):
    endpoint, secret = subscribe(owner, receiver.url(), ["deadline.passed"])
    subscribe(owner, receiver.url("/other"))
    endpoint_ping(endpoint=endpoint)
    webhooks_dispatch()
    (message,) = receiver.at("/hook")
    assert verified(secret, message)["type"] == "webhook.ping"
    assert receiver.at("/other") == []


def test_a_receiver_that_fails_then_recovers_gets_the_same_message_id(owner, receiver):
    _, secret = subscribe(owner, receiver.url())
    receiver.reply("/hook", Reply(500, b"down"), Reply(200))
    passed_deadline()
    webhooks_dispatch()
    delivery = WebhookDelivery.objects.get()
    assert (delivery.state, delivery.last_status_code) == (DeliveryState.PENDING, 500)
    wait = delivery.next_attempt_at - delivery.last_attempt_at
    assert dt.timedelta(seconds=4.5) <= wait <= dt.timedelta(seconds=5.5)  # 5 s, with jitter
    assert webhooks_dispatch().sent == 0  # not yet due
    with time_machine.travel(delivery.next_attempt_at + dt.timedelta(seconds=1), tick=True):
        assert webhooks_dispatch().succeeded == 1
        first, second = receiver.at("/hook")
        assert verified(secret, second)["type"] == "deadline.passed"
    assert first.headers["webhook-id"] == second.headers["webhook-id"]
    assert first.body == second.body
    assert [a.status_code for a in WebhookDelivery.objects.get().attempts.all()] == [500, 200]


def test_410_disables_the_endpoint_and_says_why(owner, receiver):
    endpoint, _ = subscribe(owner, receiver.url())
    receiver.reply("/hook", Reply(410, b"gone"))
    passed_deadline()
    webhooks_dispatch()
    endpoint.refresh_from_db()
    assert endpoint.status == "disabled"
    assert "410" in endpoint.disabled_reason
    assert WebhookDelivery.objects.get().state == DeliveryState.FAILED
    passed_deadline()
    webhooks_dispatch()
    assert len(receiver.at("/hook")) == 1


@pytest.mark.parametrize("status", [429, 502, 503, 504])
def test_retry_after_is_honoured(owner, receiver, status):
    subscribe(owner, receiver.url())
    receiver.reply("/hook", Reply(status, headers={"Retry-After": "120"}))
    passed_deadline()
    webhooks_dispatch()
    delivery = WebhookDelivery.objects.get()
    assert delivery.next_attempt_at - delivery.last_attempt_at >= dt.timedelta(seconds=120)


def test_retry_after_as_an_http_date(owner, receiver):
    subscribe(owner, receiver.url())
    later = timezone.now() + dt.timedelta(minutes=10)
    receiver.reply("/hook", Reply(503, headers={"Retry-After": later.strftime("%a, %d %b %Y %H:%M:%S GMT")}))
    passed_deadline()
    webhooks_dispatch()
    delivery = WebhookDelivery.objects.get()
    assert delivery.next_attempt_at >= later - dt.timedelta(seconds=2)


def test_a_receiver_that_does_not_answer_in_time_is_a_failed_attempt(owner, receiver):
    subscribe(owner, receiver.url())
    receiver.reply("/hook", Reply(200, delay=4))
    passed_deadline()
    webhooks_dispatch()
    attempt = WebhookDelivery.objects.get().attempts.get()
    assert "timed out" in attempt.error
    assert 1900 <= attempt.duration_ms < 3500


def test_redirects_are_not_followed(owner, receiver):
    subscribe(owner, receiver.url())
    receiver.reply("/hook", Reply(302, headers={"Location": receiver.url("/elsewhere")}))
    passed_deadline()
    webhooks_dispatch()
    delivery = WebhookDelivery.objects.get()
    assert delivery.state == DeliveryState.PENDING
    assert "redirect" in delivery.last_error
    assert receiver.at("/elsewhere") == []


def test_only_the_first_bytes_of_a_huge_response_are_read(owner, receiver, settings):
    settings.WEBHOOK_MAX_RESPONSE_BYTES = 65536
    subscribe(owner, receiver.url())
    receiver.reply("/hook", Reply(200, body=b"x" * 20_000_000))
    passed_deadline()
    started = time.monotonic()
    webhooks_dispatch()
    assert time.monotonic() - started < 5
    delivery = WebhookDelivery.objects.get()
    assert delivery.state == DeliveryState.SUCCEEDED
    assert len(delivery.attempts.get().response_excerpt) == 1024


def test_a_slow_receiver_does_not_hold_up_another(owner, receiver):
    subscribe(owner, receiver.url("/slow"))
    subscribe(owner, receiver.url("/fast"))
    receiver.reply("/slow", Reply(200, delay=1.5))
    passed_deadline()
    started = time.monotonic()
    webhooks_dispatch()
    (fast,) = receiver.at("/fast")
    (slow,) = receiver.at("/slow")
    assert fast.at - started < 1.0
    assert WebhookDelivery.objects.filter(state=DeliveryState.SUCCEEDED).count() == 2
    assert slow.headers["webhook-id"] != fast.headers["webhook-id"]


def test_it_gives_up_after_the_last_scheduled_attempt(owner, receiver):
    subscribe(owner, receiver.url())
    receiver.reply("/hook", Reply(500))
    passed_deadline()
    webhooks_dispatch()
    for _ in range(len(SCHEDULE)):
        delivery = WebhookDelivery.objects.get()
        if delivery.next_attempt_at is None:
            break
        with time_machine.travel(delivery.next_attempt_at + dt.timedelta(seconds=1), tick=True):
            webhooks_dispatch()
    delivery = WebhookDelivery.objects.get()
    assert delivery.state == DeliveryState.FAILED
    assert delivery.attempt_count == len(SCHEDULE) == 10
    assert "gave up" in delivery.last_error
    assert len({m.headers["webhook-id"] for m in receiver.at("/hook")}) == 1


@pytest.mark.parametrize("retry_after", [None, "3600"], ids=["no-retry-after", "retry-after-an-hour"])
def test_a_receiver_answering_503_for_48_hours_still_gets_the_message_afterwards(owner, receiver, retry_after):
    """Down for a weekend: the three-day schedule outlasts it, and the message arrives, signed, once."""
    endpoint, secret = subscribe(owner, receiver.url())
    down = Reply(503, b"maintenance", headers={"Retry-After": retry_after} if retry_after else {})
    receiver.reply("/hook", down)
    passed_deadline()
    back_at = timezone.now() + dt.timedelta(hours=48)
    webhooks_dispatch()
    payload = None
    for _ in range(len(SCHEDULE)):
        delivery = WebhookDelivery.objects.get()
        if delivery.state != DeliveryState.PENDING:
            break
        endpoint.refresh_from_db()
        # As soon as the delivery is due and its endpoint's rest is over — not a moment earlier.
        when = max(delivery.next_attempt_at, endpoint.throttled_until or delivery.next_attempt_at)
        when += dt.timedelta(seconds=1)
        receiver.reply("/hook", down if when < back_at else Reply(200))
        with time_machine.travel(when, tick=True):
            webhooks_dispatch()
            if WebhookDelivery.objects.get().state == DeliveryState.SUCCEEDED:
                payload = verified(secret, receiver.at("/hook")[-1])  # verified while its timestamp is fresh
    delivery = WebhookDelivery.objects.get()
    assert delivery.state == DeliveryState.SUCCEEDED
    assert payload is not None
    assert payload["type"] == "deadline.passed"
    assert delivery.succeeded_at >= back_at
    codes = [attempt.status_code for attempt in delivery.attempts.all()]
    assert codes[-1] == 200
    assert set(codes[:-1]) == {503}
    assert len(codes) <= len(SCHEDULE)
    assert all(a.attempted_at < back_at for a in delivery.attempts.all() if a.status_code == 503)
    assert len({m.headers["webhook-id"] for m in receiver.at("/hook")}) == 1
    endpoint.refresh_from_db()
    assert endpoint.status == "active"
    assert (endpoint.failing_since, endpoint.throttle_streak) == (None, 0)


def test_an_endpoint_failing_for_five_days_is_disabled(owner, receiver):
    endpoint, _ = subscribe(owner, receiver.url())
    receiver.reply("/hook", Reply(500))
    WebhookEndpoint.objects.filter(pk=endpoint.pk).update(failing_since=timezone.now() - dt.timedelta(days=5))
    passed_deadline()
    webhooks_dispatch()
    endpoint.refresh_from_db()
    assert endpoint.status == "disabled"
    assert "five days" in endpoint.disabled_reason


def test_a_success_ends_the_failing_streak(owner, receiver):
    endpoint, _ = subscribe(owner, receiver.url())
    WebhookEndpoint.objects.filter(pk=endpoint.pk).update(failing_since=timezone.now() - dt.timedelta(days=1))
    passed_deadline()
    webhooks_dispatch()
    endpoint.refresh_from_db()
    assert endpoint.failing_since is None


def test_a_dispatcher_that_dies_mid_send_is_replaced_after_its_lease(owner, receiver):
    subscribe(owner, receiver.url())
    passed_deadline()
    from webhooks.services.fanout import fanout_pending

    fanout_pending()
    now = timezone.now()
    lease = now + dt.timedelta(seconds=60)
    assert len(claim(now, 10, lease)) == 1  # ...and then this dispatcher is killed
    assert webhooks_dispatch().sent == 0  # leased: nobody else sends it meanwhile
    with time_machine.travel(lease + dt.timedelta(seconds=1), tick=True):
        assert webhooks_dispatch().succeeded == 1
    assert WebhookDelivery.objects.get().attempt_count == 1


def test_during_a_rotation_both_secrets_sign(owner, receiver):
    endpoint, old = subscribe(owner, receiver.url())
    new = endpoint_rotate_secret(endpoint=endpoint)
    passed_deadline()
    webhooks_dispatch()
    (message,) = receiver.at("/hook")
    assert len(message.headers["webhook-signature"].split(" ")) == 2
    assert verified(old, message)["type"] == verified(new, message)["type"] == "deadline.passed"


def test_after_the_rotation_window_only_the_new_secret_signs(owner, receiver, settings):
    settings.WEBHOOK_SECRET_ROTATION_HOURS = 0
    endpoint, old = subscribe(owner, receiver.url())
    new = endpoint_rotate_secret(endpoint=endpoint)
    passed_deadline()
    webhooks_dispatch()
    (message,) = receiver.at("/hook")
    verified(new, message)
    with pytest.raises(Exception, match="No matching signature"):
        verified(old, message)


def test_a_paused_endpoint_hears_nothing_until_resumed(owner, receiver):
    endpoint, _ = subscribe(owner, receiver.url())
    endpoint_ping(endpoint=endpoint)
    endpoint_update(endpoint=endpoint, changes={"paused": True})
    passed_deadline()
    webhooks_dispatch()
    assert receiver.received == []
    assert WebhookDelivery.objects.count() == 1  # the ping, queued before the pause
    endpoint_update(endpoint=endpoint, changes={"paused": False})
    webhooks_dispatch()
    assert [json.loads(m.body)["type"] for m in receiver.at("/hook")] == ["webhook.ping"]


def test_attempts_are_logged_without_secrets(owner, receiver, caplog):
    _, secret = subscribe(owner, receiver.url())
    passed_deadline()
    with caplog.at_level("INFO", logger="webhooks.delivery"):
        webhooks_dispatch()
    (line,) = [r for r in caplog.records if getattr(r, "event", None) == "webhook_attempt"]
    assert line.status == 200
    assert line.succeeded is True
    from tracker.logging import JsonFormatter

    text = JsonFormatter().format(line)
    assert secret not in text
    assert secret.removeprefix("whsec_") not in text
    assert "v1," not in text


def test_a_receiver_that_is_not_there_is_a_failed_attempt(owner):
    closed = Receiver()
    url = closed.url()
    closed.close()
    subscribe(owner, url)
    passed_deadline()
    webhooks_dispatch()
    delivery = WebhookDelivery.objects.get()
    assert delivery.state == DeliveryState.PENDING
    assert "ConnectError" in delivery.last_error


def test_hanging_receivers_hold_only_their_own_slots(owner, receiver, settings):
    settings.WEBHOOK_CONCURRENCY = 4
    for n in range(3):
        subscribe(owner, receiver.url(f"/hang{n}"))
        receiver.reply(f"/hang{n}", Reply(200, delay=5))
    for n in range(10):
        subscribe(owner, receiver.url(f"/fast{n}"))
    passed_deadline()
    started = time.monotonic()
    report = webhooks_dispatch()
    fast = [m for m in receiver.received if m.path.startswith("/fast")]
    assert len(fast) == 10
    assert max(m.at for m in fast) - started < 1.5  # well inside the 2 s timeout of the hanging ones
    assert (report.sent, report.succeeded) == (13, 10)
