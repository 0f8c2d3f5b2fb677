"""Endless-scroll pages: the body ends where the page's own article ends (sieb.endless).

Whole pages are in tests/fixtures/pages (de_news_endlos_*, en_news_endless_*, checked by
test_own_pages); these small pages check when the rule must and must not fire.
"""

from __future__ import annotations

import sieb

BODY = (
    "The first paragraph of the story tells the reader what happened and where it happened, "
    "with enough words to be a paragraph. "
)


def _unit(tag: str, headline: str, words: str, attrs: str = "", level: int = 1) -> str:
    paragraphs = "".join(f"<p>{words} {BODY} Part {i}.</p>" for i in range(3))
    return (
        f"<{tag} {attrs}><h{level}>{headline}</h{level}><p class='byline'>By A. Writer</p>"
        f"{paragraphs}</{tag}>"
    )


def _page(units: str, title: str = "Council approves the new bridge") -> str:
    return (
        f"<html><head><title>{title}</title><meta property='og:title' content='{title}'>"
        f"</head><body><main>{units}</main></body></html>"
    )


def test_units_with_article_ids_end_the_body_after_the_first() -> None:
    page = _page(
        _unit("div", "Council approves the new bridge", "Bridge story.", "data-article-id='1'")
        + _unit("div", "Storm closes the harbour road", "Harbour story.", "data-article-id='2'", 2)
    )
    text = sieb.extract(page).text
    assert "Bridge story." in text and "Harbour story." not in text


def test_article_elements_with_a_next_article_line_between_them() -> None:
    page = _page(
        _unit("article", "Council approves the new bridge", "Bridge story.", level=2)
        + "<div><span>Nächster Artikel</span></div>"
        + _unit("article", "Storm closes the harbour road", "Harbour story.", level=2)
    )
    text = sieb.extract(page).text
    assert "Bridge story." in text
    assert "Harbour story." not in text and "Nächster Artikel" not in text


def test_the_page_headline_picks_its_own_unit() -> None:
    page = _page(
        _unit("article", "Storm closes the harbour road", "Harbour story.", "itemscope "
              "itemtype='https://schema.org/NewsArticle'")
        + _unit("article", "Council approves the new bridge", "Bridge story.", "itemscope "
                "itemtype='https://schema.org/NewsArticle'"),
    )
    text = sieb.extract(page).text
    assert "Bridge story." in text


def test_plain_article_siblings_without_headline_or_separator_stay() -> None:
    page = _page(
        _unit("article", "Council approves the new bridge", "Bridge story.", level=2)
        + _unit("article", "What the bridge will cost", "Cost section.", level=2)
    )
    text = sieb.extract(page).text
    assert "Bridge story." in text and "Cost section." in text


def test_live_blog_entries_are_all_body() -> None:
    entries = "".join(
        _unit("article", f"{hour}:00 Update on the bridge vote", f"Entry at {hour}.",
              "itemscope itemtype='https://schema.org/BlogPosting'", 2)
        for hour in (14, 15, 16)
    )
    page = _page(
        "<div itemscope itemtype='https://schema.org/LiveBlogPosting'>"
        "<h1>Council approves the new bridge</h1>" + entries + "</div>"
    )
    text = sieb.extract(page).text
    assert all(f"Entry at {hour}." in text for hour in (14, 15, 16))
