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
        "found": found_json(card),
    }


def found_json(card: Card) -> dict[str, Any] | None:
    """Where an answer found elsewhere in the notes came from, and how sure the finder was."""
    if card.found_in is None:
        return None
    return {"path": card.found_in.path, "line": card.found_in.line, "score": card.found_score}


def found_note(card: Card) -> str:
    """The listing's line under a found answer, so the user checks it before exporting."""
    if card.found_in is None:
        return ""
    where = f"{card.found_in.path}:{card.found_in.line}"
    return f"\n[yellow]answer found in {escape(where)}, score {card.found_score:.2f}: check it[/yellow]"


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
        f"{result.merged} merged into others ({result.cards_before_merge} before merging)",
    ]
    if open_count:
        parts.append(f"{open_count} open questions")
    found_count = sum(1 for c in cards if c.found_in is not None)
    if found_count:
        parts.append(f"{found_count} answers found in other passages")
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
                f"[bold]{escape(shorten(card.front, 100))}[/bold]\n{escape(back) if card.back else back}"
                f"{found_note(card)}\n"
                f"[dim]{card.id[:8]}  {escape(where)}{'  ' + escape(tags) if tags else ''}[/dim]"
            )
            table.add_row(f"[{style}]{card.kind}[/{style}]", body)
        console.print(table)
    console.print(summary(result, cards))
