import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))


@pytest.fixture(autouse=True)
def _private_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test reads or writes the user's real notecards cache."""
    monkeypatch.setenv("NOTECARDS_CACHE_DIR", str(tmp_path_factory.mktemp("notecards-cache")))
    monkeypatch.setenv("NOTECARDS_CACHE_KEY", "a key for tests")  # nor the user's cache key
