"""A card's claimed lines are kept from rules later in the list, and only from those."""

from __future__ import annotations

from collections.abc import Iterator

from cards.extract import Rule, extract
from cards.extract._view import NoteView
from cards.model import Card, Kind, NoteFile, Source
from cards.parse import parse_note

NOTE = parse_note(NoteFile(path="Note.md", text="- what are tensors?\n  - vector = 1d array\n  - matrix = 2d array\n"))


def one_per_line(name: str, kind: Kind, claims: tuple[int, ...] = ()) -> Rule:
    def run(view: NoteView) -> Iterator[Card]:
        for block in view.note.walk():
            yield Card(kind, block.text, "its meaning", (Source(view.note.path, block.line),), rule=name, claims=claims)

    return Rule(name, run)


def test_lines_a_card_claims_give_no_card_to_a_later_rule() -> None:
    question = Rule("question", lambda view: [next(iter(one_per_line("q", Kind.QUESTION, (2, 3)).func(view)))])
    definitions = Rule("definitions", one_per_line("definitions", Kind.DEFINITION).func)
    got = [(c.kind, c.source.line) for c in extract(NOTE, [question, definitions])]
    assert got == [(Kind.QUESTION, 1)]


def test_without_claims_every_line_is_free() -> None:
    question = Rule("question", lambda view: [next(iter(one_per_line("q", Kind.QUESTION).func(view)))])
    definitions = Rule("definitions", one_per_line("definitions", Kind.DEFINITION).func)
    got = [(c.kind, c.source.line) for c in extract(NOTE, [question, definitions])]
    assert got == [(Kind.QUESTION, 1), (Kind.DEFINITION, 2), (Kind.DEFINITION, 3)]


def test_a_card_with_an_empty_front_is_dropped_and_claims_no_line() -> None:
    def blank_then_real(view: NoteView) -> Iterator[Card]:
        yield Card(Kind.QUESTION, " ", "", (Source(view.note.path, 1),), rule="blank")

    blank = Rule("blank", blank_then_real)
    definitions = Rule("definitions", one_per_line("definitions", Kind.DEFINITION).func)
    got = [(c.kind, c.source.line) for c in extract(NOTE, [blank, definitions])]
    assert got == [(Kind.DEFINITION, 1), (Kind.DEFINITION, 2), (Kind.DEFINITION, 3)]
