"""Fact bullets that name an API: the names in code are what a programmer learns.

    # Kotlin coroutines        ->  cloze  "Kotlin coroutines: {{c1::`runBlocking`}} waits for all
    - `runBlocking` waits for all its children, `coroutineScope` does not block     its children,
                                              {{c2::`coroutineScope`}} does not block"

The prompt names the note's title: the library or tool the names belong to.

Only list items that say something in words about one to three names (`runBlocking`,
`@EnableWebSecurity`, `process.nextTick()`): a lone name opens the line as its subject. Not
commands, expressions, cheat-sheet lines (`Get column names: df.columns` is a definition) or
lines that are mostly code.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..model import Card, Kind
from ..text import card_markdown, plain
from ._common import LABELLED_LINE, is_task, make_card, silent_section
from ._context import chapter_topic, exam_objective, generic_label, note_title, reading_list, subject_of, unnumbered
from ._terms import CODE_NAME
from ._view import NoteView

_SPAN = re.compile(r"(?<!`)`([^`\n]+)`(?!`)")
_NAME = re.compile(rf"^{CODE_NAME}$")
_WORD = re.compile(r"[^\W\d_]{2,}")
_MIN_WORDS = 5
_MAX_WORDS = 40
_MAX_NAMES = 3
# A step of a tutorial or a project, said as an order to the hands at the keyboard: what one build
# did, not what the names do. (Not "Ensure every `malloc` has a `free`", "Set condition codes with
# `cmp`": advice and an algorithm's steps say what the names are for.)
_STEP = re.compile(
    r"^(?:(?:first|then|next|now|finally)\s*,?\s+)?(?:in\s+[^,]{1,40},\s+)?(?:add|refactor|install|run|open|update"
    r"|rename|import|put|edit|copy|paste|type|enter|click|select|navigate|go\s+to)\b",
    re.I,
)
_LINK_LINES = re.compile(r"(?:\n\s*\[[^\]\n]*\]\([^)\n]*\)\s*)+$")


def _clozed(text: str) -> str | None:
    """The item with each name in code hidden, or None when it is not a fact about names."""
    spans = list(_SPAN.finditer(text))
    if not 1 <= len(spans) <= _MAX_NAMES or not all(_NAME.match(m.group(1).strip()) for m in spans):
        return None
    prose = _SPAN.sub(" ", text)
    if len(_WORD.findall(prose)) < _MIN_WORDS or len(text.split()) > _MAX_WORDS:
        return None
    if len(spans) == 1 and spans[0].start() > 0:
        return None  # one name in passing: the line is about something else
    if len({m.group(1) for m in spans}) != len(spans):
        return None  # the same name twice: the card would show it in the other gap
    out, last = [], 0
    for n, match in enumerate(spans, 1):
        out.append(text[last : match.start()])
        out.append(f"{{{{c{n}::`{match.group(1)}`}}}}")
        last = match.end()
    out.append(text[last:])
    return "".join(out)


def code_cloze(view: NoteView) -> Iterator[Card]:
    """A list item that says in words what one to three names in code do: a cloze of the names."""
    note = view.note
    for block in view.prose():
        if block.kind != "item" or is_task(block) or silent_section(block):
            continue
        text = _LINK_LINES.sub("", block.text.strip())  # "[Resource](...)" on the next line runs on into the item
        if "\n" in text:
            continue
        if text.endswith(("?", ":")) or LABELLED_LINE.match(plain(text)) or "{{" in text:
            continue
        if not text.startswith("`") and _STEP.match(plain(text)):  # (`RUN` runs commands: a name)
            continue  # "Add `checkpointer` to the graph", "In `TEMPLATES`, add ...": a step of one project
        if any(reading_list(plain(t)) for t in block.section):
            continue
        front = _clozed(text)
        if front is None:
            continue
        front = card_markdown(front)  # `[[Logic|conjunctive]]` shown as "conjunctive", as on every card
        # the note's title names the library or tool; its sections ("Internals") are parts of it
        title = note_title(note)
        # "Documentation", or an exam's objective ("Connect to and Consume Azure Services (20-25%)"):
        # the section names the tool better ("Azure Search")
        headings = tuple(unnumbered(plain(t).strip()) for t in block.section)
        if generic_label(title) or exam_objective(note):
            title = subject_of(headings) or title
        # a book's notes: the chapter's topic ("Chapter 14: Memory API") names what the names are of
        title = chapter_topic(headings) or title
        yield make_card(Kind.CLOZE, f"{title}: {front}", "", note, block, "code-cloze")
