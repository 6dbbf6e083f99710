"""The webhooks part of the HTTP API: /api/v1/webhooks/."""
