"""NUL characters are refused at the door, the same on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def test_a_nul_in_a_query_parameter_is_a_400_naming_it(anon_client):
    response = anon_client.get("/api/v1/agreements/", {"country": "LY\x00", "q": "fine"})
    assert response.status_code == 400
    assert response.json() == {"country": ["Null characters are not allowed."]}


def test_a_nul_in_the_path_is_a_404(anon_client):
    response = anon_client.get("/api/v1/agreements/x%00y/")
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}


def test_the_admin_search_refuses_a_nul_instead_of_failing(client, staff_editor):
    client.force_login(staff_editor)
    response = client.get("/admin/agreements/agreement/", {"q": "\x00"})
    assert response.status_code == 400


def test_ordinary_requests_pass(anon_client):
    assert anon_client.get("/api/v1/agreements/", {"q": "Libya"}).status_code == 200
