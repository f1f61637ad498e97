"""A store another run keeps busy: the run waits for it a while (a busy machine's other run holds
it for seconds), and when it gives the store up it says so, names the store and why, and goes on
uncached with the same cards and the same exit code."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path

import pytest
from click.testing import CliRunner

from cards.cli import main
from cards.listing import as_json
from cards.pipeline import Options, build
from cards.store import StoreProblem, db, vault_file

NOTES = {
    "Optics.md": "# Optics\n\nRefraction: the bending of light as it enters another medium.\n",
    "Waves.md": "# Waves\n\nWavelength: the distance between two crests of a wave.\n",
}


@pytest.fixture
def vault(tmp_path: Path) -> Path:
    root = tmp_path / "vault"
    root.mkdir()
    for name, text in NOTES.items():
        (root / name).write_text(text)
    return root


@pytest.fixture
def store(tmp_path: Path) -> Path:
    return tmp_path / "cache"


def options(store: Path) -> Options:
    return Options(jobs=1, cache_dir=store)


def fronts(listing: dict[str, object]) -> list[object]:
    return [card["front"] for card in listing["cards"]]  # type: ignore[attr-defined, index]


@contextmanager
def locked(file: Path, how: str) -> Iterator[None]:
    """Another run's lock on the store: EXCLUSIVE (it is committing: nobody may read) or IMMEDIATE
    (it is writing: others may read, not write)."""
    with closing(sqlite3.connect(file, isolation_level=None)) as other:
        other.execute(f"BEGIN {how}")
        try:
            yield
        finally:
            other.execute("ROLLBACK")


def edit(vault: Path) -> None:
    (vault / "Waves.md").write_text(NOTES["Waves.md"] + "\nAmplitude: how far a wave rises above rest.\n")


def test_a_store_locked_past_the_wait_is_given_up_and_said(
    vault: Path, store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    build(vault, options(store))
    file = vault_file(vault, store, ".store")
    monkeypatch.setattr(db, "BUSY_SECONDS", 0.05)
    with locked(file, "EXCLUSIVE"):
        given_up = build(vault, options(store))
    assert given_up.timings.notes_cached == 0
    assert given_up.problems == (
        StoreProblem(
            str(file), 0, "cache not used this run: database is locked (another notecards run kept it busy over 0.05 s)"
        ),
    )
    uncached = as_json(build(vault, Options(jobs=1, cache=False)))
    assert fronts(as_json(given_up)) == fronts(uncached) == ["Refraction", "Wavelength"]
    again = build(vault, options(store))  # the store was left as it was, and is used again
    assert again.problems == () and again.timings.notes_cached == 2


def test_a_store_locked_while_the_run_writes_is_given_up_and_said(
    vault: Path, store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    build(vault, options(store))
    edit(vault)
    file = vault_file(vault, store, ".store")
    monkeypatch.setattr(db, "BUSY_SECONDS", 0.05)
    with locked(file, "IMMEDIATE"):  # read, but the edited note's result cannot be kept
        given_up = build(vault, options(store))
    assert given_up.timings.notes_cached == 1
    assert [str(p) for p in given_up.problems] == [
        f"{file}: cache not used this run: database is locked (another notecards run kept it busy over 0.05 s)"
    ]
    assert fronts(as_json(given_up)) == ["Refraction", "Wavelength", "Amplitude"]
    assert build(vault, options(store)).timings.notes_cached == 1  # nothing of the run was kept


def test_the_cli_says_the_store_was_given_up_and_exits_as_without_it(
    vault: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    args = ["export", str(vault), "--dry-run", "--jobs", "1"]
    runner = CliRunner()
    assert runner.invoke(main, args).exit_code == 0
    file = vault_file(vault, None, ".store")
    monkeypatch.setattr(db, "BUSY_SECONDS", 0.05)
    with locked(file, "EXCLUSIVE"):
        result = runner.invoke(main, args)
    assert result.exit_code == 0  # no note was skipped: the cards are all there, made afresh
    assert result.stderr == (
        f"warning: {file}: cache not used this run: database is locked"
        " (another notecards run kept it busy over 0.05 s)\n"
    )
    assert "Refraction" in result.stdout and "Wavelength" in result.stdout


def test_a_lock_held_for_a_moment_is_waited_for(vault: Path, store: Path) -> None:
    """Another run holding the store for seconds (committing, on a loaded machine) costs this run
    a wait, not its store: the run reads every note from it and keeps what it makes."""
    build(vault, options(store))
    edit(vault)
    file = vault_file(vault, store, ".store")
    taken, release = threading.Event(), threading.Event()

    def other_run() -> None:
        with locked(file, "EXCLUSIVE"):
            taken.set()
            release.wait(timeout=30)

    other = threading.Thread(target=other_run)
    other.start()
    taken.wait(timeout=30)
    # held longer than the 5 s wait that lost a bench run its store
    threading.Timer(6, release.set).start()
    try:
        waited = build(vault, options(store))
    finally:
        release.set()
        other.join()
    assert waited.problems == () and waited.timings.notes_cached == 1
    assert build(vault, options(store)).timings.notes_cached == 2  # what it made was kept
