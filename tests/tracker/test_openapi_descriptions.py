"""The OpenAPI schema describes everything a client reads, in the client's words.

Every success response says what it returns; every property (of requests and
responses, nested ones too), every parameter and every schema has a
description; and no description is an implementation note. An implementation
note is a description that names the machinery (serializers, mixins, querysets,
…) or that is the docstring of a base class or mixin rather than of the
serializer or view a client sees: a serializer without a docstring of its own
used to show ``CompiledRepresentation``'s ("Serializer mixin: ``to_representation``
by a precompiled plan").
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Iterator
from typing import Any

import pytest
from drf_spectacular.generators import SchemaGenerator

# Descriptions a generator writes when nobody wrote one.
PLACEHOLDERS = {"", "No response body"}
IMPLEMENTATION_WORDS = re.compile(
    r"\b(serializers?|mixins?|querysets?|prefetch\w*|to_representation|viewsets?|docstrings?|module docs|ORM|DRF)\b",
    re.IGNORECASE,
)
PROJECT = ("agreements.", "webhooks.", "utilities.", "tracker.")
METHODS = {"get", "put", "post", "patch", "delete"}


@pytest.fixture(scope="module")
def generated() -> tuple[dict[str, Any], SchemaGenerator]:
    generator = SchemaGenerator()
    return generator.get_schema(request=None, public=True), generator


@pytest.fixture(scope="module")
def schema(generated) -> dict[str, Any]:
    return generated[0]


def operations(schema: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    """Each operation of the API and each webhook, named ``METHOD path``."""
    for group in ("paths", "webhooks"):
        for path, item in schema.get(group, {}).items():
            for method, operation in item.items():
                if method in METHODS:
                    yield f"{method.upper()} {path}", operation


def object_schemas(node: Any, where: str) -> Iterator[tuple[str, dict[str, Any]]]:
    """Every schema with properties under ``node`` (example values skipped: they are data)."""
    if isinstance(node, dict):
        if isinstance(node.get("properties"), dict):
            yield where, node
        for key, value in node.items():
            if key not in ("example", "examples"):
                yield from object_schemas(value, f"{where}.{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from object_schemas(value, f"{where}[{index}]")


def descriptions(node: Any, where: str) -> Iterator[tuple[str, str]]:
    if isinstance(node, dict):
        if isinstance(node.get("description"), str):
            yield where, node["description"]
        for key, value in node.items():
            if key not in ("example", "examples", "properties"):
                yield from descriptions(value, f"{where}.{key}")
            elif key == "properties" and isinstance(value, dict):
                for name, prop in value.items():
                    yield from descriptions(prop, f"{where}.{name}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from descriptions(value, f"{where}[{index}]")


def internal_docstrings(generator: SchemaGenerator) -> set[str]:
    """Docstrings of the project's base classes and mixins that no client sees as such:
    every class in the ancestry of a schema's serializer or an endpoint's view that is
    itself neither."""
    shown: set[type] = set()
    for component in generator.registry._components.values():
        obj = component.object
        shown.add(obj if inspect.isclass(obj) else type(obj))
    shown |= {callback.cls for _, _, _, callback in generator.endpoints}
    docs = set()
    for cls in shown:
        for ancestor in cls.__mro__[1:]:
            if ancestor.__module__.startswith(PROJECT) and ancestor not in shown and ancestor.__doc__:
                docs.add(inspect.cleandoc(ancestor.__doc__))
    return docs


def test_every_success_response_says_what_it_returns(schema):
    missing = [
        f"{name} {code}"
        for name, operation in operations(schema)
        for code, response in operation["responses"].items()
        if code.startswith("2") and response.get("description", "").strip() in PLACEHOLDERS
    ]
    assert not missing, f"{len(missing)} success responses undescribed:\n" + "\n".join(missing)


def test_every_parameter_is_described(schema):
    missing = [
        f"{name} {parameter['in']} {parameter['name']}"
        for name, operation in operations(schema)
        for parameter in operation.get("parameters", [])
        if not parameter.get("description", "").strip()
    ]
    assert not missing, f"{len(missing)} parameters undescribed:\n" + "\n".join(missing)


def test_every_property_is_described(schema):
    found, missing = 0, []
    for where, node in object_schemas(schema, "#"):
        for name, prop in node["properties"].items():
            found += 1
            if not prop.get("description", "").strip():
                missing.append(f"{where}.{name}")
    assert found > 400
    assert not missing, f"{len(missing)} of {found} properties undescribed:\n" + "\n".join(missing)


def test_every_schema_is_described(schema):
    missing = [
        name
        for name, component in schema["components"]["schemas"].items()
        if (component.get("type") == "object" or "properties" in component)
        and not component.get("description", "").strip()
    ]
    assert not missing, f"{len(missing)} schemas undescribed:\n" + "\n".join(missing)


def test_no_description_is_an_implementation_note(generated):
    schema, generator = generated
    internal = internal_docstrings(generator)
    notes = [
        f"{where}: {text[:100]!r}"
        for where, text in descriptions(schema, "#")
        if IMPLEMENTATION_WORDS.search(text) or text.strip() in internal
    ]
    assert not notes, f"{len(notes)} descriptions are implementation notes:\n" + "\n".join(notes)
