"""Parsing: front matter, tags and the Obsidian syntax markdown-it does not know."""

from __future__ import annotations

from cards.export.html import to_html
from cards.front_matter import anki_tag
from cards.model import NoteFile
from cards.parse import parse_note
from cards.text import card_markdown, plain


def parse(text: str, path: str = "Note.md"):
    return parse_note(NoteFile(path=path, text=text))


def test_front_matter_that_yaml_reads_as_a_comment_still_gives_its_tags() -> None:
    note = parse("---\nTags: #ai/deeplearning #inbox/to-process\nYear: 2022\n---\nBody line\n")
    assert note.tags == ("ai::deeplearning", "inbox::to-process")
    assert note.front_matter["Year"] == 2022


def test_front_matter_that_is_not_yaml_keeps_the_body_and_says_so() -> None:
    note = parse("---\ntitle: [unclosed\n\ttags: a\n---\nTerm: a meaning of some words\n")
    assert [b.text for b in note.blocks] == ["Term: a meaning of some words"]
    assert note.blocks[0].line == 5
    assert "not valid YAML" in note.problems[0].message


def test_tag_lists_in_front_matter() -> None:
    assert parse("---\ntags: [ml/basics, course]\n---\nx\n").tags == ("ml::basics", "course")
    assert parse("---\ntags:\n  - a b\n  - '#c/d'\n---\nx\n").tags == ("a", "b", "c::d")


def test_inline_tags_before_the_first_heading_belong_to_the_note_and_others_to_their_section() -> None:
    note = parse("#ml intro\n\n# Part one\n#optim\nGD: a step\n\n## Deeper\ntext\n\n# Part two\nother\n")
    blocks = {b.text: b for b in note.walk()}
    assert note.tags == ("ml",)
    assert blocks["Part one"].tags == ("ml", "optim")
    assert blocks["text"].tags == ("ml", "optim"), "a section's tags cover its subsections"
    assert blocks["other"].tags == ("ml",)


def test_anki_tags_have_no_spaces_and_use_double_colons() -> None:
    assert anki_tag("#ai/deep learning") == "ai::deep_learning"


def test_lines_are_lines_on_disk_after_front_matter() -> None:
    note = parse("---\na: 1\n---\n\n# H\n\n- item\n  - nested\n")
    assert [(b.kind, b.line) for b in note.walk()] == [("heading", 5), ("item", 7), ("item", 8)]


def test_pasted_bullets_are_list_items() -> None:
    note = parse("notes\n\n  • first\n    • nested\n")
    items = [b for b in note.walk() if b.kind == "item"]
    assert [(b.text, b.depth) for b in items] == [("first", 0), ("nested", 1)]


def test_callouts_carry_type_and_title_and_their_body() -> None:
    note = parse("> [!definition]- Entropy\n> The expected surprise of a distribution.\n")
    callout = note.blocks[0]
    assert callout.kind == "callout"
    assert dict(callout.meta) == {"type": "definition", "fold": "-", "title": "Entropy"}
    assert callout.children[0].text == "The expected surprise of a distribution."
    assert callout.children[0].line == 2


def test_comments_are_never_read() -> None:
    note = parse("%% hidden: a secret %%\nseen\n%%\nblock: hidden\n%%\n<!-- x: y -->\n")
    assert [b.text for b in note.walk()] == ["seen"]


def test_wikilinks_embeds_highlights_and_entities_in_card_text() -> None:
    text = "See [[Neural network|nets]] and [[Loss#Cross-entropy]] ==key== &amp; ![[plot.png|300]] #tag"
    assert card_markdown(text) == "See nets and Loss > Cross-entropy ==key== & ![|300](plot.png)"
    assert plain(text) == "See nets and Loss > Cross-entropy key &"


def test_inline_html_is_reduced_to_its_text() -> None:
    assert plain('A <em>big</em> <a href="x">model</a>&#39;s size') == "A big model's size"


def test_math_becomes_mathjax_and_embeds_images() -> None:
    html = to_html("Loss $L(\\theta)$ is ==low== ![[plot.png|300]]")
    assert "\\(L(\\theta)\\)" in html
    assert "<mark>low</mark>" in html
    assert '<img src="plot.png" width="300">' in html


def test_entities_inside_a_wikilink_alias_are_decoded() -> None:
    assert plain("A [[model|model&#39;s]] ability") == "A model's ability"
    assert card_markdown("see [[Tags|&lt;div&gt; tags]]") == "see &lt;div> tags"
    assert "model&#39;s" not in to_html("A [[model|model&#39;s]] ability")


TASK_ITEMS = [
    "- [ ] buy milk",
    "- [x] done",
    "- [X] done too",
    "* [ ]\ttabbed",
    "1. [ ] numbered",
    "- [-] cancelled, not a task list box",
    "- [ ]no space",
    "- []  empty box",
    "- [ ] ",
    "- item\n  - [x] nested task",
    "-\n  [ ] box on the line after the marker",
    "> - [ ] in a quote",
    "- [ ] #errand buy stamps",
    "- a\n\n  [ ] second paragraph",
]


def test_task_boxes_are_read_as_the_tasklists_plugin_reads_them() -> None:
    """A note's blocks are parsed without the inline pass, which the tasklists plugin needs: the
    tree builder finds the same tasks, and cuts the same box off their text."""
    from cards.extract._common import is_task
    from cards.parse import parser

    for markdown in TASK_ITEMS:
        tokens = parser().parse(markdown)
        expected = [
            ("task-list-item" in str(t.attrs.get("class", "")), tokens[i + 2].content)
            for i, t in enumerate(tokens)
            if t.type == "list_item_open" and tokens[i + 1].type == "paragraph_open"
        ]
        items = [b for b in parse(markdown).walk() if b.kind == "item"]
        # the first paragraph: the item's own text, or its first child when it starts a line below
        found = [(bool(b.meta.get("task")), b.text or b.children[0].text) for b in items if b.text or b.children]
        assert found == expected, markdown
        assert all(is_task(b) for b in items if b.meta.get("task")), markdown


def test_inline_tags_are_found_without_the_inline_pass() -> None:
    note = parse(
        "#start here\n\n- [ ] #errand buy stamps\n- `#not-a-tag` in code\n\n## Topic #ml/basics\n\nText #deep\n"
    )
    assert note.tags == ("start", "errand")
    assert [b.tags for b in note.walk() if b.text.startswith("Text")] == [("start", "errand", "ml::basics", "deep")]
