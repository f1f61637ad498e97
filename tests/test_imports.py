"""Data flows one way through the package (read -> parse -> extract -> answer -> merge -> export):
no module imports, directly or round about, a module that imports it, and none hides such a
circle from Python by importing inside a function."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

import cards

PACKAGE = Path(cards.__file__).parent


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def imported(node: ast.Import | ast.ImportFrom, module: str, is_package: bool) -> Iterator[str]:
    """The modules of the package an import statement in `module` loads."""
    if isinstance(node, ast.Import):
        yield from (alias.name for alias in node.names if alias.name in MODULES)
        return
    if node.level:
        base = module.split(".") if is_package else module.split(".")[:-1]
        base = base[: len(base) - node.level + 1]
        prefix = ".".join(base + ([node.module] if node.module else []))
    else:
        prefix = node.module or ""
    for alias in node.names:
        name = f"{prefix}.{alias.name}"
        if name in MODULES:
            yield name  # `from . import store`: the module itself
        elif prefix in MODULES:
            yield prefix


def imports(module: str) -> tuple[set[str], list[str]]:
    """What `module` imports when it is loaded (outside `if TYPE_CHECKING:`), and the imports it
    makes inside functions, as `module:line -> target`."""
    path = MODULES[module]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    at_load: set[str] = set()
    inside: list[str] = []

    def walk(node: ast.AST, in_function: bool, typing_only: bool) -> None:
        for child in ast.iter_child_nodes(node):
            function = in_function or isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda)
            typing = typing_only or (isinstance(child, ast.If) and "TYPE_CHECKING" in ast.unparse(child.test))
            if isinstance(child, ast.Import | ast.ImportFrom):
                for target in imported(child, module, path.name == "__init__.py"):
                    if function:
                        inside.append(f"{module}:{child.lineno} -> {target}")
                    elif not typing:
                        at_load.add(target)
            walk(child, function, typing)

    walk(tree, False, False)
    return at_load, inside


GRAPH = {module: imports(module) for module in MODULES}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The circles of the graph: its strongly connected components of more than one module
    (Tarjan), and any module that imports itself."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for other in sorted(graph[node]):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            component = []
            while True:
                other = stack.pop()
                component.append(other)
                if other == node:
                    break
            if len(component) > 1 or node in graph[node]:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_the_walk_sees_the_imports_it_should() -> None:
    """The graph is not empty by mistake: the pipeline's own imports are in it."""
    pipeline, _ = GRAPH["cards.pipeline"]
    assert {"cards.work", "cards.store", "cards.pool", "cards.model", "cards.extract"} <= pipeline
    assert "cards.store.db" in GRAPH["cards.store.kept"][0]


def test_no_module_imports_round_in_a_circle() -> None:
    """Counting the imports made inside functions too: they close a circle all the same."""
    late = {module: {line.split(" -> ")[1] for line in inside} for module, (_, inside) in GRAPH.items()}
    assert cycles({module: at_load | late[module] for module, (at_load, _) in GRAPH.items()}) == []


def test_no_module_of_the_package_is_imported_inside_a_function() -> None:
    assert [line for _, inside in GRAPH.values() for line in inside] == []


@pytest.mark.parametrize(
    ("graph", "expected"),
    [
        ({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}, [["a", "b", "c"]]),
        ({"a": {"a"}}, [["a"]]),
        ({"a": {"b"}, "b": set()}, []),
    ],
)
def test_cycles_finds_circles(graph: dict[str, set[str]], expected: list[list[str]]) -> None:
    assert cycles(graph) == expected
