"""Fixture files: notes and the exact cards expected from them, in a form a reviewer can read.

A fixture file holds cases, each:

    # the case's title
    .
    the note, as it is on disk (optional `path: Folder/Name.md` line before the first `.`)
    .
    kind@line | front | back
    .

One expected card a line; `\\n` in front or back stands for a line break; an empty expected
block means the note must give no card at all. The cards are compared with every rule of the
registry running, as the pipeline runs them, so a rule that fires where it must not fails a case.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures"


@dataclass(frozen=True)
class Case:
    file: str
    title: str
    path: str
    note: str
    expected: tuple[str, ...]
    line: int

    @property
    def id(self) -> str:
        return f"{self.file}:{self.line}:{self.title}"


def load_cases(folder: str) -> list[Case]:
    cases: list[Case] = []
    for file in sorted((FIXTURES / folder).glob("*.txt")):
        lines = file.read_text(encoding="utf-8").split("\n")
        i = 0
        while i < len(lines):
            if not lines[i].startswith("# "):
                i += 1
                continue
            title, start = lines[i][2:].strip(), i + 1
            i += 1
            path = "Note.md"
            if lines[i].startswith("path:"):
                path = lines[i][5:].strip()
                i += 1
            assert lines[i] == ".", f"{file.name}:{i + 1}: expected '.' after the title"
            end = lines.index(".", i + 1)
            note = "\n".join(lines[i + 1 : end])
            close = lines.index(".", end + 1)
            expected = tuple(line for line in lines[end + 1 : close] if line.strip())
            cases.append(Case(file.name, title, path, note, expected, start))
            i = close + 1
    return cases


def card_line(kind: str, line: int, front: str, back: str) -> str:
    def flat(text: str) -> str:
        return text.replace("\n", "\\n")

    return f"{kind}@{line} | {flat(front)} | {flat(back)}".rstrip()
