"""Questions the notes ask: items of a Questions / Review questions / Quiz / FAQ section."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..model import Block, Card, Kind, Note
from ..text import card_markdown
from . import rule
from ._common import heading_words, make_card, prose_blocks

_QUESTION_SECTION = re.compile(
    r"^(?:(?:review|practice|study|open|key|exam|self[- ]?check|test|my|some)\s+)?"
    r"(?:questions?|quiz(?:zes)?|self[- ]?test|faqs?|q\s*&\s*a|q\s*and\s*a|flashcards)\b",
    re.I,
)


def in_question_section(block: Block) -> bool:
    return any(_QUESTION_SECTION.match(heading_words(title)) for title in block.section)


def is_question(text: str) -> bool:
    return text.rstrip(" *_)").endswith("?")


def answer_of(block: Block) -> str:
    """The answer a question item's children give: the children that are not questions."""
    parts: list[str] = []
    for child in block.children:
        if child.kind in ("item", "paragraph") and not is_question(child.text):
            text = card_markdown(child.text)
            if text:
                parts.append(f"- {text}" if child.kind == "item" else text)
            parts.extend(answer_of(child).split("\n") if child.children else ())
    return "\n".join(p for p in parts if p)


@rule("questions-section", priority=20)
def questions_section(note: Note) -> Iterator[Card]:
    """Every question item of a Questions section is a card; nested questions are cards too."""
    for block in prose_blocks(note):
        if not in_question_section(block) or not is_question(block.text):
            continue
        answer = answer_of(block)
        yield make_card(
            Kind.QUESTION, card_markdown(block.text), answer, note, block, "questions-section", open=not answer
        )
