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
A unit inside another is a reply to it. `sieb.comment_fields` reads each unit's text, author
and date.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from selectolax.lexbor import LexborHTMLParser, LexborNode

from sieb.blocks import Element
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
_WORD_SPLIT = re.compile(r"[^a-z0-9]+")
_DIGITS = re.compile(r"\d+")
_SPACE = re.compile(r"\s+")

_SCHEMA_UNITS = (
    '[itemtype*="schema.org/Comment"], [itemtype*="schema.org/UserComments"], '
    '[itemprop="comment"]'
)
_TOKEN_CANDIDATES = (
    '[class*="omment"], [id*="omment"], [class*="reply"], [id*="reply"], '
    '[class*="ntwort"], [class*="OMMENT"]'  # attribute values match case-sensitively
)
_SECTION_CANDIDATES = (
    '[class*="omment"], [id*="omment"], [class*="iscussion"], [id*="iscussion"], '
    '[class*="iskussion"], [id*="iskussion"], [id*="disqus"], [class*="replies"], '
    '[class*="kommentar"], [id*="kommentar"], [class*="Kommentar"], [id*="Kommentar"]'
)
# A page's comments beyond this many are not read (bounds time on hostile pages).
MAX_COMMENTS = 1000
# An element of more blocks is a container (or a deep thread's top, whose replies are read
# on their own), not one comment.
MAX_UNIT_BLOCKS = 300
# Units found by structure alone hold a paragraph or at least this much text.
UNIT_MIN_CHARS = 40
# ... of which links are at most this share.
UNIT_MAX_LINK_SHARE = 0.5
_UNIT_TAGS = frozenset(["li", "article", "div", "section"])


@dataclass(frozen=True, slots=True)
class CommentUnits:
    """The comment elements of a page (element indices) in document order, with their nodes."""

    elements: tuple[int, ...]
    nodes: tuple[LexborNode, ...]


def class_words(token: str) -> list[str]:
    """The lower-case words of a class/id token ("c-comment__item" -> c, comment, item)."""
    return [w for w in _WORD_SPLIT.split(token.lower()) if w]


def _token_kind(token: str) -> str:
    """'unit', 'part:<word>' or '' for one class/id token."""
    words = class_words(token)
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


def class_tokens(node: LexborNode) -> list[str]:
    """The class and id tokens of a node."""
    attrs = node.attributes
    return f"{attrs.get('class') or ''} {attrs.get('id') or ''}".split()


def _is_unit(node: LexborNode) -> bool:
    if node.tag not in _UNIT_TAGS:
        return False
    kinds = [_token_kind(t) for t in class_tokens(node)]
    return "unit" in kinds and not any(k.startswith("part:") for k in kinds)


def _is_section(node: LexborNode) -> bool:
    """A comment section by its class/id; comment forms and menus are not."""
    flags = class_signals(node.tag or "", node.attributes).flags
    if not flags & COMMENT or flags & (NAV | FORM) or node.tag == "form":
        return False
    return not any("form" in class_words(t) for t in class_tokens(node))


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
            if len(found) >= MAX_COMMENTS:
                return
            element = nodes.element_exactly(node)
            if (
                element > 0
                and elements[element].blocks <= MAX_UNIT_BLOCKS
                and _is_comment(node, element, elements)
            ):
                found[element] = node

    add(root.css(_SCHEMA_UNITS))
    add(node for node in root.css(_TOKEN_CANDIDATES) if _is_unit(node))
    if not found:
        for section in root.css(_SECTION_CANDIDATES):
            if _is_section(section):
                add(_section_units([section]))
    if not found:
        for heading in root.css("h2, h3, h4"):
            text = node_text(heading)
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
    if any(w in _NOT_COMMENTS for t in class_tokens(node) for w in class_words(t)):
        return False
    return bool(node_text(node))


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
    text = node_text(node)
    links = sum(len(node_text(a)) for a in node.css("a"))
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


def node_text(node: LexborNode) -> str:
    """The node's text with white space folded."""
    return _SPACE.sub(" ", node.text(deep=True, separator=" ")).strip()


def comment_part(node: LexborNode) -> str:
    """The part word of a comment-part class token ("comment-meta" -> "meta"), else ""."""
    for token in class_tokens(node):
        kind = _token_kind(token)
        if kind.startswith("part:"):
            return kind[5:]
    return ""

