"""A note's front matter: YAML read tolerantly, and the tags and lists it gives (parse.py)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

import frontmatter

from .model import Problem

_FENCE = re.compile(r"^(?:---|\.\.\.)[ \t]*$")
_RAW_PAIR = re.compile(r"^([A-Za-z_][\w -]{0,100}?)\s*+:\s*(.*)$")  # bounded: no quadratic backtracking
_TAG_WORD = re.compile(r"#?([^\s#,\[\]'\"]+)")


def split_front_matter(text: str) -> tuple[str | None, str, int]:
    """(front matter text or None, body, line on disk of the body's first line)."""
    if not text.startswith("---"):
        return None, text, 1
    lines = text.split("\n")
    if not re.fullmatch(r"---[ \t]*", lines[0]):
        return None, text, 1
    for i in range(1, len(lines)):
        if _FENCE.match(lines[i]):
            return "\n".join(lines[1:i]), "\n".join(lines[i + 1 :]), i + 2
    return None, text, 1


MAX_FRONT_MATTER_CHARS = 100_000
"""Front matter longer than this is not read as YAML (a pasted dump, not a note's properties)."""
MAX_FRONT_MATTER_EXPANDED = 1_000_000
"""What YAML front matter may expand to, in values and characters of text: aliases (`*a`) repeat
what an anchor (`&a`) names without copying it, so 400 bytes can stand for gigabytes (a "billion
laughs") that reading its tags would build. Past this it is not read as YAML."""


class _Refused(Exception):
    """Front matter not read as YAML, for the reason given."""


def _within(value: object, budget: int) -> bool:
    """Whether `value`, with every alias counted as many times as it is used, stays within
    `budget` (one for each value, and one for each character of text). Stops as soon as it is over."""
    todo = [value]
    while todo:
        item = todo.pop()
        budget -= 1 + (len(item) if isinstance(item, str | bytes) else 0)
        if budget < 0:
            return False
        if isinstance(item, Mapping):
            todo.extend(item.keys())
            todo.extend(item.values())
        elif isinstance(item, list | tuple | set):
            todo.extend(item)
    return True


def read_front_matter(raw: str, path: str) -> tuple[dict[str, Any], tuple[Problem, ...]]:
    """YAML front matter, tolerant of what is not YAML: values YAML loses (`Tags: #a/b`, read as a
    comment) or cannot read at all are recovered from the raw `Key: value` lines."""
    problems: list[Problem] = []
    refused = False
    try:
        if len(raw) > MAX_FRONT_MATTER_CHARS:
            raise _Refused(f"front matter is longer than {MAX_FRONT_MATTER_CHARS // 1000} KB")
        loaded = frontmatter.YAMLHandler().load(raw) if raw.strip() else {}
        if not _within(loaded, MAX_FRONT_MATTER_EXPANDED):
            raise _Refused("front matter repeats itself past 1 MB through YAML aliases")
        data: dict[str, Any] = dict(loaded) if isinstance(loaded, Mapping) else {}
        if not isinstance(loaded, Mapping) and loaded is not None:
            problems.append(Problem(path, 2, "front matter is not a mapping; read as key: value lines"))
    except _Refused as err:
        data, refused = {}, True
        problems.append(Problem(path, 1, f"{err}; not read as YAML, read as key: value lines"))
    except Exception as err:
        data = {}
        line = 2 + getattr(getattr(err, "problem_mark", None), "line", 0)
        line = min(line, 1 + max(1, len(raw.rstrip("\n").split("\n"))))  # YAML may point past the end
        problems.append(Problem(path, line, "front matter is not valid YAML; read as key: value lines"))
    for raw_line in raw.split("\n"):
        match = _RAW_PAIR.match(raw_line.strip())
        if not match:
            continue
        key, value = match.group(1).strip(), match.group(2).strip()
        if refused and value.startswith(("&", "*")):  # an anchor or an alias: YAML syntax, no value
            continue
        if value and data.get(key) in (None, ""):
            data[key] = value
    return {str(k): v for k, v in data.items()}, tuple(problems)


def anki_tag(tag: str) -> str:
    """`#ai/deeplearning` -> `ai::deeplearning`: no `#`, no spaces, hierarchy with `::`."""
    tag = tag.strip().lstrip("#").strip("/")
    tag = re.sub(r"\s+", "_", tag)
    return "::".join(part for part in tag.split("/") if part)


def front_matter_tags(data: Mapping[str, Any]) -> list[str]:
    found: list[str] = []
    for key, value in data.items():
        if key.lower() not in ("tags", "tag"):
            continue
        values = value if isinstance(value, list) else [value]
        for item in values:
            if item is None:
                continue
            found.extend(_TAG_WORD.findall(str(item)))
    return [t for t in (anki_tag(f) for f in found) if t]


def front_matter_list(data: Mapping[str, Any], *keys: str) -> list[str]:
    for key, value in data.items():
        if key.lower() in keys and value:
            values = value if isinstance(value, list) else str(value).split(",")
            return [str(v).strip() for v in values if str(v).strip()]
    return []
