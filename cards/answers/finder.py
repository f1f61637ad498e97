"""The finder: for each open question, the best answer the index and the judge find, if sure enough."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from ..extract._check_term import EXERCISE_SECTION
from ..model import Card, Kind, Source, prompt_key
from ..pool import map_parallel
from ..text import card_markdown
from .index import Index, room
from .judge import PERSONAL, Judge, Question, analyse
from .passages import NotePassages
from .words import quick_plain, stems

THRESHOLD = 0.75
"""Least confidence an answer needs; see bench/answers_calibration.py. On our labelled questions every
answer from 0.6 up is right; on other people's vaults most answers below 0.75 were wrong (a how or why
question met by a passage that shares its words and says something else), so the bar is set there."""

_HEADS = 20
"""Passages judged per key term among those that open with it or stand under it."""

STEM_SETS_KEPT = 1 << 16
"""Definitions' stems kept once made (see index.KEPT)."""


@dataclass(frozen=True, slots=True)
class Answer:
    markdown: str
    source: Source
    score: float


def _from_definitions(
    question: Question, definitions: Sequence[Card], path: str, stem_set: Callable[[str], frozenset[str]]
) -> Answer | None:
    """A definition the extractors found for the question's one key term; of two equally good,
    the one in the question's own note (the writer's own words where the question was asked)."""
    if len(question.terms) != 1:
        return None
    term = set(question.terms[0])
    best: Answer | None = None
    for card in definitions:
        front = stem_set(card.front)
        # "softmax function" is answered by "Softmax: a function that ..." (the back's stems are
        # read only when the front leaves some of the term to it)
        if not front or not front <= term or ((rest := term - front) and not rest <= stem_set(card.back)):
            continue
        if (
            front == term
            and len(term) > 1
            and tuple(dict.fromkeys(stems(quick_plain(card.front)))) != question.terms[0]
        ):
            continue  # "Join table" is no "table join": the same words in another order name another thing
        score = 0.95 if front == term else 0.85
        if PERSONAL.search(card.back):
            score *= 0.5
        if best is None or score > best.score or (score == best.score and card.source.path == path):
            best = Answer(card.back, card.source, score)
    return best


class Finder:
    """Finds the answer to open questions in a vault's notes."""

    def __init__(self, notes: Sequence[NotePassages], cards: Sequence[Card]) -> None:
        self.index = Index(notes)
        self.judge = Judge(self.index)
        self.definitions: dict[str, list[Card]] = {}
        fronts: dict[str, frozenset[str]] = {}  # many cards say the same term
        for card in cards:
            if card.kind == Kind.DEFINITION:
                found = fronts.get(card.front)
                if found is None:
                    found = fronts[card.front] = frozenset(stems(quick_plain(card.front)))
                for s in found:
                    self.definitions.setdefault(s, []).append(card)
        self._stem_sets: dict[str, frozenset[str]] = {}

    def stem_set(self, markdown: str) -> frozenset[str]:
        """The stems of a definition's front or back: many questions judge the same definitions."""
        found = self._stem_sets.get(markdown)
        if found is None:
            found = frozenset(stems(quick_plain(markdown)))
            self._stem_sets[room(self._stem_sets, markdown, STEM_SETS_KEPT)] = found
        return found

    def best_passage(self, question: Question, path: str) -> Answer | None:
        """The candidate passage judged best; a sentence beats its own paragraph unless the
        paragraph is clearly better, and the question's own note wins a tie."""
        judged: list[tuple[float, float, int]] = []
        heads = [i for term in question.terms for i in self.index.heads.get(term, ())[:_HEADS]]
        candidates = list(dict.fromkeys((*self.index.candidates(question.content, path), *heads)))
        # a passage without every key term scores 0 (Judge.score): known without unpacking it
        lacking = self.index.lacking((s for term in question.terms for s in term), candidates)
        lengths: dict[int, int] = {}
        for i in candidates:
            table, j = self.index.passages.place(i)
            lengths[i] = table.length(j)
            judgement = 0.0 if i in lacking else self.judge.score(question, i)
            score = min(1.0, judgement + (0.03 if table.path == path else 0.0))
            judged.append((score - (0.1 if table.whole[j] else 0.0), score, i))
        if not judged:
            return None
        _, score, i = max(judged, key=lambda j: (j[0], -lengths[j[2]], -j[2]))
        passage = self.index.passages[i]
        return Answer(card_markdown(passage.markdown), Source(passage.path, passage.line), score)

    def answer(self, card: Card) -> Answer | None:
        question = analyse(card.front)
        if not question.content or question.kind in ("polar", "task"):
            return None
        if question.kind not in ("define", "compare") and any(EXERCISE_SECTION.search(p) for p in card.context):
            # an exercise's answer is its worked solution, not a line elsewhere in the notes (what a
            # term it uses means is, "What is a view?")
            return None
        if question.kind == "compare":
            return self.compare(question, card.source.path)
        if question.kind == "define" and len(question.terms) == 1:
            return self.answer_term(question, card.source.path)
        return self.best_passage(question, card.source.path)

    def compare(self, question: Question, path: str) -> Answer | None:
        """One passage about both, or the two terms' own answers side by side."""
        together = self.best_passage(question, path)
        alone = [self.answer_term(Question("define", (term,), term), path) for term in question.terms]
        if all(alone):
            parts = [a for a in alone if a]
            both = Answer("\n\n".join(a.markdown for a in parts), parts[0].source, min(a.score for a in parts) - 0.05)
            if together is None or both.score > together.score:
                return both
        return together

    def answer_term(self, question: Question, path: str) -> Answer | None:
        """What defines a question's one key term: the extractors' definition of it unless a
        passage is clearly surer (the definition card's answer is the cleaner text)."""
        passage = self.best_passage(question, path)
        definition = _from_definitions(question, self.definitions.get(question.terms[0][0], ()), path, self.stem_set)
        if definition and (passage is None or definition.score + 0.1 >= passage.score):
            return definition
        return passage


def open_question(card: Card) -> bool:
    return card.kind == Kind.QUESTION and card.open and not card.back.strip()


def find_answers(
    notes: Sequence[NotePassages], cards: Sequence[Card], threshold: float = THRESHOLD, jobs: int = 1
) -> list[Card]:
    """The cards, each open question answered from the notes when the answer is found with at
    least `threshold` confidence; the others unchanged. The question's own source stays first,
    the answer's is added after it. Questions are judged on up to `jobs` processes (0: every
    core), each with the whole index: the answers are the same."""
    if not any(open_question(c) for c in cards):
        return list(cards)
    # a question the notes answer under the same question elsewhere gets that answer when merged
    answered = {prompt_key(c.front) for c in cards if c.kind == Kind.QUESTION and c.back.strip()}
    asked = [i for i, c in enumerate(cards) if open_question(c) and prompt_key(c.front) not in answered]
    global _FINDER
    _FINDER = Finder(notes, cards)
    try:
        found = list(map_parallel(_answer, [cards[i] for i in asked], jobs, chunk=16, inherit=True))
    finally:
        _FINDER = None
    out = list(cards)
    for i, answer in zip(asked, found, strict=True):
        if answer is not None and answer.score >= threshold:
            card = cards[i]
            out[i] = replace(
                card,
                back=answer.markdown,
                open=False,
                sources=tuple(dict.fromkeys((card.source, answer.source, *card.sources[1:]))),
                found_in=answer.source,
                found_score=round(answer.score, 2),
            )
    return out


_FINDER: Finder | None = None
"""The finder of the questions being answered: forked workers inherit it (map_parallel)."""


def _answer(card: Card) -> Answer | None:
    assert _FINDER is not None
    return _FINDER.answer(card)
