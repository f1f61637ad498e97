"""Writing the same cards again copies the package kept from the last export instead of building
it; anything that would change the package (a card, an image, a damaged copy) builds it anew."""

from __future__ import annotations

import os
import sqlite3
import zipfile
from contextlib import closing
from pathlib import Path

import genanki
import pytest
from anki_helpers import png, write_vault
from click.testing import CliRunner
from small_vault import write_vault as write_small_vault

from cards import pool
from cards import store as cache
from cards.cli import main
from cards.export.html import card_html, to_html
from cards.export.package import write_package
from cards.pipeline import Options, build
from cards.since import read_package
from cards.store import remembered_html

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


def test_html_rendered_on_many_processes_is_the_same(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Merged answers are rendered ahead of writing, on every core: the package is the same."""
    vault = write_small_vault(tmp_path / "vault", copies=3)
    result = build(vault, Options(jobs=1, cache=False), render=card_html)
    packages = []
    for jobs in (1, 2):
        monkeypatch.setattr(pool, "PARALLEL_MIN_ITEMS", 0 if jobs > 1 else 10**9)
        out = tmp_path / f"out{jobs}.apkg"
        with remembered_html(vault, enabled=False, given=result.html) as rendered:
            write_package(result.cards, result.deck, vault, out, jobs=jobs, rendered=rendered)
        packages.append({guid: (n.fields, n.tags) for guid, n in read_package(out).items()})
    merged = [c for c in result.cards if "Also, in " in c.back]
    assert merged and packages[0] == packages[1]
    assert all(any(to_html(c.back) in fields for fields, _ in packages[1].values()) for c in merged)


def test_remembered_html_is_read_back_and_a_damaged_copy_is_not(tmp_path: Path) -> None:
    vault = write_vault(tmp_path / "vault", {"a.md": "x"})
    with remembered_html(vault, folder=tmp_path / "c", given={"**a**": "<b>a</b>", "b": "<p>b</p>"}) as memo:
        assert memo["**a**"] == "<b>a</b>"
    with remembered_html(vault, folder=tmp_path / "c") as kept:
        assert kept.knows("**a**") and not kept.knows("b"), "only what the last run used"
        assert kept["**a**"] == "<b>a</b>"
    assert [p.name for p in (tmp_path / "c").iterdir() if p.suffix == ".tmp"] == []
    (file,) = (tmp_path / "c").glob("*.store")
    with closing(sqlite3.connect(file)) as db, db:
        assert db.execute("UPDATE entries SET value = CAST('<b>forged</b>' AS BLOB) WHERE kind = 'html'").rowcount == 1
    with remembered_html(vault, folder=tmp_path / "c") as damaged:
        assert not damaged.knows("**a**")


def test_a_copied_package_keeps_the_html_the_next_edit_needs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Export, export again unchanged (the package is copied), edit a note, export: the merged
    card's text was rendered by the first export and is not rendered again."""
    from cards.export import html as export_module

    vault = write_vault(
        tmp_path / "vault",
        {
            "a.md": "Dropout: zeroing random activations while training.\n",
            "b.md": "Dropout: a regulariser that drops **units** at random.\n",
            "c.md": "Momentum: a running average of past gradients.\n",
        },
    )
    out = tmp_path / "deck.apkg"
    export(vault, out)
    export(vault, out)
    rendered: list[str] = []
    real = export_module._markdown_html

    def counted(markdown: str) -> str:
        rendered.append(markdown)
        return real(markdown)

    monkeypatch.setattr(export_module, "_markdown_html", counted)
    (vault / "c.md").write_text("Momentum: a running average of past gradients, weighted.\n")
    export(vault, out)
    assert any("Also, in " in "".join(note.fields) for note in read_package(out).values()), "the Dropouts merge"
    assert not [text for text in rendered if "Also, in " in text]
