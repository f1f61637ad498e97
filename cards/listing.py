"""Cards -> what a person or a script reads before exporting. The only module that knows rich."""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Sequence
from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
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
        f"{result.merged} merged into others ({result.cards_before_merge} before merging)",
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


class ProgressBar:
    """A `progress(done, total)` callback for `pipeline.build`: a bar on the console, shown only
    once the run has taken `delay` seconds and only on a terminal. It never starts a thread
    (refreshed from the callback), so worker processes can be forked at any time."""

    def __init__(self, console: Console, delay: float = 1.0, label: str = "notes") -> None:
        self.console = console
        self.started = time.monotonic()
        self.delay = delay
        self.label = label
        self.bar: Progress | None = None
        self.task = 0
        self.shown = 0.0

    def __call__(self, done: int, total: int) -> None:
        now = time.monotonic()
        if self.bar is None:
            if not self.console.is_terminal or now - self.started < self.delay:
                return
            self.bar = Progress(
                TextColumn(self.label),
                BarColumn(),
                MofNCompleteColumn(),
                TimeRemainingColumn(),
                console=self.console,
                auto_refresh=False,
                transient=True,
            )
            self.bar.start()
            self.task = self.bar.add_task(self.label, total=total)
        self.bar.update(self.task, completed=done, total=total)
        if now - self.shown > 0.1 or done >= total:
            self.shown = now
            self.bar.refresh()

    def close(self) -> None:
        if self.bar is not None:
            self.bar.stop()
            self.bar = None
