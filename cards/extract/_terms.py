"""What the definition rules share: the blocks a definition may come from, recipe sections, the
people a note names (whose `Name: text` lines are speech, not definitions), and the tests of a
term and a meaning (`term_shaped`, `code_like`, `task_like`, `not_a_meaning`, `entry_line`)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from ..model import Block, Note
from ..text import plain, sentences
from ._common import EXAMPLE_CALLOUTS, QUOTE_CALLOUTS, heading_words, is_task, silent_section

_RECIPE_SECTION = re.compile(r"^(?:ingredients|equipment|utensils|directions|instructions|method|preparation)\b", re.I)
# Callouts that warn or plan: "Learning rate: too high and the loss explodes" is advice, no definition.
_WARNING_CALLOUTS = frozenset(
    {"warning", "caution", "attention", "danger", "error", "bug", "failure", "fail", "missing", "todo"}
)
_NOT_READ_CALLOUTS = QUOTE_CALLOUTS | _WARNING_CALLOUTS


def definition_blocks(note: Note, quotes: bool = False) -> Iterator[tuple[Block, bool]]:
    """Paragraphs and list items a definition may come from, with whether they sit in a quote.

    Never code, HTML, tables, tasks, silent sections, `[!quote]` or `[!example]` callouts (a callout
    nested in an example is read). Other callouts are read like the note's own text (their title is
    for the callout rule); plain quotes only when asked for, for the prose rule's strict patterns.
    """
    return _definition_blocks(note.blocks, False, quotes)


def _definition_blocks(blocks: tuple[Block, ...], quoted: bool, quotes: bool) -> Iterator[tuple[Block, bool]]:
    for block in blocks:
        if block.kind in ("code", "html", "math", "table", "hr") or is_task(block) or silent_section(block):
            continue
        if block.kind == "callout" and block.meta.get("type") in _NOT_READ_CALLOUTS:
            continue
        if block.kind == "callout" and block.meta.get("type") in EXAMPLE_CALLOUTS:
            # `Line: 'The river floods.'`, `Output volume: 10 x 32 x 32`: the example's data, whatever its
            # title says; a callout of its own inside it ("> > [!important] Key Formulas") is the note's again
            callouts = tuple(child for child in block.children if child.kind == "callout")
            yield from _definition_blocks(callouts, quoted, quotes)
            continue
        if recipe_section(block.section):
            continue
        inner = quoted
        if block.kind == "quote":
            if not quotes:
                continue
            inner = True
        if block.kind in ("paragraph", "item"):
            yield block, quoted
        yield from _definition_blocks(block.children, inner, quotes)


@lru_cache(maxsize=4096)
def recipe_section(section: tuple[str, ...]) -> bool:
    return any(_RECIPE_SECTION.match(heading_words(title)) for title in section)


# Labels of a sequence (`Step 2: ...`, `Lecture 4: ...`) name a place in it, not a term.
_ATTENDEES = re.compile(r"^\W*(?:attendees|participants|present|people|with)\W*:\s*(.+)$", re.I)


def speakers(note: Note) -> frozenset[str]:
    """The people a note of minutes names (`Attendees: Ana, Bo`): their `Name: text` lines are speech.
    So are the lines a reading note gives its author (`author: Yuval Noah Harari`, then `Harari:
    shared myths let strangers cooperate`): the author's claim, by full, first or last name."""
    names: set[str] = set()
    for key, value in note.front_matter.items():
        if key.lower() in ("author", "authors", "speaker", "speakers") and value:
            for name in value if isinstance(value, list) else re.split(r",|;|&|\band\b", str(value)):
                words = re.sub(r"\[\[([^\]|]*\|)?|\]\]", "", str(name)).strip().lower().split()
                names.update((" ".join(words), *words[:1], *words[-1:]))
    for block in note.walk():
        if ":" not in block.text:
            continue
        for _, text in block.lines():
            match = _ATTENDEES.match(text)
            if match:
                for name in re.split(r",|\band\b|&|;", plain(match.group(1))):
                    words = name.strip().lower().split()
                    names.update((" ".join(words), *words[:1]))
    return frozenset(n for n in names if n)


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
        "lab|labs|demo|video|videos|slides|lecture|tutorial|quiz|exercises|"
        "podcast|song|album|article|paper|course|instructor|teacher|professor|company|role|position|salary|"
        "tools|stack|tech stack|repo|repository|commit|ticket|pr|lesson learned|lessons learned|feeling|feelings|"
        "phone|email|address|website|twitter|github|age|name|meaning|explanation|description|"
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


# The verbs an exercise opens on, not a question of knowledge: "Calculate the total cost ...",
# "Show that ...", "Give the name of hotels ...", "Write a query ..." (not "Define", "Explain",
# "List the ...", which ask for what the notes say)
# How a worked problem, a proof or a definition sets out what it starts from: "Given:", "Suppose ...",
# "Let $X$ be a random variable."
PREMISE_WORDS = frozenset("given suppose assume assuming let consider".split())
OPENS_ON_PREMISE = re.compile(r"^\W*(?:" + "|".join(sorted(PREMISE_WORDS)) + r")\b", re.I)

TASK_VERBS = (
    r"(?:calculate|compute|prove|show|solve|write|create|draw|sketch|plot|implement|find|give\s+the"
    r"|determine|simplify|derive|construct|design|build)"
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


CLOCK_OR_DATE = re.compile(r"\d{1,2}:\d{2}|\b\d{4}-\d{2}(?:-\d{2})?\b|\b\d{1,2}/\d{1,2}(?:/\d{2,4})?\b")


CODE_LIKE = re.compile(r"[(){}<>\[\]=*/\\|;]|\w\.\w|\w_\w|^\W*\d[\d.,\s]*\W*$|->")


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


# An item opening with a preposition, a conjunction or a verb of doing is a step or a remark
# ("on start-up", "when the cache is cold", "walk the path"), not a term.
NOT_A_TERM_START = re.compile(
    r"^(?:on|in|at|for|to|with|without|when|whenever|if|and|or|but|from|by|after|before|during|while|via|per"
    r"|be|do|make|use|try|get|go|walk|ask|read|write|keep|avoid|start|stop|let|have|see|check|set|find|add"
    r"|understand|configure|create|implement|deploy|manage|install|know|learn|remember|consider|think|prefer"
    r"|don't|never|always|then|also|so|next|finally)\b",
    re.I,
)


# A meaning that opens like a definition (`the number of protons`, `an atom with ...`). `the literature
# review chapter` is a field's value, and so is a title (`The Elements of Statistical Learning`).
OPENS_LIKE_A_DEFINITION = re.compile(
    r"^(?i:a|an|the)\s+(?:[a-z]\S*\s+){0,3}?(?:of|that|which|who|whose|where|with|used|for)\b"
)
# A word a journal or a project page labels a line with (`Stack: React, Node`, `Role: backend`) that is
# also a term of the trade
_TERM_OF_ART = re.compile(r"(?i:stack|commit|repo|repository|host|client|yield|command|role|release|version)")


def term_of_art(term: str, meaning: str) -> bool:
    """A label `term_shaped` files away as a journal's that the line defines as a term of the trade:
    "Stack: the region that holds each call's local variables", "Commit - a snapshot of the repository"."""
    return _TERM_OF_ART.fullmatch(term) is not None and OPENS_LIKE_A_DEFINITION.match(plain(meaning)) is not None


def term_shaped(term: str, max_words: int = 6) -> bool:
    """A few words naming a thing: not a sentence, not a metadata key, not a time or a date."""
    words = term.split()
    if not words or len(words) > max_words or len(term) > 60 or term[0] == "@":  # `@Dana: please review`
        return False
    first = words[0]
    if (
        is_meta_term(term)
        or term[-1] in ".?!,;"
        # "They're motivated by inference efficiency", "It's asymmetric": a sentence's subject
        or (re.split(r"['\u2019]", first.lower())[0] in PRONOUNS and not (len(first) > 1 and first.isupper()))
    ):
        return False
    if any(w.strip("'’,") in _INNER_NOT_TERM or _first_person_i(words, i) for i, w in enumerate(words) if i):
        return False
    if term.count("[") != term.count("]") or term.count("(") != term.count(")"):
        return False
    if not re.search(r"[^\W\d_]", term):
        return False
    if two_sentences(term):
        return False
    return not (CLOCK_OR_DATE.search(term) or re.search(r"https?:|\]\(", term))


_GLOSS = re.compile(r"(?<=\w)\s+\((?=[^()]*[^\W\d_]{2})[^(){}\[\]<>=*/\\|;]+\)$")


_SENTENCE_END = re.compile(r"[.!?]\s")


def two_sentences(text: str) -> bool:
    """Whether the words run over a sentence's end: "modes. And three", "second value function.
    Target network". A number opening it ("1. Time complexity") ends no sentence."""
    if not _SENTENCE_END.search(text):
        return False  # most terms hold no ". " at all: no need to split them
    said = sentences(text)
    return len(said) > 1 and all(re.search(r"[^\W\d_]{2}", text[start:end]) for start, end in said)


# A name in capitals with its order or variant in brackets: `LL(1)`, `AR(p)`, `GARCH(1,1)`, `ARIMA(p,d,q)`
# ("f(x)", "len(a)": a call in code, its name in lower case)
_NAMED_VARIANT = re.compile(r"\b[A-Z][A-Za-z]*[A-Z][A-Za-z]*\((?:\s*[\w+-]{1,3}\s*,)*\s*[\w+-]{1,3}\s*\)(?!\w)")


def code_like(text: str, marked: bool = False) -> bool:
    """Source code or a formula rather than words: `x = 1`, `tensor([1.]) * 2`, `model.fit`. A short
    name (`x`, `df`) is code unless the note marks it as a term (`[[pH]]`). A gloss in brackets after
    a word (`ER (endoplasmic reticulum)`, `Mitochondrion (pl. mitochondria)`) is words, not a call."""
    text = _NAMED_VARIANT.sub("X", _GLOSS.sub("", text.strip()))
    short = len(text) <= 2 and text.isascii() and not text.isupper() and not marked
    return bool(CODE_LIKE.search(text)) or short


SCHEDULE = re.compile(
    r"\d{1,2}:\d{2}|\bat\s+\d{1,2}(?:\s?[ap]\.?m\.?)?\b|\b\d{1,2}(?:\s?[-\u2013]\s?\d{1,2})?\s?[ap]\.?m\b\.?|\b\d{4}-\d{2}-\d{2}\b|\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|tomorrow|tonight)\b",
    re.I,
)


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


CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1")


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
CLAUSE = re.compile(
    r"^(?:(?:our|my|their|his|her|your)\s+(?![\w-]+\s+(?:that|which|who)\b)[\w-]+(?:\s+[\w-]+)?\s+"
    r"(?:is|are|was|were|has|have|had|will|can't|won't)\b|the\s+one\s+(?:with|that|where|who|which)\b)",
    re.I,
)


_ONLY_A_LINK = re.compile(r"^\W*(?:!?\[[^\]]*\]\([^)]*\)|!?\[\[[^\]]*\]\]|<?https?://\S+?>?)\W*$")


# A few words of liking or fame, and nothing else: "beloved in business", "very popular on Kaggle".
_VERDICT_ONLY = re.compile(
    r"^(?:(?:is|are)\s+)?(?:very\s+|really\s+|quite\s+|super\s+|so\s+)?(?:beloved|loved|hated|popular|overrated"
    r"|underrated|(?:my|a)\s+favou?rite|awesome|amazing|terrible|cool|fun)"
    r"(?:\s+(?:in|on|by|with|among|for|at)\s+\S+(?:\s+\S+)?)?\.?$",
    re.I,
)


def not_a_meaning(meaning: str) -> bool:
    """A speaker's line, a question, a quotation, a date, a quantity, a diary entry, a first-person
    remark, or nothing but a link."""
    if _ONLY_A_LINK.match(meaning.strip()):
        return True
    # `x = torch.zeros(8)` and `y = x.sum()`: code with a word or two around it is a snippet, no meaning
    if len(re.findall(r"[^\W\d_]+", plain(CODE_SPAN.sub(" ", meaning)))) < 2:
        return True
    text = plain(meaning)
    if len(text.split()) < 2 or "?" in text or SCHEDULE.search(text) or _DIARY.search(text):
        return True
    if re.match(r"^[\d$€£¥~≈]", text) and len(text.split()) < 5:
        return True
    if _STATUS.match(text) or (_AMOUNT.match(text) and len(text.split()) <= 6) or CLAUSE.match(text):
        return True
    if re.match(r"^\s*`", meaning) and len(re.findall(r"[^\W\d_]+", plain(CODE_SPAN.sub(" ", meaning)))) < 4:
        return True  # "`y = x + 1` works too": a snippet with a remark
    if text[:1] in '"“”' or _SPEAKER_START.match(text) or FIRST_PERSON.search(text):
        return True
    if _VERDICT_ONLY.match(text):
        return True  # "mape - beloved in business": how people feel about it, not what it is
    # a second `Name: ...` inside the line: dialogue
    return bool(re.search(r"[.!?…]\s+[A-Z][a-z'’-]+ [A-Z][a-z'’-]+:\s", text))


# A name in code: an identifier, a dotted path, an annotation, a call without arguments
# (`runBlocking`, `process.nextTick()`, `@EnableWebSecurity`).
CODE_NAME = r"@?[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*(?:\(\))?"

COLON_DEFINITION = re.compile(
    rf"""^(?P<term>\*\*[^*\n]+?\*\*|__[^_\n]+?__|\[\[[^\]\n]+\]\]|`{CODE_NAME}`
        |\*(?=[^\s*])[^*\n]+?:\*|_(?=[^\s_])[^_\n]+?:_  # `*Kernel trick:*`, `_Kernel trick:_`
        |[^:\n`]{{0,200}}?[^:\s`])  # the term
        (?:(?<=:\*\*)|(?<=:__)|(?<=:\*)|(?<=:_)|\s*(?:(?<!\d)|(?<=[^\W\d_]\s\d)(?=:\s)):(?![:\d]))  # the colon
        \s*(?:\*\*(?![^*\n]*\*\*)\s*)?  # a bold term's close after it, not a bold meaning's opening
        (?P<meaning>\S.*)$""",
    re.X,
)


def entry_line(text: str) -> bool:
    """A line of a glossary block: `term: meaning`, `term = meaning` or `term – meaning`."""
    return bool(COLON_DEFINITION.match(text) or _ENTRY_DASH_OR_EQUALS.match(text))


_ENTRY_DASH_OR_EQUALS = re.compile(r"^[^=–—\s][^=–—]{0,60}?\s(?:=|–|—|-)\s+\S")


# "this" standing for what the sentence before said: "to mitigate this", "For this, we use ..."
_BARE_THIS = re.compile(
    r"(?<!^)\b(?:this|these)\b(?=\s*(?:[.,;:!?)]|$|\s+(?:multiple|again|to|in|on|with|by|for|is|are|was|were"
    r"|and|or|as|at|from|into|can|will|would|should|means|allows|gives|makes|works)\b))"
    # "Failing to do so causes undefined behaviour": what "so" does, the sentence before says
    r"|\b(?:do|doing)\s+so\b(?!\s+(?:that|as|far|much|many)\b)",
    re.I,
)


def says_this_for_before(sentence: str) -> bool:
    """Whether the sentence's "this" or "these" stands alone for what the sentence before it said
    ("Modern processors use branch prediction to mitigate this."), or its "do so" does ("Doing so
    leaks memory."); code is not read."""
    return _BARE_THIS.search(CODE_SPAN.sub(" ", sentence)) is not None
