"""When a deadline falls due when the agreement states it relative to something else.

A deadline is stated either in the calendar ("as of 00:00 on 12 January",
:mod:`agreements.due_at`) or as an offset from an anchor: the agreement's
signing ("within a period of three months from the date of signing") or
another deadline ("no later than the second day after the ceasefire starts",
"within 72 hours of Israel publicly accepting"). Extensions then move it on
("extended by another 72 hours", "extended to 30 June"), in order.

Everything here is pure: a :class:`Moment` is a point in time as precisely as
it is known — an exact instant, or a day, month or year — in a time zone, and
the functions below add offsets to moments and render them. Where the inputs
come from (the anchor's row, the agreement's date, the extensions) is the
services' business (:mod:`agreements.services.schedules`).

Precision follows the anchor and the offset, the finer of the two: an instant
plus hours is an instant, a day plus months is a day, a month plus days is a
day. An offset finer than its anchor counts from the anchor's *end* — the
moment the anchor itself would pass — which is the latest the document can
mean: "within 14 days of March 2021" is by 14 April. Date parts are calendar
arithmetic in the deadline's own zone; time parts are elapsed time
(:mod:`agreements.durations`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace

from agreements.choices import DatePrecision, DeadlinePrecision
from agreements.due_at import StatedDeadline, compute_due_at, describe_due, zone
from agreements.durations import Offset, add_months

# Coarsest first.
_ORDER: list[str] = [DeadlinePrecision.YEAR, DeadlinePrecision.MONTH, DeadlinePrecision.DAY, DeadlinePrecision.INSTANT]
_TINY = dt.timedelta(microseconds=1)


def finer(a: str, b: str) -> str:
    """The finer of two precisions."""
    return a if _ORDER.index(a) >= _ORDER.index(b) else b


@dataclass(frozen=True)
class Moment:
    """A point in time as precisely as it is known, in an IANA time zone.

    ``instant`` (UTC) is set for an exact instant — kept exact, also where the
    local wall time happens twice; ``year`` … ``day`` are the local parts.
    """

    precision: str
    time_zone: str
    year: int
    month: int | None = None
    day: int | None = None
    instant: dt.datetime | None = None

    # --- made from -----------------------------------------------------------

    @classmethod
    def from_instant(cls, at: dt.datetime, time_zone: str) -> Moment:
        local = at.astimezone(zone(time_zone))
        return cls(
            DeadlinePrecision.INSTANT, time_zone, local.year, local.month, local.day, instant=at.astimezone(dt.UTC)
        )

    @classmethod
    def from_stated(cls, stated: StatedDeadline) -> Moment | None:
        """A deadline stated in the calendar; None if it is unspecified."""
        due = compute_due_at(stated)
        if due is None:
            return None
        if stated.precision == DeadlinePrecision.INSTANT:
            return cls.from_instant(due, stated.time_zone)
        assert stated.year is not None
        return cls(stated.precision, stated.time_zone, stated.year, stated.month, stated.day)

    @classmethod
    def from_due(cls, due_at: dt.datetime, precision: str, time_zone: str) -> Moment:
        """A moment from when it passes: the end of its day, month or year, or the instant itself."""
        if precision == DeadlinePrecision.INSTANT:
            return cls.from_instant(due_at, time_zone)
        # due_at is the first instant after the period: step back into it.
        last = (due_at.astimezone(zone(time_zone)) - _TINY).date()
        if precision == DeadlinePrecision.DAY:
            return cls(precision, time_zone, last.year, last.month, last.day)
        if precision == DeadlinePrecision.MONTH:
            return cls(precision, time_zone, last.year, last.month)
        return cls(precision, time_zone, last.year)

    @classmethod
    def from_date(cls, date: dt.date, precision: str, time_zone: str) -> Moment:
        """An agreement's date (``DatePrecision``: day, month or year) as a moment in ``time_zone``."""
        if precision == DatePrecision.YEAR:
            return cls(DeadlinePrecision.YEAR, time_zone, date.year)
        if precision == DatePrecision.MONTH:
            return cls(DeadlinePrecision.MONTH, time_zone, date.year, date.month)
        return cls(DeadlinePrecision.DAY, time_zone, date.year, date.month, date.day)

    # --- reading ---------------------------------------------------------------

    @property
    def time(self) -> dt.time | None:
        if self.instant is None:
            return None
        return self.instant.astimezone(zone(self.time_zone)).time().replace(tzinfo=None)

    @property
    def stated(self) -> StatedDeadline:
        return StatedDeadline(self.precision, self.time_zone, self.year, self.month, self.day, self.time)

    @property
    def due_at(self) -> dt.datetime:
        """When the moment has passed: the instant, or the end of its day, month or year."""
        if self.instant is not None:
            return self.instant
        due = compute_due_at(self.stated)
        assert due is not None
        return due

    def describe(self) -> str:
        """'00:00 on 12 January 2020 (Africa/Tripoli)', 'end of March 2021', … (as ``due_at`` does)."""
        return describe_due(self.precision, self.time_zone, self.year, self.month, self.day, self.time)

    def by(self) -> str:
        """The latest moment, as a document says it: 'by 23 January 2021 (Africa/Tripoli)'."""
        if self.precision == DeadlinePrecision.DAY:
            return f"by {self.day} {dt.date(self.year, self.month or 1, 1):%B %Y} ({self.time_zone})"
        if self.precision == DeadlinePrecision.INSTANT:
            return f"by {self.describe()}"
        return f"by the {self.describe()}"

    # --- arithmetic --------------------------------------------------------------

    def in_zone(self, time_zone: str) -> Moment:
        """The same moment seen from ``time_zone``: an instant is converted, a date keeps its parts."""
        if self.instant is not None:
            return Moment.from_instant(self.instant, time_zone)
        return replace(self, time_zone=time_zone)

    def plus(self, offset: Offset) -> Moment:
        """This moment plus ``offset``, calendar-aware in this moment's zone (see the module docs)."""
        target = finer(self.precision, offset.finest)
        months = offset.years * 12 + offset.months
        if target == DeadlinePrecision.INSTANT:
            start = self.instant if self.instant is not None else self.due_at
            tz = zone(self.time_zone)
            local = start.astimezone(tz)
            date = add_months(local.date(), months) + dt.timedelta(days=offset.calendar_days)
            # The same wall-clock time on the new day. fold=0 resolves a time the clocks
            # skip to the later side and one they repeat to the earlier (Temporal's
            # "compatible" disambiguation).
            wall = dt.datetime.combine(date, local.time().replace(tzinfo=None)).replace(tzinfo=tz, fold=0)
            return Moment.from_instant(wall.astimezone(dt.UTC) + offset.elapsed, self.time_zone)
        # A date-like moment, expanded to the target precision from its end.
        year, month, day = self.year, self.month, self.day
        if target in (DeadlinePrecision.MONTH, DeadlinePrecision.DAY) and month is None:
            month = 12
        if target == DeadlinePrecision.DAY and day is None:
            assert month is not None
            day = (add_months(dt.date(year, month, 1), 1) - dt.timedelta(days=1)).day
        if target == DeadlinePrecision.YEAR:
            return Moment(target, self.time_zone, year + offset.years)
        assert month is not None
        if target == DeadlinePrecision.MONTH:
            first = add_months(dt.date(year, month, 1), months)
            return Moment(target, self.time_zone, first.year, first.month)
        assert day is not None
        date = add_months(dt.date(year, month, day), months) + dt.timedelta(days=offset.calendar_days)
        return Moment(target, self.time_zone, date.year, date.month, date.day)


@dataclass(frozen=True)
class Extension:
    """One extension, in order: by an offset, or to a stated moment."""

    by: Offset | None = None
    to: Moment | None = None

    def apply(self, moment: Moment) -> Moment:
        if self.to is not None:
            return self.to
        assert self.by is not None
        return moment.plus(self.by)


@dataclass(frozen=True)
class Schedule:
    """What a deadline's statement comes to.

    ``base`` is the schedule as the document states it (its calendar parts, or
    its anchor plus offset), ``due`` the same after its extensions; both are None
    while the deadline waits for its anchor (``waiting_for`` says what for) or
    when it is unspecified.
    """

    base: Moment | None
    due: Moment | None
    display: str
    waiting_for: str = ""


def extended(moment: Moment, extensions: Sequence[Extension]) -> Moment:
    for extension in extensions:
        moment = extension.apply(moment)
    return moment


def _with_extensions(text: str, due: Moment, extensions: Sequence[Extension]) -> str:
    if not extensions:
        return text
    times = "once" if len(extensions) == 1 else "twice" if len(extensions) == 2 else f"{len(extensions)} times"
    return f"{text}; extended {times}, now {due.by()}"


def calendar_schedule(stated: StatedDeadline, extensions: Sequence[Extension] = ()) -> Schedule:
    """A deadline stated in the calendar (raises ``DueAtError`` per field for bad parts)."""
    base = Moment.from_stated(stated)
    if base is None:
        return Schedule(None, None, "unspecified")
    due = extended(base, extensions)
    return Schedule(base, due, _with_extensions(base.describe(), due, extensions))


def anchored_schedule(
    *,
    anchor: Moment | None,
    anchor_label: str,
    waiting_for: str,
    offset: Offset,
    time_zone: str,
    extensions: Sequence[Extension] = (),
) -> Schedule:
    """A deadline ``offset`` after ``anchor`` (None: the anchor has no moment yet)."""
    phrase = f"within {offset.words()} of {anchor_label}"
    if anchor is None:
        return Schedule(None, None, f"{phrase} — waiting for {waiting_for}", waiting_for=waiting_for)
    base = anchor.in_zone(time_zone).plus(offset)
    due = extended(base, extensions)
    return Schedule(base, due, _with_extensions(f"{phrase} — {base.by()}", due, extensions))
