"""How well the cards of a vault are tagged by topic.

    python bench/topics.py VAULT [VAULT ...]

Prints, for each vault:
- folders: of the cards from notes inside a folder, how many carry the tag naming that folder
  (topics.folder_topic of the card's first source);
- hubs: the hub notes found, the notes they list, and of the cards of those notes, how many carry
  the topic of every hub listing their note (all of them should: a share below 100% means a tag
  got lost on the way, in merging for example).
Numbers, not a test: run it on real vaults after changing how topics are found.
"""

from __future__ import annotations

import sys
from pathlib import Path

from cards.parse import parse_note
from cards.pipeline import Options, build
from cards.topics import folder_topic, hub_topic, hubs, note_links
from cards.vault import find_notes, read_note


def report(vault: Path) -> str:
    result = build(vault, Options(cache=False))
    foldered = [c for c in result.cards if folder_topic(c.source.path)]
    tagged = sum(1 for c in foldered if folder_topic(c.source.path).casefold() in {t.casefold() for t in c.tags})
    links = {}
    for path in find_notes(vault):
        note = parse_note(read_note(vault, path))
        links[note.path] = note_links(note)
    found = hubs(links)
    listing: dict[str, set[str]] = {}
    for hub, listed in found.items():
        if not hub_topic(hub):
            continue  # a contents page (Home, Index): no topic to carry
        for path in listed:
            listing.setdefault(path, set()).add(hub_topic(hub).casefold())
    listed_cards = [c for c in result.cards if c.source.path in listing]
    carrying = sum(1 for c in listed_cards if listing[c.source.path] <= {t.casefold() for t in c.tags})
    return (
        f"{vault.name}: {len(result.cards)} cards; folders: {tagged}/{len(foldered)} cards carry their folder's tag"
        f" ({_share(tagged, len(foldered))}); hubs: {len(found)} hubs list {len(listing)} notes,"
        f" {carrying}/{len(listed_cards)} of their cards carry every listing hub's topic"
        f" ({_share(carrying, len(listed_cards))})"
    )


def _share(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}%" if whole else "n/a"


if __name__ == "__main__":
    for arg in sys.argv[1:]:
        print(report(Path(arg)))
