"""Advertising inside an article: affiliate product boxes and labelled ad or sponsored blocks.

Three kinds of box are dropped from the body, each found by a clear signal:
1. labelled boxes: an element whose first block is a label like "Anzeige", "Werbung",
   "Sponsored", "Advertisement" (the label alone, not a heading), up to LABEL_BOX_MAX_CHARS, and
   a block of that length that opens with "Sponsored" and a separator ("Sponsored · This issue
   is supported by ...": newsletters and e-mail markup have no box element; looked for only on
   pages whose source says "sponsored");
2. affiliate boxes: the small element (up to BOX_MAX_CHARS) around a ``rel="sponsored"`` link
   whose text is a call to buy ("Buy now at ...", "Check availability", "Zum Angebot"); a
   sponsored link inside a sentence is prose and stays;
3. shop boxes: a small element holding a price ("£89.99", "24,99 €") and such a buy link,
   on pages that are not product pages.
More than MAX_SHOP_BOXES boxes of kinds 2 and 3 make the page a shopping list (a deals post,
whose products, prices and buttons are its content): they are then left to the model. Boxes are
dropped only when the kept text outside them is an article (BODY_MIN_CHARS and BODY_PER_BOX
times the boxes' kept text), so an advertorial page keeps its text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import compress, repeat
from operator import getitem, gt

from selectolax.lexbor import LexborHTMLParser

from sieb.blocks import Element, Segmentation, TextBlock, blocks_inside
from sieb.blocks import inside as lies_inside
from sieb.keywords import fold_ascii_bytes, lines_holding
from sieb.nodes import map_nodes

# A labelled box is at most this long (a teaser ad, a sponsored note, a product card)...
LABEL_BOX_MAX_CHARS = 600
# ... an affiliate or shop box at most this long.
BOX_MAX_CHARS = 400
# A paragraph with this much text outside its sponsored link is prose with an affiliate link.
INLINE_LINK_MIN_PROSE = 80
# Kept text outside the boxes needed before any is dropped, and its ratio to the boxes' text.
BODY_MIN_CHARS = 200
BODY_PER_BOX = 2.0
# More affiliate or shop boxes than this make a shopping list (scrapinghub's deals posts count
# their product cards, prices and "Buy Now" buttons as body: 9 cards on one page).
MAX_SHOP_BOXES = 2
# Levels climbed from a label to the element it labels (a <p> label in an <aside>).
LABEL_CLIMB = 2

AD_LABEL = re.compile(
    r"^[\W_]*(?:anzeige|werbung|gesponsert|sponsored(?: content| post)?|advertisement|"
    r"promoted|paid (?:content|post|partnership)|partner content|"
    r"publicité|publicidad|pubblicità|reklama)[\W_]*$",
    re.I,
)
BUY_LINK = re.compile(
    r"^[\W_]*(?:buy(?: now)?(?: at| on| from)?|shop now|view (?:deal|offer)|see (?:deal|price)|"
    r"get (?:the )?deal|check (?:price|prices|availability)|add to (?:cart|basket)|book now|"
    r"jetzt (?:kaufen|bestellen|buchen|vergleichen)|kaufen|zum (?:angebot|shop|deal|"
    r"tarifvergleich|vergleich)|in den warenkorb|bei \S+ (?:kaufen|ansehen|bestellen))\b",
    re.I,
)
# Every match of AD_LABEL holds one of these words, ...
_AD_LABEL_WORDS = tuple(
    word.encode()
    for word in (
        "anzeige", "werbung", "gesponsert", "sponsored", "advertisement", "promoted", "paid",
        "partner content", "publicit", "publicidad", "pubblicit", "reklama",
    )
)
# ... every match of BUY_LINK one of these (the word after "jetzt" or "bei ...", "deal" of
# view/see/get (the)/zum deal).
_BUY_LINK_WORDS = tuple(
    word.encode()
    for word in (
        "buy", "shop now", "view offer", "deal", "see price", "check price", "check availability",
        "add to", "book now", "kaufen", "bestellen", "buchen", "vergleich", "zum angebot",
        "zum shop", "warenkorb", "ansehen",
    )
)
# A block opening with "Sponsored" and a separator (case 1 of the module docstring).
INLINE_AD_LABEL = re.compile(r"^[\W_]*sponsored[ \t]*[·|:–—-][ \t]*\w", re.I)
# The head of a block read for it.
_HEAD = slice(0, 16)
_SPONSORED = (b"sponsored",)
PRICE = re.compile(r"(?:[$£€]\s?\d[\d.,]*|\d[\d.,]*\s?(?:€|eur\b|euro\b))", re.I)
_SPONSORED_LINKS = 'a[rel~="sponsored"]'
_LABEL_MAX_CHARS = 40


def drop_sponsored(
    tree: LexborHTMLParser,
    seg: Segmentation,
    keep: list[bool],
    page_type: str | None,
    sponsored_in_source: bool = True,
) -> list[bool]:
    """Drop the kept blocks of advertising boxes inside an article (see the module docstring).

    `sponsored_in_source` False says the page's HTML has no "sponsored" in any case
    (`marks.SourceMarks.sponsored`): the search for rel=sponsored links is then skipped.
    """
    if not any(keep):
        return keep
    blocks, elements = seg.blocks, seg.elements
    texts = [b.text for b in blocks]
    lengths = list(map(len, texts))
    is_short = list(map(_LABEL_MAX_CHARS.__ge__, lengths))  # mapped in C, not a loop
    short = list(compress(range(len(texts)), is_short))
    inline = _inline_labels(blocks, texts, lengths, is_short) if sponsored_in_source else []
    # The short texts folded in one go tell which blocks hold a word of a label or of a buy
    # link: only those are matched (on most pages none is).
    folded = fold_ascii_bytes("\n".join(compress(texts, is_short)))
    labels = [
        i for i in lines_holding(folded, short, _AD_LABEL_WORDS) if _is_label(blocks[i])
    ]
    shop = set(_affiliate_boxes(tree, seg)) if sponsored_in_source else set()
    if page_type != "product":
        shop.update(_shop_boxes(blocks, elements, lines_holding(folded, short, _BUY_LINK_WORDS)))
    boxes = _labelled_boxes(blocks, elements, labels)
    if len(shop) <= MAX_SHOP_BOXES:
        boxes += shop
    if not boxes and not labels and not inline:
        return keep
    inside = blocks_inside(blocks, elements, boxes)
    for i in inline:
        inside[i] = True
    outside = sum(len(b.text) for b, k, i in zip(blocks, keep, inside, strict=True) if k and not i)
    boxed = sum(len(b.text) for b, k, i in zip(blocks, keep, inside, strict=True) if k and i)
    if outside < BODY_MIN_CHARS or outside < BODY_PER_BOX * boxed:
        return keep
    is_label = [False] * len(blocks)
    for i in labels:
        is_label[i] = True
    return [k and not (i or label) for k, i, label in zip(keep, inside, is_label, strict=True)]


def _inline_labels(
    blocks: Sequence[TextBlock], texts: list[str], lengths: list[int], is_short: list[bool]
) -> list[int]:
    """Blocks longer than a label and up to LABEL_BOX_MAX_CHARS that open with "Sponsored" and
    a separator (not headings); only the heads holding the word are matched."""
    # True > False: up to the box's length and not short, mapped in C
    medium = list(
        compress(range(len(texts)), map(gt, map(LABEL_BOX_MAX_CHARS.__ge__, lengths), is_short))
    )
    if not medium:
        return []
    heads = "\n".join(map(getitem, map(texts.__getitem__, medium), repeat(_HEAD)))
    return [
        i
        for i in lines_holding(fold_ascii_bytes(heads), medium, _SPONSORED)
        if not blocks[i].heading_level and INLINE_AD_LABEL.match(texts[i])
    ]


def _is_buy_link(block: TextBlock) -> bool:
    text = block.text
    return (
        bool(text)
        and len(text) <= _LABEL_MAX_CHARS
        and block.link_chars >= 0.8 * len(text)
        and BUY_LINK.match(text) is not None
    )


def _is_label(block: TextBlock) -> bool:
    text = block.text
    return (
        len(text) <= _LABEL_MAX_CHARS
        and not block.heading_level
        and AD_LABEL.match(text) is not None
    )


def _first_block(blocks: Sequence[TextBlock], elements: Sequence[Element], box: int) -> int:
    """The index of the first block inside `box`, or -1 (the blocks before it are outside at
    a glance: their elements come before `box`)."""
    found = (j for j, block in enumerate(blocks) if lies_inside(block.element, box, elements))
    return next(found, -1)


def _labelled_boxes(
    blocks: Sequence[TextBlock], elements: Sequence[Element], labels: list[int]
) -> list[int]:
    """Elements that open with an advertising label (`labels`: the label blocks)."""
    boxes = []
    for i in labels:
        box = blocks[i].element
        for _ in range(LABEL_CLIMB):
            if elements[box].blocks > 1 or elements[box].parent <= 0:
                break
            box = elements[box].parent
        if (
            box > 0
            and elements[box].blocks > 1
            and elements[box].text_chars <= LABEL_BOX_MAX_CHARS
            and _first_block(blocks, elements, box) == i
        ):
            boxes.append(box)
    return boxes


def _affiliate_boxes(tree: LexborHTMLParser, seg: Segmentation) -> list[int]:
    """The small elements around rel=sponsored links that are not part of a sentence."""
    root = tree.body
    if root is None:
        return []
    links = root.css(_SPONSORED_LINKS)
    if not links:
        return []
    nodes = map_nodes(tree, seg.elements)
    if nodes is None:
        return []
    elements = seg.elements
    boxes = []
    for link in links:
        text = " ".join(link.text(deep=True).split())
        if len(text) > _LABEL_MAX_CHARS or not BUY_LINK.match(text):
            continue
        element = nodes.element_of(link)
        own = elements[element]
        if own.tag in ("p", "li", "dd", "td", "blockquote") and (
            own.text_chars - len(text) >= INLINE_LINK_MIN_PROSE
        ):
            continue
        box = _grow(elements, element)
        if box > 0:
            boxes.append(box)
    return boxes


def _grow(elements: Sequence[Element], element: int) -> int:
    """The largest ancestor-or-self of `element` of at most BOX_MAX_CHARS, or -1."""
    if elements[element].text_chars > BOX_MAX_CHARS:
        return -1
    box = element
    while elements[box].parent > 0 and elements[elements[box].parent].text_chars <= BOX_MAX_CHARS:
        box = elements[box].parent
    return box


def _shop_boxes(
    blocks: Sequence[TextBlock], elements: Sequence[Element], short: list[int]
) -> list[int]:
    """Small elements with a buy link and a price (`short`: the blocks short enough)."""
    boxes = []
    for i in short:
        block = blocks[i]
        if block.link_chars < 0.8 * len(block.text) or not _is_buy_link(block):
            continue
        box = _grow(elements, block.element)
        if box <= 0:
            continue
        if any(PRICE.search(blocks[j].text) for j in _block_range(blocks, elements, i, box)):
            boxes.append(box)
    return boxes


def _block_range(
    blocks: Sequence[TextBlock], elements: Sequence[Element], i: int, box: int
) -> range:
    """The indices of the blocks inside `box`, an ancestor-or-self of block `i`'s element.

    The blocks of an element's subtree are one run of the page's blocks (the walk makes them in
    document order, each while inside its element), so the run is found from `i` outwards
    instead of by a look at every block of the page."""
    first = last = i
    while first > 0 and lies_inside(blocks[first - 1].element, box, elements):
        first -= 1
    while last + 1 < len(blocks) and lies_inside(blocks[last + 1].element, box, elements):
        last += 1
    return range(first, last + 1)
