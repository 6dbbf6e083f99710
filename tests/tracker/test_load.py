"""Load: gunicorn with three workers, concurrent readers and writers on loopback for a
bounded time — no 5xx, and every write the service accepted is there to read back.

Prints its figures (requests/s, p50/p99 per kind); the last ones are in bench/README.md.
"""

from __future__ import annotations

import random
import statistics
import sys
import threading
import time
from collections import defaultdict
from pathlib import Path

import httpx
import pytest
from django.contrib.auth.models import Group, User
from rest_framework.authtoken.models import Token

from agreements.models import Actor
from tests.processes import Gunicorn, child_env, tail

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]

SECONDS = 8
READERS = 6
WRITERS = 3
PREFIX = "Load test actor"


@pytest.fixture
def gunicorn(tmp_path: Path, seeded) -> str:
    env = child_env(
        tmp_path,
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="false",
        API_THROTTLE_ANON="100000/minute",
        API_THROTTLE_USER="100000/minute",
        WEB_CONCURRENCY="3",
        LOG_LEVEL="WARNING",
        DATABASE_CONN_MAX_AGE="60",
    )
    server = Gunicorn(env, tmp_path / "gunicorn.log", "-c", "tracker/gunicorn.conf.py")
    try:
        yield server.base
    finally:
        server.stop()
        sys.stdout.write(tail(server.log, 5) + "\n")


def test_concurrent_readers_and_writers_see_no_5xx_and_lose_no_write(gunicorn):
    editor = User.objects.create_user("load-editor")
    editor.groups.add(Group.objects.get(name="editors"))
    token = Token.objects.create(user=editor).key
    reads = ["/api/v1/agreements/", "/api/v1/commitments/?overdue=true", "/api/v1/deadlines/", "/api/v1/events/"]
    reads += ["/api/v1/agreements/2020-01-08-istanbul-joint-statement-on-libya/", "/api/v1/actors/?q=Hafter"]
    stop = time.monotonic() + SECONDS
    lock = threading.Lock()
    timings: dict[str, list[float]] = defaultdict(list)
    statuses: dict[str, list[int]] = defaultdict(list)
    accepted: dict[int, str] = {}
    errors: list[str] = []

    def record(kind: str, started: float, status: int) -> None:
        with lock:
            timings[kind].append(time.monotonic() - started)
            statuses[kind].append(status)

    def reader(n: int) -> None:
        rng = random.Random(n)
        with httpx.Client(base_url=gunicorn, timeout=30) as client:
            while time.monotonic() < stop:
                started = time.monotonic()
                try:
                    record("read", started, client.get(rng.choice(reads)).status_code)
                except httpx.HTTPError as exc:
                    errors.append(f"read: {exc!r}")

    def writer(n: int) -> None:
        headers = {"Authorization": f"Token {token}"}
        with httpx.Client(base_url=gunicorn, timeout=30, headers=headers) as client:
            count = 0
            while time.monotonic() < stop:
                count += 1
                name = f"{PREFIX} {n}-{count}"
                started = time.monotonic()
                try:
                    response = client.post("/api/v1/actors/", json={"name": name, "kind": "armed_group"})
                except httpx.HTTPError as exc:
                    errors.append(f"write: {exc!r}")
                    continue
                record("write", started, response.status_code)
                if response.status_code == 201:
                    with lock:
                        accepted[response.json()["id"]] = name
                    # Read it back at once, through whichever worker answers.
                    started = time.monotonic()
                    again = client.get(f"/api/v1/actors/{response.json()['id']}/")
                    record("read-own-write", started, again.status_code)
                    if again.status_code != 200 or again.json()["name"] != name:
                        errors.append(f"{name}: read back {again.status_code}")

    threads = [threading.Thread(target=reader, args=(n,)) for n in range(READERS)]
    threads += [threading.Thread(target=writer, args=(n,)) for n in range(WRITERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=SECONDS + 60)

    for kind in sorted(timings):
        values = sorted(timings[kind])
        p99 = values[min(len(values) - 1, int(len(values) * 0.99))]
        sys.stdout.write(
            f"\nload {kind}: {len(values)} requests, {len(values) / SECONDS:.0f}/s, "
            f"p50 {statistics.median(values) * 1000:.0f} ms, p99 {p99 * 1000:.0f} ms, "
            f"statuses {sorted(set(statuses[kind]))}"
        )
    assert not errors, errors[:10]
    every = [status for kind in statuses for status in statuses[kind]]
    assert not [status for status in every if status >= 500]
    assert set(statuses["read"]) == {200}
    assert set(statuses["write"]) == {201}
    assert len(statuses["read"]) > 50
    assert len(accepted) > 10
    # Nothing lost and nothing extra: exactly the accepted writes are stored.
    stored = dict(Actor.objects.filter(name__startswith=PREFIX).values_list("id", "name"))
    assert stored == accepted
