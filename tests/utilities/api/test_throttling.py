"""Throttles count per client in fixed windows, atomically, and say when the window ends."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from utilities.api.throttling import AnonRateThrottle, UserRateThrottle

pytestmark = pytest.mark.django_db


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """The throttles' time, set by the test: [seconds since the epoch]."""
    now = [1_800_000_000.0]  # a whole number of minutes: the start of a window
    for throttle in (AnonRateThrottle, UserRateThrottle):
        monkeypatch.setattr(throttle, "timer", lambda self: now[0])
        monkeypatch.setattr(throttle, "THROTTLE_RATES", {"anon": "3/minute", "user": "5/minute"})
    return now


def statuses(client: APIClient, count: int) -> list[int]:
    return [client.get("/api/v1/sources/").status_code for _ in range(count)]


def test_a_window_allows_its_count_then_refuses_until_it_ends(clock: list[float]) -> None:
    client = APIClient()
    assert statuses(client, 4) == [200, 200, 200, 429]
    clock[0] += 20
    refused = client.get("/api/v1/sources/")
    assert refused.status_code == 429
    assert refused["Retry-After"] == "40"
    clock[0] += 40  # the next window
    assert statuses(client, 4) == [200, 200, 200, 429]


def test_refused_requests_do_not_push_the_end_further(clock: list[float]) -> None:
    client = APIClient()
    statuses(client, 20)
    clock[0] += 59.5
    assert client.get("/api/v1/sources/")["Retry-After"] == "1"
    clock[0] += 0.5
    assert client.get("/api/v1/sources/").status_code == 200


def test_users_and_addresses_are_counted_apart(clock: list[float], editor_client: APIClient) -> None:
    other = APIClient(REMOTE_ADDR="10.0.0.2")
    assert statuses(APIClient(), 4)[-1] == 429
    assert statuses(other, 3) == [200, 200, 200]
    assert statuses(editor_client, 6) == [200] * 5 + [429]


def test_a_counter_lost_between_add_and_incr_counts_afresh(clock: list[float], monkeypatch: pytest.MonkeyPatch) -> None:
    from django.core.cache import cache

    adds = []
    original = cache.add

    def add_then_lose(key: str, value: int, timeout: float) -> bool:
        added = original(key, value, timeout)
        if not adds:
            cache.delete(key)  # culled or evicted the moment after
        adds.append(value)
        return added

    monkeypatch.setattr(cache, "add", add_then_lose)
    assert APIClient().get("/api/v1/sources/").status_code == 200
    assert adds[:2] == [0, 1]  # the anonymous throttle's counter, made again with this request in it


def test_a_client_is_not_a_new_client_for_saying_so_in_x_forwarded_for(clock: list[float]) -> None:
    client = APIClient()
    codes = [client.get("/api/v1/sources/", HTTP_X_FORWARDED_FOR=f"10.0.0.{n}").status_code for n in range(4)]
    assert codes == [200, 200, 200, 429]


def test_behind_a_proxy_the_address_it_saw_is_the_clients(clock: list[float], settings) -> None:
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "NUM_PROXIES": 1}
    client = APIClient()
    # The proxy appends the address it saw; what the client wrote before it counts for nothing.
    first = [client.get("/api/v1/sources/", HTTP_X_FORWARDED_FOR=f"1.1.1.{n}, 10.0.0.1").status_code for n in range(4)]
    assert first == [200, 200, 200, 429]
    assert client.get("/api/v1/sources/", HTTP_X_FORWARDED_FOR="10.0.0.2").status_code == 200
