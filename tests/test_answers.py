"""Open questions get an answer found in the notes when the finder is sure, and stay open otherwise."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from answer_labels import ANSWERS, LABEL_SETS, VAULT, Label, card_for, load_labels, tally, verdict
from click.testing import CliRunner

from cards.answers import analyse, find_answers, finder, index
from cards.cli import main
from cards.export.notetypes import FIELDS
from cards.export.package import build_package
from cards.model import FOUND_TAG, OPEN_TAG, Card, Kind
from cards.pipeline import Options, Result, build

SHARED = Path(__file__).resolve().parents[2] / "shared"


def vault(tmp_path: Path, notes: dict[str, str]) -> Path:
    for name, text in notes.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


# A question asking what a term is merges into the term's definition card when the notes have
# one (test_merge.py); these tests look at the answers stage itself, so most build unmerged.
UNMERGED = Options(merge=False)


def question(result: Result, start: str) -> Card:
    hits = [c for c in result.cards if c.kind == Kind.QUESTION and c.front.startswith(start)]
    assert len(hits) == 1, [c.front for c in result.cards]
    return hits[0]


@pytest.fixture(scope="module")
def labelled() -> list[tuple[Label, Card]]:
    """Every labelled question with its card as the pipeline makes it, before merging (a question
    asking for a term that has a definition card is merged into that card)."""
    pairs: list[tuple[Label, Card]] = []
    built: dict[Path, Result] = {}
    for file, root in LABEL_SETS.items():
        result = built.setdefault(root, build(root, Options(merge=False)))
        pairs.extend((label, card_for(label, result.cards)) for label in load_labels(ANSWERS / file))
    return pairs


def test_labelled_questions_precision_and_recall(labelled: list[tuple[Label, Card]]) -> None:
    labels = [label for label, _ in labelled]
    assert len(labels) >= 40 and sum(1 for x in labels if not x.answer) >= 20
    score = tally([(label, card) for label, card in labelled])
    wrong = [label.question for label, card in labelled if verdict(label, card) == "wrong"]
    assert score.precision >= 0.9, wrong
    assert score.recall >= 0.7


def test_unanswered_labelled_questions_stay_open_with_an_empty_back(labelled: list[tuple[Label, Card]]) -> None:
    for _, card in labelled:
        if card.found_in is None:
            assert card.open and card.back == "" and len(card.sources) == 1


def test_answers_do_not_depend_on_how_much_the_judge_keeps(monkeypatch: pytest.MonkeyPatch) -> None:
    """The judge forgets what it has judged once its caches fill (a big vault's would not fit in
    memory): keeping next to nothing gives the same cards as keeping everything."""
    options = Options(merge=False, cache=False, jobs=1)
    kept = build(VAULT, options).cards
    assert sum(1 for c in kept if c.found_in) >= 40
    monkeypatch.setattr(index, "KEPT", 1)
    monkeypatch.setattr(finder, "STEM_SETS_KEPT", 1)
    assert build(VAULT, options).cards == kept


def test_found_answer_keeps_the_question_first_and_cites_the_answer(tmp_path: Path) -> None:
    root = vault(
        tmp_path,
        {
            "Day.md": "# Day\n\n## Questions\n\n- What does fine-tuning mean?\n",
            "Course/Transfer.md": "# Transfer\n\nWe take a trained network and fine-tune it, that is, we keep "
            "training its weights on our own small dataset.\n",
        },
    )
    card = question(build(root), "What does fine-tuning")
    assert "keep training its weights" in card.back  # stems: "fine-tuning" finds "fine-tune"
    assert not card.open
    assert [(s.path, s.line) for s in card.sources] == [("Day.md", 5), ("Course/Transfer.md", 3)]
    assert card.found_in == card.sources[1] and 0 < card.found_score <= 1


def test_the_questions_own_note_wins_over_another_note(tmp_path: Path) -> None:
    root = vault(
        tmp_path,
        {
            "A.md": "A stencil is a thin sheet with holes cut in it, used to paint letters.\n",
            "B.md": "A stencil is a cut-out template you dab ink through.\n\n## Questions\n- What is a stencil?\n",
        },
    )
    card = question(build(root, UNMERGED), "What is a stencil")
    assert card.found_in is not None and card.found_in.path == "B.md"
    assert "dab ink" in card.back


def test_extracted_definition_of_the_key_term_is_preferred(tmp_path: Path) -> None:
    root = vault(
        tmp_path,
        {
            "Glossary.md": "Quorum: the least number of members that must be present for a vote to count.\n",
            "Minutes.md": "# Minutes\n\nThe quorum was reached late.\n\n## Questions\n- What is a quorum?\n",
        },
    )
    card = question(build(root, Options(merge=False)), "What is a quorum")
    assert card.back.startswith("the least number of members")
    assert card.found_in is not None and card.found_in.path == "Glossary.md"
    # merged, the question and the definition are one card citing both notes
    (merged,) = [c for c in build(root).cards if any(s.path == "Minutes.md" for s in c.sources)]
    assert merged.back.startswith("the least number of members") and not merged.open


def test_a_note_named_after_its_subject_answers_what_it_is(tmp_path: Path) -> None:
    root = vault(
        tmp_path,
        {
            "Terms/Kerning.md": "#typography\n\nThe space between two particular letters, tuned pair by pair.\n",
            "Day.md": "## Questions\n- What is kerning?\n- What is tracking?\n",
        },
    )
    result = build(root, UNMERGED)
    card = question(result, "What is kerning")
    assert card.back == "The space between two particular letters, tuned pair by pair."
    assert card.found_in is not None and card.found_in.path == "Terms/Kerning.md"
    assert question(result, "What is tracking").open


def test_the_first_line_under_a_heading_answers_what_the_heading_is(tmp_path: Path) -> None:
    note = "## Dropout\n- randomly zeroes a share of activations\n\n## Questions\n- What is dropout?\n"
    root = vault(tmp_path, {"Note.md": note})
    assert question(build(root), "What is dropout").back == "randomly zeroes a share of activations"


def test_a_line_opening_on_a_rare_term_describes_it(tmp_path: Path) -> None:
    """ "Backpropagation pushes ..." says what backpropagation does; an everyday word opening a line
    ("Program will continue from there") is only spoken of (test_questions_the_notes_do_not_answer_stay_open)."""
    notes = {
        "Nets.md": "# Nets\n\n- Backpropagation pushes the error back through every layer in turn\n",
        "Day.md": "# Day\n\n## Questions\n- What is backpropagation?\n",
    }
    card = question(build(vault(tmp_path, notes), UNMERGED), "What is backpropagation")
    assert card.back == "Backpropagation pushes the error back through every layer in turn"


def test_a_titled_callout_answers_what_its_title_is_and_fields_are_no_answer(tmp_path: Path) -> None:
    note = (
        "# The printing press\n\nrating:: 5\nsource:: [[Reading list]]\n\n"
        "> [!definition] Letterpress\n> Printing by pressing inked raised type onto paper.\n\n"
        "## Questions\n- What is letterpress?\n- What is the printing press?\n"
    )
    result = build(vault(tmp_path, {"Press.md": note}), UNMERGED)
    assert question(result, "What is letterpress").back == "Printing by pressing inked raised type onto paper."
    assert question(result, "What is the printing press").open


def test_a_definition_list_answers_what_its_terms_are(tmp_path: Path) -> None:
    root = vault(tmp_path, {"Note.md": "Kiln\n: an oven for firing clay pots.\n\n## Questions\n- What is a kiln?\n"})
    assert question(build(root, UNMERGED), "What is a kiln").back == "an oven for firing clay pots."


@pytest.mark.parametrize(
    "notes",
    [
        # a diary line that names the term is no definition of it
        {"Day.md": "- Bought a new kettle, the spout is great.\n\n## Questions\n- What is the spout made of?\n"},
        # an opinion about a thing does not say what it is
        {"Day.md": "- Regularization is important for generalization.\n\n## Questions\n- What is regularization?\n"},
        {"Day.md": "- Attention Is All You Need, the paper.\n\n## Questions\n- What is attention?\n"},
        # a line under a heading that points elsewhere does not define the heading
        {"Day.md": "## Overfitting\nSee the lecture slides for this.\n\n## Questions\n- What is overfitting?\n"},
        {"Day.md": "- Data augmentation is on my list for next week.\n\n## Questions\n- What is data augmentation?\n"},
        # a passage that only says the question back does not answer it
        {"Day.md": "- Read about how routers pick a path.\n\n## Questions\n- How do routers pick a path?\n"},
        # one shared word is a mention, not an answer to how it works
        {"Day.md": "Jacquard improved the loom in 1804.\n\n## Questions\n- How does a loom work?\n"},
        # the question said back with one word added is no answer, even with a "which"
        {"Day.md": "Loss rose at epoch 10, which is odd.\n\n## Questions\n- Why did loss rise at epoch 10?"},
        # "how much" needs an amount
        {"Day.md": "Low precision weights save memory.\n\n## Questions\n- How much memory does it save?"},
        # a why question needs a reason, not a scene
        {"Day.md": "- Walked home, the moon was very red tonight.\n\n## Questions\n- Why was the moon red?\n"},
        # a yes/no question is never answered with a passage
        {"Day.md": "Graphite conducts electricity.\n\n## Questions\n- Does graphite conduct electricity?\n"},
        # the notes never mention it
        {"Day.md": "Graphite is a form of carbon.\n\n## Questions\n- What is a kilonova?\n"},
        # a passage on another of its kind ("This level ...") lacks the word that says which is asked about
        {
            **{f"Book {i}.md": f"A pragmatic choice of tools, chapter {i}.\n" for i in range(6)},
            "NLP.md": "## Character level\nThis level deals with single characters in NLP and their strings.\n\n"
            "## Questions\n- What does the pragmatic level deal with in NLP?\n",
        },
        # a line that sets an exercise asks; it answers no question on the same things
        {
            "Sheet.md": "# Worksheet\n\nGive the readers who often borrow books from a branch outside their own town"
            " when the local one is closed.\n",
            "Loans.md": "# Loans\n\n## Questions\n- Which readers borrow books from a branch outside their own town?\n",
        },
        # an exercise's question is answered by its worked solution, not by a line elsewhere
        {
            "Loans.md": "# Loans\n\nReaders often borrow books from a branch outside their own town when the local"
            " one is closed.\n",
            "Sheet.md": "# Worksheet\n\n## Exercises\n"
            "- Which readers borrow books from a branch outside their own town?\n",
        },
        # the same words in another order name another thing: a join table is no table join
        {
            "DB.md": "- Join table: an intermediate table for many-to-many relations\n\n"
            "## Questions\n- What is a table join?\n"
        },
        # a line that opens on an everyday word tells what the thing does next, not what it is
        {
            "Jumps.md": "# Jumps\n\n- The address moves into the program counter\n"
            "  - Program will continue from there\n",
            "Java.md": "# Running Java\n\n## Questions\n- What is a program?\n",
        },
    ],
)
def test_questions_the_notes_do_not_answer_stay_open(tmp_path: Path, notes: dict[str, str]) -> None:
    result = build(vault(tmp_path, notes))
    card = next(c for c in result.cards if c.kind == Kind.QUESTION)
    assert card.open and card.back == "" and card.found_in is None


def test_a_term_an_exercise_asks_about_is_still_answered_by_its_definition(tmp_path: Path) -> None:
    root = vault(
        tmp_path,
        {
            "Views.md": "# Views\n\nA view is a stored query that the database shows as a virtual table.\n",
            "Sheet.md": "## Exercise 1\n- What is a view?\n- Which shops sold every article last month?\n",
        },
    )
    result = build(root, UNMERGED)
    assert "stored query" in question(result, "What is a view").back
    assert question(result, "Which shops").open


def test_when_is_answered_by_a_date_or_a_condition(tmp_path: Path) -> None:
    root = vault(
        tmp_path,
        {
            "Note.md": "The scheduler lowers the learning rate when the validation loss stops improving.\n\n"
            "## Questions\n- When does the scheduler lower the learning rate?\n- When was the scheduler written?\n",
        },
    )
    result = build(root, UNMERGED)
    assert "stops improving" in question(result, "When does the scheduler").back
    assert question(result, "When was the scheduler").open


def test_a_written_answer_is_left_alone(tmp_path: Path) -> None:
    root = vault(
        tmp_path,
        {
            "Note.md": "A sieve is a mesh for sifting flour.\n\n## Questions\n- What is a sieve?\n  - a kitchen mesh\n",
        },
    )
    card = question(build(root, UNMERGED), "What is a sieve")
    assert card.back == "- a kitchen mesh" and card.found_in is None


def test_notes_opted_out_are_not_searched(tmp_path: Path) -> None:
    root = vault(
        tmp_path,
        {
            "Private.md": "---\nnotecards: false\n---\nA sieve is a mesh for sifting flour.\n",
            "Q.md": "## Questions\n- What is a sieve?\n",
        },
    )
    assert question(build(root, UNMERGED), "What is a sieve").open


def test_finding_answers_can_be_turned_off(tmp_path: Path) -> None:
    root = vault(tmp_path, {"Note.md": "A sieve is a mesh for sifting flour.\n\n## Questions\n- What is a sieve?\n"})
    assert not question(build(root, UNMERGED), "What is a sieve").open
    assert question(build(root, Options(find_answers=False, merge=False)), "What is a sieve").open
    out = CliRunner().invoke(main, ["export", str(root), "--dry-run", "--no-merge", "--json", "--no-find-answers"])
    (asked,) = [c for c in json.loads(out.output)["cards"] if c["kind"] == "question"]
    assert asked["open"] is True


def test_listing_shows_where_a_found_answer_came_from_and_its_score(tmp_path: Path) -> None:
    root = vault(tmp_path, {"Note.md": "A sieve is a mesh for sifting flour.\n\n## Questions\n- What is a sieve?\n"})
    data = json.loads(CliRunner().invoke(main, ["export", str(root), "--dry-run", "--no-merge", "--json"]).output)
    (asked,) = [c for c in data["cards"] if c["kind"] == "question"]
    found = asked["found"]
    assert found["path"] == "Note.md" and found["line"] == 1 and 0.5 < found["score"] <= 1
    human = CliRunner().invoke(main, ["export", str(root), "--dry-run", "--no-merge"]).output
    assert "answer found in Note.md:1, score" in human


def test_package_tags_found_answers_and_says_so_in_the_hint(tmp_path: Path) -> None:
    root = vault(
        tmp_path,
        {"Note.md": "A sieve is a mesh for sifting flour.\n\n## Questions\n- What is a sieve?\n- What is a kiln?\n"},
    )
    result = build(root, UNMERGED)
    package, _, _ = build_package(result.cards, result.deck, root)
    notes = {n.fields[0]: n for n in package.decks[0].notes}
    found, still_open = notes["What is a sieve?"], notes["What is a kiln?"]
    assert FOUND_TAG in found.tags and OPEN_TAG not in found.tags
    assert "Note.md:1" in found.fields[FIELDS.index("Hint")]
    assert OPEN_TAG in still_open.tags and FOUND_TAG not in still_open.tags
    assert still_open.fields[FIELDS.index("Hint")] == ""


def test_cards_without_open_questions_pass_through_unchanged() -> None:
    cards = [Card(Kind.DEFINITION, "Sieve", "a mesh", ())]
    assert find_answers([], cards) == cards


@pytest.mark.parametrize(
    ("front", "kind", "terms"),
    [
        ("What is a “batch” and why do we use batches?", "define", [("batch",)]),
        ("What does `git rebase` do?", "define", [("git", "rebas")]),
        ("What is the difference between a logit and a probability?", "compare", [("logit",), ("probabl",)]),
        ("What are we computing during training?", "other", []),
        # an exercise to do, not a question the notes answer
        ("Calculate the total salary cost of the IT department.", "task", []),
        ("Show that the sum of two even numbers is even", "task", []),
        ("Why is the sky blue?", "why", []),
        ("Is it just a sum?", "polar", []),
        # which ones, a query over the data: not what customers are
        ("What are the customers who, in one town, ordered from a shop in another?", "other", []),
    ],
)
def test_what_a_question_asks(front: str, kind: str, terms: list[tuple[str, ...]]) -> None:
    question = analyse(front)
    assert (question.kind, list(question.terms)) == (kind, terms)


def seed_vault() -> Path:
    seed = SHARED / "seed-vault"
    if not seed.is_dir():
        pytest.skip("the shared seed vault is not here")
    return seed


def test_seed_vault_answers_what_it_defines_and_leaves_the_rest_open() -> None:
    seed = seed_vault()
    result = build(seed)
    (batch,) = [c for c in result.cards if c.front.startswith("What is a") and "batch" in c.front]
    assert batch.back and batch.found_in is not None
    defining_line = (seed / batch.found_in.path).read_text(encoding="utf-8").split("\n")[batch.found_in.line - 1]
    assert "batch" in defining_line
    assert batch.found_in.path == batch.source.path
    (tune,) = [c for c in result.cards if c.front.startswith("What does") and "fine-tuning" in c.front]
    assert "fine-tune" in tune.back and "pre-trained" in tune.back
    for start in ("How does backpropagation", "What’s happening", "What's happening"):
        hits = [c for c in result.cards if c.front.startswith(start)]
        assert all(c.open and c.back == "" for c in hits)
    assert any(c.front.startswith("How does backpropagation") for c in result.cards)
