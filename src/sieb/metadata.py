"""Page metadata: title, authors, dates, canonical URL, site, language and more, with evidence.

`extract_metadata(tree, url)` reads a page that is already parsed (the extractor parses once):

1. head     `<meta>` tags, `<link rel=canonical>`, `<html lang>`        sieb.meta.tags
2. JSON-LD  the article object, the page object, publisher/site nodes   sieb.meta.jsonld
3. fields   each field from its sources, most trusted first:
            JSON-LD > OpenGraph/Twitter/article:*/Dublin Core/microdata/parsely/sailthru meta
            > page markup (h1, `<time>`, visible bylines) > the URL
4. cleaning titles lose site suffixes, dates become ISO 8601 (sieb.meta.dates), authors become
            a list of people (sieb.meta.authors), URLs absolute, languages ISO 639-1.

Every field that is set names its evidence in `sources` (e.g. {"published": "json-ld"}).
Nothing here raises on odd input: a missing or malformed source is skipped.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from selectolax.lexbor import LexborHTMLParser, LexborNode

from sieb.meta import authors as _authors
from sieb.meta import dates as _dates
from sieb.meta import tags as _tags
from sieb.meta.fields import (
    AsciiWords,
    absolute_url,
    clean_title,
    drop_series_prefix,
    has_title_separator,
    normalise_language,
)
from sieb.meta.jsonld import (
    ARTICLE_TYPES,
    JsonLd,
    image_url,
    org_name,
    person_names,
    read_jsonld,
    text_value,
    types_of,
)
from sieb.meta.scan import PageNodes

# A title outside these bounds (characters) is a placeholder or a whole paragraph, not a title.
_TITLE_CHARS = (2, 300)
# At most this many tags are kept, each at most this long (keyword-stuffed pages exist).
_MAX_TAGS = 32
_MAX_TAG_CHARS = 60
# A site name longer than this (characters) is a title or a slogan, not a name.
_MAX_SITE_CHARS = 100
# Longest description kept, in characters.
_MAX_DESCRIPTION_CHARS = 1000
_JSONLD_PAGE_TYPE = {
    "product": "product",
    "discussionforumposting": "forum",
    "qapage": "forum",
    "collectionpage": "index",
    "searchresultspage": "index",
    "profilepage": "profile",
    "videoobject": "video",
    "event": "event",
}
_OG_PAGE_TYPE = {
    "article": "article",
    "product": "product",
    "website": "website",
    "profile": "profile",
    "book": "book",
    "blog": "article",
    "news": "article",
}
# Visible dates (outside <time>, classes *date*/*datum*/*publish*) are read from elements of at
# most this many characters (a longer one is a paragraph that happens to hold a date).
_DATE_TEXT_CHARS = 80

_HEAD_CHROME = AsciiWords(
    r"header|masthead|kopf|topbar|top-bar|navbar|nav|footer|fuss|comment"
    r"|kommentar|teaser|related|sidebar|widget"
)
# Ancestors climbed when checking that a visible date is not in page chrome.
_ANCESTOR_DEPTH = 5


@dataclass(frozen=True, slots=True)
class PageMetadata:
    """What a page says about itself. `language` is the declared one (ISO 639-1), not detected.

    `page_type` comes from JSON-LD/og:type ("article", "product", "forum", "index", "website"...);
    `body_hint` is JSON-LD `articleBody` when the page has one; `sources` maps each set field to
    the evidence that gave it ("json-ld", "og:title", "canonical", "time", "byline", "url"...).
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
    page_type: str | None = None
    body_hint: str | None = None
    sources: dict[str, str] = field(default_factory=dict)


def extract_metadata(tree: LexborHTMLParser, url: str | None = None) -> PageMetadata:
    """The metadata of a parsed page; `url` is the page's address (relative links, URL dates)."""
    cands = PageNodes(tree)
    head = _tags.read_head(tree, cands)
    ld = read_jsonld(cands.scripts)
    article = ld.article or {}
    sources: dict[str, str] = {}

    def note(name: str, found: tuple[Any, str] | None) -> Any:
        if found is None:
            return None
        sources[name] = found[1]
        return found[0]

    page_url = note("url", _url(head, ld, url))
    site_name = note("site_name", _site_name(head, ld))
    published, modified = _dates_of(cands, head, ld, page_url or url, sources)
    title = note("title", _title(cands, head, article, site_name))
    if published is None and (published := _date_under_headline(tree, cands, title)):
        sources["published"] = "headline-date"
    site_name = _site_without_title(site_name, title, sources)
    return PageMetadata(
        title=title,
        authors=tuple(note("authors", _authors_of(cands, head, ld, site_name)) or ()),
        published=published,
        modified=modified,
        url=page_url,
        site_name=site_name,
        language=note("language", _language(head, article)),
        description=note("description", _description(head, article)),
        image=note("image", _image(head, article, page_url or url)),
        tags=tuple(note("tags", _tags_of(head, article)) or ()),
        page_type=note("page_type", _page_type(head, ld)),
        body_hint=note("body_hint", _body_hint(article)),
        sources=sources,
    )


def _first_meta(head: _tags.HeadTags, keys: tuple[str, ...], clean: Any) -> tuple[Any, str] | None:
    """The first meta value under `keys` (in order) that `clean` accepts, with its key."""
    for key in keys:
        for value in head.all(key):
            cleaned = clean(value)
            if cleaned:
                return cleaned, key
    return None


def _url(head: _tags.HeadTags, ld: JsonLd, url: str | None) -> tuple[str, str] | None:
    def usable(candidate: str | None) -> str | None:
        full = absolute_url(candidate, url)
        # A canonical pointing at the site's home page from a deeper page is a CMS default.
        home = ("", "/")
        if full and url and urlsplit(full).path in home and urlsplit(url).path not in home:
            return None
        return full

    if found := usable(head.canonical):
        return found, "canonical"
    if found := _first_meta(head, _tags.URL_KEYS, usable):
        return found
    for node in (ld.article, ld.page):
        if node:
            entity = node.get("mainEntityOfPage")
            for candidate in (
                node.get("url"),
                entity
                if isinstance(entity, str)
                else (entity or {}).get("@id")
                if isinstance(entity, dict)
                else None,
            ):
                if isinstance(candidate, str) and (found := usable(candidate)):
                    return found, "json-ld"
    if found := absolute_url(url, None):
        return found, "page-url"
    return None


def _site_name(head: _tags.HeadTags, ld: JsonLd) -> tuple[str, str] | None:
    if found := _first_meta(head, _tags.SITE_KEYS[:1], _short_text):
        return found
    if ld.article and (name := org_name(ld, ld.article.get("publisher"))):
        return name, "json-ld"
    for node in ld.orgs:
        if "website" in types_of(node) and (name := text_value(node.get("name"))):
            return name, "json-ld"
    return _first_meta(head, _tags.SITE_KEYS[1:], _short_text)


def _site_without_title(
    site_name: str | None, title: str | None, sources: dict[str, str]
) -> str | None:
    """Some sites put the page title into og:site_name ("Title - Site"): keep only "Site"."""
    if not site_name or not title or title not in site_name:
        return site_name
    rest = site_name.replace(title, "", 1).strip(" |-–—:·•»")
    if rest and rest != site_name:
        return rest
    sources.pop("site_name", None)
    return None


def _short_text(value: str) -> str | None:
    value = " ".join(value.split())
    return value if 0 < len(value) <= _MAX_SITE_CHARS else None


def _heading(cands: PageNodes) -> str | None:
    node = cands.heading()
    return " ".join(node.text(deep=True).split()) or None if node is not None else None


def _title(
    cands: PageNodes, head: _tags.HeadTags, article: dict[str, Any], site_name: str | None
) -> tuple[str, str] | None:
    low, high = _TITLE_CHARS
    heading_cache: list[str | None] = []

    def heading() -> str | None:  # the h1 is a body query: only made when needed
        if not heading_cache:
            heading_cache.append(_heading(cands))
        return heading_cache[0]

    def clean(value: str | None) -> str | None:
        if value and has_title_separator(value):
            title = clean_title(value, site_name, heading())
        else:
            title = " ".join(value.split()) if value else None
        if title and ": " in title:
            title = drop_series_prefix(title, heading())
        return title if title and low <= len(title) <= high else None

    if title := clean(_jsonld_title(article, heading)):
        return _longer_shown_title(title, head, heading(), clean) or (title, "json-ld")
    if found := _first_meta(head, _tags.TITLE_KEYS[:1], clean):
        return found
    if (h1 := heading()) and (title := clean(h1)):
        return title, "h1"
    if found := _first_meta(head, _tags.TITLE_KEYS[1:], clean):
        return found
    node = cands.title
    if node is not None and (title := clean(node.text(deep=True))):
        return title, "title"
    return None


def _jsonld_title(article: dict[str, Any], heading: Callable[[], str | None]) -> str | None:
    """The JSON-LD headline, or its ``name`` when only the name is the page's h1.

    Some sites fill ``headline`` with a subtitle or short description and ``name`` with the
    title (MediaWiki: name "Lindau", headline "town in Bavaria"): the h1 decides between them.
    """
    headline = text_value(article.get("headline"))
    name = text_value(article.get("name"))
    if not headline or not name or _fold(headline) == _fold(name):
        return headline or name
    h1 = heading()
    if h1 and _fold(name) == _fold(h1) != _fold(headline):
        return name
    return headline


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()


def _longer_shown_title(
    headline: str, head: _tags.HeadTags, h1: str | None, clean: Any
) -> tuple[str, str] | None:
    """The h1 when it and og:title agree on a title that extends the JSON-LD headline.

    Sites often put only the kicker or the short headline into JSON-LD ("Die Moorretter") while
    the page shows "Die Moorretter: Wie ein Dorf ..." as its h1 and og:title: two sources that
    agree on the longer form outvote the one that holds its start.
    """
    if not h1 or len(h1) <= len(headline) or not h1.casefold().startswith(headline.casefold()):
        return None
    shown = _first_meta(head, _tags.TITLE_KEYS[:1], clean)
    if shown is None or " ".join(shown[0].split()).casefold() != " ".join(h1.split()).casefold():
        return None
    return h1, "h1"


def _authors_of(
    cands: PageNodes, head: _tags.HeadTags, ld: JsonLd, site_name: str | None
) -> tuple[list[str], str] | None:
    def drop_site(names: list[str]) -> list[str]:
        return [n for n in names if not site_name or n.casefold() != site_name.casefold()]

    article = ld.article or {}
    for key in ("author", "creator"):
        if names := drop_site(_authors.clean_names(person_names(ld, article.get(key)))):
            return names, "json-ld"
    for key in _tags.AUTHOR_KEYS:
        if names := drop_site(_authors.clean_names(head.all(key))):
            return names, key
    if names := drop_site(_authors.visible_authors(cands.bylines())):
        return names, "byline"
    return None


def _dates_of(
    cands: PageNodes, head: _tags.HeadTags, ld: JsonLd, url: str | None, sources: dict[str, str]
) -> tuple[str | None, str | None]:
    """Published and modified, each from its own sources; modified never precedes published."""
    article, page = ld.article or {}, ld.page or {}
    published = modified = None
    for key in ("datePublished", "dateCreated", "uploadDate"):
        if published := _dates.normalise_date(text_value(article.get(key))):
            sources["published"] = "json-ld"
            break
    if published is None and (
        found := _first_meta(head, _tags.PUBLISHED_KEYS, _dates.normalise_date)
    ):
        published, sources["published"] = found
    if published is None and (
        published := _dates.normalise_date(text_value(page.get("datePublished")))
    ):
        sources["published"] = "json-ld"
    if modified := _dates.normalise_date(text_value(article.get("dateModified"))):
        sources["modified"] = "json-ld"
    elif found := _first_meta(head, _tags.MODIFIED_KEYS, _dates.normalise_date):
        modified, sources["modified"] = found
    # <time> elements are read only when no structured published date exists (a body query).
    if published is None:
        time_published, time_modified = _dates.time_dates(cands.times())
        if published is None and time_published:
            published, sources["published"] = time_published, "time"
        if modified is None and time_modified:
            modified, sources["modified"] = time_modified, "time"
    if published is None and (published := _dates.url_date(url)):
        sources["published"] = "url"
    if published is None and (published := _visible_date(cands)):
        sources["published"] = "visible-date"
    if modified and published and modified[:10] < published[:10]:
        modified = None
        sources.pop("modified", None)
    return published, modified


def _in_chrome(node: LexborNode) -> bool:
    current: LexborNode | None = node
    for _ in range(_ANCESTOR_DEPTH):
        if current is None:
            return False
        attrs = current.attributes
        if current.tag in ("header", "nav", "footer", "aside") or _HEAD_CHROME.search(
            f"{attrs.get('class') or ''} {attrs.get('id') or ''}"
        ):
            return True
        current = current.parent
    return False


def _visible_date(cands: PageNodes) -> str | None:
    """Last resort: a date written in a short dated element of the body, outside page chrome."""
    for node in cands.date_classes():
        if node.tag in ("meta", "script", "style", "time") or _in_chrome(node):
            continue
        text = node.text(deep=True)
        if len(text) <= _DATE_TEXT_CHARS and (found := _dates.normalise_date(text)):
            return found
    return None


# Element siblings after the headline searched for a dateline ("geschrieben am 3. Oktober 2026").
_HEADLINE_SIBLINGS = 3
# h2 elements compared with the title when the page has no h1 (old sites put the title in h2).
_MAX_H2 = 5


def _date_under_headline(
    tree: LexborHTMLParser, cands: PageNodes, title: str | None
) -> str | None:
    """Last resort: a short line with a date among the next elements after the headline."""
    headline = cands.heading()
    if headline is None and title:
        wanted = " ".join(title.split()).casefold()
        headline = next(
            (h for h in tree.css("h2")[:_MAX_H2]
             if " ".join(h.text(deep=True).split()).casefold() == wanted),
            None,
        )  # fmt: skip
    if headline is None:
        return None
    node, seen = headline.next, 0
    while node is not None and seen < _HEADLINE_SIBLINGS:
        if node.tag not in ("-text", "-comment"):
            seen += 1
            text = " ".join(node.text(deep=True).split())
            short = 0 < len(text) <= _DATE_TEXT_CHARS and not _dates.UPDATED.search(text)
            if short and (found := _dates.normalise_date(text)):
                return found
        node = node.next
    return None


def _language(head: _tags.HeadTags, article: dict[str, Any]) -> tuple[str, str] | None:
    if found := normalise_language(head.html_lang):
        return found, "html-lang"
    if found := _first_meta(head, _tags.LANGUAGE_KEYS, normalise_language):
        return found
    if found := normalise_language(text_value(article.get("inLanguage"))):
        return found, "json-ld"
    return None


def _description(head: _tags.HeadTags, article: dict[str, Any]) -> tuple[str, str] | None:
    def clean(value: str | None) -> str | None:
        text = " ".join((value or "").split())
        return text[:_MAX_DESCRIPTION_CHARS] or None

    if found := _first_meta(head, _tags.DESCRIPTION_KEYS, clean):
        return found
    if text := clean(text_value(article.get("description"))):
        return text, "json-ld"
    return None


def _image(
    head: _tags.HeadTags, article: dict[str, Any], url: str | None
) -> tuple[str, str] | None:
    if found := _first_meta(head, _tags.IMAGE_KEYS, lambda v: absolute_url(v, url)):
        return found
    if found := absolute_url(image_url(article.get("image")), url):
        return found, "json-ld"
    return None


def _split_tags(values: list[str] | str | Any) -> list[str]:
    items = values if isinstance(values, list) else [values]
    tags: list[str] = []
    for item in items:
        if not isinstance(item, str):
            continue
        for tag in item.split(","):
            tag = " ".join(tag.split())
            if tag and len(tag) <= _MAX_TAG_CHARS and tag not in tags:
                tags.append(tag)
    return tags[:_MAX_TAGS]


def _tags_of(head: _tags.HeadTags, article: dict[str, Any]) -> tuple[list[str], str] | None:
    if tags := _split_tags(head.all("article:tag") or head.all("og:article:tag")):
        return tags, "article:tag"
    if tags := _split_tags(article.get("keywords")):
        return tags, "json-ld"
    for key in _tags.TAG_KEYS[2:]:
        if tags := _split_tags(head.all(key)):
            return tags, key
    return None


def _page_type(head: _tags.HeadTags, ld: JsonLd) -> tuple[str, str] | None:
    for node in (ld.article, ld.page):
        if not node:
            continue
        kinds = types_of(node)
        for kind in sorted(kinds):
            if kind in _JSONLD_PAGE_TYPE:
                return _JSONLD_PAGE_TYPE[kind], "json-ld"
        if kinds & ARTICLE_TYPES:
            return "article", "json-ld"
    found = head.first(_tags.TYPE_KEYS)
    if found:
        value = found[1].strip().lower()
        kind = _OG_PAGE_TYPE.get(value) or ("video" if value.startswith("video") else None)
        if kind:
            return kind, found[0]
    return None


def _body_hint(article: dict[str, Any]) -> tuple[str, str] | None:
    body = article.get("articleBody")
    if isinstance(body, list):
        body = "\n\n".join(b for b in body if isinstance(b, str))
    if isinstance(body, str) and body.strip():
        return body.strip(), "json-ld"
    return None
