"""Card text from a note's inline Markdown.

`card_markdown` keeps what a card should show (emphasis, code, links, math, images) and turns
Obsidian syntax into plain Markdown: wikilinks become their text, embeds become images, inline
HTML is reduced to its text, entities are decoded, trailing tags dropped. `plain` removes every
mark, for fronts and for matching.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache, lru_cache
from itertools import islice

from markdown_it.token import Token

from .obsidian import IMAGE_SUFFIXES, SHOWN_ONLY_SUFFIXES, link_text
from .parse import DECORATION, inline_children

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


inline_tokens = inline_children
"""The inline tokens of a text (parse.inline_children: kept, and filed by the block parse)."""


# Tags that say what to do with a note, not what it is about: kept as the card's tags, never shown
# in its text, wherever they are in the line (`... and ==warmup== #look_into raises the rate`).
WORKFLOW_TAG = re.compile(
    r"(?:to[_-]?do|todos?|look[_-]?into|fix[_-]?me|wip|draft|inbox|later|read[_-]?later|to[_-]?read|revisit|follow[_-]?up)",
    re.I,
)


def _tag_or_blank(token: Token) -> bool:
    return token.type == "tag" or (token.type in ("text", "softbreak") and not token.content.strip())


def _only_tags(tokens: Sequence[Token]) -> bool:
    return all(map(_tag_or_blank, tokens))


# A tag that opens a text marks the sentence after it rather than being its first word when a space
# and a capital, a formula, a link or emphasis follow (`#Definition The variance ...`, `#bib [A
# paper](...)`). A lowercase word goes on from the tag (`#pragma omp task`, `#ml notes on training`),
# and a colon makes it the term (`#Evidence-Lower-Bound: ...`).
_SENTENCE_AFTER = re.compile(r"\s*[A-Z{]")
_MARKUP_AFTER = ("strong_open", "em_open", "link_open", "wikilink", "math_inline", "code_inline", "mark_open")


def _opens_line(tokens: Sequence[Token], i: int) -> bool:
    """Nothing but tags before token i on its line."""
    for j in range(i - 1, -1, -1):
        if tokens[j].type == "softbreak":
            return True
        if not _tag_or_blank(tokens[j]):
            return False
    return True


def _marks_line(tokens: Sequence[Token], i: int) -> bool:
    if i + 1 >= len(tokens) or not tokens[i + 1].content[:1].isspace() or not _opens_line(tokens, i):
        return False
    first = next((t for t in islice(tokens, i + 1, None) if not _tag_or_blank(t)), None)
    if first is None:
        return False
    return bool(_SENTENCE_AFTER.match(first.content)) if first.type == "text" else first.type in _MARKUP_AFTER


# Text the note wrote as `&lt;div&gt;` or `\\<div>` reaches a text token as `<div>`: written back
# into Markdown as is, it would become a tag. Only what could start a tag or an entity is escaped.
_SYNTAX_AGAIN = re.compile(r"<(?=[A-Za-z/!?])|&(?=#?\w+;)")
_AS_TEXT = {"<": "&lt;", "&": "&amp;"}


def render(tokens: Sequence[Token], marks: bool, math: bool = False) -> str:
    """Tokens of one inline run back to Markdown (marks=True) or to plain text (with its formulas
    still between dollars when math=True)."""
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
            out.append(f"{delim}{t.content}{delim}" if marks or math else t.content)
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
            shown = link_text(t.meta["target"], t.meta["alias"])
            out.append(_SYNTAX_AGAIN.sub(lambda m: _AS_TEXT[m.group(0)[0]], shown) if marks else shown)
        elif kind == "embed":
            target = t.meta["target"]
            if target.lower().endswith(IMAGE_SUFFIXES):
                size = (t.meta["alias"] or "").strip()  # Obsidian's `![alt|400](img)` keeps `![[img|400]]`'s size
                alt = f"|{size}" if _SIZE.fullmatch(size) else ""
                out.append(f"![{alt}]({target.replace(' ', '%20')})" if marks else "")
            # a drawing sized for the page (`![[Drawing.excalidraw|900]]`): no text; its size is none. A
            # drawing, a PDF, a sound or a film shown in the note (`![[Drawing 2022-09-12.excalidraw]]`):
            # no text either, its file name says nothing of it
            elif not (_SIZE.fullmatch((t.meta["alias"] or "").strip()) or target.lower().endswith(SHOWN_ONLY_SUFFIXES)):
                out.append(link_text(target, t.meta["alias"]))
        elif kind == "tag":
            shown = not (_only_tags(tokens[i:]) or _marks_line(tokens, i) or WORKFLOW_TAG.fullmatch(t.meta["name"]))
            out.append(t.meta["name"] if shown else "")
        elif kind == "html_inline" and re.match(r"<br\s*/?>", t.content, re.I):
            out.append("\n" if marks else " ")
        # other inline HTML and anything unknown: dropped, the text around it stays
    return "".join(out)


# An embed's alias that is its size on the page (`|400`, `|266x320`), not text.
_SIZE = re.compile(r"\d+(?:x\d+)?")


# A character that may start inline syntax (or that the parser's input normalisation changes):
# text without any is its own rendering, and most term and meaning texts are like that.
_INLINE_SYNTAX = re.compile(r"[\\`*_\[\]<>&#$=~!\r\0]")


# A footnote's reference (`[^1]`: its text is elsewhere in the note) and an Obsidian block id at the
# end of a line (`... derivatives ^grad1`, shown by nothing in Obsidian): no part of a card's text.
_NOT_SHOWN = re.compile(r"\[\^[^\]\s]{1,40}\]|[ \t]\^[A-Za-z0-9-]{1,40}(?=[ \t]*(?:\n|$))")


def _unshown(markdown: str) -> str:
    return _NOT_SHOWN.sub("", markdown) if "^" in markdown else markdown


@lru_cache(maxsize=8192)
def card_markdown(markdown: str) -> str:
    """Inline Markdown of a note as Markdown for a card."""
    markdown = _unshown(markdown)
    text = render(inline_tokens(markdown), marks=True) if _INLINE_SYNTAX.search(markdown) else markdown
    lines = [" ".join(line.split()) for line in text.split("\n")]
    return "\n".join(line for line in lines if line).strip()


@lru_cache(maxsize=8192)
def plain(markdown: str) -> str:
    """Inline Markdown as plain text, on one line."""
    markdown = _unshown(markdown)
    text = render(inline_tokens(markdown), marks=False) if _INLINE_SYNTAX.search(markdown) else markdown
    return " ".join(text.split())


@lru_cache(maxsize=8192)
def plain_math(markdown: str) -> str:
    """Inline Markdown as plain text on one line, its formulas kept between dollars: a heading
    "Regularity of $\\beta$" read so a prompt still renders it."""
    markdown = _unshown(markdown)
    text = render(inline_tokens(markdown), marks=False, math=True) if _INLINE_SYNTAX.search(markdown) else markdown
    return " ".join(text.split())


_ABBREVIATIONS = tuple("e.g. i.e. etc. vs. cf. al. approx. Fig. fig. Dr. Mr. Mrs. Ms. Prof. St.".split())
# An abbreviation is a whole word: "et al." ends no sentence, "signal." does.
_ABBREVIATION_END = re.compile(r"(?:^|[\s(\[])(?:" + "|".join(re.escape(a) for a in _ABBREVIATIONS) + r")$")
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9*_=`$\[])")


_INITIAL_END = re.compile(r"\b[A-Z]\.$")


# A displayed formula, `$$ ... $$`, over one line or several; its body the first group.
DISPLAYED_FORMULA = re.compile(r"\$\$(?!\s*\$)(.+?)\$\$", re.S)


def formula_spans(text: str) -> tuple[tuple[int, int], ...]:
    """Where the `$$ ... $$` formulas of `text` are: no sentence ends inside one."""
    return tuple(m.span() for m in DISPLAYED_FORMULA.finditer(text)) if "$$" in text else ()


# A link's target and a name in code hold full stops that end no sentence: `[[5. Curriculum learning]]`,
# `[docs](https://example.org/v2.1/)`, `os.path.join`
_KEPT_WHOLE = re.compile(r"\[\[[^\]\n]*\]\]|\]\([^)\s]*\)|`[^`\n]+`")


def _kept_whole(text: str) -> tuple[tuple[int, int], ...]:
    if "[[" not in text and "](" not in text and "`" not in text:
        return ()
    return tuple(m.span() for m in _KEPT_WHOLE.finditer(text))


def inside(spans: tuple[tuple[int, int], ...], at: int) -> bool:
    return any(start < at < end for start, end in spans)


@lru_cache(maxsize=1024)
def sentences(text: str) -> tuple[tuple[int, int], ...]:
    """Spans of the sentences of one paragraph, abbreviations such as "e.g." kept whole, a displayed
    formula never cut. Several rules split the same paragraph: the last answers are kept."""
    spans: list[tuple[int, int]] = []
    formulas = formula_spans(text) + _kept_whole(text)
    start = 0
    for match in _SENTENCE_END.finditer(text):
        before = text[start : match.start()]
        if _ABBREVIATION_END.search(before) or _INITIAL_END.search(before) or inside(formulas, match.start()):
            continue
        spans.append((start, match.start()))
        start = match.end()
    if text[start:].strip():
        spans.append((start, len(text)))
    return tuple(spans)


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


# ---------------------------------------------------------------------------- definitions

_LEADING_ARTICLE = re.compile(r"^(?:an?|the)\s+(?=\S)", re.I)
_EDGE_PUNCT = " \t:;,.-–—\"'“”‘’()[]"


# Emoji and pictographs a line opens with (`✅ Done:`, `🧠 Working memory:`): decoration, not the
# term. Math symbols (`∇ operator`) stay.
_LEADING_SYMBOLS = re.compile(rf"^{DECORATION}+(?=\w)")


def term_text(markdown: str, drop_article: bool = False) -> str:
    """A definition's front: the term as plain text, without marks, quotes, a trailing colon or the
    emoji before it."""
    text = _LEADING_SYMBOLS.sub("", plain(markdown).strip())
    # a command's flag keeps its dashes, before and after (`-eq`, `--force`, `-rw-------`): a dash
    # right before a word is no bullet
    flag = re.match(r"\W{0,2}-+\w", markdown.lstrip()) is not None and text.startswith("-")
    ends = ":;,." if flag else ":;,.-–—"
    while text and (text[-1] in ends or (text[0] in ":;,-–—" and not flag)):
        text = (text.rstrip(":;, \t") if flag else text.strip(":;,-–— \t")).rstrip(".").strip()
    if len(text) > 1 and text[0] in "\"“'‘" and text[-1] in "\"”'’":
        text = text[1:-1].strip()
    if drop_article:
        text = _LEADING_ARTICLE.sub("", text)
    return text


def one_line(markdown: str) -> str:
    """Card Markdown on one line: a wrapped paragraph's line breaks become spaces (before parsing,
    so a wikilink wrapped over two lines is still a link)."""
    return " ".join(card_markdown(" ".join(markdown.split("\n"))).split())


# A first sentence this short ("a concept from probability and statistics") names a class; what sets
# the term apart is in the next sentence when that one is about the term too.
_SHORT_CLASS = 9
# An example or an aside after a definition is no part of what the term is.
_NOT_GOING_ON = re.compile(
    r"^(?:for\s+(?:example|instance)|(?:an?\s+|one\s+)?examples?|e\.\s?g\.|also|however|but|see|note)\b", re.I
)
_ABOUT_IT = re.compile(
    r"^(?:it|this|they|these)\s+(?:\w+\s+)?(?:is|are|means|works|lets|allows|makes|can)\b"
    r"(?!\s+(?:illustrated|shown|depicted|seen|visuali[sz]ed|why|because|where|how|what|done|covered|discussed"
    r"|explained|described|demonstrated|summari[sz]ed|listed|found|given)\b)",
    re.I,
)


def goes_on_about(sentence: str, term: str) -> bool:
    """The sentence goes on about `term`: it opens with "It is"/"This means" or names the term in its
    first words ("The idea behind *disjoint* is that ..."). False when no term is given."""
    if not term.strip():
        return False
    text = plain(sentence).strip()
    if len(text.split()) < 4 or _NOT_GOING_ON.match(text):
        return False  # the term alone on the next line is no sentence about it
    if _ABOUT_IT.match(text):
        return True
    opening = " ".join(text.split()[:6]).lower()
    return len(term.strip()) > 2 and re.search(rf"(?<!\w){re.escape(term.strip().lower())}(?!\w)", opening) is not None


_THIS_IS = re.compile(r"^(?:this|it)\s+(?:is|means|refers to)\s+(?=\S)", re.I)
# "... processed together → `dls.show_batch()`", "... the model / [source](https://...)": a pointer
# to code or a link after the meaning.
_TRAILING_POINTER = re.compile(r"\s*(?:→|->|=>|⇒|\s/|\s\|)\s*(?:`[^`]*`|\[[^\]]*\]\([^)]*\)|<?https?://\S+>?)\s*\.?$")


def meaning_text(markdown: str, min_words: int = 7, term: str = "") -> tuple[str, str]:
    """A definition's back and extra. The back is the first sentence (two when the first is only a
    few words, or a short class the next sentence goes on to explain: "a concept from statistics. The
    idea behind *term* is that ..."), so the card stays atomic; the extra is the whole text when the
    back is shorter. "This is a field of ..." becomes "A field of ..."; a trailing `→ code` pointer is
    dropped."""
    full = one_line(markdown)
    trimmed = _THIS_IS.sub("", full)
    if trimmed != full and trimmed:
        full = trimmed[0].upper() + trimmed[1:]
    spans = sentences(full)
    end = spans[0][1] if spans else len(full)
    if len(spans) > 1:
        words = len(full[:end].split())
        if words < min_words or (words < _SHORT_CLASS and goes_on_about(full[spans[1][0] : spans[1][1]], term)):
            end = spans[1][1]
    back = _TRAILING_POINTER.sub("", full[:end].strip()) or full[:end].strip()
    return back, ("" if back == full else full)


@cache
def zipf(word: str) -> float:
    """How common an English word is (wordfreq's Zipf scale); 0 for a word it does not know."""
    from wordfreq import zipf_frequency  # imported on first use: most notes never ask

    return zipf_frequency(word, "en", wordlist="small")


_EVERYDAY = 3.5  # wordfreq's Zipf scale: "storage" 4.3, "theorem" 3.6, "kepler" 3.0, "jupyter" 2.4, "mixin" 0


def everyday(word: str) -> bool:
    """An everyday English word ("state", "storage", "setting"), not a name or a term of art ("Kepler",
    "Docker", "backpropagation"): what the rules that tell an aspect from a name go by."""
    return zipf(word) >= _EVERYDAY
