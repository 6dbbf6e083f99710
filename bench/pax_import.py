"""import: the PA-X v9 release, cold and re-run, against the same rows written by hand.

The baseline (``bench.by_hand``) reads the CSV and writes exactly the rows the
cold import wrote — agreements, actors, parties, links, sources, history —
with COPY on PostgreSQL or executemany on SQLite, in one transaction: the
writes without the import's reading of meaning. (Until issue 17 the baseline
was one ``bulk_create`` of bare agreements, a fifth of the writes; its ratio is
still printed as ``import-bare``.)
"""

from __future__ import annotations

import csv
import os
from pathlib import Path
from typing import Any

from bench import by_hand
from bench.common import ROOT, peak_memory, say, summary, timer


def release() -> Path:
    for candidate in (os.environ.get("PAX_CSV", ""), ROOT.parent / "shared" / "data" / "pax_v9.csv"):
        if candidate and Path(candidate).is_file():
            return Path(candidate)
    raise FileNotFoundError("no PA-X release: set PAX_CSV (e.g. ../shared/data/pax_v9.csv)")


def _empty() -> None:
    from django.core.management import call_command

    call_command("flush", interactive=False, verbosity=0)


def _baseline(path: Path) -> int:
    from agreements.models import Agreement

    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    Agreement.objects.bulk_create(
        (
            Agreement(
                title=r["Agt"][:500],
                slug=f"pax-{r['AgtId']}",
                kind="other",
                date=r["Dat"] or None,
                external_ids={"pax": r["AgtId"]},
            )
            for r in rows
        ),
        batch_size=500,
    )
    return len(rows)


def run() -> list[dict[str, Any]]:
    from agreements.pax.importer import pax_import

    path = release()
    _empty()
    before = by_hand.snapshot()
    with timer() as cold:
        report = pax_import(path)
    rows = by_hand.added(before)
    say(
        f"ours, cold: {report.created} agreements, {report.count('actor', 'created')} actors, "
        f"{report.count('party', 'created')} parties, {report.count('link', 'created')} links in {cold():.2f} s"
    )
    with timer() as rerun:
        again = pax_import(path)
    assert not again.changed
    _, peak = peak_memory(lambda: pax_import(path))
    say(
        f"ours, re-run: nothing changed, {again.unchanged} unchanged in {rerun():.2f} s "
        f"(peak Python memory {peak / 2**20:.0f} MB, measured on a third run)"
    )
    _empty()
    with timer() as by_hand_time:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            read = sum(1 for _ in csv.DictReader(handle))
        by_hand.write(rows)
    say(
        f"baseline: read {read} rows and wrote the same {rows.count} rows to {len(rows.tables)} tables by hand "
        f"in {by_hand_time():.2f} s"
    )
    _empty()
    with timer() as bare:
        count = _baseline(path)
    say(f"former baseline: read {count} rows and one bulk_create of bare agreements in {bare():.2f} s")
    return [
        summary(
            "import",
            cold() / by_hand_time(),
            cold(),
            by_hand_time(),
            "s for the v9 release, cold, against its rows written by hand",
            target="target: ratio <= 2",
        ),
        summary("import-rerun", rerun() / by_hand_time(), rerun(), by_hand_time(), "s for the v9 release, re-run"),
        summary("import-bare", cold() / bare(), cold(), bare(), "s, against one bulk_create of bare agreements"),
    ]
