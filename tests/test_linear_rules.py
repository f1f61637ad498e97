"""Rules rewritten to run in time linear in the note give what the regexes they replace gave.

The regexes were right but went quadratic on a note of one pattern repeated (`{{c1::` with no end,
`**T**: `, `a:: b`, brackets nested deep); bench/hostile_notes.py measures the time, these check
that nothing else changed."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from cards.extract import _common, explicit, highlights


def texts(alphabet: list[str], size: int = 12) -> st.SearchStrategy[str]:
    return st.lists(st.sampled_from(alphabet), max_size=size).map("".join)


@settings(max_examples=500, deadline=None)
@given(texts(["a", " ", "::", ":", "->", "=>", "\n", "(", "b"]))
def test_signature_search(text: str) -> None:
    assert explicit._signature(text) is bool(explicit._SIGNATURE.search(text))


@settings(max_examples=500, deadline=None)
@given(texts(["{{c1::", "{{c12::", "{{", "}}", "}", "x", "\n", "::", "c"]))
def test_cloze_spans(text: str) -> None:
    assert list(explicit._cloze_spans(text)) == [m.span() for m in explicit._ANKI_CLOZE.finditer(text)]
    assert explicit._mask_clozes(text) == explicit._ANKI_CLOZE.sub(lambda m: "\0" * len(m.group(0)), text)


@settings(max_examples=500, deadline=None)
@given(texts(["{{cloze ", "{{cloze", "{{", "}}", " ", "x", "\n"]))
def test_logseq_cloze_search(text: str) -> None:
    assert explicit._logseq_cloze(text) is bool(explicit._LOGSEQ_CLOZE.search(text))


@settings(max_examples=500, deadline=None)
@given(texts(["a", "B", "é", "'", " ", "**", "_", ".", "1"]), st.integers(0, 12))
def test_word_before(sentence: str, start: int) -> None:
    start = min(start, len(sentence))
    assert highlights._word_before(sentence, start) == re.findall(r"[\w']+", sentence[:start].lower())[-1:]


def _words_outside_links_unbounded(markdown: str) -> bool:
    """The function as it was: a pass for each level of nesting, however deep."""
    if _common._BINDS_TIGHTER.search(markdown):
        return False
    while True:
        shorter = _common._BRACKETED.sub("\x01", markdown)
        if shorter == markdown:
            break
        markdown = shorter
    return any(_common._LETTER.search(c) and not _common._UNSURE.search(c) for c in markdown.split())


@settings(max_examples=500, deadline=None)
@given(texts(["[", "]", "(", ")", "word", " ", "#t"], size=20))
def test_words_outside_links_up_to_the_nesting_bound(text: str) -> None:
    assert _common._words_outside_links(text) is _words_outside_links_unbounded(text)


def test_brackets_nested_past_the_bound_are_left_to_the_parser() -> None:
    deep = "[" * 40 + "x" + "]" * 40 + " some words"
    assert _words_outside_links_unbounded(deep)
    assert not _common._words_outside_links(deep)  # "not sure": the inline parser decides, as before
