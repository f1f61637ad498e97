"""Questions that are blocks of their own: a heading that asks (`## What is cross-validation?`),
answered by its section's text, and `> [!question]` / `> [!faq]` callouts, whose title asks and
whose body answers, or which hold a matching exercise and its key."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..model import Block, Card, Kind
from ..text import plain
from ._common import QUOTE_CALLOUTS, block_lines, card_markdown, is_task, make_card, only_links, silent_section
from ._questions import (
    PROMPT_VERB,
    QUESTION_CALLOUTS,
    REFLECTION,
    WH_WORD,
    answer_parts,
    asks,
    is_question,
    item_answer,
    question_card,
    question_front,
)
from ._view import NoteView


def _section_body(blocks: tuple[Block, ...], start: int) -> list[Block]:
    """What a heading's section says: its own text up to the next heading; when it has none,
    its subsections (titles included) up to the next heading of its level."""
    level = blocks[start].depth
    body: list[Block] = []
    for block in blocks[start + 1 :]:
        own_text = bool(body) and body[0].kind != "heading"
        if block.kind == "heading" and (own_text or block.depth <= level):
            break
        if block.kind in ("paragraph", "item", "quote", "math", "code", "table", "heading") or (
            block.kind == "callout" and block.meta.get("type") not in QUOTE_CALLOUTS
        ):
            body.append(block)
    return body if any(b.kind != "heading" for b in body) else []


def question_heading(view: NoteView) -> Iterator[Card]:
    """`## What is cross-validation?`: the text under the heading, up to the next heading, answers it."""
    note = view.note
    blocks = note.blocks
    for i, block in enumerate(blocks):
        if block.kind != "heading" or silent_section(block) or not is_question(block.text):
            continue
        if REFLECTION.search(plain(block.text)):
            continue  # `## What went well?`, `## What did I learn?`: a review template's prompt
        section = _section_body(blocks, i)
        body = [b for b in section if not is_task(b)]
        if section and not body:
            continue  # `## How to fix the build?` over a task list: a plan, not a question
        if body and all(b.kind in ("paragraph", "item") and only_links(b.text) for b in body):
            continue  # a heading over a bookmark (`## How do we boost X?` / [article](url)) asks nothing
        answer, claims = answer_parts(body)
        yield question_card(note, block, "question-heading", question_front(block.text), answer, claims)


def question_callout(view: NoteView) -> Iterator[Card]:
    """`> [!question] Title` / `> [!faq]- Title`: the title asks, the body answers. Without a
    title, the body's first line asks."""
    note = view.note
    for block in note.walk():
        if block.kind != "callout" or block.meta.get("type") not in QUESTION_CALLOUTS or silent_section(block):
            continue
        title = str(block.meta.get("title") or "")
        children = list(block.children)
        line = block.line
        if plain(title).lower().strip(" :") in ("", "question", "faq", "help", "q"):
            if not children or children[0].kind != "paragraph":
                continue
            first, _, rest = children[0].text.partition("\n")
            title, line = first, children[0].line
            children[0] = Block("paragraph", rest, children[0].line + 1) if rest.strip() else children[0]
            if not rest.strip():
                children = children[1:]
        if not plain(title):
            continue
        if not (is_question(title) or PROMPT_VERB.match(plain(title)) or WH_WORD.match(plain(title))):
            # `> [!question] Open questions` over a list: each question item asks; a topic
            # title (`> [!faq] Pricing`) asks nothing
            for item in children:
                asked = asks(item.text, min_answer_words=1) if item.kind == "item" else None
                if asked is not None:
                    answer, claims = item_answer(item, asked[1])
                    yield question_card(note, item, "question-callout", question_front(asked[0]), answer, claims)
            continue
        answer, claims = answer_parts(children)
        yield question_card(note, block, "question-callout", question_front(title), answer, claims, line=line)


# "a) Receptive field", "n) Region of input ...": one labelled entry of a side of a matching exercise
_SIDE = re.compile(r"^\(?(?P<label>[a-z]|\d{1,2})[).]\s+(?P<text>\S.*)$", re.I)
# "a) -> q)", "b → 3", "c = n": the key, pairing a label of one side with a label of the other
_KEY = re.compile(r"^\(?(?P<left>[a-z]|\d{1,2})\)?\s*(?:->|\u2192|=>|=)\s*\(?(?P<right>[a-z]|\d{1,2})\)?\.?$", re.I)


# "Match the programming language to its built-in timing function.": what the second side holds
_MATCH_ASKS = re.compile(
    r"^match\s+(?:(?:each|every|the|these|a)\s+)?.+?\s+(?:to|with)\s+(?:(?:its|their|the|a|an)\s+)?"
    r"(?:(?:correct|corresponding|matching|right|appropriate)\s+)?(?P<asked>[^.?!:]+?)\s*[.?!:]?\s*$",
    re.I,
)
# a second side that holds meanings or examples, whose term is the whole prompt (an example asked of
# a term is no card of its own)
_MEANINGS = frozenset(
    """definition definitions description descriptions meaning meanings explanation explanations profile role roles
    purpose purposes concept concepts items item statement statements option options answer answers match matches
    counterpart counterparts pair pairs what example examples instance instances""".split()
)


def _asked_of_each(title: str) -> str:
    """What a matching exercise's title asks of each entry of its first side ("built-in timing
    function"), or "" when it asks for their meanings ("its correct definition or profile")."""
    found = _MATCH_ASKS.match(plain(title).strip())
    if not found:
        return ""
    asked = found.group("asked").strip()
    words = set(re.findall(r"[a-z]+", asked.lower()))
    return "" if words & _MEANINGS or len(asked.split()) > 6 else asked.lower()


def matching_quiz(view: NoteView) -> Iterator[Card]:
    """`> [!question] Match the concepts with their explanations.` over two labelled lists and a key
    (`a) -> q)`): each pair is a definition, its entry of the first side the term, the matched entry
    its meaning (which a note on the term says better, when one does). The key alone teaches nothing,
    and no other rule reads the exercise's lines."""
    note = view.note
    for block in note.walk():
        if block.kind != "callout" or block.meta.get("type") not in QUESTION_CALLOUTS or silent_section(block):
            continue
        sides: dict[str, tuple[str, int]] = {}
        keys: list[tuple[str, str]] = []
        for part in block.walk():
            marker = part.meta.get("marker", "") if part.kind == "item" else ""
            for line, text in part.lines():
                if marker in (".", ")") and line == part.line:  # `1. Every block ...`: the number is the label
                    text = f"{part.meta.get('info', '')}{marker} {text.strip()}"
                key = _KEY.match(text.strip())
                side = _SIDE.match(text.strip())
                if key:
                    keys.append((key.group("left").lower(), key.group("right").lower()))
                elif side:
                    sides[side.group("label").lower()] = (side.group("text"), line)
        lefts, rights = {left for left, _ in keys}, {right for _, right in keys}
        if len(keys) < 2 or lefts & rights or not all(label in sides for label in lefts | rights):
            continue  # not a key, or one whose labels the lists above do not all give
        claims = block_lines(block)
        asked = _asked_of_each(str(block.meta.get("title") or ""))
        for left, right in keys:
            front, line = sides[left]
            yield make_card(
                Kind.DEFINITION,
                # "1986", "8300": a year's or a port's entry is asked as it stands, as a date or a number
                f"{card_markdown(front)}: {asked}" if asked and not front[:1].isdigit() else card_markdown(front),
                card_markdown(sides[right][0]),
                note,
                block,
                "matching-quiz",
                line=line,
                claims=claims,
            )
