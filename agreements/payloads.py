"""What an event says: the snapshot of the deadline, commitment and agreement it is about.

Every event's ``data`` — what the timeline shows and a webhook delivers — is
built from the specs below, in one of two ways that give the same document:
in Python, from model instances (editors' changes, reminders), or in SQL,
from joined rows (the sweep, which flags a backlog of a hundred thousand
deadlines without turning each into Python objects). A field added to a spec
appears in both; ``tests/agreements/test_payloads.py`` holds them equal.
Instants are rendered by :mod:`utilities.time`, URLs by :mod:`utilities.urls`.
Keys are named as the API names the same values (``display_due``), and
``tests/agreements/test_payloads.py`` holds them to it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from agreements.models import Agreement, Commitment, Deadline, Source, StatusChange
from utilities.time import iso, iso_date_sql, iso_sql
from utilities.urls import api_root, api_url

VALUE, INSTANT, DATE = "value", "instant", "date"


@dataclass(frozen=True)
class Part:
    """One key of a snapshot: the attribute (and column) it comes from, and how it is rendered."""

    key: str
    attribute: str = ""
    kind: str = VALUE

    @property
    def source(self) -> str:
        return self.attribute or self.key


@dataclass(frozen=True)
class Snapshot:
    """An object as events show it: its id, its API URL, then ``parts``."""

    resource: str
    parts: tuple[Part, ...]

    def of(self, obj: Any) -> dict[str, Any]:
        """The snapshot of a model instance."""
        data: dict[str, Any] = {"id": obj.pk, "url": api_url(self.resource, obj.pk)}
        for part in self.parts:
            value = getattr(obj, part.source)
            data[part.key] = iso(value) if part.kind in (INSTANT, DATE) else value
        return data

    def sql(self, alias: str, vendor: str) -> tuple[str, list[Any]]:
        """The same snapshot as a SQL JSON object over the row ``alias``, with its parameters."""
        build = "jsonb_build_object" if vendor == "postgresql" else "json_object"
        terms = [f"'id', {alias}.id", f"'url', %s || '{self.resource}/' || {alias}.id || '/'"]
        for part in self.parts:
            column = f"{alias}.{part.source}"
            if part.kind == INSTANT:
                column = iso_sql(column, vendor)
            elif part.kind == DATE:
                column = iso_date_sql(column, vendor)
            terms.append(f"'{part.key}', {column}")
        return f"{build}({', '.join(terms)})", [api_root()]

    @property
    def columns(self) -> tuple[str, ...]:
        """The model fields a snapshot reads (for ``.only()``)."""
        return ("id", *(part.source for part in self.parts))


AGREEMENT = Snapshot(
    "agreements",
    (Part("slug"), Part("title"), Part("date", kind=DATE), Part("date_precision")),
)
COMMITMENT = Snapshot(
    "commitments",
    (
        Part("number"),
        Part("summary"),
        Part("category"),
        Part("status"),
        Part("overdue_since", kind=INSTANT),
    ),
)
DEADLINE = Snapshot(
    "deadlines",
    (
        Part("wording"),
        Part("precision"),
        Part("time_zone"),
        Part("due_at", kind=INSTANT),
        Part("display_due", attribute="due_display"),  # as the API names it
        Part("state"),
        Part("passed_at", kind=INSTANT),
    ),
)


def deadline_event_data(deadline: Deadline, **extra: Any) -> dict[str, Any]:
    """What a deadline event says: the deadline, its commitment and its agreement, then ``extra``."""
    commitment: Commitment = deadline.commitment
    agreement: Agreement = commitment.agreement
    return {
        "deadline": DEADLINE.of(deadline),
        "commitment": COMMITMENT.of(commitment),
        "agreement": AGREEMENT.of(agreement),
        **extra,
    }


def deadline_event_data_sql(
    vendor: str, *, deadline: str = "d", commitment: str = "c", agreement: str = "a"
) -> tuple[str, list[Any]]:
    """:func:`deadline_event_data` (without extras) as SQL over the joined rows named ``deadline``,
    ``commitment`` and ``agreement``, with its parameters."""
    build = "jsonb_build_object" if vendor == "postgresql" else "json_object"
    parts = [("deadline", DEADLINE.sql(deadline, vendor)), ("commitment", COMMITMENT.sql(commitment, vendor))]
    parts.append(("agreement", AGREEMENT.sql(agreement, vendor)))
    sql = ", ".join(f"'{key}', {expression}" for key, (expression, _) in parts)
    return f"{build}({sql})", [param for _, (_, params) in parts for param in params]


def source_reference(source: Source) -> dict[str, Any]:
    """A source as events cite it: ``link`` null where none is known, as in the API."""
    return {"id": source.pk, "url": api_url("sources", source.pk), "title": source.title, "link": source.link or None}


def status_change_data(change: StatusChange) -> dict[str, Any]:
    """What a ``commitment.status_changed`` event says."""
    commitment: Commitment = change.commitment
    return {
        "status_change": {
            "id": change.pk,
            "from": change.from_status,
            "to": change.to_status,
            "changed_at": iso(change.changed_at),
            "note": change.note,
            "sources": [source_reference(s) for s in change.sources.all()],
        },
        "commitment": COMMITMENT.of(commitment),
        "agreement": AGREEMENT.of(commitment.agreement),
    }
