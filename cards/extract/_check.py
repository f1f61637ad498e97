"""The one final check every candidate card passes, whichever rule made it.

A card made from one line of a note often needs its place to be understood ("Use case:
pretraining" under `# ImageNet`): the check gives a prompt that cannot stand alone the subject it
lacks, or makes no card of it; it also drops what is no knowledge (filing lines, remarks, reading
lists, notes to self, stubs, vacuous answers) and takes into an answer what a line ending in ':'
announces. Once a note's cards are checked, a label the note repeats under sibling headings is
asked with each heading (`apart`), so that the merge does not join two sections' answers.
"""

from __future__ import annotations

import re
from dataclasses import replace
from itertools import takewhile
from types import MappingProxyType

from ..model import CLOZE_GAP, Card, Kind, file_title, prompt_key
from ..text import WORKFLOW_TAG, everyday, plain, sentences, term_text
from ._check_term import (
    ABOUT_THE_TEXT,
    ASKING_GAP,
    ASKS_WHERE,
    CUT_OFF,
    EXERCISE_SECTION,
    FILING,
    FOR_EXAMPLE,
    LISTING_LINES,
    NUMBERED_EXAMPLE,
    PAPERWORK,
    POINTS_BACK,
    PROOF_SECTION,
    PSEUDOCODE_IO,
    SEE_ONLY,
    STUB,
    WRITTEN_AS_CARDS,
    check_definition,
    led_by_links,
    links_only,
    singular,
    vacuous,
    worked_example,
    worked_numbers,
)
from ._common import (
    ANNOUNCES_LIST,
    ASKS_FOR_MORE,
    COUNT_WORD,
    COUNTED_PARTS,
    LIST_MARKER,
    NAMES_COUNTED_SET,
    NOTES_REMARK,
    ONE_EXAMPLE,
    THE_ABOVE,
    course_admin,
)
from ._context import (
    ASPECT_NOUN,
    GLOSSARY,
    ONLY_FORMULA,
    PICTURES_ONLY,
    POINTS_AHEAD,
    SENTENCE_ADVERBS,
    SERIES,
    SORTS,
    WEB_ADDRESS,
    Place,
    asked_thing,
    course_topic,
    dated_only,
    following,
    generic_label,
    headings_only,
    problem_part,
    reading_list,
    series_place,
    subject_of,
    unnumbered,
    words_of,
)
from ._outline_words import AUX, past_form, stem, verb_forms
from ._questions import PROMPT_VERB
from ._terms import CLOCK_OR_DATE, CODE_SPAN, TASK_VERBS, says_this_for_before

# A sentence told as "we" ("We consider ..."), and a proof's heading, whose "we" is its step
_WE_START = re.compile(r"^we\s", re.I)
_PROOF = re.compile(r"\bproof\b", re.I)
# A pronoun or demonstrative doing the asking: "They replace ...", "This layer ...".
_PRONOUN_START = re.compile(r"^(?:they|it|its|this|these|those|that|he|she|them|their|such)\b", re.I)
# ... after a word that links it to the sentence before: "Specifically, it should ...", "In practice
# they used ...", "Second, it was ..." ("Now that we ..." and "So that ..." are clauses, no pronoun)
_LINKED_PRONOUN = re.compile(
    r"^(?:" + "|".join(sorted(SENTENCE_ADVERBS)) + r"|thus|therefore|hence|moreover|furthermore|so|but|and|instead"
    r"|likewise|overall|first|second|third|next|yet|still|in\s+(?:fact|practice|particular|addition|short|general"
    r"|essence|other\s+words))\s*,?\s+(?:it|its|they|their|them|this|these|those|he|she|such)\b"
    # ... or opens a clause that leans on the sentence before: "If they do, the step is skipped"
    r"|^(?:if|when|once|unless|because|since|while|although|though)\s+(?:it|they|these|those|he|she)\s",
    re.I,
)
# A cloze deletion, its text the first group: `{{c1::text}}`, `{{c1::text::hint}}`.
_NUMBERED_CLOZE = re.compile(r"\{\{c(\d+)::(.*?)(?:::[^}]*)?\}\}", re.S)  # its number, then its text
_CLOZE_WORDS = 3
# "The two most common are X and Y", "The latter is ...": the noun left to the heading above.
_ELIDED_NOUN = re.compile(
    r"^the\s+(?:(?:two|three|four|five|\d+|first|second|third|last|other|former|latter|main|best|simplest|most|least)\s+)+"
    r"(?:(?:common|important|popular|used|frequent|basic|simple|obvious|famous|widely\s+used)\s+)?"
    r"(?:are|is|was|were|ones?)\b",
    re.I,
)
# "The goal is to increase {{c1::throughput}}", "The key insight is ...", "The output is typically
# {{c1::one-hot}}": a part of what the heading names (its goal, its output), said without it
_ITS_PART = re.compile(
    r"^the\s+(?:(?:main|key|real|biggest|only|first|second|core|central|basic|overall|end)\s+)?(?:symptom|result"
    r"|goal|aim|purpose|idea|insight|trick|reason|output|input|effect|trade-?off|downside|upside|benefit|drawback"
    r"|catch|cause|consequence|outcome|intuition|motivation|difference)s?\s+(?:is|are)\b",
    re.I,
)
# Words for a kind of thing that a heading names and a sentence points back at ("this approach").
_KIND = (
    r"(?:approach|model|method|framework|variant|scheme|architecture|paradigm|algorithm|technique|pattern|process"
    r"|procedure|mechanism|strategy|tool|service|layer|network|equation|formula|metric|loss|function|structure"
    r"|property|principle|protocol|operation|issue|problem)s?"
)
# A sentence whose subject is a bare singular noun, its article dropped as notes do: "Output is reset
# ...", "Class offers ...", "Equation is determined by ..."; the thing is the heading's
_BARE_NOUN = re.compile(
    r"^(?:Equation|Formula|Algorithm|Procedure|Method|Function|Class|Object|Model|Output|Input|Result|Value"
    r"|Client|Server|Process|Program|Module|Protocol|Packet|Message|Request|Response|Signal|Circuit|Kernel"
    r"|Compiler|Table|Query|Tree|Graph|Matrix|Array|Node|Layer|Network|Framework|Library|Interface|Service"
    r"|Component|System|Operation|User)\s+(?:is|was|will|can|must|should|may|has|does|offers|returns|takes|keeps"
    r"|sends|receives|chooses|responds|provides|uses|needs|contains|stores|creates|gives|adapts|runs|holds|produces"
    r"|computes|becomes|depends|represents|allows|supports|handles|accepts|waits|reads|writes|starts|stops)\b"
)
# "In this approach, databases are normalized", "In this case, ...": the approach is the heading's.
_IN_THIS = re.compile(
    rf"^(?:in|with|for|under|using)\s+(?:this|these|that|such)\s+(?:\w+\s+)?(?:{_KIND}|(?:case|setup|setting|version"
    r"|design)s?)\b",
    re.I,
)
# "The origin of this approach is ...", "Containers play a central role in this approach": the same,
# pointed at inside the sentence (not "in this case": that is the sentence before)
_THIS_KIND = re.compile(rf"\b(?:this|these)\s+(?:[a-z-]+\s+)?{_KIND}\b", re.I)
# "Also known as X", "Aka X": a sentence whose subject is the heading it is under.
_NO_SUBJECT = re.compile(
    r"^(?:also\s+(?:known\s+as|called)|aka|a\.k\.a\.|known\s+as|called"
    # "Is also sometimes called the {{Savitzky-Golay filter}}": the subject is the heading's
    r"|(?:is|are)\s+(?:also\s+)?(?:(?:sometimes|often|usually|commonly)\s+)?(?:called|known\s+as|referred\s+to\s+as)"
    # "Also similar to {{Factory}}, but step by step": similar is the heading's subject
    r"|(?:(?:also|directly|closely|loosely)\s+)?(?:similar|related|analogous|equivalent|comparable|identical)\s+to)\b",
    re.I,
)
# "Why is this better than ...?": a question that points at what its heading names.
_POINTING = re.compile(
    r"^(?:why|how|what|when|where|which|who|is|are|does|do|can|should|would|will)\s+(?:\w+\s+){0,3}?"
    r"(?:this|these|they|it|them|its|their)\b"
    r"(?!\s+mean)(?!\s+(?:is|are)\s+(?:a|an|the)\b)",
    re.I,
)
# "OSS or Enterprise?", "Pros?": a question without a question word asks about its heading.
_BARE_QUESTION = re.compile(
    r"^(?!(?:why|how|what|when|where|which|who|whom|whose|is|are|was|were|does|do|did|can|could|should|would"
    r"|will|shall|may|might|must|has|have|had)\b)\S+(?:\s+\S+){0,3}\?$",
    re.I,
)
# "How to optimize?", "When to use?": a verb with nothing to do it to
_HOW_TO_ALONE = re.compile(r"^(?:how|when|why|where)\s+(?:not\s+)?to\s+[\w-]+\s*\?$", re.I)
# "they" or "he" pointing at people the card never names (the heading being a thing, not a plural).
_PERSON = re.compile(r"\b(?:they|them|he|she|him|her)\b", re.I)
_PLURAL = re.compile(r"(?<!s)s\b|\bpeople\b|\bteams?\b|\busers\b", re.I)
# Headings of question sections: the questions' place, not their subject.
_QUESTION_SECTION = re.compile(
    r"\b(?:questions?|faq|quiz|review|self-test|understanding|q&a|prep|exercises?|domande|preguntas|fragen"
    r"|open\s+(?:points|issues|items)|discussion\s+points)\b",
    re.I,
)
# A question on the work the note reads, which the note names ("What are the main contributions of the
# paper?"), and the reader it asks about ("What impact does this paper have on me?").
_THE_WORK = re.compile(r"\b(?:this|the)\s+(?:paper|article|book|study|authors?|text)\b", re.I)
_THE_READER = re.compile(r"\b(?:me|my|mine|i)\b", re.I)
# A sentence that tells the reading of a paper or leans on the text around it, not a fact.
_TELLING = re.compile(
    r"\b(?:in this (?:paper|work|article|post|lecture|course|chapter|video|talk|module|tutorial|guide|series|blog"
    r"|notebook)|^in this section\b"
    # "First we need to know a bit about the ==internet==", "Now, let's build the same app with ==Laravel==":
    # the lecture's or the tutorial's next step, said
    r"|^(?:first|next|now|then|today|so|ok|okay)\s*,?\s+(?:we\s+(?:need|have|want|are\s+going)\s+to\s+(?:know|learn"
    r"|understand|look|talk|discuss|cover|review|see|recap)|let(?:'s|\u2019s|\s+us)\s+(?:build|create|make|look|see"
    r"|start|move|go|try|write|add|do|take|dive|explore|walk|set))\b"
    # "Highlighted words are ==use cases==": the note's own marks, not the subject
    r"|(?:highlighted|bolded|underlined|coloured|colored)\s+(?:words?|text|terms?|parts?|phrases?)\b"
    # "This chapter considers methods that learn a ==parameterised policy==": what the text is about
    r"|^(?:this|the)\s+(?:chapter|section|paper|lecture|note|post|article|video|course|tutorial|guide|module)\s+"
    r"(?:\w+\s+)?(?:considers|covers|discusses|introduces|presents|describes|explains|explores|focuses|looks\s+at"
    r"|proposes|examines|reviews|studies|deals\s+with|talks\s+about|goes\s+over)\b"
    r"|(?:the\s+)?authors\s+(?:tried|try|attempt(?:ed)?)\s+to"
    r"|(?:definition|figure|table|example|section|equation|formula|code|snippet|diagram|image|picture|graph|plot"
    r"|screenshot|illustration|chart)s?\s+(?:above|below)"
    # "So far, we have focused on the {{c1::functional specification}}": where the lecture has got to
    r"|^so\s+far\s*,?\s+(?:we|i)\s+(?:have|['\u2019]ve)\b"
    # "the terms in the above figure": a picture the card does not hold
    r"|the\s+(?:above|below|following|previous)\s+(?:figure|table|diagram|image|picture|screenshot|plot)"
    r"|in\s+(?:our|this|the\s+above|the\s+following)\s+(?:\w+\s+)?example"
    # "Figure 9.13 shows the steps ...", "On lines 25-27, we pass ...": a reading of the book's figure or code
    r"|^(?:as\s+)?(?:(?:our|the|this)\s+)?(?:figure|fig\.|table|listing|diagram)(?:\s+\d[\w.()]*)?\s+"
    r"(?:shows|illustrates|depicts|lists|summari[sz]es|gives)"
    r"|(?:on|in|at)\s+lines?\s+\d+"
    # "The answer is with {{CUDA streams}}": the answer to a question the card does not ask
    r"|^(?:so\s+)?the\s+(?:answer|solution)\s+(?:is|lies)\b"
    # "Here's a step-by-step walkthrough of how Java runs code": what the note goes on to give
    r"|^here(?:'s|\u2019s|\s+is|\s+are)\s+(?:a|an|the|some|my)\s+(?:[\w-]+\s+){0,3}(?:walkthrough|overview|summary"
    r"|explanation|breakdown|guide|tour|look|list|rundown|recap|example)s?\b"
    r")\b|(?:^|:\s)(?:so\s+)?it seems\b"
    # "We will need some additional facts about {{Markov matrices}}", "We want to predict {{Play}}", "We
    # begin with a {{recursive algorithm}}": the lecture's plan or the example's task, not a fact; a
    # sentence that names a thing ("We will call M the {{Google matrix}}") is a definition
    r"|^(?:(?:first|next|now|then|so|here)\s*,?\s+)?we\s*(?:will|['’]ll|are\s+going\s+to|want\s+to|need\s+to"
    r"|have\s+to|begin|start|now\s+(?:want|need|turn|look|consider))\b"
    r"(?!.*\b(?:call|calls|called|refer|refers|denote|denotes|define|defines|name|named|term|termed|known\s+as|say|which\s+(?:is|are))\b)"
    # "Let's calculate the drift for ...": a worked example under way
    r"|^(?:(?:first|next|now|then|so)\s*,?\s+)?let(?:'s|’s|\s+us)\s+(?:now\s+)?(?:calculate|compute|look|see"
    r"|consider|take|try|walk|go|start|check|run|plug|work|apply|revisit|examine|analy[sz]e|compare|say|set|change"
    r"|print|step|break|load|modify|do|use|formali[sz]e|dissect|unpack|dig|explore|imagine|assume|suppose)\b"
    # "We can see that {{r1}} is now 4", "At `main+8` we move 2 into {{rcx}}": one debugging session told
    # ("We see that ..." and "we can push ..." state what follows or what can be done, and stay)
    r"|^(?:(?:first|next|now|then|so|here|after\s+[^,]{1,40}|at\s+[^,]{1,30})\s*,?\s+)?we\s+(?:(?:can\s+|could\s+)?"
    r"(?:see|notice|observe)\s+(?!that\b|from\b|how\b|why\b|\S+(?:\s+\S+){0,4}\s+as\b)|(?:then\s+|now\s+|also\s+"
    r"|just\s+)?(?:saw|set|move|moved|load|loaded|push|pop|change|changed|type|typed|coded|clean|print|step|stepped"
    r"|break)\b)",
    re.I,
)
# A lead-in or an item whose sentence the nested line finishes: "In CA, entities are the".
_CONTINUED = re.compile(
    r"\b(?:the|a|an|of|are|is|was|were|called|known as|referred to as"
    # "Create BillFacade, which" / "- ==delegates== the operations to ...": the item finishes its sentence
    r"|which|that|who|whose|where|to|by|with|because|when|if|into|from|using|via|than)$",
    re.I,
)
# A prompt for the reader's own views, not something to learn: "Which basics resonate with you?"
_REFLECTION = re.compile(
    r"\b(?:resonates?\s+with\s+you|do\s+you\s+(?:agree|feel|think\s+of)|would\s+you\s+(?:like|prefer)|speaks?\s+to\s+you"
    r"|your\s+(?:opinion|thoughts|feelings|reflection))\b",
    re.I,
)
# A web page's feedback form, clipped with the page: "How helpful is this document?"
_FEEDBACK_FORM = re.compile(
    r"\b(?:how\s+(?:can|could|should)\s+we\s+improve\s+this|how\s+helpful\s+(?:is|was)\s+this"
    r"|(?:is|was)\s+this\s+(?:page|article|document|doc|content|answer)\s+(?:helpful|useful))\b",
    re.I,
)
# The story's next turn asked: "What happens then?", "What's next?", "What do we do now?"
_NEXT_TURN = re.compile(
    r"^(?:(?:and|so|ok|okay)\s*,?\s+)?(?:what|how)\b(?:['\u2019]s)?(?:\s+\S+){0,6}?\s*\b(?:then|next|now)\s*\?$", re.I
)
# What a worked exercise teaches beyond itself: "Key Takeaways for Transfer Learning"
_LESSONS = re.compile(r"\b(?:takeaways?|lessons?|principles|summary|synthesis)\b", re.I)
# A section that maps the vault's other notes: each line a link with what that note is about.
_INDEX_SECTION = re.compile(
    r"^(?:sub-?topics|sub-?pages|sub-?notes|child notes|contents|tables? of contents?|map of contents?|moc"
    r"|(?:quick\s+)?navigation)\b"
    # `## Related` / `- [[RA Operators]] — full operator reference`, a course's "Topics Covered"
    r"|^(?:related(?:\s+(?:notes|topics|concepts|pages|links))?|topics(?:\s+covered)?|index)$"
    r"|^list\s+of\s+(?:\w+\s+)?(?:concepts|notes|topics|pages)\b",  # `## List of Concepts` / `### Boosting` / links
    re.I,
)
# A link to another note of the vault: `[[sorting]]`, `[Flux](./Electricity/Flux.md)`, `[Circuit](./Circuit/)`
_NOTE_LINK = re.compile(r"\[\[|\]\((?![a-z][\w+.-]*:)[^()\s]*(?:/|\.md)\)", re.I)
# A note that is an index of others: "Distributed Systems: Index"
# "Index", "Python: Index", "CSE 351: Hardware/Software Interface Index", "Engine Architecture — Master Index"
_INDEX_NOTE = re.compile(r"\bindex$", re.I)
# A few words ending on a colon, with nothing after it: the lead-in to an answer, not one
_LEAD_IN_ONLY = re.compile(r"(?:\S+\s+){0,5}\S*[\w)$*]:")
# A cross-reference that teaches nothing on its own: "Not to be confused with joint entropy!".
_ASIDE = re.compile(r"^\W*(?:not to be confused with|see also|compare (?:to|with)|cf\b)[^.;:,]*[.!]?\s*$", re.I)
# A section of the note-taker's own views: "My thoughts", "My take", "Personal opinion".
_OPINION_SECTION = re.compile(
    r"^(?:some\s+)?(?:my|our|personal|own)\s+(?:thoughts|take|takes|opinions?|views?|comments|reflections?|impressions?"
    r"|two cents|verdict|notes|musings|ramblings)\b",
    re.I,
)
# A note-taker's to-do written around a term: "Cite some {{Cross-entropy method}} as ...".
_TODO_CLOZE = re.compile(
    r"^(?:cite|read|re-read|look\s+up|check\s+out|ask\s+\w+\s+about"
    # "Worth reading about ==Flash Attention==.": something to read later
    r"|(?:(?:it['’]?s|it\s+is|also|probably|definitely)\s+)?worth\s+(?:reading|looking|checking|watching|a\s+read|a\s+look)"
    # a step of a lab or a tutorial: "Keep the server running and go to the {{views.py}} file and add ..."
    r"|keep\s+the|go\s+to|navigate\s+to|click|open\s+the|run\s+the|type\s+(?:the|in)|enter\s+the|paste|copy\s+the"
    r"|press|enter\s+(?:a|an|your)|assign\s+(?:the|a|an)|select\s+(?:the|a|an|your)|fill\s+in"
    r"|to\s+\w+(?:\s+\w+){0,3},\s+(?:go|click|open|navigate|select|press|run|type))\b",
    re.I,
)
# A step of a procedure whose one gap is its opening verb: "{{c1::Multiply}} the remaining factors"
_STEP_VERB_GAP = re.compile(
    r"^\{\{c\d+::(?P<verb>[A-Za-z]+)\}\}\s+(?:the|a|an|all|each|every|remaining|its|their|this|these|that|some"
    r"|something|anything|\d)\b"
)
# A template's slot, to be filled in: "This study found that XXXX.", "the sample was YYYY"
_TEMPLATE_SLOT = re.compile(r"\b(?:X{3,}|Y{3,}|Z{3,})\b")
# A name a note gives one of its cases: "Study C", "Group B", "Patient 2"
_PLACEHOLDER = re.compile(
    r"(?:study|case|group|person|patient|subject|company|team|user|player|scenario|participant)\s+(?:[A-Z]|\d+)", re.I
)
# A list item that is only a link to a place in the same note: `- [1. Abstraction](#1-abstraction)`
_ANCHOR_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+\[[^\]\n]+\]\(#[^)\s]*\)\s*$")
# A set question that asks for one aspect of its subject: "Overview of keda?", "How does kpt work?"
_ASPECT_ASKED = re.compile(
    rf"^(?:(?:{ASPECT_NOUN.pattern})\b|how does .+ work\?$|[^:?]+:\s*(?:{ASPECT_NOUN.pattern})\?$)", re.I
)
# A line that only stamps when the note was written or updated: `- *Date: 07/31/2017, v1.3*`
_DATE_STAMP = re.compile(
    r"^\s*(?:[-*+]|\d+[.)])?\s*(?:date|dated|updated|last updated|created|modified|revised)\s*:", re.I
)


def _dates_only(answer: str) -> bool:
    lines = [plain(line) for line in answer.split("\n") if line.strip()]
    return bool(lines) and all(_DATE_STAMP.match(line) and CLOCK_OR_DATE.search(line) for line in lines)


# Keyboard filler standing in for text still to come: "asdf", "qwerty", "lorem ipsum"
_FILLER = re.compile(r"^[ \t]*(?:[-*+][ \t]+)?(?:asdf\w*|qwerty\w*|lorem ipsum\b.*)[ \t]*$", re.I | re.M)
# A section that walks through doing something once: "Amazon S3 demo overview", "Final assessment"
_WALKTHROUGH = re.compile(r"\b(?:demo|demos|walkthrough|walk-through|hands-on)\b(?![-'])|^final\s+assessment\b", re.I)
_ANALOGY = re.compile(r"\banalog(?:y|ies)\b|\bmetaphor\b", re.I)
_CODE_TOUR = re.compile(r"\b(?:code|implementation|api|library|pytorch|program)\b", re.I)
# An item naming one part of a numbered series of notes: "DL 1 - Getting Started", "Lecture 3: Trees"
# (a course's code in capitals, or a part of a course; not "Step 1:", "Phase 2:", the parts of a procedure)
_SERIES_ITEM = re.compile(
    r"^\s*(?:\d+[.)]|[-*+])\s+(?P<series>[A-Z]{2,}|(?i:lecture|lec|week|chapter|ch|module|lesson|unit|session"
    r"|episode|tutorial|lab))\.?\s*\d+[a-z]?\s*[-\u2013\u2014:]\s+\S"
)


def _series_contents(answer: str) -> bool:
    """A list whose items are the parts of one numbered series ("PDL 1 - Getting Started", "PDL 2 -
    Deployment"): the contents of a course or a book, where to read, not what it says."""
    top = [_SERIES_ITEM.match(line) for line in answer.split("\n") if line.strip() and line[0] not in " \t"]
    if len(top) < 2 or not all(top):
        return False  # (its nested lines may be anything: "PDL 3" over "PDL 3 - Practice")
    return len({m["series"].casefold() for m in top if m}) == 1


# A section of a worked example (not "Practice" or "Exercises": their questions are there to be asked).
_EXAMPLE_SECTION = re.compile(r"^(?:worked\s+)?examples?\b|^(?:ex|eg|e\.g)\.\s", re.I)
# A heading over one case of a numbered or lettered series worked through: "Example 2: Video upload",
# "Example A: Dealing with polynomials", "Example 9.3", "Worked example 1"
_WORKED_CASE = re.compile(
    r"^(?:worked\s+)?example\s*(?:#?\d+(?:\.\d+)*[a-z]?|(?-i:[A-Z]))(?:$|[\s:.)\-\u2013\u2014])", re.I
)
# ... where a sentence may still name or state what the case shows: "{{c1::lambda}} is called the rate"
_STATES_A_RULE = re.compile(r"\b(?:is|are)\s+(?:called|defined|known\s+as)\b|\btheorem\b|\bconsists?\s+of\b", re.I)


def _worked_case(heading: str) -> bool:
    """A heading over one case worked through ("Example 2: Video upload"): what its sentences say
    ("the claim is {{c1::true}}", "{{c1::Total: ~$1.87}}") holds of that case. Not "Examples" of a
    kind, nor "Example" over a definition's illustration: those hold facts of their own."""
    return _WORKED_CASE.match(heading.strip()) is not None


# An answer that is a worked case: "Example: for Twitter, it's easier to ...".
_AN_EXAMPLE = re.compile(r"^\W*(?:examples?|for\s+example|for\s+instance|e\.\s?g\.)\s*[:,]", re.I)
# An item or a heading that files what is under it as still to do: "TODO", "To-do: read up on".
# "To do this, the system relies on ..." opens a sentence of purpose, no list of things to do.
_TODO_PLACE = re.compile(r"^\W*(?:todo|to-do|tbd|to do(?!\s+(?:this|that|it|so|these|those|the|a|an)\b))\b", re.I)
# The note-taker's own questions, not yet answered ("Open questions", "To investigate"): what is
# written there is a guess; a question there is left to the answer finder, as anywhere else
_OPEN_QUESTIONS = re.compile(
    r"^\W*(?:(?:open|unanswered|outstanding)\s+questions?\b|questions\s+(?:i\s+have|to\s+(?:ask|answer|explore))\b"
    r"|to\s+(?:investigate|look\s+into|figure\s+out|research|explore)\W*$)",
    re.I,
)
# An answer that goes on from a line it does not show: "Or ...", "And then ..." (not "AND (&)", an
# operator; not "- or TNB frame" in a list, its other names; not "And" alone, a word translated)
_GOES_ON_FROM = re.compile(r"(?:[Oo]r|[Aa]nd)\s+[^\s:]+\s+\S")
# The words a question asks with, not of: question words, helpers, pronouns and the verbs of any question
_ASKING_WORDS = frozenset(
    """what how why when where which who whom can could should would will shall may might must do does did done
    doing is are was were be been being we you i they it this that these those there here happen happens happened
    happening next now then so else about mean means to the a an need needs get go""".split()
)


def _asks_of_nothing(question: str) -> bool:
    """ "Why do we need it?", "What happens?", "What can we do?": a question of asking words only."""
    asked = question.rsplit(": ", 1)[-1].strip()
    words = re.findall(r"[^\W\d_]+", asked.lower())
    return asked.endswith("?") and bool(words) and all(word in _ASKING_WORDS for word in words)


# A question the author muses on, not one to study: "What about introducing intrinsic plasticity?"
_MUSING = re.compile(r"^(?:what|how)\s+about\b", re.I)
# An answer the writer was unsure of: "I guess ...", "Maybe we don't", "Not sure, but ..."
_HEDGED = re.compile(
    r"^(?:i\s+(?:guess|think|suppose|believe|assume|wonder)|i['’]?m\s+not\s+sure|not\s+sure|maybe|perhaps|probably)\b",
    re.I,
)
# The statement of a problem to solve, under its heading ("Questions", "Problem Statement"): what the
# exercise gives and asks for, no fact
_PROBLEM_SECTION = re.compile(r"(?:questions?|problems?|problem\s+statement|statement|description)", re.I)
_SETS_THE_PROBLEM = re.compile(rf"^\W*(?:{TASK_VERBS}|given|you|return|assuming|output|input|part\s+[a-z\d])\b", re.I)
# A question that is a to-do of the note-taker's, not something to learn.
_TODO_QUESTION = re.compile(
    r"\b(?:maybe|todo|to-do|tbd|look (?:it |this |that )?up|look into|check (?:this|that|if|whether)"
    r"|test (?:it|this|that)|verify|figure out|find out|ask (?:him|her|them|\w+ about)"
    # "Find research on how ... ?", "Look for papers that ...?": a search to do, asked of oneself
    r"|^(?:find|look for|search for|read up on)\s+(?:research|papers?|sources?|studies|articles?|evidence|more)\b)\b",
    re.I,
)
# An answer that works an exercise through: "**Solution:** / Given: mean = 20 ...".
_WORKED_ANSWER = re.compile(r"^\W*(?:solution|sol\.|given)\s*:", re.I)


# A section's number in a prompt: "Strengths of 3. Query expansion?", "2.1 Bagging: formula",
# "Benefits of Chapter 49: NFS?": where a section sits in its note or its book, not what it is about.
# (Only where a number opens the prompt or the subject it names; the words before it stay. The context
# is read without its headings' numbers already, `_context.SECTION_NUMBER`: these are the numbers a
# rule put in the prompt itself, or a chapter's.)
_SERIES = rf"(?i:{SERIES})\s+\d+(?:\.\d+)*\s*[:.\u2013\u2014-]"
_ROMAN = r"[IVX]{1,4}\.(?=\s+[A-Z])"  # "I. Interface segregation"
_SECTION_NUMBER = re.compile(rf"^(?:\d+(?:\.\d+)*[.)]|\d+(?:\.\d+)+|{_SERIES}|{_ROMAN})\s+(?=[^\W\d_])")
# "0.5 -- Introduction to the Compiler: ...", "05 Web Frameworks: Javalin": a rule's heading kept its number
_DASHED = r"\d+(?:\.\d+)*\s*(?:--|[\u2013\u2014])|0\d+(?=\s+[A-Z])"
_SUBJECT_NUMBER = re.compile(
    rf"(?:(?<=^)|(?<=:\s)|(?<=\bof\s))(?:\d+(?:\.\d+)*\.|\d+(?:\.\d+)+|{_DASHED}|{_SERIES}|{_ROMAN})"
    r"(?:\s*--)?\s+(?=[^\W\d_])"
)


# A sentence that only sets up what a theorem or a definition will speak of: "Let T be a clique tree
# with cliques C1 ... Ck.", "Assume that V is a random linear mapping.", "Consider a simple class of
# one-step MDPs.", "Imagine the error surface as a valley." Unless it goes on to say what follows, or
# names what it sets up ("Let X be ... Then ...", "... is called ...", "we say ...").
_HYPOTHESIS = re.compile(r"^(?:[^:\n]{1,60}:\s+)?\W*(?:let(?!['\u2019]s)|suppose|assume|consider|imagine)\b", re.I)
_CONSEQUENT = re.compile(
    r"(?i:\b(?:then|is\s+(?:called|said|defined|known|denoted|named|termed)|are\s+(?:called|said|defined|known)"
    r"|we\s+(?:say|define|denote|write|have|get)|denoted|defined\s+(?:as|by)|iff|if\s+and\s+only\s+if|so\s+that"
    r"|implies|holds|call|called|corresponds?|where|given\s+(?:as|by))\b)"
    r"|;"  # "Let f(p) = cost(p) + h(p); f(p) estimates the total path cost": a second clause says it
    r"|[.!?]\s+[A-Z]",  # "Let X be a random variable. The mgf of X is ...": a second sentence says it
)


# A gap that opens its line, or follows its short label, and runs straight into a new sentence with
# no mark between: the writer's bold tag over the sentence ("{{c1::Caution}} Can lead to ...",
# "**Advantage:** {{c1::Load Balancing}} If the work grows ..."), not a word of it
# (A term followed by "A ..." or "An ..." is defined by that sentence: "{{c1::Differential equation}}
# An equation containing ...")
_LABEL_GAP = re.compile(
    r"^(?:[^:\n]{1,40}:\*{0,2}\s+)?\{\{c\d+::(?:[A-Z][^{}:]*\}\}\*{0,2}\s+(?!An?\s)|[A-Z][^{}]*:[^{}]*\}\}\*{0,2}\s+)[A-Z][a-z]*\s"
)


# A course's or a note's list of what it covers, each topic with a line on it: its items name
# topics, not facts (an outline of a topic under it, and the topics' own sections further down, are
# left to the other rules)
_TOPIC_LIST = re.compile(r"^(?:key|core|main|major|central)\s+topics$", re.I)


def stand_alone(card: Card, context: tuple[str, ...], place: Place | None) -> Card | None:
    """The final check of every candidate card: the card with the context it needs to be answered
    alone, or None when it cannot be."""
    done = _checked(card, context, place)
    if done is None or done.rule in WRITTEN_AS_CARDS:
        return done
    if done.kind in (Kind.DEFINITION, Kind.BASIC) and done.rule != "matching-quiz" and _says_its_prompt_again(done):
        return None  # "Normal Distribution": "the most common distribution"; "Set Properties": "the properties of sets"
    # the number places a section in its note; the card is asked anywhere. Inside a cloze's sentence
    # a number is the sentence's own ("a neighborhood of 3) is ..."): only its opening is a place
    numbered = _SECTION_NUMBER if done.kind is Kind.CLOZE else _SUBJECT_NUMBER
    front = _glossary_owner(numbered.sub("", done.front), done.context)
    return done if front == done.front else replace(done, front=front)


# Words an answer may add to its prompt's and still say nothing: function words, and how common or
# simple the thing is ("Accuracy is the simplest method of model evaluation")
_SAYS_NOTHING = frozenset(
    """a an the of to in on for by with and or is are was were be been being it its this that these those as at
    from which what when where how can could should would may might will do does did has have had not no than
    then so such also very more most less one ones use uses used using simplest simple common commonly popular
    basic standard main primary key way ways method methods technique techniques approach form forms type types
    kind kinds thing things known called refers refer must""".split()
)
_TAUTOLOGY_WORDS = 16
_CODE_TERM = re.compile(r"[`(<>_=/\\]|\w\.\w|(?:^|\s)\.\w")


def _says_its_prompt_again(card: Card) -> bool:
    """Whether a one-line answer says only words its prompt says already: "Decision Trees:
    Representation" / "a decision tree", "Set Properties" / "the properties of sets". A command's or an
    API's name is not such a prompt: "`git remote remove <name>`" / "Remove a remote." tells what it does."""
    back = card.back.strip()
    if "\n" in back or "$" in back or "`" in back or len(back.split()) > _TAUTOLOGY_WORDS:
        return False
    if _CODE_TERM.search(card.front) or _CODE_TERM.search(back) or back.isupper() or "'" in back or '"' in back:
        return False  # "Close cursor" / "CLOSE", "Full update" / "update()": the keyword is what is asked
    said = {stem(w) for w in words_of(card.front).split()}
    new = [stem(w) for w in words_of(back).split() if w not in _SAYS_NOTHING]
    return bool(new) and all(w in said for w in new)


# A heading that only says its section lists terms: "Terminology", "Key Terms", "Definitions".
_GLOSSARY_WORDS = frozenset(
    "key core basic main important common useful new definitions definition terms term terminology glossary "
    "vocabulary concepts keywords key words jargon lexicon".split()
)


def _glossary_owner(front: str, context: tuple[str, ...]) -> str:
    """A prompt asked of a glossary's heading ("Terminology: Partition key") is asked of what the
    glossary is of, the heading above it ("DynamoDB: Partition key"), or of nothing above it."""
    label, colon, rest = front.partition(": ")
    if not colon or not rest or "\n" in label:
        return front
    for i, part in enumerate(context[1:], 1):
        words = words_of(part).split()
        if words_of(label) == " ".join(words) and set(words) <= _GLOSSARY_WORDS and GLOSSARY.search(part):
            owner = subject_of(context[:i])
            return f"{owner}: {rest}" if owner and words_of(rest) not in words_of(owner) else rest
    return front


def _checked(card: Card, context: tuple[str, ...], place: Place | None) -> Card | None:
    # a section named after the card's term is the card itself, not its place ("## Dropout" / ...)
    # (the context's headings are without their section numbers: "##### D.2 Improvements" is "Improvements")
    own = {prompt_key(card.front), prompt_key(unnumbered(plain(card.front)))}
    while len(context) > 1 and prompt_key(context[-1]) in own:
        context = context[:-1]
    card = replace(card, context=context)
    if any(reading_list(part) for part in context):
        return None  # "Neuroscience links", "To-read: ML and AI": things to read, not to learn
    if card.kind is not Kind.CLOZE and _CUT_ADDRESS.search(card.front) and card.back.lstrip().startswith("/"):
        return None  # "https:://moodle...": a web address cut at its colon, no term and meaning
    if card.rule not in WRITTEN_AS_CARDS and any(_OPINION_SECTION.match(part) for part in context[1:]):
        return None  # `## My thoughts` on a talk: the note-taker's views, not the talk's facts
    if card.rule not in WRITTEN_AS_CARDS and any(course_admin(part) for part in context[1:]):
        return None  # `## Topics Covered` / `- Cryptography: hashing, key exchange`: a syllabus, not the course
    text = card.front if card.kind is Kind.CLOZE else card.back
    if (
        card.rule not in WRITTEN_AS_CARDS
        and "\n" not in text.strip()
        and any(_TOPIC_LIST.match(part) for part in context[1:][-2:])
    ):
        return None  # `## Key Topics` / `- Phantom reads - a problem 2PL does not solve`: what a course covers
    if (
        place is not None
        # `- [[sorting]] - ...`, or `### [[04 - Specialized Domains Index]]` over what that note holds
        and (
            _NOTE_LINK.search(place.block.text) or (place.block.section and _NOTE_LINK.search(place.block.section[-1]))
        )
        and (
            any(_INDEX_SECTION.match(part) for part in context[1:])
            or any(_INDEX_NOTE.search(part) for part in context[:1])
            # "CSE341 Index.md", titled "CSE341: Programming Languages" inside
            or _INDEX_NOTE.search(file_title(card.source.path)) is not None
        )
    ):
        return None  # `## Subtopics` / `- [[sorting]] - sorting algorithms`: a map of the vault, not knowledge
    if card.rule not in WRITTEN_AS_CARDS and place is not None and _filed_under(place):
        return None  # `Related:` / `- [[metric]] - on distances and metrics`: other notes, each described
    if card.rule not in WRITTEN_AS_CARDS and _TEMPLATE_SLOT.search(f"{card.front}\n{card.back}"):
        return None  # "This study found that XXXX. This may have a **significant impact** ...": a template
    if card.rule not in WRITTEN_AS_CARDS and PAPERWORK.search(card.back or card.front):
        return None  # "Critical summary / - Weighting: 10% / - Word limit: 350-500 words": a course's paperwork
    anchors = card.back.strip() and all(_ANCHOR_ITEM.match(line) for line in card.back.strip().split("\n"))
    # a set's members may be its sections ("Approaches of search strategies?"); an aspect's are its parts
    if anchors and (card.kind is not Kind.QUESTION or _ASPECT_ASKED.match(plain(card.front))):
        # "Topics" / `- [Announcements](#announcements)`, `- [Overview](#overview)` over `- [Workflow](#workflow)`:
        # the note's own table of contents
        return None
    if card.rule not in WRITTEN_AS_CARDS and _dates_only(card.back):
        return None  # `# Overview` / `- *Date: 07/31/2017, v1.3*`: when the note was written, not what it says
    if _FILLER.search(card.back):
        return None  # "- Overview and Implementation / - asdf / - asdf": an outline still to be written
    if card.rule not in WRITTEN_AS_CARDS and _answer_key(card.back):
        return None  # "1. A cache is ... / 2. ... / 3. Yes": replies to a worksheet's questions, not a set
    if (
        card.rule not in WRITTEN_AS_CARDS
        and card.kind is not Kind.QUESTION  # an exam's question is one to study: it is asked alone
        and any(problem_part(part) for part in (*context[1:], *_prompt_parts(card)))
    ):
        return None  # "Q5: formula", `## 3b` / "Decompose into": one problem of a homework, worked through
    if card.rule not in WRITTEN_AS_CARDS and worked_numbers(text):
        return None  # "How big is the index?" / "Number of blocks = 1GB / 4kB = 2^18": one exercise's sum
    if card.rule not in WRITTEN_AS_CARDS and _under_an_example(place):
        return None  # `- e.g., Grade(sid, dept, grade)` / `  - sid is a foreign key ...`: one case of the rule above
    followed = _with_what_follows(card, place)
    if followed is None:
        return None
    card = followed
    if (
        card.rule not in WRITTEN_AS_CARDS
        and "```" not in f"{card.front}\n{card.back}"
        and (
            LISTING_LINES.search(plain(card.front))
            or ("\n" not in card.back.strip() and LISTING_LINES.search(plain(card.back)))
        )
    ):
        return None  # "Lines 3 and 4 tell us that the {{c1::data segment}} ...": which lines, the card does not show
    if (
        card.kind is not Kind.CLOZE
        and "\n" not in card.back.strip()
        and _LEAD_IN_ONLY.fullmatch(plain(card.back).strip())
    ):
        return None  # "M Step" / "Update parameters:" and nothing it takes: a lead-in to what it leaves out
    if card.kind is not Kind.QUESTION and card.rule not in WRITTEN_AS_CARDS:
        said = card.front if card.kind is Kind.CLOZE else card.back
        if "\n" not in said.strip() and POINTS_BACK.search(plain(said)):
            return None  # "Recall the spherical coordinates introduced in Chapter 16.": a pointer, no fact
        if "\n" not in said.strip() and ABOUT_THE_TEXT.search(plain(said)):
            return None  # "This section will guide you through setting up ...": what the notes do, no fact
        if (
            card.kind is Kind.CLOZE
            and any(EXERCISE_SECTION.search(part) or NUMBERED_EXAMPLE.search(part) for part in context[1:])
            and not _LESSONS.search(context[-1])
        ):
            return None  # "Comprehensive Exercise: KNN" › "Step-by-Step Solution": "Point 2 → {{c1::Alligator}}"
        if (
            card.kind is Kind.CLOZE
            and len(context) >= 2
            and _PROBLEM_SECTION.fullmatch(context[-1].strip())
            # the sentence, or what follows the heading it is asked with ("Decode Ways: Given ...")
            and any(_SETS_THE_PROBLEM.match(part) for part in (plain(said), plain(said).split(": ", 1)[-1]))
        ):
            return None  # "Decode Ways" › "Questions" / "Given a string `s`, return the ways to {{decode}} it"
        if card.kind is Kind.CLOZE and NOTES_REMARK.match(plain(said)):
            return None  # "Just a few notes on hardlinks and softlinks (i.e. {{c1::symlinks}})": what the note is
        if card.kind is Kind.CLOZE and "\n" not in said.strip() and _ENDS_ON_SET.search(plain(said)):
            if ANNOUNCES_LIST.match(plain(said)):
                return None  # "The {{c1::information filter}} consists of two steps": the steps are not in it
        # "Marks and channels: Exercises": a section of exercises asked for ("Examples where the count
        # increases" names a set of cases)
        topic = plain(card.front).rsplit(": ", 1)[-1]
        short = len(topic.split()) <= _EXERCISES_WORDS
        exercises = (short and worked_example(topic)) or PROOF_SECTION.match(topic) is not None  # a proof, any length
        if card.kind is Kind.BASIC and (
            NUMBERED_EXAMPLE.search(plain(card.front)) or exercises or any(worked_example(p) for p in context[1:])
        ):
            return None  # "Ex. Tim Hortons": a story worked through, not something to learn
        if card.kind is Kind.BASIC and dated_only(plain(card.front).rsplit(": ", 1)[-1]):
            return None  # "Logs: 24 March 2025 Monday" over what was done that day: a log's entry, no question
        if card.kind is Kind.BASIC and vacuous(card.back):
            return None  # "Edge deployment" / "idk lol but you should ...": the notes do not say
    if card.rule not in WRITTEN_AS_CARDS and any(
        _WALKTHROUGH.search(part) and (card.kind is Kind.CLOZE or not _CODE_TOUR.search(part))
        for part in context[1:]
        if len(part.split()) <= 8
    ):
        # "S3 demo" / "Enter a {{globally unique name}}", "Visual Walkthrough" / "Pivot element: the 1 at
        # row 3": a step done once, not a fact ("Code Walkthrough" / "`stride`: the step of the window"
        # tells what a name in the code means)
        return None
    if card.rule not in WRITTEN_AS_CARDS and card.kind is not Kind.CLOZE and _series_contents(card.back):
        return None  # "Lessons:" over "1. DL 1 - Getting Started", "2. DL 2 - Deployment": a course's contents
    if card.rule not in WRITTEN_AS_CARDS and any(_TODO_PLACE.match(part) for part in context[1:]):
        return None  # `- TODO` / `**Todo**` over "Add: EEG, EMG": what the note-taker means to look into or write
    if (
        card.kind is not Kind.QUESTION
        and card.rule not in WRITTEN_AS_CARDS
        and any(_OPEN_QUESTIONS.match(part) for part in context[1:])
    ):
        return None  # "To investigate" › "pip freeze: not sure how it works, but seems to ...": a guess
    if (
        card.kind in (Kind.DEFINITION, Kind.CLOZE)
        and card.rule not in WRITTEN_AS_CARDS
        and len(context) >= 2
        and _ANALOGY.search(re.sub(r"\([^()]*\)", "", context[-1]))  # not "Manifold hypothesis (paper analogy)"
        and not generic_label(plain(card.front).rsplit(": ", 1)[-1])
    ):
        # "The restaurant analogy" › "Close the front door: stop seating new customers", "Each {{VM}} is a
        # chapter inside a book": a part of the story told to explain the subject, no fact of its own
        return None
    if card.rule not in WRITTEN_AS_CARDS and _GOES_ON_FROM.match(plain(card.back).lstrip()):
        # "What is logistic regression?" / "Or state an example when you used it": the next line goes on
        # from the question, or from a line before, and answers nothing; a question is left to the finder
        if card.kind is not Kind.QUESTION:
            return None
        card = replace(card, back="", open=True)
    if card.kind is Kind.DEFINITION:
        return check_definition(card, context, place)
    if card.kind is Kind.QUESTION:
        if STUB.search(card.front) or _TODO_QUESTION.search(card.front) or _REFLECTION.search(card.front):
            return None
        if card.rule not in WRITTEN_AS_CARDS and card.rule != "enumeration":  # a set's "following" is its answer
            shown = _with_what_it_shows(card)
            if shown is None:
                return None
            card = shown
        if _FEEDBACK_FORM.search(card.front):
            return None  # "How can we improve this document?" / "Fix typos or links ...": the page's form
        if card.rule not in WRITTEN_AS_CARDS and _NEXT_TURN.match(plain(card.front).rsplit(": ", 1)[-1]):
            return None  # `## What happens then?` in lecture notes: the next step of a story told
        if _MUSING.match(plain(card.front)) and card.rule not in WRITTEN_AS_CARDS:
            return None
        if card.rule not in WRITTEN_AS_CARDS and _WORKED_ANSWER.match(plain(card.back)):
            return None  # "What is the probability that the average of 64 pieces ...?" / "Solution: ...": an exercise
        if card.rule not in WRITTEN_AS_CARDS and _HEDGED.match(plain(card.back).lstrip("-*+ ")):
            card = replace(card, back="", open=True)  # "- I guess we can just add more states": still open
        if card.back.strip() and not re.search(r"[^\W_]", plain(card.back)):
            card = replace(card, back="", open=True)  # "Why and what ReactiveX?" / "...": left to be written
        if card.rule not in WRITTEN_AS_CARDS and any(
            _EXAMPLE_SECTION.match(part) or ONE_EXAMPLE.search(part) for part in context[1:]
        ):
            return None  # "Example. Emergency vehicles" / "What is the chance that ...?": an exercise worked through
        front = plain(card.front)
        of_the_work = card.rule not in WRITTEN_AS_CARDS and _THE_WORK.search(front) is not None
        if of_the_work:
            work = context[0] if context else ""
            if _THE_READER.search(front):
                return None  # "What impact does this paper have on me?": the reader's reflection, no fact
            if not work or generic_label(work) or _QUESTION_SECTION.search(work):
                return None  # "What are the main contributions of the paper?" in a template, of no paper named
            if words_of(work) not in words_of(front):
                card = replace(card, front=f"{work}: {card.front}")  # the note names the paper: asked of it
        pointing = _POINTING.search(front)
        bare = card.rule != "enumeration" and _BARE_QUESTION.match(front)  # enumerations name their subject
        bare = bare or _HOW_TO_ALONE.match(front)  # "How to optimize?" under "Feature visualization": optimize it
        # "Why do we need it?", "What can we do?": no word of the question says what it is on
        asks_nothing = card.rule not in WRITTEN_AS_CARDS and _asks_of_nothing(front)
        bare = bare or asks_nothing
        # "What does the operating system do?" under "The virtual page is not valid": asked of its place
        placed = card.rule in _PLACED_QUESTIONS and len(context) > 1 and _names_nothing_around(front, context)
        if (pointing or bare or placed) and card.rule not in WRITTEN_AS_CARDS and not of_the_work:
            subject = subject_of(context)
            if not (pointing or bare) and card.rule != "question-list-item" and len(subject.split()) > _SHORT_QUESTION:
                subject = ""  # "A cache hit happens when ...": a sentence over the callout, no name to ask it of
            if pointing and _PERSON.search(front) and (not subject or not _PLURAL.search(subject)):
                return None  # "Authentication: what are they authorized to do?": they are people, unnamed
            if subject and not _QUESTION_SECTION.search(subject) and words_of(subject) not in words_of(card.front):
                card = replace(card, front=f"{subject}: {card.front}")
            elif pointing and not subject:
                return None  # "Why would we use this version?" under "Cor 6.10": this is never named
            if asks_nothing and ": " not in card.front:
                return None  # "Why?" under "Study questions": asked of nothing the card names
        if any(WORKFLOW_TAG.fullmatch(t.rsplit("::", 1)[-1]) for t in card.tags) and not card.back.strip():
            return None
        if card.rule not in WRITTEN_AS_CARDS and _AN_EXAMPLE.match(plain(card.back)):
            card = replace(card, back="", open=True)  # "Example: for Twitter, ...": a case, not the answer
        pointer = "\n" not in card.back.strip() and SEE_ONLY.match(plain(card.back))
        if pointer and not ASKS_WHERE.match(plain(card.front)):
            card = replace(card, back="", open=True)  # "What is X?" / "See X.": still to be answered
        if "://" in card.back and not ASKS_WHERE.match(plain(card.front)) and links_only(card.back):
            # "Why do we laugh?", "What is basis expansion?" and links to read: still to be answered
            card = replace(card, back="", open=True)
        asking = card.back.strip() and _ONLY_QUESTIONS.fullmatch(plain(card.back).strip())
        if (
            card.rule == "enumeration"
            and any(_QUESTION_SECTION.search(p) for p in context[1:])
            and _all_asked(card.back)
        ):
            return None  # "**Challenges in NLP:**" / "1. Explain ...": a review's questions, filed under a topic
        if card.rule not in WRITTEN_AS_CARDS and card.rule != "enumeration" and asking:  # a set may be of questions
            card = replace(card, back="", open=True)  # "What is X?" / "What is Y? Compare and contrast.": more asking
        return card
    if card.kind is Kind.CLOZE:
        if (
            card.rule not in WRITTEN_AS_CARDS
            and _LABEL_GAP.search(card.front)
            and len({number for number, _ in _NUMBERED_CLOZE.findall(card.front)}) == 1
        ):
            return None  # "**Feasibility:** {{c1::Heavy GPU Requirement}} Training needs ...": a bold tag, no term
        if card.rule not in WRITTEN_AS_CARDS and place is not None and context and _CONTINUED.search(context[-1]):
            lead = context[-1]
            # not a lead-in that points back itself ("It must decide whether to": the subject check
            # names "it"), a heading of a word or two ("$ if"), nor a front that names its place already
            runs_on = len(lead.split()) >= 3 and not _PRONOUN_START.match(lead)
            named = {*context, course_topic(context[0])}  # "Lecture 24 - Recurrences" names "Recurrences: ..."
            runs_on = runs_on and not any(card.front.startswith(f"{part}: ") for part in named)
            # the sentence that opens its line's block: "One can show ..." on the next line of an item
            # is a sentence of its own, not the lead-in's end
            runs_on = runs_on and card.source.line == place.block.line
            if runs_on and (place.lead_in is not None or any(p.kind == "item" for p in place.parents)):
                # `- In CA, entities are the` / `  - ==Core== of the program`: one sentence over two lines
                card = replace(card, front=f"{lead} {card.front}")
        shown = plain(CLOZE_GAP.sub("", card.front)).strip()
        # `f(S)` holds no word to recall from, nor does a web address
        words = [w for w in words_of(WEB_ADDRESS.sub(" ", shown)).split() if len(w) > 1]
        too_little = len(words) < _CLOZE_WORDS and card.rule not in WRITTEN_AS_CARDS
        # "{{c1::S}}tate-{{c2::A}}ction": letters picked out of words, nothing to recall; "a) bridge →
        # **p)** Default ...": a matching exercise's answer letter, which only its sheet gives meaning
        too_little = too_little or (
            card.rule not in WRITTEN_AS_CARDS
            and any(len(plain(g).strip().strip("().")) <= 1 for g in CLOZE_GAP.findall(card.front))
        )
        label = shown.endswith(":") and len(words) <= 5  # "{{c1::Properties}} (for sparse graphs):"
        # ... and with the list it announces under it: "{{c1::Fun claims}} (from the exercises):"
        first = plain(CLOZE_GAP.sub("", card.front.split("\n", 1)[0])).strip()
        opens_with_gap = card.front.lstrip().startswith("{{c")
        label = label or (opens_with_gap and first.endswith(":") and len(words_of(first).split()) <= 5)
        # "{{c1::How to walk}} Fixed length ...": a bold question made a gap, not a term
        label = label or any(ASKING_GAP.match(gap) for gap in CLOZE_GAP.findall(card.front))
        label = label or bool(_ASIDE.match(shown))
        if STUB.search(card.front) or shown.endswith("?") or too_little or label:
            return None  # a question, or too little left around the gap to recall it from
        if card.rule not in WRITTEN_AS_CARDS and _GAP_AND_ASIDE.fullmatch(card.front.strip()):
            return None
        if card.rule not in WRITTEN_AS_CARDS and _GOES_ON.match(card.front):
            return None  # "then $G'$ is an {{c1::induced subgraph}} of $G$.": the sentence's first half is elsewhere
        _, colon, said = plain(CLOZE_GAP.sub(r"\1", card.front)).partition(": ")
        if colon and card.rule not in WRITTEN_AS_CARDS and SEE_ONLY.match(said):
            return None  # "{{c1::ACID}} (db): see acid_base": a dictionary's pointer, the meaning elsewhere
        if card.rule not in WRITTEN_AS_CARDS and any(PROOF_SECTION.match(part) for part in context[1:]):
            return None  # "{{c1::Case 1}} If n is prime, ...": a step of a proof
        if (
            card.rule not in WRITTEN_AS_CARDS
            and any(_worked_case(part) for part in context[1:])
            and not _STATES_A_RULE.search(plain(card.front))
        ):
            return None  # "Example 2: Video upload" / "... ≈ {{c1::9.3 Gbps}}": a number of that case, no fact
        if card.rule not in WRITTEN_AS_CARDS and _TODO_CLOZE.match(plain(card.front)):
            return None
        if card.rule not in WRITTEN_AS_CARDS and any(
            series_place(plain(g)) or _COUNTED_GAP.fullmatch(words_of(g)) for g in CLOZE_GAP.findall(card.front)
        ):
            # "This is {{c1::Lecture 14}} of a course on ...", "{{c1::Week 47}}": a place in a course;
            # "{{c1::Attempt #1}} at generating new data ...": a number the note gave, no fact ("a {{c1::type
            # 1}} hypervisor runs on the bare machine" names a kind)
            return None
        if card.rule not in WRITTEN_AS_CARDS and _HYPOTHESIS.match(plain(card.front)):
            if not _CONSEQUENT.search(plain(card.front)):
                return None  # "Let $H$ be a {{c1::finite}} hypothesis class.": a theorem's setting, nothing stated
        if card.rule not in WRITTEN_AS_CARDS and PSEUDOCODE_IO.match(plain(card.front)):
            return None  # "*Require*: a collection of {{c1::labeled data}}": an algorithm box's input line
        step = _STEP_VERB_GAP.match(card.front)
        one_gap = step is not None and len(CLOZE_GAP.findall(card.front)) == 1
        if card.rule not in WRITTEN_AS_CARDS and one_gap and step["verb"].lower() in verb_forms()[1]:
            return None  # "{{c1::Divide}} all entries of each column by ...": a step's verb hidden, guessed alone
        example_item = place is not None and place.block.kind == "item" and FOR_EXAMPLE.match(plain(card.front))
        if card.rule not in WRITTEN_AS_CARDS and example_item:
            # `- eg, laptops, phones, {{c1::web servers}}`: one of the examples of the line above, a guess
            # among many ("For example, {{c1::IP}} provides ..." in a paragraph says a fact of its own)
            return None
        placeholder = any(_PLACEHOLDER.fullmatch(plain(gap).strip()) for gap in CLOZE_GAP.findall(card.front))
        if card.rule not in WRITTEN_AS_CARDS and placeholder:
            return None  # "{{c1::Study C}} finds a 2% rise ...": a name the note gave a case, not knowledge
        if card.rule not in WRITTEN_AS_CARDS and _TELLING.search(plain(CLOZE_GAP.sub(r"\1", card.front))):
            return None  # "In this paper, authors tried to ...", "But this definition above ...": a story, no fact
        if card.rule not in WRITTEN_AS_CARDS:  # the author of a written cloze chose what it hides
            card = _every_gap_hidden(card)
        shown_all = plain(card.front)
        if card.rule not in WRITTEN_AS_CARDS and THE_ABOVE.match(shown_all):
            return None  # "The above homomorphism is called {{c1::natural}}" with nothing above it on the card
        if any(
            p.match(shown_all)
            for p in (_PRONOUN_START, _LINKED_PRONOUN, _NO_SUBJECT, _ELIDED_NOUN, _IN_THIS, _ITS_PART)
        ):
            return _with_subject(card, _opening_term(place, shown_all) or subject_of(context))
        if card.rule not in WRITTEN_AS_CARDS and _one_kind_of_a_set(card, context, place):
            # "Two types of FSMs" › "Mealy machine" / "Output depends on the {{c1::state}} and the
            # {{c2::input}}": said of one kind, which the card must name (the other kind's differs)
            return _with_subject(card, context[-1])
        label = _ASPECT_LEAD.match(shown_all)
        if card.rule not in WRITTEN_AS_CARDS and label and generic_label(label["label"]):
            # "**Drawback**: catastrophic loss of the {{c1::ACK clock}}" under "Timeout (TCP Tahoe)": the
            # heading's drawback, named as such
            subject = subject_of(context)
            said = words_of(course_topic(subject)) in words_of(shown_all) or _said_outside(
                CLOZE_GAP.findall(card.front), subject
            )
            # not "OverlayFS: **Solution:** {{c1::OverlayFS}} ...": the heading is the answer; nor a lead-in sentence
            if subject and not said and len(subject.split()) <= _SHORT_QUESTION:
                return _with_subject(card, subject)
        if card.rule != "code-cloze" and _THIS_KIND.search(plain(CLOZE_GAP.sub(" ", card.front))):
            named = _naming_subject(subject_of(context), card.front)
            if named:
                return _with_subject(card, named)
        if card.rule not in WRITTEN_AS_CARDS and says_this_for_before(
            _first_sentence(CLOZE_GAP.sub(" gap ", card.front))
        ):
            # "Modern processors use {{c1::branch prediction}} to mitigate this.": this is the sentence before
            named = _naming_subject(subject_of(context), card.front)
            return _with_subject(card, named) if named else None
        dated = bool(context) and CLOCK_OR_DATE.search(context[0]) is not None  # a diary's "we" is the writer's
        if _WE_START.match(shown_all) and card.rule not in WRITTEN_AS_CARDS and not dated:
            # "We consider the adjusted $R^2$ of {{c1::all possible subsets}} of predictors" under
            # "Exhaustive search": what the heading's method does, told as "we"
            headings = headings_only(context, place)  # not a lead-in sentence ("which arrive in order")
            subject = _named_by(subject_of(headings).rstrip(":").strip(), context)
            named = subject and words_of(course_topic(subject)) not in words_of(shown_all)
            named = named and not any(_PROOF.search(part) for part in headings)  # "Proof (→)": a step of it
            if named and not _said_outside(CLOZE_GAP.findall(card.front), subject):  # (not the gap's answer)
                return _with_subject(card, subject)
        if card.rule not in WRITTEN_AS_CARDS and _BARE_NOUN.match(card.front):
            # "Output is reset to 0 {{c1::immediately}}" under "Asynchronous reset", "Class offers
            # {{c1::constant time}} ..." under "HashSet": a note's shorthand for "the output", "the
            # class" of what the heading names (the other kind's output differs)
            subject = _named_by(subject_of(context).rstrip(":").strip(), context)
            named = subject and words_of(course_topic(subject)) not in words_of(shown_all)
            if named and not _said_outside(CLOZE_GAP.findall(card.front), subject):
                return _with_subject(card, subject)
        if _opens_with_its_verb(shown_all) or (card.rule not in WRITTEN_AS_CARDS and _predicate_only(shown_all)):
            # the heading or item it sits under names its subject; a lead-in sentence does not ("A way to
            # embed points ... called {{c1::strain}}" under "Multidimensional scaling": what it is, its name left out)
            subject = _named_by(subject_of(context).rstrip(":").strip(), context)
            if subject and words_of(course_topic(subject)) not in words_of(shown_all):
                return _with_subject(card, subject)
        if card.rule not in WRITTEN_AS_CARDS and _an_aspects_item(place, context):
            # `## Limitations` / `- {{c1::Iterative refinement}} increases latency` in the notes on RAFT:
            # RAFT's limitation, the note's title its name
            subject = _short_name(course_topic(context[0]))
            named = len(subject.split()) <= _MAX_SUBJECT_WORDS and words_of(subject) not in words_of(shown_all)
            if named and not _said_outside(CLOZE_GAP.findall(card.front), subject):
                return replace(card, front=f"{subject}: {card.front}")
    return card


# A question on something the page shows: "What is the output of the code below?", "What gate is
# made by the following?", "Does the above code compile?"
_SHOWN_THINGS = (
    r"(?:picture|figure|diagram|image|graphs?|circuits?|code|snippet|program|function|table|chart|plot|screenshot"
    r"|waveform|inputs?|outputs?|query|schema|technique|example|minterms|expression|loop|lines?|command|statement)"
)
_POINTS_AT_SHOWN = re.compile(
    rf"\b(?:the\s+following|below|the\s+above)\s+{_SHOWN_THINGS}\b|\b{_SHOWN_THINGS}\s+(?:shown\s+)?(?:below|above)\b"
    r"|\b(?:this|these)\s+(?:picture|figure|diagram|image|graphs?|circuit|chart|plot|screenshot|waveform|table)s?\b"
    r"|\b(?:shown|given|listed|depicted|as)\s+(?:below|above)\b|\b(?:below|above|the\s+following)\s*[?.:]?\s*$"
    r"|^(?:what|which)\s+(?:\w+\s+)?(?:is|are)\s+(?:this|these)(?:\s+ones?)?\s*\?$",  # "Which gate is this one?"
    re.I,
)
# ... and what it shows, opening the answer: a block of code or pictures
_PICTURE = r"(?:!\[[^\]\n]*\]\([^)\n]+\)|!\[\[[^\]\n]+\]\])"
_OPTION = re.compile(r"^\s*(?:[-*+]\s+)?\(?(?:\d{1,2}|[a-eA-E])\s*[:.)]\s+\S")
_SHOWN_FIRST = re.compile(rf"^(?:(?P<fence>```|~~~)[^\n]*\n.*?\n(?P=fence)|{_PICTURE}(?:\s*{_PICTURE})*)", re.S)


def _with_what_it_shows(card: Card) -> Card | None:
    """A question on something shown ("What is the output of the code below?") with that thing moved from
    the answer to the prompt, where the reader needs it; None when the card does not hold it ("Does the
    above code compile?" / "- No") or holds nothing else (the code, and no output)."""
    if "\n" in card.front.strip() or "`" in card.front or not _POINTS_AT_SHOWN.search(plain(card.front)):
        return card  # (a question that holds its code, "... this query: `SELECT * FROM t`", shows it)
    back = card.back.strip()
    shown = _SHOWN_FIRST.match(back)
    if shown is None:
        return None
    rest = back[shown.end() :].strip()
    if not re.search(r"[^\W_]", plain(rest)) or all(_OPTION.match(line) for line in rest.splitlines() if line.strip()):
        return None  # the code and no output, or the choices and not which is right
    return replace(card, front=f"{card.front.strip()}\n\n{shown.group(0)}", back=rest)


def _an_aspects_item(place: Place | None, context: tuple[str, ...]) -> bool:
    """A top-level item, under no lead-in, right under a heading that names an aspect of the note's
    subject ("Results", "Method", "Limitations"), the note not a dated one, a course's or a glossary."""
    if place is None or place.block.kind != "item" or place.lead_in is not None or len(context) != 2:
        return False
    if any(p.kind == "item" for p in place.parents) or not generic_label(context[1]) or series_place(context[1]):
        return False
    return not (series_place(context[0]) or CLOCK_OR_DATE.search(context[0]) or GLOSSARY.search(context[0]))


def _filed_under(place: Place) -> bool:
    """A link in a list led in by a filing label ("Related:", "See also:", "Parents:") or under a
    heading of one ("## Sources"): a note named and described, not knowledge of this one."""
    if "[[" not in place.block.text:
        return False
    if place.block.section and _FILING_HEADING.fullmatch(words_of(place.block.section[-1])):
        return True
    if place.lead_in is None or not place.lead_in.text.strip():
        return False
    label = place.lead_in.text.strip().splitlines()[-1]
    return FILING.match(words_of(label.rstrip().rstrip(":*_"))) is not None


# A heading over other notes to read ("## Sources", "## See also"); "# Categories" over linked
# notes is a set of the subject's kinds
_FILING_HEADING = re.compile(r"sources?|references?|refs?|see also|related(?: notes)?|further reading|backlinks?")


_CUT_ADDRESS = re.compile(r"\b(?:https?|ftp|file)\s*:?\s*$", re.I)


def _prompt_parts(card: Card) -> list[str]:
    """The labels a prompt is made of ("Tutorial 2a: Task 3"); the last part of a cloze or a
    definition is its sentence or its term ("1NF"), not a label."""
    parts = plain(card.front).split(": ")
    return parts if card.kind is Kind.BASIC else parts[:-1]


def _under_an_example(place: Place | None) -> bool:
    """Whether the block sits under an item or lead-in that opens an example ("e.g., ...", "For
    instance:"): what it says holds of that case only."""
    if place is None:
        return False
    over = [p for p in place.parents if p.kind == "item"][-1:]
    if place.lead_in is not None:
        over.append(place.lead_in)
    return any(FOR_EXAMPLE.match(plain(block.text.split("\n", 1)[0])) for block in over)


# A reply on its own, with nothing of what it replies to: "Yes", "No", "IDK"
_BARE_REPLY = frozenset("yes, no, true, false, idk, i don t know, no idea, not sure".split(", "))


def _answer_key(answer: str) -> bool:
    """A list with a bare reply after its first item: the answers to questions the note does not hold.
    (A first item "Yes" may answer the card's own question, the items after it saying why.)"""
    items = [line[found.end() :] for line in answer.splitlines() if (found := LIST_MARKER.match(line))]
    return len(items) >= 2 and any(words_of(item) in _BARE_REPLY for item in items[1:])


def apart(cards: list[Card]) -> list[Card]:
    """One note's checked cards, a label it repeats under sibling headings asked with each heading:
    "Op-code: 0xA0" under `## PUSHQ` and "Op-code: 0xB0" under `## POPQ` are each instruction's
    op-code ("PUSHQ: Op-code"), not one term with two meanings to merge."""
    # by prompt and depth: the same label one level up, in a list's lead-in, is no sibling of theirs
    by_prompt: dict[tuple[str, int], list[int]] = {}
    for i, card in enumerate(cards):
        if card.kind is not Kind.CLOZE and card.rule not in WRITTEN_AS_CARDS and len(card.context) >= 2:
            by_prompt.setdefault((prompt_key(card.front), len(card.context)), []).append(i)
    out = list(cards)
    for group in by_prompt.values():
        places = [cards[i].context for i in group]
        if len(group) < 2:
            continue
        # where they part: the first heading that differs ("Write-back" / "Write-through" over "Write miss")
        k = next((n for n in range(len(places[0])) if len({p[n] for p in places}) > 1), 0)
        if k == 0 or len({p[k] for p in places}) != len(places):
            continue
        subjects = [subject_of(p[k : k + 1]) for p in places]
        front = cards[group[0]].front
        if not all(subjects) or any(_PRONOUN_START.match(s) for s in subjects):
            continue
        if words_of(front) == words_of(places[0][0]) or any(words_of(s) in words_of(front) for s in subjects):
            continue  # "t-SNE" under "What is it?" and under "Applications": the note's own subject, twice
        # "Impro: games" under two sections: the section, not the note, is whose games they are
        # (said as the place says it, or as the thing a question of the place asks about)
        said = next(
            (
                f"{name}: "
                for part in places[0][:k]
                for name in (part, subject_of((part,)))
                if front.startswith(f"{name}: ")
            ),
            "",
        )
        for i, subject in zip(group, subjects, strict=True):
            out[i] = replace(cards[i], front=f"{subject}: {cards[i].front.removeprefix(said)}")
    return out


# The rules that make a list's labelled items definition cards ("- **Retrieval**: find the passages").
_LISTED = frozenset({"colon-definition", "dash-definition", "outline-definition", "outline-list"})
# A label that names a thing of its own, asked as it is: capitals inside a word ("LLVM IR", "DataFrame"),
# code, a formula or a link.
# (two capitals written apart, "Use Cases", are a heading's words here, not a name)
_A_NAME = re.compile(r"[A-Z]\S*[A-Z]|\b[a-z]+[A-Z]|[`$]|\[\[")
_LEAST_ASKED = 2


def alike(cards: list[Card]) -> list[Card]:
    """One note's checked cards, the labels of one list asked alike: when most of them are aspects
    asked of one subject ("Relational databases: strength", "...: weakness"), so is the rest ("Schema:
    rigid, declared before any row" is the relational schema, not what a schema is). A name stays as
    written ("LLVM IR"), and so does a term among members asked of their set for their everyday words."""
    lists: dict[tuple[str, ...], list[int]] = {}
    for i, card in enumerate(cards):
        if card.kind is Kind.DEFINITION and card.rule in _LISTED and len(card.context) >= 2:
            lists.setdefault(card.context, []).append(i)
    out = list(cards)
    for group in lists.values():
        asked = {i: cards[i].front.rpartition(": ") for i in group}
        subjects = {head for head, colon, _ in asked.values() if colon}
        bare = [i for i in group if not asked[i][1]]
        if len(subjects) != 1 or not bare or len(group) - len(bare) < max(len(bare), _LEAST_ASKED):
            continue
        aspects = [asked[i][2] for i in group if asked[i][1] and generic_label(asked[i][2])]
        if len(aspects) < max(_LEAST_ASKED, (len(group) - len(bare) + 1) // 2):
            continue  # "ACID: Consistency", "ACID: Isolation" asked so for their everyday words: "Atomicity" is a term
        subject = subjects.pop()
        for i in bare:
            term = cards[i].front
            # not "Javascript - Functions: Functions": a subject that ends on the label says it already
            if not _A_NAME.search(term) and not f" {words_of(subject)}".endswith(f" {words_of(term)}"):
                out[i] = replace(cards[i], front=f"{subject}: {term}")
    return out


def _names_nothing_around(question: str, context: tuple[str, ...]) -> bool:
    """A short question sharing no word with the title and headings it sits under ("What do we have
    to do?" under "Protocol design"): it is asked of that section, which it does not say."""
    if len(question.split()) > _SHORT_QUESTION or _NAMES_A_THING.search(question) or asked_thing(question):
        return False  # "How does VM work?", "What are tensors?": the question names what it asks about
    words = [w for w in words_of(question).split() if len(w) > 2 and w not in _QUESTION_WORDS]
    around = {_word_key(w) for part in context for w in words_of(part).split()}  # "config" is said in "Configs"
    return not any(_word_key(w) in around for w in words)


def _word_key(word: str) -> str:
    """A word as a place and a question may each say it: "gates" and "gate", "configs" and "configuration"."""
    return singular(word)[:5]


# A name, code or maths inside a question: a capital after its first word, backticks, dollars, an arrow
_NAMES_A_THING = re.compile(r"(?<!^)(?<![.?!]\s)\b[A-Z]|[`$]|->|=>")


_SHORT_QUESTION = 8
# Questions a note asks in the flow of its sections (a list's item, a callout, a heading), of the
# section they sit in; a question list's own questions are asked as written.
_PLACED_QUESTIONS = frozenset({"question-list-item", "question-callout", "question-heading"})
_QUESTION_WORDS = frozenset("what which who whom whose when where why how does did are was were the and for".split())


def _first_sentence(text: str) -> str:
    """The first sentence of a card's first line, its code left out; "" after a label that names its
    subject ("Super-sampling: ... the results of these ...")."""
    first = plain(CODE_SPAN.sub(" code ", text.split("\n", 1)[0]))
    if re.match(r"^[^\s:]+(?:\s+[^\s:]+){0,3}:\s", first):
        return ""
    spans = sentences(first)
    return first[spans[0][0] : spans[0][1]] if spans else first


# A heading over the kinds of something: "Two types of FSMs", "Types of trees", "Variants", "Modes"
# ("Types & Grammar", "Invariants and Variants" name two topics, no set of kinds)
_KINDS_HEADING = re.compile(
    r"(?:(?:two|three|four|five|\d+)\s+)?(?:(?:main|key|different|common)\s+)?"
    r"(?:" + "|".join(sorted(SORTS | {"variants", "modes"})) + r")(?:\s+of\s+(?!.*\b(?:and|vs)\b)[^&]{1,40})?"
    r"|(?!.*\b(?:and|vs)\b)[^&:]{1,40}\s(?:types|kinds|variants)",
    re.I,
)


def _one_kind_of_a_set(card: Card, context: tuple[str, ...], place: Place | None) -> bool:
    """A cloze in the section of one kind among the kinds its parent heading names, which it does
    not name itself."""
    if place is None or place.lead_in is not None or len(context) < 3 or place.block.kind not in ("paragraph", "item"):
        return False
    kind = plain(context[-1]).strip()
    if not _KINDS_HEADING.fullmatch(plain(context[-2]).strip()) or generic_label(kind) or len(kind.split()) > 6:
        return False
    said = set(words_of(CLOZE_GAP.sub(r"\1", card.front)).split())
    own = set(words_of(kind).split()) - set(words_of(context[-2]).split())  # "cold" of "Cold misses"
    return bool(own) and not own & said


def _with_subject(card: Card, subject: str) -> Card | None:
    """A cloze whose subject is left to its heading, the heading written before it; none when there is
    no heading, or when the heading is a gap's answer ("Sarsa: This algorithm is called {{c1::Sarsa}}")."""
    if not subject or _said_outside(CLOZE_GAP.findall(card.front), subject):
        return card if card.rule in WRITTEN_AS_CARDS else None  # a card the author wrote is theirs to keep
    subject = course_topic(subject)  # "CSE333: Malloc and Free" is on malloc and free
    if card.front.startswith(f"{subject}: "):
        return card  # the rule that made it named the subject already
    return replace(card, front=f"{subject}: {card.front}")


# A cloze that opens on a label of an aspect: "Drawback:", "**Use case:**", "*Problem:*"
_ASPECT_LEAD = re.compile(r"^\W*(?P<label>[^:\n{}]{1,30}?)\W*:\s")


# A paragraph or item that opens on the term it is about: `**Write-ahead log** - ...`, `**Raft**: ...`
_OPENING_TERM = re.compile(r"^(?:\*\*|__)(?P<term>[^*_\n]{1,60}?)(?:\*\*|__)\s*(?::|\s[-\u2013\u2014]\s)")


def _opening_term(place: Place | None, sentence: str) -> str:
    """The term the block of a later sentence opens on: "Is also called a {{c1::redo log}}" after
    `**Write-ahead log** - handy for crash recovery.` is said of the write-ahead log, not of the
    heading above."""
    if place is None:
        return ""
    found = _OPENING_TERM.match(place.block.text.lstrip())
    if found is None or words_of(place.block.text).startswith(words_of(sentence)[:20]):
        return ""  # the opening sentence itself
    term = term_text(found.group("term"))
    if generic_label(term) or _NO_SUBJECT.match(term) or (" " not in term and everyday(term.lower())):
        return ""  # `**Role**: It contains ...`, `**Also known as**: ...`: a label of the heading's subject
    return term


def _said_outside(gaps: list[str], text: str) -> bool:
    """Whether text says the words of one of the gaps."""
    said = f" {words_of(text)} "
    # a gap of code is a name in the code, not the word: `this` under "This and Object Prototypes"
    words = (words_of(gap) for gap in gaps if not gap.lstrip().startswith("`"))
    return any(f" {w} " in said for w in words if len(w) >= _MIN_GAP)


_MIN_GAP = 3  # letters: "a", "is" are said anywhere
# Text a gap's words are not looked for in: code, maths, a link's target, another gap.
_NOT_PROSE = re.compile(r"`[^`]*`|\$\$?[^$]+\$\$?|\]\([^)]*\)|\{\{c\d+::.*?\}\}", re.S)


def _every_gap_hidden(card: Card) -> Card:
    """A gap's answer said again in its own sentence is hidden there too, under the same number: "one
    can find a topological order with {{c1::DFS}}, in the order DFS leaves nodes" gives it away."""
    front = card.front
    for number, gap in _NUMBERED_CLOZE.findall(card.front):
        if len(words_of(gap)) < _MIN_GAP or not re.fullmatch(r"[\w .'’-]+", gap.strip()):
            continue  # a gap of code, maths or markup is not looked for in the words around it
        said = re.compile(rf"(?<![\w-]){re.escape(gap.strip())}(?![\w-])", re.I)
        hide = f"{{{{c{number}::\\g<0>}}}}"
        pieces, end = [], 0
        for kept in _NOT_PROSE.finditer(front):
            pieces += [said.sub(hide, front[end : kept.start()]), kept.group(0)]
            end = kept.end()
        front = "".join([*pieces, said.sub(hide, front[end:])])
    return card if front == card.front else replace(card, front=front)


# A heading that asks, tells or places rather than names: "Why this matters", "What is autodiff?",
# "SOLID principles are design principles", "Part 1 - Create the menu page"
_NOT_A_NAME = re.compile(
    r"\?|^\W*(?:why|how|what|when|where|which|who|one|another|part|step)\b|\b(?:is|are|was|were)\b", re.I
)


def _naming_subject(subject: str, front: str) -> str:
    """The heading that names what a cloze's "this approach" is, when it names a thing and gives
    away none of the gaps; or nothing."""
    if not subject or len(subject.split()) > _MAX_SUBJECT_WORDS or _NOT_A_NAME.search(plain(subject)):
        return ""
    said = set(words_of(subject).split())
    gaps = {w for gap in CLOZE_GAP.findall(front) for w in words_of(gap).split()}
    if said & gaps or words_of(subject) in words_of(front):
        return ""
    return subject


# A definition's predicate said alone: "A way to ...", "A type of clustering algorithm in which ...":
# a noun that says what kind of thing the subject is, then what ties the rest to it.
_A_NOUN = re.compile(r"^(?:a|an)\s+[^\W\d_]", re.I)
_KIND_OF_THING = frozenset(
    """way type kind form family class category method technique approach algorithm model measure metric tool
    framework process procedure set subset collection variant variation version generalization extension
    combination abstraction architecture structure mechanism strategy representation implementation opposite
    alternative branch field""".split()
)
_TIES_TO_NOUN = frozenset(
    "of to for that which who whose where whereby used composed designed based containing".split()
)
_OF_ITS_NOUN = frozenset("that which who whose where whereby".split())  # a clause about the noun
# ... whose own verb names the noun after all: "A machine that halts on every input is called a {{c1::decider}}"
_NAMES_IT = re.compile(
    r"\b(?:is|are)\s+(?:\w+\s+)?(?:called|known\s+as|referred\s+to|said\s+to\s+be|defined\s+as|termed|named)\b", re.I
)
_APPOSITION = re.compile(r"\([^()]*\)|\s(?:--|[\u2013\u2014])\s.*?\s(?:--|[\u2013\u2014])\s")


def _predicate_only(sentence: str) -> bool:
    """ "A way to embed points ..., called {{c1::strain}}", "A type of {{c1::regularization}}, in which
    weights decay": what kind of thing the subject is, its subject and verb left out (not "A collection
    of documents is called an {{c1::index}}", "A {{c1::cursor}} keeps track of ...": they say their verb)."""
    first = CLOZE_GAP.sub(r"\1", sentence).split("\n", 1)[0].split(". ", 1)[0]
    if not _A_NOUN.match(first):
        return False
    words = words_of(_APPOSITION.sub(" ", first)).split()
    third = verb_forms()[0]
    for at, word in enumerate(words[1:], start=1):
        if word in AUX or word in _LOWER_AUXILIARIES or word in third:
            return False
        if word.endswith("s") and not word.endswith("ss") and words[at - 1] in _KIND_OF_THING:
            return False  # "A build tool automates ...": a verb after the noun, whatever the verbs known
        if word in _TIES_TO_NOUN:
            if not any(w in _KIND_OF_THING for w in words[1:at]) or _NAMES_IT.search(" ".join(words[at:])):
                return False
            if word in _OF_ITS_NOUN:
                return True  # "A graph traversal algorithm that should be used with ...": said of the noun
            for later in words[at + 1 :]:
                if later in _OF_ITS_NOUN:
                    return True  # "A type of clustering algorithm in which clusters are ...": said of the noun
                if later in AUX or later in _LOWER_AUXILIARIES:
                    return False  # "A collection of documents is ...": the sentence's own verb
            return True
    return False


def _opens_with_its_verb(sentence: str) -> bool:
    """ "Ensures containers are {{running correctly}}" under `### kubelet`: the sentence starts at
    its verb, its subject left to the heading."""
    words = sentence.split(maxsplit=2)
    if len(words) >= 2 and words[0] in _AUXILIARIES:
        spans = sentences(sentence)
        asks = bool(spans) and sentence[spans[0][0] : spans[0][1]].rstrip().endswith("?")  # "Are there ...? Sure"
        return not asks  # "Are split into 3 categories: ...", "Is used to ...": a statement, its subject unsaid
    if len(words) >= 2 and (words[0] in _LOWER_AUXILIARIES or words[0] in verb_forms()[0]):
        return True  # `- does not work with true {{c1::latent variables}}` under the method it is said of
    if len(words) >= 2 and words[0] in verb_forms()[1]:
        # `- use the {{c1::full history}}` under "Batch pipelines" (not `- cache lines hold ...`: a noun)
        return words[1] in _OBJECT_OPENS or words[1].startswith("$")
    if len(words) >= 2 and words[0][:1].isupper() and _participle(words[0].lower()) and words[1] in _PARTICIPLE_GOES_ON:
        # "Used at the {{c1::output layer}} for ..." under `### Softmax`: "it is" left to the heading; not a
        # clause before the subject ("Created by Linus Torvalds in 2005, Git is ...")
        return "," not in sentence.split(".", 1)[0]
    did = words[0].lower()
    past = did not in _NOT_DONE and (past_form(did) or _DID.match(did) is not None)
    if len(words) >= 2 and words[0][:1].isupper() and past:
        # "Won {{c1::ILSVRC 2014}} with ...", "Achieved the best {{c1::FID}}" under a paper's "Results":
        # what the paper did, its subject left to the title (not "Trained models are ...")
        if words[1] in _OBJECT_OPENS or words[1] == "that" or words[1].startswith("{{"):
            return True  # ("Showed that {{c1::global matching}} can rival ...")
    if len(words) < 2 or not words[0][:1].isupper() or words[0].lower() not in verb_forms()[0]:
        return False
    if words[1].startswith(("`", "$", "(")):
        return False  # "Registers `%rbx` are ...": a plural noun named
    # "Outputs for MapReduce are ...", "Hosts and routers are ...": a plural noun whose verb comes
    # after; "Relies on {{c1::sampling}}", "Corresponds to the {{c1::slope}}": a verb with no other
    if words[1].lower() not in _SUBJECT_GOES_ON:
        return True
    # ... unless it goes on to a verb of its own ("Records in the file have ...", "Limits ... can involve")
    said = CLOZE_GAP.sub(" gap ", sentence).split("\n", 1)[0].split(". ", 1)[0]
    goes_on = any(w in AUX or w in _LOWER_AUXILIARIES for w in words_of(said).split())
    return not goes_on and ":" not in said  # ("Processes and Threads: ...": named already)


# A verb's past form outside the verbs the rules know ("achieved", "outperformed"): read as one only
# before its object ("Achieved the best FID")
_DID = re.compile(r"[a-z]{3,}ed$")
# ... and past forms that are also a step's imperative ("Set the flag", "Put the route last", "Run the sweep")
_ALSO_IMPERATIVE = frozenset("put set run read split shut hit cut let cost spread quit".split())
# What a participle goes on with when "it is" is left out: "Used in", "Implemented by", "Stored as"
_PARTICIPLE_GOES_ON = frozenset(
    "in by to for at as with on from via within across during when primarily mainly".split()
)
# ... not "Compared to", "Based on", "Given": they open a sentence whose subject comes after them
_NOT_ELIDED = frozenset("compared based given combined related called named known".split())
_NOT_DONE = _NOT_ELIDED | _ALSO_IMPERATIVE  # opening no sentence on what the subject did


def _participle(word: str) -> bool:
    """A past participle a bullet opens on with "it is" left out: "used", "implemented", "written"."""
    return word not in _NOT_ELIDED and past_form(word)


# A long title's short name in brackets at its end: "A Style-Based Generator Architecture for GANs
# (StyleGAN, 2019)", "Rich feature hierarchies for accurate object detection (R-CNN)"
_SHORT_NAME = re.compile(r"\((?P<name>[^\W\d_][^(),]{0,30}?)(?:,\s*(?:19|20)\d\d)?\)\W*$")


def _short_name(subject: str) -> str:
    """A subject too long to put before a prompt, by the short name its title gives in brackets."""
    if len(subject.split()) <= _MAX_SUBJECT_WORDS:
        return subject
    found = _SHORT_NAME.search(subject)
    return found.group("name").strip() if found else subject


def _named_by(subject: str, context: tuple[str, ...]) -> str:
    """The subject as a prompt names it: by its short name when it is long, and the note's title
    whole when it gives none ("Muse Text-to-Image Generation via Masked Generative Transformers
    (2023)": a paper's title is its name); or nothing, for a long heading."""
    short = _short_name(subject)
    title = bool(context) and subject == context[0] and short == subject
    return short if len(short.split()) <= (_MAX_TITLE_WORDS if title else _MAX_SUBJECT_WORDS) else ""


_MAX_TITLE_WORDS = 12
_EXERCISES_WORDS = 2
# ("May" and "Will" also open a date or a name)
_AUXILIARIES = frozenset("Is Are Was Were Has Have Can Could Should Must Would Might".split())
_LOWER_AUXILIARIES = frozenset(w.lower() for w in _AUXILIARIES) | {"does", "do"}
# What a verb's object opens with ("use the ...", "assign one ..."), where a noun's sentence goes on with its verb
_OBJECT_OPENS = frozenset("the a an only all each every one its their this these some any more less".split())
_SUBJECT_GOES_ON = frozenset("and or of for are were is was in from that which with to on".split())
_MAX_SUBJECT_WORDS = 6


# A sentence that goes on from one the card does not hold: its condition, its contrast or its formula
# ("where $K_p$ is the {{c1::proportional gain}}" still says what a symbol stands for); "Otherwise, ..."
# is what happens when that condition fails
_GOES_ON = re.compile(
    r"(?:then|and|or|but|so|while|whereas|which|with|where(?!\s+[$`]))\s|(?i:otherwise)\b,?\s"
    # "But in virtualization, the {{c1::hypervisor}} needs ring 0", "And then one can {{c1::catch
    # timeouts}} ...": a new sentence that goes on from the one before it
    r"|(?:And|But|Or|So|Then)[\s,]"
)
# A gap and only an aside beside it: "{{c1::Source code}} (the application itself).", "{{c1::Context}}
# (in time, space, etc. - see below)": an item of a list hidden whole, guessed from a hint
# ("{{c1::Cost-based}} (aka cost-plus pricing)" gives the other name it goes by: a name to recall)
_GAP_AND_ASIDE = re.compile(
    r"\{\{c\d+::[^{}]*\}\}\s*\((?!\s*(?:aka|a\.k\.a\.|also\s+(?:called|known\s+as)|i\.e\.)\s)[^()]*\)[\s.:;]*", re.I
)


# One of a note's own count of steps or findings: "Step 3", "Stage 1", "Attempt #1", "Hypothesis 2";
# a line of the code above it, "Line 3"
_COUNTED_GAP = re.compile(
    r"(?:step|stage|phase|attempt|hypothesis|claim|observation|finding|result|experiment|contribution|insight"
    r"|lesson|takeaway|part|round|scenario|reason|idea|point|line)\s+\d+"
)


def _all_asked(answer: str) -> bool:
    """Whether every item of a listed answer asks something: a question, or an order ("Explain ...")."""
    items = [plain(_ITEM_START.sub("", line)) for line in answer.splitlines() if _ITEM_START.match(line)]
    asked = ("?" in item or PROMPT_VERB.match(item) or _ASKING_ORDER.match(item) for item in items)
    named = any(_NAMED_ITEM.match(item) for item in items)  # "Function: what is it for?" is a kind of question
    return bool(items) and not named and all(asked)


_ITEM_START = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
_ASKING_ORDER = re.compile(ASKS_FOR_MORE, re.I)  # "Discuss the impact ...", "Justify ..."
_NAMED_ITEM = re.compile(r"^[^:?]{1,40}:\s")
# An answer that only asks more: "What is a deep autoencoder? Compare and contrast."
_ONLY_QUESTIONS = re.compile(
    # "i.e., is it a gradient field?": the question asked again in other words
    r"(?:(?:[-*+]|\d+[.)])?\s*(?:(?:i\.\s?e\.|that is|in other words),?\s+)?[^.?!\n]+\?\s*)*"
    r"(?:(?:[-*+]\s+)?(?:compare and contrast|compare|contrast|discuss|explain)"
    r"(?:\s+(?:it\s+|them\s+)?(?:with|to)\s+[^.?!\n]{1,60})?\.?\s*)?"
    # "What is a morpheme? Give examples.", "... Explain the role of the beam width.": what an answer
    # should hold, asked of the student, on the question's line
    rf"(?:{ASKS_FOR_MORE}[^.?!\n`$]{{0,150}}[.!]?\s*)*",
    re.I,
)
# ":", and the words that leave a mathematical definition open for what comes next ("a function
# $d$ such that" / the axioms)
_ANNOUNCES = re.compile(
    r":\s*$|,?\s\b(?:such that|as follows|given by|defined (?:as|by)|satisfying)\s*$"
    # "This is frequently accompanied by" over a list: the sentence runs on into its items
    r"|\s(?:by|with|include|includes|including|such as|like|namely|are|is|where|whereby|and|or|of|that|which"
    r"|iff|if|if and only if)\s*$"
    # "If the clause set holds a unit clause, then" over what is done in each case
    r"|,\s*then\s*$"
    # "The training algorithm can be described as below", "... is the following."
    r"|\b(?:the\s+following(?:\s+\w+){0,2}|as\s+below|(?:shown|given|described|listed)\s+below)\s*[.:]?\s*$",
    re.I,
)
# A formula's "where" with nothing after it to say what the symbols are
_WHERE_AFTER = re.compile(r",?\s*\bwhere\s*:?\s*$", re.I)
_MAX_FOLLOWING = 1200


def _with_what_follows(card: Card, place: Place | None) -> Card | None:
    """A sentence or a label ending in ':' takes the formula, list, table or code it announces; a
    definition with only its formula nested under it takes the formula."""
    if place is None:
        return card
    side = card.front if card.kind is Kind.CLOZE else card.back
    if card.kind is Kind.DEFINITION and not _ANNOUNCES.search(side) and _names_its_set(side, place):
        # "An NFSA is a DFSA with 2 added features" over its list of them: the list is the answer
        return replace(card, back=f"{side.rstrip()}\n{following(place)}")
    if not _ANNOUNCES.search(side):
        if _runs_on_into_list(card, side, place):
            # "Coupling: degree of interdependence between" over "- modules" / "- services"
            return replace(card, back=f"{side.rstrip()}\n{following(place)}")
        if _stops_on_comma(card, side):
            return _announcing_nothing(card)  # "a sequence given by its first terms,": the rest is elsewhere
        return _with_its_formula(card, place)
    more = following(place)
    if not more or len(more) > _MAX_FOLLOWING:
        return _announcing_nothing(card)
    if (links_only(more) or led_by_links(more)) and not PICTURES_ONLY.fullmatch(more):
        # "Two posts about BERT:" and a list of links: a reading list, not knowledge ("... given
        # states:" / `![](policy.png)` is the figure it announces)
        return None
    if card.kind is Kind.CLOZE:
        return replace(card, front=f"{card.front.rstrip()}\n{more}")
    if all(LIST_MARKER.sub("", line).strip() in card.back for line in more.splitlines() if line.strip()):
        # `- shrinkage value` / `  - ... by the following trees`: its answer is what follows it; a
        # formula's "where" over the formula again says nothing of its symbols
        return _announcing_nothing(card) if _WHERE_AFTER.search(side) else card
    if _all_within(card.back, more):
        return replace(card, back=more)  # an outline's items, the last one "tools:": what follows is them all
    return replace(card, back=f"{card.back.rstrip()}\n{more}")


def _names_its_set(side: str, place: Place) -> bool:
    """A one-line meaning that says what a thing is and ends naming a set by its count ("a DFSA with
    2 added features"), right over a list of no more items than that, or a code block, formula or table."""
    said = plain(side).strip()
    if "\n" in side.strip() or not _ENDS_ON_SET.search(said):
        return False
    if not (ANNOUNCES_LIST.match(said) or NAMES_COUNTED_SET.search(said)):
        return False
    if not _A_KIND_WITH.match(said):
        return False  # "The codebase for this deployment has 3 main sections.": a fact of it, not what it is
    if place.block.kind == "item" or not place.after or place.after[0].kind not in ("item", "code", "math", "table"):
        return False
    if place.after[0].kind != "item":
        return True  # "a memory object with two operations" over the code that declares them
    depth = place.after[0].depth
    items = sum(1 for b in takewhile(lambda b: b.kind == "item", place.after) if b.depth == depth)
    count = _COUNT.search(said)
    if count is None:
        return True  # "several", "a few"
    word = count.group(0).lower()
    return items <= (int(word) if word.isdigit() else _NUMBERS[word])


# What a thing is, then its set: "a DFSA with 2 added features", "An NFSA is a DFSA with ..."
_A_KIND_WITH = re.compile(r"^(?:an?\s|[^.]{0,60}?\b(?:is|are)\s+(?:an?|the)\s)", re.I)
_COUNT = re.compile(rf"\b(?:\d+|{COUNT_WORD})\b", re.I)
_NUMBERS = MappingProxyType(
    {w: i for i, w in enumerate("zero one two three four five six seven eight nine ten".split())}
)


# A sentence that ends on the set it names ("... consists of two steps."), not on its members
# ("There are two types of FP8, E4M3 and E5M2.")
_ENDS_ON_SET = re.compile(rf"\b{COUNTED_PARTS}\s*\.?$", re.I)


# Words a one-line answer cannot stop on when a list comes right after it: the sentence goes on into
# the items ("devote 20 minutes a day to" / "- learn something new"). Without a list, "what the loss
# is multiplied by" or "the form an affix attaches to" ends where it stops, and stays. Lower case
# only: "... the value from Register A" ends on a name, not an article.
_STOPS_MID_SENTENCE = re.compile(
    r"\s(?:to|for|on|between|than|into|from|the|an?|be|(?:make|makes|making) it|e\.\s?g\.|i\.\s?e\.)\s*$"
)


# An item that opens on its own label ("- **Number**: ...", "- analysis: ...", "- Hosted → ...")
_LABELED_ITEM = re.compile(r"^(?:\*\*|__|[^:→\n]{1,40}(?::\s|\s→|\s-\s))")


def _runs_on_into_list(card: Card, side: str, place: Place) -> bool:
    """An answer (not a cloze) whose one line stops on a word that leads on, with a list right under it that
    it does not hold yet. After "to", a list of labelled items is a set of its own ("the type of
    thing a variable belongs to" over "- **Number**: ..."), not the sentence going on."""
    found = _STOPS_MID_SENTENCE.search(side)
    if card.kind is Kind.CLOZE or "\n" in side.strip() or not found:
        return False
    block = place.block
    if block.kind == "item":
        if not block.children or block.children[0].kind != "item":
            return False
    elif not place.after or place.after[0].kind != "item":
        return False
    lines = [LIST_MARKER.sub("", line).strip() for line in following(place).splitlines() if LIST_MARKER.match(line)]
    if all(line in card.back for line in lines):
        return False  # an outline's term over its one meaning: the answer is that item already
    if found.group(0).strip().lower() == "to":
        return not any(_LABELED_ITEM.match(line) for line in lines)
    return True


def _stops_on_comma(card: Card, side: str) -> bool:
    """A one-line answer that stops on a comma ("a sequence of values given by its first terms,") goes
    on below it; a cloze's sentence may end a list item on one ("GET to retrieve data,")."""
    return card.kind is not Kind.CLOZE and side.rstrip().endswith(",") and "\n" not in side.strip()


def _announcing_nothing(card: Card) -> Card | None:
    """A card whose last sentence announces what follows, with nothing it can hold after it: the
    sentences before, when there are some; none at all for a cloze ("The {{c1::AdaBoost}} algorithm
    is described as the following:" over a page of steps) or a one-sentence answer. A sentence that
    says something of its own before its colon stands as it is; a formula's trailing "where" is left
    out, and so is a lead-in after an answer's last formula."""
    if card.rule in WRITTEN_AS_CARDS:
        return card  # the author's own card, asked as written
    side = card.front if card.kind is Kind.CLOZE else card.back
    where = _WHERE_AFTER.search(side)
    if where:  # "$$f(x) = \sum_t \beta_t T_t(x)$$ where" and no list of what its symbols are
        kept = side[: where.start()].rstrip()
        return replace(card, **{"front" if card.kind is Kind.CLOZE else "back": kept}) if kept else None
    spans = sentences(side)
    if card.kind is not Kind.CLOZE and side.rstrip().endswith(":"):
        if "$$" in side:  # "Matrix multiplication = join + GROUP BY $$C = AB$$ In SQL:": the formula is the answer
            kept = side[: side.rindex("$$") + 2]
            return replace(card, back=kept) if "$$" in kept[:-2] else card
        if card.kind is not Kind.DEFINITION and len(spans) == 1 and "\n" not in side.strip():
            return None  # "How many tokens is that good for?" / "Again, with a 52bn parameter model:": no answer yet
    cut = POINTS_AHEAD.search(side[spans[-1][0] :]) or CUT_OFF.search(side) if spans else None
    if not spans or not (cut or _stops_on_comma(card, side)):
        return card
    if card.kind is Kind.CLOZE:
        return None
    if len(spans) < 2 or "\n" in card.back.strip():
        return None if len(spans) < 2 else card
    kept = card.back[: spans[-1][0]].rstrip()
    return replace(card, back=kept) if kept else None


def _with_its_formula(card: Card, place: Place) -> Card:
    """`- Eigenvector: a vector that a matrix only scales` / `  - $Ax = 2x$`: a definition
    whose one nested item is its formula says it in the answer."""
    children = place.block.children
    if card.kind is not Kind.DEFINITION or place.block.kind != "item" or len(children) != 1:
        return card
    child = children[0]
    if child.kind != "item" or child.children or not ONLY_FORMULA.match(child.text):
        return card
    formula = child.text.strip()
    return card if formula in card.back else replace(card, back=f"{card.back.rstrip()}\n{formula}")


def _all_within(text: str, more: str) -> bool:
    """Whether every line of text is one of the lines of more, in the same order."""
    lines = iter(line.strip() for line in more.splitlines())
    return all(any(line == other for other in lines) for line in (t.strip() for t in text.splitlines()) if line)
