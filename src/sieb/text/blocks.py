"""Blocks of text that has no blank lines: where a Common Crawl WET record's blocks break.

Text flattened from HTML separates its blocks (paragraphs, headings, a list, a menu, a teaser
card's lines) by blank lines, and the rules and the line model read those blocks: a run of links,
the lines of a card, a list under a heading. A WET record has one block per line and no blank
lines at all, so `lines.measure` makes every line a block of its own. A logistic model, fitted on
pages that kept their blank lines (training/fit_text_breaks.py), tells from two neighbouring
lines and the lines around them whether a blank line stood between them; `with_blocks` groups the
lines of blankless text by it.
"""

from __future__ import annotations

import math
import os
from functools import lru_cache
from typing import NamedTuple

import numpy as np

from sieb.compiled import checked_twin
from sieb.errors import SiebError
from sieb.score import read_model_data
from sieb.text.lines import LineFeatures, Lines, has_blank_lines

MODEL_FILE = "text_breaks.json"
# Lines on either side of a gap whose measures the model sees (i - 2, i - 1 | i, i + 1).
CONTEXT = 2


class BreakModel(NamedTuple):
    """A fitted logistic model of the gaps between lines: standardisation, weights, bias, and
    the probability from which a gap is a block break."""

    mean: np.ndarray
    scale: np.ndarray
    weights: np.ndarray
    bias: float
    threshold: float


def gap_rows(numeric: np.ndarray) -> np.ndarray:
    """One row per gap between neighbouring lines (n - 1 rows for n lines): the measures
    (`Lines.numeric`) of the CONTEXT lines on either side, each with a column saying whether the
    line exists, and the absolute differences of the two lines at the gap (what the model is
    fitted on; `gap_breaks` computes the same logits without the rows)."""
    own = _own_columns(numeric)
    n = len(own)
    if n < 2:
        return np.zeros((0, _width(own.shape[1])))
    padded = _padded(own)
    around = [padded[1 + k : n + k] for k in range(2 * CONTEXT)]
    return np.hstack([*around, np.abs(own[1:] - own[:-1])])


def gap_breaks(numeric: np.ndarray, model: BreakModel) -> np.ndarray:
    """Whether each gap between neighbouring lines is a block break (bool, n - 1 values). The
    standardisation is folded into the weights (`_folded`), and each line's share of the
    logits as the k-th context line of a gap is one product over the page's lines, added to
    the gaps it stands around: no row of `gap_rows` is built (a dozen numpy calls a page)."""
    own = _measures(numeric)
    columns, n = own.shape
    if _width(columns) != model.weights.shape[0]:
        raise SiebError("text break model was fitted on other measures; rerun its fitting")
    if n < 2:
        return np.zeros(0, dtype=bool)
    around, present, across, bias = _folded(model, columns)
    # Products by einsum, not `@`: BLAS would start its threads for a page of a thousand lines.
    per_line = np.einsum("kc,cn->kn", around, own)
    per_line += present[:, None]  # the column saying the line exists
    logits = np.einsum("c,cn->n", across, np.abs(np.diff(own, axis=1)))
    logits += bias
    for k in range(2 * CONTEXT):
        shift = k + 1 - CONTEXT  # gap g's k-th context line is line g + shift
        start, end = max(0, -shift), min(n - 1, n - shift)
        logits[start:end] += per_line[k, start + shift : end + shift]
    return logits >= _logit(model.threshold)  # p >= threshold: the sigmoid is increasing


# `_folded` of the models met, by identity (a model's arrays are not hashable).
_FOLDED: dict[int, tuple[BreakModel, tuple]] = {}


def _folded(model: BreakModel, columns: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, float]:
    """The model's weights over its scales, as gap_breaks adds them: per context line
    (2 * CONTEXT x columns) and for its existing (2 * CONTEXT), for the differences at the gap
    (columns), and the bias less the means' share."""
    known = _FOLDED.get(id(model))
    if known is not None and known[0] is model:
        return known[1]
    weights = model.weights / model.scale
    slots = weights[: 2 * CONTEXT * (columns + 1)].reshape(2 * CONTEXT, columns + 1)
    folded = (
        np.ascontiguousarray(slots[:, :columns]),
        np.ascontiguousarray(slots[:, columns]),
        np.ascontiguousarray(weights[2 * CONTEXT * (columns + 1) :]),
        model.bias - float(np.dot(model.mean, weights)),
    )
    if len(_FOLDED) >= 8:
        _FOLDED.clear()
    _FOLDED[id(model)] = (model, folded)
    return folded


def _logit(p: float) -> float:
    """The logit of probability `p` (infinite at 0 and 1)."""
    if p <= 0.0:
        return -math.inf
    return math.inf if p >= 1.0 else math.log(p / (1.0 - p))


def _own_columns(numeric: np.ndarray) -> np.ndarray:
    """Each line's measures (lines x columns)."""
    return _measures(numeric).T.copy()


def _measures(numeric: np.ndarray) -> np.ndarray:
    """`numeric` (columns x lines) as float64, counts as they are. (Until 2026-12 a log(1 +
    count) of chars, words and repeats was meant here but wrote into a copy, so the models
    were fitted on counts; fitted on logs, the gaps read 0.5-1 point better and WET-style F1
    0.14-0.26 point worse, so counts stay.)"""
    return np.asarray(numeric, dtype=np.float64)


def _width(columns: int) -> int:
    """Columns of a gap row for lines of `columns` measures."""
    return 2 * CONTEXT * (columns + 1) + columns


def _padded(own: np.ndarray) -> np.ndarray:
    """`own` with a column of ones (the line exists) and CONTEXT rows of zeros above and below:
    gap g's k-th context line (line g - CONTEXT + 1 + k) is row g + 1 + k."""
    n, columns = own.shape
    padded = np.zeros((n + 2 * CONTEXT, columns + 1))
    padded[CONTEXT : CONTEXT + n, :columns] = own
    padded[CONTEXT : CONTEXT + n, columns] = 1.0
    return padded


def with_blocks(feats: Lines, model: BreakModel | None) -> Lines:
    """`feats` grouped into the blocks the model finds when `measure` made each line a block of
    its own and no blank lines stand between them (`lines.has_blank_lines`); else `feats` as
    they are (blocks that blank lines make are kept)."""
    n = len(feats)
    if model is None or n < 2 or feats.layout[0, -1] != n - 1 or has_blank_lines(feats):
        return feats
    opens = np.ones(n, dtype=bool)
    opens[1:] = gap_breaks(feats.numeric, model)
    groups = np.cumsum(opens) - 1
    starts = np.flatnonzero(opens)
    positions = np.arange(n) - starts[groups]
    sizes = np.diff(np.append(starts, n))[groups]
    layout = np.array((groups, positions, sizes), dtype=np.int64)
    return Lines(regrouped(feats, opens.tolist(), LineFeatures), feats.numeric, layout, True)


def python_regrouped(
    feats: list[LineFeatures], opens: list[bool], line_type: type = LineFeatures
) -> list[LineFeatures]:
    """The lines with their group, group_pos and group_size set by `opens`, whether each line
    opens a block (the first line always does); their other fields are kept. The definition of
    the compiled `regrouped` (sieb.text._measure)."""
    if len(opens) != len(feats):
        raise ValueError("regrouped: one opens flag per line")
    out: list[LineFeatures] = []
    group = -1
    for i, f in enumerate(feats):
        if i == 0 or opens[i]:
            group, start = group + 1, i
            size = next((j for j in range(i + 1, len(feats)) if opens[j]), len(feats)) - i
        out.append(tuple.__new__(line_type, (*f[:4], group, i - start, size, *f[7:])))
    return out


def _regrouped_probes() -> list[tuple]:
    """Arguments to check the compiled `regrouped` with: the lines of a short page under every
    way of opening blocks, and an empty page."""
    from sieb.text.lines import python_measure

    feats = python_measure("Home\nNews\nA sentence of prose, long enough to read as one.\nShare")
    n = len(feats)
    patterns = [[bool(bits >> k & 1) for k in range(n)] for bits in range(1 << n)]
    return [(feats, opens, LineFeatures) for opens in patterns] + [([], [], LineFeatures)]


regrouped = (
    checked_twin("sieb.text._measure", "regrouped", python_regrouped, _regrouped_probes())
    or python_regrouped
)


def model_from_dict(data: dict) -> BreakModel:
    """A `BreakModel` from its JSON form (SiebError when a field is missing or malformed)."""
    try:
        return BreakModel(
            np.asarray(data["mean"], dtype=np.float64),
            np.asarray(data["scale"], dtype=np.float64),
            np.asarray(data["weights"], dtype=np.float64),
            float(data["bias"]),
            float(data["threshold"]),
        )
    except (KeyError, TypeError, ValueError) as error:
        raise SiebError(f"not a text break model ({error!r}); rerun its fitting") from error


def load_breaks(path: str | None = None) -> BreakModel:
    """The packaged break model, or the one at `path` (or SIEB_TEXT_BREAKS_PATH: held-out
    fits)."""
    return _load(path or os.environ.get("SIEB_TEXT_BREAKS_PATH") or None)


@lru_cache(maxsize=4)
def _load(path: str | None) -> BreakModel:
    return model_from_dict(read_model_data(MODEL_FILE, path))
