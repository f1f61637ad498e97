"""What the question rules share: Questions sections and labels, and runs of sibling blocks."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..model import Block, Note
from ._common import block_lines, heading_words

_QUESTION_SECTION = re.compile(
    r"^(?:(?:chapter|ch\.?|week|lecture|lesson|unit|module|part|section|topic|session)\s*[\w.]{1,6}\s*[-\u2013\u2014:.]?\s+)?"
    r"(?:(?:review|practice|study|open|key|exam|self[- ]?check|test|my|some|unanswered|comprehension"
    r"|discussion|frequently asked|check|guiding|essential|recall|interview|exam prep)\s+)?"
    r"(?:questions?|quiz(?:zes)?|self[- ]?test|self[- ]?check|faqs?|q\s*&\s*a|q\s*and\s*a|flashcards"
    r"|test yourself|check your understanding|knowledge check|active recall"
    r"|practice(?: problems?| exercises?)?|exercises?|problem sets?)\b",
    re.I,
)


def in_question_section(block: Block, note: Note | None = None) -> bool:
    """Under a Questions / Quiz / FAQ heading, or anywhere in a note named like one."""
    titles = block.section + ((note.title,) if note is not None else ())
    return any(_QUESTION_SECTION.match(heading_words(title)) for title in titles)


# `Questions`, `Review questions:`, `**Quiz**` as a line of its own: a label, not a sentence.
_QUESTIONS_LABEL = re.compile(r"^(?:\*\*|__)?(?P<label>[^*_:\n]{3,40}?)(?:\s*:)?(?:\*\*|__)?(?:\s*:)?$")


def question_label(block: Block) -> bool:
    """A paragraph that only says `Questions` (or `Review questions:`, `**Quiz**`, ...)."""
    match = _QUESTIONS_LABEL.match(block.text.strip()) if block.kind == "paragraph" and len(block.text) < 50 else None
    if match is None:
        return False
    words = heading_words(match.group("label"))
    found = _QUESTION_SECTION.match(words)
    return found is not None and found.end() == len(words)


def labelled_lists(note: Note) -> frozenset[int]:
    """The blocks (by identity) of each list right under a Questions label (`Questions:` on a
    line of its own): a Questions heading in all but name. Only the whole label counts
    (`Questions for Sam:` is a list of things to ask)."""
    return frozenset(_labelled(note))


def _labelled(note: Note) -> Iterator[int]:
    for run in sibling_runs(note.blocks):
        label: int | None = None  # the line of the label the list goes on from
        listed = False
        end, items, loose = 0, 0, False  # the list so far: its last line, its items, a blank line between two
        for block in run:
            if block.kind != "item":
                label, listed, items, loose = (block.line if question_label(block) else None), False, 0, False
            elif label is not None and (listed or block.line <= label + 2):  # a blank line at most
                gap = items > 0 and block.line > end + 1
                if gap and items >= 2 and not loose:
                    label = None  # a blank line after a tight list: another list, Markdown joins them
                    continue
                listed, items, loose = True, items + 1, loose or gap
                end = max(block_lines(block))
                yield from (id(b) for b in block.walk())
            else:
                label = None


def sibling_runs(blocks: tuple[Block, ...]) -> Iterator[tuple[Block, ...]]:
    yield blocks
    for block in blocks:
        if block.children:
            yield from sibling_runs(block.children)
