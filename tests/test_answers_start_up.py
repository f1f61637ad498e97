"""bm25s is imported only when a vault's passages are indexed for answers: a command that finds
no answers (`--help`, `--no-find-answers`) does not pay its start-up."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

RUN = """
import json, sys
from cards.cli import main
try:
    main(sys.argv[1:], prog_name="notecards")
except SystemExit:
    pass
print(json.dumps("bm25s" in sys.modules), file=sys.stderr)
"""


def _imports_bm25s(*args: str) -> bool:
    done = subprocess.run([sys.executable, "-c", RUN, *args], capture_output=True, text=True, check=True)
    return bool(json.loads(done.stderr.strip().splitlines()[-1]))


@pytest.fixture
def notes(tmp_path: Path) -> Path:
    (tmp_path / "Dropout.md").write_text(
        "# Dropout\n\nDropout zeroes a random half of a layer's units at every training step.\n", encoding="utf-8"
    )
    (tmp_path / "Questions.md").write_text("# Questions\n\n- What does dropout zero?\n", encoding="utf-8")
    return tmp_path


def test_help_does_not_import_bm25s() -> None:
    assert not _imports_bm25s("--help")


def test_an_export_without_answers_does_not_import_bm25s(notes: Path) -> None:
    assert not _imports_bm25s("export", str(notes), "--dry-run", "--no-find-answers", "--no-cache")
    assert _imports_bm25s("export", str(notes), "--dry-run", "--no-cache")  # answers looked for: it is
