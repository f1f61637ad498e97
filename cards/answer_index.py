"""The passages of a vault that may answer a question, in one BM25 index (cards/answers.py).

A passage is a sentence, a short paragraph, or a list item with its sub-items. Words are stemmed
with PyStemmer's Snowball stemmer ("fine-tuning" and "fine-tune" meet) and ranked by BM25 (Lucene's
variant: the numbers bm25s gives, computed with numpy).
"""

from __future__ import annotations

import itertools
import re
import zlib
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache
from itertools import accumulate
from typing import Any, TypeVar, overload

import numpy as np
import Stemmer

from .extract import note_opted_out
from .extract._common import prose_blocks
from .model import Block, Note
from .text import sentences

_CANDIDATES = 12
"""Passages judged per question: the best by BM25 in the vault, and as many in its own note."""

_LONGEST_PASSAGE = 450
"""A paragraph or item longer than this (characters) is offered only sentence by sentence."""

# Function words and the words every question is made of: they say nothing about the topic.
STOPWORDS = frozenset(
    """a an and are as at be been being but by can could did do does doing done for from had has have
    how however i if in into is it its just me my mine myself no not of on or our ours so such than that
    the their them then there these they this those to too us very was we were what when where which
    while who whom whose why will with would you your yours should shall may might must also again
    actually really exactly basically kind sort mean means meaning meant happen happens happening
    thing things way ways work works something anything get gets he she him her hers his it's out up
    use uses used using
    about many much more most some any other own same each all both few""".split()
)

_WORD = re.compile(r"\w{2,}")
_WIKILINK = re.compile(r"!?\[\[([^\]|#]*)(?:#[^\]|]*)?(?:\|([^\]]*))?\]\]")
_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
# A tag ends before the next `<`: `[^>]*` read to the end of the text from every `<a` (quadratic).
_URL = re.compile(r"<?(?:https?|obsidian)://[^\s>]*>?|</?[a-zA-Z][^<>]*>|&#?\w+;")
_MARKS = re.compile(r"(?<!\w)[*_]+|[*_]+(?!\w)|==|~~|`|#(?=\w)")


@cache
def _stemmer() -> Stemmer.Stemmer:
    return Stemmer.Stemmer("english")


# Snowball stems suffixes, so "began" would never meet "begin": the common irregular verbs.
_IRREGULAR = dict(
    pair.split(":")
    for pair in """began:begin begun:begin became:become brought:bring built:build bought:buy caught:catch
    chose:choose chosen:choose came:come dealt:deal drew:draw drawn:draw drove:drive driven:drive ate:eat
    eaten:eat fell:fall fallen:fall felt:feel fought:fight found:find flew:fly flown:fly forgot:forget
    froze:freeze frozen:freeze gave:give given:give went:go gone:go grew:grow grown:grow held:hold
    kept:keep knew:know known:know led:lead left:leave lost:lose made:make meant:mean met:meet paid:pay
    ran:run rose:rise risen:rise said:say saw:see seen:see sold:sell sent:send shook:shake shown:show
    sang:sing sat:sit spoke:speak spoken:speak spent:spend stood:stand stole:steal stolen:steal
    struck:strike taught:teach told:tell thought:think threw:throw thrown:throw understood:understand
    woke:wake wore:wear worn:wear won:win wrote:write written:write""".split()
)

_STEMS: dict[str, str] = {}
"""Stem of each word seen: a vault says the same words over and over."""


def stem(word: str) -> str:
    found = _STEMS.get(word)
    if found is None:
        found = _STEMS[word] = _stemmer().stemWord(_IRREGULAR.get(word, word))
    return found


def quick_plain(markdown: str) -> str:
    """Inline Markdown as plain text, cheaply: a regex pass, not a parse (the parser is kept for
    the few passages that become answers)."""
    text = _WIKILINK.sub(lambda m: m.group(2) or m.group(1), markdown)
    text = _MD_LINK.sub(r"\1", text)
    text = _URL.sub(" ", text)
    return " ".join(_MARKS.sub("", text).split())


def words(text: str) -> list[tuple[str, int, int]]:
    """(stem, start, end) of every word of plain text that is not a function word."""
    return [
        (stem(m.group().lower()), m.start(), m.end())
        for m in _WORD.finditer(text)
        if m.group().lower() not in STOPWORDS
    ]


def stems(text: str) -> list[str]:
    """Stems of the words of a text that are not function words, in order."""
    known = _STEMS.get
    return [known(w) or stem(w) for w in _WORD.findall(_no_urls(text).lower()) if w not in STOPWORDS]


def _no_urls(text: str) -> str:
    return _URL.sub(" ", text) if ("/" in text or "<" in text or "&" in text) else text


# ---------------------------------------------------------------------------- the index


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
    return markdown.rstrip(" *_)").endswith("?")


_POINTS_BACK = re.compile(r"(?:It|This|They|These|That|So)\b")


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
        if _asks(markdown) or len(markdown) < 12 or markdown.endswith(":"):  # ":" announces a list
            continue
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


# A first line that points elsewhere or files the note, not one that says what the topic is.
_POINTER = re.compile(
    r"^\W*(?:see|check|look|read|watch|todo|also|more|links?|sources?|refs?|cf|notes?|examples?|e\.g|i\.e|related"
    r"|tags?|aliases?|up|back|next|prev|previous|from|via|by|created|updated|date|status|type)\b",
    re.I,
)


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


def passages(note: Note, prose: Iterable[Block] | None = None) -> list[Passage]:
    """The note's passages in document order; questions and plans (tasks, goals) are none.
    `prose`: the note's `prose_blocks(note, quotes=True)` when the caller has them already."""
    out: list[Passage] = []
    topics = _topics(note)
    for block in prose_blocks(note, quotes=True) if prose is None else prose:
        if not block.text.strip() or _FIELDS_ONLY.match(block.text):
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


class Index:
    """Every passage of a vault in one BM25 index, each note's passages side by side."""

    def __init__(self, notes: Iterable[NotePassages]) -> None:
        self.tables: list[PassageTable] = []
        self._starts: list[int] = []
        self.ranges: dict[str, tuple[int, int]] = {}
        total = 0
        for path, own in notes:
            table = PassageTable.of(path, own)
            if not len(table):
                continue
            self.tables.append(table)
            self._starts.append(total)
            self.ranges[path] = (total, total + len(table))
            total += len(table)
        self.passages = _Passages(self.tables, self._starts, total)
        """Passage i of the vault, made when first asked for."""
        self.vocab, flat, offsets = _token_ids(_word_chunks(self.tables))
        n = max(len(self.passages), 1)
        self._data, self._indices, self._indptr, df = _bm25_matrix(flat, offsets, len(self.vocab))
        del flat, offsets  # a passage's words are read again from its table when it is judged
        idf = np.log(1 + (n - df + 0.5) / (df + 0.5))
        self._idf = {
            s: float(x) for s, x, c in zip(self.vocab, idf.tolist(), df.tolist(), strict=True) if c and s != _NO_WORD
        }
        self._unseen_idf = float(np.log(1 + (n + 0.5) / 0.5))
        common = max(n / 20, 50)  # a word in more passages than this is common
        self._common_idf = float(np.log(1 + max(n - common + 0.5, 0) / (common + 0.5)))
        self._bags: dict[int, frozenset[str]] = {}
        self._weights: dict[int, float] = {}
        self.heads: dict[tuple[str, ...], list[int]] = {}
        """Passages by the term they open with or stand under ("Inflation is ...", `## Dropout`):
        BM25 ranks short mentions of a frequent term above its definition, this finds it anyway."""
        for table, start in zip(self.tables, self._starts, strict=True):
            for j, names in table.names_by_passage().items():
                for name in names:
                    self.heads.setdefault(name, []).append(start + j)
        self._plain: dict[int, tuple[str, list[tuple[str, int, int]]]] = {}
        self._topic_ok: dict[int, bool] = {}

    def bag(self, i: int) -> frozenset[str]:
        """The stems of passage i, made when first judged."""
        found = self._bags.get(i)
        if found is None:
            found = self._bags[room(self._bags, i)] = frozenset(w for w in self.passages[i].words.split(" ") if w)
        return found

    def weight(self, i: int) -> float:
        """Passage i's word weight: the sum of its stems' idf."""
        found = self._weights.get(i)
        if found is None:
            found = self._weights[room(self._weights, i)] = sum(self._idf[s] for s in self.bag(i))
        return found

    def topic_ok(self, i: int) -> bool:
        """Whether passage i, read under its topic, may define it: it does not name the topic
        itself (its plain reading does that), it says something, and it does not point elsewhere."""
        found = self._topic_ok.get(i)
        if found is None:
            passage = self.passages[i]
            plain = quick_plain(passage.markdown)
            found = self._topic_ok[room(self._topic_ok, i)] = (
                len(plain.split()) >= 4
                and not _POINTER.match(plain)
                and span(stems(quick_plain(passage.topic)), words(plain)) is None
            )
        return found

    def plain(self, i: int) -> tuple[str, list[tuple[str, int, int]]]:
        """Passage i as plain text and its words, made when first judged."""
        found = self._plain.get(i)
        if found is None:
            text = quick_plain(self.passages[i].text)
            found = self._plain[room(self._plain, i)] = (text, words(text))
        return found

    def idf(self, stem: str) -> float:
        return self._idf.get(stem, self._unseen_idf)

    def candidates(self, query: Sequence[str], path: str) -> list[int]:
        """Passages worth judging: the best of the question's own note first, then of the vault."""
        known = sorted((s for s in query if s in self._idf), key=self.idf, reverse=True)
        if not known:
            return []
        # common words barely rank, and their postings are the longest
        rare = [s for s in known if self.idf(s) >= self._common_idf] or known[:1]
        hits, scores = self.bm25_scores(rare)
        start, end = self.ranges.get(path, (0, 0))
        own = (hits >= start) & (hits < end)
        best = (*hits[own][_top(scores[own], _CANDIDATES)], *hits[_top(scores, _CANDIDATES)])
        return list(dict.fromkeys(int(i) for i in best))

    def bm25_scores(self, query: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        """The passages holding a word of the query and their BM25 scores, summed from the
        posting lists of the query's stems, so that a question costs what its words' postings
        cost, not the size of the vault."""
        data, indices, indptr = self._data, self._indices, self._indptr
        ids = [self.vocab[s] for s in query]
        docs = np.concatenate([indices[indptr[t] : indptr[t + 1]] for t in ids])
        values = np.concatenate([data[indptr[t] : indptr[t + 1]] for t in ids])
        hits, where = np.unique(docs, return_inverse=True)
        return hits, np.bincount(where, weights=values, minlength=len(hits))


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
    match = _HEAD.match(_MARKS.sub("", start))
    name = tuple(stems(match.group("head") or match.group("term"))) if match else ()
    return [name] if name else []


def topic_names(topic: str) -> set[tuple[str, ...]]:
    """The names a title gives its subject, as stems: "Rectified Linear Unit (ReLU)" is both."""
    names = {tuple(stems(part)) for part in re.findall(r"\(([^)]*)\)", topic)}
    names.add(tuple(stems(re.sub(r"\([^)]*\)", " ", topic))))
    return names - {()}


_NO_WORD = "\0"
"""Stands for the words of a passage that has none: such a passage counts as one word long."""


def _token_ids(chunks: Iterable[Sequence[str]]) -> tuple[dict[str, int], np.ndarray, np.ndarray]:
    """The id of every stem (id 0: no word), every passage's stem ids one after the other, and
    where each passage's ids start. `chunks` gives the passages' `words` (stems joined by single
    spaces) a few thousand at a time, so that they are never all in memory as separate strings
    (that alone was half a gigabyte at 10k notes). Each word is looked up in C (`map` over a
    chunk's words), not in a Python loop: a big vault says millions of words."""
    vocab = {_NO_WORD: 0}
    lengths: list[np.ndarray] = []
    ids: list[np.ndarray] = []
    for chunk in chunks:
        texts = [w or _NO_WORD for w in chunk]
        lengths.append(np.fromiter((t.count(" ") + 1 for t in texts), dtype=np.int64, count=len(texts)))
        every = " ".join(texts).split(" ") if texts else []
        for word in dict.fromkeys(every):
            if word not in vocab:
                vocab[word] = len(vocab)
        ids.append(np.fromiter(map(vocab.__getitem__, every), dtype=np.int32, count=len(every)))
    counts = np.concatenate(lengths) if lengths else np.zeros(0, dtype=np.int64)
    offsets = np.zeros(len(counts) + 1, dtype=np.int64)
    np.cumsum(counts, out=offsets[1:])
    flat = np.concatenate(ids) if ids else np.zeros(0, dtype=np.int32)
    return vocab, flat, offsets


def _word_chunks(tables: Sequence[PassageTable], size: int = 2_000) -> Iterator[list[str]]:
    chunk: list[str] = []
    for table in tables:
        chunk.extend(table.word_lines())
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


class _Passages(Sequence[Passage]):
    """The vault's passages by number, each made from its note's table when first asked for."""

    def __init__(self, tables: Sequence[PassageTable], starts: Sequence[int], total: int) -> None:
        self._tables, self._starts, self._total = tables, starts, total
        self._made: dict[int, Passage] = {}

    def __len__(self) -> int:
        return self._total

    @overload
    def __getitem__(self, i: int) -> Passage: ...
    @overload
    def __getitem__(self, i: slice) -> Sequence[Passage]: ...
    def __getitem__(self, i: int | slice) -> Passage | Sequence[Passage]:
        if isinstance(i, slice):
            return [self[k] for k in range(*i.indices(len(self)))]
        if not 0 <= i < self._total:
            raise IndexError(i)
        found = self._made.get(i)
        if found is None:
            k = bisect_right(self._starts, i) - 1
            found = self._made[room(self._made, i)] = self._tables[k][i - self._starts[k]]
        return found


_K = TypeVar("_K")

KEPT = 1 << 11
"""How many judged things (passages, their words, their stems) a cache keeps: a question's
candidates are judged several times over, and neighbouring questions share many; kept for every
question of a 50,000-note vault, they were hundreds of megabytes."""


def room(cache: dict[_K, Any], key: _K, size: int | None = None) -> _K:
    """`key`, after making room for it in `cache` (of at most `size` entries, None: `KEPT`): a
    full cache starts over, cheaper than tracking which entry is oldest, and what is judged next
    is mostly what was judged last."""
    if len(cache) >= (KEPT if size is None else size):
        cache.clear()
    return key


K1, B = 1.5, 0.75
"""BM25's term-frequency saturation and length normalisation (the usual values)."""


def _bm25_matrix(
    flat: np.ndarray, offsets: np.ndarray, vocabulary: int, chunk_tokens: int = 1 << 18
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """BM25 (Lucene's variant) as a sparse stem x passage matrix in compressed columns: the
    scores, the passage of each score, where each stem's scores start; and each stem's document
    frequency. The same numbers bm25s computes (tests compare them), made with numpy calls over
    a chunk of passages at a time instead of a Python loop per passage.

    Two passes over the chunks: the first counts each stem's passages, which says where each
    stem's scores go; the second computes the scores and puts them in place. Sorting the whole
    vault's (stem, passage) pairs at once held several arrays of that size together (200 MB
    at 10k notes); a chunk's are a few megabytes."""
    n = len(offsets) - 1
    lengths = np.diff(offsets)
    chunks = _chunks(offsets, chunk_tokens)
    df = np.zeros(vocabulary, dtype=np.int64)
    for first, last in chunks:
        stem, _, _ = _pairs(flat, offsets, first, last)
        df += np.bincount(stem, minlength=vocabulary)
    idf = np.log(1 + (n - df + 0.5) / (df + 0.5)).astype(np.float32).astype(np.float64)
    norm = K1 * ((1 - B) + B * lengths / (float(lengths.mean()) if n else 1.0))  # per passage
    indptr = np.zeros(vocabulary + 1, dtype=np.int64)
    np.cumsum(df, out=indptr[1:])
    data = np.empty(int(indptr[-1]), dtype=np.float32)
    docs = np.empty(int(indptr[-1]), dtype=np.int32)
    filled = indptr[:-1].copy()  # where each stem's next score goes
    for first, last in chunks:
        stem, doc, tf = _pairs(flat, offsets, first, last)
        tf /= norm[doc] + tf
        tf *= idf[stem]
        # the pairs are sorted by stem, then passage: each one's place is its stem's next free
        # place plus its rank among the chunk's pairs of that stem
        runs = np.flatnonzero(np.diff(stem, prepend=-1))
        sizes = np.diff(runs, append=len(stem))
        rank = np.arange(len(stem)) - np.repeat(runs, sizes)
        where = filled[stem] + rank
        data[where] = tf
        docs[where] = doc
        filled[stem[runs]] += sizes
    return data, docs, indptr, df


def _chunks(offsets: np.ndarray, tokens: int) -> list[tuple[int, int]]:
    """Consecutive runs of passages holding about `tokens` words each: (first, last + 1)."""
    n = len(offsets) - 1
    bounds = np.searchsorted(offsets, np.arange(0, int(offsets[-1]), max(tokens, 1)), side="right") - 1
    cuts = sorted({0, n, *(int(b) for b in bounds if 0 < b < n)})
    return list(itertools.pairwise(cuts)) if n else []


def _pairs(flat: np.ndarray, offsets: np.ndarray, first: int, last: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The distinct (stem, passage) pairs of passages first..last-1, sorted by stem then passage,
    with the number of times the passage says the stem."""
    count = last - first
    keys = flat[offsets[first] : offsets[last]].astype(np.int64)
    keys *= count
    keys += np.repeat(np.arange(count, dtype=np.int64), np.diff(offsets[first : last + 1]))
    keys.sort()
    starts = np.flatnonzero(np.diff(keys, prepend=-1))
    tf = np.diff(starts, append=len(keys)).astype(np.float64)
    pairs = keys[starts]
    return (pairs // count).astype(np.int32), (pairs % count + first).astype(np.int32), tf


def _top(scores: np.ndarray, k: int) -> np.ndarray:
    if len(scores) <= k:
        return np.argsort(-scores, kind="stable")
    best = np.argpartition(-scores, k)[:k]
    return best[np.argsort(-scores[best], kind="stable")]


def span(term: Sequence[str], found: Sequence[tuple[str, int, int]]) -> tuple[int, int] | None:
    """Characters of the first run of the passage's words whose stems are the term's."""
    n = len(term)
    for i in range(len(found) - n + 1 if n else 0):
        if all(found[i + j][0] == term[j] for j in range(n)):
            return found[i][1], found[i + n - 1][2]
    return None
