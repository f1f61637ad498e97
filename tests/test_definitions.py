"""Definition cards as a user sees them: clean fronts, atomic backs, tags, and the shared sample vaults."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType

import pytest

from cards.extract import extract, select
from cards.model import Kind, NoteFile
from cards.parse import parse_note
from cards.pipeline import Options, build
from cards.text import meaning_text, term_text

SHARED = Path(__file__).resolve().parents[2] / "shared"
DEFINITION_RULES = (
    "colon-definition",
    "equals-definition",
    "dash-definition",
    "prose-definition",
    "marked-definition",
    "title-definition",
    "glossary",
)


def cards_of(text: str, path: str = "Note.md") -> list:
    return extract(parse_note(NoteFile(path=path, text=text)))


def test_front_loses_marks_colon_quotes_and_article() -> None:
    assert term_text("**Learning rate:**") == "Learning rate"
    assert term_text("[[Vector space|vector spaces]]") == "vector spaces"
    assert term_text("“tokenizer”") == "tokenizer"
    assert term_text("a derivative", drop_article=True) == "derivative"


def test_long_meaning_is_cut_at_a_sentence_and_kept_whole_in_extra() -> None:
    first = "A loss that grows with the square of the error."
    rest = " " + " ".join(["It punishes large mistakes much more than small ones, which suits smooth data."] * 4)
    back, extra = meaning_text(first + rest)
    assert back.startswith(first) and len(back) <= 220 and back.endswith(".")
    assert extra == first + rest


def test_this_is_a_opening_is_trimmed_to_the_meaning() -> None:
    (card,) = cards_of("[[Tokenizer]]: This is a program that splits text into tokens.")
    assert (card.front, card.back) == ("Tokenizer", "A program that splits text into tokens.")


def test_definition_carries_note_and_section_tags() -> None:
    note = "---\ntags: [ml]\n---\n## Optimisers #training\n- Adam - an optimiser with per-parameter step sizes\n"
    (card,) = cards_of(note)
    assert card.kind is Kind.DEFINITION
    assert set(card.tags) == {"ml", "training"}
    assert card.source.line == 5


def test_title_card_keeps_the_whole_paragraph_as_extra() -> None:
    sentence = "A schedule that lowers the learning rate as training goes on."
    more = " It is usually set per epoch, and warm restarts raise it again from time to time to escape poor minima."
    more += " Cosine and step schedules are the common shapes, and both are easy to implement in a few lines."
    (card,) = cards_of(sentence + more, path="Learning rate decay.md")
    assert card.front == "Learning rate decay"
    assert card.back.startswith(sentence) and card.extra == sentence + more


def _score_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("score", SHARED / "eval" / "score.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _listing(vault: Path) -> list[dict]:
    result = build(vault, Options(merge=False))
    return [
        {
            "kind": str(c.kind),
            "front": c.front,
            "back": c.back,
            "sources": [{"path": s.path, "line": s.line} for s in c.sources],
        }
        for c in result.cards
    ]


def test_seed_vault_definitions_found_and_no_junk() -> None:
    gold_path = SHARED / "eval" / "seed-vault.gold.json"
    if not gold_path.exists():
        pytest.skip("the shared sample vaults are not beside this clone")
    score, gold = _score_module(), json.loads(gold_path.read_text(encoding="utf-8"))
    cards = _listing(SHARED / "seed-vault")
    wanted = [i for i in gold["must"] if i.get("kind") and "definition" in i["kind"] and "cloze" not in i["kind"]]
    wanted = [i for i in wanted if "question" not in i["kind"]]
    missing = [i["id"] for i in wanted if not any(score.matches(c, i) for c in cards)]
    junk = [i["id"] for i in gold["must_not"] if any(score.matches(c, i) for c in cards)]
    assert missing == [] and junk == []


@pytest.mark.parametrize(
    "line",
    [
        "a" + " " * 200_000 + "b",  # a lazy term before `\s*:` or `\s+=` would backtrack quadratically
        "x:" + " " * 200_000 + "::",
        "a" + " " * 200_000 + "= b c",
        "x" + " " * 200_000 + "is a b c d",
        "==a== " * 20_000,  # a huge first paragraph is not parsed again for a title card
    ],
)
def test_lines_built_to_backtrack_do_not_stall_the_definition_rules(line: str) -> None:
    text = f"{line}\n\nMutual information: shared entropy of two variables.\n"
    cards = extract(parse_note(NoteFile(path="Entropy.md", text=text)), select(DEFINITION_RULES))
    assert [(c.front, c.source.line) for c in cards if c.rule == "colon-definition"] == [("Mutual information", 3)]


@pytest.mark.parametrize(
    "line",
    [
        "- a" + " " * 200_000 + "b",  # a lazy dash term before `\s*-` would backtrack quadratically
        "**a**" + " " * 200_000 + "b",
        "- x" + " " * 200_000 + "(y" + " " * 100_000 + "z",
    ],
)
def test_dash_lines_built_to_backtrack_do_not_stall(line: str) -> None:
    text = f"{line}\n\n- Entropy - the expected surprise of a random variable\n"
    cards = extract(parse_note(NoteFile(path="Notes.md", text=text)), select(DEFINITION_RULES))
    assert [c.front for c in cards if c.rule == "dash-definition"] == ["Entropy"]


def test_the_sample_deck_gives_its_definitions_and_none_of_its_remarks() -> None:
    deck = Path(__file__).resolve().parents[1] / "decks" / "ml"
    cards = {(c["front"], c["back"]) for c in _listing(deck) if c["kind"] == str(Kind.DEFINITION)}
    fronts = {front for front, _ in cards}
    assert {
        "Stochastic gradient descent (SGD)",
        "Convolutional Neural Network (CNN)",
        "Gradient Descent: Momentum",
    } <= fronts
    assert not {f for f in fronts if f.startswith(("Signs of", "Shapes that", "Normalise"))}
    (title_back,) = [back for front, back in cards if front == "Gradient Descent"]
    assert title_back.startswith("an optimization algorithm")
