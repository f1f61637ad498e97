"""Cards -> an Anki package (.apkg): the only module that knows genanki.

genanki's public API is used for what it gives: `Model`, `Deck`, `Note`, and `Package.write_to_db`
to build the collection. `Package.write_to_file` is not used (see `_write_apkg`): it wants every
note in memory and the media listed before the notes are made, and packs each file under its base
name from a copy named so. Two subclasses pass through genanki's own `write_to_db`: `_Note` to give
it a note's earlier time, `_StreamedDeck` to hand it notes as they are made."""

from __future__ import annotations

import errno
import json
import os
import re
import shutil
import sqlite3
import tempfile
import time
import zipfile
from collections.abc import Iterable, Iterator, Mapping, MutableMapping, Sequence
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import genanki

from ..model import Card, Kind, Problem
from ..pool import gc_paused
from ..since import SinceError, content_digest, is_collection_package, package_stamps
from ..store import PackageCache
from ..tempfiles import prefix_for, remove_stale, system_temp
from ..vault import readable_name
from .fields import note_fields, note_tags
from .html import render_ahead
from .media import MediaIndex, pack_media
from .notetypes import CSS, FIELDS, NOTE_TYPES, NoteType, deck_id, note_type_key
from .rows import Copied, Ids, Row, Written, card_digests, copy_notes, kept_collection

Made = genanki.Note | Copied
"""What the note maker hands the writer for a card."""


def _model(note_type: NoteType) -> genanki.Model:
    return genanki.Model(
        note_type.model_id,
        note_type.name,
        fields=[{"name": f} for f in FIELDS],
        templates=[{"name": name, "qfmt": front, "afmt": back} for name, front, back in note_type.templates],
        css=CSS,
        model_type=genanki.Model.CLOZE if note_type.cloze else genanki.Model.FRONT_BACK,
    )


MODELS: dict[str, genanki.Model] = {key: _model(note_type) for key, note_type in NOTE_TYPES.items()}


def model_for(card: Card) -> genanki.Model:
    return MODELS[note_type_key(card)]


class _Note(genanki.Note):  # type: ignore[misc]
    """A genanki note that may keep the modification time of an identical note written before
    (genanki has no per-note time: the package's timestamp is passed to `Note.write_to_db`)."""

    mod: int | None = None
    content: bytes = b""
    """since.content_digest of the note."""
    digest: bytes | None = None
    """The card's digest when the note depends on the card alone: its row may be copied next time."""

    def write_to_db(self, cursor: Any, timestamp: float, deck_id: int, id_gen: Any) -> None:
        super().write_to_db(cursor, self.mod or timestamp, deck_id, id_gen)


@dataclass
class _NoteMaker:
    """Makes the notes of cards, keeping what goes wrong in `problems`. A note identical to the one
    in the previous package (`previous`: its notes' since.package_stamps) keeps that note's time,
    so Anki's "update if newer" leaves it (and any edit the user made in Anki) alone. `rendered`:
    see html.to_html."""

    vault_name: str
    media: MediaIndex
    previous: Mapping[str, tuple[bytes, int]] = field(default_factory=dict)
    rendered: MutableMapping[str, str] | None = None
    problems: list[Problem] = field(default_factory=list)
    kept: Mapping[bytes, Row] = field(default_factory=dict)
    """The notes of the kept package that may be copied (PackageCache.rows), by card digest."""
    written: Written = field(default_factory=lambda: Written())
    """What `kept` will be for the next export: the notes written (`_StreamedDeck` records them)."""

    def notes(self, cards: Iterable[tuple[Card, bytes | None]]) -> Iterator[Made]:
        """The note of each card that makes one, made as asked for: a genanki note, or the
        note of the kept package to copy (`Copied`) when the card (its digest, card_digests)
        is the same as then."""
        for card, digest in cards:
            if _empty_cloze(card):
                # genanki would give such a note no card at all; Anki would flag it as empty.
                where = card.source
                self.problems.append(Problem(where.path, where.line, "cloze card without {{c1::...}} left out"))
                continue
            row = self.kept.get(digest) if digest is not None else None
            if row is not None and digest is not None:
                yield Copied(digest, row, self._mod(card.id, row[2]), card.id)
                continue
            problems = len(self.problems)
            note = self.note(card)
            if digest is not None and len(self.problems) == problems and not any("<img" in f for f in note.fields):
                note.digest = digest  # depends on the card alone: its row may be copied next time
            yield note

    def _mod(self, guid: str, content: bytes) -> int | None:
        before = self.previous.get(guid)
        return before[1] if before and before[1] and before[0] == content else None

    def note(self, card: Card) -> genanki.Note:
        fields = note_fields(card, self.vault_name, self.media, self.problems, self.rendered)
        guid = card.id  # a hash of the folded prompt: made once per note
        note = _Note(model=model_for(card), fields=fields, tags=note_tags(card), guid=guid, sort_field=card.front)
        note.content = content_digest(note.model.model_id, "\x1f".join(fields), note.tags)
        note.mod = self._mod(guid, note.content)
        if card.open:
            # An open question has no answer yet: in Anki it waits suspended instead of interrupting reviews.
            for anki_card in note.cards:
                anki_card.suspend = True
        return note

    def found(self) -> list[Problem]:
        """What went wrong, once each: an image missing from an answer and from its Extra is one warning."""
        return list(dict.fromkeys(self.problems))


_CLOZE_MARK = re.compile(r"\{\{c[1-9]\d*::")


def build_package(
    cards: Sequence[Card],
    deck: str,
    vault: Path,
    previous: Mapping[str, tuple[bytes, int]] | None = None,
    media: MediaIndex | None = None,
    rendered: MutableMapping[str, str] | None = None,
) -> tuple[genanki.Package, dict[str, Path], list[Problem]]:
    """The package, the media it needs (packaged name -> file in the vault), and what went wrong.
    `previous` holds the notes of the last package written to the same place."""
    media = media or MediaIndex(vault)
    maker = _NoteMaker(readable_name(vault.resolve().name), media, previous or {}, rendered)
    anki_decks = []
    for name, group in decks_of(cards, deck).items():
        anki_deck = genanki.Deck(deck_id(name), name)
        for note in maker.notes((card, None) for card in group):
            anki_deck.add_note(note)
        anki_decks.append(anki_deck)
    return genanki.Package(anki_decks), dict(media.used), maker.found()


def decks_of(cards: Iterable[Card], deck: str) -> dict[str, list[Card]]:
    """The cards by the Anki deck they go into: `deck`, first (even when empty: subdecks'
    parent), or with subdecks `deck::Folder::Subfolder`."""
    return {
        name: [card for card, _ in group] for name, group in decks_of_pairs(((c, None) for c in cards), deck).items()
    }


def decks_of_pairs(cards: Iterable[tuple[Card, bytes | None]], deck: str) -> dict[str, list[tuple[Card, bytes | None]]]:
    """decks_of, each card with its digest (card_digests)."""
    decks: dict[str, list[tuple[Card, bytes | None]]] = {deck: []}
    for card, digest in cards:
        decks.setdefault(f"{deck}::{card.subdeck}" if card.subdeck else deck, []).append((card, digest))
    return decks


def _empty_cloze(card: Card) -> bool:
    return card.kind == Kind.CLOZE and not _CLOZE_MARK.search(card.front)


class _StreamedDeck(genanki.Deck):  # type: ignore[misc]
    """A deck whose notes are made while they are written: a big vault's hundred thousand notes
    and their fields are never all in memory at once (100 MB at 10k notes). A note copied from the
    kept package (`Copied`) is written as genanki wrote it then, with the id, deck and time
    genanki would give it now: genanki has no public way to write a note's stored row, so its two
    INSERTs (Note and Card.write_to_db) are done here, from the kept rows, in SQL."""

    def __init__(
        self,
        deck_id: int,
        name: str,
        models: Iterable[genanki.Model],
        notes: Iterable[Made],
        written: Written | None = None,
    ):
        super().__init__(deck_id, name)
        for model in models:
            self.add_model(model)
        self.stream = notes
        self.written = Written() if written is None else written

    def write_to_db(self, cursor: Any, timestamp: float, id_gen: Any) -> None:
        super().write_to_db(cursor, timestamp, id_gen)  # the deck and its note types: no note is held
        ids: Ids = id_gen
        copied: list[tuple[int, int, int]] = []
        written = self.written
        for note in self.stream:
            nid = ids.next
            mod = int(note.mod or timestamp)
            if isinstance(note, Copied):
                old, cards, content = note.row
                copied.append((nid, mod, old))
                ids.next += 1 + cards
                written.note(note.digest, (nid, cards, content), note.guid, mod)
                continue
            note.write_to_db(cursor, timestamp, self.deck_id, id_gen)
            written.note(note.digest, (nid, len(note.cards), note.content), note.guid, mod, note.tags)
        copy_notes(cursor, copied, self.deck_id)


def _write_apkg(
    package: genanki.Package,
    media: MediaIndex,
    out: Path,
    problems: list[Problem] | None = None,
    kept: Path | None = None,
) -> None:
    """genanki's Package.write_to_file, kept here because no public way gives what it needs:
    the media are listed once the notes are written (the notes tell which files they embed; the
    notes are made while they are written, never all held), packed straight from the vault under
    their packaged names (genanki packs `os.path.basename` of each path: it would want copies
    named so), a file that cannot be read is a warning (genanki would fail the export), and the
    temporary collection is named so that one left by a killed run is removed. `kept`: the
    collection of the kept package, which copied notes (`Copied`) come from."""
    remove_stale(system_temp(), "notecards-", ".anki2")
    fd, db = tempfile.mkstemp(prefix=prefix_for("notecards-"), suffix=".anki2")
    os.close(fd)
    try:
        try:
            with closing(sqlite3.connect(db)) as conn:
                if kept is not None:
                    conn.execute("ATTACH DATABASE ? AS kept", (str(kept),))
                timestamp = time.time()
                package.write_to_db(conn.cursor(), timestamp, Ids(int(timestamp * 1000)))
                conn.commit()
        except sqlite3.Error as err:  # a full temporary folder: said as the OSError it is, not a traceback
            raise OSError(errno.ENOSPC, f"cannot build the collection in the temporary folder ({err})") from err
        files = dict(media.used)
        with zipfile.ZipFile(out, "w") as package_file:
            package_file.write(db, "collection.anki2")
            packed = pack_media(package_file, files, media.cited, [] if problems is None else problems)
            package_file.writestr("media", json.dumps({str(i): name for i, name in enumerate(packed)}))
    finally:
        os.unlink(db)


def _file_mode() -> int:
    """The mode a plain `open(..., "w")` would give a new file under the current umask."""
    umask = os.umask(0o022)
    os.umask(umask)
    return 0o666 & ~umask


def is_anki_package(path: Path) -> bool:
    """A zip holding an Anki collection (by its content, not a member's name): a file
    `write_package` may replace without asking."""
    return is_collection_package(path)


def write_package(
    cards: Iterable[Card],
    deck: str,
    vault: Path,
    out: Path,
    kept: PackageCache | None = None,
    jobs: int = 0,
    rendered: MutableMapping[str, str] | None = None,
) -> list[Problem]:
    """Write the package atomically: a temp file beside `out`, renamed over it when complete.

    Media are packed under their packaged names (two `diagram.png` in different folders get
    distinct names). When `out` already holds a
    package, its unchanged notes keep their time. With `kept` (the vault's PackageCache), the
    same cards, deck and media as the last package written give a copy of that package. With
    `rendered` (Markdown -> HTML, cache.remembered_html), the HTML it lacks is made on up to
    `jobs` processes (0: every core) and added to it; without, each text is rendered as written."""
    with gc_paused():
        return _write_package(list(cards), deck, vault, out, kept, jobs, rendered)


def _write_package(
    cards: list[Card],
    deck: str,
    vault: Path,
    out: Path,
    kept: PackageCache | None,
    jobs: int,
    rendered: MutableMapping[str, str] | None,
) -> list[Problem]:
    media = MediaIndex(vault)
    name = readable_name(vault.resolve().name)
    digests = card_digests(cards, name) if kept else None
    key = kept.key(b"".join(digests or ()), deck, name, sorted(media.by_name.items())) if kept else b""
    found = kept.get(key) if kept else None
    out.parent.mkdir(parents=True, exist_ok=True)
    remove_stale(out.parent, f".{out.name}.", ".tmp")  # left by a run that was killed
    fd, tmp = tempfile.mkstemp(prefix=prefix_for(f".{out.name}."), suffix=".tmp", dir=out.parent)
    os.close(fd)
    try:
        if found is not None:
            package_file, problems = found
            shutil.copyfile(package_file, tmp)
        else:
            found_rows = kept.rows() if kept else None
            with kept_collection(found_rows[0] if found_rows else None) as collection:
                rows = found_rows[1] if found_rows and collection else None
                before = rows.rows if rows else {}
                fresh = [c for c, d in zip(cards, digests or (), strict=True) if d not in before] if digests else cards
                render_ahead(fresh, rendered, jobs)
                # the package at `out` is most often the kept one: its stamps are known without reading it
                stamps = rows.stamps if rows and kept and kept.same(out, rows) else None
                problems, made = _write_new(
                    cards, digests, deck, vault, out, media, Path(tmp), rendered, before, collection, stamps
                )
            if kept:
                kept.put(key, Path(tmp), media.used, problems, made.rows, made.stamps)
        os.chmod(tmp, _file_mode())  # mkstemp makes the file private; a package is an ordinary file
        os.replace(tmp, out)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return problems


def _write_new(
    cards: list[Card],
    digests: list[bytes] | None,
    deck: str,
    vault: Path,
    out: Path,
    media: MediaIndex,
    tmp: Path,
    rendered: MutableMapping[str, str] | None,
    before: Mapping[bytes, Row],
    collection: Path | None,
    stamps: Mapping[str, tuple[bytes, int]] | None = None,
) -> tuple[list[Problem], Written]:
    """Build the package and write it to `tmp`; the notes of a package already at `out` lend
    their modification time to the unchanged ones (`stamps`: its since.package_stamps, when
    known). The notes of cards in `before` are copied from `collection` (the kept package's).
    Also what was written, for the next export."""
    try:
        previous = stamps if stamps is not None else package_stamps(out) if out.is_file() else {}
    except SinceError:
        previous = {}  # not ours or damaged: every note simply counts as changed
    maker = _NoteMaker(readable_name(vault.resolve().name), media, previous, rendered, kept=before)
    models = {model.model_id: model for card in cards if not _empty_cloze(card) for model in [model_for(card)]}
    pairs = zip(cards, digests, strict=True) if digests is not None else ((card, None) for card in cards)
    decks = [
        _StreamedDeck(deck_id(name), name, models.values() if n == 0 else (), maker.notes(group), maker.written)
        for n, (name, group) in enumerate(decks_of_pairs(pairs, deck).items())
    ]
    _write_apkg(genanki.Package(decks), media, tmp, maker.problems, collection)
    return maker.found(), maker.written
