"""Questions written with their answers: `Q: ... / A: ...` pairs (`**Q:** / **A:**`, `Question: /
Answer:`, on one line or several), tables headed Question | Answer, and HTML `<details>` whose
`<summary>` asks (FAQ pages pasted from the web)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..model import Block, Card, Kind
from ..text import card_markdown, plain
from ._common import block_lines, make_card, silent_section
from ._questions import answer_parts, is_question, question_card, question_front
from ._view import NoteView

# A line that sets a question: `Q: ...`, `**Question 3.** ...` (the answers stage reads it too: a
# block holding one asks, and answers no other question)
Q_LINE = re.compile(
    r"^(?:\*\*|__)?(?:Q|Question)\s*\d*(?:\*\*|__)?\s*(?P<sep>[:.)])(?:\*\*|__)?\s*(?P<text>\S.*)$",
    re.I,
)
_A_LINE = re.compile(
    r"^(?:\*\*|__)?(?:A|Ans|Answer)\s*+\d*(?:\*\*|__)?\s*+[:.)](?:\*\*|__)?\s*+(?P<text>\S.*)?$",
    re.I,
)
# `(?<!\s)\s++`: a run of spaces is tried once, from its start (a line of spaces made it quadratic)
_INLINE_A = re.compile(r"(?<!\s)\s++(?:\*\*|__)?(?:A|Answer)(?:\*\*|__)?\s*+:(?:\*\*|__)?\s*")


def _unwrapped(text: str) -> str:
    """`**Q: Why ...?**`: the bold the label opened closes at the line's end, not part of the question."""
    for mark in ("**", "__"):
        if text.rstrip().endswith(mark) and text.count(mark) % 2:
            return text.rstrip()[: -len(mark)].rstrip()
    return text


def qa_pairs(view: NoteView) -> Iterator[Card]:
    """`Q: question` then `A: answer` (also bold, also spelled out), the answer running on to the
    next question or the end of its block."""
    note = view.note
    pending: tuple[Block, int, str, bool] | None = None
    answer: list[str] = []
    claims: list[int] = []

    def flush() -> Iterator[Card]:
        if pending is not None:
            block, line, front, labelled = pending
            text = "\n".join(a for a in answer if a)
            if not text and not labelled:
                return  # `Q1. What ...?` with no `A:`: a numbered question, for the other rules
            yield question_card(note, block, "qa-pairs", front, text, tuple(claims), line=line)

    last_block: Block | None = None
    listed = False  # a bare `A:` line: the list right under it is the answer
    taken: set[int] = set()
    for block in view.prose(callouts=True):
        if block.line in taken:
            continue
        if listed and pending is not None and block.kind == "item" and not Q_LINE.match(block.text.strip()):
            rest, lines = answer_parts([block])
            answer.append(rest)
            claims.extend(lines)
            taken.update(lines)
            continue
        listed = False
        for line, text in block.lines():
            q = Q_LINE.match(text.strip())
            a = _A_LINE.match(text.strip())
            if q:
                yield from flush()
                labelled = q.group("sep") == ":"
                asked, said = _split_inline_answer(_unwrapped(q.group("text")))
                pending, answer, claims = (block, line, question_front(asked), labelled), [], []
                if said:
                    answer.append(card_markdown(said))
                    last_block = block
            elif a and pending is not None and (not claims or block is last_block or block is pending[0]):
                answer.append(card_markdown(a.group("text") or ""))
                claims.append(line)
                last_block = block
                listed = not a.group("text") and line == block.lines()[-1][0]
            elif pending is not None and (block is pending[0] or block is last_block) and text.strip():
                answer.append(card_markdown(text))
                claims.append(line)
        if pending is not None and block is last_block and block.kind == "item" and block.children:
            rest, lines = answer_parts(block.children)
            answer.append(rest)
            claims.extend(lines)
    yield from flush()


def _split_inline_answer(text: str) -> tuple[str, str]:
    """`What is X? A: Y` on one line: the question and the answer."""
    parts = _INLINE_A.split(text, maxsplit=1)
    return parts[0], parts[1] if len(parts) > 1 else ""


# Cornell notes' `| Cues | Notes |` too.
_QUESTION_HEADERS = frozenset({"q", "question", "questions", "prompt", "ask", "cue", "cues", "cue column"})
_ANSWER_HEADERS = frozenset(
    {"a", "answer", "answers", "response", "reply", "solution", "solutions", "explanation", "notes", "note"}
)


def qa_table(view: NoteView) -> Iterator[Card]:
    """A table headed Question | Answer (or Q | A): each row is a question card."""
    note = view.note
    for block in note.walk():
        if block.kind != "table" or silent_section(block):
            continue
        header = [plain(cell).lower().strip(" :") for cell in block.meta.get("header", ())]
        asked = next((k for k, h in enumerate(header) if h in _QUESTION_HEADERS), None)
        answered = next((k for k, h in enumerate(header) if h in _ANSWER_HEADERS), None)
        if asked is None or answered is None or answered <= asked:
            continue  # `| # | Question | Answer | Notes |` too: the first Question and Answer columns
        for line, cells in block.meta.get("rows", ()):
            if len(cells) <= answered or not plain(cells[asked]):
                continue
            answer = card_markdown(cells[answered])
            front = question_front(cells[asked])
            yield make_card(Kind.QUESTION, front, answer, note, block, "qa-table", line=line, open=not answer)


_SUMMARY = re.compile(r"<details\b[^>]*>\s*<summary\b[^>]*>(?P<q>.*?)</summary>(?P<rest>.*)", re.S | re.I)
_TAG = re.compile(r"</?[a-z][^>]*>", re.I)


def qa_details(view: NoteView) -> Iterator[Card]:
    """`<details><summary>What is X?</summary>answer</details>`: the summary asks, the rest answers,
    Markdown between the tags too (the block runs on to the `</details>`)."""
    note = view.note
    blocks = [b for b in note.walk() if b.kind in ("html", "heading", "paragraph", "item", "code", "table", "math")]
    for i, block in enumerate(blocks):
        match = _SUMMARY.search(block.text) if block.kind == "html" and not silent_section(block) else None
        if not match or not is_question(_TAG.sub("", match.group("q"))):
            continue
        inside = match.group("rest")
        parts, claims = [_TAG.sub("", inside.split("</details>", 1)[0]).strip()], list(block_lines(block))
        if "</details>" not in inside:
            body: list[Block] = []
            for nxt in blocks[i + 1 :]:
                if nxt.kind == "heading":
                    break  # an unclosed `<details>` ends with its section
                if nxt.kind == "html":
                    parts.append(_TAG.sub("", nxt.text.split("</details>", 1)[0]).strip())
                    claims.extend(block_lines(nxt))
                    if "</details>" in nxt.text or "<details" in nxt.text:
                        break
                    continue
                body.append(nxt)
            text, lines = answer_parts(body)
            parts.insert(1, text)
            claims.extend(lines)
        answer = "\n".join(card_markdown(p) if "\n" not in p else p for p in parts if p.strip())
        front = question_front(_TAG.sub("", match.group("q")).strip())
        yield question_card(note, block, "qa-details", front, answer, tuple(claims))
