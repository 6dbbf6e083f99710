"""Load the seed files in ``seeds/``: validated whole, then written all or nothing.

A seed file is YAML checked against ``seeds/schema.json``; records refer to one
another by key (sources) or slug (actors, agreements). Loading is idempotent:
each record is matched to what is already there (sources by key, actors and
agreements by slug, commitments by number, deadlines by wording) and only
what differs is written, through the same services editors use. Any error —
in the YAML, against the schema, an unknown reference, or a model rule such
as an unknown time zone — names the file, the record and the field, and
nothing at all is written.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from jsonschema import Draft202012Validator, FormatChecker

from agreements.choices import DeadlineAnchor
from agreements.models import Actor, Agreement, Commitment, Deadline, Source
from agreements.services.actors import actor_create, actor_update
from agreements.services.agreements import LinkInput, SignatoryInput, agreement_create, agreement_update
from agreements.services.commitments import commitment_create, commitment_update
from agreements.services.deadlines import deadline_create, deadline_update
from agreements.services.sources import source_create, source_update

SEEDS_DIR = Path(settings.BASE_DIR) / "seeds"
SCHEMA_PATH = SEEDS_DIR / "schema.json"


class SeedError(Exception):
    """A seed file cannot be loaded; the message names file, record and field."""


class _Loader(yaml.SafeLoader):
    """YAML without implicit timestamps: dates stay strings, for the schema to check."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass
class SeedReport:
    """What a load created, updated and found unchanged, by kind of record."""

    created: Counter[str] = field(default_factory=Counter)
    updated: Counter[str] = field(default_factory=Counter)
    unchanged: Counter[str] = field(default_factory=Counter)

    @property
    def changed(self) -> bool:
        return bool(sum(self.created.values()) or sum(self.updated.values()))

    def summary(self) -> str:
        total = sum((self.created + self.updated + self.unchanged).values())
        if not self.changed:
            return f"Seeds already loaded: nothing changed ({total} records checked)."
        kinds = sorted(set(self.created) | set(self.updated))
        parts = [f"{kind}: {self.created[kind]} created, {self.updated[kind]} updated" for kind in kinds]
        return f"Seeds loaded ({total} records): " + "; ".join(parts) + "."


def _path_text(path: Sequence[Any]) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "(top level)"


def parse_seed_file(path: Path) -> dict[str, Any]:
    """Read and schema-check one seed file; raise SeedError naming what is wrong."""
    try:
        document = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)  # noqa: S506 - SafeLoader subclass
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        raise SeedError(f"{path}:{where} is not valid YAML: {getattr(exc, 'problem', exc)}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise SeedError(f"{path}: cannot be read: {exc}") from None
    if document is None:
        document = {}
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    errors = sorted(
        Draft202012Validator(schema, format_checker=FormatChecker()).iter_errors(document),
        key=lambda e: list(map(str, e.absolute_path)),
    )
    if errors:
        lines = [f"{_path_text(e.absolute_path)}: {e.message}" for e in errors[:20]]
        raise SeedError(f"{path}: does not match seeds/schema.json:\n  " + "\n  ".join(lines))
    return document


class _Writer:
    """Writes one set of seed documents, keeping track of where it is for errors."""

    def __init__(self, report: SeedReport, now: dt.datetime | None) -> None:
        self.report = report
        self.now = now
        self.sources: dict[str, Source] = {}
        self.actors: dict[str, Actor] = {}
        self.agreements: dict[str, Agreement] = {}
        self.deadlines: dict[str, Deadline] = {}
        self.where = ""

    @contextmanager
    def at(self, where: str) -> Iterator[None]:
        outer, self.where = self.where, where
        try:
            yield
        except ValidationError as exc:
            details = exc.message_dict if hasattr(exc, "error_dict") else {"": exc.messages}
            lines = [f"{name or '(record)'}: {' '.join(msgs)}" for name, msgs in details.items()]
            raise SeedError(f"{self.where}: " + "; ".join(lines)) from None
        finally:
            self.where = outer

    def ref(self, table: Mapping[str, Any], name: str, what: str, field_name: str) -> Any:
        if name not in table:
            raise SeedError(f"{self.where}: {field_name}: no {what} {name!r} in the seed files.")
        return table[name]

    def tally(self, kind: str, created: bool, changed: bool) -> None:
        counter = self.report.created if created else self.report.updated if changed else self.report.unchanged
        counter[kind] += 1

    @staticmethod
    def diff(instance: models.Model, wanted: Mapping[str, Any]) -> dict[str, Any]:
        return {k: v for k, v in wanted.items() if getattr(instance, k) != v}

    # --- records ---------------------------------------------------------

    def source(self, data: dict[str, Any]) -> None:
        wanted = {
            "title": data["title"],
            "publisher": data.get("publisher", ""),
            "author": data.get("author", ""),
            "published_on": _date(data.get("published_on")),
            "link": data.get("link", ""),
            "quote": data.get("quote", ""),
            "note": data.get("note", ""),
        }
        existing = Source.objects.filter(key=data["key"]).first()
        if existing is None:
            self.sources[data["key"]] = source_create(key=data["key"], **wanted)
            self.tally("sources", True, False)
        else:
            changes = self.diff(existing, wanted)
            self.sources[data["key"]] = source_update(source=existing, changes=changes) if changes else existing
            self.tally("sources", False, bool(changes))

    def actor(self, data: dict[str, Any]) -> None:
        wanted = {
            "name": data["name"],
            "kind": data["kind"],
            "country": data.get("country", ""),
            "aliases": list(data.get("aliases", [])),
            "description": data.get("description", ""),
            # An actor may only represent one listed before it.
            "represents": self.ref(self.actors, data["represents"], "earlier-listed actor", "represents")
            if "represents" in data
            else None,
        }
        existing = Actor.objects.filter(slug=data["slug"]).first()
        if existing is None:
            self.actors[data["slug"]] = actor_create(slug=data["slug"], **wanted)
            self.tally("actors", True, False)
        else:
            # The seeds' aliases are added, never the only ones: an import or an editor may have
            # given the actor more (PA-X's "Republic of RUSSIA"), which a re-run must not strip.
            wanted["aliases"] += [alias for alias in existing.aliases if alias not in wanted["aliases"]]
            changes = self.diff(existing, wanted)
            self.actors[data["slug"]] = actor_update(actor=existing, changes=changes) if changes else existing
            self.tally("actors", False, bool(changes))

    def agreement(self, data: dict[str, Any]) -> Agreement:
        wanted = {
            "title": data["title"],
            "kind": data["kind"],
            "date": _date(data.get("date")),
            "date_precision": data.get("date_precision", "day"),
            "place": data.get("place", ""),
            "countries": list(data.get("countries", [])),
            "conflict": data.get("conflict", ""),
            "peace_process": data.get("peace_process", ""),
            "region": data.get("region", ""),
            "summary": data.get("summary", ""),
            "full_text": data.get("full_text", ""),
            "info_url": data.get("info_url", ""),
            "document_url": data.get("document_url", ""),
            "external_ids": dict(data.get("external_ids", {})),
        }
        sources = [self.ref(self.sources, key, "source", "sources") for key in data.get("sources", [])]
        signatories = [
            SignatoryInput(
                actor=self.ref(self.actors, s["actor"], "actor", "signatories.actor"),
                role=s["role"],
                signed_by=self.ref(self.actors, s["signed_by"], "actor", "signatories.signed_by")
                if "signed_by" in s
                else None,
                signed_as=s.get("signed_as", ""),
                note=s.get("note", ""),
            )
            for s in data.get("signatories", [])
        ]
        existing = Agreement.objects.filter(slug=data["slug"]).first()
        if existing is None:
            agreement = agreement_create(slug=data["slug"], signatories=signatories, sources=sources, **wanted)
            self.tally("agreements", True, False)
            return agreement
        changes = self.diff(existing, wanted)
        current_parts = [
            SignatoryInput(actor=s.actor, role=s.role, signed_by=s.signed_by, signed_as=s.signed_as, note=s.note)
            for s in existing.signatories.select_related("actor", "signed_by").order_by("position", "id")
        ]
        parts_changed = current_parts != signatories
        sources_changed = {s.pk for s in existing.sources.all()} != {s.pk for s in sources}
        agreement_update(
            agreement=existing,
            changes=changes,
            signatories=signatories if parts_changed else None,
            sources=sources if sources_changed else None,
        )
        self.tally("agreements", False, bool(changes or parts_changed or sources_changed))
        return existing

    def links(self, agreement: Agreement, data: dict[str, Any]) -> None:
        links = [
            LinkInput(
                to_agreement=self.ref(self.agreements, link["to"], "agreement", "links.to"),
                kind=link["kind"],
                note=link.get("note", ""),
            )
            for link in data.get("links", [])
        ]
        current = {(link.to_agreement_id, link.kind): link.note for link in agreement.links_out.all()}
        for link in links:
            key = (link.to_agreement.pk, link.kind)
            self.tally("links", key not in current, key in current and current[key] != link.note)
        if current != {(link.to_agreement.pk, link.kind): link.note for link in links}:
            agreement_update(agreement=agreement, changes={}, links=links)

    def commitment(self, agreement: Agreement, position: int, data: dict[str, Any]) -> Commitment:
        wanted = {
            "position": position,
            "wording": data["wording"],
            "summary": data.get("summary", ""),
            "category": data["category"],
            "wording_source": self.ref(self.sources, data["wording_source"], "source", "wording_source")
            if "wording_source" in data
            else None,
        }
        bound = [self.ref(self.actors, slug, "actor", "bound_actors") for slug in data.get("bound_actors", [])]
        existing = agreement.commitments.filter(number=data["number"]).first()
        if existing is None:
            commitment = commitment_create(agreement=agreement, number=data["number"], bound_actors=bound, **wanted)
            self.tally("commitments", True, False)
            return commitment
        changes = self.diff(existing, wanted)
        bound_changed = {a.pk for a in existing.bound_actors.all()} != {a.pk for a in bound}
        commitment_update(commitment=existing, changes=changes, bound_actors=bound if bound_changed else None)
        self.tally("commitments", False, bool(changes or bound_changed))
        return existing

    def deadline(self, commitment: Commitment, data: dict[str, Any]) -> None:
        """A deadline in the calendar, or counted from an anchor: ``anchor: signed``, or the
        ``key`` of a deadline stated earlier in the seed files, with an ``offset``."""
        wanted: dict[str, Any] = {
            "wording": data["wording"],
            "time_zone": data["time_zone"],
            "review_on": _date(data.get("review_on")),
            "source": self.ref(self.sources, data["source"], "source", "source") if "source" in data else None,
        }
        if "anchor" in data:
            anchor = (
                None if data["anchor"] == "signed" else self.ref(self.deadlines, data["anchor"], "deadline", "anchor")
            )
            wanted.update(
                anchor_kind=DeadlineAnchor.SIGNED if anchor is None else DeadlineAnchor.DEADLINE,
                anchor=anchor,
                offset=data["offset"],
            )
        else:
            wanted.update(
                anchor_kind="",
                precision=data["precision"],
                year=data.get("year"),
                month=data.get("month"),
                day=data.get("day"),
                time=dt.time.fromisoformat(data["time"]) if "time" in data else None,
            )
        existing: Deadline | None = commitment.deadlines.filter(wording=data["wording"]).first()
        if existing is None:
            deadline = deadline_create(commitment=commitment, now=self.now, **wanted)
            self.tally("deadlines", True, False)
        else:
            changes = self.diff(existing, wanted)
            deadline = deadline_update(deadline=existing, changes=changes, now=self.now) if changes else existing
            self.tally("deadlines", False, bool(changes))
        if "key" in data:
            if data["key"] in self.deadlines:
                raise SeedError(f"{self.where}: key: another deadline is already called {data['key']!r}.")
            self.deadlines[data["key"]] = deadline


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def seed_files(directory: Path = SEEDS_DIR) -> list[Path]:
    """The seed files of a directory, in name order."""
    return sorted(p for p in directory.glob("*.y*ml") if p.is_file())


def seeds_load(paths: Sequence[Path] | None = None, *, now: dt.datetime | None = None) -> SeedReport:
    """Load seed files (by default every one in ``seeds/``) in one transaction."""
    paths = list(paths) if paths is not None else seed_files()
    if not paths:
        raise SeedError(f"No seed files (*.yaml) in {SEEDS_DIR}.")
    documents = [(path, parse_seed_file(path)) for path in paths]
    report = SeedReport()
    writer = _Writer(report, now)
    with transaction.atomic():
        for path, doc in documents:
            for i, data in enumerate(doc.get("sources", [])):
                with writer.at(f"{path.name}: sources[{i}] ({data['key']})"):
                    writer.source(data)
        for path, doc in documents:
            for i, data in enumerate(doc.get("actors", [])):
                with writer.at(f"{path.name}: actors[{i}] ({data['slug']})"):
                    writer.actor(data)
        for path, doc in documents:
            for i, data in enumerate(doc.get("agreements", [])):
                with writer.at(f"{path.name}: agreements[{i}] ({data['slug']})"):
                    writer.agreements[data["slug"]] = writer.agreement(data)
        for path, doc in documents:
            for i, data in enumerate(doc.get("agreements", [])):
                agreement = writer.agreements[data["slug"]]
                with writer.at(f"{path.name}: agreements[{i}] ({data['slug']})"):
                    writer.links(agreement, data)
                for j, cdata in enumerate(data.get("commitments", [])):
                    where = f"{path.name}: agreements[{i}] ({data['slug']}).commitments[{j}] ({cdata['number']})"
                    with writer.at(where):
                        commitment = writer.commitment(agreement, j, cdata)
                    for k, ddata in enumerate(cdata.get("deadlines", [])):
                        with writer.at(f"{where}.deadlines[{k}]"):
                            writer.deadline(commitment, ddata)
    return report
