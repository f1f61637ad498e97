"""The extractors: small named rules, each `rule(view) -> Iterable[Card]`, in one ordered list.

Rules live one family per module in this package; `RULES` below lists them in the order they run.
When two rules propose cards from the same line, the one earlier in the list wins: an explicit
`Q::A` card is not also read as a `Term: meaning` definition.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace

from ..model import Card, Kind, Note
from . import (
    code_cloze,
    dash,
    definitions,
    explicit,
    formulas,
    glossary,
    highlights,
    lists,
    prose,
    qa_pairs,
    question_blocks,
    questions,
    quoted,
    sections,
    statements,
    title,
)
from ._check import alike, apart, stand_alone
from ._common import course_admin
from ._context import context_of, note_title
from ._view import NoteView

RuleFunc = Callable[[NoteView], Iterable[Card]]


@dataclass(frozen=True, slots=True)
class Rule:
    name: str
    func: RuleFunc


# The order is the order of trust: cards the writer marked come first, then question and answer
# layouts, then definitions by how plainly they are written, then what prose and sections imply.
RULES: tuple[Rule, ...] = (
    Rule("property-definition", definitions.property_definition),
    Rule("anki-cloze", explicit.anki_cloze),
    Rule("card-tag", explicit.card_tag),
    Rule("front-back", explicit.front_back),
    Rule("inline-flashcard", explicit.inline_flashcard),
    Rule("multiline-flashcard", explicit.multiline_flashcard),
    Rule("matching-quiz", question_blocks.matching_quiz),
    Rule("qa-details", qa_pairs.qa_details),
    Rule("qa-pairs", qa_pairs.qa_pairs),
    Rule("qa-table", qa_pairs.qa_table),
    Rule("question-callout", question_blocks.question_callout),
    Rule("question-heading", question_blocks.question_heading),
    Rule("question-list-item", questions.question_list_item),
    Rule("questions-section", questions.questions_section),
    Rule("quoted-question", quoted.quoted_question),
    Rule("enumeration", lists.enumeration),
    Rule("definition-callout", glossary.definition_callout),
    Rule("statement-callout", glossary.statement_callout),
    Rule("highlight-cloze", highlights.highlight_cloze),
    Rule("glossary", glossary.glossary),
    Rule("title-definition", title.title_definition),
    Rule("heading-definition", title.heading_definition),
    Rule("colon-definition", definitions.colon_definition),
    Rule("dash-definition", dash.dash_definition),
    Rule("outline-definition", dash.outline_definition),
    Rule("equals-definition", definitions.equals_definition),
    Rule("prose-definition", prose.prose_definition),
    Rule("title-description", title.title_description),
    Rule("outline-list", lists.outline_list),
    Rule("section-statement", sections.section_statement),
    Rule("section-list", sections.section_list),
    Rule("section-formula", formulas.section_formula),
    Rule("stated-formula", formulas.stated_formula),
    Rule("code-cloze", code_cloze.code_cloze),
    Rule("outline-statement", statements.outline_statement),
    Rule("marked-definition", prose.marked_definition),
)


def select(names: Sequence[str] | None = None) -> list[Rule]:
    """The rules to run, by name (all when names is None), in the order of `RULES`."""
    if names is None:
        return list(RULES)
    known = {r.name for r in RULES}
    unknown = [n for n in names if n not in known]
    if unknown:
        raise KeyError(f"unknown extractor: {', '.join(unknown)} (known: {', '.join(sorted(known))})")
    wanted = set(names)
    return [r for r in RULES if r.name in wanted]


# Files a repository keeps for its tools, not notes: a coding assistant's instructions ("Bold terms on
# first introduction"), how to contribute. Named in capitals by convention; "Agents.md" is a note.
_TOOL_FILES = frozenset(
    "CLAUDE.md CLAUDE.local.md AGENTS.md GEMINI.md copilot-instructions.md CONTRIBUTING.md CODE_OF_CONDUCT.md"
    " CHANGELOG.md".split()
)


def note_opted_out(note: Note) -> bool:
    """Front matter `notecards: false`, a `#nocards` tag, an Excalidraw drawing, or a tool's file."""
    if note.path.lower().endswith(".excalidraw.md") or "excalidraw-plugin" in note.front_matter:
        return True
    if note.path.replace("\\", "/").rsplit("/", 1)[-1] in _TOOL_FILES:
        return True
    flag = next((v for k, v in note.front_matter.items() if k.lower() == "notecards"), True)
    if flag is False or str(flag).strip().lower() in ("false", "no", "off", "0"):
        return True
    return any(t.lower() == "nocards" for t in note.tags)


_WORD = re.compile(r"[^\W_]")
# Characters that show nothing: a zero-width space, a word joiner, a byte-order mark inside the text.
# In a note they may keep Markdown from reading a line ("1.\u200b Not a list"); on a card they only
# keep two prompts that read the same from being one.
_INVISIBLE = re.compile("[\u200b\u2060\ufeff]")


def _visible(card: Card) -> Card:
    """The card without characters that show nothing."""
    texts = (card.front, card.back, card.extra, *card.context)
    if not any(_INVISIBLE.search(t) for t in texts):
        return card
    return replace(
        card,
        front=_INVISIBLE.sub("", card.front).strip(),
        back=_INVISIBLE.sub("", card.back),
        extra=_INVISIBLE.sub("", card.extra),
        context=tuple(_INVISIBLE.sub("", part).strip() for part in card.context),
    )


def extract(note: Note, rules: Sequence[Rule] | None = None, view: NoteView | None = None) -> list[Card]:
    """All cards of one note, one rule's cards per source line (a card's `claims` lines included).

    `view`, the note's NoteView when the caller wants its shared views too (the answers' passages
    read its prose); one is made otherwise."""
    if note_opted_out(note) or course_admin(note_title(note)):
        return []  # opted out, or "M5 Learning Goals": what to be able to do, not what is so
    view = NoteView(note) if view is None else view  # made once for all its rules
    claimed: dict[int, str] = {}
    cards: list[Card] = []
    for r in rules if rules is not None else select():
        for card in r.func(view):
            if not _WORD.search(card.front):
                continue  # a prompt of nothing but markup or punctuation (`??`): no card, no line claimed
            if card.kind is Kind.DEFINITION and not _WORD.search(card.back):
                continue  # a term "defined" by punctuation (`Term` / `: ??`) teaches nothing
            owner = claimed.setdefault(card.source.line, r.name)
            # `#nocards` under a heading skips that section (note-level tags reach every block)
            if owner == r.name and not any(t.lower() == "nocards" for t in card.tags):
                cards.append(card)
                for line in card.claims:
                    claimed.setdefault(line, r.name)
    return finished(view, cards)


def finished(view: NoteView, cards: list[Card]) -> list[Card]:
    """Every candidate card through the one final check, with its context, in line order."""
    note, where = view.note, view.places
    contexts: dict[int, tuple[str, ...]] = {}  # one Place per block, shared by its lines and cards
    out: list[Card] = []
    for card in cards:
        place = where.get(card.source.line)
        key = id(place)
        if key not in contexts:
            contexts[key] = context_of(note, place)
        done = stand_alone(card, contexts[key], place)
        if done is not None:
            out.append(_visible(done))
    out.sort(key=lambda c: c.source.line)
    return alike(apart(out))
