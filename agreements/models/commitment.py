"""Commitment: one undertaking of an agreement, with an editor's status."""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.db.models import Min, Q
from simple_history.models import HistoricalRecords

from agreements.choices import CommitmentCategory, CommitmentStatus, DeadlineState
from agreements.models.actor import Actor
from agreements.models.agreement import Agreement
from agreements.models.source import Source
from utilities.folding import fold_all
from utilities.models import TimeStamped
from utilities.text import shorten


class Commitment(TimeStamped):
    """One undertaking: its wording as written, who is bound, and what became of it.

    ``status`` changes only through ``commitment_set_status``, which records a
    StatusChange with its sources. ``overdue_since`` is set by the deadline
    sweep when a deadline passes while the status is not met or withdrawn: to
    the moment that deadline fell due, which for a deadline entered after the
    fact is earlier than the sweep that noticed it.
    """

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="commitments")
    number = models.CharField(max_length=20, help_text='As numbered in the text ("1", "4(b)").')
    position = models.PositiveIntegerField(default=0, help_text="Order within the agreement.")
    wording = models.TextField(help_text="The official wording, quoted exactly.")
    wording_source = models.ForeignKey(
        Source,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="quoted_commitments",
        help_text="Where the wording is quoted from.",
    )
    summary = models.CharField(max_length=500, blank=True, help_text="In our own words.")
    category = models.CharField(max_length=20, choices=CommitmentCategory.choices)
    bound_actors = models.ManyToManyField(Actor, blank=True, related_name="commitments")
    status = models.CharField(
        max_length=20, choices=CommitmentStatus.choices, default=CommitmentStatus.NOT_ASSESSED, editable=False
    )
    status_changed_at = models.DateTimeField(null=True, blank=True, editable=False)
    overdue_since = models.DateTimeField(null=True, blank=True, editable=False)
    search_text = models.TextField(editable=False, default="")

    history = HistoricalRecords(m2m_fields=[bound_actors])

    class Meta:
        ordering = ["agreement_id", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["agreement", "number"], name="commitment_unique_number"),
        ]
        indexes = [
            # "Which commitments are overdue?" reads only the overdue ones.
            models.Index(fields=["overdue_since"], condition=Q(overdue_since__isnull=False), name="commitment_overdue"),
            models.Index(fields=["status"]),
        ]

    def __str__(self) -> str:
        return f"{self.agreement.title} — {self.number}. {shorten(self.summary or self.wording, 80)}"

    @property
    def is_overdue(self) -> bool:
        """A deadline has passed and the commitment is neither met nor withdrawn."""
        return self.overdue_since is not None

    def refresh_overdue(self) -> None:
        """Bring ``overdue_since`` in line with the stored status and deadlines.

        Overdue means: some deadline has passed and the status is neither met nor
        withdrawn. ``overdue_since`` is when the earliest passed deadline fell due
        (its ``due_at``, not when the sweep noticed), kept while it stays overdue; the
        sweep moves it back when it flags a deadline that fell due earlier still.
        Called by every service that changes either side of that rule.
        """
        # Read the stored state, the row locked first: this instance may predate a sweep, and a
        # sweep batch flagging another of its deadlines right now holds the row until it commits.
        # Reading the deadlines before it had would miss that one, and clear the batch's mark.
        # (A batch that comes after skips a commitment held here, and flags it later.)
        status, current = (
            Commitment.objects.select_for_update(no_key=True)
            .filter(pk=self.pk)
            .values_list("status", "overdue_since")
            .get()
        )
        overdue_since: dt.datetime | None = None
        if status not in CommitmentStatus.closing():
            earliest = self.deadlines.filter(state=DeadlineState.PASSED).aggregate(at=Min("due_at"))["at"]
            if earliest is not None:
                overdue_since = current or earliest
        if overdue_since != current:
            Commitment.objects.filter(pk=self.pk).update(overdue_since=overdue_since)
        self.overdue_since = overdue_since

    def compute_search_text(self) -> str:
        return fold_all([self.wording, self.summary])

    def save(self, *args: object, **kwargs: object) -> None:
        self.search_text = self.compute_search_text()
        super().save(*args, **kwargs)  # type: ignore[arg-type]
