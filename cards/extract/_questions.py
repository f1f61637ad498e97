"""What the question rules share: Questions sections and labels, runs of sibling blocks, what
reads as a question (`is_question`, `asks`), and how a question and its answer become a card."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..model import Block, Card, Kind, Note
from ..text import card_markdown, first_sentences, plain
from ._common import (
    block_lines,
    block_markdown,
    heading_words,
    make_card,
    never_card,
    only_links,
)

_QUESTION_SECTION = re.compile(
    r"^(?:(?:chapter|ch\.?|week|lecture|lesson|unit|module|part|section|topic|session)\s*[\w.]{1,6}\s*[-\u2013\u2014:.]?\s+)?"
    r"(?:(?:review|practice|study|open|key|exam|self[- ]?check|test|my|some|unanswered|comprehension"
    r"|discussion|frequently asked|check|guiding|essential|recall|interview|exam prep)\s+)?"
    r"(?:questions?|quiz(?:zes)?|self[- ]?test|self[- ]?check|faqs?|q\s*&\s*a|q\s*and\s*a|flashcards"
    r"|test yourself|check your understanding|knowledge check|active recall"
    r"|practice(?: problems?| exercises?)?|exercises?|problem sets?)\b",
    re.I,
)


def in_question_section(block: Block, note: Note | None = None) -> bool:
    """Under a Questions / Quiz / FAQ heading, or anywhere in a note named like one."""
    titles = block.section + ((note.title,) if note is not None else ())
    return any(_QUESTION_SECTION.match(heading_words(title)) for title in titles)


# `Questions`, `Review questions:`, `**Quiz**` as a line of its own: a label, not a sentence.
_QUESTIONS_LABEL = re.compile(r"^(?:\*\*|__)?(?P<label>[^*_:\n]{3,40}?)(?:\s*:)?(?:\*\*|__)?(?:\s*:)?$")


def question_label(block: Block) -> bool:
    """A paragraph that only says `Questions` (or `Review questions:`, `**Quiz**`, ...)."""
    match = _QUESTIONS_LABEL.match(block.text.strip()) if block.kind == "paragraph" and len(block.text) < 50 else None
    if match is None:
        return False
    words = heading_words(match.group("label"))
    found = _QUESTION_SECTION.match(words)
    return found is not None and found.end() == len(words)


def labelled_lists(note: Note) -> frozenset[int]:
    """The blocks (by identity) of each list right under a Questions label (`Questions:` on a
    line of its own): a Questions heading in all but name. Only the whole label counts
    (`Questions for Sam:` is a list of things to ask)."""
    return frozenset(_labelled(note))


def _labelled(note: Note) -> Iterator[int]:
    for run in sibling_runs(note.blocks):
        label: int | None = None  # the line of the label the list goes on from
        listed = False
        end, items, loose = 0, 0, False  # the list so far: its last line, its items, a blank line between two
        for block in run:
            if block.kind != "item":
                label, listed, items, loose = (block.line if question_label(block) else None), False, 0, False
            elif label is not None and (listed or block.line <= label + 2):  # a blank line at most
                gap = items > 0 and block.line > end + 1
                if gap and items >= 2 and not loose:
                    label = None  # a blank line after a tight list: another list, Markdown joins them
                    continue
                listed, items, loose = True, items + 1, loose or gap
                end = max(block_lines(block))
                yield from (id(b) for b in block.walk())
            else:
                label = None


def sibling_runs(blocks: tuple[Block, ...]) -> Iterator[tuple[Block, ...]]:
    yield blocks
    for block in blocks:
        if block.children:
            yield from sibling_runs(block.children)


_NUMBERING = re.compile(
    r"^(?:\*\*|__)?(?:Q(?:uestion)?\s*\d+[.):]?|Q(?:uestion)?[.):]|\d+[.):]|\(\d+\)|[a-z][.)])(?:\*\*|__)?\s+(?=\S)",
    re.I,
)


_LEADING_SYMBOLS = re.compile(r"^[^\w\"'\u201c\u2018(\[*_`$\u00bf\u00a1~=]+")


_ASKED_THEN_ANSWERED = re.compile(
    r"^(?P<question>(?:what|why|how|when|where|which|who|whom|whose|is|are|was|were|do|does|did|can|could"
    r"|should|would|will|has|have)\b[^?\n]{8,}\?)\s+(?:[-\u2013\u2014>:]+\s*|=>\s*|\u2192\s*)?(?P<answer>\S.*)$",
    re.I,
)


WH_WORD = re.compile(r"^\W*(?:what|why|how|when|where|which|who|whose)\b", re.I)


# Prompts a question list gives as orders: `Explain dropout.`, `Define entropy`.
PROMPT_VERB = re.compile(
    r"^\W*(?:explain|define|describe|compare|contrast|list|name|give|state|derive|prove|show|sketch|outline"
    r"|summari[sz]e|distinguish|identify|calculate|compute)\b\s+\S",
    re.I,
)


# Prompts of a journal or review template, asked of oneself.
REFLECTION = re.compile(
    r"\bwhat (?:did|will|have|am|was|would|could|should|do|can) I\b|\b(?:me|my|myself)\b"
    r"|\b(?:went|go|going|gone) (?:well|wrong|badly)\b|\bgrateful\b|\bproud of\b",
    re.I,
)


# What follows a `?` but answers nothing.
_DONT_KNOW = r"not sure|no idea|idk|dunno|tbd|todo"
_HEDGE = re.compile(rf"^\W*(?:{_DONT_KNOW}|maybe|perhaps|\?|need to|have to|ask\b)", re.I)
# An answer that only hands the question on: "Ask Dr Mehta.", "ask the TA", "TBD", "It's hard to explain ...".
_HANDED_ON = re.compile(
    rf"^\W*(?:(?:{_DONT_KNOW})\W*$|ask\s+(?:(?:dr|prof|professor|mr|mrs|ms)\b\.?\s*\S+"
    r"|the\s+(?:ta|teacher|professor|instructor|lecturer|team|lead|manager)\b)[^.!?]*[.!]?\s*$"
    r"|(?:it'?s|it\s+is)\s+(?:hard|difficult|too\s+(?:hard|long|complex))\s+to\s+explain\b)",
    re.I,
)


# `What's next?`, `So what changed?`, `Why not?`: questions that name nothing a card could ask.
_VAGUE = frozenset(
    """what s why how so then now next else not is was are it this that the a about up happened
    changed catch point deal matter matters problem wrong right really anyway though again more when
    where who which do does did can could would should will now work works mean means look like help
    use used go goes different important here there we you they in for of to with""".split()
)


# Words that point at what was said before: a vague question leans on one (`What is work?` asks).
_DEICTIC = frozenset("it this that they them these those there here next now else so then".split())


QUESTION_CALLOUTS = frozenset({"question", "faq", "help"})


_LONG_ANSWER = 600


def is_question(text: str) -> bool:
    """Text that asks: it ends with `?` (after closing marks) and has two words or more (a bare
    `Why?` asks nothing a card could)."""
    if "?" not in text:
        return False
    words = plain(text).rstrip(" )\"'\u201d\u2019*_")
    found = re.findall(r"\w+", words.lower())
    vague = all(w in _VAGUE for w in found) and (len(found) <= 2 or any(w in _DEICTIC for w in found))
    return words.endswith("?") and len(found) >= 2 and not vague


def _unwrap(text: str) -> str:
    for mark in ("**", "__", "*", "_"):
        inner = text[len(mark) : -len(mark)]
        if len(text) > 2 * len(mark) and text.startswith(mark) and text.endswith(mark) and mark not in inner:
            return inner.strip()
    return text


def question_front(markdown: str) -> str:
    """A question as a card's front: no numbering, no bold around the whole question."""
    text = _unwrap(card_markdown(markdown).strip())
    text = _unwrap(_NUMBERING.sub("", text, count=1))
    return _LEADING_SYMBOLS.sub("", text).strip()


def answer_parts(blocks: list[Block] | tuple[Block, ...]) -> tuple[str, tuple[int, ...]]:
    """The answer the given blocks make, as card Markdown, and the lines it came from. A link is a
    fine answer (`Which paper introduced transformers?` / `[[Attention Is All You Need]]`)."""
    lines: list[str] = []
    used: list[int] = []
    for block in blocks:
        rendered = block_markdown(block)
        if rendered:
            lines.extend(rendered)
            used.extend(block_lines(block))
    return "\n".join(lines), tuple(used)


# `Answer: Au` under a question: the label is no part of the answer.
_ANSWER_LABEL = re.compile(r"^(?:\*\*|__)?(?:answer|ans|a)\s*\d*\s*(?:\*\*|__)?\s*:\s*(?:\*\*|__)?\s*(?=\S)", re.I)


# A multiple-choice option: "a) It is faster", "(b) ReLU", "- C. Softmax".
_CHOICE = re.compile(r"^\s*(?:[-*+]\s+)?\(?(?P<letter>[a-hA-H])[).]\s+\S")
_LETTERS = "abcdefgh"


def _with_choices(front: str, answer: str) -> tuple[str, str]:
    """A multiple-choice question: the options written under it are part of what it asks, the
    answer is what follows them (`a) ...` / `b) ...` / `Answer: b) ...`). Options with no answer
    after them answer nothing."""
    lines = answer.split("\n")
    count = 0  # options run a), b), c) ...; the answer after them names one again
    for line in lines:
        choice = _CHOICE.match(line)
        if choice is None or count == len(_LETTERS) or choice.group("letter").lower() != _LETTERS[count]:
            break
        count += 1
    if count < 2:
        return front, answer
    choices = [re.sub(r"^\s*[-*+]\s+", "", line) for line in lines[:count]]
    rest = "\n".join(lines[count:]).strip()
    return "\n".join([front, *(f"- {choice}" for choice in choices)]), rest


# An answer that names an option only: "b)", "(c)", "**B**".
_LETTER_ONLY = re.compile(r"^\(?(?P<letter>[a-hA-H])[).]?$")


def _chosen(front: str, answer: str) -> str:
    """The option an answer names by its letter, written out (`b) Evaluate on unseen data`): a card
    whose back says only "b)" makes the student look back at the options to learn anything."""
    named = _LETTER_ONLY.match(plain(answer).strip())
    if named is None:
        return answer
    for line in front.split("\n"):
        choice = _CHOICE.match(line)
        if choice and choice.group("letter").lower() == named.group("letter").lower():
            return re.sub(r"^\s*[-*+]\s+", "", line).strip()
    return answer


def question_card(
    note: Note, block: Block, rule_name: str, front: str, answer: str, claims: tuple[int, ...], line: int | None = None
) -> Card:
    """A question card; open when there is no answer, a long answer cut at a sentence boundary
    with the whole of it kept as the card's extra. A multiple-choice question's options are asked."""
    front, answer = _with_choices(front, answer)
    extra = ""
    if "\n" not in answer:
        answer = answer.removeprefix("- ") if _ANSWER_LABEL.match(answer.removeprefix("- ")) else answer
    answer = _chosen(front, _ANSWER_LABEL.sub("", answer, count=1))
    if "\n" not in answer and _HANDED_ON.match(plain(answer)):
        answer, claims = "", ()  # "Ask Dr Mehta.": still to be answered
    if len(answer) > _LONG_ANSWER:
        answer, extra = first_sentences(answer, _LONG_ANSWER), answer
    return make_card(
        Kind.QUESTION, front, answer, note, block, rule_name, line=line, open=not answer, claims=claims, extra=extra
    )


def item_answer(block: Block, inline: str = "") -> tuple[str, tuple[int, ...]]:
    """What a question item's own words after the `?` and its nested blocks answer (nested
    questions are cards of their own); a lone hedge (`- maybe`) answers nothing."""
    answer, claims = answer_parts(
        [c for c in block.children if not (c.kind == "item" and asks(c.text)) and not _said(c)]
    )
    answer = "\n".join(p for p in (card_markdown(inline), answer) if p)
    if "\n" not in answer and _HEDGE.match(plain(answer.removeprefix("- "))):
        return "", ()  # `- maybe` under a question is no answer
    return answer, claims


def _said(block: Block) -> bool:
    """A line of dialogue or a templater command under a question (`Tom: "I think we wait"`) is
    what someone said in a meeting, not the answer the notes give."""
    return block.kind in ("paragraph", "item") and never_card(block) and not only_links(block.text)


_BOLD_QUESTION = re.compile(r"^(\*\*|__)([^*_\n]+?\?)\1(?=\s)")


def asks(text: str, min_answer_words: int = 3, wh_only: bool = False) -> tuple[str, str] | None:
    """(question, answer written after it) when an item asks: it ends with `?`, or it opens with
    a question (`what is a relu? anything below 0 becomes 0`) and goes on to answer it. With
    `wh_only`, only what/why/how... questions may carry their answer on the same line (`Is this
    right? not sure, ask Sam` is a note to self)."""
    first, _, rest = text.partition("\n")
    if is_question(text):
        return text, ""
    first = _BOLD_QUESTION.sub(r"\2", first, count=1)  # `**What is X?** It is ...`
    if rest.strip() and is_question(first):
        # `1. What is a thread?` with its answer on the indented lines under it (one paragraph)
        if _HEDGE.match(plain(rest)) or (wh_only and not WH_WORD.match(plain(first))):
            return None
        return first, rest
    match = _ASKED_THEN_ANSWERED.match(first)
    if not match or "\n" in text.strip() or len(match.group("answer").split()) < min_answer_words:
        return None
    if _HEDGE.match(match.group("answer")) or (wh_only and not WH_WORD.match(match.group("question"))):
        return None
    return match.group("question"), match.group("answer")
