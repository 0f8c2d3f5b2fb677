"""Structural corrections to the classifier's keep/drop decisions.

The model scores blocks one by one; a few decisions are better made on the sequence:
- a sub-heading is body when the text it introduces is body (short headings carry few features,
  so the model often drops them: "incomplete bodies" is the most frequent complaint of users);
- a short title-like line between two kept paragraphs of the same container is a sub-heading
  written as a <div> or <p><strong>.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from sieb.blocks import TextBlock
from sieb.signals import CAPTION, CREDIT, is_boilerplate_line

# Sub-headings are short: longer blocks are left to the model.
HEADING_MAX_CHARS = 120
_TERMINAL = re.compile(r"[.!?:;,…]$")
_WORD = re.compile(r"\w+")


def _next_kept(keep: Sequence[bool], blocks: Sequence[TextBlock], start: int) -> int | None:
    for j in range(start + 1, len(blocks)):
        if blocks[j].text:
            return j if keep[j] else None
    return None


def _is_heading_like(block: TextBlock) -> bool:
    text = block.text
    if not text or len(text) > HEADING_MAX_CHARS or block.neg or block.link_chars:
        return False
    if block.list_id >= 0 or block.table_id >= 0 or block.figure_id >= 0:
        return False
    return len(_WORD.findall(text)) >= 2 and not _TERMINAL.search(text)


def keep_subheadings(blocks: Sequence[TextBlock], keep: list[bool]) -> list[bool]:
    """Keep dropped headings that introduce kept text after kept text."""
    out = list(keep)
    seen_kept = False
    for i, block in enumerate(blocks):
        if out[i]:
            seen_kept = True
            continue
        if not seen_kept or not _is_heading_like(block):
            continue
        following = _next_kept(out, blocks, i)
        if following is None:
            continue
        if (
            block.heading_level >= 2
            or block.element == blocks[following].element
            or _same_parent(blocks, i, following)
        ):
            out[i] = True
    return out


def _same_parent(blocks: Sequence[TextBlock], i: int, j: int) -> bool:
    return blocks[i].depth == blocks[j].depth and blocks[i].ctx is blocks[j].ctx


def keep_figures(blocks: Sequence[TextBlock], keep: list[bool]) -> list[bool]:
    """Keep figure parts (image, caption, credit) that sit between kept body blocks.

    The model is trained to leave captions out of the text; the assembler turns these blocks into
    `figure` blocks, so keeping them adds image, caption and credit without touching `text`.
    """
    kept_positions = [i for i, k in enumerate(keep) if k]
    if len(kept_positions) < 2:
        return keep
    first, last = kept_positions[0], kept_positions[-1]
    out = list(keep)
    for i in range(first + 1, last):
        block = blocks[i]
        if (
            not out[i]
            and (block.figure_id >= 0 or block.flags & (CAPTION | CREDIT))
            and not block.neg
        ):
            out[i] = True
    return out


def drop_boilerplate_lines(blocks: Sequence[TextBlock], keep: list[bool]) -> list[bool]:
    """Drop kept blocks that are teaser lead-ins, reader prompts or reprint notices."""
    return [k and not is_boilerplate_line(b.text) for k, b in zip(keep, blocks, strict=True)]


# A block of at least this many separate text pieces averaging under WIDGET_MAX_PIECE_CHARS
# characters, under a negative class/id signal, is a row of buttons ("Merken Teilen Drucken").
WIDGET_MIN_PIECES = 3
WIDGET_MAX_PIECE_CHARS = 16


def drop_widget_rows(blocks: Sequence[TextBlock], keep: list[bool]) -> list[bool]:
    """Drop kept blocks that are rows of short UI strings inside chrome-marked elements."""
    return [
        k
        and not (
            b.neg
            and b.fragments >= WIDGET_MIN_PIECES
            and len(b.text) < WIDGET_MAX_PIECE_CHARS * b.fragments
        )
        for k, b in zip(keep, blocks, strict=True)
    ]
