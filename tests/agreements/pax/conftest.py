"""Small PA-X files crafted for each case, and copies of rows of the real release."""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path

from tests.conftest import require

COLUMNS = [
    "Con",
    "PP",
    "PPName",
    "Reg",
    "AgtId",
    "Ver",
    "Agt",
    "Dat",
    "Status",
    "Agtp",
    "Stage",
    "StageSub",
    "Part",
    "ThrdPart",
    "OthAgr",
    "Loc1ISO",
    "Loc2ISO",
    "UcdpCon",
    "description",
    "stage_display",
    "substage_label",
    "PAX_Hyperlink",
    "PDF_Hyperlink",
]


def row(agt_id: int | str, title: str, date: str = "2020-10-23", **cells: str) -> dict[str, str]:
    base = {
        "Con": "Libya",
        "PP": "70",
        "PPName": "Libyan peace process",
        "Reg": "Middle East and North Africa",
        "AgtId": str(agt_id),
        "Ver": "1",
        "Agt": title,
        "Dat": date,
        "Status": "Multiparty signed/agreed",
        "Agtp": "Intra",
        "Stage": "Cea",
        "StageSub": "Ceas",
        "Loc1ISO": "LBY",
        "UcdpCon": "11346.0",
        "description": f"About {title}.",
        "stage_display": "Ceasefire/related",
        "substage_label": "Ceasefire",
        "PAX_Hyperlink": f"https://www.peaceagreements.org/agreements/{agt_id}/",
        "PDF_Hyperlink": f"https://www.peaceagreements.org/media/documents/ag{agt_id}.pdf",
    }
    base.update(cells)
    return base


def write_release(path: Path, rows: list[dict[str, str]], columns: list[str] | None = None, bom: bool = False) -> Path:
    columns = columns or COLUMNS
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for item in rows:
        writer.writerow({c: item.get(c, "") for c in columns})
    path.write_text(("\ufeff" if bom else "") + out.getvalue(), encoding="utf-8")
    return path


def real_release() -> Path:
    """The real release (PAX_CSV, e.g. ../shared/data/pax_v9.csv); skips the test without it (fails in CI)."""
    path = Path(os.environ.get("PAX_CSV", ""))
    require(path.is_file(), "set PAX_CSV to a PA-X release (such as ../shared/data/pax_v9.csv) to run this test")
    return path


def real_rows(*agt_ids: str | int) -> tuple[list[str], list[dict[str, str]]]:
    """The real release's header and the rows of these AgtIds (all rows if none are named), as read."""
    with real_release().open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        wanted = {str(i) for i in agt_ids}
        rows = [r for r in reader if not wanted or r["AgtId"] in wanted]
        return list(reader.fieldnames or []), rows
