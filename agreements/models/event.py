"""Event: the outbox and the public timeline."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from agreements.choices import EventType


class Event(models.Model):
    """One thing that happened and that subscribers may hear of.

    Written in the same transaction as the change that causes it, so an event
    exists if and only if the change does. ``data`` is a snapshot taken then —
    what a webhook delivers and what ``/api/v1/events/`` shows — so later edits
    do not rewrite history. ``fanned_out_at`` is set once delivery rows exist for
    every matching webhook endpoint. ``dedupe_key`` makes a repeat impossible at
    the database level: one ``deadline.passed`` per deadline and due time, one
    ``deadline.approaching`` per deadline, due time and lead.

    Two times: ``occurred_at`` is when the tracker recorded the event (a
    subscriber's feed order); ``happened_at`` is when it happened in the world —
    ``deadline.passed`` at the deadline's ``due_at``, ``deadline.met`` at its
    ``met_at``, ``deadline.approaching`` when the lead was reached — and is the
    order of a timeline.
    """

    type = models.CharField(max_length=40, choices=EventType.choices)
    # When the tracker recorded it: the webhook's ``timestamp``, the order of the feed.
    occurred_at = models.DateTimeField()
    # When it happened in the world: a deadline passed at its due time and was met when an editor
    # says it was, though the sweep or the editor may record it years later. Otherwise occurred_at.
    happened_at = models.DateTimeField()
    agreement = models.ForeignKey(
        "agreements.Agreement", null=True, blank=True, on_delete=models.SET_NULL, related_name="events"
    )
    commitment = models.ForeignKey(
        "agreements.Commitment", null=True, blank=True, on_delete=models.SET_NULL, related_name="events"
    )
    deadline = models.ForeignKey(
        "agreements.Deadline", null=True, blank=True, on_delete=models.SET_NULL, related_name="events"
    )
    # No index on these two: nothing reads events by them (only a deletion of the user or status
    # change, both rare, looks them up), and every index costs the sweep's outbox inserts.
    status_change = models.ForeignKey(
        "agreements.StatusChange",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
        db_index=False,
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", db_index=False
    )
    data = models.JSONField(default=dict)
    # NULL, not "": most events have no key, and the unique constraint must leave them all be.
    dedupe_key = models.CharField(max_length=200, null=True, blank=True, editable=False)  # noqa: DJ001
    fanned_out_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-occurred_at", "-id"]
        indexes = [
            models.Index(fields=["-occurred_at", "-id"], name="event_timeline"),
            models.Index(fields=["type", "-occurred_at"], name="event_type_time"),
            models.Index(fields=["-happened_at", "-id"], name="event_history"),
            # The dispatcher's query: events not yet fanned out, oldest first.
            models.Index(fields=["id"], condition=Q(fanned_out_at__isnull=True), name="event_pending_fanout"),
        ]
        constraints = [
            # Exactly once, enforced by the database. A constraint rather than unique=True:
            # on PostgreSQL that would add a second, LIKE-pattern index nothing queries.
            models.UniqueConstraint(fields=["dedupe_key"], name="event_unique_dedupe_key"),
        ]

    def __str__(self) -> str:
        return f"{self.type} #{self.pk} at {self.occurred_at:%Y-%m-%d %H:%M}"
