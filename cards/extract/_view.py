"""One note as the rules see it: the note, and the views of it that several rules share, each
worked out once, when first asked for.

`extract()` makes one `NoteView` per note and hands it to every rule in turn, so a view is never
kept past its note: nothing here or in the rule modules remembers the last note.
"""

from __future__ import annotations

from ..model import Block, Note
from ._common import prose_of, speakers_of
from ._context import Place, places
from ._questions import labelled_lists
from ._terms import definition_blocks, speakers


class NoteView:
    """A note and its shared views; made by `extract()` for one note and dropped after it."""

    __slots__ = ("_definitions", "_labelled", "_never", "_note", "_people", "_places", "_prose", "_speakers")

    def __init__(self, note: Note) -> None:
        self._note = note
        self._prose: dict[tuple[bool, bool], tuple[Block, ...]] = {}
        self._definitions: dict[bool, tuple[tuple[Block, bool], ...]] = {}
        self._never: dict[int, bool] = {}  # never_card of a block, by its identity
        self._speakers: frozenset[str] | None = None
        self._people: frozenset[str] | None = None
        self._labelled: frozenset[int] | None = None
        self._places: dict[int, Place] | None = None

    @property
    def note(self) -> Note:
        """The note itself (a frozen dataclass): read-only, like every view of it."""
        return self._note

    def prose(self, quotes: bool = False, callouts: bool = False) -> tuple[Block, ...]:
        """The note's `prose_blocks` (see there for `quotes` and `callouts`)."""
        key = (quotes, callouts)
        found = self._prose.get(key)
        if found is None:
            found = self._prose[key] = tuple(prose_of(self.note, quotes, callouts, self.speakers, self._never))
        return found

    def definition_blocks(self, quotes: bool = False) -> tuple[tuple[Block, bool], ...]:
        """The note's `definition_blocks`, each with whether it sits in a quote."""
        found = self._definitions.get(quotes)
        if found is None:
            found = self._definitions[quotes] = tuple(definition_blocks(self.note, quotes))
        return found

    @property
    def speakers(self) -> frozenset[str]:
        """Who takes part in a meeting note (`speakers_of`)."""
        if self._speakers is None:
            self._speakers = speakers_of(self.note)
        return self._speakers

    @property
    def people(self) -> frozenset[str]:
        """Attendees and authors whose `Name: text` lines are speech (`_terms.speakers`)."""
        if self._people is None:
            self._people = speakers(self.note)
        return self._people

    @property
    def places(self) -> dict[int, Place]:
        """Each line on disk a block covers, with the block's place in the note (`places`): where
        the final check finds a card's context."""
        if self._places is None:
            self._places = places(self.note)
        return self._places

    @property
    def labelled(self) -> frozenset[int]:
        """The blocks (by identity) of the lists under a Questions label (`labelled_lists`)."""
        if self._labelled is None:
            self._labelled = labelled_lists(self.note)
        return self._labelled
