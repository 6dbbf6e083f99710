"""App configuration for webhooks."""

from django.apps import AppConfig


class WebhooksConfig(AppConfig):
    """Subscriptions and delivery of outbox events to subscribers.

    The domain app announces recorded events (``agreements.signals``); this app
    listens and nudges its dispatcher. The dependency runs one way: webhooks
    knows the domain, the domain does not know webhooks.
    """

    name = "webhooks"
    verbose_name = "Webhooks"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from agreements.signals import events_recorded
        from webhooks.services.dispatch import nudge_dispatch

        events_recorded.connect(nudge_dispatch, dispatch_uid="webhooks.nudge_dispatch")
