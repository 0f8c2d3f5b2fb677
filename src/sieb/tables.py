"""Table rows are units: a short row whose cells are partly kept is kept whole.

The model scores every cell alone, so in a key/value table (an infobox, a spec sheet) it may
keep the value "7,4 km" and drop its label "Länge" just under the threshold; the rendered row
then loses its meaning. A data row is one statement: when any of its cells is kept, all are.
Rows of layout tables (a page's content cell beside its sidebar cell) hold far more text than
a data row and are left alone.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from itertools import compress

from sieb.blocks import TextBlock

# Most text a data row holds (label and value, a few short cells); a longer row is layout.
ROW_MAX_CHARS = 300


def keep_whole_rows(blocks: Sequence[TextBlock], keep: list[bool]) -> list[bool]:
    """Keep every cell of a short table row that has a kept cell."""
    kept_rows = {b.row_id for b in compress(blocks, keep) if b.table_id >= 0}
    kept_rows.discard(-1)
    if not kept_rows:
        return keep
    row_chars: Counter[int] = Counter()
    for block in blocks:
        if block.row_id in kept_rows and block.table_id >= 0:
            row_chars[block.row_id] += len(block.text)
    rows = {row for row in kept_rows if row_chars[row] <= ROW_MAX_CHARS}
    return [
        k or (b.table_id >= 0 and b.row_id in rows and bool(b.text))
        for k, b in zip(keep, blocks, strict=True)
    ]
