"""The Celery side of the deadline engine: configuration, and a real worker and beat
flagging a deadline that passes, without anyone calling the sweep."""

from __future__ import annotations

import datetime as dt

import pytest
from django.conf import settings
from django.utils import timezone

from agreements.choices import DeadlineState, EventType
from agreements.models import Commitment, Deadline, Event
from tests.factories import deadline_due
from tests.processes import celery, child_env, tail, wait_for
from tests.tracker.test_settings import run_with
from tracker.celery import app

pytestmark = pytest.mark.worker


def test_celery_is_configured_from_settings():
    assert app.conf.task_serializer == "json"
    assert app.conf.accept_content == ["json"]
    assert app.conf.task_acks_late is True
    assert app.conf.task_reject_on_worker_lost is True
    assert app.conf.worker_prefetch_multiplier == 1
    sweep = app.conf.beat_schedule["sweep-deadlines"]
    assert sweep["task"] == "agreements.sweep_deadlines"
    assert sweep["schedule"] == float(settings.DEADLINE_SWEEP_SECONDS)
    import agreements.tasks  # noqa: F401 - what autodiscovery imports in a worker

    assert "agreements.sweep_deadlines" in app.tasks


def test_the_redis_transport_has_a_visibility_timeout_and_socket_timeouts(tmp_path):
    result = run_with(
        tmp_path,
        "from tracker.celery import app; o = app.conf.broker_transport_options; "
        "print(o['visibility_timeout'], o['socket_timeout'], o['socket_connect_timeout'], o['retry_on_timeout'])",
        DEBUG="true",
        CELERY_BROKER_URL="redis://127.0.0.1:6379/15",
    )
    assert result.stdout.split() == ["3600", "10", "5", "True"], result.stderr


@pytest.mark.django_db(transaction=True)
def test_a_real_worker_and_beat_flag_a_deadline_as_it_passes(tmp_path):
    deadline = deadline_due(timezone.now() + dt.timedelta(seconds=3))
    env = child_env(tmp_path, DEADLINE_SWEEP_SECONDS="1")
    with celery(env, tmp_path) as logs:
        try:
            waited = wait_for(
                lambda: Deadline.objects.get(pk=deadline.pk).state == DeadlineState.PASSED,
                timeout=60,
                what="the deadline to be flagged",
            )
        except AssertionError:
            raise AssertionError(tail(logs["worker"]) + "\n---\n" + tail(logs["beat"])) from None
    deadline.refresh_from_db()
    assert deadline.passed_at >= deadline.due_at
    assert Commitment.objects.get(pk=deadline.commitment_id).overdue_since == deadline.due_at
    assert Event.objects.filter(type=EventType.DEADLINE_PASSED, deadline=deadline).count() == 1
    assert waited < 30


@pytest.mark.django_db(transaction=True)
def test_a_worker_sweeps_as_soon_as_it_starts(tmp_path, seeded):
    # Beat's interval is an hour: only the worker's start-up sweep can flag the
    # seeded 12 January 2020 deadline within the test.
    env = child_env(tmp_path, DEADLINE_SWEEP_SECONDS="3600")
    with celery(env, tmp_path, beat=False) as logs:
        try:
            wait_for(
                lambda: Deadline.objects.filter(state=DeadlineState.PASSED).exists(),
                timeout=60,
                what="the start-up sweep",
            )
        except AssertionError:
            raise AssertionError(tail(logs["worker"])) from None
    assert Event.objects.filter(type=EventType.DEADLINE_PASSED).count() == 1
