"""drop_next_articles searches only the selectors whose markers the page source holds."""

from __future__ import annotations

import pytest
from selectolax.lexbor import LexborHTMLParser

from sieb import endless
from sieb.marks import python_source_marks

PAGES = (
    "<body><p>no units</p></body>",
    "<body><article>a</article><ARTICLE>b</ARTICLE></body>",
    '<body><div itemtype="https://schema.org/NewsArticle">a</div><article>b</article></body>',
    '<body><div ItemType="https://schema.org/BlogPosting">a</div></body>',
    '<body><div data-article-id="1">a</div><div DATA-STORY-ID="2">b</div></body>',
    '<body><div data-articleid="1">a</div><section data-article>b</section></body>',
)


def test_selector_parts_follow_markers() -> None:
    assert endless._selector(None) == endless._CANDIDATES
    assert endless._selector(frozenset()) is None
    assert endless._selector(frozenset([b"itemtype"])) == "[itemtype]"
    assert endless._selector(frozenset([b"data-article"])) == (
        "[data-article-id], [data-articleid], [data-article]"
    )


@pytest.mark.parametrize("html", PAGES)
def test_same_candidates_with_markers(html: str) -> None:
    root = LexborHTMLParser(html).body
    markers = python_source_marks(html.encode()).article_markers
    full = [node.mem_id for node in endless._candidates(root)]
    some = [node.mem_id for node in endless._candidates(root, endless._selector(markers))]
    assert some == full
