"""The final check of a definition card: is its front a term, and its back a meaning?

The part of the final check (`_check.py`) that reads a definition's term and answer: filing lines,
remarks, sentence pieces and argument turns are no terms; stubs, pointers, wishes and vacuous
answers are no meanings; a generic or nested label takes its subject, and the answer does not open
by naming its term again. Also the patterns the other cards' checks share with it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from types import MappingProxyType

from ..model import Card, Kind
from ..text import everyday, plain
from ._common import ANNOUNCES_LIST, COUNT_WORD, LIST_MARKER, NAMES_COUNTED_SET, NOTES_ON, ONE_EXAMPLE, only_links
from ._context import (
    CONTAINER_LABELS,
    GLOSSARY,
    QUALIFIED,
    SENTENCE_ADVERBS,
    STEP_BY_STEP,
    Place,
    asked_thing,
    bare_set,
    called_back,
    chapter_topic,
    counted_lead,
    course_topic,
    generic_label,
    headings_only,
    in_lower_case,
    item_label,
    member_label,
    named_thing,
    names_a_set,
    quality_set,
    reading_list,
    related_label,
    sentence_adverb,
    series_place,
    set_of,
    shares_a_stem,
    subject_of,
    unnumbered,
    viewpoint,
    which_to_use,
    words_of,
)
from ._outline_words import AUX, verb_forms
from ._terms import CLOCK_OR_DATE, PREMISE_WORDS

# Labels that file a note, not knowledge: `Parents: [[graphs]]`, `See also: ...`.
FILING = re.compile(
    r"^(?:parents?|children|child|up|see also|related(?: notes| to)?|links?|moc|index|topics?|category|categories"
    r"|area|tags?|source|sources|status|backlinks?|hierarchy|refs?|references|further reading|reading list"
    r"|sub-?(?:topics?|sections?|pages|notes)|cross\s+references?|chapter\s+context|target\s+deck|file\s+tags)$",
    re.I,
)
# Words a note is found by (`Keywords: enum, enumerations`): an index's entry, unless it says what
# keywords are ("Keywords: words the language reserves").
_INDEX_LABEL = re.compile(r"^(?:keywords?|key\s+words|search\s+terms)$", re.I)
_SHORT_ENTRY = 4


def _index_entry(term: str, answer: str, context: tuple[str, ...]) -> bool:
    if not _INDEX_LABEL.match(words_of(term)):
        return False
    entries = [words_of(entry) for entry in re.split(r"[,;]", plain(answer).strip().rstrip("."))]
    if len(entries) == 1:
        return bool(context) and entries[0] == words_of(context[-1])  # the heading's own words again
    return all(0 < len(entry.split()) <= _SHORT_ENTRY for entry in entries)


# A maker and a year: "OpenAI, 2021", "Vaswani et al., 2017"
_WHO_AND_WHEN = re.compile(r"[^\W\d_][\w&.' -]{0,40},\s*(?:1[89]|20)\d\d")
# Whose view a list or a line gives: "Walsh argues", "Kant says", "The pyramid says"
_VIEW_VERBS = MappingProxyType(
    {
        "says": "say",
        "said": "say",
        "argues": "argue",
        "argued": "argue",
        "thinks": "think",
        "believes": "believe",
        "suggests": "suggest",
        "proposes": "propose",
        "points out": "point out",
        "concludes": "conclude",
        "notes": "note",
        "explains": "explain",
        "observes": "observe",
        "contends": "contend",
        "maintains": "maintain",
        "emphasizes": "emphasize",
        "emphasises": "emphasise",
        "responds": "respond",
        "replies": "reply",
        # said by many: "Instrumentalists say", "Scholars believe"
        **{
            verb: verb
            for verb in "say argue think believe suggest propose conclude contend maintain respond reply".split()
        },
    }
)
_NOT_WHO = frozenset("he she it they this that we i you one everyone someone nobody".split())
_VIEW_OF = re.compile(
    rf"(?P<who>(?:the\s+)?[A-Z][\w.'\u2019-]*(?:\s+[A-Z]?[\w.'\u2019-]+){{0,2}}?)\s+(?P<verb>{'|'.join(_VIEW_VERBS)})"
)
# "Dropout introduces a variable": a sentence before the colon, not a term.
_SENTENCE_TERM = re.compile(
    r"^\S+(?:\s+\S+)?\s+[a-z]+(?:es|s)\s+(?:a|an|the|two|three|its|their|some)\b"
    # "Animals have two souls", "Threads can share memory": a subject and its verb, a claim
    r"|^\S+(?:\s+\S+)?\s+(?i:have|has|had|can|cannot|will|must|should|may|might|do|does|did)\s+(?:not\s+)?[a-z]\S*\s+\S"
    # "Conflicts aren't inherently bad", "Brain teasers don't work": a negated verb after its subject, a
    # claim ("Don't Fragment (DF)" opens on it, a flag's name; "Why surplus isn't enough" asks)
    r"|^(?!(?i:why|how|what|when|where|which|who)\b)[^()]*?[^\W\d_]\s+"
    r"(?i:is|are|was|were|do|does|did|can|could|wo|would|should|has|have)n['\u2019]t\s"
    # "Sleep, for example": one case of the line above
    r"|,\s*(?i:for\s+example|for\s+instance|e\.\s?g\.?)$"
)
# "Charge each operation $2", "Create a value of i": an instruction, a step of a procedure
_INSTRUCTION = re.compile(r"^(?P<verb>[A-Za-z][a-z]+)\s+(?:(?P<any>each|every|your|our)|all|the|a|an)\s+\S")
# A lead-in that runs on into its list: "made up of", "includes", "such as".
_WAITING_WORDS = (
    r"of|in|on|with|by|for|to|as|like|into|from|include|includes|including|contains?|consists?|are|is|has|have"
)
# a label the items go on from: "made up of", "Once the interrupt fires,"
_RUNS_ON = re.compile(rf"(?:,|\b(?:{_WAITING_WORDS}))$", re.I)
# How the author feels about the thing, not what it is: "kinda kitsch, but would be fun to copy".
_OPINIONATED = re.compile(
    r"\bwould be (?:fun|nice|cool|great|interesting) to\b"
    # "what shapes them probably": a guess of a few words, not a meaning
    r"|^(?:\S+\s+){0,5}(?:probably|perhaps|maybe|i\s+think|i\s+guess)\W*$",
    re.I,
)
# A stub: words trailing off into dots.
STUB = re.compile(r"(?:\.{3,}|\u2026)\s*$")
# Cards the author wrote as flashcards (`{{c1::...}}`, `Q::A`, `#card`): kept as written.
WRITTEN_AS_CARDS = frozenset({"anki-cloze", "inline-flashcard", "multiline-flashcard", "card-tag", "front-back"})

_DEFINING_VERB = r"(?:is|are|refers to|means|denotes|stands for)(?:\s+(?:also\s+)?(?:defined|described)\s+as)?"
_LEAD = re.compile(r"(?:(?:an?|the)\s+)?(?:\*\*|__|\*|_)?", re.I)
_GAP = re.compile(r"[-\s]+")
_LAST_ASIDE = re.compile(r"\s*\([^()]*\)$")
# Words of a sentence or a clause, which a name seldom has: "Pass a route", "While not converged"
_CLAUSE_WORD = re.compile(
    r"\b(?:a|an|the|is|are|was|were|be|not|no|while|if|when|there|this|that|it|to|or|and)\b|n['’]t\b", re.I
)
# A label over what is left of a list: "others", "misc", "the rest" over "- logging - metrics" asks nothing
_THE_REST = frozenset(["other", "others", "misc", "miscellaneous", "etc", "the rest", "everything else"])
_LABEL_WORDS = 4  # an item label of more words is a sentence the items go on with, unless a name and an aside


def _owner_name(label: str) -> str:
    """The name an item label gives its items' owner: the label itself, when short ("ACID"), or the
    name before a long label's closing aside ("App Service Plan" of "App Service Plan (Dev v Production
    v Isolated)"); empty when that is a sentence ("There are 3 types (locales)") or no short name
    ("P(Dice 1 ≤ 2 and Dice 2 ≤ 3)")."""
    if len(label.split()) <= _LABEL_WORDS:
        return label
    aside = _LAST_ASIDE.search(label)
    if aside is None or not aside.group()[:1].isspace():
        return ""
    name = label[: aside.start()]
    return "" if len(name.split()) > 3 or "(" in name or _CLAUSE_WORD.search(name) else name


_AFTER_TERM = re.compile(rf"(?:\*\*|__|\*|_)?(?:\s*\([^()]*\))?,?\s+{_DEFINING_VERB}\s+", re.I)


def _without_term_again(card: Card, term: str) -> Card:
    """A definition's answer does not open by naming its term again ("Dropout is a technique ..."
    under the front "Dropout" reads "a technique ..."). Matched word by word, not with a pattern
    built per card: compiling one for each of a vault's cards cost more than all the rules."""
    if not term or not card.back:
        return card
    # "Mean Absolute Error (MAE)" opens as "Mean absolute error is"; "Few-Shot" as "Few shot"
    words = _LAST_ASIDE.sub("", term).replace("-", " ").split()
    back = card.back
    lead = _LEAD.match(back)
    pos = lead.end() if lead else 0
    for i, word in enumerate(words):
        if back[pos : pos + len(word)].casefold() != word.casefold():
            return card
        pos += len(word)
        if i < len(words) - 1:
            gap = _GAP.match(back, pos)
            if not gap:
                return card
            pos = gap.end()
    after = _AFTER_TERM.match(back, pos)
    if not words or not after:
        return card
    rest = back[after.end() :]
    return replace(card, back=rest) if len(rest.split()) >= 3 else card


# A phrase that labels a remark ("A typical situation", "Another weird method", "See for
# example", "Things to remember"): evaluative or pointing words before a generic noun.
_REMARK_MODIFIERS = frozenset(
    """a an the another other typical classic classical bad good related general main key interesting important
    simple basic some more further common weird strange useful nice great possible alternative similar first
    second next last final quick short my our this that these those cool fun funny odd ugly messy broken
    buggy crazy surprising amazing neat curious wild""".split()
)
# Words that judge or compare what follows ("A critical design decision", "A simpler variant"); a
# name's own adjective ("A simple graph", "A phony target") is not among them.
_JUDGING = frozenset(
    """interesting useful fascinating critical crucial important nice great cool fun weird strange possible
    different inherent key main typical classic good bad alternative similar related further more most subtle
    notable clever elegant naive common cleaner simpler softer better worse easier harder cheaper safer
    neater""".split()
)
_REMARK_HEADS = re.compile(
    r"^(?:situation|example|pattern|method|idea|thought|note|point|thing|case|question|approach|option|problem"
    r"|issue|reason|way|use|fact|observation|tip|trick|reading|resource|link|paper|book|source|reference|element"
    r"|aspect|takeaway|summary|overview|version|detail|remark|comment|application|cell|part|bit|stuff|lesson"
    r"|code|output|result|error|bug|log)(?:e?s)?$"
)
# "following diagram", "The above also proves the following": a term that points at what is around it
_POINTED_TERM = re.compile(r"(?:the\s+)?(?:above|below|following|aforementioned)(?![\w-])")
_DEICTIC = frozenset({"below", "above", "here", "there", "following", "the following", "this", "that"})
# "The table above", "figure below": a picture or a block next to the line, not a term.
_SHOWN_NEARBY = re.compile(
    r"(?:the\s+)?(?:table|figure|diagram|image|picture|graph|plot|example|code|snippet|equation|formula|screenshot"
    r"|chart)s?\s+(?:above|below)"
)
# "Here's why: consider 3 cases ...", "Put simply: ...": a turn of the author's argument, not a term.
_ARGUMENT_TURN = re.compile(
    r"(?:here|that|this|which)(?: s| is)? (?:why|how|what|the thing|the catch|the trick)|(?:a )?reminder|to be clear"
    r"|put simply|simply put|in other words|suppose|assume|note that|basically|essentially|remember"
)
_CITATION_KEY = re.compile(r"^[A-Z][a-z]+(?:[A-Z][a-z]+)?\d{4}[a-z][a-z0-9]*$")
# A question asking for an explanation, which a link to read does not give ("Where are the slides?" may).
EXPLAINING = re.compile(r"^(?:why|how)\b", re.I)
# A worked example: "4 choose 2", "3 + 4", "2^10"; and the sections that hold them.
_WORKED = re.compile(r"^\d[\d.,]*\s*(?:[a-z]+|[-+*/^x\u00d7])\s*\d[\d.,]*$", re.I)
EXAMPLES = re.compile(
    r"^(?:worked\s+|some\s+|more\s+)?(?:examples?|exercises?|practice(?:\s+problems?)?|homework)\b|^(?:ex|eg|e\.g)\.\s"
    # "Simple Example to Tie It Together", "Super Simple Example (3 Receipts Only)": one case worked through
    r"|^(?:(?:a|an|the|one|another)\s+)?(?:super\s+|very\s+)?(?:simple|quick|concrete|real[- ]world|practical|toy"
    r"|small|tiny|full|complete|detailed|illustrative|running|basic)\s+example\b",
    re.I,
)
# "BCNF Example 1", "Example 2": one of a section's worked examples, by number
NUMBERED_EXAMPLE = re.compile(r"\b(?:example|excerpt)\s*#?\d+[a-z]?$", re.I)
_NUMBERED_CHOICE = re.compile(
    r"^(?:option|variant|approach|method|way|version|case|attempt|solution|alternative|idea|behaviou?r|belief|principle"
    r"|law|lesson|habit|tip|pillar|value|trait|takeaway|question|problem|exercise|item|factor|reason|point|rule|step)"
    r"(?:\s*#?\d+|\s+#?[a-z])$",
    re.I,
)
# "images are build-time constructs", "more like an interface": a whole clause or a comparison, not a
# name; "WLLN is about", "Instructions are written" run on into their items, which finish the sentence
_CLAUSE = re.compile(r"^\S+(?:\s+\S+){0,3}\s+(?i:is|are|was|were)\s+\S")
_COMPARISON = re.compile(r"^(?:more|less|much|very|quite|rather|mostly|just|also)\s+[a-z]\S*\s+\S")
_RUNS_ON_WORDS = frozenset("written about always both be like of to for as by".split())
_LEADS_ON = frozenset("on in with from into input inputs".split())
_COUNTING = frozenset("a an the two three four five six many several some all these those its their".split())
_NOUN_GOES_ON = frozenset("of and or & vs".split())


# "Later we'll populate instances", "Here you can see": the writer or the reader doing something
_PERSON_DOING = re.compile(
    r"(?:^|\s)(?:(?i:we|we'll|we’ll|we've|we’ve|we're|we’re|you'll|you’ll|let's|let’s)|I|I'll|I’ll|I'm|I’m)(?=\s|$)"
)


# "Descriptive, which include facts", "Visual word representation, which maps words to ...": a
# relative clause that goes on about the words before it, the line's sentence and not a term.
_RELATIVE_CLAUSE = re.compile(r",\s*(?:which|who|whose)\s+\S+", re.I)


# A line that says "is"/"are" inside it is a sentence: "Two pointers are maintained"
_AUXILIARY_INSIDE = re.compile(r"\s(?:is|are|was|were)\s", re.I)


def _said_of_the_item_above(label: str) -> bool:
    """An item's line that is a sentence about the item it sits in ("Reference parameters" /
    "Has a few types" / "Constant parameter: ..."), or a sentence of its own ("Two pointers are
    maintained"): it names no owner of the items under it; the item above does."""
    first = label.split()[0].lower() if label.split() else ""
    # opening on an auxiliary or a verb, its subject left to the item above: "Has a few types",
    # "Will have rules for ...", "Uses two spaces"
    return first in AUX or first in verb_forms()[0] or _AUXILIARY_INSIDE.search(label) is not None


def _clause_term(term: str) -> bool:
    if _COMPARISON.match(term) or _does_something(term) or _PERSON_DOING.search(term):
        return True
    if _RELATIVE_CLAUSE.search(term):
        return True
    last = term.split()[-1] if term.split() else ""
    return bool(_CLAUSE.match(term)) and last not in _RUNS_ON_WORDS and not last.endswith("ed")


def _does_something(term: str) -> bool:
    """ "Parent reads from pipe", "Attention scales quadratically": a subject and a verb in the
    present, said as a sentence. A name's plural stays ("Google Maps API", "Kafka Streams"): it is
    capitalized, or it ends the term ("Time series models")."""
    words = term.split()
    third, base = verb_forms()
    if words[-1:] and (words[-1] in _RUNS_ON_WORDS | _LEADS_ON or words[-1] in third | base):
        return False  # "Decision depends on", "coordinates satisfy": it runs on into the items that finish it
    for i, word in enumerate(words[1:4], 1):
        if i == len(words) - 1 or word not in third:
            continue
        # a plural noun: "Two forms of obligations", "Parallel requests and batching", "models (agnostic)";
        # a relation of two names: "Dog extends Animal", as code declares it
        after = words[i + 1]
        if words[i - 1].lower() not in _COUNTING and after not in _NOUN_GOES_ON and after[:1].islower():
            return True
    return False


# A note to self in an answer: "interesting facts (find refs when have time)".
_TODO_NOTE = re.compile(
    r"\b(?:find refs?|when (?:i )?have time|todo|tbd|to be (?:written|continued|done)|fill (?:this|it) in"
    r"|fill in later|(?:will|i'?ll|we'?ll|to)\s+skip|skip(?:ped|ping)?\s+(?:it|this|that|for now)"
    # "Related to IP fragmentation, discuss later": put off, not said
    r"|(?:discuss(?:ed)?|explain(?:ed)?|cover(?:ed)?|more)\s+later"
    # "Definition needed.": a stub the author means to fill in
    r"|(?:definition|explanation|description|details|answer)\s+(?:needed|missing|pending|to come|coming soon))\b",
    re.I,
)
_URL_SCHEME = frozenset({"http", "https", "ftp", "www", "mailto", "file"})


def links_only(markdown: str) -> bool:
    """Every line is a link (or a list item that is one)."""
    lines = [LIST_MARKER.sub("", line) for line in markdown.split("\n") if line.strip()]
    return bool(lines) and all(only_links(line) for line in lines)


# An answer whose sentence has a subject of its own: "The user's token is deleted", "Each worker has ..."
_OWN_SUBJECT = re.compile(
    r"(?:the|this|these|its|their|each|every|our|your|my)\s+(?P<subject>(?:[^\s.,;:()]+\s+){0,3}?)(?:\([^()\n]*\)\s+)?"
    r"(?:(?:never|always|only|also|still|often)\s+)?"
    r"(?:is|are|was|were|has|have|can|cannot|will|must|should|may|does|do|gets?|becomes?)\s"
    r"|(?:it|they|we|you)\s+(?!(?:is|are)\s+(?:a|an|the)\b)\w+\s"
    # ... or a rule's condition and what follows from it: "If X→Y holds then XZ→YZ holds"
    r"|if\s.+?\bthen\s",
    re.I,
)


def _says_another_thing(term: str, answer: str) -> bool:
    """Whether an answer is a sentence with a subject of its own, not the term's: "the token is
    deleted" under "Token removal" is; "The TLB is a cache ..." under "Translation Lookaside Buffer
    (TLB)" defines the term."""
    said = _OWN_SUBJECT.match(answer)
    if said is None:
        return False
    subject = words_of(said.group("subject") or "")
    name = words_of(re.sub(r"\([^()]*\)", " ", term))
    asides = {words_of(aside) for aside in re.findall(r"\(([^()]*)\)", term)}
    copula = said.group(0).split()[-1].lower() in ("is", "are")
    defines = copula and re.match(r"(?:a|an|one)\s", answer[said.end() :], re.I) is not None
    return not (defines and subject and (subject == name or subject in asides))


# A lowercase word or two that many subjects use ("barrier", "server", "pricing tiers").
_COMMON_WORD = re.compile(r"[a-z][a-z-]*(?: [a-z][a-z-]*)?")
_HOW_TO = re.compile(r"^(?:how|when|where|why)\s+(?:not\s+)?to\s+\w", re.I)
_NO_OBJECT = re.compile(r"\bto\s+(?:use|apply|choose|pick|avoid)(?:\s+(?:it|them))?$", re.I)
_NUMBERED_SET = re.compile(
    rf"\b(?:\d{{1,2}}|{COUNT_WORD})\s+(?:(?:kinds|types|sorts)\s+of\s+\w+"
    r"|(?:\w+\s+)?[a-z]+s\b(?!\s+(?:of|to|for)\b))",
    re.I,
)
ASKING_GAP = re.compile(r"^\W*(?:how|why|what|when|where|which|who)\b", re.I)
_VACUOUS = re.compile(
    r"^(?:(?:has|is)\s+)?(?:something|anything)\s+(?:to\s+do\s+with|like|about)\b|^not\s+sure\b"
    # the writer does not know, or points at the reader's memory: "idk lol but ...", "The one you're
    # probably most familiar with."
    r"|^(?:idk|i\s+don['’]?t\s+know|no\s+idea)\b|^the\s+one\s+(?:that\s+)?(?:you|we)(?:['’]re|\s)"
    r"|^(?:an?\s+)?(?:concept|term|thing|topic|idea|notion)\s+(?:from|in|of)\s+[\w\s&-]{1,40}\.?$"
    r"|^\S+\s+etc\.?$|^exists\b"
    # "described below": where the meaning is, not what it is
    r"|^(?:(?:is|are)\s+)?(?:described|explained|discussed|defined|covered|see|more)\s+(?:below|above|later|elsewhere)\.?$"
    # "better described in Lorteije 2015, but ...": another text says it
    r"|^(?:(?:is|are)\s+)?(?:better|best|also|more\s+fully)\s+(?:described|explained|covered|discussed|defined)\s+in\b"
    # a bare category, no meaning: "scrum" -> "the methodology"
    r"|^the\s+(?:(?:main|basic|key|core|general|whole|same|usual)\s+)?(?:methodology|method|thing|idea|concept|tool"
    r"|approach|technique|process|framework|way|stuff)\.?$"
    # "For now, a stub, to collect good info on ...": a note still to be written
    r"|^(?:for\s+now,?\s+)?(?:just\s+)?an?\s+(?:empty\s+)?(?:stub|placeholder)\b"
    # how much it matters or how people feel about it, not what it is: "Especially important for
    # CNNs", "The famous weird editor that everyone hates or loves"
    r"|^(?:especially|particularly|very|really|super|quite|extremely)\s+(?:important|useful|relevant|popular"
    r"|common|helpful|handy|nice)\b|^(?:the|an?)\s+(?:famous|infamous|notorious|beloved|dreaded)\b"
    # "one of the most prevalent data structures in computer science": how it ranks, not what it is
    r"|^(?:is\s+)?one\s+of\s+the\s+(?:most|best|least|biggest|largest)\s+[^,;:.]{1,60}\.?$"
    # "built on this principle": what the line before said, which the card does not hold
    r"|^(?:\w+\s+){0,3}(?:on|from|by|like|of)\s+(?:this|that|these|those)\s+(?:principle|idea|concept|approach"
    r"|method|one|ones|technique)\.?$"
    # "a crucial part of training your model effectively.": that it matters, and to what, all it says
    r"|^(?:is\s+)?(?:an?\s+|the\s+)?(?:very\s+|most\s+)?(?:crucial|critical|important|essential|key|vital|integral"
    r"|fundamental)\s+(?:part|step|aspect|component|element|factor|consideration)\s+(?:of|in)\s+[^,;:.]{1,60}\.?$",
    re.I,
)
# "Same, but for demons.", "similar but faster": a meaning that leans on the line before it, never named
_LIKE_THE_LAST = re.compile(
    r"^(?:the\s+)?(?:same|similar(?:ly)?|ditto|likewise)(?:\s*[,;:.!]|\s+(?:but|except|here|again)\b|\s*$)", re.I
)
# "- why\n- how": the questions an argument should answer, listed as bare words; no meaning.
_ONLY_ASKING = re.compile(r"(?:[-*+]\s+(?:why|how|what|when|where|who|which)\??\s*)+", re.I)
_EXCLAIMED = re.compile(r"[^\W\d_]{2,}!+\s*$")
_LINK_FIRST = re.compile(r"^\s*(?:[-*+]|\d+[.)])?\s*(?:https?://|\[[^\]\n]*\]\(|<https?://)")


def _only_links_after_label(text: str, offset: int) -> bool:
    """The line `offset` lines into a block's text says, after its label, nothing but links."""
    lines = text.splitlines()
    return 0 <= offset < len(lines) and only_links(lines[offset].split(":", 1)[-1])


def _every_line_links(answer: str) -> bool:
    """A list whose every line holds a web address ("- Unemployment by country: https://..."):
    places to go, however each is labelled."""
    lines = [line for line in answer.splitlines() if line.strip()]
    return len(lines) >= 2 and all("://" in line for line in lines)


def vacuous(answer: str) -> bool:
    """An answer that says no meaning: "has something to do with ...", "idk lol", "described below";
    or only that its subject matters: "Data flow analysis plays a crucial role in software testing"."""
    said = plain(answer).strip()
    if _VACUOUS.match(said):
        return True
    matters = _ONLY_MATTERS.match(said) if "\n" not in said else None
    return matters is not None and not _SAYS_WHAT.search(said[: matters.start("matters")])


# "X plays a crucial role in Y", "Achieving high coverage is essential for ...": one sentence that says
# its subject matters, not what it is or does
_ONLY_MATTERS = re.compile(
    r"^[^.;:]{0,100}?\b(?P<matters>plays?\s+an?\s+(?:crucial|key|vital|pivotal|important|significant|central"
    r"|fundamental|essential)\s+role\s+(?:in|for)\b"
    # "Understanding weight initialization is crucial for ...": knowing it matters
    r"|^(?:understanding|knowing|achieving|mastering|ensuring)\b[^.;:]{0,80}?\b(?:is|are)\s+(?:crucial|essential"
    r"|fundamental|vital|paramount|pivotal|critical|indispensable|important|key)\b"
    # "The `yield` keyword is a powerful feature of generators": how good it is, and of what
    r"|\b(?:is|are)\s+(?:an?|the)\s+(?:(?:very|most|really|extremely)\s+)?(?:powerful|useful|handy|important"
    r"|crucial|essential|great|nice|neat|valuable|critical|fundamental|vital)\s+(?:feature|tool|part|concept"
    r"|aspect|technique|addition|capability|component|step)s?\b(?![^.;:]*\bbecause\b))[^.;:]*\.?$",
    re.I,
)
# ... unless it says what the subject is first: "Blade is Laravel's templating engine, and it plays ..."
_SAYS_WHAT = re.compile(r"\b(?:is|are)\s+(?:an?|the|\w+'s)\s", re.I)


# A cost said as a bare label ("Time: O(n)", "Space"), and the sections that hold a problem's solutions.
_COST = re.compile(r"(?:time|space|memory|runtime)(?:\s+complexity)?")
_SOLUTIONS = re.compile(r"(?:my\s+)?(?:solutions?|approach(?:es)?|methods?|algorithms?|implementations?)")


def _of_the_problem(subject: str, term: str, context: tuple[str, ...]) -> str:
    """A solution's cost is the problem's: "Number of Provinces" › "Solution" › "BFS" › "Space: O(N)"
    asks of "Number of Provinces (BFS)", not of any BFS."""
    if (
        not subject
        or not _COST.fullmatch(words_of(term))
        or not any(_SOLUTIONS.fullmatch(words_of(p)) for p in context[1:])
    ):
        return subject
    title = course_topic(context[0])
    if words_of(title) in words_of(subject) or series_place(title) or generic_label(title):
        return subject
    return f"{title} ({subject})"


# A lead-in that is a short label of its own ("node failures:"), not a sentence ("Each node runs:")
_LABEL_LEAD = re.compile(r"[^\W\d_][\w'’-]*(?:\s+[\w'’-]+){0,2}")


def _chapter_lead(context: tuple[str, ...], place: Place) -> str:
    """In a chapter that names no topic ("Understanding Distributed Systems" › "Chapter 6"), a lead-in
    that is a short label says what its items are of ("node failures:" over "- crash-stop: ..."); the
    title names a book, not their subject. Nothing under a chapter that names its topic, or for a
    lead-in sentence ("Each node runs:")."""
    headings = headings_only(context, place)
    if place.lead_in is None or len(headings) < 2 or not series_place(headings[-1]):
        return ""
    label = context[-1].rstrip(":").strip()
    if not _LABEL_LEAD.fullmatch(label) or _RUNS_ON.search(label) or _CLAUSE_WORD.search(label):
        return ""
    return subject_of((label,))


# A heading that is a name by its form: an acronym ("POP3", "SMTP", "RAID 5") or a path ("/etc/passwd")
_NAME_FORM = re.compile(r"[A-Z][A-Z0-9]{1,4}(?:[ -]?\d{1,3})?|/[\w.-]+(?:/[\w.-]+)*")


_FILING_HEADINGS = frozenset(
    "unsorted uncategorized uncategorised misc miscellaneous inbox archive todo backlog".split()
)


def _named_heading(context: tuple[str, ...], place: Place, term: str) -> str:
    """The heading right above a list (under the note's title) when its form says it is a name: an
    acronym, a path, or a few capitalised words ending on a singular noun. "uid" under `### /etc/passwd`
    in notes on passwords is the file's field, "authorization" under `### POP3` in notes on mail is
    POP3's phase, and "backups" under `### Data Integrity` in notes on a book are its, not the note's.
    Nothing when the item says the heading's name again ("PIP: pip freeze", "Linked List: list head")."""
    headings = headings_only(context, place)
    if len(headings) < 2:
        return ""
    heading = plain(headings[-1]).strip().strip("`").strip()
    if _NAME_FORM.fullmatch(heading):
        return "" if shares_a_stem(term, heading) else heading
    said = set(words_of(term).split()) & set(words_of(heading).split())
    if said:
        return ""
    # one rare capitalised word, not a plural ("Kafka", "Dropout", "Cronjob"); "Internals", "Security"
    # are what the note's subject has, not a name
    one = (
        re.fullmatch(r"[A-Z][a-z][a-z0-9-]+", heading)
        and not heading.endswith(("s", "ing"))  # "Internals", "Scripting": what the subject has or does
        and not everyday(heading.lower())
        and not GLOSSARY.search(heading)
        and heading.lower() not in _FILING_HEADINGS
    )
    return heading if one or named_thing(heading) else ""


_TITLE_SMALL = frozenset("and or of the to in for on a an vs & /".split())  # left in lower case in a title


def _as_aspect(term: str) -> str:
    """A label said after its subject: "Key Property" as "key property", "Use case" as "use case";
    a name in capitals stays ("ML interpretation")."""
    if all((word[:1].isupper() and word[1:].islower()) or word in _TITLE_SMALL for word in term.split()):
        return term.lower()  # "Time and Space" as "time and space"
    return term[:1].lower() + term[1:] if term[1:2].islower() else term


_DEFINING_HEADING = re.compile(r"(?:concept |formal |basic )?definitions?|(?:key|core|main|basic|important) concepts")
_OWNER_WORDS = 3
_ASKS_THEN_SAYS = re.compile(r"\?\s+\S")
_DEFINITION_LABELS = frozenset({"definition", "def", "defn", "formal definition", "formally"})


def _says_its_name(named: str, said: str) -> bool:
    """An answer that is the term again and what it belongs to: "the value of the variable".
    (Both are words_of text: single spaces, lower case.)"""
    article, _, rest = said.partition(" ")
    if not named or article not in ("the", "a", "an") or not rest.startswith(f"{named} "):
        return False
    owner = rest[len(named) + 1 :].split()
    return bool(owner) and owner[0] in ("of", "for", "in") and len(owner) - 1 <= _OWNER_WORDS


def led_by_links(markdown: str) -> bool:
    """Most lines open with a link: `- https://... - Texture and detail` is a lesson to go to."""
    lines = [line for line in markdown.split("\n") if line.strip()]
    return bool(lines) and sum(bool(_LINK_FIRST.match(line)) for line in lines) * 2 > len(lines)


def remark_label(term: str) -> bool:
    """A label for a remark, an example or a reading, not a term: "A typical situation"."""
    words = re.sub(r"\s*\([^()]*\)", "", plain(term)).casefold().split()
    if not words:
        return False
    if words[0] in ("see", "cf", "cf.") or " ".join(words) in _URL_SCHEME:
        return True
    if "to" in words[1:]:  # "Elements to play with", "Things to remember"
        head = words[words.index("to", 1) - 1]
        return bool(_REMARK_HEADS.match(head))
    if words[0] in ("a", "an", "another") and len(words) > 2 and words[1] in _JUDGING:
        return True  # "A useful mnemonic", "A cleaner design": the writer's judgement of what comes, no name
    if not _REMARK_HEADS.match(words[-1]):
        return False
    # "An IRL example": an indefinite article makes any phrase a remark's label
    return words[0] in ("a", "an", "another") or all(w in _REMARK_MODIFIERS for w in words[:-1])


# A label that is a piece of a sentence, not a name: "At times", "Typically given a specification",
# "Above xy-plane", "Establishes the first law of thermodynamics".
_FRAGMENT_WORDS = sorted(
    {
        *"at above below mostly when because since without by into during unless whereas although though thus"
        " therefore hence otherwise instead equivalently moreover furthermore afterwards obviously can could should"
        " would must might may shall cannot else firstly secondly thirdly lastly currently honestly rarely optionally"
        " repeatedly is are was were does did".split(),  # "Is fast", "Does not": a predicate, its subject above
        *"of via as about".split(),  # "of posterior values", "As of 2023", "About 100 years ago": a phrase's tail
        *SENTENCE_ADVERBS,  # "Conventionally", "Ultimately: all files hold bytes"
    }
)
_FRAGMENT_TERM = re.compile(
    # the word as a sentence starts it, not an acronym ("AT&T"), nor a hyphenated term ("By-product")
    r"^(?:" + "|".join(w.capitalize() + "|" + w for w in _FRAGMENT_WORDS) + r")(?![-\w&])"
    r"|^[A-Z][a-z]+(?:es|s)\s+(?:a|an|the|its|their|some|all|every)\s"
    r"|^[A-Z][a-z]+(?:es|s)\s+[a-z]+ly\s+(?:a|an|the|into|to|from|with|by|on|in)\s"  # "Translates easily into gates"
    r"|^[A-Za-z]+-wise$"  # "Speed-wise": how the line under it compares, an aspect of something unnamed
    r"|^(?:[Hh]ave|[Hh]as|[Hh]ad|[Nn]eeds?|[Oo]ught|[Gg]oing)\s+to\s"  # "Have to say": a duty, its subject above
    # "Wrong: storing the total beside its parts", "Better: a fixed upper bound": the writer's verdict on the
    # example that follows, no name ("good" and "bad" under a subject are often its pros and cons, and stay)
    r"|^(?i:better|worse|best|worst|correct|incorrect|wrong)$"
)
# A question a pointer answers: "Where are the logs?" / "See [[Logging]]."
ASKS_WHERE = re.compile(r"^(?:where|which|who)\b", re.I)
# A sentence cut at its colon after a verb: "Streams can: files, network connections", "Mergesort goes".
_CUT_AT_VERB = re.compile(
    # not "K-means", "Diminishing returns", "Suffix tries": verbs only a sentence ends on
    r"\S\s+(?:can|could|should|must|would|might|is|are|was|were|has|have|goes|does|becomes"
    r"|seems|happens|depends|allows|requires|involves)$",
    re.I,
)
# "The reading does not" / "- separate sentience from consciousness": a sentence cut at its negation
_CUT_AT_NOT = re.compile(
    r"\S\s+(?:does|do|did|is|are|was|were|can|could|will|would|should|must|may|might|has|have)\s+not$", re.I
)
# An answer that only sends the reader elsewhere: "See Clean Architecture."
SEE_ONLY = re.compile(r"^\W*(?:see|cf\.?|refer\s+to|check\s+out|look\s+at)\s+[^.!?\n]{1,80}[.!]?\s*$", re.I)
# A sentence that points back to the course rather than saying something: "Recall the spherical
# coordinates introduced in Chapter 16."
POINTS_BACK = re.compile(
    r"^\W*(?:recall|remember)\s+(?:the|our)\s[^.]*?\b(?:from|introduced|defined|definition|seen|discussed|covered)\b"
    # "Touched on in Swift - Basic Syntax": where the notes said it, and all this one says
    r"|^\W*(?:touched\s+(?:up)?on|covered|discussed|mentioned)\s+(?:briefly\s+)?(?:in|under)\s+[^.\n]{1,80}\.?$"
    # "how it will end (same idea as above)", "an open-source system belonging to this category": the
    # rest of the meaning is in the line before, which the card does not hold
    r"|\bsame\s+(?:idea|thing|as)\s+(?:as\s+)?(?:above|before)\b|\b(?:belonging\s+to|in|of|from)\s+this\s+category\b"
    # "an attack that extends on the previous example": what it builds on is in the note, not on the card
    r"|\b(?:extends?|extending|builds?|building|expands?|improves?)\s+(?:up)?on\s+the\s+(?:previous|preceding|earlier"
    r"|last|above)\b|\b(?:described|discussed|covered|shown|explained|used)\s+in\s+the\s+(?:previous|preceding)"
    r"\s+(?:section|chapter|example|slide|lecture)s?\b(?!,)",
    re.I,
)

# "Lines 3 and 4 tell us ...", "the entry shown in line 7", "What lines are the same as ...?": the numbered
# lines of a listing the card does not hold ("jump to line 42" is a command's, "lines of 80 characters" a size)
LISTING_LINES = re.compile(
    r"(?<!\bto )\blines?\s+\d+(?:\s*(?:,|and|-|\u2013|to|&)\s*\d+)*\b(?!\s*(?:of|characters|chars|long|wide|bytes)\b)"
    r"|\bwhat\s+lines\b",
    re.I,
)

# A label for the way through the notes, in words ("next()" and SQL's NEXT are names): "Previous",
# "Next chapter".
_NAVIGATION = re.compile(r"(?:[Pp]revious|[Pp]rev|[Nn]ext)(?:\s+(?:chapter|note|lesson|section|lecture|topic))?")

# A sentence on the text the card comes from, not on its subject: "This section will guide you through
# ...", "In this note, we explore ...", "This chapter discusses ...", "This article serves as ...".
ABOUT_THE_TEXT = re.compile(
    r"(?:^|:\s)(?:[^.:\n]{0,60},\s*)?(?:in\s+)?this\s+(?:note|section|chapter|part|article|lesson|lecture|post|video"
    r"|tutorial|guide|document|page|write-?up|blog(?:\s+post)?|code|snippet|diagram|figure|picture|example)\b"
    r"(?:\s*,?\s*(?:we|i)\b|\s+(?:will|is|was|covers?|demonstrates?|illustrates?"
    r"|describes?|details?|explores?|discuss(?:es)?|explains?|introduces?|provides?|presents?|serves?|goes|focus(?:es)?"
    r"|builds?|adds?|looks?|walks?|summari[sz]es?|contains?|assumes?|continues?|shows?|outlines?|reviews?|offers?"
    r"|gives?)\b)",
    re.I,
)

# "formulation here", "several options here": a place kept for a meaning still to be written
_GOES_HERE = re.compile(r"(?:[\w-]+\s+){1,2}(?:goes\s+)?here\.?", re.I)
# Labels over links that say where a note is filed: "Path: [[dl]] / [[regularization]]"
_WHERE_FILED = frozenset({"path", "breadcrumb", "breadcrumbs", "location", "filed under", "folder"})
# "LEC 0201 / TUT 0101": a course's section codes
_CODES = re.compile(r"[A-Z]{2,5}\s*\d{2,5}[A-Z]?(?:\s*[/,;&]\s*[A-Z]{2,5}\s*\d{2,5}[A-Z]?)*")
# "(cap and trade)": an aside in brackets, all the answer says (a formula in brackets is more)
_ASIDE_ONLY = re.compile(r"\([^()$]*\)")
# "Proof example" is a sample; a "labeled example" (a note's or a glossary's name) and a counterexample are terms
_COUNTEREXAMPLE = re.compile(r"counter[\s-]?example$", re.I)
_TITLED = frozenset({"title-definition", "glossary", "heading-definition"})
# "See also ...": other notes to read, never a meaning or a synonym.
_SEE_ALSO = re.compile(r"^\W*see\s+also\b", re.I)
# "See X for a comparison": a pointer with a reason, not a synonym's name.
_SEE_FOR = re.compile(r"\s(?:for|on|about|to)\s", re.I)
_EXAMPLES_OF = re.compile(r"^(?:some\s+)?examples?\s+(?:of|include)\b", re.I)
# A title and who wrote it, or a year in parentheses at the end: a reference, not a meaning.
_CITED = re.compile(r"\.\s*\(\d{4}[a-z]?\)\.?$|^[^.]{3,}\.\s+[A-Z][a-z]+\s+(?:[A-Z]\.\s+)*[A-Z][\w'’-]+\.?$")


# A word that says what something is like ("Homogeneous", "Contiguous", "Vectorized", "Immutable"): a
# quality of what the heading or lead-in above names, however rare the word.
_QUALITY = re.compile(r"(?:ous|ible|able|ful|less|ive|i[sz]ed)$")


def _everyday(term: str) -> bool:
    """ "Monitoring and Review", "Right sizing": a few everyday words that name an aspect of what
    the heading above is on, not a name of their own."""
    words = re.findall(r"[^\W\d_]+", term.lower())
    return 2 <= len(words) <= 4 and term.isascii() and all(everyday(w) for w in words)


_DURATION = re.compile(
    r"(?:first\s+|last\s+|next\s+)?\d+\s*(?:s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?|days?|weeks?|months?)"
)
# Headings that sort a note's parts without naming an aspect of its subject.
_NO_SUBJECT_HEADING = re.compile(
    r"review|recap|introduction|intro|overview|summary|preliminaries|notes?|basics|background|context|details"
)


_STUDY_VERBS = frozenset(
    "define, explain, describe, discuss, justify, derive, define the following,"
    # an exercise's instruction: "Prove or disprove: every tree has two leaves" is a task, not a term
    " prove, prove or disprove, disprove, show, show that, find, calculate, determine, solve, verify,"
    " simplify".split(", ")
)
# headings that sort or sum up a note's parts: "Tree algorithms: rrt", not "Tree algorithms other: rrt"
_SORTING_LABELS = (
    frozenset(
        "general, misc, miscellaneous, other, others, notes, summary, overview, takeaways, key takeaways, key points,"
        " main points, recap, basics, the basics, fundamentals, highlights, what it is, what it does, what they are,"
        " what they do, concept, the concept, key concept, core concept, the core concept".split(", ")
    )
    | CONTAINER_LABELS
)
# Headings whose items are the parts the subject has, the steps it takes or the uses it is put to; the
# first ones may also name whose ("Use Cases for Consensus", "Architecture of HDFS")
_NAMING_ROLES = (
    "architecture", "structure", "workflow", "mechanism", "use case", "use cases", "uses", "application",
    "applications", "solution", "solutions",
)  # fmt: skip
_ROLES = frozenset(_NAMING_ROLES) | frozenset(
    " ".join(label.split())
    for label in """flow, process, mechanisms, how it works, usage, the solution, fix, the fix, effect, effects,
    performance, intuition, interpretation, why it matters, idea, the idea, key idea, main idea, general idea,
    algorithm, general algorithm, method, approach, strategy, implementation, setup""".split(",")
)
_ROLE_OF = re.compile(
    rf"^(?P<role>{'|'.join(sorted(_NAMING_ROLES, key=len, reverse=True))})\s+(?:of|for)"
    r"\s+(?:(?:the|an?)\s+)?(?P<of>[^\W\d_].*)$",
    re.I,
)
# A heading said as a clause of its own: "How it works", "Why it matters"
_CLAUSE_LABEL = re.compile(r"\s(?:how|why|when|where|what)\s", re.I)
_DEFINED_ALONE = re.compile(r"(?:an?|one)\s", re.I)


def _role_label(label: str) -> bool:
    """ "Architecture", "Key idea", "Common use cases": a heading over what the subject is made of or does."""
    words = words_of(label)
    qualified = QUALIFIED.fullmatch(words)
    return words in _ROLES or (qualified is not None and qualified.group(1) in _ROLES)


# ... and those of them that restate the subject's points, each item one of them
_SUMMING_UP = frozenset("key points, main points, takeaways, key takeaways, highlights, summary".split(", "))
_ASIDES = frozenset(
    "note, notes, nb, n b, remark, remarks, important, very important, notice, quote, quotation, key quotation,"
    " key quote, aside, side note,"
    " sidenote, fyi, update, edit, maybe, perhaps, probably, possibly, hint, hints,"
    # "Put another way: the purpose of NGD is ...": the same said again, not a term
    " put another way, put differently, put simply, simply put, in other words, that is, basically, essentially,"
    " in short, in a nutshell, in essence, as a reminder, reminder, to recap, as a recap, ibid, ibidem".split(", ")
)
# A sentence cut off on a word no sentence ends on ("... the score function depends on the",
# "... of the tree and"), or on a clause that goes on elsewhere
CUT_OFF = re.compile(
    r"\b(?:of|the|a|an|and|or|that|which|whose|whereby)\s*$|,\s*(?:by|with|to)\s*$"
    # "Knowing that charge flows from high to low concentration,": a clause whose sentence goes on elsewhere
    r"|^(?:knowing|given|since|because|if|when|although|while|assuming|once)\b[^.]*,\s*$",
    re.I,
)
_CODE_SPAN = re.compile(r"`[^`\n]*`")


PROOF_SECTION = re.compile(
    r"^\W*(?:proofs?|proof\s+(?:of|that)\b.*|proof\s+\d+\b.*|proof\s+(?:sketch|steps|idea|outline))\W*$", re.I
)


# A proof named only as one ("Another proof", "Alt common proof", "Proof sketch", "Proofs (not in the
# slides)"), not a method of proving ("Proof by induction") nor a name ("Proof of work")
_PROOF_TERM = re.compile(
    r"(?:(?:another|alt|alternative|alternate|common|visual|short|simple|formal|full|second|first|the)\s+)*"
    r"proofs?(?:\s+(?:sketch|steps|idea|outline))?"
)
# ... and a proof by a method that is that proof, worked: "Assume A_TM is decidable. ..."
_PROOF_STARTS = re.compile(r"^\W*(?:assume|suppose|let|towards|for\s+contradiction)\b", re.I)


def _a_proof(term: str, answer: str) -> bool:
    """A proof worked through, labelled as one: its steps are no meaning of the label."""
    words = words_of(re.sub(r"\([^()]*\)", " ", term))
    if _PROOF_TERM.fullmatch(words):
        return True
    return words.startswith("proof by ") and _PROOF_STARTS.match(plain(answer)) is not None


# "Iteration 2: Entering variable", "Node 3 (exploring x1 <= 1)": one step of a run traced by hand
_TRACE_STEP = re.compile(r"^\W*(?:iteration|node|epoch|trial|tableau)\s*#?\d+\b", re.I)


def worked_example(heading: str) -> bool:
    """A section of examples, exercises or a proof worked through ("Examples", "Ex. Tim Hortons", "BCNF
    Example 1", "DIP Example", "Proof"): its labels ("Base case:", "Blue subgraph:", "Database
    interface:") are steps or parts of it, not terms. ("Activation function examples" may list terms.)"""
    return bool(
        EXAMPLES.match(heading)
        or NUMBERED_EXAMPLE.search(heading)
        or _TRACE_STEP.match(heading)
        or ONE_EXAMPLE.search(heading)
        or PROOF_SECTION.match(heading)
    )


# Numbers put into an expression and its value worked out: "= (2 \times 3 + 1) \times 1800 = 12{,}600",
# "= 1GB / 4kB = 2^18", "$2^{10} \times 512 = 512$ KiB"; not a power worked out ("$2^{10} = 1024$")
_NUMBER = r"(?:\d(?:[\d.,]|\{,\})*+|\\frac\{\d+\}\{\d+\})"
_OPERATOR = r"(?:[-+*/×÷]|\\times|\\cdot|\\div|(?<=\s)x(?=\s))"
# what may stand between the numbers of a sum: marks, brackets, commands, units stuck to a number ("4kB")
_ARITHMETIC = rf"(?>\s|[()\[\]{{}}^]|\\[a-zA-Z]+|{_OPERATOR}|{_NUMBER}(?:[a-zA-Z]{{1,3}}\b)?)*+"
_WORKED_STEP = re.compile(
    rf"(?:^|=|\$)\s*(?=[^=$\n]*?\d[)}}\s]*{_OPERATOR})(?:{_ARITHMETIC})(?:=|\\approx|≈)\s*"
    # the value: a number, a power of one ("2^18"), a unit after it ("6ms"), and no variable ("25C^2")
    rf"(?:\\mathbf\{{|\\boxed\{{|\{{)?\s*-?{_NUMBER}(?:\^\{{?\d+\}}?)?(?:\s*[a-zA-Z]{{1,5}}\b(?![\^_({{]))?"
    rf"(?![\w^({{\\])"
)
_OUTSIDE_FORMULAS = re.compile(r"\$\$.*?\$\$|\$[^$\n]*\$|`[^`\n]*`", re.S)
_WORKED_WORDS = 12


def worked_numbers(text: str) -> bool:
    """A sum done with one case's numbers, and little said around it ("Layer 2: $R_2 = 3 + (3-1) \times 1
    = 5$", "Max latency = 60 / 10000 = 6ms"): the working of an exercise, not a fact to recall."""
    if not _WORKED_STEP.search(text):
        return False
    return len(re.findall(r"[A-Za-z]{3,}", _OUTSIDE_FORMULAS.sub(" ", text))) <= _WORKED_WORDS


# "5. Comprehensive Exercise: KNN", "Step-by-Step Solution": a problem worked through, step by step
EXERCISE_SECTION = re.compile(r"\bexercises?\b|^(?:step[- ]by[- ]step|worked)\s+solutions?$", re.I)


# A course's paperwork in an answer: how much a piece of work counts for, how long it may be, when it is due.
PAPERWORK = re.compile(
    r"\b(?:weighting|weighted|worth)\s*:?\s*\d+(?:\.\d+)?\s*%|\bword (?:limit|count)\b|\bdue (?:date|on|by)\b", re.I
)


# "I.e. ReLU, Sigmoid", "e.g. ...": an item that says again what the one above it says.
_SAYS_THAT = re.compile(r"^\W*(?:i\.\s?e\.|e\.\s?g\.|ie\b|eg\b)", re.I)
# A line that opens with "e.g.": examples of what is said above it.
FOR_EXAMPLE = re.compile(r"^\W*(?:e\.\s?g\.|eg\b|for\s+(?:example|instance)\b|ex\.\s)", re.I)
# "Example title", "Example: treat", "Example for super key": one sample of a thing. ("example"
# alone is a glossary's term; "Example applications" and "Examples of ..." name a set.)
_AN_EXAMPLE_OF = re.compile(r"^example\b(?!\s+[\w-]*[^s\W]s\b)(?=\W*\w)", re.I)


# A label that is a condition or a setting, not a term: "For graphs", "Within a file", "In Go's server".
_CONDITION = re.compile(
    r"^(?:within|in|at|on|for|during|after|before|with|without|under|from|across|between|inside|outside|when"
    r"|if|once|upon)\s+\S",
    re.I,
)
# A heading over a formula's symbols, which says which formula least: "Symbols", "Notation"
_LEGEND = re.compile(r"\b(?:symbols?|notations?|variables?|legend|parameters)\b", re.I)
# A condition proper, in words: "If minimizing affected nodes" (not "Inside Global Address", a term)
_IF_OR_WHEN = re.compile(r"^(?i:if|when|once|unless)\s+[a-z][a-z ]*$")
_CODE_WORDS = re.compile(r"\b(?:statements?|loops?|clauses?|blocks?|expressions?|keywords?)$", re.I)
# The keywords a construct is named by: "If Statement", "For each loop", "ON DELETE clause"
_KEYWORDS = frozenset("if else elif for each foreach for-each while do with switch case try on".split())
_NAMING_WORDS = 10
# A lead-in whose sentence the items finish: "Circuit breakers must be", "A good key should be".
_RUNS_INTO = re.compile(r"\bbe$", re.I)
_OUTLINES = frozenset({"outline-list", "outline-definition"})
# The last word of a line that its items finish: a preposition, a verb or a modal waiting for them
_SENTENCE_GOES_ON = re.compile(
    rf"\b(?:{_WAITING_WORDS}|via|be|was|were|must|should|can|could|will|would|may|might|when|if|because)$", re.I
)
# "Each router", "All threads in a process": one of a set or all of it, that its items describe
_QUANTIFIED = re.compile(r"(?:each|every|all|both|most|many|some)\s+\w", re.I)
_TURNS = frozenset(
    ["in fact", "in addition", "in particular", "for example", "for instance", "in contrast", "on the other hand"]
)


def _sorts_only(part: str) -> bool:
    """A context part that names no subject a condition could be of: "Formal Definition", "Notes"."""
    words = words_of(part)
    if part.endswith("\u2026") or len(words.split()) > _NAMING_WORDS:
        return True  # a long lead-in sentence, cut short in the context: the heading above names it
    return words in _SORTING_LABELS or words in _DEFINITION_LABELS or GLOSSARY.search(part) is not None


# A heading that names the case its items are in: "When Thread Pools Win", "When Recall Matters",
# "Where C++ Is Harder" (not a sentence that goes on: "When a new point arrives, the algorithm ...")
_CASE_HEADING = re.compile(r"^(?:when|where)\s+[^\s,.:;?]+(?:\s+[^\s,.:;?]+){1,5}$", re.I)
# A word written as a name, not a description: `ASG`, `GraphQL`, `IPv4`
_NAME_CAPITALS = re.compile(r"[A-Z]\w*[A-Z]")


def _case_prompt(card: Card, term: str, place: Place | None, context: tuple[str, ...]) -> str:
    """ "When Thread Pools Win: Shared state" for `- **Shared state**: workers reuse cached data` under
    `### When Thread Pools Win`: an item under a heading that names a case is what holds in that
    case; alone, "Shared state" asks what shared state is."""
    if card.rule in WRITTEN_AS_CARDS or place is None or len(context) < 2 or place.block.kind != "item":
        return ""
    if any(p.kind == "item" for p in place.parents) or place.lead_in is not None:
        return ""
    heading = plain(context[-1]).strip()
    if not _CASE_HEADING.match(heading) or _NAME_CAPITALS.search(term) or words_of(term) in words_of(heading):
        return ""
    return f"{heading}: {term}"


def _qualities_prompt(card: Card, term: str, place: Place | None, context: tuple[str, ...]) -> str:
    """ "Docker benefits: Portability" for `- **Portability**: runs anywhere` under Docker's "Benefits":
    an item under a heading or a lead-in that names the subject's qualities (benefits, pitfalls,
    reasons) is one of them, whatever its name; alone, "Portability" asks what portability is."""
    if card.rule in WRITTEN_AS_CARDS or place is None or len(context) < 2 or generic_label(term):
        return ""
    if place.block.kind not in ("item", "paragraph") or any(p.kind == "item" for p in place.parents):
        return ""
    said = quality_set(context[-1], lead_in=place.lead_in is not None)
    if said is None and place.lead_in is not None and _describes(term) and not names_a_set(context[-2]):
        said = counted_lead(plain(context[-1]).strip().rstrip(":").strip())
    if said is None:
        return ""
    named, phrase = said
    if not named:
        subject = subject_of(context[:-1])
        if not subject or GLOSSARY.search(subject):
            return ""
        named = subject if words_of(phrase) in words_of(subject) else f"{subject} {phrase}"
    if words_of(term) in words_of(named):
        return ""
    return f"{named}: {term}"


# A name as its author writes one: two capitals ("LLVM IR", "Flow Control"), camelCase, code or maths
_NAMED = re.compile(r"[A-Z]\S*\s*[A-Z]|\b[a-z]+[A-Z]|[`$]|\[\[")


def _describes(term: str) -> bool:
    """ "Growing phase", "Preventing saturation", "time-based": an item that says what one of a set
    does or is, which needs the set to be asked; "Flow Control", "MAC address" or "Cross-attention"
    is a name of its own, asked alone wherever a note defines it."""
    if _NAMED.search(term):
        return False
    words = term.split()
    if len(words) == 1:
        return term.islower() or everyday(term.lower())
    return any(w[:1].islower() for w in words[1:])


# An aspect of something the note speaks of: "input to the network", "solution to the problem"
_ASPECT_OF_THE = re.compile(
    r"^(?:the\s+)?(?:inputs?|outputs?|solutions?|goals?|aim|purpose|results?|cost|size|role|loss|objective"
    r"|structure|architecture)\s+(?:to|of|for|from|in)\s+(?:the|this|that|these|their|our|its)\s",
    re.I,
)


# An answer that is a value, not a meaning: "O(n log n)", "O(n) with a deque", "0.001", "92%", "$O(1)$".
_VALUE = re.compile(
    r"^\$?\s*(?:[OΘΩo]\s*\([^()]*(?:\([^()]*\)[^()]*)*\)|~?\d[\d.,]*(?:e-?\d+)?\s*(?:%|[a-z]{1,3}\b)?)\$?"
    r"(?:\s*(?:→|->|[,;/(])\s*\S.{0,120}|\s+(?:or|and|with|to|for|in|when|if|per|using|by)\s+\S.{0,120})?$"
)


# A meaning that reports what a study found: "The results indicated ...", "The study revealed ...".
_REPORTS_FINDING = re.compile(
    r"^(?:the\s+|our\s+|their\s+)?(?:results?|study|studies|findings?|authors?|researchers?|survey|experiments?"
    r"|analysis|data)\s+(?:indicated?|found|finds|shows?|showed|suggest(?:s|ed)?|reveal(?:s|ed)|report(?:s|ed)"
    r"|demonstrat(?:es|ed))\b"
    # "MNIST: 25% better test error than baseline": a result measured on it, not what it is
    r"|^(?:~|about\s+|around\s+)?\d[\d.,]*\s*(?:%|x|\u00d7|points?|pp|percentage\s+points?)?\s+(?:better|worse|higher"
    r"|lower|faster|slower|fewer|improvement|reduction|increase|decrease|gain|drop)\b",
    re.I,
)


# A lecture's "Recall:" is a reminder; recall the measure of a search or a classifier is a term.
_RECALL_MEASURE = re.compile(
    r"precision|positives?\b|false negative|relevant (?:documents|items|results)|retriev|sensitivity|classif"
    r"|\bTP\b|\bFN\b|\bmetric",
    re.I,
)


# "Require:" / "Ensure:": the input and output lines of an algorithm box (LaTeX's algorithmic), one
# line each; the algorithm is the thing to learn, not its list of arguments line by line. (Capitalized
# as the box writes them: Node's `require` is a function to know.)
PSEUDOCODE_IO = re.compile(r"^\W*(?:Require|Ensure|REQUIRE|ENSURE)\W*:")


# "Part 3: Matching Questions", "Quiz 2", "Detailed Example": where a quiz or an example sits, not what
# its items are of
_QUIZ_OR_EXAMPLE = re.compile(
    r"\b(?:questions|quiz(?:zes)?|exercises?|problem sets?|examples?)\b|^(?:problem|question|exercise|task)\s*\d",
    re.I,
)


def _under_a_sentence(place: Place | None, context: tuple[str, ...]) -> bool:
    """The card sits under a lead-in sentence ("This plugin accepts the following options:"), which
    names no subject: the heading above it does."""
    return place is not None and place.lead_in is not None and bool(context) and len(context[-1].split()) > 4


# The kinds of point a section gathers: "Common Mistakes", "Important Reminders", "Best Practices and Tips"
_POINTS = re.compile(
    r"(?:\w+\s+){0,3}(?:mistakes|errors|reminders|tips|notes|practices|decisions|considerations|pitfalls|traps"
    r"|gotchas|insights|observations|lessons|guidelines|recommendations|caveats|warnings|details|rules|things to \w+)"
)


# ... those that say whether the point is a thing to do or to avoid, which its label seldom says
_ILL_OR_WELL = re.compile(r"\b(?:mistakes|errors|pitfalls|traps|gotchas|caveats|warnings|practices)\b", re.I)


def _points_of(heading: str) -> bool:
    """A heading naming the kind of points its section sorts, all of the subject above it."""
    return _POINTS.fullmatch(words_of(heading)) is not None


def _naming_headings(
    context: tuple[str, ...], place: Place, skip: Callable[[str], bool] = lambda _: False
) -> tuple[str, ...]:
    """The parts of the context that may name what a label under them is of: not the list's lead-in,
    nor a quiz's section, a worked example's, nor a heading that is a sentence ("Sequential reads are
    fast; random reads are expensive"): the heading above them names the set."""
    items = sum(1 for p in place.parents if p.kind == "item")
    lead_in = len(context) - 1 - items if place.lead_in is not None else -1
    return tuple(
        p.rstrip(":").rstrip()
        for i, p in enumerate(context)
        if i != lead_in
        and not (_sorts_only(p) or _QUIZ_OR_EXAMPLE.search(p) or _clause_term(p) or bare_set(p) or skip(p))
    )


def singular(words: str) -> str:
    """Words with a plural's ending taken off each: "processes" and "process" read alike."""
    return " ".join(_one(w) for w in words.split())


def _one(word: str) -> str:
    if word.endswith(("sses", "xes", "ches", "shes", "zes")):
        return word[:-2]
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    return word[:-1] if word.endswith("s") and not word.endswith(("ss", "us", "is")) else word


def _names_a_kind(heading: str) -> bool:
    """A heading that names a kind of thing its items are sorts of ("Departmentalization", "REST
    Principles", "Backup Types"), not an aspect label, a summing-up or a question."""
    said = words_of(heading)
    if not said or generic_label(heading) or said in _SUMMING_UP or GLOSSARY.search(heading):
        return False
    if any(generic_label(word) for word in said.split()):
        return False  # "Advantages and Limitations", "Final Summary", "Beware of limitations": aspects
    if " " not in said and said.endswith("s"):
        return False  # "Parameters", "Categories": a set whose owner is the heading above
    if heading.rstrip().endswith(("\u2026", "...")) or _CONTINUED.search(said):
        return False  # "Gender is …": a sentence the items finish
    return _NOT_A_KIND.match(said) is None


_PLACE_OR_RANK = re.compile(
    r"(?:within|in|on|at|for|to|from|with|by|as|under|key|main|recommended|notable|common|useful|important|other)\b",
    re.I,
)
_CONTINUED = re.compile(r"\b(?:is|are|was|were|be|of|the|a|an|to|by|with|as|for|in|on|from|this|these|those)$")
_NOT_A_KIND = re.compile(
    r"(?:why|how|what|when|where|which|who|whose|is|are|do|does|can|the|a|an|my|our|your|final|complete|comparison"
    r"|recap|worked|beware)\b"
)
# A word shaped as an adjective: "Geographical", "Asynchronous", "Incremental", "Repulsive", "Layered"
_ADJECTIVE = re.compile(r"[A-Za-z][a-z]{2,}(?:ical|al|ous|ic|able|ible|ive|ful|less|ed)")


# "Subjective vs. Objective Duties", "Recognizable vs. Co-recognizable vs. Decidable Languages": sides
# compared, named by the noun the heading ends on ("explained", "compared" after it say nothing of them)
_VERSUS = re.compile(r"\s+(?:vs\.?|versus)\s+", re.I)
_COMPARED_TAIL = re.compile(r"\s+(?:explained|compared)$", re.I)
_NOT_A_NOUN = frozenset("in on of for at to with by from and or as".split())
_SIDE_ASIDE = re.compile(r"\s*\([^()]*\)$")
# a side that is a thing of its own, not a kind: a plural ("Containers") or a noun by its ending
_A_THING = re.compile(r"(?:[^\Wsu]s|tion|sion|ment|ness|ity|ism)$", re.I)


def _side_compared(term: str, heading: str) -> str:
    """One side of the comparison a heading draws, named with the noun they share ("Objective
    (imperatives)" under "Subjective vs. Objective Duties" is "Objective duties (imperatives)"), or ""
    when the term is no side, or the sides are names of their own ("Containers vs. Virtual Machines",
    "Perplexity vs. Cross-Entropy")."""
    parts = _VERSUS.split(_COMPARED_TAIL.sub("", heading.strip()))
    width = len(parts[0].split())
    last = parts[-1].split()
    if len(parts) < 2 or any(len(p.split()) != width for p in parts[:-1]) or not width < len(last) <= width + 2:
        return ""
    noun = last[width:]
    named = (*parts[:-1], " ".join(last[:width]))
    if noun[0].lower() in _NOT_A_NOUN or any(_A_THING.search(side) or side.lower() == "other" for side in named):
        # "null vs undefined in JS": where, not what; "Containers vs. Virtual Machines", "Containerization vs.
        # System Virtualization": things compared, not kinds of one; "REST vs. Other API Styles": one of many
        return ""
    bare = _SIDE_ASIDE.sub("", term)

    def key(text: str) -> str:
        return re.sub(r"[\W_]+", "", text.casefold())

    side = next((s for s in named if key(s) == key(bare)), None)
    if side is None:
        return ""
    return f"{side} {in_lower_case(' '.join(noun))}{term[len(bare) :]}"  # "Duties" is "duties"; "RVs" stays


def check_definition(card: Card, context: tuple[str, ...], place: Place | None) -> Card | None:
    # "**1. Time Complexity:** O(n)": the number places the label in its note, it is not the term's
    term = unnumbered(plain(card.front).strip())
    side = _side_compared(term, context[-1]) if len(context) > 1 and card.rule not in WRITTEN_AS_CARDS else ""
    if side:
        # "Safe" under "Safe vs. Unsafe State" is the safe state, and no other note's "Safe"
        term = side
        card = replace(card, front=side)
    topic = course_topic(context[0]) if context else ""  # "W5N2 - TCP" is on TCP
    if card.rule not in WRITTEN_AS_CARDS and len(context) > 1 and which_to_use(context[-1]):
        # "When to use which" over `- nano: quick edits`: each item says when to use it
        return replace(card, kind=Kind.BASIC, front=f"When to use {card.front}?")
    if card.rule not in WRITTEN_AS_CARDS and PSEUDOCODE_IO.match(f"{term}:"):
        return None  # "*Require*: a step size": one argument of an algorithm box
    recalled = called_back(term) if card.rule not in WRITTEN_AS_CARDS else None
    if recalled == "":
        if not _RECALL_MEASURE.search(" ".join((*context, card.back))):
            return None  # "Recall: output signals do not change instantaneously": a reminder, no term
    elif recalled and "`" not in card.front:
        term = recalled
        card = replace(card, front=term)  # "Recall a key: a minimal set of attributes ..." defines "key"
    if FILING.match(words_of(term)) or _CITATION_KEY.match(term) or _SENTENCE_TERM.search(term):
        return None
    if _index_entry(term, card.back, context):
        return None  # "Keywords: lookup, constant time": words to find the note by, no knowledge
    if _WHO_AND_WHEN.fullmatch(term):
        return None  # "**OpenAI, 2021** - The model that ...": who made the heading's subject and when, no term
    view = _VIEW_OF.fullmatch(term) if card.rule not in WRITTEN_AS_CARDS else None
    if view and view["who"].split()[0].lower() in _NOT_WHO:
        view = None  # "He says": who he is, the line before says
    if view and _VIEW_VERBS[view["verb"]] == view["verb"] and not re.search(r"(?:s|people)$", view["who"]):
        view = None  # "Allowed to conclude": a plural verb's holders are plural ("Critics", "Some people")
    headings = headings_only(context, place) if view else ()
    if view and len(headings) > 1 and not (view["verb"] == "notes" and everyday(view["who"].split()[-1].lower())):
        # "Walsh argues:" over what he argues, under "Modularity of development": his view on it, asked as such
        # (not "Release notes"; under no heading of its own, the view stays as the note wrote it)
        who = re.sub(r"^The\s", "the ", view["who"])  # "the pyramid"
        base = _VIEW_VERBS[view["verb"]]
        many = base == view["verb"]
        if many and who.split()[0].isalpha() and everyday(who.split()[0].lower()):
            who = who[:1].lower() + who[1:]  # "Some people think", "Scholars believe": no one's name
        asked = f"what {'do' if many else 'does'} {who} {base}?"
        return replace(card, kind=Kind.BASIC, front=f"{unnumbered(headings[-1])}: {asked}")
    if _NAVIGATION.fullmatch(term):
        return None  # "Previous: [[1. Cloud Computing]] | Next: [[3. HTTP]]": the way through the notes
    if card.rule not in WRITTEN_AS_CARDS and _a_proof(term, card.back):
        return None  # "Another proof: det(V) = ...", "Proof by contradiction: Assume A_TM is decidable": one worked
    if words_of(term) in PREMISE_WORDS:
        return None  # "Given: $f(x,y) = cxy$ for $1 < x < 4$": what a worked problem starts from, no term
    if words_of(term) in _THE_REST and card.rule not in WRITTEN_AS_CARDS:
        return None  # "Web Tier" › "others": the things the list did not sort, no subject of their own
    instruction = _INSTRUCTION.match(term)
    if (
        instruction
        and (instruction["any"] or instruction["verb"].lower() in verb_forms()[1])
        and card.rule not in WRITTEN_AS_CARDS
    ):
        if not card.back.lstrip().startswith(("`", "```", "~~~")):  # "Create a table: `CREATE TABLE ...`" says how
            return None  # "Charge each operation $2", "Select a variable X": a step of a procedure, no term
    one_example = ONE_EXAMPLE.search(term) and not _COUNTEREXAMPLE.search(term) and card.rule not in _TITLED
    if (_AN_EXAMPLE_OF.match(term) or FOR_EXAMPLE.match(term) or one_example) and card.rule not in WRITTEN_AS_CARDS:
        return None  # "Example title: Figure 1. ...", "Proof example: Prove ...": a sample of the thing, no term
    if _ASKS_THEN_SAYS.search(term) and card.rule not in WRITTEN_AS_CARDS:
        return None  # "Why? Greedy colouring: colour vertices 1-by-1": a question and its answer, no term
    clause = "`" not in card.front and not term.endswith("?") and _clause_term(term)
    if clause and card.rule not in WRITTEN_AS_CARDS:
        return None
    if card.rule not in WRITTEN_AS_CARDS and (
        _FRAGMENT_TERM.search(term)
        or _CUT_AT_NOT.search(term)
        or ("\n" not in card.back.strip() and _CUT_AT_VERB.search(term))
    ):
        return None  # "At times: might be working against the current", "Streams can: files, sockets"
    top_item = place is not None and not any(p.kind == "item" for p in place.parents)
    runs_on = _SENTENCE_GOES_ON.search(term) or _QUANTIFIED.match(term)
    if card.rule in _OUTLINES and top_item and ": " not in card.front and runs_on:
        # `- the reviewer should` over `  - run the tests` ...: a sentence its items finish, said of what the
        # headings above name ("Reviewing: the reviewer should"); an item above it names it better, later
        subject = subject_of(headings_only(context, place))
        if subject and words_of(subject) not in words_of(term):
            return replace(card, front=f"{subject}: {term}")
    # "Clean Architecture: See Clean Architecture."; a glossary's "X: see Y" names a synonym (aliases.py)
    if "\n" not in card.back.strip() and SEE_ONLY.match(plain(card.back)):
        # a title's "See [[X]]." names a synonym; "See also X", "See X for a comparison" point away
        pointer = plain(card.back)
        synonym = card.rule == "title-definition" and not (_SEE_ALSO.match(pointer) or _SEE_FOR.search(pointer))
        if not synonym and not any(GLOSSARY.search(part) for part in context):
            return None
    if _ASIDE_ONLY.fullmatch(card.back.strip()):
        return None  # "Carbon trading: (cap and trade)": another name in brackets, no meaning
    if _SEE_ALSO.match(plain(card.back)):
        return None  # "See also (special types of units): - lstm ...": other notes, not a meaning
    said, named = words_of(card.back), words_of(term)
    longer_name = said != named and len(said.split()) <= 3 and f" {named} " in f" {said} "
    if card.rule not in WRITTEN_AS_CARDS and longer_name and not term.isupper():  # "LESS: less than" says it
        return None  # "augmentation - data augmentation", "echo - echo-state networks": a longer name, no meaning
    if card.rule not in WRITTEN_AS_CARDS and _says_its_name(named, said):
        return None  # "value - the value of the variable": the term said again, of what it belongs to
    asked = [plain(line).strip() for line in card.back.splitlines() if plain(line).strip()]
    if asked and card.rule not in WRITTEN_AS_CARDS and all(line.endswith("?") for line in asked):
        return None  # "Methodology" / "- Data set retrieved?" / "- Sample?": what is still to be answered
    if len(asked) > 1 and card.rule not in WRITTEN_AS_CARDS and all(FOR_EXAMPLE.match(line) for line in asked):
        return None  # "Industry" / "- e.g., pharmaceutical companies": cases of something, not a meaning
    if _EXAMPLES_OF.match(plain(card.back)) or _CITED.search(plain(card.back).strip()):
        return None  # "Examples of NP-complete problems:", "The 1-hour workday. Jeffrey J. McDonnell."
    if "\n" in card.back.strip() and any(words_of(line) == words_of(term) for line in card.back.splitlines()):
        return None  # `- socialImage` / `  - socialImage` / `  - image`: a list of names, the term among them
    if _WORKED.match(term) or NUMBERED_EXAMPLE.search(term) or any(worked_example(part) for part in context[1:]):
        return None  # "4 choose 2: the number of ways ...": an example worked out, not a term
    if _CODES.fullmatch(plain(card.back).strip()):
        return None  # "Section: LEC 0201 / TUT 0101": a course's codes, no meaning
    if _DURATION.fullmatch(words_of(term)):
        return None  # "15 minutes: have a discussion, listen": a slot in an agenda, not a term
    if words_of(term) in _ASIDES and "`" not in card.front:
        return None  # "NOTE☠️: there was a big change ...", "Key quotation", "Maybe": a remark, asked by nothing
    if words_of(term) in _STUDY_VERBS:
        return None  # "Define" over "- Process" / "- Address space": things to be able to define, undefined
    if _NUMBERED_CHOICE.match(term) or series_place(term):
        return None  # "Option 3: np.atleast_2d(a) ...", "ch 7": a place in a list or a book, not a term
    if (
        card.front.count("`") % 2
        or all(_CODE_SPAN.sub("", side).count("$") % 2 for side in (card.front, card.back))
        or card.front.count("$$") % 2
    ):
        # a command cut in two at its dash ("`New-AzResourceGroup" / "Name _ -Location _`"), a formula at
        # its equals sign ("$A" / "B^TB$ for some invertible matrix $B$") or its colon ("$$h" / "X \to Y$$")
        return None
    if remark_label(term) and not generic_label(term):
        return None
    if (
        words_of(term) in _DEICTIC
        or _ARGUMENT_TURN.fullmatch(words_of(term))
        or _SHOWN_NEARBY.fullmatch(words_of(term))
        or _POINTED_TERM.match(plain(term).casefold())
    ):
        return None  # "Below is an actual decision tree.", "The table above is ...": a pointer to what is around
    if STUB.search(card.back) or _TODO_NOTE.search(card.back) or _GOES_HERE.fullmatch(plain(card.back).strip()):
        return None  # "Recursive least squares: formulation here": a place kept for what is to come
    if "\n" not in card.back.strip() and CUT_OFF.search(plain(card.back)):
        return None  # "motivation (passion) is a side effect of", "Collection of": a meaning cut off
    if _LIKE_THE_LAST.match(plain(card.back).strip()):
        return None  # `Concrete creator 1: makes orcs.` / `Concrete creator 2: same, but for demons.`
    if _VACUOUS.match(plain(card.back).strip()) or _ONLY_ASKING.fullmatch(card.back.strip()):
        return None  # "a concept from probability", "has something to do with taylor series": no meaning
    said = plain(card.back).strip()
    # "The codebase has 3 main sections", "a property with two parts": a set named, none of it said
    counted = ANNOUNCES_LIST.match(said) or ("\n" not in card.back.strip() and NAMES_COUNTED_SET.search(said))
    if counted or NOTES_ON.match(said) or _OPINIONATED.search(said):
        return None  # "The codebase has 3 main sections", "would be fun to copy": a list to come, a wish
    if card.rule == "dash-definition" and card.back.lstrip().startswith(">"):
        return None  # "Security posture -> Azure Security Center": an arrow read as a dash, not a meaning
    if "\n" not in card.back.strip() and _EXCLAIMED.search(plain(card.back)):
        return None  # "discovered only very recently, IN A BLOG POST!": a story about the term, not its meaning
    if card.back.strip() and (links_only(card.back) or led_by_links(card.back) or _every_line_links(card.back)):
        return None  # "Window functions" and two links: something to read, not a meaning
    if reading_list(term) and "://" in card.back:
        return None  # "Video links: billing: https://...": where to read or watch, whatever the label before it
    if (
        (related_label(term) or words_of(term) in _WHERE_FILED)
        and place is not None
        and _only_links_after_label(place.block.text, card.source.line - place.block.line)
    ):
        return None  # "Sister models: [[hopfield]], [[ising_model]]", "Path: [[dl]] / [[regularization]]": filing
    if len(term) == 1 and context and words_of(context[0]) not in words_of(term):
        # "E" (exposed) in the notes on the SIR model; "T" in "W1N2 - Lexical analysis" is lexical analysis's;
        # "L" in a formula's legend under "Little's Law" is that law's, not the notes on API design's
        owner = subject_of(headings_only(context, place))
        if not owner or _LEGEND.search(owner):
            owner = topic  # "Symbols", "Explanation of Variables": a legend's heading says which formula least
        return replace(card, front=f"{owner}: {term}")
    if card.front.startswith("`") and card.front.endswith("`") and context:
        # `stride` is MaxPool2D's, `eval()` a model's: the name needs its owner, which a lead-in
        # sentence ("This plugin accepts the following options:") does not name
        subject = subject_of(context[:-1] if _under_a_sentence(place, context) else context)
        if subject and words_of(term) not in words_of(subject):
            return replace(card, front=f"{subject}: {card.front}")
    if card.rule not in WRITTEN_AS_CARDS and context and _REPORTS_FINDING.match(plain(card.back).strip()):
        # "Life Satisfaction: The results indicated a negative association ...": what the study the note
        # is on found about that measure; "Life Satisfaction" alone asks for its meaning
        measure = " ".join(w.lower() if w[1:].islower() else w for w in term.split())  # "MNIST" stays
        return replace(card, kind=Kind.BASIC, front=f"{topic}: finding on {measure}")
    card = _without_term_again(card, term)
    if (
        card.rule not in WRITTEN_AS_CARDS
        and context
        and len(term.split()) > 1
        and "\n" not in card.back.strip()
        and _VALUE.match(plain(card.back).strip())
    ):
        # "Time complexity: O(n)" under a problem's name: that problem's, not what time complexity is
        subject = _of_the_problem(subject_of(context), term, context)
        if subject and words_of(subject) not in words_of(term):
            said = _as_aspect(term)
            return replace(card, kind=Kind.BASIC, front=f"{subject}: {said}")
    # atop a note, only a condition proper ("If minimizing affected nodes"): "Inside Global Address" atop a
    # quiz is a term
    conditional = len(context) >= 2 or (len(context) == 1 and _IF_OR_WHEN.match(term) is not None)
    if card.rule not in WRITTEN_AS_CARDS and conditional and _CONDITION.match(term) and ":" not in term:
        # "For graphs: number of vertices" under "Find the input size n": what the input size is for
        # graphs, asked with what it qualifies; a condition names no term of its own
        if words_of(term) in _TURNS:
            return None  # "In fact: a debate went on for a century": a turn of the sentence, no subject
        first = term.split()[0]
        construct = _CODE_WORDS.search(term) and all(w in _KEYWORDS for w in words_of(term).split()[:-1])
        if not (construct or (first.isupper() and len(first) > 1)):
            # not "If Statement", "For Loop": a construct's name (but "Within for loop" is a place in the
            # code); nor "IF (instruction fetch)", "ON DELETE"
            # the headings and the items it sits in name what it qualifies; a lead-in sentence ("Compilers
            # check it as follows") seldom does
            items = sum(1 for p in place.parents if p.kind == "item") if place is not None else 0
            lead_in = len(context) - 1 - items if place is not None and place.lead_in is not None else -1
            named = next(
                (p for i, p in reversed(list(enumerate(context))) if i and i != lead_in and not _sorts_only(p)),
                context[0],
            )
            return replace(card, front=f"{named}: {term[:1].lower() + term[1:]}")
    if card.rule not in WRITTEN_AS_CARDS and context and _ASPECT_OF_THE.match(term):
        subject = topic  # "input to the network" in the notes on one paper: its network's
        if words_of(subject) not in words_of(term):
            return replace(card, front=f"{subject}: {term}")
    parent = next((p for p in reversed(place.parents) if p.kind == "item"), None) if place else None
    if place is not None and place.block.kind == "paragraph" and place.lead_in is not None:
        subject = subject_of(context[:-1])  # "Erdős–Rényi model: degree distribution", under `**Properties**:`
        if subject and words_of(subject) not in words_of(term):
            return replace(card, front=f"{subject}: {term[:1].lower() + term[1:] if term[1:2].islower() else term}")
    if context and card.rule != "title-definition" and words_of(context[-1]) not in words_of(term):
        # "How to fight bad fit" › "Overfitting": the remedies, not what overfitting is;
        # "Dennett's 4 creatures" › "Darwinian": one of a numbered set, named by it
        if _HOW_TO.match(context[-1]) or (len(context) == 1 and _NUMBERED_SET.search(context[0])):
            place_name = context[-1]
            if _NO_OBJECT.search(place_name) and len(context) >= 2:  # "Decision trees, when not to use"
                place_name = f"{topic}, {place_name[:1].lower()}{place_name[1:]}"
            return replace(card, front=f"{place_name}: {term}")
    # a common word ("Storage", "Speed") names an aspect; a rare one ("Jupyter", "Kepler") is a name
    single = re.fullmatch(r"[A-Za-z][a-z][\w-]*", term) is not None
    one_word = single and everyday(term.lower())
    aspect = one_word and not _NO_SUBJECT_HEADING.fullmatch(words_of(context[-1]))
    if (
        single
        and card.rule not in WRITTEN_AS_CARDS
        and place is not None
        and place.block.kind == "item"
        and place.lead_in is not None
        and not any(p.kind == "item" for p in place.parents)
        and len(context) >= 2
        and _RUNS_INTO.search(context[-1])
    ):
        # "Circuit breakers must be:" / "- **Conservative.** Better to trip falsely": the item finishes
        # the lead-in's sentence, which is its prompt ("Circuit breakers must be: conservative")
        return replace(card, front=f"{context[-1]}: {term[:1].lower() + term[1:]}")
    aspect_label = generic_label(context[-1]) and not series_place(context[-1]) if context else False
    # a rare word under "Definition" or "Concept Definition" ("denoiser") is a term defined there, no
    # aspect of the subject's; an everyday one ("Intuition") is
    defining = bool(context) and _DEFINING_HEADING.fullmatch(words_of(context[-1])) is not None
    # under "Key practices" every item is one of the subject's practices, whatever its name; under
    # "Features", one named by everyday words ("Monitoring and review"); not under a summary or notes
    member = aspect_label and member_label(context[-1])
    names_itself = member and words_of(context[-1]).split()[-1][:-1] in words_of(term)  # "Unique constraints"
    listed = member and not names_itself and (QUALIFIED.fullmatch(words_of(context[-1])) is not None or _everyday(term))
    # under "Key points" of the Strategy pattern, "Runtime flexibility" is the pattern's (under "Quick
    # revision" or "Overview", "Data lake" is more often a term the section lists)
    listed = listed or (words_of(context[-1]) in _SUMMING_UP and _everyday(term))
    # under "Architecture" or "Use cases" an item names a part the subject has or a use it is put to
    # ("Dispatcher: hands each message to ..."), whatever its name; an item the line defines on its own
    # ("Consumer group: a set of consumers that ...") is a term of its own
    defined_alone = _DEFINED_ALONE.match(plain(card.back)) is not None
    role = card.rule not in WRITTEN_AS_CARDS and _role_label(context[-1]) and not defined_alone
    listed = listed or (role and len(subject_of(context[:-1])) > 2)  # not an answer's letter, "A"
    if (
        len(context) >= 2
        and aspect_label
        and ((re.fullmatch(r"[a-z][\w-]*", term) and not defining) or aspect or listed)
    ):
        subject = subject_of(context[:-1])  # "perf" under "Type" in notes on commit messages
        # not "Respect definition: Respect": a subject that is the term already says it
        if subject and not GLOSSARY.search(subject) and words_of(term) not in words_of(subject):
            # "Tree algorithms" › "Other" › "rrt": a heading that sorts, not an aspect to name
            sorting = words_of(context[-1]) in _SORTING_LABELS or related_label(context[-1]) or defining
            sorting = sorting or STEP_BY_STEP.fullmatch(words_of(context[-1])) is not None  # the steps' section
            # "Architecture" under "Clean Architecture": the subject says it already
            sorting = sorting or f" {words_of(subject)}".endswith(f" {words_of(context[-1])}")
            # in lower case but for a name's capitals ("differences to IPv4", not "ipv4")
            aspect_name = "" if sorting else f" {re.sub(r'^the ', '', in_lower_case(context[-1]))}"
            if _CLAUSE_LABEL.match(aspect_name):
                aspect_name = f",{aspect_name}"  # "NAT box, how it works: Translation table", not "box how it"
            return replace(card, front=f"{subject}{aspect_name}: {term}")
    role_of = _ROLE_OF.match(plain(context[-1]).strip()) if context else None
    if role_of and card.rule not in WRITTEN_AS_CARDS and not defined_alone and len(context) >= 2:
        # "Use Cases for Consensus" / "- Service discovery: agree on the healthy services": consensus's use,
        # the heading names whose
        owner = role_of["of"].rstrip(":").strip()
        if words_of(term) not in words_of(owner) and ": " not in owner and len(owner.split()) <= _OWNER_WORDS + 2:
            return replace(card, front=f"{owner} {role_of['role'].lower()}: {term}")
    under_heading = top_item and place is not None and place.lead_in is None
    # ... or under a list's own short label ("rebalancing" over "- dynamic: ..."), as a heading is
    under_label = (
        top_item
        and place is not None
        and place.lead_in is not None
        and len(context[-1].split()) <= _LABEL_WORDS
        and not _ADJECTIVE.fullmatch(context[-1])  # "Useful:" says what the items are, not what they are of
        # "Within this section", "Key fields", "Recommended order": where they are, or how they rank
        and not _PLACE_OR_RANK.match(context[-1])
    )
    if (
        single
        and card.rule not in WRITTEN_AS_CARDS
        and (under_heading or under_label)
        and len(context) >= 2
        and _ADJECTIVE.fullmatch(term)
        and _names_a_kind(context[-1])
        and words_of(term) not in words_of(context[-1])
    ):
        # "Predictive: Uses a predictor ..." under `### Scheduling Strategies`: a word that qualifies
        # names no thing of its own, however rare; the heading names what it qualifies (a lead-in,
        # "Recall:", seldom does; nor does "Parameters" or "Why it was replaced")
        return replace(card, front=f"{unnumbered(context[-1]).rstrip(':').strip()}: {term}")
    qualities = _qualities_prompt(card, term, place, context) or _case_prompt(card, term, place, context)
    if qualities:
        return replace(card, front=qualities)
    # a glossary is the note or the section the term sits in, not a heading further up
    # ("1. Cloud Concepts" › "1.6 Explain scalability" › "Simple scaling" › "Limitation")
    if words_of(term) in _DEFINITION_LABELS and card.rule not in WRITTEN_AS_CARDS and card.rule != "glossary-table":
        # (a table's row "Definition | Implements the function" is one of its terms, beside "Declaration")
        # "**Definition**: cross-entropy of q relative to p, H(p,q) = ..." in the note on cross-entropy
        subject = subject_of(context)
        return replace(card, front=subject) if subject else None
    if words_of(term) in CONTAINER_LABELS:
        return None  # "Docker: deep dive" over what the dive holds: a heading of the notes, not a thing to recall
    if (
        generic_label(term)
        and not any(GLOSSARY.search(part) for part in (*context[:1], *context[-2:]))
        # "mechanism" in the notes on Mechanism, "process" in the notes on Processes
        and not (context and singular(words_of(topic)) == singular(words_of(term)))
    ):
        # the card's own heading names no subject, nor does a lead-in sentence ("Compression drastically
        # reduces payload size:"): the headings above them do
        heading = place is not None and place.block.kind == "heading"
        subject = subject_of(context[:-1] if heading or _under_a_sentence(place, context) else context)
        said = _as_aspect(term)  # "ML interpretation" stays
        subject = _of_the_problem(subject, term, context)
        if subject and f" {words_of(subject)}".endswith(f" {words_of(term)}"):
            # "Theorem:" under "Gauss-Markov theorem" states that theorem ("Data:" under "Control v data plane"
            # is one side of it)
            return replace(card, front=subject)
        if viewpoint(term) and place is not None:
            # "Informally:" under "Second Normal Form" › "There is no partial dependency ...": the heading's
            # subject seen one way, not the sentence's it sits in
            subject = _of_the_problem(subject_of(headings_only(context, place)), term, context)
            if not subject:
                return None  # "Intuitively: the loss falls fastest ..." in "Week 3": seen one way, but what?
        if not subject and card.rule not in WRITTEN_AS_CARDS and any(series_place(part) for part in context):
            return None  # "Properties" in "Cheatsheet 5", "Complexity" under "Lecture 1": of what?
        return replace(card, front=f"{subject}: {said}") if subject else card
    if parent is not None and card.rule != "title-definition":
        # "API Management" > "made up of:" > "API Gateway": a lead-in that runs on names nothing;
        # the item it sits in does
        labels = (item_label(p) for p in reversed(place.parents) if p.kind == "item") if place else iter(())
        # "Recall:", "Conventionally:", "I.e. ReLU, Sigmoid" name nothing
        named = [
            lab
            for lab in labels
            if not (_RUNS_ON.search(lab) or called_back(lab) == "" or sentence_adverb(lab) or _SAYS_THAT.match(lab))
        ]

        def names_owner(lab: str) -> bool:  # a parent that names a thing ("ACID"), not a sentence the items go on with
            name = _owner_name(lab)
            if name != lab and set(words_of(_LAST_ASIDE.sub("", term) or term).split()) <= set(words_of(name).split()):
                return False  # "CP (Control Program)" under "CP/CMS (...)": one of the pair named, no member of a set
            return bool(name) and not generic_label(name) and words_of(lab) not in words_of(term)

        # "Has a few types" says something of the item above it, which names the owner when it can
        label = next((lab for lab in named if not _said_of_the_item_above(lab) and names_owner(lab)), "")
        label = label or (named[0] if named else "")
        if label and names_owner(label):
            # `- Components:` over the items is a set of what the headings above name
            at = next((i for i in reversed(range(len(context))) if words_of(context[i]) == words_of(label)), 0)
            # "Purchase Models (Big savings for different use cases)": the models, the aside not asked
            return replace(card, front=f"{set_of(_owner_name(label), context[:at])}: {term}")
    if (
        (one_word or _QUALITY.search(term))
        and re.fullmatch(r"[A-Z][a-z]+", term)  # "Offer", not "Write-back": a compound is a term of its own
        and card.rule not in WRITTEN_AS_CARDS
        and place is not None
        and place.block.kind in ("item", "paragraph")
        and len(context) >= 2
        and not any(GLOSSARY.search(part) or CLOCK_OR_DATE.search(part) for part in context)
    ):
        # "Offer" under "The 4-Step DORA Process", "Frequency" under "Context Switching": an everyday word
        # named as one of a set, or as an aspect of the heading above it; a lead-in sentence seldom names it
        headings = _naming_headings(context, place)
        named = subject_of(headings) if words_of(context[0]) != words_of(term) else ""
        named = _of_the_problem(named, term, context)
        if named and words_of(term) not in words_of(named):
            return replace(card, front=f"{named}: {term}")
    if place is not None and place.block.kind == "item" and len(context) >= 2 and _COMMON_WORD.fullmatch(term):
        # "barrier" in a list under `### Internals` of the notes on Hashicorp Vault: Vault's barrier,
        # not any barrier; a glossary's or a diary's items are the terms themselves
        asked = asked_thing(topic)  # "What is Redis" is on Redis, "What is a Process" on processes
        title = asked[:1].upper() + asked[1:] if asked else topic
        led = _chapter_lead(context, place)
        named_above = _named_heading(context, place, term)
        if led and words_of(term) not in words_of(led):
            title = led
        elif named_above and not GLOSSARY.search(topic):  # a note of key words: its terms, as they are
            title = named_above
        if series_place(title):  # "Lecture 3": the lecture's topic is in its headings
            title = subject_of(context[1:-1] if place.lead_in is not None else context[1:]) or title
        # "Chapter 40: File System Implementation" of a book's notes: the chapter's topic, nearer than the book
        chapter = chapter_topic(headings_only(context, place)[1:])
        if chapter:
            if words_of(chapter) in words_of(term):
                return card  # "replication benefits" in "Chapter 8: Replication" says whose they are
            title = chapter
        if not (GLOSSARY.search(title) or CLOCK_OR_DATE.search(title) or (generic_label(title) and not asked)):
            if words_of(term) not in words_of(title):
                return replace(card, front=f"{title}: {term}")
    if (
        card.rule not in WRITTEN_AS_CARDS
        and place is not None
        and place.block.kind in ("item", "paragraph")
        and context
        and _says_another_thing(term, plain(card.back).lstrip())
        and not any(GLOSSARY.search(part) or CLOCK_OR_DATE.search(part) for part in context)
    ):
        # "Token Deletion: The user's token is deleted" under `### logout(request)`: the answer says what
        # happens to something of its own, so the label names a point of the section, not a term it defines
        # nor "Common Mistakes", nor "how includes" over `left`, `inner`: a sentence the items finish
        headings = _naming_headings(context, place, lambda p: _points_of(p) or _RUNS_ON.search(p) is not None)
        named = subject_of(headings) if words_of(context[0]) != words_of(term) else ""
        if named and words_of(term) not in words_of(named) and words_of(named) not in words_of(term):
            # "malloc common mistakes: Forgetting to free memory": the kind of point, said of its subject
            shown = headings_only(context, place)
            points = shown[-1] if shown else ""  # the innermost heading, not the list's lead-in
            said = _points_of(points) and len(points.split()) <= 3 and _ILL_OR_WELL.search(points)
            kind = f" {points.lower()}" if said and not _ILL_OR_WELL.search(named) else ""
            return replace(card, front=f"{named}{kind}: {term}")
    return card
