"""What the extractors share: which blocks may give cards, and how a card is made."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..model import Block, Card, Kind, Note, Source

# Sections whose content is a plan, not knowledge: no card ever comes from them.
_SILENT_SECTION = re.compile(
    r"^(goals?|to ?-?dos?|tasks?|action items?|next steps?|agenda|attendees|shopping( list)?|groceries"
    r"|references|links|bookmarks|backlinks|inspirations?|log)\b",
    re.I,
)
# Emoji, numbering and mojibake remnants before a heading's first real word.
_LEADING_JUNK = re.compile(r"^.*?(?=(?<!\S)(?:[^\W\d_]{2,}|q\s*&\s*a\b))", re.I)


def heading_words(title: str) -> str:
    """A heading's words without leading emoji, numbering or punctuation, lower-cased."""
    return _LEADING_JUNK.sub("", title).strip().lower()


def silent_section(block: Block) -> bool:
    return any(_SILENT_SECTION.match(heading_words(title)) for title in block.section)


def is_task(block: Block) -> bool:
    return block.kind == "item" and bool(block.meta.get("task"))


def prose_blocks(note: Note, quotes: bool = False) -> Iterator[Block]:
    """Paragraphs and list items a card may come from, in document order.

    Never: code, HTML, tasks, silent sections; quotes and callouts only when asked for.
    """

    def visit(blocks: tuple[Block, ...]) -> Iterator[Block]:
        for block in blocks:
            if block.kind in ("code", "html", "math", "table", "hr") or is_task(block) or silent_section(block):
                continue
            if block.kind in ("quote", "callout"):
                if quotes:
                    yield from visit(block.children)
                continue
            if block.kind in ("paragraph", "item"):
                yield block
            yield from visit(block.children)

    yield from visit(note.blocks)


def make_card(
    kind: Kind,
    front: str,
    back: str,
    note: Note,
    block: Block,
    rule: str,
    line: int | None = None,
    **extra: object,
) -> Card:
    return Card(
        kind=kind,
        front=front,
        back=back,
        sources=(Source(note.path, line if line is not None else block.line),),
        tags=block.tags,
        rule=rule,
        **extra,  # type: ignore[arg-type]
    )
