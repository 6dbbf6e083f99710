"""Admin for commitments: their deadlines inline, their status timeline, and the
page where an editor records what became of them, with a source."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.widgets import AutocompleteSelectMultiple
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.forms import BaseInlineFormSet, ModelForm
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html

from agreements.choices import CommitmentStatus
from agreements.models import Commitment, Deadline, Source, StatusChange
from agreements.selectors import commitments_with_next_due
from agreements.services.commitments import (
    COMMITMENT_FIELDS,
    commitment_create,
    commitment_delete,
    commitment_set_status,
    commitment_update,
)
from agreements.services.deadlines import DEADLINE_FIELDS, deadline_create, deadline_delete, deadline_update
from agreements.services.sources import source_create
from utilities.admin import LongTextInputs, ReadOnlyInline
from utilities.text import shorten

from .base import ServiceAdmin, changed_fields, kept_forms
from .deadlines import DeadlineForm
from .filters import OverdueFilter
from .history import version_label


class DeadlineInline(LongTextInputs, admin.StackedInline):
    model = Deadline
    form = DeadlineForm
    extra = 0
    show_change_link = True
    autocomplete_fields = ("source", "anchor")
    fields = (
        "wording",
        "source",
        ("precision", "time_zone"),
        ("year", "month", "day", "time"),
        ("anchor_kind", "anchor", "offset"),
        "review_on",
        ("due_at", "state", "passed_at"),
        "due_display",
    )
    readonly_fields = ("due_at", "state", "passed_at", "due_display")


class StatusChangeInline(ReadOnlyInline):
    model = StatusChange
    fields = ("changed_at", "from_status", "to_status", "changed_by", "note", "source_list")
    readonly_fields = fields
    verbose_name = "status change"
    verbose_name_plural = "status timeline"
    show_change_link = False

    @admin.display(description="Sources")
    def source_list(self, change: StatusChange) -> str:
        return "; ".join(str(s) for s in change.sources.all())


class StatusChangeForm(forms.Form):
    """What an editor fills in to record a status change: the new status, why,
    and the evidence — existing sources, a new one, or both."""

    status = forms.ChoiceField(choices=CommitmentStatus.choices)
    note = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)
    sources = forms.ModelMultipleChoiceField(
        queryset=Source.objects.all(),
        required=False,
        widget=AutocompleteSelectMultiple(StatusChange._meta.get_field("sources"), admin.site),
        help_text="Sources already recorded.",
    )
    source_title = forms.CharField(required=False, max_length=500, label="New source: title")
    source_publisher = forms.CharField(required=False, max_length=200, label="Publisher")
    source_author = forms.CharField(required=False, max_length=200, label="Author")
    source_published_on = forms.DateField(required=False, label="Published on", help_text="YYYY-MM-DD")
    source_link = forms.URLField(required=False, max_length=1000, label="URL", assume_scheme="https")
    source_quote = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 3}), label="Quote", help_text="The exact supporting words."
    )

    NEW_SOURCE_FIELDS = ("title", "publisher", "author", "published_on", "link", "quote")

    def new_source(self) -> dict[str, Any] | None:
        values = {name: self.cleaned_data.get(f"source_{name}") for name in self.NEW_SOURCE_FIELDS}
        if not any(values.values()):
            return None
        return {k: v if v is not None else "" for k, v in values.items()} | {"published_on": values["published_on"]}

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        new = self.new_source() if not self.errors else None
        if new is not None and not new["title"]:
            self.add_error("source_title", "A new source needs a title.")
        if new is not None and not new["quote"]:
            self.add_error("source_quote", "Quote the words of the source that support the change.")
        return cleaned


class StatusRevertForm(forms.Form):
    """Why a status goes back to what a version said, and the sources that support it."""

    note = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text="Why: e.g. the change was recorded against the wrong commitment.",
    )
    sources = forms.ModelMultipleChoiceField(
        queryset=Source.objects.all(),
        required=False,
        widget=AutocompleteSelectMultiple(StatusChange._meta.get_field("sources"), admin.site),
        help_text="Needed to go back to met, partially met or breached.",
    )


@admin.register(Commitment)
class CommitmentAdmin(ServiceAdmin[Commitment]):
    list_display = ("label", "agreement_link", "category", "status", "overdue", "next_due")
    list_filter = ("status", OverdueFilter, "category", "agreement__kind", "deadlines__precision")
    list_select_related = ("agreement",)
    autocomplete_fields = ("agreement", "bound_actors", "wording_source")
    readonly_fields = ("status", "status_changed_at", "overdue_since")
    fields = (
        "agreement",
        ("number", "position"),
        "category",
        "wording",
        "wording_source",
        "summary",
        "bound_actors",
        ("status", "status_changed_at", "overdue_since"),
    )
    inlines = (DeadlineInline, StatusChangeInline)
    inline_savers = {Deadline: "save_deadlines"}
    actions = ("record_status_action",)
    change_form_template = "admin/agreements/commitment/change_form.html"

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return commitments_with_next_due(super().get_queryset(request))

    @admin.display(description="Commitment", ordering="position")
    def label(self, commitment: Commitment) -> str:
        return f"{commitment.number}. {shorten(commitment.summary or commitment.wording, 80)}"

    @admin.display(description="Agreement", ordering="agreement__date")
    def agreement_link(self, commitment: Commitment) -> str:
        url = reverse("admin:agreements_agreement_change", args=[commitment.agreement_id])
        return format_html('<a href="{}">{}</a>', url, commitment.agreement.title)

    @admin.display(description="Overdue since", ordering="overdue_since")
    def overdue(self, commitment: Commitment) -> str:
        if commitment.overdue_since is None:
            return "—"
        return format_html('<strong style="color:#ba2121">{}</strong>', f"{commitment.overdue_since:%Y-%m-%d %H:%M}")

    @admin.display(description="Next due (UTC)", ordering="next_due_at")
    def next_due(self, commitment: Commitment) -> str:
        due: dt.datetime | None = commitment.next_due_at  # type: ignore[attr-defined]
        return f"{due:%Y-%m-%d %H:%M}" if due else "—"

    def create_via_service(self, request: HttpRequest, form: ModelForm) -> Commitment:
        data = {k: v for k, v in form.cleaned_data.items() if k in COMMITMENT_FIELDS}
        return commitment_create(
            agreement=form.cleaned_data["agreement"],
            bound_actors=list(form.cleaned_data.get("bound_actors") or []),
            user=request.user,
            **data,
        )

    def update_via_service(self, request: HttpRequest, obj: Commitment, form: ModelForm) -> Commitment:
        return commitment_update(
            commitment=self.fresh(obj),
            changes=changed_fields(form, COMMITMENT_FIELDS),
            bound_actors=list(form.cleaned_data["bound_actors"]) if "bound_actors" in form.changed_data else None,
            user=request.user,
        )

    def delete_via_service(self, request: HttpRequest, obj: Commitment) -> None:
        commitment_delete(commitment=obj, user=request.user)

    # --- reverting to a version: the text through commitment_update, the status through
    # commitment_set_status (a status change like any other, with its sources and event) ---

    revert_fields = (*COMMITMENT_FIELDS, "bound_actors")
    revert_leaves = {
        "agreement": "A commitment stays with its agreement; add one to the other agreement instead.",
        "status": "Only an editor who may record status changes can revert a status.",
    }
    revert_note = "Deadlines keep histories of their own: a revert leaves them as they are."

    def revert_via_service(self, request: HttpRequest, obj: Commitment, changes: dict[str, Any]) -> None:
        bound_actors = changes.pop("bound_actors", None)
        commitment_update(commitment=self.fresh(obj), changes=changes, bound_actors=bound_actors, user=request.user)

    def _reverts_status(self, request: HttpRequest, obj: Commitment, version: Any) -> bool:
        return bool(version.status != obj.status and self.has_record_status_permission(request))

    def revert_extra_fields(self, request: HttpRequest, obj: Commitment, version: Any) -> tuple[str, ...]:
        return ("status",) if self._reverts_status(request, obj, version) else ()

    def revert_extra_form(self, request: HttpRequest, obj: Commitment, version: Any) -> forms.Form | None:
        """The note and sources of the status change a revert records, offering the sources that backed
        the version's status (the change that set it)."""
        if not self._reverts_status(request, obj, version):
            return None
        backing = (
            StatusChange.objects.filter(commitment=obj, to_status=version.status, changed_at__lte=version.history_date)
            .order_by("-changed_at", "-id")
            .first()
        )
        initial = {"sources": [s.pk for s in backing.sources.all()]} if backing else {}
        return StatusRevertForm(request.POST if request.method == "POST" else None, initial=initial)

    def revert_extra(self, request: HttpRequest, obj: Commitment, version: Any, form: forms.Form) -> None:
        why = [f"Reverted to the version of {version_label(version)}.", form.cleaned_data["note"]]
        commitment_set_status(
            commitment=obj,
            status=version.status,
            sources=list(form.cleaned_data["sources"]),
            note=" ".join(filter(None, why)),
            user=request.user,
        )

    def save_deadlines(self, request: HttpRequest, commitment: Commitment, formset: BaseInlineFormSet) -> None:
        for f in formset.deleted_forms:
            if f.instance.pk:
                deadline_delete(deadline=f.instance, user=request.user)
        for f in kept_forms(formset):
            if f.instance.pk is None:
                data = {k: v for k, v in f.cleaned_data.items() if k in DEADLINE_FIELDS}
                f.instance = deadline_create(commitment=commitment, user=request.user, **data)
            elif f.has_changed():
                deadline_update(
                    deadline=Deadline.objects.get(pk=f.instance.pk),
                    changes=changed_fields(f, DEADLINE_FIELDS),
                    user=request.user,
                )

    # --- recording a status change -----------------------------------------

    def get_urls(self) -> list[Any]:
        view = self.admin_site.admin_view(self.record_status_view)
        return [path("record-status/", view, name="agreements_commitment_record_status"), *super().get_urls()]

    def has_record_status_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm("agreements.add_statuschange") and request.user.has_perm(
            "agreements.change_commitment"
        )

    @admin.action(description="Record a status change (with a source)", permissions=["record_status"])
    def record_status_action(self, request: HttpRequest, queryset: QuerySet) -> HttpResponse:
        ids = ",".join(str(pk) for pk in queryset.values_list("pk", flat=True))
        return HttpResponseRedirect(f"{reverse('admin:agreements_commitment_record_status')}?ids={ids}")

    def record_status_view(self, request: HttpRequest) -> HttpResponse:
        """Record one status change, with its sources, for each chosen commitment."""
        if not self.has_record_status_permission(request):
            raise PermissionDenied
        raw_ids = request.GET.get("ids", "")
        ids = [int(part) for part in raw_ids.split(",") if part.strip().isdigit()]
        commitments = list(Commitment.objects.filter(pk__in=ids).select_related("agreement"))
        if not commitments:
            self.message_user(request, "Choose at least one commitment first.", messages.WARNING)
            return HttpResponseRedirect(reverse("admin:agreements_commitment_changelist"))

        form = StatusChangeForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                with transaction.atomic():
                    sources = list(form.cleaned_data["sources"])
                    new = form.new_source()
                    if new is not None:
                        sources.append(source_create(user=request.user, **new))
                    for commitment in commitments:
                        commitment_set_status(
                            commitment=commitment,
                            status=form.cleaned_data["status"],
                            sources=sources,
                            note=form.cleaned_data["note"],
                            user=request.user,
                        )
            except ValidationError as exc:
                for field, errors in exc.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                self.message_user(
                    request,
                    f"Recorded “{CommitmentStatus(form.cleaned_data['status']).label}” for "
                    f"{len(commitments)} commitment(s).",
                    messages.SUCCESS,
                )
                if len(commitments) == 1:
                    return HttpResponseRedirect(reverse("admin:agreements_commitment_change", args=[commitments[0].pk]))
                return HttpResponseRedirect(reverse("admin:agreements_commitment_changelist"))

        context = {
            **self.admin_site.each_context(request),
            "title": "Record a status change",
            "opts": self.model._meta,
            "form": form,
            "commitments": commitments,
            "media": self.media + form.media,
        }
        return TemplateResponse(request, "admin/agreements/commitment/record_status.html", context)
