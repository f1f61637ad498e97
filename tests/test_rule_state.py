"""The rules keep no state between notes: what they share about a note lives on its NoteView."""

from __future__ import annotations

import ast
from pathlib import Path

import cards.extract
from cards.extract import extract
from cards.model import NoteFile
from cards.parse import parse_note

PACKAGE = Path(cards.extract.__file__).parent
MUTABLE = (ast.Dict, ast.List, ast.Set, ast.DictComp, ast.ListComp, ast.SetComp)
# Tables the rules only read are frozensets, tuples or MappingProxyType: anything else could be written to.
MUTABLE_CALLS = frozenset({"dict", "list", "set", "defaultdict", "OrderedDict", "Counter", "deque"})


def _module_level_values(tree: ast.Module) -> list[tuple[str, ast.expr]]:
    found: list[tuple[str, ast.expr]] = []
    for node in tree.body:
        if isinstance(node, ast.Assign) and node.value is not None:
            found.extend((ast.unparse(t), node.value) for t in node.targets)
        elif isinstance(node, ast.AnnAssign) and node.value is not None:
            found.append((ast.unparse(node.target), node.value))
    return found


def _mutable(value: ast.expr) -> bool:
    if isinstance(value, MUTABLE):
        return True
    return isinstance(value, ast.Call) and isinstance(value.func, ast.Name) and value.func.id in MUTABLE_CALLS


def test_no_module_of_the_rules_keeps_mutable_state() -> None:
    problems: list[str] = []
    for path in sorted(PACKAGE.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, (ast.Global, ast.Nonlocal)):
                problems.append(f"{path.name}:{node.lineno}: {type(node).__name__.lower()} {', '.join(node.names)}")
        for name, value in _module_level_values(tree):
            if _mutable(value):
                problems.append(f"{path.name}:{value.lineno}: module-level {name} is mutable")
    assert problems == []


def test_the_same_note_twice_and_another_between_give_the_same_cards() -> None:
    # A memo of "the last note" would hand the second note the first one's blocks if it went by
    # the wrong key; two notes of the same path and shape but other words must not share anything.
    first = parse_note(
        NoteFile(path="Terms.md", text="- Latency: the time a request waits\n- Jitter: how latency varies\n")
    )
    other = parse_note(
        NoteFile(path="Terms.md", text="- Throughput: requests served a second\n- Backlog: requests queued\n")
    )
    alone = extract(other)
    extract(first)
    assert extract(other) == alone
    assert [c.front for c in alone] == ["Throughput", "Backlog"]
