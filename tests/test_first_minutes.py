"""A newcomer's first minutes, exactly as README.md says, on a fresh copy of the repository (slow).

The commands are README.md's own: every command of its "Run it" section's ``sh``
blocks (found by :mod:`tests.readme`), in order. ``make run`` starts in the
background in a session of its own, as in a terminal, on a free loopback port
(``HOST``/``PORT``, as the README says); the rest run one by one as a second
shell would, each through bash as typed, with only ``USERNAME`` filled in, the
port of this run for 8000, and arguments appended where a prompt or a status
line needs them (createsuperuser's ``--noinput --username --email``, curl's
``-w``). Then Ctrl-C — SIGINT to the whole process group — and nothing of the
session may be left running.

Isolation. The copy holds the repository's tracked files as this working tree
has them: what ``git clone`` would give, plus changes not committed yet, and no
``.env``, ``var/`` or ``.venv``. Its processes get a newcomer's environment:
none of this suite's settings (no ``ENV_FILE``, ``SECRET_KEY``, ``DEBUG``,
``VAR_DIR``), a ``HOME`` of their own, a ``PATH`` without this virtualenv. On
the embedded run they run on the embedded defaults, under the copy's own
``var/``. When this suite runs on PostgreSQL and Redis, so does the copy — the
README's "put them in .env, or export them in both shells", here exported in
both — in a database of its own on the same server (made and dropped here) and
this suite's Redis database.

The install. ``make run`` would spend minutes in pip; instead the copy's
``.venv`` is a real virtualenv (``python -m venv``) holding exactly the
distributions ``requirements.txt`` pins — each checked to be installed here at
its pinned version, then linked in with its console scripts, nothing else (no
test tools) — and the Makefile's stamp says so. That skips downloading and
unpacking, not a step ``make run`` owes a newcomer: a pin missing here fails
this test, and the real ``python -m venv`` and ``pip install -r`` path is what
``make test`` runs on a fresh clone.
"""

from __future__ import annotations

import importlib.metadata
import json
import os
import re
import shlex
import shutil
import signal
import socket
import stat
import subprocess
import sys
import time
import venv
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import httpx
import pytest
from dotenv import dotenv_values

from tests import readme
from tests.conftest import require
from tests.processes import BIN, free_port, tail, wait_for
from tracker import envfile

pytestmark = pytest.mark.slow

ROOT = readme.ROOT
USERNAME = "newcomer"
PASSWORD = "first-minutes-on-a-fresh-copy"  # a throwaway user of a throwaway copy
START_TIMEOUT = 180  # a cold copy migrates, loads the seeds and collects static files first
STEP_TIMEOUT = 120
STOP_TIMEOUT = 30
_PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;#]+)")


def test_the_readme_first_minutes_work_as_typed_on_a_fresh_copy(tmp_path):
    require(all(shutil.which(tool) for tool in ("git", "make", "bash", "curl")), "git, make, bash and curl")
    require(Path("/proc/self/stat").exists(), "/proc, to see what is left running")
    in_git = subprocess.run(["git", "rev-parse", "--is-inside-work-tree"], cwd=ROOT, capture_output=True, check=False)
    require(in_git.returncode == 0, "a git work tree, to know which files a clone holds")
    commands = readme.sh_commands(readme.section("Run it"))
    assert commands[0] == "make run", commands
    clone = tmp_path / "clone"
    _copy_tracked_files(clone)
    assert not (clone / ".env").exists()
    _install_from_this_environment(clone)
    home = tmp_path / "home"
    home.mkdir()

    with _what_the_copy_runs_on() as exported:
        shell = _newcomer_shell(home, **exported)
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        log = tmp_path / "make-run.log"
        server = subprocess.Popen(
            shlex.split(commands[0]),
            cwd=clone,
            env={**shell, "HOST": "127.0.0.1", "PORT": str(port)},
            stdin=subprocess.DEVNULL,
            stdout=log.open("wb"),
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group, as a terminal's foreground job
        )
        try:

            def answers() -> bool:
                assert server.poll() is None, f"make run exited with {server.returncode}:\n{tail(log)}"
                try:
                    return httpx.get(f"{base}/healthz", timeout=2).status_code == 200
                except httpx.HTTPError:
                    return False

            wait_for(answers, timeout=START_TIMEOUT, what="make run to answer /healthz")
            _it_wrote_a_development_env_file(clone / ".env")
            _it_runs_on(exported, clone, log.read_text(errors="replace"))

            second_shell = {**shell, "DJANGO_SUPERUSER_PASSWORD": PASSWORD}
            ran: dict[str, subprocess.CompletedProcess[str]] = {}
            for command in commands[1:]:
                result = _type(command, clone, second_shell, port)
                assert result.returncode == 0, f"$ {command}\n{result.stdout}{result.stderr}\n{tail(log)}"
                ran[command] = result
                if token := re.search(rf"Generated token (\w+) for user {USERNAME}\b", result.stdout):
                    second_shell["TOKEN"] = token.group(1)

            assert "TOKEN" in second_shell, "no command of the README printed a token"
            editor = next(result for command, result in ran.items() if command.startswith("make editor"))
            assert f"{USERNAME} is an editor" in editor.stdout
            write = next(result for command, result in ran.items() if command.startswith("curl -X POST"))
            body, status = write.stdout.rsplit("\n", 1)
            assert status == "201", write.stdout
            assert json.loads(body)["title"]
            # The shortcut the README names beside it prints the same token.
            shortcut = _type(f"make token USER={USERNAME}", clone, second_shell, port)
            assert f"Generated token {second_shell['TOKEN']} for user {USERNAME}" in shortcut.stdout, shortcut.stderr
        finally:
            left = _ctrl_c(server)

    assert left == [], f"still running after Ctrl-C: {left}\n{tail(log)}"
    assert "Traceback" not in log.read_text(errors="replace"), tail(log, 80)
    with socket.socket() as sock:
        # Nobody listens on the port any more (SO_REUSEADDR, as servers bind: the closed
        # connections' TIME_WAIT does not count, a listener would).
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(("127.0.0.1", port))
        sock.listen()


def _type(command: str, clone: Path, env: dict[str, str], port: int) -> subprocess.CompletedProcess[str]:
    """Run a README line through bash as a second shell would, filled in and made non-interactive."""
    line = re.sub(r"\bUSERNAME\b", USERNAME, command).replace("127.0.0.1:8000", f"127.0.0.1:{port}")
    if "manage.py createsuperuser" in line:
        line += f" --noinput --username {USERNAME} --email {USERNAME}@example.org"
    if line.startswith("curl "):
        line += " -sS -w '\\n%{http_code}'"
    return subprocess.run(
        ["bash", "-c", line], cwd=clone, env=env, capture_output=True, text=True, timeout=STEP_TIMEOUT, check=False
    )


def _it_wrote_a_development_env_file(env_file: Path) -> None:
    assert env_file.is_file(), "make run wrote no .env"
    assert stat.S_IMODE(env_file.stat().st_mode) == 0o600
    values = dotenv_values(env_file)
    assert values["DEBUG"] == "true"
    assert envfile.is_development_key(values["SECRET_KEY"] or "")


def _it_runs_on(exported: dict[str, str], clone: Path, banner: str) -> None:
    """What make run says it runs on: what both shells export, else the copy's own var/."""
    if "DATABASE_URL" in exported:
        database = "postgresql " + urlsplit(exported["DATABASE_URL"]).path.lstrip("/")
    else:
        database = f"sqlite3 {(clone / 'var' / 'db.sqlite3').resolve()}"
    broker = exported.get("CELERY_BROKER_URL", "filesystem://localhost/").split("@")[-1]
    assert re.search(rf"^  Database +{re.escape(database)}$", banner, re.M), banner
    assert re.search(rf"^  Broker +{re.escape(broker)}$", banner, re.M), banner


def _copy_tracked_files(destination: Path) -> None:
    """What a clone holds, as this working tree has it (changes not committed yet included)."""
    listed = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True).stdout
    for name in filter(None, listed.split(b"\0")):
        source = ROOT / os.fsdecode(name)
        if not source.exists() and not source.is_symlink():
            continue  # deleted here, not yet in a commit
        target = destination / os.fsdecode(name)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, target, follow_symlinks=False)


def _install_from_this_environment(clone: Path) -> None:
    """A virtualenv in the copy holding what requirements.txt pins, linked from this one; stamped installed."""
    venv_dir = clone / ".venv"
    venv.EnvBuilder(with_pip=False, symlinks=True).create(venv_dir)
    python = venv_dir / "bin" / "python"
    site_packages = venv_dir / "lib" / f"python{sys.version_info.major}.{sys.version_info.minor}" / "site-packages"
    problems = []
    for line in (clone / "requirements.txt").read_text().splitlines():
        if not (pin := _PIN.match(line.strip())):
            continue
        name, version = pin.groups()
        try:
            distribution = importlib.metadata.distribution(name)
        except importlib.metadata.PackageNotFoundError:
            problems.append(f"{name}=={version}: not installed")
            continue
        if distribution.version != version:
            problems.append(f"{name}=={version}: {distribution.version} installed")
            continue
        # Its top-level packages, modules and metadata, as pip would have put them there.
        for top in {file.parts[0] for file in distribution.files or ()} - {"..", "__pycache__"}:
            if not (site_packages / top).exists():
                (site_packages / top).symlink_to(Path(str(distribution.locate_file(top))))
        for entry in distribution.entry_points.select(group="console_scripts"):
            script = venv_dir / "bin" / entry.name
            script.write_text(
                f"#!{python}\nimport sys\nfrom {entry.module} import {entry.attr.split('.')[0]}\n"
                f"sys.exit({entry.attr}())\n"
            )
            script.chmod(0o755)
    assert not problems, "this environment lacks what requirements.txt pins (make install): " + "; ".join(problems)
    # Newer than requirements.txt (copied with its own time): make takes the install as done.
    (venv_dir / ".runtime-installed").touch()


def _newcomer_shell(home: Path, **exported: str) -> dict[str, str]:
    """A new user's shell: a PATH without this virtualenv, a HOME of their own, none of this suite's settings."""
    ours = {str(BIN), str(Path(sys.prefix) / "bin")}
    path = os.pathsep.join(p for p in os.environ.get("PATH", "/usr/bin:/bin").split(os.pathsep) if p not in ours)
    return {"PATH": path, "HOME": str(home), "LANG": os.environ.get("LANG", "C.UTF-8"), **exported}


@contextmanager
def _what_the_copy_runs_on() -> Iterator[dict[str, str]]:
    """The variables both shells export: none (the embedded defaults), or this suite's PostgreSQL and Redis."""
    url = os.environ.get("DATABASE_URL", "")
    broker = os.environ.get("CELERY_BROKER_URL", "")
    exported = {"CELERY_BROKER_URL": broker} if broker.startswith(("redis://", "rediss://")) else {}
    if not url.startswith(("postgres://", "postgresql://")):
        yield exported
        return
    import psycopg
    from psycopg import sql

    parts = urlsplit(url)
    name = f"{parts.path.lstrip('/')}_first_minutes"
    server = urlunsplit(parts._replace(path="/postgres"))

    def drop() -> None:
        with psycopg.connect(server, autocommit=True) as connection:
            connection.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))

    drop()
    with psycopg.connect(server, autocommit=True) as connection:
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield {**exported, "DATABASE_URL": urlunsplit(parts._replace(path=f"/{name}"))}
    finally:
        drop()


def _ctrl_c(server: subprocess.Popen[bytes]) -> list[str]:
    """SIGINT to the process group, as Ctrl-C in a terminal; what of the session is left after a grace period.

    Whatever is left is killed, so a failing run leaves nothing behind either.
    """
    session = server.pid
    if server.poll() is None:
        os.killpg(session, signal.SIGINT)
    with suppress(subprocess.TimeoutExpired):
        server.wait(timeout=STOP_TIMEOUT)
    # make is gone; its children may still be finishing their own shutdown.
    deadline = time.monotonic() + 15
    while (left := _in_session(session)) and time.monotonic() < deadline:
        time.sleep(0.2)
    for pid in left:
        os.kill(pid, signal.SIGKILL)
    if server.poll() is None:
        server.kill()
        server.wait()
    return [f"{pid} {_cmdline(pid)}" for pid in left]


def _in_session(session: int) -> list[int]:
    """Live processes of a session (zombies are already gone, their parents have yet to reap them)."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            fields = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        # After "pid (comm)": state, ppid, process group, session.
        if int(fields[3]) == session and fields[0] != "Z":
            found.append(int(entry))
    return found


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace").strip()
    except OSError:
        return "?"
