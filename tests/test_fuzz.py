"""Fuzzing: notes generated from a grammar of Markdown and Obsidian syntax keep every invariant
(tests/fuzz_notes.py says which). A short run here; `python bench/fuzz.py 20000` runs a long one."""

from __future__ import annotations

from fuzz_notes import check_invariants, note_file
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

NAMES = st.sampled_from(["a.md", "My note #1.md", "Ünïcödé 学习.md", "b.markdown"])


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(NAMES, note_file(), min_size=1, max_size=3))
def test_generated_notes_keep_every_invariant(files: dict[str, tuple[str, bytes]]) -> None:
    check_invariants(files)
