"""OpenAPI: every operation documents the errors it can return, not just success."""

from __future__ import annotations

from typing import Any

from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiResponse
from rest_framework import serializers
from rest_framework.permissions import SAFE_METHODS, IsAuthenticated

from .permissions import ModelPermissionsOrReadOnly


class ErrorDetailSerializer(serializers.Serializer):
    """An error that is not about one field."""

    detail = serializers.CharField()


class ValidationErrorSerializer(serializers.Serializer):
    """Field name → list of messages (``non_field_errors`` for the request as a whole;
    a nested object or list for nested fields)."""

    non_field_errors = serializers.ListField(child=serializers.CharField(), required=False)

    class Meta:
        ref_name = "ValidationError"


def _validation_error() -> OpenApiResponse:
    return OpenApiResponse(
        ValidationErrorSerializer,
        description="Invalid input: one message list per offending field or parameter. Nothing was written.",
    )


def _detail(description: str) -> OpenApiResponse:
    return OpenApiResponse(ErrorDetailSerializer, description=description)


class TrackerAutoSchema(AutoSchema):
    """Adds the 4xx responses each kind of operation can give, and says that
    reading needs no credentials."""

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
