"""What the definition rules share: the blocks a definition may come from, recipe sections, and
the people a note names (whose `Name: text` lines are speech, not definitions)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from ..model import Block, Note
from ..text import plain
from ._common import QUOTE_CALLOUTS, heading_words, is_task, silent_section

_RECIPE_SECTION = re.compile(r"^(?:ingredients|equipment|utensils|directions|instructions|method|preparation)\b", re.I)
# Callouts that warn or plan: "Learning rate: too high and the loss explodes" is advice, no definition.
_WARNING_CALLOUTS = frozenset(
    {"warning", "caution", "attention", "danger", "error", "bug", "failure", "fail", "missing", "todo"}
)
_NOT_READ_CALLOUTS = QUOTE_CALLOUTS | _WARNING_CALLOUTS


def definition_blocks(note: Note, quotes: bool = False) -> Iterator[tuple[Block, bool]]:
    """Paragraphs and list items a definition may come from, with whether they sit in a quote.

    Never code, HTML, tables, tasks, silent sections or `[!quote]` callouts. Other callouts are read
    like the note's own text (their title is for the callout rule); plain quotes only when asked for,
    for the prose rule's strict patterns.
    """
    return _definition_blocks(note.blocks, False, quotes)


def _definition_blocks(blocks: tuple[Block, ...], quoted: bool, quotes: bool) -> Iterator[tuple[Block, bool]]:
    for block in blocks:
        if block.kind in ("code", "html", "math", "table", "hr") or is_task(block) or silent_section(block):
            continue
        if block.kind == "callout" and block.meta.get("type") in _NOT_READ_CALLOUTS:
            continue
        if recipe_section(block.section):
            continue
        inner = quoted
        if block.kind == "quote":
            if not quotes:
                continue
            inner = True
        if block.kind in ("paragraph", "item"):
            yield block, quoted
        yield from _definition_blocks(block.children, inner, quotes)


@lru_cache(maxsize=4096)
def recipe_section(section: tuple[str, ...]) -> bool:
    return any(_RECIPE_SECTION.match(heading_words(title)) for title in section)


# Labels of a sequence (`Step 2: ...`, `Lecture 4: ...`) name a place in it, not a term.
_ATTENDEES = re.compile(r"^\W*(?:attendees|participants|present|people|with)\W*:\s*(.+)$", re.I)


def speakers(note: Note) -> frozenset[str]:
    """The people a note of minutes names (`Attendees: Ana, Bo`): their `Name: text` lines are speech.
    So are the lines a reading note gives its author (`author: Yuval Noah Harari`, then `Harari:
    shared myths let strangers cooperate`): the author's claim, by full, first or last name."""
    names: set[str] = set()
    for key, value in note.front_matter.items():
        if key.lower() in ("author", "authors", "speaker", "speakers") and value:
            for name in value if isinstance(value, list) else re.split(r",|;|&|\band\b", str(value)):
                words = re.sub(r"\[\[([^\]|]*\|)?|\]\]", "", str(name)).strip().lower().split()
                names.update((" ".join(words), *words[:1], *words[-1:]))
    for block in note.walk():
        if ":" not in block.text:
            continue
        for _, text in block.lines():
            match = _ATTENDEES.match(text)
            if match:
                for name in re.split(r",|\band\b|&|;", plain(match.group(1))):
                    words = name.strip().lower().split()
                    names.update((" ".join(words), *words[:1]))
    return frozenset(n for n in names if n)
