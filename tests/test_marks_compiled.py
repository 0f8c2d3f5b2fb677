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
        needle_counts(b"abc", (b"ab",), (1,), (1,))
    with pytest.raises(ValueError):
        needle_counts(b"abc", (b"ab", b"cd"), (0,), (1, 1))
    with pytest.raises(ValueError):
        needle_counts(b"abc", (b"Ab",), (0,), (1,))


@needs_compiled
def test_counts_stop_at_their_caps() -> None:
    from sieb._textcounts import needle_counts

    assert needle_counts(b"abab ab cd", (b"ab", b"cd", b"ef"), (0, 0, 0), (2, 5, 1)) == [2, 1, 0]
    assert needle_counts(b"aaaa", (b"aa",), (0,), (9,)) == [3]
    assert needle_counts(b"xAbaB", (b"ab",), (0,), (9,)) == [2]
