"""A living deck: study, edit the notes, re-export, re-import with Anki's default options.

Runs the real `anki` package (a test dependency). What a user must be able to count on: nothing is
duplicated, edited notes change in place, studied cards keep their schedule and history, and the
note types never change in a way that forces a full sync.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

pytest.importorskip("anki")

from anki.collection import Collection
from anki_helpers import fresh_collection, import_package, note_types, notes_by_guid, schema_mark

from cards.export.package import MODELS, write_package
from cards.pipeline import build

GLOSSARY = """# Glossary

Gradient descent: an iterative way to minimise a loss function.
Overfitting: fitting the noise of the training data instead of the signal.
Epoch: one full pass over the training set.
"""

STUDY = """---
tags: [ml/basics]
---
# Week 2

## Questions
- What is a learning rate?
  - the size of each step the optimiser takes
- Why normalise the inputs?
"""

REGULARISATION = """# Regularisation

Weight decay: a penalty on large weights added to the loss.
"""


def write(vault: Path, name: str, text: str) -> None:
    (vault / name).write_text(text, encoding="utf-8")


def export_vault(vault: Path, out: Path) -> dict[str, str]:
    """Export and return {front: card id} of what was written."""
    result = build(vault)
    assert not result.problems
    assert not write_package(result.cards, result.deck, vault, out)
    return {c.front: c.id for c in result.cards}


def next_second() -> None:
    """Anki's IF_NEWER compares whole seconds: the next export must carry a later second."""
    time.sleep(1.02 - time.time() % 1)


def study(col: Collection, card_ids: list[int]) -> None:
    for cid in card_ids:
        card = col.get_card(cid)
        card.start_timer()
        col.sched.answerCard(card, 3)  # Good: leaves learning after one more step
        card = col.get_card(cid)
        card.start_timer()
        col.sched.answerCard(card, 4)  # Easy: now a review card with an interval in days


def schedule(col: Collection, cid: int) -> tuple[int, int, int, int, int]:
    card = col.get_card(cid)
    revlog = col.db.scalar("select count() from revlog where cid = ?", cid)
    return card.type, card.queue, card.ivl, card.due, revlog


def test_reexport_after_study_and_edits_updates_in_place(tmp_path: Path) -> None:
    vault = tmp_path / "ml"
    vault.mkdir()
    write(vault, "Glossary.md", GLOSSARY)
    write(vault, "Week 2.md", STUDY)
    write(vault, "Regularisation.md", REGULARISATION)
    first = export_vault(vault, tmp_path / "ml.apkg")

    with fresh_collection(tmp_path / "anki") as col:
        log = import_package(col, tmp_path / "ml.apkg")
        assert len(log.new) == len(first) == 6
        notes = notes_by_guid(col)
        assert set(notes) == set(first.values())
        open_note = notes[first["Why normalise the inputs?"]]
        assert open_note.has_tag("notecards::open")
        open_card = open_note.cards()[0]
        # default options reset every new card to "new", suspension included; the user suspends
        # `tag:notecards::open` (or ticks "Import any learning progress", see the test below)
        col.sched.suspend_cards([open_card.id])

        studied = {
            front: notes[first[front]].card_ids()[0]
            for front in ("Gradient descent", "What is a learning rate?", "Epoch")
        }
        study(col, list(studied.values()))
        before = {front: schedule(col, cid) for front, cid in studied.items()}
        for card_type, queue, ivl, _due, revlog in before.values():
            assert (card_type, queue, revlog) == (2, 2, 2) and ivl >= 1
        scm, fields = schema_mark(col), {mid: m["flds"] for mid, m in note_types(col).items()}

        epoch = col.get_note(notes[first["Epoch"]].id)
        epoch["Extra"] = "my own mnemonic, typed in Anki"
        col.update_note(epoch)

        next_second()
        write(
            vault,
            "Glossary.md",
            GLOSSARY.replace(
                "an iterative way to minimise a loss function.", "repeated small steps downhill on the loss."
            ),
        )
        write(vault, "Week 2.md", STUDY.replace("What is a learning rate?", "What's a learning rate?"))
        (vault / "Regularisation.md").unlink()
        write(vault, "Dropout.md", "# Dropout\n\nDropout: randomly zeroing activations while training.\n")
        write(vault, "Bias and variance.md", "# Bias\n\nOverfitting: a model memorising its training set.\n")
        second = export_vault(vault, tmp_path / "ml.apkg")  # over the previous one

        log = import_package(col, tmp_path / "ml.apkg")
        assert not log.conflicting and not log.missing_notetype and not log.first_field_match
        assert [n.fields[0] for n in log.new] == ["Dropout"]
        # only what changed is updated: the rest keeps its time, so an edit made in Anki survives
        assert sorted(n.fields[0] for n in log.updated) == [
            "Gradient descent",
            "Overfitting",
            "What's a learning rate?",
        ]
        assert sorted(n.fields[0] for n in log.duplicate) == ["Epoch", "Why normalise the inputs?"]
        assert col.get_note(epoch.id)["Extra"] == "my own mnemonic, typed in Anki"
        notes = notes_by_guid(col)
        # every card of the second export, plus the note deleted from the vault (import never deletes)
        assert set(notes) == set(second.values()) | {first["Weight decay"]}
        assert len(col.find_notes("")) == 7, "no duplicate notes"

        # edited answer and reworded question: the same notes, updated in place
        assert second["What's a learning rate?"] == first["What is a learning rate?"]
        assert notes[first["What is a learning rate?"]].fields[0] == "What's a learning rate?"
        assert notes[first["Gradient descent"]].fields[1] == "repeated small steps downhill on the loss."
        # the repeated term is one note citing both notes
        overfitting = notes[first["Overfitting"]]
        assert "Glossary.md" in overfitting["Source"] and "Bias and variance.md" in overfitting["Source"]

        after = {front: schedule(col, cid) for front, cid in studied.items()}
        print("schedule (type, queue, ivl, due, revlog) before:", before, "after:", after)
        assert after == before, "studied cards keep type, queue, interval, due and review log"
        assert col.get_card(open_card.id).queue == -1, "suspension survives a re-import"
        assert schema_mark(col) == scm, "no full sync needed"
        assert {mid: m["flds"] for mid, m in note_types(col).items()} == fields


def test_template_change_updates_note_types_in_place(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    vault = tmp_path / "ml"
    vault.mkdir()
    write(vault, "Week 2.md", STUDY)
    first = export_vault(vault, tmp_path / "first.apkg")
    with fresh_collection(tmp_path / "anki") as col:
        # "Import any learning progress" keeps the package's card states: open questions stay suspended
        import_package(col, tmp_path / "first.apkg", with_scheduling=True)
        notes = notes_by_guid(col)
        assert notes[first["Why normalise the inputs?"]].cards()[0].queue == -1
        assert notes[first["What is a learning rate?"]].cards()[0].queue == 0
        scm = schema_mark(col)

        model = MODELS["question"]
        monkeypatch.setattr(model, "css", model.css + "\n.front { letter-spacing: .01em; }")
        template = dict(model.templates[0], qfmt=model.templates[0]["qfmt"] + "<!-- v2 -->")
        monkeypatch.setattr(model, "templates", [template])
        next_second()
        export_vault(vault, tmp_path / "second.apkg")
        log = import_package(col, tmp_path / "second.apkg")

        assert not log.new and not log.conflicting and len(col.find_notes("")) == 2
        note_type = note_types(col)[model.model_id]
        assert "letter-spacing: .01em" in note_type["css"] and note_type["tmpls"][0]["qfmt"].endswith("<!-- v2 -->")
        assert schema_mark(col) == scm, "a template change needs no full sync"


def test_a_card_made_reversible_is_added_not_refused(tmp_path: Path) -> None:
    from cards.model import Card, Kind, Source

    vault = tmp_path / "ml"
    vault.mkdir()
    write(vault, "Terms.md", "# Terms\n\nReLU::max(0, x)\n")
    one_way = Card(Kind.BASIC, "ReLU", "max(0, x)", (Source("Terms.md", 3),), deck="ml")
    write_package([one_way], "ml", vault, tmp_path / "ml.apkg")
    with fresh_collection(tmp_path / "anki") as col:
        import_package(col, tmp_path / "ml.apkg")
        next_second()
        both_ways = Card(Kind.BASIC, "ReLU", "max(0, x)", (Source("Terms.md", 3),), reverse=True, deck="ml")
        write_package([both_ways], "ml", vault, tmp_path / "ml.apkg")
        log = import_package(col, tmp_path / "ml.apkg")
        assert not log.conflicting
        assert len(notes_by_guid(col)[both_ways.id].cards()) == 2
