"""The ASCII markers that rules test the page source for, found in one scan of it.

`shadow.unwrap_shadow_roots` needs "shadowroot", `sponsored.drop_sponsored` "sponsored" and
`endless.may_hold_articles` "<article" twice, "itemtype" or an article id attribute, each in any
ASCII case. In Python that is the page lower-cased and a bytes search over all of it per marker
(about 50 us each on a 150 KB page when the marker is absent); the compiled
`sieb._textcounts.needle_counts` counts them all in one pass over the page as it is.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sieb.compiled import compiled_module
from sieb.endless import ARTICLE_MARKERS, may_hold_articles


@dataclass(frozen=True, slots=True)
class SourceMarks:
    """Which markers a page's source (`shadow.page_source`: lower-cased UTF-8) holds."""

    shadow_roots: bool  # b"shadowroot" is in it
    sponsored: bool  # b"sponsored" is in it
    articles: bool  # endless.may_hold_articles(source)
    article_markers: frozenset[bytes]  # the endless.ARTICLE_MARKERS in it


def python_source_marks(page: bytes) -> SourceMarks:
    """The definition: one bytes search per marker in `page` (UTF-8) lower-cased."""
    source = page.lower()
    return SourceMarks(
        b"shadowroot" in source,
        b"sponsored" in source,
        may_hold_articles(source),
        frozenset(marker for marker in ARTICLE_MARKERS if marker in source),
    )


# The needles of the compiled scan: "<article" counted up to two, the others up to one...
_NEEDLES = (*ARTICLE_MARKERS, b"shadowroot", b"sponsored")
_CAPS = (2, *[1] * (len(_NEEDLES) - 1))

# Sources on which the compiled scan must agree with python_source_marks before it is used:
# each needle once, twice, overlapping, cut short and at the ends.
PROBE_SOURCES = (
    b"",
    b"<",
    b"<article",
    b"<article<article",
    b"<articl",
    b"x<article>y<articl",
    b"<a<article <article",
    b"itemtype",
    b"xitemtyp",
    b"data-article",
    b"data-articl",
    b"data-story-id",
    b"data-story-i x",
    b"d<articleitemtyp<article",
    b"<div data-x='1'>ddata-story-id",
    b"<template shadowroot",
    b"shadowroo",
    b"hadowroot",
    b"unsponsored",
    b"sponsore",
    b"<article sponsored shadowroot <article",
    b"<ARTICLE <Article",
    b"ItemType",
    b"DATA-STORY-ID",
    b"<template ShadowRootMode",
    b"SPONSORED",
    b"\xc3\x84rticle <\xc3\xa4rticle <article",
)


def _compiled_marks() -> Callable[[bytes], SourceMarks] | None:
    """The compiled scan as source_marks, when it is built, allowed and agrees with the Python
    definition on PROBE_SOURCES."""
    module = compiled_module("sieb._textcounts")
    if module is None:
        return None

    def marks(page: bytes) -> SourceMarks:
        counts = module.needle_counts(page, _NEEDLES, _CAPS)
        return SourceMarks(
            counts[-2] > 0,
            counts[-1] > 0,
            counts[0] >= 2 or any(counts[1:-2]),
            frozenset(marker for marker, n in zip(ARTICLE_MARKERS, counts, strict=False) if n),
        )

    if any(marks(probe) != python_source_marks(probe) for probe in PROBE_SOURCES):
        return None
    return marks


_COMPILED_MARKS = _compiled_marks()
source_marks = _COMPILED_MARKS or python_source_marks
SOURCE_MARKS_COMPILED = _COMPILED_MARKS is not None
