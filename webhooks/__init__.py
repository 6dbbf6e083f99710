"""Webhooks: subscriptions, signed at-least-once delivery, retries, the delivery log."""
