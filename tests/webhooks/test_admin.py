"""The delivery log in the admin: sending deliveries again, each on its own, a refusal told beside
those sent."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import User
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from webhooks.models import DeliveryState, WebhookDelivery
from webhooks.services.endpoints import endpoint_create, endpoint_ping

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client() -> Client:
    client = Client()
    client.force_login(User.objects.create_superuser("admin", password="correct-horse-battery"))
    return client


def test_a_delivery_being_sent_is_refused_by_name_and_the_others_are_sent_again(admin_client, receiver):
    owner = User.objects.create_user("newsroom")
    endpoint, _ = endpoint_create(owner=owner, url=receiver.url(), event_types=["deadline.passed"])
    failed, busy = endpoint_ping(endpoint=endpoint), endpoint_ping(endpoint=endpoint)
    WebhookDelivery.objects.filter(pk=failed.pk).update(state=DeliveryState.FAILED, next_attempt_at=None)
    sending_until = timezone.now() + dt.timedelta(minutes=1)
    WebhookDelivery.objects.filter(pk=busy.pk).update(locked_until=sending_until)

    response = admin_client.post(
        reverse("admin:webhooks_webhookdelivery_changelist"),
        {"action": "redeliver", "_selected_action": [failed.pk, busy.pk]},
    )

    assert response.status_code == 302
    said = [(m.level_tag, m.message) for m in get_messages(response.wsgi_request)]
    assert ("success", "1 delivery(ies) queued again.") in said
    assert ("warning", f"“{busy.message_id} to {receiver.url()}”: It is being sent right now.") in said
    failed.refresh_from_db()
    busy.refresh_from_db()
    assert failed.state == DeliveryState.PENDING
    assert failed.next_attempt_at is not None
    assert busy.locked_until == sending_until  # left to the sender that holds it
