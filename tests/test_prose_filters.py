"""Which headings silence a section and which lines are never knowledge (cards/extract/_common.py)."""

from __future__ import annotations

import pytest

from cards.extract._common import heading_words, only_links, silent_section, speaker_line
from cards.model import Block


@pytest.mark.parametrize(
    ("title", "words"),
    [
        ("🎯 Goals for Today", "goals for today"),
        ("ğŸ¯ Goals for Today", "goals for today"),  # mojibake of the emoji left by a bad decode
        ("3. 📌 Action Items", "action items"),
        ("ðŸ¤” FAQ", "faq"),
        ("Q&A", "q&a"),
        ("Review questions", "review questions"),
    ],
)
def test_heading_words_drop_what_comes_before_the_first_word(title: str, words: str) -> None:
    assert heading_words(title) == words


@pytest.mark.parametrize(
    ("title", "silent"),
    [
        ("Goals for this week", True),
        ("Learning objectives", True),
        ("TODO", True),
        ("Action items", True),
        ("Today's focus", True),
        ("Links and resources", True),
        ("Quotes I liked", True),
        ("Tasks in NLP", False),
        ("NLP tasks", False),
        ("Goal-setting theory", False),
        ("Logging", False),
        ("Logistic regression", False),
    ],
)
def test_plan_and_quotation_sections_are_silent(title: str, silent: bool) -> None:
    assert silent_section(Block("paragraph", "text", 2, section=(title,))) is silent


@pytest.mark.parametrize(
    ("text", "links"),
    [
        ("[[Attention]]", True),
        ("[[Tokenisers]], [[Embeddings]]", True),
        ("![[diagram.png]]", True),
        ("[A talk](https://example.com/talk)", True),
        ("https://arxiv.org/abs/1706.03762", True),
        ("[PyTorch](https://pytorch.org) - a machine learning framework", False),
        ("See [[Attention]] for the maths", False),
        ("`[[not a link]]`", False),
    ],
)
def test_only_links(text: str, links: bool) -> None:
    assert only_links(text) is links


@pytest.mark.parametrize(
    ("line", "speech"),
    [
        ("Louise: If you could see your whole life, would you change things?", True),
        ("Kim: I think we should ship it.", True),
        ('**Coach:** "Train on what you will be tested on."', True),
        ("Gradient: the vector of partial derivatives", False),
        ("Q: Why do we use batches?", False),
        ("Precision: true positives over predicted positives", False),
    ],
)
def test_speaker_lines(line: str, speech: bool) -> None:
    assert speaker_line(line) is speech
