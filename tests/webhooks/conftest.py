"""Webhook test fixtures: a real receiver, endpoints registered through the service."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.webhooks.receiver import Receiver


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    server = Receiver()
    yield server
    server.close()


@pytest.fixture(autouse=True)
def _short_timeouts(settings: pytest.FixtureRequest) -> None:
    settings.WEBHOOK_TIMEOUT_SECONDS = 2
    settings.WEBHOOK_CONNECT_TIMEOUT_SECONDS = 1
    settings.WEBHOOK_ALLOW_LOOPBACK = True
