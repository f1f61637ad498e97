"""Topics: what a card is about, as Anki tags, from where its note sits in the vault.

Three sources, each of which the user can turn off (pipeline.Options):
- the note's own tags (front matter and inline `#tags`, parse.py);
- the note's folder, as one hierarchical tag: `ML & DL/Metrics/Note.md` -> `ML_&_DL::Metrics`;
- the hub notes that link to it. A hub (a "map of content") is a note that is mostly a list of
  links to other notes: at least `HUB_MIN_LINKS` of its list items start with a link to another
  note of the vault, and they are at least `HUB_MIN_SHARE` of its list items. Its topic is its
  name (`graphs.md` -> `graphs`), carried by its own cards and the cards of every note it lists.
  Topics do not travel down a chain of hubs: a hub listed by a hub gets the outer hub's topic on
  its own cards, not on the notes it lists in turn.

Folder topics depend on the note's path alone, so they are made with the note's cards (and
cached with them); hub topics depend on other notes and are given in the vault-wide stage.
No topic is ever part of a card's id (model.card_id).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from urllib.parse import unquote

from .model import Block, Card, Note

HUB_MIN_LINKS = 5
"""Fewest list items led by a link to another note that make a note a hub."""
HUB_MIN_SHARE = 1 / 3
"""Least share of a hub's list items that are led by such a link."""

# What Anki will not keep in a tag: white space separates tags, `"` quotes them; control characters.
_NOT_IN_TAG = re.compile(r'["\x00-\x1f\x7f]')
_SPACES = re.compile(r"[\s\u3000]+")


def topic_part(name: str) -> str:
    """One folder or note name as one level of an Anki tag: white space runs become `_`, what
    Anki cannot keep in a tag goes (`"`, control characters), a `:` becomes `_` (`::` is Anki's
    level separator), Unicode in its composed form (a name from macOS and from Linux gives the
    same tag). Case and every other character are kept, so the name stays recognisable."""
    text = _SPACES.sub(" ", unicodedata.normalize("NFC", name)).strip()
    return _NOT_IN_TAG.sub("", text).replace(":", "_").replace(" ", "_").strip("_")


def folder_levels(path: str) -> tuple[str, ...]:
    """The folders of a vault-relative note path as tag levels (the vault root is none)."""
    return tuple(part for part in (topic_part(p) for p in path.split("/")[:-1]) if part)


def folder_topic(path: str) -> str:
    """`ML & DL/Metrics/Precision.md` -> `ML_&_DL::Metrics`; a note in the vault root has none."""
    return "::".join(folder_levels(path))


def with_topics(tags: Iterable[str], topics: Iterable[str]) -> tuple[str, ...]:
    """The tags, then each topic not among them yet (Anki's tags ignore case, and so does this)."""
    out: dict[str, str] = {}
    for tag in (*tags, *topics):
        if tag:
            out.setdefault(tag.casefold(), tag)
    return tuple(out.values())


def deck_of(card: Card) -> str:
    """The Anki deck a card goes into: its deck, or with subdecks `Deck::Folder::Subfolder`."""
    return f"{card.deck}::{card.subdeck}" if card.subdeck else card.deck


# ---------------------------------------------------------------------------- hubs


@dataclass(frozen=True, slots=True)
class Links:
    """What a note's list items link to, as much as hub finding needs (per note, cached)."""

    items: int = 0
    """List items with text."""
    led: tuple[str, ...] = ()
    """The targets of the links that start a list item, as written, in order, once each."""


# A list item starting (after at most a few marks: `**`, a quote) with a wikilink or a link to a note.
_LED_WIKILINK = re.compile(r"^[^\w\[!]{0,3}\[\[([^\[\]\n|]+?)(?:\|[^\[\]\n]*)?\]\]")
_LED_LINK = re.compile(r"^[^\w\[!]{0,3}\[[^\[\]\n]*\]\(<?([^()\s<>]+?\.(?:md|markdown))>?\)", re.I)


def note_links(note: Note) -> Links:
    items = [b for b in note.walk() if b.kind == "item" and b.text.strip()]
    return Links(len(items), tuple(dict.fromkeys(t for b in items if (t := _led_target(b)))))


def _led_target(block: Block) -> str:
    text = block.text.lstrip()
    if match := _LED_WIKILINK.match(text):
        return match.group(1).split("#", 1)[0].strip()
    if (match := _LED_LINK.match(text)) and "://" not in match.group(1):
        return unquote(match.group(1)).strip()
    return ""


class NoteNames:
    """Finds the note a link names, as Obsidian does: by its path (`Folder/Note`, from the vault
    root or from the linking note's folder) or by its name alone, case ignored, `.md` optional;
    of several notes with that name, the one with the shortest path."""

    def __init__(self, paths: Iterable[str]) -> None:
        self.by_path: dict[str, str] = {}
        self.by_name: dict[str, str] = {}
        for path in sorted(paths, key=lambda p: (p.count("/"), len(p), p)):
            stem = _stem(path)
            self.by_path.setdefault(stem, path)
            self.by_name.setdefault(stem.rsplit("/", 1)[-1], path)

    def find(self, target: str, linking: str) -> str | None:
        key = _stem(target.replace("\\", "/").lstrip("/"))
        if "/" not in key:
            return self.by_name.get(key)
        folder = linking.rsplit("/", 1)[0] + "/" if "/" in linking else ""
        return self.by_path.get(_normpath(folder + key)) or self.by_path.get(_normpath(key))


def _stem(path: str) -> str:
    return re.sub(r"\.(md|markdown)$", "", unicodedata.normalize("NFC", path), flags=re.I).casefold()


def _normpath(path: str) -> str:
    parts: list[str] = []
    for part in path.split("/"):
        if part == "..":
            if parts:
                parts.pop()
        elif part not in ("", "."):
            parts.append(part)
    return "/".join(parts)


# A hub named so is the vault's table of contents, not a topic (as the vault root is no folder topic).
_CONTENTS = re.compile(r"(?:index|home|readme|start(?:[ _-]?here)?|contents|table of contents|toc|dashboard|moc)", re.I)
# What marks a note as a map of content in its name: `MOC - Statistics`, `Statistics (MOC)`, `Map of Statistics`.
_MAP_MARK = re.compile(r"^\W*(?:MOC|map of(?: contents?)?)\b\W*|\W*\bMOC\W*$", re.I)


def hub_topic(path: str) -> str:
    """A hub's topic: its name (`Maps/Deep learning.md` -> `Deep_learning`, `MOC - Statistics.md`
    -> `Statistics`); none for a vault's contents page (`index.md`, `Home.md`, `README.md`)."""
    name = re.sub(r"\.(md|markdown)$", "", path.rsplit("/", 1)[-1], flags=re.I).strip()
    if _CONTENTS.fullmatch(name):
        return ""
    return topic_part(_MAP_MARK.sub("", name) or name)


def hubs(links: Mapping[str, Links]) -> dict[str, tuple[str, ...]]:
    """Each hub of the vault (by path) and the notes it lists (paths, itself not among them)."""
    names = NoteNames(links)
    found: dict[str, tuple[str, ...]] = {}
    for path, note in links.items():
        if len(note.led) < HUB_MIN_LINKS:
            continue
        listed = tuple(dict.fromkeys(p for t in note.led if (p := names.find(t, path)) and p != path))
        if len(listed) >= HUB_MIN_LINKS and len(listed) >= HUB_MIN_SHARE * note.items:
            found[path] = listed
    return found


def hub_topics(links: Mapping[str, Links]) -> dict[str, tuple[str, ...]]:
    """Each note's hub topics (by path): the topics of the hubs listing it, and a hub's own."""
    topics: dict[str, list[str]] = {}
    for hub, listed in sorted(hubs(links).items()):
        topic = hub_topic(hub)
        if not topic:
            continue
        for path in (hub, *listed):
            topics.setdefault(path, []).append(topic)
    return {path: tuple(found) for path, found in topics.items()}


def tag_with_hubs(cards: Sequence[Card], topics: Mapping[str, tuple[str, ...]]) -> list[Card]:
    """The cards, each with the hub topics of the note it comes from (cards are new values only
    where a topic is added)."""
    out: list[Card] = []
    for card in cards:
        found = topics.get(card.source.path)
        if found:
            tags = with_topics(card.tags, found)
            if tags != card.tags:
                card = replace(card, tags=tags)
        out.append(card)
    return out
