"""Admin views of what the system writes: the event timeline, status changes, sweeps."""

from __future__ import annotations

import json

from django.contrib import admin
from django.utils.html import format_html

from agreements.models import Event, StatusChange, SweepRecord
from utilities.admin import ReadOnlyAdmin, related_column


@admin.register(Event)
class EventAdmin(ReadOnlyAdmin):
    list_display = (
        "occurred_at",
        "type",
        related_column("agreement"),
        related_column("commitment"),
        related_column("deadline"),
        related_column("user"),
        "fanned_out_at",
    )
    list_filter = ("type",)
    list_select_related = ("agreement", "commitment__agreement", "deadline", "user")
    date_hierarchy = "occurred_at"
    search_fields = ("agreement__search_text", "commitment__search_text")
    fields = ("type", "occurred_at", "agreement", "commitment", "deadline", "status_change", "user", "payload")
    readonly_fields = fields

    @admin.display(description="Data")
    def payload(self, event: Event) -> str:
        return format_html("<pre>{}</pre>", json.dumps(event.data, indent=2, ensure_ascii=False))


@admin.register(StatusChange)
class StatusChangeAdmin(ReadOnlyAdmin):
    list_display = (
        "changed_at",
        related_column("commitment"),
        "from_status",
        "to_status",
        related_column("changed_by", "changed by"),
    )
    list_filter = ("to_status",)
    list_select_related = ("commitment__agreement", "changed_by")
    date_hierarchy = "changed_at"
    search_fields = ("commitment__search_text", "note")
    fields = ("commitment", "from_status", "to_status", "changed_at", "changed_by", "note", "sources")
    readonly_fields = fields


@admin.register(SweepRecord)
class SweepRecordAdmin(ReadOnlyAdmin):
    list_display = ("completed_at", "swept_until", "flagged", "reminded", "duration_ms")
