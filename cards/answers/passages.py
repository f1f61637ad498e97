"""The passages of a note that may answer a question, as the answer index files them.

A passage is a sentence, a short paragraph, or a list item with its sub-items. A note's passages
are made on the worker processes, with their words already stemmed (`indexed`), and kept in a
compact `PassageTable` that the cache stores with the note's cards.
"""

from __future__ import annotations

import re
import zlib
from array import array
from bisect import bisect_left
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from itertools import accumulate
from typing import overload

from ..extract import note_opted_out
from ..extract._common import prose_blocks
from ..extract._terms import TASK_VERBS
from ..extract.qa_pairs import Q_LINE
from ..model import Block, Note
from ..text import sentences
from .words import MARKS, stems, topic_names

_LONGEST_PASSAGE = 450
"""A paragraph or item longer than this (characters) is offered only sentence by sentence."""


@dataclass(frozen=True, slots=True)
class Passage:
    """A sentence, short paragraph or list item with its sub-items that may answer a question."""

    path: str
    line: int
    markdown: str
    whole: bool
    """True for a paragraph or item given whole, False for one of its sentences."""
    topic: str = ""
    """The term the passage defines without naming it: the title of a note named after what it
    explains (`LoRA.md` opens "Abbreviation for ..."), the heading it stands under, the term of a
    definition list. Matched as `topic: passage`, and only for a question about that term."""
    words: str = ""
    """The stems of `text` joined by spaces (`indexed`): made with the note, on a worker process."""
    names: tuple[tuple[str, ...], ...] = ()
    """The terms the passage opens by defining, or its topic's names, as stems (`indexed`)."""

    @property
    def text(self) -> str:
        """What is matched against questions (the answer shown is `markdown`)."""
        return f"{self.topic}: {self.markdown}" if self.topic else self.markdown


@dataclass(frozen=True, slots=True)
class PassageTable(Sequence[Passage]):
    """One note's passages as a few columns instead of an object each: a big vault has half a
    million passages, and as objects they were most of the memory of a run (10k notes: 225 MB).
    The index reads the words of all of them and the rest of the few it judges. Their text is
    kept compressed (zlib): the Markdown and words of a big vault's passages are a third of its
    memory at the vault-wide stages, and compress threefold."""

    path: str
    lines: array[int] = field(default_factory=lambda: array("l"))
    ends: array[int] = field(default_factory=lambda: array("l"))
    """Where each passage's Markdown ends in the Markdown of all of them."""
    packed: bytes = b""
    """zlib of: each passage's `words`, one passage per line; a NUL; their Markdown, end to end."""
    whole: bytes = b""
    topics: tuple[tuple[int, str], ...] = ()
    """(passage, topic) for the few passages that have one."""
    named: array[int] = field(default_factory=lambda: array("l"))
    """The passages that have names, in order."""
    names: str = ""
    """Their names, a passage per line: names apart by "|", the stems of a name by spaces (as
    tuples, 40 MB at 10k notes)."""

    @classmethod
    def of(cls, path: str, passages: Sequence[Passage]) -> PassageTable:
        if isinstance(passages, PassageTable):
            return passages
        if not passages:
            return cls(path)
        ends = array("l", accumulate(len(p.markdown) for p in passages))
        text = "\n".join(p.words for p in passages) + "\0" + "".join(p.markdown for p in passages)
        return cls(
            path,
            array("l", (p.line for p in passages)),
            ends,
            zlib.compress(text.encode("utf-8", "surrogatepass"), 1),
            bytes(p.whole for p in passages),
            tuple((j, p.topic) for j, p in enumerate(passages) if p.topic),
            array("l", (j for j, p in enumerate(passages) if p.names)),
            "\n".join("|".join(" ".join(name) for name in p.names) for p in passages if p.names),
        )

    def __len__(self) -> int:
        return len(self.lines)

    @overload
    def __getitem__(self, j: int) -> Passage: ...
    @overload
    def __getitem__(self, j: slice) -> Sequence[Passage]: ...
    def __getitem__(self, j: int | slice) -> Passage | Sequence[Passage]:
        if isinstance(j, slice):
            return [self[k] for k in range(*j.indices(len(self)))]
        if j < 0:
            j += len(self)
        start = self.ends[j - 1] if j else 0
        words, markdown = _unpacked(self.packed)
        return Passage(
            self.path,
            self.lines[j],
            markdown[start : self.ends[j]],
            bool(self.whole[j]),
            next((t for k, t in self.topics if k == j), ""),
            words[j],
            self._names_of(j),
        )

    def __iter__(self) -> Iterator[Passage]:
        words, text = _unpacked(self.packed)
        topics, names = dict(self.topics), self.names_by_passage()
        start = 0
        for j, end in enumerate(self.ends):
            markdown = text[start:end]
            yield Passage(
                self.path, self.lines[j], markdown, bool(self.whole[j]), topics.get(j, ""), words[j], names.get(j, ())
            )
            start = end

    def length(self, j: int) -> int:
        """The length of passage j's Markdown."""
        return self.ends[j] - (self.ends[j - 1] if j else 0)

    def names_by_passage(self) -> dict[int, tuple[tuple[str, ...], ...]]:
        """The names of each passage that has some."""
        lines = self.names.split("\n") if self.named else []
        return {j: _names(line) for j, line in zip(self.named, lines, strict=True)}

    def _names_of(self, j: int) -> tuple[tuple[str, ...], ...]:
        k = bisect_left(self.named, j)
        return _names(self.names.split("\n")[k]) if k < len(self.named) and self.named[k] == j else ()

    def word_lines(self) -> list[str]:
        """Each passage's words."""
        return list(_unpacked(self.packed)[0])


def _names(line: str) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(name.split(" ")) for name in line.split("|"))


@lru_cache(maxsize=256)
def _unpacked(packed: bytes) -> tuple[tuple[str, ...], str]:
    """A table's passages' words and their Markdown end to end. The last few tables are kept:
    a question's candidates come from a few notes."""
    if not packed:
        return (), ""
    words, _, markdown = zlib.decompress(packed).decode("utf-8", "surrogatepass").partition("\0")
    return tuple(words.split("\n")), markdown


def _asks(markdown: str) -> bool:
    """A question, or an exercise set ("Give the SQL code to ...", "**Queries:** Write the following
    queries ..."): neither answers another question."""
    return markdown.rstrip(" *_)").endswith("?") or _SETS_A_TASK.match(markdown) is not None


_SETS_A_TASK = re.compile(rf"^\W*(?:[*_]{{1,2}}[^*_\n]{{1,30}}[*_]{{1,2}}:?\W*)?{TASK_VERBS}\b", re.I)


_POINTS_BACK = re.compile(r"(?:It|This|They|These|That|So)\b")
# "Right diagram shows implementation using NAND gates": what a picture beside the text shows, not said
_SHOWS = re.compile(
    r"\b(?:diagram|figure|fig\.|picture|image|screenshot|graph|plot|chart|table)s?(?:\s+[\w-]+){0,3}?\s+"
    r"(?:shows?|illustrates?|depicts?)\b",
    re.I,
)


def _sentence_passages(note: Note, block: Block, spans: Sequence[tuple[int, int]]) -> list[Passage]:
    out: list[Passage] = []
    line, counted = block.line, 0  # lines counted as the sentences go, not from the start for each
    for i, (start, end) in enumerate(spans):
        markdown = block.text[start:end].strip()
        # a sentence that only points back at the one before ("It stops ...") goes with it
        if i + 1 < len(spans) and _POINTS_BACK.match(block.text, spans[i + 1][0]):
            markdown = block.text[start : spans[i + 1][1]].strip()
        line += block.text.count("\n", counted, start)
        counted = start
        # ":" announces a list, bold or not ("**What it cannot do:**")
        if _asks(markdown) or len(markdown) < 12 or markdown.rstrip(" *_").endswith(":") or _SHOWS.search(markdown):
            continue
        if i and _POINTS_BACK.match(block.text, start):
            continue  # ... and never goes alone: "It deals with reference cycles only." says nothing of what
        # a sentence wrapped over lines is one line of thought (and a [[link]] may span the break)
        out.append(Passage(note.path, line, " ".join(markdown.split("\n")), False))
    return out


def _whole_passage(note: Note, block: Block, sentence_count: int) -> Passage | None:
    parts = [block.text]
    parts.extend(c.text for c in block.children if c.kind in ("item", "paragraph") and c.text)
    if sentence_count < 2 and len(parts) < 2:
        return None
    markdown = "\n".join(parts)
    if len(markdown) > _LONGEST_PASSAGE or _asks(markdown):
        return None
    return Passage(note.path, block.line, markdown, True)


def _topic_passage(topic: str, first: Passage) -> Passage | None:
    """A definition's first sentence read with the term it defines, when the term names a thing
    (whether the sentence really defines it is judged when a question asks: `Index.topic_ok`)."""
    topic = _LEADING_JUNK.sub("", topic).strip()
    if not topic or len(topic.split()) > 6 or not re.search(r"[^\W\d_]", topic):
        return None
    return replace(first, topic=topic)


_TAGS_ONLY = re.compile(r"^(?:#[\w/-]+[\s,]*)+$")
# Dataview inline fields ("rating:: 5"): a note's metadata, not something it says.
_FIELDS_ONLY = re.compile(r"^(?:[^\S\n]*[\w -]+::[^\n]*(?:\n|$))+$")
_LEADING_JUNK = re.compile(r"^[^\w`\"“]+")  # emoji and numbering before a heading's words


def _topics(note: Note) -> dict[int, str]:
    """Blocks that define a term they may not repeat, by id: a definition list's definitions, a
    titled callout's text (`> [!definition] Self-attention`), the first paragraph or item under a
    heading (`## Dropout` / `- randomly zeroes ...`), and the opening paragraph of a note named
    after its subject (`Backpropagation.md`)."""
    topics = {id(c): b.text for b in note.walk() if b.kind == "term" for c in b.children}
    heading: Block | None = None
    for block in note.walk():
        title = str(block.meta.get("title") or "") if block.kind == "callout" else ""
        if title and not title.rstrip().endswith("?") and block.children and block.children[0].kind == "paragraph":
            topics.setdefault(id(block.children[0]), title)
        if block.kind == "heading":
            heading = block
        elif heading is not None and not _metadata(block):
            # only what comes right under the heading: not a callout's or a quote's text
            if block.kind in ("paragraph", "item") and block.section and block.section[-1] == heading.text:
                topics.setdefault(id(block), heading.text)
            heading = None
    first = next((b for b in note.walk() if b.kind == "paragraph" and not _metadata(b)), None)
    if first is not None and first.line <= note.body_line + 3 and first.section in ((), (note.title,)):
        topics.setdefault(id(first), note.title.strip())
    return topics


def _metadata(block: Block) -> bool:
    """A paragraph of tags only, or of Dataview fields only."""
    return block.kind == "paragraph" and bool(_TAGS_ONLY.match(block.text) or _FIELDS_ONLY.match(block.text))


def _sets_a_question(text: str) -> bool:
    """A block with a line that sets a question ("**Question:** Which dealers ...", "Q3. ...") asks,
    whatever its last sentence ends on: an exercise sheet's next exercise answers no other."""
    return any(Q_LINE.match(line.strip()) for line in text.splitlines())


def passages(note: Note, prose: Iterable[Block] | None = None) -> list[Passage]:
    """The note's passages in document order; questions and plans (tasks, goals) are none.
    `prose`: the note's `prose_blocks(note, quotes=True)` when the caller has them already."""
    out: list[Passage] = []
    topics = _topics(note)
    for block in prose_blocks(note, quotes=True) if prose is None else prose:
        if not block.text.strip() or _FIELDS_ONLY.match(block.text) or _sets_a_question(block.text):
            continue
        spans = sentences(block.text)
        own = _sentence_passages(note, block, spans)
        if own and id(block) in topics and (topic := _topic_passage(topics[id(block)], own[0])):
            out.append(topic)
        out.extend(own)
        whole = _whole_passage(note, block, len(spans))
        if whole is not None:
            out.append(whole)
    return out


def note_passages(note: Note, prose: Iterable[Block] | None = None) -> PassageTable:
    """The passages a note lends to the index: none when it opted out of notecards. Made per note
    (on the worker processes, and cached with the note's cards), so a warm run parses nothing."""
    return PassageTable.of(note.path, [] if note_opted_out(note) else [indexed(p) for p in passages(note, prose)])


def indexed(passage: Passage) -> Passage:
    """The passage with the words and names the index files it under: the part of indexing that
    reads text, done per note so that it runs in parallel and is cached."""
    if passage.topic:
        names = tuple(sorted(topic_names(passage.topic)))
    else:
        names = () if passage.whole else tuple(_head(passage.markdown))
    words = " ".join(stems(passage.text))
    # made directly: dataclasses.replace looks the fields up again for each of a note's passages
    return Passage(
        path=passage.path,
        line=passage.line,
        markdown=passage.markdown,
        whole=passage.whole,
        topic=passage.topic,
        words=words,
        names=names,
    )


NotePassages = tuple[str, Sequence[Passage]]
"""A note's path and its passages."""


_HEAD = re.compile(
    r"^\W*(?:(?:an?|the)\s+)?(?P<head>[^\W\d][\w'’ -]{0,40}?)\s*(?:\([^)]*\)\s*)?"
    r"(?:is|are|was|were|means|refers to|stands for|denotes)\s|^\W*(?P<term>[^\W\d][\w'’ -]{0,40}?)\s*:\s",
    re.I,
)


_HEAD_HINT = re.compile(r"\s(?:is|are|was|were|means|refers|stands|denotes)\s|:\s")


def _head(markdown: str) -> list[tuple[str, ...]]:
    """The term a passage opens by defining, as stems: "A **levain** is ..." gives (levain,)."""
    start = markdown[:90]
    if not _HEAD_HINT.search(start):
        return []
    match = _HEAD.match(MARKS.sub("", start))
    name = tuple(stems(match.group("head") or match.group("term"))) if match else ()
    return [name] if name else []
