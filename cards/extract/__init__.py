"""The extractors: a registry of small named rules, each `rule(note) -> Iterable[Card]`.

Rules live one family per module in this package and register themselves with `@rule`. When two
rules propose cards from the same line, the rule with the lower `priority` number wins: an explicit
`Q::A` card is not also read as a `Term: meaning` definition.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from ..model import Card, Kind, Note
from ._context import context_of, places, stand_alone

RuleFunc = Callable[[Note], Iterable[Card]]


@dataclass(frozen=True, slots=True)
class Rule:
    name: str
    func: RuleFunc
    priority: int


RULES: dict[str, Rule] = {}


def rule(name: str, priority: int = 50) -> Callable[[RuleFunc], RuleFunc]:
    """Register an extractor under `name`."""

    def register(func: RuleFunc) -> RuleFunc:
        if name in RULES:
            raise ValueError(f"extractor {name!r} registered twice")
        RULES[name] = Rule(name, func, priority)
        return func

    return register


def _load_rules() -> None:
    for module in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if not module.name.startswith("_"):
            importlib.import_module(f"{__name__}.{module.name}")


def select(names: Sequence[str] | None = None) -> list[Rule]:
    """The rules to run, by name (all when names is None), in priority order."""
    if not RULES:
        _load_rules()
    if names is None:
        chosen = list(RULES.values())
    else:
        unknown = [n for n in names if n not in RULES]
        if unknown:
            raise KeyError(f"unknown extractor: {', '.join(unknown)} (known: {', '.join(sorted(RULES))})")
        chosen = [RULES[n] for n in names]
    return sorted(chosen, key=lambda r: (r.priority, r.name))


def note_opted_out(note: Note) -> bool:
    """Front matter `notecards: false`, a `#nocards` tag, or an Excalidraw drawing."""
    if note.path.lower().endswith(".excalidraw.md") or "excalidraw-plugin" in note.front_matter:
        return True
    flag = next((v for k, v in note.front_matter.items() if k.lower() == "notecards"), True)
    if flag is False or str(flag).strip().lower() in ("false", "no", "off", "0"):
        return True
    return any(t.lower() == "nocards" for t in note.tags)


_WORD = re.compile(r"[^\W_]")


def extract(note: Note, rules: Sequence[Rule] | None = None) -> list[Card]:
    """All cards of one note, one rule's cards per source line (a card's `claims` lines included)."""
    if note_opted_out(note):
        return []
    claimed: dict[int, str] = {}
    cards: list[Card] = []
    for r in rules if rules is not None else select():
        for card in r.func(note):
            if not _WORD.search(card.front):
                continue  # a prompt of nothing but markup or punctuation (`??`): no card, no line claimed
            if card.kind is Kind.DEFINITION and not _WORD.search(card.back):
                continue  # a term "defined" by punctuation (`Term` / `: ??`) teaches nothing
            owner = claimed.setdefault(card.source.line, r.name)
            # `#nocards` under a heading skips that section (note-level tags reach every block)
            if owner == r.name and not any(t.lower() == "nocards" for t in card.tags):
                cards.append(card)
                for line in card.claims:
                    claimed.setdefault(line, r.name)
    return finished(note, cards)


def finished(note: Note, cards: list[Card]) -> list[Card]:
    """Every candidate card through the one final check, with its context, in line order."""
    where = places(note)
    contexts: dict[int, tuple[str, ...]] = {}  # one Place per block, shared by its lines and cards
    out: list[Card] = []
    for card in cards:
        place = where.get(card.source.line)
        key = id(place)
        if key not in contexts:
            contexts[key] = context_of(note, place)
        done = stand_alone(card, contexts[key], place)
        if done is not None:
            out.append(done)
    out.sort(key=lambda c: c.source.line)
    return out
