"""A short table row with a kept cell is kept whole; layout rows are not."""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser

from sieb.blocks import Segmentation, segment
from sieb.tables import keep_whole_rows


def _seg(body: str) -> Segmentation:
    return segment(LexborHTMLParser(f"<html><body>{body}</body></html>"))


def _kept(seg: Segmentation, keep: list[bool]) -> list[str]:
    return [b.text for b, k in zip(seg.blocks, keep, strict=True) if k]


def test_the_label_of_a_kept_value_is_kept() -> None:
    seg = _seg(
        "<table><tr><th>Length</th><td>7.4 km</td></tr><tr><th>Built</th><td>1908</td></tr>"
        "</table><p>Other text.</p>"
    )
    keep = [b.text in ("7.4 km",) for b in seg.blocks]
    assert _kept(seg, keep_whole_rows(seg.blocks, keep)) == ["Length", "7.4 km"]


def test_a_layout_row_does_not_pull_in_its_sidebar_cell() -> None:
    paragraph = "The content cell of an old table layout holds the whole article text. " * 6
    seg = _seg(
        f"<table><tr><td><p>{paragraph}</p><p>{paragraph}</p></td>"
        "<td><p>Visitors since 2004</p></td></tr></table>"
    )
    keep = [b.text.startswith("The content cell") for b in seg.blocks]
    assert "Visitors since 2004" not in _kept(seg, keep_whole_rows(seg.blocks, keep))
