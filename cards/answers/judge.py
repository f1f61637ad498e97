"""What an open question asks, and how surely a passage answers it."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..extract._terms import TASK_VERBS
from ..text import everyday
from .index import Index
from .words import quick_plain, span, stems, topic_names, words

_QUOTED = re.compile(r"`([^`]+)`|[“\"]([^”\"]{2,60})[”\"]|(?<!\w)['‘]([^'’]{2,60})['’](?!\w)")
_DEFINE = tuple(
    re.compile(p)
    for p in (
        r"^what does it mean to (?P<t>.+)$",
        r"^what(?: is|'s) the (?:\w+ )?(?:meaning|definition|purpose|point|role|function|job) of (?P<t>.+)$",
        r"^what (?:does|do) (?!(?:i|we|you|they|it|he|she) )(?:the )?(?:term |word )?"
        r"(?P<t>.+?) (?:(?:mean|stand for|refer to|denote)\b|do$|do (?:exactly|in practice)$)",
        r"^what(?: is|'s| are| was| were) (?:meant by )?"
        r"(?!happening|going on|wrong|the (?:reason|best|right)|(?:i|we|you|they|it|he|she) )(?P<t>.+)$",
        r"^(?:define|explain) (?P<t>.+)$",
        r"^who(?: is|'s| are| was| were) (?!(?:i|we|you|they|it|he|she) )(?P<t>.+)$",
    )
)
_COMPARE = (
    re.compile(r"^what(?: is|'s| are) the differences? between (?P<a>.+?) and (?P<b>.+)$"),
    re.compile(r"^how (?:does|do|is|are) (?P<a>.+?) differ(?:ent)? from (?P<b>.+)$"),
)
_CLAUSE = re.compile(
    r",|;| and | or | in terms of | in | during | when | compared | vs\.? | versus | for$| used | made (?:of|from)\b"
)
# A term's last word that names its kind, not the thing: "the vanishing gradient problem".
_KIND_WORD = re.compile(r"\s+(?:problem|issue|effect|phenomenon|concept|idea|technique|method|approach|process)$")
_ARTICLE = re.compile(r"^(?:(?:an?|the|your|my|our|this|that)\s+)+")
_SYMBOL = re.compile(r"[^\w\s'’‘“”\"`?,;:.!()/+-]")
_TERM_SHAPED = re.compile(r"^(?!.*(?:,| and | or ))\W*\w+(?:\W+\w+){0,4}\W*$")
_LEAD = re.compile(
    r"^(?:(?:for example|for instance|more importantly|importantly|in other words|also|so|but|and|then|now|ok|okay"
    r"|well|still|anyway|e\.g\.)[,:]?\s+)+"
)
_NAMED = re.compile(r"\b(?:the|a|an|this|that)\s+(?P<which>[\w-]+)\s+(?P<thing>\w+)\b")
_POLAR = re.compile(r"^(?:is|are|am|do|does|did|can|could|should|would|will|was|were|has|have|had|isn't|don't)\b")
_WHEN = re.compile(r"^(?:when|in what year|what year)\b")
_TASK = re.compile(rf"^{TASK_VERBS}\b")  # "Calculate the total cost ...": an exercise to do
# "What are the clients who live in one city ...": which ones, a query over the data, not what clients are
_WHICH_ONES = re.compile(r"^(?:(?:the|all|any)\s+)?[\w-]+(?:\s+[\w-]+)?,?\s+(?:who|whom|whose|which|that)\b")
_HOW_MUCH = re.compile(r"^how (?:much|many|long|far|big|large|small|old|often|fast|high|heavy)\b")


@dataclass(frozen=True, slots=True)
class Question:
    """What a question asks, as the matching sees it.

    kind: define (what is X), compare (X vs Y), why, when, polar (yes/no: never answered here),
    other (how, which, who, what happens). terms: stems of its key terms (quoted words, or the X of
    "what is X"), each of which a right answer must hold. content: stems of every word that is
    not a function or question word.
    """

    kind: str
    terms: tuple[tuple[str, ...], ...]
    content: tuple[str, ...]
    # "the pragmatic level": a thing the question names with the word that says which one, as stems
    named: tuple[tuple[str, str], ...] = ()


def _term(text: str) -> tuple[str, ...]:
    text = _ARTICLE.sub("", _CLAUSE.split(text.strip(" ?.!:"))[0].strip())
    if len(text.split()) > 2:
        text = _KIND_WORD.sub("", text)
    found = tuple(stems(text))
    return found if 0 < len(found) <= 5 else ()


def analyse(front: str) -> Question:
    """The kind, key terms and content words of a question card's front."""
    # symbols (emoji, mojibake remnants such as "†") are word breaks, not words
    front = _SYMBOL.sub(" ", front)
    quoted = [t for m in _QUOTED.finditer(front) for t in m.groups() if t and _TERM_SHAPED.match(t)]
    plain = quick_plain(front)
    text = " ".join(_QUOTED.sub(lambda m: next(g for g in m.groups() if g), plain).lower().split())
    text = _LEAD.sub("", re.sub(r"[’‘]", "'", text).rstrip(" ?"))
    content = tuple(dict.fromkeys(stems(text)))
    quoted_terms = tuple(t for t in (tuple(stems(q)) for q in quoted) if t)
    for pattern in _COMPARE:
        if m := pattern.match(text):
            terms = tuple(t for t in (_term(m["a"]), _term(m["b"])) if t)
            return Question("compare" if len(terms) == 2 else "other", terms, content)
    if _POLAR.match(text):
        return Question("polar", quoted_terms, content)
    if _TASK.match(text):
        return Question("task", quoted_terms, content)  # "Calculate the total salary of IT": an exercise to do
    for pattern in _DEFINE:
        if (m := pattern.match(text)) and not _WHICH_ONES.match(m["t"]):
            terms = quoted_terms or tuple(t for t in (_term(m["t"]),) if t)
            if terms:
                return Question("define", terms, content)
    kind = (
        "why"
        if text.startswith("why")
        else "when"
        if _WHEN.match(text)
        else "how much"
        if _HOW_MUCH.match(text)
        else "other"
    )
    named = tuple(
        (which[0], thing[0])
        for m in _NAMED.finditer(text)
        if (which := stems(m["which"])) and (thing := stems(m["thing"]))
    )
    return Question(kind, quoted_terms, content, named)


# ---------------------------------------------------------------------------- judging a passage

# "X is a/the ...": a singular definition names a kind of thing; "X is more likely with ..." and
# "X is important" are statements about X, not what X is.
_IS_A = (
    r"(?:is|was)\s+(?:(?:basically|simply|just|essentially|really|also|actually)\s+)?"
    r"(?:an?|the|one|any|each|when|where|how|what|whatever|used|defined|called|known|short|another|like|similar)\b"
)
# "Xs are ...": plural definitions often go without an article, so only opinions and adverbs are out.
_ARE = (
    r"(?:are|were)\s+(?!(?:not|no|also|really|very|so|too|just|still|now|here|there|everywhere|all|on|in|at|for"
    r"|more|less|great|good|bad|nice|cool|fun|key|hard|easy|simple|slow|fast|cheap|expensive|crucial|critical"
    r"|essential|interesting|amazing|awesome|confusing|tricky|difficult|better|worse|best|worst|fine|ok|okay|back"
    r"|done|likely|unlikely|often|usually|always|never|sometimes|rare|common)\b|\w+(?:ful|ous|ive|able|ible|ant|ly)\b)"
)
_AFTER_TERM = r"^\W{0,3}(?:\([^)]*\)\s*)?(?:\s+(?:an?|the|your|its|their)\s+\w+)?,?\s*"
# Cues that define the term wherever it stands: "... a `batch` refers to", "fine-tune the model, that is"
_DEFINING_VERB = re.compile(
    _AFTER_TERM + r"(?:refers? to|means?|stands? for|denotes?|is defined as)\b|^.{0,40}?(?:\bthat is\b|\bi\.e\.)",
    re.I,
)
# Cues that define it only when it is the subject: "Inflation is the rate ..." but not "All large
# language models are auto-regressive", "Parallax: the shift ..." but not "Here is a plot of ReLU:"
_COPULA = re.compile(_AFTER_TERM + rf"(?:{_IS_A}|{_ARE}|:\s*\S+\s+\S|=|—|–|-\s)", re.I)
_STRONG_BEFORE = re.compile(r"\b(?:called|known as|termed|named)\s+(?:an?\s+|the\s+)?\W*$", re.I)
_SUBJECT_BEFORE = re.compile(
    r"^\W*(?:(?:in|for|within|on|in contrast|however)\b[^,]{0,40},\s*)?(?:(?:an?|the|to)\s+)?\W*$", re.I
)
_EVENT_VERB = re.compile(r"^(?:is|are|was|were|had|did|got|came|went|\w+ed)$", re.I)
_AUXILIARY = re.compile(r"^(?:is|are|was|were|can|could|may|might|will|would|should|must|has|have|had|does|do)$", re.I)
# After the subject comes its verb: "A neuron in a hidden layer." or "X also generates ..." is no definition.
_NOT_A_VERB = re.compile(
    r"^(?:in|on|at|of|for|with|by|from|to|and|or|but|a|an|the|that|which|who|whose|where|when|also|often|usually"
    r"|typically|sometimes|rarely|still|only|even|then|now|here|there|between|about|against|among|into|over|under"
    r"|within|without|across|after|before|per|like|as|than|such)$",
    re.I,
)
# A diary line or a to-do is not knowledge, even when it says "X is ...".
PERSONAL = re.compile(
    r"\bI(?:'m|'ve|'d)?\b|(?i:\b(?:my|me|todo)\b|don't know|not sure|no idea|need to)|\?"
    # a journal line that starts with what I did: "Bought a new notebook, the paper is great."
    r"|^\W*(?:Re-?)?(?:Bought|Went|Saw|Read|Watched|Tried|Finished|Started|Spent|Met|Got|Had|Did|Took|Printed"
    r"|Switched|Walked|Cooked|Ran|Finally|Looked|Listened|Played|Visited|Called|Wrote|Worked|Learned|Learnt"
    r"|Understood|Installed|Fixed|Skipped|Missed|Forgot|Realized|Realised|Noticed|Found out)(?=\s)"
)
_CAUSE = re.compile(
    r"\b(?:because|since|so that|so|due to|thanks to|caus\w*|leads? to|therefore|which|as a result)\b", re.I
)
_AMOUNT = re.compile(
    r"(?<![\w.])\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|twelve|twenty|hundreds?|thousands?|millions?"
    r"|billions?|dozens?|half|double|twice|thrice|once)\b",
    re.I,
)
_DATE = re.compile(
    r"\b\d{3,4}s?\b|\b(?:century|centuries|ago|january|february|march|april|may|june|july|august"
    r"|september|october|november|december|today|yesterday|when|whenever|once|after|before|until|as soon as)\b",
    re.I,
)


Words = Sequence[tuple[str, int, int]]


def defines(term: Sequence[str], plain: str, found: Words | None = None) -> float:
    """How plainly a passage defines a term: 1 "X is / means / refers to / that is ...",
    0.7 X is the subject the passage opens with, 0 it only mentions X (or not even that)."""
    where = span(term, words(plain) if found is None else found)
    if where is None:
        return 0.0
    before, after = plain[: where[0]], plain[where[1] : where[1] + 60]
    subject = bool(_SUBJECT_BEFORE.match(re.split(r"[;—–]", before)[-1]))  # a clause may open after ";"
    if _DEFINING_VERB.match(after) or _STRONG_BEFORE.search(before) or (subject and _COPULA.match(after)):
        return 1.0
    # "Dropout randomly switches off ..." describes; "Backprop was invented in ..." tells a story,
    # "Python is great for ..." (not a definition above) gives an opinion
    rest = after.split()
    if (
        subject
        and len(rest) >= 3
        and not re.match(r"-\w", after)  # "proxy-labels": the term is part of a longer word
        and not _EVENT_VERB.match(rest[0])
        and not _NOT_A_VERB.match(rest[0])
        and not _AUXILIARY.match(rest[1])  # "Proxy labels are ...": the term is part of a longer name
        # "Program will continue from there": a sentence that opens on an everyday word is about the thing,
        # not what it is; only a rarer term ("Dropout randomly switches off ...") is described so
        and not (len(term) == 1 and everyday(plain[where[0] : where[1]]))
    ):
        return 0.7
    return 0.0


class Judge:
    """Confidence, 0..1, that a passage answers a question, from the index's word weights."""

    def __init__(self, index: Index) -> None:
        self.index = index

    def weight(self, bag: Iterable[str]) -> float:
        # fsum: exactly rounded, so the same whatever order a set of words is walked in (which
        # changes from run to run); a plain sum could tip a tie between two passages either way
        return math.fsum(self.index.idf(s) for s in bag)

    def coverage(self, question: Question, bag: frozenset[str]) -> float:
        """Share of the question's word weight the passage holds: rare words count most."""
        total = self.weight(question.content)
        return self.weight(bag.intersection(question.content)) / total if total else 0.0

    def novelty(self, question: Question, i: int) -> float:
        """Share of passage i the question does not already say, by word weight and by word count
        (the lesser: "The loss goes up after epoch 10, which is odd." adds one rare word only)."""
        bag, total = self.index.bag(i), self.index.weight(i)
        said = bag.intersection(question.content)
        if not total or not bag:
            return 0.0
        return min(1 - self.weight(said) / total, 1 - len(said) / len(bag))

    def score(self, question: Question, i: int) -> float:
        """Confidence that passage i of the index answers the question."""
        bag = self.index.bag(i)
        if question.kind == "polar" or any(not set(term) <= bag for term in question.terms):
            return 0.0  # a right answer names every key term
        topic = self.index.passages[i].topic
        if topic and (not any(term in topic_names(topic) for term in question.terms) or not self.index.topic_ok(i)):
            return 0.0  # read as the title's definition only for a question about that very title
        coverage = self.coverage(question, bag)
        shared = len(bag.intersection(question.content))
        if question.kind not in ("define", "compare") and (coverage < 0.3 or shared < 2):
            # cannot be an answer, whatever else it says: sharing one word ("How does X work?" and
            # "Y worked on X") is a mention, not evidence
            return coverage / 2
        plain, found = self.index.plain(i)
        if any(which not in bag and _pointed_at(thing, plain, found) for which, thing in question.named):
            # "What does the pragmatic level deal with?" and "This level deals with single characters":
            # the question's thing, pointed at without the word that says which one, is another of its kind
            return coverage / 2
        if question.kind in ("define", "compare"):
            cue = max(defines(term, plain, found) for term in question.terms)
            base = 0.5 + 0.3 * cue + 0.2 * coverage if cue else 0.3 * coverage
        else:
            base = coverage
            if question.kind == "why" and not _CAUSE.search(plain):
                base *= 0.4
            if question.kind == "when" and not _DATE.search(plain):
                base *= 0.4
            if question.kind == "how much" and not _AMOUNT.search(plain):
                base *= 0.4
            if any(set(head) <= set(question.content) for head in self.index.passages[i].names):
                base *= 0.5  # "X is ..." says what X is, not how or why it does something
        if PERSONAL.search(plain):
            base *= 0.4
        if self.novelty(question, i) < 0.35:
            base *= 0.5  # it says the question back ("read about how X works"), it does not answer it
        return base


_POINTING = re.compile(r"\b(?:this|that|these|those)\s+$", re.I)


def _pointed_at(thing: str, plain: str, found: Words) -> bool:
    """Whether the passage says "this level" (of the stem "level"): one it named before, not the question's."""
    return any(s == thing and _POINTING.search(plain[max(0, start - 8) : start]) for s, start, _ in found)
