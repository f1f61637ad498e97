"""Outline bullets that state what a named thing does, as a user meets them: in the dry-run
listing, with their place in the note, and in Anki, as a cloze hiding the thing."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from anki_helpers import write_vault
from listing_shown import box, invoke, shown

COMPILERS = (
    "# Building a Compiler\n"
    "- lexer (tokenizer) turns source text into a stream of tokens\n"
    "- we should read the LLVM docs again\n"
    "- it is the first pass over the text\n"
)
MINUTES = (
    "# Platform sync\n\nAttendees: Dana, Omar\n\n"
    "- Omar will send the migration plan\n- Kafka cluster upgrade slipped to next sprint\n"
)


def test_an_outline_statement_is_listed_as_a_cloze_of_its_subject_and_minutes_give_none(tmp_path: Path) -> None:
    vault = write_vault(tmp_path / "compilers", {"Compilers.md": COMPILERS, "Platform sync.md": MINUTES})
    result = invoke("export", str(vault), "--dry-run", "--no-cache")
    cloze = box(
        (
            "cloze",
            "Building a Compiler",
            "{{c1::lexer}} (tokenizer) turns source text into a stream of tokens",
            "afd823f7  Compilers.md:2",
        )
    )
    assert (result.exit_code, shown(result.stdout), result.stderr) == (
        0,
        "\n".join(["Compilers.md", *cloze, "1 cards (1 cloze); 2 notes read; 0 skipped; nothing merged", ""]),
        "",
    )


def test_an_outline_statement_hides_its_subject_in_anki(tmp_path: Path) -> None:
    pytest.importorskip("anki")
    from anki_helpers import fresh_collection, import_package, notes_by_guid

    from cards.export.package import write_package
    from cards.pipeline import build

    vault = write_vault(tmp_path / "compilers", {"Compilers.md": COMPILERS})
    result = build(vault)
    (statement,) = result.cards
    write_package(result.cards, result.deck, vault, tmp_path / "compilers.apkg")
    with fresh_collection(tmp_path / "anki") as col:
        import_package(col, tmp_path / "compilers.apkg")
        (card,) = notes_by_guid(col)[statement.id].cards()
        question, answer = card.question(), card.answer()

    def text(html: str) -> str:
        return " ".join(re.sub(r"<[^>]*>", " ", re.sub(r"<style>.*?</style>", "", html, flags=re.S)).split())

    assert "lexer" not in text(question)
    assert "[...] (tokenizer) turns source text into a stream of tokens" in text(question)
    assert "Building a Compiler" in text(question)
    assert "lexer (tokenizer) turns source text into a stream of tokens" in text(answer)
