"""The cards' HTML held packed between the workers and the export reads as the dict it stands for."""

from __future__ import annotations

from cards import packed
from cards.packed import PackedHtml


def test_packed_html_reads_as_the_dict_of_the_same_pairs(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(packed, "PAIRS_PER_BLOB", 3)  # several blobs, and pairs left unpacked
    notes = [
        [("**a**", "<b>a</b>"), ("b", "b")],
        [("c", "c"), ("**a**", "<strong>a</strong>")],  # a later note's HTML of the same text wins
        [],
        [("d", "<p>d</p>"), ("e", "e"), ("f", "f"), ("g", "<i>g</i>")],
    ]
    html, expected = PackedHtml(), {}
    assert not html
    for pairs in notes:
        html.add(pairs)
        expected.update(pairs)
    assert html and len(html) == len(expected) == 7
    assert list(html.items()) == list(expected.items())
    assert html == expected and "**a**" in html and "z" not in html
    html.add([("z", "<u>z</u>")])  # added once read: still a dict's update
    expected.update([("z", "<u>z</u>")])
    assert html == expected
