"""agreements.schedule: deadlines counted from an anchor, in the calendar of their own zone."""

from __future__ import annotations

import datetime as dt

import pytest

from agreements.choices import DatePrecision
from agreements.due_at import StatedDeadline
from agreements.durations import Offset
from agreements.schedule import Extension, Moment, anchored_schedule, calendar_schedule

UTC = dt.UTC


def at(*parts: int) -> dt.datetime:
    return dt.datetime(*parts, tzinfo=UTC)


def test_three_months_from_signing_in_tripoli_is_the_end_of_23_january():
    signed = Moment.from_date(dt.date(2020, 10, 23), DatePrecision.DAY, "Africa/Tripoli")
    schedule = anchored_schedule(
        anchor=signed, anchor_label="signing", waiting_for="", offset=Offset(months=3), time_zone="Africa/Tripoli"
    )
    assert schedule.due is not None
    assert (schedule.due.precision, schedule.due.year, schedule.due.month, schedule.due.day) == ("day", 2021, 1, 23)
    assert schedule.due.due_at == at(2021, 1, 23, 22)
    assert schedule.display == "within three months of signing — by 23 January 2021 (Africa/Tripoli)"


def test_a_minsk_style_chain_keeps_instants_in_kyiv():
    ceasefire = Moment.from_stated(StatedDeadline("instant", "Europe/Kyiv", 2015, 2, 15, dt.time(0, 0)))
    assert ceasefire is not None
    assert ceasefire.due_at == at(2015, 2, 14, 22)
    withdrawal_starts = ceasefire.plus(Offset(days=2))
    assert (withdrawal_starts.precision, withdrawal_starts.due_at) == ("instant", at(2015, 2, 16, 22))
    completed = withdrawal_starts.plus(Offset(days=14))
    assert completed.due_at == at(2015, 3, 2, 22)
    assert completed.describe() == "00:00 on 3 March 2015 (Europe/Kyiv)"


def test_a_day_across_a_dst_change_is_a_local_day_and_hours_are_hours():
    noon = Moment.from_instant(at(2021, 3, 27, 10), "Europe/Kyiv")  # 12:00 EET, clocks go forward that night
    assert noon.plus(Offset(days=1)).due_at == at(2021, 3, 28, 9)  # 12:00 EEST: 23 hours later
    assert noon.plus(Offset(hours=24)).due_at == at(2021, 3, 28, 10)  # 13:00 EEST
    autumn = Moment.from_instant(at(2021, 10, 30, 9), "Europe/Kyiv")  # 12:00 EEST, clocks go back that night
    assert autumn.plus(Offset(days=1)).due_at == at(2021, 10, 31, 10)  # 12:00 EET: 25 hours later


def test_a_wall_time_the_clocks_skip_lands_after_the_jump():
    # 03:30 on 27 March; on 28 March Kyiv jumps from 03:00 to 04:00.
    before = Moment.from_instant(at(2021, 3, 27, 1, 30), "Europe/Kyiv")
    assert before.plus(Offset(days=1)).due_at == at(2021, 3, 28, 1, 30)  # 04:30 EEST


@pytest.mark.parametrize(
    ("anchor", "offset", "precision", "parts"),
    [
        (Moment("day", "UTC", 2020, 10, 23), Offset(months=3), "day", (2021, 1, 23)),
        (Moment("day", "UTC", 2021, 1, 31), Offset(months=1), "day", (2021, 2, 28)),
        (Moment("month", "UTC", 2021, 3), Offset(months=1), "month", (2021, 4, None)),
        (Moment("month", "UTC", 2021, 3), Offset(days=14), "day", (2021, 4, 14)),
        (Moment("year", "UTC", 2021), Offset(years=1), "year", (2022, None, None)),
        (Moment("year", "UTC", 2021), Offset(months=6), "month", (2022, 6, None)),
        (Moment("year", "UTC", 2021), Offset(days=10), "day", (2022, 1, 10)),
        (Moment("day", "UTC", 2021, 1, 1), Offset(), "day", (2021, 1, 1)),
    ],
)
def test_precision_is_the_finer_of_anchor_and_offset_counted_from_the_anchors_end(anchor, offset, precision, parts):
    moment = anchor.plus(offset)
    assert (moment.precision, (moment.year, moment.month, moment.day)) == (precision, parts)


def test_hours_after_a_day_count_from_the_end_of_that_day():
    moment = Moment("day", "Africa/Tripoli", 2025, 10, 9).plus(Offset(hours=72))
    assert moment.precision == "instant"
    assert moment.due_at == at(2025, 10, 12, 22)  # 00:00 on 10 October + 72 h, Tripoli time


def test_an_instant_anchor_is_seen_from_the_dependents_zone():
    accepted = Moment.from_instant(at(2025, 10, 9, 9), "Asia/Jerusalem")  # 12:00 in Jerusalem
    due = accepted.in_zone("Asia/Gaza").plus(Offset(hours=72))
    assert due.due_at == at(2025, 10, 12, 9)


def test_a_waiting_deadline_says_what_it_waits_for():
    schedule = anchored_schedule(
        anchor=None,
        anchor_label="deadline 31",
        waiting_for="deadline 31 to be met at a recorded moment",
        offset=Offset(hours=72),
        time_zone="Asia/Gaza",
    )
    assert (schedule.base, schedule.due) == (None, None)
    assert schedule.display == "within 72 hours of deadline 31 — waiting for deadline 31 to be met at a recorded moment"


def test_extensions_apply_in_order_and_the_display_says_so():
    truce = Moment.from_instant(at(2025, 5, 22, 18, 45), "Asia/Gaza")  # 21:45 local
    schedule = anchored_schedule(
        anchor=truce,
        anchor_label="deadline 7",
        waiting_for="",
        offset=Offset(days=7),
        time_zone="Asia/Gaza",
        extensions=[Extension(by=Offset(hours=72)), Extension(by=Offset(hours=72))],
    )
    assert schedule.base is not None
    assert schedule.due is not None
    assert schedule.base.due_at == at(2025, 5, 29, 18, 45)
    assert schedule.due.due_at == at(2025, 6, 4, 18, 45)
    assert schedule.display.endswith("extended twice, now by 21:45 on 4 June 2025 (Asia/Gaza)")


def test_an_extension_to_a_date_replaces_the_schedule():
    base = StatedDeadline("day", "Africa/Tripoli", 2025, 5, 31)
    schedule = calendar_schedule(base, [Extension(to=Moment("day", "Africa/Tripoli", 2025, 6, 30))])
    assert schedule.due is not None
    assert schedule.due.due_at == at(2025, 6, 30, 22)
    assert (
        schedule.display == "end of 31 May 2025 (Africa/Tripoli); extended once, now by 30 June 2025 (Africa/Tripoli)"
    )


@pytest.mark.parametrize(
    ("due_at", "precision", "parts"),
    [
        (at(2021, 1, 23, 22), "day", (2021, 1, 23)),
        (at(2021, 3, 31, 22), "month", (2021, 3, None)),
        (at(2021, 12, 31, 22), "year", (2021, None, None)),
    ],
)
def test_a_moment_is_read_back_from_when_it_passes(due_at, precision, parts):
    moment = Moment.from_due(due_at, precision, "Africa/Tripoli")
    assert (moment.year, moment.month, moment.day) == parts
    assert moment.due_at == due_at
