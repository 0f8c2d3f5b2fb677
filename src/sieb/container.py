"""Find the element that holds the main content: the one with the most prose and least chrome.

Every block adds its "prose" characters (long, punctuated, few links) and its "chrome" characters
(link text, short unpunctuated lines, text under negative class/id signals) to all its ancestors.
The main container maximises prose - CHROME_WEIGHT * chrome. The result is a feature for the block
classifier, not a hard cut: the classifier may keep blocks outside it and drop blocks inside it.
"""

from __future__ import annotations

from dataclasses import dataclass

from sieb.blocks import Segmentation, TextBlock, inside

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
    chars = len(block.text)
    if block.neg and not block.in_article:
        return 0, chars
    link_density = block.link_chars / chars if chars else 1.0
    punctuated = "." in block.text or "," in block.text
    if chars >= PROSE_MIN_CHARS and link_density <= PROSE_MAX_LINK_DENSITY and punctuated:
        return chars - block.link_chars, block.link_chars
    if block.heading_level:
        return 0, 0
    return 0, chars


def find_main(seg: Segmentation) -> MainContainer:
    """The element with the best balance of prose over chrome."""
    elements = seg.elements
    if not elements:
        return MainContainer(0, [False] * len(seg.blocks), frozenset())
    prose = [0] * len(elements)
    chrome = [0] * len(elements)
    for block in seg.blocks:
        good, bad = _prose_chrome(block)
        element = block.element
        while element >= 0:
            prose[element] += good
            chrome[element] += bad
            element = elements[element].parent
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
    in_main = [inside(block.element, best, elements) for block in seg.blocks]
    return MainContainer(best, in_main, frozenset(ancestors))

