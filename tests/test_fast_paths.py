"""Shortcuts taken for speed give exactly what the slow path gives."""

from __future__ import annotations

import ftfy
from hypothesis import given, settings
from hypothesis import strategies as st

from cards.export.fields import source_html
from cards.export.html import _markdown_html, _render_html, sanitize
from cards.extract._common import _only_links_parsed, _words_outside_links
from cards.model import Card, Kind, Source
from cards.vault import _FTFY, fix_text

MESSY = st.lists(
    st.sampled_from([*"ab <>&;#x\t\n\x1b\x07é’ﬁＡ\u0080", "&amp;", "&lt;", "Ã©", "â€™", "\u00c2\u00a0"]),
    max_size=40,
).map("".join)
CARD_TEXT = st.text(
    st.one_of(
        st.sampled_from(list("abcXYZ 019.,;:!?()'-+/%@^é*_[]#=$`<>&\"\\~|{}\n\t\u00a0\u1680")),
        st.characters(max_codepoint=0x1F600, exclude_categories=("Cs",)),
    ),
    max_size=16,
)


@settings(max_examples=200, deadline=None)
@given(MESSY)
def test_skipping_clean_lines_repairs_like_ftfy(text: str) -> None:
    assert fix_text(text) == ftfy.fix_text(text, **_FTFY)


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(["", "A", "é", "Term "]), CARD_TEXT)
def test_plain_card_text_renders_like_markdown(start: str, text: str) -> None:
    assert _render_html(start + text) == _markdown_html(start + text)


@settings(max_examples=200, deadline=None)
@given(st.lists(CARD_TEXT.filter(bool), min_size=1, max_size=3), CARD_TEXT)
def test_source_links_need_no_sanitizing(paths: list[str], vault: str) -> None:
    card = Card(Kind.BASIC, "front", "back", tuple(Source(f"{p}.md", i + 1) for i, p in enumerate(paths)))
    links = source_html(card, vault)
    assert sanitize(links) == links


LINKISH = st.lists(
    st.sampled_from(
        [*"ab1 \n[]()<>!#&;\\`$*_=~|:.é", "[[", "]]", "![[", "](", "http://x.y", "www.", "&nbsp;", "&eacute;", "#tag"]
    ),
    max_size=24,
).map("".join)


@settings(max_examples=500, deadline=None)
@given(LINKISH)
def test_words_seen_outside_links_without_parsing_are_there_for_the_parser(text: str) -> None:
    assert not (_words_outside_links(text) and _only_links_parsed(text))
