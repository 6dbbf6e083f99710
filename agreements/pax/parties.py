"""Telling parties apart in PA-X's free-text signatory and third-party columns.

PA-X records who signed as the document shows it: sometimes "Government of Sri
Lanka; Liberation Tigers of Tamil Eelam", often pages of names, titles and
notes. Only the first kind can be read without guessing, so this parser is
deliberately conservative: a cell yields actors only when it is one line of
short, name-like parts separated by ";", "," or a single "and". Anything else
yields nothing, and the import report counts it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

import pycountry

from agreements.choices import ActorKind, SignatoryRole


@dataclass(frozen=True)
class Party:
    """An actor named in a PA-X cell, with its role and any acronym given in brackets."""

    name: str
    role: str
    kind: str
    aliases: tuple[str, ...] = field(default=())


_NOTES = re.compile(r"\[[^\]]*\]|\((?:unilateral|signed|not signed|unsigned|capacity unclear)[^)]*\)", re.I)
_PREFIX = re.compile(
    r"^(?:signed(?: by)?|signatories|parties|witness(?:es|ed by)?|agreement witnessed by|mediators?|"
    r"facilitators?|guarantors?|observers?)\s*[:\-]?\s*",
    re.I,
)
_ACRONYM = re.compile(r"^(?P<name>.+?)\s*\((?P<acronym>[A-Z][A-Za-z0-9&./\- ]{1,14})\)$")
_NOT_A_NAME = re.compile(
    r"\d|\b(?:signed|signature|agreement|document|listed|drafted|meeting|presumed|appears|uploaded|"
    r"unclear|copy|mentions|following|consulted|participat\w*|represent\w*|on behalf|"
    # A person described by office: where the name ends cannot be told.
    r"president|presidents|minister|chairman|chairperson|ambassador|envoy|secretary|commander|leader|"
    r"prime|facilitator|mediator|witness|observer|delegation|head|sponsorship|auspices|signatories)\b",
    re.I,
)
# The only lower-case words a name may hold; any other ("led by", "was passed") makes it prose.
_NAME_PARTICLES = {
    "of",
    "the",
    "and",
    "de",
    "del",
    "la",
    "le",
    "les",
    "des",
    "du",
    "al",
    "el",
    "y",
    "et",
    "da",
    "do",
    "dos",
    "das",
    "di",
    "van",
    "von",
    "bin",
    "in",
    "on",
    "to",
}
_GROUP_LINE = re.compile(
    r"^(?:(?:the\s+)?representatives?|delegation|on behalf|for|pour|por)\s+(?:of\s+)?"
    r"(?:the\s+|le\s+|la\s+|el\s+)?(?P<name>.+?)\s*:?$",
    re.I,
)
_ROLE_LINE = re.compile(
    r"^(?P<word>witness(?:es|ed by)?|mediators?|facilitators?|guarantors?|observers?|"
    r"signed(?: by)?|signatories)\s*:?\s*$",
    re.I,
)
_TITLES = re.compile(
    r"^(?:H\.?E\.?|Mr\.?|Mrs\.?|Ms\.?|Dr\.?|Prof\.?|Professor|President|Prime Minister|Minister|General|"
    r"Gen\.?|Colonel|Col\.?|Major|Sheikh|Chief|Commander|Cdr\.?|Ambassador|Senator)\s+",
    re.I,
)
_ARMED = re.compile(
    r"\b(army|front|forces?|movement|liberation|militia|rebels?|guerrill\w+|brigades?|mujahideen)\b", re.I
)
_ORGANISATION = re.compile(
    r"\b(united nations|union|organi[sz]ation|commission|community|council|league|committee|"
    r"mission|office|bank|nato|osce|ecowas|igad|unhcr|unicef|icrc|institute)\b",
    re.I,
)


# Names that name nobody in particular.
_GENERIC = {"government", "presidency", "parties", "the parties", "opposition", "national government"}


@lru_cache(maxsize=1)
def _compound_countries() -> tuple[str, ...]:
    """Country names with "and" in them, which an "and" must not split."""
    names = {c.name for c in pycountry.countries} | {getattr(c, "official_name", "") for c in pycountry.countries}
    return tuple(sorted((n for n in names if " and " in n), key=len, reverse=True))


def _kind(name: str) -> str:
    if re.search(r"\b(?:government|gobierno|gouvernement)\b", name, re.I):
        return ActorKind.GOVERNMENT
    if _ARMED.search(name):
        return ActorKind.ARMED_GROUP
    if _ORGANISATION.search(name):
        return ActorKind.ORGANISATION
    if re.match(r"^(?:the\s+)?(?:republic|kingdom|state|federal|democratic|people'?s)\b", name, re.I):
        return ActorKind.STATE
    if pycountry.countries.get(name=name) is not None:
        return ActorKind.STATE
    return ActorKind.OTHER


def _split(text: str) -> list[str]:
    protected = text
    for n, country in enumerate(_compound_countries()):
        protected = re.sub(re.escape(country), f"\x00{n}\x00", protected, flags=re.I)
    if ";" in protected:
        parts = protected.split(";")
    elif "," in protected:
        parts = re.split(r",\s*(?:and\s+)?", protected)
    else:
        parts = re.split(r"\s+and\s+", protected)
        # "Fatah and Hamas", "Government of Rwanda and Rwandese Patriotic Front": two names.
        # Anything longer, or a side that is not a name by itself, stays whole (and is refused).
        if len(parts) != 2 or any(len(p.split()) > 6 for p in parts):
            parts = [protected]
    countries = _compound_countries()
    return [re.sub("\x00(\\d+)\x00", lambda m: countries[int(m.group(1))], p).strip(" .") for p in parts]


def _party(text: str, role: str) -> Party | None:
    name = re.sub(r"\s+", " ", text).strip(" .,:;")
    name = re.sub(r"^the\s+", "", name, flags=re.I)
    if not name or not name[0].isupper() or len(name) > 100 or len(name.split()) > 10 or _NOT_A_NAME.search(name):
        return None
    aliases: tuple[str, ...] = ()
    if match := _ACRONYM.match(name):
        name, aliases = match.group("name").strip(), (match.group("acronym").strip(),)
    if any(mark in name for mark in "():,") or re.match(r"^(?:for|by)\b", name, re.I):
        return None
    if name.casefold() in _GENERIC:
        return None
    words = re.findall(r"[^\W\d_][\w'’.\-/]*", name)
    if any(w[0].islower() and w.lower() not in _NAME_PARTICLES for w in words):
        return None
    kind = _kind(name)
    if kind == ActorKind.OTHER and _TITLES.match(name):
        name, kind = _TITLES.sub("", name).strip(), ActorKind.PERSON
    return Party(name=name, role=role, kind=kind, aliases=aliases)


def third_party_role(text: str) -> str:
    """What a third-parties cell says their part was."""
    lowered = text.lower()
    if "guarant" in lowered:
        return SignatoryRole.GUARANTOR
    if any(word in lowered for word in ("mediat", "facilitat", "chair", "auspices")):
        return SignatoryRole.MEDIATOR
    if "witness" in lowered or "observer" in lowered:
        return SignatoryRole.WITNESS
    return SignatoryRole.THIRD_PARTY


def _parse_lines(text: str, role: str) -> list[Party] | None:
    """A cell of several lines: headings ("Witness", "Representatives of the Libyan Army") and
    lines that are an organisation's, a government's or an armed group's name on their own.
    People's names and titles in between are passed over: who they sign for is in the headings."""
    found: dict[str, Party] = {}
    current = role
    for raw in text.splitlines():
        line = re.sub(r"^[\dA-Za-z]{1,3}[.)]\s+|^[-•*]\s*", "", raw.strip()).strip()
        if not line:
            continue
        if match := _ROLE_LINE.match(line):
            word = match.group("word").lower()
            current = third_party_role(word) if not word.startswith("sign") else role
            continue
        candidate = match.group("name") if (match := _GROUP_LINE.match(line)) else line
        party = _party(candidate, current)
        if party is not None and (match or party.kind not in (ActorKind.OTHER, ActorKind.PERSON)):
            found.setdefault(party.name.casefold(), party)
    return list(found.values()) or None


def parse_parties(text: str, role: str) -> list[Party] | None:
    """The actors a cell names, or None when they cannot be told apart (or there are none)."""
    text = _NOTES.sub(" ", text or "").strip()
    if "\n" in text:
        return _parse_lines(text, role)
    if not text or len(text) > 400:
        return None
    text = _PREFIX.sub("", text).strip()
    parts = _split(text)
    parties = [_party(part, role) for part in parts if part.strip()]
    if not parties or any(p is None for p in parties):
        return None
    if any(" and " in p.name and p.name not in _compound_countries() for p in parties if p is not None):
        return None
    unique: dict[str, Party] = {}
    for party in parties:
        assert party is not None
        unique.setdefault(party.name.casefold(), party)
    return list(unique.values())
