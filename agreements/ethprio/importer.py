"""Importing the ETH/PRIO Civil Conflict Ceasefire Dataset: ceasefires as live records.

Each ``uniq_id`` becomes one agreement (a ceasefire, its ``external_ids``
``{"ethprio": "620077"}``, the dataset cited as its source), with

- its parties: each declaring actor, one ``Actor`` per UCDP actor id across
  the whole dataset (``external_ids`` ``{"ucdp": "5802"}``; other spellings
  become aliases), and the mediators the row names. An existing actor is
  reused only on the same UCDP id or an exact folded name or alias;
- a "cease hostilities" commitment with a deadline at the ceasefire's effect,
  to the precision its known parts give, in the country's time zone
  (:mod:`agreements.ethprio.places`); a ceasefire of fixed duration also gets
  its expiry, counted from the effect (an anchored deadline, ``P{days}D``);
- when it was in force (``in_force_from``, ``ended_on``, each with its
  precision), and every coded value of every row verbatim under its column
  name (``coded``): the reader guesses at nothing, nor does this;
- links: to its PA-X text where ``pax_id`` names one (in whichever order the
  two datasets are imported: see ``agreements_link_texts``), and to the
  ceasefires of the same country its ``link_id*`` columns name.

History is not news: a deadline that passed before the import is recorded as
passed at import, with a timeline entry that says so, but no subscriber hears
of it; one ``dataset.imported`` event sums the run up.

The file is read and checked whole before anything is written, and the run is
one transaction: a file that is not this dataset, or not strict CSV, changes
nothing; a row that cannot be read stops the run unless ``skip_bad_rows``, which
imports the rest and says what it left out. Idempotent: a second run changes
nothing. A field an editor changed since the last import keeps the editor's
value, and the report says so.
"""

from __future__ import annotations

import datetime as dt
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_update_with_history

from agreements.choices import (
    ActorKind,
    AgreementKind,
    CommitmentCategory,
    DatePrecision,
    DeadlineAnchor,
    DeadlinePrecision,
    DeadlineState,
    EventType,
    LinkKind,
    RecordSource,
    SignatoryRole,
)
from agreements.countries import alpha2_from_name, government_country
from agreements.ethprio.reader import Ceasefire, PartialDate, ReadResult, read_ceasefires
from agreements.models import Actor, Agreement, AgreementLink, Commitment, Deadline, Signatory, Source
from agreements.services.events import event_new, events_record
from agreements.services.links import TextLinks, agreements_link_texts
from agreements.services.sweep import deadlines_record_passed
from utilities.bulk import bulk_insert, collection_paused
from utilities.csvfile import ImportRefused
from utilities.folding import fold
from utilities.history import bulk_create_with_history
from utilities.models import claim_slug
from utilities.services import UserLike, author
from utilities.text import capped

__all__ = ["CeasefireImportReport", "ImportRefused", "ceasefires_import"]

DATASET = "ethprio"
SOURCE_KEY = "ethprio-ceasefires-2022"
SOURCE = {
    "title": "ETH/PRIO Civil Conflict Ceasefire Dataset",
    "author": "Govinda Clayton, Håvard Mokleiv Nygård, Håvard Strand, Siri Aas Rustad et al.",
    "publisher": "",
    "link": "https://doi.org/10.1177/00220027221129195",
    "note": (
        "Clayton, Nygård, Strand, Rustad et al., “Introducing the ETH/PRIO Civil Conflict Ceasefire Dataset”, "
        "Journal of Conflict Resolution (2022), doi 10.1177/00220027221129195: every ceasefire in a civil "
        "conflict 1989–2020, one row per ceasefire and declaring actor."
    ),
}
# Agreement fields the import sets, and tells apart from an editor's later changes.
TRACKED = (
    "title",
    "kind",
    "date",
    "date_precision",
    "countries",
    "conflict",
    "in_force_from",
    "in_force_from_precision",
    "ended_on",
    "ended_on_precision",
)
TITLE_ACTORS = 3
Progress = Callable[[int, int], None]


@dataclass
class CeasefireImportReport:
    """What an import did, for the command, the admin and the tests."""

    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    kept_edits: list[str] = field(default_factory=list)
    actors_created: list[str] = field(default_factory=list)
    actors_reused: int = 0
    actor_notes: list[str] = field(default_factory=list)
    parties_added: int = 0
    mediators_added: int = 0
    deadlines_created: int = 0
    passed_at_import: int = 0
    ceasefire_links_added: int = 0
    ceasefire_links_unresolved: list[str] = field(default_factory=list)
    texts: TextLinks = field(default_factory=TextLinks)
    seconds: float = 0.0

    @property
    def changed(self) -> bool:
        return bool(
            self.created
            or self.updated
            or self.actors_created
            or self.parties_added
            or self.mediators_added
            or self.ceasefire_links_added
            or self.texts.added
        )

    def summary(self) -> dict[str, Any]:
        return {
            "rows": self.rows,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "skipped": len(self.skipped),
            "actors_created": len(self.actors_created),
            "deadlines_created": self.deadlines_created,
            "passed_at_import": self.passed_at_import,
            "links_to_pax": self.texts.added,
            "links_between_ceasefires": self.ceasefire_links_added,
        }

    def lines(self, limit: int | None = None) -> list[str]:
        """The report for people to read; each list cut to ``limit`` lines if given (-v 2: all)."""
        out = [
            f"Read {self.rows} rows in {self.seconds:.1f} s: {self.created} ceasefires created, "
            f"{self.updated} updated, {self.unchanged} unchanged, {len(self.skipped)} rows skipped.",
            f"Actors: {len(self.actors_created)} created, {self.actors_reused} reused; parties added: "
            f"{self.parties_added} declaring, {self.mediators_added} mediating.",
            f"Deadlines: {self.deadlines_created} created, {self.passed_at_import} of them passed before the "
            "import and recorded as passed at import (no webhook sent for them).",
            f"Links: {self.ceasefire_links_added} between ceasefires of the same country; "
            f"{self.texts.added} to the PA-X text of a ceasefire ({self.texts.linked} in all).",
        ]
        if not self.changed:
            out.insert(0, "Nothing changed: this file is already imported.")
        if self.texts.missing:
            out.append(
                "PA-X AgtIds named by ceasefires but not imported (yet): " + ", ".join(sorted(self.texts.missing))
            )
        for prefix, lines, what in (
            ("Unresolved link: ", self.ceasefire_links_unresolved, "unresolved links"),
            ("Actor: ", self.actor_notes, "notes on actors"),
            ("Kept an editor's change: ", self.kept_edits, "kept changes"),
            ("Read with less precision: ", self.warnings, "dates read with less precision"),
            ("Skipped ", self.skipped, "skipped rows"),
            ("New actor: ", self.actors_created, "new actors"),
        ):
            out += capped([f"{prefix}{line}" for line in lines], limit, what, rest="-v 2 lists them all")
        return out


# --- what a ceasefire says, summed over its rows -----------------------------------------


def _precision(date: PartialDate | None) -> str:
    """A dataset date's precision as an agreement states dates ('' when unknown)."""
    if date is None or date.year is None:
        return ""
    return {"day": DatePrecision.DAY, "month": DatePrecision.MONTH, "year": DatePrecision.YEAR}[str(date.precision)]


def _earliest(dates: Iterable[PartialDate | None]) -> PartialDate | None:
    known = [d for d in dates if d is not None and d.year is not None]
    # The earliest first day; at a tie, the more precise.
    return min(known, key=lambda d: (d.first_day() or dt.date.max, -len(_precision(d))), default=None)


def _latest(dates: Iterable[PartialDate | None]) -> PartialDate | None:
    known = [d for d in dates if d is not None and d.year is not None]
    return max(known, key=lambda d: d.first_day() or dt.date.min, default=None)


def _display(date: PartialDate | None) -> str:
    if date is None or date.year is None:
        return "date unknown"
    if date.month is None:
        return str(date.year)
    month = dt.date(date.year, date.month, 1)
    return f"{month:%B %Y}" if date.day is None else f"{date.day} {month:%B %Y}"


@dataclass(frozen=True)
class _Summary:
    declared: PartialDate | None
    effect: PartialDate | None
    end: PartialDate | None
    fixed_days: int | None
    mediators: tuple[str, ...]


def _summarise(ceasefire: Ceasefire) -> _Summary:
    """What the ceasefire's rows say together.

    Declared and effect: the earliest any row gives (an actor that declared first
    started it). End: the latest any row gives (it ran while any party kept it).
    A duration: the first row that states one.
    """
    rows = ceasefire.declarations
    return _Summary(
        declared=_earliest(d.declared for d in rows),
        effect=_earliest(d.effect for d in rows),
        end=_latest(d.end for d in rows),
        fixed_days=next((d.fixed_days for d in rows if d.fixed_days), None),
        mediators=tuple(dict.fromkeys(name for d in rows for name in d.mediators)),
    )


def _title(ceasefire: Ceasefire, declared: PartialDate | None) -> str:
    names = [actor.name for actor in ceasefire.actors]
    shown = ", ".join(names[:TITLE_ACTORS])
    if len(names) > TITLE_ACTORS:
        shown += f" and {len(names) - TITLE_ACTORS} others"
    return f"Ceasefire: {shown} ({ceasefire.location}, {_display(declared)})"[:500]


def _coded(ceasefire: Ceasefire, warnings: list[str]) -> dict[str, Any]:
    return {
        "dataset": DATASET,
        "uniq_id": ceasefire.uniq_id,
        "cc": ceasefire.cc,
        "cf_id": ceasefire.cf_id,
        "location": ceasefire.location,
        **ceasefire.coded,
        "rows": [
            {
                "line": d.line,
                "id": d.row_id,
                "actor_name": d.actor.name,
                "ucdp_actor_id": d.actor.ucdp_id,
                "pax_id": d.pax_id,
                "declared": str(d.declared) if d.declared else None,
                "effect": str(d.effect) if d.effect else None,
                "end": str(d.end) if d.end else None,
                "fixed_days": d.fixed_days,
                "mediators": list(d.mediators),
                "links": list(d.linked_uniq_ids),
                "columns": d.coded,
            }
            for d in ceasefire.declarations
        ],
        "warnings": warnings,
    }


def _jsonable(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


# --- the import ------------------------------------------------------------------------


class _Importer:
    def __init__(self, report: CeasefireImportReport, user: UserLike, now: dt.datetime) -> None:
        self.report = report
        self.user = author(user)
        self.now = now
        self.source = self._source()
        self.slugs = set(Agreement.objects.values_list("slug", flat=True))
        self.actor_slugs = set(Actor.objects.values_list("slug", flat=True))
        self.by_ucdp: dict[str, Actor] = {}
        self.by_name: dict[str, Actor] = {}
        # The national government of each country, by the country its name names (one per country).
        self.governments: dict[str, Actor] = {}
        for actor in Actor.objects.order_by("id"):
            if ucdp := (actor.external_ids or {}).get("ucdp"):
                self.by_ucdp[ucdp] = actor
            for spelling in actor.all_names:
                self.by_name.setdefault(fold(spelling), actor)
            if actor.kind == ActorKind.GOVERNMENT:
                code = next((c for n in actor.all_names if (c := government_country(n))), None)
                if code and actor.country in {"", code}:
                    self.governments.setdefault(code, actor)
        self.new_actors: list[Actor] = []
        self.changed_actors: dict[int, Actor] = {}

    def _source(self) -> Source:
        source = Source.objects.filter(key=SOURCE_KEY).first()
        if source is None:
            source = Source(key=SOURCE_KEY, **SOURCE)
            source.save()
        return source

    # --- actors -------------------------------------------------------------------------

    def _actor_slug(self, name: str) -> str:
        return claim_slug(name, self.actor_slugs, fallback="actor")

    def _new_actor(self, name: str, kind: str, country: str, aliases: list[str], ucdp: str | None) -> Actor:
        actor = Actor(
            name=name,
            slug=self._actor_slug(name),
            kind=kind,
            country=country,
            aliases=aliases,
            external_ids={"ucdp": ucdp} if ucdp else {},
            imported={"source": DATASET, "kind": kind, "country": country},
        )
        actor.search_text = actor.compute_search_text()
        self.new_actors.append(actor)
        if kind == ActorKind.GOVERNMENT and country:
            self.governments.setdefault(country, actor)
        self.report.actors_created.append(f"{name}" + (f" (UCDP {ucdp})" if ucdp else ""))
        for spelling in actor.all_names:
            self.by_name.setdefault(fold(spelling), actor)
        return actor

    def _add_aliases(self, actor: Actor, names: Iterable[str]) -> None:
        known = {fold(n) for n in actor.all_names}
        new = [n for n in names if fold(n) not in known]
        if new:
            actor.aliases = [*actor.aliases, *dict.fromkeys(new)]
            actor.search_text = actor.compute_search_text()
            if actor.pk is not None:
                self.changed_actors[actor.pk] = actor
            for spelling in new:
                self.by_name.setdefault(fold(spelling), actor)

    def actors(self, ceasefires: list[Ceasefire]) -> dict[tuple[int | None, str], Actor]:
        """One actor per UCDP id (and per name where UCDP lists none), made or found once for the whole file."""
        names: dict[int, Counter[str]] = {}
        countries: dict[int, Counter[str]] = {}
        unlisted: dict[str, str] = {}
        actor: Actor | None
        for ceasefire in ceasefires:
            for declaration in ceasefire.declarations:
                named = declaration.actor
                if named.ucdp_id is None:
                    unlisted.setdefault(named.name, ceasefire.country)
                else:
                    names.setdefault(named.ucdp_id, Counter())[named.name] += 1
                    countries.setdefault(named.ucdp_id, Counter())[ceasefire.country] += 1
        found: dict[tuple[int | None, str], Actor] = {}
        for ucdp_id, spellings in names.items():
            ordered = [name for name, _ in spellings.most_common()]
            named_country = next((c for n in ordered if (c := government_country(n))), None)
            government = named_country is not None or ordered[0].startswith("Government")
            # A government's country is the one its name names ("Government of Iran", whose ceasefire
            # was in Syria), else the country of most of its ceasefires ("Government of CAR").
            country = (named_country or countries[ucdp_id].most_common(1)[0][0]) if government else ""
            kind = ActorKind.GOVERNMENT if government else ActorKind.ARMED_GROUP
            actor = self._by_id_or_name(str(ucdp_id), ordered, government=country if government else "")
            if actor is None:
                actor = self._new_actor(ordered[0], kind, country, ordered[1:], str(ucdp_id))
            else:
                self.report.actors_reused += 1
                self._add_aliases(actor, ordered)
                self._adopt(actor, kind, country)
            if len(ordered) > 1 and not _same_name_family(ordered):
                self.report.actor_notes.append(
                    f"UCDP id {ucdp_id} is named {', '.join(repr(n) for n in ordered)}: one actor, as the id says; "
                    "the other names are its aliases"
                )
            for name in ordered:
                found[(ucdp_id, name)] = actor
        for name in unlisted:
            actor = self.by_name.get(fold(name))
            if actor is None:
                actor = self._new_actor(name, ActorKind.OTHER, "", [], None)
            else:
                self.report.actors_reused += 1
            found[(None, name)] = actor
        return found

    def _by_id_or_name(self, ucdp: str, names: list[str], *, government: str = "") -> Actor | None:
        """The actor with this UCDP id; else one named exactly so (folded) that has no other UCDP id.

        A national government (``government``: its country) is also the one national-government
        actor of that country, however named ("Government of DR Congo (Zaire)" is the "Government
        of the Democratic Republic of the Congo" the PA-X import made).
        """
        actor = self.by_ucdp.get(ucdp)
        if actor is not None:
            return actor
        national = self.governments.get(government) if government else None
        for candidate in [*(self.by_name.get(fold(name)) for name in names), national]:
            # A UCDP id is a government or an armed group: never a state as such (UCDP's "Republic of
            # Croatia" is not the state), nor a person.
            if candidate is None or candidate.kind in {ActorKind.STATE, ActorKind.PERSON}:
                continue
            other = (candidate.external_ids or {}).get("ucdp")
            if other and other != ucdp:
                self.report.actor_notes.append(
                    f"{names[0]!r} is UCDP {ucdp} here but the existing actor {candidate.name!r} is UCDP {other}: "
                    "kept apart"
                )
                continue
            candidate.external_ids = {**(candidate.external_ids or {}), "ucdp": ucdp}
            if candidate.pk is not None:
                self.changed_actors[candidate.pk] = candidate
            self.by_ucdp[ucdp] = candidate
            return candidate
        return None

    def _adopt(self, actor: Actor, kind: str, country: str) -> None:
        """An actor another importer made from free text takes what UCDP's id says of it.

        PA-X's parties are read from free text, UCDP's actors are catalogued: where the
        two name the same actor, UCDP's kind and country win — whichever dataset came
        first — unless an editor has changed them since (the actor's own values no longer
        what its importer said).
        """
        made = actor.imported or {}
        edited = actor.kind != made.get("kind") or ("country" in made and actor.country != made["country"])
        if made.get("source") == DATASET or edited:
            return
        actor.kind = kind
        actor.country = country
        # Which import made it stays known ("made_by"): the PA-X import reads its own actors apart.
        actor.imported = {"source": DATASET, "kind": kind, "country": country, "made_by": made.get("source")}
        if actor.pk is not None:
            self.changed_actors[actor.pk] = actor

    def mediator(self, name: str) -> Actor:
        actor = self.by_name.get(fold(name))
        if actor is not None:
            return actor
        # A state by its exact name is evident; anything else is not guessed at.
        country = alpha2_from_name(name)
        return self._new_actor(name, ActorKind.STATE if country else ActorKind.OTHER, country or "", [], None)

    def save_actors(self) -> None:
        bulk_insert(self.new_actors, batch_size=500)
        for actor in self.new_actors:
            if ucdp := actor.external_ids.get("ucdp"):
                self.by_ucdp[ucdp] = actor
        if self.changed_actors:
            bulk_update_with_history(
                list(self.changed_actors.values()),
                Actor,
                fields=["aliases", "external_ids", "kind", "country", "imported", "search_text", "updated_at"],
                batch_size=500,
                default_user=self.user,
                default_change_reason="ETH/PRIO import",
            )

    # --- agreements ---------------------------------------------------------------------

    def agreement_slug(self, ceasefire: Ceasefire, declared: PartialDate | None) -> str:
        date = str(declared) if declared and declared.year else "undated"
        text = f"{date} ceasefire {ceasefire.location} {ceasefire.uniq_id}"
        return claim_slug(text, self.slugs, fallback="ceasefire")

    def fields(self, ceasefire: Ceasefire, summary: _Summary) -> dict[str, Any]:
        return {
            "title": _title(ceasefire, summary.declared),
            "kind": AgreementKind.CEASEFIRE_AGREEMENT,
            "date": summary.declared.first_day() if summary.declared else None,
            "date_precision": _precision(summary.declared) or DatePrecision.DAY,
            "countries": [ceasefire.country],
            "conflict": ceasefire.location,
            "in_force_from": summary.effect.first_day() if summary.effect else None,
            "in_force_from_precision": _precision(summary.effect),
            "ended_on": summary.end.first_day() if summary.end else None,
            "ended_on_precision": _precision(summary.end),
        }

    def snapshot(self, ceasefire: Ceasefire, fields: dict[str, Any]) -> dict[str, Any]:
        return {
            "source": DATASET,
            "fields": {name: _jsonable(fields[name]) for name in TRACKED},
            "pax_ids": ceasefire.pax_ids,
        }

    def update(self, agreement: Agreement, ceasefire: Ceasefire, fields: dict[str, Any]) -> list[str]:
        """Apply what the dataset changed and no editor did; return the fields changed."""
        before = (agreement.imported or {}).get("fields", {})
        changed = []
        for name in TRACKED:
            new, current = fields[name], getattr(agreement, name)
            if _jsonable(new) == _jsonable(current):
                continue
            if name in before and _jsonable(current) != before[name]:
                if _jsonable(new) != before[name]:
                    self.report.kept_edits.append(
                        f"uniq_id {ceasefire.uniq_id} (line {ceasefire.line}), {name}: kept {str(current)[:60]!r}; "
                        f"the dataset now says {str(new)[:60]!r}"
                    )
                continue
            setattr(agreement, name, new)
            changed.append(name)
        return changed


def _same_name_family(names: list[str]) -> bool:
    """Spellings of one name ("Government of CAR", "Government of Central African Republic")?

    Only a note for the report: two names sharing no word are worth an editor's look.
    """
    words = [set(fold(n).split()) - {"of", "the", "government"} for n in names]
    return all(words[0] & other for other in words[1:]) if words[0] else True


@collection_paused()
def ceasefires_import(
    source: Path | str | BinaryIO,
    *,
    user: UserLike = None,
    progress: Progress | None = None,
    skip_bad_rows: bool = False,
    now: dt.datetime | None = None,
) -> CeasefireImportReport:
    """Import the ETH/PRIO dataset (see the module docs); one transaction.

    Raises ``NotAnEthPrioFile`` or ``CsvFileError`` for a file that is not this
    dataset or not strict CSV, and ``ImportRefused`` for unreadable rows (unless
    ``skip_bad_rows``), each before anything is written.
    """
    started = time.perf_counter()
    now = now or timezone.now()
    result = read_ceasefires(source)
    report = CeasefireImportReport(rows=result.rows)
    if result.errors and not skip_bad_rows:
        raise ImportRefused(result.errors)
    report.skipped = [str(error) for error in result.errors]
    report.warnings = [str(warning) for warning in result.warnings]
    with transaction.atomic():
        _write(result, report, user=user, now=now, progress=progress)
    report.seconds = time.perf_counter() - started
    return report


def _write(
    result: ReadResult, report: CeasefireImportReport, *, user: UserLike, now: dt.datetime, progress: Progress | None
) -> None:
    importer = _Importer(report, user, now)
    ceasefires = result.ceasefires
    warnings_by_line: dict[int, list[str]] = {}
    for warning in result.warnings:
        warnings_by_line.setdefault(warning.line, []).append(str(warning))
    actors = importer.actors(ceasefires)
    summaries = {c.uniq_id: _summarise(c) for c in ceasefires}
    mediators = {name: importer.mediator(name) for s in summaries.values() for name in s.mediators}
    importer.save_actors()

    existing = {
        a.external_ids[DATASET]: a
        for a in Agreement.objects.filter(external_ids__has_key=DATASET).only(
            "id", "external_ids", "imported", *TRACKED, "title", "search_text"
        )
    }
    creates: list[tuple[Ceasefire, Agreement]] = []
    updates: list[Agreement] = []
    update_fields: set[str] = set()
    for n, ceasefire in enumerate(ceasefires, start=1):
        summary = summaries[ceasefire.uniq_id]
        fields = importer.fields(ceasefire, summary)
        warnings = [w for d in ceasefire.declarations for w in warnings_by_line.get(d.line, [])]
        agreement = existing.get(str(ceasefire.uniq_id))
        if agreement is None:
            agreement = Agreement(
                slug=importer.agreement_slug(ceasefire, summary.declared),
                external_ids={DATASET: str(ceasefire.uniq_id)},
                coded=_coded(ceasefire, warnings),
                imported=importer.snapshot(ceasefire, fields),
                **fields,
            )
            agreement.search_text = agreement.compute_search_text()
            agreement.in_force_from_latest = agreement.compute_in_force_from_latest()
            creates.append((ceasefire, agreement))
        else:
            changed = importer.update(agreement, ceasefire, fields)
            snapshot = importer.snapshot(ceasefire, fields)
            coded = _coded(ceasefire, warnings)
            quiet = [
                name for name, value in (("imported", snapshot), ("coded", coded)) if getattr(agreement, name) != value
            ]
            for name in quiet:
                setattr(agreement, name, snapshot if name == "imported" else coded)
            if changed or quiet:
                agreement.search_text = agreement.compute_search_text()
                agreement.in_force_from_latest = agreement.compute_in_force_from_latest()
                updates.append(agreement)
                update_fields.update(changed, quiet)
            if changed:
                report.updated += 1
            else:
                report.unchanged += 1
        if progress is not None:
            progress(n, len(ceasefires))

    created = bulk_create_with_history(
        [a for _, a in creates],
        Agreement,
        batch_size=500,
        default_user=importer.user,
        default_change_reason="ETH/PRIO import",
    )
    report.created = len(created)
    if updates:
        bulk_update_with_history(
            updates,
            Agreement,
            fields=sorted(update_fields | {"search_text", "in_force_from_latest", "updated_at"}),
            batch_size=500,
            default_user=importer.user,
            default_change_reason="ETH/PRIO import",
        )
    bulk_insert(
        (Agreement.sources.through(agreement_id=a.pk, source_id=importer.source.pk) for a in created),
        batch_size=1000,
        ignore_conflicts=True,
    )
    by_uniq = {int(a.external_ids[DATASET]): a for a in [*created, *existing.values()]}
    _parties(ceasefires, by_uniq, actors, mediators, summaries, report)
    _commitments(
        [(ceasefire, agreement) for (ceasefire, _), agreement in zip(creates, created, strict=True)],
        actors,
        summaries,
        importer,
        report,
    )
    _links_between(ceasefires, by_uniq, report)
    report.texts = agreements_link_texts()
    if report.changed:
        events_record(
            [
                event_new(
                    type=EventType.DATASET_IMPORTED,
                    occurred_at=now,
                    data={"dataset": DATASET, "title": SOURCE["title"], "report": report.summary()},
                    user=user,
                )
            ]
        )


def _parties(
    ceasefires: list[Ceasefire],
    by_uniq: dict[int, Agreement],
    actors: dict[tuple[int | None, str], Actor],
    mediators: dict[str, Actor],
    summaries: dict[int, _Summary],
    report: CeasefireImportReport,
) -> None:
    wanted: set[tuple[int, int, str]] = set()
    for ceasefire in ceasefires:
        agreement_id = by_uniq[ceasefire.uniq_id].pk
        for declaration in ceasefire.declarations:
            actor = actors[(declaration.actor.ucdp_id, declaration.actor.name)]
            wanted.add((agreement_id, actor.pk, SignatoryRole.SIGNATORY))
        for name in summaries[ceasefire.uniq_id].mediators:
            wanted.add((agreement_id, mediators[name].pk, SignatoryRole.MEDIATOR))
    present = set(
        Signatory.objects.filter(agreement_id__in={w[0] for w in wanted}).values_list(
            "agreement_id", "actor_id", "role"
        )
    )
    missing = sorted(wanted - present)
    bulk_insert(
        (
            Signatory(
                agreement_id=a,
                actor_id=actor,
                role=role,
                note="Declared it (ETH/PRIO)." if role == SignatoryRole.SIGNATORY else "Named as mediator (ETH/PRIO).",
                origin=RecordSource.ETHPRIO,
            )
            for a, actor, role in missing
        ),
        batch_size=1000,
        ignore_conflicts=True,
    )
    report.parties_added += sum(role == SignatoryRole.SIGNATORY for _, _, role in missing)
    report.mediators_added += sum(role == SignatoryRole.MEDIATOR for _, _, role in missing)


def _effect_wording(summary: _Summary) -> str:
    if summary.effect is None:
        return "takes effect (the dataset gives no date)"
    return f"takes effect {_display(summary.effect)}"


def _effect_deadline(commitment: Commitment, ceasefire: Ceasefire, summary: _Summary, source: Source) -> Deadline:
    effect = summary.effect
    precision = {"": DeadlinePrecision.UNSPECIFIED, "day": "day", "month": "month", "year": "year"}[_precision(effect)]
    deadline = Deadline(
        commitment=commitment,
        wording=_effect_wording(summary),
        source=source,
        time_zone=ceasefire.time_zone,
        precision=precision,
        year=effect.year if effect and effect.year else None,
        month=effect.month if effect and effect.year else None,
        day=effect.day if effect and effect.year else None,
    )
    deadline.derive()
    return deadline


def _passed_at_import(deadline: Deadline, now: dt.datetime) -> bool:
    if deadline.due_at is not None and deadline.due_at <= now:
        deadline.state = DeadlineState.PASSED
        deadline.passed_at = now
        return True
    return False


def _commitments(
    pairs: list[tuple[Ceasefire, Agreement]],
    actors: dict[tuple[int | None, str], Actor],
    summaries: dict[int, _Summary],
    importer: _Importer,
    report: CeasefireImportReport,
) -> None:
    """For each new ceasefire: its "cease hostilities" commitment, the effect and any expiry."""
    if not pairs:
        return
    now, source = importer.now, importer.source
    commitments = []
    for _, agreement in pairs:
        commitment = Commitment(
            agreement=agreement,
            number="1",
            position=0,
            wording="Cease hostilities.",
            wording_source=source,
            summary="As the ETH/PRIO dataset records it; the dataset quotes no text of the ceasefire.",
            category=CommitmentCategory.CEASEFIRE,
        )
        commitment.search_text = commitment.compute_search_text()
        commitments.append(commitment)
    effects = [
        _effect_deadline(commitment, ceasefire, summaries[ceasefire.uniq_id], source)
        for (ceasefire, _), commitment in zip(pairs, commitments, strict=True)
    ]
    for commitment, effect in zip(commitments, effects, strict=True):
        if effect.due_at is not None and effect.due_at <= now:
            commitment.overdue_since = effect.due_at  # the earliest of its deadlines to pass
    commitments = bulk_create_with_history(
        commitments, Commitment, batch_size=500, default_user=importer.user, default_change_reason="ETH/PRIO import"
    )
    bulk_insert(
        (
            Commitment.bound_actors.through(commitment_id=commitment.pk, actor_id=actor_id)
            for (ceasefire, _), commitment in zip(pairs, commitments, strict=True)
            for actor_id in dict.fromkeys(actors[(a.ucdp_id, a.name)].pk for a in ceasefire.actors)
        ),
        batch_size=1000,
        ignore_conflicts=True,
    )
    for commitment, effect in zip(commitments, effects, strict=True):
        effect.commitment = commitment
        effect.search_text = fold(effect.wording)
        _passed_at_import(effect, now)
    effects = bulk_create_with_history(
        effects, Deadline, batch_size=500, default_user=importer.user, default_change_reason="ETH/PRIO import"
    )
    expiries = []
    for (ceasefire, _), effect in zip(pairs, effects, strict=True):
        days = summaries[ceasefire.uniq_id].fixed_days
        if not days:
            continue
        expiry = Deadline(
            commitment=effect.commitment,
            wording=f"runs for {days} days from taking effect (a ceasefire of fixed duration)",
            source=source,
            time_zone=ceasefire.time_zone,
            anchor_kind=DeadlineAnchor.DEADLINE,
            anchor=effect,
            offset=f"P{days}D",
        )
        expiry.derive()
        expiry.search_text = fold(expiry.wording)
        _passed_at_import(expiry, now)
        expiries.append(expiry)
    expiries = bulk_create_with_history(
        expiries, Deadline, batch_size=500, default_user=importer.user, default_change_reason="ETH/PRIO import"
    )
    report.deadlines_created += len(effects) + len(expiries)
    passed = [d for d in [*effects, *expiries] if d.state == DeadlineState.PASSED]
    report.passed_at_import += len(passed)
    # The timeline says each passed, and when it was recorded; no subscriber hears of it (fanned
    # out already). The events are the sweep's, built by the database from the rows just written.
    deadlines_record_passed(
        [deadline.pk for deadline in passed],
        now=now,
        extra={
            "recorded_at_import": True,
            "note": "Passed before the ETH/PRIO dataset was imported; recorded as passed at import, "
            "and no subscriber was sent it.",
        },
        fanned_out_at=now,
    )


def _links_between(ceasefires: list[Ceasefire], by_uniq: dict[int, Agreement], report: CeasefireImportReport) -> None:
    """``link_id*``: ceasefires of the same country the dataset links this one to."""
    wanted: set[tuple[int, int]] = set()
    for ceasefire in ceasefires:
        source = by_uniq[ceasefire.uniq_id].pk
        for target_uniq in ceasefire.linked_uniq_ids:
            if target_uniq == ceasefire.uniq_id:
                report.ceasefire_links_unresolved.append(f"uniq_id {ceasefire.uniq_id} links to itself: left out")
                continue
            target = by_uniq.get(target_uniq)
            if target is None:
                report.ceasefire_links_unresolved.append(
                    f"uniq_id {ceasefire.uniq_id} links to {target_uniq}, which the file does not hold"
                )
                continue
            wanted.add((source, target.pk))
    present = set(
        AgreementLink.objects.filter(
            kind=LinkKind.REFERENCES, from_agreement_id__in={w[0] for w in wanted}
        ).values_list("from_agreement_id", "to_agreement_id")
    )
    missing = sorted(wanted - present)
    bulk_insert(
        (
            AgreementLink(
                from_agreement_id=a,
                to_agreement_id=b,
                kind=LinkKind.REFERENCES,
                note="Linked in ETH/PRIO (link_id).",
                origin=RecordSource.ETHPRIO,
            )
            for a, b in missing
        ),
        batch_size=1000,
        ignore_conflicts=True,
    )
    report.ceasefire_links_added += len(missing)
