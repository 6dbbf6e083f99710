"""When a failed delivery is tried again, and when the service gives up.

Delay before each attempt: at once, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h;
then given up — with ±10 % jitter, so the retries of many deliveries that
failed together do not arrive together. 429 and 503 are retried no sooner than
their ``Retry-After`` (capped). An endpoint failing continuously for
``FAILING_LIMIT`` is disabled.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import random

SCHEDULE = [
    dt.timedelta(0),
    dt.timedelta(seconds=5),
    dt.timedelta(minutes=5),
    dt.timedelta(minutes=30),
    dt.timedelta(hours=2),
    dt.timedelta(hours=5),
    dt.timedelta(hours=10),
    dt.timedelta(hours=10),
]
JITTER = 0.1
FAILING_LIMIT = dt.timedelta(days=5)
MAX_RETRY_AFTER = dt.timedelta(hours=24)


def parse_retry_after(value: str | None, now: dt.datetime) -> dt.timedelta | None:
    """``Retry-After`` as seconds or an HTTP date; None if absent or unreadable."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return min(dt.timedelta(seconds=int(value)), MAX_RETRY_AFTER)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return min(max(when - now, dt.timedelta(0)), MAX_RETRY_AFTER)


def next_attempt_at(*, attempts_made: int, retry_after: dt.timedelta | None, now: dt.datetime) -> dt.datetime | None:
    """When to try again after ``attempts_made`` attempts of the current schedule; None: give up."""
    if attempts_made >= len(SCHEDULE):
        return None
    delay = SCHEDULE[attempts_made] * (1 + random.uniform(-JITTER, JITTER))
    if retry_after is not None:
        delay = max(delay, retry_after)
    return now + delay
