"""Many processes give exactly what one process gives: the same cards, order, ids and warnings."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from small_vault import write_vault

from cards import pool, work
from cards.listing import as_json
from cards.pipeline import Options, build


@pytest.fixture
def vault(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    # A tiny vault is normally done in-process; force the pool and many small batches.
    monkeypatch.setattr(work, "PARALLEL_MIN_BYTES", 0)
    monkeypatch.setattr(work, "BATCH_NOTES", 3)
    monkeypatch.setattr(pool, "PARALLEL_MIN_ITEMS", 0)  # open questions answered on a pool too
    root = write_vault(tmp_path / "vault", copies=4)
    for k in range(4):  # open questions that other notes answer
        (root / f"set{k:02}" / "Questions.md").write_text("# Review\n\n## Questions\n\n- What is gradient clipping?\n")
        (root / f"set{k:02}" / "Gradient clipping.md").write_text(
            "Gradient clipping caps the norm of the gradient, so that one bad batch cannot blow up the weights.\n"
        )
    return root


@pytest.mark.parametrize("merge", [True, False])
def test_parallel_run_matches_single_process(vault: Path, merge: bool) -> None:
    one = build(vault, Options(jobs=1, cache=False, merge=merge))
    many = build(vault, Options(jobs=2, cache=False, merge=merge))
    assert many.timings.jobs == 2 and one.timings.jobs == 1
    assert as_json(many) == as_json(one)
    assert [c.id for c in many.cards] == [c.id for c in one.cards]
    assert (many.notes_read, many.notes_skipped) == (one.notes_read, one.notes_skipped) == (32, 4)
    assert len(many.problems) == 8  # a latin-1 note read with a warning, a binary one skipped, 4 times
    assert many.cards_before_merge == one.cards_before_merge > 20
    answered = sum(1 for c in many.cards if c.found_in)
    assert answered == (1 if merge else 4), "open questions answered from other notes (merged: one card)"


def test_progress_counts_every_note(vault: Path) -> None:
    seen: list[tuple[int, int]] = []
    build(vault, Options(jobs=2, cache=False), progress=lambda done, total: seen.append((done, total)))
    assert seen[-1] == (36, 36)
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)


def test_timings_name_the_stages(vault: Path) -> None:
    t = build(vault, Options(jobs=2, cache=False)).timings
    # CPU time is counted in clock ticks on some kernels: one stage of a tiny vault may read 0.0
    assert min(t.parse, t.extract, t.read) >= 0 and t.parse + t.extract + t.read > 0
    assert t.total >= t.merge
    assert t.bytes_read == sum(p.stat().st_size for p in vault.rglob("*.md"))


_OFFSET = 0


def _shifted_pid(item: int) -> tuple[int, int]:
    return item + _OFFSET, os.getpid()


@pytest.mark.parametrize(("jobs", "inherit"), [(2, True), (3, True), (2, False)])
def test_map_parallel_keeps_order_and_state_the_workers_inherit(
    monkeypatch: pytest.MonkeyPatch, jobs: int, inherit: bool
) -> None:
    monkeypatch.setattr(pool, "PARALLEL_MIN_ITEMS", 0)
    monkeypatch.setitem(globals(), "_OFFSET", 1000)  # state set up in this process, after import
    items = list(range(200))
    found = list(pool.map_parallel(_shifted_pid, items, jobs, chunk=7, inherit=inherit))
    assert [value for value, _ in found] == [i + 1000 for i in items]
    here = sum(1 for _, pid in found if pid == os.getpid())
    # with inherited state this process maps its share (one fork fewer); otherwise the pool all of it
    assert here == (len(items) - len(items) * (jobs - 1) // jobs if inherit else 0)
