"""When a failed delivery is tried again, and when the service gives up.

The schedule follows the Standard Webhooks recommendation: exponential
backoff spanning about three days, with jitter. The delay before each attempt
of a delivery (see :data:`SCHEDULE`, and docs/webhooks.md "When it fails"):

    at once, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h, 20 h, 24 h

— ten attempts, the last 71 h 35 min 5 s after the first; then it is given
up. Each delay is jittered by ±10 %, so the retries of many deliveries that
failed together do not arrive together.

429 and 503 are retried no sooner than their ``Retry-After`` (at most
``MAX_RETRY_AFTER``). An endpoint failing continuously for ``FAILING_LIMIT``
is disabled.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import random

# The delay before each attempt of one delivery; the first is at once. The first eight steps are
# DESIGN.md's (and Svix's); the last two are the Standard Webhooks example's last two, so that a
# receiver down for a weekend still gets its messages (issue 19).
SCHEDULE = [
    dt.timedelta(0),
    dt.timedelta(seconds=5),
    dt.timedelta(minutes=5),
    dt.timedelta(minutes=30),
    dt.timedelta(hours=2),
    dt.timedelta(hours=5),
    dt.timedelta(hours=10),
    dt.timedelta(hours=10),
    dt.timedelta(hours=20),
    dt.timedelta(hours=24),
]
JITTER = 0.1
FAILING_LIMIT = dt.timedelta(days=5)
MAX_RETRY_AFTER = dt.timedelta(hours=24)


def parse_retry_after(value: str | None, now: dt.datetime) -> dt.timedelta | None:
    """``Retry-After`` as seconds or an HTTP date, at most ``MAX_RETRY_AFTER``; None if absent or unreadable."""
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
