"""Shared benchmark plumbing: a database of its own, timing, memory, and the summary line."""

from __future__ import annotations

import os
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

ROOT = Path(__file__).resolve().parents[1]
T = TypeVar("T")


def configure() -> str:
    """Point Django at a benchmark database of its own (created fresh) and set it up.

    PostgreSQL and Redis when ``DATABASE_URL`` / ``CELERY_BROKER_URL`` are set,
    SQLite and the filesystem broker otherwise. Returns a one-line description.
    """
    sys.path.insert(0, str(ROOT))
    os.chdir(ROOT)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings")
    os.environ.setdefault("SECRET_KEY", "bench-only-not-a-secret-0123456789abcdefghijklmnopqrstuvwxyz")
    os.environ.setdefault("VAR_DIR", str(ROOT / "var" / "bench"))
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    # Setting up a million rows takes statements longer than the service's guard allows.
    os.environ.setdefault("DATABASE_STATEMENT_TIMEOUT_MS", "0")
    os.environ["WEBHOOK_ALLOW_LOOPBACK"] = "true"
    os.environ["SECURE_SSL_REDIRECT"] = "false"
    os.environ["API_THROTTLE_ANON"] = "1000000/second"
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith("postgres"):
        base, name = url.rsplit("/", 1)
        bench_name = f"{name.split('?')[0] or 'tracker'}_bench"
        _recreate_postgres(base, bench_name)
        os.environ["DATABASE_URL"] = f"{base}/{bench_name}"
    else:
        var = Path(os.environ["VAR_DIR"])
        var.mkdir(parents=True, exist_ok=True)
        for suffix in ("", "-wal", "-shm"):
            (var / f"bench.sqlite3{suffix}").unlink(missing_ok=True)
        os.environ["DATABASE_URL"] = f"sqlite:///{var / 'bench.sqlite3'}"

    import django
    from django.conf import settings
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0, interactive=False)
    vendor = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    broker = str(settings.CELERY_BROKER_URL).split("://")[0]
    return f"database: {vendor}, broker: {broker}, python {sys.version.split()[0]}"


def _recreate_postgres(base: str, name: str) -> None:
    import psycopg

    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


@contextmanager
def timer() -> Iterator[Callable[[], float]]:
    """``with timer() as elapsed: ...; elapsed()`` in seconds."""
    started = time.perf_counter()
    end: list[float] = []
    yield lambda: (end[0] if end else time.perf_counter()) - started
    end.append(time.perf_counter())


def peak_memory(function: Callable[[], T]) -> tuple[T, int]:
    """Run ``function`` and return its result and the peak of Python allocations (bytes) meanwhile."""
    tracemalloc.start()
    try:
        result = function()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return result, peak


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    if len(ordered) == 1:
        return ordered[0]
    return statistics.quantiles(ordered, n=100, method="inclusive")[max(0, min(98, round(q) - 1))]


def say(text: str) -> None:
    print(f"  {text}", flush=True)


def summary(name: str, ratio: float, ours: float, baseline: float, unit: str, *, target: str = "") -> dict[str, Any]:
    """The one line each benchmark ends with: ``NAME: ratio=R (ours X, baseline Y, unit)``."""
    suffix = f"  {target}" if target else ""
    print(f"{name}: ratio={ratio:.2f} (ours {ours:.3g}, baseline {baseline:.3g}, {unit}){suffix}", flush=True)
    return {"name": name, "ratio": ratio, "ours": ours, "baseline": baseline, "unit": unit}
