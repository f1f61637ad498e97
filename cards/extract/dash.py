"""Definitions written as list items `Term - meaning`, `Term – meaning`, `Term — meaning`, the term
also as a link (`[PyTorch](https://pytorch.org) - a machine learning framework`) or a wikilink."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..model import Block, Card, Kind, Note
from ..text import meaning_text, plain, term_text
from ._common import make_card
from ._terms import code_like, entry_line, not_a_meaning, task_like, term_shaped
from ._title import defining_paragraph
from ._view import NoteView

_DASH_DEFINITION = re.compile(
    r"""^(?P<term>(?:\[[^\]\n]+\]\([^)\s]*\)|\[\[[^\]\n]+\]\]|\*\*[^*\n]+\*\*|__[^_\n]+__|[^\[\]()\n]*?[^\[\]()\s])
        (?P<aside>\s*\([^()\n]{1,40}\))?)  # `Stochastic gradient descent (SGD)`: an acronym or aside
        \s*(?:(?<=[\s)\]*_])-(?![\d.])|[–—]|\s--)\s*(?P<meaning>\S.*)$""",
    re.X,
)
# A description that is a cross-reference, a remark or a verdict, not what the thing is.
_NOT_MEANING_START = re.compile(
    r"^(?:also|see|via|from|by|and|or|but|same|more|less|like|my|our|great|good|nice|cool|awesome|best|"
    r"recommended|must|todo|done|read|watch|watched|buy|bought|pending|wip|loved|liked|hated|enjoyed|boring|"
    r"meh|ok|okay|fun|solid|decent|amazing|excellent|brilliant|terrible|awful|worth|overrated|underrated|"
    r"finished|started|slow|beautiful|gorgeous|funny|hilarious|sad|weird|strange|confusing|dull|gripping|stunning|"
    r"lovely|mediocre|fine|underwhelming|intense|predictable|so|really|too|pretty|quite|kinda|not|\d)\b",
    re.I,
)
_MARKED_TERM = re.compile(r"^(?:\[|\*\*|__)")


def dash_definition(view: NoteView) -> Iterator[Card]:
    """A list item whose first line is a term, a dash and what the term is."""
    note = view.note
    for block, _ in view.definition_blocks():
        # a list item's first line; in a paragraph, every line whose term is marked (`**Recall** — ...`)
        lines = block.lines()[:1] if block.kind == "item" else block.lines()
        # a paragraph made only of entry lines (`bonjour = hello` / `avoir faim – to be hungry`) is a glossary
        glossary = block.kind == "paragraph" and len(lines) > 1 and all(entry_line(t.strip()) for _, t in lines)
        previous = ""
        for line, text in lines:
            # a line of a paragraph starts an entry after an ended sentence, not inside a wrapped one
            starts_entry = not previous or previous[-1:] in ".!?:;)" or _DASH_DEFINITION.match(previous)
            previous = text.strip()
            if block.kind != "item" and not glossary and not (_MARKED_TERM.match(text.strip()) and starts_entry):
                continue
            match = _DASH_DEFINITION.match(text.strip())
            if not match or (block.kind != "item" and not glossary and not _MARKED_TERM.match(match.group("term"))):
                continue
            card = _card(note, block, line, match)
            if card:
                yield card


def _card(note: Note, block: Block, line: int, match: re.Match[str]) -> Card | None:
    """The card of one `Term - meaning` line, or None when the term or the meaning is no such thing."""
    raw_term, meaning = match.group("term"), match.group("meaning")
    term = term_text(raw_term)
    bare = term_text(raw_term[: len(raw_term) - len(match.group("aside") or "")])
    marked = _MARKED_TERM.match(raw_term) is not None
    if not term_shaped(bare, 6 if marked else 4) or code_like(bare, marked) or task_like(bare):
        return None
    words = plain(meaning)
    if not_a_meaning(meaning) or _NOT_MEANING_START.match(words) or len(words.split()) < 2:
        return None
    # a link list's second sentence is commentary ("Opinion: ..."), not the meaning
    back, extra = meaning_text(meaning, min_words=3)
    return make_card(Kind.DEFINITION, term, back, note, block, "dash-definition", line=line, extra=extra)


# What a defining noun phrase goes on with: "the rate *of* change", "a model *that* ...".
_DEFINING_LINK = re.compile(r"\b(?:of|that|which|who|whose|where|used|for|when|whereby)\b", re.I)


def outline_definition(view: NoteView) -> Iterator[Card]:
    """Lecture outlines: an item that is only a term, with one nested item saying what it is
    (`- Velocity` / `    - the rate of change of position`)."""
    note = view.note
    for block, _ in view.definition_blocks():
        if block.kind != "item" or len(block.children) != 1 or len(block.lines()) != 1:
            continue
        child = block.children[0]
        if child.kind != "item" or child.children or len(child.text) > 500 or "::" in child.text:
            continue
        term = term_text(block.text)
        if not term_shaped(term, 6 if _MARKED_TERM.match(block.text.strip()) else 4):
            continue
        if code_like(term) or task_like(term) or re.search(r"[-–—:=]\s", plain(block.text).rstrip(":")):
            continue
        words = plain(child.text).split()
        if len(words) < 4 or not _DEFINING_LINK.search(plain(child.text)) or not_a_meaning(child.text):
            continue
        # a noun phrase or a gerund: "Packing / chargers for all of the devices" is a list, no meaning
        opener = words[0].lower()
        named = _names_term(plain(child.text), term)  # "Batch size determines ..." under `**Batch Sizes**:`
        if opener not in ("a", "an", "the", "any", "when", "how") and not opener.endswith("ing") and not named:
            continue
        if not named and not defining_paragraph(child.text, term):
            continue
        back, extra = meaning_text(child.text)
        yield make_card(Kind.DEFINITION, term, back, note, block, "outline-definition", line=block.line, extra=extra)


def _names_term(text: str, term: str) -> bool:
    """The text opens with the term, singular or plural, and a verb in the present: "Batch size
    determines ..." under `**Batch Sizes**:`."""
    low, name = text.lower().lstrip(), term.lower().strip()
    names = {name, re.sub(r"s$", "", name), re.sub(r"es$", "", name)}
    return any(
        len(n) >= 3 and re.match(rf"{re.escape(n)}(?:e?s)?\s+(?!{_NO_VERB}\b)[a-z]{{2,}}\s", low) is not None
        for n in names
    )


_NO_VERB = r"(?:of|and|or|in|for|with|to|from|on|at|by|that|which|who|as|vs|versus|like|such|the|a|an)"
