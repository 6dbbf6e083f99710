"""Text folding for search: case-, accent- and punctuation-insensitive matching.

Search must behave the same on SQLite and PostgreSQL, and neither folds
accents the same way out of the box (PostgreSQL needs ``unaccent``, SQLite has
nothing). So every searchable row stores a folded copy of its text
(``search_text``), computed here in Python, and a query is folded the same way
before it is matched with a plain ``LIKE``. ``Erdoğan`` and ``Erdogan`` both
fold to ``erdogan``; ``al-Serraj`` and ``al Serraj`` to ``al serraj``.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

# Letters that Unicode does not decompose into a base letter plus a mark.
_SPECIAL = str.maketrans(
    {
        "ı": "i",
        "ø": "o",
        "Ø": "o",
        "æ": "ae",
        "Æ": "ae",
        "œ": "oe",
        "Œ": "oe",
        "đ": "d",
        "Đ": "d",
        "ł": "l",
        "Ł": "l",
        "þ": "th",
        "Þ": "th",
        "ð": "d",
        "ß": "ss",
        "ʼ": "'",
        "’": "'",
        "‘": "'",
        "`": "'",
    }
)
_NON_WORD = re.compile(r"[\W_]+", re.UNICODE)


@lru_cache(maxsize=1)
def _combining() -> dict[int, None]:
    """Every combining mark, to delete in one ``str.translate`` (far faster than a test per character)."""
    return dict.fromkeys(cp for cp in range(sys.maxunicode + 1) if unicodedata.combining(chr(cp)))


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Fold ``text`` for matching: lower case, no accents, words separated by one space.

    Memoised: importers fold the same names and words again and again (the PA-X
    parties parser, millions of times per release), and folding is pure.
    """
    text = unicodedata.normalize("NFKD", text.translate(_SPECIAL)).translate(_combining()).casefold()
    # Apostrophes join (Qadhdhafi's -> qadhdhafis); other punctuation separates.
    text = text.replace("'", "")
    return _NON_WORD.sub(" ", text).strip()


def fold_all(parts: Iterable[str | None]) -> str:
    """Fold several fields into one searchable string."""
    return " ".join(f for f in (fold(p) for p in parts if p) if f)


def search_terms(query: str) -> list[str]:
    """The folded words of a search query; each must match for a row to match."""
    return [term for term in fold(query).split(" ") if term][:10]
