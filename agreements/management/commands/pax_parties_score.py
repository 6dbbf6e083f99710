"""``python manage.py pax_parties_score``: how well the PA-X parties parser reads the gold set."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from agreements.pax.parties_score import (
    BLIND_PATH,
    FOURTH_PATH,
    FRESH_PATH,
    GOLD_PATH,
    SPLITS,
    detail_lines,
    load_gold,
    report_lines,
    score,
)


class Command(BaseCommand):
    help = (
        "Score the PA-X parties parser against the hand-labelled gold sets: entity precision and recall, "
        "role and kind accuracy, per column, on each gold set (dev, fresh, blind: tuned on; fourth: held out) or all."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--gold", type=Path, default=GOLD_PATH, help=f"The dev gold file (default: {GOLD_PATH}).")
        parser.add_argument(
            "--fresh-gold", type=Path, default=FRESH_PATH, help=f"The fresh gold file (default: {FRESH_PATH})."
        )
        parser.add_argument(
            "--blind-gold", type=Path, default=BLIND_PATH, help=f"The blind gold file (default: {BLIND_PATH})."
        )
        parser.add_argument(
            "--fourth-gold", type=Path, default=FOURTH_PATH, help=f"The held-out gold file (default: {FOURTH_PATH})."
        )
        parser.add_argument(
            "--split",
            choices=SPLITS,
            default=None,
            help=(
                "Score one set only: dev, fresh or blind (looked at while developing), fourth (held out), "
                "or all. Default: each."
            ),
        )
        parser.add_argument(
            "--verbose", action="store_true", help="Also list, per cell, false positives, misses and wrong roles/kinds."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        split: str | None = options["split"]
        # Only the sets asked for are read and parsed: "--split dev" never runs the parser on
        # the held-out cells.
        sets = ["dev", "fresh", "blind", "fourth"]
        wanted = [split] if split in sets else sets
        cells = []
        paths = (
            ("dev", options["gold"]),
            ("fresh", options["fresh_gold"]),
            ("blind", options["blind_gold"]),
            ("fourth", options["fourth_gold"]),
        )
        for name, path in paths:
            if name not in wanted:
                continue
            if not path.is_file():
                raise CommandError(f"No gold file at {path}.")
            cells.extend(load_gold(path, name))
        result = score(cells)
        self.stdout.write(f"Gold cells: {len(cells)} ({', '.join(wanted)}).")
        for line in report_lines(result, [split] if split else SPLITS):
            self.stdout.write(line)
        if options["verbose"]:
            for line in detail_lines(result, split or "all"):
                self.stdout.write(line)
