"""Topics as a user sees them: the folder of a note and the hub notes listing it become its cards'
tags (`--dry-run --json` and a real Anki collection), each source can be turned off, and no tag
ever changes a card's id."""

from __future__ import annotations

import json
import time
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from anki_helpers import write_vault
from click.testing import CliRunner
from listing_shown import box, invoke, shown

from cards.cli import main
from cards.topics import folder_topic, topic_part

SHARED = Path(__file__).resolve().parents[2] / "shared" / "real-vaults"

# A vault of nested folders whose names have spaces, symbols and numbers in them.
FOLDERS = {
    "ML & DL/Metrics/Classification metrics/Precision.md": "Precision: the share of predicted positives that hit.\n",
    "ML & DL/Metrics/Recall.md": "---\ntags: [eval]\n---\nRecall: the share of actual positives that are found.\n",
    "1. First steps/Glossary.md": "Epoch: one full pass over the training set.\n",
    "Inbox.md": "Batch: the examples of one gradient step.\n",
}


def listing(vault: Path, *args: str) -> dict[str, Any]:
    result = CliRunner().invoke(main, ["export", str(vault), "--dry-run", "--json", *args])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def tags_by_front(vault: Path, *args: str) -> dict[str, list[str]]:
    return {c["front"]: c["tags"] for c in listing(vault, *args)["cards"]}


def test_folder_names_become_one_hierarchical_tag_anki_accepts() -> None:
    assert folder_topic("ML & DL/Metrics/Precision.md") == "ML_&_DL::Metrics"
    assert folder_topic("1. First steps/Week 2/Note.md") == "1._First_steps::Week_2"
    assert folder_topic("Note.md") == ""
    assert topic_part(' Web "Deployment":  REST\tAPIs ') == "Web_Deployment__REST_APIs"
    # the same name from a file system that decomposes accents (macOS) and from one that does not
    assert topic_part(unicodedata.normalize("NFD", "Économie")) == topic_part("Économie") == "Économie"


def test_every_card_of_a_note_in_a_folder_carries_its_folder(tmp_path: Path) -> None:
    vault = write_vault(tmp_path / "study", FOLDERS)
    tags = tags_by_front(vault)
    assert tags == {
        "Precision": ["ML_&_DL::Metrics::Classification_metrics"],
        "Recall": ["eval", "ML_&_DL::Metrics"],
        "Epoch": ["1._First_steps"],
        "Batch": [],  # the vault root is no topic, nor is the vault folder's name
    }


def test_each_source_of_tags_can_be_turned_off(tmp_path: Path) -> None:
    vault = write_vault(tmp_path / "study", FOLDERS)
    assert tags_by_front(vault, "--no-folder-tags")["Recall"] == ["eval"]
    assert tags_by_front(vault, "--no-note-tags")["Recall"] == ["ML_&_DL::Metrics"]
    assert tags_by_front(vault, "--no-note-tags", "--no-folder-tags")["Recall"] == []


def test_card_ids_do_not_depend_on_tags_or_folders(tmp_path: Path) -> None:
    vault = write_vault(tmp_path / "study", FOLDERS)
    ids = {c["front"]: c["id"] for c in listing(vault)["cards"]}
    untagged = {c["front"]: c["id"] for c in listing(vault, "--no-note-tags", "--no-folder-tags")["cards"]}
    assert ids == untagged
    (vault / "Archive").mkdir()
    (vault / "ML & DL/Metrics/Recall.md").rename(vault / "Archive/Recall.md")
    moved = {c["front"]: c for c in listing(vault)["cards"]}
    assert moved["Recall"]["tags"] == ["eval", "Archive"]
    assert moved["Recall"]["id"] == ids["Recall"]


def _hub(*targets: str) -> str:
    return "# Map\n\n" + "".join(f"- [[{t}]] - about {t}\n" for t in targets)


def _term(name: str) -> str:
    return f"{name.capitalize()}: a term of its own, defined here for the test.\n"


# A flat vault: two hubs, `momentum` listed by both, `adam` by one, `adagrad` by none; `links`
# lists only three notes (too few for a hub) and `essay` links in prose.
NAMES = ("momentum", "adam", "rmsprop", "sgd", "nesterov", "dropout", "batchnorm", "relu", "adagrad")
FLAT = {
    "Optimisers.md": _hub("momentum", "adam", "rmsprop", "sgd", "nesterov") + "\nStep: one update of the weights.\n",
    "Layers.md": _hub("dropout", "batchnorm", "relu", "momentum", "Missing note") + "- [[sgd|SGD]]\n",
    "Links.md": _hub("dropout", "relu", "adam") + "\nPointer: a reference to another note.\n",
    "Essay.md": "Drift: the slow change of a thing. "
    + " ".join(f"See [[{n}]]." for n in NAMES)
    + "\n\nVariance: how far the values spread.\n",
    **{f"{name}.md": _term(name) for name in NAMES},
}


def test_hub_notes_tag_the_notes_they_list(tmp_path: Path) -> None:
    vault = write_vault(tmp_path / "flat", FLAT)
    tags = tags_by_front(vault)
    assert tags["Momentum"] == ["Layers", "Optimisers"], "a note listed by two hubs carries both, by hub path"
    assert tags["Adam"] == ["Optimisers"], "Links lists only three notes: no hub"
    assert tags["Sgd"] == ["Layers", "Optimisers"], "a link with an alias lists its note as well"
    assert tags["Dropout"] == ["Layers"]
    # (an everyday word atop a note is asked with the note's title: "Map", the hubs' heading)
    assert tags["Map: Step"] == ["Optimisers"], "a hub's own cards carry its topic"
    assert tags["Adagrad"] == [] and tags["Essay: Drift"] == [] and tags["Map: Pointer"] == []
    assert "Optimisers" not in tags_by_front(vault, "--no-hub-tags")["Momentum"]


def test_editing_a_hub_retags_the_notes_it_listed_with_the_cache_on(tmp_path: Path) -> None:
    vault = write_vault(tmp_path / "flat", FLAT)
    assert tags_by_front(vault)["Adam"] == ["Optimisers"]
    (vault / "Optimisers.md").write_text(_hub("momentum", "rmsprop", "sgd", "nesterov", "batchnorm"), encoding="utf-8")
    after = tags_by_front(vault)
    assert after["Adam"] == []
    assert after["Batchnorm"] == ["Layers", "Optimisers"]
    # a note listed by a hub that is deleted loses its topic too
    (vault / "Layers.md").unlink()
    assert tags_by_front(vault)["Dropout"] == []


def test_topics_in_a_real_anki_collection(tmp_path: Path) -> None:
    pytest.importorskip("anki")
    from anki_helpers import fresh_collection, import_package, notes_by_guid

    vault = write_vault(tmp_path / "study", {**FOLDERS, **{f"Flat/{k}": v for k, v in FLAT.items()}})
    cards = {c["id"]: c for c in listing(vault)["cards"]}
    out = tmp_path / "study.apkg"
    written = CliRunner().invoke(main, ["export", str(vault), "-o", str(out)])
    assert written.exit_code == 0, written.output
    with fresh_collection(tmp_path / "anki") as col:
        import_package(col, out)
        notes = notes_by_guid(col)
        fronts = {cards[guid]["front"]: note for guid, note in notes.items()}
        assert fronts["Precision"].tags == ["ML_&_DL::Metrics::Classification_metrics"]
        assert fronts["Momentum"].tags == ["Flat", "Layers", "Optimisers"]
        assert fronts["Epoch"].tags == ["1._First_steps"]
        assert len(col.find_notes('"tag:ML_&_DL::Metrics"')) == 2, "the folder's tag finds its subfolders' notes too"


@pytest.mark.skipif(not (SHARED / "khakhalin-notes").is_dir(), reason="the shared real vaults are not here")
def test_on_a_real_vault_the_cards_of_listed_notes_carry_their_hubs_topic() -> None:
    vault = SHARED / "khakhalin-notes"
    cards = listing(vault)["cards"]
    from cards.parse import parse_note
    from cards.topics import hub_topic, hubs, note_links
    from cards.vault import find_notes, read_note

    links = {}
    for path in find_notes(vault):
        note = parse_note(read_note(vault, path))
        links[note.path] = note_links(note)
    found = hubs(links)
    assert {"graphs.md", "dl.md", "text.md"} <= set(found)
    wanted = [(c, hub_topic(h)) for h, listed in found.items() for c in cards if c["sources"][0]["path"] in listed]
    carrying = sum(1 for c, topic in wanted if topic in c["tags"])
    assert carrying >= 0.8 * len(wanted) and len(wanted) > 500
    foldered = [c for c in cards if "/" in c["sources"][0]["path"]]
    assert all(folder_topic(c["sources"][0]["path"]) in c["tags"] for c in foldered)


def _export(vault: Path, out: Path, *args: str) -> None:
    written = CliRunner().invoke(main, ["export", str(vault), "-o", str(out), *args])
    assert written.exit_code == 0, written.output


def test_subdecks_in_a_real_anki_collection_and_a_note_moved_to_another_folder(tmp_path: Path) -> None:
    pytest.importorskip("anki")
    from anki_helpers import fresh_collection, import_package

    vault = write_vault(tmp_path / "study", FOLDERS)
    listed = {c["front"]: c["deck"] for c in listing(vault, "--subdecks")["cards"]}
    assert listed == {
        "Precision": "study::ML_&_DL::Metrics::Classification_metrics",
        "Recall": "study::ML_&_DL::Metrics",
        "Epoch": "study::1._First_steps",
        "Batch": "study",
    }
    assert {c["deck"] for c in listing(vault)["cards"]} == {"study"}, "no subdecks unless asked for"
    out = tmp_path / "study.apkg"
    _export(vault, out, "--subdecks")
    with fresh_collection(tmp_path / "anki") as col:
        import_package(col, out)

        def decks() -> dict[str, str]:
            return {
                col.get_note(col.get_card(c).nid)["Front"]: col.decks.name(col.get_card(c).did)
                for c in col.find_cards("")
            }

        assert decks() == listed
        recall = col.find_cards('"Front:Recall"')[0]
        card = col.get_card(recall)
        card.start_timer()
        col.sched.answerCard(card, 3)  # studied: it has a history to keep
        (vault / "Archive").mkdir()
        (vault / "ML & DL/Metrics/Recall.md").rename(vault / "Archive/Recall.md")
        time.sleep(1.1)  # Anki updates only notes newer by whole seconds
        _export(vault, out, "--subdecks")
        log = import_package(col, out)
        assert len(log.new) == 0, "a moved note is the same note: no new card"
        note = col.get_note(col.get_card(recall).nid)
        assert "Archive" in note.tags, "its tags follow the move"
        # Anki keeps an existing card in the deck it is in: the deck of the package is only for new cards
        assert decks()["Recall"] == "study::ML_&_DL::Metrics"
        assert col.db.scalar("select count() from revlog where cid = ?", recall) == 1


LINE_TAGS = """# Optimisation

#ml weekly notes

[A survey of optimisers](https://example.org/survey) #reading

## Review
- What is momentum? #interview_question
  - a running average of past gradients
- Learning rate: the step size of gradient descent.
- Read the Adam paper #todo
- Attention: #look_into

Weight decay: a penalty on large weights. #todo

Gradient clipping caps the norm of each step, and ==warmup== #look_into raises the rate slowly.

## Questions
- #exam
- Why does batch norm help?
- Layer norm #look_into
"""


def test_a_tag_after_text_tags_that_lines_card_only(tmp_path: Path) -> None:
    vault = write_vault(tmp_path / "study", {"Optimisation.md": LINE_TAGS})
    cards = [(c["kind"], c["front"], c["tags"]) for c in listing(vault)["cards"]]
    assert cards == [
        ("question", "What is momentum?", ["ml", "reading", "interview_question"]),
        ("definition", "Learning rate", ["ml", "reading"]),
        ("definition", "Weight decay", ["ml", "reading", "todo"]),
        (
            "cloze",
            "Gradient clipping caps the norm of each step, and {{c1::warmup}} raises the rate slowly.",
            ["ml", "reading", "look_into"],
        ),
        ("question", "Why does batch norm help?", ["ml", "reading", "exam"]),
    ], "tags opening a line, or after a link alone, tag the note or section; workflow tags make no card"


def test_the_listing_counts_cards_per_topic_and_tag_filters_by_folder_as_written(tmp_path: Path) -> None:
    vault = write_vault(tmp_path / "study", {**FOLDERS, "ML & DL/Loss.md": "Loss: how wrong a prediction is.\n"})
    result = invoke("export", str(vault), "--dry-run")
    metrics = "ML & DL/Metrics"
    assert (result.exit_code, shown(result.stdout), result.stderr) == (
        0,
        "".join(
            f"{line}\n"
            for line in [
                "1. First steps/Glossary.md",
                *box(
                    (
                        "definition",
                        "Glossary",
                        "Epoch",
                        "one full pass over the training set.",
                        "0365e6e6  1. First steps/Glossary.md:1  1._First_steps",
                    )
                ),
                "Inbox.md",
                *box(("definition", "Inbox", "Batch", "the examples of one gradient step.", "fdb6b397  Inbox.md:1")),
                "ML & DL/Loss.md",
                *box(
                    ("definition", "Loss", "Loss", "how wrong a prediction is.", "0254c23e  ML & DL/Loss.md:1  ML_&_DL")
                ),
                f"{metrics}/Classification metrics/Precision.md",
                *box(
                    (
                        "definition",
                        "Precision",
                        "Precision",
                        "the share of predicted positives that hit.",
                        f"4ed15c36  {metrics}/Classification metrics/Precision.md:1",
                        "ML_&_DL::Metrics::Classification_metrics",
                    )
                ),
                f"{metrics}/Recall.md",
                *box(
                    (
                        "definition",
                        "Recall",
                        "Recall",
                        "the share of actual positives that are found.",
                        f"fa39fd0f  {metrics}/Recall.md:4  eval ML_&_DL::Metrics",
                    )
                ),
                "5 cards (5 definition); 5 notes read; 0 skipped; nothing merged",
                "topics: 1._First_steps 1, eval 1, ML_&_DL 1, ML_&_DL::Metrics 1,",
                "ML_&_DL::Metrics::Classification_metrics 1",
            ]
        ),
        "",
    )
    for written in ("ML & DL/Metrics", "ML_&_DL::Metrics", "#ml_&_dl/metrics"):
        fronts = [c["front"] for c in listing(vault, "--tag", written)["cards"]]
        assert fronts == ["Precision", "Recall"], written
    assert listing(vault, "--tag", "ML & DL")["topics"] == {
        "ML_&_DL": 1,
        "ML_&_DL::Metrics": 1,
        "ML_&_DL::Metrics::Classification_metrics": 1,
        "eval": 1,
    }


def test_a_contents_page_is_no_topic_and_a_map_is_named_without_its_mark(tmp_path: Path) -> None:
    names = ("momentum", "adam", "rmsprop", "sgd", "nesterov")
    vault = write_vault(
        tmp_path / "flat",
        {
            "Home.md": _hub(*names, "MOC - Optimisers"),
            "MOC - Optimisers.md": _hub(*names),
            **{f"{name}.md": _term(name) for name in names},
        },
    )
    tags = tags_by_front(vault)
    assert {tags[name.capitalize()][0] for name in names} == {"Optimisers"}
    assert all(len(tags[name.capitalize()]) == 1 for name in names), "Home lists them all: it names no topic"


def test_a_hub_may_link_by_path_alias_or_markdown_link(tmp_path: Path) -> None:
    items = (
        "- [[Optim/momentum|Momentum]] - smooths\n"
        "- [Adam](Optim/adam.md) - adaptive\n"
        "- [RMSprop](<Optim/rmsprop.md>)\n"
        "- **[[sgd]]** - plain\n"
        "- [[nesterov#Idea]] - looks ahead\n"
        "- [[nowhere]] - no such note\n"
        "- [A site](https://example.org/x.md)\n"
    )
    vault = write_vault(
        tmp_path / "flat",
        {"Maps/Optimisers.md": items, **{f"Optim/{name}.md": _term(name) for name in NAMES[:5]}},
    )
    tags = tags_by_front(vault, "--no-folder-tags")
    assert {name: tags[name.capitalize()] for name in NAMES[:5]} == {name: ["Optimisers"] for name in NAMES[:5]}
