"""The cards' HTML held packed while the vault-wide stages run.

The workers render each note's cards (pipeline.note_result); the export reads that HTML only
after answers, merge and sort are done. In between it sat in memory as strings, a fifth of what
the main process held at its peak (the answers' index, built over every note's results). Here it
waits as zlib'd pickles of a few thousand (Markdown, HTML) pairs each, and becomes a dict when the
export first reads it, once the index and the notes' results are gone.
"""

from __future__ import annotations

import pickle
import zlib
from collections.abc import Iterable, Iterator, Mapping

PAIRS_PER_BLOB = 4096


class PackedHtml(Mapping[str, str]):
    """Markdown -> HTML, added note by note (`add`), read as the dict that `dict.update` of the
    same pairs in the same order would give."""

    def __init__(self) -> None:
        self._blobs: list[bytes] = []
        self._pending: list[tuple[str, str]] = []
        self._dict: dict[str, str] | None = None

    def add(self, pairs: Iterable[tuple[str, str]]) -> None:
        if self._dict is not None:
            self._dict.update(pairs)
            return
        self._pending.extend(pairs)
        if len(self._pending) >= PAIRS_PER_BLOB:
            self._pack()

    def _pack(self) -> None:
        if self._pending:
            self._blobs.append(zlib.compress(pickle.dumps(self._pending, pickle.HIGHEST_PROTOCOL), 1))
            self._pending = []

    def _unpacked(self) -> dict[str, str]:
        if self._dict is None:
            found: dict[str, str] = {}
            for blob in self._blobs:
                found.update(pickle.loads(zlib.decompress(blob)))  # made by this process: trusted
            found.update(self._pending)
            self._dict, self._blobs, self._pending = found, [], []
        return self._dict

    def __getitem__(self, key: str) -> str:
        return self._unpacked()[key]

    def __contains__(self, key: object) -> bool:
        return key in self._unpacked()

    def __iter__(self) -> Iterator[str]:
        return iter(self._unpacked())

    def __len__(self) -> int:
        return len(self._unpacked())

    def __bool__(self) -> bool:
        return bool(self._blobs or self._pending) if self._dict is None else bool(self._dict)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Mapping) and self._unpacked() == dict(other.items())

    __hash__ = None  # type: ignore[assignment]
