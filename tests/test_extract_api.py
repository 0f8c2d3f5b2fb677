"""The public HTML API: sieb.extract returns an Article with typed blocks and metadata."""

from __future__ import annotations

import json

import pytest

import sieb
from sieb import Article, BlockKind

PARAGRAPHS = [
    ("The city council voted on Tuesday evening to rebuild the old harbour bridge, ending a debate "
    "that had lasted for almost three years and divided the town's two largest parties."),
    ("Construction is to begin next spring. The council expects the work to take eighteen months, "
    "during which a ferry will carry pedestrians and cyclists across the river every ten minutes."),
    ("Residents who live near the bridge will be invited to an information evening in March, where "
    "engineers will explain the plans and answer questions about noise and traffic."),
]

PAGE = f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>Council votes to rebuild harbour bridge | Riverside Post</title>
<meta property="og:title" content="Council votes to rebuild harbour bridge">
<meta property="og:site_name" content="Riverside Post">
<link rel="canonical" href="https://riverside.example/news/bridge">
<script type="application/ld+json">{{"@type": "NewsArticle", "headline": "Council votes to rebuild
harbour bridge", "datePublished": "2026-03-04T09:30:00+01:00", "author": {{"@type": "Person",
"name": "Mara Quinn"}}}}</script>
</head><body>
<div class="cookie-banner">We use cookies to improve your experience. Accept all cookies?</div>
<nav class="main-nav"><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li>
<li><a href="/sport">Sport</a></li></ul></nav>
<main><article>
<h1>Council votes to rebuild harbour bridge</h1>
<p class="byline">By Mara Quinn</p>
<p>{PARAGRAPHS[0]}</p>
<figure><img src="/img/bridge.jpg" alt="The harbour bridge at dusk">
<figcaption>The old harbour bridge was closed to cars in 2023. <span class="credit">Photo: Lena
Park</span></figcaption></figure>
<p>{PARAGRAPHS[1]}</p>
<h2>What happens next</h2>
<p>{PARAGRAPHS[2]}</p>
<ul><li>Information evening in March at the town hall.</li><li>Ferry service from May onwards.</li>
</ul>
<blockquote><p>We have waited long enough for this bridge, and now we can start.</p></blockquote>
<table><tr><th>Phase</th><th>Start</th></tr><tr><td>Demolition</td><td>April</td></tr></table>
<pre><code>total_cost = 48_000_000</code></pre>
</article>
<aside class="related"><h3>Related stories</h3><ul>
<li><a href="/a">Ferry operator wins contract for river crossing during the works</a></li>
<li><a href="/b">Harbour festival moves to the north quay this summer</a></li></ul></aside>
</main>
<footer class="site-footer">© 2026 Riverside Post. All rights reserved. Imprint. Privacy.</footer>
</body></html>"""


@pytest.fixture(scope="module")
def article() -> Article:
    return sieb.extract(PAGE, url="https://riverside.example/news/bridge?utm=x")


def test_body_paragraphs_in_order(article: Article) -> None:
    positions = [article.text.find(p) for p in PARAGRAPHS]
    assert all(pos >= 0 for pos in positions)
    assert positions == sorted(positions)


def test_chrome_is_left_out(article: Article) -> None:
    for chrome in ("cookies", "Home", "Related stories", "Ferry operator wins", "All rights"):
        assert chrome not in article.text


def test_title_is_a_field_not_body(article: Article) -> None:
    assert article.title == "Council votes to rebuild harbour bridge"
    assert not article.text.startswith("Council votes")


def test_metadata(article: Article) -> None:
    assert article.authors == ("Mara Quinn",)
    assert article.published is not None and article.published.startswith("2026-03-04")
    assert article.url == "https://riverside.example/news/bridge"
    assert article.site_name == "Riverside Post"
    assert article.language == "en"


def test_typed_blocks(article: Article) -> None:
    kinds = [b.kind for b in article.blocks]
    for kind in (BlockKind.PARAGRAPH, BlockKind.HEADING, BlockKind.LIST, BlockKind.FIGURE):
        assert kind in kinds, kind
    heading = next(b for b in article.blocks if b.kind is BlockKind.HEADING)
    assert heading.text == "What happens next" and heading.level == 2
    items = next(b for b in article.blocks if b.kind is BlockKind.LIST).items
    assert items == (
        "Information evening in March at the town hall.",
        "Ferry service from May onwards.",
    )


def test_figure_keeps_caption_and_credit_out_of_text(article: Article) -> None:
    figure = article.figures[0]
    assert figure.caption.startswith("The old harbour bridge was closed")
    assert figure.credit == "Lena Park"
    assert figure.src == "/img/bridge.jpg"
    assert "Lena Park" not in article.text and "closed to cars" not in article.text


def test_text_is_rendered_from_blocks(article: Article) -> None:
    from sieb.render import blocks_to_text

    assert article.text == blocks_to_text(article.blocks)
    assert "\n\n" in article.text


def test_json_round_trip(article: Article) -> None:
    data = json.loads(article.to_json())
    assert data["title"] == article.title
    assert [b["kind"] for b in data["blocks"]] == [str(b.kind) for b in article.blocks]
    assert sieb.Block.from_dict(data["blocks"][0]) == article.blocks[0]


def test_markdown(article: Article) -> None:
    md = article.to_markdown()
    assert md.startswith("# Council votes to rebuild harbour bridge")
    assert "## What happens next" in md
    assert "- Ferry service from May onwards." in md


def test_bytes_and_str_give_the_same_article() -> None:
    assert sieb.extract(PAGE.encode("utf-8")) == sieb.extract(PAGE)


def test_deterministic() -> None:
    assert sieb.extract(PAGE).to_json() == sieb.extract(PAGE).to_json()


def test_article_is_frozen(article: Article) -> None:
    with pytest.raises(AttributeError):
        article.title = "x"  # type: ignore[misc]


def test_warm_up_loads_every_model_before_the_first_page():
    from sieb import language, score
    from sieb.text import model

    language._identifier.cache_clear()
    score._load.cache_clear()
    model._load.cache_clear()
    sieb.warm_up()
    assert language._identifier.cache_info().currsize == 1
    assert score._load.cache_info().currsize == 1
    assert model._load.cache_info().currsize == 1
