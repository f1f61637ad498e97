"""The cloze rule alone: which sentences it leaves to the definition rules."""

from __future__ import annotations

from cards.extract import extract, select
from cards.model import NoteFile
from cards.parse import parse_note


def clozes(text: str) -> list[str]:
    note = parse_note(NoteFile(path="Note.md", text=text))
    return [c.front for c in extract(note, select(["highlight-cloze"]))]


def test_a_sentence_defining_the_term_it_opens_with_is_left_to_the_definitions() -> None:
    assert clozes("**Gradient clipping** is a way to cap the size of each update.") == []
    assert clozes("The ==learning rate== (step size) refers to how far each update moves.") == []


def test_a_term_later_in_a_defining_sentence_is_still_a_cloze() -> None:
    got = clozes("Capping each update's size is called **gradient clipping** in most libraries.")
    assert got == ["Capping each update's size is called {{c1::gradient clipping}} in most libraries."]


def test_each_sentence_numbers_its_clozes_from_one() -> None:
    got = clozes("A ==kernel== slides over the ==image==. Each filter yields a ==feature map== of the input.")
    assert got == [
        "A {{c1::kernel}} slides over the {{c2::image}}.",
        "Each filter yields a {{c1::feature map}} of the input.",
    ]


def test_a_term_ending_in_a_brace_does_not_close_its_cloze_early() -> None:
    got = clozes("The second moment is usually written ==x^{2}== in statistics books.")
    assert got == ["The second moment is usually written {{c1::x^{2} }} in statistics books."]


def test_math_and_code_keep_their_marks_inside_the_cloze() -> None:
    got = clozes("Mass and energy are linked by ==$E = mc^2$== in special relativity.")
    assert got == ["Mass and energy are linked by {{c1::$E = mc^2$}} in special relativity."]
    got = clozes("A dense layer in PyTorch is ==`nn.Linear`== with an activation after it.")
    assert got == ["A dense layer in PyTorch is {{c1::`nn.Linear`}} with an activation after it."]
