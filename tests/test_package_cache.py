"""Writing the same cards again copies the package kept from the last export instead of building
it; anything that would change the package (a card, an image, a damaged copy) builds it anew."""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

import genanki
import pytest
from anki_helpers import png, write_vault
from click.testing import CliRunner

from cards import cache
from cards.cli import main

NOTES: dict[str, str | bytes] = {
    "Optimisation.md": "# Optimisation\n\nGradient: the vector of partial derivatives ![[curve.png]]\n\n"
    "Momentum: a running average of past gradients ![[later.png]]\n",
    "assets/curve.png": png(10),
}


@pytest.fixture
def vault(tmp_path: Path) -> Path:
    return write_vault(tmp_path / "vault", NOTES)


def export(vault: Path, out: Path, *extra: str) -> None:
    result = CliRunner().invoke(main, ["export", str(vault), "-o", str(out), "--jobs", "1", *extra])
    assert result.exit_code == 0, result.output


def kept_files() -> list[Path]:
    return sorted(Path(os.environ[cache.CACHE_ENV]).glob("*.apkg*"))


def no_building(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*_: object) -> None:
        raise AssertionError("the package was built again")

    monkeypatch.setattr(genanki.Package, "write_to_file", fail)


def media_bytes(package: Path) -> list[bytes]:
    with zipfile.ZipFile(package) as z:
        return sorted(z.read(name) for name in z.namelist() if name.isdigit())


def test_unchanged_cards_copy_the_kept_package(vault: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = tmp_path / "first.apkg"
    export(vault, first)
    no_building(monkeypatch)
    again = tmp_path / "elsewhere" / "again.apkg"
    export(vault, again)
    assert again.read_bytes() == first.read_bytes()
    assert oct(again.stat().st_mode & 0o777) == oct(first.stat().st_mode & 0o777)


def test_an_edited_note_builds_a_new_package(vault: Path, tmp_path: Path) -> None:
    out = tmp_path / "deck.apkg"
    export(vault, out)
    before = out.read_bytes()
    note = vault / "Optimisation.md"
    note.write_text(note.read_text() + "\nDropout: zeroing activations at random while training.\n")
    export(vault, out)
    assert out.read_bytes() != before
    with zipfile.ZipFile(out) as z:
        assert any(name.startswith("collection.anki2") for name in z.namelist())


def test_a_changed_image_builds_a_new_package(vault: Path, tmp_path: Path) -> None:
    out = tmp_path / "deck.apkg"
    export(vault, out)
    assert media_bytes(out) == [png(10)]
    (vault / "assets" / "curve.png").write_bytes(png(200))
    export(vault, out)
    assert media_bytes(out) == [png(200)]


def test_a_new_file_the_notes_could_embed_builds_a_new_package(vault: Path, tmp_path: Path) -> None:
    out = tmp_path / "deck.apkg"
    export(vault, out)
    assert media_bytes(out) == [png(10)]
    (vault / "assets" / "later.png").write_bytes(png(99))
    export(vault, out)
    assert media_bytes(out) == sorted([png(10), png(99)])


def test_a_damaged_kept_package_is_not_copied(vault: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = tmp_path / "first.apkg"
    export(vault, first)
    (kept,) = (f for f in kept_files() if f.suffix == ".apkg")
    raw = bytearray(kept.read_bytes())
    raw[len(raw) // 2] ^= 0xFF
    kept.write_bytes(bytes(raw))
    again = tmp_path / "again.apkg"
    export(vault, again)
    with zipfile.ZipFile(again) as z:
        assert z.testzip() is None  # a sound package, built again


def test_no_cache_keeps_no_package(vault: Path, tmp_path: Path) -> None:
    export(vault, tmp_path / "deck.apkg", "--no-cache")
    assert kept_files() == []
