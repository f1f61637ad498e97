"""Per-note work on notes built to be slow: `python bench/hostile_notes.py [KB] [SHAPE ...]`.

Each shape is one pattern repeated to fill a note of KB kilobytes (default 100), then to twice
that. The note is read, parsed and extracted, its cards' HTML made and its passages for
answers found, on this process (as a worker of an export would), and the seconds
for each size and their ratio are printed: about 2 means linear, about 4 quadratic. Run from the
project root. Shapes: the names below (all of them by default).
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from cards import budget
from cards.export.html import card_html
from cards.extract import select
from cards.pipeline import note_result
from cards.work import Clock, Task

budget.BASE_SECONDS = 1e6  # the work itself is timed here, not the guard that would cut it short

SHAPES: dict[str, Callable[[int], str]] = {
    "open-clozes": lambda n: "Term {{c1::" * (n // 11),
    "open-clozes-lines": lambda n: "A sentence with {{c1::an open cloze\n" * (n // 36),
    "bold-terms": lambda n: "**T**: " * (n // 7),
    "bold-terms-lines": lambda n: "**T**: a meaning\n" * (n // 17),
    "deep-brackets": lambda n: "[" * (n // 2) + "]" * (n // 2),
    "deep-parens": lambda n: "(" * (n // 2) + ")" * (n // 2),
    "deep-braces": lambda n: "{" * (n // 2) + "}" * (n // 2),
    "properties": lambda n: "a:: b " * (n // 6),
    "properties-lines": lambda n: "a:: b\n" * (n // 6),
    "one-long-line": lambda n: "word " * (n // 5),
    "highlights": lambda n: "==x== " * (n // 6),
    "open-highlights": lambda n: "==x " * (n // 4),
    "stars": lambda n: "*" * n,
    "underscores": lambda n: "_a" * (n // 2),
    "backticks": lambda n: "`a" * (n // 2),
    "wikilinks": lambda n: "[[a" * (n // 3),
    "dollars": lambda n: "$a" * (n // 2),
    "colons": lambda n: "a: " * (n // 3),
    "definitions-is": lambda n: "X is a y. " * (n // 10),
    "questions": lambda n: "Why? " * (n // 5),
    "dashes": lambda n: "- a - b\n" * (n // 8),
    "equals": lambda n: "a = b " * (n // 6),
    "html": lambda n: "<a " * (n // 3),
    "quotes": lambda n: "> " * (n // 2),
    "list-nesting": lambda n: "".join(" " * (2 * (i % 200)) + "- x\n" for i in range(n // 200)),
    "table": lambda n: "|a|b|\n|-|-|\n" + "|x|y|\n" * (n // 6),
    "callouts": lambda n: "> [!definition] T\n> meaning\n" * (n // 29),
}


def seconds(text: str) -> float:
    rules = select(None)
    start = time.perf_counter()
    note_result(Task("hostile.md", text.encode()), Clock(), rules, render=card_html, passages=True)
    return time.perf_counter() - start


def main(kb: int, names: list[str]) -> None:
    print(f"{'shape':<20} {kb:>5} KB  {2 * kb:>5} KB  ratio")
    for name in names or list(SHAPES):
        make = SHAPES[name]
        small, large = seconds(make(kb * 1000)), seconds(make(2 * kb * 1000))
        print(f"{name:<20} {small:7.2f} s {large:7.2f} s  {large / max(small, 1e-6):5.1f}", flush=True)


if __name__ == "__main__":
    args = sys.argv[1:]
    size = int(args.pop(0)) if args and args[0].isdigit() else 100
    main(size, args)
