# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True
"""Compiled `measure` of text mode (see sieb.text.lines, whose `python_measure` is the definition).

One character scan per distinct line replaces the column-by-column Python passes: `str.split`'s
whitespace is Py_UNICODE_ISSPACE, `re`'s `\\d` and `\\s` on str are Py_UNICODE_ISDECIMAL and
Py_UNICODE_ISSPACE, and `str.isupper`, `isdigit`, `isalpha` of one character are
Py_UNICODE_ISUPPER, ISDIGIT and ISALPHA, which is what this module tests. The literal keys are
found, as in Python, by `str.find` over the page's joined lower-cased lines.
"""

from cpython.ref cimport Py_INCREF
from cpython.tuple cimport PyTuple_SET_ITEM
from cpython.unicode cimport (
    Py_UNICODE_ISALPHA,
    Py_UNICODE_ISDECIMAL,
    Py_UNICODE_ISDIGIT,
    Py_UNICODE_ISSPACE,
    Py_UNICODE_ISUPPER,
)
from libc.stdint cimport uint64_t
from libc.stdlib cimport free, malloc

import numpy as np

cdef extern from *:
    """
    static PyObject *sieb_alloc_tuple(PyObject *type, Py_ssize_t size) {
        return ((PyTypeObject *)type)->tp_alloc((PyTypeObject *)type, size);
    }
    """
    object sieb_alloc_tuple(object type, Py_ssize_t size)


cdef extern from "Python.h":
    int PyUnicode_KIND(object text)
    void *PyUnicode_DATA(object text)
    Py_UCS4 PyUnicode_READ(int kind, void *data, Py_ssize_t index)


cdef struct Chars:
    # The characters of a str, read without the checks of indexing.
    int kind
    void *data
    Py_ssize_t length


cdef inline Chars chars_of(str text):
    cdef Chars chars
    chars.kind = PyUnicode_KIND(text)
    chars.data = PyUnicode_DATA(text)
    chars.length = len(text)
    return chars


cdef inline Py_UCS4 at(Chars text, Py_ssize_t i):
    return PyUnicode_READ(text.kind, text.data, i)


cdef struct Facts:
    # What follows from a line's text alone (the columns of lines._by_text but the lower case).
    Py_ssize_t chars
    Py_ssize_t words
    bint terminal
    bint colon_end
    bint upper
    double stop_ratio
    bint separators
    bint has_digit
    bint consent
    bint notice
    bint footer
    bint prose
    bint sentence
    bint headline


cdef inline bint is_cjk(Py_UCS4 ch):
    return (
        0x3040 <= ch <= 0x30FF
        or 0x3400 <= ch <= 0x4DBF
        or 0x4E00 <= ch <= 0x9FFF
        or 0xAC00 <= ch <= 0xD7AF
    )


cdef inline bint is_dash(Py_UCS4 ch):
    return ch == u"-" or ch == u"\u2013"


cdef inline bint is_link_separator(Py_UCS4 ch):
    return (
        ch == u"|" or ch == u">" or ch == u"\u00bb" or ch == u"\u203a" or ch == u"/"
        or ch == u"\u2022" or ch == u"\u00b7"
    )


cdef bint has_separators(Chars text, Py_ssize_t length):
    """patterns.SEPARATORS.search(text[:length]) is not None: `\\s[|>»›/•·]\\s`, or two
    `\\s[-–]\\s` one after the other."""
    cdef Py_ssize_t i
    cdef Py_ssize_t first_dash_end = -1
    cdef Py_UCS4 middle
    for i in range(length - 2):
        if not (Py_UNICODE_ISSPACE(at(text, i)) and Py_UNICODE_ISSPACE(at(text, i + 2))):
            continue
        middle = at(text, i + 1)
        if is_link_separator(middle):
            return True
        if is_dash(middle):
            if 0 <= first_dash_end <= i:
                return True
            if first_dash_end < 0:
                first_dash_end = i + 3
    return False


# Stop words are looked up as a number: up to _PACKED_CHARS characters below 256, one byte each,
# and the length above them (the longest stop word has 6 characters, all Latin-1).
DEF _PACKED_CHARS = 7
DEF _NO_WORD = 0xFFFFFFFFFFFFFFFF


cdef inline uint64_t pack(Chars text, Py_ssize_t start, Py_ssize_t end):
    """text[start:end] as a number, or _NO_WORD when it is too long or has a character >= 256."""
    cdef uint64_t key = <uint64_t>(end - start) << 56
    cdef Py_ssize_t i
    cdef Py_UCS4 ch
    if end - start > _PACKED_CHARS:
        return _NO_WORD
    for i in range(start, end):
        ch = at(text, i)
        if ch > 0xFF:
            return _NO_WORD
        key |= <uint64_t>ch << (8 * (i - start))
    return key


cdef class KeyFinder:
    """Which of some literal keys a line contains: candidates by their first two characters."""

    cdef tuple keys
    cdef uint64_t first[256]  # bit k: key k starts with this character
    cdef uint64_t second[256]  # bit k: key k's second character is this one
    cdef uint64_t single  # keys of one character

    def __init__(self, tuple keys):
        cdef Py_ssize_t k
        cdef str key
        if len(keys) > 64 or any(ord(ch) > 0xFF for key in keys for ch in key[:2]):
            raise ValueError("at most 64 keys, their first two characters below 256")
        self.keys = keys
        for k in range(256):
            self.first[k] = 0
            self.second[k] = 0
        self.single = 0
        for k, key in enumerate(keys):
            self.first[ord(key[0])] |= <uint64_t>1 << k
            if len(key) == 1:
                self.single |= <uint64_t>1 << k
            else:
                self.second[ord(key[1])] |= <uint64_t>1 << k

    cdef uint64_t found_in(self, str low):
        """The keys `low` contains (bit k: key k)."""
        cdef Chars chars = chars_of(low)
        cdef Py_ssize_t i, n = chars.length, k
        cdef Py_UCS4 ch, nxt
        cdef uint64_t mask, found = 0
        for i in range(n):
            ch = at(chars, i)
            if ch > 0xFF:
                continue
            mask = self.first[ch]
            if not mask:
                continue
            nxt = at(chars, i + 1) if i + 1 < n else 0x100
            mask &= self.single | (self.second[nxt] if nxt <= 0xFF else 0)
            mask &= ~found
            k = 0
            while mask:
                if mask & 1 and low.startswith(self.keys[k], i):
                    found |= <uint64_t>1 << k
                mask >>= 1
                k += 1
        return found


cdef class Measurer:
    """`measure` of lines.py for one set of patterns (stop words, keys, thresholds)."""

    cdef uint64_t *stop_keys  # the packed stop words, sorted
    cdef Py_ssize_t n_stop_keys
    cdef str closers
    cdef str terminal
    cdef KeyFinder keys  # the keys of all three families
    cdef uint64_t consent_keys  # which of them are consent keys
    cdef uint64_t notice_keys
    cdef object line_type
    cdef object lines_type
    cdef Py_ssize_t measure_chars
    cdef Py_ssize_t digit_chars
    cdef Py_ssize_t cjk_weight
    cdef Py_ssize_t exclamations
    cdef double blankless_share
    cdef Py_ssize_t numeric_fields

    def __init__(
        self,
        frozenset stop_words,
        str closers,
        str terminal,
        tuple key_families,
        object line_type,
        object lines_type,
        Py_ssize_t measure_chars,
        Py_ssize_t digit_chars,
        Py_ssize_t cjk_weight,
        Py_ssize_t exclamations,
        double blankless_share,
        Py_ssize_t numeric_fields,
    ):
        packed = sorted([pack(chars_of(word), 0, len(word)) for word in stop_words])
        if _NO_WORD in packed:
            raise ValueError("a stop word is too long or has a character above 255")
        self.stop_keys = <uint64_t *>malloc(max(len(packed), 1) * sizeof(uint64_t))
        if self.stop_keys == NULL:
            raise MemoryError()
        self.n_stop_keys = len(packed)
        for k, key in enumerate(packed):
            self.stop_keys[k] = key
        self.closers = closers
        self.terminal = terminal
        consent, notice, footer = key_families
        self.keys = KeyFinder(consent + notice + footer)
        self.consent_keys = (<uint64_t>1 << len(consent)) - 1
        self.notice_keys = ((<uint64_t>1 << len(notice)) - 1) << len(consent)
        self.line_type = line_type
        self.lines_type = lines_type
        self.measure_chars = measure_chars
        self.digit_chars = digit_chars
        self.cjk_weight = cjk_weight
        self.exclamations = exclamations
        self.blankless_share = blankless_share
        self.numeric_fields = numeric_fields

    def __dealloc__(self):
        free(self.stop_keys)

    cdef bint is_stop_word(self, Chars text, Py_ssize_t start, Py_ssize_t end):
        cdef uint64_t key = pack(text, start, end)
        cdef Py_ssize_t lo = 0, hi = self.n_stop_keys, mid
        if key == _NO_WORD:
            return False
        while lo < hi:  # binary search
            mid = (lo + hi) // 2
            if self.stop_keys[mid] < key:
                lo = mid + 1
            else:
                hi = mid
        return lo < self.n_stop_keys and self.stop_keys[lo] == key

    cdef void measure_text(self, str text, Facts *f):
        """The facts of one stripped, non-blank line (keys and lower case apart)."""
        cdef Chars s = chars_of(text)
        cdef Py_ssize_t n = s.length
        cdef Py_ssize_t sample = n if n <= self.measure_chars else self.measure_chars
        cdef Py_ssize_t i, start = 0, words = 0, stops = 0, cjk = 0
        cdef bint in_word = False, space
        cdef Py_UCS4 ch, last = 0
        for i in range(sample + 1):
            space = True
            if i < sample:
                ch = at(s, i)
                space = Py_UNICODE_ISSPACE(ch)
                if ch >= 0x3040 and is_cjk(ch):
                    cjk += 1
            if not space and not in_word:
                start = i
                in_word = True
            elif space and in_word:
                words += 1
                if self.is_stop_word(s, start, i):
                    stops += 1
                in_word = False
        f.chars = sample
        if cjk:
            f.chars += cjk * (self.cjk_weight - 1)
            words = max(words, cjk // 2)
        f.words = words
        f.stop_ratio = <double>stops / <double>words if words > 2 else 0.0
        # The last character before closing quotes and brackets, among the last eight.
        i = n
        while i > 0 and i > n - 8 and at(s, i - 1) in self.closers:
            i -= 1
        f.terminal = False
        f.colon_end = False
        if i > 0 and i > n - 8:
            last = at(s, i - 1)
            f.terminal = last in self.terminal
            f.colon_end = last == u":"
        ch = at(s, 0)
        f.upper = Py_UNICODE_ISUPPER(ch)
        cdef Py_ssize_t c = f.chars
        cdef double r = f.stop_ratio
        if c >= 150:
            f.prose = r >= 0.08 or words < 10 or f.terminal
        else:
            f.prose = c >= 60 and f.terminal and (r >= 0.12 or words < 6)
        f.separators = not f.prose and words > 2 and has_separators(s, sample)
        f.has_digit = False
        if c < self.digit_chars:
            for i in range(n):
                if Py_UNICODE_ISDECIMAL(at(s, i)):
                    f.has_digit = True
                    break
        f.sentence = f.terminal and words >= 4 and r >= 0.1
        f.headline = (
            0 < words <= 20
            and 8 <= c <= 160
            and not f.colon_end
            and at(s, n - 1) != u"."
            and (f.upper or Py_UNICODE_ISDIGIT(ch) or not Py_UNICODE_ISALPHA(ch))
        )

    def __call__(self, str text):
        """The page's `Lines` (as lines.python_measure)."""
        cdef list rows = text.split("\n")
        cdef Py_ssize_t n_rows = len(rows)
        cdef list texts = []
        cdef list numbers = []
        cdef Py_ssize_t i, k, n
        cdef str row
        for i in range(n_rows):
            row = (<str>rows[i]).strip()
            rows[i] = row
            if row:
                texts.append(row)
                numbers.append(i + 1)
        n = len(texts)
        if n == 0:
            return self.lines_type(
                [], np.empty((self.numeric_fields, 0)), np.empty((3, 0), dtype=np.int64)
            )
        layout = np.empty((3, n), dtype=np.int64)
        self.fill_layout(rows, numbers, layout)
        # Distinct texts: their facts are measured once.
        cdef dict slot_of = {}
        cdef list distinct = []
        cdef Py_ssize_t[::1] slots = np.empty(n, dtype=np.intp)
        cdef Py_ssize_t[::1] counts = np.zeros(n, dtype=np.intp)
        for k in range(n):
            row = texts[k]
            slot = slot_of.get(row)
            if slot is None:
                slot = len(distinct)
                slot_of[row] = slot
                distinct.append(row)
            slots[k] = slot
            counts[<Py_ssize_t>slot] += 1
        cdef Py_ssize_t n_distinct = len(distinct)
        cdef Facts *facts = <Facts *>malloc(n_distinct * sizeof(Facts))
        if facts == NULL:
            raise MemoryError()
        try:
            for k in range(n_distinct):
                self.measure_text(distinct[k], &facts[k])
            lows = self.lower_and_keys(distinct, facts)
            return self.assemble(texts, numbers, layout, slots, counts, lows, facts)
        finally:
            free(facts)

    cdef void fill_layout(self, list rows, list numbers, object layout):
        """Group, position in the group and group size of every non-blank line."""
        cdef Py_ssize_t n = len(numbers), k, row, start = 0, group = -1
        cdef long long[:, ::1] out = layout
        cdef bint each_alone = len(rows) - n < self.blankless_share * n
        for k in range(n):
            row = <Py_ssize_t>numbers[k] - 1
            if k == 0 or each_alone or not rows[row - 1]:
                if k:
                    self.close_group(out, start, k)
                group += 1
                start = k
            out[0, k] = group
            out[1, k] = k - start
        self.close_group(out, start, n)

    cdef inline void close_group(self, long long[:, ::1] out, Py_ssize_t start, Py_ssize_t end):
        cdef Py_ssize_t k
        for k in range(start, end):
            out[2, k] = end - start

    cdef list lower_and_keys(self, list distinct, Facts *facts):
        """The lower-cased lines, and which hold a key of each family."""
        cdef list low_lines = "\n".join(distinct).lower().split("\n")
        cdef Py_ssize_t k
        cdef uint64_t found
        if len(low_lines) != len(distinct):
            low_lines = [t.lower() for t in distinct]
        for k in range(len(distinct)):
            found = self.keys.found_in(low_lines[k])
            facts[k].consent = (found & self.consent_keys) != 0
            facts[k].notice = (found & self.notice_keys) != 0
            facts[k].footer = (found & ~(self.consent_keys | self.notice_keys)) != 0
        return low_lines

    cdef object assemble(
        self, list texts, list numbers, object layout, Py_ssize_t[::1] slots,
        Py_ssize_t[::1] counts, list lows, Facts *facts
    ):
        """The `LineFeatures` of every line and the numeric array, from the facts."""
        cdef Py_ssize_t n = len(texts), k, field
        cdef long long[:, ::1] groups = layout
        numeric = np.empty((self.numeric_fields, n))
        cdef double[:, ::1] out = numeric
        cdef bint bangs_counted = False
        for k in range(n):
            if (<str>texts[k]).find("!", 0, self.measure_chars) >= 0:
                bangs_counted = True
                break
        cdef list feats = []
        cdef Facts *f
        cdef bint bangs
        cdef Py_ssize_t repeats
        for k in range(n):
            f = &facts[slots[k]]
            repeats = counts[slots[k]]
            bangs = bangs_counted and (<str>texts[k]).count("!") >= self.exclamations
            values = (
                f.chars, f.words, f.terminal, f.colon_end, f.upper, f.stop_ratio, repeats,
                f.separators, f.has_digit, bangs, f.consent, f.notice, f.footer, f.prose,
                f.sentence, f.headline,
            )
            line = sieb_alloc_tuple(self.line_type, 7 + self.numeric_fields)
            put(line, 0, numbers[k])
            put(line, 1, texts[k])
            put(line, 2, lows[slots[k]])
            put(line, 3, k)
            put(line, 4, groups[0, k])
            put(line, 5, groups[1, k])
            put(line, 6, groups[2, k])
            for field in range(self.numeric_fields):
                put(line, 7 + field, values[field])
            feats.append(line)
            out[0, k] = f.chars
            out[1, k] = f.words
            out[2, k] = f.terminal
            out[3, k] = f.colon_end
            out[4, k] = f.upper
            out[5, k] = f.stop_ratio
            out[6, k] = repeats
            out[7, k] = f.separators
            out[8, k] = f.has_digit
            out[9, k] = bangs
            out[10, k] = f.consent
            out[11, k] = f.notice
            out[12, k] = f.footer
            out[13, k] = f.prose
            out[14, k] = f.sentence
            out[15, k] = f.headline
        return self.lines_type(feats, numeric, layout)


cdef inline void put(object line, Py_ssize_t at, object value):
    Py_INCREF(value)
    PyTuple_SET_ITEM(line, at, value)
