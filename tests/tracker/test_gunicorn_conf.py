"""gunicorn as deployed (``tracker/gunicorn.conf.py``) writes JSON lines only, and each request once."""

from __future__ import annotations

import json

import httpx
import pytest

from tests.processes import Gunicorn, child_env

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def _served(tmp_path, **environment: str) -> list[str]:
    """The lines gunicorn and the app wrote while serving one request with a query string."""
    env = child_env(tmp_path, ENV_FILE="/dev/null", WEB_CONCURRENCY="1", **environment)
    server = Gunicorn(env, tmp_path / "gunicorn.log", "-c", "tracker/gunicorn.conf.py")
    try:
        assert httpx.get(f"{server.base}/healthz?token=abc", timeout=10).status_code == 200
    finally:
        server.stop()
    return server.log.read_text().splitlines()


def test_every_line_is_json_and_each_request_is_logged_once_without_its_query(tmp_path):
    lines = _served(tmp_path)
    entries = [json.loads(line) for line in lines]
    loggers = {entry["logger"] for entry in entries}
    # gunicorn's own lines (starting, booting a worker, shutting down) in the app's format...
    assert "gunicorn.error" in loggers
    assert any(entry["message"].startswith("Booting worker") for entry in entries)
    # ...and no access log of its own beside the app's request line, which leaves the query out.
    assert "gunicorn.access" not in loggers
    assert "token=abc" not in "\n".join(lines)
    requests = [entry for entry in entries if entry["logger"] == "tracker.request"]
    assert requests
    assert all(entry["path"] == "/healthz" for entry in requests)


def test_with_text_logs_gunicorn_keeps_its_own_format(tmp_path):
    lines = _served(tmp_path, LOG_FORMAT="text")
    assert any("[INFO] Booting worker" in line for line in lines)
