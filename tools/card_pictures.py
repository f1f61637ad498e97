"""Pictures of real cards, as Anki renders them, for the README.

    python tools/card_pictures.py [VAULT] [--out docs/cards] [--chromium chromium]

Exports VAULT (default: the sample vault decks/ml) with notecards, imports the package into a
throwaway Anki collection with the `anki` package (a test dependency: `pip install -e ".[test]"`),
takes the answer side of one card per note type as Anki renders it (its HTML and CSS, the media
folder beside it) and screenshots it with headless Chromium (Debian's `chromium` package):
`KIND.png` for each kind, and `question-night.png` in night mode (the classes `nightMode` and
`night_mode` Anki's clients set). A page is laid out as Anki's reviewer does: the card's CSS,
Anki's 20px body margin, and MathJax for `\\(...\\)` when a copy is installed (Debian's
`libjs-mathjax`; without it the TeX shows as written and the script says so).

Each card is rendered twice: once to measure its height, once to take the picture at that
height. Nothing is written in VAULT; the pictures go to --out.
"""

from __future__ import annotations

import argparse
import html
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from cards.export.package import write_package  # noqa: E402
from cards.pipeline import Options, build  # noqa: E402

MATHJAX = Path("/usr/share/javascript/mathjax/MathJax.js")
CHROMIUM_FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking")
# kind shown in the file name -> the note type's first template
KINDS = {
    "definition": "notecards Definition",
    "question": "notecards Question",
    "cloze": "notecards Cloze",
    "basic": "notecards Basic",
    "basic-reversed": "notecards Basic (and reversed)",
}
# the reviewer's own page style around the card (Anki's body margin), and what MathJax needs
PAGE = """<!doctype html>
<html><head><meta charset="utf-8">
<style>body {{ margin: 20px; }} html {{ background: {background}; }}</style>
{mathjax}
</head>
<body class="{classes}">{card}
<script>
function measured() {{ document.title = "height=" + Math.ceil(document.body.getBoundingClientRect().bottom + 20); }}
if (window.MathJax) {{ MathJax.Hub.Queue(measured); }} else {{ measured(); }}
</script>
</body></html>
"""
MATHJAX_TAGS = """<script type="text/x-mathjax-config">
MathJax.Hub.Config({{ tex2jax: {{ inlineMath: [["\\\\(", "\\\\)"]], displayMath: [["\\\\[", "\\\\]"]] }},
  messageStyle: "none", showMathMenu: false }});
</script>
<script src="{src}?config=TeX-AMS_SVG"></script>"""


@dataclass(frozen=True)
class Shot:
    name: str
    html: str
    night: bool = False


def pick_cards(vault: Path, work: Path) -> list[Shot]:
    """The answer side of one card per note type, preferring one with a picture, then one with
    math: what a learner sees once the card is turned."""
    from anki.collection import Collection
    from anki.import_export_pb2 import (
        IMPORT_ANKI_PACKAGE_UPDATE_CONDITION_IF_NEWER,
        ImportAnkiPackageOptions,
        ImportAnkiPackageRequest,
    )

    result = build(vault, Options(cache=False))
    package = work / "deck.apkg"
    write_package(result.cards, result.deck, vault, package)
    col = Collection(str(work / "collection.anki2"))
    try:
        options = ImportAnkiPackageOptions(
            update_notes=IMPORT_ANKI_PACKAGE_UPDATE_CONDITION_IF_NEWER,
            update_notetypes=IMPORT_ANKI_PACKAGE_UPDATE_CONDITION_IF_NEWER,
        )
        col.import_anki_package(ImportAnkiPackageRequest(package_path=str(package), options=options))
        for media in Path(col.media.dir()).iterdir():
            shutil.copy(media, work / media.name)
        best: dict[str, tuple[int, str]] = {}
        for nid in col.find_notes(""):
            note = col.get_note(nid)
            card = note.cards()[0]
            kind = next((k for k, name in KINDS.items() if note.note_type()["name"] == name), "")
            answer = card.answer()
            score = 2 * ("<img" in answer) + ("\\(" in answer or "\\[" in answer)
            if kind and (kind not in best or score > best[kind][0]):
                best[kind] = (score, answer)
    finally:
        col.close()
    shots = [Shot(kind, answer) for kind, (_, answer) in sorted(best.items())]
    if "question" in best:
        shots.append(Shot("question-night", best["question"][1], night=True))
    return shots


def page(shot: Shot) -> str:
    mathjax = MATHJAX_TAGS.format(src=MATHJAX.as_uri()) if MATHJAX.is_file() else ""
    classes = "card nightMode night_mode" if shot.night else "card"
    return PAGE.format(
        background="#1e1e1e" if shot.night else "#fdfdfd", mathjax=mathjax, classes=classes, card=shot.html
    )


def chromium(binary: str, *args: str) -> str:
    flags = [*CHROMIUM_FLAGS, "--allow-file-access-from-files", "--virtual-time-budget=5000", "--hide-scrollbars"]
    done = subprocess.run([binary, *flags, *args], capture_output=True, text=True, timeout=120, check=True)
    return done.stdout


def screenshot(binary: str, source: Path, target: Path, width: int) -> None:
    dom = chromium(binary, f"--window-size={width},2000", "--dump-dom", source.as_uri())
    found = re.search(r"<title>height=(\d+)</title>", dom)
    height = min(int(found.group(1)), 2000) if found else 600
    chromium(binary, f"--window-size={width},{height}", f"--screenshot={target}", source.as_uri())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("vault", nargs="?", type=Path, default=ROOT / "decks" / "ml")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "cards")
    parser.add_argument("--chromium", default="chromium")
    parser.add_argument("--width", type=int, default=720)
    args = parser.parse_args()
    if shutil.which(args.chromium) is None:
        sys.exit(f"Error: {args.chromium} not found (Debian: apt-get install chromium)")
    if not MATHJAX.is_file():
        print(f"note: no MathJax at {MATHJAX}: math shows as TeX (Debian: apt-get install libjs-mathjax)")
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="notecards-pictures-") as tmp:
        work = Path(tmp)
        for shot in pick_cards(args.vault, work):
            source = work / f"{shot.name}.html"
            source.write_text(page(shot), encoding="utf-8")
            target = args.out / f"{shot.name}.png"
            screenshot(args.chromium, source, target, args.width)
            front = re.sub(r"<[^>]+>", "", re.search(r'class="front">(.*?)</div>', shot.html, re.S).group(1))
            print(f"{target}: {html.unescape(front)[:70]}")


if __name__ == "__main__":
    main()
