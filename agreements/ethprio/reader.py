"""Reading the ETH/PRIO Civil Conflict Ceasefire Dataset into ceasefires, each with its actors' rows.

The file (Clayton, Nygård, Strand, Rustad et al., JCR 2022) has one row per
ceasefire and declaring actor; ``uniq_id`` (= ``cc``·1000 + ``cf_id``) is the
ceasefire. No codebook comes with it, so the reader turns into typed fields
only what the columns evidently hold (ids, names, dates, the country), and
keeps every other cell verbatim in ``coded`` under its column name: nothing is
lost, nothing is given a meaning the file does not state. ``COLUMNS.md``
says, column by column, what becomes of each.

What belongs to the ceasefire and what to each actor's row was settled on the
2022 release (2,203 ceasefires, 1,299 of them on several rows): ``cc``,
``cf_id``, ``location``, ``region`` and ``enforcement`` never differ between a
ceasefire's rows, and must agree (a row that disagrees is a ``RowError``).
Every other column differs within at least one ceasefire — dates of
declaration (each actor declares on its own day: the Lusaka ceasefire's
signatories span 10 July to 31 August 1999), ``pax_id`` (an actor that did not
sign the written agreement), the links, the purposes — so each row keeps its
own, in a ``Declaration``.

The reader is pure: it writes nothing. ``read_ceasefires`` refuses a file that
is not this dataset (``NotAnEthPrioFile``) or not strict CSV (``CsvFileError``)
before returning anything; otherwise it returns every ceasefire it could read
and a ``RowError`` (line, column, reason) for every cell it could not. A
ceasefire with any row in error is left out whole (its id is in
``ReadResult.refused``), so no ceasefire comes back with an actor missing.
A date that cannot be (31 February) is not an error: it is read to the
precision its valid parts give (February) and reported in
``ReadResult.warnings`` — the 2022 release has five.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, TypeVar

from agreements.choices import PartialDatePrecision
from agreements.ethprio.mediators import mediator_names
from agreements.ethprio.places import PlaceError, country_code, time_zone
from utilities.csvfile import RowError, open_csv

__all__ = [
    "Actor",
    "Ceasefire",
    "Declaration",
    "NotAnEthPrioFile",
    "PartialDate",
    "PartialDateError",
    "ReadResult",
    "RowError",
    "read_ceasefires",
]

DECLARED = ("cf_dec_yr", "cf_dec_month", "cf_dec_day")
EFFECT = ("cf_effect_yr", "cf_effect_month", "cf_effect_day")
END = ("end_yr", "end_month", "end_day")
# The columns the reader reads; a file without any of them is not this dataset.
REQUIRED = (
    "cc",
    "cf_id",
    "uniq_id",
    "location",
    "ucdp_actor_id",
    "actor_name",
    "ucdp_acd_id",
    "ucdp_dyad",
    "pax_id",
    *DECLARED,
    *EFFECT,
    *END,
    "fixed",
    "fixed_time",
    "mediator_send",
    "link_id1",
    "id",
)
# Never different between a ceasefire's rows in the 2022 release: checked to agree.
CEASEFIRE_LEVEL = ("cc", "cf_id", "location", "region", "enforcement")
# Ceasefire-level columns with no evident meaning, kept verbatim on the ceasefire.
CEASEFIRE_CODED = ("region", "enforcement")
# Columns a typed field holds whole (so not repeated in ``coded``). Every other
# column, including those a field is only derived from (``fixed_time``,
# ``mediator_send``, ``ucdp_dyad``, the links), stays verbatim in ``coded``.
TYPED = frozenset(
    {"cc", "cf_id", "uniq_id", "location", "ucdp_actor_id", "actor_name", "pax_id", "id", *DECLARED, *EFFECT, *END}
)
_LINK = re.compile(r"link_id(\d+)")
_INTEGER = re.compile(r"\s*-?\d+\s*")
_DAMAGED = "\ufffd"  # U+FFFD: where the source lost a character
_NOT_GIVEN = -1
T = TypeVar("T")


class NotAnEthPrioFile(ValueError):
    """The file is not the ETH/PRIO ceasefire dataset; nothing was read."""


class PartialDateError(ValueError):
    """A date that cannot be: ``part`` is the one at fault ('year', 'month' or 'day')."""

    def __init__(self, part: str, reason: str) -> None:
        super().__init__(reason)
        self.part = part


@dataclass(frozen=True)
class PartialDate:
    """A date of which the source may give only the year, or the year and month, or nothing.

    ``None`` is a part the file leaves unknown (it writes -1). A day needs its
    month and a month its year; an impossible date raises ``PartialDateError``.
    """

    year: int | None
    month: int | None
    day: int | None

    def __post_init__(self) -> None:
        if self.year is not None and not dt.MINYEAR <= self.year <= dt.MAXYEAR:
            raise PartialDateError("year", f"{self.year} is not a year")
        if self.month is not None and not 1 <= self.month <= 12:
            raise PartialDateError("month", f"{self.month} is not a month")
        if self.day is not None and not 1 <= self.day <= 31:
            raise PartialDateError("day", f"{self.day} is not a day of a month")
        if self.month is not None and self.year is None:
            raise PartialDateError("month", f"a month ({self.month}) without a year")
        if self.day is not None and self.month is None:
            raise PartialDateError("day", f"a day ({self.day}) without a month")
        if self.year and self.month and self.day and self.day > calendar.monthrange(self.year, self.month)[1]:
            name = calendar.month_name[self.month]
            raise PartialDateError("day", f"{self.day} {name} {self.year} is not a date")

    @property
    def precision(self) -> PartialDatePrecision:
        """How much of the date is known."""
        if self.day is not None:
            return PartialDatePrecision.DAY
        if self.month is not None:
            return PartialDatePrecision.MONTH
        if self.year is not None:
            return PartialDatePrecision.YEAR
        return PartialDatePrecision.UNKNOWN

    def first_day(self) -> dt.date | None:
        """The first day it can be (2020-01 -> 2020-01-01), as ``Agreement.date`` stores a partial date."""
        if self.year is None:
            return None
        return dt.date(self.year, self.month or 1, self.day or 1)

    def __str__(self) -> str:
        if self.year is None:
            return "unknown"
        return "-".join([f"{self.year:04d}", *(f"{part:02d}" for part in (self.month, self.day) if part is not None)])


@dataclass(frozen=True)
class Actor:
    """An actor as a row names it. ``ucdp_id`` is ``None`` where the file writes -1 (UCDP lists no such actor)."""

    ucdp_id: int | None
    name: str

    @property
    def name_damaged(self) -> bool:
        """The name holds U+FFFD: a character was lost before the file was made; kept as it is."""
        return _DAMAGED in self.name


@dataclass(frozen=True)
class Declaration:
    """One row: one actor's part in a ceasefire, and what the file records of it.

    A date is ``None`` where the file writes 0 for all three parts: no date,
    for a reason the file does not give (106 of the 117 rows with no
    ``effect`` date have ``ended`` 3, a code it does not explain).
    ``fixed_days`` is the stated duration where ``fixed`` is 1 and
    ``fixed_time`` a positive number of days.
    ``mediators`` are the names in ``mediator_send``, split where the separator
    is evident (see ``mediators.py``). ``linked_cf_ids`` are the positive
    ``link_id*`` values, once each, in order; ``linked_uniq_ids`` the same with
    the country's code. ``coded`` holds every other cell verbatim, by column;
    ``damaged`` names the columns whose cells hold U+FFFD.
    """

    line: int
    row_id: int
    actor: Actor
    ucdp_conflict_id: int | None
    ucdp_dyad_id: int | None
    pax_id: str | None
    declared: PartialDate | None
    effect: PartialDate | None
    end: PartialDate | None
    fixed_days: int | None
    mediators: tuple[str, ...]
    linked_cf_ids: tuple[int, ...]
    linked_uniq_ids: tuple[int, ...]
    coded: dict[str, str]
    damaged: tuple[str, ...]


@dataclass
class Ceasefire:
    """One ceasefire (``uniq_id``) and its rows, one per declaring actor, in file order.

    ``country`` is ISO 3166-1 alpha-2; ``time_zone`` an IANA name (see
    ``places.py`` for the rule); ``coded`` the ceasefire-level cells with no
    evident meaning (``region``, ``enforcement``), verbatim.
    """

    line: int
    uniq_id: int
    cc: int
    cf_id: int
    location: str
    country: str
    time_zone: str
    coded: dict[str, str]
    declarations: list[Declaration]

    @property
    def actors(self) -> list[Actor]:
        """Each actor once, in the order of its first row (an actor may have several rows)."""
        return list(dict.fromkeys(declaration.actor for declaration in self.declarations))

    @property
    def pax_ids(self) -> list[str]:
        """The PA-X agreements (``AgtId``) its rows name, once each."""
        return list(dict.fromkeys(d.pax_id for d in self.declarations if d.pax_id is not None))

    @property
    def linked_uniq_ids(self) -> list[int]:
        """The ceasefires any of its rows links to, once each, in order."""
        return list(dict.fromkeys(uid for d in self.declarations for uid in d.linked_uniq_ids))


@dataclass
class ReadResult:
    """What a file held: the ceasefires read, the rows that could not be, and counts."""

    ceasefires: list[Ceasefire]
    errors: list[RowError]
    rows: int
    refused: list[int]
    # Cells read with less than they state: an impossible date read to the precision its valid parts give.
    warnings: list[RowError] = field(default_factory=list)

    @property
    def counts(self) -> dict[str, int]:
        """The numbers to report: rows read, ceasefires read and refused, their rows, errors."""
        return {
            "rows": self.rows,
            "ceasefires": len(self.ceasefires),
            "declarations": sum(len(c.declarations) for c in self.ceasefires),
            "refused": len(self.refused),
            "errors": len(self.errors),
            "warnings": len(self.warnings),
        }


class _CellError(ValueError):
    def __init__(self, column: str, reason: str) -> None:
        super().__init__(reason)
        self.column = column


def _integer(cells: dict[str, str], column: str) -> int:
    text = cells[column]
    if not _INTEGER.fullmatch(text):
        raise _CellError(column, f"{text!r} is not a whole number")
    return int(text)


def _positive_or_not_given(cells: dict[str, str], column: str, what: str) -> int | None:
    """A positive id, or ``None`` for -1; anything else is an error (no other code is evident)."""
    value = _integer(cells, column)
    if value == _NOT_GIVEN:
        return None
    if value <= 0:
        raise _CellError(column, f"{value} is not {what} (a positive number, or -1 for none)")
    return value


def _positive_or_none(text: str) -> int | None:
    """A positive whole number, or ``None`` for anything else (whose raw cell stays in ``coded``)."""
    return int(text) if _INTEGER.fullmatch(text) and int(text) > 0 else None


def _partial_date(
    cells: dict[str, str], columns: tuple[str, str, str], warn: Callable[[str, str], None]
) -> PartialDate | None:
    """The date the three cells give: None for 0/0/0 (no date), an unknown part for -1.

    A date that cannot be (31 February, month 13, a day without its month) is
    read to the precision its valid parts give — 31 February 1994 as February
    1994, a month without its year as unknown — and ``warn`` is told which
    column and why: the file's own parts, to the precision it can vouch for.
    Cells that are not date parts at all (text, 0 in one part only) are errors.
    """
    parts = [_integer(cells, column) for column in columns]
    if parts == [0, 0, 0]:
        return None
    for column, value in zip(columns, parts, strict=True):
        if value == 0:
            raise _CellError(column, "0 in only part of a date (0 for all three parts is no date; -1 an unknown part)")
        if value < _NOT_GIVEN:
            raise _CellError(column, f"{value} is not a date part (-1 is an unknown part)")
    year, month, day = (None if value == _NOT_GIVEN else value for value in parts)
    try:
        return PartialDate(year, month, day)
    except PartialDateError as exc:
        if exc.part == "day":
            kept = (year, month, None)
        elif exc.part == "month":
            kept = (year, None, None)
        else:
            kept = (None, None, None)
        try:
            reduced = PartialDate(*kept)
        except PartialDateError:
            reduced = PartialDate(None, None, None)
        column = columns[("year", "month", "day").index(exc.part)]
        warn(column, f"{exc}; read as {reduced} ({reduced.precision} precision)")
        return reduced


def _links(cells: dict[str, str], link_columns: list[str]) -> tuple[int, ...]:
    # 0 is "no link"; -1 and empty cells occur among the ids with no evident meaning: kept in ``coded`` only.
    found = (_positive_or_none(cells[column]) for column in link_columns)
    return tuple(dict.fromkeys(cf_id for cf_id in found if cf_id is not None))


def _row_id(cells: dict[str, str]) -> int:
    value = _integer(cells, "id")
    if value <= 0:
        raise _CellError("id", f"{value} is not a row number")
    return value


def _declaration(
    line: int, cells: dict[str, str], cc: int, link_columns: list[str], warnings: list[RowError]
) -> Declaration | list[RowError]:
    """One row read, or every cell of it that cannot be (so a file can be mended in one pass)."""
    errors: list[RowError] = []

    def warn(column: str, reason: str) -> None:
        warnings.append(RowError(line, column, reason))

    def read(function: Callable[..., T], *args: object) -> T | None:
        try:
            return function(cells, *args)
        except _CellError as exc:
            errors.append(RowError(line, exc.column, str(exc)))
            return None

    row_id = read(_row_id)
    actor_id = read(_positive_or_not_given, "ucdp_actor_id", "a UCDP actor id")
    pax = read(_positive_or_not_given, "pax_id", "a PA-X agreement id")
    declared, effect, end = (read(_partial_date, columns, warn) for columns in (DECLARED, EFFECT, END))
    if errors:
        return errors
    assert row_id is not None
    fixed_days = _positive_or_none(cells["fixed_time"]) if cells["fixed"].strip() == "1" else None
    linked = _links(cells, link_columns)
    return Declaration(
        line=line,
        row_id=row_id,
        actor=Actor(actor_id, cells["actor_name"]),
        ucdp_conflict_id=_positive_or_none(cells["ucdp_acd_id"]),
        ucdp_dyad_id=_positive_or_none(cells["ucdp_dyad"]),
        pax_id=None if pax is None else str(pax),
        declared=declared,
        effect=effect,
        end=end,
        fixed_days=fixed_days,
        mediators=tuple(mediator_names(cells["mediator_send"])),
        linked_cf_ids=linked,
        linked_uniq_ids=tuple(cc * 1000 + cf_id for cf_id in linked),
        coded={
            column: value for column, value in cells.items() if column not in TYPED and column not in CEASEFIRE_CODED
        },
        damaged=tuple(column for column, value in cells.items() if _DAMAGED in value),
    )


@dataclass
class _Group:
    line: int
    uniq_id: int
    cc: int
    cf_id: int
    cells: dict[str, str]
    declarations: list[Declaration]
    errors: list[RowError]


def _ids(line: int, cells: dict[str, str], uniq_id: int) -> tuple[int, int, list[RowError]]:
    """The row's ``cc`` and ``cf_id`` (0 where unreadable), with errors if ``uniq_id`` is not cc·1000 + cf_id."""
    errors: list[RowError] = []
    numbers: list[int] = []
    for column in ("cc", "cf_id"):
        try:
            numbers.append(_integer(cells, column))
        except _CellError as exc:
            errors.append(RowError(line, exc.column, str(exc)))
            numbers.append(0)
    cc, cf_id = numbers
    if not errors and uniq_id != cc * 1000 + cf_id:
        reason = f"{uniq_id} is not cc·1000 + cf_id ({cc}·1000 + {cf_id} = {cc * 1000 + cf_id})"
        errors.append(RowError(line, "uniq_id", reason))
    return cc, cf_id, errors


def check_header(header: tuple[str, ...], source: Path | str | BinaryIO) -> None:
    """Refuse a file that is not the ETH/PRIO dataset, before any row is read."""
    missing = [column for column in REQUIRED if column not in header]
    if missing:
        name = source if isinstance(source, str | Path) else getattr(source, "name", "the file")
        raise NotAnEthPrioFile(
            f"{name} is not the ETH/PRIO Civil Conflict Ceasefire Dataset: it has no column "
            f"{', '.join(missing)}. Nothing was read."
        )


def read_ceasefires(source: Path | str | BinaryIO) -> ReadResult:
    """Every ceasefire in an ETH/PRIO file, checked; the whole file is read before anything is returned.

    Raises ``NotAnEthPrioFile`` for another kind of file and ``CsvFileError``
    (from ``utilities.csvfile``) for one that is not strict UTF-8 CSV: in
    either case nothing was read. Faulty rows do not stop the reading; they
    come back as ``RowError``s and their ceasefires in ``refused``. A row
    whose ``uniq_id`` cannot be read names no ceasefire: its error stands alone.
    """
    with open_csv(source, complete_lines=True) as table:
        check_header(table.header, source)
        rows = table.read_all()
        link_columns = sorted((c for c in table.header if _LINK.fullmatch(c)), key=lambda c: int(c[7:]))

    groups: dict[int, _Group] = {}
    errors: list[RowError] = []
    warnings: list[RowError] = []
    for line, cells in rows:
        try:
            uniq_id = _integer(cells, "uniq_id")
        except _CellError as exc:
            # A row that names no ceasefire: its error stands alone.
            errors.append(RowError(line, exc.column, str(exc)))
            continue
        cc, cf_id, id_errors = _ids(line, cells, uniq_id)
        group = groups.get(uniq_id)
        if group is None:
            group = groups[uniq_id] = _Group(line, uniq_id, cc, cf_id, cells, [], [])
        group.errors.extend(id_errors)
        group.errors.extend(
            RowError(
                line,
                column,
                f"{cells[column]!r} differs from {group.cells[column]!r} on line "
                f"{group.line}, the same ceasefire (uniq_id {uniq_id})",
            )
            for column in CEASEFIRE_LEVEL
            if column in cells and cells[column] != group.cells[column]
        )
        declaration = _declaration(line, cells, cc, link_columns, warnings)
        if isinstance(declaration, list):
            group.errors.extend(declaration)
        else:
            group.declarations.append(declaration)

    ceasefires: list[Ceasefire] = []
    refused: list[int] = []
    for group in groups.values():
        place_errors: list[RowError] = []
        country = zone = ""
        # A country is looked for only in cells that were read (an unreadable cc is already an error).
        if not any(error.column in {"cc", "location"} for error in group.errors):
            try:
                country = country_code(group.cc, group.cells["location"])
                zone = time_zone(country)
            except PlaceError as exc:
                place_errors.append(RowError(group.line, exc.column, str(exc)))
        if group.errors or place_errors:
            errors.extend([*place_errors, *group.errors])
            refused.append(group.uniq_id)
            continue
        ceasefires.append(
            Ceasefire(
                line=group.line,
                uniq_id=group.uniq_id,
                cc=group.cc,
                cf_id=group.cf_id,
                location=group.cells["location"],
                country=country,
                time_zone=zone,
                coded={column: group.cells[column] for column in CEASEFIRE_CODED if column in group.cells},
                declarations=group.declarations,
            )
        )
    errors.sort(key=lambda error: error.line)
    return ReadResult(ceasefires=ceasefires, errors=errors, rows=len(rows), refused=refused, warnings=warnings)
