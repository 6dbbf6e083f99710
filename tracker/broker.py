"""Celery's filesystem broker, made safe for a worker and a beat side by side.

kombu's filesystem transport creates a message's file and then writes it, while a
worker lists the folder and reads whatever it finds without the writer's lock: a
worker that comes by between the two reads an empty file, fails to parse it, and
stops with an "unrecoverable error" (and the message is gone). It also claims a
message by moving it into the system's temporary folder, which is a copy and a
delete when that folder is another file system, so two workers can both take it.

This transport writes each message under a hidden name and renames it into place,
so a message is either absent or whole; it claims a message by renaming it into the
processed folder, which settings keep beside the queue (one file system, so the
rename is atomic and exactly one worker wins); and a file that still cannot be read
is set aside in ``broken/`` with an error in the log instead of stopping the worker. A
partial file an hour old (its writer died mid-write) is deleted by the next worker to see it.
Settings select it for ``filesystem://`` (``CELERY_BROKER_TRANSPORT``).
"""

from __future__ import annotations

import contextlib
import logging
import os
import time
import uuid
from pathlib import Path
from queue import Empty
from typing import Any

from kombu.exceptions import ChannelError
from kombu.transport import filesystem
from kombu.utils.json import dumps, loads

logger = logging.getLogger(__name__)

#: A message being written: hidden, and never of the form ``<stamp>.<queue>.msg``.
PARTIAL_PREFIX = ".partial-"
#: A partial file this old (seconds) was left by a writer that died; a worker deletes it.
PARTIAL_MAX_AGE = 3600


def folder_options(root: Path) -> dict[str, Any]:
    """The transport options that lay a broker out under ``root`` (its folders made): the queue,
    the processed folder beside it (one file system, so taking a message is one rename) and the
    exchange tables (broadcast/pidbox; kombu's default is ./control)."""
    for sub in ("queue", "processed", "control"):
        (root / sub).mkdir(parents=True, exist_ok=True)
    return {
        "data_folder_in": str(root / "queue"),
        "data_folder_out": str(root / "queue"),
        "processed_folder": str(root / "processed"),
        "control_folder": str(root / "control"),
        "store_processed": False,
    }


class Channel(filesystem.Channel):
    """A filesystem channel whose messages and exchange tables appear whole, and whose
    messages are taken once."""

    def _queue_bind(self, exchange: str, routing_key: str, pattern: str | None, queue: str) -> None:
        """Bind as kombu does, but create a new exchange table whole: kombu creates the
        file empty and then writes it, and a publisher reading it between the two fails
        on the empty table (as a message read half-written would)."""
        table: Path = self._exchange_file(exchange)  # type: ignore[attr-defined]  # kombu 5.5+, not in its stubs
        if not table.exists():
            self.control_folder.mkdir(exist_ok=True)
            entry = filesystem.exchange_queue_t(routing_key or "", pattern or "", queue or "")
            partial = table.with_name(f"{PARTIAL_PREFIX}{uuid.uuid4()}")
            try:
                partial.write_text(dumps([entry]))
                try:
                    os.link(partial, table)  # fails if another process created it meanwhile
                    return
                except FileExistsError:
                    pass
            except OSError as exc:
                raise ChannelError(f"Cannot write {table}") from exc
            finally:
                partial.unlink(missing_ok=True)
        super()._queue_bind(exchange, routing_key, pattern, queue)

    def _put(self, queue: str, payload: Any, **kwargs: Any) -> None:  # type: ignore[override]  # as kombu's own
        """Write the message under a hidden name, flush it to disk, rename it into place."""
        name = f"{round(time.monotonic() * 1000)}_{uuid.uuid4()}.{queue}.msg"
        folder = self.data_folder_out
        partial = os.path.join(folder, f"{PARTIAL_PREFIX}{uuid.uuid4()}")
        try:
            with open(partial, "wb") as out:
                out.write(dumps(payload).encode())
                out.flush()
                os.fsync(out.fileno())
            os.replace(partial, os.path.join(folder, name))
        except OSError as exc:
            with contextlib.suppress(OSError):
                os.unlink(partial)
            raise ChannelError(f"Cannot add file {name!r} to directory {folder!r}") from exc

    def _get(self, queue: str, timeout: float | None = None) -> Any:
        """Take the oldest message of ``queue``: rename it out of the queue, read it, delete it."""
        wanted = f"{queue}.msg"
        folder = self.data_folder_in
        processed = self.processed_folder
        # Oldest first: names start with a millisecond stamp, so fewer digits is older
        # (kombu sorts them as text, which puts 10000_… before 9999_…).
        for name in sorted(os.listdir(folder), key=lambda n: (len(n.partition("_")[0]), n)):
            if name.startswith(PARTIAL_PREFIX):
                self._sweep_partial(os.path.join(folder, name))
                continue
            if name.partition(".")[2] != wanted:
                continue
            taken = os.path.join(processed, name)
            try:
                os.rename(os.path.join(folder, name), taken)
            except FileNotFoundError:
                if not os.path.isdir(processed):
                    # The folder went (var/broker cleaned under a running worker): make it again
                    # rather than read every message as taken by someone else.
                    os.makedirs(processed, exist_ok=True)
                    os.rename(os.path.join(folder, name), taken)
                else:
                    continue  # another worker took it first
            except OSError as exc:
                raise ChannelError(f"Cannot take {name!r} from {folder!r}") from exc
            try:
                with open(taken, "rb") as message:
                    raw = message.read()
            except OSError as exc:
                raise ChannelError(f"Cannot read file {taken!r} from queue.") from exc
            try:
                payload = loads(raw.decode())
            except ValueError:
                self._set_aside(taken, name)
                continue
            if not self.store_processed:
                os.unlink(taken)
            return payload
        raise Empty()

    @staticmethod
    def _sweep_partial(path: str) -> None:
        """Delete a partial file left by a writer that died mid-write (older than an hour)."""
        with contextlib.suppress(OSError):  # gone already, or another worker's sweep won
            if time.time() - os.stat(path).st_mtime > PARTIAL_MAX_AGE:
                os.unlink(path)

    def _set_aside(self, path: str, name: str) -> None:
        """Keep an unreadable message in ``broken/`` beside the processed folder, and say so."""
        broken = os.path.join(os.path.dirname(os.path.abspath(self.processed_folder)), "broken")
        os.makedirs(broken, exist_ok=True)
        os.replace(path, os.path.join(broken, name))
        logger.error(
            "broker message %s is not valid JSON; kept in %s and skipped",
            name,
            broken,
            extra={"event": "broker_message_broken", "file": name},
        )


class Transport(filesystem.Transport):
    """kombu's filesystem transport with :class:`Channel`'s whole, once-only messages."""

    Channel = Channel
