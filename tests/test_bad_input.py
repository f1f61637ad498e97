"""Bad input: every odd file gives a warning naming it (and the line where it helps), the run goes
on, and the command exits 3; a clean vault exits 0. Tests run as root here, so `chmod 000` would
not stop a read: permission denied is simulated by patching the one function that opens notes."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import ftfy.bad_codecs  # noqa: F401  (registers sloppy-windows-1252)
import pytest
from click.testing import CliRunner, Result

from cards import pipeline, vault
from cards.cli import main
from cards.pipeline import Options, build

GOOD = "Entropy: the expected surprise of a random variable.\n"


def run(vault_dir: Path, *args: str) -> tuple[Result, dict]:
    result = CliRunner().invoke(main, ["export", str(vault_dir), "--dry-run", "--json", *args])
    return result, (json.loads(result.stdout) if result.stdout.strip() else {})


def warnings_for(listing: dict, path: str) -> list[str]:
    return [w["message"] for w in listing["warnings"] if w["path"] == path]


def fronts(listing: dict) -> dict[str, str]:
    return {c["front"]: c["back"] for c in listing["cards"]}


@pytest.fixture
def vault_dir(tmp_path: Path) -> Path:
    root = tmp_path / "vault"
    root.mkdir()
    (root / "good.md").write_text(GOOD, encoding="utf-8")
    return root


def test_clean_vault_exits_0_with_no_warning(vault_dir: Path) -> None:
    result, listing = run(vault_dir)
    assert result.exit_code == 0, result.stderr
    assert listing["warnings"] == [] and result.stderr == ""
    assert "Entropy" in fronts(listing)


@pytest.mark.parametrize(
    "name, data",
    [
        ("empty.md", b""),
        ("only-front-matter.md", b"---\ntags: [ml]\naliases: [x]\n---\n"),
        ("blank-lines.md", b"\n\n  \n"),
    ],
)
def test_notes_without_content_give_no_card_and_no_warning(vault_dir: Path, name: str, data: bytes) -> None:
    (vault_dir / name).write_bytes(data)
    result, listing = run(vault_dir)
    assert result.exit_code == 0
    assert warnings_for(listing, name) == []
    assert [c["sources"][0]["path"] for c in listing["cards"]] == ["good.md"]


@pytest.mark.parametrize(
    "front_matter, line",
    [
        ("title: [unclosed\n", 2),  # YAML flow sequence never closed
        ("title: ok\nsummary:\n\tindented with a tab\n", 4),  # YAML forbids tabs for indentation
    ],
)
def test_invalid_yaml_front_matter_is_named_and_the_body_still_read(
    vault_dir: Path, front_matter: str, line: int
) -> None:
    (vault_dir / "yaml.md").write_text(f"---\n{front_matter}---\nGradient: the direction of steepest ascent.\n")
    result, listing = run(vault_dir)
    assert result.exit_code == 3
    [message] = warnings_for(listing, "yaml.md")
    assert "front matter" in message and "YAML" in message
    assert result.stderr == f"warning: yaml.md:{line}: {message}\n"
    card = next(c for c in listing["cards"] if c["front"] == "Gradient")
    assert card["sources"][0]["line"] == len(front_matter.splitlines()) + 3


def test_hash_tags_in_front_matter_are_kept_although_yaml_reads_them_as_a_comment(vault_dir: Path) -> None:
    (vault_dir / "tags.md").write_text("---\nTags: #ml/basics #stats\n---\nVariance: the spread around the mean.\n")
    result, listing = run(vault_dir)
    card = next(c for c in listing["cards"] if c["front"] == "Variance")
    assert card["tags"] == ["ml::basics", "stats"]
    assert result.exit_code == 0


def test_unclosed_front_matter_is_said_and_read_as_text(vault_dir: Path) -> None:
    (vault_dir / "open.md").write_text("---\ntitle: x\n\nVariance: the spread around the mean.\n")
    result, listing = run(vault_dir)
    assert result.exit_code == 3
    assert warnings_for(listing, "open.md") == ["front matter has no closing ---; read as text"]
    assert fronts(listing)["Variance"] == "the spread around the mean."


@pytest.mark.parametrize(
    "name, data, line",
    [
        ("bom.md", "\ufeffTitle\n\nBias: the error from wrong assumptions.\n".encode(), 3),
        ("crlf.md", b"Title\r\n\r\nBias: the error from wrong assumptions.\r\n", 3),
        ("cr.md", b"Title\r\rBias: the error from wrong assumptions.\r", 3),
        ("utf16.md", "Title\n\nBias: the error from wrong assumptions.\n".encode("utf-16"), 3),
        ("utf16be.md", "\ufeffTitle\r\n\r\nBias: the error from wrong assumptions.\r\n".encode("utf-16-be"), 3),
    ],
)
def test_bom_and_line_endings_are_read_silently_with_lines_as_on_disk(
    vault_dir: Path, name: str, data: bytes, line: int
) -> None:
    (vault_dir / name).write_bytes(data)
    result, listing = run(vault_dir, "--no-merge")
    assert result.exit_code == 0, result.stderr
    card = next(c for c in listing["cards"] if c["sources"][0]["path"] == name)
    # an everyday word atop a note, defined in no other, is asked with the note's title (its file's name)
    assert (card["front"], card["back"]) == (f"{name[:-3]}: Bias", "the error from wrong assumptions.")
    assert card["sources"][0]["line"] == line


@pytest.mark.parametrize("encoding", ["latin-1", "cp1252"])
def test_latin1_and_cp1252_are_decoded_and_said(vault_dir: Path, encoding: str) -> None:
    text = "Titre\n\nCafé crème: une boisson très appréciée à Paris.\n"
    if encoding == "cp1252":
        text = text.replace("boisson", "“boisson”")
    (vault_dir / "fr.md").write_bytes(text.encode(encoding))
    result, listing = run(vault_dir)
    assert result.exit_code == 3
    [message] = warnings_for(listing, "fr.md")
    assert message == "not UTF-8; read as cp1252"
    assert result.stderr == "warning: fr.md:3: not UTF-8; read as cp1252\n"  # the line of the first byte not UTF-8
    assert fronts(listing)["Café crème"].startswith("une")
    assert "très appréciée à Paris" in fronts(listing)["Café crème"]


@pytest.mark.parametrize(
    "term, meaning, encoding",
    [
        ("Entropie", "Maß für Überraschung – „Information“.", "cp1252"),
        ("Año", "período de doce meses, según el señor Núñez.", "cp1252"),
        ("Энтропия", "мера неопределённости системы.", "cp1251"),
        ("Entropia", "miara nieokreśloności, zażółć gęślą jaźń.", "cp1250"),
        ("Entropie", "příliš žluťoučký kůň úpěl ďábelské ódy.", "cp1250"),
        ("Εντροπία", "μέτρο αβεβαιότητας.", "cp1253"),
    ],
)
def test_single_byte_code_pages_are_told_apart(vault_dir: Path, term: str, meaning: str, encoding: str) -> None:
    (vault_dir / "old.md").write_bytes(f"{term}: {meaning}\n".encode(encoding))
    _, listing = run(vault_dir)
    assert fronts(listing)[term] == meaning
    assert warnings_for(listing, "old.md") == [f"not UTF-8; read as {encoding}"]


def _mojibake(text: str, times: int) -> bytes:
    """UTF-8 read as Windows-1252 (as Windows tools do: the 5 unmapped bytes kept) and saved as UTF-8."""
    for _ in range(times):
        text = text.encode("utf-8").decode("sloppy-windows-1252")
    return text.encode("utf-8")


@pytest.mark.parametrize("times", [1, 2])
def test_mojibake_is_repaired_in_the_cards(vault_dir: Path, times: int) -> None:
    (vault_dir / "moji.md").write_bytes(_mojibake("Naïve Bayes: a classifier that’s “naïve” about features.\n", times))
    assert "Ã" in (vault_dir / "moji.md").read_text(encoding="utf-8")
    _, listing = run(vault_dir)
    assert fronts(listing)["Naïve Bayes"] == "a classifier that’s “naïve” about features."


@pytest.mark.parametrize(
    "data",
    [
        bytes(range(256)) * 40,  # has NUL bytes
        bytes(b % 31 + 1 for b in range(4000)),  # control characters, no NUL
        b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + bytes(500),
    ],
)
def test_binary_file_named_md_is_skipped_and_named(vault_dir: Path, data: bytes) -> None:
    (vault_dir / "image.md").write_bytes(data)
    result, listing = run(vault_dir)
    assert result.exit_code == 3
    assert warnings_for(listing, "image.md") == ["binary file, not a text note"]
    assert result.stderr == "warning: image.md:1: binary file, not a text note\n"
    assert list(fronts(listing)) == ["Entropy"]


def test_a_short_note_with_a_next_line_character_is_text(vault_dir: Path) -> None:
    # U+0085 (NEL) is a line break some editors write; one in a short note is no sign of a binary file
    (vault_dir / "nel.md").write_bytes("Tau:\u0085a lag\n".encode())
    result, listing = run(vault_dir)
    assert result.exit_code == 0, result.stderr
    assert warnings_for(listing, "nel.md") == []


def test_note_over_the_size_limit_is_skipped_without_being_parsed(vault_dir: Path, monkeypatch) -> None:
    # 50 MB written sparsely: the file has its size on disk without 50 MB of writing.
    with open(vault_dir / "dump.md", "wb") as handle:
        handle.write(b"Term: meaning\n")
        handle.truncate(50_000_000)

    def no_parsing(*_: object) -> None:
        raise AssertionError("a note over the limit must not be parsed")

    real_parse = pipeline.parse_note
    monkeypatch.setattr(
        pipeline, "parse_note", lambda f, *more: no_parsing() if f.path == "dump.md" else real_parse(f, *more)
    )
    result, listing = run(vault_dir)
    assert result.exit_code == 3
    assert warnings_for(listing, "dump.md") == ["larger than 2 MB; skipped (not parsed, to keep the run fast)"]
    assert list(fronts(listing)) == ["Entropy"]


def test_size_limit_is_an_option(vault_dir: Path) -> None:
    (vault_dir / "mid.md").write_text("Covariance: how two variables vary together.\n" + "filler text\n" * 200)
    result = build(vault_dir, Options(max_note_bytes=1000))
    assert [p.path for p in result.problems] == ["mid.md"] and result.notes_skipped == 1
    assert build(vault_dir).notes_skipped == 0


def test_a_one_megabyte_line_is_read(vault_dir: Path) -> None:
    (vault_dir / "long.md").write_text(
        "Intro\n\nEntropy rate: " + "bits per symbol " * 65_000 + "\n\nMutual information: shared entropy.\n"
    )
    result = build(vault_dir)
    assert not result.problems
    assert any(c.front == "Mutual information" and c.source.line == 5 for c in result.cards)


def test_lists_nested_500_deep_do_not_crash_and_the_cut_is_said(vault_dir: Path) -> None:
    deep = "".join("  " * i + f"- level {i}\n" for i in range(500))
    (vault_dir / "deep.md").write_text("Prior: belief before the data.\n\n" + deep)
    (vault_dir / "quotes.md").write_text("".join(">" * i + " q\n" for i in range(1, 501)))
    result, listing = run(vault_dir)
    assert result.exit_code == 3
    [deep_warning] = [w for w in listing["warnings"] if w["path"] == "deep.md"]
    assert deep_warning["message"] == "nested too deep for the parser; the deeper part is not read"
    assert 3 < deep_warning["line"] < 30
    assert warnings_for(listing, "quotes.md") == [deep_warning["message"]]
    assert fronts(listing)["deep: Prior"] == "belief before the data."


def test_a_note_that_breaks_an_extractor_is_skipped_and_named(vault_dir: Path, monkeypatch) -> None:
    (vault_dir / "boom.md").write_text("Posterior: belief after the data.\n")
    real = pipeline.extract

    def extract(note, rules, view=None):  # type: ignore[no-untyped-def]
        if note.path == "boom.md":
            raise RecursionError("maximum recursion depth exceeded")
        return real(note, rules, view)

    monkeypatch.setattr(pipeline, "extract", extract)
    result, listing = run(vault_dir)
    assert result.exit_code == 3
    [message] = warnings_for(listing, "boom.md")
    assert message.startswith("skipped: notecards failed on this note (RecursionError")
    assert result.stderr == f"warning: boom.md:1: {message}\n", "one line, no traceback"
    assert list(fronts(listing)) == ["Entropy"]


def test_a_note_that_disappears_during_the_run_is_named(vault_dir: Path, monkeypatch) -> None:
    (vault_dir / "zz-gone.md").write_text("Likelihood: probability of the data.\n")
    real = vault.find_notes

    def find_then_delete(root: Path, problems: list) -> Iterator[Path]:
        for path in real(root, problems):
            (vault_dir / "zz-gone.md").unlink(missing_ok=True)  # gone after the listing, before the read
            yield path

    monkeypatch.setattr(pipeline, "find_notes", find_then_delete)
    result, listing = run(vault_dir)
    assert result.exit_code == 3
    assert warnings_for(listing, "zz-gone.md") == ["cannot read: No such file or directory"]
    assert list(fronts(listing)) == ["Entropy"]


def test_permission_denied_is_named_and_the_rest_read(vault_dir: Path, monkeypatch) -> None:
    # Simulated: tests run as root, which chmod does not stop.
    (vault_dir / "secret.md").write_text("Evidence: probability of the data under all models.\n")
    real = vault.read_bytes

    def read_bytes(path: Path, limit: int) -> bytes:
        if path.name == "secret.md":
            raise PermissionError(13, "Permission denied", str(path))
        return real(path, limit)

    monkeypatch.setattr(vault, "read_bytes", read_bytes)
    result, listing = run(vault_dir)
    assert result.exit_code == 3
    assert result.stderr == "warning: secret.md:1: cannot read: Permission denied\n"
    assert list(fronts(listing)) == ["Entropy"]


def test_unlistable_folder_is_named(vault_dir: Path, monkeypatch) -> None:
    (vault_dir / "locked").mkdir()
    (vault_dir / "locked" / "x.md").write_text("Margin: distance to the boundary.\n")
    real = os.scandir

    def scandir(path):  # type: ignore[no-untyped-def]
        if Path(path).name == "locked":
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(vault.os, "scandir", scandir)
    result, listing = run(vault_dir)
    assert result.exit_code == 3
    assert warnings_for(listing, "locked") == ["cannot list folder: Permission denied"]


def test_symlink_loop_is_read_once_and_said(vault_dir: Path) -> None:
    (vault_dir / "sub").mkdir()
    (vault_dir / "sub" / "kernel.md").write_text("Kernel: an inner product in feature space.\n")
    (vault_dir / "sub" / "loop").symlink_to(vault_dir)
    (vault_dir / "self.md").symlink_to("self.md")  # a link to itself
    result, listing = run(vault_dir, "--no-merge")
    assert result.exit_code == 3
    assert [c["sources"][0]["path"] for c in listing["cards"] if c["front"] == "Kernel"] == ["sub/kernel.md"]
    assert warnings_for(listing, "sub/loop") == ["link to a folder it is in (a loop); not followed"]
    assert warnings_for(listing, "self.md") == ["link leads nowhere (broken or a loop); not followed"]


def test_symlinks_leaving_the_vault_are_not_followed(tmp_path: Path, vault_dir: Path) -> None:
    outside = tmp_path / "private"
    outside.mkdir()
    (outside / "diary.md").write_text("Secret: something private.\n")
    (vault_dir / "linked-folder").symlink_to(outside)
    (vault_dir / "linked-note.md").symlink_to(outside / "diary.md")
    result, listing = run(vault_dir)
    assert result.exit_code == 3
    assert "Secret" not in fronts(listing)
    for name in ("linked-folder", "linked-note.md"):
        assert warnings_for(listing, name) == ["link leads outside the vault; not followed"]


def test_links_inside_the_vault_are_followed(vault_dir: Path) -> None:
    (vault_dir / "real").mkdir()
    (vault_dir / "real" / "svm.md").write_text("Support vector: a point on the margin.\n")
    (vault_dir / "alias").symlink_to(vault_dir / "real")
    result, listing = run(vault_dir, "--no-merge")
    assert result.exit_code == 0 and listing["warnings"] == []
    sources = [c["sources"][0]["path"] for c in listing["cards"] if c["front"] == "Support vector"]
    assert sources == ["real/svm.md"]  # read once, under its real name


def test_installed_packages_beside_the_notes_are_not_read(vault_dir: Path) -> None:
    """A course project kept in the vault brings `node_modules/`: its packages' READMEs are no notes."""
    package = vault_dir / "project" / "node_modules" / "util-deprecate"
    package.mkdir(parents=True)
    (package / "README.md").write_text("Deprecate: mark a function as deprecated with a warning.\n")
    (vault_dir / "project" / "notes.md").write_text("Middleware: a function run on each request.\n")
    result, listing = run(vault_dir)
    assert result.exit_code == 0 and listing["warnings"] == []
    assert sorted(fronts(listing)) == ["Entropy", "Middleware"]


def test_a_quartz_site_is_read_from_its_content_folder(vault_dir: Path) -> None:
    """A Quartz site keeps the notes in `content/`; its `docs/` is Quartz's own manual, not the user's."""
    (vault_dir / "quartz.config.ts").write_text("export default config\n")
    (vault_dir / "docs" / "plugins").mkdir(parents=True)
    (vault_dir / "docs" / "plugins" / "CrawlLinks.md").write_text("Lazy load: load pictures as they scroll in.\n")
    (vault_dir / "content").mkdir()
    (vault_dir / "content" / "rag.md").write_text("Reranking: reordering retrieved passages with a stronger model.\n")
    result, listing = run(vault_dir)
    assert result.exit_code == 0 and listing["warnings"] == []
    assert sorted(fronts(listing)) == ["Reranking"]
    assert [c["sources"][0]["path"] for c in listing["cards"]] == ["content/rag.md"]


def test_a_quartz_sites_linked_content_folder_is_not_followed_outside(vault_dir: Path, tmp_path: Path) -> None:
    """A `content/` that links out of the vault is no way around the vault's edge."""
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "secret.md").write_text("Secret: a note kept outside the vault.\n")
    (vault_dir / "quartz.config.ts").write_text("export default config\n")
    (vault_dir / "content").symlink_to(outside)
    result, listing = run(vault_dir)
    assert result.exit_code == 3  # something was skipped
    assert "Secret" not in fronts(listing)
    assert any("outside the vault" in w["message"] for w in listing["warnings"])


@pytest.mark.parametrize("name", ["My notes #1.md", "Ünïcödé 学习 ✓.md", "sub dir/a b.markdown"])
def test_odd_names_are_read_and_shown_as_written(vault_dir: Path, name: str) -> None:
    (vault_dir / name).parent.mkdir(exist_ok=True)
    (vault_dir / name).write_text("Dropout: randomly zeroing activations while training.\n")
    result, listing = run(vault_dir)
    assert result.exit_code == 0
    card = next(c for c in listing["cards"] if c["front"] == "Dropout")
    assert card["sources"] == [{"path": name, "line": 1}]


def test_empty_vault_exits_0_with_no_cards(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    result, listing = run(tmp_path / "empty")
    assert result.exit_code == 0
    assert listing["cards"] == [] and listing["warnings"] == []


@pytest.mark.parametrize("kind", ["missing", "file"])
def test_vault_that_is_missing_or_a_file_exits_2_with_one_line(tmp_path: Path, kind: str) -> None:
    target = tmp_path / "notes"
    if kind == "file":
        target.write_text("not a folder")
    for args in (["--dry-run", "--json"], ["-o", str(tmp_path / "out.apkg")]):
        result = CliRunner().invoke(main, ["export", str(target), *args])
        why = "vault not found" if kind == "missing" else "vault is not a folder"
        assert (result.exit_code, result.stdout, result.stderr) == (2, "", f"Error: {why}: {target}\n")
    assert not (tmp_path / "out.apkg").exists()


@pytest.mark.parametrize(
    "line",
    [
        "a" + " " * 300_000 + "b",  # made a `Term: meaning` regex backtrack for hours
        "x " + "<!--" * 30_000,  # made the comment regex rescan the note once per opener
        "%% " * 100_000,
        "x:" + " " * 300_000 + "::",
    ],
)
def test_lines_built_to_make_a_regex_backtrack_are_read_in_linear_time(vault_dir: Path, line: str) -> None:
    (vault_dir / "trap.md").write_text(f"{line}\n\nMutual information: shared entropy.\n")
    result = build(vault_dir)
    assert not result.problems
    assert any(c.front == "Mutual information" and c.source.line == 3 for c in result.cards)


def test_file_and_folder_names_that_are_not_utf8_are_shown_and_exported(tmp_path: Path) -> None:
    root = Path(os.fsdecode(bytes(tmp_path) + b"/d\xe9ck"))  # a Latin-1 name, as old zip tools leave them
    root.mkdir()
    Path(os.fsdecode(bytes(root) + b"/caf\xe9.md")).write_text("Kernel trick: implicit feature maps.\n")
    result, listing = run(root)
    assert result.exit_code == 0, result.stderr
    assert listing["deck"] == "déck"
    assert listing["cards"][0]["sources"] == [{"path": "café.md", "line": 1}]
    out = tmp_path / "out.apkg"
    result = CliRunner().invoke(main, ["export", str(root), "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    assert out.is_file()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_a_fifo_named_md_is_skipped_instead_of_blocking_the_run(vault_dir: Path) -> None:
    os.mkfifo(vault_dir / "pipe.md")  # reading it would wait forever for a writer
    result, listing = run(vault_dir)
    assert result.exit_code == 3
    assert warnings_for(listing, "pipe.md") == ["cannot read: not a regular file"]
    assert list(fronts(listing)) == ["Entropy"]


@pytest.mark.parametrize(
    ("setting", "text"),
    [
        (".obsidian/templates.json", '{"folder": "Meta/Templates/"}'),
        (".obsidian/plugins/templater-obsidian/data.json", '{"templates_folder": "Meta/Templates", "trigger": true}'),
    ],
)
def test_the_templates_folder_obsidian_names_is_not_read(vault_dir: Path, setting: str, text: str) -> None:
    """A template is the shape of notes to come, not knowledge: its folder, as the vault's Obsidian
    settings name it, gives no cards; a folder of the same name elsewhere is read."""
    (vault_dir / setting).parent.mkdir(parents=True)
    (vault_dir / setting).write_text(text)
    templates = vault_dir / "Meta" / "Templates"
    templates.mkdir(parents=True)
    (templates / "Plant.md").write_text("# Plant\n\nLight: bright, indirect light near a window.\n")
    (vault_dir / "Templates").mkdir()
    (vault_dir / "Templates" / "kinds.md").write_text("Form letter: a letter with blanks for names.\n")
    result, listing = run(vault_dir)
    assert result.exit_code == 0 and listing["warnings"] == []
    assert sorted(fronts(listing)) == ["Entropy", "Form letter"]


@pytest.mark.parametrize("text", ['{"folder": ""}', '{"folder": "/"}', '{"folder": "../x"}', "[1]", "{not json"])
def test_a_templates_setting_naming_no_folder_skips_nothing(vault_dir: Path, text: str) -> None:
    """An empty setting, the vault's top or a broken settings file leaves every note read."""
    (vault_dir / ".obsidian").mkdir()
    (vault_dir / ".obsidian" / "templates.json").write_text(text)
    (vault_dir / "Plant.md").write_text("Photosynthesis: making sugar from light.\n")
    result, listing = run(vault_dir)
    assert result.exit_code == 0 and listing["warnings"] == []
    assert sorted(fronts(listing)) == ["Entropy", "Photosynthesis"]


def test_a_quartz_sites_templates_folder_is_below_its_content(vault_dir: Path) -> None:
    """In a Quartz site the Obsidian vault is `content/`: its settings name folders below it."""
    (vault_dir / "quartz.config.ts").write_text("export default config\n")
    (vault_dir / "content" / ".obsidian").mkdir(parents=True)
    (vault_dir / "content" / ".obsidian" / "templates.json").write_text('{"folder": "templates"}')
    (vault_dir / "content" / "templates").mkdir()
    (vault_dir / "content" / "templates" / "paper.md").write_text("Method: what the paper does.\n")
    (vault_dir / "content" / "rag.md").write_text("Reranking: reordering retrieved passages with a stronger model.\n")
    result, listing = run(vault_dir)
    assert result.exit_code == 0 and sorted(fronts(listing)) == ["Reranking"]


def test_a_published_vaults_front_page_is_not_read(vault_dir: Path) -> None:
    """The `README.md` atop a vault kept on a code host tells visitors what the repository is, beside
    the notes it is about; a README in a folder of notes, or a vault's only note, is read."""
    (vault_dir / "README.md").write_text(
        "# Study notes portal\n\n## How the site is built\n\n"
        "- **Static build**: every push rebuilds the pages from the notes folder.\n"
        "- **Search index**: a JSON file of every heading, written at build time.\n"
    )
    (vault_dir / "networks").mkdir()
    (vault_dir / "networks" / "README.md").write_text("Subnet mask: the bits that name the network.\n")
    result, listing = run(vault_dir)
    assert result.exit_code == 0 and listing["warnings"] == []
    assert sorted(fronts(listing)) == ["Entropy", "Subnet mask"]


def test_a_readme_that_is_the_whole_vault_is_read(tmp_path: Path) -> None:
    vault = tmp_path / "vault"
    vault.mkdir()
    (vault / "README.md").write_text("Subnet mask: the bits that name the network.\n")
    (vault / "LICENSE").write_text("CC BY 4.0\n")
    result, listing = run(vault)
    assert result.exit_code == 0
    assert list(fronts(listing)) == ["Subnet mask"]
