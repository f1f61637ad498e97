"""Notes copied from the last package: after an edit, the cards that did not change keep the
notes (rows) they made in the package kept in the store (store.PackageCache), so only the notes of
cards that changed, appeared or went away are made again. Knows SQLite, not genanki: the writer
(package.py) hands the copies to genanki's collection as it writes it."""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
import zipfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..model import Card
from ..tempfiles import prefix_for

Row = tuple[int, int, bytes]
"""A note of the kept package: its id, how many Anki cards it has, its since.content_digest."""


@dataclass(frozen=True, slots=True)
class Copied:
    """A card whose note is copied from the kept package: the card is the same as when that
    package was written (same digest), so its note is too. `mod`: see `_NoteMaker._mod`."""

    digest: bytes
    row: Row
    mod: int | None
    guid: str


class Written:
    """What a package writer wrote, for the next export: which note each card made (`rows`: card
    digest -> Row, for the notes that may be copied) and since.package_stamps of the package
    (`stamps`: GUID -> content digest and time, None when a tag would not read back as written)."""

    def __init__(self) -> None:
        self.rows: dict[bytes, Row] = {}
        self.stamps: dict[str, tuple[bytes, int]] | None = {}

    def note(self, digest: bytes | None, row: Row, guid: str, mod: int, tags: Sequence[str] = ()) -> None:
        """A note just written, in the order of their ids (a later note of a GUID wins, as when
        the package is read). A copied note's tags were checked when it was first written."""
        if any(len(tag.split()) != 1 for tag in tags):  # the package's tags are read back by split()
            self.stamps = None
            return
        if digest is not None:
            self.rows[digest] = row
        if self.stamps is not None:
            self.stamps[guid] = (row[2], mod)


class Ids:
    """The ids genanki's `id_gen` hands out (`itertools.count` in `write_to_file`), telling which
    comes next: a copied note takes the ids its genanki note would have taken."""

    def __init__(self, start: int) -> None:
        self.next = start

    def __iter__(self) -> Ids:
        return self

    def __next__(self) -> int:
        self.next += 1
        return self.next - 1


_COPY = (
    "CREATE TEMP TABLE IF NOT EXISTS copied (old INTEGER, new INTEGER, mod INTEGER, did INTEGER)",
    "INSERT INTO notes SELECT c.new, n.guid, n.mid, c.mod, n.usn, n.tags, n.flds, n.sfld, n.csum, n.flags, n.data"
    " FROM temp.copied c JOIN kept.notes n ON n.id = c.old",
    # a note's cards have the ids after the note's own, in order: genanki takes them so
    "INSERT INTO cards SELECT c.new + (k.id - k.nid), c.new, c.did, k.ord, c.mod, k.usn, k.type, k.queue, k.due,"
    " k.ivl, k.factor, k.reps, k.lapses, k.left, k.odue, k.odid, k.flags, k.data"
    " FROM temp.copied c JOIN kept.cards k ON k.nid = c.old",
    "DELETE FROM temp.copied",
)


def copy_notes(cursor: Any, copied: Sequence[tuple[int, int, int]], deck_id: int) -> None:
    """Copy notes of the kept collection (attached as `kept`) and their cards into the collection
    being written, as (new id, modification time, id in the kept one), into deck `deck_id`: in a
    few statements, the rows never read into Python."""
    if not copied:
        return
    cursor.execute(_COPY[0])
    cursor.executemany("INSERT INTO temp.copied VALUES (?, ?, ?, ?)", ((o, n, m, deck_id) for n, m, o in copied))
    for sql in _COPY[1:]:
        cursor.execute(sql)


def card_digests(cards: Sequence[Card], vault_name: str) -> list[bytes]:
    """What each card's note is made from, as a digest: the card (its repr is every field, its id
    included) and the vault's name (the Source field links to it). A note with media depends on
    the vault's files too: it is never copied (`_NoteMaker.notes`)."""
    found = []
    for card in cards:
        card.id  # noqa: B018  the id is part of the repr: made now, whether or not it was before
        text = f"{vault_name}\0{card!r}".encode("utf-8", "surrogatepass")
        found.append(hashlib.blake2b(text, digest_size=16).digest())
    return found


@contextmanager
def kept_collection(package: Path | None) -> Iterator[Path | None]:
    """The collection of the kept package, copied out of it to a temporary file (removed on the
    way out); None when there is no kept package or it cannot be read."""
    if package is None:
        yield None
        return
    fd, db = tempfile.mkstemp(prefix=prefix_for("notecards-"), suffix=".anki2")
    os.close(fd)
    try:
        try:
            with (
                zipfile.ZipFile(package) as archive,
                archive.open("collection.anki2") as packed,
                open(db, "wb") as copy,
            ):
                shutil.copyfileobj(packed, copy, 1 << 20)
            found: Path | None = Path(db)
        except (OSError, KeyError, zipfile.BadZipFile):
            found = None
        yield found
    finally:
        os.unlink(db)
