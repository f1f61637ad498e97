"""The `notecards` command: thin click commands over the library.

Exit codes (../shared/DESIGN.md): 0 every note read; 1 the run failed, nothing written;
2 bad usage; 3 cards written but some notes were skipped or partly read (each named on stderr).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import click
from rich.console import Console

from . import __version__
from . import export as exporter
from .export import card_html, is_anki_package, packaged_cards, write_package
from .listing import (
    ProgressBar,
    json_chunks,
    merges_json,
    open_summary,
    print_listing,
    print_merges,
    review_json,
    review_summary,
)
from .merge import DEFAULT_SIMILARITY
from .model import Kind, Problem
from .pipeline import Options, Result, build, deck_name
from .pool import resolve_jobs
from .select import Filters, Review, review
from .since import SinceError
from .store import PackageCache, remembered_html
from .tempfiles import exit_on_terminate
from .terminal import inert
from .vault import VaultError

EXIT_FAILED, EXIT_USAGE, EXIT_PARTIAL = 1, 2, 3


def _warn(problems: list[Problem] | tuple[Problem, ...]) -> None:
    for problem in problems:
        _say(f"warning: {problem}")


def _say(message: str) -> None:
    """One line on stderr, inert: a file name or a note's text cannot drive the terminal."""
    click.echo(inert(message), err=True)


@click.group()
@click.version_option(__version__, prog_name="notecards")
def main() -> None:
    """Turn a folder of Markdown notes into Anki flashcards."""


def review_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """The options that choose which cards are listed and exported."""
    options = [
        click.option(
            "--kind",
            "kinds",
            multiple=True,
            type=click.Choice([k.value for k in Kind]),
            help="Only cards of this kind.",
        ),
        click.option(
            "--tag", "tags", multiple=True, help="Only cards with this tag or a tag under it (ml: ml::vision too)."
        ),
        click.option(
            "--grep", multiple=True, metavar="TEXT", help="Only cards whose text contains TEXT (case ignored)."
        ),
        click.option("--source", "sources", multiple=True, metavar="GLOB", help="Only cards from notes matching GLOB."),
        click.option(
            "--since",
            type=click.Path(exists=True, dir_okay=False, path_type=Path),
            metavar="PREVIOUS.apkg",
            help="Mark each card new, changed or unchanged against a previous export; list the cards gone.",
        ),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def _review(result: Result, vault: Path, chosen: dict[str, Any]) -> Review:
    filters = Filters(chosen["kinds"], chosen["tags"], chosen["grep"], chosen["sources"])
    try:
        picked = review(result.cards, vault, filters, chosen["since"])
    except SinceError as err:
        _say(f"Error: {err}")
        sys.exit(EXIT_USAGE)
    _warn(picked.selection.problems)
    return picked


@main.command()
@click.argument("vault", type=click.Path(path_type=Path))
@click.option("-o", "--output", "out", type=click.Path(path_type=Path), help="Package to write [default: DECK.apkg].")
@click.option("--deck", help="Deck name [default: the vault folder's name].")
@click.option("--dry-run", is_flag=True, help="Write nothing; list the cards for review.")
@click.option("--json", "as_json_flag", is_flag=True, help="With --dry-run: the JSON listing.")
@click.option("--no-merge", is_flag=True, help="Keep near-identical cards apart.")
@click.option(
    "--similarity",
    type=click.FloatRange(0, 100),
    default=DEFAULT_SIMILARITY,
    show_default=True,
    help="How alike two prompts must be to merge (0-100); 100 merges only prompts that fold to the same text.",
)
@click.option("--show-merges", is_flag=True, help="With --dry-run: list which cards were merged into which.")
@click.option("--no-find-answers", is_flag=True, help="Leave open questions open; look for no answers in the notes.")
@click.option("--no-note-tags", is_flag=True, help="Give cards no tags from their notes' front matter and #tags.")
@click.option("--no-folder-tags", is_flag=True, help="Give cards no tag naming their note's folder.")
@click.option("--no-hub-tags", is_flag=True, help="Give cards no topic from the hub notes that list their note.")
@click.option(
    "--subdecks", is_flag=True, help="Put each note's cards in a subdeck per folder: DECK::Folder::Subfolder."
)
@click.option(
    "--include-open", is_flag=True, help="Also export open questions (no answer in the notes), suspended and tagged."
)
@click.option("--no-cache", is_flag=True, help="Read every note afresh; neither use nor update the cache.")
@click.option("-j", "--jobs", type=click.IntRange(min=0), default=0, help="Processes to use [default: 0, every core].")
@click.option("--force", is_flag=True, help="Overwrite OUT even when it is not an Anki package.")
@review_options
def export(
    vault: Path,
    out: Path | None,
    deck: str | None,
    dry_run: bool,
    as_json_flag: bool,
    no_merge: bool,
    no_find_answers: bool,
    include_open: bool,
    similarity: float,
    show_merges: bool,
    no_cache: bool,
    no_note_tags: bool,
    no_folder_tags: bool,
    no_hub_tags: bool,
    subdecks: bool,
    jobs: int,
    force: bool,
    **chosen: Any,
) -> None:
    """Export the cards of VAULT to an Anki package.

    \b
    notecards export decks/ml -o ml.apkg       # write the package
    notecards export decks/ml --dry-run        # review the cards first
    notecards export decks/ml --dry-run --json # the same, for scripts
    notecards export decks/ml --dry-run --kind cloze --tag ml --grep gradient --source 'Courses/**'
    notecards export decks/ml --dry-run --since ml.apkg  # new / changed / unchanged / gone

    --kind, --tag, --grep and --source choose what is listed and also what is written; each may
    be given more than once. A .notecardsignore file in the vault root lists card ids (the short id of the listing) or
    globs of note paths to leave out; front matter `notecards: false` or #nocards skip a note.
    """
    exit_on_terminate()  # SIGTERM unwinds: no temporary file is left behind
    jobs = resolve_jobs(jobs)  # 0: every core, worked out once, here where the option enters
    if as_json_flag and not dry_run:
        raise click.UsageError("--json goes with --dry-run")
    if show_merges and not dry_run:
        raise click.UsageError("--show-merges goes with --dry-run")
    progress = ProgressBar(Console(stderr=True))
    if not dry_run:
        _check_target(out or Path(f"{deck_name(vault, deck)}.apkg"), force, vault)
    try:
        options = Options(
            deck=deck,
            merge=not no_merge,
            similarity=similarity,
            find_answers=not no_find_answers,
            jobs=jobs,
            cache=not no_cache,
            note_tags=not no_note_tags,
            folder_tags=not no_folder_tags,
            hub_tags=not no_hub_tags,
            subdecks=subdecks,
        )
        result = build(vault, options, progress, render=None if dry_run else card_html)
    except VaultError as err:
        _say(f"Error: {err}")
        sys.exit(EXIT_USAGE)
    finally:
        progress.close()
    _warn(result.problems)
    picked = _review(result, vault, chosen)
    if picked.changes and not include_open:  # open questions go into no package: nothing to compare
        picked = replace(picked, changes=picked.changes.without(c.id for c in picked.selection.cards if c.open))
    cards = picked.selection.cards
    if dry_run:
        if as_json_flag:
            listing = review_json(result, picked)
            if show_merges:
                listing["merges"] = merges_json(result)
            for chunk in json_chunks(listing):
                click.echo(chunk, nl=False)
            click.echo()
        else:
            print_listing(result, cards, Console(soft_wrap=False), picked, include_open)
            if show_merges:
                print_merges(result, Console(soft_wrap=False))
    else:
        target = out or Path(f"{deck_name(vault, deck)}.apkg")
        cards, left_open = packaged_cards(cards, include_open)
        try:
            with remembered_html(vault, enabled=not no_cache, given=result.html) as rendered:
                kept = None if no_cache else PackageCache.for_vault(vault)
                exporter.RENDERED = rendered  # until write_package takes the memo as a parameter
                try:
                    media_problems = write_package(cards, result.deck, vault, target, kept, jobs)
                finally:
                    exporter.RENDERED = None
        except OSError as err:
            _say(f"Error: cannot write {target}: {err.strerror or err}")
            sys.exit(EXIT_FAILED)
        _warn(media_problems)  # a missing image is worth a warning, not a failed note
        left_out = f"; {open_summary(left_open, included=False)}" if left_open else ""
        _say(f"{target}: {_count(result, len(cards))}{left_out}")
        if line := review_summary(picked):
            _say(line)
    unread = any(p.skipped for p in picked.selection.problems)  # an ignore file refused: nothing left out
    sys.exit(EXIT_PARTIAL if result.problems or unread else 0)


def _check_target(target: Path, force: bool, vault: Path) -> None:
    """Refuse, before any work, to write inside the vault, over a folder, over anything but a
    regular file, or over a file that is not an Anki package."""
    try:
        inside = vault.is_dir() and target.resolve().is_relative_to(vault.resolve())
    except (OSError, RuntimeError):  # a link loop
        _say(f"Error: {target} is a link that leads nowhere (a loop); name another package file")
        sys.exit(EXIT_USAGE)
    if inside:
        _say(f"Error: {target} is inside the vault, which is only read; name a package outside it")
        sys.exit(EXIT_USAGE)
    if target.is_dir():
        _say(f"Error: {target} is a folder; name the package file with -o")
        sys.exit(EXIT_USAGE)
    if target.exists() and not target.is_file():
        _say(f"Error: {target} is not a regular file (a FIFO or a device); it is never replaced")
        sys.exit(EXIT_USAGE)
    if target.exists() and not force and not is_anki_package(target):
        _say(f"Error: {target} exists and is not an Anki package; use --force to overwrite it")
        sys.exit(EXIT_USAGE)


def _count(result: Result, cards: int) -> str:
    return f"{cards} cards from {result.notes_read} notes"
