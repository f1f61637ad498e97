"""A hypothesis grammar of Markdown and Obsidian notes, and the invariants every run must keep.

Used by tests/test_fuzz.py (a short run in the suite) and bench/fuzz.py (a long run, by hand).
"""

from __future__ import annotations

import json
import re
import tempfile
from pathlib import Path

from hypothesis import strategies as st
from rapidfuzz import fuzz

from cards.export.package import build_package
from cards.listing import as_json
from cards.model import Kind
from cards.pipeline import OUT_OF_TIME, build
from cards.tex import safe_math
from cards.vault import read_note

WORDS = st.sampled_from(
    "entropy gradient kernel prior bias variance model loss data naïve café 学习 模型 Ünïcödé "
    "x y2 a_b λ ∑ über résumé Straße".split()
)
# Any character but surrogates (a file cannot hold them), control characters (a note full of
# them is rightly skipped as binary) and CR/LF (the grammar places line breaks); a few controls
# and separators a note may hold come back, none of them a line break on disk.
CHARS = st.characters(blacklist_categories=("Cs", "Cc")) | st.sampled_from(["\t", "\v", "\f", "\x85", "\u2028"])
UNICODE = st.text(CHARS, max_size=12)
PUNCT = st.sampled_from(["<", "&", "{{", "}}", "::", ":", "?", "|", "*", "_", "`", "$", "%%", "\\", "#", "]]", "[["])


@st.composite
def inline(draw: st.DrawFn) -> str:
    """One line of inline Markdown: words mixed with every inline syntax the tool reads."""
    parts = []
    for _ in range(draw(st.integers(1, 8))):
        word = draw(WORDS)
        parts.append(
            draw(
                st.sampled_from(
                    [
                        word,
                        f"**{word}**",
                        f"*{word}*",
                        f"=={word}==",
                        f"[[{word}]]",
                        f"[[{word}|{word} alias]]",
                        f"[[{word}#Part]]",
                        f"![[{word}.png]]",
                        f"![[../../.ssh/{word}]]",
                        f"![{word}](file:///etc/{word}.png)",
                        f"`{word}`",
                        f"${word}^{{2}}$",
                        f"#{word}",
                        f"[{word}](https://example.org/{word})",
                        f"<b>{word}</b>",
                        f"<script>{word}</script>",
                        f'<img src="x" onerror="{word}">',
                        f"{{{{c1::{word}}}}}",
                        f"%%{word}%%",
                    ]
                )
            )
        )
        if draw(st.booleans()):
            parts.append(draw(st.one_of(PUNCT, UNICODE)))
    return " ".join(parts)


# What made rules go quadratic, or could: markers that open and never close, marks repeated
# without end, brackets nested deep, a tag with no `>`, escapes, separators.
HOSTILE = st.sampled_from(
    "{{c1:: |**T**: |[|(|{|a:: b |==x |==x== |<a |`|$|[[|]]|*|_|> |- |X is a y. |Why? |\\|&#|%%|<!--|"
    "#|:: |}}|~~|$$|\\(|\\href{x}|? |\u202e".split("|")
)


@st.composite
def repeated(draw: st.DrawFn) -> str:
    """One pattern (or two, alternating) repeated hundreds of times, on one line or one a line: the
    shape of the notes that made rules quadratic."""
    parts = draw(st.lists(HOSTILE, min_size=1, max_size=2))
    times = draw(st.integers(50, 400))
    return draw(st.sampled_from(["", "\n"])).join("".join(parts) for _ in range(times))


@st.composite
def block(draw: st.DrawFn) -> str:
    text = draw(inline())
    word = draw(WORDS)
    kind = draw(
        st.sampled_from(
            [
                "heading",
                "para",
                "definition",
                "question",
                "basic",
                "list",
                "task",
                "callout",
                "table",
                "code",
                "deflist",
            ]
        )
    )
    if kind == "heading":
        title = draw(st.sampled_from([text, "Questions", "Review questions", "Glossary", "To do", "Quiz"]))
        return "#" * draw(st.integers(1, 6)) + " " + title
    if kind == "definition":
        return f"{draw(st.sampled_from([word, f'**{word}**', f'[[{word}]]']))}: {text}"
    if kind == "question":
        return f"- What is {word}{draw(st.sampled_from(['?', ' ?', '?**']))}\n  - {text}"
    if kind == "basic":
        return f"{text} :: {draw(inline())}"
    if kind in ("list", "task"):
        marker = "- [ ] " if kind == "task" else draw(st.sampled_from(["- ", "* ", "1. ", "• "]))
        items = draw(st.lists(inline(), min_size=1, max_size=4))
        depths = draw(st.lists(st.integers(0, 3), min_size=len(items), max_size=len(items)))
        return "\n".join("  " * d + marker + item for d, item in zip(depths, items, strict=True))
    if kind == "callout":
        kind_name = draw(st.sampled_from(["note", "tip", "question", "warning", "faq", "x"]))
        fold = draw(st.sampled_from(["", "-", "+"]))
        return f"> [!{kind_name}]{fold} {word}\n> {text}\n> {draw(inline())}"
    if kind == "table":
        return f"| {word} | b |\n| --- | --- |\n| {text.replace('|', '/')} | {word} |"
    if kind == "code":
        return f"```{draw(st.sampled_from(['', 'python', 'mermaid']))}\n{text}\n```"
    if kind == "deflist":
        return f"{word}\n: {text}"
    return text


ALIAS_BOMB = "\n".join(
    ['l0: &l0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    + [f"l{n}: &l{n} [{','.join([f'*l{n - 1}'] * 9)}]" for n in range(1, 9)]
)
"""A "billion laughs": 9 levels of 9 YAML aliases, a few hundred bytes standing for 9**9 strings."""


@st.composite
def front_matter(draw: st.DrawFn) -> str:
    word = draw(WORDS)
    return draw(
        st.sampled_from(
            [
                "",
                f"---\ntags: [{word}, ml/basics]\naliases: [{word}]\n---\n",
                f"---\nTags: #{word} #stats\n---\n",
                f"---\ntitle: [{word}\n---\n",
                f"---\ntitle:\t{word}\nsummary:\n\t{word}\n---\n",
                f"---\ntitle: {word}\n",
                "---\n---\n",
                "---\nnotecards: false\n---\n",
                f"---\n{ALIAS_BOMB}\ntags: *l8\n---\n",
                f"---\ntags: {'[' * 200}{word}{']' * 200}\n---\n",
            ]
        )
    )


@st.composite
def note(draw: st.DrawFn) -> str:
    blocks = draw(st.lists(block(), max_size=8))
    separator = draw(st.sampled_from(["\n\n", "\n"]))
    return draw(front_matter()) + separator.join(blocks) + "\n"


@st.composite
def note_file(draw: st.DrawFn) -> tuple[str, bytes]:
    """A note's text and the bytes on disk: line endings, BOM and encoding vary."""
    text = draw(note())
    ending = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252"]))
    return text, text.replace("\n", ending).encode(encoding, errors="replace")


_WORD = re.compile(r"\w+")
_SLIP = 80  # as alike as two spellings of one word: one letter in five


def check_invariants(files: dict[str, tuple[str, bytes]]) -> int:
    """Run the whole pipeline over the notes, check what must always hold, return the card count.

    No note may crash the run; every card has a front; every source line exists (the decoded note
    has the lines the file has) and holds words of its card (a merged card's, a slip of one); ids
    are the same on a second run; every card becomes an Anki note of its own id with no script in
    it; the JSON listing serialises as UTF-8 and parses.
    """
    with tempfile.TemporaryDirectory(prefix="fuzz-vault-") as tmp:
        folder = Path(tmp)
        for name, (_, data) in files.items():
            (folder / name).write_bytes(data)
        result = build(folder)
        again = build(folder)
        package, _, _ = build_package(result.cards, result.deck, folder)  # every card becomes an Anki note
        skipped = {p.path for p in result.problems if p.skipped and not p.message.startswith(OUT_OF_TIME)}
        # a note past its work budget is skipped by design (budget.py): only its cards are missing
        slow = {p.path for p in result.problems if p.message.startswith(OUT_OF_TIME)}
        decoded = {n: read_note(folder, folder / n).text.split("\n") for n in files if n not in skipped | slow}
    crashes = [str(p) for p in result.problems if "notecards failed" in p.message]
    assert not crashes, crashes
    assert not skipped, result.problems  # every generated note is text, however odd
    for name, (text, _) in files.items():
        assert name in slow or len(decoded[name]) == len(text.split("\n")), name
    for card in result.cards:
        assert card.front.strip(), card
        words = {w.casefold() for w in _WORD.findall(f"{card.front} {card.back}")}
        for source in card.sources:
            lines = decoded[source.path]
            assert 1 <= source.line <= len(lines), source
            line = lines[source.line - 1].casefold()
            # a merged card shows a near-identical answer once (merge.py): the line of the answer it
            # dropped holds a slip of one of its words ("ünïcödé" for "ünďcödé"), not the word itself
            slip = len(card.sources) > 1 and any(
                fuzz.ratio(w, said) >= _SLIP for w in words for said in _WORD.findall(line) if len(said) > 3
            )
            assert any(w in line for w in words) or slip, (source, line, card.front, card.back)
    slow |= {p.path for p in again.problems if p.message.startswith(OUT_OF_TIME)}
    assert [c.id for c in again.cards if c.source.path not in slow] == [
        c.id for c in result.cards if c.source.path not in slow
    ]
    notes = package.decks[0].notes
    assert [n.guid for n in notes] == [c.id for c in result.cards if c.kind != Kind.CLOZE or "{{c" in c.front]
    assert len({n.guid for n in notes}) == len(notes)  # Anki keeps one note per id: none is lost on import
    for anki_note in notes:
        assert "<script" not in " ".join(anki_note.fields)
        assert all(safe_math(field) == field for field in anki_note.fields), anki_note.fields  # no active TeX
    if "good.md" in files:  # a good note beside hostile ones keeps its card
        assert any(c.front == "Entropy" for c in result.cards if c.source.path == "good.md"), result.cards
    listing = json.loads(json.dumps(as_json(result), ensure_ascii=False).encode("utf-8"))
    assert [c["id"] for c in listing["cards"]] == [c.id for c in result.cards]
    return len(result.cards)
