"""What changed since a previous export: read its package and compare it with this run's cards.

An .apkg is a zip holding an SQLite collection; the standard library reads it (the `anki` package is
AGPL and never a runtime dependency). Only packages notecards wrote (genanki's `collection.anki2`)
and uncompressed Anki exports are read.
"""

from __future__ import annotations

import errno
import hashlib
import html
import os
import re
import sqlite3
import stat
import tempfile
import zipfile
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import BinaryIO, TypeVar

from .errors import UsageError
from .model import Card

T = TypeVar("T")


MAX_COLLECTION_BYTES = 4_000_000_000
"""A package whose collection unpacks to more than this (a zip bomb, not a deck) is not read."""


class SinceError(UsageError):
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

    @property
    def front_text(self) -> str:
        """The first field as text, for listing a card that is gone."""
        text = re.sub(r"<[^>]*>", " ", self.fields[0] if self.fields else "")
        return " ".join(html.unescape(text).split())


def content_digest(model_id: int, fields: str, tags: Iterable[str]) -> bytes:
    """What a note stores (note type, every field as the package joins them, tags in any order),
    as a short digest."""
    text = f"{model_id}\x1e{fields}\x1e{' '.join(sorted(tags))}"
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()


def read_package(path: Path) -> dict[str, PackagedNote]:
    """Every note of a package by GUID. Raises SinceError naming what is wrong."""
    return _read(path, lambda guid, mid, flds, tags, mod: PackagedNote(guid, mid, tuple(flds.split("\x1f")), tags, mod))


def package_stamps(path: Path) -> dict[str, tuple[bytes, int]]:
    """Each note's GUID -> (content_digest, modification time): what an export needs of the package
    it replaces, a few dozen bytes a note where read_package holds every field (600 MB for the
    package of a 50k-note vault). Raises SinceError naming what is wrong."""
    return _read(path, lambda guid, mid, flds, tags, mod: (content_digest(mid, flds, tags), mod))


def regular_file(path: Path) -> BinaryIO:
    """`path` opened for reading when it is a regular file (following links). Opened without
    blocking and checked, so that a FIFO or a device cannot hold the run: OSError for those."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    handle = os.fdopen(fd, "rb")
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        handle.close()
        raise OSError(errno.EINVAL, "not a regular file")
    return handle


_COLLECTION_TABLES = frozenset({"col", "notes", "cards"})


def is_collection_package(path: Path) -> bool:
    """Whether `path` is an Anki package by its content: a regular file, a zip holding an SQLite
    database with Anki's collection tables. A zip that merely has a member named
    `collection.anki2` is not one."""
    try:
        with regular_file(path) as handle, zipfile.ZipFile(handle) as archive, _collection(archive, path) as db:
            connection = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
            try:
                rows = connection.execute("select name from sqlite_master where type = 'table'")
                return _COLLECTION_TABLES <= {name for (name,) in rows}
            finally:
                connection.close()
    except (OSError, zipfile.BadZipFile, sqlite3.DatabaseError, SinceError, RuntimeError, ValueError):
        return False


@contextmanager
def _collection(archive: zipfile.ZipFile, path: Path) -> Iterator[Path]:
    """The package's collection copied to a temporary file (removed on the way out)."""
    names = set(archive.namelist())
    name = next((n for n in ("collection.anki21", "collection.anki2") if n in names), None)
    if name is None or "collection.anki21b" in names:
        raise SinceError(f"{path}: not a package written by notecards (no readable collection in it)")
    if archive.getinfo(name).file_size > MAX_COLLECTION_BYTES:
        raise SinceError(f"{path}: its collection is larger than {MAX_COLLECTION_BYTES // 1_000_000_000} GB; not read")
    with tempfile.TemporaryDirectory(prefix="notecards-") as tmp:
        db = Path(tmp) / "collection.sqlite"
        with archive.open(name) as packed, db.open("wb") as out:
            copied = 0
            while chunk := packed.read(1 << 20):  # the size the zip says is checked as it is read, too
                copied += len(chunk)
                if copied > MAX_COLLECTION_BYTES:
                    raise SinceError(f"{path}: its collection is larger than it says; not read")
                out.write(chunk)
        yield db


def _read(path: Path, note: Callable[[str, int, str, tuple[str, ...], int], T]) -> dict[str, T]:
    try:
        with regular_file(path) as handle, zipfile.ZipFile(handle) as archive, _collection(archive, path) as db:
            connection = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
            try:
                rows = connection.execute("select guid, mid, flds, tags, mod from notes order by id")
                return {
                    guid: note(guid, int(mid), flds, tuple(tags.split()), int(mod))
                    for guid, mid, flds, tags, mod in rows
                }
            finally:
                connection.close()
    except (OSError, zipfile.BadZipFile, sqlite3.DatabaseError) as err:
        raise SinceError(f"{path}: cannot read the package: {err}") from err


@dataclass(frozen=True, slots=True)
class Changes:
    """Each card's status against the previous package, and the previous notes that are gone."""

    status: Mapping[str, Status]
    gone: tuple[PackagedNote, ...]

    def without(self, ids: Iterable[str]) -> Changes:
        """These cards set aside: they go into no package (open questions left out), so they are
        neither new nor unchanged, and not counted."""
        drop = set(ids)
        return Changes({k: v for k, v in self.status.items() if k not in drop}, self.gone)

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
