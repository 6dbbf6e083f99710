"""Small ETH/PRIO files crafted for each case, and where the real one is."""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]

# The 2022 release's 87 columns, in its order.
COLUMNS = [
    "cc", "cf_id", "uniq_id", "location", "region", "link", "ucdp_actor_id", "actor_name", "ucdp_acd_id",
    "ucdp_dyad", "pax_id", "cf_dec_yr", "cf_dec_month", "cf_dec_day", "cf_effect_yr", "cf_effect_month",
    "cf_effect_day", "evidence_onset", "side", "partial", "written", "fixed", "fixed_time", "nsa_frac",
    "p_humanitarian", "p_peaceprocess", "p_holiday", "p_election", "p_other", "p_other_comment", "p_unclear",
    "ceasefire_class", "timing", "cf_pp", "mediator_nego", "mediator_send", "implement", "enforcement", "ddr",
    "splinter", "ended", "end_yr", "end_month", "end_day", "evidence_end", "comment", "factivia_source",
    "factivia_page", "truce", "recentadditions", *(f"link_id{n}" for n in range(1, 36)), "coder", "id",
]  # fmt: skip


def real_file() -> Path:
    """The real release: ETHPRIO_CSV, or ../shared/data/ethprio_ceasefires.csv beside the repository."""
    return Path(os.environ.get("ETHPRIO_CSV") or ROOT.parent / "shared" / "data" / "ethprio_ceasefires.csv")


def row(uniq_id: int | str = 620077, actor: str = "Forces of the House of Representatives", **cells: str | int) -> dict:
    """A row like Libya's 620077 (line 1841 of the release), with the cells given changed."""
    cc, cf_id = divmod(uniq_id, 1000) if isinstance(uniq_id, int) else (620, 77)
    base: dict[str, str | int] = dict.fromkeys(COLUMNS, 0)
    base.update(
        {
            "cc": cc,
            "cf_id": cf_id,
            "uniq_id": uniq_id,
            "location": "Libya",
            "region": 4,
            "ucdp_actor_id": 5802,
            "actor_name": actor,
            "ucdp_acd_id": 11346,
            "ucdp_dyad": 14059,
            "pax_id": -1,
            "cf_dec_yr": 2020,
            "cf_dec_month": 1,
            "cf_dec_day": 12,
            "cf_effect_yr": 2020,
            "cf_effect_month": 1,
            "cf_effect_day": 12,
            "evidence_onset": "",
            "side": 1,
            "partial": 1,
            "nsa_frac": 2,
            "p_peaceprocess": 1,
            "ceasefire_class": 1,
            "timing": 1,
            "cf_pp": "Ceasefire declared before permanent ceasefire talks in Moscow",
            "splinter": 1,
            "evidence_end": "",
            "comment": "",
            "factivia_source": "",
            "factivia_page": "",
            "recentadditions": 1,
            "coder": "FM",
            "id": 1840,
        }
    )
    base.update(cells)
    return base


def write_file(path: Path, rows: list[dict], columns: list[str] | None = None, bom: bool = True) -> Path:
    columns = columns or COLUMNS
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, extrasaction="ignore", lineterminator="\r\n")
    writer.writeheader()
    for item in rows:
        writer.writerow({c: item.get(c, "") for c in columns})
    path.write_text(("\ufeff" if bom else "") + out.getvalue(), encoding="utf-8", newline="")
    return path
