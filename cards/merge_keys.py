"""The keys the merge stage compares cards by, and the aliases that map one key to another
(merge.py: "Which cards are one idea")."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache

from .aliases import expansion, is_acronym, unmark
from .model import Card, Kind, prompt_key

_CLOZE = re.compile(r"\{\{c\d+::(.{0,1000}?)\}\}", re.S)  # the hint (`::hint`) is cut after: no backtracking
_ASKING = re.compile(
    r"^(?:(?:what|who)\s*(?:is|are|'s|’s|was|were)\s+|define\s+|definition\s+of\s+|explain\s+|describe\s+)"
    r"|^(?:a|an|the)\s+",
    re.I,
)
_ASKING_WORDS = {"define", "definition", "explain", "describe", "a", "an", "the"}
_MEANING = re.compile(r"^what\s+(?:does|do)\s+(.+?)\s+mean$", re.I)
_END = re.compile(r"[\s?:.!;,]+$")
_NON_WORD = re.compile(r"[^\w]+")


@lru_cache(maxsize=1 << 18)
def _term_text(front: str) -> str:
    """The front without marks, question words, articles and end punctuation, case kept."""
    text, prev = unmark(front), ""
    first = text[:11].split(" ", 1)[0].casefold()
    if text[-1:].isalnum() and first not in _ASKING_WORDS and not first.startswith(("what", "who")):
        return text  # nothing to peel: most fronts are a bare term
    for _ in range(4):  # `What is the ...`: a few layers at most, never a loop over a long text
        if text == prev:
            break
        prev = text
        text = _END.sub("", text)
        meaning = _MEANING.match(text)
        text = meaning.group(1) if meaning else _ASKING.sub("", text).strip()
    return text


def _fold(text: str) -> str:
    words = _NON_WORD.sub(" ", text.casefold().replace("_", " ")).split()
    if words:
        words[-1] = _singular(words[-1])
    return " ".join(words)


def _singular(word: str) -> str:
    if len(word) <= 3 or not word.isalpha():
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "shes", "ches", "xes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is", "ys", "as", "os")):
        return word[:-1]
    return word


@lru_cache(maxsize=1 << 18)
def term_key(front: str) -> str:
    """The prompt as the merge stage compares it: `What's an **Overfitting**?` -> `overfitting`."""
    text = _term_text(front)
    pair = expansion(text) if "(" in text and len(text) < 200 else None
    return _fold(pair[0] if pair else text)


def own_term(card: Card) -> str:
    """A one-word definition's term without the note's title the final check put before it:
    "Hashicorp Vault: barrier" is keyed as "barrier", and the merge tells one-word terms' senses
    apart by their places (`senses.py`); a longer term keeps the title in its key, as nothing
    else would keep "Erdős–Rényi model: degree distribution" from any other degree distribution."""
    head, sep, rest = card.front.partition(": ")
    if (
        sep
        and rest
        and " " not in rest.strip()
        and card.kind is Kind.DEFINITION
        and len(card.context) >= 2  # a term inside a section: the ones senses.py tells apart
        and prompt_key(head) == prompt_key(card.context[0])
    ):
        return rest
    return card.front


@lru_cache(maxsize=1 << 18)
def _folded(text: str) -> str:
    return prompt_key(text)


@lru_cache(maxsize=1 << 18)
def cloze_key(front: str) -> str:
    return prompt_key(unmark(_CLOZE.sub(lambda m: m.group(1).split("::", 1)[0], front)))


def _acronym_front(card: Card) -> str | None:
    return None if card.kind is Kind.CLOZE else _acronym(card.front)


@lru_cache(maxsize=1 << 18)
def _acronym(front: str) -> str | None:
    text = _term_text(front)
    return text if len(text) <= 10 and is_acronym(text) else None


def _initials(key: str) -> str:
    return "".join(w[0] for w in key.split() if w not in ("of", "the", "and", "for", "to", "in", "on", "a", "an"))


def alias_map(pairs: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Short key -> long key, from (short name, long name) pairs; a short name with two different
    long forms means nothing and is dropped; chains (`DQN` -> `Deep Q-Network (DQN)`) are followed."""
    found: dict[str, set[str]] = {}
    for short, long in pairs:
        short_key, long_key = term_key(short), term_key(long)
        if short_key and long_key and short_key != long_key:
            found.setdefault(short_key, set()).add(long_key)
    direct = {k: next(iter(v)) for k, v in found.items() if len(v) == 1}
    resolved: dict[str, str] = {}
    for key, target in direct.items():
        seen = {key}
        while target in direct and target not in seen:
            seen.add(target)
            target = direct[target]
        if target != key:
            resolved[key] = target
    return resolved


def _inferred_aliases(cards: Sequence[Card], keys: Sequence[str], known: dict[str, str]) -> dict[str, str]:
    """`AI` -> `artificial intelligence` when exactly one term of the cards has those initials."""
    terms = {k for c, k in zip(cards, keys, strict=True) if c.kind in (Kind.DEFINITION, Kind.BASIC) and " " in k}
    by_initials: dict[str, set[str]] = {}
    for key in terms:
        by_initials.setdefault(_initials(key), set()).add(key)
    long_cards: dict[str, list[Card]] = {}
    for card, key in zip(cards, keys, strict=True):
        if key in terms:
            long_cards.setdefault(key, []).append(card)
    inferred: dict[str, str] = {}
    for card, key in zip(cards, keys, strict=True):
        acronym = _acronym_front(card)
        if not acronym or key in known or any(c.isdigit() for c in acronym):
            continue
        candidates = by_initials.get(_fold(acronym).replace(" ", ""), set())
        if len(candidates) == 1:
            candidate = next(iter(candidates))
            spelled = _spelled_out(card.back, acronym)
            # the card says what its letters stand for, and it is something else: SOLID's `ISP`
            # ("Interface Segregation ...") is not another note's "Interesting school in Paris"
            if spelled and not candidate.startswith(spelled):
                continue
            if not _related(card, candidate, long_cards.get(candidate, ())):
                continue
            inferred[key] = candidate
    return inferred


def spelled_holds(
    cards: Sequence[Card],
    keys: Sequence[str],
    known: dict[str, str],
    declared: dict[str, str],
    spelled: Iterable[tuple[str, str, str]],
) -> list[bool]:
    """For each card, whether the alias its key has in `known` holds for it. A two-letter acronym a
    note spells out in passing (`(short, long, path)` in `spelled`) holds in that note, and
    elsewhere for a card that speaks of its long form (`_speaks_of`; that the long form's card names
    the acronym is no sign: spelling it out is what that card does): "Router Solicitation (RS)" in
    the notes on IPv6 is not awk's `RS`, "Administrative Distance (AD)" not Active Directory's `AD`.
    A longer acronym is seldom two ideas in one student's notes; an alias a note declares
    (`declared`) holds for all."""
    where: dict[str, set[str]] = {}
    for short, long, path in spelled:
        key = term_key(short)
        if sum(c.isalnum() for c in short) == 2 and key not in declared and known.get(key) == term_key(long):
            where.setdefault(key, set()).add(path)
    targets = {known[k] for k in where}
    long_cards: dict[str, list[Card]] = {}
    for card, key in zip(cards, keys, strict=True):
        if key in targets:
            long_cards.setdefault(key, []).append(card)
    return [
        key not in where
        or any(s.path in where[key] for s in card.sources)
        or _speaks_of(card, known[key], long_cards.get(known[key], ()))
        for card, key in zip(cards, keys, strict=True)
    ]


def _related(card: Card, long_form: str, long_cards: Sequence[Card]) -> bool:
    """Initials alone are weak: `KR` in a note on goals is not another note's "key rotation". The
    acronym joins its long form when they share a note, or one's card names a word of the other."""
    if _speaks_of(card, long_form, long_cards):
        return True
    acronym = re.compile(rf"\b{re.escape(card.front.strip())}\b")
    return any(acronym.search(" ".join((c.back, c.extra, *c.context))) for c in long_cards)


def _speaks_of(card: Card, long_form: str, long_cards: Sequence[Card]) -> bool:
    """The card shares a note with the long form's cards, or names a word of the long form."""
    paths = {s.path for c in long_cards for s in c.sources}
    if any(s.path in paths for s in card.sources):
        return True
    said = _fold(" ".join((card.back, card.extra, *card.context)))
    return any(len(w) >= 4 and re.search(rf"\b{re.escape(w)}", said) for w in long_form.split())


def _spelled_out(back: str, acronym: str) -> str:
    """The words an answer opens with when their capitals spell the acronym's first letters
    ("Interface Segregation - ..." for `ISP`), as a key; empty when it opens otherwise."""
    words = re.findall(r"[^\W\d_][\w'-]*", back[:200])
    letters = _fold(acronym).replace(" ", "")
    spelled: list[str] = []
    for word in words[: len(letters)]:
        if not word[0].isupper():
            break
        spelled.append(word)
    initials = "".join(w[0] for w in spelled).casefold()
    if len(spelled) >= 2 and letters.startswith(initials):
        return _fold(" ".join(spelled))
    return ""
