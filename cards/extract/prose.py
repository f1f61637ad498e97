"""Definitions written as sentences: `X is a ...`, `X refers to ...`, `X is defined as ...`,
`X means ...`, `X stands for ...`, `X, also known as Y, ...`, `... is called *X*`.

Precision first. The subject must be a term: marked (bold, italic, highlight, wikilink, quoted,
code for the strong verbs), the note's title, or a short noun phrase that opens the sentence and is
no pronoun ("It is a good idea ..." defines nothing). Inside a quote, only the strong patterns
count, for a marked term or a short subject.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from ..model import Block, Card, Kind, Note, prompt_key
from ..text import goes_on_about, meaning_text, plain, sentences, term_text
from ._common import COUNT_WORDS, DAY, LEAD_IN, make_card
from ._context import note_title
from ._terms import FIRST_PERSON, PRONOUNS, code_like, is_meta_term
from ._title import title_cards
from ._view import NoteView

_MARKED = (
    r"\*\*[^*\n]+?\*\*|__[^_\n]+?__|\*[^*\n]+?\*|_[^_\n]+?_|==[^=\n]+?==|\[\[[^\]\n]+\]\]|[\"“][^\"”\n]{1,40}[\"”]"
)
_CODE = r"`[^`\n]+`"
_ARTICLE = r"(?:(?:A|An|The|a|an|the)\s+)?"
_WORD = r"[^\W\d_][\w'’/+.#-]*"
_PLAIN_SUBJECT = rf"{_WORD}(?:\s+(?:{_WORD}|\d+)){{0,3}}(?:\s+\([^()\n]{{1,40}}\))?"
_QUOTED_IN = rf"[\"“][^\"”\n]{{1,30}}[\"”]\s+in\s+{_WORD}(?:\s+{_WORD}){{0,2}}"

# "In deep learning, " / "In statistics, " before the subject: the field the term belongs to.
_CONTEXT_PREFIX = re.compile(r"^(?:In|Within|For)\s+[^,.;:!?]{2,40},\s+(?=\S)")
# Only from the first space of a run, so a long run of spaces is crossed once, not once per space.
_VERB_AT = re.compile(r"(?<!\s)\s+(?=(?:is|are|refers?|represents|means|stands?|denotes)\b)")
_SUBJECT = re.compile(
    rf"^{_ARTICLE}(?:(?P<quoted_in>{_QUOTED_IN})|(?P<marked>(?:{_MARKED})(?:\s+\([^()\n]{{1,40}}\))?)"
    rf"|(?P<code>{_CODE})|(?P<plain>{_PLAIN_SUBJECT}))$",
    re.S,
)

_ADVERB = (
    r"(?:fundamentally|essentially|basically|simply|primarily|mainly|broadly|generally|formally|informally"
    r"|roughly|technically)"
)
# Verbs that say what a term is, strongest first; the meaning is what follows.
_STRONG = re.compile(
    r"^(?:(?:is|are)\s+(?:also\s+)?(?:defined|described)\s+as|refers?\s+to|stands?\s+for|denotes"
    rf"|(?:is|are)\s+(?:an?\s+)?(?:short|shorthand|abbreviation|acronym)\s+for|means(?:\s+that)?"
    rf"|(?:is|are)\s+(?:also\s+)?(?:known|called)\s+as)\s+(?P<meaning>.+)$"
    rf"|^(?:represents|is|are)\s+(?P<kind>(?:an?|the)\s+(?:subfield|subcategory|subset|sub-?type|type|kind|form|"
    rf"branch|field|class|family|category|variant|generali[sz]ation|special case)\s+of\s+.+)$"
    rf"|^(?:is|are)\s+{_ADVERB}\s+(?P<about>about\s+.+)$"
    rf"|^represents\s+(?P<represents>an?\s+.+)$",
    re.S | re.I,
)
_WEAK = re.compile(
    rf"^(?:is|are)\s+(?:{_ADVERB}\s+)?(?P<meaning>(?:an?|the)\s+.+)$"
    # "Enzymes are proteins that speed up ...": a plural class of things and what sets them apart
    rf"|^are\s+(?:{_ADVERB}\s+)?(?P<plural>[a-z][\w-]*s\s+(?:that|which|who|whose|used|of|with|for|in\s+which)\s+.+)$",
    re.S | re.I,
)
# A marked term is when a situation holds: "is when" and at least four words of it.
_WHEN = re.compile(r"^(?:is|are)\s+(?P<meaning>when\s+(?:\S+\s+){3,}.*)$", re.S | re.I)
# After "is a": a verdict or an amount, not a class of things.
_VERDICT = re.compile(
    r"^(?:an?|the)\s+(?:(?:very|really|pretty|quite|bit|lot|little|few|couple|good|great|bad|nice|cool|fun|"
    r"awesome|terrible|huge|big|real|must|pain|mess|joy|shame|pity|promising|excellent|amazing|interesting|"
    r"wonderful|perfect|horrible|nightmare|total|complete|strong|weak|better|best|worst|most|least|first|"
    r"last|next|same|only|other|main|key|reason|fact|problem|thing|way|case|question|answer|time|day|"
    r"moment|part|lot|lots|number|ton|hit|fan|favou?rite|mystery|challenge|struggle|step|start|sign|"
    r"result|matter|bit|sort|kind of|type of|point|trick|idea)\b|\w+est\b)",
    re.I,
)
_THE_DEFINING = re.compile(
    r"^the\s+(?:[\w-]+,?\s+){0,4}?(?:process|study|practice|act|art|science|set|measure|ratio|method|technique|"
    r"algorithm|branch|field|task|function|probability|fraction|proportion|sum|mean|average|mode|tendency|"
    r"idea|principle|property|quantity|number|rate|distance|difference|view|theory|belief|doctrine|tendency|"
    r"ability|capacity|phenomenon)\s+(?:of|that|which|by|where|used|in|to)\b",
    re.I,
)
_CALLED = re.compile(
    r"(?P<what>[^.;:!?]{3,}?)\s+(?:is|are)\s+(?:also\s+)?(?:called|known\s+as|termed|named)\s+(?:an?\s+|the\s+)?"
    r"(?P<term>==[^=\n]+?==|\*\*[^*\n]+?\*\*|__[^_\n]+?__|\*[^*\n]+?\*|_[^_\n]+?_|\[\[[^\]\n]+\]\])\s*[.;,]?\s*$",
    re.S,
)
_CALLED_WORDS = re.compile(r"\s(?:is|are)\s+(?:also\s+)?(?:called|known\s+as|termed|named)\s")
_SETS_APART = re.compile(
    r"\b(?:that|which|who|whose|where|when|of|for|used|in|with|by|from|to|on|between|into|without|under)\b", re.I
)
# "**fine-tune** the model — that is, teach it ...": a marked term explained right after it.
_THAT_IS = re.compile(
    r"(?P<term>\*\*[^*\n]+?\*\*|__[^_\n]+?__|==[^=\n]+?==|\*[^*\n]+?\*|_[^_\n]+?_)"
    r"(?P<between>(?:\s+[\w'’-]+){0,4}?)\s*(?:—|–|--|,|;|\()\s*(?:that\s+is|i\.\s?e\.)[,:]?\s+"
    r"(?P<meaning>[^()]+?)\)?\s*$",
    re.S,
)
_AKA = re.compile(
    rf"^{_ARTICLE}(?P<term>{_MARKED}|{_PLAIN_SUBJECT}),\s+(?:also\s+known\s+as|a\.k\.a\.?|aka|also\s+called)\s+"
    rf"(?P<alias>[^,]{{1,50}}),\s+(?P<rest>.+)$",
    re.S,
)
# A verb in the present tense, third person, not a copula or a remark: what a thing does.
_SCHEDULE_WORD = re.compile(rf"\b{DAY}\b", re.I)
_DOES = re.compile(
    r"^(?!(?:is|was|has|does|seems|looks|feels|sounds|says|gets|makes\s+me|wants|loves|likes|hates|needs|lives|thinks)\b)[a-z]{2,}[^s\W]s\s+\w"
)
# "The term *epoch* refers to ...": the words that announce a term are no part of it.
_THE_TERM = re.compile(r"^(?:the\s+)?(?:term|word|phrase|expression|concept|notion)\s+(?=[*_=\[\"“`]|[A-Z])", re.I)
# "By *overfitting* we mean ...".
_BY_WE_MEAN = re.compile(
    rf"^By\s+(?P<term>{_MARKED}|{_CODE}|{_PLAIN_SUBJECT}),?\s+(?:we|people|one)\s+mean\s+(?P<meaning>.+)$",
    re.S,
)
# "We can think of softmax as a smooth version of argmax": how to see a term, said of it by name.
_THINK_OF = re.compile(
    rf"^(?:(?:we|you|one)\s+(?:can|could|may|might)\s+(?:also\s+|equivalently\s+)?)?think\s+of\s+"
    rf"(?P<term>{_MARKED}|{_CODE}|{_PLAIN_SUBJECT}),?\s+as\s+(?:of\s+)?(?P<meaning>(?:an?|the|just)\s.{{8,}})$",
    re.S | re.I,
)
_THINK_OF_IT = re.compile(
    r"^think\s+of\s+as\s+"
    r"(?P<meaning>(?:an?|the)\s.{8,})$",
    re.S | re.I,
)
_NOT_SUBJECT_WORDS = PRONOUNS | frozenset(
    "and or but so if when while because although though then also not no yes today tomorrow yesterday "
    "tonight now later soon always never often sometimes usually each every all some any most many much "
    "few several both either neither another such other my our your his her their its suppose imagine consider "
    "assume let say note notice remember given thus hence therefore however instead likewise similarly conversely "
    "finally first second third just only simply really actually basically still typically here less more fewer".split()
)
# "The four means of authentication are ...", "Two kinds of lock are ...": a count opens a set, not a term
_COUNT_WORDS = frozenset(COUNT_WORDS)


_PERSONAL = frozenset("i you we he she they me us him her them my your our what".split())


@dataclass(frozen=True)
class _Found:
    term: str
    meaning: str


def _plain_subject_ok(subject: str, strong: bool = False) -> bool:
    """A short noun phrase; a label word (`Syntax`, `Summary`) only before a strong verb ("Syntax means ...")."""
    words = plain(subject).split()
    if not words or any(w.lower().strip("'’") in _NOT_SUBJECT_WORDS for w in words):
        return False
    if words[0].lower() in _COUNT_WORDS:
        return False
    if (is_meta_term(" ".join(words)) and not strong) or code_like(re.sub(r"\s*\([^)]*\)$", "", plain(subject))):
        return False
    return not any(w.endswith("ed") and w[:1].islower() and i > 0 for i, w in enumerate(words))


def _marked_definition(sentence: str) -> _Found | None:
    """`... is called *X*` and `**X** ... — that is, ...`: a marked term named or explained."""
    # The two searches are unanchored and cost more than all other rules on a sentence: run them
    # only where the words they need are there.
    called = _CALLED.search(sentence) if _CALLED_WORDS.search(sentence) else None
    if called:
        what = re.sub(r"^(?:this|that|these|those|it|which)\s+", "", called.group("what").strip(), flags=re.I)
        words = [w.lower() for w in plain(what).split()]
        if 2 <= len(words) <= 12 and "," not in what and not set(words) & _PERSONAL:
            return _Found(term_text(called.group("term")), what)
    that_is = _THAT_IS.search(sentence) if "that" in sentence or "i." in sentence else None
    if that_is and len(that_is.group("meaning").split()) >= 4:
        return _Found(term_text(that_is.group("term")), that_is.group("meaning"))
    return None


def _definition(sentence: str, note: Note, quoted: bool) -> _Found | None:
    think = _THINK_OF.match(sentence)
    if think and not quoted:
        term = term_text(think.group("term"), drop_article=True)
        if _plain_subject_ok(think.group("term")) or re.match(r"[*_=\[`\"“]", think.group("term")):
            return _Found(term, think.group("meaning"))
        return None
    by = _BY_WE_MEAN.match(sentence)
    if by and not quoted:
        return _Found(term_text(by.group("term"), drop_article=True), by.group("meaning"))
    sentence = _THE_TERM.sub("", sentence, count=1)
    aka = _AKA.match(sentence)
    if aka and not quoted and (re.match(r"[*_=\[\"“]", aka.group("term")) or _plain_subject_ok(aka.group("term"))):
        rest = aka.group("rest")
        verb = _STRONG.match(rest) or _WEAK.match(rest)
        if verb:
            return _Found(term_text(aka.group("term"), drop_article=True), _meaning_of(verb, rest))
        # "Robert, also known as Bob, runs ...", "New York, also known as ..., attracts", "The CEO ... wants":
        # a person, a place or a role and what they do, not a term and what it does
        term_words = aka.group("term").split()
        nickname = all(re.fullmatch(r"[A-Z][a-z]+", aka.group(g).strip()) for g in ("term", "alias"))
        proper = len(term_words) > 1 and all(w[:1].isupper() for w in term_words)
        particular = term_words[0].lower() == "the" or _SCHEDULE_WORD.search(rest) is not None
        does = _DOES.match(re.sub(r"^[a-z]+ly\s+", "", rest))
        if does and len(rest.split()) >= 4 and not (nickname or proper or particular):
            # "Momentum, also known as the heavy ball method, keeps a running average ...": what it does
            return _Found(term_text(aka.group("term"), drop_article=True), rest)
    body = _CONTEXT_PREFIX.sub("", sentence, count=1)
    verb_at = _VERB_AT.search(body)
    subject = _SUBJECT.match(body[: verb_at.start()]) if verb_at else None
    if not verb_at or not subject:
        return None
    rest = body[verb_at.end() :]
    strong, weak = _STRONG.match(rest), _WEAK.match(rest)
    raw = subject.group("quoted_in") or subject.group("marked") or subject.group("code") or subject.group("plain")
    term = term_text(raw, drop_article=True)
    if subject.group("quoted_in"):
        term = plain(raw)
    title = term.lower() == note.title.lower()
    if subject.group("plain"):
        starts_the = re.match(r"^the\s", body, re.I) is not None
        if not _plain_subject_ok(raw, strong is not None and strong.group("meaning") is not None):
            return None
        # "Tom stands for election": an expansion belongs to an abbreviation
        if strong and re.match(r"stands?\s+for", rest, re.I) and not re.fullmatch(r"\S*[A-Z]\S*[A-Z]\S*", term):
            return None
        # "The control plane is the set of components that ...": a defining "the ... of/that" after "The X"
        said_the = (weak.group("meaning") or "") if weak else ""
        particular = re.search(r"\b(?:this|these|our|my|today|yesterday)\b", said_the, re.I)
        the_defining = _THE_DEFINING.match(said_the) is not None and not particular
        # "The hinge loss is a loss function that penalises ...": a class and what sets it apart
        kind_of = (
            len(term.split()) >= 2  # "The hinge loss" names a concept; "The model" is one in particular
            and re.match(r"^an?\s", said_the, re.I) is not None
            and len(said_the.split()) >= 5
            and _SETS_APART.search(said_the) is not None
            and not particular
            and _VERDICT.match(said_the) is None
        )
        if not strong and (starts_the and not title and not the_defining and not kind_of):
            return None
        if quoted and not strong and not (2 <= len(term.split()) <= 3 or re.fullmatch(r"[A-Z][A-Z0-9]{1,5}s?", term)):
            return None
    if subject.group("code") and not (strong and strong.group("meaning")):
        return None
    if not strong and subject.group("marked") and not _SCHEDULE_WORD.search(rest):
        strong = _WHEN.match(rest)  # "**Overfitting** is when a model learns ...", not "... is when we meet on Friday"
    if not strong:
        said = weak.group("meaning") or weak.group("plural") if weak else ""
        if not weak or len(plain(said).split()) < 3:
            return None
        verdict = _VERDICT.match(said)
        # "A **pod** is the smallest deployable unit ...": a superlative names a marked term's class
        if verdict and not (subject.group("marked") and re.fullmatch(r"(?:an?|the)\s+\w+est", verdict.group(0), re.I)):
            return None
        if quoted and not re.match(r"^an?\s", said, re.I):
            return None
        # "Life is a journey, not a destination", "Emacs is a different beast": a short figure of speech.
        # A one-word subject's class needs what sets it apart ("a tool *that* ...", "a fork *of* Vim").
        # A class named with its kind ("a systems programming language") is a definition all the same.
        figure = len(plain(said).split()) < 4 or re.search(r",\s*not\b", said)
        short = bool(figure) and not _SETS_APART.search(said)
        if subject.group("plain") and not title and short and len(term.split()) == 1:
            return None
        if said[:4].lower() == "the " and not (title or subject.group("marked") or _THE_DEFINING.match(said)):
            return None
    return _Found(term, _meaning_of(strong or weak, rest))


def _meaning_of(verb: re.Match[str], rest: str) -> str:
    for group in ("meaning", "plural", "kind", "about", "represents"):
        value = verb.groupdict().get(group)
        if value:
            return value
    return rest


# "The deadline means nothing to them": a pronoun is no meaning.
_NO_MEANING_START = frozenset("nothing everything something anything we they you he she it them us much little".split())


def _good(found: _Found) -> bool:
    meaning = plain(found.meaning)
    if len(meaning.split()) < 2 or FIRST_PERSON.search(meaning) or meaning.rstrip().endswith("?"):
        return False
    if meaning.split()[0].lower() in _NO_MEANING_START:
        return False
    if re.search(r"\b(?:this|these|those)\W*$", meaning, re.I):
        return False  # "monkey patching is a form of this": what "this" is lies outside the sentence
    return bool(found.term) and len(found.term) <= 60 and not found.term.endswith(("?", "!"))


# No definition sentence is this long; a longer run of text is pasted data, not read for definitions.
_LONGEST_SENTENCE = 1500


def _sentences_of(block: Block) -> Iterator[tuple[int, str]]:
    text = block.text
    line, counted = block.line, 0  # lines counted as the sentences go: once over the text, not once per sentence
    for start, end in sentences(text):
        line += text.count("\n", counted, start)
        counted = start
        if end - start <= _LONGEST_SENTENCE:
            yield line, text[start:end].strip()


def _term_key(term: str) -> str:
    """A term as identity sees it, singular and plural alike."""
    return re.sub(r"(?<=\w\w)(?:es|s)$", "", prompt_key(term))


def _cards(view: NoteView, rule_name: str, find: Callable[[str, bool], _Found | None]) -> Iterator[Card]:
    note = view.note
    fronts = [card.front for card in title_cards(note)]
    titled = {_term_key(f) for f in fronts} | {_term_key(re.sub(r"\s*\([^)]*\)$", "", f)) for f in fronts}
    for block, quoted in view.definition_blocks(quotes=True):
        said = list(_sentences_of(block))
        for at, (line, sentence) in enumerate(said):
            found = find(LEAD_IN.sub("", sentence.replace("\n", " "), count=1), quoted)
            seen_as = (
                _THINK_OF_IT.match(sentence.strip())
                if block.kind == "item" and rule_name == "prose-definition"
                else None
            )
            if seen_as:  # "- think of as a light-weight thread" in the notes on coroutines: the section's subject
                # ("think of it as" points at a sentence before it, not at the section)
                section = [plain(h).strip() for h in block.section if plain(h).strip()]
                found = _Found(section[-1] if section else note_title(note), seen_as.group("meaning"))
            if not found or not _good(found) or _term_key(found.term) in titled:
                continue
            meaning = found.meaning
            after = said[at + 1][1] if at + 1 < len(said) else ""
            if after and goes_on_about(after, found.term):
                meaning = f"{meaning} {after}"  # the back takes it when the first is only a short class
            back, extra = meaning_text(meaning, term=found.term)
            yield make_card(Kind.DEFINITION, found.term, back, note, block, rule_name, line=line, extra=extra)


def prose_definition(view: NoteView) -> Iterator[Card]:
    """A sentence that says what a term is; not the note's own term again when its title card has it."""
    note = view.note
    yield from _cards(view, "prose-definition", lambda sentence, quoted: _definition(sentence, note, quoted))


# Last of all rules: a highlighted or bold term is first a cloze, when a cloze rule takes its line.
def marked_definition(view: NoteView) -> Iterator[Card]:
    """`... is called *X*` and `**X** the model — that is, ...`, outside quotes."""
    yield from _cards(
        view, "marked-definition", lambda sentence, quoted: None if quoted else _marked_definition(sentence)
    )
