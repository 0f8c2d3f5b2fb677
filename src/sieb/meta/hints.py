"""Which parts of the metadata step's CSS queries can match a page, found by walking the tree.

Each Lexbor CSS query walks the whole document (about 0.1 ms on a news page, more with more
parts), and most of the metadata step's queries find little or nothing: no byline class, no
`<time>`, no JSON-LD in the body. `part_hints` walks the tree and says, per selector part,
whether some element *may* match it; `PageNodes` then queries only the parts that may, and skips
a query none of whose parts may. It walks twice: for EAGER_PARTS (queried on every page) at
once, for LAZY_PARTS only when a query of one of them is first made.

Why the results stay identical: Lexbor reports a node once per part of a selector list that it
matches, in document order (checked in tests/test_part_hints.py), so a part that matches nothing
adds nothing, and dropping it changes no result. A hint is a superset of Lexbor's match: the tag
must be the part's tag (Lexbor compares tag ids); each attribute condition (`=`, `~=`, `*=`, with
or without `i`) only needs an attribute of that name whose value holds the needle ignoring ASCII
case (Lexbor's `i` folds ASCII only; an equal or a whitespace-separated word holds it too); a
presence condition needs the attribute. Lexbor finds attributes by local name, so a name with an
"xlink:", "xml:" or "xmlns:" prefix also counts as the bare name. Body parts count only elements
in the body element.

`python_part_hints` is the definition; the compiled walk (`sieb._parthints`) is used when it is
built, allowed, and agrees with it on PROBE_PAGES. Without it every part may match: the Python
walk costs more than the queries it would save.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import selectolax
from selectolax.lexbor import LexborHTMLParser, LexborNode

from sieb.compiled import pure_python_forced

_log = logging.getLogger(__name__)
# selectolax releases whose bundled Lexbor has the struct layout sieb._lexbor mirrors.
VERIFIED_SELECTOLAX = frozenset(["1.0.2"])


@dataclass(frozen=True, slots=True)
class Part:
    """One selector of a selector list, as conditions: a tag, attributes holding needles."""

    selector: str
    tag: str | None = None
    needles: tuple[tuple[str, str], ...] = ()  # (attribute, lower-case ASCII needle)
    present: tuple[str, ...] = ()  # attributes that must exist
    in_body: bool = False  # counted only inside the body element (for `tree.body.css`)


BODY_PARTS = (
    Part('script[type="application/ld+json"]', "script", (("type", "application/ld+json"),),
         in_body=True),
    Part("meta[content]", "meta", present=("content",), in_body=True),
    Part("link[rel~=canonical i][href]", "link", (("rel", "canonical"),), ("href",), True),
    Part("title", "title", in_body=True),
)
BYLINE_PARTS = (
    Part("[itemprop=author]", needles=(("itemprop", "author"),)),
    Part("[rel~=author]", needles=(("rel", "author"),)),
    Part("[class*=byline i]", needles=(("class", "byline"),)),
    Part("[id*=byline i]", needles=(("id", "byline"),)),
    Part("[class*=author i]", needles=(("class", "author"),)),
    Part("[class*=autor i]", needles=(("class", "autor"),)),
    Part("[class*=verfasser i]", needles=(("class", "verfasser"),)),
)
TIME_PARTS = (
    Part("time", "time"),
    Part("[itemprop=datePublished]", needles=(("itemprop", "datepublished"),)),
    Part("[itemprop=dateModified]", needles=(("itemprop", "datemodified"),)),
)
DATE_CLASS_PARTS = (
    Part("[class*=date i]", needles=(("class", "date"),)),
    Part("[class*=datum i]", needles=(("class", "datum"),)),
    Part("[class*=publish i]", needles=(("class", "publish"),)),
)
ARTICLE, H1 = Part("article", "article"), Part("h1", "h1")
PARTS = (*BODY_PARTS, *BYLINE_PARTS, *TIME_PARTS, *DATE_CLASS_PARTS, ARTICLE, H1)
_BIT = {part.selector: 1 << index for index, part in enumerate(PARTS)}  # by selector: quick
ALL_PARTS = (1 << len(PARTS)) - 1
# Parts the metadata step queries for every page (the body; the h1) and those it queries only
# for some (times, bylines, date classes): each set is found in a walk of its own.
EAGER_PARTS = sum(_BIT[part.selector] for part in (*BODY_PARTS, ARTICLE, H1))
LAZY_PARTS = ALL_PARTS & ~EAGER_PARTS
_BODY_BITS = sum(_BIT[part.selector] for part in BODY_PARTS)


def selector(parts: tuple[Part, ...], hints: int) -> str:
    """The selector list of the parts that may match ("" when none may)."""
    return ", ".join([part.selector for part in parts if hints & _BIT[part.selector]])


def may_match(part: Part, hints: int) -> bool:
    return bool(hints & _BIT[part.selector])


def _ascii_lower(value: str | None) -> bytes:
    return (value or "").encode("utf-8", "surrogatepass").lower()


# Lexbor keeps these prefixes of foreign (SVG, MathML) attributes apart from the local name.
_FOREIGN_PREFIXES = ("xlink:", "xml:", "xmlns:")


def _local_names(name: str) -> tuple[str, ...]:
    """The names an attribute may go by: as written, and without a foreign prefix."""
    name = _ascii_lower(name).decode("utf-8", "surrogatepass")
    for prefix in _FOREIGN_PREFIXES:
        if name.startswith(prefix):
            return name, name[len(prefix):]
    return (name,)


def _part_may_match(part: Part, tag: str, attributes: dict[str, str | None]) -> bool:
    if part.tag is not None and tag != part.tag:
        return False
    values: dict[str, list[bytes]] = {}
    for name, value in attributes.items():
        for local in _local_names(name):
            values.setdefault(local, []).append(_ascii_lower(value))
    if any(name not in values for name in part.present):
        return False
    return all(any(needle.encode() in value for value in values.get(name, ()))
               for name, needle in part.needles)


def _hints_of(nodes: Iterable[LexborNode], parts: tuple[Part, ...]) -> int:
    hints = 0
    for node in nodes:
        tag, attributes = node.tag, node.attributes
        for part in parts:
            if _part_may_match(part, tag, attributes):
                hints |= _BIT[part.selector]
    return hints


def python_part_hints(tree: LexborHTMLParser, wanted: int = ALL_PARTS) -> int:
    """The definition: body parts over the body element and its descendants, the others over
    the root element and its descendants (the scopes of `tree.body.css` and `tree.css`).
    Without a body every body part may match (a page without a body is not queried there).
    Only the parts in `wanted` are reported."""
    root, body = tree.root, tree.body
    if root is None:
        return 0
    hints = _hints_of(root.traverse(), tuple(p for p in PARTS if not p.in_body))
    if body is None:
        return (hints | _BODY_BITS) & wanted
    return (hints | _hints_of(body.traverse(), BODY_PARTS)) & wanted


def _all_parts(tree: LexborHTMLParser, wanted: int = ALL_PARTS) -> int:
    return wanted


# Pages on which the compiled walk must agree with python_part_hints before it is used.
PROBE_PAGES = (
    "",
    "<p>x</p>",
    "<html><head><title>t</title><meta name=a content=b></head><body></body></html>",
    "<title>t</title><p>body <title>svg title</title>",
    ('<html><body><script type="Application/LD+JSON">{}</script><meta content>'
     '<link rel="Alternate CANONICAL" href=x><link rel=canonical></body></html>'),
    ('<div itemprop=Author class="x ByLine"><span id=my-byline rel="me author">a</span></div>'
     '<p class="AUTORIN"><b class="Verfasserin">v</b></p>'),
    ('<time datetime=2020-01-01></time><span itemprop=datepublished></span>'
     '<i itemprop="x dateModified"></i><p class="pubDate">x</p><p class=datum>x</p>'
     '<p class="PUBLISHED">x</p><article><h1>h</h1></article>'),
    "<svg><title>s</title><time></time></svg><math><h1>x</h1></math>",
    ('<div CLASS="byline" ID="byline" ITEMPROP="author">x</div><div class></div>'
     '<div class="b\u00fdline auth\u00f6r \u212author">x</div>'),
    "<html><head><meta content=x itemprop=author></head></html><p>after</p>",
    '<frameset><frame class="byline"></frameset>',
    '<template><div class="byline">t</div><time></time></template><h1>x</h1>',
    ('<table><tr><td class="date">1</td></tr></table><script type=application/ld+json>'
     "</script>"),
    ('<svg><script xlink:type="application/ld+json"></script><a xlink:href=x xml:lang=de>'
     '</a></svg><div xlink:class="byline" xmlns:id=byline XML:CLASS=author>x</div>'),
)


def _compiled() -> Callable[[LexborHTMLParser, int], int] | None:
    """The compiled walk, when it is built, allowed, for a verified selectolax, and agrees with
    python_part_hints on PROBE_PAGES."""
    if pure_python_forced() or selectolax.__version__ not in VERIFIED_SELECTOLAX:
        return None
    try:
        from sieb import _parthints

        _setup(_parthints)

        def hints(tree: LexborHTMLParser, wanted: int = ALL_PARTS) -> int:
            root, body = tree.root, tree.body
            if root is None:
                return 0
            body_address = body.mem_id if body is not None else 0
            return _parthints.part_hints(root.mem_id, body_address, wanted)

        differs = []
        for page in PROBE_PAGES:
            tree = LexborHTMLParser(page)
            expected = python_part_hints(tree)
            if any(hints(tree, wanted) != expected & wanted
                   for wanted in (ALL_PARTS, EAGER_PARTS, LAZY_PARTS)):
                differs.append(page)
    except Exception:  # a missing or stale build: never let it break the import
        _log.debug("compiled part hints disabled", exc_info=True)
        return None
    if differs:
        _log.debug("compiled part hints disabled: they differ on %s", differs)
        return None
    return hints


def _setup(module: object) -> None:
    """Read tag and attribute ids from probe documents and hand the rule tables to the module."""
    names = sorted({name for part in PARTS for name, _ in part.needles}
                   | {name for part in PARTS for name in part.present})
    probe = "<div " + " ".join(f"{name}=v" for name in names) + "></div><p></p>"
    first, second = LexborHTMLParser(probe), LexborHTMLParser(probe)
    ids = [module.attribute_ids(tree.css_first("div").mem_id) for tree in (first, second)]
    in_order = list(first.css_first("div").attributes) == names
    if not in_order or [len(one) for one in ids] != [len(names)] * 2:
        raise ValueError("attribute structs do not match the probe")
    slots = []
    for name, one, two in zip(names, *ids, strict=True):
        static = one == two and one < 4096
        slots.append((one if static else 0, name.encode()))
    element_type, _ = module.node_ids(first.css_first("p").mem_id)
    tags = {}
    for part in PARTS:
        if part.tag is not None:
            tag_id = first.create_node(part.tag).tag_id
            if not tag_id or tag_id != second.create_node(part.tag).tag_id:
                raise ValueError(f"tag {part.tag!r} has no static id")
            tags[part.tag] = tag_id
    needles = sorted({(names.index(name), needle.encode())
                      for part in PARTS for name, needle in part.needles})
    rules = []
    for part in PARTS:
        slot_mask = sum(1 << names.index(name) for name in part.present)
        needle_mask = sum(1 << needles.index((names.index(name), needle.encode()))
                          for name, needle in part.needles)
        rules.append((tags.get(part.tag, 0), slot_mask, needle_mask))
    module.setup(element_type, slots, needles, rules, _BODY_BITS)


_COMPILED = _compiled()
part_hints: Callable[[LexborHTMLParser, int], int] = _COMPILED or _all_parts
PART_HINTS_COMPILED = _COMPILED is not None
