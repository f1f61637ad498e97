"""The plain data that flows between the pipeline's stages.

read (vault.py) -> NoteFile -> parse (parse.py) -> Note -> extract -> Card -> merge -> Card -> export
Every value here is frozen: a stage returns new values, it never edits what it was given.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from types import MappingProxyType
from typing import Any


class Kind(StrEnum):
    """What a card asks. The values are the `kind` strings of the JSON contract."""

    DEFINITION = "definition"
    CLOZE = "cloze"
    QUESTION = "question"
    BASIC = "basic"


@dataclass(frozen=True, slots=True)
class Source:
    """Where a card came from: vault-relative posix path and 1-based line in the file on disk."""

    path: str
    line: int


@dataclass(frozen=True, slots=True)
class Problem:
    """Something wrong with one note, said to the user as one line naming file and line.

    `skipped` is True when the note gave no cards because of it, False when the note was read
    but something in it was passed over or repaired in a way worth knowing.
    """

    path: str
    line: int
    message: str
    skipped: bool = False

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


@dataclass(frozen=True, slots=True)
class NoteFile:
    """A note as read from disk: decoded text with `\\n` line endings, one line per line on disk."""

    path: str
    text: str
    encoding: str = "utf-8"
    problems: tuple[Problem, ...] = ()


def file_title(path: str) -> str:
    """A note's name as its file gives it: `Courses/CSE341 Index.md` -> `CSE341 Index`."""
    return re.sub(r"\.(md|markdown)$", "", path.rsplit("/", 1)[-1], flags=re.I)


def frozen_map(mapping: Mapping[str, Any] | None = None) -> Mapping[str, Any]:
    return MappingProxyType(dict(mapping or {}))


@dataclass(frozen=True, slots=True)
class Block:
    """One block of a parsed note, in document order, with its nested blocks.

    kind: heading | paragraph | item | table | code | quote | callout | term | html | math | hr
    text: the inline Markdown of the block (a list item's first paragraph, a heading's title,
          a definition-list term); empty for containers such as quote and table.
    line: 1-based line on disk where the block starts.
    depth: heading level for headings, nesting depth for list items (0 = top level).
    children: nested blocks (an item's sub-items and later paragraphs, a quote's content, a
              term's definitions).
    section: titles of the headings the block is under, outermost first.
    tags: Anki tags in effect for this block (the note's and its sections').
    meta: what is particular to a kind (callout type/title/fold, table rows, item marker/task,
          code info string).
    """

    kind: str
    text: str
    line: int
    depth: int = 0
    children: tuple[Block, ...] = ()
    section: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    meta: Mapping[str, Any] = field(default_factory=frozen_map)

    def walk(self) -> tuple[Block, ...]:
        """This block and every block nested in it, in document order."""
        out: list[Block] = [self]
        for child in self.children:
            out.extend(child.walk())
        return tuple(out)

    def lines(self) -> tuple[tuple[int, str], ...]:
        """The block's text as (line on disk, text) pairs."""
        return tuple((self.line + i, text) for i, text in enumerate(self.text.split("\n")))


@dataclass(frozen=True, slots=True)
class Note:
    """A parsed note: its front matter, its tags and its blocks."""

    path: str
    title: str
    front_matter: Mapping[str, Any]
    tags: tuple[str, ...]
    blocks: tuple[Block, ...]
    body_line: int = 1
    """Line on disk of the first body line (after front matter)."""
    aliases: tuple[str, ...] = ()
    problems: tuple[Problem, ...] = ()
    source_lines: tuple[str, ...] = ()
    """The file's lines as the parser saw them (comments blanked): `source_lines[n - 1]` is line n on
    disk, front matter lines empty. For rules whose syntax is line-based (multi-line `?` cards)."""

    def walk(self) -> tuple[Block, ...]:
        """Every block of the note, nested ones included, in document order."""
        out: list[Block] = []
        for block in self.blocks:
            out.extend(block.walk())
        return tuple(out)


@dataclass(frozen=True, slots=True)
class Card:
    """A flashcard, as an extractor proposes it and as the merge stage returns it.

    front/back are Markdown. A cloze card holds `{{c1::...}}` in front. `extra` is context
    shown under the answer (the whole paragraph of a shortened definition, other notes' answers
    after a merge). `context` is the breadcrumb of the card's place in its note. `rule` names the
    extractor that made it. `open` marks a question whose
    answer the notes do not give. `claims` are the other lines on disk the card was made from (a
    question's answer items): no rule later in the order makes a card from them.
    """

    kind: Kind
    front: str
    back: str
    sources: tuple[Source, ...]
    tags: tuple[str, ...] = ()
    rule: str = ""
    extra: str = ""
    open: bool = False
    reverse: bool = False
    deck: str = ""
    subdeck: str = ""
    """With subdecks: the note's folders as deck levels under `deck` (`Folder::Subfolder`), never
    part of the id: topics.deck_of gives the whole deck name."""
    claims: tuple[int, ...] = ()
    found_in: Source | None = None
    """Where the answer came from when the notes do not write it under the question but the
    `answers` stage found it elsewhere (it is also among `sources`, after the question's own)."""
    found_score: float = 0.0
    """How sure the `answers` stage is of a found answer, 0..1."""
    context: tuple[str, ...] = ()
    """Where the card sits in its note, outermost first: the note's title, the headings above the
    source line, and the lead-in of the list it belongs to (a merged card keeps its lead's)."""
    known_id: str = field(default="", init=False, repr=False, compare=False)
    """`id` once asked for: kept with the card (and in the cache), so that a cached run's listing
    does not hash every prompt again. `replace()` starts it afresh."""

    @property
    def source(self) -> Source:
        return self.sources[0]

    @property
    def shown_context(self) -> tuple[str, ...]:
        """The breadcrumb as a card shows it: its context without the parts that would give a
        cloze's answer away (`Hash tables › Separate chaining` over "In {{c1::separate chaining}},
        each bucket holds a list" shows `Hash tables`). `context` itself stays whole."""
        if self.kind is not Kind.CLOZE or not self.context:
            return self.context
        gaps = [_words(gap) for gap in CLOZE_GAP.findall(self.front)]
        return tuple(part for part in self.context if not any(gap and _within(gap, _words(part)) for gap in gaps))

    @property
    def id(self) -> str:
        if not self.known_id:
            # A reversed card is another Anki note type: under the same GUID Anki would refuse the
            # note as "conflicting" when a `Q::A` becomes `Q:::A`, so it gets an id of its own.
            kind = f"{self.kind}-reversed" if self.reverse else self.kind
            object.__setattr__(self, "known_id", card_id(self.deck, kind, self.front))
        return self.known_id


CLOZE_GAP = re.compile(r"\{\{c\d+::(.*?)(?:::[^}]*)?\}\}", re.S)
"""A cloze gap: its text (a hint after `::` left out)."""
_WORD = re.compile(r"[^\W_]+")


def _words(text: str) -> tuple[str, ...]:
    """A text's words as a breadcrumb and a gap are compared: folded, a plural's "s" dropped."""
    return tuple(
        w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w for w in _WORD.findall(text.casefold())
    )


def _within(gap: tuple[str, ...], part: tuple[str, ...]) -> bool:
    return any(part[i : i + len(gap)] == gap for i in range(len(part) - len(gap) + 1))


_PUNCT = re.compile(r"[^\w\s{}:]+")
# English contractions spelled out, so rewording "What is X?" as "What's X?" keeps the card's id
# (and with it the card's review history in Anki).
_CONTRACTION = re.compile(r"\b(\w+)['’](s|re|ve|ll|d|m|t)\b")
_SPELLED = {"s": " is", "re": " are", "ve": " have", "ll": " will", "d": " would", "m": " am"}
_NOT = {"won": "will not", "can": "can not", "shan": "shall not", "ain": "is not"}


def _spell_out(match: re.Match[str]) -> str:
    word, tail = match.group(1), match.group(2)
    if tail != "t":
        return word + _SPELLED[tail]
    if word in _NOT:
        return _NOT[word]
    return f"{word[:-1]} not" if word.endswith("n") else match.group(0)


def prompt_key(text: str) -> str:
    """The prompt as identity sees it: case, accents' form, markup, punctuation and English
    contractions folded."""
    # ASCII is its own NFKC form and casefolds as it lowers: most prompts skip both steps
    text = text.lower() if text.isascii() else unicodedata.normalize("NFKC", text).casefold()
    if "'" in text or "\u2019" in text:
        text = _CONTRACTION.sub(_spell_out, text)
    text = text.replace("cannot", "can not")
    text = _PUNCT.sub(" ", text)
    return " ".join(text.split())


def card_id(deck: str, kind: str, prompt: str) -> str:
    """Stable id of a card: the deck, the kind and the normalised prompt, never the answer.

    It is the Anki note GUID, namespaced so that other tools' GUIDs cannot collide with it.
    """
    digest = hashlib.sha256("\x1f".join(("notecards", deck, kind, prompt_key(prompt))).encode())
    return digest.hexdigest()[:16]


OPEN_TAG = "notecards::open"
"""The tag of an open question (no answer in the notes) when it is exported, suspended."""
FOUND_TAG = "notecards::found-answer"
"""The tag of a card whose answer was found elsewhere in the notes."""
