"""Stage 3b of text mode: the fitted line model revises which lines are body text.

The rules of `roles` give every line a role and a keep flag; a staged numpy network (the
pattern of `sieb.score` on the HTML side) then scores each line: stage one sees the line's own
features, its rule-based role and keep flag, its position, its neighbours' features and a
summary of the lines around it (prose, kept and marker shares, the nearest prose, the densest
prose); stage two adds the stage-one probabilities of its neighbours and the runs they form, and
a third stage (when the model has one) the same of stage two's. A kept line that the model calls
chrome with high confidence is dropped, a dropped prose line it calls body with high confidence is
kept, each with the reason "model: ...". Which lines it may revise is fixed (`_DROPPABLE`,
`_KEEPABLE_REASONS`); roles of other lines are left as the rules gave them.

Features are computed for the whole page at once, one column per feature, and the networks run on
the page's matrix: standardisation folded into the first layers, and one single-precision product
of the stage-one columns for all stages (`_Network`). At ~180 lines a page, numpy's per-call cost
is a good part of the work: array methods and ufuncs are called directly (`np.clip`,
`np.flatnonzero`, `ndarray.sum` wrap them in Python). The weights are data
(`sieb/data/text_model.json`), produced by `training/fit_text_model.py`, which records beside
them the scores on the pages it did not see.
"""

from __future__ import annotations

import os
import threading
from functools import lru_cache
from types import ModuleType
from typing import NamedTuple

import numpy as np

from sieb.article import HTML_ONLY_ROLES, LineRole
from sieb.compiled import compiled_module
from sieb.errors import SiebError
from sieb.score import Stage, read_model_data, stage_from_dict
from sieb.text.lines import LineFeatures
from sieb.text.roles import _COMMENTS, Decision, R, body_span

MODEL_FILE = "text_model.json"
# The roles text mode's rules give (one model column each); HTML-only roles are not among them.
ROLES = tuple(r for r in LineRole if r not in HTML_ONLY_ROLES)

# Own features of a line (also given for neighbours at offsets NEIGHBOURS).
OWN_FEATURES = (
    "log_chars",
    "log_words",
    "terminal",
    "colon_end",
    "upper_start",
    "stop_ratio",
    "log_repeats",
    "separators",
    "has_digit",
    "exclamations",
    "consent_key",
    "notice_key",
    "footer_key",
    "is_prose",
    "is_sentence",
    "is_headline",
    "kept",
)
NEIGHBOURS = (-2, -1, 1, 2)
PAGE_FEATURES = (
    "position",
    "log_lines",
    "log_group_size",
    "group_first",
    "group_last",
    "kept_before",
    "kept_after",
    "log_gap_kept",
    "page_kept_share",
    "same_group_prev",
    "same_group_next",
)
# Where the line stands among a wider window of lines: prose and kept shares, lengths and
# repetition over +-_WINDOW and +-_WIDE_WINDOW lines, the distance to the nearest prose line, the
# run of non-prose lines it is in, and its offset from the page's densest stretch of prose.
WIDE_FEATURES = (
    "w5_prose",
    "w5_log_chars",
    "w5_log_repeats",
    "w15_prose",
    "w15_kept",
    "log_gap_prose",
    "log_short_run",
    "dense_offset",
    "dense_distance",
)
# What kind of region a line is in: shares of marker lines (dates, bylines, labels, UI strings,
# credits: one per comment or teaser) over +-_WINDOW and +-_WIDE_WINDOW lines, kept lines over
# +-_FAR_WINDOW, the share of kept characters before the line, and whether a comment section
# has started above it.
REGION_FEATURES = (
    "w5_marker",
    "w15_marker",
    "w40_kept",
    "kept_chars_before",
    "after_comments",
)
BASE_FEATURES = (
    OWN_FEATURES
    + tuple(f"n{o:+d}_{name}" for o in NEIGHBOURS for name in OWN_FEATURES)
    + PAGE_FEATURES
    + tuple(f"role_{r.value}" for r in ROLES)
    + WIDE_FEATURES
    + REGION_FEATURES
)
CONTEXT_FEATURES = (
    "p_own",
    "p-2",
    "p-1",
    "p+1",
    "p+2",
    "p_group_mean",
    "p_window_mean",
    "p_window_max",
    "p_wide_mean",
    "in_span",
    "log_span_gap",
    "p_far_mean",
    "p_chars_before",
    "run_share",
    "span_share",
)
# Half-width of the window whose mean and max stage-one probability stage two sees: about one
# paragraph and the short lines around it.
_WINDOW = 5
# Half-width of the wider window: about a screen of the page (a block of teasers or a comment).
_WIDE_WINDOW = 15
# Half-width of the far window: a comment thread or a teaser grid can be longer than the article.
_FAR_WINDOW = 40
# Roles of the lines that mark one item of a comment thread or a teaser grid.
_MARKERS = frozenset({R.DATE, R.BYLINE, R.META_LABEL, R.UI, R.CREDIT})
# Stage-one probability at which a line neither adds to nor takes from the body run of
# `in_span` (the maximum-sum run of (p - 0.5) * characters, as `roles.body_span` on rules).
_SPAN_PRIOR = 0.5
# Characters per line counted towards the run at most (as roles._PROSE_CAP).
_SPAN_CAP = 800
# Kept lines the model may drop: text the rules keep for being prose, a list or a heading inside
# the body (a short line before prose is often a byline, a contact or a "related" label). Quotes
# and their speakers, and the title are kept by the rules' neighbour patterns, which the fixtures
# and the seed page check line by line; the model leaves them alone.
_DROPPABLE = frozenset({R.PARAGRAPH, R.LEAD, R.LIST_ITEM, R.HEADING})
# A heading is dropped only below this (and drop_below): the in-body headings of the seed page
# and the fixtures score lower than prose, the bylines, contacts and "related" labels far lower.
_HEADING_DROP = 0.1
# Pages with fewer lines are left to the rules: the model reads a line by the page around it
# (windows of up to +-15 lines, page shares), and a pasted paragraph or two with a label has no
# page to read (the 4-network model dropped such a lone paragraph). The fitting pages have at
# least 8 lines, so held-out F1 of both -text sets is the same for any value up to 8.
_MODEL_MIN_LINES = 5
# Dropped lines the model may keep: those the rules drop for their position alone (roles._inside,
# _between, _outside), and two context-free rules that fire on body prose too (a notice keyword
# or exclamation marks in a sentence; held-out, scrapinghub-text +0.0013 F1, trafilatura-dev-text
# +0.0003). Other lines recognised by themselves (consent, UI, credits, labels, dates...) or by a
# neighbour pattern (a teaser announcing a video, a closing teaser card) stay dropped.
_KEEPABLE_REASONS = frozenset(
    {
        "text before the body",
        "text after the body",
        "short line before the body",
        "short line after the body",
        "short line inside the body, not followed by text",
        "short line between the title and the body",
        "account, browser or subscription notice",
        "status messages (several exclamation marks)",
    }
)


# The numeric fields of `LineFeatures`, in order from `chars` to `is_headline`: the own features
# bar `kept`, with log1p on chars and words and log on repeats.
_FIRST_FIELD = LineFeatures._fields.index("chars")
_N_OWN = len(OWN_FEATURES)
# Column offsets in the stage-one matrix: own, neighbours, page, roles (as BASE_FEATURES).
_PAGE_AT = _N_OWN * (1 + len(NEIGHBOURS))
_ROLES_AT = _PAGE_AT + len(PAGE_FEATURES)
_WIDE_AT = _ROLES_AT + len(ROLES)
_REGION_AT = _WIDE_AT + len(WIDE_FEATURES)
_ROLE_INDEX = {r: k for k, r in enumerate(ROLES)}
_MARKER_COLUMNS = [_ROLE_INDEX[r] for r in ROLES if r in _MARKERS]
# Columns of the own features that the wide features summarise.
_LOG_CHARS, _LOG_REPEATS, _PROSE, _KEPT = (
    OWN_FEATURES.index(name) for name in ("log_chars", "log_repeats", "is_prose", "kept")
)
# Rows per matrix product: OpenBLAS multi-threads a product once rows x columns x inner size
# passes 65536 x 4, and on a busy machine its threads spin for far longer than the product takes
# (the merged ensemble has 64 hidden units: 112 rows x 64 x 129 features was threaded, and its
# thread hand-offs cost more than all the rest of the model). Products are cut into blocks of rows
# below that size; each row's sums are the same whatever the block.
_SINGLE_THREAD_SIZE = 65536 * 4


def _own(feats: list[LineFeatures], decisions: list[Decision], out: np.ndarray) -> None:
    """Own features of every line into `out` (n x len(OWN_FEATURES))."""
    numeric = getattr(feats, "numeric", None)  # measure's `Lines` carry the fields as an array
    if numeric is not None and numeric.shape == (_N_OWN - 1, len(feats)):
        out[:, :-1] = numeric.T
    else:
        out[:, :-1] = [f[_FIRST_FIELD:] for f in feats]
    np.log1p(out[:, :2], out=out[:, :2])
    np.log(out[:, 6], out=out[:, 6])
    out[:, -1] = [d.kept for d in decisions]


def _shift_into(x: np.ndarray, offset: int, out: np.ndarray) -> None:
    """Row i of `out` gets row i+offset of `x` (zeros past either end); same shape as x."""
    n = len(x)
    if offset >= n or -offset >= n:
        out[:] = 0.0
    elif offset > 0:
        out[: n - offset] = x[offset:]
        out[n - offset :] = 0.0
    elif offset < 0:
        out[-offset:] = x[: n + offset]
        out[:-offset] = 0.0
    else:
        out[:] = x


def _layout(feats: list[LineFeatures]) -> np.ndarray:
    """Group, position in the group and group size of every line (3 x n, int64)."""
    layout = getattr(feats, "layout", None)  # measure's `Lines` carry them
    if layout is not None and layout.shape == (3, len(feats)):
        return layout
    return (
        np.array([[f.group, f.group_pos, f.group_size] for f in feats], dtype=np.int64)
        .reshape(-1, 3)
        .T
    )


def _window_mean(x: np.ndarray, half: int) -> np.ndarray:
    """Mean of x over the lines within `half` of each line (fewer at the page's ends)."""
    n = len(x)
    cum = np.empty(n + 1)
    cum[0] = 0.0
    x.cumsum(out=cum[1:])
    i = np.arange(n)
    lo = np.maximum(i - half, 0)
    hi = np.minimum(i + half + 1, n)
    return (cum[hi] - cum[lo]) / (hi - lo)


def _gap(marked: np.ndarray, n: int) -> np.ndarray:
    """Distance of every line to the nearest marked one (indices `marked`, sorted; n if none)."""
    if not len(marked):
        return np.full(n, float(n))
    idx = np.arange(n, dtype=np.float64)
    nearest = marked.searchsorted(idx)
    left = marked[np.maximum(nearest - 1, 0)]
    right = marked[np.minimum(nearest, len(marked) - 1)]
    return np.minimum(np.abs(idx - left), np.abs(right - idx))


def _run_lengths(mask: np.ndarray) -> np.ndarray:
    """Length of the run of True values each line is in (0 where False)."""
    out = np.zeros(len(mask))
    edges = np.flatnonzero(np.diff(np.concatenate(([0], mask.view(np.int8), [0]))))
    lengths = edges[1::2] - edges[::2]
    out[mask] = np.repeat(lengths, lengths)
    return out


def _wide(own: np.ndarray, out: np.ndarray) -> None:
    """WIDE_FEATURES of every line into `out` from the own features `own`."""
    n = len(own)
    prose = own[:, _PROSE]
    out[:, 0] = _window_mean(prose, _WINDOW)
    out[:, 1] = _window_mean(own[:, _LOG_CHARS], _WINDOW)
    out[:, 2] = _window_mean(own[:, _LOG_REPEATS], _WINDOW)
    out[:, 3] = _window_mean(prose, _WIDE_WINDOW)
    out[:, 4] = _window_mean(own[:, _KEPT], _WIDE_WINDOW)
    is_prose = prose > 0
    np.log1p(_gap(is_prose.nonzero()[0], n), out=out[:, 5])
    np.log1p(_run_lengths(~is_prose), out=out[:, 6])
    # The densest stretch: the line whose +-_WIDE_WINDOW window holds the most prose characters.
    centre = int(_window_mean(prose * own[:, _LOG_CHARS], _WIDE_WINDOW).argmax()) if n else 0
    np.divide(np.arange(n) - centre, max(n - 1, 1), out=out[:, 7])
    np.abs(out[:, 7], out=out[:, 8])


def line_matrix(
    feats: list[LineFeatures],
    decisions: list[Decision],
    out: np.ndarray | None = None,
    chars: np.ndarray | None = None,
) -> np.ndarray:
    """Stage-one feature rows of every line of a page (n x len(BASE_FEATURES)), written into
    `out` when given (a reused buffer: large fresh arrays cost page faults); `chars` are the
    lines' `_capped_chars` when the caller has them."""
    n = len(feats)
    x = np.empty((n, len(BASE_FEATURES))) if out is None else out
    numeric = getattr(feats, "numeric", None)
    if _COMPILED is not None and numeric is not None and numeric.shape == (_N_OWN - 1, n):
        _compiled_line_matrix(feats, numeric, decisions, x, chars)
    else:
        python_line_matrix(feats, decisions, x)
    return x


def python_line_matrix(feats: list[LineFeatures], decisions: list[Decision], x: np.ndarray) -> None:
    """`line_matrix` in numpy (the definition; the compiled one is its twin)."""
    n = len(feats)
    own = x[:, :_N_OWN]
    _own(feats, decisions, own)
    for k, o in enumerate(NEIGHBOURS, 1):
        _shift_into(own, o, x[:, k * _N_OWN : (k + 1) * _N_OWN])
    kept = own[:, -1]
    idx = np.arange(n, dtype=np.float64)
    groups, positions, sizes = _layout(feats)
    gap = _gap(kept.nonzero()[0], n)
    cum = kept.cumsum()
    total = cum[-1] if n else 0.0
    page = x[:, _PAGE_AT:_ROLES_AT]
    np.divide(idx, max(n - 1, 1), out=page[:, 0])
    page[:, 1] = np.log1p(n)
    np.log(sizes, out=page[:, 2])
    np.equal(positions, 0, out=page[:, 3], casting="unsafe")
    np.equal(positions, sizes - 1, out=page[:, 4], casting="unsafe")
    np.divide(cum - kept, max(total, 1.0), out=page[:, 5])
    np.divide(total - cum, max(total, 1.0), out=page[:, 6])
    np.log1p(gap, out=page[:, 7])
    page[:, 8] = total / max(n, 1)
    if n:
        page[0, 9] = 0.0
        np.equal(groups[1:], groups[:-1], out=page[1:, 9], casting="unsafe")
        np.equal(groups[:-1], groups[1:], out=page[:-1, 10], casting="unsafe")
        page[-1, 10] = 0.0
    roles = x[:, _ROLES_AT:_WIDE_AT]
    roles[:] = 0.0
    roles[np.arange(n), [_ROLE_INDEX[d.role] for d in decisions]] = 1.0
    _wide(own, x[:, _WIDE_AT:_REGION_AT])
    _region_into(feats, decisions, x)


def _region_into(feats: list[LineFeatures], decisions: list[Decision], x: np.ndarray) -> None:
    """The REGION_FEATURES columns of `x`, from its role and keep columns (in numpy)."""
    roles = x[:, _ROLES_AT:_WIDE_AT]
    _region(roles, x[:, _KEPT], _capped_chars(feats), decisions, x[:, _REGION_AT:])


_WINDOWS = (_WINDOW, _WIDE_WINDOW, _FAR_WINDOW)
# The column layout `_compiled_line_matrix` passes to sieb.text._matrix.fill_lines.
_LINE_SPEC = (
    _ROLE_INDEX,
    _N_OWN,
    NEIGHBOURS,
    _PAGE_AT,
    _ROLES_AT,
    _WIDE_AT,
    _REGION_AT,
    (_LOG_CHARS, _LOG_REPEATS, _PROSE, _KEPT),
    _WINDOWS,
    tuple(_MARKER_COLUMNS),
    _COMMENTS[1],
)


def _compiled_line_matrix(
    feats: list[LineFeatures],
    numeric: np.ndarray,
    decisions: list[Decision],
    x: np.ndarray,
    chars: np.ndarray | None,
) -> None:
    """`python_line_matrix` by one call of sieb.text._matrix.fill_lines: the logarithms are numpy's
    log1p and log of the same values (in one contiguous array each), the rest is written there."""
    n = len(x)
    buffers = _buffers()
    _COMPILED.fill_lines(
        x,
        numeric,
        _layout(feats),
        decisions,
        _capped_chars(feats) if chars is None else chars,
        buffers.scratch(n),
        buffers.logs(n),
        _LINE_SPEC,
    )


def _capped_chars(feats: list[LineFeatures]) -> np.ndarray:
    """Characters of every line, at most _SPAN_CAP."""
    numeric = getattr(feats, "numeric", None)
    if numeric is not None and numeric.shape[1] == len(feats):
        return np.minimum(numeric[0], _SPAN_CAP)
    return np.minimum(np.array([f.chars for f in feats], dtype=np.float64), _SPAN_CAP)


def _region(
    roles: np.ndarray,
    kept: np.ndarray,
    chars: np.ndarray,
    decisions: list[Decision],
    out: np.ndarray,
) -> None:
    """REGION_FEATURES of every line into `out`, from the role columns and keep flags."""
    n = len(kept)
    marker = roles[:, _MARKER_COLUMNS].sum(axis=1)
    out[:, 0] = _window_mean(marker, _WINDOW)
    out[:, 1] = _window_mean(marker, _WIDE_WINDOW)
    out[:, 2] = _window_mean(kept, _FAR_WINDOW)
    out[:, 3] = _share_before(kept * chars)
    start = next((i for i, d in enumerate(decisions) if d.reason == _COMMENTS[1]), n)
    out[:, 4] = np.arange(n) >= start


def _share_before(mass: np.ndarray) -> np.ndarray:
    """The share of the page's total `mass` on the lines before each line."""
    cum = mass.cumsum()
    return (cum - mass) / max(float(cum[-1]) if len(cum) else 0.0, 1.0)


def _run_share(first: np.ndarray, mass: np.ndarray) -> np.ndarray:
    """For lines in a run of likely body lines (stage-one probability >= 0.5 averaged with both
    neighbours), the run's `mass` over the largest run's; 0 outside runs."""
    inside = _window_mean(first, 1) >= _SPAN_PRIOR
    edges = np.flatnonzero(np.diff(np.concatenate(([0], inside.view(np.int8), [0]))))
    if not len(edges):
        return np.zeros(len(first))
    cum = np.concatenate(([0.0], mass.cumsum()))
    runs = cum[edges[1::2]] - cum[edges[::2]]
    out = np.zeros(len(first))
    out[inside] = np.repeat(runs / max(runs.max(), 1e-9), edges[1::2] - edges[::2])
    return out


def context_matrix(
    first: np.ndarray,
    feats: list[LineFeatures],
    out: np.ndarray | None = None,
    chars: np.ndarray | None = None,
) -> np.ndarray:
    """Stage-two additions: the line's and its neighbours' stage-one probabilities, and where
    the line stands to the page's densest run of likely body lines (into `out` when given;
    `chars` are the lines' `_capped_chars` when the caller has them)."""
    n = len(first)
    x = np.empty((n, len(CONTEXT_FEATURES))) if out is None else out
    if chars is None:
        chars = _capped_chars(feats)
    if _COMPILED is not None:
        _compiled_context_matrix(first, chars, _layout(feats)[0], x)
    else:
        start, end = body_span(((first - _SPAN_PRIOR) * chars).tolist())
        _python_context_matrix(first, feats, chars, start, end, x)
    return x


def _python_context_matrix(
    first: np.ndarray,
    feats: list[LineFeatures],
    chars: np.ndarray,
    start: int,
    end: int,
    x: np.ndarray,
) -> None:
    """`context_matrix` past the body run in numpy (the definition; the compiled one's twin)."""
    n = len(first)
    idx = np.arange(n)
    in_span = (idx >= start) & (idx <= end)
    gap = np.where(in_span, 0, np.minimum(np.abs(idx - start), np.abs(idx - end)))
    groups = _layout(feats)[0]
    sums = np.bincount(groups, weights=first)
    counts = np.bincount(groups)
    padded = np.zeros(n + 2 * _WINDOW)
    padded[_WINDOW : _WINDOW + n] = first
    # Row i views padded[i : i + 2 * _WINDOW + 1] (numpy's sliding_window_view, built directly).
    step = padded.strides[0]
    windows = np.ndarray((n, 2 * _WINDOW + 1), padded.dtype, padded, 0, (step, step))
    lo = np.maximum(idx - _WINDOW, 0)
    hi = np.minimum(idx + _WINDOW, n - 1)
    x[:, 0] = first
    for k, o in enumerate(NEIGHBOURS, 1):
        _shift_into(first, o, x[:, k])
    x[:, 5] = sums[groups] / counts[groups]
    x[:, 6] = np.add.reduce(windows, axis=1) / (hi - lo + 1)
    x[:, 7] = np.maximum.reduce(windows, axis=1)
    x[:, 8] = _window_mean(first, _WIDE_WINDOW)
    x[:, 9] = in_span
    np.log1p(gap, out=x[:, 10])
    mass = first * chars
    x[:, 11] = _window_mean(first, _FAR_WINDOW)
    x[:, 12] = _share_before(mass)
    x[:, 13] = _run_share(first, mass)
    x[:, 14] = mass[start : end + 1].sum() / max(float(mass.sum()), 1e-9)


def _compiled_context_matrix(
    first: np.ndarray, chars: np.ndarray, groups: np.ndarray, x: np.ndarray
) -> None:
    """`context_matrix` with sieb.text._matrix, the body run included: the logarithm is the same
    numpy call as in Python (on a contiguous row: `_logs_alike`), and the sums numpy's pairwise
    ones."""
    _COMPILED.fill_context(
        first,
        chars,
        groups,
        x,
        _buffers().scratch(len(first)),
        NEIGHBOURS,
        _WINDOWS,
        _SPAN_PRIOR,
    )


class _Network(NamedTuple):
    """All stages of a model whose members have one hidden layer of one width, made for
    prediction: each stage's standardisation folded into its first layer (weights / scale, bias
    - mean / scale @ weights, in float64 once), its members' hidden units interleaved (unit j of
    member m in column j x members + m), and the first layers' base columns of every stage in
    one matrix (stages two and three see stage one's columns too), so that one product serves
    all stages and each later stage adds only the product of its context columns. The role
    columns are left out of the product: a line has one role, whose weight row (with the bias)
    is added instead of multiplying 21 zeros."""

    base: np.ndarray  # _PRODUCT_COLUMNS x (stages x hidden), _DTYPE
    context: tuple[np.ndarray, ...]  # per stage: its context columns' weights (0 rows in stage 1)
    role_bias: tuple[np.ndarray, ...]  # per stage: the role columns' weight rows plus the bias
    out_weights: tuple[np.ndarray, ...]  # per stage: the last layers, one weight per hidden unit
    out_bias: tuple[np.ndarray, ...]  # per stage: the last layers' biases, one per member
    members: int


# The matrix products run in single precision: half BLAS's work of double (sgemm), with sums near
# enough to double's for decisions at thresholds (no line's decision nor printed probability of
# both -text sets moved; the probabilities stay within 1e-6 of Stage.predict's).
_DTYPE = np.float32
# The stage-one columns in the base product: all but the role columns.
_PRODUCT_COLUMNS = np.r_[0:_ROLES_AT, _WIDE_AT : len(BASE_FEATURES)]


def _network(stages: tuple[Stage, ...]) -> _Network | None:
    """The `_Network` of `stages`, or None when a member is not a one-hidden-layer network of the
    stage's common width, or stages differ in width or member count."""
    shapes = {
        tuple(layer.weights.shape[1] for layer in layers)
        for stage in stages
        for layers in stage.members
    }
    if len(shapes) != 1 or len(next(iter(shapes))) != 2 or next(iter(shapes))[1] != 1:
        return None
    if len({len(stage.members) for stage in stages}) != 1:
        return None
    members = len(stages[0].members)
    units = next(iter(shapes))[0]
    # Hidden unit j of member m goes to column j * members + m: a unit's members side by side,
    # so that the members' sums run together (in each member's order).
    interleave = np.arange(members * units).reshape(members, units).T.ravel()
    folded, out_weights = [], []
    for stage in stages:
        weights = np.hstack([first.weights for first, _ in stage.members])
        bias = np.concatenate([first.bias for first, _ in stage.members])
        weights, bias = np.ascontiguousarray(weights[:, interleave]), bias[interleave]
        folded.append((weights / stage.scale[:, None], bias - (stage.mean / stage.scale) @ weights))
        outputs = np.concatenate([last.weights.ravel() for _, last in stage.members])
        out_weights.append(outputs[interleave])
    width = len(BASE_FEATURES)
    return _Network(
        np.ascontiguousarray(
            np.hstack([weights[_PRODUCT_COLUMNS] for weights, _ in folded]), dtype=_DTYPE
        ),
        tuple(np.ascontiguousarray(weights[width:], dtype=_DTYPE) for weights, _ in folded),
        tuple(weights[_ROLES_AT:_WIDE_AT] + bias for weights, bias in folded),
        tuple(out_weights),
        tuple(np.concatenate([last.bias for _, last in stage.members]) for stage in stages),
        members,
    )


def _python_logits(
    base: np.ndarray,
    at: int,
    context: np.ndarray,
    roles: np.ndarray,
    role_bias: np.ndarray,
    out_weights: np.ndarray,
    out_bias: np.ndarray,
    z: np.ndarray,
) -> None:
    """A stage's negated clipped logits into z (n x members), from its columns of the base product
    (from column `at`), its context product (no columns in stage one) and the lines' roles (the
    definition; sieb.text._matrix.stage_logits is its twin)."""
    n, members = z.shape
    hidden = base[:n, at : at + role_bias.shape[1]].astype(np.float64)
    if context.shape[1]:
        hidden += context[:n]
    hidden += role_bias[roles[:n]]
    np.maximum(hidden, 0.0, out=hidden)
    hidden *= out_weights
    # Unit j of member m is column j * members + m.
    terms = hidden.reshape(n, hidden.shape[1] // members, members)
    np.copyto(z, terms[:, 0])
    for j in range(1, terms.shape[1]):  # left to right, as the compiled loop sums
        z += terms[:, j]
    z += out_bias
    np.maximum(z, _Z_MIN, out=z)
    np.minimum(z, _Z_MAX, out=z)
    np.negative(z, out=z)


def _stage_probability(
    network: _Network,
    stage: int,
    base: np.ndarray,
    context: np.ndarray,
    roles: np.ndarray,
    compiled: bool,
) -> np.ndarray:
    """The mean of stage `stage`'s members' probabilities for every row of `base`."""
    n = len(base)
    role_bias = network.role_bias[stage]
    z = _buffers().logits(n, network.members)
    args = (base, stage * role_bias.shape[1], context, roles, role_bias)
    args += (network.out_weights[stage], network.out_bias[stage])
    if compiled:
        _COMPILED.stage_logits(*args, _Z_MIN, _Z_MAX, z)
    else:
        _python_logits(*args, z)
    np.exp(z, out=z)
    if compiled:
        p = np.empty(n)
        _COMPILED.mean_sigmoid(z, p)
        return p
    np.add(z, 1.0, out=z)
    np.divide(1.0, z, out=z)
    total = z[:, 0].copy()
    for k in range(1, z.shape[1]):
        total += z[:, k]
    return total / z.shape[1]


_NO_CONTEXT = np.empty((0, 0), dtype=_DTYPE)


def _logits_alike(network: _Network) -> bool:
    """Whether sieb.text._matrix.stage_logits gives `_python_logits`' bits for every stage of
    `network` (on random products and roles)."""
    if _COMPILED is None:
        return False
    rng = np.random.default_rng(7)
    n = 61
    base = rng.normal(0.0, 3.0, (n, network.base.shape[1])).astype(_DTYPE)
    roles = rng.integers(0, len(ROLES), n).astype(np.intp)
    for stage in range(len(network.role_bias)):
        hidden = network.role_bias[stage].shape[1]
        context = rng.normal(0.0, 3.0, (n, hidden)).astype(_DTYPE) if stage else _NO_CONTEXT
        same = [
            _stage_probability(network, stage, base, context, roles, compiled).tobytes()
            for compiled in (True, False)
        ]
        if same[0] != same[1]:
            return False
    return True


_Z_MIN, _Z_MAX = -30.0, 30.0


def _sparse_product(x: np.ndarray, weights: np.ndarray, scanned: bool = False) -> np.ndarray:
    """x @ weights (both _DTYPE) for an x of mostly zeros (the stage-one rows) or of few
    columns (the context rows: fewer steps than BLAS's for a small product): by
    sieb.text._matrix.sparse_product where it runs, else by `_product`. `scanned`: x's nonzero
    columns are in the scratch already (`_product_rows(..., scan=True)` of x)."""
    if not _SPARSE:
        return _product(x, weights)
    out = np.empty((len(x), weights.shape[1]), dtype=_DTYPE)
    _COMPILED.sparse_product(x, weights, out, _buffers().sparse_scratch(x.shape), scanned)
    return out


def _product(x: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """x @ weights, in blocks of rows that OpenBLAS multiplies in one thread."""
    out = np.empty((len(x), weights.shape[1]), dtype=np.result_type(x, weights))
    block = max(1, _SINGLE_THREAD_SIZE // weights.size)
    for a in range(0, len(x), block):
        np.matmul(x[a : a + block], weights, out=out[a : a + block])
    return out


def _product_rows(rows: np.ndarray, single: np.ndarray, scan: bool = False) -> np.ndarray:
    """The stage-one rows' _PRODUCT_COLUMNS into `single` (in _DTYPE), and the lines' roles;
    with `scan` (when the sparse product runs), also the nonzero columns of `single` into the
    sparse product's scratch, in the same pass."""
    roles = np.empty(len(single), dtype=np.intp)
    if _COMPILED is not None:
        found = _buffers().sparse_scratch(single.shape) if scan else None
        _COMPILED.product_rows(rows, len(BASE_FEATURES), _ROLES_AT, _WIDE_AT, single, roles, found)
    else:
        _python_product_rows(rows, single, roles)
    return roles


def _python_product_rows(rows: np.ndarray, single: np.ndarray, roles: np.ndarray) -> None:
    """`_product_rows` in numpy (the definition of sieb.text._matrix.product_rows): the role of a
    line is the index of its one-hot role column."""
    np.copyto(single[:, :_ROLES_AT], rows[:, :_ROLES_AT], casting="same_kind")
    np.copyto(single[:, _ROLES_AT:], rows[:, _WIDE_AT : len(BASE_FEATURES)], casting="same_kind")
    rows[:, _ROLES_AT:_WIDE_AT].argmax(axis=1, out=roles)


class _Buffers:
    """A thread's matrices reused from page to page (grown to the longest page seen): the rows of
    the last stage, the base product's columns in _DTYPE, a stage's logits, and the compiled
    passes' scratch. A plain object that `_buffers` keeps per thread: an attribute of a
    threading.local costs ten times as much to read, and a page reads some thirty."""

    def __init__(self) -> None:
        self.rows = np.empty((0, len(BASE_FEATURES) + 2 * len(CONTEXT_FEATURES)))
        self.single = np.empty((0, len(_PRODUCT_COLUMNS)), dtype=_DTYPE)
        self.work = np.empty((7, 2 * _WINDOW + 1))
        self.z = np.empty((0, 1))
        self.sparse = np.empty(0, dtype=np.intc)
        self.log_scratch = np.empty(0)
        self.base = np.empty((0, 0), dtype=_DTYPE)
        self.context = np.empty(0, dtype=_DTYPE)
        self.context_product = np.empty(0, dtype=_DTYPE)

    def get(self, n: int) -> tuple[np.ndarray, np.ndarray]:
        if len(self.rows) < n:
            size = max(n, 2 * len(self.rows))
            self.rows = np.empty((size, self.rows.shape[1]))
            self.single = np.empty((size, self.single.shape[1]), dtype=_DTYPE)
        return self.rows[:n], self.single[:n]

    def logits(self, n: int, members: int) -> np.ndarray:
        """The logits of a stage (n x members), as `_stage_probability` fills them."""
        if len(self.z) < n or self.z.shape[1] != members:
            self.z = np.empty((max(n, 2 * len(self.z)), members))
        return self.z[:n]

    def sparse_scratch(self, shape: tuple[int, int]) -> np.ndarray:
        """Scratch of sieb.text._matrix.sparse_product for a matrix of `shape`."""
        size = shape[0] * (shape[1] + 1)
        if len(self.sparse) < size:
            self.sparse = np.empty(max(size, 2 * len(self.sparse)), dtype=np.intc)
        return self.sparse

    def chain(self, n: int, network: _Network) -> tuple[np.ndarray, ...]:
        """Scratch of sieb.text._matrix.Chain.run for a page of n lines: the product rows'
        nonzero columns, the base product, the logits, the context columns in _DTYPE and their
        product (`single` is `get`'s)."""
        columns = network.base.shape[1]
        if len(self.base) < n or self.base.shape[1] != columns:
            self.base = np.empty((max(n, 2 * len(self.base)), columns), dtype=_DTYPE)
        hidden = network.role_bias[0].shape[1]
        context = n * (len(network.role_bias) - 1) * len(CONTEXT_FEATURES)
        if len(self.context) < context or len(self.context_product) < n * hidden:
            self.context = np.empty(max(context, 2 * len(self.context)), dtype=_DTYPE)
            self.context_product = np.empty(
                max(n * hidden, 2 * len(self.context_product)), dtype=_DTYPE
            )
        return (
            self.sparse_scratch((n, len(_PRODUCT_COLUMNS))),
            self.base[:n],
            self.logits(n, network.members),
            self.context,
            self.context_product,
        )

    def logs(self, n: int) -> np.ndarray:
        """Scratch of sieb.text._matrix.fill_lines for the logarithms of a page of n lines."""
        if len(self.log_scratch) < 7 * n + 1:
            self.log_scratch = np.empty(max(7 * n + 1, 2 * len(self.log_scratch)))
        return self.log_scratch

    def scratch(self, n: int) -> np.ndarray:
        """Scratch rows of sieb.text._matrix (fill_lines, fill_context) for a page
        of n lines."""
        if self.work.shape[1] < n + 2 * _WINDOW + 1:
            self.work = np.empty((7, max(n, 2 * self.work.shape[1]) + 2 * _WINDOW + 1))
        return self.work


_THREAD = threading.local()


def _buffers() -> _Buffers:
    """This thread's `_Buffers`."""
    try:
        return _THREAD.buffers
    except AttributeError:
        _THREAD.buffers = buffers = _Buffers()
        return buffers


class TextModel:
    """The stages (two, or three when the model has a third) and the two decision thresholds.

    Each stage after the first sees the previous stage's columns and the context of the previous
    stage's probabilities (`context_matrix`). Models of one-hidden-layer members (the fitted ones)
    run as a `_Network`, others by `Stage.predict`."""

    __slots__ = ("chain", "compiled", "drop_below", "keep_above", "meta", "network", "stages")

    def __init__(
        self, stages: tuple[Stage, ...], drop_below: float, keep_above: float, meta: dict
    ) -> None:
        self.stages = stages
        self.network = _network(stages)
        # Whether the network's elementwise steps run compiled (sieb.text._matrix).
        self.compiled = self.network is not None and _logits_alike(self.network)
        self.drop_below = drop_below
        self.keep_above = keep_above
        self.meta = meta
        # The compiled steps after the line matrix in one call, when they run here.
        self.chain = None
        self.chain = _chain(self)

    @property
    def stage1(self) -> Stage:
        return self.stages[0]

    @property
    def stage2(self) -> Stage:
        return self.stages[1]

    def probabilities(
        self,
        feats: list[LineFeatures],
        decisions: list[Decision],
        lines: np.ndarray | None = None,
    ) -> np.ndarray:
        """Probability that each line is article body. With `lines` (increasing indexes, intp),
        only those lines' are asked for: the compiled chain runs the last stage for them alone
        (the others' are then NaN), the stage by stage path for all."""
        if not feats:
            return np.zeros(0)
        n = len(feats)
        buffers = _buffers()
        rows, single = buffers.get(n)
        chars = _capped_chars(feats)
        width = len(BASE_FEATURES)
        line_matrix(feats, decisions, rows[:, :width], chars)
        network = self.network
        if self.chain is not None and self.compiled:
            return self.chain.run(
                rows, single, *buffers.chain(n, network), chars, _layout(feats)[0],
                buffers.scratch(n), lines,
            )
        if network is None:
            p = self.stages[0].predict(rows[:, :width])
        else:
            # The sparse product reads the nonzero columns that _product_rows finds.
            roles = _product_rows(rows, single, _SPARSE)
            base = _sparse_product(single, network.base, _SPARSE)
            p = _stage_probability(network, 0, base, _NO_CONTEXT, roles, self.compiled)
        for stage in range(1, len(self.stages)):
            context_matrix(p, feats, rows[:, width : width + len(CONTEXT_FEATURES)], chars)
            width += len(CONTEXT_FEATURES)
            if network is None:
                p = self.stages[stage].predict(rows[:, :width])
            else:
                context = rows[:, len(BASE_FEATURES) : width].astype(_DTYPE)
                context = _sparse_product(context, network.context[stage])
                p = _stage_probability(network, stage, base, context, roles, self.compiled)
        return p

    def candidate_probabilities(
        self, feats: list[LineFeatures], decisions: list[Decision]
    ) -> np.ndarray:
        """The probabilities `revise` reads: those of the lines it may revise (`_candidates`;
        about half of a page's), the others' may be NaN. The compiled chain's last stage, a
        third of the network's work, runs for those lines alone."""
        if self.chain is None or not self.compiled:
            return self.probabilities(feats, decisions)
        return self.probabilities(feats, decisions, _candidates(decisions))


def _chain(model: TextModel) -> object | None:
    """sieb.text._matrix.Chain of the model's network when its compiled steps run here (the
    sparse product included) and the chain gives the stage by stage path's probabilities, bit
    for bit, on the probe pages and on a page of them all (past the product's blocks of rows),
    for all lines and for the candidates alone; else None."""
    network = model.network
    if network is None or not model.compiled or not _SPARSE:
        return None
    try:
        chain = _COMPILED.Chain(
            network.base,
            network.context,
            network.role_bias,
            tuple(np.ascontiguousarray(w, dtype=np.float64) for w in network.out_weights),
            tuple(np.ascontiguousarray(b, dtype=np.float64) for b in network.out_bias),
            (network.members, len(BASE_FEATURES), _ROLES_AT, _WIDE_AT, len(CONTEXT_FEATURES)),
            (_Z_MIN, _Z_MAX),
            _SPAN_PRIOR,
            NEIGHBOURS,
            _WINDOWS,
        )
    except (ValueError, TypeError):  # arrays of other shapes or types
        return None
    from sieb.text.lines import PROBE_TEXTS, measure
    from sieb.text.roles import assign

    texts = [*PROBE_TEXTS, "\n".join(PROBE_TEXTS * 3)]  # ~400 lines: 3 blocks of rows
    for text in texts:
        feats = measure(text)
        if len(feats) < _MODEL_MIN_LINES:
            continue
        decisions = assign(feats)
        want = model.probabilities(feats, decisions)
        lines = _candidates(decisions)
        model.chain = chain
        try:
            got = model.probabilities(feats, decisions)
            some = model.probabilities(feats, decisions, lines)
        finally:
            model.chain = None
        if got.tobytes() != want.tobytes() or some[lines].tobytes() != want[lines].tobytes():
            return None
    return chain


def model_from_dict(data: dict) -> TextModel:
    """Build a model from its JSON form, checking that its features match the code's."""
    if tuple(data["features"]) != BASE_FEATURES or tuple(data["context_features"]) != (
        CONTEXT_FEATURES
    ):
        raise SiebError("text model was fitted on other features; rerun training/fit_text_model.py")
    names = [name for name in _STAGE_KEYS if name in data]
    return TextModel(
        tuple(
            stage_from_dict(data[name], len(BASE_FEATURES) + k * len(CONTEXT_FEATURES))
            for k, name in enumerate(names)
        ),
        float(data["drop_below"]),
        float(data["keep_above"]),
        {k: v for k, v in data.items() if k not in _STAGE_KEYS},
    )


_STAGE_KEYS = ("stage1", "stage2", "stage3")


def load_model(path: str | None = None) -> TextModel:
    """The packaged model, or the one at `path` (or SIEB_TEXT_MODEL_PATH: held-out fits)."""
    return _load(path or os.environ.get("SIEB_TEXT_MODEL_PATH") or None)


@lru_cache(maxsize=4)
def _load(path: str | None) -> TextModel:
    return model_from_dict(read_model_data(MODEL_FILE, path))


def revise(
    feats: list[LineFeatures],
    decisions: list[Decision],
    probs: np.ndarray,
    drop_below: float,
    keep_above: float,
) -> list[Decision]:
    """The decisions with the model's confident disagreements applied."""
    lines = _revisions(decisions, probs, drop_below, keep_above)
    if _COMPILED is not None and type(decisions) is list and isinstance(feats, list):
        return _COMPILED.revised(
            feats, decisions, lines, np.ascontiguousarray(probs, dtype=np.float64), *_REVISED
        )
    return python_revised(feats, decisions, lines, probs)


# What sieb.text._matrix.revised needs to know of the Python definition: the reason's parts
# around the probability ("%.2f", as the f-string's ".2f") and the old reason, Decision, the
# four roles it gives, and the fields of LineFeatures it reads.
_REVISED = (
    ("model: body probability ", " (", ")"),
    Decision,
    (R.TEASER, R.NAVIGATION, R.LIST_ITEM, R.PARAGRAPH),
    tuple(LineFeatures._fields.index(name) for name in ("is_prose", "is_sentence", "group_size")),
)


def python_revised(
    feats: list[LineFeatures], decisions: list[Decision], lines: list[int], probs: np.ndarray
) -> list[Decision]:
    """The decisions with those of `lines` revised (`revise` past the choice of the lines; the
    definition of sieb.text._matrix.revised)."""
    out = list(decisions)
    for i in lines:
        d = decisions[i]
        f = feats[i]
        p = float(probs[i])
        reason = f"model: body probability {p:.2f} ({d.reason})"
        if d.kept:
            role = R.TEASER if (f.is_prose or f.is_sentence) else R.NAVIGATION
            out[i] = Decision(role, False, reason)
        else:
            role = R.LIST_ITEM if f.group_size > 1 and not f.is_prose else R.PARAGRAPH
            out[i] = Decision(role, True, reason)
    return out


def _revisions(
    decisions: list[Decision], probs: np.ndarray, drop_below: float, keep_above: float
) -> list[int]:
    """Indexes of the lines `revise` changes, by sieb.text._matrix.revisions when it is in use."""
    heading_below = min(drop_below, _HEADING_DROP)
    if _COMPILED is not None and type(decisions) is list:
        return _COMPILED.revisions(
            decisions,
            np.ascontiguousarray(probs, dtype=np.float64),
            drop_below,
            heading_below,
            keep_above,
            R.HEADING,
            _DROPPABLE,
            _KEEPABLE_REASONS,
        )
    return _python_revisions(decisions, probs, drop_below, keep_above)


def _candidates(decisions: list[Decision]) -> np.ndarray:
    """The lines `_revisions` may pick, whatever their probabilities (increasing indexes, intp),
    by sieb.text._matrix.candidates when it is in use."""
    if _COMPILED is not None and type(decisions) is list:
        return _COMPILED.candidates(decisions, _DROPPABLE, _KEEPABLE_REASONS)
    return _python_candidates(decisions)


def _python_candidates(decisions: list[Decision]) -> np.ndarray:
    """`_candidates` in Python (the definition): kept lines of a _DROPPABLE role, dropped lines
    of a _KEEPABLE_REASONS reason (`_python_revisions` picks among them)."""
    return np.array(
        [
            i
            for i, d in enumerate(decisions)
            if (d.role in _DROPPABLE if d.kept else d.reason in _KEEPABLE_REASONS)
        ],
        dtype=np.intp,
    )


def _python_revisions(
    decisions: list[Decision], probs: np.ndarray, drop_below: float, keep_above: float
) -> list[int]:
    """`_revisions` in Python (the definition): kept lines of a _DROPPABLE role whose probability
    is below drop_below (a heading's below _HEADING_DROP too), dropped lines of a
    _KEEPABLE_REASONS reason whose probability is keep_above or more."""
    heading_below = min(drop_below, _HEADING_DROP)
    p = probs.tolist()
    out = []
    for i, d in enumerate(decisions):
        if d.kept:
            below = heading_below if d.role is R.HEADING else drop_below
            if p[i] < below and d.role in _DROPPABLE:
                out.append(i)
        elif p[i] >= keep_above and d.reason in _KEEPABLE_REASONS:
            out.append(i)
    return out


def apply_model(
    feats: list[LineFeatures], decisions: list[Decision], model: TextModel
) -> list[Decision]:
    """Score the page's lines and revise the rules' keep flags where the model is confident;
    a page of fewer than _MODEL_MIN_LINES lines keeps the rules' decisions."""
    if len(feats) < _MODEL_MIN_LINES:
        return decisions
    probs = model.candidate_probabilities(feats, decisions)
    return revise(feats, decisions, probs, model.drop_below, model.keep_above)


def _compiled_module() -> ModuleType | None:
    """sieb.text._matrix when it is built, SIEB_PURE_PYTHON is unset and what it computes (the
    line matrix, the context columns, the product's rows, the revised lines) equals the Python
    definitions on the probe pages; else None."""
    _matrix = compiled_module("sieb.text._matrix")
    if _matrix is None:
        return None
    from sieb.text.lines import PROBE_TEXTS, python_measure
    from sieb.text.roles import assign

    if not _logs_alike():
        return None
    global _COMPILED
    _COMPILED = _matrix
    longest: list[LineFeatures] = []
    try:
        for text in PROBE_TEXTS:
            feats = python_measure(text)
            longest = max(longest, feats, key=len)
            decisions = assign(feats)
            compiled = line_matrix(feats, decisions)
            python = np.empty_like(compiled)
            python_line_matrix(feats, decisions, python)
            if compiled.tobytes() != python.tobytes() or not _same_context(feats):
                return None
            if not same_product_rows(compiled) or not same_revisions(decisions):
                return None
            if not same_candidates(decisions):
                return None
            if not same_revised(feats, decisions):
                return None
        if not _same_long_context(longest):
            return None
    finally:
        _COMPILED = None
    return _matrix


def _logs_alike() -> bool:
    """Whether numpy's log1p and log give the same bits on a contiguous array (as
    sieb.text._matrix.fill_lines calls them) as on the strided views, int64 arrays and scalars
    of `python_line_matrix`, for the counts up to 4096 and larger ones spread up to 10**7 (the
    arguments are counts)."""
    counts = np.concatenate((np.arange(1 << 12), np.geomspace(1 << 12, 1e7, 256).astype(np.int64)))
    values = counts.astype(np.float64)
    rows = np.zeros((len(values), 11))
    rows[:, 0] = rows[:, 1] = rows[:, 6] = values
    np.log1p(rows[:, :2], out=rows[:, :2])
    np.log(rows[1:, 6], out=rows[1:, 6])
    into = np.empty((len(values), 3))
    np.log(counts[1:], out=into[1:, 0])
    np.log1p(values, out=into[:, 1])
    log1p = np.log1p(values)
    log = np.log(values[1:])
    return (
        log1p.tobytes() == rows[:, 0].tobytes() == rows[:, 1].tobytes() == into[:, 1].tobytes()
        and log.tobytes() == rows[1:, 6].tobytes() == into[1:, 0].tobytes()
        and all(np.log1p(k) == log1p[k] for k in (0, 1, 5, 77, 1000, 4095))
    )


def same_context(feats: list[LineFeatures], first: np.ndarray) -> bool:
    """Whether `context_matrix` of `first` has the same bits as its Python definition."""
    compiled = context_matrix(first, feats)
    python = np.empty_like(compiled)
    chars = _capped_chars(feats)
    start, end = body_span(((first - _SPAN_PRIOR) * chars).tolist())
    _python_context_matrix(first, feats, chars, start, end, python)
    return compiled.tobytes() == python.tobytes()


def same_product_rows(rows: np.ndarray) -> bool:
    """Whether `_product_rows` of stage-one rows gives the bits of its Python definition."""
    single = np.empty((len(rows), len(_PRODUCT_COLUMNS)), dtype=_DTYPE)
    roles = _product_rows(rows, single)
    python_single = np.empty_like(single)
    python_roles = np.empty_like(roles)
    _python_product_rows(rows, python_single, python_roles)
    return single.tobytes() == python_single.tobytes() and roles.tobytes() == python_roles.tobytes()


def _same_long_context(feats: list[LineFeatures]) -> bool:
    """`same_context` on the page repeated past 300 lines (numpy's pairwise sums split rows of
    more than 128 values), with noise for probabilities."""
    if not feats:
        return True
    lines = list(feats) * (300 // len(feats) + 1)
    return same_context(lines, np.random.default_rng(len(lines)).random(len(lines)))


def same_revisions(decisions: list[Decision]) -> bool:
    """Whether `_revisions` gives its Python definition's lines, for the decisions and their
    keep flags flipped, probabilities spread over [0, 1] (with the thresholds' own values) and
    thresholds on either side of _HEADING_DROP."""
    n = len(decisions)
    probs = np.random.default_rng(n).random(n)
    probs[::5] = 0.2
    probs[1::5] = 0.7
    probs[2::5] = _HEADING_DROP
    flipped = [d._replace(kept=not d.kept) for d in decisions]  # both branches for every line
    return all(
        _revisions(lines, probs, drop, keep) == _python_revisions(lines, probs, drop, keep)
        for lines in (decisions, flipped)
        for drop, keep in ((0.2, 0.7), (0.05, 0.5), (_HEADING_DROP, _HEADING_DROP))
    )


def same_candidates(decisions: list[Decision]) -> bool:
    """Whether `_candidates` gives its Python definition's lines, for the decisions and their
    keep flags flipped (both branches for every line)."""
    flipped = [d._replace(kept=not d.kept) for d in decisions]
    return all(
        _candidates(lines).tobytes() == _python_candidates(lines).tobytes()
        for lines in (decisions, flipped)
    )


def same_revised(feats: list[LineFeatures], decisions: list[Decision]) -> bool:
    """Whether sieb.text._matrix.revised gives `python_revised`'s decisions (equal, of the same
    types, field by field) when every line is revised, for the decisions and their keep flags
    flipped, with probabilities spread over [0, 1] (halves, NaN and infinities among them)."""
    n = len(decisions)
    probs = np.random.default_rng(n).random(n)
    probs[::4] = 0.125
    probs[1::7] = 0.995
    for k, special in enumerate((np.nan, np.inf, -np.inf, -0.0, 0.005, 0.015)):
        probs[k::11] = special
    flipped = [d._replace(kept=not d.kept) for d in decisions]
    lines = list(range(n))
    for page in (decisions, flipped):
        want = python_revised(feats, page, lines, probs)
        got = _COMPILED.revised(feats, page, lines, probs, *_REVISED)
        if got != want or [(type(d), *map(type, d)) for d in got] != [
            (type(d), *map(type, d)) for d in want
        ]:
            return False
    return True


def _same_context(feats: list[LineFeatures]) -> bool:
    """`same_context` on probability rows of several shapes (ramps, steps, noise)."""
    n = len(feats)
    noise = np.random.default_rng(n).random(n)
    ramp = np.linspace(0.0, 1.0, n)
    step = (np.arange(n) % 7 > 2) * 0.9 + 0.05
    return all(same_context(feats, first) for first in (noise, ramp, step))


_COMPILED: ModuleType | None = None
_COMPILED = _compiled_module()


def same_product(x: np.ndarray, weights: np.ndarray) -> bool:
    """Whether sieb.text._matrix.sparse_product of x and weights is numpy's product up to
    single precision's rounding (the order of the sums differs from BLAS's at most in rows
    that its kernels treat apart)."""
    compiled = np.empty((len(x), weights.shape[1]), dtype=_DTYPE)
    scratch = np.empty(len(x) * (x.shape[1] + 1), dtype=np.intc)
    _COMPILED.sparse_product(x, weights, compiled, scratch)
    scale = np.abs(x) @ np.abs(weights) + 1e-30
    return bool(np.all(np.abs(compiled - x @ weights) <= 1e-5 * scale))


def _sparse_runs() -> bool:
    """Whether `_sparse_product` may run sieb.text._matrix.sparse_product: it is built, the CPU
    runs it, and it gives numpy's products of random sparse matrices, of several shapes."""
    if _COMPILED is None or not _COMPILED.has_sparse_product():
        return False
    rng = np.random.default_rng(11)
    for n, k, cols in ((1, 5, 64), (33, 110, 192), (61, 15, 64), (7, 30, 70), (3, 0, 8)):
        x = rng.normal(0.0, 3.0, (n, k)) * (rng.random((n, k)) < 0.4)
        weights = rng.normal(0.0, 1.0, (k, cols))
        if not same_product(x.astype(_DTYPE), weights.astype(_DTYPE)):
            return False
    return True


# Whether `_sparse_product` runs the compiled one. Its sums are numpy's up to rounding, not bit
# for bit (BLAS treats some rows apart): on both -text sets no line's decision moved (and the
# context products, of 15 and 30 columns, were numpy's bit for bit).
_SPARSE = _sparse_runs()
