"""``python -m bench [NAME …]``: run the benchmarks (all, or those named), print ratios.

Exits non-zero only if a benchmark could not run; a missed target is reported,
not failed.
"""

from __future__ import annotations

import sys
import time
import traceback
from collections.abc import Callable
from typing import Any

from bench.common import configure

BENCHMARKS: dict[str, str] = {
    "api-list": "bench.api_list",
    "sweep": "bench.sweep",
    "fanout": "bench.fanout",
    "latency": "bench.latency",
    "import": "bench.pax_import",
    "cascade": "bench.cascade",
    "import-ceasefires": "bench.ceasefire_import",
}


def main(argv: list[str]) -> int:
    chosen = argv or list(BENCHMARKS)
    unknown = [name for name in chosen if name not in BENCHMARKS]
    if unknown:
        print(f"unknown benchmark(s): {', '.join(unknown)}; choose from {', '.join(BENCHMARKS)}", file=sys.stderr)
        return 2
    print(f"Ceasefire Tracker benchmarks — {configure()}", flush=True)
    from django.core.management import call_command

    failed = []
    started = time.perf_counter()
    for name in chosen:
        print(f"\n== {name}", flush=True)
        # Each benchmark starts from an empty database (the migrations' own rows restored).
        call_command("flush", interactive=False, verbosity=0)
        module = __import__(BENCHMARKS[name], fromlist=["run"])
        runner: Callable[[], Any] = module.run
        try:
            runner()
        except Exception:  # noqa: BLE001 - report and go on with the others
            traceback.print_exc()
            print(f"{name}: could not run", flush=True)
            failed.append(name)
    print(f"\nDone in {time.perf_counter() - started:.0f} s.", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
