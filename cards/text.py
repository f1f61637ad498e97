"""Card text from a note's inline Markdown.

`card_markdown` keeps what a card should show (emphasis, code, links, math, images) and turns
Obsidian syntax into plain Markdown: wikilinks become their text, embeds become images, inline
HTML is reduced to its text, entities are decoded, trailing tags dropped. `plain` removes every
mark, for fronts and for matching.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from markdown_it.token import Token

from .obsidian import IMAGE_SUFFIXES, link_text
from .parse import parser

_CARD_MARKS = {
    "em_open": "*",
    "em_close": "*",
    "strong_open": "**",
    "strong_close": "**",
    "s_open": "~~",
    "s_close": "~~",
    "mark_open": "==",
    "mark_close": "==",
}


def inline_tokens(markdown: str) -> list[Token]:
    tokens = parser().parseInline(markdown)
    return list(tokens[0].children or ()) if tokens else []


def _only_tags_follow(tokens: Sequence[Token], i: int) -> bool:
    return all(t.type == "tag" or (t.type in ("text", "softbreak") and not t.content.strip()) for t in tokens[i:])


# Text the note wrote as `&lt;div&gt;` or `\\<div>` reaches a text token as `<div>`: written back
# into Markdown as is, it would become a tag. Only what could start a tag or an entity is escaped.
_SYNTAX_AGAIN = re.compile(r"<(?=[A-Za-z/!?])|&(?=#?\w+;)")
_AS_TEXT = {"<": "&lt;", "&": "&amp;"}


def render(tokens: Sequence[Token], marks: bool) -> str:
    """Tokens of one inline run back to Markdown (marks=True) or to plain text."""
    out: list[str] = []
    link_stack: list[str] = []
    for i, t in enumerate(tokens):
        kind = t.type
        if kind == "text":
            out.append(_SYNTAX_AGAIN.sub(lambda m: _AS_TEXT[m.group(0)[0]], t.content) if marks else t.content)
        elif kind in ("softbreak", "hardbreak"):
            out.append("\n" if marks else " ")
        elif kind == "code_inline":
            out.append(f"`{t.content}`" if marks else t.content)
        elif kind in ("math_inline", "math_inline_double"):
            delim = "$$" if kind.endswith("double") else "$"
            out.append(f"{delim}{t.content}{delim}" if marks else t.content)
        elif kind in _CARD_MARKS:
            out.append(_CARD_MARKS[kind] if marks else "")
        elif kind == "link_open":
            href = str(t.attrs.get("href", ""))
            autolink = t.markup == "autolink"
            link_stack.append("" if autolink or not marks else f"]({href})")
            out.append("" if autolink or not marks else "[")
        elif kind == "link_close":
            out.append(link_stack.pop() if link_stack else "")
        elif kind == "image":
            alt = render(t.children or (), marks=False)
            out.append(f"![{alt}]({t.attrs.get('src', '')})" if marks else "")
        elif kind == "wikilink":
            out.append(link_text(t.meta["target"], t.meta["alias"]))
        elif kind == "embed":
            target = t.meta["target"]
            if target.lower().endswith(IMAGE_SUFFIXES):
                size = (t.meta["alias"] or "").strip()  # Obsidian's `![alt|400](img)` keeps `![[img|400]]`'s size
                alt = f"|{size}" if re.fullmatch(r"\d+(?:x\d+)?", size) else ""
                out.append(f"![{alt}]({target.replace(' ', '%20')})" if marks else "")
            else:
                out.append(link_text(target, t.meta["alias"]))
        elif kind == "tag":
            out.append("" if _only_tags_follow(tokens, i) else t.meta["name"])
        # html_inline and anything unknown: dropped, the text around it stays
    return "".join(out)


def card_markdown(markdown: str) -> str:
    """Inline Markdown of a note as Markdown for a card."""
    text = render(inline_tokens(markdown), marks=True)
    lines = [" ".join(line.split()) for line in text.split("\n")]
    return "\n".join(line for line in lines if line).strip()


def plain(markdown: str) -> str:
    """Inline Markdown as plain text, on one line."""
    return " ".join(render(inline_tokens(markdown), marks=False).split())


_ABBREVIATIONS = ("e.g.", "i.e.", "etc.", "vs.", "cf.", "Dr.", "Mr.", "Mrs.", "Ms.", "al.", "approx.", "Fig.", "fig.")
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9*_=`$\[])")


def sentences(text: str) -> list[tuple[int, int]]:
    """Spans of the sentences of one paragraph, abbreviations such as "e.g." kept whole."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        before = text[start : match.start()]
        if before.endswith(_ABBREVIATIONS) or re.search(r"\b[A-Z]\.$", before):
            continue
        spans.append((start, match.start()))
        start = match.end()
    if text[start:].strip():
        spans.append((start, len(text)))
    return spans


def first_sentences(text: str, limit: int = 300) -> str:
    """As many whole sentences as fit in `limit` characters (at least one), so a card stays atomic."""
    spans = sentences(text)
    if not spans:
        return text.strip()
    end = spans[0][1]
    for _, e in spans[1:]:
        if e > limit:
            break
        end = e
    return text[:end].strip()
