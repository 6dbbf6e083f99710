"""One JSON line per request, with a request id; no credential ever logged."""

from __future__ import annotations

import json
import logging

import pytest
from django.contrib.auth.models import User
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from tracker.logging import JsonFormatter, RequestIdFilter

pytestmark = pytest.mark.django_db


def lines(caplog) -> list[dict]:
    formatter, tag = JsonFormatter(), RequestIdFilter()
    out = []
    for record in caplog.records:
        tag.filter(record)
        out.append(json.loads(formatter.format(record)))
    return out


def test_each_request_is_one_json_line_with_its_id(caplog):
    with caplog.at_level(logging.INFO, logger="tracker.request"):
        response = APIClient().get("/api/v1/agreements/", HTTP_X_REQUEST_ID="trace-123")
    (line,) = [entry for entry in lines(caplog) if entry.get("event") == "request"]
    assert response["X-Request-ID"] == "trace-123"
    assert line["request_id"] == "trace-123"
    assert (line["method"], line["path"], line["status"]) == ("GET", "/api/v1/agreements/", 200)
    assert line["duration_ms"] >= 0
    assert line["client"] == "127.0.0.1"


@pytest.mark.parametrize(("proxies", "client"), [(0, "10.0.0.9"), (1, "203.0.113.7")])
def test_the_client_is_logged_as_the_throttles_count_it(caplog, settings, proxies, client):
    """Behind API_NUM_PROXIES proxies, the address the outermost saw; with none, the client's own
    X-Forwarded-For is not believed."""
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "NUM_PROXIES": proxies}
    with caplog.at_level(logging.INFO, logger="tracker.request"):
        APIClient().get("/healthz", REMOTE_ADDR="10.0.0.9", HTTP_X_FORWARDED_FOR="198.51.100.1, 203.0.113.7")
    (line,) = [entry for entry in lines(caplog) if entry.get("event") == "request"]
    assert line["client"] == client


def test_a_malformed_request_id_is_replaced():
    response = APIClient().get("/healthz", HTTP_X_REQUEST_ID="<script>alert(1)</script>")
    assert response["X-Request-ID"] != "<script>alert(1)</script>"
    assert len(response["X-Request-ID"]) == 32


def test_no_token_or_webhook_secret_reaches_the_logs(caplog, settings):
    user = User.objects.create_user("newsroom")
    token = Token.objects.create(user=user).key
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    with caplog.at_level(logging.DEBUG):
        response = client.post(
            "/api/v1/webhooks/", {"url": "http://127.0.0.1:9/hook", "event_types": ["deadline.passed"]}, format="json"
        )
        from webhooks.services.dispatch import webhooks_dispatch

        webhooks_dispatch()  # the ping's attempt is logged too
    secret = response.json()["secret"]
    text = "\n".join(json.dumps(entry) for entry in lines(caplog))
    assert "webhook_attempt" in text
    for credential in (token, secret, secret.removeprefix("whsec_")):
        assert credential not in text


def test_fields_named_like_credentials_are_redacted():
    record = logging.makeLogRecord({"msg": "x", "token": "abc", "webhook_signature": "v1,xyz", "user_id": 3})
    entry = json.loads(JsonFormatter().format(record))
    assert entry["token"] == "[redacted]"
    assert entry["webhook_signature"] == "[redacted]"
    assert entry["user_id"] == 3
