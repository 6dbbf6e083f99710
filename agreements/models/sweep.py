"""SweepRecord: when the deadline sweep last completed (for ``/readyz``)."""

from __future__ import annotations

from django.db import models


class SweepRecord(models.Model):
    """A single row (``pk=1``), replaced at the end of every sweep."""

    completed_at = models.DateTimeField(help_text="Wall-clock time the sweep finished.")
    swept_until = models.DateTimeField(help_text="The instant the sweep flagged deadlines up to.")
    flagged = models.PositiveIntegerField(default=0)
    reminded = models.PositiveIntegerField(default=0)
    duration_ms = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "deadline sweep"

    def __str__(self) -> str:
        return f"sweep completed {self.completed_at:%Y-%m-%d %H:%M:%S}Z"
