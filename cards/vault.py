"""Find the notes of a vault and read them: bytes -> text with one `\\n` per line on disk.

No parsing here. Decoding is where messy notes are made readable: a UTF-8 BOM is dropped,
UTF-16/32 with a BOM is honoured, other bytes are guessed with charset-normalizer (and said),
CRLF and lone CR become `\\n`, and mojibake is repaired with ftfy. Line count never changes, so
a line number in the decoded text is the line number in the file on disk.

Nothing here writes: files are only ever opened for reading. What cannot be read is a Problem
naming the file, never an exception that stops the run; only a vault that is missing or not a
folder raises (VaultError).
"""

from __future__ import annotations

import codecs
import errno
import json
import os
import re
import stat
from collections.abc import Iterator
from pathlib import Path

import charset_normalizer
import ftfy

from .errors import UsageError
from .model import NoteFile, Problem

NOTE_SUFFIXES = (".md", ".markdown")
MAX_NOTE_BYTES = 2_000_000
"""Notes larger than this (about 300,000 words: a pasted log or dump, not notes) are skipped with a
warning: parsing takes about 5 s per MB, so a 50 MB file would hold the run for minutes.
`read_note(max_bytes=...)` and `pipeline.Options.max_note_bytes` change it."""
SKIPPED_SUFFIXES = (".excalidraw.md",)

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


class VaultError(UsageError):
    """The vault as a whole cannot be read (it does not exist, or is not a folder)."""


class NoteError(Exception):
    """One note cannot be read; the run goes on without it."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


# Folders of installed packages a project keeps beside its notes: their READMEs are the packages'
# documentation, not the student's notes.
_PACKAGE_FOLDERS = frozenset({"node_modules", "bower_components", "site-packages", "__pycache__"})


def find_notes(root: Path, problems: list[Problem] | None = None) -> Iterator[Path]:
    """Every note below root, sorted, skipping dot-folders, package folders (`node_modules`), the
    folder Obsidian's settings name for templates and a published vault's front page (its top
    `README.md` beside other notes), and never looping through symlinks.

    A symlink (to a folder or a note) is followed only while it stays inside the vault, and a folder
    only once. What is passed over that way, or cannot be listed, is appended to `problems`.
    """
    if not root.exists():
        raise VaultError(f"vault not found: {root}")
    if not root.is_dir():
        raise VaultError(f"vault is not a folder: {root}")
    top = root.resolve()
    seen: set[Path] = set()
    found = problems if problems is not None else []

    def skip(path: Path, message: str) -> None:
        found.append(Problem(relative(root, path), 1, message, skipped=True))

    def inside(path: Path) -> Path | None:
        try:
            real = path.resolve(strict=True)
        except (OSError, RuntimeError):  # a dangling link, a link loop
            skip(path, "link leads nowhere (broken or a loop); not followed")
            return None
        if not real.is_relative_to(top):
            skip(path, "link leads outside the vault; not followed")
            return None
        return real

    links: list[Path] = []  # linked folders wait until every real folder is read
    site = _site_notes(root)
    start = site if site is not None else root  # its top README, if any, is the repository's front page
    templates = _template_folders(root, site or root)

    def visit(folder: Path, via_link: bool = False) -> Iterator[Path]:
        real = inside(folder) if via_link else folder.resolve()
        if real is None:
            return
        if real in seen:
            if via_link and folder.parent.resolve().is_relative_to(real):
                skip(folder, "link to a folder it is in (a loop); not followed")
            return
        seen.add(real)
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as err:
            skip(folder, f"cannot list folder: {err.strerror or type(err).__name__}")
            return
        front_page = _repository_front_page(entries) if folder == start else ""
        for entry in entries:
            if entry.name.startswith(".") or entry.name in _PACKAGE_FOLDERS or entry.name == front_page:
                continue
            path = Path(entry.path)
            try:
                is_dir = entry.is_dir()
                is_link = entry.is_symlink()
            except OSError:  # a link to itself
                if is_note_name(entry.name):
                    skip(path, "link leads nowhere (broken or a loop); not followed")
                continue
            if is_dir and _in(templates, root, path):
                continue
            if is_dir and is_link:
                links.append(path)
            elif is_dir:
                yield from visit(path, via_link)
            elif is_note_name(entry.name) and (not is_link or inside(path) is not None):
                yield path

    yield from visit(start)
    while links:
        yield from visit(links.pop(0), via_link=True)


def _repository_front_page(entries: list[os.DirEntry[str]]) -> str:
    """The name of the `README.md` at the top of a vault published as a repository, beside its notes
    or their folders: the page that tells visitors what the repository is and how to build its site
    ("Notes intended to be viewed with the Obsidian app", "CSE 444 - Database Internals"), not a note.
    "" when there is none, or when it is the vault's only note."""
    readme = next((e.name for e in entries if e.name.lower() == "readme.md"), "")
    others = (e for e in entries if e.name != readme and not e.name.startswith(".") and e.name not in _PACKAGE_FOLDERS)
    return readme if readme and any(is_note_name(e.name) or _is_folder(e) for e in others) else ""


def _is_folder(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()
    except OSError:  # a link to itself
        return False


# A Quartz site: its notes are in `content/`; beside them `docs/` is Quartz's own manual and `quartz/`
# its code, no notes of the user's.
_SITE_CONFIGS = ("quartz.config.ts", "quartz.config.js", "quartz.config.mjs")


def _site_notes(root: Path) -> Path | None:
    """The folder of notes when the vault is a Quartz site's repository, else None."""
    content = root / "content"
    if content.is_symlink() or not content.is_dir():
        return None  # a linked `content/` is read as any link is, only while it stays inside the vault
    return content if any((root / name).is_file() for name in _SITE_CONFIGS) else None


# Where Obsidian keeps the vault's templates, as its settings say: the core Templates plugin's
# folder and the Templater plugin's. A template is the shape of notes to come ("Sunlight: How much
# sunlight does it need?"), not knowledge.
_TEMPLATE_SETTINGS = (
    (".obsidian/templates.json", "folder"),
    (".obsidian/plugins/templater-obsidian/data.json", "templates_folder"),
)
_MAX_SETTINGS_BYTES = 1_000_000


def _template_folders(root: Path, vault: Path) -> frozenset[str]:
    """The folders the vault's Obsidian settings name as its templates', as paths below `vault`
    (where `.obsidian/` is), case folded. A setting that cannot be read or names no folder below
    the vault's top (empty, "/") is no setting: Obsidian's own files are no notes to warn about."""
    found: set[str] = set()
    for name, key in _TEMPLATE_SETTINGS:
        try:
            folder = json.loads(vault_file_bytes(root, vault / name, _MAX_SETTINGS_BYTES)).get(key)
        except (OSError, ValueError, AttributeError):
            continue
        parts = [p for p in str(folder).replace("\\", "/").split("/") if p not in ("", ".")] if folder else []
        if parts and ".." not in parts:
            found.add((vault.relative_to(root) / "/".join(parts)).as_posix().casefold())
    return frozenset(found)


# The List Callouts plugin's settings: a list of `{"char": "&", "color": ..., "icon": ...}`, one per
# mark a list item may open with (`- $ a key fact`) to be coloured as that kind of item
_LIST_CALLOUT_SETTINGS = ".obsidian/plugins/obsidian-list-callouts/data.json"


def list_callout_marks(root: Path) -> str:
    """The marks the vault's List Callouts plugin colours list items by, as its settings name them:
    "" when it has no such settings, or they cannot be read. Only marks that cannot open a list
    item's words themselves count (not a letter, a digit or a bullet)."""
    try:
        settings = json.loads(vault_file_bytes(root, (_site_notes(root) or root) / _LIST_CALLOUT_SETTINGS, 100_000))
    except (OSError, ValueError):
        return ""
    if not isinstance(settings, list):
        return ""
    marks = (str(entry.get("char", "")) for entry in settings if isinstance(entry, dict))
    return "".join(sorted({m for m in marks if len(m) == 1 and not m.isalnum() and not m.isspace() and m not in "-*+"}))


def _in(folders: frozenset[str], root: Path, path: Path) -> bool:
    return bool(folders) and relative(root, path).casefold() in folders


def is_note_name(name: str) -> bool:
    lower = name.lower()
    return lower.endswith(NOTE_SUFFIXES) and not lower.endswith(SKIPPED_SUFFIXES)


def relative(root: Path, path: Path) -> str:
    return readable_name(path.relative_to(root).as_posix())


def readable_name(name: str) -> str:
    """A file name as text: names that are not UTF-8 on disk (Python keeps their bytes as lone
    surrogates, which no output can encode) are read as Windows-1252, like such notes' text."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return os.fsencode(name).decode("cp1252", errors="replace")
    return name


def read_note(root: Path, path: Path, max_bytes: int = MAX_NOTE_BYTES) -> NoteFile:
    """Read and decode one note. Raises NoteError when it cannot be read at all."""
    rel = relative(root, path)
    text, encoding, problems = decode(rel, note_bytes(rel, path, max_bytes))
    return NoteFile(path=rel, text=text, encoding=encoding, problems=problems)


def note_bytes(rel: str, path: Path, max_bytes: int = MAX_NOTE_BYTES) -> bytes:
    """The bytes of one note. Raises NoteError when it cannot be read, or is over `max_bytes`."""
    try:
        data = read_bytes(path, max_bytes + 1)
    except OSError as err:
        reason = err.strerror or type(err).__name__
        raise NoteError(Problem(rel, 1, f"cannot read: {reason}", skipped=True)) from err
    if len(data) > max_bytes:
        message = f"larger than {max_bytes // 1_000_000} MB; skipped (not parsed, to keep the run fast)"
        raise NoteError(Problem(rel, 1, message, skipped=True))
    return data


def read_bytes(path: Path, limit: int) -> bytes:
    """At most `limit` bytes of a regular file, opened read-only. Opened without blocking and
    checked, so that a FIFO or a device named `.md` cannot hold the run forever."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OSError(errno.EINVAL, "not a regular file")
        return handle.read(limit)


def vault_file_bytes(root: Path, path: Path, limit: int) -> bytes:
    """The bytes of a file the run reads beside the notes (the ignore file, an image): through the
    same door as notes. Only a regular file inside the vault is read (a link may lead elsewhere in
    the vault, never out; no folder, FIFO or device), at most `limit` bytes. Raises OSError whose
    `strerror` says why, in words fit for a one-line warning; nothing of the file is in it."""
    try:
        real = path.resolve(strict=True)
    except FileNotFoundError:
        raise
    except (OSError, RuntimeError) as err:  # a link loop, a folder that cannot be entered
        raise OSError(errno.ELOOP, "link leads nowhere (broken or a loop)") from err
    if not real.is_relative_to(root.resolve()):
        raise OSError(errno.EACCES, "link leads outside the vault")
    try:
        data = read_bytes(real, limit + 1)
    except IsADirectoryError as err:
        raise OSError(errno.EINVAL, "not a regular file") from err
    except OSError as err:
        raise OSError(err.errno, err.strerror or type(err).__name__) from err
    if len(data) > limit:
        raise OSError(errno.EFBIG, f"larger than {_size(limit)}")
    return data


def _size(limit: int) -> str:
    return f"{limit // 1_000_000} MB" if limit >= 1_000_000 else f"{limit // 1000} KB"


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
            encoding = guess_encoding(data)
            problems.append(Problem(rel, line, f"not UTF-8; read as {encoding}"))
    text = data.decode(encoding, errors="replace")
    if _looks_binary(text):
        raise NoteError(Problem(rel, 1, "binary file, not a text note", skipped=True))
    text = text.lstrip("\ufeff") if encoding.startswith("utf") else text
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return repair(text), encoding.replace("_", "-"), tuple(problems)


# Control characters other than tab, line breaks, form feed and escape; C1 controls but the line
# break NEL (U+0085); U+FFFD.
_ODD_CHARACTER = re.compile("[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f-\x84\x86-\x9f\ufffd]")


def _looks_binary(text: str) -> bool:
    """Control characters and undecodable bytes in more than 1 of 20 characters: not prose."""
    sample = text[:100_000]
    return len(_ODD_CHARACTER.findall(sample)) * 20 > len(sample)


_WESTERN = "cp1252"
_INSIDE_WORD = re.compile(r"(?<=[^\W\d_])[^\x00-\x7f\w](?=[^\W\d_])")


def guess_encoding(data: bytes) -> str:
    """The encoding of bytes that are not UTF-8.

    Windows-1252 (what Latin-1 notes are, in practice) when the text reads as Western prose: its
    accented letters sit among plain ones (`café`, `Straße`), never a symbol inside a word. Text
    in another code page read as cp1252 fails that: Cyrillic and Greek become words made only of
    accented letters (`Ïðèâåò`), Central European gets symbols inside words (`Za¿ó³æ`). Then
    charset-normalizer guesses, and among its equally good guesses cp1252 still wins."""
    western = _western_text(data)
    if western:
        return _WESTERN
    matches = list(charset_normalizer.from_bytes(data))
    if not matches:
        return _WESTERN
    best = matches[0]
    tied = [m.encoding for m in matches if m.chaos <= best.chaos + 0.01]
    lookalike = any(e == _WESTERN or e.startswith(("mac_", "iso8859_1", "latin")) for e in tied)
    if best.encoding in ("ascii", "utf_8") or (lookalike and western is not None):
        return _WESTERN
    return best.encoding


def _western_text(data: bytes) -> bool | None:
    """True when the bytes read as Western prose in cp1252 (see guess_encoding), None when they
    are not cp1252 at all."""
    try:
        text = data.decode(_WESTERN)
    except UnicodeDecodeError:
        return None
    letters = [ch for ch in text if ch.isalpha()]
    accented = sum(1 for ch in letters if ch > "\x7f")
    return accented * 3 <= len(letters) and not _INSIDE_WORD.search(text)


def _decodes(data: bytes, encoding: str) -> bool:
    try:
        data.decode(encoding)
    except UnicodeDecodeError:
        return False
    return True


# Only undo encoding damage: the writer's curly quotes, full-width forms and line breaks stay.
_FTFY = {
    "fix_line_breaks": False,
    "normalization": None,
    "uncurl_quotes": False,
    "fix_character_width": False,
    "unescape_html": False,  # `&lt;div&gt;` is the writer's text: decoded it would become a tag
}


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")

# A line ftfy returns unchanged: printable ASCII and tabs, no `&` (an HTML entity to decode).
_CLEAN_LINE = re.compile(r"[\t\x20-\x25\x27-\x7e]*\n?")


def fix_text(text: str) -> str:
    """ftfy.fix_text with _FTFY, skipping the lines it cannot change (most lines of most notes):
    with HTML unescaping off, ftfy fixes a text line by line with no state carried between lines.
    Same result, a fraction of the time."""
    out: list[str] = []
    pos, end = 0, len(text)
    while pos < end:
        stop = text.find("\n", pos) + 1 or end
        segment = text[pos:stop]
        out.append(segment if _CLEAN_LINE.fullmatch(segment) else ftfy.fix_text(segment, **_FTFY))
        pos = stop
    return "".join(out)


# UTF-8 `”` (E2 80 9D) read as cp1252 loses its last byte, which cp1252 does not map: `â€` is left
# before a space or the line's end, and ftfy would read it as a dagger (`†`). Give the byte back.
_LOST_CLOSING_QUOTE = re.compile("\u00e2\u20ac(?=[ \t\n]|$)", re.M)


def repair(text: str) -> str:
    """Repair mojibake without changing the number of lines."""
    if text.isascii() and not _CONTROL.search(text):  # nothing ftfy would change; it costs ~4 s per MB
        return text
    text = _LOST_CLOSING_QUOTE.sub("\u00e2\u20ac\u009d", text)
    fixed = fix_text(text)
    if fixed.count("\n") == text.count("\n"):
        return fixed
    return "\n".join(ftfy.fix_text(line, **_FTFY) for line in text.split("\n"))
