"""Which earlier PA-X agreements an agreement's references (``OthAgr``) name.

``OthAgr`` is free text: quotations of the passages that mention other agreements ("in
accordance with the protocol on the fundamental principles … of 17 August 1995"), or a
list of titles. A reference names an agreement in one of two ways, and both are read:

- **By its title**, matched word for word (case, accents and punctuation folded). A title
  found inside a longer title is refused: where a longer candidate title covers the same
  words, the longer one is the reference; where the text runs on in capitalised words
  ("the Comprehensive Peace Agreement" around a title "Peace Agreement"), the title
  named is one PA-X does not have under that name.
- **By its date**, where the text gives a day ("of 17 August 1995", "(08/04/2004)") next to
  a word that names a document (agreement, protocol, communiqué, resolution …, signed,
  adopted): the agreement of the same peace process signed that day, when there is exactly
  one (else the one whose title shares most words with the passage, if one clearly does).

Candidates are PA-X agreements signed on or before the referring one, and nearer ones
are preferred: a title names the agreement of the same peace process, else one of a
country the two share (or the same conflict), else — only for a long title that no other
agreement has — one of the same region; a short title ("Peace Agreement") names one of
the same process only, and a title several agreements bear only with its date. What stays ambiguous links nowhere,
and an agreement whose references name no candidate is listed as unresolved.

Pure: no database. The importer passes the candidates (this release's agreements and the
PA-X agreements already imported) and gets back links by AgtId.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from agreements.pax.gazetteer import word_list
from utilities.folding import fold

# Shorter titles are too likely to occur by chance ("Joint Statement" inside a sentence).
MIN_TITLE_WORDS = 2
MIN_TITLE_CHARS = 12
# A title shorter than this counts only when the text capitalises it ("the Ceasefire Agreement").
MIN_LOWER_CASE_TITLE_WORDS = 6
# A title shorter than this names an agreement of the same peace process only.
MIN_PLACE_TITLE_WORDS = 4
# A title matched outside the referring agreement's process and countries must be this distinctive.
MIN_REGIONAL_TITLE_CHARS = 30
MIN_REGIONAL_TITLE_WORDS = 4
# How far from a title (characters) a date is read as the title's date.
DATE_NEAR_TITLE = 60
# How far before a date (at most: a reference ends at a line break or semicolon) a word naming a
# document makes the date a reference to one.
DOCUMENT_BEFORE_DATE = 300
DOCUMENT_AFTER_DATE = 40

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_MONTHS = {
    **{
        m: i + 1
        for i, names in enumerate(
            [
                ("january", "jan", "janvier", "enero", "janeiro"),
                ("february", "feb", "fevrier", "février", "febrero", "fevereiro"),
                ("march", "mar", "mars", "marzo", "marco", "março"),
                ("april", "apr", "avril", "abril"),
                ("may", "mai", "mayo", "maio"),
                ("june", "jun", "juin", "junio", "junho"),
                ("july", "jul", "juillet", "julio", "julho"),
                ("august", "aug", "aout", "août", "agosto"),
                ("september", "sep", "sept", "septembre", "septiembre", "setembro"),
                ("october", "oct", "octobre", "octubre", "outubro"),
                ("november", "nov", "novembre", "noviembre", "novembro"),
                ("december", "dec", "decembre", "décembre", "diciembre", "dezembro"),
            ]
        )
        for m in names
    }
}
_MONTH_NAMES = "|".join(sorted(_MONTHS, key=len, reverse=True))
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th|er|º)?"
_DATES = [
    # 17 August 1995, 17th of August, 1995, 17 de agosto de 1995, 1er août 1995
    re.compile(
        rf"\b{_DAY}\s+(?:of\s+|de\s+)?(?P<month>{_MONTH_NAMES})\.?,?\s+(?:de\s+|del\s+)?(?P<year>(?:19|20)\d\d)\b",
        re.IGNORECASE,
    ),
    # August 17, 1995
    re.compile(rf"\b(?P<month>{_MONTH_NAMES})\.?\s+{_DAY},?\s+(?P<year>(?:19|20)\d\d)\b", re.IGNORECASE),
    # 17/08/1995, 17.08.1995, 17-08-1995 (PA-X's day-first order)
    re.compile(r"\b(?P<day>[0-3]?\d)[/.\-](?P<num>[01]?\d)[/.\-](?P<year>(?:19|20)\d\d)\b"),
    # 1995-08-17
    re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<num>[01]\d)-(?P<day>[0-3]\d)\b"),
]
# 5 October, October 5 — not followed by a year (those are read above).
_NO_YEAR = r"\b(?!\.?,?\s+(?:de\s+|del\s+)?(?:19|20)\d\d)"
_YEARLESS = (
    re.compile(rf"\b{_DAY}\s+(?:of\s+|de\s+)?(?P<month>{_MONTH_NAMES}){_NO_YEAR}", re.IGNORECASE),
    re.compile(rf"\b(?P<month>{_MONTH_NAMES})\.?\s+{_DAY}{_NO_YEAR}", re.IGNORECASE),
)
_DOCUMENT = re.compile(
    r"\b(?:agreements?|accords?|acuerdos?|acordos?|protocols?|protocoles?|protocolos?|declarations?|d[eé]clarations?|"
    r"declaraci[oó]n|memorand\w*|communiq\w*|comunicado|statements?|resolutions?|r[eé]solutions?|resoluci[oó]n|"
    r"treat(?:y|ies)|trait[eé]|arrangements?|understandings?|plan|acts?|conventions?|decisions?|d[eé]cisions?|"
    r"pacts?|pacte|charters?|charte|road\s?map|conclusions?|minutes|framework|deal|ceasefire|cease-fire|truce|"
    r"signed|sign[eé]|firmad[oa]|adopted|adopt[eé]|concluded|conclu|reached|agreed)\b",
    re.IGNORECASE,
)
# Capitalised words that may stand right before or after a title without being part of a longer one.
_NOT_TITLE_WORDS = frozenset(
    fold(w)
    for w in word_list(
        "The A An This That These Those Its Their Our Page Pg Paragraph Para Article Art Section Preamble "
        "Recalling Reaffirming Recognising Recognizing Noting Welcoming Considering Bearing Pursuant Under In "
        "On Of And Or To By Per See Signed Dated Between Among At From With For As Also Including"
    )
)


@dataclass(frozen=True)
class Candidate:
    """An agreement a reference may name: its AgtId, title, date and whereabouts."""

    pax_id: str
    title: str
    date: dt.date | None
    process: str = ""
    countries: tuple[str, ...] = ()
    conflict: str = ""
    region: str = ""


@dataclass(frozen=True)
class Referrer:
    """An agreement with references: what it is (to compare candidates with) and its ``OthAgr`` text."""

    agreement: Candidate
    text: str


@dataclass
class Resolution:
    """What the references of one agreement name: links by AgtId (and how each was found), or nothing."""

    links: dict[str, str] = field(default_factory=dict)  # target AgtId -> "title" | "date"

    def add(self, pax_id: str, how: str) -> None:
        self.links.setdefault(pax_id, how)


@dataclass(frozen=True)
class _Word:
    folded: str
    start: int
    end: int
    text: str


def _words(text: str) -> list[_Word]:
    return [_Word(fold(m.group()), m.start(), m.end(), m.group()) for m in _WORD.finditer(text)]


@dataclass(frozen=True)
class _Date:
    date: dt.date
    start: int
    end: int


def dates_in(text: str, written_on: dt.date | None = None) -> list[_Date]:
    """Every whole day a text gives, with where it stands (day-first for numeric dates).

    A day and month with no year ("the ceasefire agreement of 5 October") is the last such
    day on or before ``written_on``, the date of the text, when it is given.
    """
    found: dict[int, _Date] = {}
    for pattern in _DATES:
        for match in pattern.finditer(text):
            parts = match.groupdict()
            month = int(parts["num"]) if parts.get("num") else _MONTHS.get(fold(parts["month"]))
            try:
                day = dt.date(int(parts["year"]), month or 0, int(parts["day"]))
            except ValueError:
                continue
            found.setdefault(match.start(), _Date(day, match.start(), match.end()))
    if written_on is not None:
        for match in (m for pattern in _YEARLESS for m in pattern.finditer(text)):
            if not any(d.start <= match.start() < d.end for d in found.values()):
                last = _last_before(written_on, _MONTHS.get(fold(match["month"])) or 0, int(match["day"]))
                if last is not None:
                    found.setdefault(match.start(), _Date(last, match.start(), match.end()))
    return sorted(found.values(), key=lambda d: d.start)


def _last_before(written_on: dt.date, month: int, day: int) -> dt.date | None:
    """The last <day> <month> on or before ``written_on`` (this year's, or last year's)."""
    for year in (written_on.year, written_on.year - 1):
        try:
            candidate = dt.date(year, month, day)
        except ValueError:
            return None
        if candidate <= written_on:
            return candidate
    return None


class ReferenceIndex:
    """The candidates, indexed by the first words of their titles and by their dates."""

    def __init__(self, candidates: Iterable[Candidate]) -> None:
        self.by_start: dict[tuple[str, str], list[tuple[tuple[str, ...], Candidate]]] = {}
        self.by_date: dict[dt.date, list[Candidate]] = {}
        self.title_count: dict[tuple[str, ...], int] = {}
        for candidate in candidates:
            words = tuple(fold(candidate.title).split())
            if candidate.date is not None:
                self.by_date.setdefault(candidate.date, []).append(candidate)
            if len(words) < MIN_TITLE_WORDS or len(" ".join(words)) < MIN_TITLE_CHARS:
                continue
            self.by_start.setdefault((words[0], words[1]), []).append((words, candidate))
            self.title_count[words] = self.title_count.get(words, 0) + 1

    def resolve(self, referrer: Referrer) -> Resolution:
        """The agreements ``referrer``'s text names (see the module)."""
        resolution = Resolution()
        text = referrer.text
        words = _words(text)
        dates = dates_in(text, referrer.agreement.date)
        used_dates: set[int] = set()
        for start, end, matched in self._title_matches(text, words):
            title_start, title_end = words[start].start, words[end - 1].end
            # Dates written just after the title (its own), or just before it, within the same reference.
            after = [
                d
                for d in dates
                if 0 <= d.start - title_end <= DATE_NEAR_TITLE and not _BREAK.search(text[title_end : d.start])
            ]
            before = [
                d
                for d in dates
                if 0 <= title_start - d.end <= DATE_NEAR_TITLE and not _BREAK.search(text[d.end : title_start])
            ]
            target = self._choose_by_title(
                referrer.agreement, matched, after={d.date for d in after}, before={d.date for d in before}
            )
            if target is not None:
                resolution.add(target.pax_id, "title")
                used_dates.update(d.start for d in [*after, *before] if d.date == target.date)
        for date in dates:
            leading = re.split(r"[\n;]", text[max(0, date.start - DOCUMENT_BEFORE_DATE) : date.start])[-1]
            trailing = re.split(r"[\n;,.(]", text[date.end : date.end + DOCUMENT_AFTER_DATE])[0]
            if date.start in used_dates or not (_DOCUMENT.search(leading) or _DOCUMENT.search(trailing)):
                continue
            target = self._choose_by_date(referrer, date)
            if target is not None:
                resolution.add(target.pax_id, "date")
        resolution.links.pop(referrer.agreement.pax_id, None)
        return resolution

    # --- by title -----------------------------------------------------------------------------

    def _title_matches(self, text: str, words: list[_Word]) -> Iterator[tuple[int, int, list[Candidate]]]:
        """(first word, past the last word, candidates) of each title found whole and not inside a longer one."""
        spans: list[tuple[int, int, tuple[str, ...]]] = []
        folded = [w.folded for w in words]
        for i in range(len(words) - 1):
            for title, _ in self.by_start.get((folded[i], folded[i + 1]), ()):
                end = i + len(title)
                if tuple(folded[i:end]) == title:
                    spans.append((i, end, title))
        # A title covered by a longer title found at the same place is not the one named.
        kept = [
            (i, end, title)
            for i, end, title in spans
            if not any(o_i <= i and end <= o_end and (o_end - o_i) > (end - i) for o_i, o_end, _ in spans)
        ]
        for i, end, title in dict.fromkeys(kept):
            if self._runs_on(text, words, i, end) or not self._written_as_title(words, i, end, title):
                continue
            matched = [c for t, c in self.by_start[(title[0], title[1])] if t == title]
            yield i, end, matched

    @staticmethod
    def _written_as_title(words: list[_Word], start: int, end: int, title: tuple[str, ...]) -> bool:
        """A short title is named as a title, capitalised: "the ceasefire agreement reached" names none."""
        return len(title) >= MIN_LOWER_CASE_TITLE_WORDS or not words[start].text[0].islower()

    @staticmethod
    def _runs_on(text: str, words: list[_Word], start: int, end: int) -> bool:
        """Does the text run on around the title in capitalised words (a longer title)?"""
        span = text[words[start].start : words[end - 1].end]
        if span.upper() == span:
            return False  # a title in capitals: the case of its neighbours says nothing
        if end < len(words):
            after = words[end]
            between = text[words[end - 1].end : after.start]
            if between.strip(" -") == "" and "\n" not in between and _capitalised(after):
                return True
        if start > 0:
            before = words[start - 1]
            between = text[before.end : words[start].start]
            if between.strip(" -") == "" and "\n" not in between and _capitalised(before):
                return True
        return False

    def _choose_by_title(
        self, referrer: Candidate, matched: list[Candidate], *, after: set[dt.date], before: set[dt.date]
    ) -> Candidate | None:
        """The one agreement of this title the reference names, nearest first; ``None`` if it cannot tell.

        A date written after the title is the agreement's own: no candidate of that date, no
        link. A title several PA-X agreements bear ("Ceasefire Agreement") names one only
        with its date.
        """
        earlier = [c for c in matched if c.pax_id != referrer.pax_id and _not_later(c, referrer)]
        dated = [c for c in earlier if c.date in after | before]
        if dated:
            earlier = dated
        elif after or len(matched) > 1:
            return None
        # A short title ("Peace Agreement") names an agreement of the same peace process only.
        short = len(fold(matched[0].title).split()) < MIN_PLACE_TITLE_WORDS if matched else True
        for tier in (_same_process,) if short else (_same_process, _same_place):
            found = [c for c in earlier if tier(c, referrer)]
            if found:
                return found[0] if len(found) == 1 else None
        if short:
            return None
        regional = [c for c in earlier if c.region and c.region == referrer.region]
        if len(regional) == 1 and len(matched) == 1:
            title = fold(regional[0].title)
            if len(title) >= MIN_REGIONAL_TITLE_CHARS and len(title.split()) >= MIN_REGIONAL_TITLE_WORDS:
                return regional[0]
        return None

    # --- by date ------------------------------------------------------------------------------

    def _choose_by_date(self, referrer: Referrer, date: _Date) -> Candidate | None:
        agreement = referrer.agreement
        found = [
            c
            for c in self.by_date.get(date.date, ())
            if c.pax_id != agreement.pax_id and _not_later(c, agreement) and _same_process(c, agreement)
        ]
        if len(found) <= 1:
            return found[0] if found else None
        # Several that day: the one whose title shares clearly most words with the passage.
        passage = set(fold(referrer.text[max(0, date.start - 200) : date.end + 100]).split())
        scored = sorted(((len(set(fold(c.title).split()) & passage - _COMMON), c) for c in found), key=lambda s: -s[0])
        best, runner_up = scored[0][0], scored[1][0]
        return scored[0][1] if best >= 2 and best > runner_up else None


_BREAK = re.compile(r"[;\n]")
_COMMON = frozenset(word_list("the of and on in for to a an between agreement"))


def _capitalised(word: _Word) -> bool:
    first = word.text[0]
    return first.isupper() and word.folded not in _NOT_TITLE_WORDS and word.folded not in _MONTHS


def _not_later(candidate: Candidate, referrer: Candidate) -> bool:
    return candidate.date is None or referrer.date is None or candidate.date <= referrer.date


def _same_process(candidate: Candidate, referrer: Candidate) -> bool:
    return bool(candidate.process) and fold(candidate.process) == fold(referrer.process)


def _same_place(candidate: Candidate, referrer: Candidate) -> bool:
    shared = set(candidate.countries) & set(referrer.countries)
    return bool(shared) or (bool(candidate.conflict) and fold(candidate.conflict) == fold(referrer.conflict))
