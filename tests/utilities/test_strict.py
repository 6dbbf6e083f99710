"""StrictTypes refuses what a serializer would silently drop: unknown and read-only fields."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from rest_framework import serializers

from utilities.api.strict import StrictTypes


class Part(serializers.Serializer):
    actor = serializers.CharField(read_only=True, source="who")
    actor_id = serializers.IntegerField(source="who")
    role = serializers.CharField()


class Record(StrictTypes):
    id = serializers.IntegerField(read_only=True)
    title = serializers.CharField()
    status = serializers.CharField(read_only=True)
    parts = Part(many=True, required=False)
    options = Part(required=False)
    read_only_hints = {"status": "use POST /things/{id}/status/.", "secret": "rotate it at /things/{id}/secret/."}


def errors(data, instance=None, partial=False):
    serializer = Record(instance, data=data, partial=partial)
    assert not serializer.is_valid()
    return serializer.errors


def test_an_unknown_field_is_named_with_the_writable_ones():
    assert errors({"title": "x", "bogus_field": 1}) == {
        "bogus_field": ["No field bogus_field here; the writable fields are: options, parts, title."]
    }


def test_a_near_miss_gets_a_suggestion():
    assert errors({"titel": "x"}, partial=True)["titel"] == [
        "No field titel here; the writable fields are: options, parts, title. Did you mean title?"
    ]


def test_a_read_only_field_says_so():
    assert errors({"title": "x", "id": 3}) == {"id": ["id is read-only."]}


def test_a_read_only_field_with_an_action_names_it_with_the_records_id():
    record = SimpleNamespace(pk=12, title="x", status="open")
    assert errors({"status": "met"}, instance=record, partial=True) == {
        "status": ["status is read-only: use POST /things/12/status/."]
    }
    assert errors({"status": "met"}, partial=True) == {
        "status": ["status is read-only: use POST /things/{id}/status/."]
    }


def test_a_name_that_is_no_field_can_have_a_hint_too():
    assert errors({"secret": "s"}, partial=True) == {
        "secret": ["secret cannot be written here: rotate it at /things/{id}/secret/."]
    }


def test_a_read_only_field_names_the_writable_one_for_the_same_attribute():
    body = {"title": "x", "parts": [{"actor_id": 1, "role": "a"}, {"actor": "Haftar", "actor_id": 2, "role": "b"}]}
    assert errors(body) == {"parts": {1: {"actor": ["actor is read-only: write actor_id instead."]}}}


def test_nested_objects_are_checked_too():
    assert errors({"title": "x", "options": {"role": "a", "colour": "red"}}) == {
        "options": {"colour": ["No field colour here; the writable fields are: actor_id, role."]}
    }


def test_field_and_type_errors_come_together():
    body = {"title": 5, "bogus": 1, "parts": [{"actor_id": "1", "role": "a"}, {"actor_id": 1, "role": "b", "x": 1}]}
    assert errors(body) == {
        "bogus": ["No field bogus here; the writable fields are: options, parts, title."],
        "title": ["Incorrect type. Expected a string, got integer."],
        "parts": {
            0: {"actor_id": ["Incorrect type. Expected an integer, got string."]},
            1: {"x": ["No field x here; the writable fields are: actor_id, role."]},
        },
    }


@pytest.mark.parametrize("data", [{"title": "x"}, {"title": "x", "parts": [{"actor_id": 1, "role": "a"}]}])
def test_writable_fields_pass(data):
    serializer = Record(data=data)
    assert serializer.is_valid(), serializer.errors


class Dated(StrictTypes):
    signed = serializers.DateField()
    met_at = serializers.DateTimeField(required=False)


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ({"signed": "2020-02-30"}, {"signed": ["2020-02-30 is no day: February 2020 has 29 days."]}),
        ({"signed": "2021-02-29"}, {"signed": ["2021-02-29 is no day: February 2021 has 28 days."]}),
        ({"signed": "2020-13-01"}, {"signed": ["2020-13-01 is no day: a month is 01 to 12."]}),
        (
            {"signed": "2020-01-01", "met_at": "2021-04-31T12:00:00+02:00"},
            {"met_at": ["2021-04-31 is no day: April 2021 has 30 days."]},
        ),
    ],
)
def test_a_date_that_cannot_be_is_said_to_be_no_day_not_a_wrong_format(data, expected):
    serializer = Dated(data=data)
    assert not serializer.is_valid()
    assert serializer.errors == expected


def test_a_date_of_the_wrong_shape_keeps_drfs_format_message():
    serializer = Dated(data={"signed": "30/02/2020"})
    assert not serializer.is_valid()
    assert "wrong format" in str(serializer.errors["signed"][0])
    assert Dated(data={"signed": "2020-02-29", "met_at": "2020-02-29T23:59:59Z"}).is_valid()
