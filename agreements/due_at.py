"""When a deadline passes: ``due_at`` from the stated date parts, precision and zone.

A deadline is stated the way the document states it ("as of 00.00 hours on
12 January", "by the end of March", "in 2021") in the local time of the place
it applies to. It passes at the stated instant, or at the end of the stated
day, month or year in that zone, which is the first instant of the next one.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache
from zoneinfo import ZoneInfo, available_timezones

from agreements.choices import DeadlinePrecision

MIN_YEAR = 1900
MAX_YEAR = 2200

# Which date parts each precision needs; the others must be left empty.
REQUIRED_PARTS: dict[str, tuple[str, ...]] = {
    DeadlinePrecision.INSTANT: ("year", "month", "day", "time"),
    DeadlinePrecision.DAY: ("year", "month", "day"),
    DeadlinePrecision.MONTH: ("year", "month"),
    DeadlinePrecision.YEAR: ("year",),
    DeadlinePrecision.UNSPECIFIED: (),
}
PARTS = ("year", "month", "day", "time")


class DueAtError(ValueError):
    """A deadline's parts do not name one instant; ``errors`` maps field to message."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("; ".join(f"{k}: {v}" for k, v in errors.items()))
        self.errors = errors


@dataclass(frozen=True)
class StatedDeadline:
    """A deadline as a document states it."""

    precision: str
    time_zone: str
    year: int | None = None
    month: int | None = None
    day: int | None = None
    time: dt.time | None = None


# Files in a system's zoneinfo folder that are not IANA zone names.
_NOT_ZONES = frozenset({"localtime", "posixrules", "Factory"})


@lru_cache(maxsize=1)
def _zone_names() -> frozenset[str]:
    return frozenset(
        name for name in available_timezones() if name not in _NOT_ZONES and not name.startswith(("posix/", "right/"))
    )


def is_iana_zone(name: str) -> bool:
    """True if ``name`` is an IANA time zone name known to this system."""
    return name in _zone_names()


def zone(name: str) -> ZoneInfo:
    """The IANA zone ``name``; raises ``DueAtError`` for anything else."""
    if not is_iana_zone(name):
        raise DueAtError({"time_zone": f"{name!r} is not an IANA time zone name (such as 'Africa/Tripoli')."})
    return ZoneInfo(name)


def _check_parts(stated: StatedDeadline) -> None:
    errors: dict[str, str] = {}
    needed = REQUIRED_PARTS.get(stated.precision)
    if needed is None:
        raise DueAtError({"precision": f"{stated.precision!r} is not a deadline precision."})
    for part in PARTS:
        value = getattr(stated, part)
        if part in needed and value is None:
            errors[part] = f"is required when the precision is {stated.precision!r}."
        elif part not in needed and value is not None:
            errors[part] = f"must be empty when the precision is {stated.precision!r}."
    if errors:
        raise DueAtError(errors)
    if stated.year is not None and not MIN_YEAR <= stated.year <= MAX_YEAR:
        errors["year"] = f"must be between {MIN_YEAR} and {MAX_YEAR}."
    if stated.month is not None and not 1 <= stated.month <= 12:
        errors["month"] = "must be between 1 and 12."
    if errors:
        raise DueAtError(errors)
    if stated.day is not None:
        try:
            dt.date(stated.year or MIN_YEAR, stated.month or 1, stated.day)
        except ValueError:
            raise DueAtError({"day": f"{stated.year:04d}-{stated.month:02d} has no day {stated.day}."}) from None


def _start_of(local: dt.datetime, tz: ZoneInfo) -> dt.datetime:
    # fold=0 is right at both kinds of transition: in a gap it gives the moment
    # the clocks jump (the first instant of the new day); in a repeat, the first
    # occurrence of the wall time.
    return local.replace(tzinfo=tz, fold=0).astimezone(dt.UTC)


def _exact_instant(local: dt.datetime, tz: ZoneInfo, time_zone: str) -> dt.datetime:
    first = local.replace(tzinfo=tz, fold=0)
    second = local.replace(tzinfo=tz, fold=1)
    if first.utcoffset() != second.utcoffset():
        round_trip = first.astimezone(dt.UTC).astimezone(tz).replace(tzinfo=None)
        if round_trip != local:
            raise DueAtError({"time": f"{local:%Y-%m-%d %H:%M} does not exist in {time_zone}: the clocks skip it."})
        raise DueAtError(
            {
                "time": f"{local:%Y-%m-%d %H:%M} happens twice in {time_zone} (offsets "
                f"{first:%z} and {second:%z}); state the deadline in UTC to say which."
            }
        )
    return first.astimezone(dt.UTC)


def compute_due_at(stated: StatedDeadline) -> dt.datetime | None:
    """The UTC instant at which ``stated`` passes, or ``None`` if it is unspecified.

    Raises ``DueAtError`` naming the offending field when the parts do not fit the
    precision, a date does not exist, the zone is unknown, or an exact local time
    falls in a daylight-saving gap or repeat.
    """
    errors: dict[str, str] = {}
    for check in (lambda: zone(stated.time_zone), lambda: _check_parts(stated)):
        try:
            check()
        except DueAtError as exc:
            errors.update(exc.errors)
    if errors:
        raise DueAtError(errors)
    tz = zone(stated.time_zone)
    precision = stated.precision
    if precision == DeadlinePrecision.UNSPECIFIED:
        return None
    assert stated.year is not None
    if precision == DeadlinePrecision.INSTANT:
        assert stated.month is not None
        assert stated.day is not None
        assert stated.time is not None
        local = dt.datetime.combine(dt.date(stated.year, stated.month, stated.day), stated.time)
        return _exact_instant(local, tz, stated.time_zone)
    if precision == DeadlinePrecision.DAY:
        assert stated.month is not None
        assert stated.day is not None
        next_day = dt.date(stated.year, stated.month, stated.day) + dt.timedelta(days=1)
        return _start_of(dt.datetime.combine(next_day, dt.time()), tz)
    if precision == DeadlinePrecision.MONTH:
        assert stated.month
        year, month = (stated.year + 1, 1) if stated.month == 12 else (stated.year, stated.month + 1)
        return _start_of(dt.datetime(year, month, 1), tz)
    return _start_of(dt.datetime(stated.year + 1, 1, 1), tz)


def describe_due(
    precision: str, time_zone: str, year: int | None, month: int | None, day: int | None, time: dt.time | None
) -> str:
    """A deadline as stated, in its own zone: '00:00 on 12 January 2020 (Africa/Tripoli)'."""
    if precision == DeadlinePrecision.UNSPECIFIED or year is None:
        return "unspecified"
    if precision == DeadlinePrecision.YEAR:
        return f"end of {year}"
    first = dt.date(year, month or 1, 1)
    if precision == DeadlinePrecision.MONTH:
        return f"end of {first:%B %Y}"
    when = f"{day} {first:%B %Y}"
    if precision == DeadlinePrecision.DAY:
        return f"end of {when} ({time_zone})"
    return f"{time:%H:%M} on {when} ({time_zone})"
