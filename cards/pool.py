"""The one process pool every parallel stage runs on (notes, answers, rendering).

`map_parallel` maps a module-level function over items, in order, on up to `jobs` processes;
`resolve_jobs` is the one place "0 jobs" becomes every core, called where the options enter
(pipeline.build, the CLI) and passed down from there.

It wraps `multiprocessing.Pool` rather than `concurrent.futures.ProcessPoolExecutor`: the pool's
`imap` takes its items as they come (a vault's notes are read and freed a batch at a time, where
the executor's `map` takes every item first) and leaving its `with` block ends the workers at
once (the executor waits for the work queued, so Ctrl-C would wait for the whole vault).

Workers are forked where the platform can: they inherit the loaded parser and rules instead of
importing them again, and state the caller set up (`inherit`). What they inherit is frozen out
of the cycle collector (`_forked`), and the main process pauses it while it holds a big vault's
results (`gc_paused`).
"""

from __future__ import annotations

import ctypes
import gc
import multiprocessing
import os
import signal
import sys
from collections.abc import Callable, Iterable, Iterator, Sized
from contextlib import contextmanager
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

PARALLEL_MIN_ITEMS = 512
"""Below this many items (when they can be counted), map_parallel maps in the calling process."""


def default_jobs() -> int:
    """Cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def resolve_jobs(jobs: int) -> int:
    """The processes to use for a `jobs` option: 0 (or less) means every core this process may use."""
    return jobs if jobs > 0 else default_jobs()


def map_parallel(
    func: Callable[..., R],
    items: Iterable[Any],
    jobs: int = 0,
    chunk: int = 64,
    inherit: bool = False,
    shared: object = None,
) -> Iterator[R]:
    """func over items, in order, on up to `jobs` processes (resolve_jobs) when there are enough
    items to be worth a pool. func must be a module-level function.

    With `shared`, each item is mapped as func(shared, item), and each worker is given `shared`
    once as it starts (forked workers inherit it) instead of with every chunk.

    With `inherit`, func reads state the caller set up in this process: only forked workers have
    it, so where processes cannot be forked the items are mapped here. It is also this process's
    share of the work: it maps the last 1/jobs of the items while jobs - 1 workers map the rest.
    Each forked worker ends up with its own copy of the pages of that state it reads (reading an
    object writes its reference count), so one fork fewer is that much less memory."""
    jobs = resolve_jobs(jobs)
    call = func if shared is None else _bound(func, shared)
    forks = "fork" in multiprocessing.get_all_start_methods()
    few = isinstance(items, Sized) and len(items) < PARALLEL_MIN_ITEMS
    if jobs <= 1 or few or (inherit and not forks):
        yield from map(call, items)
        return
    workers = jobs - 1 if inherit else jobs
    try:
        pool = _context().Pool(workers, initializer=_started, initargs=(func, shared))
    except OSError:  # no semaphores or processes to be had here: one process it is
        yield from map(call, items)
        return
    with pool:  # leaving it (an error, Ctrl-C) ends the workers at once
        target = func if shared is None else _call_shared
        if not inherit:
            yield from pool.imap(target, items, chunksize=chunk)
            return
        listed = list(items)
        split = len(listed) * workers // jobs
        theirs = pool.imap(target, listed[:split], chunksize=chunk)  # under way while this process maps its share
        mine = [call(item) for item in listed[split:]]
        yield from theirs
        yield from mine


def _bound(func: Callable[..., R], shared: object) -> Callable[[Any], R]:
    return lambda item: func(shared, item)


_SHARED: tuple[Callable[..., Any], object] | None = None
"""In a worker: the function and the `shared` value map_parallel was given."""


def _started(func: Callable[..., Any], shared: object) -> None:
    global _SHARED
    if shared is not None:
        _SHARED = (func, shared)
    _forked()


def _call_shared(item: Any) -> Any:
    assert _SHARED is not None
    func, shared = _SHARED
    return func(shared, item)


def _context() -> Any:
    """fork where there is one: workers inherit the loaded parser and rules instead of importing
    them again."""
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else None)


def _forked() -> None:
    """In a forked worker: what it inherited is frozen out of the cycle collector, which then
    sees only what the worker makes. A collection walking the inherited objects would write to
    every page of them, and the worker would end up with its own copy of the main process's
    memory (at 50k notes, a gigabyte per worker)."""
    gc.freeze()
    gc.enable()
    _quiet_worker()


def _quiet_worker() -> None:
    """A worker dies quietly with the main process: Ctrl-C is the main process's to handle (it
    ends the pool), SIGTERM ends a worker at once (what the pool's terminate sends; the main
    process turns it into an exception, tempfiles.exit_on_terminate), a write to the main
    process's closed pipe ends it without a BrokenPipe traceback, and on Linux it is sent SIGTERM
    when the main process dies."""
    for name, action in (("SIGINT", signal.SIG_IGN), ("SIGTERM", signal.SIG_DFL), ("SIGPIPE", signal.SIG_DFL)):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), action)
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass


def give_back_memory() -> None:
    """Hand the C heap's free pages back to the system (glibc's malloc_trim; nothing elsewhere).
    Once the vault-wide stages are done, the notes' results, the answers' index and the merge's
    keys are freed, but most of their pages stay with the process: the export's forked workers
    would start from them, and they count in the memory of the run until it ends."""
    if not sys.platform.startswith("linux"):
        return
    try:
        trim = ctypes.CDLL(None).malloc_trim
    except (OSError, AttributeError):  # not glibc
        return
    trim(0)


@contextmanager
def gc_paused() -> Iterator[None]:
    """Python's cycle collector off while the main process holds a big vault's results: millions
    of objects (cards, passages) that reference counting frees on its own, and that each full
    collection walks again (about a fifth of the time of reading them back and merging them)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
