"""The message a subscriber receives: its body, and the Standard Webhooks headers that sign it."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django.conf import settings
from standardwebhooks import Webhook

from agreements.models import Event
from utilities.time import iso


def body_of(event: Event) -> str:
    """``{"type", "timestamp", "data"}`` — the same bytes on every attempt."""
    payload: dict[str, Any] = {"type": event.type, "timestamp": iso(event.occurred_at), "data": event.data}
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def signed_headers(*, message_id: str, body: str, secrets: list[str], now: dt.datetime) -> dict[str, str]:
    """Headers for one attempt: the id stays, the timestamp and signatures are fresh.

    Every secret in ``secrets`` signs (during a rotation, the old and the new),
    space-separated as the Standard Webhooks spec allows.
    """
    signatures = " ".join(Webhook(secret).sign(message_id, now, body) for secret in secrets)
    return {
        "content-type": "application/json",
        # Uncompressed, so the cap on what we read caps what we process.
        "accept-encoding": "identity",
        "user-agent": f"CeasefireTracker-Webhooks/1.0 (+{settings.PUBLIC_BASE_URL})",
        "webhook-id": message_id,
        "webhook-timestamp": str(int(now.timestamp())),
        "webhook-signature": signatures,
    }
