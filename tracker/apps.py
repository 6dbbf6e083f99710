"""The project as an app: its system checks."""

from __future__ import annotations

from django.apps import AppConfig


class TrackerConfig(AppConfig):
    """Registers the deployment checks of :mod:`tracker.checks`."""

    name = "tracker"
    verbose_name = "Tracker"

    def ready(self) -> None:
        from tracker import checks  # noqa: F401  (registers them)
