"""The strict CSV opener: what it refuses, and the line it names."""

from __future__ import annotations

import gzip
import io
import zipfile

import pytest

from utilities.csvfile import CsvFileError, CsvRow, RowError, open_csv, read_csv


def write(tmp_path, data: bytes, name: str = "f.csv"):
    path = tmp_path / name
    path.write_bytes(data)
    return path


def refusal(source) -> CsvFileError:
    with pytest.raises(CsvFileError) as caught:
        read_csv(source)
    return caught.value


def test_it_reads_rows_with_the_line_each_starts_on(tmp_path):
    path = write(tmp_path, b'a,b\r\n1,"two\r\nlines"\r\n\r\n3,4\r\n')
    header, rows = read_csv(path)
    assert header == ("a", "b")
    assert rows == [CsvRow(2, {"a": "1", "b": "two\r\nlines"}), CsvRow(5, {"a": "3", "b": "4"})]
    line, cells = rows[1]
    assert (line, cells["b"]) == (5, "4")


def test_a_byte_order_mark_is_not_part_of_the_first_name(tmp_path):
    header, rows = read_csv(write(tmp_path, "\ufeffcc,name\n1,Libye – ﻿\n".encode()))
    assert header == ("cc", "name")
    assert rows[0].cells == {"cc": "1", "name": "Libye – \ufeff"}


def test_a_last_line_without_an_ending_is_read(tmp_path):
    assert read_csv(write(tmp_path, b"a,b\n1,2"))[1] == [CsvRow(2, {"a": "1", "b": "2"})]


def test_it_reads_a_binary_stream_and_leaves_it_open():
    stream = io.BytesIO(b"a\nx\n")
    with open_csv(stream) as table:
        assert [row.cells for row in table] == [{"a": "x"}]
    assert not stream.closed


def test_rows_are_read_once(tmp_path):
    with open_csv(write(tmp_path, b"a\n1\n")) as table:
        table.read_all()
        with pytest.raises(RuntimeError, match="read once"):
            table.read_all()


def test_the_header_is_checked_before_any_row(tmp_path):
    # The bad row is never reached: opening alone refuses the header.
    with pytest.raises(CsvFileError, match="line 1: the header names 'a' twice"):
        open_csv(write(tmp_path, b"a,b,a\n1,2\n\xff\n"))


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "the file is empty: there is no header line"),
        (b"\n\n", "the file is empty: there is no header line"),
        (b"a,,b\n", "line 1: column 2 of the header has no name"),
        (b"id,id\n1,2\n", "line 1: the header names 'id' twice"),
    ],
)
def test_a_missing_or_ambiguous_header_is_refused(tmp_path, data, reason):
    assert str(refusal(write(tmp_path, data))) == reason


def test_gzip_is_refused_by_name(tmp_path):
    error = refusal(write(tmp_path, gzip.compress(b"a,b\n1,2\n"), "f.csv.gz"))
    assert (error.line, str(error)) == (None, "this is a gzip file; unpack it first")


def zipped(members: dict[str, bytes], first: str | None = None) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        if first:
            archive.writestr(first, members.pop(first), compress_type=zipfile.ZIP_STORED)
        for name, data in members.items():
            archive.writestr(name, data, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


def test_zip_is_refused_by_name(tmp_path):
    error = refusal(write(tmp_path, zipped({"data.csv": b"a,b\n1,2\n"}), "f.zip"))
    assert str(error) == "this is a zip file; unpack it first"


def test_an_xlsx_workbook_is_refused_by_name(tmp_path):
    workbook = zipped({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"})
    assert "Excel workbook (.xlsx" in str(refusal(write(tmp_path, workbook, "f.xlsx")))
    # The same from a stream the opener can seek in.
    assert "Excel workbook (.xlsx" in str(refusal(io.BytesIO(workbook)))


def test_an_ods_spreadsheet_is_refused_by_name(tmp_path):
    sheet = zipped(
        {"mimetype": b"application/vnd.oasis.opendocument.spreadsheet", "content.xml": b"<x/>"}, first="mimetype"
    )
    assert "OpenDocument spreadsheet (.ods" in str(refusal(write(tmp_path, sheet, "f.ods")))


def test_a_legacy_xls_workbook_is_refused_by_name(tmp_path):
    ole2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
    assert str(refusal(write(tmp_path, ole2, "f.xls"))).startswith("this is a legacy Excel workbook (.xls, an OLE2")


def test_utf16_is_refused_by_name(tmp_path):
    assert "UTF-16" in str(refusal(write(tmp_path, "a,b\n1,2\n".encode("utf-16"))))


def test_a_byte_that_is_not_utf8_names_its_line_and_offset(tmp_path):
    # Latin-1 "é" (0xe9) is the 6th byte of line 3; the lines before it hold 4 + 4 bytes.
    error = refusal(write(tmp_path, b"a,b\n1,2\n3,Caf\xe9\n"))
    assert error.line == 3
    assert str(error) == (
        "line 3: byte 0xe9 at byte offset 13 of the file (byte 6 of the line) is not UTF-8; save the file as CSV UTF-8"
    )


def test_the_offset_counts_a_byte_order_mark(tmp_path):
    error = refusal(write(tmp_path, b"\xef\xbb\xbfa\n\xff\n"))
    assert (error.line, "byte offset 5 of the file (byte 1 of the line)" in error.reason) == (2, True)


def test_a_bad_byte_inside_a_multiline_cell_names_its_own_line(tmp_path):
    assert refusal(write(tmp_path, b'a,b\n1,"x\ny\n\x80"\n')).line == 4


def test_a_nul_byte_is_refused(tmp_path):
    assert str(refusal(write(tmp_path, b"a\n1\n2\x003\n"))) == "line 3: holds a NUL byte: this is not a text file"


def test_an_unclosed_quote_names_the_line_where_the_cell_opened(tmp_path):
    data = b'a,b,c\n1,2,3\n4,"five\nstill five\n""quoted"" and more, and more\n'
    assert str(refusal(write(tmp_path, data))) == (
        "line 3: a quoted cell opens here and is never closed before the end of the file"
    )


def test_an_unclosed_quote_in_a_later_cell_of_a_multiline_row(tmp_path):
    # The row starts on line 2; its first quoted cell closes on line 3, the second opens on line 4.
    data = b'a,b,c\n1,"x\ny",z\n,"never closed\n7,8,9\n'
    error = refusal(write(tmp_path, data))
    assert error.line == 4


def test_a_runaway_quote_past_the_field_limit_names_where_it_opened(tmp_path):
    data = b'a,b\n1,"open\n' + b"x" * 140_000 + b"\n"
    error = refusal(write(tmp_path, data))
    assert error.line == 2
    assert "runs past" in error.reason


def test_a_stray_quote_names_its_line(tmp_path):
    error = refusal(write(tmp_path, b'a,b\n1,2\n3,"4"x\n'))
    assert error.line == 3
    assert error.reason.startswith("not valid CSV:")


def test_a_row_with_too_few_or_too_many_fields_names_its_line(tmp_path):
    assert str(refusal(write(tmp_path, b"a,b,c\n1,2,3\n4,5\n"))) == "line 3: the row has 2 fields but the header has 3"
    assert str(refusal(write(tmp_path, b'a,b\n1,"x\ny"\n1,2,3\n'))) == (
        "line 4: the row has 3 fields but the header has 2"
    )


def test_a_wrong_row_is_refused_even_after_good_rows_were_yielded(tmp_path):
    with open_csv(write(tmp_path, b"a\n1\n2\n3,4\n")) as table:
        rows = iter(table)
        assert next(rows).cells == {"a": "1"}
        assert next(rows).cells == {"a": "2"}
        with pytest.raises(CsvFileError, match="line 4"):
            next(rows)


def test_a_bare_carriage_return_is_explained(tmp_path):
    error = refusal(write(tmp_path, b"a,b\r1,2\r"))
    assert (error.line, "carriage return" in error.reason) == (1, True)


def test_row_errors_say_where_and_why():
    error = RowError(12, "cf_effect_day", "31 February is not a date")
    assert str(error) == "line 12, column cf_effect_day: 31 February is not a date"
    assert (error.line, error.column) == (12, "cf_effect_day")


def test_utilities_import_nothing_from_the_apps():
    import ast
    from pathlib import Path

    import utilities

    for path in Path(utilities.__file__).parent.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
            if isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            for name in names:
                assert name.split(".")[0] not in {"agreements", "webhooks", "tracker"}, f"{path} imports {name}"


def test_a_file_cut_off_inside_its_last_cell_is_refused_when_lines_must_be_complete(tmp_path):
    cut = write(tmp_path, b"a,b\n1,https://example.org/do")  # every field there, the last one short
    assert read_csv(cut)[1] == [CsvRow(2, {"a": "1", "b": "https://example.org/do"})]
    with (
        pytest.raises(CsvFileError, match="line 2: the file ends in the middle of this line"),
        open_csv(cut, complete_lines=True) as table,
    ):
        table.read_all()
    with open_csv(write(tmp_path, b"a,b\r\n1,2\r\n", name="whole.csv"), complete_lines=True) as table:
        assert len(table.read_all()) == 1
