"""docker-compose.yml describes the production shape (no Docker engine here: parse it)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


@pytest.fixture(scope="module")
def services(compose: dict) -> dict:
    return compose["services"]


def test_it_has_the_services_of_the_production_shape(services):
    assert {"postgres", "redis", "migrate", "web", "worker", "beat"} <= set(services)


def test_the_app_services_run_the_right_commands(services):
    assert services["web"]["command"][0] == "gunicorn"
    assert services["worker"]["command"][:4] == ["celery", "-A", "tracker", "worker"]
    assert services["beat"]["command"][:4] == ["celery", "-A", "tracker", "beat"]
    assert "migrate" in " ".join(services["migrate"]["command"])


def test_every_long_running_service_has_a_health_check(services):
    for name, service in services.items():
        if name == "migrate":
            continue
        assert service.get("healthcheck", {}).get("test"), name


def test_the_database_keeps_its_data_in_a_volume(compose, services):
    volume = services["postgres"]["volumes"][0].split(":")[0]
    assert volume in compose["volumes"]


def test_the_commands_exist_in_the_code(services):
    # `tracker.wsgi`, the celery app, and the health probe module are real.
    assert (ROOT / "tracker" / "wsgi.py").exists()
    assert (ROOT / "tracker" / "celery.py").exists()
    assert (ROOT / "tracker" / "healthcheck.py").exists()
    assert (ROOT / "tracker" / "gunicorn.conf.py").exists()
