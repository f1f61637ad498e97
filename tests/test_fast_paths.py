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


NAME_TEXT = st.text(st.sampled_from(list("aAbBkKsSiIlL -_()2.é\u017f\u212a\u0130\u0131")), max_size=12)


@settings(max_examples=300, deadline=None)
@given(st.lists(NAME_TEXT, min_size=1, max_size=3), st.sampled_from(["", "the ", "A ", "an  "]), NAME_TEXT)
def test_title_names_are_looked_for_wherever_their_pattern_matches(names: list[str], article: str, rest: str) -> None:
    """title_description builds the pattern of a note's names only for sentences may_name lets
    through: it never turns away one the pattern would match."""
    import re

    from cards.extract._title import may_name, name_firsts, title_names

    title, aliases = names[0] or "a", tuple(names[1:])
    pattern = re.compile(rf"^(?:(?:an?|the)\s+)?(?:{title_names(title, aliases)})", re.I)
    for sentence in (article + rest, article + title + rest, article + title.upper() + rest):
        if pattern.match(sentence):
            assert may_name(sentence, name_firsts(title, aliases))


@settings(max_examples=300, deadline=None)
@given(
    st.text(st.sampled_from(list("ab_1 é.-")), max_size=12),
    st.text(st.sampled_from(list("ab1é")), min_size=1, max_size=3),
)
def test_a_topic_word_is_found_at_a_word_start_as_its_pattern_finds_it(text: str, part: str) -> None:
    import re

    from cards.extract.sections import _opens_a_word

    assert _opens_a_word(text, part) == bool(re.search(rf"(?<![\w]){re.escape(part)}", text))
