"""The retry schedule: each step, about three days in all, the jitter's bounds; Retry-After read and capped."""

from __future__ import annotations

import datetime as dt

import pytest

from webhooks.services import retries
from webhooks.services.retries import JITTER, MAX_RETRY_AFTER, SCHEDULE, next_attempt_at, parse_retry_after

NOW = dt.datetime(2026, 3, 6, 17, 0, tzinfo=dt.UTC)  # a Friday evening: the weekend the receiver is down


def s(n: float) -> dt.timedelta:
    return dt.timedelta(seconds=n)


def m(n: float) -> dt.timedelta:
    return dt.timedelta(minutes=n)


def h(n: float) -> dt.timedelta:
    return dt.timedelta(hours=n)


# (attempt number, delay before it, time since the first attempt) — docs/webhooks.md "When it fails".
STEPS = [
    (1, s(0), s(0)),
    (2, s(5), s(5)),
    (3, m(5), m(5) + s(5)),
    (4, m(30), m(35) + s(5)),
    (5, h(2), h(2) + m(35) + s(5)),
    (6, h(5), h(7) + m(35) + s(5)),
    (7, h(10), h(17) + m(35) + s(5)),
    (8, h(10), h(27) + m(35) + s(5)),
    (9, h(20), h(47) + m(35) + s(5)),
    (10, h(24), h(71) + m(35) + s(5)),
]


@pytest.fixture
def no_jitter(monkeypatch):
    monkeypatch.setattr(retries.random, "uniform", lambda low, high: 0.0)


@pytest.mark.parametrize(("attempt", "delay", "since_first"), STEPS, ids=[f"attempt {n}" for n, _, _ in STEPS])
def test_each_attempt_waits_its_step(no_jitter, attempt, delay, since_first):
    assert SCHEDULE[attempt - 1] == delay
    assert sum(SCHEDULE[:attempt], dt.timedelta(0)) == since_first
    if attempt > 1:  # the first is at once; each later one follows the failure of the one before
        assert next_attempt_at(attempts_made=attempt - 1, retry_after=None, now=NOW) == NOW + delay


def test_the_schedule_spans_about_three_days_then_gives_up(no_jitter):
    total = sum(SCHEDULE, dt.timedelta(0))
    assert total == dt.timedelta(hours=71, minutes=35, seconds=5)
    assert dt.timedelta(days=2.9) <= total <= dt.timedelta(days=3.1)
    assert len(SCHEDULE) == len(STEPS) == 10
    assert next_attempt_at(attempts_made=len(SCHEDULE), retry_after=None, now=NOW) is None


def test_it_starts_with_the_steps_of_the_design():
    """DESIGN.md's schedule (Svix's) is kept as the start; the issue adds the later steps."""
    assert SCHEDULE[:8] == [s(0), s(5), m(5), m(30), h(2), h(5), h(10), h(10)]


@pytest.mark.parametrize("made", range(1, len(SCHEDULE)))
@pytest.mark.parametrize("extreme", [-JITTER, JITTER], ids=["earliest", "latest"])
def test_jitter_moves_each_step_by_at_most_ten_percent(monkeypatch, made, extreme):
    monkeypatch.setattr(retries.random, "uniform", lambda low, high: extreme)
    assert next_attempt_at(attempts_made=made, retry_after=None, now=NOW) == NOW + SCHEDULE[made] * (1 + extreme)


def test_jitter_spreads_retries_that_failed_together():
    delays = [next_attempt_at(attempts_made=3, retry_after=None, now=NOW) - NOW for _ in range(500)]
    assert all(m(27) <= delay <= m(33) for delay in delays)
    assert len(set(delays)) > 400  # spread out, not bunched
    assert min(delays) < m(28)
    assert max(delays) > m(32)


def test_with_the_most_jitter_the_last_attempt_is_still_over_two_and_a_half_days_after_the_first():
    earliest = sum(SCHEDULE, dt.timedelta(0)) * (1 - JITTER)
    assert earliest > dt.timedelta(hours=64)


def test_a_retry_after_longer_than_the_step_wins(no_jitter):
    assert next_attempt_at(attempts_made=1, retry_after=m(2), now=NOW) == NOW + m(2)
    assert next_attempt_at(attempts_made=4, retry_after=m(2), now=NOW) == NOW + h(2)


HTTP_DATE = "%a, %d %b %Y %H:%M:%S GMT"


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("120", s(120)),
        ("0", s(0)),
        (" 30 ", s(30)),
        ("86400", h(24)),
        ("86401", MAX_RETRY_AFTER),  # capped
        ("999999999", MAX_RETRY_AFTER),
        ((NOW + m(10)).strftime(HTTP_DATE), m(10)),  # an HTTP date
        ((NOW + h(23)).strftime(HTTP_DATE), h(23)),
        ((NOW + dt.timedelta(days=3)).strftime(HTTP_DATE), MAX_RETRY_AFTER),  # capped
        ((NOW - m(5)).strftime(HTTP_DATE), s(0)),  # already past: at once
        ("Fri, 06 Mar 2026 17:10:00 +0000", m(10)),
        (None, None),
        ("", None),
        ("soon", None),
        ("-5", None),
        ("1.5", None),
    ],
)
def test_retry_after_is_read_as_seconds_or_an_http_date_and_capped(header, expected):
    assert parse_retry_after(header, NOW) == expected
