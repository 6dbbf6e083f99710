"""Health endpoints: ``/healthz`` (the process answers) and ``/readyz``.

``/readyz`` is 200 only when the database answers, the broker is reachable,
and a deadline sweep completed within the last three sweep intervals;
otherwise 503. The throttles' cache is checked too, but a cache that is down
only degrades the service (requests go unthrottled): 200, status "degraded".
Either way the JSON body says what was checked and what is wrong, and nothing
in it is secret or internal: no URL, password, host, port or path. A probe is
public; what a failed check raised, with the addresses it names, goes to the
service's log (``tracker.health``, with the request's id) for the operator, once a
minute per check and process.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import re
import time
from collections.abc import Callable
from typing import Any

import redis
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from agreements.models import SweepRecord

CHECK_TIMEOUT_SECONDS = 2
logger = logging.getLogger("tracker.health")
# Seconds between two warnings of one check's failure from one process: a probe every few
# seconds while Redis is down would otherwise repeat the same line each time.
WARN_EVERY = 60.0
# Each failing check's last warning in this process: when, and what it said (numbers aside).
_last_warning: dict[str, tuple[float, str]] = {}


# A failed check may carry, under this key, what only the operator should read (a host, a port,
# a path): it is logged, and taken out of the public body.
DETAIL = "_detail"


def _warn(check: str, detail: str) -> None:
    """Log a failed check for the operator: at once when it starts failing or fails otherwise
    than it last said (numbers aside: a stale sweep's age grows by the probe), and then once a
    minute per check and process while it goes on."""
    now = time.monotonic()
    kind = re.sub(r"\d+", "#", detail)
    last = _last_warning.get(check)
    if last is None or last[1] != kind or now - last[0] >= WARN_EVERY:
        _last_warning[check] = (now, kind)
        logger.warning(
            "readiness: the %s check failed: %s",
            check,
            detail,
            extra={"event": "readiness_check_failed", "check": check},
        )


def _passed(check: str) -> None:
    """Log that a check this process had warned of passes again (once)."""
    if _last_warning.pop(check, None) is not None:
        logger.info(
            "readiness: the %s check passes again",
            check,
            extra={"event": "readiness_check_recovered", "check": check},
        )


Check = Callable[[], dict[str, Any]]


def check_database() -> dict[str, Any]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return {"ok": True, "vendor": connection.vendor}


def check_broker() -> dict[str, Any]:
    url = settings.CELERY_BROKER_URL
    if settings.CELERY_BROKER_IS_FILESYSTEM:
        folder = str(settings.CELERY_BROKER_TRANSPORT_OPTIONS["data_folder_in"])
        if not os.access(folder, os.W_OK):
            return {
                "ok": False,
                "transport": "filesystem",
                "error": "the broker's folder is not writable",
                DETAIL: f"the broker's folder {folder} is not writable",
            }
        return {"ok": True, "transport": "filesystem"}
    if url.startswith("memory://"):
        return {"ok": True, "transport": "memory"}
    client = redis.Redis.from_url(
        url, socket_connect_timeout=CHECK_TIMEOUT_SECONDS, socket_timeout=CHECK_TIMEOUT_SECONDS
    )
    try:
        client.ping()
        result: dict[str, Any] = {"ok": True, "transport": "redis"}
        try:
            policy = client.config_get("maxmemory-policy").get("maxmemory-policy")
        except redis.RedisError:
            policy = None  # CONFIG is often disabled on managed Redis
        if policy and policy != "noeviction":
            result["warning"] = f"maxmemory-policy is {policy}: Redis may evict queued tasks; use noeviction"
        return result
    finally:
        client.close()


def check_sweep(now: dt.datetime | None = None) -> dict[str, Any]:
    now = now or timezone.now()
    interval = settings.DEADLINE_SWEEP_SECONDS
    record = SweepRecord.objects.filter(pk=1).first()
    if record is None:
        return {"ok": False, "error": "no deadline sweep has completed yet; is the Celery worker with beat running?"}
    age = (now - record.completed_at).total_seconds()
    result = {
        "ok": age <= 3 * interval,
        "last_completed_at": record.completed_at.isoformat(),
        "age_seconds": round(age, 1),
        "interval_seconds": interval,
    }
    if not result["ok"]:
        result["error"] = f"last sweep {round(age)} s ago, more than three intervals ({3 * interval} s)"
    return result


def check_cache() -> dict[str, Any]:
    """The shared cache of the throttle counters. Not required: while it is down requests go
    unthrottled (``utilities.api.throttling``), so the service is degraded, not unready."""
    backend = settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1]
    probe = f"readyz:{os.getpid()}"
    cache.set(probe, "ok", timeout=CHECK_TIMEOUT_SECONDS * 5)
    if cache.get(probe) != "ok":
        return {"ok": False, "backend": backend, "error": "the cache did not keep what was set"}
    return {"ok": True, "backend": backend}


CHECKS: dict[str, Check] = {
    "database": check_database,
    "broker": check_broker,
    "sweep": check_sweep,
    "cache": check_cache,
}
# Without these the service cannot do its work; without the others it is degraded.
REQUIRED = ("database", "broker", "sweep")


def _run(check: Check) -> dict[str, Any]:
    started = time.perf_counter()
    try:
        result = check()
    except Exception as exc:  # noqa: BLE001 - any failure of a dependency is reported, not raised
        # The message names hosts and ports (and a driver may quote a URL): the log has it.
        result = {
            "ok": False,
            "error": f"{type(exc).__name__}: it failed or could not be reached (see the log)",
            DETAIL: f"{type(exc).__name__}: {exc}",
        }
    result["duration_ms"] = round((time.perf_counter() - started) * 1000, 1)
    return result


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """The process is up and answering."""
    return JsonResponse({"status": "ok"})


@never_cache
@require_GET
def readyz(request: HttpRequest) -> JsonResponse:
    """Ready to serve: database and broker reachable, sweep recent."""
    results = {name: _run(check) for name, check in CHECKS.items()}
    for name, result in results.items():
        detail = result.pop(DETAIL, result.get("error", ""))
        if result["ok"]:
            _passed(name)
        else:
            _warn(name, detail)
    ready = all(results[name]["ok"] for name in REQUIRED)
    healthy = all(result["ok"] for result in results.values())
    status = "ok" if healthy else "degraded" if ready else "unavailable"
    response = JsonResponse({"status": status, "checks": results}, status=200 if ready else 503)
    # Django logs every 5xx as an error ("Service Unavailable: /readyz"): a probe every few
    # seconds would repeat it for as long as a dependency is down. The failed check is logged
    # above, once a minute; this marks the response as logged already.
    response._has_been_logged = True  # type: ignore[attr-defined]
    return response
