"""Finding actors, people and offices in a piece of a PA-X party cell.

A piece ("H.E. Thabo Mbeki, President of the Republic of South Africa") is cut into name
chunks: runs of capitalised words and the small words names hold ("of", "de", "al-",
"bin"). Each chunk is then read, known names first:

1. what the caller already knows (the importer's actors), the agreement's own government
   in any of its generic wordings, states, international organisations and national actors
   from the gazetteer (acronyms only in their own country);
2. "Government of X" / "X government" shapes;
3. names that carry a head word saying what they are ("Front", "Party", "Commission");
4. acronyms, when the text around them says they name an actor ("NAS Head of Delegation");
5. what is left may be a person (with titles dropped) or an office with no actor.

An office in front of a name ("President of", "Head of the Delegation of the") is peeled
off and remembered: it tells who signed for whom, and makes a state's head a government.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from functools import lru_cache

from agreements.choices import ActorKind, SignatoryRole
from agreements.pax import gazetteer
from agreements.pax.gazetteer import phrase_list, word_list
from utilities.folding import fold as fold_text

# Folding is the parser's commonest operation, on a small vocabulary of words and names: cached.
fold = lru_cache(maxsize=200_000)(fold_text)


@dataclass(frozen=True)
class Known:
    """What the caller knows of an actor: its canonical name, kind and country."""

    name: str
    kind: str
    country: str = ""


KnownLookup = Callable[[str], Known | None]


@dataclass
class Mention:
    """An actor named in a piece of text."""

    name: str
    kind: str
    country: str = ""
    aliases: list[str] = field(default_factory=list)
    start: int = 0
    end: int = 0
    office: str = ""  # the office it was reached through ("President of"), "" if named directly
    state_like: bool = False  # a state or its national government: within a role, one actor
    strength: int = 1  # 3 known, 2 gazetteer or shaped, 1 head word, 0 bare acronym
    role: str = ""  # a capacity stated right after it: "UN (Chair)"
    chunk_end: int = 0  # where the run of words it was read from ends ("Taliban Political Office")


@dataclass
class Context:
    """What a cell is read against: the agreement's country and what is already known."""

    country: str = ""  # ISO alpha-2 of the agreement's country, "" if none
    country_name: str = ""
    column: str = "Part"
    known: KnownLookup | None = None
    # Acronyms the cell defines ("Liberation Tigers of Tamil Eelam (LTTE)"): folded -> mention.
    acronyms: dict[str, Mention] = field(default_factory=dict)
    # Names already read, shared by the cells of one read (see ``read_name``); None: no memo.
    memo: dict[tuple[object, ...], Mention | None] | None = None


@dataclass
class Person:
    """A person named in a piece of text, titles dropped."""

    name: str
    start: int
    end: int


@dataclass
class Reading:
    """What a piece of text holds, in order."""

    mentions: list[Mention] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    offices: list[tuple[int, int, str]] = field(default_factory=list)  # offices naming no actor
    words: list[tuple[int, int, str]] = field(default_factory=list)  # lone capitalised words


# --- vocabulary ------------------------------------------------------------------------------

CONNECTORS = frozenset(
    word_list(
        "of the for and de del della la le les des du da do dos das di van von der den el al y et e i in on ag "
        "wal bin ibn bint ben abu au aux pour por para d l upon ng en ta arap delos dela"
    )
)
# Lower-case head nouns that end a capitalised name: "the Yemeni government", "Rajoelina group".
LOWER_HEADS = frozenset(
    word_list(
        "government movement group party forces army front community communities side militia militias "
        "delegation leaders elders administration authorities organization organisation association network"
    )
)
# Heads that end a name only right after a capitalised word: "the United Tajik opposition", not
# "Factions of the opposition in Syrian Qalamoun".
_NAMED_HEADS = frozenset(word_list("opposition"))
_ARABIC_PARTICLE = re.compile(r"^(?:al|el|ad|ar|as|at|an|ash|az|ul|ud|bin|ibn|wa|wal)[-‑'’][‘’ʿʾ']?\w", re.I)
TITLES = frozenset(
    fold(t)
    for t in word_list(
        "H.E. HE H. E. S.E S.E. S.E.M SEM His Her Excellency Excellencies Mr Mr. Mrs Mrs. Ms Ms. Mme Mme. M. "
        "Dr Dr. Prof Prof. Professor Hon Hon. Honorable Honourable Hons Rt Rt. Right Sir Dame Lord Lady Gen "
        "Gen. General Lt Lt. L.t Lieutenant Col Col. Colonel Maj Maj. Major Brig Brig. Brigadier Capt Capt. "
        "Captain Cdr Cdr. Commandant Cmdr Adm Admiral Sgt MGen BGen M/Gen LtGen Lt-Gen Lt-Colonel Gén Général "
        "Ge Ge. Amb Amb. Sheikh Shiekh Shaykh Sheik Al-Sheikh Ustaz Ustadh Bishop Archbishop Msgr Msgr. "
        "Monsignor Mgr Padre Father Fr Fr. Brother Sister Rev Rev. Reverend Imam Pastor Pasteur Apostle "
        "Cardinal Dato Dato' Datuk Tengku Tun Haj Haj. Hajji Alhaji Alh Mallam Engr Eng Atty Atty. Me Maître "
        "Sec Sec. Usec Usec. Rep Rep. Gov Gov. Sen Sen. Senator Hon'ble Shri Smt P/Chief Omda Chief Barr "
        "Barr. Elder Elders Ustaz Sheikh P/Chief Dame El-omda El-amiir El-ammir Sayed Sayyid Jr Jr. Ret Retd "
        "Rtd Rtd. PSC Cpt Cadre Comrade Cde Mwalimu Ing Ing. Lic Lic. Licenciado Doctor Dra Dra. Don Doña "
        "Emeritus Grace Most Ustaz. Engineer Staff Police Seri Utama Tan Tun Puan Datin U Daw Monsieur Madame "
        "Mademoiselle Señor Señora Sra Sra. Excellence Gnl Géneral Rear Vice-Admiral Commodore Marshal Air "
        "Presbyter Priest Deacon Arch-Bishop Archdeacon Canon Abbé Abb Abbe Gal Gal. P/Gal "
        # From an audit of the release's signers: Ethiopian, Somali and Filipino titles, ranks in
        # other languages and abbreviations, and misspellings ("Exellency", "Aihaji").
        "Ato Malaq Datu Abbot Bro Bro. Ev Ev. Eld Eld. Bg Bg. Gral Gral. TL TL. Capitaine "
        "Corporal Cpl Cpl. Adjutant Adj Adj. Comr Comr. Flt Flight-Lt Flight-Lt. Flt-Lt Feld Ambassadeur "
        "A/Cdr A/Cdr. A/Sec A/Sec. ASec ASec. Asec Asec. ACSP ADG Adg Adg. C/Supt C/Supt. CDR/DR Edir Edir. "
        "Dep Dep. Exec Exec. Dir Dir. HRH Alh Alh. Aihaji Execellency Exellency Sr Sr. "
        "Brigadier-General Lieutenant-General Lt-General Lt.-General Major-General Maj-Gen Maj.-Gen. "
        "Lieutenant-Colonel Lt-Col Lt.-Col. Ltc Ltc. Ltg Ltg. Sergeant Monseñor Monsenor Monsehor Monseigneur "
        "Monseiur Maître Maitre Maftre Master Maulana Moulvi Maulvi Pere Père Pir SE Shiek Shree Tangku "
        "Tgk Tgk. Ugaas Islan Islaan Utaz Ingeniero Judge Drs Drs. Arch"
    )
)
# Titles that, in the middle of a run of capitalised words, start a new person.
_RANKS = frozenset(
    fold(t) for t in word_list("General Gen. Colonel Col. Brigadier Brig. Major Maj. Lieutenant Lt. Captain")
)
# Offices whose second word is "General": "Secretary General" is one office, not a rank before a name.
_BEFORE_GENERAL = frozenset(
    fold(w)
    for w in word_list(
        "Secretary Director Attorney Consul Inspector Governor Procurator Auditor Solicitor "
        "Secrétaire Secretaire Secretario Directeur Procureur Inspecteur Commissaire Consul"
    )
)
_PERSON_START = frozenset(fold(t) for t in word_list("H.E. HE S.E Mr Mr. Mrs Ms Dr Dr. Hon Hon. Amb Amb. Prof Prof."))
# Words of a person's office.
PERSON_OFFICES = frozenset(
    fold(w)
    for w in word_list(
        "President Vice-President Presidente Président Prime Minister Ministre Ministro Minster Viceministro "
        "Vice-Minister Secretary Secretary-General Secretaries-General General-Secretary Secretaire Secretario "
        "Chairman Chairperson Chairwoman Chair Co-Chair Co-Chairman Co-Chairmen Head Leader Commander "
        "Commander-in-Chief C-in-C Representative Representing Delegate Ambassador Ambassdor Envoy Consul "
        "Consul-General Counsellor Counselor Adviser Advisor Asesor Consejero Member Spokesperson Spokesman "
        "Spokeperson Coordinator Coordinador Governor Speaker Commissioner Chargé Mayor Prefect Sub-Prefect "
        "Administrator Officer Negotiator Mediator Facilitator Moderator Rapporteur Director Director-General "
        "Vice-Chairman Vice-Chairperson Deputy-Chairman Premier Chancellor Emir King Sultan Consultant "
        "Attorney Attorney-General Jefe Representante Représentant Observer "
        "Coordinateur Coordonnateur Chef Imam Secrétaire Délégué Conseiller Porte-parole Maire Préfet "
        "Sous-préfet Gouverneur Directeur Vice-président Comandante Delegado Secretario Vocero Alcalde Gobernador "
        "Négociateur Négotiateur Negociador Médiateur Facilitateur Interpreter Translator Secretary-General "
        "Manager Presidents"
    )
)
# Words that may stand in an office before or after the actor's name.
OFFICE_WORDS = PERSON_OFFICES | frozenset(
    fold(w)
    for w in word_list(
        "Vice Deputy First Second Acting Special Chief Foreign Senior Permanent Plenipotentiary Executive "
        "Principal Current Lead Joint High Honorary Presidential Under-Secretary Undersecretary Assistant "
        "Embassy Delegation Delegación Délégation Delegations Delegates Representatives Members Advisers "
        "Advisors Officials Official Panel Team Staff Secretariat Mission Office General State Ministers "
        "Ministry Ministère Ministerio Department Embassy SG SRSG USG ASG DSG ERSG Affairs Liaison"
    )
)
# Office and body words that may follow an acronym: "GRP Negotiating Panel", "NAS Head of Delegation".
_OFFICE_TAIL = OFFICE_WORDS | frozenset(
    fold(w)
    for w in word_list(
        "Negotiating Implementing Peace Committee Legal Political Cessation Hostilities Talks Affairs Field "
        "Security Institutions Service Steering Technical Working Group Chairman's Representation Commission "
        "Council Interim Coordination Monitoring Ceasefire Military Joint Liaison Local Regional Humanitarian "
        "Programme Program Unit Units Sub-Committee Subcommittee Sub-committee"
    )
)
# Sub-bodies: "Head of the Secretariat of the Council of X" reads on to X.
_SUB_BODY = re.compile(
    r"^(?:(?:central|executive|political|standing|permanent)\s+(?:committee|bureau|council)|secretariat|"
    r"delegation|governmental\s+delegation|office|bureau|cabinet|presidency\s+council|"
    r"(?:regional\s+)?(?:centre|center|headquarters|branch|section|unit))\s+(?:of|for)\b",
    re.I,
)
# Offices of a national government: a state reached through one is a government (R6).
GOVERNMENT_OFFICE = re.compile(
    r"\b(?:president|presidente|président|prime|premier|minist\w*|minster|head\s+of\s+state|"
    r"foreign\s+secretary|secretary\s+of\s+state|chancellor|emir|king|sultan|government|delegation|governmental)\b",
    re.I,
)
# Offices that represent a state as such: its envoy is the state (R6).
_STATE_OFFICE = re.compile(
    r"\b(?:ambassad\w*|ambassdor|embassy|envoy|consul\w*|charg[ée]|mission|representative|represent\w*|"
    r"counsel+or|attach[ée]|first\s+secretary|on\s+behalf)\b",
    re.I,
)
# Offices held over a place: "Prefect of Vakaga" is the actor (R6: prefects, mayors, counties).
_LOCAL_OFFICE = frozenset(
    fold(w) for w in word_list("Prefect Sub-Prefect Mayor Governor Commissioner Administrator Sultan Chief Chiefs")
)
# Head words and the kind of actor they make (first match wins, most telling first).
_KIND_WORDS: tuple[tuple[str, str], ...] = (
    (
        r"\b(?:leaders|elders|chiefs|notables|youth|women|organi[sz]ations|communit(?:y|ies)|tribes?|clans?)$",
        ActorKind.OTHER,
    ),
    (r"\bparty\b|\bpartido\b|\bparti\b|\bcongress\b|\bcongr[eè]s\b|\bsinn\b", ActorKind.ORGANISATION),
    (
        r"\balliance\b|\bcoalition\b|\bplatform\b|\bplateforme\b|\bcoordination\b|\bcoordinadora\b|\bumbrella\b|"
        r"\bpolitical parties\b|\bparties\b|\bgroup of friends\b|\btroika\b|\bquartet\b|\bcontact group\b|"
        r"\bopposition$|\bmouvance\b|\bbloc\b|\bconsortium\b|\bunited front\b",
        ActorKind.COALITION,
    ),
    (
        r"\barmy\b|\bfront\b|\bfrente\b|\bforces?\b|\bfuerzas\b|\bmovement\b|\bmouvement\b|\bmovimiento\b|"
        r"\bliberation\b|\blibération\b|\bliberación\b|\bmilitias?\b|\brebels?\b|\bguerr?ill\w*|\bbrigades?\b|"
        r"\bbattalions?\b|\bresistance\b|\bmujahid\w*|\btigers\b|\bjaysh\b|\bjabhat\b|\bliwa\b|\bfaylaq\b|"
        r"\bharakat\b|\bkatiba\w*|\btaliban\b|\bal-sham\b|\bcommandos?\b|\bself-defen[cs]e\b|\binsurgent\w*|"
        r"\bfighters\b|\bcombatants\b|\barmée\b|\bejército\b|\bpeshmerga\b|\bpopular committees\b|\bmilitary council\b|"
        r"\blegion\b|\bdivision\b|\bcorps\b|\bfirqa\b|\bfarqa\b|\bjaish\b|\bkata'?ib\b|\bmorcha\b|\bcommand\b|"
        r"\boperations room\b|\bcorriente\b|\bcomando\b|\balianza\b|\bansar\b|\bfactions?\b|"
        r"\b(?:defen[cs]e|protection|mobili[sz]ation|resistance)\s+units\b",
        ActorKind.ARMED_GROUP,
    ),
    (
        r"\bunion\b|\bnations\b|\borgani[sz]ation\b|\bcommission\b|\bcouncil\b|\bcommittee\b|\bconference\b|"
        r"\bchurch\w*|\bbank\b|\bfund\b|\bprogramme\b|\bprogram\b|\bagency\b|\binstitute\b|\bcent(?:re|er)\b|"
        r"\bsociety\b|\binitiative\b|\bmission\b|\bpanel\b|\bleague\b|\bassociation\b|\bfoundation\b|"
        r"\bsecretariat\b|\boffice\b|\bnetwork\b|\bforum\b|\bfederation\b|\bred cross\b|\bred crescent\b|\bdialogue\b|"
        r"\bmediation\b|\bassembly\b|\bcommunauté\b|\bcomunidad\b|\bconseil\b|\bcomité\b|"
        r"\bcomisión\b|\bobservatory\b|\bministry\b|\bauthority\b|\bcourt\b|\btrust\b|\bbureau\b|"
        r"\bepiscopal\b|\bconférence\b|\bconferencia\b|\buniversity\b|\bgroup\b|\bteam\b|\bcaucus\b|"
        r"\bpresidency\b|\bdetainees\b|\bdirectorate\b|\bconvention\b|\bparishad\b|\bsamiti\b|\bsangh\b|\bsangathan\b|"
        r"\brassemblement\b|\bcollectif\b|\bligue\b|\bréseau\b|\bgroupe\b|\bfédération\b|\bconfédération\b|"
        r"\bobservatoire\b|\bconsejo\b|\basociación\b|\bfederación\b|\bconfederación\b|\bconselho\b|\bassociação\b",
        ActorKind.ORGANISATION,
    ),
    (
        r"\bcounty\b|\blocality\b|\bprovince\b|\bdistrict\b|\bregion\b|\bmunicipality\b|\bvillages?\b|\bcity\b|"
        r"\bside\b|\badministration\b|\bsultanate\b|\bpeople\b|\bcamp\b|\b[A-Z]\w+ state\b|\brepublic\b|"
        r"\bcommunit(?:y|ies)\b|\bcommunaut[ée]s?\b",
        ActorKind.OTHER,
    ),
)


@lru_cache(maxsize=4096)
def _plain_char(char: str) -> str:
    base = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
    return base if len(base) == 1 else char


@lru_cache(maxsize=50_000)
def plain(text: str) -> str:
    """``text`` without accents and with straight apostrophes, character for character (so
    positions still point into the original): "Katā’ib" reads as "Kata'ib"."""
    return "".join(_plain_char(c) for c in text.replace("’", "'").replace("ʼ", "'").replace("‘", "'"))


# Matched on plain names, so written plain too ("ejército" and "ejercito" alike).
_KIND_PATTERNS = tuple((re.compile(plain(p), re.I), kind) for p, kind in _KIND_WORDS)
# Head words that make a name an actor by themselves ("Rapid Support Forces").
_HEAD_WORDS = re.compile(plain("|".join(p for p, _ in _KIND_WORDS)) + r"|\b[A-Z]\w+ State\b", re.I)


class _Head:
    """The head-word pattern, matched on the plain form of a name (same positions)."""

    @staticmethod
    def search(text: str) -> re.Match[str] | None:
        return _HEAD_WORDS.search(plain(text))

    @staticmethod
    def fullmatch(text: str) -> re.Match[str] | None:
        return _HEAD_WORDS.fullmatch(plain(text))

    @staticmethod
    def finditer(text: str) -> Iterator[re.Match[str]]:
        return _HEAD_WORDS.finditer(plain(text))


_HEAD = _Head()
_GOVERNMENT_WORD = re.compile(r"\b(?:gov[a-z]*nments?|govt\.?|gobierno|gouvernement|governo|governmental)\b", re.I)
_SUBNATIONAL = re.compile(
    r"\b(?:state|states|province|provincial|county|regional|region|local|district|autonomous|island|"
    r"southern sudan|bougainville|puntland|galmudug|jubaland|somaliland|kurdistan|assam|mindanao|"
    r"municipal|city|federal member)\b",
    re.I,
)
_NATIONAL_ORGAN = re.compile(
    r"\b(?:armed forces|national army|defen[cs]e forces|police|parliament|national assembly|legislative|"
    r"sovereign council|council of ministers|military council|supreme soviet|ministry|presidency|"
    r"federation council|council of federation|senate|army\s+of|defen[cs]e\s+army)\b",
    re.I,
)
# Departments that an office names and that are no actor: "Minister for Provincial Administration".
DEPARTMENT = re.compile(
    r"^(?:(?:state\s+for\s+)?(?:foreign|home|internal|interior|defen[cs]e|justice|finance|planning|education|"
    r"provincial|local|public|humanitarian|peace|national|high|east|african|security|information|"
    r"communication|reconstruction|administration|affairs|and|of|for|the|disaster|management|science|"
    r"technology|health|relations|reconciliation|integration|cooperation|co-operation|territory|"
    r"decentrali[sz]ation|civisme|dialogue|internal|the)\b\s*)+$",
    re.I,
)
# Words that open the name of a ministry's field: "Minister of Defense of X" reads on to X.
_DEPARTMENT_START = re.compile(
    r"^(?:defen[cs]e|foreign|interior|justice|finance|home|internal|information|education|health|planning|"
    r"agriculture|trade|commerce|labou?r|energy|transport|environment|culture|tourism|youth|sports?|"
    r"communications?|reconstruction|reconciliation|humanitarian|external|administration|d[ée]fense|"
    r"int[ée]rieur|affaires|d[ée]centrali[sz]ation|territoriale?|anciens|combattants|relations|coop[ée]ration|"
    r"int[ée]gration|s[ée]curit[ée]|economy|economic|social|public|works|industry|mines|petroleum|water)$",
    re.I,
)
# Words that are never an actor on their own: headings, fragments and generic categories.
NOT_ACTORS = frozenset(
    fold(w)
    for w in phrase_list(
        "Note, Government, Governments, Rebel Groups, Rebels, Armed Groups, Authority, The Authority, Central, "
        "World, Parties, The Parties, Party, Signatories, Signatory, Witness, Witnesses, Mediator, Mediators, "
        "Observers, Delegation, Delegations, Members, Member, Representatives, Representative, Others, Other, "
        "Stakeholders, Agreement, Annex, Article, Preamble, Title, Name, Page, Signed, Signature, Signatures, "
        "Date, Done, International Community, Civil Society, Political Parties, Chairman, President, "
        "Partners, Republic, State, States, Kingdom, Federation, Union, Nations, Side, Sides, Both Sides, The "
        "Two Sides, Secretary, Minister, Prime Minister, Head, Advisor, Adviser, Delegate, Coordinator, "
        "Spokesperson, Security, Mediation, Facilitation, Observer, Guarantor, Guarantors, Facilitator, "
        "Facilitators, Joint, Secretariat, Conference, Committee, Council, Commission, Mission, Panel, Team, "
        "Group, Groups, Office, Unknown, Illegible, Unintelligible, Not Signed, Unsigned, Arabic, English, "
        "French, Spanish, Neighbouring Countries, Neighboring Countries, Donors, International Donors, Heads "
        "of State, Military, Police, Security Agency, The Following, Following, All, Both, Co-Chairs, "
        "Co-Chairmen, Chairs, Presence, In the Presence, Signing, Ceremony, Meeting, Talks, Negotiations, "
        "Peace, Peace Process, Ministry, Department, Staff, General Staff, The Government, Leadership, "
        "Participants, Accompanying, Persons, Accompanying Persons, Country, Countries, Guarantor Countries, "
        "Parties to the Conflict, International Organizations, International Organisations, Other Representatives, "
        "Other Parties, Communauté internationale, Comunidad Internacional, Regional Organizations, "
        "Donor Countries, Friendly Countries, Neighbouring States, Observer States, Member States, "
        "Heads of State and Government, Approved, Approved by, Read and Approved, Lu et Approuvé, Enclosure, "
        "Appendix, Addendum, Statement, Joint Statement, Declaration, Joint Declaration, Communique, Communiqué, "
        "Joint Communique, Joint Communiqué, Protocol, Minutes, Memorandum, Two Sides, Two Parties, "
        "Both Parties, The Two Parties, But, But also, Also, And also, "
        # From an audit of the release's actors: labels and headings read as names.
        "CC, Third Party, Third Parties, Contracting Parties, Part, Third Part, Fourth Part, Interest Groups, "
        "National Organizations, Témoins Nationaux, Les Témoins Nationaux, Testigo Internacional, Your "
        "Excellency, Other Participations, Other Mentioned Individuals, Map Appendix, Ont Paraphé, "
        "Participatory Signatures, Liste des Organisations, Pour, Main Actor, Third Round, "
        "Proximity Talks, Taking Note, Declarations in Support, "
        # A team named by its task only ("Coordinator, CPN (Maoists), Negotiating Team"): whose
        # team it is, the line says elsewhere.
        "Negotiating Team, Negotiation Team"
    )
)
# Personal descriptors: a person described so acts for no one (R5), and the words name no actor.
DESCRIPTORS = frozenset(
    fold(w)
    for w in phrase_list(
        "Eminent Personality, Eminent Personalities, Concerned Citizen, Faith Based Leader, Faith-Based Leader, "
        "Faith Based Leaders, Community Leader, Religious Leader, Traditional Leader, Elder, Former President"
    )
)
NOT_ACTORS = NOT_ACTORS | DESCRIPTORS
# "GoN Talks Team", "NDFP Negotiating Panel": an actor's team (see ``_read_name``).
_TEAM = re.compile(r"(?<=\S)(?:['’]s)?\s+(?:negotiati(?:on|ng)|talks|peace)\s+(?:team|panel)s?$", re.I)
_NOT_ACRONYMS = frozenset(
    word_list(
        "HE SE SEM MP PHD JR SR SEC USEC REP GOV HON MR MRS MS DR LT COL GEN MGEN BGEN CDR CPT HRH OBE GCMG "
        "KB MBE KBE CMG II III IV VI VII VIII IX XI XII NB PS PPS CEO PM VP DG SG DSG SRSG ASG USG ASEC TO OF "
        "THE AND FOR BY IN ON AT AS DE LA LE ET DU DES EL LOS LAS DEL PO OK ID NO AM RTD RETD INC LTD CO NA "
        "NN NIL ATTY ENG ENGR ESQ NE NW SW NER AG DEP ASST MED GCB KCMG CBE PC QC SC MNA MPA MHA MLA DCM CDA USA UK US "
        "MFA MOD MOI MOFA MHR EGH MGH OGW"
    )
)
_NOTE_WORDS = re.compile(
    r"^(?:not|no|signed|unsigned|illegible|unintelligible|unknown|page|see|note|the|a|an|this|that|these|"
    r"it|its|agreement|document|meeting|talks|parties|between|and|with|also|but|which|who|were|was|are|is|"
    r"held|made|reached|concluded|listed|mentioned|present|presence|copy|original|translation|signature|"
    r"signatures|stamp|seal|done|dated|date|at|in|on|for|by|of|to|from|as|representing|gathered|having|"
    r"article|preamble|annex|signatories|witnesses|delegates|delegation|representatives|thanking|thanks|"
    r"grateful|appreciating|welcoming|noting|recalling|acknowledging|their|excellencies|his|her|dear|"
    r"attention|copy|cc|whereas|considering)$",
    re.I,
)
_ROLE_MARKERS = {
    "chair": SignatoryRole.MEDIATOR,
    "chairman": SignatoryRole.MEDIATOR,
    "facilitator": SignatoryRole.MEDIATOR,
    "mediator": SignatoryRole.MEDIATOR,
    "observer": SignatoryRole.OBSERVER,
    "observers": SignatoryRole.OBSERVER,
    "guarantor": SignatoryRole.GUARANTOR,
    "witness": SignatoryRole.WITNESS,
}

_TOKEN = re.compile(r"[^\s,;:()\[\]{}\"“”«»]+")
_BREAK = re.compile(r"[,;:()\[\]{}\"“”«»]|\s[-–—]+\s|\s[-–—]+$|^[-–—]+\s")
# Words written with a full stop that ends no sentence.
_ABBREVIATIONS = frozenset(
    word_list(
        "hon amb gen col capt lieut brig prof sen rev mgr msgr usec asec excl dipl corp gov est dept univ assoc intl "
        "mohd muhd md abd jr sr st"
    )
)
_ACRONYM = re.compile(r"^(?=(?:[^a-z]*[A-Z]){2})[A-Z0-9][A-Za-z0-9&/.'\-]{0,12}[A-Z0-9]$")


# --- tokens and chunks ----------------------------------------------------------------------------------


@dataclass
class _Token:
    text: str
    start: int
    end: int
    broken: bool  # a break (comma, bracket, dash) stands between it and the token before


def _tokens(text: str) -> list[_Token]:
    tokens: list[_Token] = []
    last_end = 0
    sentence_ended = False
    for match in _TOKEN.finditer(text):
        word = match.group(0)
        start, end = match.start(), match.end()
        after_sentence, sentence_ended = sentence_ended, False
        # Trailing full stops end sentences; keep them on initials and abbreviations ("A.", "H.E.").
        while word.endswith(".") and len(word) > 2 and not re.fullmatch(r"(?:[A-Za-z]\.)+", word):
            word, end = word[:-1], end - 1
            # "Mrs. Victoria Arop Odhong. Women Representative.": a name ends with its sentence;
            # "Hon.", "Gen." and "Amb." are abbreviations.
            sentence_ended = (
                bool(re.fullmatch(r"\w*[a-z]{3}", word)) and fold(word) not in _ABBREVIATIONS and _titled_run(tokens)
            )
        if (
            after_sentence
            and word[:1].isupper()
            and tokens
            and re.fullmatch(r"[A-Z][a-z]+", word)
            and fold(word) not in PERSON_OFFICES
            and fold(word) not in _PERSON_START
        ):
            tokens.append(_Token("", last_end, start, True))
        if word in {"-", "–", "—", "&", "/"} or not word:
            if word in {"-", "–", "—", "&", "/"}:
                # A dash or slash between spaced words is a break ("Name - Office", "Name / Party").
                tokens.append(_Token("", start, end, True))
            last_end = end
            continue
        gap = text[last_end:start]
        dash = word.endswith(("-", "–")) and len(word) > 1
        if dash:
            word, end = word.rstrip("-–"), end - 1  # "MPIGO- Félix DOH": a dash after a name breaks
        tokens.append(_Token(word, start, end, bool(_BREAK.search(gap)) if tokens else False))
        if dash:
            tokens.append(_Token("", end, end + 1, True))
        last_end = end
    return tokens


def _titled_run(tokens: list[_Token]) -> bool:
    """Whether the run of tokens since the last break starts with a title ("Mrs. Victoria ..."),
    within six tokens."""
    for back, token in enumerate(reversed(tokens)):
        if back >= 6:
            return False
        if token.broken or back == len(tokens) - 1:
            return fold(token.text) in TITLES
    return False


def _has_letter(word: str) -> bool:
    return any(c.isalpha() for c in word)


def _is_namey(word: str) -> bool:
    if re.match(r"^[ldLD]['’][A-ZÀ-Ý]", word):
        return True  # "l'Azawad", "d'Ivoire"
    first = next((c for c in word if c.isalpha()), "")
    if not first:
        return bool(re.fullmatch(r"\d{1,3}|\d\+\d", word))  # "5+5 Joint Military Committee"
    return first.isupper() or bool(_ARABIC_PARTICLE.match(word))


# Head words that open a name written in sentence case, as French, Spanish and Portuguese names are
# ("Front populaire pour la renaissance de la Centrafrique", "Union des forces républicaines
# fondamentales"): after one, the name's lower-case words are part of it.
_SENTENCE_CASE_HEADS = frozenset(
    fold(w)
    for w in word_list(
        "Front Mouvement Union Rassemblement Parti Alliance Convention Coordination Coalition Conseil Comité Collectif "
        "Congrès Association Organisation Ligue Observatoire Fédération Confédération Plateforme Groupe Réseau "
        "Forces Mouvance Movimiento Frente Partido Unión Alianza Coordinadora Consejo Asociación Federación "
        "Confederación Fuerzas Ejército Movimento União Conselho Associação Congresso"
    )
)
# Lower-case words that end such a name: English, or a sentence's ("Union was represented by").
_NOT_IN_SENTENCE_CASE = frozenset(
    word_list(
        "the of and for was were is are be been being has have had by with to in on at as that which who whom "
        "signed represented agreed met from this these those its their his her it or an a not no between under "
        "led also both all other would will shall may can did does do than then there here after before during "
        "through into onto over about against among upon within without"
    )
)
_LOWER_WORD = re.compile(r"[^\W\d_A-Z]+(?:['’][^\W\d_]+)?")
# The first lower-case word of a name in sentence case is French, Spanish or Portuguese: a small word
# ("des", "pour"), an accented word, or an adjective's ending ("populaire", "nationale",
# "patriotique"); not "members" in "Alliance members including the Arakan Army".
_ROMANCE_WORD = re.compile(
    r"(?:de|des|du|la|le|les|pour|por|para|del|los|las|da|do|dos|das|au|aux|en|d|l)|"
    r".*[àâäçéèêëîïôöùûüñãõ].*|"
    r".*(?:aire|aires|ique|iques|ale|ales|al|aux|iel|uel|rel|tel|onnel|elle|elles|ien|ienne|iens|iennes|ais|aise|"
    r"ois|oise|if|ive|ifs|ives|eux|euse|ista|istas|ano|ana|anos|anas|ario|aria|ico|ica|icos|icas|ivo|iva|nal|ente|"
    r"ante|eiro|eira)"
)
_ROMANCE_SMALL = frozenset(word_list("de des du la le les pour por para del los las da do dos das au aux en"))
# Indefinite articles, before a capital inside a name as "la" is: "Coalition des Partis Politiques pour une
# Entente Nationale".
_ROMANCE_ARTICLES = frozenset(word_list("un une uno una unos unas um uma"))
# A conjunction of these languages between two such names ends the first: "Front populaire ivoirien
# et Rassemblement des républicains".
_ROMANCE_AND = frozenset(word_list("et y e"))


def chunks(text: str) -> list[list[_Token]]:
    """Runs of capitalised words and the small words names hold between them."""
    found: list[list[_Token]] = []
    current: list[_Token] = []
    sentence_case = False

    def flush() -> None:
        nonlocal sentence_case
        sentence_case = False
        while current and (current[-1].text.lower() in CONNECTORS or not _has_letter(current[-1].text)):
            if (
                len(current) > 1
                and re.fullmatch(r"\d{1,3}", current[-1].text)
                and (current[-2].text == "of" or _HEAD_WORDS.fullmatch(plain(current[-2].text)))
            ):
                break  # "Group of 12", "Farqa 16": the number is part of the name
            current.pop()
        while current and current[0].text in CONNECTORS and not _ARABIC_PARTICLE.match(current[0].text):
            current.pop(0)
        if current and any(_is_namey(t.text) and _has_letter(t.text) for t in current):
            found.append(list(current))
        current.clear()

    tokens = _tokens(text)
    for index, token in enumerate(tokens):
        if token.broken:
            flush()
        word = token.text
        if not word:
            continue
        previous = current[-1].text if current else ""
        # A title or a capitalised "The" inside a run starts a new name: "... South Africa The
        # African Union H.E. Ambassador M. Bah ...", "UNOMIG and Mr. Sergey Korobko".
        # Not after a slash that joins the name on: "Libyan National Army/ General Command".
        rank = (
            fold(word) in _RANKS
            and fold(previous) not in _BEFORE_GENERAL
            and previous not in CONNECTORS
            and not previous.endswith("/")
        )
        if (
            current
            and fold(previous) not in TITLES
            and (fold(word) in _PERSON_START or rank or (word in {"The", "THE"} and previous.lower() not in CONNECTORS))
        ):
            flush()
        if word in {"for", "and", "of"} and previous.isupper() and len(previous) > 2 and _has_letter(previous):
            # "ANA MERCEDES GÓMEZ for CCN": a lower-case word is no part of a name in capitals.
            flush()
            continue
        if word.lower() in {"l'", "d'", "l’", "d’"}:
            word = word[0].lower()  # "de l' Administration": an elided article
        # "Mission to Support the Peace Process": "to" after a body's head word goes on with its name.
        body_to = (
            word == "to"
            and fold(previous) in _TO_HEADS
            and index + 1 < len(tokens)
            and tokens[index + 1].text[:1].isupper()
            and not tokens[index + 1].broken
        )
        named_head = word in _NAMED_HEADS and current and previous[:1].isupper()
        following = tokens[index + 1].text if index + 1 < len(tokens) and not tokens[index + 1].broken else ""
        if (
            sentence_case
            and (
                word in _NOT_IN_SENTENCE_CASE
                or "/" in previous
                or (
                    word in _ROMANCE_AND
                    and following[:1].isupper()  # not "Coordination des mouvements et forces patriotiques"
                    and fold(following) in _SENTENCE_CASE_HEADS
                    and any(_LOWER_WORD.fullmatch(t.text) and t.text not in CONNECTORS for t in current)
                )
                or (
                    word[:1].isupper()
                    and not word.isupper()
                    and _LOWER_WORD.fullmatch(previous)
                    and previous not in CONNECTORS
                    and previous not in _ROMANCE_ARTICLES
                    and previous not in LOWER_HEADS
                )
            )
        ):
            # The name in sentence case ends: at an English word ("... républicaines and the
            # Government"), at a slash that joins another name, at "et" before another such name,
            # and at a capital after an adjective ("Union pour le progrès national Express
            # reservations"; a capital comes after an article or a preposition, "de la Centrafrique",
            # "pour une Entente Nationale", or a noun, "Union des forces Républicaines").
            flush()
            if word in _ROMANCE_AND:
                continue
        if (
            len(current) >= 3
            and len(word) >= 3
            and word.isupper()
            and word.isalpha()
            and word.lower() not in CONNECTORS
            and previous[:1].isupper()
            and not previous.isupper()
            and (fold(following) in _SENTENCE_CASE_HEADS or _HEAD.fullmatch(following))
            and not any(fold(t.text) in OFFICE_WORDS for t in current)  # "Chief Political Consultant NDFP Panel"
        ):
            # "CSTC Confédération Syndicale des Travailleurs Centrafricains ELAN Effort Libéral en
            # Afrique": a glossary's next entry, its acronym first.
            flush()
        lower = bool(_LOWER_WORD.fullmatch(word)) and word not in _NOT_IN_SENTENCE_CASE
        if (
            lower
            and (
                sentence_case
                or (
                    fold(previous) in _SENTENCE_CASE_HEADS
                    # "Mouvement arabe de l'Azawad": an adjective, known as one by what follows it; the
                    # head may come after an office ("Secretary-General Mouvement arabe de l'Azawad").
                    and all(fold(t.text) in OFFICE_WORDS for t in current[:-1])
                    and (_ROMANCE_WORD.fullmatch(word) or following.lower() in _ROMANCE_SMALL)
                )
            )
        ):
            # "Front populaire pour la ...": a lower-case word of a name written in sentence case.
            sentence_case = True
            current.append(token)
            continue
        if (
            _is_namey(word)
            or (word.lower() in CONNECTORS and current)
            or (word in LOWER_HEADS and current)
            or named_head
            or body_to
        ):
            current.append(token)
        else:
            flush()
    flush()
    return found


_TO_HEADS = frozenset(fold(w) for w in word_list("Mission Committee Commission Movement Initiative Campaign"))


def _text(words: list[_Token], source: str) -> str:
    return source[words[0].start : words[-1].end] if words else ""


# --- kinds -------------------------------------------------------------------------------------------------


@lru_cache(maxsize=50_000)
def kind_of(name: str, column: str = "Part") -> str:
    """The kind of actor a name says it is (R6), from its head words."""
    if _GOVERNMENT_WORD.search(name):
        return ActorKind.OTHER if _SUBNATIONAL.search(name) else ActorKind.GOVERNMENT
    if _NATIONAL_ORGAN.search(name) and names_country(name):
        return ActorKind.GOVERNMENT
    for pattern, kind in _KIND_PATTERNS:
        if pattern.search(plain(name)):
            return kind
    return ActorKind.ARMED_GROUP if column == "Part" else ActorKind.ORGANISATION


@lru_cache(maxsize=50_000)
def names_country(name: str) -> str:
    """The country a name holds by name or nationality adjective, or ""."""
    folded = f" {fold(name)} "
    for adjective, code in gazetteer.demonyms().items():
        if f" {adjective} " in folded:
            return code
    words = folded.split()
    for size in range(min(6, len(words)), 0, -1):
        for i in range(len(words) - size + 1):
            found = gazetteer.state_names().get(" ".join(words[i : i + size]))
            if found:
                return found
    return ""


def short_name(code: str) -> str:
    """A country's short English name, for aliases ("Russia" for "Russian Federation")."""
    return gazetteer.country_short_name(code).removeprefix("the ")


# --- names read whole -------------------------------------------------------------------------------------


_STATE_NOUNS = frozenset(
    fold(w) for w in word_list("Republic Kingdom State Emirate Sultanate Principality République Republica República")
)


@lru_cache(maxsize=50_000)
def state_of(name: str) -> str | None:
    """The ISO alpha-2 code ("" if none today) when ``name`` is a state as itself:
    "Kingdom of Norway", "the Russian Federation", "Hellenic Greece"; else None."""
    folded = fold(re.sub(r"^(?:the|la|le)\s+|^l['’]", "", name, flags=re.I))  # "la République ..."
    table = gazetteer.state_names()
    if folded in table:
        return table[folded]
    words = folded.split()
    for i in range(len(words) - 1, 0, -1):
        # "Azerbaijan Republic": a country, then words of a state's form.
        if " ".join(words[:i]) in table and all(w in gazetteer.STATE_FORM_WORDS for w in words[i:]):
            return table[" ".join(words[:i])]
    # "Somali Republic", "Azerbaijani Republic", "République Gabonaise": a nationality adjective
    # and words of a state's form.
    adjectives = [w for w in words if w not in gazetteer.STATE_FORM_WORDS and w not in {"of", "the", "de", "la"}]
    if len(adjectives) == 1 and len(words) > 1 and (words[-1] in _STATE_NOUNS or words[0] in _STATE_NOUNS):
        code = gazetteer.demonyms().get(adjectives[0])
        if code:
            return code
    for i in range(1, len(words)):
        head, rest = words[:i], words[i:]
        if rest and rest[0] in {"of", "de", "du", "del"}:
            rest = rest[1:]
        if rest and rest[0] in {"the", "la", "le", "l"}:
            rest = rest[1:]
        if all(w in gazetteer.STATE_FORM_WORDS for w in head) and " ".join(rest) in table:
            return table[" ".join(rest)]
    return None


def _office_kind(office: str) -> str:
    """Which office is nearest the name decides: "Representative of the President of X" is the
    president's, so a government; "Ambassador of X" is the state's."""
    government = max((m.end() for m in GOVERNMENT_OFFICE.finditer(office)), default=-1)
    state = max((m.end() for m in _STATE_OFFICE.finditer(office)), default=-1)
    return ActorKind.GOVERNMENT if government > state else ActorKind.STATE


def state_mention(name: str, code: str, office: str) -> Mention:
    """A state named as itself, or its government when reached through its head or minister.

    A state is named by its short name ("Norway"), the cell's wording ("Kingdom of Norway")
    kept as an alias, so a state is one actor however a cell spells it.
    """
    name = re.sub(r"^the\s+", "", name, flags=re.I)
    short = short_name(code) if code else name
    if office and _office_kind(office) == ActorKind.GOVERNMENT:
        # A head of state, minister or delegation acts for the government (R6), one name per government.
        gov = gazetteer.government_name(code) if code else f"Government of {name}"
        return Mention(gov, ActorKind.GOVERNMENT, code, [name, short], office=office, state_like=True, strength=2)
    # One name per state, however the cell writes it: "Russian Federation" and "Russia" are one
    # actor, named as the gazetteer names it, the cell's wording kept as an alias.
    aliases = [name] if fold(short) != fold(name) else []
    return Mention(short, ActorKind.STATE, code, aliases, office=office, state_like=True, strength=2)


# The name of a document or a part of one, never an actor's (R1): "Dayton Agreement on Implementing
# the Federation ...", "Agreed Principles for the Interim Statute ...", "Definition of the Territory".
_DOCUMENT_NAME = re.compile(
    r"^(?:(?!(?:of|de|for|on|to|in|the|and|pour|para)\b)[\w'’-]+\s+){0,3}?(?:agreements?|accords?|declarations?|protocols?|annex(?:es)?|principles|statutes?|"
    r"criteria|definition|memorand(?:um|a)|communiqu[ée]s?|constitution|treat(?:y|ies)|resolutions?)"
    r"(?:\s+(?:on|of|for|to|concerning|between)\b|\s+[-–]\s|$)",
    re.I,
)


def is_document_name(text: str) -> bool:
    """ "Dayton Agreement on Implementing the Federation ...", "Joint Declaration of 16 September
    1993", "To the signed Annex to ...": the name of a document or a part of one."""
    if re.search(r"witness|observ|guarant|mediat|facilitat|signed\s+by|signator|represent|parties", text, re.I):
        return False  # "... Gaza-Jericho Agmt which was 'Witnessed By'": a heading, roles and all
    return _DOCUMENT_NAME.match(re.sub(r"^(?:to|for)\s+the\s+", "", text.strip(), flags=re.I)) is not None


def read_name(name: str, ctx: Context, office: str = "", *, generic: bool = False) -> Mention | None:
    """The actor ``name`` names on its own (the whole of it), known names first.

    The answer depends on nothing but the arguments and the context's country, column and
    ``known`` lookup, and, when the cell defined acronyms, on those; so with a ``memo`` (one per
    read of a release) a name read before in a cell with no acronyms of its own is not read
    again (about two calls in three over PA-X v9). Each caller gets a copy of its own.
    """
    if ctx.memo is None or ctx.acronyms:
        return _read_name(name, ctx, office, generic=generic)
    key = (name, ctx.country, ctx.country_name, ctx.column, ctx.known, office, generic)
    if key not in ctx.memo:
        ctx.memo[key] = _read_name(name, ctx, office, generic=generic)
    found = ctx.memo[key]
    return None if found is None else replace(found, aliases=list(found.aliases))


_JOINERS = frozenset(("and", "et", "y", "&", "the", "and the", "et le", "et la", "y el", "y la"))


def _two_known(mention: Mention, text: str, ctx: Context) -> list[Mention]:
    """``mention`` as the two known actors it runs together, or as it is."""
    if mention.strength > 1 or mention.office or mention.name != text[mention.start : mention.end]:
        return [mention]
    spans = [(m.start(), m.end()) for m in re.finditer(r"\S+", mention.name)]
    if not 2 <= len(spans) <= 12:
        return [mention]
    for i in range(1, len(spans)):
        for j in range(i, min(i + 3, len(spans))):
            joiner = mention.name[spans[i - 1][1] : spans[j][0]].strip().lower()
            if joiner and joiner not in _JOINERS:
                continue
            left, right = mention.name[: spans[i - 1][1]], mention.name[spans[j][0] :]
            if not right[:1].isupper() or not left.split()[-1][:1].isupper():
                continue  # not "Republic | of the Congo": each part must begin and end as a name does
            first, second = read_name(left, ctx), read_name(right, ctx)
            if first is None or second is None or first.strength < 2 or second.strength < 2 or first.office:
                continue
            if second.office or (second.state_like and not first.state_like):
                continue  # "Justice and Equality Movement Sudan": the country says whose movement
            first = replace(first, start=mention.start, end=mention.start + len(left), chunk_end=0)
            second = replace(second, start=mention.start + spans[j][0], end=mention.end, chunk_end=0)
            return [first, second]
    return [mention]


# What a number can be part of the name of: a unit, or a numbered place ("3rd District of Bangui").
_UNIT = re.compile(
    r"\b(?:brigades?|corps|divisions?|battalions?|regiments?|infantry|forces|army|command|zones?|sectors?|"
    r"districts?|arrondissements?|squadrons?|company|companies|fronts?)\b",
    re.I,
)
# Wordings that mean the agreement's own government only when nothing follows them (R4): as a
# prefix, "Government of the Republic of Burundi", "Government Representatives of Uganda" name
# their country themselves. The first only among the signatories.
_OWN_GOVERNMENT_SIGNATORY = frozenset((fold("Government of the Republic"),))
_OWN_GOVERNMENT_WHOLE = frozenset(
    fold(w) for w in ("Government Representatives", "Government Representative", "Government Representation")
)


def _read_name(name: str, ctx: Context, office: str = "", *, generic: bool = False) -> Mention | None:
    """``read_name`` itself, without the memo.

    A bare "Government" is the agreement's own government only where something says so
    ("For the Government", "Head of the Delegation of the Government": ``generic`` or an
    ``office``); on a line of its own it is a heading (R1).
    """
    name = re.sub(r"^(?:the|la|le|el|les|los|las)\s+", "", name.strip(" .,'’-/"), flags=re.I).strip()
    name = re.sub(r"^l['’]\s*", "", name, flags=re.I)
    if (
        (folded := fold(name)) in _OWN_GOVERNMENT_WHOLE
        or (folded in _OWN_GOVERNMENT_SIGNATORY and ctx.column == "Part")
        or (folded in gazetteer.generic_government() and folded not in _BARE_GOVERNMENT)
    ):
        # "Government Delegation": the agreement's own government (R4), before "Delegation" goes;
        # "Government of the Republic", named no further, likewise among the signatories (a third
        # party's may be a neighbour's: "Government of the Republic (Uganda)").
        return _own_government(name, ctx, office)
    name = re.sub(
        r"(?:\s+(?:members?|representatives?|negotiati(?:on|ng)|delegations?|envoys?|delegates))+$",
        "",
        name,
        flags=re.I,
    )
    # "GoN Talks Team", "NDFP Negotiating Panel", "MILF Peace Panel": the actor's team is the actor,
    # where the rest names one (a team's name is read whole otherwise).
    if (team := _TEAM.search(name)) is not None:
        whose = read_name(name[: team.start()], ctx, office, generic=generic)
        if whose is not None:
            # A team of its own is some evidence that an unknown acronym names an actor.
            return replace(whose, aliases=[*whose.aliases, name], strength=max(whose.strength, 1))
    # "Malaita Eagle Force Malaita Eagle Force": a signature table's two columns, flattened.
    words = name.split()
    half = len(words) // 2
    if half >= 2 and len(words) == 2 * half and [fold(w) for w in words[:half]] == [fold(w) for w in words[half:]]:
        name = " ".join(words[:half])
    folded = fold(name)
    if folded in _BARE_GOVERNMENT and (generic or office):
        return _own_government(name, ctx, office)
    if not folded or folded in NOT_ACTORS or len(folded) < 2 or _DOCUMENT_NAME.match(name):
        return None
    if ctx.known is not None and (known := ctx.known(name)) is not None:
        return Mention(known.name, known.kind, known.country, [name] if name != known.name else [], strength=3)
    if folded in gazetteer.generic_government() or gazetteer.government_acronym(name, ctx.country):
        return _own_government(name, ctx, office)
    if folded in ctx.acronyms:
        # An acronym the cell itself spelled out: the cell's own name for the actor.
        defined = ctx.acronyms[folded]
        return Mention(defined.name, defined.kind, defined.country, [name], office=office, strength=2)
    if (code := state_of(name)) is not None:
        return state_mention(name, code, office)
    if (entry := _gazetteer_entry(name, ctx)) is not None:
        return _known_entry(name, entry, entry.country, office)
    if folded in ctx.acronyms:
        defined = ctx.acronyms[folded]
        return Mention(defined.name, defined.kind, defined.country, [name], office=office, strength=2)
    if not _is_acronym(name) and (spelling := gazetteer.misspelt(name)) is not None:
        # "Untied Nations", "Republic of Diijbouti", "Gobiemo Nacional": a known name misspelt is
        # the known actor, named as the known name is (R3), the cell's spelling an alias. A name
        # only spaced or voweled its own way is no misspelling: "Security and Cooperation" and
        # "Nur al-Din al-Zanki Movement" stay as written.
        found = _read_name(spelling.name, ctx, office, generic=generic)
        if found is not None:
            if fold(found.name) == fold(spelling.name) and " " in spelling.name:
                if spelling.variant:
                    found.name, found.aliases = name, [*found.aliases, spelling.name]
                else:
                    found.name = spelling.name  # spelt right, not as the cell spells it
            found.aliases = [*found.aliases, name]
            return found
    if (side := re.match(r"^(?P<who>.+?)\s+side$", name, re.I)) is not None:
        code = names_country(side.group("who"))
        # Negotiating sides are governments, except the breakaway side (R6).
        side_kind = ActorKind.GOVERNMENT if code and code == ctx.country else ActorKind.OTHER
        return Mention(name, side_kind, code or ctx.country, [], office=office, strength=2)
    if re.match(r"(?:ministry|ministère|ministerio|department)\b", name, re.I):
        return None  # an office of a government, read through its "of"
    if _GOVERNMENT_WORD.search(name):
        return _government(name, ctx, office)
    army = re.fullmatch(r"(?:the\s+)?(?P<who>\w+)\s+(?:army|armed forces|police|military)", name, re.I)
    if army and (code := gazetteer.demonyms().get(fold(army.group("who")))):
        # "Syrian Army": the state's army, an organ of its government (R6).
        return Mention(name, ActorKind.GOVERNMENT, code, [], office=office, strength=2)
    if re.fullmatch(r"(?:the\s+)?(?:armed forces|national army|army|police|military)", name, re.I):
        # The armed forces of the agreement's own state are an organ of its government (R6).
        return Mention(name, ActorKind.GOVERNMENT, ctx.country, [], office=office, strength=1)
    if _NATIONAL_ORGAN.search(name) and not DEPARTMENT.match(name):
        code = names_country(name)
        if code or (ctx.country and not re.search(r"\bof\b", name)):
            # "Sovereign Council", "Supreme Soviet of Kyrgyzstan": organs of a state (R6).
            return Mention(
                name, ActorKind.GOVERNMENT, code or ctx.country, [], office=office, strength=2 if code else 1
            )
    if (
        _HEAD.search(name)
        and len(name.split()) >= 2
        and not DEPARTMENT.match(name)
        and _head_placed(name)
        # "Ag Minister for Provincial Administration" is an office, not a body; "United Nations
        # Observer Mission" is a body.
        and not any(
            fold(w) in PERSON_OFFICES and fold(n) not in _BODIES
            for w, n in zip(name.split(), [*name.split()[1:], ""], strict=True)
        )
    ):
        kind = kind_of(name, ctx.column)
        # "ECOWAS Standing Mediation Committee": a body of a known organisation is known by it too.
        parent = gazetteer.organisation_names().get(fold(name.split()[0]))
        parent_names = [name.split()[0], parent.name] if parent is not None else []
        international = kind == ActorKind.ORGANISATION and re.search(
            r"\b(?:international|united nations|african|european|world|regional|global|arab|islamic)\b", name, re.I
        )
        country = "" if international or parent is not None else (names_country(name) or ctx.country)
        return Mention(name, kind, country, parent_names, office=office, strength=1)
    if _is_acronym(name) and (parts := re.split(r"[-–]", name, maxsplit=1)) and len(parts) == 2:
        # "GRP-TWG", "MILF-CCCH": a known actor's acronym, then the acronym of one of its bodies.
        head = read_name(parts[0], ctx, office or parts[1])
        # Two letters after the dash are as often a splinter's own name ("SPLM-IO", "RCD-ML").
        if head is not None and head.strength >= 2 and _is_acronym(parts[1]) and len(parts[1]) >= 3:
            head.aliases = [*head.aliases, name]
            return head
    if _is_acronym(name):
        return Mention(name, kind_of(name, ctx.column), ctx.country, [], office=office, strength=0)
    return None


def _known_units(mentions: list[Mention], text: str, ctx: Context) -> list[Mention]:
    """ "Central General Staff of the FARC-EP", "EMBF of the FARC-EP": a body of another actor
    the gazetteer knows by that whole name (an armed group of its own) is that body, not the
    actor it came from nor a second actor beside it; and a known name written across a dash is
    that one actor, not two."""
    kept: list[Mention] = []
    for mention in mentions:
        previous = kept[-1] if kept else None
        if previous is not None and re.fullmatch(r"\s*[-–]\s*", text[previous.end : mention.start]):
            # "Revolutionary Armed Forces of Colombia - People's Army": one name across its dash.
            joined = re.sub(r"\s*[-–]\s*", " - ", text[previous.start : mention.end])
            entry = _gazetteer_entry(joined, ctx)
            if entry is not None:
                found = _known_entry(joined, entry, entry.country or ctx.country, "")
                found.start, found.end = previous.start, mention.end
                kept[-1] = found
                continue
        # "Estado Mayor Central (EMC or Central General Staff) of the FARC-EP": a bracket between.
        unit = re.search(
            r"(?:(?<=\s)|^)((?:[A-Z][\w'’-]*\s+){1,4})(?:\([^()]{1,80}\)\s+)?of\s+the\s+$", text[: mention.start]
        )
        named = f"{unit.group(1)}of the {text[mention.start : mention.end]}" if unit is not None else ""
        whole = re.sub(r"\s+", " ", named) if mention.strength >= 2 else ""
        entry = _gazetteer_entry(whole, ctx) if whole else None
        if unit is None or entry is None or fold(entry.name) == fold(mention.name):
            kept.append(mention)
            continue
        kept = [m for m in kept if m.end <= unit.start()]
        found = _known_entry(whole, entry, entry.country or ctx.country, "")
        found.start, found.end = unit.start(), mention.end
        kept.append(found)
    return kept


def _gazetteer_entry(name: str, ctx: Context) -> gazetteer.Entry | None:
    """The gazetteer's actor ``name`` names in ``ctx``, if any."""
    national = gazetteer.national_actor(name, ctx.country)
    if national is not None and ctx.country in national.scope and name.isupper():
        # An acronym of this country's own actor before an organisation's: "AUC" in a Colombian
        # agreement is the Autodefensas Unidas de Colombia, not the African Union Commission.
        return national
    return gazetteer.organisation_names().get(fold(name)) or national


def _known_entry(name: str, entry: gazetteer.Entry, country: str, office: str, *, whole: bool = False) -> Mention:
    """A gazetteer actor under one name: its own for an acronym, short form or translation
    ("UN", "Nations Unies" -> "United Nations"), but a full name the cell spells its own way
    is kept as written (R3), the gazetteer's name becoming an alias. ``whole``: an acronym is named
    by the entry's own name, not by the expansion it stands for."""
    if _is_acronym(name):
        # "UN" -> "United Nations"; but "AFC/M23" is not merely "M23", so one acronym does not
        # replace another. An acronym is named by the expansion it stands for: "SPLM" is the
        # Sudan People's Liberation Movement, an alias of the entry "Sudan People's Liberation
        # Movement/Army" (which "SPLM/A" stands for).
        canonical = name if " " not in entry.name else entry.name
        if not whole and " " in entry.name and _initials(entry.name) != _letters(name):
            canonical = next(
                (
                    a
                    for a in entry.aliases
                    if " " in a
                    and _initials(a) == _letters(name)
                    # not "African National Congress" for the one "of South Sudan", nor "World
                    # Food Programme" for the United Nations': the entry's name says more.
                    and not entry.name.casefold().startswith(a.casefold() + " ")
                    and not entry.name.casefold().endswith(" " + a.casefold())
                ),
                canonical,
            )
    else:
        canonical = entry.name if len(name.split()) < 3 else name
    aliases = [a for a in (name, entry.name, *entry.aliases) if fold(a) != fold(canonical)]
    aliases = [a for i, a in enumerate(aliases) if fold(a) not in {fold(b) for b in aliases[:i]}][:6]
    return Mention(canonical, entry.kind, country, aliases, office=office, strength=2)


_NOT_INITIALS = frozenset(word_list("of the and for de del des du la le les el los las et y da do das dos in"))


def _initials(name: str) -> str:
    """ "Sudan People's Liberation Movement/Army" -> "SPLMA": the capitals an acronym of it would take."""
    words = re.findall(r"[^\W\d_][\w'’-]*", name)
    return "".join(w[0].upper() for w in words if w.lower() not in _NOT_INITIALS)


def _letters(acronym: str) -> str:
    return re.sub(r"[^A-Z]", "", acronym.upper())


_BARE_GOVERNMENT = frozenset(fold(w) for w in ("Government", "Gobierno", "Gouvernement", "Governo"))


@lru_cache(maxsize=50_000)
def _is_acronym(word: str) -> bool:
    """ "NAS", "SPLM/A", "M23" are acronyms; "FELIPE", "APPRECIATING" are words in capitals."""
    if not _ACRONYM.match(word) or re.sub(r"[^A-Z]", "", word.upper()) in _NOT_ACRONYMS:
        return False
    letters = re.sub(r"[^A-Za-z]", "", word)
    if re.search(r"[\d/\-]", word):
        # "FARC-EP", "SPLM/A", "AFC/M23" — but not "BUBU-LIKONI-G", a name in capitals.
        parts = [p for p in re.split(r"[/\-]", word) if p]
        return all(len(p) <= 4 or sum(c in "AEIOUaeiou" for c in p) < 2 or re.search(r"\d", p) for p in parts)
    vowels = sum(c in "AEIOUaeiou" for c in letters)
    if re.fullmatch(r"UN[A-Z]{2,6}", word):
        return True  # "UNOMB", "UNOSOM": UN missions and bodies, vowels and all
    return len(letters) <= 4 or (len(letters) <= 7 and vowels < 2)


@lru_cache(maxsize=50_000)
def _head_placed(name: str) -> bool:
    """A head word heads the name: last, or before "of"/"for", or in a French or Spanish name
    ("Front Populaire pour la ..."). "Malual Centre Abeim" is a list of places, not a centre."""
    words = name.split()
    if any(w.lower() in {"de", "du", "des", "la", "le", "pour", "del", "los", "las", "y", "et"} for w in words):
        return True
    if len(words) >= 2 and fold(words[0]) in _SENTENCE_CASE_HEADS and _ROMANCE_WORD.fullmatch(words[1]):
        return True  # "Front populaire ivoirien", "Partido comunista": a name in sentence case
    for match in _HEAD.finditer(name):
        after = name[match.end() :].split()
        if match.end() == len(name) or not after or after[0].lower() in CONNECTORS or after[0] == "to":
            return True
        if re.match(r"\w*\s*[/-]", name[match.end() :]):
            return True  # "Movement/Army", "Third Front /Tamazuj"
        if re.fullmatch(r"\d{1,3}", after[0]):
            return True  # "Farqa 16"
        if state_of(" ".join(after)) is not None:
            return True  # "Tehreek-e-Taliban Pakistan": a head word, then the country it is of
        if _ARABIC_PARTICLE.match(after[0]):
            return True  # "Katā’ib al-Jihād al-Islāmī": an Arabic name puts its head word first
    return False


def _own_government(name: str, ctx: Context, office: str) -> Mention:
    """The agreement's own government, however the cell calls it: one actor (R4)."""
    gov = gazetteer.government_name(ctx.country, ctx.country_name)
    aliases = [name] if fold(name) != fold(gov) else []
    return Mention(gov, ActorKind.GOVERNMENT, ctx.country, aliases, office=office, state_like=True, strength=2)


def _government(name: str, ctx: Context, office: str) -> Mention:
    """ "Government of X", "the X Government", "Gouvernement de la République X"."""
    match = re.search(r"\b(?:of|de|del|du)\s+(?:the\s+|la\s+|l['’]\s*)?(?P<of>.+)$", name, re.I)
    of_state = state_of(match.group("of")) if match else None
    if of_state is None and match and (spelling := gazetteer.misspelt(match.group("of"))) is not None:
        # "Government of El Salvadort", "Government of Republic of Diijbouti": a country's name
        # misspelt names the country (R3), not the agreement's own by default.
        of_state = state_of(spelling.name)
    code = of_state or names_country(name)
    if _SUBNATIONAL.search(name) and of_state is None:
        return Mention(name, ActorKind.OTHER, code or ctx.country, [], office=office, strength=1)
    strength = 2 if of_state is not None or (code and len(name.split()) <= 3) else 1
    if code and (strength == 2 or re.search(r"\b(?:delegation|panel|team|side|party|commission)\b", name, re.I)):
        # A national government is one actor however it is written ("Government of the Republic
        # of Colombia", "Colombian government", "Governmental Delegation of the Republic of
        # Georgia"): "Government of <country>", the cell's wording kept as an alias (R4).
        canonical = gazetteer.government_name(code)
        aliases = [name] if fold(name) != fold(canonical) else []
        return Mention(canonical, ActorKind.GOVERNMENT, code, aliases, office=office, state_like=True, strength=2)
    return Mention(
        name, ActorKind.GOVERNMENT, code or ctx.country, [], office=office, state_like=bool(code), strength=strength
    )


# --- reading a chunk ---------------------------------------------------------------------------------------


def _strip_titles(words: list[_Token]) -> list[_Token]:
    while words:
        if len(words) == 2 and words[0].text == "M.":
            break  # "M. Krajsnik", "M. BOBAN": before a lone surname, an initial, not "Monsieur"
        if [fold(w.text) for w in words[:2]] == ["h", "e"]:
            words = words[2:]  # "H. E."
        elif _is_title(words[0]) or words[0].text in CONNECTORS or words[0].text in {"The", "THE"}:
            words = words[1:]
        else:
            break
    return words


def _is_title(word: _Token) -> bool:
    """A title, not an initial: "H." and "E." are one only together ("H. E.", above), and "U."
    with a full stop is an initial, not the Burmese "U" ("H. Siljadzic", "E. S. Rakhmonov")."""
    folded = fold(word.text)
    if folded in {"h", "e"} or word.text == "U.":
        return False
    return folded in TITLES


def _is_office(word: _Token) -> bool:
    return fold(word.text) in OFFICE_WORDS or fold(word.text.split("-")[0]) in OFFICE_WORDS


_NAME_ADJECTIVES = frozenset(
    fold(w)
    for w in word_list(
        "National Democratic Revolutionary United Popular Patriotic Islamic Socialist Republican Liberal "
        "Independent Federal Union People's Peoples Unity Progressive Transitional Interim Provisional "
        "Supreme Central Regional Local International Joint Civil Military Traditional North South East West "
        "Northern Southern Eastern Western"
    )
)
_NOT_PERSON_WORDS = frozenset(
    fold(w)
    for w in word_list(
        "Agreement Agreements Accord Accords Protocol Framework Declaration Communiqué Communique Memorandum "
        "Treaty Peace Ceasefire Annex Article Chapter Headquarters Office Secretariat Country Countries Track "
        "Platform Mountains Mountain Valley River Plain Plains Region Island Islands Desert Coast List "
        "Chairpersons Chairmen Members Signatories Participants"
    )
)
_ROLE_NOUN = re.compile(r"^(?:co-?)?(?:signator\w*|witness\w*|observers?|guarantors?|mediators?|facilitators?)$", re.I)
_NOT_PERSONS = frozenset(fold(w) for w in word_list("Command Headquarters Staff Secretariat Office Presidency"))
_PROCESS_NOUNS = (
    "peace|talks|negotiations?|process|conflict|agreements?|ceasefire|dialogue|accords?|issue|question|crisis|war|"
    "region|area|border|authorities|officials"
)
# Bodies an office may head: "United Nations Observer Mission in Bougainville" is one name.
_BODIES = frozenset(fold(w) for w in word_list("Mission Office Commission Panel Team Committee Council Force Forces"))


_MONTHS = re.compile(
    r"^(?:jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\.?$|^(?:january|february|march|april|may|june|july|"
    r"august|september|october|november|december|janvier|février|mars|avril|mai|juin|"
    r"juillet|août|septembre|octobre|novembre|décembre|enero|febrero|marzo|abril|mayo|junio|julio|agosto|"
    r"septiembre|octubre|noviembre|diciembre)$",
    re.I,
)


def is_office_text(text: str) -> bool:
    """True for text that starts with an office: "Chairman of the Regional Initiative"."""
    first = text.split()[0] if text.split() else ""
    return fold(first) in PERSON_OFFICES or fold(first.split("-")[-1]) in PERSON_OFFICES


def _looks_like_person(words: list[_Token], titled: bool) -> bool:
    if any(w.text in {"and", "et", "y", "&"} for w in words):
        return False  # "Belgrade and Pristina", "Acholi and Madi": two names, not a person
    # Lower-case particles are not names; capitalised ones ("Abu", "Al-Sharif") and "al-Jolani" are.
    names = [w for w in words if w.text not in CONNECTORS]
    if not names or _NOTE_WORDS.match(names[0].text):
        return False
    if fold(" ".join(w.text for w in words).strip("‘’'\"“” ")) in NOT_ACTORS:
        return False  # "‘The Parties’ shall mean ZANU-PF, ...": a defined term, no one
    if any(re.search(r"\d", w.text) or _MONTHS.match(w.text) for w in names):
        return False  # "Doha on 14 July": a place and a date
    if any(fold(w.text) in gazetteer.STATE_FORM_WORDS and w.text[:1].isupper() and len(w.text) > 4 for w in names):
        return False  # "Bolivarian Republic"
    if any(fold(w.text) in _NAME_ADJECTIVES or fold(w.text) in gazetteer.demonyms() for w in names):
        return False  # "National Chadian Concord": a body's name, not a person's
    if any(fold(w.text) in _NOT_PERSON_WORDS or _ROLE_NOUN.match(w.text) for w in names):
        return False  # "General Framework Agreement for Peace", "COSIGNATORY OF THE PMEZ"
    if any(_is_office(w) for w in names):
        return False
    if any(_HEAD.fullmatch(w.text) for w in names):
        return False
    if len(names) == 1:
        word = names[0].text
        return (
            titled
            and len(word.strip(".")) > 2
            and not _HEAD.fullmatch(word)
            and fold(word) not in NOT_ACTORS
            and fold(word) not in _NOT_PERSONS
        )
    return len(names) <= 7


def _without_articles(words: list[_Token]) -> list[_Token]:
    """``words`` less the articles they start with."""
    while words and words[0].text.lower() in _ARTICLES:
        words = words[1:]
    return words


def _strong(words: list[_Token], source: str, ctx: Context, office: str = "") -> Mention | None:
    if not words:
        return None
    mention = read_name(_text(words, source), ctx, office)
    if mention is not None and mention.strength >= 2:
        if (signed := _known_then_signer(words, source, ctx, office)) is not None:
            return signed
        mention.start, mention.end = words[0].start, words[-1].end
        return mention
    # "COGS SPLM/A": an office acronym, then the known actor's.
    if (
        len(words) > 1
        and _is_acronym(words[-1].text)
        and all(_is_acronym(w.text) or fold(w.text) in _OFFICE_TAIL for w in words[:-1])
    ):
        last = _strong(words[-1:], source, ctx, office or _text(words[:-1], source))
        if last is not None:
            return last
    return None


_MINISTERS = frozenset(fold(w) for w in word_list("Minister Ministre Ministro Ministry Ministère Ministerio Secretary"))


def _portfolio(words: list[_Token], source: str) -> bool:
    """ "Minister of Culture and Tourism of the Federal Democratic Republic of Ethiopia": a
    minister of a state, whose "and" joins the parts of the portfolio, not two actors."""
    if fold(words[0].text) not in _MINISTERS:
        return False
    text = _text(words, source)
    for of in re.finditer(r"\bof\s+(?=(?:the\s+)?[A-Z])", text):
        joined = re.search(r"\band\s+(?P<part>.*)$", text[: of.start()])
        if (
            joined is not None
            and state_of(text[of.end() :]) is not None
            # "and Tourism", not "and Minister of Defence of the Republic of Kenya" (a second office)
            and not re.search(r"\bof\b", joined["part"])
            and not any(fold(word) in OFFICE_WORDS for word in joined["part"].split())
        ):
            return True
    return False


def _join(left: list[_Token], right: list[_Token], words: list[_Token]) -> list[_Token]:
    """Two runs of ``words`` with the words between them."""
    return words[words.index(left[0]) : words.index(right[-1]) + 1]


def _split_and(words: list[_Token], source: str, ctx: Context) -> list[list[_Token]] | None:
    """ "Government of Rwanda and Rwandese Patriotic Front" is two names; "Social Democratic and
    Labour Party" is one. Split where every side reads as an actor or a person."""
    romance = any(w.text in {"de", "des", "du", "la", "le", "del", "pour", "por", "los", "las"} for w in words)
    joins = {"and", "&"} if romance else {"and", "y", "et", "&"}
    # "Coordination des Mouvements et Forces Patriotiques de Résistance" is one French name.
    cuts = [
        i
        for i, w in enumerate(words)
        if w.text.lower() in joins
        and 0 < i < len(words) - 1
        # "Minister for Foreign Affairs and Cooperation of the Republic of Rwanda": one portfolio.
        and not (DEPARTMENT.match(words[i - 1].text) and _DEPARTMENT_START.match(words[i + 1].text))
        # "Authority of Heads of State and Government of ECOWAS": one phrase.
        and not (
            i >= 3
            and fold(_text(words[i - 3 : i], source)) in {"heads of state", "head of state"}
            and fold(words[i + 1].text) == "government"
            and i + 2 < len(words)
            and words[i + 2].text.lower() == "of"  # not "the Head of State and Government Delegation"
        )
    ]
    if not cuts:
        return None
    parts: list[list[_Token]] = []
    last = 0
    for cut in cuts:
        parts.append(words[last:cut])
        last = cut + 1
    parts.append(words[last:])
    if not all(parts):
        return None
    # "United Kingdom of Great Britain and Northern Ireland and the United States of America":
    # parts that together make a known name stay together.
    merged: list[list[_Token]] = []
    for part in parts:
        if merged and _strong(_join(merged[-1], part, words), source, ctx) is not None:
            merged[-1] = _join(merged[-1], part, words)
        else:
            merged.append(part)
    if len(merged) == 1:
        return None
    parts = [_strip_titles(p) for p in merged]
    if not all(parts):
        return None
    if len(parts) >= 2 and all(len(p) >= 2 and _looks_like_person(p, False) for p in parts):
        return parts  # "Lt. Gen. Philippe Morillon and ... Jean-Pierre Thebault": two people
    readable = [read_name(_text(p, source), ctx, generic=_the_government(p, source)) for p in parts]
    for i, part in enumerate(parts):
        if readable[i] is None and _is_office(part[0]):
            readable[i] = next((m for m in _peel(part, source, ctx) if isinstance(m, Mention)), None)
    if all(len(p) == 1 for p in parts):
        return parts  # "CNRT and Falintil", "Fatah and Hamas"
    if not any(r is not None and r.strength >= 1 for r in readable):
        return None
    strongest = max((r.strength for r in readable if r is not None), default=0)
    for i, (part, mention) in enumerate(zip(parts, readable, strict=True)):
        if mention is not None or _is_office(part[0]):
            continue
        # "Chin National Front and the Union- level ...": the article says a second party follows.
        after_the = i > 0 and words[cuts[i - 1] + 1].text == "the"
        if not after_the and (strongest < 2 or not _looks_like_person(part, False)):
            return None  # "Union of Forces for Democracy and Basic Development" is one name
    return parts


_OF = {"of", "de", "du", "des", "del", "for", "to", "pour", "por", "in"}
_OF_ITS = {"of", "de", "du", "des", "del"}


def _the_government(words: list[_Token], source: str) -> bool:
    """ "the Government", "the national government": a generic reference with its article (R4)."""
    return bool(
        words
        and re.fullmatch(r"(?:national\s+)?(?:government|gouvernement|gobierno)", _text(words, source), re.I)
        and re.search(r"\b(?:the|le|el)\s+$", source[: words[0].start], re.I)
    )


_ARTICLES = {"the", "la", "le", "l", "el", "les", "los", "las", "l'", "l’"}


# "Special Representative of the Secretary-General (for Georgia)": the UN's, when no other
# organisation's Secretary-General is named.
_UN_ENVOY = re.compile(
    r"^(?:(?:special|personal|deputy|executive|joint)\s+)*(?:representative|envoy|adviser|advisor)s?\s+of\s+"
    r"(?:the\s+)?(?:UN\s+|United\s+Nations\s+)?secretary[- ]general(?:'s)?(?!\s+of\b)|"
    # "Représentant spécial du Secrétaire général des Nations Unies"
    r"^(?:repr[ée]sentante?|envoy[ée]e?)\s+(?:sp[ée]ciale?\s+|personnel\s+)?du\s+secr[ée]taire[- ]g[ée]n[ée]ral"
    r"(?:\s+des\s+nations\s+unies)?",
    re.I,
)


_REPUBLIC_WORDS = frozenset(("republic", "république", "república"))
_SUMMIT_OF = re.compile(
    r"\b(?:authority|assembly|conference|summit)\s+of\s+(?:the\s+)?heads?\s+of\s+state\s+and\s+government\s+"
    r"of\s+(?:the\s+)?",
    re.I,
)
# Words that begin offices ("High Commissioner", "Joint Chief", "State Minister") and bodies alike.
_BODY_ADJECTIVES = frozenset(("high", "joint", "presidential", "state", "supreme"))


def _peel(words: list[_Token], source: str, ctx: Context) -> list[Mention | Person | str]:
    """An office first: "President of the Republic of Uganda" -> Uganda, via "President of"."""
    text = _text(words, source)
    if _UN_ENVOY.match(text):
        un = gazetteer.organisation_names()[fold("United Nations")]
        envoy_of = Mention(un.name, un.kind, "", ["UN"], office=text, strength=2)
        envoy_of.start, envoy_of.end = words[0].start, words[-1].end
        return [envoy_of]
    office_end = 0
    while office_end < len(words) and (_is_office(words[office_end]) or fold(words[office_end].text) in TITLES):
        office_end += 1
    # "Deputy President Zuma Facilitator of ...": a name between offices is the holder.
    holder = []
    j = office_end
    while j < len(words) and words[j].text.lower() not in CONNECTORS and not _is_office(words[j]):
        holder.append(words[j])
        j += 1
    people: list[Mention | Person | str] = []
    if holder and j < len(words) and _is_office(words[j]) and _looks_like_person(holder, True):
        people = [Person(_text(holder, source), holder[0].start, holder[-1].end)]
    elif 0 < office_end < len(words) and words[office_end].text[:1].isupper():
        # "Ambassador M. Bah African Union Interim Commission ...": the holder, then the actor.
        stop = next((k for k in range(office_end, len(words)) if words[k].text in CONNECTORS), len(words))
        for k in range(stop, office_end + 1, -1):
            if not _looks_like_person(words[office_end:k], False):
                continue
            rest = words[k:]
            while rest and rest[0].text.lower() in CONNECTORS:
                rest = rest[1:]
            tail = _read_words(rest, source, ctx, office=_text(words[:office_end], source))
            # "Salva Kiir Mayardit and the Mediation team": a weak name must not swallow the holder.
            if tail is not None and (tail.strength >= 2 or (tail.strength == 1 and " and " not in tail.name)):
                person = Person(_text(words[office_end:k], source), words[office_end].start, words[k - 1].end)
                return [person, tail]
    # "Representative World Council of Churches": the office runs straight into the name.
    if 0 < office_end < len(words) and words[office_end].text.lower() not in CONNECTORS and not people:
        mention = _read_words(words[office_end:], source, ctx, office=_text(words[:office_end], source))
        if mention is not None and mention.strength == 0 and len(words) - office_end == 1:
            mention.strength = 1  # "Acting General Secretary CPN": the acronym the office is of
        if (
            mention is not None
            and office_end == 1
            and fold(words[0].text) in _BODY_ADJECTIVES
            and mention.strength == 1
            and not mention.state_like
            and mention.name.startswith(words[1].text)
        ):
            # "High Council of State", "Joint Meeting Parties", "Presidential Mediation Council":
            # the adjective that begins an office's name ("High Commissioner") begins this body's.
            mention = replace(mention, name=f"{words[0].text} {mention.name}", office="", start=words[0].start)
            mention.aliases = list(mention.aliases)
        if mention is not None and mention.strength >= 1:
            return [mention]
    # "... for the Incumbent TGoNU": who the office holder signs for, when a known name follows "for".
    for i in range(len(words) - 1, 0, -1):
        if words[i].text.lower() == "for":
            rest = words[i + 1 :]
            while rest and rest[0].text.lower() in _ARTICLES:
                rest = rest[1:]
            for k in range(len(rest)):
                tail = _read_words(rest[k:], source, ctx, office=_text(words[: i + 1], source))
                if tail is not None and tail.strength >= 2 and not tail.state_like:
                    return [*people, tail]
    for i, word in enumerate(words):
        if i == 0 or word.text.lower() not in _OF:
            continue
        rest = words[i + 1 :]
        while rest and rest[0].text.lower() in _ARTICLES:
            rest = rest[1:]
        # An office held inside the rest ("of the Republic Commander-in-Chief of ..."): read up to it.
        cut = next((k for k, w in enumerate(rest) if k > 0 and fold(w.text) in PERSON_OFFICES), None)
        if cut is not None:
            rest = rest[:cut]
        if not rest or (_is_office(rest[0]) and not _strong(rest, source, ctx)):
            continue
        if _SUB_BODY.match(_text(rest, source)) or (
            (
                _DEPARTMENT_START.match(rest[0].text)
                or (fold(rest[0].text) == "national" and len(rest) > 1 and _DEPARTMENT_START.match(rest[1].text))
                or (
                    fold(rest[0].text) == "international"
                    and len(rest) > 1
                    and re.fullmatch(r"co-?op[ée]ration|relations|trade", rest[1].text, re.I)
                )
            )
            and _strong(rest, source, ctx) is None
        ):
            # "Minister of (National) Defense of the Russian Federation", "Minister for International
            # Cooperation of the Republic of the Sudan": read on to the state; but
            # "Executive Secretary of the Economic Community of West African States" is ECOWAS's.
            continue
        office = _text(words[: i + 1], source)
        if (
            rest[0].text.lower() in _REPUBLIC_WORDS
            and not any(w.text.lower() in {"of", "de", "du", "del", "d'", "d’"} for w in rest[1:])
            and state_of(_text(rest, source)) is None  # "République Algérienne Démocratique et Populaire"
        ):
            # "President of the Republic": the agreement's own government (R4).
            return [*people, _own_government(_text(words[: i + len(rest) + 2], source), ctx, office)]
        mention = _read_words(rest, source, ctx, office=office)
        if mention is not None and mention.strength == 0 and len(rest) == 1 and word.text.lower() in _OF_ITS:
            mention.strength = (
                1  # "Chairman and C-in-C of EDF", "Secrétaire Général du KNK": the acronym the office is of
            )
        formal = fold(rest[0].text) in gazetteer.STATE_FORM_WORDS or rest[0].text.lower() == "government"
        if mention is not None and mention.state_like and word.text.lower() in {"for", "to", "in"} and not formal:
            continue  # "Special Envoy for Somalia": the state the office is about, not for
        if mention is not None and mention.strength >= 1:
            return [*people, mention]
        # "Prefect of Vakaga", "Mayor of Birao": a local office is the actor (R6).
        local = [w for w in words[:i] if fold(w.text) in _LOCAL_OFFICE]
        place = []
        for w in rest:
            if w.text.lower() in CONNECTORS:
                break
            place.append(w)
        if local and 1 <= len(place) <= 2 and all(w.text[:1].isupper() for w in place) and word.text.lower() == "of":
            name = f"{local[-1].text} of {_text(place, source)}"
            local_mention = Mention(
                name, ActorKind.OTHER, ctx.country, [], place[0].start, place[-1].end, office, strength=1
            )
            return [*people, local_mention]
    if (whole := _strong(words, source, ctx)) is not None:
        return [whole]
    if (last := _strong(words[-1:], source, ctx, _text(words[:-1], source))) is not None and _is_acronym(
        words[-1].text
    ):
        return [*people, last]  # "Deputy Chairman and COGS SPLM/A"
    if holder and j == len(words) and len(holder) <= 3 and not people and _looks_like_person(holder, True):
        # "Ambassador Bah", "Deputy President Zuma": an office and its holder's name.
        return [Person(_text(holder, source), holder[0].start, holder[-1].end), _text(words[:office_end], source)]
    return [*people, _text(words, source)]


def _read_words(words: list[_Token], source: str, ctx: Context, office: str = "") -> Mention | None:
    """The actor a run of words (not starting with an office) names."""
    if not words:
        return None
    # "GRP Panel Chairman", "NAS Head of Delegation", "UN Secretary-General": an acronym, then office words.
    first = words[0]
    if (
        len(words) > 1
        and _ACRONYM.match(first.text)
        and all(fold(w.text) in _OFFICE_TAIL or w.text.lower() in CONNECTORS or _is_acronym(w.text) for w in words[1:])
    ):
        head = read_name(first.text, ctx, office or _text(words[1:], source))
        # "GRP CCCH" (a unit of a known actor) but not "OUTS ALI" (a name in capitals).
        units_only = all(fold(w.text) in _OFFICE_TAIL or w.text.lower() in CONNECTORS for w in words[1:])
        if head is not None and (units_only or head.strength >= 2):
            head.start, head.end = first.start, first.end
            head.strength = max(head.strength, 1)
            return head
    mention = read_name(_text(words, source), ctx, office)
    if mention is not None and mention.strength >= 2:
        if (signed := _known_then_signer(words, source, ctx, office)) is not None:
            return signed
        mention.start, mention.end = words[0].start, words[-1].end
        return mention
    # "COGS SPLM/A": an office acronym, then the known actor's.
    if (
        len(words) > 1
        and _is_acronym(words[-1].text)
        and all(_is_acronym(w.text) or fold(w.text) in _OFFICE_TAIL for w in words[:-1])
    ):
        last = _strong(words[-1:], source, ctx, office or _text(words[:-1], source))
        if last is not None:
            return last
    # A known name followed by a person or a qualifier: "Government of Georgia I. Menagarishvili",
    # "UN for Somalia", "African Union Interim Commission Representation in Burundi".
    for j in range(len(words) - 1, 0, -1):
        if fold(_text(words[:j], source)) in gazetteer.generic_government() and words[j].text.lower() == "of":
            continue  # "Presidency of the European Union" is not the government's presidency
        head = _strong(words[:j], source, ctx, office)
        if head is not None and j == 1 and head.kind == ActorKind.STATE and _looks_like_person(words[1:], False):
            continue  # "Nigeria Rentería Lozano": a person whose first name is a country
        if head is not None:
            tail = words[j:]
            # "Taliban Political Office": the office of a party is the party; "United Nations
            # Observer Mission in Bougainville" is a body of its own.
            party_office = head.kind != ActorKind.ORGANISATION and all(fold(w.text) in _OFFICE_TAIL for w in tail)
            if (
                tail[0].text.lower() in CONNECTORS
                or party_office
                or (_is_office(tail[0]) and not any(fold(w.text) in _BODIES for w in tail))
                or _looks_like_person(tail, False)
                or re.fullmatch(r"(?:[A-Z]\.)+", tail[0].text)
            ):
                return head
    # "Corriente de Renovación Socialista GABRIEL BORIA JACINTO": a name, then its signer in capitals.
    caps = len(words)
    while caps > 0 and words[caps - 1].text.isupper() and len(words[caps - 1].text) > 1:
        caps -= 1
    if 1 < caps < len(words) - 1 and any(w.text[1:].islower() for w in words[:caps]):
        head = read_name(_text(words[:caps], source), ctx, office)
        if head is not None and head.strength >= 1:
            head.start, head.end = words[0].start, words[caps - 1].end
            return head
    if mention is not None and (mention.strength >= 1 or len(words) == 1):
        mention.start, mention.end = words[0].start, words[-1].end
        return mention
    return None


def _known_then_signer(words: list[_Token], source: str, ctx: Context, office: str) -> Mention | None:
    """ "Presidency of the Republic of Bosnia and Herzegovina ALIJA IZETBEGOVIC": a name read whole
    only because its start is an organ of a state; the known name, without the signer after it."""
    for j in range(len(words) - 2, 0, -1):
        tail = words[j:]
        if (
            fold(words[j - 1].text) in CONNECTORS
            or any(w.text.lower() in CONNECTORS or not w.text[:1].isupper() for w in tail)
            or any(fold(w.text) in _NOT_PERSON_WORDS or fold(w.text) in _BODIES | _NOT_PERSONS for w in tail)
            or not _looks_like_person(tail, False)
        ):
            continue
        head = _strong(words[:j], source, ctx, office)
        if head is not None and head.strength >= 2 and fold(head.name) != fold(_text(words, source)):
            return head
    return None


def _is_office_word(text: str) -> bool:
    """ "Ex-President": the office after the prefix."""
    return fold(text.split("-", 1)[1]) in OFFICE_WORDS


def _former_office(words: list[_Token], source: str) -> list[Mention | Person | str] | None:
    """ "Georges Chikoti Former Foreign Affairs Minister Republic of Angola", "former President of
    the Republic of South Africa": an office once held of a state represents no one now (R5); the
    person who held it, if named first, and the office."""
    at = next((i for i, w in enumerate(words[:-1]) if fold(w.text) in {"former", "ex"}), None)
    joined = next(
        (i for i, w in enumerate(words) if re.match(r"(?i:ex|former)-(?=\w)", w.text) and _is_office_word(w.text)),
        None,
    )
    if joined is not None and (at is None or joined < at):
        at, office_start = joined, joined + 1  # "Ex-President of the Republic of Tanzania"
    elif at is None and re.search(r"\b(?:former|ex)[\s-]+$", source[: words[0].start], re.I):
        at, office_start = -1, 0  # "former" in lower case, before the chunk
    elif at is not None:
        office_start = at + 1
    else:
        return None
    if joined != at and (
        office_start >= len(words)
        or not (_is_office(words[office_start]) or _DEPARTMENT_START.match(words[office_start].text))
    ):
        return None  # "former Yugoslav Republic of Macedonia": no office follows
    rest = words[office_start:]
    while rest and (_is_office(rest[0]) or _DEPARTMENT_START.match(rest[0].text) or rest[0].text.lower() == "and"):
        rest = rest[1:]
    while rest and rest[0].text.lower() in {"of", "the", "de", "la", "du", "del"}:
        rest = rest[1:]
    own_republic = len(rest) == 1 and rest[0].text.lower() in _REPUBLIC_WORDS
    if rest and not own_republic and state_of(_text(rest, source)) is None:
        return None  # "Former President Joaquim Chissano": the holder's name follows
    items: list[Mention | Person | str] = []
    holder = _strip_titles(words[: max(at, 0)])
    if holder:
        if not _looks_like_person(holder, len(holder) < at):
            return None
        items.append(Person(_text(holder, source), holder[0].start, holder[-1].end))
    items.append(_text(words[max(at, 0) :], source))
    return items


# "V. Goguadze", "I.H.Aliyez", "N.V. Pashinyan": initials, then a surname, closing a chunk.
INITIALLED = re.compile(r"(?<!\S)(?:[A-Z]\.\s?){1,3}(?:[A-Z][a-z’'-]{2,}|[A-Z][A-Z’'-]{2,})(?:-[A-Z][a-z’'-]+)?(?!\S)")


def _then_initialled_signer(words: list[_Token], source: str, ctx: Context) -> list[Mention | Person | str] | None:
    """ "President of the Republic of Azerbaijan I. H. Aliyev", "Russian Federation A. Kozirev": a
    known actor, then its signer by initials and surname, with nothing between them."""
    tail = INITIALLED.search(source, words[0].start, words[-1].end)
    if tail is None or tail.end() != words[-1].end:
        return None
    before = source[: words[0].start]
    if re.search(r"\b(?:of|de|du|des|to)\s+(?:the\s+)?$", before, re.I):
        return None  # "Commander of the CPKF of the CIS S. Korobko": the CIS qualifies the name before
    k = next((k for k, word in enumerate(words) if word.start >= tail.start()), 0)
    if k == 0 or words[k].start != tail.start() or _is_office(words[-1]) or fold(words[-1].text) in TITLES:
        return None  # not "the United States of America U.S. Ambassador"
    head = read_chunk(words[:k], source, ctx)
    if len(head) != 1 or not isinstance(head[0], Mention) or head[0].strength < 2:
        return None
    mention = head[0]
    if (
        k == 1
        and not mention.office
        and not re.search(r"\b(?:behalf\s+of|for|pour|por|par)\s+(?:the\s+|la\s+|le\s+|el\s+)?$", before, re.I)
    ):
        # "Israel J. Katz", "Jordan K. Ryan", "Chad M. Smith": a one-word state that is also a first
        # name signs for no one unless the line says whom it is for.
        return None
    if not mention.end:
        mention.start, mention.end = words[0].start, words[k - 1].end
    return [mention, Person(_text(words[k:], source), words[k].start, words[-1].end)]


def _summit(words: list[_Token], source: str, ctx: Context) -> Mention | None:
    """ "(Chairman of) the Authority of Heads of State and Government of ECOWAS": the organisation
    whose summit it is, reached through that office."""
    text = _text(words, source)
    if (summit := _SUMMIT_OF.search(text)) is None:
        return None
    before = [w for w in words if w.end <= words[0].start + summit.start()]
    if any(not (_is_office(w) or fold(w.text) in TITLES or w.text.lower() in CONNECTORS) for w in before):
        return None  # a name before the office: not the office alone
    body = [w for w in words if w.start >= words[0].start + summit.end()]
    mention = _strong(body, source, ctx) if body else None
    if mention is None:
        return None
    mention = replace(mention, office=text[: summit.end()].strip())
    mention.start, mention.end = body[0].start, words[-1].end  # the office before it is its signer's
    return mention


def read_chunk(words: list[_Token], source: str, ctx: Context) -> list[Mention | Person | str]:
    """What one chunk holds: actors, people, and offices that name no actor (as text)."""
    # "Thanking MINUSCA", "Signed Hassan ...": a sentence's first word is no part of a name.
    while len(words) > 1 and _NOTE_WORDS.match(words[0].text) and words[0].text[:1].isupper():
        words = words[1:]
    bare = _strip_titles(words)
    titled = len(bare) < len(words)
    if not bare:
        return []
    if (signed := _then_initialled_signer(words, source, ctx)) is not None:
        return signed
    if (summit := _summit(words, source, ctx)) is not None:
        return [summit]
    if (former := _former_office(words, source)) is not None:
        return former
    see = re.fullmatch(
        r"(?i:(arch)?bishop\s+of\s+(?:the\s+)?)([A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)", _text(words, source)
    )
    if see is not None and state_of(see.group(2)) is None and not re.search(r"church", see.group(2), re.I):
        # "Archbishop of Beira": the archdiocese he speaks for, not a person called Beira.
        name = f"{'Archdiocese' if see.group(1) else 'Diocese'} of {see.group(2)}"
        diocese = Mention(name, ActorKind.ORGANISATION, ctx.country, [_text(words, source)], strength=2)
        diocese.start, diocese.end = words[0].start, words[-1].end
        return [diocese]
    both = re.fullmatch(r"(\w+)\s+(?:and|&)\s+(\w+)\s+governments", _text(bare, source), re.I)
    if both is not None and all(fold(d) in gazetteer.demonyms() for d in both.groups()):
        # "British and Irish Governments": two governments.
        pair = [read_name(f"{demonym} Government", ctx) for demonym in both.groups()]
        if all(m is not None for m in pair):
            return [m for m in pair if m is not None]
    if _the_government(bare, source) and (own := read_name("Government", ctx, generic=True)):
        # "The government and the CNDP": with its article, the agreement's own government (R4).
        own.start, own.end = words[0].start, words[-1].end
        return [own]
    # "General People's Congress", "General Command": "General" is part of the name here.
    whole = read_name(_text(words, source), ctx) if titled and fold(words[0].text) == "general" else None
    if whole is not None and whole.strength >= 1:
        whole.start, whole.end = words[0].start, words[-1].end
        return [whole]
    # "Rezeigat communities of El Nawaiba of Western Grazing Route": a lower-case head ends the
    # name unless one place follows ("Peulh communities of Niger").
    head_at = next((i for i, w in enumerate(bare) if i > 0 and w.text in LOWER_HEADS), None)
    if (
        head_at is not None
        and head_at + 1 < len(bare)
        and bare[head_at + 1].text == "of"
        and len(bare) - head_at > 3
        # "Head of the delegation of the Government of the Republic of Tajikistan", "Head of
        # delegation of the United Tajik opposition", "T. NAZAROV Head of the delegation of the
        # Republic of Tajikistan": after an office, a name after the head is whose delegation it is.
        and not (
            any(_is_office(w) for w in bare[:head_at])
            and _without_articles(bare[head_at + 2 :])[:1]
            and _without_articles(bare[head_at + 2 :])[0].text[:1].isupper()
        )
    ):
        bare = bare[: head_at + 1]
    strong = _strong(bare, source, ctx)
    # An office in front reads on ("Chairman of the Council of ..."), unless the whole is a state
    # or an organisation by name ("State of Qatar", "Special Court for Sierra Leone").
    if strong is not None and (
        not _is_office(bare[0]) or state_of(_text(bare, source)) is not None or strong.kind == ActorKind.ORGANISATION
    ):
        return [strong]
    if not _portfolio(bare, source) and (parts := _split_and(bare, source, ctx)) is not None:
        items: list[Mention | Person | str] = []
        for part in parts:
            for item in read_chunk(part, source, ctx):
                if isinstance(item, Mention):
                    item.chunk_end = part[-1].end
                items.append(item)
        return items
    if _is_office(bare[0]):
        return _peel(bare, source, ctx)
    # "UNPROFOR Force Commander", "GRP Panel Chairman": a known acronym, then an office it holds.
    if (
        len(bare) >= 2
        and _ACRONYM.match(bare[0].text)
        and fold(bare[-1].text) in PERSON_OFFICES
        and (known := _strong(bare[:1], source, ctx, _text(bare[1:], source))) is not None
    ):
        return [known]
    # "ACR Head of Delegation"
    if (
        _ACRONYM.match(bare[0].text)
        and (mention := _read_words(bare, source, ctx)) is not None
        and mention.end == bare[0].end
    ):
        return [mention]
    # A person and their office: "Jacob Zuma Deputy-President of the Republic of South Africa".
    k = next((i for i, w in enumerate(bare) if i > 0 and fold(w.text.split("-")[-1]) in PERSON_OFFICES), None)
    if k is not None and not _strong(bare[:k], source, ctx):
        head, tail = bare[:k], bare[k:]
        if [fold(w.text) for w in head] == ["former"]:
            return [_text(bare, source)]  # "Former President of Afghanistan" represents no one now (R5)
        while head and _is_office(head[-1]):
            head = head[:-1]
        if len(head) >= 3 and (known := _strong(head[-1:], source, ctx, _text(tail, source))) is not None:
            # "Heidi Tagliavini OSCE Ambassador": a person, their organisation, their office.
            return [Person(_text(head[:-1], source), head[0].start, head[-2].end), known]
        demonym = gazetteer.demonyms().get(fold(head[-1].text)) if len(head) >= 3 else None
        if demonym and _looks_like_person(head[:-1], titled):
            # "Dato' Kamarudin Bin Mustafa Malaysian Facilitator": a person, then their state's office.
            mention = state_mention(short_name(demonym), demonym, _text(bare[len(head) - 1 :], source))
            mention.start, mention.end = head[-1].start, head[-1].end
            return [Person(_text(head[:-1], source), head[0].start, head[-2].end), mention]
        code = state_of(_text(head, source)) if head else None
        state_name = _text(head, source)
        if code is None and len(head) == 1 and (code := gazetteer.demonyms().get(fold(head[0].text))):
            state_name = short_name(code)  # "Malaysian Facilitator": Malaysia
        if code:
            # "Indian Foreign Secretary", "Pakistan Foreign Secretary": the state's government (R6).
            mention = state_mention(state_name, code, _text(bare[len(head) :], source))
            mention.start, mention.end = head[0].start, head[-1].end
            return [mention]
        peeled = [item for item in _peel(tail, source, ctx) if isinstance(item, Mention)]
        person = (
            [Person(_text(head, source), head[0].start, head[-1].end)]
            if head and _looks_like_person(head, titled)
            else []
        )
        if peeled:
            return [*person, *peeled]
        if person:
            return [*person, _text(tail, source)]
    # "Anyat Dut Diing of Malual Centre": a person of a place.
    of = next((i for i, w in enumerate(bare) if w.text == "of"), None)
    if of is not None and of >= 2 and _looks_like_person(bare[:of], titled):
        after = read_name(_text(bare[of + 1 :], source), ctx)
        if after is None or after.strength < 2:
            return [Person(_text(bare[:of], source), bare[0].start, bare[of - 1].end)]
    # "Patricia Esquenazi Marín Republic of Chile": a person, then a known actor.
    for j in range(2, len(bare)):
        if bare[j - 1].text in CONNECTORS:
            continue
        rest = bare[j:]
        while rest and rest[0].text in CONNECTORS:
            rest = rest[1:]
        if rest and _looks_like_person(bare[:j], titled) and (known := _strong(rest, source, ctx)) is not None:
            return [Person(_text(bare[:j], source), bare[0].start, bare[j - 1].end), known]
    mention = _read_words(bare, source, ctx)
    if mention is not None:
        if titled and mention.strength == 0:
            return []  # "Dr. RJ": initials after a title, not an actor
        before = [w for w in bare if w.end <= mention.start]
        if before and _looks_like_person(before, titled):
            return [Person(_text(before, source), before[0].start, before[-1].end), mention]
        return [mention]
    # A person, then an actor: "M. Bah African Union Interim Commission ...".
    for j in range(1, len(bare)):
        if bare[j - 1].text in CONNECTORS:
            continue
        if _looks_like_person(bare[:j], titled) and (j >= 2 or not titled):
            rest = bare[j:]
            while rest and rest[0].text.lower() in CONNECTORS:
                rest = rest[1:]
            actor = _read_words(rest, source, ctx)
            if actor is not None and actor.strength >= 1:
                return [Person(_text(bare[:j], source), bare[0].start, bare[j - 1].end), actor]
    # A state inside: "Consul General of Sudan in Birao".
    if len(bare) > 1 and any(t.text.lower() in {"of", "in", "for"} for t in bare):
        inner = _inner_state(bare, source)
        if inner is not None:
            return [inner]
    if _looks_like_person(bare, titled):
        return [Person(_text(bare, source), bare[0].start, bare[-1].end)]
    return []


def _inner_state(words: list[_Token], source: str) -> Mention | None:
    for size in range(min(6, len(words)), 0, -1):
        for i in range(len(words) - size + 1):
            part = words[i : i + size]
            if part[0].text.lower() in CONNECTORS or part[-1].text.lower() in CONNECTORS:
                continue
            if i + size < len(words) and words[i + size].text.lower() == "of":
                continue  # "Croatian Republic of Herceg Bosnia": a name goes on after "of"
            code = state_of(_text(part, source))
            if code is not None:
                mention = state_mention(_text(part, source), code, _text(words[:i], source))
                mention.start, mention.end = part[0].start, part[-1].end
                return mention
    return None


# Lower-case words that may follow a state or government named as a party, not as an adjective
# ("the Burundi peace process"): "the GoN Talks Team comprising Seven Political Parties",
# "Libya also participated".
_AFTER_A_PARTY = frozenset(word_list("to as with at or comprising consisting composed including led also"))


def read(text: str, ctx: Context) -> Reading:
    """Every actor, person and office a piece of text names, in order."""
    reading = Reading()
    original, text = text, _protect_commas(text)
    qualified_to = 0  # the end of a bracket read as part of the name before it
    for words in chunks(text):
        if words[0].start < qualified_to:
            continue  # "Nepal Sadbhavana Party (Anandi Devi)": the faction, not who signed
        items = read_chunk(words, text, ctx)
        for item in items:
            if isinstance(item, Mention):
                if not item.end:
                    item.start, item.end = words[0].start, words[-1].end
                if item.name == text[item.start : item.end] != original[item.start : item.end]:
                    item.name = original[item.start : item.end]  # the commas _protect_commas hid
                item.chunk_end = item.chunk_end or max(item.end, words[-1].end)
                qualified_to = max(qualified_to, _qualify(item, text))
                reading.mentions.append(item)
            elif isinstance(item, Person):
                reading.people.append(item)
            else:
                reading.offices.append((words[0].start, words[-1].end, item))
        lone = words[0].text if not items and len(words) == 1 else ""
        if (
            lone[:1].isupper()
            and not _NOTE_WORDS.match(lone)
            and not _is_office(words[0])
            and fold(lone) not in NOT_ACTORS
            and fold(lone) not in TITLES
            and fold(lone.split("-")[0]) not in TITLES
            and lone.upper().replace(".", "") not in _NOT_ACRONYMS
        ):
            reading.words.append((words[0].start, words[0].end, lone))
    reading.mentions = _known_units(reading.mentions, text, ctx)
    # "the people and government of the Republic of South Sudan": that state's government;
    # "the three main parties of Bosnia and Herzegovina": the state only says whose parties.
    kept = []
    for m in reading.mentions:
        before = text[: m.start]
        friends = re.search(r"\b(?:(?:the\s+)?group\s+of\s+)?friends\s+of\s+(?:the\s+)?$", before, re.I)
        if m.state_like and friends is not None:
            # "the Friends of Yemen", "Group of Friends of the Secretary-General": a coalition.
            name = text[friends.start() : m.end]
            m = Mention(name[:1].upper() + name[1:], ActorKind.COALITION, "", [], friends.start(), m.end, strength=2)
        elif m.kind == ActorKind.STATE and re.search(r"\bgovernments?\s+of\s+(?:the\s+)?$", before):
            m = state_mention(m.aliases[-1] if m.aliases else m.name, m.country, "government of")
        elif m.state_like and re.search(
            r"\b(?:parties|people|peoples|citizens|communities|groups|leaders|members|territory|areas?|"
            r"provinces?|regions?|population|inhabitants|factions)\s+of\s+(?:the\s+)?$|"
            r"\b(?:bordering|neighbou?ring|surrounding|adjacent\s+to)\s+(?:on\s+)?(?:the\s+)?$",
            before,
        ):
            continue
        kept.append(m)
    reading.mentions = kept
    # "held a summit in Geneva, Switzerland", "Representation in Burundi": places, not parties.
    reading.mentions = [
        m
        for m in reading.mentions
        if not (
            m.kind == ActorKind.STATE
            and (
                re.search(r"\b(?:in|at)\s+(?:the\s+)?(?:[A-Z][\w'’-]+,?\s+){0,3}$", text[: m.start])
                # "signed in the Palace of Viana in the city of Madrid, Spain": a city, then its country
                or re.search(r"\b(?:in|at)\s+(?:the\s+)?(?:[\w'’-]+\s+){0,5}[A-Z][\w'’-]+,\s*$", text[: m.start])
            )
        )
    ]
    # "met at the United Nations Office at Geneva", "Hosted at the Headquarters of the United Nations
    # Mission in Abyei": where they met, not a party.
    reading.mentions = [
        m
        for m in reading.mentions
        if not re.search(
            r"\b(?:met|meet|meeting|held|hosted|convened|gathered|assembled)\s+(?:[a-z]+\s+){0,2}at\s+(?:the\s+)?$",
            text[: m.start],
            re.I,
        )
    ]
    # "317th Mountain Brigade", "2nd Mechanized Brigade": a unit's number is part of its name.
    for m in reading.mentions:
        ordinal = re.search(r"(?<![\w.])\d{1,4}(?:st|nd|rd|th)\s+$", text[: m.start])
        if (
            ordinal is not None
            and not m.state_like
            and m.strength <= 1
            and m.name == text[m.start : m.end]
            and _UNIT.search(m.name)  # not "Signed on the 5th Peace Council"
        ):
            m.name, m.start = text[ordinal.start() : m.end], ordinal.start()
    # "IGAD African Union", "Republic of the Congo Gabonese Republic": two known names run together
    # and read as one weak name are the two.
    reading.mentions = [part for m in reading.mentions for part in _two_known(m, text, ctx)]
    # "Gbudue State South Sudan": a sub-national name, then the country it lies in.
    for m in reading.mentions:
        place = re.match(
            r"^(?P<place>.+\b(?:State|County|Province|Region|District|Governorate))\s+(?P<country>[A-Z].+)$", m.name
        )
        if m.kind == ActorKind.OTHER and place and state_of(place.group("country")) is not None:
            m.aliases.append(m.name)
            m.name = place.group("place")
    # "the Congress of the Syrian national dialogue": a name cut off at an adjective is no name.
    reading.mentions = [
        m
        for m in reading.mentions
        if not (
            m.strength < 2
            and fold(m.name.split()[-1]) in gazetteer.demonyms()
            and re.match(r"\s+[a-z]", text[m.chunk_end or m.end :])
            # but "Front populaire ivoirien et Rassemblement des républicains": two names, the first whole
            and not re.match(r"\s+(?:et|y|e|and)\s+[A-Z]", text[m.chunk_end or m.end :])
        )
    ]
    # "the GRP-NDFP peace negotiations": a name used as an adjective names no party.
    reading.mentions = [
        m for m in reading.mentions if not re.match(r"\s+(?:" + _PROCESS_NOUNS + r")\b", text[m.chunk_end or m.end :])
    ]
    # "the Burundi peace process": a state named as an adjective is no party.
    reading.mentions = [
        m
        for m in reading.mentions
        if not (
            m.state_like
            and (nxt := re.match(r"\s+([a-z]+)", text[m.end :])) is not None
            and nxt.group(1) not in CONNECTORS
            and nxt.group(1) not in _AFTER_A_PARTY
        )
    ]
    # "Dr. John Garang de Mabior / Chairman, SPLM., C-in-C, SPLA": one actor named by the acronyms of
    # two of its names, its movement's and its army's, is named by the gazetteer's name that holds
    # both ("Sudan People's Liberation Movement/Army"), not by what either acronym stands for.
    entries = [_acronym_entry(m, original, ctx) for m in reading.mentions]
    for mention, entry in zip(reading.mentions, entries, strict=True):
        if entry is not None and any(
            other is entry and fold(twin.name) != fold(mention.name)
            for twin, other in zip(reading.mentions, entries, strict=True)
        ):
            whole = _known_entry(
                original[mention.start : mention.end], entry, mention.country, mention.office, whole=True
            )
            mention.name, mention.aliases = whole.name, whole.aliases
    # "The FPRC": an article in front of an acronym says it names something.
    for mention in reading.mentions:
        if mention.strength == 0 and re.search(r"\bthe\s+$", text[: mention.start], re.I):
            mention.strength = 1
    return reading


def _acronym_entry(mention: Mention, text: str, ctx: Context) -> gazetteer.Entry | None:
    """The gazetteer's actor a mention written as an acronym was named from, if it was."""
    written = text[mention.start : mention.end]
    if mention.strength != 2 or not _is_acronym(written) or fold(written) in ctx.acronyms:
        return None
    entry = _gazetteer_entry(written, ctx)
    if entry is None or fold(mention.name) not in {fold(n) for n in (entry.name, *entry.aliases)}:
        return None
    return entry


def _comma_names() -> list[re.Pattern[str]]:
    names = [n for e in gazetteer.ORGANISATIONS for n in (e.name, *e.aliases) if "," in n]
    return [re.compile(re.escape(n).replace(",\\ ", ",\\s*").replace("\\ ", "\\s+"), re.I) for n in names]


_COMMA_NAMES = _comma_names()


def _protect_commas(text: str) -> str:
    """Keep "United Nations Educational, Scientific and Cultural Organization" one chunk: its
    comma becomes a space (positions are kept, so spans still point into the text)."""
    for pattern in _COMMA_NAMES:
        text = pattern.sub(lambda m: m.group(0).replace(",", " "), text)
    return _EXPANSION_WITH_COMMA.sub(lambda m: m.group("head") + m.group("inner").replace(",", " "), text)


# "UÇPMB (Liberation Army of Presevo, Medvedja and Bujanovac)": an acronym's expansion whose
# name holds a list of places.
_EXPANSION_WITH_COMMA = re.compile(
    r"(?P<head>\b[A-ZÀ-Ý]{3}[A-ZÀ-Ý/-]{0,8} \()(?P<inner>[A-Z][^(),]*,[^(),]*\band\b[^()]*)(?=\))"
)


_BRACKET = re.compile(r"\s*\((?P<inner>[^()]{1,40})\)")


def _qualify(mention: Mention, text: str) -> int:
    """What a bracket right after a name says of it: a stated capacity ("UN (Chair)") or a
    qualifier that is part of the name ("SPLM/A (in Opposition)"); the end of a qualifier taken
    into the name (0 if none was)."""
    rest = text[mention.end :]
    after = _BRACKET.match(rest)
    if after is None:
        return 0
    inner, end = after.group("inner").strip(), mention.end + after.end()
    # "Nepal Communist Party (CPN) (Maoists)": the name's acronym, then what qualifies the name.
    if _is_acronym(inner.replace(".", "")) and (second := _BRACKET.match(rest[after.end() :])) is not None:
        inner, end = second.group("inner").strip(), end + second.end()
    qualified = f"{mention.name} ({inner})"
    known = gazetteer.national_actor(qualified, mention.country)
    if (role := _ROLE_MARKERS.get(inner.lower())) is not None:
        mention.role = role
    elif (
        re.match(r"in\s+\w+", inner)
        or (
            re.fullmatch(r"[A-Z][a-z]+", inner)
            and inner.lower() in {"maoist", "maoists", "democratic", "united", "official", "north", "south"}
        )
        or _faction_code(mention.name, inner)
        # "CPN (UML)", "Nepal Sadbhavana Party (Anandi Devi)": with the bracket, a name known whole.
        or known is not None
    ):
        # "SPLM/A (in Opposition)", "Communist Party of Nepal (Maoist)": part of the name. Not
        # the bare name as an alias: "Nepali Congress (Democratic)" broke away from the Nepali
        # Congress, and both sign the same agreements.
        if known is not None and known is gazetteer.national_actor(mention.name, mention.country):
            return 0  # "Ansar Allah (Houthis)": the bracket is another name of the same actor
        # Nor the bare name's other names: "NSP" is the Sadbhavana Party's, not its faction's.
        mention.name, mention.aliases = qualified, []
        if known is not None:
            # "CPN (Maoist)", "CPN (Maoists)": the gazetteer's name, the written one an alias.
            mention.kind, mention.strength = known.kind, max(mention.strength, 2)
            if fold(known.name) != fold(qualified):
                mention.name, mention.aliases = known.name, [qualified]
        # The bracket is part of the name: what follows it is read after it.
        mention.end, mention.chunk_end = end, max(mention.chunk_end, end)
        return end
    return 0


_PARTY_HEADS = frozenset(
    fold(w) for w in word_list("Party Partido Parti Front Frente Movement Mouvement Movimiento Council Congress League")
)


def _faction_code(name: str, inner: str) -> bool:
    """ "Partido Comunista de Colombia (M-L)", "National Socialist Council of Nagalim (K)": a code
    after a party's name that cannot be its acronym names the faction, as part of the name."""
    # An acronym may come from the name in another language ("Free Aceh Movement (GAM)"), so
    # only what cannot be one: a letter ("NSCN (K)"), or two short codes joined ("(M-L)", "(I-M)").
    if not re.fullmatch(r"[A-Z]|[A-Z]{1,2}-[A-Z]{1,2}", inner):
        return False
    if _is_acronym(name):
        return True  # "PCC (M-L)", "NSCN (K)": an acronym has no acronym of its own
    words = [w for w in re.split(r"[\s/-]+", name) if w]
    if not any(fold(w) in _PARTY_HEADS for w in words):
        return False
    initials = {w[0].upper() for w in words if w.lower() not in CONNECTORS}
    return not set(inner.replace("-", "")) <= initials
