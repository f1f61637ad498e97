"""Title as term: a note named after a term whose first paragraph defines it (`AdaGrad.md`: "A
sophisticated gradient descent algorithm that ...") gives a card with the note's name as front.

Decided by what the note looks like, never by its folder: the title must be a term (not a date,
not "Introduction to ..."), and the first paragraph must read as a definition: a noun phrase
("A ...", "Any ...", "The ... used in ..."), a gerund ("Training a model on ..."), a formula
("Abbreviation for ...", "Synonym for ..."), or a sentence whose subject is the title. A date, a
first-person remark, an italic preface, a list or a heading first: no card.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import pairwise

from ..model import Card, Kind
from ..text import meaning_text, plain, sentences
from ._common import EXAMPLE_HEADING, make_card, silent_section
from ._terms import FIRST_PERSON, is_meta_term, term_shaped
from ._title import (
    LONGEST_PARAGRAPH,
    RANKING,
    about_another_noun,
    defined_term,
    defining_paragraph,
    display_title,
    may_name,
    name_firsts,
    only_decoration,
    past_filing_lines,
    rates_only,
    subject_is_title,
    term_title,
    title_cards,
    title_names,
    title_term,
)
from ._view import NoteView


def title_definition(view: NoteView) -> Iterator[Card]:
    """A note named after a term, whose first paragraph defines it."""
    yield from title_cards(view.note)


# Notes written to learn from: their sections may be named after the terms they teach.
_STUDY_NOTE = re.compile(
    r"\b(?:glossary|vocabulary|vocab|terms|terminology|definitions|concepts|key ideas|lecture|lesson|chapter|"
    r"course|class|module|unit|seminar|tutorial|exam|revision|study|studying|notes on|basics|fundamentals|"
    r"introduction|intro|primer|101)\b",
    re.I,
)
# `The server runs on port 8080`: a noun and its verb, a statement about the section's subject.
_NOUN_THEN_VERB = re.compile(
    r"^(?i:an?|the|any|each|every|one|some)\s+(?:[a-z]+\s+){1,2}?[a-z]{2,}s\b(?!\s+(?:of|and|or)\b)"
)


def heading_definition(view: NoteView) -> Iterator[Card]:
    """In a note written to learn from (a lecture, a chapter, a glossary: its name or top heading
    says so), a section named after a term whose first paragraph defines it (`## Elasticity` / `The
    responsiveness of demand to price.`). Elsewhere (`## Hotel` / `A small guesthouse ...` in a trip
    note, `## Anna` / `A friend from ...`) headings name the parts of a plan or a record."""
    note = view.note
    first = next((plain(b.text) for b in note.blocks if b.kind == "heading" and b.depth == 1), "")
    study = bool(_STUDY_NOTE.search(note.title) or (first and _STUDY_NOTE.search(first)))
    for heading, block in pairwise(note.blocks):
        if heading.kind != "heading" or block.kind != "paragraph" or len(block.text) > LONGEST_PARAGRAPH:
            continue
        term = defined_term(plain(heading.text).strip())
        if heading.depth == 1 or not _heading_term(term):  # a note's top heading is its title
            continue
        if silent_section(block) or _NOUN_THEN_VERB.match(plain(block.text)):
            continue
        if not study and not _about_heading(block.text, term):
            continue
        if about_another_noun(block.text, term):
            continue
        meaning = defining_paragraph(block.text, term)
        if meaning and len(plain(meaning).split()) >= 3:
            back, extra = meaning_text(meaning, term=term)
            if rates_only(back, re.escape(term)):
                continue  # "Early stopping is a bit tricky to tune": how the author finds it
            yield make_card(Kind.DEFINITION, term, back, note, block, "heading-definition", extra=extra)


# "A technique that ...", "An algorithm for ...": a kind of thing and what sets it apart.
_KIND_AND_DIFFERENCE = re.compile(
    r"^(?:an?|the)\s+(?:[\w-]+\s+){0,3}?(?:technique|method|algorithm|approach|model|process|procedure|way|type|kind"
    r"|form|class|family|measure|metric|function|layer|network|architecture|framework|library|tool|protocol|pattern"
    r"|principle|property|mechanism|strategy|structure|data structure|set|collection|quantity|value|term|concept"
    r"|phenomenon|practice|field|branch|variant|version|generali[sz]ation|extension|regulari[sz]ation|loss|operation"
    r"|transformation|estimate|estimator|statistic|test|distribution|component|unit|service|system|language|format)s?"
    r"\s+(?:that|which|who|where|whereby|for|used|in which|of|to)\b",
    re.I,
)


def _about_heading(text: str, term: str) -> bool:
    """Outside notes made for study, a section defines its heading only when its first sentence is
    about the term: the term (or "it") is its subject, or it names a kind of thing and what sets it
    apart ("A technique that ..."). `## Hotel` / "A small guesthouse near ..." stays a plan."""
    plain_text = plain(text).strip()
    spans = sentences(plain_text)
    first = plain_text[spans[0][0] : spans[0][1]] if spans else plain_text
    opening = re.sub(r"^(?:an?|the)\s+", "", first.lower())
    if opening[:3] == term.lower()[:3] and subject_is_title(first, term, ()):  # cheap test first
        return True
    return bool(_KIND_AND_DIFFERENCE.match(first))


def _heading_term(text: str) -> bool:
    return (
        title_term(text)
        and term_shaped(text, 5)
        and not is_meta_term(text)
        and not _STUDY_NOTE.search(text)
        and not re.search(r"\s(?:is|are|was|were|has|have|can|will|do|does)\s", f" {text} ")
        and not text.endswith(("?", ":"))
        and not re.match(r"^\W*(?:\d+[.)]|step|part|phase|stage)\b", text, re.I)
        and not EXAMPLE_HEADING.search(text)
        and not re.search(r"\bexamples\b", text, re.I)
    )


# "It takes a complex signal and breaks it down ...": the pronoun for the note's term, and a verb
# that says what the thing does.
_IT_DOES = re.compile(
    r"^(?:it|this|they)\s+(?P<meaning>(?:is|are)\s+(?:an?|the)\s+\S.*|(?:is|are)\s+when\s+\S.*"
    r"|(?:takes|turns|breaks|maps|measures|computes|calculates|converts|transforms|finds|estimates|combines"
    r"|splits|reduces|removes|adds|replaces|learns|predicts|decomposes|represents|describes|quantifies|assigns"
    r"|returns|produces|generates|stores|lets|allows|helps|uses|makes)\s+\S.*)$",
    re.I | re.S,
)
# What a term does, said of it by name in a note's opening sentence ("Loss functions measure ...").
_DOES = re.compile(
    r"^(?:create|measure|compute|calculate|convert|transform|map|take|turn|break|find|estimate|combine|split"
    r"|reduce|remove|replace|learn|predict|decompose|represent|quantif(?:y|ies)|assign|produce|generate|store"
    r"|allow|let|help|make)(?:e?s)?\s+\S",
    re.I,
)
_LOOKED_AT = 6
_CATEGORY = (
    r"loss|function|algorithm|model|method|layer|layers|network|networks|technique|transform|process|test|types|kinds"
)
_OPENING_SECTION = re.compile(r"^(?:overview|introduction|intro|definition|what is it\??|summary|tl;?dr|basics)$", re.I)


def title_description(view: NoteView) -> Iterator[Card]:
    """A note named after a term whose opening praises it or gives its history before saying what
    it is ("The Fourier Transform is one of the most pivotal concepts ... It takes a complex signal
    and breaks it down into a series of sine waves."): the first of the opening sentences that says
    what the term is or does."""
    note = view.note
    title = term_title(note)
    if not title_term(title):
        return
    first = note.blocks[0] if note.blocks else None
    heading = plain(first.text).strip() if first and first.kind == "heading" and first.depth == 1 else ""
    heading = heading if heading and title_term(heading) else ""
    names = own = title_names(title, (*note.aliases, heading) if heading else note.aliases)
    # "Cross entropy" in a note named "Cross Entropy Loss": the term without its category word
    short = re.sub(rf"\s+(?:{_CATEGORY})$", "", title, flags=re.I)
    if short != title and len(short.split()) >= 1 and len(short) >= 4:
        names = f"{names}|{re.escape(short)}s?"  # "Hyperparameters are ..." in "Hyperparameter Types"
    about_title = False
    firsts = name_firsts(title, (*note.aliases, heading) if heading else note.aliases)  # `short` opens as title
    looked = 0
    for block in note.blocks:
        if block.kind == "heading" and block.depth > 1 and not _OPENING_SECTION.match(plain(block.text).strip()):
            return  # past the note's opening: an "## Overview" or "## Definition" section is still it
        if block.kind != "paragraph" or only_decoration(block) or silent_section(block):
            continue
        block = past_filing_lines(block)
        text = plain(block.text)
        for start, end in sentences(text):
            sentence = text[start:end].strip()
            looked += 1
            if looked > _LOOKED_AT:
                return
            named = may_name(sentence, firsts)  # else the patterns of `names` need not be built
            meaning = _described(sentence, names, about_title, opening=looked == 1, named=named)
            subject = re.match(rf"^(?:(?:an?|the)\s+)?(?:{names})\b", sentence, re.I) if named else None
            about_title = bool(subject) or (about_title and re.match(r"^(?:it|this|they)\b", sentence, re.I))
            if meaning:
                line = block.line + text.count("\n", 0, start)
                front = heading or display_title(note, block.text)
                said = re.sub(r"^(?:an?|the)\s+", "", subject.group(0), flags=re.I) if subject else ""
                if said and not re.fullmatch(rf"(?:{own})", said, re.I):
                    front = said[:1].upper() + said[1:]  # "Hyperparameters are ..." in "Hyperparameter Types"
                yield make_card(
                    Kind.DEFINITION,
                    front,
                    meaning,
                    note,
                    block,
                    "title-description",
                    line=line,
                )
                return


# A note's opening sentence without a subject, the note's name being it: "Takes in an arbitrary
# vector and transforms it ...", "How strongly units in the same group resemble each other."
_NO_SUBJECT_OPENING = re.compile(
    r"^(?:(?:takes|turns|maps|measures|computes|calculates|converts|transforms|finds|estimates|combines|splits"
    r"|reduces|decomposes|represents|describes|quantifies|assigns|returns|produces|generates|stores)\s+\S"
    r"|how\s+(?:much|many|strongly|well|likely|often|far|fast|closely)\s+\S"
    r"|the\s+(?:degree|extent|amount|number|probability|proportion|fraction|share)\s+(?:to\s+which|of)\s+\S"
    # what it is for: "To create a uniform-looking coverage of points on a plane."
    r"|(?:used\s+)?to\s+(?:create|compute|find|make|generate|measure|estimate|detect|solve|reduce|build|produce"
    r"|sample|avoid|prevent|improve|compare|represent|store|model|predict|learn|encode|compress|sort|search|map"
    r"|cluster|classify|visuali[sz]e|summari[sz]e|approximate|optimi[sz]e|schedule|route|test)\s+\S)",
    re.I,
)


def _described(sentence: str, names: str, about_title: bool, opening: bool = False, named: bool = True) -> str:
    """What the sentence says the note's term is or does, or empty."""
    if FIRST_PERSON.search(sentence) or sentence.endswith("?"):
        return ""
    if opening and _NO_SUBJECT_OPENING.match(sentence) and len(sentence.split()) >= 5:
        return sentence
    subject = (
        re.match(rf"^(?:(?:an?|the)\s+)?(?:{names})(?:\s+\([^)]*\))?(?:,[^,]{{1,60}},)?\s+", sentence, re.I)
        if named
        else None
    )
    if subject:
        rest = sentence[subject.end() :]
        if RANKING.match(rest):
            return ""
        # "are a ...", "is when ...", "are external settings that control ...": a class and what sets it apart
        defining = re.match(
            r"^(?:is|are)\s+(?:(?:an?|the)\s+\S|when\s+\S)|^are\s+(?:[a-z-]+\s+){1,4}(?:that|which|used|for|of)\b",
            rest,
            re.I,
        )
        if defining and len(rest.split()) >= 5:
            return re.sub(r"^(?:is|are)\s+", "", rest, count=1, flags=re.I)
        if opening and _DOES.match(rest) and len(rest.split()) >= 5:
            return rest  # "Loss functions create a measurement of how wrong a network is": what they do
        return ""
    if about_title:
        does = _IT_DOES.match(sentence)
        if does and len(sentence.split()) >= 6:
            return does.group("meaning")
    return ""
