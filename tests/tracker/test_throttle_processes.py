"""Throttles hold across gunicorn's workers: three processes on the default cache let through
exactly what the limit says, however the requests are spread over them and however many come at once.

Before, each worker counted in its own memory and a 120/minute limit let 356 through.
"""

from __future__ import annotations

import sys
import threading
import time
from collections import Counter
from pathlib import Path

import httpx
import pytest

from tests.processes import Gunicorn, child_env, tail

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]

LIMIT = 40
CLIENTS = 8
EACH = 15  # 120 requests in all, three times the limit


def test_three_workers_share_one_count(tmp_path: Path) -> None:
    env = child_env(tmp_path, ALLOWED_HOSTS="127.0.0.1", WEB_CONCURRENCY="3", API_THROTTLE_ANON=f"{LIMIT}/hour")
    env.pop("CACHE_URL", None)  # the default: what make run uses
    # Not across the turn of an hour (the window), which would allow a second count.
    if time.time() % 3600 > 3600 - 30:
        time.sleep(3600 - time.time() % 3600 + 1)
    server = Gunicorn(env, tmp_path / "gunicorn.log", "-c", "tracker/gunicorn.conf.py")
    statuses: Counter[int] = Counter()
    lock = threading.Lock()

    def client() -> None:
        with httpx.Client(base_url=server.base, timeout=30) as http:
            for _ in range(EACH):
                response = http.get("/api/v1/sources/", headers={"Connection": "close"})
                with lock:
                    statuses[response.status_code] += 1

    try:
        threads = [threading.Thread(target=client) for _ in range(CLIENTS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)
    finally:
        server.stop()
        sys.stdout.write(tail(server.log, 5) + "\n")
    assert statuses == {200: LIMIT, 429: CLIENTS * EACH - LIMIT}, tail(server.log)
    assert (tmp_path / "cache").is_dir()  # the counts were kept on disk, where every worker sees them
