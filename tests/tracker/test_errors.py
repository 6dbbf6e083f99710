"""Errors under /api/ are JSON whatever DEBUG says; elsewhere (the admin) Django's own pages."""

from __future__ import annotations

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db


@pytest.fixture(params=[False, True], ids=["debug-off", "debug-on"])
def debug(request, settings) -> bool:
    settings.DEBUG = request.param
    return request.param


@pytest.mark.parametrize("path", ["/api/v1/bogus/", "/api/v1/agreements/1/bogus/", "/api/v2/", "/api/nothing"])
def test_an_unknown_api_path_is_a_json_404(anon_client, debug, path):
    response = anon_client.get(path)
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json() == {
        "detail": f"Not found: nothing is at {path}. The API's resources are listed at /api/v1/, "
        "its documentation at /api/docs/."
    }


def test_a_write_to_an_unknown_api_path_is_a_json_404_too(editor_client, debug):
    response = editor_client.post("/api/v1/bogus/", {"x": 1}, format="json")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"


def test_a_path_missing_its_trailing_slash_is_redirected_when_read(anon_client, debug):
    response = anon_client.get("/api/v1/agreements?page=1")
    assert response.status_code == 301
    assert response["Location"] == "/api/v1/agreements/?page=1"


def test_a_write_missing_the_trailing_slash_is_a_404_naming_the_url(editor_client, debug):
    # Redirecting would drop the body (and DEBUG's CommonMiddleware raises: a 500).
    response = editor_client.post("/api/v1/actors", {"name": "A", "kind": "state"}, format="json")
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found: nothing is at /api/v1/actors. Did you mean /api/v1/actors/?"}


def test_pages_outside_the_api_stay_html(anon_client, debug):
    response = anon_client.get("/admin/bogus/")
    assert response.status_code in (302, 404)  # the admin sends strangers to its login first
    assert not response["Content-Type"].startswith("application/json")


def test_a_token_clients_write_to_an_unknown_path_is_not_stopped_by_csrf(editor):
    client = APIClient(enforce_csrf_checks=True)
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=editor).key}")
    response = client.post("/api/v1/bogus/", {"x": 1}, format="json")
    assert response.status_code == 404
    assert response.json()["detail"].startswith("Not found: nothing is at /api/v1/bogus/.")
