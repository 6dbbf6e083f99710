"""Admin for deadlines: stated as written, due_at derived, state changed by actions."""

from __future__ import annotations

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.forms import ModelForm
from django.http import HttpRequest

from agreements.models import Deadline
from agreements.services.deadlines import (
    DEADLINE_FIELDS,
    deadline_cancel,
    deadline_create,
    deadline_delete,
    deadline_mark_met,
    deadline_reopen,
    deadline_update,
)

from .base import ServiceAdmin, changed_fields


@admin.register(Deadline)
class DeadlineAdmin(ServiceAdmin[Deadline]):
    list_display = ("wording", "commitment", "display_due", "due_at", "state", "passed_at")
    list_filter = ("state", "precision", "time_zone")
    list_select_related = ("commitment__agreement",)
    autocomplete_fields = ("commitment", "source")
    date_hierarchy = "due_at"
    readonly_fields = ("due_at", "state", "passed_at")
    fields = (
        "commitment",
        "wording",
        "source",
        ("precision", "time_zone"),
        ("year", "month", "day", "time"),
        "review_on",
        ("due_at", "state", "passed_at"),
    )
    actions = ("mark_met", "cancel", "reopen")

    @admin.display(description="Due (as stated)")
    def display_due(self, deadline: Deadline) -> str:
        return deadline.display_due

    def create_via_service(self, request: HttpRequest, form: ModelForm) -> Deadline:
        data = {k: v for k, v in form.cleaned_data.items() if k in DEADLINE_FIELDS}
        return deadline_create(commitment=form.cleaned_data["commitment"], user=request.user, **data)

    def update_via_service(self, request: HttpRequest, obj: Deadline, form: ModelForm) -> Deadline:
        return deadline_update(
            deadline=self.fresh(obj), changes=changed_fields(form, DEADLINE_FIELDS), user=request.user
        )

    def delete_via_service(self, request: HttpRequest, obj: Deadline) -> None:
        deadline_delete(deadline=obj, user=request.user)

    def _transition(self, request: HttpRequest, queryset: QuerySet, service: object, done: str) -> None:
        changed, refused = 0, []
        for deadline in queryset:
            try:
                service(deadline=deadline, user=request.user, note=f"{done} in the admin.")  # type: ignore[operator]
                changed += 1
            except ValidationError as exc:
                refused.append(f"“{deadline.wording[:40]}”: {' '.join(exc.messages)}")
        if changed:
            self.message_user(request, f"{done}: {changed} deadline(s).", messages.SUCCESS)
        for line in refused:
            self.message_user(request, line, messages.WARNING)

    @admin.action(description="Mark selected deadlines met", permissions=["change"])
    def mark_met(self, request: HttpRequest, queryset: QuerySet) -> None:
        self._transition(request, queryset, deadline_mark_met, "Marked met")

    @admin.action(description="Cancel selected deadlines", permissions=["change"])
    def cancel(self, request: HttpRequest, queryset: QuerySet) -> None:
        self._transition(request, queryset, deadline_cancel, "Cancelled")

    @admin.action(description="Reopen selected deadlines (undo met or cancelled)", permissions=["change"])
    def reopen(self, request: HttpRequest, queryset: QuerySet) -> None:
        self._transition(request, queryset, deadline_reopen, "Reopened")
