"""Words as the answers stage compares them: plain text, Snowball stems, no function words."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

import Stemmer

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
# A tag ends before the next `<`: `[^>]*` read to the end of the text from every `<a` (quadratic).
_URL = re.compile(r"<?(?:https?|obsidian)://[^\s>]*>?|</?[a-zA-Z][^<>]*>|&#?\w+;")
MARKS = re.compile(r"(?<!\w)[*_]+|[*_]+(?!\w)|==|~~|`|#(?=\w)")


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
    return " ".join(MARKS.sub("", text).split())


def words(text: str) -> list[tuple[str, int, int]]:
    """(stem, start, end) of every word of plain text that is not a function word."""
    known = _STEMS.get  # each word lowered once, its stem looked up without a call (as `stems`)
    return [
        (known(w) or stem(w), m.start(), m.end())
        for m in _WORD.finditer(text)
        if (w := m.group().lower()) not in STOPWORDS
    ]


def stems(text: str) -> list[str]:
    """Stems of the words of a text that are not function words, in order."""
    known = _STEMS.get
    return [known(w) or stem(w) for w in _WORD.findall(_no_urls(text).lower()) if w not in STOPWORDS]


def _no_urls(text: str) -> str:
    return _URL.sub(" ", text) if ("/" in text or "<" in text or "&" in text) else text


# ---------------------------------------------------------------------------- the index


def topic_names(topic: str) -> set[tuple[str, ...]]:
    """The names a title gives its subject, as stems: "Rectified Linear Unit (ReLU)" is both."""
    names = {tuple(stems(part)) for part in re.findall(r"\(([^)]*)\)", topic)}
    names.add(tuple(stems(re.sub(r"\([^)]*\)", " ", topic))))
    return names - {()}


def span(term: Sequence[str], found: Sequence[tuple[str, int, int]]) -> tuple[int, int] | None:
    """Characters of the first run of the passage's words whose stems are the term's."""
    n = len(term)
    for i in range(len(found) - n + 1 if n else 0):
        if all(found[i + j][0] == term[j] for j in range(n)):
            return found[i][1], found[i + n - 1][2]
    return None
