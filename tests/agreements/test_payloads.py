"""What events say: the SQL-built payload (the sweep's) is byte for byte the Python one."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.db import connection

from agreements.choices import DatePrecision
from agreements.models import Agreement, Commitment, Deadline
from agreements.payloads import AGREEMENT, COMMITMENT, DEADLINE, deadline_event_data, deadline_event_data_sql
from tests.factories import AgreementFactory, CommitmentFactory, DeadlineFactory
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
