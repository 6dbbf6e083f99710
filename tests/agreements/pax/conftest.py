"""Small PA-X files crafted for each case."""

from __future__ import annotations

import csv
import io
from pathlib import Path

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
