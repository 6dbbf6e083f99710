"""The API docs' examples: the Libya records as the API serves them.

``examples.json`` holds, for each example, the operation (or webhook) it belongs to,
where (a request body, or the response with this status), and the value. It is
written by ``tests/agreements/api/test_examples.py`` from a freshly seeded database —
the seeds loaded and the deadline sweep run on 23 July 2020, the day after the
Ankara statement — by reading and writing through the API itself (only the webhook
registration is written out: registering it would resolve a subscriber's host name).
That test fails when the API no longer answers what the file says (ids aside), or
when an example breaks its schema. After a change to what the API says,
``UPDATE_OPENAPI_EXAMPLES=1 pytest tests/agreements/api/test_examples.py`` writes it
anew; a second run checks the new examples against their schemas.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

EXAMPLES_FILE = Path(__file__).with_name("examples.json")
REQUEST = "request"


@functools.cache
def examples() -> list[dict[str, Any]]:
    return json.loads(EXAMPLES_FILE.read_text(encoding="utf-8"))


def _operations(result: dict[str, Any]) -> dict[str, dict[str, Any]]:
    found = {}
    for path in result.get("paths", {}).values():
        for operation in path.values():
            if isinstance(operation, dict) and "operationId" in operation:
                found[operation["operationId"]] = operation
    for name, path in result.get("webhooks", {}).items():
        found[f"webhook:{name}"] = path["post"]
    return found


def add_examples(result: dict[str, Any], generator: Any, request: Any, public: bool) -> dict[str, Any]:
    """Postprocessing hook: put each example on its request body or response."""
    operations = _operations(result)
    for example in examples():
        operation = operations[example["operation"]]
        place = operation["requestBody"] if example["in"] == REQUEST else operation["responses"][example["in"]]
        media = place["content"]["application/json"]
        media.setdefault("examples", {})[example["name"]] = {"summary": example["summary"], "value": example["value"]}
    return result
