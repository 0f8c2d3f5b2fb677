"""Head evidence: `<meta>` tags, `<link rel=canonical>` and `<html lang>`, read in one pass.

The key tables below say which meta keys give which field, most trusted first. Keys are the
lower-cased `property`, `name`, `itemprop` or `http-equiv` attribute.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from selectolax.lexbor import LexborHTMLParser

from sieb.meta.scan import PageNodes

TITLE_KEYS = ("og:title", "twitter:title", "dc.title", "dcterms.title", "parsely-title",
              "sailthru.title", "headline", "title")
PUBLISHED_KEYS = ("article:published_time", "og:article:published_time", "og:published_time",
                  "datepublished", "parsely-pub-date", "sailthru.date", "dcterms.issued",
                  "dcterms.created", "dc.date.issued", "dc.date.created", "dc.date", "dcterms.date",
                  "article.published", "published_time", "publish-date", "publishdate",
                  "pubdate", "date", "citation_publication_date", "datecreated")
MODIFIED_KEYS = ("article:modified_time", "og:article:modified_time", "og:updated_time",
                 "datemodified", "dcterms.modified", "dc.date.modified", "article.updated",
                 "last-modified", "lastmod", "sailthru.lastmodified")
AUTHOR_KEYS = ("author", "article:author", "og:article:author", "parsely-author",
               "sailthru.author", "dc.creator", "dcterms.creator", "citation_author", "byl")
SITE_KEYS = ("og:site_name", "application-name", "dc.publisher", "dcterms.publisher",
             "publisher")
DESCRIPTION_KEYS = ("og:description", "description", "twitter:description", "dc.description",
                    "dcterms.description", "dcterms.abstract")
IMAGE_KEYS = ("og:image", "og:image:url", "og:image:secure_url", "twitter:image",
              "twitter:image:src", "thumbnail", "parsely-image-url")
TAG_KEYS = ("article:tag", "og:article:tag", "parsely-tags", "sailthru.tags", "news_keywords",
            "keywords")
LANGUAGE_KEYS = ("content-language", "og:locale", "dc.language", "dcterms.language", "language")
URL_KEYS = ("og:url", "twitter:url", "parsely-link")
TYPE_KEYS = ("og:type",)

# Values of one key beyond this many are ignored (a page with 500 article:tag metas exists).
_MAX_VALUES_PER_KEY = 32


@dataclass(slots=True)
class HeadTags:
    """What the page states outside its body text: meta values by key, canonical, lang."""

    meta: dict[str, list[str]] = field(default_factory=dict)
    canonical: str | None = None
    html_lang: str | None = None

    def first(self, keys: tuple[str, ...]) -> tuple[str, str] | None:
        """The first non-empty value of the first key that has one, with that key."""
        for key in keys:
            for value in self.meta.get(key, ()):
                if value:
                    return key, value
        return None

    def all(self, key: str) -> list[str]:
        return self.meta.get(key, [])


def read_head(tree: LexborHTMLParser, nodes: PageNodes) -> HeadTags:
    """Collect every `<meta>` with content (head and body: microdata metas sit in the body)."""
    head = HeadTags()
    for node in nodes.metas:
        attrs = node.attributes
        content = (attrs.get("content") or "").strip()
        if not content:
            continue
        for attr in ("property", "name", "itemprop", "http-equiv"):
            key = attrs.get(attr)
            if key:
                values = head.meta.setdefault(key.strip().lower(), [])
                if len(values) < _MAX_VALUES_PER_KEY:
                    values.append(content)
    for node in nodes.canonical:
        rels = (node.attributes.get("rel") or "").lower().split()
        if "canonical" in rels:
            head.canonical = (node.attributes.get("href") or "").strip() or None
            break
    root = tree.root
    if root is not None and root.tag == "html":
        head.html_lang = (root.attributes.get("lang") or root.attributes.get("xml:lang")
                          or "").strip() or None
    return head
