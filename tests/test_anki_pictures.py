"""Pictures go with the card they illustrate, and travel in the package the way Obsidian finds them."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from anki_helpers import png, write_vault

from cards.model import Card, Kind, NoteFile, Source
from cards.parse import parse_note
from cards.pictures import own_line_pictures, with_pictures
from cards.pipeline import build

NOTE = """# Convolutions

Kernel: a small matrix slid over the image to compute features.
![[kernel.png|300]]

## Pooling

![[before.png]]

Pooling: shrinks the feature map by summarising each window.

![pooling window](assets/pool.png)

```
![[in-code.png]]
```

## Padding

Zero ==padding== keeps the output the same size as the input.

![remote](https://example.org/x.png)
- ![[listed.png]] ![[also.png]]

## Nothing to learn here

![[lonely.png]]
"""


def note(text: str = NOTE):
    return parse_note(NoteFile("Vision/Convolutions.md", text))


def test_pictures_on_lines_of_their_own_are_found_outside_code_and_the_web() -> None:
    found = [(line, markdown) for line, markdown, _ in own_line_pictures(note())]
    assert found == [
        (4, "![|300](kernel.png)"),
        (8, "![](before.png)"),
        (12, "![pooling window](assets/pool.png)"),
        (23, "![](listed.png) ![](also.png)"),
        (27, "![](lonely.png)"),
    ]


def test_each_picture_goes_to_the_nearest_card_above_it_in_its_section_or_else_the_first_below() -> None:
    parsed = note()
    cards = [
        Card(Kind.DEFINITION, "Kernel", "a small matrix.", (Source(parsed.path, 3),)),
        Card(Kind.DEFINITION, "Pooling", "shrinks the feature map.", (Source(parsed.path, 10),)),
        Card(Kind.CLOZE, "Zero {{c1::padding}} keeps the size.", "", (Source(parsed.path, 20),)),
    ]
    kernel, pooling, padding = with_pictures(parsed, cards)
    assert [kernel.back, kernel.extra] == ["a small matrix.", "![|300](kernel.png)"]
    assert pooling.extra == "![](before.png)\n\n![pooling window](assets/pool.png)"
    assert [padding.back, padding.extra] == ["", "![](listed.png) ![](also.png)"]


def test_a_picture_already_in_the_card_is_not_added_again_and_a_picture_answers_a_question() -> None:
    text = "# Nets\n\n## What does a feature map look like?\n\n![[fmap.png]]\n"
    parsed = note(text)
    shown = Card(Kind.DEFINITION, "Map", "see ![](fmap.png)", (Source(parsed.path, 3),))
    asked = Card(Kind.QUESTION, "What does a feature map look like?", "", (Source(parsed.path, 3),), open=True)
    assert with_pictures(parsed, [shown]) == [shown]
    (answered,) = with_pictures(parsed, [asked])
    assert answered.back == "![](fmap.png)" and not answered.open


VAULT: dict[str, str | bytes] = {
    ".obsidian/app.json": json.dumps({"attachmentFolderPath": "./assets"}),
    "Vision/Convolutions.md": NOTE,
    "Vision/assets/kernel.png": png(1),
    "Text/assets/kernel.png": png(2),  # same name elsewhere: the configured folder beside the note wins
    "Vision/assets/pool.png": png(3),
    "Vision/assets/before.png": png(4),
    "attachments/listed.png": png(5),  # found by its name, anywhere in the vault
    ".trash/also.png": png(6),  # a dot-folder is never packed
}


def test_every_picture_next_to_a_card_is_in_the_package_and_shown_on_that_card(tmp_path: Path) -> None:
    pytest.importorskip("anki")
    from anki_helpers import fresh_collection, import_package, notes_by_guid

    from cards.export.package import write_package

    vault = write_vault(tmp_path / "ml", VAULT)
    result = build(vault)
    problems = write_package(result.cards, result.deck, vault, tmp_path / "ml.apkg")
    assert [str(p) for p in problems] == ["Vision/Convolutions.md:20: embedded file not found in the vault: also.png"]
    with fresh_collection(tmp_path / "anki") as col:
        import_package(col, tmp_path / "ml.apkg")
        media = Path(col.media.dir())
        shown: dict[str, list[bytes | None]] = {}
        for anki_note in notes_by_guid(col).values():
            answer = anki_note.cards()[0].answer()
            sources = re.findall(r'<img src="([^"]+)"', answer)
            shown[anki_note["Front"].split(": ")[-1][:7]] = [  # "Convolutions: Kernel" is the kernel's
                (media / s).read_bytes() if (media / s).is_file() else None for s in sources
            ]
    assert shown == {
        "Kernel": [png(1)],
        "Pooling": [png(4), png(3)],
        "Zero {{": [png(5), None],
    }
    assert sorted(p.name for p in media.iterdir() if p.suffix == ".png") == [
        "before.png",
        "kernel.png",
        "listed.png",
        "pool.png",
    ]


def test_without_the_setting_a_name_is_found_anywhere_in_the_vault(tmp_path: Path) -> None:
    from cards.export.media import MediaIndex

    files = {k: v for k, v in VAULT.items() if not k.startswith(".obsidian")}
    vault = write_vault(tmp_path / "ml", files)
    assert (
        MediaIndex(vault).find("Vision/Convolutions.md", "kernel.png") == (vault / "Text/assets/kernel.png").resolve()
    )
    write_vault(vault, {".obsidian/app.json": json.dumps({"attachmentFolderPath": "Vision/assets"})})
    index = MediaIndex(vault)
    assert index.find("Vision/Convolutions.md", "kernel.png") == (vault / "Vision/assets/kernel.png").resolve()
    assert index.find("Vision/Convolutions.md", ".trash/also.png") is None
    assert index.find("Vision/Convolutions.md", "also.png") is None


@pytest.mark.parametrize(
    ("config", "folder"),
    [
        ('{"attachmentFolderPath": "/"}', ""),
        ('{"attachmentFolderPath": "./"}', "./"),
        ('{"attachmentFolderPath": "./assets"}', "./assets"),
        ('{"attachmentFolderPath": "Files/Images/"}', "Files/Images"),
        ('{"attachmentFolderPath": 7}', ""),
        ("not json", ""),
        ("[]", ""),
    ],
)
def test_the_attachments_folder_is_read_from_obsidians_settings(tmp_path: Path, config: str, folder: str) -> None:
    from cards.export.media import attachment_folder

    write_vault(tmp_path, {".obsidian/app.json": config})
    assert attachment_folder(tmp_path) == folder
