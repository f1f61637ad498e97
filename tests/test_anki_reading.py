"""Cards read well once in Anki: the answer said once, merged answers named by their note."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest
from anki_helpers import write_vault

from cards.export.html import shown_extra
from cards.model import Card, Kind, Source

WHERE = (Source("Regularisation.md", 3),)


def card(back: str, extra: str) -> Card:
    return Card(Kind.DEFINITION, "Dropout", back, WHERE, extra=extra)


@pytest.mark.parametrize(
    ("back", "extra", "shown"),
    [
        (
            "switches units off.",
            "switches units off. It keeps units from co-adapting.",
            "It keeps units from co-adapting.",
        ),
        ("switches units off.", "switches units off.", ""),
        ("switches units off.", "switches units off. →", ""),
        ("switches units off.", "In training it switches units off.", "In training it"),
        ("switches units off.", "Seen in 2014; switches units off. Cheap too.", "Seen in 2014; … Cheap too."),
        ("switches units off.", "A regulariser used in most networks.", "A regulariser used in most networks."),
        # a merged card: its back starts with the chosen answer, whose paragraph the extra is
        (
            "switches units off.\n\nAlso, in Glossary: a regulariser.",
            "switches units off. It keeps units from co-adapting.",
            "It keeps units from co-adapting.",
        ),
        ("", "some context", "some context"),
    ],
)
def test_the_extra_never_repeats_the_answer(back: str, extra: str, shown: str) -> None:
    assert shown_extra(card(back, extra)) == shown


def test_a_shortened_definition_shows_its_answer_once_in_anki(tmp_path: Path) -> None:
    pytest.importorskip("anki")
    from anki_helpers import fresh_collection, import_package, notes_by_guid

    from cards.export.package import write_package
    from cards.pipeline import build

    vault = write_vault(
        tmp_path / "ml",
        {
            "Regularisation.md": "# Regularisation\n\nDropout: switches off a random half of the units at each "
            "training step. The network cannot lean on any single unit, so it learns features that still "
            "work when others are missing, which is why it generalises better on held-out data.\n"
        },
    )
    result = build(vault)
    (dropout,) = result.cards
    assert dropout.back == "switches off a random half of the units at each training step."
    write_package(result.cards, result.deck, vault, tmp_path / "ml.apkg")
    with fresh_collection(tmp_path / "anki") as col:
        import_package(col, tmp_path / "ml.apkg")
        answer = notes_by_guid(col)[dropout.id].cards()[0].answer()
    text = re.sub(r"<[^>]*>", " ", re.sub(r"<style>.*?</style>", "", answer, flags=re.S))
    assert text.count("switches off a random half") == 1
    assert '<div class="extra">The network cannot lean on any single unit,' in answer


@pytest.mark.parametrize(
    ("front", "markdown"),
    [
        ("R^2 (Coefficient of determination)", "$R^2$ (Coefficient of determination)"),
        ("Alternative hypothesis (H_1)", "Alternative hypothesis ($H_1$)"),
        ("F_1 score", "$F_1$ score"),
        ("Decay as e^{-x}", "Decay as $e^{-x}$"),
        ("The \\beta error", "The $\\beta$ error"),
        ("Which test compares $\\mu_1$ and $\\mu_2$?", "Which test compares $\\mu_1$ and $\\mu_2$?"),
        # words, code, links and addresses are not math
        ("learning_rate", "learning_rate"),
        ("single program _ multiple data (SPMD)", "single program _ multiple data (SPMD)"),
        ("What does `x_i` hold?", "What does `x_i` hold?"),
        ("[x_i](https://example.org/x_i)", "[x_i](https://example.org/x_i)"),
        ("L2 regularisation", "L2 regularisation"),
    ],
)
def test_bare_tex_in_a_front_is_written_as_math(front: str, markdown: str) -> None:
    from cards.export.html import front_markdown

    assert front_markdown(Card(Kind.DEFINITION, front, "x", WHERE)) == markdown


def test_math_in_a_front_is_mathjax_in_anki_and_plain_in_the_listing(tmp_path: Path) -> None:
    pytest.importorskip("anki")
    from anki_helpers import fresh_collection, import_package, notes_by_guid
    from click.testing import CliRunner

    from cards.cli import main

    vault = write_vault(
        tmp_path / "stats",
        {"Statistics.md": "# Statistics\n\n$R^2$ (Coefficient of determination): the variance explained.\n"},
    )
    listing = CliRunner().invoke(main, ["export", str(vault), "--dry-run", "--no-cache"]).stdout
    assert "R^2 (Coefficient of determination)" in listing and "\\(" not in listing
    out = tmp_path / "stats.apkg"
    assert CliRunner().invoke(main, ["export", str(vault), "-o", str(out), "--no-cache"]).exit_code == 0
    with fresh_collection(tmp_path / "anki") as col:
        import_package(col, out)
        (note,) = notes_by_guid(col).values()
        question = note.cards()[0].question()
    assert (
        '<div class="front"><span class="math inline">\\(R^2\\)</span> (Coefficient of determination)</div>' in question
    )


def test_a_cloze_over_several_lines_keeps_its_lines_in_anki(tmp_path: Path) -> None:
    pytest.importorskip("anki")
    from anki_helpers import fresh_collection, import_package, notes_by_guid

    from cards.export.package import write_package

    vault = write_vault(tmp_path / "maths", {"Sets.md": "# Sets\n"})
    where = (Source("Sets.md", 3),)
    union = Card(
        Kind.CLOZE, "The {{c1::union}} of A and B\nholds every element of A\nand every element of B.", "", where
    )
    group = Card(
        Kind.CLOZE, "A group's operation is:\n- {{c1::associative}}\n- has an identity\n- has inverses", "", where
    )
    cards = [replace(c, deck="maths") for c in (union, group)]
    write_package(cards, "maths", vault, tmp_path / "maths.apkg")
    with fresh_collection(tmp_path / "anki") as col:
        import_package(col, tmp_path / "maths.apkg")
        notes = notes_by_guid(col)
        union_q = notes[cards[0].id].cards()[0].question()
        group_q = notes[cards[1].id].cards()[0].question()
    assert "of A and B<br>\nholds every element of A<br>\nand every element of B." in union_q
    assert 'data-ordinal="1">[...]</span></li>\n<li>has an identity</li>\n<li>has inverses</li>\n</ul>' in group_q
    assert '<ul>\n<li><span class="cloze"' in group_q


def _rules(css: str) -> list[tuple[list[str], str]]:
    body = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    return [([s.strip() for s in sel.split(",")], decl) for sel, decl in re.findall(r"([^{}]+)\{([^}]*)\}", body)]


def test_night_mode_rules_name_both_of_ankis_spellings() -> None:
    from cards.export.notetypes import CSS, TEMPLATE_VERSION
    from cards.export.package import MODELS

    night = [(sels, decl) for sels, decl in _rules(CSS) if any("night" in s.lower() for s in sels)]
    assert len(night) >= 8
    for selectors, _ in night:
        camel = {s.replace(".nightMode", "") for s in selectors if ".nightMode" in s}
        snake = {s.replace(".night_mode", "") for s in selectors if ".night_mode" in s}
        assert camel == snake and camel, selectors
    card_rules = [sels for sels, _ in night if ".card" in " ".join(sels)]
    assert card_rules == [[".card.nightMode", ".card.night_mode", ".nightMode .card", ".night_mode .card"]]
    assert CSS.startswith(f"/* notecards templates v{TEMPLATE_VERSION} */") and TEMPLATE_VERSION >= 2
    assert all(model.css == CSS for model in MODELS.values())


def test_the_card_keeps_ankis_top_margin_so_the_flag_and_mark_leave_the_label_clear() -> None:
    from cards.export.notetypes import CSS

    (card,) = [decl for sels, decl in _rules(CSS) if sels == [".card"]]
    assert re.search(r"(?<![\w-])margin(?:-top)?\s*:", card) is None, card
    assert "margin-left: auto" in card and "margin-right: auto" in card
