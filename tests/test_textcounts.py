"""The compiled per-block text counts and block values equal their Python definitions."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from selectolax.lexbor import LexborHTMLParser

from benchmarks.datasets import BENCH, load_pages
from sieb import features
from sieb.blocks import Context, Element, TextBlock, segment_python
from sieb.compiled import pure_python_forced
from sieb.decode import decode_html
from sieb.textcounts import PROBE_TEXTS, python_counter

REPO = Path(__file__).resolve().parent.parent
BUILT = importlib.util.find_spec("sieb._textcounts") is not None
TERMINAL = "".join(sorted(features._TERMINAL))
REFERENCE = python_counter(features.STOPWORDS, TERMINAL)
needs_compiled = pytest.mark.skipif(
    not features.TEXT_COUNTS_COMPILED, reason="the compiled counts are not built or not enabled"
)


def test_the_compiled_counts_are_active_when_built() -> None:
    if not BUILT or pure_python_forced():
        pytest.skip("the extension is not built, or Python is forced")
    assert features.TEXT_COUNTS_COMPILED


def test_python_counts_of_a_sentence() -> None:
    assert REFERENCE("The Fox and 2 dogs, _x ran.") == (7, 1, 2, 2, 1, 2, 21)


@needs_compiled
@pytest.mark.parametrize("text", PROBE_TEXTS)
def test_same_counts_on_the_probes(text: str) -> None:
    assert features._text_counts(text) == REFERENCE(text)


# Letters, digits and marks of several scripts, the characters whose case or class is special
# (ß, ÿ, İ, final sigma, superscripts, other decimal digits), and Unicode whitespace.
_ALPHABET = "aZz_09٣²ßÿÀÞİıΣσςЖж文字 ,.;!?:\"“”«»)'\u00a0\u2003\u3000\t\n\x1c\u0301-"
_WORDS = st.sampled_from(sorted(features.STOPWORDS))


@needs_compiled
@settings(max_examples=500, deadline=None)
@given(st.lists(st.one_of(st.text(alphabet=_ALPHABET, max_size=8), _WORDS), max_size=12))
def test_same_counts_on_random_text(pieces: list[str]) -> None:
    text = " ".join(pieces)
    assert features._text_counts(text) == REFERENCE(text)


@needs_compiled
@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=sys.maxunicode), max_size=30))
def test_same_counts_on_any_characters(text: str) -> None:
    assert features._text_counts(text) == REFERENCE(text)


@needs_compiled
def test_same_counts_around_every_bmp_character() -> None:
    """Each character of one or two bytes in, before and after words and stop words (such texts
    are counted in one pass unless a character lowers unlike the others: then as the rest)."""
    for code in range(0x10000):
        ch = chr(code)
        text = f"der{ch} {ch}und Die{ch}x {ch} ÜBER{ch} {ch}{ch}"
        assert features._text_counts(text) == REFERENCE(text), hex(code)


needs_compiled_values = pytest.mark.skipif(
    not features.BLOCK_VALUES_COMPILED, reason="the compiled block values are not built or enabled"
)


def test_the_compiled_block_values_are_active_when_built() -> None:
    if not BUILT or pure_python_forced():
        pytest.skip("the extension is not built, or Python is forced")
    assert features.BLOCK_VALUES_COMPILED


def _same_block_values(html: str) -> None:
    """Both block-value loops give the same bytes, without a body hint and with one that holds
    some of the page's blocks."""
    seg = segment_python(LexborHTMLParser(html))
    hint = " ".join(block.text for block in seg.blocks[::3])
    for body_hint in ("", hint):
        expected = features.python_block_values(seg, body_hint)
        assert features.block_values(seg, body_hint).tobytes() == expected.tobytes()


@needs_compiled_values
@pytest.mark.parametrize("path", sorted((REPO / "tests/fixtures/pages").glob("*.html")))
def test_same_block_values_on_local_pages(path: Path) -> None:
    _same_block_values(decode_html(path.read_bytes(), None))


@needs_compiled_values
@pytest.mark.skipif(not (BENCH / "scrapinghub").is_dir(), reason="../shared/bench is absent")
def test_same_block_values_on_benchmark_pages() -> None:
    for page in load_pages("scrapinghub"):
        _same_block_values(decode_html(page.html_bytes, None))


def _same_refined_main(html: str) -> None:
    """Both refined_main loops agree for first-stage probabilities of several shapes."""
    seg = segment_python(LexborHTMLParser(html))
    if not seg.elements:
        return
    n = len(seg.blocks)
    for probs in ([0.9] * n, [0.1] * n, [((i * 7919) % 101) / 100 for i in range(n)]):
        expected = features.python_refined_main(probs, seg)
        assert features.refined_main(probs, seg) == expected


@needs_compiled_values
@pytest.mark.parametrize("path", sorted((REPO / "tests/fixtures/pages").glob("*.html")))
def test_same_refined_main_on_local_pages(path: Path) -> None:
    _same_refined_main(decode_html(path.read_bytes(), None))


@needs_compiled_values
@pytest.mark.skipif(not (BENCH / "scrapinghub").is_dir(), reason="../shared/bench is absent")
def test_same_refined_main_on_benchmark_pages() -> None:
    for page in load_pages("scrapinghub"):
        _same_refined_main(decode_html(page.html_bytes, None))


needs_compiled_columns = pytest.mark.skipif(
    not features.BLOCK_COLUMNS_COMPILED, reason="the compiled columns are not built or enabled"
)


def test_the_compiled_block_columns_are_active_when_built() -> None:
    if not BUILT or pure_python_forced():
        pytest.skip("the extension is not built, or Python is forced")
    assert features.BLOCK_COLUMNS_COMPILED


def _same_block_columns(html: str) -> None:
    """The compiled column fill plus the log1p columns give the bytes of the numpy columns."""
    seg = segment_python(LexborHTMLParser(html))
    hint = " ".join(block.text for block in seg.blocks[::3])
    for body_hint in ("", hint):
        values = features.python_block_values(seg, body_hint)
        expected = np.zeros((len(values), len(features.BASE_FEATURES)))
        features._text_columns(values, expected)
        features._context_columns(values, expected)
        filled = np.zeros_like(expected)
        assert features._block_columns is not None
        features._block_columns.fill(values, filled)
        features._log_columns(values, filled)
        assert filled.tobytes() == expected.tobytes()


@needs_compiled_columns
@pytest.mark.parametrize("path", sorted((REPO / "tests/fixtures/pages").glob("*.html")))
def test_same_block_columns_on_local_pages(path: Path) -> None:
    _same_block_columns(decode_html(path.read_bytes(), None))


@needs_compiled_columns
@pytest.mark.skipif(not (BENCH / "scrapinghub").is_dir(), reason="../shared/bench is absent")
def test_same_block_columns_on_benchmark_pages() -> None:
    for page in load_pages("scrapinghub"):
        _same_block_columns(decode_html(page.html_bytes, None))


@needs_compiled_values
def test_block_values_read_slots_and_fall_back_to_attributes() -> None:
    """The compiled loops read the slots of TextBlock, Context and Element directly; objects of
    other types (here subclasses, with a property in place of a slot) are read by getattr."""
    from sieb._textcounts import set_classes

    assert set_classes(TextBlock, Context, Element)

    class OtherBlock(TextBlock):
        __slots__ = ()

    class OtherContext(Context):
        __slots__ = ()
        neg = property(lambda self: 3)  # shadows Context's slot

    seg = segment_python(LexborHTMLParser(features.PROBE_PAGE))
    expected = features.python_block_values(seg, features.PROBE_HINT)
    for block in seg.blocks[::2]:
        block.__class__ = OtherBlock
    assert features.block_values(seg, features.PROBE_HINT).tobytes() == expected.tobytes()
    for block in seg.blocks[1::3]:
        block.ctx = block.ctx.copy()
        block.ctx.__class__ = OtherContext
    expected = features.python_block_values(seg, features.PROBE_HINT)
    assert features.block_values(seg, features.PROBE_HINT).tobytes() == expected.tobytes()
    probs = [(i % 4) / 3 for i in range(len(seg.blocks))]
    assert features.refined_main(probs, seg) == features.python_refined_main(probs, seg)
