"""The merge options of `notecards export`: --similarity, --no-merge, --show-merges."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from listing_shown import box, invoke, shown

from cards.cli import main


def vault(root: Path) -> Path:
    (root / "a.md").write_text("Backpropagation: how a network learns from its errors.\n", encoding="utf-8")
    (root / "b.md").write_text("Backpropogation: the chain rule run backwards.\n", encoding="utf-8")
    (root / "c.md").write_text("Dropout: switching random neurons off while training.\n", encoding="utf-8")
    return root


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["export", *args])
    return result.exit_code, result.stdout


def run_whole(*args: str) -> tuple[int, str, str]:
    """Exit code, stdout (each line without the spaces rich pads it with) and stderr."""
    result = invoke("export", *args)
    return result.exit_code, shown(result.stdout), result.stderr


def fronts(out: str) -> list[str]:
    return [c["front"] for c in json.loads(out)["cards"]]


def test_similarity_decides_whether_a_typo_merges(tmp_path: Path) -> None:
    root = str(vault(tmp_path))
    assert fronts(run(root, "--dry-run", "--json")[1]) == ["Backpropagation", "Dropout"]
    assert fronts(run(root, "--dry-run", "--json", "--similarity", "99")[1]) == [
        "Backpropagation",
        "Backpropogation",
        "Dropout",
    ]
    assert fronts(run(root, "--dry-run", "--json", "--no-merge")[1]) == [
        "Backpropagation",
        "Backpropogation",
        "Dropout",
    ]


def test_similarity_out_of_range_is_bad_usage(tmp_path: Path) -> None:
    assert run_whole(str(vault(tmp_path)), "--dry-run", "--similarity", "120") == (
        2,
        "",
        "Usage: main export [OPTIONS] VAULT\nTry 'main export --help' for help.\n\n"
        "Error: Invalid value for '--similarity': 120.0 is not in the range 0<=x<=100.\n",
    )


def test_show_merges_lists_each_group_and_the_summary_counts_them(tmp_path: Path) -> None:
    (tmp_path / "nets").mkdir()
    assert run_whole(str(vault(tmp_path / "nets")), "--dry-run", "--show-merges") == (
        0,
        "\n".join(
            [
                "a.md",
                *box(
                    (
                        "definition",
                        "a",
                        "Backpropagation",
                        "how a network learns from its errors. Also, in b: the chain rule run backwards.",
                        "a6199513  a.md:1, b.md:1",
                    )
                ),
                "c.md",
                *box(
                    ("definition", "c", "Dropout", "switching random neurons off while training.", "a48f3d9d  c.md:1")
                ),
                "2 cards (2 definition); 3 notes read; 0 skipped; 2 cards merged into 1",
                "Backpropagation a6199513",
                "  definition Backpropagation  a.md:1",
                "  definition Backpropogation  b.md:1",
                "",
            ]
        ),
        "",
    )


def test_show_merges_in_json(tmp_path: Path) -> None:
    code, out = run(str(vault(tmp_path)), "--dry-run", "--json", "--show-merges")
    assert code == 0
    (group,) = json.loads(out)["merges"]
    assert [c["path"] for c in group["cards"]] == ["a.md", "b.md"]
    assert group["id"] == json.loads(out)["cards"][0]["id"]
