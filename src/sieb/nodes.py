"""From DOM nodes to the segmentation's elements, for rules that read markup the walk does not.

`sieb.blocks` keeps, per element, only its tag and class/id signal. A few rules need more of the
markup (a ``rel="sponsored"`` link, ``itemtype`` of a comment, ``data-article-id``): they find
nodes with CSS selectors (run by Lexbor, in C) and need to know which blocks lie inside them.

The walk creates one `Element` per block-level tag in document order, skipping the subtrees of
`SKIP_TAGS`; the same query here gives the same sequence of nodes, so element ``i`` is node
``i``. The tags of both sequences are compared, and a page where they differ gets no mapping
(the rules then do nothing), so a change of the walk cannot make them act on the wrong blocks.
"""

from __future__ import annotations

from collections.abc import Sequence

from selectolax.lexbor import LexborHTMLParser, LexborNode

from sieb.blocks import BLOCK_TAGS, SKIP_TAGS, Element

_BLOCK_SELECTOR = ", ".join(sorted(BLOCK_TAGS - {"body", "html"}))
# Skipped elements that can hold elements: the others are void (<input>, <meta>) or hold raw
# text (<script>, <style>, <textarea>, <title>, <iframe>).
_CHILDLESS = frozenset(
    [
        "script", "style", "textarea", "title", "iframe", "meta", "link", "source", "track", "area",
        "input", "embed"
    ]
)
_SKIPPED_PARENTS = ", ".join(sorted(SKIP_TAGS - _CHILDLESS))


class NodeMap:
    """Element index of each block-level node of a page (by Lexbor node identity)."""

    __slots__ = ("_index",)

    def __init__(self, index: dict[int, int]) -> None:
        self._index = index

    def element_of(self, node: LexborNode) -> int:
        """The element index of `node` or of its nearest block-level ancestor (0: the body)."""
        current: LexborNode | None = node
        while current is not None:
            found = self._index.get(current.mem_id)
            if found is not None:
                return found
            current = current.parent
        return 0

    def element_exactly(self, node: LexborNode) -> int:
        """The element index of `node` itself, or -1 when it is not a block element."""
        return self._index.get(node.mem_id, -1)


def map_nodes(tree: LexborHTMLParser, elements: Sequence[Element]) -> NodeMap | None:
    """The node -> element mapping of a segmented page, or None when it cannot be trusted."""
    root = tree.body
    if root is None or not elements or elements[0].tag != "body":
        return None
    skipped = {
        n.mem_id for parent in root.css(_SKIPPED_PARENTS) for n in parent.css(_BLOCK_SELECTOR)
    }
    nodes = [n for n in root.css(_BLOCK_SELECTOR) if n.mem_id not in skipped]
    if len(nodes) != len(elements) - 1:
        return None
    index = {root.mem_id: 0}
    for i, node in enumerate(nodes, start=1):
        if node.tag != elements[i].tag:
            return None
        index[node.mem_id] = i
    return NodeMap(index)
