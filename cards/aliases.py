"""Acronyms and aliases a vault teaches about itself, for the merge stage.

A vault says that two names are one idea in a few plain ways, and only those are believed:
- a long form followed by its acronym in parentheses, in a note's title (`Deep Q-Network (DQN).md`)
  or its text (`machine learning (ML)`; spelled out in passing, this holds in the note and for the
  cards that speak of the same thing); or the acronym first: `AUC (Area under the ROC curve)`.
  The acronym must spell the long form (first letter = first word's initial, every other letter
  found in order), so `deep learning (ML)` teaches nothing;
- front matter `aliases:` of a note, each one a name of the note's title;
- a note whose text is only "Abbreviation for [[long form]]" (also "Short for", "Acronym for",
  "Stands for"): the note's title abbreviates the link.
Each alias is a pair (short name, long name) of plain text; `cards.merge` folds them into its keys.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from .model import Note

# An acronym: one token, mostly capitals (`ML`, `IoU`, `LoRA`, `ReLU`, `GPT-3`), at most 10 characters.
_ACRONYM = re.compile(r"^[A-Za-z][A-Za-z0-9&./-]{1,9}$")
_PAREN_SHORT = re.compile(r"\((?P<short>[^()\s]{2,10})\)")
_PAREN_BEFORE = re.compile(r"(?<![\w-])(?P<short>[^()\s]{2,10})\s*\((?P<long>[^()]{3,80})\)")
_ABBREVIATION_NOTE = re.compile(
    r"^\s*(?:an?\s+)?(?:abbreviation|short|acronym|initialism)\s+(?:form\s+)?(?:for|of)\s+|^\s*stands\s+for\s+",
    re.I,
)
# No `[` inside a link's parts: a run of brackets cannot make the search quadratic.
_WIKILINK = re.compile(r"!?\[\[([^\[\]|#]*)(?:#[^\[\]|]*)?(?:\|([^\[\]]*))?\]\]")
_LINK = re.compile(r"\[([^\[\]]*)\]\([^()]*\)")
_MARKS = re.compile(r"<[^>]+>|\*\*|__|==|~~|[*`]|(?<!\w)_|_(?!\w)")
_MARKUP_CHARS = frozenset("[]<>*_=~`")


def unmark(text: str) -> str:
    """Inline Markdown as plain text, cheaply: links as their text, marks and HTML tags dropped."""
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text)
    if not _MARKUP_CHARS.isdisjoint(text):
        text = _WIKILINK.sub(lambda m: m.group(2) or m.group(1), text)
        text = _LINK.sub(r"\1", text)
        text = _MARKS.sub("", text)
    return " ".join(text.split())


_WORD = re.compile(r"[^\W_]+", re.U)
_SMALL_WORDS = {"of", "the", "and", "for", "to", "in", "on", "a", "an", "by", "with", "or"}


def is_acronym(text: str) -> bool:
    """`ML`, `IoU`, `LoRA`: one short token, at least two capitals and mostly capitals or digits."""
    if not _ACRONYM.match(text):
        return False
    letters = [c for c in text if c.isalnum()]
    upper = sum(1 for c in letters if c.isupper() or c.isdigit())
    return sum(1 for c in text if c.isupper()) >= 2 and upper * 2 >= len(letters)


def _letters(text: str) -> str:
    return "".join(c for c in text.casefold() if c.isalnum())


def spells(short: str, long: str) -> bool:
    """Whether `short` abbreviates the whole of `long`: its first letter is the first word's
    initial, its other letters are found in order, and every long word but small ones
    (`of`, `the`) gives at least its initial or is covered by the letters."""
    letters = _letters(short)
    words = _WORD.findall(long.casefold())
    if len(letters) < 2 or not words or words[0] in _SMALL_WORDS or letters[0] != words[0][0]:
        return False
    if len(words) == 1:
        # one word abbreviated by a few of its letters (`op` for operation), never a word itself
        return letters != words[0] and _subsequence(letters, words[0])
    # the significant words give their initials, in order; one of three or more may be left out
    initials = "".join(w[0] for w in words if w not in _SMALL_WORDS)
    spare = 1 if len(initials) >= 3 else 0
    return _common(initials, letters) >= len(initials) - spare and _subsequence(letters, "".join(words))


def _common(a: str, b: str) -> int:
    """Length of the longest common subsequence of two short strings."""
    row = [0] * (len(b) + 1)
    for x in a:
        prev = 0
        for j, y in enumerate(b, 1):
            prev, row[j] = row[j], prev + 1 if x == y else max(row[j], row[j - 1])
    return row[-1]


def _subsequence(needle: str, hay: str) -> bool:
    it = iter(hay)
    return all(c in it for c in needle)


def expansion(phrase: str) -> tuple[str, str] | None:
    """(long form, acronym) when `phrase` is `long form (ACRONYM)` or `ACRONYM (long form)`."""
    phrase = phrase.strip()
    match = re.fullmatch(r"(?P<a>[^()]+?)\s*\((?P<b>[^()]+)\)", phrase)
    if not match:
        return None
    a, b = match.group("a").strip(), match.group("b").strip()
    if is_acronym(b) and spells(b, a):
        return a, b
    if is_acronym(a) and " " in b and spells(a, b):
        return b, a
    return None


def text_aliases(text: str) -> Iterator[tuple[str, str]]:
    """(acronym, long form) for each `long form (ACRONYM)` in running text: the long form is the
    fewest words before the parenthesis that the acronym spells."""
    for match in _PAREN_SHORT.finditer(text):
        short = match.group("short")
        if not is_acronym(short):
            continue
        # the words before the parenthesis, back to the previous one; a bounded look back
        words = text[max(0, match.start() - 160) : match.start()].rsplit(")", 1)[-1].rsplit("(", 1)[-1].split()
        for count in range(1, min(len(words), len(_letters(short)) + 2) + 1):
            long = " ".join(words[-count:]).strip(" ,;:\"'“”‘’*_")
            if spells(short, long):
                yield short, long
                break
    for match in _PAREN_BEFORE.finditer(text):
        short, long = match.group("short"), match.group("long")
        if is_acronym(short) and " " in long and spells(short, long):
            yield short, long


_TOPIC_LIST = 2


def _names_the_title(alias: str, title: str) -> bool:
    """An alias that shares a word with the title ("Heaps" for "Priority Queue and Heaps") or spells
    it out or is spelled by it ("GPU" for "Graphics Processing Unit")."""

    def stems(text: str) -> set[str]:
        return {w.removesuffix("s") for w in _WORD.findall(text.casefold()) if len(w) > 2}

    return bool(stems(alias) & stems(title)) or spells(alias, title) or spells(title, alias)


def note_aliases(note: Note) -> Iterator[tuple[str, str]]:
    """Every (short name, long name) pair the note declares: its title, front-matter aliases, an
    "Abbreviation for [[...]]" body. They hold across the vault."""
    title_pair = expansion(note.title)
    if title_pair:
        long, short = title_pair
        yield short, long
    others = [a.strip() for a in note.aliases if a and a.strip().casefold() != note.title.casefold()]
    unrelated = [a for a in others if not _names_the_title(a, note.title)]
    for alias in others:
        # `aliases: [vector, hashtable, stack]` on "Legacy Collections": the things the note covers, each
        # its own thing, not other names for the note's subject (one such alias is a name: "graphics card")
        if len(unrelated) < _TOPIC_LIST or alias not in unrelated:
            yield alias, note.title
    target = pointed_at(note)
    if target:
        yield note.title, target


def spelled_aliases(note: Note) -> Iterator[tuple[str, str]]:
    """Every (acronym, long form) pair the note spells out in passing: `long form (ACRONYM)` in its
    text. They hold in this note; elsewhere only for a card that speaks of the same thing (merge
    stage): notes on IPv6 spelling out "Router Solicitation (RS)" say nothing of awk's `RS`."""
    for block in note.walk():
        if "(" in block.text and block.text.strip():
            yield from text_aliases(unmark(block.text))


_ONLY_TAGS = re.compile(r"^(?:\s*#[^\s#]+)+\s*$")


def redirects(text: str) -> bool:
    """Whether a note's opening text only points to another name ("Abbreviation for ...")."""
    return bool(_ABBREVIATION_NOTE.match(text))


def pointed_at(note: Note) -> str | None:
    """The link target when the note's text is only "Abbreviation for [[long form]]"."""
    prose = [b for b in note.walk() if b.text.strip() and not _ONLY_TAGS.match(b.text)]
    if not prose or prose[0].kind != "paragraph":
        return None
    first = prose[0].text.strip()
    if not _ABBREVIATION_NOTE.match(first) or first.count("[[") != 1:
        return None
    link = re.search(r"\[\[([^\]|#]+)(?:#[^\]|]*)?(?:\|([^\]]+))?\]\]", first)
    if not link:
        return None
    target, shown = link.group(1).strip(), (link.group(2) or "").strip()
    # `AR.md`: "Abbreviation for [[AR|augmented reality]]" links to itself and shows the long form
    return shown if target.casefold() == note.title.casefold() and shown else target
