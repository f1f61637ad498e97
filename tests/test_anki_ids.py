"""The package's identities never come from the clock: note types, deck and note GUIDs are the same
on every export, while the notes' modification time moves so that Anki sees a re-export as newer."""

from __future__ import annotations

import json
import sqlite3
import time
import zipfile
from pathlib import Path

from anki_helpers import write_vault

from cards.export.notetypes import deck_id
from cards.export.package import MODELS, write_package
from cards.pipeline import build


def package_ids(package: Path, tmp: Path) -> tuple[set[str], set[str], dict[str, tuple[int, str]]]:
    db = tmp / "collection.sqlite"
    db.write_bytes(zipfile.ZipFile(package).read("collection.anki2"))
    with sqlite3.connect(db) as connection:
        models, decks = connection.execute("select models, decks from col").fetchone()
        notes = {guid: (mod, str(mid)) for guid, mod, mid in connection.execute("select guid, mod, mid from notes")}
    db.unlink()
    return set(json.loads(models)), set(json.loads(decks)), notes


def test_ids_are_stable_and_times_are_not(tmp_path: Path) -> None:
    vault = write_vault(tmp_path / "Deep Learning", {"Terms.md": "# Terms\n\nEpoch: one full pass over the data.\n"})
    result = build(vault)
    write_package(result.cards, result.deck, vault, tmp_path / "one.apkg")
    time.sleep(1.02 - time.time() % 1)
    write_package(result.cards, result.deck, vault, tmp_path / "two.apkg")
    models_1, decks_1, notes_1 = package_ids(tmp_path / "one.apkg", tmp_path)
    models_2, decks_2, notes_2 = package_ids(tmp_path / "two.apkg", tmp_path)
    assert models_1 == models_2 == {str(MODELS["definition"].model_id)}
    assert decks_1 == decks_2 and str(deck_id("Deep Learning")) in decks_1
    assert notes_1.keys() == notes_2.keys() == {c.id for c in result.cards}
    (guid,) = notes_1
    assert notes_2[guid][0] > notes_1[guid][0], "a re-export is newer, so Anki's default import updates"
    assert notes_1[guid][1] == str(MODELS["definition"].model_id)


def test_package_file_gets_the_usual_permissions(tmp_path: Path) -> None:
    import os
    import stat

    vault = write_vault(tmp_path / "ml", {"Terms.md": "# Terms\n\nEpoch: one full pass over the data.\n"})
    result = build(vault)
    umask = os.umask(0o022)
    try:
        write_package(result.cards, result.deck, vault, tmp_path / "ml.apkg")
    finally:
        os.umask(umask)
    assert stat.S_IMODE((tmp_path / "ml.apkg").stat().st_mode) == 0o644
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []
