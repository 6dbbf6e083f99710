"""Deadline: when a commitment falls due, as stated and as a UTC instant."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from agreements.choices import DeadlinePrecision, DeadlineState
from agreements.due_at import DueAtError, StatedDeadline, compute_due_at, describe_due, is_iana_zone
from agreements.models.commitment import Commitment
from agreements.models.source import Source
from utilities.folding import fold_all
from utilities.models import ChecksEnforcedByDatabase, TimeStamped


def validate_iana_zone(name: str) -> None:
    """Refuse anything but an IANA time zone name."""
    if not is_iana_zone(name):
        raise ValidationError(f"{name!r} is not an IANA time zone name (such as 'Africa/Tripoli').")


class Deadline(ChecksEnforcedByDatabase, TimeStamped):
    """When a commitment falls due.

    The deadline is kept as the document states it — ``wording``, the local date
    parts (``year`` … ``time``) to the stated ``precision``, and the IANA
    ``time_zone`` of the place it applies to — and ``due_at``, the UTC instant at
    which it passes, is derived from those on every save and never entered.
    An ``unspecified`` deadline ("in the near future") has no ``due_at`` and is
    never flagged; it may carry a ``review_on`` date for editors.

    ``state`` moves from ``upcoming`` to ``passed`` once, in the sweep; editors
    mark deadlines ``met`` or ``cancelled`` through the services.
    """

    commitment = models.ForeignKey(Commitment, on_delete=models.CASCADE, related_name="deadlines")
    wording = models.TextField(help_text='As written: "as of 00.00 hours on 12 January".')
    source = models.ForeignKey(Source, null=True, blank=True, on_delete=models.SET_NULL, related_name="deadlines")
    time_zone = models.CharField(
        max_length=64,
        validators=[validate_iana_zone],
        help_text="IANA time zone of the place the deadline applies to, e.g. Africa/Tripoli.",
    )
    precision = models.CharField(max_length=12, choices=DeadlinePrecision.choices)
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    month = models.PositiveSmallIntegerField(null=True, blank=True)
    day = models.PositiveSmallIntegerField(null=True, blank=True)
    time = models.TimeField(null=True, blank=True, help_text="Local time, for an instant.")
    due_at = models.DateTimeField(null=True, blank=True, editable=False, help_text="Derived: when it passes (UTC).")
    due_display = models.CharField(max_length=120, blank=True, editable=False, help_text="Derived: as stated.")
    review_on = models.DateField(null=True, blank=True, help_text="When an editor should look again.")
    state = models.CharField(
        max_length=12, choices=DeadlineState.choices, default=DeadlineState.UPCOMING, editable=False
    )
    passed_at = models.DateTimeField(null=True, blank=True, editable=False)
    next_reminder_at = models.DateTimeField(null=True, blank=True, editable=False)
    schedule_revision = models.PositiveIntegerField(
        default=0, editable=False, help_text="Counts changes of due_at; each schedule passes once."
    )
    search_text = models.TextField(editable=False, default="")

    history = HistoricalRecords(excluded_fields=["next_reminder_at", "search_text", "schedule_revision", "due_display"])

    class Meta:
        ordering = ["due_at", "id"]
        indexes = [
            # The sweep's query: upcoming deadlines by due_at. Partial, so its size
            # is the number of upcoming deadlines, not the whole table.
            models.Index(fields=["due_at"], condition=Q(state=DeadlineState.UPCOMING), name="deadline_due_upcoming"),
            models.Index(
                fields=["next_reminder_at"],
                condition=Q(state=DeadlineState.UPCOMING, next_reminder_at__isnull=False),
                name="deadline_reminder_due",
            ),
            models.Index(fields=["state", "due_at"], name="deadline_state_due"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=(Q(precision=DeadlinePrecision.UNSPECIFIED) & Q(due_at__isnull=True))
                | (~Q(precision=DeadlinePrecision.UNSPECIFIED) & Q(due_at__isnull=False)),
                name="deadline_due_at_iff_specified",
            ),
            models.CheckConstraint(
                condition=Q(state=DeadlineState.PASSED, passed_at__isnull=False)
                | (~Q(state=DeadlineState.PASSED) & Q(passed_at__isnull=True)),
                name="deadline_passed_at_iff_passed",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.wording[:60]} ({self.display_due})"

    def stated(self) -> StatedDeadline:
        return StatedDeadline(
            precision=self.precision,
            time_zone=self.time_zone,
            year=self.year,
            month=self.month,
            day=self.day,
            time=self.time,
        )

    def compute_due_at(self) -> dt.datetime | None:
        """The UTC instant this deadline passes; raises ValidationError per field."""
        try:
            return compute_due_at(self.stated())
        except DueAtError as exc:
            raise ValidationError(exc.errors) from None

    def derive(self) -> None:
        """Set ``due_at`` and ``due_display`` from the stated parts, once per set of parts.

        ``clean()`` derives (so a validated save reports a bad date by field), and
        ``save()`` derives only if the parts changed since: one computation per write.
        """
        stated = self.stated()
        if self.__dict__.get("_derived") == (stated, self.due_at, self.due_display):
            return
        self.due_at = self.compute_due_at()
        self.due_display = self.display_due
        self._derived = (stated, self.due_at, self.due_display)

    def clean(self) -> None:
        super().clean()
        self.derive()

    def save(self, *args: object, **kwargs: object) -> None:
        self.derive()
        self.search_text = fold_all([self.wording])
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    @property
    def display_due(self) -> str:
        """The deadline as stated, in its own time zone: '00:00 on 12 January 2020 (Africa/Tripoli)'."""
        return describe_due(self.precision, self.time_zone, self.year, self.month, self.day, self.time)

    def compute_next_reminder_at(self, now: dt.datetime, leads: Sequence[dt.timedelta]) -> dt.datetime | None:
        """The next moment a ``deadline.approaching`` reminder is due, if any.

        Only leads still ahead of ``now`` count: a deadline entered two days before
        it falls due gets its one-day reminder, not a stale seven-day one.
        """
        if self.state != DeadlineState.UPCOMING or self.due_at is None:
            return None
        ahead = [self.due_at - lead for lead in leads if self.due_at - lead > now]
        return min(ahead) if ahead else None
