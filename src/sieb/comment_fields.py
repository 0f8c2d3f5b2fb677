"""The fields of one reader comment: its text, author, date and the comment it answers.

The units come from `sieb.comments`. A comment's text is the paragraphs of its content element
(``itemprop="text"``, else a ``comment-content``/``-text``/``-message``/``-body`` part, else the
unit), without nested replies, author and date lines, like counters or buttons; a content
element without paragraphs gives its text minus such parts. The author comes from
``itemprop="author"``, ``fn`` or an author/user/name class, else from an unmarked header line
("kvdb · 2025-09-19"); the date from ``<time datetime>``, schema.org dates or a date class.
Pingbacks and trackbacks are not comments.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import datetime

from selectolax.lexbor import LexborNode

from sieb.article import Comment
from sieb.blocks import Element
from sieb.comments import CommentUnits, class_tokens, class_words, comment_part, node_text
from sieb.meta.dates import normalise_date, relative_date

# Parts of a comment whose text is not the comment's: header lines, buttons, like counters.
CHROME_PARTS = frozenset(
    [
        "meta", "metadata", "footer", "header", "author", "avatar", "actions", "likes", "votes",
        "links", "button", "form", "date", "time", "info", "tools", "rating", "reply",
    ]
)
# Part words of the element holding a comment's text, best first.
TEXT_PARTS = ("content", "text", "message", "body")
AUTHOR_WORDS = frozenset(["fn", "author", "autor", "user", "username", "name", "nickname"])
DATE_WORDS = frozenset(["date", "time", "timestamp", "datum", "zeit", "published"])
# Class words of elements inside a comment's content that hold no comment text (unless they
# also say content, text, message or body: "user-content").
_CHROME_WORDS = (CHROME_PARTS | AUTHOR_WORDS | DATE_WORDS | {"permalink"}) - {"info", "header"}
# Text nested more than this many levels inside a comment is not read (hostile nesting would
# make every ancestor walk long; real comments are a few levels deep).
MAX_DEPTH = 64
# Author strings longer than this are not a name (a whole comment header was matched).
AUTHOR_MAX_CHARS = 60
# An unmarked header line ("Name · 12.03.2026, 14:05") is at most this long ...
HEADER_MAX_CHARS = 90
# ... and a first paragraph taken as a bare name line at most this long (and five words).
LABEL_MAX_CHARS = 40
_HEADER_SPLIT = re.compile(r"\s[·•|–—-]\s|[·•|]")
# Words between a commenter's name and the date after it ("on", "am", "September").
_BEFORE_DATE = frozenset(
    [
        "on", "at", "am", "um", "le", "el", "il", "vom", "|", "·", "-", "–", "//", "/",
        "jan", "january", "januar", "feb", "february", "februar", "mar", "march", "märz",
        "apr", "april", "may", "mai", "jun", "june", "juni", "jul", "july", "juli", "aug",
        "august", "sep", "sept", "september", "oct", "october", "okt", "oktober", "nov",
        "november", "dec", "december", "dez", "dezember",
    ]
)
_SAYS = re.compile(
    r"\s*(?:says|said|sagt|sagte|schreibt|wrote|schrieb|meint)\s*:?\s*$|\s*:\s*$", re.I
)
# Pingbacks and trackbacks are listed with comments but are links from other sites.
_PINGBACK = re.compile(r"\s*(?:pingback|trackback)\b", re.I)
_SPACE = re.compile(r"\s+")
_SKIP_IN_TEXT = frozenset(["script", "style", "noscript", "template", "button", "form", "svg"])


def build_comments(
    units: CommentUnits, elements: Sequence[Element], fetched: datetime | None = None
) -> tuple[tuple[Comment, ...], tuple[int, ...]]:
    """One `Comment` per unit with text, and the elements of those units.

    Replies point at the unit they are nested in. Dates written relative to now ("3 hours
    ago") are read against `fetched`, when the page was fetched, and left out without it.
    """
    unit_ids = {node.mem_id for node in units.nodes}
    out: list[Comment] = []
    index_of: dict[int, int] = {}
    for element, node in zip(units.elements, units.nodes, strict=True):
        text = _comment_text(node, unit_ids)
        if not text or _PINGBACK.match(text) or _PINGBACK.match(node_text(node)):
            continue
        parent = _enclosing_unit(element, elements, index_of)
        index_of[element] = len(out)
        author, date = _author(node, unit_ids), _date(node, unit_ids, fetched)
        if not author:
            text, author, header_date = _header_line(node, text, fetched)
            date = date or header_date
        out.append(Comment(text, author, date, parent))
    return tuple(out), tuple(index_of)


def _header_line(
    unit: LexborNode, text: str, fetched: datetime | None = None
) -> tuple[str, str, str | None]:
    """Author and date from a comment's unmarked first line ("kvdb · 2025-09-19").

    The line is the text before the unit's first paragraph, else a short first paragraph
    followed by more; the text is returned without it.
    """
    header = _text_before_paragraph(unit)
    first, _, rest = text.partition("\n\n")
    if not header and rest and _is_label(first):
        header, text = first, rest
    if not header or len(header) > HEADER_MAX_CHARS:
        return text, "", None
    author, date = "", None
    for part in _HEADER_SPLIT.split(header):
        part = part.strip()
        if not part:
            continue
        value = normalise_date(part) if any(c.isdigit() for c in part) else None
        value = value[:10] if value else _relative(part, fetched)
        if value and date is None:
            date = value
        elif not author and len(part) <= AUTHOR_MAX_CHARS:
            author = _clean_author(part)
    return text, author, date


def _clean_author(text: str) -> str:
    """The name alone: "Milan G. on September 12, 2018 at 4:47 pm said" -> "Milan G."."""
    words = _SAYS.sub("", text).split()
    cut = next((i for i, w in enumerate(words) if i and w[0].isdigit()), len(words))
    while cut > 1 and words[cut - 1].casefold().strip(",.") in _BEFORE_DATE:
        cut -= 1
    return " ".join(words[:cut]).rstrip(",;:·|-–—/ ")


def _is_label(line: str) -> bool:
    return len(line) <= LABEL_MAX_CHARS and len(line.split()) <= 5 and line[-1] not in "!?"


def _text_before_paragraph(unit: LexborNode) -> str:
    parts: list[str] = []
    for node in unit.traverse(include_text=True):
        if node.tag in ("p", "blockquote", "pre"):
            break
        if node.tag == "-text" and not _in_chrome(node, unit) and not _is_date(node.parent):
            parts.append(node.text_content or "")
    return _SPACE.sub(" ", " ".join(parts)).strip()


def _enclosing_unit(
    element: int, elements: Sequence[Element], index_of: dict[int, int]
) -> int | None:
    e = elements[element].parent
    while e > 0:
        if e in index_of:
            return index_of[e]
        e = elements[e].parent
    return None


def _own(node: LexborNode, selector: str, unit_ids: set[int]) -> Iterable[LexborNode]:
    """Nodes matching `selector` inside `node` but not inside a nested comment unit."""
    for found in node.css(selector):
        if not _in_nested_unit(found, node, unit_ids):
            yield found


def _between(node: LexborNode | None, stop: LexborNode) -> list[LexborNode] | None:
    """`node` and its ancestors below `stop`; None when they are more than MAX_DEPTH levels."""
    out: list[LexborNode] = []
    while node is not None and node.mem_id != stop.mem_id:
        if len(out) >= MAX_DEPTH:
            return None
        out.append(node)
        node = node.parent
    return out


def _in_nested_unit(found: LexborNode, unit: LexborNode, unit_ids: set[int]) -> bool:
    path = _between(found, unit)
    return path is None or any(n.mem_id in unit_ids for n in path)


def _content_node(unit: LexborNode, unit_ids: set[int]) -> LexborNode:
    """The element holding the comment's text: itemprop text, else a comment-content part."""
    for found in _own(unit, '[itemprop="text"], [itemprop="commentText"]', unit_ids):
        return found
    parts: dict[str, LexborNode] = {}
    for found in _own(unit, "[class]", unit_ids):
        part = comment_part(found)
        if part in TEXT_PARTS and part not in parts:
            parts[part] = found
    for part in TEXT_PARTS:
        if part in parts:
            return parts[part]
    return unit


def _comment_text(unit: LexborNode, unit_ids: set[int]) -> str:
    content = _content_node(unit, unit_ids)
    paragraphs = [
        node_text(p)
        for p in _own(content, "p, blockquote, pre", unit_ids)
        if not _in_chrome(p, unit) and not _in_paragraph(p, content)
    ]
    paragraphs = [p for p in paragraphs if p]
    if paragraphs:
        return "\n\n".join(paragraphs)
    if content is unit:
        return ""
    return _text_without_chrome(content)


def _text_without_chrome(content: LexborNode) -> str:
    """The text of a content element without its name, date, rating or button parts."""
    parts: list[str] = []
    for node in content.traverse(include_text=True):
        if node.tag == "-text" and not _under_chrome(node, content):
            parts.append(node.text_content or "")
    return _SPACE.sub(" ", " ".join(parts)).strip()


def _under_chrome(node: LexborNode, content: LexborNode) -> bool:
    path = _between(node.parent, content)
    if path is None:
        return True
    for current in path:
        if current.tag in _SKIP_IN_TEXT or current.tag == "time":
            return True
        words = {w for t in class_tokens(current) for w in class_words(t)}
        if words & _CHROME_WORDS and not words.intersection(TEXT_PARTS):
            return True
    return False


def _in_paragraph(node: LexborNode, content: LexborNode) -> bool:
    """True for a paragraph inside another one (a <p> of a quoted comment)."""
    path = _between(node.parent, content)
    return path is None or any(n.tag in ("p", "blockquote", "pre") for n in path)


def _in_chrome(node: LexborNode, unit: LexborNode) -> bool:
    """True for text in the unit's header, footer, meta or author part, or in a form."""
    path = _between(node.parent, unit)
    return path is None or any(
        n.tag in _SKIP_IN_TEXT or comment_part(n) in CHROME_PARTS for n in path
    )


def _author(unit: LexborNode, unit_ids: set[int]) -> str:
    for selector in (
        '[itemprop="author"] [itemprop="name"]',
        '[itemprop="author"]',
        ".fn",
        "[class]",
    ):
        for found in _own(unit, selector, unit_ids):
            if selector == "[class]" and not _names_author(found):
                continue
            name = _clean_author(node_text(found))
            if name and len(name) <= AUTHOR_MAX_CHARS:
                return name
    return ""


def _names_author(node: LexborNode) -> bool:
    words = {w for t in class_tokens(node) for w in class_words(t)}
    return node.tag != "img" and not words.isdisjoint(AUTHOR_WORDS)


def _relative(text: str | None, fetched: datetime | None) -> str | None:
    return relative_date(text, fetched) if fetched is not None else None


def _date(unit: LexborNode, unit_ids: set[int], fetched: datetime | None = None) -> str | None:
    for found in _own(unit, _DATE_SELECTOR, unit_ids):
        if not _is_date(found):
            continue
        attrs = found.attributes
        value = normalise_date(attrs.get("datetime") or attrs.get("content"))
        if value:
            return value
        # Dates written for people ("Tuesday, November 24, 2026 1:05 PM", "vor 2 Stunden")
        # give the day only: their time has no zone and 12-hour clocks are misread.
        value = normalise_date(attrs.get("title")) or normalise_date(node_text(found))
        if value:
            return value[:10]
        value = _relative(attrs.get("title"), fetched) or _relative(node_text(found), fetched)
        if value:
            return value
    return None


_DATE_SELECTOR = 'time, [itemprop="dateCreated"], [itemprop="datePublished"], [class]'


def _is_date(node: LexborNode | None) -> bool:
    """A <time>, a schema.org date, or an element with a date/time class word."""
    if node is None:
        return False
    if node.tag == "time" or node.attributes.get("itemprop") in ("dateCreated", "datePublished"):
        return True
    return any(w in DATE_WORDS for t in class_tokens(node) for w in class_words(t))
