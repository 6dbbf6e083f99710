"""``make run``: set up, then run the web server, a Celery worker and beat together.

On its first start it writes a development ``.env`` (DEBUG on, a SECRET_KEY
made for this machine: :mod:`tracker.envfile`), so that ``manage.py`` in a
second shell runs with the same settings as the processes started here. Then it
migrates, loads the seeds, collects static files, prints where everything is,
and starts three processes: gunicorn on ``HOST:PORT``, a Celery worker and
Celery beat, on whatever ``DATABASE_URL`` and ``CELERY_BROKER_URL`` say (SQLite
and the filesystem broker under ``var/`` by default). Ctrl-C stops all three;
if one of them dies, the others are stopped too.
"""

from __future__ import annotations

import errno
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from types import FrameType

from tracker import envfile

STOP_GRACE_SECONDS = 10
# Where the data is, what signs it and where its links point: a second shell must see the
# same values, or its manage.py works on another database (or cannot read the webhook
# secrets), or the events it writes (flag_deadlines, an import) link to records at
# another address (PUBLIC_BASE_URL, which defaults to http://HOST:PORT).
SHARED_SETTINGS = ("DATABASE_URL", "CELERY_BROKER_URL", "VAR_DIR", "SECRET_KEY", "PUBLIC_BASE_URL", "HOST", "PORT")


def _only_in_this_shell(env_file: Path) -> list[str]:
    """Shared settings this shell exports that a second shell would not get from the env file."""
    from dotenv import dotenv_values

    in_file = dotenv_values(env_file) if env_file.is_file() else {}
    return [
        name
        for name in SHARED_SETTINGS
        if os.environ.get(name, "").strip() and os.environ[name].strip() != (in_file.get(name) or "").strip()
    ]


def _setup(only_here: list[str]) -> None:
    import django
    from django.conf import settings
    from django.core.management import call_command

    django.setup()
    call_command("migrate", interactive=False, verbosity=0)
    call_command("load_seeds")
    call_command("collectstatic", interactive=False, verbosity=0)
    base = f"http://{settings.HOST}:{settings.PORT}"
    database = settings.DATABASES["default"]
    print(
        f"""
Ceasefire Tracker
  API          {base}/api/v1/
  Calendar     {base}/api/v1/deadlines.ics
  API docs     {base}/api/docs/
  OpenAPI      {base}/api/schema/
  Admin        {base}/admin/
  Health       {base}/healthz  {base}/readyz
  Database     {database["ENGINE"].rsplit(".", 1)[-1]} {database["NAME"]}
  Broker       {str(settings.CELERY_BROKER_URL).split("@")[-1]}
  Sweep every  {settings.DEADLINE_SWEEP_SECONDS} s

In a second shell, from this directory:
  an admin login   .venv/bin/python manage.py createsuperuser            (or: make superuser)
  an editor        make editor USER=USERNAME
  an API token     .venv/bin/python manage.py drf_create_token USERNAME  (or: make token USER=USERNAME)
Ctrl-C stops everything.
""",
        flush=True,
    )
    if only_here:
        print(
            f"Note: {', '.join(only_here)} come from this shell only. A second shell needs the same: "
            f"export them there too, or put them in {settings.ENV_FILE}.\n",
            flush=True,
        )


def _port_taken(host: str, port: int) -> bool:
    """Whether something already listens on ``host:port`` (gunicorn would retry for seconds while the
    worker and beat already ran, then stop them all).

    Bound as gunicorn binds it: an IPv6 address in brackets (``HOST=[::1]``), and with SO_REUSEADDR, so
    that the last run's connections still closing (TIME_WAIT, for a minute after Ctrl-C) are no obstacle.
    Only an address in use counts: any other refusal (a host not of this machine) is gunicorn's to name.
    """
    address = host[1:-1] if host.startswith("[") and host.endswith("]") else host
    with socket.socket(socket.AF_INET6 if ":" in address else socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((address, port))
        except OSError as exc:
            return exc.errno == errno.EADDRINUSE
    return False


def _commands() -> dict[str, list[str]]:
    from django.conf import settings

    bin_dir = os.path.dirname(sys.executable)
    return {
        "web": [
            os.path.join(bin_dir, "gunicorn"),
            "tracker.wsgi",
            "--bind",
            f"{settings.HOST}:{settings.PORT}",
            "--workers",
            os.environ.get("WEB_CONCURRENCY", "2"),
            "--timeout",
            "60",
        ],
        "worker": [os.path.join(bin_dir, "celery"), "-A", "tracker", "worker", "--loglevel=INFO", "--concurrency=2"],
        "beat": [os.path.join(bin_dir, "celery"), "-A", "tracker", "beat", "--loglevel=INFO"],
    }


def main() -> int:
    # Local development: DEBUG on unless the environment says otherwise.
    os.environ.setdefault("DEBUG", "true")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings")
    os.environ.setdefault("LOG_FORMAT", "text")
    env_file = envfile.path()
    if envfile.write_development_file(env_file):
        print(f"Wrote {env_file}: development settings for every process here (DEBUG on, a new SECRET_KEY).")
    elif added := envfile.complete_development_file(env_file):
        print(f"Added {' and '.join(added)} to {env_file}, which lacked them: a second shell needs them too.")
    from django.conf import settings

    if _port_taken(settings.HOST, settings.PORT):
        print(
            f"Port {settings.PORT} on {settings.HOST} is in use: stop what listens there, or start on another "
            f"port (make run PORT={settings.PORT + 1}).",
            flush=True,
        )
        return 1
    _setup(_only_in_this_shell(env_file))

    processes = {name: subprocess.Popen(command) for name, command in _commands().items()}
    stopping = False

    def stop(signum: int, frame: FrameType | None) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    exit_code = 0
    while not stopping:
        for name, process in processes.items():
            if process.poll() is not None:
                print(f"{name} exited with status {process.returncode}; stopping the others.", flush=True)
                exit_code = process.returncode or 1
                stopping = True
        time.sleep(0.5)

    for process in processes.values():
        if process.poll() is None:
            process.terminate()
    deadline = time.monotonic() + STOP_GRACE_SECONDS
    for process in processes.values():
        try:
            process.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            process.kill()
    return exit_code


if __name__ == "__main__":
    sys.exit(main())
