"""Which role a heading gives the names under it (gold rule R7).

A role comes only from a heading ("Witnesses:", "Witnessed by", "Guarantor countries",
"In the presence of", "Observers", "Facilitation") or from a phrase that introduces names
("under the chairmanship of", "sponsored by"), and it holds until the next one. A word
inside a name or an office never gives a role: "Multilateral Investment Guarantee Agency"
guarantees nothing, and "Lead Mediator" under "Witnessed by" is a witness.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from agreements.choices import SignatoryRole
from agreements.pax import gazetteer
from utilities.folding import fold

_W, _G, _M, _O, _S, _T = (
    SignatoryRole.WITNESS,
    SignatoryRole.GUARANTOR,
    SignatoryRole.MEDIATOR,
    SignatoryRole.OBSERVER,
    SignatoryRole.SIGNATORY,
    SignatoryRole.THIRD_PARTY,
)

# Role nouns as they start a heading line ("Witnesses:", "- As guarantors", "Guarator:").
# Order matters where a heading names two: the more specific status wins (R7), so
# guarantor before witness ("as witnesses and depositaries (Guarantor countries)") and
# mediator before witness ("Facilitators/ Witness").
_NOUNS: tuple[tuple[str, str], ...] = (
    (r"guara\w*tors?|guarantor\s+countr\w*|garantes?|garants?", _G),
    (
        r"mediat(?:or|ors|ion|rice)s?|m[ée]diat(?:eur|eurs|ion|rice)s?|facilitat(?:or|ors|ion|eur|eurs)s?|co-?facilitat\w*|co-?mediat\w*|"
        r"conciliat(?:or|ors|ion)",
        _M,
    ),
    (r"observ(?:er|ers|ateur|ateurs|ador|adores|atores)", _O),  # "Observatores presentes:", misspelt
    (r"witness(?:es|ed|eth)?|winess(?:es|ed)?|t[ée]moins?|testigos?|attest\w*|present", _W),
    (
        r"(?:co-?)?signator(?:y|ies)(?:\s+part(?:y|ies))?|other\s+parties|the\s+parties|parties|ont\s+sign[ée]|firmantes|"
        r"signed\s+by",
        _S,
    ),
    # Notes that the names after them did not sign, and preambles, end any heading above.
    (
        r"not\s+signed|unsigned|preamble|list\s+of\s+(?:the\s+)?(?:representatives|participants|signatories|"
        r"members|delegates|witnesses|parties)|"
        # "Endorsed by:", "Initialed by:": how a party put its name to the text, no role of its own;
        # "Side two:", "Party A:": which side the names below are, not an actor.
        r"endorsed(?:\s+by)?|initiall?ed(?:\s+by)?|(?:side|party)\s+(?:one|two|three|four|[A-D1-4])",
        "",
    ),
    (
        r"accompan\w+(?:\s+(?:persons?|partners?|countries|states))?|stakeholders|technical\s+advis[eo]rs?|"
        r"other\s+representatives|conference\s+co-?chairs|opening\s+statements?|participants|hosts?|"
        r"in\s+attendance|attendees|(?:agreement\s+)?supporters",
        _T,
    ),
)
# Phrases that introduce names, anywhere in a line ("Meeting chaired by", "signed in Doha in
# presence of the representatives of ..."). A phrase after a name ("X, acting as
# facilitator") is an office, not a heading, and is not here.
_PHRASES: tuple[tuple[str, str], ...] = (
    (r"guaranteed\s+by", _G),
    (
        r"through\s+the\s+medi\w*\s+of|chaired\s+by|under\s+(?:the\s+)?chair(?:man|person)?ship\s+of|under\s+(?:the\s+)?auspices\s+of|facilitated\s+by|"
        r"mediated\s+by|dialogue\s+initiated\s+by|initiated\s+by|sponsored\s+by|convened\s+by|"
        r"with\s+the\s+mediation\s+of|through\s+the\s+mediation\s+of",
        _M,
    ),
    (
        r"(?:signed\s+|singed\s+)?(?:in\s+the\s+|in\s+)presence\s+of|wit?nessed\s+(?:and\s+\w+\s+)?by|attested\s+by|"
        r"en\s+pr[ée]sence\s+(?:de|du|des|d['’])|en\s+presencia\s+de",
        _W,
    ),
    (r"with\s+the\s+participation\s+of|attended\s+by|in\s+attendance(?:\s+at\s+\w+)?", _T),
)
# Phrases after the names they qualify: "Group of Friends (...) as observers", "The Centre for
# Humanitarian Dialogue are listed as Facilitating the joint statement".
_AFTER_PHRASES: tuple[tuple[str, str], ...] = (
    (r"as\s+guarantors?", _G),
    (r"(?:acting\s+)?as\s+(?:co-?)?(?:facilitat\w+|mediat\w+)", _M),
    (r"as\s+observers?", _O),
    (r"as\s+witness(?:es)?", _W),
)

HEADING_NOUN = re.compile(
    r"^(?:(?:the|le|la|el|as|signed|singed|agreement|also|and|for|international\s+parties)\s+)*"
    r"(?:(?:by\s+)?the\s+following\s+)?(?P<noun>" + "|".join(f"(?:{p})" for p, _ in _NOUNS) + r")\b",
    re.I,
)
_ALL_PHRASES = _PHRASES + _AFTER_PHRASES
PHRASE = re.compile(r"\b(?:" + "|".join(f"(?P<p{i}>{p})" for i, (p, _) in enumerate(_ALL_PHRASES)) + r")\b", re.I)
# Words that may come before a phrase that opens a line: "Meeting chaired by", "Singed in the presence of".
_PHRASE_LEAD = re.compile(r"^(?:[A-Za-z]+\s+){0,2}$")


@dataclass(frozen=True)
class Heading:
    """A heading found at the start of a line: its role, and the text after it."""

    role: str
    rest: str


def noun_role(noun: str) -> str:
    """The role a role noun names ("Witnesses", "Facilitators", "Garants"); third party if none."""
    for pattern, role in _NOUNS:
        if re.fullmatch(pattern, noun, re.I):
            return role
    return _T


def _best_role(text: str) -> str | None:
    """The most specific role any role noun in ``text`` names (guarantor > mediator > ...)."""
    found = [role for pattern, role in _NOUNS if re.search(rf"\b(?:{pattern})\b", text, re.I)]
    return found[0] if found else None


def heading(line: str, column_default: str) -> Heading | None:
    """The heading a line starts with, if it starts with one.

    A heading is a role noun that opens the line and is followed by a colon, by "by", by the
    end of a short line, or by the names it introduces ("Witnesses: H.E. ..."). A short line
    ending in a colon that holds a role noun is a heading too ("Signed by the Following
    Witnesses:", "The Kenya Government Facilitation Team:").
    """
    text = re.sub(r"\s*[-–]+$", "", line.strip())  # "Signing of the agreement is witnessed by: -"
    text = re.sub(r"^['\"“‘]([^'\"”’]{2,40})['\"”’]\s*:", r"\1:", text)  # "'Facilitators': ..."
    match = HEADING_NOUN.match(text)
    if match:
        after = text[match.end() :]
        # "Witnesses (RCA):" — a bracket that only says which side the witnesses come from.
        after = re.sub(r"^\s*\([^)]{1,30}\)", "", after)
        tail = re.match(r"^(?:\s*(?:[/&,]|and|or)\s*(?:" + _any_noun() + r")\b)*", after, re.I)
        after = after[tail.end() :] if tail else after
        # A short heading line says its role in full ("Ont signé comme témoins:").
        said = text if text.endswith(":") and len(text) <= 60 else text[: match.end() + (tail.end() if tail else 0)]
        role = _best_role(said) or noun_role(match.group("noun")) or column_default
        if not role:
            role = column_default
        stripped = after.strip()
        words = re.sub(r"\([^)]*\)", "", stripped).split()
        collective = re.match(
            r"(?:countries|states|nations|members|partners|organi[sz]ations|representatives)\b[^:]*(?::\s*|$)",
            stripped,
            re.I,
        )
        if collective:
            # "FOR THE OBSERVER COUNTRIES TO THE ANGOLAN PEACE PROCESS" (who they are comes below),
            # "Observer nations: Algeria, Mauritania, UNSRSG".
            return Heading(role, stripped[collective.end() :].strip())
        if re.match(r"for\b", text, re.I) and stripped.strip(" :"):
            return None  # "For the facilitator (the United Republic of Tanzania): ...": a block, not a heading
        if text.endswith(":") and not re.match(r"^\s*(?:for|of|from)\b", after, re.I):
            return Heading(role, "")  # "Signatories, Chairpersons of ..., Signing on Behalf of ...:"
        colon = stripped.find(":")
        if 0 < colon < 100 and not text.endswith(":") and re.match(r"^(?:of|from|in|to)\b", stripped, re.I):
            # "Signatories Parties of Arusha Peace Agreement ...: Abasa, Anadde, CNDD, ...".
            return Heading(role, stripped[colon + 1 :].strip())
        if not stripped or stripped.startswith(":") or re.match(r"^(?:by|of|for|to|as|from)\b", stripped, re.I):
            # "As observers for the Armed Forces:", "As observer of the armed forces:": the actor
            # the heading is for opens a block.
            rest = re.sub(r"^(?:of|from)\b", "For", stripped, flags=re.I)
            rest = re.sub(r"^(?::|by\b|as\b)\s*", "", rest, flags=re.I).strip(" :,-")
            return Heading(role, _strip_heading_tail(rest))
        if stripped.startswith((",", "-", "–")):
            return Heading(role, stripped.strip(" ,-–:"))
        if len(words) <= 4 and text.endswith(":"):
            return Heading(role, "")
        if len(words) <= 2 and not any(w[:1].isupper() for w in words):
            return Heading(role, "")
        colon = stripped.find(":")
        if 0 < colon < 100 and len(stripped[:colon].split()) <= 12 and not re.search(r"\d", stripped[:colon]):
            # "Signatories Parties of Arusha Peace Agreement ...: Abasa, Anadde, CNDD, ...".
            return Heading(role, stripped[colon + 1 :].strip())
    opening = next((p for p in phrases(text) if not p.after), None)
    if opening is not None and _PHRASE_LEAD.match(text[: opening.start]):
        rest = text[opening.end :].strip()
        return Heading(opening.role, _strip_heading_tail(re.sub(r"^[:\s]+", "", rest)))
    if text.endswith(":") and len(text) <= 100:
        named = _best_role(text)
        if named is not None:
            named = named or column_default
            nation = re.fullmatch(r"(?:the\s+)?(?P<who>[A-Z]\w+)\s+(?:government\s+)?\w+\s*:", text, re.I)
            code = gazetteer.demonyms().get(fold(nation["who"])) if nation else None
            if code:
                # "Norwegian Facilitators:": the people below act for that state, in the heading's role.
                return Heading(named, gazetteer.country_short_name(code))
            if named != _M or not _names_an_actor(text):
                return Heading(named, "")
            # "For the IGAD led Mediation:" -> "For the IGAD": the actor that mediates opens a block.
            actor = re.sub(r"[\s-]+(?:led\s+)?(?:mediation|facilitation)$", "", text.rstrip(": "), flags=re.I)
            return Heading(named, actor or text.rstrip(":"))
    return None


def _strip_heading_tail(rest: str) -> str:
    """ "the following witnesses: X" -> "X"."""
    return re.sub(r"^(?:the\s+following(?:\s+\w+)?\s*:?)\s*", "", rest, flags=re.I)


def _names_an_actor(text: str) -> bool:
    """A heading such as "The Kenya Government Facilitation Team:" names its actor."""
    if re.search(
        r"\b(?:government|state|republic|union|nations|team|commission|committee|council|group|cent(?:re|er)|"
        r"church\w*|organi[sz]ation|communit\w+|initiative|panel|mission|office|conference|forum|league)\b",
        text,
        re.I,
    ):
        return True
    # "For the IGAD led Mediation:", "For the AU/UN Mediation:": an organisation known by its acronym.
    known = gazetteer.organisation_names()
    return any(word.isupper() and len(word) >= 2 and fold(word) in known for word in re.split(r"[\s/,;:()-]+", text))


def _any_noun() -> str:
    return "|".join(f"(?:{p})" for p, _ in _NOUNS)


@dataclass(frozen=True)
class Phrase:
    """A role phrase inside a line. ``after`` phrases qualify the names before them."""

    start: int
    end: int
    role: str
    after: bool


def phrases(text: str) -> list[Phrase]:
    """Role phrases inside a line, in order."""
    found = []
    for match in PHRASE.finditer(text):
        index = next(i for i, value in enumerate(match.groups()) if value is not None)
        found.append(Phrase(match.start(), match.end(), _ALL_PHRASES[index][1], index >= len(_PHRASES)))
    return found


def is_role_word_only(text: str) -> bool:
    """True for text that is nothing but role words ("Witness one", "Signatories")."""
    stripped = re.sub(r"\b(?:one|two|three|four|\d+)\b", "", text, flags=re.I).strip(" :.-")
    return bool(stripped) and bool(re.fullmatch(r"(?:(?:" + _any_noun() + r")[\s/&,and]*)+", stripped, re.I))
