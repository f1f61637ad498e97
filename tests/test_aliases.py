"""What a vault teaches about its own acronyms and aliases."""

from __future__ import annotations

import pytest

from cards.aliases import expansion, note_aliases, spells, text_aliases
from cards.model import NoteFile
from cards.parse import parse_note


@pytest.mark.parametrize(
    ("short", "long", "ok"),
    [
        ("ML", "machine learning", True),
        ("ML", "deep learning", False),
        ("DQN", "Deep Q-Network", True),
        ("AUC", "area under the ROC curve", True),
        ("IoU", "intersection over union", True),
        ("AI", "and i", False),
        ("SGD", "gradient descent", False),
    ],
)
def test_spells(short: str, long: str, ok: bool) -> None:
    assert spells(short, long) is ok


def test_expansion_reads_either_order_and_ignores_qualifiers() -> None:
    assert expansion("Mean Squared Error (MSE)") == ("Mean Squared Error", "MSE")
    assert expansion("ROI (return on investment)") == ("return on investment", "ROI")
    assert expansion("bias (math)") is None
    assert expansion("rank (Tensor)") is None


def test_text_aliases_take_the_fewest_words_the_acronym_spells() -> None:
    text = "We compared support vector machines (SVMs) with k nearest neighbours (kNN) and i (AI) wrote it."
    assert list(text_aliases(text)) == [("SVMs", "support vector machines"), ("kNN", "k nearest neighbours")]


def test_note_aliases_from_title_front_matter_and_abbreviation_body() -> None:
    titled = parse_note(NoteFile("Graph Neural Network (GNN).md", "Networks over graphs.\n"))
    assert list(note_aliases(titled)) == [("GNN", "Graph Neural Network")]
    named = parse_note(NoteFile("Kubernetes.md", "---\naliases: [k8s, kube]\n---\nRuns containers.\n"))
    assert list(note_aliases(named)) == [("k8s", "Kubernetes"), ("kube", "Kubernetes")]
    short = parse_note(NoteFile("NLP.md", "Abbreviation for [[natural language processing|NLP things]].\n"))
    assert list(note_aliases(short)) == [("NLP", "natural language processing")]
    see = parse_note(NoteFile("CV.md", "See [[computer vision]] and [[curriculum vitae]].\n"))
    assert list(note_aliases(see)) == []
