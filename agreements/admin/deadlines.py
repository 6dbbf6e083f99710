"""Admin for deadlines: stated as written (in the calendar or from an anchor), due_at derived,
the chain shown both ways, state changed and extensions made by actions."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.widgets import AdminSplitDateTime
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.forms import ModelForm
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from agreements.choices import DeadlinePrecision
from agreements.models import Commitment, Deadline, DeadlineExtension, Source
from agreements.services.deadlines import (
    DEADLINE_FIELDS,
    deadline_cancel,
    deadline_check,
    deadline_close,
    deadline_create,
    deadline_delete,
    deadline_extend,
    deadline_mark_met,
    deadline_reopen,
    deadline_update,
)
from utilities.admin import ReadOnlyInline, act_on_each, related_column
from utilities.text import shorten

from .base import ServiceAdmin, changed_fields


class DeadlineForm(forms.ModelForm):
    """A deadline as an editor states it, checked by the services' own rules before anything is saved."""

    class Meta:
        model = Deadline
        fields = ("commitment", *DEADLINE_FIELDS)
        help_texts = {
            "precision": "Stated in the calendar: required. Anchored: leave empty (derived).",
            "year": "Anchored deadlines: leave the date parts empty; they are counted from the anchor.",
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if "precision" in self.fields:
            self.fields["precision"].required = False

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if self.errors:
            return cleaned
        stored = Deadline.objects.select_related("commitment__agreement", "anchor").filter(pk=self.instance.pk).first()
        commitment: Commitment | None
        if stored is not None:
            changes = {name: cleaned[name] for name in self.changed_data if name in DEADLINE_FIELDS}
            commitment = stored.commitment
        else:
            changes = {name: value for name, value in cleaned.items() if name in DEADLINE_FIELDS}
            commitment = cleaned.get("commitment") or getattr(self.instance, "commitment", None)
            if commitment is None or commitment.pk is None:
                return cleaned  # a commitment being added with it: the service checks on save
        try:
            deadline_check(commitment=commitment, changes=changes, deadline=stored)
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                self.add_error(field if field in self.fields else None, errors)
        return cleaned


def anchor_chain(deadline: Deadline) -> str:
    """'counts from deadline 14 (…), which counts from deadline 12 (…)', each a link."""
    links: list[str] = []
    current, seen = deadline.anchor, {deadline.pk}
    while current is not None and current.pk not in seen and len(links) < 20:
        seen.add(current.pk)
        url = reverse("admin:agreements_deadline_change", args=[current.pk])
        links.append(format_html('<a href="{}">{}</a> — {}', url, current.label(), current.due_display))
        current = current.anchor
    if not links:
        return "signing of the agreement" if deadline.anchor_kind == "signed" else "—"
    return format_html_join(mark_safe("<br>↳ counts from "), "{}", ((link,) for link in links))


class ExtensionInline(ReadOnlyInline):
    model = DeadlineExtension
    fk_name = "deadline"
    fields = (
        "position",
        "by",
        "to_date",
        "wording",
        "source",
        "previous_due_at",
        "due_at",
        "extended_at",
        "extended_by",
    )
    readonly_fields = fields
    show_change_link = False
    verbose_name_plural = "extensions, in order"

    @admin.display(description="to")
    def to_date(self, extension: DeadlineExtension) -> str:
        return "" if extension.by else extension.describe()


@admin.register(Deadline)
class DeadlineAdmin(ServiceAdmin[Deadline]):
    form = DeadlineForm
    list_display = ("wording", related_column("commitment"), "display_due", "due_at", "state", "passed_at", "anchored")
    list_filter = ("state", "precision", "anchor_kind", "time_zone")
    list_select_related = ("commitment__agreement",)
    autocomplete_fields = ("commitment", "source", "anchor")
    date_hierarchy = "due_at"
    readonly_fields = (
        "due_at",
        "due_precision",
        "display_due",
        "waiting_for",
        "state",
        "passed_at",
        "met_at",
        "counts_from",
        "counted_by",
    )
    fieldsets = (
        (None, {"fields": ("commitment", "wording", "source", "time_zone")}),
        (
            "Stated in the calendar",
            {"fields": (("precision",), ("year", "month", "day", "time"))},
        ),
        (
            "…or counted from an anchor",
            {
                "fields": (("anchor_kind", "anchor", "offset"), "counts_from", "counted_by"),
                "description": "Give an anchor deadline (or “The agreement's signing”) and an ISO 8601 offset "
                "such as P3M, P14D or PT72H; the date parts are then derived.",
            },
        ),
        (
            "Derived",
            {"fields": (("due_at", "due_precision"), "display_due", "waiting_for", ("state", "passed_at", "met_at"))},
        ),
        (None, {"fields": ("review_on",)}),
    )
    inlines = (ExtensionInline,)
    actions = ("mark_met", "cancel", "reopen", "extend_action", "met_at_action")

    @admin.display(description="Due (as stated)")
    def display_due(self, deadline: Deadline) -> str:
        return deadline.due_display

    @admin.display(description="Anchored", boolean=True)
    def anchored(self, deadline: Deadline) -> bool:
        return deadline.is_anchored

    @admin.display(description="Counts from")
    def counts_from(self, deadline: Deadline) -> str:
        return anchor_chain(deadline) if deadline.pk else "—"

    @admin.display(description="Counted from by")
    def counted_by(self, deadline: Deadline) -> str:
        if not deadline.pk:
            return "—"
        dependents = list(deadline.dependents.all())
        if not dependents:
            return "nothing"
        return format_html_join(
            mark_safe("<br>"),
            '<a href="{}">{}</a> — {}',
            ((reverse("admin:agreements_deadline_change", args=[d.pk]), d.label(), d.due_display) for d in dependents),
        )

    def create_via_service(self, request: HttpRequest, form: ModelForm) -> Deadline:
        data = {k: v for k, v in form.cleaned_data.items() if k in DEADLINE_FIELDS}
        return deadline_create(commitment=form.cleaned_data["commitment"], user=request.user, **data)

    def update_via_service(self, request: HttpRequest, obj: Deadline, form: ModelForm) -> Deadline:
        return deadline_update(
            deadline=self.fresh(obj), changes=changed_fields(form, DEADLINE_FIELDS), user=request.user
        )

    def delete_via_service(self, request: HttpRequest, obj: Deadline) -> None:
        deadline_delete(deadline=obj, user=request.user)

    revert_fields = DEADLINE_FIELDS
    revert_leaves = {
        "commitment": "A deadline stays with its commitment; add one to the other commitment instead.",
        "state": "The state changes only by the deadline actions (Mark met, Cancel or Reopen) and the sweep, "
        "each with its own record; a revert does not set it.",
        "passed_at": "Set once, by the sweep, when the deadline passed.",
        "met_at": "Recorded with “Mark met at a recorded moment”; a revert does not set it.",
        "extended_times": "Extensions stay on the record; extend the deadline again to move it.",
    }

    def revert_via_service(self, request: HttpRequest, obj: Deadline, changes: dict[str, Any]) -> None:
        deadline_update(deadline=self.fresh(obj), changes=changes, user=request.user)

    def _transition(self, request: HttpRequest, queryset: QuerySet, service: Callable[..., object], done: str) -> None:
        act_on_each(
            self,
            request,
            queryset,
            lambda deadline: service(deadline=deadline, user=request.user, note=f"{done} in the admin."),
            name=lambda deadline: shorten(deadline.wording, 40),
            done=f"{done}: {{}} deadline(s).",
        )

    @admin.action(description="Mark selected deadlines met", permissions=["change"])
    def mark_met(self, request: HttpRequest, queryset: QuerySet) -> None:
        self._transition(request, queryset, deadline_mark_met, "Marked met")

    @admin.action(description="Cancel selected deadlines", permissions=["change"])
    def cancel(self, request: HttpRequest, queryset: QuerySet) -> None:
        self._transition(request, queryset, deadline_cancel, "Cancelled")

    @admin.action(description="Reopen selected deadlines (undo met or cancelled)", permissions=["change"])
    def reopen(self, request: HttpRequest, queryset: QuerySet) -> None:
        self._transition(request, queryset, deadline_reopen, "Reopened")

    # --- extensions and recorded moments: a form first, then the service for each ------------

    def get_urls(self) -> list[Any]:
        extend = self.admin_site.admin_view(self.extend_view)
        met_at = self.admin_site.admin_view(self.met_at_view)
        return [
            path("extend/", extend, name="agreements_deadline_extend"),
            path("met-at/", met_at, name="agreements_deadline_met_at"),
            *super().get_urls(),
        ]

    @admin.action(description="Extend selected deadlines (by a duration, or to a date)…", permissions=["change"])
    def extend_action(self, request: HttpRequest, queryset: QuerySet) -> HttpResponse:
        ids = ",".join(str(pk) for pk in queryset.values_list("pk", flat=True))
        return HttpResponseRedirect(f"{reverse('admin:agreements_deadline_extend')}?ids={ids}")

    @admin.action(description="Mark selected deadlines met at a recorded moment…", permissions=["change"])
    def met_at_action(self, request: HttpRequest, queryset: QuerySet) -> HttpResponse:
        ids = ",".join(str(pk) for pk in queryset.values_list("pk", flat=True))
        return HttpResponseRedirect(f"{reverse('admin:agreements_deadline_met_at')}?ids={ids}")

    def extend_view(self, request: HttpRequest) -> HttpResponse:
        def extend(deadline: Deadline, data: dict[str, Any]) -> None:
            parts = {n: data[n] for n in ("precision", "year", "month", "day", "time") if data.get(n) not in (None, "")}
            deadline_extend(
                deadline=deadline,
                by=data["by"],
                to=parts or None,
                wording=data["wording"],
                note=data["note"],
                source=data["source"],
                user=request.user,
            )

        return self._action_form(request, ExtendForm, extend, title="Extend deadlines", done="Extended")

    def met_at_view(self, request: HttpRequest) -> HttpResponse:
        def mark(deadline: Deadline, data: dict[str, Any]) -> None:
            sources = [data["source"]] if data["source"] else []
            deadline_close(
                deadline=deadline,
                state="met",
                met_at=data["met_at"],
                note=data["note"],
                sources=sources,
                user=request.user,
            )

        return self._action_form(
            request, MetAtForm, mark, title="Mark deadlines met at a recorded moment", done="Marked met"
        )

    def _action_form(
        self,
        request: HttpRequest,
        form_class: type[forms.Form],
        apply: Callable[[Deadline, dict[str, Any]], None],
        *,
        title: str,
        done: str,
    ) -> HttpResponse:
        """A form, then ``apply`` for each chosen deadline, all in one transaction (all or nothing)."""
        if not self.has_change_permission(request):
            raise PermissionDenied
        ids = [int(part) for part in request.GET.get("ids", "").split(",") if part.strip().isdigit()]
        deadlines = list(Deadline.objects.filter(pk__in=ids).select_related("commitment__agreement"))
        if not deadlines:
            self.message_user(request, "Choose at least one deadline first.", messages.WARNING)
            return HttpResponseRedirect(reverse("admin:agreements_deadline_changelist"))
        form = form_class(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                with transaction.atomic():
                    for deadline in deadlines:
                        apply(deadline, form.cleaned_data)
            except ValidationError as exc:
                for field, errors in exc.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                self.message_user(request, f"{done}: {len(deadlines)} deadline(s).", messages.SUCCESS)
                if len(deadlines) == 1:
                    return HttpResponseRedirect(reverse("admin:agreements_deadline_change", args=[deadlines[0].pk]))
                return HttpResponseRedirect(reverse("admin:agreements_deadline_changelist"))
        context = {
            **self.admin_site.each_context(request),
            "title": title,
            "opts": self.model._meta,
            "form": form,
            "deadlines": deadlines,
            "submit": title,
            "media": self.media + form.media,
        }
        return TemplateResponse(request, "admin/agreements/deadline/action_form.html", context)


class ExtendForm(forms.Form):
    """By a duration, or to a date in each deadline's own time zone."""

    by = forms.CharField(required=False, max_length=40, help_text="An ISO 8601 duration: PT72H, P7D, P1M.")
    precision = forms.ChoiceField(
        required=False,
        choices=[("", "—"), *[c for c in DeadlinePrecision.choices if c[0] != DeadlinePrecision.UNSPECIFIED]],
        help_text="…or extend to a date: its precision, then its parts.",
    )
    year = forms.IntegerField(required=False, min_value=1900, max_value=2200)
    month = forms.IntegerField(required=False, min_value=1, max_value=12)
    day = forms.IntegerField(required=False, min_value=1, max_value=31)
    time = forms.TimeField(required=False, help_text="Local time, for an instant.")
    wording = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 2}), help_text="As the source words it."
    )
    note = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))
    source = forms.ModelChoiceField(queryset=Source.objects.all(), required=False)


class MetAtForm(forms.Form):
    """When it happened, as a source says; what counts from it counts from then."""

    met_at = forms.SplitDateTimeField(widget=AdminSplitDateTime, help_text="Your time zone is the site's (UTC).")
    note = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))
    source = forms.ModelChoiceField(queryset=Source.objects.all(), required=False)
