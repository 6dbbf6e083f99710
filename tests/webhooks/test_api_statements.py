"""Every write to /api/v1/webhooks/ runs a fixed, counted number of SQL statements
(the request's authentication and the transaction's savepoints included)."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from webhooks.models import WebhookDelivery, WebhookEndpoint
from webhooks.services.endpoints import endpoint_create, endpoint_ping

pytestmark = pytest.mark.django_db

URL = "/api/v1/webhooks/"


@pytest.fixture
def owner() -> User:
    return User.objects.create_user("newsroom", password="correct-horse-battery")


@pytest.fixture
def client(owner) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=owner).key}")
    client.get("/api/v1/")  # one-off work of the first request is not the write's
    return client


@pytest.fixture
def endpoint(owner, receiver) -> WebhookEndpoint:
    endpoint, _ = endpoint_create(owner=owner, url=receiver.url(), event_types=["deadline.passed"])
    return endpoint


def test_registering_an_endpoint(client, receiver, django_assert_num_queries):
    with django_assert_num_queries(11):
        response = client.post(URL, {"url": receiver.url(), "event_types": ["deadline.passed"]}, format="json")
    assert response.status_code == 201, response.json()


@pytest.mark.parametrize(
    ("method", "path", "body", "status", "statements"),
    [
        ("patch", "", {"description": "Newsroom"}, 200, 7),
        ("delete", "", None, 204, 8),
        ("post", "ping/", None, 202, 9),
        ("post", "rotate-secret/", None, 200, 8),
    ],
)
def test_each_endpoint_write(client, endpoint, method, path, body, status, statements, django_assert_num_queries):
    with django_assert_num_queries(statements):
        response = getattr(client, method)(f"{URL}{endpoint.pk}/{path}", body, format="json")
    assert response.status_code == status, response.content


def test_a_redelivery(client, endpoint, django_assert_num_queries):
    delivery: WebhookDelivery = endpoint_ping(endpoint=endpoint)
    with django_assert_num_queries(12):
        response = client.post(f"{URL}{endpoint.pk}/deliveries/{delivery.message_id}/redeliver/", format="json")
    assert response.status_code == 202, response.content
