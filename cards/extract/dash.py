"""Definitions written as list items `Term - meaning`, `Term – meaning`, `Term — meaning`, the term
also as a link (`[PyTorch](https://pytorch.org) - a machine learning framework`) or a wikilink."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..model import Card, Kind, Note
from ..text import meaning_text, plain, term_text
from . import rule
from ._common import make_card
from .definitions import code_like, definition_blocks, not_a_meaning, task_like, term_shaped

_DASH_DEFINITION = re.compile(
    r"""^(?P<term>(?:\[[^\]\n]+\]\([^)\s]*\)|\[\[[^\]\n]+\]\]|\*\*[^*\n]+\*\*|__[^_\n]+__|[^\[\]()\n]+?)
        (?P<aside>\s*\([^()\n]{1,40}\))?)  # `Stochastic gradient descent (SGD)`: an acronym or aside
        \s*(?:(?<=[\s)\]*_])-|[–—]|\s--)\s*(?P<meaning>\S.*)$""",
    re.X,
)
# A description that is a cross-reference, a remark or a verdict, not what the thing is.
_NOT_MEANING_START = re.compile(
    r"^(?:also|see|via|from|by|and|or|but|same|more|less|like|my|our|great|good|nice|cool|awesome|best|"
    r"recommended|must|todo|done|read|watch|watched|buy|bought|pending|wip|loved|liked|hated|enjoyed|boring|"
    r"meh|ok|okay|fun|solid|decent|amazing|excellent|brilliant|terrible|awful|worth|overrated|underrated|"
    r"finished|started|\d)\b",
    re.I,
)
_MARKED_TERM = re.compile(r"^(?:\[|\*\*|__)")


@rule("dash-definition", priority=42)
def dash_definition(note: Note) -> Iterator[Card]:
    """A list item whose first line is a term, a dash and what the term is."""
    for block, _ in definition_blocks(note):
        if block.kind != "item":
            continue
        line, text = block.lines()[0]
        match = _DASH_DEFINITION.match(text.strip())
        if not match:
            continue
        raw_term, meaning = match.group("term"), match.group("meaning")
        term = term_text(raw_term)
        bare = term_text(raw_term[: len(raw_term) - len(match.group("aside") or "")])
        if not term_shaped(bare, 6 if _MARKED_TERM.match(raw_term) else 4) or code_like(bare) or task_like(bare):
            continue
        words = plain(meaning)
        if not_a_meaning(meaning) or _NOT_MEANING_START.match(words) or len(words.split()) < 2:
            continue
        # a link list's second sentence is commentary ("Opinion: ..."), not the meaning
        back, extra = meaning_text(meaning, min_words=3)
        yield make_card(Kind.DEFINITION, term, back, note, block, "dash-definition", line=line, extra=extra)
