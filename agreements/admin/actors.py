"""Admin for actors: every spelling in one place, found by any of them."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.forms import ModelForm
from django.http import HttpRequest

from agreements.models import Actor
from agreements.services.actors import ACTOR_FIELDS, actor_create, actor_delete, actor_update
from utilities.admin import related_column

from .base import ServiceAdmin, changed_fields


class AliasesField(forms.CharField):
    """Aliases as one name per line."""

    widget = forms.Textarea(attrs={"rows": 4})

    def prepare_value(self, value: object) -> object:
        return "\n".join(value) if isinstance(value, list) else value

    def to_python(self, value: object) -> list[str]:  # type: ignore[override]  # a list, not one string
        if isinstance(value, list):
            return value
        return [line.strip() for line in str(value or "").splitlines() if line.strip()]


class ActorForm(ModelForm):
    aliases = AliasesField(required=False, help_text="One spelling per line, as seen in sources.")

    class Meta:
        model = Actor
        fields = ["name", "slug", "kind", "country", "aliases", "represents", "description"]


@admin.register(Actor)
class ActorAdmin(ServiceAdmin[Actor]):
    form = ActorForm
    list_display = ("name", "kind", "country", "alias_list", related_column("represents"))
    list_filter = ("kind", "country")
    list_select_related = ("represents",)
    autocomplete_fields = ("represents",)
    prepopulated_fields = {"slug": ("name",)}

    @admin.display(description="Aliases")
    def alias_list(self, actor: Actor) -> str:
        return ", ".join(actor.aliases)

    def create_via_service(self, request: HttpRequest, form: ModelForm) -> Actor:
        data = {k: v for k, v in form.cleaned_data.items() if k in ACTOR_FIELDS}
        return actor_create(user=request.user, **data)

    def update_via_service(self, request: HttpRequest, obj: Actor, form: ModelForm) -> Actor:
        return actor_update(actor=self.fresh(obj), changes=changed_fields(form, ACTOR_FIELDS), user=request.user)

    def delete_via_service(self, request: HttpRequest, obj: Actor) -> None:
        actor_delete(actor=obj, user=request.user)

    revert_fields = ACTOR_FIELDS

    def revert_via_service(self, request: HttpRequest, obj: Actor, changes: dict[str, Any]) -> None:
        actor_update(actor=self.fresh(obj), changes=changes, user=request.user)
