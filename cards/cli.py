"""The `notecards` command: thin click commands over the library. Each command reads its options,
makes one call to cards/commands.py and says what it returns; a NotecardsError becomes one
`Error:` line on stderr and its exit code.

Exit codes (../shared/DESIGN.md, cards/errors.py): 0 every note read; 1 the run failed, nothing
written; 2 bad usage; 3 cards written but some notes were skipped or partly read (each named on
stderr).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click
from rich.console import Console

from . import __version__, commands
from .commands import ExportRequest
from .errors import NotecardsError
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
from .pipeline import Options, Result
from .pool import resolve_jobs
from .select import Filters
from .tempfiles import exit_on_terminate
from .terminal import inert


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
    if as_json_flag and not dry_run:
        raise click.UsageError("--json goes with --dry-run")
    if show_merges and not dry_run:
        raise click.UsageError("--show-merges goes with --dry-run")
    options = Options(
        deck=deck,
        merge=not no_merge,
        similarity=similarity,
        find_answers=not no_find_answers,
        jobs=resolve_jobs(jobs),  # "0 means every core", worked out once where the options enter
        cache=not no_cache,
        note_tags=not no_note_tags,
        folder_tags=not no_folder_tags,
        hub_tags=not no_hub_tags,
        subdecks=subdecks,
    )
    filters = Filters(chosen["kinds"], chosen["tags"], chosen["grep"], chosen["sources"])
    request = ExportRequest(vault, options, filters, chosen["since"], out, dry_run, include_open, force)
    progress = ProgressBar(Console(stderr=True))
    try:
        done = commands.export(request, progress)
    except NotecardsError as err:
        progress.close()
        _warn(err.problems)
        _say(f"Error: {err}")
        sys.exit(err.exit_code)
    finally:
        progress.close()
    _warn(done.problems)
    if done.package is not None:
        written = done.package
        left_out = f"; {open_summary(written.left_open, included=False)}" if written.left_open else ""
        _say(f"{written.path}: {_count(done.result, written.cards)}{left_out}")
        if line := review_summary(done.review):
            _say(line)
    elif as_json_flag:
        listing = review_json(done.result, done.review)
        if show_merges:
            listing["merges"] = merges_json(done.result)
        for chunk in json_chunks(listing):
            click.echo(chunk, nl=False)
        click.echo()
    else:
        print_listing(done.result, done.review.selection.cards, Console(soft_wrap=False), done.review, include_open)
        if show_merges:
            print_merges(done.result, Console(soft_wrap=False))
    sys.exit(done.exit_code)


def _count(result: Result, cards: int) -> str:
    return f"{cards} cards from {result.notes_read} notes"
