"""Reading real-world PA-X releases: BOMs, date styles, missing columns, bad rows."""

from __future__ import annotations

import datetime as dt

import pytest

from agreements.pax.reader import NotAPaxRelease, PaxRow, RowError, parse_date, read_release
from tests.agreements.pax.conftest import COLUMNS, row, write_release


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("2020-10-23", dt.date(2020, 10, 23)),
        ("23/10/2020", dt.date(2020, 10, 23)),
        ("3.1.1995", dt.date(1995, 1, 3)),
        (" 2020-10-23 ", dt.date(2020, 10, 23)),
    ],
)
def test_dates_iso_or_day_first(text, date):
    assert parse_date(text) == date


@pytest.mark.parametrize("text", ["10/23/2020", "2020-02-30", "yesterday", ""])
def test_impossible_dates_are_refused(text):
    with pytest.raises(ValueError, match="is not a date"):
        parse_date(text)


def test_a_byte_order_mark_and_stray_whitespace_are_fine(tmp_path):
    path = write_release(tmp_path / "r.csv", [row(" 2320 ", "  Agreement   for a Ceasefire ", Con=" Libya ")], bom=True)
    (item,) = read_release(path)
    assert isinstance(item, PaxRow)
    assert (item.pax_id, item.fields["title"], item.fields["conflict"]) == (
        "2320",
        "Agreement for a Ceasefire",
        "Libya",
    )
    assert item.fields["countries"] == ["LY"]
    assert item.fields["kind"] == "ceasefire_agreement"
    assert item.fields["external_ids"] == {"pax": "2320", "pax_version": "1", "ucdp_conflict": "11346"}
    assert item.fields["stage"] == "Ceasefire/related — Ceasefire"


def test_missing_optional_and_extra_columns(tmp_path):
    columns = ["AgtId", "Agt", "Dat", "Con", "Stage", "PPName", "Something new"]
    path = write_release(tmp_path / "r.csv", [row(1, "X", **{"Something new": "?"})], columns=columns)
    (item,) = read_release(path)
    assert isinstance(item, PaxRow)
    assert item.version == 1
    assert item.fields["info_url"] == ""
    assert item.fields["stage"] == "Ceasefire/related"  # labelled from the code when the label column is gone


def test_bad_rows_are_named_by_line_and_column(tmp_path):
    rows = [
        row(1, "Good", Part="Government of Sudan;\nSudan People's Liberation Movement"),  # a two-line cell
        row("x1", "Bad id"),
        row(3, "Bad date", date="31/31/2020"),
        row(4, ""),
        row(5, "Bad version", Ver="two"),
        row(6, "Fine"),
    ]
    items = list(read_release(write_release(tmp_path / "r.csv", rows)))
    errors = [str(i) for i in items if isinstance(i, RowError)]
    assert errors == [
        "line 4, column AgtId: 'x1' is not a PA-X agreement id (a whole number)",
        "line 5, column Dat: '31/31/2020' is not a date (use 2020-10-23 or 23/10/2020)",
        "line 6, column Agt: the agreement has no name",
        "line 7, column Ver: 'two' is not a version number",
    ]
    assert [i.pax_id for i in items if isinstance(i, PaxRow)] == ["1", "6"]


@pytest.mark.parametrize(
    "content",
    ["name,age\nalice,3\n", "", "AgtId,Agt,Dat\n1,x,2020-01-01\n", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"],
)
def test_a_file_that_is_not_a_pax_release_is_refused(tmp_path, content):
    path = tmp_path / "other.csv"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(NotAPaxRelease, match="Nothing was imported"):
        list(read_release(path))


def test_columns_are_matched_whatever_their_spacing(tmp_path):
    columns = [f" {c} " for c in COLUMNS]
    path = tmp_path / "r.csv"
    path.write_text(",".join(columns) + "\n" + ",".join(row(9, "Spaced").get(c, "") for c in COLUMNS) + "\n")
    (item,) = read_release(path)
    assert item.pax_id == "9"
