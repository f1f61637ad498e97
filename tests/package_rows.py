"""What an Anki package holds, read back for comparing two packages: every note and its cards as
Anki stores them, in the order they were written, with what depends on the moment of writing (ids,
modification times) left out or made relative."""

from __future__ import annotations

import sqlite3
import tempfile
import zipfile
from contextlib import closing
from pathlib import Path

NoteRows = tuple[tuple[object, ...], tuple[tuple[object, ...], ...]]


def package_rows(apkg: Path) -> list[NoteRows]:
    """Each note (guid, note type, usn, tags, fields, sort field, checksum, flags, data) with its
    cards (deck, template, usn, type, queue, due, ...), in the order of their ids. Checks what a
    package writer must keep: a note's cards take the ids right after the note's, with its time."""
    with zipfile.ZipFile(apkg) as package, tempfile.TemporaryDirectory() as tmp:
        package.extract("collection.anki2", tmp)
        with closing(sqlite3.connect(Path(tmp) / "collection.anki2")) as db:
            columns = "id, guid, mid, mod, usn, tags, flds, sfld, csum, flags, data"
            notes = db.execute(f"select {columns} from notes order by id")
            cards: dict[int, list[tuple[object, ...]]] = {}
            for row in db.execute("select * from cards order by id"):
                cards.setdefault(row[1], []).append(row)
            found = []
            for note in notes.fetchall():
                own = cards.pop(note[0])
                assert [c[0] - note[0] for c in own] == list(range(1, len(own) + 1))
                assert {c[4] for c in own} == {note[3]}
                found.append((note[1:3] + note[4:], tuple(c[2:4] + c[5:] for c in own)))
            assert not cards  # no card without its note
            return found


def package_times(apkg: Path) -> dict[str, int]:
    """Each note's GUID -> its modification time."""
    with zipfile.ZipFile(apkg) as package, tempfile.TemporaryDirectory() as tmp:
        package.extract("collection.anki2", tmp)
        with closing(sqlite3.connect(Path(tmp) / "collection.anki2")) as db:
            return dict(db.execute("select guid, mod from notes"))
