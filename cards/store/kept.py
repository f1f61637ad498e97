"""What the store keeps, each under its kind: notes' results, the vault's answer, HTML, packages."""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..model import Problem
from ..since import regular_file
from ..tempfiles import prefix_for, remove_stale
from .db import Store, cache_dir, fingerprint, vault_digest, vault_file
from .values import dumps, loads


class NoteCache:
    """The results of one vault's notes for one fingerprint, keyed by `note_key`.

    `get` answers from the store; `put` records this run's results (pickled: the workers hand
    them over so) in one transaction; `save` drops the rows of notes this run did not see
    (deleted since) and commits. A run stopped half way leaves the store as it was (`abandon`)."""

    KIND = "note"

    def __init__(self, store: Store, stamp: bytes, types: Iterable[type]) -> None:
        self.store = store
        self.stamp = stamp
        self.types = tuple(types)
        self._seen: list[bytes] = []
        self.hits = 0
        self.changed = False
        self.inputs = vault_digest()
        """Every note's identity in vault order (`work.process_vault` feeds it): what the vault-wide
        stages saw, for `VaultCache`."""

    @classmethod
    def for_vault(cls, vault: Path, options_key: str, types: Iterable[type], folder: Path | None = None) -> NoteCache:
        remove_stale(folder or cache_dir(), ".notecards-", ".tmp")  # left by runs that were killed
        return cls(Store.open(vault, folder), fingerprint(options_key), types)

    def get(self, key: bytes, usable: Callable[[Any], bool] = lambda _: True) -> Any | None:
        """The result kept for `key`, when there is a sound one that is `usable`."""
        blob = self.store.get(self.KIND, self.stamp, key)
        found = loads(blob, self.types) if blob is not None else None
        if found is None or not usable(found):
            return None
        self.hits += 1
        self._seen.append(key)
        return found

    def get_many(self, keys: Sequence[bytes], usable: Callable[[Any], bool] = lambda _: True) -> dict[bytes, Any]:
        """`get` of many keys at once (key -> result, for those kept, sound and `usable`)."""
        found: dict[bytes, Any] = {}
        for key, blob in self.store.get_many(self.KIND, self.stamp, keys).items():
            result = loads(blob, self.types)
            if result is not None and usable(result):
                self.hits += 1
                self._seen.append(key)
                found[key] = result
        return found

    def put(self, key: bytes, blob: bytes) -> None:
        """Record a pickled result (store.dumps, as work.run_notes returns them)."""
        self.changed = True
        self._seen.append(key)
        self.store.put(self.KIND, self.stamp, key, blob)

    def save(self) -> None:
        """Drop the rows of notes gone since, and commit. A store that cannot be written is no error."""
        if self.changed or self.hits != self.store.count(self.KIND):
            self.store.keep_only(self.KIND, self._seen)
        self.store.commit()
        self._seen = []

    def abandon(self) -> None:
        """Leave the store as it was before this run if it was not saved, and close it."""
        self.store.close()


class VaultCache:
    """The vault-wide stages' answer (answers, merge, sort) for one exact set of notes: a warm
    run of an unchanged vault skips them. It is kept as named parts (pickles), each read when
    asked for, under the digest of every note's input in order (NoteCache.inputs); one answer
    per vault, the last."""

    KIND = "vault"

    def __init__(self, store: Store, stamp: bytes, inputs: bytes, types: Iterable[type]) -> None:
        self.store = store
        self.stamp = stamp
        self.inputs = inputs
        self.types = tuple(types)

    @classmethod
    def for_vault(
        cls, vault: Path, options_key: str, inputs: bytes, types: Iterable[type], folder: Path | None = None
    ) -> VaultCache:
        return cls(Store.open(vault, folder), fingerprint(options_key), inputs, types)

    def raw(self, part: str) -> bytes | None:
        """The pickle of a part, checked but not read."""
        return self.store.get(self.KIND, self.stamp, self.inputs + b"/" + part.encode())

    def get(self, part: str) -> Any | None:
        """A part, read as data; None when it is missing or not sound."""
        blob = self.raw(part)
        return loads(blob, self.types) if blob is not None else None

    def load(self, blob: bytes) -> Any | None:
        return loads(blob, self.types)

    def put(self, parts: Iterable[tuple[str, bytes]]) -> None:
        """The answer's parts (name, pickle), taken one at a time, in place of the last answer."""
        keys = []
        for part, blob in parts:
            keys.append(self.inputs + b"/" + part.encode())
            self.store.put(self.KIND, self.stamp, keys[-1], blob)
        self.store.keep_only(self.KIND, keys)
        self.store.commit()

    def close(self) -> None:
        self.store.close()


class Remembered(dict[str, str]):
    """Markdown -> HTML for the export: answers from what was made ahead of time (`given`, kept
    with the notes' results), else from the last run's rows, read from the store when first
    needed (a package copied whole needs none); holds at the end every entry this run used (so
    cards deleted from the vault drop out). A run of an unchanged vault is given nothing
    (pipeline reads no note): the last run's rows are all it needs."""

    def __init__(self, load: Callable[[], dict[str, str]], given: Mapping[str, str]) -> None:
        super().__init__()
        self._load = load
        self._old: dict[str, str] | None = None
        self.given = given

    @property
    def old(self) -> dict[str, str]:
        if self._old is None:
            self._old = self._load()
        return self._old

    def __missing__(self, key: str) -> str:
        value = self.given[key] if key in self.given else self.old[key]  # KeyError: never rendered
        self[key] = value
        return value

    def knows(self, key: str) -> bool:
        """Whether the HTML of `key` is here, given or remembered."""
        return key in self or key in self.given or key in self.old


_HTML = "html"
_BUCKETS = 256
"""The HTML memo is kept as this many rows, each a dict of the texts whose CRC falls in it: a
row per text made reading it back a checksum and a decoding per text (seconds for a big vault's
hundreds of thousands), and a whole-memo value would be written again after every edit."""


def _bucket(markdown: str) -> int:
    return zlib.crc32(markdown.encode("utf-8", "surrogatepass")) % _BUCKETS


def _buckets(entries: Mapping[str, str]) -> dict[int, dict[str, str]]:
    found: dict[int, dict[str, str]] = {}
    for markdown, html in entries.items():
        found.setdefault(_bucket(markdown), {})[markdown] = html
    return found


def _texts(blob: bytes) -> dict[str, str]:
    """A bucket's texts: a dict of strings and nothing else (no type may be built reading it)."""
    found = loads(blob, ())
    if not isinstance(found, dict):
        return {}
    return {k: v for k, v in found.items() if isinstance(k, str) and isinstance(v, str)}


@contextmanager
def remembered_html(
    vault: Path, enabled: bool = True, folder: Path | None = None, given: Mapping[str, str] | None = None
) -> Iterator[Remembered]:
    """The HTML memo for an export of this vault: `given` (pipeline.Result.html) and the HTML of
    the last export (merged cards' extra text, chiefly). When the block ends, the store keeps
    what this export used and drops the rest (only the buckets that changed are written)."""
    store = Store.open(vault, folder, enabled)
    stamp = fingerprint(_HTML)
    try:
        memo = Remembered(
            lambda: {k: v for _, blob in store.items(_HTML, stamp) for k, v in _texts(blob).items()}, given or {}
        )
        yield memo
        # A run that looked nothing up copied its package from the package cache: the memo stays
        # as it was, for the next export after an edit (which would otherwise render every merged
        # card's text again: 36k texts at 10k notes).
        if memo and memo != memo.old:
            new, old = _buckets(memo), _buckets(memo.old)
            for n, texts in new.items():
                if old.get(n) != texts:
                    store.put(_HTML, stamp, n.to_bytes(2, "big"), dumps(texts))
            store.keep_only(_HTML, (n.to_bytes(2, "big") for n in new))
            store.commit()
    finally:
        store.close()


@dataclass(frozen=True, slots=True)
class PackageMade:
    """What the package kept beside the store was made from, and what was met making it."""

    key: bytes
    checksum: bytes
    media: tuple[tuple[str, tuple[int, int] | None], ...]
    """The media files packed, with their size and modification time then."""
    problems: tuple[Problem, ...]


@dataclass(frozen=True, slots=True)
class PackageRows:
    """Which note of the kept package each card made (`export.package`): card digest -> (note id,
    how many Anki cards it has, since.content_digest of the note), for the cards whose note
    depends on the card alone (no media, nothing went wrong). `checksum` is the kept package's."""

    checksum: bytes
    rows: dict[bytes, tuple[int, int, bytes]]
    stamps: dict[str, tuple[bytes, int]] | None = None
    """since.package_stamps of the kept package, as it was written (None: not known)."""


class PackageCache:
    """The last package written from a vault, kept whole beside the store: writing the same cards
    again (same deck, same media files in the vault, same notecards) copies it instead of
    building it. An unchanged vault's export then costs reading its notes and copying one file.
    A package whose checksum or media do not match what the store says is not used."""

    KIND = "package"

    def __init__(self, file: Path, vault: Path, folder: Path | None) -> None:
        self.file = file
        self.vault = vault
        self.folder = folder
        self.stamp = fingerprint("package")

    @classmethod
    def for_vault(cls, vault: Path, folder: Path | None = None) -> PackageCache:
        return cls(vault_file(vault, folder, ".apkg"), vault, folder)

    @staticmethod
    def key(*parts: object) -> bytes:
        """What a package is made from, as a digest of the parts' repr (cards are dataclasses:
        their repr is every field; pickle's bytes would vary with how objects are shared)."""
        digest = hashlib.sha256()
        for part in parts:
            # a list item by item: the repr of a big vault's cards at once is hundreds of megabytes
            for item in part if isinstance(part, list) else [part]:
                digest.update(repr(item).encode())
                digest.update(b"\1")
            digest.update(b"\0")
        return digest.digest()

    def get(self, key: bytes) -> tuple[Path, list[Problem]] | None:
        """The kept package made from `key` and the problems met making it, if it is intact."""
        store = Store.open(self.vault, self.folder)
        try:
            blob = store.get(self.KIND, self.stamp, b"package")
        finally:
            store.close()
        made = loads(blob, (PackageMade, Problem)) if blob is not None else None
        if not isinstance(made, PackageMade) or made.key != key:
            return None
        if not all(_stat(Path(path)) == seen for path, seen in made.media) or not self._intact(made.checksum):
            return None
        return self.file, list(made.problems)

    def rows(self) -> tuple[Path, PackageRows] | None:
        """The kept package and which of its notes each card made (PackageRows), when both are
        intact and go together: an export after an edit copies those notes' rows from it."""
        store = Store.open(self.vault, self.folder)
        try:
            made = loads(store.get(self.KIND, self.stamp, b"package") or b"", (PackageMade, Problem))
            rows = loads(store.get(self.KIND, self.stamp, b"rows") or b"", (PackageRows,))
        finally:
            store.close()
        if not (isinstance(made, PackageMade) and isinstance(rows, PackageRows) and rows.checksum == made.checksum):
            return None
        return (self.file, rows) if self._intact(made.checksum) else None

    def _intact(self, checksum: bytes) -> bool:
        """The kept package file is still the one recorded (nothing changed it behind the store)."""
        try:
            return _file_digest(self.file) == checksum
        except OSError:
            return False

    @staticmethod
    def same(path: Path, rows: PackageRows) -> bool:
        """Whether the file at `path` is the kept package `rows` describes, byte for byte."""
        try:
            return _file_digest(path) == rows.checksum
        except OSError:
            return False

    def put(
        self,
        key: bytes,
        package: Path,
        media: Mapping[str, Path],
        problems: list[Problem],
        rows: dict[bytes, tuple[int, int, bytes]] | None = None,
        stamps: dict[str, tuple[bytes, int]] | None = None,
    ) -> None:
        """Keep a copy of the package just written, and which note each card made in it (`rows`).
        A store that cannot be written is no error."""
        try:
            self.file.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=prefix_for(".notecards-"), suffix=".tmp", dir=self.file.parent)
            os.close(fd)
            shutil.copyfile(package, tmp)
            os.replace(tmp, self.file)
            checksum = _file_digest(self.file)
        except OSError:
            return
        seen = tuple((str(path), _stat(path)) for path in media.values())
        made = PackageMade(key, checksum, seen, tuple(problems))
        store = Store.open(self.vault, self.folder)
        try:
            store.put(self.KIND, self.stamp, b"package", dumps(made))
            store.put(self.KIND, self.stamp, b"rows", dumps(PackageRows(checksum, rows or {}, stamps)))
            store.commit()
        finally:
            store.close()


def _stat(path: Path) -> tuple[int, int] | None:
    try:
        found = path.stat()
    except OSError:
        return None
    return found.st_size, found.st_mtime_ns


def _file_digest(path: Path) -> bytes:
    with regular_file(path) as handle:
        return hashlib.file_digest(handle, "sha256").digest()
