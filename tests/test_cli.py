"""The `notecards` command as a user runs it: output, files written and exit codes.

Each test checks the whole of what the user sees: stdout, stderr and the exit code."""

from __future__ import annotations

import json
import re
import sqlite3
import zipfile
from pathlib import Path

import pytest
from anki_helpers import write_vault
from listing_shown import box, invoke, shown

from cards.cli import main
from cards.export.package import MODELS

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "decks" / "ml"


def write(root: Path, rel: str, text: str | bytes) -> Path:
    return write_vault(root, {rel: text}) / rel


@pytest.fixture
def vault(tmp_path: Path) -> Path:
    root = tmp_path / "biology"
    write(root, "Cells.md", "# Cells\n\nMitochondrion: the organelle that makes most of a cell's ATP.\n")
    genetics = "Allele: one of the variant forms of a gene.\n\n## Questions\n- What is a locus?\n"
    write(root, "Genetics/Basics.md", genetics)
    write(root, ".obsidian/notes.md", "Hidden: a note in a dot-folder that must be skipped.\n")
    return root


def run(*args: str) -> tuple[int, str, str]:
    """The exit code, stdout and stderr, on a console 100 columns wide whatever the terminal."""
    result = invoke(*args)
    return result.exit_code, result.stdout, result.stderr


def listing(open_fate: str, summary: tuple[str, str]) -> str:
    """The listing of the `vault` fixture."""
    return "\n".join(
        [
            "Cells.md",
            *box(
                (
                    "definition",
                    "Cells",
                    "Mitochondrion",
                    "the organelle that makes most of a cell's ATP.",
                    "cb590254  Cells.md:3",
                )
            ),
            "Genetics/Basics.md",
            *box(
                (
                    "definition",
                    "Basics",
                    "Allele",
                    "one of the variant forms of a gene.",
                    "b1e7c492  Genetics/Basics.md:1  Genetics",
                )
            ),
            f"Open questions: no answer in the notes yet ({open_fate})",
            *box(
                (
                    "question",
                    "Basics › Questions",
                    "What is a locus?",
                    "(no answer in the notes)",
                    "50478772  Genetics/Basics.md:4  Genetics",
                )
            ),
            *summary,
            "topics: Genetics 2",
            "",
        ]
    )


LISTING = listing(
    "not exported; --include-open adds them",
    (
        "3 cards (2 definition, 1 question); 2 notes read; 0 skipped; nothing merged; 1 open question left",
        "out of the package (--include-open adds them, suspended)",
    ),
)
OPEN_LEFT_OUT = "1 open question left out of the package (--include-open adds them, suspended)"


def test_export_writes_an_anki_package(vault: Path, tmp_path: Path) -> None:
    out = tmp_path / "out" / "bio.apkg"
    assert run("export", str(vault), "-o", str(out)) == (0, "", f"{out}: 2 cards from 2 notes; {OPEN_LEFT_OUT}\n")
    with zipfile.ZipFile(out) as package:
        names = package.namelist()
        assert "collection.anki2" in names
        db = tmp_path / "collection.anki2"
        db.write_bytes(package.read("collection.anki2"))
    with sqlite3.connect(db) as con:
        fronts = sorted(row[0].split("\x1f")[0] for row in con.execute("select flds from notes"))
    assert fronts == ["Allele", "Mitochondrion"], "the open question 'What is a locus?' is not packaged"


def test_include_open_exports_open_questions_suspended_and_tagged(vault: Path, tmp_path: Path) -> None:
    out = tmp_path / "bio.apkg"
    assert run("export", str(vault), "-o", str(out), "--include-open") == (0, "", f"{out}: 3 cards from 2 notes\n")
    with zipfile.ZipFile(out) as package:
        (tmp_path / "collection.anki2").write_bytes(package.read("collection.anki2"))
    with sqlite3.connect(tmp_path / "collection.anki2") as con:
        rows = con.execute("select n.flds, n.tags, c.queue from notes n join cards c on c.nid = n.id").fetchall()
    open_rows = [(tags.split(), queue) for flds, tags, queue in rows if flds.startswith("What is a locus?")]
    assert open_rows == [(["Genetics", "notecards::open"], -1)], "suspended (queue -1) and tagged"
    assert len(rows) == 3


def test_dry_run_summary_says_open_questions_are_left_out_and_how_to_add_them(vault: Path) -> None:
    code, out, err = run("export", str(vault), "--dry-run")
    assert (code, shown(out), err) == (0, LISTING, "")
    code, out, err = run("export", str(vault), "--dry-run", "--include-open")
    included = listing(
        "exported suspended, tagged notecards::open",
        (
            "3 cards (2 definition, 1 question); 2 notes read; 0 skipped; nothing merged; 1 open question",
            "exported suspended, tagged notecards::open",
        ),
    )
    assert (code, shown(out), err) == (0, included, "")


def test_export_defaults_to_deck_name_in_current_folder(vault: Path, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert run("export", str(vault), "--deck", "Bio 101") == (
        0,
        "",
        f"Bio 101.apkg: 2 cards from 2 notes; {OPEN_LEFT_OUT}\n",
    )
    assert (tmp_path / "Bio 101.apkg").is_file()


def test_dry_run_lists_cards_by_note_and_writes_nothing(vault: Path, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, err = run("export", str(vault), "--dry-run")
    assert (code, shown(out), err) == (0, LISTING, ""), "the note in .obsidian/ gives no card"
    assert list(tmp_path.iterdir()) == [vault]
    assert sorted(p.name for p in vault.rglob("*")) == [".obsidian", "Basics.md", "Cells.md", "Genetics", "notes.md"]


def test_dry_run_json_follows_the_contract(vault: Path) -> None:
    code, out, err = run("export", str(vault), "--dry-run", "--json")
    assert (code, err) == (0, "")
    assert out == "\n".join(
        [
            "{",
            f' "vault": {json.dumps(str(vault))},',
            ' "deck": "biology",',
            ' "cards": [',
            '  {"id": "cb590254f6ecbcb8", "kind": "definition", "front": "Mitochondrion", '
            '"back": "the organelle that makes most of a cell\'s ATP.", "context": ["Cells"], "tags": [], '
            '"deck": "biology", "sources": [{"path": "Cells.md", "line": 3}], "open": false, '
            '"rule": "colon-definition", "found": null},',
            '  {"id": "b1e7c49231fb62d1", "kind": "definition", "front": "Allele", '
            '"back": "one of the variant forms of a gene.", "context": ["Basics"], "tags": ["Genetics"], '
            '"deck": "biology", "sources": [{"path": "Genetics/Basics.md", "line": 1}], "open": false, '
            '"rule": "colon-definition", "found": null},',
            '  {"id": "50478772ab19ae32", "kind": "question", "front": "What is a locus?", "back": "", '
            '"context": ["Basics", "Questions"], "tags": ["Genetics"], "deck": "biology", '
            '"sources": [{"path": "Genetics/Basics.md", "line": 4}], "open": true, '
            '"rule": "questions-section", "found": null}',
            " ],",
            ' "warnings": [],',
            ' "left_out": [],',
            ' "topics": {"Genetics": 2}',
            "}",
            "",
        ]
    )
    data = json.loads(out)
    assert data["deck"] == "biology"
    assert data["warnings"] == []
    keys = {"id", "kind", "front", "back", "tags", "deck", "sources"}
    assert all(keys <= card.keys() for card in data["cards"])
    cited = [(c["sources"][0]["path"], c["sources"][0]["line"]) for c in data["cards"]]
    assert cited == sorted(cited) == [("Cells.md", 3), ("Genetics/Basics.md", 1), ("Genetics/Basics.md", 4)]
    locus = next(c for c in data["cards"] if c["kind"] == "question")
    assert locus["front"] == "What is a locus?" and locus["back"] == ""


def test_json_needs_dry_run(vault: Path) -> None:
    usage = "Usage: main export [OPTIONS] VAULT\nTry 'main export --help' for help.\n\n"
    assert run("export", str(vault), "--json") == (2, "", f"{usage}Error: --json goes with --dry-run\n")
    assert run("export", str(vault), "--show-merges") == (2, "", f"{usage}Error: --show-merges goes with --dry-run\n")


@pytest.mark.parametrize("make", ["missing", "file"])
def test_a_vault_that_is_not_a_folder_is_bad_usage(tmp_path: Path, make: str) -> None:
    target = tmp_path / "notes"
    if make == "file":
        target.write_text("not a folder")
    why = "vault not found" if make == "missing" else "vault is not a folder"
    assert run("export", str(target), "--dry-run") == (2, "", f"Error: {why}: {target}\n")


def test_a_note_that_cannot_be_read_is_named_and_the_rest_still_export(vault: Path, tmp_path: Path) -> None:
    write(vault, "Scan.md", b"\x89PNG\r\n\x1a\n\x00\x00\x00binary")
    out = tmp_path / "bio.apkg"
    assert run("export", str(vault), "-o", str(out)) == (
        3,
        "",
        f"warning: Scan.md:1: binary file, not a text note\n{out}: 2 cards from 2 notes; {OPEN_LEFT_OUT}\n",
    )
    assert out.is_file()


def test_a_run_that_cannot_write_fails_with_exit_1(vault: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "blocker"
    blocker.write_text("a file where a folder should be")
    write(vault, "Scan.md", b"\x89PNG\r\n\x1a\n\x00\x00\x00binary")
    out = blocker / "deck.apkg"
    assert run("export", str(vault), "-o", str(out)) == (
        1,
        "",
        f"warning: Scan.md:1: binary file, not a text note\nError: cannot write {out}: File exists\n",
    ), "what was found wrong with the notes is said before the error"


def test_ids_are_stable_across_runs_and_answer_edits(vault: Path) -> None:
    def ids() -> dict[str, str]:
        data = json.loads(run("export", str(vault), "--dry-run", "--json")[1])
        return {c["front"]: c["id"] for c in data["cards"]}

    first = ids()
    assert ids() == first
    write(vault, "Cells.md", "# Cells\n\nMitochondrion: the powerhouse of the cell, where respiration happens.\n")
    assert ids()["Mitochondrion"] == first["Mitochondrion"]


def test_the_sample_vault_exports(tmp_path: Path) -> None:
    code, out, err = run("export", str(SAMPLE), "--dry-run", "--json")
    assert (code, err) == (0, "")
    cards = json.loads(out)["cards"]
    assert {"definition", "question"} <= {c["kind"] for c in cards}
    assert not any(c["sources"][0]["path"].startswith("Templates/") for c in cards), "opted-out note gave cards"


def test_every_export_option_is_documented_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    export = main.commands["export"]
    for param in export.params:
        for opt in getattr(param, "opts", []):
            if opt.startswith("--"):
                assert opt in readme, f"{opt} is not in README.md"


def test_the_listing_shows_a_cloze_whole_and_does_not_call_it_unanswered(tmp_path: Path) -> None:
    sentence = "After a long afternoon of reading the methods chapter, the operation is called ==transposition==."
    write(tmp_path / "music", "Music.md", sentence + "\n")
    code, out, err = run("export", str(tmp_path / "music"), "--dry-run")
    cloze = box(
        (
            "cloze",
            "Music",
            "After a long afternoon of reading the methods chapter, the operation is called",
            "{{c1::transposition}}.",
            "71e0fd57  Music.md:1",
        )
    )
    assert (code, shown(out), err) == (
        0,
        "\n".join(["Music.md", *cloze, "1 cards (1 cloze); 1 notes read; 0 skipped; nothing merged", ""]),
        "",
    )


def test_the_listing_shows_no_heading_that_gives_a_gap_away(tmp_path: Path) -> None:
    """The breadcrumb above a cloze is the one Anki shows: `Pitch › Transposition` over a gap on
    "transposition" shows `Pitch` (the JSON listing keeps the whole place)."""
    note = "# Pitch\n\n## Transposition\n\nMoving every note of a piece by one interval is ==transposition==.\n"
    write(tmp_path / "music", "Music.md", note)
    code, out, err = run("export", str(tmp_path / "music"), "--dry-run")
    cloze = box(
        (
            "cloze",
            "Pitch",
            "Moving every note of a piece by one interval is {{c1::transposition}}.",
            "c27117c1  Music.md:5",
        )
    )
    assert (code, shown(out), err) == (
        0,
        "\n".join(["Music.md", *cloze, "1 cards (1 cloze); 1 notes read; 0 skipped; nothing merged", ""]),
        "",
    )
    code, out, _ = run("export", str(tmp_path / "music"), "--dry-run", "--json")
    assert json.loads(out)["cards"][0]["context"] == ["Pitch", "Transposition"]


def test_json_listing_is_one_card_per_line_and_reads_back_whole() -> None:
    from cards.listing import json_text

    listing = {
        "vault": "v",
        "deck": "ml",
        "cards": [{"front": "Gradient", "back": "slope\nof the loss", "tags": ["ml::opt"], "found": None}] * 3,
        "warnings": [],
        "since": {"package": "ml.apkg", "new": 2},
    }
    text = json_text(listing)
    assert json.loads(text) == listing
    lines = text.splitlines()
    assert sum(1 for line in lines if '"front": "Gradient"' in line) == 3  # a card per line: greppable


@pytest.mark.parametrize("per", [1, 2, 3, 1024])
def test_json_listing_written_in_pieces_is_the_same_text(per: int) -> None:
    """The CLI writes a big listing a piece at a time (json_chunks): the text is the same whatever
    the size of the pieces, and reads back whole."""
    from cards.listing import json_chunks

    cards = [{"front": f"Term {i}", "back": 'é\n"quoted"', "found": None} for i in range(5)]
    for listing in ({"vault": "v", "cards": cards, "warnings": [], "left_out": ["a"]}, {"cards": []}, {}):
        pieces = list(json_chunks(listing, per))
        assert json.loads("".join(pieces)) == listing
        if listing.get("cards"):
            assert len(pieces) >= len(cards) // per
            assert "".join(pieces) == "".join(json_chunks(listing, 1024))


SEED = ROOT.parent / "shared" / "seed-vault"


@pytest.mark.parametrize("sample", [SAMPLE, SEED], ids=["decks-ml", "seed-vault"])
def test_a_default_export_has_no_card_with_a_blank_answer(sample: Path, tmp_path: Path) -> None:
    if not sample.is_dir():
        pytest.skip(f"{sample.name} is not beside this checkout")
    out = tmp_path / "deck.apkg"
    code, stdout, err = run("export", str(sample), "-o", str(out), "--no-cache")
    # the sample has open questions: they are left out, and said so; a warning names a note partly read
    said = re.fullmatch(
        rf"((?:warning: [^\n]+\n)*){re.escape(str(out))}: (\d+) cards from \d+ notes; \d+ open questions left out "
        r"of the package \(--include-open adds them, suspended\)\n",
        err,
    )
    assert said, err
    assert code in (0, 3) and stdout == "", "3 when a warning names a note skipped or partly read"
    with zipfile.ZipFile(out) as package:
        (tmp_path / "collection.anki2").write_bytes(package.read("collection.anki2"))
    with sqlite3.connect(tmp_path / "collection.anki2") as con:
        rows = [(mid, flds.split("\x1f")) for mid, flds in con.execute("select mid, flds from notes")]
    cloze = MODELS["cloze"].model_id  # a cloze asks with its own sentence: its Back may be empty
    assert rows and [fields[0] for mid, fields in rows if mid != cloze and not fields[1].strip()] == []
    assert len(rows) == int(said.group(2))
