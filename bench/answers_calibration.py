"""Calibrate the answers stage: every labelled question with its best answer and confidence,
then precision and recall of found answers at a range of thresholds.

    python bench/answers_calibration.py [--verbose] [labels.txt] [heldout.txt] [decks-ml.txt]

labels.txt is what THRESHOLD was calibrated on; heldout.txt was written afterwards and only
scored; decks-ml.txt labels the sample vault's open questions.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from answer_labels import ANSWERS, LABEL_SETS, load_labels, norm

from cards.answers import THRESHOLD, Finder, note_passages, open_question
from cards.extract import extract
from cards.parse import parse_note
from cards.vault import find_notes, read_note


def main(verbose: bool, file: str) -> list[tuple[float, bool, bool, str, str]]:
    vault = LABEL_SETS[file]
    notes = [parse_note(read_note(vault, p)) for p in find_notes(vault)]
    cards = [c for n in notes for c in extract(n)]
    finder = Finder([(n.path, note_passages(n)) for n in notes], cards)
    rows = []
    for label in load_labels(ANSWERS / file):
        card = next(c for c in cards if c.source.path == label.path and c.front.startswith(label.question))
        answer = finder.answer(card) if open_question(card) else None
        score = answer.score if answer else 0.0
        right = bool(answer and label.answer and norm(label.answer) in norm(answer.markdown))
        rows.append((score, right, bool(label.answer), card.front, answer.markdown if answer else ""))
    if verbose:
        for score, right, answerable, front, back in sorted(rows, key=lambda r: -r[0]):
            mark = "ok " if right else ("BAD" if answerable or score else "   ")
            print(f"{score:4.2f} {mark} {'A' if answerable else '-'} {front[:60]:60} | {back[:70]}")
    answerable = sum(1 for r in rows if r[2])
    print(f"{file}: {len(rows)} questions, {answerable} answerable; threshold now {THRESHOLD}")
    print("threshold  found  right  precision  recall")
    for step in range(30, 100, 5):
        t = step / 100
        found = [r for r in rows if r[0] >= t]
        right = sum(1 for r in found if r[1])
        precision = right / len(found) if found else 1.0
        print(f"{t:9.2f}  {len(found):5}  {right:5}  {precision:9.2f}  {right / answerable if answerable else 1:6.2f}")
    return rows


if __name__ == "__main__":
    every = []
    for file in [a for a in sys.argv[1:] if not a.startswith("-")] or list(LABEL_SETS):
        every += main("--verbose" in sys.argv, file)
    found = [r for r in every if r[0] >= THRESHOLD]
    right, answerable = sum(1 for r in found if r[1]), sum(1 for r in every if r[2])
    print(
        f"all: {len(every)} questions, {answerable} answerable; at {THRESHOLD}: {len(found)} found, {right} right, "
        f"precision {right / len(found) if found else 1:.2f}, recall {right / answerable if answerable else 1:.2f}"
    )
