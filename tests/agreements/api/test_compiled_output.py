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


def test_compiled_and_drf_representations_are_identical(anon_client, rich, monkeypatch):
    for page in pages():
        compiled = anon_client.get(page).json()
        with monkeypatch.context() as patch:
            patch.setattr(CompiledRepresentation, "to_representation", drf_own)
            drf = anon_client.get(page).json()
        assert compiled == drf, page
