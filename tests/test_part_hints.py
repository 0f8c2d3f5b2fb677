"""Selector part hints: the compiled walk equals its Python definition, a hint never misses a
part that Lexbor matches, and the metadata step's queries give the same nodes with them."""

from __future__ import annotations

import importlib.util

import pytest
from selectolax.lexbor import LexborHTMLParser

from benchmarks.datasets import BENCH, load_pages
from sieb.compiled import pure_python_forced
from sieb.meta import hints, scan
from sieb.meta.hints import ALL_PARTS, PARTS, PROBE_PAGES, python_part_hints

BUILT = importlib.util.find_spec("sieb._parthints") is not None
needs_compiled = pytest.mark.skipif(
    not hints.PART_HINTS_COMPILED, reason="the compiled hints are not built or not enabled"
)

# Edge cases: ASCII case in names and values, non-ASCII look-alikes (Kelvin sign, dotless i),
# character references, valueless attributes, foreign (SVG/MathML) elements, templates, nodes
# outside the body, tables that move nodes, a page without a body, and a wide page.
PAGES = (
    *PROBE_PAGES,
    '<div class="&#98;yline">x</div><p class="&#x41;UTHOR">y</p>',
    '<div class="\u212aauthor"><span class="by\u0131line">x</span></div>',
    '<div class="bylin">x</div><div class="yline">y</div><p class="autho autoR">z</p>',
    "<div itemprop>x</div><div class=''>y</div><div rel>z</div><link rel>",
    '<svg><a rel="author" class="date"></a></svg><math><mi itemprop=author>x</mi></math>',
    '<html><head><time>t</time><p class=byline>x</p></head><body></body></html>',
    "<table><div class=byline>moved</div><tr><td>x</td></tr></table>",
    '<p data-byline="byline" data-class="author" x-id=byline>no class or id</p>',
    '<p itemprop="datePublished dateModified author">x</p><time></time><time></time>',
    '<ARTICLE><H1>x</H1></ARTICLE><section><h1>y</h1></section>',
    "<frameset><frame></frameset>",
    "<!-- only a comment -->",
    "".join(f'<div class="c{i} d{i}" id=n{i}><p>{i}</p></div>' for i in range(300))
    + '<span class="post-datum">x</span>',
)


def _scoped_matches(tree: LexborHTMLParser, part: hints.Part) -> list[int]:
    scope = tree.body if part.in_body else tree.root
    return [node.mem_id for node in scope.css(part.selector)] if scope is not None else []


def test_the_compiled_hints_are_active_when_built() -> None:
    if not BUILT or pure_python_forced():
        pytest.skip("the extension is not built, or Python is forced")
    assert hints.PART_HINTS_COMPILED


def test_lexbor_reports_a_node_once_per_part_it_matches() -> None:
    # What makes dropping a part that matches nothing exact: parts add up, in document order.
    tree = LexborHTMLParser('<div class="byline author"><span class=author>a</span></div>'
                            "<p itemprop=author class=byline>b</p>")
    tags = [node.tag for node in tree.css("[itemprop=author], [class*=byline i], "
                                          "[class*=author i], [class*=verfasser i]")]
    assert tags == ["div", "div", "span", "p", "p"]
    assert [n.tag for n in tree.css("[itemprop=author], [class*=byline i], [class*=author i]")] \
        == tags


@pytest.mark.parametrize("page", PAGES)
def test_a_hint_is_set_for_every_part_that_lexbor_matches(page: str) -> None:
    tree = LexborHTMLParser(page)
    found = python_part_hints(tree)
    for part in PARTS:
        if _scoped_matches(tree, part):
            assert hints.may_match(part, found), part.selector


@needs_compiled
@pytest.mark.parametrize("page", PAGES)
def test_compiled_hints_equal_python(page: str) -> None:
    tree = LexborHTMLParser(page)
    for wanted in (ALL_PARTS, hints.EAGER_PARTS, hints.LAZY_PARTS, 0, 1 << 5):
        assert hints.part_hints(tree, wanted) == python_part_hints(tree, wanted)


def test_hints_of_some_pages() -> None:
    tree = LexborHTMLParser('<p class="Post-ByLine">x</p><time></time>')
    found = python_part_hints(tree)
    assert hints.selector(hints.BYLINE_PARTS, found) == "[class*=byline i]"
    assert hints.selector(hints.TIME_PARTS, found) == "time"
    assert hints.selector(hints.DATE_CLASS_PARTS, found) == ""
    assert hints.selector(hints.BODY_PARTS, found) == ""
    assert not hints.may_match(hints.H1, found)
    assert hints.selector(hints.BYLINE_PARTS, ALL_PARTS) == ", ".join(
        part.selector for part in hints.BYLINE_PARTS)


def _page_nodes(tree: LexborHTMLParser) -> tuple:
    nodes = scan.PageNodes(tree)
    heading = nodes.heading()
    return (
        [n.mem_id for n in (*nodes.metas, *nodes.canonical, *nodes.scripts)],
        nodes.title.mem_id if nodes.title is not None else None,
        heading.mem_id if heading is not None else None,
        [n.mem_id for n in nodes.times()],
        [(rank, n.mem_id) for rank, n in nodes.bylines()],
        [n.mem_id for n in nodes.date_classes()],
    )


def _same_nodes_with_and_without_hints(page: str, monkeypatch: pytest.MonkeyPatch) -> None:
    tree = LexborHTMLParser(page)
    with_hints = _page_nodes(tree)
    monkeypatch.setattr(hints, "part_hints", lambda tree, wanted: wanted)
    assert _page_nodes(tree) == with_hints
    monkeypatch.undo()


@pytest.mark.parametrize("page", PAGES)
def test_page_nodes_are_the_same_with_hints(page: str, monkeypatch: pytest.MonkeyPatch) -> None:
    _same_nodes_with_and_without_hints(page, monkeypatch)


@pytest.mark.skipif(not (BENCH / "scrapinghub").is_dir(), reason="../shared/bench is absent")
def test_page_nodes_are_the_same_with_hints_on_bench_pages(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for page in load_pages("scrapinghub", limit=60):
        html = page.html_bytes.decode("utf-8", "replace")
        tree = LexborHTMLParser(html)
        if hints.PART_HINTS_COMPILED:
            assert hints.part_hints(tree, ALL_PARTS) == python_part_hints(tree)
        _same_nodes_with_and_without_hints(html, monkeypatch)
        heading = scan.PageNodes(tree).heading()
        assert (heading.mem_id if heading is not None else None) == _heading_by_two_queries(tree)


HEADING_PAGES = (
    "<h1>only</h1>",
    "<article><h1>in article</h1></article><h1>later</h1>",
    "<h1>outside</h1><article><div><h1>inside</h1></div></article>",
    "<h1>outside</h1><section><h1>no article</h1></section>",
    "<article><p>no h1 in it</p></article><h1>after</h1>",
    "<svg><article><h1>foreign</h1></article></svg><h1>x</h1>",
    "<article><article><h1>nested</h1></article></article>",
    "<template><article><h1>t</h1></article></template><h1>x</h1>",
    "<p>no heading</p>",
)


def _heading_by_two_queries(tree: LexborHTMLParser) -> int | None:
    node = tree.css_first("article h1") or tree.css_first("h1")
    return node.mem_id if node is not None else None


@pytest.mark.parametrize("page", (*HEADING_PAGES, *PAGES))
def test_heading_is_the_first_h1_in_an_article_else_the_first_h1(page: str) -> None:
    tree = LexborHTMLParser(page)
    heading = scan.PageNodes(tree).heading()
    assert (heading.mem_id if heading is not None else None) == _heading_by_two_queries(tree)
