"""Admin for sources: the documents and quotes behind every record."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.forms import ModelForm
from django.http import HttpRequest

from agreements.models import Source
from agreements.services.sources import SOURCE_FIELDS, source_create, source_delete, source_update

from .base import ServiceAdmin, changed_fields


@admin.register(Source)
class SourceAdmin(ServiceAdmin[Source]):
    list_display = ("title", "publisher", "author", "published_on", "link")
    list_filter = ("publisher",)
    date_hierarchy = "published_on"
    fields = ("title", "publisher", "author", "published_on", "link", "quote", "note", "key")

    def create_via_service(self, request: HttpRequest, form: ModelForm) -> Source:
        data = {k: v for k, v in form.cleaned_data.items() if k in SOURCE_FIELDS}
        return source_create(user=request.user, **data)

    def update_via_service(self, request: HttpRequest, obj: Source, form: ModelForm) -> Source:
        return source_update(source=self.fresh(obj), changes=changed_fields(form, SOURCE_FIELDS), user=request.user)

    def delete_via_service(self, request: HttpRequest, obj: Source) -> None:
        source_delete(source=obj, user=request.user)

    revert_fields = SOURCE_FIELDS

    def revert_via_service(self, request: HttpRequest, obj: Source, changes: dict[str, Any]) -> None:
        source_update(source=self.fresh(obj), changes=changes, user=request.user)
