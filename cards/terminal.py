"""Text on its way to a terminal or a log made inert: what a file name, a note or a link brings
can neither drive the terminal nor disguise itself.

Control characters (colour codes, cursor moves, window-title and clipboard OSC sequences, a
carriage return that hides a line, a newline that forges one), the C1 controls (U+0080-U+009F,
8-bit CSI among them) and the bidi overrides and isolates that make text read otherwise than it
is are written as escapes (`\\x1b`, `\\u202e`): the text stays readable and says what was there.
Every line the command prints goes through `inert`; JSON output through `inert_json`.
"""

from __future__ import annotations

import re

_UNSAFE = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def inert(text: str) -> str:
    """`text` with every character that could act on a terminal written as an escape. Tabs and
    printable text, any script, are kept as they are."""
    return _UNSAFE.sub(_escape, text)


def _json_escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def inert_json(encoded: str) -> str:
    """JSON text with the characters json leaves raw (DEL, C1 controls, bidi, line separators;
    json already escapes the rest) as `\\uXXXX` escapes: the same JSON value, inert in a terminal.
    Such characters occur only inside strings, where the escape is valid."""
    return _UNSAFE.sub(_json_escape, encoded)
