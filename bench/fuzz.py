"""A long fuzz run: `python bench/fuzz.py [EXAMPLES]` (default 20,000), from the project root.

Generates vaults of notes from the grammar in tests/fuzz_notes.py, checks every invariant on each,
and prints how many examples passed, or the smallest failing vault's notes (each as a Python string,
so that its bytes can be rebuilt) when one fails.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from fuzz_notes import check_invariants, note_file

NAMES = st.sampled_from(["a.md", "My note #1.md", "Ünïcödé 学习.md", "b.markdown"])


def main(examples: int) -> int:
    passed = cards = 0
    start = time.monotonic()
    failing: dict[str, str] = {}  # the last vault that failed: hypothesis shrinks it before re-raising

    @settings(max_examples=examples, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(st.dictionaries(NAMES, note_file(), min_size=1, max_size=3))
    def fuzz(files: dict[str, tuple[str, bytes]]) -> None:
        nonlocal passed, cards
        try:
            cards += check_invariants(files)
        except Exception:
            failing.clear()
            failing.update({name: text for name, (text, _) in files.items()})
            raise
        passed += 1
        if passed % 1000 == 0:
            print(f"{passed} examples passed ({time.monotonic() - start:.0f} s)", flush=True)

    try:
        fuzz()
    except Exception as err:  # hypothesis re-raises the shrunk failure
        print(f"FAILED after {passed} passing examples: {type(err).__name__}: {err}")
        for name, text in failing.items():
            print(f"--- {name}\n{text!r}")
        return 1
    print(f"{passed} examples passed, {cards} cards checked, in {time.monotonic() - start:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(int(sys.argv[1]) if len(sys.argv) > 1 else 20_000))
