"""Merge near-identical cards into one card that cites every note it came from."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace

from .model import Card, prompt_key


def merge_key(card: Card) -> tuple[str, str]:
    return (card.kind, prompt_key(card.front))


def merge_group(group: Sequence[Card]) -> Card:
    """One card from cards that ask the same thing: the first one's prompt and answer, every
    source, every tag; a different answer from another note is kept under the answer, with its note."""
    first = group[0]
    if len(group) == 1:
        return first
    sources = tuple(dict.fromkeys(s for c in group for s in c.sources))
    tags = tuple(dict.fromkeys(t for c in group for t in c.tags))
    seen = {prompt_key(first.back)}
    others: list[str] = [first.extra] if first.extra else []
    for card in group[1:]:
        key = prompt_key(card.back)
        if key and key not in seen:
            seen.add(key)
            others.append(f"{card.back}\n\n— {card.source.path}")
    back = first.back or next((c.back for c in group if c.back), "")
    return replace(
        first,
        back=back,
        sources=sources,
        tags=tags,
        extra="\n\n".join(others),
        open=first.open and not back,
    )


def merge(cards: Iterable[Card]) -> list[Card]:
    """Cards with the same kind and normalised prompt become one; order of first appearance kept."""
    groups: dict[tuple[str, str], list[Card]] = {}
    for card in cards:
        groups.setdefault(merge_key(card), []).append(card)
    return [merge_group(group) for group in groups.values()]
