"""Never lose or corrupt anything: the vault is only read, a failed write leaves the previous
package as it was, and a file that is not an Anki package is replaced only with --force."""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

import genanki
import pytest
from click.testing import CliRunner

from cards.cli import main
from cards.export.package import write_package
from cards.model import Card, Kind, Source


def snapshot(root: Path) -> dict[str, tuple[bytes | str, int]]:
    """Every entry below root (links not followed): its bytes (or link target) and mtime in ns."""
    found: dict[str, tuple[bytes | str, int]] = {}
    for path in sorted(root.rglob("*")):
        stat = path.lstat()
        if path.is_symlink():
            found[path.relative_to(root).as_posix()] = (os.readlink(path), stat.st_mtime_ns)
        elif path.is_file():
            found[path.relative_to(root).as_posix()] = (path.read_bytes(), stat.st_mtime_ns)
        else:
            found[path.relative_to(root).as_posix() + "/"] = (b"", stat.st_mtime_ns)
    return found


@pytest.fixture
def messy_vault(tmp_path: Path) -> Path:
    root = tmp_path / "vault"
    (root / "sub folder").mkdir(parents=True)
    (root / ".obsidian").mkdir()
    (root / ".obsidian" / "workspace.json").write_text("{}")
    (root / "a.md").write_text("---\ntags: [ml]\n---\nEntropy: expected surprise.\n\nUses ![[pic.png]] here.\n")
    (root / "crlf.md").write_bytes(b"Bias: error from assumptions.\r\n")
    (root / "latin.md").write_bytes("Café: une boisson chaude.\n".encode("cp1252"))
    (root / "sub folder" / "q #1.md").write_text("## Questions\n- What is a prior?\n  - Belief before data.\n")
    (root / "sub folder" / "bad.md").write_bytes(b"\x00\x01binary")
    (root / "pic.png").write_bytes(b"\x89PNG")
    (root / "link.md").symlink_to(root / "a.md")
    (root / "empty.md").write_text("")
    old = 1_500_000_000  # mtimes far in the past, so that any touch would show
    for path in root.rglob("*"):
        os.utime(path, ns=(old * 10**9, old * 10**9), follow_symlinks=False)
    return root


def test_export_and_dry_run_leave_every_file_of_the_vault_untouched(
    messy_vault: Path, tmp_path: Path, monkeypatch
) -> None:
    before = snapshot(messy_vault)
    monkeypatch.chdir(tmp_path)
    for args in (["-o", str(tmp_path / "out.apkg")], ["--dry-run"], ["--dry-run", "--json"], []):
        result = CliRunner().invoke(main, ["export", str(messy_vault), *args])
        assert result.exit_code == 3, result.stderr  # bad.md is skipped, latin.md said
    assert snapshot(messy_vault) == before
    assert (tmp_path / "out.apkg").is_file() and (tmp_path / "vault.apkg").is_file()


def cards() -> list[Card]:
    return [Card(Kind.DEFINITION, "Prior", "belief before data", (Source("a.md", 1),), deck="ml")]


def test_a_writer_failing_midway_leaves_the_previous_package_intact(tmp_path: Path, monkeypatch) -> None:
    out = tmp_path / "deck.apkg"
    write_package(cards(), "ml", tmp_path, out)
    previous = out.read_bytes()

    def write_notes_then_fail(self: genanki.Package, cursor: object, timestamp: float, id_gen: object) -> None:
        write_to_db(self, cursor, timestamp, id_gen)
        raise OSError(28, "No space left on device")

    write_to_db = genanki.Package.write_to_db
    monkeypatch.setattr(genanki.Package, "write_to_db", write_notes_then_fail)
    with pytest.raises(OSError):
        write_package(cards(), "ml", tmp_path, out)
    assert out.read_bytes() == previous
    assert sorted(p.name for p in tmp_path.iterdir()) == ["deck.apkg"]  # no temporary file left behind


def test_the_cli_says_a_failed_write_and_exits_1_keeping_the_old_package(tmp_path: Path, monkeypatch) -> None:
    vault = tmp_path / "vault"
    vault.mkdir()
    (vault / "a.md").write_text("Posterior: belief after data.\n")
    out = tmp_path / "deck.apkg"
    assert CliRunner().invoke(main, ["export", str(vault), "-o", str(out)]).exit_code == 0
    previous = out.read_bytes()

    def fail(self: genanki.Package, cursor: object, timestamp: float, id_gen: object) -> None:
        raise KeyboardInterrupt  # the user presses Ctrl-C while the package is being written

    monkeypatch.setattr(genanki.Package, "write_to_db", fail)
    (vault / "a.md").write_text("Posterior: belief after seeing the data.\n")  # a package to build, not reuse
    result = CliRunner().invoke(main, ["export", str(vault), "-o", str(out)])
    assert result.exit_code != 0
    assert out.read_bytes() == previous
    assert sorted(p.name for p in tmp_path.iterdir()) == ["deck.apkg", "vault"]


@pytest.fixture
def small_vault(tmp_path: Path) -> Path:
    vault = tmp_path / "vault"
    vault.mkdir()
    (vault / "a.md").write_text("Likelihood: probability of the data.\n")
    return vault


@pytest.mark.parametrize("name, data", [("notes.txt", b"my thesis draft"), ("deck.apkg", b"not a zip at all")])
def test_overwriting_a_file_that_is_not_an_anki_package_needs_force(
    small_vault: Path, tmp_path: Path, name: str, data: bytes
) -> None:
    target = tmp_path / name
    target.write_bytes(data)
    result = CliRunner().invoke(main, ["export", str(small_vault), "-o", str(target)])
    assert result.exit_code == 2
    assert result.stderr == f"Error: {target} exists and is not an Anki package; use --force to overwrite it\n"
    assert target.read_bytes() == data
    result = CliRunner().invoke(main, ["export", str(small_vault), "-o", str(target), "--force"])
    assert result.exit_code == 0
    assert "collection.anki2" in zipfile.ZipFile(target).namelist()


def test_an_existing_anki_package_is_replaced_without_force(small_vault: Path, tmp_path: Path) -> None:
    target = tmp_path / "deck.apkg"
    write_package(cards(), "other", tmp_path, target)
    before = target.read_bytes()
    result = CliRunner().invoke(main, ["export", str(small_vault), "-o", str(target)])
    assert result.exit_code == 0, result.stderr
    assert target.read_bytes() != before


def test_an_output_that_is_a_folder_is_refused(small_vault: Path, tmp_path: Path) -> None:
    (tmp_path / "out").mkdir()
    result = CliRunner().invoke(main, ["export", str(small_vault), "-o", str(tmp_path / "out"), "--force"])
    out = tmp_path / "out"
    assert (result.exit_code, result.stdout, result.stderr) == (
        2,
        "",
        f"Error: {out} is a folder; name the package file with -o\n",
    )
    assert list(out.iterdir()) == []
