"""Definitions written as `Term: meaning`, `**Term**: meaning`, `[[Term]] : meaning`."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..model import Card, Kind, Note
from ..text import card_markdown, plain
from . import rule
from ._common import make_card, prose_blocks

_COLON_DEFINITION = re.compile(
    r"""^(?P<term>\*\*[^*\n]+?:?\*\*|__[^_\n]+?:?__|\[\[[^\]\n]+\]\]|[^:\n`]{0,200}?[^:\s`])  # the term
        \s*:(?!:)\s*(?:\*\*\s*)?                                              # the colon
        (?P<meaning>\S.*)$""",
    re.X,
)

# `Name: text` lines of minutes, journals and metadata: never definitions.
_META_TERMS = {
    "action",
    "action items",
    "agenda",
    "answer",
    "attendees",
    "author",
    "authors",
    "date",
    "decision",
    "decisions",
    "deadline",
    "due",
    "edit",
    "example",
    "e.g",
    "location",
    "link",
    "links",
    "note",
    "notes",
    "owner",
    "participants",
    "question",
    "q",
    "a",
    "re",
    "ref",
    "related",
    "source",
    "sources",
    "speaker",
    "status",
    "subject",
    "summary",
    "tags",
    "time",
    "title",
    "todo",
    "to do",
    "topic",
    "update",
    "url",
    "when",
    "where",
    "who",
    "why",
    "warning",
    "tip",
    "important",
    "nb",
    "ps",
    "see",
    "see also",
    "result",
}


def term_shaped(term: str) -> bool:
    """A few words naming a thing: not a sentence, not a metadata key."""
    words = term.split()
    if not words or len(words) > 6 or len(term) > 60:
        return False
    if term.lower().strip(" .") in _META_TERMS or term[-1] in ".?!,;":
        return False
    if term.count("[") != term.count("]") or term.count("(") != term.count(")"):
        return False
    return not re.search(r"\d{1,2}:\d{2}|https?:|\]\(", term)


def _term_of(raw: str) -> str:
    return plain(raw.strip().strip("*_").rstrip(":").strip())


@rule("colon-definition", priority=40)
def colon_definition(note: Note) -> Iterator[Card]:
    """`Term: meaning` at the start of a line or list item."""
    for block in prose_blocks(note):
        for line, text in block.lines():
            match = _COLON_DEFINITION.match(text.strip())
            if not match:
                continue
            term = _term_of(match.group("term"))
            meaning = card_markdown(match.group("meaning"))
            if not term_shaped(term) or len(meaning.split()) < 2:
                continue
            yield make_card(Kind.DEFINITION, term, meaning, note, block, "colon-definition", line=line)
