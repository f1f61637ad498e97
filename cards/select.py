"""Which cards a run lists and exports: the user's filters and the vault's `.notecardsignore`.

`.notecardsignore` sits in the vault root and is written by the user, never by the tool. Each line
is a card id (the 8-character short id the listing shows, or the full id) or a glob of note paths
relative to the vault (`Inbox/**`, `drafts`, `*.excalidraw.md`); `#` starts a comment.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .export import packaged_notes
from .model import Card, Problem
from .since import Changes, compare, read_package
from .topics import topic_part

IGNORE_FILE = ".notecardsignore"
_CARD_ID = re.compile(r"[0-9a-f]{8,16}", re.I)


@cache
def _glob(pattern: str) -> re.Pattern[str]:
    """A path glob as a regex: `*` and `?` stay within a folder, `**` crosses folders."""
    out: list[str] = []
    i = 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif pattern.startswith("**", i):
            out.append(".*")
            i += 2
        elif pattern[i] == "*":
            out.append("[^/]*")
            i += 1
        elif pattern[i] == "?":
            out.append("[^/]")
            i += 1
        elif pattern[i] == "[" and (end := pattern.find("]", i + 2)) > 0:
            body = pattern[i + 1 : end]
            out.append("[" + ("^" + body[1:] if body.startswith("!") else body).replace("\\", "\\\\") + "]")
            i = end + 1
        else:
            out.append(re.escape(pattern[i]))
            i += 1
    return re.compile("".join(out), re.I)


def source_matches(path: str, pattern: str) -> bool:
    """Whether a vault-relative note path matches a glob the way .gitignore patterns do: a pattern
    without `/` matches a file or folder name at any depth; with `/` it is anchored at the vault
    root; a folder matches everything under it. Case is ignored."""
    pattern = pattern.strip()
    anchored = "/" in pattern.rstrip("/")
    regex = _glob(pattern.strip("/"))
    parts = path.split("/")
    if anchored:
        return any(regex.fullmatch("/".join(parts[:n])) for n in range(1, len(parts) + 1))
    return any(regex.fullmatch(part) for part in parts)


def _tag_key(tag: str) -> str:
    """A tag as the user wrote it (`#ai/dl`, `ml::vision`, a folder path `ML & DL/Metrics`), as the
    cards' tags spell it (`ML_&_DL::Metrics`, topics.topic_part), case folded."""
    return "::".join(p for p in (topic_part(p) for p in re.split(r"/|::", tag.strip().lstrip("#"))) if p).casefold()


@dataclass(frozen=True, slots=True)
class Filters:
    """What the user asked to see. Values of one option are alternatives; options combine."""

    kinds: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    """`ml` also matches the tags under it (`ml::vision`); `#ai/dl` is read as `ai::dl`."""
    grep: tuple[str, ...] = ()
    """Text looked for, case ignored, in the front, back and extra of a card."""
    sources: tuple[str, ...] = ()
    """Globs of note paths; a merged card matches when any of its notes does."""

    def __bool__(self) -> bool:
        return bool(self.kinds or self.tags or self.grep or self.sources)

    def matches(self, card: Card) -> bool:
        if self.kinds and str(card.kind) not in self.kinds:
            return False
        if self.tags:
            wanted = [_tag_key(t) for t in self.tags]
            have = [t.casefold() for t in card.tags]
            if not any(h == w or h.startswith(w + "::") for w in wanted for h in have):
                return False
        if self.grep:
            text = "\n".join((card.front, card.back, card.extra)).casefold()
            if not any(g.casefold() in text for g in self.grep):
                return False
        return not self.sources or any(source_matches(s.path, g) for s in card.sources for g in self.sources)


@dataclass(frozen=True, slots=True)
class IgnoreRule:
    text: str
    line: int

    @property
    def is_id(self) -> bool:
        return bool(_CARD_ID.fullmatch(self.text))

    def leaves_out(self, card: Card) -> bool:
        if self.is_id:
            return card.id.startswith(self.text.lower())
        return all(source_matches(s.path, self.text) for s in card.sources)


@dataclass(frozen=True, slots=True)
class Ignore:
    """The rules of a vault's `.notecardsignore` (none when the file is absent)."""

    rules: tuple[IgnoreRule, ...] = ()
    """A card is left out by its id, or when every note it comes from matches a glob."""


def parse_ignore(text: str) -> Ignore:
    rules = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = re.sub(r"(^|\s)#.*$", "", raw).strip()
        if line:
            rules.append(IgnoreRule(line, number))
    return Ignore(tuple(rules))


def read_ignore(vault: Path) -> Ignore:
    path = vault / IGNORE_FILE
    try:
        return parse_ignore(path.read_text(encoding="utf-8-sig", errors="replace"))
    except FileNotFoundError:
        return Ignore()


@dataclass(frozen=True, slots=True)
class Selection:
    """The cards a run lists and exports, and what was kept out of it."""

    cards: tuple[Card, ...]
    total: int
    """Cards the vault gives before filters and ignore rules."""
    ignored: tuple[Card, ...] = ()
    problems: tuple[Problem, ...] = ()
    """Ignore rules that match no card (a stale id, a mistyped glob)."""

    @property
    def filtered_out(self) -> int:
        return self.total - len(self.cards) - len(self.ignored)


def select_cards(cards: Sequence[Card], filters: Filters = Filters(), ignore: Ignore = Ignore()) -> Selection:
    used: set[int] = set()
    kept: list[Card] = []
    ignored: list[Card] = []
    for card in cards:
        hits = [rule.line for rule in ignore.rules if rule.leaves_out(card)]
        used.update(hits)
        if hits:
            ignored.append(card)
        elif filters.matches(card):
            kept.append(card)
    stale = _unused(ignore.rules, used)
    return Selection(tuple(kept), len(cards), tuple(ignored), tuple(stale))


def _unused(rules: Iterable[IgnoreRule], used: set[int]) -> list[Problem]:
    return [Problem(IGNORE_FILE, rule.line, f"matches no card: {rule.text}") for rule in rules if rule.line not in used]


@dataclass(frozen=True, slots=True)
class Review:
    """What the listing shows: the selection and, with a previous package, what changed since."""

    selection: Selection
    changes: Changes | None = None
    previous: str = ""
    """The previous package, as the user named it."""


def review(cards: Sequence[Card], vault: Path, filters: Filters = Filters(), since: Path | None = None) -> Review:
    """Filters and `.notecardsignore` applied; with `since`, each card's status against that
    package. Raises SinceError when the package cannot be read."""
    selection = select_cards(cards, filters, read_ignore(vault))
    if since is None:
        return Review(selection)
    previous = read_package(since)
    ignored = {c.id for c in selection.ignored}
    present = [c.id for c in cards if c.id not in ignored]
    changes = compare(selection.cards, previous, packaged_notes(vault), also_present=present)
    return Review(selection, changes, str(since))
