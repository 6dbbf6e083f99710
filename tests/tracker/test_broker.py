"""The embedded broker: every message a worker takes is whole, and taken once.

kombu's own filesystem transport lets a worker read a message its writer has created
but not yet written, which stopped a real worker in CI ("Unrecoverable error:
JSONDecodeError"); these tests drive tracker.broker's transport through kombu itself.
"""

from __future__ import annotations

import json
import logging
import multiprocessing
import os
import threading
import time
import uuid
from pathlib import Path
from queue import Empty
from typing import Any

import pytest
from kombu import Connection

from tests.tracker.test_settings import run_with
from tracker import broker

TRANSPORT = "tracker.broker:Transport"


@pytest.fixture
def name() -> str:
    """A queue name of the test's own: kombu keeps declared bindings per process, not per folder."""
    return f"work{uuid.uuid4().hex}"


def connection(root: Path, transport: str = TRANSPORT) -> Connection:
    """A kombu connection on a broker folder laid out as settings lay out var/broker."""
    return Connection("filesystem://localhost/", transport=transport, transport_options=broker.folder_options(root))


def test_settings_choose_it_for_the_filesystem_broker_only(tmp_path):
    code = "from tracker.celery import app; print(app.conf.broker_transport)"
    assert run_with(tmp_path, code, DEBUG="true").stdout.split() == [TRANSPORT]
    redis = run_with(tmp_path, code, DEBUG="true", CELERY_BROKER_URL="redis://127.0.0.1:6379/15")
    assert redis.stdout.split() == ["None"], redis.stderr


def test_a_message_goes_in_and_comes_out_whole(tmp_path, name):
    with connection(tmp_path) as conn:
        queue = conn.SimpleQueue(name)
        queue.put({"n": 1, "text": "ceasefire as of 00:00 on 12 January"})
        message = queue.get(timeout=5)
        assert message.payload == {"n": 1, "text": "ceasefire as of 00:00 on 12 January"}
        message.ack()
        with pytest.raises(Empty):
            queue.get(timeout=0.1)
        queue.close()
    assert list((tmp_path / "queue").iterdir()) == []
    assert list((tmp_path / "processed").iterdir()) == []


def test_a_message_is_written_under_a_hidden_name_and_renamed_into_place_whole(tmp_path, name, monkeypatch):
    renamed: list[tuple[str, bytes]] = []
    replace = os.replace

    def spy(source: str, target: str) -> None:
        renamed.append((Path(source).name, Path(source).read_bytes()))
        assert not Path(target).exists()
        replace(source, target)

    monkeypatch.setattr(broker.os, "replace", spy)
    with connection(tmp_path) as conn:
        queue = conn.SimpleQueue(name)
        queue.put({"n": 1})
        queue.close()
    [(source, written)] = renamed
    assert source.startswith(broker.PARTIAL_PREFIX)
    assert json.loads(written)["body"]  # whole before it had its name
    assert [p.name.partition(".")[2] for p in (tmp_path / "queue").iterdir()] == [f"{name}.msg"]


def test_a_partial_file_is_never_taken_and_is_swept_once_its_writer_is_surely_dead(tmp_path, name):
    (tmp_path / "queue").mkdir()
    fresh = tmp_path / "queue" / f"{broker.PARTIAL_PREFIX}fresh"
    stale = tmp_path / "queue" / f"{broker.PARTIAL_PREFIX}stale"
    for partial in (fresh, stale):
        partial.write_bytes(b'{"body": "half')
    old = time.time() - broker.PARTIAL_MAX_AGE - 60
    os.utime(stale, (old, old))
    with connection(tmp_path) as conn:
        queue = conn.SimpleQueue(name)
        assert queue.qsize() == 0
        with pytest.raises(Empty):
            queue.get(timeout=0.1)
        queue.close()
    assert fresh.exists()
    assert not stale.exists()


def test_the_oldest_message_comes_first_across_a_stamp_s_digit_count(tmp_path, name):
    with connection(tmp_path) as conn:
        queue = conn.SimpleQueue(name)
        for n, stamp in ((1, "10000"), (2, "9999")):
            queue.put({"n": n})
            [written] = (p for p in (tmp_path / "queue").iterdir() if not p.name.startswith(("9999_", "10000_")))
            written.rename(tmp_path / "queue" / f"{stamp}_{n}.{name}.msg")
        # kombu sorts names as text, which would take 10000_… before 9999_….
        first = queue.get(timeout=5)
        assert first.payload == {"n": 2}
        first.ack()
        queue.close()


def test_a_missing_processed_folder_is_made_again_not_read_as_an_empty_queue(tmp_path, name):
    with connection(tmp_path) as conn:
        queue = conn.SimpleQueue(name)
        queue.put({"n": 1})
        (tmp_path / "processed").rmdir()  # var/broker cleaned under a running worker
        message = queue.get(timeout=5)
        assert message.payload == {"n": 1}
        message.ack()
        queue.close()


def test_an_unreadable_message_is_set_aside_and_the_next_one_delivered(tmp_path, name, caplog):
    with connection(tmp_path) as conn:
        queue = conn.SimpleQueue(name)
        (tmp_path / "queue" / f"0_a.{name}.msg").write_bytes(b"")  # the oldest message
        queue.put({"n": 2})
        with caplog.at_level(logging.ERROR, logger="tracker.broker"):
            message = queue.get(timeout=5)
        assert message.payload == {"n": 2}
        message.ack()
        queue.close()
    assert [p.name for p in (tmp_path / "broken").iterdir()] == [f"0_a.{name}.msg"]
    assert f"0_a.{name}.msg is not valid JSON" in caplog.text


def produce(root: Path, name: str, numbers: range) -> None:
    """Publish ``{"n": …}`` for each number, from a process of its own (as beat is)."""
    with connection(root) as conn:
        queue = conn.SimpleQueue(name)
        for n in numbers:
            queue.put({"n": n, "pad": "x" * 200_000})
        queue.close()


def test_writers_and_two_consumers_side_by_side_lose_and_repeat_nothing(tmp_path, name):
    sent = 600
    received: list[int] = []
    errors: list[BaseException] = []
    lock = threading.Lock()
    done = threading.Event()

    def consume() -> None:
        try:
            with connection(tmp_path) as conn:
                queue = conn.SimpleQueue(name)
                while not done.is_set():
                    try:
                        message = queue.get(timeout=0.05)
                    except Empty:
                        continue
                    payload: dict[str, Any] = message.payload
                    message.ack()
                    with lock:
                        received.append(payload["n"])
                        if len(received) >= sent:
                            done.set()
                queue.close()
        except BaseException as exc:  # noqa: BLE001 - handed to the test thread
            errors.append(exc)
            done.set()

    # Bound once, before the rest: kombu records a binding process-wide before it
    # writes it, so threads of one process binding at once can publish into nothing
    # (a worker and a beat are two processes, each binding its own).
    with connection(tmp_path) as conn:
        conn.SimpleQueue(name).close()
    spawn = multiprocessing.get_context("spawn")
    producers = [spawn.Process(target=produce, args=(tmp_path, name, range(k, sent, 2))) for k in (0, 1)]
    consumers = [threading.Thread(target=consume) for _ in range(2)]
    for worker in [*consumers, *producers]:
        worker.start()
    try:
        done.wait(timeout=60)
    finally:
        done.set()
        for thread in consumers:
            thread.join(timeout=30)
        for process in producers:
            process.join(timeout=30)
            process.kill()
    assert errors == []
    assert sorted(received) == list(range(sent))
    assert [p.exitcode for p in producers] == [0, 0]


def test_queues_bound_from_two_channels_share_one_whole_exchange_table(tmp_path, name):
    with connection(tmp_path) as first, connection(tmp_path) as second:
        first.default_channel._queue_bind(name, "a", "", "a")
        second.default_channel._queue_bind(name, "b", "", "b")
        assert sorted(q.queue for q in second.default_channel.get_table(name)) == ["a", "b"]
    assert sorted(p.name for p in (tmp_path / "control").iterdir()) == [f"{name}.exchange"]
