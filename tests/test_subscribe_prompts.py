"""Subscribe cards in a post's body (pitch + subscribe button) are dropped; prose is not."""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser

from sieb.blocks import Segmentation, segment
from sieb.prompts import drop_subscribe_prompts

BODY = (
    "<p>The allotment society voted on Sunday to plant an orchard of old apple varieties on the "
    "empty plot next to the railway line, after two years of debate about water and shade.</p>"
    "<p>Volunteers will plant the first twenty trees in March and hope to harvest in 2030.</p>"
)
PITCH = "Garden Notes is a free newsletter about small gardens. Subscribe to get posts by email."


def _seg(body: str) -> Segmentation:
    return segment(LexborHTMLParser(f"<html><body><article>{body}</article></body></html>"))


def _kept_texts(seg: Segmentation, keep: list[bool]) -> list[str]:
    return [b.text for b, k in zip(seg.blocks, keep, strict=True) if k]


def _run(body: str) -> list[str]:
    seg = _seg(body)
    keep = [not b.text.startswith(("Subscribe", "Kostenlos")) for b in seg.blocks]
    return _kept_texts(seg, drop_subscribe_prompts(seg.blocks, seg.elements, keep))


def test_a_pitch_next_to_a_subscribe_button_in_a_card_is_dropped() -> None:
    card = f"<div class='kg-cta-card'><p>{PITCH}</p><a href='#/portal/signup'>Subscribe</a></div>"
    kept = _run(BODY + card)
    assert not any(t.startswith("Garden Notes") for t in kept)
    assert any(t.startswith("Volunteers") for t in kept)


def test_a_pitch_without_a_button_is_left_to_the_model() -> None:
    kept = _run(BODY + f"<div class='box'><p>{PITCH}</p></div>")
    assert any(t.startswith("Garden Notes") for t in kept)


def test_a_paragraph_in_the_body_is_not_a_card_even_with_a_button_nearby() -> None:
    long_pitch = (
        "The society also started a newsletter this year, and members say it has changed how "
        "the plots are shared: anyone can subscribe, and every week it lists which beds need "
        "weeding, who has spare seedlings and which tools can be borrowed from the shed."
    )
    kept = _run(f"{BODY}<p>{long_pitch}</p><p><a href='/newsletter'>Subscribe</a></p>")
    assert long_pitch in kept


def test_a_page_that_is_only_the_pitch_keeps_it() -> None:
    card = f"<div><p>{PITCH}</p><a href='/signup'>Kostenlos abonnieren</a></div>"
    assert _run(card) == [PITCH]
