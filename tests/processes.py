"""Real processes for tests: management commands, Celery workers and beat, on the test database.

The test database and broker are passed down in the environment, so a child
process sees exactly what the test wrote (the tests that use these run with
``transaction=True``, so their writes are committed).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

from django.conf import settings
from django.db import connection

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def database_url() -> str:
    """The URL of the database this test runs on (the test database, not the configured one)."""
    db = connection.settings_dict
    if db["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{Path(db['NAME']).resolve()}"
    auth = quote(db["USER"] or "", safe="")
    if db.get("PASSWORD"):
        auth += ":" + quote(db["PASSWORD"], safe="")
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def child_env(var_dir: Path, **overrides: str) -> dict[str, str]:
    """Environment for a child process: the test database, the test broker, quiet logs.

    With the embedded filesystem broker, ``var_dir`` holds the broker folders the
    children share; with Redis, they share the configured Redis database.
    """
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST", "DJANGO_ALLOW"))}
    env.update(
        {
            "DATABASE_URL": database_url(),
            "CELERY_BROKER_URL": settings.CELERY_BROKER_URL,
            "VAR_DIR": str(var_dir),
            "SECRET_KEY": settings.SECRET_KEY,
            "DEBUG": "false",
            "LOG_FORMAT": "json",
            "LOG_LEVEL": "INFO",
            "PYTHONUNBUFFERED": "1",
            "DATABASE_CONN_MAX_AGE": "0",
        }
    )
    env.update(overrides)
    return env


def manage(env: dict[str, str], *args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout
    )


def spawn_manage(env: dict[str, str], *args: str, log: Path) -> subprocess.Popen[bytes]:
    handle = log.open("wb")
    return subprocess.Popen([sys.executable, "manage.py", *args], cwd=ROOT, env=env, stdout=handle, stderr=handle)


def purge_broker(env: dict[str, str]) -> None:
    """Drop whatever earlier tests left queued (their nudges), so a worker starts clean."""
    subprocess.run(
        [str(BIN / "celery"), "-A", "tracker", "purge", "-f"], cwd=ROOT, env=env, capture_output=True, timeout=60
    )


@contextmanager
def celery(
    env: dict[str, str], var_dir: Path, *, beat: bool = True, concurrency: int = 2, restart: bool = False
) -> Iterator[dict[str, Path]]:
    """A Celery worker (and beat) running against the test database until the block ends.

    ``restart``: a process that exits is started again, as docker-compose's ``restart:
    unless-stopped`` does in production (each restart is written to its log, and counted in
    ``logs["restarts"]``'s file).
    """
    purge_broker(env)
    logs = {"worker": var_dir / "worker.log", "beat": var_dir / "beat.log"}
    commands = {
        "worker": [
            str(BIN / "celery"),
            "-A",
            "tracker",
            "worker",
            "--loglevel=INFO",
            f"--concurrency={concurrency}",
            "--without-gossip",
            "--without-mingle",
            f"--hostname=test-{os.getpid()}-{time.monotonic_ns()}@%h",
        ],
    }
    if beat:
        commands["beat"] = [str(BIN / "celery"), "-A", "tracker", "beat", "--loglevel=INFO"]

    def start(name: str) -> subprocess.Popen[bytes]:
        return subprocess.Popen(
            commands[name], cwd=ROOT, env=env, stdout=logs[name].open("ab"), stderr=subprocess.STDOUT
        )

    processes = {name: start(name) for name in commands}
    logs["restarts"] = var_dir / "restarts.log"
    logs["restarts"].write_text("")
    stopping = threading.Event()

    def supervise() -> None:
        while not stopping.wait(0.5):
            for name, process in list(processes.items()):
                if process.poll() is not None and not stopping.is_set():
                    with logs["restarts"].open("a") as log:
                        log.write(f"{name} exited with status {process.returncode}; started again\n")
                    processes[name] = start(name)

    supervisor = threading.Thread(target=supervise, daemon=True)
    if restart:
        supervisor.start()
    try:
        yield logs
    finally:
        stopping.set()
        if restart:
            supervisor.join()
        for process in processes.values():
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in processes.values():
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def wait_for(condition: Callable[[], bool], *, timeout: float, interval: float = 0.2, what: str = "condition") -> float:
    """Poll until ``condition()`` holds; return the seconds it took. Fails the test on timeout."""
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        if condition():
            return time.monotonic() - started
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout} s waiting for {what}")


def tail(path: Path, lines: int = 40) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return f"(no log at {path})"


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class RedisServer:
    """A throwaway redis-server of our own on a free loopback port, to stop and start at will."""

    def __init__(self, workdir: Path) -> None:
        import shutil

        self.binary = shutil.which("redis-server") or "/usr/bin/redis-server"
        self.port = free_port()
        self.workdir = workdir
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        import redis

        self.process = subprocess.Popen(
            [
                self.binary,
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.workdir),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        client = redis.Redis(port=self.port, socket_connect_timeout=0.2)
        wait_for(lambda: _pings(client), timeout=10, what="redis-server to start")

    def kill(self) -> None:
        if self.process is not None:
            self.process.kill()
            self.process.wait()
            self.process = None


def _pings(client: object) -> bool:
    import redis

    try:
        return bool(client.ping())  # type: ignore[attr-defined]
    except redis.RedisError:
        return False


def _parent_of(pid: int) -> int | None:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    # "pid (comm) state ppid ...": comm may hold spaces or parentheses, so split after the last ")".
    return int(stat.rsplit(")", 1)[1].split()[1])


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""


def worker_processes() -> list[int]:
    """This test's Celery worker (a child of this process) and every process under it (the pool)."""
    parents = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit() and (parent := _parent_of(int(entry))) is not None:
            parents[int(entry)] = parent
    roots = [pid for pid, parent in parents.items() if parent == os.getpid() and " worker " in f" {_cmdline(pid)} "]
    found, frontier = list(roots), list(roots)
    while frontier:
        frontier = [pid for pid, parent in parents.items() if parent in frontier]
        found.extend(frontier)
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def kill_worker() -> list[int]:
    """SIGKILL this test's Celery worker and its pool, without warning; wait until they are gone."""
    pids = worker_processes()
    assert len(pids) >= 2, f"expected the worker and its pool, found {pids}"
    for pid in pids:
        os.kill(pid, signal.SIGKILL)
    wait_for(lambda: not any(alive(pid) for pid in pids), timeout=10, what="the worker to die")
    return pids


class Gunicorn:
    """gunicorn serving the app on a free loopback port, as in production (DEBUG off), until ``stop()``."""

    def __init__(self, env: dict[str, str], log: Path, *args: str) -> None:
        import httpx

        self.port = free_port()
        self.log = log
        self.base = f"http://127.0.0.1:{self.port}"
        self.process = subprocess.Popen(
            [str(BIN / "gunicorn"), "tracker.wsgi:application", *args, "-b", f"127.0.0.1:{self.port}"],
            cwd=ROOT,
            env=env,
            stdout=log.open("wb"),
            stderr=subprocess.STDOUT,
        )

        def up() -> bool:
            assert self.process.poll() is None, tail(self.log)
            try:
                return httpx.get(f"{self.base}/healthz", timeout=2).status_code == 200
            except httpx.HTTPError:
                return False

        wait_for(up, timeout=30, what="gunicorn to answer")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
