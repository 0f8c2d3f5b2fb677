"""Declarative shadow DOM: the content of a shadow-root ``<template>`` is shown, so it is text.

Web components rendered on the server (Lit SSR, Stencil, Enhance, WebC) write their output into
``<template shadowrootmode="open">`` inside the custom element; a browser attaches it as the
element's shadow root and renders it. An HTML parser that is not a browser keeps a template's
content in a detached fragment, and sieb's DOM walk never enters templates (an ordinary
``<template>`` is inert markup for scripts). So before parsing, the tags of shadow-root templates
(``shadowrootmode``, or the older ``shadowroot`` attribute) are rewritten to ``<div
data-shadowroot>``: the content is then walked like any other element, in document order (a
browser puts the host's light-DOM children at the shadow root's ``<slot>``s; the order rarely
matters for extraction). Ordinary templates are left alone.
"""

from __future__ import annotations

import re

# A template tag, or the start of a script/style element (raw text up to its end tag: a tag
# written inside a script string is not a tag and must not open or close anything).
_TAG = re.compile(r"<(/?)template\b([^>]*)>|<(script|style)\b", re.I)
_SHADOW_ATTRIBUTE = re.compile(r"\sshadowroot(?:mode)?\s*=", re.I)
SHADOW_ROOT_TAG = "<div data-shadowroot>"


def page_source(html: str, encoded: bytes | None = None) -> bytes:
    """The page as lower-cased UTF-8, for fast tests of ASCII markers such as "shadowroot"
    (four times faster than `str.lower` on non-ASCII pages; a case-insensitive regular
    expression over a whole page costs milliseconds). `encoded` is `html`'s UTF-8 encoding
    when the caller has it (the page's own bytes), which saves encoding it again."""
    return page_utf8(html, encoded).lower()


def page_utf8(html: str, encoded: bytes | None = None) -> bytes:
    """The page as UTF-8: `encoded` when the caller has it (see `page_source`), else `html`
    encoded."""
    return html.encode("utf-8", "surrogatepass") if encoded is None else encoded


def unwrap_shadow_roots(html: str, source: bytes | None = None) -> str:
    """``html`` with every shadow-root template turned into a ``div`` (same content).

    `source` is `page_source(html)` when the caller has it."""
    if b"shadowroot" not in (page_source(html) if source is None else source):
        return html
    lowered = html.lower()
    out: list[str] = []
    open_templates: list[bool] = []  # per open <template>: is it a shadow root?
    done = 0  # html[:done] is in out
    position = 0
    while match := _TAG.search(html, position):
        if match.group(3):  # script or style: skip to its end tag (the rest when unclosed)
            end = lowered.find(f"</{match.group(3).lower()}", match.end())
            if end < 0:
                break
            position = end
            continue
        if not match.group(1):
            shadow = bool(_SHADOW_ATTRIBUTE.search(match.group(2)))
            open_templates.append(shadow)
            replacement = SHADOW_ROOT_TAG
        else:
            shadow = open_templates.pop() if open_templates else False
            replacement = "</div>"
        if shadow:
            out.append(html[done : match.start()])
            out.append(replacement)
            done = match.end()
        position = match.end()
    out.append(html[done:])
    return "".join(out)
