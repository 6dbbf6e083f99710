"""Beat's scheduler: a heartbeat on every tick, for the container's probe, and a line when it starts."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import time
from pathlib import Path

from tracker.beat import HeartbeatScheduler, heartbeat_path
from tracker.celery import app

ROOT = Path(__file__).resolve().parents[2]


def _scheduler(tmp_path: Path) -> HeartbeatScheduler:
    return HeartbeatScheduler(app=app, schedule_filename=str(tmp_path / "celerybeat-schedule"))


def test_it_says_what_it_runs_and_how_often_when_it_starts(tmp_path, settings, caplog):
    settings.VAR_DIR = tmp_path
    with caplog.at_level(logging.INFO, logger="tracker.beat"):
        scheduler = _scheduler(tmp_path)
    try:
        (record,) = [r for r in caplog.records if r.name == "tracker.beat"]
        assert record.schedule == {
            "dispatch-webhooks": float(settings.WEBHOOK_DISPATCH_SECONDS),
            "sweep-deadlines": float(settings.DEADLINE_SWEEP_SECONDS),
        }
        assert f"sweep-deadlines every {settings.DEADLINE_SWEEP_SECONDS:g} s" in record.getMessage()
    finally:
        scheduler.close()


def test_each_tick_touches_the_heartbeat_the_probe_reads(tmp_path, settings):
    settings.VAR_DIR = tmp_path
    scheduler = _scheduler(tmp_path)
    try:
        assert not heartbeat_path().exists()
        assert not _probe_says_alive(tmp_path)
        scheduler.tick()  # nothing is due yet: it only sleeps, and beats
        assert heartbeat_path() == tmp_path / "beat-heartbeat"
        assert heartbeat_path().exists()
        assert _probe_says_alive(tmp_path)
        stale = time.time() - 600
        os.utime(heartbeat_path(), (stale, stale))
        assert not _probe_says_alive(tmp_path)
    finally:
        scheduler.close()


def _probe_says_alive(var: Path) -> bool:
    environment = {**os.environ, "VAR_DIR": str(var), "ENV_FILE": "/dev/null"}
    result = subprocess.run(
        [sys.executable, "-m", "tracker.probe", "--heartbeat"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        timeout=30,
    )
    return result.returncode == 0
