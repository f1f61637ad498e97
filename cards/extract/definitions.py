"""Definitions written as `Term: meaning`, `**Term**: meaning`, `[[Term]] : meaning` and
`term = meaning`, plus what every definition rule shares: which blocks to read, and whether a few
words are a term, code, or a line of minutes rather than knowledge."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from ..model import Block, Card, Kind
from ..text import meaning_text, plain, sentences, term_text
from ._common import BOLD_LABEL, LEAD_IN, MONTH, RUN_IN, make_card
from ._terms import (
    CLAUSE,
    CLOCK_OR_DATE,
    CODE_LIKE,
    CODE_NAME,
    CODE_SPAN,
    COLON_DEFINITION,
    FIRST_PERSON,
    OPENS_LIKE_A_DEFINITION,
    SCHEDULE,
    code_like,
    entry_line,
    not_a_meaning,
    task_like,
    term_of_art,
    term_shaped,
    two_sentences,
)
from ._view import NoteView

_VERB_IN_TERM = re.compile(r"\s(?:is|are|was|were|has|have|had|will|can|do|does|did)\s")


_WE = re.compile(r"\b(?:we|we're|we’re|we'll|we’ll|let's|let’s)\b", re.I)


def speech(term: str, meaning: str, people: frozenset[str]) -> bool:
    """`Ana: the dashboard is a mess, we need alerts`: a person's line, not a definition."""
    if term.lower() in people:
        return True
    one_name = re.fullmatch(r"[A-Z][a-z]+(?: [A-Z][a-z]+)?", term) is not None
    return one_name and _WE.search(plain(meaning)) is not None


# A value a record holds rather than a meaning: a number, an amount, a rating (`7h`, `800 EUR`,
# `6/10`, `2025 conference`), a time or a date (a term's `CLOCK_OR_DATE`, a meaning's `SCHEDULE`,
# `March 3`), an address to reach someone.
_RECORD_VALUE = re.compile(
    rf"^\W{{0,3}}[\d$€£¥+]|{CLOCK_OR_DATE.pattern}|{SCHEDULE.pattern}"
    rf"|\b{MONTH}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?\b|\b\d{{1,2}}(?:st|nd|rd|th)?\s+{MONTH}\b|[\w.+-]+@[\w-]+\.\w|https?://"
    # a note's header of properties: `Tags: #lecture`, `Tags: #`
    r"|^(?:#[\w/-]*[\s,]*)+$",
    re.I,
)
# ... and `Class: [[Computational Logic]]`: a link, filing the note
_LINKS_ONLY = re.compile(r"(?:\[\[[^\]\n]*\]\][\s,]*)+")


def record_lines(view: NoteView) -> frozenset[int]:
    """Lines of the note's records: three or more `Key: value` lines in a row (in one paragraph or
    one list) of which at least two, and a third, hold values (`Budget: 800 EUR`, `Check-in: after
    3pm`, `Email: ...`) and none reads like a definition (`the number of protons`), with a line or
    two of `Key: value` right after them. A trip plan, a person, a weekly review: their other lines
    (`Packing: jacket, adapter`, `Likes: climbing`) are fields of the same record, not terms a
    glossary defines."""
    runs: list[tuple[tuple[str, ...], list[tuple[int, int]]]] = []
    last: Block | None = None
    for block, _ in view.definition_blocks():
        joined = block.kind == "item" and last is not None and last.kind == "item" and block.section == last.section
        if not joined or not runs or not runs[-1][1]:
            runs.append((block.section, []))
        last = block
        for line, text in block.lines():
            match = COLON_DEFINITION.match(text.strip()) if ":" in text else None
            run = runs[-1][1]
            if match is None or (run and line > run[-1][0] + 2):
                if run:
                    runs.append((block.section, []))
                if match is None:
                    continue
            meaning = plain(match.group("meaning"))
            value = _RECORD_VALUE.search(meaning) or _LINKS_ONLY.fullmatch(match.group("meaning").strip())
            runs[-1][1].append((line, -1 if OPENS_LIKE_A_DEFINITION.match(meaning) else int(bool(value))))
    found: set[int] = set()
    previous: tuple[tuple[str, ...], list[tuple[int, int]]] | None = None
    for section, run in (r for r in runs if r[1]):
        values = sum(value > 0 for _, value in run)
        record = len(run) >= 3 and values >= 2 and 3 * values >= len(run) and all(v >= 0 for _, v in run)
        if not record and previous is not None and len(run) < 3:  # `- Kids: ...` under a person's fields
            record = previous[0] == section and run[0][0] <= previous[1][-1][0] + 2
        if record:
            found.update(line for line, _ in run)
        previous = (section, run) if record else None
    return frozenset(found)


# A short capital label many lines of a note open with ("DP: ..." for a design principle) files
# the line under a kind; the line's own `Name: meaning` or `Name - meaning`, if it has one, is the card.
_KIND_LABEL = re.compile(r"^[A-Z]{1,4}$")
_KIND_LABEL_LINES = 3
_NAMED = re.compile(r"^(?P<term>(?:the\s+)?[A-Z][^:\n]{1,60}?)\s*(?::|\s[-\u2013\u2014]\s)\s*(?P<meaning>\S.*)$")


def _colon_lines(view: NoteView) -> list[tuple[Block, int, str, re.Match[str] | None]]:
    """Each line of the note's definition blocks with its `Term: meaning` match, matched once."""
    return [
        (block, line, text, COLON_DEFINITION.match(_ACROSS_COLON.sub(r"\2", said)) if ":" in said else None)
        for block, _ in view.definition_blocks()
        for line, text in block.lines()
        for said in (_run_in_as_colon(text.strip()),)
    ]


def _run_in_as_colon(text: str) -> str:
    """`**Constant folding.** Evaluate ...` read as the label it is: `**Constant folding**: Evaluate ...`."""
    match = RUN_IN.match(text)
    return f"**{match.group('term')}**: {text[match.end() :]}" if match else text


# A highlight or bold over the colon, `Matrix ==Trace: sum of the diagonal==`, `**Bottom-up: Process
# analysis**. You ...`: the entry marked across its colon, no term marked of its own
_ACROSS_COLON = re.compile(r"(==|\*\*)((?:(?!\1)[^\n])*?[^\s=*]:\s(?:(?!\1)[^\n])*?)\1")


def _kind_labels(lines: list[tuple[Block, int, str, re.Match[str] | None]]) -> frozenset[str]:
    seen = Counter(term_text(m.group("term")) for *_, m in lines if m)
    return frozenset(label for label, n in seen.items() if n >= _KIND_LABEL_LINES and _KIND_LABEL.match(label))


# A name in code of three characters or more, whole in backticks: `kernel_size`, `model.eval()`.
_CODE_NAME = re.compile(rf"`(?=[^`]{{3}}){CODE_NAME}`")
_WORDS = re.compile(r"[^\W\d_]{2,}")


def colon_definition(view: NoteView) -> Iterator[Card]:
    """`Term: meaning` at the start of a line or list item."""
    note = view.note
    people = view.people
    records = record_lines(view)
    lines = _colon_lines(view)
    kinds = _kind_labels(lines)
    previous, last_block = "", None
    box: tuple[int, tuple[str, ...]] = (-_BOX_LINES, ())  # the last `Require:` line and its section
    for n, (block, line, text, match) in enumerate(lines):
        if block is not last_block:
            previous, last_block = "", block
        said = plain(match.group("term")).strip().casefold() if match else ""
        if said in ("require", "ensure"):
            box = (line, block.section)
        elif said in _BOX_STEPS and line - box[0] <= _BOX_LINES and block.section == box[1]:
            continue  # `- *Return*: the beliefs` under `- *Require*: ...`: the box's last step, no term
        starts_entry = match and (
            not previous
            or previous.rstrip()[-1:] in ".!?:;)"
            or entry_line(previous)
            or BOLD_LABEL.match(text.strip()) is not None
        )
        previous = text.strip()
        if not match or not starts_entry or LEAD_IN.match(text.strip()):  # `TIL: ...` opens a sentence
            continue
        if line in records:
            continue
        term = term_text(match.group("term"))
        meaning = match.group("meaning")
        if term in kinds:
            named = _NAMED.match(meaning.strip())
            if not named:
                continue  # "DP: Composition over inheritance": a principle with no name to ask by
            term, meaning = term_text(named.group("term"), drop_article=True), named.group("meaning")
            if term_shaped(term) and not code_like(term) and len(plain(meaning).split()) >= 3:
                back, extra = meaning_text(meaning)  # a slogan may say "we": "Don't call us, we'll call you"
                yield make_card(Kind.DEFINITION, term, back, note, block, "colon-definition", line=line, extra=extra)
            continue
        marked = match.group("term")[:2] in ("**", "__", "[[")
        name = _CODE_NAME.fullmatch(match.group("term").strip())
        if name and len(_WORDS.findall(plain(meaning))) >= 3 and "`" not in meaning[:1]:
            term = match.group("term").strip()  # "`kernel_size`: how many pixels are combined": a parameter's meaning
        elif (
            not (term_shaped(term) or term_of_art(term, meaning))
            or code_like(term, marked)
            or _VERB_IN_TERM.search(term)
            or task_like(term)
        ):
            continue
        if not_a_meaning(meaning) or speech(term, meaning, people):
            continue
        meaning = meaning + _going_on(lines, n)
        back, extra = meaning_text(meaning)
        yield make_card(Kind.DEFINITION, term, back, note, block, "colon-definition", line=line, extra=extra)


_GOES_ON_LINES = 3
# The steps of an algorithm box whose arguments open with `Require:` lines: its result and its set-up,
# one algorithm's each ("Return" in thirteen notes is thirteen algorithms' results)
_BOX_STEPS = frozenset({"return", "returns", "initialize", "initialise", "init", "repeat", "until", "output"})
_BOX_LINES = 40


# A meaning that stops on a word that needs more: "..., expressed mathematically as", "... given by".
_LEFT_OPEN = re.compile(r"(?:,|\b(?:as|by|is|are|be|equals|where|follows))\s*$", re.I)
_DISPLAY_MATH = re.compile(r"^\$\$.+\$\$[.,]?$", re.S)


def _going_on(lines: list[tuple[Block, int, str, re.Match[str] | None]], n: int) -> str:
    """A meaning its line leaves open (on a comma, on "as" or "by") goes on in the lines under it, in
    the same paragraph ("**Definition**: cross-entropy of q relative to p," / "$H(p,q) = ...$,"), up
    to a sentence's end or a formula of its own line."""
    block, _, text, _ = lines[n]
    announced = text.rstrip().endswith(":") and n + 1 < len(lines) and lines[n + 1][0] is block
    if announced and not lines[n + 1][2].strip().startswith("$$"):
        announced = False  # "Projection: to reduce to k dimensions:" / "$$Z = XV_k$$": only a formula is held
    if not _LEFT_OPEN.search(text.rstrip()) and not announced:
        return _wrapped_on(lines, n)
    more: list[str] = []
    for k, (other, _, said, entry) in enumerate(lines[n + 1 : n + 1 + _GOES_ON_LINES], n + 1):
        formula = _DISPLAY_MATH.match(said.strip()) is not None  # "$$P := ...$$" is no `Term: meaning` line
        if other is not block or (entry and not formula):
            break
        if said.strip() == "$$":  # a formula over several lines, `$$` / `a(u + v) = au + av` / `$$`
            shown = _whole_formula(lines, k, block)
            return "\n" + "\n".join([*more, *shown]) if shown else ""
        more.append(said.strip())
        if said.rstrip()[-1:] in ".!?" or formula:
            return "\n" + "\n".join(more)
    return ""


def _wrapped_on(lines: list[tuple[Block, int, str, re.Match[str] | None]], n: int) -> str:
    """A sentence hard-wrapped at a fixed width goes on in the next lines of its block, which open in
    lower case: "Self-attention: this lets each token attend to other" / "tokens of the same sequence."
    The lines are joined up to the sentence's end."""
    block, _, text, _ = lines[n]
    if text.rstrip()[-1:] in ".!?:;)" or len(text.strip()) < _WRAP_WIDTH:
        return ""  # a short line ends where its writer ended it: `el queso: the cheese` / `tener sueño – ...`
    more: list[str] = []
    for other, _, said, entry in lines[n + 1 : n + 1 + _GOES_ON_LINES]:
        said = said.strip()
        if other is not block or entry or not _WRAPPED_ON.match(said):
            break
        more.append(said)
        if said[-1:] in ".!?":
            break
    if not more:
        return ""
    joined = " ".join(more)
    spans = sentences(joined)  # "e.g." ends no sentence
    if not spans:
        return " " + joined
    end = spans[0][1]
    end += len(joined[end:]) - len(joined[end:].lstrip("\"'\u201d\u2019)]"))  # its closing quote or bracket
    return " " + joined[:end]


_WRAP_WIDTH = 50
# A line that goes on with the sentence above it: a lower-case word, not a list item or a label.
_WRAPPED_ON = re.compile(r"[a-z][a-z'’-]*[\s,.;]")

_FORMULA_LINES = 20


def _whole_formula(lines: list[tuple[Block, int, str, re.Match[str] | None]], k: int, block: Block) -> list[str]:
    """The lines of the `$$ ... $$` formula opening at line k of the block, or none when it does not
    close within a few lines."""
    shown: list[str] = []
    for other, _, said, _ in lines[k : k + _FORMULA_LINES]:
        if other is not block:
            return []
        shown.append(said.strip())
        if len(shown) > 1 and said.strip().endswith("$$"):
            return shown
    return []


# The term is bounded and ends in a non-space, so a long run of spaces cannot make it backtrack.
_EQUALS_DEFINITION = re.compile(r"^(?P<term>[^=<>!:]{0,80}?[^=<>!:\s])\s+=\s+(?P<meaning>[^=]+)$")
_HIGHLIGHT = re.compile(r"==(?=\S)([^=\n]+?)(?<=\S)==")
_OPERATOR = re.compile(r"\s[-+*/^×÷]\s|\w[(\[{]|[\[\]{}]|^\W*[-+]?\d[\d.,]*\W*$")


def equals_definition(view: NoteView) -> Iterator[Card]:
    """`term = meaning` in prose and lists; never code, and never when either side is code."""
    note = view.note
    for block, _ in view.definition_blocks():
        for line, text in block.lines():
            if "=" not in text:
                continue
            masked = CODE_SPAN.sub(lambda m: "\0" * len(m.group(0)), text.strip())
            masked = _HIGHLIGHT.sub(lambda m: "\2\2" + m.group(1) + "\2\2", masked)  # `==term== = ...`
            match = _EQUALS_DEFINITION.match(masked)
            if not match or "\0" in match.group("term"):
                continue
            raw_term = text.strip()[: match.end("term")]
            meaning = text.strip()[match.start("meaning") :]
            if two_sentences(raw_term):  # "... the second value function. Target network = a copy. ..."
                raw_term = raw_term[sentences(raw_term)[-1][0] :]
                meaning = meaning[: sentences(meaning)[0][1]]
            term = term_text(raw_term, drop_article=True)
            if not term_shaped(term, 5) or code_like(term) or _OPERATOR.search(plain(meaning)):
                continue
            words = plain(meaning).split()
            if not words or not re.search(r"[^\W\d_]{2,}", meaning) or CODE_LIKE.search(words[0]):
                continue
            if FIRST_PERSON.search(plain(meaning)) or "?" in meaning or CLAUSE.match(plain(meaning)):
                continue
            back, extra = meaning_text(meaning)
            yield make_card(Kind.DEFINITION, term, back, note, block, "equals-definition", line=line, extra=extra)


# An outliner's `definition::` property on a term's block (Logseq): the block is the term.
_DEFINITION_PROPERTY = re.compile(r"^(?:definition|def|defn|meaning|means)::[ \t]*(?P<meaning>\S.*)$", re.I)


def property_definition(view: NoteView) -> Iterator[Card]:
    """`- Bias-variance tradeoff` / `  - definition:: the tension ...`: the term is the parent item,
    not the word `definition` (before the inline-flashcard rule reads `definition::` as a term)."""
    note = view.note
    for block, _ in view.definition_blocks():
        if block.kind != "item" or ("::" not in block.text and not any("::" in c.text for c in block.children)):
            continue
        (_, first), *own = block.lines()
        term = term_text(first)
        if not term_shaped(term) or code_like(term) or "::" in first:
            continue
        # the property as a line of the block itself, or as a nested item
        lines = [*own, *((c.line, c.text) for c in block.children if c.kind == "item" and "\n" not in c.text)]
        for line, text in lines:
            match = _DEFINITION_PROPERTY.match(text.strip())
            if match and not not_a_meaning(match.group("meaning")):
                back, extra = meaning_text(match.group("meaning"))
                yield make_card(Kind.DEFINITION, term, back, note, block, "property-definition", line=line, extra=extra)
