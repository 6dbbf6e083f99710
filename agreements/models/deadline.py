"""Deadline: when a commitment falls due, as stated and as a UTC instant."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from agreements.choices import DeadlineAnchor, DeadlinePrecision, DeadlineState
from agreements.due_at import DueAtError, StatedDeadline, is_iana_zone
from agreements.durations import Offset, OffsetError
from agreements.models.commitment import Commitment
from agreements.models.source import Source
from agreements.schedule import Extension, Moment, Schedule, anchored_schedule, calendar_schedule
from utilities.folding import fold_all
from utilities.models import ChecksEnforcedByDatabase, TimeStamped
from utilities.text import shorten


def validate_iana_zone(name: str) -> None:
    """Refuse anything but an IANA time zone name."""
    if not is_iana_zone(name):
        raise ValidationError(f"{name!r} is not an IANA time zone name (such as 'Africa/Tripoli').")


class Deadline(ChecksEnforcedByDatabase, TimeStamped):
    """When a commitment falls due.

    The deadline is kept as the document states it — ``wording``, and either the
    local date parts (``year`` … ``time``) to the stated ``precision`` in the
    IANA ``time_zone`` of the place it applies to, or an ``anchor`` and an
    ``offset`` ("within three months of signing", "two days after the ceasefire
    starts"). Everything else is derived, never entered: for an anchored
    deadline its date parts and precision (counted from the anchor, see
    :mod:`agreements.schedule`), and for every deadline ``due_at``, the UTC
    instant at which it passes, with ``due_precision`` — the stated precision,
    or the extensions' (``DeadlineExtension``) — and ``due_display``.

    An anchor counts from when it actually happened (``met_at``, recorded by an
    editor) or else from when it falls due. A deadline whose anchor has neither
    waits: no ``due_at``, ``waiting_for`` says why, and it is never flagged;
    nor is an ``unspecified`` deadline ("in the near future"), which may carry a
    ``review_on`` date for editors.

    ``state`` moves from ``upcoming`` to ``passed`` once, in the sweep; editors
    mark deadlines ``met`` or ``cancelled`` through the services.
    """

    commitment = models.ForeignKey(Commitment, on_delete=models.CASCADE, related_name="deadlines")
    wording = models.TextField(
        help_text='The deadline as the source states it, e.g. "as of 00.00 hours on 12 January".'
    )
    source = models.ForeignKey(Source, null=True, blank=True, on_delete=models.SET_NULL, related_name="deadlines")
    time_zone = models.CharField(
        max_length=64,
        validators=[validate_iana_zone],
        help_text="IANA time zone of the place the deadline applies to, e.g. Africa/Tripoli.",
    )
    anchor_kind = models.CharField(
        max_length=10,
        choices=DeadlineAnchor.choices,
        blank=True,
        help_text="Empty: stated in the calendar. Else what it counts from: another deadline, or signing.",
    )
    anchor = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="dependents",
        help_text="The deadline this one counts from (a deadline of this agreement or a linked one).",
    )
    offset = models.CharField(
        max_length=40, blank=True, help_text="How long after the anchor: an ISO 8601 duration (P3M, P14D, PT72H)."
    )
    precision = models.CharField(max_length=12, choices=DeadlinePrecision.choices)
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    month = models.PositiveSmallIntegerField(null=True, blank=True)
    day = models.PositiveSmallIntegerField(null=True, blank=True)
    time = models.TimeField(null=True, blank=True, help_text="Local time, for an instant.")
    due_at = models.DateTimeField(null=True, blank=True, editable=False, help_text="Derived: when it passes (UTC).")
    due_precision = models.CharField(
        max_length=12,
        choices=DeadlinePrecision.choices,
        default=DeadlinePrecision.UNSPECIFIED,
        editable=False,
        help_text="Derived: the precision of due_at (the stated one, or an extension's).",
    )
    due_display = models.CharField(max_length=500, blank=True, editable=False, help_text="Derived: as stated.")
    waiting_for = models.CharField(
        max_length=300, blank=True, editable=False, help_text="Derived: what an anchored deadline waits for."
    )
    review_on = models.DateField(null=True, blank=True, help_text="When an editor should look again.")
    state = models.CharField(
        max_length=12, choices=DeadlineState.choices, default=DeadlineState.UPCOMING, editable=False
    )
    passed_at = models.DateTimeField(null=True, blank=True, editable=False)
    met_at = models.DateTimeField(
        null=True,
        blank=True,
        editable=False,
        help_text="When it was met, where a source says (dependents count from it).",
    )
    next_reminder_at = models.DateTimeField(null=True, blank=True, editable=False)
    schedule_revision = models.PositiveIntegerField(
        default=0, editable=False, help_text="Counts changes of due_at; each schedule passes once."
    )
    extended_times = models.PositiveSmallIntegerField(default=0, editable=False)
    search_text = models.TextField(editable=False, default="")

    history = HistoricalRecords(
        excluded_fields=["next_reminder_at", "search_text", "schedule_revision", "due_display", "waiting_for"]
    )

    class Meta:
        # Not yet computable (waiting for an anchor) last, on either database.
        ordering = [models.F("due_at").asc(nulls_last=True), "id"]
        indexes = [
            # The sweep's query: upcoming deadlines due, in (due_at, id) order, a batch at a time.
            # Partial, so its size is the number of upcoming deadlines, not the whole table; with
            # the id, a batch of a backlog that fell due at one moment is read straight off the
            # index instead of sorting every deadline due at that moment for each batch.
            models.Index(
                fields=["due_at", "id"], condition=Q(state=DeadlineState.UPCOMING), name="deadline_due_upcoming"
            ),
            models.Index(
                fields=["next_reminder_at"],
                condition=Q(state=DeadlineState.UPCOMING, next_reminder_at__isnull=False),
                name="deadline_reminder_due",
            ),
            models.Index(fields=["state", "due_at"], name="deadline_state_due"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=(Q(due_precision=DeadlinePrecision.UNSPECIFIED) & Q(due_at__isnull=True))
                | (~Q(due_precision=DeadlinePrecision.UNSPECIFIED) & Q(due_at__isnull=False)),
                name="deadline_due_at_iff_specified",
            ),
            models.CheckConstraint(
                condition=Q(state=DeadlineState.PASSED, passed_at__isnull=False)
                | (~Q(state=DeadlineState.PASSED) & Q(passed_at__isnull=True)),
                name="deadline_passed_at_iff_passed",
            ),
            models.CheckConstraint(
                condition=Q(met_at__isnull=True) | Q(state=DeadlineState.MET), name="deadline_met_at_only_when_met"
            ),
            models.CheckConstraint(
                condition=(Q(anchor_kind=DeadlineAnchor.DEADLINE) & Q(anchor__isnull=False))
                | (~Q(anchor_kind=DeadlineAnchor.DEADLINE) & Q(anchor__isnull=True)),
                name="deadline_anchor_iff_anchored_on_a_deadline",
            ),
            models.CheckConstraint(condition=Q(anchor_kind="") | ~Q(offset=""), name="deadline_anchored_has_offset"),
            models.CheckConstraint(condition=~Q(anchor=models.F("id")), name="deadline_not_its_own_anchor"),
        ]

    def __str__(self) -> str:
        return f"{shorten(self.wording, 60)} ({self.due_display})"

    @property
    def is_anchored(self) -> bool:
        return bool(self.anchor_kind)

    def stated(self) -> StatedDeadline:
        return StatedDeadline(
            precision=self.precision,
            time_zone=self.time_zone,
            year=self.year,
            month=self.month,
            day=self.day,
            time=self.time,
        )

    # --- when it happened, for its dependents ------------------------------------

    def moment(self) -> Moment | None:
        """When this deadline happened (met at a recorded moment) or falls due; None if neither is known.

        Its dependents count from this.
        """
        if self.state == DeadlineState.MET and self.met_at is not None:
            return Moment.from_instant(self.met_at, self.time_zone)
        if self.due_at is None:
            return None
        return Moment.from_due(self.due_at, self.due_precision, self.time_zone)

    def label(self) -> str:
        """How a dependent names it: 'deadline 14 (“ceasefire from 00:00 on 15 February”)'."""
        return f"deadline {self.pk} (“{shorten(self.wording, 60)}”)"

    def _waiting_reason(self) -> str:
        if self.waiting_for:
            return f"deadline {self.pk} to have a date (it waits for {self.waiting_for})"
        return f"deadline {self.pk} to be met at a recorded moment"

    # --- its own schedule ---------------------------------------------------------

    def extension_rows(self) -> list[DeadlineExtension]:
        """Its extensions in order (none are read for a deadline never extended)."""
        if not self.pk or not self.extended_times:
            return []
        cache = getattr(self, "_prefetched_objects_cache", {})
        rows = cache["extensions"] if "extensions" in cache else self.extensions.all()
        return sorted(rows, key=lambda row: row.position)

    def _inputs(self) -> tuple[object, ...]:
        """Everything the schedule depends on: what ``derive()`` is computed from."""
        anchor: tuple[object, ...] = ()
        if self.anchor_kind == DeadlineAnchor.DEADLINE and self.anchor is not None:
            a = self.anchor
            anchor = (a.pk, a.due_at, a.due_precision, a.state, a.met_at, a.time_zone, a.waiting_for, a.wording)
        elif self.anchor_kind == DeadlineAnchor.SIGNED:
            agreement = self.commitment.agreement
            anchor = (agreement.date, agreement.date_precision)
        extensions = tuple(row.key() for row in self.extension_rows())
        return (self.stated(), self.anchor_kind, self.offset, anchor, extensions)

    def schedule(self) -> Schedule:
        """What the statement comes to (raises ValidationError by field)."""
        errors: dict[str, str] = {}
        extensions: list[Extension] = []
        for row in self.extension_rows():
            try:
                extensions.append(row.as_extension(self.time_zone))
            except (DueAtError, OffsetError) as exc:  # stored rows were checked; say which one broke
                errors["extensions"] = f"Extension {row.position + 1}: {exc}"
        try:
            if not self.anchor_kind:
                if self.offset:
                    errors["offset"] = "An offset needs an anchor (anchor_id, or anchor_kind 'signed')."
                if errors:
                    raise ValidationError(errors)
                return calendar_schedule(self.stated(), extensions)
            try:
                offset = Offset.parse(self.offset)
            except OffsetError as exc:
                errors["offset"] = str(exc)
            if errors:
                raise ValidationError(errors)
            anchor, label, waiting = self._anchor()
            return anchored_schedule(
                anchor=anchor,
                anchor_label=label,
                waiting_for=waiting,
                offset=offset,
                time_zone=self.time_zone,
                extensions=extensions,
            )
        except DueAtError as exc:
            raise ValidationError({**errors, **exc.errors}) from None

    def _anchor(self) -> tuple[Moment | None, str, str]:
        """The anchor's moment (None: not yet known), how to name it, and what a waiting deadline waits for."""
        if self.anchor_kind == DeadlineAnchor.SIGNED:
            agreement = self.commitment.agreement
            if agreement.date is None:
                return None, "signing", "the agreement's date of signing"
            return Moment.from_date(agreement.date, agreement.date_precision, self.time_zone), "signing", ""
        if self.anchor is None:
            raise ValidationError({"anchor": "Name the deadline this one counts from."})
        anchor = self.anchor
        moment = anchor.moment()
        return moment, anchor.label(), "" if moment is not None else anchor._waiting_reason()

    def derive(self) -> None:
        """Set the derived fields from the statement, once per set of inputs.

        ``clean()`` derives (so a validated save reports a bad date by field), and
        ``save()`` derives again only if an input changed since: one computation per write.
        """
        inputs = self._inputs()
        if self.__dict__.get("_derived") == (inputs, self.due_at, self.due_display):
            return
        schedule = self.schedule()
        if self.anchor_kind:
            base = schedule.base
            self.precision = base.precision if base else DeadlinePrecision.UNSPECIFIED
            self.year, self.month, self.day = (base.year, base.month, base.day) if base else (None, None, None)
            self.time = base.time if base else None
        due = schedule.due
        self.due_at = due.due_at if due else None
        self.due_precision = due.precision if due else DeadlinePrecision.UNSPECIFIED
        self.due_display = schedule.display
        self.waiting_for = schedule.waiting_for
        self._derived = (self._inputs(), self.due_at, self.due_display)

    def clean(self) -> None:
        super().clean()
        try:
            self.derive()
        except ValidationError as error:
            if is_iana_zone(self.time_zone) or not hasattr(error, "error_dict"):
                raise
            # A zone that is none: the field's own validator says so, once.
            rest = {field: errors for field, errors in error.error_dict.items() if field != "time_zone"}
            if rest:
                raise ValidationError(rest) from None

    def save(self, *args: object, **kwargs: object) -> None:
        self.derive()
        self.search_text = fold_all([self.wording])
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    @property
    def display_due(self) -> str:
        """The deadline as stated, in its own time zone: '00:00 on 12 January 2020 (Africa/Tripoli)'."""
        return self.due_display

    def compute_next_reminder_at(self, now: dt.datetime, leads: Sequence[dt.timedelta]) -> dt.datetime | None:
        """The next moment a ``deadline.approaching`` reminder is due, if any.

        Only leads still ahead of ``now`` count: a deadline entered two days before
        it falls due gets its one-day reminder, not a stale seven-day one.
        """
        if self.state != DeadlineState.UPCOMING or self.due_at is None:
            return None
        ahead = [self.due_at - lead for lead in leads if self.due_at - lead > now]
        return min(ahead) if ahead else None


class DeadlineExtension(models.Model):
    """One extension of a deadline, in order: by an offset ("another 72 hours") or to a date ("to 30 June").

    The deadline's own statement is kept as the document made it; its ``due_at``
    is the statement followed by its extensions. Each row keeps who extended it,
    when, on what source, and the ``due_at`` before and after — the history of
    the schedule.
    """

    deadline = models.ForeignKey(Deadline, on_delete=models.CASCADE, related_name="extensions")
    position = models.PositiveSmallIntegerField()
    by = models.CharField(max_length=40, blank=True, help_text="An ISO 8601 duration (PT72H, P7D).")
    to_precision = models.CharField(max_length=12, choices=DeadlinePrecision.choices, blank=True)
    to_year = models.PositiveSmallIntegerField(null=True, blank=True)
    to_month = models.PositiveSmallIntegerField(null=True, blank=True)
    to_day = models.PositiveSmallIntegerField(null=True, blank=True)
    to_time = models.TimeField(null=True, blank=True)
    wording = models.TextField(blank=True, help_text='As the source words it: "extended for another 72 hours".')
    note = models.TextField(blank=True)
    source = models.ForeignKey(Source, null=True, blank=True, on_delete=models.SET_NULL, related_name="extensions")
    previous_due_at = models.DateTimeField(null=True, blank=True)
    due_at = models.DateTimeField(null=True, blank=True)
    extended_at = models.DateTimeField()
    extended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["deadline_id", "position"]
        constraints = [
            models.UniqueConstraint(fields=["deadline", "position"], name="deadline_extension_position"),
            models.CheckConstraint(
                condition=(~Q(by="") & Q(to_precision="")) | (Q(by="") & ~Q(to_precision="")),
                name="deadline_extension_by_or_to",
            ),
        ]

    def __str__(self) -> str:
        return f"extension {self.position + 1} of deadline {self.deadline_id}: {self.describe()}"

    def describe(self) -> str:
        if self.by:
            return f"by {Offset.parse(self.by).words()}"
        moment = Moment.from_stated(self.stated_to(self.deadline.time_zone))
        return f"to {moment.describe() if moment else 'an unspecified date'}"

    def stated_to(self, time_zone: str) -> StatedDeadline:
        return StatedDeadline(self.to_precision, time_zone, self.to_year, self.to_month, self.to_day, self.to_time)

    def key(self) -> tuple[object, ...]:
        return (self.position, self.by, self.to_precision, self.to_year, self.to_month, self.to_day, self.to_time)

    def as_extension(self, time_zone: str) -> Extension:
        """The extension, its date read in the deadline's ``time_zone``."""
        if self.by:
            return Extension(by=Offset.parse(self.by))
        return Extension(to=Moment.from_stated(self.stated_to(time_zone)))
