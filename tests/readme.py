"""README.md's own command lines, for the tests that run or check them: the two cannot drift.

A section is what lies between its ``## `` heading and the next one. Its
commands are the lines of its fenced blocks tagged ``sh``, with ``\\``
continuations joined and blank lines and ``#`` comments left out.
"""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"

_FENCED = re.compile(r"^```([^\n`]*)\n(.*?)^```[ \t]*$", re.M | re.S)
_INLINE = re.compile(r"`([^`\n]+)`")


def section(title: str, text: str | None = None) -> str:
    """The section whose ``## `` heading is ``title``."""
    text = README.read_text() if text is None else text
    match = re.search(rf"^## {re.escape(title)}[ \t]*\n(.*?)(?=^## |\Z)", text, re.M | re.S)
    assert match, f"README.md has no section '## {title}'"
    return match.group(1)


def sh_commands(markdown: str) -> list[str]:
    """The commands of the ``sh`` blocks, in order."""
    commands: list[str] = []
    for info, body in _FENCED.findall(markdown):
        if info.strip().split()[:1] != ["sh"]:
            continue
        pending = ""
        for raw in body.splitlines():
            line = raw.strip()
            if not pending and (not line or line.startswith("#")):
                continue
            if line.endswith("\\"):
                pending += line[:-1].rstrip() + " "
                continue
            commands.append(pending + line)
            pending = ""
        assert not pending, f"a continued line ends its block: {pending!r}"
    return commands


def code(text: str | None = None) -> list[str]:
    """Every piece of code the README shows: the lines of its fenced blocks and its inline code."""
    text = README.read_text() if text is None else text
    pieces = [line for _info, body in _FENCED.findall(text) for line in body.splitlines()]
    pieces.extend(_INLINE.findall(_FENCED.sub("", text)))
    return pieces
