"""The compiled page columns, context columns and network steps of the block model equal their
Python definitions bit for bit."""

from __future__ import annotations

import importlib.util
import pickle
from pathlib import Path

import numpy as np
import pytest
from selectolax.lexbor import LexborHTMLParser

from benchmarks.datasets import BENCH, load_pages
from sieb import features
from sieb.blocks import Segmentation, inside, segment_python
from sieb.compiled import pure_python_forced
from sieb.container import find_main
from sieb.decode import decode_html
from sieb.score import CompiledStage, compiled_stage, load_model, score_blocks

REPO = Path(__file__).resolve().parent.parent
BUILT = importlib.util.find_spec("sieb._textcounts") is not None
LOCAL_PAGES = sorted((REPO / "tests/fixtures/pages").glob("*.html"))
needs_page_columns = pytest.mark.skipif(
    not features.PAGE_COLUMNS_COMPILED, reason="the compiled page columns are not built or enabled"
)
needs_context = pytest.mark.skipif(
    not features.CONTEXT_FEATURES_COMPILED, reason="the compiled context is not built or enabled"
)
needs_stages = pytest.mark.skipif(
    load_model().compiled is None, reason="the compiled network steps are not built or enabled"
)


def test_the_compiled_scoring_is_active_when_built() -> None:
    if not BUILT or pure_python_forced():
        pytest.skip("the extensions are not built, or Python is forced")
    assert features.PAGE_COLUMNS_COMPILED
    assert features.CONTEXT_FEATURES_COMPILED
    assert load_model().compiled is not None


def test_python_is_used_when_forced(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SIEB_PURE_PYTHON", "1")
    model = load_model()
    assert compiled_stage(model.stage1, len(features.BASE_FEATURES)) is None


def _stage_one_columns(seg: Segmentation, hint: str) -> tuple[np.ndarray, np.ndarray]:
    """The block values and the stage-one matrix up to its page columns."""
    values = features.python_block_values(seg, hint)
    out = np.zeros((len(values), len(features.BASE_FEATURES)))
    features._text_columns(values, out)
    features._context_columns(values, out)
    return values, out


def _same_page_columns(html: str) -> None:
    """Both page-column fills agree inside several containers, with and without a title (the
    page's first heading, a heading's text, none) and a hint."""
    seg = segment_python(LexborHTMLParser(html))
    if not seg.blocks or not seg.elements:
        return
    headings = [block.text for block in seg.blocks if block.heading_level]
    titles = [None, "no such title", *headings[:2]]
    mains = {0, find_main(seg).element, len(seg.elements) - 1, len(seg.elements) // 2}
    for k, main in enumerate(sorted(mains)):
        descendants = [inside(block.element, main, seg.elements) for block in seg.blocks]
        hint = k % 2 == 0
        for title in titles:
            values, expected = _stage_one_columns(seg, "")
            filled = expected.copy()
            features.python_page_columns(seg, main, descendants, title, values, expected, hint)
            features.page_columns(seg, main, descendants, title, values, filled, hint)
            assert filled.tobytes() == expected.tobytes()


@needs_page_columns
@pytest.mark.parametrize("path", LOCAL_PAGES)
def test_same_page_columns_on_local_pages(path: Path) -> None:
    _same_page_columns(decode_html(path.read_bytes(), None))


@needs_page_columns
def test_same_page_columns_on_tiny_pages() -> None:
    for html in (
        "<p>One block only.</p>",
        "<h1>Title</h1><p>Text after the title, one sentence.</p>",
        "<nav><a href='/'>Home</a></nav><article><p>A</p><p>B</p></article><footer>C</footer>",
        features.PROBE_PAGE,
    ):
        _same_page_columns(html)


@needs_page_columns
@pytest.mark.skipif(not (BENCH / "scrapinghub").is_dir(), reason="../shared/bench is absent")
def test_same_page_columns_on_benchmark_pages() -> None:
    for page in load_pages("scrapinghub"):
        _same_page_columns(decode_html(page.html_bytes, None))


def _probabilities(n: int) -> list[np.ndarray]:
    """First-stage probabilities of several shapes, and some of exact 0, 0.5 and 1."""
    rng = np.random.default_rng(n)
    edges = rng.choice([0.0, 0.5, 1.0, 0.4999999999999999], n)
    return [rng.random(n), np.linspace(1.0, 0.0, n), edges, np.full(n, 0.7)]


def _same_context(html: str) -> None:
    """Both context-column fills agree on the page, and on its first blocks alone."""
    seg = segment_python(LexborHTMLParser(html))
    if not seg.blocks or not seg.elements:
        return
    n = len(seg.blocks)
    for k in sorted({1, 2, 3, 4, 7, n}):
        part = Segmentation(seg.blocks[:k], seg.elements) if k < n else seg
        for first in _probabilities(min(k, n)):
            expected = features.python_context_features_of(first, part)
            assert features.context_features_of(first, part).tobytes() == expected.tobytes()


@needs_context
@pytest.mark.parametrize("path", LOCAL_PAGES)
def test_same_context_on_local_pages(path: Path) -> None:
    _same_context(decode_html(path.read_bytes(), None))


@needs_context
def test_same_context_on_the_probe_page() -> None:
    _same_context(features.PROBE_PAGE)


@needs_context
@pytest.mark.skipif(not (BENCH / "scrapinghub").is_dir(), reason="../shared/bench is absent")
def test_same_context_on_benchmark_pages() -> None:
    for page in load_pages("scrapinghub"):
        _same_context(decode_html(page.html_bytes, None))


def _rows(n: int, width: int, seed: int, spread: float) -> np.ndarray:
    """Feature-like rows: normal noise around the stage's mean, some exact zeros and ones."""
    model = load_model()
    stage = model.stage1 if width == len(model.stage1.mean) else model.stage2
    rng = np.random.default_rng(seed)
    rows = rng.normal(0.0, spread, (n, width)) * stage.scale + stage.mean
    rows[rng.random(rows.shape) < 0.3] = 0.0
    rows[rng.random(rows.shape) < 0.1] = 1.0
    return rows


@needs_stages
@pytest.mark.parametrize("n", [1, 2, 3, 5, 16, 17, 63, 64, 187, 250, 600])
@pytest.mark.parametrize("spread", [0.5, 3.0, 40.0])  # 40: logits past the clip at +-30
def test_same_probabilities_from_both_stages(n: int, spread: float) -> None:
    model = load_model()
    assert model.compiled is not None
    first, second = model.compiled
    split = len(features.BASE_FEATURES)
    rows = _rows(n, split, n, spread)
    assert first.predict(rows).tobytes() == model.stage1.predict(rows).tobytes()
    both = _rows(n, len(model.stage2.mean), n + 1, spread)
    expected = model.stage2.predict(both)
    got = second.predict(np.ascontiguousarray(both[:, :split]), both[:, split:].copy())
    assert got.tobytes() == expected.tobytes()


@needs_stages
def test_a_compiled_stage_reads_rows_given_as_views() -> None:
    model = load_model()
    split = len(features.BASE_FEATURES)
    both = _rows(40, len(model.stage2.mean), 3, 2.0)
    stage = CompiledStage(model.stage2, split, model.compiled[1].matrix)
    got = stage.predict(both[:, :split], both[:, split:])
    assert got.tobytes() == model.stage2.predict(both).tobytes()


def test_a_model_pickles_and_scores_alike_after() -> None:
    model = load_model()
    again = pickle.loads(pickle.dumps(model))
    assert (again.compiled is None) == (model.compiled is None)
    seg = segment_python(LexborHTMLParser(features.PROBE_PAGE))
    main = find_main(seg)
    assert score_blocks(seg, main, again, "Title") == score_blocks(seg, main, model, "Title")
