"""Admin for agreements, with their parties, commitments and links inline."""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import QuerySet
from django.forms import BaseInlineFormSet, ModelForm
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.html import format_html

from agreements.ethprio.importer import ImportRefused, ceasefires_import
from agreements.ethprio.reader import NotAnEthPrioFile
from agreements.models import Agreement, AgreementLink, Commitment, Signatory
from agreements.pax.importer import OlderRelease, pax_import
from agreements.pax.reader import NotAPaxRelease
from agreements.selectors import agreements_with_overview
from agreements.services.agreements import (
    AGREEMENT_FIELDS,
    LinkInput,
    SignatoryInput,
    agreement_create,
    agreement_delete,
    agreement_update,
)
from agreements.services.commitments import COMMITMENT_FIELDS, commitment_create, commitment_delete, commitment_update
from utilities.admin import LongTextInputs
from utilities.csvfile import CsvFileError

from .base import ServiceAdmin, changed_fields, kept_forms
from .countries import CountriesField
from .filters import CountryFilter, HasOverdueFilter


class SignatoryInline(admin.TabularInline):
    model = Signatory
    fk_name = "agreement"
    extra = 1
    autocomplete_fields = ("actor", "signed_by")
    fields = ("actor", "role", "signed_by", "signed_as", "note", "origin")
    # Who stated it: a party an import made may be removed by a later import, unless an editor changes it.
    readonly_fields = ("origin",)
    classes = ("fluid",)  # as wide as the page, no wider (editor.css)
    formfield_overrides = {models.TextField: {"widget": forms.Textarea(attrs={"rows": 2})}}


class CommitmentInline(LongTextInputs, admin.StackedInline):
    model = Commitment
    extra = 0
    show_change_link = True
    autocomplete_fields = ("bound_actors", "wording_source")
    fields = ("number", "category", "wording", "wording_source", "summary", "bound_actors", "status", "overdue_since")
    readonly_fields = ("status", "overdue_since")


class LinkInline(admin.TabularInline):
    model = AgreementLink
    fk_name = "from_agreement"
    extra = 0
    autocomplete_fields = ("to_agreement",)
    fields = ("kind", "to_agreement", "note")
    classes = ("fluid",)
    formfield_overrides = {models.TextField: {"widget": forms.Textarea(attrs={"rows": 2})}}
    verbose_name = "link to another agreement"
    verbose_name_plural = "links to other agreements"


class AgreementForm(ModelForm):
    """An agreement as editors enter it: its countries picked by name, not typed as JSON."""

    countries = CountriesField(required=False)

    class Meta:
        model = Agreement
        fields = ["countries"]  # the admin adds the fields its fieldsets name


MAX_RELEASE_BYTES = 50 * 1024 * 1024
# Changes shown per section of an import report on the page; the JSON report file holds them all.
REPORT_LINES_SHOWN = 100


class CeasefireDatasetForm(forms.Form):
    release = forms.FileField(
        label="ETH/PRIO ceasefire dataset (CSV)", help_text="e.g. ethprio_ceasefires.csv, at most 50 MB."
    )
    skip_bad_rows = forms.BooleanField(
        required=False, help_text="Import the ceasefires whose rows can be read, and list the others."
    )

    def clean_release(self) -> Any:
        release = self.cleaned_data["release"]
        if release.size > MAX_RELEASE_BYTES:
            raise forms.ValidationError("The file is larger than 50 MB.")
        return release


class PaxReleaseForm(forms.Form):
    release = forms.FileField(label="PA-X release (CSV)", help_text="e.g. pax_v9.csv, at most 50 MB.")
    skip_bad_rows = forms.BooleanField(
        required=False, help_text="Import the rows that can be read, and list the others."
    )
    force = forms.BooleanField(
        required=False,
        label="Import even if older",
        help_text="Import a release older than the one imported, reverting what the later release says.",
    )
    reparse = forms.BooleanField(
        required=False,
        label="Read every party cell again",
        help_text="Against the actors the database knows now (for instance after the ETH/PRIO import added the "
        "UCDP actors); by default a cell read before, by the same parser, is taken as read then.",
    )

    def clean_release(self) -> Any:
        release = self.cleaned_data["release"]
        if release.size > MAX_RELEASE_BYTES:
            raise forms.ValidationError("The file is larger than 50 MB.")
        return release


@admin.register(Agreement)
class AgreementAdmin(ServiceAdmin[Agreement]):
    form = AgreementForm
    list_display = ("title", "display_date", "kind", "country_list", "commitments", "overdue", "next_due")
    list_filter = ("kind", CountryFilter, HasOverdueFilter, "date_precision", "agreement_type")
    date_hierarchy = "date"
    autocomplete_fields = ("sources",)
    prepopulated_fields = {"slug": ("title",)}
    inlines = (SignatoryInline, CommitmentInline, LinkInline)
    inline_savers = {
        Signatory: "save_signatories",
        Commitment: "save_commitments",
        AgreementLink: "save_links",
    }
    fieldsets = (
        (None, {"fields": ("title", "slug", "kind", ("date", "date_precision"), "place", "countries", "summary")}),
        ("Context", {"fields": ("conflict", "peace_process", "region", "agreement_type", "stage")}),
        ("Text and references", {"fields": ("info_url", "document_url", "external_ids", "sources", "full_text")}),
    )

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return agreements_with_overview(super().get_queryset(request))

    def get_urls(self) -> list[Any]:
        pax = self.admin_site.admin_view(self.import_pax_view)
        ceasefires = self.admin_site.admin_view(self.import_ceasefires_view)
        return [
            path("import-pax/", pax, name="agreements_agreement_import_pax"),
            path("import-ceasefires/", ceasefires, name="agreements_agreement_import_ceasefires"),
            *super().get_urls(),
        ]

    def _upload(
        self, request: HttpRequest, form: forms.Form, run: Callable[[Path, str], list[str]], *, title: str, intro: str
    ) -> HttpResponse:
        """A dataset upload: the file saved aside, imported by ``run``, its report shown; errors by name."""
        if not (
            request.user.has_perm("agreements.add_agreement") and request.user.has_perm("agreements.change_agreement")
        ):
            raise PermissionDenied
        report, error = None, ""
        if request.method == "POST" and form.is_valid():
            upload = form.cleaned_data["release"]
            with tempfile.TemporaryDirectory() as folder:
                target = Path(folder) / "upload.csv"
                with target.open("wb") as out:
                    for chunk in upload.chunks():
                        out.write(chunk)
                try:
                    report = run(target, upload.name)
                except CsvFileError as exc:
                    error = f"{upload.name} cannot be read, {exc}. Nothing was imported."
                except (NotAPaxRelease, NotAnEthPrioFile, ImportRefused, OlderRelease) as exc:
                    error = str(exc).replace(str(target), upload.name)
        context = {
            **self.admin_site.each_context(request),
            "title": title,
            "intro": intro,
            "opts": self.model._meta,
            "form": form,
            "report": report,
            "error": error,
        }
        return TemplateResponse(request, "admin/agreements/agreement/import_dataset.html", context)

    def import_pax_view(self, request: HttpRequest) -> HttpResponse:
        """Upload a PA-X release; the same import and report as ``manage.py import_pax`` (and its JSON file)."""
        form = PaxReleaseForm(request.POST or None, request.FILES or None)
        return self._upload(
            request,
            form,
            lambda path, name: pax_import(
                path,
                user=request.user,
                name=name,
                skip_bad_rows=form.cleaned_data["skip_bad_rows"],
                force=form.cleaned_data["force"],
                reparse=form.cleaned_data["reparse"],
            ).lines(limit=REPORT_LINES_SHOWN),
            title="Import a PA-X release",
            intro="Upload a release of the PA-X Peace Agreements Database (CSV). Agreements are created or "
            "updated by their PA-X id, with their parties and references; what editors added or changed is kept. "
            "The whole file is checked first: nothing is written if it cannot be read or is older than the "
            "release imported.",
        )

    def import_ceasefires_view(self, request: HttpRequest) -> HttpResponse:
        """Upload the ETH/PRIO dataset; the same import and report as ``manage.py import_ceasefires``."""
        form = CeasefireDatasetForm(request.POST or None, request.FILES or None)
        return self._upload(
            request,
            form,
            lambda path, name: ceasefires_import(
                path, user=request.user, skip_bad_rows=form.cleaned_data["skip_bad_rows"]
            ).lines(),
            title="Import the ETH/PRIO ceasefire dataset",
            intro="Upload the ETH/PRIO Civil Conflict Ceasefire Dataset (CSV). Each ceasefire (uniq_id) is "
            "created or updated with its actors (one per UCDP id), its commitment and deadlines; deadlines that "
            "passed before the import are recorded as passed without notifying subscribers. What editors "
            "changed is kept. The whole file is checked first: nothing is written if it cannot be read.",
        )

    @admin.display(description="Date", ordering="date")
    def display_date(self, agreement: Agreement) -> str:
        return agreement.display_date

    @admin.display(description="Countries")
    def country_list(self, agreement: Agreement) -> str:
        return ", ".join(agreement.countries)

    @admin.display(description="Commitments", ordering="commitment_count")
    def commitments(self, agreement: Agreement) -> int:
        return agreement.commitment_count or 0  # type: ignore[attr-defined]

    @admin.display(description="Overdue", ordering="overdue_count")
    def overdue(self, agreement: Agreement) -> str:
        count = agreement.overdue_count or 0  # type: ignore[attr-defined]
        return format_html('<strong style="color:#ba2121">{}</strong>', count) if count else "—"

    @admin.display(description="Next due (UTC)", ordering="next_due_at")
    def next_due(self, agreement: Agreement) -> str:
        due: dt.datetime | None = agreement.next_due_at  # type: ignore[attr-defined]
        return f"{due:%Y-%m-%d %H:%M}" if due else "—"

    def create_via_service(self, request: HttpRequest, form: ModelForm) -> Agreement:
        data = {k: v for k, v in form.cleaned_data.items() if k in AGREEMENT_FIELDS}
        return agreement_create(user=request.user, sources=list(form.cleaned_data.get("sources") or []), **data)

    def update_via_service(self, request: HttpRequest, obj: Agreement, form: ModelForm) -> Agreement:
        return agreement_update(
            agreement=self.fresh(obj),
            changes=changed_fields(form, AGREEMENT_FIELDS),
            sources=list(form.cleaned_data["sources"]) if "sources" in form.changed_data else None,
            user=request.user,
        )

    def delete_via_service(self, request: HttpRequest, obj: Agreement) -> None:
        agreement_delete(agreement=obj, user=request.user)

    revert_fields = (*AGREEMENT_FIELDS, "sources")
    revert_note = "Signatories, commitments and links keep histories of their own: a revert leaves them as they are."

    def revert_via_service(self, request: HttpRequest, obj: Agreement, changes: dict[str, Any]) -> None:
        sources = changes.pop("sources", None)
        agreement_update(agreement=self.fresh(obj), changes=changes, sources=sources, user=request.user)

    def save_signatories(self, request: HttpRequest, agreement: Agreement, formset: BaseInlineFormSet) -> None:
        parts = [
            SignatoryInput(
                actor=f.cleaned_data["actor"],
                role=f.cleaned_data["role"],
                signed_by=f.cleaned_data.get("signed_by"),
                signed_as=f.cleaned_data.get("signed_as", ""),
                note=f.cleaned_data.get("note", ""),
            )
            for f in kept_forms(formset)
        ]
        agreement_update(agreement=agreement, changes={}, signatories=parts, user=request.user)

    def save_links(self, request: HttpRequest, agreement: Agreement, formset: BaseInlineFormSet) -> None:
        links = [
            LinkInput(
                to_agreement=f.cleaned_data["to_agreement"],
                kind=f.cleaned_data["kind"],
                note=f.cleaned_data.get("note", ""),
            )
            for f in kept_forms(formset)
        ]
        agreement_update(agreement=agreement, changes={}, links=links, user=request.user)

    def save_commitments(self, request: HttpRequest, agreement: Agreement, formset: BaseInlineFormSet) -> None:
        for f in formset.deleted_forms:
            if f.instance.pk:
                commitment_delete(commitment=f.instance, user=request.user)
        for f in kept_forms(formset):
            if f.instance.pk is None:
                data = {k: v for k, v in f.cleaned_data.items() if k in COMMITMENT_FIELDS}
                f.instance = commitment_create(
                    agreement=agreement,
                    bound_actors=list(f.cleaned_data.get("bound_actors") or []),
                    user=request.user,
                    **data,
                )
            elif f.has_changed():
                commitment_update(
                    commitment=Commitment.objects.get(pk=f.instance.pk),
                    changes=changed_fields(f, COMMITMENT_FIELDS),
                    bound_actors=list(f.cleaned_data["bound_actors"]) if "bound_actors" in f.changed_data else None,
                    user=request.user,
                )
