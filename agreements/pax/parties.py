"""Reading the actors, and their roles, out of PA-X's free-text party cells.

PA-X's ``Part`` (signatories) and ``ThrdPart`` (third parties) columns are transcriptions of
signature pages and notes: "Government of Sri Lanka; Liberation Tigers of Tamil Eelam",
but also "For the State of Israel: Yitzhak Rabin, Prime Minister", pages of delegates,
headings, run-on offices and sentences. ``parse_cell`` turns one cell into the actors it
names, following the gold set's labelling rules (``tests/agreements/pax/gold/RULES.md``):

- known names are matched before text is split (``gazetteer``; the caller's ``known``);
- the agreement's own government, however it is written, is one actor, "Government of
  <country>" (R4); acronyms are read in the agreement's country;
- a role comes from the nearest heading above it, never from a word in a name (R7);
- a person is who signed for an actor (``signed_by``), not an actor, unless no actor is
  stated (R5);
- headings, places, dates and notes are never actors (R1).

The parser is pure (no database): the importer passes what it knows through ``known``, and
``parties_score`` scores the parser offline against the gold set.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace
from itertools import pairwise

import pycountry

from agreements.choices import ActorKind, SignatoryRole
from agreements.countries import alpha2_from_alpha3
from agreements.pax import gazetteer
from agreements.pax.party_names import (
    CONNECTORS,
    DEPARTMENT,
    DESCRIPTORS,
    GOVERNMENT_OFFICE,
    INITIALLED,
    NOT_ACTORS,
    OFFICE_WORDS,
    PERSON_OFFICES,
    TITLES,
    Context,
    Known,
    KnownLookup,
    Mention,
    Person,
    Reading,
    fold,
    is_document_name,
    is_office_text,
    kind_of,
    names_country,
    read,
    read_name,
    state_mention,
    state_of,
)
from agreements.pax.party_roles import heading, is_role_word_only, noun_role, phrases
from agreements.pax.party_text import clean, logical_lines

__all__ = ["Known", "KnownLookup", "Party", "agreement_country", "parse_cell"]


@dataclass(frozen=True)
class Party:
    """An actor a PA-X cell names, in one role.

    ``name`` is the actor as the cell names it, except that a national government is always
    "Government of <country>" (R4) and an acronym the cell spells out is named by its
    expansion; ``aliases`` are its other names (the cell's wording, acronyms, short forms);
    ``country`` is ISO 3166-1 alpha-2 or ""; ``signed_by`` and ``signed_as`` say who signed
    for it and in what office.
    """

    name: str
    role: str
    kind: str
    aliases: tuple[str, ...] = field(default=())
    country: str = ""
    signed_by: str = ""
    signed_as: str = ""


def agreement_country(loc1iso: str, con: str = "") -> tuple[str, str]:
    """(ISO alpha-3, English name) of an agreement's country, from ``Loc1ISO`` or else ``Con``.

    PA-X leaves ``Loc1ISO`` empty for a few rows (Kosovo, multi-state processes); then the
    first country ``Con`` names is used, by name.
    """
    alpha3 = (loc1iso or "").strip().upper()
    alpha2 = alpha2_from_alpha3(alpha3) if alpha3 else None
    if alpha2:
        return alpha3, gazetteer.country_short_name(alpha2)
    first = re.split(r"[/]", con or "")[0].strip(" ()")
    code = gazetteer.state_names().get(fold(first), None) if first else None
    if code:
        country = pycountry.countries.get(alpha_2=code)
        return (country.alpha_3 if country else ""), gazetteer.country_short_name(code)
    return "", first


# --- the cell's structure ---------------------------------------------------------------------

_FOR = re.compile(
    r"^(?:(?:signed\s+)?(?:for\s+and\s+)?on\s+(?:the\s+)?behalf\s+of|in\s+behalf\s+of|for\s+and\s+on\s+behalf\s+of|"
    r"for|pour|por|by|from|representing|(?:the\s+)?representatives?\s+of|(?:los\s+)?delegados\s+del?|"
    r"on\s+the\s+side\s+of|"
    r"(?:the\s+)?delegates\s+of)\s*:?\s+(?:the\s+|le\s+|la\s+|l['’]\s*|les\s+|el\s+|los\s+|las\s+)?(?P<rest>\S.*)$",
    re.I,
)
# "(Gen Kadijevic)": who signed for the actor before the bracket, titles dropped.
_SIGNER_IN_BRACKETS = re.compile(
    r"\s*\(\s*(?:(?:Gen|Gen\.|General|Mr|Mr\.|Dr|Dr\.|H\.\s?E\.?|President|Col|Col\.|Prime\s+Minister)\s+)*"
    r"(?P<who>[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){0,3})\s*\)"
)


def _is_acronym_like(text: str) -> bool:
    return bool(re.fullmatch(r"[A-Z0-9/&.-]{2,12}", text))


# A line that only describes the person above it (R5: elder, faith-based leader, eminent personality).
_DESCRIPTOR_LINE = re.compile(
    r"(?:prof\.?\s+|for\s+)?(?:eminent\s+personalit(?:y|ies)|faith[- ]based\s+leaders?|civil\s+society\s+delegates?|"
    r"concerned\s+citizens?|community\s+leaders?|religious\s+leaders?|traditional\s+leaders?|elders?)",
    re.I,
)
# "Rajoelina, Andry": surname, then given names.
_SURNAME_FIRST = re.compile(r"(?P<surname>[A-Z][\w'’-]+),\s+(?P<given>[A-Z][a-z\w'’-]+\.?(?:\s+[A-Z][a-z\w'’-]*\.?)?)")
# "The Georgian delegation was led by Mr. X", "The Head of the Abkhazian delegation was Mr. Y".
_LED_BY = re.compile(
    r"^(?:the\s+)?(?:head\s+of\s+the\s+)?(?P<side>[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)?\s+(?:delegation|side|party))\s+"
    r"(?:was|were)\s+(?:led\s+by|headed\s+by|represented\s+by(?:\s+a\s+delegation\s+(?:consisting\s+of|made\s+up\s+of|"
    r"headed\s+by|led\s+by))?)?"
    r"\s*(?P<who>.+)$",
    re.I,
)
_LED_BY_IN_SENTENCE = re.compile(
    r"(?:\bthe\s+)?(?P<side>[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)?\s+(?:delegation|side))\s*,?\s+(?:was\s+)?"
    r"(?:led|headed)\s+by\s+(?P<who>(?:(?:Dr|Mr|Mrs|Ms|H\.\s?E)\.?\s+)?[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3})"
)
# "The Didinga and Laarim communities": several groups of people, named before one plural noun.
_NAME = r"[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,2}"
_GROUPS_OF_PEOPLE = re.compile(
    rf"(?:\b[Tt]he\s+)?(?P<names>{_NAME}(?:,\s*{_NAME})*\s+and\s+(?:the\s+)?{_NAME})\s+"
    r"(?P<noun>communities|tribes|clans|sub-clans|subclans|representatives|delegates|delegations)\b"
)
# Words that say the acronym after them names a party: "ANA MERCEDES GÓMEZ for CCN".
_GOVERNMENT_TITLE = re.compile(
    r"\s*(?:sec|usec|asec|secretary|undersecretary|under-secretary|gov|governor|rep|minister|mayor)\b", re.I
)
_BEFORE_A_PARTY = re.compile(r"\b(?:for|of|representing)\s+(?:the\s+)?$", re.I)
# A semicolon before another "For X" on the same line starts a new block.
_NEXT_BLOCK = re.compile(
    r";\s*(?=(?:for|pour|por|on\s+behalf\s+of|in\s+behalf\s+of|for\s+and\s+on\s+behalf\s+of)\s+\S)(?![^()]*\))", re.I
)
# Where the actor's name ends in "For X: person" / "For X, person" / "For X - Name: person".
# What ends the actor of a "For X" block: a colon, a comma, a spaced dash, or a semicolon before a
# titled person ("For the CDPA; Mr. Leopold GNININVI").
_AFTER_ACTOR = re.compile(r"\s*(?::|,|;(?=\s*(?:Mr|Mrs|Ms|Md|Mme|Dr|H\.\s?E|Hon)\b)|\s[-–]\s)\s*")
_SIGNED_BY = re.compile(
    r"^(?P<actor>.+?),?\s+(?:signed|sign|represented)\s+(?:for\s+|on\s+his\s+behalf\s+)?by(?:\s*:)?\s+(?P<who>.+)$",
    re.I,
)
_ON_BEHALF = re.compile(
    r"(?:,\s*|\s)(?i:for\s+and\s+on\s+behalf\s+of|on\s+behalf\s+of|in\s+behalf\s+of|representing)\s+"
    r"|,\s*(?i:for)\s+|\sFor\s+(?=(?:the\s+)?[A-Z])|\sFOR\s+|\sfor\s+the\s+(?=[A-Z])"
)
_LABELS = re.compile(r"\b(?:name of the representative|title|name|nom|nombre|cargo|signature)\s*:\s*", re.I)
_COLON_BLOCK = re.compile(r"^(?P<actor>[^:]{2,70}):\s*(?P<rest>.*)$")
_PROSE = re.compile(r"\b(?:was|were|is|are|has|have|had|agreed|met|held|between|which|who|that|includ\w*)\b", re.I)


@dataclass
class _Entity:
    """An actor being assembled from the lines of a cell."""

    name: str
    kind: str
    role: str
    country: str = ""
    aliases: list[str] = field(default_factory=list)
    signed_by: str = ""
    signed_as: str = ""
    state_like: bool = False
    office: str = ""  # reached through an office rather than named
    offices: str = ""  # the offices of its other signers ("..., Conciliator, Chairman of ...")
    strength: int = 1  # as its mention's: 3 known, 2 gazetteer or shaped, 1 head word
    category: bool = False  # a colon heading read as a constituency ("Trade unions:")
    over_actors: bool = False  # ... under which actors of their own were named

    def keys(self) -> set[str]:
        keys = {fold(self.name), *(fold(a) for a in self.aliases)}
        if self.state_like and self.country:
            keys.add(f"country:{self.country}")
        return {k for k in keys if k}

    def party(self) -> Party:
        aliases: list[str] = []
        seen = {fold(self.name)}
        for alias in self.aliases:
            if alias.strip() and fold(alias) not in seen:
                seen.add(fold(alias))
                aliases.append(re.sub(r"\s+", " ", alias).strip())
        return Party(
            name=re.sub(r"\s+", " ", self.name).strip(),
            role=self.role,
            kind=self.kind,
            aliases=tuple(aliases),
            country=self.country,
            signed_by=signer_name(self.signed_by),
            signed_as=signer_office(self.signed_as)[:300],
        )


# An acronym, then two to four capitalised words: "FPI Pascal Affi N'Guessan", "UDCY Theodore MEL EG".
_ACRONYM_AND_PERSON = re.compile(
    r"(?P<acronym>[A-Z][A-Z0-9]{1,6}(?:[-/][A-Z0-9]{1,6})?)\s+(?P<who>(?:[A-Z][\w'’.-]*\s+){1,3}[A-Z][\w'’.-]*)"
)
_ACRONYMS_ONLY = re.compile(r"[A-Z]{2,4}(?:[\s/-]+[A-Z]{2,4})+")
# A title glued to the name after it ("Mr.Ali Alatas", "H. E.Uhuru Kenyatta", "Hon.Hon. John").
_GLUED_TITLE = re.compile(r"^(?:(?:Mr|Mrs|Ms|Dr|Hon|Sh|Amb|Prof|Sec|H\.\s?E(?:\.\s?M)?)\.\s*)+(?=[A-Z])")
# A French elided word cut from the office before the name ("d'Etat", "d’Armee Ali Darrassa").
_ELIDED = re.compile(r"^[dl]['’](?:Etat|État|Armee|Armée)\b\s*")  # not "d'Almeida Rose"
_SIGNATURE_WORDS = frozenset(("signature", "signatures", "signed", "sgd", "illegible", "name", "date"))
# Words that cannot end a person's name: the rest of it was cut off ("GOVERNMENT OF", "TOGETHER WITH").
# Lower case or capitals: "James To", "Hoang Le" end in a surname.
_CUT_OFF = re.compile(
    r"(?:^|\s)(?:of|de|du|des|del|the|for|and|et|la|le|les|los|las|with|by|to|OF|DE|DU|THE|FOR|AND|WITH|BY|TO)$"
)


# Honours and offices written after a name: "Julius Chan GCMG KBE MP", "Bernard Narokobi MP".
_POST_NOMINALS = re.compile(
    r"(?:(?:^|[\s,]+)(?:(?:Former\s+)?M\.?P\.?|GCMG|KCMG|CMG|GCB|KBE|CBE|OBE|MBE|CH|JP|MHR|EGH|MGH|OGW))+\s*$"
)


_RUN_ON = frozenset(("former", "legal", "esta"))
# Words of an office's name that may stand between a body word and a person's name.
_OFFICE_TAIL_WORDS = OFFICE_WORDS | frozenset(("policy", "affairs"))
# Occupations and roles read as a party's name ("Trader: Yien Nyuon Kuony"): the signer is a person.
_OCCUPATIONS = frozenset(
    fold(w)
    for w in gazetteer.phrase_list(
        "Trader, Journalist, Intellectual, Chairlady, Convener, Ex-Chief, Fondateur, Membre, Meber, TBA, "
        "T.B.A, Tutor, Facilitaor, Rapporteurs, President/Fondateur, Com Zone, Com Zone Adjoint, "
        "Commendant de la Zone, Mar-mar Faction Leader, Communautes Temoins, Partis Politiques Agrées, "
        "Committee Members Responsible for Preparing the Document, Pour la Faction, Faction, Court, County, "
        "Dialogue, Command, Movement, Counsel, Section"
    )
)
# A label or an occupation read as a whole name: no actor.
_LABEL_NAMES = NOT_ACTORS | _OCCUPATIONS
_FOR_LEFT = re.compile(r"^(?:Pour|For|Por)\s+(?:l['’]|la\s+|le\s+|les\s+|the\s+|el\s+)?(?=[A-Z])")
# Words of a body, a collective or a place, never of a person's name: "Operation Lifeline", "Al
# Kahlifa Family", "Sanga LGA", "Residents of Wadi Barada" are not who signed.
_BODY_WORDS = frozenset(
    fold(w)
    for w in gazetteer.word_list(
        "Operation Operations Room Rooms Groups Family Chamber Commune Community Commnity Communities Diocese "
        "Movements Stakeholders Media Residents Sheikhs Institutions LGA Township Hluttaw Location "
        "Herdsmen Mosque Confédération Confederation Association Scouts Parti Partis Groupement Jeunesse "
        "Organisation Organization Lecturer Welfare Defence Criteria Envoys Panels Security Faction Factions "
        "Tribe Tribes Clan Clans"
    )
)
_CHAIR = re.compile(r"chai\w*p\w*rs\w*n", re.I)


def _runs_on(word: str) -> bool:
    """Whether ``word``, last of a signer's name, is the next column's first word, not the name's."""
    return fold(word) in _RUN_ON or fold(word) in PERSON_OFFICES or bool(_CHAIR.fullmatch(word))


# Honorifics written before a signer's name that are not in TITLES, for reading offices only.
# Words of TITLES that are offices in their own right, or abbreviate one: kept in an office.
_OFFICE_ABBREVIATIONS = frozenset(
    fold(w)
    for w in gazetteer.word_list(
        "Sec Usec ASec A/Sec Dep Exec Dir Chief P/Chief Staff Police Judge Imam Bishop Archbishop Senator Sen "
        "Gov Rep Elder Elders Omda Mwalimu Engineer Pastor Priest Cardinal Canon Archdeacon Deacon"
    )
)
_OFFICE_TITLES = frozenset(
    fold(w) for w in gazetteer.word_list("Ingeniero Ingeniera Monsenor Monseñor Doctora Licenciada")
)


_HONORIFICS = re.compile(
    r"^\s*(?:(?:his|her|their)\s+(?:excellency|excellencies)|h\.\s?e\.?|s\.e\.?|mr\.?|mrs\.?|ms\.?|dr\.?|hon\.?|"
    r"honou?rable|rt\.?\s+hon\.?|sir|dame|shri|shree|sd\.?|the)\s+(?=\S)",
    re.I,
)


def signer_office(text: str) -> str:
    """``text`` as the office a signer signed in, the gap their name left closed: "Col , OBE,
    Deputy Controller" -> "OBE, Deputy Controller", "H.E. Dr. , President of the Interim
    Government" -> "President of the Interim Government", "Mr" -> "", "( ) PRESIDENT, KARBI
    STUDENTS' ASSOCIATION" -> "PRESIDENT, KARBI STUDENTS' ASSOCIATION"."""

    def titles_only(part: str) -> bool:
        words = [w for w in re.split(r"[\s/]+", part.strip(" .,;:")) if w]
        if any(fold(w.rstrip(".")) in _OFFICE_ABBREVIATIONS for w in words):
            return False  # "Gen. Sec., New Mon State Party", "CHIEF, BEKANGWA": an office, not a title
        return all(fold(w) in TITLES or fold(w.rstrip(".")) in TITLES or fold(w) in _OFFICE_TITLES for w in words)

    text = re.sub(r"\(\s*\)", " ", text)
    before = None
    while before != text:
        before = text
        text = re.sub(r"^\s*\d{1,3}\s*[-.)]+(?=[\s,]|$)\s*,?", "", text)  # "1-, Chef de village", not "30-member"
        text = re.sub(r"^\s*signed\s+by\s+", "", text, flags=re.I)  # "Signed by Head of the Delegation"
        if (cut := re.match(r"\s*([^,()]*?)\s*,\s*(.*)$", text, re.S)) is not None and titles_only(cut.group(1)):
            text = cut.group(2)  # the titles before a name that was taken out
        # "His Excellency President of the Commission ...", "the EU facilitator": honorifics and
        # the article before the office itself.
        text = _HONORIFICS.sub("", text)
    if titles_only(text):
        return ""
    # "Acting President of Nepali Congress, Mr", "the Interim General Secretary: Honourable": the
    # titles of a name that came after the office.
    while (tail := re.match(r"(.*?)\s*[,:]\s*([^,:()]*)$", text, re.S)) is not None and titles_only(tail.group(2)):
        text = tail.group(1)
    text = re.sub(r",(?:\s*,)+", ",", text)
    if text.startswith("(") and text.endswith(")") and text.count("(") == 1:
        text = text[1:-1]  # "(Chief Executive Member, KAAC)"
    text = re.sub(r"\s+([,;)])", r"\1", text)
    text = re.sub(r"([(])\s+", r"\1", text)
    return re.sub(r"\s+", " ", text).strip(" ,;:-–—")


def _folded_words(name: str) -> set[str]:
    """The folded words of a name, split at spaces and slashes ("Prefect/Members")."""
    return {fold(w) for w in re.split(r"[\s/]+", name) if w.strip(".,;:-")}


def signer_name(name: str) -> str:
    """``name`` as a signer's name, or "" when it is no one's: a heading or an office cut short
    ("TOGETHER WITH", "States of the Group of Friends of the", "d'Etat"), a signature note ("FOUR
    SIGNATURES (not legible)", "Name/ Signature/ Date/") or words that only hold an office ("Major-
    General", "Delegated"). A title glued to the name is dropped ("Mr.Ali Alatas")."""
    name = _POST_NOMINALS.sub("", _ELIDED.sub("", _GLUED_TITLE.sub("", name.strip())))
    # The first word of the next column run on: "Georges Chikoti Former", "Pierre Nkurunziza Legal",
    # "Francis Ole Kaparo Chaiperson", "Dieter Boden-the".
    name = re.sub(r"-the$", "", name)
    while len(name.split()) > 2 and _runs_on(name.split()[-1]):
        name = name.rsplit(None, 1)[0].rstrip(" ,")
    words = _folded_words(name)
    if fold(re.sub(r"^(?:les|the|la|le)\s+", "", name, flags=re.I)) in _LABEL_NAMES:
        return ""  # "LES TEMOINS NATIONAUX", "Your Excellency", "Other Participations"
    if not words or _CUT_OFF.search(name) or _SIGNATURE_WORDS & words or state_of(name) is not None:
        return ""  # "Ambassadeur du Burkina Faso": the state is no one's name
    if all(w in NOT_ACTORS or w in OFFICE_WORDS or w in TITLES or w in CONNECTORS for w in words):
        return ""
    if _BODY_WORDS & words:
        # "Security Policy Federica Mogherini": the person after the office's words, if any.
        parts = name.split()
        last = max(i for i, w in enumerate(parts) if fold(w) in _BODY_WORDS or fold(w) in _OFFICE_TAIL_WORDS)
        rest = parts[last + 1 :]
        if fold(parts[last]) in _OFFICE_TAIL_WORDS and len(rest) >= 2 and all(w[:1].isupper() for w in rest):
            return " ".join(rest)  # an office's last word, then the name ("Scouts Musulmans Algériens" is none)
        return ""
    return name


def _entity(mention: Mention, role: str) -> _Entity:
    return _Entity(
        name=mention.name,
        kind=mention.kind,
        role=role,
        country=mention.country,
        aliases=list(mention.aliases),
        state_like=mention.state_like,
        office=mention.office,
        strength=mention.strength,
    )


def _office_beside(text: str, mention: Mention) -> str:
    """The office written beside an actor's name, "" when the text is only that name (and its
    bracketed acronym): "Edelma Gómez / Mission to Support ... (MAPP-OEA)" has no office."""
    text = re.sub(r"\s+", " ", text).strip(" ,;:.-–")
    inner = text[1:-1] if text.startswith("(") and text.endswith(")") and text.count("(") == 1 else text
    bare = re.sub(r"\([^()]*\)", " ", inner)
    names = [mention.name, *mention.aliases]
    if any(fold(bare) == fold(name) or fold(inner) == fold(name) for name in names):
        return ""  # "CPN (UML)": a faction's name, its bracket and all
    return text


# "FDPC Front démocratique du peuple centrafricain", "UFR-R Union des forces républicaines".
_ACRONYM_THEN_NAME = re.compile(r"(?P<acronym>[A-Z][A-Z0-9]*(?:[-/][A-Z0-9]+)?)\s+(?P<name>[A-ZÀ-Ý][^:;]{6,120})")


# "Name - Lou Nuer Youth Leaders' Representative", "Name + Dinka Bor Paramount Chiefs' Represenative"
_REPRESENTATIVE = re.compile(r"(?P<person>[^–+,;:()-]+?)\s+[-–+]\s+(?P<who>[A-Z][^–+,;:()]*?)\s+Repres\w*\.?", re.I)
# The parts of a community that sign for it: one community (R2).
_GROUP_WORDS = frozenset(
    gazetteer.word_list(
        "youth youths women woman leaders leader paramount chiefs chief elders elder traditional religious "
        "community communities civil society faith based group groups representatives"
    )
)


def _holds_office(text: str) -> bool:
    """Whether ``text`` opens with an office ("Panel Chairman for the MILF", "Head of Delegation")."""
    return any(fold(word) in PERSON_OFFICES for word in re.findall(r"[\w'’-]+", text)[:3])


def _spells(acronym: str, name: str) -> bool:
    """Whether ``acronym`` spells the initials of ``name``'s words (connectors aside), give or
    take a last letter: "FDPC" / "Front démocratique du peuple centrafricain", "UFR-R" / "Union
    des forces républicaines (fraction)"."""
    letters = [c for c in acronym if c.isalpha()]
    # "l'action", "d'évolution": the word after the elided article; "Inter-Organisation": two words.
    words = [re.sub(r"^[dlDL]['’]", "", w) for w in re.findall(r"[^\W\d_][\w'’]*", name)]
    initials = [w[0].upper() for w in words if w and w.lower() not in CONNECTORS]
    if len(letters) >= 3 and _syllables(
        fold("".join(letters)), [fold(w) for w in words if w and w.lower() not in CONNECTORS]
    ):
        return True  # "PARELI" / "Parti républicain libéral", "CIONGCA" / "Conseil inter-organisation …"
    if len(letters) < 2 or abs(len(initials) - len(letters)) > 1:
        return False
    if sorted(letters) == sorted(initials):
        return True  # "NICC" / "National Cohesion and Integration Commission": the same letters
    common = 0
    for letter, initial in zip(letters, initials, strict=False):
        if letter != initial:
            break
        common += 1
    return common >= max(2, len(letters) - 1)


def _syllables(letters: str, words: list[str]) -> bool:
    """Whether ``letters`` is the start of each of ``words`` in turn, one letter or more of each."""
    if not words:
        return not letters
    first, rest = words[0], words[1:]
    return any(
        letters[:size] == first[:size] and _syllables(letters[size:], rest)
        for size in range(1, min(len(first), len(letters) - len(rest)) + 1)
    )


# A name cut off after a connector.
_FRAGMENT_END = re.compile(r"\s(?:of|de|du|des|del|the|for|and|et|y|la|le|los|las)$", re.I)


def _inline_headings(text: str, default: str) -> list[str] | None:
    """``text`` cut before each role heading that follows a semicolon ("...; Witnesses: X"), or None."""
    pieces = text.split(";")
    starts = [
        i
        for i, piece in enumerate(pieces)
        if i > 0 and re.match(r"\s*[A-Z][^:;]{2,40}:", piece) and heading(piece.strip(), default) is not None
    ]
    if not starts:
        return None
    bounds = [0, *starts, len(pieces)]
    return [";".join(pieces[a:b]).strip() for a, b in pairwise(bounds) if a < b]


def _inside_brackets(text: str, at: int) -> bool:
    """Whether position ``at`` of ``text`` is inside a round bracket that closes after it."""
    return text.count("(", 0, at) > text.count(")", 0, at) and ")" in text[at:]


def _bracket_for(between: str) -> bool:
    """What stands between a person and an acronym after them opens a bracket, perhaps with an
    office first: "(" or "(Chief Executive Member, "."""
    opened = re.fullmatch(r"\s*\(\s*(?:(?P<office>[^(),]+),\s*)?", between)
    if opened is None or (office := opened.group("office")) is None:
        return opened is not None
    return is_office_text(office) or any(fold(word) in OFFICE_WORDS for word in office.split())


def _top_level_commas(text: str) -> list[str]:
    """``text`` cut at the commas outside brackets, each part trimmed."""
    parts, depth, start = [], 0, 0
    for i, char in enumerate(text):
        if char in "([":
            depth += 1
        elif char in ")]":
            depth = max(depth - 1, 0)
        elif char == "," and depth == 0:
            parts.append(text[start:i].strip())
            start = i + 1
    parts.append(text[start:].strip())
    return [part for part in parts if part]


def _held_at(text: str, mention: Mention, offices: list[tuple[int, int, str]]) -> bool:
    """ "Adviser to the Peace Council": a body an office line names is where the office is held.

    Under a block's heading such a line is one more delegate's office, as "Manager of the Peace
    Fund" is, not a new actor.
    """
    return any(
        end <= mention.start
        and not text[:start].strip(" ,.-–")
        and re.fullmatch(r"\s*(?:(?:to|of|for|at|in|with)\s+)?(?:the\s+)?", text[end : mention.start], re.I)
        for start, end, _ in offices
    )


def _same_person(one: str, other: str) -> bool:
    """ "T. Ketsba" and "Tamaz Ketsba", "Jerry John RAWLINGS" and "Jerry John Rawlings": one
    surname, and one first name, or its initial where one of them gives only that ("Mohamed Ali"
    and "Mahmoud Ali" are two people)."""
    first, second = fold(one).split(), fold(other).split()
    if len(first) < 2 or len(second) < 2 or first[-1] != second[-1]:
        return False
    if min(len(first[0]), len(second[0])) == 1:
        return first[0][0] == second[0][0]
    return first[0] == second[0]


def _person_name(person: Person) -> str:
    return re.sub(r"\s+", " ", person.name).strip(" ,.;")


class _Reader:
    """Walks a cell's lines, keeping the role in force and the signature block open."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.column_table = False  # two lines or more look like a signature table's columns
        self.group_headings = False  # two lines or more are headings of a group ("A [Dinka]")
        self.default = SignatoryRole.SIGNATORY if ctx.column == "Part" else SignatoryRole.THIRD_PARTY
        self.role: str = self.default
        self.heading_fresh = False  # a heading was just read and nothing under it yet
        self.block: _Entity | None = None  # the actor of an open "For X:" block
        self.pending: tuple[str, str] | None = None  # a person awaiting the actor on the next line
        # The government an office under the pending person stands for, if no actor follows (R4).
        self.pending_generic: tuple[tuple[str, str], Mention] | None = None
        self.entities: list[_Entity] = []
        # (person, role, signs on their own) never tied to an actor
        self.orphans: list[tuple[str, str, bool]] = []
        # The line being read lists its signatories one by one ("A; UNPROFOR; B", "(Signed) A").
        self.one_by_one = False
        self.pending_alone = False  # the pending person was read from such a line, outside any block
        self.roles_with_actors: set[str] = set()
        self.in_group = False  # under a sub-heading that names no actor ("Government", "Rebel Groups")
        # An actor named on a line of its own, whose people may follow ("HD Advisors / Alice ...").
        self.soft: _Entity | None = None
        # The cell names each signer above the party they sign for ("Hon. X / For the SSOA").
        self.person_first = False
        self.headed = False  # a heading or role phrase gave a role somewhere in the cell
        self.stale = False  # the pending person was followed by a blank line
        self.listing = False  # the line is a list of parties separated by semicolons
        self.descriptor = False  # the last "For X" named a personal descriptor, not an actor
        self.header = False  # the line being read ends with a colon: what follows is its
        self.header_block: _Entity | None = None  # the block such a line opened
        # A "For X:" block a blank line closed after its signer: the people listed one by one
        # below it, a blank line apart, are more of its delegates (R2), until another actor or
        # heading comes.
        self.closed_block: _Entity | None = None

    # --- output ----------------------------------------------------------------------------

    def add(self, entity: _Entity) -> _Entity:
        self.roles_with_actors.add(entity.role)
        self.closed_block = None
        if (
            self.block is not None
            and self.block.category
            and entity is not self.block
            and entity.kind != ActorKind.PERSON
        ):
            self.block.over_actors = True
        for existing in self.entities:
            if existing.role == entity.role and existing.keys() & entity.keys():
                if existing.office and not entity.office and entity.kind in (ActorKind.STATE, ActorKind.GOVERNMENT):
                    # The fullest listing names the actor (R2): the state's own name beats
                    # the one reached through its minister.
                    existing.aliases.append(existing.name)
                    existing.name, existing.kind, existing.office = entity.name, entity.kind, ""
                existing.aliases.extend(a for a in [entity.name, *entity.aliases] if a not in existing.aliases)
                existing.signed_by = existing.signed_by or entity.signed_by
                existing.signed_as = existing.signed_as or entity.signed_as
                existing.country = existing.country or entity.country
                return existing
        self.entities.append(entity)
        return entity

    def parties(self) -> list[Party]:
        self.flush_pending()
        if not self.headed:
            self.capacities_from_offices()
        for person, role, alone in self.orphans:
            # A person with no actor stated is an actor of their own (R5), where the role
            # names no actor at all, or where they sign one by one beside actors ("Hasan
            # Muratovic; UNPROFOR; Momcillo Krajsnik"): otherwise, beside actors, a list of
            # people is their delegates (R2).
            if role not in self.roles_with_actors or alone:
                self.entities.append(_Entity(name=person, kind=ActorKind.PERSON, role=role))
        merged: list[_Entity] = []
        for entity in self.entities:
            if entity.category and entity.over_actors and not entity.signed_by:
                continue  # "Trade unions:" over the unions it names: a heading, no actor (R1, R11)
            # "For the d’Iloas Community", "l'Union Africaine": the elided article is no part of the name.
            if entity.kind != ActorKind.PERSON:  # a person's goes with the word it elides (signer_name)
                entity.name = re.sub(r"^[dl]['’](?=[A-Z])", "", entity.name)
            if _FRAGMENT_END.search(entity.name):
                continue  # "Republic of" (of "Republic of CÔTE D' VOIRE", misspelt): a fragment, no name
            # "Pour l'Organisation de la Coopération Islamique": a block's "For" left on its actor.
            entity.name = _FOR_LEFT.sub("", entity.name)
            if fold(entity.name) in _LABEL_NAMES:
                # "Pour les communautes temoins: X", "Trader: Yien Nyuon Kuony": a label or an
                # occupation names no actor; whoever signed under it is a person with no actor
                # stated (R5).
                if not signer_name(entity.signed_by):
                    continue
                entity = _Entity(name=entity.signed_by, kind=ActorKind.PERSON, role=entity.role)
            if entity.kind in (ActorKind.PERSON, ActorKind.OTHER) and not entity.signed_by:
                entity = self.acronym_and_signer(entity)
            if entity.kind == ActorKind.PERSON and _BODY_WORDS & _folded_words(entity.name):
                entity.kind = ActorKind.OTHER  # "Diocese of Quibdó", "European External Action Service"
            if entity.kind == ActorKind.PERSON:
                # A person is named as a signer is ("Sh.Ibrahim Jibril Aliyow"); "Prefect/Members" is no one.
                entity.name = signer_name(entity.name)
                if not entity.name:
                    continue
                if _ACRONYMS_ONLY.fullmatch(entity.name) and re.search(r"\b[B-DF-HJ-NP-TV-Z]{2,}\b", entity.name):
                    entity.kind = ActorKind.OTHER  # "CPN UML", "HQ SA": short forms of bodies, not a person
            same = next((m for m in merged if m.role == entity.role and m.keys() & entity.keys()), None)
            if same is None:
                merged.append(entity)
            else:
                same.aliases.extend(a for a in [entity.name, *entity.aliases] if a not in same.aliases)
                same.signed_by = same.signed_by or entity.signed_by
        merged = self.without_units(merged)
        # "The Abkhaz Party was represented by ... Mr. Tamaz Ketsba ... (Signed) T. Ketsba": a person
        # who signed for an actor of the cell, named again on their own, is no second actor.
        signers = [(e.role, e.signed_by) for e in merged if e.kind != ActorKind.PERSON and e.signed_by]
        return [
            entity.party()
            for entity in merged
            if entity.kind != ActorKind.PERSON
            or not any(role == entity.role and _same_person(entity.name, who) for role, who in signers)
        ]

    def without_units(self, merged: list[_Entity]) -> list[_Entity]:
        """The actors of the cell without the units of another of them, known only through an
        officer's title: "National Coordinator of the Reinsertion Programme" beside the President
        and his ministers is one more delegate of the agreement's own government in that role (R2),
        and "Head of the Medical Division" under the ICRC's officers one more of the ICRC's."""
        governments = {
            e.role
            for e in merged
            if e.kind == ActorKind.GOVERNMENT and e.state_like and e.country and e.country == self.ctx.country
        }
        # A division of the one organisation that signs in a role is its delegate.
        organisations = Counter(e.role for e in merged if e.kind == ActorKind.ORGANISATION and e.strength >= 2)

        def is_unit(entity: _Entity) -> bool:
            # Only a short name is a unit: not the "Northern Uganda Women's Peace Programme" or the
            # "Independent Human Rights Office", bodies of their own.
            if entity.kind == ActorKind.PERSON or not entity.office or entity.strength > 1:
                return False
            if len(entity.name.split()) > 3:
                return False
            if entity.role in governments:
                return (
                    entity.kind == ActorKind.ORGANISATION
                    and entity.country == self.ctx.country
                    and _GOVERNMENT_UNIT.search(entity.name) is not None
                )
            return organisations[entity.role] == 1 and _DIVISION.search(entity.name) is not None

        return [entity for entity in merged if not is_unit(entity)]

    def acronym_and_signer(self, entity: _Entity) -> _Entity:
        """ "FPI Pascal Affi N'Guessan", "CODEP Raymond Tshibanda": a party's acronym and who signed
        for it, run together where a table's columns were flattened (R5)."""
        match = _ACRONYM_AND_PERSON.fullmatch(entity.name)
        if match is None or fold(match["acronym"]) in TITLES or _spells(match["acronym"], match["who"]):
            return entity
        who = match["who"]
        words = who.split()
        if (
            signer_name(who) != who
            # "DAWDA KAIRABA JAWARA": a name all in capitals is one person, its first name no acronym.
            or not any(re.search(r"[a-z]", w) for w in words)
            or any(fold(w) in NOT_ACTORS or fold(w) in OFFICE_WORDS or fold(w) in _BODY_WORDS for w in words)
            or state_of(who) is not None
            or read_name(who, self.ctx) is not None
        ):
            return entity
        mention = read_name(match["acronym"], self.ctx, generic=True)
        actor = (
            _entity(mention, entity.role)
            if mention is not None
            else _Entity(name=match["acronym"], kind=ActorKind.OTHER, role=entity.role, country=self.ctx.country)
        )
        actor.signed_by = who
        return actor

    def capacities_from_offices(self) -> None:
        """With no heading in the cell, a capacity stated in an office decides the role (R7):
        Kazimirov, "Head of the Russian Mediation Mission", mediated. The actor's own name does
        not count ("CEDEAO Ministerial Council for Mediation and Security")."""
        for entity in self.entities:
            office = f"{entity.signed_as} {entity.offices}"
            for name in sorted([entity.name, *entity.aliases], key=len, reverse=True):
                if name.lower() in office.lower():  # a pattern per name would evict re's cache
                    office = re.sub(re.escape(name), " ", office, flags=re.I)
            for pattern, role in _CAPACITIES:
                if entity.role == self.default and re.search(pattern, office, re.I):
                    entity.role = role
                    break

    def flush_pending(self) -> None:
        if self.pending is not None and not self.in_group:
            generic = self.pending_generic
            if generic is not None and generic[0] is self.pending:
                entity = _entity(generic[1], self.role)
                entity.signed_by, entity.signed_as = self.pending[0], generic[1].office
                self.add(entity)
            else:
                alone = self.pending_alone and self.closed_block is None
                self.orphans.append((self.pending[0], self.role, alone))
        self.pending = None
        self.pending_generic = None
        self.stale = False

    def hold(self, person: str, office: str, role: str) -> None:
        """A person with no actor on their line: the signer of the actor above or below."""
        if self.soft is not None:
            if not self.soft.signed_by:
                self.soft.signed_by, self.soft.signed_as = person, office
            return
        self.flush_pending()
        self.pending = (person, office)
        self.pending_alone = self.one_by_one and self.block is None and not self.in_group and not office

    # --- lines -------------------------------------------------------------------------------

    def _signature_columns(self, text: str) -> str | None:
        """ "Sarmin Shura Council   Abu Abdo [Signature]": a signature table's two columns, the
        actor and who signed for it, flattened with only spaces between; read as "actor: signer"."""
        columns = _COLUMNS.fullmatch(text)
        if columns is None or not self.column_table or self.pending is not None:
            return None  # "Khalil Ibrahim / JEM   Minni Minawi / SLM/A": names above their actors
        if columns.group("who").startswith(("(", "[")):
            return None  # "Syrian Tomorrow Movement [Suria al-Ghad]", which clean makes "X  (Y)"
        actor, who = columns.group("actor"), columns.group("who")
        name = re.sub(r"^(?:from|for)\s+(?:the\s+)?", "", actor, flags=re.I).rstrip(" ,;")
        left, right = read(name, self.ctx), read(who, self.ctx)
        if len(left.mentions) != 1 or left.people or left.offices:
            return None
        mention = left.mentions[0]
        if mention.strength < 1 or mention.office or mention.start > 0 or mention.end < len(name):
            return None  # not "Société Civile/Province orientale", read only in part
        if len(right.people) != 1 or right.mentions or right.offices:
            return None
        if any(fold(word) not in TITLES for word in re.findall(r"\w{2,}", who[: right.people[0].start])):
            return None  # "Suqur al-Sham  Brigades, signed by Abu Zaher": words before the signer
        return f"{actor}: {who}"

    def line(self, text: str) -> None:
        self.header = text.rstrip().endswith(":")
        if not text:
            # A person's name and their office are often a blank line apart ("Sec. Silvestre H.
            # Bello III / (blank) / Chairperson of the GRP Panel"): keep the name for one more line
            # if it is an office's.
            if self.pending is not None and not self.stale:
                self.stale = True
            else:
                self.flush_pending()
            self.soft = None
            if self.block is not None and self.block.signed_by:
                self.closed_block, self.block = self.block, None
            return
        if self.stale:
            self.stale = False
            if not is_office_text(text):
                self.flush_pending()
        if (columns := self._signature_columns(text)) is not None:
            text = columns
        if (
            self.group_headings
            and (group := _GROUP_HEADING.fullmatch(text.strip())) is not None
            and fold((name := group.group("bracketed") or group.group("named")).split()[0]) not in _NOT_GROUPS
        ):
            # "A [Dinka]", "Names of Yantaar Delegates": the group the people below sign for.
            text = f"{name}:"
        if (stated := _LINE_CAPACITY.search(text)) is not None and stated.start() > 0:
            capacity = noun_role(stated.group("role"))
            rest = text[: stated.start()].rstrip()
            if heading(rest, self.default) is not None:
                # "Ont signé comme témoins: (Witnesses)": a heading, its capacity translated.
                self.line(rest)
                self.role = capacity
                return
            # "Sheikh Ahmed Salah al-Muqbali [Mediator]", "Ghazali Jaafar, MILF Peace Panel
            # Chairman [Witness]": the capacity the line's own actor signs in (R7), for this line.
            before, self.role = self.role, capacity
            self.line(rest)
            self.flush_pending()
            self.role = before
            return
        # Not the delegates of a party on the line above ("Government of Colombia / Juan Perez;
        # Maria Lopez"), nor people inside a block.
        # Nor the delegates listed after a party's colon ("Delegation of the General Command of the
        # URNG: Luis DECKER GUZMAN; Francisco VILLAGRAN; Jorge E. ROSAL"), unlike the people after a
        # heading's ("Witnessed by: Christopher Hill; Wolfgang Petritsch").
        colon = re.match(r"(?P<before>[^;:]{3,200}):\s*\S", text)
        self.one_by_one = (
            bool(re.search(r";(?![^()]*\))", text))
            and self.soft is None
            and self.block is None
            and (colon is None or heading(colon["before"] + ":", self.default) is not None)
        )
        if (parts := _inline_headings(text, self.default)) is not None:
            # "Signed by Mugabe, Zimbabwe; Witnesses: Botswana; Mediators: Mario Raffaelli, ...":
            # each heading after a semicolon starts a line of its own.
            for part in parts:
                self.line(part)
            return
        if re.fullmatch(r"signed\s+by\s*:?", text, re.I) and (self.soft is not None or self.block is not None):
            # "Political and Diplomatic Commission, / Signed by: / names": its signers follow.
            self.block = self.block or self.soft
            return
        if self.pending is not None and _DESCRIPTOR_LINE.fullmatch(text.strip(" .,;:")):
            # "Bishop Emeritus Enock Tombe Loro / Faith Based Leader": a person described, acting for
            # no one (R5), even beside actors.
            self.entities.append(_Entity(name=self.pending[0], kind=ActorKind.PERSON, role=self.role))
            self.pending, self.stale = None, False
            return
        if re.fullmatch(r"(?:the\s+)?(?:government|gobierno|gouvernement|governo)\s*:?", text, re.I) and (
            self.ctx.country or self.ctx.country_name
        ):
            # "Government" over its signers: the agreement's own government (R4), never an
            # actor named "Government".
            self.flush_pending()
            self.soft, self.in_group = None, False
            own = read_name("Government", self.ctx, generic=True)
            if own is not None:
                self.block = self.add(_entity(own, self.role))
            return
        signed_at = re.match(
            r"(?:(?:this|the)\s+(?:agreement|document|declaration|accord|protocol)\s+(?:is|was|has\s+been)\s+)?"
            r"signed\s+(?:at|in|on)\b.{0,160}?\bby\b\s*:?\s*(?P<rest>.*)$",
            text,
            re.I,
        ) or re.fullmatch(
            # "THIS AGREEMENT IS RATIFIED BY:" on a line of its own: a note on the document over its
            # signers, naming no one (not "... signed by the Parties in the presence of:", a heading).
            r"(?:this|the)\s+(?:agreement|document|declaration|accord|protocol)\s+(?:is|was|has\s+been|shall\s+be)\s+"
            r"(?:signed|ratified|approved|endorsed|initialled|initialed)\s+by\s*:?\s*(?P<rest>)",
            text.strip(),
            re.I,
        )
        if signed_at is not None:
            # "Signed at Sarajevo Airport by: H. Siljadzic; ...": where it was signed names no one.
            self.flush_pending()
            self.soft, self.block, self.in_group = None, None, False
            if signed_at.group("rest"):
                self.content(signed_at.group("rest"))
            return
        if re.fullmatch(r"(?:signed|signatures?|sd)\s*:?", text, re.I):
            # "Signed:" over a list of names: a note that they signed, no group of their own.
            self.flush_pending()
            self.soft, self.block, self.in_group = None, None, False
            return
        if (label := re.match(r"(?P<document>[^:;]{3,200}):\s*(?P<rest>.*)$", text)) is not None and is_document_name(
            label.group("document")
        ):
            # "To the Dayton Agreement on Implementing the Federation ...: names", "Joint Declaration
            # of 16 September 1993: names": which part of the text they signed, no actor (R1).
            self.flush_pending()
            self.soft, self.block, self.in_group = None, None, False
            if label.group("rest"):
                self.line(label.group("rest"))
            return
        found = heading(text, self.default)
        if found is not None:
            self.flush_pending()
            self.soft, self.closed_block = None, None
            self.headed = True
            self.role, self.heading_fresh, self.block, self.in_group = found.role, True, None, False
            if found.rest and not found.rest.rstrip().endswith(":"):
                self.content(found.rest)
            return
        if is_role_word_only(text):
            return
        self.content(text)

    def content(self, text: str) -> None:
        if self.header and self.block is not None and self.block is self.header_block and not self.block.signed_by:
            # "AND: THE ISATABU FREEDOM MOVEMENT ("IFM") of the Second Part:" / "AND: THE SOLOMON
            # ISLANDS GOVERNMENT ("SIG") of the Third Part:": a heading after a heading opens its
            # own block; it is not the first one's signer.
            self.block = None
        text = _LABELS.sub("", text).strip()
        # "THE REPUBLIKA SRPSKA, REPRESENTED BY:": a block heading whose signers follow.
        text = re.sub(r",?\s+(?:represented|ratified|signed)\s+by\s*:\s*$", ":", text, flags=re.I)
        # "Bishop Dacillia Joseph, alias Buyengero": a second name of the same person.
        text = re.sub(r",?\s+alias\s+[^,;]+", "", text, flags=re.I).strip()
        if not text:
            return
        if self.pending is not None and self.pending_alone and text.endswith((";", ":")):
            # "Garaad Jama Garaad Ali Garaad Jama; / Puntland Minister of Justice ...;": an item of a
            # list of signers, not the office of the one above; "Delegation of the ELN:" heads the
            # signers below it.
            self.flush_pending()
        blocks = _NEXT_BLOCK.split(text)
        pieces = [piece.strip() for piece in re.split(r";(?![^()]*\))", text) if piece.strip()]
        if len(pieces) > 1 and all(re.match(r"[^:;,]{2,40}:\s*\S", piece) for piece in pieces):
            # "UPRONA: Charles MUKASI, President; PP: Shedrack NIYONKURU, President": one block each.
            blocks = pieces
        if len(blocks) > 1:
            # "For New Zealand: NIGEL MOORE; For Australia: DAVID IRVINE; ...": one block each.
            for block in blocks:
                self.content(block)
            return
        # "Witnessed by representatives of the: Government of ... - Name; ICRC - Name": a list.
        text = re.sub(r"^((?:the\s+)?(?:representatives|delegates)\s+of)\s+the\s*:\s*", r"\1 ", text, flags=re.I)
        if (
            (match := _FOR.match(text)) is not None
            and re.match(r"(?:the\s+)?(?:representatives|delegates)\s+of\b", text, re.I)
            and (match.group("rest").count(",") >= 2 or ";" in match.group("rest"))
            and ":" not in match.group("rest")
        ):
            # "Representatives of the government, the National Reconciliation Commission and ...": a list.
            text, match = re.sub(r"^(?:the\s+)?(?:representatives|delegates)\s+of\s+", "", text, flags=re.I), None
        if match is not None and self._signer_line(match.group("rest"), by=bool(re.match(r"by\b", text, re.I))):
            # "By Amb. Howard Q. Dee, Chairman, GRP Negotiating Panel": a signer, not a party.
            text = match.group("rest")
        elif match is not None and _GROUPS_OF_PEOPLE.fullmatch(match.group("rest").strip(" .,;:")):
            # "Representatives of Kisii and Kipsigis communities": the communities, one each (R11).
            text = match.group("rest").strip(" .,;:")
        elif match is not None and not _PROSE.search(text[:40]):
            self.soft = None
            # Only "For X" / "On behalf of X" ends a heading's scope, not "Representative of X".
            self.for_block(match.group("rest"), ends_heading=bool(re.match(r"(?:for|pour|por|on|in)\b", text, re.I)))
            return
        if (match := _COLON_BLOCK.match(text)) is not None and self.colon_block(
            match.group("actor"), match.group("rest")
        ):
            return
        if self.block is not None and self.in_block(text):
            return
        # Semicolons separate parties, except inside brackets: "(ISIS; ISIL)".
        segments = re.split(r";(?![^()]*\))", text)
        self.listing = len([s for s in segments if s.strip()]) > 1
        for segment in segments:
            if self.one_by_one and self.block is None and not self.in_group and not _holds_office(segment):
                # "Hasan Muratovic; UNPROFOR; Momcillo Krajsnik": each signs on their own (but in
                # "Mohagher Iqbal; Panel Chairman for the MILF" the office says whose he is). The
                # end of "(Signed) Charles Ghankay TAYLOR;" is no one: his party may follow.
                self.soft = None
                if self.pending is not None and self.pending_alone and segment.strip():
                    self.flush_pending()
            if segment.strip():
                self.segment(segment.strip())
        self.heading_fresh = False

    def _signer_line(self, rest: str, *, by: bool = False) -> bool:
        """True when "For/By ..." is followed by a titled person rather than a party; after "By",
        a person untitled too ("By: Luis G. Jalandoni, Chairperson, NDFP Negotiating Panel")."""
        reading = read(rest, self.ctx)
        first_mention = min((m.start for m in reading.mentions), default=len(rest))
        return (
            bool(reading.people)
            and reading.people[0].start < first_mention
            and (
                (by and not rest[: reading.people[0].start].strip(" :"))
                or bool(re.match(r"\s*(?:H\.?\s?E\.?|Mr|Mrs|Ms|Dr|Hon|Amb|Ambassador|Gen|Col|Rep|Sec|Atty)\b", rest))
            )
        )

    def for_block(self, rest: str, *, ends_heading: bool = True) -> None:
        """ "For the Government of X: Name, Office" — the actor opens a block its signers follow."""
        if ends_heading and not self.heading_fresh and self.role != self.default:
            # A new "FOR <party>" block ends the scope of the heading above it (R7).
            self.role = self.default
        # "Hon. Pagan Amum Okiech / For the SPLM - FDs": the person above signed for this block,
        # and the people below belong to the blocks they stand above.
        signer, self.pending = self.pending, None
        if signer is not None and self.pending_alone:
            # "(Signed) María José Pizarro Rodríguez" last of a delegation's list, then "Delegation of
            # the ELN:": she signed on her own line, not for the block below.
            self.orphans.append((signer[0], self.role, True))
            signer = None
        if self.in_group or self.block is not None:
            # The person above belongs to the block above, not to this one.
            if signer is not None and not self.in_group:
                self.orphans.append((signer[0], self.role, False))
            signer = None
        self.in_group = False
        self.descriptor = False
        # "On behalf of the Georgian Side A. Jorbenadze On behalf of the Abkhazian Side A. Jergenia"
        parts = re.split(r"\s(?=(?:On\s+behalf\s+of|For\s+the|FOR\s+THE)\b)", rest)
        if ":" in rest:
            # "Por el Gobierno colombiano: CAMILO GÓMEZ ... Por el Ejército de Liberación Nacional: ..."
            parts = [
                p for part in parts for p in re.split(r"\s(?=(?:Por|Pour)\s+(?:el|la|le|les|los|las|l['’])\s?)", part)
            ]
        for number, part in enumerate(parts):
            if number:
                part = _FOR.sub(r"\g<rest>", part)
            self._open_block(self._initialled_signer(part))
        if signer is not None and self.descriptor:
            self.entities.append(_Entity(name=signer[0], kind=ActorKind.PERSON, role=self.role))
        elif signer is not None and self.block is not None and not self.block.signed_by:
            self.block.signed_by, self.block.signed_as = signer
            self.person_first = True
        elif signer is not None:
            self.orphans.append((signer[0], self.role, False))
        if self.person_first:
            # In a cell laid out name-then-party, the people below sign for the next block.
            self.block = None

    def _initialled_signer(self, rest: str) -> str:
        """ "On behalf of Georgia V. Goguadze": after "for", a known actor, then its signer by
        initials and surname; read as "Georgia: V. Goguadze" (out of such a line, "Israel J. Katz"
        may be a person)."""
        tail = INITIALLED.search(rest)
        if tail is None or tail.end() != len(rest.rstrip(" ,;.")) or ":" in rest:
            return rest
        actor = read(rest[: tail.start()], self.ctx)
        if len(actor.mentions) != 1 or actor.people or actor.mentions[0].strength < 2:
            return rest
        return f"{rest[: tail.start()].rstrip()}: {rest[tail.start() :]}"

    def _open_block(self, rest: str) -> None:
        # "For X: person", "For X, person", "From HTS   Abu Mahood Khatab": whichever comes first.
        # Not a comma inside a bracket: "For the SELEKA Coalition (CPJP, UFDR, UFR, CPSK)".
        after_actor = next(
            (m for m in _AFTER_ACTOR.finditer(rest) if ":" in m.group(0) or not _inside_brackets(rest, m.start())),
            None,
        )
        splits = [s for s in (after_actor, re.search(r"\s{3,}", rest)) if s is not None]
        split = min(splits, key=lambda s: s.start()) if splits else None
        actor_text, after = (rest[: split.start()], rest[split.end() :]) if split else (rest, "")
        actor_text = re.sub(r"\s+", " ", actor_text)
        # "Pour la Communauté de l'Afrique de l'Est/Facilitateur": the capacity the block signs in;
        # "For the facilitator (the United Republic of Tanzania)": the capacity, then who holds it.
        capacity = re.search(
            r"\s*/\s*(?P<role>facilitat\w*|mediat\w*|médiat\w*|garant\w*|guarant\w*|témoins?|witness\w*)$",
            actor_text,
            re.I,
        )
        held = re.fullmatch(
            r"(?:the\s+)?(?P<role>facilitat\w*|mediat\w*|guarant\w*|witness\w*)\s*\((?P<actor>[^()]+)\)",
            actor_text,
            re.I,
        )
        if held is not None:
            capacity, actor_text = held, held.group("actor")
        role = self.role
        if (
            capacity is None
            and role == self.default
            and re.search(r"\b(?:m[ée]diation|mediators?|facilitation|facilitators?)\s*$", actor_text, re.I)
        ):
            # "For the Tchadian Mediation:" names its capacity, where no heading gives one (R7).
            role = SignatoryRole.MEDIATOR
        if capacity is not None:
            actor_text = actor_text[: capacity.start()] if held is None else actor_text
            word = capacity.group("role").lower()
            role = (
                SignatoryRole.GUARANTOR
                if word.startswith(("garant", "guarant"))
                else SignatoryRole.WITNESS
                if word.startswith(("tém", "wit"))
                else SignatoryRole.MEDIATOR
            )
        reading = read(actor_text, self.ctx)
        self.register_acronyms(actor_text, reading)
        mentions = self.without_bracketed(actor_text, reading.mentions)
        # "For the Government": the agreement's own government (R4), said of a party, not a heading;
        # "Por el Gobierno nacional FABIO VILLEGAS ...": its generic name runs into the signer.
        generic = _GENERIC_START.match(actor_text)
        if generic is not None and generic.end() < len(actor_text):
            after = actor_text[generic.end() :] + (", " + after if after else "")
            actor_text = generic.group(0)
        mention = read_name(actor_text, self.ctx, generic=True) if len(actor_text.split()) <= 3 else None
        if mention is not None and mention.kind != ActorKind.GOVERNMENT:
            mention = None
        mention = mention or next((m for m in mentions if m.start <= 2 and m.strength >= 1), None)
        if mention is None and mentions and not reading.people:
            mention = mentions[0]
        if mention is None and not re.match(r"\s*(?:H\.?\s?E\.?|Mr|Mrs|Ms|Dr|Hon)\b", actor_text):
            mention = self._constituency(actor_text)
        if mention is None:
            # "For the Parties", "FOR THE AUTHORITY": no actor; signers below belong to no one named.
            self.block = None
            self.in_group = True
            # "Mr Alikayo Aligo Samsom / For Concerned Citizen": a descriptor, so the signer is a
            # person acting for no one (R5).
            self.descriptor = (
                fold(re.sub(r"^(?:the|a|an)\s+", "", actor_text.strip(" .,:;"), flags=re.I)) in DESCRIPTORS
            )
            return
        rest_text = actor_text[mention.end :] if mention.end else ""
        if (
            mention.strength <= 1
            and not reading.people
            and re.match(r"\s+(?:pour|de|du|des|la|le|l['’]|del|para|por)\b", rest_text)
            and "," not in rest_text
        ):
            # "Pour le Haut Conseil pour l'unité de l'Azawad": a French name runs on in lower case.
            mention.name = re.sub(r"^(?:the|le|la|les|el|l['’])\s*", "", actor_text.strip(" ,.:;"), flags=re.I)
            mention.end = len(actor_text)
        entity = self.add(_entity(mention, role))
        self.block = entity
        if not reading.people:
            # "Representing Ahrar al-Sham and Hayat Tahrir al-Sham": several actors, one block; but
            # not "Other Political Parties (OPP) of South Sudan", where the state only qualifies.
            for other in mentions:
                between = actor_text[min(other.start, mention.end) : max(other.start, mention.end)]
                if other is not mention and other.strength >= 1 and re.search(r",|\band\b|&", between):
                    self.add(_entity(other, self.role))
        # A name run into the actor ("Government of Georgia I. Menagarishvili") or after it.
        rest_of_actor = re.sub(r"^\s*\([^()]*\)", "", actor_text[mention.end :])  # "(Hārah al-Yamin)": a translation
        # "For the current Chairman of African Union: HE Jakaya Kikwete; His Excellency Alpha Oumar
        # Konare, Chairperson of the African Union Commission. In the presence of: ...": after the
        # block's signer, a piece naming another actor or a role phrase is read on its own.
        first, *others = re.split(r";(?![^()]*\))", after) if after else [""]
        tail = (rest_of_actor + " , " + first) if mention.end else first
        listed = split is not None and split.group(0).strip() == "," and not rest_of_actor.strip(" ,")
        if tail.strip(" ,") and not self.in_block(tail) and listed:
            # "Observers from the Islamic State of Afghanistan, the Islamic Republic of Iran, ...": what
            # follows the comma names more actors, not the first one's signers.
            self.content(first.strip(" ,"))
        for piece in others:
            if piece.strip() and (self.block is None or phrases(piece) or not self.in_block(piece)):
                self.content(piece.strip())

    def _constituency(self, text: str) -> Mention | None:
        """A group under whose name people sign ("For the Village leaders", "Pour la Mouvance")."""
        name = re.sub(r"\s+", " ", re.sub(r"\([^)]*\)", " ", text)).strip(" .,:;'’-")
        name = re.sub(r"^(?:the|la|le|l['’]|el|les)\s*", "", name, flags=re.I).strip()
        words = name.split()
        group_noun = re.match(
            r"(?:communaut[ée]|community|communities|groupe?|peuple|people|youth|women|chefs|notables|tribu|clan|"
            r"village)s?\b",
            name,
            re.I,
        ) or re.search(
            r"\b(?:forces|community|communities|hunters|farmers|herders|breeders|fishermen|youth|women)$", name
        )
        if not words or len(words) > 7 or not (name[:1].isupper() or group_noun) or fold(name) in NOT_ACTORS:
            return None
        if _PROSE.search(name) or re.search(r"\d", name) or is_role_word_only(name):
            return None
        rejected = (
            r"(?:through|with|by|under|in|at|from|to|on|as|liste?|list|ministry|ministère|department)\b|"
            r".*\b(?:represented|witness\w*|observers?|guarantors?|signatories)\b"
        )
        if re.match(rejected, name, re.I) or is_office_text(name) or fold(name.split()[0]) in TITLES:
            return None
        if re.search(r"\b(?:agreements?|accords?|communiqu[ée]|declaration|protocol|annex)$", name, re.I):
            return None  # "Through the meditation of", "Négotiateur": a phrase or an office, not a group
        mention = read_name(name, self.ctx)
        if mention is not None:
            return mention
        kind = kind_of(name, self.ctx.column)
        if kind in (ActorKind.ARMED_GROUP, ActorKind.ORGANISATION) and not re.search(
            r"\b(?:army|front|forces?|movement|party|union|council|commission|committee|church|group)\b", name, re.I
        ):
            kind = ActorKind.OTHER
        return Mention(name, kind, self.ctx.country, [], strength=1)

    def colon_block(self, actor: str, rest: str) -> bool:
        """ "Dinka Malual:" / "Afizere: Agwom Nyam Isha" — a group heading, with its signer or not."""
        actor = actor.strip()
        if len(actor.split()) > 8 or _PROSE.search(actor):
            return False
        rest_reading = read(rest, self.ctx) if rest else None
        if rest_reading is not None and (any(not m.office for m in rest_reading.mentions) or not rest_reading.people):
            return False  # "UN: the mission", "Article 4.29. This Agreement ..." — read as content
        reading = read(actor, self.ctx)
        mention = reading.mentions[0] if len(reading.mentions) == 1 and not reading.people else None
        category = False
        if mention is None and not reading.mentions and not any(o for o in reading.offices):
            mention = self._constituency(actor)
            category = mention is not None and not rest
        if mention is None:
            if fold(actor) in NOT_ACTORS or is_role_word_only(actor) or reading.offices:
                # "Government:", "Rebel Groups:", "State Governor:": a sub-heading naming no actor.
                self.flush_pending()
                self.block, self.in_group = None, not rest
                return not rest
            return False
        self.flush_pending()
        self.in_group = False
        if category and self.block is not None and self.block.category:
            self.block = None  # "Women: (Signed) / Youth: (Signed)": a heading after a heading, not under it
        self.block = self.add(_entity(mention, self.role))
        self.block.category = self.block.category or category
        if rest:
            self.in_block(rest)
        return True

    def in_block(self, text: str) -> bool:
        """A line inside an open block: its first person signed for the block's actor.

        Returns False when the line is not a signer's (it names an actor directly and no
        person), which closes the block.
        """
        assert self.block is not None
        reading = read(text, self.ctx)
        direct = [
            m
            for m in reading.mentions
            if not m.office and m.strength >= 1 and not (m.strength == 1 and _held_at(text, m, reading.offices))
        ]
        if direct and not reading.people:
            self.block = None
            return False
        if (
            self.block.signed_by
            and reading.people
            and any(m.strength >= 2 for m in direct)
            and not any(_entity(m, self.role).keys() & self.block.keys() for m in direct)
        ):
            # "Legitimate Government Representative, Brigadier General Askar Zu'ail" after the
            # block of another party: a new actor and its signer, not one more delegate.
            self.block = None
            return False
        if reading.people and not self.block.signed_by:
            person = reading.people[0]
            self.block.signed_by = _person_name(person)
            before, after = text[: person.start], text[person.end :]
            if len(reading.people) > 1:
                # Not the next people of a list: "Amb. Seyoum Mesfin; Gen. Lazarus Sumbeiywo; ...".
                before, after = before.split(";")[-1], after.split(";")[0]
            # Nor the next of a numbered list: "1. Malaq Caliyaw Mahamed Wardhere 2. Malaq Maadey ..."
            # (not "Committee No. 3) and Minister"), nor its own number.
            after = re.split(r"(?<!No)(?<!No\.)\s\d{1,3}[.)]\s+(?=[A-Z])", after)[0]
            before = re.sub(r"^\s*\d{1,3}[.)](?=\s|$)", " ", before)
            office = (before + " " + after).strip(" ,;:.-–")
            self.block.signed_as = re.sub(r"\s+", " ", office)
        elif not reading.people and not self.block.signed_as and self.block.signed_by and not _unplaced_name(text):
            # The signer's office on the line below, but not one more name the reader could not
            # place ("Hasan jabir Akot" among the Dinka's signers).
            self.block.signed_as = re.sub(r"\s+", " ", text).strip(" ,;:.")
        else:
            self.block.offices = f"{self.block.offices} {text}"[:500]
        return True

    def segment(self, text: str) -> None:
        """A piece of a line between semicolons: roles may change inside it ("chaired by ...")."""
        spans = phrases(text)
        position, role = 0, self.role
        for phrase in spans:
            before = text[position : phrase.start]
            if phrase.after:
                # "Group of Friends (France, ...) as observers": the phrase names what came before.
                self.piece(before, phrase.role)
                position = phrase.end
                continue
            self.piece(before, role)
            # A phrase inside a line ("signed in Doha in presence of ...") names the roles of the
            # rest of its sentence only; one opening a segment ("...; Witnessed by: X") is a heading.
            self.headed = True
            if not text[: phrase.start].strip():
                role = self.role = phrase.role
                position = phrase.end
                continue
            sentence_end = re.search(r"(?<=[a-z]{3})\.\s+(?=[A-Z])", text[phrase.end :])  # not "Mr." or "A."
            if sentence_end is None:
                role, position = phrase.role, phrase.end
                continue
            stop = phrase.end + sentence_end.start()
            self.piece(text[phrase.end : stop], phrase.role)
            position = stop + 1
        self.piece(text[position:], role)

    def piece(self, text: str, role: str) -> None:
        text = text.strip(" ,.;:")
        if not text:
            return
        text = self.groups_of_people(text, role)
        if not text:
            return
        # "parties believed to be the Kosovo delegation, led by Edita Tahiri and the Serbian
        # delegation led by Marko Djuric": each side, and who led it.
        sides = list(_LED_BY_IN_SENTENCE.finditer(text))
        for led in sides:
            self.delegation_led_by(led.group("side"), led.group("who"))
        for led in reversed(sides):
            text = (text[: led.start()] + " " + text[led.end() :]).strip(" ,.;:")
        if not text:
            return
        if (whole := _LED_BY.match(text)) is not None and self.delegation_led_by(
            whole.group("side"), whole.group("who")
        ):
            return
        if (inverted := _SURNAME_FIRST.fullmatch(text)) is not None and self.surname_first(inverted, role):
            return
        if (match := _SIGNED_BY.match(text)) is not None:
            self.actor_and_person(match.group("actor"), match.group("who"), role, text)
            return
        if self.person_office_actor(text, role):
            return
        if self.acronym_then_name(text, role):
            return
        if self.community_representative(text, role):
            return
        behalf = list(_ON_BEHALF.finditer(text))
        if behalf:
            last = behalf[-1]
            who, actor = text[: last.start()], text[last.end() :]
            if read(who, self.ctx).people and (read(actor, self.ctx).mentions or self._constituency(actor)):
                self.soft = None
                self.actor_and_person(actor, who, role, text)
                return
        if re.fullmatch(r"(?:the\s+)?(?:government|gobierno|gouvernement)", text, re.I) and (
            text[:3].lower() == "the" or self.listing
        ):
            # "The Government; the FARC - EP": the agreement's own government (R4), not a heading.
            self.add(_entity(read_name(text, self.ctx, generic=True) or Mention(text, ActorKind.GOVERNMENT), role))
            return
        reading = read(text, self.ctx)
        prose = bool(_PROSE.search(text))
        if prose:
            # In a sentence, capitalised words are as often places and phrases as people.
            reading.people = []
        if self.actors_with_signers_in_brackets(text, reading.mentions, role):
            return
        self.register_acronyms(text, reading)
        mentions = self.without_qualifying_country(text, self.without_bracketed(text, reading.mentions))
        if len(mentions) == 1 and mentions[0].strength == 0 and text.strip(" .,;:") == mentions[0].name:
            mentions[0].strength = 1  # "NDFB" on a line of its own, under its signer's name
        acronyms = [m for m in mentions if m.strength == 0]
        if len(acronyms) >= 3 and len(acronyms) > len(reading.people):
            # "Abasa, CNDD, CNDD-FDD, FRODEBU, PALIPE AGAKIZA, ...": a list of parties by acronym,
            # where a two-word name in capitals is one more party, not a person.
            for person in reading.people:
                if person.name.isupper():
                    mentions.append(
                        Mention(
                            person.name,
                            kind_of(person.name),
                            self.ctx.country,
                            [],
                            person.start,
                            person.end,
                            strength=0,
                        )
                    )
            reading.people = [p for p in reading.people if not p.name.isupper()]
            # "…, HIRU, GOGOA, AMNISTIAREN ALDEKO BATZORDEAK, SENIDEAK, …": so is a word in capitals
            # that is a whole item of the list.
            for start, end, word in reading.words:
                if (
                    word.isupper()
                    and len(word) >= 3
                    and re.search(r"(?:^|[,;])\s*$", text[:start])
                    and re.match(r"\s*(?:[,;.]|$)", text[end:])
                ):
                    mentions.append(Mention(word, kind_of(word), self.ctx.country, [], start, end, strength=0))
            mentions.sort(key=lambda m: m.start)
        for mention in mentions:
            if (
                mention.strength == 0
                and re.match(r"\s*\)", text[mention.end :])
                and any(_bracket_for(text[person.end : mention.start]) for person in reading.people)
            ):
                # "Mohamed Farah Hassan Aidid (SNA)", "Tuliram Ronghang (Chief Executive Member,
                # KAAC)": who the person signs for (R5)
                mention.strength = 1
            elif mention.strength == 0 and _BEFORE_A_PARTY.search(text[: mention.start]):
                mention.strength = 1  # "ANA MERCEDES GÓMEZ for CCN": "for" says the acronym is a party
            elif (
                mention.strength == 0
                and len(mention.name) >= 3
                and "/" not in mention.name  # "S/SIS": an office's abbreviation
                and not text[mention.end :].strip(" .,;")
                and any(re.fullmatch(r"\s*,\s*", text[person.end : mention.start]) for person in reading.people)
                # "SEC. VOLTAIRE T. GAZMIN, DND": a secretary's acronym is his department, an office of
                # his government (R2), not a party of its own.
                and not _GOVERNMENT_TITLE.match(text)
            ):
                mention.strength = 1  # "Saleh Hamed Ismael, SLFA": the acronym closing the line signs (R5)
        if reading.people or (self.pending is not None and not reading.offices):
            # Beside a person, a bare acronym is as likely their initials or unit as an actor.
            mentions = [m for m in mentions if m.strength >= 1]
        mentions = self.without_hosts(text, mentions)
        if not mentions and reading.people and reading.words:
            # "Mustafa Muhammad Karwad, Misrata": a person and the community they sign for.
            start, end, word = reading.words[-1]
            if start > reading.people[0].end and not text[end:].strip(" .,;"):
                mentions = [Mention(word, ActorKind.OTHER, self.ctx.country, [], start=start, end=end, strength=1)]
        if not mentions and reading.people and reading.offices:
            generic = self.generic_office(reading.offices)
            if generic is not None:
                mentions = [generic]
        elif (
            not mentions
            and reading.offices
            and not reading.words  # "Chief Minister, Tripura": a place's office, not the government's
            and self.pending is not None
            and self.pending_generic is None
        ):
            # "Hon. Bartholomew Ulufa'alu, MP / PRIME MINISTER": the office under a name, naming no
            # country, is the agreement's own government (R4) — unless an actor follows on the next
            # line ("Prime Minister / Government of Papua New Guinea"): kept until the person is.
            generic = self.generic_office(reading.offices)
            if generic is not None:
                self.pending_generic = (self.pending, generic)
        if mentions:
            self.soft = None
        if re.search(r"\bthe (?:national )?government\b(?! of)", text, re.I) and not any(
            m.kind == ActorKind.GOVERNMENT and m.country == self.ctx.country for m in mentions
        ):
            # "Representatives of the government, the National Reconciliation Commission ...": the
            # agreement's own government, in lower case in a sentence (R4).
            own = read_name("Government", self.ctx, generic=True)
            if own is not None and (self.ctx.country or self.ctx.country_name):
                mentions.insert(0, own)
        mentions = self.without_surnames(text, mentions, reading.people)
        if mentions and reading.people:
            self.with_people(text, mentions, reading.people, role)
        elif mentions and self.pending is not None:
            # The actor of the person on the line above ("Hon. Nhial Deng Nhial / TGoNU Head of
            # Delegation"): one actor; other names on the line are their offices.
            primary = next((m for m in mentions if m.office), mentions[0])
            entity = _entity(primary, primary.role or role)
            entity.signed_by, entity.signed_as = self.pending[0], _office_beside(text, primary)
            self.pending = None
            self.add(entity)
            for mention in mentions:
                if mention is not primary and not mention.office:
                    self.add(_entity(mention, mention.role or role))
        elif mentions:
            added = [self.add(_entity(mention, mention.role or role)) for mention in mentions]
            if len({id(entity) for entity in added}) == 1 and not prose and not mentions[0].office:
                # One actor, however many names it was given ("Ejército de Liberación Nacional – ELN").
                self.soft = added[0]
                if self.header and self.block is None:
                    # "Delegation of the Government of the Republic of Colombia:" over a blank line
                    # and its delegates: a block heading, open until its signers are read.
                    self.block = self.header_block = added[0]
        elif reading.people and not prose:
            person = reading.people[0]
            office = (text[: person.start] + " " + text[person.end :]).strip(" ,;:.-–")
            self.hold(_person_name(person), re.sub(r"\s+", " ", office), role)
            for other in reading.people[1:]:
                if not self.in_group and self.soft is None:
                    self.orphans.append((_person_name(other), role, False))

    def person_office_actor(self, text: str, role: str) -> bool:
        """ "Madhav Kumar Nepal, Secretary General, CPN (UML)": a person, their office, then the actor
        they sign for (R5). Said in this order, the last part is the actor even as a bare acronym or
        with a qualifier ("NSP (Anandi Devi)"), and the first is the person whole, even where their
        name ends in a country's ("Nepal")."""
        parts = _top_level_commas(text)
        if len(parts) < 3 or _PROSE.search(text) or re.search(r"\b(?:for|on\s+behalf\s+of)\b", text, re.I):
            return False  # "Minister of Education, Science and Technology For the SSOA": "For" says whose
        offices = parts[1:-1]
        for office in offices:
            reading = read(office, self.ctx)
            if not reading.offices or reading.people or reading.mentions:
                return False
        person = self._person_whole(parts[0])
        actor = self._actor_whole(parts[-1])
        if person is None or actor is None:
            return False
        office = ", ".join(offices)
        if actor.kind == ActorKind.STATE and GOVERNMENT_OFFICE.search(office):
            # "JIANG Zemin, President, People's Republic of China": a head of state or minister
            # acts for the government (R6).
            actor = state_mention(actor.aliases[-1] if actor.aliases else actor.name, actor.country, office)
        entity = _entity(actor, actor.role or role)
        entity.signed_by, entity.signed_as = person, office
        self.soft = None
        self.add(entity)
        return True

    def acronym_then_name(self, text: str, role: str) -> bool:
        """ "FDPC Front démocratique du peuple centrafricain": a table of parties, each line its
        acronym then its name in full. The acronym must spell the name's initials."""
        match = _ACRONYM_THEN_NAME.fullmatch(text)
        if match is None:
            return False
        name = match.group("name").strip(" .,;")
        if not _spells(match.group("acronym"), name) or any(
            fold(word) in PERSON_OFFICES for word in re.findall(r"[\w'’]+", name)
        ):
            return False  # "UN Under-Secretary-General Nicholas Haysom", "EU Envoy Uffe Ellemann-Jensen"
        known = read_name(name, self.ctx)
        if known is not None and known.strength >= 2:
            mention = known
        else:
            mention = Mention(name, kind_of(name, self.ctx.column), self.ctx.country, [], strength=2)
        mention.aliases = [*mention.aliases, match.group("acronym")]
        self.soft = None
        self.add(_entity(mention, role))
        return True

    def community_representative(self, text: str, role: str) -> bool:
        """ "Kangach Chiok Deng - Lou Nuer Paramount Chiefs' Representative": a person, then the
        community they represent. The community is the actor (R5, R6), its youth, women and chiefs
        one community (R2: the sub-units of a community are not separate entities)."""
        match = _REPRESENTATIVE.fullmatch(text)
        if match is None:
            return False
        reading = read(match.group("person"), self.ctx)
        if len(reading.people) != 1 or reading.mentions:
            return False
        words = match.group("who").split()
        while words and fold(re.sub(r"(?:['’]s|s['’]|['’])$", "", words[-1])) in _GROUP_WORDS:
            words.pop()
        who = " ".join(words)
        if not who or fold(who) in NOT_ACTORS:
            return False
        known = read_name(who, self.ctx)
        mention = (
            known if known is not None and known.strength >= 2 else Mention(who, ActorKind.OTHER, self.ctx.country, [])
        )
        entity = _entity(mention, role)
        entity.signed_by = _person_name(reading.people[0])
        entity.signed_as = text[match.start("who") :].strip(" .")
        self.soft = None
        self.add(entity)
        return True

    def _person_whole(self, text: str) -> str | None:
        """The person a first part names, or None if it names an actor."""
        reading = read(text, self.ctx)
        if not reading.mentions and len(reading.people) == 1:
            return _person_name(reading.people[0])
        if not reading.mentions and not reading.people and re.fullmatch(r"[A-Z][a-z]{3,}", text):
            return text  # "Prachanda": one name, as some sign
        if (
            len(reading.people) == 1
            and len(reading.mentions) == 1
            and reading.mentions[0].kind == ActorKind.STATE
            and reading.mentions[0].start == reading.people[0].end + 1
            and reading.mentions[0].end == len(text)
            and " " not in text[reading.mentions[0].start : reading.mentions[0].end]
        ):
            # "Madhav Kumar Nepal": a surname that is also a country's name.
            return f"{_person_name(reading.people[0])} {reading.mentions[0].name}"
        return None

    def _actor_whole(self, text: str) -> Mention | None:
        """The actor a last part names, the whole part being its name."""
        if re.search(r"\d", text) or not text[:1].isupper():
            return None
        reading = read(text, self.ctx)
        if not reading.mentions or reading.mentions[0].start > 0:
            return None
        if reading.people and reading.people[0].start == 0:
            return None
        first = reading.mentions[0]
        if first.kind == ActorKind.OTHER and first.strength < 2:
            return None  # "Maria Lopez, Lawyer, Bogota": a place, as likely as a party
        if len(reading.mentions) == 1 and first.end >= len(text.rstrip(" .)")):
            first.strength = max(first.strength, 1)
            return first
        if re.fullmatch(r"[^()]+\([^()]+\)", text) and first.end <= text.index("("):
            inside = text[text.index("(") + 1 : -1].strip()
            outside = text[: text.index("(")].strip()
            if _is_acronym_like(outside) and _spells(outside, inside):
                # "NICC (National Cohesion and Integration Commission)": an acronym and its expansion.
                return Mention(inside, kind_of(inside, self.ctx.column), self.ctx.country, [outside], strength=2)
            if " " in first.name and _is_acronym_like(inside):
                # "Sudan Liberation Movement/Army (SLM/A)": a name and its acronym.
                first.aliases = [*first.aliases, inside]
                first.strength = max(first.strength, 1)
                return first
            # "CPN (UML)", "NSP (Anandi Devi)": a name and the faction it qualifies, one actor.
            return Mention(text, first.kind, first.country, [], strength=1)
        return None

    def actors_with_signers_in_brackets(self, text: str, mentions: list[Mention], role: str) -> bool:
        """ "Croatia (Tudjman), Serbia (Milosevic), and SFRY (Gen Kadijevic)": each actor, then who
        signed for it in brackets (R5)."""
        pairs: list[tuple[Mention, str]] = []
        for mention in mentions:
            after = _SIGNER_IN_BRACKETS.match(text, max(mention.end, mention.chunk_end))
            if after is None or _is_acronym_like(after.group("who")) or read(after.group("who"), self.ctx).mentions:
                return False
            pairs.append((mention, after.group("who")))
        if len(pairs) < 2:
            return False
        self.flush_pending()
        for mention, who in pairs:
            entity = _entity(mention, mention.role or role)
            entity.signed_by = who
            self.add(entity)
        return True

    def delegation_led_by(self, side: str, who: str) -> bool:
        """ "The Georgian delegation was led by Mr. George Khaindrava": the side, and who led it."""
        words = side.split()
        code = names_country(" ".join(words[:-1]))
        # Negotiating sides are governments, except the breakaway side (R6).
        kind = ActorKind.GOVERNMENT if code and code == self.ctx.country else ActorKind.OTHER
        name = re.sub(r"^the\s+", "", side, flags=re.I)
        if kind == ActorKind.OTHER and code and code != self.ctx.country:
            kind = ActorKind.GOVERNMENT  # another state's delegation
        aliases = [gazetteer.country_short_name(code).removeprefix("the ")] if code else []
        entity = _Entity(name=name, kind=kind, role=self.role, country=code or self.ctx.country, aliases=aliases)
        people = read(who, self.ctx).people
        if people:
            entity.signed_by = _person_name(people[0])
        self.add(entity)
        return True

    def surname_first(self, match: re.Match[str], role: str) -> bool:
        """ "Rajoelina, Andry": a person listed surname first, when neither half names anything else."""
        words = match.group(0).replace(",", " ").split()
        if any(fold(w) in TITLES or is_office_text(w) or fold(w) in NOT_ACTORS for w in words):
            return False
        if read(match.group(0), self.ctx).mentions or state_of(match.group("given")) is not None:
            return False
        person = f"{match.group('given')} {match.group('surname')}"
        self.hold(person, "", role)
        return True

    def groups_of_people(self, text: str, role: str) -> str:
        """ "The Didinga and Laarim communities", "Misseria and Dinka Ngok representatives": one
        community per name (R6, R11). Returns the text left to read."""
        for match in reversed(list(_GROUPS_OF_PEOPLE.finditer(text))):
            names = [n.strip() for n in re.split(r",\s*|\s+and\s+", match.group("names")) if n.strip()]
            if len(names) < 2 or any(
                state_of(n) is not None or fold(n) in NOT_ACTORS or fold(n.split()[0]) in TITLES for n in names
            ):
                continue
            noun = match.group("noun").lower()
            singular = {"communities": "community", "tribes": "tribe", "clans": "clan", "sub-clans": "sub-clan"}
            for name in names:
                name = re.sub(r"^the\s+", "", name, flags=re.I)
                aliases = [f"{name} {singular[noun]}"] if noun in singular else []
                self.add(_Entity(name=name, kind=ActorKind.OTHER, role=role, country=self.ctx.country, aliases=aliases))
            text = (text[: match.start()] + " " + text[match.end() :]).strip(" ,.;:")
        return text

    def without_surnames(self, text: str, mentions: list[Mention], people: list[Person]) -> list[Mention]:
        """ "General Secretary Madhav Kumar Nepal", "Oumar Kéné TOGO": a country name right after a
        person's names, in one run, is their surname, when it is the agreement's own country (and
        another actor is named) or written in capitals after names that are not."""
        kept: list[Mention] = []
        for mention in mentions:
            person = next((p for p in people if re.fullmatch(r" ", text[p.end : mention.start])), None)
            own = mention.country == self.ctx.country and len(mentions) > 1
            written = text[mention.start : mention.end]
            capitals = bool(person) and written.isupper() and len(written) > 3 and not mention.office
            capitals = capitals and person is not None and not person.name.isupper()
            if person is not None and mention.state_like and (own or capitals):
                person.name = text[person.start : mention.end]
                person.end = mention.end
                continue
            kept.append(mention)
        return kept

    def with_people(self, text: str, mentions: list[Mention], people: list[Person], role: str) -> None:
        """People and actors in one piece: each actor gets the person named before it."""
        self.flush_pending()
        reached = [m for m in mentions if m.office] or mentions
        known = [m for m in mentions if not m.office and m.strength >= 2]
        if known and reached is not mentions and all(m.strength < 2 for m in reached) and len(people) == 1:
            # "Sam Muhumure, UNMISS, Head of Field Office, Wau": the known actor, not the unit an
            # office names ("Field Office").
            mentions = reached = known
        # "Y, office, X": the actor named last, after the office, is the one Y signs for (R5).
        last_part = text.rfind(",")
        closing = [m for m in mentions if m.start > last_part >= 0 and m.start > people[0].end]
        if closing and len(people) == 1:
            reached = closing
        # "Nafie Ali Nafie, Government of Sudan, National Congress Party": the government he
        # signs for before the party he belongs to.
        after_person = [m for m in mentions if m.start > people[0].end]
        governing = [m for m in after_person if m.state_like]
        if len(people) == 1 and governing and len(after_person) > 1:
            reached = governing
        if len(people) >= 2 and len(reached) >= 2:
            previous_end = 0
            for mention in mentions:
                entity = _entity(mention, mention.role or role)
                if mention.office:
                    before = [p for p in people if p.end <= mention.start] or people
                    entity.signed_by = _person_name(before[-1])
                    entity.signed_as = mention.office
                elif own := [p for p in people if previous_end <= p.start and p.end <= mention.start]:
                    # "Boris Yeltsin, Russian Federation, Leonid Kuchma, Ukraine": each actor's signer
                    # stands right before it.
                    entity.signed_by = _person_name(own[-1])
                previous_end = max(mention.end, mention.chunk_end)
                self.add(entity)
            return
        mention = reached[0]
        person = people[0]
        between = text[person.end : mention.start]
        if mention.kind == ActorKind.STATE and not mention.office and GOVERNMENT_OFFICE.search(between):
            # "R. L. Bhatia, Minister of State for External Affairs, Republic of India": a minister
            # acts for the government (R6).
            mention = state_mention(mention.aliases[-1] if mention.aliases else mention.name, mention.country, between)
        entity = _entity(mention, mention.role or role)
        entity.signed_by = _person_name(person)
        office = (text[: person.start] + " " + text[person.end :]).strip(" ,;:.-–")
        entity.signed_as = _office_beside(office, mention)
        self.add(entity)

    def actor_and_person(self, actor: str, who: str, role: str, whole: str) -> None:
        """ "X, signed by Y" and "Y, for X": X is the actor whatever its shape."""
        reading = read(actor, self.ctx)
        # "CNRT and Falintil, represented by ...": in a list of names, a lone capitalised word names
        # a party too.
        listed = re.fullmatch(r"\s*[A-Z][\w'’/-]*(?:\s*(?:,|and|&)\s*[A-Z][\w'’/-]*)+\s*", actor)
        for start, end, word in reading.words if listed else []:
            if not any(m.start <= start < m.end for m in reading.mentions):
                reading.mentions.append(Mention(word, kind_of(word), self.ctx.country, [], start, end, strength=1))
        reading.mentions.sort(key=lambda m: m.start)
        # "Transitional Federal Government of Somalia (TFG), signed by ...": the acronym in brackets
        # is the actor's, no second actor.
        reading.mentions = self.without_bracketed(actor, reading.mentions)
        mention = reading.mentions[0] if reading.mentions else self._constituency(actor.strip(" .,"))
        if mention is None:
            for found in read(whole, self.ctx).mentions:
                if found.strength >= 1:
                    self.add(_entity(found, found.role or role))
            return
        self.flush_pending()
        entity = _entity(mention, mention.role or role)
        people = read(who, self.ctx).people
        if people:
            entity.signed_by = _person_name(people[0])
            rest = (who[: people[0].start] + " " + who[people[0].end :]).strip(" ,;:.-–")
            entity.signed_as = re.sub(r"\s+", " ", rest)
        self.add(entity)
        # "representing ... Jabhat al-Nusra and Harakat Hazm, respectively": each actor named.
        for other in reading.mentions[1:]:
            if other.strength >= 1:
                self.add(_entity(other, other.role or role))

    def generic_office(self, offices: list[tuple[int, int, str]]) -> Mention | None:
        """ "Minister of Interior" with no country: the agreement's own government (R4)."""
        if not self.ctx.country and not self.ctx.country_name:
            return None
        for _, _, office in offices:
            # "Minister of Interior", "President of the Republic", "Prime Minister" — but not
            # "President of Janamorcha Nepal", which names its own body.
            match = re.match(
                r"^(?:the\s+)?(?:(?:deputy|vice|first|federal|acting|interim)[-\s]+)*(?:president|prime\s+minister|"
                r"minister|head\s+of\s+state|ministre|ministro|high\s+commissioner\s+for\s+peace)\b(?:\s+(?:of|for|de|du|des)\s+(?:the\s+|la\s+|l')?"
                r"(?P<field>.+))?$",
                office.strip(" ,.;:"),
                re.I,
            )
            field = match.group("field") if match else None
            if match and (
                field is None or DEPARTMENT.match(field) or re.fullmatch(r"republic|r[ée]publique", field, re.I)
            ):
                gov = gazetteer.government_name(self.ctx.country, self.ctx.country_name)
                return Mention(gov, ActorKind.GOVERNMENT, self.ctx.country, [office], office=office, state_like=True)
        return None

    def register_acronyms(self, text: str, reading: Reading) -> None:
        """ "Liberation Tigers of Tamil Eelam (LTTE)": the acronym now means that actor."""
        for mention in reading.mentions:
            after = re.match(r"\s*\((?P<inner>[^()]{1,80})\)", text[max(mention.end, mention.chunk_end) :])
            if after is None:
                continue
            inner = after.group("inner").strip()
            if "," in inner or inner.lower() in _ROLE_WORDS or inner[:1].islower() or len(inner.split()) > 6:
                continue
            if is_office_text(inner):
                continue  # "(Chairman of the Regional Initiative)": a second office, not a name
            if state_of(inner) is not None and mention.kind != ActorKind.STATE:
                continue  # "Taliban Political Office (Qatar)": a place, not another name (R10)
            if inner not in mention.aliases and fold(inner) != fold(mention.name):
                mention.aliases.append(inner)
            if len(inner) <= 14:
                self.ctx.acronyms[fold(inner)] = mention

    @staticmethod
    def without_bracketed(text: str, mentions: list[Mention]) -> list[Mention]:
        """Drop what a bracket after an actor says of it (its acronym, its place), but keep a
        bracketed list of members ("Group of Friends (France, Germany, ...)")."""
        kept: list[Mention] = []
        skip_until = -1
        for mention in mentions:
            if mention.start < skip_until:
                continue
            kept.append(mention)
            end = max(mention.end, mention.chunk_end)
            after = re.match(r"\s*\((?P<inner>[^()]{1,120})\)", text[end:])
            if after is None:
                continue
            inside = [m for m in mentions if end + after.start("inner") <= m.start < end + after.end()]
            if (
                len(inside) == 1
                and inside[0].strength >= 2
                and mention.strength >= 2
                and not mention.state_like  # "Republic of Indonesia (RI)": the state's own acronym
                # Only where the words went on past the name read ("African National Congress
                # (ANC)" in South Sudan keeps the cell's name).
                and mention.chunk_end > mention.end
                and fold(mention.name) != fold(inside[0].name)
                and fold(mention.name) in fold(inside[0].name)
            ):
                # "the Office of the United Nations High Commissioner for Refugees (UNHCR)", read as the
                # UN: the acronym names the body the words only began to.
                kept[-1] = replace(inside[0], start=mention.start)
                skip_until = end + after.end()
                continue
            items = [i.strip() for i in after.group("inner").split(",")]
            # "(Union des Forces pour le Développement et la Démocratie, UFDD)": a translation and
            # an acronym, not a list of members.
            if len(items) == 1 or (len(items) == 2 and re.fullmatch(r"[A-Z][A-Za-z0-9/&.-]{1,10}", items[-1])):
                # A place ("Taliban Political Office (Qatar)", R10), an office or a note is no alias.
                mention.aliases.extend(
                    i
                    for i in items
                    if i[:1].isupper() and i not in mention.aliases and state_of(i) is None and not is_office_text(i)
                )
                skip_until = end + after.end()
        return kept

    def without_qualifying_country(self, text: str, mentions: list[Mention]) -> list[Mention]:
        """ "Sanghiya Ganatantrik Rastriya Morcha, Nepal": the agreement's own country after a party
        only says where the party is."""
        kept: list[Mention] = []
        for mention in mentions:
            if (
                kept
                and mention.kind == ActorKind.STATE
                and mention.country == self.ctx.country
                and kept[-1].kind not in (ActorKind.STATE, ActorKind.GOVERNMENT)
                and re.fullmatch(r"\s*,\s*", text[max(kept[-1].end, kept[-1].chunk_end) : mention.start])
            ):
                continue
            place = re.search(r"(?P<place>[A-Z][\w'’-]+)\s*(?P<sep>\s[-–]|,)\s*$", text[: mention.start])
            if (
                mention.kind == ActorKind.STATE
                and mention.country == self.ctx.country
                and place is not None
                and state_of(place.group("place")) is None
                and not is_office_text(place.group("place"))
                and not any(m.kind == ActorKind.STATE for m in kept)
                and (
                    (place.group("sep").strip() in {"-", "–"} and re.match(r"\s*(?:[,;]|$)", text[mention.end :]))
                    or re.match(r"\s*,\s*[A-Z][\w'’-]+\s*(?:[;.]|$)", text[mention.end :])
                )
            ):
                continue  # "Western Equatoria - South Sudan, Yambio": where a place is, not a party
            kept.append(mention)
        return kept

    @staticmethod
    def without_hosts(text: str, mentions: list[Mention]) -> list[Mention]:
        """ "Ambassador, Norway to Nigeria": the state an envoy is sent to is no party."""
        kept: list[Mention] = []
        for mention in mentions:
            between = text[kept[-1].end : mention.start] if kept else ""
            if kept and kept[-1].kind == ActorKind.STATE and re.fullmatch(r"\s+to\s+(?:the\s+)?", between):
                continue
            if (
                mention.state_like
                and kept
                and re.search(
                    r"\b(?:envoy|ambassador|amb|representative|delegate|emissary|coordinator)\b[^;]*\bto\s+(?:the\s+)?$",
                    text[: mention.start],
                    re.I,
                )
            ):
                continue  # "Special Envoy of the League of Arab States to Somalia": where the envoy is sent
            kept.append(mention)
        return kept


_GENERIC_START = re.compile(
    r"(?:"
    + "|".join(re.escape(g) for g in sorted(gazetteer.GENERIC_GOVERNMENT, key=len, reverse=True) if " " in g)
    + r")(?=\s+\S)",
    re.I,
)
_CAPACITIES = (
    (r"\bguarantors?\b", SignatoryRole.GUARANTOR),
    (r"\b(?:mediat\w*|facilitat\w*|conciliat\w*)\b", SignatoryRole.MEDIATOR),
    (r"\bobservers?\b", SignatoryRole.OBSERVER),
    (r"\bwitness\w*\b", SignatoryRole.WITNESS),
)
# A capacity in brackets closing a line: "[Witness]", "(Mediator)", "[Signed as Witness]".
_LINE_CAPACITY = re.compile(
    r"\s*[\[(](?:signed\s+as\s+(?:an?\s+)?)?(?P<role>witness(?:es)?|mediators?|guarantors?|observers?|facilitators?)"
    r"[\])]\s*[.;,]?\s*$",
    re.I,
)
# Two to four words of a name, the first and last capitalised: a person the reader could not place.
_NAME_ONLY = re.compile(r"\s*[A-Z][\w'’-]+(?:\s+[\w'’-]+){0,2}\s+[A-Z][\w'’-]+[\s,;.]*")


def _unplaced_name(text: str) -> bool:
    """ "Hasan jabir Akot": a line shaped like a person's name, with no office or connector in it."""
    words = [fold(w) for w in text.split()]
    return (
        _NAME_ONLY.fullmatch(text) is not None
        and not is_office_text(text)
        and not any(w in CONNECTORS or w in OFFICE_WORDS or w in TITLES for w in words)
    )


# The last word of a unit of a government's: "Reinsertion Programme", "Peace Fund" (not a council or
# a commission, which may rule or stand apart: "Provisional National Defence Council").
_GOVERNMENT_UNIT = re.compile(
    r"\b(?:programmes?|programs?|fund|office|department|ministry|secretariat|directorate|division|unit|bureau)$",
    re.I,
)
# The last word of a division of an organisation's: "Legal Division", "Central Tracing Agency".
_DIVISION = re.compile(r"\b(?:division|agency)$", re.I)  # not "Police Department", "Unit": a body's own
# A line of a signature table flattened: the actor, two spaces or more, who signed for it.
_COLUMNS = re.compile(r"(?P<actor>\S(?:(?!\s{2}).)*?)\s{2,}(?P<who>\S(?:(?!\s{2}).)*?)[\s,;.]*")
# A heading over a group's signers: a letter and the group in brackets ("B [Rizegat]", which
# ``clean`` makes "B (Rizegat)"), or a list of its delegates' names ("Names of Hubeer Delegates").
_GROUP_HEADING = re.compile(
    r"[A-Z]\s*[\[(](?P<bracketed>[A-Z][^\])]{1,40})[\])]\s*:?|"
    r"(?i:names\s+of\s+(?:the\s+)?)(?P<named>[A-Z][^:]{1,60}?)\s+(?i:delegates|delegation|representatives)\s*:?"
)
# First words that make "Names of ... Delegates" or "A (...)" no group's name.
_NOT_GROUPS = frozenset((
    "other", "others", "all", "both", "participating", "international", "national", "local", "foreign",
    "various", "following", "respective", "continued", "english", "french", "arabic", "mark", "signature",
    "signed", "illegible",
))  # fmt: skip
_ROLE_WORDS = {"chair", "chairman", "facilitator", "mediator", "observer", "observers", "guarantor", "witness"}


def parse_cell(
    text: str,
    *,
    column: str,
    country_alpha3: str = "",
    country_name: str = "",
    known: KnownLookup | None = None,
    memo: dict[tuple[object, ...], Mention | None] | None = None,
) -> list[Party]:
    """The actors a PA-X party cell names, each with its role, kind and signer.

    ``column`` is "Part" (signatories) or "ThrdPart" (third parties); ``country_alpha3`` and
    ``country_name`` are the agreement's country (``Loc1ISO``; see ``agreement_country``),
    which generic references ("the Government", "GRP") and acronyms are read against;
    ``known`` may map a name to an actor the caller already has (it must not touch the
    database per call if the caller cares about speed). ``memo``, one dict shared by the cells
    of one read, keeps the names read so far (``party_names.read_name``): ``known`` must give the
    same answers for as long as it is used. A cell that names no actor yields [].
    """
    country = alpha2_from_alpha3(country_alpha3) or "" if country_alpha3 else ""
    ctx = Context(country=country, country_name=country_name, column=column, known=known, memo=memo)
    reader = _Reader(ctx)
    lines = list(logical_lines(clean(text)))
    # A layout seen on two lines or more is the cell's, not a chance of spacing or lettering.
    reader.column_table = sum(1 for line in lines if _COLUMNS.fullmatch(line)) >= 2
    reader.group_headings = sum(1 for line in lines if _GROUP_HEADING.fullmatch(line.strip())) >= 2
    for line in lines:
        reader.line(line)
    return reader.parties()
