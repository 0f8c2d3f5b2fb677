"""Pages that are not news articles: documentation, a forum thread, a product page."""

from __future__ import annotations

from pathlib import Path

import sieb
from sieb import BlockKind

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "html"


def _extract(name: str) -> sieb.Article:
    return sieb.extract((FIXTURES / name).read_bytes())


def test_docs_page_keeps_code_and_table_and_drops_navigation() -> None:
    article = _extract("docs.html")
    kinds = {b.kind for b in article.blocks}
    assert BlockKind.CODE in kinds and BlockKind.TABLE in kinds
    code = next(b for b in article.blocks if b.kind is BlockKind.CODE)
    assert code.text.startswith("from fetchkit import Client, RetryPolicy\n\nclient = ")
    table = next(b for b in article.blocks if b.kind is BlockKind.TABLE)
    assert table.rows[0] == ("Option", "Default", "Meaning")
    for chrome in ("Installation", "API reference", "Edit this page", "« Quickstart"):
        assert chrome not in article.text
    assert "Retries never apply to POST requests" in article.text


def test_forum_thread_keeps_every_post() -> None:
    article = _extract("forum.html")
    assert "pfeift unsere Gastherme" in article.text
    assert "Nachtabsenkung" in article.text
    assert "seitdem ist Ruhe" in article.text
    for chrome in ("Anmelden", "Antworten · Zitieren", "Forenregeln"):
        assert chrome not in article.text
    assert article.language == "de"


def test_product_page_keeps_description_not_shop_chrome() -> None:
    article = _extract("product.html")
    assert "lightweight hiking boot for long days" in article.text
    assert "Recycled polyester laces" in article.text
    for chrome in ("We use cookies", "Add to cart", "You may also like", "Merino hiking socks"):
        assert chrome not in article.text
