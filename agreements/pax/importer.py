"""Importing a PA-X release: agreements keyed by AgtId, their parties and references, all or nothing.

The run has two halves.

**Reading, before anything is written.** The whole file is checked as strict CSV and as
a PA-X release (``reader``); each row's parties are read by the parties parser against
the actors the database already has (``actors.ActorIndex``: known names first, one actor
per national government); each row's references are resolved to agreements
(``references``). A file that is not a release, or not strict UTF-8 CSV, is refused;
so is a file with an unreadable row (``ImportRefused``: each row by line, column and
reason) unless ``skip_bad_rows``, and a release older than the one imported
(``OlderRelease``: an agreement whose ``Ver`` is lower than the imported one, or a file
whose newest agreement is older than PA-X agreements imported from a release it lacks)
unless ``force``. A party cell read at an earlier import, by the same version of the
parser, is not read again: its parties, and the actors they resolved to, are taken as
they were (``reparse`` reads and resolves every cell afresh), so a re-import changes
nothing whatever the database has learnt since, and takes seconds.

**Writing, in one transaction.** Agreements are created or updated by AgtId. A field is
updated only if PA-X changed it and no editor did; where both changed, the editor's
value stays and the report says so. Parties and reference links are made exact: the ones
PA-X lists are there, the ones a former import made and PA-X no longer lists are removed
— but a party or link an editor added, or changed (``origin``), is never touched, and one
an editor removed is not added back. What editors added — commitments, deadlines, status
changes — is never touched. Each write is a bulk query over the whole release, so the
number of queries does not grow with the number of rows.

The report (``report.ImportReport``) names every record created, updated or removed with
the fields that changed; it is also written as a JSON file for review. Idempotent: a second
run of the same release changes nothing.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from simple_history.utils import bulk_update_with_history

from agreements.choices import LinkKind, RecordSource
from agreements.models import Actor, Agreement, AgreementLink, Signatory, Source
from agreements.pax.actors import ActorIndex
from agreements.pax.parties import Party
from agreements.pax.reader import PaxRow, Release, RowError, check_release, read_rows
from agreements.pax.references import Candidate, ReferenceIndex, Referrer
from agreements.pax.report import ImportReport
from agreements.services.links import agreements_link_texts
from utilities.bulk import bulk_insert, collection_paused
from utilities.csvfile import ImportRefused
from utilities.folding import fold
from utilities.history import bulk_create_with_history
from utilities.services import UserLike, author

__all__ = ["ImportRefused", "ImportReport", "OlderRelease", "pax_import"]

PAX_PUBLISHER = "PeaceRep, University of Edinburgh (PA-X Peace Agreements Database)"
REASON = "PA-X import"
PARTY_NOTE = "From PA-X."
LINK_NOTE = "Named in PA-X's references (OthAgr)."
TRACKED = (
    "title",
    "kind",
    "date",
    "date_precision",
    "conflict",
    "countries",
    "peace_process",
    "region",
    "agreement_type",
    "stage",
    "summary",
    "info_url",
    "document_url",
    "external_ids",
)
# Shown in the report of a refused older release; the rest are counted.
SHOWN = 10

Progress = Callable[[int, int], None]


class OlderRelease(ValueError):
    """The release is older than the one imported; nothing was written (``force`` imports it anyway)."""


def _jsonable(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


def _snapshot_date(agreement: Agreement) -> dt.date | None:
    text = ((agreement.imported or {}).get("fields") or {}).get("date")
    return dt.date.fromisoformat(text) if text else None


# --- reading -----------------------------------------------------------------------------------


def _read(
    release: Release,
    index: ActorIndex,
    existing: dict[str, Agreement],
    report: ImportReport,
    *,
    progress: Progress | None,
    reparse: bool,
) -> tuple[list[PaxRow], list[RowError]]:
    """Every row of the release; the parties of cells read before (same text, same parser) as read then."""

    def read_before(pax_id: str, key: str) -> tuple[list[Party], bool] | None:
        agreement = existing.get(pax_id)
        kept = ((agreement.imported or {}).get("parties_read") or {}) if agreement is not None else {}
        if reparse or kept.get("key") != key:
            return None
        return [Party(n, r, k, tuple(a), c, b, s) for n, r, k, a, c, b, s in kept["parties"]], kept["unreadable"]

    rows: list[PaxRow] = []
    errors: list[RowError] = []
    for item in read_rows(release, known_for=index.known_for, read_before=read_before, progress=progress):
        report.read += 1
        if isinstance(item, RowError):
            errors.append(item)
        else:
            rows.append(item)
    return rows, errors


def _refuse_older(rows: list[PaxRow], existing: dict[str, Agreement], report: ImportReport, *, force: bool) -> None:
    """Refuse (or, forced, note) a release older than the one imported: by agreement and as a whole."""
    older = []
    for row in rows:
        agreement = existing.get(row.pax_id)
        stored = int(((agreement.imported or {}).get("version") or 0) if agreement else 0)
        if row.version < stored:
            older.append(f"AgtId {row.pax_id} (line {row.line}) is version {row.version}; version {stored} is imported")
    in_file = {row.pax_id for row in rows}
    report.absent = sorted((pax_id for pax_id in existing if pax_id not in in_file), key=int)
    newest = max((row.fields["date"] for row in rows), default=None)
    later = sorted(
        (
            (date, pax_id)
            for pax_id, agreement in existing.items()
            if pax_id not in in_file and (date := _snapshot_date(agreement)) and newest and date > newest
        ),
        reverse=True,
    )
    if later:
        shown = ", ".join(f"AgtId {pax_id} of {date}" for date, pax_id in later[:SHOWN])
        older.insert(
            0,
            f"its newest agreement is of {newest}, but {len(later)} imported PA-X agreements it lacks are later "
            f"({shown}{', …' if len(later) > SHOWN else ''})",
        )
    if not older:
        return
    if force:
        report.forced = older
        return
    more = f"; and {len(older) - SHOWN} more" if len(older) > SHOWN else ""
    raise OlderRelease(
        f"{report.file or 'This file'} is older than the PA-X release imported: {'; '.join(older[:SHOWN])}{more}. "
        "Nothing was imported. To import it all the same (reverting what the later release says), use --force."
    )


# --- writing -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Part:
    """A party as PA-X lists it, resolved: actor and role, and who signed for it."""

    name: str
    role: str
    actor: Actor
    signed_by: Actor | None
    signed_as: str
    position: int


class _Writer:
    def __init__(self, report: ImportReport, index: ActorIndex, user: UserLike) -> None:
        self.report = report
        self.index = index
        self.user = author(user)
        self.slugs = set(Agreement.objects.values_list("slug", flat=True))
        # Each row's parties, in order, as the actor and the signer each resolved to.
        self.resolved: dict[str, list[tuple[Actor, Actor | None]]] = {}

    # --- agreements ---------------------------------------------------------------------------

    def _slug(self, row: PaxRow) -> str:
        base = slugify(f"{row.fields['date']} {row.fields['title']}")[:170].strip("-") or "agreement"
        slug = base if base not in self.slugs else f"{base}-pax-{row.pax_id}"
        self.slugs.add(slug)
        return slug

    def _update(self, agreement: Agreement, row: PaxRow) -> dict[str, list[Any]]:
        """Apply what PA-X changed and no editor did; return each field changed, ``[before, after]``."""
        before = (agreement.imported or {}).get("fields", {})
        changed: dict[str, list[Any]] = {}
        for name in TRACKED:
            new, current = row.fields[name], getattr(agreement, name)
            if _jsonable(new) == _jsonable(current):
                continue
            if name in before and _jsonable(current) != before[name]:
                if _jsonable(new) != before[name]:
                    self.report.kept_edits.append(
                        f"AgtId {row.pax_id} (line {row.line}), {name}: kept {str(current)[:60]!r}; "
                        f"PA-X now says {str(new)[:60]!r}"
                    )
                continue
            changed[name] = [_jsonable(current), _jsonable(new)]
            setattr(agreement, name, new)
        return changed

    def agreements(self, rows: list[PaxRow], existing: dict[str, Agreement]) -> dict[str, Agreement]:
        """Create and update the release's agreements; return every PA-X agreement by AgtId."""
        creates: list[Agreement] = []
        updates: list[Agreement] = []
        update_fields: set[str] = set()
        for row in rows:
            agreement = existing.get(row.pax_id)
            if agreement is None:
                agreement = Agreement(slug=self._slug(row), **row.fields)
                agreement.search_text = agreement.compute_search_text()
                creates.append(agreement)
                continue
            changed = self._update(agreement, row)
            if changed:
                agreement.search_text = agreement.compute_search_text()
                agreement.updated_at = timezone.now()
                updates.append(agreement)
                update_fields.update(changed)
                self.report.updated += 1
                self.report.add("agreement", "updated", f"AgtId {row.pax_id}", **changed)
            else:
                self.report.unchanged += 1
        created = bulk_create_with_history(
            creates, Agreement, batch_size=500, default_user=self.user, default_change_reason=REASON
        )
        if updates:
            bulk_update_with_history(
                updates,
                Agreement,
                fields=sorted(update_fields | {"search_text", "updated_at"}),
                batch_size=500,
                default_user=self.user,
                default_change_reason=REASON,
            )
        self.report.created = len(created)
        for agreement in created:
            self.report.add(
                "agreement", "created", f"AgtId {agreement.external_ids['pax']}", title=agreement.title,
                date=str(agreement.date),
            )  # fmt: skip
        self._sources(created)
        return {**existing, **{a.external_ids["pax"]: a for a in created}}

    def _sources(self, created: list[Agreement]) -> None:
        """Each new agreement cites its PA-X entry (the one already recorded, if it was imported before)."""
        if not created:
            return
        keys = {a.pk: f"pax-{a.external_ids['pax']}" for a in created}
        sources = {s.key: s for s in Source.objects.filter(key__in=keys.values())}
        new = [
            Source(
                key=keys[a.pk],
                title=f"PA-X: {a.title}"[:500],
                publisher=PAX_PUBLISHER,
                link=a.info_url,
                note=f"PA-X Peace Agreements Database, AgtId {a.external_ids['pax']}, "
                f"version {a.external_ids.get('pax_version', '1')}.",
                search_text=fold(f"PA-X {a.title} {PAX_PUBLISHER}"),
            )
            for a in created
            if keys[a.pk] not in sources
        ]
        sources.update((s.key, s) for s in bulk_insert(new, batch_size=500))
        bulk_insert(
            (Agreement.sources.through(agreement_id=a.pk, source_id=sources[keys[a.pk]].pk) for a in created),
            batch_size=1000,
        )

    # --- parties ------------------------------------------------------------------------------

    def resolve_parties(self, rows: list[PaxRow], existing: dict[str, Agreement]) -> dict[str, list[_Part]]:
        """Each row's parties as actors (made where needed, not yet saved), one per actor and role.

        Parties taken as read before resolve to the actors they resolved to then, while those
        exist: a re-import gives the same parties, whatever the database has learnt since.
        """
        parts: dict[str, list[_Part]] = {}
        for row in rows:
            self.report.parties_unreadable += row.parties_unreadable
            before = self._resolved_before(row, existing.get(row.pax_id))
            resolved: list[tuple[Actor, Actor | None]] = []
            wanted: dict[tuple[int, str], _Part] = {}
            for n, party in enumerate(row.parties):
                actor, signer = before[n] if before is not None else self._resolve(party)
                resolved.append((actor, signer))
                key = (id(actor), party.role)
                if key in wanted:
                    first = wanted[key]
                    if first.signed_by is None and signer is not None:
                        wanted[key] = _Part(first.name, first.role, actor, signer, party.signed_as, first.position)
                    continue
                wanted[key] = _Part(party.name, party.role, actor, signer, party.signed_as[:300], len(wanted))
            parts[row.pax_id] = list(wanted.values())
            self.resolved[row.pax_id] = resolved
        return parts

    def _resolve(self, party: Party) -> tuple[Actor, Actor | None]:
        split = self.index.person_of_actor(party)
        if split is not None:
            return split
        actor = self.index.resolve(party)
        return actor, (self.index.person(party.signed_by, actor) if party.signed_by else None)

    def _resolved_before(self, row: PaxRow, agreement: Agreement | None) -> list[tuple[Actor, Actor | None]] | None:
        """The actors the same reading resolved to at the last import, if they all still exist."""
        kept = ((agreement.imported or {}).get("parties_read") or {}) if agreement is not None else {}
        ids = kept.get("resolved")
        if not row.parties_reused or not isinstance(ids, list) or len(ids) != len(row.parties):
            return None
        actors = self.index.by_pk
        if not all(a in actors and (s is None or s in actors) for a, s in ids):
            return None
        return [(actors[a], actors[s] if s is not None else None) for a, s in ids]

    def report_actors(self) -> None:
        for actor in [*self.index.created, *self.index.persons]:
            self.report.add(
                "actor", "created", f"{actor.name} [{actor.kind}{', ' + actor.country if actor.country else ''}]",
                id=actor.pk,
            )  # fmt: skip
        names = dict(Actor.objects.filter(pk__in=self.index.new_aliases).values_list("pk", "name"))
        for pk, aliases in self.index.new_aliases.items():
            self.report.add("actor", "updated", f"{names.get(pk, pk)} (id {pk})", aliases=[[], aliases])

    def parties(self, rows: list[PaxRow], parts: dict[str, list[_Part]], by_pax: dict[str, Agreement]) -> None:
        """Make each agreement's PA-X parties exactly those PA-X lists (see the module)."""
        ids = [by_pax[row.pax_id].pk for row in rows]
        present: dict[int, dict[tuple[int, str], Signatory]] = {}
        for signatory in Signatory.objects.filter(agreement_id__in=ids).select_related("actor", "signed_by"):
            present.setdefault(signatory.agreement_id, {})[(signatory.actor_id, signatory.role)] = signatory
        creates: list[Signatory] = []
        updates: list[Signatory] = []
        removals: list[int] = []
        for row in rows:
            agreement = by_pax[row.pax_id]
            current = present.get(agreement.pk, {})
            previous = _previous_parties(agreement, current)
            wanted = {(p.actor.pk, p.role): p for p in parts[row.pax_id]}
            for key, part in wanted.items():
                label = f"AgtId {row.pax_id}: {part.actor.name} ({part.role})"
                found = current.get(key)
                if found is None:
                    if key in previous:
                        self.report.kept_edits.append(
                            f"{label}: removed by an editor, still listed by PA-X; not added back"
                        )
                        continue
                    creates.append(
                        Signatory(
                            agreement_id=agreement.pk,
                            actor_id=part.actor.pk,
                            role=part.role,
                            signed_by_id=part.signed_by.pk if part.signed_by else None,
                            signed_as=part.signed_as,
                            note=PARTY_NOTE,
                            position=part.position,
                            origin=RecordSource.PAX,
                        )
                    )
                    signer = part.signed_by.name if part.signed_by else ""
                    self.report.add("party", "created", label, signed_by=signer, signed_as=part.signed_as)
                    continue
                if found.origin != RecordSource.PAX:
                    continue
                changed = _changed_part(found, part)
                if changed:
                    updates.append(found)
                    self.report.add("party", "updated", label, **changed)
            for key, signatory in current.items():
                if key not in wanted and signatory.origin == RecordSource.PAX:
                    removals.append(signatory.pk)
                    self.report.add(
                        "party", "removed", f"AgtId {row.pax_id}: {signatory.actor.name} ({signatory.role})",
                        signed_by=signatory.signed_by.name if signatory.signed_by else "",
                    )  # fmt: skip
            agreement.imported = {**(agreement.imported or {}), "parties": sorted([a, r] for a, r in wanted)}
        if removals:
            Signatory.objects.filter(pk__in=removals).delete()
        bulk_create_with_history(
            creates, Signatory, batch_size=1000, default_user=self.user, default_change_reason=REASON
        )
        if updates:
            bulk_update_with_history(
                updates,
                Signatory,
                fields=["signed_by", "signed_as", "position"],
                batch_size=1000,
                default_user=self.user,
                default_change_reason=REASON,
            )

    # --- links --------------------------------------------------------------------------------

    def links(self, rows: list[PaxRow], resolved: dict[str, dict[str, str]], by_pax: dict[str, Agreement]) -> None:
        """Make each agreement's PA-X reference links exactly those its references resolve to."""
        ids = {by_pax[row.pax_id].pk: row.pax_id for row in rows}
        pax_of = {a.pk: pax_id for pax_id, a in by_pax.items()}
        present: dict[int, dict[int, AgreementLink]] = {}
        for link in AgreementLink.objects.filter(from_agreement_id__in=ids, kind=LinkKind.REFERENCES):
            present.setdefault(link.from_agreement_id, {})[link.to_agreement_id] = link
        creates: list[AgreementLink] = []
        removals: list[int] = []
        for row in rows:
            agreement = by_pax[row.pax_id]
            current = present.get(agreement.pk, {})
            wanted = {by_pax[t].pk: how for t, how in resolved.get(row.pax_id, {}).items() if t in by_pax}
            previous = set((agreement.imported or {}).get("links", []))
            for target, how in wanted.items():
                label = f"AgtId {row.pax_id} → AgtId {pax_of[target]}"
                if target in current:
                    continue
                if pax_of[target] in previous:
                    self.report.kept_edits.append(f"link {label}: removed by an editor; not added back")
                    continue
                creates.append(
                    AgreementLink(
                        from_agreement_id=agreement.pk,
                        to_agreement_id=target,
                        kind=LinkKind.REFERENCES,
                        note=LINK_NOTE,
                        origin=RecordSource.PAX,
                    )
                )
                self.report.links_by[how] = self.report.links_by.get(how, 0) + 1
                self.report.add("link", "created", label, found_by=how, title=by_pax[pax_of[target]].title)
            for target, link in current.items():
                if target not in wanted and link.origin == RecordSource.PAX:
                    removals.append(link.pk)
                    self.report.add("link", "removed", f"AgtId {row.pax_id} → AgtId {pax_of.get(target, '?')}")
            agreement.imported = {**(agreement.imported or {}), "links": sorted(pax_of[t] for t in wanted)}
        if removals:
            AgreementLink.objects.filter(pk__in=removals).delete()
        bulk_create_with_history(
            creates, AgreementLink, batch_size=1000, default_user=self.user, default_change_reason=REASON
        )

    def snapshots(self, rows: list[PaxRow], by_pax: dict[str, Agreement]) -> None:
        """Keep what PA-X said of each agreement, to tell its later changes from editors' (no history: quiet)."""
        changed = []
        for row in rows:
            agreement = by_pax[row.pax_id]
            snapshot = {
                **(agreement.imported or {}),
                "source": "pax",
                "version": row.version,
                "fields": {name: _jsonable(row.fields[name]) for name in TRACKED},
                # The parties as the parser read them: the next import of the same cells takes them as they
                # are, so that what the database learnt since (UCDP actors) does not change a text's reading.
                "parties_read": {
                    "key": row.parties_key,
                    "parties": [
                        [p.name, p.role, p.kind, list(p.aliases), p.country, p.signed_by, p.signed_as]
                        for p in row.parties
                    ],
                    "unreadable": row.parties_unreadable,
                    "resolved": [[a.pk, s.pk if s else None] for a, s in self.resolved[row.pax_id]],
                },
            }
            if snapshot != getattr(agreement, "imported_before", None):
                agreement.imported = snapshot
                changed.append(agreement)
        Agreement.objects.bulk_update(changed, ["imported"], batch_size=500)


def _previous_parties(agreement: Agreement, current: dict[tuple[int, str], Signatory]) -> set[tuple[int, str]]:
    """The parties the last import made ((actor id, role)); before imports kept them, those it left."""
    listed = (agreement.imported or {}).get("parties")
    if listed and all(isinstance(p, list) and len(p) == 2 and isinstance(p[0], int) for p in listed):
        return {(p[0], p[1]) for p in listed}
    return {key for key, s in current.items() if s.origin == RecordSource.PAX}


def _changed_part(signatory: Signatory, part: _Part) -> dict[str, list[Any]]:
    changed: dict[str, list[Any]] = {}
    signer_id = part.signed_by.pk if part.signed_by else None
    if signatory.signed_by_id != signer_id:
        changed["signed_by"] = [
            signatory.signed_by.name if signatory.signed_by else "",
            part.signed_by.name if part.signed_by else "",
        ]
        signatory.signed_by_id = signer_id
    if signatory.signed_as != part.signed_as:
        changed["signed_as"] = [signatory.signed_as, part.signed_as]
        signatory.signed_as = part.signed_as
    if changed or signatory.position != part.position:
        signatory.position = part.position
    return changed


def _candidates(rows: list[PaxRow], existing: dict[str, Agreement]) -> list[Candidate]:
    """Every agreement a reference may name: the release's, as PA-X now says, and the others imported."""
    in_file = {row.pax_id: row for row in rows}
    out = [_candidate(row.pax_id, row.fields) for row in rows]
    for pax_id, agreement in existing.items():
        if pax_id not in in_file:
            out.append(_candidate(pax_id, {name: getattr(agreement, name) for name in TRACKED}))
    return out


def _candidate(pax_id: str, fields: dict[str, Any]) -> Candidate:
    return Candidate(
        pax_id=pax_id,
        title=fields["title"],
        date=fields["date"],
        process=fields["peace_process"],
        countries=tuple(fields["countries"]),
        conflict=fields["conflict"],
        region=fields["region"],
    )


def _resolve_references(
    rows: list[PaxRow], existing: dict[str, Agreement], report: ImportReport
) -> dict[str, dict[str, str]]:
    index = ReferenceIndex(_candidates(rows, existing))
    resolved: dict[str, dict[str, str]] = {}
    for row in rows:
        if not row.references.strip():
            continue
        found = index.resolve(Referrer(_candidate(row.pax_id, row.fields), row.references))
        resolved[row.pax_id] = found.links
        if not found.links:
            excerpt = " ".join(row.references.split())
            report.unresolved_references.append(
                f"AgtId {row.pax_id} (line {row.line}): {excerpt[:160]}{'…' if len(excerpt) > 160 else ''}"
            )
    return resolved


def _existing() -> dict[str, Agreement]:
    # Whole rows: the history of an update records every field.
    agreements = Agreement.objects.filter(external_ids__has_key="pax")
    out = {}
    for agreement in agreements:
        agreement.imported_before = agreement.imported  # type: ignore[attr-defined]
        out[agreement.external_ids["pax"]] = agreement
    return out


@collection_paused()
def pax_import(
    source: Path | str | BinaryIO,
    *,
    user: UserLike = None,
    progress: Progress | None = None,
    skip_bad_rows: bool = False,
    force: bool = False,
    reparse: bool = False,
    report_folder: Path | None = None,
    name: str = "",
) -> ImportReport:
    """Import a PA-X CSV release (see the module docs); all of it in one transaction, or nothing.

    Raises, before anything is written: ``NotAPaxRelease`` (not a release), ``CsvFileError``
    (not strict UTF-8 CSV; names the line), ``ImportRefused`` (unreadable rows, unless
    ``skip_bad_rows``), ``OlderRelease`` (unless ``force``). The parties of a party cell
    read before, by the same parser, are taken as read then, unless ``reparse`` (to read them
    again against the actors the database knows now). The report is also written as
    a JSON file (``report.report_file``) under ``report_folder`` (default
    ``VAR_DIR/import-reports``); ``name`` is the file's name as the user knows it.
    """
    started = time.perf_counter()
    report = ImportReport(file=name or str(source if isinstance(source, str | Path) else "the file"))
    release = check_release(source)  # the whole file, before the database is even read
    index = ActorIndex.load()
    existing = _existing()
    rows, errors = _read(release, index, existing, report, progress=progress, reparse=reparse)
    del release  # the cells, now read into rows
    if errors and not skip_bad_rows:
        raise ImportRefused(errors)
    report.skipped = [str(error) for error in errors]
    _refuse_older(rows, existing, report, force=force)
    resolved = _resolve_references(rows, existing, report)
    with transaction.atomic():
        writer = _Writer(report, index, user)
        by_pax = writer.agreements(rows, existing)
        parts = writer.resolve_parties(rows, existing)
        index.save(user=writer.user, reason=REASON)
        writer.report_actors()
        writer.parties(rows, parts, by_pax)
        writer.links(rows, resolved, by_pax)
        writer.snapshots(rows, by_pax)
        report.texts = agreements_link_texts()
    report.seconds = time.perf_counter() - started
    report.write_file(report_folder)
    return report
