"""``python manage.py import_pax PATH``: import a PA-X CSV release, all of it or nothing."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, TextIO

from django.core.management.base import BaseCommand, CommandError, CommandParser

from agreements.pax.importer import ImportRefused, OlderRelease, pax_import
from agreements.pax.parties_score import release_score_line, score_release
from agreements.pax.reader import CsvFileError, NotAPaxRelease

# Changes shown per section at the default verbosity; -v 2 shows them all (the report file holds all).
SHOWN_PER_SECTION = 25


class ProgressBar:
    """A one-line bar on a terminal; nothing at all when output is not a terminal."""

    WIDTH = 40

    def __init__(self, stream: TextIO, unit: str = "rows") -> None:
        self.stream = stream
        self.unit = unit
        self.last = -1

    def __call__(self, done: int, total: int) -> None:
        filled = int(self.WIDTH * done / total) if total else self.WIDTH
        if filled == self.last and done != total:
            return
        self.last = filled
        self.stream.write(f"\r[{'#' * filled}{' ' * (self.WIDTH - filled)}] {done}/{total} {self.unit}")
        if done >= total:
            self.stream.write("\n")
        self.stream.flush()


def refusal(path: Path, exc: Exception) -> str:
    """What to say when a file is refused: the file, the line where it applies, and that nothing was written."""
    if isinstance(exc, CsvFileError):
        return f"{path} cannot be read, {exc}. Nothing was imported."
    return str(exc)


class Command(BaseCommand):
    help = (
        "Import a PA-X release (CSV): agreements keyed by AgtId, with their parties and references. The whole "
        "file is checked before anything is written, and the import is one transaction."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path, help="A PA-X CSV release, e.g. ../shared/data/pax_v9.csv")
        parser.add_argument(
            "--skip-bad-rows",
            action="store_true",
            help="Import the rows that can be read and report the others (default: refuse the file).",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Import a release older than the one imported (default: refuse it), reverting what the later "
            "release says.",
        )
        parser.add_argument(
            "--reparse",
            action="store_true",
            help="Read every party cell again, against the actors the database knows now (default: a cell read "
            "before, by the same parser, is taken as read then).",
        )
        parser.add_argument(
            "--no-score",
            action="store_true",
            help="Do not score the parties parser against the hand-labelled gold set (default: score it on the "
            "gold cells the release holds, when the gold set is on disk; about 10 s for PA-X v9).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["path"]
        if not path.is_file():
            raise CommandError(f"No file at {path}.")
        progress = ProgressBar(sys.stderr) if sys.stderr.isatty() else None
        try:
            report = pax_import(
                path,
                progress=progress,
                skip_bad_rows=options["skip_bad_rows"],
                force=options["force"],
                reparse=options["reparse"],
            )
        except (NotAPaxRelease, CsvFileError, ImportRefused, OlderRelease) as exc:
            raise CommandError(refusal(path, exc)) from None
        limit = None if options["verbosity"] >= 2 else SHOWN_PER_SECTION
        for line in report.lines(limit=limit):
            self.stdout.write(line)
        if not options["no_score"] and (scored := score_release(path)) is not None:
            self.stdout.write(release_score_line(scored))
