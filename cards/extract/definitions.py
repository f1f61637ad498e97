"""Definitions written as `Term: meaning`, `**Term**: meaning`, `[[Term]] : meaning` and
`term = meaning`, plus what every definition rule shares: which blocks to read, and whether a few
words are a term, code, or a line of minutes rather than knowledge."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..model import Block, Card, Kind
from ..text import meaning_text, plain, term_text
from ._common import LEAD_IN, MONTH, make_card
from ._view import NoteView

# `Name: text` lines of minutes, journals and metadata: never definitions.
_META_TERMS = frozenset(
    (
        "action|action items|agenda|answer|attendees|author|authors|by|date|day|decision|decisions|deadline|"
        "due|edit|example|examples|ex|eg|e.g|i.e|ie|location|link|links|note|notes|owner|participants|present|"
        "absent|chair|question|q|a|re|ref|related|source|sources|speaker|status|subject|summary|tags|tag|time|"
        "title|todo|to do|to-do|topic|update|url|when|where|who|why|warning|tip|important|nb|n.b|ps|p.s|see|"
        "see also|result|results|mood|weather|energy|sleep|gratitude|grateful for|highlights|priority|"
        "rating|score|price|cost|total|duration|start|end|started|finished|created|modified|updated|"
        "reviewed|published|publisher|isbn|year|genre|pages|progress|next|next steps|follow up|follow-up|"
        "outcome|outcomes|goal|goals|plan|plans|idea|ideas|reminder|remember|done|doing|caution|danger|info|"
        "hint|fyi|quote|via|cc|from|to|fwd|meeting|call|place|venue|host|guests|people|team|project|client|"
        "week|month|today|tomorrow|yesterday|tonight|morning|afternoon|evening|breakfast|lunch|dinner|"
        "monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|may|june|"
        "july|august|september|october|november|december|pros|cons|input|output|usage|syntax|contents|"
        "version|license|background|problem|solution|conclusion|takeaway|takeaways|key takeaway|"
        "observation|observations|aim|aims|purpose|objective|objectives|key idea|"
        "main idea|big idea|idea|lesson|lessons|insight|insights|thought|thoughts|reason|how|what|why not|"
        "update|edit|fix|bug|issue|warning|output|input|command|result|answer|response|reply|"
        "homework|assignment|exercise|reading|watched|read|listened|status update|tl;dr|tldr|book|film|movie|show|"
        "podcast|song|album|article|paper|course|instructor|teacher|professor|company|role|position|salary|"
        "tools|stack|tech stack|repo|repository|commit|ticket|pr|lesson learned|lessons learned|feeling|feelings|"
        "phone|email|address|website|twitter|github|age|name|definition|def|defn|meaning|explanation|description|"
        "overview|intro|introduction|in short|in a nutshell|eli5|units|blocker|blockers|eta|inline|action item|"
        "next meeting|gym|workout|run|walk|meditation|meals|snack|snacks|coffee|drinks|chores|errands|steps|"
        "wins|win|challenges|struggles|til|today i learned|scope|risks|stakeholders|deliverables|milestones|yield|"
        "servings|serves|prep time|cook time|total time|makes|proof|pf|claim|remark|"
        # an answer told the STAR way, and who a podcast or an interview had
        "situation|task|guest|interviewee|interviewer|"
        # a changelog's entries (Keep a Changelog): `Added: dark mode`, `Fixed: crash on start`
        "added|changed|deprecated|removed|fixed|improved|new|breaking|breaking change|breaking changes"
    ).split("|")
)

# Words that make a run of words a sentence or a reference rather than a term.
PRONOUNS = frozenset(
    "i me my mine we us our you your he him his she her they them their it its this that these those there "
    "here which what who whom whose everything something anything nothing everyone someone one".split()
)
# Callouts whose body is somebody's words, not the note-taker's knowledge.
# A recipe's sections: `Flour - 200 g`, `Whisk: combine everything` are amounts and steps.
FIRST_PERSON = re.compile(r"(?<![\w'’])(?:I|I'm|I’m|I'd|I’d|I've|I’ve|I'll|I’ll|me|my|mine|myself)(?![\w'’])")
_SPEAKER_START = re.compile(
    r"^(?:i|i'm|i’m|i'd|i’d|we|we're|we’re|we'll|we’ll|you|he|she|they|let's|let’s|will|would|should|shall|"
    r"said|says|asked|asks|agreed|agrees|thinks|suggested|suggests|proposed|wants|yes|no|ok|okay|sure|"
    r"maybe|um|uh|well|oh|hey|hi|hello|thanks)\b",
    re.I,
)
_CLOCK_OR_DATE = re.compile(r"\d{1,2}:\d{2}|\b\d{4}-\d{2}(?:-\d{2})?\b|\b\d{1,2}/\d{1,2}(?:/\d{2,4})?\b")
_VERB_IN_TERM = re.compile(r"\s(?:is|are|was|were|has|have|had|will|can|do|does|did)\s")
_CODE_LIKE = re.compile(r"[(){}<>\[\]=*/\\|;]|\w\.\w|\w_\w|^\W*\d[\d.,\s]*\W*$|->")


_SEQUENCE_LABEL = re.compile(
    r"^(?:step|chapter|day|week|part|lecture|lesson|exercise|problem|question|figure|fig|table|section|page|"
    r"slide|module|unit|round|session|episode|sprint|milestone|iteration|release|room|q|a)\.?\s*\d",
    re.I,
)


# A time relative to the note's day (`Next week: focus on the outline`) labels a plan.
_RELATIVE_TIME = re.compile(
    r"^(?:next|this|last|coming|previous|following)\s+(?:week|weekend|month|quarter|year|semester|term|sprint|"
    r"time|session|steps?)s?$",
    re.I,
)


def is_meta_term(term: str) -> bool:
    term = term.strip(" .")
    return term.lower() in _META_TERMS or bool(_SEQUENCE_LABEL.match(term) or _RELATIVE_TIME.match(term))


# Inside a term, a lower-case pronoun or a word of the day makes it a remark ("Signs of it", "Shapes
# that worked today", "Normalise your inputs"); "Know Your Customer" and "US" keep their capitals.
_INNER_NOT_TERM = frozenset(
    "i me my mine we us our ours you your yours he him his she her hers they them their it its this that these "
    "those today yesterday tomorrow tonight".split()
)


def _first_person_i(words: list[str], i: int) -> bool:
    """ "Snippets I reuse": the pronoun; "Type I error", "Phase I trial": a numeral."""
    return words[i] == "I" and words[i - 1].lower() not in _NUMBERED_BY


_NUMBERED_BY = frozenset("type class phase stage part level tier grade schedule title article section war".split())


def term_shaped(term: str, max_words: int = 6) -> bool:
    """A few words naming a thing: not a sentence, not a metadata key, not a time or a date."""
    words = term.split()
    if not words or len(words) > max_words or len(term) > 60 or term[0] == "@":  # `@Dana: please review`
        return False
    first = words[0]
    if (
        is_meta_term(term)
        or term[-1] in ".?!,;"
        or (first.lower() in PRONOUNS and not (len(first) > 1 and first.isupper()))
    ):
        return False
    if any(w.strip("'’,") in _INNER_NOT_TERM or _first_person_i(words, i) for i, w in enumerate(words) if i):
        return False
    if term.count("[") != term.count("]") or term.count("(") != term.count(")"):
        return False
    if not re.search(r"[^\W\d_]", term):
        return False
    return not (_CLOCK_OR_DATE.search(term) or re.search(r"https?:|\]\(", term))


_GLOSS = re.compile(r"(?<=\w)\s+\((?=[^()]*[^\W\d_]{2})[^(){}\[\]<>=*/\\|;]+\)$")


def code_like(text: str, marked: bool = False) -> bool:
    """Source code or a formula rather than words: `x = 1`, `tensor([1.]) * 2`, `model.fit`. A short
    name (`x`, `df`) is code unless the note marks it as a term (`[[pH]]`). A gloss in brackets after
    a word (`ER (endoplasmic reticulum)`, `Mitochondrion (pl. mitochondria)`) is words, not a call."""
    text = _GLOSS.sub("", text.strip())
    short = len(text) <= 2 and text.isascii() and not text.isupper() and not marked
    return bool(_CODE_LIKE.search(text)) or short


_SCHEDULE = re.compile(
    r"\d{1,2}:\d{2}|\bat\s+\d{1,2}(?:\s?[ap]\.?m\.?)?\b|\b\d{1,2}(?:\s?[-\u2013]\s?\d{1,2})?\s?[ap]\.?m\b\.?|\b\d{4}-\d{2}-\d{2}\b|\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|tomorrow|tonight)\b",
    re.I,
)
_WE = re.compile(r"\b(?:we|we're|we’re|we'll|we’ll|let's|let’s)\b", re.I)


def speech(term: str, meaning: str, people: frozenset[str]) -> bool:
    """`Ana: the dashboard is a mess, we need alerts`: a person's line, not a definition."""
    if term.lower() in people:
        return True
    one_name = re.fullmatch(r"[A-Z][a-z]+(?: [A-Z][a-z]+)?", term) is not None
    return one_name and _WE.search(plain(meaning)) is not None


# A task or an errand written as `Read chapter 4 - for the exam`: the "term" opens with a verb.
_TASK_VERB = re.compile(
    r"^(?:avoid|always|never|don't|don’t|do not|make sure|ensure|normali[sz]e|prefer|beware|double-check|"
    r"read|watch|buy|call|email|write|finish|fix|check|review|send|ask|book|pay|clean|do|make|try|learn|"
    r"practi[sc]e|study|go|get|look|find|update|install|set up|prepare|plan|schedule|submit|reply|order|pick up|"
    r"visit|meet|talk|start|remember)\b",
    re.I,
)


def task_like(term: str) -> bool:
    return _TASK_VERB.match(term) is not None and len(term.split()) > 1


# "Lunch with Sam: talked about ...", "Thesis: the draft is done": a diary entry or a status.
_DIARY = re.compile(
    r"^(?:talked|went|met|had|got|saw|did|said|ate|was|were|spent|finished|started|worked|watched|bought|"
    r"visited|tried|felt|slept|woke|walked|ran|drove|played|cooked|cleaned|studied|chatted|discussed)\b"
    r"|\b(?:is|are|was|were)\s+(?:now\s+|finally\s+|almost\s+|still\s+|not\s+)?(?:done|finished|ready|complete|"
    r"completed|pending|blocked|late|delayed|submitted|sent|fixed|broken|merged|over)\b",
    re.I,
)


_CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1")
# "approved for Q3", "moved to Thursday", "waiting on the data team": the state of a piece of work.
_STATUS = re.compile(
    r"^(?:[a-z]+ed\s+(?:for|to|on|until|till|by|at|from|back|off|out|up)\b|(?:waiting|pending|ongoing|in progress|"
    r"on hold|tbd|tba|approved|rejected|cancell?ed|postponed|blocked|n/?a|none|nothing|same as|still|out sick|"
    r"out of office|ooo|off sick|on leave|away|working on|reviewing|busy with)\b"
    # "n = 30 is a rule of thumb": a formula, not words
    r"|[^\W\d_]{1,3}\s*=\s*\S)",
    re.I,
)
# "three ripe ones, mashed", "a dozen", "half a cup": an amount of something, not what a term is.
_AMOUNT = re.compile(
    r"^(?:(?:one|a|an)\s+(?:teaspoons?|tablespoons?|tsp|tbsp|cups?|pinch|handful|dash|cloves?|slices?|can|tin|"
    r"packet|bottle|litre|liter|kilo|pound)\b|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"a dozen|dozen|half|a couple|"
    r"a handful|handful|a pinch|pinch|a few|a bunch|lots|plenty)\b",
    re.I,
)
# "our build is red", "the one with the red pill": a statement or a pointer, not a meaning.
_CLAUSE = re.compile(
    r"^(?:(?:our|my|their|his|her|your)\s+(?![\w-]+\s+(?:that|which|who)\b)[\w-]+(?:\s+[\w-]+)?\s+"
    r"(?:is|are|was|were|has|have|had|will|can't|won't)\b|the\s+one\s+(?:with|that|where|who|which)\b)",
    re.I,
)
_ONLY_A_LINK = re.compile(r"^\W*(?:!?\[[^\]]*\]\([^)]*\)|!?\[\[[^\]]*\]\]|<?https?://\S+?>?)\W*$")


def not_a_meaning(meaning: str) -> bool:
    """A speaker's line, a question, a quotation, a date, a quantity, a diary entry, a first-person
    remark, or nothing but a link."""
    if _ONLY_A_LINK.match(meaning.strip()):
        return True
    # `x = torch.zeros(8)` and `y = x.sum()`: code with a word or two around it is a snippet, no meaning
    if len(re.findall(r"[^\W\d_]+", plain(_CODE_SPAN.sub(" ", meaning)))) < 2:
        return True
    text = plain(meaning)
    if len(text.split()) < 2 or "?" in text or _SCHEDULE.search(text) or _DIARY.search(text):
        return True
    if re.match(r"^[\d$€£¥~≈]", text) and len(text.split()) < 5:
        return True
    if _STATUS.match(text) or (_AMOUNT.match(text) and len(text.split()) <= 6) or _CLAUSE.match(text):
        return True
    if re.match(r"^\s*`", meaning) and len(re.findall(r"[^\W\d_]+", plain(_CODE_SPAN.sub(" ", meaning)))) < 4:
        return True  # "`y = x + 1` works too": a snippet with a remark
    if text[:1] in '"“”' or _SPEAKER_START.match(text) or FIRST_PERSON.search(text):
        return True
    # a second `Name: ...` inside the line: dialogue
    return bool(re.search(r"[.!?…]\s+[A-Z][a-z'’-]+ [A-Z][a-z'’-]+:\s", text))


_COLON_DEFINITION = re.compile(
    r"""^(?P<term>\*\*[^*\n]+?\*\*|__[^_\n]+?__|\[\[[^\]\n]+\]\]|[^:\n`]{0,200}?[^:\s`])  # the term
        (?:(?<=:\*\*)|(?<=:__)|\s*(?:(?<!\d)|(?<=[^\W\d_]\s\d)(?=:\s)):(?![:\d]))\s*(?:\*\*\s*)?  # the colon
        (?P<meaning>\S.*)$""",
    re.X,
)


def entry_line(text: str) -> bool:
    """A line of a glossary block: `term: meaning`, `term = meaning` or `term – meaning`."""
    return bool(_COLON_DEFINITION.match(text) or _ENTRY_DASH_OR_EQUALS.match(text))


_ENTRY_DASH_OR_EQUALS = re.compile(r"^[^=–—\s][^=–—]{0,60}?\s(?:=|–|—|-)\s+\S")


# A value a record holds rather than a meaning: a number, an amount, a rating (`7h`, `800 EUR`,
# `6/10`, `2025 conference`), a time or a date (a term's `_CLOCK_OR_DATE`, a meaning's `_SCHEDULE`,
# `March 3`), an address to reach someone.
_RECORD_VALUE = re.compile(
    rf"^\W{{0,3}}[\d$€£¥+]|{_CLOCK_OR_DATE.pattern}|{_SCHEDULE.pattern}"
    rf"|\b{MONTH}\.?\s+\d{{1,2}}\b|\b\d{{1,2}}\s+{MONTH}\b|[\w.+-]+@[\w-]+\.\w|https?://",
    re.I,
)


# A meaning that opens like a definition (`the number of protons`, `an atom with ...`): the run is
# a glossary. `the literature review chapter` is a field's value, and so is a title (`The Elements of
# Statistical Learning`).
_DEFINES = re.compile(r"^(?i:a|an|the)\s+(?:[a-z]\S*\s+){0,3}?(?:of|that|which|who|whose|where|with|used|for)\b")


def record_lines(view: NoteView) -> frozenset[int]:
    """Lines of the note's records: three or more `Key: value` lines in a row (in one paragraph or
    one list) of which at least two, and a third, hold values (`Budget: 800 EUR`, `Check-in: after
    3pm`, `Email: ...`) and none reads like a definition (`the number of protons`), with a line or
    two of `Key: value` right after them. A trip plan, a person, a weekly review: their other lines
    (`Packing: jacket, adapter`, `Likes: climbing`) are fields of the same record, not terms a
    glossary defines."""
    runs: list[tuple[tuple[str, ...], list[tuple[int, int]]]] = []
    last: Block | None = None
    for block, _ in view.definition_blocks():
        joined = block.kind == "item" and last is not None and last.kind == "item" and block.section == last.section
        if not joined or not runs or not runs[-1][1]:
            runs.append((block.section, []))
        last = block
        for line, text in block.lines():
            match = _COLON_DEFINITION.match(text.strip()) if ":" in text else None
            run = runs[-1][1]
            if match is None or (run and line > run[-1][0] + 2):
                if run:
                    runs.append((block.section, []))
                if match is None:
                    continue
            meaning = plain(match.group("meaning"))
            runs[-1][1].append((line, -1 if _DEFINES.match(meaning) else int(bool(_RECORD_VALUE.search(meaning)))))
    found: set[int] = set()
    previous: tuple[tuple[str, ...], list[tuple[int, int]]] | None = None
    for section, run in (r for r in runs if r[1]):
        values = sum(value > 0 for _, value in run)
        record = len(run) >= 3 and values >= 2 and 3 * values >= len(run) and all(v >= 0 for _, v in run)
        if not record and previous is not None and len(run) < 3:  # `- Kids: ...` under a person's fields
            record = previous[0] == section and run[0][0] <= previous[1][-1][0] + 2
        if record:
            found.update(line for line, _ in run)
        previous = (section, run) if record else None
    return frozenset(found)


def colon_definition(view: NoteView) -> Iterator[Card]:
    """`Term: meaning` at the start of a line or list item."""
    note = view.note
    people = view.people
    records = record_lines(view)
    for block, _ in view.definition_blocks():
        previous = ""
        for line, text in block.lines():
            match = _COLON_DEFINITION.match(text.strip()) if ":" in text else None
            starts_entry = match and (not previous or previous.rstrip()[-1:] in ".!?:;)" or entry_line(previous))
            previous = text.strip()
            if not match or not starts_entry or LEAD_IN.match(text.strip()):  # `TIL: ...` opens a sentence
                continue
            if line in records:
                continue
            term = term_text(match.group("term"))
            meaning = match.group("meaning")
            marked = match.group("term")[:2] in ("**", "__", "[[")
            if not term_shaped(term) or code_like(term, marked) or _VERB_IN_TERM.search(term) or task_like(term):
                continue
            if not_a_meaning(meaning) or speech(term, meaning, people):
                continue
            back, extra = meaning_text(meaning)
            yield make_card(Kind.DEFINITION, term, back, note, block, "colon-definition", line=line, extra=extra)


# The term is bounded and ends in a non-space, so a long run of spaces cannot make it backtrack.
_EQUALS_DEFINITION = re.compile(r"^(?P<term>[^=<>!:]{0,80}?[^=<>!:\s])\s+=\s+(?P<meaning>[^=]+)$")
_HIGHLIGHT = re.compile(r"==(?=\S)([^=\n]+?)(?<=\S)==")
_OPERATOR = re.compile(r"\s[-+*/^×÷]\s|\w[(\[{]|[\[\]{}]|^\W*[-+]?\d[\d.,]*\W*$")


def equals_definition(view: NoteView) -> Iterator[Card]:
    """`term = meaning` in prose and lists; never code, and never when either side is code."""
    note = view.note
    for block, _ in view.definition_blocks():
        for line, text in block.lines():
            if "=" not in text:
                continue
            masked = _CODE_SPAN.sub(lambda m: "\0" * len(m.group(0)), text.strip())
            masked = _HIGHLIGHT.sub(lambda m: "\2\2" + m.group(1) + "\2\2", masked)  # `==term== = ...`
            match = _EQUALS_DEFINITION.match(masked)
            if not match or "\0" in match.group("term"):
                continue
            raw_term = text.strip()[: match.end("term")]
            meaning = text.strip()[match.start("meaning") :]
            term = term_text(raw_term, drop_article=True)
            if not term_shaped(term, 5) or code_like(term) or _OPERATOR.search(plain(meaning)):
                continue
            words = plain(meaning).split()
            if not words or not re.search(r"[^\W\d_]{2,}", meaning) or _CODE_LIKE.search(words[0]):
                continue
            if FIRST_PERSON.search(plain(meaning)) or "?" in meaning or _CLAUSE.match(plain(meaning)):
                continue
            back, extra = meaning_text(meaning)
            yield make_card(Kind.DEFINITION, term, back, note, block, "equals-definition", line=line, extra=extra)


# An outliner's `definition::` property on a term's block (Logseq): the block is the term.
_DEFINITION_PROPERTY = re.compile(r"^(?:definition|def|defn|meaning|means)::[ \t]*(?P<meaning>\S.*)$", re.I)


def property_definition(view: NoteView) -> Iterator[Card]:
    """`- Bias-variance tradeoff` / `  - definition:: the tension ...`: the term is the parent item,
    not the word `definition` (before the inline-flashcard rule reads `definition::` as a term)."""
    note = view.note
    for block, _ in view.definition_blocks():
        if block.kind != "item" or ("::" not in block.text and not any("::" in c.text for c in block.children)):
            continue
        (_, first), *own = block.lines()
        term = term_text(first)
        if not term_shaped(term) or code_like(term) or "::" in first:
            continue
        # the property as a line of the block itself, or as a nested item
        lines = [*own, *((c.line, c.text) for c in block.children if c.kind == "item" and "\n" not in c.text)]
        for line, text in lines:
            match = _DEFINITION_PROPERTY.match(text.strip())
            if match and not not_a_meaning(match.group("meaning")):
                back, extra = meaning_text(match.group("meaning"))
                yield make_card(Kind.DEFINITION, term, back, note, block, "property-definition", line=line, extra=extra)
