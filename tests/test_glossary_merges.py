"""No false merges on a glossary where every term has its own note (../shared/glossary-vault).

There a card citing two notes is a false merge unless one note is the other's abbreviation
("Abbreviation for [[...]]") or a bare pointer to it ("See [[...]]"), or both cards name the
same term (another note defines the term in passing: one idea, merged on purpose).

    PYTHONPATH=. python tests/test_glossary_merges.py   # prints the counts
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

import pytest

from cards.aliases import note_aliases
from cards.merge import merge_groups, term_key
from cards.model import Card, Kind, Note, Source
from cards.parse import parse_note
from cards.pipeline import Options, build
from cards.vault import find_notes, read_note

GLOSSARY = Path(__file__).resolve().parents[2] / "shared" / "glossary-vault"
_POINTER = re.compile(
    r"^\s*(?:abbreviation\s+for|short\s+form\s+of|see)\s+(?:the\s+)?\[\[([^\]|#]+)(?:\|([^\]]+))?\]\]", re.I
)


def _notes(vault: Path) -> list[Note]:
    return [parse_note(read_note(vault, path)) for path in find_notes(vault)]


def _pointers(notes: list[Note]) -> set[frozenset[str]]:
    """Pairs of note paths where one note only points at the other."""
    by_title = {term_key(n.title): n.path for n in notes} | {n.title.casefold(): n.path for n in notes}
    pairs: set[frozenset[str]] = set()
    for note in notes:
        first = next((b.text for b in note.walk() if b.text.strip() and not b.text.startswith("#")), "")
        match = _POINTER.match(first)
        for name in match.group(1, 2) if match else ():
            name = (name or "").strip()
            target = by_title.get(name.casefold()) or by_title.get(term_key(name))
            if target and target != note.path:
                pairs.add(frozenset((note.path, target)))
    return pairs


def classify(groups: list[list[Card]], pointers: set[frozenset[str]]) -> Counter[str]:
    """Each group citing two notes or more: `pointer`, `same term` or `false`."""
    counts: Counter[str] = Counter()
    for group in groups:
        paths = {s.path for c in group for s in c.sources}
        if len(paths) < 2:
            continue
        if len(paths) == 2 and frozenset(paths) in pointers:
            counts["pointer"] += 1
        elif len({term_key(c.front) for c in group}) == 1:
            counts["same term"] += 1
        else:
            counts["false"] += 1
    return counts


def title_cards(notes: list[Note]) -> list[Card]:
    """One definition per note, its title as the term: what a glossary is made of."""
    out = []
    for note in notes:
        first = next((b for b in note.walk() if b.kind == "paragraph" and b.text.strip()), None)
        if first is not None:
            out.append(Card(Kind.DEFINITION, note.title, first.text, (Source(note.path, first.line),), deck="g"))
    return out


def counts(vault: Path) -> tuple[Counter[str], Counter[str]]:
    """(counts for one title card per note, counts for the whole pipeline)."""
    notes = _notes(vault)
    pointers = _pointers(notes)
    aliases = [pair for note in notes for pair in note_aliases(note)]
    titles = classify(merge_groups(title_cards(notes), aliases), pointers)
    result = build(vault, Options(deck="g"))
    pipeline = classify([[card] for card in result.cards], pointers)
    return titles, pipeline


@pytest.fixture(scope="module")
def glossary() -> tuple[Counter[str], Counter[str]]:
    if not GLOSSARY.is_dir():
        pytest.skip("../shared/glossary-vault is not here")
    return counts(GLOSSARY)


def test_title_cards_merge_only_abbreviations(glossary: tuple[Counter[str], Counter[str]]) -> None:
    titles, _ = glossary
    assert titles["false"] == 0 and titles["same term"] == 0
    assert titles["pointer"] >= 10  # the abbreviation notes did join their long forms


def test_pipeline_merges_no_two_terms(glossary: tuple[Counter[str], Counter[str]]) -> None:
    _, pipeline = glossary
    # every term has a note of its own: a card citing two notes that are not abbreviation and
    # long form is a false merge, even when both name the same term (one defines it in passing)
    assert pipeline["false"] == 0 and pipeline["same term"] == 0


if __name__ == "__main__":
    vault = Path(sys.argv[1]) if len(sys.argv) > 1 else GLOSSARY
    titles, pipeline = counts(vault)
    print(f"title cards: {dict(titles)}")
    print(f"pipeline:    {dict(pipeline)}")
