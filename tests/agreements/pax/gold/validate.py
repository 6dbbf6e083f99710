"""Check each gold set (parties.jsonl and the later draws) against PA-X.

    python tests/agreements/pax/gold/validate.py [path/to/pax_v9.csv]

Each file must hold exactly the cells of its draw in sample.py, and no row may give cells to
two files; a second reader's labels of a set (``second_reader/<set>.jsonl``) hold exactly that
set's cells, and are checked as the first reader's are. Every line must parse; each
(agt_id, column) must occur once and its ``cell`` must equal the CSV's text for that AgtId and
column exactly (as read by the csv module); ``con``/``loc1iso`` must match the row; kinds and
roles must come from the allowed sets; countries are ISO 3166-1 alpha-2 shaped; rule
references must exist in RULES.md. Prints the counts used in RULES.md, per file. No labels
are produced here.
"""

import csv
import json
import os
import re
import sys
from collections import Counter
from functools import partial
from pathlib import Path
from typing import Any

from sample import LATER_DRAWS, draw, draw_later

HERE = Path(__file__).resolve().parent
# Each file, the draw it must hold, and the fewest cells it may have (a draw of fewer than 90 cells,
# the last of the untouched rows, must hold them all but a tenth).
FILES = (
    ("parties.jsonl", draw, 160),
    *(
        (f"{name}.jsonl", partial(draw_later, name=name), min(90, (n_part + n_thrdpart) * 9 // 10))
        for name, _, n_part, n_thrdpart in LATER_DRAWS
    ),
)
KINDS = {"state", "government", "armed_group", "organisation", "coalition", "person", "other"}
ROLES = {"signatory", "mediator", "guarantor", "witness", "observer", "third_party"}
RECORD_KEYS = {"agt_id", "column", "con", "loc1iso", "cell", "entities", "rule"}
ENTITY_KEYS = {"name", "also", "kind", "role"}
OPTIONAL_ENTITY_KEYS = {"country", "signed_by", "signed_as"}


def csv_path() -> Path:
    if len(sys.argv) > 1:
        return Path(sys.argv[1])
    env = os.environ.get("PAX_CSV")
    if env:
        return Path(env)
    return HERE.parents[3].parent / "shared" / "data" / "pax_v9.csv"


def check_file(
    path: Path, rows: dict[str, dict[str, str]], known_rules: set[str]
) -> tuple[list[dict[str, Any]], list[str]]:
    """The records of one gold file, and every problem found in them."""
    errors: list[str] = []
    seen: set[tuple[str, str]] = set()
    records = []
    with path.open(encoding="utf-8", newline="") as fh:
        for number, line in enumerate(fh, 1):
            where = f"{path.name} line {number}"
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as exc:
                errors.append(f"{where}: not JSON ({exc})")
                continue
            records.append(rec)
            missing = RECORD_KEYS - rec.keys()
            extra = rec.keys() - RECORD_KEYS - {"note"}
            if missing or extra:
                errors.append(f"{where}: keys missing {sorted(missing)} extra {sorted(extra)}")
                continue
            key = (rec["agt_id"], rec["column"])
            where = f"line {number} ({key[0]}/{key[1]})"
            if key in seen:
                errors.append(f"{where}: duplicate cell")
            seen.add(key)
            row = rows.get(rec["agt_id"])
            if row is None:
                errors.append(f"{where}: AgtId not in the CSV")
                continue
            if rec["column"] not in ("Part", "ThrdPart"):
                errors.append(f"{where}: column must be Part or ThrdPart")
                continue
            if rec["cell"] != row[rec["column"]]:
                errors.append(f"{where}: cell differs from the CSV text")
            if not rec["cell"].strip():
                errors.append(f"{where}: empty cell")
            if rec["con"] != row["Con"] or rec["loc1iso"] != row["Loc1ISO"]:
                errors.append(f"{where}: con/loc1iso differ from the CSV row")
            for ref in re.split(r"[,\s]+", rec["rule"].strip()):
                if ref not in known_rules:
                    errors.append(f"{where}: rule {ref!r} not defined in RULES.md")
            if not isinstance(rec["entities"], list):
                errors.append(f"{where}: entities must be a list")
                continue
            for i, ent in enumerate(rec["entities"]):
                at = f"{where} entity {i}"
                if ENTITY_KEYS - ent.keys() or ent.keys() - ENTITY_KEYS - OPTIONAL_ENTITY_KEYS:
                    errors.append(f"{at}: bad keys {sorted(ent.keys())}")
                    continue
                if not isinstance(ent["name"], str) or not ent["name"].strip() or ent["name"] != ent["name"].strip():
                    errors.append(f"{at}: name must be a trimmed non-empty string")
                if not isinstance(ent["also"], list) or not all(isinstance(a, str) and a.strip() for a in ent["also"]):
                    errors.append(f"{at}: also must be a list of non-empty strings")
                elif ent["name"] in ent["also"] or len(set(ent["also"])) != len(ent["also"]):
                    errors.append(f"{at}: also repeats the name or itself")
                if ent["kind"] not in KINDS:
                    errors.append(f"{at}: kind {ent['kind']!r}")
                if ent["role"] not in ROLES:
                    errors.append(f"{at}: role {ent['role']!r}")
                if "country" in ent and not re.fullmatch(r"[A-Z]{2}", ent["country"]):
                    errors.append(f"{at}: country {ent['country']!r} is not alpha-2")
                if ent["kind"] == "person" and ({"signed_by", "signed_as", "country"} & ent.keys()):
                    errors.append(f"{at}: a person entity carries no signed_by/signed_as/country")
                for field in ("signed_by", "signed_as"):
                    if field in ent and (not isinstance(ent[field], str) or not ent[field].strip()):
                        errors.append(f"{at}: {field} must be a non-empty string")
    return records, errors


def print_counts(name: str, records: list[dict[str, Any]]) -> None:
    ents = [e for r in records for e in r["entities"]]
    print(
        f"{name}: cells {len(records)} (Part {sum(r['column'] == 'Part' for r in records)}, "
        f"ThrdPart {sum(r['column'] == 'ThrdPart' for r in records)}), "
        f"cells with no entity {sum(not r['entities'] for r in records)}, entities {len(ents)}"
    )
    print("  by role:", dict(Counter(e["role"] for e in ents).most_common()))
    print("  by kind:", dict(Counter(e["kind"] for e in ents).most_common()))
    print("  with signed_by:", sum("signed_by" in e for e in ents), " with country:", sum("country" in e for e in ents))


def main() -> int:
    with csv_path().open(encoding="utf-8", newline="") as fh:
        row_list = list(csv.DictReader(fh))
    rows = {row["AgtId"]: row for row in row_list}
    known_rules = set(re.findall(r"^\*\*(R\d+)\b", (HERE / "RULES.md").read_text(encoding="utf-8"), re.M))
    errors: list[str] = []
    rows_by_file: dict[str, set[str]] = {}
    for name, drawn, fewest in FILES:
        records, file_errors = check_file(HERE / name, rows, known_rules)
        errors.extend(file_errors)
        cells = {(r["agt_id"], r["column"]) for r in records}
        if cells != {(agt, col) for agt, col, _ in drawn(row_list)}:
            errors.append(f"{name}: the cells differ from the draw in sample.py")
        if len(records) < fewest:
            errors.append(f"{name}: fewer than {fewest} cells")
        rows_by_file[name] = {agt for agt, _ in cells}
        print_counts(name, records)
    for path in sorted((HERE / "second_reader").glob("*.jsonl")):
        records, file_errors = check_file(path, rows, known_rules)
        errors.extend(f"second_reader/{error}" for error in file_errors)
        first, _ = check_file(HERE / path.name, rows, known_rules)
        if [(r["agt_id"], r["column"]) for r in records] != [(r["agt_id"], r["column"]) for r in first]:
            errors.append(f"second_reader/{path.name}: not the cells of {path.name}, in its order")
        print_counts(f"second_reader/{path.name}", records)
    names = list(rows_by_file)
    for i, first in enumerate(names):
        for second in names[i + 1 :]:
            shared = rows_by_file[first] & rows_by_file[second]
            if shared:
                errors.append(f"rows in both {first} and {second}: {sorted(shared)}")
    for error in errors:
        print(error)
    print("OK" if not errors else f"{len(errors)} problem(s)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
