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
    assert (ROOT / "tracker" / "probe.py").exists()
    assert (ROOT / "tracker" / "gunicorn.conf.py").exists()


def test_redis_persists_and_never_evicts(services):
    command = " ".join(services["redis"]["command"])
    assert "--appendonly yes" in command
    assert "--maxmemory-policy noeviction" in command
    assert services["redis"]["volumes"]


def test_only_the_web_service_publishes_a_port(services):
    published = {name for name, service in services.items() if service.get("ports")}
    assert published == {"web"}


def test_workers_scale_and_beat_does_not(services):
    worker = services["worker"]
    assert "container_name" not in worker
    assert "ports" not in worker
    assert services["beat"]["deploy"]["replicas"] == 1
    assert "container_name" not in services["beat"]


def test_migrations_run_once_before_the_app_starts(services):
    assert services["migrate"]["restart"] == "no"
    for name in ("web", "worker", "beat"):
        assert services[name]["depends_on"]["migrate"]["condition"] == "service_completed_successfully"
        assert services[name]["depends_on"]["redis"]["condition"] == "service_healthy"
    assert services["web"]["depends_on"]["postgres"]["condition"] == "service_healthy"


def test_secrets_come_from_the_env_file(services):
    text = (ROOT / "docker-compose.yml").read_text()
    for name in ("migrate", "web", "worker", "beat"):
        assert services[name]["env_file"] == ".env"
    assert "${POSTGRES_PASSWORD:?" in services["postgres"]["environment"]["POSTGRES_PASSWORD"]
    assert "SECRET_KEY:" not in text  # from .env, never written here


def test_the_app_talks_to_the_compose_services(services):
    environment = services["web"]["environment"]
    assert environment["DATABASE_URL"].startswith("postgres://tracker:${POSTGRES_PASSWORD")
    assert environment["DATABASE_URL"].endswith("@postgres:5432/tracker")
    assert environment["CELERY_BROKER_URL"] == "redis://redis:6379/0"


def test_the_image_runs_as_a_non_root_user():
    lines = [line.split() for line in (ROOT / "Dockerfile").read_text().splitlines() if line.strip()]
    users = [line[1] for line in lines if line[0] == "USER"]
    assert users
    assert users[-1] not in {"root", "0"}
    assert any(line[0] == "CMD" and "gunicorn" in " ".join(line) for line in lines)


def test_gunicorn_takes_its_workers_from_the_environment():
    assert 'os.environ.get("WEB_CONCURRENCY"' in (ROOT / "tracker" / "gunicorn.conf.py").read_text()


def test_every_setting_read_from_the_environment_is_documented():
    import re

    settings_text = (ROOT / "tracker" / "settings.py").read_text()
    variables = set(re.findall(r'env\.\w+\(\s*"([A-Z][A-Z0-9_]+)"', settings_text))
    documented = set(re.findall(r"^#?\s*([A-Z][A-Z0-9_]+)=", (ROOT / ".env.example").read_text(), re.M))
    assert variables
    assert variables - documented == set()
