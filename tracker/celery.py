"""The Celery application, configured from Django settings (``CELERY_`` namespace).

The beat schedule lives in settings (``CELERY_BEAT_SCHEDULE``).
"""

from __future__ import annotations

import os
from typing import Any

from celery import Celery
from celery.signals import worker_ready

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings")

app = Celery("tracker")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@worker_ready.connect
def _sweep_on_start(sender: Any, **_: Any) -> None:
    """Sweep as soon as a worker is up, not one interval later: deadlines that
    passed while nothing ran are flagged at once (safe if several workers do it)."""
    sender.app.send_task("agreements.sweep_deadlines")
