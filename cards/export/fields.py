"""A card's note as the package stores it: its fields as HTML and its tags, and which cards go
into a package at all."""

from __future__ import annotations

import html
import re
from collections.abc import Callable, MutableMapping, Sequence
from functools import lru_cache
from pathlib import Path
from urllib.parse import quote

from ..model import FOUND_TAG, OPEN_TAG, Card, Kind, Problem
from ..since import PackagedNote
from ..tex import safe_math
from .html import cloze_html, front_markdown, sanitize, shown_extra, to_html
from .media import MediaIndex, with_media
from .notetypes import NOTE_TYPES, note_type_key


def source_html(card: Card, vault_name: str) -> str:
    links = [f"{_source_link(vault_name, s.path)}:{s.line}</a>" for s in card.sources]
    # Every part is escaped above, so this is already what sanitize() would return (tested):
    # not sanitizing it again saves a third of the time of re-writing an unchanged vault.
    links_html = " · ".join(links)
    return links_html if links_html.isprintable() else sanitize(links_html)


@lru_cache(maxsize=1 << 16)
def _source_link(vault_name: str, path: str) -> str:
    """A link opening the note in Obsidian, without its closing line number and tag: a vault
    has many cards per note, and quoting the path for each was a fifth of writing a package."""
    url = f"obsidian://open?vault={quote(vault_name)}&file={quote(path)}"
    return f'<a href="{html.escape(url)}">{html.escape(path, quote=False)}'


def found_hint(card: Card) -> str:
    """The Hint field of a card whose answer was found elsewhere in the notes, not written under it."""
    if card.found_in is None:
        return ""
    where = f"{card.found_in.path}:{card.found_in.line}"
    text = f"Answer found in the notes at {where} (score {card.found_score:.2f}), not written under the question."
    return html.escape(text)


def note_fields(
    card: Card,
    vault_name: str,
    media: MediaIndex,
    problems: list[Problem],
    rendered: MutableMapping[str, str] | None = None,
) -> list[str]:
    """The note's fields in the order of FIELDS, as HTML (`rendered`: see html.to_html)."""
    if card.kind == Kind.CLOZE:
        front = cloze_html(card.front, rendered)
    else:
        front = to_html(front_markdown(card), rendered)
    fields = [
        with_media(front, card, media, problems),
        with_media(to_html(card.back, rendered), card, media, problems),
        with_media(to_html(shown_extra(card), rendered), card, media, problems),
        source_html(card, vault_name),
        found_hint(card),
        context_html(card),
    ]
    return [safe_math(field) for field in fields]  # no active TeX (`\href`, `\style`...) in any field


def context_html(card: Card) -> str:
    """The card's place in its note, as a breadcrumb: title › headings › lead-in; a heading's
    formula (`$\\beta$`) shown as MathJax, as in the prompt."""
    return '<span class="sep">›</span>'.join(_with_math(part) for part in card.shown_context)


_INLINE_MATH = re.compile(r"\$([^$\n]+)\$")


def _with_math(part: str) -> str:
    out, last = [], 0
    for match in _INLINE_MATH.finditer(part):
        out.append(html.escape(part[last : match.start()], quote=False))
        out.append(f"\\({html.escape(match.group(1), quote=False)}\\)")
        last = match.end()
    out.append(html.escape(part[last:], quote=False))
    return "".join(out)


def packaged_cards(cards: Sequence[Card], include_open: bool = False) -> tuple[list[Card], int]:
    """The cards a package holds, and how many open questions were left out of it: a question the
    notes do not answer has an empty back, a to-do for the note-taker rather than a flashcard, so
    it travels only when asked for (suspended and tagged OPEN_TAG)."""
    kept = [card for card in cards if include_open or not card.open]
    return kept, len(cards) - len(kept)


def note_tags(card: Card) -> list[str]:
    return list(card.tags) + ([OPEN_TAG] if card.open else []) + ([FOUND_TAG] if card.found_in else [])


def packaged_notes(vault: Path) -> Callable[[Card], PackagedNote]:
    """What `write_package` would store for a card, computed without writing anything."""
    media, name = MediaIndex(vault), vault.resolve().name

    def note_of(card: Card) -> PackagedNote:
        fields = note_fields(card, name, media, [])
        return PackagedNote(card.id, NOTE_TYPES[note_type_key(card)].model_id, tuple(fields), tuple(note_tags(card)))

    return note_of
