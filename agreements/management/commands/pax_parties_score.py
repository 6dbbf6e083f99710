"""``python manage.py pax_parties_score``: how well the PA-X parties parser reads the gold set."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from agreements.pax.parties_score import GOLD_PATH, SPLITS, detail_lines, load_gold, report_lines, score


class Command(BaseCommand):
    help = (
        "Score the PA-X parties parser against the hand-labelled gold set: entity precision and recall, "
        "role and kind accuracy, per column, on the dev half, the held-out test half, or both."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--gold", type=Path, default=GOLD_PATH, help=f"The gold file (default: {GOLD_PATH}).")
        parser.add_argument(
            "--split",
            choices=SPLITS,
            default=None,
            help="Score one half only: dev (looked at while developing), test (held out), or all. Default: each.",
        )
        parser.add_argument(
            "--verbose", action="store_true", help="Also list, per cell, false positives, misses and wrong roles/kinds."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["gold"]
        if not path.is_file():
            raise CommandError(f"No gold file at {path}.")
        split: str | None = options["split"]
        cells = load_gold(path)
        result = score(cells)
        self.stdout.write(f"Gold set {path}: {len(cells)} cells.")
        for line in report_lines(result, [split] if split else SPLITS):
            self.stdout.write(line)
        if options["verbose"]:
            for line in detail_lines(result, split or "all"):
                self.stdout.write(line)
