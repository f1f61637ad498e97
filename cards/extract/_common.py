"""What the extractors share: which blocks may give cards, and how a card is made."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from html.parser import HTMLParser

from ..model import Block, Card, Kind, Note, Source, frozen_map
from ..text import card_markdown, inline_tokens, plain

# Sections whose content is a plan, not knowledge: no card ever comes from them. The heading may
# go on only with words that keep it a plan (`Goals for today`, `Links and resources`), so that
# `Tasks in NLP` or `Logging` stay knowledge.
_SILENT_SECTION = re.compile(
    r"^(?:(?:today'?s|tomorrow'?s|this week'?s|weekly|daily|my|main)\s+)?"
    r"(?:[^\W\d_]+\s+(?=goals?\b|objectives\b|to ?-?dos?\b|action items?\b))?"
    r"(?:goals?|objectives|focus|plans?|priorities|intentions|schedule|to ?-?dos?|tasks?|action items?|actions"
    r"|next steps?|what['\u2019]?s next|what comes next|up next|next up"
    r"|agenda|attendees|decisions?|blockers?|shopping(?: list)?"
    r"|groceries|references|refs?|bibliography|books|papers|articles|videos|podcasts|talks"
    r"|links|bookmarks|backlinks|inspirations?|log|reminders?|errands|follow[- ]?ups?"
    r"|habits?|reading list|changelog|resources|further reading|see also|metadata|properties|book info)"
    r"(?:(?:\s*[(:]|\s+(?:[&/\u2013\u2014-]|(?:for|this|today|tomorrow|of|list|and|to|from|next|until|by)\b)).*)?$",
    re.I,
)
# A meeting's record ("Irene check-ins", "1:1s", "Standup", "Meeting notes"): who said and did what.
_MEETING_SECTION = re.compile(
    r"^(?:[^\W\d_]+(?:['’]s)?\s+)?(?:check[- ]?ins?|1\s?:\s?1s?|one[- ]on[- ]ones?|stand[- ]?ups?|meeting notes"
    r"|meetings|syncs|weekly syncs?|retros?|retrospectives?)$",
    re.I,
)
# A section on the notes themselves, how to read and use them: "How to Use This Vault", "Conventions
# Used in This Vault", "How to Read This Chapter", "Course Statistics", "Errata and Future Updates"
# (not "How to use SIMD": a skill the notes teach).
_ABOUT_THE_NOTES = re.compile(
    r"^(?:how\s+to\s+(?:use|read|navigate)|conventions(?:\s+used)?(?:\s+(?:in|throughout))?|about)\s+"
    r"(?:this|these|the)\s+(?:vault|notes?|course|chapter|book|catalog|guide|repo|repository|wiki|folder)\b"
    r"|^(?:course|vault)\s+statistics$|^errata\b"
    # a folder's README on how its notes are laid out: "Note Structure", "Directory Structures", "Numbering
    # scheme", "Notation and Conventions Used"
    r"|^(?:notes?|folder|directory|file|vault|repo|repository)\s+(?:structures?|organi[sz]ation|layout)$"
    r"|^numbering\s+(?:scheme|conventions?)$|^(?:notation\s+and\s+|style\s+|formatting\s+)?conventions(?:\s+used)?(?:\s+throughout)?$"
    r"|^how\s+(?:this|these|the)\s+(?:notes?|vault|folder|course|repo)\s+(?:is|are)\s+organi[sz]ed$",
    re.I,
)
# A course's paperwork, not its content: what to be able to do, what a quiz covers, how work is
# graded (`M5 Learning Goals`, `Quiz 5 Info`, `Midterm logistics`, `Project rubric`).
_COURSE_ADMIN = re.compile(
    r"^(?:learning|study|course|module|unit|lecture|week)\s+(?:goals|objectives|outcomes)\b"
    r"|^(?:[^\W\d_]+\s+)?(?:quiz|exam|midterm|final|test|assignment|project|lab|proposal|report|essay)(?:\s+\S+)?"
    r"\s+(?:info|information|logistics|details"
    r"|rubric|criteria|checklist|requirements|instructions)$"
    r"|^(?:syllabus|course (?:info|information|outline|logistics|structure|format|policies|policy)|grading|rubric"
    r"|grading (?:scheme|breakdown|policy)|mark(?:ing|s)? (?:scheme|breakdown)|office hours|logistics"
    r"|late (?:policy|penalty|penalties|submissions?)|skills?[- ]based (?:evaluation|grading|assessment)"
    r"|how (?:the )?course (?:is )?(?:run|runs|works)"
    # "Contact information" over the course's Slack and e-mail, "Course staff" over names
    r"|contacts?|contact (?:info|information|details)|course staff|teaching (?:team|staff)"
    # what a course covers, part by part: its syllabus, not what is taught
    r"|topics covered|course topics|course content|topics at a glance|course curriculum|(?:course )?topic map"
    # "Content Overview" over the lecture's topics, "Assessment" over its coursework and deadlines
    r"|contents? overview|assessments?|coursework|deadlines|assessment (?:and|&) (?:accreditation|grading)"
    r"|what (?:you|we)(?:'ll|’ll| will) (?:learn|cover))$"
    # "Requirements for AZ-300 Exam", "Skills measured": what a certification's exam tests, objective by objective
    r"|^(?:requirements|objectives|skills(?: measured)?|topics|outline)\s+(?:for|of)\s+(?:the\s+)?(?:\S+\s+){0,4}"
    r"(?:exam|certification|midterm|final exam|quiz)$|^skills measured$"
    # "The full curriculum covers these topics:" over the list of them
    r"|^(?:the\s+)?(?:full\s+|whole\s+)?(?:curriculum|syllabus|course)\s+(?:covers|will cover|includes)\b"
    # "L7 Clicker 4", "Clicker question 2", "In-class poll": a vote in class on a slide the note does not hold
    r"|^(?:(?:l|lec|lecture|week|w)\s*\d+\s+)?(?:i?clicker|in[- ]?class poll|poll)(?:\s+(?:question|q))?(?:\s+\d+)*$",
    re.I,
)
# Questions to put to someone (`Questions for Sam`, `Questions to ask`, `To ask`): a list of
# things to ask, not knowledge. `Questions for review` / `for the exam` stay a Questions section.
_TO_ASK_SECTION = re.compile(
    r"^(?:(?:open|my|some)\s+)?(?:questions?\s+(?:to\s+ask|for\s+(?!(?:the\s+)?(?:review|revision|practice"
    r"|exams?|tests?|quiz|self|chapter|lecture|week|unit|module|lesson|discussion|reflection|study)\b))"
    r"|(?:things\s+)?to\s+ask\b)",
    re.I,
)
# Sections of other people's words: `Quotes`, `Favourite quotes`, `Quotes I liked`.
_QUOTE_SECTION = re.compile(r"^(?:(?:my )?favou?rite |best |some )?(?:quotes|quotations|sayings)\b", re.I)
# A heading's first real word: letters (or Q&A), not emoji, numbering or mojibake remnants.
_REAL_WORD = re.compile(r"^(?:q&a|[^\W\d_]{2,}[\w'\u2019&/-]*[:?!.,)]*)$", re.I)
_MOJIBAKE_MARK = re.compile("[\u0178\u20ac\u2122\u0080-\u009f\u00af\u00a4\u00b8]")
# Callouts that hold someone else's words, never a card of the reader's.
QUOTE_CALLOUTS = frozenset({"quote", "cite"})
# `> [!example]+ Trip from Princeton to Lausanne`: a worked example, its lines the example's data
EXAMPLE_CALLOUTS = frozenset({"example", "examples"})
_BARE_URL = re.compile(r"\b(?:https?|ftp)://\S+|\bwww\.\S+", re.I)
# `Source: <link>`, `Video: [title](url)`: a short label before nothing but links.
_LABEL = re.compile(r"^(?:\*\*|__)?[^\W\d_][\w' -]{0,30}?(?:\*\*|__)?\s*:(?:\*\*|__)?\s+")
# A day named as when something happens (`on **Monday**`, `ends tomorrow`): a regex fragment.
DAY = r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|today|tonight|tomorrow|yesterday)"
# A month's name, whole or cut short (`March`, `Sept.`): a regex fragment, for dates (`March 3`, `14 June`).
MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*"
# `TIL:`, `Learned:`, `**Note:**`: a lead-in to the sentence after it, which is read without it.
LEAD_IN = re.compile(
    r"^(?:\*\*|__)?(?i:til|today i learned|learned|learnt|note|nb|n\.b\.|tip|remember|fact|fun fact|key (?:idea|point)"
    r"|takeaway|insight|lesson)(?:\*\*|__)?\s*:(?:\*\*|__)?\s+(?=\S)"
)
_TEMPLATER = re.compile(r"<%.*?%>", re.S)
_DATA_URI = re.compile(r"\bdata:[\w/+.-]+;base64,", re.I)
# `Name: "said this"`, or a line of dialogue that speaks in the first person.
_SPEAKER = re.compile(r"^(?P<name>(?:[A-Z][\w.'-]*\s+){0,2}[A-Z][\w.'-]*)\s*:\s+(?P<said>\S.*)$")
_FIRST_PERSON = re.compile(r"\b(?:I|I'm|I'd|I've|I'll|me|my|we're|we'd)\b|[\u2018'\u2019]d\b")
_ATTENDEES = re.compile(r"^(?:attendees|participants|present|people|with)\s*:+\s*(?P<names>.*)$", re.I)
_ATTENDEES_LINE = re.compile(
    r"^[ \t>*+-]*(?:\*\*)?(?:attendees|participants|present|people|with)\s*:+(?:\*\*)?[ \t]*(?P<names>.*)$",
    re.I | re.M,
)
# `... Mom: "Did you eat?"` anywhere in a line: someone's words in quotation marks.
_QUOTED_SPEECH = re.compile(r"(?:^|[.!?]\s+)[A-Z][\w'-]*(?:\s[A-Z][\w'-]*){0,2}:\s*[\"\u201c]", re.M)
_NOT_SPEAKERS = frozenset({"q", "a", "question", "answer", "ans"})
_OPENING_QUOTE = "\"\u201c\u2018'\u00ab"


@lru_cache(maxsize=4096)
def heading_words(title: str) -> str:
    """A heading's words without leading emoji, numbering or punctuation, lower-cased."""
    words = title.split()
    while words and (not _REAL_WORD.match(words[0]) or _MOJIBAKE_MARK.search(words[0])):
        words.pop(0)
    return " ".join(words).lower()


# The headings whose sections make no cards: plans, quotations, things to ask, meetings, the notes' own use
_SILENT_KINDS = (_SILENT_SECTION, _QUOTE_SECTION, _TO_ASK_SECTION, _MEETING_SECTION, _ABOUT_THE_NOTES)


def silent_section(block: Block) -> bool:
    """Under a heading of plans (Goals, TODO, Action items), of things to ask, or of quotations; or a
    callout titled as a course's paperwork (`> [!goal]- Learning Objectives`: what the lecture means to
    teach, no fact)."""
    if block.kind == "callout" and course_admin(plain(str(block.meta.get("title", ""))).strip()):
        return True  # (a callout titled "Key goal" or "Properties of ..." states the subject's, read as ever)
    return _silent_titles(block.section)


@lru_cache(maxsize=4096)
def _silent_titles(section: tuple[str, ...]) -> bool:
    for title in section:
        words = heading_words(title)
        if any(p.match(words) for p in _SILENT_KINDS):
            return True
        if course_admin(title):
            return True
    return False


def course_admin(title: str) -> bool:
    """A note or a section of a course's paperwork (learning goals, what a quiz covers, a rubric) or
    of its in-class polls."""
    return bool(_COURSE_ADMIN.match(heading_words(title)))


# "The above homomorphism", "The previous method": a thing the text before gave, which no heading names
THE_ABOVE = re.compile(r"^the\s+(?:above|previous|preceding|aforementioned)\b", re.I)


# "Maze Example", "Worked example: binary search": a case a section works through, not its topic.
# "DIP Example", "Datapath example": one case worked through ("Activation function examples" lists cases)
ONE_EXAMPLE = re.compile(r"\bexample$", re.I)
# ... and "Work Through Example 1", "Worked example 2b": one of a numbered series of them
EXAMPLE_HEADING = re.compile(
    rf"^(?:worked\s+)?example\b|{ONE_EXAMPLE.pattern}|\bexercises?\b|\bexample\s*#?\d+[a-z]?$", re.I
)

# A line that is one emphasised span: a label the paragraph under it is about.
_LABEL_LINE = re.compile(r"(\*\*|__|\*|_)[^*_\n]+\1:?|<(u|b|i|em|strong)>[^<\n]+</\2>:?", re.I)


def opens_on_label(paragraph: str) -> bool:
    """Whether a paragraph's first line is a label of its own (`<u>Beam width</u>`, `**Costs**`) with
    text under it: the text speaks of that label, not of the heading above."""
    first, newline, rest = paragraph.strip().partition("\n")
    return bool(newline and rest.strip() and _LABEL_LINE.fullmatch(first.strip()))


# A list item's marker at the start of a line of card Markdown: `- `, `* `, `1. `, `2) `
LIST_MARKER = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
_TASK_BOX = re.compile(r"^\[[^\]\n]\]\s")


def is_task(block: Block) -> bool:
    """`- [ ]`, `- [x]` and the Tasks plugin's other boxes (`- [/]`, `- [-]`, `- [>]`)."""
    return block.kind == "item" and (bool(block.meta.get("task")) or bool(_TASK_BOX.match(block.text)))


# An item that stands for members still to be written: `- ...`, `- …`, `- etc.`
_ELLIPSIS_ITEM = re.compile(r"(?:\.{2,}|\u2026|etc\.?|and\s+(?:more|so\s+on)(?:\.{2,}|\u2026)?)", re.I)


def elided_item(block: Block) -> bool:
    """An item that only says the list goes on: no member of it."""
    return block.kind == "item" and not block.children and bool(_ELLIPSIS_ITEM.fullmatch(block.text.strip()))


# What may hold a link, innermost first. Code spans, inline HTML, math and escapes bind tighter
# than a link's brackets (`[a `]` b](u)` is one link): a text with any of them is left to the parser.
_BRACKETED = re.compile(r"\[[^\[\]]*\]|\([^()]*\)")
_BINDS_TIGHTER = re.compile(r"[\\`<$]")
# A word next to a bracket may belong to a URL that runs into it; tags and entities are no words.
_UNSURE = re.compile(r"[\x01#&]|://|www\.")
_LETTER = re.compile(r"[^\W_]")


_MAX_NESTING = 16


def _words_outside_links(markdown: str) -> bool:
    """Whether the text surely has words outside links, without parsing it: most lines with a
    link say something around it, and the inline parse is the dearest step of a note. Sure
    means a word with white space around it once every bracketed span is taken away, in no URL."""
    if _BINDS_TIGHTER.search(markdown):
        return False
    for _ in range(_MAX_NESTING):  # a pass for each level of nesting: bounded, so linear in the text
        shorter = _BRACKETED.sub("\x01", markdown)
        if shorter == markdown:
            break
        markdown = shorter
    else:
        return False  # brackets nested deeper than anyone writes: not sure, the parser will tell
    return any(_LETTER.search(chunk) and not _UNSURE.search(chunk) for chunk in markdown.split())


@lru_cache(maxsize=4096)
def only_links(markdown: str) -> bool:
    """True when the text is nothing but links, embeds and images (with punctuation or tags around)."""
    if "[" not in markdown and "<" not in markdown and "://" not in markdown:
        return False
    return not _words_outside_links(markdown) and _only_links_parsed(markdown)


def _only_links_parsed(markdown: str) -> bool:
    """`only_links` as the parser reads the text."""
    depth = 0
    seen = False
    for token in inline_tokens(markdown):
        kind = token.type
        if kind == "link_open":
            depth += 1
            seen = True
        elif kind == "link_close":
            depth -= 1
        elif kind in ("wikilink", "embed", "image"):
            seen = True
        elif kind == "text" and depth == 0:
            words = _BARE_URL.sub("", token.content)
            if re.search(r"\w", words):
                return False
            seen = seen or words != token.content
        elif kind in ("code_inline", "math_inline", "math_inline_double") and depth == 0:
            return False
    return seen


def speaker_line(text: str) -> bool:
    """`Louise: If I could ...` or `Kim: "quoted words"`: a line of dialogue, not a definition."""
    match = _SPEAKER.match(_unbold_label(text))
    if not match or _label_name(match.group("name")) in _NOT_SPEAKERS:
        return False
    said = match.group("said").rstrip()
    return said[0] in _OPENING_QUOTE or said.endswith("?") or bool(_FIRST_PERSON.search(said))


def _label_name(name: str) -> str:
    """`Q1` -> `q`: a numbered label's word."""
    return name.lower().rstrip("0123456789. ")


def _unbold_label(text: str) -> str:
    return re.sub(r"^(\*\*|__)([^*_]+?)(:?)\1", r"\2\3", text.strip())


def _speaker_turn(text: str) -> bool:
    match = _SPEAKER.match(_unbold_label(text))
    return bool(match) and _label_name(match.group("name")) not in _NOT_SPEAKERS


def dialogue(text: str, speakers: frozenset[str] = frozenset()) -> bool:
    """Lines of `Name: words`, at least one of them plainly speech or said by a known speaker."""
    if ":" not in text:
        return False
    lines = [line for line in text.split("\n") if line.strip()]
    if not lines or not all(_speaker_turn(line) for line in lines):
        return False
    return any(speaker_line(line) or _speaker_name(line) in speakers for line in lines)


def _speaker_name(line: str) -> str:
    match = _SPEAKER.match(_unbold_label(line))
    return match.group("name").casefold() if match else ""


def speakers_of(note: Note) -> frozenset[str]:
    """Who takes part in a meeting note: the names of its `Attendees:` (or Participants, Present)
    line or front matter key, each name and its first word, case-folded."""
    found: list[str] = []
    for key, value in note.front_matter.items():
        if _ATTENDEES.match(f"{key}:"):
            found.extend(value if isinstance(value, list) else str(value).split(","))
    for match in _ATTENDEES_LINE.finditer("\n".join(note.source_lines)):
        found.extend(match.group("names").replace("**", "").split(","))
    names: set[str] = set()
    for raw in found:
        name = re.sub(r"\[\[([^\]|]*\|)?|\]\]|[@#*_]", "", str(raw)).strip().casefold()
        if name:
            names.update({name, name.split()[0]})
    return frozenset(names)


def machinery(text: str) -> bool:
    """Templater commands and inline `data:` URIs: plugin machinery, never card text."""
    return bool(_TEMPLATER.search(text) or _DATA_URI.search(text))


def never_card(block: Block, speakers: frozenset[str] = frozenset()) -> bool:
    """A paragraph or item that is no knowledge of its own: only links or embeds, a templater
    command, an inline data: URI, or a line of dialogue."""
    text = block.text
    if not text.strip():
        return False
    if machinery(text):
        return True
    if only_links(text) or all(only_links(_LABEL.sub("", line, count=1)) for line in text.split("\n") if line.strip()):
        return True
    return block.kind in ("paragraph", "item") and (dialogue(text, speakers) or bool(_QUOTED_SPEECH.search(text)))


def prose_blocks(note: Note, quotes: bool = False, callouts: bool = False) -> Iterator[Block]:
    """Paragraphs and list items a card may come from, in document order.

    Never: code, HTML, tasks, silent sections, link-only or embed-only lines, templater commands,
    dialogue; `[!quote]` callouts never, nor an `[!example]` callout's own lines (a worked example).
    Plain quotes and other callouts when `quotes` is asked for; with `callouts` only the callouts
    (`[!note]`, `[!tip]`: the reader's own words).
    """
    return prose_of(note, quotes, callouts, speakers_of(note), {})


def prose_of(
    note: Note, quotes: bool, callouts: bool, speakers: frozenset[str], never: dict[int, bool]
) -> Iterator[Block]:
    """`prose_blocks` with the note's speakers and a memo of `never_card` by block identity, both
    from the caller (a NoteView, whose three kinds of prose classify the same blocks)."""

    def visit(blocks: tuple[Block, ...]) -> Iterator[Block]:
        for block in blocks:
            if block.kind in ("code", "html", "math", "table", "hr") or is_task(block) or silent_section(block):
                continue
            if block.kind in ("quote", "callout"):
                wanted = quotes or (callouts and block.kind == "callout")
                if wanted and block.meta.get("type") in EXAMPLE_CALLOUTS:
                    # a worked example's own lines are its data; a callout nested in it is the note's again
                    yield from visit(tuple(child for child in block.children if child.kind == "callout"))
                elif wanted and block.meta.get("type") not in QUOTE_CALLOUTS:
                    yield from visit(block.children)
                continue
            if block.kind in ("paragraph", "item"):
                skip = never.get(id(block))
                if skip is None:
                    skip = never[id(block)] = never_card(block, speakers)
                if not skip:
                    yield block
            yield from visit(block.children)

    yield from visit(note.blocks)


# Logseq writes a block's properties on the lines under it: `id:: 65a1...`, `card-repeats:: 2`.
_PROPERTY_LINE = re.compile(r"^[ \t]*[a-z][a-z0-9]*(?:-[a-z0-9]+)*::[ \t]*\S*[ \t]*$|^[ \t]*(?:card|id)[\w-]*::.*$")


def is_property_line(text: str) -> bool:
    return bool(_PROPERTY_LINE.match(text))


def without_properties(text: str) -> str:
    """An item's text without the Logseq property lines under its first line."""
    if "::" not in text:
        return text
    first, _, rest = text.partition("\n")
    return "\n".join([first, *(line for line in rest.split("\n") if not _PROPERTY_LINE.match(line))]).rstrip("\n")


# An HTML block a card can show as Markdown: lists (nested too) and quotations, as a glossary
# written as web pages has them ("A metric that answers the following question:" / `<blockquote>`)
_HTML_MARKS = frozen_map({"em": "*", "i": "*", "strong": "**", "b": "**", "code": "`"})
_HTML_PLAIN = frozenset({"a", "span", "p", "br", "sup", "sub", "div"})


class _HtmlMarkdown(HTMLParser):
    """Card Markdown lines of an HTML fragment made of lists, quotations and inline marks; `ok` is
    False when the fragment holds anything else (a table, an image, a script)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.lists: list[str] = []
        self.line: list[str] | None = None
        self.ok = True

    def close(self) -> None:
        super().close()
        self._flush()

    def _flush(self) -> None:
        if self.line is not None:
            text = card_markdown(" ".join("".join(self.line[1:]).split()))
            if text:
                self.lines.append(f"{self.line[0]}{text}")
        self.line = None

    def _open(self, lead: str) -> None:
        self._flush()
        self.line = [lead]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("ul", "ol"):
            self._flush()
            self.lists.append(tag)
        elif tag == "li" and self.lists:
            depth = len(self.lists) - 1
            self._open(f"{'   ' * depth}{'1.' if self.lists[-1] == 'ol' else '-'} ")
        elif tag == "blockquote" and not self.lists:
            self._open("> ")
        elif tag in _HTML_MARKS:
            self.handle_data(_HTML_MARKS[tag])
        elif tag not in _HTML_PLAIN:
            self.ok = False

    def handle_endtag(self, tag: str) -> None:
        if tag in ("ul", "ol") and self.lists:
            self._flush()
            self.lists.pop()
        elif tag in ("li", "blockquote"):
            self._flush()
        elif tag in _HTML_MARKS:
            self.handle_data(_HTML_MARKS[tag])

    def handle_data(self, data: str) -> None:
        if self.line is None:
            if not data.strip():
                return
            # an item's words after its nested list, or words outside any list
            self.line = ["   " * len(self.lists) if self.lists else ""]
        self.line.append(data)


def html_markdown(text: str) -> list[str]:
    """An HTML list or quotation as card Markdown lines; none for any other HTML."""
    parser = _HtmlMarkdown()
    parser.feed(text)
    parser.close()
    return parser.lines if parser.ok and not parser.lists else []


def block_markdown(block: Block, indent: str = "") -> list[str]:
    """A block and what is nested in it as card Markdown lines: items as `- text`, nested deeper;
    code fenced, tables as Markdown tables, a heading as a bold line."""
    lines: list[str] = []
    if block.kind in ("html", "hr") or is_task(block) or machinery(block.text):
        return lines
    if block.kind == "math":
        return [f"{indent}$${block.text.strip()}$$"]
    if block.kind == "code":
        fence = "~~~" if "```" in block.text else "```"
        body = [f"{indent}{line}" for line in block.text.rstrip("\n").split("\n")]
        return [f"{indent}{fence}{block.meta.get('info', '')}", *body, f"{indent}{fence}"]
    if block.kind == "table":
        return [f"{indent}{row}" for row in _table_markdown(block)]
    if block.kind == "heading":
        return [f"{indent}**{card_markdown(block.text)}**"]
    raw = without_properties(block.text) if block.kind == "item" else block.text
    text = card_markdown(raw) if raw else ""
    inner = indent
    if block.kind == "item":
        if text:
            marker = block.meta.get("marker", "-")
            bullet = f"{block.meta.get('info', '')}{marker}" if marker in (".", ")") else "-"
            lines.append(f"{indent}{bullet} {text}")
        inner = indent + "  "
    elif text:
        lines.extend(f"{indent}{line}" for line in text.split("\n"))
    for child in block.children:
        lines.extend(block_markdown(child, inner))
    return lines


def _table_markdown(block: Block) -> list[str]:
    header = [card_markdown(cell) for cell in block.meta.get("header", ())]
    if not header:
        return []
    rows = [f"| {' | '.join(header)} |", f"|{' --- |' * len(header)}"]
    rows.extend(f"| {' | '.join(card_markdown(cell) for cell in cells)} |" for _, cells in block.meta.get("rows", ()))
    return rows


def block_lines(block: Block) -> tuple[int, ...]:
    """Every line on disk a block and its nested blocks start on or cover with their text."""
    out: list[int] = []
    for b in block.walk():
        out.extend(line for line, _ in b.lines())
        out.extend(line for line, _ in b.meta.get("rows", ()))
    return tuple(dict.fromkeys(out))


# A line that opens with a label: `Term: meaning`, `Term - meaning` (what the definition rules read).
# "There are multiple ways to make a dataset.", "The codebase has 3 main sections.": a sentence
# that only says a list follows, and how long it is.
# "Some notes on the Snowflake dialect": what the notes below are, not what the thing is.
# What a note or section is about, not what its subject is: "Some notes on X", "Everything Czech".
_SOME_NOTES = (
    r"^(?:just\s+|here\s+are\s+)?(?:some\s+|a\s+few\s+|a\s+couple\s+(?:of\s+)?)?"
    r"(?:(?:random|quick|misc|miscellaneous|loose|rough)\s+)?notes?\s+"
)
# "Just a few notes on the differences between hardlinks and softlinks": what the note is
# ... and "A summary of how AlphaGo works", "A quick overview of what X does": what the lines below hold
NOTES_REMARK = re.compile(
    _SOME_NOTES + r"(?:on|about)\b"
    r"|^(?:an?\s+)?(?:(?:short|brief|quick|rough)\s+)?(?:summary|overview|recap|rundown)\s+of\s+(?:how|what|why)\b",
    re.I,
)
NOTES_ON = re.compile(
    _SOME_NOTES + r"(?:on|about|(?:made|taken|written)\s+(?:using|from|with|while|during))\b"
    # "A collection of materials on job searching", "A dump of links": a shelf, not a meaning
    r"|^(?:an?\s+)?(?:collection|dump|bunch|pile|heap)\s+of\s+(?:[\w-]+\s+){0,2}?(?:materials?|links?|notes?"
    r"|resources?|papers?|articles?|bookmarks?|things|stuff)\b"
    # "A hub for everything hardware-related", "A reminder on possible tasks on graphs"
    r"|^(?:an?\s+)?(?:hub|index|reminder|map|landing page)\s+(?:for|of|on|about|to)\b"
    r"|^(?:everything|all)\s+(?:about|related\s+to|to\s+do\s+with)\b"
    r"|^everything\s+(?!.*\b(?:is|are|was|were|has|have|can|must|should|will)\b)[\w&,' -]{1,40}\.?$"
    # "Having covered the basics, these notes describe the syntax": what the notes do, not what the thing is
    r"|^having\s+(?:covered|seen|discussed|looked\s+at|introduced)\b"
    r"|^.{0,80}?\b(?:these|this|my)\s+(?:notes?|post|blog\s+post|write-?up)\s+(?:describes?|covers?|discuss(?:es)?"
    r"|summari[sz]es?|explains?|looks?\s+at|(?:is|are|was|were)\s+(?:mainly\s+|mostly\s+)?(?:based\s+on|from|not\s+in))\b",
    re.I,
)
# The parts a sentence can count without naming them: "has three components", "consists of two steps".
COUNTED_PARTS = (
    r"(?:ways|sections|parts|components|steps|stages|types|kinds|methods|options|categories|pieces|phases"
    r"|elements|approaches|reasons|things|functions|commands|tools|operations|features|modes|techniques|strategies"
    r"|algorithms)"
)
# What an answer should hold, asked of the student after a question: "Give examples.", "Explain the
# role of the beam width.", "... and describe the types of joins."
ASKS_FOR_MORE = (
    r"(?:and\s+)?(?:give|provide|explain|describe|discuss|illustrate|justify|outline|elaborate|summari[sz]e)\b"
)
# The counts a note writes out in words, "two" to "ten", and the same as a regular expression
COUNT_WORDS = ("two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
COUNT_WORD = "(?:" + "|".join(COUNT_WORDS) + ")"
# A thing said to have a counted set, none of which is named: "a DFSA with 2 added features"
NAMES_COUNTED_SET = re.compile(rf"\bwith\s+(?:\d+|{COUNT_WORD})\s+(?:\w+\s+)?{COUNTED_PARTS}\s*\.?$", re.I)
ANNOUNCES_LIST = re.compile(
    r"^(?:.{0,60}?\bthere\s+(?:are|is)\s+|.{0,60}?\b(?:has|have|consists?\s+of|comprises?|is\s+made\s+up\s+of)\s+)"
    r"(?:\d+|two|three|four|five|six|several|multiple|many|various|different|a\s+few|a\s+number\s+of|lots\s+of)\s+"
    # ("two modes of ESP; Transport and Tunnel", "three parts of the neuron: cell body, ..." name them)
    rf"(?:\w+\s+)?{COUNTED_PARTS}\b[^.;:]{{0,80}}[.;:]?$"
    # "NGINX provides several directives for handling cache bypass.": a set named, none of it said
    # ("a variety of" too; not said in a clause, "to provide", "companies that provide", which does something)
    r"|^(?!to\s|an?\s).{0,60}?(?<!\bto\s)(?<!\bthat\s)(?<!\bwhich\s)(?<!\bwho\s)\b(?:provides?|offers?|supports?)\s+"
    r"(?:several|various|a\s+few|a\s+number\s+of|a\s+(?:wide\s+)?(?:variety|range)\s+of)"
    r"\s+(?:[\w-]+\s+){0,2}?[a-z]+s\b(?:(?!\b(?:but|like|such\s+as|including)\b)[^.]){0,80}\.?$"  # (", but ..." names)
    # "There are some errors that Java can detect.", "There are many functions in stdio.h for ...": whatever
    # the things are called, none is said ("There are many more cells than ..." compares; it says something)
    r"|^(?:[^\W\d_][^,.]{0,40},\s*)?there\s+(?:are|is)\s+(?:some|several|multiple|many|various|a\s+few|a\s+number\s+of"
    r"|lots\s+of)\s+(?:[\w-]+\s+){0,2}?[a-z]+s\b(?:(?!\b(?:than|but|because|like|such\s+as|including)\b)[^.;:\"]){0,90}\.?$",
    re.I,
)
LABELLED_LINE = re.compile(r"^[^:\n]{1,60}?(?::\s|\s[-\u2013\u2014]\s)")
# `**Event marker:** points along ...`: a line that opens on a bold label, an entry of its own even
# when the line above it runs on without a full stop
BOLD_LABEL = re.compile(r"(?:\*\*|__)[^*_\n]{1,60}?(?::(?:\*\*|__)|(?:\*\*|__):)\s")
# A bold run-in label, the meaning after it as a sentence of its own: `**Constant folding.** Evaluate
# constant expressions at compile time.`, `**Deterministic bound** The error is at most ε.` (not
# `**ReLU** (Rectified Linear Unit) applies ...`, whose sentence goes on)
# `**How do we train it?** We use ...` asks, and a bold sentence of seven words or more says; neither is a label.
RUN_IN = re.compile(
    r"^(?P<label>(?:\*\*|__)(?P<term>(?:[^\s*_:?]+[ \t]+){0,5}[^\s*_:?]*[^\s*_:?.])\.?(?:\*\*|__))\.?[ \t]+"
    r"(?=[A-Z0-9`$\"\u201c])"
)


def make_card(
    kind: Kind,
    front: str,
    back: str,
    note: Note,
    block: Block,
    rule: str,
    line: int | None = None,
    **extra: object,
) -> Card:
    return Card(
        kind=kind,
        front=front,
        back=back,
        sources=(Source(note.path, line if line is not None else block.line),),
        tags=block.tags,
        rule=rule,
        **extra,  # type: ignore[arg-type]
    )


# A section that sums up a note: its items are what the note says, each a sentence of its own
_SUMS_UP = re.compile(
    r"^(?:the\s+|my\s+)?(?:(?:key|main|important)\s+)?(?:takeaways|points|ideas|summary|lessons(?:\s+learned)?|highlights"
    r"|overview|conclusions|findings)\b",
    re.I,
)
_MAX_SUMMED_WORDS = 14


def sums_up_prose(head: str, items: list[Block]) -> bool:
    """ "Key takeaways" over five long sentences: the note said in short, not a set a student can
    recall as one answer. Its items are left to the rules that read sentences."""
    if not _SUMS_UP.match(head.strip()):
        return False
    words = [len(plain(item.text).split()) for item in items]
    return bool(words) and sum(words) / len(words) > _MAX_SUMMED_WORDS


# A folder of minutes or of days: its notes say what happened, not what a subject is.
JOURNAL_FOLDER = re.compile(
    r"^(?:journals?|daily|daily notes|diary|diaries|meetings?|minutes|logs?|periodic notes)$", re.I
)
