"""OpenAPI: every operation documents the errors it can return, not just success, and
every schema is described in the client's words.

A schema's description is its serializer's own docstring, and an operation's its
view's: never one inherited from a base class or mixin, which describes the
implementation (how a representation is compiled, how JSON types are checked)
rather than what a client reads. ``tests/tracker/test_openapi_descriptions.py``
holds every response, property, parameter and schema to a description.
"""

from __future__ import annotations

import inspect
from collections.abc import Iterator, Mapping
from typing import Any

from drf_spectacular.contrib.django_filters import DjangoFilterExtension
from drf_spectacular.drainage import get_override
from drf_spectacular.extensions import OpenApiSerializerExtension
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import Direction, OpenApiResponse, PolymorphicProxySerializer
from rest_framework import serializers
from rest_framework.permissions import SAFE_METHODS, IsAuthenticated

from .permissions import ModelPermissionsOrReadOnly

VALIDATION_ERROR = "ValidationError"


class ErrorDetailSerializer(serializers.Serializer):
    """An error that is not about one field."""

    detail = serializers.CharField(help_text="What went wrong, in words.")


class ValidationErrorSerializer(serializers.Serializer):
    """Field or parameter name → list of messages (`{"title": ["This field is required."]}`);
    `non_field_errors` for the request as a whole. A nested object's or list's errors are an object of
    the same shape, keyed by its field names or item positions
    (`{"sources": {"0": {"quote": ["This field may not be blank."]}}}`)."""

    non_field_errors = serializers.ListField(
        child=serializers.CharField(),
        required=False,
        help_text="Messages about the request as a whole rather than one field (e.g. two values that "
        "contradict each other).",
    )

    class Meta:
        ref_name = VALIDATION_ERROR


class ValidationErrorSchema(OpenApiSerializerExtension):
    """Any field name may hold messages, or a nested object's errors (the same shape again):
    the properties say only the one name every body may have."""

    target_class = ValidationErrorSerializer

    def map_serializer(self, auto_schema: AutoSchema, direction: Direction) -> dict[str, Any]:
        schema: dict[str, Any] = auto_schema._map_serializer(self.target_class, direction, bypass_extensions=True)
        schema["additionalProperties"] = {
            "description": "The messages about this field or parameter; for a nested object or list, its errors "
            "keyed by its field names or item positions.",
            "oneOf": [
                {"type": "array", "items": {"type": "string"}},
                {"$ref": f"#/components/schemas/{VALIDATION_ERROR}"},
            ],
        }
        return schema


def _validation_error() -> OpenApiResponse:
    return OpenApiResponse(
        PolymorphicProxySerializer(
            component_name="BadRequest",
            serializers=[ValidationErrorSerializer, ErrorDetailSerializer],
            resource_type_field_name=None,
        ),
        description="Invalid input: one message list per offending field or parameter, or a `detail` message "
        "when the body cannot be read as JSON. Nothing was written.",
    )


def _detail(description: str) -> OpenApiResponse:
    return OpenApiResponse(ErrorDetailSerializer, description=description)


def own_doc(cls: type) -> str:
    """The class's own docstring, cleaned; "" when it has none (inherited ones do not count)."""
    doc = cls.__dict__.get("__doc__")
    return inspect.cleandoc(doc) if doc else ""


def described(texts: Mapping[str, str], **kwargs: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """A ``ModelSerializer.Meta.extra_kwargs``: a ``help_text`` for each field in ``texts``,
    merged with the other keyword arguments given by field name."""
    extra: dict[str, dict[str, Any]] = {name: {"help_text": text} for name, text in texts.items()}
    for name, more in kwargs.items():
        extra[name] = {**extra.get(name, {}), **more}
    return extra


class TrackerAutoSchema(AutoSchema):
    """Adds the 4xx responses each kind of operation can give, says that reading
    needs no credentials, and describes schemas and operations by their own docstrings."""

    def _map_basic_serializer(self, serializer: Any, direction: str) -> dict[str, Any]:
        schema = super()._map_basic_serializer(serializer, direction)
        description = get_override(serializer, "description", own_doc(type(serializer)))
        if description:
            schema["description"] = description
        else:
            schema.pop("description", None)
        return schema

    def _is_list_view(self, serializer: Any = None) -> bool:
        # drf-spectacular looks for a list in the serializer itself: look inside an
        # OpenApiResponse too, or a described list loses its pagination and its name.
        if serializer is None:
            serializer = self.get_response_serializers()
        if isinstance(serializer, dict) and serializer:
            serializer = {str(code): value for code, value in serializer.items()}
            serializer = serializer[min(serializer)]
        if isinstance(serializer, OpenApiResponse):
            serializer = serializer.response
        return bool(super()._is_list_view(serializer))

    def get_description(self) -> str:  # type: ignore[override]
        action = getattr(self.view, getattr(self.view, "action", self.method.lower()), None)
        action_doc = inspect.cleandoc(action.__doc__) if action is not None and action.__doc__ else ""
        if action_doc and not getattr(action, "__module__", "").startswith("rest_framework"):
            return action_doc
        return own_doc(type(self.view))

    def get_auth(self) -> list[dict[str, Any]]:
        auths = super().get_auth()
        readable = any(isinstance(p, ModelPermissionsOrReadOnly) for p in self.view.get_permissions())
        if readable and self.method in SAFE_METHODS and {} not in auths:
            auths.append({})
        return auths

    def _error_responses(self) -> dict[str, OpenApiResponse]:
        method = self.method
        has_id = "{" in self.path
        errors: dict[str, OpenApiResponse] = {
            "429": _detail("Too many requests: throttled; see Retry-After."),
            # Reading needs no credentials, but credentials sent must be valid.
            "401": _detail("Authentication credentials were not provided or are invalid."),
            "503": _detail("The database is unavailable at the moment; see Retry-After."),
        }
        if method == "GET":
            errors["400"] = _validation_error()
            if not has_id:
                errors["404"] = _detail("Invalid page.")
        if has_id:
            errors["404"] = _detail("Not found.")
        needs_login = any(isinstance(p, IsAuthenticated) for p in self.view.get_permissions())
        if needs_login or method in ("POST", "PUT", "PATCH", "DELETE"):
            errors["403"] = _detail("You do not have permission to perform this action.")
        if method in ("POST", "PUT", "PATCH"):
            errors["400"] = _validation_error()
            errors["413"] = _detail("Request body too large.")
            errors["415"] = _detail("Unsupported media type: send application/json.")
        if method in ("POST", "PUT", "PATCH", "DELETE"):
            errors["409"] = _detail("Conflict: still in use, or a concurrent change won.")
        return errors

    def get_operation(self, *args: Any, **kwargs: Any) -> dict[str, Any] | None:
        operation = super().get_operation(*args, **kwargs)
        brief = getattr(self.view, "brief_serializer_class", None)
        if operation is not None and brief is not None and getattr(self.view, "action", None) == "list":
            # Registers the brief form's component; ``shaped_list_items`` points the list at it.
            component = self.resolve_serializer(brief, "response")
            operation[BRIEF_FORM] = component.name
        return operation

    def _get_response_bodies(self, direction: Any = "response") -> dict[str, Any]:
        responses = super()._get_response_bodies(direction)
        for code, response in self._error_responses().items():
            if code not in responses:
                # Errors are JSON whatever the success type (the calendar feed too).
                responses[code] = self._get_response_for_code(
                    response, code, media_types=["application/json"], direction=direction
                )
        return responses


class DescribedFilters(DjangoFilterExtension):
    """django-filter's query parameters, each with its filter's ``help_text``.

    drf-spectacular drops the help text of a filter whose type is declared with
    ``@extend_schema_field`` (an id-or-slug filter, a strict boolean); this puts it back.
    """

    priority = 1

    def resolve_filter_field(
        self, auto_schema: AutoSchema, model: Any, filterset_class: Any, field_name: str, filter_field: Any
    ) -> list[dict[str, Any]]:
        parameters = super().resolve_filter_field(auto_schema, model, filterset_class, field_name, filter_field)
        help_text = filter_field.extra.get("help_text")
        for parameter in parameters:
            if help_text and not parameter.get("description"):
                parameter["description"] = str(help_text)
        return parameters


BRIEF_FORM = "x-brief-form"


def shaped_list_items(result: dict[str, Any], generator: Any, request: Any, public: bool) -> dict[str, Any]:
    """A shaped list's rows: the full form, the brief form (``?brief=1``), or some of their fields
    (``?fields=``: the full form's properties, none of them required)."""
    schemas = result.get("components", {}).get("schemas", {})
    for path in result.get("paths", {}).values():
        for operation in path.values():
            brief = operation.pop(BRIEF_FORM, None)
            if brief is None:
                continue
            ref = operation["responses"]["200"]["content"]["application/json"]["schema"]["$ref"]
            page = schemas[ref.rsplit("/", 1)[-1]]
            items = page["properties"]["results"]["items"]
            if "anyOf" in items:
                continue  # shared with another operation, done already
            full = items["$ref"].rsplit("/", 1)[-1]
            partial = f"{full}Fields"
            schemas[partial] = {
                key: value for key, value in schemas[full].items() if key not in ("required", "description")
            } | {"description": f"Some fields of {full} or {brief}, as ?fields= named them."}
            page["properties"]["results"]["items"] = {
                "anyOf": [
                    {"$ref": f"#/components/schemas/{full}"},
                    {"$ref": f"#/components/schemas/{brief}"},
                    {"$ref": f"#/components/schemas/{partial}"},
                ]
            }
    return result


def allow_empty_query_values(result: dict[str, Any], generator: Any, request: Any, public: bool) -> dict[str, Any]:
    """Mark optional query parameters ``allowEmptyValue``: an empty value means "no filter"
    (HTML filter forms, the browsable API among them, send every field)."""
    for path in result.get("paths", {}).values():
        for operation in path.values():
            for parameter in operation.get("parameters", []):
                if parameter.get("in") == "query" and not parameter.get("required"):
                    parameter["allowEmptyValue"] = True
    return result


def _refs(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str):
                yield value
            else:
                yield from _refs(value)
    elif isinstance(node, list):
        for value in node:
            yield from _refs(value)


def drop_unused_components(result: dict[str, Any], generator: Any, request: Any, public: bool) -> dict[str, Any]:
    """Leave out schemas nothing refers to: the request forms of objects that are only ever
    shown, never sent (a nested agreement in brief), would document bodies no request takes."""
    schemas = result.get("components", {}).get("schemas", {})
    prefix = "#/components/schemas/"
    while True:
        used = set(_refs({key: value for key, value in result.items() if key != "components"}))
        for name, schema in schemas.items():
            used |= {ref for ref in _refs(schema) if ref != f"{prefix}{name}"}
        unused = [name for name in schemas if f"{prefix}{name}" not in used]
        if not unused:
            return result
        for name in unused:
            del schemas[name]


BLANK = {"type": "string", "maxLength": 0}


def _blank_alternatives(node: Any) -> None:
    if isinstance(node, dict):
        if BLANK in node.get("oneOf", []):
            node["anyOf"] = node.pop("oneOf")
        for value in node.values():
            _blank_alternatives(value)
    elif isinstance(node, list):
        for value in node:
            _blank_alternatives(value)


def blank_or_formatted(result: dict[str, Any], generator: Any, request: Any, public: bool) -> dict[str, Any]:
    """A field that may be left blank is "a URL (say), or empty": ``anyOf``, not drf-spectacular's ``oneOf``.

    In OpenAPI 3.1 a schema is JSON Schema, where ``format`` annotates rather than checks:
    ``""`` matches both ``{"format": "uri"}`` and ``{"maxLength": 0}``, and ``oneOf``
    (exactly one) would refuse the empty value the API sends.
    """
    _blank_alternatives(result.get("components", {}))
    return result
