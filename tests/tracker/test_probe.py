"""The container probes: ``python -m tracker.probe`` finds the web server where its settings put it."""

from __future__ import annotations

import http.server
import os
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _serve(address: str, family: int = socket.AF_INET) -> Iterator[int]:
    """A server on a free port of ``address`` answering 200 to /healthz, 503 to anything else."""

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200 if self.path == "/healthz" else 503)
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    server_class = type("Server", (http.server.ThreadingHTTPServer,), {"address_family": family})
    server = server_class((address, 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_address[1]
    server.shutdown()
    server.server_close()


@pytest.fixture
def web() -> Iterator[int]:
    yield from _serve("127.0.0.1")


@pytest.fixture
def web6() -> Iterator[int]:
    yield from _serve("::1", socket.AF_INET6)


def probe(path: str, **environment: str) -> int:
    env = {k: v for k, v in os.environ.items() if k not in {"PORT", "ENV_FILE", "ALLOWED_HOSTS", "HOST"}}
    result = subprocess.run(
        [sys.executable, "-m", "tracker.probe", path],
        cwd=ROOT,
        env={**env, **environment},
        capture_output=True,
        text=True,
        timeout=30,
    )
    return result.returncode


def test_the_probe_reads_the_port_from_the_env_file_as_the_server_does(web, tmp_path):
    env_file = tmp_path / ".env"
    env_file.write_text(f"PORT={web}\n")
    assert probe("/healthz", ENV_FILE=str(env_file)) == 0
    assert probe("/readyz", ENV_FILE=str(env_file)) == 1
    # The environment wins over the file, as it does for the server.
    env_file.write_text("PORT=1\n")
    assert probe("/healthz", ENV_FILE=str(env_file), PORT=str(web)) == 0
    assert probe("/healthz", ENV_FILE=str(env_file)) == 1


@pytest.mark.parametrize("host", ["::1", "[::1]"])
def test_the_probe_asks_where_the_server_binds(web6, host):
    assert probe("/healthz", ENV_FILE="/dev/null", PORT=str(web6), HOST=host) == 0


def test_a_server_on_every_interface_is_probed_on_loopback(web):
    assert probe("/healthz", ENV_FILE="/dev/null", PORT=str(web), HOST="0.0.0.0") == 0
