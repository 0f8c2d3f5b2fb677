"""The compiled page-source test (sieb._textcounts.twice_or_any) equals may_hold_articles' Python
twin."""

from __future__ import annotations

import importlib.util
import itertools
import random

import pytest

from sieb import endless
from sieb.compiled import pure_python_forced

BUILT = importlib.util.find_spec("sieb._textcounts") is not None
needs_compiled = pytest.mark.skipif(
    not endless.MAY_HOLD_ARTICLES_COMPILED, reason="the compiled test is not built or not enabled"
)


def test_the_compiled_test_is_active_when_built() -> None:
    if not BUILT or pure_python_forced():
        pytest.skip("the extension is not built, or Python is forced")
    assert endless.MAY_HOLD_ARTICLES_COMPILED


def test_python_test() -> None:
    assert not endless.python_may_hold_articles(b"<html><article>one</article></html>")
    assert endless.python_may_hold_articles(b"<article>one</article><article>two")
    assert endless.python_may_hold_articles(b'<div itemtype="x">')
    assert endless.python_may_hold_articles(b'<div data-article-id="1">')


@needs_compiled
def test_probe_sources() -> None:
    for source in endless.PROBE_SOURCES:
        assert endless.may_hold_articles(source) == endless.python_may_hold_articles(source)


@needs_compiled
def test_random_sources() -> None:
    parts = [*endless._GATE_NEEDLES, b"<a", b"<articl", b"mt", b"y-", b"-a", b"data-", b"x", b" "]
    parts += [needle[:cut] for needle in endless._GATE_NEEDLES for cut in (1, 3, -1)]
    rng = random.Random(7)
    for _ in range(3000):
        source = b"".join(rng.choice(parts) for _ in range(rng.randrange(0, 8)))
        assert endless.may_hold_articles(source) == endless.python_may_hold_articles(source)
    for a, b in itertools.product(parts, repeat=2):
        assert endless.may_hold_articles(a + b) == endless.python_may_hold_articles(a + b)


@needs_compiled
def test_bad_needles_are_refused() -> None:
    from sieb._textcounts import twice_or_any

    with pytest.raises(ValueError):
        twice_or_any(b"abc", (b"ab",), (1,))
    with pytest.raises(ValueError):
        twice_or_any(b"abc", (b"ab", b"cd"), (0,))
