"""Where an ETH/PRIO ceasefire is: its country (ISO 3166-1 alpha-2) and its IANA time zone.

Countries. The file gives each ceasefire's country twice: ``cc``, a
Gleditsch–Ward code (GW codes are *not* ISO numeric codes: GW 620 is Libya,
ISO 620 Portugal), and ``location``, a name. ``GLEDITSCH_WARD`` maps exactly
the 66 GW states of the 2022 release to alpha-2; names go through pycountry,
or ``LOCATION_NAMES`` where the dataset's name is not one pycountry knows
("DR Congo (Zaire)"). The two must agree; a code or a name in neither table is
refused, never guessed. GW counts a state as continuing through its renamings,
so its states map to today's code: 345 Yugoslavia → Serbia (RS), 365 the
Soviet Union → Russia (RU), 678 North Yemen → Yemen (YE).

Time zones. A ceasefire's zone is its country's: the one zone the tz
database's ``zone.tab`` lists for the country, or, for a country with several,
the zone of the conflicts this dataset records there (``CONFLICT_ZONES``, each
checked against ``zone.tab``):

- MX America/Mexico_City — Chiapas (EZLN), Guerrero and Oaxaca (EPR).
- ES Europe/Madrid — the Basque Country (ETA), Catalonia (Terra Lliure).
- RU Europe/Moscow — Chechnya and the North Caucasus, Moscow in 1993. Not
  365025 and 365026: Armenia and the Azerbaijani Popular Front in Nagorno-
  Karabakh, 1989–90, then in the Soviet Union, now in Asia/Baku (an hour ahead).
- UA Europe/Kyiv — the Donbas (the DPR and LPR against the government) and
  Kyiv (Maidan). The DPR- and LPR-held areas kept Moscow time from October 2014.
- CD Africa/Lubumbashi — the eastern wars (the Kivus, Ituri: RCD, CNDP, M23,
  Mayi Mayi). The MLC's Équateur and Kinshasa are in Africa/Kinshasa, an hour
  behind; 490081 (the Ninjas, "in the Pool region") reads as Congo-Brazzaville's.
- ID Asia/Jakarta — Aceh (GAM), most of Indonesia's ceasefires. Not Fretilin's
  East Timor (850001, 850002, 850004; Asia/Dili, then an hour ahead) nor the
  OPM's Papua (850003; Asia/Jayapura, two hours ahead).
- MY Asia/Kuala_Lumpur — the CPM's peninsula (1989); the Sulu standoff (2013)
  was in Sabah, Asia/Kuching: the two zones have agreed since 1982.
- PG Pacific/Bougainville — every one is Bougainville's (the BRA); the zone
  kept Port Moresby's time until the end of 2014.

Countries with one zone whose conflicts reach land the tz database zones
apart: Israel is Asia/Jerusalem, and Gaza (Asia/Gaza) has changed its clocks on
other days in some years; Morocco is Africa/Casablanca, Western Sahara's
POLISARIO Africa/El_Aaiun (the same clocks since 1976).

``zone.tab`` is read where ``zoneinfo`` finds its zones (``zoneinfo.TZPATH``,
then the ``tzdata`` package), so every zone named here is one it can load.
"""

from __future__ import annotations

import importlib.resources
import zoneinfo
from collections import defaultdict
from functools import lru_cache
from pathlib import Path

import pycountry

# GW code -> ISO 3166-1 alpha-2, for the GW states in the release (named as GW names them).
GLEDITSCH_WARD: dict[int, str] = {
    70: "MX",  # Mexico
    90: "GT",  # Guatemala
    92: "SV",  # El Salvador
    93: "NI",  # Nicaragua
    100: "CO",  # Colombia
    200: "GB",  # United Kingdom
    230: "ES",  # Spain
    343: "MK",  # Macedonia
    344: "HR",  # Croatia
    345: "RS",  # Yugoslavia, then Serbia
    346: "BA",  # Bosnia-Herzegovina
    359: "MD",  # Moldova
    365: "RU",  # Russia (Soviet Union)
    369: "UA",  # Ukraine
    372: "GE",  # Georgia
    373: "AZ",  # Azerbaijan
    404: "GW",  # Guinea-Bissau
    432: "ML",  # Mali
    433: "SN",  # Senegal
    436: "NE",  # Niger
    437: "CI",  # Ivory Coast
    450: "LR",  # Liberia
    451: "SL",  # Sierra Leone
    471: "CM",  # Cameroon
    475: "NG",  # Nigeria
    482: "CF",  # Central African Republic
    483: "TD",  # Chad
    484: "CG",  # Congo
    490: "CD",  # Congo, Democratic Republic of (Zaire)
    500: "UG",  # Uganda
    501: "KE",  # Kenya
    516: "BI",  # Burundi
    517: "RW",  # Rwanda
    520: "SO",  # Somalia
    522: "DJ",  # Djibouti
    530: "ET",  # Ethiopia
    540: "AO",  # Angola
    541: "MZ",  # Mozambique
    570: "LS",  # Lesotho
    600: "MA",  # Morocco
    615: "DZ",  # Algeria
    620: "LY",  # Libya
    625: "SD",  # Sudan
    626: "SS",  # South Sudan
    630: "IR",  # Iran
    640: "TR",  # Turkey
    645: "IQ",  # Iraq
    651: "EG",  # Egypt
    652: "SY",  # Syria
    660: "LB",  # Lebanon
    666: "IL",  # Israel
    678: "YE",  # Yemen (Arab Republic of Yemen, North Yemen, until 1990)
    700: "AF",  # Afghanistan
    702: "TJ",  # Tajikistan
    750: "IN",  # India
    770: "PK",  # Pakistan
    771: "BD",  # Bangladesh
    775: "MM",  # Myanmar (Burma)
    780: "LK",  # Sri Lanka
    790: "NP",  # Nepal
    800: "TH",  # Thailand
    811: "KH",  # Cambodia (Kampuchea)
    820: "MY",  # Malaysia
    840: "PH",  # Philippines
    850: "ID",  # Indonesia
    910: "PG",  # Papua New Guinea
}

# The dataset's names that pycountry does not know, as the dataset spells them.
LOCATION_NAMES: dict[str, str] = {
    "Bosnia-Herzegovina": "BA",
    "Cambodia (Kampuchea)": "KH",
    "DR Congo (Zaire)": "CD",
    "Ivory Coast": "CI",
    "Macedonia": "MK",
    "Myanmar (Burma)": "MM",
    "Russia (Soviet Union)": "RU",
    "Serbia (Yugoslavia)": "RS",
    "Turkey": "TR",
    "Yemen (North Yemen)": "YE",
}

# Countries with several zones in zone.tab: the zone of this dataset's conflicts there (see above).
CONFLICT_ZONES: dict[str, str] = {
    "CD": "Africa/Lubumbashi",
    "ES": "Europe/Madrid",
    "ID": "Asia/Jakarta",
    "MX": "America/Mexico_City",
    "MY": "Asia/Kuala_Lumpur",
    "PG": "Pacific/Bougainville",
    "RU": "Europe/Moscow",
    "UA": "Europe/Kyiv",
}


class PlaceError(ValueError):
    """A country or time zone the tables do not give; ``column`` is the cell to look at."""

    def __init__(self, column: str, reason: str) -> None:
        super().__init__(reason)
        self.column = column


def _alpha2_for_name(name: str) -> str | None:
    if name in LOCATION_NAMES:
        return LOCATION_NAMES[name]
    try:
        # An exact lookup (names, official and common names, codes), never the fuzzy search.
        return pycountry.countries.lookup(name).alpha_2
    except LookupError:
        return None


def country_code(gw_code: int, location: str) -> str:
    """The ISO 3166-1 alpha-2 code of a GW code and the dataset's name for it, which must agree.

    Raises ``PlaceError`` naming what is unknown or in disagreement.
    """
    by_code = GLEDITSCH_WARD.get(gw_code)
    if by_code is None:
        raise PlaceError(
            "cc", f"Gleditsch–Ward code {gw_code} is not one this reader knows (GW codes are not ISO codes)"
        )
    name = " ".join(location.split())
    by_name = _alpha2_for_name(name)
    if by_name is None:
        raise PlaceError("location", f"{location!r} is not a country name this reader knows")
    if by_name != by_code:
        raise PlaceError("location", f"Gleditsch–Ward code {gw_code} is {by_code}, but {location!r} is {by_name}")
    return by_code


def _zone_tab_text() -> str:
    for folder in zoneinfo.TZPATH:
        path = Path(folder) / "zone.tab"
        if path.is_file():
            return path.read_text(encoding="utf-8")
    return importlib.resources.files("tzdata").joinpath("zoneinfo", "zone.tab").read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def zones_by_country() -> dict[str, tuple[str, ...]]:
    """Every country's zones as ``zone.tab`` lists them (one country a zone)."""
    zones: defaultdict[str, list[str]] = defaultdict(list)
    for line in _zone_tab_text().splitlines():
        if line and not line.startswith("#"):
            country, _coordinates, zone = line.split("\t")[:3]
            zones[country].append(zone)
    return {country: tuple(names) for country, names in zones.items()}


def time_zone(country: str) -> str:
    """The IANA time zone of a ceasefire in ``country`` (alpha-2), by the rule in the module docstring.

    Raises ``PlaceError`` for a country with no zone, or with several and none chosen.
    """
    if country in CONFLICT_ZONES:
        return CONFLICT_ZONES[country]
    zones = zones_by_country().get(country, ())
    if len(zones) == 1:
        return zones[0]
    if not zones:
        raise PlaceError("location", f"the tz database lists no time zone for {country}")
    raise PlaceError(
        "location", f"{country} has {len(zones)} time zones ({', '.join(zones)}) and none is chosen for it"
    )
