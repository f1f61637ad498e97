"""Cards -> what a person or a script reads before exporting. The only module that knows rich."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from .model import Card, Problem
from .pipeline import Result

KIND_STYLE = {"definition": "cyan", "cloze": "magenta", "question": "green", "basic": "yellow"}


def card_json(card: Card) -> dict[str, Any]:
    return {
        "id": card.id,
        "kind": str(card.kind),
        "front": card.front,
        "back": card.back,
        "tags": list(card.tags),
        "deck": card.deck,
        "sources": [{"path": s.path, "line": s.line} for s in card.sources],
        "open": card.open,
        "rule": card.rule,
    }


def problem_json(problem: Problem) -> dict[str, Any]:
    return {"path": problem.path, "line": problem.line, "message": problem.message}


def as_json(result: Result, cards: Sequence[Card] | None = None) -> dict[str, Any]:
    """The JSON listing of ../shared/DESIGN.md."""
    return {
        "vault": result.vault,
        "deck": result.deck,
        "cards": [card_json(c) for c in (result.cards if cards is None else cards)],
        "warnings": [problem_json(p) for p in result.problems],
    }


def shorten(text: str, width: int = 120) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def summary(result: Result, cards: Sequence[Card]) -> str:
    kinds = Counter(str(c.kind) for c in cards)
    per_kind = ", ".join(f"{kinds[k]} {k}" for k in ("definition", "question", "cloze", "basic") if kinds[k])
    open_count = sum(1 for c in cards if c.open)
    parts = [
        f"{len(cards)} cards ({per_kind or 'none'})",
        f"{result.notes_read} notes read",
        f"{result.notes_skipped} skipped",
        merge_summary(result),
    ]
    if open_count:
        parts.append(f"{open_count} open questions")
    return "; ".join(parts)


def print_listing(result: Result, cards: Sequence[Card], console: Console) -> None:
    """Cards grouped by note: kind, short id, front, back (shortened), source and tags."""
    by_note: dict[str, list[Card]] = {}
    for card in cards:
        by_note.setdefault(card.source.path, []).append(card)
    for path, group in by_note.items():
        table = Table(title=Text(path, style="bold"), title_justify="left", show_header=False, expand=True)
        table.add_column("kind", no_wrap=True, width=10)
        table.add_column("card", ratio=1)
        for card in group:
            style = KIND_STYLE.get(str(card.kind), "white")
            back = shorten(card.back) if card.back else "[dim](no answer in the notes)[/dim]"
            where = ", ".join(f"{s.path}:{s.line}" for s in card.sources)
            tags = " ".join(card.tags)
            body = (
                f"[bold]{escape(shorten(card.front, 100))}[/bold]\n{escape(back) if card.back else back}\n"
                f"[dim]{card.id[:8]}  {escape(where)}{'  ' + escape(tags) if tags else ''}[/dim]"
            )
            table.add_row(f"[{style}]{card.kind}[/{style}]", body)
        console.print(table)
    console.print(summary(result, cards))


# ---------------------------------------------------------------------------- merge groups


def merge_summary(result: Result) -> str:
    """`5 cards merged into 2` (from the groups merging made), or `nothing merged`."""
    joined = sum(len(group) for group in result.merges)
    return f"{joined} cards merged into {len(result.merges)}" if result.merges else "nothing merged"


def merges_json(result: Result) -> list[dict[str, Any]]:
    """Each merge group: the card it became (id, front) and the cards it joined, leading card first."""
    by_lead = {(c.kind, c.source): c for c in result.cards}
    out = []
    for group in result.merges:
        merged = by_lead.get((group[0].kind, group[0].source))
        out.append(
            {
                "id": merged.id if merged else group[0].id,
                "front": merged.front if merged else group[0].front,
                "cards": [
                    {"kind": str(c.kind), "front": c.front, "path": c.source.path, "line": c.source.line} for c in group
                ],
            }
        )
    return out


def print_merges(result: Result, console: Console) -> None:
    """The merge groups for review: the card each group became, then the cards it joined."""
    for group in merges_json(result):
        console.print(f"[bold]{escape(shorten(group['front'], 100))}[/bold] [dim]{group['id'][:8]}[/dim]")
        for card in group["cards"]:
            style = KIND_STYLE.get(card["kind"], "white")
            front, where = escape(shorten(card["front"], 70)), escape(f"{card['path']}:{card['line']}")
            console.print(f"  [{style}]{card['kind']:<10}[/{style}] {front}  [dim]{where}[/dim]")
