"""``python manage.py import_ceasefires PATH``: import the ETH/PRIO Civil Conflict Ceasefire Dataset."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from agreements.ethprio.importer import ImportRefused, ceasefires_import
from agreements.ethprio.reader import NotAnEthPrioFile
from agreements.management.commands.import_pax import SHOWN_PER_SECTION, ProgressBar, refusal
from utilities.csvfile import CsvFileError


class Command(BaseCommand):
    help = (
        "Import the ETH/PRIO Civil Conflict Ceasefire Dataset (CSV): one ceasefire per uniq_id, with its actors "
        "(one per UCDP id), a commitment and its deadlines, and links to PA-X and between ceasefires."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path, help="e.g. ../shared/data/ethprio_ceasefires.csv")
        parser.add_argument(
            "--skip-bad-rows",
            action="store_true",
            help="Import the ceasefires whose rows can be read and report the others (default: refuse the file).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["path"]
        if not path.is_file():
            raise CommandError(f"No file at {path}.")
        progress = ProgressBar(sys.stderr, unit="ceasefires") if sys.stderr.isatty() else None
        try:
            report = ceasefires_import(path, progress=progress, skip_bad_rows=options["skip_bad_rows"])
        except (NotAnEthPrioFile, CsvFileError, ImportRefused) as exc:
            raise CommandError(refusal(path, exc)) from None
        limit = None if options["verbosity"] >= 2 else SHOWN_PER_SECTION
        for line in report.lines(limit=limit):
            self.stdout.write(line)
