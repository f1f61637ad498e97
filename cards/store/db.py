"""The store's database: one SQLite file per vault, in the user's cache folder.

It holds, each under its own `kind`: every note's result (`NoteCache`), the vault-wide stages'
answer for one exact set of notes (`VaultCache`), the HTML of the cards' texts
(`remembered_html`) and what the last package written was made from (`PackageCache`; the
package itself is a file beside the database, copied whole). The cache folder is
$NOTECARDS_CACHE_DIR, else the user's cache folder (platformdirs); never the vault.

Nothing read back is trusted. A row is stamped with what its value was computed with (the
notecards version, the package's code and the options: `fingerprint`) and carries an HMAC of
its kind, key, stamp and value, keyed with a secret kept outside the cache folder (`cache_key`):
a stale row is ignored, a forged or damaged one rejected. Values are pickles read with (values.py)
`DataUnpickler`, which builds the data types it is given and nothing else, so even a row that
passed the HMAC could run no code. A database that SQLite cannot read, or that is not ours, is
removed and made again; one that cannot be written is no error (the run goes on uncached), but
it is said: a store given up for a run keeps why (`Store.given_up`), which the run turns into a
warning (`store_problem`). Another run writing to the same store is waited for (`BUSY_SECONDS`):
on a busy machine a short wait would lose the store for the whole run.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import sqlite3
import stat
from collections.abc import Iterable, Iterator, Sequence
from contextlib import suppress
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import platformdirs

from .. import __version__
from ..model import Problem
from ..since import regular_file

CACHE_ENV = "NOTECARDS_CACHE_DIR"
KEY_ENV = "NOTECARDS_CACHE_KEY"
FORMAT = "notecards-store-1"
_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS entries (
    kind TEXT NOT NULL, key BLOB NOT NULL, stamp BLOB NOT NULL, value BLOB NOT NULL, mac BLOB NOT NULL,
    PRIMARY KEY (kind, key)
);
"""
_MANY = 500
"""Keys per query of `Store.get_many` (SQLite allows 999 parameters at least)."""
BUSY_SECONDS = 120.0
"""How long a run waits for another run's write to the store (SQLite's busy timeout) before it
gives the store up: another run keeps the store locked while it writes its notes' results, and
under load a lock of a few seconds is common (5 s lost a bench run its whole store)."""
_OLD_SUFFIXES = (".cache", ".vault", ".html", ".apkg.about")
"""The files of the caches before this store, removed when it is first made."""


@cache
def cache_key() -> bytes:
    """$NOTECARDS_CACHE_KEY (set it, as a secret, where a cache folder is shared between machines,
    as in CI), else a random key kept in the user's config folder, never in the cache folder.
    Where no key can be kept, one for this run alone: the cache then never matches, which is safe."""
    given = os.environ.get(KEY_ENV)
    if given:
        return given.encode("utf-8", "surrogateescape")
    file = platformdirs.user_config_path("notecards") / "cache.key"
    with suppress(OSError), regular_file(file) as handle:
        kept = handle.read(256)
        if len(kept) >= 32:
            return kept
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
    """Where the store goes: $NOTECARDS_CACHE_DIR, else the user's cache folder for notecards."""
    override = os.environ.get(CACHE_ENV)
    return Path(override) if override else platformdirs.user_cache_path("notecards")


def vault_file(vault: Path, folder: Path | None, suffix: str) -> Path:
    """A file of this vault's in the cache folder: `.store` (the database), `.apkg` (the package)."""
    name = hashlib.sha256(os.fsencode(vault.resolve())).hexdigest()[:24]
    return (folder or cache_dir()) / f"{name}{suffix}"


@cache
def code_digest() -> str:
    """A hash of the package's own source: edited rules make old rows stale even when the version
    number has not moved yet."""
    digest = hashlib.sha256(__version__.encode())
    package = Path(__file__).parents[1]  # cards/
    for path in sorted(package.rglob("*.py")):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()


def fingerprint(options_key: str) -> bytes:
    """What a row was computed with: this code and the options that shape it."""
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


def _mac(kind: str, key: bytes, stamp: bytes, value: bytes) -> bytes:
    mac = hmac.new(cache_key(), digestmod="sha256")
    for part in (kind.encode(), key, stamp):
        mac.update(len(part).to_bytes(8, "big") + part)
    mac.update(value)
    return mac.digest()


def _sound(kind: str, key: object, stamp: bytes, value: object, mac: object) -> bool:
    """Whether a row is as this store wrote it: bytes throughout (a row changed behind its back
    may hold text), and its HMAC right."""
    if not (isinstance(key, bytes) and isinstance(value, bytes) and isinstance(mac, bytes)):
        return False
    return hmac.compare_digest(_mac(kind, key, stamp, value), mac)


class Store:
    """One vault's database, or none (`db` None: nothing is read, writes are dropped).

    Writes go into one transaction, begun by the first `put` or `keep_only`: `commit` puts them
    in place, `rollback` (a run stopped half way) leaves the store as it was."""

    def __init__(self, file: Path, db: sqlite3.Connection | None, given_up: str = "") -> None:
        self.file = file
        self.db = db
        self._writing = False
        self.given_up = given_up
        """Why the store is not used (any more) this run; "" while it is, or when none was asked for."""

    @classmethod
    def open(cls, vault: Path, folder: Path | None = None, enabled: bool = True) -> Store:
        file = vault_file(vault, folder, ".store")
        if not enabled:
            return cls(file, None)
        db, why = _connect(file)
        return cls(file, db, why)

    def _run(self, sql: str, args: Iterable[Any] = ()) -> sqlite3.Cursor | None:
        """`sql` on the database; on any database error the store is given up for this run."""
        if self.db is None:
            return None
        try:
            return self.db.execute(sql, tuple(args))
        except sqlite3.Error as err:
            self._broken(err)
            return None

    def _broken(self, err: sqlite3.Error) -> None:
        db, self.db = self.db, None
        with suppress(sqlite3.Error):
            if db is not None:
                db.close()
        if isinstance(err, sqlite3.DatabaseError) and not isinstance(err, sqlite3.OperationalError):
            _remove(self.file)  # damaged: made again next run (a busy database is left to its writer)
        else:
            self.given_up = self.given_up or _why(err)

    def get(self, kind: str, stamp: bytes, key: bytes) -> bytes | None:
        """The value of the row (kind, key) when it has this stamp and its HMAC is right."""
        found = self._rows("SELECT key, stamp, value, mac FROM entries WHERE kind = ? AND key = ?", (kind, key))
        for _, kept, value, mac in found:
            if kept == stamp and _sound(kind, key, stamp, value, mac):
                return bytes(value)
        return None

    def get_many(self, kind: str, stamp: bytes, keys: Sequence[bytes]) -> dict[bytes, bytes]:
        """`get` of many keys in one query (key -> value, the sound rows found): a query per key
        cost a warm run of a big vault seconds."""
        found: dict[bytes, bytes] = {}
        for start in range(0, len(keys), _MANY):
            chunk = keys[start : start + _MANY]
            marks = ", ".join("?" * len(chunk))
            sql = f"SELECT key, value, mac FROM entries WHERE kind = ? AND stamp = ? AND key IN ({marks})"
            for key, value, mac in self._rows(sql, (kind, stamp, *chunk)):
                if _sound(kind, key, stamp, value, mac):
                    found[bytes(key)] = bytes(value)
        return found

    def items(self, kind: str, stamp: bytes) -> Iterator[tuple[bytes, bytes]]:
        """Every sound row of `kind` with this stamp, as (key, value), read as they come."""
        found = self._run("SELECT key, value, mac FROM entries WHERE kind = ? AND stamp = ?", (kind, stamp))
        while found is not None:
            try:
                rows = found.fetchmany(1024)
            except sqlite3.Error as err:  # a damaged page met half way through
                self._broken(err)
                return
            if not rows:
                return
            for key, value, mac in rows:
                if _sound(kind, key, stamp, value, mac):
                    yield bytes(key), bytes(value)

    def _rows(self, sql: str, args: tuple[Any, ...]) -> list[tuple[Any, ...]]:
        """The rows a query finds (all of them: a damaged page may be met half way through)."""
        found = self._run(sql, args)
        try:
            return found.fetchall() if found is not None else []
        except sqlite3.Error as err:
            self._broken(err)
            return []

    def count(self, kind: str) -> int:
        """How many rows of `kind` there are, sound or not."""
        rows = self._rows("SELECT count(*) FROM entries WHERE kind = ?", (kind,))
        return int(rows[0][0]) if rows else 0

    def put(self, kind: str, stamp: bytes, key: bytes, value: bytes) -> None:
        self._begin()
        mac = _mac(kind, key, stamp, value)
        self._run("INSERT OR REPLACE INTO entries VALUES (?, ?, ?, ?, ?)", (kind, key, stamp, value, mac))

    def keep_only(self, kind: str, keys: Iterable[bytes]) -> None:
        """Remove the rows of `kind` whose key is not among `keys`."""
        self._begin()
        self._run("CREATE TEMP TABLE IF NOT EXISTS kept (key BLOB PRIMARY KEY)")
        self._run("DELETE FROM kept")
        if self.db is not None:
            try:
                self.db.executemany("INSERT OR IGNORE INTO kept VALUES (?)", ((k,) for k in keys))
            except sqlite3.Error as err:
                self._broken(err)
        self._run("DELETE FROM entries WHERE kind = ? AND key NOT IN (SELECT key FROM kept)", (kind,))

    def _begin(self) -> None:
        if not self._writing and self._run("BEGIN") is not None:
            self._writing = True

    def commit(self) -> None:
        if self._writing:
            self._writing = False
            self._run("COMMIT")

    def rollback(self) -> None:
        if self._writing:
            self._writing = False
            self._run("ROLLBACK")

    def close(self) -> None:
        self.rollback()
        if self.db is not None:
            with suppress(sqlite3.Error):
                self.db.close()
            self.db = None


def store_problem(*stores: Store) -> tuple[Problem, ...]:
    """The warning of a store given up this run (Store.given_up), once: a run that had to read
    every note afresh, or could not keep what it made, says why."""
    for store in stores:
        if store.given_up:
            return (StoreProblem(str(store.file), 0, f"cache not used this run: {store.given_up}"),)
    return ()


@dataclass(frozen=True, slots=True)
class StoreProblem(Problem):
    """The store (not a note) was given up: said as a warning with the store's file, but no note
    was skipped or partly read, so it does not change the exit code."""

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


def _why(err: BaseException) -> str:
    """What stopped the store, said for a user."""
    text = str(err) or type(err).__name__
    if "locked" in text or "busy" in text:
        return f"{text} (another notecards run kept it busy over {BUSY_SECONDS:g} s)"
    return text


def _connect(file: Path) -> tuple[sqlite3.Connection | None, str]:
    """The database at `file`, made if missing, or None and why there can be none. A file SQLite
    cannot read, or that is not a store of this format, is removed and made again. Anything but a
    regular file there (a FIFO, a device, a link) is left alone and the run goes on uncached. A
    store that exists is only read here: opening it takes no write lock (another run may be
    writing to it)."""
    try:
        found = os.lstat(file)
    except FileNotFoundError:
        found = None
    except OSError as err:
        return None, f"cannot be read ({err.strerror or err})"
    if found is not None and not stat.S_ISREG(found.st_mode):
        return None, "not a regular file; left alone"
    for attempt in range(2):
        try:
            file.parent.mkdir(parents=True, exist_ok=True)
            if found is None and attempt == 0:
                for suffix in _OLD_SUFFIXES:
                    with suppress(OSError):
                        file.with_name(file.name.removesuffix(".store") + suffix).unlink()
            db = sqlite3.connect(file, isolation_level=None, timeout=BUSY_SECONDS)
            db.text_factory = bytes  # a value changed to text behind the store's back is not decoded
        except OSError as err:
            return None, f"cannot be made ({err.strerror or err})"
        except sqlite3.Error as err:
            return None, _why(err)
        try:
            kind = _format(db)
            if kind is None:  # a new store (or one left half made): made now
                db.executescript(_SCHEMA)
                db.execute("INSERT OR IGNORE INTO meta VALUES ('format', ?)", (FORMAT,))
                kind = _format(db)
            if kind == FORMAT.encode():
                return db, ""
        except sqlite3.OperationalError as err:  # busy with another run, or read-only: no store this time
            db.close()
            return None, _why(err)
        except sqlite3.Error:
            pass
        db.close()
        _remove(file)  # damaged, or not ours: made again
    return None, "cannot be made again"


def _format(db: sqlite3.Connection) -> bytes | None:
    """The format a store says it is in; None when it has no tables yet (a new file). Raises
    sqlite3.DatabaseError when the file is not a database."""
    tables = {name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if not {b"meta", b"entries"} <= tables:
        return None
    row = db.execute("SELECT value FROM meta WHERE name = 'format'").fetchone()
    return row[0] if row else b""


def _remove(file: Path) -> None:
    for path in (file, file.with_name(file.name + "-journal")):
        with suppress(OSError):
            path.unlink()
