"""Hostile input: a note never reaches outside the vault, never runs code in Anki's web view, and
its text never breaks a card, a template or a cloze."""

from __future__ import annotations

import html
import json
import os
import re
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from cards.cli import main
from cards.export.html import cloze_html, sanitize
from cards.export.package import build_package, write_package
from cards.model import Card, Kind, Source
from cards.pipeline import build

SECRET = b"-----BEGIN OPENSSH PRIVATE KEY----- not for Anki"


def card(kind: Kind, front: str, back: str = "", line: int = 1, path: str = "notes/a.md") -> Card:
    return Card(kind, front, back, (Source(path, line),), deck="ml")


def packaged(apkg: Path) -> dict[str, bytes]:
    """The media a package carries, by the name Anki will give them."""
    with zipfile.ZipFile(apkg) as package:
        names = json.loads(package.read("media"))
        return {name: package.read(number) for number, name in names.items()}


@pytest.fixture
def vault_with_links(tmp_path: Path) -> Path:
    """A vault whose notes try every way out, beside files it must never give away."""
    (tmp_path / "secret.png").write_bytes(SECRET)
    (tmp_path / ".ssh").mkdir()
    (tmp_path / ".ssh" / "id_rsa").write_bytes(SECRET)
    root = tmp_path / "vault"
    (root / "notes").mkdir(parents=True)
    (root / "attachments").mkdir()
    (root / "attachments" / "ok.png").write_bytes(b"\x89PNG fine")
    (root / "attachments" / "innocent.png").symlink_to(tmp_path / "secret.png")
    (root / "notes" / "a.md").write_text("placeholder\n")
    return root


@pytest.mark.parametrize(
    "embed, said",
    [
        ("![[../../secret.png]]", True),
        ("![](../../secret.png)", True),
        ("![]({outside}/secret.png)", True),
        ('<img src="../../secret.png">', True),
        ('<img src="{outside}/secret.png">', True),
        ("![[innocent.png]]", True),  # a link in the vault to a file outside
        ("![](../attachments/innocent.png)", True),
        # Not images to the parser (a note embed; a URL CommonMark refuses): shown as text only.
        ("![[../../.ssh/id_rsa]]", False),
        ("![](file://{outside}/secret.png)", False),
    ],
)
def test_embeds_leaving_the_vault_are_refused_with_a_warning(vault_with_links: Path, embed: str, said: bool) -> None:
    embed = embed.format(outside=vault_with_links.parent.as_posix())
    cards = [card(Kind.DEFINITION, "Leak", f"see {embed} here", line=7), card(Kind.DEFINITION, "Fine", "![[ok.png]]")]
    out = vault_with_links.parent / "out.apkg"
    problems = write_package(cards, "ml", vault_with_links, out)
    media = packaged(out)
    assert SECRET not in media.values()
    assert media == {"ok.png": b"\x89PNG fine"}
    refused = [str(p) for p in problems if "refused" in p.message]
    assert len(refused) == int(said)
    assert all(r.startswith("notes/a.md:7: embedded file refused, it is outside the vault") for r in refused)


def test_the_cli_names_a_refused_embed_and_packages_nothing_from_outside(vault_with_links: Path) -> None:
    (vault_with_links / "notes" / "a.md").write_text(
        "Intro\n\nKey file: the one at ![[../../secret.png]] is private.\n\nDiagram: the picture ![[ok.png]] here.\n"
    )
    out = vault_with_links.parent / "deck.apkg"
    result = CliRunner().invoke(main, ["export", str(vault_with_links), "-o", str(out)])
    assert result.exit_code in (0, 3), result.stderr
    assert "warning: notes/a.md:3: embedded file refused, it is outside the vault: ../../secret.png" in result.stderr
    assert SECRET not in packaged(out).values()


@pytest.mark.parametrize(
    "hostile, forbidden",
    [
        ("<script>alert(1)</script>safe", "<script"),
        ('<img src="x.png" onerror="alert(1)">', "onerror"),
        ('<a href="javascript:alert(1)">x</a>', "javascript:"),
        ('<a href=" JaVaScRiPt:alert(1)">x</a>', "alert"),
        ('<iframe src="https://evil.example/"></iframe>', "<iframe"),
        ('<img src="https://evil.example/track.png">', "evil.example"),
        ('<img src="//evil.example/track.png">', "evil.example"),
        ('<img srcset="https://evil.example/a.png 2x">', "evil.example"),
        ('<div style="background:url(https://evil.example/x)">x</div>', "evil.example"),
        ('<svg onload="alert(1)"><circle/></svg>', "onload"),
        ('<object data="https://evil.example/x.swf"></object>', "evil.example"),
        ('<link rel="stylesheet" href="https://evil.example/x.css">', "evil.example"),
        ('<meta http-equiv="refresh" content="0;url=https://evil.example">', "evil.example"),
        ('<form action="https://evil.example"><input name="q"></form>', "<form"),
        ('<audio src="https://evil.example/a.mp3" autoplay></audio>', "evil.example"),
        ('<img src="data:image/svg+xml;base64,PHN2Zz4=">', "data:"),
        ("<style>body{background:url(https://evil.example)}</style>", "evil.example"),
        ('<a href="https://example.org" onclick="alert(1)">ok</a>', "onclick"),
    ],
)
def test_sanitize_removes_what_could_run_or_load(hostile: str, forbidden: str) -> None:
    clean = sanitize(hostile)
    assert forbidden.lower() not in clean.lower()


def test_sanitize_keeps_harmless_markup_and_web_links() -> None:
    kept = '<b>bold</b> <a href="https://example.org/x">link</a> <img src="diagram.png" alt="d"> <code>a&lt;b</code>'
    assert sanitize(kept) == kept


def test_hostile_html_in_every_field_of_a_package_is_removed() -> None:
    evil = '<script>alert(1)</script><img src="x.png" onerror="alert(2)"><a href="javascript:alert(3)">x</a>'
    hostile = Card(Kind.QUESTION, f"Why {evil}?", f"Because {evil}", (Source("q.md", 1),), extra=evil, deck="ml")
    package, _, _ = build_package([hostile], "ml", Path("."))
    [note] = package.decks[0].notes
    joined = " ".join(note.fields)
    for forbidden in ("<script", "onerror", "javascript:", "alert"):
        assert forbidden not in joined


def visible(fragment: str) -> str:
    """What Anki's web view shows of a field: tags gone, character references decoded."""
    return html.unescape(re.sub(r"<[^>]+>", "", fragment))


@pytest.mark.parametrize(
    "text",
    [
        "a < b && c > d",
        "AT&T; & alone, &b, & amp;",
        "In Jinja, {{ name }} prints a variable and {% if %} branches",
        "Rust paths: std::vec::Vec and a::b",
        "Close }} and open {{ and {{c1::not a cloze}}",
        "{{Front}} {{FrontSide}} {{#Back}}x{{/Back}}",
    ],
)
def test_special_characters_in_card_text_show_as_written(text: str) -> None:
    package, _, _ = build_package([card(Kind.BASIC, f"Q: {text}", f"A: {text}")], "ml", Path("."))
    [note] = package.decks[0].notes
    assert visible(note.fields[0]) == f"Q: {text}"
    assert visible(note.fields[1]) == f"A: {text}"


@pytest.mark.parametrize(
    "front, clozes, shown",
    [
        ("The {{c1::mean}} of x", ["mean"], "The mean of x"),
        ("A {{c1::std::vector}} grows", ["std::vector"], "A std::vector grows"),
        ("Jinja's {{ name }} is {{c1::a variable}}", ["a variable"], "Jinja's {{ name }} is a variable"),
        ("{{c1::x < y & z}} holds }} here", ["x < y & z"], "x < y & z holds }} here"),
        # In math `}}` is spaced out (same TeX): Anki escapes a revealed cloze's TeX once more.
        ("Math {{c1::$x^{a^{2}}$}} then {{c2::b}}", ["\\(x^{a^{2} }\\)", "b"], "Math \\(x^{a^{2} }\\) then b"),
        ("Set {{c1::{a, b}}} of two", ["{a, b}"], "Set {a, b} of two"),
    ],
)
def test_cloze_markers_are_the_only_cloze_syntax_in_the_field(front: str, clozes: list[str], shown: str) -> None:
    field = cloze_html(front)
    # Anki's cloze syntax as Anki reads it from the field's HTML: `{{cN::` ... `}}`, `::` a hint.
    found = re.findall(r"\{\{c\d+::(.*?)\}\}", field)
    assert [visible(f) for f in found] == clozes
    assert "::" not in "".join(found)  # no hint Anki would take from the text
    assert visible(re.sub(r"\{\{c\d+::(.*?)\}\}", r"\1", field)) == shown


def test_clozes_render_in_real_anki(tmp_path: Path) -> None:
    anki_collection = pytest.importorskip("anki.collection")
    import_export = pytest.importorskip("anki.import_export_pb2")
    front = "In Jinja {{ name }} prints; {{c1::std::vector}} and {{c2::$x^{a^{2}}$}} & a < b"
    write_package([card(Kind.CLOZE, front)], "ml", tmp_path, tmp_path / "c.apkg")
    col = anki_collection.Collection(str(tmp_path / "col.anki2"))
    try:
        col.import_anki_package(import_export.ImportAnkiPackageRequest(package_path=str(tmp_path / "c.apkg")))
        shown = {}
        for card_id in col.find_cards(""):
            anki_card = col.get_card(card_id)
            question = anki_card.question().split("</style>")[-1]
            answer = anki_card.answer().split("</style>")[-1]
            shown[anki_card.ord] = (visible(question), visible(answer))
    finally:
        col.close()
    assert sorted(shown) == [0, 1]  # exactly the two clozes, nothing read out of `{{ name }}`
    assert "In Jinja {{ name }} prints; [...] and \\(x^{a^{2} }\\) & a < b" in shown[0][0]
    assert "{{ name }} prints; std::vector and \\(x^{a^{2} }\\)" in shown[0][1]
    assert "std::vector and [...]" in shown[1][0]
    assert "std::vector and \\(x^{a^{2} }\\) & a < b" in shown[1][1]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_a_fifo_named_like_an_image_is_not_packaged(tmp_path: Path) -> None:
    (tmp_path / "media").mkdir()
    os.mkfifo(tmp_path / "media" / "pipe.png")  # reading it would wait forever for a writer
    problems = write_package([card(Kind.DEFINITION, "Pipe", "![[pipe.png]]")], "ml", tmp_path, tmp_path / "o.apkg")
    assert packaged(tmp_path / "o.apkg") == {}
    assert [p.message for p in problems] == ["embedded file cannot be read (not a regular file): pipe.png"]


def test_escaped_tags_in_a_note_stay_text_on_the_card(tmp_path: Path) -> None:
    (tmp_path / "html.md").write_text(
        "Escaping: write &lt;div&gt; or \\<span> as text, a < b, AT&T, &amp;amp; and `&lt;b&gt;` in code.\n"
    )
    result = build(tmp_path)
    [made] = result.cards
    package, _, _ = build_package(result.cards, "ml", tmp_path)
    [note] = package.decks[0].notes
    assert visible(note.fields[1]) == "write <div> or <span> as text, a < b, AT&T, &amp; and &lt;b&gt; in code."
    assert "<div" not in note.fields[1] and "<span" not in note.fields[1]
    assert made.back.startswith("write &lt;div> or &lt;span> as text, a < b, AT&T,")
