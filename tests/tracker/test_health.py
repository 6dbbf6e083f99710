"""/healthz and /readyz tell the truth about each dependency."""

from __future__ import annotations

import datetime as dt
import json
import logging

import pytest
from django.test import Client
from django.utils import timezone

from agreements.models import SweepRecord
from tests.processes import free_port
from tests.tracker.test_settings import run_with
from tracker import health

pytestmark = pytest.mark.django_db


def swept(ago: dt.timedelta) -> None:
    now = timezone.now()
    SweepRecord.objects.update_or_create(pk=1, defaults={"completed_at": now - ago, "swept_until": now - ago})


def test_healthz_answers():
    response = Client().get("/healthz")
    assert (response.status_code, response.json()) == (200, {"status": "ok"})


def test_probes_answer_whatever_host_they_are_addressed_by(settings):
    """An orchestrator probes a node by its address, which ALLOWED_HOSTS need not list."""
    settings.ALLOWED_HOSTS = ["tracker.example.org"]
    settings.SECURE_SSL_REDIRECT = True
    swept(dt.timedelta(seconds=1))
    client = Client()
    assert client.get("/healthz", HTTP_HOST="10.0.3.7:8000").status_code == 200
    assert client.get("/readyz", HTTP_HOST="10.0.3.7:8000").status_code in {200, 503}
    assert client.get("/readyz", HTTP_HOST="10.0.3.7:8000").json()["checks"]["database"]["ok"]
    # Every other path keeps Django's host check.
    assert client.get("/api/v1/agreements/", HTTP_HOST="10.0.3.7:8000").status_code == 400
    assert client.post("/healthz", HTTP_HOST="10.0.3.7:8000").status_code == 405


def test_ready_when_everything_is(settings):
    settings.DEADLINE_SWEEP_SECONDS = 60
    swept(dt.timedelta(seconds=30))
    response = Client().get("/readyz")
    assert response.status_code == 200, response.json()
    checks = response.json()["checks"]
    assert all(checks[name]["ok"] for name in ("database", "broker", "sweep"))


def test_not_ready_before_the_first_sweep(caplog, monkeypatch):
    monkeypatch.setattr(health, "_last_warning", {})
    with caplog.at_level(logging.WARNING):
        response = Client().get("/readyz")
    assert response.status_code == 503
    assert "no deadline sweep has completed" in response.json()["checks"]["sweep"]["error"]
    # A check that fails without raising is logged too: the operator's only line for the 503.
    assert [(r.name, "sweep" in r.getMessage()) for r in caplog.records] == [("tracker.health", True)]


def test_a_check_that_fails_otherwise_is_logged_at_once_and_its_recovery_once(settings, caplog, monkeypatch):
    """Within the minute a failure is not repeated, but a different failure is (a stale sweep's
    growing age is the same failure), and a check that passes again says so, once."""
    settings.DEADLINE_SWEEP_SECONDS = 60
    monkeypatch.setattr(health, "_last_warning", {})
    with caplog.at_level(logging.INFO, logger="tracker.health"):
        Client().get("/readyz")  # no sweep yet
        swept(dt.timedelta(seconds=200))
        Client().get("/readyz")  # stale: another failure
        swept(dt.timedelta(seconds=260))
        Client().get("/readyz")  # staler: the same failure, a minute not yet gone
        swept(dt.timedelta(seconds=1))
        assert Client().get("/readyz").status_code == 200
        assert Client().get("/readyz").status_code == 200
    records = [r for r in caplog.records if getattr(r, "check", "") == "sweep"]
    assert [(r.levelname, r.event) for r in records] == [
        ("WARNING", "readiness_check_failed"),
        ("WARNING", "readiness_check_failed"),
        ("INFO", "readiness_check_recovered"),
    ]
    assert "200 s ago" in records[1].getMessage()


def test_not_ready_when_the_sweep_is_stale(settings):
    settings.DEADLINE_SWEEP_SECONDS = 60
    swept(dt.timedelta(seconds=181))
    response = Client().get("/readyz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unavailable"
    assert "more than three intervals" in body["checks"]["sweep"]["error"]
    assert body["checks"]["database"]["ok"] is True


def test_not_ready_when_the_broker_is_unreachable(settings, caplog, monkeypatch):
    swept(dt.timedelta(0))
    port = free_port()
    settings.CELERY_BROKER_URL = f"redis://user:hunter2@127.0.0.1:{port}/0"
    settings.CELERY_BROKER_IS_FILESYSTEM = False
    monkeypatch.setattr(health, "_last_warning", {})
    with caplog.at_level(logging.WARNING):
        response = Client().get("/readyz")
        again = Client().get("/readyz")
    assert response.status_code == again.status_code == 503
    broker = response.json()["checks"]["broker"]
    assert broker["ok"] is False
    assert "Error" in broker["error"]
    # A probe is public: no password, and no internal address either; the operator's log has it.
    assert "hunter2" not in response.content.decode()
    assert str(port) not in response.content.decode()
    # Logged once, not once a probe: the next within the minute says nothing new, and Django
    # does not add a line of its own for each 503.
    assert [(r.name, str(port) in r.getMessage()) for r in caplog.records] == [("tracker.health", True)]


def test_not_ready_when_the_database_is_unreachable(tmp_path):
    result = run_with(
        tmp_path,
        "from django.test import Client; r = Client(HTTP_HOST='localhost').get('/readyz'); "
        "print(r.status_code); print(r.content.decode())",
        DEBUG="true",
        DATABASE_URL=f"postgres://postgres:s3cret@127.0.0.1:{free_port()}/tracker",
        DATABASE_CONNECT_TIMEOUT="1",
    )
    status, body = result.stdout.split("\n", 1)
    assert status == "503", result.stderr
    checks = json.loads(body)["checks"]
    assert checks["database"]["ok"] is False
    assert "s3cret" not in body
