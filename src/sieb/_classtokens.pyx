# cython: language_level=3, boundscheck=False, wraparound=False, initializedcheck=False
"""Compiled class/id token signals and element signals of `sieb.signals` (its `_class_token` and
`class_signals` are the definition).

The regexes there are alternations of ASCII literals, which `re` tries one by one at every
position; this module scans each token once, as bytes. The `(?<![a-z])word(?![a-z])` patterns
match exactly the maximal runs of a-z that are in their word set, which is how they are tested
here; the stems are matched as `re.findall` does: leftmost, the first alternative in the given
order, without overlap. None of the patterns matches a non-ASCII character, so a token is read
with each of them replaced by the byte 0x80 (which no literal has and no class matches).

`SignalReader` is `class_signals` for the compiled walk (sieb._blockwalk): it reads the attribute
values as the UTF-8 bytes Lexbor holds, without a dict, and reads an all-ASCII class and id
(nearly all of them) without making a str. A non-ASCII class or id is decoded and read as the
Python definition does (str.lower and str.split treat some non-ASCII characters specially).
"""

cimport cython
from cpython.pycapsule cimport PyCapsule_New
from cpython.unicode cimport PyUnicode_DecodeUTF8
from libc.stdlib cimport free, malloc, realloc
from libc.string cimport memcmp, memcpy

from sieb._elementsignal cimport AttrValue, ElementSignal, element_signal_fn

cdef extern from "Python.h":
    bint PyUnicode_IS_ASCII(object text)
    int PyUnicode_KIND(object text)
    void *PyUnicode_DATA(object text)
    Py_UCS4 PyUnicode_READ(int kind, void *data, Py_ssize_t index)

# The attributes SignalReader reads, in the order the walk gives them (signals.SIGNAL_ATTRIBUTES).
ATTRIBUTES = ("role", "hidden", "aria-hidden", "style", "itemprop", "class", "id")
cdef enum:
    A_ROLE, A_HIDDEN, A_ARIA_HIDDEN, A_STYLE, A_ITEMPROP, A_CLASS, A_ID, A_COUNT
cdef enum:
    PAIRS = 128 * 128  # first-two-byte groups of ASCII literals
    NON_ASCII = 0x80  # what a non-ASCII character of a token is read as


cdef inline bint is_az(unsigned char ch) noexcept:
    return ch >= b"a" and ch <= b"z"


cdef inline bint is_separator(unsigned char ch) noexcept:
    return ch == b"-" or ch == b"_"


cdef inline bint is_split_space(unsigned char ch) noexcept:
    """An ASCII character str.split() splits on."""
    return ch == b" " or (9 <= ch <= 13) or (28 <= ch <= 31)


cdef inline bint is_ascii(const unsigned char *data, size_t length) noexcept:
    cdef size_t i
    for i in range(length):
        if data[i] >= 128:
            return False
    return True


cdef bint contains(const unsigned char *data, size_t length, const char *word, size_t size) noexcept:
    """`word` occurs in `data`."""
    cdef size_t at
    if size > length:
        return False
    for at in range(length - size + 1):
        if data[at] == <unsigned char> word[0] and memcmp(data + at, word, size) == 0:
            return True
    return False


cdef inline bint equals(const unsigned char *data, size_t length, const char *word, size_t size) noexcept:
    return length == size and memcmp(data, word, size) == 0


cdef inline bint same_tail(const unsigned char *a, const unsigned char *b, Py_ssize_t size) noexcept:
    """a[2:size] == b[2:size] (the first two bytes are known to be equal; literals are short)."""
    cdef Py_ssize_t i
    for i in range(2, size):
        if a[i] != b[i]:
            return False
    return True


@cython.final
cdef class Literals:
    """ASCII literals of two or more characters with a value each, grouped by their first two
    characters, in their given order within a group."""

    cdef bytes text  # the literals, concatenated in group order
    cdef const unsigned char *chars  # of `text`
    cdef Py_ssize_t *offsets
    cdef Py_ssize_t *sizes
    cdef long *values
    cdef int *groups  # literals groups[p] .. groups[p + 1] - 1 start with the pair p

    def __cinit__(self):
        self.offsets = self.sizes = NULL
        self.values = NULL
        self.groups = NULL

    def __dealloc__(self):
        free(self.offsets)
        free(self.sizes)
        free(self.values)
        free(self.groups)

    def __init__(self, pairs):
        cdef Py_ssize_t p
        pairs = list(pairs)
        for literal, _ in pairs:
            if len(literal) < 2 or not literal.isascii():
                raise ValueError(f"not an ASCII literal of two or more characters: {literal!r}")
        order = sorted(range(len(pairs)), key=lambda i: _pair_code(pairs[i][0]))  # stable
        count = len(pairs)
        self.offsets = <Py_ssize_t *> malloc(max(count, 1) * sizeof(Py_ssize_t))
        self.sizes = <Py_ssize_t *> malloc(max(count, 1) * sizeof(Py_ssize_t))
        self.values = <long *> malloc(max(count, 1) * sizeof(long))
        self.groups = <int *> malloc((PAIRS + 1) * sizeof(int))
        if not (self.offsets and self.sizes and self.values and self.groups):
            raise MemoryError()
        text = bytearray()
        for p in range(PAIRS + 1):
            self.groups[p] = 0
        for index, i in enumerate(order):
            literal, value = pairs[i]
            self.offsets[index] = len(text)
            self.sizes[index] = len(literal)
            self.values[index] = value
            text += literal.encode("ascii")
            self.groups[_pair_code(literal) + 1] = index + 1
        for p in range(1, PAIRS + 1):  # groups[p + 1] is the end of group p, or 0 if none yet
            if self.groups[p] < self.groups[p - 1]:
                self.groups[p] = self.groups[p - 1]
        self.text = bytes(text)
        self.chars = self.text

    cdef inline Py_ssize_t match_at(
        self, const unsigned char *token, Py_ssize_t at, Py_ssize_t n, long *value
    ) noexcept:
        """The length of the first literal that `token` (of length n) has at `at`, setting
        `value` to its value; 0 for none."""
        cdef int pair, i
        cdef Py_ssize_t size
        if at + 1 >= n or token[at] >= 128 or token[at + 1] >= 128:
            return 0
        pair = token[at] * 128 + token[at + 1]
        for i in range(self.groups[pair], self.groups[pair + 1]):
            size = self.sizes[i]
            if at + size <= n and same_tail(self.chars + self.offsets[i], token + at, size):
                value[0] = self.values[i]
                return size
        return 0

    cdef inline bint find(self, const unsigned char *word, Py_ssize_t n, long *value) noexcept:
        """True when word[:n] is one of the literals, setting `value` to its value."""
        cdef int pair, i
        if n < 2 or word[0] >= 128 or word[1] >= 128:
            return False
        pair = word[0] * 128 + word[1]
        for i in range(self.groups[pair], self.groups[pair + 1]):
            if self.sizes[i] == n and same_tail(self.chars + self.offsets[i], word, n):
                value[0] = self.values[i]
                return True
        return False


def _pair_code(literal):
    return ord(literal[0]) * 128 + ord(literal[1])


@cython.final
cdef class TokenReader:
    """Class/id string -> (flags, positive hint), as `sieb.signals` computes it per token."""

    cdef Literals words
    cdef Literals positive
    cdef Literals hiding
    cdef Literals stems
    cdef Literals body
    cdef bytes layout  # the layout words, concatenated
    cdef Py_ssize_t layout_sizes[8]
    cdef Py_ssize_t layout_count
    cdef long hidden_flag
    cdef long body_flag
    cdef dict cache
    cdef Py_ssize_t cache_size
    cdef unsigned char *buffer  # a token as bytes, then compacted
    cdef Py_ssize_t buffer_size

    def __cinit__(self):
        self.buffer = NULL
        self.buffer_size = 0

    def __dealloc__(self):
        free(self.buffer)

    def __init__(
        self,
        dict words,
        frozenset positive,
        tuple stems,
        tuple body,
        frozenset hiding,
        tuple layout,
        long hidden_flag,
        long body_flag,
        dict cache,
        Py_ssize_t cache_size,
    ):
        for word in [*words, *positive]:
            if not (word.isascii() and word.isalpha() and word.islower()):
                raise ValueError(f"a word that is not a run of a-z: {word!r}")
        for word in layout:
            if not word.isascii() or not word:
                raise ValueError(f"not an ASCII layout word: {word!r}")
        if len(layout) > 8:
            raise ValueError("more than 8 layout words")
        self.words = Literals(words.items())
        self.positive = Literals((word, 1) for word in positive)
        self.hiding = Literals((word, 1) for word in hiding)
        self.stems = Literals(stems)
        self.body = Literals([(stem, body_flag) for stem in body])
        self.layout = "".join(layout).encode("ascii")
        self.layout_count = len(layout)
        for i, word in enumerate(layout):
            self.layout_sizes[i] = len(word)
        self.hidden_flag = hidden_flag
        self.body_flag = body_flag
        self.cache = cache
        self.cache_size = cache_size

    cdef unsigned char *room(self, Py_ssize_t size) except NULL:
        """The buffer, with room for `size` bytes."""
        cdef unsigned char *grown
        if size > self.buffer_size or self.buffer == NULL:
            grown = <unsigned char *> realloc(self.buffer, max(size, 2 * self.buffer_size, 64))
            if grown == NULL:
                raise MemoryError()
            self.buffer = grown
            self.buffer_size = max(size, 2 * self.buffer_size, 64)
        return self.buffer

    cdef bint is_layout(self, const unsigned char *token, Py_ssize_t n) noexcept:
        """`(?:^|[-_])(?:<layout words>)[-_]` searched in `token`."""
        cdef Py_ssize_t at, i, size, offset
        cdef const char *words = self.layout
        for at in range(n):
            if at and not is_separator(token[at - 1]):
                continue
            offset = 0
            for i in range(self.layout_count):
                size = self.layout_sizes[i]
                if (at + size < n and token[at] == <unsigned char> words[offset]
                        and is_separator(token[at + size])
                        and memcmp(token + at, words + offset, size) == 0):
                    return True
                offset += size
        return False

    cdef long run_signals(self, const unsigned char *token, Py_ssize_t n, long *pos) noexcept:
        """Flags of the a-z runs of `token` that are words; sets `pos` when one is positive."""
        cdef Py_ssize_t start, at = 0
        cdef long flags = 0, value = 0
        while at < n:
            if not is_az(token[at]):
                at += 1
                continue
            start = at
            while at < n and is_az(token[at]):
                at += 1
            if self.words.find(token + start, at - start, &value):
                flags |= value
            if self.positive.find(token + start, at - start, &value):
                pos[0] = 1
        return flags

    cdef long stem_signals(self, const unsigned char *token, Py_ssize_t n) noexcept:
        """Flags of the stems found in `token`, as `re.findall` of their alternation finds them."""
        cdef Py_ssize_t size, at = 0
        cdef long flags = 0, value = 0
        while at < n:
            size = self.stems.match_at(token, at, n, &value)
            if size == 0:
                at += 1
            else:
                flags |= value
                at += size
        return flags

    cdef bint has_body_stem(self, unsigned char *token, Py_ssize_t n, bint separated) noexcept:
        """A body stem in `token` with its separators (- _ space) removed (in place)."""
        cdef Py_ssize_t at, size = n
        cdef long value = 0
        if separated:
            size = 0
            for at in range(n):
                if not (is_separator(token[at]) or token[at] == b" "):
                    token[size] = token[at]
                    size += 1
        for at in range(size):
            if self.body.match_at(token, at, size, &value):
                return True
        return False

    cdef long token_signal(self, unsigned char *token, Py_ssize_t n, long *pos) noexcept:
        """Flags of one token (as bytes, non-ASCII characters read as NON_ASCII), setting `pos`
        when it is positive; `token` is overwritten."""
        cdef long flags, value = 0
        cdef bint separated = False
        cdef Py_ssize_t at
        for at in range(n):
            if is_separator(token[at]) or token[at] == b" ":
                separated = True
                break
        if separated and self.is_layout(token, n):  # a layout word is followed by - or _
            return 0
        flags = self.hidden_flag if self.hiding.find(token, n, &value) else 0
        flags |= self.run_signals(token, n, pos)
        flags |= self.stem_signals(token, n)
        if self.has_body_stem(token, n, separated):
            flags |= self.body_flag
        return flags

    def read(self, str token):
        """Flags and positive hint of one token (sieb.signals._class_token)."""
        cdef Py_ssize_t i, n = len(token)
        cdef unsigned char *chars = self.room(n)
        cdef int kind
        cdef void *data
        cdef Py_UCS4 ch
        cdef long flags, pos = 0
        if PyUnicode_IS_ASCII(token):
            memcpy(chars, PyUnicode_DATA(token), n)
        else:
            kind, data = PyUnicode_KIND(token), PyUnicode_DATA(token)
            for i in range(n):
                ch = PyUnicode_READ(kind, data, i)
                chars[i] = <unsigned char> ch if ch < 128 else NON_ASCII
        flags = self.token_signal(chars, n, &pos)
        return (flags, pos)

    cdef long ascii_value_signals(self, const unsigned char *value, size_t length, long *pos) except? -1:
        """Flags of the whitespace-separated tokens of an ASCII class or id value, lowercased
        (as `str.split` of `str.lower` finds them), ORed; sets `pos` when one is positive."""
        cdef unsigned char *chars = self.room(<Py_ssize_t> length)
        cdef size_t start, at = 0
        cdef unsigned char ch
        cdef long flags = 0
        while at < length:
            if is_split_space(value[at]):
                at += 1
                continue
            start = at
            while at < length and not is_split_space(value[at]):
                ch = value[at]
                chars[at - start] = ch + 32 if b"A" <= ch <= b"Z" else ch
                at += 1
            flags |= self.token_signal(chars, <Py_ssize_t> (at - start), pos)
        return flags

    def __call__(self, str tokens):
        """Flags and positive hint of a class/id string: its tokens' ORed, each memoised."""
        cdef long flags = 0, pos = 0
        for token in tokens.split():
            signal = self.cache.get(token)
            if signal is None:
                signal = self.read(token)
                if len(self.cache) < self.cache_size:
                    self.cache[token] = signal
            flags |= <long> (<tuple> signal)[0]
            pos |= <long> (<tuple> signal)[1]
        return (flags, pos)


cdef inline str decoded(AttrValue value):
    """The value as selectolax gives it ("" for None: class_signals reads both as false)."""
    if value.data == NULL or value.length == 0:
        return ""
    return PyUnicode_DecodeUTF8(<const char *> value.data, value.length, "replace")


cdef inline bint has_text(AttrValue value) noexcept:
    return value.present and value.data != NULL and value.length > 0


@cython.final
cdef class SignalReader:
    """sieb.signals.class_signals on attribute values given as UTF-8 bytes."""

    cdef TokenReader tokens
    cdef dict role_flags
    cdef object hidden_style  # the search method of signals._HIDDEN_STYLE
    cdef long hidden_flag
    cdef long body_flag
    cdef long negative_flags

    def __init__(
        self,
        TokenReader tokens,
        tuple attributes,
        dict role_flags,
        hidden_style,
        long hidden_flag,
        long body_flag,
        long negative_flags,
    ):
        if attributes != ATTRIBUTES:
            raise ValueError(f"the signal attributes are not {ATTRIBUTES}")
        self.tokens = tokens
        self.role_flags = role_flags
        self.hidden_style = hidden_style
        self.hidden_flag = hidden_flag
        self.body_flag = body_flag
        self.negative_flags = negative_flags

    cdef int read_element(self, long flags, const AttrValue *values, ElementSignal *signal) except -1:
        """class_signals(tag, attributes), `flags` being the tag's."""
        cdef long pos = 0
        cdef AttrValue cls = values[A_CLASS], ident = values[A_ID], style = values[A_STYLE]
        if has_text(values[A_ROLE]):
            flags |= <long> self.role_flags.get(decoded(values[A_ROLE]).lower(), 0)
        if values[A_HIDDEN].present or (
            values[A_ARIA_HIDDEN].present
            and equals(values[A_ARIA_HIDDEN].data, values[A_ARIA_HIDDEN].length, "true", 4)
        ):
            flags |= self.hidden_flag
        # the style pattern matches "none" or "hidden", which are there as bytes when in the str
        if has_text(style) and (
            contains(style.data, style.length, "none", 4)
            or contains(style.data, style.length, "hidden", 6)
        ) and self.hidden_style(decoded(style)) is not None:
            flags |= self.hidden_flag
        if values[A_ITEMPROP].present and equals(
            values[A_ITEMPROP].data, values[A_ITEMPROP].length, "articleBody", 11
        ):
            flags |= self.body_flag
        if has_text(cls) or has_text(ident):
            if is_ascii(cls.data, cls.length) and is_ascii(ident.data, ident.length):
                flags |= self.tokens.ascii_value_signals(cls.data, cls.length, &pos)
                flags |= self.tokens.ascii_value_signals(ident.data, ident.length, &pos)
            else:
                token_flags, token_pos = self.tokens(f"{decoded(cls)} {decoded(ident)}".lower())
                flags |= <long> token_flags
                pos |= <long> token_pos
        signal.flags = flags
        signal.neg = popcount(flags & self.negative_flags)
        signal.pos = pos
        signal.article = (flags & self.body_flag) != 0
        signal.empty = flags == 0 and pos == 0
        return 0

    def capsule(self):
        """The C function the compiled walk calls with this reader (see _elementsignal.pxd)."""
        cdef element_signal_fn function = element_signal
        return PyCapsule_New(<void *> function, "sieb._classtokens.element_signal", NULL)

    def signal(self, long tag_flags, dict attributes):
        """(flags, neg, pos, article, is EMPTY_SIGNAL) of class_signals(tag, attributes), given
        the tag's flags; a value is None, a str (read as its UTF-8) or bytes (Lexbor's bytes)."""
        cdef AttrValue values[A_COUNT]
        cdef ElementSignal signal
        cdef int slot
        cdef bytes data
        kept = []
        for slot in range(A_COUNT):
            values[slot] = AttrValue(False, NULL, 0)
            name = ATTRIBUTES[slot]
            if name not in attributes:
                continue
            values[slot].present = True
            value = attributes[name]
            if value is not None:
                data = value.encode() if isinstance(value, str) else bytes(value)
                kept.append(data)
                values[slot].data = <const unsigned char *> data
                values[slot].length = len(data)
        self.read_element(tag_flags, values, &signal)
        return (signal.flags, signal.neg, signal.pos, signal.article, signal.empty)


cdef inline long popcount(long bits) noexcept:
    cdef long count = 0
    while bits:
        bits &= bits - 1
        count += 1
    return count


cdef int element_signal(
    object reader, long tag_flags, const AttrValue *values, ElementSignal *signal
) except -1:
    return (<SignalReader> reader).read_element(tag_flags, values, signal)
