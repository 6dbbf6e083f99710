"""The sweep's exactly-once guarantee with real processes on the real database:
several sweeping at once, and one killed halfway."""

from __future__ import annotations

import datetime as dt
import re
import signal
import time
from collections import Counter

import pytest
from django.db.models import Count

from agreements.choices import DeadlineState, EventType
from agreements.models import Deadline, Event
from tests.bulk import due_deadlines
from tests.processes import celery, child_env, kill_worker, manage, spawn_manage, tail, wait_for

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]

PAST = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)


def assert_each_flagged_once(expected: int) -> None:
    assert Deadline.objects.filter(state=DeadlineState.PASSED).count() == expected
    assert Deadline.objects.filter(state=DeadlineState.UPCOMING).count() == 0
    per_deadline = Counter(Event.objects.filter(type=EventType.DEADLINE_PASSED).values_list("deadline_id", flat=True))
    assert len(per_deadline) == expected
    assert set(per_deadline.values()) == {1}
    # No flag without its event, no event without its flag.
    flagged = set(Deadline.objects.filter(state=DeadlineState.PASSED).values_list("id", flat=True))
    assert flagged == set(per_deadline)


def test_concurrent_sweeps_flag_each_deadline_exactly_once(tmp_path):
    ids = due_deadlines(3000, due=PAST)
    env = child_env(tmp_path, DEADLINE_SWEEP_BATCH_SIZE="100")
    logs = [tmp_path / f"sweep-{n}.log" for n in range(4)]
    processes = [spawn_manage(env, "flag_deadlines", log=log) for log in logs]
    for process, log in zip(processes, logs, strict=True):
        assert process.wait(timeout=300) == 0, tail(log)
    reported = [int(re.search(r"(\d+) deadline\(s\) flagged", log.read_text()).group(1)) for log in logs]
    assert sum(reported) == len(ids)
    assert_each_flagged_once(len(ids))


def test_a_sweep_killed_halfway_loses_nothing_and_repeats_nothing(tmp_path):
    ids = due_deadlines(20000, due=PAST)
    env = child_env(tmp_path, DEADLINE_SWEEP_BATCH_SIZE="200")
    log = tmp_path / "killed.log"
    process = spawn_manage(env, "flag_deadlines", log=log)
    # Kill it once it is well into the backlog, mid-batch, without warning.
    deadline = time.monotonic() + 120
    while Deadline.objects.filter(state=DeadlineState.PASSED).count() < 2000 and time.monotonic() < deadline:
        assert process.poll() is None, "the sweep finished before it could be killed: " + tail(log)
        time.sleep(0.05)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    done = Deadline.objects.filter(state=DeadlineState.PASSED).count()
    assert 0 < done < len(ids)
    # Every committed batch is whole: as many events as flags.
    assert Event.objects.filter(type=EventType.DEADLINE_PASSED).count() == done

    result = manage(env, "flag_deadlines")
    assert result.returncode == 0, result.stderr
    assert f"{len(ids) - done} deadline(s) flagged" in result.stdout
    assert_each_flagged_once(len(ids))
    assert not Event.objects.values("dedupe_key").annotate(n=Count("id")).filter(n__gt=1).exists()


@pytest.mark.worker
def test_a_celery_worker_killed_mid_sweep_loses_nothing_and_repeats_nothing(tmp_path):
    ids = due_deadlines(20000, due=PAST)
    env = child_env(tmp_path, DEADLINE_SWEEP_SECONDS="1", DEADLINE_SWEEP_BATCH_SIZE="200")
    (tmp_path / "first").mkdir()
    (tmp_path / "second").mkdir()
    with celery(env, tmp_path / "first") as logs:
        try:
            wait_for(
                lambda: Deadline.objects.filter(state=DeadlineState.PASSED).count() >= 2000,
                timeout=60,
                interval=0.05,
                what="the beat's sweep to be well under way",
            )
        except AssertionError:
            raise AssertionError(tail(logs["worker"]) + "\n---\n" + tail(logs["beat"])) from None
        kill_worker()
        done = Deadline.objects.filter(state=DeadlineState.PASSED).count()
        assert done < len(ids), "the sweep finished before the worker could be killed"
        # Every committed batch is whole: as many events as flags.
        assert Event.objects.filter(type=EventType.DEADLINE_PASSED).count() == done

        # Beat goes on; a fresh worker's sweeps finish the backlog.
        with celery(env, tmp_path / "second", beat=False) as second:
            try:
                wait_for(
                    lambda: not Deadline.objects.filter(state=DeadlineState.UPCOMING).exists(),
                    timeout=120,
                    what="the backlog to be cleared",
                )
            except AssertionError:
                raise AssertionError(tail(second["worker"])) from None
            time.sleep(2)  # more sweeps: nothing may be flagged again
    assert_each_flagged_once(len(ids))
