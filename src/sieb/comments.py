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
from sieb.signals import COMMENT, class_signals

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
        "inner", "wrapper", "wrap", "container", "count", "title", "respond", "reply"
    ]
)
# Part words of the element holding a comment's text, best first.
TEXT_PARTS = ("content", "text", "message", "body")
AUTHOR_WORDS = frozenset(["fn", "author", "autor", "user", "username", "name", "nickname"])
DATE_WORDS = frozenset(["date", "time", "timestamp", "datum", "zeit", "published"])
# Author strings longer than this are not a name (a whole comment header was matched).
AUTHOR_MAX_CHARS = 60
# An unmarked header line ("Name · 12.03.2026, 14:05") is at most this long ...
HEADER_MAX_CHARS = 90
# ... and a first paragraph taken as a bare name line at most this long (and five words).
LABEL_MAX_CHARS = 40
_HEADER_SPLIT = re.compile(r"\s[·•|–—-]\s|[·•|]")
_SAYS = re.compile(r"\s*(?:says|sagt|schreibt|wrote|schrieb)\s*:?\s*$|\s*:\s*$", re.I)
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
    return bool(class_signals(node.tag or "", node.attributes).flags & COMMENT)


def find_units(tree: LexborHTMLParser, nodes: NodeMap) -> CommentUnits:
    """The comment elements of a page, found by markup (see the module docstring)."""
    root = tree.body
    if root is None:
        return CommentUnits((), ())
    found: dict[int, LexborNode] = {}
    for node in root.css(_SCHEMA_UNITS):
        _add(found, nodes, node)
    for node in root.css(_TOKEN_CANDIDATES):
        if _is_unit(node):
            _add(found, nodes, node)
    if not found:
        for section in root.css(_SECTION_CANDIDATES):
            if _is_section(section):
                for node in _section_units([section]):
                    _add(found, nodes, node)
    if not found:
        for heading in root.css("h2, h3, h4"):
            text = _text(heading)
            if len(text) <= COMMENT_HEADING_MAX_CHARS and COMMENT_HEADING.match(text):
                for node in _section_units(_following(heading)):
                    _add(found, nodes, node)
    order = sorted(found)
    return CommentUnits(tuple(order), tuple(found[e] for e in order))


def _add(found: dict[int, LexborNode], nodes: NodeMap, node: LexborNode) -> None:
    element = nodes.element_exactly(node)
    if element > 0 and _text(node):
        found[element] = node


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
    return node.css_first("p") is not None or len(_text(node)) > UNIT_MIN_CHARS


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


def build_comments(units: CommentUnits, elements: Sequence[Element]) -> tuple[Comment, ...]:
    """One `Comment` per unit with text; replies point at the unit they are nested in."""
    unit_ids = {node.mem_id for node in units.nodes}
    out: list[Comment] = []
    index_of: dict[int, int] = {}
    for element, node in zip(units.elements, units.nodes, strict=True):
        text = _comment_text(node, unit_ids)
        if not text:
            continue
        parent = _enclosing_unit(element, elements, index_of)
        index_of[element] = len(out)
        author, date = _author(node, unit_ids), _date(node, unit_ids)
        if not author:
            text, author, header_date = _header_line(node, text)
            date = date or header_date
        out.append(Comment(text, author, date, parent))
    return tuple(out)


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
        if value and date is None:
            date = value
        elif not author and len(part) <= AUTHOR_MAX_CHARS:
            author = _SAYS.sub("", part)
    return text, author, date


def _is_label(line: str) -> bool:
    return len(line) <= LABEL_MAX_CHARS and len(line.split()) <= 5 and line[-1] not in "!?"


def _text_before_paragraph(unit: LexborNode) -> str:
    parts: list[str] = []
    for node in unit.traverse(include_text=True):
        if node.tag in ("p", "blockquote", "pre"):
            break
        if node.tag == "-text" and not _in_chrome(node, unit):
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
        if not _in_chrome(p, unit)
    ]
    paragraphs = [p for p in paragraphs if p]
    if paragraphs:
        return "\n\n".join(paragraphs)
    if content is unit:
        return ""
    return _text(content)


def _in_chrome(node: LexborNode, unit: LexborNode) -> bool:
    """True for text in the unit's header, footer, meta or author part, or in a form."""
    current = node.parent
    while current is not None and current.mem_id != unit.mem_id:
        if current.tag in _SKIP_IN_TEXT or _part(current) in ("meta", "footer", "author"):
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
            name = _SAYS.sub("", _text(found))
            if name and len(name) <= AUTHOR_MAX_CHARS:
                return name
    return ""


def _names_author(node: LexborNode) -> bool:
    return node.tag != "img" and any(w in AUTHOR_WORDS for t in _tokens(node) for w in _words(t))


def _date(unit: LexborNode, unit_ids: set[int]) -> str | None:
    for found in _own(
        unit,
        'time, [itemprop="dateCreated"], [itemprop="datePublished"], [class]',
        unit_ids,
    ):
        if found.tag != "time" and not found.attributes.get("itemprop") and not any(
            w in DATE_WORDS for t in _tokens(found) for w in _words(t)
        ):
            continue
        attrs = found.attributes
        value = normalise_date(attrs.get("datetime") or attrs.get("content") or _text(found))
        if value:
            return value
    return None
