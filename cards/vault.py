"""Find the notes of a vault and read them: bytes -> text with one `\\n` per line on disk.

No parsing here. Decoding is where messy notes are made readable: a UTF-8 BOM is dropped,
UTF-16/32 with a BOM is honoured, other bytes are guessed with charset-normalizer (and said),
CRLF and lone CR become `\\n`, and mojibake is repaired with ftfy. Line count never changes, so
a line number in the decoded text is the line number in the file on disk.
"""

from __future__ import annotations

import codecs
import os
import re
from collections.abc import Iterator
from pathlib import Path

import charset_normalizer
import ftfy

from .model import NoteFile, Problem

NOTE_SUFFIXES = (".md", ".markdown")
SKIPPED_SUFFIXES = (".excalidraw.md",)

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


class VaultError(Exception):
    """The vault as a whole cannot be read (it does not exist, or is not a folder)."""


class NoteError(Exception):
    """One note cannot be read; the run goes on without it."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


def find_notes(root: Path) -> Iterator[Path]:
    """Every note below root, sorted, skipping dot-folders and never looping through symlinks.

    A symlinked folder is followed only once and only while it stays inside the vault.
    """
    if not root.exists():
        raise VaultError(f"vault not found: {root}")
    if not root.is_dir():
        raise VaultError(f"vault is not a folder: {root}")
    top = root.resolve()
    seen: set[Path] = set()

    def visit(folder: Path) -> Iterator[Path]:
        real = folder.resolve()
        if real in seen or not real.is_relative_to(top):
            return
        seen.add(real)
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError:
            return
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path = Path(entry.path)
            try:
                is_dir = entry.is_dir()
            except OSError:
                continue
            if is_dir:
                yield from visit(path)
            elif is_note_name(entry.name):
                yield path

    yield from visit(root)


def is_note_name(name: str) -> bool:
    lower = name.lower()
    return lower.endswith(NOTE_SUFFIXES) and not lower.endswith(SKIPPED_SUFFIXES)


def relative(root: Path, path: Path) -> str:
    return path.relative_to(root).as_posix()


def read_note(root: Path, path: Path) -> NoteFile:
    """Read and decode one note. Raises NoteError when it cannot be read at all."""
    rel = relative(root, path)
    text, encoding, problems = decode(rel, read_bytes(rel, path))
    return NoteFile(path=rel, text=text, encoding=encoding, problems=problems)


def read_bytes(rel: str, path: Path) -> bytes:
    """The bytes of one note. Raises NoteError when it cannot be read at all."""
    try:
        return path.read_bytes()
    except OSError as err:
        reason = err.strerror or type(err).__name__
        raise NoteError(Problem(rel, 1, f"cannot read: {reason}", skipped=True)) from err


def decode(rel: str, data: bytes) -> tuple[str, str, tuple[Problem, ...]]:
    """Bytes to text, as described in the module docstring."""
    problems: list[Problem] = []
    encoding = ""
    for bom, name in _BOMS:
        if data.startswith(bom):
            encoding = name
            break
    if not encoding:
        if b"\x00" in data:
            raise NoteError(Problem(rel, 1, "binary file, not a text note", skipped=True))
        try:
            data.decode("utf-8")
            encoding = "utf-8"
        except UnicodeDecodeError as err:
            line = data.count(b"\n", 0, err.start) + 1
            guess = charset_normalizer.from_bytes(data).best()
            encoding = guess.encoding if guess else "cp1252"
            if encoding in ("ascii", "utf_8"):
                encoding = "cp1252"
            problems.append(Problem(rel, line, f"not UTF-8; read as {encoding}"))
    text = data.decode(encoding, errors="replace")
    text = text.lstrip("\ufeff") if encoding.startswith("utf") else text
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return repair(text), encoding.replace("_", "-"), tuple(problems)


# A line ftfy returns unchanged: printable ASCII and tabs, no `&` (an HTML entity to decode).
_CLEAN_LINE = re.compile(r"[\t\x20-\x25\x27-\x7e]*\n?")


def fix_text(text: str) -> str:
    """ftfy.fix_text, skipping the lines it cannot change (most lines of most notes): ftfy fixes
    a text line by line, and the one state it carries from line to line (`unescape_html="auto"`
    is switched off from the first `<` on) is carried here too. Same result, a fraction of the time."""
    out: list[str] = []
    html_seen = False
    pos, end = 0, len(text)
    while pos < end:
        stop = text.find("\n", pos) + 1 or end
        if not _CLEAN_LINE.fullmatch(text, pos, stop):
            segment = text[pos:stop]
            auto = "auto" if not html_seen else False
            out.append(ftfy.fix_text(segment, fix_line_breaks=False, normalization=None, unescape_html=auto))
        else:
            out.append(text[pos:stop])
        html_seen = html_seen or "<" in text[pos:stop]
        pos = stop
    return "".join(out)


# UTF-8 `”` (E2 80 9D) read as cp1252 loses its last byte, which cp1252 does not map: `â€` is left
# before a space or the line's end, and ftfy would read it as a dagger (`†`). Give the byte back.
_LOST_CLOSING_QUOTE = re.compile("\u00e2\u20ac(?=[ \t\n]|$)", re.M)


def repair(text: str) -> str:
    """Repair mojibake without changing the number of lines."""
    text = _LOST_CLOSING_QUOTE.sub("\u00e2\u20ac\u009d", text)
    fixed = fix_text(text)
    if fixed.count("\n") == text.count("\n"):
        return fixed
    return "\n".join(ftfy.fix_text(line, fix_line_breaks=False, normalization=None) for line in text.split("\n"))
