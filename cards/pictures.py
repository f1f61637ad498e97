"""Pictures go with the card they illustrate.

A note's picture on a line of its own (`![[x.png]]`, `![[x.png|400]]`, `![alt](img/x.png)`) is
no card, but it belongs to one: the card whose source line is the nearest above it in the same
section (the definition it follows, the question whose section it illustrates), or, when the
section has no card above it, the first card below it in that section. The picture is added to
that card's extra (shown under the answer) as a Markdown image, where export packs the file and
shows it; the card's front and back, and so the listing, stay as the notes wrote them. An open
question whose only answer is a picture is answered by it. A remote picture stays out: export
never loads one.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from .model import Card, Note
from .obsidian import IMAGE_SUFFIXES
from .text import card_markdown, inline_tokens

_FENCE = re.compile(r"^\s*(```|~~~)")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s")
_LEAD = re.compile(r"^\s*(?:>\s*)*(?:[-*+]\s+|\d+[.)]\s+)?")
_REMOTE = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:|//)", re.I)


def own_line_pictures(note: Note) -> list[tuple[int, str, int]]:
    """(line on disk, Markdown image, section number) of each local picture on a line of its own."""
    out: list[tuple[int, str, int]] = []
    fenced, section = "", 0
    for number, raw in enumerate(note.source_lines, start=1):
        fence = _FENCE.match(raw)
        if fence and (not fenced or fence.group(1) == fenced):
            fenced = "" if fenced else fence.group(1)
            continue
        if fenced:
            continue
        if _HEADING.match(raw):
            section += 1
            continue
        line = raw[_LEAD.match(raw).end() :].strip()  # type: ignore[union-attr]
        if line.startswith("!") and _only_local_pictures(line):
            out.append((number, card_markdown(line), section))
    return out


def _only_local_pictures(line: str) -> bool:
    seen = False
    for token in inline_tokens(line):
        if token.type == "embed" and str(token.meta["target"]).lower().endswith(IMAGE_SUFFIXES):
            seen = True
        elif token.type == "image" and not _REMOTE.match(str(token.attrs.get("src", ""))):
            seen = True
        elif token.type not in ("softbreak", "hardbreak") and not (token.type == "text" and not token.content.strip()):
            return False
    return seen


def _sections(note: Note) -> list[int]:
    """The section number of every line on disk (index 0 is line 1), as own_line_pictures counts."""
    out, fenced, section = [], "", 0
    for raw in note.source_lines:
        fence = _FENCE.match(raw)
        if fence and (not fenced or fence.group(1) == fenced):
            fenced = "" if fenced else fence.group(1)
        elif not fenced and _HEADING.match(raw):
            section += 1
        out.append(section)
    return out


def with_pictures(note: Note, cards: Sequence[Card]) -> list[Card]:
    """The note's cards, each with the pictures that illustrate it added to its answer."""
    pictures = own_line_pictures(note) if cards and any("![" in line for line in note.source_lines) else []
    if not pictures:
        return list(cards)
    section_of = _sections(note)
    lines = [card.source.line for card in cards]
    given: dict[int, list[str]] = {}
    for line, markdown, section in pictures:
        above = [i for i, at in enumerate(lines) if at < line and _section(section_of, at) == section]
        below = [i for i, at in enumerate(lines) if at > line and _section(section_of, at) == section]
        if above:
            owner = max(above, key=lambda i: lines[i])
        elif below:
            owner = min(below, key=lambda i: lines[i])
        else:
            continue
        given.setdefault(owner, []).append(markdown)
    out = list(cards)
    for i, images in given.items():
        card = out[i]
        shown = "\n".join((card.front, card.back, card.extra))
        new = [image for image in dict.fromkeys(images) if not any(t in shown for t in _TARGET.findall(image))]
        if not new:
            continue
        if card.open:  # the picture is the answer the notes give
            out[i] = replace(card, back="\n\n".join(new), open=False)
        else:
            out[i] = replace(card, extra="\n\n".join(filter(None, [card.extra, *new])))
    return out


_TARGET = re.compile(r"\]\(([^)\s]+)")


def _section(section_of: list[int], line: int) -> int:
    return section_of[line - 1] if 0 < line <= len(section_of) else -1
