"""What events say: the SQL-built payload (the sweep's) is byte for byte the Python one, and
each thing is said as the API says it: the same names, the same shapes."""

from __future__ import annotations

import datetime as dt
import importlib
import json

import pytest
from django.db import connection
from django.utils import timezone

from agreements.choices import DatePrecision
from agreements.models import Agreement, Commitment, Deadline, Event
from agreements.payloads import (
    AGREEMENT,
    COMMITMENT,
    DEADLINE,
    deadline_event_data,
    deadline_event_data_sql,
    source_reference,
)
from tests.factories import AgreementFactory, CommitmentFactory, DeadlineFactory, SourceFactory
from utilities.time import iso, iso_sql

pytestmark = pytest.mark.django_db


def canonical(data: object) -> bytes:
    """As a webhook body carries it (``webhooks.signing.body_of``)."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode()


def from_sql(deadline: Deadline) -> dict:
    payload, params = deadline_event_data_sql(connection.vendor)
    tables = {m: connection.ops.quote_name(m._meta.db_table) for m in (Deadline,)}
    sql = (
        f"SELECT {payload} FROM {tables[Deadline]} d "
        "JOIN agreements_commitment c ON c.id = d.commitment_id "
        "JOIN agreements_agreement a ON a.id = c.agreement_id WHERE d.id = %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, deadline.pk])
        (value,) = cursor.fetchone()
    return json.loads(value) if isinstance(value, str) else value


@pytest.mark.parametrize(
    "stated",
    [
        ("instant", "Africa/Tripoli", 2020, 1, 12, dt.time(0, 0)),
        ("day", "Europe/Kyiv", 2031, 2, 28, None),
        ("month", "Asia/Kolkata", 2030, 12, None, None),
        ("unspecified", "UTC", None, None, None, None),
    ],
)
def test_the_sql_payload_is_byte_equal_to_the_python_one(stated):
    agreement = AgreementFactory(
        title="Accord de cessez-le-feu — « Ankara » 2020", date=dt.date(2021, 3, 1), date_precision=DatePrecision.MONTH
    )
    commitment = CommitmentFactory(agreement=agreement, summary='Withdraw "heavy" weapons; ceasefire ✓')
    precision, zone, year, month, day, time = stated
    deadline = DeadlineFactory(
        commitment=commitment,
        wording="in the near future / بأقرب وقت",
        precision=precision,
        time_zone=zone,
        year=year,
        month=month,
        day=day,
        time=time,
    )
    # Microseconds, and a timestamp with none, on the columns rendered as instants.
    Deadline.objects.filter(pk=deadline.pk).update(
        state="passed", passed_at=dt.datetime(2024, 5, 6, 7, 8, 9, 120, tzinfo=dt.UTC)
    )
    Commitment.objects.filter(pk=commitment.pk).update(overdue_since=dt.datetime(2024, 5, 6, tzinfo=dt.UTC))
    stored = Deadline.objects.select_related("commitment__agreement").get(pk=deadline.pk)
    assert canonical(from_sql(stored)) == canonical(deadline_event_data(stored))


@pytest.mark.parametrize(
    "value",
    [
        dt.datetime(2020, 1, 11, 22, 0, tzinfo=dt.UTC),
        dt.datetime(2020, 1, 11, 22, 0, 0, 500, tzinfo=dt.UTC),
        dt.datetime(1999, 12, 31, 23, 59, 59, 999999, tzinfo=dt.UTC),
    ],
)
def test_an_instant_renders_the_same_in_sql_and_python(value):
    deadline = DeadlineFactory()
    Deadline.objects.filter(pk=deadline.pk).update(state="passed", passed_at=value)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {iso_sql('passed_at', connection.vendor)} FROM agreements_deadline WHERE id = %s",
            [deadline.pk],
        )
        (rendered,) = cursor.fetchone()
    assert rendered == iso(value)


def test_each_snapshot_reads_only_columns_its_model_has():
    for snapshot, model in ((AGREEMENT, Agreement), (COMMITMENT, Commitment), (DEADLINE, Deadline)):
        assert set(snapshot.columns) <= {f.name for f in model._meta.fields}, model


def without_url(snapshot: dict) -> dict:
    # Events give URLs on PUBLIC_BASE_URL, the API on the request's host: the same path.
    return {key: value for key, value in snapshot.items() if key != "url"}


def test_an_event_names_and_shapes_each_value_as_the_api_does(anon_client, seeded):
    deadline = Deadline.objects.select_related("commitment__agreement").exclude(due_at=None).first()
    data = deadline_event_data(deadline)
    shown = {
        "deadline": anon_client.get(f"/api/v1/deadlines/{deadline.pk}/").json(),
        "commitment": anon_client.get(f"/api/v1/commitments/{deadline.commitment_id}/").json(),
        "agreement": anon_client.get(f"/api/v1/agreements/{deadline.commitment.agreement_id}/").json(),
    }
    assert data["deadline"]["display_due"] == "00:00 on 12 January 2020 (Africa/Tripoli)"
    for name, snapshot in shown.items():
        assert set(data[name]) <= set(snapshot), name
        assert without_url(data[name]) == {key: shown[name][key] for key in without_url(data[name])}, name


@pytest.mark.parametrize("link", ["", "https://example.org/statement"])
def test_a_source_is_cited_as_the_api_shows_it(anon_client, link):
    source = SourceFactory(link=link)
    cited = source_reference(source)
    shown = anon_client.get(f"/api/v1/sources/{source.pk}/").json()
    assert cited["link"] == shown["link"] == (link or None)
    assert without_url(cited) == {key: shown[key] for key in without_url(cited)}


def test_stored_events_are_renamed_by_the_migration_and_back():
    migration = importlib.import_module("agreements.migrations.0013_events_say_display_due")
    deadline = DeadlineFactory()
    old = {"deadline": {"id": deadline.pk, "due_display": "end of 2030", "state": "upcoming"}, "reason": "x"}
    now = timezone.now()
    event = Event.objects.create(
        type="deadline.rescheduled", occurred_at=now, happened_at=now, deadline=deadline, data=old
    )
    other = Event.objects.create(
        type="commitment.status_changed", occurred_at=now, happened_at=now, data={"commitment": {"id": 1}}
    )
    migration.rename(connection, "due_display", "display_due")
    event.refresh_from_db()
    assert event.data == {
        "deadline": {"id": deadline.pk, "display_due": "end of 2030", "state": "upcoming"},
        "reason": "x",
    }
    other.refresh_from_db()
    assert other.data == {"commitment": {"id": 1}}
    migration.rename(connection, "display_due", "due_display")
    event.refresh_from_db()
    assert event.data == old
