"""The per-note cache: an unchanged vault is not parsed again, an edited note is, and a cache
that is stale or damaged is ignored and rebuilt, never trusted."""

from __future__ import annotations

import pickle
import sqlite3
import tempfile
import zipfile
from contextlib import closing
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from small_vault import write_vault

from cards import cache, pipeline
from cards.cache import fingerprint
from cards.cli import main
from cards.export.package import write_package
from cards.listing import as_json, summary
from cards.pipeline import Options, build, options_key


@pytest.fixture
def vault(tmp_path: Path) -> Path:
    return write_vault(tmp_path / "vault")


@pytest.fixture
def store(tmp_path: Path) -> Path:
    return tmp_path / "cache"


def options(store: Path, **kw: object) -> Options:
    return Options(jobs=1, cache_dir=store, **kw)  # type: ignore[arg-type]


def no_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*_: object) -> None:
        raise AssertionError("a note was parsed")

    monkeypatch.setattr(pipeline, "parse_note", fail)


def cache_file(store: Path) -> Path:
    (file,) = store.glob("*.cache")
    return file


def test_unchanged_vault_is_not_parsed_again(vault: Path, store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cold = build(vault, options(store))
    assert cold.timings.notes_cached == 0
    no_parsing(monkeypatch)
    warm = build(vault, options(store))
    assert warm.timings.notes_cached == len(list(vault.rglob("*.md")))
    assert as_json(warm) == as_json(cold)
    assert warm.problems == cold.problems and warm.notes_skipped == cold.notes_skipped == 1


def test_cache_is_kept_outside_the_vault(vault: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = sorted(vault.rglob("*"))
    monkeypatch.setenv(cache.CACHE_ENV, str(tmp_path / "env-cache"))
    build(vault, Options(jobs=1))
    assert sorted(vault.rglob("*")) == before
    assert len(list((tmp_path / "env-cache").glob("*.cache"))) == 1


def test_edited_note_is_read_again(vault: Path, store: Path) -> None:
    build(vault, options(store))
    note = vault / "Courses" / "Week 2.md"
    note.write_text(note.read_text() + "Regularisation: a penalty that keeps the weights small.\n")
    warm = build(vault, options(store))
    assert warm.timings.notes_cached == len(list(vault.rglob("*.md"))) - 1
    assert "Regularisation" in [c.front for c in warm.cards]
    assert as_json(warm) == as_json(build(vault, Options(jobs=1, cache=False)))


def test_renamed_note_cites_its_new_path(vault: Path, store: Path) -> None:
    build(vault, options(store))
    (vault / "Papers" / "Dropout.md").rename(vault / "Papers" / "Regularisation.md")
    warm = build(vault, options(store))
    assert "Papers/Regularisation.md" in {s.path for c in warm.cards for s in c.sources}
    assert "Papers/Dropout.md" not in {s.path for c in warm.cards for s in c.sources}


@pytest.mark.parametrize(
    "damage",
    [
        lambda raw: b"",
        lambda raw: raw[: len(raw) // 2],
        lambda raw: raw[:-1] + bytes([raw[-1] ^ 0xFF]),
        lambda raw: b"garbage" * 100,
    ],
    ids=["empty", "truncated", "flipped-byte", "garbage"],
)
def test_damaged_cache_is_ignored_and_rebuilt(vault: Path, store: Path, damage) -> None:  # type: ignore[no-untyped-def]
    build(vault, options(store))
    file = cache_file(store)
    file.write_bytes(damage(file.read_bytes()))
    edit(vault)  # so that the vault-wide answer is not enough and the notes' entries are read
    again = build(vault, options(store))
    assert again.timings.notes_cached == 0
    assert as_json(again) == as_json(build(vault, Options(jobs=1, cache=False)))
    assert build(vault, options(store)).timings.notes_cached == len(list(vault.rglob("*.md")))


def edit(vault: Path) -> None:
    note = vault / "Courses" / "Week 2.md"
    note.write_text(note.read_text() + "\nMomentum: a running average of past gradients.\n")


def test_unchanged_vault_reads_only_the_notes_and_the_vault_answer(
    vault: Path, store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cold = build(vault, options(store))
    cache_file(store).write_bytes(b"damaged, and not needed")
    no_parsing(monkeypatch)
    warm = build(vault, options(store))
    assert warm.timings.notes_cached == len(list(vault.rglob("*.md")))
    assert as_json(warm) == as_json(cold) and warm.problems == cold.problems


def test_entries_of_the_wrong_type_are_not_trusted(vault: Path, store: Path) -> None:
    fresh = build(vault, options(store))
    file = cache_file(store)
    stamp = fingerprint(options_key(replace(options(store), deck=fresh.deck)))
    keys = list(cache.read_entries(file, stamp))
    assert len(keys) == len(list(vault.rglob("*.md")))
    entries = {k: pickle.dumps("not a result") for k in keys[::2]} | {k: b"\x80garbled" for k in keys[1::2]}
    cache.write_entries(file, stamp, entries)
    edit(vault)
    again = build(vault, options(store))
    assert again.timings.notes_cached == 0
    assert as_json(again) == as_json(build(vault, Options(jobs=1, cache=False))) != as_json(fresh)


def test_stale_cache_from_other_code_is_ignored(vault: Path, store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    build(vault, options(store))
    monkeypatch.setattr(cache, "code_digest", lambda: "an edited extractor")
    assert build(vault, options(store)).timings.notes_cached == 0


def test_options_that_change_cards_are_part_of_the_key(vault: Path, store: Path) -> None:
    everything = build(vault, options(store))
    only = build(vault, options(store, rules=("questions-section",)))
    assert only.timings.notes_cached == 0
    assert {c.rule for c in only.cards} == {"questions-section"} != {c.rule for c in everything.cards}
    # merging is applied after the cache: it reuses it; cards carry their deck, so a new deck does not
    unmerged = build(vault, options(store, rules=("questions-section",), merge=False))
    assert unmerged.timings.notes_cached > 0
    renamed = build(vault, options(store, rules=("questions-section",), deck="Other"))
    assert renamed.timings.notes_cached == 0 and {c.deck for c in renamed.cards} == {"Other"}


def test_no_cache_flag_neither_reads_nor_writes(vault: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(cache.CACHE_ENV, str(tmp_path / "cli-cache"))
    runner = CliRunner()
    args = ["export", str(vault), "--dry-run", "--json", "--jobs", "1"]
    uncached = runner.invoke(main, [*args, "--no-cache"])
    assert uncached.exit_code == 3, uncached.output  # the binary note is skipped
    assert not (tmp_path / "cli-cache").exists()
    cached = runner.invoke(main, args)
    again = runner.invoke(main, args)
    assert cached.stdout == again.stdout == uncached.stdout
    assert len(list((tmp_path / "cli-cache").glob("*.cache"))) == 1


def package_fields(apkg: Path) -> list[tuple[str, str]]:
    with zipfile.ZipFile(apkg) as package, tempfile.TemporaryDirectory() as tmp:
        package.extract("collection.anki2", tmp)
        with closing(sqlite3.connect(Path(tmp) / "collection.anki2")) as db:
            return sorted(db.execute("select guid, flds from notes"))


def test_rewritten_package_has_the_same_notes(vault: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """HTML made on the workers, kept in the cache or remembered from the last export is the
    HTML export would make on the spot."""
    monkeypatch.setenv(cache.CACHE_ENV, str(tmp_path / "cli-cache"))
    plain = tmp_path / "plain.apkg"
    result = build(vault, Options(jobs=1, cache=False))
    write_package(result.cards, result.deck, vault, plain)
    runner = CliRunner()
    runner.invoke(main, ["export", str(vault), "--dry-run", "--json", "--jobs", "1"])  # cached without HTML
    outs = [tmp_path / f"{name}.apkg" for name in ("cold", "warm", "damaged", "uncached")]
    runner.invoke(main, ["export", str(vault), "-o", str(outs[0]), "--jobs", "1"])
    (memo,) = (tmp_path / "cli-cache").glob("*.html")
    monkeypatch.setattr(pipeline, "parse_note", lambda *_: pytest.fail("a note was parsed"))
    runner.invoke(main, ["export", str(vault), "-o", str(outs[1]), "--jobs", "1"])
    monkeypatch.undo()
    monkeypatch.setenv(cache.CACHE_ENV, str(tmp_path / "cli-cache"))
    memo.write_bytes(memo.read_bytes()[:-7])
    runner.invoke(main, ["export", str(vault), "-o", str(outs[2]), "--jobs", "1"])
    runner.invoke(main, ["export", str(vault), "-o", str(outs[3]), "--jobs", "1", "--no-cache"])
    expected = package_fields(plain)
    assert expected and [package_fields(out) for out in outs] == [expected] * len(outs)


def test_unchanged_vault_skips_the_vault_wide_stages(vault: Path, store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cold = build(vault, options(store))
    monkeypatch.setattr(pipeline, "find_answers", lambda *_: pytest.fail("answers searched again"))
    monkeypatch.setattr(pipeline, "merge_groups", lambda *_: pytest.fail("merged again"))
    warm = build(vault, options(store))
    assert summary(warm, warm.cards) == summary(cold, cold.cards)  # "N cards merged into M", unread groups
    assert as_json(warm) == as_json(cold) and warm.merges == cold.merges and len(cold.merges) > 0
    assert warm.cards_before_merge == cold.cards_before_merge


def test_merge_options_and_edits_reach_the_vault_wide_stages(vault: Path, store: Path) -> None:
    merged = build(vault, options(store))
    unmerged = build(vault, options(store, merge=False))
    assert len(unmerged.cards) == merged.cards_before_merge > len(merged.cards)
    note = vault / "Papers" / "Dropout.md"
    note.write_text(note.read_text() + "\nEarly stopping: ending training once validation loss rises.\n")
    edited = build(vault, options(store))
    assert "Early stopping" in [c.front for c in edited.cards]
    assert as_json(edited) == as_json(build(vault, Options(jobs=1, cache=False)))


@pytest.mark.parametrize("damage", [lambda raw: raw[:-1] + bytes([raw[-1] ^ 0xFF]), lambda raw: b"x"])
def test_damaged_vault_answer_is_ignored(vault: Path, store: Path, damage) -> None:  # type: ignore[no-untyped-def]
    fresh = build(vault, options(store))
    (file,) = store.glob("*.vault")
    file.write_bytes(damage(file.read_bytes()))
    assert as_json(build(vault, options(store))) == as_json(fresh)


def test_results_come_back_equal_through_the_fast_pickle(vault: Path) -> None:
    from cards.work import dumps

    result = build(vault, Options(jobs=1, cache=False))
    again = pickle.loads(dumps((result.cards, result.problems, result.merges)))
    assert again == (result.cards, result.problems, result.merges) and again[0]
    assert [c.id for c in again[0]] == [c.id for c in result.cards]


@pytest.mark.parametrize("chunk", [1, 2, 3, 10**6])
def test_vault_answer_comes_back_whole_when_pickled_in_parts(
    vault: Path, store: Path, chunk: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cards import work

    monkeypatch.setattr(work, "CHUNK_ITEMS", chunk)
    cold = build(vault, options(store))
    monkeypatch.setattr(pipeline, "merge_groups", lambda *_: pytest.fail("merged again"))
    warm = build(vault, options(store))
    assert len(cold.cards) > 3 and len(cold.merges) > 0
    assert as_json(warm) == as_json(cold) and warm.merges == cold.merges
    assert [c.id for c in warm.cards] == [c.id for c in cold.cards]


NESTED = st.recursive(
    st.integers() | st.text(max_size=3) | st.none(),
    lambda inner: st.lists(inner, max_size=7).map(tuple),
    max_leaves=40,
)


@settings(max_examples=300, deadline=None)
@given(NESTED, st.integers(1, 4))
def test_dump_and_loads_give_back_any_value(value: object, chunk: int) -> None:
    import io

    from cards import work

    saved, work.CHUNK_ITEMS = work.CHUNK_ITEMS, chunk
    try:
        out = io.BytesIO()
        work.dump(value, out)
        assert work.loads(out.getvalue()) == value
    finally:
        work.CHUNK_ITEMS = saved


def test_run_stopped_half_way_leaves_the_old_cache_and_no_temp_file(vault: Path, store: Path) -> None:
    build(vault, options(store))
    before = cache_file(store).read_bytes()
    edit(vault)
    (vault / "Courses" / "Week 3.md").write_text("Nesterov: momentum evaluated ahead.\n")

    calls = []

    def stop(done: int, total: int) -> None:  # after the edited notes' results are on their way to disk
        calls.append(done)
        if len(calls) > 1:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        build(vault, options(store), progress=stop)
    assert len(calls) == 2
    assert cache_file(store).read_bytes() == before
    assert sorted(p.name for p in store.iterdir() if p.name.endswith(".tmp")) == []
    again = build(vault, options(store))
    assert as_json(again) == as_json(build(vault, Options(jobs=1, cache=False)))
