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

from cards import kept_answer, pipeline, work
from cards import store as cache
from cards.cli import main
from cards.commands import ExportRequest, export
from cards.export.package import write_package
from cards.listing import as_json, summary
from cards.pipeline import Options, build, options_key
from cards.store import Store, fingerprint


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
    (file,) = store.glob("*.store")
    return file


def rows(file: Path, kind: str) -> list[tuple[bytes, bytes]]:
    with closing(sqlite3.connect(file)) as db:
        return sorted(db.execute("SELECT key, value FROM entries WHERE kind = ?", (kind,)))


def tamper(file: Path, sql: str) -> int:
    """Change the store behind its back (its rows' HMACs stay as they were); how many rows changed."""
    with closing(sqlite3.connect(file)) as db, db:
        return db.execute(sql).rowcount


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
    assert len(list((tmp_path / "env-cache").glob("*.store"))) == 1


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
        lambda raw: raw[:100] + bytes(b ^ 0xFF for b in raw[100:200]) + raw[200:],
        lambda raw: b"garbage" * 100,
    ],
    ids=["empty", "truncated", "flipped-header", "garbage"],
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


def test_a_damaged_row_is_not_used(vault: Path, store: Path) -> None:
    build(vault, options(store))
    changed = tamper(cache_file(store), "UPDATE entries SET value = value || x'00' WHERE kind = 'note' AND rowid % 2")
    assert changed > 1
    edit(vault)
    again = build(vault, options(store))
    assert again.timings.notes_cached == len(list(vault.rglob("*.md"))) - 1 - changed
    assert as_json(again) == as_json(build(vault, Options(jobs=1, cache=False)))


def test_notes_looked_up_in_many_small_batches_come_back_the_same(
    vault: Path, store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cold = build(vault, options(store))
    monkeypatch.setattr(work, "LOOKUP_BATCH", 3)  # notes looked up 3 at a time, 2 keys a query
    monkeypatch.setattr(cache.db, "_MANY", 2)
    damage = "UPDATE entries SET value = value || x'00' WHERE kind = 'note' AND rowid % 3 = 0"
    changed = tamper(cache_file(store), damage)
    assert changed > 1
    assert tamper(cache_file(store), "UPDATE entries SET value = x'00' WHERE kind = 'vault'")  # notes looked up
    again = build(vault, options(store))
    assert again.timings.notes_cached == len(list(vault.rglob("*.md"))) - changed
    assert as_json(again) == as_json(cold) and again.problems == cold.problems


def test_a_note_edited_while_the_vault_is_hashed_is_read_as_it_is_now(
    vault: Path, store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    build(vault, options(store))
    edit(vault)
    hashed = pipeline.vault_inputs

    def then_edited(*args: object, **kw: object) -> object:
        found = hashed(*args, **kw)  # type: ignore[arg-type]
        note = vault / "Courses" / "Week 2.md"
        note.write_text(note.read_text() + "\nDropout: units left out at random while training.\n")
        return found

    monkeypatch.setattr(pipeline, "vault_inputs", then_edited)
    again = build(vault, options(store))
    monkeypatch.undo()
    uncached = as_json(build(vault, Options(jobs=1, cache=False)))
    assert "Dropout" in str(uncached) and as_json(again) == uncached
    assert as_json(build(vault, options(store))) == uncached  # and what was kept is right for it


def test_a_store_that_is_not_ours_is_made_again(vault: Path, store: Path) -> None:
    build(vault, options(store))
    file = cache_file(store)
    tamper(file, "UPDATE meta SET value = 'someone-else-1' WHERE name = 'format'")
    edit(vault)
    assert build(vault, options(store)).timings.notes_cached == 0
    assert rows(file, "note") and build(vault, options(store)).timings.notes_cached > 0


def edit(vault: Path) -> None:
    note = vault / "Courses" / "Week 2.md"
    note.write_text(note.read_text() + "\nMomentum: a running average of past gradients.\n")


def test_unchanged_vault_reads_only_the_notes_and_the_vault_answer(
    vault: Path, store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cold = build(vault, options(store))
    assert tamper(cache_file(store), "UPDATE entries SET value = x'00' WHERE kind = 'note'") > 1  # not needed
    no_parsing(monkeypatch)
    warm = build(vault, options(store))
    assert warm.timings.notes_cached == len(list(vault.rglob("*.md")))
    assert as_json(warm) == as_json(cold) and warm.problems == cold.problems


def test_entries_of_the_wrong_type_are_not_trusted(vault: Path, store: Path) -> None:
    fresh = build(vault, options(store))
    stamp = fingerprint(options_key(replace(options(store), deck=fresh.deck)))
    keys = [key for key, _ in rows(cache_file(store), "note")]
    assert len(keys) == len(list(vault.rglob("*.md")))
    kept = Store.open(vault, store)
    for n, key in enumerate(keys):  # rows with a sound HMAC, holding something else
        kept.put("note", stamp, key, pickle.dumps("not a result") if n % 2 else b"\x80garbled")
    kept.commit()
    kept.close()
    edit(vault)
    again = build(vault, options(store))
    assert again.timings.notes_cached == 0
    assert as_json(again) == as_json(build(vault, Options(jobs=1, cache=False))) != as_json(fresh)


def test_stale_cache_from_other_code_is_ignored(vault: Path, store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    build(vault, options(store))
    monkeypatch.setattr(cache.db, "code_digest", lambda: "an edited extractor")
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
    assert len(list((tmp_path / "cli-cache").glob("*.store"))) == 1


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
    (memo,) = (tmp_path / "cli-cache").glob("*.store")
    monkeypatch.setattr(pipeline, "parse_note", lambda *_: pytest.fail("a note was parsed"))
    runner.invoke(main, ["export", str(vault), "-o", str(outs[1]), "--jobs", "1"])
    monkeypatch.undo()
    monkeypatch.setenv(cache.CACHE_ENV, str(tmp_path / "cli-cache"))
    assert tamper(memo, "UPDATE entries SET value = value || x'00' WHERE kind IN ('html', 'package')") > 1
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


@pytest.mark.parametrize(
    "damage",
    [
        "UPDATE entries SET value = value || x'00' WHERE kind = 'vault' AND CAST(key AS TEXT) LIKE '%/cards/0'",
        "DELETE FROM entries WHERE kind = 'vault' AND CAST(key AS TEXT) LIKE '%/merges/0'",
        "UPDATE entries SET value = value || x'00' WHERE kind = 'vault'",
    ],
    ids=["a-part-tampered", "a-part-missing", "all-tampered"],
)
def test_damaged_vault_answer_is_ignored(
    vault: Path, store: Path, damage: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    fresh = build(vault, options(store))
    assert tamper(cache_file(store), damage) >= 1
    calls = []
    monkeypatch.setattr(pipeline, "merge_groups", lambda *a: calls.append(1) or real_merge_groups(*a))
    again = build(vault, options(store))
    assert calls == [1], "the vault-wide stages ran again"
    assert as_json(again) == as_json(fresh) and again.merges == fresh.merges


real_merge_groups = pipeline.merge_groups


def test_results_come_back_equal_through_the_fast_pickle(vault: Path) -> None:
    from cards.store import dumps

    result = build(vault, Options(jobs=1, cache=False))
    again = pickle.loads(dumps((result.cards, result.problems, result.merges)))
    assert again == (result.cards, result.problems, result.merges) and again[0]
    assert [c.id for c in again[0]] == [c.id for c in result.cards]


@pytest.mark.parametrize("chunk", [1, 2, 3, 10**6])
def test_vault_answer_comes_back_whole_when_pickled_in_parts(
    vault: Path, store: Path, chunk: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(kept_answer, "PART_ITEMS", chunk)
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
@given(NESTED)
def test_dumps_and_loads_give_back_any_value(value: object) -> None:
    assert cache.loads(cache.dumps(value), ()) == value


def test_run_stopped_half_way_leaves_the_old_cache_and_no_temp_file(vault: Path, store: Path) -> None:
    build(vault, options(store))
    before = rows(cache_file(store), "note")
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
    assert rows(cache_file(store), "note") == before
    assert sorted(p.name for p in store.iterdir() if p.name.endswith((".tmp", "-journal"))) == []
    again = build(vault, options(store))
    assert as_json(again) == as_json(build(vault, Options(jobs=1, cache=False)))


def test_an_export_keeps_its_package_in_the_store_its_options_name(
    vault: Path, store: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The HTML memo and the kept package go where `Options.cache_dir` says, as the notes' results
    do: one store per vault, not a second one under $NOTECARDS_CACHE_DIR."""
    elsewhere = tmp_path / "env-cache"
    monkeypatch.setenv("NOTECARDS_CACHE_DIR", str(elsewhere))
    export(ExportRequest(vault, options(store), out=tmp_path / "out.apkg"))
    assert len(list(store.glob("*.store"))) == 1
    with closing(sqlite3.connect(cache_file(store))) as db:
        kinds = {kind for (kind,) in db.execute("SELECT DISTINCT kind FROM entries")}
    assert kinds >= {"package", "html"}
    assert not elsewhere.exists() or not any(elsewhere.iterdir())
