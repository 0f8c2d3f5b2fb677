"""Turn the kept text blocks into the Article's typed body blocks.

Consecutive list items of one list become one `list` block, cells of one table one `table` block,
the paragraphs of one <blockquote> one `quote` block; figures gather image, caption and credit.
Captions and credits are never body text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from sieb.article import Block, BlockKind
from sieb.blocks import TextBlock
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
    r"|(?:foto|bild|photo)\s*:\s*[^.!?]{2,50})\s*$",
    re.I,
)
# Wire-agency captions: "In this Dec. 12, 2006, file photo, ...", "FILE - In this ...",
# "... (AP Photo/Jane Doe)".
_AGENCY_CAPTION = re.compile(
    r"^(?:FILE\s*[-–—]\s*)?In this (?:[^,]{0,40}, ){0,2}(?:file )?"
    r"(?:photo|image|picture|photograph|video grab|handout photo)\b"
    r"|^FILE\s*[-–—]\s|\((?:AP|AFP|Reuters|EPA) Photo/[^)]{2,60}\)\s*$",
)
# Captions are short: a block longer than this is a paragraph even if it ends like one.
CAPTION_MAX_CHARS = 300


def is_captioned(text: str) -> bool:
    """True for a short caption that ends in its photo credit."""
    if len(text) > CAPTION_MAX_CHARS:
        return False
    return bool(_CAPTION_WITH_CREDIT.search(text) or _AGENCY_CAPTION.search(text))


def is_credit(text: str) -> bool:
    """True for a photo credit line ("Foto: dpa", "© Reuters")."""
    return len(text) < 160 and bool(CREDIT_LINE.search(text))


def assemble(blocks: Sequence[TextBlock], keep: Sequence[bool]) -> list[Block]:
    """Typed body blocks from the kept text blocks, in reading order."""
    out: list[Block] = []
    i, n = 0, len(blocks)
    while i < n:
        block = blocks[i]
        if not keep[i]:
            i += 1
            continue
        if (
            block.figure_id >= 0
            or block.flags & (CAPTION | CREDIT)
            or is_credit(block.text)
            or is_captioned(block.text)
        ):
            i = _figure(blocks, keep, i, out)
        elif block.pre:
            out.append(Block(BlockKind.CODE, text=block.text))
            i += 1
        elif block.heading_level:
            out.append(Block(BlockKind.HEADING, text=block.text, level=block.heading_level))
            i += 1
        elif block.table_id >= 0 and block.tag in ("td", "th", "tr", "caption"):
            i = _table(blocks, keep, i, out)
        elif block.quote_id >= 0:
            i = _quote(blocks, keep, i, out)
        elif block.list_id >= 0 and block.tag in ("li", "dd", "dt"):
            i = _list(blocks, keep, i, out)
        else:
            if block.text:
                out.append(Block(BlockKind.PARAGRAPH, text=block.text))
            i += 1
    return out


def _run(blocks: Sequence[TextBlock], keep: Sequence[bool], start: int, key: str) -> int:
    """End index of the run of kept blocks sharing `key` with blocks[start]."""
    value = getattr(blocks[start], key)
    end = start + 1
    while end < len(blocks) and getattr(blocks[end], key) == value:
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
        r"credit|copyright)\s*:\s*",
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


def _quote(blocks: Sequence[TextBlock], keep: Sequence[bool], i: int, out: list[Block]) -> int:
    end = _run(blocks, keep, i, "quote_id")
    texts = [b.text for b, k in zip(blocks[i:end], keep[i:end], strict=True) if k and b.text]
    speaker = ""
    if len(texts) > 1:
        match = _QUOTE_SOURCE.match(texts[-1])
        if match:
            speaker = match.group(1).strip()
            texts = texts[:-1]
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
