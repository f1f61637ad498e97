"""Card text as the HTML a package holds: Markdown rendered, sanitised, clozes escaped."""

from __future__ import annotations

import re
from collections.abc import Iterable, MutableMapping

import nh3
from markdown_it.utils import OptionsDict

from ..model import Card, Kind
from ..parse import parser
from ..pool import map_parallel

_ALLOWED_TAGS = {
    "a",
    "b",
    "strong",
    "i",
    "em",
    "u",
    "s",
    "del",
    "mark",
    "code",
    "pre",
    "kbd",
    "sub",
    "sup",
    "br",
    "hr",
    "p",
    "div",
    "span",
    "ul",
    "ol",
    "li",
    "dl",
    "dt",
    "dd",
    "blockquote",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "img",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
}
_ALLOWED_ATTRIBUTES = {"a": {"href"}, "img": {"src", "width", "height", "alt"}, "*": {"class"}}


def sanitize(fragment: str) -> str:
    """Only harmless HTML reaches Anki's web view: no scripts, handlers, frames or remote loads.

    Links may point to the web (a click opens the browser); images may not, since loading one would
    tell a stranger's server when the card is studied: their `src` is dropped."""
    return nh3.clean(
        fragment,
        tags=_ALLOWED_TAGS,
        attributes=_ALLOWED_ATTRIBUTES,
        attribute_filter=_local_sources_only,
        url_schemes={"http", "https", "obsidian"},
        link_rel=None,
    )


SCHEME = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:|//|\\\\)", re.I)


def _local_sources_only(tag: str, attribute: str, value: str) -> str | None:
    return None if attribute == "src" and SCHEME.match(value) else value


def to_html(markdown: str, rendered: MutableMapping[str, str] | None = None) -> str:
    """The card HTML of a Markdown text. `rendered` is Markdown -> HTML made ahead of time or by
    earlier calls (cache.remembered_html gives one), so a re-export renders only what changed;
    what is rendered here is added to it."""
    if rendered is None:
        return _render_html(markdown)
    try:
        return rendered[markdown]
    except KeyError:
        html = rendered[markdown] = _render_html(markdown)
        return html


# Text that Markdown renders as itself: no markup, entity, escape, Obsidian syntax or HTML-special
# character, no block syntax at the start, no `&nbsp;`-serialised space. Most card texts are like
# this; they skip markdown-it and nh3 (tests check the result is the same).
_PLAIN_TEXT = re.compile(r"[A-Za-z\u00c0-\u024f][^\x00-\x1f\x7f-\xa0\\`*_\[\]<>&#$=~|{}\"\n\r\t\u00a0]*(?<!\s)")


def _render_html(markdown: str) -> str:
    if not markdown or _PLAIN_TEXT.fullmatch(markdown):
        return markdown
    return _markdown_html(markdown)


def _markdown_html(markdown: str) -> str:
    """Markdown as card HTML. A line break in a paragraph stays one, as Obsidian shows it: a
    definition or a cloze written over several lines keeps its lines in Anki."""
    md = parser()
    rendered = md.renderer.render(md.parse(markdown), _with_breaks(md.options), {}).strip()
    if rendered.startswith("<p>") and rendered.endswith("</p>") and rendered.count("<p>") == 1:
        rendered = rendered[3:-4]
    return sanitize(rendered)


_BREAKS: list[tuple[OptionsDict, OptionsDict]] = []


def _with_breaks(options: OptionsDict) -> OptionsDict:
    """The parser's options, rendering a soft line break as `<br>` (made once per parser)."""
    if not _BREAKS or _BREAKS[0][0] is not options:
        _BREAKS[:] = [(options, OptionsDict({**options, "breaks": True}))]
    return _BREAKS[0][1]


_CLOZE = re.compile(r"\{\{c(\d+)::")
# Private-use characters stand for the card's cloze markers while the text is rendered.
_OPEN, _MID, _CLOSE = "\ue001", "\ue002", "\ue003"


_MATH = re.compile(r"(\\\(.*?\\\)|\\\[.*?\\\])", re.S)


def cloze_html(markdown: str, rendered: MutableMapping[str, str] | None = None) -> str:
    """A cloze front as HTML in which only the card's own cloze markers are cloze syntax.

    Anki reads `{{c1::`, `::` and `}}` in the field's HTML text, so every other brace and `::` (a
    template in a note about Jinja, `std::vector` inside a cloze) is written as a character
    reference: shown as the character, never read as syntax. Math is the exception: Anki escapes
    the TeX of a revealed cloze again, so there `}}` and `::` are spaced out (`} }`, the same TeX)."""
    parts = _MATH.split(to_html(_mark_clozes(markdown), rendered))
    for i, part in enumerate(parts):
        if i % 2:
            parts[i] = part.replace("}}", "} }").replace("}}", "} }").replace("{{", "{ {").replace("::", ": :")
        else:
            parts[i] = part.replace("{", "&#123;").replace("}", "&#125;").replace("::", ":&#58;")
    rendered = re.sub(f"{_OPEN}(\\d+){_MID}", r"{{c\1::", "".join(parts))
    return rendered.replace(_CLOSE, "}}")


def shown_extra(card: Card) -> str:
    """The card's extra context as shown under the answer, without the answer again.

    A definition shortened at a sentence boundary keeps its whole paragraph as extra, so the
    extra starts with the answer word for word (half the definition cards of a real vault): the
    repeated words are dropped and the rest of the paragraph stays. A merged card's back starts
    with its chosen answer, the one the extra belongs to."""
    extra, back = card.extra.strip(), card.back.strip()
    if not extra or not back:
        return extra
    if back in extra:
        start = extra.index(back)
        before, after = extra[:start].rstrip(), extra[start + len(back) :].lstrip()
        rest = f"{before} … {after}" if before and after else before or after
    else:
        first = back.split("\n\n", 1)[0].strip()
        rest = extra[len(first) :].lstrip() if extra.startswith(first) else extra
    return rest if _WORD.search(rest) else ""


_WORD = re.compile(r"\w")


# TeX a front kept without its `$` (a term is plain text: `$R^2$ (Coefficient of determination)`
# becomes `R^2 (...)`): a letter or two with sub- or superscripts (`R^2`, `H_1`, `x_{ij}`,
# `e^{-x}`) or a Greek letter's command. Never inside a word (`learning_rate`), and never in code,
# math or a link, which the split below sets aside.
_BARE_TEX = re.compile(
    r"(?<![\w\\$/.])(?:[A-Za-z]{1,2}(?:[_^](?:[A-Za-z0-9]|\d+|\{[^{}\s$]{1,20}\}))+"
    r"|\\(?:[Aa]lpha|[Bb]eta|[Gg]amma|[Dd]elta|[Ee]psilon|[Tt]heta|[Ll]ambda|mu|nu|[Ss]igma|[Pp]i|rho|tau|[Pp]hi|chi"
    r"|[Pp]si|[Oo]mega|eta|kappa|xi|zeta)(?![A-Za-z]))(?![\w$])"
)
_NOT_PROSE = re.compile(r"(`+).*?\1|\$\$.*?\$\$|\$[^$\n]+\$|\[[^\]\n]*\]\([^)\n]*\)|<[^>\n]*>|https?://\S+", re.S)


def front_markdown(card: Card) -> str:
    """A front as Markdown for Anki: bare TeX in it written as `$...$`, so that MathJax shows it as
    the math it was in the note (the listing keeps the front as it is: `R^2` reads well there)."""
    front = card.front
    if card.kind == Kind.CLOZE or not ("_" in front or "^" in front or "\\" in front):
        return front
    parts = []
    pos = 0
    for match in _NOT_PROSE.finditer(front):
        parts.append(_BARE_TEX.sub(r"$\g<0>$", front[pos : match.start()]))
        parts.append(match.group(0))
        pos = match.end()
    parts.append(_BARE_TEX.sub(r"$\g<0>$", front[pos:]))
    return "".join(parts)


def card_texts(card: Card) -> tuple[str, ...]:
    """The Markdown texts to_html is asked for when this card is written."""
    front = _mark_clozes(card.front) if card.kind == Kind.CLOZE else front_markdown(card)
    return tuple(dict.fromkeys((front, card.back, shown_extra(card))))


def card_html(card: Card) -> tuple[tuple[str, str], ...]:
    """The (markdown, HTML) pairs to_html is asked for when this card is written, made ahead of
    time: `pipeline.build(render=card_html)` makes them on the worker processes, in parallel."""
    return tuple((text, _render_html(text)) for text in card_texts(card))


def render_ahead(cards: Iterable[Card], rendered: MutableMapping[str, str] | None, jobs: int = 0) -> None:
    """Render on every core the cards' texts that `rendered` holds no HTML for, into it. The workers
    render each note's own cards; merging then writes answers of its own ("Also, in note: ..."), a
    third of the texts of a big vault (10k notes: 36k texts, 10 s on one core)."""
    if rendered is None:
        return
    known = getattr(rendered, "knows", rendered.__contains__)
    texts = dict.fromkeys(t for card in cards for t in card_texts(card))
    missing = [t for t in texts if t and not known(t) and not _PLAIN_TEXT.fullmatch(t)]
    for text, html in zip(missing, map_parallel(_markdown_html, missing, jobs), strict=True):
        rendered[text] = html


_BRACE = re.compile(r"[{}]")


def _mark_clozes(markdown: str) -> str:
    """The card's cloze markers as placeholders: a cloze ends at the `}}` that balances its braces,
    and has no hint (`::` inside it is text)."""
    out: list[str] = []
    pos = 0
    for match in _CLOZE.finditer(markdown):
        if match.start() < pos:
            continue
        depth, end = 0, -1
        for brace in _BRACE.finditer(markdown, match.end()):  # other characters leave the depth alone
            i = brace.start()
            if depth == 0 and markdown.startswith("}}", i):
                end = i
                break
            depth = max(0, depth + (1 if markdown[i] == "{" else -1))
        if end < 0:
            break
        body = markdown[match.end() : end]
        out.append(f"{markdown[pos : match.start()]}{_OPEN}{match.group(1)}{_MID}{body}{_CLOSE}")
        pos = end + 2
    out.append(markdown[pos:])
    return "".join(out)
