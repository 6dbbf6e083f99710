"""Admin building blocks: saves routed through services, folded search, shared filters."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django.core.exceptions import ImproperlyConfigured
from django.db import models, transaction
from django.db.models import Model, QuerySet
from django.forms import BaseInlineFormSet, ModelForm
from django.http import HttpRequest

from agreements.search import search
from utilities.admin import EmptyValuesLast, LongTextInputs

from .history import HistoryAdmin

M = TypeVar("M", bound=Model)
EDITOR_CSS = "agreements/admin/editor.css"
InlineSaver = Callable[[HttpRequest, Model, BaseInlineFormSet], None]


def kept_forms(formset: BaseInlineFormSet) -> list[ModelForm]:
    """The inline forms that hold a row after the save: filled in and not marked for deletion."""
    deleted = set(map(id, formset.deleted_forms))
    return [f for f in formset.forms if id(f) not in deleted and f.cleaned_data and (f.instance.pk or f.has_changed())]


def changed_fields(form: ModelForm, fields: tuple[str, ...]) -> dict[str, Any]:
    """The cleaned values of the fields the editor changed, among ``fields``."""
    return {name: form.cleaned_data[name] for name in form.changed_data if name in fields}


class ServiceAdmin(EmptyValuesLast, LongTextInputs, HistoryAdmin[M]):
    """A model admin whose writes go through service functions, not ``obj.save()``.

    Subclasses define ``create_via_service``, ``update_via_service`` and
    ``delete_via_service``; inline formsets are saved by the functions in
    ``inline_savers``, keyed by the inline's model. Inlines without a saver are
    read-only. The admin's own change view is one transaction, so a failure in
    any service rolls the whole save back. Reverting to a version from the
    history goes through the services too (``revert_via_service``, see
    :mod:`agreements.admin.history`).
    """

    inline_savers: dict[type[Model], str] = {}
    search_fields = ("search_text",)
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    class Media:
        css = {"all": (EDITOR_CSS,)}

    def create_via_service(self, request: HttpRequest, form: ModelForm) -> M:
        raise ImproperlyConfigured(f"{type(self).__name__} does not create objects.")

    def update_via_service(self, request: HttpRequest, obj: M, form: ModelForm) -> M:
        raise ImproperlyConfigured(f"{type(self).__name__} does not change objects.")

    def delete_via_service(self, request: HttpRequest, obj: M) -> None:
        raise ImproperlyConfigured(f"{type(self).__name__} does not delete objects.")

    def fresh(self, obj: M) -> M:
        """The stored row, before the form's changes (the form has already set them on ``obj``)."""
        return type(obj)._default_manager.get(pk=obj.pk)

    def save_model(self, request: HttpRequest, obj: M, form: ModelForm, change: bool) -> None:
        saved = self.update_via_service(request, obj, form) if change else self.create_via_service(request, form)
        # The admin goes on with ``obj`` (inlines, messages, redirect): give it the saved row's state.
        obj.__dict__.update(saved.__dict__)

    def save_related(self, request: HttpRequest, form: ModelForm, formsets: list[Any], change: bool) -> None:
        # Many-to-many fields are passed to the services by save_model; only inlines remain.
        for formset in formsets:
            self.save_formset(request, form, formset, change)

    def save_formset(self, request: HttpRequest, form: ModelForm, formset: Any, change: bool) -> None:
        # The admin's change message reads these; formset.save() would have set them.
        formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
        saver = self.inline_savers.get(formset.model)
        if saver is not None:
            getattr(self, saver)(request, form.instance, formset)
            formset.new_objects = [f.instance for f in kept_forms(formset) if f.instance.pk and "id" not in f.initial]
            formset.changed_objects = [
                (f.instance, f.changed_data) for f in kept_forms(formset) if "id" in f.initial and f.has_changed()
            ]
            formset.deleted_objects = [f.instance for f in formset.deleted_forms if f.instance.pk]

    def delete_model(self, request: HttpRequest, obj: M) -> None:
        self.delete_via_service(request, obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet) -> None:
        """All the chosen records or none, as Django's own bulk delete (one statement) is: a race
        lost on the fifth leaves the first four standing too."""
        with transaction.atomic():
            for obj in queryset:
                self.delete_via_service(request, obj)

    def get_search_results(self, request: HttpRequest, queryset: QuerySet, search_term: str) -> tuple[QuerySet, bool]:
        """Search names and aliases ignoring case and accents (the API's search)."""
        if not search_term.strip():
            return queryset, False
        return search(queryset, search_term), False
