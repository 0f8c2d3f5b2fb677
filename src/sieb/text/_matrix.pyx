# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True
"""Compiled parts of the line model (see sieb.text.model, whose Python `line_matrix`,
`_region_into`, `_python_context_matrix` and `_python_logits` are the definitions): the stage-one
matrix, the context columns of the later stages, the networks' elementwise steps (sieb.score's
block model) and the text model's steps after its matrix products (`stage_logits`); `Chain` runs
all the steps after the stage-one matrix in one call, and `revised` writes the model's revised
decisions.

Everything but the logarithms, the exponential and the matrix products is written here in one
pass per feature family; those are left to the same numpy calls as in Python (numpy's vectorised
log and exp differ from libm's in the last bit, BLAS sums in its own order; the logarithms of
counts are read from tables of numpy's own results),
so every value is bit for bit the Python one: sums are formed in the same order (a cumulative sum
is sequential in numpy too, a window's sum pairwise as numpy reduces a row) and divisions are of
the same doubles. The one exception is `sparse_product`, the stage-one and context products over
each row's nonzero columns: its sums equal BLAS's up to single precision's rounding.
"""

from cpython.object cimport PyObject
from libc.math cimport NAN, signbit
from libc.stdlib cimport free, malloc
from libc.string cimport memcpy, memset

from sieb.text._spans cimport BestRun, best_run_start, best_run_step

import numpy as np


cdef enum:
    MEMO_SIZE = 16


cdef class Memo:
    """Look-ups in a table (`key in table`, or `table[key]`, an index) for keys of a page's
    decisions, remembered by the keys' identity: a page has a few roles and reasons, each one
    object repeated line after line, and a comparison of pointers is cheaper than a set's or a
    dict's look-up (hash, probe, string comparison). The first MEMO_SIZE keys are remembered;
    the same object always gets the same answer from a frozenset, and from a dict not changed
    while the memo lives."""

    cdef object table
    cdef bint indexes  # table[key] (a nonnegative int), else key in table
    cdef PyObject* keys[MEMO_SIZE]  # borrowed: the decisions hold them while the memo lives
    cdef Py_ssize_t answers[MEMO_SIZE]
    cdef Py_ssize_t size

    def __cinit__(self, table, bint indexes=False):
        self.table = table
        self.indexes = indexes
        self.size = 0

    cdef Py_ssize_t look(self, object key) except -1:
        """table[key] or key in table (1 or 0)."""
        cdef Py_ssize_t k, answer
        cdef PyObject* pointer = <PyObject*>key
        for k in range(self.size):
            if self.keys[k] == pointer:
                return self.answers[k]
        if self.indexes:
            answer = self.table[key]
            if answer < 0:
                raise IndexError("Memo: a negative index")
        else:
            answer = key in self.table
        if self.size < MEMO_SIZE:
            self.keys[self.size] = pointer
            self.answers[self.size] = answer
            self.size += 1
        return answer


cdef void fill_own(double[:, ::1] numeric, list decisions, double[:, :] own):
    """Own features (before their logarithms): the numeric fields and the keep flag."""
    cdef Py_ssize_t n = own.shape[0], fields = numeric.shape[0], i, k
    for i in range(n):
        for k in range(fields):
            own[i, k] = numeric[k, i]
        own[i, fields] = 1.0 if (<tuple>decisions[i])[1] else 0.0


cdef void window_mean(double[:, :] x, Py_ssize_t column, Py_ssize_t half, double[::1] cum,
                      double[:, :] out, Py_ssize_t into):
    """out[:, into] = mean of x[:, column] over the lines within `half` (model._window_mean)."""
    cdef Py_ssize_t n = x.shape[0], i, lo, hi
    cum[0] = 0.0
    if n:
        cum[1] = x[0, column]
    for i in range(1, n):
        cum[i + 1] = cum[i] + x[i, column]
    means_of_windows(&cum[0], n, half, out, into)


cdef void gap_to_marked(double[:, :] x, Py_ssize_t column, double[::1] out):
    """Distance of every line to the nearest line whose x[:, column] is not 0 (n if none)."""
    cdef Py_ssize_t n = x.shape[0], i, last = -1
    for i in range(n):
        if x[i, column] != 0.0:
            last = i
        out[i] = <double>(i - last) if last >= 0 else -1.0
    last = -1
    for i in range(n - 1, -1, -1):
        if x[i, column] != 0.0:
            last = i
        if last >= 0 and (out[i] < 0 or last - i < out[i]):
            out[i] = <double>(last - i)
    for i in range(n):
        if out[i] < 0:
            out[i] = <double>n


# The ufuncs `fill_lines` and `fill_context` call (the definitions' logarithms).
_log1p = np.log1p
_log = np.log
# log1p of the counts 0 .. TABLE_COUNTS - 1 and log of 1 .. TABLE_COUNTS - 1 (most arguments
# are counts of characters, words or lines), by np.log1p and np.log on contiguous arrays: the
# bits the ufuncs give each of them in `head` and `tail` (numpy's log1p and log go element by
# element; model._logs_alike checks that their results do not depend on the layout).
DEF TABLE_COUNTS = 4096
_LOG1P_TABLE = np.log1p(np.arange(TABLE_COUNTS, dtype=np.float64))
_LOG_TABLE = np.concatenate(([0.0], np.log(np.arange(1, TABLE_COUNTS, dtype=np.float64))))
cdef double[::1] log1p_table = _LOG1P_TABLE
cdef double[::1] log_table = _LOG_TABLE


cpdef int counts_in_place(values, double[::1] table, Py_ssize_t lowest, object ufunc) except -1:
    """ufunc(values, out=values) for a contiguous float64 array: the counts from `lowest` up
    from `table`, the other values (fractions, large or negative ones) by `ufunc` on an array of
    them."""
    cdef double[::1] v = values
    cdef Py_ssize_t n = v.shape[0], i, k, misses = 0
    cdef double d
    cdef double[::1] r
    cdef Py_ssize_t *missed = <Py_ssize_t *>malloc(max(n, 1) * sizeof(Py_ssize_t))
    if missed is NULL:
        raise MemoryError()
    try:
        for i in range(n):
            d = v[i]
            if lowest <= d < TABLE_COUNTS:  # false for NaN
                k = <Py_ssize_t>d
                if <double>k == d and not signbit(d):  # a count, and not -0.0
                    v[i] = table[k]
                    continue
            missed[misses] = i
            misses += 1
        if misses:
            rest = np.empty(misses)
            r = rest
            for k in range(misses):
                r[k] = v[missed[k]]
            ufunc(rest, rest)
            for k in range(misses):
                v[missed[k]] = r[k]
    finally:
        free(missed)
    return 0


def fill_lines(
    double[:, :] x,
    double[:, ::1] numeric,
    long long[:, ::1] layout,
    list decisions,
    double[:] chars,
    work_rows,
    logs,
    tuple spec,
):
    """Every column of model.line_matrix into x (the twin of model.python_line_matrix). First the
    own fields, and every value the definition takes a logarithm of gathered into `logs` (a
    contiguous float64 array of at least 7n + 1): chars, words, the distances to the nearest kept
    and prose lines, the non-prose runs and n for log1p, repeats and group sizes for log; then
    np.log1p and np.log over them, counts from tables those made (`counts_in_place`; numpy's
    results do not depend on the layout: model checks this at import), and the rest from them.
    `work_rows` is scratch of at least 7 rows of n + 1 doubles, `spec` the columns' layout
    (model._LINE_SPEC)."""
    cdef double[:, ::1] work = work_rows
    cdef double[::1] lv = logs
    cdef Py_ssize_t n = x.shape[0], i, j, start
    cdef dict role_index
    cdef tuple neighbours, own_columns, windows, markers
    cdef Py_ssize_t n_own, page_at, roles_at, wide_at, region_at, prose, kept
    cdef str comments_reason
    (role_index, n_own, neighbours, page_at, roles_at, wide_at, region_at, own_columns,
     windows, markers, comments_reason) = spec
    prose = own_columns[2]
    kept = own_columns[3]
    if numeric.shape[0] != n_own - 1 or numeric.shape[1] < n or n_own < 7:
        raise ValueError("fill_lines: numeric fields do not match the own features")
    if layout.shape[0] < 3 or layout.shape[1] < n or chars.shape[0] < n:
        raise ValueError("fill_lines: fewer groups or characters than lines")
    if lv.shape[0] < 7 * n + 1:
        raise ValueError("fill_lines: logarithm scratch too small")
    if x.shape[1] < (len(neighbours) + 1) * n_own or x.shape[1] < wide_at + 9:
        raise ValueError("fill_lines: fewer columns than features")
    if x.shape[1] < region_at + 5 or not 0 <= prose < n_own or not 0 <= kept < n_own:
        raise ValueError("fill_lines: fewer columns than features")
    if work.shape[0] < 7 or work.shape[1] < n + 1 or len(decisions) < n:
        raise ValueError("fill_lines: scratch too small or fewer decisions than lines")
    fill_own(numeric, decisions, x)
    # The logarithms' arguments (model._own: log1p of columns 0 and 1, log of column 6).
    for i in range(n):
        lv[i] = x[i, 0]
        lv[n + i] = x[i, 1]
        lv[5 * n + 1 + i] = x[i, 6]
        lv[6 * n + 1 + i] = <double>layout[2, i]
    gap_to_marked(x, kept, lv[2 * n : 3 * n])
    gap_to_marked(x, prose, lv[3 * n : 4 * n])
    cdef double[::1] runs = lv[4 * n : 5 * n]
    for i in range(n):
        runs[i] = 0.0
    start = 0
    for i in range(n + 1):
        if i < n and x[i, prose] <= 0.0:
            continue
        for j in range(start, i):
            runs[j] = <double>(i - start)
        start = i + 1
    lv[5 * n] = <double>n
    counts_in_place(logs[: 5 * n + 1], log1p_table, 0, _log1p)
    counts_in_place(logs[5 * n + 1 : 7 * n + 1], log_table, 1, _log)
    for i in range(n):
        x[i, 0] = lv[i]
        x[i, 1] = lv[n + i]
        x[i, 6] = lv[5 * n + 1 + i]
    fill_rest(x, layout, decisions, role_index, n_own, neighbours, page_at, roles_at, wide_at,
              own_columns, windows, work, lv)
    fill_region(x, chars, decisions, markers, roles_at, kept, region_at, windows,
                comments_reason, work)


cdef void fill_rest(
    double[:, :] x,
    long long[:, ::1] layout,
    list decisions,
    dict role_index,
    Py_ssize_t n_own,
    tuple neighbours,
    Py_ssize_t page_at,
    Py_ssize_t roles_at,
    Py_ssize_t wide_at,
    tuple own_columns,
    tuple windows,
    double[:, ::1] work,
    double[::1] logs,
) except *:
    """Neighbours, page, role and wide features of every line into x (whose own features are
    complete), the logarithms read from `logs` as `fill_lines` leaves them."""
    cdef Py_ssize_t n = x.shape[0], i, k, j, o, at, f
    cdef Py_ssize_t log_chars, log_repeats, prose, kept
    cdef Py_ssize_t window, wide_window
    log_chars, log_repeats, prose, kept = own_columns
    window, wide_window = windows[0], windows[1]
    # Neighbours: row i gets the own features of row i + o (zeros past either end); a row's
    # features are copied at once when its columns are contiguous (a view of a C-ordered buffer).
    cdef bint contiguous = x.strides[1] == sizeof(double)
    for k in range(len(neighbours)):
        o = neighbours[k]
        at = (k + 1) * n_own
        for i in range(n):
            j = i + o
            if 0 <= j < n and contiguous:
                memcpy(&x[i, at], &x[j, 0], n_own * sizeof(double))
            elif 0 <= j < n:
                for f in range(n_own):
                    x[i, at + f] = x[j, f]
            else:
                for f in range(n_own):
                    x[i, at + f] = 0.0
    # Page features.
    cdef double total = 0.0, cum
    for i in range(n):
        total += x[i, kept]
    cdef double kept_scale = total if total > 1.0 else 1.0
    cdef double last_index = <double>(n - 1 if n > 1 else 1)
    cdef double n_lines = <double>(n if n > 1 else 1)
    cdef double log_n = logs[5 * n]
    cum = 0.0
    for i in range(n):
        cum += x[i, kept]
        x[i, page_at] = <double>i / last_index
        x[i, page_at + 1] = log_n
        x[i, page_at + 2] = logs[6 * n + 1 + i]
        x[i, page_at + 3] = 1.0 if layout[1, i] == 0 else 0.0
        x[i, page_at + 4] = 1.0 if layout[1, i] == layout[2, i] - 1 else 0.0
        x[i, page_at + 5] = (cum - x[i, kept]) / kept_scale
        x[i, page_at + 6] = (total - cum) / kept_scale
        x[i, page_at + 7] = logs[2 * n + i]
        x[i, page_at + 8] = total / n_lines
        x[i, page_at + 9] = 1.0 if i > 0 and layout[0, i] == layout[0, i - 1] else 0.0
        x[i, page_at + 10] = 1.0 if i < n - 1 and layout[0, i] == layout[0, i + 1] else 0.0
    # Roles, one column each.
    cdef Memo roles = Memo(role_index, True)
    for i in range(n):
        if contiguous:
            memset(&x[i, roles_at], 0, (wide_at - roles_at) * sizeof(double))
        else:
            for k in range(roles_at, wide_at):
                x[i, k] = 0.0
        x[i, roles_at + roles.look((<tuple>decisions[i])[0])] = 1.0
    # Wide features.
    cdef double[::1] cums = work[3]
    window_mean(x, prose, window, cums, x, wide_at)
    window_mean(x, log_chars, window, cums, x, wide_at + 1)
    window_mean(x, log_repeats, window, cums, x, wide_at + 2)
    window_mean(x, prose, wide_window, cums, x, wide_at + 3)
    window_mean(x, kept, wide_window, cums, x, wide_at + 4)
    for i in range(n):
        x[i, wide_at + 5] = logs[3 * n + i]
        x[i, wide_at + 6] = logs[4 * n + i]
    # The densest stretch: the line whose wide window holds the most prose characters (the
    # first largest mean, or the first NaN, as np.argmax).
    cdef double[::1] dense = work[4]
    for i in range(n):
        dense[i] = x[i, prose] * x[i, log_chars]
    column_window_mean(dense[:n], wide_window, cums, work.T, 5)
    cdef Py_ssize_t centre = 0
    cdef double densest
    for i in range(n):
        densest = work[5, i]
        if densest != densest:
            centre = i
            break
        if densest > work[5, centre]:
            centre = i
    for i in range(n):
        x[i, wide_at + 7] = <double>(i - centre) / last_index
        x[i, wide_at + 8] = abs(x[i, wide_at + 7])


cdef void column_window_mean(double[:] x, Py_ssize_t half, double[::1] cum, double[:, :] out,
                             Py_ssize_t into):
    """out[:, into] = mean of x over the lines within `half` (model._window_mean)."""
    cumulate(x, cum)
    means_of_windows(&cum[0], x.shape[0], half, out, into)


cdef inline void cumulate(double[:] x, double[::1] cum) noexcept:
    """cum[:n + 1] = 0.0 and the cumulative sums of x (np.cumsum's order), which the means of
    windows of every width over x share."""
    cdef Py_ssize_t n = x.shape[0], i
    cum[0] = 0.0
    if n:
        cum[1] = x[0]
    for i in range(1, n):
        cum[i + 1] = cum[i] + x[i]


cdef inline void means_of_windows(
    const double *cum, Py_ssize_t n, Py_ssize_t half, double[:, :] out, Py_ssize_t into
) noexcept:
    """out[i, into] = (cum[hi] - cum[lo]) / (hi - lo) for the window lo = max(i - half, 0),
    hi = min(i + half + 1, n) of each line i < n (the lines whose window is whole in one loop,
    by the one divisor they share)."""
    cdef Py_ssize_t i, lo, hi
    cdef Py_ssize_t inner_start = half + 1, inner_end = n - half - 1  # whole windows
    cdef double whole = <double>(2 * half + 1)
    if inner_start > inner_end:
        inner_start = inner_end = n
    for i in range(inner_start):
        lo = i - half if i > half else 0
        hi = i + half + 1 if i + half + 1 < n else n
        out[i, into] = (cum[hi] - cum[lo]) / <double>(hi - lo)
    for i in range(inner_start, inner_end):
        out[i, into] = (cum[i + half + 1] - cum[i - half]) / whole
    for i in range(inner_end, n):
        lo = i - half if i > half else 0
        hi = i + half + 1 if i + half + 1 < n else n
        out[i, into] = (cum[hi] - cum[lo]) / <double>(hi - lo)


cdef double pairwise_sum(double* a, Py_ssize_t n):
    """numpy's pairwise summation of a contiguous run of doubles (the order of `np.add.reduce`
    over a row: up to 128, eight running sums combined in pairs, then the remainder; longer runs
    are split in two at a multiple of 8 below the half)."""
    cdef double r[8]
    cdef double res = 0.0
    cdef Py_ssize_t i, k, half
    if n < 8:
        for i in range(n):
            res += a[i]
        return res
    if n > 128:
        half = n // 2
        half -= half % 8
        return pairwise_sum(a, half) + pairwise_sum(a + half, n - half)
    for k in range(8):
        r[k] = a[k]
    i = 8
    while i < n - (n % 8):
        for k in range(8):
            r[k] += a[i + k]
        i += 8
    res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]))
    while i < n:
        res += a[i]
        i += 1
    return res


cdef void share_before(double[:] mass, double[:, :] out, Py_ssize_t into):
    """out[:, into] = the share of the total `mass` on the lines before each line."""
    cdef Py_ssize_t n = mass.shape[0], i
    cdef double total = 0.0, cum = 0.0, scale
    for i in range(n):
        total += mass[i]
    scale = total if total > 1.0 else 1.0
    for i in range(n):
        cum += mass[i]
        out[i, into] = (cum - mass[i]) / scale


cdef void fill_region(
    double[:, :] x,
    double[:] chars,
    list decisions,
    tuple markers,
    Py_ssize_t roles_at,
    Py_ssize_t kept,
    Py_ssize_t region_at,
    tuple windows,
    str comments_reason,
    double[:, ::1] work,
) except *:
    """REGION_FEATURES (model._region) of every line into x, from its role (marker role columns
    `markers`) and keep columns; `chars` are the lines' characters capped as
    model._capped_chars, rows 3 to 6 of `work` scratch of at least n + 1 doubles."""
    cdef Py_ssize_t n = x.shape[0], i, k, start = n, n_markers = len(markers)
    cdef Py_ssize_t window, wide_window, far_window
    cdef Py_ssize_t columns[32]
    window, wide_window, far_window = windows
    if n_markers > 32:
        raise ValueError("fill_region: too many marker columns")
    for k in range(n_markers):
        columns[k] = roles_at + <Py_ssize_t>markers[k]
        if not 0 <= columns[k] < x.shape[1]:
            raise IndexError("fill_region: marker column out of range")
    cdef double[::1] cum = work[3], marker = work[4], kept_x = work[5], mass = work[6]
    for i in range(n):
        marker[i] = 0.0
        for k in range(n_markers):
            marker[i] += x[i, columns[k]]
        kept_x[i] = x[i, kept]
        mass[i] = kept_x[i] * chars[i]
    cumulate(marker[:n], cum)  # one cumulative sum for both windows
    means_of_windows(&cum[0], n, window, x, region_at)
    means_of_windows(&cum[0], n, wide_window, x, region_at + 1)
    column_window_mean(kept_x[:n], far_window, cum, x, region_at + 2)
    share_before(mass[:n], x, region_at + 3)
    cdef object reason
    cdef Py_ssize_t reason_length = len(comments_reason)
    for i in range(n):
        # An exact str compares its length first (most reasons differ in length; Cython's str
        # equality is a full PyUnicode_Compare).
        reason = (<tuple>decisions[i])[2]
        if reason is comments_reason or (
            len(<str>reason) == reason_length and (<str>reason) == comments_reason
            if type(reason) is str
            else reason == comments_reason
        ):
            start = i
            break
    for i in range(n):
        x[i, region_at + 4] = 1.0 if i >= start else 0.0


def fill_context(
    double[:] first,
    double[:] chars,
    long long[:] groups,
    double[:, :] x,
    work_rows,
    tuple neighbours,
    tuple windows,
    double prior,
):
    """model.context_matrix's columns of every line into x, column 10 (log1p of the distances to
    the body run) np.log1p's bits (read from its table, or by np.log1p of work[0, :n] past
    TABLE_COUNTS lines). The body run is roles.body_span of
    (first - prior) * chars, the mass first * chars; `work_rows` is scratch of at least 7 rows of
    n + 2 * windows[0] + 1 doubles."""
    context_columns(first, chars, groups, x, work_rows, work_rows, neighbours, windows, prior)


cdef int context_columns(
    double[:] first,
    double[:] chars,
    long long[:] groups,
    double[:, :] x,
    double[:, ::1] work,
    object work_rows,
    tuple neighbours,
    tuple windows,
    double prior,
) except -1:
    """`fill_context` on memoryviews acquired by the caller (`work` is `work_rows`')."""
    cdef Py_ssize_t n = first.shape[0], i, j, k, o, lo, hi, g, width
    cdef Py_ssize_t window, wide_window, far_window
    window, wide_window, far_window = windows
    width = 2 * window + 1
    if width > 128:
        raise ValueError("window too wide for the pairwise sum")
    if chars.shape[0] < n or groups.shape[0] < n:
        raise ValueError("fill_context: fewer characters or groups than lines")
    if work.shape[0] < 7 or work.shape[1] < n + width or x.shape[0] < n or x.shape[1] < 15:
        raise ValueError("fill_context: scratch or output too small")
    cdef double[::1] gap = work[0], mass = work[1], cum = work[2], padded = work[3]
    cdef double[::1] inside = work[6]
    # The per-line loops are fused where nothing in between needs their results: on pages of a
    # few hundred lines the loops' own overhead is much of this function's cost.
    # The body run: the maximum-sum run of (first - prior) * chars (roles.body_span); with it
    # column 0 and the number of groups.
    cdef BestRun body = best_run_start()
    cdef Py_ssize_t groups_n = 0
    for i in range(n):
        mass[i] = first[i] * chars[i]
        best_run_step(&body, (first[i] - prior) * chars[i], i)
        x[i, 0] = first[i]
        if groups[i] < 0:
            raise IndexError("fill_context: negative group")
        if groups[i] + 1 > groups_n:
            groups_n = groups[i] + 1
    cdef Py_ssize_t start = body.start, end = body.end
    for k in range(len(neighbours)):
        o = neighbours[k]
        lo = min(max(-o, 0), n)  # the lines whose neighbour at `o` is a line: lo <= i < hi
        hi = max(min(n - o, n), lo)
        for i in range(lo):
            x[i, k + 1] = 0.0
        for i in range(lo, hi):
            x[i, k + 1] = first[i + o]
        for i in range(hi, n):
            x[i, k + 1] = 0.0
    # Mean of the line's group (np.bincount's sums: in line order from 0).
    cdef double[::1] sums, counts
    if groups_n <= work.shape[1]:
        sums = work[4]
        counts = work[5]
    else:
        sums = np.empty(groups_n)
        counts = np.empty(groups_n)
    for g in range(groups_n):
        sums[g] = 0.0
        counts[g] = 0.0
    for i in range(n):
        sums[groups[i]] += first[i]
        counts[groups[i]] += 1.0
    # Window mean (numpy's pairwise sum of the zero-padded row) and maximum; the group means
    # are written in the same pass (before the window sums, which use rows 4 to 6 of `work`,
    # `sums` and `counts`, as scratch).
    cdef double top, value
    cdef bint plain = True  # no NaN and no -0.0: a maximum is the same whatever the order
    for i in range(window):  # the padding: +0.0, which leaves `plain` as it is
        padded[i] = 0.0
        padded[window + n + i] = 0.0
    for i in range(n):
        g = groups[i]
        x[i, 5] = sums[g] / counts[g]
        value = first[i]
        padded[window + i] = value
        plain &= value == value and (value != 0.0 or not signbit(value))
    if 8 <= width < 16 and plain:
        window_sums_and_maxima(&padded[0], n, width, &cum[0], &gap[0], &work[4, 0], x)
    else:
        for i in range(n):
            x[i, 6] = 0.0 + pairwise_sum(&padded[i], width)
            top = padded[i]
            for j in range(i + 1, i + width):
                if padded[j] > top:
                    top = padded[j]
            x[i, 7] = top
    # The window means, the body run's lines and the distances to it (`gap` was scratch of the
    # window sums until here).
    for i in range(n):
        lo = i - window if i > window else 0
        hi = i + window if i + window < n - 1 else n - 1
        x[i, 6] = x[i, 6] / <double>(hi - lo + 1)
        if start <= i <= end:
            x[i, 9] = 1.0
            gap[i] = 0.0
        else:
            x[i, 9] = 0.0
            lo = i - start if i >= start else start - i
            hi = i - end if i >= end else end - i
            gap[i] = <double>(lo if lo < hi else hi)
    cumulate(first, cum)  # one cumulative sum for the three windows over `first`
    means_of_windows(&cum[0], n, wide_window, x, 8)
    means_of_windows(&cum[0], n, far_window, x, 11)
    share_before(mass[:n], x, 12)
    run_share(first, mass, prior, cum, inside, x, 13)
    # The body run's share of the mass (numpy's sums of the slice and of the whole row).
    cdef double total = 0.0 + pairwise_sum(&mass[0], n) if n else 0.0
    cdef double in_run = 0.0 + pairwise_sum(&mass[start], end + 1 - start) if end >= start else 0.0
    cdef double share = in_run / (1e-9 if 1e-9 > total else total)
    if n <= TABLE_COUNTS:
        # Every distance is a count below n: counts_in_place would take each from the table;
        # read there directly (no Python slice of `work_rows` for a call per page).
        for i in range(n):
            x[i, 10] = log1p_table[<Py_ssize_t>gap[i]]
            x[i, 14] = share
        return 0
    counts_in_place(work_rows[0, :n], log1p_table, 0, _log1p)
    for i in range(n):
        x[i, 10] = gap[i]
        x[i, 14] = share
    return 0


cdef void window_sums_and_maxima(
    const double *padded, Py_ssize_t n, Py_ssize_t width, double *pairs, double *quads,
    double *maxima, double[:, :] x
) noexcept:
    """x[i, 6] = pairwise_sum(&padded[i], width) and x[i, 7] = the maximum of padded[i : i + width]
    for 8 <= width < 16 and no NaN or -0.0 in padded[:n + width - 1], from the sums and maxima of
    pairs and fours shared by the windows (the same additions: a window's first eight in pairs,
    then the rest one by one). Scratch: `pairs` and `quads` of n + width doubles, `maxima` of
    three times that."""
    cdef Py_ssize_t m = n + width - 1, i, k
    cdef double *pair_max = maxima
    cdef double *quad_max = maxima + m
    cdef double *eight_max = maxima + 2 * m
    cdef double res, a, b
    for i in range(m - 1):
        pairs[i] = padded[i] + padded[i + 1]
        a = padded[i]
        b = padded[i + 1]
        pair_max[i] = b if b > a else a
    for i in range(m - 3):
        quads[i] = pairs[i] + pairs[i + 2]
        a = pair_max[i]
        b = pair_max[i + 2]
        quad_max[i] = b if b > a else a
    for i in range(m - 7):
        a = quad_max[i]
        b = quad_max[i + 4]
        eight_max[i] = b if b > a else a
    for i in range(n):
        res = quads[i] + quads[i + 4]
        if width == 9:  # the usual window, four lines each side: one more (no inner loop)
            res += padded[i + 8]
        else:
            for k in range(i + 8, i + width):
                res += padded[k]
        x[i, 6] = 0.0 + res
        a = eight_max[i]
        b = eight_max[i + width - 8]
        x[i, 7] = b if b > a else a


cdef void run_share(double[:] first, double[::1] mass, double prior, double[::1] cum,
                    double[::1] inside, double[:, :] out, Py_ssize_t into):
    """out[:, into] = model._run_share: a run's mass over the largest run's, 0 outside runs
    (`inside` is scratch of n doubles); `cum` holds cumulate(first, cum)'s sums, and is then
    scratch."""
    cdef Py_ssize_t n = first.shape[0], i, j, run_start
    means_of_windows(&cum[0], n, 1, out, into)
    for i in range(n):
        inside[i] = 1.0 if out[i, into] >= prior else 0.0
    cum[0] = 0.0
    if n:
        cum[1] = mass[0]
    for i in range(1, n):
        cum[i + 1] = cum[i] + mass[i]
    cdef double largest = 0.0, run
    cdef bint any_run = False
    i = 0
    while i < n:
        if inside[i] == 0.0:
            i += 1
            continue
        run_start = i
        while i < n and inside[i] != 0.0:
            i += 1
        run = cum[i] - cum[run_start]
        if not any_run or run > largest:
            largest = run
        any_run = True
    if largest < 1e-9:
        largest = 1e-9
    i = 0
    while i < n:
        if inside[i] == 0.0:
            out[i, into] = 0.0
            i += 1
            continue
        run_start = i
        while i < n and inside[i] != 0.0:
            i += 1
        run = (cum[i] - cum[run_start]) / largest
        for j in range(run_start, i):
            out[j, into] = run


# The network's elementwise steps (model._predict with a merged ensemble): each is the IEEE
# operation numpy applies, in numpy's order; the products and the exponential stay numpy's.

def standardize(double[:, :] rows, double[::1] mean, double[::1] scale, double[:, :] out):
    """out = (rows - mean) / scale, column by column (rows and out: rows of contiguous doubles,
    as views of the first columns of a C-ordered buffer are)."""
    cdef Py_ssize_t n = rows.shape[0], m = rows.shape[1], i, j
    cdef double* row
    cdef double* into
    cdef double* mu = &mean[0]
    cdef double* sigma = &scale[0]
    if rows.strides[1] != sizeof(double) or out.strides[1] != sizeof(double):
        raise ValueError("standardize needs rows of contiguous doubles")
    for i in range(n):
        row = &rows[i, 0]
        into = &out[i, 0]
        for j in range(m):
            into[j] = (row[j] - mu[j]) / sigma[j]


def add_bias_relu(double[:, ::1] hidden, double[::1] bias):
    """hidden = max(hidden + bias, 0) in place (np.maximum's: NaN and -0.0 kept)."""
    cdef Py_ssize_t n = hidden.shape[0], m = hidden.shape[1], i, j
    cdef double v
    for i in range(n):
        for j in range(m):
            v = hidden[i, j] + bias[j]
            hidden[i, j] = v if (v >= 0.0 or v != v) else 0.0


def negated_clipped_logits(double[:, :] z, double[::1] bias, double low, double high):
    """z = -min(max(z + bias, low), high) in place (bias per column): the exponent of the
    sigmoid."""
    cdef Py_ssize_t n = z.shape[0], m = z.shape[1], i, k
    cdef double v
    for i in range(n):
        for k in range(m):
            v = z[i, k] + bias[k]
            if not (v >= low or v != v):
                v = low
            if not (v <= high or v != v):
                v = high
            z[i, k] = -v


# The vector paths below (mean sigmoid, stage logits, sparse product) ask the CPU once.
cdef extern from *:
    """
    #define SIEB_AVX2 1
    #define SIEB_FMA 2
    #define SIEB_AVX512 4
    #if defined(__GNUC__) && (defined(__x86_64__) || defined(__i386__))
    #include <immintrin.h>
    /* SIEB_AVX2 | SIEB_FMA as the CPU (and its OS) has them, asked on the first call. */
    static int sieb_cpu_features(void) {
        static int features = -1;
        if (features < 0) {
            __builtin_cpu_init();
            features = (__builtin_cpu_supports("avx2") ? SIEB_AVX2 : 0)
                       | (__builtin_cpu_supports("fma") ? SIEB_FMA : 0)
                       | (__builtin_cpu_supports("avx512f") ? SIEB_AVX512 : 0);
        }
        return features;
    }
    #else
    static int sieb_cpu_features(void) { return 0; }
    #endif
    """


cdef extern from *:
    """
    #if defined(__GNUC__) && (defined(__x86_64__) || defined(__i386__))
    /* mean_sigmoid of n rows of four contiguous values: the four 1 / (1 + e) at once (IEEE
       lane by lane), summed left to right. Returns 0 where the CPU has no AVX2. */
    __attribute__((target("avx2"))) static int sieb_mean_sigmoid4_avx2(
        const double *exps, long n, double *out
    ) {
        const __m256d one = _mm256_set1_pd(1.0);
        double t[4];
        for (long i = 0; i < n; i++) {
            _mm256_storeu_pd(t, _mm256_div_pd(
                one, _mm256_add_pd(one, _mm256_loadu_pd(exps + 4 * i))));
            out[i] = (((t[0] + t[1]) + t[2]) + t[3]) / 4.0;
        }
        return 1;
    }
    static int sieb_mean_sigmoid4(const double *exps, long n, double *out) {
        return sieb_cpu_features() & SIEB_AVX2 ? sieb_mean_sigmoid4_avx2(exps, n, out) : 0;
    }
    #else
    static int sieb_mean_sigmoid4(const double *exps, long n, double *out) { return 0; }
    #endif
    """
    bint sieb_mean_sigmoid4(const double *exps, long n, double *out) noexcept nogil


def mean_sigmoid(double[:, :] exps, double[::1] out):
    """out = mean over columns of 1 / (1 + exps), summed left to right."""
    if out.shape[0] < exps.shape[0]:
        raise ValueError("mean_sigmoid: fewer outputs than rows")
    mean_of_sigmoids(exps, out)


cdef void mean_of_sigmoids(double[:, :] exps, double[::1] out) noexcept:
    """`mean_sigmoid` on shapes the caller has checked."""
    cdef Py_ssize_t n = exps.shape[0], m = exps.shape[1], i, k
    cdef double total
    if n and m == 4 and exps.strides[1] == sizeof(double) and exps.strides[0] == 4 * sizeof(double):
        if sieb_mean_sigmoid4(&exps[0, 0], n, &out[0]):
            return
    for i in range(n):
        total = 1.0 / (1.0 + exps[i, 0])
        for k in range(1, m):
            total = total + 1.0 / (1.0 + exps[i, k])
        out[i] = total / <double>m


# The line model's folded networks (model._Network; model._python_logits is the definition).

cdef extern from *:
    """
    #define SIEB_MAX_MEMBERS 64
    /* One stage's negated clipped logits of n rows (model._python_logits; `stage_logits` checks
       the shapes). Hidden unit j of member m is column j * members + m. Row i of z and of the
       context product is line at[i]'s (line i's where `at` is NULL) of base and roles. */
    static inline __attribute__((always_inline)) void sieb_stage_rows(
        const float *base, long base_stride, const float *context, long context_stride,
        const Py_ssize_t *roles, const Py_ssize_t *at, const double *role_bias,
        const double *out_weights, const double *out_bias, long members, long hidden, double low,
        double high, double *z, long n
    ) {
        double acc[SIEB_MAX_MEMBERS] = {0.0};
        for (long i = 0; i < n; i++) {
            long line = at ? at[i] : i;
            const float *unit = base + line * base_stride;
            const float *extra = context ? context + i * context_stride : 0;
            const double *weights = role_bias + roles[line] * hidden;
            for (long u = 0; u < hidden; u += members) {
                for (long m = 0; m < members; m++) {
                    double v = extra ? ((double)unit[u + m] + (double)extra[u + m]) + weights[u + m]
                                     : (double)unit[u + m] + weights[u + m];
                    double term = (v < 0.0 ? 0.0 : v) * out_weights[u + m];
                    acc[m] = u ? acc[m] + term : term;
                }
            }
            for (long m = 0; m < members; m++) {
                double v = acc[m] + out_bias[m];
                if (!(v >= low || v != v)) v = low;
                if (!(v <= high || v != v)) v = high;
                z[i * members + m] = -v;
            }
        }
    }

    #define SIEB_STAGE_ROWS_ARGS \
        const float *base, long base_stride, const float *context, long context_stride, \
        const Py_ssize_t *roles, const Py_ssize_t *at, const double *role_bias, \
        const double *out_weights, const double *out_bias, long members, long hidden, \
        double low, double high, double *z, long n
    /* Calls fn with these arguments, `count` as the members. */
    #define SIEB_STAGE_ROWS_PASS(fn, count) fn( \
        base, base_stride, context, context_stride, roles, at, role_bias, out_weights, \
        out_bias, count, hidden, low, high, z, n)

    static void sieb_stage_rows_any(SIEB_STAGE_ROWS_ARGS) {
        SIEB_STAGE_ROWS_PASS(sieb_stage_rows, members);
    }
    #if defined(__GNUC__) && (defined(__x86_64__) || defined(__i386__))
    /* -(sums + biases, clipped to [lows, highs]), as the scalar steps. */
    __attribute__((target("avx2"))) static inline __m256d sieb_clip_negate(
        __m256d acc, __m256d biases, __m256d lows, __m256d highs, __m256d sign
    ) {
        acc = _mm256_add_pd(acc, biases);
        acc = _mm256_blendv_pd(acc, lows, _mm256_cmp_pd(acc, lows, _CMP_LT_OQ));
        acc = _mm256_blendv_pd(acc, highs, _mm256_cmp_pd(acc, highs, _CMP_GT_OQ));
        return _mm256_xor_pd(acc, sign);
    }

    /* Four members: one vector of their four sums; each step is the scalar one's, lane by
       lane (no FMA: products and sums stay apart). */
    __attribute__((target("avx2"))) static void sieb_stage_rows_avx2(SIEB_STAGE_ROWS_ARGS) {
        if (members != 4) {
            SIEB_STAGE_ROWS_PASS(sieb_stage_rows, members);
            return;
        }
        const __m256d zero = _mm256_setzero_pd(), sign = _mm256_set1_pd(-0.0);
        const __m256d lows = _mm256_set1_pd(low), highs = _mm256_set1_pd(high);
        const __m256d biases = _mm256_loadu_pd(out_bias);
        /* Two rows at a time: two independent chains of sums. */
        for (long i = 0; i < n; i += 2) {
            long last = i + 1 < n ? i + 1 : i;  /* an odd last row is done twice */
            long line0 = at ? at[i] : i, line1 = at ? at[last] : last;
            const float *unit0 = base + line0 * base_stride, *unit1 = base + line1 * base_stride;
            const float *extra0 = context ? context + i * context_stride : 0;
            const float *extra1 = context ? context + last * context_stride : 0;
            const double *weights0 = role_bias + roles[line0] * hidden;
            const double *weights1 = role_bias + roles[line1] * hidden;
            __m256d acc0 = zero, acc1 = zero;
            for (long u = 0; u < hidden; u += 4) {
                __m256d out = _mm256_loadu_pd(out_weights + u);
                __m256d v0 = _mm256_cvtps_pd(_mm_loadu_ps(unit0 + u));
                __m256d v1 = _mm256_cvtps_pd(_mm_loadu_ps(unit1 + u));
                if (context) {
                    v0 = _mm256_add_pd(v0, _mm256_cvtps_pd(_mm_loadu_ps(extra0 + u)));
                    v1 = _mm256_add_pd(v1, _mm256_cvtps_pd(_mm_loadu_ps(extra1 + u)));
                }
                v0 = _mm256_add_pd(v0, _mm256_loadu_pd(weights0 + u));
                v1 = _mm256_add_pd(v1, _mm256_loadu_pd(weights1 + u));
                /* max(0, v) is 0 where 0 > v, else v: NaN and -0.0 stay, as the scalar's */
                v0 = _mm256_max_pd(zero, v0);
                v1 = _mm256_max_pd(zero, v1);
                v0 = _mm256_mul_pd(v0, out);
                v1 = _mm256_mul_pd(v1, out);
                acc0 = u ? _mm256_add_pd(acc0, v0) : v0;
                acc1 = u ? _mm256_add_pd(acc1, v1) : v1;
            }
            _mm256_storeu_pd(z + last * 4, sieb_clip_negate(acc1, biases, lows, highs, sign));
            _mm256_storeu_pd(z + i * 4, sieb_clip_negate(acc0, biases, lows, highs, sign));
        }
    }
    #else
    static void sieb_stage_rows_avx2(SIEB_STAGE_ROWS_ARGS) {}
    #endif

    /* The AVX2 rows where the CPU has AVX2, else the plain ones. */
    static void sieb_stage_logits_rows(SIEB_STAGE_ROWS_ARGS) {
        if (sieb_cpu_features() & SIEB_AVX2) SIEB_STAGE_ROWS_PASS(sieb_stage_rows_avx2, members);
        else SIEB_STAGE_ROWS_PASS(sieb_stage_rows_any, members);
    }
    """
    enum: SIEB_MAX_MEMBERS
    void sieb_stage_logits_rows(
        const float *base, long base_stride, const float *context, long context_stride,
        const Py_ssize_t *roles, const Py_ssize_t *at, const double *role_bias,
        const double *out_weights, const double *out_bias, long members, long hidden,
        double low, double high, double *z, long n
    ) noexcept nogil


def stage_logits(
    float[:, ::1] base,
    Py_ssize_t at,
    float[:, ::1] context,
    Py_ssize_t[::1] roles,
    double[:, ::1] role_bias,
    double[::1] out_weights,
    double[::1] out_bias,
    double low,
    double high,
    double[:, ::1] z,
):
    """A stage's negated clipped logits into z (n x members). Hidden unit j of member m is
    column j x members + m. Per line and hidden unit: the base product's column at + unit, plus
    the context product's (when `context` has columns), in double, plus the row of `role_bias`
    of the line's role (`roles`), in that order; ReLU (a negative sum is 0, NaN stays); times
    the unit's output weight. Per member: the sum of its units' terms left to right, plus its
    output bias, clipped to [low, high] and negated."""
    cdef Py_ssize_t n = z.shape[0], members = z.shape[1], hidden = role_bias.shape[1], i
    cdef bint with_context = context.shape[1] > 0
    if base.shape[0] < n or roles.shape[0] < n or (with_context and context.shape[0] < n):
        raise ValueError("stage_logits: fewer rows than logits")
    if base.shape[1] < at + hidden or (with_context and context.shape[1] < hidden):
        raise ValueError("stage_logits: fewer columns than hidden units")
    if members < 1 or members > SIEB_MAX_MEMBERS or hidden % members:
        raise ValueError("stage_logits: members of unequal width, or too many")
    if out_weights.shape[0] != hidden or out_bias.shape[0] != members:
        raise ValueError("stage_logits: output weights do not fit")
    for i in range(n):
        if not 0 <= roles[i] < role_bias.shape[0]:
            raise IndexError("stage_logits: role out of range")
    if n == 0 or hidden == 0:
        return
    cdef const float* extra = &context[0, 0] if with_context else NULL
    cdef Py_ssize_t extra_stride = context.shape[1] if with_context else 0
    sieb_stage_logits_rows(
        &base[0, at], base.shape[1], extra, extra_stride, &roles[0], NULL, &role_bias[0, 0],
        &out_weights[0], &out_bias[0], members, hidden, low, high, &z[0, 0], n
    )


def product_rows(
    double[:, ::1] rows,
    Py_ssize_t width,
    Py_ssize_t roles_at,
    Py_ssize_t roles_end,
    float[:, ::1] single,
    Py_ssize_t[::1] roles,
    int[::1] scan=None,
):
    """model._python_product_rows: the first `width` columns of rows but the role columns
    (roles_at to roles_end) into `single`, rounded to single precision as numpy casts; into
    `roles` the index of each row's first largest role column (np.argmax's choice). With `scan`
    (`sparse_product`'s scratch), each row's nonzero columns of `single` go there too, as
    `sparse_product(..., scanned=True)` reads them: one pass over the rows instead of two."""
    cdef Py_ssize_t n = single.shape[0], size = single.shape[1]
    if rows.shape[0] < n or roles.shape[0] < n or rows.shape[1] < width:
        raise ValueError("product_rows: fewer rows or columns than asked for")
    if not 0 <= roles_at < roles_end <= width or single.shape[1] != width - (roles_end - roles_at):
        raise ValueError("product_rows: role columns do not fit")
    if scan is not None and scan.shape[0] < n * (size + 1):
        raise ValueError("product_rows: scan scratch too small")
    rows_into_single(rows, width, roles_at, roles_end, single, roles,
                     &scan[0] if scan is not None else NULL)


cdef extern from *:
    """
    #if defined(__GNUC__) && (defined(__x86_64__) || defined(__i386__))
    #include <immintrin.h>
    /* into[0:count] = (float)row[0:count]: cvtpd2ps rounds as the scalar cast (to nearest). */
    __attribute__((target("avx2"))) static void sieb_round_row_avx2(
        const double *row, long count, float *into
    ) {
        long k = 0;
        for (; k + 4 <= count; k += 4)
            _mm_storeu_ps(into + k, _mm256_cvtpd_ps(_mm256_loadu_pd(row + k)));
        for (; k < count; k++)
            into[k] = (float)row[k];
    }
    /* For each mask of eight bits, the positions of its set bits in order, one byte each. */
    static long long sieb_picks[256];
    /* Fills sieb_picks (once, at import). */
    static void sieb_nonzero_init(void) {
        for (int mask = 0; mask < 256; mask++) {
            long long packed = 0;
            int at = 0;
            for (int bit = 0; bit < 8; bit++)
                if (mask & (1 << bit)) packed |= (long long)bit << (8 * at++);
            sieb_picks[mask] = packed;
        }
    }
    /* The nonzero values' indexes of row[0:count] into columns, in order; returns their
       number. Eight values at a time: their nonzero mask picks, from sieb_picks, the indexes
       to store (eight are stored, the first `popcount` kept); the last fewer than eight by a
       masked load and a masked store (nothing is read past the row, nor written past its
       nonzero columns). */
    __attribute__((target("avx2,popcnt"))) static int sieb_nonzero_avx2(
        const float *row, long count, int *columns
    ) {
        const long long *picks = sieb_picks;
        const __m256 zero = _mm256_setzero_ps();
        int found = 0;
        long k = 0;
        for (; k + 8 <= count; k += 8) {
            int mask = _mm256_movemask_ps(
                _mm256_cmp_ps(_mm256_loadu_ps(row + k), zero, _CMP_NEQ_UQ));
            __m256i index = _mm256_add_epi32(
                _mm256_cvtepu8_epi32(_mm_loadl_epi64((const __m128i *)&picks[mask])), _mm256_set1_epi32((int)k));
            _mm256_storeu_si256((__m256i *)(columns + found), index);
            found += __builtin_popcount(mask);
        }
        if (k < count) {
            int rest = (int)(count - k);
            __m256i lanes = _mm256_cmpgt_epi32(
                _mm256_set1_epi32(rest), _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7));
            int mask = _mm256_movemask_ps(_mm256_cmp_ps(
                _mm256_maskload_ps(row + k, lanes), zero, _CMP_NEQ_UQ)) & ((1 << rest) - 1);
            int kept = __builtin_popcount(mask);
            __m256i index = _mm256_add_epi32(
                _mm256_cvtepu8_epi32(_mm_loadl_epi64((const __m128i *)&picks[mask])),
                _mm256_set1_epi32((int)k));
            _mm256_maskstore_epi32(columns + found, _mm256_cmpgt_epi32(
                _mm256_set1_epi32(kept), _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7)), index);
            found += kept;
        }
        return found;
    }
    /* The index of the first largest of v[0:count] (what a scan that moves on a greater value
       finds), or -1 when count < 4 or a value is NaN (the caller scans then). Without NaN the
       largest value is the same in any order but for the sign of a zero, which == ignores. */
    __attribute__((target("avx2"))) static long sieb_first_max_avx2(const double *v, long count) {
        if (count < 4)
            return -1;
        __m256d top = _mm256_loadu_pd(v), x;
        __m256d nan = _mm256_cmp_pd(top, top, _CMP_UNORD_Q);
        long k = 4;
        for (; k < count; k += 4) {
            x = _mm256_loadu_pd(k + 4 <= count ? v + k : v + count - 4);
            top = _mm256_max_pd(top, x);
            nan = _mm256_or_pd(nan, _mm256_cmp_pd(x, x, _CMP_UNORD_Q));
        }
        if (_mm256_movemask_pd(nan))
            return -1;
        top = _mm256_max_pd(top, _mm256_permute2f128_pd(top, top, 1));
        top = _mm256_max_pd(top, _mm256_permute_pd(top, 5));
        for (k = 0; k < count; k += 4) {
            long at = k + 4 <= count ? k : count - 4;
            int mask = _mm256_movemask_pd(_mm256_cmp_pd(_mm256_loadu_pd(v + at), top, _CMP_EQ_OQ));
            if (mask)
                return at + __builtin_ctz(mask);
        }
        return -1;
    }
    static int sieb_has_avx2(void) { return (sieb_cpu_features() & SIEB_AVX2) != 0; }
    #else
    static long sieb_first_max_avx2(const double *v, long count) { return -1; }
    static void sieb_nonzero_init(void) {}
    static void sieb_round_row_avx2(const double *row, long count, float *into) {}
    static int sieb_nonzero_avx2(const float *row, long count, int *columns) { return 0; }
    static int sieb_has_avx2(void) { return 0; }
    #endif
    """
    void sieb_round_row_avx2(const double *row, long count, float *into) noexcept nogil
    int sieb_nonzero_avx2(const float *row, long count, int *columns) noexcept nogil
    long sieb_first_max_avx2(const double *v, long count) noexcept nogil
    bint sieb_has_avx2() noexcept nogil
    void sieb_nonzero_init() noexcept nogil


sieb_nonzero_init()


cdef void rows_into_single(
    double[:, ::1] rows,
    Py_ssize_t width,
    Py_ssize_t roles_at,
    Py_ssize_t roles_end,
    float[:, ::1] single,
    Py_ssize_t[::1] roles,
    int* scan,
) noexcept:
    """`product_rows` on shapes the caller has checked (`scan`: NULL or its scratch)."""
    cdef Py_ssize_t n = single.shape[0], i, k, role, size = single.shape[1]
    cdef double* row
    cdef float* into
    cdef int* columns = NULL
    cdef int count
    if sieb_has_avx2():  # the same values and columns, several at a time
        for i in range(n):
            row = &rows[i, 0]
            into = &single[i, 0]
            sieb_round_row_avx2(row, roles_at, into)
            sieb_round_row_avx2(row + roles_end, width - roles_end, into + roles_at)
            if scan != NULL:
                scan[n * size + i] = sieb_nonzero_avx2(into, size, scan + i * size)
            role = sieb_first_max_avx2(row + roles_at, roles_end - roles_at)
            if role < 0:
                role = 0
                for k in range(1, roles_end - roles_at):
                    if row[roles_at + k] > row[roles_at + role]:
                        role = k
            roles[i] = role
        return
    for i in range(n):
        row = &rows[i, 0]
        into = &single[i, 0]
        for k in range(roles_at):
            into[k] = <float>row[k]
        for k in range(roles_end, width):
            into[k - roles_end + roles_at] = <float>row[k]
        if scan != NULL:
            columns = scan + i * size
            count = 0
            for k in range(size):  # without a branch, as sieb_sparse_product scans
                columns[count] = <int>k
                count += into[k] != 0.0
            scan[n * size + i] = count
        role = 0
        for k in range(1, roles_end - roles_at):
            if row[roles_at + k] > row[roles_at + role]:
                role = k
        roles[i] = role


def revisions(
    list decisions,
    double[::1] probs,
    double drop_below,
    double heading_below,
    double keep_above,
    object heading,
    frozenset droppable,
    frozenset keepable,
):
    """model._revisions: the indexes of the lines whose decision (role, kept, reason) the model
    revises: kept lines of a `droppable` role below drop_below (heading_below for `heading`),
    dropped lines of a `keepable` reason at or above keep_above."""
    cdef Py_ssize_t n = len(decisions), i
    cdef tuple decision
    cdef double p
    if probs.shape[0] < n:
        raise ValueError("revisions: fewer probabilities than decisions")
    out = []
    for i in range(n):
        item = decisions[i]
        if not isinstance(item, tuple) or len(<tuple>item) < 3:
            raise TypeError("revisions: a decision is not a (role, kept, reason) tuple")
        decision = <tuple>item
        p = probs[i]
        if decision[1]:
            if p < (heading_below if decision[0] is heading else drop_below):
                if decision[0] in droppable:
                    out.append(i)
        elif p >= keep_above and decision[2] in keepable:
            out.append(i)
    return out


def candidates(list decisions, frozenset droppable, frozenset keepable):
    """model._python_candidates: the indexes (intp, increasing) of the lines `revisions` may
    pick whatever their probabilities: kept lines of a `droppable` role, dropped lines of a
    `keepable` reason."""
    cdef Py_ssize_t n = len(decisions), i, m = 0
    cdef tuple decision
    cdef Memo roles = Memo(droppable), reasons = Memo(keepable)
    found = np.empty(n, dtype=np.intp)
    cdef Py_ssize_t[::1] out = found
    for i in range(n):
        item = decisions[i]
        if not isinstance(item, tuple) or len(<tuple>item) < 3:
            raise TypeError("candidates: a decision is not a (role, kept, reason) tuple")
        decision = <tuple>item
        if roles.look(decision[0]) if decision[1] else reasons.look(decision[2]):
            out[m] = i
            m += 1
    return found[:m]


cdef extern from *:
    """
    /* The decision (a tuple subclass `type`) of role, kept and reason, as tuple.__new__(type,
       (role, kept, reason)) makes it: tp_alloc fills in a new tuple of the type, which takes
       a reference to each item. */
    static PyObject *sieb_decision(PyObject *type, PyObject *role, int kept, PyObject *reason) {
        PyObject *out = ((PyTypeObject *)type)->tp_alloc((PyTypeObject *)type, 3);
        if (out == NULL) return NULL;
        PyObject *flag = kept ? Py_True : Py_False;
        Py_INCREF(role);
        Py_INCREF(flag);
        Py_INCREF(reason);
        PyTuple_SET_ITEM(out, 0, role);
        PyTuple_SET_ITEM(out, 1, flag);
        PyTuple_SET_ITEM(out, 2, reason);
        return out;
    }

    /* The probability as "%.2f" formats it (PyOS_double_to_string, as PyUnicode_Format). */
    static PyObject *sieb_two_decimals(double value) {
        char *text = PyOS_double_to_string(value, 'f', 2, 0, NULL);
        if (text == NULL) return NULL;
        PyObject *out = PyUnicode_DecodeASCII(text, (Py_ssize_t)strlen(text), NULL);
        PyMem_Free(text);
        return out;
    }
    """
    object sieb_decision(object type, object role, bint kept, object reason)
    object sieb_two_decimals(double value)


def revised(
    feats,
    list decisions,
    list lines,
    double[::1] probs,
    tuple reason_parts,
    object decision,
    tuple roles,
    tuple fields,
):
    """model.python_revised: a copy of `decisions` whose `lines` are revised. A kept line is
    dropped as a teaser (prose or a sentence) or as navigation, a dropped one kept as a list item
    (in a group, not prose) or a paragraph, each with the reason `head + "%.2f" % probability +
    between + old reason + tail` (`reason_parts` = (head, between, tail), strings); the new
    decisions are `decision` tuples. `roles` = (teaser, navigation, list item, paragraph),
    `fields` = the indexes of is_prose, is_sentence and group_size in a line's features."""
    cdef Py_ssize_t is_prose, is_sentence, group_size, i, widest
    cdef tuple d, f
    cdef str head, between, tail
    teaser, navigation, list_item, paragraph = roles
    is_prose, is_sentence, group_size = fields
    head, between, tail = reason_parts
    widest = max(is_prose, is_sentence, group_size)
    if min(is_prose, is_sentence, group_size) < 0:
        raise IndexError("revised: a negative field")
    if not (isinstance(decision, type) and issubclass(decision, tuple)):
        raise TypeError("revised: the decision type is no tuple")
    out = list(decisions)
    for item in lines:
        i = item
        if not 0 <= i < len(decisions) or i >= len(feats) or i >= probs.shape[0]:
            raise IndexError("revised: a line out of range")
        decision_item, line_item = decisions[i], feats[i]
        if not isinstance(decision_item, tuple) or not isinstance(line_item, tuple):
            raise TypeError("revised: a decision or a line's features is not a tuple")
        d, f = <tuple>decision_item, <tuple>line_item
        if len(d) < 3 or len(f) <= widest:
            raise TypeError("revised: a decision or a line's features too short")
        # Joined from its parts: a %-format a line cost three times as much.
        old = d[2] if type(d[2]) is str else str(d[2])
        reason = "".join((head, sieb_two_decimals(probs[i]), between, old, tail))
        if d[1]:
            role = teaser if (f[is_prose] or f[is_sentence]) else navigation
            out[i] = sieb_decision(decision, role, False, reason)
        else:
            role = list_item if f[group_size] > 1 and not f[is_prose] else paragraph
            out[i] = sieb_decision(decision, role, True, reason)
    return out


# The sparse product (model._product's compiled path). A line's stage-one row is mostly zeros
# (about 40 of 110 columns are not: flags, counts, one-hot groups), so each row's product is
# summed over its nonzero columns only: weight rows times the line's value, added with fused
# multiply-adds in column order, 96 output columns at a time for all rows (twelve sums of eight
# in registers: the more columns per pass, the fewer loads of a nonzero column and its value),
# then 64 at a time, then one by one. A zero column adds nothing, so the sums are BLAS's up to
# rounding: OpenBLAS's main kernel forms the same chain, bit for bit, on the machines tried.
cdef extern from *:
    """
    #if defined(__GNUC__) && (defined(__x86_64__) || defined(__i386__))
    #define SIEB_FMA_TARGET __attribute__((target("avx2,fma")))

    /* a += v * the eight weights at wr, by a fused multiply-add (each lane one column's sum). */
    #define SIEB_FMADD8(a, v, wr) a = _mm256_fmadd_ps(v, _mm256_loadu_ps(wr), a)
    /* Four sums of eight columns, from column `at` of the weight row wr. */
    #define SIEB_FMA4(v, wr, at, a, b, c, d) \
        SIEB_FMADD8(a, v, (wr) + (at)); SIEB_FMADD8(b, v, (wr) + (at) + 8); \
        SIEB_FMADD8(c, v, (wr) + (at) + 16); SIEB_FMADD8(d, v, (wr) + (at) + 24)
    #define SIEB_STORE4(o, at, a, b, c, d) \
        _mm256_storeu_ps((o) + (at), a); _mm256_storeu_ps((o) + (at) + 8, b); \
        _mm256_storeu_ps((o) + (at) + 16, c); _mm256_storeu_ps((o) + (at) + 24, d)
    #define SIEB_STEP32(v, wr) SIEB_FMA4(v, wr, 0, a0, a1, a2, a3)
    #define SIEB_STEP64(v, wr) SIEB_STEP32(v, wr); SIEB_FMA4(v, wr, 32, a4, a5, a6, a7)
    #define SIEB_STEP96(v, wr) SIEB_STEP64(v, wr); SIEB_FMA4(v, wr, 64, a8, a9, a10, a11)
    #define SIEB_STORE32(o) SIEB_STORE4(o, 0, a0, a1, a2, a3)
    #define SIEB_STORE64(o) SIEB_STORE32(o); SIEB_STORE4(o, 32, a4, a5, a6, a7)
    #define SIEB_STORE96(o) SIEB_STORE64(o); SIEB_STORE4(o, 64, a8, a9, a10, a11)

    /* A block kernel of 32, 64 or 96 output columns: one row's columns (x's nonzero columns nz,
       `count` of them) times the weight rows of those columns (w, row stride `stride`), added
       in column order, into o. Four nonzero columns a step (then two, then one): the same
       additions in the same order, in fewer steps of the loop. Not inlined: as a call, the
       row's x and the block's w are one register each, and the loop takes fewer instructions
       per nonzero column than when inlined. `vec`, `zero` and `set1`: the register type and
       its intrinsics (the step and store macros use the same width). */
    #define SIEB_BLOCK_KERNEL(target, vec, zero, set1, name, step, store) \
    target __attribute__((noinline)) static void name( \
        const float *x, const int *nz, int count, const float *w, long stride, float *o \
    ) { \
        vec a0 = zero(), a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0, \
            a6 = a0, a7 = a0, a8 = a0, a9 = a0, a10 = a0, a11 = a0; \
        const int *at = nz, *end = nz + count; \
        for (; end - at >= 4; at += 4) { \
            long c0 = at[0], c1 = at[1], c2 = at[2], c3 = at[3]; \
            vec v0 = set1(x[c0]), v1 = set1(x[c1]), v2 = set1(x[c2]), v3 = set1(x[c3]); \
            step(v0, w + c0 * stride); \
            step(v1, w + c1 * stride); \
            step(v2, w + c2 * stride); \
            step(v3, w + c3 * stride); \
        } \
        if (end - at >= 2) { \
            long c0 = at[0], c1 = at[1]; \
            vec v0 = set1(x[c0]), v1 = set1(x[c1]); \
            step(v0, w + c0 * stride); \
            step(v1, w + c1 * stride); \
            at += 2; \
        } \
        if (at < end) { \
            vec v0 = set1(x[*at]); \
            step(v0, w + (long)*at * stride); \
        } \
        store(o); \
        (void)a1; (void)a2; (void)a3; (void)a4; (void)a5; (void)a6; (void)a7; (void)a8; \
        (void)a9; (void)a10; (void)a11; \
    }
    #define SIEB_SPARSE_BLOCK(name, step, store) SIEB_BLOCK_KERNEL( \
        SIEB_FMA_TARGET, __m256, _mm256_setzero_ps, _mm256_set1_ps, name, step, store)

    /* 96, 64 and 32 output columns (32: the last stage's columns a line not asked for skips
       leave a block of 96 cut short). */
    SIEB_SPARSE_BLOCK(sieb_sparse_block96, SIEB_STEP96, SIEB_STORE96)
    SIEB_SPARSE_BLOCK(sieb_sparse_block64, SIEB_STEP64, SIEB_STORE64)
    SIEB_SPARSE_BLOCK(sieb_sparse_block32, SIEB_STEP32, SIEB_STORE32)

    /* The same kernels with AVX-512 where the CPU has it: sixteen columns a register, so half
       the loads and multiply-adds; each lane is the same chain of sums, so the same bits (six
       sums of sixteen; a6 to a11 stay unused). */
    #define SIEB_512_TARGET __attribute__((target("avx512f,avx2,fma")))
    #define SIEB_FMADD16(a, v, wr) a = _mm512_fmadd_ps(v, _mm512_loadu_ps(wr), a)
    #define SIEB_WIDE_STEP32(v, wr) SIEB_FMADD16(a0, v, (wr)); SIEB_FMADD16(a1, v, (wr) + 16)
    #define SIEB_WIDE_STEP64(v, wr) \
        SIEB_WIDE_STEP32(v, wr); SIEB_FMADD16(a2, v, (wr) + 32); SIEB_FMADD16(a3, v, (wr) + 48)
    #define SIEB_WIDE_STEP96(v, wr) \
        SIEB_WIDE_STEP64(v, wr); SIEB_FMADD16(a4, v, (wr) + 64); SIEB_FMADD16(a5, v, (wr) + 80)
    #define SIEB_WIDE_STORE32(o) _mm512_storeu_ps((o), a0); _mm512_storeu_ps((o) + 16, a1)
    #define SIEB_WIDE_STORE64(o) \
        SIEB_WIDE_STORE32(o); _mm512_storeu_ps((o) + 32, a2); _mm512_storeu_ps((o) + 48, a3)
    #define SIEB_WIDE_STORE96(o) \
        SIEB_WIDE_STORE64(o); _mm512_storeu_ps((o) + 64, a4); _mm512_storeu_ps((o) + 80, a5)
    #define SIEB_WIDE_SPARSE_BLOCK(name, step, store) SIEB_BLOCK_KERNEL( \
        SIEB_512_TARGET, __m512, _mm512_setzero_ps, _mm512_set1_ps, name, step, store)
    SIEB_WIDE_SPARSE_BLOCK(sieb_wide_block96, SIEB_WIDE_STEP96, SIEB_WIDE_STORE96)
    SIEB_WIDE_SPARSE_BLOCK(sieb_wide_block64, SIEB_WIDE_STEP64, SIEB_WIDE_STORE64)
    SIEB_WIDE_SPARSE_BLOCK(sieb_wide_block32, SIEB_WIDE_STEP32, SIEB_WIDE_STORE32)

    /* Whether the product takes the AVX-512 kernels: where the CPU has them, unless a test
       turned them off (to compare both). */
    static int sieb_wide_off = 0;
    static int sieb_wide_product(void) {
        return !sieb_wide_off && (sieb_cpu_features() & SIEB_AVX512);
    }

    /* A block kernel, and the three of one width. */
    typedef void (*sieb_block)(const float *, const int *, int, const float *, long, float *);
    typedef struct { sieb_block b96, b64, b32; } SiebBlocks;
    static const SiebBlocks SIEB_BLOCKS = {
        sieb_sparse_block96, sieb_sparse_block64, sieb_sparse_block32
    };
    static const SiebBlocks SIEB_WIDE_BLOCKS = {
        sieb_wide_block96, sieb_wide_block64, sieb_wide_block32
    };

    /* The same for one output column (the columns after the last full block). */
    SIEB_FMA_TARGET static float sieb_sparse_column(
        const float *x, const int *nz, int count, const float *w, long stride
    ) {
        float total = 0.0f;
        for (int t = 0; t < count; t++)
            total = _mm_cvtss_f32(_mm_fmadd_ss(
                _mm_set_ss(x[nz[t]]), _mm_set_ss(w[(long)nz[t] * stride]), _mm_set_ss(total)));
        return total;
    }

    /* Columns [from, to) of one row's product: 64, then 32 at a time, then one by one. */
    SIEB_FMA_TARGET static void sieb_sparse_span(
        const SiebBlocks *blocks, const float *x, const int *nz, int count, const float *w,
        long stride, float *o, long from, long to
    ) {
        long j = from;
        for (; j + 64 <= to; j += 64)
            blocks->b64(x, nz, count, w + j, stride, o + j);
        for (; j + 32 <= to; j += 32)
            blocks->b32(x, nz, count, w + j, stride, o + j);
        for (; j < to; j++)
            o[j] = sieb_sparse_column(x, nz, count, w + j, stride);
    }

    /* The end of row i's columns: cols for a row of `lines` (m increasing row indexes; NULL:
       every row), else head. *next is the first of `lines` not passed yet (rows go in order). */
    static inline long sieb_row_end(
        long i, const Py_ssize_t *lines, long m, long *next, long head, long cols
    ) {
        if (!lines)
            return cols;
        if (*next < m && lines[*next] == i) {
            ++*next;
            return cols;
        }
        return head;
    }

    /* out (n x cols) = x (n x k) @ w (k x cols), over each row's nonzero columns; the rows not
       in `lines` (m increasing row indexes; NULL: none) only up to column head, the rest of
       their row left as it was. Scratch: nz, n x k (each row's nonzero columns), and counts, n.
       Each output column is its own chain of sums, so the blocks a row's columns are cut into
       do not change them. */
    SIEB_FMA_TARGET static void sieb_sparse_product_rows(
        const float *x, long n, long k, const float *w, long cols, float *out, int *nz,
        int *counts, int scanned, const Py_ssize_t *lines, long m, long head
    ) {
        for (long i = 0; i < n && !scanned; i++) {
            const float *row = x + i * k;
            int *columns = nz + i * k;
            int count = 0;
            for (long c = 0; c < k; c++) {  /* without a branch: zeros are unpredictable */
                columns[count] = (int)c;
                count += row[c] != 0.0f;
            }
            counts[i] = count;
        }
        /* 96 output columns at a time for all rows, then 64, then one; a row whose columns
           end inside a block takes the block's part by sieb_sparse_span. */
        const SiebBlocks *blocks = sieb_wide_product() ? &SIEB_WIDE_BLOCKS : &SIEB_BLOCKS;
        long j = 0, end;
        for (; j + 96 <= cols; j += 96)
            for (long i = 0, next = 0; i < n; i++) {
                end = sieb_row_end(i, lines, m, &next, head, cols);
                if (end >= j + 96)
                    blocks->b96(x + i * k, nz + i * k, counts[i], w + j, cols,
                                out + i * cols + j);
                else if (end > j)
                    sieb_sparse_span(blocks, x + i * k, nz + i * k, counts[i], w, cols,
                                     out + i * cols, j, end);
            }
        for (; j + 64 <= cols; j += 64)
            for (long i = 0, next = 0; i < n; i++) {
                end = sieb_row_end(i, lines, m, &next, head, cols);
                if (end >= j + 64)
                    blocks->b64(x + i * k, nz + i * k, counts[i], w + j, cols,
                                out + i * cols + j);
                else if (end > j)
                    sieb_sparse_span(blocks, x + i * k, nz + i * k, counts[i], w, cols,
                                     out + i * cols, j, end);
            }
        for (; j < cols; j++)
            for (long i = 0, next = 0; i < n; i++)
                if (sieb_row_end(i, lines, m, &next, head, cols) > j)
                    out[i * cols + j] = sieb_sparse_column(x + i * k, nz + i * k, counts[i],
                                                           w + j, cols);
    }

    /* Every row's columns. */
    SIEB_FMA_TARGET static void sieb_sparse_product(
        const float *x, long n, long k, const float *w, long cols, float *out, int *nz,
        int *counts, int scanned
    ) {
        sieb_sparse_product_rows(x, n, k, w, cols, out, nz, counts, scanned, 0, 0, cols);
    }
    #else
    static void sieb_sparse_product_rows(
        const float *x, long n, long k, const float *w, long cols, float *out, int *nz,
        int *counts, int scanned, const Py_ssize_t *lines, long m, long head
    ) {}
    static void sieb_sparse_product(
        const float *x, long n, long k, const float *w, long cols, float *out, int *nz,
        int *counts, int scanned
    ) {}
    static int sieb_wide_off = 0;
    static int sieb_wide_product(void) { return 0; }
    #endif
    static int sieb_has_fma(void) {
        return (sieb_cpu_features() & (SIEB_AVX2 | SIEB_FMA)) == (SIEB_AVX2 | SIEB_FMA);
    }
    """
    bint sieb_has_fma() noexcept nogil
    int sieb_wide_off
    bint sieb_wide_product() noexcept nogil
    void sieb_sparse_product(
        const float *x, long n, long k, const float *w, long cols, float *out, int *nz,
        int *counts, int scanned
    ) noexcept nogil
    void sieb_sparse_product_rows(
        const float *x, long n, long k, const float *w, long cols, float *out, int *nz,
        int *counts, int scanned, const Py_ssize_t *lines, long m, long head
    ) noexcept nogil


def has_sparse_product():
    """Whether `sparse_product` runs here (an x86 CPU with AVX2 and FMA, a GCC-like compiler)."""
    return bool(sieb_has_fma())


def wide_product(on=None):
    """Whether `sparse_product` adds sixteen columns at a time (AVX-512, where the CPU has it)
    rather than eight: the same sums, bit for bit. `on` False forbids it from now on, True
    allows it again (tests compare both)."""
    global sieb_wide_off
    if on is not None:
        sieb_wide_off = not on
    return bool(sieb_wide_product())


def sparse_product(
    float[:, ::1] x, float[:, ::1] weights, float[:, ::1] out, int[::1] scratch,
    bint scanned=False,
):
    """out = x @ weights, summed over each row's nonzero columns in column order by fused
    multiply-adds (model._sparse_product's compiled path; `scratch` holds at least
    rows x (columns + 1) of x; `scanned`: it holds x's nonzero columns already, as
    `product_rows` leaves them). Call only when `has_sparse_product()`."""
    cdef Py_ssize_t n = x.shape[0], k = x.shape[1], cols = weights.shape[1]
    if weights.shape[0] != k or out.shape[0] < n or out.shape[1] != cols:
        raise ValueError("sparse_product: shapes do not fit")
    if scratch.shape[0] < n * (k + 1):
        raise ValueError("sparse_product: scratch too small")
    if not sieb_has_fma():
        raise RuntimeError("sparse_product: the CPU has no AVX2 and FMA")
    if n == 0 or cols == 0:
        return
    cdef int* room = &scratch[0]
    with nogil:
        sieb_sparse_product(
            &x[0, 0], n, k, &weights[0, 0], cols, &out[0, 0], room, room + n * k, scanned
        )


# The stages after the stage-one matrix in one call (model.TextModel.probabilities' chain).
_exp = np.exp
_empty = np.empty
_intp = np.intp
# Stages a Chain holds at most.
cdef enum:
    MAX_STAGES = 8


cdef class Chain:
    """model.TextModel.probabilities after the stage-one matrix, in one call: the product rows
    and their nonzero columns (`product_rows`), the sparse product of all stages' base columns
    (`sparse_product`), and per stage its logits (`stage_logits`), np.exp of them and the
    members' mean sigmoid (`mean_sigmoid`); before each later stage the context columns of the
    previous stage's probabilities (`fill_context`), rounded to single precision (numpy's cast)
    and multiplied with the stage's context weights by the sparse product (model's
    `_sparse_product` of them). The same steps on the same values as the stage by stage path
    (model checks it on its probe pages), without a Python step or an array check between
    them: the network's arrays are checked once, here, and each page's once per call. The last
    stage may run for some lines alone (those model.revise may revise): its base columns, its
    context product, logits and probabilities of the other lines are skipped."""

    cdef object base_weights
    cdef tuple context_weights, role_bias, out_weights, out_bias, neighbours, windows
    cdef Py_ssize_t stages, members, hidden, width, roles_at, roles_end, context_width
    cdef double low, high, prior
    cdef const float* base_ptr
    cdef const float* context_ptr[MAX_STAGES]  # NULL where a stage has no context columns
    cdef const double* role_bias_ptr[MAX_STAGES]
    cdef const double* out_weights_ptr[MAX_STAGES]
    cdef const double* out_bias_ptr[MAX_STAGES]

    def __init__(
        self,
        base_weights,
        tuple context_weights,
        tuple role_bias,
        tuple out_weights,
        tuple out_bias,
        tuple layout,
        tuple bounds,
        double prior,
        tuple neighbours,
        tuple windows,
    ):
        """The network's arrays (model._Network's), `layout` = (members, width of the stage-one
        rows, first and end role column, context columns per stage), `bounds` = the logits'
        clip (low, high), and fill_context's prior, neighbours and windows."""
        cdef Py_ssize_t s
        cdef const float[:, ::1] base_view = base_weights
        cdef const float[:, ::1] context_view
        cdef const double[:, ::1] bias_view
        cdef const double[::1] vector_view
        self.members, self.width, self.roles_at, self.roles_end, self.context_width = layout
        self.low, self.high = bounds
        self.stages = len(role_bias)
        if not 1 <= self.stages <= MAX_STAGES or not (
            len(context_weights) == len(out_weights) == len(out_bias) == self.stages
        ):
            raise ValueError("Chain: stages do not match")
        self.hidden = role_bias[0].shape[1]
        if not 1 <= self.members <= SIEB_MAX_MEMBERS or self.hidden < 1 or (
            self.hidden % self.members
        ):
            raise ValueError("Chain: members of unequal width, or too many")
        if not 0 <= self.roles_at < self.roles_end <= self.width:
            raise ValueError("Chain: role columns do not fit")
        if base_view.shape[0] != self.width - (self.roles_end - self.roles_at) or (
            base_view.shape[1] != self.stages * self.hidden
        ):
            raise ValueError("Chain: base weights do not fit")
        self.base_ptr = &base_view[0, 0]
        if self.stages > 1 and not 1 <= self.context_width * (self.stages - 1) <= (
            base_view.shape[0]
        ):  # the context's nonzero columns go into the base product's scratch
            raise ValueError("Chain: no context columns, or more than the scratch holds")
        for s in range(self.stages):
            context_view = context_weights[s]
            if context_view.shape[0] != s * self.context_width or (
                context_view.shape[1] != self.hidden
            ):
                raise ValueError("Chain: context weights do not fit")
            self.context_ptr[s] = &context_view[0, 0] if context_view.shape[0] else NULL
            bias_view = role_bias[s]
            if bias_view.shape[0] != self.roles_end - self.roles_at or (
                bias_view.shape[1] != self.hidden
            ):
                raise ValueError("Chain: role weights do not fit")
            self.role_bias_ptr[s] = &bias_view[0, 0]
            vector_view = out_weights[s]
            if vector_view.shape[0] != self.hidden:
                raise ValueError("Chain: output weights do not fit")
            self.out_weights_ptr[s] = &vector_view[0]
            vector_view = out_bias[s]
            if vector_view.shape[0] != self.members:
                raise ValueError("Chain: output biases do not fit")
            self.out_bias_ptr[s] = &vector_view[0]
        # The arrays the pointers point into stay alive with the chain.
        self.base_weights = base_weights
        self.context_weights = context_weights
        self.role_bias, self.out_weights, self.out_bias = role_bias, out_weights, out_bias
        self.prior, self.neighbours, self.windows = prior, neighbours, windows
        if len(windows) != 3 or windows[0] < 0 or 2 * windows[0] + 1 > 128:
            raise ValueError("Chain: windows do not fit")

    def run(
        self,
        double[:, ::1] rows,
        float[:, ::1] single,
        int[::1] scan,
        float[:, ::1] base,
        logits,
        context_rows,
        context_product,
        double[:] chars,
        long long[:] groups,
        work_rows,
        lines=None,
    ):
        """The last stage's probabilities of the n lines of `rows` (n = len(single); stage one's
        columns filled, the context columns are written here). Scratch: `single`, `scan` and
        `base` as product_rows and sparse_product take them, `logits` (n x members, float64),
        `context_rows` and `context_product` (flat float32 arrays of at least n x the context
        columns of the last stage, and n x hidden) and `work_rows` (as fill_context's). With
        `lines` (increasing line indexes, intp), the last stage runs for those lines alone and
        the others' probabilities are NaN: the earlier stages run for every line, as the context
        columns read windows of lines."""
        cdef Py_ssize_t n = single.shape[0], size = single.shape[1], s, i, w, count
        cdef Py_ssize_t hidden = self.hidden, width = self.width
        cdef Py_ssize_t context_width = self.context_width
        cdef double[:, ::1] z = logits
        cdef double[:, ::1] work = work_rows
        cdef float[::1] cast = context_rows
        cdef float[::1] product = context_product
        cdef Py_ssize_t[::1] asked
        cdef Py_ssize_t no_line = -1
        cdef const Py_ssize_t* at = NULL  # the last stage's lines; NULL: all
        cdef const Py_ssize_t* stage_at
        cdef Py_ssize_t m = n
        if not sieb_has_fma():
            raise RuntimeError("Chain: the CPU has no AVX2 and FMA")
        if rows.shape[0] < n or rows.shape[1] < width + (self.stages - 1) * context_width:
            raise ValueError("Chain: fewer rows or columns than asked for")
        if size != width - (self.roles_end - self.roles_at) or scan.shape[0] < n * (size + 1):
            raise ValueError("Chain: product rows or scratch do not fit")
        if base.shape[0] != n or base.shape[1] != self.stages * hidden:
            raise ValueError("Chain: base product does not fit")
        if z.shape[0] != n or z.shape[1] != self.members:
            raise ValueError("Chain: logits do not fit")
        if chars.shape[0] < n or groups.shape[0] < n:
            raise ValueError("Chain: fewer characters or groups than lines")
        if work.shape[0] < 7 or work.shape[1] < n + 2 * self.windows[0] + 1:
            raise ValueError("Chain: scratch too small")
        if cast.shape[0] < n * (self.stages - 1) * context_width or product.shape[0] < n * hidden:
            raise ValueError("Chain: context scratch too small")
        if lines is not None:
            asked = lines
            m = asked.shape[0]
            for i in range(m):
                if not 0 <= asked[i] < n or (i and asked[i] <= asked[i - 1]):
                    raise ValueError("Chain: lines out of range or not increasing")
            at = &asked[0] if m else &no_line  # not NULL: no line at all
        roles_array = _empty(n, dtype=_intp)
        cdef Py_ssize_t[::1] roles = roles_array
        probabilities = _empty((self.stages, n))
        cdef double[:, ::1] probs = probabilities
        if n == 0:
            return probabilities[self.stages - 1]
        rows_into_single(rows[:n], width, self.roles_at, self.roles_end, single, roles, &scan[0])
        # The last stage's base columns for its lines alone.
        sieb_sparse_product_rows(
            &single[0, 0], n, size, self.base_ptr, base.shape[1], &base[0, 0], &scan[0],
            &scan[n * size], 1, at, m, (self.stages - 1) * hidden
        )
        for s in range(self.stages):
            stage_at = at if s + 1 == self.stages else NULL
            count = m if stage_at != NULL else n
            sieb_stage_logits_rows(
                &base[0, s * hidden], base.shape[1], &product[0] if s else NULL, hidden,
                &roles[0], stage_at, self.role_bias_ptr[s], self.out_weights_ptr[s],
                self.out_bias_ptr[s], self.members, hidden, self.low, self.high, &z[0, 0], count
            )
            if stage_at == NULL:
                _exp(logits, logits)
                mean_of_sigmoids(z, probs[s])
            else:  # the logits of the lines of `at`, in rows 0 to count - 1
                part = logits[:count]
                _exp(part, part)
                mean_of_sigmoids(z[:count], work[0])
                spread(work[0], stage_at, count, probs[s])
            if s + 1 == self.stages:
                break
            context_columns(
                probs[s], chars, groups,
                rows[:n, width + s * context_width : width + (s + 1) * context_width],
                work, work_rows, self.neighbours, self.windows, self.prior,
            )
            w = (s + 1) * context_width
            stage_at = at if s + 2 == self.stages else NULL
            count = m if stage_at != NULL else n
            context_rows_of(rows, width, w, stage_at, count, &cast[0], &scan[0])
            sieb_sparse_product(&cast[0], count, w, self.context_ptr[s + 1], hidden, &product[0],
                                &scan[0], &scan[count * w], 1)
        return probabilities[self.stages - 1]


cdef void spread(double[::1] values, const Py_ssize_t* at, Py_ssize_t count, double[::1] out):
    """out[at[k]] = values[k] for the `count` lines of `at`, NaN elsewhere."""
    cdef Py_ssize_t i
    for i in range(out.shape[0]):
        out[i] = NAN
    for i in range(count):
        out[at[i]] = values[i]


cdef void context_rows_of(
    double[:, ::1] rows, Py_ssize_t start, Py_ssize_t w, const Py_ssize_t* at, Py_ssize_t count,
    float* cast, int* scan,
) noexcept:
    """The context columns (w from column `start`) of the lines of `at` (NULL: lines 0 to
    count - 1) in numpy's cast to single precision into the rows of `cast`, their nonzero
    columns into `scan` as sieb_sparse_product reads them (the CPU has AVX2)."""
    cdef Py_ssize_t k
    for k in range(count):
        sieb_round_row_avx2(&rows[at[k] if at != NULL else k, start], w, cast + k * w)
        scan[count * w + k] = sieb_nonzero_avx2(cast + k * w, w, scan + k * w)
