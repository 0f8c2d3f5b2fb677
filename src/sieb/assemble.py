"""Turn the kept text blocks into the Article's typed body blocks.

Consecutive list items of one list become one `list` block, cells of one table one `table` block,
the paragraphs of one <blockquote> one `quote` block; figures gather image, caption and credit.
Captions and credits are never body text. With the segmentation's elements, a caption and credit
that are the only two blocks of their parent become one figure without a <figure> element, and
a pull quote's attribution next to its <blockquote> becomes the quote's speaker. Tables whose
cells hold headings lay out the page and give paragraphs, not a table block.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from sieb.article import Block, BlockKind
from sieb.blocks import Element, TextBlock, kept_indices
from sieb.keywords import fold_ascii_case, may_contain
from sieb.signals import CAPTION, CREDIT

# "Foto: dpa", "Photo: Jane Doe/Reuters", "© AP", "Bild: imago", "Quelle: ZDF", "(Image: Getty)".
CREDIT_LINE = re.compile(
    r"^\(?\s*(?:foto|fotos|bild|bilder|quelle|photo|photos|image|images|picture|credit|"
    r"copyright|illustration|grafik|video|source)\s*:\s*\S|^\(?\s*(?:©|\(c\))\s*\S|"
    r"^(?:getty images|reuters|ap|afp|dpa|imago|epa)(?:[/ ].{0,40})?$|"
    r"^[^.!?]{0,40}\s?[/|]\s?(?:getty images|reuters|afp|ap|dpa|imago|epa|picture alliance|"
    r"shutterstock|istock|keystone|apa)\b[^.!?]{0,30}$|"
    r"^(?:afp|ap|dpa|reuters|epa|imago|keystone|apa)\s?/\s?[\w .-]{2,40}$",
    re.I,
)
_QUOTE_SOURCE = re.compile(r"^[—–-]\s*(.{2,80})$")


# A caption ending in its credit: "Protesters in Hong Kong (Image: Getty)", "... Foto: dpa".
_CAPTION_WITH_CREDIT = re.compile(
    r"(?:[(\[]\s*(?:image|photo|picture|pic|foto|bild|credit|quelle)s?\s*:\s*[^()\[\]]{2,60}[)\]]"
    r"|[(\[][^()\[\]]{0,30}(?:photo|foto|bild|picture) (?:by|von) [^()\[\]]{2,50}[)\]]"
    r"|(?:foto|bild|photo)\s*:\s*[^.!?]{2,50}"
    r"|\s©\s?[^©.!?]{2,50})\s*$",
    re.I,
)
# Wire-agency captions: "In this Dec. 12, 2006, file photo, ...", "FILE - In this ...",
# "... (AP Photo/Jane Doe)".
_AGENCY_CAPTION = re.compile(
    r"^(?:FILE\s*[-–—]\s*)?In this (?:[^,]{0,40}, ){0,2}(?:file )?"
    r"(?:photo|image|picture|photograph|video grab|handout photo)\b"
    r"|^FILE\s*[-–—]\s|\((?:AP|AFP|Reuters|EPA) Photo/[^)]{2,60}\)\s*$",
)
# Every match of _CAPTION_WITH_CREDIT holds one of these words ("pic" in picture), ...
_CAPTION_CREDIT_WORDS = ("image", "photo", "pic", "foto", "bild", "credit", "quelle", "©")
# Captions are short: a block longer than this is a paragraph even if it ends like one.
CAPTION_MAX_CHARS = 300


def is_captioned(text: str) -> bool:
    """True for a short caption that ends in its photo credit."""
    if len(text) > CAPTION_MAX_CHARS:
        return False
    return bool(
        (
            _may_end_in_credit(text)
            and may_contain(text, _CAPTION_CREDIT_WORDS)
            and _CAPTION_WITH_CREDIT.search(text)
        )
        or (_may_be_agency_caption(text) and _AGENCY_CAPTION.search(text))
    )


def _may_end_in_credit(text: str) -> bool:
    """False when `text` lacks ":" and "©" and does not end (but for whitespace) in ")" or "]":
    every match of _CAPTION_WITH_CREDIT holds one of the two or ends so (a cheaper gate than
    `may_contain`, which lower-cases the text, and passed by few paragraphs)."""
    return ":" in text or "©" in text or text.rstrip().endswith((")", "]"))


def _may_be_agency_caption(text: str) -> bool:
    """False when `text` lacks all of "In this", "FILE" and "Photo/", one of which every match
    of the case-sensitive _AGENCY_CAPTION holds."""
    return "In this" in text or "FILE" in text or "Photo/" in text


def is_credit(text: str) -> bool:
    """True for a photo credit line ("Foto: dpa", "© Reuters")."""
    # every alternative of CREDIT_LINE starts with "^": match finds what search would, without
    # trying every other position
    return len(text) < 160 and _may_be_credit(text) and CREDIT_LINE.match(text) is not None


# Every match of CREDIT_LINE holds ":", "/", "|", "©" or "(" (of "(c)"), except those of its
# third alternative: a text that starts with a bare agency name and is at most 54 characters
# long ("getty images", one of "/ ", up to 40 characters and a final newline before $).
_BARE_AGENCIES = ("getty images", "reuters", "ap", "afp", "dpa", "imago", "epa")
_BARE_AGENCY_MAX_CHARS = len("getty images") + 1 + 40 + 1


def _may_be_credit(text: str) -> bool:
    """False when CREDIT_LINE cannot match `text` (see above)."""
    if ":" in text or "/" in text or "|" in text or "©" in text or "(" in text:
        return True
    head = fold_ascii_case(text[: len("getty images")])
    return len(text) <= _BARE_AGENCY_MAX_CHARS and head.startswith(_BARE_AGENCIES)


_CELL_TAGS = ("td", "th", "tr", "caption")
# Characters without width or meaning in text: anchor-link placeholders ("Heading\u200b"), BOMs.
_INVISIBLE = str.maketrans("", "", "\u200b\u2060\ufeff")


def assemble(
    blocks: Sequence[TextBlock],
    keep: Sequence[bool],
    elements: Sequence[Element] | None = None,
) -> list[Block]:
    """Typed body blocks from the kept text blocks, in reading order.

    `elements` (the segmentation's) lets a caption and a credit that are siblings without a
    <figure> become one figure, and a pull quote's attribution next to its <blockquote> become
    the quote's speaker.
    """
    blocks = _visible_blocks(blocks)
    layout = _layout_tables(blocks)
    out: list[Block] = []
    i = 0  # the first block not assembled yet
    for start in kept_indices(keep):
        if start < i:
            continue  # taken with the figure, table, quote or list before it
        i = start
        block = blocks[i]
        # the context's fields directly: TextBlock exposes each through a Python property
        ctx, text = block.ctx, block.text
        if (
            ctx.figure_id >= 0
            or ctx.flags & (CAPTION | CREDIT)
            or is_credit(text)
            or is_captioned(text)
        ):
            _caption_before(blocks, keep, i, elements, out)
            i = _figure(blocks, keep, i, out)
        elif ctx.pre:
            out.append(Block(BlockKind.CODE, text=text))
            i += 1
        elif block.heading_level:
            if text:
                out.append(Block(BlockKind.HEADING, text=text, level=block.heading_level))
            i += 1
        elif ctx.table_id >= 0 and block.tag in _CELL_TAGS and ctx.table_id not in layout:
            i = _table(blocks, keep, i, out)
        elif ctx.quote_id >= 0:
            i = _quote(blocks, keep, i, out, elements)
        elif ctx.list_id >= 0 and ctx.table_id < ctx.list_id:
            # an item's text may sit in a <div> or <p> inside the <li> (recipe steps)
            i = _list(blocks, keep, i, out)
        else:
            if text:
                out.append(Block(BlockKind.PARAGRAPH, text=text))
            i += 1
    return out


def _layout_tables(blocks: Sequence[TextBlock]) -> set[int]:
    """Tables that lay out a page rather than hold data: a cell holds a heading (h1-h6)."""
    return {b.ctx.table_id for b in blocks if b.heading_level and b.ctx.table_id >= 0}


def _visible_blocks(blocks: Sequence[TextBlock]) -> Sequence[TextBlock]:
    """The blocks, with invisible characters taken out of their texts (`blocks` itself when no
    text holds any: one search over all texts instead of three per block)."""
    texts = "".join([b.text for b in blocks])  # (faster than map with an attrgetter)
    if texts.isascii() or not ("\u200b" in texts or "\u2060" in texts or "\ufeff" in texts):
        return blocks
    return [_visible(b) for b in blocks]


def _visible(block: TextBlock) -> TextBlock:
    """The block, with invisible characters taken out of its text (a copy only when needed)."""
    text = block.text
    if text.isascii() or not ("\u200b" in text or "\u2060" in text or "\ufeff" in text):
        return block
    copy = TextBlock(
        text.translate(_INVISIBLE).strip(),
        block.tag,
        block.link_chars,
        block.element,
        block.depth,
        block.ctx,
        block.image_src,
        block.image_alt,
    )
    copy.position, copy.fragments = block.position, block.fragments
    return copy


# A caption without a <figure> is the short block just before its credit line, when the two are
# the only blocks of their parent element (<div class="gallery-caption"><p>..</p><p>Image: ..</p>).
SIBLING_CAPTION_BLOCKS = 2


def _caption_before(
    blocks: Sequence[TextBlock],
    keep: Sequence[bool],
    i: int,
    elements: Sequence[Element] | None,
    out: list[Block],
) -> None:
    """Turn the paragraph just emitted into a caption when the credit at ``i`` belongs to it."""
    if elements is None or i == 0 or not keep[i - 1] or not out:
        return
    block, before = blocks[i], blocks[i - 1]
    if block.figure_id >= 0 or before.figure_id >= 0 or out[-1].kind is not BlockKind.PARAGRAPH:
        return
    if out[-1].text != before.text or not (block.flags & CREDIT or is_credit(block.text)):
        return
    parent = elements[block.element].parent
    if (
        parent < 0
        or elements[before.element].parent != parent
        or elements[parent].blocks != SIBLING_CAPTION_BLOCKS
        or len(before.text) > CAPTION_MAX_CHARS
    ):
        return
    out.pop()
    out.append(Block(BlockKind.FIGURE, caption=before.text))


def _run(blocks: Sequence[TextBlock], keep: Sequence[bool], start: int, key: str) -> int:
    """End index of the run of kept blocks sharing `key` (a field of their context) with
    blocks[start]."""
    value = getattr(blocks[start].ctx, key)
    end, count = start + 1, len(blocks)
    while end < count and getattr(blocks[end].ctx, key) == value:
        end += 1
    return end


def _figure(blocks: Sequence[TextBlock], keep: Sequence[bool], i: int, out: list[Block]) -> int:
    block = blocks[i]
    end = _run(blocks, keep, i, "figure_id") if block.figure_id >= 0 else i + 1
    captions, credits, src, alt = [], [], "", ""
    for part in blocks[i:end]:
        src, alt = src or part.image_src, alt or part.image_alt
        if not part.text:
            continue
        if part.flags & CREDIT or is_credit(part.text):
            credits.append(_strip_credit_label(part.text))
        else:
            caption, credit = _split_trailing_credit(part.text)
            captions.append(caption)
            if credit:
                credits.append(credit)
    if (
        out
        and out[-1].kind is BlockKind.FIGURE
        and out[-1].caption
        and not out[-1].credit
        and not out[-1].src
        and not captions
    ):
        captions.append(out.pop().caption)  # the caption _caption_before took from the text
    if captions or credits or src:
        out.append(
            Block(
                BlockKind.FIGURE,
                caption=" ".join(captions),
                credit="; ".join(credits),
                src=src,
                alt=alt,
            )
        )
    return end


_TRAILING_CREDIT = re.compile(
    r"\s*[(\[|]?\s*((?:foto|bild|quelle|photo|image|credit|©)\s*:?\s*[^()\[\]|]{2,60})[)\]]?\s*$",
    re.I,
)


def _split_trailing_credit(text: str) -> tuple[str, str]:
    match = _TRAILING_CREDIT.search(text)
    if not match or match.start() < 10:
        return text, ""
    return text[: match.start()].rstrip(" |-–"), _strip_credit_label(match.group(1))


def _strip_credit_label(text: str) -> str:
    return re.sub(
        r"^\(?\s*(?:foto|fotos|bild|bilder|quelle|photo|photos|image|images|picture|"
        r"credit|copyright)\s*:\s*|^©\s*",
        "",
        text.strip(),
        flags=re.I,
    ).strip(" ()")


def _table(blocks: Sequence[TextBlock], keep: Sequence[bool], i: int, out: list[Block]) -> int:
    end = _run(blocks, keep, i, "table_id")
    rows: list[list[str]] = []
    last_row = None
    for part, kept in zip(blocks[i:end], keep[i:end], strict=True):
        if not kept or not part.text:
            continue
        if part.row_id != last_row or not rows:
            rows.append([])
            last_row = part.row_id
        rows[-1].append(part.text)
    if rows:
        row_tuples = tuple(tuple(r) for r in rows)
        out.append(
            Block(BlockKind.TABLE, text="\n".join("\t".join(r) for r in rows), rows=row_tuples)
        )
    return end


# An attribution after a pull quote is short and is not a sentence: "Imke Saathoff, Mayor".
SPEAKER_MAX_CHARS = 80


def _quote(
    blocks: Sequence[TextBlock],
    keep: Sequence[bool],
    i: int,
    out: list[Block],
    elements: Sequence[Element] | None = None,
) -> int:
    end = _run(blocks, keep, i, "quote_id")
    texts = [b.text for b, k in zip(blocks[i:end], keep[i:end], strict=True) if k and b.text]
    speaker = ""
    if len(texts) > 1:
        match = _QUOTE_SOURCE.match(texts[-1])
        if match:
            speaker = match.group(1).strip()
            texts = texts[:-1]
    if not speaker and elements is not None and end < len(blocks):
        # <aside class="pullquote"><blockquote>...</blockquote><cite>Name, role</cite></aside>
        after = blocks[end]
        quote_parent = elements[blocks[i].quote_id].parent
        if (
            after.element == quote_parent
            and after.quote_id < 0
            and len(after.text) <= SPEAKER_MAX_CHARS
            and not after.text.endswith((".", "!", "?", ":"))
        ):
            speaker = _QUOTE_SOURCE.sub(r"\1", after.text).strip()
            end += 1
    if texts:
        out.append(Block(BlockKind.QUOTE, text="\n".join(texts), speaker=speaker))
    return end


def _list(blocks: Sequence[TextBlock], keep: Sequence[bool], i: int, out: list[Block]) -> int:
    end = _run(blocks, keep, i, "list_id")
    items = tuple(b.text for b, k in zip(blocks[i:end], keep[i:end], strict=True) if k and b.text)
    if items:
        out.append(
            Block(BlockKind.LIST, text="\n".join(items), items=items, ordered=blocks[i].ordered)
        )
    return end
