"""Every error as JSON with a message per field — never a 500 for bad input.

Services raise Django's ``ValidationError`` (the model layer's rules); the API
returns those as 400 with the same per-field shape DRF uses for its own
validation, nested objects included (a view's ``model_field_names`` maps a
model field to its API name, dotted for a field of a nested object).
Deleting an actor that is still a party to an agreement is a 409. So is a change that lost a
race with another (a unique value, a deadlock the database broke); a record another change
deleted while this one waited for it is a 404.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ObjectDoesNotExist
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError
from django.db.models import ProtectedError
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from utilities.services import undone_by_database


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = "The request conflicts with the current state of the record."
    default_code = "conflict"


def _django_errors(exc: DjangoValidationError, renames: dict[str, str]) -> dict[str, Any]:
    """The service's errors keyed as the API names the fields; a dotted name (``filters.country``) is a field of a
    nested object, so the error has the shape DRF gives that object's own errors."""
    if not hasattr(exc, "error_dict"):
        return {"non_field_errors": exc.messages}
    errors: dict[str, Any] = {}
    for name, messages in exc.message_dict.items():
        *outer, field = ("non_field_errors" if name == "__all__" else renames.get(name, name)).split(".")
        nest = errors
        for key in outer:
            nest = nest.setdefault(key, {})
        nest[field] = messages
    return errors


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    renames = getattr(context.get("view"), "model_field_names", {})
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(_django_errors(exc, renames))
    elif isinstance(exc, ProtectedError):
        names = sorted({str(obj) for obj in exc.protected_objects})[:5]
        exc = Conflict(f"Still in use, so it cannot be deleted: {'; '.join(names)}.")
    elif isinstance(exc, IntegrityError):
        # Validation runs first; this is a concurrent write winning a race for a
        # unique value. Nothing was written by this request.
        exc = Conflict("Another change to the same record was made at the same time; try again.")
    elif undone_by_database(exc):
        exc = Conflict("Another change to the same records was made at the same time; try again.")
    elif isinstance(exc, ObjectDoesNotExist):
        # The view found the record; another change deleted it while this one waited for its lock.
        exc = exceptions.NotFound("Another change deleted this record while this one was being made.")
    return drf_exception_handler(exc, context)
