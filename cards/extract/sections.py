"""Sections: a heading that names a topic and a paragraph under it that says something about that
topic, or a short list right under it that says what the topic is and does. The heading, with the
subject it sits under, is the prompt; the opening sentences that speak of the heading's topic (or
the list) are the answer.

    # Saving models            ->  basic  "Saving models: TensorFlow"
    ## TensorFlow                          /  "TensorFlow uses the SavedModel format."
    TensorFlow uses the SavedModel format. It used to use h5.

A paragraph that does not name the heading's topic in its first two sentences (`## Connection to
neuroscience` / "Throughout the history of psychology ...") is a story about it, not a fact to learn.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import pairwise

from ..model import Block, Card, Kind, Note
from ..obsidian import SHOWN_ONLY_SUFFIXES
from ..text import card_markdown, plain, plain_math, sentences
from ._common import (
    ANNOUNCES_LIST,
    ASKS_FOR_MORE,
    EXAMPLE_HEADING,
    LABELLED_LINE,
    LIST_MARKER,
    NOTES_ON,
    block_markdown,
    elided_item,
    is_task,
    make_card,
    only_links,
    opens_on_label,
    silent_section,
    sums_up_prose,
)
from ._context import (
    LETTERED,
    applied_label,
    cost_label,
    generic_label,
    note_title,
    reading_list,
    relation_label,
    subject_of,
    unnumbered,
    use_label,
)
from ._terms import FIRST_PERSON, code_like, recipe_section
from ._view import NoteView

# Words of a heading that name no topic of their own: "Issues with the IOU" is about the IOU.
_EMPTY_WORDS = frozenset(
    "a an the of for to in on at by with and or vs versus from into about how what why when where which who "
    "is are do does use uses using used case cases issue issues problem problems note notes more other some "
    "part section intro introduction overview summary example examples basics general misc miscellaneous".split()
)
_WORD = re.compile(r"[^\W\d_][\w'-]*")
_POINTS_AT_HEADING = re.compile(
    r"^(?:this|these)\s+(?:\w+\s+)?(?:type|types|kind|kinds|form|forms|sort|variant|method|technique|approach"
    r"|algorithm|layer|function|model|step|stage|phase|pattern|strategy)\s+(?:of\s+\S+(?:\s+\S+)?\s+)?\w+",
    re.I,
)
_SEEN = 2  # sentences of the paragraph in which the topic must be named
# A sentence that explains the name, not the thing: "... takes place during testing, hence the name."
_THE_NAME = re.compile(
    r"\b(?:hence|thus|therefore)\s+(?:the|its)\s+name\b|\bas\s+(?:the|its)\s+name\s+suggests\b", re.I
)
_SHORT = 9  # words: a first sentence this short takes the next one along
_MAX_ANSWER = 360
_WE = re.compile(r"(?<![\w'’])(?:we|our|us|let's|let’s)(?![\w'’])", re.I)
# "Kuncel, N. R., & Hezlett, S. A. (2010). Fact and fiction ...": a reference, not a statement.
_CITATION = re.compile(
    r"^[A-Z][\w'-]+,\s+(?:[A-Z]\.\s*)+|\(\d{4}[a-z]?\)\.|\b(?:journal|proceedings|et al)\b|arxiv|\bdoi\b", re.I
)
# What the answer leans on or how the author feels: "write this thing below", "as described
# above", a link, "They link ..." (the paper's authors), "is a bit tricky", "a nice review".
_NOT_A_FACT = re.compile(
    # a pointer at text elsewhere ("as shown below", "the above theorem"); not "sampled below twice its highest
    # frequency", "above 100 ms" or "C99 and above", where the word is a measure, the fact's own
    r"\b(?<!\band\s)(?:below|above)\b(?!\s+(?:\d|twice|half|zero|(?:a|the)\s+threshold))"
    r"|\b(?:the following|this thing|here)\b|https?://|^(?:they|he|she|the authors?)\b"
    r"|\b(?:nice|tricky|cool|weird|confusing|annoying|awesome|amazing|fun|boring|unclear|not (?:quite |very )?clear"
    r"|i think|imho|probably|maybe|perhaps|(?:a|very|really|quite) (?:good|bad|great)|for some reason|feels like"
    r"|kind of|sort of|really|tbc|tbd|todo)\b|^see\b|^\("
    # "Let LLCS be the length of ...", "Consider the strings ...": a worked case set up, no fact yet
    r"|^(?:let\s+\S+(?:\s+\S+)?\s+be|consider|suppose|assume|say\s+(?:this|that|we|the|a|an))\b"
    # "As consequences of the properties of Nth roots of unity…": a lead-in that trails off
    r"|(?<=\w)(?:\u2026|\.\.\.)$"
    r"|\b(?:is|are)\s+(?:very\s+|quite\s+|pretty\s+)?(?:simple|easy|straightforward|hard"
    r"|difficult)\.?$",
    re.I,
)
# A sentence that goes on from the one before it: "However, ...", "Hence the need for ...", "This suggests ..."
# ("Thus, one reading of VAEs is ..." and "Then the traffic intensity is La/R" still say something)
_ENDS_POINTING = re.compile(r"\b(?:this|these|those|them|it)\W*$", re.I)
_GOES_ON = re.compile(
    r"^(?:however|but|hence|therefore|so\s+far|naturally"
    r"|this\s+(?:suggests|means|shows|implies|led|leads|will|would|should|includes))\b",
    re.I,
)
# A later sentence that gives the one before it its name: "This is called thrashing.", "This is known as ..."
_NAMES_THE_ONE_BEFORE = re.compile(
    r"^(?:this|that|it)\s+(?:is|was)\s+(?:\w+\s+)?(?:called|known\s+as|referred\s+to\s+as|termed|named)\b", re.I
)
# A later sentence whose subject is the one before it: "This causes ...", "That makes ..." (not "This bias")
_THIS_DOES = re.compile(r"^(?:this|that)\s+(?:is|was|can|will|has|[^\W\d_]+(?<![su]s)(?<![ai]s)s)\b", re.I)
# A later sentence that names its subject by the one before it: "These principles ...", "Together, these ..."
_LEANS_BACK = re.compile(r"^(?:[^\W\d_]+,\s+)?(?:these|those|such)\s+(?P<noun>[^\W\d_]{3,}(?:\s+[^\W\d_]+)?)", re.I)
_RANKED = re.compile(
    r"\b(?:is|are)\s+(?:one\s+of\s+the|among\s+the)\s+(?:most|best|least)\b"
    # "This is the most critical practical use of views.": where it ranks, not what it is
    r"|^(?:this|it|that)\s+is\s+(?:probably\s+|arguably\s+|perhaps\s+)?the\s+(?:single\s+)?(?:most|least|best|worst)\b",
    re.I,
)
_HEADING_NOT_TOPIC = re.compile(
    r"^(?:\d+[.)]|step\b|part\b|phase\b|stage\b|chapter\b|lecture\b|week\b|day\b|example\b|exercise\b|problem\s+\d"
    r"|todo\b|to-?do\b|questions?\b|answers?\b|solution\b|references?\b|sources?\b|further\b|see also\b"
    r"|objectives?\b|goals?\b|agenda\b|outline\b|contents\b|tables? of contents?\b|toc\b)",
    re.I,
)


# The things a heading compares, after the label it may open on
_COMPARED = re.compile(r"[^:]*\s(?:vs\.?|versus)\s[^:]*$", re.I)


def _topic_words(heading: str) -> list[str]:
    return [w for w in _WORD.findall(heading.lower()) if w not in _EMPTY_WORDS and len(w) >= 3]


def _names(sentence: str, words: list[str]) -> bool:
    """The sentence names one of the topic's words (or a form of it: "recursive" / "recursively"),
    or opens by pointing at the heading ("This type of algorithm finds ...")."""
    if _POINTS_AT_HEADING.match(sentence):
        return True
    low = sentence.lower()
    return any(_opens_a_word(low, w[:5] if len(w) > 5 else w) for w in words)


def _opens_a_word(text: str, part: str) -> bool:
    """`part` somewhere in `text` after no word character (as `(?<!\\w)part` finds it, no pattern built per word)."""
    at = text.find(part)
    while at > 0 and (text[at - 1].isalnum() or text[at - 1] == "_"):
        at = text.find(part, at + 1)
    return at >= 0


def _subject(note: Note, heading: Block) -> str:
    """The innermost heading above this one that is no generic label, or the note's title; nothing
    when that only places the note in a course ("Lecture 22")."""
    title = note_title(note)
    return subject_of((title, *(plain(t).strip() for t in heading.section[:-1])))


def _prompt(subject: str, topic: str) -> str:
    """`Saving models: TensorFlow`; a heading that already names its subject stands alone (the words of
    "Comparison to other trees" name the other thing, not the subject: "AVL trees: comparison to ...")."""
    subject = subject.rstrip(":").strip()
    if subject and relation_label(topic):
        return f"{subject}: {topic[:1].lower() + topic[1:] if topic[1:2].islower() else topic}"
    said = set(_topic_words(topic))
    initials = "".join(w[0] for w in _WORD.findall(subject.lower()))  # "IoU" names "Intersection over union"
    if not subject or set(_topic_words(subject)) & said or (len(initials) >= 2 and initials in said):
        return topic
    return f"{subject}: {topic}"


def _stated(sentence: str) -> bool:
    """A sentence a student can learn: no author's doings, question, lead-in, cheer, reference or opinion."""
    if FIRST_PERSON.search(sentence) or _WE.search(sentence) or sentence.endswith(("?", ":")) or "!" in sentence:
        return False
    if ANNOUNCES_LIST.match(sentence) or NOTES_ON.match(sentence) or _RANKED.search(sentence):
        return False  # "There are multiple ways to ...", "X is one of the most interesting forms of ..."
    return not (_CITATION.search(sentence) or _NOT_A_FACT.search(sentence))


# A heading that names a thing's faults or merits ("Issues with the IOU", "Limitations"): what
# follows weighs it in several sentences, each one a part of the answer.
_WEIGHED = re.compile(
    r"^(?:(?:the|main|key|some|common|known|major)\s+)*(?:issues|problems|limitations|drawbacks|disadvantages|downsides"
    r"|weaknesses|pitfalls|risks|challenges|caveats|advantages|benefits|strengths|pros|cons)\b"
    # ... and one that asks why ("Why Writes Are Expensive"): its reasons follow the first sentence
    r"|^why\s",
    re.I,
)
_MAX_WEIGHED = 480


def _answer(text: str, words: list[str], weighed: bool = False) -> str:
    """The first of the opening sentences that names the topic and states a fact, with the next
    one when it is short ("Deployment framework for TensorFlow. Only good for TensorFlow models.").
    Under a heading of faults or merits, the stated sentences after it too: each is one of them."""
    spans = sentences(text)
    if _CITATION.search(text):
        return ""  # a reference, whichever of its sentences names the topic
    for i, (start, end) in enumerate(spans[:_SEEN]):
        said = text[start:end].strip()
        if not _names(plain(said), words):
            continue
        if i and (
            _NAMES_THE_ONE_BEFORE.match(plain(said))
            or (_THIS_DOES.match(plain(said)) and not _GOES_ON.match(plain(said)))
        ):
            # "This is referred to as `cudaMalloc` retry.": the topic is the sentence before, named here
            said = f"{text[spans[i - 1][0] : spans[i - 1][1]].strip()} {said}"
        leans = _LEANS_BACK.match(plain(said)) if i else None
        if leans and not _names(leans["noun"], words):
            # "Together, these principles form the constitution.": which principles, the sentence before says
            # ("These blocks ..." under "Asymmetric blocks" are the heading's)
            return ""
        if not _stated(plain(said)) or _GOES_ON.match(plain(said)):
            # the topic's first mention is an opinion or a story: the paragraph is one; or it goes on from
            # the text before it ("However, knowing how jumps are encoded will matter ..."), which says more
            return ""
        if (len(said.split()) < _SHORT or _THE_NAME.search(plain(said))) and i + 1 < len(spans):
            more = text[spans[i + 1][0] : spans[i + 1][1]].strip()
            if _stated(plain(more)):
                said = f"{said} {more}"
        if len(said.split()) < _SHORT and _ENDS_POINTING.search(plain(said)):
            return ""  # "It's also possible to combine these.": what "these" are is the text before
        for more_start, more_end in spans[i + 1 :] if weighed else ():
            more = text[more_start:more_end].strip()
            if not _stated(plain(more)) or more in said or len(plain(said)) + len(plain(more)) >= _MAX_WEIGHED:
                break  # "How much it slows training I have yet to see.": the author's, not a fault
            said = f"{said} {more}"
        size = len(plain(said))
        return said if size <= (_MAX_WEIGHED if weighed else _MAX_ANSWER) and len(said.split()) >= 6 else ""
    return ""


_EMBED_ONLY = re.compile(r"(?:!\[\[[^\]\n]+\]\]\s*)+")
_SHOWN_ONLY = re.compile(
    r"!\[\[[^\]\n|]+(?:" + "|".join(re.escape(suffix) for suffix in SHOWN_ONLY_SUFFIXES) + r")(?:\|[^\]\n]*)?\]\]",
    re.I,
)
_NUMBER = re.compile(r"^\d+[.)]\s+(?=\S)")


def _numbered_topic(topic: str, text: str) -> str:
    """`## 2. Test-time augmentation` over "This form of augmentation ...": one of a numbered series of
    kinds, named by what follows its number. A numbered step (`## 2. Install the server`) stays a step."""
    number = _NUMBER.match(topic)
    if number is None or not _POINTS_AT_HEADING.match(text.strip()) or _ORDER.match(topic[number.end() :]):
        return topic
    return topic[number.end() :]


def _names_no_topic(topic: str) -> bool:
    """A heading that asks, runs long, numbers a step or a week, or works an example through."""
    return (
        not topic
        or topic.endswith("?")
        or len(topic.split()) > 6
        or _HEADING_NOT_TOPIC.match(topic) is not None
        or EXAMPLE_HEADING.search(topic) is not None
    )


def section_statement(view: NoteView) -> Iterator[Card]:
    """A heading that names a topic and the paragraph right under it that speaks of that topic."""
    note = view.note
    for heading, block in pairwise(note.blocks):
        # a note's opening top heading is its title; a later one is a section like any other
        if heading.kind != "heading" or block.kind != "paragraph":
            continue
        topic = plain(heading.text).strip().removesuffix(":").rstrip()  # "### Association:" names a topic too
        if heading.depth == 1 and heading is note.blocks[0] and not _STATEMENT.match(topic):
            continue  # (but "# Theorem 1.3 (Subspace criterion)" over its statement asks for it)
        topic = _numbered_topic(re.sub(rf"^{LETTERED}\s+", "", topic), plain(block.text))  # "B. Min filter" is one
        if _names_no_topic(topic):
            continue
        # "Time Complexity", "Practical Applications" and "Comparison to other trees" name aspects, but the
        # paragraph under each states that cost of the subject above, what it is put to, or how it compares
        stated = cost_label(topic) or applied_label(topic) or relation_label(topic)
        if (generic_label(topic) and not stated) or silent_section(block) or _NOT_A_FACT.search(topic):
            continue
        words = _topic_words(topic)
        compared = _COMPARED.search(topic)
        if compared:
            # "Variable declaration: val vs. var": the sentence compares the two, or names one of them
            words = [w for w in _topic_words(compared.group()) if w != "versus"] or words
        if not words:
            continue
        if _EMBED_ONLY.fullmatch(block.text.strip()):
            continue  # `![[Other note#^block]]`: another note's text shown here, said there
        if all(only_links(line) for line in block.text.splitlines() if line.strip()):
            continue  # `## Generalization` / `[Understanding deep learning ...](./2016/...)`: an index of notes
        if block.text.split("\n", 1)[0].rstrip().endswith(":") and "\n" in block.text.strip():
            continue  # "Parameters:" over its entries' lines: the entries are the cards
        if opens_on_label(block.text):
            continue  # "<u>Beam width</u>" over its text: a part of the topic, named by its label
        if _SIDE_NOTE.match(plain(block.text)):
            continue  # "NOTE: this will be looked at next term.": a remark beside the topic, not what it is
        # a formula or a name in code keeps its marks, so it still renders ("If $\sum |a_n|$ converges, ...")
        shown = card_markdown(block.text) if ("$" in block.text or "`" in block.text) else plain(block.text)
        stated = _STATEMENT.match(topic) is not None
        if stated and len(shown) <= _STATEMENT_CHARS:
            answer = shown.strip()  # "Theorem 1.3 (Subspace criterion)": its statement whole, its "Let ..." too
        else:
            answer = _answer(shown, words, weighed=bool(_WEIGHED.match(topic)))
        if answer:
            # a named result names itself; another topic is asked with the subject above it
            front = (
                _shown(heading, topic, block)
                if stated
                else _prompt(_subject(note, heading), _shown(heading, topic, block))
            )
            yield make_card(Kind.BASIC, front, answer, note, block, "section-statement")


def _shown(heading: Block, topic: str, block: Block) -> str:
    """The topic as a prompt shows it: a formula in the heading stays one (`### Regularity of $\\beta$`);
    the topic was judged as plain text."""
    if "$" not in heading.text:
        return topic
    return _numbered_topic(plain_math(heading.text).strip().removesuffix(":").rstrip(), plain(block.text))


# A heading that names a stated result or definition: "Definition 5.5 (Transition functions)", "Theorem (Franklin)"
_STATEMENT = re.compile(
    r"^(?:definition|theorem|lemma|proposition|corollary|axiom|claim)(?:\s+\d+(?:\.\d+)*[a-z]?)?\s*\([^()]+\)$", re.I
)
_STATEMENT_CHARS = 1200
_SIDE_NOTE = re.compile(r"^\W*(?:note|nb|n\.b\.|p\.?s\.?|aside|side note)\s*(?:[:\u2013\u2014\u2192-]|->)", re.I)
_LIST_ITEMS = (2, 8)
_LIST_CHARS = 900


def _topic(heading: Block) -> str:
    """The heading's words when it names a topic a card can ask about, else empty."""
    topic = plain(heading.text).strip().removesuffix(":").rstrip()
    shown = plain_math(heading.text).strip().removesuffix(":").rstrip()  # a heading's formula stays one
    if cost_label(topic) or use_label(topic) or relation_label(topic):
        # "Space Complexity", "Best for", "Relationship to X": a cost or use of the subject above, or how it
        # stands to another thing, whatever it lists
        return topic
    if generic_label(unnumbered(topic)):
        return ""  # "2 Background", "5 Experiments": a paper's numbered section of a generic kind
    if _names_no_topic(topic):
        return ""
    if generic_label(topic) or code_like(topic) or reading_list(topic) or FIRST_PERSON.search(topic):
        return ""  # "Pros", "To-read", "What I studied": a label, a reading list, a diary's
    if _NOT_A_FACT.search(topic):
        return ""  # "Other fun highlights": how the author found it
    return shown if _topic_words(topic) else ""


def _bullet(item: Block) -> str:
    lines = block_markdown(item)
    return LIST_MARKER.sub("", lines[0]).strip() if lines else ""


_TITLE_WORD = r"(?:[A-Z][\w'-]*|of|the|a|an|and|or|to|in|on|for|with)"
_CHAPTER = re.compile(rf"^{_TITLE_WORD}(?:\s+{_TITLE_WORD}){{0,5}}$")
# An exam's objectives or a plan: most items are orders ("design a network strategy", "choose ...").
_ORDER = re.compile(
    r"^(?:design|choose|determine|identify|recommend|describe|explain|evaluate|implement|configure|create|manage"
    r"|develop|define|plan|deploy|install|build|write|read|review|check|set up|add|use|make|try|do|go|ask|learn"
    r"|automate|assess|integrate|analy[sz]e|monitor|optimi[sz]e|secure|migrate|provision|select|specify|validate)\b",
    re.I,
)


def _asks(line: str) -> bool:
    """An item that asks and leaves the answer to the reader: "How do tries differ from hash maps?",
    "What is a morpheme? Give examples." (not "Performance? Bad when blocks are scattered")."""
    said = plain(line).strip()
    after = said.rpartition("?")[2].strip()
    return "?" in said and (not after or bool(_ORDER.match(after)) or bool(_ASKS_MORE.match(after)))


_ASKS_MORE = re.compile(ASKS_FOR_MORE, re.I)


# "barrier is a layer that ...": an item that defines a term of its own.
_DEFINES = re.compile(r"^(?:\*\*)?[\w-]+(?:\s+[\w-]+){0,3}(?:\*\*)?\s+(?:is|are)\s+(?:a|an)\s", re.I)


_LONE_LINK = re.compile(r"^\[\[[^\]\n]+\]\]$")
# `- [[Operating Systems/Virtual Memory/1_Overview]]`: a note named by its path in the vault, one
# more page of a folder's index, not a member of the set the heading names
_PATH_LINK = re.compile(r"^\[\[[^\]|#\n]*/[^\]\n]*\]\]$")
_MAP_HEADING = re.compile(r"\b(?:topics|sub-?topics|contents|pages|index|related notes)\b|^list of\s|^related$", re.I)
# A line whose subject is the heading above it, left unsaid: "- are powerful and replace ...".
_ELIDED = re.compile(r"^(?:is|are|can|cannot|will|has|have|does|must|should|was|were)\s+(?:\w+\s+){2,}\w+", re.I)


# A heading's head noun in the plural ("Preemptive algorithms"; not "Analysis", "Bus", "Loss"), and
# the phrase after it that only qualifies it ("Types of trees", "PageRank via Markov chains")
_PLURAL_END = re.compile(r"[^\Wsiu_]s\W*$")
_OF_PHRASE = re.compile(r"\s+(?:via|of|for|in|on|with|using|from|to|and|by)\s+", re.I)


def section_list(view: NoteView) -> Iterator[Card]:
    """A heading that names a topic, right over a short list of what it is and does (`## Extensions`
    / `- replace the Rule and Runner interfaces` / `- register with an annotation`): one card, the
    list its answer, one line an item."""
    note = view.note
    blocks = note.blocks
    for k, heading in enumerate(blocks[:-1]):
        if heading.kind != "heading" or (heading.depth == 1 and k == 0) or blocks[k + 1].kind != "item":
            continue
        topic = _topic(heading)
        if not topic or silent_section(blocks[k + 1]) or recipe_section(blocks[k + 1].section):
            continue
        items: list[Block] = []
        for block in blocks[k + 1 :]:
            if block.kind != "item" or block.depth != 0:
                break
            shown_only = _SHOWN_ONLY.fullmatch(block.text.strip()) or _PATH_LINK.match(block.text.strip())
            if not shown_only and not elided_item(block):
                items.append(block)  # `- ![[Drawing.excalidraw]]`, `- ...`: no words to learn
        lone = (
            len(items) == 1 and _ELIDED.match(plain(items[0].text)) and "?" not in items[0].text
        )  # "## Extensions" / "- are powerful and ..."
        if not (lone or _LIST_ITEMS[0] <= len(items) <= _LIST_ITEMS[1]) or any(is_task(i) for i in items):
            continue
        if sums_up_prose(topic, items):
            continue
        if any(child.kind == "item" for item in items for child in item.children):
            continue  # an outline: its items are terms with their own levels under them
        said = [_bullet(item) for item in items]
        if any(not plain(line).strip() or line.endswith(":") or "://" in line for line in said):
            continue  # empty items, labels over lists of their own (the outline rule's), or links to follow
        orders = sum(bool(_ORDER.match(plain(line))) for line in said)
        if orders * 2 >= len(said) or (orders + sum(_asks(line) for line in said)) * 2 > len(said):
            continue  # objectives, a plan, or review questions: what to learn, not what it says
        if sum(bool(LABELLED_LINE.match(plain(line)) or _DEFINES.match(plain(line))) for line in said) * 2 >= len(said):
            continue  # `Term: meaning` or "Term is a ..." items: each is a definition card of its own
        lone_links = sum(bool(_LONE_LINK.match(item.text.strip())) for item in items)
        linked = lone_links * 2 > len(items)
        if linked and any(_MAP_HEADING.search(plain(title)) for title in (topic, *heading.section)):
            # "### Topics in math" / "- [[Statistics]]" / "- [[Calculus]]": a map of the vault's notes,
            # also under "## List of Concepts" / "### Boosting" / "- [[AdaBoost]]"
            continue
        head_noun = _OF_PHRASE.split(plain(topic), maxsplit=1)[0]  # "PageRank via Markov chains": PageRank
        if lone_links == len(items) and not _PLURAL_END.search(head_noun):
            # "### PageRank via Markov chain" / "- [[Kac theorem]]" / "- [[Ergodic chains]]": notes to read
            # (under "### Preemptive algorithms", the linked names are the set's members)
            continue
        if all(_CHAPTER.match(plain(line)) for line in said):
            continue  # "Adversarial Roles", "High Stakes": a chapter's table of contents, not what it says
        answer = said[0] if lone else "\n".join(f"- {line}" for line in said)
        if len(answer) > _LIST_CHARS:
            continue
        front = _prompt(_subject(note, heading), topic)
        yield make_card(Kind.BASIC, front, answer, note, items[0], "section-list", line=heading.line)
