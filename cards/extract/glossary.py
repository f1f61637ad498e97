"""Definitions laid out as a glossary: definition lists (`Term` then `: meaning`), tables headed
like Term/Concept/Word and Meaning/Definition/Description, and `> [!definition] Term` callouts
(`[!abstract]`, `[!info]`, `[!summary]` too when titled with a term and the body defines it)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from types import MappingProxyType

from ..model import Block, Card, Kind, Note
from ..text import card_markdown, everyday, meaning_text, one_line, plain, term_text
from ._common import LIST_MARKER, QUOTE_CALLOUTS, block_lines, block_markdown, make_card, silent_section
from ._context import note_title
from ._questions import answer_parts
from ._terms import COLON_DEFINITION, OPENS_ON_PREMISE, term_shaped
from ._title import defining_paragraph
from ._view import NoteView

_TERM_HEADER = re.compile(
    r"^(?:terms?|concepts?|words?|keywords?|key\s+terms?|names?|abbreviations?|abbr\.?|abbrev\.?|acronyms?|symbols?|"
    r"notation|phrases?|expressions?|vocabulary|vocab|jargon|glossary|commands?|functions?|methods?|shortcuts?|"
    r"operators?|idioms?|verbs?|nouns?)$",
    re.I,
)
_MEANING_HEADER = re.compile(
    r"^(?:meanings?|definitions?|descriptions?|explanations?|what\s+it\s+(?:means|is|does)|means|stands\s+for|"
    r"does|purpose|translations?|gloss|expansion|full\s+form|english)$",
    re.I,
)
_DEFINITION_CALLOUTS = frozenset({"definition", "define", "def", "defn", "dfn", "term", "glossary"})
_TITLED_CALLOUTS = frozenset({"abstract", "summary", "tldr", "info", "note", "important"})
# A callout's default or generic title names no term.
_GENERIC_TITLE = re.compile(
    r"^(?:definition|definitions|term|glossary|abstract|summary|tl;?dr|info|information|note|notes|overview|"
    r"background|context|key\s+points?|important|remember|in\s+short|recap|tip|tips|hint|hints|note\s+to\s+self|"
    r"reminder|heads\s+up|fyi|pro\s+tip|rule\s+of\s+thumb|example|examples)$",
    re.I,
)


def _glossary_blocks(note: Note) -> Iterator[Block]:
    """Every block outside quotes, code and silent sections."""

    def visit(blocks: tuple[Block, ...]) -> Iterator[Block]:
        for block in blocks:
            if block.kind in ("code", "html", "quote") or silent_section(block):
                continue
            if block.kind == "callout" and block.meta.get("type") in QUOTE_CALLOUTS:
                continue
            yield block
            yield from visit(block.children)

    yield from visit(note.blocks)


# `| Spanish | English |`: a vocabulary table, the first language's word is the term.
_LANGUAGE = re.compile(
    r"^(?:english|spanish|french|german|italian|portuguese|dutch|swedish|norwegian|danish|finnish|polish|czech|"
    r"russian|ukrainian|greek|latin|turkish|arabic|hebrew|hindi|japanese|chinese|mandarin|korean|vietnamese|"
    r"indonesian|thai|español|français|deutsch|italiano)$",
    re.I,
)


def _columns(header: list[str]) -> tuple[int | None, int | None]:
    """The term column and the meaning column of a table, by their headers."""
    term_col, meaning_col = _column(header, _TERM_HEADER), _column(header, _MEANING_HEADER)
    languages = [i for i, cell in enumerate(header) if _LANGUAGE.match(plain(cell).strip(" *_:"))]
    if len(header) == 2 and len(languages) == 2:
        return 0, 1
    if term_col is None and meaning_col is not None and len(languages) == 1 and languages[0] != meaning_col:
        return languages[0], meaning_col
    return term_col, meaning_col


def _column(header: list[str], pattern: re.Pattern[str]) -> int | None:
    for i, cell in enumerate(header):
        if pattern.match(plain(cell).strip(" *_:")):
            return i
    return None


# `| Hyperparameter | Symbol | Meaning |`: the symbol names the row's thing in formulas; the first
# column names it in words
_SYMBOL_HEADER = re.compile(r"^(?:symbols?|notation)$", re.I)
_MATH_CELL = re.compile(r"\$[^$\n]+\$")


def _table_cards(note: Note, block: Block) -> Iterator[Card]:
    header = list(block.meta.get("header", ()))
    term_col, meaning_col = _columns(header)
    if term_col is None or meaning_col is None or term_col == meaning_col:
        return
    symbols = _SYMBOL_HEADER.match(plain(header[term_col]).strip(" *_:")) is not None
    named = symbols and term_col > 0 and meaning_col != 0
    for line, cells in block.meta.get("rows", ()):
        if max(term_col, meaning_col) >= len(cells):
            continue
        term = term_text(cells[term_col])
        if symbols and _MATH_CELL.fullmatch(cells[term_col].strip()):
            term = cells[term_col].strip()  # `$\eta$` shown as the formula it is, not as "\eta"
        if named and term_text(cells[0]):
            term = f"{term_text(cells[0])} ({term})"  # "Learning rate ($\eta$)": its name, and its symbol
        back, extra = meaning_text(cells[meaning_col])
        # the header says the column holds terms: `PR` or `Note` is one here, whatever it is elsewhere
        if term and back and len(term.split()) <= 8 and len(term) <= 80:
            yield make_card(Kind.DEFINITION, term, back, note, block, "glossary-table", line=line, extra=extra)


def _body(children: tuple[Block, ...]) -> tuple[int, str] | None:
    """(line, Markdown) of a definition body: its first paragraph, or its list as lines."""
    if not children:
        return None
    first = children[0]
    if first.kind == "paragraph":
        return first.line, first.text
    items = [c for c in children if c.kind == "item"]
    if items and first.kind == "item":
        return first.line, "\n".join(f"- {card_markdown(i.text)}" for i in items)
    return None


def _back(markdown: str) -> tuple[str, str]:
    if markdown.startswith("- "):
        return markdown, ""
    return meaning_text(markdown)


def _term_cards(note: Note, block: Block) -> Iterator[Card]:
    # A term is one line; lines above it with no blank line between are a paragraph of their own
    # that the definition list swallowed (and an unclosed front matter's `---` is no term).
    term = term_text(block.text.rsplit("\n", 1)[-1])
    body = _body(block.children)
    if not body or not term_shaped(term, 8):
        return
    line, markdown = body
    if not re.search(r"[^\W_]", plain(markdown.split("\n", 1)[0])):
        return  # `: <img ...>` over a line of words: the meaning's own line says nothing
    back, extra = _back(markdown)
    paragraphs = [c for c in block.children if c.kind == "paragraph"]
    if len(paragraphs) > 1:
        # several meanings of one term: every one of them is the answer
        back, extra = "\n".join(f"- {one_line(p.text)}" for p in paragraphs), ""
    if back:
        yield make_card(Kind.DEFINITION, term, back, note, block, "definition-list", line=line, extra=extra)


def _callout_cards(note: Note, block: Block) -> Iterator[Card]:
    kind = block.meta.get("type", "")
    title = term_text(str(block.meta.get("title", "")))
    if kind not in _DEFINITION_CALLOUTS | _TITLED_CALLOUTS or not title or _GENERIC_TITLE.match(title):
        return
    if not term_shaped(title, 8):
        return
    body = _body(block.children)
    if not body:
        return
    line, markdown = body
    if kind in _TITLED_CALLOUTS and (markdown.startswith("- ") or not defining_paragraph(markdown, title)):
        return
    back, extra = _back(markdown)
    if kind in _DEFINITION_CALLOUTS and _sets_up(block.children):
        # "Suppose $P_0$ satisfies the constraint." over the bullet that defines the maximum: the whole body
        back, extra = "\n".join(line for child in block.children for line in block_markdown(child)), ""
    if back:
        yield make_card(Kind.DEFINITION, title, back, note, block, "definition-callout", line=line, extra=extra)


def _sets_up(children: tuple[Block, ...]) -> bool:
    """A definition's first paragraph that only sets out what it starts from ("Let $X$ be a random
    variable.", "Suppose ...") or leads into what follows ("... if:"), with more of the body below it."""
    first = children[0] if children else None
    if first is None or first.kind != "paragraph" or len(children) < 2:
        return False
    return OPENS_ON_PREMISE.match(plain(first.text)) is not None or first.text.rstrip().endswith(":")


_BY_KIND = MappingProxyType({"table": _table_cards, "term": _term_cards, "callout": _callout_cards})


def glossary(view: NoteView) -> Iterator[Card]:
    """Glossary tables, definition lists and callouts titled with what their text defines."""
    note = view.note
    for block in _glossary_blocks(note):
        make = _BY_KIND.get(block.kind)
        if make and not _defines(block):
            yield from make(note, block)


def _defines(block: Block) -> bool:
    return block.kind == "callout" and block.meta.get("type", "") in _DEFINITION_CALLOUTS


def definition_callout(view: NoteView) -> Iterator[Card]:
    """`> [!definition] Term` / `> [!def]+ Term` over its meaning: the writer's own definition, asked
    before the highlights inside it make gaps that leave out the term it is titled with."""
    note = view.note
    for block in _glossary_blocks(note):
        if _defines(block):
            yield from _callout_cards(note, block)


# Callouts that state a result under its name: `> [!thm]+ Inclusion-Exclusion` over the formula
_STATEMENT_CALLOUTS = frozenset(
    {"thm", "theorem", "lemma", "lem", "proposition", "prop", "corollary", "cor", "law", "axiom", "principle"}
)
# "Theorem", "Lemma 2.1", "Theorem (Franklin, 1922)" name no result: only a place in the text or who proved it
_NUMBERED_RESULT = re.compile(
    r"^(?:theorem|thm|lemma|proposition|prop|corollary|claim|law|axiom|principle|fact|formula|result|conclusions?)"
    r"\.?\s*(?:[\d.]+)?(?:\s*\((?:in|from|see)\b[^()]*\)|\s+(?:of|in|from)\s+[A-Z]{2,}\w*)?$",
    re.I,
)
# "XOR occurs rarely in circuit expressions": a sentence in the title, said rather than named
_SAID = re.compile(r"\s(?:is|are|was|were|occurs?|has|have|can|must|should|denotes?|means?)\s", re.I)
_LABELLED_ITEMS = 2  # a list of named properties (`- Variance: p(1-p)`): each item is a card of its own


def _of_its_subject(title: str, block: Block, note: Note) -> str:
    """ "Variance" in the notes on one distribution is that distribution's: a result named by one everyday
    word or measure is asked with the heading it sits under, or the note's title ("Exponential distribution:
    Variance"); a result's own name ("Central Limit Theorem", "Absorption law") is asked as it is."""
    if not re.fullmatch(r"[A-Za-z][a-z]+", title) or not (everyday(title.lower()) or title.lower() in _MEASURES):
        return title
    headings = [h for h in block.section if plain(h).strip().lower() != title.lower()]
    subject = plain(headings[-1]).strip() if headings else note_title(note)
    return f"{subject}: {title}" if subject else title


# what is worked out for each distribution, function or structure in turn
_MEASURES = frozenset("variance expectation mean median mode covariance correlation entropy pmf pdf cdf mgf".split())


def statement_callout(view: NoteView) -> Iterator[Card]:
    """`> [!thm]+ Addition rule for mutually exclusive events` over what it states: the name asks, the
    statement (its formula, its list of properties) answers, and the highlights inside are part of it."""
    note = view.note
    for block in _glossary_blocks(note):
        if block.kind != "callout" or block.meta.get("type", "") not in _STATEMENT_CALLOUTS:
            continue
        title = term_text(str(block.meta.get("title", "")))
        if not title or _NUMBERED_RESULT.match(title) or _SAID.search(title) or not term_shaped(title, 10):
            continue
        answer, _ = answer_parts(block.children)
        if not re.search(r"[^\W_]", plain(answer)):
            continue
        labelled = sum(
            1
            for row in answer.splitlines()
            if LIST_MARKER.match(row) and COLON_DEFINITION.match(LIST_MARKER.sub("", row))
        )
        if labelled >= _LABELLED_ITEMS:
            continue
        line = block.children[0].line if block.children else block.line
        yield make_card(
            Kind.BASIC,
            _of_its_subject(title, block, note),
            answer,
            note,
            block,
            "statement-callout",
            line=line,
            claims=block_lines(block),
        )
