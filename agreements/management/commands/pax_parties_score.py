"""``python manage.py pax_parties_score``: how well the PA-X parties parser reads the gold sets."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from agreements.pax.parties_score import (
    GOLD_SETS,
    NEWEST,
    SECOND_READERS,
    SPLITS,
    detail_lines,
    load_gold,
    report_lines,
    score,
    second_reader,
)


class Command(BaseCommand):
    help = (
        "Score the PA-X parties parser against the hand-labelled gold sets: entity precision and recall, "
        f"role and kind accuracy, per column, on each gold set ({', '.join(GOLD_SETS)}; each after dev was held "
        f"out once, {NEWEST} last: see RULES.md) or all."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        for name, path in GOLD_SETS.items():
            option = "--gold" if name == "dev" else f"--{name}-gold"
            parser.add_argument(
                option, dest=f"{name}_gold", type=Path, default=path, help=f"The {name} gold file (default: {path})."
            )
        parser.add_argument(
            "--split",
            choices=SPLITS,
            default=None,
            help=f"Score one set only (a new draw is held out until scored once; {NEWEST} is the newest), or all. "
            "Default: each.",
        )
        parser.add_argument(
            "--verbose", action="store_true", help="Also list, per cell, false positives, misses and wrong roles/kinds."
        )
        parser.add_argument(
            "--second-reader",
            action="store_true",
            help="Score, instead of the parser, a second reader's labels against the first reader's, on the sets "
            f"labelled twice ({', '.join(SECOND_READERS)}): how far two readers of the rules agree.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        split: str | None = options["split"]
        if options["second_reader"]:
            self.second_readers(split, verbose=options["verbose"])
            return
        # Only the sets asked for are read and parsed: "--split dev" never runs the parser on
        # the held-out cells.
        wanted = [split] if split in GOLD_SETS else list(GOLD_SETS)
        cells = []
        for name in wanted:
            path: Path = options[f"{name}_gold"]
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

    def second_readers(self, split: str | None, *, verbose: bool) -> None:
        """Each set labelled twice: the second reader scored against the first."""
        names = [name for name in SECOND_READERS if split in (None, "all", name)]
        if not names:
            raise CommandError(f"No second reader for {split}: only {', '.join(SECOND_READERS)}.")
        for name in names:
            result = score(load_gold(GOLD_SETS[name], name), second_reader(SECOND_READERS[name]))
            self.stdout.write(f"Second reader against first, {name} set:")
            for line in report_lines(result, [name]):
                self.stdout.write(line)
            if verbose:
                for line in detail_lines(result, name):
                    self.stdout.write(line)
