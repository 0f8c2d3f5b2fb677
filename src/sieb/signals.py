"""What an element's tag, class, id and role say about its content.

This is the reviewable "what is chrome" knowledge, kept apart from the logic (as trafilatura keeps
its XPath lists apart). Each element gets bit flags naming the kinds of chrome it looks like and
counts of negative and positive hints; blocks accumulate them over their ancestors.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

NAV = 1 << 0
FOOTER = 1 << 1
ASIDE = 1 << 2
COMMENT = 1 << 3
RELATED = 1 << 4
SHARE = 1 << 5
AD = 1 << 6
CONSENT = 1 << 7
NEWSLETTER = 1 << 8
CAPTION = 1 << 9
CREDIT = 1 << 10
HIDDEN = 1 << 11
META = 1 << 12
HEADER = 1 << 13
FORM = 1 << 14
BREADCRUMB = 1 << 15
BODY = 1 << 16  # explicitly marked article body (itemprop=articleBody, "article-body"...)
PAYWALL = 1 << 17

FLAG_NAMES = {
    NAV: "navigation",
    FOOTER: "footer",
    ASIDE: "sidebar",
    COMMENT: "comments",
    RELATED: "related/teaser",
    SHARE: "share/social",
    AD: "advertising",
    CONSENT: "consent",
    NEWSLETTER: "newsletter",
    CAPTION: "caption",
    CREDIT: "credit",
    HIDDEN: "hidden",
    META: "metadata",
    HEADER: "header",
    FORM: "form",
    BREADCRUMB: "breadcrumb",
    BODY: "article body",
    PAYWALL: "paywall",
}
# Every flag, in a fixed order: the model's feature vector has one column per flag.
ALL_FLAGS = tuple(FLAG_NAMES)

_TAG_FLAGS = {
    "nav": NAV,
    "footer": FOOTER,
    "aside": ASIDE,
    "header": HEADER,
    "form": FORM,
    "figcaption": CAPTION,
    "menu": NAV,
}
_ROLE_FLAGS = {
    "navigation": NAV,
    "contentinfo": FOOTER,
    "complementary": ASIDE,
    "banner": HEADER,
    "menu": NAV,
    "menubar": NAV,
    "dialog": CONSENT,
    "alertdialog": CONSENT,
    "search": FORM,
}

# Class/id strings are split into words ("article-body__text" -> article, body, text); a word
# says what it is when it equals one of the `_WORDS` or contains one of the `_STEMS`.
_WORDS: dict[str, int] = {}
for _flag, _words in (
    (
        NAV,
        (
            "nav navbar navigation menu menue menus topbar toolbar pagination pager skiplink skip "
            "jump tabs toc sitemap megamenu subnav masthead navi hauptnavigation"
        ),
    ),
    (FOOTER, "footer foot copyright impressum colophon bottombar"),
    (ASIDE, "sidebar aside widget widgets marginal rail sidecolumn infobox"),
    (
        AD,
        (
            "ad ads advert advertisement adverts anzeige anzeigen werbung banner sponsor sponsored "
            "dfp gpt adslot adunit commercial affiliate adsbygoogle outbrain taboola"
        ),
    ),
    (HIDDEN, "hidden hide invisible sronly offscreen dnone"),
    (
        META,
        (
            "byline author authors dateline date timestamp published meta postmeta articlemeta "
            "entrymeta infobar tags tag categories category keywords readingtime lesezeit"
        ),
    ),
    (CREDIT, "credit credits copyright photographer bildquelle source quelle"),
    (
        RELATED,
        (
            "related teaser teasers recommended recommendations trending popular mostread "
            "meistgelesen promo recirc latest topstories crosslink further suggested weitere "
            "readmore more"
        ),
    ),
    (NEWSLETTER, "newsletter subscribe subscription signup abo registration login"),
):
    for _word in _words.split():
        _WORDS[_word] = _WORDS.get(_word, 0) | _flag
_STEMS: tuple[tuple[str, int], ...] = (
    ("navig", NAV),
    ("breadcrumb", BREADCRUMB),
    ("crumb", BREADCRUMB),
    ("footer", FOOTER),
    ("sidebar", ASIDE),
    ("widget", ASIDE),
    ("comment", COMMENT),
    ("kommentar", COMMENT),
    ("disqus", COMMENT),
    ("respond", COMMENT),
    ("repl", COMMENT),
    ("discussion", COMMENT),
    ("related", RELATED),
    ("teaser", RELATED),
    ("recommend", RELATED),
    ("outbrain", RELATED),
    ("taboola", RELATED),
    ("trending", RELATED),
    ("popular", RELATED),
    ("share", SHARE),
    ("sharing", SHARE),
    ("social", SHARE),
    ("bookmark", SHARE),
    ("merkliste", SHARE),
    ("rating", SHARE),
    ("embed", SHARE),
    ("whatsapp", SHARE),
    ("facebook", SHARE),
    ("twitter", SHARE),
    ("linkedin", SHARE),
    ("pinterest", SHARE),
    ("teilen", SHARE),
    ("follow", SHARE),
    ("advert", AD),
    ("sponsor", AD),
    ("werbung", AD),
    ("cookie", CONSENT),
    ("consent", CONSENT),
    ("gdpr", CONSENT),
    ("onetrust", CONSENT),
    ("didomi", CONSENT),
    ("usercentrics", CONSENT),
    ("sourcepoint", CONSENT),
    ("modal", CONSENT),
    ("overlay", CONSENT),
    ("popup", CONSENT),
    ("lightbox", CONSENT),
    ("newsletter", NEWSLETTER),
    ("subscri", NEWSLETTER),
    ("signup", NEWSLETTER),
    ("caption", CAPTION),
    ("bildunterschrift", CAPTION),
    ("legend", CAPTION),
    ("credit", CREDIT),
    ("copyright", CREDIT),
    ("byline", META),
    ("author", META),
    ("timestamp", META),
    ("dateline", META),
    ("paywall", PAYWALL),
    ("premium", PAYWALL),
    ("regwall", PAYWALL),
)
# Compact (separator-free) forms that mark the article body itself.
_BODY_STEMS = (
    "articlebody",
    "storybody",
    "postbody",
    "postcontent",
    "entrycontent",
    "articlecontent",
    "articletext",
    "storycontent",
    "contentbody",
    "bodytext",
    "maintext",
    "richtext",
    "articlecopy",
    "storytext",
    "artikeltext",
    "itemtext",
)
_POSITIVE_WORDS = frozenset(
    [
        "article",
        "content",
        "entry",
        "post",
        "story",
        "body",
        "main",
        "text",
        "blog",
        "news",
        "detail",
        "prose",
        "single",
        "page",
        "artikel",
        "inhalt",
        "beitrag",
    ]
)
_WORD_SPLIT = re.compile(r"[^a-z0-9]+")
_word_cache: dict[str, tuple[int, int]] = {}


def _word_signal(word: str) -> tuple[int, int]:
    cached = _word_cache.get(word)
    if cached is not None:
        return cached
    flags = _WORDS.get(word, 0)
    for stem, flag in _STEMS:
        if stem in word:
            flags |= flag
    result = (flags, 1 if word in _POSITIVE_WORDS else 0)
    if len(_word_cache) < 50_000:
        _word_cache[word] = result
    return result


_NEGATIVE_FLAGS = (
    NAV
    | FOOTER
    | ASIDE
    | COMMENT
    | RELATED
    | SHARE
    | AD
    | CONSENT
    | NEWSLETTER
    | HIDDEN
    | BREADCRUMB
    | PAYWALL
)
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden")


@dataclass(frozen=True, slots=True)
class Signal:
    """What one element's own tag and attributes say."""

    flags: int = 0
    neg: int = 0
    pos: int = 0
    article: bool = False


EMPTY_SIGNAL = Signal()


def class_signals(
    tag: str, cls: str | None, ident: str | None, role: str | None, attrs: dict[str, str | None]
) -> Signal:
    """The signal of an element from its tag, class, id, role and a few attributes."""
    flags = _TAG_FLAGS.get(tag, 0)
    if role:
        flags |= _ROLE_FLAGS.get(role.lower(), 0)
    if "hidden" in attrs or attrs.get("aria-hidden") == "true":
        flags |= HIDDEN
    style = attrs.get("style")
    if style and _HIDDEN_STYLE.search(style):
        flags |= HIDDEN
    itemprop = attrs.get("itemprop")
    if itemprop == "articleBody":
        flags |= BODY
    if not cls and not ident:
        if not flags:
            return EMPTY_SIGNAL
        return Signal(flags, _count_negative(flags), 0, bool(flags & BODY))
    token_signal = _token_signal(f"{cls or ''} {ident or ''}".lower())
    flags |= token_signal.flags
    return Signal(flags, _count_negative(flags), token_signal.pos, bool(flags & BODY))


def _count_negative(flags: int) -> int:
    return (flags & _NEGATIVE_FLAGS).bit_count()


@lru_cache(maxsize=16384)
def _token_signal(tokens: str) -> Signal:
    flags = pos = 0
    compact = []
    for word in _WORD_SPLIT.split(tokens):
        if word:
            word_flags, word_pos = _word_signal(word)
            flags |= word_flags
            pos |= word_pos
            compact.append(word)
    joined = "".join(compact)
    if any(stem in joined for stem in _BODY_STEMS):
        flags |= BODY
    if not flags and not pos:
        return EMPTY_SIGNAL
    return Signal(flags, 0, pos, False)
