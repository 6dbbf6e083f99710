"""The JSON parser refuses what json.loads would quietly take."""

from __future__ import annotations

import io

import pytest
from rest_framework.exceptions import ParseError

from utilities.api.parsers import JSONParser


def parse(body: bytes) -> object:
    return JSONParser().parse(io.BytesIO(body), "application/json", {})


@pytest.mark.parametrize("body", [b'{"title": "x", "title": "y"}', b'{"parts": [{"role": 1, "role": 2}]}'])
def test_a_key_given_twice_in_one_object_is_refused(body):
    with pytest.raises(ParseError, match="is given twice in one object"):
        parse(body)


def test_the_same_key_in_different_objects_is_fine():
    assert parse(b'{"a": {"id": 1}, "b": {"id": 2}}') == {"a": {"id": 1}, "b": {"id": 2}}
