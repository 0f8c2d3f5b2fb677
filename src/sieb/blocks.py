"""Segment a parsed page into text blocks with the context each block's score needs.

One pass over the DOM (an explicit stack, so 10,000-deep nesting is no problem) turns the body into
`TextBlock`s: runs of inline text between block-level boundaries. Each block carries its tag, its
enclosing list/table/figure/quote, the class/id signals of its ancestors, and the chain of
ancestor elements (as indices into `Segmentation.elements`) so that container scores can be summed.

The walk is compiled (`sieb._blockwalk`, loaded by `sieb.blockwalk`) when the extension is built
and the installed selectolax is one it was checked against; `segment_python` is the reference it
must equal and the fallback (forced with SIEB_PURE_PYTHON=1). `COMPILED` says which one runs.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass
from itertools import compress

from selectolax.lexbor import LexborHTMLParser, LexborNode

from sieb import blockwalk
from sieb.signals import EMPTY_SIGNAL, Signal, class_signals

# Elements whose content is never visible text.
SKIP_TAGS = frozenset(
    [
        "script",
        "style",
        "noscript",
        "template",
        "svg",
        "math",
        "canvas",
        "iframe",
        "object",
        "embed",
        "button",
        "select",
        "option",
        "textarea",
        "input",
        "label",
        "head",
        "title",
        "meta",
        "link",
        "audio",
        "video",
        "source",
        "track",
        "map",
        "area",
        "dialog",
    ]
)
# Elements that start and end a block of text.
BLOCK_TAGS = frozenset(
    [
        "p",
        "div",
        "section",
        "article",
        "main",
        "aside",
        "header",
        "footer",
        "nav",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "ul",
        "ol",
        "li",
        "dl",
        "dt",
        "dd",
        "table",
        "thead",
        "tbody",
        "tfoot",
        "tr",
        "td",
        "th",
        "caption",
        "blockquote",
        "pre",
        "figure",
        "figcaption",
        "address",
        "details",
        "summary",
        "form",
        "fieldset",
        "legend",
        "hr",
        "center",
        "body",
        "html",
        "hgroup",
        "menu",
    ]
)
HEADING_TAGS = frozenset(["h1", "h2", "h3", "h4", "h5", "h6"])
# A block whose text exceeds this is cut: no paragraph of a real article is longer.
MAX_BLOCK_CHARS = 200_000
_SPACE = re.compile(r"\s+")


@dataclass(slots=True)
class Element:
    """An element that encloses at least one block (candidate container)."""

    tag: str
    depth: int
    signal: int  # class/id signal of this element alone (see sieb.signals)
    parent: int  # index of the enclosing Element, -1 for none
    own_chars: int = 0
    own_link_chars: int = 0
    own_blocks: int = 0
    text_chars: int = 0  # of the whole subtree, summed when segmentation ends
    link_chars: int = 0
    blocks: int = 0


@dataclass(slots=True)  # not frozen: frozen __init__ is several times slower
class Context:
    """What a node's ancestors say; shared by all nodes below an element that sets it."""

    neg: int = 0
    pos: int = 0
    flags: int = 0
    in_article: bool = False
    in_link: bool = False
    list_id: int = -1
    ordered: bool = False
    table_id: int = -1
    row_id: int = -1
    figure_id: int = -1
    quote_id: int = -1
    pre: bool = False

    def copy(self) -> Context:
        """A new context with the same values (contexts are shared, so change only copies)."""
        return Context(
            self.neg,
            self.pos,
            self.flags,
            self.in_article,
            self.in_link,
            self.list_id,
            self.ordered,
            self.table_id,
            self.row_id,
            self.figure_id,
            self.quote_id,
            self.pre,
        )


class TextBlock:
    """A run of visible text between block boundaries, with its context.

    `tag` is the block-level element holding the text (p, li, h2, td, div...), `element` its index
    in `Segmentation.elements`; the ancestors' signals are in `ctx` and exposed as attributes.
    """

    __slots__ = (
        "ctx",
        "depth",
        "element",
        "fragments",
        "heading_level",
        "image_alt",
        "image_src",
        "link_chars",
        "position",
        "tag",
        "text",
    )

    def __init__(
        self,
        text: str,
        tag: str,
        link_chars: int,
        element: int,
        depth: int,
        ctx: Context,
        image_src: str = "",
        image_alt: str = "",
    ) -> None:
        self.text = text
        self.tag = tag
        self.link_chars = link_chars
        self.element = element
        self.depth = depth
        self.ctx = ctx
        self.heading_level = int(tag[1]) if tag in HEADING_TAGS else 0
        self.image_src = image_src
        self.image_alt = image_alt
        self.position = 0.0  # index / number of blocks, set when segmentation ends
        self.fragments = 1  # non-blank text nodes: many short ones make a menu or a toolbar

    neg = property(lambda self: self.ctx.neg, doc="negative class/id signals of ancestors")
    pos = property(lambda self: self.ctx.pos, doc="positive class/id signals of ancestors")
    flags = property(lambda self: self.ctx.flags, doc="sieb.signals flags of ancestors")
    in_article = property(lambda self: self.ctx.in_article)
    list_id = property(lambda self: self.ctx.list_id, doc="enclosing <ul>/<ol> element or -1")
    ordered = property(lambda self: self.ctx.ordered)
    table_id = property(lambda self: self.ctx.table_id)
    row_id = property(lambda self: self.ctx.row_id)
    figure_id = property(lambda self: self.ctx.figure_id)
    quote_id = property(lambda self: self.ctx.quote_id)
    pre = property(lambda self: self.ctx.pre)


@dataclass(slots=True)
class Segmentation:
    """The blocks of a page and the elements that enclose them."""

    blocks: list[TextBlock]
    elements: list[Element]


def kept_indices(keep: Sequence[bool]) -> Iterator[int]:
    """The indices of the kept blocks (selected in C: most blocks of a page are not kept)."""
    return compress(range(len(keep)), keep)


def inside(element: int, ancestor: int, elements: Sequence[Element]) -> bool:
    """True when `element` is `ancestor` or lies below it."""
    while element >= ancestor:
        if element == ancestor:
            return True
        element = elements[element].parent
    return False


def blocks_inside(
    blocks: Sequence[TextBlock], elements: Sequence[Element], ancestors: Collection[int]
) -> list[bool]:
    """For every block, whether it lies inside one of the elements `ancestors`."""
    if not ancestors:
        return [False] * len(blocks)
    wanted = set(ancestors)
    lowest = min(wanted)
    verdict: dict[int, bool] = {}
    out = []
    for block in blocks:
        e = block.element
        if e not in verdict:
            chain = []
            while e >= lowest and e not in wanted and e not in verdict:
                chain.append(e)
                e = elements[e].parent
            found = verdict.get(e, e in wanted)
            for c in chain:
                verdict[c] = found
            verdict[block.element] = found
        out.append(verdict[block.element])
    return out


# Inline elements whose attributes are not worth reading: they inherit their parent's context.
_PLAIN_INLINE = frozenset(
    [
        "b",
        "i",
        "em",
        "strong",
        "u",
        "s",
        "small",
        "big",
        "sup",
        "sub",
        "mark",
        "abbr",
        "time",
        "cite",
        "q",
        "dfn",
        "kbd",
        "samp",
        "var",
        "bdi",
        "bdo",
        "wbr",
        "font",
        "tt",
        "strike",
        "del",
        "ins",
        "ruby",
        "rt",
        "rp",
        "data",
        "code",
    ]
)


@dataclass(slots=True)
class _Frame:
    node_iter: object
    tag: str  # the block-level tag that text in this frame belongs to
    element: int
    is_block: bool
    ctx: Context
    depth: int


class _Builder:
    """Accumulates inline text into blocks while the DOM is walked."""

    def __init__(self) -> None:
        self.blocks: list[TextBlock] = []
        self.elements: list[Element] = []
        self.parts: list[str] = []
        self.link_chars = 0
        self.chars = 0
        self.image_src = ""
        self.image_alt = ""

    def add_text(self, text: str, in_link: bool) -> None:
        if self.chars > MAX_BLOCK_CHARS:
            return
        self.parts.append(text)
        self.chars += len(text)
        if in_link:
            self.link_chars += len(text.strip())

    def flush(self, frame: _Frame) -> None:
        if not self.parts and not self.image_src:
            return
        parts = self.parts
        raw = "".join(parts)
        if not self.image_src and (not raw or raw.isspace()):
            parts.clear()
            self.link_chars, self.chars = 0, 0
            return
        fragments = len(parts) - sum(map(str.isspace, parts))
        ctx = frame.ctx
        text = raw.strip("\n ") if ctx.pre else _SPACE.sub(" ", raw).strip()
        if ctx.pre:
            text = text.replace("\xa0", " ")
        link_chars = min(self.link_chars, len(text))
        parts.clear()  # in place: segment() holds a reference to this list
        self.link_chars, self.chars = 0, 0
        image_src, image_alt = self.image_src, self.image_alt
        self.image_src = self.image_alt = ""
        if not text and not image_src:
            return
        block = TextBlock(
            text, frame.tag, link_chars, frame.element, frame.depth, ctx, image_src, image_alt
        )
        block.fragments = fragments
        self.blocks.append(block)
        element = self.elements[frame.element]
        element.own_chars += len(text)
        element.own_link_chars += link_chars
        element.own_blocks += 1


def segment(tree: LexborHTMLParser) -> Segmentation:
    """Walk the page's body once and return its text blocks.

    The compiled walk (`sieb._blockwalk`, see `COMPILED`) gives exactly what `segment_python` does.
    """
    if _COMPILED_WALK is None:
        return segment_python(tree)
    blocks, elements = _COMPILED_WALK(tree)
    return Segmentation(blocks, elements)


def segment_python(tree: LexborHTMLParser) -> Segmentation:
    """The DOM walk in Python over selectolax nodes: the reference and the fallback."""
    builder = _Builder()
    root = tree.body or tree.root
    if root is None:
        return Segmentation([], [])
    builder.elements.append(Element("body", 0, 0, -1))
    stack = [_Frame(root.iter(include_text=True), "body", 0, True, Context(), 0)]
    parts = builder.parts
    while stack:
        frame = stack[-1]
        # A for loop over the children is much cheaper than next() per node; it breaks out
        # when a child element needs a frame of its own and resumes here when that is done.
        for node in frame.node_iter:  # type: ignore[attr-defined]
            tag = node.tag
            if tag == "-text":
                text = node.text_content
                if text and builder.chars <= MAX_BLOCK_CHARS:
                    parts.append(text)
                    builder.chars += len(text)
                    if frame.ctx.in_link:
                        builder.link_chars += len(text.strip())
            elif tag in _PLAIN_INLINE:
                stack.append(
                    _Frame(
                        node.iter(include_text=True),
                        frame.tag,
                        frame.element,
                        False,
                        frame.ctx,
                        frame.depth,
                    )
                )
                break
            elif tag in SKIP_TAGS or tag == "-comment" or tag is None:
                continue
            elif tag == "br":
                builder.add_text("\n" if frame.ctx.pre else " ", False)
            elif tag == "img":
                _take_image(builder, node, frame)
            else:
                stack.append(_open(builder, node, tag, frame, len(stack)))
                break
        else:
            stack.pop()
            if frame.is_block and (parts or builder.image_src):
                builder.flush(frame)
    _sum_up(builder.elements)
    blocks = builder.blocks
    count = max(len(blocks), 1)
    for index, block in enumerate(blocks):
        block.position = index / count
    return Segmentation(blocks, builder.elements)


def _sum_up(elements: list[Element]) -> None:
    """Give every element the totals of its subtree (children always follow their parent)."""
    for element in elements:
        element.text_chars = element.own_chars
        element.link_chars = element.own_link_chars
        element.blocks = element.own_blocks
    for element in reversed(elements):
        if element.parent >= 0:
            parent = elements[element.parent]
            parent.text_chars += element.text_chars
            parent.link_chars += element.link_chars
            parent.blocks += element.blocks


def _take_image(builder: _Builder, node: LexborNode, frame: _Frame) -> None:
    if frame.ctx.figure_id < 0 or builder.image_src:
        return
    attrs = node.attributes
    builder.image_src = attrs.get("src") or attrs.get("data-src") or ""
    builder.image_alt = (attrs.get("alt") or "").strip()


def _open(builder: _Builder, node: LexborNode, tag: str, parent: _Frame, depth: int) -> _Frame:
    """Push a frame for an element, starting a new block if it is block-level."""
    signal = class_signals(tag, node.attributes)
    is_block = tag in BLOCK_TAGS
    if is_block:
        if builder.parts or builder.image_src:
            builder.flush(parent)
        elements = builder.elements
        element = len(elements)
        elements.append(Element(tag, depth, signal.flags, parent.element))
    else:
        element = parent.element
    ctx = _child_context(parent.ctx, tag, element, signal)
    return _Frame(
        node.iter(include_text=True), tag if is_block else parent.tag, element, is_block, ctx, depth
    )


def _child_context(ctx: Context, tag: str, element: int, signal: Signal) -> Context:
    """The context below an element: the parent's, or a changed copy when the element says more."""
    special = tag in _CONTEXT_TAGS
    if signal is EMPTY_SIGNAL and not special:
        return ctx
    new = ctx.copy()
    if signal is not EMPTY_SIGNAL:
        new.neg += signal.neg
        new.pos += signal.pos
        new.flags |= signal.flags
        new.in_article = new.in_article or signal.article
    if not special:
        return new
    if tag in ("article", "main"):
        new.in_article = True
    elif tag == "a":
        new.in_link = True
    elif tag in ("ul", "ol", "menu"):
        new.list_id, new.ordered = element, tag == "ol"
    elif tag == "table":
        new.table_id, new.list_id = element, -1
    elif tag == "tr":
        new.row_id = element
    elif tag == "figure":
        new.figure_id = element
    elif tag == "blockquote":
        new.quote_id = element
    elif tag == "pre":
        new.pre = True
    return new


_CONTEXT_TAGS = frozenset(
    ["article", "main", "a", "ul", "ol", "menu", "table", "tr", "figure", "blockquote", "pre"]
)


def walk_spec() -> blockwalk.WalkSpec:
    """What the compiled walk must mirror of this module (its tag sets, classes and reference)."""
    return blockwalk.WalkSpec(
        skip_tags=SKIP_TAGS,
        block_tags=BLOCK_TAGS,
        plain_inline_tags=_PLAIN_INLINE,
        context_tags=_CONTEXT_TAGS,
        element_cls=Element,
        block_cls=TextBlock,
        context_cls=Context,
        max_block_chars=MAX_BLOCK_CHARS,
        reference=segment_python,
    )


_COMPILED_WALK = blockwalk.load(walk_spec())
# True when segment() runs the compiled walk (sieb._blockwalk), False for the Python walk.
COMPILED: bool = _COMPILED_WALK is not None
