"""Questions the note-taker quotes to answer them: a study guide's or an interviewer's question in a
blockquote, and the author's answer in the paragraphs under it.

    > "What is the Markov property, and why does it matter?"      ->  question, answered by
                                                                       the paragraphs that follow
    The next state depends only on the current one ...
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..model import Block, Card
from ..text import plain, sentences
from ._common import block_lines, silent_section
from ._questions import answer_parts, question_card
from ._view import NoteView

# What a study prompt opens with when it is not written as a question.
_PROMPT_VERB = re.compile(
    r"^(?:define|explain|derive|describe|compare|contrast|list|name|give|state|outline|discuss|prove|show"
    r"|summari[sz]e|distinguish|justify)\b",
    re.I,
)
# "For a job-shop scheduling task, define ...": the setting before the task.
_SETTING = re.compile(r"^(?:for|in|given|using|with)\s[^,]{3,80},\s+", re.I)
# "Compare to Xie2019 who used ...": a pointer to another work, not a task.
_POINTER = re.compile(r"^(?:compare|contrast)\s+(?:to|with)\b", re.I)
_QUOTES = "\"'\u201c\u201d\u2018\u2019 "
_MAX_PARAGRAPHS = 3
_MUSING_WORDS = 8  # words after a quoted question: a study prompt stops at its question


def _prompt(quote: Block) -> str:
    """The question a quote asks: its first sentence when that asks or sets a task, else empty."""
    if len(quote.children) != 1 or quote.children[0].kind != "paragraph":
        return ""
    text = plain(quote.children[0].text).strip().strip(_QUOTES)
    spans = sentences(text)
    if not spans:
        return ""
    first = text[spans[0][0] : spans[0][1]].strip().strip(_QUOTES)
    # "What is X, and why does it matter?" may run over two sentences: up to the first '?'
    asked = re.match(r"^[^?]{8,300}\?", text)
    if asked and re.match(r"^(?:what|why|how|when|which|who|where|is|are|does|do|can|should)\b", text, re.I):
        quoted = plain(quote.children[0].text).lstrip()[:1] in '"\u201c'
        if not quoted and len(text[asked.end() :].split()) >= _MUSING_WORDS:
            return ""  # "Why ...? Does it come from ...? A good homework: check ...": the author wondering
        return asked.group(0).strip().strip(_QUOTES)
    task = _SETTING.sub("", first, count=1)
    if _PROMPT_VERB.match(task) and not _POINTER.match(task) and len(first.split()) >= 4:
        return first.rstrip(".").strip()
    return ""


def quoted_question(view: NoteView) -> Iterator[Card]:
    """A blockquote that asks a question (or sets a task: Define, Explain, Compare ...) followed by
    the paragraphs that answer it, up to the next quote or heading."""
    note = view.note
    blocks = note.blocks
    for i, block in enumerate(blocks):
        if block.kind != "quote" or silent_section(block):
            continue
        front = _prompt(block)
        if not front:
            continue
        answer_blocks: list[Block] = []
        for other in blocks[i + 1 :]:
            if other.kind not in ("paragraph", "item", "math", "table") or len(answer_blocks) >= _MAX_PARAGRAPHS:
                break
            if other.kind == "paragraph" and other.text.lstrip()[:1] in '"\u201c':
                break  # the next question, quoted in a paragraph of its own
            answer_blocks.append(other)
        if not answer_blocks:
            continue
        answer, claims = answer_parts(answer_blocks)
        yield question_card(note, block, "quoted-question", front, answer, (*block_lines(block), *claims))
