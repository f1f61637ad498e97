"""The vault-wide stages' answer as the store keeps it: a warm run of an unchanged vault reads it
back instead of running answers, merge and sort again (pipeline.build).

Its cards and merge groups are kept as parts of PART_ITEMS each, the rest as a `VaultAnswer`;
the merge groups stay pickled until they are first read (`Merges`).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any, overload

from .answers.passages import Passage, PassageTable
from .model import Block, Card, Kind, Note, NoteFile, Problem, Source
from .store import VaultCache, dumps, loads
from .topics import Links
from .work import NoteResult


class Merges(Sequence[tuple[Card, ...]]):
    """The groups merging made. From the store they stay pickled until first read: a warm run
    that lists or writes the cards never builds the hundred thousand cards merging joined in a
    big vault (seconds), only `--show-merges` does. `len` and `joined` need no loading."""

    def __init__(
        self, groups: Sequence[tuple[Card, ...]] = (), pickled: tuple[bytes, ...] = (), count: int = 0, joined: int = 0
    ):
        self._groups: tuple[tuple[Card, ...], ...] | None = None if pickled else tuple(groups)
        self._pickled = pickled
        self._count = count if pickled else len(groups)
        self.joined: int = joined if pickled else sum(len(g) for g in groups)
        """How many cards the groups hold together."""

    def groups(self) -> tuple[tuple[Card, ...], ...]:
        if self._groups is None:
            parts = [loads(blob, DATA_TYPES) for blob in self._pickled]  # from the store: data only
            found = tuple(g for part in parts if isinstance(part, tuple) for g in part)
            whole = all(isinstance(part, tuple) for part in parts) and _card_groups(found)
            self._groups, self._pickled = (found if whole else ()), ()
        return self._groups

    def __len__(self) -> int:
        return self._count

    @overload
    def __getitem__(self, i: int) -> tuple[Card, ...]: ...
    @overload
    def __getitem__(self, i: slice) -> Sequence[tuple[Card, ...]]: ...
    def __getitem__(self, i: int | slice) -> tuple[Card, ...] | Sequence[tuple[Card, ...]]:
        return self.groups()[i]

    def __iter__(self) -> Iterator[tuple[Card, ...]]:
        return iter(self.groups())

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Sequence) and tuple(self) == tuple(other)

    def __hash__(self) -> int:
        return hash(self.groups())

    def __reduce__(self) -> tuple[Any, ...]:
        return (Merges, (self.groups(),))


def _card_groups(found: object) -> bool:
    return isinstance(found, tuple) and all(isinstance(g, tuple) and all(isinstance(c, Card) for c in g) for g in found)


@dataclass(frozen=True, slots=True)
class VaultAnswer:
    """The vault-wide stages' answer as the store keeps it (VaultCache part "answer"), besides the
    cards and the merge groups, kept as parts of PART_ITEMS each ("cards/N", "merges/N"): one
    pickle of them all would hold a memo entry for each of their millions of objects."""

    card_parts: int
    before: int
    """How many cards there were before merging."""
    merge_parts: int
    merged_groups: int
    merged_cards: int
    problems: tuple[Problem, ...]
    read: int
    skipped: int

    @classmethod
    def of(
        cls, cards: Sequence[Card], before: int, merges: Merges, problems: tuple[Problem, ...], read: int, skipped: int
    ) -> VaultAnswer:
        return cls(_parts(cards), before, _parts(merges), len(merges), merges.joined, problems, read, skipped)


PART_ITEMS = 4096
DATA_TYPES = (NoteResult, VaultAnswer, Passage, PassageTable, Links, Kind, Source, Problem, Card, NoteFile, Block, Note)
"""What the store may build when it reads values back: these types and nothing else."""


def _parts(items: Sequence[object]) -> int:
    return -(-len(items) // PART_ITEMS)


def answer_parts(
    answer: VaultAnswer, cards: Sequence[Card], groups: Sequence[tuple[Card, ...]]
) -> Iterator[tuple[str, bytes]]:
    """The parts VaultCache keeps, pickled one at a time."""
    yield "answer", dumps(answer)
    for name, items in (("cards", cards), ("merges", groups)):
        for n in range(_parts(items)):
            yield f"{name}/{n}", dumps(tuple(items[n * PART_ITEMS : (n + 1) * PART_ITEMS]))


def kept_answer(kept: VaultCache) -> tuple[tuple[Card, ...], VaultAnswer, Merges] | None:
    """The answer the store keeps for these notes, when it is whole and sound."""
    answer = kept.get("answer")
    if not isinstance(answer, VaultAnswer):
        return None
    cards: list[Card] = []
    for n in range(answer.card_parts):
        part = kept.get(f"cards/{n}")
        if not (isinstance(part, tuple) and all(isinstance(c, Card) for c in part)):
            return None
        cards.extend(part)
    groups = tuple(kept.raw(f"merges/{n}") for n in range(answer.merge_parts))
    if any(blob is None for blob in groups):
        return None
    merges = Merges(pickled=groups, count=answer.merged_groups, joined=answer.merged_cards)  # type: ignore[arg-type]
    return tuple(cards), answer, merges
