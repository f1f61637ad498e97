"""A note's title as its term, shared by the title, prose, dash and glossary rules: whether a
title names a term, the note's first paragraph, whether a paragraph defines the title
(`defining_paragraph`), and the title-definition card itself (`title_cards`), which the prose
rule reads so as not to define the note's own term twice."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from functools import lru_cache

from ..model import Block, Card, Kind, Note
from ..text import meaning_text, one_line, plain, sentences
from ._common import MONTH, make_card, only_links, opens_on_label, silent_section
from ._context import course_topic
from ._outline_words import stem
from ._terms import FIRST_PERSON

_NOT_A_TERM_TITLE = re.compile(
    r"^(?:intro(?:duction)?\s+to|notes?\b|lecture|lesson|chapter|week|day|daily|meeting|review|summary|"
    r"overview|reading|how\b|why\b|what\b|when\b|my\b|untitled|draft|journal|diary|log$|todo|to-do|inbox|"
    r"index|moc\b|readme|welcome|home|dashboard|template|(?:ungraded\s+|graded\s+)?(?:lab|exercise|assignment"
    r"|homework|quiz|practical)\b)"
    # a name that files a part of a subject, not a term: "Deployment Overview", "Inputs & Outputs in Bento"
    r"|.*\b(?:overview|introduction|intro|summary|notes|basics|guide|tutorial|cheat ?sheet|flashcards?|cards|deck)$"
    r"|.+\s&\s.+\sin\s"
    r"|.+\s(?:vs\.?|versus)\s"  # "ACID vs BASE in databases": a comparison of two terms, not one
    # "Generalists Do Not Succeed", "Bored People Quit": a claim, not a term
    r"|.+\s(?:do|does|did|can|cannot|can't|should|must|will|won't|don't|doesn't|never|always)\s"
    r"|.+\s(?:quit|win|fail|succeed)s?$",
    re.I,
)


_DATE = re.compile(
    r"\d{4}-\d{2}|\d{1,2}[./-]\d{1,2}[./-]\d{2,4}|^\W*\d|"
    rf"\b{MONTH}\.?\s+\d{{1,2}}\b|"
    r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b",
    re.I,
)


_DETERMINER = re.compile(r"^(?i:an?|the|any|each|every|one|another|some|either|both|all|two|several|multiple)\s+(?=\S)")


_FORMULA = re.compile(
    r"^(?:(?:(?:a|an)\s+)?(?:synonym|abbreviation|acronym|short(?:hand)?(?:\s+form)?|another\s+(?:name|term|word)|"
    r"plural|alternative\s+(?:name|term|spelling)|contraction|initialism|variant)\s+(?:for|of)\s+\S"
    r"|(?:very\s+)?overloaded\s+term\b|(?:describes|denotes|refers\s+to|represents|indicates|measures)\s+\S)",
    re.I,
)


_CONTEXT = re.compile(
    r"^(?:(?:in|within|for|during|while|given)\s+[^,]{2,60}|broadly\s+speaking|practically\s+speaking|"
    r"strictly\s+speaking|casually\s+speaking|loosely|informally|formally|roughly|generally|technically|"
    r"in\s+short),\s+(?=\S)",
    re.I,
)


_GERUND = re.compile(
    r"^(?:[A-Za-z][a-z]+ly\s+)?(?!(?:every|some|any|no)thing\b|(?:spr|str|k|br|s|w|th)ing\b)[A-Za-z][a-z]+ing\s+"
    r"(?!(?:is|are|was|were|has|had|will|can|would|should|seems?|feels?)\b)(?=[a-z(\"“]|[A-Z])"
)


# An adverb before a noun phrase that says what the term is: "Essentially a chain rule ...".
_ADVERB_LEAD = re.compile(
    r"^(?:essentially|basically|roughly|simply|mostly|generally|informally|loosely|fundamentally)\s+(?=(?:an?|the)\s)",
    re.I,
)
_BARE_NOUN = re.compile(
    r"^(?![A-Za-z][a-z]+ed\s)(?!(?i:written|made|taken|built|given|shown|known|done|seen|found|kept|held|sent)\s)"
    r"(?i:[a-z])[a-z]+\s+(?:that|which|who|whose|where|in|of|for|from|with|having|distant|done|used|under|"
    r"between|without|on|not|intentionally|drawn|represented|recorded|generated|made|taken|produced|"
    r"collected|or|and|such)\b"
)


# A noun phrase and another name for it, opening a note: "Random graph, aka Poisson random graph."
_NAMED_ALSO = re.compile(r"^[^\W\d_][\w-]*(?:\s+[\w-]+){0,4},?\s+(?:aka|a\.k\.a\.|also known as|also called)\s", re.I)


# "A great day ...", "A lot happened ...": a remark about a day, not a class of things.
_VERDICT = re.compile(
    r"^(?:an?|the)\s+(?:very|really|pretty|quite|good|great|bad|nice|cool|fun|awesome|terrible|long|short|"
    r"busy|productive|lazy|quiet|rough|hard|tough|weird|strange|lovely|beautiful|perfect|lot|bit|little|few|"
    r"couple|day|week|morning|evening|night|weekend|trip|walk|visit)\b",
    re.I,
)


_SENTENCE_VERB = re.compile(r"\b(?:is|are|was|were|has|have|had|will|would|can|could|did|does|do|went|got|am)\b", re.I)


# "The team finished the tests", "A friend sends the link": a finite verb and its object after the subject.
_FINITE_VERB = re.compile(
    r"(?:^|\s)[a-z]{3,}(?:ed|s)\s+(?:the|a|an|my|our|his|her|their|its|this|that|these|those|me|us|them)\b"
)
# "A hash function maps every key ...": the same, its object counted off
_FINITE_VERB_ON_EACH = re.compile(r"(?:^|\s)[a-z]{3,}(?:ed|s)\s+(?:each|every|all|both|no)\b")


# "A lexer turns characters ...": a noun, then a verb in the present and its object.
_NOUN_VERB = re.compile(
    r"^(?i:an?|the)\s+[a-z][\w-]*\s+(?:turns|takes|makes|gives|uses|runs|reads|writes|builds|produces|converts"
    r"|maps|sends|holds|stores|returns|creates|computes|finds|keeps|lets|helps|splits|joins|checks|calls|parses"
    r"|loads|saves|moves|breaks|needs|wants|gets|puts|sets)\s+[a-z]"
)


# Verbs that open a diary sentence with its subject left out ("Met with Ana about ...").
_DIARY_VERB = frozenset(
    "met went got had did saw took made ran sat ate came left spent bought sent told said felt thought found "
    "began wrote heard kept slept woke drove flew paid put set caught taught brought lost won built meet call "
    "talk discuss chat fix work try start finish need want see read watch buy go get".split()
)


# Words that make a note's name the name of an event or a list, wherever they stand.
_EVENT_WORD = re.compile(
    r"\b(?:recap|retro|retrospective|stand-?up|meeting|minutes|journal|diary|to-?do|ideas|inbox|wishlist|"
    r"checklist|agenda|weekly|daily|monthly|yearly|quarterly|trip|vacation|holiday|birthday|offsite|workout|"
    r"groceries|shopping|session|1:1|thoughts|musings|reflections|notes|scratch(?:pad)?|misc|quotes|"
    r"highlights|links|bookmarks|resources|glossary|vocabulary|terms|definitions|cheat ?sheet|faq|index)\b",
    re.I,
)


# A defining first paragraph is a few sentences; a longer one is pasted text, not read for a definition.
LONGEST_PARAGRAPH = 5000


# A Zettelkasten note's name opens with its id: `202403111045 Entropy`, `20240311 Entropy`.
_ZETTEL_ID = re.compile(r"^(?:\d{8}|\d{12}|\d{14})(?:[\s_-]+)(?=[^\W\d_])")


# "Matrix Norm Definition", "Definition of a Ring", "(Definition) Randomized Algorithm": the term with a
# word that says a definition follows
_DEFINITION_NAMED = re.compile(
    r"^(?:definition\s+of\s+(?:an?\s+|the\s+)?|\(?def(?:inition|n)?\)?\s*[:.)\u2013-]?\s+)(?=\S)"
    r"|\s*(?:\s|[:\u2013-]\s*)\(?def(?:inition|n)?\)?[:.]?$",
    re.I,
)


# "Formal Definition", "Geometric Definition": a kind of definition, no term before the word
_KIND_OF_DEFINITION = frozenset(
    """formal informal mathematical geometric geometrical precise rigorous intuitive technical general simple
    basic full working standard exact strict loose rough alternative alternate original official common usual
    textbook abstract concrete recursive inductive operational algebraic analytic analytical graphical visual
    verbal better new old first second another clear previous proper""".split()
)


def defined_term(heading: str) -> str:
    """A heading or title as the term it defines: "Matrix Norm Definition" defines "Matrix Norm";
    "Formal Definition" is a kind of definition and defines nothing by name."""
    bare = _DEFINITION_NAMED.sub("", heading).strip()
    if not re.search(r"[^\W\d_]", bare) or bare.split()[-1].lower() in _KIND_OF_DEFINITION:
        return heading
    return bare


# A repository's page on a folder: its top heading names the folder, not a term (an `index.md` of a
# site of notes is often the page on the folder's topic, and stays)
_README_FILE = re.compile(r"readme", re.I)


def term_title(note: Note) -> str:
    """The note's name as a term: without a Zettelkasten id in front; the heading it opens with
    when that one names a term too (`backprop.md` opening `# Backpropagation`)."""
    named = course_topic(_ZETTEL_ID.sub("", note.title, count=1))  # "W5N6 - Multiplexer" is on multiplexers
    if _README_FILE.fullmatch(named.strip()):
        return named  # `README.md` opening `# Masters`: what the folder holds, not a term
    first = note.blocks[0] if note.blocks else None
    if first is not None and first.kind == "heading" and first.depth == 1:
        heading = defined_term(course_topic(_ZETTEL_ID.sub("", plain(first.text).strip(), count=1)))
        if heading and title_term(heading):
            return heading  # as the author writes it: `glove.md` opening `# GloVe` is GloVe
    return named


def title_term(title: str) -> bool:
    """A note name that is a term: a few words, no date, not the name of a course, log, event or index."""
    bare = re.sub(r"\s*\([^)]*\)\s*$", "", title).strip()
    if not bare or _DATE.search(title) or _NOT_A_TERM_TITLE.match(bare) or _EVENT_WORD.search(bare):
        return False
    words = bare.split()
    return len(words) <= 6 and len(title) <= 80 and re.search(r"[^\W\d_]", bare) is not None


# `Parents: [[graphs]], [[algos]]`, `See also:`, `[Article] (https://...)`: a line that files the
# note or points elsewhere, with a short label or none.
# A filing label and a link: where the note sits among the others, whatever is said around the links.
_LINKED_LABEL = re.compile(
    r"^\s*(?:parents?|children|related|see also|links?|up|topics?|categor(?:y|ies)|tags?|moc)\s*::?\s*.*\[\[", re.I
)
_FILING_LINE = re.compile(r"^\s*(?:[^\W\d_][\w ]{0,20}:)?\s*(?P<rest>.*)$")


def only_decoration(block: Block) -> bool:
    """Tags, embeds, bare links and filing lines: what sits above a note's first real paragraph."""
    if len(block.text) > LONGEST_PARAGRAPH:
        return False
    text = re.sub(r"!?\[\[[^\]]*\]\]|<[^>]*>|(?<!\S)#[\w/-]+,?", " ", block.text)
    if not re.search(r"\w", text):
        return True
    return all(_filing(line) for line in block.text.split("\n") if line.strip())


def _filing(line: str) -> bool:
    if _LINKED_LABEL.match(line):
        return True  # "Related: [[credit]] (credit assignment), [[bptt]] (backprop for RNNs)"
    match = _FILING_LINE.match(line)
    rest = match.group("rest").strip() if match else line
    if match and not rest and line.strip() != rest:
        return True  # `See also:` with nothing after it
    return bool(rest) and only_links(re.sub(r"\]\s+\(", "](", rest))


def first_paragraph(note: Note) -> Block | None:
    """The note's first paragraph, past tags, embeds, HTML and a heading or line repeating the title."""
    for block in note.blocks:
        if block.kind == "html" or (block.kind == "paragraph" and only_decoration(block)):
            continue
        title = term_title(note)
        echo = block.kind in ("heading", "paragraph") and len(block.text) <= 2 * len(title) + 20
        said = plain(block.text).strip()
        if echo and {defined_term(said).lower(), defined_term(course_topic(said)).lower()} & {
            title.lower(),
            note.title.lower(),
        }:
            continue
        if block.kind != "paragraph" or silent_section(block):
            return None
        return past_filing_lines(block)
    return None


def past_filing_lines(block: Block) -> Block:
    """The paragraph without the filing lines it opens with (`[Article](https://...)` then the text)."""
    lines = block.text.split("\n")
    skip = 0
    while skip < len(lines) - 1 and _filing(lines[skip]):
        skip += 1
    return replace(block, text="\n".join(lines[skip:]), line=block.line + skip) if skip else block


def _list_after(note: Note, block: Block) -> list[Block]:
    """The top-level items right after a paragraph ("... the following:" then a list)."""
    blocks = list(note.blocks)
    after = blocks[blocks.index(block) + 1 :]
    items: list[Block] = []
    for other in after:
        if other.kind != "item" or other.depth:
            break
        items.append(other)
    return items


_SHARED_HEAD = re.compile(
    r"([^\W\d_][\w-]*)\s*(?:&|\band\b|/)\s*([^\W\d_][\w-]*)\s+([^\W\d_][\w-]*(?:\s+[^\W\d_][\w-]*)?)"
)


def title_names(title: str, aliases: tuple[str, ...]) -> str:
    """A pattern for the names a note's term goes by: its title, without an acronym, singular, aliases."""
    names = _name_set(title, aliases)
    # "Few shot learning" names the note "Few-Shot Learning": a hyphen and a space are one
    return "|".join(
        re.sub(r"(?:\\-|\\ |\s)+", r"[-\\s]+", re.escape(n)) for n in sorted(names, key=len, reverse=True) if n
    )


def _name_set(title: str, aliases: tuple[str, ...]) -> set[str]:
    bare = re.sub(r"\s*\([^)]*\)\s*$", "", title)
    names = {title, bare, re.sub(r"(?<=\w)e?s$", "", bare), *aliases}
    inner = re.fullmatch(r".+?\(([^)]+)\)", title)
    if inner:
        names.add(inner.group(1))
    # "Cost & Loss Functions" names cost functions and loss functions
    shared = _SHARED_HEAD.fullmatch(bare)
    if shared:
        for first in (shared.group(1), shared.group(2)):
            names.update((f"{first} {shared.group(3)}", re.sub(r"(?<=\w)e?s$", "", f"{first} {shared.group(3)}")))
    return names


@lru_cache(maxsize=1024)
def name_firsts(title: str, aliases: tuple[str, ...]) -> frozenset[str] | None:
    """How the names `title_names` matches begin, for `may_name`: each name's first run of ASCII
    letters and digits, in lower case; None when a name opens with any other character."""
    firsts = frozenset(n[: len(n) - len(n.lstrip(_ASCII_WORD))].lower() for n in _name_set(title, aliases) if n)
    return firsts if firsts and all(firsts) else None


_ASCII_WORD = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
_ARTICLE = re.compile(r"(?:an?|the)\s+", re.I)


def may_name(sentence: str, firsts: frozenset[str] | None) -> bool:
    """Whether the sentence may open with one of the names whose `name_firsts` these are (after an
    optional article, ignoring case, as `title_names`' pattern matches): a quick test before that
    pattern is built, which costs more than the rule around it. Sure of a "no" only where the
    sentence has ASCII there (a few other letters match an ASCII one ignoring case)."""
    if firsts is None:
        return True
    article = _ARTICLE.match(sentence)
    for at in (0, article.end()) if article else (0,):
        for first in firsts:
            said = sentence[at : at + len(first)]
            if len(said) == len(first) and (not said.isascii() or said.lower() == first):
                return True
    return False


@lru_cache(maxsize=1024)
def _names_title(title: str, aliases: tuple[str, ...]) -> re.Pattern[str]:
    """Any of the term's names, anywhere in a sentence; compiled once per term, as `_title_subject` is."""
    return re.compile(rf"\b(?:{title_names(title, aliases)})\b", re.I)


def _after_subject(text: str, pattern: str) -> str:
    """`**Gradient descent** is an algorithm ...` -> `an algorithm ...`: the meaning, without the
    marked term and the verb that only restate the note's name (other verbs, `describes ...`, stay).
    A plain subject ("A TPU slice is ...") keeps its sentence whole, as the note says it."""
    match = re.match(
        rf"^\s*(?:(?:an?|the)\s+)?(?:\*\*|__|==|\*|_|\[\[)(?:{pattern})(?:\|[^\]\n]*)?(?:\s+\([^)\n]*\))?"
        r"(?:\*\*|__|==|\*|_|\]\])"
        r"(?:\s+\([^)\n]*\))?(?:,[^,\n]{1,60},)?\s+"
        r"(?:(?:(?:is|are)(?:\s+(?:also\s+)?(?:defined|described)\s+as)?|refers?\s+to|means|stands?\s+for|denotes)\s+)?",
        text,
        re.I,
    )
    rest = text[match.end() :] if match else ""
    return rest if len(plain(rest).split()) >= 3 else text


def subject_is_title(first: str, title: str, aliases: tuple[str, ...]) -> re.Match[str] | None:
    if not may_name(first, name_firsts(title, aliases)):
        return None
    return _title_subject(title, aliases).match(first)


@lru_cache(maxsize=1024)
def _title_subject(title: str, aliases: tuple[str, ...]) -> re.Pattern[str]:
    """A sentence opening with the term and a defining verb. Compiled once per term: a pattern
    built afresh for each sentence cost more than the rule around it."""
    return re.compile(
        rf"^(?:(?:an?|the)\s+)?(?:{title_names(title, aliases)})(?:\s+\([^)]*\))?(?:,[^,]{{1,60}},)?\s+"
        r"(?:(?P<copula>is|are)\s+|refers?\s+to\b|means\b|stands?\s+for\b|denotes\b|describes\b|represents\b|"
        r"measures\b|quantifies\b)",
        re.I,
    )


# "Definition: ...", "**Meaning:** ...": a label in front of the definition itself.
_DEFINITION_LABEL = re.compile(
    r"^(?:\*\*|__)?(?:definition|def|defn|meaning|in short|in a nutshell|tl;?dr)\s*:"
    r"(?:\*\*|__)?\s*:?\s*(?:\*\*|__)?\s*",
    re.I,
)


# "Transformers are amazing": an opinion about the term, not what it is.
_OPINION = frozenset(
    "amazing great cool awesome hard easy difficult confusing interesting fun boring important useful everywhere "
    "overrated underrated so very really still not just pretty quite too my our fascinating weird tricky "
    "annoying nice beautiful elegant powerful magic finally back bit little probably possibly maybe perhaps arguably"
    "".split()
)


_SETTING_UP = frozenset("assume suppose consider let let's let’s recall note remember imagine".split())
_OPENING_PRONOUN = frozenset("i we you he she it they this that these those there here my our".split())


# The words before the first relative pronoun or preposition: the head of a noun phrase, or a clause.
_HEAD = re.compile(
    r"^(.*?)(?:\b(?:that|which|who|whom|whose|where|when|if|in|of|for|with|on|at|by|from|to|as|per|used|between|"
    r"under|about|over|after|before|during|within|without|than)\b|[,(:;]|$)"
)


# "One important factor in uniform quantisation is ...", "The overall approach to allocating memory
# is ...": a noun phrase, its own subject, then its verb. Not "A metric to assess whether a model is
# ...": an article opens a meaning, and a relative or a question word keeps the phrase going.
_NOUN_IS = re.compile(
    r"^(?:the|one|another)\s+(?P<subject>(?:(?!\b(?:that|which|who|whom|whose|where|whereby|when|if|because|how|what"
    r"|why|whether)\b)[^,;:()!?.])*?)\s(?:is|are|was|were)\s",
    re.I,
)


_PAST = re.compile(r"\b(?:was|were|got|went|came|had|did|said|saw|took)\b")
# "Broadcasting in python refers to ...": the noun or gerund it opens on is the term defined
_DEFINES_ITSELF = re.compile(r"\b(?:refers?\s+to|means|is\s+(?:defined|called|known)\s+as|denotes)\b", re.I)
# "When we train a model, ...": a story of what one does, not what the title is
_WHEN_WE = re.compile(r"^When\s+(?:we|I|you)\b", re.I)
# "A majority of companies have ...", "A number of tools exist ...": a count of things, no class of one
_QUANTITY = re.compile(r"^an?\s+(?:majority|minority|number|handful|bunch|ton|great\s+deal)\s+of\b", re.I)


_REDIRECT = re.compile(r"^See\s+\S.{0,80}$")


def defining_paragraph(text: str, title: str, aliases: tuple[str, ...] = ()) -> str | None:
    """The meaning a paragraph gives the term `title` (a note's name, a callout's title), or None
    when it is no definition of it."""
    label = _DEFINITION_LABEL.match(text.strip())
    if label:
        text = text.strip()[label.end() :]
    plain_text = plain(text)
    if not plain_text:
        return None
    spans = sentences(plain_text)
    first = plain_text[spans[0][0] : spans[0][1]] if spans else plain_text
    stripped = text.strip()
    whole_emphasis = re.fullmatch(r"([*_]{1,3})[^*_].*\1", stripped, re.S) is not None
    if opens_on_label(stripped):
        return None  # "<u>Beam width</u>" on a line of its own: the paragraph is about that label
    if whole_emphasis or FIRST_PERSON.search(first) or first.rstrip().endswith("?") or _DATE.match(first):
        return None
    if plain_text.split()[0].lower().strip(",") in _OPENING_PRONOUN | _SETTING_UP:
        return None  # "Assume for the next chapters that ...": the text sets up an argument
    if re.match(r"^[^:.!?]{1,60}:\s", first) and not _FORMULA.match(first):
        return None  # "Learning rate: ..." defines its own term, not the note's
    subject = subject_is_title(first, title, aliases)
    if subject:
        said = first[subject.end() :].split()
        if len(said) < 3 or said[0].lower().strip(",.") in _OPINION:
            return None
        return _after_subject(text, title_names(title, aliases))
    if len(first.split()) < 3:
        return None
    if _REDIRECT.match(plain_text) and len(spans) == 1:
        return text
    body = first
    for _ in range(2):
        body = _CONTEXT.sub("", body, count=1)
    body = _ADVERB_LEAD.sub("", body, count=1)  # "Essentially a chain rule, ...": the noun phrase after it
    if subject_is_title(body, title, aliases):
        return text
    if _FORMULA.match(body) or (
        _GERUND.match(body) and not re.search(r"\b(?:was|were)\b", first) and not _DEFINES_ITSELF.search(first)
    ):
        return text
    if _BARE_NOUN.match(body) and body.split()[0].lower() not in _DIARY_VERB and not _DEFINES_ITSELF.search(first):
        return text
    if _NAMED_ALSO.match(body):
        return text  # "Random graph, aka Poisson random graph.": what the title is, and its other name
    if re.match(r"^When\s", body) and not _PAST.search(first) and not _WHEN_WE.match(body):
        return text
    if _DETERMINER.match(body) and not _QUANTITY.match(body):
        rest = _DETERMINER.sub("", body, count=1)
        head = _HEAD.match(rest)
        clause = head.group(1) if head else rest
        if re.search(r"\b(?:day|days|week|weekend|month|year|morning|evening|night|trip|visit|walk)\b", clause):
            return None
        if _VERDICT.match(body) or _SENTENCE_VERB.search(clause) or _FINITE_VERB.search(clause):
            return None
        if _FINITE_VERB_ON_EACH.search(clause) and not _names_title(title, aliases).search(clause):
            # "A hash function maps every key" in "Hashing" is about another noun; "A connectionless model
            # handles each packet alone" in "Connectionless" is about the title
            return None
        if _NOUN_VERB.match(body):
            return None  # "A lexer turns characters into tokens": a statement about one thing, not the title
        return text
    return None


def about_another_noun(text: str, title: str) -> bool:
    """Whether the paragraph opens by saying what another noun is ("One important factor in
    quantisation is the choice of S" under `### Symmetric quantisation`): a statement the section
    makes, not the meaning of its name. (A definition's own phrase may say this of a part of it.)"""
    match = _NOUN_IS.match(plain(text).strip())
    if not match:
        return False
    said = _words(match.group("subject"))
    return not _words(re.sub(r"\([^)]*\)", "", title)) - {"the"} <= said


def _words(text: str) -> set[str]:
    return {stem(w) for w in re.findall(r"[^\W\d_]{3,}", text)}


def display_title(note: Note, text: str) -> str:
    """The title as the term: `A_B testing` is `A/B testing` when the note writes it so."""
    words = term_title(note).split(" ")
    return " ".join(w.replace("_", "/") if "_" in w and w.replace("_", "/") in text else w for w in words)


def title_cards(note: Note) -> Iterator[Card]:
    """The title-definition rule's card, if any (the prose rule asks for it too)."""
    if not title_term(term_title(note)):
        return
    block = first_paragraph(note)
    if block is None or len(block.text) > LONGEST_PARAGRAPH or about_another_noun(block.text, term_title(note)):
        return
    meaning = defining_paragraph(block.text, term_title(note), note.aliases)
    if not meaning:
        return
    back, extra = meaning_text(meaning, term=display_title(note, block.text))
    if len(plain(back).split()) < 2 or rates_only(back, title_names(term_title(note), note.aliases)):
        return  # "one of the most pivotal concepts": the description rule looks further
    if back.endswith(":"):
        back += "".join(f"\n- {one_line(item.text)}" for item in _list_after(note, block))
    yield make_card(
        Kind.DEFINITION, display_title(note, block.text), back, note, block, "title-definition", extra=extra
    )


# A sentence that praises or ranks its subject says how the author feels about it, not what it is.
def rates_only(back: str, names: str) -> bool:
    """The meaning says how the author rates the term ("one of the most pivotal concepts", "a bit
    tricky to tune", "probably your best bet"), not what it is. `names`: a pattern for the term."""
    text = plain(back)
    said = re.sub(rf"^(?:(?:an?|the)\s+)?(?:{names})\s+", "", text, flags=re.I)
    if said == text and (doing := _DOING_IS.match(text)):
        said = text[doing.end() :]  # "Keeping your deployment secure is an extremely high priority"
    return bool(RANKING.match(said if said != text else f"is {said}"))


# A sentence whose subject is a doing, up to its verb: "Keeping your deployment secure "
_DOING_IS = re.compile(r"^[A-Z][a-z]+ing\b(?:\s+[^\s.,;:]+){0,6}?\s+(?=(?:is|are)\s)")


RANKING = re.compile(
    r"^(?:is|are)\s+(?:one\s+of\s+the\s+|among\s+the\s+|(?:an?|the)\s+)?(?:most|best|worst|least|single\s+most"
    r"|very|really|quite|super|incredibly|extremely|pretty|so)\b|^(?:is|are)\s+(?:an?\s+)?(?:"
    + "|".join(_OPINION)
    + r")\b",
    re.I,
)
