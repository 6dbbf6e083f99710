"""Text for people to read: long names shortened at a word, never in the middle of one; long lists cut."""

from __future__ import annotations

ELLIPSIS = "…"
# What a shortened text should not end on before its ellipsis.
_TRAILING = " ,;:—–-(/"


def shorten(text: str, limit: int) -> str:
    """``text`` on one line, at most ``limit`` characters: cut after a whole word, with "…", if longer.

    A single word longer than ``limit`` is the only thing ever cut inside a word.
    """
    words = " ".join(text.split())
    if len(words) <= limit:
        return words
    room = limit - len(ELLIPSIS)
    cut = words[:room]
    if words[room] != " " and " " in cut:
        cut = cut.rsplit(" ", 1)[0]  # the word that was cut off goes entirely
    return cut.rstrip(_TRAILING) + ELLIPSIS


def capped(lines: list[str], limit: int | None, what: str, rest: str = "all in the report file") -> list[str]:
    """``lines``, or its first ``limit`` and a line saying how many more ``what`` there are (and where)."""
    if limit is None or len(lines) <= limit:
        return lines
    return [*lines[:limit], f"{ELLIPSIS} and {len(lines) - limit} more {what} ({rest})."]
