"""Where genanki is used: only the module that writes packages knows it, so the listing, the filters
and `--since` (which read packages but write none) never load it."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

CARDS = Path(__file__).resolve().parents[1] / "cards"


def test_only_the_package_writer_imports_genanki() -> None:
    users = sorted(
        path.relative_to(CARDS).as_posix()
        for path in CARDS.rglob("*.py")
        if re.search(r"^\s*(?:import genanki|from genanki\b)", path.read_text(encoding="utf-8"), re.M)
    )
    assert users == ["export/package.py"]


def test_the_listing_and_the_filters_do_not_load_genanki() -> None:
    code = (
        "import sys, cards.listing, cards.select, cards.since; print(sorted(m for m in sys.modules if 'genanki' in m))"
    )
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=CARDS.parent)
    assert loaded.stdout == "[]\n"
