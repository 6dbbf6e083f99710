"""The OpenAPI schema as JSON Schema: check a document against one of its schemas, strictly.

Strictly: an object may hold no key its schema does not name, so a key the API
sends but the schema does not document is an error, not a pass.
"""

from __future__ import annotations

import copy
import functools
from typing import Any

from drf_spectacular.generators import SchemaGenerator
from jsonschema import Draft202012Validator


@functools.cache
def openapi() -> dict[str, Any]:
    """The schema the API serves (generated once per test run)."""
    return SchemaGenerator().get_schema(request=None, public=True)


def _closed(node: Any) -> Any:
    if isinstance(node, dict):
        closed = {key: _closed(value) for key, value in node.items() if key not in ("example", "examples")}
        if "properties" in node and "additionalProperties" not in node:
            closed["additionalProperties"] = False
        return closed
    if isinstance(node, list):
        return [_closed(value) for value in node]
    return node


@functools.cache
def _components() -> dict[str, Any]:
    return _closed(copy.deepcopy(openapi()["components"]))


def errors(document: Any, schema: dict[str, Any]) -> list[str]:
    """Where ``document`` breaks ``schema`` (a schema of the OpenAPI document, ``$ref``s and all)."""
    validator = Draft202012Validator(
        {**_closed(schema), "components": _components()}, format_checker=Draft202012Validator.FORMAT_CHECKER
    )
    return [f"{'/'.join(map(str, e.absolute_path)) or '(top)'}: {e.message}" for e in validator.iter_errors(document)]


def component(name: str) -> dict[str, Any]:
    return {"$ref": f"#/components/schemas/{name}"}
