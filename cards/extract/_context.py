"""Where a card sits in its note: its place (block, parents, lead-in) and its context.

A note is a tree: its title, the headings, the blocks under them, the list items and their
lead-ins. A card made from one line of it often needs that place to be understood ("Use case:
pretraining" under `# ImageNet`), so every card carries its context, and the final check gives a
prompt that cannot stand alone the subject it lacks, or makes no card of it (`_check.py`).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import takewhile

from ..model import Block, Note, prompt_key
from ..text import plain, plain_math
from ._common import COUNT_WORD, COUNT_WORDS, MONTH, block_markdown, html_markdown
from ._terms import PRONOUNS


@dataclass(frozen=True, slots=True)
class Place:
    """A block, the blocks it is nested in (outermost first) and the lead-in of its list."""

    block: Block
    parents: tuple[Block, ...] = ()
    lead_in: Block | None = None
    after: tuple[Block, ...] = ()
    """The blocks after it at its level, up to the next heading: what a line ending in ':' goes on with."""


def places(note: Note) -> dict[int, Place]:
    """Each line on disk a block covers, mapped to the innermost block covering it."""
    out: dict[int, Place] = {}

    def visit(blocks: tuple[Block, ...], parents: tuple[Block, ...], outer: Block | None) -> None:
        lead: Block | None = outer
        label_lead: Block | None = None  # `**Properties**:` over the `**Label**: ...` paragraphs after it
        for i, block in enumerate(blocks):
            after = blocks[i + 1 : i + 1 + _FOLLOWING]
            if block.kind == "item":
                if i and another_list(blocks[i - 1], block):
                    lead = outer  # `1.` steps, then `* It also ...`: the lead-in is over the first list only
                place = Place(block, parents, lead, after)
            else:
                labelled = block.kind == "paragraph" and label_lead is not None and bool(_LABELLED.match(block.text))
                place = Place(block, parents, label_lead if labelled else None, after)
                # "Pros:", and "**Pros:**" with its colon inside the bold
                said = _CLOSING_MARKS.sub("", block.text.rstrip())
                named = block.kind == "paragraph" and (said.endswith(":") or heads_list(block, after))
                lead = block if named else None
                if lead is not None and _LABEL_ONLY.match(lead.text.strip()):
                    label_lead = lead if _ASPECTS.search(plain(lead.text)) else None
                elif not labelled:
                    label_lead = None
            for line, _ in block.lines():
                out[line] = place
            visit(block.children, (*parents, block), place.lead_in if block.kind == "item" else None)

    visit(note.blocks, (), None)
    return out


_FOLLOWING = 12
_HEAD_WORDS = 4
# A line the list under it goes on from, a premise or the writer's turn ("We say that", "Let",
# "Decompose R into"), not a label
_GOES_INTO_LIST = re.compile(
    r"(?:^(?:let|assume|suppose|given|consider|we|i|so|thus|hence|then|also|and|or|but)\b"
    r"|\b(?:the|a|an|that|which|who|whose|of|to|for|by|with|into|from|in|on|at|as|and|or|is|are|was|were"
    r"|be|has|have|include|includes|like|than|if|when|where|because|e\.g|i\.e)$)",
    re.I,
)

# a label's words: a letter first, letters, spaces and a few joining marks after
_LABEL_SHAPE = re.compile(r"[^\W\d_][\w'&/() -]*[\w)]")
# a link over a list names where its items come from; a bold label opening a line inside an item
_LINKED = re.compile(r"\]\(|\[\[|https?://")
_BOLD_START = re.compile(r"^(\*\*|__)[^*_\n]+\1")


def _labels_run_on(after: tuple[Block, ...]) -> bool:
    """Whether a bold label on a line of its own runs on, unindented, into an item of the list."""
    stack = list(takewhile(lambda b: b.kind == "item", after))
    while stack:
        item = stack.pop()
        if any(_BOLD_START.match(line.strip()) for line in item.text.split("\n")[1:]):
            return True
        stack.extend(c for c in item.children if c.kind == "item")
    return False


def heads_list(block: Block, after: tuple[Block, ...]) -> bool:
    """`rebalancing` or `**Benefits**` alone on the line right over a list: the list's own heading,
    written without a colon, as `Benefits:` would be. A sentence that runs on into the list is not."""
    if block.kind != "paragraph" or not after or after[0].kind != "item" or "\n" in block.text.strip():
        return False
    if after[0].line != block.line + 1:
        return False  # a short paragraph, a blank line, then a list: a remark of its own
    if _LINKED.search(block.text):
        return False  # `[ref](...)`, `[[Other note]]` over a list: where its items come from, not their name
    text = plain(block.text).strip()
    if not 0 < len(text.split()) <= _HEAD_WORDS or not _LABEL_SHAPE.fullmatch(text) or _GOES_INTO_LIST.search(text):
        return False
    # `**Pressure**` run into the list's last item: the labels' lists are one to Markdown
    return not _labels_run_on(after)


def another_list(previous: Block, item: Block) -> bool:
    """An item after an item of another marker (`1.` steps, then `* **Advantage:** ...`): Markdown's
    next list, not one more item of the first."""
    return previous.kind == "item" and previous.meta.get("marker") != item.meta.get("marker")


_CLOSING_MARKS = re.compile(r"(?:\*\*|__|\*|_)+$")
# A paragraph that is only a label: `**Properties** (for G_np):`; one that opens with one: `**Degree**: ...`.
_LABEL_ONLY = re.compile(r"^(?:\*\*|__)?[^\W\d_][\w' -]{0,40}(?:\*\*|__)?(?:\s*\([^()\n]{0,40}\))?\s*:(?:\*\*|__)?$")
# What such a label introduces: aspects of the note's subject, each label one of them.
_ASPECTS = re.compile(
    r"^(?:(?:key|main|basic|important|useful|some)\s+)?(?:properties|features|characteristics|parameters|attributes"
    r"|traits|components|metrics|statistics|quantities|measures|hyperparameters|facts)\b",
    re.I,
)
_LABELLED = re.compile(r"^(?:\*\*|__)[^*_\n]{1,60}(?:\*\*|__)\s*:|^(?:\*\*|__)[^*_\n]{1,60}:(?:\*\*|__)")


def following(place: Place) -> str:
    """What a line ending in ':' announces, as card Markdown: the items nested under it, or the
    formula, code, table or list right after it (an HTML list too), or the paragraph after it
    when that is all it can be."""
    block = place.block
    if block.kind == "item" and block.children:
        return "\n".join(line for child in block.children for line in block_markdown(child))
    if not place.after:
        return ""
    first = place.after[0]
    if first.kind in ("math", "code", "table"):
        return "\n".join(block_markdown(first))
    if first.kind == "html":
        return "\n".join(html_markdown(_html_run(place.after)))
    if first.kind == "item" and block.kind != "item":
        items = []
        for other in place.after:
            if other.kind != "item":
                break
            items.append(other)
        return "\n".join(line for item in items for line in block_markdown(item))
    if first.kind == "paragraph" and block.kind == "paragraph":
        return _paragraph_after(block, first)
    return ""


def _paragraph_after(block: Block, first: Block) -> str:
    """The paragraph after a paragraph that leads on to it: a formula or a figure after any colon,
    any paragraph after words that only point ahead."""
    if block.text.rstrip().endswith(":"):
        shown = _BRACKET_MATH.match(first.text.strip())
        if shown:  # `\[Q(s, a) = ...\]`: TeX's own display delimiters, shown as the card's `$$`
            return f"$${html.unescape(shown.group(1)).strip()}$$"
        if PICTURES_ONLY.fullmatch(first.text.strip()) or ONLY_FORMULA.match(first.text):
            # "... given states:" / `![](policy.png)`; "... recall:" / `$F = 2PR/(P+R)$`: its figure or formula
            return "\n".join(block_markdown(first))
    if POINTS_AHEAD.search(block.text):
        # "The isoperimetric problem is the following:" / "Given p and t, determine the sets ..."
        return "\n".join(block_markdown(first))
    return ""


# The last words of a sentence that only points at what comes next ("The AdaBoost algorithm is
# described as the following:", "The basic if statement looks like:"), where a sentence ending in
# ':' that says something of its own ("A cache with one line per set is called a direct-mapped
# cache:") still stands without the figure it leads to, and "the error from wrong assumptions,
# as in:" may have nothing to do with the paragraph after it.
POINTS_AHEAD = re.compile(
    r"\b(?:(?:is|are|was|were|be|as)\s+(?:\w+\s+)?the\s+following(?:\s+\w+){0,2}|as\s+follows"
    r"|(?:as|shown|given|described|listed)\s+below)\s*[.:]?\s*$"
    # "... has the following properties:" (with its colon: "... for the following two stages." looks on)
    r"|\bthe\s+following(?:\s+\w+){0,2}\s*:\s*$"
    # "... looks like:", "... is:": only with the colon ("how big the code is" is a whole answer)
    r"|\b(?:(?:like|as)\s+(?:this|so)|below|here|looks?\s+like|of\s+the\s+form|is|are|was|were"
    r"|(?:shown|given|described|defined|written|summari[sz]ed|listed|stated|expressed)(?:\s+(?:as|by|in))?)\s*:\s*$",
    re.I,
)
# Text that is only a formula: `$\textbf{Ax} = \lambda \textbf x$`
ONLY_FORMULA = re.compile(r"^\s*(\$\$?)[^$]+\1\s*$")
# Text of nothing but pictures: `![](policy.png)`, `![[diagram.png]]`
PICTURES_ONLY = re.compile(r"(?:!\[\[[^\]\n]+\]\]|!\[[^\]\n]*\]\([^)\n]+\)|\s)+")
_BRACKET_MATH = re.compile(r"^\\\[(.+)\\\]$", re.S)
_HTML_OPENS = re.compile(r"<(?:ul|ol|blockquote)\b", re.I)
_HTML_CLOSES = re.compile(r"</(?:ul|ol|blockquote)\s*>", re.I)
_HTML_RUN = 12


def _html_run(blocks: tuple[Block, ...]) -> str:
    """The text of an HTML block and of the blocks after it up to where its lists close: a blank
    line inside `<ul>` ... `</ul>` ends the Markdown block but not the list."""
    parts: list[str] = []
    depth = 0
    for block in blocks[:_HTML_RUN]:
        parts.append(block.text)
        depth += len(_HTML_OPENS.findall(block.text)) - len(_HTML_CLOSES.findall(block.text))
        if depth <= 0:
            break
    return "\n".join(parts)


# `Term: meaning`, `**Term** - meaning`: an item's label, when it has one.
# A colon with no space on either side is inside a name (`owl:disjointWith`, a URL), not after a label.
_LABEL = re.compile(r"^(?P<label>[^:\n]{1,60}?)(?:\s*:\s|\s+:|\s[-\u2013\u2014\u2192]\s|\s->\s)\s*\S")


# "FlatBuffers (https://...)": where to read of a thing, no part of its name
WEB_ADDRESS = re.compile(r"\s*\(?\bhttps?://[^\s)]*\)?")
# "1: Boolean logic", "2) Flip-flops": an item's place in a numbered outline, not its label
NUMBERING = re.compile(r"^\d+(?:\.\d+)*\s*[:.)]\s+(?=\S)")


def item_label(block: Block) -> str:
    text = NUMBERING.sub("", plain(block.text.split("\n", 1)[0]).strip())
    text = WEB_ADDRESS.sub("", text).strip()
    match = _LABEL.match(text)
    label = match.group("label") if match else text
    return _short(label.rstrip(":").strip())


def _short(text: str, width: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "\u2026"


# "3.1 Read Replicas", "0.3 -- Introduction to C++", "B.4 System Security", "2 - Processes", "05 Web
# Frameworks": a section's place in the book, which a prompt does not need ("4 types of meetings" is a
# count, and stays)
LETTERED = r"[A-H][.)](?=\s+[A-Z][\w$(])"
SECTION_NUMBER = re.compile(
    r"^(?:\d+(?:\.\d+)*\s*(?:[.):]|--|[-\u2013\u2014])|\d+(?:\.\d+)+\.?|[A-Z]\.\d+(?:\.\d+)*\.?"
    # "05 Web Frameworks": a number padded with a zero is a place in a series, never a count;
    # "02-01-03 Convex Set": a section's place, part by part (not a date's four-digit year)
    r"|0\d+(?=\s+[A-Z])|\d{1,2}(?:-\d{1,2}){1,3}(?=\s+[A-Z])"
    # "B. Min Filter", "C) Causal consistency": a lettered place in the section's series
    rf"|{LETTERED})"
    r"(?:\s*(?:--|[-\u2013\u2014]))?\s+(?=\S)"
)


# A place in a course a note's title opens with, before its topic: "W7N3 - IPv4", "W3L5 - Deep learning",
# "Lecture 4: Sorting", "LEC22 - Caching", "Week 2 – Types", a course's code (not "GPT3 - ...": a name,
# not a place)
_COURSE_PLACE = re.compile(
    r"^(?:(?i:chapter|ch|lecture|lec|week|wk|module|unit|lesson|session|day|part|topic)\.?\s*\d+[a-z]?"
    # a course's code: "cs145 - Specific Trees", "CSE 351: Caches", "CS2103T - Testing"
    r"|[A-Za-z]{2,4}\s?\d{3,4}[A-Za-z]?"
    r"|[WL]\d{1,2}(?:[A-Z]\d{1,2})?)\s*(?:--|[-\u2013\u2014:|])\s+(?=\S)"
)


def course_topic(title: str) -> str:
    """A title or a heading without the place in a course it opens with: "W7N3 - IPv4" is on IPv4
    ("Lecture 14 - February 2, 2018" is on no topic it names)."""
    rest = _COURSE_PLACE.sub("", title)
    rest = _DAY_FIRST.sub("", rest) if rest != title else rest
    return rest if rest.strip() and not _ON_A_DAY.fullmatch(rest) else title


def chapter_topic(headings: tuple[str, ...]) -> str:
    """The topic of the innermost heading that names a chapter's or a lecture's ("Chapter 40: File
    System Implementation" is on file system implementation); nothing when none does."""
    for heading in reversed(headings):
        topic = course_topic(heading)
        if topic != heading and not generic_label(topic):
            return topic
    return ""


def note_title(note: Note) -> str:
    """What the note is on, for a prompt: its title without the place in a course it opens with
    ("W6N2 - Priority queue" is on priority queues)."""
    return course_topic(shown_title(note))


def shown_title(note: Note) -> str:
    """The note's title as a reader sees it: its top heading when the note opens with one, without its
    section number ("3.6 VM Migration" is on VM migration); else the title its front matter gives
    ("From Gradients to Hessians" for `2025-02-01-from-gradients-to-hessians.md`) when its file is named
    as a web address, else its file's name. A top heading that only sorts ("# Summary", "# 🧠 Notes")
    names no subject: the others do; nor does the first of a week's or a lecture's several top headings."""
    first = note.blocks[0] if note.blocks else None
    if first is not None and first.kind == "heading" and first.depth == 1 and first.text.strip():
        heading = unweighted(SECTION_NUMBER.sub("", plain(first.text).strip()))
        # a week's or a lecture's note of several top headings (`Week04.md`: "# Phrasal Categories" ...
        # "# Treebanks") opens on its first topic, not on what the whole note is on
        # (and so does any note whose first top heading is one of several and names another thing
        # than its file: `Relational Algebra.md` opening "# Unary Operators", then "# Binary Operators")
        several = any(b.kind == "heading" and b.depth == 1 for b in note.blocks[1:])
        sections = several and (series_place(note.title) or _first_of_sections(heading, note.title))
        # "# Definition", "# Motivation" atop `Double-ended Queue.md` name an aspect of the note's
        # subject, not the subject: its file names it (a citation key, `fedusSwitchTransformers2022.md`,
        # names no subject either; "# Brown Bag Session Slides" is a title of its own)
        # ("# Aspects" atop `Universal Usability.md`, "# Two Options"; "# Parameters" atop `params.md` is
        # what the file names)
        of_another = bare_set(heading) and not shares_a_stem(heading, note.title)
        aspect = len(heading.split()) <= 2 and (generic_label(heading) or of_another)
        # ("# Layer 2" names its note's subject, as it names no other note's)
        aspect = aspect and not _CITATION_KEY.fullmatch(note.title) and not numbered_place(heading)
        if words_of(heading) not in _SORTING_TITLES and not sections and not aspect:
            return heading
    given = note.front_matter.get("title")
    named = plain(given).strip().strip("\"'") if isinstance(given, str) else ""
    # a file named as a web address ("2025-02-01-from-gradients-to-hessians") is titled in its front
    # matter; a file named in words is its title (a copied front matter may name another note)
    if _SLUG.fullmatch(note.title) and " " in named:
        return SECTION_NUMBER.sub("", named)
    title = SECTION_NUMBER.sub("", _unslugged(note.title))
    folders = note.path.split("/")[:-1]
    if words_of(title) in _SORTING_TITLES and folders:
        return _unslugged(folders[-1])  # `Virtual Memory/1_Overview.md`: the overview of virtual memory
    return title


def _first_of_sections(heading: str, file_title: str) -> bool:
    """Whether a note's first top heading, one of several, names a section rather than the note:
    it shares no word with the file's name, written in words ("# Logistic Regression" atop
    `logreg.md` or "# Linear algebra on graphs" atop `la_net.md` is the note's title)."""
    if " " not in file_title.strip() or shares_a_stem(heading, file_title):
        return False  # (a file named in one word or a slug, `logreg.md`, `la_net.md`, names less)
    if reading_list(heading) or GLOSSARY.search(heading):
        return False  # "# To-read: ML and AI" over its sections says what the whole note is
    return True


# A reference manager's citation key as a file name: author, first words of the title, year
# ("fedusSwitchTransformersScaling2022", "vaswani2017attention")
_CITATION_KEY = re.compile(r"[a-z]+(?:[A-Z][A-Za-z]*)?(?:19|20)\d\d[A-Za-z]*")


# A file named as a web address, its words joined by hyphens: "scope-and-closures", "es6-&-beyond",
# "030-abstract-algebra". Told from a hyphenated name ("k-means", "actor-critic",
# "kube-controller-manager") by a joining word between its parts or a number before them.
_FILE_SLUG = re.compile(r"[\w.&]+(?:[-_][\w.&]+)+")
_JOINING_PART = re.compile(r"[-_](?:and|&|or|of|the|to|in|for|with|on|vs)[-_]", re.I)
_NUMBER_PARTS = re.compile(r"^(?:\d+[-_])+(?=[^\W\d_])")
_UNDERSCORED = re.compile(r"[^\W\d_][\w.&-]*(?:_[^\W\d_][\w.&-]*)+")


def _unslugged(title: str) -> str:
    """A file's slug as the words it stands for: "scope-and-closures" is "scope and closures",
    "030-abstract-algebra" is "abstract algebra", "operating_systems" (words joined by underscores,
    which no name of a thing is) "operating systems"; any other file name as it is."""
    if not _FILE_SLUG.fullmatch(title):
        return title
    if _JOINING_PART.search(title) or _NUMBER_PARTS.match(title):
        return " ".join(re.split(r"[-_]", _NUMBER_PARTS.sub("", title)))
    if _UNDERSCORED.fullmatch(title):
        return title.replace("_", " ")
    return title


# Set nouns that name one aspect of a thing, not a set of things: a set only when pointed ahead at
ASPECT_NOUN = re.compile(
    r"architecture|design|overview|summary|basics|fundamentals|workflow|lifecycle|life cycle|algorithm|algo"
    r"|procedure|pseudocode|recipe|how it works",
    re.I,
)


# Top headings that only sort a note ("# Summary", "# 🧠 Notes"): the note's subject is its name
_SORTING_TITLES = frozenset(
    "summary, overview, notes, my notes, introduction, intro, abstract, tl dr, tldr, contents, table of contents,"
    " background, key points, main points, takeaways, key takeaways".split(", ")
)
_SLUG = re.compile(r"[\w.]+(?:[-_][\w.]+)+")


_BARE_NUMBER = re.compile(r"^\d{1,2}\s+(?=[A-Z])")


# An exam objective's weight at the end of its heading, a range of percentages: "Manage source
# control (10-15%)" ("Training set (70%)" gives its share, which is no weight of a heading)
_EXAM_WEIGHT = re.compile(r"\s+\(\s*\d{1,3}\s*[-\u2013]\s*\d{1,3}\s*%\s*\)\s*$")


def unweighted(heading: str) -> str:
    """A heading without the weight an exam gives its objective: "Manage source control (10-15%)" is
    on managing source control."""
    return _EXAM_WEIGHT.sub("", heading)


def exam_objective(note: Note) -> bool:
    """A note titled by an exam's weighted objective ("# Manage source control (10-15%)"): an area of
    the exam, which its headings split into the things studied."""
    first = note.blocks[0] if note.blocks else None
    return first is not None and first.kind == "heading" and _EXAM_WEIGHT.search(plain(first.text)) is not None


def unnumbered(heading: str) -> str:
    """A heading without its section number, or an exam's weight of it; a bare number ("4
    Experiments", "2 Related work", as paper notes copy them) only before a generic label: "3 Body
    Problem" and "4 types" keep theirs."""
    heading = unweighted(SECTION_NUMBER.sub("", heading))
    bare = _BARE_NUMBER.match(heading)
    return heading[bare.end() :] if bare and generic_label(heading[bare.end() :]) else heading


def context_of(note: Note, place: Place | None) -> tuple[str, ...]:
    """Title, headings (without their section numbers), then the list's lead-in and the items the block
    is nested in."""
    title = shown_title(note)
    if place is None:
        return (title,)
    block = place.block
    # "## Steps:" is "Steps"; "## Regularity of $\beta$" keeps its formula, so the prompt renders it
    headings = [unnumbered(plain_math(h).strip()).rstrip(":").rstrip() for h in block.section]
    if block.kind == "heading" and headings:
        headings.pop()  # a heading's own card is about it: its place is the headings above
    out = [title]
    for heading in headings:
        if heading and prompt_key(heading) != prompt_key(out[-1]):
            out.append(heading)
    if place.lead_in is not None:
        out.append(_short(plain(place.lead_in.text).strip().rstrip(":").strip()))
    out.extend(item_label(p) for p in place.parents if p.kind == "item")
    return tuple(part for part in out if part)


# Words that name an aspect of a subject, never a subject of their own: "Use case", "Pros"; and the
# verbs of a label that a subject above goes on with ("Defines:", "Returns:").
_GENERIC_TEXT = """
    readme, use case, use cases, usecase, intuition, difference, differences, key difference, key differences,
    main difference, main differences, type, types, note, notes, pros, cons, pro, con, pros and cons,
    idea, general idea, main idea, key idea, big idea, example, examples, e g, eg, interesting property,
    property, properties, below, above, advantage, advantages, disadvantage, disadvantages, limitation,
    limitations, summary, overview, motivation, problem, problems, solution, solutions, result, results, goal,
    goals, purpose, definition, usage, use, uses, method, methods, approach, input, inputs, output, outputs,
    caveat, caveats, downside, downsides, upside, upsides, benefit, benefits, drawback, drawbacks, tl dr, tldr,
    takeaway, takeaways, why, how, what, details, description, descriptions, context, background,
    application, applications,
    implementation, complexity, warning, tip, important, remark, remarks, observation, observations, comment,
    comments, explanation, meaning, key point, key points, main point, main points, point, issue, issues,
    challenge, challenges, cause, causes, effect, effects, reason, reasons, feature, features, characteristics,
    functionality, functionalities,
    strengths, weaknesses, strength, weakness, good, bad, the good, the bad, good and bad, the good and the bad,
    trade off, tradeoff, trade offs,
    tradeoffs, alternative, mechanism, mechanisms,
    alternatives, variant, variants, pitfall, pitfalls, question, answer, conclusion, conclusions, simple,
    basic, in short, in practice, in theory, formula, equation, steps, how it works, how to use, when to use,
    what it is, what it does, what they are, what they do,
    why it matters, why it mattered, impact and legacy, legacy, significance,
    the idea, the problem, the solution, the fix, fix, cure, the cure, remedy, remedies, the remedy,
    the goal, the trick, trick, strategy, rule, insight, insights,
    lesson, lessons, interpretation, architecture, history, gist, the gist, structure, origin, origins,
    status, results, data, dataset, datasets, evaluation, methodology, performance, contribution,
    contributions, key contribution, key contributions, findings, main finding, main findings, setup,
    experiment, experiments, discussion, related work, claims, main claim, key claims, critique, criticism,
    verdict, takeaway message, improvements, future, future work, outcome, outcomes, impact,
    process, flow, constraints, requirements, assumption, assumptions, scope, workflow, configuration, config,
    installation,
    testing, costs, cost, pricing, limits, prioritizing, prioritising, priorities, tools, options, notes on usage,
    documentation, docs, material, materials, best practice, best practices,
    recommendation, recommendations, analogy, analogies, operations,
    worst case, best case, average case, introduction, intro, preliminaries, recap, review,
    defines, includes, contains, provides, supports, requires, allows, enables, offers, handles, manages,
    returns, involves, accepts, general, misc, miscellaneous, other, others, notation, notations, algorithm,
    basics, the basics, fundamentals, naive idea, naive approach, naive solution, naive way, first attempt,
    math, maths, the math, overall operation, theorem, lemma, corollary, proposition, directions, future directions,
    research directions, analysis, runtime, running time, runtime analysis,
    concept, concept definition, hypothesis, hypotheses, main hypothesis, claim, attempt, rule of thumb, rules of thumb,
    exam application, exam tip, exam tips,
    base case, base cases, inductive step, induction step, inductive hypothesis, induction hypothesis,
    recursive step, recursive case, recursive cases, subproblem, subproblems, correctness,
    edge case, edge cases, corner case, corner cases
"""
# Sections that hold a subject's facts for revision, named for how they are studied, not for what they
# are about: "Quick Revision", "Must-Know Things", "Deep Dive". The subject is above them.
_CONTAINER_TEXT = """
    quick revision, revision, revision notes, quick revision checklist, must know, must know things, key themes,
    themes, deep dive, deep dives, in detail, in depth, detailed breakdown, chapter summary, core topics, key topics,
    at a glance, cheat sheet, cheatsheet, quick reference, brain dump, questions
"""
CONTAINER_LABELS = frozenset(" ".join(label.split()) for label in _CONTAINER_TEXT.split(","))
_GENERIC_LABELS = frozenset(" ".join(label.split()) for label in _GENERIC_TEXT.split(",")) | CONTAINER_LABELS


_ACRONYM_LETTERS = 5


def _names_caps(word: str) -> bool:
    """Whether a word's capitals are a name's: "IPv4", "GraphQL", "CNN" (not "ADVANTAGES", a heading in capitals)."""
    core = word.strip("()[],.:;'\"")
    return bool(re.search(r"[A-Z]", core[1:])) and (not core.isupper() or len(core) <= _ACRONYM_LETTERS)


def in_lower_case(words: str) -> str:
    """Words as a prompt says them inside its sentence: "Differences to IPv4" is "differences to IPv4"."""
    return " ".join(w if _names_caps(w) else w.lower() for w in words.split())


@lru_cache(maxsize=8192)
def words_of(text: str) -> str:
    return " ".join(re.findall(r"[^\W_]+", plain(text).casefold()))


@lru_cache(maxsize=8192)
def generic_label(term: str) -> bool:
    """A label that names an aspect of something ("Use case", "Pros"), not a term of its own."""
    words = words_of(term)
    if words in _GENERIC_LABELS or _ORDINAL_LABEL.fullmatch(words) or _ASPECT.fullmatch(words):
        return True
    if _counted_off(words) in _GENERIC_LABELS and not bare_set(words):
        # "Two options", "Common pitfalls": a count of the subject's, not a thing of its own ("Three main
        # types" is a set of the heading above it)
        return True
    if use_label(term) or relation_label(term):
        return True
    if _COMPLEXITY.fullmatch(words):
        return True
    if _HANDLED_IT.fullmatch(words):
        return True  # "How to use it" › "flags": mmap's flags, not a thing called "How to use it"
    if _SESSION_MATERIAL.fullmatch(words):
        return True  # "Workshop Material", "Lunch and Learn Slides": what was handed out, on what it does not say
    if STEP_BY_STEP.fullmatch(words):
        return True
    if words.startswith("the ") and words[4:] in _GENERIC_LABELS:
        return True  # "The formula", "The intuition": the subject's, with an article
    if related_label(term):
        return True  # "Sister models", "Other signals": things that stand beside the subject
    if viewpoint(term):
        return True  # "Geometrically: the function lies above its chords": the subject seen one way
    # "Key practices", "Main features": a generic label said to matter
    qualified = QUALIFIED.fullmatch(words.removeprefix("the "))  # "The general formula"
    if qualified and (qualified.group(1) in _GENERIC_LABELS or qualified.group(1) in _QUALIFIED_NOUNS):
        return True
    # "Quadrant 1 (Top right)", "Level 0": a place in the note's own series, whatever it holds
    return bool(_NUMBERED_PLACE.fullmatch(words_of(re.sub(r"\([^()]*\)", " ", term)))) or series_place(term)


# What a session handed out: "Workshop Material", "Lunch and Learn Slides", "Course Handouts"
_SESSION_MATERIAL = re.compile(
    r"(?:lunch and learn|brown bag|workshop|training|course|class|session|talk|bootcamp|seminar|meetup|lecture)s?"
    r"\s+(?:material|materials|slides|handouts?)"
)


# How a subject is looked at: "Geometrically", "Intuitively", "Empirically", "Reading left to right"
_VIEWPOINT = re.compile(
    r"(?:geometric|algebraic|mathematical|numerical|statistical|analytical|graphical|visual|physical|conceptual"
    r"|intuitive|concrete|formal|informal|probabilistic|empirical|theoretical|computational|algorithmic)(?:al)?ly"
    # "Reading left to right: the numerator asks ...", "In words: ...": the formula above read aloud
    r"|reading (?:it )?(?:left to right|right to left|term by term|the (?:formula|equation))|in (?:plain )?words"
)


def viewpoint(term: str) -> bool:
    """ "Geometrically", "Intuitively": how a subject is looked at, which says nothing without it."""
    return _VIEWPOINT.fullmatch(words_of(term)) is not None


QUALIFIED = re.compile(
    r"(?:key|main|important|core|common|major|typical|notable|essential|critical"
    # "Simplest approach", "Naive solution": one way of the subject's, named by how plain it is
    r"|simplest|simple|naive|standard|usual|classic|classical|easiest|obvious|general"
    # "Possible solution", "Proposed approach": one the subject may take
    r"|possible|proposed|suggested|one"
    # "Formal definition", "Formal analysis": the subject's, said with rigour
    r"|formal|informal|rigorous|precise"
    # "Practical application", "Technical details", "Real-world examples": the subject's, said of its use
    r"|practical|technical|mathematical|theoretical|real world)\s+(.+)"
)
_QUALIFIED_NOUNS = frozenset("practices components aspects elements principles factors concepts".split())
# What a set's items are members of: "Key practices", "Main features", "Core components"
_MEMBERS = frozenset(
    """practices features components elements principles factors aspects characteristics properties types kinds
    methods options tools techniques strategies approaches benefits advantages disadvantages pros cons limitations
    requirements constraints steps stages phases pillars uses applications categories groups classes
    parameters attributes variables fields functionality functionalities commands states modes levels layers
    roles parts participants entities actors activities actions flags implementations""".split()
)


def member_label(label: str) -> bool:
    """A label over the members of a set ("Key practices", "Features"), not over a summary or notes."""
    words = words_of(label).split()
    return bool(words) and words[-1] in _MEMBERS


# What a heading or a lead-in over the subject's qualities names: each item under "Benefits" or
# "Pitfalls" is one of the subject's, however rare its name ("Portability" is Docker's)
_QUALITIES = frozenset(
    """advantages disadvantages benefits drawbacks downsides upsides limitations challenges considerations pitfalls
    pros cons strengths weaknesses tradeoffs trade-offs reasons risks caveats concerns issues problems""".split()
)
# How many of them there are, and words that say which or how much they matter ("Two key advantages",
# "Critical considerations", "Design considerations"): none of them names the subject
_COUNT_WORDS = (
    frozenset("a an the few some several many".split()) | frozenset(COUNT_WORDS) | {str(n) for n in range(2, 11)}
)
_QUALITY_WORDS = _COUNT_WORDS | frozenset(
    """key main major primary core common critical important potential typical notable additional other practical
    general technical design performance operational production security real world real-world""".split()
)
_NO_QUALITIES = frozenset(
    "practice open exercise homework sample example solved unsolved review quiz exam test further extra bonus".split()
)
_QUALITY_LEAD = re.compile(
    r"^(?P<said>.{3,80}?)\s+(?:(?:the\s+following|a\s+few|some|several|many|\d+|two|three|four|five)\s+)?"
    r"(?:(?:key|main|major|primary|core|critical|important|potential|notable)\s+)?(?P<set>[a-z-]+)\s*:?$",
    re.I,
)


def quality_set(part: str, lead_in: bool = False) -> tuple[str, str] | None:
    """What a heading or a lead-in says its items are qualities of, as (prefix, set): ("", "design
    considerations") for a heading that leaves the subject to the one above; ("REST limitations", "")
    for one that names it; ("Static libraries offer two main benefits", "") for a lead-in sentence
    that reads on into the item; None for a heading or lead-in of anything else."""
    said = plain(part).strip().rstrip(":").strip()
    if lead_in and _USED_FOR.search(re.split(r"(?<=[.!?])\s+", said)[-1]):
        return "", "uses"  # "Therefore, it's used for:" / "- real-time monitoring: ...": the heading's uses
    if lead_in:
        sentence = _QUALITY_LEAD.match(said)
        if sentence is None or sentence.group("set").lower() not in _QUALITIES:
            return None
        words = said.split()
        if all(w.lower() in _QUALITY_WORDS for w in words[:-1]):
            return quality_set(said)  # "Two primary benefits:": a heading's words, said as a lead-in
        if words[0].lower() in _POINTING or len(words) > _LEAD_WORDS:
            return "", sentence.group("set").lower()  # "This introduces 2 critical limitations": the heading's
        return said, ""
    of = _QUALITIES_OF.match(said)
    quality = of.group("set").lower() if of else ""
    if quality in _QUALITIES - _AMBIGUOUS and len(said.split()) <= _LEAD_WORDS // 2:
        # "The Benefits of Layers", "Advantages of Docker": the heading names whose they are
        if of.group("of").split()[0].lower() in _POINTING | {"them", "its", "their"}:
            return "", quality  # "Benefits of this", "Drawbacks to this approach": the heading's above
        return said[of.start("set") :] if of.group(1) else said, ""
    pieces = [p for p in re.split(r"\s*(?:\band\b|&|/|,)\s*", said) if p]
    if not pieces or len(said.split()) > _LEAD_WORDS // 2:
        return None
    named: list[str] = []
    for piece in pieces:
        words = piece.split()
        if words[-1].lower() not in _QUALITIES:
            return None
        for word in words[:-1]:
            if word.lower() in _NO_QUALITIES:
                return None  # "Practice problems", "Open issues": a course's exercises, a to-do list
            if word.lower() in _LINKING:
                return None  # "Types of security concerns", "Strategies for overcoming challenges": other sets
            if word.lower() not in _QUALITY_WORDS:
                named.append(word)  # "REST limitations", "Database challenges": its subject said
        if named and words[-1].lower() in _AMBIGUOUS and not named[-1].endswith(("'s", "\u2019s")):
            return None  # "Optimization problems", "Search problems": a kind of problem, not the subject's
    phrase = " ".join(w for w in said.split() if w.lower() not in _COUNT_WORDS)
    if named:
        return phrase, ""
    return "", phrase.lower()


# A lead-in that counts the set its items belong to: "The linker performs two main tasks", "ADT
# operations fall into three kinds", "There are four lines of defense against DDoS"
_COUNTED_LEAD = re.compile(
    rf"^(?P<said>\S.{{2,100}}?)\s+(?P<count>the\s+following|a\s+few|several|multiple|\d+|{COUNT_WORD})\s+"
    r"(?:(?!of\b)[a-z-]+\s+){0,2}(?P<set>[a-z-]+s)"
    r"(?:\s+of\s+(?P<of>[\w-]+(?:\s+[\w-]+){0,2}))?$",
    re.I,
)
# ... but not a case set up ("When a plan has multiple joins", "Imagine a dataset with two features",
# "For h = 12 heads"), nor a count of ways or times that names no set of things
_NOT_A_SET = re.compile(
    r"^(?:when|whenever|if|for|with|imagine|consider|suppose|let|say|since|because|while|as)\b|=", re.I
)
_NO_SET_NAME = frozenset("ways things places times cases problems issues".split())
# ... nor one that only sorts ("of two types"), which the heading above names better than the owner
SORTS = frozenset("types kinds categories forms flavors flavours sorts classes varieties".split())
# "Step-by-step operation for 4 GPUs": a count after a preposition is of what the sentence is about
_AFTER_PREPOSITION = frozenset("for with on in per across using by of to at from over under into".split())


# "The model is built around four primitives", "The algorithm balances two goals": the heading's
# thing, said again, as "It" would
_THE_HEADING = re.compile(
    r"^the\s+[a-z]+\s+(?:is|are|has|have|can|must|was|were|uses|balances|offers|provides)\b", re.I
)


def names_a_set(part: str) -> bool:
    """ "Components of an FSM", "Column types", "Types of rounding": a heading that names the set its
    items are members of, better than a sentence under it that counts them."""
    words = words_of(part).split()
    return member_label(part) or (len(words) > 1 and words[0] in _MEMBERS and words[1] in ("of", "in", "for"))


# A heading in words that names one thing: two to four capitalised words ending on a singular noun
# ("Data Integrity", "Time Series Database"); not a set ("Design Principles", "Unary Operators",
# "Creational Design Patterns": their items are its members, which the note's title names better:
# "builder" is a pattern other notes call "Builder Pattern"), a word of how much the items matter
# ("Key Technology") nor a kind of page about the subject ("Syntax Overview", "Simplified Analogy",
# "Code Walkthrough": their items are the subject's, named above)
_TITLE_WORDS = re.compile(r"[A-Z][a-z]+(?:-[A-Za-z]+)?(?:\s+(?:[A-Z][a-z]+(?:-[A-Za-z]+)?|[A-Z]{2,5})){1,3}")
_PAGE_KINDS = frozenset(
    "overview reference material content slide exercise analogy example summary recap review walkthrough".split()
)


def named_thing(heading: str) -> bool:
    """Whether a heading names the one thing the items under it are parts or aspects of ("backups"
    under "Data Integrity" are its), by its form."""
    words = words_of(heading).split()
    if not _TITLE_WORDS.fullmatch(heading) or generic_label(heading) or names_a_set(heading):
        return False
    last = words[-1]
    plural = last.endswith("s") and not last.endswith(("ss", "us", "is"))
    return not plural and words[0] not in _QUALITY_WORDS and last not in _PAGE_KINDS


def counted_lead(said: str) -> tuple[str, str] | None:
    """ "The linker performs two main tasks:" over "- Symbol resolution: ...": each item is one of
    the set the sentence counts, and the sentence is its prompt, as (prefix, ""); a sentence that
    names no owner ("There are two types of SSH key", "They describe three techniques") gives the
    set as ("Types of SSH key", "") or ("", "techniques"), for the heading above to own."""
    sentence = _COUNTED_LEAD.match(said)
    if sentence is None or _NOT_A_SET.search(said):
        return None
    before = sentence.group("said").split()[-1].lower()
    if before == "with" or (before in _AFTER_PREPOSITION and sentence.group("count")[:1].isdigit()):
        return None  # "SQS is a broker with two modes": the count says what the thing has, not what is listed
    words = said.split()
    if words[0].lower() not in _POINTING and not _THE_HEADING.match(said) and len(words) <= _LEAD_WORDS:
        return said, ""
    named = sentence.group("set")
    if sentence.group("of"):
        return f"{named[:1].upper()}{named[1:]} of {sentence.group('of')}", ""  # "Lines of defense against DDoS"
    return None if named.lower() in _NO_SET_NAME | SORTS else ("", named.lower())


_QUALITIES_OF = re.compile(r"^(the\s+)?(?P<set>[a-z-]+)\s+(?:of|to)\s+(?P<of>\S.*)$", re.I)


# A lead-in whose last sentence says what the heading's subject is for: "Therefore, it's used for",
# "They are mainly used for"
_USED_FOR = re.compile(
    r"^(?:(?:therefore|so|thus|hence|mainly|mostly)\W+)*(?:it'?s|it\s+is|they'?re|they\s+are|this\s+is)\s+"
    r"(?:(?:mainly|mostly|often|usually|commonly|typically)\s+)?(?:used|useful|good|suited)\s+for$",
    re.I,
)
_POINTING = PRONOUNS | frozenset(
    "but and so yet however also".split()
)  # "This introduces ...", "But the model has ..."
_LINKING = frozenset("of for to in on with about from by against".split())
# "problems" and "issues" after a name are most often a kind of problem ("Optimization problems")
_AMBIGUOUS = frozenset({"problems", "issues"})
_LEAD_WORDS = 10


# "Sister models", "Related concepts", "Other footprints": what stands beside the subject, named by it
_RELATED = re.compile(
    r"(?:sister|related|similar|other|alternative|competing|comparable|neighbou?ring|relevant|adjacent|associated)"
    r"\s+[a-z]+s"
)


def related_label(term: str) -> bool:
    """ "Sister models", "Related concepts", "Other signals": a label over what stands beside the
    subject; as a heading, it sorts the things under it rather than naming an aspect of each."""
    return _RELATED.fullmatch(words_of(term)) is not None


# "Information theory interpretation", "Geometric intuition": a way of seeing the subject, not a term.
_ASPECT = re.compile(r"(?:[a-z]+\s+){1,3}(?:interpretation|intuition|explanation|motivation)")
# A way of handling the subject above, named by a pronoun: "How to use it", "How do we use this",
# "How to fix it" ("How clients find them" and "Why the decoder can use this" still say something)
_HANDLED_IT = re.compile(
    r"how\s+(?:to|(?:do|can|should|would)\s+(?:we|you|i)|we|you)\s+[a-z]+\s+(?:it|this|them|these|that)"
)
# What the subject is for or like, said before a colon: "Best for", "Used in", "Compared to"
_USE_LABEL = re.compile(
    r"(?:(?:widely|commonly|mostly|mainly|primarily|often|also|not|well)\s+)?"
    r"(?:used|best|good|useful|ideal|suitable|suited|great|bad|worst|designed|known|compared|similar|related"
    r"|applied|needed|required|optimi[sz]ed|popular|common)\s+(?:for|in|by|on|to|with|as|when)"
)
# How the subject stands to another thing: "Relation to prefix-tuning", "Compared to CoT", "Differences
# from WSGI" (matched on a label's words), "vs. the program": the subject's, whatever the other thing is
# ("VS Code" and "== vs is" are names)
_RELATION = re.compile(
    r"(?:(?:its|the|key|main)\s+)?(?:relation(?:ship)?s?|comparison|compared|differences?|contrast|connection)"
    r"\s+(?:to|with|from)\s+\S.*"
)
_VERSUS_LABEL = re.compile(r"(?:[Vv]s\.|vs|[Vv]ersus)\s+\w")
# An algorithm's cost, said of the algorithm above it: "Time complexity", "Time and Space Complexity
# Analysis", "Complexities" (matched on a label's words).
_COMPLEXITY = re.compile(
    r"(?:(?:time|space|memory|runtime|computational)(?:\s+(?:and\s+)?(?:time|space|memory))?\s+)?"
    r"complexit(?:y|ies)(?:\s+analysis)?"
    # "Time and Space: O(n)", "Time/Space": the costs, "complexity" left unsaid
    r"|(?:time|runtime)\s+(?:and\s+)?(?:space|memory)"
)


# A heading that pairs each item with when to use it: "When to use which", "When to use each one"
_WHICH_TO_USE = re.compile(r"when\s+to\s+(?:use|choose|pick|apply|prefer)\s+(?:which|each|what)(?:\s+one)?\W*", re.I)


def which_to_use(label: str) -> bool:
    """ "When to use which" over `- nano: quick edits`: each item says when to use it, and is asked so."""
    return _WHICH_TO_USE.fullmatch(plain(label).strip()) is not None


def relation_label(label: str) -> bool:
    """ "Comparison to other trees", "Relation to prefix-tuning": a generic label whose section still
    states something, how the subject above it stands to another thing."""
    return _RELATION.fullmatch(words_of(label)) is not None or _VERSUS_LABEL.match(plain(label).strip()) is not None


def use_label(label: str) -> bool:
    """ "Best for", "Used in": a generic label whose section still states something, what the
    subject above it is for."""
    return _USE_LABEL.fullmatch(words_of(label)) is not None


def applied_label(label: str) -> bool:
    """ "Practical Applications", "Real-world applications": a generic label whose section still
    states something, what the subject above it is put to."""
    return _APPLIED.fullmatch(words_of(unnumbered(label))) is not None


_APPLIED = re.compile(r"(?:practical|real world)\s+applications?")


def cost_label(label: str) -> bool:
    """ "Time Complexity", "2 Space complexity": a generic label whose section still states something,
    the cost of the subject above it."""
    return _COMPLEXITY.fullmatch(words_of(unnumbered(label))) is not None


# A heading that is a procedure's steps, without the word: "Step-by-Step Algorithm", "Step by step"
# (matched on a heading's words).
STEP_BY_STEP = re.compile(
    r"(?:the\s+)?step\s+by\s+step(?:\s+(?:algorithm|process|procedure|logic|breakdown|guide|execution"
    r"|walkthrough|explanation|workflow|instructions|approach|method))?"
)
_NUMBERED_PLACE = re.compile(
    r"(?:quadrant|level|tier|case|option|scenario|stage|phase|step|part|rule|type|(?:[a-z]+\s+)?(?:zone|round)"
    # "Flaw 1", "Reason 2", "Approach 3": one of the note's own count of them
    r"|flaw|issue|reason|method|approach|solution|limitation|advantage|disadvantage|benefit|drawback"
    r"|property|condition|requirement|assumption|principle|idea|point"
    # "Hypothesis 2", "Attempt #1", "Finding 3": one of a paper's or a write-up's own
    r"|hypothesis|claim|observation|finding|result|experiment|contribution|insight|attempt|lesson|takeaway"
    # "Scope 2", "Block 0", "Player A", "Theorem 1": one of a set the headings above name, by its number
    r"|scope|block|layer|group|set|term|link|cell|node|branch|core|line|bit|priority|risk|gain|goal|player"
    r"|constraint|project|dimension|argument|premise|strategy|trace|pair|batch|suggestion|conversation|competency"
    r"|proposition|theorem|lemma|corollary|example|figure|table|equation|item|component|feature|objective"
    r"|milestone|design|algorithm|algo|implementation|trial|iteration|sample|matrix|process|agent|shot)"
    r"\s+(?:\d+|[a-z]|[ivx]{2,4})"  # "Case 2", "Player A", "Case iii"
)
# "Chapter 7", "Week 3", "Lecture 2.1": a place in a book's or a course's series
SERIES = (
    r"(?:chapter|ch|lecture|lec|week|module|unit|lesson|session|day|section|sec"
    # "Tutorial 3", "Lab 2", "Cheatsheet 5": a class's meeting or hand-out, on what its headings say
    r"|tutorial|tut|lab|recitation|seminar|practical|cheat\s?sheet|worksheet|handout)"
)
# ... and "Sections 1 & 2", "Chapters 3 and 4": several of them
# ("Week 3-4 Notes", "Lecture 5 slides": that place's notes, on what its headings say)
_SERIES_PLACE = re.compile(rf"{SERIES}s?\s*\d+(?:\s+(?:and\s+|to\s+)?\d+)*(?:\s+(?:notes|slides|summary))?")
# ... with the day it was given: "Lecture 14 - February 2, 2018", "Lecture 36 (Last Lecture) - April 4"
_MONTH = rf"{MONTH}\.?"


def _day_with(month: str) -> str:
    """A day written out: "Feb 2, 2018", "2 February", "2018-02-02", "2/2/18", with `month` its month."""
    return (
        rf"(?:{month}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?|\d{{1,2}}(?:st|nd|rd|th)?\s+{month}(?:,?\s+\d{{4}})?"
        r"|\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}(?:/\d{2,4})?)"
    )


_DAY = _day_with(_MONTH)
_ON_A_DAY = re.compile(rf"(?:\s*\([^()]*\))?\s*(?:--|[-\u2013\u2014:,|])?\s*{_DAY}$", re.I)
_DAY_BEFORE = re.compile(rf"^{_DAY}\s+(?P<rest>\S.*)$", re.I)
_DATED_PLACE = re.compile(rf"{SERIES}s?(?:\s*\d+)?")
_DAY_FIRST = re.compile(rf"^{_DAY}\s*(?:--|[-\u2013\u2014:|])\s*(?=\S)", re.I)  # "Sept 26, 2016 : The Life Cycle"


_WEEKDAY = r"(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?"
_MONTH_NAME = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?"
    r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
# (the month spelled out: a day's heading read with the looser `MONTH` would take "JUnit 5" for June 5th)
_DATED_ONLY = re.compile(rf"(?:{_WEEKDAY},?\s+)?{_day_with(_MONTH_NAME)}(?:,?\s+{_WEEKDAY})?", re.I)


@lru_cache(maxsize=8192)
def dated_only(heading: str) -> bool:
    """A heading that is only a day ("24 September 2024 Tuesday", "2025-03-14", "Mon, Jan 6"): an
    entry of a log or a diary, on what was done that day, not on a subject."""
    return _DATED_ONLY.fullmatch(plain(heading).strip().rstrip(":")) is not None


@lru_cache(maxsize=8192)
def series_place(heading: str) -> bool:
    """A heading that only says where in a book or a course it is ("Chapter 7", "Week 3"), or when
    ("Lecture 14 - February 2, 2018")."""
    dated = _DAY_BEFORE.match(heading.strip())  # "3/23 Lecture", "9/30 Lecture 1"
    return bool(
        _SERIES_PLACE.fullmatch(words_of(heading))
        or _SERIES_PLACE.fullmatch(words_of(_ON_A_DAY.sub("", heading)))
        or (dated is not None and _DATED_PLACE.fullmatch(words_of(dated.group("rest"))))
    )


# A homework's, a tutorial's or an exam's numbering: "Q5", "Task 3", "Exercise 2b", "1b", "bii", "6".
_PROBLEM_PART = re.compile(
    r"^(?:(?i:q|question|hw|task|exercise|ex\.?)\s*\d+[a-z]{0,4}|\d+[a-z]{0,3}|[a-h](?:i{1,3}|iv|vi{0,3}))[.):]?$"
)


def problem_part(heading: str) -> bool:
    """Whether a heading is the number of a question in an assignment or an exam ("Q5", "3a",
    "bii"): what is under it is one problem's working, not knowledge named by a heading."""
    return _PROBLEM_PART.match(heading.strip()) is not None


# "Second hypothesis", "First step", "Another approach": one of the note's own series, named by place.
_ORDINAL_LABEL = re.compile(
    r"(?:first|second|third|fourth|fifth|sixth|last|final|next|another|other|main|1st|2nd|3rd|4th|5th)"
    r"\s+(?:hypothesis|hypotheses|step|stage|phase|idea|approach|option|point|reason|question|problem|claim|part"
    r"|way|method|attempt|observation|result|finding|lesson|case|example|argument|thing)"
)


# Headings and titles of lists of terms, where every label is a term of its own.
# "Concepts", "terms" and "definitions" open or end such a heading ("Key concepts", "Terms of the trade");
# "Cloud Concepts Exam Objectives" is no list of terms.
GLOSSARY = re.compile(
    r"\b(?:glossary|glossaries|terminology|vocabulary|jargon|lexicon)\b"
    r"|\b(?:terms|definitions|concepts|key\s?words)\W*$(?<!\bin terms)"
    r"|^\W*(?:(?:key|core|basic|main|important|common)\s+)?(?:terms|definitions|concepts|words)\b",
    re.I,
)


# "Theorem.) Lagrange's Theorem", "Lemma 2.) Properties of Cosets", "(Definition) Span": a kind of
# statement, its number and marks in front of the name it goes by
_KIND_MARK = re.compile(
    r"^\(?(?:theorem|lemma|corollary|proposition|claim|definition|def)\b\.?\s*(?:\d+(?:\.\d+)*)?\s*[.)]+"
    r"\s*[:.\u2013\u2014-]?\s*(?=[^\W\d_])",
    re.I,
)


def without_kind_mark(heading: str) -> str:
    """The name a statement goes by, without "Theorem.)" or "Lemma 2.)" in front of it."""
    return _KIND_MARK.sub("", heading, count=1)


# "Step 3: Join the buckets", "The Solution: Software adapters", "Course: Operating Systems"
_LABEL_THEN_NAME = re.compile(r"([^:\n]{1,30}?)\s*:\s+(?=[^\W_])(.+)")


def label_named(heading: str) -> str:
    """A heading's name without a generic label in front of it: "Step 3: Join the buckets" is on
    joining the buckets, "The Solution: Software adapters" on software adapters."""
    named = _LABEL_THEN_NAME.fullmatch(heading)
    if not named:
        return heading
    label, name = named.groups()
    if generic_label(name):
        return heading  # "Lecture 3: Limits", "Phase 1: Analysis": the name alone says less than both
    if generic_label(label) or words_of(label) in ("course", "case study"):
        return name
    return heading


def numbered_place(part: str) -> bool:
    """ "Type 1", "Level 0", "Phase 2": a place in the note's own series, which says which one only
    beside what it is of."""
    return _NUMBERED_PLACE.fullmatch(words_of(re.sub(r"\([^()]*\)", " ", part))) is not None


def headings_only(context: tuple[str, ...], place: Place | None) -> tuple[str, ...]:
    """The context without the list's lead-in and the items the card sits in: its title and headings
    ("Second Normal Form", not "There is no partial dependency ..." it sits under)."""
    if place is None:
        return context
    inner = sum(1 for p in place.parents if p.kind == "item") + (place.lead_in is not None)
    return context[: len(context) - inner]


def subject_of(context: tuple[str, ...]) -> str:
    """What the card is about: the innermost part of its context that is not itself generic; nothing
    when a place in a book or a course comes first ("Chapter 6" is on something it does not name).
    A numbered place of the note's own is said with what it is of ("Type 1" under "Slowly changing
    dimensions" is "Slowly changing dimensions (Type 1)": its three types are three subjects)."""
    for i in reversed(range(len(context))):
        part = context[i]
        if series_place(part) or problem_part(part) or dated_only(part):
            return ""
        if numbered_place(part):
            # "Thus, to insert a key, we do the following" over "Case 2" is a lead-in sentence, no set's name
            outer = (*context[:1], *(p for p in context[1:i] if len(p.split()) <= _NAMED_WORDS + 3)) if i else ()
            owner = subject_of(outer)
            if (not owner and i == 0) or words_of(owner) == words_of(part):
                return part  # a note titled "Layer 2" is on layer 2
            return f"{owner} ({part})" if owner else ""
        if _LETS.match(part):
            continue  # "Let's store something in a new file": a step of a walk-through, on what is above it
        if sentence_adverb(part):
            continue  # `- Conventionally` / `  - Status of 0: a successful run`: how it is said, on what is above
        recalled = called_back(part)
        if recalled == "":
            continue  # `- Recall:` / `  - Binomial: sum of Bernoulli RVs`: taught before, on what is above it
        if recalled:  # "Recall: fixed-block", "Recall Aristotle": on fixed blocks, on Aristotle
            part = recalled[:1].upper() + recalled[1:]
        part = label_named(without_kind_mark(part))
        if part and not generic_label(part) and not part.endswith("\u2026") and not _FRAGMENT.match(part):
            thing = asked_thing(part) or introduced(part)  # "What is DevSecOps?": the section is on DevSecOps
            if not thing:
                return set_of(course_topic(part), context[:i])  # "W7N3 - IPv4" is on IPv4
            if not generic_label(thing) and words_of(thing) not in PRONOUNS:  # "What's the solution?", "What is it"
                return thing[:1].upper() + thing[1:] if thing[1:2].islower() else thing  # "a compiler": "Compiler"
    return ""


def shares_a_stem(a: str, b: str) -> bool:
    """Whether two names share a word's first four letters ("Parameters", "params"; "cd", "CSE391: cd")."""
    stems = {w[:4] for w in words_of(b).split()}
    return any(w[:4] in stems for w in words_of(a).split())


def bare_set(part: str) -> bool:
    """ "Categories", "Components", "Kinds", "Three main types": a label that only says its items are
    members of a set, whose name is the heading above it ("HTTP Headers" › "Categories" › "Authorization")."""
    return " " not in _counted_off(part) and member_label(part)


# How many there are and how much they matter: "Three main types", "2 key approaches"
_COUNTED = _COUNT_WORDS | frozenset("key main major primary core basic common".split())


def _counted_off(part: str) -> str:
    """The words of a label without the count and the weight in front of them ("Three main types": "types")."""
    words = words_of(part).split()
    while len(words) > 1 and words[0] in _COUNTED:
        words = words[1:]
    return " ".join(words)


def set_of(part: str, outer: tuple[str, ...]) -> str:
    """ "Components" under "Transformer" is the Transformer's components: a bare set, named by what
    it is a set of (alone, "Components: Positional encoding" asks of nothing)."""
    if not bare_set(part):
        return part
    owner = subject_of(outer)
    said = _counted_off(part)
    if not owner or said in words_of(owner) or len(owner.split()) > _NAMED_WORDS:
        return part  # "Layers are a group of neurons ..." over "Three main types" is a sentence, no owner's name
    return f"{owner} {said}"


_LETS = re.compile(r"^let(?:'s|’s|\s+us)\s", re.I)
# Words that open a sentence and name nothing: "Conventionally:", "Typically", "However"
SENTENCE_ADVERBS = frozenset(
    """conventionally typically usually generally normally often sometimes basically essentially ultimately finally
    also however then now alternatively additionally similarly conversely specifically importantly notably
    interestingly practically rarely seldom mostly""".split()
)
# ... and the ways of stating a subject ("Informally: ..."), which name none either
_STATING = frozenset("formally informally intuitively mathematically equivalently roughly".split())
_SENTENCE_ADVERB = re.compile(r"\W*(?:" + "|".join(sorted(SENTENCE_ADVERBS | _STATING)) + r")\W*", re.I)


def sentence_adverb(text: str) -> bool:
    """Whether a label is only an adverb ("Conventionally", "Informally:"): how the lines under it
    are said, not what they are on."""
    return _SENTENCE_ADVERB.fullmatch(text) is not None


# A lecture calling back what it taught: "Recall:", "Recall: fixed-block", "Recall a key", "Recall Aristotle"
_CALLED_BACK = re.compile(
    r"^\W*(?:recall|remember|reminder|recap)\W*$"
    r"|^(?:recall|remember|reminder|recap)\s*:\s*(?P<after>\S.*)$"
    r"|^recall\s+(?:that\s+)?(?:(?:the|a|an)\s+)?(?P<named>\S.*)$",
    re.I,
)


def called_back(text: str) -> str | None:
    """What a lecture's call-back names ("Recall: fixed-block": "fixed-block", "Recall a key":
    "key"); "" for a bare reminder ("Recall:"); None for any other text."""
    found = _CALLED_BACK.match(text.strip())
    return None if found is None else (found["after"] or found["named"] or "")


_WHAT_IS = re.compile(
    r"^\W*what(?:\s+(?:is|are)|['’]s)\s+(?:(?:an?|the)\s+)?(?P<thing>(?:(?!\b(?:is|are|do|does|for|when|why)\b)[^?:])+?)"
    r"\s*\??\s*$",  # "What is Kafka", a note's title, asks it too
    re.I,
)
_NAMED_WORDS = 5


def asked_thing(text: str) -> str:
    """What a heading or a question of the form "What is X?" asks about ("What is a compiler?":
    "compiler"), when X is a name of a few words; "" for any other text."""
    asked = _WHAT_IS.match(text)
    return asked.group("thing") if asked and len(asked.group("thing").split()) <= _NAMED_WORDS else ""


_INTRODUCTION = re.compile(
    r"^(?:an?\s+)?(?:(?:short|brief|gentle)\s+)?(?:introduction|intro)\s+to\s+(?:the\s+)?(?P<thing>\S.*)$"
    # "Understanding loss of plasticity", "Understanding LSTM Networks": a title that sets out to explain X
    r"|^understanding\s+(?:the\s+)?(?P<understood>\S.*)$"
    # "Docker explained", "Transformers, explained simply"
    r"|^(?P<explained>\S.*?),?\s+explained(?:\s+simply)?$"
    # "Pros and Cons of Microservices": a title that weighs X, whose benefits are X's
    r"|^(?:the\s+)?(?:pros\s+(?:and|&)\s+cons|advantages\s+(?:and|&)\s+disadvantages|strengths\s+(?:and|&)\s+weaknesses"
    r"|benefits\s+(?:and|&)\s+(?:drawbacks|costs|risks))\s+of\s+(?:the\s+|using\s+)?(?P<weighed>\S.*)$",
    re.I,
)


def introduced(text: str) -> str:
    """What a title of the form "Introduction to X", "Understanding X" or "X explained" introduces
    ("Introduction to Caching": "Caching"), when X is a name of a few words; "" for any other text."""
    found = _INTRODUCTION.match(text.strip())
    thing = (
        (found.group("thing") or found.group("explained") or found.group("understood") or found.group("weighed"))
        if found
        else ""
    )
    return thing if len(thing.split()) <= _NAMED_WORDS else ""


# "of men vs # of months ...": a line cut at a '#' the author meant as "number", read as a heading.
_FRAGMENT = re.compile(r"^(?:of|and|or|to|for|with|by|than)\s")


# A note or a section of things to read: "To-read: ML and AI", "Neuroscience links", "Reading list".
_READING_LIST = re.compile(
    r"^to[- ]read\b|^(?:some\s+|more\s+|useful\s+|good\s+)?links\b"
    r"|\b(?:links|bookmarks|reading list|further reading|to[- ]read|to look (?:up|into)"
    r"|repositories|repos)$|\b(?:web|online|good|useful|helpful|learning)\b.*\bsources$"
    r"|^(?:new|recent|some|good|interesting)\s+papers\b|\bbibliograph|^footnotes\b"
    r"|^(?:top|recommended|suggested|essential|further|additional|more)\s+(?:readings?|books|papers|resources|links)\b"
    r"|^(?:references|see also|citations|connections)$"
    r"|^(?:recommended|suggested|further)\s+notes\b|\bnotes\s+and\s+references$"
    # "Music to listen to", "Films to watch": a list of things to enjoy, not to learn
    r"|\bto\s+(?:listen\s+to|watch|play|visit|buy)$"
    # "Awesome Self-Hosted", "awesome-python": a curated list of links to projects, the genre's name
    r"|^awesome(?:[\s-]|$)",
    re.I,
)


def reading_list(title: str) -> bool:
    """A heading or lead-in that files things to read ("To-read", "Neuroscience links")."""
    return bool(_READING_LIST.search(title))
