"""Fuzzing: notes generated from a grammar of Markdown and Obsidian syntax keep every invariant
(tests/fuzz_notes.py says which). A short run here; `python bench/fuzz.py 20000` runs a long one."""

from __future__ import annotations

import re

from fuzz_notes import check_invariants, note_file, repeated
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_hostile import visible

from cards.export.html import cloze_html

NAMES = st.sampled_from(["a.md", "My note #1.md", "Ünïcödé 学习.md", "b.markdown"])


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(NAMES, note_file(), min_size=1, max_size=3))
def test_generated_notes_keep_every_invariant(files: dict[str, tuple[str, bytes]]) -> None:
    check_invariants(files)


GOOD = "Entropy: the expected surprise of a random variable.\n"


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(repeated(), min_size=1, max_size=3))
def test_notes_of_one_pattern_repeated_keep_every_invariant(blocks: list[str]) -> None:
    """Hostile shapes beside a good note: no crash, every invariant, and the good note keeps its card."""
    text = "\n\n".join(blocks) + "\n"
    files = {"hostile.md": (text, text.encode()), "good.md": (GOOD, GOOD.encode())}
    check_invariants(files)


TEXT = st.text(st.sampled_from(list("ab1 {}:<&")), max_size=12)
BODY = st.text(st.sampled_from(list("ab1 :<&")), min_size=1, max_size=8).filter(str.strip)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(TEXT, st.one_of(st.none(), BODY, BODY.map(lambda b: "{" + b + "}"))), min_size=1, max_size=5))
def test_cloze_fields_hold_exactly_the_cards_clozes(parts: list[tuple[str, str | None]]) -> None:
    """Whatever braces, colons, `<` and `&` surround or fill them, Anki finds exactly the card's
    clozes in the field (`{{cN::` ... `}}`, as Anki's cloze parser reads it) and the text shows as written."""
    front, clozes, shown, number = "", [], "", 0
    for text, body in parts:
        front += text
        shown += text
        if body is not None:
            number += 1
            front += f"{{{{c{number}::{body}}}}}"
            clozes.append(body)
            shown += body
    field = cloze_html(front)
    found = re.findall(r"\{\{c\d+::(.*?)\}\}", field)
    assert [visible(f) for f in found] == clozes
    assert " ".join(visible(re.sub(r"\{\{c\d+::(.*?)\}\}", r"\1", field)).split()) == " ".join(shown.split())


def test_a_merged_card_may_cite_a_line_it_shows_a_near_identical_answer_for() -> None:
    """Found by a long fuzz run: two notes define "model" with answers one letter apart; the merged
    card shows the answer once (merge.py), so the other note's cited line holds a slip of its word."""
    one, other = "# a\n\nmodel\n: ==Ünïcödé== ::\n", "# b\n\nmodel\n: ==Ünďcödé== ::\n"
    assert check_invariants({"a.md": (one, one.encode()), "b.md": (other, other.encode())}) == 1
