"""Webhook services: every write to endpoints and deliveries goes through these."""
