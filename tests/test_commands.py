"""`commands.export`, the one call behind `notecards export`, used as a library: it prints nothing,
exits never, and says what went wrong with exceptions carrying the command's exit code."""

from __future__ import annotations

from pathlib import Path

import pytest
from anki_helpers import write_vault

from cards.commands import ExportRequest, export
from cards.errors import EXIT_PARTIAL, UsageError, WriteError
from cards.model import Problem
from cards.pipeline import Options
from cards.select import Filters
from cards.since import read_package

NOTES = {
    "Cells.md": "# Cells\n\nMitochondrion: the organelle that makes most of a cell's ATP.\n",
    "Genetics.md": "Allele: one of the variant forms of a gene.\n\n## Questions\n- What is a locus?\n",
}
BINARY = b"\x89PNG\r\n\x1a\n\x00\x00\x00binary"


def test_an_export_writes_the_package_and_says_what_it_did_without_printing(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    vault = write_vault(tmp_path / "biology", {**NOTES, "Scan.md": BINARY})
    out = tmp_path / "bio.apkg"
    done = export(ExportRequest(vault, Options(jobs=1), out=out))
    assert capfd.readouterr() == ("", "")
    assert done.package is not None
    assert (done.package.path, done.package.cards, done.package.left_open) == (out, 2, 1)
    assert sorted(note.fields[0] for note in read_package(out).values()) == ["Allele", "Mitochondrion"]
    assert done.problems == (Problem("Scan.md", 1, "binary file, not a text note", skipped=True),)
    assert done.exit_code == EXIT_PARTIAL


def test_a_dry_run_chooses_the_cards_and_writes_nothing(tmp_path: Path) -> None:
    vault = write_vault(tmp_path / "biology", NOTES)
    done = export(ExportRequest(vault, Options(jobs=1), Filters(kinds=("question",)), dry_run=True))
    assert done.package is None and done.exit_code == 0
    assert [card.front for card in done.review.selection.cards] == ["What is a locus?"]
    assert [p.name for p in tmp_path.iterdir()] == ["biology"]


def test_a_package_inside_the_vault_is_refused_before_any_note_is_read(tmp_path: Path) -> None:
    vault = write_vault(tmp_path / "biology", NOTES)
    calls: list[tuple[int, int]] = []
    with pytest.raises(UsageError) as refused:
        export(
            ExportRequest(vault, Options(jobs=1), out=vault / "bio.apkg"),
            lambda done, total: calls.append((done, total)),
        )
    assert (refused.value.exit_code, refused.value.problems, calls) == (2, (), [])
    assert (
        str(refused.value) == f"{vault / 'bio.apkg'} is inside the vault, which is only read; name a package outside it"
    )


def test_an_unreadable_previous_package_is_bad_usage_and_keeps_the_warnings_met_before(tmp_path: Path) -> None:
    vault = write_vault(tmp_path / "biology", {**NOTES, "Scan.md": BINARY})
    (tmp_path / "old.apkg").write_text("not a package")
    with pytest.raises(UsageError) as refused:
        export(ExportRequest(vault, Options(jobs=1), since=tmp_path / "old.apkg", dry_run=True))
    assert refused.value.exit_code == 2
    assert refused.value.problems == (Problem("Scan.md", 1, "binary file, not a text note", skipped=True),)


def test_a_package_that_cannot_be_written_fails_with_exit_1(tmp_path: Path) -> None:
    vault = write_vault(tmp_path / "biology", NOTES)
    (tmp_path / "blocker").write_text("a file where a folder should be")
    with pytest.raises(WriteError) as failed:
        export(ExportRequest(vault, Options(jobs=1), out=tmp_path / "blocker" / "bio.apkg"))
    assert (failed.value.exit_code, str(failed.value)) == (
        1,
        f"cannot write {tmp_path / 'blocker' / 'bio.apkg'}: File exists",
    )
