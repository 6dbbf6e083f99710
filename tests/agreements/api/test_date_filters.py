"""Date and instant filters take ISO 8601 only: 10/01/2020 is not read as 10 January, or as 1 October."""

from __future__ import annotations

import pytest

from tests.agreements.api.conftest import results

pytestmark = pytest.mark.django_db

DATE_FILTERS = [
    ("/api/v1/agreements/", "signed_after"),
    ("/api/v1/agreements/", "signed_before"),
    ("/api/v1/agreements/", "in_force_on"),
    ("/api/v1/sources/", "published_after"),
    ("/api/v1/sources/", "published_before"),
]
INSTANT_FILTERS = [
    ("/api/v1/deadlines/", "due_after"),
    ("/api/v1/deadlines/", "due_before"),
    ("/api/v1/deadlines.ics", "due_after"),
    ("/api/v1/events/", "occurred_after"),
    ("/api/v1/events/", "occurred_before"),
]


@pytest.mark.parametrize(("url", "name"), DATE_FILTERS)
@pytest.mark.parametrize("value", ["10/01/2020", "2020-1-10", "10 January 2020", "2020-01-10T00:00", "20200110"])
def test_a_date_not_written_yyyy_mm_dd_is_a_400_naming_the_format(anon_client, url, name, value):
    response = anon_client.get(url, {name: value})
    assert response.status_code == 400
    assert response.json() == {name: [f"{value!r} is not a date written YYYY-MM-DD (such as 2020-01-08)."]}


@pytest.mark.parametrize(("url", "name"), INSTANT_FILTERS)
@pytest.mark.parametrize("value", ["10/01/2020", "10/01/2020 12:00", "tomorrow", "2020-01-10 at noon"])
def test_an_instant_not_in_iso_8601_is_a_400_naming_the_format(anon_client, url, name, value):
    response = anon_client.get(url, {name: value})
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert response.json() == {
        name: [
            f"{value!r} is not an ISO 8601 date and time, such as 2020-01-12T00:00:00+02:00 or 2020-01-12 "
            "(UTC when it has no offset)."
        ]
    }


def test_iso_dates_and_instants_pass(anon_client, seeded):
    assert len(results(anon_client.get("/api/v1/agreements/", {"signed_after": "2020-01-10"}))) == 2
    assert len(results(anon_client.get("/api/v1/deadlines/", {"due_after": "2020-01-11T23:00:00+01:00"}))) == 1
    assert len(results(anon_client.get("/api/v1/deadlines/", {"due_before": "2020-01-12"}))) == 1
