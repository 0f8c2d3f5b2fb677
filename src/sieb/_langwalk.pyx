# cython: language_level=3, boundscheck=False, wraparound=False
"""Compiled twins of two steps of py3langid's scoring (see sieb.langwalk, which checks them).

`DfaWalker` is `visit_counts`: the walk of a text's UTF-8 bytes through the model's byte-level
DFA, counting the features it meets. Its result is the same dict as py3langid's
`Counter(indexes)`: the same features in the same order (of first occurrence) with the same
counts (it walks long texts in segments side by side, checked to give the serial walk's
states). `HalfRows` gathers the model rows of those features as float32, the values numpy's
float16 matrix product converts them to; it prefetches rows ahead, as the table is far larger
than the cache (the values and their order are unchanged), and converts them with the CPU's F16C
instructions where it has them (checked on every half-precision value against numpy's values;
else through a table of all 65,536, a quarter of a megabyte read at random).
"""

from cpython.mem cimport PyMem_Free, PyMem_Malloc
from libc.string cimport memset

import numpy as np

cdef extern from *:
    """
    #if defined(__GNUC__) || defined(__clang__)
    #define sieb_prefetch(address) __builtin_prefetch((address), 0, 0)
    #else
    #define sieb_prefetch(address) ((void)(address))
    #endif
    """
    void sieb_prefetch(const void *address) noexcept nogil

cdef extern from *:
    """
    /* Half to single precision by the CPU's F16C instructions (exact, as numpy's conversion:
       HalfRows checks them on every half-precision value before it uses them). */
    #if (defined(__GNUC__) || defined(__clang__)) && defined(__x86_64__)
    #include <immintrin.h>
    __attribute__((target("f16c,avx")))
    static void sieb_halves_to_floats(const unsigned short *halves, float *out, Py_ssize_t n) {
        Py_ssize_t j = 0;
        for (; n - j >= 8; j += 8)
            _mm256_storeu_ps(out + j, _mm256_cvtph_ps(_mm_loadu_si128((const __m128i *)(halves + j))));
        for (; j < n; j++)
            out[j] = _mm_cvtss_f32(_mm_cvtph_ps(_mm_cvtsi32_si128(halves[j])));
    }
    /* Whether any of n half-precision values is a NaN: without its sign bit, a NaN is above
       0x7c00 (all exponent bits and a mantissa), so adding 0x3ff carries into bit 15. Four
       values at a time in a 64-bit word (no carry crosses a value: 0x7fff + 0x3ff < 0x10000). */
    static int sieb_any_half_nan(const unsigned short *halves, Py_ssize_t n) {
        unsigned long long found = 0, word;
        Py_ssize_t j = 0;
        for (; n - j >= 4; j += 4) {
            memcpy(&word, halves + j, sizeof word);
            found |= ((word & 0x7fff7fff7fff7fffULL) + 0x03ff03ff03ff03ffULL) & 0x8000800080008000ULL;
        }
        for (; j < n; j++)
            found |= ((halves[j] & 0x7fffu) + 0x03ffu) & 0x8000u;
        return found != 0;
    }
    static int sieb_has_f16c(void) {
        __builtin_cpu_init();
        return __builtin_cpu_supports("f16c") && __builtin_cpu_supports("avx");
    }
    #else
    static void sieb_halves_to_floats(const unsigned short *halves, float *out, Py_ssize_t n) {
        (void)halves; (void)out; (void)n;
    }
    static int sieb_has_f16c(void) { return 0; }
    static int sieb_any_half_nan(const unsigned short *halves, Py_ssize_t n) {
        (void)halves; (void)n; return 1;
    }
    #endif
    """
    void sieb_halves_to_floats(const unsigned short *halves, float *out, Py_ssize_t n) noexcept nogil
    bint sieb_has_f16c() noexcept nogil
    bint sieb_any_half_nan(const unsigned short *halves, Py_ssize_t n) noexcept nogil

cdef enum:
    PREFETCH_AHEAD = 8  # rows fetched ahead of the one being converted (HalfRows)
    CHAINS = 8  # segments of a long text walked side by side (DfaWalker)
    WARM_UP = 16  # bytes a segment's walk starts early (its state had always met by 8)


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

    cdef inline unsigned int _move(self, unsigned int state, unsigned char byte) noexcept nogil:
        return self.nextmove[self.rowbase[state] + byte]

    cdef void _walk(self, const unsigned char *data, Py_ssize_t n,
                    unsigned int *states) noexcept nogil:
        """states[i] = the DFA's state after data[i], from state 0 before data[0].

        Each step reads the table (far larger than the cache) at a place only known after the
        previous step, so a single walk waits for memory at every byte. Long texts are walked
        as CHAINS segments side by side, whose reads overlap. A segment's walk starts WARM_UP
        bytes early from state 0: the state of this DFA depends only on the last few bytes, so
        it usually meets the state the previous segment ends with; where it does not, the
        segment is walked again from that state, so `states` is always the serial walk's."""
        cdef Py_ssize_t i, c, length = n // CHAINS
        cdef unsigned int state = 0
        cdef unsigned int current[CHAINS]
        cdef unsigned int warmed[CHAINS]
        if length < 2 * WARM_UP:
            for i in range(n):
                state = self._move(state, data[i])
                states[i] = state
            return
        current[0] = 0
        for c in range(1, CHAINS):
            current[c] = 0
        for i in range(WARM_UP):
            for c in range(1, CHAINS):
                current[c] = self._move(current[c], data[c * length - WARM_UP + i])
        for c in range(1, CHAINS):
            warmed[c] = current[c]
        for i in range(length):
            for c in range(CHAINS):
                current[c] = self._move(current[c], data[c * length + i])
                states[c * length + i] = current[c]
        state = current[CHAINS - 1]
        for i in range(CHAINS * length, n):
            state = self._move(state, data[i])
            states[i] = state
        for c in range(1, CHAINS):
            if states[c * length - 1] != warmed[c]:
                self._rewalk(data, states, c * length, (c + 1) * length if c < CHAINS - 1
                             else n)

    cdef void _rewalk(self, const unsigned char *data, unsigned int *states, Py_ssize_t start,
                      Py_ssize_t end) noexcept nogil:
        """Walk data[start:end] again from the state before it."""
        cdef Py_ssize_t i
        cdef unsigned int state = states[start - 1]
        for i in range(start, end):
            state = self._move(state, data[i])
            states[i] = state

    cdef Py_ssize_t _count(self, const unsigned char[::1] data) except -1:
        """Walk `data` and count its features: the number of distinct ones, which are
        self.order[:that number] (in order of first occurrence) with their self.counts. The
        caller reads them and sets those counts back to zero (calling no Python code in
        between, so that no other thread can run)."""
        cdef Py_ssize_t i, n = data.shape[0], seen = 0
        cdef int feature
        cdef unsigned int *states
        if n == 0:
            return 0
        states = <unsigned int *> PyMem_Malloc(n * sizeof(unsigned int))
        if states == NULL:
            raise MemoryError()
        self._walk(&data[0], n, states)
        for i in range(n):
            feature = self.output[states[i]]
            if feature >= 0:
                if self.counts[feature] == 0:
                    self.order[seen] = feature
                    seen += 1
                self.counts[feature] += 1
        PyMem_Free(states)
        return seen

    def __call__(self, const unsigned char[::1] data):
        cdef Py_ssize_t i, seen = self._count(data)
        cdef unsigned int *found
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

    def counted(self, const unsigned char[::1] data):
        """`(features, counts)`: the keys of `self(data)` as an intp array and its values as a
        float32 array (what py3langid's scoring makes of them), or None (no feature); without
        the dict."""
        cdef Py_ssize_t i, seen = self._count(data)
        if seen == 0:
            return None
        cdef Py_ssize_t[::1] features
        cdef float[::1] counts
        try:
            features_array = np.empty(seen, dtype=np.intp)
            counts_array = np.empty(seen, dtype=np.float32)
        except BaseException:
            for i in range(seen):
                self.counts[self.order[i]] = 0
            raise
        features, counts = features_array, counts_array
        for i in range(seen):
            features[i] = self.order[i]
            # as numpy converts a Python int to float32: by way of a double (exact to 2**53)
            counts[i] = <float> <double> self.counts[self.order[i]]
            self.counts[self.order[i]] = 0
        return features_array, counts_array


cdef class HalfRows:
    """`rows(visits)` -> float32 array of the model rows of `visits`' features (its keys, in
    order): `table[list(visits)].astype(np.float32)` of a float16 `table`, converted by F16C
    instructions (`by_cpu`) or through a table of all 65,536 half-precision values made by
    numpy itself (so the same bits either way)."""

    cdef const unsigned short[:, ::1] table
    cdef const float[::1] halves
    cdef readonly object source  # the float16 table
    # Whether rows are converted by F16C instructions: the CPU has them, they give the table's
    # bits for every half that is not a NaN, and the model holds no NaN.
    cdef readonly bint by_cpu

    def __init__(self, table):
        if table.dtype != np.float16 or table.ndim != 2 or not table.flags.c_contiguous:
            raise ValueError("expected a C-contiguous 2-D float16 array")
        self.source = table
        self.table = table.view(np.uint16)
        self.halves = np.arange(65536, dtype=np.uint32).astype(np.uint16).view(np.float16
                                                                               ).astype(np.float32)
        self.by_cpu = (
            sieb_has_f16c()
            and self.cpu_agrees()
            and (table.size == 0 or not sieb_any_half_nan(&self.table[0, 0], table.size))
        )

    cdef bint cpu_agrees(self):
        """Whether F16C converts every half-precision value that is no NaN as numpy does."""
        every = np.arange(65536, dtype=np.uint32).astype(np.uint16)
        converted = np.empty(65536, dtype=np.float32)
        cdef const unsigned short[::1] source = every
        cdef float[::1] out = converted
        sieb_halves_to_floats(&source[0], &out[0], 65536)
        numbers = ~np.isnan(every.view(np.float16))
        return bool(np.array_equal(converted.view(np.uint32)[numbers],
                                   np.asarray(self.halves).view(np.uint32)[numbers]))

    def __call__(self, visits):
        """The rows of the features of `visits` (a dict: its keys), in its order."""
        cdef Py_ssize_t i = 0, n = len(visits)
        cdef Py_ssize_t *order
        if n == 0:
            return np.empty((0, self.table.shape[1]), dtype=np.float32)
        order = <Py_ssize_t *> PyMem_Malloc(n * sizeof(Py_ssize_t))
        if order == NULL:
            raise MemoryError()
        try:
            for feature in visits:
                if i == n:
                    raise ValueError("visits has more features than its length")
                order[i] = feature
                i += 1
            return self._gather(order, n)
        finally:
            PyMem_Free(order)

    def take(self, const Py_ssize_t[::1] features):
        """The rows of `features` (an intp array, as DfaWalker.counted gives), in its order."""
        if features.shape[0] == 0:
            return np.empty((0, self.table.shape[1]), dtype=np.float32)
        return self._gather(&features[0], features.shape[0])

    cdef object _gather(self, const Py_ssize_t *order, Py_ssize_t n):
        """The rows order[:n] as an n x width float32 array (n > 0)."""
        cdef Py_ssize_t i, j, k, width = self.table.shape[1], height = self.table.shape[0]
        cdef const unsigned short *base
        cdef const unsigned short *source
        for i in range(n):
            if order[i] < 0 or order[i] >= height:
                raise IndexError(f"feature {order[i]} is not a row of the model")
        out = np.empty((n, width), dtype=np.float32)
        if width == 0:
            return out
        cdef float[:, ::1] rows = out
        # The rows lie scattered over a table far larger than the cache: fetch each a few
        # rows ahead of its conversion, so that the memory reads overlap.
        base = &self.table[0, 0]
        for k in range(min(PREFETCH_AHEAD, n)):
            _prefetch_row(base + order[k] * width, width)
        for i in range(n):
            if i + PREFETCH_AHEAD < n:
                _prefetch_row(base + order[i + PREFETCH_AHEAD] * width, width)
            source = base + order[i] * width
            if self.by_cpu:
                sieb_halves_to_floats(source, &rows[i, 0], width)
                continue
            for j in range(width):
                rows[i, j] = self.halves[source[j]]
        return out


cdef inline void _prefetch_row(const unsigned short *row, Py_ssize_t width) noexcept nogil:
    """Ask for every cache line of a row of `width` half-precision values."""
    cdef const char *start = <const char *> row
    cdef Py_ssize_t offset, size = width * sizeof(unsigned short)
    for offset in range(0, size, 64):
        sieb_prefetch(start + offset)
    sieb_prefetch(start + size - 1)


cdef extern from "Python.h":
    int PyUnicode_KIND(object text)
    void *PyUnicode_DATA(object text)
    Py_UCS4 PyUnicode_READ(int kind, void *data, Py_ssize_t index)
    object PyUnicode_Substring(object text, Py_ssize_t start, Py_ssize_t end)
    bint Py_UNICODE_ISSPACE(Py_UCS4 ch)
    int PyUnicode_1BYTE_KIND
    int PyUnicode_2BYTE_KIND

# A character of a text of two or four bytes a character (Py_UCS2, Py_UCS4).
ctypedef fused wide_char:
    unsigned short
    unsigned int

cdef enum:
    MAX_PACKED = 7  # characters of a stop word packed into a key (8 bits each)
    MAX_STOPS = 256
    BMP = 0x10000
    SPACE = 0x100  # StopCounter.fold1's mark of whitespace
    # What a character above Latin-1 tells of a word that holds it (StopCounter.wide_kind):
    NOT_A_STOP_WORD = 1  # it lowers to no Latin-1 character: the word lowers to no stop word
    LOWER_THE_WORD = 2  # it may lower to a Latin-1 one (K, the Kelvin sign): ask str.lower


cdef class StopCounter:
    """How many stop words of each language the first `sample` characters of a text hold, as
    {code: count} in the order of `stops` (the twin of sieb.language's python_stop_counts:
    `_stop_counts(text[:sample].lower().split())`).

    The words are the whitespace-separated runs (str.split's whitespace: lowering a text
    neither makes nor removes any, as a test checks for every character). A word longer than
    the longest stop word cannot lower to one (lowering never shortens). Every stop word is of
    at most MAX_PACKED Latin-1 characters, and every Latin-1 character lowers to one Latin-1
    character (both checked here), so a word of Latin-1 characters is lowered through a table
    made by str.lower and looked up as a packed key. A word with a character above Latin-1
    that lowers to no Latin-1 character ("don’t", "–") lowers to no stop word; another (with
    a Kelvin sign, say) is lowered by str.lower: in isolation it can differ from the whole
    text's lowering only by the choice of final sigma, and no stop word has a sigma."""

    cdef tuple codes
    cdef dict words  # stop word -> bit mask of its languages
    cdef unsigned long long keys[MAX_STOPS]  # packed stop words, sorted
    cdef unsigned int masks[MAX_STOPS]
    # Bit (c & 31) of firsts[length] is set when a stop word of that length begins with a
    # character c: most words are ruled out by it before the search.
    cdef unsigned int firsts[MAX_PACKED + 1]
    cdef Py_ssize_t n_keys
    cdef Py_ssize_t sample
    cdef Py_ssize_t longest
    # Latin-1 character -> its lowering, or SPACE for whitespace (str.split's).
    cdef unsigned short fold1[256]
    # Character of the Basic Multilingual Plane above Latin-1 -> NOT_A_STOP_WORD or
    # LOWER_THE_WORD, filled as characters are met (0: not yet).
    cdef unsigned char wide[BMP]

    def __init__(self, dict stops, Py_ssize_t sample):
        cdef dict packed_masks = {}
        self.codes = tuple(stops)
        if len(self.codes) > 32:
            raise ValueError("more languages than bits in a mask")
        self.words = {}
        self.sample = sample
        self.longest = 0
        for bit, code in enumerate(self.codes):
            for word in stops[code]:
                if not word or word != word.lower() or word.split() != [word]:
                    raise ValueError(f"{word!r} is not a lower-case word")
                if len(word) > MAX_PACKED or max(map(ord, word)) >= 256:
                    raise ValueError(f"{word!r} is not of at most {MAX_PACKED} Latin-1 letters")
                self.longest = max(self.longest, len(word))
                self.words[word] = self.words.get(word, 0) | (1 << bit)
                key = pack_latin1(word)
                packed_masks[key] = packed_masks.get(key, 0) | (1 << bit)
        if len(packed_masks) > MAX_STOPS:
            raise ValueError("too many stop words")
        self.n_keys = 0
        for k in range(MAX_PACKED + 1):
            self.firsts[k] = 0
        for key in packed_masks:
            length = key >> 56
            self.firsts[length] |= 1u << ((key >> (8 * (length - 1))) & 31)
        for key in sorted(packed_masks):
            self.keys[self.n_keys] = key
            self.masks[self.n_keys] = packed_masks[key]
            self.n_keys += 1
        for k in range(256):
            lowered = chr(k).lower()
            if len(lowered) != 1 or ord(lowered) >= 256:
                raise ValueError(f"{chr(k)!r} does not lower to one Latin-1 character")
            self.fold1[k] = SPACE if Py_UNICODE_ISSPACE(k) else ord(lowered)
        memset(self.wide, 0, BMP)

    cdef inline unsigned int packed_mask(self, unsigned long long key) noexcept:
        """The languages of a packed word (0: no stop word): a binary search."""
        cdef Py_ssize_t low = 0, high = self.n_keys
        cdef Py_ssize_t middle
        cdef unsigned int length = key >> 56
        if not (self.firsts[length] >> ((key >> (8 * (length - 1))) & 31)) & 1:
            return 0
        while low < high:
            middle = (low + high) >> 1
            if self.keys[middle] < key:
                low = middle + 1
            else:
                high = middle
        if low < self.n_keys and self.keys[low] == key:
            return self.masks[low]
        return 0

    cdef unsigned char wide_kind(self, Py_UCS4 ch) except 0:
        """NOT_A_STOP_WORD or LOWER_THE_WORD for a character above Latin-1."""
        if ch >= BMP:
            return LOWER_THE_WORD
        if self.wide[ch] == 0:
            lowered = chr(ch).lower()
            self.wide[ch] = (
                LOWER_THE_WORD if min(map(ord, lowered)) < 256 else NOT_A_STOP_WORD)
        return self.wide[ch]

    def __call__(self, str text):
        cdef Py_ssize_t n = min(len(text), self.sample), k
        cdef long counts[32]
        for k in range(32):
            counts[k] = 0
        if PyUnicode_KIND(text) == PyUnicode_1BYTE_KIND:
            self.count_latin1(<const unsigned char *> PyUnicode_DATA(text), n, counts)
        elif PyUnicode_KIND(text) == PyUnicode_2BYTE_KIND:
            self.count_wide(text, <const unsigned short *> PyUnicode_DATA(text), n, counts)
        else:
            self.count_wide(text, <const unsigned int *> PyUnicode_DATA(text), n, counts)
        return {code: counts[k] for k, code in enumerate(self.codes)}

    cdef void count_latin1(self, const unsigned char *data, Py_ssize_t n,
                           long *counts) noexcept:
        """Count the stop words of a text of Latin-1 characters (`data`: its first `n`).
        A word's key is packed from all its characters: the first ones of a word longer than
        MAX_PACKED are shifted out, but such a word is too long for a stop word anyway."""
        cdef Py_ssize_t i = 0, start
        cdef const unsigned short *fold = self.fold1
        cdef unsigned short folded
        cdef unsigned long long key
        while i < n:
            folded = fold[data[i]]
            i += 1
            if folded == SPACE:
                continue
            start = i - 1
            key = folded
            while i < n:
                folded = fold[data[i]]
                if folded == SPACE:
                    break
                key = (key << 8) | folded
                i += 1
            if i - start <= self.longest:  # (<= MAX_PACKED)
                add_mask(counts, self.packed_mask(key | (<unsigned long long> (i - start) << 56)))

    cdef int count_wide(self, str text, const wide_char *data, Py_ssize_t n,
                        long *counts) except -1:
        """Count the stop words of a text of two or four bytes a character (`data`: its first
        `n`)."""
        cdef Py_ssize_t i = 0, start
        cdef const unsigned short *fold = self.fold1
        cdef Py_UCS4 ch
        cdef unsigned long long key
        cdef unsigned char wide  # NOT_A_STOP_WORD and LOWER_THE_WORD of the word's characters
        while i < n:
            ch = data[i]
            if (ch < 256 and fold[ch] == SPACE) or (ch >= 256 and Py_UNICODE_ISSPACE(ch)):
                i += 1
                continue
            start = i
            key = 0
            wide = 0
            while i < n:
                ch = data[i]
                if ch < 256:
                    if fold[ch] == SPACE:
                        break
                    key = (key << 8) | fold[ch]  # as in count_latin1
                elif Py_UNICODE_ISSPACE(ch):
                    break
                elif ch < BMP and self.wide[ch]:
                    wide |= self.wide[ch]
                else:
                    wide |= self.wide_kind(ch)
                i += 1
            if i - start > self.longest or wide & NOT_A_STOP_WORD:
                continue
            if wide:
                add_mask(counts, self.words.get(PyUnicode_Substring(text, start, i).lower(), 0))
            else:
                add_mask(counts, self.packed_mask(key | (<unsigned long long> (i - start) << 56)))
        return 0


cdef inline void add_mask(long *counts, unsigned int mask) noexcept:
    """Count one word for each language whose bit is set in `mask`."""
    cdef Py_ssize_t k = 0
    while mask:
        if mask & 1:
            counts[k] += 1
        mask >>= 1
        k += 1


cdef unsigned long long pack_latin1(str word):
    """A Latin-1 word of at most MAX_PACKED characters as a key: its bytes and its length."""
    cdef unsigned long long key = 0
    for ch in word:
        key = (key << 8) | ord(ch)
    return key | (<unsigned long long> len(word) << 56)
