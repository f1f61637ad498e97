"""The rules run in the one order `RULES` lists them, whichever names are asked for."""

from __future__ import annotations

import pytest

from cards.extract import RULES, extract, select
from cards.model import NoteFile
from cards.parse import parse_note


def test_every_rule_is_listed_once_under_its_own_name() -> None:
    names = [r.name for r in RULES]
    assert len(names) == len(set(names)) == 36
    assert names[:2] == ["property-definition", "anki-cloze"]
    assert names[-1] == "marked-definition"


def test_select_keeps_the_list_order_not_the_order_asked() -> None:
    chosen = select(["marked-definition", "colon-definition", "anki-cloze"])
    assert [r.name for r in chosen] == ["anki-cloze", "colon-definition", "marked-definition"]


def test_a_name_asked_twice_runs_once() -> None:
    note = parse_note(NoteFile(path="Terms.md", text="Latency: the time a request waits before it is served.\n"))
    once = extract(note, select(["colon-definition"]))
    assert len(once) == 1
    assert extract(note, select(["colon-definition", "colon-definition"])) == once


def test_an_unknown_name_is_an_error_that_names_it() -> None:
    with pytest.raises(KeyError, match=r"unknown extractor: no-such-rule \(known: anki-cloze, card-tag, "):
        select(["colon-definition", "no-such-rule"])
