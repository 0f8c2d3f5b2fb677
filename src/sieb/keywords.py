"""Cheap keyword gates in front of case-insensitive regular expressions.

A ``re.IGNORECASE`` search over a short text block costs microseconds (SRE has no fast start for
alternations of words without case), and the rules run one over nearly every block. When every
match of a pattern contains one of a few literal words, a text without any of them cannot match:
`may_contain` tells that from a lower-cased copy, and the regular expression runs only on the
few texts that pass. The gate never changes an answer, it only skips searches that must fail.
"""

from __future__ import annotations

from bisect import bisect_right
from itertools import accumulate

# Under re.IGNORECASE an ASCII letter matches its other case and, besides, exactly these
# non-ASCII letters (checked over all code points, see tests/test_keywords.py): they are
# mapped to that ASCII letter before lower-casing.
_IGNORECASE_TO_ASCII = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})


def _has_ignorecase_non_ascii(text: str) -> bool:
    """True when `text` holds one of the four letters above. Four `in` tests, not a regex
    search: each returns at once for a text of code points below U+0100 (narrower than the
    letters) and is a fast scan otherwise."""
    return "\u0130" in text or "\u0131" in text or "\u017f" in text or "\u212a" in text


def fold_ascii_case(text: str) -> str:
    """`text` lower-cased so that every character re.IGNORECASE equates with an ASCII letter
    becomes that lower-case letter (other characters are lower-cased as by `str.lower`)."""
    if text.isascii() or not _has_ignorecase_non_ascii(text):
        return text.lower()
    return text.translate(_IGNORECASE_TO_ASCII).lower()  # rare: translating is slow


def may_contain(text: str, keywords: tuple[str, ...]) -> bool:
    """False only when `text` holds none of `keywords` (lower-case ASCII words, or '©') in any
    spelling re.IGNORECASE equates with them: then a case-insensitive pattern each of whose
    matches contains one of `keywords` literally cannot match `text`."""
    folded = fold_ascii_case(text)
    for keyword in keywords:  # noqa: SIM110 (a loop: twice as fast as any() over a generator)
        if keyword in folded:
            return True
    return False


def fold_ascii_bytes(text: str) -> bytes:
    """`text` as UTF-8 with every character re.IGNORECASE equates with an ASCII letter made that
    lower-case letter: the same ASCII words as in `fold_ascii_case`, at a fraction of its cost
    on long non-ASCII texts (non-ASCII characters keep their bytes, all of them >= 0x80)."""
    if not text.isascii() and _has_ignorecase_non_ascii(text):
        text = text.translate(_IGNORECASE_TO_ASCII)
    return text.encode("utf-8", "surrogatepass").lower()


def holds_keyword(folded: bytes, keywords: tuple[bytes, ...]) -> bool:
    """`may_contain` for a text folded by `fold_ascii_bytes` (one fold, several gates), with
    the keywords UTF-8 encoded."""
    for keyword in keywords:  # noqa: SIM110 (a loop: twice as fast as any() over a generator)
        if keyword in folded:
            return True
    return False


def lines_holding(folded: bytes, indices: list[int], words: tuple[bytes, ...]) -> list[int]:
    """The `indices` of the texts that hold one of `words` (`may_contain`), in order; `folded`:
    those texts joined by newlines and folded by `fold_ascii_bytes` (one fold for all).

    Folding goes character by character, so line k of `folded` is text k folded, and a word
    (no newline in it) is in that line when it is in the text: the hits of each word are
    mapped to their lines. When a text holds a newline itself (<pre>), the lines are not the
    texts: then all `indices` are returned when any word is anywhere (a superset)."""
    first = [(word, at) for word in words if (at := folded.find(word)) >= 0]
    if not first:
        return []
    if folded.count(b"\n") != len(indices) - 1:
        return indices
    # starts[k]: where line k begins (the last entry: one past the end)
    starts = list(accumulate(map((1).__add__, map(len, folded.split(b"\n"))), initial=0))
    found = set()
    for word, at in first:
        while at >= 0:
            line = bisect_right(starts, at) - 1
            found.add(indices[line])
            at = folded.find(word, starts[line + 1])
    return sorted(found)
