"""A worker killed mid-delivery: the lease lapses, a fresh worker sends again, nothing is lost or doubled.

A real worker and beat, a real receiver that hangs on the first request. While
the worker waits on it, the worker and its pool children are SIGKILLed — no
outcome is recorded, the delivery keeps its lease. A fresh worker re-claims it
once the lease (``2 × WEBHOOK_TIMEOUT_SECONDS + 30`` s) has passed and delivers
it, signed, with the same ``webhook-id`` as the attempt that was cut off.
"""

from __future__ import annotations

import datetime as dt
import time

import pytest
from django.contrib.auth.models import User
from django.utils import timezone
from standardwebhooks import Webhook

from agreements.choices import DeadlineState, EventType
from agreements.models import Deadline, Event
from tests.factories import deadline_due
from tests.processes import celery, child_env, kill_worker, tail, wait_for
from tests.webhooks.receiver import Reply
from webhooks.models import DeliveryState, WebhookAttempt, WebhookDelivery
from webhooks.services.endpoints import endpoint_create

pytestmark = [pytest.mark.slow, pytest.mark.worker, pytest.mark.django_db(transaction=True)]

# The smallest lease the code allows is 2 × timeout + 30 s; a 2 s timeout gives 34 s.
TIMEOUT = 2
LEASE = 2 * TIMEOUT + 30
ENV = {
    "DEADLINE_SWEEP_SECONDS": "1",
    "WEBHOOK_DISPATCH_SECONDS": "1",
    "WEBHOOK_ALLOW_LOOPBACK": "true",
    "WEBHOOK_TIMEOUT_SECONDS": str(TIMEOUT),
    "WEBHOOK_CONNECT_TIMEOUT_SECONDS": "1",
}


def test_a_worker_killed_mid_delivery_leaves_it_to_the_next_with_the_same_webhook_id(tmp_path, receiver):
    owner = User.objects.create_user("newsroom")
    _, secret = endpoint_create(owner=owner, url=receiver.url(), event_types=["deadline.passed"])
    # The first request hangs far past the moment the worker is killed; then the receiver answers 200.
    receiver.reply("/hook", Reply(delay=45), Reply(200))
    deadline = deadline_due(timezone.now() + dt.timedelta(seconds=1))
    env = child_env(tmp_path, **ENV)
    (tmp_path / "first").mkdir()
    (tmp_path / "second").mkdir()

    with celery(env, tmp_path / "first") as logs:
        try:
            wait_for(lambda: receiver.at("/hook"), timeout=30, interval=0.02, what="the first attempt")
        except AssertionError:
            raise AssertionError(tail(logs["worker"]) + "\n---\n" + tail(logs["beat"])) from None
        kill_worker()
        killed_at = time.monotonic()

        # Cut off mid-request: nothing recorded, the lease still held.
        delivery = WebhookDelivery.objects.get()
        assert delivery.state == DeliveryState.PENDING
        assert delivery.attempt_count == 0
        assert delivery.locked_until is not None
        assert delivery.locked_until > timezone.now()
        assert not WebhookAttempt.objects.exists()
        assert len(receiver.at("/hook")) == 1

        # Beat goes on; a fresh worker takes over once the lease has lapsed.
        with celery(env, tmp_path / "second", beat=False) as second:
            try:
                wait_for(lambda: len(receiver.at("/hook")) >= 2, timeout=LEASE + 15, what="the retry after the lease")
            except AssertionError:
                raise AssertionError(tail(second["worker"]) + "\n---\n" + tail(logs["beat"])) from None
            waited = time.monotonic() - killed_at
            wait_for(
                lambda: WebhookDelivery.objects.get().state == DeliveryState.SUCCEEDED,
                timeout=10,
                what="the success to be recorded",
            )
            time.sleep(3)  # more sweeps and dispatches: nothing more may arrive

    first, retry = receiver.at("/hook")
    # Not before the lease lapsed (less what passed between the claim and the kill).
    assert waited >= LEASE - TIMEOUT - 1, f"re-sent {waited:.1f} s after the kill, inside the {LEASE} s lease"
    assert retry.at - first.at >= LEASE - TIMEOUT - 1
    assert first.headers["webhook-id"] == retry.headers["webhook-id"] == delivery.message_id
    cut_off, delivered = (Webhook(secret).verify(m.body, m.headers) for m in (first, retry))
    assert retry.body == first.body  # the same bytes, freshly signed
    assert delivered == cut_off
    assert delivered["type"] == "deadline.passed"
    assert delivered["data"]["deadline"]["id"] == deadline.pk

    assert Deadline.objects.get(pk=deadline.pk).state == DeadlineState.PASSED
    assert Event.objects.filter(type=EventType.DEADLINE_PASSED).count() == 1
    assert Event.objects.filter(deadline=deadline, type=EventType.DEADLINE_PASSED).count() == 1
    (done,) = WebhookDelivery.objects.all()
    assert done.state == DeliveryState.SUCCEEDED
    assert done.message_id == delivery.message_id
    assert done.attempt_count == 1  # the killed attempt never got to record itself
    assert [a.status_code for a in WebhookAttempt.objects.all()] == [200]
