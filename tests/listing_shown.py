"""The human listing as a user reads it, for tests that compare the whole output of a command."""

from __future__ import annotations

from click.testing import CliRunner, Result

from cards.cli import main

WIDTH = {"COLUMNS": "100", "FORCE_COLOR": None}
"""A console 100 columns wide and plain, whatever the terminal running the tests."""

_BAR = "─" * 85
TOP, BOTTOM = f"┌────────────┬{_BAR}┐", f"└────────────┴{_BAR}┘"


def invoke(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), env=WIDTH)


def shown(listing: str) -> str:
    """The listing as read: rich pads each line with spaces to the console's width."""
    return "".join(line.rstrip() + "\n" for line in listing.splitlines())


def box(*cards: tuple[str, ...]) -> list[str]:
    """The lines of a note's cards as rich draws them, each card given as its kind, then its lines."""
    rows = [f"│ {kind if i == 0 else '':<10} │ {line:<83} │" for kind, *lines in cards for i, line in enumerate(lines)]
    return [TOP, *rows, BOTTOM]
