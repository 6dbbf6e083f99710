"""``python manage.py flag_deadlines``: one deadline sweep, now, for operators and cron."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from agreements.services.sweep import SAMPLE_SIZE, sweep_run


class Command(BaseCommand):
    help = "Run one deadline sweep now: flag passed deadlines and send due reminders."

    def handle(self, *args: Any, **options: Any) -> None:
        result = sweep_run()
        for line in result.flagged_sample:
            self.stdout.write(f"flagged: {line}")
        if result.flagged > SAMPLE_SIZE:
            self.stdout.write(f"… and {result.flagged - SAMPLE_SIZE} more")
        self.stdout.write(
            f"Sweep done in {result.duration_ms} ms: {result.flagged} deadline(s) flagged as passed, "
            f"{result.reminded} reminder(s) sent."
        )
