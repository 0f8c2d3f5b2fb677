# cython: language_level=3, boundscheck=False, wraparound=False
"""Compiled class/id token signals of `sieb.signals` (its `_class_token` is the definition).

The regexes there are alternations of ASCII literals, which `re` tries one by one at every
position; this module scans each token once. The `(?<![a-z])word(?![a-z])` patterns match exactly
the maximal runs of a-z that are in their word set, which is how they are tested here; the stems
are matched as `re.findall` does: leftmost, the first alternative in the given order, without
overlap.
"""


cdef inline bint is_az(Py_UCS4 ch):
    return u"a" <= ch <= u"z"


cdef inline bint is_separator(Py_UCS4 ch):
    return ch == u"-" or ch == u"_"


cdef bint has_at(str text, Py_ssize_t at, str literal):
    """True when `literal` occurs in `text` at index `at`."""
    cdef Py_ssize_t k, size = len(literal)
    if at + size > len(text):
        return False
    for k in range(size):
        if text[at + k] != literal[k]:
            return False
    return True


cdef class Literals:
    """ASCII literals of two or more characters with a value each, grouped by their first two
    characters, in their given order."""

    cdef list by_start  # per pair of ASCII codes: a tuple of (literal, value), or None

    def __init__(self, pairs):
        groups = [[] for _ in range(128 * 128)]
        for literal, value in pairs:
            if len(literal) < 2 or not literal.isascii():
                raise ValueError(f"not an ASCII literal of two or more characters: {literal!r}")
            groups[ord(literal[0]) * 128 + ord(literal[1])].append((literal, value))
        self.by_start = [tuple(group) if group else None for group in groups]

    cdef tuple match_at(self, str text, Py_ssize_t at):
        """The first (literal, value) that `text` has at `at`, or None."""
        cdef Py_ssize_t first, second
        if at + 1 >= len(text):
            return None
        first, second = <Py_UCS4> text[at], <Py_UCS4> text[at + 1]
        if first >= 128 or second >= 128:
            return None
        candidates = self.by_start[first * 128 + second]
        if candidates is None:
            return None
        for pair in <tuple> candidates:
            if has_at(text, at, <str> (<tuple> pair)[0]):
                return <tuple> pair
        return None


cdef class TokenReader:
    """Class/id string -> (flags, positive hint), as `sieb.signals` computes it per token."""

    cdef dict words
    cdef frozenset positive
    cdef Py_ssize_t longest_word
    cdef frozenset hiding
    cdef tuple layout
    cdef Literals stems
    cdef Literals body
    cdef long hidden_flag
    cdef long body_flag
    cdef dict cache
    cdef Py_ssize_t cache_size

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
        self.words = words
        self.positive = positive
        self.longest_word = max(map(len, [*words, *positive]), default=0)
        self.stems = Literals(stems)
        self.body = Literals([(stem, body_flag) for stem in body])
        self.hiding = hiding
        self.layout = layout
        self.hidden_flag = hidden_flag
        self.body_flag = body_flag
        self.cache = cache
        self.cache_size = cache_size

    cdef bint is_layout(self, str token):
        """`(?:^|[-_])(?:<layout words>)[-_]` searched in `token`."""
        cdef Py_ssize_t at, size, n = len(token)
        for at in range(n):
            if at and not is_separator(token[at - 1]):
                continue
            for word in self.layout:
                size = len(<str> word)
                if at + size < n and is_separator(token[at + size]) and has_at(token, at, word):
                    return True
        return False

    cdef long run_signals(self, str token, long *pos):
        """Flags of the a-z runs of `token` that are words; sets `pos` when one is positive."""
        cdef Py_ssize_t start, at = 0, n = len(token)
        cdef long flags = 0
        while at < n:
            if not is_az(token[at]):
                at += 1
                continue
            start = at
            while at < n and is_az(token[at]):
                at += 1
            if at - start <= self.longest_word:
                run = token[start:at]
                value = self.words.get(run)
                if value is not None:
                    flags |= <long> value
                if run in self.positive:
                    pos[0] = 1
        return flags

    cdef long stem_signals(self, str token):
        """Flags of the stems found in `token`, as `re.findall` of their alternation finds them."""
        cdef Py_ssize_t at = 0, n = len(token)
        cdef long flags = 0
        while at < n:
            pair = self.stems.match_at(token, at)
            if pair is None:
                at += 1
            else:
                flags |= <long> pair[1]
                at += len(<str> pair[0])
        return flags

    cdef bint has_body_stem(self, str token, bint separated):
        """A body stem in `token` with its separators (- _ space) removed."""
        cdef Py_ssize_t at
        cdef str compact = token
        if separated:
            compact = token.replace("-", "").replace("_", "").replace(" ", "")
        for at in range(len(compact)):
            if self.body.match_at(compact, at) is not None:
                return True
        return False

    def read(self, str token):
        """Flags and positive hint of one token (sieb.signals._class_token)."""
        cdef long pos = 0
        cdef long flags
        cdef bint separated = False
        cdef Py_UCS4 ch
        for ch in token:
            if ch == u"-" or ch == u"_" or ch == u" ":
                separated = True
                break
        if separated and self.is_layout(token):  # a layout word is followed by - or _
            return (0, 0)
        flags = self.hidden_flag if token in self.hiding else 0
        flags |= self.run_signals(token, &pos)
        flags |= self.stem_signals(token)
        if self.has_body_stem(token, separated):
            flags |= self.body_flag
        return (flags, pos)

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
