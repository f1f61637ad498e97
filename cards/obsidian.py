"""markdown-it plugins for the Obsidian syntax the stock parser does not know.

Each plugin is `plugin(md) -> None`, used as `md.use(plugin)`:
- wikilinks `[[Target]]`, `[[Target|alias]]`, `[[Target#Heading]]` and embeds `![[img.png|500]]`
- highlights `==text==`
- inline tags `#tag/sub`
- callouts `> [!type]- Title` (the blockquote_open token gets `meta["callout"]`)
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from html import escape, unescape

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token
from markdown_it.utils import EnvType, OptionsDict

_WIKILINK = re.compile(r"(!?)\[\[([^\[\]\n|]*?)(?:\|([^\[\]\n]*?))?\]\]")
_TAG = re.compile(r"#([^\W\d][\w/-]*|\d+[^\W\d][\w/-]*)", re.UNICODE)
_CALLOUT = re.compile(r"^\[!([\w-]+)\]([+-]?)[ \t]*(.*)$")
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".bmp", ".avif")
# Embedded files Obsidian shows as themselves, never as text: drawings, boards, documents, media.
SHOWN_ONLY_SUFFIXES = (
    ".excalidraw",
    ".excalidraw.md",
    ".canvas",
    ".pdf",
    ".mp3",
    ".wav",
    ".m4a",
    ".ogg",
    ".mp4",
    ".webm",
    ".mov",
)


def link_text(target: str, alias: str | None) -> str:
    """What Obsidian shows for a wikilink: the alias, else the target (`Note#Part` as `Note > Part`),
    with HTML entities decoded (`[[model|model&#39;s]]` shows `model's`)."""
    return unescape(_link_text(target, alias))


def _link_text(target: str, alias: str | None) -> str:
    if alias and alias.strip():
        return alias.strip()
    target = target.strip()
    note, _, part = target.partition("#")
    part = part.lstrip("^")
    return f"{note} > {part}" if note and part else (note or part)


def _nested_link(src: str, pos: int) -> tuple[str, str | None, int] | None:
    """A wikilink with links inside it, as an auto-linker leaves them (`[[OOP|[[Object]]-Oriented
    Programming]]`): its target, its alias with the inner links shown as their text, and where it ends."""
    depth, at = 0, pos
    while at < len(src) and src[at] != "\n":
        if src.startswith("[[", at):
            depth, at = depth + 1, at + 2
        elif src.startswith("]]", at):
            depth, at = depth - 1, at + 2
            if depth == 0:
                break
        else:
            at += 1
    if depth:
        return None
    inner = src[pos + 2 : at - 2]
    while "[[" in inner:
        flat = _WIKILINK.sub(lambda m: link_text(m.group(2), m.group(3)), inner)
        if flat == inner:
            return None
        inner = flat
    target, bar, alias = inner.partition("|")
    return (target.strip(), alias if bar else None, at) if target.strip() else None


def wikilink_plugin(md: MarkdownIt) -> None:
    def rule(state: StateInline, silent: bool) -> bool:
        if state.src[state.pos] not in "[!":
            return False
        match = _WIKILINK.match(state.src, state.pos)
        if match and match.group(2).strip():
            embed, target, alias, end = match.group(1), match.group(2).strip(), match.group(3), match.end()
        else:
            nested = _nested_link(state.src, state.pos) if state.src.startswith("[[", state.pos) else None
            if nested is None:
                return False
            embed, (target, alias, end) = "", nested
        if not silent:
            token = state.push("embed" if embed else "wikilink", "", 0)
            token.meta = {"target": target, "alias": alias}
            token.content = state.src[state.pos : end]
        state.pos = end
        return True

    md.inline.ruler.before("link", "wikilink", rule)
    md.add_render_rule("wikilink", _render_wikilink)
    md.add_render_rule("embed", _render_embed)


def _render_wikilink(self: object, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType) -> str:
    meta = tokens[idx].meta
    return escape(link_text(meta["target"], meta["alias"]), quote=False)


def _render_embed(self: object, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType) -> str:
    meta = tokens[idx].meta
    target, alias = meta["target"], (meta["alias"] or "").strip()
    if target.lower().endswith(IMAGE_SUFFIXES):
        width = f' width="{int(alias)}"' if alias.isdigit() else ""
        return f'<img src="{escape(target)}"{width}>'
    return escape(link_text(target, alias or None), quote=False)


def mark_plugin(md: MarkdownIt) -> None:
    """`==text==` as <mark>, with inline markup inside it parsed as usual."""

    def rule(state: StateInline, silent: bool) -> bool:
        src, start = state.src, state.pos
        if not src.startswith("==", start) or src.startswith("===", start):
            return False
        end = src.find("==", start + 2)
        inner = src[start + 2 : end] if end > 0 else ""
        if not inner.strip() or inner[0].isspace() or inner[-1].isspace():
            return False
        if not silent:
            state.push("mark_open", "mark", 1).markup = "=="
            old_max = state.posMax
            state.pos, state.posMax = start + 2, end
            state.md.inline.tokenize(state)
            state.posMax = old_max
            state.push("mark_close", "mark", -1).markup = "=="
        state.pos = end + 2
        return True

    md.inline.ruler.before("emphasis", "mark", rule)


def tag_plugin(md: MarkdownIt) -> None:
    """`#tag` preceded by the start of the text or white space; pure numbers (`#1`) are not tags."""

    def rule(state: StateInline, silent: bool) -> bool:
        pos = state.pos
        if state.src[pos] != "#" or (pos > 0 and not state.src[pos - 1].isspace()):
            return False
        match = _TAG.match(state.src, pos)
        if not match:
            return False
        if not silent:
            token = state.push("tag", "", 0)
            token.meta = {"name": match.group(1).rstrip("/-")}
            token.content = match.group(0)
        state.pos = match.end()
        return True

    md.inline.ruler.before("text", "tag", rule)
    md.add_render_rule("tag", lambda self, tokens, idx, options, env: "")


def callout_plugin(md: MarkdownIt) -> None:
    """Mark `> [!type]- Title` blockquotes: meta["callout"] = {type, fold, title}; the title line
    is removed from the quote's first paragraph so the body is what remains."""

    def rule(state: StateCore) -> None:
        tokens = state.tokens
        for i, token in enumerate(tokens):
            if token.type != "blockquote_open" or i + 2 >= len(tokens):
                continue
            if tokens[i + 1].type != "paragraph_open" or tokens[i + 2].type != "inline":
                continue
            inline = tokens[i + 2]
            first, _, rest = inline.content.partition("\n")
            match = _CALLOUT.match(first.strip())
            if not match:
                continue
            token.meta = {
                "callout": {"type": match.group(1).lower(), "fold": match.group(2), "title": match.group(3).strip()}
            }
            inline.content = rest
            if tokens[i + 1].map:
                tokens[i + 1].map = [tokens[i + 1].map[0] + 1, tokens[i + 1].map[1]]
                inline.map = tokens[i + 1].map

    md.core.ruler.after("block", "callout", rule)
