"""Opening a CSV file strictly: UTF-8, one header of unique names, every row as wide as the header.

Importers read files that people export from spreadsheets and databases, and
a file that is only nearly right (a gzip of the CSV, an Excel workbook, Latin-1
text, a quote left open, a row with a missing cell) must be refused whole, with
the line to look at, before anything is written. This module knows nothing of
what the columns mean; the importers above it do.

    with open_csv(path) as table:
        table.header            # ('cc', 'cf_id', …)
        rows = table.read_all()  # every row checked; raises CsvFileError on the first fault
    for line, cells in rows:
        ...

Line numbers are physical lines of the file, 1-based, the header being line 1.
A physical line ends in ``\\n`` (``\\r\\n`` counts as one ending); a row whose
quoted cell spans lines is numbered by the line it starts on. Blank lines hold
no cells and are passed over, as ``csv.DictReader`` does.
"""

from __future__ import annotations

import codecs
import csv
import zipfile
from collections.abc import Iterator
from pathlib import Path
from types import TracebackType
from typing import BinaryIO, NamedTuple

_BOM = codecs.BOM_UTF8

# Magic numbers of the formats people send instead of a CSV. Zip is told apart
# further (xlsx, ods) by looking inside.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "a legacy Excel workbook (.xls, an OLE2 file); save it as CSV UTF-8 first"),
    (b"\x1f\x8b", "a gzip file; unpack it first"),
    (b"\xff\xfe", "UTF-16 text (as Excel's 'Unicode text' writes); save it as CSV UTF-8 first"),
    (b"\xfe\xff", "UTF-16 text; save it as CSV UTF-8 first"),
)
_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")
_ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"


class CsvFileError(ValueError):
    """The file is not a strict UTF-8 CSV; none of it should be used.

    ``line`` is the 1-based physical line to look at, or ``None`` when the
    fault is the whole file (a gzip, a workbook).
    """

    def __init__(self, line: int | None, reason: str) -> None:
        super().__init__(line, reason)
        self.line = line
        self.reason = reason

    def __str__(self) -> str:
        return f"line {self.line}: {self.reason}" if self.line is not None else self.reason


class RowError(NamedTuple):
    """A row the file holds but an importer cannot use: where, and why (the file itself is fine)."""

    line: int
    column: str
    reason: str

    def __str__(self) -> str:
        return f"line {self.line}, column {self.column}: {self.reason}"


class ImportRefused(ValueError):
    """Rows of the file cannot be read; nothing was written. ``errors`` names each, by line and column."""

    def __init__(self, errors: list[RowError]) -> None:
        shown = "; ".join(str(e) for e in errors[:10])
        more = f" (and {len(errors) - 10} more)" if len(errors) > 10 else ""
        super().__init__(
            f"{len(errors)} row(s) cannot be read: {shown}{more}. Nothing was imported; mend the file, "
            "or import the rest with --skip-bad-rows."
        )
        self.errors = errors


class CsvRow(NamedTuple):
    """One data row: the line it starts on and its cells by column name."""

    line: int
    cells: dict[str, str]


def _container_kind(head: bytes, source: Path | BinaryIO) -> str | None:
    """What the file is instead of text, from its first bytes; ``None`` if it may be text."""
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            return kind
    if not head.startswith(_ZIP_MAGIC):
        return None
    return _zip_kind(source)


def _zip_kind(source: Path | BinaryIO) -> str:
    """Name a zip better when we can look inside: spreadsheets are zips too."""
    names: list[str] = []
    mimetype = b""
    try:
        if isinstance(source, Path) or source.seekable():
            if not isinstance(source, Path):
                source.seek(0)
            with zipfile.ZipFile(source) as archive:
                names = archive.namelist()
                if "mimetype" in names:
                    mimetype = archive.read("mimetype")[:200]
    except (zipfile.BadZipFile, OSError, ValueError):
        pass  # a zip we cannot list is still refused, as a zip
    if mimetype.startswith(_ODS_MIMETYPE):
        return "an OpenDocument spreadsheet (.ods, a zip file); save it as CSV UTF-8 first"
    if any(name.startswith("xl/") for name in names):
        return "an Excel workbook (.xlsx, a zip file); save it as CSV UTF-8 first"
    return "a zip file; unpack it first"


def _physical_lines(head: bytes, stream: BinaryIO) -> Iterator[bytes]:
    """The file's lines as bytes, each with its ending, starting from the bytes already read."""
    buffer = head
    while True:
        end = buffer.find(b"\n")
        if end >= 0:
            yield buffer[: end + 1]
            buffer = buffer[end + 1 :]
            continue
        more = stream.readline()
        if not more:
            if buffer:
                yield buffer
            return
        buffer += more


class _TextLines:
    """Decodes physical lines strictly as UTF-8, remembering the lines of the row being parsed."""

    def __init__(self, lines: Iterator[bytes], *, complete_lines: bool = False) -> None:
        self._lines = lines
        self._complete_lines = complete_lines
        self.number = 0
        self._offset = 0
        # The current row's lines, to find where an unclosed quote opened.
        self.row_lines: list[str] = []

    def __iter__(self) -> Iterator[str]:
        return self

    def __next__(self) -> str:
        raw = next(self._lines)
        self.number += 1
        start = self._offset
        self._offset += len(raw)
        if self.number == 1 and raw.startswith(_BOM):
            raw, start = raw[len(_BOM) :], start + len(_BOM)
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            bad = raw[exc.start]
            raise CsvFileError(
                self.number,
                f"byte 0x{bad:02x} at byte offset {start + exc.start} of the file "
                f"(byte {exc.start + 1} of the line) is not UTF-8; save the file as CSV UTF-8",
            ) from None
        if "\x00" in text:
            raise CsvFileError(self.number, "holds a NUL byte: this is not a text file")
        if self._complete_lines and not text.endswith("\n") and text.strip():
            raise CsvFileError(
                self.number,
                "the file ends in the middle of this line, with no line break after it: it looks cut off "
                "(a complete export ends every line with one)",
            )
        self.row_lines.append(text)
        return text


def _unclosed_quote_line(first_line: int, lines: list[str]) -> int:
    """The line on which the row's last quoted cell opened (the csv module only knows where it ran out)."""
    opened = first_line
    quoted = False
    at_cell_start = True
    for number, text in enumerate(lines, start=first_line):
        index = 0
        while index < len(text):
            char = text[index]
            if quoted:
                if char == '"':
                    if text[index + 1 : index + 2] == '"':
                        index += 1  # a doubled quote is a quote inside the cell
                    else:
                        quoted = False
            elif char == '"' and at_cell_start:
                quoted, opened = True, number
            at_cell_start = not quoted and char in ",\r\n"
            index += 1
    return opened


class CsvFile:
    """A CSV file being read: its header at once, its rows on demand, each checked."""

    def __init__(self, source: Path | str | BinaryIO, *, complete_lines: bool = False) -> None:
        self._owned: BinaryIO | None = None
        if isinstance(source, str | Path):
            path = Path(source)
            self._owned = stream = path.open("rb")
            origin: Path | BinaryIO = path
        else:
            stream = origin = source  # type: ignore[assignment]  # any binary stream will do
        try:
            head = stream.read(8)
            kind = _container_kind(head, origin)
            if kind:
                raise CsvFileError(None, f"this is {kind}")
            self._text = _TextLines(_physical_lines(head, stream), complete_lines=complete_lines)
            self._reader = csv.reader(self._text, strict=True)
            self.header: tuple[str, ...] = self._read_header()
        except BaseException:
            self.close()
            raise
        self._consumed = False

    def _read_header(self) -> tuple[str, ...]:
        first = self._next_cells()
        if first is None:
            raise CsvFileError(None, "the file is empty: there is no header line")
        line, cells = first
        seen: set[str] = set()
        for position, name in enumerate(cells, start=1):
            if not name.strip():
                raise CsvFileError(line, f"column {position} of the header has no name")
            if name in seen:
                raise CsvFileError(line, f"the header names {name!r} twice")
            seen.add(name)
        return tuple(cells)

    def _next_cells(self) -> tuple[int, list[str]] | None:
        """The next non-blank row and the line it starts on, or ``None`` at the end."""
        while True:
            start = self._text.number + 1
            self._text.row_lines = []
            try:
                cells = next(self._reader)
            except StopIteration:
                return None
            except csv.Error as exc:
                raise self._csv_error(start, str(exc)) from None
            if cells:
                return start, cells

    def _csv_error(self, start: int, message: str) -> CsvFileError:
        if message.startswith("unexpected end of data") or "field larger than field limit" in message:
            opened = _unclosed_quote_line(start, self._text.row_lines)
            if message.startswith("unexpected end of data"):
                return CsvFileError(opened, "a quoted cell opens here and is never closed before the end of the file")
            return CsvFileError(
                opened,
                f"a quoted cell opens here and runs past {csv.field_size_limit()} characters (a quote left open?)",
            )
        if message.startswith("new-line character seen in unquoted field"):
            message = "a carriage return (\\r) ends a line without a line feed; lines must end in \\n or \\r\\n"
        where = self._text.number
        detail = f" (in the row starting on line {start})" if where != start else ""
        return CsvFileError(where, f"not valid CSV: {message}{detail}")

    def __iter__(self) -> Iterator[CsvRow]:
        """Every data row in order, checked as it is read; a fault raises ``CsvFileError``."""
        if self._consumed:
            raise RuntimeError("the rows of a CsvFile can be read once")
        self._consumed = True
        width = len(self.header)
        while (found := self._next_cells()) is not None:
            line, cells = found
            if len(cells) != width:
                raise CsvFileError(line, f"the row has {len(cells)} fields but the header has {width}")
            yield CsvRow(line, dict(zip(self.header, cells, strict=True)))

    def read_all(self) -> list[CsvRow]:
        """Every row, the whole file checked first: use this before writing anything."""
        return list(self)

    def close(self) -> None:
        """Close the file if this object opened it (a stream passed in stays open)."""
        if self._owned is not None:
            self._owned.close()
            self._owned = None

    def __enter__(self) -> CsvFile:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self.close()


def open_csv(source: Path | str | BinaryIO, *, complete_lines: bool = False) -> CsvFile:
    """Open a CSV file (a path, or a binary stream) strictly; the header is read and checked at once.

    Raises ``CsvFileError`` for a file that is not UTF-8 CSV text (gzip, zip,
    xlsx, ods, xls, UTF-16), or whose header is missing or names a column twice
    or not at all. Rows are checked as they are read. With ``complete_lines``, a
    last line with no line break is refused too: a file cut off inside its last
    cell still has every field, and only this tells it apart.
    """
    return CsvFile(source, complete_lines=complete_lines)


def read_csv(source: Path | str | BinaryIO) -> tuple[tuple[str, ...], list[CsvRow]]:
    """The header and every row of a CSV file, the whole file checked before it returns."""
    with open_csv(source) as table:
        return table.header, table.read_all()
