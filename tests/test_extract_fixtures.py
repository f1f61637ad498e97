"""Every fixture note gives exactly the cards its fixture lists (tests/fixture_cases.py)."""

from __future__ import annotations

import pytest
from fixture_cases import Case, card_line, load_cases

from cards.extract import extract
from cards.model import Card, Kind, NoteFile
from cards.parse import parse_note

CASES = load_cases("extract")


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_fixture(case: Case) -> None:
    note = parse_note(NoteFile(path=case.path, text=case.note))
    got = tuple(card_line(c.kind, c.source.line, c.front, c.back.rstrip()) for c in extract(note))
    assert got == tuple(line.rstrip() for line in case.expected)


CONTEXT_CASES = load_cases("context")


@pytest.mark.parametrize("case", CONTEXT_CASES, ids=[c.id for c in CONTEXT_CASES])
def test_context_fixture(case: Case) -> None:
    """The same, with each card's context (title › headings › lead-in) between kind and front."""
    note = parse_note(NoteFile(path=case.path, text=case.note))
    got = tuple(context_line(c) for c in extract(note))
    assert got == tuple(line.rstrip() for line in case.expected)


def context_line(card: Card) -> str:
    kind_line, rest = card_line(card.kind, card.source.line, card.front, card.back.rstrip()).split(" | ", 1)
    return f"{kind_line} | {' › '.join(card.context)} | {rest}".rstrip()


def test_a_question_left_without_an_answer_is_open() -> None:
    # an open question is listed apart and kept out of the package; one whose answer a check took back
    # (a guess, a line that goes on from another) must be open too, or it is exported blank
    every = [*CASES, *CONTEXT_CASES]
    blank = [
        (case.id, card.front)
        for case in every
        for card in extract(parse_note(NoteFile(path=case.path, text=case.note)))
        if card.kind is Kind.QUESTION and not card.back.strip() and not card.open
    ]
    assert blank == []
