"""Fan-out: each outbox event becomes one delivery per matching active endpoint.

Runs in the dispatcher, in batches, each one transaction that creates the
deliveries and marks the events fanned out together. A crash between an
event and its fan-out loses nothing: the event stays unmarked and the next
run takes it. The unique (endpoint, event) constraint makes a repeat harmless.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.utils import timezone

from agreements.models import Agreement, Commitment, Event, Signatory
from webhooks.models import WebhookDelivery, WebhookEndpoint


@dataclass
class _Context:
    """What endpoint filters need to know about a batch of events."""

    parties: dict[int, set[int]] = field(default_factory=lambda: defaultdict(set))  # agreement -> actors
    bound: dict[int, set[int]] = field(default_factory=lambda: defaultdict(set))  # commitment -> actors
    countries: dict[int, list[str]] = field(default_factory=dict)  # agreement -> codes

    @classmethod
    def of(cls, events: list[Event], endpoints: list[WebhookEndpoint]) -> _Context:
        """Fetched only when some endpoint filters on actors or countries."""
        context = cls()
        agreement_ids = {e.agreement_id for e in events if e.agreement_id}
        if any(e.filter_actor_id for e in endpoints) and agreement_ids:
            for agreement_id, actor_id in Signatory.objects.filter(agreement_id__in=agreement_ids).values_list(
                "agreement_id", "actor_id"
            ):
                context.parties[agreement_id].add(actor_id)
            commitment_ids = {e.commitment_id for e in events if e.commitment_id}
            for commitment_id, actor_id in Commitment.bound_actors.through.objects.filter(
                commitment_id__in=commitment_ids
            ).values_list("commitment_id", "actor_id"):
                context.bound[commitment_id].add(actor_id)
        if any(e.filter_country for e in endpoints) and agreement_ids:
            context.countries = dict(Agreement.objects.filter(id__in=agreement_ids).values_list("id", "countries"))
        return context

    def matches(self, endpoint: WebhookEndpoint, event: Event) -> bool:
        """The endpoint asked for this type, and the event passes its filters."""
        if event.type not in endpoint.event_types:
            return False
        if endpoint.filter_agreement_id and event.agreement_id != endpoint.filter_agreement_id:
            return False
        if endpoint.filter_actor_id:
            involved = self.parties.get(event.agreement_id or 0, set()) | self.bound.get(
                event.commitment_id or 0, set()
            )
            if endpoint.filter_actor_id not in involved:
                return False
        return not endpoint.filter_country or endpoint.filter_country in self.countries.get(event.agreement_id or 0, [])


def fanout_pending(*, now: dt.datetime | None = None, batch_size: int = 500) -> int:
    """Turn every event not yet fanned out into deliveries; return how many were created."""
    created = 0
    while True:
        now_ = now or timezone.now()
        with transaction.atomic():
            query = Event.objects.filter(fanned_out_at__isnull=True).order_by("id")
            if connection.features.has_select_for_update_skip_locked:
                query = query.select_for_update(skip_locked=True)
            events = list(query[:batch_size])
            if not events:
                return created
            endpoints = list(WebhookEndpoint.objects.filter(paused=False, disabled_at__isnull=True))
            context = _Context.of(events, endpoints)
            deliveries = [
                WebhookDelivery(endpoint=endpoint, event=event, next_attempt_at=now_)
                for event in events
                for endpoint in endpoints
                if context.matches(endpoint, event)
            ]
            WebhookDelivery.objects.bulk_create(deliveries, ignore_conflicts=True, batch_size=1000)
            Event.objects.filter(id__in=[e.id for e in events]).update(fanned_out_at=now_)
        created += len(deliveries)
        if len(events) < batch_size:
            return created
