# Whether a character occurs in a string: memchr over a string of one byte per character, else
# CPython's own search. Shared by the compiled rules (_rules: a table's row, other marks) and the
# compiled assembly (_assemble: a table's row in the body).

from libc.string cimport memchr


cdef extern from "Python.h":
    int PyUnicode_KIND(object text)
    void *PyUnicode_DATA(object text)
    Py_ssize_t PyUnicode_FindChar(object text, Py_UCS4 ch, Py_ssize_t start, Py_ssize_t end,
                                  int direction) except -2


cdef inline bint has_char(str text, Py_UCS4 mark) except -1:
    """Whether `mark` (below 256) occurs in `text` (memchr over a text of one byte per
    character)."""
    cdef Py_ssize_t n = len(text)
    if PyUnicode_KIND(text) == 1:
        return memchr(PyUnicode_DATA(text), <int>mark, n) != NULL
    return PyUnicode_FindChar(text, mark, 0, n, 1) >= 0
