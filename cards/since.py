"""What changed since a previous export: read its package and compare it with this run's cards.

An .apkg is a zip holding an SQLite collection; the standard library reads it (the `anki` package is
AGPL and never a runtime dependency). Only packages notecards wrote (genanki's `collection.anki2`)
and uncompressed Anki exports are read.
"""

from __future__ import annotations

import html
import re
import sqlite3
import tempfile
import zipfile
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from .model import Card


class SinceError(Exception):
    """The previous package cannot be read."""


class Status(StrEnum):
    NEW = "new"
    CHANGED = "changed"
    UNCHANGED = "unchanged"
    GONE = "gone"


@dataclass(frozen=True, slots=True)
class PackagedNote:
    """A note of a package: its GUID (the card id), note type id, fields as HTML, tags."""

    id: str
    model_id: int
    fields: tuple[str, ...]
    tags: tuple[str, ...]
    mod: int = 0
    """Modification time in seconds: what Anki's "update if newer" compares."""

    def same_content(self, other: PackagedNote) -> bool:
        """Whether a note stores exactly what another stores (every field, tags, note type)."""
        return (self.model_id, self.fields, sorted(self.tags)) == (other.model_id, other.fields, sorted(other.tags))

    @property
    def front_text(self) -> str:
        """The first field as text, for listing a card that is gone."""
        text = re.sub(r"<[^>]*>", " ", self.fields[0] if self.fields else "")
        return " ".join(html.unescape(text).split())


def read_package(path: Path) -> dict[str, PackagedNote]:
    """Every note of a package by GUID. Raises SinceError naming what is wrong."""
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            name = next((n for n in ("collection.anki21", "collection.anki2") if n in names), None)
            if name is None or "collection.anki21b" in names:
                raise SinceError(f"{path}: not a package written by notecards (no readable collection in it)")
            with tempfile.TemporaryDirectory() as tmp:
                db = Path(tmp) / "collection.sqlite"
                db.write_bytes(archive.read(name))
                return _notes(db)
    except (OSError, zipfile.BadZipFile, sqlite3.DatabaseError) as err:
        raise SinceError(f"{path}: cannot read the package: {err}") from err


def _notes(db: Path) -> dict[str, PackagedNote]:
    connection = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        rows = connection.execute("select guid, mid, flds, tags, mod from notes order by id").fetchall()
    finally:
        connection.close()
    return {
        guid: PackagedNote(guid, int(mid), tuple(flds.split("\x1f")), tuple(tags.split()), int(mod))
        for guid, mid, flds, tags, mod in rows
    }


@dataclass(frozen=True, slots=True)
class Changes:
    """Each card's status against the previous package, and the previous notes that are gone."""

    status: Mapping[str, Status]
    gone: tuple[PackagedNote, ...]

    def counts(self) -> dict[Status, int]:
        counted = Counter(self.status.values())
        return {s: counted[s] for s in (Status.NEW, Status.CHANGED, Status.UNCHANGED)} | {Status.GONE: len(self.gone)}


def compare(
    cards: Sequence[Card],
    previous: Mapping[str, PackagedNote],
    note_of: Callable[[Card], PackagedNote],
    also_present: Iterable[str] = (),
) -> Changes:
    """`note_of` gives the note this run would write for a card. A card is changed when what a
    reviewer sees (front, back, extra), its note type or its tags differ; a moved source line is
    not a change. `also_present` names cards that exist but are not listed (filtered out): they
    are not gone."""
    status: dict[str, Status] = {}
    for card in cards:
        before = previous.get(card.id)
        if before is None:
            status[card.id] = Status.NEW
        else:
            now = note_of(card)
            same = (
                now.model_id == before.model_id
                and now.fields[:3] == before.fields[:3]
                and sorted(now.tags) == sorted(before.tags)
            )
            status[card.id] = Status.UNCHANGED if same else Status.CHANGED
    present = set(status) | set(also_present)
    gone = tuple(note for guid, note in previous.items() if guid not in present)
    return Changes(status, gone)
