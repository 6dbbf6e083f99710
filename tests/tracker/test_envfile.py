"""The development .env that `make run` writes, and what `make run` says about a second shell."""

from __future__ import annotations

import re
import socket
import stat

import pytest
from dotenv import dotenv_values

from tracker import devserver, envfile


def test_it_writes_debug_and_a_key_made_for_this_machine(tmp_path):
    target = tmp_path / ".env"
    assert envfile.write_development_file(target)
    values = dotenv_values(target)
    assert set(values) == {"DEBUG", "SECRET_KEY"}
    assert values["DEBUG"] == "true"
    key = values["SECRET_KEY"]
    assert envfile.is_development_key(key)
    # Long, random, and safe unquoted in python-dotenv's and docker compose's .env alike.
    assert len(key) >= len(envfile.DEVELOPMENT_KEY_PREFIX) + 60
    assert re.fullmatch(r"[A-Za-z0-9_-]+", key)


def test_only_its_owner_can_read_it(tmp_path):
    target = tmp_path / ".env"
    envfile.write_development_file(target)
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_it_never_touches_an_existing_env_file(tmp_path):
    target = tmp_path / ".env"
    target.write_text("SECRET_KEY=mine\n")
    assert not envfile.write_development_file(target)
    assert target.read_text() == "SECRET_KEY=mine\n"


def test_each_machine_gets_its_own_key(tmp_path):
    first, second = tmp_path / "a.env", tmp_path / "b.env"
    envfile.write_development_file(first)
    envfile.write_development_file(second)
    assert dotenv_values(first)["SECRET_KEY"] != dotenv_values(second)["SECRET_KEY"]


def test_it_is_the_file_settings_read(monkeypatch, tmp_path):
    monkeypatch.delenv("ENV_FILE")
    assert envfile.path() == envfile.BASE_DIR / ".env"
    monkeypatch.setenv("ENV_FILE", str(tmp_path / "other.env"))
    assert envfile.path() == tmp_path / "other.env"


class _SetUp(Exception):
    """Raised in place of the real set-up: the test stops `make run` there."""


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_make_run_writes_the_file_before_anything_reads_settings(monkeypatch, tmp_path, settings):
    target = tmp_path / ".env"
    monkeypatch.setenv("ENV_FILE", str(target))
    settings.HOST, settings.PORT = "127.0.0.1", _free_port()  # whatever else runs on this machine
    for name in ("DEBUG", "DJANGO_SETTINGS_MODULE", "LOG_FORMAT"):
        monkeypatch.setenv(name, "")  # restored after the test; main() only sets what is unset
        monkeypatch.delenv(name)

    def setup(only_here: list[str]) -> None:
        assert target.is_file()
        raise _SetUp

    monkeypatch.setattr(devserver, "_setup", setup)
    with pytest.raises(_SetUp):
        devserver.main()


def test_make_run_names_what_a_second_shell_would_miss(monkeypatch, tmp_path):
    target = tmp_path / ".env"
    target.write_text("DATABASE_URL=postgres://localhost/tracker\n")
    for name in devserver.SHARED_SETTINGS:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("DATABASE_URL", "postgres://localhost/tracker")  # the file has it too
    monkeypatch.setenv("CELERY_BROKER_URL", "redis://localhost:6379/0")  # only this shell
    assert devserver._only_in_this_shell(target) == ["CELERY_BROKER_URL"]
    monkeypatch.setenv("DATABASE_URL", "postgres://localhost/other")  # differs from the file
    assert devserver._only_in_this_shell(target) == ["DATABASE_URL", "CELERY_BROKER_URL"]


def test_make_run_on_another_port_says_a_second_shell_would_link_elsewhere(monkeypatch, tmp_path):
    """`make run PORT=8714`: events a second shell's manage.py writes would link to port 8000."""
    target = tmp_path / ".env"
    target.write_text("DEBUG=true\n")
    for name in devserver.SHARED_SETTINGS:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("PORT", "8714")
    assert devserver._only_in_this_shell(target) == ["PORT"]


def test_make_run_stops_before_starting_anything_when_its_port_is_taken(monkeypatch, tmp_path, capsys, settings):
    monkeypatch.setenv("ENV_FILE", str(tmp_path / ".env"))
    monkeypatch.setattr(devserver, "_setup", lambda only_here: pytest.fail("set up although the port is taken"))
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        port = listener.getsockname()[1]
        settings.HOST, settings.PORT = "127.0.0.1", port  # what HOST and PORT say when make run starts
        assert devserver.main() == 1
    assert f"Port {port} on 127.0.0.1 is in use" in capsys.readouterr().out


def test_the_port_is_probed_as_gunicorn_binds_it():
    port = _free_port()
    # The last run's connections, closed by the server and still in TIME_WAIT for a minute after Ctrl-C,
    # do not stop gunicorn (it binds with SO_REUSEADDR), so they do not stop make run either.
    with socket.socket() as listener:
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", port))
        listener.listen()
        with socket.create_connection(("127.0.0.1", port)) as client:
            served, _ = listener.accept()
            served.close()  # the server closes first, as gunicorn's sync workers do
            assert client.recv(1) == b""
        assert devserver._port_taken("127.0.0.1", port)  # still listening, SO_REUSEADDR or not
    assert not devserver._port_taken("127.0.0.1", port)
    assert not devserver._port_taken("0.0.0.0", port)
    assert not devserver._port_taken("localhost", port)
    # An IPv6 address is written in brackets, as gunicorn's --bind takes it (HOST=[::1]).
    assert not devserver._port_taken("[::1]", port)
    try:
        listener = socket.socket(socket.AF_INET6)
        listener.bind(("::1", 0))
    except OSError:
        listener.close()
        return  # no IPv6 on this machine
    with listener:
        listener.listen()
        assert devserver._port_taken("[::1]", listener.getsockname()[1])


def test_a_file_written_before_the_first_run_gets_the_debug_and_key_it_lacks(tmp_path):
    target = tmp_path / ".env"
    target.write_text("WEBHOOK_ALLOW_LOOPBACK=true")  # no newline at the end
    assert envfile.complete_development_file(target) == ["DEBUG", "SECRET_KEY"]
    values = dotenv_values(target)
    assert values["WEBHOOK_ALLOW_LOOPBACK"] == "true"
    assert values["DEBUG"] == "true"
    assert envfile.is_development_key(values["SECRET_KEY"])
    assert envfile.complete_development_file(target) == []  # complete now: nothing added again


@pytest.mark.parametrize("text", ["SECRET_KEY=mine\n", "DEBUG=false\n"])
def test_a_file_with_a_key_or_debug_off_is_not_completed(tmp_path, text):
    target = tmp_path / ".env"
    target.write_text(text)
    assert envfile.complete_development_file(target) == []
    assert target.read_text() == text
