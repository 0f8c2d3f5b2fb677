# cython: language_level=3, boundscheck=False, wraparound=False
"""Compiled per-block text counts of `sieb.features` (see sieb.textcounts, the Python reference),
and the loops of `sieb.features.block_values` and `refined_main` (their Python definitions are
there).

One scan over the characters replaces three regex scans and a list of words: `\\w`, `\\d` and
`\\b` of Python's `re` on str are Py_UNICODE_ISALNUM-or-underscore, Py_UNICODE_ISDECIMAL and a
change between word and non-word characters, which is what this module tests. Only words no
longer than the longest stop word are cut out of the text to be looked up.
"""

from cpython.unicode cimport Py_UNICODE_ISALNUM, Py_UNICODE_ISDECIMAL

import numpy as np


cdef bint ASCII_WORD[128]  # is_word of the ASCII characters, looked up instead of computed
for _code in range(128):
    ASCII_WORD[_code] = chr(_code).isalnum() or _code == ord("_")


cdef inline bint is_word(Py_UCS4 ch):
    if ch < 128:
        return ASCII_WORD[ch]
    return Py_UNICODE_ISALNUM(ch) or ch == u"_"


cdef inline bint is_decimal(Py_UCS4 ch):
    if ch < 128:
        return u"0" <= ch <= u"9"
    return Py_UNICODE_ISDECIMAL(ch)


cdef class Counter:
    """text -> (words, terminal, punctuation, stop words, digit words, capitalised, non-space)."""

    cdef frozenset stopwords
    cdef Py_ssize_t longest_stopword
    cdef str terminal

    def __init__(self, frozenset stopwords, str terminal):
        self.stopwords = stopwords
        self.longest_stopword = max(map(len, stopwords), default=0)
        self.terminal = terminal

    cdef bint is_stopword(self, str lower, Py_ssize_t start, Py_ssize_t end):
        return end - start <= self.longest_stopword and lower[start:end] in self.stopwords

    cdef Py_ssize_t stop_words(self, str lower, Py_ssize_t *words):
        """Stop words among the \\w+ runs of `lower` (the lowered text: it can differ in length);
        sets `words` to the number of runs."""
        cdef Py_ssize_t i = 0, start = 0, count = 0, runs = 0
        cdef bint previous = False, current
        cdef Py_UCS4 ch
        for ch in lower:  # iterating, not indexing: Cython reads the characters directly
            current = is_word(ch)
            if current and not previous:
                start = i
                runs += 1
            elif previous and not current and self.is_stopword(lower, start, i):
                count += 1
            previous = current
            i += 1
        if previous and self.is_stopword(lower, start, i):
            count += 1
        words[0] = runs
        return count

    cdef int count(self, str text, Py_ssize_t *counts) except -1:
        """Fill `counts` (7 values) with the counts of `text`, in the order __call__ returns."""
        cdef str lower = text.lower()
        cdef Py_ssize_t n = len(text)
        cdef Py_ssize_t punctuation = 0, digits = 0, capitals = 0, spaces = 0, words = 0
        cdef bint previous = False, current
        cdef Py_UCS4 ch
        for ch in text:
            if ch == u" ":
                spaces += 1
            elif ch == u"," or ch == u"." or ch == u";" or ch == u"!":
                punctuation += 1
            current = is_word(ch)
            if current and not previous:  # \b before a word character
                if is_decimal(ch):
                    digits += 1
                elif ch != u"_" and not (u"a" <= ch <= u"z") and not (0xDF <= ch <= 0xFF):
                    capitals += 1
            previous = current
        counts[3] = self.stop_words(lower, &words)
        counts[0] = words
        counts[1] = 1 if n and text[n - 1] in self.terminal else 0
        counts[2] = punctuation
        counts[4] = digits
        counts[5] = capitals
        counts[6] = n - spaces
        return 0

    def __call__(self, str text):
        cdef Py_ssize_t counts[7]
        self.count(text, counts)
        return (counts[0], counts[1], counts[2], counts[3], counts[4], counts[5], counts[6])


def fill_block_values(
    Counter counter,
    list blocks,
    list elements,
    str hint,
    dict group_of_tag,
    Py_ssize_t other_group,
    double[:, ::1] out,
):
    """sieb.features.block_values' loop: each block's values into its row of `out` (columns:
    chars, the 7 counts, link chars, duplicate, fragments, in hint, neg, pos, tag group, flags,
    own flags, element, its text and link chars, position, depth, in article, list, table, figure,
    quote)."""
    cdef dict seen = {}
    cdef Py_ssize_t i, k, size
    cdef Py_ssize_t counts[7]
    cdef double[::1] row
    cdef str text
    for block in blocks:
        text = block.text
        seen[text] = seen.get(text, 0) + 1
    for i in range(len(blocks)):
        block = blocks[i]
        text = block.text
        ctx = block.ctx
        row = out[i]
        size = len(text)
        counter.count(text, counts)
        row[0] = size
        for k in range(7):
            row[1 + k] = counts[k]
        row[8] = block.link_chars
        row[9] = 1.0 if size and <Py_ssize_t> seen[text] > 1 else 0.0
        row[10] = block.fragments
        row[11] = 1.0 if hint and size >= 20 and text[:80] in hint else 0.0
        row[12] = min(<long> ctx.neg, 4)
        row[13] = min(<long> ctx.pos, 6)
        row[14] = <Py_ssize_t> group_of_tag.get(block.tag, other_group)
        row[15] = <long> ctx.flags
        index = block.element
        element = elements[index]
        row[16] = <long> element.signal
        row[17] = <Py_ssize_t> index
        row[18] = <Py_ssize_t> element.text_chars
        row[19] = <Py_ssize_t> element.link_chars
        row[20] = <double> block.position
        row[21] = <long> block.depth
        row[22] = 1.0 if ctx.in_article else 0.0
        row[23] = 1.0 if <long> ctx.list_id >= 0 else 0.0
        row[24] = 1.0 if <long> ctx.table_id >= 0 else 0.0
        row[25] = 1.0 if <long> ctx.figure_id >= 0 else 0.0
        row[26] = 1.0 if <long> ctx.quote_id >= 0 else 0.0


def refined_main(list probs, list blocks, list elements, double share):
    """sieb.features.python_refined_main's loops: the deepest element holding `share` of the
    first stage's body mass, and for each block whether it lies inside it (`elements` must not be
    empty)."""
    cdef Py_ssize_t n = len(elements), index, parent, best = 0, element
    cdef double p, total
    if len(probs) != len(blocks):
        raise ValueError("one probability per block")
    cdef double[::1] mass = np.zeros(n)
    cdef Py_ssize_t[::1] parents = np.empty(n, dtype=np.intp)
    cdef Py_ssize_t[::1] depths = np.empty(n, dtype=np.intp)
    for index in range(n):
        item = elements[index]
        parents[index] = item.parent
        depths[index] = item.depth
    for index in range(len(blocks)):
        p = probs[index]
        if p >= 0.5:
            block = blocks[index]
            mass[<Py_ssize_t> block.element] += p * <double> len(<str> block.text)
    for index in range(n - 1, 0, -1):
        parent = parents[index]
        if parent >= 0:
            mass[parent] += mass[index]
    total = mass[0]
    if total > 0:
        for index in range(n):
            if mass[index] >= share * total and depths[index] >= depths[best]:
                best = index
    inside = []
    for block in blocks:
        element = block.element
        while element > best:
            element = parents[element]
        inside.append(element == best)
    return best, inside


def main_container(list blocks, list elements, Py_ssize_t prose_min_chars,
                   double max_link_density, double chrome_weight):
    """sieb.container.python_main_container's loops: the element with the most prose and least
    chrome, and for each block whether it lies inside it (`elements` must not be empty)."""
    cdef Py_ssize_t n = len(elements), index, parent, best = 0, chars, link_chars, element
    cdef double score, best_score = -float("inf")
    cdef Py_ssize_t[::1] parents = np.empty(n, dtype=np.intp)
    cdef Py_ssize_t[::1] prose = np.zeros(n, dtype=np.intp)
    cdef Py_ssize_t[::1] chrome = np.zeros(n, dtype=np.intp)
    cdef str text
    for index in range(n):
        parents[index] = elements[index].parent
    for block in blocks:
        text = block.text
        chars = len(text)
        element = block.element
        ctx = block.ctx
        if ctx.neg and not ctx.in_article:
            chrome[element] += chars
            continue
        link_chars = block.link_chars
        if (
            chars >= prose_min_chars
            and <double> link_chars / <double> chars <= max_link_density
            and ("." in text or "," in text)
        ):
            prose[element] += chars - link_chars
            chrome[element] += link_chars
        elif not block.heading_level:
            chrome[element] += chars
    for index in range(n - 1, 0, -1):
        parent = parents[index]
        if parent >= 0:
            prose[parent] += prose[index]
            chrome[parent] += chrome[index]
    for index in range(n):
        score = <double> prose[index] - chrome_weight * <double> chrome[index]
        if score > best_score:
            best, best_score = index, score
    below = np.zeros(n, dtype=np.uint8)
    cdef unsigned char[::1] is_below = below
    for index in range(best, n):
        parent = parents[index]
        is_below[index] = index == best or (parent >= best and is_below[parent])
    inside = []
    for block in blocks:
        inside.append(is_below[<Py_ssize_t> block.element] != 0)
    return best, inside
