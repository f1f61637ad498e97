"""An export after an edit makes again only the notes of the cards that changed: the others are
copied from the package the cache kept. What it writes is what an export without the cache writes
over the same package: the same notes and cards in the same order, the unchanged notes keeping
their time (so Anki's "update if newer" leaves them alone), and Anki imports it the same way."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from package_rows import package_rows, package_times

from cards.cli import main
from cards.export import package

NOTES = {
    "Optics/Lenses.md": "# Lenses\n\nFocal length: the distance at which a lens brings parallel rays together.\n"
    "Aperture: the opening that lets light through a lens.\n",
    "Optics/Light.md": "# Light\n\nRefraction: the bending of light as it enters another medium.\n\n"
    "## Questions\n\n- What is dispersion?\n    - light split into its colours by a prism\n",
    "Optics/Aperture.md": "# Aperture\n\nAperture: the size of the hole a camera lets light in by.\n",
    "Sound.md": "# Sound\n\nPitch: how high or low a sound is heard.\nTimbre: what tells two instruments apart.\n",
}


def write(vault: Path) -> Path:
    for name, text in NOTES.items():
        (vault / name).parent.mkdir(parents=True, exist_ok=True)
        (vault / name).write_text(text, encoding="utf-8")
    return vault


def export(vault: Path, out: Path, *options: str) -> None:
    result = CliRunner().invoke(main, ["export", str(vault), "-o", str(out), "--jobs", "1", *options])
    assert result.exit_code == 0, result.output


def next_second() -> None:
    """Anki's IF_NEWER compares whole seconds: the next export must carry a later second."""
    time.sleep(1.02 - time.time() % 1)


def edit(vault: Path) -> None:
    with (vault / "Sound.md").open("a", encoding="utf-8") as note:
        note.write("Timbre: the colour of a sound.\nLoudness: how strong a sound is heard.\n")


def test_an_edit_makes_only_the_changed_notes_and_the_package_a_run_without_cache_makes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    vault = write(tmp_path / "vault")
    first = tmp_path / "first.apkg"
    export(vault, first)
    cached, uncached = tmp_path / "cached.apkg", tmp_path / "uncached.apkg"
    shutil.copyfile(first, cached)
    shutil.copyfile(first, uncached)
    edit(vault)
    next_second()
    made = fronts_made(monkeypatch)
    export(vault, cached)
    assert sorted(made) == ["Loudness", "Timbre"]  # the new card and the one the edit merged into
    export(vault, uncached, "--no-cache")
    assert len(made) > 2  # without the cache every note is made
    assert package_rows(cached) == package_rows(uncached)
    times, before = package_times(cached), package_times(first)
    assert times == package_times(uncached)
    assert sum(times[guid] == before.get(guid) for guid in times) == len(times) - 2


def test_anki_imports_the_package_made_from_copied_notes_as_one_made_afresh(tmp_path: Path) -> None:
    pytest.importorskip("anki")
    from anki_helpers import fresh_collection, import_package, notes_by_guid

    vault = write(tmp_path / "vault")
    first = tmp_path / "first.apkg"
    export(vault, first)
    edit(vault)
    next_second()
    cached, uncached = tmp_path / "cached.apkg", tmp_path / "uncached.apkg"
    shutil.copyfile(first, cached)  # each written over the package the collection imported
    shutil.copyfile(first, uncached)
    export(vault, cached)
    export(vault, uncached, "--no-cache")
    found = []
    for n, again in enumerate((cached, uncached)):
        with fresh_collection(tmp_path / f"anki{n}") as col:
            import_package(col, first)
            log = import_package(col, again)
            notes = notes_by_guid(col)
            found.append(
                (
                    len(log.new),
                    len(log.updated),
                    len(log.duplicate),
                    {guid: (list(note.fields), sorted(note.tags)) for guid, note in notes.items()},
                )
            )
    assert found[0] == found[1]
    new, updated, left_alone, notes = found[0]
    assert (new, updated, left_alone) == (1, 1, len(notes) - 2)  # Loudness new, Timbre updated, the rest left


def test_a_damaged_kept_package_is_not_copied_from(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    vault = write(tmp_path / "vault")
    cached, uncached = tmp_path / "cached.apkg", tmp_path / "uncached.apkg"
    export(vault, cached)
    (kept,) = Path(os.environ["NOTECARDS_CACHE_DIR"]).glob("*.apkg")
    data = bytearray(kept.read_bytes())
    data[len(data) // 2] ^= 0xFF  # one byte of the kept collection changed behind the store's back
    kept.write_bytes(bytes(data))
    edit(vault)
    made = fronts_made(monkeypatch)
    export(vault, cached)
    export(vault, uncached, "--no-cache")
    assert len(made) == 2 * len(package_rows(cached))  # every note made afresh, with and without the cache
    assert package_rows(cached) == package_rows(uncached)


def fronts_made(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The fronts of the cards whose Anki notes the next export builds (not copies), in order."""
    made: list[str] = []
    note_fields = package.note_fields

    def counted(card, *args, **kwargs):  # type: ignore[no-untyped-def]
        made.append(card.front)
        return note_fields(card, *args, **kwargs)

    monkeypatch.setattr(package, "note_fields", counted)
    return made
