"""Ad and affiliate boxes inside articles leave the body (sieb.sponsored).

Whole pages: tests/fixtures/pages/en_review_airfryers, de_ratgeber_stromtarif and
en_listicle_daytrips (checked by test_own_pages); these small pages check the edges.
"""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser

import sieb
from sieb.blocks import segment
from sieb.sponsored import drop_sponsored

PARAGRAPHS = "".join(
    f"<p>Paragraph {i} of the review explains what we measured, how we measured it and what "
    f"the numbers mean for a household that cooks every day of the week.</p>"
    for i in range(5)
)


def _page(inside: str, after: str = "", meta: str = "") -> str:
    return (
        f"<html><head><title>Air fryer test</title>{meta}</head><body><article>"
        f"<h1>Air fryer test</h1>{PARAGRAPHS[:400]}{inside}{PARAGRAPHS[400:]}</article>"
        f"{after}</body></html>"
    )


def test_a_labelled_box_leaves_the_body_with_its_label() -> None:
    text = sieb.extract(
        _page("<div class='q1'><span>Anzeige</span><p>Jetzt Tarife vergleichen und sparen, "
              "nur heute mit Bonus für alle Neukunden.</p></div>")
    ).text
    assert "Paragraph 0" in text and "Paragraph 4" in text
    assert "Anzeige" not in text and "Jetzt Tarife vergleichen" not in text


def test_a_block_that_opens_with_a_label_leaves_the_body() -> None:
    """E-mail markup has no box element: the label and its separator open the block itself."""
    text = sieb.extract(
        _page("<table><tr><td><strong>Sponsored</strong> · This issue is supported by Hartley "
              "Solicitors. Book a free 20-minute call with our conveyancing team.</td></tr>"
              "</table><p>SPONSORED: Compare energy tariffs today and save, with a bonus.</p>")
    ).text
    assert "Paragraph 0" in text and "Paragraph 4" in text
    assert "Hartley" not in text and "energy tariffs" not in text


def test_a_sentence_about_advertising_stays() -> None:
    sentence = (
        "Advertising revenue fell by a third this year, the company said, and sponsored posts "
        "made up most of what was left of it."
    )
    text = sieb.extract(_page(f"<p>{sentence}</p><p>Sponsored content – as the firm calls it "
                              "– is now a tenth of its revenue.</p>")).text
    assert sentence in text


def test_a_sponsored_buy_box_leaves_but_an_affiliate_link_in_a_sentence_stays() -> None:
    text = sieb.extract(
        _page(
            "<div class='card'><p>CrispMax air fryer</p><p>£89.99</p>"
            "<a rel='sponsored nofollow' href='https://shop.example/x'>Buy now at ShopMart</a>"
            "</div><p>We have used the <a rel='sponsored' href='https://shop.example/x'>"
            "CrispMax</a> at home for a whole year, and it replaced the oven for most meals.</p>"
        )
    ).text
    assert "CrispMax air fryer" not in text and "Buy now" not in text
    assert "We have used the CrispMax at home for a whole year" in text


def test_product_cards_of_a_shopping_list_or_a_product_page_stay() -> None:
    cards = "".join(
        f"<div class='deal'><p>Deal {i}: wireless earbuds with charging case, model {i}</p>"
        f"<p>${99 + i}.00</p><a href='https://shop.example/{i}'>Buy now</a></div>"
        for i in range(4)
    )
    tree = LexborHTMLParser(_page(cards))
    seg = segment(tree)
    keep = drop_sponsored(tree, seg, [True] * len(seg.blocks), "article")
    assert all(keep)
    one = LexborHTMLParser(_page(cards.split("</div>")[0] + "</div>"))
    seg = segment(one)
    kept = drop_sponsored(one, seg, [True] * len(seg.blocks), "article")
    assert [b.text for b, k in zip(seg.blocks, kept, strict=True) if not k] == [
        "Deal 0: wireless earbuds with charging case, model 0", "$99.00", "Buy now"
    ]
    assert all(drop_sponsored(one, seg, [True] * len(seg.blocks), "product"))


def test_an_advertorial_keeps_its_text() -> None:
    html = (
        "<html><head><title>Ten tips for a dry basement</title></head><body><article>"
        "<p>Sponsored</p><h1>Ten tips for a dry basement</h1>" + PARAGRAPHS
        + "</article></body></html>"
    )
    text = sieb.extract(html).text
    assert "Paragraph 0" in text and "Paragraph 4" in text


def test_a_section_heading_named_advertising_stays() -> None:
    text = sieb.extract(
        _page("<h2>Advertising</h2><p>This site shows ads from one network only; they pay "
              "for the tests and never influence the results we publish here.</p>")
    ).text
    assert "Advertising" in text and "they pay for the tests" in text
