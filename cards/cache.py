"""Per-note results kept between runs, so that re-exporting an unchanged vault costs little more
than reading its files.

An entry is keyed by the note's path and a hash of its bytes; the file holding a vault's entries
is stamped with a fingerprint of the notecards version, the code of the package and the options
that shape per-note results. Anything that does not match (another version, edited rules, other
options, a truncated or garbled file) is ignored and rebuilt, never trusted: the file carries a
checksum of its content, keyed with a secret that is not in the cache folder (`cache_key`), and
is read as data only (`DataUnpickler`): a forged file is rejected, and could run no code anyway.

The cache lives in the user's cache folder (platformdirs), one file per vault, never in the vault.
`NOTECARDS_CACHE_DIR` moves it (tests point it at a temporary folder).
"""

from __future__ import annotations

import dataclasses
import hashlib
import hmac
import io
import os
import pickle
import secrets
import shutil
import struct
import tempfile
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager, suppress
from functools import cache
from pathlib import Path
from typing import Any, BinaryIO

import platformdirs

from . import __version__
from .since import regular_file
from .tempfiles import prefix_for, remove_stale
from .work import NoteResult, _rebuild, dump, loads

CACHE_ENV = "NOTECARDS_CACHE_DIR"
_MAGIC = b"notecards-cache-1\n"
_DIGEST = 32  # bytes of sha256


KEY_ENV = "NOTECARDS_CACHE_KEY"


def _keyed(data: bytes | memoryview = b"") -> Any:
    """The checksum a cache file carries: HMAC-SHA256 with the user's cache key, so that a file
    written by anyone without the key (a forged entry in a shared cache folder) is rejected."""
    return hmac.new(cache_key(), data, "sha256")


@cache
def cache_key() -> bytes:
    """$NOTECARDS_CACHE_KEY (set it, as a secret, where a cache folder is shared between machines,
    as in CI), else a random key kept in the user's config folder, never in the cache folder.
    Where no key can be kept, one for this run alone: the cache then never matches, which is safe."""
    given = os.environ.get(KEY_ENV)
    if given:
        return given.encode("utf-8", "surrogateescape")
    file = platformdirs.user_config_path("notecards") / "cache.key"
    try:
        with regular_file(file) as handle:
            kept = handle.read(256)
        if len(kept) >= 32:
            return kept
    except OSError:
        pass
    fresh = secrets.token_hex(32).encode()
    try:
        file.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as out:
            out.write(fresh)
    except OSError:
        pass  # another run made it first (read it), or there is nowhere to keep it
    try:
        with regular_file(file) as handle:
            kept = handle.read(256)
        return kept if len(kept) >= 32 else fresh
    except OSError:
        return fresh


def cache_dir() -> Path:
    """Where caches go: $NOTECARDS_CACHE_DIR, else the user's cache folder for notecards."""
    override = os.environ.get(CACHE_ENV)
    return Path(override) if override else platformdirs.user_cache_path("notecards")


@cache
def code_digest() -> str:
    """A hash of the package's own source: edited rules make old entries stale even when the
    version number has not moved yet."""
    digest = hashlib.sha256(__version__.encode())
    package = Path(__file__).parent
    for path in sorted(package.rglob("*.py")):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()


def fingerprint(options_key: str) -> bytes:
    """What every entry of a cache file was computed with."""
    return hashlib.sha256(f"{code_digest()}\0{options_key}".encode()).digest()


def vault_digest() -> Any:
    """The hash a vault's inputs go into, note by note (NoteCache.inputs, work.vault_inputs)."""
    return hashlib.blake2b(digest_size=20)


def note_key(path: str, data: bytes) -> bytes:
    """Identity of one note's input: its vault path (cards cite it) and its exact bytes."""
    digest = hashlib.blake2b(digest_size=20)
    name = path.encode()
    digest.update(len(name).to_bytes(4, "big") + name)
    digest.update(data)
    return digest.digest()


class NoteCache:
    """The cached results of one vault's notes for one fingerprint.

    `get` answers from what was loaded; `put` records this run's results, writing each straight
    to a new file beside the old one (at 50k notes the pickled results are 750 MB: they are not
    kept in memory); `save` adds the entries this run reused and puts the new file in place, so
    notes deleted since are dropped. Nothing is written when nothing changed.
    """

    def __init__(self, file: Path, stamp: bytes) -> None:
        self.file = file
        self.stamp = stamp
        self._old: dict[bytes, memoryview] | None = None
        self._reused: list[bytes] = []
        self._writer: _EntryWriter | None = None
        self.hits = 0
        self.changed = False
        self.inputs = vault_digest()
        """Every note's identity in vault order (`work.process_vault` feeds it): what the vault-wide
        stages saw, for `VaultCache`."""

    @classmethod
    def for_vault(cls, vault: Path, options_key: str, folder: Path | None = None) -> NoteCache:
        remove_stale(folder or cache_dir(), ".notecards-", ".tmp")  # left by runs that were killed
        return cls(vault_file(vault, folder, ".cache"), fingerprint(options_key))

    @property
    def old(self) -> Mapping[bytes, memoryview]:
        """The entries on disk, read when first asked for (a run of an unchanged vault never does)."""
        if self._old is None:
            self._old = read_entries(self.file, self.stamp)
        return self._old

    def get(self, key: bytes, usable: Callable[[NoteResult], bool] = lambda _: True) -> NoteResult | None:
        blob = self.old.get(key)
        found = _unpickled(blob)
        if blob is None or not isinstance(found, NoteResult) or not usable(found):
            return None
        self.hits += 1
        self._reused.append(key)
        return found

    def put(self, key: bytes, blob: bytes) -> None:
        """Record a pickled NoteResult (as work.run_notes returns them)."""
        self.changed = True
        if self._writer is None:
            self._writer = _EntryWriter.open(self.file, self.stamp)
        self._writer.add(key, blob)

    def save(self) -> None:
        """Put this run's entries in place, atomically. A cache that cannot be written is no error.
        The old entries are let go of afterwards: the run goes on with the results, not their bytes."""
        if self.changed or len(self._reused) != len(self.old):
            writer = self._writer or _EntryWriter.open(self.file, self.stamp)
            self._writer = None
            for key in self._reused:
                writer.add(key, self.old[key])
            writer.finish()
        self._old, self._reused = None, []

    def abandon(self) -> None:
        """Drop a new file that was not saved (the run failed half way)."""
        if self._writer is not None:
            self._writer.drop()
            self._writer = None


_ENTRIES_MAGIC = b"notecards-notes-2\n"
_KEY = struct.Struct("<H")
_BLOB = struct.Struct("<Q")


class _EntryWriter:
    """A note cache file written entry by entry: the magic, the stamp, then each entry as its key
    and its blob with their lengths, an empty key to end, and the sha256 of the entries. A temp
    file until `finish` renames it over the old one; one that cannot be written writes nothing."""

    def __init__(self, file: Path, tmp: Path | None, out: BinaryIO | None) -> None:
        self.file, self.tmp, self.out = file, tmp, out
        self.digest = _keyed()

    @classmethod
    def open(cls, file: Path, stamp: bytes) -> _EntryWriter:
        try:
            file.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=prefix_for(".notecards-"), suffix=".tmp", dir=file.parent)
            writer = cls(file, Path(tmp), os.fdopen(fd, "wb"))
            writer._write(_ENTRIES_MAGIC + stamp, hashed=False)
        except OSError:
            return cls(file, None, None)
        return writer

    def _write(self, data: bytes | memoryview, hashed: bool = True) -> None:
        if self.out is None:
            return
        try:
            self.out.write(data)
        except OSError:
            self.drop()
            return
        if hashed:
            self.digest.update(data)

    def add(self, key: bytes, blob: bytes | memoryview) -> None:
        if key:
            self._write(_KEY.pack(len(key)) + key + _BLOB.pack(len(blob)))
            self._write(blob)

    def add_pickled(self, key: bytes, value: Any) -> None:
        """An entry holding `value` pickled (work.dumps), pickled into a spool file and copied
        from it: the answer of a big vault is hundreds of megabytes as one bytes object."""
        if self.out is None:
            return
        try:
            with tempfile.TemporaryFile(dir=self.file.parent) as spool:
                dump(value, spool)
                size = spool.tell()
                spool.seek(0)
                self._write(_KEY.pack(len(key)) + key + _BLOB.pack(size))
                while chunk := spool.read(1 << 20):
                    self._write(chunk)
        except OSError:
            self.drop()

    def finish(self) -> None:
        self._write(_KEY.pack(0))
        self._write(self.digest.digest(), hashed=False)
        if self.out is None or self.tmp is None:
            return
        try:
            self.out.close()
            os.replace(self.tmp, self.file)
        except OSError:
            self.drop()
        self.out = None

    def drop(self) -> None:
        if self.out is not None:
            with suppress(OSError):
                self.out.close()
            self.out = None
        if self.tmp is not None:
            self.tmp.unlink(missing_ok=True)
            self.tmp = None


def write_entries(file: Path, stamp: bytes, entries: Mapping[bytes, bytes]) -> None:
    """A note cache file holding these entries (as NoteCache writes them)."""
    writer = _EntryWriter.open(file, stamp)
    for key, blob in entries.items():
        writer.add(key, blob)
    writer.finish()


def read_entries(file: Path, stamp: bytes) -> dict[bytes, memoryview]:
    """The entries of a note cache file, each blob a view into the file's bytes read once; nothing
    when the file is missing, stale, truncated or damaged."""
    try:
        raw = _cache_bytes(file)
    except OSError:
        return {}
    head = len(_ENTRIES_MAGIC) + len(stamp)
    if len(raw) < head + _KEY.size + _DIGEST or raw[:head] != _ENTRIES_MAGIC + stamp:
        return {}
    view = memoryview(raw)
    if not hmac.compare_digest(_keyed(view[head:-_DIGEST]).digest(), raw[-_DIGEST:]):
        return {}
    entries: dict[bytes, memoryview] = {}
    pos, end = head, len(raw) - _DIGEST
    try:
        while True:
            (size,) = _KEY.unpack_from(raw, pos)
            pos += _KEY.size
            if not size:
                break
            key = raw[pos : pos + size]
            (length,) = _BLOB.unpack_from(raw, pos + size)
            pos += size + _BLOB.size
            if pos + length > end:
                return {}
            entries[key] = view[pos : pos + length]
            pos += length
    except struct.error:
        return {}
    return entries if pos == end else {}


class VaultCache:
    """The vault-wide stages' answer (answers, merge, sort) for one exact set of notes: a warm run
    of an unchanged vault skips them. One entry per vault: the digest of every note's input in
    order (NoteCache.inputs) and the pickled answer; anything else is ignored and recomputed."""

    def __init__(self, file: Path, stamp: bytes, inputs: bytes) -> None:
        self.file = file
        self.stamp = stamp
        self.inputs = inputs

    @classmethod
    def for_vault(cls, vault: Path, options_key: str, inputs: bytes, folder: Path | None = None) -> VaultCache:
        return cls(vault_file(vault, folder, ".vault"), fingerprint(options_key), inputs)

    def get(self, usable: Callable[[Any], bool]) -> tuple[Any, bytes] | None:
        """The answer and the bytes put with it."""
        entries = read_entries(self.file, self.stamp)
        found = _unpickled(entries.get(self.inputs))
        attached = entries.get(self.inputs + b"+")
        if found is None or attached is None or not usable(found):
            return None
        return found, bytes(attached)

    def put(self, value: Any, attached: Any = None) -> None:
        """The answer and `attached` (what the answer's readers may never need: `get` gives it
        back as its pickle), each pickled straight into the file."""
        writer = _EntryWriter.open(self.file, self.stamp)
        try:
            writer.add_pickled(self.inputs, value)
            writer.add_pickled(self.inputs + b"+", attached)
        except BaseException:
            writer.drop()
            raise
        writer.finish()


class Remembered(dict[str, str]):
    """Markdown -> HTML for export.to_html: answers from what was made ahead of time (`given`,
    kept with the notes in the note cache), else from the last run's entries; holds at the end
    every entry this run used (so cards deleted from the vault drop out). A run of an unchanged
    vault is given nothing (pipeline reads no note): the last run's entries are all it needs."""

    def __init__(self, old: Mapping[str, str], given: Mapping[str, str]) -> None:
        super().__init__()
        self.old = old
        self.given = given

    def __missing__(self, key: str) -> str:
        value = self.given[key] if key in self.given else self.old[key]  # KeyError: never rendered
        self[key] = value
        return value

    def knows(self, key: str) -> bool:
        """Whether the HTML of `key` is here, given or remembered."""
        return key in self or key in self.given or key in self.old


@contextmanager
def remembered_html(
    vault: Path, enabled: bool = True, folder: Path | None = None, given: Mapping[str, str] | None = None
) -> Iterator[Remembered]:
    """The memo to render cards with in the block (`export.package.write_package(rendered=...)`):
    it holds `given` (pipeline.Result.html) and the HTML of the last export of this vault (merged
    cards' extra text, chiefly). What the block used is saved when it ends."""
    file = vault_file(vault, folder, ".html")
    stamp = fingerprint("html")
    old = _load(file, stamp, lambda k, v: isinstance(k, str) and isinstance(v, str)) if enabled else {}
    memo = Remembered(old, given or {})
    yield memo
    # A run that looked nothing up copied its package from the package cache: the memory stays as
    # it was, for the next export after an edit (which would otherwise render every merged card's
    # text again: 36k texts at 10k notes).
    if enabled and memo and memo.keys() != old.keys():
        _save(file, stamp, memo)


class PackageCache:
    """The last package written from a vault, kept whole in the cache folder: writing the same
    cards again (same deck, same media files in the vault, same notecards) copies it instead of
    building it. An unchanged vault's export then costs reading its notes and copying one file.

    Its companion file holds what it was made from (`key`), the media files it packed with their
    size and modification time, its checksum and the problems met writing it; a package whose
    checksum or media do not match is not used."""

    def __init__(self, file: Path) -> None:
        self.file = file
        self.about = file.with_name(file.name + ".about")
        self.stamp = fingerprint("package")

    @classmethod
    def for_vault(cls, vault: Path, folder: Path | None = None) -> PackageCache:
        return cls(vault_file(vault, folder, ".apkg"))

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

    def get(self, key: bytes) -> tuple[Path, list[Any]] | None:
        """The kept package made from `key` and the problems met making it, if it is intact."""
        about = _load(self.about, self.stamp, lambda k, v: isinstance(k, str)).get("package")
        if not (isinstance(about, tuple) and len(about) == 4 and about[0] == key):
            return None
        _, checksum, media, problems = about
        if not all(_stat(Path(path)) == seen for path, seen in media):
            return None
        try:
            if _file_digest(self.file) != checksum:
                return None
        except OSError:
            return None
        return self.file, list(problems)

    def put(self, key: bytes, package: Path, media: Mapping[str, Path], problems: list[Any]) -> None:
        """Keep a copy of the package just written. A cache that cannot be written is no error."""
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
        _save(self.about, self.stamp, {"package": (key, checksum, seen, tuple(problems))})


def _stat(path: Path) -> tuple[int, int] | None:
    try:
        found = path.stat()
    except OSError:
        return None
    return found.st_size, found.st_mtime_ns


def _file_digest(path: Path) -> bytes:
    with regular_file(path) as handle:
        return hashlib.file_digest(handle, "sha256").digest()


def _cache_bytes(file: Path) -> bytes:
    """A cache file's bytes, when it is a regular file: a FIFO or a device put in the cache folder
    would hold the run forever (OSError, so treated as no cache)."""
    with regular_file(file) as handle:
        return handle.read()


def vault_file(vault: Path, folder: Path | None, suffix: str) -> Path:
    name = hashlib.sha256(os.fsencode(vault.resolve())).hexdigest()[:24]
    return (folder or cache_dir()) / f"{name}{suffix}"


def _save(file: Path, stamp: bytes, entries: Mapping[Any, Any]) -> None:
    """The entries pickled straight into the file, a frame at a time, and hashed as they go; the
    digest is written into its place before the payload last. A big vault's HTML is hundreds of
    megabytes as one pickle, the largest single allocation of an export."""
    try:
        file.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=prefix_for(".notecards-"), suffix=".tmp", dir=file.parent)
    except OSError:
        return
    try:
        with os.fdopen(fd, "w+b") as out:
            out.write(_MAGIC + stamp + bytes(_DIGEST))
            hashed = _Hashed(out)
            pickle.Pickler(hashed, protocol=pickle.HIGHEST_PROTOCOL).dump(dict(entries))
            out.seek(len(_MAGIC) + len(stamp))
            out.write(hashed.digest.digest())
        os.replace(tmp, file)
    except BaseException as err:
        Path(tmp).unlink(missing_ok=True)
        if not isinstance(err, OSError):
            raise


class _Hashed:
    """A file that hashes what is written to it."""

    def __init__(self, out: BinaryIO) -> None:
        self.out = out
        self.digest = _keyed()

    def write(self, data: bytes) -> int:
        self.digest.update(data)
        return self.out.write(data)


def _load(file: Path, stamp: bytes, valid: Callable[[Any, Any], bool]) -> dict[Any, Any]:
    """The entries of a cache file, or nothing when it is missing, stale or damaged."""
    try:
        raw = _cache_bytes(file)
    except OSError:
        return {}
    head = len(_MAGIC) + len(stamp) + _DIGEST
    if len(raw) < head or not raw.startswith(_MAGIC) or raw[len(_MAGIC) : len(_MAGIC) + len(stamp)] != stamp:
        return {}
    payload = memoryview(raw)[head:]
    if not hmac.compare_digest(_keyed(payload).digest(), raw[head - _DIGEST : head]):
        return {}
    try:
        entries = DataUnpickler(io.BytesIO(payload)).load()
    except Exception:  # a damaged file can raise nearly anything while unpickling
        return {}
    if not isinstance(entries, Mapping):
        return {}
    return {k: v for k, v in entries.items() if valid(k, v)}


def _unpickled(blob: bytes | memoryview | None) -> Any | None:
    """A cached value, or None when there is none or it is damaged."""
    if blob is None:
        return None
    try:
        return loads(blob, DataUnpickler)
    except Exception:  # a damaged entry can raise nearly anything while unpickling
        return None


# What a cache file may name: the types of the data it holds, and the one function `work.dump`
# stores frozen dataclasses with (it sets their fields, nothing else). Anything else a file names
# (`os.system`, `builtins.eval`, ...) is refused, so a forged cache file (a cache folder shared in
# CI) builds data at most and runs no code: it is read as damaged, and ignored.
_DATA_GLOBALS = frozenset(
    {
        ("array", "array"),
        ("array", "_array_reconstructor"),
        ("cards.work", "NoteResult"),
        ("cards.work", "_rebuild"),
        ("cards.answers.passages", "PassageTable"),
        ("cards.answers.passages", "Passage"),
        ("cards.topics", "Links"),
        *(("cards.model", name) for name in ("Kind", "Source", "Problem", "Card", "NoteFile", "Block", "Note")),
    }
)


class DataUnpickler(pickle.Unpickler):
    """An unpickler for cache files: only the globals in _DATA_GLOBALS, and `_rebuild` only of the
    frozen dataclasses among them."""

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) not in _DATA_GLOBALS:
            raise pickle.UnpicklingError(f"not data: {module}.{name}")
        found = super().find_class(module, name)
        if module == "cards.work" and name == "_rebuild":
            return _checked_rebuild
        return found


def _checked_rebuild(cls: Any, values: Any) -> Any:
    """work._rebuild, of one of the dataclasses allowed above only."""
    if not (isinstance(cls, type) and cls in _data_types() and isinstance(values, tuple)):
        raise pickle.UnpicklingError(f"not data: {cls!r}")
    return _rebuild(cls, values)


@cache
def _data_types() -> frozenset[type]:
    import importlib

    found = (getattr(importlib.import_module(module), name) for module, name in _DATA_GLOBALS)
    return frozenset(t for t in found if isinstance(t, type) and dataclasses.is_dataclass(t))
