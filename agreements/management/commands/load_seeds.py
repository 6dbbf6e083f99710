"""``python manage.py load_seeds``: load seeds/ (idempotent; all or nothing)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from agreements.seeds import SeedError, seeds_load


class Command(BaseCommand):
    help = "Load the seed records in seeds/ (or the given files). A second run changes nothing."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("files", nargs="*", type=Path, help="Seed files (default: every seeds/*.yaml).")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            report = seeds_load(options["files"] or None)
        except SeedError as exc:
            raise CommandError(f"Nothing was loaded. {exc}") from None
        self.stdout.write(self.style.SUCCESS(report.summary()) if report.changed else report.summary())
