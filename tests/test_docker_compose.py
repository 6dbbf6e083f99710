"""docker-compose.yml describes the production shape (no Docker engine here: parse it).

The README's walk through it is checked the same way: its commands, the .env they make, and
the settings the app containers would start with (compose's interpolation and env_file, read here).
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest
import yaml
from dotenv import dotenv_values

from tests import readme
from tracker import envfile

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
    # --quiet: the processes' logs are JSON lines only, without Celery's plain-text banner.
    assert services["worker"]["command"][:5] == ["celery", "-A", "tracker", "--quiet", "worker"]
    assert services["beat"]["command"][:5] == ["celery", "-A", "tracker", "--quiet", "beat"]
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


def gunicorn_config(tmp_path: Path, **environment: str) -> dict[str, Any]:
    """What tracker/gunicorn.conf.py sets, read in a fresh interpreter with this environment only."""
    keys = ("bind", "workers", "timeout", "forwarded_allow_ips", "logconfig_dict")
    code = (
        "import json, runpy; c = runpy.run_path('tracker/gunicorn.conf.py'); "
        f"print(json.dumps({{k: c.get(k) for k in {keys}}}))"
    )
    env = {"PATH": os.environ["PATH"], "VAR_DIR": str(tmp_path), **environment}
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_gunicorn_binds_host_and_port_from_the_environment_or_env_file(tmp_path):
    env_file = tmp_path / ".env"
    env_file.write_text("HOST=127.0.0.1\nPORT=8613\nWEB_CONCURRENCY=5\n")
    config = gunicorn_config(tmp_path, ENV_FILE=str(env_file))
    assert (config["bind"], config["workers"]) == ("127.0.0.1:8613", 5)
    # The environment wins over .env, as it does for the settings; nothing set binds loopback only.
    assert gunicorn_config(tmp_path, ENV_FILE=str(env_file), PORT="8614")["bind"] == "127.0.0.1:8614"
    assert gunicorn_config(tmp_path, ENV_FILE="/dev/null")["bind"] == "127.0.0.1:8000"
    assert gunicorn_config(tmp_path, ENV_FILE="/dev/null")["forwarded_allow_ips"] == "127.0.0.1,::1"
    # An IPv6 address binds in brackets, however it was written.
    assert gunicorn_config(tmp_path, ENV_FILE="/dev/null", HOST="::1")["bind"] == "[::1]:8000"


def test_the_web_container_binds_every_interface_on_the_published_port(services):
    environment = services["web"]["environment"]
    assert (environment["HOST"], environment["PORT"]) == ("0.0.0.0", "8000")
    assert services["web"]["ports"] == ["${WEB_PORT:-8000}:8000"]


def test_every_setting_read_from_the_environment_is_documented():
    settings_text = (ROOT / "tracker" / "settings.py").read_text()
    variables = set(re.findall(r'env\.\w+\(\s*"([A-Z][A-Z0-9_]+)"', settings_text))
    documented = set(re.findall(r"^#?\s*([A-Z][A-Z0-9_]+)=", (ROOT / ".env.example").read_text(), re.M))
    assert variables
    assert variables - documented == set()


# --- The production shape as the README walks it ------------------------------------------------

APP_SERVICES = ("migrate", "web", "worker", "beat")
_REFERENCE = re.compile(r"\$(?:(\$)|\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*))")


class ComposeRefuses(Exception):
    """What `docker compose up` stops with before starting anything."""


def interpolate(value: Any, variables: Mapping[str, str]) -> Any:
    """docker compose's interpolation of the file, with ``variables`` from .env: ``$$``, ``${X}``,
    ``${X:-default}``, ``${X-default}``, ``${X:?error}``, ``${X?error}``, ``$X``."""
    if isinstance(value, dict):
        return {key: interpolate(item, variables) for key, item in value.items()}
    if isinstance(value, list):
        return [interpolate(item, variables) for item in value]
    if not isinstance(value, str):
        return value

    def replace(match: re.Match[str]) -> str:
        escaped, name, operator, argument, bare = match.groups()
        if escaped:
            return "$"
        name = name or bare
        found = variables.get(name)
        missing = not found if operator and operator.startswith(":") else found is None
        if operator and operator.endswith("?") and missing:
            raise ComposeRefuses(f"required variable {name} is missing a value: {argument}")
        if operator and operator.endswith("-") and missing:
            return argument
        return found or ""

    return _REFERENCE.sub(replace, value)


def app_environment(env_file: Path) -> dict[str, str]:
    """What the app containers' processes see: .env (env_file), then the file's own ``environment``."""
    variables = {name: value or "" for name, value in dotenv_values(env_file).items()}
    services = interpolate(yaml.safe_load((ROOT / "docker-compose.yml").read_text()), variables)["services"]
    environments = []
    for name in APP_SERVICES:
        assert services[name]["env_file"] == ".env"
        environments.append({**variables, **{key: str(value) for key, value in services[name]["environment"].items()}})
    assert all(environment == environments[0] for environment in environments)
    return environments[0]


def in_the_container(environment: Mapping[str, str], var_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``manage.py`` as the image runs it: this environment only, and no .env file (.dockerignore)."""
    env = {
        "PATH": os.environ["PATH"],
        "DJANGO_SETTINGS_MODULE": "tracker.settings",
        **environment,
        "ENV_FILE": "/dev/null",
        "VAR_DIR": str(var_dir),
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )


def required_in_env_example() -> set[str]:
    """The variables .env.example marks REQUIRED (in the comment just above them)."""
    required, comments = set(), []
    for line in (ROOT / ".env.example").read_text().splitlines():
        if line.startswith("#"):
            comments.append(line)
        elif match := re.match(r"([A-Z][A-Z0-9_]*)=", line):
            if any("REQUIRED" in comment for comment in comments):
                required.add(match.group(1))
            comments = []
        else:
            comments = []
    return required


def needed_by_compose() -> set[str]:
    """What .env must give: what the compose file requires (``${X:?…}``), and SECRET_KEY, which the
    settings require with DEBUG off — and compose keeps DEBUG off."""
    text = (ROOT / "docker-compose.yml").read_text()
    return set(re.findall(r"\$\{([A-Z][A-Z0-9_]*):?\?", text)) | {"SECRET_KEY"}


def test_compose_keeps_debug_off_whatever_env_says(services):
    for name in APP_SERVICES:
        assert services[name]["environment"]["DEBUG"] == "false", name


def test_the_image_never_holds_a_env_file():
    assert ".env" in (ROOT / ".dockerignore").read_text().split()


def test_the_readme_names_every_variable_env_needs_and_env_example_marks_exactly_those():
    needed = needed_by_compose()
    assert needed == {"POSTGRES_PASSWORD", "SECRET_KEY", "PUBLIC_BASE_URL"}
    assert required_in_env_example() == needed
    named = set(re.findall(r"`([A-Z][A-Z0-9_]+)`", readme.section("Run the production shape")))
    assert needed <= named
    interpolated = {match[1] or match[4] for match in _REFERENCE.findall((ROOT / "docker-compose.yml").read_text())}
    documented = set(re.findall(r"^([A-Z][A-Z0-9_]*)=", (ROOT / ".env.example").read_text(), re.M))
    assert interpolated - {""} - documented == set()


def test_the_readme_walk_gives_the_app_settings_that_pass_the_deploy_checks(tmp_path):
    commands = readme.sh_commands(readme.section("Run the production shape"))
    assert commands[0] == "cp .env.example .env"
    assert "docker compose up -d" in commands
    shutil.copy(ROOT / ".env.example", tmp_path)
    subprocess.run(["bash", "-c", commands[0]], cwd=tmp_path, check=True)
    with pytest.raises(ComposeRefuses, match=r"PUBLIC_BASE_URL|POSTGRES_PASSWORD"):
        app_environment(tmp_path / ".env")  # as copied, before filling it in
    # Fill in what the README says to, as an operator would in an editor.
    env_file = tmp_path / ".env"
    for name in needed_by_compose():
        value = "https://tracker.example.org" if name == "PUBLIC_BASE_URL" else secrets.token_urlsafe(50)
        env_file.write_text(re.sub(rf"^{name}=$", f"{name}={value}", env_file.read_text(), flags=re.M))
    environment = app_environment(env_file)
    assert environment["DEBUG"] == "false"
    # The image collects the static files when it is built (Dockerfile).
    collected = in_the_container(environment, tmp_path / "var", "collectstatic", "--noinput", "--verbosity", "0")
    assert collected.returncode == 0, collected.stderr
    result = in_the_container(environment, tmp_path / "var", "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_compose_refuses_the_development_env_file_of_make_run(tmp_path):
    env_file = tmp_path / ".env"
    envfile.write_development_file(env_file)
    with pytest.raises(ComposeRefuses, match=r"PUBLIC_BASE_URL|POSTGRES_PASSWORD"):
        app_environment(env_file)
    # Even given the database password, its key never runs the production shape.
    env_file.write_text(
        env_file.read_text() + "POSTGRES_PASSWORD=chosen-by-the-operator\nPUBLIC_BASE_URL=https://tracker.example.org\n"
    )
    environment = app_environment(env_file)
    assert environment["DEBUG"] == "false"
    result = in_the_container(environment, tmp_path / "var", "check")
    assert result.returncode != 0
    assert "SECRET_KEY is a development key" in result.stderr


def test_the_interpolation_reads_as_compose_does():
    variables = {"SET": "x", "EMPTY": ""}
    assert interpolate("$$HOSTNAME ${SET} $SET ${EMPTY:-d} ${EMPTY-d} ${UNSET-d}", variables) == "$HOSTNAME x x d  d"
    with pytest.raises(ComposeRefuses, match="EMPTY"):
        interpolate("${EMPTY:?set it}", variables)
    assert interpolate("${EMPTY?set it}", variables) == ""
