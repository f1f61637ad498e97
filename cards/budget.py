"""A bound on the work one note may take: defence in depth behind rules that are linear.

A note is decoded, parsed and extracted under a budget of CPU seconds that grows with its size
(`note_seconds`): past it, `OverBudget` is raised where the work stands (a regex in the middle of
a match included: the `re` module checks for signals), the note is skipped and named, and the
other notes' cards are written. CPU time of this process, not wall time, so a machine busy with
other work does not make a legitimate note run out of time.

Only in the main thread of a process (worker processes run their tasks there) and where the
platform has interval timers; elsewhere there is no bound.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

BASE_SECONDS = 3.0
SECONDS_PER_MB = 5.0
"""About twice what a big note of real prose costs (2.3 s of CPU per MB, rendering and answer
passages included): a 1.9 MB note that stalls is cut after 12.5 s, a 200 KB one after 4 s."""


class OverBudget(BaseException):
    """A note's work ran past its budget. A BaseException, so that no `except Exception` in a
    rule swallows it on its way out."""


def note_seconds(size: int) -> float:
    """The CPU seconds a note of `size` bytes may take."""
    return BASE_SECONDS + SECONDS_PER_MB * size / 1_000_000


def _expire(signum: int, frame: FrameType | None) -> None:
    raise OverBudget


@contextmanager
def cpu_budget(seconds: float) -> Iterator[None]:
    """Raise OverBudget inside the block once this process has spent `seconds` of CPU time in it."""
    timer = getattr(signal, "ITIMER_PROF", None)
    if seconds <= 0 or timer is None or threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGPROF, _expire)
    signal.setitimer(timer, seconds)
    try:
        yield
    finally:
        signal.setitimer(timer, 0)
        signal.signal(signal.SIGPROF, previous)
