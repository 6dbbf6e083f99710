"""The compiled representations give exactly DRF's JSON, on every resource."""

from __future__ import annotations

import datetime as dt

import pytest
from rest_framework import serializers

from agreements.models import Agreement, Commitment
from agreements.services.commitments import commitment_set_status
from agreements.services.sweep import sweep_run
from tests.factories import SourceFactory
from utilities.api.compiled_representation import CompiledRepresentation

pytestmark = pytest.mark.django_db


@pytest.fixture
def rich(seeded) -> None:
    sweep_run()
    commitment = Commitment.objects.filter(agreement__slug__startswith="2020-07-22").first()
    commitment_set_status(
        commitment=commitment, status="breached", sources=[SourceFactory()], now=dt.datetime(2021, 1, 1, tzinfo=dt.UTC)
    )


def pages() -> list[str]:
    agreement = Agreement.objects.get(slug="2020-07-22-ankara-joint-statement-on-libya")
    commitment = agreement.commitments.order_by("position").first()
    return [
        "/api/v1/agreements/",
        f"/api/v1/agreements/{agreement.pk}/",
        "/api/v1/actors/",
        "/api/v1/sources/",
        "/api/v1/commitments/",
        f"/api/v1/commitments/{commitment.pk}/",
        "/api/v1/deadlines/",
        "/api/v1/events/",
    ]


def drf_own(self: serializers.Serializer, instance: object) -> dict:
    return serializers.Serializer.to_representation(self, instance)


def assert_same_json_without(anon_client, monkeypatch, name: str, drf_version) -> None:
    """Every page gives the same JSON with CompiledRepresentation's ``name`` and with DRF's own."""
    for page in pages():
        compiled = anon_client.get(page).json()
        with monkeypatch.context() as patch:
            patch.setattr(CompiledRepresentation, name, drf_version)
            drf = anon_client.get(page).json()
        assert compiled == drf, page


def test_compiled_and_drf_representations_are_identical(anon_client, rich, monkeypatch):
    assert_same_json_without(anon_client, monkeypatch, "to_representation", drf_own)


def drf_fields(self: serializers.Serializer) -> dict:
    return super(CompiledRepresentation, self).get_fields()  # type: ignore[misc]


def test_fields_built_once_per_class_give_the_same_json(anon_client, rich, monkeypatch):
    assert_same_json_without(anon_client, monkeypatch, "get_fields", drf_fields)


def test_a_second_request_builds_no_model_field(anon_client, rich, monkeypatch):
    page = pages()[1]
    anon_client.get(page)  # every serializer class of the page has built its fields once
    built = []
    original = serializers.ModelSerializer.build_field
    monkeypatch.setattr(
        serializers.ModelSerializer, "build_field", lambda self, *a: built.append(a[0]) or original(self, *a)
    )
    assert anon_client.get(page).status_code == 200
    assert built == []


def test_each_serializer_gets_fields_of_its_own():
    from agreements.api.serializers import ActorSerializer

    first, second = ActorSerializer(), ActorSerializer()
    assert first.fields.keys() == second.fields.keys()
    assert all(first.fields[name] is not second.fields[name] for name in first.fields)
    assert all(field.parent is first for field in first.fields.values())
