"""How the answers stage scales with the vault: index and answer times for generated vaults.

    python bench/answers_speed.py [NOTES ...]      # default: 1000 3000 10000

Times are CPU seconds of this process (the machine may be shared). index-s: making the notes'
passages and the index; bm25-s: of that, building the BM25 matrix alone (stems counted with
numpy, weighed by bm25s), and bm25-MB: the most memory that build held (tracemalloc, a second
build: tracing slows it).

Each generated note has a few paragraphs, a list, and a Questions section with three open
questions (some answerable from another note), so a 10,000-note vault holds 30,000 open
questions, far more than a real one. Words follow Zipf's law over a 20,000-word vocabulary, as
in real text: a few words are everywhere, most are rare.
"""

from __future__ import annotations

import itertools
import random
import sys
import time
import tracemalloc

from cards.answers import Finder, find_answers, note_passages
from cards.answers.index import Index, _bm25_matrix, _token_ids, _word_chunks
from cards.extract import extract
from cards.model import NoteFile
from cards.parse import parse_note

WORDS = (
    "model data layer weight gradient loss batch epoch token vector matrix kernel stride pooling "
    "optimizer momentum schedule warmup dropout norm residual attention head decoder encoder "
    "prompt sample noise label class score metric recall bias variance feature signal filter "
    "river mountain bread flour yeast oven crust planet orbit comet nebula galaxy photon"
).split() + [f"w{i}" for i in range(20_000)]
ZIPF = list(itertools.accumulate(1 / (rank + 1) for rank in range(len(WORDS))))


def sentence(rng: random.Random, n: int = 12) -> str:
    return " ".join(rng.choices(WORDS, cum_weights=ZIPF, k=n)).capitalize() + "."


def note_text(i: int, rng: random.Random) -> str:
    term = f"term{i}"
    lines = [f"# Note {i}", "", f"A {term} is {sentence(rng, 10).lower()}", ""]
    lines += [" ".join(sentence(rng) for _ in range(3)), ""]
    lines += [f"- {sentence(rng, 8)}" for _ in range(4)]
    lines += ["", "## Questions", f"- What is a term{rng.randrange(max(i, 1) * 5)}?"]
    lines += [f"- How does {' '.join(rng.choices(WORDS, cum_weights=ZIPF, k=3))} change?" for _ in range(2)]
    return "\n".join(lines) + "\n"


def time_bm25(index: Index) -> tuple[float, float]:
    """CPU seconds of building the index's BM25 matrix alone, again from its passages, and the
    most megabytes that build held beyond its input."""
    vocab, flat, offsets = _token_ids(_word_chunks(index.tables))
    started = time.process_time()
    _bm25_matrix(flat, offsets, len(vocab))
    seconds = time.process_time() - started
    tracemalloc.start()
    _bm25_matrix(flat, offsets, len(vocab))
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return seconds, peak / 2**20


def main(sizes: list[int]) -> None:
    print("notes  passages  open-questions  index-s  bm25-s  bm25-MB  answer-s  stage-s  per-question-ms")
    for size in sizes:
        rng = random.Random(size)
        notes = [parse_note(NoteFile(f"n{i}.md", note_text(i, rng))) for i in range(size)]
        cards = [c for n in notes for c in extract(n)]
        open_cards = [c for c in cards if c.open]
        t0 = time.process_time()
        passages = [(n.path, note_passages(n)) for n in notes]
        finder = Finder(passages, cards)
        t1 = time.process_time()
        bm25, bm25_mb = time_bm25(finder.index)
        answering = time.process_time()
        for card in open_cards:
            finder.answer(card)
        t2 = time.process_time()
        find_answers([(n.path, note_passages(n)) for n in notes], cards)
        t3 = time.process_time()
        per = (t2 - answering) / max(len(open_cards), 1) * 1000
        print(
            f"{size:5}  {len(finder.index.passages):8}  {len(open_cards):14}  {t1 - t0:7.2f}  {bm25:6.2f}"
            f"  {bm25_mb:7.0f}  {t2 - answering:8.2f}  {t3 - t2:7.2f}  {per:15.2f}"
        )


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [1000, 3000, 10000])
