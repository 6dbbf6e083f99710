"""End to end with real processes: a worker and beat on the broker, a receiver on loopback.

A deadline passes; the subscriber receives a verified ``deadline.passed``
exactly once — also when Redis is down as the deadline passes.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import time

import pytest
from django.contrib.auth.models import User
from django.utils import timezone
from standardwebhooks import Webhook

from agreements.choices import DeadlineState
from agreements.models import Deadline, Event
from tests.conftest import require
from tests.factories import deadline_due
from tests.processes import RedisServer, celery, child_env, manage, tail, wait_for
from webhooks.models import WebhookDelivery
from webhooks.services.endpoints import endpoint_create

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]

FAST = {"DEADLINE_SWEEP_SECONDS": "1", "WEBHOOK_DISPATCH_SECONDS": "1", "WEBHOOK_ALLOW_LOOPBACK": "true"}


def passed_messages(receiver, secret: str) -> list[dict]:
    payloads = [Webhook(secret).verify(m.body, m.headers) for m in receiver.at("/hook")]
    return [p for p in payloads if p["type"] == "deadline.passed"]


def test_a_subscriber_hears_once_that_a_deadline_passed(tmp_path, receiver):
    owner = User.objects.create_user("newsroom")
    _, secret = endpoint_create(owner=owner, url=receiver.url(), event_types=["deadline.passed"])
    deadline = deadline_due(timezone.now() + dt.timedelta(seconds=3))
    with celery(child_env(tmp_path, **FAST), tmp_path) as logs:
        try:
            wait_for(lambda: passed_messages(receiver, secret), timeout=60, what="the webhook")
        except AssertionError:
            raise AssertionError(tail(logs["worker"]) + "\n---\n" + tail(logs["beat"])) from None
        time.sleep(4)  # a few more sweeps and dispatches: nothing more may arrive
    (message,) = passed_messages(receiver, secret)
    assert message["data"]["deadline"]["id"] == deadline.pk
    assert len(receiver.at("/hook")) == 1
    assert WebhookDelivery.objects.get().state == "succeeded"


@pytest.mark.slow
def test_redis_down_as_the_deadline_passes_loses_nothing(tmp_path, receiver):
    require(shutil.which("redis-server") is not None, "redis-server is not installed")
    redis = RedisServer(tmp_path)
    redis.start()
    env = child_env(tmp_path, CELERY_BROKER_URL=redis.url, **FAST)
    owner = User.objects.create_user("newsroom")
    _, secret = endpoint_create(owner=owner, url=receiver.url(), event_types=["deadline.passed"])
    try:
        # Supervised as in production (docker-compose restarts them): a worker that a broker
        # outage brings down (kombu can fail on the lost connection) comes back, and must then
        # find what the outage held back.
        with celery(env, tmp_path, restart=True) as logs:
            time.sleep(3)  # up and running
            redis.kill()
            deadline = deadline_due(timezone.now() + dt.timedelta(seconds=1))
            time.sleep(2)
            # An operator's sweep while the broker is down: the flag and its event are
            # written; the nudge to the dispatcher fails quietly.
            result = manage(env, "flag_deadlines", timeout=120)
            assert result.returncode == 0, result.stderr
            assert Deadline.objects.get(pk=deadline.pk).state == DeadlineState.PASSED
            assert Event.objects.filter(deadline=deadline, type="deadline.passed").count() == 1
            assert receiver.at("/hook") == []

            redis.start()  # back, empty: whatever was queued in it is gone
            try:
                wait_for(lambda: passed_messages(receiver, secret), timeout=90, what="delivery after the outage")
            except AssertionError:
                raise AssertionError(
                    tail(logs["worker"]) + "\n---\n" + tail(logs["beat"]) + "\n---\n" + logs["restarts"].read_text()
                ) from None
            time.sleep(3)
    finally:
        redis.kill()
    (message,) = passed_messages(receiver, secret)
    assert message["data"]["deadline"]["id"] == deadline.pk
    assert [json.loads(m.body)["type"] for m in receiver.at("/hook")] == ["deadline.passed"]
