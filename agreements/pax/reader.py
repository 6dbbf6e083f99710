"""Reading a PA-X CSV release: each row checked and turned into what we store.

Real releases differ: a byte-order mark, ISO or day-first dates, columns
added or dropped, empty cells, stray whitespace. The reader takes all of
those. A file without PA-X's identifying columns is refused before anything
is read further; a row it cannot read is returned as a ``RowError`` naming
its line, column and reason, and the rest go on.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from agreements.choices import AgreementKind, DatePrecision
from agreements.countries import alpha2_from_alpha3
from agreements.models.agreement import AgreementType
from agreements.pax.parties import KnownLookup, Party, agreement_country, parse_cell

REQUIRED = ("AgtId", "Agt", "Dat")
# Columns a release is recognised by (with the required ones): enough to tell PA-X from any CSV.
RECOGNISED = ("Con", "PP", "PPName", "Reg", "Ver", "Status", "Agtp", "Stage", "StageSub", "Part", "ThrdPart")

AGREEMENT_TYPES = {
    "Inter": AgreementType.INTERSTATE,
    "InterIntra": AgreementType.INTERSTATE_INTRASTATE,
    "Intra": AgreementType.INTRASTATE,
    "IntraLocal": AgreementType.INTRASTATE_LOCAL,
}
STAGES = {
    "Pre": "Pre-negotiation/process",
    "Cea": "Ceasefire/related",
    "SubPar": "Framework/substantive - partial",
    "SubComp": "Framework/substantive - comprehensive",
    "Imp": "Implementation/renegotiation",
    "Ren": "Renewal",
    "Oth": "Other",
}
_DAY_FIRST = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$")


class NotAPaxRelease(ValueError):
    """The file is not a PA-X release; nothing was imported."""


@dataclass
class RowError:
    line: int
    column: str
    reason: str

    def __str__(self) -> str:
        return f"line {self.line}, column {self.column}: {self.reason}"


@dataclass
class PaxRow:
    """One agreement as the release states it, in our terms."""

    line: int
    pax_id: str
    version: int
    fields: dict[str, Any]
    parties: list[Party] = field(default_factory=list)
    parties_unreadable: bool = False
    references: str = ""


def parse_date(text: str) -> dt.date:
    """ISO (2020-10-23) or day-first (23/10/2020, 23.10.2020)."""
    text = text.strip()
    try:
        return dt.date.fromisoformat(text[:10]) if len(text) >= 10 and text[4] == "-" else _day_first(text)
    except ValueError:
        raise ValueError(f"{text!r} is not a date (use 2020-10-23 or 23/10/2020)") from None


def _day_first(text: str) -> dt.date:
    match = _DAY_FIRST.match(text)
    if not match:
        raise ValueError(text)
    day, month, year = (int(g) for g in match.groups())
    return dt.date(year, month, day)


def _kind(stage: str, title: str) -> str:
    if stage == "Cea":
        return AgreementKind.CEASEFIRE_AGREEMENT
    lowered = title.lower()
    for words, kind in (
        (("joint statement", "communiqu", "joint press"), AgreementKind.JOINT_STATEMENT),
        (("declaration",), AgreementKind.DECLARATION),
        (("memorandum",), AgreementKind.MEMORANDUM),
        (("conclusions",), AgreementKind.CONFERENCE_CONCLUSIONS),
    ):
        if any(word in lowered for word in words):
            return kind
    if stage in {"SubPar", "SubComp", "Imp", "Ren"}:
        return AgreementKind.PEACE_AGREEMENT
    return AgreementKind.OTHER


def _number_text(value: str) -> str:
    """'11346.0' -> '11346' (PA-X exports ids as floats)."""
    value = value.strip()
    return value[:-2] if value.endswith(".0") else value


def _row(line: int, cells: dict[str, str], known: KnownLookup | None = None) -> PaxRow | RowError:
    def cell(name: str) -> str:
        return (cells.get(name) or "").strip()

    pax_id = cell("AgtId")
    if not pax_id.isdigit():
        return RowError(line, "AgtId", f"{pax_id!r} is not a PA-X agreement id (a whole number)")
    title = re.sub(r"\s+", " ", cell("Agt"))
    if not title:
        return RowError(line, "Agt", "the agreement has no name")
    if len(title) > 500:
        return RowError(line, "Agt", "the name is longer than 500 characters")
    try:
        date = parse_date(cell("Dat"))
    except ValueError as exc:
        return RowError(line, "Dat", str(exc))
    version_text = cell("Ver") or "1"
    if not version_text.isdigit():
        return RowError(line, "Ver", f"{version_text!r} is not a version number")

    codes = [alpha2_from_alpha3(cell(c)) for c in ("Loc1ISO", "Loc2ISO") if cell(c)]
    stage, substage = cell("Stage"), cell("StageSub")
    stage_label = cell("stage_display") or STAGES.get(stage, stage)
    substage_label = cell("substage_label") or substage
    external = {"pax": pax_id, "pax_version": version_text}
    for column, key in (("UcdpCon", "ucdp_conflict"), ("UcdpAgr", "ucdp_agreement"), ("PamAgr", "pam")):
        if cell(column):
            external[key] = _number_text(cell(column))
    fields = {
        "title": title,
        "kind": _kind(stage, title),
        "date": date,
        "date_precision": DatePrecision.DAY,
        "conflict": cell("Con")[:300],
        "countries": list(dict.fromkeys(code for code in codes if code)),
        "peace_process": cell("PPName")[:300],
        "region": cell("Reg")[:100],
        "agreement_type": AGREEMENT_TYPES.get(cell("Agtp"), ""),
        "stage": " — ".join(p for p in (stage_label, substage_label) if p)[:200],
        "summary": cell("description"),
        "info_url": cell("PAX_Hyperlink") if cell("PAX_Hyperlink").startswith("http") else "",
        "document_url": cell("PDF_Hyperlink") if cell("PDF_Hyperlink").startswith("http") else "",
        "external_ids": external,
    }
    # Parties are read against the agreement's country: "the Government" is its government,
    # and acronyms mean what they mean there.
    alpha3, country = agreement_country(cell("Loc1ISO"), cell("Con"))
    signed = parse_cell(cell("Part"), column="Part", country_alpha3=alpha3, country_name=country, known=known)
    third = parse_cell(cell("ThrdPart"), column="ThrdPart", country_alpha3=alpha3, country_name=country, known=known)
    unreadable = (bool(cell("Part")) and not signed) or (bool(cell("ThrdPart")) and not third)
    return PaxRow(
        line=line,
        pax_id=pax_id,
        version=int(version_text),
        fields=fields,
        parties=[*signed, *third],
        parties_unreadable=unreadable,
        references=cell("OthAgr"),
    )


def open_release(path: Path) -> TextIO:
    # utf-8-sig reads a byte-order mark if there is one, and plain UTF-8 if not.
    return path.open(encoding="utf-8-sig", newline="")


def check_header(columns: list[str] | None, path: Path) -> None:
    """Refuse a file that is not a PA-X release, before any row is read."""
    present = {c.strip() for c in columns or []}
    missing = [c for c in REQUIRED if c not in present]
    if missing or len(present & set(RECOGNISED)) < 3:
        detail = f"missing {', '.join(missing)}" if missing else "too few PA-X columns"
        raise NotAPaxRelease(
            f"{path} is not a PA-X release ({detail}); expected columns such as "
            f"{', '.join(REQUIRED + RECOGNISED[:6])}. Nothing was imported."
        )


def read_release(path: Path, *, known: KnownLookup | None = None) -> Iterator[PaxRow | RowError]:
    """Every row of a release, read or refused, streaming (one row in memory at a time).

    ``known`` (a name -> known actor lookup, see ``parties.parse_cell``) lets the parties
    parser use actors the caller already has.
    """
    with open_release(path) as handle:
        reader = csv.DictReader(handle)
        try:
            header = reader.fieldnames
        except (csv.Error, UnicodeDecodeError) as exc:
            raise NotAPaxRelease(f"{path} cannot be read as CSV: {exc}. Nothing was imported.") from None
        reader.fieldnames = [c.strip() for c in header or []]
        check_header(reader.fieldnames, path)
        line = reader.line_num + 1
        while True:
            try:
                cells = next(reader)
            except StopIteration:
                return
            except (csv.Error, UnicodeDecodeError) as exc:
                yield RowError(line, "(row)", f"cannot be read: {exc}")
                return
            if any((value or "").strip() for value in cells.values() if isinstance(value, str)):
                yield _row(line, cells, known)
            line = reader.line_num + 1
