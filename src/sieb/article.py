"""The data model shared by HTML extraction, text cleaning and corpus runs.

An `Article` is frozen and JSON-serialisable. Its body is an ordered tuple of typed `Block`s;
`text` and Markdown are rendered from them (see `sieb.render`). Text mode adds `lines`: one `Line`
per non-blank input line with its role, whether it was kept, and why.
"""

from __future__ import annotations

import json
from dataclasses import MISSING, dataclass, field, fields
from enum import StrEnum
from typing import Any


class BlockKind(StrEnum):
    """The kind of a body block."""

    HEADING = "heading"
    PARAGRAPH = "paragraph"
    LIST = "list"
    QUOTE = "quote"
    TABLE = "table"
    CODE = "code"
    FIGURE = "figure"


@dataclass(frozen=True, slots=True)
class Block:
    """One block of the article body, in reading order.

    `text` always holds the block's plain text (list items and table rows one per line, cells
    separated by a tab). Kind-specific details live in the other fields:
    heading -> `level`; list -> `items`, `ordered`; table -> `rows`; code -> `language`;
    quote -> `speaker` (who said it, when known); figure -> `caption`, `credit`, `src`, `alt`
    (a figure's `text` is empty: captions and credits are not body text).
    """

    kind: BlockKind
    text: str = ""
    level: int = 0
    items: tuple[str, ...] = ()
    ordered: bool = False
    rows: tuple[tuple[str, ...], ...] = ()
    language: str = ""
    speaker: str = ""
    caption: str = ""
    credit: str = ""
    src: str = ""
    alt: str = ""

    def to_dict(self) -> dict[str, Any]:
        """The block as a dict, leaving out empty fields."""
        out: dict[str, Any] = {"kind": str(self.kind)}
        for name in _BLOCK_FIELDS:
            value = getattr(self, name)
            if value:
                out[name] = _jsonable(value) if isinstance(value, tuple) else value
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Block:
        """Inverse of `to_dict`."""
        values = dict(data)
        values["kind"] = BlockKind(values["kind"])
        if "items" in values:
            values["items"] = tuple(values["items"])
        if "rows" in values:
            values["rows"] = tuple(tuple(r) for r in values["rows"])
        return cls(**values)


def _store_through_slots(cls: type) -> type:
    """Give a frozen, slotted dataclass an `__init__` that stores each field through its slot
    descriptor. The generated one calls `object.__setattr__` per field (frozen classes must
    get past their own `__setattr__`), which makes it about twice as slow; the result is the
    same object. Only for classes whose fields all are plain init parameters."""
    params = []
    namespace: dict[str, Any] = {}
    for item in fields(cls):
        if not item.init or item.kw_only or item.default_factory is not MISSING:
            raise TypeError(f"{cls.__name__}.{item.name} is not a plain init parameter")
        namespace[f"set_{item.name}"] = getattr(cls, item.name).__set__
        if item.default is MISSING:
            params.append(item.name)
        else:
            namespace[f"default_{item.name}"] = item.default
            params.append(f"{item.name}=default_{item.name}")
    if hasattr(cls, "__post_init__"):
        raise TypeError(f"{cls.__name__} has a __post_init__")
    stores = "".join(f"\n    set_{item.name}(self, {item.name})" for item in fields(cls))
    exec(f"def __init__(self, {', '.join(params)}):{stores}", namespace)
    init = namespace["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    init.__doc__ = cls.__init__.__doc__
    cls.__init__ = init
    return cls


# Assembly makes a Block per body block of every page.
_store_through_slots(Block)
_BLOCK_FIELDS = tuple(f.name for f in fields(Block) if f.name != "kind")


class LineRole(StrEnum):
    """What a line of flattened page text is."""

    TITLE = "title"
    LEAD = "lead"
    HEADING = "heading"
    PARAGRAPH = "paragraph"
    PULL_QUOTE = "pull-quote"
    QUOTE_SOURCE = "quote-source"
    LIST_ITEM = "list-item"
    IMAGE_ALT = "image-alt"
    CAPTION = "caption"
    CREDIT = "credit"
    BYLINE = "byline"
    DATE = "date"
    NAVIGATION = "navigation"
    META_LABEL = "meta-label"
    TEASER = "teaser"
    UI = "ui"
    CONSENT = "consent"
    NOTICE = "notice"
    FOOTER = "footer"
    AD = "ad"
    CODE = "code"
    TABLE = "table"
    COMMENT = "comment"  # HTML mode's explanation only (a reader comment)


# Roles only HTML mode's explanation gives (text mode's rules and line model don't use them).
HTML_ONLY_ROLES = frozenset({LineRole.COMMENT})


@dataclass(frozen=True, slots=True)
class Line:
    """One non-blank line of text-mode input: its role, whether it is body text, and why."""

    number: int
    text: str
    role: LineRole
    kept: bool
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "number": self.number,
            "text": self.text,
            "role": str(self.role),
            "kept": self.kept,
            "reason": self.reason,
        }


@dataclass(frozen=True, slots=True)
class Comment:
    """One reader comment: its text and, where the markup gives them, author and date.

    `date` is ISO 8601 (None when absent or unreadable); `reply_to` is the index (in
    `Article.comments`) of the comment this one answers, None for a top-level comment.
    """

    text: str
    author: str = ""
    date: str | None = None
    reply_to: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "author": self.author,
            "date": self.date,
            "reply_to": self.reply_to,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Comment:
        return cls(**data)


@dataclass(frozen=True, slots=True)
class Article:
    """A page's article: metadata plus the body as typed blocks.

    `text` is the body as plain text (paragraphs separated by a blank line, without the title,
    captions or credits). Dates are ISO 8601 strings or None. `confidence` (0..1) says how sure
    the extractor is that this is an article body; `page_type` is its guess of what the page is:
    "article", "product", "forum", "short" (under 200 characters of body), "empty", "consent"
    (only a consent wall) or "paywall" (a teaser behind a subscription prompt). `lines` is
    filled in text mode (one per non-blank input line) and by `extract(..., explain=True)` (one
    per text block of the page). `comments` holds the reader comments when `extract` was asked
    for them (`comments=True`; None otherwise); they are never part of `text` or `blocks`.
    `sources` records which evidence gave each metadata field (e.g.
    {"published": "json-ld"}). `page_chars` counts the visible characters of the whole page, so
    that `1 - len(text) / page_chars` is the share of the page that was left out (0 when
    unknown).
    """

    title: str | None = None
    authors: tuple[str, ...] = ()
    published: str | None = None
    modified: str | None = None
    url: str | None = None
    site_name: str | None = None
    language: str | None = None
    description: str | None = None
    image: str | None = None
    tags: tuple[str, ...] = ()
    text: str = ""
    blocks: tuple[Block, ...] = ()
    lines: tuple[Line, ...] = ()
    confidence: float = 0.0
    page_type: str = "empty"
    sources: dict[str, str] = field(default_factory=dict)
    page_chars: int = 0
    comments: tuple[Comment, ...] | None = None

    @property
    def is_empty(self) -> bool:
        """True when no body text was found."""
        return not self.text

    def to_dict(self) -> dict[str, Any]:
        """The article as plain JSON-compatible data (`comments` only when they were asked for)."""
        out: dict[str, Any] = {
            "title": self.title,
            "authors": list(self.authors),
            "published": self.published,
            "modified": self.modified,
            "url": self.url,
            "site_name": self.site_name,
            "language": self.language,
            "description": self.description,
            "image": self.image,
            "tags": list(self.tags),
            "text": self.text,
            "blocks": [b.to_dict() for b in self.blocks],
            "lines": [ln.to_dict() for ln in self.lines],
            "confidence": round(self.confidence, 4),
            "page_type": self.page_type,
            "sources": dict(self.sources),
            "page_chars": self.page_chars,
        }
        if self.comments is not None:
            out["comments"] = [c.to_dict() for c in self.comments]
        return out

    def to_json(self, indent: int | None = 2) -> str:
        """The article as a JSON string (UTF-8 characters kept as they are)."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    def to_markdown(self) -> str:
        """The article as Markdown: title, then the body blocks (figures as image + caption)."""
        from sieb.render import article_to_markdown

        return article_to_markdown(self)

    @property
    def figures(self) -> tuple[Block, ...]:
        """The figure blocks (image, caption, credit)."""
        return tuple(b for b in self.blocks if b.kind is BlockKind.FIGURE)

    @property
    def headings(self) -> tuple[str, ...]:
        """The text of the heading blocks."""
        return tuple(b.text for b in self.blocks if b.kind is BlockKind.HEADING)


def _jsonable(value: Any) -> Any:
    if isinstance(value, tuple):
        return [_jsonable(v) for v in value]
    return value
