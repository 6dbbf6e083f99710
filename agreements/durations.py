"""Offsets as agreements state them: ISO 8601 durations (``P3M``, ``P14D``, ``PT72H``, ``P2D``).

An offset counts forward from an anchor ("within three months of signing",
"no later than the second day after the ceasefire starts"). Its date part —
years, months, weeks, days — is calendar arithmetic in the deadline's own time
zone: a month is a calendar month (23 October + P3M = 23 January), a day is a
local day (also across a daylight-saving change), and a day that does not
exist in the target month is clamped to its last day (31 January + P1M =
28 or 29 February). Its time part — hours, minutes, seconds — is elapsed time
(72 hours are 72 hours, whatever the clocks do). These are the rules of the
TC39 Temporal proposal's ``ZonedDateTime.add``, which follows RFC 5545.

Offsets are never negative (an agreement states "within", "after"), and never
longer than a century: anything else is a typing error, refused by field.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from agreements.choices import DeadlinePrecision

MAX_YEARS = 100

_ISO = re.compile(
    r"^P(?!$)(?:(?P<years>\d+)Y)?(?:(?P<months>\d+)M)?(?:(?P<weeks>\d+)W)?(?:(?P<days>\d+)D)?"
    r"(?:T(?=\d)(?:(?P<hours>\d+)H)?(?:(?P<minutes>\d+)M)?(?:(?P<seconds>\d+)S)?)?$"
)
_NUMBERS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]


class OffsetError(ValueError):
    """The text is not an offset we accept; the message says why."""


@dataclass(frozen=True)
class Offset:
    """A non-negative ISO 8601 duration, kept in its parts (a month is not 30 days)."""

    years: int = 0
    months: int = 0
    weeks: int = 0
    days: int = 0
    hours: int = 0
    minutes: int = 0
    seconds: int = 0

    @classmethod
    def parse(cls, text: str) -> Offset:
        """``P3M``, ``P14D``, ``PT72H``, ``P1DT12H``; raises ``OffsetError`` for anything else."""
        if not isinstance(text, str) or not text.strip():
            raise OffsetError("Give an ISO 8601 duration such as P3M, P14D or PT72H.")
        cleaned = text.strip().upper()
        if cleaned.startswith("-"):
            raise OffsetError(f"{text!r} is negative: an offset counts forward from its anchor.")
        match = _ISO.match(cleaned)
        if match is None:
            raise OffsetError(
                f"{text!r} is not an ISO 8601 duration such as P3M, P14D or PT72H "
                "(whole numbers of years, months, weeks, days, hours, minutes, seconds)."
            )
        offset = cls(**{name: int(value) for name, value in match.groupdict().items() if value is not None})
        if offset.approximate_days() > MAX_YEARS * 366:
            raise OffsetError(f"{text!r} is longer than {MAX_YEARS} years.")
        return offset

    def approximate_days(self) -> float:
        """The length in days, months counted as 31 (only to bound what is accepted)."""
        return (
            self.years * 366
            + self.months * 31
            + self.weeks * 7
            + self.days
            + (self.hours * 3600 + self.minutes * 60 + self.seconds) / 86400
        )

    @property
    def calendar_days(self) -> int:
        return self.weeks * 7 + self.days

    @property
    def elapsed(self) -> dt.timedelta:
        return dt.timedelta(hours=self.hours, minutes=self.minutes, seconds=self.seconds)

    @property
    def finest(self) -> str:
        """The finest precision the offset speaks to: an hour is an instant, a day a day."""
        if self.hours or self.minutes or self.seconds:
            return DeadlinePrecision.INSTANT
        if self.weeks or self.days:
            return DeadlinePrecision.DAY
        if self.months:
            return DeadlinePrecision.MONTH
        if self.years:
            return DeadlinePrecision.YEAR
        return DeadlinePrecision.YEAR  # P0D and friends add nothing: any precision stays

    def iso(self) -> str:
        """The canonical ISO 8601 text (``P0D`` for nothing)."""
        date = "".join(
            f"{value}{unit}"
            for value, unit in ((self.years, "Y"), (self.months, "M"), (self.weeks, "W"), (self.days, "D"))
            if value
        )
        time = "".join(
            f"{value}{unit}" for value, unit in ((self.hours, "H"), (self.minutes, "M"), (self.seconds, "S")) if value
        )
        if not date and not time:
            return "P0D"
        return f"P{date}" + (f"T{time}" if time else "")

    def words(self) -> str:
        """In words, as a document would say it: 'three months', '72 hours', '1 day and 12 hours'."""
        parts = [
            _count(value, unit)
            for value, unit in (
                (self.years, "year"),
                (self.months, "month"),
                (self.weeks, "week"),
                (self.days, "day"),
                (self.hours, "hour"),
                (self.minutes, "minute"),
                (self.seconds, "second"),
            )
            if value
        ]
        if not parts:
            return "no time"
        return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def _count(value: int, unit: str) -> str:
    number = _NUMBERS[value] if value < len(_NUMBERS) else str(value)
    return f"{number} {unit}{'' if value == 1 else 's'}"


def add_months(date: dt.date, months: int) -> dt.date:
    """``date`` plus calendar months, the day clamped to the target month's last day."""
    index = date.year * 12 + date.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    last = (dt.date(year + (month == 12), month % 12 + 1, 1) - dt.timedelta(days=1)).day
    return dt.date(year, month, min(date.day, last))
