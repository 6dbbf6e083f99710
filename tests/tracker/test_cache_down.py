"""Redis, the throttles' cache, stopped mid-run: reads and writes go on, unthrottled, and /readyz says so."""

from __future__ import annotations

import logging
import shutil

import pytest
from django.core.cache import caches

from tests.conftest import require
from tests.processes import RedisServer
from tracker.env import Env

pytestmark = pytest.mark.django_db


@pytest.fixture
def redis_cache(settings, tmp_path):
    require(shutil.which("redis-server") is not None, "redis-server is not installed")
    server = RedisServer(tmp_path)
    server.start()
    original = settings.CACHES
    settings.CACHES = {"default": {**Env({"CACHE_URL": server.url}).cache("CACHE_URL", ""), "TIMEOUT": 300}}
    caches.__init__()  # type: ignore[misc]  # connections are made afresh from the new settings
    yield server
    settings.CACHES = original
    caches.__init__()  # type: ignore[misc]
    server.kill()


def test_with_the_cache_stopped_reads_and_writes_go_on(redis_cache, anon_client, editor_client, caplog):
    assert anon_client.get("/api/v1/agreements/").status_code == 200
    ready = anon_client.get("/readyz").json()
    assert ready["checks"]["cache"] == {**ready["checks"]["cache"], "ok": True, "backend": "RedisCache"}

    redis_cache.kill()
    with caplog.at_level(logging.WARNING, logger="tracker.throttling"):
        for _ in range(3):
            assert anon_client.get("/api/v1/agreements/").status_code == 200
        created = editor_client.post("/api/v1/sources/", {"title": "Communiqué", "quote": "x"}, format="json")
        assert created.status_code == 201, created.content
        assert editor_client.get(f"/api/v1/sources/{created.json()['id']}/").status_code == 200
    warnings = [r for r in caplog.records if r.name == "tracker.throttling"]
    assert len(warnings) <= 1  # said once, not once per request
    ready = anon_client.get("/readyz")
    body = ready.json()
    assert body["checks"]["cache"]["ok"] is False
    assert "ConnectionError" in body["checks"]["cache"]["error"]
    # The cache is not required: with database, broker and sweep well, the service is degraded, not down.
    required_ok = all(body["checks"][name]["ok"] for name in ("database", "broker", "sweep"))
    assert (ready.status_code, body["status"]) == ((200, "degraded") if required_ok else (503, "unavailable"))

    redis_cache.start()
    assert anon_client.get("/api/v1/agreements/").status_code == 200
