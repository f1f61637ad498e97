"""The whole run as one library call: read -> parse -> extract -> merge, nothing printed."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from .extract import extract, select
from .merge import merge
from .model import Card, Problem
from .parse import parse_note
from .vault import MAX_NOTE_BYTES, NoteError, find_notes, read_note, readable_name, relative


@dataclass(frozen=True, slots=True)
class Options:
    deck: str | None = None
    merge: bool = True
    rules: tuple[str, ...] | None = None
    max_note_bytes: int = MAX_NOTE_BYTES
    """Notes larger than this are skipped with a warning instead of parsed."""


@dataclass(frozen=True, slots=True)
class Result:
    vault: str
    deck: str
    cards: tuple[Card, ...]
    notes_read: int
    notes_skipped: int
    cards_before_merge: int
    problems: tuple[Problem, ...]

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
    problems: list[Problem] = []
    read = skipped = 0
    for path in find_notes(vault, problems):
        try:
            note = parse_note(read_note(vault, path, options.max_note_bytes))
            note_cards = extract(note, rules)
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
        cards.extend(replace(card, deck=deck) for card in note_cards)
    before = len(cards)
    final = merge(cards) if options.merge else cards
    final.sort(key=lambda c: (c.source.path, c.source.line, c.front))
    return Result(
        vault=readable_name(str(vault)),
        deck=deck,
        cards=tuple(final),
        notes_read=read,
        notes_skipped=skipped,
        cards_before_merge=before,
        problems=tuple(problems),
    )
