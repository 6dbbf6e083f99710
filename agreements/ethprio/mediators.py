"""Mediators' names in ETH/PRIO's ``mediator_send`` cells, split only where the separator is evident.

The cells are a name ("UN", "Kofi Annan (SG UN)"), a list of names ("OSCE,
Russia"; "Mohamed Ould Abdel Aziz (AU), Albert Koenders (UN)"), or a phrase
("ECOWAS committee composed of Nigeria, Ghana, Guinea, Ivory Coast"; "Stipe
Mesic, chairmain of Yugoslavia's collective presidency"). The only separator
in the 2022 release is a comma, and it separates names only in lists: a cell
is split at its commas (outside brackets) when every part reads as a proper
name, its words capitalised but for the small words inside names ("League of
Arab States", "Authority on Development", "the Islamic Conference
Organisation"). Otherwise the cell is one name, as written; nothing is dropped
or reworded beyond runs of spaces. "And" is never a separator: it joins words
inside names ("Hawiye Cultural and Unity Council"). ``0`` (no mediator) and
``-1`` give no names; the raw cell stays with the row.
"""

from __future__ import annotations

import re

# Words that stay lower-case inside proper names.
_NAME_WORDS = frozenset({"of", "on", "for", "the", "and", "de", "al", "bin"})
_BRACKETED = re.compile(r"\([^()]*\)")
_NO_NAMES = frozenset({"", "0", "-1"})


def _top_level_parts(text: str) -> list[str]:
    """Split at commas outside brackets."""
    parts: list[str] = []
    current: list[str] = []
    depth = 0
    for char in text:
        depth += (char == "(") - (char == ")")
        if char == "," and depth == 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    return [" ".join(part.split()) for part in parts]


def _reads_as_a_name(part: str) -> bool:
    words = _BRACKETED.sub(" ", part).split()
    return bool(words) and all(word[0].isupper() or word[0].isdigit() or word in _NAME_WORDS for word in words)


def mediator_names(cell: str) -> list[str]:
    """The names in a ``mediator_send`` cell: split at commas only where every part is a name."""
    text = " ".join(cell.split())
    if text in _NO_NAMES:
        return []
    if '"' in text:
        return [text]  # a quotation is the coders' words, not a list
    parts = _top_level_parts(text)
    if len(parts) > 1 and all(_reads_as_a_name(part) for part in parts):
        return parts
    return [text]
