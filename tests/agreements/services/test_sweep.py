"""The deadline sweep: each passed deadline flagged once, reminders once per lead, in bounded batches."""

from __future__ import annotations

import datetime as dt
import logging
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from agreements.choices import DeadlineState, EventType
from agreements.models import Commitment, Deadline, Event, SweepRecord
from agreements.services.commitments import commitment_set_status
from agreements.services.deadlines import deadline_cancel, deadline_create, deadline_mark_met
from agreements.services.sweep import deadlines_flag_passed, sweep_run
from tests.factories import CommitmentFactory, DeadlineFactory, SourceFactory, deadline_due

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 6, 1, 12, tzinfo=dt.UTC)
DAY = dt.timedelta(days=1)


def events(kind: str = EventType.DEADLINE_PASSED) -> list[Event]:
    return list(Event.objects.filter(type=kind).order_by("id"))


# --- flagging ---------------------------------------------------------------------


def test_it_flags_a_passed_deadline_once():
    deadline = deadline_due(NOW - dt.timedelta(minutes=1))
    first = sweep_run(now=NOW)
    deadline.refresh_from_db()
    assert first.flagged == 1
    assert (deadline.state, deadline.passed_at) == (DeadlineState.PASSED, NOW)
    commitment = Commitment.objects.get(pk=deadline.commitment_id)
    assert commitment.overdue_since == deadline.due_at
    (event,) = events()
    assert event.deadline == deadline
    assert event.data["deadline"]["state"] == "passed"
    assert event.data["commitment"]["overdue_since"] == "2026-06-01T11:59:00Z"
    assert sweep_run(now=NOW + DAY).flagged == 0
    assert len(events()) == 1


def test_it_leaves_future_unspecified_met_and_cancelled_deadlines_alone():
    deadline_due(NOW + dt.timedelta(seconds=1))
    DeadlineFactory(precision="unspecified", year=None, month=None, day=None, time=None)
    deadline_mark_met(deadline=deadline_due(NOW - DAY), now=NOW - 2 * DAY)
    deadline_cancel(deadline=deadline_due(NOW - DAY), now=NOW - 2 * DAY)
    assert sweep_run(now=NOW).flagged == 0
    assert events() == []


def test_a_met_commitment_is_not_made_overdue():
    commitment = CommitmentFactory()
    commitment_set_status(commitment=commitment, status="met", sources=[SourceFactory()], now=NOW - 2 * DAY)
    deadline = deadline_due(NOW - DAY, commitment=commitment)  # added after the commitment was found met
    assert sweep_run(now=NOW).flagged == 1
    deadline.commitment.refresh_from_db()
    assert deadline.commitment.overdue_since is None
    # Its event says so too.
    (event,) = events()
    assert (event.data["commitment"]["status"], event.data["commitment"]["overdue_since"]) == ("met", None)


def test_an_overdue_commitment_keeps_its_first_overdue_time():
    commitment = CommitmentFactory()
    deadline_due(NOW - 3 * DAY, commitment=commitment)
    sweep_run(now=NOW - 2 * DAY)
    deadline_due(NOW - DAY, commitment=commitment, wording="second")
    sweep_run(now=NOW)
    commitment.refresh_from_db()
    assert commitment.overdue_since == NOW - 3 * DAY
    (event,) = Event.objects.filter(type=EventType.DEADLINE_PASSED, deadline__wording="second")
    assert event.data["commitment"]["overdue_since"] == "2026-05-29T12:00:00Z"


def test_a_commitment_is_overdue_since_its_earliest_deadline_whichever_was_flagged_first():
    """Two sweeps at once may flag a later deadline first, or an editor enter an earlier one past."""
    commitment = CommitmentFactory()
    deadline_due(NOW - DAY, commitment=commitment)
    sweep_run(now=NOW)
    deadline_due(NOW - 3 * DAY, commitment=commitment, wording="earlier")
    sweep_run(now=NOW)
    commitment.refresh_from_db()
    assert commitment.overdue_since == NOW - 3 * DAY
    (event,) = Event.objects.filter(type=EventType.DEADLINE_PASSED, deadline__wording="earlier")
    assert event.data["commitment"]["overdue_since"] == "2026-05-29T12:00:00Z"


def test_it_works_in_bounded_batches():
    for minutes in range(7):
        deadline_due(NOW - dt.timedelta(minutes=minutes + 1))
    with CaptureQueriesContext(connection) as queries:
        assert deadlines_flag_passed(now=NOW, batch_size=3) == 7
    claims = [q["sql"] for q in queries.captured_queries if "RETURNING" in q["sql"] and "state = " in q["sql"]]
    assert len(claims) == 3  # 3 + 3 + 1
    assert len(events()) == 7
    assert Deadline.objects.filter(state=DeadlineState.PASSED).count() == 7


def test_an_idle_sweep_costs_the_same_whatever_the_table_holds(django_assert_max_num_queries):
    deadline_due(NOW + DAY)
    with CaptureQueriesContext(connection) as small:
        sweep_run(now=NOW)
    for hours in range(50):
        deadline_due(NOW + dt.timedelta(days=30, hours=hours))
    with django_assert_max_num_queries(len(small.captured_queries)):
        sweep_run(now=NOW)


@pytest.mark.parametrize(
    ("stated", "not_yet", "passed"),
    [
        # Midnight in Tripoli (UTC+2), the Istanbul statement's deadline.
        (
            {
                "precision": "instant",
                "time_zone": "Africa/Tripoli",
                "year": 2020,
                "month": 1,
                "day": 12,
                "time": dt.time(0, 0),
            },
            "2020-01-11T21:59:59Z",
            "2020-01-11T22:00:00Z",
        ),
        # Midnight in Istanbul (UTC+3).
        (
            {
                "precision": "instant",
                "time_zone": "Europe/Istanbul",
                "year": 2020,
                "month": 7,
                "day": 23,
                "time": dt.time(0, 0),
            },
            "2020-07-22T20:59:59Z",
            "2020-07-22T21:00:00Z",
        ),
        # A day that ends after London's clocks went forward: 00:00 BST is 23:00 UTC.
        (
            {"precision": "day", "time_zone": "Europe/London", "year": 2021, "month": 3, "day": 28},
            "2021-03-28T22:59:59Z",
            "2021-03-28T23:00:00Z",
        ),
        # A day that ends after the clocks went back: 00:00 GMT.
        (
            {"precision": "day", "time_zone": "Europe/London", "year": 2021, "month": 10, "day": 31},
            "2021-10-31T23:59:59Z",
            "2021-11-01T00:00:00Z",
        ),
        (
            {"precision": "month", "time_zone": "Africa/Tripoli", "year": 2020, "month": 2},
            "2020-02-29T21:59:59Z",
            "2020-02-29T22:00:00Z",
        ),
        (
            {"precision": "year", "time_zone": "Asia/Kabul", "year": 2020},
            "2020-12-31T19:29:59Z",
            "2020-12-31T19:30:00Z",
        ),
    ],
)
def test_it_flags_at_the_stated_moment_in_the_stated_zone(stated, not_yet, passed):
    deadline_create(commitment=CommitmentFactory(), wording="as stated", now=NOW.replace(year=2019), **stated)
    assert sweep_run(now=dt.datetime.fromisoformat(not_yet)).flagged == 0
    assert sweep_run(now=dt.datetime.fromisoformat(passed)).flagged == 1


# --- reminders ----------------------------------------------------------------------


def test_one_reminder_per_lead_then_the_flag(settings):
    settings.DEADLINE_REMINDER_LEADS = [7 * DAY, DAY]
    deadline = deadline_create(
        commitment=CommitmentFactory(),
        wording="x",
        precision="instant",
        time_zone="UTC",
        year=2026,
        month=6,
        day=11,
        time=dt.time(12, 0),
        now=NOW,
    )
    due = deadline.due_at
    assert sweep_run(now=due - 7 * DAY - dt.timedelta(seconds=1)).reminded == 0
    assert sweep_run(now=due - 7 * DAY).reminded == 1
    assert sweep_run(now=due - 3 * DAY).reminded == 0
    assert sweep_run(now=due - DAY).reminded == 1
    assert sweep_run(now=due - dt.timedelta(hours=1)).reminded == 0
    result = sweep_run(now=due)
    assert (result.flagged, result.reminded) == (1, 0)
    leads = [e.data["lead_seconds"] for e in events(EventType.DEADLINE_APPROACHING)]
    assert leads == [7 * 86400, 86400]
    assert events(EventType.DEADLINE_APPROACHING)[0].data["due_in_seconds"] == 7 * 86400


def test_no_stale_reminder_for_a_deadline_entered_inside_its_lead(settings):
    settings.DEADLINE_REMINDER_LEADS = [7 * DAY, DAY]
    deadline = deadline_create(
        commitment=CommitmentFactory(),
        wording="x",
        precision="instant",
        time_zone="UTC",
        year=2026,
        month=6,
        day=3,
        time=dt.time(12, 0),
        now=NOW,  # two days ahead
    )
    assert sweep_run(now=NOW).reminded == 0
    assert sweep_run(now=deadline.due_at - DAY).reminded == 1
    assert [e.data["lead_seconds"] for e in events(EventType.DEADLINE_APPROACHING)] == [86400]


def test_after_an_outage_only_the_shortest_due_reminder_is_sent(settings):
    settings.DEADLINE_REMINDER_LEADS = [7 * DAY, DAY]
    deadline = deadline_create(
        commitment=CommitmentFactory(),
        wording="x",
        precision="instant",
        time_zone="UTC",
        year=2026,
        month=6,
        day=21,
        time=dt.time(12, 0),
        now=NOW,
    )
    # Nothing ran from 14 days before until 12 hours before the deadline.
    assert sweep_run(now=deadline.due_at - dt.timedelta(hours=12)).reminded == 1
    assert sweep_run(now=deadline.due_at - dt.timedelta(hours=1)).reminded == 0
    assert [e.data["lead_seconds"] for e in events(EventType.DEADLINE_APPROACHING)] == [86400]


def test_no_reminders_for_met_or_cancelled_deadlines(settings):
    settings.DEADLINE_REMINDER_LEADS = [DAY]
    met = deadline_due(NOW + 5 * DAY)
    cancelled = deadline_due(NOW + 5 * DAY)
    deadline_mark_met(deadline=met, now=NOW)
    deadline_cancel(deadline=cancelled, now=NOW)
    assert sweep_run(now=NOW + 4 * DAY + dt.timedelta(hours=1)).reminded == 0


# --- visibility ------------------------------------------------------------------------


def test_the_sweep_is_recorded_and_logged(caplog):
    deadline_due(NOW - DAY)
    with caplog.at_level(logging.INFO, logger="agreements.sweep"):
        sweep_run(now=NOW)
    record = SweepRecord.objects.get()
    assert (record.flagged, record.swept_until) == (1, NOW)
    (line,) = [r for r in caplog.records if getattr(r, "event", None) == "sweep"]
    assert (line.flagged, line.reminded) == (1, 0)
    assert line.duration_ms >= 0


def test_flag_deadlines_runs_one_sweep_and_says_what_it_flagged(seeded):
    out = StringIO()
    call_command("flag_deadlines", stdout=out)
    text = out.getvalue()
    assert "flagged: as of 00.00 hours on 12 January" in text
    assert "1 deadline(s) flagged as passed" in text
    out = StringIO()
    call_command("flag_deadlines", stdout=out)
    assert "0 deadline(s) flagged" in out.getvalue()


def test_the_flag_payload_is_the_same_as_every_other_deadline_events():
    deadline = deadline_due(NOW - DAY, commitment=CommitmentFactory(summary="Withdraw heavy weapons"))
    sweep_run(now=NOW)
    from agreements.payloads import deadline_event_data

    (event,) = events()
    stored = Deadline.objects.select_related("commitment__agreement").get(pk=deadline.pk)
    assert event.data == deadline_event_data(stored)
    assert event.dedupe_key == f"deadline.passed:{deadline.pk}:0"
    assert (event.agreement_id, event.commitment_id) == (deadline.commitment.agreement_id, deadline.commitment_id)


def test_recorded_passed_events_take_extra_keys_as_the_python_snapshot_does():
    from agreements.payloads import deadline_event_data
    from agreements.services.sweep import deadlines_record_passed

    deadline = deadline_due(NOW - DAY)
    # A null and an object among the extras: added as they are, not dropped or merged.
    extra = {"recorded_at_import": True, "note": None, "agreement": {"replaced": 1}}
    deadlines_record_passed([deadline.pk], now=NOW, extra=extra, fanned_out_at=NOW)
    (event,) = events()
    stored = Deadline.objects.select_related("commitment__agreement").get(pk=deadline.pk)
    assert event.data == deadline_event_data(stored, **extra)
    assert (event.occurred_at, event.happened_at, event.fanned_out_at) == (NOW, stored.due_at, NOW)
