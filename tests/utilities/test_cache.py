"""The embedded file cache: counters raised from several processes at once lose no increment."""

from __future__ import annotations

import multiprocessing
from pathlib import Path

import pytest

from utilities.cache import LockedFileCache

PROCESSES = 4
EACH = 150


def _raise(location: str, key: str) -> None:
    cache = LockedFileCache(location, {"OPTIONS": {"MAX_ENTRIES": 1000}})
    for _ in range(EACH):
        cache.add(key, 0, 60)
        cache.incr(key)


def test_increments_from_several_processes_all_count(tmp_path: Path) -> None:
    context = multiprocessing.get_context("spawn")
    workers = [context.Process(target=_raise, args=(str(tmp_path), "counter")) for _ in range(PROCESSES)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=120)
        assert worker.exitcode == 0
    assert LockedFileCache(str(tmp_path), {}).get("counter") == PROCESSES * EACH


def test_add_keeps_the_first_value(tmp_path: Path) -> None:
    cache = LockedFileCache(str(tmp_path), {})
    assert cache.add("k", 1, 60) is True
    assert cache.add("k", 2, 60) is False
    assert cache.incr("k", 5) == 6
    with pytest.raises(ValueError, match="not found"):
        cache.incr("missing")


def test_clear_keeps_the_lock_file_usable(tmp_path: Path) -> None:
    cache = LockedFileCache(str(tmp_path), {})
    cache.add("k", 0, 60)
    cache.clear()
    assert cache.add("k", 0, 60) is True
    assert cache.incr("k") == 1
