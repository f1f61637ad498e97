"""The whole run as one library call: read -> parse -> extract -> merge, nothing printed.

Reading, parsing and extracting are per note (`note_result`); `work.process_vault` runs them on
every core and takes unchanged notes from the cache. Merging and sorting see the whole vault.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, fields, replace
from functools import lru_cache, partial
from pathlib import Path

from .aliases import note_aliases, spelled_aliases
from .answers import find_answers, note_passages
from .budget import OverBudget, cpu_budget, note_seconds
from .extract import NoteView, Rule, extract, select
from .kept_answer import DATA_TYPES, Merges, VaultAnswer, answer_parts, kept_answer
from .merge import DEFAULT_SIMILARITY, asked_of_their_notes, distinct_prompts, merge_group, merge_groups
from .model import Card, NoteFile, Problem
from .packed import PackedHtml
from .parse import parse_note
from .pictures import with_pictures
from .pool import gc_paused, give_back_memory, resolve_jobs
from .store import NoteCache, Store, VaultCache, store_problem
from .topics import Links, folder_levels, folder_topic, hub_topics, note_links, tag_with_hubs, with_topics
from .vault import MAX_NOTE_BYTES, NoteError, decode, find_notes, list_callout_marks, readable_name
from .work import (
    OUT_OF_TIME,
    Clock,
    Known,
    NoteResult,
    Progress,
    Task,
    Timings,
    process_vault,
    vault_inputs,
)


@dataclass(frozen=True, slots=True)
class Options:
    deck: str | None = None
    merge: bool = True
    rules: tuple[str, ...] | None = None
    jobs: int = 0
    """Processes to use; 0: every core."""
    cache: bool = True
    """Reuse the results of notes unchanged since the last run (see store/)."""
    cache_dir: Path | None = None
    """Where the cache goes; None: $NOTECARDS_CACHE_DIR or the user's cache folder."""
    max_note_bytes: int = MAX_NOTE_BYTES
    """Notes larger than this are skipped with a warning instead of parsed."""
    similarity: float = DEFAULT_SIMILARITY
    """How alike two prompts must be to merge (rapidfuzz ratio, 0-100); 100 merges exact keys only."""
    find_answers: bool = True
    """Answer open questions from passages elsewhere in the notes (cards/answers/)."""
    note_tags: bool = True
    """Cards carry their note's own tags (front matter, inline `#tags`)."""
    folder_tags: bool = True
    """Cards carry their note's folder as a tag (topics.folder_topic)."""
    hub_tags: bool = True
    """Cards carry the topics of the hub notes listing their note (topics.hub_topics)."""
    subdecks: bool = False
    """Each note's cards go into `Deck::Folder::Subfolder` (Card.subdeck)."""
    list_marks: str | None = None
    """The marks list items are coloured by (the List Callouts plugin's `- $ key fact`), dropped from
    what the items say; None: as the vault's settings of that plugin name them."""


# Options that do not change what a single note gives. Every other option is part of the cache
# key, so a new option is safe by default: at worst it makes the cache miss.
NOT_PER_NOTE = frozenset({"merge", "similarity", "jobs", "cache", "cache_dir"})


def options_key(options: Options) -> str:
    """What per-note results depend on besides the note (the deck as resolved: cards carry it)."""
    return repr([(f.name, getattr(options, f.name)) for f in fields(options) if f.name not in NOT_PER_NOTE])


@dataclass(frozen=True, slots=True)
class Result:
    vault: str
    deck: str
    cards: tuple[Card, ...]
    notes_read: int
    notes_skipped: int
    cards_before_merge: int
    problems: tuple[Problem, ...]
    timings: Timings = field(default_factory=Timings)
    merges: Merges = field(default_factory=lambda: Merges())
    """The groups merging made, each as the cards it joined, the leading card first."""
    html: Mapping[str, str] = field(default_factory=dict)
    """Markdown -> HTML of the cards' texts, when build() was given `render`."""

    @property
    def merged(self) -> int:
        """How many cards merging removed."""
        return self.cards_before_merge - len(self.cards)


def deck_name(vault: Path, deck: str | None) -> str:
    try:
        name = vault.resolve().name
    except (OSError, RuntimeError):  # a link loop: the run stops at it, as at a missing vault
        name = vault.name
    return deck or readable_name(name) or "notecards"


Render = Callable[[Card], Iterable[tuple[str, str]]]
"""render(card) -> (markdown, HTML) pairs of the card's texts: export.card_html."""


def note_result(
    task: Task,
    clock: Clock,
    rules: Sequence[Rule],
    render: Render | None = None,
    passages: bool = False,
    deck: str = "",
    options: Options = Options(),
) -> NoteResult:
    """One note's own cards, in `deck`: decode, parse, extract, and with `render` their
    HTML. Runs on a worker process, and is what the cache keeps, so it may depend on the note's
    path and bytes only. Bounded (budget.py): a note that takes too long is skipped and named."""
    seconds = note_seconds(len(task.data))
    try:
        with cpu_budget(seconds):
            return _note_result(task, clock, rules, render, passages, deck, options)
    except OverBudget:
        message = f"{OUT_OF_TIME} (over {seconds:.1f} s of work for its size); skipped"
        return NoteResult(task.path, problems=(Problem(task.path, 1, message, skipped=True),), skipped=True)


def _note_result(
    task: Task, clock: Clock, rules: Sequence[Rule], render: Render | None, passages: bool, deck: str, options: Options
) -> NoteResult:
    try:
        text, encoding, problems = decode(task.path, task.data)
        clock.lap("read")
        file = NoteFile(path=task.path, text=text, encoding=encoding, problems=problems)
        note = parse_note(file, options.list_marks or "")
        clock.lap("parse")
        view = NoteView(note)  # the note's shared views: made once, for its rules and its passages
        cards = tuple(
            _placed(card, deck, task.path, options) for card in with_pictures(note, extract(note, rules, view))
        )
        links = note_links(note) if options.hub_tags else Links()
        aliases, spelled = tuple(note_aliases(note)), tuple(spelled_aliases(note))
        found_in = note_passages(note, view.prose(quotes=True)) if passages else ()
        clock.lap("extract")
        html = tuple(dict(pair for card in cards for pair in render(card)).items()) if render else None
        clock.lap("render")
    except NoteError as err:
        return NoteResult(task.path, problems=(err.problem,), skipped=True, html=() if render else None)
    except Exception as err:  # a bug met on one odd note must not cost the user the others
        return NoteResult(task.path, problems=(_crash(task.path, err),), skipped=True, html=() if render else None)
    return NoteResult(
        task.path, cards, note.problems, html=html, aliases=aliases, spelled=spelled, passages=found_in, links=links
    )


def _placed(card: Card, deck: str, path: str, options: Options) -> Card:
    """A card of the note at `path` in its deck (and subdeck), with the tags asked for."""
    tags = card.tags if options.note_tags else ()
    if options.folder_tags:
        tags = _with_folder(tags, path)
    subdeck = "::".join(folder_levels(path)) if options.subdecks else ""
    return replace(card, deck=deck, tags=tags, subdeck=subdeck)


@lru_cache(maxsize=256)
def _with_folder(tags: tuple[str, ...], path: str) -> tuple[str, ...]:
    """The tags and the note's folder as a topic: one tuple for a note's cards of the same tags, so
    the results pickled and held for the vault-wide stages keep it once (1M cards at 50k notes)."""
    return with_topics(tags, [folder_topic(path)])


def _crash(path: str, err: Exception) -> Problem:
    message = f"skipped: notecards failed on this note ({type(err).__name__}: {str(err)[:200]})"
    return Problem(path, 1, message, skipped=True)


def build(
    vault: Path, options: Options = Options(), progress: Progress | None = None, render: Render | None = None
) -> Result:
    """Every card of a vault. Raises VaultError when the vault itself cannot be read.

    progress(done, total) is called now and then with the number of notes done so far.
    render (export.card_html) makes the cards' HTML on the worker processes: Result.html."""
    with gc_paused():
        result = _build(vault, options, progress, render)
    give_back_memory()  # what the vault-wide stages freed
    return result


def _build(vault: Path, options: Options, progress: Progress | None, render: Render | None) -> Result:
    # where the options enter: resolved once (the list marks before the cache key is made of them)
    marks = list_callout_marks(vault) if options.list_marks is None else options.list_marks
    options = replace(options, jobs=resolve_jobs(options.jobs), list_marks=marks)
    jobs = options.jobs
    rules = select(options.rules)
    deck = deck_name(vault, options.deck)
    problems: list[Problem] = []
    paths = list(find_notes(vault, problems))
    key = options_key(replace(options, deck=deck))
    store = NoteCache.for_vault(vault, key, DATA_TYPES, options.cache_dir) if options.cache else None
    known: Known | None = None
    stores: list[Store] = [] if store is None else [store.store]
    """The run's connections to the store: a store given up is said (store_problem)."""
    if store is not None:
        unchanged, known = _unchanged_vault(vault, paths, options, deck, stores)
        if unchanged is not None:
            return replace(unchanged, problems=(*problems, *unchanged.problems, *store_problem(*stores)))
    func = partial(note_result, rules=rules, render=render, passages=options.find_answers, deck=deck, options=options)
    results, timings = process_vault(
        vault,
        paths,
        func,
        jobs,
        store,
        progress,
        html=render is not None,
        max_bytes=options.max_note_bytes,
        known=known,
    )
    html = PackedHtml()  # read by the export only: packed until then (packed.py)
    noted: list[Problem] = []
    for result in results:
        noted.extend(result.problems)
        if render and result.html:
            html.add(result.html)
    skipped = sum(1 for r in results if r.skipped)
    read = len(results) - skipped
    started = time.perf_counter()
    inputs = store.inputs.digest() if store else b""
    post = (
        VaultCache.for_vault(vault, _vault_key(options, deck), inputs, DATA_TYPES, options.cache_dir) if store else None
    )
    if post:
        stores.append(post.store)
    found = kept_answer(post) if post else None
    computed = _vault_stages(results, options) if found is None else None  # it empties `results`
    del results
    if computed is not None:
        final, before, groups = computed
        merges = Merges(groups)
        if post and not any(p.message.startswith(OUT_OF_TIME) for p in noted):  # tried again next run
            answer = VaultAnswer.of(final, before, merges, tuple(noted), read, skipped)
            kept = _Kept(answer_parts(answer, final, groups))
            post.put(kept)
            # the groups as the store keeps them, read only if asked for (--show-merges): merged
            # cards no longer in the listing, a tenth of what a big vault's run holds to the end
            merges = Merges(pickled=tuple(kept.merges), count=len(merges), joined=merges.joined)
        del groups
    else:
        final, answer, merges = found  # type: ignore[misc]
        before = answer.before
    if post:
        post.close()
    merged = time.perf_counter() - started
    return Result(
        vault=readable_name(str(vault)),
        deck=deck,
        cards=final,
        notes_read=read,
        notes_skipped=skipped,
        cards_before_merge=before,
        problems=(*problems, *noted, *store_problem(*stores)),
        timings=replace(timings, merge=merged, total=timings.total + merged),
        merges=merges,
        html=html,
    )


def _unchanged_vault(
    vault: Path, paths: Sequence[Path], options: Options, deck: str, stores: list[Store]
) -> tuple[Result | None, Known]:
    """The last run's result when no note has changed since (every note read and hashed, and the
    digest found in the vault cache): nothing is parsed, and not even the per-note cache is read.
    The cards' HTML then comes from the export's own cache (cache.remembered_html). Also each
    note's size and key as read here: process_vault reads again only the notes it computes.
    The connection it opened goes into `stores`."""
    started = time.perf_counter()
    digest, size, known = vault_inputs(vault, paths, options.max_note_bytes)
    kept = VaultCache.for_vault(vault, _vault_key(options, deck), digest, DATA_TYPES, options.cache_dir)
    stores.append(kept.store)
    found = kept_answer(kept)
    kept.close()
    if found is None:
        return None, known
    final, answer, merges = found
    before, problems, read, skipped = answer.before, answer.problems, answer.read, answer.skipped
    seconds = time.perf_counter() - started
    timings = Timings(read=seconds, total=seconds, notes_cached=len(paths), bytes_read=size)
    return Result(
        vault=readable_name(str(vault)),
        deck=deck,
        cards=final,
        notes_read=read,
        notes_skipped=skipped,
        cards_before_merge=before,
        problems=problems,
        timings=timings,
        merges=merges,
    ), known


def _vault_key(options: Options, deck: str) -> str:
    """What the vault-wide stages' answer depends on besides the notes: every option but how the
    work is done."""
    return repr([(f.name, getattr(options, f.name)) for f in fields(options) if f.name not in _HOW] + [deck])


_HOW = frozenset({"jobs", "cache", "cache_dir"})


class _Kept(Iterator[tuple[str, bytes]]):
    """The parts of the vault's answer on their way to the store, keeping the merge groups' pickles."""

    def __init__(self, parts: Iterator[tuple[str, bytes]]) -> None:
        self.parts = parts
        self.merges: list[bytes] = []

    def __next__(self) -> tuple[str, bytes]:
        name, blob = next(self.parts)
        if name.startswith("merges/"):
            self.merges.append(blob)
        return name, blob


def _vault_stages(
    results: list[NoteResult], options: Options
) -> tuple[tuple[Card, ...], int, tuple[tuple[Card, ...], ...]]:
    """Answers, merge and sort over the whole vault: the cards, how many before merging, the merges.
    `results` is emptied: what a stage reads of the notes' results is let go once it is done (the
    passages after the answers), and cards that a stage replaces are not kept by their note's result."""
    cards: list[Card] = []
    aliases: list[tuple[str, str]] = []
    spelled: list[tuple[str, str, str]] = []
    for result in results:
        aliases.extend(result.aliases)
        spelled.extend((short, long, result.path) for short, long in result.spelled)
        cards.extend(result.cards)
    links = {r.path: r.links for r in results if not r.skipped} if options.hub_tags else {}
    passages = [(r.path, r.passages) for r in results] if options.find_answers else []
    results.clear()
    if options.hub_tags:
        cards = tag_with_hubs(cards, hub_topics(links))
    del links
    if options.find_answers:
        # judged in this process: a forked worker reading the index and the cards copies the pages it
        # reads (CPython writes reference counts), 290 MB at 10k notes, the run's peak, for 15 s saved
        cards = find_answers(passages, cards, jobs=1)
    del passages
    before = len(cards)
    final, merges = _merged(cards, aliases, spelled, options)
    final.sort(key=lambda c: (c.source.path, c.source.line, c.front))
    for card in final:
        card.id  # noqa: B018  kept with the card and its cache: the export and listing need it anyway
    return tuple(final), before, merges


def _merged(
    cards: list[Card], aliases: list[tuple[str, str]], spelled: list[tuple[str, str, str]], options: Options
) -> tuple[list[Card], tuple[tuple[Card, ...], ...]]:
    """The cards after the merge stage, and the groups it made of two cards or more."""
    if not options.merge:
        return distinct_prompts(asked_of_their_notes(cards)), ()
    groups = merge_groups(cards, aliases, options.similarity, spelled)
    merged = asked_of_their_notes([merge_group(g) for g in groups])
    return distinct_prompts(merged), tuple(tuple(g) for g in groups if len(g) > 1)
