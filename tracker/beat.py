"""Celery beat's scheduler, with a heartbeat file for health checks and a line when it starts.

Beat has no ping; this scheduler touches ``var/beat-heartbeat`` on every tick
(at least every ``beat_max_loop_interval``), and ``python -m tracker.probe
--heartbeat`` reports beat unhealthy when the file goes stale. Beat's own line
for every task it sends is muted below ``LOG_LEVEL=DEBUG`` (the dispatcher runs
every few seconds), so it logs one line when it starts, naming what it will run
and how often: the sign in the log that beat is up.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from celery.beat import PersistentScheduler

logger = logging.getLogger("tracker.beat")


def heartbeat_path() -> Path:
    from django.conf import settings

    return Path(settings.VAR_DIR) / "beat-heartbeat"


class HeartbeatScheduler(PersistentScheduler):
    """The default persistent scheduler, plus a heartbeat on each tick and a line at the start."""

    def setup_schedule(self) -> None:
        super().setup_schedule()
        every = {
            name: run_every.total_seconds()
            for name, entry in sorted(self.schedule.items())
            if (run_every := getattr(entry.schedule, "run_every", None)) is not None and not name.startswith("celery.")
        }
        logger.info(
            "beat started: %s",
            ", ".join(f"{name} every {seconds:g} s" for name, seconds in every.items()),
            extra={"event": "beat_started", "schedule": every},
        )

    def tick(self, *args: Any, **kwargs: Any) -> float:
        heartbeat_path().touch()
        return super().tick(*args, **kwargs)
