"""When a failed delivery is tried again, when an endpoint is given a rest, and when the service gives up.

The schedule follows the Standard Webhooks recommendation: exponential
backoff spanning about three days, with jitter. The delay before each attempt
of a delivery (see :data:`SCHEDULE`, and docs/webhooks.md "When it fails"):

    at once, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h, 20 h, 24 h

— ten attempts, the last 71 h 35 min 5 s after the first; then it is given
up. Each delay is jittered by ±10 %, so the retries of many deliveries that
failed together do not arrive together.

Back-pressure: 429, 502, 503 and 504 say the receiver is overloaded or
rate-limiting (:data:`THROTTLING`). Such an answer rests the whole endpoint —
no delivery goes to it before ``WebhookEndpoint.throttled_until`` — for its
``Retry-After`` (seconds or an HTTP date, at most :data:`MAX_RETRY_AFTER`),
or, without one, for a pause that doubles with each consecutive throttling
answer (:func:`endpoint_pause`). The delivery that got the answer also waits
at least that long before its own next attempt. An endpoint failing
continuously for ``FAILING_LIMIT`` is disabled.
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

# Answers that ask the sender to slow down (Standard Webhooks: 429, 502 and 504 mean "throttle";
# 503 usually comes with a Retry-After).
THROTTLING = frozenset({429, 502, 503, 504})
# Without a Retry-After, an endpoint's rest doubles from this with each consecutive throttling
# answer, up to THROTTLE_PAUSE_MAX: 5 s, 10 s, 20 s, … 30 min.
THROTTLE_PAUSE_FIRST = dt.timedelta(seconds=5)
THROTTLE_PAUSE_MAX = dt.timedelta(minutes=30)


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
    """When to try again after ``attempts_made`` attempts of the current schedule; None: give up.

    No sooner than ``retry_after`` when the receiver asked for it.
    """
    if attempts_made >= len(SCHEDULE):
        return None
    delay = SCHEDULE[attempts_made] * (1 + random.uniform(-JITTER, JITTER))
    if retry_after is not None:
        delay = max(delay, retry_after)
    return now + delay


def endpoint_pause(*, streak: int, retry_after: dt.timedelta | None) -> dt.timedelta:
    """How long an endpoint rests after its ``streak``-th consecutive throttling answer.

    Its ``Retry-After`` when it gave one (already capped by :func:`parse_retry_after`);
    otherwise ``THROTTLE_PAUSE_FIRST`` doubled for each earlier answer of the streak, at most
    ``THROTTLE_PAUSE_MAX``.
    """
    if retry_after is not None:
        return retry_after
    doublings = min(max(streak - 1, 0), 16)  # 5 s * 2**16 is far past the cap already
    return min(THROTTLE_PAUSE_FIRST * 2**doublings, THROTTLE_PAUSE_MAX)
