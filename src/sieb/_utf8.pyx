# cython: language_level=3, boundscheck=False, wraparound=False
"""Compiled twin of `sieb.decode`'s strict UTF-8 check: whether bytes decode as UTF-8 without
error, found without building the text (see sieb.decode, which checks it)."""

from libc.stdint cimport uint64_t
from libc.string cimport memcpy

cdef enum:
    WORD = 8  # bytes of a machine word
    RUN = 32  # bytes checked at a time for ASCII (four words)


def is_utf8(const unsigned char[::1] data) -> bool:
    """True when `data` is well-formed UTF-8 (Unicode's table 3-7, which Python's strict
    decoder follows: no overlong forms, no surrogates, nothing above U+10FFFF)."""
    cdef bint valid
    if data.shape[0] == 0:
        return True
    with nogil:
        valid = _well_formed(&data[0], data.shape[0])
    return valid


cdef bint _well_formed(const unsigned char *p, Py_ssize_t n) noexcept nogil:
    cdef Py_ssize_t i = 0
    cdef uint64_t word
    cdef uint64_t words[4]
    cdef unsigned char lead, second, low, high
    cdef int trail
    while i < n:
        if i + RUN <= n:
            memcpy(words, p + i, RUN)
            if ((words[0] | words[1] | words[2] | words[3]) & 0x8080808080808080ULL) == 0:
                i += RUN
                continue
        if i + WORD <= n:
            memcpy(&word, p + i, WORD)
            if (word & 0x8080808080808080ULL) == 0:
                i += WORD
                continue
        lead = p[i]
        if lead < 0x80:
            i += 1
            continue
        if lead < 0xC2 or lead > 0xF4:
            return False
        trail = 1 if lead < 0xE0 else (2 if lead < 0xF0 else 3)
        if i + trail >= n:
            return False
        second = p[i + 1]
        # the second byte's range depends on the lead byte (no overlong forms after E0 and
        # F0, no surrogates after ED, nothing above U+10FFFF after F4)
        low = 0xA0 if lead == 0xE0 else (0x90 if lead == 0xF0 else 0x80)
        high = 0x9F if lead == 0xED else (0x8F if lead == 0xF4 else 0xBF)
        if second < low or second > high:
            return False
        if trail >= 2 and (p[i + 2] & 0xC0) != 0x80:
            return False
        if trail == 3 and (p[i + 3] & 0xC0) != 0x80:
            return False
        i += trail + 1
    return True
