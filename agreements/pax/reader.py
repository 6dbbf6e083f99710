"""Reading a PA-X CSV release: each row checked and turned into what we store.

Real releases differ: a byte-order mark, ISO or day-first dates, columns
added or dropped, empty cells, stray whitespace. The reader takes all of
those. What it does not take is a file that is only nearly a release:

- a file without PA-X's identifying columns, or no CSV text at all (a gzip,
  a zip, a spreadsheet, an empty file), is refused as ``NotAPaxRelease``;
- a file that is not strict UTF-8 CSV (a quote left open, a row with more or
  fewer cells than the header, a Latin-1 byte, a last line with no line break:
  a file cut off in its last cell) raises ``CsvFileError`` naming its line,
  before a single row is returned: the whole file is checked first
  (``utilities.csvfile``);
- a row it can read but not use (no id, an impossible date, an AgtId seen
  before) comes back as a ``RowError`` naming its line, column and reason, for
  the importer to refuse the file or, when told to, to skip.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, BinaryIO

from agreements.choices import AgreementKind, DatePrecision
from agreements.countries import alpha2_from_alpha3
from agreements.models.agreement import AgreementType
from agreements.pax import gazetteer, parties, party_names, party_roles, party_text
from agreements.pax.parties import KnownLookup, Party, agreement_country, parse_cell
from agreements.pax.party_names import Mention
from utilities.csvfile import CsvFileError, RowError, open_csv

__all__ = [
    "CsvFileError",
    "KnownFor",
    "NotAPaxRelease",
    "PaxRow",
    "Release",
    "RowError",
    "check_release",
    "parse_date",
    "parser_version",
    "parties_key",
    "read_release",
    "read_rows",
]

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
class PaxRow:
    """One agreement as the release states it, in our terms."""

    line: int
    pax_id: str
    version: int
    fields: dict[str, Any]
    parties: list[Party] = field(default_factory=list)
    parties_unreadable: bool = False
    references: str = ""
    # The agreement's country as its parties were read (ISO alpha-2; "" when the row names none).
    country: str = ""
    # What the parties were read from (the cells and the parser's version): the same key, the same parties.
    parties_key: str = ""
    # Taken as read before (``read_before``) rather than read now.
    parties_reused: bool = False


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


# A lookup of known actors for the agreements of one country (ISO alpha-2, "" for none).
KnownFor = Callable[[str], KnownLookup | None]
# The parties read before from the same cells (AgtId, ``parties_key``) -> (parties, unreadable), or None.
ReadBefore = Callable[[str, str], tuple[list[Party], bool] | None]
PARTY_COLUMNS = ("Part", "ThrdPart", "Loc1ISO", "Con")


@lru_cache(maxsize=1)
def parser_version() -> str:
    """A digest of the parties parser's code: cells read by another version of it are read again."""
    digest = hashlib.sha256()
    for module in (parties, party_names, party_roles, party_text, gazetteer):
        digest.update(Path(str(module.__file__)).read_bytes())
    return digest.hexdigest()[:16]


def parties_key(cells: dict[str, str]) -> str:
    """What a row's parties are read from: its party cells, its country, and the parser's version."""
    digest = hashlib.sha256(parser_version().encode())
    for column in PARTY_COLUMNS:
        digest.update(b"\x00" + (cells.get(column) or "").strip().encode())
    return digest.hexdigest()[:24]


def _row(
    line: int,
    cells: dict[str, str],
    known: KnownLookup | None,
    known_for: KnownFor | None,
    read_before: ReadBefore | None = None,
    memo: dict[tuple[object, ...], Mention | None] | None = None,
) -> PaxRow | RowError:
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
    alpha2 = (alpha2_from_alpha3(alpha3) or "") if alpha3 else ""
    key = parties_key(cells)
    before = read_before(pax_id, key) if read_before is not None else None
    if before is not None:
        read, unreadable = before
    else:
        if known_for is not None:
            known = known_for(alpha2)
        signed = parse_cell(
            cell("Part"), column="Part", country_alpha3=alpha3, country_name=country, known=known, memo=memo
        )
        third = parse_cell(
            cell("ThrdPart"), column="ThrdPart", country_alpha3=alpha3, country_name=country, known=known, memo=memo
        )
        read = [*signed, *third]
        unreadable = (bool(cell("Part")) and not signed) or (bool(cell("ThrdPart")) and not third)
    return PaxRow(
        line=line,
        pax_id=pax_id,
        version=int(version_text),
        fields=fields,
        parties=read,
        parties_unreadable=unreadable,
        references=cell("OthAgr"),
        country=alpha2,
        parties_key=key,
        parties_reused=before is not None,
    )


def _name(source: Path | str | BinaryIO) -> str:
    return str(source) if isinstance(source, str | Path) else str(getattr(source, "name", "the file"))


def check_header(columns: list[str], source: Path | str | BinaryIO) -> None:
    """Refuse a file that is not a PA-X release, before any row is read."""
    present = {c.strip() for c in columns}
    missing = [c for c in REQUIRED if c not in present]
    if missing or len(present & set(RECOGNISED)) < 3:
        detail = f"missing {', '.join(missing)}" if missing else "too few PA-X columns"
        raise NotAPaxRelease(
            f"{_name(source)} is not a PA-X release ({detail}); expected columns such as "
            f"{', '.join(REQUIRED + RECOGNISED[:6])}. Nothing was imported."
        )


@dataclass
class Release:
    """A file checked whole as a PA-X release: its columns and its rows' cells, not yet read."""

    header: list[str]
    rows: list[tuple[int, dict[str, str]]]


def check_release(source: Path | str | BinaryIO) -> Release:
    """Check a whole file as strict UTF-8 CSV with PA-X's columns; nothing is read into agreements yet.

    Raises ``NotAPaxRelease`` for a file that is not a release (nor CSV text: a gzip, a zip,
    a spreadsheet, an empty file) and ``CsvFileError`` for one that is not strict UTF-8 CSV
    (a quote left open, a row of the wrong length, a byte that is not UTF-8), naming the line.
    """
    try:
        table = open_csv(source, complete_lines=True)
    except CsvFileError as exc:
        raise NotAPaxRelease(f"{_name(source)} is not a PA-X release: {exc}. Nothing was imported.") from None
    with table:
        header = [c.strip() for c in table.header]
        check_header(header, source)
        rows = [(line, dict(zip(header, cells.values(), strict=True))) for line, cells in table.read_all()]
    return Release(header, rows)


def read_rows(
    release: Release,
    *,
    known: KnownLookup | None = None,
    known_for: KnownFor | None = None,
    read_before: ReadBefore | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Iterator[PaxRow | RowError]:
    """Every row of a checked release, read or refused (an AgtId seen on an earlier line is a ``RowError``).

    ``known`` (a name -> known actor lookup, see ``parties.parse_cell``) lets the parties
    parser use actors the caller already has; ``known_for`` gives one such lookup per
    agreement country, for names that mean different actors in different countries.
    ``read_before`` gives the parties read before from the same cells by the same parser
    (``parties_key``), which are taken as they are: the same text reads the same.
    ``progress(done, total)`` is called as rows are read (reading the parties is the slow part).
    The lookups must answer the same for the whole read: the names read are kept for it.
    """
    seen: dict[str, int] = {}
    memo: dict[tuple[object, ...], Mention | None] = {}
    for done, (line, cells) in enumerate(release.rows, start=1):
        if progress is not None:
            progress(done, len(release.rows))
        if not any(value.strip() for value in cells.values()):
            continue
        item = _row(line, cells, known, known_for, read_before, memo)
        if isinstance(item, PaxRow):
            if item.pax_id in seen:
                item = RowError(line, "AgtId", f"{item.pax_id} appears again (first on line {seen[item.pax_id]})")
            else:
                seen[item.pax_id] = line
        yield item


def read_release(
    source: Path | str | BinaryIO,
    *,
    known: KnownLookup | None = None,
    known_for: KnownFor | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Iterator[PaxRow | RowError]:
    """Every row of a release, read or refused; the whole file is checked first (``check_release``)."""
    yield from read_rows(check_release(source), known=known, known_for=known_for, progress=progress)
