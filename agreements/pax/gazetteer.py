"""Names the PA-X parties parser knows before it reads any text.

The parser looks these up first and only then guesses from the shape of the text, because
a guess cannot tell "Sudan" in "Sudan People's Liberation Movement" from Sudan the state,
nor "ANC" in Juba from "ANC" in Pretoria. Everything here is curated by hand:

- States: pycountry (ISO 3166-1 names, official names and common names) plus the short and
  older forms PA-X uses (``COUNTRY_NAMES``), demonyms for "the Yemeni government"
  (``DEMONYMS``) and states that no longer exist (``FORMER_STATES``). Sources: ISO 3166-1 via
  pycountry; the UN Terminology Database (UNTERM) short and formal names; the CIA World
  Factbook's nationality adjectives.
- International organisations (``ORGANISATIONS``): names and acronyms as the organisations
  publish them (UN system directory, un.org/en/about-us/un-system; the UN peacekeeping
  missions list, peacekeeping.un.org/en/past-peacekeeping-operations; the AU, EU, OSCE,
  ECOWAS, IGAD, SADC, League of Arab States, OIC and CIS charters), including the French
  and Spanish acronyms PA-X cells use (CEDEAO, OUA, OEA, CBLT, CEEAC).
- National actors (``NATIONAL_ACTORS``): armed groups, parties and governments that are
  named by acronym across many agreements, each scoped to the country where the acronym
  means it. Names follow the UCDP actor list (ucdp.uu.se, "UCDP Actor Dataset") and the
  actors' own usage.
- Generic government references (``GENERIC_GOVERNMENT``, ``GOVERNMENT_ACRONYMS``): the
  ways an agreement's text calls the government of its own country, from the PA-X
  codebook's examples and common usage in English, Spanish and French texts.

Nothing here is read from the database: the importer passes what it already knows
through the parser's ``known`` callable.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

import pycountry

from agreements.choices import ActorKind
from utilities.folding import fold


def word_list(text: str) -> tuple[str, ...]:
    """A list of words written as one string: easier to read and edit than many literals."""
    return tuple(text.split())


def phrase_list(text: str) -> tuple[str, ...]:
    """A list of phrases written as one comma-separated string."""
    return tuple(p.strip() for p in text.split(",") if p.strip())


@dataclass(frozen=True)
class Entry:
    """A known actor: its canonical name, kind, country and other names.

    ``scope`` limits an entry's acronyms to agreements of some countries (ISO alpha-2), for
    acronyms that mean different actors in different places; () means everywhere.
    """

    name: str
    kind: str
    country: str = ""
    aliases: tuple[str, ...] = field(default=())
    scope: tuple[str, ...] = field(default=())


# --- states ---------------------------------------------------------------------------------

# Short, older and colloquial names PA-X cells use that pycountry does not carry.
COUNTRY_NAMES: dict[str, tuple[str, ...]] = {
    "AE": ("UAE", "Emirates"),
    "BA": ("Bosnia", "Bosnia-Herzegovina", "Bosnia Herzegovina", "BiH", "Bosnia and Hercegovina"),
    "BF": ("Faso", "Burkina"),  # "Président du Faso": Burkina Faso's head of state
    "BN": ("Brunei",),
    "BO": ("Bolivia",),
    "CD": (
        "DRC",
        "DR Congo",
        "D.R. Congo",
        "Democratic Republic of Congo",
        "Democratic Republic of the Congo",
        "Congo-Kinshasa",
        "Zaire",
        "RDC",
    ),
    "CF": ("CAR", "Central Africa", "Centrafrique", "République Centrafricaine", "RCA"),
    "CG": ("Republic of Congo", "Congo-Brazzaville", "Congo Brazzaville"),
    "CI": ("Ivory Coast", "Cote d'Ivoire", "Côte d’Ivoire"),
    "CM": ("Cameroun",),
    "CV": ("Cape Verde",),
    "CZ": ("Czech Republic",),
    "DE": ("FRG", "West Germany"),
    "ET": ("FDRE",),
    "EH": ("Western Sahara", "Sahrawi Arab Democratic Republic"),
    "FR": ("République Française",),
    "GB": ("UK", "U.K.", "Britain", "Great Britain", "United Kingdom"),
    "GM": ("The Gambia",),
    "GW": ("Guinea Bissau",),
    "IR": ("Iran",),
    "KP": ("North Korea", "DPRK"),
    "KZ": ("Kazakstan",),
    "KR": ("South Korea", "Korea"),
    "LA": ("Laos",),
    "MD": ("Moldova",),
    "MK": ("Macedonia", "FYROM", "Former Yugoslav Republic of Macedonia", "FYR Macedonia"),
    "MM": ("Burma",),
    "PG": ("PNG",),
    "PS": ("Palestine", "State of Palestine", "Occupied Palestinian Territory"),
    "RU": ("Russia",),
    "SD": ("Sudan", "Republic of the Sudan", "the Sudan"),
    "SS": ("South Sudan", "Republic of South Sudan"),
    "SY": ("Syria",),
    "SZ": ("Swaziland",),
    "TL": ("East Timor", "Timor Leste"),
    "TR": ("Turkey", "Türkiye", "Turkiye"),
    "TW": ("Taiwan",),
    "TZ": ("Tanzania",),
    "US": ("USA", "U.S.A.", "US", "U.S.", "United States", "United States of America", "America"),
    "VA": (
        "Vatican",
        "Holy See",
        "Vatican City",
        "City of Vatican",
        "State of the City of Vatican",
        "Vatican City State",
    ),
    "VE": ("Venezuela",),
    "VN": ("Vietnam",),
    "YE": ("Yemen Arab Republic", "North Yemen", "South Yemen", "People's Democratic Republic of Yemen"),
}

# States as French and Spanish signature pages write them ("Pour la République du Tchad",
# "Por el Reino de Noruega"), where the English or pycountry name differs.
FOREIGN_COUNTRY_NAMES: dict[str, tuple[str, ...]] = {
    "DZ": ("Algérie", "Algerie", "République Algérienne Démocratique et Populaire", "Argelia"),
    "TD": ("Tchad",),
    "MR": ("Mauritanie", "Mauretanie", "Mauritania"),
    "MA": ("Maroc", "Marruecos"),
    "TN": ("Tunisie", "Túnez"),
    "LY": ("Libye",),
    "EG": ("Égypte", "Egypte", "Egipto"),
    "SN": ("Sénégal",),
    "GN": ("Guinée", "Guinee"),
    "GW": ("Guinée-Bissau", "Guinée Bissau"),
    "GQ": ("Guinée équatoriale", "Guinea Ecuatorial"),
    "BJ": ("Bénin",),
    "KM": ("Comores",),
    "SO": ("Somalie",),
    "ER": ("Érythrée", "Erythrée"),
    "ET": ("Éthiopie", "Ethiopie"),
    "SD": ("Soudan",),
    "SS": ("Soudan du Sud",),
    "UG": ("Ouganda",),
    "NG": ("Nigéria",),
    "ZA": ("Afrique du Sud", "Sudáfrica"),
    "CM": ("Cameroun",),
    "DE": ("Allemagne", "Alemania"),
    "ES": ("Espagne", "España"),
    "IT": ("Italie", "Italia"),
    "BE": ("Belgique", "Bélgica"),
    "CH": ("Suisse", "Suiza", "Confédération suisse", "Confederación Suiza"),
    "SE": ("Suède", "Suecia"),
    "NO": ("Norvège", "Noruega", "Reino de Noruega"),
    "NL": ("Pays-Bas", "Países Bajos"),
    "GB": ("Royaume-Uni", "Reino Unido"),
    "US": ("États-Unis", "Etats-Unis", "États-Unis d'Amérique", "Estados Unidos", "Estados Unidos de América"),
    "RU": ("Russie", "Fédération de Russie", "Rusia", "Federación de Rusia"),
    "CN": ("Chine",),
    "JP": ("Japon", "Japón"),
    "BR": ("Brésil", "Brasil"),
    "MX": ("Mexique", "México"),
    "CU": ("Cuba",),
    "CL": ("Chili",),
}

# States PA-X names that have no ISO 3166-1 code today (so no ``country``). Kosovo's "XK" is
# user-assigned, not ISO, and the model validates codes against ISO.
FORMER_STATES: tuple[str, ...] = (
    "Yugoslavia",
    "Federal Republic of Yugoslavia",
    "FRY",
    "Socialist Federal Republic of Yugoslavia",
    "SFRY",
    "Serbia and Montenegro",
    "Soviet Union",
    "USSR",
    "Union of Soviet Socialist Republics",
    "Czechoslovakia",
    "German Democratic Republic",
    "East Germany",
    "GDR",
    "Kosovo",
    "Republic of Kosovo",
)

# The names an agreement's own country is called by in "Government of <country>", where
# pycountry's name reads badly ("Congo, The Democratic Republic of the").
SHORT_NAMES: dict[str, str] = {
    "BO": "Bolivia",
    "CF": "the Central African Republic",
    "CZ": "the Czech Republic",
    "DO": "the Dominican Republic",
    "GM": "the Gambia",
    "NL": "the Netherlands",
    "AE": "the United Arab Emirates",
    "CD": "the Democratic Republic of the Congo",
    "CG": "the Republic of the Congo",
    "FM": "Micronesia",
    "GB": "the United Kingdom",
    "IR": "Iran",
    "KP": "North Korea",
    "KR": "South Korea",
    "LA": "Laos",
    "MD": "Moldova",
    "PH": "the Philippines",
    "PS": "Palestine",
    "RU": "the Russian Federation",
    "SY": "Syria",
    "TW": "Taiwan",
    "TZ": "Tanzania",
    "US": "the United States",
    "VA": "the Holy See",
    "VE": "Venezuela",
    "VN": "Vietnam",
}

# Nationality adjectives, for "the Yemeni government" and "Kenyan facilitation team".
DEMONYMS: dict[str, str] = {
    "Afghan": "AF",
    "Albanian": "AL",
    "Algerian": "DZ",
    "American": "US",
    "Angolan": "AO",
    "Armenian": "AM",
    "Azerbaijani": "AZ",
    "Bangladeshi": "BD",
    "Bosnian": "BA",
    "British": "GB",
    "Burundian": "BI",
    "Burundi": "BI",
    "Cambodian": "KH",
    "Cameroonian": "CM",
    "Central African": "CF",
    "Centrafricain": "CF",
    "Centrafricaine": "CF",
    "Chadian": "TD",
    "Chinese": "CN",
    "Colombian": "CO",
    "Comorian": "KM",
    "Congolese": "CD",
    "Croatian": "HR",
    "Cypriot": "CY",
    "Djiboutian": "DJ",
    "Dutch": "NL",
    "Egyptian": "EG",
    "Eritrean": "ER",
    "Ethiopian": "ET",
    "French": "FR",
    "Gabonese": "GA",
    "Georgian": "GE",
    "German": "DE",
    "Ghanaian": "GH",
    "Guatemalan": "GT",
    "Guinean": "GN",
    "Haitian": "HT",
    "Indian": "IN",
    "Indonesian": "ID",
    "Iranian": "IR",
    "Iraqi": "IQ",
    "Irish": "IE",
    "Israeli": "IL",
    "Ivorian": "CI",
    "Japanese": "JP",
    "Jordanian": "JO",
    "Kenyan": "KE",
    "Kenya": "KE",
    "Lebanese": "LB",
    "Liberian": "LR",
    "Libyan": "LY",
    "Macedonian": "MK",
    "Malagasy": "MG",
    "Malaysian": "MY",
    "Malian": "ML",
    "Mexican": "MX",
    "Moldovan": "MD",
    "Moroccan": "MA",
    "Mozambican": "MZ",
    "Nepalese": "NP",
    "Nepali": "NP",
    "Nicaraguan": "NI",
    "Nigerian": "NG",
    "Nigerien": "NE",
    "Norwegian": "NO",
    "Pakistani": "PK",
    "Palestinian": "PS",
    "Philippine": "PH",
    "Russian": "RU",
    "Rwandan": "RW",
    "Rwandese": "RW",
    "Salvadoran": "SV",
    "Saudi": "SA",
    "Senegalese": "SN",
    "Serbian": "RS",
    "Sierra Leonean": "SL",
    "Somali": "SO",
    "South African": "ZA",
    "South Sudanese": "SS",
    "Spanish": "ES",
    "Sri Lankan": "LK",
    "Sudanese": "SD",
    "Swiss": "CH",
    "Syrian": "SY",
    "Tajik": "TJ",
    "Tanzanian": "TZ",
    "Thai": "TH",
    "Togolese": "TG",
    "Turkish": "TR",
    "Ugandan": "UG",
    "Ukrainian": "UA",
    "Yemeni": "YE",
    "Zimbabwean": "ZW",
    "Kyrgyz": "KG",
    "Slovak": "SK",
    "Czech": "CZ",
    "Guinea-Bissauan": "GW",
    "Lao": "LA",
    "Portuguese": "PT",
    "Italian": "IT",
    "Belgian": "BE",
    "Austrian": "AT",
    "Hungarian": "HU",
    "Romanian": "RO",
    "Bulgarian": "BG",
    "Polish": "PL",
    "Slovenian": "SI",
    "Montenegrin": "ME",
    "Kazakh": "KZ",
    "Uzbek": "UZ",
    "Turkmen": "TM",
    "Qatari": "QA",
    "Kuwaiti": "KW",
    "Omani": "OM",
    "Emirati": "AE",
    "Burkinabe": "BF",
    "Beninese": "BJ",
    "Mauritanian": "MR",
    "Tunisian": "TN",
    "Zambian": "ZM",
    "Namibian": "NA",
    "Botswanan": "BW",
    "Canadian": "CA",
    "Australian": "AU",
    "Swedish": "SE",
    "Finnish": "FI",
    "Danish": "DK",
    "Bolivian": "BO",
    "Peruvian": "PE",
    "Ecuadorian": "EC",
    "Venezuelan": "VE",
    "Cuban": "CU",
    "Brazilian": "BR",
    "Chilean": "CL",
    "Argentine": "AR",
    "Honduran": "HN",
    "Papua New Guinean": "PG",
    "Timorese": "TL",
    "Lankan": "LK",
    "Myanmar": "MM",
    "Burmese": "MM",
    "Tajikistan": "TJ",
    # French state adjectives ("République Gabonaise", "le Gouvernement Centrafricain"), from
    # the French short and formal names in the UN Terminology Database.
    "Gabonaise": "GA",
    "Gabonais": "GA",
    "Malienne": "ML",
    "Malien": "ML",
    "Tchadienne": "TD",
    "Tchadian": "TD",
    "Tchadien": "TD",
    "Congolaise": "CD",
    "Ivoirienne": "CI",
    "Ivoirien": "CI",
    "Sénégalaise": "SN",
    "Sénégalais": "SN",
    "Nigérienne": "NE",
    "Togolaise": "TG",
    "Togolais": "TG",
    "Béninoise": "BJ",
    "Burundaise": "BI",
    "Burundais": "BI",
    "Rwandaise": "RW",
    "Rwandais": "RW",
    "Camerounaise": "CM",
    "Camerounais": "CM",
    "Guinéenne": "GN",
    "Mauritanienne": "MR",
    "Algérienne": "DZ",
    "Tunisienne": "TN",
    "Marocaine": "MA",
    "Française": "FR",
    "Français": "FR",
    "Comorien": "KM",
    "Malgache": "MG",
    "Djiboutienne": "DJ",
    "Soudanaise": "SD",
    "Libyenne": "LY",
}

# Words that may stand before "of <country>" in a state's formal name, or before a country
# name ("Hellenic Greece", "Hashemite Kingdom of Jordan", "Democratic Socialist Republic of
# Sri Lanka"): a name of only such words and a country is that state.
STATE_FORM_WORDS: frozenset[str] = frozenset(
    fold(w)
    for w in word_list(
        "Republic Kingdom State States Commonwealth Federal Federative Islamic Arab People's Peoples "
        "Democratic Socialist United Hashemite Sultanate Grand Duchy Principality Bolivarian Plurinational "
        "Oriental Co-operative Cooperative Federated Independent Emirate Hellenic Royal Great Union "
        "Transitional Provisional Revolutionary Popular República Republica République Reino Royaume Estado "
        "État Etat"
    )
)


# --- international organisations -----------------------------------------------------------------

_ORG = ActorKind.ORGANISATION
_COALITION = ActorKind.COALITION

ORGANISATIONS: tuple[Entry, ...] = (
    # The UN and its principal organs, agencies, funds and programmes.
    Entry(
        "United Nations",
        _ORG,
        aliases=("UN", "U.N.", "UNO", "Nations Unies", "ONU", "Naciones Unidas", "UNSRSG", "UNSG"),
    ),
    Entry("United Nations Security Council", _ORG, aliases=("UN Security Council", "UNSC", "Security Council")),
    Entry("United Nations General Assembly", _ORG, aliases=("UN General Assembly", "UNGA")),
    Entry("United Nations Secretariat", _ORG, aliases=("UN Secretariat",)),
    Entry("United Nations Development Programme", _ORG, aliases=("UNDP",)),
    Entry("United Nations High Commissioner for Refugees", _ORG, aliases=("UNHCR",)),
    Entry("United Nations Children's Fund", _ORG, aliases=("UNICEF",)),
    Entry("United Nations Population Fund", _ORG, aliases=("UNFPA",)),
    Entry("United Nations Educational, Scientific and Cultural Organization", _ORG, aliases=("UNESCO",)),
    Entry("United Nations Office on Drugs and Crime", _ORG, aliases=("UNODC",)),
    Entry("United Nations Human Settlements Programme", _ORG, aliases=("UN-Habitat",)),
    Entry("United Nations Human Settlement Programme", _ORG),
    Entry("United Nations World Food Programme", _ORG, aliases=("World Food Programme", "WFP")),
    Entry("United Nations Entity for Gender Equality and the Empowerment of Women", _ORG, aliases=("UN Women",)),
    Entry("Office of the United Nations High Commissioner for Human Rights", _ORG, aliases=("OHCHR",)),
    Entry("United Nations Office for the Coordination of Humanitarian Affairs", _ORG, aliases=("OCHA",)),
    Entry("Food and Agriculture Organization of the United Nations", _ORG, aliases=("FAO",)),
    Entry("World Health Organization", _ORG, aliases=("WHO",)),
    Entry("International Labour Organization", _ORG, aliases=("ILO", "International Labor Organization")),
    Entry("International Fund for Agricultural Development", _ORG, aliases=("IFAD",)),
    Entry("International Monetary Fund", _ORG, aliases=("IMF",)),
    Entry("World Bank", _ORG, aliases=("International Bank for Reconstruction and Development", "IBRD")),
    Entry("Multilateral Investment Guarantee Agency", _ORG, aliases=("MIGA",)),
    Entry("International Organization for Migration", _ORG, aliases=("IOM",)),
    # UN peace operations and political missions.
    Entry("United Nations Protection Force", _ORG, aliases=("UNPROFOR", "FORPRONU")),
    Entry("United Nations Observer Mission in Georgia", _ORG, aliases=("UNOMIG",)),
    Entry("United Nations Support Mission in Libya", _ORG, aliases=("UNSMIL",)),
    Entry("United Nations Mission in South Sudan", _ORG, aliases=("UNMISS",)),
    Entry("United Nations Mission in the Sudan", _ORG, aliases=("UNMIS",)),
    Entry("United Nations Interim Security Force for Abyei", _ORG, aliases=("UNISFA",)),
    Entry("African Union-United Nations Hybrid Operation in Darfur", _ORG, aliases=("UNAMID",)),
    Entry(
        "United Nations Multidimensional Integrated Stabilization Mission in the Central African Republic",
        _ORG,
        aliases=("MINUSCA",),
    ),
    Entry("United Nations Multidimensional Integrated Stabilization Mission in Mali", _ORG, aliases=("MINUSMA",)),
    Entry("African Union Mission for Mali and the Sahel", _ORG, aliases=("MISAHEL",)),
    Entry(
        "African-led International Support Mission to Mali",
        _ORG,
        aliases=("AFISMA", "MISMA", "Mission Internationale de Soutien au Mali"),
    ),
    Entry("United Nations Organization Mission in the Democratic Republic of the Congo", _ORG, aliases=("MONUC",)),
    Entry(
        "United Nations Organization Stabilization Mission in the Democratic Republic of the Congo",
        _ORG,
        aliases=("MONUSCO",),
    ),
    Entry("United Nations Assistance Mission in Afghanistan", _ORG, aliases=("UNAMA",)),
    Entry("United Nations Mission in Sierra Leone", _ORG, aliases=("UNAMSIL",)),
    Entry("United Nations Mission in Liberia", _ORG, aliases=("UNMIL",)),
    Entry("United Nations Operation in Côte d'Ivoire", _ORG, aliases=("UNOCI", "ONUCI")),
    Entry("United Nations Interim Administration Mission in Kosovo", _ORG, aliases=("UNMIK",)),
    Entry("United Nations Transitional Authority in Cambodia", _ORG, aliases=("UNTAC",)),
    Entry("United Nations Operation in Mozambique", _ORG, aliases=("ONUMOZ",)),
    Entry("United Nations Angola Verification Mission", _ORG, aliases=("UNAVEM",)),
    Entry("United Nations Mission for the Referendum in Western Sahara", _ORG, aliases=("MINURSO",)),
    Entry("United Nations Peacekeeping Force in Cyprus", _ORG, aliases=("UNFICYP",)),
    Entry("United Nations Interim Force in Lebanon", _ORG, aliases=("UNIFIL",)),
    Entry("United Nations Operation in Somalia", _ORG, aliases=("UNOSOM",)),
    Entry("United Nations Observer Mission in El Salvador", _ORG, aliases=("ONUSAL",)),
    Entry("United Nations Verification Mission in Guatemala", _ORG, aliases=("MINUGUA",)),
    Entry("United Nations Mission of Observers in Tajikistan", _ORG, aliases=("UNMOT",)),
    Entry("United Nations Mission in Nepal", _ORG, aliases=("UNMIN",)),
    Entry("United Nations Verification Mission in Colombia", _ORG),
    Entry("United Nations Political Office for Somalia", _ORG, aliases=("UNPOS",)),
    Entry("United Nations Assistance Mission in Somalia", _ORG, aliases=("UNSOM",)),
    Entry("United Nations Mission to Support the Hodeidah Agreement", _ORG, aliases=("UNMHA",)),
    # Regional and other intergovernmental organisations.
    Entry("African Union", _ORG, aliases=("AU", "UA", "Africa Union", "Union Africaine")),
    Entry("African Union Commission", _ORG, aliases=("AU Commission", "AUC")),
    Entry("African Union Peace and Security Council", _ORG, aliases=("AU Peace and Security Council", "AUPSC")),
    Entry(
        "African Union High Level Implementation Panel", _ORG, aliases=("AUHIP", "AU High Level Implementation Panel")
    ),
    Entry("African Union Mission in Somalia", _ORG, aliases=("AMISOM",)),
    Entry("African Union Mission in Sudan", _ORG, aliases=("AMIS",)),
    Entry("Organization of African Unity", _ORG, aliases=("OAU", "OUA", "Organisation of African Unity")),
    Entry("European Union", _ORG, aliases=("EU", "UE", "Union Européenne")),
    Entry("European Commission", _ORG, aliases=("Commission of the European Communities",)),
    Entry("European Community", _ORG, aliases=("European Communities", "EEC", "European Economic Community", "EC")),
    Entry("European Community Monitoring Mission", _ORG, aliases=("ECMM",)),
    Entry("Council of Europe", _ORG, aliases=("CoE",)),
    Entry(
        "Organization for Security and Co-operation in Europe",
        _ORG,
        aliases=(
            "OSCE",
            "Organisation for Security and Co-operation in Europe",
            "Organization for Security and Cooperation in Europe",
        ),
    ),
    Entry("Conference on Security and Co-operation in Europe", _ORG, aliases=("CSCE",)),
    Entry("OSCE Minsk Group", _ORG, aliases=("Minsk Group",)),
    Entry("North Atlantic Treaty Organization", _ORG, aliases=("NATO", "OTAN", "North Atlantic Treaty Organisation")),
    Entry("Kosovo Force", _ORG, aliases=("KFOR",)),
    Entry("Implementation Force", _ORG, aliases=("IFOR",)),
    Entry("Stabilisation Force", _ORG, aliases=("SFOR",)),
    Entry(
        "Economic Community of West African States",
        _ORG,
        aliases=("ECOWAS", "CEDEAO", "Communauté Économique des États de l'Afrique de l'Ouest"),
    ),
    Entry("ECOWAS Monitoring Group", _ORG, aliases=("ECOMOG",)),
    Entry("Economic Community of Central African States", _ORG, aliases=("ECCAS", "CEEAC")),
    Entry("Economic and Monetary Community of Central Africa", _ORG, aliases=("CEMAC",)),
    Entry(
        "Intergovernmental Authority on Development",
        _ORG,
        aliases=("IGAD", "Inter-Governmental Authority on Development"),
    ),
    Entry("Southern African Development Community", _ORG, aliases=("SADC",)),
    Entry(
        "East African Community",
        _ORG,
        aliases=("EAC", "Communauté de l'Afrique de l'Est", "Communauté d'Afrique de l'Est"),
    ),
    Entry("International Conference on the Great Lakes Region", _ORG, aliases=("ICGLR",)),
    Entry("Community of Sahel-Saharan States", _ORG, aliases=("CEN-SAD",)),
    Entry("Lake Chad Basin Commission", _ORG, aliases=("LCBC", "CBLT")),
    Entry("League of Arab States", _ORG, aliases=("Arab League", "LAS")),
    Entry(
        "Organisation of Islamic Cooperation",
        _ORG,
        aliases=(
            "OIC",
            "OCI",
            "Organization of Islamic Cooperation",
            "Organisation of the Islamic Conference",
            "Organization of the Islamic Conference",
        ),
    ),
    Entry("Gulf Cooperation Council", _ORG, aliases=("GCC", "Cooperation Council for the Arab States of the Gulf")),
    Entry("Commonwealth of Independent States", _ORG, aliases=("CIS",)),
    Entry("Collective Security Treaty Organization", _ORG, aliases=("CSTO",)),
    Entry("Organization of American States", _ORG, aliases=("OAS", "OEA", "Organisation of American States")),
    Entry(
        "Mission to Support the Peace Process of the Organization of American States",
        _ORG,
        aliases=(
            "MAPP-OEA",
            "MAPP/OEA",
            "MAPP OEA",
            "MAPP/OAS",
            "Mission to Support the Peace Process of the Organisation of American States",
            "Mission to Support the Peace Process of the Organization of the American States",
            "Mission to Support the Peace Process of the Organisation of the American States",
            "Mission to Support the Peace Process in Colombia of the Organization of American States",
            "Organization of American States Mission to Support the Peace Process",
            "Organisation of American States Mission to Support the Peace Process",
            "OAS Mission to Support the Peace Process",
            "Mission to Support the Peace Process",
        ),
    ),
    Entry("Association of Southeast Asian Nations", _ORG, aliases=("ASEAN",)),
    Entry("South Asian Association for Regional Cooperation", _ORG, aliases=("SAARC",)),
    Entry("Shanghai Cooperation Organization", _ORG, aliases=("SCO",)),
    Entry("Economic Cooperation Organization", _ORG, aliases=("ECO",)),
    Entry("Conference on Interaction and Confidence Building Measures in Asia", _ORG, aliases=("CICA",)),
    Entry("Asian Development Bank", _ORG, aliases=("ADB",)),
    Entry("Islamic Development Bank", _ORG, aliases=("IsDB", "IDB")),
    Entry("African Development Bank", _ORG, aliases=("AfDB",)),
    Entry("Asian Productivity Organization", _ORG, aliases=("APO",)),
    Entry(
        "International Organisation of La Francophonie",
        _ORG,
        aliases=(
            "OIF",
            "Organisation internationale de la Francophonie",
            "International Organization of La Francophonie",
        ),
    ),
    Entry("Commonwealth of Nations", _ORG, aliases=("Commonwealth Secretariat", "The Commonwealth", "Commonwealth")),
    Entry("International Conference on the Former Yugoslavia", _ORG, aliases=("ICFY",)),
    Entry("Office of the High Representative", _ORG, aliases=("OHR",)),
    # Non-governmental bodies that recur as mediators and witnesses.
    Entry("International Committee of the Red Cross", _ORG, aliases=("ICRC", "CICR")),
    Entry("International Federation of Red Cross and Red Crescent Societies", _ORG, aliases=("IFRC",)),
    Entry(
        "Centre for Humanitarian Dialogue",
        _ORG,
        aliases=(
            "HD",
            "HD Centre",
            "Henry Dunant Centre for Humanitarian Dialogue",
            "Henry Dunant Centre",
            "Humanitarian Dialogue Centre",
            "Henry Dunant Center for Humanitarian Dialogue",
            "Center for Humanitarian Dialogue",
        ),
    ),
    Entry(
        "Community of Sant'Egidio",
        _ORG,
        aliases=("Sant'Egidio", "Comunità di Sant'Egidio", "Sant' Egidio", "Community of Sant' Egidio", "Sant Egidio"),
    ),
    Entry("Carter Center", _ORG, aliases=("The Carter Center",)),
    Entry("World Council of Churches", _ORG, aliases=("WCC",)),
    Entry("Crisis Management Initiative", _ORG, aliases=("CMI",)),
    # Collectives of states.
    Entry("Caribbean Community", _ORG, aliases=("CARICOM",)),
    Entry("Troika", _COALITION, aliases=("Troika countries",)),
    Entry("Quartet", _COALITION, aliases=("Middle East Quartet",)),
    Entry("Contact Group", _COALITION),
)


# --- national actors, scoped by country -----------------------------------------------------

_ARMED = ActorKind.ARMED_GROUP
_GOV = ActorKind.GOVERNMENT
_OTHER = ActorKind.OTHER


def _national(
    country: str, *entries: tuple[str, str, tuple[str, ...]], also: tuple[str, ...] = ()
) -> tuple[Entry, ...]:
    """Actors of ``country``; their acronyms are read in agreements of ``country`` and ``also``."""
    return tuple(Entry(name, kind, country, aliases, scope=(country, *also)) for name, kind, aliases in entries)


NATIONAL_ACTORS: tuple[Entry, ...] = (
    *_national(
        "PH",
        ("Moro Islamic Liberation Front", _ARMED, ("MILF",)),
        ("Moro National Liberation Front", _ARMED, ("MNLF",)),
        ("National Democratic Front of the Philippines", _ARMED, ("NDFP", "NDF")),
        ("New People's Army", _ARMED, ("NPA",)),
        ("Cordillera People's Liberation Army", _ARMED, ("CPLA",)),
        ("Armed Forces of the Philippines", _GOV, ("AFP",)),
        # The Bangsamoro decommissioning body, not the Islamic Development Bank, in a Philippine agreement.
        ("Independent Decommissioning Body", ActorKind.ORGANISATION, ("IDB",)),
    ),
    *_national(
        "CO",
        (
            "FARC-EP",
            _ARMED,
            (
                "FARC",
                "FARC - EP",
                "FARC–EP",
                "Revolutionary Armed Forces of Colombia",
                "Fuerzas Armadas Revolucionarias de Colombia",
                "Revolutionary Armed Forces of Colombia - People's Army",
                "Fuerzas Armadas Revolucionarias de Colombia - Ejército del Pueblo",
            ),
        ),
        # The dissidents of the FARC-EP that would not disarm in 2016, and the faction that split
        # from them in 2024: armed groups of their own, not the FARC-EP of the 2016 agreement.
        (
            "Central General Staff of the FARC-EP",
            _ARMED,
            (
                "Estado Mayor Central",
                "EMC",
                "Central General Staff",
                "Estado Mayor Central of the FARC-EP",
                "Estado Mayor Central de las FARC-EP",
                "EMC of the FARC-EP",
                "EMC FARC-EP",
            ),
        ),
        (
            "Estado Mayor de los Bloques y Frente",
            _ARMED,
            ("EMBF", "EMBF of the FARC-EP", "Estado Mayor de Bloques y Frente", "Estado Mayor de Bloques y Frentes"),
        ),
        ("National Liberation Army", _ARMED, ("ELN", "Ejército de Liberación Nacional", "UC-ELN")),
        ("Ejército Popular de Liberación", _ARMED, ("EPL", "Popular Liberation Army")),
        ("Partido Revolucionario de los Trabajadores", _ARMED, ("PRT",)),
        ("Simón Bolívar Guerrilla Coordinating Board", _COALITION, ("CGSB", "Coordinadora Guerrillera Simón Bolívar")),
        ("Movimiento 19 de Abril", _ARMED, ("M-19", "M19")),
        # Not the African Union Commission, in a Colombian agreement.
        ("Autodefensas Unidas de Colombia", _ARMED, ("AUC", "United Self-Defense Forces of Colombia")),
    ),
    *_national(
        "SS",
        (
            "Sudan People's Liberation Movement/Army",
            _ARMED,
            (
                "SPLM/A",
                "SPLM/SPLA",
                "SPLM",
                "SPLA",
                "Sudan People's Liberation Movement",
                "Sudan People's Liberation Army",
            ),
        ),
        (
            "SPLM/A-IO",
            _ARMED,
            ("SPLM-IO", "SPLM/SPLA-IO", "SPLA-IO", "Sudan People's Liberation Movement/Army-in Opposition"),
        ),
        ("Government of Southern Sudan", _OTHER, ("GOSS", "GoSS")),
        ("Transitional Government of National Unity", _GOV, ("TGoNU", "RTGoNU")),
        ("South Sudan Opposition Alliance", _COALITION, ("SSOA",)),
        ("African National Congress of South Sudan", ActorKind.ORGANISATION, ("ANC", "African National Congress")),
        ("United Sudan African Party", ActorKind.ORGANISATION, ("USAP",)),
        ("National Salvation Front", _ARMED, ("NAS",)),
        # Before 2011 South Sudan's movements signed as parties to Sudan's conflict.
        also=("SD",),
    ),
    *_national(
        "SD",
        ("Sudan People's Liberation Movement-North", _ARMED, ("SPLM-N", "SPLM/A-N")),
        ("Justice and Equality Movement", _ARMED, ("JEM",)),
        ("Sudan Liberation Movement/Army", _ARMED, ("SLM/A", "SLM", "SLA")),
        ("Sudanese Armed Forces", _GOV, ("SAF",)),
        ("Rapid Support Forces", _ARMED, ("RSF",)),
        ("Sudanese Revolutionary Front", _COALITION, ("SRF",)),
        ("Forces of Freedom and Change", _COALITION, ("FFC",)),
        also=("SS",),
    ),
    *_national(
        "UG",
        ("Lord's Resistance Army/Movement", _ARMED, ("LRA/M", "LRA", "Lord's Resistance Army")),
        ("Uganda National Rescue Front II", _ARMED, ("UNRF II", "UNRF")),
    ),
    *_national("LK", ("Liberation Tigers of Tamil Eelam", _ARMED, ("LTTE",))),
    *_national(
        "CD",
        ("M23", _ARMED, ("AFC/M23", "Mouvement du 23 mars", "March 23 Movement")),
        ("National Congress for the Defence of the People", _ARMED, ("CNDP",)),
        ("Rally for Congolese Democracy", _ARMED, ("RCD",)),
        ("Movement for the Liberation of the Congo", _ARMED, ("MLC",)),
    ),
    *_national(
        "SY",
        ("Hay'at Tahrir al-Sham", _ARMED, ("HTS", "Hayat Tahrir al-Sham", "Hayʼat Tahrīr al-Shām", "Tahrir al-Sham")),
        ("Syrian Democratic Forces", _ARMED, ("SDF",)),
        ("People's Protection Units", _ARMED, ("YPG",)),
        ("Ahrar al-Sham", _ARMED, ("Harakat Ahrar al-Sham",)),
        ("Hurras al-Din", _ARMED, ("Hurrās ad-Dīn", "Hurras ad-Din", "Tanzim Hurras al-Din")),
        ("Jabhat al-Nusra", _ARMED, ("al-Nusra Front", "Nusra Front", "Jabhat Fateh al-Sham")),
        ("Jaysh al-Islam", _ARMED, ("Jaish al-Islam",)),
        ("Faylaq al-Rahman", _ARMED, ()),
        (
            "Nour al-Din al-Zenki Movement",
            _ARMED,
            ("Nour al-Din al-Zenki", "Nur al-Din al-Zenki", "Nur al-Din al-Zinki", "Harakat Nour al-Din al-Zenki"),
        ),
        ("Free Syrian Army", _ARMED, ("FSA",)),
        ("Syrian National Army", _ARMED, ("SNA",)),
        (
            "Islamic State",
            _ARMED,
            (
                "ISIS",
                "ISIL",
                "Daesh",
                "Islamic State of Iraq and the Levant",
                "Islamic State in Iraq and the Levant",
                "Islamic State of Iraq and Levant",
            ),
        ),
    ),
    *_national(
        "AF",
        ("Taliban", _ARMED, ("Islamic Emirate of Afghanistan", "the Taliban")),
        ("Hezb-e Islami", ActorKind.ORGANISATION, ("Hizb-i Islami", "Hezb-i-Islami")),
        ("Jamiat-e Islami", ActorKind.ORGANISATION, ("Jamiat-i Islami",)),
    ),
    *_national(
        "ZA",
        ("African National Congress", ActorKind.ORGANISATION, ("ANC",)),
        ("Inkatha Freedom Party", ActorKind.ORGANISATION, ("IFP",)),
    ),
    *_national(
        "MZ",
        ("Mozambican National Resistance", _ARMED, ("RENAMO", "Renamo", "Resistência Nacional Moçambicana")),
        ("FRELIMO", ActorKind.ORGANISATION, ("Frelimo",)),
    ),
    *_national(
        "AO",
        ("UNITA", _ARMED, ("National Union for the Total Independence of Angola",)),
        ("MPLA", ActorKind.ORGANISATION, ("Popular Movement for the Liberation of Angola",)),
    ),
    *_national("SL", ("Revolutionary United Front", _ARMED, ("RUF", "RUF/SL"))),
    *_national(
        "LR",
        ("National Patriotic Front of Liberia", _ARMED, ("NPFL",)),
        ("United Liberation Movement of Liberia for Democracy", _ARMED, ("ULIMO",)),
        ("Liberians United for Reconciliation and Democracy", _ARMED, ("LURD",)),
        ("Movement for Democracy in Liberia", _ARMED, ("MODEL",)),
        ("Armed Forces of Liberia", _GOV, ("AFL",)),
    ),
    *_national(
        "BI",
        ("Palipehutu-FNL", _ARMED, ("FNL", "Palipehutu", "Forces Nationales de Libération")),
        (
            "CNDD-FDD",
            _ARMED,
            ("National Council for the Defence of Democracy-Forces for the Defence of Democracy",),
        ),
    ),
    *_national(
        "PS",
        ("Palestine Liberation Organization", ActorKind.ORGANISATION, ("PLO", "Palestine Liberation Organisation")),
        ("Fatah", ActorKind.ORGANISATION, ()),
        ("Hamas", _ARMED, ()),
        ("Palestinian Authority", _GOV, ("PA", "Palestinian National Authority", "PNA")),
        also=("IL",),
    ),
    *_national(
        "LB",
        ("Hezbollah", _ARMED, ("Hizbollah", "Hizballah", "Hizbullah", "Hezbolla")),
        ("Free Patriotic Movement", ActorKind.ORGANISATION, ("FPM",)),
        ("Amal Movement", _ARMED, ()),  # not "Amal" alone: a given name too
    ),
    *_national(
        "GB",
        ("Democratic Unionist Party", ActorKind.ORGANISATION, ("DUP",)),
        ("Ulster Unionist Party", ActorKind.ORGANISATION, ("UUP",)),
        ("Social Democratic and Labour Party", ActorKind.ORGANISATION, ("SDLP",)),
        ("Alliance Party of Northern Ireland", ActorKind.ORGANISATION, ("Alliance Party",)),
        ("Irish Republican Army", _ARMED, ("IRA",)),
    ),
    # Sinn Féin organises on both sides of the border: no country (gold rule R8).
    Entry("Sinn Féin", ActorKind.ORGANISATION, "", ("Sinn Fein",)),
    *_national("GT", ("Unidad Revolucionaria Nacional Guatemalteca", _ARMED, ("URNG",))),
    *_national("SV", ("Farabundo Martí National Liberation Front", _ARMED, ("FMLN",))),
    *_national("MX", ("Zapatista Army of National Liberation", _ARMED, ("EZLN",))),
    *_national("ID", ("Free Aceh Movement", _ARMED, ("GAM", "Gerakan Aceh Merdeka"))),
    *_national(
        "CF",
        ("Front Populaire pour la Renaissance de la Centrafrique", _ARMED, ("FPRC",)),
        ("Union pour la Paix en Centrafrique", _ARMED, ("UPC", "Union for Peace in the Central African Republic")),
        ("Mouvement Patriotique pour la Centrafrique", _ARMED, ("MPC",)),
        ("Rassemblement Patriotique pour le Renouveau de la Centrafrique", _ARMED, ("RPRC",)),
        ("Mouvement des Libérateurs Centrafricains pour la Justice", _ARMED, ("MLCJ",)),
        ("Front Démocratique du Peuple Centrafricain", _ARMED, ("FDPC",)),
        ("Union des Forces Démocratiques pour le Rassemblement", _ARMED, ("UFDR",)),
        ("Armée Populaire pour la Restauration de la Démocratie", _ARMED, ("APRD", "A.P.R.D")),
        ("Anti-Balaka", _ARMED, ("Anti Balaka", "anti-balaka")),
        ("Séléka", _ARMED, ("Seleka", "ex-Séléka", "ex-Seleka")),
    ),
    *_national("YE", ("Ansar Allah", _ARMED, ("Houthis", "Houthi movement", "Ansarallah", "Ansar Allah (Houthis)"))),
    *_national("MM", ("Karen National Union", _ARMED, ("KNU",))),
    *_national("IN", ("National Socialist Council of Nagalim", _ARMED, ("NSCN", "NSCN-IM", "NSCN (IM)"))),
    *_national(
        "ML",
        ("Coordination of Azawad Movements", _COALITION, ("CMA", "Coordination des Mouvements de l'Azawad")),
        ("National Movement for the Liberation of Azawad", _ARMED, ("MNLA",)),
        ("High Council for the Unity of Azawad", _ARMED, ("HCUA",)),
    ),
    *_national(
        "TD",
        ("Union of Forces for Democracy and Development", _ARMED, ("UFDD",)),
        ("Rally of Forces for Change", _ARMED, ("RFC",)),
    ),
    *_national("ET", ("Ogaden National Liberation Front", _ARMED, ("ONLF",))),
    *_national(
        "NP",
        (
            "Communist Party of Nepal (Maoist)",
            _ARMED,
            ("CPN (Maoist)", "CPN (Maoists)", "CPN-M", "CPN(M)", "CPN-Maoist", "Nepal Communist Party (Maoists)"),
        ),
        # The Maoists and the Unity Centre-Masal merged in 2009; the party they formed is UCPN (Maoist).
        ("Unified Communist Party of Nepal (Maoist)", _ARMED, ("UCPN (Maoist)", "UCPN-M", "UCPN Maoist")),
        (
            "Communist Party of Nepal (Unified Marxist-Leninist)",
            ActorKind.ORGANISATION,
            (
                "CPN (UML)",
                "CPN-UML",
                "CPN UML",
                "CPN(UML)",
                "Communist Party of Nepal (UML)",
                "Nepal Communist Party (UML)",
            ),
        ),
        ("Nepali Congress", ActorKind.ORGANISATION, ()),
        ("Nepali Congress (Democratic)", ActorKind.ORGANISATION, ()),
        ("Nepal Sadbhavana Party", ActorKind.ORGANISATION, ("NSP",)),
        (
            "Nepal Sadbhavana Party (Anandi Devi)",
            ActorKind.ORGANISATION,
            ("NSP (Anandi Devi)", "Nepal Sadbhavana Party (Anandidevi)"),
        ),
        ("Janamorcha Nepal", ActorKind.ORGANISATION, ("People's Front Nepal",)),
        (
            "Nepal Majdoor Kisaan Party",
            ActorKind.ORGANISATION,
            ("Nepal Workers and Peasants Party", "Nepal Majdur Kisan Party", "Nepal Mazdoor Kisan Party", "NWPP"),
        ),
        ("Samyukta Bammorcha", _COALITION, ("United Left Front", "Samyukta Bam Morcha")),
        ("Madhesi Janadhikar Forum", ActorKind.ORGANISATION, ("Madheshi Janadhikar Forum", "MJF")),
        ("Rastriya Prajatantra Party", ActorKind.ORGANISATION, ("RPP",)),
    ),
    *_national("KH", ("FUNCINPEC", ActorKind.ORGANISATION, ())),
    *_national(
        "ZW",
        (
            "Zimbabwe African National Union – Patriotic Front",
            ActorKind.ORGANISATION,
            ("ZANU-PF", "ZANU PF", "ZANU–PF", "Zimbabwe African National Union-Patriotic Front"),
        ),
        ("Movement for Democratic Change", ActorKind.ORGANISATION, ("MDC",)),
    ),
    *_national(
        "SO",
        ("Federal Government of Somalia", _GOV, ("FGS",)),
        ("Transitional Federal Government", _GOV, ("TFG",)),
        (
            "Ahlu Sunnah Wal Jamaa",
            _ARMED,
            ("ASWJ", "Ahlu-Sunna Wal Jama'a", "Ahlu Sunna Wal Jamaa", "Ahlu Sunna wal Jama'a"),
        ),
        ("Al-Shabaab", _ARMED, ("Harakat al-Shabaab al-Mujahideen", "al-Shabab")),
    ),
    *_national("KE", ("National Cohesion and Integration Commission", ActorKind.ORGANISATION, ("NCIC",))),
    *_national("AF", ("Afghanistan Independent Human Rights Commission", ActorKind.ORGANISATION, ("AIHRC",))),
    *_national(
        "BA",
        ("Croatian Defence Council", _ARMED, ("HVO",)),
        ("Republika Srpska", _OTHER, ("RS",)),
        # The Croatian Community (HZ, 1991-93), then Republic (HR, 1993-96), of Herceg-Bosna.
        (
            "Croatian Community of Herceg-Bosna",
            _OTHER,
            (
                "Croatian Community of Herceg Bosna",
                "HZ Herceg-Bosna",
                "HZ Herceg Bosna",
                "Herceg-Bosna",
                "Herceg Bosna",
            ),
        ),
        (
            "Croatian Republic of Herceg-Bosna",
            _OTHER,
            ("Croatian Republic of Herceg Bosnia", "Croatian Republic of Herzeg-Bosna", "HR Herceg-Bosna"),
        ),
        ("Army of the Republic of Bosnia and Herzegovina", _GOV, ("ARBiH", "A BiH", "ABiH")),
        also=("HR", "RS"),
    ),
    *_national("MA", ("Polisario Front", _ARMED, ("POLISARIO", "Frente Polisario"))),
    # De facto and sub-national authorities that sign as parties (kind other, R6), by name.
    *_national("GE", ("Abkhazia", _OTHER, ("Abkhaz side", "Republic of Abkhazia")), ("South Ossetia", _OTHER, ())),
    *_national("MD", ("Transnistria", _OTHER, ("Pridnestrovie", "Pridnestrovian Moldavian Republic", "Trans-Dniestr"))),
    *_national("AZ", ("Nagorno-Karabakh", _OTHER, ("Nagorno Karabakh", "Artsakh"))),
    *_national("CY", ("Turkish Cypriot side", _OTHER, ("Turkish Republic of Northern Cyprus", "TRNC"))),
    *_national(
        "SO",
        ("Puntland", _OTHER, ("Puntland State of Somalia",)),
        ("Galmudug", _OTHER, ("Galmudug State",)),
        ("Jubaland", _OTHER, ("Jubbaland", "Juba Interim Administration")),
        ("Somaliland", _OTHER, ()),
        ("Hirshabelle", _OTHER, ()),
        ("South West State", _OTHER, ()),
    ),
    *_national("PG", ("Bougainville", _OTHER, ("Autonomous Region of Bougainville",))),
)


# --- the agreement's own government -----------------------------------------------------------

# Wording that, in an agreement, means the government of that agreement's country (R4).
GENERIC_GOVERNMENT: tuple[str, ...] = (
    "Government",
    "The Government",
    "National Government",
    "The National Government",
    "Central Government",
    "Federal Government",
    "Governmental Party",
    "Government Party",
    "Government Side",
    "Governmental Side",
    "Government Delegation",
    "Governmental Delegation",
    "Delegation of the Government",
    "Delegation of the National Government",
    "Government Negotiating Panel",
    "Government Panel",
    "Government Negotiating Commission",
    "Government Negotiating Team",
    "Government Team",
    "National Govt",
    "National Govt.",
    "Nacional Government",
    "Government Nacional",
    "Govt",
    "Delegation of the Head of State",
    "Legitimate Government",
    "The Legitimate Government",
    "Head of State",
    "Presidency",
    "Gobierno",
    "Gobierno Nacional",
    "El Gobierno",
    "El Gobierno Nacional",
    "Gobierno de la República",
    "Delegación del Gobierno",
    "Delegación del Gobierno Nacional",
    "Gouvernement",
    "Le Gouvernement",
    "Délégation du Gouvernement",
    "Governo",
)

# Acronyms for "Government of <country>"/"Government of the Republic of <country>", scoped.
GOVERNMENT_ACRONYMS: dict[str, tuple[str, ...]] = {
    "PH": ("GRP", "GPH", "GOP", "GRP Panel", "GPH Panel"),
    "SD": ("GoS", "GOS", "GOSu"),
    "SS": ("GRSS", "GoRSS"),
    "UG": ("GoU", "GOU"),
    "NP": ("GoN", "GON"),
    "LK": ("GOSL", "GoSL"),
    "KE": ("GoK", "GOK"),
    "ID": ("RI", "GoI", "GOI"),
    "CO": ("GoC",),
    "MM": ("GoM",),
    "BI": ("GoB",),
    "AF": ("GoA", "GIRoA"),
    "ET": ("GoE", "FDRE"),
    "SO": ("GoS",),
    "LR": ("GoL",),
    "SL": ("GoSL",),
    "TD": ("GoT",),
    "MZ": ("GoM",),
    "RW": ("GoR",),
    "CD": ("GoDRC",),
}


# --- lookups -------------------------------------------------------------------------------------


def country_short_name(alpha2: str) -> str:
    """The name to write "Government of <name>" with: "Colombia", "the Philippines"."""
    if alpha2 in SHORT_NAMES:
        return SHORT_NAMES[alpha2]
    country = pycountry.countries.get(alpha_2=alpha2)
    if country is None:
        return alpha2
    return str(getattr(country, "common_name", None) or country.name)


def government_name(alpha2: str, fallback_name: str = "") -> str:
    """One name per government: "Government of <country>" (R4)."""
    name = country_short_name(alpha2) if alpha2 else fallback_name
    return f"Government of {name}" if name else "Government"


def _iso_names() -> Iterator[tuple[str, str]]:
    """(alpha-2, name) for every ISO 3166-1 name, official name and common name."""
    for country in pycountry.countries:
        for attr in ("name", "official_name", "common_name"):
            if value := getattr(country, attr, None):
                yield country.alpha_2, value


@lru_cache(maxsize=1)
def state_names() -> dict[str, str]:
    """Every folded state name -> ISO alpha-2 ("" for a state with no code today)."""
    names: dict[str, str] = {}
    for alpha2, value in _iso_names():
        names[fold(value)] = alpha2
        # "Iran, Islamic Republic of" -> "Islamic Republic of Iran"
        if ", " in value:
            head, _, tail = value.partition(", ")
            names.setdefault(fold(f"{tail} {head}"), alpha2)
    for alpha2, extra in COUNTRY_NAMES.items():
        for value in extra:
            names[fold(value)] = alpha2
    for alpha2, extra in FOREIGN_COUNTRY_NAMES.items():
        for value in extra:
            names.setdefault(fold(value), alpha2)
    for value in FORMER_STATES:
        names[fold(value)] = ""
    # "Congo" alone is the Republic of the Congo in ISO; PA-X uses it for both, so it stays
    # ISO's reading; "Georgia" and "Jordan" are states here, never people.
    names.pop(fold("Korea, Republic of"), None)
    return names


@lru_cache(maxsize=1)
def demonyms() -> dict[str, str]:
    """Folded nationality adjective -> ISO alpha-2."""
    return {fold(k): v for k, v in DEMONYMS.items()}


@lru_cache(maxsize=1)
def organisation_names() -> dict[str, Entry]:
    """Every folded name and acronym of an international organisation -> its entry."""
    table: dict[str, Entry] = {}
    for entry in ORGANISATIONS:
        for value in (entry.name, *entry.aliases):
            table.setdefault(fold(value), entry)
    return table


@lru_cache(maxsize=1)
def _national_names() -> dict[str, list[Entry]]:
    table: dict[str, list[Entry]] = {}
    for entry in NATIONAL_ACTORS:
        for value in (entry.name, *entry.aliases):
            table.setdefault(fold(value), []).append(entry)
    return table


def national_actor(name: str, country: str) -> Entry | None:
    """The national actor a name means in an agreement of ``country`` (alpha-2), if known.

    A full name is recognised anywhere; an acronym only in the country it is scoped to, so
    "ANC" in a South Sudanese agreement is never South Africa's ANC.
    """
    candidates = [
        entry
        for entry in _national_names().get(fold(name), [])
        # "Dup Wangdel Moktan Tamang": a word that folds like an acronym ("DUP") is not it.
        if name.isupper() or not any(a.isupper() and fold(a) == fold(name) for a in entry.aliases)
    ]
    for entry in candidates:
        if country and country in entry.scope:
            return entry
    is_acronym = name.replace("/", "").replace("-", "").replace(" ", "").isupper()
    # Elsewhere a full name means the actor whose own name it is ("African National Congress"
    # is South Africa's, outside South Sudan), and an acronym nothing unless it is unscoped.
    exact = [e for e in candidates if fold(e.name) == fold(name)]
    for entry in [*exact, *candidates]:
        if not entry.scope or not is_acronym:
            return entry
    return None


@lru_cache(maxsize=1)
def generic_government() -> frozenset[str]:
    """Folded wordings that mean "the government of this agreement's country"."""
    return frozenset(fold(value) for value in GENERIC_GOVERNMENT)


def government_acronym(name: str, country: str) -> bool:
    """True when ``name`` is an acronym for the government of ``country`` (alpha-2)."""
    return name in GOVERNMENT_ACRONYMS.get(country, ())


# --- misspellings ------------------------------------------------------------------------------

# A name this long (letters, spaces left out) may be misspelt by one edit, and from
# _TWO_EDITS letters by two; shorter names are too alike ("Niger", "Nigeria") to guess at.
_MIN_LETTERS = 8
_TWO_EDITS = 12


def _runs(letters: str) -> frozenset[str]:
    """Every run of three letters in ``letters``."""
    return frozenset(letters[i : i + 3] for i in range(len(letters) - 2))


class Spelling(NamedTuple):
    """The known name a cell's name stands for (``misspelt``): ``name`` as the gazetteer writes it,
    and whether the cell's name is only a ``variant`` of it, spaced or voweled its own way
    ("Cooperation" for "Co-operation", "Nur al-Din al-Zanki" for "Nour al-Din al-Zenki"): no
    misspelling, but another way to write the name, which the cell's name keeps (R3)."""

    name: str
    variant: bool


@dataclass(frozen=True)
class _Spellings:
    """The known full names as misspellings are looked up: ``names`` by their letters (folded,
    spaces out) -> (whose, the name as written); ``runs`` the runs of three letters of each;
    ``holding`` each run -> the names holding it; ``words`` every word of every known name."""

    names: dict[str, list[tuple[object, str]]]
    runs: dict[str, frozenset[str]]
    holding: dict[str, tuple[str, ...]]
    words: frozenset[str]


@lru_cache(maxsize=1)
def _spellings() -> _Spellings:
    named: list[tuple[object, str]] = list(_iso_names())
    named += [(alpha2, value) for alpha2, values in COUNTRY_NAMES.items() for value in values]
    named += [
        (id(entry), value) for entry in (*ORGANISATIONS, *NATIONAL_ACTORS) for value in (entry.name, *entry.aliases)
    ]
    named += [("government", value) for value in GENERIC_GOVERNMENT]
    names: dict[str, list[tuple[object, str]]] = {}
    for whose, value in named:
        if value.replace("/", "").replace("-", "").replace(" ", "").isupper():
            continue  # an acronym: misspelt, it is another acronym
        letters = fold(value).replace(" ", "")
        if len(letters) >= _MIN_LETTERS and all(whose != w for w, _ in names.get(letters, [])):
            names.setdefault(letters, []).append((whose, value))
    runs = {letters: _runs(letters) for letters in names}
    holding: dict[str, list[str]] = {}
    for letters, own in runs.items():
        for run in own:
            holding.setdefault(run, []).append(letters)
    words = frozenset(word for _, value in named for word in fold(value).split()) | frozenset(demonyms())
    return _Spellings(names, runs, {run: tuple(keys) for run, keys in holding.items()}, words)


def _edits(a: str, b: str, limit: int) -> int:
    """Letters changed, added, dropped or swapped with a neighbour to make ``a`` into ``b``
    (optimal string alignment), or ``limit + 1`` once it is over ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    before: list[int] = []
    row = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = a[i - 1] != b[j - 1]
            current[j] = min(row[j] + 1, current[j - 1] + 1, row[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                current[j] = min(current[j], before[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        before, row = row, current
    return row[-1]


@lru_cache(maxsize=65536)
def misspelt(name: str) -> Spelling | None:
    """The known name ``name`` misspells, as the gazetteer writes it, or None.

    "Untied Nations", "Republic of Diijbouti", "Gobiemo Nacional", "Transdniestria": a name
    that is no known name but one or two letters away from exactly one known actor's (one for
    names under twelve letters; spaces, case and accents aside), where every word that differs
    is a word no known name uses. So a name near two actors, an acronym, or a name under eight
    letters is no one's misspelling ("Niger" is too near "Nigeria" to guess), nor is one whose
    different word is a real one: "Republic of Nigeria" is not "Republic of Liberia", and
    "Nagaland" is three letters from "Nagalim".
    """
    if len(name) < _MIN_LETTERS:
        return None
    folded = fold(name)
    letters = folded.replace(" ", "")
    known = _spellings()
    if len(letters) < _MIN_LETTERS:
        return None
    if letters in known.names:
        # "Cooperation" for "Co-operation": the letters of one known name, spaced its own way.
        same = known.names[letters]
        return Spelling(same[0][1], variant=True) if len(same) == 1 and fold(same[0][1]) != folded else None
    # The words a misspelling changes are those of its words no known name uses, and each is of
    # five letters or more ("Russian Federation B" is no misspelling): most names fail here.
    unknown = {word for word in folded.split() if word not in known.words}
    if not unknown or any(len(word) < 5 for word in unknown):
        return None
    limit = 2 if len(letters) >= _TWO_EDITS else 1
    # An edit spoils at most four of the name's runs of three letters (a swap of two), so a near
    # name holds one of any 4 * limit + 1 of them (the rarest few find every candidate), and all
    # but 4 * limit of them (which leaves few to compare letter by letter).
    own = _runs(letters)
    held = own & known.holding.keys()
    if len(held) < len(own) - 4 * limit:
        return None  # too many runs of letters no known name has
    rarest = sorted(held, key=lambda run: len(known.holding[run]))[: 4 * limit + 1 - (len(own) - len(held))]
    candidates = {key for run in rarest for key in known.holding[run]}
    near: dict[int, list[tuple[object, str]]] = {}
    for key in sorted(candidates):
        if (
            abs(len(key) - len(letters)) <= limit
            and len(own & known.runs[key]) >= len(own) - 4 * limit
            and (edits := _edits(letters, key, limit)) <= limit
        ):
            near.setdefault(edits, []).extend(known.names[key])
    if not near:
        return None
    closest = near[min(near)]
    if len({whose for whose, _ in closest}) > 1:
        return None
    whose, written = closest[0]
    targets = fold(written).split()
    if (
        # "South Ossetian", "Republics of ...", "South Korea's", "Souther Sudan": a word made from the
        # known one
        any(
            word.startswith(target) and word[len(target) :] in {"s", "n", "an", "ns", "ans", "er", "ern"}
            for word in unknown
            for target in targets
            if len(target) >= 4
        )
        or (whose == "government" and " " not in written)  # "Governement": read as the word it is
    ):
        return None
    # Only vowels written otherwise, in the same places: a transliteration ("Zanki", "Nur"), not a
    # misspelling ("Untied", "Afirca" move a letter).
    return Spelling(written, variant=_vowel_runs(letters) == _vowel_runs(fold(written).replace(" ", "")))


def _vowel_runs(letters: str) -> str:
    """ "zanki" and "zenki" -> "zVnkV": the letters with each run of vowels as one mark."""
    return re.sub(r"[aeiouy]+", "V", letters)
