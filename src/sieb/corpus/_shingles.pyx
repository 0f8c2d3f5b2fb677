# cython: language_level=3, boundscheck=False, wraparound=False
"""Compiled twins of `sieb.corpus.process`'s text folding and word shingles (see there, which
checks them against their Python definitions): one scan over the characters, and each shingle
built once at its final size instead of through a tuple and a join."""

from cpython.mem cimport PyMem_Free, PyMem_Malloc
from libc.stdint cimport uint8_t, uint16_t, uint32_t
from libc.string cimport memcpy


cdef extern from "Python.h":
    object PyUnicode_New(Py_ssize_t size, Py_UCS4 maxchar)
    int PyUnicode_KIND(object text)
    void *PyUnicode_DATA(object text)
    Py_UCS4 PyUnicode_READ(int kind, void *data, Py_ssize_t index) nogil
    void PyUnicode_WRITE(int kind, void *data, Py_ssize_t index, Py_UCS4 value) nogil
    bint Py_UNICODE_ISALNUM(Py_UCS4 ch) nogil
    bint Py_UNICODE_ISSPACE(Py_UCS4 ch) nogil


cdef struct Span:
    Py_ssize_t start
    Py_ssize_t length
    Py_UCS4 maxchar


ctypedef fused Char:
    uint8_t
    uint16_t
    uint32_t


# ASCII word characters (re's \w below 128: letters, digits, the underscore)
cdef bint ASCII_WORD[128]
for _c in range(128):
    ASCII_WORD[_c] = chr(_c).isalnum() or _c == 95


cdef inline bint _is_word(Py_UCS4 c) noexcept nogil:
    # re's \w on str: Py_UNICODE_ISALNUM or the underscore (SRE_UNI_IS_WORD)
    if c < 128:
        return ASCII_WORD[c]
    return Py_UNICODE_ISALNUM(c)


cdef void _copy(int out_kind, void *out_data, Py_ssize_t at, int kind, void *data,
                Py_ssize_t start, Py_ssize_t length) noexcept:
    cdef Py_ssize_t i
    if out_kind == kind:
        memcpy(<char *>out_data + at * kind, <char *>data + start * kind, length * kind)
    else:
        for i in range(length):
            PyUnicode_WRITE(out_kind, out_data, at + i, PyUnicode_READ(kind, data, start + i))


cdef Py_ssize_t _spans(const Char *data, Py_ssize_t n, Span *spans) noexcept nogil:
    """The \\w+ runs of the text (spans holds room for n // 2 + 1)."""
    cdef Py_ssize_t i = 0, count = 0, start
    cdef Py_UCS4 c, top
    while i < n:
        c = data[i]
        if not _is_word(c):
            i += 1
            continue
        start = i
        top = c
        i += 1
        while i < n:
            c = data[i]
            if not _is_word(c):
                break
            if c > top:
                top = c
            i += 1
        spans[count].start = start
        spans[count].length = i - start
        spans[count].maxchar = top
        count += 1
    return count


cdef Py_ssize_t _spans_of(int kind, void *data, Py_ssize_t n, Span *spans) noexcept nogil:
    if kind == 1:
        return _spans(<const uint8_t *>data, n, spans)
    if kind == 2:
        return _spans(<const uint16_t *>data, n, spans)
    return _spans(<const uint32_t *>data, n, spans)


cdef object _joined(object text, int kind, void *data, Span *spans, Py_ssize_t first,
                    Py_ssize_t count):
    """spans[first:first + count] of `text` joined by single spaces, as a canonical str."""
    cdef Py_ssize_t j, length = count - 1, at = 0
    cdef Py_UCS4 top = 32 if count > 1 else 0
    for j in range(first, first + count):
        length += spans[j].length
        if spans[j].maxchar > top:
            top = spans[j].maxchar
    out = PyUnicode_New(length, top)
    cdef int out_kind = PyUnicode_KIND(out)
    cdef void *out_data = PyUnicode_DATA(out)
    for j in range(first, first + count):
        if j > first:
            PyUnicode_WRITE(out_kind, out_data, at, 32)
            at += 1
        _copy(out_kind, out_data, at, kind, data, spans[j].start, spans[j].length)
        at += spans[j].length
    return out


def word_shingles(str text, Py_ssize_t size):
    """`text`'s \\w+ words, each run of `size` consecutive words joined by a space (all words
    in one when there are fewer); [] when it has no word."""
    if size < 1:
        raise ValueError("size must be at least 1")
    cdef Py_ssize_t n = len(text), count, i
    cdef int kind = PyUnicode_KIND(text)
    cdef void *data = PyUnicode_DATA(text)
    cdef Span *spans = <Span *>PyMem_Malloc((n // 2 + 1) * sizeof(Span))
    if spans == NULL:
        raise MemoryError
    cdef list shingles
    try:
        count = _spans_of(kind, data, n, spans)
        if count == 0:
            return []
        if count <= size:
            return [_joined(text, kind, data, spans, 0, count)]
        shingles = [None] * (count - size + 1)
        for i in range(count - size + 1):
            shingles[i] = _joined(text, kind, data, spans, i, size)
        return shingles
    finally:
        PyMem_Free(spans)


cdef struct Folding:
    Py_ssize_t length  # characters of the folded text
    Py_UCS4 maxchar  # its widest character
    bint unchanged  # the text is its own folded form


cdef inline bint _is_space(Py_UCS4 c) noexcept nogil:
    return Py_UNICODE_ISSPACE(c)


cdef Folding _folding(const Char *data, Py_ssize_t n) noexcept nogil:
    cdef Folding f
    cdef Py_ssize_t i = 0, words = 0
    cdef Py_UCS4 c
    f.length = 0
    f.maxchar = 0
    f.unchanged = True
    while i < n:
        c = data[i]
        if _is_space(c):
            if c != 32 or i == 0 or i == n - 1 or _is_space(data[i + 1]):
                f.unchanged = False
            i += 1
            continue
        words += 1
        while i < n:
            c = data[i]
            if _is_space(c):
                break
            if c > f.maxchar:
                f.maxchar = c
            f.length += 1
            i += 1
    if words > 1:
        f.length += words - 1
        if f.maxchar < 32:
            f.maxchar = 32
    return f


cdef Py_ssize_t _next_stretch(const Char *data, Py_ssize_t n, Py_ssize_t i,
                              Py_ssize_t *end) noexcept nogil:
    """The start of the first word at or after i (n when none); *end is the end of the stretch
    of words from there that single plain spaces separate (copied as it is)."""
    cdef Py_ssize_t e
    while i < n and _is_space(data[i]):
        i += 1
    e = i
    while e < n:
        if not _is_space(data[e]):
            e += 1
        elif data[e] == 32 and e + 1 < n and not _is_space(data[e + 1]):
            e += 2
        else:
            break
    end[0] = e
    return i


cdef Folding _folding_of(int kind, void *data, Py_ssize_t n) noexcept nogil:
    if kind == 1:
        return _folding(<const uint8_t *>data, n)
    if kind == 2:
        return _folding(<const uint16_t *>data, n)
    return _folding(<const uint32_t *>data, n)


cdef Py_ssize_t _next_stretch_of(int kind, void *data, Py_ssize_t n, Py_ssize_t i,
                                 Py_ssize_t *end) noexcept nogil:
    if kind == 1:
        return _next_stretch(<const uint8_t *>data, n, i, end)
    if kind == 2:
        return _next_stretch(<const uint16_t *>data, n, i, end)
    return _next_stretch(<const uint32_t *>data, n, i, end)


def fold_spaces(str text):
    """" ".join(text.split()): the white-space separated words joined by single spaces."""
    cdef Py_ssize_t n = len(text), i = 0, at = 0, start, end
    cdef int kind = PyUnicode_KIND(text)
    cdef void *data = PyUnicode_DATA(text)
    cdef Folding f = _folding_of(kind, data, n)
    if f.unchanged:
        return text
    out = PyUnicode_New(f.length, f.maxchar)
    cdef int out_kind = PyUnicode_KIND(out)
    cdef void *out_data = PyUnicode_DATA(out)
    while True:
        start = _next_stretch_of(kind, data, n, i, &end)
        if start == n:
            break
        if at:
            PyUnicode_WRITE(out_kind, out_data, at, 32)
            at += 1
        _copy(out_kind, out_data, at, kind, data, start, end - start)
        at += end - start
        i = end
    return out
