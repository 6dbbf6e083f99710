"""Celery beat's scheduler, with a heartbeat file for health checks.

Beat has no ping; this scheduler touches ``var/beat-heartbeat`` on every tick
(at least every ``beat_max_loop_interval``), and ``python -m tracker.probe
--heartbeat`` reports beat unhealthy when the file goes stale.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from celery.beat import PersistentScheduler


def heartbeat_path() -> Path:
    from django.conf import settings

    return Path(settings.VAR_DIR) / "beat-heartbeat"


class HeartbeatScheduler(PersistentScheduler):
    """The default persistent scheduler, plus a heartbeat on each tick."""

    def tick(self, *args: Any, **kwargs: Any) -> float:
        heartbeat_path().touch()
        return super().tick(*args, **kwargs)
