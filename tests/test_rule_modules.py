"""A rule module imports helpers, never another rule module: rules can be read, moved or dropped
one at a time."""

from __future__ import annotations

import ast
from pathlib import Path

import cards.extract

PACKAGE = Path(cards.extract.__file__).parent


def _imported_siblings(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            if node.module:
                found.add(node.module.split(".")[0])
            else:
                found.update(alias.name for alias in node.names)
    return found


def test_rule_modules_import_only_helper_modules() -> None:
    rules = {p.stem for p in PACKAGE.glob("*.py") if not p.stem.startswith("_")}
    assert "questions" in rules and "title" in rules
    crossing = {
        f"{path.stem} imports {', '.join(sorted(_imported_siblings(path) & rules))}"
        for path in sorted(PACKAGE.glob("*.py"))
        if path.stem != "__init__" and _imported_siblings(path) & rules
    }
    assert crossing == set()


def test_helper_modules_import_no_rule_module() -> None:
    rules = {p.stem for p in PACKAGE.glob("*.py") if not p.stem.startswith("_")}
    helpers = [p for p in PACKAGE.glob("_*.py") if p.stem != "__init__"]
    assert {p.stem for p in helpers} >= {"_common", "_view", "_terms", "_questions", "_title"}
    assert {p.stem: _imported_siblings(p) & rules for p in helpers} == {p.stem: set() for p in helpers}
