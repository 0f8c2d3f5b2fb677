# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True
"""Compiled per-line rules of text mode (see sieb.text.roles, whose `context_free`, `line_score`
and `body_span` are the definitions): the same tests in the same order on the fields of each
`LineFeatures` tuple read by position, the regular expressions and set lookups unchanged."""

cimport cython
from cpython.object cimport PyObject, PyObject_RichCompareBool, Py_EQ
from cpython.ref cimport Py_INCREF, Py_XDECREF
from cpython.unicode cimport (
    Py_UNICODE_ISALNUM,
    Py_UNICODE_ISDECIMAL,
    Py_UNICODE_ISALPHA,
    Py_UNICODE_ISDIGIT,
    Py_UNICODE_ISLOWER,
    Py_UNICODE_ISSPACE,
    Py_UNICODE_TODECIMAL,
    PyUnicode_Find,
    PyUnicode_Tailmatch,
)

from libc.stdint cimport uint8_t, uint16_t, uint32_t, uint64_t
from libc.stdlib cimport calloc, free, malloc, realloc
from libc.string cimport memchr, memcmp, memcpy

from sieb.text._chars cimport has_char
from sieb.text._spans cimport BestRun, best_run_start, best_run_step
from sieb.text._texthash cimport span_hash


cdef extern from "Python.h":
    double PyFloat_AS_DOUBLE(object number)
    int PyUnicode_KIND(object text)
    bint PyUnicode_IS_ASCII(object text)
    void *PyUnicode_DATA(object text)
    Py_UCS4 PyUnicode_READ(int kind, void *data, Py_ssize_t index)
    object PyUnicode_Substring(object text, Py_ssize_t start, Py_ssize_t end)
    Py_ssize_t PyUnicode_FindChar(object text, Py_UCS4 ch, Py_ssize_t start, Py_ssize_t end,
                                  int direction) except -2

cdef extern from "string.h":
    # a GNU extension (Python.h defines _GNU_SOURCE)
    const void *memrchr(const void *s, int c, size_t n)

# Positions of the fields in a LineFeatures tuple (checked against its _fields by `Rules`).
DEF NUMBER = 0
DEF TEXT = 1
DEF LOW = 2
DEF GROUP = 4
DEF GROUP_POS = 5
DEF GROUP_SIZE = 6
DEF CHARS = 7
DEF WORDS = 8
DEF TERMINAL = 9
DEF COLON_END = 10
DEF UPPER_START = 11
DEF STOP_RATIO = 12
DEF REPEATS = 13
DEF SEPARATORS = 14
DEF HAS_DIGIT = 15
DEF EXCLAMATIONS = 16
DEF CONSENT_KEY = 17
DEF NOTICE_KEY = 18
DEF FOOTER_KEY = 19
DEF IS_PROSE = 20
DEF IS_SENTENCE = 21
DEF IS_HEADLINE = 22
# Bits of a StringSet's sketch (a power of two), in words of 64.
DEF SKETCH_BITS = 4096
DEF SKETCH_WORDS = 64
# Decisions remembered across pages by text (like lines._SEEN); emptied when full. The table
# has KNOWN_SLOTS (a power of two), so it is at most 61 % full. Small on purpose: the lines
# that recur are a page's own repeats and its site's chrome on the next pages, which a dozen
# pages' lines hold; a table of 20,000 (1 MB, and as many strings kept alive) missed the CPU's
# caches on most lookups, and -text pages ran 3-6 % slower with it than with this one.
DEF KNOWN_MAX = 2500
DEF KNOWN_SLOTS = 4096
# Ends of a cut-off teaser teaser_lists can look for (patterns.CUT_OFF_ENDS has two).
DEF MAX_CUT_ENDS = 8

# patterns.DATE_LOW's source (its CRC-32) that `may_be_date` was written for: another source
# turns the test off. Every alternative of it needs a digit followed by one of ".-/:", four
# digits in a row, or one of DATE_WORDS.
DATE_SOURCE_CRC = 4073703376
# patterns.UI_COUNTER's source (its CRC-32) that `may_be_counter` was written for (another turns
# the test off): a match ends in a decimal digit, at the end of the text or before a final "\n".
COUNTER_SOURCE_CRC = 3467813377
# patterns.COMMENTS_LOW's, LABEL's and DURATION's sources (their CRC-32s) that
# comments_possible, label_possible and duration_possible were written for (another turns the
# test off); the words that may follow "\\d+\\s+" in COMMENTS_LOW.
COMMENTS_SOURCE_CRC = 1640681574
LABEL_SOURCE_CRC = 1417920553
DURATION_SOURCE_CRC = 2246144910
COMMENTS_FIRST_WORDS = (
    "comment", "komment", "response", "replies", "reaktionen", "leserkommentare",
    "thoughts on", "discussion", "diskussion", "antwort", "réponse", "respuesta", "comentario",
)
# patterns.SOURCE_LABEL's source (its CRC-32) for which SOURCE_LABEL_STARTS are what its
# matches begin with: an agency and a space, or the label word (another source: no prefilter).
SOURCE_LABEL_SOURCE_CRC = 1587743860
SOURCE_LABEL_STARTS = (
    "ap ", "afp ", "reuters ", "dpa ", "main ", "photo", "foto", "bild", "image", "pic", "credit",
    "quelle", "fuente",
)
# patterns.CREDIT_LOW's source (its CRC-32) whose alternative "/ ?(?:getty images|...)\\b" is
# the only one that starts at a "/": there a match begins with "/", maybe " ", and an agency.
CREDIT_SOURCE_CRC = 1050481697
CREDIT_SLASH_AGENCIES = ("getty images", "imago", "dpa", "afp", "reuters", "ap", "epa")
DATE_WORDS = ("updated", "published", "aktualisiert", "veröffentlicht", "stand", "posted")
# What roles.context_free strips off a line before the comment prefixes, and the characters of
# which one must occur in a credit line (or it is an agency's name alone).
COMMENTS_STRIP = " []()"
CREDIT_MARKS = ":©/"

from zlib import crc32

FIELDS = (
    "number text low index group group_pos group_size chars words terminal colon_end "
    "upper_start stop_ratio repeats separators has_digit exclamations consent_key notice_key "
    "footer_key is_prose is_sentence is_headline"
).split()


cdef class Prefixes


cdef class Finder:
    """`pattern.search(text) is not None`, with `pattern.match` tried only where a match can
    start, as patterns.match_starts names the places (its Python twin is
    patterns.found_from_starts); a plain search when `starts` is None."""

    cdef object search, match
    cdef bint known, at_start, digits, word_digits, scan
    # Digits and words start a match only as date_digit_start and date_word_start allow (set by
    # Rules for DATE_LOW's source)
    cdef public bint date_digits
    # What the text must begin with where a prefix is found, by prefix (set by Rules for the
    # sources it knows; a prefix not in it: the prefix alone)
    cdef public dict prefix_heads
    cdef tuple prefixes
    cdef Prefixes start_prefixes  # what a match at 0 needs the text to begin with (None: any)
    cdef list word_prefixes_ascii  # word_prefixes by first character, for ASCII ones
    cdef dict word_prefixes_other  # ... and for others

    def __init__(self, object pattern, object starts):
        self.search = pattern.search
        self.match = pattern.match
        self.known = starts is not None
        self.prefixes = ()
        self.prefix_heads = {}
        self.word_prefixes_ascii = [None] * 128
        self.word_prefixes_other = {}
        if not self.known:
            return
        self.at_start = starts.at_start
        if starts.start_prefixes is not None:
            self.start_prefixes = Prefixes(tuple(starts.start_prefixes))
        self.prefixes = tuple(starts.prefixes)
        self.digits = starts.digits
        self.word_digits = starts.word_digits
        for first, group in by_first_char(tuple(starts.word_prefixes)).items():
            if ord(first) < 128:
                self.word_prefixes_ascii[ord(first)] = group
            else:
                self.word_prefixes_other[first] = group
        self.scan = bool(starts.word_prefixes) or self.digits or self.word_digits

    cdef bint found(self, str text) except -1:
        cdef Py_ssize_t n, pos
        cdef str prefix
        cdef Py_UCS4 c
        cdef bint word, after_word = False, start
        if not self.known:
            return self.search(text) is not None
        n = len(text)
        if (
            self.at_start
            and (self.start_prefixes is None or self.start_prefixes.starts(text, 0, n))
            and self.match(text) is not None
        ):
            return True
        for prefix in self.prefixes:
            heads = self.prefix_heads.get(prefix) if self.prefix_heads else None
            pos = find_in(text, prefix, 0, n)
            while pos >= 0:
                if (heads is None or any_at(text, <tuple>heads, pos, n)) and self.match(
                    text, pos
                ) is not None:
                    return True
                pos = find_in(text, prefix, pos + 1, n)
        if not self.scan:
            return False
        cdef int kind = PyUnicode_KIND(text)
        cdef void *data = PyUnicode_DATA(text)
        # One pass for the starts that depend on the character before: a word prefix or a digit
        # after a non-word character, any digit (one `match` per place: it tries everything).
        for pos in range(n):
            c = PyUnicode_READ(kind, data, pos)
            word = is_word_char(c)
            start = False
            if is_decimal(c) and (self.digits or (self.word_digits and not after_word)):
                start = not self.date_digits or date_digit_start(kind, data, n, pos)
            elif word and not after_word:
                group = (
                    self.word_prefixes_ascii[<Py_ssize_t>c] if c < 128 else self.word_prefixes_other.get(c)
                )
                start = group is not None and any_at(text, <tuple>group, pos, n) and (
                    not self.date_digits or date_word_start(kind, data, n, pos)
                )
            if start and self.match(text, pos) is not None:
                return True
            after_word = word
        return False

    def __call__(self, str text):
        return self.found(text)


cdef Py_ssize_t find_in(str text, str part, Py_ssize_t start, Py_ssize_t end) except -2:
    """PyUnicode_Find(text, part, start, end, 1): where `part` first occurs in text[start:end]
    (-1: nowhere); for two texts of one byte a character by memchr and memcmp (a line's search
    for a key word costs a third of PyUnicode_Find's then)."""
    cdef Py_ssize_t m = len(part)
    cdef const char *data
    cdef const char *key
    cdef const char *at
    cdef const char *stop
    if PyUnicode_KIND(text) != 1 or PyUnicode_KIND(part) != 1 or m == 0 or start < 0:
        return PyUnicode_Find(text, part, start, end, 1)
    end = min(end, len(text))
    if end - start < m:
        return -1
    data = <const char *>PyUnicode_DATA(text)
    key = <const char *>PyUnicode_DATA(part)
    at = data + start
    stop = data + (end - m + 1)
    while at < stop:
        at = <const char *>memchr(at, key[0], stop - at)
        if at == NULL:
            return -1
        if memcmp(at + 1, key + 1, m - 1) == 0:
            return at - data
        at += 1
    return -1


cdef uint8_t ascii_word[128]  # is_word_char of the ASCII characters


cdef void fill_ascii_word() noexcept:
    cdef Py_UCS4 c
    for c in range(128):
        ascii_word[c] = (
            (c >= u"a" and c <= u"z") or (c >= u"A" and c <= u"Z") or (c >= u"0" and c <= u"9")
            or c == u"_"
        )


fill_ascii_word()


cdef inline bint is_word_char(Py_UCS4 c):
    """`re`'s \\w on str: alphanumeric (str.isalnum) or "_" (ASCII from a table)."""
    if c < 128:
        return ascii_word[c]
    return Py_UNICODE_ISALNUM(c)


cdef inline bint is_decimal(Py_UCS4 c):
    """`re`'s \\d on str: a decimal digit (str.isdecimal)."""
    if c < 128:
        return c >= u"0" and c <= u"9"
    return Py_UNICODE_ISDECIMAL(c)


@cython.final
cdef class StringSet:
    """`text in strings` for strs, asked only of texts no longer than its longest member whose
    sketch bit is set: most texts are ruled out without computing their hash (a str's SipHash
    costs more than the whole test). The members are kept as a dict's keys
    (patterns.string_keys: not walked by the garbage collector, unlike a frozenset)."""

    cdef dict strings
    cdef Py_ssize_t longest
    cdef uint64_t sketch[SKETCH_WORDS]  # bit sketch_bit(s) of every member s

    def __init__(self, object strings):
        cdef Py_ssize_t bit
        self.strings = dict.fromkeys(strings)
        for text in self.strings:
            if type(text) is not str:
                raise TypeError("StringSet: members are strs")
        strings = self.strings
        self.longest = max(map(len, strings), default=0)
        for bit in range(SKETCH_WORDS):
            self.sketch[bit] = 0
        for text in strings:
            bit = sketch_bit(<str>text)
            self.sketch[bit >> 6] |= (<uint64_t>1) << (bit & 63)

    cdef inline bint holds(self, str text) except -1:
        cdef Py_ssize_t bit
        if len(text) > self.longest:
            return False
        bit = sketch_bit(text)
        if not (self.sketch[bit >> 6] >> (bit & 63)) & 1:
            return False
        return text in self.strings

    def __contains__(self, str text):
        return self.holds(text)


cdef inline Py_ssize_t sketch_bit(str text) noexcept:
    """A bit of a StringSet's sketch from the length and the first and last characters."""
    cdef Py_ssize_t n = len(text)
    cdef int kind = PyUnicode_KIND(text)
    cdef void *data = PyUnicode_DATA(text)
    if n == 0:
        return 0
    return <Py_ssize_t>(
        (<uint64_t>n * 131 + <uint64_t>PyUnicode_READ(kind, data, 0) * 31
         + <uint64_t>PyUnicode_READ(kind, data, n - 1)) & (SKETCH_BITS - 1)
    )


cdef inline bint any_at(str text, tuple group, Py_ssize_t start, Py_ssize_t end) except -1:
    """Whether one of the strings of `group` begins text[start:end] (no slice is made)."""
    cdef int kind = PyUnicode_KIND(text)
    cdef void *data = PyUnicode_DATA(text)
    for prefix in group:
        if begins(kind, data, start, end, <str>prefix):
            return True
    return False


cdef inline bint begins(int kind, void *data, Py_ssize_t start, Py_ssize_t end,
                        str prefix) noexcept:
    """Whether `prefix` begins the span [start, end) of a text's characters (`kind`, `data`):
    PyUnicode_Tailmatch's test, character by character (no call, no checks of the span)."""
    cdef Py_ssize_t m = len(prefix), k
    cdef int prefix_kind = PyUnicode_KIND(prefix)
    cdef void *prefix_data = PyUnicode_DATA(prefix)
    cdef const uint8_t *a
    cdef const uint8_t *b
    if m > end - start:
        return False
    if kind == 1 and prefix_kind == 1:  # both a byte a character: the bytes
        a = <const uint8_t *>data + start
        b = <const uint8_t *>prefix_data
        for k in range(m):
            if a[k] != b[k]:
                return False
        return True
    for k in range(m):
        if PyUnicode_READ(kind, data, start + k) != PyUnicode_READ(prefix_kind, prefix_data, k):
            return False
    return True


cdef inline Py_ssize_t rfind_char(str text, Py_UCS4 c, Py_ssize_t start,
                                   Py_ssize_t end) except -2:
    """text.rfind(c, start, end) for 0 <= start <= end <= len(text): memrchr on a text of one
    byte per character (PyUnicode_FindChar's own checks cost more than the scan of a tail)."""
    cdef const char *data
    cdef const void *found
    if PyUnicode_KIND(text) != 1 or c >= 256:
        return PyUnicode_FindChar(text, c, start, end, -1)
    if start >= end:
        return -1
    data = <const char *>PyUnicode_DATA(text)
    found = memrchr(data + start, <int>c, <size_t>(end - start))
    return -1 if found == NULL else <Py_ssize_t>(<const char *>found - data)


cdef bint ends_with_one_of(str text, Py_ssize_t start, Py_ssize_t end, tuple suffixes,
                          bint rstripped) except -1:
    """text[start:end].endswith(suffixes), or text[start:end].rstrip().endswith(suffixes) when
    `rstripped` (no string is made)."""
    cdef int kind = PyUnicode_KIND(text)
    cdef void *data = PyUnicode_DATA(text)
    cdef Py_ssize_t m
    if rstripped:
        while end > start and Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, end - 1)):
            end -= 1
    for suffix in suffixes:
        m = len(<str>suffix)
        if m <= end - start and begins(kind, data, end - m, end, <str>suffix):
            return True
    return False


cdef bint equals_one_of(str text, Py_ssize_t start, Py_ssize_t end, tuple by_length) except -1:
    """text[start:end] in the strings `by_length` groups by length (no slice is made)."""
    if end - start >= len(by_length):
        return False
    group = by_length[end - start]
    return group is not None and any_at(text, <tuple>group, start, end)


cdef tuple by_length(object strings):
    """The strings grouped by length: item k is a tuple of those of length k, or None."""
    cdef list groups = [None] * (max(map(len, strings)) + 1)
    for word in sorted(strings):
        groups[len(word)] = (groups[len(word)] or ()) + (word,)
    return tuple(groups)


def may_be_counter(str key):
    """False when patterns.UI_COUNTER cannot match `key`: it ends neither in a decimal digit
    (`re`'s \\d) nor in a digit and a "\\n" (where `$` matches too), or its last digits do not
    follow "/", "von" or "of" and spaces."""
    return counter_possible(key)


cdef bint counter_possible(str key) except -1:
    """may_be_counter, and before the last run of digits and the spaces before it, one of the
    separators "/", "von", "of" (the last \\d+ is the whole run: a separator, not a digit,
    precedes it, past \\s*)."""
    cdef Py_ssize_t n = len(key)
    cdef int kind = PyUnicode_KIND(key)
    cdef void *data = PyUnicode_DATA(key)
    if n and PyUnicode_READ(kind, data, n - 1) == u"\n":
        n -= 1
    if not (n > 0 and is_decimal(PyUnicode_READ(kind, data, n - 1))):
        return False
    while n > 0 and is_decimal(PyUnicode_READ(kind, data, n - 1)):
        n -= 1
    while n > 0 and Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, n - 1)):
        n -= 1
    return n > 0 and (
        PyUnicode_READ(kind, data, n - 1) == u"/"
        or (n >= 3 and begins(kind, data, n - 3, n, "von"))
        or (n >= 2 and begins(kind, data, n - 2, n, "of"))
    )


def may_be_comments(str head):
    """False when patterns.COMMENTS_LOW cannot match `head` (see comments_possible)."""
    return comments_possible(head, 0, len(head), COMMENTS_FIRST_WORDS)


cdef bint comments_possible(str text, Py_ssize_t start, Py_ssize_t end,
                            tuple first_words) except -1:
    """False when patterns.COMMENTS_LOW (the source of COMMENTS_SOURCE_CRC) cannot match
    text[start:end] that begins with a decimal digit: then only its first alternative can,
    as digits, spaces and one of `first_words` (COMMENTS_FIRST_WORDS)."""
    cdef int kind = PyUnicode_KIND(text)
    cdef void *data = PyUnicode_DATA(text)
    cdef Py_ssize_t k = start
    if start >= end or not is_decimal(PyUnicode_READ(kind, data, start)):
        return True
    while k < end and is_decimal(PyUnicode_READ(kind, data, k)):
        k += 1
    if k == end or not Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, k)):
        return False
    while k < end and Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, k)):
        k += 1
    return any_at(text, first_words, k, end)


def may_be_label(str text):
    """False when patterns.LABEL cannot match `text` (see label_possible)."""
    return label_possible(text)


cdef bint label_possible(str text) except -1:
    """Whether patterns.LABEL (the source of LABEL_SOURCE_CRC) matches `text`: with a final
    "\\n" dropped (`$` matches before it), a ":" at the end and none before it, a first
    character that is no space, and one to four runs of other characters than spaces before
    the ":" (the words `[^\\s:]+`, spaces between them)."""
    cdef Py_ssize_t n = len(text), i, runs = 0
    cdef int kind = PyUnicode_KIND(text)
    cdef void *data = PyUnicode_DATA(text)
    cdef Py_UCS4 c
    cdef bint inside = False
    if n and PyUnicode_READ(kind, data, n - 1) == u"\n":
        n -= 1
    if n < 2 or PyUnicode_READ(kind, data, n - 1) != u":":
        return False
    if Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, 0)):
        return False
    for i in range(n - 1):
        c = PyUnicode_READ(kind, data, i)
        if c == u":":
            return False
        if Py_UNICODE_ISSPACE(c):
            inside = False
        elif not inside:
            inside = True
            runs += 1
            if runs > 4:
                return False
    return True


def may_be_duration(str text):
    """False when patterns.DURATION cannot match `text` (see duration_possible)."""
    return duration_possible(text)


cdef bint duration_possible(str text) except -1:
    """False when patterns.DURATION (the source of DURATION_SOURCE_CRC, case-insensitive)
    cannot match `text`: both alternatives begin with one to three decimal digits (exactly:
    no digit follows \\d{1,3}), then ":", a space or a letter of "min"/"sek"/"sec"/"s" (m or s
    in any case; any character beyond ASCII, which case folding may make one)."""
    cdef Py_ssize_t n = len(text)
    cdef int kind = PyUnicode_KIND(text)
    cdef void *data = PyUnicode_DATA(text)
    cdef Py_ssize_t run = digits_from(kind, data, n, 0)
    cdef Py_UCS4 c
    if run < 1 or run > 3 or run == n:
        return False
    c = PyUnicode_READ(kind, data, run)
    return (
        c == u":" or c == u"m" or c == u"M" or c == u"s" or c == u"S" or c >= 128
        or Py_UNICODE_ISSPACE(c)
    )


def may_be_date(str low):
    """False when patterns.DATE_LOW cannot match `low`: no decimal digit (`re`'s \\d) is
    followed by ".", "-", "/" or ":", no four digits are in a row and no word of DATE_WORDS
    occurs after a non-word character (the day.month., ISO, slash, time, month-name and "updated ..." alternatives)."""
    return date_possible(low)


cdef inline Py_UCS4 char_at(int kind, void *data, Py_ssize_t n, Py_ssize_t i) noexcept:
    return PyUnicode_READ(kind, data, i) if i < n else 0


cdef inline bint date_separator(Py_UCS4 c) noexcept:
    return c == u"." or c == u" " or c == u"/" or c == u":"


cdef inline Py_ssize_t digits_from(int kind, void *data, Py_ssize_t n, Py_ssize_t pos) noexcept:
    """How many decimal digits (`re`'s \\d) are in a row from `pos`."""
    cdef Py_ssize_t k = pos
    while k < n and is_decimal(PyUnicode_READ(kind, data, k)):
        k += 1
    return k - pos


cdef inline bint month_first(Py_UCS4 c) noexcept:
    """Whether `c` begins a month name of patterns.DATE_LOW (jan feb mar märz apr mai may jun jul
    aug sep oct okt nov dec dez)."""
    return (
        c == u"j" or c == u"f" or c == u"m" or c == u"a" or c == u"s" or c == u"o" or c == u"n"
        or c == u"d"
    )


cdef bint month_then_year(int kind, void *data, Py_ssize_t n, Py_ssize_t k) noexcept:
    """Whether at `k` a month name of patterns.DATE_LOW may begin a "month year" (day month
    year): a word with a month's first letter (a month name is a whole word: ".", " " follow
    it), an optional ".", " " and four digits."""
    if not month_first(char_at(kind, data, n, k)):
        return False
    while k < n and is_word_char(PyUnicode_READ(kind, data, k)):
        k += 1
    if char_at(kind, data, n, k) == u".":
        k += 1
    return char_at(kind, data, n, k) == u" " and digits_from(kind, data, n, k + 1) >= 4


cdef bint date_digit_start(int kind, void *data, Py_ssize_t n, Py_ssize_t pos) noexcept:
    """Whether a match of patterns.DATE_LOW (the source of DATE_SOURCE_CRC) can start at the
    decimal digit at `pos` (not after a word character). Its alternatives that start with a
    digit begin with a run of exactly one or two digits (the next item is never a digit), then:
    "." or "/", an optional space (after "." only) and again one or two digits and "." or "/"
    (day.month., day/month/); "." or nothing, " ", a month and a year (month_then_year); ":", two
    digits, an optional space and "uhr", "am" or "pm" (hh:mm); or with exactly four digits,
    "-", two digits and "-" (ISO)."""
    cdef Py_ssize_t run = digits_from(kind, data, n, pos), k, run2
    cdef Py_UCS4 c
    if run == 4:
        return (
            char_at(kind, data, n, pos + 4) == u"-"
            and digits_from(kind, data, n, pos + 5) == 2
            and char_at(kind, data, n, pos + 7) == u"-"
        )
    if run > 2:
        return False
    k = pos + run
    c = char_at(kind, data, n, k)
    if c == u":":
        if digits_from(kind, data, n, k + 1) != 2:
            return False
        c = char_at(kind, data, n, k + 3)
        if k + 3 < n and Py_UNICODE_ISSPACE(c):  # \s? (a letter must follow, so it is taken)
            c = char_at(kind, data, n, k + 4)
        return c == u"u" or c == u"a" or c == u"p"
    if c == u" ":
        return month_then_year(kind, data, n, k + 1)
    if c != u"." and c != u"/":
        return False
    if (
        c == u"."
        and char_at(kind, data, n, k + 1) == u" "
        and month_then_year(kind, data, n, k + 2)
    ):
        return True
    k += 1
    if c == u"." and k < n and Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, k)):
        k += 1  # \s? (a digit must follow, so a space is always taken)
    run2 = digits_from(kind, data, n, k)
    return 1 <= run2 <= 2 and char_at(kind, data, n, k + run2) == c


cdef bint date_word_start(int kind, void *data, Py_ssize_t n, Py_ssize_t pos) noexcept:
    """Whether a match of patterns.DATE_LOW (the source of DATE_SOURCE_CRC) can start at the
    word at `pos` (one of the Finder's word prefixes): "updated ..." and the like need one of
    DATE_WORDS there; a month name is a whole word (".", " " follow it, no word character), then
    an optional ".", " ", one or two digits (the day: "," or " " follows), an optional ",", " "
    and a digit (the year)."""
    cdef Py_ssize_t k = pos, run
    cdef Py_UCS4 c = PyUnicode_READ(kind, data, pos)
    if c == u"u" or c == u"p" or c == u"a" or c == u"v" or c == u"s":
        for word in DATE_WORDS:
            if begins(kind, data, pos, n, <str>word):
                return True
    while k < n and is_word_char(PyUnicode_READ(kind, data, k)):
        k += 1
    if char_at(kind, data, n, k) == u".":
        k += 1
    if char_at(kind, data, n, k) != u" ":
        return False
    run = digits_from(kind, data, n, k + 1)
    if run < 1 or run > 2:
        return False
    k += 1 + run
    if char_at(kind, data, n, k) == u",":
        k += 1
    return char_at(kind, data, n, k) == u" " and is_decimal(char_at(kind, data, n, k + 1))


cdef bint date_possible(str low) except -1:
    cdef Py_ssize_t n = len(low), i, run = 0
    cdef Py_UCS4 c
    cdef int kind = PyUnicode_KIND(low)
    cdef void *data = PyUnicode_DATA(low)
    cdef bint after_word = False
    for i in range(n):
        c = PyUnicode_READ(kind, data, i)
        if is_decimal(c):
            run += 1
            if run >= 4:
                return True
        else:
            if run and (c == u"." or c == u"-" or c == u"/" or c == u":"):
                return True
            run = 0
            # a word of DATE_WORDS follows a \b (none begins with a digit), so no word character
            if not after_word and (
                c == u"u" or c == u"p" or c == u"a" or c == u"v" or c == u"s"
            ):
                for word in DATE_WORDS:
                    if begins(kind, data, i, n, <str>word):
                        return True
        after_word = is_word_char(c)
    return False


cdef dict by_first_char(tuple prefixes):
    """The prefixes grouped by their first character (none may be empty)."""
    cdef dict groups = {}
    for prefix in prefixes:
        if not prefix:
            raise ValueError("an empty prefix")
        groups[prefix[0]] = groups.get(prefix[0], ()) + (prefix,)
    return groups


cdef struct CharSet:
    # A few characters: those below 128 as bits, up to 8 others listed (n_other of them; -1:
    # every character beyond ASCII is in the set).
    unsigned long long ascii[2]
    Py_UCS4 other[8]
    Py_ssize_t n_other


cdef CharSet char_set(str chars) except *:
    """The CharSet of the characters of `chars`."""
    cdef CharSet found
    cdef Py_UCS4 c
    cdef Py_ssize_t i
    found.ascii[0] = found.ascii[1] = 0
    found.n_other = 0
    for i in range(len(chars)):
        c = PyUnicode_READ(PyUnicode_KIND(chars), PyUnicode_DATA(chars), i)
        if c < 128:
            found.ascii[<unsigned int>c >> 6] |= 1ULL << (<unsigned int>c & 63)
        else:
            if found.n_other == 8:
                raise ValueError("more than 8 characters beyond ASCII")
            found.other[found.n_other] = c
            found.n_other += 1
    return found


cdef inline bint in_set(const CharSet *chars, Py_UCS4 c) noexcept:
    cdef Py_ssize_t k
    cdef unsigned int code = c
    if code < 128:
        return (chars.ascii[code >> 6] >> (code & 63)) & 1
    if chars.n_other < 0:
        return True
    for k in range(chars.n_other):
        if chars.other[k] == c:
            return True
    return False


cdef CharSet first_chars(object strings) except *:
    """The CharSet of the first characters of `strings` (none empty); all characters beyond
    ASCII when more than 8 of them begin a string: a filter, not an exact set."""
    cdef CharSet found
    firsts = sorted({word[0] for word in strings})
    others = [c for c in firsts if ord(c) >= 128]
    if len(others) <= 8:
        return char_set("".join(firsts))
    found = char_set("".join(c for c in firsts if ord(c) < 128))
    found.n_other = -1
    return found


cdef inline void strip_bounds(str text, const CharSet *chars, Py_ssize_t *start,
                              Py_ssize_t *end) noexcept:
    """text.strip(chars) is text[start[0]:end[0]] (no string is made)."""
    cdef int kind = PyUnicode_KIND(text)
    cdef void *data = PyUnicode_DATA(text)
    cdef Py_ssize_t i = 0, j = len(text)
    while i < j and in_set(chars, PyUnicode_READ(kind, data, i)):
        i += 1
    while j > i and in_set(chars, PyUnicode_READ(kind, data, j - 1)):
        j -= 1
    start[0] = i
    end[0] = j


cdef inline str span_of(str text, Py_ssize_t start, Py_ssize_t end):
    """text[start:end], the text itself when that is all of it (as str.strip gives it)."""
    if start == 0 and end == len(text):
        return text
    return PyUnicode_Substring(text, start, end)


cdef bint has_one_of(str text, str marks) except -1:
    """Whether a character of `marks` occurs in `text` (memchr over a text of one byte per
    character, else one search per mark)."""
    cdef Py_ssize_t n = len(text), i
    cdef int kind = PyUnicode_KIND(text)
    cdef Py_UCS4 mark
    for i in range(len(marks)):
        mark = PyUnicode_READ(PyUnicode_KIND(marks), PyUnicode_DATA(marks), i)
        if kind == 1:
            if mark < 256 and memchr(PyUnicode_DATA(text), <int>mark, n) != NULL:
                return True
        elif PyUnicode_FindChar(text, mark, 0, n, 1) >= 0:
            return True
    return False


cdef class Prefixes:
    """`text[start:end].startswith(prefixes)`, trying only the prefixes that begin with the
    span's first character, and for an ASCII one only when a prefix also has the span's second
    character second (none of the prefixes may be empty)."""

    cdef list ascii  # by first character below 128: a tuple of prefixes or None
    cdef dict other  # ... and by the code of another first character
    cdef CharSet firsts  # their first characters (a filter: see first_chars)
    # By ASCII first character: the second characters of its prefixes (a filter: see
    # first_chars; every character where a prefix is that character alone)
    cdef CharSet seconds[128]

    def __init__(self, tuple prefixes):
        cdef Py_ssize_t k
        self.ascii = [None] * 128
        self.other = {}
        self.firsts = first_chars(prefixes)
        for k in range(128):
            self.seconds[k] = char_set("")
        for first, group in by_first_char(prefixes).items():
            if ord(first) < 128:
                self.ascii[ord(first)] = group
                if all(len(prefix) > 1 for prefix in group):
                    self.seconds[ord(first)] = first_chars([prefix[1:] for prefix in group])
                else:
                    self.seconds[ord(first)].ascii[0] = ~0ULL
                    self.seconds[ord(first)].ascii[1] = ~0ULL
                    self.seconds[ord(first)].n_other = -1
            else:
                self.other[ord(first)] = group

    cdef bint starts(self, str text, Py_ssize_t start, Py_ssize_t end) except -1:
        cdef Py_UCS4 c
        cdef int kind = PyUnicode_KIND(text)
        cdef void *data = PyUnicode_DATA(text)
        if start >= end:
            return False
        c = PyUnicode_READ(kind, data, start)
        if not in_set(&self.firsts, c):  # most spans: no list or dict is read
            return False
        if c < 128 and end - start > 1 and not in_set(
            &self.seconds[c], PyUnicode_READ(kind, data, start + 1)
        ):
            return False
        group = self.ascii[<Py_ssize_t>c] if c < 128 else self.other.get(<long>c)
        return group is not None and any_at(text, <tuple>group, start, end)


cdef inline bint same_bits(double x, double y) noexcept:
    """Whether two doubles have the same bits (0.0 and -0.0 differ, as their reprs do)."""
    return memcmp(&x, &y, sizeof(double)) == 0


cdef inline bint same(object x, object y) except -1:
    return x is y or PyObject_RichCompareBool(x, y, Py_EQ)


cdef inline long long line_flags(tuple f) except -1:
    """The truth values `context_free` reads (TERMINAL to FOOTER_KEY below), as bits."""
    return (
        (<long long><bint>f[TERMINAL] << 6)
        | (<long long><bint>f[COLON_END] << 5)
        | (<long long><bint>f[HAS_DIGIT] << 4)
        | (<long long><bint>f[EXCLAMATIONS] << 3)
        | (<long long><bint>f[CONSENT_KEY] << 2)
        | (<long long><bint>f[NOTICE_KEY] << 1)
        | <long long><bint>f[FOOTER_KEY]
    )


# The bits of line_flags.
DEF IS_TERMINAL = 64
DEF ENDS_IN_COLON = 32
DEF HAS_A_DIGIT = 16
DEF EXCLAIMS = 8
DEF HAS_CONSENT_KEY = 4
DEF HAS_NOTICE_KEY = 2
DEF HAS_FOOTER_KEY = 1


cdef inline long long packed_fields(Py_ssize_t chars, Py_ssize_t words,
                                    long long flags) noexcept:
    """The fields `context_free` reads besides TEXT and LOW, as it reads them (CHARS and WORDS,
    each below 2**24, as integers, the others as the truth values of line_flags), in one
    integer."""
    return (<long long>words << 31) | (<long long>chars << 7) | flags


cdef struct Remembered:
    # What `Rules.remembered` keeps of a line: its text and LOW (owned references; `text` is
    # NULL in an empty slot), the span_hash of the text's characters, and context_free's
    # decision (an index into `results`, -1 for None) + 1 in the low 5 bits over the line's
    # packed_fields.
    PyObject *text
    PyObject *low
    uint64_t hash
    long long code


cdef inline uint64_t text_hash(str text) noexcept:
    """span_hash of the characters of `text` (equal strs have equal kinds, so equal bytes)."""
    return span_hash(
        <const char *>PyUnicode_DATA(text), len(text) * PyUnicode_KIND(text)
    )


cdef inline bint same_text(const Remembered *slot, str text, uint64_t h) noexcept:
    """Whether the text `slot` remembers is `text`, whose hash is `h`."""
    if slot.text == <PyObject *>text:
        return True
    if slot.hash != h:
        return False
    cdef str known = <str>slot.text
    return (
        len(known) == len(text)
        and PyUnicode_KIND(known) == PyUnicode_KIND(text)
        and memcmp(
            PyUnicode_DATA(known), PyUnicode_DATA(text), len(text) * PyUnicode_KIND(text)
        ) == 0
    )


cdef inline bint beyond_tests(Py_ssize_t chars, Py_ssize_t words, long long flags) noexcept:
    """None of context_free's tests can hold for a long line without keys (`flags`: its
    line_flags)."""
    return chars >= 200 and not (
        flags & (HAS_CONSENT_KEY | HAS_NOTICE_KEY | EXCLAIMS | ENDS_IN_COLON) or words <= 10
    )


cdef class Rules:
    """`roles._context_free_all` (without a site profile), `line_score` and `body_span`."""

    # From sieb.text.patterns: the strings, sets and bound methods of its patterns.
    cdef str ui_strip
    cdef frozenset ad_strings, ui_strings, footer_links, credit_agencies, byline_words
    cdef StringSet ads, uis, footer_link_set, agencies  # ... as StringSets
    cdef tuple ui_prefixes, comments_prefixes
    cdef object ui_counter, comments, comment_header, comment_form, label, duration, byline
    cdef object image_file
    cdef Py_ssize_t image_file_min_chars, image_file_max_chars, image_file_separators
    cdef Py_ssize_t comment_header_max_chars, comment_form_max_chars
    cdef tuple comment_header_ends, comment_form_keys
    cdef Finder consent, footer, credit, date, notice
    cdef Py_ssize_t long_banner_chars, banner_lead_chars, notice_max_chars
    # patterns.names_photo_source's strings and limits (photo_source is its twin)
    cdef Py_ssize_t caption_min_chars, caption_max_chars, bracket_chars, mark_chars, label_gap
    cdef CharSet caption_opening_firsts
    cdef Prefixes caption_openings
    cdef object source_label
    cdef tuple via_agency, label_ends
    cdef Prefixes source_label_starts  # what SOURCE_LABEL's matches begin with (None: unknown)
    cdef frozenset photo_agencies
    cdef Prefixes ui_prefixes_starts, comments_prefixes_starts, reader_prompt_starts
    cdef Prefixes follow_starts
    cdef tuple follow_ends
    cdef Py_ssize_t follow_max_words
    cdef Py_ssize_t reader_prompt_skip, reader_prompt_max_chars
    cdef CharSet ui_strip_chars, comments_strip_chars
    cdef bint date_prefilter, counter_prefilter
    cdef bint comments_prefilter, label_prefilter, duration_prefilter
    # context_free's decisions of earlier lines by text: an open-addressing table of
    # KNOWN_SLOTS `Remembered` (a dict would hash every new text with SipHash, several times
    # the cost of span_hash), of which n_known are used: those listed in `used`
    cdef Remembered *known
    cdef Py_ssize_t *used
    cdef Py_ssize_t n_known
    cdef tuple second_person_by_length, byline_by_length
    cdef CharSet second_person_firsts, byline_firsts  # what their words begin with
    cdef Py_ssize_t longest_ad, longest_ui
    cdef tuple results  # AD, UI, COMMENTS, CONSENT, FOOTER, CREDIT, LABEL, DURATION, DATE,
    #                     BYLINE, NOTICE, EXCLAIMED, CAPTIONED, COMMENT_HEADER,
    #                     READER_PROMPT, PROMPTING_NOTICE: the (role, reason) pairs of roles.py
    cdef frozenset chrome
    cdef double prose_cap, sentence_gain, short_cost, chrome_cost, repeat_cost
    cdef tuple fixed_scores  # the floats of the scores line_score gives to many lines
    cdef Py_ssize_t list_item_words

    def __init__(self, object patterns, tuple results, frozenset chrome, tuple costs,
                 tuple caption_chars, Py_ssize_t list_item_words, tuple line_fields):
        if tuple(FIELDS) != line_fields:
            raise ValueError("LineFeatures has other fields than the compiled rules read")
        P = patterns
        self.ui_strip = P.UI_STRIP
        self.ad_strings = P.AD_STRINGS
        self.ui_strings = P.UI_STRINGS
        self.footer_links = P.FOOTER_LINKS
        self.credit_agencies = P.CREDIT_AGENCIES
        self.ads = StringSet(self.ad_strings)
        self.uis = StringSet(self.ui_strings)
        self.footer_link_set = StringSet(self.footer_links)
        self.agencies = StringSet(self.credit_agencies)
        self.byline_words = P.BYLINE_WORDS
        self.ui_prefixes = P.UI_PREFIXES
        self.comments_prefixes = P.COMMENTS_PREFIXES
        self.ui_prefixes_starts = Prefixes(self.ui_prefixes)
        self.follow_starts = Prefixes(tuple(P.FOLLOW_STARTS))
        self.follow_ends = tuple(P.FOLLOW_ENDS)
        self.follow_max_words = P.FOLLOW_MAX_WORDS
        self.reader_prompt_starts = Prefixes(tuple(P.READER_PROMPT_STARTS))
        self.reader_prompt_skip = P.READER_PROMPT_SKIP
        self.reader_prompt_max_chars = P.READER_PROMPT_MAX_CHARS
        self.comments_prefixes_starts = Prefixes(self.comments_prefixes)
        self.ui_strip_chars = char_set(self.ui_strip)
        self.comments_strip_chars = char_set(COMMENTS_STRIP)
        self.ui_counter = P.UI_COUNTER.match
        self.image_file = P.IMAGE_FILE.match
        self.image_file_min_chars = P.IMAGE_FILE_MIN_CHARS
        self.image_file_max_chars = P.IMAGE_FILE_MAX_CHARS
        self.image_file_separators = P.IMAGE_FILE_SEPARATORS
        self.comments = P.COMMENTS_LOW.match
        self.comment_header = P.COMMENT_HEADER.search
        self.comment_header_max_chars = P.COMMENT_HEADER_MAX_CHARS
        self.comment_form = P.COMMENT_FORM.search
        self.comment_form_max_chars = P.COMMENT_FORM_MAX_CHARS
        self.comment_header_ends = P.COMMENT_HEADER_ENDS
        self.comment_form_keys = P.COMMENT_FORM_KEYS
        self.consent = Finder(P.CONSENT_LOW, P.match_starts(P.CONSENT_LOW))
        self.footer = Finder(P.FOOTER_LOW, P.match_starts(P.FOOTER_LOW))
        self.credit = Finder(P.CREDIT_LOW, P.match_starts(P.CREDIT_LOW))
        if crc32(P.CREDIT_LOW.pattern.encode()) == CREDIT_SOURCE_CRC and P.CREDIT_LOW.flags == 32:
            self.credit.prefix_heads = {
                "/": tuple(
                    f"/{space}{agency}" for space in ("", " ") for agency in CREDIT_SLASH_AGENCIES
                )
            }
        self.label = P.LABEL.match
        self.duration = P.DURATION.match
        self.date = Finder(P.DATE_LOW, P.match_starts(P.DATE_LOW))
        self.date_prefilter = crc32(P.DATE_LOW.pattern.encode()) == DATE_SOURCE_CRC
        self.date.date_digits = self.date_prefilter
        self.counter_prefilter = (
            crc32(P.UI_COUNTER.pattern.encode()) == COUNTER_SOURCE_CRC and P.UI_COUNTER.flags == 32
        )
        self.comments_prefilter = (
            crc32(P.COMMENTS_LOW.pattern.encode()) == COMMENTS_SOURCE_CRC
            and P.COMMENTS_LOW.flags == 32
        )
        self.label_prefilter = (
            crc32(P.LABEL.pattern.encode()) == LABEL_SOURCE_CRC and P.LABEL.flags == 32
        )
        self.duration_prefilter = (
            crc32(P.DURATION.pattern.encode()) == DURATION_SOURCE_CRC and P.DURATION.flags == 34
        )
        self.byline = P.BYLINE.match
        self.second_person_by_length = by_length(P.SECOND_PERSON_WORDS)
        self.byline_by_length = by_length(P.BYLINE_WORDS)
        self.second_person_firsts = first_chars(P.SECOND_PERSON_WORDS)
        self.byline_firsts = first_chars(P.BYLINE_WORDS)
        self.longest_ad = max(map(len, self.ad_strings))
        self.longest_ui = max(map(len, self.ui_strings))
        self.notice = Finder(P.NOTICE_LOW, P.match_starts(P.NOTICE_LOW))
        self.long_banner_chars = P.LONG_BANNER_CHARS
        self.banner_lead_chars = P.BANNER_LEAD_CHARS
        self.notice_max_chars = P.NOTICE_MAX_CHARS
        self.caption_min_chars, self.caption_max_chars = caption_chars
        self.bracket_chars = P.SOURCE_BRACKET_CHARS
        self.mark_chars = P.SOURCE_MARK_CHARS
        self.label_gap = P.SOURCE_LABEL_GAP
        self.caption_opening_firsts = char_set(P.CAPTION_OPENING_FIRSTS)
        self.caption_openings = Prefixes(P.CAPTION_OPENINGS)
        self.source_label = P.SOURCE_LABEL.match
        if (
            crc32(P.SOURCE_LABEL.pattern.encode()) == SOURCE_LABEL_SOURCE_CRC
            and P.SOURCE_LABEL.flags == 32
        ):
            self.source_label_starts = Prefixes(SOURCE_LABEL_STARTS)
        self.via_agency = P.VIA_AGENCY
        self.label_ends = P.SOURCE_LABEL_ENDS
        self.photo_agencies = P.PHOTO_AGENCIES
        if len(results) > 31:
            raise ValueError("more decisions than a remembered code holds")
        self.results = results
        self.chrome = chrome
        (self.prose_cap, self.sentence_gain, self.short_cost, self.chrome_cost,
         self.repeat_cost) = costs
        self.list_item_words = list_item_words
        self.fixed_scores = tuple(
            float(score) for score in (
                -self.chrome_cost,
                -self.short_cost - 0.0,
                -self.short_cost - self.repeat_cost,
                -0.0,
                -self.repeat_cost,
            )
        )

    def searches_agree(self, object texts):
        """Whether every shortcut search (the `Finder`s) finds what its pattern's search finds
        in each of `texts`, and no prefilter (`date_possible`, `counter_possible`,
        `comments_possible`, `label_possible`, `duration_possible`) rules out a match."""
        cdef Finder finder
        for text in texts:
            for finder in (self.consent, self.footer, self.credit, self.date, self.notice):
                if finder.found(text) != (finder.search(text) is not None):
                    return False
            if (
                self.date_prefilter
                and not date_possible(text)
                and self.date.search(text) is not None
            ):
                return False
            if (
                self.counter_prefilter
                and not counter_possible(text)
                and self.ui_counter(text) is not None
            ):
                return False
            if (
                self.comments_prefilter
                and not comments_possible(text, 0, len(text), COMMENTS_FIRST_WORDS)
                and self.comments(text) is not None
            ):
                return False
            if self.label_prefilter and label_possible(text) != (self.label(text) is not None):
                return False
            if (
                self.source_label_starts is not None
                and not self.source_label_starts.starts(text, 0, len(text))
                and self.source_label(text) is not None
            ):
                return False
            if (
                self.duration_prefilter
                and not duration_possible(text)
                and self.duration(text) is not None
            ):
                return False
        return True

    def addresses_reader(self, str text):
        """Whether patterns.SECOND_PERSON.search(text) finds a match."""
        return self.reads_you(text)

    cdef bint reads_you(self, str text) except -1:
        """addresses_reader: a match is a whole word (a maximal run of the characters `re`
        counts as \\w: alphanumeric or "_") equal to one of SECOND_PERSON_WORDS, since those
        are made of word characters between two \\b; only words short enough and beginning
        with a first character of one of them are compared."""
        cdef Py_ssize_t i, start = 0, n = len(text)
        cdef Py_ssize_t longest = len(self.second_person_by_length) - 1
        cdef bint inside = False, word
        cdef int kind = PyUnicode_KIND(text)
        cdef void *data = PyUnicode_DATA(text)
        for i in range(n + 1):
            word = i < n and is_word_char(PyUnicode_READ(kind, data, i))
            if word and not inside:
                start = i
            elif (
                inside
                and not word
                and i - start <= longest
                and in_set(&self.second_person_firsts, PyUnicode_READ(kind, data, start))
                and equals_one_of(text, start, i, self.second_person_by_length)
            ):
                return True
            inside = word
        return False

    cdef bint holds_comment_form_key(self, str low) except -1:
        """roles._holds_comment_form_key: COMMENT_FORM searched when `low` holds one of its
        keys."""
        for key in self.comment_form_keys:
            if key in low:
                return self.comment_form(low) is not None
        return False

    cdef bint first_word_is_byline_word(self, str low) except -1:
        """low.split(None, 1)[0].rstrip(":") in BYLINE_WORDS (low is stripped and not blank)."""
        cdef Py_ssize_t n = len(low), start = 0, end
        cdef int kind = PyUnicode_KIND(low)
        cdef void *data = PyUnicode_DATA(low)
        while start < n and Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, start)):
            start += 1
        # the word's first character first: most lines are ruled out before their word is read
        if start == n or not in_set(&self.byline_firsts, PyUnicode_READ(kind, data, start)):
            return False
        end = start
        while end < n and not Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, end)):
            end += 1
        while end > start and PyUnicode_READ(kind, data, end - 1) == u":":
            end -= 1
        return end > start and equals_one_of(low, start, end, self.byline_by_length)

    cdef Py_ssize_t decision(
        self, tuple f, Py_ssize_t chars, Py_ssize_t words, long long flags
    ) except -2:
        """roles.context_free(f) without a profile, as an index into `results` (-1: None);
        `chars`, `words` and `flags` are f's CHARS, WORDS and line_flags."""
        cdef str text = f[TEXT]
        cdef bint consent_key = flags & HAS_CONSENT_KEY, notice_key = flags & HAS_NOTICE_KEY
        cdef bint colon_end = flags & ENDS_IN_COLON, has_digit = flags & HAS_A_DIGIT
        cdef bint exclamations = flags & EXCLAIMS
        cdef str low = f[LOW]
        if beyond_tests(chars, words, flags):
            return 12 if self.captioned(low, chars, words) else -1
        if (
            words == 1
            and self.image_file_min_chars <= chars <= self.image_file_max_chars
            and may_name_a_file(text, self.image_file_separators)
            and self.image_file(text) is not None
        ):
            return 16
        cdef str key = None
        cdef Py_ssize_t start = 0, end = 0
        if chars < 60:
            # key = low.strip(ui_strip), made only when a test needs the string
            strip_bounds(low, &self.ui_strip_chars, &start, &end)
            if end - start <= self.longest_ad or end - start <= self.longest_ui or (
                words <= 4 and has_digit
            ):
                key = span_of(low, start, end)
            if end - start <= self.longest_ad and self.ads.holds(key):
                return 0
            if (end - start <= self.longest_ui and self.uis.holds(key)) or (
                words <= 4
                and has_digit
                and (not self.counter_prefilter or counter_possible(key))
                and self.ui_counter(key)
            ):
                return 1
            if self.ui_prefixes_starts.starts(low, start, end):
                return 1
            if (
                words <= self.follow_max_words
                and self.follow_starts.starts(low, start, end)
                and span_of(low, start, end).endswith(self.follow_ends)
            ):
                return 1
        if chars < 100:
            # head = low.strip(" []()")
            strip_bounds(low, &self.comments_strip_chars, &start, &end)
            if (
                self.comments_prefixes_starts.starts(low, start, end)
                and (
                    not self.comments_prefilter
                    or comments_possible(low, start, end, COMMENTS_FIRST_WORDS)
                )
                and self.comments(span_of(low, start, end))
            ):
                return 2
        if (
            flags & ENDS_IN_COLON
            and has_digit
            and chars < self.comment_header_max_chars
            and low.endswith(self.comment_header_ends)
            and self.comment_header(low) is not None
        ):
            return 13
        if (
            notice_key
            and chars < self.comment_form_max_chars
            and self.holds_comment_form_key(low)
        ):
            return 2
        if (
            consent_key
            and (flags & IS_TERMINAL or chars >= 80)
            and self.consent.found(
                low if chars < self.long_banner_chars else low[: self.banner_lead_chars]
            )
        ):
            return 3
        if chars < 200 and (
            self.footer_link_set.holds(low)
            or (flags & HAS_FOOTER_KEY and self.footer.found(low))
        ):
            return 4
        if (
            chars < 120
            and (
                has_one_of(text, CREDIT_MARKS)
                or self.agencies.holds(low)
            )
            and self.credit.found(low)
        ):
            return 5
        if colon_end and (not self.label_prefilter or label_possible(text)) and self.label(text):
            return 6
        if chars < 20 and not text:
            raise IndexError("string index out of range")  # as text[0]
        if (
            chars < 20
            and Py_UNICODE_ISDIGIT(PyUnicode_READ(PyUnicode_KIND(text), PyUnicode_DATA(text), 0))
            and (not self.duration_prefilter or duration_possible(text))
            and self.duration(text)
        ):
            return 7
        if (
            chars < 80
            and has_digit
            and (not self.date_prefilter or date_possible(low))
            and self.date.found(low)
        ):
            return 8
        if words <= 10 and self.first_word_is_byline_word(low) and self.byline(text):
            return 9
        if (
            notice_key
            and words >= 3
            and (chars < 200 or (chars < self.notice_max_chars and self.reads_you(text)))
            and self.notice.found(low)
        ):
            if chars < self.reader_prompt_max_chars and self.prompts_reader(low):
                return 15
            return 10
        if chars < self.reader_prompt_max_chars and self.prompts_reader(low):
            return 14
        if exclamations:
            return 11
        return 12 if self.captioned(low, chars, words) else -1

    cdef bint prompts_reader(self, str low) except -1:
        """roles._prompts_reader."""
        cdef Py_ssize_t n = len(low), skip = 0, k
        cdef int kind = PyUnicode_KIND(low)
        cdef void *data = PyUnicode_DATA(low)
        cdef Py_UCS4 c
        while skip < min(self.reader_prompt_skip, n):
            c = PyUnicode_READ(kind, data, skip)
            if Py_UNICODE_ISALNUM(c) or c == u"_":
                break
            skip += 1
        for k in range(skip + 1):
            if self.reader_prompt_starts.starts(low, k, n):
                return True
        return False

    cdef bint captioned(self, str low, Py_ssize_t chars, Py_ssize_t words) except -1:
        """roles._names_photo_source."""
        if chars < self.caption_min_chars or chars >= self.caption_max_chars or words < 3:
            return False
        return self.photo_source(low)

    def names_photo_source(self, str low):
        """patterns.names_photo_source(low), for the import check."""
        return self.photo_source(low)

    cdef bint photo_source(self, str low) except -1:
        """patterns.names_photo_source: the same steps, with the scans in C."""
        cdef Py_ssize_t n = len(low), end = n, opened, colon, cut, tail
        cdef int kind = PyUnicode_KIND(low)
        cdef void *data = PyUnicode_DATA(low)
        cdef Py_UCS4 c
        if n == 0:
            return False
        if in_set(&self.caption_opening_firsts, PyUnicode_READ(kind, data, 0)) and (
            self.caption_openings.starts(low, 0, n)
        ):
            return True
        while end:
            c = PyUnicode_READ(kind, data, end - 1)
            if c != u" " and c != u".":
                break
            end -= 1
        if end == 0:
            return False
        if PyUnicode_READ(kind, data, end - 1) == u")":
            opened = rfind_char(low, u"(", max(0, end - self.bracket_chars), end)
            if opened < 0:
                return False
            return self.labelled_bracket(low, opened + 1, end - 1)
        tail = max(0, end - self.mark_chars)
        colon = rfind_char(low, u":", tail, end)
        if colon >= 0:
            # low[max(0, colon - label_gap):colon].rstrip().endswith(label_ends)
            return ends_with_one_of(
                low, max(0, colon - self.label_gap), colon, self.label_ends, True
            )
        cut = max(rfind_char(low, u"/", tail, end), rfind_char(low, u"|", tail, end))
        return cut >= 0 and (
            PyUnicode_Substring(low, cut + 1, end).strip() in self.photo_agencies
            or PyUnicode_Find(low, "credit...", max(0, cut - self.mark_chars), cut, 1) >= 0
        )

    cdef bint labelled_bracket(self, str low, Py_ssize_t start, Py_ssize_t end) except -1:
        """Whether low[start:end].strip() (a bracket's inside) is matched by SOURCE_LABEL or
        ends with one of VIA_AGENCY; the string is made only when it begins as a match must."""
        cdef int kind = PyUnicode_KIND(low)
        cdef void *data = PyUnicode_DATA(low)
        while start < end and Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, start)):
            start += 1
        while end > start and Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, end - 1)):
            end -= 1
        if (
            self.source_label_starts is None or self.source_label_starts.starts(low, start, end)
        ) and self.source_label(PyUnicode_Substring(low, start, end)) is not None:
            return True
        return ends_with_one_of(low, start, end, self.via_agency, False)

    def context_free_all(self, object lines):
        """roles._context_free_all(lines, None): a text seen before, on this page or an earlier
        one, with the same fields `context_free` reads, is not looked at again."""
        cdef list feats = as_list(lines)
        cdef list alone = []
        for line in feats:
            alone.append(self.remembered(<tuple>line))
        return alone

    cdef object remembered(self, tuple f):
        """context_free(f), remembered by text (a LineFeatures is a tuple subclass): the
        fields it reads besides TEXT and EXCLAMATIONS follow from the text in lines.measure,
        but lines built by hand may disagree on anything, so all are compared."""
        cdef Py_ssize_t decision, chars = f[CHARS], words = f[WORDS], j = -1
        cdef Remembered *slot
        cdef long long fields = -1, flags = line_flags(f)
        cdef uint64_t h = 0
        text = f[TEXT]
        if beyond_tests(chars, words, flags):
            # decided at once: cheaper than hashing the (long) text to remember it
            return self.results[12] if self.captioned(f[LOW], chars, words) else None
        if 0 <= chars < (1 << 24) and 0 <= words < (1 << 24) and type(text) is str:
            fields = packed_fields(chars, words, flags)
            h = text_hash(<str>text)
            j = self.slot_of(<str>text, h)
            slot = &self.known[j]
            if slot.text != NULL and slot.code >> 5 == fields and same(<object>slot.low, f[LOW]):
                decision = (slot.code & 31) - 1
                return None if decision < 0 else self.results[decision]
        decision = self.decision(f, chars, words, flags)
        if fields >= 0:
            self.remember(<str>text, h, f[LOW], (fields << 5) | (decision + 1), j)
        return None if decision < 0 else self.results[decision]

    cdef Py_ssize_t slot_of(self, str text, uint64_t h) noexcept:
        """The index of the slot remembering `text` (hash `h`), or of the empty one where it
        would go."""
        cdef Py_ssize_t j = <Py_ssize_t>(h & (KNOWN_SLOTS - 1))
        while self.known[j].text != NULL and not same_text(&self.known[j], text, h):
            j = (j + 1) & (KNOWN_SLOTS - 1)
        return j

    cdef void remember(self, str text, uint64_t h, object low, long long code,
                       Py_ssize_t j) noexcept:
        """Keep `code` and `low` for `text` (forgetting all when KNOWN_MAX texts are kept); `j`
        is slot_of(text, h), found before and not changed since."""
        if self.known[j].text == NULL and self.n_known >= KNOWN_MAX:
            self.clear_known()
            j = self.slot_of(text, h)
        cdef Remembered *slot = &self.known[j]
        if slot.text == NULL:
            Py_INCREF(text)
            slot.text = <PyObject *>text
            slot.hash = h
            self.used[self.n_known] = j
            self.n_known += 1
        Py_INCREF(low)
        Py_XDECREF(slot.low)
        slot.low = <PyObject *>low
        slot.code = code

    def __cinit__(self, *args, **kwargs):
        self.known = <Remembered *>calloc(KNOWN_SLOTS, sizeof(Remembered))
        self.used = <Py_ssize_t *>malloc(KNOWN_MAX * sizeof(Py_ssize_t))
        if self.known == NULL or self.used == NULL:
            raise MemoryError()
        self.n_known = 0

    def __dealloc__(self):
        if self.known != NULL and self.used != NULL:
            self.clear_known()
        free(self.known)
        free(self.used)

    def forget(self):
        """Forget the decisions remembered from earlier pages."""
        self.clear_known()

    cdef void clear_known(self) noexcept:
        cdef Py_ssize_t k
        cdef Remembered *slot
        for k in range(self.n_known):
            slot = &self.known[self.used[k]]
            Py_XDECREF(slot.text)
            Py_XDECREF(slot.low)
            slot.text = NULL
            slot.low = NULL
        self.n_known = 0

    def alone_and_scores(self, object lines):
        """(context_free_all(lines), line_scores(lines, that)) in one pass."""
        cdef list feats = as_list(lines)
        cdef Py_ssize_t n = len(feats), i
        cdef list alone = [None] * n
        cdef list scores = [None] * n
        cdef tuple f
        for i in range(n):
            f = <tuple>feats[i]
            a = self.remembered(f)
            alone[i] = a
            scores[i] = self.score_object(
                self.line_score(f, a is not None and (<tuple>a)[0] in self.chrome)
            )
        return alone, scores

    cdef object score_object(self, double score):
        """`score` as a float: one of fixed_scores when it is one (the same bits: -0.0 is not
        0.0), else a new one."""
        for fixed in self.fixed_scores:
            if same_bits(score, PyFloat_AS_DOUBLE(fixed)):
                return fixed
        return score

    def line_scores(self, object lines, list alone):
        """[roles.line_score(f, a is not None and a[0] in CHROME) for f, a in zip(...)]."""
        cdef list feats = as_list(lines)
        cdef list scores = []
        cdef tuple f
        cdef Py_ssize_t i
        for i in range(len(feats)):
            f = <tuple>feats[i]
            a = alone[i]
            scores.append(self.line_score(f, a is not None and (<tuple>a)[0] in self.chrome))
        return scores

    def by_position(self, object lines, list alone, Py_ssize_t start, Py_ssize_t end,
                    object decision, object meta_label, tuple fixed):
        """roles._by_position: `_outside` of the lines before `start` and after `end`, `_inside`
        of those between; `decision` is roles.Decision, `fixed` the shared decisions of
        roles._POSITION_DECISIONS, in its order."""
        cdef list feats = as_list(lines)
        cdef Py_ssize_t n = len(feats), i, j, last = min(end, n - 1)
        cdef list out = [None] * n
        cdef tuple f, g
        cdef object a
        cdef bint after
        (label_before, addresses_reader, breadcrumb, text_before, text_after, short_before,
         short_after, prose_inside, sentence_inside, heading_inside, list_inside,
         short_inside, row_inside) = fixed
        if len(alone) < n:
            raise IndexError("fewer context-free results than lines")
        cdef Rejected rejected = Rejected(decision)
        # j: the next line of the body after line i with no context-free role (n if none),
        # found walking down from the line before it.
        j = -1
        for i in range(n):
            f = <tuple>feats[i]
            a = alone[i]
            if start <= i <= end:
                if j <= i:
                    j = i + 1
                    while j <= last and alone[j] is not None:
                        j += 1
                    if j > last:
                        j = n
                if a is not None:
                    out[i] = rejected.of(<tuple>a)
                elif f[IS_PROSE]:
                    out[i] = prose_inside
                elif f[IS_SENTENCE]:
                    out[i] = sentence_inside
                else:
                    if j < n:
                        g = <tuple>feats[j]
                    if (
                        f[IS_HEADLINE]
                        and j < n
                        and <Py_ssize_t>g[GROUP] != <Py_ssize_t>f[GROUP]
                        and (g[IS_PROSE] or g[IS_SENTENCE])
                    ):
                        out[i] = heading_inside
                    elif (
                        <Py_ssize_t>f[GROUP_SIZE] > 1
                        and <Py_ssize_t>f[WORDS] >= 2
                        and not f[SEPARATORS]
                        and <Py_ssize_t>f[REPEATS] == 1
                    ):
                        out[i] = list_inside
                    elif f[SEPARATORS]:
                        out[i] = breadcrumb
                    elif has_char(<str?>f[TEXT], 9):  # a tab: a table's row
                        out[i] = row_inside
                    else:
                        out[i] = short_inside
                continue
            after = i > end
            if a is not None:
                role = (<tuple>a)[0]
                if role is meta_label and not after:
                    out[i] = label_before
                else:
                    out[i] = rejected.of(<tuple>a)
            elif (
                after and (f[IS_PROSE] or f[IS_SENTENCE]) and self.reads_you(f[TEXT])
            ):
                out[i] = addresses_reader
            elif f[SEPARATORS]:
                out[i] = breadcrumb
            elif f[IS_PROSE] or (f[IS_HEADLINE] and <Py_ssize_t>f[WORDS] >= 4):
                out[i] = text_after if after else text_before
            else:
                out[i] = short_after if after else short_before
        return out

    cdef double line_score(self, tuple f, bint chrome):
        cdef double cost
        cdef Py_ssize_t chars
        if chrome:
            return -self.chrome_cost
        chars = f[CHARS]
        if f[IS_PROSE]:
            return <double>chars if chars < self.prose_cap else self.prose_cap
        if has_char(<str?>f[TEXT], 9):  # a tab: a table's row
            return self.sentence_gain * chars
        cdef Py_ssize_t repeats = f[REPEATS], group_size = f[GROUP_SIZE], words = f[WORDS]
        cost = self.repeat_cost if (repeats > 1 or f[SEPARATORS]) else 0.0
        if f[IS_SENTENCE]:
            return self.sentence_gain * chars - cost
        if group_size > 1 and words >= self.list_item_words and <double>f[STOP_RATIO] > 0:
            return -cost
        return -self.short_cost - cost


def indexes_of(object items, object value, Py_ssize_t lo, Py_ssize_t hi):
    """[i for i in range(lo, hi) if items[i][0] is value] (roles.python_indexes_of): the lines
    whose decision has a role, without a Python loop over all of them."""
    cdef list rows = as_list(items)
    cdef list found = []
    cdef Py_ssize_t i
    if lo < 0 or hi > len(rows):
        raise IndexError("indexes outside the list")
    for i in range(lo, hi):
        row = rows[i]
        if ((<tuple>row)[0] if isinstance(row, tuple) else row[0]) is value:
            found.append(i)
    return found


def first_index_of(object items, object value):
    """next((i for i, row in enumerate(items) if row[0] is value), -1)
    (roles.python_first_index_of): the first line whose decision has a role, or -1."""
    cdef list rows = as_list(items)
    cdef Py_ssize_t i
    for i in range(len(rows)):
        row = rows[i]
        if ((<tuple>row)[0] if isinstance(row, tuple) else row[0]) is value:
            return i
    return -1


def kept_under_short(object lines, object decisions, tuple fields, Py_ssize_t long_min,
                     Py_ssize_t short_max):
    """authors.python_kept_under_short: the indexes k >= 1 of the lines of at least `long_min`
    characters, kept, right under a line of fewer than `short_max` that ends no sentence;
    `fields` = the positions of chars and terminal in a line's features and of kept in a
    decision (tuples, named tuples among them)."""
    cdef list feats = as_list(lines)
    cdef list out = as_list(decisions)
    cdef list found = []
    cdef Py_ssize_t k, n = len(feats), chars_at, terminal_at, kept_at
    cdef object line, above, decided
    chars_at, terminal_at, kept_at = fields
    if len(out) != n:
        raise ValueError("kept_under_short: as many decisions as lines")
    for k in range(1, n):
        line = feats[k]
        if not isinstance(line, tuple):
            raise TypeError("kept_under_short: lines are tuples")
        if <Py_ssize_t>(<tuple>line)[chars_at] < long_min:
            continue
        above = feats[k - 1]
        if not isinstance(above, tuple):
            raise TypeError("kept_under_short: lines are tuples")
        if <Py_ssize_t>(<tuple>above)[chars_at] >= short_max or (<tuple>above)[terminal_at]:
            continue
        decided = out[k]
        if not isinstance(decided, tuple):
            raise TypeError("kept_under_short: decisions are tuples")
        if (<tuple>decided)[kept_at]:
            found.append(k)
    return found


def headings_over(object decisions, object heading, tuple reasons):
    """teasers.python_headings_over: the indexes k of the kept decisions of role `heading`
    whose next decision has one of `reasons` (decisions: tuples of role, kept, reason)."""
    cdef list out = as_list(decisions)
    cdef list found = []
    cdef Py_ssize_t k, n = len(out)
    cdef object decided
    for k in range(n - 1):
        decided = out[k]
        if not isinstance(decided, tuple) or len(<tuple>decided) < 3:
            raise TypeError("headings_over: decisions are (role, kept, reason) tuples")
        if (<tuple>decided)[0] is not heading or not (<tuple>decided)[1]:
            continue
        decided = out[k + 1]
        if not isinstance(decided, tuple) or len(<tuple>decided) < 3:
            raise TypeError("headings_over: decisions are (role, kept, reason) tuples")
        if (<tuple>decided)[2] in reasons:
            found.append(k)
    return found


def body_copies(object lines, object decisions, tuple fields, Py_ssize_t min_chars,
                Py_ssize_t key_chars, Py_ssize_t max_long):
    """copies.python_body_copies: the indexes of the kept lines of at least `min_chars`
    characters, among the first `max_long` of them, that open with the texts of two kept lines
    of at least `key_chars` in a row; `fields` = the positions of text and chars in a line's
    features and of kept in a decision (tuples, named tuples among them)."""
    cdef list feats = as_list(lines)
    cdef list out = as_list(decisions)
    cdef list keys = [], long_ones = [], found = []
    cdef Py_ssize_t k, n = len(feats), text_at, chars_at, kept_at, chars
    cdef object line, decided
    text_at, chars_at, kept_at = fields
    if len(out) != n:
        raise ValueError("body_copies: as many decisions as lines")
    for k in range(n):
        decided = out[k]
        if not isinstance(decided, tuple):
            raise TypeError("body_copies: decisions are tuples")
        if not (<tuple>decided)[kept_at]:
            continue
        line = feats[k]
        if not isinstance(line, tuple):
            raise TypeError("body_copies: lines are tuples")
        chars = (<tuple>line)[chars_at]
        if chars >= key_chars:
            keys.append(k)
            if chars >= min_chars:
                long_ones.append(k)
    for k in long_ones[:max(max_long, 0)]:
        if opens_with_two(feats, keys, k, text_at, key_chars):
            found.append(k)
    return found


cdef bint opens_with_two(list feats, list keys, Py_ssize_t k, Py_ssize_t text_at,
                         Py_ssize_t key_chars) except -1:
    """copies._opens_with_two."""
    cdef str copy = (<tuple>feats[k])[text_at], first, rest
    cdef list others = [j for j in keys if j != k]
    cdef Py_ssize_t at
    for at in range(len(others) - 1):
        first = (<tuple>feats[others[at]])[text_at]
        if len(first) > len(copy) - key_chars:
            continue
        if PyUnicode_Tailmatch(copy, first, 0, len(first), -1) != 1:
            continue
        rest = copy[len(first):].lstrip()
        if rest.startswith((<tuple>feats[others[at + 1]])[text_at]):
            return True
    return False


def repeated_below(object lines, tuple fields, Py_ssize_t window, Py_ssize_t min_chars):
    """figures.python_repeated_below: the indexes k of the lines of at least `min_chars`
    characters whose text one of the next `window` lines repeats; `fields` = the positions of
    text, chars and repeats (how often the text occurs on the page) in a line's features."""
    cdef list feats = as_list(lines)
    cdef list found = []
    cdef Py_ssize_t k, j, n = len(feats), text_at, chars_at, repeats_at
    cdef object line, other
    text_at, chars_at, repeats_at = fields
    for k in range(n):
        line = feats[k]
        if not isinstance(line, tuple):
            raise TypeError("repeated_below: lines are tuples")
        if <Py_ssize_t>(<tuple>line)[repeats_at] < 2 or <Py_ssize_t>(<tuple>line)[chars_at] < min_chars:
            continue
        for j in range(k + 1, min(n, k + 1 + window)):
            other = feats[j]
            if not isinstance(other, tuple):
                raise TypeError("repeated_below: lines are tuples")
            if (<tuple>other)[text_at] == (<tuple>line)[text_at]:
                found.append(k)
                break
    return found


cdef bint may_name_a_file(str text, Py_ssize_t separators) except -1:
    """roles._may_name_a_file past its length test: at least `separators` hyphens and
    underscores, or a full stop among the last five characters."""
    cdef Py_ssize_t n = len(text), i, found = 0
    cdef int kind = PyUnicode_KIND(text)
    cdef void *data = PyUnicode_DATA(text)
    cdef Py_UCS4 c
    for i in range(n):
        c = PyUnicode_READ(kind, data, i)
        if c == u"-" or c == u"_":
            found += 1
        elif c == u"." and i >= n - 5:
            return True
    return found >= separators


def labels_after_body(object lines, object decisions, tuple fields, Py_ssize_t max_chars,
                      Py_ssize_t min_words):
    """lists.python_labels_after_body: the indexes k >= 1 of the dropped lines of at most
    `max_chars` characters that end in a colon or are a headline alone in their block, right
    under a kept line of prose or a sentence and over a dropped line of at least `min_words`
    words; `fields` = the positions of chars, colon_end, is_headline, group_size, is_prose,
    is_sentence and words in a line's features and of kept in a decision (tuples, named tuples
    among them)."""
    cdef list feats = as_list(lines)
    cdef list out = as_list(decisions)
    cdef list found = []
    cdef Py_ssize_t k, n = len(feats), chars_at, colon_at, headline_at, size_at, prose_at
    cdef Py_ssize_t sentence_at, words_at, kept_at
    cdef bint kept, above_kept = False
    cdef object line, above, below, decided, next_decided
    chars_at, colon_at, headline_at, size_at, prose_at, sentence_at, words_at, kept_at = fields
    if len(out) != n:
        raise ValueError("labels_after_body: as many decisions as lines")
    for k in range(n - 1):
        decided = out[k]
        if not isinstance(decided, tuple):
            raise TypeError("labels_after_body: decisions are tuples")
        kept = (<tuple>decided)[kept_at]
        # Only the line under a kept one and dropped itself is looked at: a few on a page.
        if kept or not above_kept:
            above_kept = kept
            continue
        above_kept = False
        line = feats[k]
        above = feats[k - 1]
        if not isinstance(line, tuple) or not isinstance(above, tuple):
            raise TypeError("labels_after_body: lines are tuples")
        if <Py_ssize_t>(<tuple>line)[chars_at] > max_chars:
            continue
        if not ((<tuple>line)[colon_at] or (
            (<tuple>line)[headline_at] and <Py_ssize_t>(<tuple>line)[size_at] == 1
        )):
            continue
        if not ((<tuple>above)[prose_at] or (<tuple>above)[sentence_at]):
            continue
        below = feats[k + 1]
        next_decided = out[k + 1]
        if not isinstance(below, tuple) or not isinstance(next_decided, tuple):
            raise TypeError("labels_after_body: lines and decisions are tuples")
        if not (<tuple>next_decided)[kept_at] and <Py_ssize_t>(<tuple>below)[words_at] >= min_words:
            found.append(k)
    return found


def doubled_kept(object lines, object decisions, tuple fields, Py_ssize_t min_chars,
                 Py_ssize_t max_chars):
    """links.python_doubled_kept: the indexes of the kept lines of `min_chars` to `max_chars`
    characters that are two copies of one text, run together or with one space between;
    `fields` = the positions of text in a line's features and of kept in a decision."""
    cdef list feats = as_list(lines)
    cdef list out = as_list(decisions)
    cdef list found = []
    cdef Py_ssize_t k, n = len(feats), text_at, kept_at
    cdef object line, decided
    cdef str text
    text_at, kept_at = fields
    if len(out) != n:
        raise ValueError("doubled_kept: as many decisions as lines")
    for k in range(n):
        decided = out[k]
        if not isinstance(decided, tuple):
            raise TypeError("doubled_kept: decisions are tuples")
        if not (<tuple>decided)[kept_at]:
            continue
        line = feats[k]
        if not isinstance(line, tuple):
            raise TypeError("doubled_kept: lines are tuples")
        text = (<tuple>line)[text_at]
        if min_chars <= len(text) <= max_chars and is_doubled(text):
            found.append(k)
    return found


cdef bint is_doubled(str text) except -1:
    """links.is_doubled: whether `text` is two copies of one text, run together or with one
    space between."""
    cdef Py_ssize_t n = len(text), gap, half, i
    cdef int kind = PyUnicode_KIND(text)
    cdef void *data = PyUnicode_DATA(text)
    for gap in range(2):
        if (n - gap) % 2:
            continue
        half = (n - gap) // 2
        if half == 0 or (gap and PyUnicode_READ(kind, data, half) != u" "):
            continue
        i = 0
        while i < half and PyUnicode_READ(kind, data, i) == PyUnicode_READ(
            kind, data, half + gap + i
        ):
            i += 1
        if i == half:
            return True
    return False


def lines_in(object lines, Py_ssize_t low_at, StringSet strings):
    """recipes.python_lines_in: the indexes of the lines whose lower-cased text (at `low_at` in
    a line's features) is one of `strings`."""
    cdef list feats = as_list(lines)
    cdef list found = []
    cdef Py_ssize_t k
    cdef object line
    cdef str low
    for k in range(len(feats)):
        line = feats[k]
        if not isinstance(line, tuple):
            raise TypeError("lines_in: lines are tuples")
        low = (<tuple>line)[low_at]
        if strings.holds(low):
            found.append(k)
    return found


def numbered_runs(object lines, Py_ssize_t text_at, Py_ssize_t min_run, Py_ssize_t max_gap):
    """numbered.python_numbered_runs: the line indexes of each run of at least `min_run`
    consecutively numbered lines of one style ("1) ...", "2) ..."; "1. ...", "2. ..."), each at
    most `max_gap` lines below the one before; a line is numbered when it opens with one to
    three decimal digits, "." or ")", whitespace and more text (`text_at`: where the text is in
    a line's features)."""
    cdef list feats = as_list(lines)
    cdef list runs = []
    cdef list run = []
    cdef Py_ssize_t k, n, d, j, last = -1
    cdef long value, last_value = -1
    cdef object line
    cdef str text
    cdef int kind
    cdef void *data
    cdef Py_UCS4 c, mark, last_mark = 0
    for k in range(len(feats)):
        line = feats[k]
        if not isinstance(line, tuple):
            raise TypeError("numbered_runs: lines are tuples")
        text = (<tuple>line)[text_at]
        n = len(text)
        kind = PyUnicode_KIND(text)
        data = PyUnicode_DATA(text)
        d = 0
        value = 0
        while d < n and d < 4:
            c = PyUnicode_READ(kind, data, d)
            if not is_decimal(c):
                break
            value = value * 10 + Py_UNICODE_TODECIMAL(c)
            d += 1
        if d == 0 or d > 3 or d >= n:
            continue
        mark = PyUnicode_READ(kind, data, d)
        if mark != u"." and mark != u")":
            continue
        j = d + 1
        if j >= n or not Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, j)):
            continue
        while j < n and Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, j)):
            j += 1
        if j == n:
            continue
        if not (run and value == last_value + 1 and mark == last_mark and k - last <= max_gap):
            if len(run) >= min_run:
                runs.append(run)
            run = []
        run.append(k)
        last, last_value, last_mark = k, value, mark
    if len(run) >= min_run:
        runs.append(run)
    return runs


def pull_quotes(object lines, list out, Py_ssize_t start, Py_ssize_t end, object decision,
                tuple roles, Py_ssize_t speaker_words):
    """roles.python_pull_quotes: a two-line block of a sentence and a short name inside the body
    is a quote and its speaker. `roles` are PARAGRAPH, PULL_QUOTE, QUOTE_SOURCE and the set of
    roles a speaker line may not have; `decision` is roles.Decision."""
    cdef list feats = as_list(lines)
    cdef Py_ssize_t i
    cdef tuple f, g, d, e
    paragraph, pull_quote, quote_source, not_speakers = roles
    if start < end and (start < 0 or end >= len(feats) or end >= len(out)):
        raise IndexError("body outside the lines")
    for i in range(start, end):
        f = <tuple>feats[i]
        g = <tuple>feats[i + 1]
        if f[GROUP_POS] != 0 or f[GROUP_SIZE] != 2 or g[GROUP] != f[GROUP]:
            continue
        d = as_tuple(out[i])
        e = as_tuple(out[i + 1])
        if d[0] is not paragraph or (e[1] and e[0] is paragraph):
            continue
        if (
            g[WORDS] <= speaker_words
            and g[UPPER_START]
            and not g[TERMINAL]
            and not g[COLON_END]
            and not g[HAS_DIGIT]
            and e[0] not in not_speakers
        ):
            out[i] = tuple.__new__(
                decision, (pull_quote, True, f"quote followed by its speaker (line {g[NUMBER]})")
            )
            out[i + 1] = tuple.__new__(decision, (quote_source, True, "short name after a quote"))


def ui_blocks(object lines, list out, object ui, object neighbour, Py_ssize_t max_chars,
              Py_ssize_t reach=-1, tuple spared=()):
    """roles.python_ui_blocks: the lines shorter than `max_chars` of a block holding a line of
    role `ui` (with `reach` >= 0: those within `reach` lines of one in its block, as the roles
    were before any changed) become `neighbour` (a decision of that role), but for those of a
    role in `spared`."""
    cdef list feats = as_list(lines)
    cdef Py_ssize_t n = len(out), i, k, j, first, last, previous = -1, n_spared = len(spared)
    cdef object role
    cdef bint keep
    cdef list spans = []  # (start, end) pairs, before any line changes (a set in Python)
    if len(feats) != n:
        raise IndexError("features and decisions of different lengths")
    for i in range(n):
        if as_tuple(out[i])[0] is ui:
            first = i - <Py_ssize_t>(<tuple>feats[i])[GROUP_POS]
            if first < 0 or first >= n:
                raise IndexError("a block outside the lines")
            last = first + <Py_ssize_t>(<tuple>feats[first])[GROUP_SIZE]
            if last > n:
                raise IndexError("a block outside the lines")
            if reach >= 0:
                spans.append((max(first, i - reach), min(last, i + reach + 1)))
            elif previous != first:
                spans.append((first, last))
                previous = first
    for k in range(len(spans)):
        first, last = <tuple>spans[k]
        for i in range(first, last):
            role = as_tuple(out[i])[0]
            if role is ui or (<tuple>feats[i])[CHARS] >= max_chars:
                continue
            keep = False
            for j in range(n_spared):
                if role is spared[j]:
                    keep = True
                    break
            if not keep:
                out[i] = neighbour


def teaser_lists(object lines, list out, object joined_card, tuple runs,
                 frozenset overruled, Py_ssize_t count_max_chars, Py_ssize_t cut_min_words,
                 tuple cut_ends, Py_ssize_t join_chars, Py_ssize_t head_chars,
                 Py_ssize_t head_words, Py_ssize_t small):
    """roles.python_teaser_lists. Count links (patterns.COUNT_LINK) are found by `count_link`,
    on lines of at most `count_max_chars` that end in a digit and a closing bracket;
    `joined_card` runs only on the lines `may_join` lets through (`small`: the length of the
    longest small word of patterns.TITLE_SMALL_WORDS)."""
    cdef list feats = as_list(lines)
    cdef Py_ssize_t n = len(out), i, k, length, n_ends = len(cut_ends)
    cdef tuple f
    cdef str text
    cdef int kind
    cdef void *data
    cdef Py_UCS4 last
    cdef Py_UCS4 lasts[MAX_CUT_ENDS]  # the last character of each of cut_ends
    cdef list counts = [], cuts = [], cards = []
    cdef object flag
    if len(feats) != n:
        raise IndexError("features and decisions of different lengths")
    if len(runs) != 3:
        raise ValueError("three kinds of teaser lists")
    if n_ends > MAX_CUT_ENDS:
        raise ValueError(f"at most {MAX_CUT_ENDS} ends")
    for k in range(n_ends):
        text = <str>cut_ends[k]
        if not len(text):
            raise ValueError("an empty end")
        lasts[k] = PyUnicode_READ(PyUnicode_KIND(text), PyUnicode_DATA(text), len(text) - 1)
    for i in range(n):
        f = <tuple>feats[i]
        text = <str>f[TEXT]
        length = len(text)
        if length == 0:
            continue  # nothing matches an empty line
        kind = PyUnicode_KIND(text)
        data = PyUnicode_DATA(text)
        last = PyUnicode_READ(kind, data, length - 1)
        if (
            (last == u")" or last == u"]")
            and 2 <= length <= count_max_chars
            and Py_UNICODE_ISDIGIT(PyUnicode_READ(kind, data, length - 2))
            and is_count_link(kind, data, length)
        ):
            counts.append(i)
        for k in range(n_ends):  # the words are counted only for a line that may end so
            if (
                lasts[k] == last
                and ends_with(kind, data, length, <str>cut_ends[k])
                and <Py_ssize_t>f[WORDS] >= cut_min_words
            ):
                cuts.append(i)
                break
        flag = f[UPPER_START]
        if (flag is True or (flag is not False and flag)) and length >= head_chars:
            flag = as_tuple(out[i])[1]
            if (
                (flag is True or (flag is not False and flag))
                and may_join(text, join_chars, head_chars, head_words, small)
                and joined_card(text)
            ):
                cards.append(i)
    mark_runs(out, counts, <tuple>runs[0], overruled)
    mark_runs(out, cuts, <tuple>runs[1], overruled)
    mark_runs(out, cards, <tuple>runs[2], overruled)


def count_link(str text):
    """Whether patterns.COUNT_LINK matches `text` (for the import check and the tests)."""
    return is_count_link(PyUnicode_KIND(text), PyUnicode_DATA(text), len(text))


cdef bint is_count_link(int kind, void *data, Py_ssize_t n) noexcept:
    """COUNT_LINK.match, `^\\W{0,3}[^\\W\\d][^()\\[\\]]{0,40}[(\\[]\\d{1,6}[)\\]]$`, read
    without backtracking (a `re` call costs some thousand steps a line): the leading non-word
    characters are the \\W{0,3} (the next is a word character), the first bracket after the
    word character opens the count, and the count's digits run to the closing bracket at the
    end (or before a final newline, where `$` matches too)."""
    cdef Py_ssize_t a = 0, p, end = n
    cdef Py_UCS4 c
    if end > 0 and PyUnicode_READ(kind, data, end - 1) == u"\n":
        end -= 1
    while a < end and not is_word_char(PyUnicode_READ(kind, data, a)):
        a += 1
        if a > 3:
            return False
    if a == end or is_decimal(PyUnicode_READ(kind, data, a)):
        return False
    p = a + 1
    while p < end:
        c = PyUnicode_READ(kind, data, p)
        if c == u"(" or c == u")" or c == u"[" or c == u"]":
            break
        p += 1
    if p == end or p - a - 1 > 40:
        return False
    c = PyUnicode_READ(kind, data, p)
    if c != u"(" and c != u"[":
        return False
    c = PyUnicode_READ(kind, data, end - 1)
    if end - p - 2 < 1 or end - p - 2 > 6 or (c != u")" and c != u"]"):
        return False
    for a in range(p + 1, end - 1):
        if not is_decimal(PyUnicode_READ(kind, data, a)):
            return False
    return True


cdef inline bint ends_with(int kind, void *data, Py_ssize_t length, str end) noexcept:
    """Whether the text of `length` characters (`kind`, `data`) ends with `end`."""
    cdef Py_ssize_t m = len(end), j
    cdef int end_kind = PyUnicode_KIND(end)
    cdef void *end_data = PyUnicode_DATA(end)
    if m > length:
        return False
    for j in range(1, m + 1):
        if PyUnicode_READ(kind, data, length - j) != PyUnicode_READ(end_kind, end_data, m - j):
            return False
    return True


cdef bint may_join(str text, Py_ssize_t limit, Py_ssize_t head_chars, Py_ssize_t head_words,
                   Py_ssize_t small) noexcept:
    """Whether patterns.joined_card may hold for `text`: HEADLINE_JOIN's look-behind character
    before an ASCII capital in the first `limit` characters, after `head_chars` characters or
    more and inside word `head_words` or a later one, and the words before it pass what
    `_title_cased` asks of each word (a word that starts with a lower-case letter and is longer
    than `small`, the longest small word, fails it, and so every join after it), and the word
    there as HEADLINE_JOIN matches it (`joins_on`; joined_card costs some ten thousand steps a
    line, a line without a join one pass here)."""
    cdef int kind = PyUnicode_KIND(text)
    cdef void *data = PyUnicode_DATA(text)
    cdef Py_ssize_t length = min(len(text), limit)
    if kind == 1:
        return may_join_in(<const uint8_t *>data, length, head_chars, head_words, small)
    if kind == 2:
        return may_join_in(<const uint16_t *>data, length, head_chars, head_words, small)
    return may_join_in(<const uint32_t *>data, length, head_chars, head_words, small)


ctypedef fused join_char:
    uint8_t
    uint16_t
    uint32_t


cdef bint may_join_in(const join_char *s, Py_ssize_t length, Py_ssize_t head_chars,
                      Py_ssize_t head_words, Py_ssize_t small) noexcept:
    """may_join on the first `length` characters s[:length] of the text."""
    cdef Py_ssize_t k, start = -1, words = 0
    cdef bint lower_start = False
    cdef Py_UCS4 c, before
    for k in range(length):
        c = s[k]
        if Py_UNICODE_ISSPACE(c):
            if start >= 0 and lower_start and k - start > small:
                return False
            start = -1
        elif start < 0:
            start = k
            words += 1
            if c < 128:
                lower_start = u"a" <= c <= u"z"
            else:
                lower_start = Py_UNICODE_ISLOWER(c) and Py_UNICODE_ISALPHA(c)
        elif (
            u"A" <= c <= u"Z"
            and k >= head_chars
            and words >= head_words
            and not (lower_start and k - start > small)
        ):
            before = s[k - 1]
            if (
                (u"a" <= before <= u"z")
                or Py_UNICODE_ISDIGIT(before)
                or before in u"?!.\u2019'\"\u201d"
            ) and joins_on(s, k, length):
                return True
    return False


cdef inline bint joins_on(const join_char *s, Py_ssize_t k, Py_ssize_t length) noexcept:
    """Whether HEADLINE_JOIN's word matches at the capital s[k], the text ending at `length`:
    `[A-Z][a-z]+(?=[\\s,.:;!?])|[AI](?=\\s)`."""
    cdef Py_ssize_t j = k + 1
    cdef Py_UCS4 after
    while j < length and u"a" <= s[j] <= u"z":
        j += 1
    if j == length:
        return False
    after = s[j]
    if j > k + 1:
        return Py_UNICODE_ISSPACE(after) or after in u",.:;!?"
    return (s[k] == u"A" or s[k] == u"I") and Py_UNICODE_ISSPACE(after)


cdef int mark_runs(list out, list lines, tuple run, frozenset overruled) except -1:
    """Each of `lines` with `need` of them (itself included) within `reach` lines becomes
    `decision` if it is kept or its role is in `overruled` (run = need, reach, decision)."""
    cdef Py_ssize_t need = run[0], reach = run[1]
    cdef object decision = run[2]
    cdef Py_ssize_t m = len(lines), k, j, i, near
    cdef tuple d
    for k in range(m):
        i = lines[k]
        near = 0
        for j in range(max(0, k - reach), min(m, k + reach + 1)):
            if abs(<Py_ssize_t>lines[j] - i) <= reach:
                near += 1
        if near >= need:
            d = as_tuple(out[i])
            if d[1] or d[0] in overruled:
                out[i] = decision
    return 0


cdef inline tuple as_tuple(object row):
    """`row` (a Decision: a tuple subclass) read as the tuple it is."""
    if not isinstance(row, tuple):
        raise TypeError(f"expected a tuple, not {type(row).__name__}")
    return <tuple>row


cdef class Rejected:
    """`decision(a[0], False, a[1])` (a roles.Decision) for the context-free results `a` of one
    page: made once per result (the compiled rules share a dozen), since decisions are
    immutable, and without the named tuple's Python `__new__`."""

    cdef object decision
    cdef list results, made  # made[k] is the decision of results[k]

    def __init__(self, object decision):
        self.decision = decision
        self.results = []
        self.made = []

    cdef object of(self, tuple a):
        cdef Py_ssize_t k
        for k in range(len(self.results)):
            if self.results[k] is a:
                return self.made[k]
        made = tuple.__new__(self.decision, (a[0], False, a[1]))
        if len(self.results) < 32:  # the alone results of a profile are made per line
            self.results.append(a)
            self.made.append(made)
        return made


cdef inline list as_list(object items):
    """`items` (a list or a list subclass such as lines.Lines) read as the list it is."""
    if not isinstance(items, list):
        raise TypeError(f"expected a list, not {type(items).__name__}")
    return <list>items


def body_span(list scores):
    """roles.body_span: the (start, end) of the maximum-sum run; (0, -1) if none is positive."""
    cdef BestRun run = best_run_start()
    cdef Py_ssize_t i
    for i in range(len(scores)):
        best_run_step(&run, scores[i], i)
    return run.start, run.end


cdef extern from *:
    """
    static int sieb_descr_set(PyObject *descriptor, PyObject *obj, PyObject *value) {
        descrsetfunc set = Py_TYPE(descriptor)->tp_descr_set;
        if (set == NULL) {
            PyErr_SetString(PyExc_TypeError, "not a data descriptor");
            return -1;
        }
        return set(descriptor, obj, value);
    }
    """
    int sieb_descr_set(object descriptor, object obj, object value) except -1


def fill_slots(tuple objects, tuple setters, tuple sources):
    """Set slot `setters[k]` (the slot's member descriptor) of every object i to field
    sources[k][1] of sources[k][0][i] (a tuple): what `descriptor.__set__(obj, value)` does,
    without its Python wrapper (the twin of assemble._lines' Python loop)."""
    cdef Py_ssize_t n = len(objects), i, k, field
    cdef list rows
    for k in range(len(setters)):
        rows = as_list(sources[k][0])
        field = sources[k][1]
        if len(rows) != n:
            raise ValueError("a source of another length than the objects")
        for i in range(n):
            sieb_descr_set(setters[k], objects[i], (<tuple>rows[i])[field])


# The headline a page's URL names (sieb.text.headline's python_slug_words and
# python_named_headline are the definitions): the same steps, with the scans of characters in C.
from urllib.parse import unquote as _unquote


cdef inline bint alnum_at(int kind, const void *data, Py_ssize_t i, bint ascii) noexcept:
    """str.isalnum of the character at `i`; an ASCII text's without a call."""
    cdef unsigned char c
    if ascii:
        c = (<const unsigned char *>data)[i]
        return (c - 48u) < 10u or ((c | 32) - 97u) < 26u
    return Py_UNICODE_ISALNUM(PyUnicode_READ(kind, data, i))


cdef list alnum_runs(str text):
    """The runs of alphanumeric characters of `text` (re's [^\\W_]+), in order."""
    cdef Py_ssize_t n = len(text), i = 0, start
    cdef int kind = PyUnicode_KIND(text)
    cdef void *data = PyUnicode_DATA(text)
    cdef bint ascii = PyUnicode_IS_ASCII(text)
    cdef list runs = []
    while i < n:
        if not alnum_at(kind, data, i, ascii):
            i += 1
            continue
        start = i
        while i < n and alnum_at(kind, data, i, ascii):
            i += 1
        runs.append(PyUnicode_Substring(text, start, i))
    return runs


cdef bint all_digits(str word):
    """str.isdigit of a non-empty word."""
    cdef Py_ssize_t i
    cdef int kind = PyUnicode_KIND(word)
    cdef void *data = PyUnicode_DATA(word)
    for i in range(len(word)):
        if not Py_UNICODE_ISDIGIT(PyUnicode_READ(kind, data, i)):
            return False
    return True


def slug_words(object url, tuple extensions, Py_ssize_t min_words, Py_ssize_t max_words):
    """headline.python_slug_words(url) (`extensions`, `min_words` and `max_words` its
    constants)."""
    if not url or not isinstance(url, str):
        return ()
    cdef str text = url
    cdef Py_ssize_t scheme = text.find("://")
    cdef str rest = text[scheme + 3 :] if scheme >= 0 else text
    cdef Py_ssize_t slash = rest.find("/")
    if slash < 0:
        return ()
    cdef str path = rest[slash:].split("?", 1)[0].split("#", 1)[0]
    if "%" in path:
        path = _unquote(path)
    cdef list best = [], words
    cdef str segment
    for segment in path.split("/"):
        segment = segment.lower()
        if segment.endswith(extensions):
            segment = segment[: segment.rfind(".")]
        words = [w for w in alnum_runs(segment) if not all_digits(w)]
        if len(words) >= len(best):
            best = words
    return tuple(best[:max_words]) if len(best) >= min_words else ()


cdef double slug_match(str low, frozenset slug, tuple words, double slug_share_min,
                       double line_share_min) except -1:
    """headline._match."""
    cdef list found = alnum_runs(low)
    cdef Py_ssize_t hits = 0, numbers = 0, k
    if not found:
        return 0.0
    present = frozenset(found)
    for w in words:
        hits += w in present
    cdef double slug_share = <double>hits / len(words)
    hits = 0
    for k in range(len(found)):
        hits += found[k] in slug
        numbers += all_digits(found[k])
    if slug_share < slug_share_min or <double>hits / len(found) < line_share_min:
        return 0.0
    return slug_share + <double>hits / max(1, len(found) - numbers)


cdef inline bint holds_bytes(const char *text, Py_ssize_t n, const char *key,
                             Py_ssize_t m) noexcept:
    """Whether the m bytes of `key` occur in the n of `text` (memmem's answer, by memchr for the
    key's first byte and a comparison of the rest there: fewer steps on a line)."""
    cdef const char *at = text
    cdef const char *stop
    if m == 0:
        return True
    if m > n:
        return False
    stop = text + (n - m + 1)
    while at < stop:
        at = <const char *>memchr(at, key[0], stop - at)
        if at == NULL:
            return False
        if memcmp(at + 1, key + 1, m - 1) == 0:
            return True
        at += 1
    return False


# What `fold` (headline.fold_letters) makes of each character beyond ASCII, by (fold, german):
# {code: the ASCII bytes}, filled as characters come (Slug.folded_holds_key).
cdef dict folded_chars = {}


cdef class Slug:
    """A URL slug's words as headline.python_named_headline matches lines against them."""
    cdef str key, first, last, spelt
    cdef frozenset slug
    cdef tuple words
    cdef object fold
    cdef bint ascii_key
    cdef Py_ssize_t key_len
    cdef dict folded, folded_german  # folded_chars' tables of `fold`

    def __init__(self, tuple words, Py_ssize_t min_words, object fold):
        self.words = words
        self.key = max(words, key=len)
        self.first = self.key[:3]
        self.last = self.key[max(len(self.key) - 3, 0):]
        self.slug = frozenset(words)
        self.spelt = "-".join(words[:min_words])
        self.fold = fold
        self.ascii_key = PyUnicode_IS_ASCII(self.key)
        self.key_len = len(self.key)
        self.folded = folded_chars.setdefault((fold, False), {})
        self.folded_german = folded_chars.setdefault((fold, True), {})

    cdef bint folded_holds_key(self, str low, bint german) except -1:
        """Whether fold(low, german) may hold the key: False only where it does not. The fold
        of a line is its characters' folds in order (each step of fold_letters maps one
        character: replacements, NFKD, whose reordering moves no ASCII character, and the
        ASCII filter), spelt here with an ASCII character (but "'") as itself and others as
        `fold` gave them alone; True for a key beyond ASCII."""
        cdef Py_ssize_t n = len(low), i, size = 0, room = 2 * n + 16, m
        cdef int kind = PyUnicode_KIND(low)
        cdef void *data = PyUnicode_DATA(low)
        cdef Py_UCS4 c
        cdef dict table = self.folded_german if german else self.folded
        cdef bytes piece
        cdef char *buffer
        cdef char *grown
        cdef bint found
        if not self.ascii_key:
            return True
        buffer = <char *>malloc(room)
        if buffer == NULL:
            raise MemoryError()
        try:
            for i in range(n):
                c = PyUnicode_READ(kind, data, i)
                if c < 128:
                    if c != u"'":
                        buffer[size] = <char>c
                        size += 1
                    continue
                item = table.get(<long>c)
                if item is None:
                    item = (<str>self.fold(chr(c), german)).encode("ascii")
                    table[<long>c] = item
                piece = <bytes>item
                m = len(piece)
                if size + m > room:
                    room = 2 * (size + m)
                    grown = <char *>realloc(buffer, room)
                    if grown == NULL:
                        raise MemoryError()
                    buffer = grown
                memcpy(buffer + size, <char *>piece, m)
                size += m
            found = holds_bytes(
                buffer, size, <const char *>PyUnicode_DATA(self.key), self.key_len
            )
        finally:
            free(buffer)
        return found

    cdef double written(self, str low, double slug_min, double line_min) except -1:
        """headline._score; an ASCII key is looked for in one-byte lines by holds_bytes."""
        if self.ascii_key and PyUnicode_KIND(low) == 1:
            if not holds_bytes(
                <const char *>PyUnicode_DATA(low), len(low),
                <const char *>PyUnicode_DATA(self.key), self.key_len,
            ):
                return 0.0
        elif self.key not in low:
            return 0.0
        if self.spelt in low or "://" in low or "%2f" in low:
            return 0.0
        return slug_match(low, self.slug, self.words, slug_min, line_min)

    cdef double lettered(self, str low, double slug_min, double line_min) except -1:
        """headline._lettered_score."""
        cdef double score, german
        if (PyUnicode_IS_ASCII(low) and "'" not in low) or (
            self.first not in low and self.last not in low
        ):
            return 0.0
        # fold is called only where its line may hold the key (else written gives 0.0)
        score = 0.0
        if self.folded_holds_key(low, False):
            score = self.written(self.fold(low, False), slug_min, line_min)
        if ("ä" in low or "ö" in low or "ü" in low) and self.folded_holds_key(low, True):
            german = self.written(self.fold(low, True), slug_min, line_min)
            if german > score:
                score = german
        return score

    cdef Py_ssize_t best_line(self, list feats, bint headlines, bint as_written, bint as_spelt,
                              double slug_min, double line_min, Py_ssize_t max_chars) except -2:
        """headline._best_line: the index of the best-scoring line among the headline-shaped
        ones (`headlines`) or the others, shorter than `max_chars`, scored as written and/or as
        the URL would spell it (the better of the two); -1 for none."""
        cdef Py_ssize_t i, best = -1
        cdef double score, other, best_score = 0.0
        cdef tuple f
        for i in range(len(feats)):
            f = <tuple>feats[i]
            if (not f[IS_HEADLINE]) == headlines or <Py_ssize_t>f[CHARS] >= max_chars:
                continue
            score = self.written(f[LOW], slug_min, line_min) if as_written else 0.0
            if as_spelt:
                other = self.lettered(f[LOW], slug_min, line_min)
                if other > score:
                    score = other
            if score > best_score:
                best, best_score = i, score
        return best


def named_headline(object lines, tuple words, tuple bounds, object fold):
    """headline.python_named_headline(lines, words); `bounds` = (MIN_SLUG_WORDS, SLUG_SHARE,
    LINE_SHARE, SLACK_CHARS, STRICT_SHARE), `fold` headline.fold_letters."""
    cdef list feats = as_list(lines)
    cdef double slug_share = bounds[1], line_share = bounds[2], strict = bounds[4]
    if not words or not feats:
        return None
    cdef Slug match = Slug(words, bounds[0], fold)
    cdef str joined = " ".join(words)
    cdef bint lettered = PyUnicode_IS_ASCII(joined)
    cdef Py_ssize_t max_chars = 2 * len(joined) + <Py_ssize_t>bounds[3]
    cdef Py_ssize_t best = match.best_line(feats, True, True, False, slug_share, line_share,
                                           max_chars)
    if best < 0 and lettered:
        best = match.best_line(feats, True, False, True, slug_share, line_share, max_chars)
    if best < 0:
        best = match.best_line(feats, False, True, lettered, strict, strict, max_chars)
    return None if best < 0 else best
