"""Endless-scroll pages: the next article appended below the current one is not its body.

News sites load the following story into the same page as the reader scrolls (and crawlers often
save it that way): a second article unit with its own headline, byline and body, in the same
markup as the first. The model scores its paragraphs like the first article's, so the rule is
structural and fires only on clear markup:

- two or more article units in sibling positions (directly, or each in a wrapper of its own),
  each with a headline (h1/h2) and at least UNIT_MIN_CHARS of text;
- the units say they are articles: a ``data-article-id``-like attribute or a schema.org
  ``*Article``/``BlogPosting`` itemtype on each, or ``<article>`` elements that each carry an
  ``<h1>`` or are separated by a "Nächster Artikel" / "Next article" line;
- the page is not a live blog (whose entries are such units and all body).

The body then ends with the unit that holds the page's headline (else the first kept text): kept
blocks in the later units and the separators between them are dropped.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Collection, Sequence

from selectolax.lexbor import LexborHTMLParser, LexborNode

from sieb.blocks import Segmentation, blocks_inside
from sieb.nodes import map_nodes

# An appended article is a whole article: a teaser card with a headline is not.
UNIT_MIN_CHARS = 200
# More article elements than this make a listing (or a hostile page), not a stream of articles.
MAX_CANDIDATES = 300
# A separator line between two articles is short.
SEPARATOR_MAX_CHARS = 60
ID_ATTRIBUTES = ("data-article-id", "data-articleid", "data-story-id", "data-article")
_ARTICLE_TYPE = re.compile(r"schema\.org/(?:\w*Article|BlogPosting|Report)\s*$", re.I)
NEXT_SEPARATOR = re.compile(
    r"^\W*(?:nächster artikel|nächste[rs]? beitrag|weiter zum nächsten artikel|"
    r"lesen sie (?:jetzt|als nächstes)|next (?:article|story|post)|up next|read next|"
    r"article suivant|articolo successivo|siguiente artículo)\b",
    re.I,
)
_SPACE = re.compile(r"\s+")


# ID_ATTRIBUTES without those that start with another one (data-article-id, data-articleid):
# a page holding an attribute holds its stem.
ID_ATTRIBUTE_STEMS = tuple(
    a.encode() for a in ID_ATTRIBUTES if not any(a != b and a.startswith(b) for b in ID_ATTRIBUTES)
)

# The selectors of an article unit, each with a marker the lower-cased page source must hold for
# it to match anything (an element or attribute name is in the source, in some case).
_CANDIDATE_PARTS = (
    ("article", b"<article"),
    ("[itemtype]", b"itemtype"),
    *((f"[{a}]", next(stem for stem in ID_ATTRIBUTE_STEMS if a.encode().startswith(stem)))
      for a in ID_ATTRIBUTES),
)
_CANDIDATES = ", ".join(part for part, _ in _CANDIDATE_PARTS)


def may_hold_articles(source: bytes) -> bool:
    """A fast test on the page source (UTF-8, lower-cased: `page_source`): can the page hold
    two article units? Each search stops at the first hit (the second for "<article").
    `sieb.marks.source_marks` makes it together with the other tests of the source."""
    first = source.find(b"<article")
    return (
        (first >= 0 and source.find(b"<article", first + 1) >= 0)
        or b"itemtype" in source
        or any(stem in source for stem in ID_ATTRIBUTE_STEMS)
    )


# The markers of _CANDIDATE_PARTS: what `sieb.marks.SourceMarks.article_markers` tells.
ARTICLE_MARKERS = (b"<article", b"itemtype", *ID_ATTRIBUTE_STEMS)


def drop_next_articles(
    tree: LexborHTMLParser,
    seg: Segmentation,
    keep: list[bool],
    title: str | None,
    markers: Collection[bytes] | None = None,
) -> list[bool]:
    """Drop the kept blocks of articles appended after the page's own (see the module doc).

    `markers`, the ARTICLE_MARKERS the lower-cased page source holds (all when None), leave out
    of the search for units the selectors that cannot match (each costs a walk of the page)."""
    root = tree.body
    if root is None or not any(keep):
        return keep
    candidates = _candidates(root, _selector(markers))
    if not 2 <= len(candidates) <= MAX_CANDIDATES:
        return keep
    units = _sibling_units(candidates)
    if not units or _is_live_blog(tree):
        return keep
    nodes = map_nodes(tree, seg.elements)
    if nodes is None:
        return keep
    elements = [nodes.element_exactly(slot) for slot, _ in units]
    if min(elements) <= 0:
        return keep
    own = _own_unit(seg, keep, elements, [unit for _, unit in units], title)
    if own is None or own == len(units) - 1:
        return keep
    later = blocks_inside(seg.blocks, seg.elements, elements[own + 1 :])
    first_later = later.index(True) if True in later else len(seg.blocks)
    last_own = max(
        (i for i, inside in enumerate(blocks_inside(seg.blocks, seg.elements, [elements[own]]))
         if inside),
        default=first_later,
    )
    out = list(keep)
    for i, block in enumerate(seg.blocks):
        separator = last_own < i < first_later and _is_separator(block.text)
        if later[i] or separator:
            out[i] = False
    return out


def _selector(markers: Collection[bytes] | None) -> str | None:
    """_CANDIDATES without the parts whose marker is not in `markers`; None when none is left."""
    if markers is None:
        return _CANDIDATES
    parts = [part for part, marker in _CANDIDATE_PARTS if marker in markers]
    return ", ".join(parts) if parts else None


def _candidates(root: LexborNode, selector: str | None = _CANDIDATES) -> list[LexborNode]:
    """Nodes that say they are an article, each once, in document order (`selector`: the parts
    of _CANDIDATES that can match; None for none)."""
    if selector is None:
        return []
    seen: set[int] = set()
    out = []
    for node in root.css(selector):  # a node matching two selectors comes twice
        if node.mem_id not in seen and _says_article(node):
            seen.add(node.mem_id)
            out.append(node)
    return out


def _is_live_blog(tree: LexborHTMLParser) -> bool:
    if tree.css_first('[itemtype*="LiveBlogPosting"]') is not None:
        return True
    return any("LiveBlogPosting" in (s.text() or "") for s in tree.css("script[type*=ld]"))


def _says_article(node: LexborNode) -> bool:
    attrs = node.attributes
    if any(a in attrs for a in ID_ATTRIBUTES):
        return True
    itemtype = attrs.get("itemtype")
    if itemtype is not None:
        return bool(_ARTICLE_TYPE.search(itemtype))
    return node.tag == "article"


def _text(node: LexborNode) -> str:
    return _SPACE.sub(" ", node.text(deep=True, separator=" ")).strip()


def _is_unit(node: LexborNode) -> bool:
    return len(node.text(deep=True)) >= UNIT_MIN_CHARS and node.css_first("h1, h2") is not None


def _slot(node: LexborNode, holding: dict[int, int]) -> LexborNode:
    """The node, or its highest ancestor that holds no other candidate.

    `holding` counts, per ancestor, the candidates below it.
    """
    slot = node
    while slot.parent is not None and slot.parent.tag != "body":
        if holding.get(slot.parent.mem_id, 0) > 1:
            break
        slot = slot.parent
    return slot


def _ancestors(node: LexborNode) -> list[int]:
    out = []
    current = node.parent
    while current is not None:
        out.append(current.mem_id)
        current = current.parent
    return out


def _sibling_units(candidates: list[LexborNode]) -> list[tuple[LexborNode, LexborNode]]:
    """(slot, unit) pairs of the first run of sibling article units that proves itself."""
    ids = {c.mem_id for c in candidates}
    chains = {c.mem_id: _ancestors(c) for c in candidates}
    outermost = [c for c in candidates if not ids.intersection(chains[c.mem_id])]
    holding: dict[int, int] = {}
    for unit in outermost:
        for ancestor in chains[unit.mem_id]:
            holding[ancestor] = holding.get(ancestor, 0) + 1
    groups: dict[int, list[tuple[LexborNode, LexborNode]]] = {}
    for unit in outermost:
        if not _is_unit(unit):
            continue
        slot = _slot(unit, holding)
        parent = slot.parent
        if parent is not None:
            groups.setdefault(parent.mem_id, []).append((slot, unit))
    for group in groups.values():
        headlines = {_headline(unit) for _, unit in group}
        if len(group) >= 2 and len(headlines) == len(group) and _proves_itself(group):
            return group
    return []


def _headline(unit: LexborNode) -> str:
    heading = unit.css_first("h1, h2")
    return _SPACE.sub(" ", _text(heading)).casefold() if heading is not None else ""


def _proves_itself(group: list[tuple[LexborNode, LexborNode]]) -> bool:
    """Units marked as articles by attribute or itemtype, or <article>s with h1 or separators."""
    units = [unit for _, unit in group]
    if all(unit.tag != "article" or unit.attributes.get("itemtype") for unit in units):
        return True
    if all(any(a in unit.attributes for a in ID_ATTRIBUTES) for unit in units):
        return True
    if all(unit.css_first("h1") is not None for unit in units):
        return True
    return any(_separator_between(a, b) for (a, _), (b, _) in itertools.pairwise(group))


def _separator_between(first: LexborNode, second: LexborNode) -> bool:
    current = first.next
    while current is not None and current.mem_id != second.mem_id:
        if current.is_element_node and _is_separator(_text(current)):
            return True
        current = current.next
    for heading in second.css("span, p, div, h2, h3, h4, h5"):
        text = _text(heading)
        if _is_separator(text):
            return True
        if len(text) > SEPARATOR_MAX_CHARS:
            break
    return False


def _is_separator(text: str) -> bool:
    return bool(text) and len(text) <= SEPARATOR_MAX_CHARS and bool(NEXT_SEPARATOR.match(text))


def _own_unit(
    seg: Segmentation,
    keep: Sequence[bool],
    elements: list[int],
    units: list[LexborNode],
    title: str | None,
) -> int | None:
    """Index of the unit that holds the page's headline, else the first kept block."""
    wanted = _SPACE.sub(" ", title or "").strip().casefold()
    if wanted:
        for index, unit in enumerate(units):
            if _headline(unit) == wanted:
                return index
    first = next((i for i, k in enumerate(keep) if k), None)
    if first is None:
        return None
    for index, element in enumerate(elements):
        if blocks_inside(seg.blocks[first : first + 1], seg.elements, [element])[0]:
            return index
    return None
