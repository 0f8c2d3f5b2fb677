"""Index pages (a section front, a tag page, search results): a list of teasers, not an article.

Users would rather get nothing from such a page than the teasers merged into one body
(trafilatura#811). On an index page the model is unsure (its kept blocks score low) and what it
keeps are teaser texts: short blocks that each follow a linked headline. An article's paragraphs
follow each other, or a sub-heading that is not a link; a live blog's entries are long or many
under one heading. All three conditions must hold.
"""

from __future__ import annotations

from collections.abc import Sequence

from sieb.blocks import TextBlock

# Mean probability of the kept blocks below which the page may be an index.
INDEX_MAX_CONFIDENCE = 0.5
# Kept blocks needed before calling a page an index, and the share of them that are teasers.
INDEX_MIN_TEASERS = 4
INDEX_TEASER_SHARE = 0.6
# A teaser text is short; a headline is a link when links cover this share of its text.
TEASER_MAX_CHARS = 400
_LINKED = 0.8


def is_index_page(blocks: Sequence[TextBlock], keep: Sequence[bool], confidence: float) -> bool:
    """True when the kept blocks are teasers of other pages rather than an article body."""
    if confidence >= INDEX_MAX_CONFIDENCE:
        return False
    kept = [i for i, k in enumerate(keep) if k and blocks[i].text and not blocks[i].heading_level]
    if len(kept) < INDEX_MIN_TEASERS:
        return False
    teasers = sum(1 for i in kept
                  if _is_teaser_text(blocks[i]) and _follows_linked_headline(blocks, i))
    return teasers >= INDEX_MIN_TEASERS and teasers >= INDEX_TEASER_SHARE * len(kept)


def _is_teaser_text(block: TextBlock) -> bool:
    """Short plain text (a link, a button or a download label is not a teaser's text)."""
    return len(block.text) <= TEASER_MAX_CHARS and block.link_chars * 2 < len(block.text)


def _follows_linked_headline(blocks: Sequence[TextBlock], index: int) -> bool:
    for j in range(index - 1, -1, -1):
        text = blocks[j].text
        if not text:
            continue  # an image between headline and teaser text
        return len(text) <= TEASER_MAX_CHARS and blocks[j].link_chars >= _LINKED * len(text)
    return False
