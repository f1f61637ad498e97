"""Every passage of a vault in one BM25 index (bm25s, Lucene's variant), and what judging reads of them.

Words are stemmed with PyStemmer's Snowball stemmer ("fine-tuning" and "fine-tune" meet).
"""

from __future__ import annotations

import itertools
import math
import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, TypeVar, overload

import numpy as np

from .passages import NotePassages, Passage, PassageTable
from .words import quick_plain, span, stems, words

_CANDIDATES = 12
"""Passages judged per question: the best by BM25 in the vault, and as many in its own note."""

# A first line that points elsewhere or files the note, not one that says what the topic is.
_POINTER = re.compile(
    r"^\W*(?:see|check|look|read|watch|todo|also|more|links?|sources?|refs?|cf|notes?|examples?|e\.g|i\.e|related"
    r"|tags?|aliases?|up|back|next|prev|previous|from|via|by|created|updated|date|status|type)\b",
    re.I,
)


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
        self._data, self._indices, self._indptr = _bm25_matrix(flat, offsets, len(self.vocab))
        del flat, offsets  # a passage's words are read again from its table when it is judged
        df = np.diff(self._indptr)  # the passages holding each stem: the length of its column
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
        """Passage i's word weight: the sum of its stems' idf (exactly rounded: the same in every
        run, whatever order the set of stems is walked in)."""
        found = self._weights.get(i)
        if found is None:
            found = self._weights[room(self._weights, i)] = math.fsum(self._idf[s] for s in self.bag(i))
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

    def lacking(self, needed: Iterable[str], passages: Sequence[int]) -> set[int]:
        """Those of `passages` whose words lack one of the `needed` stems, read from the stems'
        postings (sorted passage numbers) instead of from the passages: the first thing
        `Judge.score` asks, and half the candidates of a question fail it."""
        if not passages:
            return set()
        wanted = np.asarray(passages, dtype=np.int64)
        holding = np.ones(len(wanted), dtype=bool)
        for stem in set(needed):
            t = self.vocab.get(stem)
            if t is None or stem == _NO_WORD:
                return set(passages)
            posting = self._indices[self._indptr[t] : self._indptr[t + 1]]
            if not len(posting):
                return set(passages)
            at = np.minimum(np.searchsorted(posting, wanted), len(posting) - 1)
            holding &= posting[at] == wanted
        return {int(i) for i in wanted[~holding]}

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

    def place(self, i: int) -> tuple[PassageTable, int]:
        """The table of passage i and its number there: what a passage's path, length and
        wholeness are read from without unpacking its note's text."""
        k = bisect_right(self._starts, i) - 1
        return self._tables[k], i - self._starts[k]


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
"""BM25's term-frequency saturation and length normalisation (the usual values, bm25s's defaults)."""


def _bm25_matrix(
    flat: np.ndarray, offsets: np.ndarray, vocabulary: int, chunk_tokens: int = 1 << 18
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """BM25 (Lucene's variant) as bm25s computes it: a sparse stem x passage matrix in compressed
    columns, that is the scores, the passage of each score, and where each stem's scores start.

    The weights are bm25s's (`_Bm25sFormula`); what is counted with numpy is which passages hold
    each stem and how often, over a chunk of passages at a time: two passes, the first counts each
    stem's passages (its document frequency, which also says where its scores go), the second
    scores the chunk's (stem, passage) pairs and puts them in place. Sorting the whole vault's
    pairs at once held several arrays of that size together (200 MB at 10k notes); a chunk's are a
    few megabytes."""
    n = len(offsets) - 1
    if n < 1:  # no passage: bm25s would average no lengths
        return np.zeros(0, dtype=np.float32), np.zeros(0, dtype=np.int32), np.zeros(vocabulary + 1, dtype=np.int64)
    lengths = np.diff(offsets)
    chunks = _chunks(offsets, chunk_tokens)
    df = np.zeros(vocabulary, dtype=np.int64)
    for first, last in chunks:
        stem, _, _ = _pairs(flat, offsets, first, last)
        df += np.bincount(stem, minlength=vocabulary)
    formula = _Bm25sFormula(n, lengths)
    idf = formula.idf(df)
    indptr = np.zeros(vocabulary + 1, dtype=np.int64)
    np.cumsum(df, out=indptr[1:])
    data = np.empty(int(indptr[-1]), dtype=np.float32)
    docs = np.empty(int(indptr[-1]), dtype=np.int32)
    filled = indptr[:-1].copy()  # where each stem's next score goes
    for first, last in chunks:
        stem, doc, tf = _pairs(flat, offsets, first, last)
        scores = formula.scores(idf[stem], tf, lengths[doc])
        # the pairs are sorted by stem, then passage: each one's place is its stem's next free
        # place plus its rank among the chunk's pairs of that stem
        runs = np.flatnonzero(np.diff(stem, prepend=-1))
        sizes = np.diff(runs, append=len(stem))
        rank = np.arange(len(stem)) - np.repeat(runs, sizes)
        where = filled[stem] + rank
        data[where] = scores
        docs[where] = doc
        filled[stem[runs]] += sizes
    return data, docs, indptr


class _Bm25sFormula:
    """bm25s's BM25 weights for arrays of counts: the one place that reaches into bm25s's
    private `scoring` functions.

    Why: bm25s's public build (`BM25.index`, `BM25.build_index_from_ids`) counts each passage's
    stems with a `Counter` in a Python loop, once per passage: 11 s and 250 MB for the 533k
    passages of a 10k-note vault, where counting with numpy takes under a second and 80 MB. Its
    public API takes no counts, so this hands the counts to the functions that loop itself calls
    for the numbers: `_build_idf_array` with the method's idf (`_select_idf_scorer`), and the
    method's term-frequency part (`_select_tfc_scorer`, numpy arithmetic that takes arrays),
    with the dtypes bm25s gives them (float32 counts and idf, the mean length as numpy's
    float64), so every weight is bm25s's bit for bit: tests/test_answer_index.py checks the
    matrix equals what bm25s's own `index()` makes. These functions read the same in bm25s 0.3.0
    and 0.3.16, tested on 0.3.16 with NumPy 2 (pyproject pins bm25s <0.4; under NumPy 1's older
    type promotion a weight could differ in its last float32 bit from bm25s's own)."""

    def __init__(self, passages: int, lengths: np.ndarray) -> None:
        # imported here, when a vault's passages are indexed: every command imports this module
        # (listing, --no-find-answers) and bm25s adds its own start-up to each
        from bm25s import BM25, scoring

        model = BM25(method="lucene", k1=K1, b=B)
        self._passages = passages
        self._dtype = model.dtype
        self._idf = scoring._select_idf_scorer(model.idf_method)
        self._build_idf = scoring._build_idf_array
        tfc = scoring._select_tfc_scorer(model.method)
        k1, b, delta = model.k1, model.b, model.delta
        average = np.asarray(lengths).mean()  # as bm25s: the mean of an integer array
        self._tfc = lambda tf, length: tfc(tf_array=tf, l_d=length, l_avg=average, k1=k1, b=b, delta=delta)

    def idf(self, df: np.ndarray) -> np.ndarray:
        """Each stem's idf, from the number of passages holding it (0: none, idf 0)."""
        counts = dict(enumerate(df.tolist()))
        return self._build_idf(counts, n_docs=self._passages, compute_idf_fn=self._idf, dtype=self._dtype)

    def scores(self, idf: np.ndarray, tf: np.ndarray, length: np.ndarray) -> np.ndarray:
        """The weight of each (stem, passage) pair: its stem's idf, the times the passage says
        it, and the passage's length in words."""
        return idf * self._tfc(tf.astype(self._dtype), length)


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
    tf = np.diff(starts, append=len(keys))
    pairs = keys[starts]
    return (pairs // count).astype(np.int32), (pairs % count + first).astype(np.int32), tf


def _top(scores: np.ndarray, k: int) -> np.ndarray:
    if len(scores) <= k:
        return np.argsort(-scores, kind="stable")
    best = np.argpartition(-scores, k)[:k]
    return best[np.argsort(-scores[best], kind="stable")]
