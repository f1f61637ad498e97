"""Temporary files that never outlive their run.

Every temporary file notecards makes is named with the id of the process that made it
(`prefix_for`), so that a later run can tell the leftovers of a run that was killed (its process
gone) from the files of a run still under way, and remove them (`remove_stale`). A run ended by
SIGTERM unwinds like an interrupted one (`exit_on_terminate`), so its own temporary files go on
the way out.
"""

from __future__ import annotations

import os
import signal
import stat
import tempfile
from pathlib import Path
from types import FrameType


def prefix_for(stem: str) -> str:
    """A temporary file name prefix naming this process: `stem` + pid + `-`."""
    return f"{stem}{os.getpid()}-"


def remove_stale(folder: Path | str, stem: str, suffix: str) -> None:
    """Remove the regular files `stem<pid>-...<suffix>` in `folder` left by processes that are gone.
    Quietly does nothing where the folder cannot be listed or a file cannot be removed."""
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    for entry in entries:
        name = entry.name
        if not (name.startswith(stem) and name.endswith(suffix)):
            continue
        pid = name[len(stem) :].split("-", 1)[0]
        if not pid.isdigit() or int(pid) == os.getpid() or _alive(int(pid)):
            continue
        try:
            if stat.S_ISREG(entry.stat(follow_symlinks=False).st_mode):
                os.unlink(entry.path)
        except OSError:
            pass


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, OSError):
        return True  # someone else's, or not ours to judge: leave its files
    return True


def system_temp() -> str:
    return tempfile.gettempdir()


def _terminated(signum: int, frame: FrameType | None) -> None:
    raise SystemExit(128 + signum)


def exit_on_terminate() -> None:
    """SIGTERM ends the run as an exception would: `finally` blocks run and temporary files go."""
    if hasattr(signal, "SIGTERM"):
        try:
            signal.signal(signal.SIGTERM, _terminated)
        except ValueError:  # not the main thread: leave the default
            pass
