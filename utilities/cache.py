"""A file cache whose counters are safe across processes: the embedded default for ``CACHE_URL``.

``make run`` starts several gunicorn workers. With ``locmem://`` each worker
kept its own throttle counts, so a 120/minute limit let three times as many
requests through. Django's file cache is shared by every process on the
machine, but its ``add`` and ``incr`` read and then write; here both hold an
exclusive lock on one file in the cache directory, so concurrent increments
from several processes are never lost. Everything else is Django's
``FileBasedCache``. Redis (``redis://``) is the production choice; this one
needs no server.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.filebased import FileBasedCache


class LockedFileCache(FileBasedCache):
    """``FileBasedCache`` with ``add`` and ``incr`` atomic across processes (an ``flock`` on one file)."""

    _dir: str  # FileBasedCache's directory

    @contextmanager
    def _locked(self) -> Iterator[None]:
        os.makedirs(self._dir, mode=0o700, exist_ok=True)
        with open(os.path.join(self._dir, "counters.lock"), "a") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def add(self, key: Any, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None) -> bool:
        with self._locked():
            return super().add(key, value, timeout, version)

    def incr(self, key: Any, delta: int = 1, version: int | None = None) -> int:
        with self._locked():
            return super().incr(key, delta, version)
