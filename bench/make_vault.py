"""Write a deterministic synthetic vault of N notes for benchmarks.

    python bench/make_vault.py 10000 big-vault [--seed 7]

The notes use every style the extractors read (front matter, `Term: meaning` glossaries,
definition lists, tables, Questions sections, ==highlights==, journals, callouts, code blocks),
with sizes spread like a real vault: median about 2 KB, a long tail up to 200 KB. Terms come from
one shared vocabulary with a flat Zipf-like spread, so some terms are defined in a few notes and
merging has work to do. The same N and seed always give the same bytes.
"""

from __future__ import annotations

import argparse
import itertools
import math
import random
from collections.abc import Callable
from pathlib import Path

_SYLLABLES = (
    "ba be bi bo ka ke ki ko la le li lo ma me mi mo na ne ni no ra re ri ro sa se si so ta te ti to "
    "va ve vi vo gra pre tri clo spa ster ven dor mun tal rix quo zen lum fer nor"
).split()
_WORDS = (
    "the a of model layer data value signal training loss gradient vector matrix network memory "
    "function input output weight bias sample batch error rate state step policy reward token "
    "sequence attention kernel feature space class label cluster distance metric prior posterior "
    "likelihood estimate variance noise filter channel frequency sum product average and or with "
    "from into over under between each every small large fast slow simple deep shallow sparse dense "
    "is are was becomes gives makes keeps measures reduces raises maps turns holds learns"
).split()
_FOLDERS = ("", "Courses", "Courses/ML", "Papers", "Journal", "Projects", "Inbox", "Reading/Books", "Zettel")
_TAGS = ("ml", "ml/deep", "ml/rl", "math", "stats", "reading", "project", "idea", "course/cs229", "review")

MEDIAN_BYTES = 2_000
SIGMA = 1.18  # lognormal spread: mean about twice the median, like a real vault
MIN_BYTES, MAX_BYTES = 150, 200_000


class Writer:
    """Generates one vault's words, terms and notes from one seeded random source."""

    def __init__(self, seed: int, n_terms: int) -> None:
        self.rng = random.Random(seed)
        self.terms = [self.term() for _ in range(n_terms)]
        # Zipf-like weights: a few terms are defined in many notes, most in one or two.
        self.cum_weights = list(itertools.accumulate(1 / (i + 1) ** 0.3 for i in range(n_terms)))

    def word(self) -> str:
        return "".join(self.rng.choice(_SYLLABLES) for _ in range(self.rng.randint(2, 3)))

    def term(self) -> str:
        words = [self.word() for _ in range(self.rng.choice((1, 1, 2, 2, 3)))]
        return " ".join(words).capitalize()

    def pick_term(self) -> str:
        return self.rng.choices(self.terms, cum_weights=self.cum_weights)[0]

    def sentence(self, words: int | None = None) -> str:
        n = words or self.rng.randint(6, 18)
        out = [self.rng.choice(_WORDS) for _ in range(n)]
        if self.rng.random() < 0.25:
            out[self.rng.randrange(n)] = f"[[{self.pick_term()}]]"
        if self.rng.random() < 0.1:
            out[self.rng.randrange(n)] = f"**{self.rng.choice(_WORDS)}**"
        if self.rng.random() < 0.05:
            out.append(f"${self.rng.choice('xyz')}^2$")
        return " ".join(out).capitalize() + "."

    def paragraph(self) -> str:
        return " ".join(self.sentence() for _ in range(self.rng.randint(2, 5)))

    # ------------------------------------------------------------------ sections

    def glossary(self) -> str:
        lines = ["## Glossary", ""]
        for _ in range(self.rng.randint(3, 10)):
            term = self.pick_term()
            style = self.rng.random()
            if style < 0.4:
                lines.append(f"{term}: {self.sentence()}")
                lines.append("")
            elif style < 0.7:
                lines.append(f"- **{term}**: {self.sentence()}")
            else:
                lines.append(f"- [[{term}]] : {self.sentence()}")
        return "\n".join(lines)

    def deflist(self) -> str:
        lines = ["## Terms", ""]
        for _ in range(self.rng.randint(2, 6)):
            lines += [self.pick_term(), f": {self.sentence()}", ""]
        return "\n".join(lines)

    def table(self) -> str:
        lines = ["| Term | Meaning |", "| --- | --- |"]
        lines += [f"| {self.pick_term()} | {self.sentence(8)} |" for _ in range(self.rng.randint(3, 12))]
        return "\n".join(lines)

    def questions(self) -> str:
        lines = [self.rng.choice(("## Questions", "## Review questions", "## Quiz", "## FAQ")), ""]
        for _ in range(self.rng.randint(2, 6)):
            lines.append(f"- What is {self.pick_term().lower()}?")
            if self.rng.random() < 0.8:
                lines.append(f"    - {self.sentence()}")
            if self.rng.random() < 0.3:
                lines.append(f"    - {self.sentence()}")
        return "\n".join(lines)

    def highlights(self) -> str:
        parts = []
        for _ in range(self.rng.randint(2, 5)):
            words = self.sentence().rstrip(".").split()
            i = self.rng.randrange(len(words))
            words[i] = f"=={self.pick_term().lower()}=="
            parts.append(" ".join(words) + ".")
        return " ".join(parts)

    def journal(self) -> str:
        day = f"2024-{self.rng.randint(1, 12):02d}-{self.rng.randint(1, 28):02d}"
        lines = [f"## {day}", "", f"Time: {self.rng.randint(7, 22)}:{self.rng.randint(0, 59):02d}"]
        lines += [f"Attendees: {self.word().capitalize()}, {self.word().capitalize()}", ""]
        lines += [f"- [ ] {self.sentence(6)}" for _ in range(self.rng.randint(1, 4))]
        lines += ["", self.paragraph()]
        return "\n".join(lines)

    def code(self) -> str:
        body = "\n".join(
            f"    {self.rng.choice(_WORDS)} = {self.rng.choice(_WORDS)}({self.rng.randint(0, 99)})  # Note: not a card"
            for _ in range(self.rng.randint(3, 25))
        )
        return f"```python\ndef {self.word()}():\n{body}\n```"

    def callout(self) -> str:
        kind = self.rng.choice(("note", "tip", "warning", "example", "question"))
        return f"> [!{kind}] {self.word().capitalize()}\n> {self.sentence()}\n> {self.sentence()}"

    def prose(self) -> str:
        return f"## {self.sentence(3).rstrip('.')}\n\n{self.paragraph()}\n\n{self.paragraph()}"

    def bullets(self) -> str:
        return "\n".join(f"{'  ' * self.rng.randint(0, 1)}- {self.sentence()}" for _ in range(self.rng.randint(3, 9)))

    # ------------------------------------------------------------------ notes

    def front_matter(self) -> str:
        tags = self.rng.sample(_TAGS, self.rng.randint(1, 3))
        lines = ["---", f"title: {self.term()}", f"tags: [{', '.join(tags)}]"]
        if self.rng.random() < 0.3:
            lines.append(f"aliases: [{self.word()}]")
        lines.append(f"created: 2024-{self.rng.randint(1, 12):02d}-{self.rng.randint(1, 28):02d}")
        return "\n".join(lines) + "\n---\n"

    def note(self, size: int) -> str:
        sections: list[Callable[[], str]] = [
            self.glossary,
            self.deflist,
            self.table,
            self.questions,
            self.highlights,
            self.journal,
            self.code,
            self.callout,
            self.prose,
            self.prose,
            self.bullets,
        ]
        head = self.front_matter() if self.rng.random() < 0.7 else ""
        parts = [head + f"# {self.term()}", self.paragraph()]
        total = sum(len(p) for p in parts)
        while total < size:
            part = self.rng.choice(sections)()
            parts.append(part)
            total += len(part) + 2
        return "\n\n".join(parts) + "\n"

    def size(self) -> int:
        size = int(MEDIAN_BYTES * math.exp(self.rng.gauss(0, SIGMA)))
        return max(MIN_BYTES, min(MAX_BYTES, size))


def make_vault(n: int, out: Path, seed: int = 7) -> int:
    """Write n notes below out; returns the bytes written."""
    writer = Writer(seed, n_terms=max(400, 8 * n))
    written = 0
    for i in range(n):
        folder = writer.rng.choice(_FOLDERS)
        path = out / folder / f"{writer.word().capitalize()} {i:06d}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        data = writer.note(writer.size()).encode()
        path.write_bytes(data)
        written += len(data)
    return written


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("n", type=int, help="how many notes")
    ap.add_argument("out", type=Path, help="folder to write (created)")
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    written = make_vault(args.n, args.out, args.seed)
    print(f"{args.n} notes, {written / 1e6:.1f} MB in {args.out}")


if __name__ == "__main__":
    main()
