"""Cleaning a PA-X party cell into lines a reader can take one at a time.

Cells are transcriptions of signature pages: editorial notes in brackets ("[Signed]",
"[illegible]"), page markers, the PA-X footer, numbering and bullets, and names broken
across lines ("United States of\\nAmerica"). None of that names anyone, and all of it
confuses the reading of what does, so it goes first.
"""

from __future__ import annotations

import re
from functools import lru_cache

from agreements.pax import gazetteer
from agreements.pax.party_names import OFFICE_WORDS, TITLES
from utilities.folding import fold

# Line and paragraph separators that Python's splitlines honours but a cell does not mean.
_SEPARATORS = str.maketrans({"\u2028": "\n", "\u2029": "\n", "\u0085": "\n", "\r": "\n", "\t": " ", "\xa0": " "})
_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")

# "[Signed]", "[illegible]", "[...]", "[Page 9 has the same signatures in Somali]": notes, not
# names. A bracket that is a whole line of its own ("[Government of Colombia]:") or a
# translation inside a name ("Suqur al-Sham [Hawks of the Levant] Brigades") is handled apart.
_BRACKET = re.compile(r"\[[^\]\n]*\]?")
_NOTE_PARENS = re.compile(
    r"[ \t]*\((?:\s*(?:signed|unsigned|not signed|signature[^)]*|illegible|sic|stamp\w*|w|f|m|phd|dr|rtd\.?|retd\.?|"
    r"ret\.?|seal|initialled|initialed|\d{1,2}|[ivx]{1,4}|[a-e]|representative\s*\(?\d?\)?)\s*)\)",
    re.I,
)
# "(Desert Sector)", "(Northern Desert Sector)": where a unit fought, not a name (R10).
_SECTOR = re.compile(r"[ \t]*\((?:[^()]*\bsector)\)", re.I)
_PAGE = re.compile(r"^\s*(?:page|p\.)\s*\d+(?:\s*[-–,&]\s*\d+)*\s*(?:,\s*[a-z ]{0,30})?\s*[:.]?\s*", re.I)
_FOOTER = re.compile(r"PA-X,? Peace Agreement|peaceagreements\.org|Translation ©|University of Edinburgh", re.I)
_BULLET = re.compile(
    r"^\s*(?:[-•*·–—►▪o]\s+|[-•*·–—]+(?=\S)|\(?\d{1,2}\s*[.)]\s*|\(?[a-hA-H]\s*\)\s*|(?:I{1,3}|IV|VI{1,3}|IX)\.\s+(?=[A-Z]{2}))"
)
# Adjectives that never end a name: a line ending in one goes on in the next.
_ADJECTIVE_END = re.compile(
    r"\b(?:American|African|Arab|Islamic|Democratic|National|United|Episcopal|Bolivarian|Federal|Socialist|"
    r"Popular|Revolutionary|Patriotic|European|International|Regional|Joint|Interim|Transitional)$"
)
# Words that, ending a line, say the name goes on in the next one.
_CONTINUES = re.compile(
    r"(?:\b(?:of|and|the|for|de|del|la|le|les|du|des|et|y|to|in|on|al|el|da|do|dos|das|van|von|en|pour|por|para)|[&/-])$",
    re.I,
)


def _bracket(match: re.Match[str]) -> str:
    """Keep a bracket that names an actor on its own line ("[Government of Colombia]");
    drop notes. A line that is nothing but a bracket is judged by the caller."""
    inner = match.group(0).strip("[]").strip()
    line_start = match.string.rfind("\n", 0, match.start()) + 1
    line_end = match.string.find("\n", match.end())
    line = match.string[line_start : line_end if line_end >= 0 else None]
    whole_line = line.strip().rstrip(":").strip() == match.group(0).strip()
    named = _PARTIES_NAMED.search(inner)
    if named is not None:
        # "[Note: Actual signatories not listed, although parties appear to be Government of Angola
        # and UNITA]": an editorial note that names the parties names them (R10).
        return f"\n{named.group('who').strip(' .')}\n"
    if whole_line and inner and inner[0].isupper() and not _is_note(inner):
        return inner
    if re.match(r"(?:for|representing|on behalf of)\s", inner, re.I):
        return f", {inner}"  # "Amor Mašović [for the Bosniak commission]" (R10)
    if re.match(
        r"(?:spokes\w+|general\s+secretary|secretary|president|chairman|chair|leader|head|representative|"
        r"commander|minister|delegate)\b",
        inner,
        re.I,
    ):
        return f", {inner}"  # "Muhammad ‘Abd al-Salam [Spokesman for Ansar Allah]": the signer's office
    if re.fullmatch(r"[A-Z][A-Z0-9/&.-]{1,11}", inner):
        return f" ({inner})"  # "SPABAT [UNPROFOR]": an acronym, as in brackets
    rest_of_line = match.string[match.end() : line_end if line_end >= 0 else None]
    if (
        inner[:1].isupper()
        and not _is_note(inner)
        and line.strip() != match.group(0).strip()
        and re.fullmatch(r"\s*(?:[;,.:].*)?", rest_of_line)
    ):
        # "R Karadzic [Republika Srpska]", "Farqa 16 [Brigade 16]": who the person signs for, or a
        # translation of the name, read as brackets are (R5, R10). A bracket inside a name
        # ("Suqur al-Sham [Hawks of the Levant] Brigades") is not at the end of its piece.
        return f" ({inner})"
    if re.search(r"\bnot\s+signed\b|\bunsigned\b|\breferred\s+to\b", inner, re.I) and whole_line:
        # "[not signed, but referred to in the text]": the names below signed nothing, so the
        # heading above them no longer holds.
        return "\nNot signed:\n"
    # "Capt Ahmad Ghazalah [Signed] Islamic State ...": a note between a signer and a party
    # separates them; a translation inside a name ("Suqur al-Sham [Hawks of the Levant] Brigades")
    # does not.
    return " , " if _is_note(inner) and not whole_line else " "


_PARTIES_NAMED = re.compile(
    r"\bpart(?:y|ies)\s+(?:(?:appear|appears|are|is|were|was)\s+)?(?:stated|presumed|believed|known|understood|"
    r"thought|said|appear|appears)?\s*to\s+be:?\s+(?:the\s+)?(?P<who>[A-Z].+)$",
    re.I,
)
_NOTE_WORDS = re.compile(
    r"\b(?:sign\w*|illegible|unintelligible|stamp\w*|unclear|unknown|page|no name|name|see|missing|blank|"
    r"handwritten|not|note|initial\w*|copy|original|document|translation|uploaded)\b|\.\.\.|…",
    re.I,
)


def _is_note(text: str) -> bool:
    return bool(_NOTE_WORDS.search(text))


_ROLE_WORD = re.compile(r"(?:witness|observer|guarantor|mediator|facilitator|signator)\w*", re.I)


def clean(text: str) -> str:
    """The cell without notes, invisible characters and stray spacing; lines kept."""
    # "I.\tRepresentative ...", "J.\tCounty Authority": a lettered bullet, kept apart from an
    # initial ("J. Smith") by the tab after it.
    text = re.sub(r"(?m)^[ ]*(?:[A-Za-z]|[ivxIVX]{1,4})[.)]\t+", "", text or "")
    text = re.sub(r"(?m)^[ ]*\d{1,2}[.)]?\t+", "", text)  # "1\tNepali Congress, President ..."
    # A soft hyphen where a word was broken across lines ("Re\xad liberation"), else invisible.
    text = re.sub(r"\xad[ \t]+(?=\w)", "-", text or "")
    text = _INVISIBLE.sub("", text.translate(_SEPARATORS))
    # "For Party A [The Government of Thailand]": the bracket says who Party A is (R10).
    text = re.sub(r"\b(?:Party|Side)\s+[A-D1-4]\s*\[(?=[A-Z])([^\]\n]+)\]", r"\1", text)
    # "For the federal Republic of Yugoslavia": a state's adjective written in lower case is of its name.
    text = re.sub(
        r"\b(federal|islamic|democratic|socialist|united|arab)(?= (?:Republic|Kingdom|States|Emirates)\b)",
        lambda m: m.group(1).capitalize(),
        text,
    )
    # "People of Zintan and Zawiyyah": one community per name (R11, as "the Republics of A, B and C").
    text = re.sub(
        r"\b(People|Peoples|Community|Communities|Tribes?|Clans?) of ([A-Z][\w'’-]+) and ([A-Z][\w'’-]+)\b(?! [A-Z])",
        lambda m: f"{m[1]} of {m[2]} and {m[1]} of {m[3]}",
        text,
    )
    # "NATIONAL PATRIOTIC FRONT of LIBERIA": an "of" left in lower case between words in capitals
    # that end the line is of the name, not a place after it (but "JCSM of the GAM").
    text = re.sub(r"(?m)(?<=[A-Z]{5} )of(?= [A-Z]{4,}[ \t]*$)", "OF", text)
    # "Mohammad Salah al- Niham", "Ibrahim al- ‘Awadh": the particle's hyphen, then a stray space.
    text = re.sub(r"\b([Aa]l|[Ee]l)-[ \t]+(?=[‘’ʿ']?[^\W\d_])", r"\1-", text)
    # "de !'Organisation" (an OCR'd "l'"), "EGLISE CATHOLIQUE: +THEOPHILE KABOY" (a bishop's cross),
    # "287.Kahlan Mujahid" (a numbered list, no space after the number): no part of a name.
    text = re.sub(r"(?<=\s)!(?=['’]\w)", "l", text)
    text = re.sub(r"(?<![^\s:;,])\+(?=[A-Z])", "", text)
    text = re.sub(r"(?m)^([ \t]*)\d{1,4}\.(?=[A-Z][a-z])", r"\1", text)
    # "For the FPI-\nPascal AFFI NÄGUESSAN": the dash after a block's acronym parts it from its signer
    # below, as a colon would; the name is not broken at a hyphen.
    text = re.sub(r"(?m)^((?i:for|pour|por)\b[^\n]*?\b[A-Z][A-Z0-9-]*[A-Z0-9])[ \t]*[-–][ \t]*$", r"\1:", text)
    # "Ministerial introduction signed by: …", "Foreword signed by …": who signed a part of the
    # text, not the agreement: a note, left out.
    text = re.sub(
        r"(?im)^[ \t]*[\w ]{0,40}?\b(?:introduction|foreword|preface|covering\s+letter)[ \t]+signed[ \t]+by\b.*$",
        "",
        text,
    )
    # "All copies signed by General Philippe Morillon, UNPROFOR", "Believed to be signed by …":
    # a note on the copies before who signed.
    text = re.sub(
        r"(?im)^[ \t]*(?:all\s+copies|separate\s+copies\s+of\s+the\s+same\s+text|believed\s+to\s+be)[ \t,]+"
        r"(?=signed[ \t]+by\b)",
        "",
        text,
    )
    # "Approval of the City Council of Misrata", "Ratification of the Libyan State": who approved.
    text = re.sub(
        r"(?im)^[ \t]*(?:approval|ratification|endorsement|sponsorship)[ \t]+of[ \t]+(?:the[ \t]+)?", "", text
    )
    # "USAID/Observer": the capacity it signs in, as a bracket after the name says it (R7); not
    # "Witnesses/Guarantors", a heading naming two.
    text = re.sub(
        r"\b(?P<who>[A-Z][\w.'’-]*)/(?P<role>observers?|witness(?:es)?|guarantors?|mediators?|facilitators?)\b",
        lambda m: m[0] if _ROLE_WORD.fullmatch(m["who"]) else f"{m['who']} ({m['role']})",
        text,
        flags=re.I,
    )
    # "Gobierno Nacional-ELN": the government and the group it agreed with, joined by a hyphen.
    # Only the bare word ("For the Transitional Government-TFG" is one actor's name and acronym).
    text = re.sub(
        r"(?m)(^[ \t]*|[,;][ \t]*)((?i:gobierno(?:\s+nacional)?|government|gouvernement))-(?=[A-Z]{2,}\b)",
        r"\1\2; ",
        text,
    )
    # "President of of the Republic of Burundi": a word typed twice.
    text = re.sub(r"\b(of|the|de|and)\s+\1\b", r"\1", text, flags=re.I)
    # "Sd/-", "Sd.": "signed", in South Asian signature blocks.
    text = re.sub(r"(?<!\w)Sd\s*(?:/-|/[xX]+\b|\.|(?=\s*\())", " ", text)  # "Sd/xxx" too
    # "(Signed) L. Bota (Signed) T. Ketsba (Signed) V. Lordkipanidze": signatures side by side on one
    # line, each on a line of its own (but "Georgia (Signed) A. KAVSADZE" is a party and its signer).
    text = re.sub(
        r"(?im)^[ \t]*\((?:signed|sgd)\).*\((?:signed|sgd)\).*$",
        lambda m: re.sub(r"(?i)(?<=\S)[ \t]+(?=\((?:signed|sgd)\))", "\n", m[0]),
        text,
    )
    # "(Signed) K. P. Sharma Oli" on each line: signatures one by one, as in a list ("A; B; C");
    # "Signed) A. TURAJONZODAH", its bracket lost, too.
    text = re.sub(r"(?m)^[ \t]*\(?(?:signed|sgd)\)[ \t]*(\S.*?)[ \t;]*$", r"\1;", text, flags=re.I)
    # "UPRONA (Signed) Charles MUKASI, President", "FOR THE GOVERNMENT (Signed) Sylvestre ...",
    # "Georgia (Signed) A. KAVSADZE": the party, then who signed for it.
    text = re.sub(r"\b(?P<party>[A-Z][A-Z0-9/-]+)[ ]*\((?i:signed|sgd)\)[ ,]*(?=\S)", r"\g<party>: ", text)
    text = re.sub(r"(?m)^(?P<party>[A-Z][\w/-]+)[ ]*\((?i:signed|sgd)\)[ ,]*(?=\S)", r"\g<party>: ", text)
    # "29 SIGNATORIES For the Political Opposition": how many signed for it, not part of its name.
    text = re.sub(
        r"(?im)^[ ]*\d+[ ]+(?:signatories|signatures|signatory|members|delegates|representatives)[ ]+"
        r"(?=(?:for|pour|por)\b)",
        "",
        text,
    )
    # "… Minister for Foreign Affairs. Government of the Republic of Yemen: …", "… PATASSE. For the
    # French Republic: …": the next party's heading, run on after a full stop.
    text = re.sub(r"(?<=[a-z)])\.[ \t]+(?=(?:For|On behalf of|(?:The )?Government of)\b[^.:;\n]{2,80}:)", ".\n", text)
    # "“Wa” Special Region": a word of a name in quotes is still a word of the name.
    text = re.sub(r"[“\"]([A-Z][\w-]+)[”\"](?=[ \t]+[A-Z])", r"\1", text)
    # "the Secretary- General", wrapped at its hyphen.
    text = re.sub(r"\b(Secretary|Secr[ée]taire)-\s+(General|G[ée]n[ée]ral)\b", r"\1-\2", text, flags=re.I)
    # "Goverment of Southern Sudan", "Govt. of Assam": the word, misspelt or shortened.
    text = re.sub(r"\bGov(?:erment|ernmnet|ernement)\b|\bGovt\.?(?=\s+of\b)", "Government", text, flags=re.I)
    text = _BRACKET.sub(_bracket, text)
    text = _SECTOR.sub("", text)
    text = _NOTE_PARENS.sub("", text)
    text = text.replace("{", " ").replace("}", " ")
    # "the ECMM /European Community Monitoring Mission/": slashes used as brackets.
    text = re.sub(r"(?<=\s)/([A-Z][^/\n]{3,80})/(?=\s|$)", r"(\1)", text)
    # "FARC - EP", "SPLM - FDs": one acronym spaced out, not a name and an office.
    text = re.sub(r"\b([A-Z][A-Za-z]*[A-Z][A-Za-z]*) [-–] ([A-Z][A-Za-z']*[A-Z][a-z']*)\b", r"\1-\2", text)
    # "Anti-Balaka – Mokom Branch    Mr. Dieudonné NDOMATE": a signature table's columns, flattened
    # into one line; each cell is a line of its own, in reading order.
    text = re.sub(
        r"(?<=\S)[ ]{4,}(?=(?:Mr|Mrs|Ms|Mme|M|Dr|Hon|H\.?\s?E|S\.?E\.?M?|Gen|Col|Amb)\.?\s)|(?<=\))[ ]{4,}(?=\S)",
        "\n",
        text,
    )
    return "\n".join(_stops_as_commas(re.sub(r"[ ]{2,}", "  ", line).strip()) for line in text.split("\n"))


# A line of prose, where a full stop ends a sentence: three words in lower case in a row.
_PROSE_LINE = re.compile(r"\b[a-z]{2,}\s+[a-z]{2,}\s+[a-z]{2,}\b")
_NAME_THEN_STOP = re.compile(r"\b(?P<word>[A-Za-z][\w'’-]*[a-z][\w'’-]*)\.[ \t]+(?=(?P<next>[A-Z][\w'’-]*))")


def _stops_as_commas(line: str) -> str:
    """ "Dilman Pakhrin Tamang.  Nepal Tamang Association", "The Republic of Zimbabwe. Movement for
    the Liberation of the Congo": on a line of names, a full stop after a word parts two names as
    a comma would. Not after an initial or an abbreviation ("Gen.", "Abd.", "Supt."), not before
    an office, which reads on as it is ("Jose MA. Sison. Chief Political Consultant NDFP ..."),
    not in prose, where it ends a sentence, and only one on a line."""
    if "." not in line or _PROSE_LINE.search(line):
        return line
    stops = [
        m
        for m in _NAME_THEN_STOP.finditer(line)
        if len(m["word"]) >= 5 and fold(m["word"]) not in TITLES and fold(m["next"]) not in OFFICE_WORDS | TITLES
    ]
    if len(stops) != 1:
        return line  # "V. Zorin. S. Stepashin. N. Bezborodov.": a list of people, read as it is
    return f"{line[: stops[0].end('word')]},{line[stops[0].end('word') + 1 :]}"


def _ends_a_known_name(previous: str, line: str) -> bool:
    """ "Representative World / Council of Churches", "Delegation of the Central / General Staff of
    the FARC-EP": the line ends the name of an organisation or a national actor the gazetteer
    knows, begun in the last words of the line before."""
    if not line[:1].isupper():
        return False
    # "People’s / Army (FARC – EP)": the name's acronym in brackets after it is no part of it.
    rest = re.sub(r"\s*\([^()]{1,30}\)$", "", line.strip(" .,;:")).strip(" .,;:")
    if fold(rest) not in _name_endings():
        return False  # most lines: one lookup
    words = previous.split()
    names = _known_names()
    return any(fold(" ".join([*words[-count:], rest])) in names for count in range(1, min(8, len(words)) + 1))


@lru_cache(maxsize=1)
def _known_names() -> frozenset[str]:
    """Every folded name of an international organisation, and every national actor's name of
    three words or more (an acronym or a short name is no name broken across lines)."""
    national = (
        fold(value)
        for entry in gazetteer.NATIONAL_ACTORS
        for value in (entry.name, *entry.aliases)
        if len(value.split()) >= 3
    )
    return frozenset((*gazetteer.organisation_names(), *national))


@lru_cache(maxsize=1)
def _name_endings() -> frozenset[str]:
    """The last words of every name ``_known_names`` holds, folded ("council of churches")."""
    endings: set[str] = set()
    for name in _known_names():
        words = name.split()
        endings.update(" ".join(words[start:]) for start in range(1, len(words)))
    return frozenset(endings)


def logical_lines(text: str) -> list[str]:
    """Lines of a cleaned cell: numbering, bullets and page markers gone, wrapped names joined.

    Empty lines are kept as "" because a blank line ends a signature block.
    """
    lines: list[str] = []
    for raw in text.split("\n"):
        line = raw.strip()
        if _FOOTER.search(line):
            continue
        # "Page 2, PREAMBLE:": what follows is the text's preamble, not its signature page.
        preamble = _PAGE.match(line) and re.search(r"\bpreamble\b", line, re.I)
        line = "Preamble:" if preamble else _PAGE.sub("", line)
        # A bullet may follow a number: "1. - Name".
        for _ in range(2):
            line = _BULLET.sub("", line).strip()
        if re.fullmatch(r"[\d\s.,:;)(\-–]*", line):
            line = ""
        previous = lines[-1] if lines else ""
        joins = (
            previous
            and line
            and (
                _CONTINUES.search(previous)
                or previous.count("(") > previous.count(")")
                # "Organisation of American\nStates": a name broken after an adjective
                or (
                    re.search(_ADJECTIVE_END, previous)
                    and re.match(r"[A-Z][a-z]+\b", line)
                    and not re.match(r"(?:H\.?E|Mr|Mrs|Ms|Dr|Hon|For|Pour|Por|On)\b", line)
                )
                # "the Peoples\nRepublic of Bangladesh"
                or (
                    re.search(r"\b(?:peoples?|people's|democratic|islamic|federal|socialist|arab)$", previous, re.I)
                    and re.match(r"(?:republic|kingdom|state|emirates)\b", line, re.I)
                )
                or (line[0].islower() and not re.match(r"(?:al|el|bin|ibn|de|da|van|von|wa)\b", line))
                # "Front Populaire pour la Renaissance\nde la Centrafrique (FPRC)"
                or re.match(r"(?:de|du|des)\s+(?:la|le|les|l['’])\s*[A-Z]", line)
                or _ends_a_known_name(previous, line)
                # "H.E. Sir Dawda JAWARA President of the Republic of The Gambia / Current Chairman of
                # ECOWAS": a rotating chair held by the signer above is one more of his offices (R2).
                or (re.match(r"(?i)(?:the\s+)?(?:current|incumbent)\s+chair\w*\s+of\b", line) and ":" not in line)
            )
        )
        if joins:
            lines[-1] = f"{previous} {line}"
        else:
            lines.append(line)
    return lines
