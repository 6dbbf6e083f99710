"""agreements.due_at: when a stated deadline passes, for every precision and zone."""

from __future__ import annotations

import datetime as dt

import pytest

from agreements.due_at import DueAtError, StatedDeadline, compute_due_at

UTC = dt.UTC


def due(precision: str, zone: str, **parts: object) -> dt.datetime | None:
    return compute_due_at(StatedDeadline(precision=precision, time_zone=zone, **parts))  # type: ignore[arg-type]


def test_the_istanbul_call_passes_at_midnight_libyan_time():
    # "as of 00.00 hours on 12 January" 2020, Libya (UTC+2, no daylight saving).
    assert due("instant", "Africa/Tripoli", year=2020, month=1, day=12, time=dt.time(0, 0)) == dt.datetime(
        2020, 1, 11, 22, 0, tzinfo=UTC
    )


def test_midnight_in_istanbul_is_utc_plus_three():
    assert due("instant", "Europe/Istanbul", year=2020, month=7, day=22, time=dt.time(0, 0)) == dt.datetime(
        2020, 7, 21, 21, 0, tzinfo=UTC
    )


def test_a_day_passes_at_the_end_of_that_day_in_its_zone():
    assert due("day", "Africa/Tripoli", year=2020, month=1, day=12) == dt.datetime(2020, 1, 12, 22, 0, tzinfo=UTC)


def test_a_month_passes_at_the_end_of_the_month():
    # End of March in Berlin: clocks went forward on 28 March 2021, so CEST (UTC+2).
    assert due("month", "Europe/Berlin", year=2021, month=3) == dt.datetime(2021, 3, 31, 22, 0, tzinfo=UTC)
    assert due("month", "Africa/Tripoli", year=2020, month=12) == dt.datetime(2020, 12, 31, 22, 0, tzinfo=UTC)


def test_a_year_passes_at_the_end_of_the_year():
    assert due("year", "Asia/Kabul", year=2021) == dt.datetime(2021, 12, 31, 19, 30, tzinfo=UTC)


def test_a_day_ending_into_a_daylight_saving_change_uses_the_new_offset():
    # London moves to BST during 28 March 2021; that day ends at 00:00 BST = 23:00 UTC.
    assert due("day", "Europe/London", year=2021, month=3, day=28) == dt.datetime(2021, 3, 28, 23, 0, tzinfo=UTC)
    # and back to GMT during 31 October 2021: the day ends at 00:00 GMT.
    assert due("day", "Europe/London", year=2021, month=10, day=31) == dt.datetime(2021, 11, 1, 0, 0, tzinfo=UTC)


def test_a_day_whose_next_midnight_does_not_exist_ends_when_the_clocks_jump():
    # Chile skipped 00:00-01:00 on 11 September 2022: 10 September ended at 04:00 UTC.
    assert due("day", "America/Santiago", year=2022, month=9, day=10) == dt.datetime(2022, 9, 11, 4, 0, tzinfo=UTC)


def test_an_instant_in_the_spring_gap_is_refused():
    with pytest.raises(DueAtError) as error:
        due("instant", "America/New_York", year=2021, month=3, day=14, time=dt.time(2, 30))
    assert "does not exist" in error.value.errors["time"]


def test_an_ambiguous_instant_in_the_autumn_repeat_is_refused():
    with pytest.raises(DueAtError) as error:
        due("instant", "America/New_York", year=2021, month=11, day=7, time=dt.time(1, 30))
    assert "happens twice" in error.value.errors["time"]


def test_unspecified_has_no_due_at():
    assert due("unspecified", "Europe/Moscow") is None


@pytest.mark.parametrize(
    ("precision", "parts", "field"),
    [
        ("instant", {"year": 2020, "month": 1, "day": 12}, "time"),
        ("day", {"year": 2020, "month": 1}, "day"),
        ("day", {"year": 2020, "month": 1, "day": 2, "time": dt.time(1)}, "time"),
        ("month", {"year": 2020, "month": 1, "day": 3}, "day"),
        ("year", {"year": 2020, "month": 5}, "month"),
        ("unspecified", {"year": 2020}, "year"),
        ("month", {"year": 2020, "month": 13}, "month"),
        ("day", {"year": 2021, "month": 2, "day": 29}, "day"),
        ("year", {"year": 1066}, "year"),
        ("fortnight", {}, "precision"),
    ],
)
def test_parts_that_do_not_fit_the_precision_are_refused_by_field(precision, parts, field):
    with pytest.raises(DueAtError) as error:
        due(precision, "UTC", **parts)
    assert field in error.value.errors


@pytest.mark.parametrize("zone", ["Libya/Tripoli", "UTC+2", "localtime", "../../etc/passwd", ""])
def test_an_unknown_time_zone_is_refused(zone):
    with pytest.raises(DueAtError) as error:
        due("day", zone, year=2020, month=1, day=1)
    assert "time_zone" in error.value.errors


def test_zone_and_part_errors_are_reported_together():
    with pytest.raises(DueAtError) as error:
        due("day", "Nowhere/Town", year=2020, month=1)
    assert set(error.value.errors) == {"time_zone", "day"}
