"""``python manage.py import_pax PATH``: import a PA-X CSV release."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, TextIO

from django.core.management.base import BaseCommand, CommandError, CommandParser

from agreements.pax.importer import pax_import
from agreements.pax.reader import NotAPaxRelease


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


class Command(BaseCommand):
    help = "Import a PA-X release (CSV): agreements keyed by AgtId, with their parties and references."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path, help="A PA-X CSV release, e.g. ../shared/data/pax_v9.csv")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["path"]
        if not path.is_file():
            raise CommandError(f"No file at {path}.")
        progress = ProgressBar(sys.stderr) if sys.stderr.isatty() else None
        try:
            report = pax_import(path, progress=progress)
        except NotAPaxRelease as exc:
            raise CommandError(str(exc)) from None
        for line in report.lines():
            self.stdout.write(line)
