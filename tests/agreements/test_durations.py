"""agreements.durations: offsets as agreements state them, parsed strictly."""

from __future__ import annotations

import datetime as dt

import pytest

from agreements.durations import Offset, OffsetError, add_months


@pytest.mark.parametrize(
    ("text", "offset", "canonical", "words"),
    [
        ("P3M", Offset(months=3), "P3M", "three months"),
        ("P14D", Offset(days=14), "P14D", "14 days"),
        ("PT72H", Offset(hours=72), "PT72H", "72 hours"),
        ("P2D", Offset(days=2), "P2D", "two days"),
        ("p1dt12h", Offset(days=1, hours=12), "P1DT12H", "one day and 12 hours"),
        ("P1Y2M3W4DT5H6M7S", Offset(1, 2, 3, 4, 5, 6, 7), "P1Y2M3W4DT5H6M7S", None),
        ("P0D", Offset(), "P0D", "no time"),
        ("P100Y", Offset(years=100), "P100Y", "100 years"),
    ],
)
def test_it_reads_iso_8601_durations(text, offset, canonical, words):
    parsed = Offset.parse(text)
    assert parsed == offset
    assert parsed.iso() == canonical
    if words:
        assert parsed.words() == words


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("", "ISO 8601 duration"),
        ("P", "not an ISO 8601 duration"),
        ("PT", "not an ISO 8601 duration"),
        ("3 months", "not an ISO 8601 duration"),
        ("P1.5D", "not an ISO 8601 duration"),
        ("P-3D", "not an ISO 8601 duration"),
        ("-P3D", "negative"),
        ("P3D2M", "not an ISO 8601 duration"),
        ("P101Y", "longer than 100 years"),
        ("P1300M", "longer than 100 years"),
        ("PT999999999H", "longer than 100 years"),
        ("P99999999999999999999D", "longer than 100 years"),
    ],
)
def test_it_refuses_what_is_not_a_forward_offset(text, says):
    with pytest.raises(OffsetError, match=says):
        Offset.parse(text)


@pytest.mark.parametrize(
    ("offset", "finest"),
    [
        (Offset(years=1), "year"),
        (Offset(months=3), "month"),
        (Offset(weeks=1), "day"),
        (Offset(days=2), "day"),
        (Offset(hours=72), "instant"),
        (Offset(days=1, seconds=1), "instant"),
    ],
)
def test_the_finest_unit_decides_the_precision(offset, finest):
    assert offset.finest == finest


@pytest.mark.parametrize(
    ("start", "months", "end"),
    [
        (dt.date(2020, 10, 23), 3, dt.date(2021, 1, 23)),
        (dt.date(2021, 1, 31), 1, dt.date(2021, 2, 28)),
        (dt.date(2024, 1, 31), 1, dt.date(2024, 2, 29)),
        (dt.date(2024, 2, 29), 12, dt.date(2025, 2, 28)),
        (dt.date(2020, 12, 15), 1, dt.date(2021, 1, 15)),
    ],
)
def test_months_are_calendar_months_clamped_to_the_last_day(start, months, end):
    assert add_months(start, months) == end
