"""The review listing: filters, .notecardsignore, open questions apart, and --since a previous export."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from anki_helpers import write_vault
from click.testing import CliRunner, Result

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
            "Kernel",
            "Stride",
            "What does padding preserve?",
            "Why do deeper layers see more of the image?",
            "Embedding",
        ]
    )
    assert fronts(listed(vault, "--tag", "ml/vision", "--kind", "definition")) == ["Kernel", "Stride"]
    assert fronts(listed(vault, "--grep", "VECTOR", "--grep", "tokens")) == ["Embedding", "Tokenizer"]
    assert fronts(listed(vault, "--source", "Inbox/**")) == ["Tokenizer"]
    assert fronts(listed(vault, "--kind", "cloze")) == []
    human = run(str(vault), "--dry-run", "--grep", "kernel")
    assert human.exit_code == 0
    assert "2 of 6 cards match the filters" in human.stdout.replace("\n", " ")


def test_filters_choose_what_is_written(tmp_path: Path) -> None:
    vault = write_vault(tmp_path / "ml", VAULT)
    result = run(str(vault), "-o", str(tmp_path / "vision.apkg"), "--source", "Courses")
    assert result.exit_code == 0, result.output
    assert len(read_package(tmp_path / "vision.apkg")) == 3, "Courses' 4 cards but its open question"


def test_notecardsignore_leaves_cards_out(tmp_path: Path) -> None:
    vault = write_vault(tmp_path / "ml", VAULT)
    ids = {c["front"]: c["id"] for c in listed(vault)["cards"]}
    (vault / ".notecardsignore").write_text(
        f"# too easy\n{ids['Stride'][:8]}\n{ids['Kernel']}  # the full id works too\nInbox/**\ndeadbeef\n",
        encoding="utf-8",
    )
    listing = listed(vault)
    assert fronts(listing) == [
        "What does padding preserve?",
        "Why do deeper layers see more of the image?",
        "Embedding",
    ]
    assert sorted(listing["left_out"]) == sorted([ids["Stride"], ids["Kernel"], ids["Tokenizer"]])
    result = run(str(vault), "--dry-run")
    assert "warning: .notecardsignore:5: matches no card: deadbeef" in result.stderr
    assert "3 left out by .notecardsignore" in result.stdout.replace("\n", " ")
    assert result.exit_code == 0, "a stale ignore line is worth a warning, not a failed run"
    run(str(vault), "-o", str(tmp_path / "ml.apkg"), "--include-open")
    assert set(read_package(tmp_path / "ml.apkg")) == {ids[f] for f in fronts(listing)}


def test_open_questions_are_listed_apart(tmp_path: Path) -> None:
    vault = write_vault(tmp_path / "ml", VAULT)
    out = run(str(vault), "--dry-run").stdout
    header = out.index("Open questions")
    assert out.index("Why do deeper layers") > header
    for answered in ("What does padding preserve?", "Kernel", "Embedding", "Tokenizer"):
        assert out.index(answered) < header
    assert "1 open question left out of the package (--include-open adds them, suspended)" in " ".join(out.split())


def test_since_marks_new_changed_unchanged_and_gone(tmp_path: Path) -> None:
    vault = write_vault(tmp_path / "ml", VAULT)
    assert run(str(vault), "-o", str(tmp_path / "before.apkg"), "--include-open").exit_code == 0
    (vault / "Inbox" / "Scratch.md").unlink()
    note = vault / "Courses" / "Vision" / "Convolutions.md"
    text = note.read_text(encoding="utf-8").replace("how far the kernel moves", "the step of the kernel")
    note.write_text(text.replace("# Convolutions\n", "# Convolutions\n\nFilter: another name for a kernel.\n"))

    listing = listed(vault, "--since", str(tmp_path / "before.apkg"), "--include-open")
    status = {c["front"]: c["status"] for c in listing["cards"]}
    assert status == {
        "Filter": "new",
        "Kernel": "unchanged",  # moved two lines down: not a change
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

    human = run(str(vault), "--dry-run", "--since", str(tmp_path / "before.apkg"), "--include-open").stdout
    assert "1 new, 1 changed, 4 unchanged, 1 gone" in " ".join(human.split())
    assert human.index("Gone since") < human.index("Tokenizer")


def test_since_sets_aside_open_questions_the_package_leaves_out(tmp_path: Path) -> None:
    vault = write_vault(tmp_path / "ml", VAULT)
    assert run(str(vault), "-o", str(tmp_path / "before.apkg")).exit_code == 0
    listing = listed(vault, "--since", str(tmp_path / "before.apkg"))
    status = {c["front"]: c["status"] for c in listing["cards"]}
    assert status["Why do deeper layers see more of the image?"] is None, "in no package: neither new nor unchanged"
    assert set(status.values()) == {"unchanged", None}
    assert listing["since"]["new"] == 0 and listing["since"]["unchanged"] == 5
    human = run(str(vault), "--dry-run", "--since", str(tmp_path / "before.apkg")).stdout
    assert "0 new, 0 changed, 5 unchanged, 0 gone" in " ".join(human.split())
    included = listed(vault, "--since", str(tmp_path / "before.apkg"), "--include-open")
    assert {c["front"]: c["status"] for c in included["cards"]}["Why do deeper layers see more of the image?"] == "new"


def test_since_a_file_that_is_no_package_is_a_usage_error(tmp_path: Path) -> None:
    vault = write_vault(tmp_path / "ml", VAULT)
    (tmp_path / "notes.apkg").write_text("not a zip")
    result = run(str(vault), "--dry-run", "--since", str(tmp_path / "notes.apkg"))
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: ") and "notes.apkg" in result.stderr


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
    result = run(str(vault), "-o", str(tmp_path / "ml.apkg"), "--force")  # needed for a file that is no package
    assert result.exit_code == 0, result.output
    assert len(read_package(tmp_path / "ml.apkg")) == 5, "6 cards, one an open question"
