"""/api/v1/webhooks/: your own endpoints, secrets shown once, others' invisible."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.contrib.auth.models import User
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from agreements.choices import EventType
from tests.factories import ActorFactory, AgreementFactory
from tests.openapi import openapi
from webhooks.models import SUBSCRIBABLE, WebhookDelivery, WebhookEndpoint

pytestmark = pytest.mark.django_db

URL = "/api/v1/webhooks/"


@pytest.fixture
def subscriber() -> User:
    return User.objects.create_user("newsroom", password="correct-horse-battery")


@pytest.fixture
def client(subscriber) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=subscriber).key}")
    return client


@pytest.fixture
def other_client(db) -> APIClient:
    user = User.objects.create_user("dashboard", password="correct-horse-battery")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    return client


def register(client: APIClient, receiver_url: str, **extra) -> dict:
    response = client.post(URL, {"url": receiver_url, "event_types": ["deadline.passed"], **extra}, format="json")
    assert response.status_code == 201, response.json()
    return response.json()


def test_registering_shows_the_secret_once_and_pings(client, receiver):
    body = register(client, receiver.url(), description="Newsroom alerts")
    assert body["secret"].startswith("whsec_")
    assert body["status"] == "active"
    endpoint = WebhookEndpoint.objects.get(pk=body["id"])
    assert body["secret"] not in endpoint.secret_encrypted  # stored encrypted
    assert endpoint.secret == body["secret"]
    listed = client.get(URL).json()["results"][0]
    detail = client.get(f"{URL}{body['id']}/").json()
    assert "secret" not in listed
    assert "secret" not in detail
    ping = WebhookDelivery.objects.get(endpoint=endpoint)
    assert ping.event.type == EventType.WEBHOOK_PING


def test_anonymous_users_cannot_subscribe(anon_client, receiver):
    assert anon_client.get(URL).status_code == 401
    assert (
        anon_client.post(URL, {"url": receiver.url(), "event_types": ["deadline.passed"]}, format="json").status_code
        == 401
    )


def test_another_users_endpoints_are_invisible(client, other_client, receiver):
    endpoint = register(client, receiver.url())
    detail = f"{URL}{endpoint['id']}/"
    assert other_client.get(URL).json()["count"] == 0
    assert other_client.get(detail).status_code == 404
    assert other_client.patch(detail, {"paused": True}, format="json").status_code == 404
    assert other_client.delete(detail).status_code == 404
    assert other_client.post(f"{detail}ping/").status_code == 404
    assert other_client.post(f"{detail}rotate-secret/").status_code == 404
    assert other_client.get(f"{detail}deliveries/").status_code == 404
    delivery = WebhookDelivery.objects.get()
    assert other_client.post(f"{detail}deliveries/{delivery.message_id}/redeliver/").status_code == 404
    assert WebhookEndpoint.objects.get(pk=endpoint["id"]).paused is False


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"url": "ftp://example.org/x", "event_types": ["deadline.passed"]}, "url"),
        ({"url": "http://10.0.0.1/hook", "event_types": ["deadline.passed"]}, "url"),
        ({"url": "http://169.254.169.254/latest/meta-data/", "event_types": ["deadline.passed"]}, "url"),
        ({"url": "http://[::ffff:10.0.0.1]/", "event_types": ["deadline.passed"]}, "url"),
        ({"url": "https://93.184.215.14/hook", "event_types": []}, "event_types"),
        ({"url": "https://93.184.215.14/hook", "event_types": ["deadline.exploded"]}, "event_types"),
        ({"url": "https://93.184.215.14/hook", "event_types": ["webhook.ping"]}, "event_types"),
        (
            {"url": "https://93.184.215.14/hook", "event_types": ["deadline.passed"], "filters": {"country": "XX"}},
            "filters",
        ),
        (
            {"url": "https://93.184.215.14/hook", "event_types": ["deadline.passed"], "filters": {"agreement": 999}},
            "filters",
        ),
        ({"url": "not a url", "event_types": ["deadline.passed"]}, "url"),
    ],
)
def test_bad_registrations_are_refused_by_field(client, payload, field):
    response = client.post(URL, payload, format="json")
    assert response.status_code == 400
    assert field in response.json(), response.json()
    assert not WebhookEndpoint.objects.exists()


def test_loopback_is_refused_unless_allowed(client, settings, receiver):
    settings.WEBHOOK_ALLOW_LOOPBACK = False
    response = client.post(URL, {"url": receiver.url(), "event_types": ["deadline.passed"]}, format="json")
    assert response.status_code == 400
    assert "loopback" in response.json()["url"][0]


def test_filters_pause_resume_and_delete(client, receiver):
    agreement, actor = AgreementFactory(), ActorFactory()
    body = register(
        client,
        receiver.url(),
        filters={"agreement": agreement.pk, "actor": actor.pk, "country": "LY"},
        event_types=["deadline.passed", "deadline.approaching", "commitment.status_changed"],
    )
    assert body["filters"] == {"agreement": agreement.pk, "actor": actor.pk, "country": "LY"}
    detail = f"{URL}{body['id']}/"
    assert client.patch(detail, {"paused": True}, format="json").json()["status"] == "paused"
    assert client.patch(detail, {"paused": False}, format="json").json()["status"] == "active"
    assert client.delete(detail).status_code == 204
    assert not WebhookEndpoint.objects.exists()


def test_resuming_a_disabled_endpoint_enables_it(client, receiver):
    body = register(client, receiver.url())
    WebhookEndpoint.objects.filter(pk=body["id"]).update(
        disabled_at="2026-01-01T00:00:00Z", disabled_reason="The receiver answered 410 Gone."
    )
    detail = client.get(f"{URL}{body['id']}/").json()
    assert (detail["status"], detail["disabled_reason"]) == ("disabled", "The receiver answered 410 Gone.")
    resumed = client.patch(f"{URL}{body['id']}/", {"paused": False}, format="json").json()
    assert (resumed["status"], resumed["disabled_reason"]) == ("active", "")


def test_rotating_the_secret(client, receiver):
    body = register(client, receiver.url())
    rotated = client.post(f"{URL}{body['id']}/rotate-secret/").json()
    assert rotated["secret"].startswith("whsec_")
    assert rotated["secret"] != body["secret"]
    endpoint = WebhookEndpoint.objects.get(pk=body["id"])
    assert endpoint.secret == rotated["secret"]
    assert endpoint.signing_secrets(endpoint.created_at) == [rotated["secret"], body["secret"]]


def test_the_delivery_log_and_redelivery_keep_the_message_id(client, receiver):
    body = register(client, receiver.url())
    log = client.get(f"{URL}{body['id']}/deliveries/").json()
    assert log["count"] == 1
    (ping,) = log["results"]
    assert ping["id"].startswith("msg_")
    assert ping["event_type"] == "webhook.ping"
    assert client.get(f"{URL}{body['id']}/deliveries/{ping['id']}/").json()["id"] == ping["id"]
    again = client.post(f"{URL}{body['id']}/deliveries/{ping['id']}/redeliver/")
    assert again.status_code == 202
    assert again.json()["id"] == ping["id"]
    assert client.post(f"{URL}{body['id']}/deliveries/msg_nothing/redeliver/").status_code == 404


def test_unknown_and_read_only_fields_are_refused_by_name(client, receiver):
    endpoint = register(client, receiver.url())
    detail = f"{URL}{endpoint['id']}/"
    body = {"status": "disabled", "secret": "whsec_mine", "filters": {"country": "LY", "conflict": "Libya"}}
    response = client.patch(detail, body, format="json")
    assert response.status_code == 400
    assert response.json() == {
        "status": [
            'status is read-only: set paused instead: {"paused": true} pauses it, {"paused": false} resumes it '
            "(and re-enables a disabled one)."
        ],
        "secret": [
            "secret cannot be written here: it is made for you and shown once; for a new one, use "
            f"POST /api/v1/webhooks/{endpoint['id']}/rotate-secret/."
        ],
        "filters": {"conflict": ["No field conflict here; the writable fields are: actor, agreement, country."]},
    }
    stored = WebhookEndpoint.objects.get(pk=endpoint["id"])
    assert (stored.status, stored.filter_country) == ("active", "")


def test_registering_with_an_unknown_field_is_refused(client, receiver):
    body = {"url": receiver.url(), "event_types": ["deadline.passed"], "events": ["deadline.passed"]}
    response = client.post(URL, body, format="json")
    assert response.status_code == 400
    assert response.json()["events"] == [
        "No field events here; the writable fields are: description, event_types, filters, paused, url. "
        "Did you mean event_types?"
    ]
    assert not WebhookEndpoint.objects.exists()


def test_the_delivery_log_pages_and_refuses_unknown_parameters(client, receiver):
    endpoint = register(client, receiver.url())
    deliveries = f"{URL}{endpoint['id']}/deliveries/"
    assert client.get(deliveries, {"page": 1, "page_size": 10}).status_code == 200
    response = client.get(deliveries, {"state": "failed"})
    assert response.status_code == 400
    assert response.json() == {
        "state": ["No parameter state here. The parameters known here: format, page, page_size."]
    }
    assert client.get(f"{URL}{endpoint['id']}/", {"page": 1}).status_code == 400


def test_a_loopback_receiver_is_refused_naming_the_setting(client, settings):
    settings.WEBHOOK_ALLOW_LOOPBACK = False
    response = client.post(URL, {"url": "http://127.0.0.1:9/hook", "event_types": ["deadline.passed"]}, format="json")
    assert response.status_code == 400
    assert response.json() == {
        "url": [
            "This URL cannot receive webhooks: 127.0.0.1 is a loopback address (in 127.0.0.0/8, Loopback), refused "
            "unless WEBHOOK_ALLOW_LOOPBACK=true (for local development and tests); webhooks only go to public "
            "addresses."
        ]
    }
    assert not WebhookEndpoint.objects.exists()


def test_filters_shown_as_null_may_be_sent_back_as_null(client, receiver):
    body = register(client, receiver.url())
    assert body["filters"] == {"agreement": None, "actor": None, "country": None}
    detail = f"{URL}{body['id']}/"
    client.patch(detail, {"filters": {"country": "LY"}}, format="json")
    response = client.patch(detail, {"filters": {"agreement": None, "actor": None, "country": None}}, format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["filters"] == {"agreement": None, "actor": None, "country": None}
    assert WebhookEndpoint.objects.get(pk=body["id"]).filter_country == ""


@pytest.mark.parametrize("component", ["Filters", "FiltersRequest"])
def test_the_schema_says_every_filter_may_be_null(component):
    filters = openapi()["components"]["schemas"][component]["properties"]
    assert {name: "null" in field["type"] for name, field in filters.items()} == dict.fromkeys(
        ("agreement", "actor", "country"), True
    )


@pytest.mark.parametrize(
    ("country", "message"),
    [
        ("Libya", "Ensure this field has no more than 2 characters."),
        ("XX", "'XX' is not an ISO 3166-1 alpha-2 country code."),
    ],
)
def test_a_bad_country_filter_is_an_error_of_filters_country(client, receiver, country, message):
    payload = {"url": receiver.url(), "event_types": ["deadline.passed"], "filters": {"country": country}}
    response = client.post(URL, payload, format="json")
    assert response.status_code == 400
    assert response.json() == {"filters": {"country": [message]}}
    assert not WebhookEndpoint.objects.exists()


def test_the_guide_lists_every_event_type_an_endpoint_can_subscribe_to():
    guide = (Path(__file__).resolve().parents[2] / "docs" / "webhooks.md").read_text(encoding="utf-8")
    listed = guide.split("Event types:", 1)[1].split("Filters:", 1)[0]
    assert {t for t in SUBSCRIBABLE if f"`{t}`" not in listed} == set()
