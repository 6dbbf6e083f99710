"""Event payloads: absolute API URLs, UTC timestamps."""

from __future__ import annotations

import pytest
from django.urls import reverse

from agreements.payloads import deadline_event_data
from tests.factories import DeadlineFactory
from utilities.urls import api_url

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("resource", "name"), [("agreements", "api:agreement-detail"), ("deadlines", "api:deadline-detail")]
)
def test_api_url_matches_the_router(settings, resource, name):
    kwarg = "id_or_slug" if resource == "agreements" else "pk"
    assert api_url(resource, 7) == settings.PUBLIC_BASE_URL + reverse(name, kwargs={kwarg: 7})


def test_deadline_data_names_the_deadline_commitment_and_agreement():
    deadline = DeadlineFactory()
    data = deadline_event_data(deadline)
    assert data["deadline"]["due_at"] == "2029-12-31T22:00:00Z"
    assert data["deadline"]["url"].endswith(f"/api/v1/deadlines/{deadline.pk}/")
    assert data["commitment"]["id"] == deadline.commitment_id
    assert data["agreement"]["title"] == deadline.commitment.agreement.title
