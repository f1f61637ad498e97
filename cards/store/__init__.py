"""Everything kept between runs, in one place and one format: a SQLite database per vault (db.py),
holding the notes' results, the vault-wide answer, the cards' HTML and what the last package was
made from (kept.py), values pickled as data only (values.py). Nothing read back is trusted:
see db.py."""

from .db import (
    CACHE_ENV,
    KEY_ENV,
    Store,
    StoreProblem,
    cache_dir,
    cache_key,
    code_digest,
    fingerprint,
    note_key,
    store_problem,
    vault_digest,
    vault_file,
)
from .kept import NoteCache, PackageCache, PackageMade, PackageRows, Remembered, VaultCache, remembered_html
from .values import DataUnpickler, dumps, loads

__all__ = [
    "CACHE_ENV",
    "KEY_ENV",
    "DataUnpickler",
    "NoteCache",
    "PackageCache",
    "PackageMade",
    "PackageRows",
    "Remembered",
    "Store",
    "StoreProblem",
    "VaultCache",
    "cache_dir",
    "cache_key",
    "code_digest",
    "dumps",
    "fingerprint",
    "loads",
    "note_key",
    "remembered_html",
    "store_problem",
    "vault_digest",
    "vault_file",
]
