"""Definitions written as list items `Term - meaning`, `Term – meaning`, `Term — meaning`,
`**Term** → meaning` (an emphasised term before an arrow), the term also as a link
(`[PyTorch](https://pytorch.org) - a machine learning framework`) or a wikilink."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..model import Block, Card, Kind, Note
from ..text import meaning_text, plain, term_text
from ._common import make_card
from ._context import generic_label
from ._outline_words import verb_forms
from ._terms import NOT_A_TERM_START, code_like, entry_line, not_a_meaning, task_like, term_of_art, term_shaped
from ._title import defining_paragraph
from ._view import NoteView

# `Term - meaning`, `Term – meaning`, `Term—meaning`; an en dash inside a word ("Long–term") joins it
_DASH_DEFINITION = re.compile(
    r"""^(?P<term>(?:\[[^\]\n]+\]\([^)\s]*\)|\[\[[^\]\n]+\]\]|\*\*[^*\n]+\*\*|__[^_\n]+__|[^\[\]()\n]*?[^\[\]()\s])
        (?P<aside>\s*\([^()\n]{1,40}\))?)  # `Stochastic gradient descent (SGD)`: an acronym or aside
        \s*(?:(?<=[\s)\]*_])-(?![\d.])|(?<=[\s)\]*_])–|–(?=\s)|—|\s--)\s*(?P<meaning>\S.*)$""",
    re.X,
)
# `**Min heap** → every parent is smaller than its children`: an emphasised term, an arrow, its meaning
# (one arrow: `a → b → c` is a flow, and an arrow after plain words says what follows from them)
_ARROW = re.compile(r"\u2192|->|\u21d2|=>")
_ARROW_DEFINITION = re.compile(
    rf"""^(?P<term>\*\*[^*\n]+\*\*|__[^_\n]+__|\*[^*\s][^*\n]*\*|_[^_\s][^_\n]*_)
        (?P<aside>\s*\([^()\n]{{1,40}}\))?
        \s*(?:{_ARROW.pattern})\s*(?P<meaning>(?:(?!{_ARROW.pattern})\S).*)$""",
    re.X,
)
# A description that is a cross-reference, a remark or a verdict, not what the thing is.
_NOT_MEANING_START = re.compile(
    r"^(?:also|see|via|from|by|and|or|but|same|more|less|like|my|our|great|good|nice|cool|awesome|best|"
    r"recommended|must|todo|done|read|watch|watched|buy|bought|pending|wip|loved|liked|hated|enjoyed|boring|"
    r"meh|ok|okay|fun|solid|decent|amazing|excellent|brilliant|terrible|awful|worth|overrated|underrated|"
    r"finished|started|slow|beautiful|gorgeous|funny|hilarious|sad|weird|strange|confusing|dull|gripping|stunning|"
    r"lovely|mediocre|fine|underwhelming|intense|predictable|so|really|too|pretty|quite|kinda|not|\d)\b",
    re.I,
)
_MARKED_TERM = re.compile(r"^(?:\[|\*\*|__)")
# Labels whose value follows their colon: a cost, a risk, a course ("Time: O(n)", "Risk: none")
_VALUE_LABEL = re.compile(r"time|space|memory|runtime|risk|course|source|status|result")
# "*Better than* → ...", "**IMPORTANT NOTE** → ...", "*Both* → ...": words that lead on, not a name
_NOT_AN_ARROW_TERM = re.compile(
    r"^(?:(?i:both|either|neither|better|worse|more|less|same|important|note|notes)\b|[A-Z]+(?:\s+[A-Z]+)+$)"
)


# A verb that says something of a subject: "Input is not allowed", "Plants have a soul"
_SAID_OF = re.compile(r"\s(?:is|are|was|were|has|have|had|will|can|does|did)\s")
# "Simplicity — the art of leaving work undone — is essential": a second dash closes an aside, and the
# sentence goes on after it with its verb, so the words before the first dash are a subject, not a term
_ASIDE_CLOSED = re.compile(
    r"\s(?:\u2014|\u2013|--?)\s*(?:is|are|was|were|has|have|had|can|could|will|would|may|might|must|should|does|do"
    r"|did|needs?|argues?|claims?|says?|that|which|who|whose)\b[^\u2014\u2013]*$"
    r"|(?<=\S)\u2014(?:is|are|was|were|has|have|had|can|could|will|would|must|should|that|which|who)\b[^\u2014]*$",
    re.I,
)


def dash_definition(view: NoteView) -> Iterator[Card]:
    """A list item whose first line is a term, a dash and what the term is."""
    note = view.note
    for block, _ in view.definition_blocks():
        # a list item's first line; in a paragraph, every line whose term is marked (`**Recall** — ...`)
        lines = block.lines()[:1] if block.kind == "item" else block.lines()
        # a paragraph made only of entry lines (`bonjour = hello` / `avoir faim – to be hungry`) is a glossary
        glossary = block.kind == "paragraph" and len(lines) > 1 and all(entry_line(t.strip()) for _, t in lines)
        previous = ""
        for line, text in lines:
            # a line of a paragraph starts an entry after an ended sentence, not inside a wrapped one
            starts_entry = not previous or previous[-1:] in ".!?:;)" or _DASH_DEFINITION.match(previous)
            previous = text.strip()
            if block.kind != "item" and not glossary and not (_MARKED_TERM.match(text.strip()) and starts_entry):
                continue
            match = _DASH_DEFINITION.match(text.strip())
            if not match or (block.kind != "item" and not glossary and not _MARKED_TERM.match(match.group("term"))):
                match = _ARROW_DEFINITION.match(text.strip())
                if not match or _ARROW.search(match.group("meaning")):
                    continue
            card = _card(note, block, line, match, arrow=match.re is _ARROW_DEFINITION)
            if card:
                yield card


def _card(note: Note, block: Block, line: int, match: re.Match[str], arrow: bool = False) -> Card | None:
    """The card of one `Term - meaning` line, or None when the term or the meaning is no such thing."""
    raw_term, meaning = match.group("term"), match.group("meaning")
    if not arrow and raw_term.rstrip()[-1:].isdigit() and meaning.lstrip()[:1].isdigit():
        return None  # "every code point 0 - 127 is stored in a byte": a range, no term and its meaning
    term = term_text(raw_term)
    bare = term_text(raw_term[: len(raw_term) - len(match.group("aside") or "")])
    if arrow and (NOT_A_TERM_START.match(bare) or _NOT_AN_ARROW_TERM.match(bare)):
        return None  # "**If the passwords differ** → the system alerts the user": a case and what follows
    label, colon, _ = plain(bare).partition(": ")
    if colon and (generic_label(label) or _VALUE_LABEL.fullmatch(label.strip().lower())):
        # "Time: O(S * n) - S is the amount", "Pros: simple hardware - one comparator": a label and its
        # value, the dash a remark on it ("S1: Simple cells - fit the image ..." names a layer)
        return None
    marked = _MARKED_TERM.match(raw_term) is not None or raw_term[:1] in "*_"
    if not (term_shaped(bare, 6 if marked else 4) or term_of_art(bare, meaning)):
        return None
    if code_like(bare, marked) or task_like(bare):
        return None
    if _SAID_OF.search(f" {plain(bare)} "):
        return None  # "Return address is saved - where to go on after the call": a sentence, the dash its remark
    words = plain(meaning)
    if _ASIDE_CLOSED.search(words):
        return None
    if not_a_meaning(meaning) or _NOT_MEANING_START.match(words) or len(words.split()) < 2:
        return None
    # a link list's second sentence is commentary ("Opinion: ..."), not the meaning
    back, extra = meaning_text(meaning, min_words=3)
    return make_card(Kind.DEFINITION, term, back, note, block, "dash-definition", line=line, extra=extra)


# What a defining noun phrase goes on with: "the rate *of* change", "a model *that* ...".
_DEFINING_LINK = re.compile(r"\b(?:of|that|which|who|whose|where|used|for|when|whereby)\b", re.I)


def outline_definition(view: NoteView) -> Iterator[Card]:
    """Lecture outlines: an item that is only a term, with one nested item saying what it is
    (`- Velocity` / `    - the rate of change of position`)."""
    note = view.note
    for block, _ in view.definition_blocks():
        if block.kind != "item" or len(block.children) != 1 or len(block.lines()) != 1:
            continue
        child = block.children[0]
        if child.kind != "item" or len(child.text) > 500 or "::" in child.text:
            continue
        term = term_text(block.text)
        if not term_shaped(term, 6 if _MARKED_TERM.match(block.text.strip()) else 4):
            continue
        if code_like(term) or task_like(term) or re.search(r"[-–—:=]\s", plain(block.text).rstrip(":")):
            continue
        words = plain(child.text).split()
        if _does(plain(child.text)) and len(words) >= 3 and _does_what(term, plain(child.text)):
            # what the term does: `- fseek` / `  - Changes the file position`; what it leads on to
            # below ("  - Example: ...") is not part of it
            back, extra = meaning_text(child.text)
            yield make_card(
                Kind.DEFINITION, term, back, note, block, "outline-definition", line=block.line, extra=extra
            )
            continue
        if child.children or len(words) < 4 or not _DEFINING_LINK.search(plain(child.text)):
            continue
        if not_a_meaning(child.text):
            continue
        # a noun phrase or a gerund: "Packing / chargers for all of the devices" is a list, no meaning
        opener = words[0].lower()
        named = _names_term(plain(child.text), term)  # "Batch size determines ..." under `**Batch Sizes**:`
        if opener not in ("a", "an", "the", "any", "when", "how") and not opener.endswith("ing") and not named:
            continue
        if not named and not defining_paragraph(child.text, term):
            continue
        back, extra = meaning_text(child.text)
        yield make_card(Kind.DEFINITION, term, back, note, block, "outline-definition", line=block.line, extra=extra)


# "Used to aggregate values", "Used for training decoders": what a term is for, said without it
_USED_FOR = re.compile(r"^used\s+(?:to|for|as|in|by|when|with)\b", re.I)


def _does(text: str) -> bool:
    """The text opens with a verb saying what something does ("Changes the file position",
    "Tells us which ...", "Used to ..."): the predicate of a subject left unsaid."""
    first = text.split(maxsplit=1)[0].lower() if text.strip() else ""
    return first in verb_forms()[0] or _USED_FOR.match(text) is not None


# A line that opens a sentence the nested item finishes: "Include program counter, which" /
# "  - Identifies the next instruction"; "Has another input Z" / "  - Represents a carry-in bit".
_RUNS_INTO_ITEM = re.compile(r"^(?:has|have|had|include|includes|defined|called)\b|(?:,|\bwhich|\bwho|\bthat)$", re.I)
# what points at the text around it ("Provides these signals") or is an opinion
_LEANS_ON_TEXT = re.compile(r"\b(?:this|these|those|above|below|here|previous|previously)\b", re.I)


def _does_what(term: str, said: str) -> bool:
    """`- fseek` / `  - Changes the file position`: the nested item says what the term does. Not when
    the term is itself a step or a sentence the item finishes, nor when the item leans on the text
    around it."""
    if _does(term) or NOT_A_TERM_START.match(term) or _RUNS_INTO_ITEM.search(term):
        return False
    # "Used to ..." reads as a status ("moved to ...") to the meaning check: what follows it is checked
    rest = _USED_FOR.sub("", said).strip() if _USED_FOR.match(said) else said
    return not not_a_meaning(rest) and not _LEANS_ON_TEXT.search(said)


def _names_term(text: str, term: str) -> bool:
    """The text opens with the term, singular or plural, and a verb in the present: "Batch size
    determines ..." under `**Batch Sizes**:`."""
    low, name = text.lower().lstrip(), term.lower().strip()
    names = {name, re.sub(r"s$", "", name), re.sub(r"es$", "", name)}
    return any(
        len(n) >= 3 and re.match(rf"{re.escape(n)}(?:e?s)?\s+(?!{_NO_VERB}\b)[a-z]{{2,}}\s", low) is not None
        for n in names
    )


_NO_VERB = r"(?:of|and|or|in|for|with|to|from|on|at|by|that|which|who|as|vs|versus|like|such|the|a|an)"
