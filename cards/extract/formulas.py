"""Formulas: a heading over a displayed formula, or a sentence that says what the formula after it
is, is a card that asks for the formula.

    ##### Cross-entropy for one class    ->  basic  "Cross-entropy for one class: formula"
    $$-t \\ln(y)$$                                   /  "$$-t \\ln(y)$$ / Where: y is ..."
    Where:
    $y$ is the predicted value

A short line may lead into the formula ("Let θ be every weight of the network"), and the lines
that say what its symbols are ("where ...") go with it. A generic heading ("Output", "Formula")
asks in the name of the heading it sits under: "MaxPool2D parameters: output formula".
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..model import Block, Card, Kind
from ..text import DISPLAYED_FORMULA, card_markdown, plain, plain_math, sentences
from ._common import EXAMPLE_HEADING, block_markdown, make_card
from ._context import generic_label, note_title, problem_part, subject_of, unnumbered, without_kind_mark, words_of
from ._view import NoteView

_LEAD_WORDS = 30  # a lead-in longer than this is a paragraph of its own, not the formula's
_WHERE = re.compile(r"^\s*where\b", re.I)
_NAMES_FORMULA = re.compile(r"\b(?:formula|equation|rule|law|definition|math|maths|expression|recurrence)\b", re.I)
# "Theorem", "Lemma 3.2": a statement the formula is part of, asked for as it is named
_STATEMENT = re.compile(r"\b(?:theorem|lemma|corollary|proposition)\b", re.I)
# Headings of worked examples and exercises: their formulas are a working, not one to learn.
# ... or the goal of a proof written out: "WTP" / "WTS" (want to prove, to show)
_NOT_A_TOPIC = re.compile(
    r"^(?:example|exercise|problem|solution|proof|derivation|step|case|todo|wtp|wts|want to (?:prove|show))\b", re.I
)
_MAX_TOPIC_WORDS = 8
# "6.)", "(3)": a heading's place in the note's numbered list
_PLACE_NUMBER = re.compile(r"^\(?\d+(?:\.\d+)*[.)]*\s*")
# "We use property 4 in this proof:", "By Lemma 2 we have:": a step of a derivation, not a formula to know
_DERIVES = re.compile(r"\bproofs?\b|\b(?:property|lemma|theorem|corollary|proposition)\s+\$?\d", re.I)


def _section(blocks: tuple[Block, ...], start: int) -> list[Block]:
    body: list[Block] = []
    for block in blocks[start:]:
        if block.kind == "heading":
            break
        body.append(block)
    return body


# "Function 2: Exponential decay", "Axiom 1", "Theorem 6.5": one of a numbered set, named by the set.
# "Theorem 6.12 (c)": its part (c) is of the number, not a name after it; "Corollary 5.) Fermat's ..."
_NUMBERED = re.compile(
    r"^(?:[^\W\d_]+\s+\d+(?:\.\d+)*[a-z]?(?:\s*\([a-z\d]{1,3}\))?|\d+[.)])"
    r"(?:\s*[:.)\u2013\u2014-]+\s*(?P<name>(?!\d)\S.*))?$"
)


def _front(view: NoteView, heading: Block, topic: str) -> str:
    numbered = _NUMBERED.match(topic)
    bare = without_kind_mark(topic)  # "Theorem.) Cancellation": one of the subject's statements, by name
    named = bool(numbered and numbered.group("name")) or bare != topic
    if numbered and numbered.group("name"):
        topic = numbered.group("name").strip()
    elif bare != topic:
        topic = bare
    outer = tuple(plain(title).strip() for title in heading.section[:-1])
    if not generic_label(topic) and not (numbered or named):
        if not _NAMES_FORMULA.search(topic):
            return f"{topic}: formula"
        # "Prediction formula", "Update rule": whose, the heading above says
        subject = subject_of(outer) or without_kind_mark(note_title(view.note))
        other = _NAMES_FORMULA.sub("", topic).split()
        described = topic[1:] == topic[1:].lower()  # "Tensor Core Math" is a name, "Update rule" a role
        shared = set(words_of(subject).split()) & set(words_of(topic).split())
        if subject and not shared and len(other) <= (2 if described else 1):
            return f"{subject}: {topic[:1].lower() + topic[1:] if described else topic}"
        return topic
    subject = subject_of(outer) or without_kind_mark(note_title(view.note))
    if numbered and not numbered.group("name") and subject.split()[:1] == topic.split()[:1]:
        return topic  # "Theorem 6.12 (c)" under "Theorem 6.12 (b)": one of the same series, not of it
    if not named:
        # "Output", "Formal Definition" and "Axiom 1" are words of the prompt; a name stays a name
        topic = topic.lower() if generic_label(topic) and topic.istitle() else topic[:1].lower() + topic[1:]
    name = topic if _NAMES_FORMULA.search(topic) or _STATEMENT.search(topic) else f"{topic} formula"
    return f"{subject}: {name}" if subject else ""


_A_WORD = re.compile(r"[^\W\d_]{2,}")


def section_formula(view: NoteView) -> Iterator[Card]:
    """A heading (not the note's opening title) whose section opens with a displayed formula,
    or with one short line and then the formula."""
    blocks = view.note.blocks
    for k, heading in enumerate(blocks):
        if heading.kind != "heading" or (heading.depth == 1 and k == 0):
            continue
        topic = plain(heading.text).strip().removesuffix(":").rstrip()
        kind = unnumbered(topic)
        if generic_label(kind):
            topic = kind  # "5 Experiments": a paper's section, asked as its generic kind is
        if not topic or topic.endswith("?") or len(topic.split()) > _MAX_TOPIC_WORDS:
            continue
        if not _A_WORD.search(topic) or problem_part(topic):
            continue  # "9.10", "c", "Question 3": an exercise's number or letter, its working no formula to know
        if _NOT_A_TOPIC.match(_PLACE_NUMBER.sub("", without_kind_mark(topic), count=1)):
            continue  # "6.) Proof aH=bH", "Lemma.) Proof of ...": a proof, not a formula to know
        if EXAMPLE_HEADING.search(topic):
            continue  # "Using Previous Example": one case worked through, its matrix no formula to know
        body = _section(blocks, k + 1)
        lead: Block | None = None
        if len(body) >= 2 and body[0].kind == "paragraph" and body[1].kind == "math":
            lead, body = body[0], body[1:]
            if len(plain(lead.text).split()) > _LEAD_WORDS or _DERIVES.search(plain(lead.text)):
                continue
        if not body or not _formula(body[0]):
            continue
        front = _front(view, heading, topic if "$" not in heading.text else _math_topic(heading, topic))
        if not front:
            continue
        parts = ["\n".join(block_markdown(lead))] if lead is not None else []
        parts.append("\n".join(block_markdown(body[0])))
        if len(body) > 1 and body[1].kind == "paragraph" and _WHERE.match(plain(body[1].text)):
            parts.append("\n".join(block_markdown(body[1])))
            if _BARE_WHERE.fullmatch(plain(body[1].text)):
                parts[-1] += "\n" + "\n".join(_symbols(body[2:]))  # "Where" over a list of what each symbol is
        yield make_card(Kind.BASIC, front, "\n\n".join(parts), view.note, body[0], "section-formula", line=heading.line)


def _math_topic(heading: Block, topic: str) -> str:
    """The topic with the heading's formula kept (`## Regularity of $\\beta$`), judged as plain text."""
    shown = plain_math(heading.text).strip().removesuffix(":").rstrip()
    return unnumbered(shown) if generic_label(unnumbered(topic)) else shown


_BARE_WHERE = re.compile(r"\s*where\s*:?\s*", re.I)
_MAX_SYMBOLS = 12
# `- $f_o$`, `- y: the predicted value`, `- n is the number of samples`: an item naming a symbol
_SYMBOL_ITEM = re.compile(
    r"\s*(?:\$[^$\n]+\$|\\?[^\W\d_]\w{0,2}(?:_\w+)?)\s*(?:$|[:=,\u2013\u2014-]|(?:is|are|denotes)\b)"
)


def _symbols(blocks: list[Block]) -> list[str]:
    """The list right after a bare "Where", one item a symbol, as Markdown lines."""
    items: list[Block] = []
    for block in blocks:
        if block.kind != "item" or len(items) == _MAX_SYMBOLS or not _SYMBOL_ITEM.match(block.text):
            break  # `- assumptions` after the symbols is another part of the section
        items.append(block)
    return [line for item in items for line in block_markdown(item)]


def _formula(block: Block) -> bool:
    """A displayed formula, or a paragraph of one short line that leads straight into one
    ("Let $\\theta$ be every weight" and `$$...$$` on the next line, which Markdown keeps in the
    paragraph)."""
    if block.kind == "math":
        return bool(block.text.strip())
    if block.kind != "paragraph":
        return False
    found = DISPLAYED_FORMULA.search(block.text)
    return bool(found) and len(plain(block.text[: found.start()]).split()) <= _LEAD_WORDS


# A sentence that says what the displayed formula after it is: "the DFT is defined as:", "the
# variance is:", "softmax becomes a sigmoid of the difference of activations:", "the update rule:"
_STATES_FORMULA = re.compile(
    r"(?:\b(?:is|are)\s+(?:(?:usually|typically|often|then|simply|formally|commonly)\s+)?"
    r"(?:defined|given|computed|calculated|written|expressed|denoted|obtained|approximated|estimated|measured)"
    r"(?:\s+(?:as|by|via|using|with))?"
    r"|\b(?:is|are|becomes|become|equals)"
    r"|\b(?:becomes?|reduces\s+to)(?:\s+\S+){1,8}"
    r"|\b(?:formula|equation|identity|definition|objective|rule|law)(?:\s+[\w$\\{}()]+){0,3}?(?:\s+(?:is|are))?)"
    r"\s*:$",
    re.I,
)
# ... but not a step of a working ("Now we add the two equations:", "Substituting $x$:", "By the
# chain rule:", "When $C = 1$:") nor one case worked through ("In our example, the loss is:")
_WORKING = re.compile(
    r"^(?:now|then|so|thus|therefore|hence|using|by|substituting|plugging|rearranging|let|let's|we|adding"
    r"|combining|expanding|solving|taking|applying|from|this|which|simplifying|putting|similarly|recall|note"
    r"|here|after|dividing|multiplying|differentiating|integrating|setting|if|when|and|but|it|its|they|these"
    r"|finally|first|next|plug|substitute|where|in\s+other\s+words|i\.e\.)\b"
    # "Subtracting equation 3 from equation 1:" does a step; "Training loss is defined as:" names a thing
    r"|^[a-z]+ing\b(?!.*\b(?:is|are|becomes?|equals)\b)"
    r"|\b(?:example|e\.g\.|our|we|us|you|above|below|previous|following|step)\b",
    re.I,
)
# A section that works a case through: "Worked Numerical Example of Flattening", "Numerical demonstration"
_WORKED = re.compile(
    r"\b(?:examples?|demonstrations?|walk-?through|exercises?|worked|sample\s+problem|proofs?)\b", re.I
)
# "... is: $$P = \frac{3}{16} = 0.1875$$": a value worked out, not a formula to know
_WORKED_VALUE = re.compile(r"=\s*-?\d[\d.,]*\s*(?:\\?%)?\s*\$\$\s*$")
_STATED_WORDS = 30
_FORMULA_CHARS = 600


def stated_formula(view: NoteView) -> Iterator[Card]:
    """A sentence that says what the displayed formula right after it is, asked for that formula:
    "For $N$ samples, the DFT $F(u)$ is defined as:" over `$$F(u) = ...$$`. A formula under its
    own heading is the heading's (section_formula); a step of a working or an example's is none."""
    blocks = view.note.blocks
    for k, block in enumerate(blocks):
        if block.kind != "paragraph" or (k and blocks[k - 1].kind == "heading"):
            continue
        if any(_WORKED.search(part) or _NOT_A_TOPIC.match(plain(part).strip()) for part in block.section):
            continue
        if any(problem_part(plain(part).strip()) for part in block.section):
            continue  # "Part (b): Marginal PDF of U": an exercise's answer
        joined = DISPLAYED_FORMULA.search(block.text)
        if joined is not None:
            # (the paragraph's words after the formula shown as on any card: "... a valid [[PMF]]")
            lead, formula = block.text[: joined.start()], card_markdown(block.text[joined.start() :].strip())
        elif k + 1 < len(blocks) and blocks[k + 1].kind == "math" and blocks[k + 1].text.strip():
            lead, formula = block.text, "\n".join(block_markdown(blocks[k + 1]))
        else:
            continue
        spans = sentences(lead.strip())
        if not spans or len(formula) > _FORMULA_CHARS or _WORKED_VALUE.search(formula):
            continue
        start, end = spans[-1]
        said = lead.strip()[start:end].strip()
        shown = plain(said)
        if not _STATES_FORMULA.search(said) or _WORKING.search(shown) or _DERIVES.search(shown):
            continue
        if not 3 <= len(shown.split()) <= _STATED_WORDS:
            continue
        # "The CDF is:" under "Continuous uniform CDF": the heading says whose, unless the sentence does
        subject = subject_of(tuple(plain(part).strip() for part in block.section))
        named = not subject or set(words_of(subject).split()) <= set(words_of(shown).split())
        said = card_markdown(said)  # "The [[Hessian Matrix]] is given by:" shows the link as its text
        front = said if named else f"{subject}: {said}"
        yield make_card(Kind.BASIC, front, formula, view.note, block, "stated-formula")
