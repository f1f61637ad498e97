"""The whole run as one library call: read -> parse -> extract -> merge, nothing printed."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from .aliases import note_aliases
from .answers import find_answers
from .extract import extract, select
from .merge import DEFAULT_SIMILARITY, merge_group, merge_groups
from .model import Card, Note, Problem
from .parse import parse_note
from .vault import MAX_NOTE_BYTES, NoteError, find_notes, read_note, readable_name, relative


@dataclass(frozen=True, slots=True)
class Options:
    deck: str | None = None
    merge: bool = True
    rules: tuple[str, ...] | None = None
    max_note_bytes: int = MAX_NOTE_BYTES
    """Notes larger than this are skipped with a warning instead of parsed."""
    similarity: float = DEFAULT_SIMILARITY
    """How alike two prompts must be to merge (rapidfuzz ratio, 0-100); 100 merges exact keys only."""
    find_answers: bool = True
    """Answer open questions from passages elsewhere in the notes (cards/answers.py)."""


@dataclass(frozen=True, slots=True)
class Result:
    vault: str
    deck: str
    cards: tuple[Card, ...]
    notes_read: int
    notes_skipped: int
    cards_before_merge: int
    problems: tuple[Problem, ...]
    merges: tuple[tuple[Card, ...], ...] = ()
    """The groups merging made, each as the cards it joined, the leading card first."""

    @property
    def merged(self) -> int:
        """How many cards merging removed."""
        return self.cards_before_merge - len(self.cards)


def deck_name(vault: Path, deck: str | None) -> str:
    return deck or readable_name(vault.resolve().name) or "notecards"


def _crash(vault: Path, path: Path, err: Exception) -> Problem:
    rel = relative(vault, path)
    return Problem(
        rel, 1, f"skipped: notecards failed on this note ({type(err).__name__}: {str(err)[:200]})", skipped=True
    )


def build(vault: Path, options: Options = Options()) -> Result:
    """Every card of a vault. Raises VaultError when the vault itself cannot be read."""
    rules = select(options.rules)
    deck = deck_name(vault, options.deck)
    cards: list[Card] = []
    notes: list[Note] = []
    problems: list[Problem] = []
    aliases: list[tuple[str, str]] = []
    read = skipped = 0
    for path in find_notes(vault, problems):
        try:
            note = parse_note(read_note(vault, path, options.max_note_bytes))
            note_cards = extract(note, rules)
            note_alias = list(note_aliases(note))
        except NoteError as err:
            problems.append(err.problem)
            skipped += 1
            continue
        except Exception as err:  # a bug met on one odd note must not cost the user the others
            problems.append(_crash(vault, path, err))
            skipped += 1
            continue
        read += 1
        problems.extend(note.problems)
        aliases.extend(note_alias)
        notes.append(note)
        cards.extend(replace(card, deck=deck) for card in note_cards)
    if options.find_answers:
        cards = find_answers(notes, cards)
    before = len(cards)
    final, merges = _merged(cards, aliases, options)
    final.sort(key=lambda c: (c.source.path, c.source.line, c.front))
    return Result(
        vault=readable_name(str(vault)),
        deck=deck,
        cards=tuple(final),
        notes_read=read,
        notes_skipped=skipped,
        cards_before_merge=before,
        problems=tuple(problems),
        merges=merges,
    )


def _merged(
    cards: list[Card], aliases: list[tuple[str, str]], options: Options
) -> tuple[list[Card], tuple[tuple[Card, ...], ...]]:
    """The cards after the merge stage, and the groups it made of two cards or more."""
    if not options.merge:
        return cards, ()
    groups = merge_groups(cards, aliases, options.similarity)
    return [merge_group(g) for g in groups], tuple(tuple(g) for g in groups if len(g) > 1)
