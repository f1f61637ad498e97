"""Every card type as Anki itself renders it (the `anki` package's own card rendering)."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest

pytest.importorskip("anki")

from anki_helpers import fresh_collection, import_package, notes_by_guid, png, write_vault

from cards.export.package import write_package
from cards.model import Card, Kind, Source
from cards.pipeline import build

VAULT = {
    "Courses/Classification.md": """# Classification

Softmax: turns scores into probabilities, $p_i = e^{z_i} / \\sum_j e^{z_j}$.
Learning curve: loss against training time, ![](img/curve.png) as in the lab.

## Questions
- What does a confusion matrix show?
  - counts per true and predicted class ![[matrix.png|400]]
- What did the missing figure show?
  - ![[lost.png]]
""",
    "Courses/img/curve.png": png(10),
    "attachments/matrix.png": png(200),
    "Activations.md": "# Activations\n\nSome text.\n",
}


def visible(html: str) -> str:
    """The text a reviewer sees: no style sheet, no tags (attributes may repeat the cloze)."""
    return re.sub(r"<[^>]*>", "", re.sub(r"<style>.*?</style>", "", html, flags=re.S))


def extra_cards(deck: str) -> list[Card]:
    """Kinds the extractors of this test's vault do not produce, written the way they would be."""
    where = (Source("Activations.md", 3),)
    return [
        Card(Kind.CLOZE, "The {{c1::ReLU}} activation is $\\max(0, x)$.", "", where, ("nn",), deck=deck),
        Card(
            Kind.BASIC,
            "Write a ReLU in NumPy",
            "```python\nnp.maximum(0, x)\n```\n\n$$\n\\mathrm{relu}(x) = \\max(0, x)\n$$",
            where,
            deck=deck,
        ),
        Card(Kind.BASIC, "sigmoid", "$\\sigma(x) = 1 / (1 + e^{-x})$", where, reverse=True, deck=deck),
    ]


def test_every_card_type_renders_in_anki(tmp_path: Path) -> None:
    vault = write_vault(tmp_path / "ml", VAULT)
    result = build(vault)
    cards = [*result.cards, *extra_cards(result.deck)]
    problems = write_package(cards, result.deck, vault, tmp_path / "ml.apkg")
    assert [p.message for p in problems] == ["embedded file not found in the vault: lost.png"]
    assert problems[0].path == "Courses/Classification.md"

    with fresh_collection(tmp_path / "anki") as col:
        import_package(col, tmp_path / "ml.apkg")
        notes = notes_by_guid(col)
        assert len(notes) == len(cards) == 7
        by_front = {card.front: notes[card.id] for card in cards}

        def rendered(front: str, ordinal: int = 0) -> tuple[str, str]:
            card = by_front[front].cards()[ordinal]
            return card.question(), card.answer()

        q, a = rendered("Softmax")
        assert "Softmax" in q and "probabilities" not in q
        assert '<div class="context">Classification</div>' in q
        assert "\\(p_i = e^{z_i} / \\sum_j e^{z_j}\\)" in a, "math becomes MathJax"
        assert 'href="obsidian://open?vault=ml&amp;file=Courses/Classification.md"' in a
        assert "Courses/Classification.md:3" in a

        q, a = rendered("Learning curve")
        assert '<img src="curve.png"' in a, "relative image path resolved from the note's folder"

        q, a = rendered("What does a confusion matrix show?")
        context = '<div class="context">Classification<span class="sep">›</span>Questions</div>'
        assert context in q and context in a, "the card's place in its note, above the prompt"

        assert '<img src="matrix.png" alt="" width="400">' in a, "found by name anywhere, size kept"

        q, a = rendered("What did the missing figure show?")
        assert '<img src="lost.png"' in a, "a missing image leaves a named image tag, not a broken card"

        q, a = rendered("The {{c1::ReLU}} activation is $\\max(0, x)$.")
        assert 'data-ordinal="1">[...]</span>' in q and "ReLU" not in visible(q)
        assert "\\(\\max(0, x)\\)" in q
        assert '<span class="cloze" data-ordinal="1">ReLU</span>' in a and "[...]" not in a

        q, a = rendered("Write a ReLU in NumPy")
        assert '<pre><code class="language-python">np.maximum(0, x)\n</code></pre>' in a
        assert "\\[\\mathrm{relu}(x) = \\max(0, x)\\]" in a, "display math becomes \\[...\\]"

        assert len(by_front["sigmoid"].cards()) == 2, "Basic (and reversed) gives a card each way"
        q, a = rendered("sigmoid", 1)
        assert "\\(\\sigma(x) = 1 / (1 + e^{-x})\\)" in q and "sigmoid" in a

        media = Path(col.media.dir())
        assert (media / "matrix.png").read_bytes() == VAULT["attachments/matrix.png"]
        assert (media / "curve.png").read_bytes() == VAULT["Courses/img/curve.png"]
        assert not (media / "lost.png").exists()


def test_cloze_braces_inside_math_do_not_end_the_cloze(tmp_path: Path) -> None:
    vault = write_vault(tmp_path / "ml", {"Note.md": "# Note\n"})
    front = "Halving $n$ times keeps {{c1::$\\frac{1}{2^{n}}$}} of the data."
    card = replace(Card(Kind.CLOZE, front, "", (Source("Note.md", 1),)), deck="ml")
    write_package([card], "ml", vault, tmp_path / "ml.apkg")
    with fresh_collection(tmp_path / "anki") as col:
        import_package(col, tmp_path / "ml.apkg")
        anki_card = notes_by_guid(col)[card.id].cards()[0]
        assert visible(anki_card.question()).strip().endswith("Halving \\(n\\) times keeps [...] of the data.")
        assert "\\(\\frac{1}{2^{n} }\\) of the data" in visible(anki_card.answer())


SAMPLE = Path(__file__).resolve().parents[1] / "decks" / "ml"


@pytest.mark.skipif(not SAMPLE.is_dir(), reason="the sample vault decks/ml is not in this checkout")
def test_sample_deck_renders_every_card(tmp_path: Path) -> None:
    result = build(SAMPLE)
    problems = write_package(result.cards, result.deck, SAMPLE, tmp_path / "ml.apkg")
    assert not problems, [str(p) for p in problems]
    with fresh_collection(tmp_path / "anki") as col:
        import_package(col, tmp_path / "ml.apkg")
        media = Path(col.media.dir())
        notes = notes_by_guid(col)
        assert set(notes) == {c.id for c in result.cards}
        for card in result.cards:
            for anki_card in notes[card.id].cards():
                question, answer = anki_card.question(), anki_card.answer()
                assert '<div class="kind">' in question and visible(question).strip(), card.front
                assert "{{" not in visible(question).replace("\\(", "").replace("\\[", ""), card.front
                if card.kind == "cloze":
                    assert "[...]" in question and "[...]" not in answer, card.front
                elif not card.open:
                    assert visible(answer).strip() != visible(question).strip(), card.front
                for src in re.findall(r'<img src="([^"]+)"', question + answer):
                    assert (media / src).is_file(), f"{card.front}: {src} not shipped"


def test_images_with_the_same_name_in_two_folders_both_travel(tmp_path: Path) -> None:
    vault = write_vault(
        tmp_path / "ml",
        {
            "Vision/Pooling.md": "# Pooling\n\nMax pooling: keeps the largest value ![[diagram.png]]\n",
            "Vision/diagram.png": png(1),
            "Text/Attention.md": "# Attention\n\nSelf-attention: tokens weigh each other ![](Diagram.PNG)\n",
            "Text/Diagram.PNG": png(2),
        },
    )
    result = build(vault)
    assert not write_package(result.cards, result.deck, vault, tmp_path / "ml.apkg")
    with fresh_collection(tmp_path / "anki") as col:
        import_package(col, tmp_path / "ml.apkg")
        media = Path(col.media.dir())
        shown = {}
        for note in notes_by_guid(col).values():
            (src,) = re.findall(r'<img src="([^"]+)"', note.cards()[0].answer())
            shown[note["Front"]] = (media / src).read_bytes()
        assert shown == {"Max pooling": png(1), "Self-attention": png(2)}


def test_hostile_html_never_reaches_anki(tmp_path: Path) -> None:
    vault = write_vault(tmp_path / "ml", {"Note.md": "# Note\n", "x.png": png(5)})
    back = (
        'risky <script>alert(1)</script><img src="x.png" onerror="alert(2)">'
        ' [link](javascript:alert(3)) <iframe src="https://example.org/frame"></iframe>'
        ' <a href="https://example.org/ok" onclick="alert(4)">fine</a> <b style="position:fixed">bold</b>'
    )
    card = Card(Kind.BASIC, "Is this safe?", back, (Source("Note.md", 1),), deck="ml")
    write_package([card], "ml", vault, tmp_path / "ml.apkg")
    with fresh_collection(tmp_path / "anki") as col:
        import_package(col, tmp_path / "ml.apkg")
        answer = notes_by_guid(col)[card.id].cards()[0].answer()
        back_html = answer[answer.index('<div class="back">') :]
        for bad in ("<script", "alert(1)", "onerror", 'href="javascript', "<iframe", "onclick", "style="):
            assert bad not in back_html, bad
        assert '<img src="x.png"' in back_html and '<a href="https://example.org/ok">fine</a>' in back_html
        assert "<b>bold</b>" in back_html


def test_a_formula_in_a_heading_renders_in_the_prompt_and_the_breadcrumb(tmp_path: Path) -> None:
    """`## Noise schedule of $\\beta$` over its formula: the prompt and the place above a card under
    it show the formula as MathJax, not as raw TeX."""
    note = (
        "# Diffusion\n\n## Noise schedule of $\\beta$\n\n$$\\beta_t = 1 - \\alpha_t$$\n\n"
        "- Why must each $\\beta_t$ stay below one?\n  - so that the forward process keeps some signal\n"
    )
    vault = write_vault(tmp_path / "ml", {"Diffusion.md": note})
    result = build(vault)
    formula, question = "Noise schedule of $\\beta$: formula", "Why must each $\\beta_t$ stay below one?"
    assert sorted(card.front for card in result.cards) == [formula, question]
    write_package(result.cards, result.deck, vault, tmp_path / "ml.apkg")
    with fresh_collection(tmp_path / "anki") as col:
        import_package(col, tmp_path / "ml.apkg")
        by_front = {card.front: notes_by_guid(col)[card.id] for card in result.cards}
        q = by_front[formula].cards()[0].question()
        assert "Noise schedule of \\(\\beta\\): formula" in visible(q) and "$" not in visible(q)
        q = by_front[question].cards()[0].question()
        shown = re.search(r'<div class="context">(.*?)</div>', q)
        assert shown and visible(shown.group(1)) == "Diffusion›Noise schedule of \\(\\beta\\)", (
            "the breadcrumb renders it"
        )


def test_a_clozes_breadcrumb_never_shows_its_answer(tmp_path: Path) -> None:
    """Under `## Separate chaining`, "In ==separate chaining==, each bucket holds a linked list" would
    show its answer in the breadcrumb above the gap: Anki shows the headings above that one instead
    (the listing's JSON keeps the whole place). A heading that does not name the gap stays."""
    note = (
        "# Hash tables\n\n## Collisions\n\n### Separate chaining\n\n"
        "In ==separate chaining==, each bucket holds a linked list of the keys that hash to it.\n\n"
        "### Probing\n\nOn a collision, ==linear probing== tries the next slot, then the one after.\n"
    )
    vault = write_vault(tmp_path / "ds", {"Hash tables.md": note})
    result = build(vault)
    chaining = next(c for c in result.cards if "separate chaining" in c.front)
    probing = next(c for c in result.cards if "linear probing" in c.front)
    assert chaining.context == ("Hash tables", "Collisions", "Separate chaining")
    write_package(result.cards, result.deck, vault, tmp_path / "ds.apkg")
    with fresh_collection(tmp_path / "anki") as col:
        import_package(col, tmp_path / "ds.apkg")
        by_guid = notes_by_guid(col)
        for card, place in ((chaining, "Hash tables›Collisions"), (probing, "Hash tables›Collisions›Probing")):
            q = by_guid[card.id].cards()[0].question()
            shown = re.search(r'<div class="context">(.*?)</div>', q)
            assert shown and visible(shown.group(1)) == place
