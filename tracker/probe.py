"""Container health probes.

``python -m tracker.probe [/path]`` exits 0 when the web server answers
the path with 200, asked where it binds (``HOST``; loopback when it binds every
interface). It sends the first of ``ALLOWED_HOSTS`` as the Host header, so the
probe passes Django's host check however the deployment names itself.

``python -m tracker.probe --heartbeat`` exits 0 when Celery beat has
ticked within the last two minutes (see ``tracker.beat``).
"""

from __future__ import annotations

import os
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from dotenv import load_dotenv

HEARTBEAT_MAX_AGE_SECONDS = 120


def beat_is_alive() -> bool:
    """Whether beat touched its heartbeat lately, under ``VAR_DIR`` as the settings read it (the
    project's ``var/`` unless told otherwise)."""
    var = os.environ.get("VAR_DIR", "").strip() or Path(__file__).resolve().parent.parent / "var"
    heartbeat = Path(var).resolve() / "beat-heartbeat"
    try:
        return time.time() - heartbeat.stat().st_mtime < HEARTBEAT_MAX_AGE_SECONDS
    except OSError:
        return False


def _address() -> str:
    """Where the server listens, as it binds ``HOST``: every interface is reached on loopback."""
    bound = (os.environ.get("HOST") or "127.0.0.1").strip()
    bare = bound[1:-1] if bound.startswith("[") and bound.endswith("]") else bound
    if bare in {"", "0.0.0.0"}:  # noqa: S104 - an address compared, not bound
        return "127.0.0.1"
    if bare == "::":
        return "[::1]"
    return f"[{bare}]" if ":" in bare else bare


def main() -> int:
    # As the processes it probes read them: the environment, then the local .env
    # (tracker.envfile.path(), without importing the project for it).
    load_dotenv(
        os.environ.get("ENV_FILE", "").strip() or Path(__file__).resolve().parent.parent / ".env", override=False
    )
    if sys.argv[1:2] == ["--heartbeat"]:
        return 0 if beat_is_alive() else 1
    path = sys.argv[1] if len(sys.argv) > 1 else "/healthz"
    host = (os.environ.get("ALLOWED_HOSTS") or "localhost").split(",")[0].strip().lstrip(".") or "localhost"
    port = os.environ.get("PORT", "8000")
    request = urllib.request.Request(f"http://{_address()}:{port}{path}", headers={"Host": host})
    try:
        with urllib.request.urlopen(request, timeout=5) as response:  # noqa: S310 - fixed http URL
            return 0 if response.status == 200 else 1
    except (urllib.error.URLError, OSError):
        return 1


if __name__ == "__main__":
    sys.exit(main())
