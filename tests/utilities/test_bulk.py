"""bulk_insert: the rows bulk_create would write, the keys it would give, a parent's key taken late."""

from __future__ import annotations

import datetime as dt
import gc
from typing import Any

import pytest
from django.db import DataError, IntegrityError, connection, transaction
from django.db.models.functions import Now
from django.test.utils import CaptureQueriesContext

from agreements.choices import ActorKind, CommitmentStatus, SignatoryRole
from agreements.models import Actor, Agreement, Commitment, Deadline, Signatory
from tests.factories import CommitmentFactory, DeadlineFactory
from utilities.bulk import bulk_insert, collection_paused

pytestmark = pytest.mark.django_db

# Set by the database or by pre_save at the moment of writing, so never equal between two writes.
MADE = {"id", "created_at", "updated_at"}


def _row(obj: Any, *, renamed: tuple[str, ...] = ()) -> dict[str, Any]:
    values = type(obj).objects.filter(pk=obj.pk).values().get()
    return {k: v for k, v in values.items() if k not in MADE and k not in renamed}


def _agreements(tag: str) -> list[Agreement]:
    return [
        Agreement(
            title=f"{tag} agreement {i}",
            slug=f"{tag}-agreement-{i}",
            kind="ceasefire" if i % 2 else "other",
            date=dt.date(2020, 1, 8) if i % 3 else None,
            countries=["LY", "TR"],
            external_ids={"pax": f"{tag}{i}", "nested": {"list": [1, None, "é"]}},
            coded={"flag": True},
            summary="",
        )
        for i in range(5)
    ]


def test_the_rows_are_those_bulk_create_writes():
    ours = bulk_insert(_agreements("a"))
    theirs = Agreement.objects.bulk_create(_agreements("b"))
    assert all(a.pk is not None and not a._state.adding and a._state.db == "default" for a in ours)
    for mine, other in zip(ours, theirs, strict=True):
        mine_row, other_row = _row(mine), _row(other)
        assert mine_row["title"].startswith("a ")
        assert other_row["title"].startswith("b ")
        # Title, slug and PA-X id differ by the tag only; everything else is the same.
        for key in ("title", "slug"):
            assert mine_row.pop(key)[1:] == other_row.pop(key)[1:]
        mine_ids, other_ids = mine_row.pop("external_ids"), other_row.pop("external_ids")
        assert mine_ids.pop("pax")[1:] == other_ids.pop("pax")[1:]
        assert mine_ids == other_ids
        assert mine_row == other_row
    # auto_now fields are set on the objects as on the rows.
    assert ours[0].created_at is not None
    assert Agreement.objects.get(pk=ours[0].pk).created_at == ours[0].created_at


def test_choices_given_as_enum_members_and_datetimes_are_prepared_by_their_fields():
    deadlines = [DeadlineFactory.build(commitment=CommitmentFactory(), precision="day", time=None, day=12)]
    deadlines[0].derive()
    (ours,) = bulk_insert(deadlines)
    stored = Deadline.objects.get(pk=ours.pk)
    assert stored.due_at == ours.due_at == dt.datetime(2030, 1, 12, 22, 0, tzinfo=dt.UTC)  # the end of the day there
    actor = bulk_insert([Actor(name="Libyan National Army", slug="lna", kind=ActorKind.ARMED_GROUP, country="LY")])[0]
    assert Actor.objects.filter(pk=actor.pk, kind="armed_group").exists()


def test_a_parent_saved_after_the_object_was_made_gives_it_its_key():
    agreement = Agreement(title="Berlin", slug="berlin")
    actor = Actor(name="Turkey", slug="turkey", kind=ActorKind.STATE, country="TR")
    signatory = Signatory(agreement=agreement, actor=actor, role=SignatoryRole.GUARANTOR)
    bulk_insert([agreement])
    bulk_insert([actor])
    (saved,) = bulk_insert([signatory])
    assert Signatory.objects.filter(pk=saved.pk, agreement=agreement, actor=actor).exists()


def test_more_rows_than_one_statement_takes_each_get_their_own_key_in_order():
    many = [Actor(name=f"Actor {i}", slug=f"actor-{i}", kind=ActorKind.OTHER) for i in range(1500)]
    with CaptureQueriesContext(connection) as queries:
        bulk_insert(many, batch_size=500)
    statements = [q["sql"] for q in queries.captured_queries]
    if connection.vendor == "postgresql":
        # Keys drawn from the sequence in one statement, the rows in one COPY a batch.
        assert [s.split(" ")[0] for s in statements] == ["SELECT", "COPY", "COPY", "COPY"]
        assert statements[1].startswith('COPY "agreements_actor" ("id", ')
    else:
        assert len([s for s in statements if s.startswith("INSERT")]) >= 3  # SQLite caps parameters per statement
    names = dict(Actor.objects.filter(pk__in=[a.pk for a in many]).values_list("pk", "name"))
    assert [names[a.pk] for a in many] == [f"Actor {i}" for i in range(1500)]


def test_keys_given_are_the_sequences_so_later_rows_get_new_ones():
    first = bulk_insert([Actor(name=f"Actor {i}", slug=f"actor-{i}", kind=ActorKind.OTHER) for i in range(3)])
    later = Actor.objects.create(name="Later", slug="later", kind=ActorKind.OTHER)
    after = bulk_insert([Actor(name="After", slug="after", kind=ActorKind.OTHER)])
    keys = [a.pk for a in first] + [later.pk] + [a.pk for a in after]
    assert keys == sorted(set(keys))


def test_objects_with_keys_already_go_through_bulk_create():
    given = Actor(pk=987654, name="Given", slug="given", kind=ActorKind.OTHER)
    (saved,) = bulk_insert([given])
    assert saved.pk == 987654
    assert Actor.objects.filter(pk=987654, name="Given").exists()


@pytest.mark.django_db(transaction=True)
def test_a_failing_batch_leaves_no_earlier_batch_behind():
    Actor.objects.create(name="Taken", slug="actor-600", kind=ActorKind.OTHER)
    many = [Actor(name=f"Actor {i}", slug=f"actor-{i}", kind=ActorKind.OTHER) for i in range(1000)]
    with pytest.raises(IntegrityError):
        bulk_insert(many, batch_size=500)
    assert Actor.objects.count() == 1


def test_values_of_another_type_go_through_their_field():
    agreement = Agreement.objects.create(title="Moscow", slug="moscow")
    actor = Actor.objects.create(name="Russia", slug="russia", kind=ActorKind.STATE)
    (saved,) = bulk_insert([Signatory(agreement=agreement, actor=actor, role="signatory", position=True)])
    assert Signatory.objects.get(pk=saved.pk).position == 1


def test_expressions_and_empty_batches_are_refused():
    with pytest.raises(TypeError, match="values, not expressions"), transaction.atomic():
        bulk_insert([Agreement(title="Now", slug="now", date=Now())])
    with pytest.raises(ValueError, match="batch_size"):
        bulk_insert([Agreement(title="None", slug="none")], batch_size=0)
    assert not Agreement.objects.filter(slug__in=["now", "none"]).exists()


def _signatories(agreement: Agreement, actors: list[Actor], note: str) -> list[Signatory]:
    return [Signatory(agreement=agreement, actor=actor, role=SignatoryRole.SIGNATORY, note=note) for actor in actors]


def test_ignoring_conflicts_leaves_out_the_rows_that_conflict_and_writes_the_rest_as_bulk_create():
    agreement = Agreement.objects.create(title="Moscow", slug="moscow")
    actors = [Actor.objects.create(name=f"Party {i}", slug=f"party-{i}", kind=ActorKind.OTHER) for i in range(4)]
    Signatory.objects.create(agreement=agreement, actor=actors[1], role=SignatoryRole.SIGNATORY, note="there first")
    with CaptureQueriesContext(connection) as queries:
        bulk_insert(_signatories(agreement, actors, "ours"), ignore_conflicts=True)
    if connection.vendor == "postgresql":
        (statement,) = [q["sql"] for q in queries.captured_queries if "INSERT" in q["sql"]]
        assert "unnest(" in statement
        assert "ON CONFLICT DO NOTHING" in statement
    ours = list(
        Signatory.objects.filter(agreement=agreement).order_by("actor__slug").values("actor_id", "note", "role")
    )
    assert [row["note"] for row in ours] == ["ours", "there first", "ours", "ours"]
    # The rows are those bulk_create writes, field for field.
    other = Agreement.objects.create(title="Ankara", slug="ankara")
    Signatory.objects.bulk_create(_signatories(other, actors, "ours"), ignore_conflicts=True)
    theirs = list(Signatory.objects.filter(agreement=other).order_by("actor__slug").values("actor_id", "note", "role"))
    assert [r for i, r in enumerate(ours) if i != 1] == [r for i, r in enumerate(theirs) if i != 1]
    assert [_row(s, renamed=("agreement_id",)) for s in Signatory.objects.filter(agreement=agreement, note="ours")] == [
        _row(s, renamed=("agreement_id",))
        for s in Signatory.objects.filter(agreement=other).exclude(actor=actors[1]).order_by("id")
    ]


def test_ignoring_conflicts_still_refuses_rows_that_break_other_constraints():
    agreement = Agreement.objects.create(title="Sochi", slug="sochi")
    actor = Actor.objects.create(name="Russia", slug="russia", kind=ActorKind.STATE)
    rows = [Signatory(agreement=agreement, actor=actor, role=SignatoryRole.SIGNATORY, position=-1)]
    if connection.vendor == "postgresql":
        with pytest.raises(IntegrityError), transaction.atomic():
            bulk_insert(rows, ignore_conflicts=True)
    else:
        bulk_insert(rows, ignore_conflicts=True)  # bulk_create's INSERT OR IGNORE: SQLite leaves it out
    assert not Signatory.objects.filter(agreement=agreement).exists()


def test_dates_and_instants_are_prepared_as_their_fields_prepare_them():
    agreement = Agreement.objects.create(title="Berlin", slug="berlin")
    (ours,) = bulk_insert([Agreement(title="Geneva", slug="geneva", date=dt.date(2020, 1, 12))])
    assert Agreement.objects.get(pk=ours.pk).date == dt.date(2020, 1, 12)
    assert _row(ours)["date"] == dt.date(2020, 1, 12)
    assert agreement.pk != ours.pk
    deadline = DeadlineFactory.build(commitment=CommitmentFactory(), precision="day", time=None, day=12)
    deadline.derive()
    deadline.due_at = dt.datetime(2020, 1, 12, 0, 0, tzinfo=dt.timezone(dt.timedelta(hours=3)))
    (saved,) = bulk_insert([deadline])
    assert Deadline.objects.get(pk=saved.pk).due_at == dt.datetime(2020, 1, 11, 21, 0, tzinfo=dt.UTC)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite does not enforce a column's length")
def test_ignoring_conflicts_refuses_a_value_too_long_for_its_column_as_bulk_create_does():
    agreement = Agreement.objects.create(title="Astana", slug="astana")
    actor = Actor.objects.create(name="Iran", slug="iran", kind=ActorKind.STATE)
    too_long = "x" * (Signatory._meta.get_field("role").max_length + 5)
    for write in (Signatory.objects.bulk_create, lambda rows: bulk_insert(rows, ignore_conflicts=True)):
        with pytest.raises(DataError), transaction.atomic():
            write([Signatory(agreement=agreement, actor=actor, role=too_long)])
    assert not Signatory.objects.filter(agreement=agreement).exists()


def test_ignoring_conflicts_takes_values_each_prepared_its_own_way_in_one_column():
    agreement = Agreement.objects.create(title="Doha", slug="doha")
    # A plain int, a bool and a digit string in one integer column (the field makes the last two
    # psycopg's Int4); a choice and a plain str in one text column.
    rows = [
        Commitment(agreement=agreement, number="1", summary="a", position=2, status=CommitmentStatus.MET),
        Commitment(agreement=agreement, number="2", summary="b", position=True, status="not_assessed"),
        Commitment(agreement=agreement, number="3", summary="c", position="3", status=CommitmentStatus.MET),
    ]
    bulk_insert(rows, ignore_conflicts=True)
    stored = list(Commitment.objects.filter(agreement=agreement).order_by("number").values_list("position", "status"))
    assert stored == [(2, "met"), (1, "not_assessed"), (3, "met")]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="sequences are PostgreSQL's")
def test_a_key_whose_default_no_sequence_owns_takes_the_insert_path():
    table = Actor._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f'ALTER TABLE "{table}" ALTER COLUMN id DROP IDENTITY')
        cursor.execute("CREATE SEQUENCE bulk_test_shared_seq START 900000")
        cursor.execute(f"ALTER TABLE \"{table}\" ALTER COLUMN id SET DEFAULT nextval('bulk_test_shared_seq')")
    with CaptureQueriesContext(connection) as queries:
        saved = bulk_insert([Actor(name=f"Shared {i}", slug=f"shared-{i}", kind=ActorKind.OTHER) for i in range(3)])
    assert [a.pk for a in saved] == [900000, 900001, 900002]
    assert not [q for q in queries.captured_queries if q["sql"].startswith("COPY")]
    assert list(Actor.objects.filter(pk__in=[a.pk for a in saved]).values_list("name", flat=True)) == [
        "Shared 0",
        "Shared 1",
        "Shared 2",
    ]


def test_the_collector_is_paused_inside_and_restored_after_also_on_an_error():
    assert gc.isenabled()
    with collection_paused():
        assert not gc.isenabled()
        with collection_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the inner block does not turn it back on early
    assert gc.isenabled()
    with pytest.raises(RuntimeError), collection_paused():
        raise RuntimeError
    assert gc.isenabled()


def test_a_collector_left_off_by_the_caller_stays_off():
    gc.disable()
    try:
        with collection_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


@pytest.mark.django_db
def test_the_importers_run_with_the_collector_paused(monkeypatch):
    from agreements.ethprio import importer as ethprio
    from agreements.pax import importer as pax

    seen: list[bool] = []

    def record(*_: Any, **__: Any) -> None:
        seen.append(gc.isenabled())
        raise RuntimeError("stop here")

    monkeypatch.setattr(ethprio, "read_ceasefires", record)
    monkeypatch.setattr(pax, "check_release", record)
    for run in (ethprio.ceasefires_import, pax.pax_import):
        with pytest.raises(RuntimeError):
            run("unused.csv")
    assert seen == [False, False]
    assert gc.isenabled()
