"""Every fixture note gives exactly the cards its fixture lists (tests/fixture_cases.py)."""

from __future__ import annotations

import pytest
from fixture_cases import Case, card_line, load_cases

from cards.extract import extract
from cards.model import NoteFile
from cards.parse import parse_note

CASES = load_cases("extract")


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_fixture(case: Case) -> None:
    note = parse_note(NoteFile(path=case.path, text=case.note))
    got = tuple(card_line(c.kind, c.source.line, c.front, c.back.rstrip()) for c in extract(note))
    assert got == tuple(line.rstrip() for line in case.expected)
