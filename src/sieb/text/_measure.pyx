# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True
# cython: initializedcheck=False
"""Compiled `measure` of text mode (see sieb.text.lines, whose `python_measure` is the definition).

The page is read once in C, on its own buffer: rows are found at "\\n" and stripped there, and
equal lines are found by a hash of their characters, so only the distinct non-blank lines become
`str` objects. Each distinct line is then read in one pass that counts words and stop words,
CJK characters, digits and "!", and lower-cases it into a scratch buffer where the literal keys
are looked for; the lower-cased `str` is built only when it differs from the line. A line of one
byte per character (most lines) is read sixteen characters at a time where SSE2 is there, its
words then counted from the space bits and its keys looked for where a key's first two
characters stand.

What the pass tests is what Python tests: `str.split` and `str.strip` split at
Py_UNICODE_ISSPACE, `re`'s `\\d` and `\\s` on str are Py_UNICODE_ISDECIMAL and
Py_UNICODE_ISSPACE, `str.isupper`, `isdigit`, `isalpha` of one character are Py_UNICODE_ISUPPER,
ISDIGIT and ISALPHA, and `str.lower` is Py_UNICODE_TOLOWER of every character except U+0130
(two characters) and U+03A3 (final sigma), for which the line is lower-cased by `str.lower`.
"""

from cpython.object cimport PyObject
from cpython.ref cimport Py_INCREF, Py_XDECREF
from cpython.unicode cimport (
    Py_UNICODE_ISALPHA,
    Py_UNICODE_ISDECIMAL,
    Py_UNICODE_ISDIGIT,
    Py_UNICODE_ISSPACE,
    Py_UNICODE_ISUPPER,
    Py_UNICODE_TOLOWER,
)
from libc.math cimport signbit
from libc.stdint cimport uint8_t, uint16_t, uint32_t, uint64_t
from libc.stdlib cimport calloc, free, malloc, realloc
from libc.string cimport memchr, memcmp, memcpy, memset

from sieb.text._texthash cimport span_hash

import numpy as np

cdef extern from *:
    """
    static PyObject *sieb_alloc_tuple(PyObject *type, Py_ssize_t size) {
        return ((PyTypeObject *)type)->tp_alloc((PyTypeObject *)type, size);
    }
    /* Put a (borrowed) object or a bool into a new tuple, which takes a reference. */
    static inline void sieb_put(PyObject *tuple, Py_ssize_t at, PyObject *value) {
        Py_INCREF(value);
        PyTuple_SET_ITEM(tuple, at, value);
    }
    static inline void sieb_put_bool(PyObject *tuple, Py_ssize_t at, int value) {
        sieb_put(tuple, at, value ? Py_True : Py_False);
    }
    /* Put the int `value` (0 <= value) into a new tuple: made once a page, in made[value],
       which holds a reference to it (the page's line numbers and positions recur in a page's
       lines, and most are too large for Python's cached small ints). */
    static inline int sieb_put_int(
        PyObject *tuple, Py_ssize_t at, PyObject **made, Py_ssize_t value
    ) {
        PyObject *number = made[value];
        if (number == NULL) {
            number = PyLong_FromSsize_t(value);
            if (number == NULL) return -1;
            made[value] = number;
        }
        sieb_put(tuple, at, number);
        return 0;
    }
    static inline int sieb_lowest_bit(uint64_t mask) { return __builtin_ctzll(mask); }
    """
    object sieb_alloc_tuple(object type, Py_ssize_t size)
    void sieb_put(object tuple, Py_ssize_t at, PyObject *value)
    void sieb_put_bool(object tuple, Py_ssize_t at, bint value)
    int sieb_put_int(object tuple, Py_ssize_t at, PyObject **made, Py_ssize_t value) except -1
    int sieb_lowest_bit(uint64_t mask)


# The first pass over a line of one byte per character, sixteen characters at a time where SSE2
# is there (every x86-64 CPU): the ASCII characters are classified by arithmetic, the others
# (rare: accented letters, no-break spaces) by the tables, as the one-at-a-time loop does.
cdef extern from *:
    """
    #if defined(__SSE2__)
    #include <emmintrin.h>
    #define SIEB_HAVE_SSE2 1
    #else
    #define SIEB_HAVE_SSE2 0
    #endif
    #if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    #define SIEB_LITTLE_ENDIAN 1
    #else
    #define SIEB_LITTLE_ENDIAN 0
    #endif
    /* Bits of the flags table the vector pass reproduces (as lines of _measure.pyx's DEFs). */
    #define SIEB_SPACE 1
    #define SIEB_DECIMAL 2
    #define SIEB_BANG 4
    #define SIEB_CHANGES 8
    #define SIEB_LINK 32
    #define SIEB_DASH 64

    /* Sixteen characters the tables way: their lower case into low[0:16], the OR of their
       flags into *seen; returns their space bits (bit k: s[k]). */
    static inline unsigned sieb_block_by_table(
        const uint8_t *s, int count, const uint8_t *flags, const uint32_t *lower,
        uint8_t *low, uint8_t *seen
    ) {
        unsigned spaces = 0;
        uint8_t any = 0;
        for (int k = 0; k < count; k++) {
            uint8_t f = flags[s[k]];
            any |= f;
            low[k] = (uint8_t)lower[s[k]];
            spaces |= (unsigned)(f & SIEB_SPACE) << k;
        }
        *seen |= any;
        return spaces;
    }

    #if SIEB_HAVE_SSE2
    /* Whether each byte of v is in [low, low + span] (unsigned). */
    static inline __m128i sieb_in_range(__m128i v, char low, char span) {
        __m128i shifted = _mm_sub_epi8(v, _mm_set1_epi8(low));
        return _mm_cmpeq_epi8(_mm_min_epu8(shifted, _mm_set1_epi8(span)), shifted);
    }
    #endif

    #if SIEB_HAVE_SSE2
    /* What the vector pass has seen so far, a lane per character. */
    typedef struct { __m128i upper, space, digit, bang, link, dash; } SiebSeen;

    /* Sixteen characters below 128 (v; lanes of 128 and more count for nothing): their flags
       into `seen`, their lower case returned; their space bits into *spaces. */
    static inline __m128i sieb_classify16(__m128i v, SiebSeen *seen, unsigned *spaces) {
        __m128i is_upper = sieb_in_range(v, 'A', 25);
        __m128i is_space = _mm_or_si128(
            _mm_or_si128(sieb_in_range(v, 9, 4), sieb_in_range(v, 28, 3)),
            _mm_cmpeq_epi8(v, _mm_set1_epi8(' ')));
        seen->upper = _mm_or_si128(seen->upper, is_upper);
        seen->space = _mm_or_si128(seen->space, is_space);
        seen->digit = _mm_or_si128(seen->digit, sieb_in_range(v, '0', 9));
        seen->bang = _mm_or_si128(seen->bang, _mm_cmpeq_epi8(v, _mm_set1_epi8('!')));
        seen->link = _mm_or_si128(seen->link, _mm_or_si128(
            _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('|')),
                         _mm_cmpeq_epi8(v, _mm_set1_epi8('>'))),
            _mm_cmpeq_epi8(v, _mm_set1_epi8('/'))));
        seen->dash = _mm_or_si128(seen->dash, _mm_cmpeq_epi8(v, _mm_set1_epi8('-')));
        *spaces = (unsigned)_mm_movemask_epi8(is_space);
        return _mm_add_epi8(v, _mm_and_si128(is_upper, _mm_set1_epi8(32)));
    }

    static inline void sieb_seen_start(SiebSeen *seen) {
        seen->upper = seen->space = seen->digit = seen->bang = seen->link = seen->dash
            = _mm_setzero_si128();
    }

    /* The flags of what `seen` holds. */
    static inline uint8_t sieb_seen_flags(const SiebSeen *seen) {
        return (_mm_movemask_epi8(seen->upper) ? SIEB_CHANGES : 0)
               | (_mm_movemask_epi8(seen->space) ? SIEB_SPACE : 0)
               | (_mm_movemask_epi8(seen->digit) ? SIEB_DECIMAL : 0)
               | (_mm_movemask_epi8(seen->bang) ? SIEB_BANG : 0)
               | (_mm_movemask_epi8(seen->link) ? SIEB_LINK : 0)
               | (_mm_movemask_epi8(seen->dash) ? SIEB_DASH : 0);
    }

    /* Sixteen characters of two bytes at s (`count` of them; the rest read as NUL): those below
       128 classified (flags into `seen`, lower case into low[0:16], four bytes each); returns
       their space bits, and the bits of the others (128 and above) in *wide. */
    static inline unsigned sieb_block_ucs2(
        const uint16_t *s, int count, uint32_t *low, SiebSeen *seen, unsigned *wide
    ) {
        uint16_t tail[16];
        unsigned spaces;
        if (count < 16) {
            memset(tail, 0, sizeof(tail));
            memcpy(tail, s, (size_t)count * 2);
            s = tail;
        }
        /* One byte a character: itself below 256, else 255 (a wide lane, as 128-255 are). */
        const __m128i byte = _mm_set1_epi16(0xFF);
        __m128i a = _mm_loadu_si128((const __m128i *)s);
        __m128i b = _mm_loadu_si128((const __m128i *)(s + 8));
        a = _mm_or_si128(_mm_and_si128(a, byte),
                         _mm_andnot_si128(_mm_cmpeq_epi16(_mm_andnot_si128(byte, a), _mm_setzero_si128()), byte));
        b = _mm_or_si128(_mm_and_si128(b, byte),
                         _mm_andnot_si128(_mm_cmpeq_epi16(_mm_andnot_si128(byte, b), _mm_setzero_si128()), byte));
        __m128i v = _mm_packus_epi16(a, b);
        __m128i lower = sieb_classify16(v, seen, &spaces);
        const __m128i zero = _mm_setzero_si128();
        __m128i half = _mm_unpacklo_epi8(lower, zero);
        _mm_storeu_si128((__m128i *)low, _mm_unpacklo_epi16(half, zero));
        _mm_storeu_si128((__m128i *)(low + 4), _mm_unpackhi_epi16(half, zero));
        half = _mm_unpackhi_epi8(lower, zero);
        _mm_storeu_si128((__m128i *)(low + 8), _mm_unpacklo_epi16(half, zero));
        _mm_storeu_si128((__m128i *)(low + 12), _mm_unpackhi_epi16(half, zero));
        *wide = (unsigned)_mm_movemask_epi8(v);
        return spaces;
    }
    #else
    typedef struct { int unused; } SiebSeen;
    static inline void sieb_seen_start(SiebSeen *seen) { seen->unused = 0; }
    static inline uint8_t sieb_seen_flags(const SiebSeen *seen) { return 0; }
    static inline unsigned sieb_block_ucs2(
        const uint16_t *s, int count, uint32_t *low, SiebSeen *seen, unsigned *wide
    ) { *wide = 0; return 0; }  /* never called: Tables.vector is false */
    #endif

    /* The first pass over s[0:n], one byte per character: the lower case of each character into
       low[0:n] (and up to 15 bytes after, which the caller overwrites or ignores), and, when
       `spaces` is not NULL, the space bits of each sixteen characters into spaces[i / 16] (bit
       k: s[i + k] is a space; the bits past n are set, as if the line went on with spaces).
       Returns the OR of the flags of its characters. `vector` selects the SSE2 path. */
    static uint8_t sieb_classify_bytes(
        const uint8_t *s, Py_ssize_t n, const uint8_t *flags, const uint32_t *lower,
        uint8_t *low, uint16_t *spaces, int vector
    ) {
        Py_ssize_t i = 0;
        uint8_t seen = 0, tail[16];
        unsigned bits;
    #if SIEB_HAVE_SSE2
        if (vector) {
            SiebSeen vector_seen;
            sieb_seen_start(&vector_seen);
            for (; i < n; i += 16) {
                const uint8_t *at = s + i;
                int count = n - i < 16 ? (int)(n - i) : 16;
                if (count < 16) {  /* the tail, through a copy padded with NULs (no flags) */
                    memset(tail, 0, 16);
                    memcpy(tail, at, (size_t)count);
                    at = tail;
                }
                __m128i v = _mm_loadu_si128((const __m128i *)at);
                _mm_storeu_si128((__m128i *)(low + i), sieb_classify16(v, &vector_seen, &bits));
                unsigned wide = (unsigned)_mm_movemask_epi8(v);
                while (wide) {  /* characters 128-255: by the tables */
                    int k = __builtin_ctz(wide);
                    uint8_t f = flags[at[k]];
                    wide &= wide - 1;
                    seen |= f;
                    low[i + k] = (uint8_t)lower[at[k]];
                    bits |= (unsigned)(f & SIEB_SPACE) << k;
                }
                if (spaces != NULL)
                    spaces[i >> 4] = (uint16_t)(bits | (count < 16 ? 0xFFFFu << count : 0));
            }
            seen |= sieb_seen_flags(&vector_seen);
            return seen;
        }
    #endif
        for (; i < n; i += 16) {
            int count = n - i < 16 ? (int)(n - i) : 16;
            bits = sieb_block_by_table(s + i, count, flags, lower, low + i, &seen);
            if (spaces != NULL)
                spaces[i >> 4] = (uint16_t)(bits | (count < 16 ? 0xFFFFu << count : 0));
        }
        return seen;
    }

    /* s[0:size] (size <= 7, one byte per character) packed as fill_stop_words packs a stop
       word: character k in byte k, the size above them. `whole` says s[0:8] may be read. */
    static inline uint64_t sieb_pack_word(const uint8_t *s, Py_ssize_t size, int whole) {
        uint64_t key = 0;
        if (SIEB_LITTLE_ENDIAN && whole) {
            memcpy(&key, s, 8);
            key &= ((uint64_t)1 << (8 * size)) - 1;
        } else {
            for (Py_ssize_t k = 0; k < size; k++)
                key |= (uint64_t)s[k] << (8 * k);
        }
        return key | (uint64_t)size << 56;
    }

    /* text[start:end] (start < end), as PyUnicode_Substring makes it: from a page of two bytes
       per character, with the OR of its characters for their widest (exact for str's kinds:
       the OR is below 128, or 256, when each character is) and narrowed eight at a time. */
    static PyObject *sieb_line_of(PyObject *text, Py_ssize_t start, Py_ssize_t end) {
        if (PyUnicode_KIND(text) != PyUnicode_2BYTE_KIND)
            return PyUnicode_Substring(text, start, end);
        const uint16_t *s = (const uint16_t *)PyUnicode_DATA(text) + start;
        Py_ssize_t n = end - start, i = 0;
        unsigned any = 0;
        PyObject *line;
    #if SIEB_HAVE_SSE2
        __m128i wide = _mm_setzero_si128();
        for (; i + 8 <= n; i += 8)
            wide = _mm_or_si128(wide, _mm_loadu_si128((const __m128i *)(s + i)));
        wide = _mm_or_si128(wide, _mm_srli_si128(wide, 8));
        wide = _mm_or_si128(wide, _mm_srli_si128(wide, 4));
        wide = _mm_or_si128(wide, _mm_srli_si128(wide, 2));
        any = (unsigned)_mm_cvtsi128_si32(wide) & 0xFFFF;
    #endif
        for (; i < n; i++)
            any |= s[i];
        line = PyUnicode_New(n, any < 128 ? 127 : any < 256 ? 255 : 65535);
        if (line == NULL)
            return NULL;
        if (any >= 256) {
            memcpy(PyUnicode_DATA(line), s, (size_t)n * 2);
            return line;
        }
        uint8_t *out = (uint8_t *)PyUnicode_DATA(line);
        i = 0;
    #if SIEB_HAVE_SSE2
        for (; i + 16 <= n; i += 16)
            _mm_storeu_si128((__m128i *)(out + i), _mm_packus_epi16(
                _mm_loadu_si128((const __m128i *)(s + i)),
                _mm_loadu_si128((const __m128i *)(s + i + 8))));
    #endif
        for (; i < n; i++)
            out[i] = (uint8_t)s[i];
        return line;
    }

    /* Where the first "\n" of s[at:length] (two bytes a character) is, sixteen characters a
       test where SSE2 is there; else (or for the last few) where the search is to go on. */
    static inline Py_ssize_t sieb_newline_ucs2(const uint16_t *s, Py_ssize_t at, Py_ssize_t length) {
    #if SIEB_HAVE_SSE2
        const __m128i newline = _mm_set1_epi16(10);
        for (; at + 16 <= length; at += 16) {
            unsigned hits = (unsigned)_mm_movemask_epi8(_mm_packs_epi16(
                _mm_cmpeq_epi16(_mm_loadu_si128((const __m128i *)(s + at)), newline),
                _mm_cmpeq_epi16(_mm_loadu_si128((const __m128i *)(s + at + 8)), newline)));
            if (hits)
                return at + __builtin_ctz(hits);
        }
    #endif
        return at;
    }

    /* Whether s[0:length] (two bytes a character) holds a NUL, 32 characters a test where SSE2
       is there: str's own search goes one character at a time for a NUL in this kind. */
    static int sieb_nul_ucs2(const uint16_t *s, Py_ssize_t length) {
        Py_ssize_t at = 0;
    #if SIEB_HAVE_SSE2
        const __m128i zero = _mm_setzero_si128();
        for (; at + 32 <= length; at += 32) {
            __m128i hits = _mm_or_si128(
                _mm_or_si128(
                    _mm_cmpeq_epi16(_mm_loadu_si128((const __m128i *)(s + at)), zero),
                    _mm_cmpeq_epi16(_mm_loadu_si128((const __m128i *)(s + at + 8)), zero)),
                _mm_or_si128(
                    _mm_cmpeq_epi16(_mm_loadu_si128((const __m128i *)(s + at + 16)), zero),
                    _mm_cmpeq_epi16(_mm_loadu_si128((const __m128i *)(s + at + 24)), zero)));
            if (_mm_movemask_epi8(hits))
                return 1;
        }
    #endif
        for (; at < length; at++)
            if (s[at] == 0)
                return 1;
        return 0;
    }

    /* The str of the characters low[0:n] (four bytes each, below 0x110000) in str's narrowest
       kind, from the OR of them (exact for the kinds, as in sieb_line_of). */
    static PyObject *sieb_str_of_wide(const uint32_t *low, Py_ssize_t n) {
        Py_ssize_t i = 0;
        uint32_t any = 0;
        PyObject *text;
    #if SIEB_HAVE_SSE2
        __m128i wide = _mm_setzero_si128();
        for (; i + 4 <= n; i += 4)
            wide = _mm_or_si128(wide, _mm_loadu_si128((const __m128i *)(low + i)));
        wide = _mm_or_si128(wide, _mm_srli_si128(wide, 8));
        wide = _mm_or_si128(wide, _mm_srli_si128(wide, 4));
        any = (uint32_t)_mm_cvtsi128_si32(wide);
    #endif
        for (; i < n; i++)
            any |= low[i];
        if (any >= 0x10000)
            return PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, low, n);
        text = PyUnicode_New(n, any < 128 ? 127 : any < 256 ? 255 : 65535);
        if (text == NULL)
            return NULL;
        if (any < 256) {
            uint8_t *out = (uint8_t *)PyUnicode_DATA(text);
            for (i = 0; i < n; i++)
                out[i] = (uint8_t)low[i];
        } else {
            uint16_t *out = (uint16_t *)PyUnicode_DATA(text);
            for (i = 0; i < n; i++)
                out[i] = (uint16_t)low[i];
        }
        return text;
    }

    /* Each of low[0:n] (four bytes a character) as one byte into shadow[0:n]: itself below 256,
       else 255 (the keys' first characters are looked for in these bytes, and then compared in
       `low`). Writes up to 15 bytes past n. */
    static void sieb_shadow(const uint32_t *low, Py_ssize_t n, uint8_t *shadow) {
        Py_ssize_t i = 0;
    #if SIEB_HAVE_SSE2
        for (; i + 16 <= n; i += 16) {
            __m128i a = _mm_packs_epi32(_mm_loadu_si128((const __m128i *)(low + i)),
                                        _mm_loadu_si128((const __m128i *)(low + i + 4)));
            __m128i b = _mm_packs_epi32(_mm_loadu_si128((const __m128i *)(low + i + 8)),
                                        _mm_loadu_si128((const __m128i *)(low + i + 12)));
            _mm_storeu_si128((__m128i *)(shadow + i), _mm_packus_epi16(a, b));
        }
    #endif
        for (; i < n; i++)
            shadow[i] = low[i] < 256 ? (uint8_t)low[i] : 255;
    }

    /* Where four bytes (the first four characters of a key, lower-cased) are in the table of
       key starts: a hash of them as one number (the same whatever the byte order). */
    static inline unsigned sieb_quad_slot(const uint8_t *s) {
        uint32_t quad;
        memcpy(&quad, s, 4);
        return (quad * 0x9E3779B1u) >> 16;
    }
    static inline uint32_t sieb_quad(const uint8_t *s) {
        uint32_t quad;
        memcpy(&quad, s, 4);
        return quad;
    }
    """
    uint8_t sieb_classify_bytes(
        const uint8_t *s, Py_ssize_t n, const uint8_t *flags, const uint32_t *lower,
        uint8_t *low, uint16_t *spaces, bint vector
    ) noexcept
    uint64_t sieb_pack_word(const uint8_t *s, Py_ssize_t size, bint whole) noexcept
    ctypedef struct SiebSeen:
        pass
    void sieb_seen_start(SiebSeen *seen) noexcept
    uint8_t sieb_seen_flags(const SiebSeen *seen) noexcept
    unsigned sieb_block_ucs2(
        const uint16_t *s, int count, uint32_t *low, SiebSeen *seen, unsigned *wide
    ) noexcept
    object sieb_line_of(object text, Py_ssize_t start, Py_ssize_t end)
    Py_ssize_t sieb_newline_ucs2(const uint16_t *s, Py_ssize_t at, Py_ssize_t length) noexcept
    bint sieb_nul_ucs2(const uint16_t *s, Py_ssize_t length) noexcept
    object sieb_str_of_wide(const uint32_t *low, Py_ssize_t n)
    void sieb_shadow(const uint32_t *low, Py_ssize_t n, uint8_t *shadow) noexcept
    unsigned sieb_quad_slot(const uint8_t *s) noexcept
    uint32_t sieb_quad(const uint8_t *s) noexcept
    bint SIEB_HAVE_SSE2




cdef extern from "Python.h":
    int PyUnicode_KIND(object text)
    void *PyUnicode_DATA(object text)
    bint PyUnicode_IS_ASCII(object text)
    int PyUnicode_4BYTE_KIND
    object PyUnicode_New(Py_ssize_t size, Py_UCS4 maxchar)
    object PyUnicode_FromKindAndData(int kind, const void *buffer, Py_ssize_t size)
    object PyUnicode_Substring(object text, Py_ssize_t start, Py_ssize_t end)
    object PyLong_FromSsize_t(Py_ssize_t value)
    object PyFloat_FromDouble(double value)
    void PyObject_GC_UnTrack(void *obj)


ctypedef fused uchar:
    uint8_t
    uint16_t
    uint32_t


# Bits of `Tables.flags` for the characters below 256.
DEF _SPACE = 1
DEF _DECIMAL = 2
DEF _BANG = 4
DEF _CHANGES = 8  # its lower case is another character
DEF _SPECIAL = 16  # U+0130 or U+03A3: the line is lower-cased by str.lower
DEF _LINK = 32  # a link separator: | > » › / • ·
DEF _DASH = 64  # - or –
# Bits of `Tables.ends`.
DEF _CLOSER = 1
DEF _TERMINAL = 2
# Stop words are looked up as a number: up to _PACKED_CHARS characters below 256, one byte each,
# and the length above them (the longest stop word has 6 characters, all Latin-1), in an
# open-addressing table of _STOP_SLOTS numbers (0: empty).
DEF _PACKED_CHARS = 7
DEF _STOP_SLOTS = 1024
DEF _STOP_SHIFT = 54  # 64 - log2(_STOP_SLOTS)
# Literal keys: at most _MAX_KEYS, of _MAX_KEY_CHARS characters in all.
DEF _MAX_KEYS = 64
DEF _MAX_KEY_CHARS = 1024
# Numeric fields of LineFeatures (from `chars` on), after its 7 others.
DEF _NUMERIC_FIELDS = 16
# Lower case of these needs the whole line: U+0130 becomes two characters, U+03A3 final sigma.
DEF _DOTTED_I = 0x130
DEF _SIGMA = 0x3A3


# The key search's filter eight positions at a time where the CPU has AVX2: the four bytes at
# each position, their sieb_quad_slot and the table's bytes there, each step for eight at once.
cdef extern from *:
    """
    #if defined(__GNUC__) && defined(__x86_64__)
    #include <immintrin.h>
    /* Bit k (k < 8): quads[sieb_quad_slot(s + k)] != 0. Reads s[0:16], and four bytes of
       `quads` at each slot (the table is followed by readable memory). */
    __attribute__((target("avx2"))) static unsigned sieb_quad_hits8(
        const uint8_t *quads, const uint8_t *s
    ) {
        const __m256i pick = _mm256_setr_epi8(
            0, 1, 2, 3, 1, 2, 3, 4, 2, 3, 4, 5, 3, 4, 5, 6,
            4, 5, 6, 7, 5, 6, 7, 8, 6, 7, 8, 9, 7, 8, 9, 10);
        __m256i bytes = _mm256_broadcastsi128_si256(_mm_loadu_si128((const __m128i *)s));
        __m256i quad = _mm256_shuffle_epi8(bytes, pick);
        __m256i slot = _mm256_srli_epi32(
            _mm256_mullo_epi32(quad, _mm256_set1_epi32((int)0x9E3779B1u)), 16);
        __m256i got = _mm256_and_si256(
            _mm256_i32gather_epi32((const int *)quads, slot, 1), _mm256_set1_epi32(0xFF));
        return (unsigned)_mm256_movemask_ps(_mm256_castsi256_ps(
            _mm256_cmpgt_epi32(got, _mm256_setzero_si256())));
    }
    static int sieb_measure_has_avx2(void) {
        __builtin_cpu_init();
        return __builtin_cpu_supports("avx2") != 0;
    }
    #else
    static unsigned sieb_quad_hits8(const uint8_t *quads, const uint8_t *s) { return 0; }
    static int sieb_measure_has_avx2(void) { return 0; }
    #endif
    """
    unsigned sieb_quad_hits8(const uint8_t *quads, const uint8_t *s) noexcept
    bint sieb_measure_has_avx2() noexcept


cdef struct Tables:
    # What the per-character pass looks up.
    uint8_t flags[256]  # _SPACE, _DECIMAL, _BANG, _CHANGES of the characters below 256
    uint32_t lower[256]  # their lower case
    uint64_t stop[_STOP_SLOTS]  # the packed stop words
    # Bit k: key k may start with a character pair of this _pair_index (one-character keys
    # with any character, or none, after them).
    uint64_t key_pairs[1024]
    Py_ssize_t key_start[_MAX_KEYS]  # key k is key_chars[key_start[k]:key_start[k] + key_len[k]]
    Py_ssize_t key_len[_MAX_KEYS]
    uint32_t key_chars[_MAX_KEY_CHARS]
    uint32_t closers[16]
    Py_ssize_t n_closers
    uint8_t ends[256]  # _CLOSER, _TERMINAL: the closers and terminal marks below 256
    uint32_t terminal[16]
    Py_ssize_t n_terminal
    Py_ssize_t cjk_weight  # one CJK character counts as this many
    # For lines of one byte per character: the keys of four characters or more whose first four
    # are below 256 ("long" keys) are looked for where the table of their starts (by
    # sieb_quad_slot) is nonzero; the other keys below 256 ("short") by their first character.
    uint8_t quads[65536]
    uint64_t long_keys  # bit k: key k is long
    uint32_t key_quad[_MAX_KEYS]  # the first four characters of a long key, as sieb_quad
    Py_ssize_t short_keys[_MAX_KEYS]
    Py_ssize_t n_short
    Py_ssize_t longest_stop  # characters of the longest stop word
    bint vector  # sieb_classify_bytes' SSE2 path is there and agrees with the tables
    bint quads8  # sieb_quad_hits8 is there (AVX2) and agrees with sieb_quad_slot on the table


cdef struct Facts:
    # What follows from a line's text alone.
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
    Py_ssize_t repeats  # lines of the page with this text
    bint exclamations  # at least `exclamations` "!", and the page has a "!" (see lines.py)
    Py_ssize_t bangs  # "!" in the whole line
    bint bang_in_sample  # a "!" among its first measure_chars characters
    # The objects every line with this text shares (owned references, NULL until made).
    PyObject *text
    PyObject *low
    PyObject *chars_value
    PyObject *words_value
    PyObject *stop_ratio_value
    PyObject *repeats_value


cdef struct Row:
    # A non-blank input row: its stripped span in the page and where it stands.
    Py_ssize_t start
    Py_ssize_t end
    Py_ssize_t number  # 1-based input line
    Py_ssize_t slot  # its distinct text
    bint opens  # the input row above it is blank (or there is none)


cdef inline uint64_t stop_hash(uint64_t key):
    return (key * <uint64_t>0x9E3779B97F4A7C15) >> _STOP_SHIFT


cdef inline bint is_stop_word(
    const Tables *t, const uchar *s, Py_ssize_t start, Py_ssize_t end
) noexcept:
    """Whether s[start:end] is a stop word (packed as `fill_stop_words` packs them)."""
    cdef Py_ssize_t i
    cdef uint64_t key = <uint64_t>(end - start) << 56
    if end - start > _PACKED_CHARS:
        return False
    for i in range(start, end):
        if uchar is not uint8_t and s[i] > 0xFF:
            return False
        key |= <uint64_t>s[i] << (8 * (i - start))
    return is_packed_stop_word(t, key)


cdef inline bint is_stop_run(
    const Tables *t, const uchar *s, Py_ssize_t n, Py_ssize_t start, Py_ssize_t size
) noexcept:
    """is_stop_word(t, s, start, start + size) for size <= _PACKED_CHARS, s[:n] readable."""
    if uchar is uint8_t:
        return is_packed_stop_word(t, sieb_pack_word(&s[start], size, start + 8 <= n))
    else:
        return is_stop_word(t, s, start, start + size)


cdef inline bint is_packed_stop_word(const Tables *t, uint64_t key) noexcept:
    """Whether `key` is a stop word packed as `fill_stop_words` packs them."""
    cdef uint64_t j = stop_hash(key)
    while t.stop[j]:
        if t.stop[j] == key:
            return True
        j = (j + 1) & (_STOP_SLOTS - 1)
    return False


cdef inline bint is_space(const Tables *t, Py_UCS4 ch):
    if ch < 256:
        return t.flags[ch] & _SPACE
    return Py_UNICODE_ISSPACE(ch)


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


cdef inline bint one_of(const uint32_t *chars, Py_ssize_t n, Py_UCS4 ch):
    cdef Py_ssize_t i
    for i in range(n):
        if chars[i] == ch:
            return True
    return False


cdef inline bint is_end(
    const Tables *t, Py_UCS4 ch, uint8_t bit, const uint32_t *chars, Py_ssize_t n
) noexcept:
    """Whether `ch` is one of chars[:n], whose members below 256 have `bit` in `Tables.ends`."""
    if ch < 256:
        return (t.ends[ch] & bit) != 0
    return one_of(chars, n, ch)


cdef bint has_separators(const Tables *t, const uchar *s, Py_ssize_t length):
    """patterns.SEPARATORS.search(text[:length]) is not None: `\\s[|>»›/•·]\\s`, or two
    `\\s[-–]\\s` one after the other."""
    cdef Py_ssize_t i
    cdef Py_ssize_t first_dash_end = -1
    cdef Py_UCS4 middle
    for i in range(length - 2):
        middle = s[i + 1]
        if middle < 256:  # the table has their _LINK and _DASH
            if not t.flags[middle] & (_LINK | _DASH):
                continue
        elif not (is_link_separator(middle) or is_dash(middle)):
            continue
        if not (is_space(t, s[i]) and is_space(t, s[i + 2])):
            continue
        if is_link_separator(middle):
            return True
        if 0 <= first_dash_end <= i:
            return True
        if first_dash_end < 0:
            first_dash_end = i + 3
    return False


cdef inline uint8_t wide_flags(
    Py_UCS4 ch, bint need_digit, Py_ssize_t *cjk, uint32_t *lower
) noexcept:
    """`Tables.flags` of a character above 255 (and the CJK count, unless `cjk` is NULL, and its
    lower case)."""
    cdef uint8_t flags = _SPACE if Py_UNICODE_ISSPACE(ch) else 0
    lower[0] = Py_UNICODE_TOLOWER(ch)
    if lower[0] != ch:
        flags |= _CHANGES
    if ch == _DOTTED_I or ch == _SIGMA:
        flags |= _SPECIAL
    if is_link_separator(ch):
        flags |= _LINK
    elif is_dash(ch):
        flags |= _DASH
    if cjk != NULL and ch >= 0x3040 and is_cjk(ch):
        cjk[0] += 1
    if need_digit and Py_UNICODE_ISDECIMAL(ch):
        flags |= _DECIMAL
    return flags


cdef uint8_t scan_line(
    const Tables *t, const uchar *s, Py_ssize_t n, Py_ssize_t sample, bint need_digit, Facts *f,
    uint32_t *low
) noexcept:
    """One pass over a line of two or four bytes per character: words and stop words and CJK
    characters of its first `sample` characters; returns the `Tables.flags` of its characters
    or-ed together (digits and "!" among the first `sample` only, case changes among all). The
    lower case of each character goes into `low` (the lower case of the line when it has no
    U+0130 or U+03A3)."""
    cdef Py_ssize_t i, words = 0, stops = 0, cjk = 0, start = -1  # start: of the word, or -1
    cdef uint8_t flags, seen = 0, rest = 0
    cdef Py_UCS4 ch
    for i in range(sample):
        ch = s[i]
        if ch < 256:
            flags = t.flags[ch]
            low[i] = t.lower[ch]
        else:
            flags = wide_flags(ch, need_digit, &cjk, &low[i])
        seen |= flags
        if flags & _SPACE:
            if start >= 0:
                words += 1
                stops += is_stop_word(t, s, start, i)
                start = -1
        elif start < 0:
            start = i
    if start >= 0:
        words += 1
        stops += is_stop_word(t, s, start, sample)
    # The rest of a long line counts for its lower case (and keys) and its "!" only.
    for i in range(sample, n):
        ch = s[i]
        if ch < 256:
            rest |= t.flags[ch]
            low[i] = t.lower[ch]
        else:
            rest |= wide_flags(ch, False, NULL, &low[i])
    return finish_scan(t, s, n, sample, seen, rest, words, stops, cjk, f)


cdef uint8_t scan_ucs2(
    const Tables *t, const uint16_t *s, Py_ssize_t n, Py_ssize_t sample, bint need_digit,
    Facts *f, uint32_t *low, uint16_t *spaces
) noexcept:
    """scan_line for a line of two bytes per character, sixteen characters at a time: those
    below 128 by sieb_block_ucs2, the others one by one as scan_line reads them; the words then
    from the space bits."""
    cdef Py_ssize_t i, words, stops, cjk = 0
    cdef uint8_t flags, seen = 0, rest = 0
    cdef unsigned bits, wide
    cdef int k, count
    cdef Py_UCS4 ch
    cdef SiebSeen vector_seen
    sieb_seen_start(&vector_seen)
    for i in range(0, sample, 16):
        count = <int>min(sample - i, 16)
        bits = sieb_block_ucs2(&s[i], count, &low[i], &vector_seen, &wide)
        while wide:
            k = sieb_lowest_bit(wide)
            wide &= wide - 1
            ch = s[i + k]
            if ch < 256:
                flags = t.flags[ch]
                low[i + k] = t.lower[ch]
            else:
                flags = wide_flags(ch, need_digit, &cjk, &low[i + k])
            seen |= flags
            bits |= <unsigned>(flags & _SPACE) << k
        spaces[i >> 4] = <uint16_t>(bits | ((0xFFFF << count) if count < 16 else 0))
    seen |= sieb_seen_flags(&vector_seen)
    count_words(t, s, n, sample, spaces, &words, &stops)
    for i in range(sample, n):  # as in scan_line
        ch = s[i]
        if ch < 256:
            rest |= t.flags[ch]
            low[i] = t.lower[ch]
        else:
            rest |= wide_flags(ch, False, NULL, &low[i])
    return finish_scan(t, s, n, sample, seen, rest, words, stops, cjk, f)


cdef uint8_t scan_latin1(
    const Tables *t, const uint8_t *s, Py_ssize_t n, Py_ssize_t sample, Facts *f,
    uint8_t *low, uint16_t *spaces, uint64_t *keys
) noexcept:
    """scan_line for a line of one byte per character, in three passes that each do one thing
    fast: sieb_classify_bytes (flags, lower case into `low`, space bits into `spaces`), the
    words from the space bits, the keys (as find_keys gives them, into `*keys`) from `low`."""
    cdef Py_ssize_t words, stops
    cdef uint8_t seen = sieb_classify_bytes(s, sample, t.flags, t.lower, low, spaces, t.vector)
    cdef uint8_t rest = 0
    if sample < n:
        rest = sieb_classify_bytes(
            s + sample, n - sample, t.flags, t.lower, low + sample, NULL, t.vector
        )
    keys[0] = find_keys_latin1(t, low, low, n)
    count_words(t, s, n, sample, spaces, &words, &stops)
    return finish_scan(t, s, n, sample, seen, rest, words, stops, 0, f)


cdef void count_words(
    const Tables *t, const uchar *s, Py_ssize_t n, Py_ssize_t sample, const uint16_t *spaces,
    Py_ssize_t *words, Py_ssize_t *stops
) noexcept:
    """The words of s[:sample] (runs of non-spaces) and how many are stop words, from the space
    bits of each sixteen characters (the bits past `sample` set): a word starts and ends where
    a bit differs from the one before."""
    cdef Py_ssize_t block, at, start = 0, size, count = 0, stop = 0
    cdef uint32_t bits, changes, carry = 1  # carry: the bit before the block (a space before all)
    cdef int k
    for block in range((sample + 15) >> 4):
        bits = spaces[block]
        changes = (bits ^ ((bits << 1) | carry)) & 0xFFFF
        carry = bits >> 15
        while changes:
            k = sieb_lowest_bit(changes)
            changes &= changes - 1
            at = (block << 4) + k
            if not (bits >> k) & 1:  # a word starts
                start = at
                count += 1
            else:
                size = at - start
                if size <= t.longest_stop:
                    stop += is_stop_run(t, s, n, start, size)
    if not carry:  # the last word runs to the end of the sample
        size = sample - start
        if size <= t.longest_stop:
            stop += is_stop_run(t, s, n, start, size)
    words[0] = count
    stops[0] = stop


cdef inline uint64_t long_keys_at(
    const Tables *t, const uint8_t *low, const uchar *real, Py_ssize_t n, Py_ssize_t j,
    uint64_t found
) noexcept:
    """`found` and the long keys at real[j:] whose first four are the bytes low[j:j + 4]."""
    cdef uint32_t quad = sieb_quad(&low[j])
    cdef uint64_t mask = t.long_keys & ~found
    cdef int k
    while mask:
        k = sieb_lowest_bit(mask)
        mask &= mask - 1
        if t.key_quad[k] != quad or t.key_len[k] > n - j:
            continue
        if uchar is uint8_t:  # the four bytes are the characters
            if not same_chars(&real[j + 4], &t.key_chars[t.key_start[k] + 4], t.key_len[k] - 4):
                continue
        elif not same_chars(&real[j], &t.key_chars[t.key_start[k]], t.key_len[k]):
            continue
        found |= <uint64_t>1 << k
    return found


cdef uint64_t find_keys_latin1(
    const Tables *t, const uint8_t *low, const uchar *real, Py_ssize_t n
) noexcept:
    """find_keys on real[:n], whose characters are low[:n] where below 256 (else low has 255;
    low is readable to low[n + 15]): long keys where the table of their starts holds the four
    bytes at a position (eight positions a test by sieb_quad_hits8, else four), short ones
    where their first character is."""
    cdef Py_ssize_t i = 0, j, k, size, last = n - 4  # last: where a long key can start
    cdef uint64_t found = 0
    cdef const uint8_t *quads = &t.quads[0]
    cdef const uint8_t *at
    cdef unsigned hits
    if t.quads8:
        while i + 7 <= last:
            hits = sieb_quad_hits8(quads, &low[i])
            while hits:
                found = long_keys_at(t, low, real, n, i + sieb_lowest_bit(hits), found)
                hits &= hits - 1
            i += 8
    while i <= last:
        if (
            quads[sieb_quad_slot(&low[i])] | quads[sieb_quad_slot(&low[i + 1])]
            | quads[sieb_quad_slot(&low[i + 2])] | quads[sieb_quad_slot(&low[i + 3])]
        ):
            for j in range(i, min(i + 4, last + 1)):
                if quads[sieb_quad_slot(&low[j])]:
                    found = long_keys_at(t, low, real, n, j, found)
        i += 4
    for i in range(t.n_short):
        k = t.short_keys[i]
        size = t.key_len[k]
        at = <const uint8_t *>memchr(low, t.key_chars[t.key_start[k]], n)
        while at != NULL and at - low <= n - size:
            if same_chars(&real[at - low], &t.key_chars[t.key_start[k]], size):
                found |= <uint64_t>1 << k
                break
            at = <const uint8_t *>memchr(at + 1, t.key_chars[t.key_start[k]], n - (at + 1 - low))
    return found


cdef uint64_t keys_of(const Tables *t, str lower) noexcept:
    """find_keys on a str."""
    cdef int kind = PyUnicode_KIND(lower)
    cdef void *data = PyUnicode_DATA(lower)
    if kind == 1:
        return find_keys(t, <const uint8_t *>data, len(lower))
    if kind == 2:
        return find_keys(t, <const uint16_t *>data, len(lower))
    return find_keys(t, <const uint32_t *>data, len(lower))


cdef uint8_t finish_scan(
    const Tables *t, const uchar *s, Py_ssize_t n, Py_ssize_t sample, uint8_t seen, uint8_t rest,
    Py_ssize_t words, Py_ssize_t stops, Py_ssize_t cjk, Facts *f
) noexcept:
    """The counts of a scanned line into `f`; returns the flags for line_shape."""
    cdef Py_ssize_t i
    f.bang_in_sample = (seen & _BANG) != 0
    f.bangs = 0
    if (seen | rest) & _BANG:
        for i in range(n):
            f.bangs += s[i] == u"!"
    f.has_digit = (seen & _DECIMAL) != 0
    f.chars = sample + cjk * (t.cjk_weight - 1)
    if cjk:
        words = max(words, cjk // 2)
    f.words = words
    f.stop_ratio = <double>stops / <double>words if words > 2 else 0.0
    return seen | (rest & (_CHANGES | _SPECIAL))  # not `rest`'s separators: not in the sample


cdef void line_shape(
    const Tables *t, const uchar *s, Py_ssize_t n, Py_ssize_t sample, Py_ssize_t digit_chars,
    uint8_t seen, Facts *f
) noexcept:
    """The facts that follow from the counts and the line's ends."""
    cdef Py_ssize_t i = n, c = f.chars, words = f.words
    cdef double r = f.stop_ratio
    cdef Py_UCS4 first = s[0], last
    # The last character before closing quotes and brackets, among the last eight.
    while i > 0 and i > n - 8 and is_end(t, s[i - 1], _CLOSER, t.closers, t.n_closers):
        i -= 1
    f.terminal = False
    f.colon_end = False
    if i > 0 and i > n - 8:
        last = s[i - 1]
        f.terminal = is_end(t, last, _TERMINAL, t.terminal, t.n_terminal)
        f.colon_end = last == u":"
    f.upper = (u"A" <= first <= u"Z") if first < 128 else Py_UNICODE_ISUPPER(first)
    if c >= 150:
        f.prose = r >= 0.08 or words < 10 or f.terminal
    else:
        f.prose = c >= 60 and f.terminal and (r >= 0.12 or words < 6)
    f.separators = (
        not f.prose and words > 2 and seen & (_LINK | _DASH) and has_separators(t, s, sample)
    )
    f.has_digit = f.has_digit and c < digit_chars
    f.sentence = f.terminal and words >= 4 and r >= 0.1
    f.headline = (
        0 < words <= 20
        and 8 <= c <= 160
        and not f.colon_end
        and s[n - 1] != u"."
        and (f.upper or Py_UNICODE_ISDIGIT(first) or not Py_UNICODE_ISALPHA(first))
    )


cdef inline bint same_chars(const uchar *a, const uint32_t *b, Py_ssize_t n) noexcept:
    cdef Py_ssize_t i
    for i in range(n):
        if a[i] != b[i]:
            return False
    return True


cdef inline Py_ssize_t pair_index(uint32_t first, uint32_t second) noexcept:
    """Where a pair of characters is in `Tables.key_pairs` (letters a-z each have their own)."""
    return ((first & 31) << 5) | (second & 31)


cdef inline uint64_t keys_at(
    const Tables *t, const uchar *low, Py_ssize_t m, Py_ssize_t start, uint64_t mask
) noexcept:
    """Which of the candidate keys in `mask` low[:m] has at `start`."""
    cdef uint64_t found = 0
    cdef Py_ssize_t k
    while mask:
        k = sieb_lowest_bit(mask)
        mask &= mask - 1
        if t.key_len[k] <= m - start and same_chars(
            &low[start], &t.key_chars[t.key_start[k]], t.key_len[k]
        ):
            found |= <uint64_t>1 << k
    return found


cdef uint64_t find_keys(const Tables *t, const uchar *low, Py_ssize_t m) noexcept:
    """The keys `low[:m]` contains (bit k: key k): candidates by their first two characters,
    looked up at the second (a 0 after the last)."""
    cdef Py_ssize_t i
    cdef uint32_t ch, before = low[0]
    cdef uint64_t mask, found = 0
    for i in range(1, m):
        ch = low[i]
        mask = t.key_pairs[pair_index(before, ch)]
        before = ch
        if mask:
            found |= keys_at(t, low, m, i - 1, mask)
    mask = t.key_pairs[pair_index(before, 0)]
    if mask:
        found |= keys_at(t, low, m, m - 1, mask)
    return found


cdef inline uint64_t newline_lanes(const uint16_t *chars) noexcept:
    """Nonzero when one of chars[0:4] is "\\n" (a zero lane of their XOR with "\\n"s)."""
    cdef uint64_t word
    memcpy(&word, chars, 8)
    word ^= <uint64_t>0x000A000A000A000A
    return (word - <uint64_t>0x0001000100010001) & ~word & <uint64_t>0x8000800080008000


cdef inline bint has_newline(const uint16_t *chars) noexcept:
    """Whether one of chars[0:4] is "\\n"."""
    return newline_lanes(chars) != 0


cdef inline bint has_newline_in_8(const uint16_t *chars) noexcept:
    """Whether one of chars[0:8] is "\\n" (one test for two words)."""
    return (newline_lanes(chars) | newline_lanes(chars + 4)) != 0


cdef Py_ssize_t find_rows(
    const Tables *t, const uchar *s, Py_ssize_t length, Row **rows, Py_ssize_t *n_rows
) except -1:
    """The non-blank rows of the page (as text.split("\\n") and str.strip), into `*rows`
    (malloc'd); returns their number, and the number of input rows in `*n_rows`."""
    cdef Py_ssize_t capacity = 64, n = 0, start = 0, end, a, b, number = 0
    cdef Row *out = <Row *>malloc(capacity * sizeof(Row))
    cdef Row *grown
    cdef bint above_blank = True
    cdef const void *hit
    if out == NULL:
        raise MemoryError()
    rows[0] = out
    while True:
        number += 1
        if uchar is uint8_t:
            hit = memchr(s + start, 10, length - start)
            end = (<const uint8_t *>hit - s) if hit != NULL else length
        else:
            end = start
            if uchar is uint16_t:
                end = sieb_newline_ucs2(s, start, length)
                while end + 8 <= length and not has_newline_in_8(s + end):  # eight at a time
                    end += 8
                while end + 4 <= length and not has_newline(s + end):  # four at a time
                    end += 4
            while end < length and s[end] != 10:
                end += 1
        a = start
        b = end
        while a < b and is_space(t, s[a]):
            a += 1
        while b > a and is_space(t, s[b - 1]):
            b -= 1
        if a < b:
            if n == capacity:
                capacity *= 2
                grown = <Row *>realloc(out, capacity * sizeof(Row))
                if grown == NULL:
                    raise MemoryError()
                out = grown
                rows[0] = out
            out[n].start = a
            out[n].end = b
            out[n].number = number
            out[n].opens = above_blank
            n += 1
        above_blank = a == b
        if end >= length:
            break
        start = end + 1
    n_rows[0] = number
    return n


cdef inline uint64_t row_hash(const char *bytes, Py_ssize_t size) noexcept:
    """A hash of `size` bytes for find_distinct, sixteen at a time, then span_hash's (weaker
    than span_hash: find_distinct compares the rows of equal hashes, so a collision costs a
    comparison, never a wrong answer)."""
    cdef uint64_t h = <uint64_t>size * <uint64_t>0x9E3779B97F4A7C15, first, second
    cdef Py_ssize_t i = 0
    while i + 16 <= size:
        memcpy(&first, bytes + i, 8)
        memcpy(&second, bytes + i + 8, 8)
        h = (h ^ first ^ ((second << 29) | (second >> 35))) * <uint64_t>0xFF51AFD7ED558CCD
        h ^= h >> 32
        i += 16
    if i < size:
        h ^= span_hash(bytes + i, size - i)
    return h


cdef Py_ssize_t find_distinct(
    Row *rows, Py_ssize_t n, const char *data, int kind, Py_ssize_t *first_row,
    Py_ssize_t *counts
) except -1:
    """Number the distinct texts of the rows (rows[k].slot); first_row[slot] is the first row
    with that text and counts[slot] how many rows have it."""
    cdef Py_ssize_t capacity = 16, mask, k, j, slot, n_distinct = 0, size, other
    cdef uint64_t h
    cdef const char *bytes
    while capacity < 2 * n:
        capacity *= 2
    mask = capacity - 1
    cdef Py_ssize_t *table = <Py_ssize_t *>malloc(capacity * sizeof(Py_ssize_t))
    cdef uint64_t *hashes = <uint64_t *>malloc(n * sizeof(uint64_t))
    if table == NULL or hashes == NULL:
        free(table)
        free(hashes)
        raise MemoryError()
    for j in range(capacity):
        table[j] = -1
    for k in range(n):
        bytes = data + rows[k].start * kind
        size = (rows[k].end - rows[k].start) * kind
        h = row_hash(bytes, size)
        j = <Py_ssize_t>(h & <uint64_t>mask)
        while True:
            slot = table[j]
            if slot < 0:
                slot = n_distinct
                n_distinct += 1
                table[j] = slot
                hashes[slot] = h
                first_row[slot] = k
                counts[slot] = 0
                break
            other = first_row[slot]
            if (
                hashes[slot] == h
                and (rows[other].end - rows[other].start) * kind == size
                and memcmp(data + rows[other].start * kind, bytes, size) == 0
            ):
                break
            j = (j + 1) & mask
        rows[k].slot = slot
        counts[slot] += 1
    free(table)
    free(hashes)
    return n_distinct


cdef bint vector_agrees(const Tables *t) noexcept:
    """Whether sieb_classify_bytes' vector path gives each of the 256 characters the flags, lower
    case and space bit of the tables, alone and in a run of them all."""
    cdef uint8_t chars[256]
    cdef uint8_t low[256 + 16]
    cdef uint16_t spaces[16]
    cdef Py_ssize_t k
    for k in range(256):
        chars[k] = <uint8_t>k
    for k in range(256):
        if (
            sieb_classify_bytes(&chars[k], 1, t.flags, t.lower, low, spaces, True) != t.flags[k]
            or low[0] != t.lower[k]
            or (spaces[0] & 1) != (t.flags[k] & _SPACE)
        ):
            return False
    sieb_classify_bytes(chars, 256, t.flags, t.lower, low, spaces, True)
    for k in range(256):
        if low[k] != t.lower[k] or ((spaces[k >> 4] >> (k & 15)) & 1) != (t.flags[k] & _SPACE):
            return False
    return True


cdef bint quads_agree(const Tables *t) noexcept:
    """Whether sieb_quad_hits8 gives the table's bytes at the slots sieb_quad_slot gives, for
    eight positions of a run of bytes from every key start and of other bytes."""
    cdef uint8_t chars[4 * _MAX_KEYS + 512 + 16]
    cdef Py_ssize_t k, i, size = 0
    cdef uint64_t state = 0x9E3779B97F4A7C15
    cdef unsigned expected
    for k in range(_MAX_KEYS):
        if t.long_keys >> k & 1:
            for i in range(4):
                chars[size + i] = <uint8_t>(t.key_quad[k] >> (8 * i))
            size += 4
    for i in range(512):
        state = state * <uint64_t>6364136223846793005 + <uint64_t>1442695040888963407
        chars[size] = <uint8_t>(state >> 56)
        size += 1
    for i in range(16):
        chars[size + i] = 0
    for i in range(size - 7):
        expected = 0
        for k in range(8):
            expected |= <unsigned>(t.quads[sieb_quad_slot(&chars[i + k])] != 0) << k
        if sieb_quad_hits8(&t.quads[0], &chars[i]) != expected:
            return False
    return True


def holds_nul(str text) -> bool:
    """`"\\x00" in text` (lines.python_holds_nul): memchr for one byte a character, 32
    characters a test for two (str's search reads those one by one for a NUL), one by one for
    four."""
    cdef int kind = PyUnicode_KIND(text)
    cdef const void *data = PyUnicode_DATA(text)
    cdef Py_ssize_t i, n = len(text)
    if kind == 1:
        return memchr(data, 0, n) != NULL
    if kind == 2:
        return sieb_nul_ucs2(<const uint16_t *>data, n)
    for i in range(n):
        if (<const uint32_t *>data)[i] == 0:
            return True
    return False


cdef class Measurer:
    """`measure` of lines.py for one set of patterns (stop words, keys, thresholds)."""

    cdef Tables tables
    cdef uint64_t consent_keys  # which keys are consent keys
    cdef uint64_t notice_keys
    cdef object line_type
    cdef object lines_type
    cdef Py_ssize_t measure_chars
    cdef Py_ssize_t digit_chars
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
        cdef Tables *t = &self.tables
        cdef Py_ssize_t k
        cdef Py_UCS4 ch
        for k in range(256):
            ch = <Py_UCS4>k
            t.flags[k] = (
                (_SPACE if Py_UNICODE_ISSPACE(ch) else 0)
                | (_DECIMAL if Py_UNICODE_ISDECIMAL(ch) else 0)
                | (_BANG if ch == u"!" else 0)
                | (_CHANGES if Py_UNICODE_TOLOWER(ch) != ch else 0)
                | (_LINK if is_link_separator(ch) else 0)
                | (_DASH if is_dash(ch) else 0)
            )
            t.lower[k] = Py_UNICODE_TOLOWER(ch)
        t.vector = SIEB_HAVE_SSE2 and vector_agrees(t)
        self.fill_stop_words(stop_words)
        if len(closers) > 16 or len(terminal) > 16:
            raise ValueError("at most 16 closers and 16 terminal marks")
        t.n_closers = len(closers)
        for k in range(len(closers)):
            t.closers[k] = ord(closers[k])
        t.n_terminal = len(terminal)
        for k in range(len(terminal)):
            t.terminal[k] = ord(terminal[k])
        for k in range(256):
            t.ends[k] = (
                (_CLOSER if one_of(t.closers, t.n_closers, k) else 0)
                | (_TERMINAL if one_of(t.terminal, t.n_terminal, k) else 0)
            )
        consent, notice, footer = key_families
        self.fill_keys(consent + notice + footer)
        t.quads8 = sieb_measure_has_avx2() and quads_agree(t)
        self.consent_keys = (<uint64_t>1 << len(consent)) - 1
        self.notice_keys = ((<uint64_t>1 << len(notice)) - 1) << len(consent)
        self.line_type = line_type
        self.lines_type = lines_type
        self.measure_chars = measure_chars
        self.digit_chars = digit_chars
        t.cjk_weight = cjk_weight
        self.exclamations = exclamations
        self.blankless_share = blankless_share
        if numeric_fields != _NUMERIC_FIELDS:
            raise ValueError("LineFeatures has 7 fields and 16 numeric ones, as `assemble` fills them")
        self.numeric_fields = numeric_fields

    @property
    def vector(self):
        """Whether lines of one byte per character are read sixteen characters at a time (SSE2);
        set it False to read them through the tables (the path of CPUs without SSE2)."""
        return bool(self.tables.vector)

    @vector.setter
    def vector(self, bint on):
        self.tables.vector = on and SIEB_HAVE_SSE2 and vector_agrees(&self.tables)

    @property
    def quads8(self):
        """Whether the key search tests eight positions at a time (AVX2); set it False to test
        four at a time (the path of CPUs without AVX2)."""
        return bool(self.tables.quads8)

    @quads8.setter
    def quads8(self, bint on):
        self.tables.quads8 = on and sieb_measure_has_avx2() and quads_agree(&self.tables)

    cdef fill_stop_words(self, frozenset stop_words):
        cdef Tables *t = &self.tables
        cdef uint64_t key, j
        cdef Py_ssize_t i
        cdef str word
        if len(stop_words) > _STOP_SLOTS // 2:
            raise ValueError("too many stop words")
        for j in range(_STOP_SLOTS):
            t.stop[j] = 0
        t.longest_stop = max(map(len, stop_words), default=0)
        for word in stop_words:
            if not 0 < len(word) <= _PACKED_CHARS or any(ord(ch) > 0xFF for ch in word):
                raise ValueError("a stop word is empty, too long or has a character above 255")
            key = <uint64_t>len(word) << 56
            for i in range(len(word)):
                key |= <uint64_t>ord(word[i]) << (8 * i)
            j = stop_hash(key)
            while t.stop[j]:
                j = (j + 1) & (_STOP_SLOTS - 1)
            t.stop[j] = key

    cdef fill_keys(self, tuple keys):
        cdef Tables *t = &self.tables
        cdef Py_ssize_t k, i, used = 0
        cdef uint8_t quad[4]
        cdef str key
        if len(keys) > _MAX_KEYS or sum(map(len, keys)) > _MAX_KEY_CHARS or not all(keys):
            raise ValueError("at most 64 keys of 1024 characters, none empty")
        for i in range(1024):
            t.key_pairs[i] = 0
        memset(t.quads, 0, sizeof(t.quads))
        t.long_keys = 0
        t.n_short = 0
        for k, key in enumerate(keys):
            t.key_start[k] = used
            t.key_len[k] = len(key)
            for i in range(len(key)):
                t.key_chars[used + i] = ord(key[i])
            used += len(key)
            if len(key) > 1:
                t.key_pairs[pair_index(ord(key[0]), ord(key[1]))] |= <uint64_t>1 << k
            else:
                for i in range(32):
                    t.key_pairs[pair_index(ord(key[0]), i)] |= <uint64_t>1 << k
            if len(key) < 4:
                if ord(key[0]) <= 0xFF:
                    t.short_keys[t.n_short] = k
                    t.n_short += 1
            elif all(ord(ch) <= 0xFF for ch in key[:4]):  # else never in such a line
                for i in range(4):
                    quad[i] = ord(key[i])
                t.quads[sieb_quad_slot(quad)] = 1
                t.key_quad[k] = sieb_quad(quad)
                t.long_keys |= <uint64_t>1 << k

    def __call__(self, str text):
        """The page's `Lines` (as lines.python_measure)."""
        cdef int kind = PyUnicode_KIND(text)
        cdef void *data = PyUnicode_DATA(text)
        cdef Py_ssize_t n_rows = 0, n = 0, n_distinct = 0, k, longest = 0
        cdef Row *rows = NULL
        cdef Py_ssize_t *first_row = NULL
        cdef Py_ssize_t *counts = NULL
        cdef Facts *facts = NULL
        cdef uint32_t *low = NULL
        cdef uint8_t *shadow
        cdef uint16_t *spaces
        cdef PyObject **ints = NULL
        try:
            if kind == 1:
                n = find_rows(&self.tables, <const uint8_t *>data, len(text), &rows, &n_rows)
            elif kind == 2:
                n = find_rows(&self.tables, <const uint16_t *>data, len(text), &rows, &n_rows)
            else:
                n = find_rows(&self.tables, <const uint32_t *>data, len(text), &rows, &n_rows)
            if n == 0:
                return self.lines_type(
                    [], np.empty((self.numeric_fields, 0)), np.empty((3, 0), dtype=np.int64)
                )
            first_row = <Py_ssize_t *>malloc(n * sizeof(Py_ssize_t))
            counts = <Py_ssize_t *>malloc(n * sizeof(Py_ssize_t))
            if first_row == NULL or counts == NULL:
                raise MemoryError()
            n_distinct = find_distinct(rows, n, <const char *>data, kind, first_row, counts)
            for k in range(n_distinct):
                longest = max(longest, rows[first_row[k]].end - rows[first_row[k]].start)
            facts = <Facts *>malloc(n_distinct * sizeof(Facts))
            if facts == NULL:
                raise MemoryError()
            for k in range(n_distinct):
                hold_nothing(&facts[k])
            # Scratch: the lower case of a line (four bytes a character, or one and 16 more),
            # the space bits of its sample (16 characters to a uint16_t), then its bytes for
            # the key search (one a character and 16 more).
            low = <uint32_t *>malloc(
                (longest + 16) * (sizeof(uint32_t) + 1) + ((longest >> 4) + 2) * sizeof(uint16_t)
            )
            if low == NULL:
                raise MemoryError()
            spaces = <uint16_t *>&low[longest + 16]
            shadow = <uint8_t *>&spaces[(longest >> 4) + 2]
            self.measure_distinct(
                text, rows, first_row, counts, n_distinct, facts, low, shadow, spaces
            )
            ints = <PyObject **>calloc(n_rows + 1, sizeof(PyObject *))
            if ints == NULL:
                raise MemoryError()
            return self.assemble(rows, n, n_rows, facts, ints)
        finally:
            if facts != NULL:
                for k in range(n_distinct):
                    release(&facts[k])
            free(rows)
            free(first_row)
            free(counts)
            free(facts)
            free(low)
            if ints != NULL:
                for k in range(n_rows + 1):
                    Py_XDECREF(ints[k])
                free(ints)

    cdef measure_distinct(
        self, str text, Row *rows, Py_ssize_t *first_row, Py_ssize_t *counts,
        Py_ssize_t n_distinct, Facts *facts, uint32_t *low, uint8_t *shadow, uint16_t *spaces
    ):
        """Measure each distinct text, and make the objects its lines share."""
        cdef Py_ssize_t k
        cdef Row *row
        cdef Facts *f
        cdef bint bangs_counted = False
        for k in range(n_distinct):
            row = &rows[first_row[k]]
            f = &facts[k]
            line = sieb_line_of(text, row.start, row.end)
            keep(&f.text, line)
            keep(&f.low, self.measure_text(line, f, low, shadow, spaces))
            bangs_counted |= f.bang_in_sample
        zero = PyFloat_FromDouble(0.0)  # the lines without stop words share one 0.0
        for k in range(n_distinct):
            f = &facts[k]
            f.exclamations = bangs_counted and f.bangs >= self.exclamations
            f.repeats = counts[k]
            keep(&f.chars_value, PyLong_FromSsize_t(f.chars))
            keep(&f.words_value, PyLong_FromSsize_t(f.words))
            if f.stop_ratio == 0.0 and not signbit(f.stop_ratio):
                keep(&f.stop_ratio_value, zero)
            else:
                keep(&f.stop_ratio_value, PyFloat_FromDouble(f.stop_ratio))
            keep(&f.repeats_value, PyLong_FromSsize_t(f.repeats))

    cdef str measure_text(
        self, str line, Facts *f, uint32_t *low, uint8_t *shadow, uint16_t *spaces
    ):
        """The facts of one stripped, non-blank line; returns its lower case. `low`, `shadow`
        and `spaces` are scratch (see __call__)."""
        cdef int kind = PyUnicode_KIND(line)
        cdef void *data = PyUnicode_DATA(line)
        cdef Py_ssize_t n = len(line), i
        cdef Py_ssize_t sample = n if n <= self.measure_chars else self.measure_chars
        cdef bint need_digit = sample < self.digit_chars
        cdef const Tables *t = &self.tables
        cdef uint8_t seen
        cdef uint64_t found = 0
        cdef str lower
        if kind == 1:
            seen = scan_latin1(t, <const uint8_t *>data, n, sample, f, <uint8_t *>low, spaces, &found)
            line_shape(t, <const uint8_t *>data, n, sample, self.digit_chars, seen, f)
            lower = self.lower_latin1(line, seen, <const uint8_t *>low)
        else:
            if kind == 2 and t.vector:
                seen = scan_ucs2(t, <const uint16_t *>data, n, sample, need_digit, f, low, spaces)
                line_shape(t, <const uint16_t *>data, n, sample, self.digit_chars, seen, f)
            elif kind == 2:
                seen = scan_line(t, <const uint16_t *>data, n, sample, need_digit, f, low)
                line_shape(t, <const uint16_t *>data, n, sample, self.digit_chars, seen, f)
            else:
                seen = scan_line(t, <const uint32_t *>data, n, sample, need_digit, f, low)
                line_shape(t, <const uint32_t *>data, n, sample, self.digit_chars, seen, f)
            lower = self.lower_wide(line, seen, low)
            if not seen & _SPECIAL:  # `low` holds the lower case: keys as in a one-byte line
                sieb_shadow(low, n, shadow)
                found = find_keys_latin1(t, shadow, <const uint32_t *>low, n)
            else:
                found = keys_of(t, lower)
        f.consent = (found & self.consent_keys) != 0
        f.notice = (found & self.notice_keys) != 0
        f.footer = (found & ~(self.consent_keys | self.notice_keys)) != 0
        return lower

    cdef str lower_latin1(self, str line, uint8_t seen, const uint8_t *low):
        """`line.lower()` of a line of one byte per character, whose lower case scan_line
        wrote into `low`; `line` itself when no character changes."""
        cdef Py_ssize_t n = len(line)
        if not seen & _CHANGES:
            return line
        cdef str lower = PyUnicode_New(n, 127 if PyUnicode_IS_ASCII(line) else 255)
        memcpy(PyUnicode_DATA(lower), low, n)
        return lower

    cdef str lower_wide(self, str line, uint8_t seen, const uint32_t *low):
        """`line.lower()` of a line of two or four bytes per character, whose characters'
        lower case scan_line wrote into `low`; `line` itself when no character changes."""
        cdef Py_ssize_t n = len(line)
        if seen & _SPECIAL:
            return line.lower()
        if not seen & _CHANGES:
            return line
        return sieb_str_of_wide(low, n)

    cdef object assemble(
        self, Row *rows, Py_ssize_t n, Py_ssize_t n_rows, Facts *facts, PyObject **ints
    ):
        """The `LineFeatures` of every line, the numeric array and the layout; `ints` (n_rows + 1
        of them, NULL) keeps the ints made for the page (see sieb_put_int)."""
        cdef Py_ssize_t k, field, start = 0, group = -1, size, i
        cdef bint each_alone = <double>(n_rows - n) < self.blankless_share * <double>n
        cdef Py_ssize_t fields = self.numeric_fields
        layout = np.empty((3, n), dtype=np.int64)
        numeric = np.empty((fields, n))
        cdef long long[:, ::1] groups = layout
        cdef double[:, ::1] out = numeric
        for k in range(n + 1):
            if k == n or k == 0 or each_alone or rows[k].opens:
                for i in range(start, k):  # close the group before
                    groups[2, i] = k - start
                if k == n:
                    break
                group += 1
                start = k
            groups[0, k] = group
            groups[1, k] = k - start
        cdef list feats = []
        cdef Facts *f
        for k in range(n):
            f = &facts[rows[k].slot]
            line = sieb_alloc_tuple(self.line_type, 7 + _NUMERIC_FIELDS)
            sieb_put_int(line, 0, ints, rows[k].number)
            sieb_put(line, 1, f.text)
            sieb_put(line, 2, f.low)
            sieb_put_int(line, 3, ints, k)
            sieb_put_int(line, 4, ints, groups[0, k])
            sieb_put_int(line, 5, ints, groups[1, k])
            sieb_put_int(line, 6, ints, groups[2, k])
            sieb_put(line, 7, f.chars_value)
            sieb_put(line, 8, f.words_value)
            sieb_put_bool(line, 9, f.terminal)
            sieb_put_bool(line, 10, f.colon_end)
            sieb_put_bool(line, 11, f.upper)
            sieb_put(line, 12, f.stop_ratio_value)
            sieb_put(line, 13, f.repeats_value)
            sieb_put_bool(line, 14, f.separators)
            sieb_put_bool(line, 15, f.has_digit)
            sieb_put_bool(line, 16, f.exclamations)
            sieb_put_bool(line, 17, f.consent)
            sieb_put_bool(line, 18, f.notice)
            sieb_put_bool(line, 19, f.footer)
            sieb_put_bool(line, 20, f.prose)
            sieb_put_bool(line, 21, f.sentence)
            sieb_put_bool(line, 22, f.headline)
            # Strings, numbers and bools only: no reference cycle can pass through the tuple, so
            # the cyclic garbage collector need not traverse it (about one in three objects the
            # text pipeline makes; the collections it triggers would visit each).
            PyObject_GC_UnTrack(<void *>line)
            feats.append(line)
            out[0, k] = f.chars
            out[1, k] = f.words
            out[2, k] = f.terminal
            out[3, k] = f.colon_end
            out[4, k] = f.upper
            out[5, k] = f.stop_ratio
            out[6, k] = f.repeats
            out[7, k] = f.separators
            out[8, k] = f.has_digit
            out[9, k] = f.exclamations
            out[10, k] = f.consent
            out[11, k] = f.notice
            out[12, k] = f.footer
            out[13, k] = f.prose
            out[14, k] = f.sentence
            out[15, k] = f.headline
        return self.lines_type(feats, numeric, layout)


cdef inline void keep(PyObject **slot, object value) noexcept:
    """Store an owned reference to `value` in `*slot`."""
    Py_INCREF(value)
    slot[0] = <PyObject *>value


cdef inline void hold_nothing(Facts *f) noexcept:
    """Set the references of fresh facts to none."""
    f.text = NULL
    f.low = NULL
    f.chars_value = NULL
    f.words_value = NULL
    f.stop_ratio_value = NULL
    f.repeats_value = NULL


cdef inline void release(Facts *f) noexcept:
    """Drop the references `f` holds."""
    Py_XDECREF(f.text)
    Py_XDECREF(f.low)
    Py_XDECREF(f.chars_value)
    Py_XDECREF(f.words_value)
    Py_XDECREF(f.stop_ratio_value)
    Py_XDECREF(f.repeats_value)


cdef extern from "Python.h":
    PyObject *sieb_tuple_item "PyTuple_GET_ITEM"(object tuple, Py_ssize_t at)


def regrouped(object lines, list opens, object line_type):
    """sieb.text.blocks.python_regrouped: the lines of `feats` (tuples of `line_type`, a tuple
    type) with their group, group_pos and group_size (fields 4, 5, 6) set by `opens`, whether
    each line opens a block (the first line always does); their other fields are kept."""
    if not isinstance(lines, list):
        raise TypeError("regrouped: lines must be a list")
    cdef list feats = <list>lines  # a list or a subclass of it (Lines)
    cdef Py_ssize_t n = len(feats), k, i, j, width, start = 0, group = -1
    if len(opens) != n:
        raise ValueError("regrouped: one opens flag per line")
    cdef list out = []
    cdef tuple f
    cdef PyObject **ints = <PyObject **>calloc(n + 1, sizeof(PyObject *))
    if ints == NULL:
        raise MemoryError()
    try:
        for k in range(n + 1):
            if not (k == n or k == 0 or opens[k]):
                continue
            for i in range(start, k):  # the block before line k
                f = <tuple>feats[i]
                width = len(f)
                if width < 7:
                    raise ValueError("regrouped: a line of fewer than 7 fields")
                line = sieb_alloc_tuple(line_type, width)
                for j in range(width):
                    if j < 4 or j > 6:
                        sieb_put(line, j, sieb_tuple_item(f, j))
                sieb_put_int(line, 4, ints, group)
                sieb_put_int(line, 5, ints, i - start)
                sieb_put_int(line, 6, ints, k - start)
                PyObject_GC_UnTrack(<void *>line)
                out.append(line)
            group += 1
            start = k
    finally:
        for k in range(n + 1):
            Py_XDECREF(ints[k])
        free(ints)
    return out
