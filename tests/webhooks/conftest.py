"""Webhook test fixtures: short timeouts, loopback allowed (the receiver itself is in tests/conftest.py)."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _short_timeouts(settings: pytest.FixtureRequest) -> None:
    settings.WEBHOOK_TIMEOUT_SECONDS = 2
    settings.WEBHOOK_CONNECT_TIMEOUT_SECONDS = 1
    settings.WEBHOOK_ALLOW_LOOPBACK = True
