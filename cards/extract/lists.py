"""Lists that are one thing to learn: the causes of something, the steps of an algorithm, the parts
an outline item breaks into. The list is the answer, its head (a heading, a lead-in line or the
item it is nested under) and the subject above it make the prompt.

    ### Overfitting          ->  question  "Causes of overfitting?"  /  - a model too complex ...
    #### Causes                                                          - too little data
    - a model too complex for the data
    - too little data
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from types import MappingProxyType

from ..model import Block, Card, Kind, Note
from ..text import everyday, plain, sentences, term_text
from ._common import (
    block_lines,
    block_markdown,
    elided_item,
    is_task,
    make_card,
    only_links,
    silent_section,
    sums_up_prose,
)
from ._context import (
    ASPECT_NOUN,
    NUMBERING,
    STEP_BY_STEP,
    another_list,
    asked_thing,
    called_back,
    course_topic,
    generic_label,
    heads_list,
    in_lower_case,
    introduced,
    item_label,
    label_named,
    note_title,
    numbered_place,
    quality_set,
    relation_label,
    sentence_adverb,
    series_place,
    unnumbered,
    which_to_use,
    words_of,
)
from ._outline_words import AUX, stem
from ._terms import (
    NOT_A_TERM_START,
    PRONOUNS,
    code_like,
    recipe_section,
    says_this_for_before,
    task_like,
    term_shaped,
)
from ._view import NoteView

# Nouns that name a set of things a student learns as one: "Causes", "Pros and cons", "Steps".
SET_NOUN = (
    r"(?:causes|reasons|remedies|cures|fixes|solutions|advantages|disadvantages|pros|cons|benefits|drawbacks"
    r"|limitations|downsides|upsides|strengths|weaknesses|steps|stages|phases|types|kinds|sorts|variants|flavou?rs"
    r"|categories|properties|characteristics|features|components|parts|elements|layers|principles|rules"
    r"|assumptions|requirements|symptoms|signs|effects|consequences|applications|uses|use cases|challenges"
    r"|problems|issues|pitfalls|risks|techniques|approaches|strategies|ways|options|differences"
    r"|factors|criteria|goals|levels|guarantees|traits|pillars"
    r"|laws|axioms|tenets|stages|families|genres|varieties"
    # aspects a section sums up as a list: "Architecture", "Key takeaways", "Best practices"
    r"|architecture|design|overview|summary|basics|fundamentals|key points|main points|key ideas|main ideas"
    r"|takeaways|key takeaways|highlights|lessons|lessons learned|best practices|tips|guidelines|how it works"
    r"|workflow|lifecycle|life cycle|algorithm|algo|procedure|pseudocode|recipe)"
)
_NUMBER = r"(?:two|three|four|five|six|seven|eight|nine|ten|several|\d{1,2})"
# A heading that is the set itself: "Causes", "Main advantages", "Types of regularisation", "Pros & cons".
# Sets of what goes wrong, which a heading may say are "with" their subject: "Problems with layering"
# ("Layers with hierarchical structure" is no set of layers' owner).
_TROUBLE = r"(?:problems|issues|challenges|difficulties|concerns|limitations|pitfalls|risks|drawbacks|downsides)"
_SET_HEADING = re.compile(
    rf"^(?:(?:the|main|key|core|basic|fundamental|guiding|important|essential|common|some|major|typical|{_NUMBER})\s+)*"
    # "Critical considerations", "Current issues", "Possible solutions": which of the subject's, not whose
    r"(?:(?:critical|current|ideal|possible|potential|additional|practical)\s+(?=[\w-]+s\b))?"
    rf"(?!(?!{_TROUBLE}\s)[\w-]+\s+with\b){SET_NOUN}(?:\s+(?:and|&|/)\s+{SET_NOUN})?"
    r"(?:\s+(?P<of>(?:of|for|to|in|with|between)\s+.+))?$",
    re.I,
)
_REASON_WORDS = 4
_POINTS_AHEAD = re.compile(r"(?:these|the following|following)\b", re.I)
# A set of what the heading names, pointed at: "Strengths of this method", "Steps of the algorithm",
# "Advantages of their method", "Advantages of this"
_OF_THIS = re.compile(
    rf"^(?:some\s+)?(?P<noun>{SET_NOUN})\s+(?:of|for|to|in|with)\s+"
    r"(?:(?:this|these|that|the|their|its|our)\s+[\w-]+|this|these|that|it|them)$",
    re.I,
)
# A lead-in that announces a set: "Boils down to these two steps:", "It has three phases:".
_SET_LEAD_IN = re.compile(
    rf"\b(?:(?:these|the following|following|its|the)\s+(?:{_NUMBER}\s+)?|{_NUMBER}\s+)(?:main\s+|key\s+|basic\s+)?"
    rf"(?P<noun>{SET_NOUN})\b",
    re.I,
)
# Sets whose items are reasons, qualities or steps, not terms of their own: their items make no
# definition cards ("**Complex model**: ..." under Causes is a cause of overfitting, not a term).
# The items of other sets (Types, Components, Methods) are terms and keep their own cards.
_FACTORS = re.compile(
    r"^(?:causes|reasons|remedies|cures|fixes|solutions|advantages|disadvantages|pros|cons|benefits|drawbacks"
    r"|limitations|downsides|upsides|strengths|weaknesses|steps|stages|phases|symptoms|signs|effects|consequences"
    r"|challenges|problems|issues|pitfalls|risks|requirements|assumptions|criteria|factors|goals|guarantees"
    r"|algorithm|algo|procedure|pseudocode)$",
    re.I,
)
_MAX_ITEMS = 9
_MAX_CHARS = 1200


def _items(blocks: tuple[Block, ...], start: int) -> list[Block]:
    """The list right after blocks[start]: the item blocks that follow it, up to a change of marker
    (`1.` steps, then `* **Advantage:** ...`: Markdown's next list, about the procedure, not a step)."""
    out: list[Block] = []
    for block in blocks[start + 1 :]:
        if block.kind != "item" or (out and another_list(out[-1], block)):
            break
        out.append(block)
    return out


def _answer(items: list[Block]) -> str:
    if items and all(item.kind == "heading" for item in items):  # the set's members as headings: their names
        names = (NUMBERING.sub("", plain(item.text).strip()).rstrip(":").rstrip() for item in items)
        return "\n".join(f"- {name}" for name in names)  # "1. Supervised stage": the list numbers no more
    lines = [line for item in items if not is_task(item) and not elided_item(item) for line in block_markdown(item)]
    return "\n".join(lines)


def _subheadings(blocks: tuple[Block, ...], start: int) -> list[Block]:
    """The headings a lead-in announces when its members are sections of their own:
    "Supervised learning falls into two categories:" / `### Classification` / `### Regression`.
    They must open right after it, one level below the heading it sits under."""
    above = next((b.depth for b in reversed(blocks[:start]) if b.kind == "heading"), 0)
    first = blocks[start + 1] if start + 1 < len(blocks) else None
    if first is None or first.kind != "heading" or first.depth <= above:
        return []
    out: list[Block] = []
    for block in blocks[start + 1 :]:
        if block.kind == "heading" and block.depth < first.depth:
            break
        if block.kind == "heading" and block.depth == first.depth:
            out.append(block)
    return out


def _unfilled(item: Block) -> bool:
    """`- **Transport:**` over an empty `- `: a label the writer has yet to fill in (Markdown reads the
    empty item under it as the line's underline, and the label as a heading)."""
    if item.kind != "item":
        return False  # `### Regression:` over its section: the section is its content
    label, children = item, item.children
    if not item.text.strip() and len(children) == 1 and children[0].kind == "heading":
        label, children = children[0], ()
    empty = all(c.kind == "item" and not c.text.strip() and not c.children for c in children)
    return plain(label.text).strip().endswith(":") and empty


def _fits(items: list[Block], answer: str, least: int = 2) -> bool:
    # `- [[CEDR]]` / `- ...`: one member so far; `- **Transport:**` / `  - `: none yet
    members = [item for item in items if not (elided_item(item) or _unfilled(item))]
    return least <= len(members) <= _MAX_ITEMS and 0 < len(answer) <= _MAX_CHARS and not any(is_task(i) for i in items)


def _contents(head: str, items: list[Block]) -> bool:
    """`## Overview` over `- [[Registers]]`, `- [[Instructions]]`: the notes to read on the subject, a
    table of contents; under "Types" such links are the members ("- [[Merge sort]]")."""
    nouns = re.findall(SET_NOUN, head, re.I)
    return bool(nouns) and all(ASPECT_NOUN.fullmatch(n) for n in nouns) and all(only_links(i.text) for i in items)


def _fold(text: str) -> str:
    """A name as an outline and a heading both write it: "Data pre-processing" / "[[Data Preprocessing]]"."""
    return re.sub(r"[^\w]|_", "", plain(text).casefold()).removesuffix("s")


def _outline_of(head: str, items: list[Block], later: tuple[Block, ...]) -> bool:
    """`## Overview` over `1. Activation functions`, `2. Data pre-processing`, ... when the note goes on
    under `## Activation function` and `## Data Preprocessing`: the note's own table of contents (half its
    entries or more are its later headings), where to read, not what to learn. Under "Issues" the
    entries the note goes on to explain are the issues, still the answer."""
    nouns = re.findall(SET_NOUN, head, re.I)
    if not nouns or not all(ASPECT_NOUN.fullmatch(n) for n in nouns):
        return False
    leaves = [_fold(b.text) for item in items for b in item.walk() if not b.children and b.text.strip()]
    ahead = {_fold(b.text) for b in later if b.kind == "heading"}
    named = sum(leaf in ahead for leaf in leaves if leaf)
    return named >= 2 and 2 * named >= len(leaves)


def _claimed(head: str, items: list[Block]) -> tuple[int, ...]:
    """The items' lines when the set is one of factors, so that no rule makes terms of them."""
    nouns = re.findall(SET_NOUN, head, re.I)
    if not nouns or not all(_FACTORS.match(noun) for noun in nouns):
        return ()
    return tuple(line for item in items for line in block_lines(item))


def _aspect_in_passing(found: re.Match[str]) -> bool:
    """A set noun that names one aspect of a thing ("the design"), said in passing in a lead-in,
    not pointed ahead at ("the following design") nor opening it ("The algorithm:")."""
    aspect = ASPECT_NOUN.fullmatch(found.group("noun")) is not None
    return found.start() > 0 and aspect and not _POINTS_AHEAD.match(found.group(0))


# What may come before "the advantages" in a lead-in that names its set: "Here are the steps",
# "Here's a breakdown of the key differences", "Some of the key features of jQuery"; and after it:
# who owns the set, the verb that lists it, a remark in brackets.
_BEFORE_THE_SET = re.compile(
    r"(?:(?:here|below|listed|following|these|those)\s*(?:['\u2019]s|is|are)\s+"
    r"(?:(?:a|an)\s+(?:breakdown|overview|summary|list|comparison|rundown)\s+of\s+)?)?"
    r"(?:(?:some|one|many|most)\s+of\s+)?",
    re.I,
)
_LISTS_IT = re.compile(
    r"\s+(?:are|is|include|includes)(?:\s+(?:defined|listed|shown|given|described|summari[sz]ed|explained|outlined"
    r"|detailed|presented))?(?:\s+(?:as\s+follow(?:s|ed)?|as\s+such|below))?$",
    re.I,
)
_THE_SET = re.compile(rf"(?:the|its)\s+(?!following\b)(?!{_NUMBER}\s)", re.I)
# "the steps of a prefix match", "the differences between them", "the steps we follow"
_OWNER = re.compile(
    r"\s+(?:(?:of|for|in|to|between|with|on|from|among)\s+(?P<who>[^,;]+)|(?:that\s+|which\s+)?(?:we|you|one)\s.+)$",
    re.I,
)


# The verbs a sentence lists a set with: "The life cycle of a request involves three stages"
_LISTING_VERBS = frozenset(
    "involves involve includes include consists consist contains contain comprises comprise requires require"
    " offers offer provides provide goes go takes take".split()
)


def _names_the_set(found: re.Match[str]) -> bool:
    """A lead-in that says "the advantages" names its set when they are what it is about ("The
    main differences between X and Y are:"), not when it says them in passing ("The value of
    consistency outweighs the differences between approaches", "The properties enable ...")."""
    if not _THE_SET.match(found.group(0)):
        return True  # "these two steps", "the following phases": pointed ahead at
    head = found.string
    if _ANNOUNCING.match(head):
        return True  # "We will describe the options from left to right:": the options
    if not _BEFORE_THE_SET.fullmatch(head[: found.start()]):
        return False
    rest = _LISTS_IT.sub("", re.sub(r"\s*\([^()]*\)", "", head[found.end() :]))
    if not rest:
        return True
    owner = _OWNER.fullmatch(rest)
    said = (owner.group("who") or "").lower().split() if owner else []
    return owner is not None and not any(w in AUX or w in _LISTING_VERBS for w in said)


_POINTER = re.compile(r"\b(?:this|these|that|those|it|its|they|them|their)\b", re.I)


def _the_set(found: re.Match[str]) -> str:
    """The set a lead-in names, said as its name: "The main stages of the pipeline are as follows"
    is "Stages of the pipeline"."""
    noun = found.group("noun")
    rest = _LISTS_IT.sub("", re.sub(r"\s*\([^()]*\)", "", found.string[found.end() :]))
    if _POINTER.search(rest):
        rest = ""  # "the advantages of this mechanism", "the differences between them": the subject's
    return f"{noun[:1].upper()}{noun[1:]}{rest}"


def _of_reasons(head: str, answer: str) -> bool:
    """A set of reasons, causes or drawbacks ("drawbacks of HoC"), its one item a sentence's worth."""
    noun = re.match(rf"(?:\w+\s+)?({SET_NOUN})\b", head, re.I)  # the set it opens with, not "of components"
    return noun is not None and _FACTORS.match(noun.group(1)) is not None and len(answer.split()) >= _REASON_WORDS


_TWO_SETS = re.compile(r"\s(?:and|&|/)\s")


# "Type 2: Hosted", "Level 0: Manual process": the number is part of the thing's name (a type 2
# hypervisor), unlike the count of a note's own options or steps
_NAMED_BY_NUMBER = re.compile(r"(?:type|level|tier|layer|class)\s+\w{1,3}\s*:", re.I)


def _subject(note: Note, section: tuple[str, ...]) -> str:
    """What the set belongs to: the heading above it, or the note's title; nothing when the heading
    only places it in a book or a course ("Chapter 7" / "types:": the types of what the chapter is on)."""
    for n, title in reversed(list(enumerate(section))):
        # "Supervised Learning:" names it too; "5.2 Gaussian splatting" is Gaussian splatting
        words = unnumbered(plain(title).strip()).removesuffix(":").rstrip()
        if series_place(words):
            return ""
        if not _NAMED_BY_NUMBER.match(words):
            words = label_named(words)  # "Option 2: Write-behind cache" is on the write-behind cache
        if numbered_place(words):  # "Type 1" of slowly changing dimensions: one of its types
            owner = _subject(note, section[:n])
            return f"{owner} ({words})" if owner else ""
        asked = _asked(words)
        if asked:
            return asked  # "Advantages" under "What are microservices?": of microservices
        qualities = quality_set(words)
        if qualities is not None and not qualities[0]:
            continue  # "Practical considerations": the subject's, named above
        owner, colon, sets = words.rpartition(": ")
        if colon and owner and _SET_HEADING.match(sets):
            return owner  # "**Pros**" under "Link-State Routing: Pros and Cons": the routing's pros
        # ("Pros and cons of geohashes" over "**Cons**" names whose: the geohashes)
        named = _SET_HEADING.match(words)
        both = bool(named and named.group("of") and _TWO_SETS.search(words[: named.start("of")]))
        if words and (not named or both) and not generic_label(words) and not _TELLS.search(words):
            return introduced(words) or course_topic(words)  # "Introduction to Caching": the set is caching's
    title = unnumbered(course_topic(note_title(note)))  # "W3N1 - Logic minimisation": the set is logic minimisation's
    return introduced(title) or _asked(title) or title


def _asked(title: str) -> str:
    """The thing a title or a heading asks about, with or without its question mark ("What is HCI")."""
    thing = asked_thing(f"{title.rstrip().rstrip('?')}?") if title else ""
    return "" if thing.casefold() in PRONOUNS else thing  # "What is it?": the heading above says what


# A heading that says something rather than names it: "Implementing this is HW"
_TELLS = re.compile(r"\b(?:this|these|is|are|was|were)\b", re.I)


def _names_its_subject(head: str) -> bool:
    """'Types of options', 'Steps to train a model': a set heading that says whose set it is."""
    match = _SET_HEADING.match(head.strip().rstrip(":").strip())
    return match is None or match.group("of") is not None


def _lower_first(text: str) -> str:
    """'Overfitting' -> 'overfitting' inside a question; a name ('Kotlin Fundamentals', 'ACID') stays."""
    rest = text[1:]
    return text[:1].lower() + rest if rest and rest == rest.lower() else text


_NOT_A_KIND = frozenset("and to of for in on with about introduction intro overview basics".split())


def _narrows(subject: str, complement: str) -> bool:
    """The subject ends on the complement's one word, after words that say which kind: "Data
    Testing" narrows "of tests"; "Goroutines and Channels" does not narrow "of goroutines"."""
    words = words_of(re.sub(r"\([^()]*\)", " ", subject)).split()
    said = words_of(complement).split()[1:]
    if not 2 <= len(words) <= 3 or len(said) != 1 or any(w in _NOT_A_KIND for w in words):
        return False  # "Introduction to Data and Databases" says no kind of databases
    return stem(words[-1]) == stem(said[0])


_HOW_IT_WORKS = re.compile(r"^how\s+(?:it|they|this)\s+works?$", re.I)
# The aspects a list gives as steps ("Algorithm" under "The Bully algorithm"); "Architecture" under
# "Clean Architecture", an overview or a design, is no sequence of steps
_PROCEDURE = re.compile(r"algorithm|algo|procedure|pseudocode|recipe|workflow|lifecycle|life cycle", re.I)
# What a set is for, or a saying, rather than whose it is: "Factors to consider", "Ways to solve",
# "Rules of thumb".
_NOT_WHOSE = re.compile(r"^(?:to\s+[\w-]+|of\s+thumb)$", re.I)


def _owner_unsaid(head: str, complement: str, subject: str) -> bool:
    """A set heading that says what its set is for ("Factors to consider"), a saying ("Rules of
    thumb"), or how its subject stands to another thing ("Differences to IPv4"): the subject above owns it."""
    if not (_NOT_WHOSE.match(complement) or relation_label(head)):
        return False
    said = stem(complement.split()[-1])
    return not any(stem(word) == said for word in words_of(subject).split())  # "Reasons to shard" under "Sharding"


def _question(head: str, subject: str) -> str:
    head = head.strip().rstrip(":").strip()
    head = head[:1].upper() + head[1:]
    if subject and _HOW_IT_WORKS.match(head):
        # not "How it works of SPLADE?"; "2. ColBERT" is the second of its section's, asked anywhere
        return f"How does {_lower_first(unnumbered(subject))} work?"
    match = _SET_HEADING.match(head)
    if match and match.group("of"):
        # "Types of tests" under "Data Testing", "Elements to test" under "Model Testing": the heading
        # is a kind of what the label names, and says which kind
        if subject and (_narrows(subject, match.group("of")) or _owner_unsaid(head, match.group("of"), subject)):
            return f"{subject}: {in_lower_case(head)}?"
        return f"{head}?"
    if subject and words_of(head) in words_of(subject):
        both = _SET_HEADING.match(unnumbered(subject))
        if both and both.group("of"):
            return f"{head} {both.group('of')}?"  # "Cons" under "Pros and cons of geohashes"
        if _PROCEDURE.fullmatch(head) and not both:
            return f"Steps of {_lower_first(subject)}?"  # "Algorithm" under "The Bully algorithm"
        if words_of(subject).endswith(words_of(head)) and not both:
            return f"{subject}?"  # "Best practices" under "JWT security considerations and best practices"
    if subject and subject.casefold() not in head.casefold():
        return f"{head} of {_lower_first(subject)}?"
    return f"{head}?"


def enumeration(view: NoteView) -> Iterator[Card]:
    """A list under a heading that names a set (Causes, Steps), or under a line or an item that
    announces one ("these two steps:"), is one card: the set's question, the list its answer.
    A recipe's steps are instructions, not knowledge."""
    note = view.note
    if any(b.kind == "heading" and recipe_section((b.text,)) for b in note.walk()):
        return
    yield from _under_headings(note)
    yield from _under_lead_ins(note, note.blocks)
    yield from _in_a_sentence(view)


# "Examples of models built to be explainable are linear models, KNNs and decision trees.": a set
# named in one sentence, its members listed after "are" or "include".
_EXAMPLES_SENTENCE = re.compile(
    r"^(?:some\s+)?(?:(?:common|popular|typical|good|well-known|classic|notable)\s+)?examples\s+of\s+"
    r"(?P<set>[^.:;!?]{3,80})\s+(?:are|include|would\s+be)\s+"
    r"(?P<members>[^.!?:;]+?,[^.!?:;]*?\b(?:and|or)\s+[^.!?:;]+?)\s*\.?$",
    re.I,
)


def _in_a_sentence(view: NoteView) -> Iterator[Card]:
    for block in view.prose():
        if "xamples of" not in block.text:
            continue  # most paragraphs name no set of examples: not split into sentences for nothing
        text = plain(block.text)
        spans = sentences(text)
        for start, end in spans or ((0, len(text)),):
            found = _EXAMPLES_SENTENCE.match(text[start:end].strip())
            if found is None or re.search(r"\b(?:this|these|those|such)\b", found.group("set"), re.I):
                continue  # "Some examples of these models are ...": which models, the sentence before says
            at = block.text.find(text[start : start + 12])  # the sentence's line, when its opening is plain text
            line = block.line + (block.text.count("\n", 0, at) if at > 0 else 0)
            question = f"Examples of {found.group('set').strip()}?"
            yield make_card(
                Kind.QUESTION, question, found.group("members").strip(), view.note, block, "enumeration", line=line
            )


# A heading that asks why, over a list: its items are the reasons ("Why make data private" /
# "- **Control access**: ..."), one card, not terms of their own
_WHY = re.compile(r"^why\s+\S", re.I)
_IT = re.compile(r"\b(?:it|this|they|them|these)\b", re.I)
_ITS = re.compile(r"\b(?:it|this)(?:['\u2019]s|\s+is)\b", re.I)
# "Why does it matter if technology has politics": an "it" that stands for the clause after it
_DUMMY_IT = re.compile(r"\bit\b.*\b(?:if|that|whether|to)\s", re.I)


def _why_question(title: str, subject: str) -> str:
    """ "Why use it?" under "Encapsulation" asks "Why use encapsulation?"; "" when "it" names nothing."""
    asked = title.rstrip("?:. ").strip()
    # "Why Use It" in title case: its everyday words are words of the question, not names
    asked = re.sub(r"(?<=\s)[A-Z][a-z]+\b", lambda m: m[0].lower() if everyday(m[0].lower()) else m[0], asked)
    if _IT.search(asked) and not _DUMMY_IT.search(asked):
        if not subject:
            return ""
        subject = _lower_first(unnumbered(subject))  # "3. Sauvola's method" is the method
        asked = _ITS.sub(f"{subject} is", asked, count=1)  # "Why It's Important": why the subject is
        asked = _IT.sub(lambda _: subject, asked, count=1)
    return f"{asked}?"


# A heading or a lead-in that says when to use something, over a list: its items are the cases
# ("When to use:" / "- Most lookups are misses"), one card, not terms or gaps of their own
# ("When to use which" over `- nano: quick edits` pairs each item with its use: each is asked on its own)
_WHEN_TO = re.compile(r"^when\s+(?:not\s+)?to\s+(?:use|choose|pick|apply|avoid|prefer)\b(?P<what>.*)$", re.I)


def _when_to(head: str) -> re.Match[str] | None:
    return None if which_to_use(head) else _WHEN_TO.match(head)


def _when_question(head: str, subject: str) -> str:
    """ "When to use" under "Bloom filters" asks "When to use Bloom filters?", and "When not to use
    it" asks it of them too; "" when nothing names what."""
    asked = head.rstrip("?:. ").strip()
    found = _when_to(asked)
    if found is None or found.group("what").strip():
        return _why_question(asked, subject)
    return f"{_why_question(asked, '')[:-1]} {_lower_first(unnumbered(subject))}?" if subject else ""


def _cases_card(note: Note, block: Block, items: list[Block], head: str, subject: str) -> Card | None:
    """One card for a list of reasons ("Why ...") or of cases ("When to use ...")."""
    answer = _answer(items)
    if not _fits(items, answer) or sums_up_prose(head, items):
        return None
    if any("==" in b.text for item in items for b in item.walk()):
        return None  # the author marked what to recall in each reason: their gaps are the cards
    question = _when_question(head, subject) if _when_to(head) else _why_question(head, subject)
    if not question:
        return None
    lines = tuple(line for item in items for line in block_lines(item))
    return make_card(Kind.QUESTION, question, answer, note, block, "enumeration", claims=lines)


def _under_headings(note: Note) -> Iterator[Card]:
    blocks = note.blocks
    for i, block in enumerate(blocks):
        if block.kind != "heading" or silent_section(block) or recipe_section(block.section):
            continue
        title = unnumbered(plain(block.text).strip())  # "3.1. Why gRPC" is why gRPC, asked anywhere
        if _WHY.match(title) or _when_to(title):
            # its list, or the list after one line that leads into it ("From the retrieval phase:")
            lead = blocks[i + 1] if i + 1 < len(blocks) else None
            led = lead is not None and lead.kind == "paragraph" and "\n" not in lead.text.strip()
            # ... not a line that names a set of its own ("There are two reasons:"): that line asks it
            led = led and not _SET_LEAD_IN.search(plain(lead.text)) and not _there_are(plain(lead.text))
            items = _items(blocks, i + 1) if led and lead.text.rstrip().endswith(":") else _items(blocks, i)
            card = _cases_card(note, block, items, title, _subject(note, block.section[:-1]))
            if card is not None:
                yield card
            continue
        title = "Steps" if STEP_BY_STEP.fullmatch(words_of(title)) else title  # its items are steps, not terms
        counted = _there_are(title.rstrip(":"))  # "There are two kinds of bias:": the kinds of bias
        title = counted or title
        if not _SET_HEADING.match(title):
            continue
        items = _items(blocks, i)
        answer = _answer(items)
        if not _fits(items, answer) or sums_up_prose(title, items) or _contents(title, items):
            continue
        if _outline_of(title, items, blocks[i + 1 :]):
            continue
        subject = _subject(note, block.section[:-1])
        if not subject and not _names_its_subject(title):
            continue  # "Pros" under "Chapter 3": the pros of what the chapter is on, unnamed
        question = _counted_question(title, subject) if counted else _question(title, subject)
        lines = _claimed(title, items)
        yield make_card(Kind.QUESTION, question, answer, note, block, "enumeration", claims=lines)


_BOLD_LINE = re.compile(r"(\*\*|__)[^*_\n]{1,80}\1:?")
_HEADING_WORDS = 8


def _under_lead_ins(note: Note, blocks: tuple[Block, ...], parent: str | None = "") -> Iterator[Card]:
    """`parent`: the item these blocks are nested in, whose set a nested lead-in names
    (`- AppExit` / `  - variants` / `    - Success`: the variants of AppExit); None when that item
    only places them in a course (`- Module 2` / `  - tips:`: tips on what the module is on)."""
    named_above = ""  # `**Fossil fuels:**` over `- Types` / `  - Coal`: the types of fossil fuels
    for i, block in enumerate(blocks):
        if block.kind != "item":
            named_above = _names_a_subject(block)
        # `**Advantages of interrupts**` alone on its line over a list is that list's heading
        bold = block.kind == "paragraph" and _BOLD_LINE.fullmatch(block.text.strip()) is not None
        # `Benefits` alone on the line right over its list heads it as `Benefits:` does
        bare = block.kind == "paragraph" and heads_list(block, blocks[i + 1 :])
        if (
            block.kind == "paragraph"
            and (block.text.rstrip().endswith(":") or bold or bare)
            and "\n" not in block.text.strip()
        ):
            items = _items(blocks, i) or _subheadings(blocks, i)
        elif block.kind == "item" and block.children and all(c.kind == "item" for c in block.children):
            items = list(block.children)
        else:
            items = []
        if block.kind == "item" and block.children:
            label = item_label(block)
            named = len(label.split()) <= 4 and not NOT_A_TERM_START.match(label) and not label[:1].isdigit()
            yield from _under_lead_ins(note, block.children, None if series_place(label) else label if named else "")
        if not items or silent_section(block) or recipe_section(block.section):
            continue
        # the lead-in's last sentence announces the list ("... It boils down to these two steps:")
        head = plain(block.text.split("\n", 1)[0]).strip().rstrip(":").strip()
        head = re.split(r"(?<=[.!?])\s+(?=[A-Z])", head)[-1]
        if _when_to(head):
            card = _cases_card(note, block, items, head, _lead_subject(note, block, parent, named_above))
            if card is not None:
                yield card
            continue
        # "these two steps:", or a lead-in that is the set's own name ("Algorithm:", "Pros:")
        # "In evaluating the design / performing ablation studies:" names no set of designs; "The life
        # cycle of a heap variable involves three stages:" names its stages
        counted = _there_are(head)
        if counted:
            head = counted
        found = _SET_HEADING.match(head) if counted else None
        found = found or next(
            (m for m in _SET_LEAD_IN.finditer(head) if not _aspect_in_passing(m) and _names_the_set(m)), None
        )
        found = found or (_SET_HEADING.match(head) if len(head.split()) <= (_HEADING_WORDS if bold else 4) else None)
        named = _NAMES_MEMBERS.sub("", head)  # "Elements of cyber security include:": the set, named
        if not found and named != head and len(named.split()) <= 5 and _SET_HEADING.match(named):
            head, found = named, _SET_HEADING.match(named)
        if not found or len(head.split()) > 16 or task_like(head):
            continue  # "Write a list of all the goals you have:" / "- circle the top 3": steps to do, not a set
        if block.kind == "item" and ": " in head[: found.start()]:
            continue  # "Trace: sum of the elements on the diagonal" over examples: a term and its meaning
        if _ANNOUNCING.match(head) and "noun" in found.re.groupindex:
            head = found.group("noun").capitalize()  # "We will describe these approaches": the approaches
        elif "noun" in found.re.groupindex and _THE_SET.match(found.group(0)):
            head = _the_set(found)  # "Here are some of the main differences between X and Y": those differences
        pointed = _OF_THIS.match(head)
        if pointed:  # "Strengths of this method:": the method is the subject's, said as "this"
            head = pointed.group("noun")[:1].upper() + pointed.group("noun")[1:]
        answer = _answer(items)
        # `- drawbacks of HoC` / `  - must wrap the whole component`: a set of reasons may have one
        one_reason = len(items) == 1 and len(head.split()) <= _REASON_WORDS and _of_reasons(head, answer)
        if not (_fits(items, answer) or (one_reason and _fits(items, answer, least=1))) or sums_up_prose(head, items):
            continue
        subject = _lead_subject(note, block, parent, named_above)
        if not subject and len(head.split()) <= 8 and not _names_its_subject(head):
            continue
        if not subject and says_this_for_before(head):
            continue  # "There are two key reasons for this:" under "Sections 1 & 2": this is never named
        # "Setting up EFS involves the following steps": "Steps of setting up EFS?"
        question = _counted_question(head, subject) if counted else _owned_set(head, subject)
        if not question and len(head.split()) <= 8 and _SET_HEADING.match(head):
            question = _question(head, subject)
        elif not question:
            question = f"{subject}: {head}?" if subject.casefold() not in head.casefold() else f"{head}?"
        lines = _claimed(found.group("noun") if "noun" in found.re.groupindex else head, items)
        # members that are sections of their own are cited where they begin: the lead-in's line is
        # left to the statement it may open with ("Supervised learning is ... It has two categories:")
        line = items[0].line if items[0].kind == "heading" else block.line
        yield make_card(Kind.QUESTION, question, answer, note, block, "enumeration", claims=lines, line=line)


def _lead_subject(note: Note, block: Block, parent: str | None, named_above: str) -> str:
    """Whose set a lead-in's list is: the item it is nested in, a label over it, or the heading."""
    if parent is None:
        return ""
    return parent or (block.kind == "item" and named_above) or _subject(note, block.section)


# "There are three types of sampling", "In EHT, there are 2 types of account": the set, named in a
# sentence that only says how many there are ("Types of sampling", "Types of account in EHT")
_THERE_ARE = re.compile(
    r"^(?:(?:generally|usually|basically|broadly|so|now|here),?\s+)?"
    # "Has two kinds" under the item it is said of: its subject left to the item above
    r"(?:(?P<where>(?:in|for|within|among|on)\s[^,]{2,60}),\s*)?(?:there\s+(?:are|exist)|has|have|comes\s+in)\s+"
    r"(?:(?:at\s+least|usually|generally|typically|basically|mainly|broadly)\s+)?"
    rf"(?:{_NUMBER}|many|multiple|a\s+few|various)\s+"
    r"(?:(?:main|key|basic|major|common|different|distinct|broad|important)\s+)?"
    rf"(?P<set>(?P<noun>{SET_NOUN})\b[^,;(]*)",
    re.I,
)


def _there_are(head: str) -> str:
    """The set a "there are N X" sentence (or "Has N X", said of the item above) names, or "" when
    it is no such sentence. A set said of "this" is only its noun ("There are several strategies to
    handle this": the strategies)."""
    found = _THERE_ARE.match(head)
    if found is None:
        return ""
    named = found.group("set").strip().rstrip(".\u2026 ")  # "There are two techniques...": the techniques
    where = found.group("where")
    if _POINTER.search(named):
        named = found.group("noun")
    elif where:
        named = f"{named} {where[:1].lower()}{where[1:]}"
    return named[:1].upper() + named[1:]


# The set that answers a heading's question: the reasons "why", the ways "how"
_ANSWERS = MappingProxyType({"why": "reasons", "how": "ways"})


def _counted_question(head: str, subject: str) -> str:
    """ "Types of gates" counted under "Long short-term memory" are the subject's gates: the subject
    leads, unless the set already names it ("Ways to talk about attribution" under "Attribution")."""
    if not subject:
        return f"{head}?"
    found = _SET_HEADING.match(head)
    if found is None or not found.group("of"):
        if _ANSWERS.get(words_of(subject).split(" ", 1)[0]) == words_of(head):
            return f"{subject}?"  # "Reasons" under "Why the model outputs logits": the heading's own question
        return _question(head, subject)  # "Strategies" under "Backpressure": the strategies of backpressure
    if _content_stems(subject) & _stems(head):
        return f"{head}?"
    return f"{subject}: {_lower_first(head)}?"


def _owned_set(head: str, subject: str) -> str:
    """The question of a lead-in that says whose set follows: "Setting up EFS involves the following
    steps" asks "Steps of setting up EFS?", "The types of dirty data are" asks "Types of dirty data?";
    "These polynomials have the following properties" asks for the properties of the heading's subject."""
    named = _NAMES_MEMBERS.sub("", head)
    if named != head and len(named.split()) <= _REASON_WORDS * 2:
        bare = re.sub(r"^the\s+", "", named, flags=re.I)
        pointed = _OF_THIS.match(bare)
        if pointed:  # "The advantages of their method are:": the heading's method
            return _question(pointed.group("noun"), subject) if subject else ""
        if _SET_HEADING.match(bare):
            return _question(bare, subject)
    owned = _OWNS_SET.match(head) or _DIVIDED.match(head) or _DIVIDES.match(head)
    if owned is None:
        return ""
    noun = owned.group("noun")
    of = owned.groupdict().get("of")
    who = _WHO_OPENING.sub("", owned.group("who").strip())  # "but they fall into", "Every input falls into"
    words = who.split() or [""]
    if (
        len(words) > _WHO_WORDS
        or "," in who
        or words[0].lower() in _NOT_WHO
        or any(w.lower() in _RELATIVES or w.lower() in AUX for w in words)  # "datasets are rigorously split"
        # "From this we have", "CORS relaxes security and has", "Any implementation of it must obey": a
        # clause, or an owner pointed at, not named
        or any(w.lower() in PRONOUNS or w.lower() in ("and", "or", "but") for w in words)
        or (len(words) == 1 and words[0].lower().endswith("ing"))  # "Satisfying the following properties"
    ):
        if of and subject and not _names_all_of(of, subject):
            return f"{subject}: {noun.lower()} of {of}?"  # "each shader stage has two types of inputs"
        if of:
            return f"{noun[:1].upper()}{noun[1:].lower()} of {of}?"  # "We have the following properties of X"
        return _question(noun, subject) if subject else ""
    said = words_of(who).split()
    if subject and len(said) == 2 and said[0] in ("the", "this") and said[1] in words_of(subject):
        return _question(noun, subject)  # "The flow has these key steps" under "Authorization code flow"
    opens = head.startswith(who)  # "Based on scope, we can classify Python variables ...": a name
    if opens and re.fullmatch(r"[A-Z][a-z]*", words[0]) and everyday(words[0].lower()):
        who = who[:1].lower() + who[1:]  # "Setting up EFS" opens the sentence; "Docker" is a name
    question = f"{noun[:1].upper()}{noun[1:]} of {of} in {who}?" if of else f"{noun[:1].upper()}{noun[1:]} of {who}?"
    if subject and not _content_stems(who) & _stems(subject):
        # "Higher layers have the following properties" under "Memory hierarchy": the hierarchy's layers
        return f"{subject}: {question[:1].lower()}{question[1:]}"
    return question


def _stems(text: str) -> set[str]:
    return {stem(w) for w in words_of(text).split()}


def _content_stems(text: str) -> set[str]:
    """The stems of a text's words that say what it is about: not "the", nor a kind ("types", "ways")."""
    return _stems(text) - _NOT_A_KIND - {"the", "a", "an"}


def _names_all_of(one: str, other: str) -> bool:
    """Whether `one` says every word of `other` ("properties of conditional probability" of "Conditional
    Probability"; not "categories of algorithms" of "Randomized Algorithm")."""
    return _content_stems(other) <= _stems(one)


# "X has / involves / consists of the following (three) (main) steps", "X has two parts"
_OWNS_SET = re.compile(
    r"^(?P<who>.+?)\s+(?:(?:typically|usually|generally|also|then)\s+)?"
    r"(?:has|have|had|involves?|includes?|consists\s+of|contains?|comprises?|requires?|offers?|provides?|takes?"
    r"|goes\s+through|is\s+made\s+up\s+of|(?:must|should)\s+(?:follow|satisfy|meet|obey|have))\s+"
    rf"(?:(?:the\s+following|these|following)\s+(?:{_NUMBER}\s+)?|{_NUMBER}\s+)(?:(?:main|key|basic|important)\s+)?"
    # "A BN layer has two types of parameters": the types of parameters in a BN layer
    rf"(?P<noun>{SET_NOUN})(?:\s+of\s+(?P<of>[^\W\d_][\w-]*(?:\s+[\w-]+)?))?$",
    re.I,
)
# "Decisions can be broadly classified into two categories", "Reflection agents fall into three
# types", "Based on scope, we can divide variables into three types": the categories of decisions
_INTO_SET = (
    rf"\s+into\s+(?:one\s+of\s+)?(?:the\s+following\s+)?(?:{_NUMBER}\s+)?(?:(?:main|key|basic|broad|major|distinct)\s+)?"
    rf"(?P<noun>{SET_NOUN})$"
)
_SPLIT_ADVERB = r"(?:(?:broadly|roughly|typically|usually|commonly|generally|often|further|mainly|largely)\s+)?"
_DIVIDED = re.compile(
    rf"^(?:.*,\s*)?(?P<who>[^,]+?)\s+(?:(?:can|could|may)\s+be\s+|(?:is|are)\s+)?{_SPLIT_ADVERB}"
    rf"(?:classified|divided|split|grouped|categori[sz]ed|broken\s+down|separated|falls?){_INTO_SET}",
    re.I,
)
_DIVIDES = re.compile(
    rf"^(?:.*,\s*)?(?:we|you|one)\s+(?:can\s+|could\s+)?{_SPLIT_ADVERB}"
    rf"(?:classify|divide|split|group|categori[sz]e|separate|break\s+down)\s+(?P<who>.+?){_INTO_SET}",
    re.I,
)
_WHO_WORDS = 6
_WHO_OPENING = re.compile(r"^(?:(?:but|and|so|yet)\s+)?(?:(?:every|each|all)\s+(?=\S))?", re.I)
# "It has", "These polynomials have", "Each node has": pointed at; "To filter out nans one has", "If
# a branch is broken, you have": a purpose or a case, not the owner
_NOT_WHO = PRONOUNS | {"each", "every", "to", "if", "when", "for", "in", "on", "with"}
_RELATIVES = frozenset("that which who whom whose where when".split())


def _names_a_subject(block: Block) -> str:
    """A short label over a list (`**Fossil fuels:**`) that names what the list's items are of; not a
    set's own name ("Types:"), an aspect ("Pros:") nor a sentence."""
    text = plain(block.text).strip()
    if block.kind != "paragraph" or "\n" in text or not text.endswith(":"):
        return ""
    label = NUMBERING.sub("", text.rstrip(":").strip())  # `**2. Proximity to compute:**`: the second of them
    if len(label.split()) > 4 or not _COLON_LABEL.match(label) or _SET_HEADING.match(label) or generic_label(label):
        return ""
    if called_back(label) is not None or sentence_adverb(label) or _NOT_A_SUBJECT.search(label):
        return ""  # "Recall the quicksort algorithm:", "Finally:": a turn of the notes
    return label


# "To summarize:", "From Animal Sentience:", "Finished notes:": a place in the notes, not what the list is of
_NOT_A_SUBJECT = re.compile(r"^(?:to|from|in|on|at|for|with|by|as|note|see|so|thus|hence|summary)\b|\bnotes?$", re.I)


# A set's name followed by the verb that lists its members: "Elements of cyber security include:".
_NAMES_MEMBERS = re.compile(r"\s+(?:include|includes|are|comprise|consist\s+of)$", re.I)
# The writer announcing what comes next: "We will describe these approaches", "Let's look at the
# following steps", "This section covers three types"
_ANNOUNCING = re.compile(
    r"^(?:we(?:'ll| will| shall| can| now)?|i(?:'ll| will)?|let(?:'s| us)|here(?: we)?"
    r"|this (?:note|section|post|chapter)|these notes|below(?: we)?)\s+(?:\w+\s+)?"
    r"(?:describe|cover|discuss|look at|explore|see|go through|present|introduce|consider|review|list|outline"
    r"|examine)s?\b",
    re.I,
)
_MAX_OUTLINE_ITEMS = 9
_MAX_LINES = 16
_QUOTED_LINE = re.compile(r"^[\"\u201c][^\"\u201c\u201d]+[\"\u201d]$")
# `- Response wrapping:` over its sub-items names a term as `- Response wrapping` does; a lowercase
# start or a closing verb or preposition makes it a sentence that runs on into the list.
_COLON_LABEL = re.compile(
    r"^[A-Z]\S*(?:\s+\S+){0,4}$"
    r"(?<!\shas)(?<!\shave)(?<!\sis)(?<!\sare)(?<!\swas)(?<!\swere)(?<!\sbe)(?<!\sincludes)(?<!\sinclude)"
    r"(?<!\scontains)(?<!\sdoes)(?<!\sdo)(?<!\scan)(?<!\swill)(?<!\slike)(?<!\sas)(?<!\svia)(?<!\sby)"
    r"(?<!\swith)(?<!\sfor)(?<!\sto)(?<!\sof)(?<!\sand)(?<!\sor)(?<!\sthe)(?<!\sa)(?<!\san)(?<!e\.g\.)(?<!i\.e\.)"
)


# A line that stops on a word its sentence goes on from, into the items under it: "The core can
# either", "Each entry holds the". ("made up of", "Good translation should" over their items are
# lead-ins the items finish, each a fact of what the line names.)
_RUNS_ON = re.compile(r"\s(?:either|neither|whether|the|a|an|that|which|whose)$", re.I)


def _bullet(item: Block) -> str:
    """An item's own line; with the formula, code or table nested under it, which the line leads
    into ("Generally uses the syntax" / a code block). Nested items are cards of their own."""
    shown = tuple(child for child in item.children if child.kind in ("math", "code", "table"))
    lines = block_markdown(replace(item, children=shown))
    return "\n".join(lines) if shown else lines[0] if lines else ""


def _bare_head(item: Block) -> bool:
    """`- input` over `- images` / `- camera poses`: an aspect's label whose substance is the list under
    it. A term over its list (`- Dropping hooks`) is a card of its own, and so is a set (`- variants`)."""
    label = plain(item.text).strip().rstrip(":")
    nested = any(c.kind == "item" for c in item.children)
    return nested and generic_label(label) and not _SET_HEADING.match(label)


def _leads_on(item: Block) -> bool:
    """`- the mediator:` over its own items: a line the items under it finish, shown with them."""
    return plain(item.text).rstrip().endswith(":") and any(c.kind == "item" for c in item.children)


def _two_levels(item: Block) -> list[str]:
    """An item, its sub-items and what they lead into, one level deeper than `_bullet`."""
    kept = ("item", "math", "code", "table")
    inner = tuple(
        replace(c, children=tuple(g for g in c.children if g.kind in kept[1:])) if c.kind == "item" else c
        for c in item.children
        if c.kind in kept
    )
    return block_markdown(replace(item, children=inner))


def outline_list(view: NoteView) -> Iterator[Card]:
    """Outline notes: an item that only names a term, with two or more items under it saying what
    it is and does (`- interpreters` / `  - run source code at once` / `  - start fast`).

    When half its items or more are an aspect's labels over lists of their own (`- input` / `  - images`),
    the answer takes that level too: one line an item would read as a table of contents. What the
    answer shows makes no card again."""
    note = view.note
    shown: set[int] = set()
    for block, _ in view.definition_blocks():
        if block.kind != "item" or len(block.children) < 2 or len(block.lines()) != 1:
            continue
        if block.line in shown:
            continue
        if not all(c.kind == "item" for c in block.children):
            continue
        # `- Response wrapping:` over its sub-items is the same outline as `- Response wrapping`
        raw = block.text.strip()
        if raw.endswith(":"):
            raw = raw[:-1].rstrip()
            if not _COLON_LABEL.match(plain(raw)):
                continue  # "Publisher has:", "how it includes:": a sentence that runs on into its list
        if re.search(r"\s[-\u2013\u2014:=]\s|:\s|:$", plain(raw)):
            continue
        if _RUNS_ON.search(plain(raw)):
            continue  # "The core can either" / `  - write through` / `  - copy back`: one sentence, not a term
        term = term_text(raw)
        # a generic label ("Requirements") is kept: the final check gives it its subject
        if not term_shaped(term, 4) or code_like(term) or task_like(term):
            continue
        if NOT_A_TERM_START.match(term):
            continue
        # a line in quotes is what someone said ("they are not a bother"), not what the term is
        items = [item for item in block.children if not _QUOTED_LINE.match(plain(item.text).strip())]
        # what the term is and does, one line an item: the deeper levels are cards of their own
        deep = sum(_bare_head(item) for item in items) * 2 >= len(items)
        answer = "\n".join("\n".join(_two_levels(item)) if deep or _leads_on(item) else _bullet(item) for item in items)
        if len(items) > _MAX_OUTLINE_ITEMS or not _fits(items, answer) or answer.count("\n") >= _MAX_LINES:
            continue
        # its items are said in its answer: not again as clozes of their own
        lines = tuple(item.line for item in items)
        if deep:
            shown.update(lines)
        yield make_card(Kind.DEFINITION, term, answer, note, block, "outline-list", line=block.line, claims=lines)
