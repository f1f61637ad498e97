"""After any sequence of edits, what a cached run lists and writes is what a run with no cache at
all lists and writes: the same JSON, byte for byte, and a package with the same notes and cards,
written in the same order (a cached run copies the notes of unchanged cards from the package it kept).

The vault is a small generated one (bench/make_vault.py) and the edits are drawn from a seeded
random: definitions and open questions added, notes deleted, added, cut, moved and put back."""

from __future__ import annotations

import importlib.util
import random
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from package_rows import package_rows

from cards.cli import main

MAKE_VAULT = Path(__file__).resolve().parents[1] / "bench" / "make_vault.py"


def make_vault(n: int, out: Path, seed: int) -> None:
    spec = importlib.util.spec_from_file_location("make_vault", MAKE_VAULT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.make_vault(n, out, seed)


def notes(vault: Path) -> list[Path]:
    return sorted(vault.rglob("*.md"))


def terms(vault: Path) -> list[str]:
    """Names the notes already use: edits that reuse them give the merge and answers work."""
    return sorted({p.stem.split(" ")[0] for p in notes(vault)})


Edit = Callable[[Path, random.Random, dict[Path, bytes]], str]


def add_definition(vault: Path, rng: random.Random, _: dict[Path, bytes]) -> str:
    note = rng.choice(notes(vault))
    term = rng.choice(terms(vault))
    with note.open("a", encoding="utf-8") as out:
        out.write(f"\n\n{term}: a meaning written in {note.stem}, number {rng.randrange(1000)}.\n")
    return f"defined {term} in {note.name}"


def add_question(vault: Path, rng: random.Random, _: dict[Path, bytes]) -> str:
    note = rng.choice(notes(vault))
    term = rng.choice(terms(vault))
    with note.open("a", encoding="utf-8") as out:
        out.write(f"\n\n## Questions\n\n- What is {term}?\n")
    return f"asked about {term} in {note.name}"


def delete_note(vault: Path, rng: random.Random, before: dict[Path, bytes]) -> str:
    note = rng.choice(notes(vault))
    before[note] = note.read_bytes()
    note.unlink()
    return f"deleted {note.name}"


def copy_note(vault: Path, rng: random.Random, _: dict[Path, bytes]) -> str:
    source = rng.choice(notes(vault))
    copy = vault / "Inbox" / f"Copy {rng.randrange(10**6)}.md"
    copy.parent.mkdir(exist_ok=True)
    copy.write_bytes(source.read_bytes())
    return f"copied {source.name}"


def cut_note(vault: Path, rng: random.Random, before: dict[Path, bytes]) -> str:
    note = rng.choice(notes(vault))
    before[note] = data = note.read_bytes()
    lines = data.splitlines(keepends=True)
    note.write_bytes(b"".join(lines[: len(lines) // 2]))
    return f"cut {note.name} in half"


def move_note(vault: Path, rng: random.Random, _: dict[Path, bytes]) -> str:
    note = rng.choice(notes(vault))
    moved = vault / rng.choice(["Papers", "Projects", "Archive/Old"]) / note.name
    if moved.exists():
        return "moved nothing"
    moved.parent.mkdir(parents=True, exist_ok=True)
    note.rename(moved)
    return f"moved {note.name} to {moved.parent.name}"


def put_back(vault: Path, rng: random.Random, before: dict[Path, bytes]) -> str:
    if not before:
        return "put nothing back"
    note = rng.choice(sorted(before))
    note.parent.mkdir(parents=True, exist_ok=True)
    note.write_bytes(before.pop(note))
    return f"put {note.name} back as it was"


EDITS: list[Edit] = [add_definition, add_question, delete_note, copy_note, cut_note, move_note, put_back]


def export(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["export", *args, "--jobs", "1"])
    assert result.exit_code in (0, 3), result.output
    return result.exit_code, result.stdout


@pytest.mark.parametrize("seed", [1, 2])
def test_any_sequence_of_edits_gives_what_a_run_without_cache_gives(tmp_path: Path, seed: int) -> None:
    vault = tmp_path / "vault"
    make_vault(24, vault, seed)
    shutil.copytree(vault, tmp_path / "first")
    rng = random.Random(seed)
    before: dict[Path, bytes] = {}
    done = ["made"]
    export(str(vault), "-o", str(tmp_path / "cached.apkg"))  # the cache filled
    for step in range(7):
        done.append(rng.choice(EDITS)(vault, rng, before))
        listed = export(str(vault), "--dry-run", "--json", "--show-merges")  # the merges as kept, too
        assert listed == export(str(vault), "--dry-run", "--json", "--show-merges", "--no-cache"), done
        if step % 2:
            continue
        cached, uncached = tmp_path / f"cached{step}.apkg", tmp_path / f"uncached{step}.apkg"
        export(str(vault), "-o", str(cached))
        export(str(vault), "-o", str(uncached), "--no-cache")
        assert package_rows(cached) == package_rows(uncached), done
    shutil.rmtree(vault)
    shutil.copytree(tmp_path / "first", vault)  # every edit undone: the first run's rows serve again
    assert export(str(vault), "--dry-run", "--json") == export(str(vault), "--dry-run", "--json", "--no-cache")
