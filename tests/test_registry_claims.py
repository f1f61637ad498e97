"""A card's claimed lines are kept from rules later in the list, and only from those."""

from __future__ import annotations

from collections.abc import Iterator

from cards.extract import Rule, extract
from cards.model import Card, Kind, Note, NoteFile, Source
from cards.parse import parse_note

NOTE = parse_note(NoteFile(path="Note.md", text="- what are tensors?\n  - vector = 1d array\n  - matrix = 2d array\n"))


def one_per_line(name: str, kind: Kind, claims: tuple[int, ...] = ()) -> Rule:
    def run(note: Note) -> Iterator[Card]:
        for block in note.walk():
            yield Card(kind, block.text, "its meaning", (Source(note.path, block.line),), rule=name, claims=claims)

    return Rule(name, run)


def test_lines_a_card_claims_give_no_card_to_a_later_rule() -> None:
    question = Rule("question", lambda note: [next(iter(one_per_line("q", Kind.QUESTION, (2, 3)).func(note)))])
    definitions = Rule("definitions", one_per_line("definitions", Kind.DEFINITION).func)
    got = [(c.kind, c.source.line) for c in extract(NOTE, [question, definitions])]
    assert got == [(Kind.QUESTION, 1)]


def test_without_claims_every_line_is_free() -> None:
    question = Rule("question", lambda note: [next(iter(one_per_line("q", Kind.QUESTION).func(note)))])
    definitions = Rule("definitions", one_per_line("definitions", Kind.DEFINITION).func)
    got = [(c.kind, c.source.line) for c in extract(NOTE, [question, definitions])]
    assert got == [(Kind.QUESTION, 1), (Kind.DEFINITION, 2), (Kind.DEFINITION, 3)]


def test_a_card_with_an_empty_front_is_dropped_and_claims_no_line() -> None:
    def blank_then_real(note: Note) -> Iterator[Card]:
        yield Card(Kind.QUESTION, " ", "", (Source(note.path, 1),), rule="blank")

    blank = Rule("blank", blank_then_real)
    definitions = Rule("definitions", one_per_line("definitions", Kind.DEFINITION).func)
    got = [(c.kind, c.source.line) for c in extract(NOTE, [blank, definitions])]
    assert got == [(Kind.DEFINITION, 1), (Kind.DEFINITION, 2), (Kind.DEFINITION, 3)]
