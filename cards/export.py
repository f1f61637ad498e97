"""Cards -> an Anki package (.apkg). The only module that knows genanki.

Model ids and field lists are fixed forever: Anki matches note types by id, and a changed field
list under the same id makes it refuse the notes on import. Only CSS and template text may change.
"""

from __future__ import annotations

import errno
import hashlib
import html
import itertools
import json
import os
import re
import shutil
import sqlite3
import tempfile
import time
import zipfile
from collections.abc import Callable, Iterable, Iterator, Mapping, MutableMapping, Sequence
from contextlib import closing
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote

import genanki
import nh3
from markdown_it.utils import OptionsDict

from .model import Card, Kind, Problem
from .parse import parser
from .pool import gc_paused, map_parallel
from .since import PackagedNote, SinceError, content_digest, is_collection_package, package_stamps, regular_file
from .store import PackageCache
from .tempfiles import prefix_for, remove_stale, system_temp
from .tex import safe_math
from .vault import readable_name

FIELDS = ("Front", "Back", "Extra", "Source", "Hint", "Spare")
# The spare field holds the card's context (title › headings › lead-in), shown small above the prompt.
# Its name stays "Spare": renaming a field makes Anki refuse the notes as conflicting.

# Raise when the CSS or template text changes. Only text may change under a model id: a re-import
# then updates the note types in place (same ids, same fields, same template names).
TEMPLATE_VERSION = 2


def _night(selectors: str) -> str:
    """A rule's selectors in night mode under both of Anki's spellings: the class sits on the card
    itself (`.card.nightMode`, desktop) or on an ancestor (`.night_mode .card`, older and mobile)."""
    out = []
    for selector in (s.strip() for s in selectors.split(",")):
        if selector == ".card":
            out += [".card.nightMode", ".card.night_mode", ".nightMode .card", ".night_mode .card"]
        else:
            out += [f".nightMode {selector}", f".night_mode {selector}"]
    return ", ".join(out)


# `.card` is Anki's <body>: only its side margins are set, so Anki's own top margin keeps the
# flag and mark icons clear of the card's label; a padding keeps the text off a narrow window's
# edges, where the auto side margins are nothing.
CSS = (
    f"/* notecards templates v{TEMPLATE_VERSION} */\n"
    + """
.card { font-family: -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif; font-size: 20px;
  line-height: 1.45; text-align: left; color: #1d1d1f; background: #fdfdfd; max-width: 42em;
  margin-left: auto; margin-right: auto; padding-left: 12px; padding-right: 12px; }
.context { font-size: 12px; color: #8a8a8a; padding-top: .2em; margin-bottom: .3em; }
.context .sep { padding: 0 .35em; }
.kind { font-size: 11px; letter-spacing: .08em; text-transform: uppercase; color: #8a8a8a; padding-top: .2em; }
.front { font-size: 1.15em; font-weight: 600; }
.back { margin-top: .4em; }
.extra { margin-top: 1em; font-size: .85em; color: #555; border-left: 3px solid #ddd; padding-left: .7em; }
.hint { margin-top: .8em; font-size: .8em; color: #b26b00; }
.source { margin-top: 1.2em; font-size: 11px; color: #8a8a8a; }
.source a { color: inherit; }
a { color: #0a58ca; }
code, pre { font-family: "JetBrains Mono", Menlo, Consolas, monospace; font-size: .85em; }
pre { background: #f4f4f4; padding: .6em .8em; border-radius: 6px; overflow-x: auto; }
mark { background: #fff3a3; padding: 0 .1em; }
.cloze { font-weight: 700; color: #0a58ca; }
img { max-width: 100%; height: auto; }
table { border-collapse: collapse; } td, th { border: 1px solid #ccc; padding: .2em .5em; }
hr#answer { border: 0; border-top: 1px solid #ddd; }
"""
    + "".join(
        f"{_night(selectors)} {{ {rules} }}\n"
        for selectors, rules in (
            (".card", "color: #e6e6e6; background: #1e1e1e;"),
            (".extra", "color: #aaa; border-color: #444;"),
            (".hint", "color: #f0a94a;"),
            (".context, .kind, .source", "color: #9a9a9a;"),
            ("a", "color: #79b8ff;"),
            (".source a", "color: inherit;"),
            ("pre", "background: #2b2b2b;"),
            ("mark", "background: #6b5b00; color: #fff;"),
            (".cloze", "color: #79b8ff;"),
            ("td, th", "border-color: #555;"),
            ("hr#answer", "border-top-color: #444;"),
        )
    )
)

_ANSWER_TAIL = (
    '{{#Extra}}<div class="extra">{{Extra}}</div>{{/Extra}}'
    '{{#Hint}}<div class="hint">{{Hint}}</div>{{/Hint}}'
    '<div class="source">{{Source}}</div>'
)


_CONTEXT = '{{#Spare}}<div class="context">{{Spare}}</div>{{/Spare}}'


def _model(model_id: int, name: str, label: str, reverse: bool = False) -> genanki.Model:
    front = f'{_CONTEXT}<div class="kind">{label}</div><div class="front">{{{{Front}}}}</div>'
    back = '{{FrontSide}}<hr id="answer"><div class="back">{{Back}}</div>' + _ANSWER_TAIL
    templates = [{"name": f"{name}: Front → Back", "qfmt": front, "afmt": back}]
    if reverse:
        templates.append(
            {
                "name": f"{name}: Back → Front",
                "qfmt": f'{_CONTEXT}<div class="kind">{label}</div><div class="front">{{{{Back}}}}</div>',
                "afmt": '{{FrontSide}}<hr id="answer"><div class="back">{{Front}}</div>' + _ANSWER_TAIL,
            }
        )
    return genanki.Model(model_id, name, fields=[{"name": f} for f in FIELDS], templates=templates, css=CSS)


MODELS: dict[str, genanki.Model] = {
    "definition": _model(1_740_612_001, "notecards Definition", "definition"),
    "question": _model(1_740_612_002, "notecards Question", "question"),
    "basic": _model(1_740_612_003, "notecards Basic", "card"),
    "basic-reversed": _model(1_740_612_004, "notecards Basic (and reversed)", "card", reverse=True),
    "cloze": genanki.Model(
        1_740_612_005,
        "notecards Cloze",
        fields=[{"name": f} for f in FIELDS],
        templates=[
            {
                "name": "notecards Cloze",
                "qfmt": _CONTEXT + '<div class="kind">cloze</div><div class="front">{{cloze:Front}}</div>',
                "afmt": _CONTEXT + '<div class="kind">cloze</div><div class="front">{{cloze:Front}}</div>'
                '{{#Back}}<div class="back">{{Back}}</div>{{/Back}}' + _ANSWER_TAIL,
            }
        ],
        css=CSS,
        model_type=genanki.Model.CLOZE,
    ),
}

OPEN_TAG = "notecards::open"
FOUND_TAG = "notecards::found-answer"

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


def model_for(card: Card) -> genanki.Model:
    if card.kind == Kind.BASIC and card.reverse:
        return MODELS["basic-reversed"]
    return MODELS[str(card.kind)]


def deck_id(name: str) -> int:
    """A deck id derived from the deck name, in the range Anki's own ids use."""
    return 1 << 30 | int(hashlib.sha256(f"notecards-deck:{name}".encode()).hexdigest()[:7], 16)


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


RENDERED: MutableMapping[str, str] | None = None
"""Markdown -> HTML made ahead of time or by earlier calls, when a caller provides it
(cache.remembered_html), so a re-export renders only the cards that changed."""
_SCHEME = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:|//|\\\\)", re.I)


def _local_sources_only(tag: str, attribute: str, value: str) -> str | None:
    return None if attribute == "src" and _SCHEME.match(value) else value


def to_html(markdown: str) -> str:
    if RENDERED is None:
        return _render_html(markdown)
    try:
        return RENDERED[markdown]
    except KeyError:
        html = RENDERED[markdown] = _render_html(markdown)
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


def cloze_html(markdown: str) -> str:
    """A cloze front as HTML in which only the card's own cloze markers are cloze syntax.

    Anki reads `{{c1::`, `::` and `}}` in the field's HTML text, so every other brace and `::` (a
    template in a note about Jinja, `std::vector` inside a cloze) is written as a character
    reference: shown as the character, never read as syntax. Math is the exception: Anki escapes
    the TeX of a revealed cloze again, so there `}}` and `::` are spaced out (`} }`, the same TeX)."""
    parts = _MATH.split(to_html(_mark_clozes(markdown)))
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


def render_ahead(cards: Iterable[Card], jobs: int = 0) -> None:
    """Render on every core the cards' texts that RENDERED holds no HTML for. The workers render
    each note's own cards; merging then writes answers of its own ("Also, in note: ..."), a third
    of the texts of a big vault (10k notes: 36k texts, 10 s on one core)."""
    if RENDERED is None:
        return
    known = getattr(RENDERED, "knows", RENDERED.__contains__)
    texts = dict.fromkeys(t for card in cards for t in card_texts(card))
    missing = [t for t in texts if t and not known(t) and not _PLAIN_TEXT.fullmatch(t)]
    for text, rendered in zip(missing, map_parallel(_markdown_html, missing, jobs), strict=True):
        RENDERED[text] = rendered


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


def attachment_folder(vault: Path) -> str:
    """Obsidian's "Default location for new attachments" (`.obsidian/app.json`,
    `attachmentFolderPath`): `/` the vault root, `./` or `./sub` beside the note, else a folder
    of the vault. "" when it is not set."""
    try:
        config = json.loads((vault / ".obsidian" / "app.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return ""
    folder = config.get("attachmentFolderPath", "") if isinstance(config, dict) else ""
    if not isinstance(folder, str):
        return ""
    folder = folder.strip()
    return folder if folder.startswith("./") else folder.strip("/")


def _resolved(path: Path) -> Path | None:
    """The real path, or None for a link that loops (Path.resolve raises then)."""
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        return None


MAX_MEDIA_BYTES = 100_000_000
"""An embedded file larger than this (a film, a disk image) does not travel: a warning names it."""


class MediaIndex:
    """Finds the files cards embed, the way Obsidian does: relative to the note, from the vault
    root, or by name anywhere in the vault. Never outside the vault."""

    def __init__(self, vault: Path) -> None:
        self.root = vault.resolve()
        self.by_name: dict[str, Path] = {}
        for dirpath, dirnames, filenames in os.walk(self.root):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
            for name in sorted(filenames):
                self.by_name.setdefault(name.lower(), Path(dirpath) / name)
        self.used: dict[str, Path] = {}
        self.attachments = attachment_folder(self.root)
        self.cited: dict[str, tuple[str, int]] = {}
        """Packaged name -> the note and line that first embeds it, to name when it cannot be packed."""
        self._unusable: dict[tuple[str, str], str] = {}

    def find(self, note_path: str, target: str) -> Path | None:
        """The file a note embeds, or None when it is not in the vault (see `refused`), or is a
        file that must not travel (see `why`)."""
        target = unquote(target).split("|")[0].strip()
        if not target or self.refused(note_path, target):
            return None
        folder = (self.root / note_path).parent
        attachments = (
            folder / self.attachments[2:] if self.attachments.startswith("./") else self.root / self.attachments
        )
        for candidate in (folder / target, self.root / target, attachments / target):
            real = _resolved(candidate)
            if real and real.is_relative_to(self.root) and real.exists() and not real.is_dir():
                return self._usable(note_path, target, real)
        found = self.by_name.get(Path(target).name.lower())
        real = _resolved(found) if found else None
        if real and real.is_relative_to(self.root) and real.exists() and not real.is_dir():
            return self._usable(note_path, target, real)
        return None

    def _usable(self, note_path: str, target: str, real: Path) -> Path | None:
        """`real` when it may travel as media: not hidden (a dot-folder such as `.git`, or a dot-file),
        a regular file that can be opened, at most MAX_MEDIA_BYTES. Else why not is kept for `why`."""
        why = None
        if any(part.startswith(".") for part in real.relative_to(self.root).parts):
            why = "refused, it is hidden (in a dot-folder or a dot-file)"
        else:
            try:
                with regular_file(real) as handle:
                    if os.fstat(handle.fileno()).st_size > MAX_MEDIA_BYTES:
                        why = f"refused, it is larger than {MAX_MEDIA_BYTES // 1_000_000} MB"
            except OSError as err:
                why = f"cannot be read ({err.strerror or type(err).__name__})"
        if why is None:
            return real
        self._unusable[note_path, target] = why
        return None

    def why(self, note_path: str, target: str) -> str | None:
        """Why `find` passed over a file it found, or None."""
        return self._unusable.get((note_path, unquote(target).split("|")[0].strip()))

    def refused(self, note_path: str, target: str) -> bool:
        """True when an embed reaches outside the vault: a URL (`file:`, `C:`), an absolute path, `..`
        climbing above the vault, or a link in the vault that leads out. Such files never travel."""
        target = unquote(target).split("|")[0].strip()
        if _SCHEME.match(target) or target.startswith(("/", "\\")) or Path(target).is_absolute():
            return True
        for base in ((self.root / note_path).parent, self.root):
            lexical = Path(os.path.normpath(base / target))
            if not lexical.is_relative_to(self.root):
                return True
            if os.path.lexists(lexical) and not (_resolved(lexical) or self.root).is_relative_to(self.root):
                return True
        found = self.by_name.get(Path(target).name.lower())
        return found is not None and not (_resolved(found) or self.root).is_relative_to(self.root)

    def packaged_name(self, path: Path) -> str:
        name = path.name
        taken = {used.lower(): original for used, original in self.used.items()}
        if taken.get(name.lower(), path) != path:  # Anki's media folder may ignore case
            # from the vault-relative path, so the name (and the card's HTML) is the same on every machine
            where = path.relative_to(self.root).as_posix()
            name = f"{hashlib.sha256(where.encode()).hexdigest()[:8]}-{name}"
        self.used[name] = path
        return name


_IMG = re.compile(r"<img\b[^>]*>")
_ATTR = re.compile(r'\b(src|alt|width|height)="([^"]*)"')
_SIZE = re.compile(r"^(.*?)\|\s*(\d+)(?:\s*x\s*(\d+))?\s*$")


def _with_media(fragment: str, card: Card, media: MediaIndex, problems: list[Problem]) -> str:
    """Point every local image at its packaged name, and read Obsidian's `alt|400` / `alt|400x300`
    size syntax. A missing file is a warning; the card keeps an image tag naming it."""
    if "<img" not in fragment:
        return fragment

    def swap(match: re.Match[str]) -> str:
        attrs = {k: html.unescape(v) for k, v in _ATTR.findall(match.group(0))}
        src = attrs.get("src", "")
        size = _SIZE.match(attrs.get("alt", ""))
        if size:
            attrs["alt"], attrs["width"] = size.group(1).strip(), size.group(2)
            if size.group(3):
                attrs["height"] = size.group(3)
        if src and not src.startswith(("http://", "https://")):  # sanitize() removed remote sources
            found = next((f for s in card.sources if (f := media.find(s.path, src))), None)
            if found is None:
                where = card.source
                outside = any(media.refused(s.path, src) for s in card.sources)
                why = "refused, it is outside the vault" if outside else "not found in the vault"
                why = next((w for s in card.sources if (w := media.why(s.path, src))), why)
                problems.append(Problem(where.path, where.line, f"embedded file {why}: {src}"))
                attrs["src"] = Path(unquote(src)).name
            else:
                attrs["src"] = media.packaged_name(found)
                media.cited.setdefault(attrs["src"], (card.source.path, card.source.line))
        return "<img " + " ".join(f'{k}="{html.escape(v)}"' for k, v in attrs.items() if v or k == "alt") + ">"

    return _IMG.sub(swap, fragment)


def source_html(card: Card, vault_name: str) -> str:
    links = [f"{_source_link(vault_name, s.path)}:{s.line}</a>" for s in card.sources]
    # Every part is escaped above, so this is already what sanitize() would return (tested):
    # not sanitizing it again saves a third of the time of re-writing an unchanged vault.
    links_html = " · ".join(links)
    return links_html if links_html.isprintable() else sanitize(links_html)


@lru_cache(maxsize=1 << 16)
def _source_link(vault_name: str, path: str) -> str:
    """A link opening the note in Obsidian, without its closing line number and tag: a vault
    has many cards per note, and quoting the path for each was a fifth of writing a package."""
    url = f"obsidian://open?vault={quote(vault_name)}&file={quote(path)}"
    return f'<a href="{html.escape(url)}">{html.escape(path, quote=False)}'


def found_hint(card: Card) -> str:
    """The Hint field of a card whose answer was found elsewhere in the notes, not written under it."""
    if card.found_in is None:
        return ""
    where = f"{card.found_in.path}:{card.found_in.line}"
    text = f"Answer found in the notes at {where} (score {card.found_score:.2f}), not written under the question."
    return html.escape(text)


def note_fields(card: Card, vault_name: str, media: MediaIndex, problems: list[Problem]) -> list[str]:
    """The note's fields in the order of FIELDS, as HTML."""
    front = cloze_html(card.front) if card.kind == Kind.CLOZE else to_html(front_markdown(card))
    fields = [
        _with_media(front, card, media, problems),
        _with_media(to_html(card.back), card, media, problems),
        _with_media(to_html(shown_extra(card)), card, media, problems),
        source_html(card, vault_name),
        found_hint(card),
        context_html(card),
    ]
    return [safe_math(field) for field in fields]  # no active TeX (`\href`, `\style`...) in any field


def context_html(card: Card) -> str:
    """The card's place in its note, as a breadcrumb: title › headings › lead-in."""
    return '<span class="sep">›</span>'.join(html.escape(part, quote=False) for part in card.context)


def packaged_cards(cards: Sequence[Card], include_open: bool = False) -> tuple[list[Card], int]:
    """The cards a package holds, and how many open questions were left out of it: a question the
    notes do not answer has an empty back, a to-do for the note-taker rather than a flashcard, so
    it travels only when asked for (suspended and tagged OPEN_TAG)."""
    kept = [card for card in cards if include_open or not card.open]
    return kept, len(cards) - len(kept)


def note_tags(card: Card) -> list[str]:
    return list(card.tags) + ([OPEN_TAG] if card.open else []) + ([FOUND_TAG] if card.found_in else [])


def packaged_notes(vault: Path) -> Callable[[Card], PackagedNote]:
    """What `write_package` would store for a card, computed without writing anything."""
    media, name = MediaIndex(vault), vault.resolve().name

    def note_of(card: Card) -> PackagedNote:
        fields = note_fields(card, name, media, [])
        return PackagedNote(card.id, model_for(card).model_id, tuple(fields), tuple(note_tags(card)))

    return note_of


class _Note(genanki.Note):  # type: ignore[misc]
    """A genanki note that may keep the modification time of an identical note written before."""

    mod: int | None = None

    def write_to_db(self, cursor: Any, timestamp: float, deck_id: int, id_gen: Any) -> None:
        super().write_to_db(cursor, self.mod or timestamp, deck_id, id_gen)


def note_for(
    card: Card,
    vault_name: str,
    media: MediaIndex,
    problems: list[Problem],
    previous: Mapping[str, tuple[bytes, int]] | None = None,
) -> genanki.Note:
    """The note of a card. A note identical to the one in the previous package (`previous`: its
    notes' since.package_stamps) keeps that note's time, so Anki's "update if newer" leaves it
    (and any edit the user made in Anki) alone."""
    fields = note_fields(card, vault_name, media, problems)
    guid = card.id  # a hash of the folded prompt: made once per note
    note = _Note(model=model_for(card), fields=fields, tags=note_tags(card), guid=guid, sort_field=card.front)
    before = (previous or {}).get(guid)
    if before and before[1] and before[0] == content_digest(note.model.model_id, "\x1f".join(fields), note.tags):
        note.mod = before[1]
    if card.open:
        # An open question has no answer yet: in Anki it waits suspended instead of interrupting reviews.
        for anki_card in note.cards:
            anki_card.suspend = True
    return note


_CLOZE_MARK = re.compile(r"\{\{c[1-9]\d*::")


def build_package(
    cards: Sequence[Card],
    deck: str,
    vault: Path,
    previous: Mapping[str, tuple[bytes, int]] | None = None,
    media: MediaIndex | None = None,
) -> tuple[genanki.Package, dict[str, Path], list[Problem]]:
    """The package, the media it needs (packaged name -> file in the vault), and what went wrong.
    `previous` holds the notes of the last package written to the same place."""
    media = media or MediaIndex(vault)
    problems: list[Problem] = []
    anki_decks = []
    for name, group in decks_of(cards, deck).items():
        anki_deck = genanki.Deck(deck_id(name), name)
        for note in _notes(group, readable_name(vault.resolve().name), media, problems, previous):
            anki_deck.add_note(note)
        anki_decks.append(anki_deck)
    # an image missing from an answer and from its context (Extra) is one warning
    return genanki.Package(anki_decks), dict(media.used), list(dict.fromkeys(problems))


def decks_of(cards: Iterable[Card], deck: str) -> dict[str, list[Card]]:
    """The cards by the Anki deck they go into: `deck`, first (even when empty: subdecks'
    parent), or with subdecks `deck::Folder::Subfolder`."""
    decks: dict[str, list[Card]] = {deck: []}
    for card in cards:
        decks.setdefault(f"{deck}::{card.subdeck}" if card.subdeck else deck, []).append(card)
    return decks


def _notes(
    cards: Iterable[Card],
    vault_name: str,
    media: MediaIndex,
    problems: list[Problem],
    previous: Mapping[str, tuple[bytes, int]] | None,
) -> Iterator[genanki.Note]:
    """The note of each card that makes one, made as asked for; what goes wrong goes to problems."""
    for card in cards:
        if _empty_cloze(card):
            # genanki would give such a note no card at all; Anki would flag it as empty.
            problems.append(Problem(card.source.path, card.source.line, "cloze card without {{c1::...}} left out"))
            continue
        yield note_for(card, vault_name, media, problems, previous)


def _empty_cloze(card: Card) -> bool:
    return card.kind == Kind.CLOZE and not _CLOZE_MARK.search(card.front)


class _StreamedDeck(genanki.Deck):  # type: ignore[misc]
    """A deck whose notes are made while they are written: a big vault's hundred thousand notes
    and their fields are never all in memory at once (100 MB at 10k notes)."""

    def __init__(self, deck_id: int, name: str, models: Iterable[genanki.Model], notes: Iterable[genanki.Note]):
        super().__init__(deck_id, name)
        for model in models:
            self.add_model(model)
        self.stream = notes

    def write_to_db(self, cursor: Any, timestamp: float, id_gen: Any) -> None:
        super().write_to_db(cursor, timestamp, id_gen)  # the deck and its note types: no note is held
        for note in self.stream:
            note.write_to_db(cursor, timestamp, self.deck_id, id_gen)


def _write_apkg(package: genanki.Package, media: MediaIndex, out: Path, problems: list[Problem] | None = None) -> None:
    """genanki's Package.write_to_file, but the media are listed once the notes are written (the
    notes tell which files they embed), and packed straight from the vault under their packaged
    names (genanki would want copies named so)."""
    remove_stale(system_temp(), "notecards-", ".anki2")
    fd, db = tempfile.mkstemp(prefix=prefix_for("notecards-"), suffix=".anki2")
    os.close(fd)
    try:
        try:
            with closing(sqlite3.connect(db)) as conn:
                timestamp = time.time()
                package.write_to_db(conn.cursor(), timestamp, itertools.count(int(timestamp * 1000)))
                conn.commit()
        except sqlite3.Error as err:  # a full temporary folder: said as the OSError it is, not a traceback
            raise OSError(errno.ENOSPC, f"cannot build the collection in the temporary folder ({err})") from err
        files = dict(media.used)
        with zipfile.ZipFile(out, "w") as package_file:
            package_file.write(db, "collection.anki2")
            packed = _pack_media(package_file, files, media.cited, [] if problems is None else problems)
            package_file.writestr("media", json.dumps({str(i): name for i, name in enumerate(packed)}))
    finally:
        os.unlink(db)


def _pack_media(
    package_file: zipfile.ZipFile,
    files: Mapping[str, Path],
    cited: Mapping[str, tuple[str, int]],
    problems: list[Problem],
) -> list[str]:
    """Each file into the package as member 0, 1, ... (the packaged names, in that order, are
    returned). A file that cannot be read now (it changed since it was found) is left out with a
    warning naming the note and line that embed it: one image never fails the export."""
    packed: list[str] = []
    for name, original in files.items():
        try:
            with regular_file(original) as source, package_file.open(str(len(packed)), "w") as member:
                shutil.copyfileobj(source, member, 1 << 20)
        except OSError as err:
            path, line = cited.get(name, ("", 1))
            problems.append(Problem(path, line, f"embedded file cannot be read ({err.strerror or err}): {name}"))
            continue
        packed.append(name)
    return packed


def _file_mode() -> int:
    """The mode a plain `open(..., "w")` would give a new file under the current umask."""
    umask = os.umask(0o022)
    os.umask(umask)
    return 0o666 & ~umask


def is_anki_package(path: Path) -> bool:
    """A zip holding an Anki collection (by its content, not a member's name): a file
    `write_package` may replace without asking."""
    return is_collection_package(path)


def write_package(
    cards: Iterable[Card], deck: str, vault: Path, out: Path, kept: PackageCache | None = None, jobs: int = 0
) -> list[Problem]:
    """Write the package atomically: a temp file beside `out`, renamed over it when complete.

    genanki names media by their base name, so each file is staged under its packaged name first
    (two `diagram.png` in different folders get distinct names). When `out` already holds a
    package, its unchanged notes keep their time. With `kept` (the vault's PackageCache), the
    same cards, deck and media as the last package written give a copy of that package. The
    HTML not made yet is made on up to `jobs` processes (0: every core)."""
    with gc_paused():
        return _write_package(list(cards), deck, vault, out, kept, jobs)


def _write_package(
    cards: list[Card], deck: str, vault: Path, out: Path, kept: PackageCache | None, jobs: int
) -> list[Problem]:
    media = MediaIndex(vault)
    key = kept.key(cards, deck, readable_name(vault.resolve().name), sorted(media.by_name.items())) if kept else b""
    found = kept.get(key) if kept else None
    out.parent.mkdir(parents=True, exist_ok=True)
    remove_stale(out.parent, f".{out.name}.", ".tmp")  # left by a run that was killed
    fd, tmp = tempfile.mkstemp(prefix=prefix_for(f".{out.name}."), suffix=".tmp", dir=out.parent)
    os.close(fd)
    try:
        if found is not None:
            package_file, problems = found
            shutil.copyfile(package_file, tmp)
        else:
            render_ahead(cards, jobs)
            problems = _write_new(cards, deck, vault, out, media, Path(tmp))
            if kept:
                kept.put(key, Path(tmp), media.used, problems)
        os.chmod(tmp, _file_mode())  # mkstemp makes the file private; a package is an ordinary file
        os.replace(tmp, out)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return problems


def _write_new(cards: list[Card], deck: str, vault: Path, out: Path, media: MediaIndex, tmp: Path) -> list[Problem]:
    """Build the package and write it to `tmp`; the notes of a package already at `out` lend
    their modification time to the unchanged ones."""
    try:
        previous = package_stamps(out) if out.is_file() else {}
    except SinceError:
        previous = {}  # not ours or damaged: every note simply counts as changed
    problems: list[Problem] = []
    models = {model.model_id: model for card in cards if not _empty_cloze(card) for model in [model_for(card)]}
    vault_name = readable_name(vault.resolve().name)
    decks = [
        _StreamedDeck(
            deck_id(name), name, models.values() if n == 0 else (), _notes(group, vault_name, media, problems, previous)
        )
        for n, (name, group) in enumerate(decks_of(cards, deck).items())
    ]
    _write_apkg(genanki.Package(decks), media, tmp, problems)
    return list(dict.fromkeys(problems))  # an image missing from an answer and from its Extra: one warning
