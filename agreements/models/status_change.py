"""StatusChange: the public record of every change of a commitment's status."""

from __future__ import annotations

from collections.abc import Collection

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from agreements.choices import CommitmentStatus
from agreements.models.commitment import Commitment
from agreements.models.source import Source


class StatusChange(models.Model):
    """One change of a commitment's status: from, to, when, by whom, why, on what evidence.

    Rows are only ever added: this is the timeline and the corrections log, and
    a correction is a new change, never an edit of an old one.
    """

    commitment = models.ForeignKey(Commitment, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(max_length=20, choices=CommitmentStatus.choices)
    to_status = models.CharField(max_length=20, choices=CommitmentStatus.choices)
    changed_at = models.DateTimeField()
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.TextField(blank=True)
    sources = models.ManyToManyField(Source, blank=True, related_name="status_changes")

    class Meta:
        ordering = ["-changed_at", "-id"]
        indexes = [models.Index(fields=["commitment", "-changed_at"])]

    def __str__(self) -> str:
        return f"{self.get_from_status_display()} → {self.get_to_status_display()} ({self.changed_at:%Y-%m-%d})"

    @staticmethod
    def check_evidence(from_status: str, to_status: str, sources: Collection[Source]) -> None:
        """Refuse a change that asserts an outcome without a source, or changes nothing.

        A many-to-many relation cannot be checked in ``clean()`` before the row
        exists, so the service that records a change calls this first.
        """
        if to_status not in CommitmentStatus.values:
            raise ValidationError({"status": f"{to_status!r} is not a commitment status."})
        if to_status == from_status:
            raise ValidationError({"status": f"The commitment is already {to_status!r}."})
        if to_status in CommitmentStatus.needing_evidence() and not sources:
            raise ValidationError({"sources": f"A change to {to_status!r} needs at least one source that supports it."})
