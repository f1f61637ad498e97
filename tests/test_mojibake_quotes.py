"""Mojibake whose closing quote lost a byte is repaired to a quote, not a dagger."""

from __future__ import annotations

from cards.vault import decode, repair


def mangled(text: str) -> str:
    """What UTF-8 text looks like read as cp1252 when the byte cp1252 cannot map is dropped."""
    return text.encode("utf-8").decode("cp1252", errors="ignore")


def test_closing_quote_that_lost_its_last_byte_is_a_quote_again() -> None:
    text = mangled("What is an \u201cepoch\u201d and why count them?")
    assert "\u2020" not in repair(text)
    assert repair(text) == "What is an \u201cepoch\u201d and why count them?"  # the writer's own quotes


def test_closing_quote_at_the_end_of_a_line_keeps_the_line_count() -> None:
    text = mangled("She said \u201cstop\u201d\nnext line \u201cgo\u201d")
    fixed = repair(text)
    assert fixed.split("\n") == ["She said \u201cstop\u201d", "next line \u201cgo\u201d"]


def test_a_note_read_from_bytes_gets_the_same_repair() -> None:
    raw = mangled("## Questions\n- What does \u201cfine-tuning\u201d mean?\n").encode("utf-8")
    text, _, _ = decode("Daily.md", raw)
    assert text == "## Questions\n- What does \u201cfine-tuning\u201d mean?\n"


def test_text_without_mojibake_is_left_alone() -> None:
    text = "Price: 5 \u20ac each, a \u2020 marks the dead."
    assert repair(text) == text


def test_a_dagger_read_as_cp1252_is_still_a_dagger() -> None:
    text = "see note\u2020 below".encode("utf-8").decode("cp1252")
    assert repair(text) == "see note\u2020 below"
