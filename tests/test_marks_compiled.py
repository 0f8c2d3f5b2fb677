"""The compiled scan of the page (sieb._textcounts.needle_counts) equals the Python tests of
sieb.marks, in any ASCII case."""

from __future__ import annotations

import importlib.util
import itertools
import random

import pytest

from sieb import marks
from sieb.compiled import pure_python_forced
from sieb.endless import may_hold_articles

BUILT = importlib.util.find_spec("sieb._textcounts") is not None
needs_compiled = pytest.mark.skipif(
    not marks.SOURCE_MARKS_COMPILED, reason="the compiled scan is not built or not enabled"
)


def test_the_compiled_scan_is_active_when_built() -> None:
    if not BUILT or pure_python_forced():
        pytest.skip("the extension is not built, or Python is forced")
    assert marks.SOURCE_MARKS_COMPILED


def test_python_marks() -> None:
    assert not may_hold_articles(b"<html><article>one</article></html>")
    assert may_hold_articles(b"<article>one</article><article>two")
    assert may_hold_articles(b'<div itemtype="x">')
    assert may_hold_articles(b'<div data-article-id="1">')
    found = marks.python_source_marks(b'<template shadowrootmode="open"><a rel="sponsored">')
    assert found == marks.SourceMarks(
        shadow_roots=True, sponsored=True, articles=False, article_markers=frozenset()
    )
    found = marks.python_source_marks(b'<ARTICLE ItemType="x">')
    assert found.articles
    assert found.article_markers == {b"<article", b"itemtype"}


def _same(source: bytes) -> None:
    assert marks.source_marks(source) == marks.python_source_marks(source), source


@needs_compiled
def test_probe_sources() -> None:
    for source in marks.PROBE_SOURCES:
        _same(source)


@needs_compiled
def test_random_sources() -> None:
    parts = [*marks._NEEDLES, b"<a", b"<articl", b"mt", b"y-", b"-a", b"wr", b"so", b"x", b" "]
    parts += [needle[:cut] for needle in marks._NEEDLES for cut in (1, 3, -1)]
    parts += [needle[cut:] for needle in marks._NEEDLES for cut in (1, 4)]
    parts += [needle.upper() for needle in marks._NEEDLES] + [b"<ArTiClE", b"\xc3\x84", b"\xff"]
    rng = random.Random(7)
    for _ in range(5000):
        _same(b"".join(rng.choice(parts) for _ in range(rng.randrange(0, 9))))
    for a, b in itertools.product(parts, repeat=2):
        _same(a + b)


@needs_compiled
def test_bad_needles_are_refused() -> None:
    from sieb._textcounts import needle_counts

    with pytest.raises(ValueError):
        needle_counts(b"abc", (b"a",), (1,))  # shorter than a pair
    with pytest.raises(ValueError):
        needle_counts(b"abc", (b"ab", b"cd"), (1,))
    with pytest.raises(ValueError):
        needle_counts(b"abc", (b"Ab",), (1,))
    with pytest.raises(ValueError):
        needle_counts(b"abc", tuple(b"n%d" % k for k in range(9)), (1,) * 9)


@needs_compiled
def test_counts_stop_at_their_caps() -> None:
    from sieb._textcounts import needle_counts

    assert needle_counts(b"abab ab cd", (b"ab", b"cd", b"ef"), (2, 5, 1)) == [2, 1, 0]
    assert needle_counts(b"aaaa", (b"aa",), (9,)) == [3]
    assert needle_counts(b"xAbaB", (b"ab",), (9,)) == [2]
    assert needle_counts(b"abcab", (b"ab", b"cab"), (0, 1)) == [0, 1]


def _capped_counts(source: bytes, needles: tuple[bytes, ...], caps: tuple[int, ...]) -> list[int]:
    """The definition: overlapping start positions in source.lower(), each count capped."""
    lower = source.lower()
    return [
        min(cap, sum(lower.startswith(needle, i) for i in range(len(lower))))
        for needle, cap in zip(needles, caps, strict=True)
    ]


@needs_compiled
def test_counts_equal_the_definition_on_random_pages() -> None:
    """Needles of different lengths sharing pairs, in every case, at the page's ends: the
    window moves of the scan never pass a start."""
    from sieb._textcounts import needle_counts

    rng = random.Random(11)
    alphabet = b"abAB-<>"
    for _ in range(3000):
        needles = tuple(
            {bytes(rng.choice(b"ab-<") for _ in range(rng.randrange(2, 7))) for _ in range(3)}
        )
        caps = tuple(rng.randrange(0, 4) for _ in needles)
        page = bytes(rng.choice(alphabet) for _ in range(rng.randrange(0, 40)))
        assert needle_counts(page, needles, caps) == _capped_counts(page, needles, caps), (
            page, needles, caps
        )
