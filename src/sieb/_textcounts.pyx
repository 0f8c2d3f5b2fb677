# cython: language_level=3, boundscheck=False, wraparound=False
"""Compiled per-block text counts of `sieb.features` (see sieb.textcounts, the Python reference).

One scan over the characters replaces three regex scans and a list of words: `\\w`, `\\d` and
`\\b` of Python's `re` on str are Py_UNICODE_ISALNUM-or-underscore, Py_UNICODE_ISDECIMAL and a
change between word and non-word characters, which is what this module tests. Only words no
longer than the longest stop word are cut out of the text to be looked up.
"""

from cpython.unicode cimport Py_UNICODE_ISALNUM, Py_UNICODE_ISDECIMAL


cdef inline bint is_word(Py_UCS4 ch):
    return Py_UNICODE_ISALNUM(ch) or ch == u"_"


cdef class Counter:
    """text -> (words, terminal, punctuation, stop words, digit words, capitalised, non-space)."""

    cdef frozenset stopwords
    cdef Py_ssize_t longest_stopword
    cdef str terminal

    def __init__(self, frozenset stopwords, str terminal):
        self.stopwords = stopwords
        self.longest_stopword = max(map(len, stopwords), default=0)
        self.terminal = terminal

    cdef Py_ssize_t stop_words(self, str lower):
        """Stop words among the \\w+ runs of `lower` (the lowered text: it can differ in length)."""
        cdef Py_ssize_t i, start = 0, count = 0, n = len(lower)
        cdef bint previous = False, current
        for i in range(n + 1):
            current = i < n and is_word(lower[i])
            if current and not previous:
                start = i
            elif previous and not current:
                if i - start <= self.longest_stopword and lower[start:i] in self.stopwords:
                    count += 1
            previous = current
        return count

    def __call__(self, str text):
        cdef str lower = text.lower()
        cdef Py_ssize_t i, n = len(text)
        cdef Py_ssize_t words = 0, punctuation = 0, digits = 0, capitals = 0, spaces = 0
        cdef Py_ssize_t lower_words = 0, lower_n = len(lower)
        cdef bint previous = False, current
        cdef Py_UCS4 ch
        for i in range(n):
            ch = text[i]
            if ch == u" ":
                spaces += 1
            elif ch == u"," or ch == u"." or ch == u";" or ch == u"!":
                punctuation += 1
            current = is_word(ch)
            if current and not previous:  # \b before a word character
                if Py_UNICODE_ISDECIMAL(ch):
                    digits += 1
                elif ch != u"_" and not (u"a" <= ch <= u"z") and not (0xDF <= ch <= 0xFF):
                    capitals += 1
            previous = current
        previous = False
        for i in range(lower_n):
            current = is_word(lower[i])
            if current and not previous:
                lower_words += 1
            previous = current
        terminal = 1 if n and text[n - 1] in self.terminal else 0
        return (lower_words, terminal, punctuation, self.stop_words(lower), digits, capitals,
                n - spaces)
