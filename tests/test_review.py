"""The review listing: filters, .notecardsignore, open questions apart, and --since a previous export."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from anki_helpers import write_vault
from click.testing import CliRunner, Result
from listing_shown import box, invoke, shown

from cards.cli import main
from cards.select import source_matches
from cards.since import read_package

VAULT = {
    "Courses/Vision/Convolutions.md": """---
tags: [ml/vision]
---
# Convolutions

Kernel: a small matrix slid over the image to compute features.
Stride: how far the kernel moves between two positions.

## Questions
- What does padding preserve?
  - the spatial size of the input
- Why do deeper layers see more of the image?
""",
    "Glossary.md": "# Glossary #ml\n\nEmbedding: a dense vector standing for a discrete item.\n",
    "Inbox/Scratch.md": "# Scratch\n\nTokenizer: splits raw text into tokens for a model.\n",
}


def run(*args: str) -> Result:
    return CliRunner().invoke(main, ["export", *args])


def listed(vault: Path, *options: str) -> dict[str, Any]:
    result = run(str(vault), "--dry-run", "--json", *options)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def fronts(listing: dict[str, Any]) -> list[str]:
    return [c["front"] for c in listing["cards"]]


def whole(*args: str) -> tuple[int, str, str]:
    """The exit code, the listing as read (see listing_shown) and stderr of `notecards export`."""
    result = invoke("export", *args)
    return result.exit_code, shown(result.stdout), result.stderr


# The cards of VAULT as the listing shows them; `status` is the --since mark before the front.
CONVOLUTIONS = "Courses/Vision/Convolutions.md"
VISION = "ml::vision Courses::Vision"


def marked(status: str, front: str) -> str:
    return f"{status}  {front}" if status else front


def kernel(status: str = "", line: int = 6) -> tuple[str, ...]:
    front = marked(status, "Convolutions: Kernel")  # an everyday word atop the note: asked with its title
    about = "a small matrix slid over the image to compute features."
    return ("definition", "Convolutions", front, about, f"37a0b9e0  {CONVOLUTIONS}:{line}  {VISION}")


def stride(
    status: str = "", line: int = 7, about: str = "how far the kernel moves between two positions."
) -> tuple[str, ...]:
    front = marked(status, "Stride")  # a word of art ("stride"), not an everyday one: asked alone
    return ("definition", "Convolutions", front, about, f"04613f7f  {CONVOLUTIONS}:{line}  {VISION}")


def padding(status: str = "", line: int = 10) -> tuple[str, ...]:
    front = marked(status, "What does padding preserve?")
    answer = "- the spatial size of the input"
    return ("question", "Convolutions › Questions", front, answer, f"930ba54d  {CONVOLUTIONS}:{line}  {VISION}")


def deeper(status: str = "", line: int = 12) -> tuple[str, ...]:
    front = marked(status, "Why do deeper layers see more of the image?")
    answer = "(no answer in the notes)"
    return ("question", "Convolutions › Questions", front, answer, f"a69d726a  {CONVOLUTIONS}:{line}  {VISION}")


def embedding(status: str = "") -> tuple[str, ...]:
    front = marked(status, "Embedding")
    return (
        "definition",
        "Glossary",
        front,
        "a dense vector standing for a discrete item.",
        "cb7c67ad  Glossary.md:3  ml",
    )


def tokenizer(status: str = "") -> tuple[str, ...]:
    front = marked(status, "Tokenizer")
    return (
        "definition",
        "Scratch",
        front,
        "splits raw text into tokens for a model.",
        "3d1fa9f1  Inbox/Scratch.md:3  Inbox",
    )


LEFT_OUT = (
    "not exported; --include-open adds them",
    "1 open question left",
    "out of the package (--include-open adds them, suspended)",
)


def lines(*parts: str | list[str]) -> str:
    return "".join(f"{line}\n" for part in parts for line in ([part] if isinstance(part, str) else part))


@pytest.mark.parametrize(
    ("path", "pattern", "expected"),
    [
        ("Courses/Vision/Convolutions.md", "Courses/**", True),
        ("Courses/Vision/Convolutions.md", "Courses/*", True),  # a folder matches what is under it
        ("Courses/Vision/Convolutions.md", "courses", True),
        ("Courses/Vision/Convolutions.md", "Vision/*.md", False),  # a pattern with / starts at the root
        ("Courses/Vision/Convolutions.md", "**/Vision/*.md", True),
        ("Courses/Vision/Convolutions.md", "Conv*.md", True),
        ("Notes/inbox.md", "Inbox", False),
        ("Inbox/Scratch.md", "Inbox/", True),
        ("Daily/2025-01-03.md", "Daily/2025-0[1-3]-*.md", True),
        ("Daily/2025-04-03.md", "Daily/2025-0[1-3]-*.md", False),
    ],
)
def test_source_globs_match_like_gitignore(path: str, pattern: str, expected: bool) -> None:
    assert source_matches(path, pattern) is expected


def test_filters_narrow_the_listing(tmp_path: Path) -> None:
    vault = write_vault(tmp_path / "ml", VAULT)
    assert fronts(listed(vault, "--kind", "question")) == [
        "What does padding preserve?",
        "Why do deeper layers see more of the image?",
    ]
    assert (
        fronts(listed(vault, "--tag", "ml"))
        == fronts(listed(vault, "--tag", "#ml"))
        == [
            "Convolutions: Kernel",
            "Stride",
            "What does padding preserve?",
            "Why do deeper layers see more of the image?",
            "Embedding",
        ]
    )
    assert fronts(listed(vault, "--tag", "ml/vision", "--kind", "definition")) == [
        "Convolutions: Kernel",
        "Stride",
    ]
    assert fronts(listed(vault, "--grep", "VECTOR", "--grep", "tokens")) == ["Embedding", "Tokenizer"]
    assert fronts(listed(vault, "--source", "Inbox/**")) == ["Tokenizer"]
    assert fronts(listed(vault, "--kind", "cloze")) == []
    assert whole(str(vault), "--dry-run", "--grep", "kernel") == (
        0,
        lines(
            CONVOLUTIONS,
            box(kernel(), stride()),
            "2 cards (2 definition); 3 notes read; 0 skipped; nothing merged",
            "topics: Courses::Vision 2, ml::vision 2",
            "2 of 6 cards match the filters",
        ),
        "",
    )


def test_filters_choose_what_is_written(tmp_path: Path) -> None:
    vault = write_vault(tmp_path / "ml", VAULT)
    out = tmp_path / "vision.apkg"
    assert whole(str(vault), "-o", str(out), "--source", "Courses") == (
        0,
        "",
        f"{out}: 3 cards from 3 notes; 1 open question left out of the package (--include-open adds them, suspended)\n"
        "4 of 6 cards match the filters\n",
    )
    assert len(read_package(out)) == 3, "Courses' 4 cards but its open question"


def test_notecardsignore_leaves_cards_out(tmp_path: Path) -> None:
    vault = write_vault(tmp_path / "ml", VAULT)
    ids = {c["front"]: c["id"] for c in listed(vault)["cards"]}
    (vault / ".notecardsignore").write_text(
        f"# too easy\n{ids['Stride'][:8]}\n{ids['Convolutions: Kernel']}  # the full id works too\n"
        "Inbox/**\ndeadbeef\n",
        encoding="utf-8",
    )
    listing = listed(vault)
    assert fronts(listing) == [
        "What does padding preserve?",
        "Why do deeper layers see more of the image?",
        "Embedding",
    ]
    assert sorted(listing["left_out"]) == sorted([ids["Stride"], ids["Convolutions: Kernel"], ids["Tokenizer"]])
    assert whole(str(vault), "--dry-run") == (
        0,  # a stale ignore line is worth a warning, not a failed run
        lines(
            CONVOLUTIONS,
            box(padding()),
            "Glossary.md",
            box(embedding()),
            f"Open questions: no answer in the notes yet ({LEFT_OUT[0]})",
            box(deeper()),
            f"3 cards (1 definition, 2 question); 3 notes read; 0 skipped; nothing merged; {LEFT_OUT[1]}",
            LEFT_OUT[2],
            "topics: Courses::Vision 2, ml::vision 2, ml 1",
            "3 left out by .notecardsignore",
        ),
        "warning: .notecardsignore:5: matches no card: deadbeef\n",
    )
    run(str(vault), "-o", str(tmp_path / "ml.apkg"), "--include-open")
    assert set(read_package(tmp_path / "ml.apkg")) == {ids[f] for f in fronts(listing)}


def test_open_questions_are_listed_apart(tmp_path: Path) -> None:
    vault = write_vault(tmp_path / "ml", VAULT)
    assert whole(str(vault), "--dry-run") == (
        0,
        lines(
            CONVOLUTIONS,
            box(kernel(), stride(), padding()),
            "Glossary.md",
            box(embedding()),
            "Inbox/Scratch.md",
            box(tokenizer()),
            f"Open questions: no answer in the notes yet ({LEFT_OUT[0]})",
            box(deeper()),
            f"6 cards (4 definition, 2 question); 3 notes read; 0 skipped; nothing merged; {LEFT_OUT[1]}",
            LEFT_OUT[2],
            "topics: Courses::Vision 4, ml::vision 4, Inbox 1, ml 1",
        ),
        "",
    )


def test_since_marks_new_changed_unchanged_and_gone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # the package is named as given: a short name keeps the lines unwrapped
    vault = write_vault(tmp_path / "ml", VAULT)
    assert run(str(vault), "-o", str(tmp_path / "before.apkg"), "--include-open").exit_code == 0
    (vault / "Inbox" / "Scratch.md").unlink()
    note = vault / "Courses" / "Vision" / "Convolutions.md"
    text = note.read_text(encoding="utf-8").replace("how far the kernel moves", "the step of the kernel")
    note.write_text(text.replace("# Convolutions\n", "# Convolutions\n\nFilter: another name for a kernel.\n"))

    listing = listed(vault, "--since", str(tmp_path / "before.apkg"), "--include-open")
    status = {c["front"]: c["status"] for c in listing["cards"]}
    assert status == {
        "Convolutions: Filter": "new",
        "Convolutions: Kernel": "unchanged",  # moved two lines down: not a change
        "Stride": "changed",
        "What does padding preserve?": "unchanged",
        "Why do deeper layers see more of the image?": "unchanged",
        "Embedding": "unchanged",
    }
    assert [g["front"] for g in listing["gone"]] == ["Tokenizer"]
    assert listing["since"] == {
        "package": str(tmp_path / "before.apkg"),
        "new": 1,
        "changed": 1,
        "unchanged": 4,
        "gone": 1,
    }

    filtered = listed(vault, "--since", str(tmp_path / "before.apkg"), "--kind", "question")
    assert filtered["gone"] == [{"id": listing["gone"][0]["id"], "front": "Tokenizer"}], (
        "filtered-out cards are not gone"
    )

    filter_ = ("definition", "Convolutions", "new  Convolutions: Filter", "another name for a kernel.")
    assert whole("ml", "--dry-run", "--since", "before.apkg", "--include-open") == (
        0,
        lines(
            CONVOLUTIONS,
            box(
                (*filter_, f"dc00983f  {CONVOLUTIONS}:6  {VISION}"),
                kernel("unchanged", line=8),  # moved two lines down: not a change
                stride("changed", line=9, about="the step of the kernel between two positions."),
                padding("unchanged", line=12),
            ),
            "Glossary.md",
            box(embedding("unchanged")),
            "Open questions: no answer in the notes yet (exported suspended, tagged notecards::open)",
            box(deeper("unchanged", line=14)),
            "Gone since before.apkg: no longer in the vault or left out (Anki keeps them)",
            box(("gone", "Tokenizer", "3d1fa9f1")),
            "6 cards (4 definition, 2 question); 2 notes read; 0 skipped; nothing merged; 1 open question",
            "exported suspended, tagged notecards::open",
            "topics: Courses::Vision 5, ml::vision 5, ml 1",
            "since before.apkg: 1 new, 1 changed, 4 unchanged, 1 gone",
        ),
        "",
    )


def test_since_sets_aside_open_questions_the_package_leaves_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    vault = write_vault(tmp_path / "ml", VAULT)
    assert run(str(vault), "-o", str(tmp_path / "before.apkg")).exit_code == 0
    listing = listed(vault, "--since", str(tmp_path / "before.apkg"))
    status = {c["front"]: c["status"] for c in listing["cards"]}
    assert status["Why do deeper layers see more of the image?"] is None, "in no package: neither new nor unchanged"
    assert set(status.values()) == {"unchanged", None}
    assert listing["since"]["new"] == 0 and listing["since"]["unchanged"] == 5
    assert whole("ml", "--dry-run", "--since", "before.apkg") == (
        0,
        lines(
            CONVOLUTIONS,
            box(kernel("unchanged"), stride("unchanged"), padding("unchanged")),
            "Glossary.md",
            box(embedding("unchanged")),
            "Inbox/Scratch.md",
            box(tokenizer("unchanged")),
            f"Open questions: no answer in the notes yet ({LEFT_OUT[0]})",
            box(deeper()),  # in no package: no mark
            f"6 cards (4 definition, 2 question); 3 notes read; 0 skipped; nothing merged; {LEFT_OUT[1]}",
            LEFT_OUT[2],
            "topics: Courses::Vision 4, ml::vision 4, Inbox 1, ml 1",
            "since before.apkg: 0 new, 0 changed, 5 unchanged, 0 gone",
        ),
        "",
    )
    included = listed(vault, "--since", str(tmp_path / "before.apkg"), "--include-open")
    assert {c["front"]: c["status"] for c in included["cards"]}["Why do deeper layers see more of the image?"] == "new"


def test_since_a_file_that_is_no_package_is_a_usage_error(tmp_path: Path) -> None:
    vault = write_vault(tmp_path / "ml", VAULT)
    (tmp_path / "notes.apkg").write_text("not a zip")
    notes = tmp_path / "notes.apkg"
    assert whole(str(vault), "--dry-run", "--since", str(notes)) == (
        2,
        "",
        f"Error: {notes}: cannot read the package: File is not a zip file\n",
    )


def test_notes_can_opt_out(tmp_path: Path) -> None:
    vault = write_vault(
        tmp_path / "ml",
        {
            "Private.md": "---\nnotecards: false\n---\n# Private\n\nSecret: a term I do not want to study.\n",
            "Draft.md": "# Draft #nocards\n\nHalf idea: something not ready for cards.\n",
            "Kept.md": "# Kept\n\nDropout: zeroing random activations while training.\n\n"
            "## Unsure #nocards\n\nBatch norm: something about statistics, to check.\n",
        },
    )
    assert fronts(listed(vault)) == ["Dropout"]


def test_writing_over_a_file_that_is_no_package_replaces_it(tmp_path: Path) -> None:
    vault = write_vault(tmp_path / "ml", VAULT)
    (tmp_path / "ml.apkg").write_text("an old text file with the same name")
    out = tmp_path / "ml.apkg"
    assert whole(str(vault), "-o", str(out), "--force") == (  # --force: needed for a file that is no package
        0,
        "",
        f"{out}: 5 cards from 3 notes; 1 open question left out of the package (--include-open adds them, suspended)\n",
    )
    assert len(read_package(tmp_path / "ml.apkg")) == 5, "6 cards, one an open question"
