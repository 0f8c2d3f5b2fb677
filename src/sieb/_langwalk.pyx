# cython: language_level=3, boundscheck=False, wraparound=False
"""Compiled twins of two steps of py3langid's scoring (see sieb.langwalk, which checks them).

`DfaWalker` is `visit_counts`: the walk of a text's UTF-8 bytes through the model's byte-level
DFA, counting the features it meets. Its result is the same dict as py3langid's
`Counter(indexes)`: the same features in the same order (of first occurrence) with the same
counts. `HalfRows` gathers the model rows of those features as float32, the values numpy's
float16 matrix product converts them to.
"""

from cpython.mem cimport PyMem_Free, PyMem_Malloc
from libc.string cimport memset

import numpy as np


cdef class DfaWalker:
    """`walker(data)` -> {feature: count} in order of first occurrence, or None (no feature)."""

    cdef const unsigned int[::1] nextmove
    cdef unsigned int *rowbase
    cdef int *output
    cdef Py_ssize_t states
    cdef unsigned int *counts  # per feature, all zero between calls
    cdef unsigned int *order  # features in order of first occurrence
    cdef Py_ssize_t features

    def __cinit__(self):
        self.rowbase = NULL
        self.output = NULL
        self.counts = NULL
        self.order = NULL

    def __init__(self, nextmove, rowbase, output):
        """`nextmove`: the flat transition table (array of 'I'); `rowbase`: each state's row
        offset into it; `output`: each state's feature, or -1."""
        cdef Py_ssize_t i
        self.nextmove = nextmove
        self.states = len(output)
        if len(rowbase) != self.states:
            raise ValueError("rowbase and output differ in length")
        self.rowbase = <unsigned int *> PyMem_Malloc(self.states * sizeof(unsigned int))
        self.output = <int *> PyMem_Malloc(self.states * sizeof(int))
        if self.rowbase == NULL or self.output == NULL:
            raise MemoryError()
        self.features = 0
        for i in range(self.states):
            if rowbase[i] < 0 or rowbase[i] + 256 > self.nextmove.shape[0]:
                raise ValueError("a row lies outside the transition table")
            self.rowbase[i] = rowbase[i]
            self.output[i] = output[i]
            if output[i] >= self.features:
                self.features = output[i] + 1
        for i in range(self.nextmove.shape[0]):
            if self.nextmove[i] >= self.states:
                raise ValueError("a transition leads to an unknown state")
        self.counts = <unsigned int *> PyMem_Malloc((self.features or 1) * sizeof(unsigned int))
        self.order = <unsigned int *> PyMem_Malloc((self.features or 1) * sizeof(unsigned int))
        if self.counts == NULL or self.order == NULL:
            raise MemoryError()
        memset(self.counts, 0, (self.features or 1) * sizeof(unsigned int))

    def __dealloc__(self):
        PyMem_Free(self.rowbase)
        PyMem_Free(self.output)
        PyMem_Free(self.counts)
        PyMem_Free(self.order)

    def __call__(self, const unsigned char[:] data):
        cdef Py_ssize_t i, n = data.shape[0], seen = 0
        cdef unsigned int state = 0
        cdef int feature
        cdef unsigned int *found
        # The walk and the reset of the shared counts call no Python code, so no other thread
        # can run in between; the dict is built from this call's own copy.
        for i in range(n):
            state = self.nextmove[self.rowbase[state] + data[i]]
            feature = self.output[state]
            if feature >= 0:
                if self.counts[feature] == 0:
                    self.order[seen] = feature
                    seen += 1
                self.counts[feature] += 1
        if seen == 0:
            return None
        found = <unsigned int *> PyMem_Malloc(2 * seen * sizeof(unsigned int))
        if found == NULL:
            for i in range(seen):
                self.counts[self.order[i]] = 0
            raise MemoryError()
        for i in range(seen):
            found[2 * i] = self.order[i]
            found[2 * i + 1] = self.counts[self.order[i]]
            self.counts[self.order[i]] = 0
        try:
            visits = {}
            for i in range(seen):
                visits[found[2 * i]] = found[2 * i + 1]
            return visits
        finally:
            PyMem_Free(found)


cdef class HalfRows:
    """`rows(visits)` -> float32 array of the model rows of `visits`' features (its keys, in
    order): `table[list(visits)].astype(np.float32)` of a float16 `table`, converted through a
    table of all 65,536 half-precision values made by numpy itself (so the same bits)."""

    cdef const unsigned short[:, ::1] table
    cdef const float[::1] halves
    cdef readonly object source  # the float16 table

    def __init__(self, table):
        if table.dtype != np.float16 or table.ndim != 2 or not table.flags.c_contiguous:
            raise ValueError("expected a C-contiguous 2-D float16 array")
        self.source = table
        self.table = table.view(np.uint16)
        self.halves = np.arange(65536, dtype=np.uint32).astype(np.uint16).view(np.float16
                                                                               ).astype(np.float32)

    def __call__(self, visits):
        cdef Py_ssize_t i = 0, j, row, width = self.table.shape[1]
        cdef Py_ssize_t height = self.table.shape[0]
        out = np.empty((len(visits), width), dtype=np.float32)
        cdef float[:, ::1] rows = out
        for feature in visits:
            row = feature
            if row < 0 or row >= height:
                raise IndexError(f"feature {row} is not a row of the model")
            for j in range(width):
                rows[i, j] = self.halves[self.table[row, j]]
            i += 1
        return out
