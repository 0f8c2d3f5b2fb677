"""Find the element that holds the main content: the one with the most prose and least chrome.

Every block adds its "prose" characters (long, punctuated, few links) and its "chrome" characters
(link text, short unpunctuated lines, text under negative class/id signals) to all its ancestors.
The main container maximises prose - CHROME_WEIGHT * chrome. The result is a feature for the block
classifier, not a hard cut: the classifier may keep blocks outside it and drop blocks inside it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from sieb.blocks import Element, Segmentation, TextBlock
from sieb.compiled import compiled_module

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
    if _compiled_main_container is None:
        best, in_main = python_main_container(seg.blocks, elements)
    else:
        best, in_main = _compiled_main_container(
            seg.blocks, elements, PROSE_MIN_CHARS, PROSE_MAX_LINK_DENSITY, CHROME_WEIGHT
        )
    ancestors = set()
    element = best
    while element >= 0:
        ancestors.add(element)
        element = elements[element].parent
    return MainContainer(best, in_main, frozenset(ancestors))


def python_main_container(
    blocks: Sequence[TextBlock], elements: Sequence[Element]
) -> tuple[int, list[bool]]:
    """The best element and, per block, whether it lies inside it (`elements` must not be empty):
    the definition of sieb._textcounts.main_container."""
    prose, chrome = _subtree_prose_chrome(blocks, elements)
    best, best_score = 0, float("-inf")
    for index in range(len(elements)):
        score = prose[index] - CHROME_WEIGHT * chrome[index]
        if score > best_score:
            best, best_score = index, score
    below = _below(elements, best)
    return best, [below[block.element] for block in blocks]


def _subtree_prose_chrome(
    blocks: Sequence[TextBlock], elements: Sequence[Element]
) -> tuple[list[int], list[int]]:
    """Prose and chrome characters of every element's subtree: each block's go to its own
    element, then every element's totals to its parent, last element first (children always
    follow their parent), so each block is counted once instead of once per ancestor."""
    prose = [0] * len(elements)
    chrome = [0] * len(elements)
    for block in blocks:
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


# sieb._textcounts.main_container: (blocks, elements, prose_min_chars, max_link_density,
# chrome_weight) -> python_main_container's result.
MainContainerLoop = Callable[
    [list[TextBlock], list[Element], int, float, float], tuple[int, list[bool]]
]


def _compiled_loop() -> MainContainerLoop | None:
    """sieb._textcounts.main_container when it is built, not switched off and gives the Python
    result on the probe page."""
    textcounts = compiled_module("sieb._textcounts")
    if textcounts is None:
        return None
    from selectolax.lexbor import LexborHTMLParser

    from sieb.blocks import segment_python

    probe = segment_python(LexborHTMLParser(PROBE_PAGE))
    expected = python_main_container(probe.blocks, probe.elements)
    args = (PROSE_MIN_CHARS, PROSE_MAX_LINK_DENSITY, CHROME_WEIGHT)
    if textcounts.main_container(probe.blocks, probe.elements, *args) != expected:
        return None
    return textcounts.main_container


# Prose, chrome under negative signals, in an article, link lists and a heading.
PROBE_PAGE = (
    "<html><body><nav class='menu'><ul><li><a href='/'>Home</a></li><li>Kontakt</li></ul></nav>"
    "<div class='sidebar'><p>Ein langer Absatz in der Seitenleiste, mit Komma und Punkt.</p></div>"
    "<article class='story'><h1>Title of the probe page</h1>"
    "<p>Der erste Absatz, mit einem <a href='/x'>Link</a>; und 2 Zahlen. Ende!</p>"
    "<div class='related'><p>Related text under a negative signal, long enough. Yes.</p></div>"
    "<p><a href='/a'>A paragraph made almost entirely of one long link, with a comma.</a></p>"
    "<p>Short line</p><section><p>Noch ein Absatz, lang genug um Prosa zu sein. Gut.</p>"
    "</section></article><footer class='site-footer'><p>© 2026 the site, all rights.</p>"
    "</footer></body></html>"
)

_compiled_main_container = _compiled_loop()
MAIN_CONTAINER_COMPILED = _compiled_main_container is not None
