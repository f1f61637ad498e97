"""Sections of prose: a heading that names a topic and a paragraph under it that says something
about that topic. The heading, with the subject it sits under, is the prompt; the opening sentences
that speak of the heading's topic are the answer.

    # Saving models            ->  basic  "Saving models: TensorFlow"
    ## TensorFlow                          /  "TensorFlow uses the SavedModel format."
    TensorFlow uses the SavedModel format. It used to use h5.

A paragraph that does not name the heading's topic in its first two sentences (`## Connection to
neuroscience` / "Throughout the history of psychology ...") is a story about it, not a fact to learn.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import pairwise

from ..model import Block, Card, Kind, Note
from ..text import plain, sentences
from . import rule
from ._common import make_card, silent_section
from ._context import generic_label, note_title
from .definitions import FIRST_PERSON

# Words of a heading that name no topic of their own: "Issues with the IOU" is about the IOU.
_EMPTY_WORDS = frozenset(
    "a an the of for to in on at by with and or vs versus from into about how what why when where which who "
    "is are do does use uses using used case cases issue issues problem problems note notes more other some "
    "part section intro introduction overview summary example examples basics general misc miscellaneous".split()
)
_WORD = re.compile(r"[^\W\d_][\w'-]*")
_SEEN = 2  # sentences of the paragraph in which the topic must be named
_MAX_ANSWER = 360
_WE = re.compile(r"(?<![\w'’])(?:we|our|us)(?![\w'’])", re.I)
# "Kuncel, N. R., & Hezlett, S. A. (2010). Fact and fiction ...": a reference, not a statement.
_CITATION = re.compile(r"^[A-Z][\w'-]+,\s+(?:[A-Z]\.\s*)+|\(\d{4}[a-z]?\)\.")
# What the answer leans on or how the author feels: "write this thing below", "as described
# above", a link, "They link ..." (the paper's authors), "is a bit tricky", "a nice review".
_NOT_A_FACT = re.compile(
    r"\b(?:below|above|the following|this thing|here)\b|https?://|^(?:they|he|she|the authors?)\b"
    r"|\b(?:nice|tricky|cool|weird|confusing|annoying|awesome|amazing|fun|boring|unclear|not (?:quite |very )?clear"
    r"|i think|imho|probably|maybe|perhaps|(?:a|very|really|quite) (?:good|bad|great))\b",
    re.I,
)
_HEADING_NOT_TOPIC = re.compile(
    r"^(?:\d+[.)]|step\b|part\b|phase\b|stage\b|chapter\b|lecture\b|week\b|day\b|example\b|exercise\b|problem\s+\d"
    r"|todo\b|to-?do\b|questions?\b|answers?\b|solution\b|references?\b|sources?\b|further\b|see also\b)",
    re.I,
)


def _topic_words(heading: str) -> list[str]:
    return [w for w in _WORD.findall(heading.lower()) if w not in _EMPTY_WORDS and len(w) >= 3]


def _names(sentence: str, words: list[str]) -> bool:
    """The sentence names one of the topic's words (or a form of it: "recursive" / "recursively")."""
    low = sentence.lower()
    return any(re.search(rf"(?<![\w]){re.escape(w[:5] if len(w) > 5 else w)}", low) for w in words)


def _subject(note: Note, heading: Block) -> str:
    """The innermost heading above this one that is no generic label, or the note's title."""
    for title in reversed(heading.section[:-1] if heading.section else ()):
        if title.strip() and not generic_label(plain(title)):
            return plain(title).strip()
    return note_title(note)


def _prompt(subject: str, topic: str) -> str:
    """`Saving models: TensorFlow`; a heading that already names its subject stands alone."""
    subject = subject.rstrip(":").strip()
    said = set(_topic_words(topic))
    initials = "".join(w[0] for w in _WORD.findall(subject.lower()))  # "IoU" names "Intersection over union"
    if not subject or set(_topic_words(subject)) & said or (len(initials) >= 2 and initials in said):
        return topic
    return f"{subject}: {topic}"


def _answer(text: str, words: list[str]) -> str:
    """The opening sentences up to the first that names the topic, or empty."""
    spans = sentences(text)
    for i, (_, end) in enumerate(spans[:_SEEN]):
        chosen = text[spans[0][0] : end].strip()
        said = text[spans[i][0] : end]
        if FIRST_PERSON.search(chosen) or _WE.search(chosen) or chosen.endswith(("?", ":")) or "!" in chosen:
            return ""  # the author's own doings, a question, a lead-in or a cheer
        if _CITATION.search(chosen) or _NOT_A_FACT.search(chosen):
            return ""
        if _names(said, words):
            return chosen if len(chosen) <= _MAX_ANSWER and len(chosen.split()) >= 6 else ""
    return ""


@rule("section-statement", priority=64)
def section_statement(note: Note) -> Iterator[Card]:
    """A heading that names a topic and the paragraph right under it that speaks of that topic."""
    for heading, block in pairwise(note.blocks):
        if heading.kind != "heading" or heading.depth == 1 or block.kind != "paragraph":
            continue
        topic = plain(heading.text).strip()
        if not topic or topic.endswith(("?", ":")) or len(topic.split()) > 6 or _HEADING_NOT_TOPIC.match(topic):
            continue
        if generic_label(topic) or silent_section(block):
            continue
        words = _topic_words(topic)
        if not words:
            continue
        answer = _answer(plain(block.text), words)
        if answer:
            front = _prompt(_subject(note, heading), topic)
            yield make_card(Kind.BASIC, front, answer, note, block, "section-statement")
