"""Parse a note: front matter (front_matter.py), then the body with markdown-it-py into a tree of Blocks.

This module builds the one Markdown parser of the project (`parser()`); every other module that
needs Markdown gets it from here.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache, lru_cache
from html import escape
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.deflist import deflist_plugin
from mdit_py_plugins.dollarmath import dollarmath_plugin
from mdit_py_plugins.tasklists import tasklists_plugin

from .front_matter import anki_tag, front_matter_list, front_matter_tags, read_front_matter, split_front_matter
from .model import Block, Note, NoteFile, Problem, file_title, frozen_map
from .obsidian import callout_plugin, mark_plugin, tag_plugin, wikilink_plugin


@cache
def parser() -> MarkdownIt:
    """The project's Markdown parser: CommonMark, tables, strikethrough, definition lists,
    task lists, `$math$`, and the Obsidian plugins."""
    return _configured()


@cache
def _block_parser() -> MarkdownIt:
    """The project's parser without the inline pass: a note's blocks only. A block's inline tokens
    are parsed when a rule first asks for them (`inline_children`), and most never are: the
    inline pass was half of the parse. Task list items are found by `_TreeBuilder.item`."""
    md = _configured()
    md.core.ruler.disable(["inline", "github-tasklists", "text_join"])
    return md


def _configured() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
    md.use(deflist_plugin).use(tasklists_plugin)
    md.use(dollarmath_plugin, double_inline=True, renderer=_mathjax)
    md.use(wikilink_plugin).use(mark_plugin).use(tag_plugin).use(callout_plugin)
    return md


_INLINE: dict[str, tuple[Token, ...]] = {}
_INLINE_KEPT = 8192


def inline_children(markdown: str) -> tuple[Token, ...]:
    """The inline tokens of a text. Every rule reads the same block texts, so answers are kept
    (those of the note parsed last, and a few thousand more). Callers only read the tokens,
    never change them."""
    found = _INLINE.get(markdown)
    if found is None:
        tokens = parser().parseInline(markdown)
        found = tuple(tokens[0].children or ()) if tokens else ()
        if len(_INLINE) >= _INLINE_KEPT:
            del _INLINE[next(iter(_INLINE))]  # the oldest
        _INLINE[markdown] = found
    return found


def _mathjax(content: str, options: Mapping[str, Any]) -> str:
    """Math as Anki's MathJax delimiters: `\\(x\\)` inline, `\\[x\\]` displayed."""
    body = escape(content.strip(), quote=False)
    return f"\\[{body}\\]" if options.get("display_mode") else f"\\({body}\\)"


# ---------------------------------------------------------------------------- body

_PASTED_BULLET = re.compile(r"^([ \t]*)[•◦▪‣●○■∙·][ \t\u00a0]", re.M)
_COMMENTS = (("%%", "%%"), ("<!--", "-->"))
# `1.  # of cracks`: a list item that counts something ("# of" is "number of"), not a heading in it
_NUMBER_OF = re.compile(r"^([ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+)#(?=[ \t]+of\b)", re.M)


# The list callouts of Obsidian's List Callouts plugin: `- & key point`, `- ? a question`, `- ! a
# warning`, `- @ a person`, `- % a note`: a mark that colours the item, not part of what it says
# (`~` and `$` are left, as "about" and a price; "% of users" is a share). The mark follows an
# item's bullet, in a quote too.
_CALLOUT_ITEM = r"^([ \t>]*(?:[-*+]|\d{1,9}[.)])[ \t]+)"
_LIST_CALLOUT = re.compile(rf"{_CALLOUT_ITEM}(?:[&?!@]|%(?![ \t]+of\b))[ \t]+(?=\S)", re.M)
# The Highlightr plugin's highlight, `<mark style="background: #FFB86CA6;">text</mark>`: its style
# holds a colon that `Term: meaning` would be cut at.
_HIGHLIGHTR = re.compile(r"<mark\s+style=\"background(?:-color)?:[^\"<>\n]*\">([^<\n=]+?)</mark>", re.I)


def as_highlight(match: re.Match[str]) -> str:
    """`represents<mark ...> a person</mark>` -> `represents ==a person==`: a highlight opens on a word."""
    inner = match.group(1)
    said = inner.strip()
    if not said or "==" in said:
        return inner
    return f"{inner[: len(inner) - len(inner.lstrip())]}=={said}=={inner[len(inner.rstrip()) :]}"


# A kramdown attribute list on its own line (Jekyll sites of notes): `{:.info}`, `{: .notice--warning}`
# styles the block above it, it says nothing
_ATTRIBUTE_LIST = re.compile(r"^[ \t>]*\{:[^{}\n]*\}[ \t]*$", re.M)


# A GitBook or Liquid tag on its own line: `{% hint style="info" %}`, `{% step %}`, `{% endtabs %}`
# frames the blocks between, it says nothing. (Inside a code block it is the code: a Jinja template.)
_TEMPLATE_TAG = re.compile(r"[ \t>]*\{%-?[^{}\n]*-?%\}[ \t]*")
_FENCE = re.compile(r"[ \t>]*(`{3,}|~{3,})")


# A page break for the PDF a note is also printed to (pandoc's `\newpage`): layout, no text
_PAGE_BREAK = re.compile(r"[ \t>]*\\(?:newpage|pagebreak|clearpage)[ \t]*")


def _blank_lines(body: str, pattern: re.Pattern[str], keep: str = "") -> str:
    """The lines the pattern matches whole, outside code blocks, blanked (or cut to the group `keep`)."""
    lines = body.split("\n")
    fence = ""
    for i, line in enumerate(lines):
        opened = _FENCE.match(line)
        if opened and (not fence or opened.group(1).startswith(fence)):
            fence = "" if fence else opened.group(1)[:3]
        elif not fence and (found := pattern.fullmatch(line)):
            lines[i] = found.group(keep) if keep else ""
    return "\n".join(lines)


# A line of only `=` or `-`: under a paragraph it would make the paragraph a heading
_UNDERLINE = re.compile(r"(?P<lead>[ \t>]*)(?P<rule>=+|-+)[ \t]*")
# A line a paragraph goes on after: words, not a blank line or a heading
_SENTENCE = re.compile(r"[ \t>]*[^\s>#]")


def _math_rules(body: str) -> str:
    """A `=` or `-` alone on a line of a `$$` formula (a matrix, then `=`, then a vector) indented
    out of Markdown's reach: a formula opened right under a sentence is part of its paragraph, and
    its `=` line would make the sentence and the formula one long heading over what follows."""
    lines = body.split("\n")
    fence = ""
    math = in_paragraph = False
    for i, line in enumerate(lines):
        opened = _FENCE.match(line)
        if opened and (not fence or opened.group(1).startswith(fence)):
            fence = "" if fence else opened.group(1)[:3]
        elif not fence:
            if in_paragraph and lines[i - 1].strip() and (rule := _UNDERLINE.fullmatch(line)):
                lines[i] = f"{rule.group('lead')}    {rule.group('rule')}"
            if line.count("$$") % 2:
                math = not math  # a formula set apart by a blank line is a block of its own: left as written
                in_paragraph = math and bool(line.split("$$")[0].strip(" \t>") or (i and _SENTENCE.match(lines[i - 1])))
    return "\n".join(lines)


# A heading's identifier or class in braces (pandoc, kramdown: `## Density-based {#5-density}`): a
# link target, no words of the heading
_HEADING_ID = re.compile(r"(?P<heading>[ \t]{0,3}#{1,6}[ \t].*?)[ \t]*\{[#.][\w:.-]+(?:[ \t]+[#.][\w:.-]+)*\}[ \t]*")


@lru_cache(maxsize=8)
def _vault_list_callout(marks: str) -> re.Pattern[str]:
    """`_LIST_CALLOUT` for the marks a vault's List Callouts settings name (`$` and `~` too, there)."""
    return re.compile(rf"{_CALLOUT_ITEM}[{re.escape(marks)}][ \t]+(?=\S)", re.M)


def _prepare(body: str, list_marks: str = "") -> str:
    """Make pasted `•` bullets list items, an item's "# of" a number rather than a heading, the
    Highlightr plugin's highlights Obsidian's `==text==`, drop list callouts' marks, kramdown's
    attribute lists, GitBook's tags, LaTeX page breaks and headings' identifiers, keep a formula's `=`
    lines from underlining a heading, and blank out comments, keeping every line in place."""
    body = _PASTED_BULLET.sub(lambda m: m.group(1) + "- ", body)
    if "{:" in body:
        body = _ATTRIBUTE_LIST.sub("", body)
    if "{%" in body:
        body = _blank_lines(body, _TEMPLATE_TAG)
    if "\\newpage" in body or "\\pagebreak" in body or "\\clearpage" in body:
        body = _blank_lines(body, _PAGE_BREAK)
    if "{#" in body or "{." in body:
        body = _blank_lines(body, _HEADING_ID, keep="heading")
    body = _LIST_CALLOUT.sub(r"\1", body)
    if list_marks:
        body = _vault_list_callout(list_marks).sub(r"\1", body)
    if "# of" in body:
        body = _NUMBER_OF.sub(r"\1\\#", body)
    if "<mark" in body:
        body = _HIGHLIGHTR.sub(as_highlight, body)
    if "$$" in body:
        body = _math_rules(body)
    return _blank_comments(body)


def _blank_comments(body: str) -> str:
    """`%%...%%` and `<!--...-->` replaced by their line breaks, in one pass: a regex such as
    `%%.*?%%` rescans to the end for each unclosed opener, minutes for a line of many `<!--`."""
    out: list[str] = []
    pos = 0
    live = list(_COMMENTS)
    while live:
        starts = [(body.find(opener, pos), opener, closer) for opener, closer in live]
        live = [(opener, closer) for start, opener, closer in starts if start >= 0]
        if not live:
            break
        start, opener, closer = min(s for s in starts if s[0] >= 0)
        end = body.find(closer, start + len(opener))
        if end < 0:  # no closer after this opener, so none after any later one either
            live.remove((opener, closer))
            continue
        end += len(closer)
        out.append(body[pos:start] + "\n" * body.count("\n", start, end))
        pos = end
    out.append(body[pos:])
    return "".join(out)


# Emoji and pictographs a heading or a line opens with (`## 🔐 Advantages`, `✅ Done:`): decoration,
# not words. Math symbols (`∇ operator`) are not among them. Regex character classes, repeated.
_PICTOGRAPHS = r"\u2300-\u23ff\u2460-\u24ff\u25a0-\u27bf\u2b00-\u2bff\U0001f000-\U0001faff\ufe0f\u200d\s"
DECORATION = rf"[\u2190-\u21ff{_PICTOGRAPHS}]"
_DECORATED = re.compile(rf"^{DECORATION}+(?=[\w*_`$\[])")
_PICTURED = re.compile(rf"^[{_PICTOGRAPHS}]+(?=[\w*_`$\[])")


def undecorated(title: str, arrows: bool = True) -> str:
    """A heading without the emoji before its words, which name it: rules match them and prompts
    quote them ("Advantages of Relational Databases?"). A heading of emoji alone stays. A line's
    arrow (`→ so the pdf is ...`) says it follows from the line above: `arrows=False` keeps it."""
    return (_DECORATED if arrows else _PICTURED).sub("", title, count=1)


@dataclass
class _Draft:
    kind: str
    text: str
    line: int
    depth: int = 0
    meta: dict[str, Any] = field(default_factory=dict)
    children: list[_Draft] = field(default_factory=list)
    section: tuple[str, ...] = ()
    headings: tuple[int, ...] = ()
    own_tags: list[str] = field(default_factory=list)
    line_tags: list[str] = field(default_factory=list)
    """Tags written on a line with text: they belong to this block only (`What is X? #exam`)."""


def _inline_tags(token: Token) -> list[str]:
    if "#" not in token.content:
        return []
    return [anki_tag(c.meta["name"]) for c in inline_children(token.content) if c.type == "tag"]


# What the tasklists plugin reads as a task's box: `[ ]`, `[x]` or `[X]`, then whitespace.
_TASK_LIST_BOX = re.compile(r"\[[ xX]\][ \t\n\v\f\r]+")


class _TreeBuilder:
    """Turns markdown-it's flat token stream into nested drafts, tracking the heading path."""

    def __init__(self, tokens: list[Token], first_line: int) -> None:
        self.tokens = tokens
        self.first_line = first_line
        self.i = 0
        self.stack: list[tuple[int, str, int]] = []  # (level, title, heading number)
        self.headings = 0

    def line(self, token: Token) -> int:
        return (token.map[0] if token.map else 0) + self.first_line

    def draft(self, kind: str, text: str, token: Token, **kw: Any) -> _Draft:
        return _Draft(
            kind,
            text,
            self.line(token),
            section=tuple(t for _, t, _ in self.stack),
            headings=tuple(n for _, _, n in self.stack),
            **kw,
        )

    def blocks(self, stop: str | None = None, depth: int = 0) -> list[_Draft]:
        out: list[_Draft] = []
        tokens = self.tokens
        while self.i < len(tokens):
            token = tokens[self.i]
            kind = token.type
            if kind == stop:
                self.i += 1
                return out
            if kind == "heading_open":
                out.append(self.heading(token, tokens[self.i + 1]))
                self.i += 3
            elif kind == "paragraph_open":
                inline = tokens[self.i + 1]
                if inline.content.strip():
                    out.append(self.draft("paragraph", inline.content, inline, own_tags=_inline_tags(inline)))
                self.i += 3
            elif kind in ("bullet_list_open", "ordered_list_open"):
                self.i += 1
                out.extend(self.blocks(kind.replace("_open", "_close"), depth))
            elif kind == "list_item_open":
                out.append(self.item(token, depth))
            elif kind == "blockquote_open":
                callout = (token.meta or {}).get("callout")
                self.i += 1
                quote = self.draft("callout" if callout else "quote", "", token, meta=dict(callout or {}))
                quote.children = self.blocks("blockquote_close", depth)
                out.append(quote)
            elif kind in ("fence", "code_block"):
                out.append(self.draft("code", token.content, token, meta={"info": token.info.strip()}))
                self.i += 1
            elif kind == "math_block":
                out.append(self.draft("math", token.content, token))
                self.i += 1
            elif kind == "html_block":
                out.append(self.draft("html", token.content, token))
                self.i += 1
            elif kind == "hr":
                out.append(self.draft("hr", "", token))
                self.i += 1
            elif kind == "table_open":
                out.append(self.table(token))
            elif kind == "dl_open":
                self.i += 1
                out.extend(self.deflist(depth))
            else:
                self.i += 1
        return out

    def heading(self, token: Token, inline: Token) -> _Draft:
        level = int(token.tag[1])
        while self.stack and self.stack[-1][0] >= level:
            self.stack.pop()
        self.headings += 1
        title = undecorated(inline.content.strip())
        self.stack.append((level, title, self.headings))
        return self.draft("heading", title, token, depth=level, own_tags=_inline_tags(inline))

    def item(self, token: Token, depth: int) -> _Draft:
        item = self.draft("item", "", token, depth=depth)
        item.meta = {"marker": token.markup, "info": token.info}
        tokens = self.tokens
        if self.i + 2 < len(tokens) and tokens[self.i + 1].type == "paragraph_open":
            # as the tasklists plugin reads the item's first paragraph: its box is cut off
            inline = tokens[self.i + 2]
            if inline.type == "inline" and _TASK_LIST_BOX.match(inline.content):
                inline.content = inline.content[3:]
                item.meta["task"] = True
        self.i += 1
        children = self.blocks("list_item_close", depth + 1)
        if children and children[0].kind == "paragraph" and children[0].line == item.line:
            first = children.pop(0)
            item.text, item.own_tags = first.text, first.own_tags
        item.children = children
        return item

    def table(self, token: Token) -> _Draft:
        rows: list[tuple[int, list[str]]] = []
        row: list[str] = []
        row_line = self.line(token)
        self.i += 1
        while self.i < len(self.tokens) and self.tokens[self.i].type != "table_close":
            t = self.tokens[self.i]
            if t.type == "tr_open":
                row, row_line = [], self.line(t)
            elif t.type == "inline":
                row.append(t.content)
            elif t.type == "tr_close":
                rows.append((row_line, row))
            self.i += 1
        self.i += 1
        header = rows[0][1] if rows else []
        return self.draft("table", "", token, meta={"header": header, "rows": rows[1:]})

    def deflist(self, depth: int) -> list[_Draft]:
        terms: list[_Draft] = []
        while self.i < len(self.tokens) and self.tokens[self.i].type != "dl_close":
            t = self.tokens[self.i]
            if t.type == "dt_open":
                inline = self.tokens[self.i + 1]
                terms.append(self.draft("term", inline.content, t, own_tags=_inline_tags(inline)))
                self.i += 3
            elif t.type == "dd_open":
                self.i += 1
                definitions = self.blocks("dd_close", depth + 1)
                if terms:
                    terms[-1].children.extend(definitions)
            else:
                self.i += 1
        self.i += 1
        return terms


def _flatten(drafts: list[_Draft]) -> list[_Draft]:
    out: list[_Draft] = []
    for d in drafts:
        out.append(d)
        out.extend(_flatten(d.children))
    return out


def _freeze(draft: _Draft, tags_of: Mapping[int, list[str]], note_tags: list[str]) -> Block:
    tags = list(note_tags)
    for number in draft.headings:
        tags.extend(tags_of.get(number, ()))
    tags.extend(draft.line_tags)
    return Block(
        kind=draft.kind,
        text=draft.text,
        line=draft.line,
        depth=draft.depth,
        children=tuple(_freeze(c, tags_of, note_tags) for c in draft.children),
        section=draft.section,
        tags=tuple(dict.fromkeys(tags)),
        meta=frozen_map(draft.meta),
    )


# Tags that steer the whole note or section wherever they are written (extract.note_opted_out,
# the flashcard plugin's deck tags): never a single line's.
_STEERING_TAGS = re.compile(r"(?:nocards|flashcards?|cards?|srs|anki)(?:::.*)?", re.I)
_TEXT = re.compile(r"[^\W_]")


def _split_line_tags(draft: _Draft) -> list[str]:
    """The draft's tags that belong to its section (or note): those that open a line (`#bib #graph`
    under the title, `#ml notes on training`), and in a paragraph those after nothing but links (a
    source's title and its topics: `[An article](https://...) #ai #ml`). A tag written after text
    on a line is the draft's own (`draft.line_tags`): it tags the card made from that line
    (`What is X? #exam`), not the cards after it."""
    if not draft.own_tags:
        return []
    loose: list[str] = []
    for line in draft.text.split("\n"):
        if "#" not in line:
            continue
        after_text = False
        links = 0
        for token in inline_children(line):
            links += {"link_open": 1, "link_close": -1}.get(token.type, 0)
            if token.type != "tag":
                linked = links > 0 or token.type in ("wikilink", "embed", "link_close")
                after_text = after_text or (
                    bool(_TEXT.search(token.content)) and not (linked and draft.kind == "paragraph")
                )
                continue
            tag = anki_tag(token.meta["name"])
            if tag in draft.own_tags:  # as the block's own parse found it (a line alone may read otherwise)
                (draft.line_tags if after_text and not _STEERING_TAGS.fullmatch(tag) else loose).append(tag)
    return loose + [t for t in draft.own_tags if t not in loose and t not in draft.line_tags]


def _oddities(file: NoteFile, raw: str | None, tokens: list[Token], body_line: int) -> tuple[Problem, ...]:
    """What the parser passed over and the user should hear of: an unclosed front matter fence,
    blocks nested past markdown-it's `maxNesting` (it drops what is deeper, which also bounds the
    recursion of the block tree)."""
    found: list[Problem] = []
    if raw is None and re.match(r"---[ \t]*(\n|$)", file.text) and file.text.count("\n") > 0:
        found.append(Problem(file.path, 1, "front matter has no closing ---; read as text"))
    limit = parser().options["maxNesting"] - 1
    deep = next((t for t in tokens if t.nesting == 1 and t.level >= limit and t.map), None)
    if deep is not None and deep.map is not None:
        message = "nested too deep for the parser; the deeper part is not read"
        found.append(Problem(file.path, deep.map[0] + body_line, message))
    return tuple(found)


def parse_note(file: NoteFile, list_marks: str = "") -> Note:
    """A NoteFile into a Note. Never raises on odd Markdown: what cannot be read is a Problem.
    `list_marks`: the marks the vault's List Callouts plugin is set to colour list items by
    (vault.list_callout_marks), dropped as the plugin's default ones always are."""
    raw, body, body_line = split_front_matter(file.text)
    data, problems = read_front_matter(raw, file.path) if raw is not None else ({}, ())
    prepared = _prepare(body, list_marks)
    env: dict[str, Any] = {}
    tokens = _block_parser().parse(prepared, env)
    _INLINE.clear()  # the last note's texts: extraction reads this note's (a worker's memory stays small)
    problems += _oddities(file, raw, tokens, body_line)
    drafts = _TreeBuilder(tokens, body_line).blocks()

    note_tags = front_matter_tags(data)
    tags_of: dict[int, list[str]] = {}
    preamble_line_tags: list[str] = []
    for d in _flatten(drafts):
        if d.kind == "heading":
            tags_of.setdefault(d.headings[-1], []).extend(d.own_tags)
            continue
        loose = _split_line_tags(d)
        if d.headings:
            tags_of.setdefault(d.headings[-1], []).extend(loose)
        else:
            note_tags.extend(loose)
            preamble_line_tags.extend(d.line_tags)
    note_tags = list(dict.fromkeys(note_tags))

    return Note(
        path=file.path,
        title=file_title(file.path),
        front_matter=frozen_map(data),
        tags=tuple(dict.fromkeys((*note_tags, *preamble_line_tags))),
        blocks=tuple(_freeze(d, tags_of, note_tags) for d in drafts),
        body_line=body_line,
        aliases=tuple(front_matter_list(data, "aliases", "alias")),
        problems=file.problems + problems,
        source_lines=("",) * (body_line - 1) + tuple(prepared.split("\n")),
    )
