"""An anchored deadline with real processes: it waits, its anchor is met, the running worker flags it."""

from __future__ import annotations

import datetime as dt
import time

import pytest
from django.utils import timezone

from agreements.choices import DeadlineState, EventType
from agreements.models import Deadline, Event
from agreements.services.deadlines import deadline_close, deadline_create
from tests.factories import DeadlineFactory
from tests.processes import celery, child_env, tail, wait_for

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]

FAST = {"DEADLINE_SWEEP_SECONDS": "1", "WEBHOOK_DISPATCH_SECONDS": "1"}


def test_a_deadline_waiting_for_its_anchor_is_flagged_72_hours_after_the_recorded_moment(tmp_path):
    acceptance = DeadlineFactory(
        wording="upon Israel publicly accepting", precision="unspecified", year=None, month=None, day=None, time=None
    )
    hostages = deadline_create(
        commitment=acceptance.commitment,
        wording="hostages returned within 72 hours",
        time_zone="Asia/Gaza",
        anchor=acceptance,
        offset="PT72H",
    )
    assert hostages.due_at is None
    with celery(child_env(tmp_path, **FAST), tmp_path) as logs:
        time.sleep(3)  # several sweeps: a deadline that waits is never flagged
        assert Deadline.objects.get(pk=hostages.pk).state == DeadlineState.UPCOMING
        deadline_close(
            deadline=acceptance, state="met", met_at=timezone.now() - dt.timedelta(hours=72) + dt.timedelta(seconds=3)
        )
        due_at = Deadline.objects.get(pk=hostages.pk).due_at
        assert due_at is not None
        try:
            wait_for(
                lambda: Deadline.objects.get(pk=hostages.pk).state == DeadlineState.PASSED, timeout=60, what="the flag"
            )
        except AssertionError:
            raise AssertionError(tail(logs["worker"]) + "\n---\n" + tail(logs["beat"])) from None
    flagged = Deadline.objects.get(pk=hostages.pk)
    assert flagged.passed_at >= due_at
    assert Event.objects.filter(deadline=flagged, type=EventType.DEADLINE_PASSED).count() == 1
