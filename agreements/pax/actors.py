"""Which actor each PA-X party is: the actors the database already has first, then new ones.

The parties parser reads names out of free text; this module turns its ``Party``s into
actors, and is the only part of the PA-X import that decides actor identity:

- **Known names first.** ``known_for(country)`` is the lookup the parser asks before it
  splits a cell's text: every actor the database holds that is not a guess of a PA-X import
  (seeded and editors' actors, the UCDP actors of the ceasefire import, including those a
  PA-X import made and the ceasefire import confirmed by UCDP id), by its exact name or an
  exact alias, folded. An acronym is taken only from an actor of the agreement's own
  country (or from an international organisation): "GNA" is Libya's in Libya only.
  Persons are left out: a person named in a cell signs *for* an actor, and the parser
  must still see the actor.
- **One actor per national government.** A party that names the government of a country
  ("Government of Colombia", and, through the parser, "the Government", "Gobierno
  Nacional", "GRP") is that country's one national-government actor: the one the
  database has (UCDP's "Government of DR Congo (Zaire)" included), or a new one named
  "Government of <country>".
- **Then by exact name.** Any other party is the actor whose name, else one of whose
  aliases, folds equal to the party's name or one of its other names, provided the two
  can be the same: not a state and a government (France is not its government), not a
  person and a body, not of two different countries, and an acronym only within one
  country. Where several could be, a canonical name beats an alias, the agreement's own
  country beats no country, and the oldest record wins: the same text always finds the
  same actor.
- **Else a new actor**, with the party's kind and country, marked as made by the PA-X
  import (``imported``); persons who signed become person actors who represent the
  actor they signed for (``signed_by`` on the party).

Spellings seen become aliases of the actor found when they can be its names (``may_be_alias``:
an acronym of its name, a name sharing a distinctive word, the gazetteer's own names) — not
generic wordings such as "the Government", which name a different government in every
agreement, nor a leader or a generic word the parser read beside the name. Nothing is
written until ``save``; the import calls it inside its transaction.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.utils import timezone
from simple_history.utils import bulk_update_with_history

from agreements.choices import ActorKind
from agreements.countries import government_country
from agreements.models import Actor
from agreements.pax import gazetteer
from agreements.pax.parties import Known, KnownLookup, Party
from agreements.pax.party_names import is_office_text
from utilities.folding import fold
from utilities.history import bulk_create_with_history
from utilities.models import claim_slug

DATASET = "pax"
MAX_NAME = 300
_BODIES = frozenset({ActorKind.ORGANISATION, ActorKind.COALITION})
_STATE_OR_GOVERNMENT = frozenset({ActorKind.STATE, ActorKind.GOVERNMENT})
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9./&\-]{1,11}$")
_DEMONYM_GOVERNMENT = re.compile(
    r"^(?:the\s+)?(?P<before>[^\W\d_]+)\s+government$|^(?:gobierno|gouvernement|governo)\s+(?P<after>[^\W\d_]+)$",
    re.IGNORECASE,
)
_PERSON_OF_ACTOR = re.compile(
    r"^(?P<person>[^,()]+?)\s*(?:,|\s-|\s–|\sof\s+the|\sof|\sfor\s+the|\sfor)\s+(?P<actor>.+)$"
)
# Words too common in actors' names to tell one from another, and words that link names.
_COMMON_WORDS = frozenset(
    fold(w)
    for w in gazetteer.word_list(
        "government gobierno gouvernement republic republica republique people peoples popular national nacional "
        "movement movimiento mouvement army armee ejercito armed forces fuerzas force front frente party partido "
        "parti council conseil consejo state states democratic democratique democratica united unidos union "
        "liberation liberacion federal islamic revolutionary revolucionario revolutionnaire transitional "
        "interim alliance coalition committee commission group groups forum assembly delegation the and for"
    )
)
_LINKING_WORDS = frozenset(
    fold(w) for w in gazetteer.word_list("of the and for de del des du la le les el los las et y da do das dos")
)
_BARE_GOVERNMENT = frozenset(fold(w) for w in ("Government", "Gobierno", "Gouvernement", "Governo"))


def is_acronym(name: str) -> bool:
    """ "GNA", "SPLM/A", "M23": a name that means different actors in different countries."""
    return bool(_ACRONYM.match(name.strip())) and name.strip().upper() == name.strip()


def national_government_country(party: Party) -> str | None:
    """The country whose national government ``party`` is, or ``None`` if it is not one.

    "Government of <country>" as the parser writes it, the country's own name
    ("Government of the Republic of Colombia"), or its adjective ("Yemeni government",
    "Gobierno colombiano"). A state is never its government.
    """
    if party.kind in {ActorKind.STATE, ActorKind.PERSON}:
        return None
    if (code := names_government(party.name, party.country)) is not None:
        return code
    # "Kingdom of Nepal", also called "Government of Nepal" in the cell: the national government.
    also = any(names_government(alias, party.country) == party.country for alias in party.aliases)
    return party.country if party.kind == ActorKind.GOVERNMENT and party.country and also else None


def names_government(name: str, country: str = "") -> str | None:
    """The country whose national government ``name`` names (``country``: where it is read), or ``None``."""
    name = name.strip()
    if country and fold(name) == fold(gazetteer.government_name(country)):
        return country
    if (code := government_country(name)) is not None:
        return code
    match = _DEMONYM_GOVERNMENT.match(name)
    if match is not None:
        adjective = fold(match["before"] or match["after"])
        demonyms = gazetteer.demonyms()
        # Spanish, French and Portuguese adjectives agree in gender: "colombiano", "colombiana".
        for form in (adjective, re.sub(r"[oa]$", "", adjective), re.sub(r"(?:ne|e)$", "", adjective)):
            if form in demonyms:
                return demonyms[form] or None
    return None


def _initials(name: str) -> str:
    words = [w for w in re.split(r"[\s/\-–]+", name) if w and fold(w) not in _LINKING_WORDS]
    return "".join(w if w.isupper() and len(w) > 1 else w[0] for w in words if w[0].isalpha()).upper()


def may_be_alias(spelling: str, names: Iterable[str]) -> bool:
    """Can ``spelling`` be another name of the actor called ``names``?

    An acronym of one of the names ("GRP", "SPLM/A"), a name one of them abbreviates, or a
    name sharing a distinctive word with one ("the Taliban", "Croatian Democratic Union"
    for "HDZ" only through its initials). What the parser put beside a name but names
    something else — a leader ("Tudjman"), a generic word ("Army"), another group's
    acronym ("SPLM-N" for the SPLM) — is not.
    """
    names = [n for n in names if n.strip()]
    letters = re.sub(r"[^A-Z]", "", spelling.upper())
    if is_acronym(spelling):
        return any(letters and _initials(n) == letters for n in names)
    if any(is_acronym(n) and re.sub(r"[^A-Z]", "", n.upper()) == _initials(spelling) for n in names):
        return True
    words = _distinctive(spelling)
    return any(words & _distinctive(n) for n in names)


def _distinctive(name: str) -> set[str]:
    return {w for w in fold(name).split() if len(w) >= 3 and w not in _COMMON_WORDS}


def is_generic(spelling: str) -> bool:
    """A wording that names a different government in every agreement ("the Government")."""
    folded = fold(spelling)
    return folded in _BARE_GOVERNMENT or folded in gazetteer.generic_government()


@dataclass
class _Names:
    """Folded spelling -> actors, by canonical name and by alias."""

    canonical: dict[str, list[Actor]] = field(default_factory=dict)
    alias: dict[str, list[Actor]] = field(default_factory=dict)

    def add(self, actor: Actor) -> None:
        self.canonical.setdefault(fold(actor.name), []).append(actor)
        for alias in actor.aliases:
            self.add_alias(actor, alias)

    def add_alias(self, actor: Actor, alias: str) -> None:
        found = self.alias.setdefault(fold(alias), [])
        if actor not in found:
            found.append(actor)


def _made_here(actor: Actor) -> bool:
    """Made by a PA-X import (even if the ceasefire import has since given it its UCDP id)."""
    made = actor.imported or {}
    return DATASET in {made.get("source"), made.get("made_by")}


def _order(actor: Actor, country: str) -> tuple[bool, bool, bool, int]:
    # The agreement's own country first, then actors not made by this import, then the oldest;
    # actors made in this run (no id yet) last, in the order they were made.
    return (actor.country != country, _made_here(actor), actor.pk is None, actor.pk or 0)


class ActorIndex:
    """The actors of the database, found by name as the PA-X import needs them (see the module)."""

    def __init__(self, actors: Iterable[Actor], slugs: Iterable[str]) -> None:
        self.names = _Names()
        self.known = _Names()
        self.governments: dict[str, Actor] = {}
        self.slugs = set(slugs)
        # Made in this run, unsaved until ``save``: bodies first, then the persons who signed for them.
        self.created: list[Actor] = []
        self.persons: list[Actor] = []
        self._represents: dict[int, Actor] = {}
        # Existing actors that gained aliases, by id, with the aliases they gained.
        self.new_aliases: dict[int, list[str]] = {}
        self.by_pk: dict[int, Actor] = {}
        self._known_cache: dict[str, KnownLookup] = {}
        self._known_answers: dict[tuple[str, str], Known | None] = {}
        for actor in actors:
            self._register(actor)

    @classmethod
    def load(cls) -> ActorIndex:
        """Every actor in the database (one query), read as the import needs them."""
        loaded = list(Actor.objects.order_by("id"))
        return cls(loaded, (a.slug for a in loaded))

    def _register(self, actor: Actor) -> None:
        if actor.pk is not None:
            self.by_pk[actor.pk] = actor
        self.names.add(actor)
        if actor.kind == ActorKind.GOVERNMENT:
            for spelling in actor.all_names:
                code = names_government(spelling, actor.country)
                if code and code == (actor.country or code):
                    self.governments.setdefault(code, actor)
                    break
        # What the parser may know: not PA-X's own guesses (they may come from an older parser), unless the
        # ceasefire import has since confirmed one by its UCDP id.
        if (actor.imported or {}).get("source") != DATASET and actor.kind != ActorKind.PERSON:
            self.known.add(actor)

    # --- what the parser may ask --------------------------------------------------------------

    def known_for(self, country: str) -> KnownLookup:
        """The parser's ``known`` lookup for the agreements of ``country`` (ISO alpha-2, "" if none)."""
        if country not in self._known_cache:
            self._known_cache[country] = lambda name: self._known(name, country)
        return self._known_cache[country]

    def _known(self, name: str, country: str) -> Known | None:
        # The parser asks for the same names again and again (some 160,000 times in v9).
        asked = (country, name)
        if asked not in self._known_answers:
            self._known_answers[asked] = self._look_up(name, country)
        return self._known_answers[asked]

    def _look_up(self, name: str, country: str) -> Known | None:
        key = fold(name)
        acronym = is_acronym(name)
        for table in (self.known.canonical, self.known.alias):
            found = [
                a
                for a in table.get(key, ())
                if not acronym or (a.country and a.country == country) or (not a.country and a.kind in _BODIES)
            ]
            if found:
                best = min(found, key=lambda a: _order(a, country))
                return Known(best.name, best.kind, best.country)
        return None

    # --- which actor a party is -------------------------------------------------------------

    def resolve(self, party: Party) -> Actor:
        """The actor ``party`` names: found (gaining the party's spellings as aliases) or made."""
        code = national_government_country(party)
        if code is not None:
            # Only what names the government itself: not the state, nor an office, nor whatever else the
            # cell said beside it.
            spellings = [
                s
                for s in (party.name, *party.aliases)
                if gazetteer.government_acronym(s, code) or names_government(s, code) == code
            ]
            checked = {fold(s) for s in spellings}
            actor = self.governments.get(code)
            if actor is None:
                name = gazetteer.government_name(code)
                actor = self._create(name, ActorKind.GOVERNMENT, code, spellings, checked=checked)
            self._add_aliases(actor, spellings, checked=checked)
            return actor
        # The gazetteer's own names of an actor it knows are its names, however unlike ("Islamic Emirate
        # of Afghanistan" for the Taliban).
        entry = gazetteer.organisation_names().get(fold(party.name)) or gazetteer.national_actor(
            party.name, party.country
        )
        curated = {fold(n) for n in (entry.name, *entry.aliases)} if entry is not None else set()
        actor = self._find(party)
        if actor is None:
            return self._create(party.name, party.kind, party.country, list(party.aliases), checked=curated)
        self._add_aliases(actor, [party.name, *party.aliases], checked=curated)
        return actor

    def person_of_actor(self, party: Party) -> tuple[Actor, Actor] | None:
        """(actor, person) for a party named "<person> of <actor>", both already known by exact name.

        The parser cannot know people by name ("Khalifa Haftar of the Libyan National Army");
        the database may: then the actor is the party and the person signed for it.
        """
        match = _PERSON_OF_ACTOR.match(party.name.strip())
        if match is None:
            return None
        person_key, actor_key = fold(match["person"]), fold(match["actor"])
        people = [
            a for table in (self.names.canonical, self.names.alias) for a in table.get(person_key, ())
            if a.kind == ActorKind.PERSON and not _made_here(a)
        ]  # fmt: skip
        actors = [
            a for table in (self.names.canonical, self.names.alias) for a in table.get(actor_key, ())
            if a.kind != ActorKind.PERSON and self._compatible(a, party, acronym=False)
        ]  # fmt: skip
        if not people or not actors:
            return None
        return min(actors, key=lambda a: _order(a, party.country)), min(people, key=lambda a: _order(a, ""))

    def _find(self, party: Party) -> Actor | None:
        spellings = [party.name, *(a for a in party.aliases if not is_generic(a))]
        for index, spelling in enumerate(spellings):
            key = fold(spelling)
            own_name = index == 0
            for table, by_alias in ((self.names.canonical, False), (self.names.alias, True)):
                found = [
                    a
                    for a in table.get(key, ())
                    if self._compatible(a, party, acronym=is_acronym(spelling) and (by_alias or not own_name))
                ]
                if found:
                    return min(found, key=lambda a: _order(a, party.country))
        return None

    @staticmethod
    def _compatible(actor: Actor, party: Party, *, acronym: bool) -> bool:
        """Can ``actor`` be the actor ``party`` names? (Names alone decide nothing more.)"""
        if (actor.kind == ActorKind.PERSON) != (party.kind == ActorKind.PERSON):
            return False
        if actor.kind != party.kind and {actor.kind, party.kind} == _STATE_OR_GOVERNMENT:
            return False
        if actor.country and party.country and actor.country != party.country:
            return False
        if acronym:
            return bool(actor.country and actor.country == party.country) or (
                not actor.country and not party.country and actor.kind in _BODIES
            )
        return True

    def person(self, name: str, represents: Actor) -> Actor | None:
        """The person actor who signed for ``represents``: found by exact name or alias, or made.

        ``None`` when the name is an actor of another kind (the parser took a body for a
        signer): no person is made under a body's name.
        """
        name = re.sub(r"\s+", " ", name).strip()[:MAX_NAME]
        key = fold(name)
        if len(key) < 3 or key == fold(represents.name):
            return None
        for table in (self.names.canonical, self.names.alias):
            people = [a for a in table.get(key, ()) if a.kind == ActorKind.PERSON]
            if people:
                return min(people, key=lambda a: _order(a, ""))
        if self.names.canonical.get(key):
            return None
        person = self._create(name, ActorKind.PERSON, "", [], person=True)
        self._represents[id(person)] = represents
        return person

    # --- new actors and new spellings ---------------------------------------------------------

    def _slug(self, name: str) -> str:
        return claim_slug(name, self.slugs, fallback="actor")

    def _create(
        self,
        name: str,
        kind: str,
        country: str,
        aliases: list[str],
        *,
        person: bool = False,
        checked: set[str] | None = None,
    ) -> Actor:
        name = re.sub(r"\s+", " ", name).strip()[:MAX_NAME]
        actor = Actor(
            name=name,
            slug=self._slug(name),
            kind=kind,
            country=country,
            aliases=[],
            imported={"source": DATASET, "kind": kind, "country": country},
        )
        self._add_aliases(actor, aliases, checked=checked)
        actor.search_text = actor.compute_search_text()
        (self.persons if person else self.created).append(actor)
        self._register(actor)
        if kind == ActorKind.GOVERNMENT and country and fold(name) == fold(gazetteer.government_name(country)):
            self.governments.setdefault(country, actor)
        return actor

    def _add_aliases(self, actor: Actor, spellings: Iterable[str], *, checked: set[str] | None = None) -> None:
        """Keep the spellings that are names of the actor as aliases (those folded in ``checked`` are known to be)."""
        have = {fold(n) for n in actor.all_names}
        spellings = [re.sub(r"\s+", " ", s).strip() for s in spellings]
        names = [*actor.all_names, *spellings[:1]]
        for spelling in spellings:
            key = fold(spelling)
            if not key or key in have or is_generic(spelling) or is_office_text(spelling) or len(spelling) > MAX_NAME:
                continue
            if key not in (checked or set()) and not may_be_alias(spelling, names):
                continue
            have.add(key)
            actor.aliases = [*actor.aliases, spelling]
            self.names.add_alias(actor, spelling)
            if actor.pk is not None:
                self.new_aliases.setdefault(actor.pk, []).append(spelling)

    def save(self, *, user: object, reason: str) -> None:
        """Write the actors made and the aliases gained (call inside the import's transaction)."""
        bulk_create_with_history(self.created, Actor, batch_size=500, default_user=user, default_change_reason=reason)
        for person in self.persons:
            represented = self._represents.get(id(person))
            person.represents_id = represented.pk if represented is not None else None
        bulk_create_with_history(self.persons, Actor, batch_size=500, default_user=user, default_change_reason=reason)
        for actor in [*self.created, *self.persons]:
            self.by_pk[actor.pk] = actor
        changed = [self.by_pk[pk] for pk in self.new_aliases]
        now = timezone.now()
        for actor in changed:
            actor.search_text = actor.compute_search_text()
            actor.updated_at = now
        if changed:
            bulk_update_with_history(
                changed,
                Actor,
                fields=["aliases", "search_text", "updated_at"],
                batch_size=500,
                default_user=user,
                default_change_reason=reason,
            )
