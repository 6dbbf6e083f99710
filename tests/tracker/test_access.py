"""Who gets in: anyone reads, only editors write, tokens can be revoked, throttles bite,
the admin wants staff and a CSRF token, passwords follow the validators.

Other users' webhooks (404, not 403) are in ``tests/webhooks/test_api.py``;
secrets kept out of the admin and the logs in ``tests/agreements/admin/test_pages.py``
and ``tests/tracker/test_logging.py``.
"""

from __future__ import annotations

import io

import pytest
from django.contrib.auth.models import User
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.test import Client
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle

from tests.agreements.api.test_bad_input import table_counts
from tests.factories import ActorFactory, AgreementFactory, CommitmentFactory, DeadlineFactory, SourceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def records(seeded) -> dict[str, str]:
    """A detail URL for each writable resource."""
    commitment = CommitmentFactory()
    return {
        "agreements": f"/api/v1/agreements/{AgreementFactory().pk}/",
        "actors": f"/api/v1/actors/{ActorFactory().pk}/",
        "commitments": f"/api/v1/commitments/{commitment.pk}/",
        "deadlines": f"/api/v1/deadlines/{DeadlineFactory(commitment=commitment, year=2040).pk}/",
        "sources": f"/api/v1/sources/{SourceFactory().pk}/",
    }


def attempts(records: dict[str, str]) -> list[tuple[str, str]]:
    """Every kind of write on every resource: create, replace, change, delete, and the actions."""
    writes = []
    for resource, detail in records.items():
        writes += [("post", f"/api/v1/{resource}/"), ("put", detail), ("patch", detail), ("delete", detail)]
    writes += [("post", f"{records['commitments']}status/"), ("post", f"{records['deadlines']}state/")]
    return writes


@pytest.mark.parametrize(("who", "status"), [("anonymous", 401), ("bad token", 401), ("no permission", 403)])
def test_only_editors_write(records, reader_client, who, status):
    client = {"anonymous": APIClient(), "no permission": reader_client}.get(who)
    if client is None:
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION="Token " + "0" * 40)
    before = table_counts()
    for method, url in attempts(records):
        response = getattr(client, method)(url, {"name": "x", "title": "x", "status": "met"}, format="json")
        assert response.status_code == status, (method, url, response.content[:200])
    assert table_counts() == before


def test_anyone_reads(records, anon_client):
    for url in records.values():
        assert anon_client.get(url).status_code == 200
        assert anon_client.get(url.rsplit("/", 2)[0] + "/").status_code == 200


def test_a_revoked_token_is_refused_from_then_on(editor):
    token = Token.objects.create(user=editor)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    body = {"name": "Before", "kind": "state"}
    assert client.post("/api/v1/actors/", body, format="json").status_code == 201
    token.delete()  # what the admin's token page and `drf_create_token -r` do
    response = client.post("/api/v1/actors/", {"name": "After", "kind": "state"}, format="json")
    assert response.status_code == 401
    assert response.json() == {"detail": "Invalid token."}
    assert client.get("/api/v1/actors/").status_code == 401  # a bad token is refused even for reads


def test_regenerating_a_token_revokes_the_old_one(editor):
    out = io.StringIO()
    call_command("drf_create_token", editor.username, stdout=out)
    old = Token.objects.get(user=editor).key
    call_command("drf_create_token", editor.username, "-r", stdout=out)
    new = Token.objects.get(user=editor).key
    assert old != new
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {old}")
    assert client.get("/api/v1/webhooks/").status_code == 401
    client.credentials(HTTP_AUTHORIZATION=f"Token {new}")
    assert client.get("/api/v1/webhooks/").status_code == 200


@pytest.mark.parametrize(("throttle", "rate"), [(AnonRateThrottle, "anon"), (UserRateThrottle, "user")])
def test_throttles_apply_and_say_when_to_come_back(monkeypatch, editor_client, throttle, rate):
    monkeypatch.setattr(throttle, "THROTTLE_RATES", {**throttle.THROTTLE_RATES, rate: "3/minute"})
    monkeypatch.setattr(throttle, "timer", lambda self: 1_800_000_000.0)  # inside one window
    client = APIClient() if rate == "anon" else editor_client
    statuses = [client.get("/api/v1/agreements/").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    refused = client.get("/api/v1/agreements/")
    assert int(refused["Retry-After"]) > 0
    assert "throttled" in refused.json()["detail"]


def test_the_admin_needs_a_csrf_token_to_change_anything(seeded, staff_editor):
    client = Client(enforce_csrf_checks=True)
    client.force_login(staff_editor)
    before = table_counts()
    response = client.post("/admin/agreements/actor/add/", {"name": "Forged", "kind": "state"})
    assert response.status_code == 403
    assert b"CSRF" in response.content
    assert table_counts() == before


def test_the_admin_login_refuses_non_staff(seeded, editor):
    client = Client()
    response = client.post(
        "/admin/login/?next=/admin/", {"username": editor.username, "password": "correct-horse-battery"}
    )
    assert response.status_code == 200  # the form again, with its error
    assert b"staff account" in response.content
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize(
    ("password", "why"),
    [
        ("short1x", "too short"),
        ("password123", "too common"),
        ("4815162342108", "entirely numeric"),
        ("newsroom-desk", "too similar"),
    ],
)
def test_passwords_follow_the_validators(password, why):
    user = User(username="newsroom-desk", email="desk@example.org")
    with pytest.raises(ValidationError) as refused:
        validate_password(password, user)
    assert why in " ".join(refused.value.messages)


def test_a_good_password_passes():
    validate_password("ceasefire-monitor-Tripoli-2020", User(username="analyst"))


def test_webhook_secrets_appear_only_in_the_create_and_rotate_replies(editor_client):
    created = editor_client.post(
        "/api/v1/webhooks/", {"url": "https://93.184.215.14/hook", "event_types": ["deadline.passed"]}, format="json"
    )
    assert created.status_code == 201, created.json()
    secret = created.json()["secret"]
    detail = f"/api/v1/webhooks/{created.json()['id']}/"
    bad = editor_client.patch(detail, {"url": "ftp://x", "event_types": []}, format="json")
    shown = [
        editor_client.get("/api/v1/webhooks/"),
        editor_client.get(detail),
        editor_client.patch(detail, {"description": "desk"}, format="json"),
        bad,
        editor_client.get(f"{detail}deliveries/"),
    ]
    assert bad.status_code == 400
    for response in shown:
        assert secret not in response.content.decode()
        assert secret.removeprefix("whsec_") not in response.content.decode()
