"""Time the merge stage on generated card sets: 1k, 10k and 100k cards from notes 5 cards each.

    PYTHONPATH=. python bench/bench_merge.py [SIZES...]

Terms are made of a shared vocabulary so that many prompts are close without being equal (the
hard case for blocking); about a fifth of the cards repeat another note's term with a change
a reader does not notice (case, "What is", plural, a typo, an acronym).
"""

from __future__ import annotations

import random
import sys
import time

from cards.merge import merge
from cards.model import Card, Kind, Source

SYLLABLES = "ba be bi bo bu da de di do ka ke ki ko la le li lo ma me mi mo na ne ni no ra re ri ro ta te ti to".split()
MODIFIERS = ["stochastic", "mini-batch", "deep", "sparse", "dense", "linear", "L1", "L2", "Type I", "Type II"]


def word(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4)))


def variant(term: str, rng: random.Random) -> str:
    choice = rng.randrange(5)
    if choice == 0:
        return term.upper() if len(term) < 12 else term.title()
    if choice == 1:
        return f"What is {term}?"
    if choice == 2:
        return term + "s"
    if choice == 3 and len(term) > 8:
        i = rng.randrange(3, len(term) - 1)
        return term[:i] + term[i + 1] + term[i] + term[i + 2 :]
    return f"the {term}"


def cards(count: int, seed: int = 4) -> list[Card]:
    rng = random.Random(seed)
    vocabulary = [word(rng) for _ in range(max(50, count // 20))]
    out: list[Card] = []
    terms: list[str] = []
    for n in range(count):
        path, line = f"notes/{n // 5:05d}.md", 1 + n % 5 * 3
        roll = rng.random()
        if terms and roll < 0.2:
            front, kind = variant(rng.choice(terms), rng), Kind.DEFINITION
        elif roll < 0.3:
            words = [rng.choice(vocabulary) for _ in range(rng.randint(6, 14))]
            words[rng.randrange(len(words))] = "{{c1::" + rng.choice(vocabulary) + "}}"
            front, kind = " ".join(words).capitalize() + ".", Kind.CLOZE
        elif roll < 0.4:
            front, kind = f"Why does {rng.choice(vocabulary)} {rng.choice(vocabulary)} need {word(rng)}?", Kind.QUESTION
        else:
            parts = [rng.choice(vocabulary) for _ in range(rng.randint(1, 3))]
            if rng.random() < 0.2:
                parts.insert(0, rng.choice(MODIFIERS))
            front, kind = " ".join(parts), Kind.DEFINITION
            terms.append(front)
        back = " ".join(rng.choice(vocabulary) for _ in range(rng.randint(5, 25)))
        out.append(Card(kind=kind, front=front, back=back, sources=(Source(path, line),), deck="bench"))
    return out


def template_questions(count: int, seed: int = 5) -> list[Card]:
    """The worst case for blocking: every prompt is `How does X work?` with X one made-up word."""
    rng = random.Random(seed)
    return [
        Card(Kind.QUESTION, f"How does {word(rng)}{word(rng)} work?", "", (Source(f"q/{n // 5}.md", 1 + n % 5),))
        for n in range(count)
    ]


def main(argv: list[str]) -> None:
    sizes = [int(a) for a in argv] or [1_000, 10_000, 100_000]
    for size in sizes:
        time_merge(f"{size:>7} cards from {size // 5:>6} notes", cards(size))
    time_merge(f"{sizes[-1]:>7} questions of one template", template_questions(sizes[-1]))


def time_merge(label: str, data: list[Card]) -> None:
    start, cpu = time.perf_counter(), time.process_time()
    merged = merge(data)
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    print(f"{label}: {len(merged):>7} after merging, {elapsed:6.2f} s wall, {cpu:6.2f} s CPU")


if __name__ == "__main__":
    main(sys.argv[1:])
