"""The labelled questions of tests/fixtures/answers/ (see labels.txt there) and how a run does on them."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from cards.model import Card, prompt_key

ANSWERS = Path(__file__).parent / "fixtures" / "answers"
VAULT = ANSWERS / "vault"
SAMPLE = Path(__file__).resolve().parents[1] / "decks" / "ml"

LABEL_SETS = {"labels.txt": VAULT, "heldout.txt": VAULT, "decks-ml.txt": SAMPLE}
"""Each labelled file and the vault its paths are in: labels.txt is what the threshold was
calibrated on, heldout.txt was written after and only scored, decks-ml.txt is the sample vault."""


@dataclass(frozen=True)
class Label:
    path: str
    question: str
    answer: str
    """Words a right answer holds; empty when the notes do not answer the question."""


def load_labels(file: Path = ANSWERS / "labels.txt") -> list[Label]:
    labels = []
    for line in file.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            path, question, answer = (part.strip() for part in line.split("|"))
            labels.append(Label(path, question, answer))
    return labels


def norm(text: str) -> str:
    return " ".join(re.sub(r"[*_`=\"“”‘’']", " ", text).lower().split())


def card_for(label: Label, cards: Sequence[Card]) -> Card:
    key = prompt_key(label.question)
    hits = [c for c in cards if c.source.path == label.path and prompt_key(c.front).startswith(key)]
    assert len(hits) == 1, f"{label.path}: {len(hits)} cards ask {label.question!r}"
    return hits[0]


@dataclass(frozen=True)
class Tally:
    right: int
    wrong: int
    answerable: int
    total: int

    @property
    def precision(self) -> float:
        return self.right / (self.right + self.wrong) if self.right + self.wrong else 1.0

    @property
    def recall(self) -> float:
        return self.right / self.answerable if self.answerable else 1.0


def verdict(label: Label, card: Card) -> str:
    """right / wrong (an answer where there is none, or the wrong passage) / missed / open."""
    if card.found_in is None:
        return "missed" if label.answer else "open"
    return "right" if label.answer and norm(label.answer) in norm(card.back) else "wrong"


def tally(pairs: Sequence[tuple[Label, Card]]) -> Tally:
    """Found answers right and wrong over labelled questions and their cards."""
    verdicts = [verdict(label, card) for label, card in pairs]
    answerable = sum(1 for label, _ in pairs if label.answer)
    return Tally(verdicts.count("right"), verdicts.count("wrong"), answerable, len(pairs))
