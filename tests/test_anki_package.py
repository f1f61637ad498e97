"""The written package, opened by the real `anki` package: notes, note types, fields, tags, deck."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

pytest.importorskip("anki")

from anki_helpers import fresh_collection, import_package, notes_by_guid, write_vault
from click.testing import CliRunner

from cards.cli import main
from cards.export.notetypes import FIELDS
from cards.export.package import MODELS

VAULT = {
    "Courses/Optimisation.md": """---
tags: [ai/deeplearning, course]
---
# Optimisation

Learning rate: the size of each step gradient descent takes.
Momentum: a running average of past gradients that smooths the steps.

## Questions #exam
- What does a learning-rate schedule change?
  - the step size, as training goes on
- Which optimiser should a beginner pick?
""",
    "Glossary.md": "# Glossary\n\nEpoch: one full pass over the training set. #basics\n",
}


def test_package_opens_in_anki_with_its_notes_types_fields_tags_and_deck(tmp_path: Path) -> None:
    vault = write_vault(tmp_path / "ml", VAULT)
    runner = CliRunner()
    listing = runner.invoke(main, ["export", str(vault), "--dry-run", "--json"])
    assert listing.exit_code == 0, listing.output
    cards = {c["id"]: c for c in json.loads(listing.stdout)["cards"]}
    written = runner.invoke(main, ["export", str(vault), "-o", str(tmp_path / "ml.apkg"), "--include-open"])
    assert written.exit_code == 0, written.output

    with fresh_collection(tmp_path / "anki") as col:
        log = import_package(col, tmp_path / "ml.apkg")
        assert len(log.new) == len(cards) == 5
        notes = notes_by_guid(col)
        assert set(notes) == set(cards), "note GUID = card id of the listing"
        for guid, note in notes.items():
            card = cards[guid]
            note_type = note.note_type()
            assert note_type["name"] == MODELS[card["kind"]].name
            assert [f["name"] for f in note_type["flds"]] == list(FIELDS)
            assert note["Front"] == card["front"]
            assert f"{card['sources'][0]['path']}:{card['sources'][0]['line']}" in note["Source"]
            expected_tags = set(card["tags"]) | ({"notecards::open"} if card["open"] else set())
            assert set(note.tags) == expected_tags
            for anki_card in note.cards():
                assert col.decks.name(anki_card.did) == "ml"
        learning_rate = next(n for n in notes.values() if n["Front"] == "Learning rate")
        assert set(learning_rate.tags) == {"ai::deeplearning", "course", "Courses"}  # front matter, folder
        schedule = next(n for n in notes.values() if n["Front"].startswith("What does"))
        assert (
            "exam" in schedule.tags and schedule["Back"] == "<ul>\n<li>the step size, as training goes on</li>\n</ul>"
        )
        assert "basics" in next(n for n in notes.values() if n["Front"] == "Epoch").tags

        again = import_package(col, tmp_path / "ml.apkg")
        assert not again.new and len(col.find_notes("")) == 5, "importing the same package twice adds nothing"
        assert sorted(d.name for d in col.decks.all_names_and_ids()) == ["Default", "ml"]
