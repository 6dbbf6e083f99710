"""The dispatcher's nudge: best effort, and no toll on every write while the broker is down."""

from __future__ import annotations

from typing import Any

import pytest
from celery import current_app

from webhooks.services import dispatch


@pytest.fixture
def broker(monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """The broker as the nudge meets it: ``down`` makes it refuse; ``sent`` counts what reached it."""
    state: dict[str, Any] = {"down": False, "sent": 0, "tried": 0}

    def send_task(name: str, **_: Any) -> None:
        state["tried"] += 1
        if state["down"]:
            raise ConnectionError("Error 111 connecting to 127.0.0.1:6399. Connection refused.")
        state["sent"] += 1

    monkeypatch.setattr(current_app, "send_task", send_task)
    monkeypatch.setattr(dispatch, "_nudges_paused_until", 0.0)
    return state


def test_a_failed_nudge_pauses_nudges_from_this_process_then_tries_again(broker, caplog):
    now = [1000.0]
    broker["down"] = True
    dispatch.nudge_dispatch(clock=lambda: now[0])
    assert broker["tried"] == 1
    assert "no nudges from this process for 30 s" in caplog.text
    for _ in range(5):  # writes during the pause do not wait for the broker
        now[0] += 5
        dispatch.nudge_dispatch(clock=lambda: now[0])
    assert broker["tried"] == 1
    broker["down"] = False
    now[0] += 6  # the pause is over
    dispatch.nudge_dispatch(clock=lambda: now[0])
    assert (broker["tried"], broker["sent"]) == (2, 1)
    dispatch.nudge_dispatch(clock=lambda: now[0])
    assert broker["sent"] == 2


def test_a_nudge_that_reaches_the_broker_pauses_nothing(broker):
    for _ in range(3):
        dispatch.nudge_dispatch()
    assert broker["sent"] == 3
