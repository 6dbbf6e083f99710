"""Fixtures for the domain's tests."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def _import_reports_in_tmp(settings: pytest.FixtureRequest, tmp_path: Path) -> None:
    # Imports write a JSON report under VAR_DIR/import-reports: each test its own.
    settings.VAR_DIR = tmp_path
