"""Every fixture note gives exactly the cards its fixture lists (tests/fixture_cases.py)."""

from __future__ import annotations

import pytest
from fixture_cases import Case, card_line, load_cases

from cards.extract import extract
from cards.model import Card, NoteFile
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
