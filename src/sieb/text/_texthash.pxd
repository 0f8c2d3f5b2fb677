# A fast, non-cryptographic hash of a run of bytes: the compiled measure finds a page's equal
# lines by it (on the page's buffer) and the compiled rules remember decisions by it (on a line's
# characters), where str's SipHash would cost several times as much per line.

from libc.stdint cimport uint64_t
from libc.string cimport memcpy


cdef inline uint64_t load_tail(const char *bytes, Py_ssize_t size) noexcept nogil:
    """The last 1 to 7 bytes of a run as one little word (the rest zero)."""
    cdef uint64_t word = 0
    memcpy(&word, bytes, <size_t>size)
    return word


cdef inline uint64_t span_hash(const char *bytes, Py_ssize_t size) noexcept nogil:
    """A hash of `size` bytes, eight at a time."""
    cdef uint64_t h = <uint64_t>size * <uint64_t>0x9E3779B97F4A7C15, word
    cdef Py_ssize_t i = 0
    while i + 8 <= size:
        memcpy(&word, bytes + i, 8)
        h = (h ^ word) * <uint64_t>0xFF51AFD7ED558CCD
        h ^= h >> 32
        i += 8
    if i < size:
        h = (h ^ load_tail(bytes + i, size - i)) * <uint64_t>0xC4CEB9FE1A85EC53
        h ^= h >> 32
    return h
