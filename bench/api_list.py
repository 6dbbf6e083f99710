"""api-list: the API's nested lists against hand-written ``.values()`` views of the same JSON.

Both go through the same WSGI application (middleware and all); the baseline
views are mounted beside the API for the run. Before timing, each baseline's
JSON is checked equal to the API's, so the comparison is like for like.
"""

from __future__ import annotations

import io
import json
import time
from collections import defaultdict
from typing import Any, overload

from bench.common import peak_memory, percentile, say, summary

REQUESTS = 30
HOST = "bench.local"


# --- the baseline: plain values() queries and dict building ---------------------------------


def _iso(value: Any) -> Any:
    if value is None:
        return None
    text = value.isoformat()
    return text.replace("+00:00", "Z") if hasattr(value, "hour") else text


def _url(resource: str, pk: int) -> str:
    return f"http://{HOST}/api/v1/{resource}/{pk}/"


@overload
def _actor(row: dict[str, Any]) -> dict[str, Any]: ...
@overload
def _actor(row: None) -> None: ...
def _actor(row: dict[str, Any] | None) -> dict[str, Any] | None:
    if row is None:
        return None
    return {
        "id": row["id"],
        "url": _url("actors", row["id"]),
        "slug": row["slug"],
        "name": row["name"],
        "kind": row["kind"],
    }


def _deadlines_by_commitment(commitment_ids: list[int]) -> dict[int, list[dict[str, Any]]]:
    from django.db.models import F

    from agreements.models import Deadline

    out: dict[int, list[dict[str, Any]]] = defaultdict(list)
    rows = (
        Deadline.objects.filter(commitment_id__in=commitment_ids)
        # The order of the API's nested prefetch (agreements/api/views.py ``_deadlines``).
        .order_by(F("due_at").asc(nulls_last=True), "id")
        .values(
            "id",
            "commitment_id",
            "wording",
            "precision",
            "time_zone",
            "due_at",
            "due_display",
            "review_on",
            "state",
            "passed_at",
        )
    )
    for row in rows:
        out[row["commitment_id"]].append(
            {
                "id": row["id"],
                "url": _url("deadlines", row["id"]),
                "wording": row["wording"],
                "precision": row["precision"],
                "time_zone": row["time_zone"],
                "due_at": _iso(row["due_at"]),
                "display_due": row["due_display"],
                "review_on": _iso(row["review_on"]),
                "state": row["state"],
                "passed_at": _iso(row["passed_at"]),
            }
        )
    return out


def _bound_actors(commitment_ids: list[int]) -> dict[int, list[dict[str, Any]]]:
    from agreements.models import Commitment

    out: dict[int, list[dict[str, Any]]] = defaultdict(list)
    through = (
        Commitment.bound_actors.through.objects.filter(commitment_id__in=commitment_ids)
        .values("commitment_id", "actor__id", "actor__slug", "actor__name", "actor__kind")
        .order_by("actor__name", "actor__id")
    )
    for row in through:
        out[row["commitment_id"]].append(
            _actor(
                {
                    "id": row["actor__id"],
                    "slug": row["actor__slug"],
                    "name": row["actor__name"],
                    "kind": row["actor__kind"],
                }
            )
        )
    return out


def _display_date(date: Any, precision: str) -> str:
    if not date:
        return "date unknown"
    if precision == "year":
        return f"{date:%Y}"
    if precision == "month":
        return f"{date:%B %Y}"
    return f"{date.day} {date:%B %Y}"


_AGREEMENT_COLUMNS = (
    "id",
    "slug",
    "title",
    "kind",
    "date",
    "date_precision",
    "place",
    "countries",
    "conflict",
    "peace_process",
    "region",
    "agreement_type",
    "stage",
    "summary",
    "info_url",
    "document_url",
    "external_ids",
    "in_force_from",
    "in_force_from_precision",
    "ended_on",
    "ended_on_precision",
    "created_at",
    "updated_at",
)


def _agreement_brief(row: dict[str, Any], prefix: str) -> dict[str, Any]:
    """An agreement in brief from ``prefix__…`` columns of a joined row."""
    pk = row[f"{prefix}__id"]
    return {
        "id": pk,
        "url": _url("agreements", pk),
        "slug": row[f"{prefix}__slug"],
        "title": row[f"{prefix}__title"],
        "kind": row[f"{prefix}__kind"],
        "date": _iso(row[f"{prefix}__date"]),
        "date_precision": row[f"{prefix}__date_precision"],
    }


def _agreement_brief_columns(prefix: str) -> list[str]:
    return [f"{prefix}__{name}" for name in ("id", "slug", "title", "kind", "date", "date_precision")]


def _source(row: dict[str, Any]) -> dict[str, Any]:
    """A source in brief; an unknown link (stored as "") is null, as the API shows it."""
    return {
        "id": row["id"],
        "url": _url("sources", row["id"]),
        "title": row["title"],
        "publisher": row["publisher"],
        "author": row["author"],
        "published_on": _iso(row["published_on"]),
        "link": row["link"] or None,
    }


def _agreements(rows: list[dict[str, Any]], *, detail: bool = False) -> list[dict[str, Any]]:
    """The API's agreements, in full, for ``rows`` of ``_AGREEMENT_COLUMNS`` (and, for ``detail``,
    ``full_text`` and ``coded``): their parties, commitments with deadlines, links and sources."""
    from django.db.models import F

    from agreements.models import Agreement, AgreementLink, Commitment, Signatory

    ids = [r["id"] for r in rows]
    parts: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for s in (
        Signatory.objects.filter(agreement_id__in=ids)
        .order_by("agreement_id", "position", "id")
        .values(
            "agreement_id",
            "role",
            "signed_as",
            "note",
            "origin",
            "actor__id",
            "actor__slug",
            "actor__name",
            "actor__kind",
            "signed_by__id",
            "signed_by__slug",
            "signed_by__name",
            "signed_by__kind",
        )
    ):
        signed_by = (
            None
            if s["signed_by__id"] is None
            else {
                "id": s["signed_by__id"],
                "slug": s["signed_by__slug"],
                "name": s["signed_by__name"],
                "kind": s["signed_by__kind"],
            }
        )
        parts[s["agreement_id"]].append(
            {
                "actor": _actor(
                    {"id": s["actor__id"], "slug": s["actor__slug"], "name": s["actor__name"], "kind": s["actor__kind"]}
                ),
                "role": s["role"],
                "signed_by": _actor(signed_by),
                "signed_as": s["signed_as"],
                "note": s["note"],
                "origin": s["origin"],
            }
        )
    commitments: dict[int, list[dict[str, Any]]] = defaultdict(list)
    crow = list(
        Commitment.objects.filter(agreement_id__in=ids)
        .order_by("position", "id")
        .values(
            "id",
            "agreement_id",
            "number",
            "wording",
            "summary",
            "category",
            "status",
            "status_changed_at",
            "overdue_since",
        )
    )
    cids = [c["id"] for c in crow]
    deadlines, bound = _deadlines_by_commitment(cids), _bound_actors(cids)
    for c in crow:
        commitments[c["agreement_id"]].append(
            {
                "id": c["id"],
                "url": _url("commitments", c["id"]),
                "number": c["number"],
                "wording": c["wording"],
                "summary": c["summary"],
                "category": c["category"],
                "status": c["status"],
                "status_changed_at": _iso(c["status_changed_at"]),
                "overdue_since": _iso(c["overdue_since"]),
                "is_overdue": c["overdue_since"] is not None,
                "bound_actors": bound[c["id"]],
                "deadlines": deadlines[c["id"]],
            }
        )
    links: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for link in (
        AgreementLink.objects.filter(from_agreement_id__in=ids)
        .order_by("from_agreement_id", "kind", "id")
        .values("from_agreement_id", "kind", "note", "origin", *_agreement_brief_columns("to_agreement"))
    ):
        links[link["from_agreement_id"]].append(
            {
                "kind": link["kind"],
                "to": _agreement_brief(link, "to_agreement"),
                "note": link["note"],
                "origin": link["origin"],
            }
        )
    sources: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for row in (
        Agreement.sources.through.objects.filter(agreement_id__in=ids)
        .values(
            "agreement_id",
            "source__id",
            "source__title",
            "source__publisher",
            "source__author",
            "source__published_on",
            "source__link",
        )
        .order_by(F("source__published_on").desc(nulls_last=True), "source__title", "source__id")
    ):
        sources[row["agreement_id"]].append(
            _source(
                {
                    "id": row["source__id"],
                    "title": row["source__title"],
                    "publisher": row["source__publisher"],
                    "author": row["source__author"],
                    "published_on": row["source__published_on"],
                    "link": row["source__link"],
                }
            )
        )
    backlinks: dict[int, list[dict[str, Any]]] = defaultdict(list)
    if detail:
        for link in (
            AgreementLink.objects.filter(to_agreement_id__in=ids)
            .order_by("from_agreement_id", "kind", "id")
            .values("to_agreement_id", "kind", "note", *_agreement_brief_columns("from_agreement"))
        ):
            backlinks[link["to_agreement_id"]].append(
                {
                    "kind": link["kind"],
                    "from_agreement": _agreement_brief(link, "from_agreement"),
                    "note": link["note"],
                }
            )
    results = []
    for r in rows:
        agreement = {
            "id": r["id"],
            "url": _url("agreements", r["id"]),
            "slug": r["slug"],
            "title": r["title"],
            "kind": r["kind"],
            "date": _iso(r["date"]),
            "date_precision": r["date_precision"],
            "display_date": _display_date(r["date"], r["date_precision"]),
            "place": r["place"],
            "countries": r["countries"],
            "conflict": r["conflict"],
            "peace_process": r["peace_process"],
            "region": r["region"],
            "agreement_type": r["agreement_type"],
            "stage": r["stage"],
            "summary": r["summary"],
            "info_url": r["info_url"],
            "document_url": r["document_url"],
            "external_ids": r["external_ids"],
            "in_force_from": _iso(r["in_force_from"]),
            "in_force_from_precision": r["in_force_from_precision"],
            "ended_on": _iso(r["ended_on"]),
            "ended_on_precision": r["ended_on_precision"],
            "signatories": parts[r["id"]],
            "commitments": commitments[r["id"]],
            "links": links[r["id"]],
            "sources": sources[r["id"]],
        }
        if detail:
            agreement["full_text"] = r["full_text"]
            agreement["referenced_by"] = backlinks[r["id"]]
            agreement["coded"] = r["coded"]
        agreement["created_at"] = _iso(r["created_at"])
        agreement["updated_at"] = _iso(r["updated_at"])
        results.append(agreement)
    return results


def baseline_agreements(request: Any) -> Any:
    from django.db.models import F
    from django.http import JsonResponse

    from agreements.models import Agreement

    size = int(request.GET.get("page_size", 50))
    query = Agreement.objects.order_by(F("date").desc(nulls_last=True), F("id").asc(nulls_last=True))
    total = query.count()
    results = _agreements(list(query.values(*_AGREEMENT_COLUMNS)[:size]))
    next_url = f"http://{HOST}/api/v1/agreements/?page=2&page_size={size}" if total > size else None
    return JsonResponse(
        {"count": total, "next": next_url, "previous": None, "results": results},
        json_dumps_params={"ensure_ascii": False},
    )


def baseline_agreement(request: Any, pk: int) -> Any:
    from django.http import Http404, JsonResponse

    from agreements.models import Agreement

    rows = list(Agreement.objects.filter(pk=pk).values(*_AGREEMENT_COLUMNS, "full_text", "coded"))
    if not rows:
        raise Http404
    return JsonResponse(_agreements(rows, detail=True)[0], json_dumps_params={"ensure_ascii": False})


def baseline_overdue(request: Any) -> Any:
    from django.http import JsonResponse

    from agreements.models import Commitment

    size = int(request.GET.get("page_size", 50))
    query = Commitment.objects.filter(overdue_since__isnull=False).order_by("agreement_id", "position", "id")
    total = query.count()
    source_columns = ("id", "title", "publisher", "author", "published_on", "link")
    rows = list(
        query.values(
            "id",
            *_agreement_brief_columns("agreement"),
            "number",
            "position",
            "wording",
            *(f"wording_source__{name}" for name in source_columns),
            "summary",
            "category",
            "status",
            "status_changed_at",
            "overdue_since",
            "created_at",
            "updated_at",
        )[:size]
    )
    cids = [r["id"] for r in rows]
    deadlines, bound = _deadlines_by_commitment(cids), _bound_actors(cids)
    results = []
    for r in rows:
        results.append(
            {
                "id": r["id"],
                "url": _url("commitments", r["id"]),
                "agreement": _agreement_brief(r, "agreement"),
                "number": r["number"],
                "position": r["position"],
                "wording": r["wording"],
                "wording_source": None
                if r["wording_source__id"] is None
                else _source({name: r[f"wording_source__{name}"] for name in source_columns}),
                "summary": r["summary"],
                "category": r["category"],
                "bound_actors": bound[r["id"]],
                "status": r["status"],
                "status_changed_at": _iso(r["status_changed_at"]),
                "overdue_since": _iso(r["overdue_since"]),
                "is_overdue": True,
                "deadlines": deadlines[r["id"]],
                "created_at": _iso(r["created_at"]),
                "updated_at": _iso(r["updated_at"]),
            }
        )
    next_url = f"http://{HOST}/api/v1/commitments/?overdue=true&page=2&page_size={size}" if total > size else None
    return JsonResponse(
        {"count": total, "next": next_url, "previous": None, "results": results},
        json_dumps_params={"ensure_ascii": False},
    )


# --- driving the WSGI application ---------------------------------------------------------------


def call(path: str) -> tuple[int, bytes]:
    from wsgiref.util import setup_testing_defaults

    from tracker.wsgi import application

    route, _, query = path.partition("?")
    environ: dict[str, Any] = {
        "PATH_INFO": route,
        "QUERY_STRING": query,
        "HTTP_HOST": HOST,
        "REQUEST_METHOD": "GET",
        "wsgi.input": io.BytesIO(b""),
    }
    setup_testing_defaults(environ)
    status: list[str] = []
    body = b"".join(application(environ, lambda s, h, *a: status.append(s)))  # type: ignore[arg-type]
    return int(status[0].split()[0]), body


def measure(path: str) -> dict[str, float]:
    from django.db import connection, reset_queries

    call(path)  # warm caches
    queries = [0]

    def count(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        queries[0] += 1
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        code, _ = call(path)
    assert code == 200, (path, code)
    (_, _), peak = peak_memory(lambda: call(path))
    times = []
    for _ in range(REQUESTS):
        started = time.perf_counter()
        call(path)
        times.append(time.perf_counter() - started)
        reset_queries()
    return {
        "p50": percentile(times, 50) * 1000,
        "p99": percentile(times, 99) * 1000,
        "rps": REQUESTS / sum(times),
        "queries": queries[0],
        "peak_mb": peak / 2**20,
    }


def _same_json(ours: str, baseline: str) -> None:
    a, b = json.loads(call(ours)[1]), json.loads(call(baseline)[1])
    if a != b:
        raise AssertionError(f"baseline for {ours} differs from the API at {_first_difference(a, b)}")
    if (order := _first_order_difference(a, b)) is not None:
        raise AssertionError(f"baseline for {ours} orders the keys differently from the API at {order}")


def _first_difference(a: Any, b: Any, path: str = "") -> str:
    """Where two JSON documents first differ, as a path with both values."""
    if isinstance(a, dict) and isinstance(b, dict):
        for key in sorted(a.keys() | b.keys()):
            if a.get(key) != b.get(key):
                return _first_difference(a.get(key), b.get(key), f"{path}.{key}")
    elif isinstance(a, list) and isinstance(b, list):
        for i, (x, y) in enumerate(zip(a, b, strict=False)):
            if x != y:
                return _first_difference(x, y, f"{path}[{i}]")
        return f"{path}: {len(a)} items against {len(b)}"
    return f"{path or '/'}: {a!r:.200} against {b!r:.200}"


def _first_order_difference(a: Any, b: Any, path: str = "") -> str | None:
    """Where two equal JSON documents first list an object's keys in a different order."""
    if isinstance(a, dict):
        if list(a) != list(b):
            return f"{path or '/'}: {list(a)} against {list(b)}"
        return next((d for key in a if (d := _first_order_difference(a[key], b[key], f"{path}.{key}"))), None)
    if isinstance(a, list):
        return next((d for i, x in enumerate(a) if (d := _first_order_difference(x, b[i], f"{path}[{i}]"))), None)
    return None


def run() -> list[dict[str, Any]]:
    from django.conf import settings
    from django.db.models import F
    from django.urls import clear_url_caches

    from agreements.models import Agreement
    from bench import data

    from .common import timer

    with timer() as elapsed:
        data.agreements()
    say(f"data: {Agreement.objects.count()} agreements, 50000 commitments, 50000 deadlines ({elapsed():.1f} s)")
    settings.ROOT_URLCONF = "bench.urls"
    settings.ALLOWED_HOSTS = [HOST]
    settings.DEBUG = False
    clear_url_caches()
    first = Agreement.objects.order_by(F("date").desc(nulls_last=True), "id").values_list("id", flat=True)[0]
    cases = [
        ("api-list", "/api/v1/agreements/?page_size=100", "/bench/baseline/agreements/?page_size=100"),
        ("api-overdue", "/api/v1/commitments/?overdue=true&page_size=100", "/bench/baseline/overdue/?page_size=100"),
        ("api-detail", f"/api/v1/agreements/{first}/", f"/bench/baseline/agreements/{first}/"),
    ]
    results = []
    for name, ours_path, baseline_path in cases:
        _same_json(ours_path, baseline_path)
        ours = measure(ours_path)
        say(
            f"{name} ours: {ours['rps']:.1f} req/s, p50 {ours['p50']:.1f} ms, p99 {ours['p99']:.1f} ms, "
            f"{ours['queries']} queries, peak {ours['peak_mb']:.1f} MB"
        )
        baseline = measure(baseline_path)
        say(
            f"{name} baseline: {baseline['rps']:.1f} req/s, p50 {baseline['p50']:.1f} ms, "
            f"p99 {baseline['p99']:.1f} ms, {baseline['queries']} queries, peak {baseline['peak_mb']:.1f} MB"
        )
        results.append(
            summary(
                name,
                ours["p50"] / baseline["p50"],
                ours["p50"],
                baseline["p50"],
                "ms p50 per request",
                target="target: ratio <= 2",
            )
        )
    results += _compact_and_search()
    return results


def _compact_and_search() -> list[dict[str, Any]]:
    """``?brief=1`` against the full page (size and time), and ``?q=`` with the trigram index
    against the same search with the index turned off (PostgreSQL; SQLite has no such index)."""
    from django.db import connection

    full_path, brief_path = "/api/v1/agreements/?page_size=100", "/api/v1/agreements/?page_size=100&brief=1"
    full_size, brief_size = len(call(full_path)[1]), len(call(brief_path)[1])
    full, brief = measure(full_path), measure(brief_path)
    say(
        f"api-brief: a page of 100 agreements is {brief_size / 1024:.0f} KB brief against {full_size / 1024:.0f} KB "
        f"full; p50 {brief['p50']:.1f} ms against {full['p50']:.1f} ms"
    )
    out = [
        summary(
            "api-brief-size",
            full_size / brief_size,
            full_size,
            brief_size,
            "bytes, full page / brief page",
            target="target: ratio >= 10",
        ),
        summary("api-brief-time", full["p50"] / brief["p50"], full["p50"], brief["p50"], "ms p50, full / brief"),
    ]
    if connection.vendor != "postgresql":
        say("api-search: the trigram index is PostgreSQL's; not measured on SQLite")
        return out
    search = "/api/v1/agreements/?q=verification&page_size=20"
    indexed = measure(search)
    with connection.cursor() as cursor:
        cursor.execute("SET enable_bitmapscan = off")
    try:
        scanned = measure(search)
    finally:
        with connection.cursor() as cursor:
            cursor.execute("RESET enable_bitmapscan")
    say(f"api-search: ?q= p50 {indexed['p50']:.1f} ms with the trigram index, {scanned['p50']:.1f} ms without")
    out.append(
        summary(
            "api-search",
            scanned["p50"] / indexed["p50"],
            indexed["p50"],
            scanned["p50"],
            "ms p50: without the index / with it",
        )
    )
    return out
