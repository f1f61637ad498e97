"""Merge near-identical cards into one card that cites every note it came from.

Which cards are one idea
- Every card gets a key. For a definition, question or basic card it is its prompt folded the way
  a reader does not notice: case, Markdown marks, `what is` / `what's` / `define` / `explain`,
  leading articles, end punctuation, hyphens, the plural of the last word, and a closing
  `(ACRONYM)` that spells the words before it. An alias the vault teaches (`cards.aliases`) maps
  a short name to its long form's key (a two-letter acronym spelled out in passing, only in its
  note and for cards that name a word of the long form: awk's `RS` is no Router Solicitation); so
  does an acronym card (`AI`) when exactly one other card's term has those initials (`Artificial
  Intelligence`). A cloze card's key is its sentence with the
  cloze marks removed, and clozes only merge with clozes.
- Cards with the same key merge. Keys that differ are compared with rapidfuzz only within a block
  (same number of words, same first two letters of the first and of the last word), so the work
  grows with the block sizes, not with the square of the card count. Two keys merge when their
  `fuzz.ratio` reaches `similarity` AND every word pair is the same word or a slip of it: words
  with a digit, and words of fewer than five letters, must be equal; longer words must share their
  first letter and differ by at most one edit per six letters. So `L1`/`L2`, `Type I`/`Type II`,
  `precision`/`recall`, `encoder`/`decoder` and an added word (`stochastic gradient descent`) stay
  apart whatever the threshold, while `regularisation`/`regularization` merge. A note that writes
  both spellings names two things (`GraphQL` and `GraphiQL`, `.slice` and `.splice`): keys that
  cards of one note carry never merge by similarity.

The merged card
- The card that leads gives the kind, the front and so the id. It is chosen from the group's
  content alone, never from which note was read first: a name before its alias (`Artificial
  Intelligence` before `AI`, a note's title before its front-matter alias), then kind (basic,
  definition, question), then the card from the note named after its term, then the shortest folded
  front, then alphabetical, then the source. Cards whose fronts fold to the same text have the same
  id, so a second note that repeats a term keeps the card's id; only a front that ranks before the
  current one (a long form joining an acronym, a definition joining a question, a singular joining a
  plural) gives the card a new id. When an acronym-only card joins a long form, the front reads
  `Long form (ACRONYM)`. Clozes of one sentence keep the leading card's deletions.
- Sources: the leading card's first, then the others by path and line. Tags: the union, in order.
- Answers: empty ones are dropped and near-identical ones (`fuzz.ratio` >= 90 after folding) count
  once. The clearest answer is the answer: an answer written as a flashcard (basic) first; then the
  answer of the note named after the term (the note the author gave to that idea); then one of 6
  to 60 words, the shortest of those (a complete statement with least to read); failing that the
  one nearest to that range. An acronym card's "Abbreviation for X" says nothing once merged into X
  and is dropped. Every other distinct answer follows it in the back, one paragraph each, as
  `Also, in Note title: answer` (the note's path when two notes share a title): they are part of
  what the card teaches, so the JSON listing's `back` and the Anki answer both show them. None of
  them says the answer again: a line or formula of another answer that does is left out of it, with
  a lead-in it leaves announcing nothing (an answer left with nothing is dropped), and a one-line
  answer that says the answer and more, in at most 60 words, is the answer. `extra` stays the
  chosen answer's own context, with the pictures of the other cards' extras.
- Cards kept apart that would ask the same prompt (two senses of "ALU") would share an id, and Anki
  keeps one note per id: all but one name where they are ("Microprocessors: ALU"); see
  `distinct_prompts`.

The keys and aliases are made in merge_keys.py; the grouping and the merged card here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import replace
from functools import lru_cache

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

from .aliases import redirects
from .extract._common import JOURNAL_FOLDER
from .extract._context import (
    GLOSSARY,
    course_topic,
    dated_only,
    generic_label,
    problem_part,
    series_place,
    shares_a_stem,
)
from .merge_keys import (
    _acronym_front,
    _folded,
    _inferred_aliases,
    _term_text,
    alias_map,
    cloze_key,
    own_term,
    spelled_holds,
    term_key,
)
from .model import Card, Kind, prompt_key
from .senses import gathers, sense_keys, split_senses
from .text import everyday

DEFAULT_SIMILARITY = 90.0
_ANSWER_SIMILARITY = 90.0
_KIND_RANK = {Kind.BASIC: 0, Kind.DEFINITION: 1, Kind.QUESTION: 2, Kind.CLOZE: 3}

# An answer that only names the long form: once merged into that long form it says nothing new.
_POINTER = re.compile(
    r"^\s*(?:an?\s+)?(?:abbreviation|acronym|short(?:\s+form)?|synonym|another\s+name|stands)\s+(?:for|of)\b", re.I
)
_WORDS = re.compile(r"[^\W_]+")
_DOER = re.compile(r"e?r|or")


# ---------------------------------------------------------------------------- grouping


def _slip(a: str, b: str) -> bool:
    """Whether word b is word a mistyped or spelled another way, never another word."""
    if a == b:
        return True
    if len(a) < 5 or len(b) < 5 or a[0] != b[0] or any(c.isdigit() for c in a + b):
        return False
    if len(a) == len(b) and a[:-1] == b[:-1] and {a[-1], b[-1]} != {"e", "y"}:
        # "callee"/"caller", "trained"/"trainer", "headA"/"headB": another last letter makes another word
        # or another name ("idempotence" and "idempotency" are one)
        return False
    short, long = sorted((a, b), key=len)
    if long.startswith(short) and _DOER.fullmatch(long[len(short) :]):
        return False  # "decode"/"decoder", "parse"/"parser": the act and who does it
    return Levenshtein.distance(a, b) <= max(1, min(len(a), len(b)) // 6)


def same_words(a: str, b: str) -> bool:
    words_a, words_b = a.split(), b.split()
    return len(words_a) == len(words_b) and all(_slip(x, y) for x, y in zip(words_a, words_b, strict=True))


def _block(key: str) -> str:
    """What two keys must share to be worth comparing. Exactly what `same_words` demands anyway
    (as many words, short words and words with digits equal, long words the same first letter), so
    blocking loses no pair that could merge."""
    return " ".join(w if len(w) < 5 or not w.isalpha() else w[0] for w in key.split())


class _Sets:
    """Union-find over card indices."""

    def __init__(self, size: int) -> None:
        self.parent = list(range(size))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, i: int, j: int) -> None:
        a, b = self.find(i), self.find(j)
        if a != b:
            self.parent[max(a, b)] = min(a, b)


def _fuzzy_pairs(keys: list[str], similarity: float) -> Iterable[tuple[int, int]]:
    """Index pairs of distinct keys that are near-identical, compared only within blocks."""
    blocks: dict[str, list[int]] = {}
    for i, key in enumerate(keys):
        blocks.setdefault(_block(key), []).append(i)
    for members in blocks.values():
        if len(members) < 2:
            continue
        texts = [keys[i] for i in members]
        pairs = _all_pairs(texts, similarity) if len(texts) <= _BLOCK_LIMIT else _near_pairs(texts, similarity)
        for a, b in pairs:
            if same_words(texts[a], texts[b]):
                yield members[a], members[b]


_BLOCK_LIMIT = 1500
_WINDOW = 64


def _all_pairs(texts: list[str], similarity: float) -> Iterable[tuple[int, int]]:
    scores = process.cdist(texts, texts, scorer=fuzz.ratio, score_cutoff=similarity, dtype="uint8")
    return ((a, b) for a, b in zip(*scores.nonzero(), strict=True) if a < b)


def _near_pairs(texts: list[str], similarity: float) -> Iterable[tuple[int, int]]:
    """A block too big to compare all pairs: each key against the keys near it in alphabetical
    order and in the order of its reversed text, so a slip near either end is still found. Each
    chunk of the order is compared with itself and the next chunk: every pair less than a chunk
    apart is seen, with few calls into rapidfuzz."""
    by_text = sorted(range(len(texts)), key=texts.__getitem__)
    by_end = sorted(range(len(texts)), key=lambda i: texts[i][::-1])
    for order in (by_text, by_end):
        for start in range(0, len(order), _WINDOW):
            rows, cols = order[start : start + _WINDOW], order[start : start + 2 * _WINDOW]
            scores = process.cdist(
                [texts[i] for i in rows], [texts[j] for j in cols], scorer=fuzz.ratio, score_cutoff=similarity
            )
            for r, c in zip(*scores.nonzero(), strict=True):
                a, b = rows[r], cols[c]
                if a != b:
                    yield min(a, b), max(a, b)


def merge_groups(
    cards: Iterable[Card],
    aliases: Iterable[tuple[str, str]] = (),
    similarity: float = DEFAULT_SIMILARITY,
    spelled: Iterable[tuple[str, str, str]] = (),
) -> list[list[Card]]:
    """Cards grouped by idea: each group's leading card first; groups in order of first appearance.
    `aliases` are (short, long) pairs the notes declare; `spelled` (short, long, path) acronyms a
    note spells out in its text: a two-letter one holds beyond its note only for related cards
    (merge_keys.spelled_holds)."""
    cards, aliases, spelled = list(cards), list(aliases), list(spelled)
    keys = [cloze_key(c.front) if c.kind is Kind.CLOZE else term_key(own_term(c)) for c in cards]
    known = alias_map([*aliases, *((short, long) for short, long, _ in spelled)])
    holds = spelled_holds(cards, keys, known, alias_map(aliases), spelled)
    known.update(_inferred_aliases(cards, keys, known))
    for side in _sides(cards, keys, known):
        del known[side]
    aliased = [c.kind is not Kind.CLOZE and k in known and held for c, k, held in zip(cards, keys, holds, strict=True)]
    own_keys = keys  # each card's own term, before a declared or inferred alias names it otherwise
    # a prompt with no words left (an emoji, bare punctuation) is its own idea, never merged
    keys = [known[k] if a else k or f"\x00{i}" for i, (k, a) in enumerate(zip(keys, aliased, strict=True))]
    sensed = sense_keys(cards, keys)
    # "decorator" keyed as the "Decorator Pattern" it names: the pattern's own card leads
    aliased = [a or s != k for a, s, k in zip(aliased, sensed, keys, strict=True)]
    keys = sensed
    sets = _Sets(len(cards))
    first_of: dict[tuple[str, bool, str], int] = {}
    notes_of: dict[tuple[str, bool, str], set[str]] = {}
    for i, (card, key) in enumerate(zip(cards, keys, strict=True)):
        j = first_of.setdefault((card.deck, card.kind is Kind.CLOZE, key), i)
        notes_of.setdefault((card.deck, card.kind is Kind.CLOZE, key), set()).update(s.path for s in card.sources)
        sets.union(i, j)
    if similarity < 100:
        distinct = list(first_of)
        by_space: dict[tuple[str, bool], list[int]] = {}
        for n, (deck, cloze, _key) in enumerate(distinct):
            by_space.setdefault((deck, cloze), []).append(n)
        for members in by_space.values():
            texts = [distinct[n][2] for n in members]
            for a, b in _fuzzy_pairs(texts, similarity):
                one, other = distinct[members[a]], distinct[members[b]]
                if notes_of[one] & notes_of[other]:
                    continue  # one note that spells both ("GraphQL" and "GraphiQL") names two things
                sets.union(first_of[one], first_of[other])
    groups: dict[int, list[int]] = {}
    for i in range(len(cards)):
        groups.setdefault(sets.find(i), []).append(i)
    # a one-word term joins cards of different notes only when they are seen to mean the same
    # (an alias the notes declare, or an acronym they spell out, already says they are one idea)
    # a note's aliases ("Heaps" for "Priority Queue and Heaps") say what the note's own cards are on; the
    # same everyday word in another note ("Heap" under "Stack vs Heap") is still told by its place
    parts = (
        split_senses(g, cards, keys)
        if not any(aliased[i] for i in g)
        else split_senses(g, cards, own_keys)
        if len({own_keys[i] for i in g}) == 1
        else [g]
        for g in groups.values()
    )
    senses = sorted((part for p in parts for part in p), key=lambda g: g[0])
    return [
        [cards[i] for i in (sorted(g, key=lambda i: _lead_rank(cards[i], aliased[i])) if len(g) > 1 else g)]
        for g in senses
    ]


def _sides(cards: list[Card], keys: list[str], known: dict[str, str]) -> set[str]:
    """Aliases that name the sides of a subject, not spellings of one idea: a note that defines two terms
    each on its own and lists both as its aliases ("big-endian" and "little-endian" in the notes on
    memory) has not said they are one. Each keeps its own key, in every note."""
    defined: dict[tuple[str, str], set[str]] = {}
    for card, key in zip(cards, keys, strict=True):
        if key in known and card.kind is not Kind.CLOZE:
            defined.setdefault((card.source.path, known[key]), set()).add(key)
    return {key for said in defined.values() if len(said) > 1 for key in said}


def _lead_rank(card: Card, aliased: bool) -> tuple[bool, int, bool, int, str, str, int]:
    """Lower leads: a long form before its alias, basic before definition before question, a card
    from the note named after its term, the shortest prompt, then alphabetical and by source."""
    folded = _folded(card.front)
    own = _in_own_note(card)
    return (aliased, _KIND_RANK[card.kind], not own, len(folded), folded, card.source.path, card.source.line)


def _in_own_note(card: Card) -> bool:
    """Whether the card comes from the note named after its term (`Overfitting.md`)."""
    return card.kind is not Kind.CLOZE and _folded(_term_text(card.front)) == _title_key(card.source.path)


@lru_cache(maxsize=1 << 16)
def _title_key(path: str) -> str:
    return _folded(path.rsplit("/", 1)[-1].rsplit(".", 1)[0])


# ---------------------------------------------------------------------------- the merged card


_LONGEST_ANSWER = 60  # words: past it an answer is more to read than to recall


def _clarity(card: Card) -> tuple[int, int]:
    words = len(_WORDS.findall(card.back))
    if card.kind is Kind.BASIC:
        return (0, words)
    if _in_own_note(card):
        return (1, words)
    if 6 <= words <= _LONGEST_ANSWER:
        return (2, words)
    return (3, 6 - words if words < 6 else words - _LONGEST_ANSWER)


def _says_only_what_it_abbreviates(card: Card) -> bool:
    return bool(_POINTER.match(card.back)) and len(card.back.split()) <= 20


def _distinct_answers(group: Sequence[Card]) -> list[Card]:
    kept: list[tuple[str, Card]] = []
    lead_key = term_key(own_term(group[0]))
    pointers = [c for c in group if term_key(own_term(c)) != lead_key and _says_only_what_it_abbreviates(c)]
    answered = [c for c in group if c.back.strip() and c not in pointers] or pointers
    seen: set[str] = set()
    for card in sorted(answered, key=_clarity):
        folded = prompt_key(card.back)
        if folded in seen:
            continue  # said word for word by a clearer card (the commonest case, and a ratio of 100)
        seen.add(folded)
        texts = [other for other, _ in kept]
        if not texts or process.extractOne(folded, texts, scorer=fuzz.ratio, score_cutoff=_ANSWER_SIMILARITY) is None:
            kept.append((folded, card))
    return [card for _, card in kept]


_ITEM_MARK = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
_REPEAT_CHARS = 12  # "the first element": shorter lines ("yes", "O(n)") are no telling repeat
_NAMING_WORDS = 4  # "A grammar is", "Impact is defined as": the term named before the answer said again


def _repeats(text: str, said: str) -> bool:
    """Whether a line or a block of another answer says what the chosen answer says: the same words
    or fewer ("the internal array" under "the internal array (if the queue is bounded)"), or the
    same after a few words naming the term ("A grammar is a set of formal syntax rules.")."""
    key = prompt_key(_ITEM_MARK.sub("", text))
    short = min(key, said, key=len)
    if len(short) < _REPEAT_CHARS or " " not in short:
        return False
    return key in said or (key.endswith(said) and len(key.split()) - len(said.split()) <= _NAMING_WORDS)


def _units(text: str) -> list[str]:
    """An answer's lines, a fenced code block or a `$$` formula over several lines kept as one."""
    units: list[str] = []
    closing = ""
    for line in text.split("\n"):
        said = line.strip()
        if closing:
            units[-1] += "\n" + line
            ends = said.endswith("$$") if closing == "$$" else said.startswith(closing)
            closing = "" if ends else closing
            continue
        units.append(line)
        if said.startswith(("```", "~~~")):
            closing = said[:3]
        elif said.startswith("$$") and (said == "$$" or not said.endswith("$$")):
            closing = "$$"
    return units


def _said_again_left_out(text: str, said: str) -> str:
    """Another answer without what says the chosen answer again, and without a lead-in left
    announcing nothing ("The fundamental attention computation is:" over the formula said again)."""
    units = _units(text)
    dropped = {i for i, u in enumerate(units) if _repeats(u, said)}
    if not dropped:
        return text
    kept = [u for i, u in enumerate(units) if i not in dropped and not (u.rstrip().endswith(":") and i + 1 in dropped)]
    return "\n".join(kept).strip("\n")


def _without_repeats(best: Card, others: Sequence[Card]) -> tuple[Card, list[Card]]:
    """The answer and the other notes' answers, none of them saying the answer again. One line
    that says the answer and more is the answer ("Automated conversational agents ..., often used in
    customer service"); a line or formula of a longer answer that says it again is left out of
    that answer, and so is a lead-in it leaves announcing nothing."""
    said = prompt_key(best.back)
    kept: list[Card] = []
    for other in others:
        one_line = "\n" not in other.back.strip() and "\n" not in best.back.strip()
        longer = prompt_key(other.back)
        if one_line and len(said) >= _REPEAT_CHARS and " " in said and said in longer and longer != said:
            if _repeats(other.back, said):
                continue  # "Phonological processing involves" and the answer: the answer again
            if len(_WORDS.findall(other.back)) > _LONGEST_ANSWER:
                kept.append(other)  # much more than the answer: it stays, all of it
            else:
                best, said = other, longer  # says the answer and more: the answer
            continue
        rest = _said_again_left_out(other.back, said)
        if rest == other.back:
            kept.append(other)
        elif _WORDS.search(rest):
            kept.append(replace(other, back=rest))
    return best, kept


def _front(lead: Card, group: Sequence[Card]) -> str:
    """The lead's front, with the acronym the group knows it by when that is not written already."""
    if lead.kind is Kind.QUESTION or "(" in lead.front or "?" in lead.front or _acronym_front(lead):
        return lead.front
    acronyms = sorted({a for c in group if (a := _acronym_front(c))})
    return f"{lead.front} ({acronyms[0]})" if acronyms else lead.front


def _also(card: Card, name: str) -> str:
    """Another note's answer under the chosen one; a list or several paragraphs start on their own."""
    block = "\n" in card.back or re.match(r"\s*(?:[-*+]|\d+[.)])\s", card.back)
    return f"Also, in {name}:{chr(10) * 2 if block else ' '}{card.back}"


_NOTE_SUFFIX = re.compile(r"\.(?:md|markdown)$", re.I)


def _note_names(cards: Sequence[Card]) -> list[str]:
    """Each card's note as a person names it: its title (the file name, as Obsidian shows it), or
    its path without the suffix when two of the notes share a title."""
    paths = [_NOTE_SUFFIX.sub("", c.source.path) for c in cards]
    titles = [p.rsplit("/", 1)[-1] for p in paths]
    clash = {t for t in titles if len({p for p, t2 in zip(paths, titles, strict=True) if t2 == t}) > 1}
    return [p if t in clash else t for p, t in zip(paths, titles, strict=True)]


_PICTURE = re.compile(r"!\[[^\]\n]*\]\([^)\s]+\)")


def _with_pictures(extra: str, others: Sequence[str]) -> str:
    """The chosen answer's extra, and the pictures the other cards' extras held (pictures.py puts a
    note's pictures there): a picture is not lost because another note's answer was clearer."""
    pictures = [p for text in others for p in _PICTURE.findall(text) if p not in extra]
    return "\n\n".join(filter(None, [extra, *dict.fromkeys(pictures)])) if pictures else extra


TITLE_RULE = "title-definition"
"""The rule whose card comes from a note named after its term (extract/title.py)."""


def without_passing_definitions(group: Sequence[Card]) -> list[Card]:
    """A term with a note of its own is defined by that note: a definition of it met in passing
    in another note (`backpropagation.md` explaining the learning rate) is that note's context,
    not a second source of the term's card. An abbreviation note ("Abbreviation for ...") only
    points to the term, so it defines nothing and keeps nothing out; questions still join."""
    own = {c.source.path for c in group if c.rule == TITLE_RULE and not redirects(c.back)}
    if not own:
        return list(group)
    return [
        c
        for c in group
        if c.kind is not Kind.DEFINITION or c.rule == TITLE_RULE or c.source.path in own or _glossary_entry(c)
    ]


# A glossary's entry is defined on purpose, not in passing: it joins the term's own note's card.
_GLOSSARY_NOTE = re.compile(r"\b(?:glossary|glossaries|vocabulary|terminology|dictionary|lexicon)\b", re.I)


def _glossary_entry(card: Card) -> bool:
    return bool(card.context) and _GLOSSARY_NOTE.search(card.context[0]) is not None


def merge_group(group: Sequence[Card]) -> Card:
    """One card from cards that ask the same thing; group[0] leads (see the module docstring)."""
    group = without_passing_definitions(group)
    lead = group[0]
    if len(group) == 1:
        return lead
    rest = sorted((s for c in group[1:] for s in c.sources), key=lambda s: (s.path, s.line))
    sources = tuple(dict.fromkeys((*lead.sources, *rest)))
    tags = tuple(dict.fromkeys(t for c in group for t in c.tags))
    answers = _distinct_answers(group)
    back = extra = ""
    if answers:
        best, others = _without_repeats(answers[0], answers[1:])
        others = sorted(others, key=lambda c: (c.source.path, c.source.line))
        back = "\n\n".join([best.back, *map(_also, others, _note_names(others))])
        extra = _with_pictures(best.extra, [c.extra for c in group if c is not best])
    return replace(
        lead,
        front=_front(lead, group),
        back=back,
        sources=sources,
        tags=tags,
        extra=extra or lead.extra,
        open=not back,
    )


def merge(
    cards: Iterable[Card], aliases: Iterable[tuple[str, str]] = (), similarity: float = DEFAULT_SIMILARITY
) -> list[Card]:
    """Cards that ask the same thing become one; order of first appearance kept."""
    merged = [merge_group(group) for group in merge_groups(cards, aliases, similarity)]
    return distinct_prompts(asked_of_their_notes(merged))


_ONE_WORD = re.compile(r"[A-Za-z][a-z]+")


def asked_of_their_notes(cards: Sequence[Card]) -> list[Card]:
    """An everyday word defined at the top of a note on one subject, and in no other note ("Relationship:
    a diamond" atop the notes on ER diagrams, "gt: greater than" atop those on Bash's comparisons), is
    that subject's: it is asked with the note's title ("ER Diagram Notation: Relationship"). The merge
    decides it, as a word several notes define the same way stays the word alone (its notes are in
    its answer); so do a word of the title ("Groups: group"), a compound ("Write-back") and a word atop
    a note that gathers terms of any subject (a glossary, "Week 3", a quiz, a day, a journal's entry)."""
    return [_asked_of_its_note(card) for card in cards]


def _asked_of_its_note(card: Card) -> Card:
    if card.kind is not Kind.DEFINITION or len(card.context) != 1 or card.rule == "title-definition":
        return card
    term = card.front.strip()
    if not _ONE_WORD.fullmatch(term) or not everyday(term.lower()) or len({s.path for s in card.sources}) > 1:
        return card
    title = course_topic(card.context[0])  # "W5N2 - TCP" is on TCP
    if shares_a_stem(term, title) or _names_no_subject(card.context[0]):
        return card
    if any(JOURNAL_FOLDER.match(folder) for folder in card.source.path.split("/")[:-1]):
        return card  # a journal's entry is titled by its day's story ("the ai grind"), not by a subject
    return replace(card, front=f"{title}: {term}")


def _names_no_subject(title: str) -> bool:
    return bool(
        gathers(title)
        or GLOSSARY.search(title)
        or generic_label(title)
        or series_place(title)
        or problem_part(title)
        or dated_only(title)
    )


def distinct_prompts(cards: Sequence[Card]) -> list[Card]:
    """Cards kept apart that still ask the same prompt ("ALU" in the notes on microprocessors and in
    those on instruction sets, two senses of one word) would share an id, and Anki keeps one note
    per id: the second would overwrite the first on import. One of them keeps its prompt: the card
    of the note named after its term, else the one nearest a note's top, else the first by path; each
    other names where it is ("Microprocessors: ALU"), by the first place in its context the prompt
    does not say, else by its note's file name. The same cards give the same prompts whichever
    note was read first."""
    out = list(cards)
    by_id: dict[str, list[int]] = {}
    for i, card in enumerate(out):
        by_id.setdefault(card.id, []).append(i)
    taken = set(by_id)
    for members in by_id.values():
        if len(members) < 2:
            continue
        ranked = sorted(
            members,
            key=lambda i: (not _in_own_note(out[i]), len(out[i].context), out[i].source.path, out[i].source.line),
        )
        for i in ranked[1:]:
            out[i] = _named_by_place(out[i], taken)
            taken.add(out[i].id)
    return out


def _named_by_place(card: Card, taken: set[str]) -> Card:
    said = f" {prompt_key(card.front)} "
    places = [p for p in card.context if prompt_key(p) and f" {prompt_key(p)} " not in said]
    stem = _NOTE_SUFFIX.sub("", card.source.path).rsplit("/", 1)[-1]
    for place in (*places, stem, *(f"{stem} {n}" for n in range(2, 100))):
        named = replace(card, front=f"{place}: {card.front}")
        if named.id not in taken:
            return named
    return card
