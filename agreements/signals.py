"""What the domain announces to whoever listens (the webhooks app, for one).

The domain records events in its outbox (:class:`agreements.models.Event`) and
knows nothing of who delivers them. Once a transaction that recorded events
commits, ``events_recorded`` is sent; a listener that fails is logged and
ignored (``robust``), because the outbox row, not the signal, is what counts:
a dispatcher that missed the signal finds the event on its periodic run.
"""

from __future__ import annotations

from django.db import transaction
from django.dispatch import Signal

# Sent with sender=Event after the commit of a transaction that recorded events.
events_recorded = Signal()


def announce_events() -> None:
    """Send ``events_recorded`` once the current transaction commits (at once outside one)."""
    from agreements.models import Event

    transaction.on_commit(lambda: events_recorded.send_robust(sender=Event), robust=True)
