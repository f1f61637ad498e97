"""The errors a run stops at. Each carries the exit code the command ends with (../shared/DESIGN.md):
1 the run failed and nothing was written, 2 bad usage. Only the CLI turns them into words on
stderr (`Error: ` and the error's text) and an exit code; the library never exits.
"""

from __future__ import annotations

from collections.abc import Sequence

from .model import Problem

EXIT_FAILED, EXIT_USAGE, EXIT_PARTIAL = 1, 2, 3
"""3: cards written, but some notes were skipped or partly read (each named on stderr)."""


class NotecardsError(Exception):
    """A run that cannot go on: nothing is written."""

    exit_code = EXIT_FAILED

    def __init__(self, message: str, problems: Sequence[Problem] = ()) -> None:
        super().__init__(message)
        self.problems = tuple(problems)
        """What the run found wrong with the notes before it stopped, to be said before the error."""


class UsageError(NotecardsError):
    """What was asked cannot be done as asked: the vault, the package named, the previous package."""

    exit_code = EXIT_USAGE


class WriteError(NotecardsError):
    """The package cannot be written (a full disk, a folder that cannot be made)."""
