"""Importing a PA-X release: create or update agreements keyed by AgtId, in bulk.

Idempotent. Each imported agreement keeps a snapshot of what PA-X said
(``Agreement.imported``). On the next import a field is updated only if PA-X
changed it and no editor did; where both changed, the editor's value stays
and the report says so. What editors added — commitments, deadlines, status
changes, their own parties and links — is never touched: the import only adds
parties and links, never removes them. A release with an older ``Ver`` than
the one imported is left alone.

Work goes in chunks of rows, each one transaction of bulk queries, so memory
and transaction size stay bounded whatever the release's length.
"""

from __future__ import annotations

import datetime as dt
import itertools
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils.text import slugify
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from agreements.choices import LinkKind
from agreements.models import Actor, Agreement, AgreementLink, Signatory, Source
from agreements.pax.parties import Party
from agreements.pax.reader import PaxRow, RowError, read_release
from agreements.services.links import TextLinks, agreements_link_texts
from utilities.folding import fold
from utilities.services import UserLike, author

CHUNK = 500
PAX_PUBLISHER = "PeaceRep, University of Edinburgh (PA-X Peace Agreements Database)"
# A referenced title shorter than this is too likely to match by chance.
MIN_REFERENCE_TITLE = 25
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

Progress = Callable[[int, int], None]


@dataclass
class ImportReport:
    """What an import did."""

    read: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: list[str] = field(default_factory=list)
    kept_edits: list[str] = field(default_factory=list)
    actors_created: int = 0
    parties_added: int = 0
    parties_unreadable: int = 0
    links_added: int = 0
    texts: TextLinks = field(default_factory=TextLinks)
    seconds: float = 0.0

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated or self.actors_created or self.parties_added or self.links_added)

    def lines(self) -> list[str]:
        out = [
            f"Read {self.read} rows in {self.seconds:.1f} s: {self.created} created, {self.updated} updated, "
            f"{self.unchanged} unchanged, {len(self.skipped)} skipped.",
            f"Parties: {self.actors_created} new actors, {self.parties_added} parts added; "
            f"{self.parties_unreadable} agreements name their parties in text that cannot be told apart.",
            f"Links from references to other agreements: {self.links_added} added.",
            f"Ceasefires (ETH/PRIO) linked to their PA-X text: {self.texts.added} added, {self.texts.linked} in all.",
        ]
        if not self.changed:
            out.insert(0, "Nothing changed: this release is already imported.")
        out += [f"Kept an editor's change: {line}" for line in self.kept_edits]
        out += [f"Skipped {line}" for line in self.skipped]
        return out


def _jsonable(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


class _Importer:
    def __init__(self, report: ImportReport, user: UserLike) -> None:
        self.report = report
        self.user = author(user)
        self.seen: dict[str, int] = {}
        self.references: list[tuple[str, dt.date, str]] = []
        # Spellings to add to existing actors, by actor id (written once, at the end).
        self.aliases: dict[int, list[str]] = {}
        self.slugs = set(Agreement.objects.values_list("slug", flat=True))
        self.actor_slugs = set(Actor.objects.values_list("slug", flat=True))
        # Every folded spelling -> actor id (or the unsaved Actor created in this chunk).
        self.actors: dict[str, int | Actor] = {}
        for actor_id, name, aliases in Actor.objects.values_list("id", "name", "aliases").order_by("id"):
            for spelling in [name, *aliases]:
                self.actors.setdefault(fold(spelling), actor_id)

    # --- agreements -------------------------------------------------------------

    def _slug(self, row: PaxRow) -> str:
        base = slugify(f"{row.fields['date']} {row.fields['title']}")[:170].strip("-") or "agreement"
        slug = base if base not in self.slugs else f"{base}-pax-{row.pax_id}"
        self.slugs.add(slug)
        return slug

    def _new(self, row: PaxRow) -> Agreement:
        agreement = Agreement(slug=self._slug(row), **row.fields)
        agreement.search_text = agreement.compute_search_text()
        agreement.imported = self._snapshot(row)
        return agreement

    @staticmethod
    def _snapshot(row: PaxRow) -> dict[str, Any]:
        return {
            "source": "pax",
            "version": row.version,
            "fields": {name: _jsonable(row.fields[name]) for name in TRACKED},
            # The parties this import has added, by name: a later import adds only new ones,
            # however their names resolve to actors by then.
            "parties": sorted([party.name, party.role] for party in row.parties),
        }

    def _update(self, agreement: Agreement, row: PaxRow) -> list[str]:
        """Apply what PA-X changed and no editor did; return the fields changed."""
        before = (agreement.imported or {}).get("fields", {})
        changed = []
        for name in TRACKED:
            new, current = row.fields[name], getattr(agreement, name)
            if _jsonable(new) == _jsonable(current):
                continue
            edited = name in before and _jsonable(current) != before[name]
            if edited:
                if _jsonable(new) != before[name]:
                    self.report.kept_edits.append(
                        f"AgtId {row.pax_id} (line {row.line}), {name}: kept {str(current)[:60]!r}; "
                        f"PA-X now says {str(new)[:60]!r}"
                    )
                continue
            setattr(agreement, name, new)
            changed.append(name)
        snapshot = self._snapshot(row)
        if snapshot != agreement.imported:
            agreement.imported = snapshot
            changed.append("imported")
        if changed:
            agreement.search_text = agreement.compute_search_text()
        return changed

    def chunk(self, rows: list[PaxRow]) -> None:
        existing = {
            a.external_ids["pax"]: a for a in Agreement.objects.filter(external_ids__pax__in=[r.pax_id for r in rows])
        }
        creates: list[tuple[PaxRow, Agreement]] = []
        updates: list[Agreement] = []
        update_fields: set[str] = set()
        new_parties: dict[str, list[Party]] = {}
        for row in rows:
            agreement = existing.get(row.pax_id)
            already = {tuple(p) for p in ((agreement.imported or {}).get("parties", []) if agreement else [])}
            new_parties[row.pax_id] = [p for p in row.parties if (p.name, p.role) not in already]
            if agreement is None:
                creates.append((row, self._new(row)))
                continue
            stored_version = int((agreement.imported or {}).get("version") or 0)
            if row.version < stored_version:
                self.report.skipped.append(
                    f"line {row.line}, column Ver: AgtId {row.pax_id} version {row.version} is older than "
                    f"the imported version {stored_version}; left as it is"
                )
                continue
            changed = self._update(agreement, row)
            if set(changed) - {"imported"}:
                updates.append(agreement)
                update_fields.update(changed)
                self.report.updated += 1
            else:
                if changed:
                    updates.append(agreement)
                    update_fields.update(changed)
                self.report.unchanged += 1
        with transaction.atomic():
            created = bulk_create_with_history(
                [a for _, a in creates],
                Agreement,
                batch_size=500,
                default_user=self.user,
                default_change_reason="PA-X import",
            )
            if updates:
                bulk_update_with_history(
                    updates,
                    Agreement,
                    fields=sorted(update_fields | {"search_text", "updated_at"}),
                    batch_size=500,
                    default_user=self.user,
                    default_change_reason="PA-X import",
                )
            self.report.created += len(created)
            self._sources([(row, agreement) for (row, _), agreement in zip(creates, created, strict=True)])
            by_pax = {a.external_ids["pax"]: a.pk for a in [*created, *existing.values()]}
            self._parties([(row, by_pax[row.pax_id], new_parties[row.pax_id]) for row in rows if row.pax_id in by_pax])

    def _sources(self, pairs: list[tuple[PaxRow, Agreement]]) -> None:
        if not pairs:
            return
        sources = Source.objects.bulk_create(
            Source(
                key=f"pax-{row.pax_id}",
                title=f"PA-X: {row.fields['title']}"[:500],
                publisher=PAX_PUBLISHER,
                link=row.fields["info_url"],
                note=f"PA-X Peace Agreements Database, AgtId {row.pax_id}, version {row.version}.",
                search_text=fold(f"PA-X {row.fields['title']} {PAX_PUBLISHER}"),
            )
            for row, _ in pairs
        )
        Agreement.sources.through.objects.bulk_create(
            Agreement.sources.through(agreement_id=agreement.pk, source_id=source.pk)
            for (_, agreement), source in zip(pairs, sources, strict=True)
        )

    # --- parties --------------------------------------------------------------------

    def _actor(self, party: Party, new: list[Actor]) -> int | Actor:
        """The id of the actor known by any of the party's names, or a new, unsaved actor.

        An actor found by one of the names keeps the others as aliases: every spelling
        seen in sources finds it (and the actors come out the same whichever dataset
        named them first).
        """
        spellings = (party.name, *party.aliases)
        for spelling in spellings:
            if (found := self.actors.get(fold(spelling))) is not None:
                others = [s for s in spellings if fold(s) not in self.actors or self.actors[fold(s)] is not found]
                if isinstance(found, Actor):
                    known = {fold(n) for n in found.all_names}
                    found.aliases = [*found.aliases, *(s for s in others if fold(s) not in known)]
                    found.search_text = found.compute_search_text()
                else:
                    self.aliases.setdefault(found, []).extend(others)
                for other in others:
                    self.actors.setdefault(fold(other), found)
                return found
        base = slugify(party.name)[:190].strip("-") or "actor"
        slug, n = base, 2
        while slug in self.actor_slugs:
            slug, n = f"{base}-{n}", n + 1
        self.actor_slugs.add(slug)
        actor = Actor(
            name=party.name,
            slug=slug,
            kind=party.kind,
            aliases=list(party.aliases),
            imported={"source": "pax", "kind": party.kind},
        )
        actor.search_text = actor.compute_search_text()
        new.append(actor)
        for spelling in actor.all_names:
            self.actors[fold(spelling)] = actor
        return actor

    def _parties(self, rows: list[tuple[PaxRow, int, list[Party]]]) -> None:
        new: list[Actor] = []
        wanted = [
            (agreement_id, self._actor(party, new), party.role)
            for _, agreement_id, parties in rows
            for party in parties
        ]
        self.report.parties_unreadable += sum(row.parties_unreadable for row, _, _ in rows)
        self.report.actors_created += len(Actor.objects.bulk_create(new, batch_size=500))
        for actor in new:
            for spelling in actor.all_names:
                self.actors[fold(spelling)] = actor.pk
        keys = {(a, actor if isinstance(actor, int) else actor.pk, role) for a, actor, role in wanted}
        present = set(
            Signatory.objects.filter(agreement_id__in={k[0] for k in keys}).values_list(
                "agreement_id", "actor_id", "role"
            )
        )
        missing = sorted(keys - present)
        Signatory.objects.bulk_create(
            (Signatory(agreement_id=a, actor_id=actor, role=role, note="From PA-X.") for a, actor, role in missing),
            batch_size=1000,
            ignore_conflicts=True,
        )
        self.report.parties_added += len(missing)

    def save_aliases(self) -> None:
        """Add the spellings this release uses to the actors they found."""
        changed = []
        for actor in Actor.objects.filter(pk__in=self.aliases):
            known = {fold(n) for n in actor.all_names}
            new = [s for s in dict.fromkeys(self.aliases[actor.pk]) if fold(s) not in known]
            if new:
                actor.aliases = [*actor.aliases, *new]
                actor.search_text = actor.compute_search_text()
                changed.append(actor)
        if changed:
            bulk_update_with_history(
                changed,
                Actor,
                fields=["aliases", "search_text", "updated_at"],
                batch_size=500,
                default_user=self.user,
                default_change_reason="PA-X import",
            )

    # --- links ------------------------------------------------------------------------

    def note_references(self, row: PaxRow) -> None:
        """Keep what the links pass needs of a row: small, and only for rows with references."""
        if row.references:
            self.references.append((row.pax_id, row.fields["date"], fold(row.references)))

    def links(self) -> None:
        """Link each agreement to the earlier PA-X agreements its references name by title.

        Titles are indexed by their first three words, so each reference text is scanned
        once, word by word, instead of being searched for every title. A title that several
        agreements share identifies none of them, and links nowhere.
        """
        by_start: dict[tuple[str, ...], list[tuple[str, int, dt.date | None]]] = {}
        by_pax: dict[str, int] = {}
        for pk, title, date, external in Agreement.objects.exclude(external_ids__pax=None).values_list(
            "id", "title", "date", "external_ids"
        ):
            by_pax[external["pax"]] = pk
            folded = fold(title)
            if len(folded) >= MIN_REFERENCE_TITLE:
                by_start.setdefault(tuple(folded.split(" ")[:3]), []).append((folded, pk, date))
        for start, candidates in by_start.items():
            shared = Counter(title for title, _, _ in candidates)
            by_start[start] = [c for c in candidates if shared[c[0]] == 1]
        wanted: set[tuple[int, int]] = set()
        for pax_id, date, text in self.references:
            source_id = by_pax.get(pax_id)
            if source_id is None:
                continue
            words = text.split(" ")
            for i in range(len(words) - 2):
                for title, target_id, target_date in by_start.get((words[i], words[i + 1], words[i + 2]), ()):
                    if (
                        target_id != source_id
                        and (target_date or dt.date.min) <= date
                        and " ".join(words[i : i + title.count(" ") + 1]) == title
                    ):
                        wanted.add((source_id, target_id))
        present = set(
            AgreementLink.objects.filter(
                kind=LinkKind.REFERENCES, from_agreement_id__in={w[0] for w in wanted}
            ).values_list("from_agreement_id", "to_agreement_id")
        )
        missing = sorted(wanted - present)
        AgreementLink.objects.bulk_create(
            (
                AgreementLink(
                    from_agreement_id=a,
                    to_agreement_id=b,
                    kind=LinkKind.REFERENCES,
                    note="Named in PA-X's references (OthAgr).",
                )
                for a, b in missing
            ),
            batch_size=1000,
            ignore_conflicts=True,
        )
        self.report.links_added += len(missing)


def _count_rows(path: Path) -> int:
    return sum(1 for item in read_release(path) if isinstance(item, PaxRow | RowError))


def pax_import(path: Path, *, user: UserLike = None, progress: Progress | None = None) -> ImportReport:
    """Import a PA-X CSV release (see the module docs). Raises NotAPaxRelease before writing
    anything if the file is not one."""
    started = time.perf_counter()
    report = ImportReport()
    rows = read_release(path)
    first = next(rows, None)  # reads and checks the header: refuses a file that is not PA-X
    total = _count_rows(path) if progress is not None else 0
    importer = _Importer(report, user)
    pending: list[PaxRow] = []

    def flush() -> None:
        if pending:
            importer.chunk(pending)
            pending.clear()

    for item in itertools.chain([first] if first is not None else [], rows):
        report.read += 1
        if isinstance(item, RowError):
            report.skipped.append(str(item))
        elif item.pax_id in importer.seen:
            first_line = importer.seen[item.pax_id]
            report.skipped.append(
                f"line {item.line}, column AgtId: {item.pax_id} appears again (first on line {first_line})"
            )
        else:
            importer.seen[item.pax_id] = item.line
            importer.note_references(item)
            pending.append(item)
            if len(pending) >= CHUNK:
                flush()
        if progress is not None:
            progress(report.read, total)
    flush()
    with transaction.atomic():
        importer.save_aliases()
        importer.links()
        report.texts = agreements_link_texts()
    report.seconds = time.perf_counter() - started
    return report
