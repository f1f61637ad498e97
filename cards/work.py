"""Running the per-note stages (decode, parse, extract) over many notes, on every core.

A note's cards depend on its path and bytes alone, so notes are independent: the main process
reads the files (cheap), worker processes decode, parse and extract them in batches, and the
results come back in the order the notes were given. The output is the same whether one process
or many did the work. The library prints nothing: progress is reported through a callback.
"""

from __future__ import annotations

import pickle
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .model import Card, Problem
from .pool import map_parallel
from .store import NoteCache, dumps, note_key, vault_digest
from .topics import Links
from .vault import MAX_NOTE_BYTES, NoteError, note_bytes, relative

if TYPE_CHECKING:
    from .answers import Passage

Progress = Callable[[int, int], None]
"""progress(done, total): called now and then from the main thread while notes are processed."""

STAGES = ("read", "parse", "extract", "render")


@dataclass(frozen=True, slots=True)
class NoteResult:
    """What one note gives, before the vault-wide stages (deck, merge, sort): what the cache keeps."""

    path: str
    cards: tuple[Card, ...] = ()
    problems: tuple[Problem, ...] = ()
    skipped: bool = False
    html: tuple[tuple[str, str], ...] | None = None
    """(markdown, HTML) of the cards' texts, when rendering was asked for (None: not made)."""
    aliases: tuple[tuple[str, str], ...] = ()
    """(short name, long name) pairs the note declares, for the merge stage (aliases.py)."""
    spelled: tuple[tuple[str, str], ...] = ()
    """(acronym, long form) pairs the note spells out in its text: they hold in it (aliases.py)."""
    passages: Sequence[Passage] = ()
    """Sentences and paragraphs that may answer open questions (cards/answers/)."""
    links: Links = field(default_factory=Links)
    """The links that lead its list items, for finding hub notes (topics.py)."""


@dataclass(slots=True)
class Clock:
    """CPU seconds spent per stage, summed over notes (and over processes when run in parallel).
    CPU, not wall, time: on a machine shared with other work, wall time says more about the others."""

    laps: dict[str, float] = field(default_factory=lambda: dict.fromkeys(STAGES, 0.0))
    last: float = field(default_factory=time.process_time)

    def start(self) -> None:
        self.last = time.process_time()

    def lap(self, stage: str) -> None:
        now = time.process_time()
        self.laps[stage] = self.laps.get(stage, 0.0) + now - self.last
        self.last = now

    def add(self, laps: dict[str, float]) -> None:
        for stage, seconds in laps.items():
            self.laps[stage] = self.laps.get(stage, 0.0) + seconds


@dataclass(frozen=True, slots=True)
class Timings:
    """Where a run's time went. read/parse/extract/render are CPU seconds summed over worker
    processes (with N workers they add up to about N times their wall-clock share); the rest are
    wall seconds."""

    read: float = 0.0
    parse: float = 0.0
    extract: float = 0.0
    render: float = 0.0
    merge: float = 0.0
    total: float = 0.0
    jobs: int = 1
    cache: float = 0.0
    notes_cached: int = 0
    bytes_read: int = 0


@dataclass(frozen=True, slots=True)
class Task:
    """One note to process: its vault-relative path and its bytes."""

    path: str
    data: bytes


NoteFunc = Callable[[Task, Clock], NoteResult]

# Work is shipped to workers in batches of about this many bytes: big enough that the cost of
# sending a batch is small next to parsing it, small enough that the cores finish together.
BATCH_BYTES = 256 * 1024
BATCH_NOTES = 64
# Below this much work a pool costs more than it saves.
PARALLEL_MIN_BYTES = 512 * 1024


def batches(tasks: list[Task]) -> Iterator[list[Task]]:
    """The tasks in batches, emptying the list as it goes: a note's bytes are freed once its
    batch is sent, instead of all of them staying in memory until the end (200 MB at 50k notes)."""
    batch: list[Task] = []
    size = 0
    tasks.reverse()
    while tasks:
        task = tasks.pop()
        batch.append(task)
        size += len(task.data)
        if size >= BATCH_BYTES or len(batch) >= BATCH_NOTES:
            yield batch
            batch, size = [], 0
    if batch:
        yield batch


def _run_batch(func: NoteFunc, batch: list[Task]) -> tuple[list[bytes], dict[str, float]]:
    """Results come back pickled one by one: the cache keeps them as they are, so the main
    process, the one part that does not run in parallel, never pickles them itself."""
    clock = Clock()
    results = []
    for task in batch:
        clock.start()
        results.append(dumps(func(task, clock)))
    return results, clock.laps


def run_notes(
    func: NoteFunc,
    tasks: list[Task],
    jobs: int,
    clock: Clock,
    progress: Progress | None = None,
    done: int = 0,
    total: int | None = None,
) -> Iterator[bytes]:
    """func over every task, in task order, on up to `jobs` processes, each result pickled and
    handed over as soon as it is back (the caller keeps what it needs and lets the rest go);
    stage times go to clock. The list is emptied as its tasks are handed out.

    `done`/`total` let the caller count notes it settled another way (from the cache) in progress.
    """
    total = len(tasks) + done if total is None else total
    work = sum(len(t.data) for t in tasks)
    if work < PARALLEL_MIN_BYTES or len(tasks) < 2:
        jobs = 1
    for out, laps in map_parallel(_run_batch, batches(tasks), jobs, chunk=1, shared=func):
        clock.add(laps)
        done += len(out)
        yield from out
        if progress:
            progress(done, total)


def read_notes(
    root: Path, paths: Sequence[Path], max_bytes: int = MAX_NOTE_BYTES
) -> Iterator[tuple[str, bytes | Problem]]:
    """Each note's vault path and its bytes, or the problem that kept it from being read."""
    for path in paths:
        rel = relative(root, path)
        try:
            found: bytes | Problem = note_bytes(rel, path, max_bytes)
        except NoteError as err:
            found = err.problem
        yield rel, found


def input_record(rel: str, found: bytes | Problem, key: bytes) -> bytes:
    """What one note adds to a vault's inputs digest (NoteCache.inputs): its cache key, or the
    problem that kept it from being read."""
    return b"\2" + key if isinstance(found, bytes) else b"\1" + repr((rel, found)).encode() + b"\0"


Known = Sequence[tuple[int, bytes] | None]
"""Each note's size and cache key as `vault_inputs` read them (None: it could not be read), in
the order of the paths: `process_vault` then reads again only the notes it must compute."""


def vault_inputs(
    root: Path, paths: Sequence[Path], max_bytes: int = MAX_NOTE_BYTES
) -> tuple[bytes, int, list[tuple[int, bytes] | None]]:
    """The digest `process_vault` feeds NoteCache.inputs for these notes, the bytes read, and each
    note's size and key (Known): every note read and hashed, no note's bytes kept. Enough to know
    whether the vault is unchanged."""
    digest = vault_digest()
    size = 0
    known: list[tuple[int, bytes] | None] = []
    for rel, found in read_notes(root, paths, max_bytes):
        key = note_key(rel, found) if isinstance(found, bytes) else b""
        size += len(found) if isinstance(found, bytes) else 0
        digest.update(input_record(rel, found, key))
        known.append((len(found), key) if isinstance(found, bytes) else None)
    return digest.digest(), size, known


def _inputs(
    root: Path, paths: Sequence[Path], max_bytes: int, keyed: bool, known: Known | None
) -> Iterator[tuple[str, bytes | Problem | None, bytes, int]]:
    """Each note's vault path, bytes (None: known, not read again), cache key and size."""
    if known is None:
        for rel, found in read_notes(root, paths, max_bytes):
            key = note_key(rel, found) if keyed and isinstance(found, bytes) else b""
            yield rel, found, key, len(found) if isinstance(found, bytes) else 0
        return
    for path, seen in zip(paths, known, strict=True):
        if seen is None:  # could not be read: try again, and say why once more
            (rel, found), *_ = read_notes(root, [path], max_bytes)
            key = note_key(rel, found) if isinstance(found, bytes) else b""
            yield rel, found, key, len(found) if isinstance(found, bytes) else 0
        else:
            yield relative(root, path), None, seen[1], seen[0]


OUT_OF_TIME = "took too long to read"
"""How the warning of a note skipped by its budget (pipeline.note_result) begins: such a result
is never cached (the next run tries again: on a busy machine a good note may have been slow)."""


def out_of_time(result: NoteResult) -> bool:
    return result.skipped and any(p.message.startswith(OUT_OF_TIME) for p in result.problems)


def _usable(result: object, html: bool) -> bool:
    """Whether a kept result will do: a NoteResult, with its cards' HTML when that is asked for."""
    return isinstance(result, NoteResult) and (result.html is not None or not html)


LOOKUP_BATCH = 512
"""Notes read before their cached results are looked up together (NoteCache.get_many)."""


def process_vault(
    root: Path,
    paths: Sequence[Path],
    func: NoteFunc,
    jobs: int,
    store: NoteCache | None,
    progress: Progress | None = None,
    html: bool = False,
    max_bytes: int = MAX_NOTE_BYTES,
    known: Known | None = None,
) -> tuple[list[NoteResult], Timings]:
    """Every note's result, in the order of `paths`: from the cache when its bytes are unchanged,
    else computed (in parallel when there is enough to do) and recorded in the cache.
    With `html`, a cached result without its cards' HTML is computed again (and kept with it).
    With `known` (vault_inputs, and a cache), only the notes not found in it are read again."""
    started = time.perf_counter()
    clock = Clock()
    total = len(paths)
    slots: list[NoteResult | None] = []
    todo: list[tuple[int, bytes]] = []
    tasks: list[Task] = []
    size = 0
    pending: list[tuple[int, str, bytes | None, bytes, int]] = []
    records: list[bytes] = []
    """Each note's input record (input_record), in vault order: for NoteCache.inputs."""

    def look_up() -> None:
        """The pending notes from the cache, in one query; the others become tasks."""
        nonlocal size
        keys = [key for _, _, _, key, _ in pending]
        hits = store.get_many(keys, lambda r: _usable(r, html)) if store is not None else {}
        for i, rel, data, key, length in pending:
            slots[i] = hits.get(key)
            if slots[i] is not None:
                continue
            if data is None:  # known, not kept: read again (changed since, it is read as it is now)
                ((_, found),) = read_notes(root, [paths[i]], max_bytes)
                size -= length
                key = note_key(rel, found) if isinstance(found, bytes) else b""
                records[i] = input_record(rel, found, key)
                if not isinstance(found, bytes):
                    slots[i] = NoteResult(rel, problems=(found,), skipped=True)
                    continue
                data = found
                size += len(data)
            todo.append((i, key))
            tasks.append(Task(rel, data))
        pending.clear()

    for i, (rel, data, key, length) in enumerate(_inputs(root, paths, max_bytes, store is not None, known)):
        records.append(input_record(rel, b"" if data is None else data, key))
        if isinstance(data, Problem):
            slots.append(NoteResult(rel, problems=(data,), skipped=True))
            continue
        size += length
        slots.append(None)
        pending.append((i, rel, data, key, length))
        if len(pending) >= LOOKUP_BATCH:
            look_up()
    look_up()
    if store is not None:
        for record in records:
            store.inputs.update(record)
    clock.lap("read")
    done = total - len(todo)
    if progress:
        progress(done, total)
    work = sum(len(t.data) for t in tasks)
    try:
        computed = run_notes(func, tasks, jobs, clock, progress, done, total)
        for (i, key), blob in zip(todo, computed, strict=True):
            slots[i] = result = pickle.loads(blob)  # from this run's own workers
            if store is not None and not out_of_time(result):
                store.put(key, blob)  # on its way to disk: the blob is not kept in memory
        saved = time.perf_counter()
        if store is not None:
            store.save()
    finally:
        if store is not None:
            store.abandon()
    results = [r for r in slots if r is not None]
    laps = clock.laps
    timings = Timings(
        read=laps["read"],
        parse=laps["parse"],
        extract=laps["extract"],
        render=laps["render"],
        total=time.perf_counter() - started,
        cache=time.perf_counter() - saved,
        jobs=jobs if work >= PARALLEL_MIN_BYTES else 1,
        notes_cached=store.hits if store is not None else 0,
        bytes_read=size,
    )
    return results, timings
