"""What an admin page would submit if the editor pressed Save without touching anything."""

from __future__ import annotations

from typing import Any

from django.forms import BaseForm
from django.http import HttpResponse


def as_submitted(response: HttpResponse) -> dict[str, Any]:
    """The data of a rendered change form and its inlines, as the browser would post them."""
    context = response.context  # type: ignore[attr-defined]
    forms: list[BaseForm] = [context["adminform"].form]
    for inline in context.get("inline_admin_formsets", []):
        forms += [inline.formset.management_form, *inline.formset.forms]
    data: dict[str, Any] = {}
    for form in forms:
        for name in form.fields:
            value = form[name].value()
            if value is not None:
                data[form.add_prefix(name)] = value
    return data
