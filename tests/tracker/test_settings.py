"""Settings refuse to start on bad configuration, naming the variable."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from dotenv import dotenv_values

from tracker import envfile

ROOT = Path(__file__).resolve().parents[2]


def run_with(tmp_path: Path, code: str, **env: str) -> subprocess.CompletedProcess[str]:
    """Set Django up in a fresh interpreter with exactly this configuration, then run ``code``."""
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in {"SECRET_KEY", "DEBUG", "DATABASE_URL", "CELERY_BROKER_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    clean.update({"VAR_DIR": str(tmp_path), "DJANGO_SETTINGS_MODULE": "tracker.settings", **env})
    return subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
    )


def manage(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    """``manage.py`` in a fresh interpreter with exactly this environment."""
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def start(tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    return run_with(tmp_path, "print('started')", **env)


def test_it_requires_a_secret_key_when_debug_is_off(tmp_path):
    result = start(tmp_path, DEBUG="false")
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_debug_is_off_unless_asked_for(tmp_path):
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.conf import settings; print(settings.DEBUG)",
        ],
        cwd=ROOT,
        env={**{k: v for k, v in os.environ.items() if k != "DEBUG"}, "VAR_DIR": str(tmp_path), "SECRET_KEY": "x" * 50},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.stdout.strip() == "False"


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("DEADLINE_SWEEP_SECONDS", "every minute"),
        ("DEADLINE_REMINDER_LEADS", "a week"),
        ("WEBHOOK_ALLOW_LOOPBACK", "perhaps"),
        ("DATABASE_URL", "mysql://localhost/x"),
        ("PORT", "http"),
        ("LOG_LEVEL", "LOUD"),
    ],
)
def test_a_bad_value_stops_start_up_naming_the_variable(tmp_path, variable, value):
    result = start(tmp_path, DEBUG="true", **{variable: value})
    assert result.returncode != 0
    assert f"{variable}=" in result.stderr
    assert "started" not in result.stdout


def test_debug_starts_without_a_secret_key(tmp_path):
    result = start(tmp_path, DEBUG="true")
    assert result.returncode == 0, result.stderr
    assert "started" in result.stdout


def test_check_deploy_is_clean_under_production_settings(tmp_path):
    env = {
        **{
            k: v
            for k, v in os.environ.items()
            if not k.startswith(("SECURE_", "SESSION_", "CSRF_", "DJANGO_ALLOW_ASYNC"))
        },
        "DEBUG": "false",
        "SECRET_KEY": "pZ8u2Lq9-vX4mN7cR1tY6wB3eH5jK0sD9fG2aQ8zT4yU7iO1pL6",
        "ALLOWED_HOSTS": "tracker.example.org",
        "PUBLIC_BASE_URL": "https://tracker.example.org",
        "VAR_DIR": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "tracker.settings",
    }
    collected = manage(env, "collectstatic", "--noinput", "--verbosity", "0")
    assert collected.returncode == 0, collected.stderr
    result = manage(env, "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
    probe = run_with(
        tmp_path,
        "from django.conf import settings as s; print(s.SECURE_SSL_REDIRECT, s.SESSION_COOKIE_SECURE, "
        "s.CSRF_COOKIE_SECURE, s.SECURE_HSTS_SECONDS, s.SECURE_PROXY_SSL_HEADER)",
        **{k: env[k] for k in ("DEBUG", "SECRET_KEY", "ALLOWED_HOSTS")},
        SECURE_SSL_REDIRECT="",
        SESSION_COOKIE_SECURE="",
        CSRF_COOKIE_SECURE="",
    )
    assert probe.stdout.strip() == "True True True 31536000 ('HTTP_X_FORWARDED_PROTO', 'https')", probe.stderr


def test_the_filesystem_broker_keeps_all_its_folders_under_var_dir(tmp_path):
    """Queue, processed and control (exchange tables) folders live in VAR_DIR, never in the working tree."""
    code = (
        "from django.conf import settings; from tracker.celery import app; "
        "c = app.connection_for_write(); ch = c.default_channel; "
        "ch.exchange_declare('probe', type='fanout'); ch.queue_declare('probe-q'); ch.queue_bind('probe-q', 'probe'); "
        "print(sorted(settings.CELERY_BROKER_TRANSPORT_OPTIONS))"
    )
    result = run_with(tmp_path, code, DEBUG="true", CELERY_BROKER_URL="filesystem://")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "broker" / "control" / "probe.exchange").exists()
    assert not (ROOT / "control" / "probe.exchange").exists()


def test_a_development_key_is_refused_when_debug_is_off(tmp_path):
    key = envfile.development_key()
    result = start(tmp_path, DEBUG="false", SECRET_KEY=key)
    assert result.returncode != 0
    assert "SECRET_KEY is a development key" in result.stderr
    assert key not in result.stderr  # the message names the variable, never prints the secret
    assert "started" not in result.stdout


def test_manage_py_reads_the_development_env_file_that_make_run_writes(tmp_path):
    env_file = tmp_path / ".env"
    assert envfile.write_development_file(env_file)
    key = dotenv_values(env_file)["SECRET_KEY"]
    result = run_with(
        tmp_path, "from django.conf import settings as s; print(s.DEBUG, s.SECRET_KEY)", ENV_FILE=str(env_file)
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", key]


def test_the_development_env_file_never_runs_a_process_with_debug_off(tmp_path):
    env_file = tmp_path / ".env"
    envfile.write_development_file(env_file)
    result = start(tmp_path, ENV_FILE=str(env_file), DEBUG="false")
    assert result.returncode != 0
    assert "SECRET_KEY is a development key" in result.stderr


def test_the_real_environment_wins_over_the_env_file(tmp_path):
    env_file = tmp_path / ".env"
    envfile.write_development_file(env_file)
    result = run_with(
        tmp_path,
        "from django.conf import settings as s; print(s.DEBUG, s.SECRET_KEY)",
        ENV_FILE=str(env_file),
        SECRET_KEY="from-the-environment-" + "x" * 40,
    )
    assert result.stdout.split() == ["True", "from-the-environment-" + "x" * 40], result.stderr


@pytest.mark.parametrize(("level", "chatter"), [("INFO", "False"), ("WARNING", "False"), ("DEBUG", "True")])
def test_celerys_line_per_task_shows_at_debug_only(tmp_path, level, chatter):
    code = (
        "import logging; print(all(logging.getLogger(n).isEnabledFor(logging.INFO) for n in "
        "('celery.app.trace', 'celery.worker.strategy', 'celery.beat')), "
        "logging.getLogger('celery.app.trace').isEnabledFor(logging.ERROR))"
    )
    result = run_with(tmp_path, code, SECRET_KEY="x" * 50, LOG_LEVEL=level)
    assert result.stdout.split() == [chatter, "True"], result.stderr  # a failing task is always logged


def test_a_former_key_in_secret_key_fallbacks_still_reads_webhook_secrets(tmp_path):
    """A key rotation: what the old key encrypted is decrypted under the new one with the old as
    a fallback, and is not without it."""
    old, new = "o" * 50, "n" * 50
    made = run_with(tmp_path, "from webhooks.secrets import encrypt; print(encrypt('whsec_abc'))", SECRET_KEY=old)
    assert made.returncode == 0, made.stderr
    token = made.stdout.strip()
    read = f"from webhooks.secrets import decrypt; print(decrypt({token!r}))"
    assert run_with(tmp_path, read, SECRET_KEY=new, SECRET_KEY_FALLBACKS=old).stdout.strip() == "whsec_abc"
    refused = run_with(tmp_path, read, SECRET_KEY=new)
    assert "cannot be decrypted with SECRET_KEY or its fallbacks" in refused.stderr


def test_check_deploy_warns_of_uncollected_static_files_and_a_public_base_url_on_this_machine(tmp_path):
    env = {
        **{k: v for k, v in os.environ.items() if k not in {"DEBUG", "PUBLIC_BASE_URL", "HOST"}},
        "DEBUG": "false",
        "SECRET_KEY": "pZ8u2Lq9-vX4mN7cR1tY6wB3eH5jK0sD9fG2aQ8zT4yU7iO1pL6",
        "VAR_DIR": str(tmp_path),
        "ENV_FILE": "/dev/null",
        "DJANGO_SETTINGS_MODULE": "tracker.settings",
    }
    result = manage(env, "check", "--deploy")
    assert "(tracker.W001) No collected static files" in result.stderr + result.stdout
    assert "(tracker.W002) PUBLIC_BASE_URL is 'http://127.0.0.1:8000'" in result.stderr + result.stdout


def test_the_default_public_url_of_an_ipv6_host_with_a_zone_is_a_url(tmp_path):
    """``HOST=fe80::1%eth0`` binds to the link-local address of one interface; a URL spells its
    zone ``%25eth0`` (RFC 6874), or the links the API builds would not parse."""
    result = run_with(
        tmp_path,
        "from django.conf import settings; print(settings.PUBLIC_BASE_URL)",
        DEBUG="true",
        HOST="fe80::1%eth0",
        PORT="8000",
        PUBLIC_BASE_URL="",  # empty: the default
    )
    assert result.stdout.strip() == "http://[fe80::1%25eth0]:8000", result.stderr
