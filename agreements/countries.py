"""ISO 3166 country codes (pycountry), for validation and PA-X's alpha-3 codes."""

from __future__ import annotations

import re
from functools import lru_cache

import pycountry
from django.core.exceptions import ValidationError


@lru_cache(maxsize=1)
def _alpha2() -> frozenset[str]:
    return frozenset(c.alpha_2 for c in pycountry.countries)


@lru_cache(maxsize=1)
def _alpha3_to_alpha2() -> dict[str, str]:
    return {c.alpha_3: c.alpha_2 for c in pycountry.countries}


def is_country_code(code: str) -> bool:
    """True for an ISO 3166-1 alpha-2 code such as ``LY``."""
    return code in _alpha2()


def validate_country_code(code: str) -> None:
    """Refuse anything but an upper-case ISO 3166-1 alpha-2 code."""
    if code and not is_country_code(code):
        raise ValidationError(f"{code!r} is not an ISO 3166-1 alpha-2 country code (such as 'LY').")


def validate_country_codes(codes: object) -> None:
    """A list of distinct ISO 3166-1 alpha-2 codes."""
    if not isinstance(codes, list) or not all(isinstance(c, str) for c in codes):
        raise ValidationError("Countries must be a list of ISO 3166-1 alpha-2 codes.")
    bad = [c for c in codes if not is_country_code(c)]
    if bad:
        raise ValidationError(f"Not ISO 3166-1 alpha-2 country codes: {', '.join(map(repr, bad))}.")
    if len(set(codes)) != len(codes):
        raise ValidationError("A country is listed twice.")


def alpha2_from_alpha3(code: str) -> str | None:
    """``LBY`` -> ``LY``; ``None`` for codes ISO does not know (PA-X uses a few)."""
    return _alpha3_to_alpha2().get(code.strip().upper())


def country_name(code: str) -> str:
    """The English short name for an alpha-2 code, or the code itself."""
    country = pycountry.countries.get(alpha_2=code)
    return country.name if country else code


# Short forms documents use that ISO's names (pycountry) do not give.
COMMON_NAMES: dict[str, str] = {
    "Russia": "RU",
    "Turkey": "TR",
    "Iran": "IR",
    "Syria": "SY",
    "UK": "GB",
    "Britain": "GB",
    "Great Britain": "GB",
    "USA": "US",
    "US": "US",
    "United States": "US",
    "Vietnam": "VN",
    "Laos": "LA",
    "South Korea": "KR",
    "North Korea": "KP",
    "Tanzania": "TZ",
    "Bolivia": "BO",
    "Venezuela": "VE",
    "Moldova": "MD",
    "Czech Republic": "CZ",
    "Macedonia": "MK",
    "Ivory Coast": "CI",
    "Cape Verde": "CV",
    "Swaziland": "SZ",
    "Burma": "MM",
    "DR Congo": "CD",
    "DRC": "CD",
    "Democratic Republic of Congo": "CD",
    "Democratic Republic of the Congo": "CD",
    "Bosnia-Herzegovina": "BA",
    "Macedonia, FYR": "MK",
    "Congo-Brazzaville": "CG",
    "Palestine": "PS",
    "Vatican": "VA",
    "Holy See": "VA",
    "Brunei": "BN",
    "East Timor": "TL",
    "The Gambia": "GM",
    "Gambia": "GM",
}


@lru_cache(maxsize=1)
def _by_name() -> dict[str, str]:
    names: dict[str, str] = {}
    for country in pycountry.countries:
        for attribute in ("name", "official_name", "common_name"):
            value = getattr(country, attribute, None)
            if value:
                names.setdefault(value.casefold(), country.alpha_2)
    names.update({name.casefold(): code for name, code in COMMON_NAMES.items()})
    return names


def alpha2_from_name(name: str) -> str | None:
    """The alpha-2 code of a country named exactly (any case): ISO's names, or a common short form."""
    return _by_name().get(name.strip().casefold())


_GOVERNMENT_OF = re.compile(
    r"^(?:the\s+)?(?:government|gobierno|gouvernement|governo)(?:\s*(?:of|de|del|de\s+la|du|da|do)\s*|\s+)"
    r"(?P<place>[^()]+?)\s*(?:\((?P<other>[^()]*)\))?$"
    r"|^(?:the\s+)?(?P<before>[^()]+?)\s+government$",
    re.IGNORECASE,
)


def government_country(name: str) -> str | None:
    """The country whose national government ``name`` names, by the country's own name.

    "Government of Colombia", "Government of the Republic of Colombia", "Gobierno de
    Colombia", UCDP's "Government of DR Congo (Zaire)" (a former name in brackets) and
    its typing "Government ofGuatemala", "Sudan Government" each name one; "Government of
    National Unity" names none (it is not a country's name), nor does "Host Government".
    """
    match = _GOVERNMENT_OF.match(name.strip())
    if match is None:
        return None
    for place in (match["place"] or match["before"], match["other"] or ""):
        # An article is part of some names ("El Salvador"), not of others ("la République du Mali").
        for spelling in (place.strip(), _ARTICLE.sub("", place.strip())):
            if spelling and (code := alpha2_from_name(spelling)):
                return code
    return None


_ARTICLE = re.compile(r"^(?:the|la|le|el|l['’])\s*", re.IGNORECASE)
