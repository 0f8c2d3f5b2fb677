"""Render body blocks as plain text or Markdown."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from sieb.article import Block, BlockKind

if TYPE_CHECKING:
    from sieb.article import Article, Comment


def blocks_to_text(blocks: Iterable[Block], *, quote_sources: bool = False) -> str:
    """Body text: every non-figure block's text, blocks separated by a blank line.

    With `quote_sources`, a quote keeps its source line ("— Jane Doe (@jane) May 1, 2019"): in
    HTML it is text inside the <blockquote> (embedded posts end with it), so it is page text.
    """
    # a list comprehension, one per case: no function call per block
    if not quote_sources:
        return "\n\n".join([b.text for b in blocks if b.kind is not _FIGURE and b.text])
    return "\n\n".join([
        f"{b.text}\n— {b.speaker}" if b.kind is _QUOTE and b.speaker else b.text
        for b in blocks
        if b.kind is not _FIGURE and b.text
    ])


_FIGURE, _QUOTE = BlockKind.FIGURE, BlockKind.QUOTE


def block_to_markdown(block: Block) -> str:
    """One block as Markdown."""
    kind = block.kind
    if kind is BlockKind.HEADING:
        return "#" * min(max(block.level, 2), 6) + " " + block.text
    if kind is BlockKind.LIST:
        items = block.items or tuple(block.text.split("\n"))
        if block.ordered:
            return "\n".join(f"{i}. {item}" for i, item in enumerate(items, 1))
        return "\n".join(f"- {item}" for item in items)
    if kind is BlockKind.QUOTE:
        quoted = "\n".join("> " + ln for ln in block.text.split("\n"))
        return quoted + (f"\n>\n> — {block.speaker}" if block.speaker else "")
    if kind is BlockKind.CODE:
        return f"```{block.language}\n{block.text}\n```"
    if kind is BlockKind.TABLE:
        return _table_markdown(block)
    if kind is BlockKind.FIGURE:
        parts = [f"![{block.alt}]({block.src})" if block.src else ""]
        caption = " ".join(
            p for p in (block.caption, f"({block.credit})" if block.credit else "") if p
        )
        if caption:
            parts.append(f"*{caption}*")
        return "\n".join(p for p in parts if p)
    return block.text


def _table_markdown(block: Block) -> str:
    rows = block.rows or tuple(tuple(r.split("\t")) for r in block.text.split("\n"))
    if not rows:
        return ""
    width = max(len(r) for r in rows)
    padded = [list(r) + [""] * (width - len(r)) for r in rows]
    lines = ["| " + " | ".join(c.replace("|", "\\|") for c in padded[0]) + " |"]
    lines.append("|" + "---|" * width)
    lines += ["| " + " | ".join(c.replace("|", "\\|") for c in r) + " |" for r in padded[1:]]
    return "\n".join(lines)


def article_to_markdown(article: Article) -> str:
    """The article as Markdown: `# title`, then each block (and comments, when asked for)."""
    parts = [f"# {article.title}"] if article.title else []
    parts += [md for md in (block_to_markdown(b) for b in article.blocks) if md]
    if article.comments:
        parts.append("## Comments")
        parts += [comment_to_text(c, markdown=True) for c in article.comments]
    return "\n\n".join(parts) + "\n"


def comment_to_text(comment: Comment, *, markdown: bool = False) -> str:
    """A comment as a header line ("author · date", "↳" for a reply) and its text (quoted)."""
    who = " · ".join(p for p in (comment.author, comment.date or "") if p) or "(anonymous)"
    if comment.reply_to is not None:
        who = f"↳ {who}"
    if markdown:
        quoted = "\n".join("> " + line if line else ">" for line in comment.text.split("\n"))
        return f"**{who}**\n\n{quoted}"
    return f"{who}\n{comment.text}"
