"""Open a throwaway Anki collection and import packages into it the way the desktop app does.

The `anki` package (AGPL) is a test dependency only: tests that use these helpers call
`pytest.importorskip("anki")` first, so the rest of the suite runs without it.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from anki.collection import Collection
    from anki.import_export_pb2 import ImportResponse


@contextmanager
def fresh_collection(folder: Path) -> Iterator[Collection]:
    """An empty collection in `folder`, closed afterwards."""
    from anki.collection import Collection

    folder.mkdir(parents=True, exist_ok=True)
    col = Collection(str(folder / "collection.anki2"))
    try:
        yield col
    finally:
        col.close()


def import_package(col: Collection, package: Path, with_scheduling: bool = False) -> ImportResponse.Log:
    """Import with the options a user gets by default in the desktop app's import dialog:
    update notes and note types only when the package is newer, never merge note types,
    no scheduling from the package (`with_scheduling` is the dialog's "Import any learning
    progress" box)."""
    from anki.import_export_pb2 import (
        IMPORT_ANKI_PACKAGE_UPDATE_CONDITION_IF_NEWER,
        ImportAnkiPackageOptions,
        ImportAnkiPackageRequest,
    )

    options = ImportAnkiPackageOptions(
        merge_notetypes=False,
        update_notes=IMPORT_ANKI_PACKAGE_UPDATE_CONDITION_IF_NEWER,
        update_notetypes=IMPORT_ANKI_PACKAGE_UPDATE_CONDITION_IF_NEWER,
        with_scheduling=with_scheduling,
        with_deck_configs=False,
    )
    request = ImportAnkiPackageRequest(package_path=str(package), options=options)
    return col.import_anki_package(request).log


def notes_by_guid(col: Collection) -> dict[str, object]:
    """Every note of the collection by its GUID (the card id of the JSON listing)."""
    return {col.get_note(nid).guid: col.get_note(nid) for nid in col.find_notes("")}


def schema_mark(col: Collection) -> int:
    """The collection's schema modification time: it moves when a change forces a full sync."""
    return int(col.db.scalar("select scm from col"))


def note_types(col: Collection) -> dict[int, dict[str, object]]:
    """The collection's note types as stored now (the Python side caches them: reopen first)."""
    col.close()
    col.reopen()
    return {int(m["id"]): m for m in col.models.all()}


def write_vault(root: Path, files: dict[str, str | bytes]) -> Path:
    """A vault folder holding `files` (relative path -> text or bytes)."""
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return root


# A 1x1 PNG: small, valid, and distinct bytes per colour byte.
def png(colour: int = 0) -> bytes:
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    raw = zlib.compress(bytes([0, colour, colour, colour]))
    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", raw) + chunk(b"IEND", b"")
