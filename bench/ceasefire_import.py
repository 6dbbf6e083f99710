"""import-ceasefires: the ETH/PRIO dataset (4,091 rows, 2,203 ceasefires), cold and re-run,
against the same rows written by hand (``bench.by_hand``: COPY or executemany, one
transaction); and, as ``import-ceasefires-bare``, against one ``bulk_create`` of
bare agreements.

The bare baseline writes 2,203 rows of one table. An import writes, besides the
agreements, some 700 actors, 4,700 parties, 2,203 commitments with their bound
actors, 3,185 deadlines (each derived: zone, precision, due_at), 3,082 timeline
entries for the deadlines that passed before the import, 2,000 links, a history
row for every record it creates, and checks the whole file first (strict CSV,
every row read before the first write).
"""

from __future__ import annotations

import csv
import os
from pathlib import Path
from typing import Any

from bench import by_hand
from bench.common import ROOT, peak_memory, say, summary, timer


def dataset() -> Path:
    for candidate in (os.environ.get("ETHPRIO_CSV", ""), ROOT.parent / "shared" / "data" / "ethprio_ceasefires.csv"):
        if candidate and Path(candidate).is_file():
            return Path(candidate)
    raise FileNotFoundError("no ETH/PRIO dataset: set ETHPRIO_CSV (e.g. ../shared/data/ethprio_ceasefires.csv)")


def _empty() -> None:
    from django.core.management import call_command

    call_command("flush", interactive=False, verbosity=0)


def _baseline(path: Path) -> int:
    from agreements.models import Agreement

    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    first = {r["uniq_id"]: r for r in reversed(rows)}
    Agreement.objects.bulk_create(
        (
            Agreement(
                title=f"Ceasefire: {r['actor_name']} ({r['location']})"[:500],
                slug=f"ethprio-{uniq}",
                kind="ceasefire_agreement",
                external_ids={"ethprio": uniq},
            )
            for uniq, r in first.items()
        ),
        batch_size=500,
    )
    return len(first)


def run() -> list[dict[str, Any]]:
    from agreements.ethprio.importer import ceasefires_import

    path = dataset()
    _empty()
    before = by_hand.snapshot()
    with timer() as cold:
        report = ceasefires_import(path)
    rows = by_hand.added(before)
    say(
        f"ours, cold: {report.created} ceasefires, {len(report.actors_created)} actors, "
        f"{report.parties_added + report.mediators_added} parties, {report.deadlines_created} deadlines "
        f"({report.passed_at_import} recorded as passed), {report.ceasefire_links_added} links in {cold():.2f} s"
    )
    with timer() as rerun:
        again = ceasefires_import(path)
    assert not again.changed
    _, peak = peak_memory(lambda: ceasefires_import(path))
    say(
        f"ours, re-run: nothing changed, {again.unchanged} unchanged in {rerun():.2f} s "
        f"(peak Python memory {peak / 2**20:.0f} MB, measured on a third run)"
    )
    _empty()
    with timer() as written:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            read = sum(1 for _ in csv.DictReader(handle))
        by_hand.write(rows)
    say(
        f"baseline: read {read} rows and wrote the same {rows.count} rows to {len(rows.tables)} tables by hand "
        f"in {written():.2f} s"
    )
    _empty()
    with timer() as bare:
        count = _baseline(path)
    say(f"former baseline: read the file and one bulk_create of {count} agreements in {bare():.2f} s")
    return [
        summary(
            "import-ceasefires",
            cold() / written(),
            cold(),
            written(),
            "s for the 2022 release, cold, against its rows written by hand",
            target="target: ratio <= 2",
        ),
        summary("import-ceasefires-rerun", rerun() / written(), rerun(), written(), "s, re-run"),
        summary("import-ceasefires-bare", cold() / bare(), cold(), bare(), "s, against one bulk_create"),
    ]
