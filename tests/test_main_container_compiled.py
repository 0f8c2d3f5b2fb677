"""The compiled main-container loop (sieb._textcounts.main_container) equals its Python twin."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser

from benchmarks.datasets import BENCH, load_pages
from sieb import container
from sieb.blocks import segment_python
from sieb.compiled import pure_python_forced
from sieb.decode import decode_html

REPO = Path(__file__).resolve().parent.parent
BUILT = importlib.util.find_spec("sieb._textcounts") is not None
needs_compiled = pytest.mark.skipif(
    not container.MAIN_CONTAINER_COMPILED, reason="the compiled loop is not built or not enabled"
)


def test_the_compiled_loop_is_active_when_built() -> None:
    if not BUILT or pure_python_forced():
        pytest.skip("the extension is not built, or Python is forced")
    assert container.MAIN_CONTAINER_COMPILED


def test_python_main_container_of_the_probe() -> None:
    seg = segment_python(LexborHTMLParser(container.PROBE_PAGE))
    best, inside = container.python_main_container(seg.blocks, seg.elements)
    assert seg.elements[best].tag == "article"
    assert inside == [False, False, False, True, True, True, True, True, True, False]


def _same_main_container(html: str) -> None:
    seg = segment_python(LexborHTMLParser(html))
    if not seg.elements:
        return
    expected = container.python_main_container(seg.blocks, seg.elements)
    compiled = container._compiled_main_container
    assert compiled is not None
    args = (container.PROSE_MIN_CHARS, container.PROSE_MAX_LINK_DENSITY, container.CHROME_WEIGHT)
    assert compiled(seg.blocks, seg.elements, *args) == expected


@needs_compiled
@pytest.mark.parametrize("path", sorted((REPO / "tests/fixtures/pages").glob("*.html")))
def test_same_main_container_on_local_pages(path: Path) -> None:
    _same_main_container(decode_html(path.read_bytes(), None))


@needs_compiled
@pytest.mark.skipif(not (BENCH / "scrapinghub").is_dir(), reason="../shared/bench is absent")
def test_same_main_container_on_benchmark_pages() -> None:
    for page in load_pages("scrapinghub"):
        _same_main_container(decode_html(page.html_bytes, None))
