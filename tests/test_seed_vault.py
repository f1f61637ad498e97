"""The shared seed vault, scored with the shared gold: every question and highlight the gold
asks for is found, and no junk or mojibake reaches a card. Skipped where the shared folder is
absent (a user's clone has none)."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from cards.listing import as_json
from cards.pipeline import build

SHARED = Path(__file__).resolve().parents[2] / "shared"
GOLD = SHARED / "eval" / "seed-vault.gold.json"


def scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("score", SHARED / "eval" / "score.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def report() -> tuple[dict[str, Any], dict[str, Any]]:
    if not GOLD.exists():
        pytest.skip("the shared seed vault is not here")
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    cards = as_json(build(SHARED / "seed-vault"))["cards"]
    return gold, scorer().score(gold, cards)


def test_every_question_and_highlight_of_the_gold_is_a_card(report: tuple[dict[str, Any], dict[str, Any]]) -> None:
    gold, result = report
    mine = [item["id"] for item in gold["must"] if item.get("kind") in ("question", "cloze")]
    assert mine, "the gold names no question or cloze card"
    assert [i for i in mine if i in result["missing"]] == []


def test_no_junk_and_no_mojibake(report: tuple[dict[str, Any], dict[str, Any]]) -> None:
    _, result = report
    assert result["junk"] == []
    assert result["forbidden"] == []
