"""Hostile files beside the notes: the ignore file, the output, the terminal. Each goes through the
same door as notes (a regular file inside the vault, a size cap, a one-line warning), never stalls
the run, and never puts what lies outside the vault into the output or the log."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from hypothesis import given, settings
from hypothesis import strategies as st

from cards.cli import main
from cards.select import MAX_IGNORE_BYTES, source_matches

SECRET = "TOKEN=ghp_not_for_any_log"
NOTE = "# Optics\n\nRefraction: the bending of light as it passes from one medium into another.\n"


def run(*args: str) -> Result:
    return CliRunner().invoke(main, ["export", *args])


@pytest.fixture
def vault(tmp_path: Path) -> Path:
    (tmp_path / "outside.txt").write_text(f"{SECRET}\n*\n")
    root = tmp_path / "vault"
    root.mkdir()
    (root / "Optics.md").write_text(NOTE)
    return root


def fronts(result: Result) -> list[str]:
    return [c["front"] for c in json.loads(result.stdout)["cards"]]


def _refused(vault: Path, why: str) -> None:
    result = run(str(vault), "--dry-run", "--json")
    assert result.exit_code == 3, result.output
    assert result.stderr.splitlines() == [f"warning: .notecardsignore:1: not read ({why}); no card is left out by it"]
    assert SECRET not in result.output
    assert fronts(result) == ["Refraction"]


def test_an_ignore_file_linked_outside_the_vault_is_named_and_never_echoed(vault: Path) -> None:
    (vault / ".notecardsignore").symlink_to(vault.parent / "outside.txt")
    _refused(vault, "link leads outside the vault")


def test_an_ignore_file_linked_inside_the_vault_is_read(vault: Path) -> None:
    (vault / "rules.txt").write_text("Optics.md\nnothing-here\n")
    (vault / ".notecardsignore").symlink_to(vault / "rules.txt")
    result = run(str(vault), "--dry-run", "--json")
    assert fronts(result) == []
    assert result.stderr == "warning: .notecardsignore:2: matches no card: nothing-here\n"
    assert result.exit_code == 0


def test_an_ignore_file_that_is_a_folder_is_named(vault: Path) -> None:
    (vault / ".notecardsignore").mkdir()
    _refused(vault, "not a regular file")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_an_ignore_file_that_is_a_fifo_does_not_block_the_run(vault: Path) -> None:
    os.mkfifo(vault / ".notecardsignore")  # reading it would wait for a writer forever
    _refused(vault, "not a regular file")


def test_an_ignore_file_over_the_size_cap_is_named_and_not_read(vault: Path) -> None:
    (vault / ".notecardsignore").write_text(f"{SECRET}\n" * (MAX_IGNORE_BYTES // len(SECRET)))
    _refused(vault, "larger than 100 KB")


def test_an_unreadable_ignore_file_is_named(vault: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (vault / ".notecardsignore").write_text(f"{SECRET}\n")
    real_open = os.open

    def denied(path: object, flags: int, *args: object, **kwargs: object) -> int:
        if str(path).endswith(".notecardsignore"):
            raise PermissionError(13, "Permission denied")
        return real_open(path, flags, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", denied)
    _refused(vault, "Permission denied")


def test_a_dangling_ignore_link_is_named(vault: Path) -> None:
    (vault / ".notecardsignore").symlink_to(vault / "gone.txt")
    _refused(vault, "No such file or directory")


BACKTRACKING = "*a*a*a*a*a*a*a*ab"


def test_globs_built_to_backtrack_match_long_names_at_once(vault: Path) -> None:
    """A backtracking matcher takes longer than the age of the universe on these; a linear one is
    done at once. Both in the ignore file and in --source."""
    long_name = "a" * 240 + ".md"
    (vault / long_name).write_text("Dispersion: the splitting of white light into its colours.\n")
    (vault / ".notecardsignore").write_text(f"{BACKTRACKING}\nx/{BACKTRACKING}\n**/{BACKTRACKING}\n*a*a*a*a*.md\n")
    result = run(str(vault), "--dry-run", "--json", "--source", BACKTRACKING, "--source", f"**/{BACKTRACKING}")
    assert result.exit_code == 0, result.output
    assert fronts(result) == []  # the long note's card is left out by `*a*a*a*a*.md`; Optics.md is no match
    assert len(json.loads(result.stdout)["left_out"]) == 1
    assert source_matches(long_name[:-3] + "b", BACKTRACKING)
    assert not source_matches(long_name, BACKTRACKING)
    assert source_matches("x/" + "a" * 5000 + "b", f"x/{BACKTRACKING}")
    assert source_matches("x/y/" + "a" * 5000 + "b", f"**/{BACKTRACKING}")


def _reference(pattern: str) -> re.Pattern[str]:
    """The regex the globs were once translated to: right, but it backtracks."""
    out = []
    i = 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif pattern.startswith("**", i):
            out.append(".*")
            i += 2
        elif pattern[i] == "*":
            out.append("[^/]*")
            i += 1
        elif pattern[i] == "?":
            out.append("[^/]")
            i += 1
        else:
            out.append(re.escape(pattern[i]))
            i += 1
    return re.compile("".join(out), re.I)


def _reference_matches(path: str, pattern: str) -> bool:
    anchored = "/" in pattern.rstrip("/")
    regex = _reference(pattern.strip("/"))
    parts = path.split("/")
    if anchored:
        return any(regex.fullmatch("/".join(parts[:n])) for n in range(1, len(parts) + 1))
    return any(regex.fullmatch(part) for part in parts)


@settings(max_examples=400, deadline=None)
@given(
    st.lists(st.text("aB.", min_size=1, max_size=5), min_size=1, max_size=3).map("/".join),
    st.lists(st.sampled_from(["a", "B", ".", "*", "**", "**/", "?", "/"]), min_size=1, max_size=5).map("".join),
)
def test_the_linear_glob_matcher_agrees_with_the_regex_it_replaced(path: str, pattern: str) -> None:
    assert source_matches(path, pattern) is _reference_matches(path, pattern)


def snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("out", ["inside.apkg", "Optics.md", "sub/new.apkg", "."])
@pytest.mark.parametrize("force", [False, True])
def test_the_package_is_never_written_inside_the_vault(vault: Path, out: str, force: bool) -> None:
    before = snapshot(vault)
    target = vault / out
    result = run(str(vault), "-o", str(target), *(["--force"] if force else []))
    assert result.exit_code == 2
    assert result.output == f"Error: {target} is inside the vault, which is only read; name a package outside it\n"
    assert snapshot(vault) == before
    assert not (vault / "sub").exists()


def test_exporting_from_inside_the_vault_needs_an_output_outside_it(
    vault: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(vault)
    before = snapshot(vault)
    result = run(".")
    assert result.exit_code == 2
    assert result.output == "Error: vault.apkg is inside the vault, which is only read; name a package outside it\n"
    assert snapshot(vault) == before
    assert run(".", "-o", "../out.apkg").exit_code == 0
    assert (vault.parent / "out.apkg").is_file()
    assert snapshot(vault) == before


def test_a_link_into_the_vault_does_not_smuggle_the_package_in(vault: Path) -> None:
    (vault.parent / "door").symlink_to(vault)
    door = vault.parent / "door" / "x.apkg"
    result = run(str(vault), "-o", str(door))
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == f"Error: {door} is inside the vault, which is only read; name a package outside it\n"
    assert not (vault / "x.apkg").exists()


@pytest.mark.skipif(not os.path.exists("/dev/null"), reason="no /dev/null here")
@pytest.mark.parametrize("force", [False, True])
def test_a_device_is_never_replaced_even_with_force(vault: Path, force: bool) -> None:
    result = run(str(vault), "-o", "/dev/null", *(["--force"] if force else []))
    assert result.exit_code == 2
    assert result.output == "Error: /dev/null is not a regular file (a FIFO or a device); it is never replaced\n"
    assert Path("/dev/null").is_char_device()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_an_output_or_previous_package_that_is_a_fifo_does_not_block(vault: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.apkg"
    os.mkfifo(fifo)
    result = run(str(vault), "-o", str(fifo), "--force")
    assert result.exit_code == 2
    assert result.output == f"Error: {fifo} is not a regular file (a FIFO or a device); it is never replaced\n"
    since = run(str(vault), "--dry-run", "--since", str(fifo))
    assert since.exit_code == 2
    assert since.output == f"Error: {fifo}: cannot read the package: [Errno 22] not a regular file\n"
    assert fifo.is_fifo()


def test_a_zip_with_a_member_named_like_a_collection_is_not_a_package(vault: Path, tmp_path: Path) -> None:
    import zipfile

    out = tmp_path / "thesis.zip"
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("collection.anki2", "chapter one, not a database")
        archive.writestr("chapter2.txt", "the rest of the thesis")
    kept = out.read_bytes()
    result = run(str(vault), "-o", str(out))
    assert result.exit_code == 2
    assert result.output == f"Error: {out} exists and is not an Anki package; use --force to overwrite it\n"
    assert out.read_bytes() == kept
    assert run(str(vault), "-o", str(tmp_path / "real.apkg")).exit_code == 0
    assert run(str(vault), "-o", str(tmp_path / "real.apkg")).exit_code == 0, "a real package is replaced freely"


# A window title and a clipboard write (OSC 0 and 52), a colour, an 8-bit CSI, a carriage return
# that would hide what came before, a right-to-left override that makes `exe.md` read `dm.exe`.
ESCAPES = "\x1b]0;pwned\x07\x1b]52;c;aGk=\x07\x1b[31m\x9b2J\r\u202e"
RAW = ("\x1b", "\x07", "\x9b", "\r", "\u202e")
INERT = "\\x1b]0;pwned\\x07\\x1b]52;c;aGk=\\x07\\x1b[31m\\x9b2J\\x0d\\u202e"
"""ESCAPES as the terminal is given them: spelt out, so none of them acts."""


def test_file_names_and_note_text_reach_the_terminal_inert(vault: Path, tmp_path: Path) -> None:
    evil = f"evil{ESCAPES}.md"
    (vault / evil).write_text(
        f"Lens: a piece of glass{ESCAPES} that bends light to a focus.\n\n![x](gone{ESCAPES}.png)\n"
    )
    (vault / f"bin{ESCAPES}.md").write_bytes(b"\x00\x01\x02" * 50)
    escaped = INERT
    human = run(str(vault), "--dry-run")
    as_json = run(str(vault), "--dry-run", "--json")
    written = run(str(vault), "-o", str(tmp_path / "out.apkg"))
    for result in (human, as_json, written):
        assert result.exit_code == 3, result.output
        assert not any(ch in result.output for ch in RAW), repr(result.output)
    binary = f"warning: bin{escaped}.md:1: binary file, not a text note\n"
    assert human.stderr == as_json.stderr == binary
    assert written.stderr == f"{binary}{tmp_path / 'out.apkg'}: 2 cards from 2 notes\n"
    assert f"evil{escaped}.md" in human.stdout
    assert "a piece of glass" in human.stdout  # the note's own control characters were removed on reading
    listing = json.loads(as_json.stdout)  # the same values as written, only escaped
    assert [c["sources"][0]["path"] for c in listing["cards"]] == ["Optics.md", evil]
    assert "\\u202e" in as_json.stdout and "\\u009b" in as_json.stdout


def test_an_error_naming_a_hostile_path_is_inert(tmp_path: Path) -> None:
    result = run(str(tmp_path / f"missing{ESCAPES}"), "--dry-run")
    assert (result.exit_code, result.stdout, result.stderr) == (
        2,
        "",
        f"Error: vault not found: {tmp_path}/missing{INERT}\n",
    )


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("Café 東京 🚀\tok", "Café 東京 🚀\tok"),
        ("a\nb", "a\\x0ab"),  # a newline in a file name cannot forge a second warning line
        ("x\u2066y\u2069\u200f\u061c", "x\\u2066y\\u2069\\u200f\\u061c"),
        ("\x7f\x85", "\\x7f\\x85"),
    ],
)
def test_inert_escapes_controls_and_bidi_and_keeps_every_script(text: str, shown: str) -> None:
    from cards.terminal import inert, inert_json

    assert inert(text) == shown
    encoded = inert_json(json.dumps(text, ensure_ascii=False))
    assert json.loads(encoded) == text
    assert not re.search("[\x00-\x1f\x7f-\x9f\u2066-\u2069\u200f\u061c]", encoded.replace("\t", ""))


def _bomb(key: str) -> str:
    """A "billion laughs": 9 levels of 9 aliases, a few hundred bytes standing for 9**9 strings."""
    lines = ['l0: &l0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"l{n}: &l{n} [{','.join([f'*l{n - 1}'] * 9)}]" for n in range(1, 9)]
    return "\n".join([*lines, f"{key}: *l8"])


@pytest.mark.parametrize("key", ["tags", "aliases", "notecards"])
def test_a_yaml_alias_bomb_is_refused_and_the_note_still_read(vault: Path, key: str) -> None:
    (vault / "Bomb.md").write_text(f"---\n{_bomb(key)}\n---\nPrism: a glass block that splits white light.\n")
    result = run(str(vault), "--dry-run", "--json")
    assert result.exit_code == 3, result.output  # partly read
    listing = json.loads(result.stdout)
    assert fronts(result) == ["Prism", "Refraction"]
    assert listing["cards"][0]["tags"] == []
    assert result.stderr == (
        "warning: Bomb.md:1: front matter repeats itself past 1 MB through YAML aliases; "
        "not read as YAML, read as key: value lines\n"
    )


def test_small_yaml_aliases_are_still_read(vault: Path) -> None:
    (vault / "Prism.md").write_text("---\ntopics: &t [optics, light]\ntags: *t\n---\nPrism: a block of glass.\n")
    result = run(str(vault), "--dry-run", "--json")
    assert result.exit_code == 0, result.output
    tags = {c["front"]: c["tags"] for c in json.loads(result.stdout)["cards"]}
    assert tags == {"Prism": ["optics", "light"], "Refraction": []}


def test_front_matter_over_the_size_cap_is_read_as_lines(vault: Path) -> None:
    padding = "\n".join(f"field{n}: {'x' * 60}" for n in range(2000))
    (vault / "Big.md").write_text(f"---\ntags: [optics]\n{padding}\n---\nPrism: a block of glass.\n")
    result = run(str(vault), "--dry-run", "--json")
    assert result.exit_code == 3, result.output  # partly read
    tags = {c["front"]: c["tags"] for c in json.loads(result.stdout)["cards"]}
    assert tags == {"Prism": ["optics"], "Refraction": []}
    assert result.stderr == (
        "warning: Big.md:1: front matter is longer than 100 KB; not read as YAML, read as key: value lines\n"
    )


ACTIVE_TEX = re.compile(
    r"\\(href|url|style|class|cssId|data|html|unicode|require|bbox|enclose|mmlToken|texttip|mathtip|toggle|def"
    r"|newcommand)\b"
)


def test_active_tex_never_reaches_a_card(vault: Path, tmp_path: Path) -> None:
    from cards.since import read_package

    (vault / "Maths.md").write_text(
        "# Maths\n\n"
        "Anchor: the formula $\\href{javascript:alert(1)}{x} + \\style{background:url(https://evil.example/t)}{y}$.\n\n"
        "Boxes: shown as $$\\bbox[background:url(https://evil.example/b)]{z} \\class{a}{b} \\cssId{c}{d}"
        " \\unicode[Evil]{x41} \\require{action} \\url{https://evil.example} \\html{<b>}"
        " \\mmlToken{mi}[href=x]{y}$$\n\n"
        "Written: escaped delimiters \\\\(\\href{javascript:alert(2)}{z}\\\\) still reach MathJax.\n\n"
        "Fraction: the quotient $\\frac{a}{b} + \\alpha \\cdot \\mathbb{R}^{n} \\leq \\sqrt{x}$ of two numbers.\n"
    )
    out = tmp_path / "out.apkg"
    result = run(str(vault), "-o", str(out))
    assert result.exit_code == 0, result.output
    backs = {n.front_text: n.fields[1] for n in read_package(out).values()}
    for front in ("Anchor", "Boxes"):
        assert not ACTIVE_TEX.search(backs[front]), backs[front]
        assert "\u2216" in backs[front]
    for field in backs.values():  # in math MathJax would typeset, nothing active is left
        assert all(not ACTIVE_TEX.search(m) for m in re.findall(r"\\\(.*?\\\)|\\\[.*?\\\]", field, re.S))
    assert "\u2216href{javascript:alert(1)}{x}" in backs["Anchor"]  # still readable: the name stays
    math = "\\(\\frac{a}{b} + \\alpha \\cdot \\mathbb{R}^{n} \\leq \\sqrt{x}\\)"
    assert backs["Fraction"] == f'the quotient <span class="math inline">{math}</span> of two numbers.'  # as it was


def test_tex_commands_outside_math_are_text_and_left_alone(tmp_path: Path) -> None:
    from cards.export.fields import note_fields
    from cards.export.media import MediaIndex
    from cards.model import Card, Kind, Source
    from cards.tex import safe_math, safe_tex

    written = Card(Kind.DEFINITION, "Delimiters", "\\\\(\\href{javascript:x}{y}\\\\)", (Source("a.md", 1),))
    assert note_fields(written, "v", MediaIndex(tmp_path), [])[1] == "\\(\u2216href{javascript:x}{y}\\)"

    assert safe_math("use \\href{url}{text} in LaTeX") == "use \\href{url}{text} in LaTeX"
    assert (
        safe_tex("\\\\ \\hline \\begin{pmatrix} a \\end{pmatrix}") == "\\\\ \\hline \\begin{pmatrix} a \\end{pmatrix}"
    )
    assert (
        safe_math("\\[\\href{a}{b}\\] and \\(\\style{c}{d}\\)") == "\\[\u2216href{a}{b}\\] and \\(\u2216style{c}{d}\\)"
    )


def packaged_media(apkg: Path) -> dict[str, bytes]:
    import zipfile

    with zipfile.ZipFile(apkg) as package:
        names = json.loads(package.read("media"))
        return {name: package.read(number) for number, name in names.items()}


MIRROR = "Mirror: a polished surface ![[ok.png]] that reflects light.\n"


@pytest.fixture
def media_vault(vault: Path) -> Path:
    (vault / ".git").mkdir()
    (vault / ".git" / "config").write_text(f"[credential]\n{SECRET}\n")
    (vault / ".env").write_text(SECRET)
    (vault / "img").mkdir()
    (vault / "img" / "ok.png").write_bytes(b"\x89PNG fine")
    (vault / "img" / "config.png").symlink_to(vault / ".git" / "config")
    return vault


@pytest.mark.parametrize(
    ("embed", "why"),
    [
        ("![](.git/config)", "refused, it is hidden (in a dot-folder or a dot-file)"),
        ("![](./.git/config)", "refused, it is hidden (in a dot-folder or a dot-file)"),
        ("![](img/../.env)", "refused, it is hidden (in a dot-folder or a dot-file)"),
        ("![](img/config.png)", "refused, it is hidden (in a dot-folder or a dot-file)"),  # a link to it
    ],
)
def test_hidden_files_never_travel_as_media(media_vault: Path, tmp_path: Path, embed: str, why: str) -> None:
    (media_vault / "Lens.md").write_text(f"Lens: a curved glass {embed} that focuses light.\n\n{MIRROR}")
    out = tmp_path / "out.apkg"
    result = run(str(media_vault), "-o", str(out))
    assert result.exit_code == 0, result.output
    assert packaged_media(out) == {"ok.png": b"\x89PNG fine"}
    target = embed[4:-1]
    assert result.stderr.splitlines()[0] == f"warning: Lens.md:1: embedded file {why}: {target}"
    assert SECRET not in result.output


def test_an_unreadable_image_is_a_warning_not_a_failed_export(
    media_vault: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (media_vault / "img" / "locked.png").write_bytes(b"\x89PNG locked")
    (media_vault / "Lens.md").write_text(f"# Lens\n\nLens: a curved glass ![[locked.png]] here.\n\n{MIRROR}")
    real_open = os.open

    def denied(path: object, flags: int, *args: object, **kwargs: object) -> int:
        if str(path).endswith("locked.png"):
            raise PermissionError(13, "Permission denied")
        return real_open(path, flags, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", denied)
    out = tmp_path / "out.apkg"
    result = run(str(media_vault), "-o", str(out))
    assert (result.exit_code, result.stdout) == (0, ""), result.output
    assert result.stderr == (
        "warning: Lens.md:3: embedded file cannot be read (Permission denied): locked.png\n"
        f"{out}: 3 cards from 2 notes\n"
    )
    assert packaged_media(out) == {"ok.png": b"\x89PNG fine"}


def test_an_image_that_becomes_unreadable_while_packing_is_left_out_and_named(
    media_vault: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cards.export import media as export

    (media_vault / "img" / "late.png").write_bytes(b"\x89PNG late")
    (media_vault / "Lens.md").write_text(f"# Lens\n\nLens: a curved glass ![[late.png]] here.\n\n{MIRROR}")
    real = export.regular_file
    calls: dict[str, int] = {}

    def fails_the_second_time(path: Path):  # type: ignore[no-untyped-def]
        calls[path.name] = calls.get(path.name, 0) + 1
        if path.name == "late.png" and calls[path.name] > 1:
            raise PermissionError(13, "Permission denied")
        return real(path)

    monkeypatch.setattr(export, "regular_file", fails_the_second_time)
    out = tmp_path / "out.apkg"
    result = run(str(media_vault), "-o", str(out), "--no-cache")
    assert (result.exit_code, result.stdout) == (0, ""), result.output
    assert result.stderr == (
        f"warning: Lens.md:3: embedded file cannot be read (Permission denied): late.png\n{out}: 3 cards from 2 notes\n"
    )
    assert packaged_media(out) == {"ok.png": b"\x89PNG fine"}


def _spin(note: object) -> None:
    while True:  # a rule that never ends, in Python
        pass


def _backtrack(note: object) -> None:
    re.fullmatch(r"(a*)*b", "a" * 64)  # a rule that never ends, inside the regex engine


@pytest.mark.parametrize("stall", [_spin, _backtrack])
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_note_past_its_work_budget_is_skipped_and_the_others_written(
    vault: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, stall: object, jobs: str
) -> None:
    from cards import budget, pipeline, work

    (vault / "Slow.md").write_text("Dispersion: the splitting of white light into its colours.\n")
    (vault / "Zoom.md").write_text("Magnification: how much larger an image is than its object.\n")
    real = pipeline.extract

    def extract(note, rules, view=None):  # type: ignore[no-untyped-def]
        if note.path == "Slow.md":
            stall(note)  # type: ignore[operator]
        return real(note, rules, view)

    monkeypatch.setattr(pipeline, "extract", extract)
    monkeypatch.setattr(budget, "BASE_SECONDS", 0.5)
    monkeypatch.setattr(work, "PARALLEL_MIN_BYTES", 0)
    out = tmp_path / "out.apkg"
    result = run(str(vault), "-o", str(out), "--jobs", jobs)
    assert result.exit_code == 3, result.output
    assert (
        result.stderr.splitlines()[0]
        == "warning: Slow.md:1: took too long to read (over 0.5 s of work for its size); skipped"
    )
    assert "Traceback" not in result.output
    from cards.since import read_package

    assert sorted(n.front_text for n in read_package(out).values()) == ["Magnification", "Refraction"]
    monkeypatch.setattr(pipeline, "extract", real)  # a good note that was only slow is tried again
    again = run(str(vault), "--dry-run", "--json")
    assert again.exit_code == 0, again.output
    assert fronts(again) == ["Refraction", "Dispersion", "Magnification"]


def _dead_pid() -> int:
    """The id of a process that has ended."""
    import subprocess
    import sys

    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_temp_files_of_killed_runs_are_removed_by_the_next(vault: Path, tmp_path: Path) -> None:
    out = tmp_path / "out" / "ml.apkg"
    out.parent.mkdir()
    dead, alive = _dead_pid(), os.getppid()
    stale = out.parent / f".ml.apkg.{dead}-x1.tmp"
    running = out.parent / f".ml.apkg.{alive}-x2.tmp"  # another run, still under way
    unrelated = out.parent / f".ml.apkg.notes-{dead}.tmp"
    for path in (stale, running, unrelated):
        path.write_bytes(b"half a package")
    cache = Path(os.environ["NOTECARDS_CACHE_DIR"])
    cache.mkdir(parents=True, exist_ok=True)
    (cache / f".notecards-{dead}-y.tmp").write_bytes(b"half a cache")
    assert run(str(vault), "-o", str(out)).exit_code == 0
    assert sorted(p.name for p in out.parent.iterdir()) == sorted(["ml.apkg", running.name, unrelated.name])
    assert not (cache / f".notecards-{dead}-y.tmp").exists()


def test_sigterm_while_writing_leaves_no_temp_file(
    vault: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import signal
    import time

    from cards.export import package as export
    from cards.tempfiles import exit_on_terminate

    def killed(*args: object) -> None:
        os.kill(os.getpid(), signal.SIGTERM)
        time.sleep(5)  # the handler raises before this ends
        raise AssertionError("SIGTERM did not end the write")

    previous = signal.getsignal(signal.SIGTERM)
    monkeypatch.setattr(export, "_write_new", killed)
    exit_on_terminate()
    try:
        with pytest.raises(SystemExit) as ended:
            export.write_package([], "ml", vault, tmp_path / "ml.apkg")
    finally:
        signal.signal(signal.SIGTERM, previous)
    assert ended.value.code == 128 + signal.SIGTERM
    assert list(tmp_path.glob("*.apkg*")) == [] and list(tmp_path.glob(".ml.apkg*")) == []


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_a_fifo_in_the_cache_folder_does_not_hang_the_run(vault: Path, tmp_path: Path) -> None:
    from cards.store import vault_file

    cache = Path(os.environ["NOTECARDS_CACHE_DIR"])
    cache.mkdir(parents=True, exist_ok=True)
    for suffix in (".store", ".apkg"):
        os.mkfifo(vault_file(vault, None, suffix))
    result = run(str(vault), "-o", str(tmp_path / "ml.apkg"))
    assert result.exit_code == 0, result.output
    assert fronts(run(str(vault), "--dry-run", "--json")) == ["Refraction"]


def _signals(item: int) -> tuple[object, object, object]:
    import signal

    return signal.getsignal(signal.SIGINT), signal.getsignal(signal.SIGTERM), signal.getsignal(signal.SIGPIPE)


@pytest.mark.skipif(not hasattr(os, "fork"), reason="workers are forked only where there is fork")
def test_workers_leave_ctrl_c_to_the_main_process_and_die_quietly(monkeypatch: pytest.MonkeyPatch) -> None:
    import signal

    from cards import pool

    monkeypatch.setattr(pool, "PARALLEL_MIN_ITEMS", 0)
    seen = set(pool.map_parallel(_signals, list(range(64)), jobs=2, chunk=4))
    assert seen == {(signal.SIG_IGN, signal.SIG_DFL, signal.SIG_DFL)}


def test_a_full_temporary_folder_is_one_line_and_leaves_nothing(
    vault: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sqlite3
    import tempfile

    from cards.export import package as export

    def full(*args: object, **kwargs: object) -> sqlite3.Connection:
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(export.sqlite3, "connect", full)
    out = tmp_path / "out" / "ml.apkg"
    result = run(str(vault), "-o", str(out), "--no-cache")
    assert result.exit_code == 1
    assert result.output == (
        f"Error: cannot write {out}: cannot build the collection in the temporary folder (database or disk is full)\n"
    )
    assert list(out.parent.iterdir()) == []
    assert not list(Path(tempfile.gettempdir()).glob(f"notecards-{os.getpid()}-*"))


class _Forged:
    """What a forged cache entry holds: a call to run on load (here, making a folder)."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return os.mkdir, (str(self.marker),)


def test_a_forged_cache_entry_runs_no_code_and_is_ignored(vault: Path, tmp_path: Path) -> None:
    import pickle

    from cards.pipeline import Options, options_key
    from cards.store import Store, fingerprint, note_key

    marker = tmp_path / "code-ran"
    note = (vault / "Optics.md").read_bytes()
    stamp = fingerprint(options_key(Options(deck="vault")))
    evil = pickle.dumps(_Forged(marker))
    store = Store.open(vault)  # written with the right key: the HMAC is sound, the value is not data
    store.put("note", stamp, note_key("Optics.md", note), evil)
    store.put("package", fingerprint("package"), b"package", evil)
    store.commit()
    store.close()
    listed = run(str(vault), "--dry-run", "--json")
    written = run(str(vault), "-o", str(tmp_path / "ml.apkg"))
    assert listed.exit_code == written.exit_code == 0, listed.output + written.output
    assert fronts(listed) == ["Refraction"]
    assert not marker.exists(), "a cache file ran code on load"


def test_the_cache_still_answers_for_its_own_entries(vault: Path) -> None:
    from cards.pipeline import build

    first = build(vault)
    again = build(vault)
    assert again.cards == first.cards and again.timings.notes_cached == 1
    (vault / "Other.md").write_text("Prism: a block of glass that splits light.\n")
    third = build(vault)  # the vault changed: Optics.md comes from the per-note cache, read as data
    assert third.timings.notes_cached == 1
    assert [c.front for c in third.cards] == ["Refraction", "Prism"]


def test_a_previous_package_that_unpacks_too_large_is_refused(
    vault: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cards import since

    old = tmp_path / "old.apkg"
    assert run(str(vault), "-o", str(old)).exit_code == 0
    monkeypatch.setattr(since, "MAX_COLLECTION_BYTES", 1000)  # a zip bomb, in small
    result = run(str(vault), "--dry-run", "--since", str(old))
    assert result.exit_code == 2
    assert result.output == f"Error: {old}: its collection is larger than 0 GB; not read\n"
    again = run(str(vault), "-o", str(old))
    assert again.exit_code == 2  # no longer recognised as a package: replaced only with --force
    assert "exists and is not an Anki package" in again.output


def test_cache_files_written_with_another_key_are_not_used(vault: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from cards import store as cache
    from cards.pipeline import build

    assert build(vault).timings.notes_cached == 0
    assert build(vault).timings.notes_cached == 1
    monkeypatch.setenv("NOTECARDS_CACHE_KEY", "the key of someone else")
    cache.cache_key.cache_clear()
    try:
        forged = build(vault)  # the files on disk carry a checksum made with the other key
        assert forged.timings.notes_cached == 0
        assert [c.front for c in forged.cards] == ["Refraction"]
    finally:
        cache.cache_key.cache_clear()


def test_without_a_key_given_one_is_kept_outside_the_cache_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import stat

    from cards import store as cache

    monkeypatch.delenv("NOTECARDS_CACHE_KEY")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    first, second = cache.cache_key.__wrapped__(), cache.cache_key.__wrapped__()
    kept = tmp_path / "config" / "notecards" / "cache.key"
    assert first == second == kept.read_bytes() and len(first) == 64
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600
    assert not str(kept).startswith(os.environ["NOTECARDS_CACHE_DIR"])


def test_an_output_that_is_a_link_loop_is_refused_in_one_line(vault: Path, tmp_path: Path) -> None:
    loop = tmp_path / "loop.apkg"
    loop.symlink_to(loop)
    result = run(str(vault), "-o", str(loop))
    assert result.exit_code == 2
    assert result.output == f"Error: {loop} is a link that leads nowhere (a loop); name another package file\n"


def test_an_embedded_link_loop_is_a_warning(vault: Path, tmp_path: Path) -> None:
    (vault / "loop.png").symlink_to(vault / "loop.png")
    (vault / "Lens.md").write_text(f"Lens: a curved glass ![](loop.png) that focuses light.\n\n{MIRROR}")
    (vault / "ok.png").write_bytes(b"\x89PNG fine")
    out = tmp_path / "out.apkg"
    result = run(str(vault), "-o", str(out))
    assert (result.exit_code, result.stdout) == (0, ""), result.output
    assert (
        result.stderr
        == f"warning: Lens.md:1: embedded file not found in the vault: loop.png\n{out}: 3 cards from 2 notes\n"
    )
    assert packaged_media(out) == {"ok.png": b"\x89PNG fine"}


@pytest.mark.parametrize("args", [[], ["--dry-run"], ["-o", "x.apkg"]])
def test_a_vault_that_is_a_link_loop_is_one_line(tmp_path: Path, args: list[str]) -> None:
    loop = tmp_path / "vault"
    loop.symlink_to(loop)
    result = run(str(loop), *args)
    assert result.exit_code == 2
    assert result.output == f"Error: vault not found: {loop}\n"
