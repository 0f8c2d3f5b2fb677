"""Subscribe prompts inside the article: a short pitch paired with a subscribe button.

Newsletter platforms (Ghost call-to-action cards, Substack, Beehiiv, WordPress subscribe
blocks) put a card into the body of a post: one or two sentences ("X is a newsletter about
...; subscribe for free to get every new post by email") and a link styled as a button
("Kostenlos abonnieren"). The card's classes rarely say "newsletter" (Ghost: ``kg-cta-card``),
and the pitch is well-formed prose in the body's container, so the model keeps it. Two signals
must agree before it is dropped: the block is short and speaks of subscribing, and the small
element around it (the card: no other kept prose inside) holds a short link whose text is a
subscribe call. A paragraph that mentions a newsletter without such a button, or a long card,
is left to the model.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from sieb.blocks import Element, TextBlock, inside, kept_indices
from sieb.keywords import fold_ascii_bytes, lines_holding

# Longest pitch: the cards seen hold one to three sentences (Ghost and Substack defaults
# are under 200 characters); a longer block is a paragraph about newsletters.
PROMPT_MAX_CHARS = 300
# Largest card: pitch plus button(s) and a short heading.
CARD_MAX_CHARS = 500
# Longest button text ("Jetzt kostenlos abonnieren", "Subscribe for free").
BUTTON_MAX_CHARS = 40
# Blocks on each side of the pitch searched for the button.
BUTTON_WINDOW = 4
# Kept text outside the card needed before the card is called an insert (a newsletter's
# sign-up page is made of nothing but the pitch).
ARTICLE_OUTSIDE_CHARS = 200

_PITCH = re.compile(
    r"\bsubscri|\babonn|newsletter|mailing list|\binbox\b|postfach|per e-?mail\b|by e-?mail\b"
    r"|\bsign(?:\s+me)?\s+up\b",
    re.I,
)
# Every match of _PITCH holds one of these words ("mail" in mailing list and e-mail).
_PITCH_WORDS = ("subscri", "abonn", "newsletter", "mail", "inbox", "postfach", "sign")
_PITCH_BYTES = tuple(word.encode() for word in _PITCH_WORDS)
_BUTTON = re.compile(r"\bsubscri|\babonn|newsletter|\bsign(?:\s+me)?\s+up\b|\bjoin\b", re.I)


def _card(
    blocks: Sequence[TextBlock], elements: Sequence[Element], keep: Sequence[bool], i: int
) -> int:
    """The largest ancestor of block ``i`` that is small and holds no other kept prose, or -1."""
    found = -1
    e = blocks[i].element
    while e >= 0 and elements[e].text_chars <= CARD_MAX_CHARS and not _holds_kept_prose(
        blocks, elements, keep, i, e
    ):
        found = e
        e = elements[e].parent
    return found


def _holds_kept_prose(
    blocks: Sequence[TextBlock], elements: Sequence[Element], keep: Sequence[bool], i: int, e: int
) -> bool:
    """Whether element ``e`` holds a kept block other than ``i`` longer than a button."""
    for step in (-1, 1):
        j = i + step
        while 0 <= j < len(blocks) and inside(blocks[j].element, e, elements):
            if keep[j] and len(blocks[j].text) > BUTTON_MAX_CHARS:
                return True
            j += step
    return False


def _is_button(block: TextBlock) -> bool:
    text = block.text
    return (
        0 < len(text) <= BUTTON_MAX_CHARS
        and block.link_chars * 2 >= len(text)
        and _BUTTON.search(text) is not None
    )


def _has_button(
    blocks: Sequence[TextBlock], elements: Sequence[Element], i: int, card: int
) -> bool:
    window = range(max(0, i - BUTTON_WINDOW), min(len(blocks), i + BUTTON_WINDOW + 1))
    return any(
        j != i and _is_button(blocks[j]) and inside(blocks[j].element, card, elements)
        for j in window
    )


def _pitches(blocks: Sequence[TextBlock], keep: Sequence[bool]) -> list[int]:
    """The kept blocks of at most PROMPT_MAX_CHARS that _PITCH finds, in order: their texts are
    folded together and only those holding one of _PITCH_WORDS are searched."""
    short = [i for i in kept_indices(keep) if len(blocks[i].text) <= PROMPT_MAX_CHARS]
    folded = fold_ascii_bytes("\n".join([blocks[i].text for i in short]))
    return [
        i for i in lines_holding(folded, short, _PITCH_BYTES) if _PITCH.search(blocks[i].text)
    ]


def drop_subscribe_prompts(
    blocks: Sequence[TextBlock], elements: Sequence[Element], keep: list[bool]
) -> list[bool]:
    """Drop kept subscribe pitches that sit in a small card with a subscribe button."""
    out = list(keep)
    for i in _pitches(blocks, keep):  # out[i] is keep[i] here
        card = _card(blocks, elements, out, i)
        if card < 0 or not _has_button(blocks, elements, i, card):
            continue
        outside = sum(
            len(b.text)
            for b, k in zip(blocks, out, strict=True)
            if k and not inside(b.element, card, elements)
        )
        if outside >= ARTICLE_OUTSIDE_CHARS:
            out[i] = False
    return out
