"""Every kind of card, exported with the default options and rendered by Anki itself, reads well:
a front and a back, no Markdown left raw, math as MathJax, pictures shipped, night mode styled."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

pytest.importorskip("anki")

from anki_helpers import fresh_collection, import_package, notes_by_guid, png, write_vault
from click.testing import CliRunner

from cards.cli import main

STATISTICS = r"""---
tags: [stats]
---
# Statistics

$R^2$ (Coefficient of determination): the share of the variance of the target that the model explains.
![[r2.png|300]]

Variance: the mean of the squared distances from the mean, $\sigma^2 = \frac{1}{n}\sum_i (x_i - \bar x)^2$.

The ==null hypothesis== $H_0$ says there is no effect,
and the test tries to reject it.

## Questions
- Why square the distances in the variance?
  - so that **negative** and positive deviations do not cancel
- What does a p-value of 0.03 mean?

## Flashcards

Standard error::the standard deviation of an *estimate*
Mean:::the sum of the values divided by their count
"""

VAULT: dict[str, str | bytes] = {
    "Courses/Statistics.md": STATISTICS,
    "Glossary.md": "# Glossary\n\nVariance: how far values spread around their mean.\n",
    "attachments/r2.png": png(7),
}

# The front each template shows, as a learner reads it (MathJax's TeX set aside as MATH)
EXPECTED = {
    "notecards Definition: Front → Back": ["MATH (Coefficient of determination)", "Variance"],
    "notecards Cloze": ["The [...] MATH says there is no effect, and the test tries to reject it."],
    "notecards Question: Front → Back": ["Why square the distances in the variance?"],
    "notecards Basic: Front → Back": ["Standard error"],
    "notecards Basic (and reversed): Front → Back": ["Mean"],
    "notecards Basic (and reversed): Back → Front": ["the sum of the values divided by their count"],
}
RAW_MARKDOWN = ("**", "==", "[[", "]]", "![", "](", "```", "$", "{{", "}}")


def visible(fragment: str) -> str:
    """The text a learner sees: no style sheet, no tags, entities decoded, MathJax's TeX set aside."""
    text = re.sub(r"<[^>]*>", " ", re.sub(r"<style>.*?</style>", "", fragment, flags=re.S))
    text = re.sub(r"\\\(.*?\\\)|\\\[.*?\\\]", " MATH ", html.unescape(text), flags=re.S)
    return " ".join(text.split())


def part(rendered: str, name: str) -> str:
    match = re.search(rf'<div class="{name}">(.*?)</div>', rendered, re.S)
    return match.group(1) if match else ""


def css_rules(rendered: str) -> list[tuple[list[str], str]]:
    css = re.sub(r"/\*.*?\*/", "", re.search(r"<style>(.*?)</style>", rendered, re.S).group(1), flags=re.S)
    return [([s.strip() for s in sel.split(",")], body) for sel, body in re.findall(r"([^{}]+)\{([^}]*)\}", css)]


def night_styled(rendered: str) -> list[str]:
    """Classes in the HTML that have a colour in light mode but none in night mode, under either
    of Anki's spellings (`nightMode` on the card, `night_mode` on an ancestor)."""
    rules = css_rules(rendered)
    missing = []
    for cls in sorted({c for attr in re.findall(r'class="([^"]+)"', rendered) for c in attr.split()}):
        coloured = any(f".{cls}" in sels and re.search(r"(?:^|;|\s)(?:color|background)\s*:", b) for sels, b in rules)
        if not coloured:
            continue
        for night in ("nightMode", "night_mode"):
            wanted = {f".{cls}.{night}", f".{night} .{cls}"}
            if not any(wanted & set(sels) for sels, _ in rules):
                missing.append(f".{night} .{cls}")
    return missing


def test_every_kind_renders_in_anki_light_and_night(tmp_path: Path) -> None:
    vault = write_vault(tmp_path / "stats", VAULT)
    out = tmp_path / "stats.apkg"
    result = CliRunner().invoke(main, ["export", str(vault), "-o", str(out), "--no-cache"])
    assert (result.exit_code, result.stdout) == (0, ""), result.output
    left_out = "1 open question left out of the package (--include-open adds them, suspended)"
    assert result.stderr == f"{out}: 6 cards from 2 notes; {left_out}\n"

    with fresh_collection(tmp_path / "anki") as col:
        import_package(col, out)
        media = Path(col.media.dir())
        seen: dict[str, list[str]] = {}
        for note in notes_by_guid(col).values():
            for card in note.cards():
                template = card.template()["name"]
                question, answer = card.question(), card.answer()
                front = visible(part(question, "front"))
                seen.setdefault(template, []).append(front)
                assert front, f"{template}: an empty front"
                back = visible(part(answer, "back")) if template != "notecards Cloze" else visible(answer)
                assert back and back != front, f"{template} {front}: an empty back"
                for side in (question, answer):
                    shown = visible(side)
                    assert not [m for m in RAW_MARKDOWN if m in shown], f"{template} {front}: raw Markdown in {shown}"
                    assert not re.search(r"(?:^|\s)[-*#] ", shown.replace(" MATH ", " ")), shown
                    for src in re.findall(r'<img src="([^"]+)"', side):
                        assert (media / src).is_file(), f"{front}: {src} is not in the media folder"
                    assert night_styled(side) == [], f"{template}: no night colour for these"
                if "MATH" in front + back or "$" in note["Front"] + note["Back"]:
                    assert "\\(" in question + answer, f"{front}: math without MathJax delimiters"

        assert {t: sorted(f) for t, f in seen.items()} == EXPECTED
        fronts = {n["Front"] for n in notes_by_guid(col).values()}
        assert not any("p-value" in f for f in fronts), "the open question stays out by default"

        by_front = {visible(part(c.question(), "front")): c for n in notes_by_guid(col).values() for c in n.cards()}
        r2 = by_front["MATH (Coefficient of determination)"]
        assert '<span class="math inline">\\(R^2\\)</span> (Coefficient of determination)' in r2.question()
        assert '<img src="r2.png" alt="" width="300">' in part(r2.answer(), "extra")
        assert (media / "r2.png").read_bytes() == png(7)
        cloze = next(c for f, c in by_front.items() if f.startswith("The [...]"))
        assert "says there is no effect,<br>" in cloze.question() and "\\(H_0\\)" in cloze.question()
        variance = by_front["Variance"]
        assert "Also, in Statistics: the mean of the squared distances" in visible(variance.answer())
        assert "\\(\\sigma^2 = " in variance.answer()
        why = by_front["Why square the distances in the variance?"]
        assert "<strong>negative</strong>" in why.answer()
