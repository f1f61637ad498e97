"""Highlighted terms as clozes: `==term==`, and `**term**` used as a term, hidden in their sentence.

`... is called a ==fully connected layer==.` -> `... is called a {{c1::fully connected layer}}.`
Several terms in one sentence are c1, c2, ... of one card. Only term-shaped marks count: a few
words, not a whole clause, not a label (`**Term:** meaning` is a definition), not emphasis
(`**not**`, `**we try to feel OK.**`), never one that hides most of its sentence, and never in
a sentence about the writer (`I finally get **attention**`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from types import MappingProxyType

from ..model import Block, Card, Kind
from ..parse import as_highlight, undecorated
from ..text import card_markdown, formula_spans, inside, plain, sentences
from ._common import BOLD_LABEL, DAY, LEAD_IN, RUN_IN, THE_ABOVE, make_card
from ._context import SENTENCE_ADVERBS
from ._terms import says_this_for_before
from ._view import NoteView

# Code and math are masked before marks are looked for, so `a == b` in code is never a highlight.
_CODE = re.compile(r"(`+)(?:.+?)\1|\$\$.+?\$\$|\$[^$\n]+\$", re.S)
_MARK = re.compile(
    r"(?<![=\w])==(?=\S)(?P<hl>[^=\n]+?)(?<=\S)==(?!=)"
    r"|(?<![*\w])\*\*(?=\S)(?P<bold>[^*\n]+?)(?<=\S)\*\*(?!\*)"
    r"|(?<![_\w])__(?=\S)(?P<ubold>[^_\n]+?)(?<=\S)__(?![_\w])"
)
_DEFINES_OPENING_TERM = re.compile(
    r"^\s*(?:(?:an?|the)\s+)?(?:==[^=\n]+==|\*\*[^*\n]+\*\*)\s*(?:\([^)]*\)\s*)?,?\s*"
    r"(?:(?:is|are|was|were|refers? to|means?|denotes?|stands? for|describes?)\b|=(?!=))",
    re.I,
)
# A sentence about oneself (`I spent the day on **transformers**`) is a diary line, not knowledge.
_FIRST_PERSON = re.compile(r"\b(?:I|I'm|I've|I'd|I'll|my|me|mine|myself)\b")
# Sentences that open with what one did or is to do: `Spent the day on ...`, `finish the ... notebook`.
_DIARY_OR_TODO = re.compile(
    r"^\W*(?:spent|went|did|had|watched|worked|finished|started|woke|got|tried|bought|met|called"
    r"|finish|try|buy|watch|check|ask|call|email|book|fix|remember to|need to|have to|plan to|todo|to do"
    r"|see|cf|compare|read|refer to|look at|look up|check out)\b",
    re.I,
)
# An amount, a frequency or a day: stressed, not named. (`**250 °C**`, `**at least 12 hours**`,
# `**twice a day**`, `**next Friday**`; `**GPT-4**`, `**F1 score**` are names)
_QUANTITY = re.compile(
    r"^(?:about |around |over |under |up to |at (?:least|most) |~|<|>|\u2248)?[\d.,]+(?:\s*(?:%|\u00b0\s*[CF]?"
    r"|[a-z\u00b5]{1,5}\b(?:\s*/\s*[a-z]{1,5})?)|\s+[a-z]+)?$"
    # `six hours`, `a dozen eggs`, `two thirds`: an amount in words (in lower case: `Five Whys` is a name)
    r"|^(?-i:(?:about |around |over |under |up to |at (?:least|most) |almost |nearly )?(?:a |an )?(?:one|two|three|"
    r"four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|hundred|thousand|dozen|"
    r"half|a few|several)(?:\s+(?:hundred|thousand|million|billion))?\s+[a-z]+)$"
    r"|\b(?:once|twice|thrice|at (?:least|most)|per|every|daily|weekly|monthly|a (?:day|week|month|year))\b"
    rf"|^(?:(?:on|by|until|next|this|last|every)\s+)*(?:{DAY}|week|weekend|month|year)s?$",
    re.I,
)
# Markup characters, left out when the sentence's length is compared with its terms'.
_MARKUP = re.compile(r"[*_=~`\[\]|#\0]|\]\([^)]*\)")
_STRAY = " \t-\u2013\u2014,;:.!?"
# Words that marks stress rather than name: `**not**`, `**always**`, `**key idea**`.
_EMPHASIS_WORDS = frozenset(
    """not never always must should only very really all none no yes important note warning
    do don't dont cannot can't won't will before after first last every each any more less most least
    both also too so because why how what when where and or but key never ever again still even
    huge big small new old great good bad best worst exactly definitely actually literally please
    tl;dr tldr update edit nb done main idea ideas point points takeaway takeaways thing things example
    lesson insight part step steps reason problem trick rule tip caveat catch""".split()
)
_NAME_SLOTS = frozenset(
    """a an the called named termed as of is are was were by for this these that those its their our
    your his her each every any some no in on with from into to via using use uses and or but than
    which who whose where when while because so if then""".split()
)
_PRONOUNS = frozenset("i me my we us our you your he she it they them their this that these those".split())
_MAX_WORDS = MappingProxyType({"hl": 6, "bold": 4})


def _reads_as_term(sentence: str, start: int, end: int, term: str) -> bool:
    """A bold single lower-case word names a thing only where a name goes: after an article,
    `called`, `as`, a preposition, or opening the sentence (`data **increases**` is emphasis),
    and not right before the noun it describes (`a **hot** pan`; `an **epoch** takes` is fine)."""
    before = _word_before(sentence, start)
    if len(term.split()) > 1 and term.split()[-1] in _OPEN_ENDED:
        return False  # `**variance bounded by** $O(1)$`: a phrase stressed up to its object, not a name
    if len(term.split()) > 1:
        # `beats clever phrasing **every single time**`: a lower-case phrase of stress words
        # closing a sentence right after a word that takes no name is stress, not a term
        closing = not _WORD_CHAR.search(sentence, end)
        stressed = any(w in _EMPHASIS_WORDS for w in term.split())
        return not (closing and stressed and term.islower() and before and before[-1] not in _NAME_SLOTS)
    if not term.isalpha() or not term.islower():
        return True
    if before and before[-1] not in _NAME_SLOTS:
        return False
    after = _NEXT_WORD.match(sentence, end)
    return not after or after.group(1) in _NAME_SLOTS or after.group(1).endswith("s")


_WORD_CHAR = re.compile(r"\w")
# Words a name never ends on ("incident to", "swapped in" and "ORDER BY" do)
_OPEN_ENDED = frozenset("by of with for into than the a an and or".split())
_NEXT_WORD = re.compile(r"\s+([a-z]+)\b")


def _word_before(sentence: str, start: int) -> list[str]:
    """The last word (`[\\w']+`, lower case) before `start`, as a list of none or one: what
    `re.findall(r"[\\w']+", sentence[:start].lower())[-1:]` gives, without reading the whole
    sentence for each mark (quadratic on a line of `**T**: ` repeated)."""
    end = start
    while end > 0 and not _in_word(sentence[end - 1]):
        end -= 1
    begin = end
    while begin > 0 and _in_word(sentence[begin - 1]):
        begin -= 1
    return [sentence[begin:end].lower()] if end > begin else []


def _in_word(char: str) -> bool:
    return char == "'" or bool(_WORD_CHAR.match(char))


def _bold_term(sentence: str, start: int, end: int, term: str, people: frozenset[str]) -> bool:
    """Bold that names a term, not bold that stresses an amount (`rest for **at least 12 hours**`,
    `feed it **twice a day**`) or names a person of the meeting (`**Marco** will send ...`)."""
    if _QUANTITY.search(term) or term.casefold() in people:
        return False
    return _reads_as_term(sentence, start, end, term)


def _term(raw: str, kind: str) -> str | None:
    """The term a mark holds, stray punctuation stripped, or None when it is not term-shaped."""
    text = plain(raw).strip(_STRAY)
    words = text.split()
    if not words or len(words) > _MAX_WORDS[kind] or len(text) > 60:
        return None
    if re.search(r"[.!?;]\s", text) or not re.search(r"\w", text):
        return None
    lowered = [w.lower().strip("'\u2019,") for w in words]
    if any(w in _PRONOUNS for w in lowered):
        return None
    if all(w in _EMPHASIS_WORDS or w in SENTENCE_ADVERBS for w in lowered):
        # "(**Often**) Find a formula", "This **usually** works": how often, said alone, never a term
        # (in a longer phrase it may be one: "i.o. means **infinitely often**")
        return None
    return text


def _cloze_safe(term: str) -> str:
    """`::` and `}}` inside a cloze (or a `}` just before its end) would end it early."""
    term = term.replace("::", ": :").replace("}}", "} }")
    return term + " " if term.endswith("}") else term


def _masked(text: str) -> str:
    return _CODE.sub(lambda m: "\0" * len(m.group(0)), text)


# What a paragraph of lecture notes opens with in bold: `**Def.**`, `**Theorem 2**`, `**Proof.**`.
_STRUCTURE_LABEL = re.compile(
    r"^(?:def|defn|definition|thm|theorem|lemma|lem|proof|pf|example|ex|remark|rem|corollary|cor|proposition|"
    r"prop|claim|exercise|axiom|notation|conjecture|problem|solution)\.?(?:\s*\d[\d.]*)?\.?$",
    re.I,
)


def _is_label(sentence: str, start: int, end: int, raw: str) -> bool:
    """`**Term:** meaning`, `**Term**: meaning`, `**Term** - meaning`, `**Term** → meaning` opening a
    line: a definition's term, not a cloze. Nor is `**Def.**` opening a paragraph of lecture notes,
    nor a marked label alone on its line."""
    if _NOT_SPACE.search(sentence, sentence.rfind("\n", 0, start) + 1, start):  # the mark does not open its line
        return False
    after = _NOT_SPACE.search(sentence, end)
    if _STRUCTURE_LABEL.match(plain(raw).strip()):
        return True
    if plain(raw).rstrip().endswith(":") and (after is None or "\n" in sentence[end : after.start()]):
        return True  # `==**Overlay:**==` alone on its line: the name of what the lines under it say
    return raw.rstrip().endswith(":") or (
        after is not None and after.group() in (":", "-", "\u2013", "\u2014", "\u2192", "\u21d2")
    )


_NOT_SPACE = re.compile(r"\S")
# A phrase that opens on one of these and ends on a comma says where or when what follows holds
_SCENE_WORDS = frozenset("for in on at with without by from under during after before unlike like within per".split())


def _sets_the_scene(sentence: str, start: int, end: int, raw: str) -> bool:
    """`**For strings**, ...`, `==In practice==, ...`: a marked phrase of two or more words that
    opens a sentence on a preposition and is followed by a comma frames the sentence; it names
    nothing. (Further on, "converges **in probability**, ..." says how: a fact to recall.)"""
    words = plain(raw).split()
    if len(words) < 2 or words[0].lower() not in _SCENE_WORDS or _A_WORD.search(sentence, 0, start):
        return False
    after = _NOT_SPACE.search(sentence, end)
    return raw.rstrip().endswith(",") or (after is not None and after.group() == ",")


_ARTICLE_LEAD = re.compile(r"(?:the|an?)\s+(?=\S)", re.I)


def cloze_sentence(
    sentence: str, people: frozenset[str] = frozenset(), deck: bool = False
) -> tuple[str, list[str]] | None:
    """The sentence with its term marks as clozes, and the terms; None when none qualifies, or
    when the sentence defines the term it opens with (`**X** is a ...`: a definition card's)."""
    masked = _masked(sentence)
    unmarked = _MARK.sub(" ", masked)
    if (
        _DEFINES_OPENING_TERM.match(masked)
        or RUN_IN.match(masked)
        or _FIRST_PERSON.search(unmarked)
        or _DIARY_OR_TODO.match(unmarked)
    ):
        return None
    out: list[str] = []
    terms: list[str] = []
    numbers: dict[str, int] = {}  # a term, case folded -> its cloze number
    exact: set[str] = set()  # the terms as written so far: a new term's number is one more
    pos = 0
    for match in _MARK.finditer(masked):
        group = next(g for g in ("hl", "bold", "ubold") if match.group(g) is not None)
        kind = "hl" if group == "hl" else "bold"
        raw = sentence[match.start(group) : match.end(group)]
        term = _term(raw, kind)
        if term is None or _is_label(sentence, match.start(), match.end(), raw):
            continue
        if _sets_the_scene(sentence, match.start(), match.end(), raw):
            continue
        if kind == "bold" and not deck and not _bold_term(sentence, match.start(), match.end(), term, people):
            continue
        out.append(sentence[pos : match.start()])
        # Math and code keep their marks inside the cloze, so they still render as math and code.
        marked_up = "$" in raw or "`" in raw
        shown = card_markdown(raw).strip(_STRAY) if marked_up else term
        article = None if marked_up else _ARTICLE_LEAD.match(term)
        if article:
            # `**The zero flag** is set ...`: the article is no part of what the student recalls
            out.append(article.group(0))
            shown = term = term[article.end() :]
        # The same term twice is one cloze: both places hide and show together.
        number = numbers.get(term.casefold()) or len(exact) + 1
        numbers.setdefault(term.casefold(), number)
        exact.add(term)
        out.append(f"{{{{c{number}::{_cloze_safe(shown)}}}}}")
        terms.append(term)
        pos = match.end()
    if not terms:
        return None
    out.append(sentence[pos:])
    context = _MARK.sub(lambda m: m.group("hl") or m.group("bold") or m.group("ubold") or "", masked)
    whole = len(_MARKUP.sub("", context).strip())
    hidden = sum(len(t) for t in terms)
    rest_words = len(re.findall(r"\w+", unmarked))
    if rest_words < 3 or hidden > 0.6 * whole:
        return None
    return "".join(out), terms


# A line that opens a new statement: a capital, or a mark around one (`**Entropy** measures ...`).
_NEW_LINE_START = re.compile(r"\n[ \t]*(?=(?:\*\*|__|==|\[\[)?[A-Z])")
_RUNS_ON = re.compile(r"(?:[,(\u2013\u2014-]|\b(?:" + "|".join(sorted(_NAME_SLOTS)) + r"))\s*$", re.I)


def _line_sentences(text: str) -> Iterator[tuple[int, int]]:
    """Sentences, a line break before a capital also ending one unless the line before runs on
    (ends with a comma or a word like `the`, `of`): a lazy line under a list item is its own
    statement, a hard-wrapped sentence is not cut."""
    formulas = formula_spans(text)
    for start, end in sentences(text):
        cut = start
        for match in _NEW_LINE_START.finditer(text, start, end):
            line = text.rfind("\n", cut, match.start()) + 1 or cut  # the line before: what can run on
            if inside(formulas, match.start()):
                continue  # a line of a displayed formula (`M =` / `\\begin{bmatrix}`) is no new statement
            # a line opening on a bold label (`**Event marker:** ...`) is an entry of its own
            if not _RUNS_ON.search(text, line, match.start()) or BOLD_LABEL.match(text, match.end()):
                yield cut, match.start()
                cut = match.end()
        yield cut, end


# `<mark>term</mark>`, and any other tag's highlight: parsing has already made the Highlightr plugin's
# `==term==`.
_MARK_TAG = re.compile(r"<mark\b[^>\n]*>([^<\n]+?)</mark>", re.I)


_A_WORD = re.compile(r"[^\W_]")
_HTML_TAG = re.compile(r"<[^<>\n]*>")


def _tags_blanked(text: str) -> str:
    """The text with its HTML tags blanked, same length: `<img src=...>` holds no word of the card."""
    return _HTML_TAG.sub(lambda m: " " * len(m.group(0)), text) if "<" in text else text


# A sentence that names what the one before it said: "These are called refresh cycles."
_NAMES_WHAT_CAME = re.compile(
    r"^(?:this|these|those|such|it|they)\s+(?:\w+\s+)?(?:is|are|was|were)\s+(?:(?:also|sometimes|often|usually|then)\s+)?"
    r"(?:called|known\s+as|referred\s+to\s+as|named|termed|dubbed)\b",
    re.I,
)
# ... with a bare pronoun ("This is called ..."; "This approach is called" may be the note's own subject)
_NAMES_IT = re.compile(
    r"^(?:this|these|it|they)\s+(?:is|are|was|were)\s+(?:(?:also|sometimes|often|usually|then)\s+)?"
    r"(?:called|known\s+as|referred\s+to\s+as|named|termed|dubbed)\b",
    re.I,
)
# A sentence that turns on the one before it: "However, the ==placement== makes them different."
_TURNS_ON_WHAT_CAME = re.compile(
    r"^(?:(?:however|but|yet|still|instead(?!\s+of)|in\s+contrast|on\s+the\s+other\s+hand|conversely)\b"
    r"(?=.*\b(?:them|they|it|this|these|those|both|either)\b)"
    # "A better approach, of course, is ==cross-validation==.": better than what the sentence before said
    r"|(?:an?|the)\s+(?:better|simpler|faster|cheaper|safer|cleaner|easier|smarter)\s+(?:approach|way|option|solution"
    r"|alternative|method|idea|choice)\b"
    # "So we want to implement ==collaborative filtering==", "From there, we can go to ==cliques==": the next step
    r"|(?:so|then|thus|therefore|hence|or|otherwise|but|from\s+(?:there|here))\b,?\s"
    # "For this reason, Java 8 added the ==stream API==": the reason is the sentence before
    r"|(?:for\s+this\s+reason|because\s+of\s+this|due\s+to\s+this|as\s+a\s+result|that(?:'s|’s|\s+is)\s+why"
    r"|this\s+is\s+why)\b"
    # "Which would give us the ==nearest neighbor== method", "Instead, we should use ==max likelihood==!"
    r"|(?:which|and)\s|instead\s*,"
    # "In other words, they are doing a ==truncation==": the sentence before, said again
    r"|(?:in\s+other\s+words|put\s+another\s+way|that\s+is\s+to\s+say|i\.e\.),?\s)",
    re.I | re.S,
)
# ... of which these draw a consequence from it ("Therefore", "For this reason")
_CONSEQUENCE = re.compile(
    r"^(?:thus|therefore|hence|for\s+this\s+reason|because\s+of\s+this|due\s+to\s+this|as\s+a\s+result"
    r"|that(?:'s|’s|\s+is)\s+why|this\s+is\s+why)\b",
    re.I,
)
_MAX_BEFORE_WORDS = 40
# A sentence that points back with its subject or a demonstrative: "This period of time is called a
# ==time-slice==.", "We can then use this model to ==plan==.", "They are stored in ==registers==.",
# "Its score function is ==the feature minus its mean==."
_POINTS_BACK = re.compile(
    r"^(?:it|its|they|their|this|these|those|such)\b(?!\s+(?:paper|note|course|lecture|chapter|section)\b)"
    r"|\b(?:this|these|those)\s+(?!(?:is|are|was|were|means|way|time|paper|note|course|lecture|chapter|section)\b)[a-z-]+\b"
    # "A cache that holds both is called a ==unified cache==": both of what the sentence before named
    r"|^(?![^.]*\band\b)[^.]*\bboth\b"
    # "The above homomorphism is called the ==natural homomorphism==": the one the sentence before gave
    rf"|{THE_ABOVE.pattern}|^the\s+(?:former|latter)\b",
    re.I,
)


def _unmarked(sentence: str) -> str:
    """A sentence with its highlight and bold marks taken off: the words it says, no gap of its own."""
    return _MARK.sub(lambda m: m.group("hl") or m.group("bold") or m.group("ubold") or "", sentence)


_LABELLED = re.compile(r"^(?:\*\*|__)?[^\s:][^:\n]{0,40}:(?:\*\*|__)?\s")


def _goes_on_from(above: Block, block: Block) -> bool:
    """Whether the list item `block` reads on from `above`, the prose block right before it: an
    item before it in the same list, or the paragraph leading into its list."""
    if block.kind != "item" or above.section != block.section or above.line >= block.line:
        return False
    return (above.kind == "item" and above.depth == block.depth) or (above.kind == "paragraph" and block.depth == 0)


def _reads_on(above: Block, block: Block) -> bool:
    """Whether the paragraph `block` follows the paragraph `above` in the same section, only a blank
    line between them (no code block or picture it could name instead)."""
    if above.kind != "paragraph" or block.kind != "paragraph" or above.section != block.section:
        return False
    return 0 < block.line - (above.line + above.text.count("\n")) <= 2


def _last_sentence(text: str) -> str:
    spans = list(_line_sentences(text))
    return text[spans[-1][0] : spans[-1][1]].strip() if spans else ""


def highlight_cloze(view: NoteView) -> Iterator[Card]:
    """Each sentence holding term-shaped highlights (or bold terms) is one cloze card."""
    note = view.note
    people = view.speakers
    # In a note filed in a flashcards deck, obsidian-spaced-repetition makes every bold span a cloze.
    deck = any(re.match(r"(?:flashcards?|cards?|srs|anki)(?:::|$)", tag, re.I) for tag in note.tags)
    last: Block | None = None
    for block in view.prose(callouts=True):
        above, last = last, block
        text = _MARK_TAG.sub(as_highlight, block.text) if "<mark" in block.text else block.text
        if "==" not in text and "**" not in text and "__" not in text:
            continue
        line, counted = block.line, 0
        wordy = _tags_blanked(text)
        # an item goes on from the item before it, or from the sentence that leads into its list:
        # "Most domains show ==conditional independence==" / "==Bayesian networks== encode this information"
        # ("Super-sampling: ..." under "Over-sampling: ...": a label of its own says what it is on)
        goes_on = above is not None and _goes_on_from(above, block) and not _LABELLED.match(text)
        before = _last_sentence(above.text) if above is not None and goes_on else ""
        # "Two threads read and write a shared counter." / "This is called a ==race condition==.": a
        # paragraph that names what the paragraph before it said
        prior = _last_sentence(above.text) if above is not None and _reads_on(above, block) else ""
        for start, end in _line_sentences(text):
            sentence = undecorated(text[start:end].lstrip(), arrows=False)  # `✅ **Low cost**: ...` opens on its label
            made = cloze_sentence(LEAD_IN.sub("", sentence, count=1) if ":" in sentence else sentence, people, deck)
            said, before = before, sentence
            if not said and start == 0 and prior and _NAMES_IT.match(sentence):
                said = prior
            if made is None:
                continue
            front = card_markdown(made[0])
            turns = _TURNS_ON_WHAT_CAME.match(_unmarked(sentence))
            if not said and start == 0 and prior and turns and _CONSEQUENCE.match(_unmarked(sentence)):
                # "Java 7 collections were looped by hand." / "For this reason, Java 8 added the
                # ==stream API==.": the paragraph before gives the reason
                said = prior
            leans = _NAMES_WHAT_CAME.match(sentence) or turns
            # "Modern processors use ==branch prediction== to mitigate this.": this is what came before
            leans = leans or says_this_for_before(_unmarked(sentence)) or _POINTS_BACK.search(_unmarked(sentence))
            if said and leans and len(said.split()) <= _MAX_BEFORE_WORDS:
                # "DRAM cells must be re-read every few ms. These are called ==refresh cycles==."
                # an item that starts in lower case finishes the one before it ("Google finds ..." / "to
                # later search for a keyword"): no full stop between them
                told = card_markdown(_unmarked(said)).strip()
                stop = told[-1:].isalnum() and _unmarked(sentence).lstrip("*_= ")[:1].isupper()
                front = f"{told}{'.' if stop else ''} {front}"
            # the line of the sentence's first word: a line of symbols (`∑`) before it is not its source
            word = _A_WORD.search(wordy, start, end)
            at = word.start() if word else start
            line += text.count("\n", counted, at)
            counted = at
            yield make_card(Kind.CLOZE, front, "", note, block, "highlight-cloze", line=line)
