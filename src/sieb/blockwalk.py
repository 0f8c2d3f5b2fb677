"""Load the compiled DOM walk (`sieb._blockwalk`) only where it is known to be safe and exact.

The compiled walk reads Lexbor's structs directly, so a selectolax whose bundled Lexbor lays them
out differently would crash it. It is therefore used only when

1. SIEB_PURE_PYTHON is unset (or "0"),
2. the extension module was built (a failed compile at install time leaves it out),
3. selectolax is a version whose Lexbor structs the module mirrors (`VERIFIED_SELECTOLAX`),
4. the ids it needs (tags, attributes, text/comment/doctype/document nodes) read from probe
   documents parsed with selectolax are consistent, and
5. on the probe pages below it gives exactly the blocks of the Python walk.

Otherwise `load` returns None and `sieb.blocks.segment` runs the Python walk.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable, Iterable
from types import ModuleType
from typing import Any

import selectolax
from selectolax.lexbor import LexborHTMLParser

from sieb.compiled import compiled_module
from sieb.signals import (
    EMPTY_SIGNAL,
    SIGNAL_ATTRIBUTES,
    SIGNAL_READER,
    SIGNAL_TAGS,
    class_signals,
)

# selectolax releases whose bundled Lexbor has the struct layout sieb._blockwalk mirrors.
VERIFIED_SELECTOLAX = frozenset(["1.0.2"])
IMAGE_ATTRIBUTES = ("src", "data-src", "alt")

Walk = Callable[[LexborHTMLParser], tuple[list, list]]
_log = logging.getLogger(__name__)


@dataclasses.dataclass(frozen=True, slots=True)
class WalkSpec:
    """What the compiled walk mirrors from sieb.blocks: its tag sets, classes and helpers."""

    skip_tags: frozenset[str]
    block_tags: frozenset[str]
    plain_inline_tags: frozenset[str]
    context_tags: frozenset[str]
    element_cls: type
    block_cls: type
    context_cls: type
    max_block_chars: int
    reference: Callable[[LexborHTMLParser], Any]  # segment_python


def load(spec: WalkSpec) -> Walk | None:
    """The compiled walk, or None when any of the conditions in the module docstring fails."""
    if selectolax.__version__ not in VERIFIED_SELECTOLAX:
        return None
    _blockwalk = compiled_module("sieb._blockwalk")
    if _blockwalk is None:
        return None
    try:
        _setup(_blockwalk, spec)
        walk: Walk = _blockwalk.walk
        differs = [i for i, page in enumerate(PROBE_PAGES) if not _same(walk, spec, page)]
    except Exception:  # e.g. a stale build whose API differs: never let it break the import
        _log.debug("compiled walk disabled: its setup or self-test failed", exc_info=True)
        return None
    if differs:
        _log.debug("compiled walk disabled: it differs on probe pages %s", differs)
        return None
    return walk


def tag_kinds(spec: WalkSpec) -> dict[str, str]:
    """What segment_python does with each tag it names, in the order it tests them."""
    names = sorted(
        spec.skip_tags | spec.block_tags | spec.plain_inline_tags | spec.context_tags
        | SIGNAL_TAGS | {"br", "img", "body"}
    )
    kinds = {}
    for name in names:
        if name in spec.plain_inline_tags:
            kinds[name] = "plain"
        elif name in spec.skip_tags:
            kinds[name] = "skip"
        elif name in ("br", "img"):
            kinds[name] = name
        elif name in spec.block_tags:
            kinds[name] = "block"
        else:
            kinds[name] = "other"
    kinds.update({"-comment": "skip", "-doctype": "other", "-document": "other"})
    return kinds


def _setup(module: ModuleType, spec: WalkSpec) -> None:
    """Read the ids the walk needs from probe documents and hand them to the module."""
    kinds = tag_kinds(spec)
    # Two documents: a static id is the same in both, a per-document (hash entry) id is not.
    first, second = (LexborHTMLParser(_ID_PROBE) for _ in range(2))
    tag_ids = {name: _static_tag_id(first, second, name) for name in kinds if name[0] != "-"}
    special = _special_ids(module, first)
    tag_ids.update({name: special.pop(name) for name in ("-comment", "-doctype", "-document")})
    if len(set(tag_ids.values())) != len(tag_ids):
        raise ValueError("two tags share an id")
    attribute_names = (*SIGNAL_ATTRIBUTES, *IMAGE_ATTRIBUTES)
    attr_ids = _attribute_ids(module, first, second, attribute_names)
    _check_dynamic_names(module)
    module.setup(
        tag_ids,
        attr_ids,
        kinds,
        special,
        {
            "signal_attributes": SIGNAL_ATTRIBUTES,
            "context_tags": spec.context_tags,
            "class_signals": class_signals,
            "signal_reader": SIGNAL_READER,
            "Element": spec.element_cls,
            "TextBlock": spec.block_cls,
            "Context": spec.context_cls,
            "EMPTY_SIGNAL": EMPTY_SIGNAL,
            "max_block_chars": spec.max_block_chars,
        },
    )


_ID_PROBE = (
    "<!DOCTYPE html><html><body><p id=p>text<!--comment--></p>"
    '<div role=r hidden aria-hidden=true style=s itemprop=i class=c id=d src=s data-src=d alt=a'
    " data-a-rather-long-attribute-name=1 x-s=2></div>"
    "<x-a-rather-long-custom-element-name></x-a-rather-long-custom-element-name><x-s></x-s>"
    "</body></html>"
)


def _static_tag_id(first: LexborHTMLParser, second: LexborHTMLParser, name: str) -> int:
    tag_id = first.create_node(name).tag_id
    if tag_id != second.create_node(name).tag_id:
        raise ValueError(f"tag {name!r} has no static id")
    return tag_id


def _special_ids(module: ModuleType, tree: LexborHTMLParser) -> dict[str, int]:
    """Node types and the ids selectolax names "-text", "-comment", "-doctype", "-document"."""
    paragraph = tree.css_first("p")
    text, comment = paragraph.iter(include_text=True)
    if (text.tag, comment.tag) != ("-text", "-comment"):
        raise ValueError("unexpected probe nodes")
    root = tree.root.mem_id
    document = module.parent_address(root)
    doctype = module.first_child_address(document)
    element_type, _ = module.node_ids(paragraph.mem_id)
    text_type, text_id = module.node_ids(text.mem_id)
    ids = {
        "element_type": element_type,
        "text_type": text_type,
        "text_id": text_id,
        "-comment": comment.tag_id,
        "-doctype": module.node_ids(doctype)[1],
        "-document": module.node_ids(document)[1],
    }
    if module.node_ids(root) != (element_type, tree.root.tag_id) or text.tag_id != text_id:
        raise ValueError("node structs do not match the probe")
    if len({text_id, ids["-comment"], ids["-doctype"], ids["-document"]}) != 4:
        raise ValueError("special node ids are not distinct")
    if module.node_ids(comment.mem_id)[0] in (element_type, text_type):
        raise ValueError("node types are not distinct")
    return ids


def _attribute_ids(
    module: ModuleType,
    first: LexborHTMLParser,
    second: LexborHTMLParser,
    names: Iterable[str],
) -> dict[str, int | None]:
    """Each attribute's static id, or None when Lexbor gives it a per-document id."""
    one, two = (tree.css_first("div") for tree in (first, second))
    by_name = []
    for node in (one, two):
        ids = module.attribute_ids(node.mem_id)
        if len(ids) != len(node.attributes) or any(qualified for _, qualified in ids):
            raise ValueError("attribute structs do not match the probe")
        by_name.append(dict(zip(node.attributes, (local for local, _ in ids), strict=True)))
    result: dict[str, int | None] = {}
    for name in names:
        id_one, id_two = by_name[0][name], by_name[1][name]
        static = id_one == id_two and module.is_static(id_one)
        if not static and (
            module.is_static(id_one) or module.dynamic_name(id_one) != name.encode()
        ):
            raise ValueError(f"attribute {name!r}: unexpected id")
        result[name] = id_one if static else None
    return result


def _check_dynamic_names(module: ModuleType) -> None:
    """Short and long per-document names must read back (the hash entry layout)."""
    tree = LexborHTMLParser(_ID_PROBE)
    div = tree.css_first("div")
    by_name = dict(zip(div.attributes, module.attribute_ids(div.mem_id), strict=True))
    for name in ("data-a-rather-long-attribute-name", "x-s"):
        local, _ = by_name[name]
        if module.is_static(local) or module.dynamic_name(local) != name.encode():
            raise ValueError(f"attribute name {name!r} does not read back")
    for name in ("x-a-rather-long-custom-element-name", "x-s"):
        node = tree.css_first(name)
        if module.is_static(node.tag_id) or module.dynamic_name(node.tag_id) != name.encode():
            raise ValueError(f"tag name {name!r} does not read back")


def fingerprint(blocks: list, elements: list) -> tuple[list, list]:
    """Every field of every block and element, and which blocks share a context object."""
    context_numbers: dict[int, int] = {}
    rows = []
    for block in blocks:
        shared = context_numbers.setdefault(id(block.ctx), len(context_numbers))
        rows.append(
            (
                block.text,
                block.tag,
                block.link_chars,
                block.element,
                block.depth,
                block.heading_level,
                block.image_src,
                block.image_alt,
                block.position,
                block.fragments,
                shared,
                _fields(block.ctx),
            )
        )
    return rows, [_fields(element) for element in elements]


def _fields(instance: Any) -> tuple:
    """The field values of a dataclass instance (dataclasses.astuple, without its deep copies)."""
    return tuple(getattr(instance, field.name) for field in dataclasses.fields(instance))


def _same(walk: Walk, spec: WalkSpec, html: str) -> bool:
    tree = LexborHTMLParser(html)
    expected = spec.reference(tree)
    return fingerprint(*walk(tree)) == fingerprint(expected.blocks, expected.elements)


# Small pages that exercise every branch of the walk; the compiled walk must equal the Python
# walk on all of them before it is used.
PROBE_PAGES = (
    "",
    "<p>only a paragraph</p>",
    (
        "<html><head><title>t</title></head><body>"
        '<header class="site-header"><nav role=navigation><ul><li><a href="/">Home</a></li>'
        "<li><a href=/a>About <b>us</b></a></li></ul></nav></header>"
        '<main><article class="article-body" itemprop=articleBody><h1>Title</h1>'
        "<p>First <em>para</em>graph, with a <a href=x>link</a>.<br>Next line.</p>"
        '<div class="share-buttons" aria-hidden="true"><span>Share</span></div>'
        "<figure><img src=a.jpg alt=' An image '><img data-src=b.jpg><figcaption>Cap"
        "</figcaption></figure><figure><img data-src=c.jpg alt=x></figure>"
        "<blockquote><p>Quoted</p></blockquote><pre>  code\n  more\u00a0x\n</pre>"
        "<ol><li>one</li><li>two<ul><li>nested</li></ul></li></ol>"
        "<table><tr><td>a</td><td>b</td></tr></table>"
        '<div style="display: none">hidden by style</div><div hidden>hidden</div>'
        "<my-widget class=related-posts><p>custom element</p></my-widget>"
        "<x-a-rather-long-custom-element-name id=comments>x</x-a-rather-long-custom-element-name>"
        "<script>var x = 1;</script><!-- comment --><svg><title>icon</title></svg>"
        '<div CLASS="Sidebar-Widget" ROLE=complementary data-Src=1>Side <i>text</i></div>'
        "<section><h2>Sub</h2>   \n  <p>   </p><p>Text\tafter\n space</p></section>"
        "<footer class=footer><p>&copy; 2026</p></footer>"
        "</article></main><div class=x>tail<button>b</button></div></body></html>"
    ),
    "<div>" * 300 + "deep" + "</div>" * 300,
    "<b><i><u>" * 100 + "inline" + "</u></i></b>" * 100,
    (
        "<table><caption>c</caption><thead><tr><th>h</th></tr></thead><tbody><tr><td>"
        "<ul><li>in table</li></ul></td></tr></tbody></table><menu><li>m</li></menu>"
    ),
    (
        "<svg><foreignObject><p class=nav>foreign</p></foreignObject></svg>"
        "<math><mi>x</mi></math><p>after<?pi x?><![CDATA[y]]></p>"
    ),
)
