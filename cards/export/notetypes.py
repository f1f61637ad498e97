"""The note types a package holds: their fields, templates and CSS, as plain data (package.py
makes genanki's models of them), and the deck ids.

Model ids and field lists are fixed forever: Anki matches note types by id, and a changed field
list under the same id makes it refuse the notes on import. Only CSS and template text may change.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from ..model import Card, Kind

FIELDS = ("Front", "Back", "Extra", "Source", "Hint", "Spare")
# The spare field holds the card's context (title › headings › lead-in), shown small above the prompt.
# Its name stays "Spare": renaming a field makes Anki refuse the notes as conflicting.

# Raise when the CSS or template text changes. Only text may change under a model id: a re-import
# then updates the note types in place (same ids, same fields, same template names).
TEMPLATE_VERSION = 2


def _night(selectors: str) -> str:
    """A rule's selectors in night mode under both of Anki's spellings: the class sits on the card
    itself (`.card.nightMode`, desktop) or on an ancestor (`.night_mode .card`, older and mobile)."""
    out = []
    for selector in (s.strip() for s in selectors.split(",")):
        if selector == ".card":
            out += [".card.nightMode", ".card.night_mode", ".nightMode .card", ".night_mode .card"]
        else:
            out += [f".nightMode {selector}", f".night_mode {selector}"]
    return ", ".join(out)


# `.card` is Anki's <body>: only its side margins are set, so Anki's own top margin keeps the
# flag and mark icons clear of the card's label; a padding keeps the text off a narrow window's
# edges, where the auto side margins are nothing.
CSS = (
    f"/* notecards templates v{TEMPLATE_VERSION} */\n"
    + """
.card { font-family: -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif; font-size: 20px;
  line-height: 1.45; text-align: left; color: #1d1d1f; background: #fdfdfd; max-width: 42em;
  margin-left: auto; margin-right: auto; padding-left: 12px; padding-right: 12px; }
.context { font-size: 12px; color: #8a8a8a; padding-top: .2em; margin-bottom: .3em; }
.context .sep { padding: 0 .35em; }
.kind { font-size: 11px; letter-spacing: .08em; text-transform: uppercase; color: #8a8a8a; padding-top: .2em; }
.front { font-size: 1.15em; font-weight: 600; }
.back { margin-top: .4em; }
.extra { margin-top: 1em; font-size: .85em; color: #555; border-left: 3px solid #ddd; padding-left: .7em; }
.hint { margin-top: .8em; font-size: .8em; color: #b26b00; }
.source { margin-top: 1.2em; font-size: 11px; color: #8a8a8a; }
.source a { color: inherit; }
a { color: #0a58ca; }
code, pre { font-family: "JetBrains Mono", Menlo, Consolas, monospace; font-size: .85em; }
pre { background: #f4f4f4; padding: .6em .8em; border-radius: 6px; overflow-x: auto; }
mark { background: #fff3a3; padding: 0 .1em; }
.cloze { font-weight: 700; color: #0a58ca; }
img { max-width: 100%; height: auto; }
table { border-collapse: collapse; } td, th { border: 1px solid #ccc; padding: .2em .5em; }
hr#answer { border: 0; border-top: 1px solid #ddd; }
"""
    + "".join(
        f"{_night(selectors)} {{ {rules} }}\n"
        for selectors, rules in (
            (".card", "color: #e6e6e6; background: #1e1e1e;"),
            (".extra", "color: #aaa; border-color: #444;"),
            (".hint", "color: #f0a94a;"),
            (".context, .kind, .source", "color: #9a9a9a;"),
            ("a", "color: #79b8ff;"),
            (".source a", "color: inherit;"),
            ("pre", "background: #2b2b2b;"),
            ("mark", "background: #6b5b00; color: #fff;"),
            (".cloze", "color: #79b8ff;"),
            ("td, th", "border-color: #555;"),
            ("hr#answer", "border-top-color: #444;"),
        )
    )
)

_ANSWER_TAIL = (
    '{{#Extra}}<div class="extra">{{Extra}}</div>{{/Extra}}'
    '{{#Hint}}<div class="hint">{{Hint}}</div>{{/Hint}}'
    '<div class="source">{{Source}}</div>'
)


_CONTEXT = '{{#Spare}}<div class="context">{{Spare}}</div>{{/Spare}}'


@dataclass(frozen=True)
class NoteType:
    """A note type as Anki stores it: `templates` are (name, question, answer) triples."""

    model_id: int
    name: str
    templates: tuple[tuple[str, str, str], ...]
    cloze: bool = False


def _note_type(model_id: int, name: str, label: str, reverse: bool = False) -> NoteType:
    front = f'{_CONTEXT}<div class="kind">{label}</div><div class="front">{{{{Front}}}}</div>'
    back = '{{FrontSide}}<hr id="answer"><div class="back">{{Back}}</div>' + _ANSWER_TAIL
    templates = [(f"{name}: Front → Back", front, back)]
    if reverse:
        templates.append(
            (
                f"{name}: Back → Front",
                f'{_CONTEXT}<div class="kind">{label}</div><div class="front">{{{{Back}}}}</div>',
                '{{FrontSide}}<hr id="answer"><div class="back">{{Front}}</div>' + _ANSWER_TAIL,
            )
        )
    return NoteType(model_id, name, tuple(templates))


NOTE_TYPES: dict[str, NoteType] = {
    "definition": _note_type(1_740_612_001, "notecards Definition", "definition"),
    "question": _note_type(1_740_612_002, "notecards Question", "question"),
    "basic": _note_type(1_740_612_003, "notecards Basic", "card"),
    "basic-reversed": _note_type(1_740_612_004, "notecards Basic (and reversed)", "card", reverse=True),
    "cloze": NoteType(
        1_740_612_005,
        "notecards Cloze",
        (
            (
                "notecards Cloze",
                _CONTEXT + '<div class="kind">cloze</div><div class="front">{{cloze:Front}}</div>',
                _CONTEXT + '<div class="kind">cloze</div><div class="front">{{cloze:Front}}</div>'
                '{{#Back}}<div class="back">{{Back}}</div>{{/Back}}' + _ANSWER_TAIL,
            ),
        ),
        cloze=True,
    ),
}


def note_type_key(card: Card) -> str:
    """The key in NOTE_TYPES of the card's note type."""
    if card.kind == Kind.BASIC and card.reverse:
        return "basic-reversed"
    return str(card.kind)


def deck_id(name: str) -> int:
    """A deck id derived from the deck name, in the range Anki's own ids use."""
    return 1 << 30 | int(hashlib.sha256(f"notecards-deck:{name}".encode()).hexdigest()[:7], 16)
