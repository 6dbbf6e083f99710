"""The one request body the API reads: JSON, bounded in size and depth, strictly decoded.

DRF's own ``JSONParser`` reads the whole stream whatever its length (Django's
``DATA_UPLOAD_MAX_MEMORY_SIZE`` guards only ``request.body``), lets a body
nested a hundred thousand levels deep end in a ``RecursionError`` (a 500), and
reports bad bytes as a decoding error deep in the stack; like ``json.loads``,
it also takes the last of two values given for one key. This parser refuses
each of those up front with a 4xx that says what is wrong.
"""

from __future__ import annotations

import codecs
import json
from collections.abc import Iterable, Mapping
from typing import Any

from django.conf import settings
from django.utils.http import parse_header_parameters
from rest_framework import exceptions, status
from rest_framework.parsers import BaseParser
from rest_framework.renderers import JSONRenderer

# Deeper than any body the API accepts (an agreement with its parts is 4 levels).
MAX_DEPTH = 32


class PayloadTooLarge(exceptions.APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_detail = "Request body too large."
    default_code = "payload_too_large"


def too_large_message(limit: int) -> str:
    return f"Request body too large: the limit is {limit} bytes (MAX_REQUEST_BODY_BYTES)."


def _reject_constant(name: str) -> None:
    raise ValueError(f"{name} is not valid JSON")


def _finite_float(text: str) -> float:
    value = float(text)
    if value in (float("inf"), float("-inf")):
        raise ValueError(f"the number {text[:40]} is out of range")
    return value


def _object_without_repeated_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    # json.loads keeps the last of two values for a key, silently: which one the sender meant is unknowable.
    data: dict[str, Any] = {}
    for key, value in pairs:
        if key in data:
            raise ValueError(f"the key {key!r} is given twice in one object")
        data[key] = value
    return data


def _deeper_than(data: Any, limit: int) -> bool:
    stack: list[tuple[Any, int]] = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        children: Iterable[Any]
        if isinstance(value, Mapping):
            children = value.values()
        elif isinstance(value, list):
            children = value
        else:
            continue
        if depth > limit:
            return True
        stack.extend((child, depth + 1) for child in children)
    return False


class JSONParser(BaseParser):
    """``application/json`` up to ``MAX_REQUEST_BODY_BYTES``, at most ``MAX_DEPTH`` levels deep."""

    media_type = "application/json"
    renderer_class = JSONRenderer

    def parse(self, stream: Any, media_type: str | None = None, parser_context: Mapping[str, Any] | None = None) -> Any:
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        request = (parser_context or {}).get("request")
        declared = request.META.get("CONTENT_LENGTH") if request is not None else None
        if declared and declared.isdigit() and int(declared) > limit:
            raise PayloadTooLarge(too_large_message(limit))
        raw = stream.read(limit + 1)
        if len(raw) > limit:
            raise PayloadTooLarge(too_large_message(limit))
        # Django drops a charset it does not know and would decode as UTF-8; say so instead.
        _, params = parse_header_parameters(media_type or "")
        encoding = params.get("charset") or settings.DEFAULT_CHARSET
        try:
            codecs.lookup(encoding)
        except LookupError:
            detail = f"Unsupported media type: unknown charset {encoding!r}."
            raise exceptions.UnsupportedMediaType(media_type or "", detail) from None
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError as exc:
            detail = f"The request body is not valid {encoding}: bad byte at offset {exc.start}."
            raise exceptions.ParseError(detail) from None
        try:
            data = json.loads(
                text,
                parse_constant=_reject_constant,
                parse_float=_finite_float,
                object_pairs_hook=_object_without_repeated_keys,
            )
        except RecursionError:
            raise exceptions.ParseError(f"JSON parse error - nested more than {MAX_DEPTH} levels deep.") from None
        except ValueError as exc:
            raise exceptions.ParseError(f"JSON parse error - {exc}") from None
        if _deeper_than(data, MAX_DEPTH):
            raise exceptions.ParseError(f"JSON parse error - nested more than {MAX_DEPTH} levels deep.")
        return data
