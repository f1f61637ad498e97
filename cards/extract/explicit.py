"""Cards written with a flashcard plugin's syntax, so users of those plugins can switch.

Following obsidian-spaced-repetition's rules:
- `front::back` on one line is a basic card, `front:::back` a card asked both ways; a `#flashcards`
  tag at the start of the line only files it in a deck;
- a line that is only `?` (or `??` for both ways) parts the lines touching it above (the front)
  from the lines touching it below (the back); a blank line ends the card;
- `{{c1::...}}` Anki clozes stay clozes.
And from the outliner plugins: a line or heading ending with `#card` (`#card-reverse`) is a front
whose nested items, or the lines right under it, are the back.

`key:: value` is also how Dataview and outliners write fields. A field that is metadata (`rating:: 5`,
`author:: [[X]]`, `status:: done`, `[due:: 2024-05-01]`) is never a card; `term:: a meaning in words`
written as a property (no space before `::`) is a definition.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..model import Card, Kind, Note
from ..text import card_markdown, plain
from ._common import (
    LIST_MARKER,
    block_lines,
    block_markdown,
    is_property_line,
    make_card,
    silent_section,
    without_properties,
)
from ._view import NoteView

_CODE = re.compile(r"(`+).+?\1", re.S)
_HIGHLIGHT = re.compile(r"==[^=\n]+==")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s")
_ANKI_CLOZE = re.compile(r"\{\{c\d+::.+?\}\}", re.S)
_LOGSEQ_CLOZE = re.compile(r"\{\{cloze\s+(.+?)\}\}", re.S)
# obsidian-spaced-repetition's `{{text}}` cloze, taken only in a note filed in a flashcards deck
# (elsewhere `{{ name }}` is a template's placeholder).
_OSR_CLOZE = re.compile(r"\{\{(?!c\d+::|cloze\s)(?=\S)([^{}\n]+?)(?<=\S)\}\}")
_DECK_TAG = re.compile(r"(?:^|\s)#(?:flashcards?|cards?|srs|anki)(?:/[\w/-]*)?(?=\s|$)", re.I)
_CARD_TAG = re.compile(r"(?<!\s)\s++#card(?P<rev>[-/]reverse)?\s*$|^#card(?P<rev2>[-/]reverse)?\s*$", re.I)
_INLINE_FIELD = re.compile(r"[\[(][^\[\]()\n]*?::[^\[\]()\n]*[\])]")
_CODE_PATH = re.compile(
    r"\b\w+::\w+(?:::\w+)*\s*[(<]|\b\w+::\w+::\w|\b(?:std|boost|crate|self|super|Self|core|alloc)::\w|:\w+::\w+:"
)

# Keys that name facts about the note (Dataview, Logseq), never knowledge to learn.
_METADATA_KEYS = frozenset(
    """rating author authors by status date created updated modified due completed done started finished
    start end scheduled priority tags tag type category categories source sources url link links
    project area topic topics related up down next prev previous parent child collection series
    genre year published publisher isbn pages language lang people person location place time
    duration mood energy sleep weight score stars read reviewed progress id alias aliases title
    cover image icon color colour template class kind format medium platform channel owner assignee
    deadline reminder repeat recurrence week day month quarter version summary review reviews thoughts
    notes note comment comments description opinion verdict impression impressions feelings reflection
    takeaway takeaways recommended recommendation context purpose outcome result decision
    citekey itemtype firstauthor editor editors journal volume issue doi pmid arxiv venue booktitle
    conference institution affiliation citation bibtex zotero""".split()
)
_METADATA_VALUE = re.compile(
    r"""^(?:
        [-+]?\d[\d.,:/\s%\u2013-]*[a-z%]{0,3}  # numbers, dates, times, 5/10, 80%, pages 219–354
      | (?:true|false|yes|no|none|null|todo|doing|done|draft|open|closed|active|archived)
      | (?:\[\[[^\]]*\]\][\s,]*)+                 # links only
      | (?:\#[\w/-]+[\s,]*)+                     # tags only
      | [\u2b50\u2605\u2606\U0001F31F\s]+        # star ratings
      | https?://\S+
      | \S+@\S+\.\w+
    )$""",
    re.I | re.X,
)


# `::` joining two names inside a sentence (`In Rust, Vec::new creates an empty vector.`, `looked
# up as Foo::Bar at runtime.`): a code path, not a card's separator. `term::Meaning of it.`,
# `Capital of Japan::Tokyo` and `Range of the sigmoid::0 to 1` stay cards.
_JOINED = re.compile(r"(?P<left>\w+)::(?P<right>\w+)")
# `map :: (a -> b) -> [a]`: a type signature.
_SIGNATURE = re.compile(r"\w\s*::\s*[\w(\[].*(?:->|=>)")


def _code_mention(text: str, at: int) -> bool:
    """The `::` at `at` names code or an address, it does not part a front from a back."""
    before, after = text[:at], text[at + 2 :]
    if before[-1:].isspace() and after[:1] and not after[:1].isspace():
        return True  # `the address ::1`, `scope ::Foo`
    if _signature(text):
        return True
    token = re.search(r"\w+$", before)
    joined = _JOINED.match(text, token.start()) if token else None
    if joined is None or joined.end("left") != at:
        return False
    left, right, rest = joined.group("left"), joined.group("right"), text[joined.end() :]
    if (left[:1].islower() and right[:1].isupper()) or (left.isupper() and len(left) > 1):
        return False
    return len(before.split()) >= 2 and len(rest.split()) >= 2 and rest.rstrip().endswith((".", "!", ";"))


_SIGNATURE_HEAD = re.compile(r"\w\s*::\s*[\w(\[]")


def _signature(text: str) -> bool:
    """`_SIGNATURE.search(text)` in linear time: a head `x :: y` with an arrow after it on its line.
    The regex tries `.*` to the line's end from every head: quadratic on `a:: b` repeated."""
    line_end = arrow = -1  # the end of the line of the last head, and its last arrow
    pos = 0
    while head := _SIGNATURE_HEAD.search(text, pos):
        pos = head.start() + 1  # heads may overlap ("a::a::" then a line break): try each start
        if head.end() > line_end:  # the first head on its line: find the line's end and last arrow once
            line_end = text.find("\n", head.end())
            line_end = len(text) if line_end < 0 else line_end
            start = text.rfind("\n", 0, head.end()) + 1
            arrow = max(text.rfind("->", start, line_end), text.rfind("=>", start, line_end))
        if arrow >= head.end():
            return True
    return False


_CLOZE_OPEN = re.compile(r"\{\{c\d+::")


def _cloze_spans(text: str) -> Iterator[tuple[int, int]]:
    """The spans `_ANKI_CLOZE` matches, in linear time: the regex looks for `}}` from every
    opener (quadratic on `{{c1::` repeated with no end); once an opener has no `}}` after it,
    no later one has."""
    pos = 0
    while opener := _CLOZE_OPEN.search(text, pos):
        close = text.find("}}", opener.end() + 1)
        if close < 0:
            return
        yield opener.start(), close + 2
        pos = close + 2


def _mask_clozes(text: str) -> str:
    out, pos = [], 0
    for start, end in _cloze_spans(text):
        out += [text[pos:start], "\0" * (end - start)]
        pos = end
    return "".join([*out, text[pos:]])


def _logseq_cloze(text: str) -> bool:
    """`_LOGSEQ_CLOZE.search(text)`, searched only from the first opener that has a `}}` after it."""
    first = text.find("{{cloze")
    return first >= 0 and text.find("}}", first) >= 0 and bool(_LOGSEQ_CLOZE.search(text, first))


def _split(text: str, sep: str) -> tuple[str, str] | None:
    masked = _CODE.sub(lambda m: "\0" * len(m.group(0)), text)
    masked = _mask_clozes(masked)
    masked = _HIGHLIGHT.sub(lambda m: "\0" * len(m.group(0)), masked)
    at = masked.find(sep)
    if at < 0 or (sep == "::" and masked.find(":::") == at) or (sep == "::" and _code_mention(masked, at)):
        return None
    if masked.startswith("=", at + len(sep)):
        return None  # `<expr> ::= <term> | ...`, `e &::= ... | ()`: a grammar's rule, no card
    return text[:at], text[at + len(sep) :]


_FIRST_PERSON = re.compile(r"\b(?:I|I'm|I've|I'd|I'll|me|my|myself)\b")


_WEB_ADDRESS_ONLY = re.compile(r"<?https?://\S+>?")


def metadata_field(key: str, value: str) -> bool:
    """`rating:: 5`, `author:: [[X]]`, `status:: done`: a field about the note, not a card."""
    key_words = plain(key).lower().replace("-", " ").replace("_", " ").split()
    if _WEB_ADDRESS_ONLY.fullmatch(plain(value).strip()):
        return True  # `A history of printing (slides):: https://...`: a reading and where it is, nothing to recall
    if not key_words or len(key_words) > 2:
        return False  # `Carbon atomic weight::12` asks something; field names are short
    if _FIRST_PERSON.search(plain(value)):
        return True  # `thoughts:: I should try it`: the reader's own remark
    return key_words[-1] in _METADATA_KEYS or bool(_METADATA_VALUE.match(value.strip()))


def _side(markdown: str) -> str:
    return card_markdown(_DECK_TAG.sub(" ", markdown)).strip()


# The deck and tags another Anki plugin files a note's cards under: "TARGET DECK: Operating Systems::Booting",
# or the deck alone on the line under "TARGET DECK".
_DECK_DIRECTIVE = re.compile(r"^\s*(?:TARGET DECK|FILE TAGS)\s*(?::|$)", re.I)


def inline_flashcard(view: NoteView) -> Iterator[Card]:
    """`front::back` (basic), `front:::back` (both ways), `term:: meaning` (a definition)."""
    note = view.note
    for block in view.prose(quotes=True):
        previous = ""
        for line, text in block.lines():
            under_directive = previous.strip().upper() in ("TARGET DECK", "FILE TAGS")
            previous = text
            if _DECK_DIRECTIVE.match(text) or under_directive:
                continue  # "TARGET DECK: Operating Systems::Booting": where the cards are filed, no card
            if "::" not in text or _INLINE_FIELD.search(text) or _CODE_PATH.search(_CODE.sub("", text)):
                continue
            if line != block.line and block.kind == "item" and is_property_line(text):
                continue  # Logseq's `card-repeats:: 2` under a block
            reverse = _split(text, ":::")
            parts = reverse or _split(text, "::")
            if parts is None:
                continue
            left, right = parts
            front, back = _side(left), _side(right)
            if not plain(front) or not plain(back):
                continue
            if not reverse and metadata_field(left, right):
                continue
            if not reverse and not left.endswith((" ", "\t")) and right.startswith(" ") and _term_like(front):
                yield make_card(Kind.DEFINITION, plain(front), back, note, block, "inline-flashcard", line=line)
            else:
                yield make_card(
                    Kind.BASIC, front, back, note, block, "inline-flashcard", line=line, reverse=bool(reverse)
                )


def _term_like(front: str) -> bool:
    text = plain(front)
    return 0 < len(text.split()) <= 5 and not text.endswith(("?", ".", "!"))


_CODE_FENCE = re.compile(r"^\s{0,3}(?:`{3,}|~{3,})")
_RULE_LINE = re.compile(r"^\s{0,3}(?:(?:-\s*){3,}|(?:\*\s*){3,}|(?:_\s*){3,})$")


def _card_line(text: str) -> bool:
    """A line that can belong to a multi-line card: not blank, not a heading, not a separator,
    not a thematic break or a front matter fence (`---`)."""
    return (
        bool(text.strip())
        and not _HEADING.match(text)
        and not _RULE_LINE.match(text)
        and text.strip() not in ("?", "??")
    )


def multiline_flashcard(view: NoteView) -> Iterator[Card]:
    """Lines above a lone `?` (or `??`) are the front, lines below it the back, up to a blank line."""
    note = view.note
    lines = note.source_lines
    for block in view.prose():
        for line, text in block.lines():
            sep = text.strip()
            if sep not in ("?", "??"):
                continue
            top = line
            while top > 1 and _card_line(lines[top - 2]):
                top -= 1
            bottom = line
            while bottom < len(lines) and _card_line(lines[bottom]):
                bottom += 1
            front_lines = [t for t in lines[top - 1 : line - 1] if plain(_DECK_TAG.sub(" ", t))]
            if front_lines and not any(LIST_MARKER.match(t) for t in front_lines[1:]):
                front_lines[0] = LIST_MARKER.sub("", front_lines[0])  # one bullet: the question, not a list
            back_lines = lines[line:bottom]
            front, back = _side("\n".join(front_lines)), _side("\n".join(back_lines))
            if not front or not back:
                continue
            claims = tuple(range(top, bottom + 1))
            # a front that opens on a code fence is cited where its words begin
            first = next((n for n in range(top, line) if not _CODE_FENCE.match(lines[n - 1])), top)
            yield make_card(
                Kind.BASIC,
                front,
                back,
                note,
                block,
                "multiline-flashcard",
                line=first,
                reverse=sep == "??",
                claims=claims,
            )


def anki_cloze(view: NoteView) -> Iterator[Card]:
    """A paragraph or item already holding `{{c1::...}}` clozes is a cloze card as written;
    Logseq's `{{cloze text}}` macros are numbered c1, c2, ... in order."""
    note = view.note
    deck = any(_DECK_TAG.match("#" + tag.replace("::", "/")) for tag in note.tags)
    for block in view.prose(quotes=True):
        if "{{" not in block.text:
            continue
        masked = _CODE.sub(lambda m: "\0" * len(m.group(0)), block.text)
        curly = deck and bool(_OSR_CLOZE.search(masked))
        if next(_cloze_spans(masked), None) is None and not _logseq_cloze(masked) and not curly:
            continue
        text = _numbered(block.text, _OSR_CLOZE if curly else None)
        # cite the line of the first cloze: a block's first line may be all comment on disk
        line = next((n for n, part in block.lines() if "{{" in part), block.line)
        yield make_card(Kind.CLOZE, _side(text), "", note, block, "anki-cloze", line=line, claims=block_lines(block))


def _numbered(text: str, curly: re.Pattern[str] | None = None) -> str:
    """`{{cloze a}} ... {{cloze b}}` (and, in a flashcards note, the plugin's `{{a}} ... {{b}}`)
    -> `{{c1::a}} ... {{c2::b}}`."""
    parts = (curly or _LOGSEQ_CLOZE).split(text)
    out = parts[:1]
    for n, (inner, after) in enumerate(zip(parts[1::2], parts[2::2], strict=True), start=1):
        out.append(f"{{{{c{n}::{inner.strip()}}}}}{after}")
    return "".join(out)


def card_tag(view: NoteView) -> Iterator[Card]:
    """`Front #card` (a line, an item or a heading), or a heading with `#card` on the line under
    it: an item's nested items, or else the lines right under the front up to a blank line, answer.
    `#card-reverse` asks both ways."""
    note = view.note
    if not any("#card" in line.lower() for line in note.source_lines):
        return
    headings = {b.line: b for b in note.walk() if b.kind == "heading" and not silent_section(b)}
    blocks = list(view.prose()) + list(headings.values())
    for block in sorted(blocks, key=lambda b: b.line):
        first = block.text.split("\n", 1)[0]
        match = _CARD_TAG.search(first)
        if not match:
            continue
        line = block.line
        if plain(first[: match.start()]):
            front_text = first[: match.start()]
        elif block.kind == "paragraph" and block.line - 1 in headings:
            front_text, line = headings[block.line - 1].text, block.line - 1
        else:
            continue
        back_lines, claims = _lines_under(note, block.line)
        if block.kind == "item":
            rest = without_properties(block.text).split("\n")[1:]
            back_lines = [card_markdown(t) for t in rest if t.strip()]
            claims = [block.line + 1 + k for k in range(block.text.count("\n"))]
            for child in block.children:
                back_lines.extend(block_markdown(child))
                claims.extend(block_lines(child))
        back = "\n".join(b for b in back_lines if b)
        if back:
            reverse = bool(match.group("rev") or match.group("rev2"))
            yield make_card(
                Kind.BASIC,
                _side(front_text),
                back,
                note,
                block,
                "card-tag",
                line=line,
                reverse=reverse,
                claims=tuple(claims),
            )


def _lines_under(note: Note, line: int) -> tuple[list[str], list[int]]:
    """The lines right under a line, up to the first blank line or heading."""
    lines = note.source_lines
    out: list[str] = []
    claims: list[int] = []
    n = line + 1
    while n <= len(lines) and lines[n - 1].strip() and not _HEADING.match(lines[n - 1]):
        out.append(card_markdown(lines[n - 1]))
        claims.append(n)
        n += 1
    return out, claims


_FRONT = re.compile(r"^(?:\*\*)?Front(?:\*\*)?\s*:(?:\*\*)?\s*(?P<text>\S.*)$", re.I)
_BACK = re.compile(r"^(?:\*\*)?Back(?:\*\*)?\s*:(?:\*\*)?\s*(?P<text>.*)$", re.I)
_O2A_FENCE = frozenset({"start", "end"})


def front_back(view: NoteView) -> Iterator[Card]:
    """Obsidian_to_Anki's blocks: `START` / a note type (`Basic`) / `Front: ...` / `Back: ...` /
    `END`; a `Front:` line with a `Back:` line under it in the same paragraph is a card anyway.
    `Basic (and reversed card)` asks both ways."""
    note = view.note
    for block in view.prose():
        lines = block.lines()
        fronts = [k for k, (_, text) in enumerate(lines) if _FRONT.match(text.strip())]
        for n, k in enumerate(fronts):
            stop = fronts[n + 1] if n + 1 < len(fronts) else len(lines)
            backs = [j for j in range(k + 1, stop) if _BACK.match(lines[j][1].strip())]
            if not backs:
                continue
            front_lines = [_FRONT.sub(r"\g<text>", lines[k][1].strip())]
            front_lines += [text for _, text in lines[k + 1 : backs[0]]]
            back_lines = [_BACK.sub(r"\g<text>", lines[backs[0]][1].strip())]
            back_lines += [text for _, text in lines[backs[0] + 1 : stop] if text.strip().lower() not in _O2A_FENCE]
            front, back = _side("\n".join(front_lines)), _side("\n".join(back_lines))
            if not plain(front) or not plain(back):
                continue
            kind_line = lines[k - 1][1].strip().lower() if k else ""
            claims = tuple(line for line, _ in lines)
            yield make_card(
                Kind.BASIC,
                front,
                back,
                note,
                block,
                "front-back",
                line=lines[k][0],
                reverse="reverse" in kind_line,
                claims=claims,
            )
