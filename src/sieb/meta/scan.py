"""The page nodes the metadata step reads, queried lazily and at most once per kind.

Every CSS query walks the whole document, and its cost grows with the number of selector parts
(about 0.1 ms per part on a typical news page with Lexbor). So the head is queried on its own
(it is small), and the body is queried only for what the head and JSON-LD did not give: `<time>`s
only when the published date is missing, bylines only when no structured author was found.
A query holds only the selector parts that may match the page (`sieb.meta.hints`, compiled
walks), and one none of whose parts may is not made.
"""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser, LexborNode

from sieb.meta import hints

_HEAD_SELECTOR = ('title, meta[content], link[rel~=canonical i][href], '
                  'script[type="application/ld+json"]')
# The body, times, bylines and date classes are queried with the selectors of
# `sieb.meta.hints` (BODY_PARTS ...), only with the parts that may match the page.
# Nodes of one kind kept at most (pages with thousands of dated comments exist).
_MAX_NODES = 64
# Meta tags kept at most (news pages carry 50-150 of them).
_MAX_METAS = 512


class PageNodes:
    """Lazily queried node lists of one parsed page, each in document order."""

    def __init__(self, tree: LexborHTMLParser) -> None:
        self._tree = tree
        self.title: LexborNode | None = None
        self.metas: list[LexborNode] = []
        self.canonical: list[LexborNode] = []
        self.scripts: list[LexborNode] = []
        self._times: list[LexborNode] | None = None
        self._bylines: list[tuple[int, LexborNode]] | None = None
        self._date_classes: list[LexborNode] | None = None
        self._heading: list[LexborNode] | None = None
        self._hints = hints.part_hints(tree, hints.EAGER_PARTS)
        self._lazy_hints = False
        self._read_head_and_body()

    def _query(self, parts: tuple[hints.Part, ...]) -> list[LexborNode]:
        """The nodes matching the selector list `parts` (only the parts that may match)."""
        if not self._lazy_hints:
            self._hints |= hints.part_hints(self._tree, hints.LAZY_PARTS)
            self._lazy_hints = True
        selector = hints.selector(parts, self._hints)
        return self._tree.css(selector) if selector else []

    def _read_head_and_body(self) -> None:
        head, body = self._tree.head, self._tree.body
        nodes = head.css(_HEAD_SELECTOR) if head is not None else []
        if body is not None and (selector := hints.selector(hints.BODY_PARTS, self._hints)):
            nodes.extend(body.css(selector))
        for node in nodes:
            tag = node.tag
            if tag == "meta":
                if len(self.metas) < _MAX_METAS:
                    self.metas.append(node)
            elif tag == "script":
                if len(self.scripts) < _MAX_NODES:
                    self.scripts.append(node)
            elif tag == "link":
                self.canonical.append(node)
            elif tag == "title" and self.title is None:
                self.title = node

    def heading(self) -> LexborNode | None:
        """The first h1 inside an `<article>`, else the first h1."""
        if self._heading is None:
            first = (self._tree.css_first("h1") if hints.may_match(hints.H1, self._hints)
                     else None)
            # The first h1 of all, when it is inside an article, is the first in an article too.
            if (first is not None and not _inside_article(first)
                    and hints.may_match(hints.ARTICLE, self._hints)):
                first = self._tree.css_first("article h1") or first
            self._heading = [first] if first is not None else []
        return self._heading[0] if self._heading else None

    def times(self) -> list[LexborNode]:
        """`<time>` elements and itemprop datePublished/dateModified markup."""
        if self._times is None:
            self._times = self._query(hints.TIME_PARTS)[:_MAX_NODES]
        return self._times

    def bylines(self) -> list[tuple[int, LexborNode]]:
        """Byline candidates with a rank (0 = itemprop=author ... 3 = class*=author), best first."""
        if self._bylines is None:
            ranked = []
            for node in self._query(hints.BYLINE_PARTS)[:_MAX_NODES]:
                attrs = node.attributes
                rank = _byline_rank((attrs.get("itemprop") or "").lower(),
                                    (attrs.get("rel") or "").lower().split(),
                                    (attrs.get("class") or "").lower(),
                                    (attrs.get("id") or "").lower())
                if rank is not None:
                    ranked.append((rank, node))
            ranked.sort(key=lambda pair: pair[0])  # stable: document order within a rank
            self._bylines = ranked
        return self._bylines

    def date_classes(self) -> list[LexborNode]:
        """Elements whose class names a date ("date", "datum", "publish")."""
        if self._date_classes is None:
            self._date_classes = self._query(hints.DATE_CLASS_PARTS)[:_MAX_NODES]
        return self._date_classes


def _inside_article(node: LexborNode) -> bool:
    """True when an ancestor is an `<article>` (what the "article h1" descendant test checks)."""
    parent = node.parent
    while parent is not None:
        if parent.tag == "article":
            return True
        parent = parent.parent
    return False


def _byline_rank(itemprop: str, rel: list[str], klass: str, node_id: str) -> int | None:
    """How specific a byline candidate is (0 = itemprop=author ... 3 = class*=author), or None."""
    if itemprop == "author":
        return 0
    if "author" in rel:
        return 1
    if "byline" in klass or "byline" in node_id:
        return 2
    if any(word in klass for word in ("author", "autor", "verfasser")):
        return 3
    return None
