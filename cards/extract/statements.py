"""Statements in terse outline notes: a bullet whose subject is a named thing and whose predicate
says what that thing does or is, as a cloze hiding the subject.

    # A Tour of Compilers          ->  cloze  "{{c1::lexer}} (tokenizer) turns source text into a
    - front end                               stream of tokens"   (context: A Tour of Compilers ›
      - lexer (tokenizer) turns source text into a stream of tokens                     front end)

A cloze of the subject is the simplest card that stands on its own: the sentence is the note's own,
the gap is the name the student learns, and the note's title and the items above the bullet come
with the card as its context. Nested lines that go on about the same subject without naming it
(`  - requires only one round trip`) finish the statement and go with it.

Precision matters more than recall here: outline notes are full of bullets that are no fact about
a named thing. No card comes from a bullet that is a to-do, an opinion or a hedge, speaks in the
first person, has no subject ("can use X to ..."), a pronoun or a generic word as subject ("it",
"people", "the idea"), is a `Name: text` or `Term - meaning` line (the definition rules', or
minutes), is code or a link, asks, or leads into a list; nor from a meeting note or a dated one.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from ..model import Block, Card, Kind, Note
from ..text import WORKFLOW_TAG, card_markdown, plain, zipf
from ._common import ANNOUNCES_LIST, JOURNAL_FOLDER, LABELLED_LINE, is_task, make_card, silent_section
from ._context import note_title, reading_list
from ._outline_words import AUX, GENERIC_NOUNS, NOT_SUBJECT, past_form, stem, verb_forms
from ._terms import CLOCK_OR_DATE, FIRST_PERSON, recipe_section
from ._view import NoteView

_ARTICLE = frozenset({"the", "a", "an"})
# A predicate that is an opinion, a hedge or a plan, not a fact about the subject.
_OPINION = re.compile(
    r"\b(?:i think|imo|imho|maybe|perhaps|probably|possibly|seems?|seemed|guess|hopefully|should|shouldn't"
    r"|would|wouldn't|could|couldn't|might|nice|cool|awesome|amazing|great|love|loved|hate|hated|cute|weird"
    r"|annoying|interesting|boring|fun|favou?rite|lol|tbd|todo|to-do|tbc|wip|fixme|sucks?|terrible|horrible"
    r"|beautiful|elegant|overrated|underrated|wow|yay|ugh|hmm|omg|super|awful|hardcore|already|apparently|really|beware|careful)\b"
    # what leans on the text around it: "alerts are generated at this point", "as shown below"
    r"|\b(?:this|these|those|above|below|here|previous|previously|aforementioned|the following|as follows)\b"
    # what a figure shows: "givens are highlighted in yellow", "the red line is ..."
    r"|\b(?:highlighted|pictured|shown in|in (?:yellow|red|blue|green|orange|purple|grey|gray|bold|italics)"
    r"|(?:figure|diagram|picture|image|slide|screenshot)s?)\b"
    # notation rather than a sentence: "API is maintained → All is well"
    r"|[\u2190-\u21ff\u27f5-\u27ff]",
    re.I,
)
# `is/are` + what a student cannot learn: a verdict ("is really useful"), or a definition's shape
# ("is a log"), left to the definition rules, which know when such a line is one.
_VERDICT = re.compile(
    r"^(?:is|are|was|were)\s+(?:not\s+)?(?:(?:very|really|so|quite|pretty|super|too|extremely|incredibly|kinda"
    r"|fairly|rather)\s+)?(?:a|an|the|one|good|bad|better|best|worse|worst|easy|easier|hard|harder|simple"
    r"|difficult|important|useful|helpful|powerful|popular|great|key|crucial|core|essential|nice|fine|ok|okay|cool"
    r"|fast|slow|cheap|expensive|interesting|necessary|needed|required|optional|possible|impossible|available"
    r"|there|here|everywhere|done|over|back|out|on|off|up|down|used|gone|coming|going|next|still|always|now"
    r"|most|more|less|least|well|much|quite)\b",
    re.I,
)
_THEM = re.compile(r"^(?:\S+\s+){1,2}(?:them|these|those)\b", re.I)
_SETTING = re.compile(r"^(?:is|are)\s+\d", re.I)
# "..., turn it off if unnecessary", "..., so make a memory hierarchy": advice tacked on, not the fact.
_ORDER_AFTER = re.compile(
    r"[,;]\s+(?:so\s+|then\s+)?(?:turn|use|make|set|avoid|do|don't|remember|check|try|create|add|keep|go|put|call"
    r"|prefer|consider|never|always)\b",
    re.I,
)
_DANGLING = re.compile(r"\b(?:then|and|or|but|the|a|an|of|to|with|for|by|from|as|than|which|that|so)\W*$", re.I)
_NAMING = re.compile(r"\b(?:called|known as|referred to as|named|termed|dubbed|stands? for)\b", re.I)
# "may be an option", "may help": a statement its writer is not sure of; "needs to process data",
# "has to come from somewhere": a step of an explanation, not what the thing is or does.
_HEDGED = re.compile(r"^(?:may|might|could|needs? to|has to|have to|will be (?:a|an|the|one)\b)\b", re.I)
# Words that point at nothing a student can learn: "has to come from somewhere", "part of the story".
_VAGUE = re.compile(
    r"\b(?:something|somewhere|somehow|someone|stuff|things?|bit|story|etc|and so on|whatever|kinda|sorta)\b", re.I
)
# A person's stance in an argument, not a fact: "Adams does not disagree that ...", "Kant argues ...".
_STANCE = re.compile(
    r"^(?:(?:does|do|did)(?:\s+not|n't)?\s+)?(?:argue|claim|say|believe|think|agree|disagree|suggest|propose"
    r"|contend|insist|den(?:y|ie)|concede|worr(?:y|ie)|wonder|doubt|admit|hold|maintain|point|reply|respond|object"
    r"|conclude|assert|reject|accept|acknowledge|grant|warn|recommend|want|wish|feel|hope)(?:s|es|ed|d)?\b"
    r"|^(?:is|are|was|were)\s+(?:talking|writing|speaking|arguing)\b|^(?:talks|writes|speaks)\s+about\b|^(?:discusses|mentions)\b",
    re.I,
)
# "has long since written", "have done": the telling of what happened, not what a thing does.
_TELLING = re.compile(r"^(?:has|have|had)\s+(?:(?:\w+ly|long since|just|already|since)\s+)*(?P<done>\w+)\b", re.I)
# A predicate of a person's doings or plans ("will send the deck", "will look into"): minutes, not facts.
_DOINGS = re.compile(
    r"^(?:will|won't|is going to|are going to|needs? to|has to|have to|wants? to)\s+(?:\w+\s+)?"
    r"(?:send|look|check|follow|ask|email|schedule|share|review|fix|talk|call|meet|prepare|write|set up|circle"
    r"|ping|reach|sync|update|investigate|draft|present|book|finish|start|try|think|discuss|get|take|bring)\b",
    re.I,
)
# A token of a subject: letters, digits and the marks names carry (`C++`, `HTTP/3`, `C#`, `e2e`, `Node.js`).
_NAME_TOKEN = re.compile(r"^[^\W_][\w+#./'\u2019-]*$")
_ADJECTIVE = re.compile(r"(?:istic|ous|able|ible|ful|less)$")
_SERIAL = re.compile(r"^[a-z]{1,2}\d{1,2}$", re.I)
_ALIAS = re.compile(r"^\([^()]{1,40}\)[,]?$")
_ADVERB = re.compile(r"^[a-z]{3,}ly$")
_MORE_THAN_ONE = re.compile(r"[.!;]\s+\S|\s[-\u2013\u2014]\s")
# `torch.clip(y, 0.)`, `a -> b`, `{...}`: code written as prose.
_CODE_LIKE = re.compile(r"\w\(|\w\.\w+\(|[{}<>\[\]|\\]|->|=>")
_MIN_PREDICATE_WORDS = 3
_MAX_WORDS = 32
_MAX_CHARS = 240
_MAX_SUBJECT_WORDS = 3
_MAX_FOLLOW_ON = 2
_MINUTES_TITLE = re.compile(
    r"\b(?:meeting|minutes|sync|stand-?up|1:1|one-on-one|retro|retrospective|journal|diary)\b", re.I
)


def _word(token: str) -> str:
    """A token as a word: marks around it and trailing punctuation taken off, lower case."""
    return token.strip("*_=[]").rstrip(",;").lower()


def _verb_at(tokens: list[str], words: list[str], k: int, plural: bool) -> int:
    """The number of tokens the verb group at `k` takes (an adverb ending in -ly before it
    included), 0 when there is none: `turns`, `automatically attach`, `was built`, `are equal`."""
    third, base = verb_forms()
    at = k + 1 if k < len(words) and _ADVERB.match(words[k]) else k
    if at >= len(words):
        return 0
    word = words[at]
    if tokens[at].strip("*_=")[:1].isupper():
        return 0  # "Deployment Groups to ...": a capital inside a line names a thing, it is no verb
    if word in AUX:
        return at - k + 1
    if word in third or (plural and word in base):
        # "Affine transforms and ...", "Tree-based models (particularly": a plural noun, not a verb
        after = words[at + 1] if at + 1 < len(words) else ""
        # "bottlenecks change, revisit and adjust": a verb with nothing after it is no statement
        if after and after not in _NOT_OBJECT and not after.startswith("(") and not _ends_clause(tokens[at]):
            return at - k + 1
    return 0


# What never follows a verb of the predicate: the verb is then a noun of the subject.
_NOT_OBJECT = AUX | frozenset({"and", "or", "of", "that", "which", "who", "vs", "versus", "&"})


def _ends_clause(token: str) -> bool:
    return token.strip("*_=").endswith((",", ";", ":", "."))


def _split(tokens: list[str]) -> tuple[int, int, int] | None:
    """Where the subject ends, where its alias (`(tokenizer)`) ends and where the predicate starts,
    as token positions; None when the bullet opens with no named subject and a verb after it."""
    words = [_word(t) for t in tokens]
    start = 1 if words and words[0] in _ARTICLE else 0
    for end in range(start + 1, min(start + _MAX_SUBJECT_WORDS, len(tokens)) + 1):
        token = tokens[end - 1]
        if not _NAME_TOKEN.match(token.strip("*_=[]")) or words[end - 1] in NOT_SUBJECT:
            return None
        if token.rstrip().endswith((",", ";", ":", ".")):
            return None  # "Without SOP, CSRF is simple": a clause before the subject
        after = end
        while after < len(tokens) and tokens[after].startswith("(") and after - end < 4:
            close = next((j for j in range(after, min(after + 5, len(tokens))) if tokens[j].endswith(")")), None)
            if close is None or not _ALIAS.match(" ".join(tokens[after : close + 1])):
                return None
            after = close + 1
        plural = words[end - 1].endswith("s") and not words[end - 1].endswith("ss")
        size = _verb_at(tokens, words, after, plural)
        if size:
            return end, after, after
        if after != end:
            return None  # an alias not followed by a verb: no statement
    return None


def _subject_ok(tokens: list[str], start: int, end: int) -> bool:
    words = [_word(t) for t in tokens[start:end]]
    third, base = verb_forms()
    first = words[0].split("/") if words else []
    if not words or any(w in third or w in base or w in AUX or past_form(w) for w in first):
        return False  # "uses X to ...", "can use ...", "made on top of ...": no subject, a fragment
    if words[0].endswith("ly"):
        return False  # "Recursively sorts each part": an adverb, the subject left out
    if len(words) > 1 and words[0].endswith("ing"):
        return False  # "changing account access will ...": a doing, not a named thing
    if any(w in GENERIC_NOUNS for w in words):
        return False
    if any(w.endswith(("'s", "\u2019s")) for w in words):
        return False  # "An individual's current actions ...": a step of an argument, not a named thing
    if len(words) == 1 and (len(words[0]) < 2 or _SERIAL.match(words[0])):
        return False  # "v2 has new features", "P1 has ...": a place in a series, named by what is around it
    if len(words) == 1 and (_ADJECTIVE.search(words[0]) or (len(words[0]) == 2 and tokens[start].islower())):
        return False  # "deterministic requires ...", "qs depends on ...": a quality, or the writer's own shorthand
    return not any(ch.isdigit() for ch in words[0][:1])


def _statement(text: str) -> tuple[str, str, str] | None:
    """The bullet's line as a cloze hiding its subject, the subject and the other name the bullet
    gives it in brackets (`lexer (tokenizer)`, or empty); None when it is no statement.

    The checks that reject most bullets and cost least (a subject and a verb in its tokens) come first."""
    line = card_markdown(text).strip()
    if "`" in line or "$" in line or "://" in line or "](" in line or "=" in line or "{{" in line or "?" in line:
        return None  # code, math, links, clozes of their own and questions: other rules', or no fact in words
    tokens = line.split()
    found = _split(tokens)
    if found is None:
        return None
    end, after, verb = found
    start = 1 if _word(tokens[0]) in _ARTICLE else 0
    lead = tokens[0][: len(tokens[0]) - len(tokens[0].lstrip("*_="))]
    if start and lead and end > start and tokens[end - 1].endswith(lead):
        # `**The zero flag** is set ...`: the marks wrap the article too; the gap takes the words
        tokens = [tokens[0][len(lead) :], *tokens[1 : end - 1], tokens[end - 1][: -len(lead)], *tokens[end:]]
    tokens = _unwrapped(tokens, 0 if lead else start, end)
    if not _subject_ok(tokens, start, end):
        return None
    shown = plain(line).strip()
    if not shown or shown.endswith((":", "...", "\u2026")):
        return None
    if len(shown.split()) > _MAX_WORDS or len(shown) > _MAX_CHARS or _MORE_THAN_ONE.search(shown):
        return None  # one statement a card: "Data pipeline has X. Tight access rights." is notes, not a fact
    if LABELLED_LINE.match(shown) or ANNOUNCES_LIST.match(shown) or FIRST_PERSON.search(shown):
        return None  # `Name: text`, `Term - meaning`, "X has three parts", "I think ..."
    if _WE.search(shown) or _OPINION.search(shown) or _CODE_LIKE.search(shown):
        return None
    said = plain(" ".join(tokens[verb:]))
    if _NAMING.search(said):
        return None  # "... is called *X*": a definition's, the term is the name it gives
    if _VERDICT.match(said) or _DOINGS.match(said) or _HEDGED.match(said) or _STANCE.match(said):
        return None
    telling = _TELLING.match(said)
    done = telling.group("done").lower() if telling else "been"
    if _VAGUE.search(said) or (done != "been" and (past_form(done) or done.endswith("ed"))):
        return None
    if _THEM.match(said) or _SETTING.match(said):
        return None  # "translates them into ...": what "them" is lies outside the card; "min char is 3, ...": settings
    if _DANGLING.search(said) or _ORDER_AFTER.search(said):
        return None  # "... each part, then": the sentence goes on in the next line
    if len(_PREDICATE_WORD.findall(said)) < _MIN_PREDICATE_WORDS + 1:
        return None
    subject = " ".join(tokens[start:end])
    term = plain(subject).strip() if _MARKS.search(subject) else subject
    if _names_again(term, said):
        return None  # the subject named again in the predicate would give the gap away
    before = " ".join(tokens[:start])
    shown_term = card_markdown(term) if _MARKS.search(subject) else subject
    cloze = f"{{{{c1::{shown_term.replace('::', ': :')}}}}}"
    front = " ".join(part for part in (before, cloze, " ".join(tokens[end:])) if part)
    return front, term, plain(" ".join(tokens[end:after])).strip(" (),")


_AFTER_MARK = ".,;:!)"  # what may follow a closing mark: `**... MSE**,`


def _unwrapped(tokens: list[str], first: int, end: int) -> list[str]:
    """`**Cross-entropy is preferred over MSE** for ...`: marks that open on the subject and close in
    the predicate stress the statement, not the term. Both are taken off, so the gap holds the plain
    term and no mark is left open on either side of it."""
    lead = tokens[first][: len(tokens[first]) - len(tokens[first].lstrip("*_="))]
    if not lead or any(_closes(token, lead) for token in tokens[first:end]):
        return tokens
    for k in range(end, len(tokens)):
        if _closes(tokens[k], lead):
            core = tokens[k].rstrip(_AFTER_MARK)
            out = list(tokens)
            out[first] = tokens[first][len(lead) :]
            out[k] = core[: -len(lead)] + tokens[k][len(core) :]
            return out
    return tokens


def _closes(token: str, lead: str) -> bool:
    core = token.rstrip(_AFTER_MARK)
    return core.endswith(lead) and len(core) > len(lead)


_WE = re.compile(r"(?<![\w'\u2019])(?:we|our|us)(?![\w])", re.I)
_PREDICATE_WORD = re.compile(r"[^\W\d_]{2,}")
_MARKS = re.compile(r"[*_=~\[\]<&\\]")


def _names_again(term: str, said: str) -> bool:
    """Whether `said` holds `term` as whole words (case ignored)."""
    low, want = said.lower(), term.lower()
    at = low.find(want)
    while at >= 0:
        after = at + len(want)
        if (at == 0 or not low[at - 1].isalnum()) and (after == len(low) or not low[after].isalnum()):
            return True
        at = low.find(want, at + 1)
    return False


# How common a word may be and still be a name of its own, on wordfreq's Zipf scale (a word used
# once per billion words is 0... 3: "parser", "throughput", "Kafka"; "function", "data", "matrix"
# are 4 and more); a phrase is named when one of its words is a little rarer than that.
_RARE_WORD = 3.3
_RARE_IN_PHRASE = 3.7
# A word this common ("function", "data", "computer") names nothing even in a note about it.
_EVERYDAY = 4.5
# A name by its form: `QUIC`, `BigTable`, `HTTP/3`, `Node.js`, `C++`, `X86`.
_NAME_FORM = re.compile(r"[^\W\d_][^\W\d_]*[A-Z]|\d|[+#./]\w*")


def _around(view: NoteView, block: Block) -> set[str]:
    """The words of the note's title and the headings above the bullet, as stems: what the
    bullet's part of the note is about."""
    parts = [note_title(view.note), *block.section]
    return {stem(w) for part in parts for w in re.findall(r"[^\W\d_]+", plain(part))}


def _named(term: str, around: set[str]) -> bool:
    """The subject names a thing a student learns: a name by its form (`QUIC`, `Vault Agent`), a
    rare word or a phrase holding one ("parser", "stack pointer"), or a word of what its part of
    the note is about ("origins" in a note on the same-origin policy). "Function", "data",
    "employees" as a bullet's subject are words of everyday text: the gap would hide nothing."""
    words = term.split()
    if any(_NAME_FORM.search(w) for w in words) or any(w[:1].isupper() for w in words[1:]):
        return True
    letters = [w.strip("'\u2019-").lower() for w in re.findall(r"[^\W\d_][\w'\u2019-]*", term)]
    if not letters:
        return False
    if stem(letters[-1]) in around and (len(letters) > 1 or zipf(letters[0]) < _EVERYDAY):
        return True
    rarest = min(zipf(w) for w in letters)
    return rarest < (_RARE_WORD if len(letters) == 1 else _RARE_IN_PHRASE)


# What a bracket after a subject says when it is no other name: "(hard!)", "(first 6 bits)", "(e.g. ...)".
_NOT_A_NAME = re.compile(
    r"^(?:e\.?g|i\.?e|see|like|for|such|first|last|only|hard|easy|optional|usually|often|mostly)\b", re.I
)


def _alias_names(alias: str) -> bool:
    """A subject the writer names twice (`scanner (lexical analyzer)`, `acknowledgments (ACKs)`) is a
    term: a bracket of one to three words, no digits, no remark."""
    words = alias.split()
    if not 1 <= len(words) <= 3 or _NOT_A_NAME.match(alias) or not re.fullmatch(r"[^\W\d_][\w\s/.'-]*", alias):
        return False
    return not any(w.lower() in NOT_SUBJECT or w.lower() in GENERIC_NOUNS for w in words)


def _follows_on(child: Block) -> str:
    """A nested line that goes on about its parent's subject without naming it (`- requires only
    one round trip`): its Markdown line, else empty."""
    if child.kind != "item" or child.children or is_task(child) or "\n" in child.text.strip():
        return ""
    line = card_markdown(child.text).strip()
    shown = plain(line)
    words = [_word(t) for t in line.split()]
    if not words or not line[:1].islower() or "?" in shown or shown.endswith(":") or _OPINION.search(shown):
        return ""
    if FIRST_PERSON.search(shown) or LABELLED_LINE.match(shown) or len(words) > 25 or len(words) < 4:
        return ""
    third, _ = verb_forms()
    return line if words[0] in third or words[0] in ("is", "are", "has", "have", "does") else ""


@lru_cache(maxsize=1024)
def _reading_section(section: tuple[str, ...]) -> bool:
    return any(reading_list(plain(t)) for t in section)


def _skipped_note(view: NoteView) -> bool:
    """Minutes and dated notes: their bullets are who said and did what, not facts."""
    note: Note = view.note
    title = note_title(note)
    folders = note.path.split("/")[:-1]
    dated = CLOCK_OR_DATE.search(title) or any(JOURNAL_FOLDER.match(f) for f in folders)
    return bool(view.speakers or dated or _MINUTES_TITLE.search(title))


def outline_statement(view: NoteView) -> Iterator[Card]:
    """A bullet stating what a named thing does or is: a cloze of the thing in its sentence."""
    if _skipped_note(view):
        return
    note = view.note
    for block in view.prose():
        if block.kind != "item" or is_task(block) or silent_section(block) or recipe_section(block.section):
            continue
        if block.meta.get("marker") in (".", ")"):
            continue  # a numbered step of a procedure ("2. server responds with ..."), not a fact
        if _reading_section(block.section):
            continue
        text = block.text.strip()
        if not text or "\n" in text or len(text) > 4 * _MAX_CHARS:
            continue  # a bullet over many lines, or longer than any statement: no work on it
        if any(WORKFLOW_TAG.fullmatch(t.rsplit("::", 1)[-1]) for t in block.tags):
            continue
        made = _statement(text)
        if made is None:
            continue
        front, term, alias = made
        if not (_alias_names(alias) or _named(term, _around(view, block))):
            continue
        more: list[str] = []
        for child in block.children:
            line = _follows_on(child)
            if not line or len(more) == _MAX_FOLLOW_ON:
                break
            more.append(line)
        if more and len(more) == len([c for c in block.children if c.kind == "item"]):
            front = "\n".join([front, *(f"- {line}" for line in more)])
            claims = tuple(c.line for c in block.children)
        else:
            claims = ()
        yield make_card(Kind.CLOZE, front, "", note, block, "outline-statement", claims=claims)
