"""Bulk creation with history records copied by the database: the same records simple-history writes."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.db import models
from simple_history.utils import bulk_create_with_history as simple_history_bulk_create

from agreements.models import Actor, Agreement, Commitment, Deadline
from tests.factories import CommitmentFactory, DeadlineFactory
from utilities.history import bulk_create_with_history

pytestmark = pytest.mark.django_db

WHEN = dt.datetime(2026, 11, 27, 12, 0, tzinfo=dt.UTC)
# Columns simple-history fills in per record, not from the row.
OWN = {"history_id", "history_date"}


def _records(model: type[models.Model], objs: list[Any]) -> list[dict[str, Any]]:
    history: Any = model.history.model  # type: ignore[attr-defined]
    rows = history.objects.filter(id__in=[o.pk for o in objs]).order_by("id").values()
    return [{k: v for k, v in row.items() if k not in OWN} for row in rows]


def _actors(tag: str) -> list[Actor]:
    return [
        Actor(name=f"{tag} actor {i}", slug=f"{tag}-actor-{i}", kind="armed_group", country="LY", imported={"x": i})
        for i in range(3)
    ]


def _deadlines(commitment: Commitment, tag: str) -> list[Deadline]:
    deadlines = [DeadlineFactory.build(commitment=commitment, wording=f"{tag}: by {i + 1} January") for i in range(3)]
    for deadline in deadlines:
        deadline.derive()
    return deadlines


@pytest.mark.parametrize("model", [Actor, Deadline])
def test_the_records_are_those_simple_history_writes(model):
    user = get_user_model().objects.create(username="importer")
    commitment = CommitmentFactory()

    def make(tag: str) -> list[Any]:
        return _actors(tag) if model is Actor else _deadlines(commitment, tag)

    ours = bulk_create_with_history(make("a"), model, default_user=user, default_change_reason="PA-X import")
    theirs = simple_history_bulk_create(make("b"), model, default_user=user, default_change_reason="PA-X import")
    ours_records, theirs_records = _records(model, ours), _records(model, theirs)
    assert len(ours_records) == 3
    rows = {row["id"]: row for row in model.objects.filter(pk__in=[o.pk for o in ours]).values()}
    for mine, other in zip(ours_records, theirs_records, strict=True):
        # The same columns as simple-history's record, each holding what the row holds.
        assert mine.keys() == other.keys()
        row = rows[mine["id"]]
        assert {k: v for k, v in mine.items() if k in row} == {k: row[k] for k in mine if k in row}
        made = {"id", "name", "slug", "wording", "created_at", "updated_at"}  # "a …" and "b …"
        assert {k: v for k, v in mine.items() if k not in made} == {k: v for k, v in other.items() if k not in made}
    assert all(r["history_type"] == "+" and r["history_user_id"] == user.pk for r in ours_records)
    # Excluded fields stay out of the record, as simple-history leaves them out.
    history_columns = {f.name for f in model.history.model._meta.fields}  # type: ignore[attr-defined]
    assert ("imported" if model is Actor else "search_text") not in history_columns


def test_one_instant_and_the_given_reason_and_the_records_read_back_as_the_rows():
    agreements = bulk_create_with_history(
        [Agreement(title=f"Agreement {i}", slug=f"agreement-{i}") for i in range(1200)],
        Agreement,
        default_change_reason="ETH/PRIO import",
        default_date=WHEN,
    )
    history = Agreement.history.filter(id__in=[a.pk for a in agreements])  # type: ignore[attr-defined]
    # More keys than one statement takes: every row has its record, once.
    assert history.count() == 1200
    assert set(history.values_list("history_date", flat=True)) == {WHEN}
    assert set(history.values_list("history_change_reason", flat=True)) == {"ETH/PRIO import"}
    first = history.order_by("id").first()
    assert first.instance.title == "Agreement 0"
    assert first.history_user is None


def test_a_failed_history_write_leaves_no_row_behind(monkeypatch):
    from utilities import history as module

    def broken(*args: Any, **kwargs: Any) -> None:
        raise RuntimeError("the database went away")

    monkeypatch.setattr(module, "_copy_into_history", broken)
    before = Actor.objects.count()
    with pytest.raises(RuntimeError):
        bulk_create_with_history(_actors("c"), Actor)
    assert Actor.objects.count() == before


def test_an_object_with_its_own_reason_or_user_keeps_them_and_an_empty_reason_stays_empty():
    user = get_user_model().objects.create(username="editor")
    own = Actor(name="Own", slug="own", kind="other")
    own._change_reason = "corrected by hand"  # type: ignore[attr-defined]
    own._history_user = user  # type: ignore[attr-defined]
    (saved,) = bulk_create_with_history([own], Actor, default_change_reason="PA-X import")
    record = Actor.history.get(id=saved.pk)  # type: ignore[attr-defined]
    assert (record.history_change_reason, record.history_user) == ("corrected by hand", user)
    (plain,) = bulk_create_with_history(
        [Actor(name="Plain", slug="plain", kind="other")], Actor, default_change_reason=""
    )
    assert Actor.history.get(id=plain.pk).history_change_reason == ""  # type: ignore[attr-defined]
