"""Open questions get answers found in the notes, or stay honestly open.

The stage between extract and merge. Every sentence of the vault (and every short paragraph, and
every list item with its sub-items) is a passage in one BM25 index (bm25s, Snowball stems from
PyStemmer, so "fine-tuning" finds "fine-tune"). For each open question the best passages of its own
note and of the whole vault are judged: a definition the extractors already found for the
question's key term first, then a sentence that defines the term, then, for how/why/when questions,
a passage that covers the question's rare words and adds something to them. Each judgement is a
confidence in 0..1; an answer is taken only at or above `THRESHOLD`, calibrated on the labelled
questions in tests/fixtures/answers/ (bench/answers_calibration.py prints the curve). A wrong answer
is worse than none: below the threshold the card stays open.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import cache

import bm25s
import numpy as np
import Stemmer

from .extract import note_opted_out
from .extract._common import prose_blocks
from .model import Block, Card, Kind, Note, Source, prompt_key
from .text import card_markdown, sentences

THRESHOLD = 0.6
"""Least confidence an answer needs; see bench/answers_calibration.py."""

_CANDIDATES = 12
"""Passages judged per question: the best by BM25 in the vault, and as many in its own note."""

_LONGEST_PASSAGE = 450
"""A paragraph or item longer than this (characters) is offered only sentence by sentence."""

# Function words and the words every question is made of: they say nothing about the topic.
STOPWORDS = frozenset(
    """a an and are as at be been being but by can could did do does doing done for from had has have
    how however i if in into is it its just me my mine myself no not of on or our ours so such than that
    the their them then there these they this those to too us very was we were what when where which
    while who whom whose why will with would you your yours should shall may might must also again
    actually really exactly basically kind sort mean means meaning meant happen happens happening
    thing things way ways work works something anything get gets he she him her hers his it's out up
    use uses used using
    about many much more most some any other own same each all both few""".split()
)

_WORD = re.compile(r"\w{2,}")
_WIKILINK = re.compile(r"!?\[\[([^\]|#]*)(?:#[^\]|]*)?(?:\|([^\]]*))?\]\]")
_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_URL = re.compile(r"<?(?:https?|obsidian)://[^\s>]*>?|</?[a-zA-Z][^>]*>|&#?\w+;")
_MARKS = re.compile(r"(?<!\w)[*_]+|[*_]+(?!\w)|==|~~|`|#(?=\w)")


@cache
def _stemmer() -> Stemmer.Stemmer:
    return Stemmer.Stemmer("english")


# Snowball stems suffixes, so "began" would never meet "begin": the common irregular verbs.
_IRREGULAR = dict(
    pair.split(":")
    for pair in """began:begin begun:begin became:become brought:bring built:build bought:buy caught:catch
    chose:choose chosen:choose came:come dealt:deal drew:draw drawn:draw drove:drive driven:drive ate:eat
    eaten:eat fell:fall fallen:fall felt:feel fought:fight found:find flew:fly flown:fly forgot:forget
    froze:freeze frozen:freeze gave:give given:give went:go gone:go grew:grow grown:grow held:hold
    kept:keep knew:know known:know led:lead left:leave lost:lose made:make meant:mean met:meet paid:pay
    ran:run rose:rise risen:rise said:say saw:see seen:see sold:sell sent:send shook:shake shown:show
    sang:sing sat:sit spoke:speak spoken:speak spent:spend stood:stand stole:steal stolen:steal
    struck:strike taught:teach told:tell thought:think threw:throw thrown:throw understood:understand
    woke:wake wore:wear worn:wear won:win wrote:write written:write""".split()
)

_STEMS: dict[str, str] = {}
"""Stem of each word seen: a vault says the same words over and over."""


def stem(word: str) -> str:
    found = _STEMS.get(word)
    if found is None:
        found = _STEMS[word] = _stemmer().stemWord(_IRREGULAR.get(word, word))
    return found


def quick_plain(markdown: str) -> str:
    """Inline Markdown as plain text, cheaply: a regex pass, not a parse (the parser is kept for
    the few passages that become answers)."""
    text = _WIKILINK.sub(lambda m: m.group(2) or m.group(1), markdown)
    text = _MD_LINK.sub(r"\1", text)
    text = _URL.sub(" ", text)
    return " ".join(_MARKS.sub("", text).split())


def words(text: str) -> list[tuple[str, int, int]]:
    """(stem, start, end) of every word of plain text that is not a function word."""
    return [
        (stem(m.group().lower()), m.start(), m.end())
        for m in _WORD.finditer(text)
        if m.group().lower() not in STOPWORDS
    ]


def stems(text: str) -> list[str]:
    """Stems of the words of a text that are not function words, in order."""
    return [stem(w) for w in _WORD.findall(_URL.sub(" ", text).lower()) if w not in STOPWORDS]


# ---------------------------------------------------------------------------- the index


@dataclass(frozen=True, slots=True)
class Passage:
    """A sentence, short paragraph or list item with its sub-items that may answer a question."""

    path: str
    line: int
    markdown: str
    whole: bool
    """True for a paragraph or item given whole, False for one of its sentences."""
    topic: str = ""
    """The note's title when the passage opens a note named after what it explains (a glossary
    or Zettelkasten note: `LoRA.md` opens "Abbreviation for ..."): matched as `topic: passage`."""

    @property
    def text(self) -> str:
        """What is matched against questions (the answer shown is `markdown`)."""
        return f"{self.topic}: {self.markdown}" if self.topic else self.markdown


def _asks(markdown: str) -> bool:
    return markdown.rstrip(" *_)").endswith("?")


def _sentence_passages(note: Note, block: Block, spans: Sequence[tuple[int, int]]) -> list[Passage]:
    out: list[Passage] = []
    for i, (start, end) in enumerate(spans):
        markdown = block.text[start:end].strip()
        # a sentence that only points back at the one before ("It stops ...") goes with it
        if i + 1 < len(spans) and re.match(r"(?:It|This|They|These|That|So)\b", block.text[spans[i + 1][0] :]):
            markdown = block.text[start : spans[i + 1][1]].strip()
        if _asks(markdown) or len(markdown) < 12:
            continue
        out.append(Passage(note.path, block.line + block.text.count("\n", 0, start), markdown, False))
    return out


def _whole_passage(note: Note, block: Block, sentence_count: int) -> Passage | None:
    parts = [block.text]
    parts.extend(c.text for c in block.children if c.kind in ("item", "paragraph") and c.text)
    if sentence_count < 2 and len(parts) < 2:
        return None
    markdown = "\n".join(parts)
    if len(markdown) > _LONGEST_PASSAGE or _asks(markdown):
        return None
    return Passage(note.path, block.line, markdown, True)


def _topic_passage(topic: str, first: Passage) -> Passage | None:
    """A definition's first sentence read with the term it defines, when the term names a thing
    and the sentence does not name it itself."""
    if not topic or len(topic.split()) > 6 or not re.search(r"[^\W\d_]", topic):
        return None
    if _span(stems(topic), words(quick_plain(first.markdown))) is not None:
        return None
    return replace(first, topic=topic)


_TAGS_ONLY = re.compile(r"^(?:#[\w/-]+[\s,]*)+$")


def _topics(note: Note) -> dict[int, str]:
    """Blocks that define a term they do not repeat, by id: a definition list's definitions, and
    the opening paragraph of a note named after its subject (`Backpropagation.md`)."""
    topics = {id(c): quick_plain(b.text) for b in note.walk() if b.kind == "term" for c in b.children}
    first = next((b for b in note.walk() if b.kind == "paragraph" and not _TAGS_ONLY.match(b.text)), None)
    if first is not None and first.line <= note.body_line + 3 and first.section in ((), (note.title,)):
        topics.setdefault(id(first), note.title.strip())
    return topics


def passages(note: Note) -> list[Passage]:
    """The note's passages in document order; questions and plans (tasks, goals) are none."""
    out: list[Passage] = []
    topics = _topics(note)
    for block in prose_blocks(note, quotes=True):
        if not block.text.strip():
            continue
        spans = sentences(block.text)
        own = _sentence_passages(note, block, spans)
        if own and id(block) in topics and (topic := _topic_passage(topics[id(block)], own[0])):
            out.append(topic)
        out.extend(own)
        whole = _whole_passage(note, block, len(spans))
        if whole is not None:
            out.append(whole)
    return out


class Index:
    """Every passage of a vault in one BM25 index, each note's passages side by side."""

    def __init__(self, notes: Iterable[Note]) -> None:
        self.passages: list[Passage] = []
        self.ranges: dict[str, tuple[int, int]] = {}
        for note in notes:
            if note_opted_out(note):
                continue
            start = len(self.passages)
            self.passages.extend(passages(note))
            self.ranges[note.path] = (start, len(self.passages))
        ids, vocab = _token_ids(p.text for p in self.passages)
        stem_of = list(vocab)
        self.stems = [frozenset(stem_of[t] for t in doc) for doc in ids]
        counts = Counter(t for doc in ids for t in set(doc))
        n = max(len(ids), 1)
        self._idf = {stem_of[t]: float(np.log(1 + (n - c + 0.5) / (c + 0.5))) for t, c in counts.items()}
        self._unseen_idf = float(np.log(1 + (n + 0.5) / 0.5))
        common = max(n / 20, 50)  # a word in more passages than this is common
        self._common_idf = float(np.log(1 + max(n - common + 0.5, 0) / (common + 0.5)))
        self.weights = [sum(self._idf[s] for s in bag) for bag in self.stems]
        """Each passage's word weight (sum of its stems' idf)."""
        self._plain: dict[int, tuple[str, list[tuple[str, int, int]]]] = {}
        self.bm25 = bm25s.BM25()
        if ids:
            self.bm25.index((ids, vocab), show_progress=False)

    def plain(self, i: int) -> tuple[str, list[tuple[str, int, int]]]:
        """Passage i as plain text and its words, made when first judged."""
        found = self._plain.get(i)
        if found is None:
            text = quick_plain(self.passages[i].text)
            found = self._plain[i] = (text, words(text))
        return found

    def idf(self, stem: str) -> float:
        return self._idf.get(stem, self._unseen_idf)

    def candidates(self, query: Sequence[str], path: str) -> list[int]:
        """Passages worth judging: the best of the question's own note first, then of the vault."""
        known = sorted((s for s in query if s in self._idf), key=self.idf, reverse=True)
        if not known:
            return []
        # common words barely rank, and their postings are the longest
        rare = [s for s in known if self.idf(s) >= self._common_idf] or known[:1]
        hits, scores = self.bm25_scores(rare)
        start, end = self.ranges.get(path, (0, 0))
        own = (hits >= start) & (hits < end)
        best = (*hits[own][_top(scores[own], _CANDIDATES)], *hits[_top(scores, _CANDIDATES)])
        return list(dict.fromkeys(int(i) for i in best))

    def bm25_scores(self, query: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        """The passages holding a word of the query and their BM25 scores, summed from the
        index's posting lists (its `scores` matrix, one column per stem), so that a question
        costs what its words' postings cost, not the size of the vault."""
        matrix = self.bm25.scores
        data, indices, indptr = matrix["data"], matrix["indices"], matrix["indptr"]
        ids = [self.bm25.vocab_dict[s] for s in query]
        docs = np.concatenate([indices[indptr[t] : indptr[t + 1]] for t in ids])
        values = np.concatenate([data[indptr[t] : indptr[t + 1]] for t in ids])
        hits, where = np.unique(docs, return_inverse=True)
        return hits, np.bincount(where, weights=values, minlength=len(hits))


def _token_ids(texts: Iterable[str]) -> tuple[list[list[int]], dict[str, int]]:
    """Every text as stem ids, and the id of each stem. The whole vault's words are stemmed in one
    call, each distinct word once: this is the part of the run that grows with the vault."""
    words_of = [[w for w in _WORD.findall(_URL.sub(" ", text).lower()) if w not in STOPWORDS] for text in texts]
    distinct = list({w for doc in words_of for w in doc})
    stem_of = dict(zip(distinct, _stemmer().stemWords([_IRREGULAR.get(w, w) for w in distinct]), strict=True))
    vocab: dict[str, int] = {"": 0}  # id 0 stands for a passage with no word at all
    id_of = {w: vocab.setdefault(s, len(vocab)) for w, s in stem_of.items()}
    ids = [[id_of[w] for w in doc] or [0] for doc in words_of]
    return ids, vocab


def _top(scores: np.ndarray, k: int) -> np.ndarray:
    if len(scores) <= k:
        return np.argsort(-scores, kind="stable")
    best = np.argpartition(-scores, k)[:k]
    return best[np.argsort(-scores[best], kind="stable")]


# ---------------------------------------------------------------------------- the questions

_QUOTED = re.compile(r"`([^`]+)`|[“\"]([^”\"]{2,60})[”\"]|(?<!\w)['‘]([^'’]{2,60})['’](?!\w)")
_DEFINE = tuple(
    re.compile(p)
    for p in (
        r"^what does it mean to (?P<t>.+)$",
        r"^what(?: is|'s) the (?:\w+ )?(?:meaning|definition|purpose|point|role|function|job) of (?P<t>.+)$",
        r"^what (?:does|do) (?!(?:i|we|you|they|it|he|she) )(?:the )?(?:term |word )?"
        r"(?P<t>.+?) (?:mean|stand for|do|refer to|denote)\b",
        r"^what(?: is|'s| are| was| were) (?:meant by )?"
        r"(?!happening|going on|wrong|the (?:reason|best|right)|(?:i|we|you|they|it|he|she) )(?P<t>.+)$",
        r"^(?:define|explain) (?P<t>.+)$",
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
_POLAR = re.compile(r"^(?:is|are|am|do|does|did|can|could|should|would|will|was|were|has|have|had|isn't|don't)\b")
_WHEN = re.compile(r"^(?:when|in what year|what year)\b")


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
    quoted: bool


def _term(text: str) -> tuple[str, ...]:
    text = _ARTICLE.sub("", _CLAUSE.split(text.strip(" ?.!:"))[0].strip())
    if len(text.split()) > 2:
        text = _KIND_WORD.sub("", text)
    found = tuple(stems(text))
    return found if 0 < len(found) <= 5 else ()


def analyse(front: str) -> Question:
    """The kind, key terms and content words of a question card's front."""
    # symbols (emoji, mojibake remnants such as "†") are word breaks, not words
    plain = _SYMBOL.sub(" ", quick_plain(front))
    quoted = [t for m in _QUOTED.finditer(plain) for t in m.groups() if t and _TERM_SHAPED.match(t)]
    text = " ".join(_QUOTED.sub(lambda m: next(g for g in m.groups() if g), plain).lower().split())
    text = _LEAD.sub("", re.sub(r"[’‘]", "'", text).rstrip(" ?"))
    content = tuple(dict.fromkeys(stems(text)))
    quoted_terms = tuple(t for t in (tuple(stems(q)) for q in quoted) if t)
    for pattern in _COMPARE:
        if m := pattern.match(text):
            terms = tuple(t for t in (_term(m["a"]), _term(m["b"])) if t)
            return Question("compare" if len(terms) == 2 else "other", terms, content, False)
    if _POLAR.match(text):
        return Question("polar", quoted_terms, content, bool(quoted_terms))
    for pattern in _DEFINE:
        if m := pattern.match(text):
            terms = quoted_terms or tuple(t for t in (_term(m["t"]),) if t)
            if terms:
                return Question("define", terms, content, bool(quoted_terms))
    kind = "why" if text.startswith("why") else "when" if _WHEN.match(text) else "other"
    return Question(kind, quoted_terms, content, bool(quoted_terms))


# ---------------------------------------------------------------------------- judging a passage

_STRONG_AFTER = re.compile(
    r"^\W{0,3}(?:\([^)]*\)\s*)?(?:\s+(?:an?|the|your|its|their)\s+\w+)?,?\s*"
    r"(?:(?:is|are|refers? to|means?|stands? for|denotes?|describes?|(?:was|were) (?:an?|the|one)(?= ))\b|=|:|—|–|-\s)"
    r"|^.{0,40}?(?:\bthat is\b|\bi\.e\.)",
    re.I,
)
_STRONG_BEFORE = re.compile(r"\b(?:called|known as|termed|named)\s+(?:an?\s+|the\s+)?\W*$", re.I)
_SUBJECT_BEFORE = re.compile(r"^\W*(?:(?:an?|the|to)\s+)?\W*$", re.I)
# A diary line or a to-do is not knowledge, even when it says "X is ...".
_EVENT_VERB = re.compile(r"^(?:was|were|had|did|got|came|went|\w+ed)$", re.I)
_PERSONAL = re.compile(r"\bI(?:'m|'ve|'d)?\b|(?i:\b(?:my|me|todo)\b|don't know|not sure|no idea|need to)|\?")
_CAUSE = re.compile(
    r"\b(?:because|since|so that|so|due to|thanks to|caus\w*|leads? to|therefore|which|as a result)\b", re.I
)
_DATE = re.compile(
    r"\b\d{3,4}s?\b|\b(?:century|centuries|ago|january|february|march|april|may|june|july|august"
    r"|september|october|november|december|today|yesterday)\b",
    re.I,
)


def _span(term: Sequence[str], found: Sequence[tuple[str, int, int]]) -> tuple[int, int] | None:
    """Characters of the first run of the passage's words whose stems are the term's."""
    n = len(term)
    for i in range(len(found) - n + 1):
        if all(found[i + j][0] == term[j] for j in range(n)):
            return found[i][1], found[i + n - 1][2]
    return None


Words = Sequence[tuple[str, int, int]]


def defines(term: Sequence[str], plain: str, found: Words | None = None) -> float:
    """How plainly a passage defines a term: 1 "X is / means / refers to / that is ...",
    0.7 X is the subject the passage opens with, 0 it only mentions X (or not even that)."""
    span = _span(term, words(plain) if found is None else found)
    if span is None:
        return 0.0
    before, after = plain[: span[0]], plain[span[1] : span[1] + 60]
    if _STRONG_AFTER.match(after) or _STRONG_BEFORE.search(before):
        return 1.0
    # "Dropout randomly switches off ..." describes; "Backprop was invented in ..." tells a story
    rest = after.split()
    if _SUBJECT_BEFORE.match(before) and len(rest) >= 3 and not _EVENT_VERB.match(rest[0]):
        return 0.7
    return 0.0


class Judge:
    """Confidence, 0..1, that a passage answers a question, from the index's word weights."""

    def __init__(self, index: Index) -> None:
        self.index = index

    def weight(self, bag: Iterable[str]) -> float:
        return sum(self.index.idf(s) for s in bag)

    def coverage(self, question: Question, bag: frozenset[str]) -> float:
        """Share of the question's word weight the passage holds: rare words count most."""
        total = self.weight(question.content)
        return self.weight(bag.intersection(question.content)) / total if total else 0.0

    def novelty(self, question: Question, i: int) -> float:
        """Share of passage i's word weight the question does not already say."""
        total = self.index.weights[i]
        return 1 - self.weight(self.index.stems[i].intersection(question.content)) / total if total else 0.0

    def score(self, question: Question, i: int) -> float:
        """Confidence that passage i of the index answers the question."""
        bag = self.index.stems[i]
        if question.kind == "polar" or any(not set(term) <= bag for term in question.terms):
            return 0.0  # a right answer names every key term
        topic = self.index.passages[i].topic
        if topic and not any(set(term) <= set(stems(topic)) for term in question.terms):
            return 0.0  # read as the title's definition only for a question about the title
        coverage = self.coverage(question, bag)
        if question.kind not in ("define", "compare") and coverage < 0.3:
            return coverage / 2  # cannot be an answer, whatever else it says
        plain, found = self.index.plain(i)
        if question.kind in ("define", "compare"):
            cue = max(defines(term, plain, found) for term in question.terms)
            base = 0.5 + 0.3 * cue + 0.2 * coverage if cue else 0.3 * coverage
        else:
            base = coverage
            if question.kind == "why" and not _CAUSE.search(plain):
                base *= 0.4
            if question.kind == "when" and not _DATE.search(plain):
                base *= 0.4
            if any(defines((s,), plain, found) == 1.0 for s in question.content if s in bag):
                base *= 0.6  # "X is ..." says what X is, not how or why it does something
        if _PERSONAL.search(plain):
            base *= 0.4
        if self.novelty(question, i) < 0.35:
            base *= 0.5  # it says the question back ("read about how X works"), it does not answer it
        return base


# ---------------------------------------------------------------------------- the stage


@dataclass(frozen=True, slots=True)
class Answer:
    markdown: str
    source: Source
    score: float


def _from_definitions(question: Question, definitions: Sequence[Card]) -> Answer | None:
    """A definition the extractors found for the question's one key term."""
    if len(question.terms) != 1:
        return None
    term = set(question.terms[0])
    best: Answer | None = None
    for card in definitions:
        front = set(stems(quick_plain(card.front)))
        back = frozenset(stems(quick_plain(card.back)))
        # "softmax function" is answered by "Softmax: a function that ..."
        if not front or not front <= term or not (term - front) <= back:
            continue
        score = 0.95 if front == term else 0.85
        if _PERSONAL.search(card.back):
            score *= 0.5
        if best is None or score > best.score:
            best = Answer(card.back, card.source, score)
    return best


class Finder:
    """Finds the answer to open questions in a vault's notes."""

    def __init__(self, notes: Sequence[Note], cards: Sequence[Card]) -> None:
        self.index = Index(notes)
        self.judge = Judge(self.index)
        self.definitions: dict[str, list[Card]] = {}
        for card in cards:
            if card.kind == Kind.DEFINITION:
                for s in stems(quick_plain(card.front)):
                    self.definitions.setdefault(s, []).append(card)

    def best_passage(self, question: Question, path: str) -> Answer | None:
        """The candidate passage judged best; a sentence beats its own paragraph unless the
        paragraph is clearly better, and the question's own note wins a tie."""
        judged: list[tuple[float, float, int]] = []
        for i in self.index.candidates(question.content, path):
            passage = self.index.passages[i]
            score = min(1.0, self.judge.score(question, i) + (0.03 if passage.path == path else 0.0))
            judged.append((score - (0.1 if passage.whole else 0.0), score, i))
        if not judged:
            return None
        _, score, i = max(judged, key=lambda j: (j[0], -len(self.index.passages[j[2]].markdown), -j[2]))
        passage = self.index.passages[i]
        return Answer(card_markdown(passage.markdown), Source(passage.path, passage.line), score)

    def answer(self, card: Card) -> Answer | None:
        question = analyse(card.front)
        if not question.content or question.kind == "polar":
            return None
        if question.kind == "compare":
            return self.compare(question, card.source.path)
        if question.kind == "define" and len(question.terms) == 1:
            return self.answer_term(question, card.source.path)
        return self.best_passage(question, card.source.path)

    def compare(self, question: Question, path: str) -> Answer | None:
        """One passage about both, or the two terms' own answers side by side."""
        together = self.best_passage(question, path)
        alone = [self.answer_term(Question("define", (term,), term, False), path) for term in question.terms]
        if all(alone):
            parts = [a for a in alone if a]
            both = Answer("\n\n".join(a.markdown for a in parts), parts[0].source, min(a.score for a in parts) - 0.05)
            if together is None or both.score > together.score:
                return both
        return together

    def answer_term(self, question: Question, path: str) -> Answer | None:
        """What defines a question's one key term: the extractors' definition of it unless a
        passage is clearly surer (the definition card's answer is the cleaner text)."""
        passage = self.best_passage(question, path)
        definition = _from_definitions(question, self.definitions.get(question.terms[0][0], ()))
        if definition and (passage is None or definition.score + 0.1 >= passage.score):
            return definition
        return passage


def open_question(card: Card) -> bool:
    return card.kind == Kind.QUESTION and card.open and not card.back.strip()


def find_answers(notes: Sequence[Note], cards: Sequence[Card], threshold: float = THRESHOLD) -> list[Card]:
    """The cards, each open question answered from the notes when the answer is found with at
    least `threshold` confidence; the others unchanged. The question's own source stays first,
    the answer's is added after it."""
    if not any(open_question(c) for c in cards):
        return list(cards)
    # a question the notes answer under the same question elsewhere gets that answer when merged
    answered = {prompt_key(c.front) for c in cards if c.kind == Kind.QUESTION and c.back.strip()}
    finder = Finder(notes, cards)
    out: list[Card] = []
    for card in cards:
        if open_question(card) and prompt_key(card.front) not in answered:
            answer = finder.answer(card)
            if answer is not None and answer.score >= threshold:
                card = replace(
                    card,
                    back=answer.markdown,
                    open=False,
                    sources=tuple(dict.fromkeys((card.source, answer.source, *card.sources[1:]))),
                    found_in=answer.source,
                    found_score=round(answer.score, 2),
                )
        out.append(card)
    return out
