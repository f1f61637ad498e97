"""Cards -> what a person or a script reads before exporting. The only module that knows rich."""

from __future__ import annotations

import json
import time
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from rich.console import Console
from rich.markup import escape as markup_escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table
from rich.text import Text

from .model import OPEN_TAG, Card, Kind, Problem
from .pipeline import Result
from .pool import gc_paused
from .select import IGNORE_FILE, Review
from .since import Status
from .terminal import inert, inert_json
from .topics import deck_of

CONTEXT_SEPARATOR = " › "
"""Between the parts of a card's context (title, headings, lead-in), as a breadcrumb reads."""


def escape(text: str) -> str:
    """Text for rich markup: inert (no control or bidi character reaches the terminal), markup escaped."""
    return markup_escape(inert(text))


KIND_STYLE = {"definition": "cyan", "cloze": "magenta", "question": "green", "basic": "yellow"}


def card_json(card: Card) -> dict[str, Any]:
    return {
        "id": card.id,
        "kind": str(card.kind),
        "front": card.front,
        "back": card.back,
        "context": list(card.context),
        "tags": list(card.tags),
        "deck": deck_of(card),
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
    with gc_paused():  # a dict or two per card: for a big vault, collections would walk them all again and again
        return {
            "vault": result.vault,
            "deck": result.deck,
            "cards": [card_json(c) for c in (result.cards if cards is None else cards)],
            "warnings": [problem_json(p) for p in result.problems],
        }


def json_text(listing: Mapping[str, Any]) -> str:
    """A JSON listing as text: a key per line, and a line per card or warning."""
    return "".join(json_chunks(listing))


def json_chunks(listing: Mapping[str, Any], per: int = 1024) -> Iterator[str]:
    """json_text in pieces of `per` cards or warnings, to write as they come: a big vault's
    listing is hundreds of megabytes as one string, and as many again encoded for output. Each
    line is made by json's C encoder; `indent=` would use the pure-Python one (seconds for a big
    vault, more than the rest of a cached run). One encoder for every line: `json.dumps` with an
    option makes a new one per call, a third of the time for a big vault."""
    encode = json.JSONEncoder(ensure_ascii=False).encode

    def compact(value: Any) -> str:
        return inert_json(encode(value))

    yield "{\n"
    for n, (key, value) in enumerate(listing.items()):
        head = (",\n" if n else "") + f" {compact(key)}: "
        if not (isinstance(value, list) and value):
            yield head + compact(value)
            continue
        yield head + "[\n  "
        for start in range(0, len(value), per):
            yield ("" if start == 0 else ",\n  ") + ",\n  ".join(map(compact, value[start : start + per]))
        yield "\n ]"
    yield "\n}"


def shorten(text: str, width: int = 120) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def open_summary(count: int, included: bool) -> str:
    """What happens to the open questions, for the dry-run summary and the export line."""
    if not count:
        return ""
    questions = "open question" if count == 1 else "open questions"
    if included:
        return f"{count} {questions} exported suspended, tagged {OPEN_TAG}"
    return f"{count} {questions} left out of the package (--include-open adds them, suspended)"


def summary(result: Result, cards: Sequence[Card], include_open: bool = False) -> str:
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
        parts.append(open_summary(open_count, include_open))
    found_count = sum(1 for c in cards if c.found_in is not None)
    if found_count:
        parts.append(f"{found_count} answers found in other passages")
    return "; ".join(parts)


TOPICS_SHOWN = 20


def topic_counts(cards: Sequence[Card]) -> list[tuple[str, int]]:
    """Each tag of the cards (their topics) with how many cards carry it, the most used first."""
    counts = Counter(t for c in cards for t in c.tags)
    return sorted(counts.items(), key=lambda item: (-item[1], item[0].casefold()))


def topics_summary(cards: Sequence[Card], shown: int = TOPICS_SHOWN) -> str:
    """`topics: graphs 30, ML_&_DL::Metrics 12, ... and 5 more` (filter with --tag), or nothing."""
    counts = topic_counts(cards)
    if not counts:
        return ""
    listed = ", ".join(f"{escape(tag)} {n}" for tag, n in counts[:shown])
    more = f" and {len(counts) - shown} more" if len(counts) > shown else ""
    return f"topics: {listed}{more}"


STATUS_STYLE = {Status.NEW: "bold green", Status.CHANGED: "bold yellow", Status.UNCHANGED: "dim", Status.GONE: "red"}


def _card_row(card: Card, status: Status | None) -> tuple[str, str]:
    style = KIND_STYLE.get(str(card.kind), "white")
    # a cloze asks with its own sentence: an empty back is the normal case, not a missing answer
    missing = "" if card.kind is Kind.CLOZE else "[dim](no answer in the notes)[/dim]"
    back = escape(shorten(card.back)) if card.back else missing
    where = ", ".join(f"{s.path}:{s.line}" for s in card.sources)
    tags = " ".join(card.tags)
    mark = f"[{STATUS_STYLE[status]}]{status}[/]  " if status else ""
    width = 240 if card.kind is Kind.CLOZE else 100  # a cloze's front is the whole card
    shown = card.shown_context  # the breadcrumb as Anki shows it: no heading that gives a gap away
    place = f"[dim]{escape(shorten(CONTEXT_SEPARATOR.join(shown), width))}[/dim]" if shown else ""
    lines = [
        place,
        f"{mark}[bold]{escape(shorten(card.front, width))}[/bold]",
        f"{back}{found_note(card)}",
        f"[dim]{card.id[:8]}  {escape(where)}{'  ' + escape(tags) if tags else ''}[/dim]",
    ]
    body = "\n".join(line for line in lines if line)
    return f"[{style}]{card.kind}[/{style}]", body


def _table(title: str) -> Table:
    table = Table(title=Text(inert(title), style="bold"), title_justify="left", show_header=False, expand=True)
    table.add_column("kind", no_wrap=True, width=10)
    table.add_column("card", ratio=1)
    return table


def print_listing(
    result: Result, cards: Sequence[Card], console: Console, review: Review | None = None, include_open: bool = False
) -> None:
    """Cards grouped by note: kind, short id, front, back (shortened), source and tags. Open
    questions are listed apart; with a previous package each card shows new/changed/unchanged
    and the cards gone since are listed last."""
    status = review.changes.status if review and review.changes else {}
    by_note: dict[str, list[Card]] = {}
    for card in cards:
        if not card.open:
            by_note.setdefault(card.source.path, []).append(card)
    for path, group in by_note.items():
        table = _table(path)
        for card in group:
            table.add_row(*_card_row(card, status.get(card.id)))
        console.print(table)
    open_cards = [c for c in cards if c.open]
    if open_cards:
        fate = f"exported suspended, tagged {OPEN_TAG}" if include_open else "not exported; --include-open adds them"
        table = _table(f"Open questions: no answer in the notes yet ({fate})")
        for card in open_cards:
            table.add_row(*_card_row(card, status.get(card.id)))
        console.print(table)
    if review and review.changes and review.changes.gone:
        table = _table(f"Gone since {review.previous}: no longer in the vault or left out (Anki keeps them)")
        for note in review.changes.gone:
            table.add_row("[red]gone[/red]", f"{escape(shorten(note.front_text, 100))}\n[dim]{note.id[:8]}[/dim]")
        console.print(table)
    console.print(summary(result, cards, include_open))
    if line := topics_summary(cards):
        console.print(line)
    if review and (line := review_summary(review)):
        console.print(line)


def review_summary(review: Review) -> str:
    """What the filters, the ignore file and the previous package did, in one line."""
    selection = review.selection
    parts = []
    if selection.filtered_out:
        parts.append(f"{len(selection.cards)} of {selection.total} cards match the filters")
    if selection.ignored:
        parts.append(f"{len(selection.ignored)} left out by {IGNORE_FILE}")
    if review.changes:
        counts = review.changes.counts()
        parts.append(f"since {inert(review.previous)}: " + ", ".join(f"{n} {s}" for s, n in counts.items()))
    return "; ".join(parts)


def review_json(result: Result, review: Review) -> dict[str, Any]:
    """The JSON listing of the selected cards, with each card's status and the cards gone when
    a previous package was given, and the ids left out by the ignore file."""
    out = as_json(result, review.selection.cards)
    out["left_out"] = [c.id for c in review.selection.ignored]
    out["topics"] = dict(topic_counts(review.selection.cards))
    if review.changes:
        for card in out["cards"]:
            status = review.changes.status.get(card["id"])
            card["status"] = str(status) if status else None  # None: not packaged (an open question)
        out["gone"] = [{"id": n.id, "front": n.front_text} for n in review.changes.gone]
        out["since"] = {"package": review.previous} | {str(s): n for s, n in review.changes.counts().items()}
    return out


# ---------------------------------------------------------------------------- merge groups


def merge_summary(result: Result) -> str:
    """`5 cards merged into 2` (from the groups merging made), or `nothing merged`."""
    merges = result.merges
    return f"{merges.joined} cards merged into {len(merges)}" if len(merges) else "nothing merged"


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
