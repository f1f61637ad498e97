"""Open questions get answers found in the notes, or stay honestly open.

The stage between extract and merge, in four steps:
- `passages`: every sentence of a note (and every short paragraph, and every list item with its
  sub-items) is a passage, its words stemmed (`words`: Snowball stems from PyStemmer, so
  "fine-tuning" finds "fine-tune"); made per note, on the worker processes, and cached.
- `index`: the vault's passages in one BM25 index (bm25s), and filed under the term they open
  with or stand under (a heading, a note's title, a definition-list term).
- `judge`: what a question asks, and how surely a passage answers it.
- `finder`: for each open question the best passages of its own note, of the whole vault and of
  its key term are judged: a definition the extractors already found for the key term first, then
  a passage that defines the term, then, for how/why/when questions, a passage that holds the
  question's rare words and adds to them. Each judgement is a confidence in 0..1; an answer is
  taken only at or above `THRESHOLD`, calibrated on the labelled questions in
  tests/fixtures/answers/ (bench/answers_calibration.py prints the curve). A wrong answer is worse
  than none: below the threshold the card stays open.
"""

from .finder import THRESHOLD, Answer, Finder, find_answers, open_question
from .judge import Question, analyse
from .passages import NotePassages, Passage, PassageTable, note_passages

__all__ = [
    "THRESHOLD",
    "Answer",
    "Finder",
    "NotePassages",
    "Passage",
    "PassageTable",
    "Question",
    "analyse",
    "find_answers",
    "note_passages",
    "open_question",
]
