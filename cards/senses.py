"""Whether cards that share a term mean the same thing: the merge stage asks before it joins them.

A one-word term defined inside a section of a note about something ("server" under Istio's
architecture, and under a secrets store's internals) names that thing's own part; two such cards
from different notes join only when their places or their answers share a word. A term a note
defines at its top level, or in a note that gathers terms of every subject (a glossary, "Week 3";
not "Week 5 - Privacy Theory" nor "Course: Computer Architecture", which are on their topics), joins
the first such card it shares a word with: "Access" atop notes on privacy is not the storage unit's.
Else a gathering's entry joins the other top-level cards, and a top-level card of a note on one
subject joins one it shares a word with or a gathering's entry: "State" atop the notes on React is
not "State" atop the notes on reinforcement learning. A plural everyday word over a list ("models",
"datasets") names the members one note lists: it joins only cards of its own note. "A word in
common" is two telling words, or one that is not an everyday word: Docker's containers and C++'s
both speak of a "resource". A rare word ("backpropagation", "kNN") has one meaning in a student's
notes: its cards all join, however each words it. A design pattern's bare name under a heading
about patterns ("singleton" under "Creational Design Patterns") is the pattern another note calls
"Singleton Pattern".
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from rapidfuzz import fuzz

from .extract._common import LIST_MARKER
from .extract._terms import TASK_VERBS
from .model import Card, Kind
from .text import everyday

_TASK = re.compile(TASK_VERBS)
_PATTERNS = re.compile(r"\bpatterns?\b", re.I)
_WORD = re.compile(r"[^\W\d_]{4,}")
_GATHERING = re.compile(
    r"\b(?:glossary|vocabulary|terms|terminology|definitions|dictionary|concepts|lecture|lesson|chapter|course|class"
    r"|module|unit|week|day|seminar|tutorial|exam|revision|notes|cheat ?sheet|flashcards|inbox|journal|quiz(?:zes)?)\b",
    re.I,
)
_DATED = re.compile(r"^\d{4}-\d{2}-\d{2}")
_PICTURE_OR_LINK = re.compile(r"!\[[^\]\n]*\]\([^)\n]*\)|\]\([^)\n]*\)|https?://\S+")
# Words too common to show that two cards speak of the same thing.
_COMMON = frozenset(
    "that this with from what when where which there their they them then than have has had been being were "
    "will would could should also into onto over under about more most much many some such only just each "
    "other these those used uses using make makes made like very well part parts note notes thing things "
    "time does done often always example basic overview summary introduction intro subtopic related also "
    "see other".split()
)


def sense_keys(cards: Sequence[Card], keys: Sequence[str]) -> list[str]:
    """The merge keys, with a pattern's bare name under a heading about patterns keyed as the pattern."""
    have = set(keys)
    out = list(keys)
    for i, (card, key) in enumerate(zip(cards, keys, strict=True)):
        longer = f"{key} pattern"
        if card.kind is not Kind.CLOZE and longer in have and any(_PATTERNS.search(p) for p in card.context):
            out[i] = longer
    return out


def _words(text: str, term: str) -> frozenset[str]:
    """The telling words of a card's place and answer, plurals folded, the term itself left out."""
    text = _PICTURE_OR_LINK.sub(" ", text)
    out = (w[:-1] if w.endswith("s") and not w.endswith("ss") else w for w in _WORD.findall(text.casefold()))
    return frozenset(w for w in out if w not in _COMMON and w != term)


_SAME_ANSWER = 90  # fuzz.ratio of two answers that are one text, as the merge's own answer folding
_LARGEST = 200  # a group this large is one common word's cards: left whole rather than compared pairwise


def gathers(title: str) -> bool:
    """A note that gathers terms of every subject: "Glossary", "Week 3", "Lecture notes", "Dictionary of
    Terms"; not a note merely named "notes" (`Docker/notes.md`), which is about its folder's subject
    like any other, nor one whose title names its topic beside the gathering word ("Week 5 - Privacy
    Theory", "Course: Advanced Architecture", "Caching — Lecture Notes"), nor one where that word is
    part of a name ("Class Imbalance", "Gated Recurrent Unit")."""
    if _DATED.match(title):
        return True
    if _ON_A_TOPIC.match(title) or title.strip().casefold() in ("note", "notes"):
        return False
    words = _TITLE_WORD.findall(_VERSION.sub("", title.casefold()))
    return any(_GATHERING.fullmatch(w) for w in words) and all(_GATHERING.fullmatch(w) or w in _NO_TOPIC for w in words)


_TITLE_WORD = re.compile(r"[^\W\d_]+")
_VERSION = re.compile(r"_[a-z]\b")  # "Chapter 01_Quiz_B": the quiz's version, not a topic
# Words of a gathering's title that name no topic: "My Raw Notes", "Final Exam", "Course Summary"
_NO_TOPIC = frozenset(
    "a an the my our of on in and for to with from all some raw school final basic basics key main misc miscellaneous"
    " general review summary index complete part quick new old cheat sheet log".split()
)
_ON_A_TOPIC = re.compile(
    r"^\W*(?:lecture|lec|lesson|chapter|ch|module|unit|week|day|seminar|tutorial|class|topic)\.?\s*\d+[a-z]?"
    r"\s*(?:[-:\u2013\u2014|.]\s*)?[A-Za-z]",
    re.I,
)


def _telling(shared: frozenset[str]) -> bool:
    """Words two cards share that show they speak of one thing: two of them, or one that is not an
    everyday word ("resource" alone is said of Docker's containers and of C++'s)."""
    return len(shared) >= 2 or any(not everyday(w) for w in shared)


def _lists_members(card: Card) -> bool:
    """A plural everyday word over a list ("models", "datasets", "baselines"): the ones its note
    names, which another note's list of the same name does not share."""
    term = card.front.strip()
    lines = [line for line in card.back.split("\n") if line.strip()]
    return (
        term.isalpha()
        and term.islower()
        and term.endswith("s")
        and not term.endswith("ss")
        and len(lines) >= 2
        and all(LIST_MARKER.match(line) for line in lines)
    )


def split_senses(group: Sequence[int], cards: Sequence[Card], keys: Sequence[str]) -> list[list[int]]:
    """The group (indices into cards) of a one-word term split into the sets of cards seen to mean
    the same: same note, or a telling word shared by their places and answers."""
    if not 2 <= len(group) <= _LARGEST or any(" " in keys[i] or cards[i].kind is Kind.CLOZE for i in group):
        return [list(group)]
    key = keys[group[0]]
    if not everyday(key) and not _TASK.fullmatch(key):
        # a rare word ("backpropagation", "kNN") has one meaning in a student's notes; a verb that sets a
        # task ("Compute: ...", "Solve: ...") labels a step of whatever its note does
        return [list(group)]
    notes = [frozenset(s.path for s in cards[i].sources) for i in group]
    # a glossary, a course week or a dictionary gathers terms of every subject: it disagrees with none
    # so does a term a note defines at its top level: only one defined inside a section of a note
    # about something else ("Istio" > "Architecture" > server) is that thing's own
    open_to_all = [len(cards[i].context) < 2 or gathers(cards[i].context[0]) for i in group]
    said = [_words(" ".join((*cards[i].context, cards[i].back)), key) for i in group]
    parent = list(range(len(group)))

    def find(a: int) -> int:
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    backs = [" ".join(cards[i].back.casefold().split()) for i in group]
    # `- models` over `  - LDM-SR` / `  - LDM-BSR`: the members one note lists, not a meaning
    lists = [_lists_members(cards[i]) for i in group]

    def alike(a: int, b: int) -> bool:
        # the same note, a telling word in common, or one answer written twice with a slip
        if lists[a] or lists[b]:
            return bool(notes[a] & notes[b])
        return (
            bool(notes[a] & notes[b] or _telling(said[a] & said[b])) or fuzz.ratio(backs[a], backs[b]) >= _SAME_ANSWER
        )

    own = [n for n in range(len(group)) if not open_to_all[n]]
    for x, a in enumerate(own):
        for b in own[x + 1 :]:
            if alike(a, b):
                parent[find(a)] = find(b)
    # the others join the first own card they are alike: they do not tie two senses together ("Access"
    # at the top of a note on privacy stays beside the storage unit's). Else a gathering's entry joins
    # the first other top-level card; a term atop a note on one subject ("State" atop the notes on
    # React, and atop the notes on reinforcement learning) joins one it is alike, or a gathering's
    # entry, or is a sense of its own
    gathering = [open_to_all[n] and (not cards[i].context or gathers(cards[i].context[0])) for n, i in enumerate(group)]
    first_gathering = next((n for n in range(len(group)) if gathering[n]), None)
    seen: list[int] = []
    for n in (n for n in range(len(group)) if open_to_all[n]):
        alike_own = next((a for a in own if alike(n, a)), None)
        if alike_own is None and gathering[n]:
            alike_own = seen[0] if seen else None
        if alike_own is None:
            alike_own = next((a for a in seen if alike(n, a) or gathering[a]), first_gathering)
        if alike_own is not None:
            parent[find(n)] = find(alike_own)
        seen.append(n)
    parts: dict[int, list[int]] = {}
    for n, i in enumerate(group):
        parts.setdefault(find(n), []).append(i)
    return list(parts.values())
