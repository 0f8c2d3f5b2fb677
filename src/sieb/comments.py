"""Reader comments as a field of their own (`extract(..., comments=True)` -> `Article.comments`).

Comments are found by their markup, never by the model:
1. units that say they are a comment: schema.org ``Comment`` / ``UserComments`` (itemtype or
   ``itemprop="comment"``), or a class/id token naming one comment (``comment``,
   ``comment-12``, ``c-comment__item``, ``kommentar``; WordPress, Disqus- and Discourse-style
   markup), not a part of one (``comment-body``, ``comment-meta``) nor a list of them
   (``comments``, ``comment-list``);
2. when no element says so, a comment section (class/id with ``comment``, ``kommentar``,
   ``discussion``, ``replies``..., or the elements after a heading like "Kommentare (3)" or
   "5 thoughts on ...") is searched for its units: its list items, else its ``<article>``
   elements, else the first run of two or more sibling elements with the same tag and class.
A unit inside another is a reply to it. Each comment gets its text (paragraphs of its content
element, without nested replies, author line, date or buttons), its author and date where the
markup gives them (itemprop, ``fn``/``author``/``user`` classes, ``<time datetime>``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from selectolax.lexbor import LexborHTMLParser, LexborNode

from sieb.article import Comment
from sieb.blocks import Element
from sieb.meta.dates import normalise_date
from sieb.nodes import NodeMap
from sieb.postprocess import COMMENT_HEADING, COMMENT_HEADING_MAX_CHARS
from sieb.signals import ASIDE, COMMENT, CONSENT, FORM, HIDDEN, NAV, class_signals

# Words that name one comment when they make up a class/id token with UNIT_EXTRA words only.
UNIT_WORDS = frozenset(["comment", "kommentar", "reply", "usercomment", "antwort"])
# Other words a unit token may have: "comment-item", "c-comment", "li-comment-12".
UNIT_EXTRA = frozenset(
    [
        "item", "entry", "single", "card", "box", "unit", "node", "c", "js", "li", "is", "root",
        "user", "reader", "leser", "thread", "top", "level"
    ]
)
# Words that make a comment token a part of one comment: "comment-body", "comment__meta".
PART_WORDS = frozenset(
    [
        "body", "content", "text", "message", "meta", "metadata", "author", "header", "footer",
        "date", "time", "avatar", "actions", "link", "links", "button", "form", "info", "vcard",
        "inner", "wrapper", "wrap", "container", "count", "title", "respond", "reply", "likes",
        "votes", "tools", "rating",
    ]
)
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
_WORD_SPLIT = re.compile(r"[^a-z0-9]+")
_DIGITS = re.compile(r"\d+")
_SPACE = re.compile(r"\s+")

_SCHEMA_UNITS = (
    '[itemtype*="schema.org/Comment"], [itemtype*="schema.org/UserComments"], '
    '[itemprop="comment"]'
)
_TOKEN_CANDIDATES = (
    '[class*="omment"], [id*="omment"], [class*="reply"], [id*="reply"], '
    '[class*="ntwort"], [class*="OMMENT"]'
)
_SECTION_CANDIDATES = (
    '[class*="omment"], [id*="omment"], [class*="iscussion"], [id*="iscussion"], '
    '[class*="iskussion"], [id*="iskussion"], [id*="disqus"], [class*="replies"], '
    '[class*="kommentar"], [id*="kommentar"], [class*="Kommentar"], [id*="Kommentar"]'
)
# Units found by structure alone hold a paragraph or at least this much text.
UNIT_MIN_CHARS = 40
# ... of which links are at most this share.
UNIT_MAX_LINK_SHARE = 0.5
_UNIT_TAGS = frozenset(["li", "article", "div", "section"])
_SKIP_IN_TEXT = frozenset(["script", "style", "noscript", "template", "button", "form", "svg"])


@dataclass(frozen=True, slots=True)
class CommentUnits:
    """The comment elements of a page (element indices) in document order, with their nodes."""

    elements: tuple[int, ...]
    nodes: tuple[LexborNode, ...]


def _words(token: str) -> list[str]:
    return [w for w in _WORD_SPLIT.split(token.lower()) if w]


def _token_kind(token: str) -> str:
    """'unit', 'part:<word>' or '' for one class/id token."""
    words = _words(token)
    at = next((i for i, w in enumerate(words) if w in UNIT_WORDS), -1)
    if at < 0:
        return ""
    rest = words[:at] + words[at + 1 :]
    if all(w in UNIT_EXTRA or _DIGITS.fullmatch(w) for w in rest):
        return "unit"
    after = words[at + 1 :]
    if len(after) == 1 and after[0] in PART_WORDS and all(w in UNIT_EXTRA for w in words[:at]):
        return f"part:{after[0]}"
    return ""


def _tokens(node: LexborNode) -> list[str]:
    attrs = node.attributes
    return f"{attrs.get('class') or ''} {attrs.get('id') or ''}".split()


def _is_unit(node: LexborNode) -> bool:
    if node.tag not in _UNIT_TAGS:
        return False
    kinds = [_token_kind(t) for t in _tokens(node)]
    return "unit" in kinds and not any(k.startswith("part:") for k in kinds)


def _is_section(node: LexborNode) -> bool:
    """A comment section by its class/id; comment forms and menus are not."""
    flags = class_signals(node.tag or "", node.attributes).flags
    if not flags & COMMENT or flags & (NAV | FORM) or node.tag == "form":
        return False
    return not any("form" in _words(t) for t in _tokens(node))


def find_units(
    tree: LexborHTMLParser, nodes: NodeMap, elements: Sequence[Element]
) -> CommentUnits:
    """The comment elements of a page, found by markup (see the module docstring)."""
    root = tree.body
    if root is None:
        return CommentUnits((), ())
    found: dict[int, LexborNode] = {}

    def add(candidates: Iterable[LexborNode]) -> None:
        for node in candidates:
            element = nodes.element_exactly(node)
            if element > 0 and _is_comment(node, element, elements):
                found[element] = node

    add(root.css(_SCHEMA_UNITS))
    add(node for node in root.css(_TOKEN_CANDIDATES) if _is_unit(node))
    if not found:
        for section in root.css(_SECTION_CANDIDATES):
            if _is_section(section):
                add(_section_units([section]))
    if not found:
        for heading in root.css("h2, h3, h4"):
            text = _text(heading)
            if len(text) <= COMMENT_HEADING_MAX_CHARS and COMMENT_HEADING.match(text):
                add(_section_units(_following(heading)))
    order = sorted(found)
    return CommentUnits(tuple(order), tuple(found[e] for e in order))


def _is_comment(node: LexborNode, element: int, elements: Sequence[Element]) -> bool:
    """A unit with text that is not hidden (a template), a form, a menu or a pingback."""
    e = element
    while e > 0:
        if elements[e].signal & _NOT_IN_COMMENTS or elements[e].tag == "form":
            return False
        e = elements[e].parent
    if node.css_first(_FORM_CONTROLS) is not None:
        return False
    if any(w in _NOT_COMMENTS for t in _tokens(node) for w in _words(t)):
        return False
    return bool(_text(node))


# Units in hidden elements (templates), menus, sidebars (recent-comments widgets) and dialogs
# are not the page's comments.
_NOT_IN_COMMENTS = HIDDEN | NAV | ASIDE | CONSENT
# A unit holding a form control is a comment form (or a reply box), not a comment.
_FORM_CONTROLS = "form, textarea, input[type=text], input[type=email]"
# Class words of units that are not reader comments.
_NOT_COMMENTS = frozenset(["pingback", "trackback", "form"])


def _following(node: LexborNode) -> list[LexborNode]:
    """The element siblings after `node`."""
    out = []
    current = node.next
    while current is not None:
        if current.is_element_node:
            out.append(current)
        current = current.next
    return out


def _section_units(roots: list[LexborNode]) -> list[LexborNode]:
    """Units of a comment section without unit markup (`roots`: its elements)."""
    items = [li for root in roots for li in root.css("li") if _has_prose(li)]
    if items:
        return items
    articles = [a for root in roots for a in root.css("article") if _has_prose(a)]
    if articles:
        return articles
    runs = _repeated(roots)
    if runs:
        return runs
    for root in roots:
        for node in root.css("div, section, ol, ul"):
            runs = _repeated(_children(node))
            if runs:
                return runs
    return []


def _has_prose(node: LexborNode) -> bool:
    """A paragraph or enough text, not mostly link text (a menu item, a teaser)."""
    text = _text(node)
    links = sum(len(_text(a)) for a in node.css("a"))
    if links > UNIT_MAX_LINK_SHARE * len(text):
        return False
    return node.css_first("p") is not None or len(text) > UNIT_MIN_CHARS


def _children(node: LexborNode) -> list[LexborNode]:
    return [c for c in node.iter() if c.is_element_node]


def _repeated(siblings: list[LexborNode]) -> list[LexborNode]:
    """The first run of two or more siblings with one tag and class that hold prose."""
    groups: dict[tuple[str, str], list[LexborNode]] = {}
    for node in siblings:
        if node.tag in _UNIT_TAGS and _has_prose(node):
            key = (node.tag or "", node.attributes.get("class") or "")
            groups.setdefault(key, []).append(node)
    return next((g for g in groups.values() if len(g) >= 2), [])


def _text(node: LexborNode) -> str:
    return _SPACE.sub(" ", node.text(deep=True, separator=" ")).strip()


def build_comments(
    units: CommentUnits, elements: Sequence[Element]
) -> tuple[tuple[Comment, ...], tuple[int, ...]]:
    """One `Comment` per unit with text, and the elements of those units.

    Replies point at the unit they are nested in.
    """
    unit_ids = {node.mem_id for node in units.nodes}
    out: list[Comment] = []
    index_of: dict[int, int] = {}
    for element, node in zip(units.elements, units.nodes, strict=True):
        text = _comment_text(node, unit_ids)
        if not text or _PINGBACK.match(text) or _PINGBACK.match(_text(node)):
            continue
        parent = _enclosing_unit(element, elements, index_of)
        index_of[element] = len(out)
        author, date = _author(node, unit_ids), _date(node, unit_ids)
        if not author:
            text, author, header_date = _header_line(node, text)
            date = date or header_date
        out.append(Comment(text, author, date, parent))
    return tuple(out), tuple(index_of)


def _header_line(unit: LexborNode, text: str) -> tuple[str, str, str | None]:
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
        value = value[:10] if value else None
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


def _in_nested_unit(found: LexborNode, unit: LexborNode, unit_ids: set[int]) -> bool:
    current = found
    while current is not None and current.mem_id != unit.mem_id:
        if current.mem_id in unit_ids:
            return True
        current = current.parent
    return False


def _part(node: LexborNode) -> str:
    for token in _tokens(node):
        kind = _token_kind(token)
        if kind.startswith("part:"):
            return kind[5:]
    return ""


def _content_node(unit: LexborNode, unit_ids: set[int]) -> LexborNode:
    """The element holding the comment's text: itemprop text, else a comment-content part."""
    for found in _own(unit, '[itemprop="text"], [itemprop="commentText"]', unit_ids):
        return found
    parts: dict[str, LexborNode] = {}
    for found in _own(unit, "[class]", unit_ids):
        part = _part(found)
        if part in TEXT_PARTS and part not in parts:
            parts[part] = found
    for part in TEXT_PARTS:
        if part in parts:
            return parts[part]
    return unit


def _comment_text(unit: LexborNode, unit_ids: set[int]) -> str:
    content = _content_node(unit, unit_ids)
    paragraphs = [
        _text(p)
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
    current = node.parent
    while current is not None and current.mem_id != content.mem_id:
        if current.tag in _SKIP_IN_TEXT or current.tag == "time":
            return True
        words = {w for t in _tokens(current) for w in _words(t)}
        if words & _CHROME_WORDS and not words.intersection(TEXT_PARTS):
            return True
        current = current.parent
    return False


def _in_paragraph(node: LexborNode, content: LexborNode) -> bool:
    """True for a paragraph inside another one (a <p> of a quoted comment)."""
    current = node.parent
    while current is not None and current.mem_id != content.mem_id:
        if current.tag in ("p", "blockquote", "pre"):
            return True
        current = current.parent
    return False


def _in_chrome(node: LexborNode, unit: LexborNode) -> bool:
    """True for text in the unit's header, footer, meta or author part, or in a form."""
    current = node.parent
    while current is not None and current.mem_id != unit.mem_id:
        if current.tag in _SKIP_IN_TEXT or _part(current) in CHROME_PARTS:
            return True
        current = current.parent
    return False


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
            name = _clean_author(_text(found))
            if name and len(name) <= AUTHOR_MAX_CHARS:
                return name
    return ""


def _names_author(node: LexborNode) -> bool:
    return node.tag != "img" and any(w in AUTHOR_WORDS for t in _tokens(node) for w in _words(t))


def _date(unit: LexborNode, unit_ids: set[int]) -> str | None:
    for found in _own(unit, _DATE_SELECTOR, unit_ids):
        if not _is_date(found):
            continue
        attrs = found.attributes
        value = normalise_date(attrs.get("datetime") or attrs.get("content"))
        if value:
            return value
        # Dates written for people ("Tuesday, November 24, 2026 1:05 PM", "vor 2 Stunden")
        # give the day only: their time has no zone and 12-hour clocks are misread.
        value = normalise_date(attrs.get("title")) or normalise_date(_text(found))
        if value:
            return value[:10]
    return None


_DATE_SELECTOR = 'time, [itemprop="dateCreated"], [itemprop="datePublished"], [class]'


def _is_date(node: LexborNode | None) -> bool:
    """A <time>, a schema.org date, or an element with a date/time class word."""
    if node is None:
        return False
    if node.tag == "time" or node.attributes.get("itemprop") in ("dateCreated", "datePublished"):
        return True
    return any(w in DATE_WORDS for t in _tokens(node) for w in _words(t))
