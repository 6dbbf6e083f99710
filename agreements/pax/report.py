"""What a PA-X import did, record by record: for the command, the admin and a JSON file.

Every record the import creates, updates or removes is one ``Change``: which record
(an agreement by AgtId, an actor, a party of an agreement, a link), what happened, and
for an update each field changed as ``[before, after]``. The report also says what it
left alone and why: an editor's change kept, a row skipped, a reference that names no
agreement the tracker has.
"""

from __future__ import annotations

import datetime as dt
import json
import secrets
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils import timezone

from agreements.services.links import TextLinks
from utilities.text import capped

REPORT_FOLDER = "import-reports"


@dataclass(frozen=True)
class Change:
    """One record created, updated or removed.

    ``record`` is "agreement", "actor", "party" or "link"; ``action`` "created", "updated" or
    "removed"; ``key`` names the record ("AgtId 2320", "AgtId 2320: Taliban (signatory)");
    ``fields`` holds, for an update, each changed field as ``[before, after]``, and for a
    creation or removal the record's main values.
    """

    record: str
    action: str
    key: str
    fields: dict[str, Any] = field(default_factory=dict)

    def line(self) -> str:
        """The change as one line of text."""
        if self.action == "updated":
            detail = "; ".join(f"{name}: {_short(old)} → {_short(new)}" for name, (old, new) in self.fields.items())
        else:
            shown = {name: value for name, value in self.fields.items() if value not in ("", None)}
            detail = ", ".join(f"{name} {_short(value)}" for name, value in shown.items())
        return f"{self.record.capitalize()} {self.action}: {self.key}" + (f" ({detail})" if detail else "")


def _short(value: Any, width: int = 80) -> str:
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)
    text = " ".join(text.split())
    return repr(text if len(text) <= width else text[: width - 1] + "…")


PLURALS = {"agreement": "agreements", "actor": "actors", "party": "parties", "link": "links"}
SECTIONS = (
    ("agreement", "created"),
    ("agreement", "updated"),
    ("actor", "created"),
    ("actor", "updated"),
    ("party", "created"),
    ("party", "updated"),
    ("party", "removed"),
    ("link", "created"),
    ("link", "removed"),
)


@dataclass
class ImportReport:
    """What an import did (see the module)."""

    file: str = ""
    read: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: list[str] = field(default_factory=list)
    kept_edits: list[str] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)
    parties_unreadable: int = 0
    unresolved_references: list[str] = field(default_factory=list)
    links_by: dict[str, int] = field(default_factory=dict)
    texts: TextLinks = field(default_factory=TextLinks)
    forced: list[str] = field(default_factory=list)
    # AgtIds imported before that this release does not hold (left as they are).
    absent: list[str] = field(default_factory=list)
    seconds: float = 0.0
    started_at: dt.datetime = field(default_factory=timezone.now)
    report_file: Path | None = None

    def add(self, record: str, action: str, key: str, **fields: Any) -> None:
        """Record one change."""
        self.changes.append(Change(record, action, key, fields))

    def count(self, record: str, action: str) -> int:
        """How many records of a kind this run created, updated or removed."""
        return sum(1 for c in self.changes if c.record == record and c.action == action)

    @property
    def actors_created(self) -> list[str]:
        """The actors this run made, one line each: name, kind, country."""
        return [c.key for c in self.changes if c.record == "actor" and c.action == "created"]

    @property
    def changed(self) -> bool:
        """Did the run write anything?"""
        return bool(self.changes or self.texts.added)

    def summary(self) -> dict[str, int]:
        """The counts, by record and action."""
        counts = {f"{PLURALS[record]}_{action}": self.count(record, action) for record, action in SECTIONS}
        return {
            "rows": self.read,
            "agreements_unchanged": self.unchanged,
            "rows_skipped": len(self.skipped),
            **counts,
            "references_unresolved": len(self.unresolved_references),
            "ceasefire_texts_linked": self.texts.added,
        }

    def lines(self, limit: int | None = None) -> list[str]:
        """The report as text: the counts, then each change, section by section.

        ``limit`` caps the lines shown per section (the rest are counted, and all of them
        are in the JSON report file); ``None`` shows every one.
        """
        parties = ", ".join(
            f"{self.count('party', a)} {a}" for a in ("created", "updated", "removed") if self.count("party", a)
        )
        out = [
            f"Read {self.read} rows in {self.seconds:.1f} s: {self.created} agreements created, "
            f"{self.updated} updated, {self.unchanged} unchanged, {len(self.skipped)} rows skipped.",
            f"Actors: {self.count('actor', 'created')} created, {self.count('actor', 'updated')} given new "
            f"spellings. Parties: {parties or 'none changed'}; {self.parties_unreadable} agreements name their "
            "parties in text that cannot be told apart.",
            f"Links from references (OthAgr): {self.count('link', 'created')} created"
            + "".join(f", {n} of them by {how}" for how, n in sorted(self.links_by.items()) if n)
            + f", {self.count('link', 'removed')} removed; {len(self.unresolved_references)} agreements "
            "with references name no agreement found.",
            f"Ceasefires (ETH/PRIO) linked to their PA-X text: {self.texts.added} added, {self.texts.linked} in all.",
        ]
        if not self.changed:
            out.insert(0, "Nothing changed: this release is already imported.")
        out += [f"Imported although older (--force): {line}" for line in self.forced]
        if self.absent:
            shown = ", ".join(self.absent[: limit or len(self.absent)])
            more = f" and {len(self.absent) - limit} more" if limit is not None and len(self.absent) > limit else ""
            out.append(f"Not in this release, left as they are: {len(self.absent)} AgtIds ({shown}{more}).")
        out += capped([f"Skipped {line}" for line in self.skipped], limit, "skipped rows")
        out += capped([f"Kept an editor's change: {line}" for line in self.kept_edits], limit, "kept changes")
        for record, action in SECTIONS:
            section = [c.line() for c in self.changes if c.record == record and c.action == action]
            out += capped(section, limit, f"{PLURALS[record]} {action}")
        out += capped(
            [f"Unresolved reference: {line}" for line in self.unresolved_references], limit, "unresolved references"
        )
        if self.report_file is not None:
            out.append(f"Report file: {self.report_file}")
        return out

    def as_json(self) -> dict[str, Any]:
        """Everything the report holds, for the report file."""
        return {
            "dataset": "pax",
            "file": self.file,
            "started_at": self.started_at.isoformat(),
            "seconds": round(self.seconds, 2),
            "summary": self.summary(),
            "forced": self.forced,
            "absent": self.absent,
            "skipped": self.skipped,
            "kept_edits": self.kept_edits,
            "changes": [
                {"record": c.record, "action": c.action, "key": c.key, "fields": c.fields} for c in self.changes
            ],
            "unresolved_references": self.unresolved_references,
            "ceasefire_texts_missing": sorted(self.texts.missing),
        }

    def write_file(self, folder: Path | None = None) -> Path:
        """Write the JSON report under ``VAR_DIR/import-reports`` (or ``folder``); return its path."""
        folder = folder or Path(settings.VAR_DIR) / REPORT_FOLDER
        folder.mkdir(parents=True, exist_ok=True)
        stamp = self.started_at.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
        path = folder / f"pax-{stamp}-{secrets.token_hex(3)}.json"
        path.write_text(json.dumps(self.as_json(), ensure_ascii=False, indent=1, default=str), encoding="utf-8")
        self.report_file = path
        return path
