"""List items the List Callouts plugin colours: the mark is no part of what the item says.

The plugin's default marks are always read as marks (the parse fixtures show them); the ones a
vault sets up itself (`$`, `~`) only where its settings say so, since elsewhere `- $ 5 a month` is a
price and `- ~ 3 hours` a guess.
"""

from __future__ import annotations

import json
from pathlib import Path

from cards.pipeline import Options, build

SETTINGS = Path(".obsidian/plugins/obsidian-list-callouts/data.json")
NOTE = "# Caches\n\n## Write-back\n\n- $ Dirty lines: lines changed in the cache but not yet in memory\n"


def vault(tmp_path: Path, settings: object | None) -> Path:
    tmp_path.mkdir(exist_ok=True)
    (tmp_path / "Caches.md").write_text(NOTE, encoding="utf-8")
    if settings is not None:
        (tmp_path / SETTINGS).parent.mkdir(parents=True)
        (tmp_path / SETTINGS).write_text(json.dumps(settings), encoding="utf-8")
    return tmp_path


UNCACHED = Options(cache=False)


def fronts(root: Path, options: Options = UNCACHED) -> list[str]:
    return [card.front for card in build(root, options).cards]


MARKS = [{"char": "$", "color": "176, 146, 226", "icon": "lucide-glasses"}, {"char": "&", "color": "255, 214, 0"}]


def test_a_mark_the_vaults_settings_name_is_dropped(tmp_path: Path) -> None:
    assert fronts(vault(tmp_path, MARKS)) == ["Dirty lines"]


def test_without_such_settings_the_mark_is_the_items_own(tmp_path: Path) -> None:
    assert fronts(vault(tmp_path, None)) == ["$ Dirty lines"]


def test_settings_that_cannot_be_read_are_no_settings(tmp_path: Path) -> None:
    assert fronts(vault(tmp_path, {"char": "$"})) == ["$ Dirty lines"]
    (tmp_path / SETTINGS).write_text("{not json", encoding="utf-8")
    assert fronts(tmp_path) == ["$ Dirty lines"]


def test_letters_and_bullets_are_never_marks(tmp_path: Path) -> None:
    (tmp_path / "Shell.md").write_text("# Shell\n\n- D Disk: where files are kept\n", encoding="utf-8")
    settings = [{"char": "D"}, {"char": "-"}, {"char": "$$"}]
    assert sorted(fronts(vault(tmp_path, settings))) == ["$ Dirty lines", "D Disk"]


def test_the_next_run_reads_changed_settings_through_the_cache(tmp_path: Path) -> None:
    root = vault(tmp_path / "vault", None)
    cached = Options(cache_dir=tmp_path / "cache")
    assert fronts(root, cached) == ["$ Dirty lines"]
    (root / SETTINGS).parent.mkdir(parents=True)
    (root / SETTINGS).write_text(json.dumps(MARKS), encoding="utf-8")
    assert fronts(root, cached) == ["Dirty lines"]
