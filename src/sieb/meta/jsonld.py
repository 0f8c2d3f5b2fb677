"""JSON-LD evidence: the article object of a page's `application/ld+json` scripts.

Tolerant by design: a script that does not parse is skipped (and retried once with raw control
characters removed, the most common breakage); `@graph` arrays, top-level lists and nested
`mainEntity` objects are walked; `{"@id": ...}` references are resolved against the other nodes.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass, field
from typing import Any

from selectolax.lexbor import LexborNode

# schema.org types whose object describes the page's article, most specific first in spirit.
ARTICLE_TYPES = frozenset({
    "article", "newsarticle", "reportagenewsarticle", "analysisnewsarticle",
    "opinionnewsarticle", "reviewnewsarticle", "backgroundnewsarticle", "askpublicnewsarticle",
    "blogposting", "liveblogposting", "socialmediaposting", "discussionforumposting",
    "techarticle", "scholarlyarticle", "report", "medicalscholarlyarticle",
    "advertisercontentarticle", "satiricalarticle", "review", "criticreview", "howto", "recipe",
    "qapage", "faqpage", "podcastepisode",
})
# Types that describe the page but not an article; used for dates and url when nothing better.
PAGE_TYPES = frozenset({"webpage", "itempage", "aboutpage", "collectionpage", "searchresultspage",
                        "profilepage", "contactpage", "product", "videoobject", "event"})
ORG_TYPES = frozenset({"organization", "newsmediaorganization", "corporation",
                       "governmentorganization", "localbusiness", "website",
                       "educationalorganization"})
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
# Nodes visited per page at most: guards against hostile, deeply nested JSON.
_MAX_NODES = 2000
# Scripts longer than this are not parsed (some sites inline whole product catalogues).
_MAX_SCRIPT_CHARS = 500_000


@dataclass(slots=True)
class JsonLd:
    """The article object (if any), the page object, and all typed nodes by @id."""

    article: dict[str, Any] | None = None
    page: dict[str, Any] | None = None
    orgs: list[dict[str, Any]] = field(default_factory=list)
    by_id: dict[str, dict[str, Any]] = field(default_factory=dict)

    def resolve(self, value: Any) -> Any:
        """Follow a `{"@id": ...}` reference to the node it names, when the page holds it."""
        if isinstance(value, dict) and set(value) <= {"@id", "@type"} and "@id" in value:
            return self.by_id.get(str(value["@id"]), value)
        return value


def types_of(node: dict[str, Any]) -> set[str]:
    """The node's @type values, lower-cased, without a schema.org prefix."""
    raw = node.get("@type")
    values = raw if isinstance(raw, list) else [raw]
    return {str(v).rsplit("/", 1)[-1].lower() for v in values if isinstance(v, str)}


def _load(text: str) -> Any:
    text = text.strip()
    if not text or len(text) > _MAX_SCRIPT_CHARS:
        return None
    try:
        return json.loads(text)
    except ValueError:
        pass
    try:
        return json.loads(_CONTROL.sub(" ", text).replace("\n", " ").replace("\r", " "))
    except ValueError:
        return None


def _walk(data: Any, out: list[dict[str, Any]]) -> None:
    """Collect dict nodes breadth-first: top-level list, @graph, mainEntity, nested objects."""
    queue = [data]
    while queue and len(out) < _MAX_NODES:
        item = queue.pop(0)
        if isinstance(item, list):
            queue.extend(item)
        elif isinstance(item, dict):
            out.append(item)
            for key, value in item.items():
                if isinstance(value, (dict, list)) and key not in ("itemListElement", "review"):
                    queue.append(value)


def read_jsonld(scripts: list[LexborNode]) -> JsonLd:
    """Parse every JSON-LD script of the page and pick the article and page objects."""
    result = JsonLd()
    nodes: list[dict[str, Any]] = []
    for script in scripts:
        _walk(_load(script.text(deep=True)), nodes)
    for node in nodes:
        node_id = node.get("@id")
        if isinstance(node_id, str) and len(node) > 2:
            result.by_id.setdefault(node_id, node)
    for node in nodes:
        kinds = types_of(node)
        if not kinds:
            continue
        if kinds & ARTICLE_TYPES:
            # The first article object wins, except that one with a headline beats one without
            # (nested citations and liveBlogUpdate entries come after their parent anyway).
            if result.article is None or ("headline" in node and "headline" not in result.article
                                          and "name" not in result.article):
                result.article = node
        elif kinds & PAGE_TYPES and result.page is None:
            result.page = node
        elif kinds & ORG_TYPES:
            result.orgs.append(node)
    return result


def text_value(value: Any) -> str | None:
    """A plain string from a JSON-LD value that may be a string, a list, or a {name|@value}."""
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get("name") or value.get("@value") or value.get("url")
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = str(value)
    if isinstance(value, str):
        # CMSs often write HTML entities into JSON-LD strings ("&#8216;", "&amp;").
        return " ".join(html.unescape(value).split()) if "&" in value else " ".join(value.split())
    return None


def person_names(ld: JsonLd, value: Any) -> list[str]:
    """Names of the persons in an author/creator value (string, object, list, @id reference)."""
    items = value if isinstance(value, list) else [value]
    names: list[str] = []
    for item in items[:20]:
        item = ld.resolve(item)
        if isinstance(item, str):
            names.append(item)
        elif isinstance(item, dict):
            if types_of(item) & ORG_TYPES:
                continue
            name = item.get("name")
            if not name and (item.get("givenName") or item.get("familyName")):
                name = f"{item.get('givenName', '')} {item.get('familyName', '')}"
            if isinstance(name, list):
                names.extend(n for n in name if isinstance(n, str))
            elif isinstance(name, str):
                names.append(name)
    return names


def org_name(ld: JsonLd, value: Any) -> str | None:
    """The name of a publisher/isPartOf value (object or @id reference)."""
    items = value if isinstance(value, list) else [value]
    for item in items:
        item = ld.resolve(item)
        name = text_value(item.get("name")) if isinstance(item, dict) else None
        if name:
            return name
    return None


def image_url(value: Any) -> str | None:
    """The first image URL of an image value (string, ImageObject, list of either)."""
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get("url") or value.get("contentUrl") or value.get("@id")
    return value.strip() if isinstance(value, str) and value.strip() else None
