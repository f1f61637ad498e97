"""What each command does, as one library call: the CLI reads its options into a request, calls
the command's function and says what it returns. Nothing here prints or exits; a run that cannot
go on raises an errors.NotecardsError carrying its exit code.

`export`: build the cards (pipeline.build), choose the ones asked for (select.review), and write
the package, or, on a dry run, leave the listing of them to the caller.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from .errors import EXIT_PARTIAL, NotecardsError, UsageError, WriteError
from .export.fields import packaged_cards
from .export.html import card_html
from .export.package import is_anki_package, write_package
from .model import Problem
from .pipeline import Options, Progress, Result, build, deck_name
from .select import Filters, Review, review
from .store import PackageCache, StoreProblem, remembered_html


@dataclass(frozen=True)
class ExportRequest:
    """What `notecards export` is asked to do."""

    vault: Path
    options: Options = field(default_factory=Options)
    filters: Filters = field(default_factory=Filters)
    since: Path | None = None
    """A previous package: each card is marked new, changed or unchanged against it."""
    out: Path | None = None
    """The package to write; None: DECK.apkg in the current folder."""
    dry_run: bool = False
    """Write nothing: the cards are only chosen, for the caller to list."""
    include_open: bool = False
    """Open questions go into the package too (suspended and tagged)."""
    force: bool = False
    """Replace `out` even when it is not an Anki package."""

    @property
    def target(self) -> Path:
        return self.out or Path(f"{deck_name(self.vault, self.options.deck)}.apkg")


@dataclass(frozen=True)
class Written:
    """The package an export wrote."""

    path: Path
    cards: int
    """Cards in the package."""
    left_open: int
    """Open questions left out of it."""
    problems: tuple[Problem, ...]
    """What went wrong writing it (a missing image): worth a warning, not a failed note."""


@dataclass(frozen=True)
class Exported:
    """What an export did: every card built, the ones chosen, and the package written (None on
    a dry run)."""

    result: Result
    review: Review
    package: Written | None = None

    @property
    def problems(self) -> tuple[Problem, ...]:
        """Every warning of the run, in the order it met them."""
        written = self.package.problems if self.package else ()
        return (*self.result.problems, *self.review.selection.problems, *written)

    @property
    def exit_code(self) -> int:
        """0, or EXIT_PARTIAL when a note was skipped or partly read (an ignore file that is refused
        leaves nothing out: it does not count)."""
        unread = any(p.skipped for p in self.review.selection.problems)
        noted = any(not isinstance(p, StoreProblem) for p in self.result.problems)  # a store given up skips no note
        return EXIT_PARTIAL if noted or unread else 0


def export(request: ExportRequest, progress: Progress | None = None) -> Exported:
    """Build, choose and (unless a dry run) write the package. `progress(done, total)` is called
    while the notes are read. Raises UsageError (a vault that is no folder, a package that may
    not be replaced, a previous package that cannot be read) or WriteError."""
    if not request.dry_run:
        check_target(request.target, request.force, request.vault)
    options = request.options
    result = build(request.vault, options, progress, render=None if request.dry_run else card_html)
    try:
        picked = review(result.cards, request.vault, request.filters, request.since)
    except NotecardsError as err:
        err.problems = result.problems  # found before the run stopped: said before the error
        raise
    if picked.changes and not request.include_open:  # open questions go into no package: nothing to compare
        picked = replace(picked, changes=picked.changes.without(c.id for c in picked.selection.cards if c.open))
    if request.dry_run:
        return Exported(result, picked)
    cards, left_open = packaged_cards(picked.selection.cards, request.include_open)
    target = request.target
    try:
        folder = options.cache_dir  # the one store of the vault: where the run's options put it
        with remembered_html(request.vault, enabled=options.cache, folder=folder, given=result.html) as rendered:
            kept = PackageCache.for_vault(request.vault, folder) if options.cache else None
            problems = write_package(cards, result.deck, request.vault, target, kept, options.jobs, rendered)
    except OSError as err:
        found = (*result.problems, *picked.selection.problems)  # said before the error, as they were met
        raise WriteError(f"cannot write {target}: {err.strerror or err}", found) from err
    return Exported(result, picked, Written(target, len(cards), left_open, tuple(problems)))


def check_target(target: Path, force: bool, vault: Path) -> None:
    """Refuse, before any work, to write inside the vault, over a folder, over anything but a
    regular file, or over a file that is not an Anki package."""
    try:
        inside = vault.is_dir() and target.resolve().is_relative_to(vault.resolve())
    except (OSError, RuntimeError) as err:  # a link loop
        raise UsageError(f"{target} is a link that leads nowhere (a loop); name another package file") from err
    if inside:
        raise UsageError(f"{target} is inside the vault, which is only read; name a package outside it")
    if target.is_dir():
        raise UsageError(f"{target} is a folder; name the package file with -o")
    if target.exists() and not target.is_file():
        raise UsageError(f"{target} is not a regular file (a FIFO or a device); it is never replaced")
    if target.exists() and not force and not is_anki_package(target):
        raise UsageError(f"{target} exists and is not an Anki package; use --force to overwrite it")
