"""The countries an agreement concerns, picked by name; stored as ISO 3166-1 alpha-2 codes."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import pycountry
from django import forms
from django.conf import settings

from agreements.countries import COMMON_NAMES
from utilities.folding import fold


@lru_cache(maxsize=1)
def country_choices() -> list[tuple[str, str]]:
    """Every ISO 3166-1 country as ``("LY", "Libya (LY)")``, in the order of their names."""
    countries = sorted(pycountry.countries, key=lambda c: fold(c.name))
    return [(c.alpha_2, f"{c.name} ({c.alpha_2})") for c in countries]


@lru_cache(maxsize=1)
def other_names() -> dict[str, str]:
    """The names a country goes by besides ISO's short one ("Turkey" for Türkiye), to search by."""
    names: dict[str, list[str]] = {}
    for country in pycountry.countries:
        for attribute in ("official_name", "common_name"):
            value = getattr(country, attribute, None)
            if value and value != country.name:
                names.setdefault(country.alpha_2, []).append(value)
    for name, code in COMMON_NAMES.items():
        names.setdefault(code, []).append(name)
    return {code: "; ".join(dict.fromkeys(found)) for code, found in names.items()}


class CountriesWidget(forms.SelectMultiple):
    """A searchable multiple choice (the admin's own select2), by any name a country goes by."""

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(
            {
                "class": "admin-countries",
                "data-theme": "admin-autocomplete",
                "data-placeholder": "Type a country's name or code",
                "style": "width: 36em",  # select2 takes its width from here; the stylesheet caps it
                **(attrs or {}),
            }
        )

    def create_option(self, *args: Any, **kwargs: Any) -> dict[str, Any]:
        option = super().create_option(*args, **kwargs)
        names = other_names().get(str(option["value"]))
        if names:
            option["attrs"]["data-names"] = names
        return option

    @property
    def media(self) -> forms.Media:
        # The same files, in the same order, as the admin's autocomplete widgets: loaded once.
        extra = "" if settings.DEBUG else ".min"
        return forms.Media(
            js=(
                f"admin/js/vendor/jquery/jquery{extra}.js",
                f"admin/js/vendor/select2/select2.full{extra}.js",
                "admin/js/jquery.init.js",
                "agreements/admin/countries.js",
            ),
            css={"screen": (f"admin/css/vendor/select2/select2{extra}.css", "admin/css/autocomplete.css")},
        )


class CountriesField(forms.TypedMultipleChoiceField):
    """ISO 3166-1 alpha-2 codes, chosen from the list by name: nothing else gets through."""

    widget = CountriesWidget

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("help_text", "The countries the agreement concerns: type a name or an ISO code.")
        super().__init__(choices=country_choices, coerce=str, **kwargs)

    def prepare_value(self, value: Any) -> Any:
        # A JSON list from the model, or the submitted codes.
        return list(value) if isinstance(value, (list, tuple)) else value
