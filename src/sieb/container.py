"""Find the element that holds the main content: the one with the most prose and least chrome.

Every block adds its "prose" characters (long, punctuated, few links) and its "chrome" characters
(link text, short unpunctuated lines, text under negative class/id signals) to all its ancestors.
The main container maximises prose - CHROME_WEIGHT * chrome. The result is a feature for the block
classifier, not a hard cut: the classifier may keep blocks outside it and drop blocks inside it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sieb.blocks import Element, Segmentation, TextBlock

# A block of at least this many characters, with terminal punctuation and low link density, is
# prose. 40 characters is about one short sentence (swept 20..80 on trafilatura-dev; flat 30..60).
PROSE_MIN_CHARS = 40
PROSE_MAX_LINK_DENSITY = 0.35
# How much one character of chrome costs against one of prose. Below 0.5 the <body> often wins;
# above 2 a single long paragraph's parent wins (checked on trafilatura-dev, training set).
CHROME_WEIGHT = 1.0


@dataclass(frozen=True, slots=True)
class MainContainer:
    """The chosen element, and for every block whether it lies inside it."""

    element: int
    inside: list[bool]
    ancestors: frozenset[int]


def _prose_chrome(block: TextBlock) -> tuple[int, int]:
    text = block.text
    chars = len(text)
    ctx = block.ctx  # its fields directly: the TextBlock properties cost a call each
    if ctx.neg and not ctx.in_article:
        return 0, chars
    link_chars = block.link_chars
    if (
        chars >= PROSE_MIN_CHARS
        and link_chars / chars <= PROSE_MAX_LINK_DENSITY
        and ("." in text or "," in text)
    ):
        return chars - link_chars, link_chars
    if block.heading_level:
        return 0, 0
    return 0, chars


def find_main(seg: Segmentation) -> MainContainer:
    """The element with the best balance of prose over chrome."""
    elements = seg.elements
    if not elements:
        return MainContainer(0, [False] * len(seg.blocks), frozenset())
    prose, chrome = _subtree_prose_chrome(seg)
    best, best_score = 0, float("-inf")
    for index in range(len(elements)):
        score = prose[index] - CHROME_WEIGHT * chrome[index]
        if score > best_score:
            best, best_score = index, score
    ancestors = set()
    element = best
    while element >= 0:
        ancestors.add(element)
        element = elements[element].parent
    below = _below(elements, best)
    in_main = [below[block.element] for block in seg.blocks]
    return MainContainer(best, in_main, frozenset(ancestors))


def _subtree_prose_chrome(seg: Segmentation) -> tuple[list[int], list[int]]:
    """Prose and chrome characters of every element's subtree: each block's go to its own
    element, then every element's totals to its parent, last element first (children always
    follow their parent), so each block is counted once instead of once per ancestor."""
    elements = seg.elements
    prose = [0] * len(elements)
    chrome = [0] * len(elements)
    for block in seg.blocks:
        good, bad = _prose_chrome(block)
        prose[block.element] += good
        chrome[block.element] += bad
    for index in range(len(elements) - 1, 0, -1):
        parent = elements[index].parent
        if parent >= 0:
            prose[parent] += prose[index]
            chrome[parent] += chrome[index]
    return prose, chrome


def _below(elements: Sequence[Element], ancestor: int) -> list[bool]:
    """For every element, whether it is `ancestor` or lies below it (`blocks.inside` for all
    elements in one pass: a parent always comes before its children)."""
    out = [False] * len(elements)
    for index in range(ancestor, len(elements)):
        parent = elements[index].parent
        out[index] = index == ancestor or (parent >= ancestor and out[parent])
    return out
