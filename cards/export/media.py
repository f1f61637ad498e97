"""The files cards embed: found in the vault the way Obsidian finds them, named in the cards'
HTML by their packaged name, and packed into the package straight from the vault."""

from __future__ import annotations

import hashlib
import html
import json
import os
import re
import shutil
import zipfile
from collections.abc import Mapping
from pathlib import Path
from urllib.parse import unquote

from ..model import Card, Problem
from ..since import regular_file
from .html import SCHEME


def attachment_folder(vault: Path) -> str:
    """Obsidian's "Default location for new attachments" (`.obsidian/app.json`,
    `attachmentFolderPath`): `/` the vault root, `./` or `./sub` beside the note, else a folder
    of the vault. "" when it is not set."""
    try:
        config = json.loads((vault / ".obsidian" / "app.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return ""
    folder = config.get("attachmentFolderPath", "") if isinstance(config, dict) else ""
    if not isinstance(folder, str):
        return ""
    folder = folder.strip()
    return folder if folder.startswith("./") else folder.strip("/")


def _resolved(path: Path) -> Path | None:
    """The real path, or None for a link that loops (Path.resolve raises then)."""
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        return None


MAX_MEDIA_BYTES = 100_000_000
"""An embedded file larger than this (a film, a disk image) does not travel: a warning names it."""


class MediaIndex:
    """Finds the files cards embed, the way Obsidian does: relative to the note, from the vault
    root, or by name anywhere in the vault. Never outside the vault."""

    def __init__(self, vault: Path) -> None:
        self.root = vault.resolve()
        self.by_name: dict[str, Path] = {}
        for dirpath, dirnames, filenames in os.walk(self.root):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
            for name in sorted(filenames):
                self.by_name.setdefault(name.lower(), Path(dirpath) / name)
        self.used: dict[str, Path] = {}
        self.attachments = attachment_folder(self.root)
        self.cited: dict[str, tuple[str, int]] = {}
        """Packaged name -> the note and line that first embeds it, to name when it cannot be packed."""
        self._unusable: dict[tuple[str, str], str] = {}

    def find(self, note_path: str, target: str) -> Path | None:
        """The file a note embeds, or None when it is not in the vault (see `refused`), or is a
        file that must not travel (see `why`)."""
        target = unquote(target).split("|")[0].strip()
        if not target or self.refused(note_path, target):
            return None
        folder = (self.root / note_path).parent
        attachments = (
            folder / self.attachments[2:] if self.attachments.startswith("./") else self.root / self.attachments
        )
        for candidate in (folder / target, self.root / target, attachments / target):
            real = _resolved(candidate)
            if real and real.is_relative_to(self.root) and real.exists() and not real.is_dir():
                return self._usable(note_path, target, real)
        found = self.by_name.get(Path(target).name.lower())
        real = _resolved(found) if found else None
        if real and real.is_relative_to(self.root) and real.exists() and not real.is_dir():
            return self._usable(note_path, target, real)
        return None

    def _usable(self, note_path: str, target: str, real: Path) -> Path | None:
        """`real` when it may travel as media: not hidden (a dot-folder such as `.git`, or a dot-file),
        a regular file that can be opened, at most MAX_MEDIA_BYTES. Else why not is kept for `why`."""
        why = None
        if any(part.startswith(".") for part in real.relative_to(self.root).parts):
            why = "refused, it is hidden (in a dot-folder or a dot-file)"
        else:
            try:
                with regular_file(real) as handle:
                    if os.fstat(handle.fileno()).st_size > MAX_MEDIA_BYTES:
                        why = f"refused, it is larger than {MAX_MEDIA_BYTES // 1_000_000} MB"
            except OSError as err:
                why = f"cannot be read ({err.strerror or type(err).__name__})"
        if why is None:
            return real
        self._unusable[note_path, target] = why
        return None

    def why(self, note_path: str, target: str) -> str | None:
        """Why `find` passed over a file it found, or None."""
        return self._unusable.get((note_path, unquote(target).split("|")[0].strip()))

    def refused(self, note_path: str, target: str) -> bool:
        """True when an embed reaches outside the vault: a URL (`file:`, `C:`), an absolute path, `..`
        climbing above the vault, or a link in the vault that leads out. Such files never travel."""
        target = unquote(target).split("|")[0].strip()
        if SCHEME.match(target) or target.startswith(("/", "\\")) or Path(target).is_absolute():
            return True
        for base in ((self.root / note_path).parent, self.root):
            lexical = Path(os.path.normpath(base / target))
            if not lexical.is_relative_to(self.root):
                return True
            if os.path.lexists(lexical) and not (_resolved(lexical) or self.root).is_relative_to(self.root):
                return True
        found = self.by_name.get(Path(target).name.lower())
        return found is not None and not (_resolved(found) or self.root).is_relative_to(self.root)

    def packaged_name(self, path: Path) -> str:
        name = path.name
        taken = {used.lower(): original for used, original in self.used.items()}
        if taken.get(name.lower(), path) != path:  # Anki's media folder may ignore case
            # from the vault-relative path, so the name (and the card's HTML) is the same on every machine
            where = path.relative_to(self.root).as_posix()
            name = f"{hashlib.sha256(where.encode()).hexdigest()[:8]}-{name}"
        self.used[name] = path
        return name


_IMG = re.compile(r"<img\b[^>]*>")
_ATTR = re.compile(r'\b(src|alt|width|height)="([^"]*)"')
_SIZE = re.compile(r"^(.*?)\|\s*(\d+)(?:\s*x\s*(\d+))?\s*$")


def with_media(fragment: str, card: Card, media: MediaIndex, problems: list[Problem]) -> str:
    """Point every local image at its packaged name, and read Obsidian's `alt|400` / `alt|400x300`
    size syntax. A missing file is a warning; the card keeps an image tag naming it."""
    if "<img" not in fragment:
        return fragment

    def swap(match: re.Match[str]) -> str:
        attrs = {k: html.unescape(v) for k, v in _ATTR.findall(match.group(0))}
        src = attrs.get("src", "")
        size = _SIZE.match(attrs.get("alt", ""))
        if size:
            attrs["alt"], attrs["width"] = size.group(1).strip(), size.group(2)
            if size.group(3):
                attrs["height"] = size.group(3)
        if src and not src.startswith(("http://", "https://")):  # sanitize() removed remote sources
            found = next((f for s in card.sources if (f := media.find(s.path, src))), None)
            if found is None:
                where = card.source
                outside = any(media.refused(s.path, src) for s in card.sources)
                why = "refused, it is outside the vault" if outside else "not found in the vault"
                why = next((w for s in card.sources if (w := media.why(s.path, src))), why)
                problems.append(Problem(where.path, where.line, f"embedded file {why}: {src}"))
                attrs["src"] = Path(unquote(src)).name
            else:
                attrs["src"] = media.packaged_name(found)
                media.cited.setdefault(attrs["src"], (card.source.path, card.source.line))
        return "<img " + " ".join(f'{k}="{html.escape(v)}"' for k, v in attrs.items() if v or k == "alt") + ">"

    return _IMG.sub(swap, fragment)


def pack_media(
    package_file: zipfile.ZipFile,
    files: Mapping[str, Path],
    cited: Mapping[str, tuple[str, int]],
    problems: list[Problem],
) -> list[str]:
    """Each file into the package as member 0, 1, ... (the packaged names, in that order, are
    returned). A file that cannot be read now (it changed since it was found) is left out with a
    warning naming the note and line that embed it: one image never fails the export."""
    packed: list[str] = []
    for name, original in files.items():
        try:
            with regular_file(original) as source, package_file.open(str(len(packed)), "w") as member:
                shutil.copyfileobj(source, member, 1 << 20)
        except OSError as err:
            path, line = cited.get(name, ("", 1))
            problems.append(Problem(path, line, f"embedded file cannot be read ({err.strerror or err}): {name}"))
            continue
        packed.append(name)
    return packed
