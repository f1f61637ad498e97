"""Questions the notes ask, with the answer the notes give under them.

- every question of a Questions / Review questions / Quiz / FAQ / Q&A section (items and lines);
- a list item ending with `?` whose nested items answer it, anywhere;
- numbered questions answered by the same numbers of an Answers section.
(Question headings and callouts are in question_blocks.py; `Q:` / `A:` pairs, Question | Answer
tables and `<details>` in qa_pairs.py.)

A question with no answer in place is still a card: empty back, marked open. The lines an answer
came from are claimed, so `vector = 1d array` under `what are tensors?` is not a card again.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..model import Block, Card, Note
from ..text import card_markdown, plain
from ._common import (
    block_lines,
    heading_words,
    never_card,
)
from ._context import note_title, subject_of, words_of
from ._questions import (
    PROMPT_VERB,
    REFLECTION,
    WH_WORD,
    answer_parts,
    asks,
    in_question_section,
    is_question,
    item_answer,
    question_card,
    question_front,
    question_label,
    sibling_runs,
)
from ._view import NoteView

# "process.nextTick() vs setImmediate()": a comparison asked without a question mark.
_VERSUS = re.compile(r"\S\s+(?:vs\.?|versus)\s+\S|^(?:difference|differences)\s+between\s+\S", re.I)

# `What a week. Why does everything happen at once?`: a question after a sentence of its own.
_SENTENCE_BEFORE = re.compile(r"[.!]\s+\S[^.!]*\?\W*$")


def questions_section(view: NoteView) -> Iterator[Card]:
    """Every question of a Questions section is a card; nested questions are cards too.

    A paragraph question takes the lines under it in the same paragraph, or else the paragraphs
    that follow it up to the next question, as its answer.
    """
    note = view.note
    labelled = view.labelled
    blocks = [b for b in view.prose(callouts=True) if in_question_section(b, note) or id(b) in labelled]
    where = _positions(note) if blocks else {}
    used: set[int] = set()
    key: list[tuple[int, str, Block]] | None = None
    for i, block in enumerate(blocks):
        if block.line in used:
            continue
        if block.kind == "item":
            asked = asks(block.text, min_answer_words=1)
            if asked is None and PROMPT_VERB.match(plain(block.text)):
                prompt, _, said = block.text.partition("\n")
                asked = (prompt, said)
            elif asked is None and block.children and _VERSUS.search(plain(block.text)) and "\n" not in block.text:
                asked = (f"{block.text.strip().rstrip('.:')}?", "")  # "nextTick() vs setImmediate()" over its answer
            if asked is not None:
                answer, claims = item_answer(block, asked[1])
                if not answer:
                    answer, claims = _paragraphs_after(block, where, used)
                if not answer and block.meta.get("info"):
                    key = key if key is not None else _answer_key(note)
                    answer, claims = _keyed_answer(block, key)
                used.update(claims)
                yield question_card(note, block, "questions-section", question_front(asked[0]), answer, claims)
            continue
        yield from _paragraph_questions(note, block, blocks[i + 1 :], used)


def _paragraph_questions(note: Note, block: Block, after: list[Block], used: set[int]) -> Iterator[Card]:
    lines = block.lines()
    starts = [k for k, (_, text) in enumerate(lines) if is_question(text)]
    for n, k in enumerate(starts):
        end = starts[n + 1] if n + 1 < len(starts) else len(lines)
        answer_lines = [card_markdown(text) for _, text in lines[k + 1 : end]]
        claims = tuple(line for line, _ in lines[k + 1 : end])
        answer = "\n".join(a for a in answer_lines if a)
        if not answer and n + 1 == len(starts):
            answer, claims = _blocks_after(block, after, used)
        used.update(claims)
        line = lines[k][0]
        yield question_card(note, block, "questions-section", question_front(lines[k][1]), answer, claims, line=line)


def _blocks_after(block: Block, after: list[Block], used: set[int]) -> tuple[str, tuple[int, ...]]:
    """The answer the blocks after a question give, up to the next question or section."""
    following: list[Block] = []
    covered: set[int] = set(used)
    for nxt in after:
        if nxt.section != block.section or asks(nxt.text.split("\n", 1)[0]):
            break
        if nxt.line not in covered:
            following.append(nxt)
            covered.update(block_lines(nxt))
    return answer_parts(following)


_ANSWER_SECTION = re.compile(r"^(?:answers?|answer key|solutions?|model answers)(?:\s|$)", re.I)


def _answer_key(note: Note) -> list[tuple[int, str, Block]]:
    """The numbered items of Answers / Answer key / Solutions sections: (line, number, item)."""
    key: list[tuple[int, str, Block]] = []
    for block in note.blocks:
        if block.kind != "item" or not block.section or not str(block.meta.get("info", "")).isdigit():
            continue
        if _ANSWER_SECTION.match(heading_words(block.section[-1])):
            key.append((block.line, str(block.meta["info"]), block))
    return key


def _keyed_answer(item: Block, key: list[tuple[int, str, Block]]) -> tuple[str, tuple[int, ...]]:
    """`1. What is ...?` answered by item 1 of the first Answers section after it."""
    number = str(item.meta.get("info"))
    for line, n, answer in key:
        if line > item.line and n == number:
            return re.sub(r"^(?:-|\d+[.)])\s", "", answer_parts([answer])[0], count=1), block_lines(answer)
    return "", ()


def _paragraphs_after(
    item: Block, where: dict[int, tuple[tuple[Block, ...], int]], used: set[int]
) -> tuple[str, tuple[int, ...]]:
    """For a question item with nothing nested: the paragraphs right after it, when its list ends there."""
    siblings, k = where[id(item)]
    for before in reversed(siblings[:k]):
        if before.kind != "item":
            break
        asked = None if before.children else asks(before.text, min_answer_words=1)
        if asked and not asked[1].strip():
            return "", ()  # a list of open questions: what follows it answers none of them
    run: list[Block] = []
    for nxt in siblings[k + 1 :]:
        if nxt.kind != "paragraph" or asks(nxt.text.split("\n", 1)[0]) or never_card(nxt) or question_label(nxt):
            break
        run.append(nxt)
    return _blocks_after(item, run, used)


def _positions(note: Note) -> dict[int, tuple[tuple[Block, ...], int]]:
    """Each block's run of siblings and its place in it, by the block's identity."""
    return {id(b): (run, k) for run in sibling_runs(note.blocks) for k, b in enumerate(run)}


def question_list_item(view: NoteView) -> Iterator[Card]:
    """Outside Questions sections: a list item ending with `?` whose nested items answer it (or
    that answers itself after the `?`); a one-line question paragraph with a list right under it;
    a paragraph opening with a what/why/how question line, the lines under it answering."""
    note = view.note
    prose = list(view.prose(callouts=True))
    lines = {b.line for b in prose}
    where: dict[int, tuple[tuple[Block, ...], int]] = {}
    labelled = view.labelled
    for block in prose:
        if in_question_section(block, note) or id(block) in labelled:
            continue
        first, _, rest = block.text.strip().partition("\n")
        if block.kind == "item":
            asked = asks(block.text, wh_only=True)
            if asked is None:
                continue
            front, (answer, claims) = asked[0], item_answer(block, asked[1])
        elif not rest and is_question(first) and not _SENTENCE_BEFORE.search(plain(first)):
            where = where or _positions(note)
            items = [i for i in _list_after(block, where) if i.line in lines]
            if all("?" in plain(i.text) for i in items):
                continue  # a question over a list of more questions is musing, not an answer
            front, (answer, claims) = first, answer_parts(items)
        elif not rest and _SENTENCE_BEFORE.search(plain(first)) and block.kind == "paragraph":
            # "We can think of softmax as ... Why is exp() a good choice here?" / a list of reasons:
            # the closing question, answered by the list; the sentence before keeps its own card
            asked = _closing_question(first)
            where = where or _positions(note)
            items = [i for i in _list_after(block, where) if i.line in lines]
            if not asked or _personal(asked) or len(items) < 2 or any("?" in plain(i.text) for i in items):
                continue  # "What a week. Why am I so tired?" over a list is the writer's own
            answer, claims = answer_parts(items)
            subject = subject_of((note_title(note), *block.section))
            named = not subject or set(words_of(subject).split()) & set(words_of(asked).split())
            front = asked if named else f"{subject}: {asked}"
            yield question_card(note, block, "question-list-item", front, answer, claims, line=items[0].line)
            continue
        elif rest and is_question(first) and WH_WORD.match(plain(first)):
            answer = "\n".join(card_markdown(t) for t in rest.split("\n") if t.strip())
            front, claims = first, tuple(line for line, _ in block.lines()[1:])
        else:
            continue
        if answer and not _personal(front):
            yield question_card(note, block, "question-list-item", question_front(front), answer, claims)


# `Where did I leave the keys?`, `why is my back so sore?`, `what should we cook?`: about the
# writer's own life. `How do I renew a passport?` asks how a thing is done, and stays.
_PERSONAL = re.compile(r"\b(?:I|I'm|I've|I'd|I'll|me|my|mine|myself)\b|\b(?:should|shall)\s+we\b")
_HOW_TO = re.compile(r"^\W*how (?:do|can|should|would|could|to|does one) (?:I|we|you|one)\b", re.I)


def _personal(question: str) -> bool:
    text = plain(question)
    return bool(_PERSONAL.search(text) or REFLECTION.search(text)) and not _HOW_TO.match(text)


def _closing_question(text: str) -> str:
    """The what/why/how question that closes a paragraph after sentences of its own; "" for none."""
    found = re.search(r"(?<=[.!])\s+([^.!?]+\?)\W*$", text.strip())
    question = found.group(1).strip() if found else ""
    return question if question and WH_WORD.match(plain(question)) and len(question.split()) <= _ASKED_WORDS else ""


_ASKED_WORDS = 25


def _list_after(paragraph: Block, where: dict[int, tuple[tuple[Block, ...], int]]) -> list[Block]:
    """The items of the list that starts right under a paragraph (at most one blank line between)."""
    siblings, k = where[id(paragraph)]
    items: list[Block] = []
    for nxt in siblings[k + 1 :]:
        if nxt.kind != "item" or (not items and nxt.line > paragraph.line + 2):
            break
        if items and asks(nxt.text, wh_only=True):
            break  # the next question of a loose list is not this one's answer
        items.append(nxt)
    return items
