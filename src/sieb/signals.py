"""What an element's tag, class, id and role say about its content.

This is the reviewable "what is chrome" knowledge, kept apart from the logic (as trafilatura keeps
its XPath lists apart). Each element gets bit flags naming the kinds of chrome it looks like and
counts of negative and positive hints; blocks accumulate them over their ancestors.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from sieb.compiled import compiled_module

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
    (COMMENT, "respond reply replies"),
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
# One regex finds every whole word and every stem in a class/id string in one C-level scan.
_WORD_RX = re.compile(
    r"(?<![a-z])(" + "|".join(sorted(_WORDS, key=len, reverse=True)) + r")(?![a-z])"
)
_STEM_FLAGS: dict[str, int] = {}
for _stem, _flag in _STEMS:
    _STEM_FLAGS[_stem] = _STEM_FLAGS.get(_stem, 0) | _flag
# In the order the regex tries them: the longest stem that matches at a position wins.
_STEM_ORDER = tuple(sorted(_STEM_FLAGS, key=len, reverse=True))
_STEM_RX = re.compile("|".join(_STEM_ORDER))
_BODY_RX = re.compile("|".join(_BODY_STEMS))
_POSITIVE_RX = re.compile(
    r"(?<![a-z])(" + "|".join(sorted(_POSITIVE_WORDS, key=len, reverse=True)) + r")(?![a-z])"
)
_SEPARATORS = str.maketrans("", "", "-_ ")


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


# What class_signals reads: the tag only for these names, and only these attributes (the compiled
# walk in sieb._blockwalk relies on it to memoise signals; keep the two in step).
SIGNAL_TAGS = frozenset(_TAG_FLAGS)
SIGNAL_ATTRIBUTES = ("role", "hidden", "aria-hidden", "style", "itemprop", "class", "id")


def class_signals(tag: str, attrs: dict[str, str | None]) -> Signal:
    """The signal of an element from its tag, class, id, role and a few attributes."""
    flags = _TAG_FLAGS.get(tag, 0)
    if not attrs:
        return _signal(flags, 0) if flags else EMPTY_SIGNAL
    get = attrs.get
    role = get("role")
    if role:
        flags |= _ROLE_FLAGS.get(role.lower(), 0)
    if "hidden" in attrs or get("aria-hidden") == "true":
        flags |= HIDDEN
    style = get("style")
    if style and _HIDDEN_STYLE.search(style):
        flags |= HIDDEN
    if get("itemprop") == "articleBody":
        flags |= BODY
    cls, ident = get("class"), get("id")
    if not cls and not ident:
        return _signal(flags, 0) if flags else EMPTY_SIGNAL
    token_flags, pos = _token_signal(f"{cls or ''} {ident or ''}".lower())
    flags |= token_flags
    if not flags and not pos:
        return EMPTY_SIGNAL
    return _signal(flags, pos)


@lru_cache(maxsize=4096)
def _signal(flags: int, pos: int) -> Signal:
    return Signal(flags, _count_negative(flags), pos, bool(flags & BODY))


def _count_negative(flags: int) -> int:
    return (flags & _NEGATIVE_FLAGS).bit_count()


_token_cache: dict[str, tuple[int, int]] = {}
# Tokens that describe the page layout around an element, not its content: "has-sidebar",
# "with-comments", "and-w-sidebar", "no-ads" sit on the wrapper of the article itself.
_LAYOUT_WORDS = ("has", "with", "w", "no", "without")
_LAYOUT_TOKEN = re.compile(r"(?:^|[-_])(?:" + "|".join(_LAYOUT_WORDS) + r")[-_]")
# Distinct class tokens remembered; a corpus run sees a bounded vocabulary of them per site.
_TOKEN_CACHE_SIZE = 100_000


def _class_token(token: str) -> tuple[int, int]:
    """Flags and positive hint of one class or id token ("article-body", "nav__item")."""
    if _LAYOUT_TOKEN.search(token):
        return (0, 0)
    flags = HIDDEN if token in _HIDING_CLASSES else 0
    for word in _WORD_RX.findall(token):
        flags |= _WORDS[word]
    for stem in _STEM_RX.findall(token):
        flags |= _STEM_FLAGS[stem]
    if _BODY_RX.search(token.translate(_SEPARATORS)):
        flags |= BODY
    return (flags, 1 if _POSITIVE_RX.search(token) else 0)


# Whole class tokens that hide an element ("overflow-hidden" does not: it is a layout class).
_HIDING_CLASSES = frozenset(
    [
        "hidden",
        "hide",
        "invisible",
        "d-none",
        "is-hidden",
        "u-hidden",
        "sr-only",
        "visually-hidden",
        "visuallyhidden",
        "screen-reader-text",
        "screenreader-only",
        "offscreen",
        "element-invisible",
    ]
)


def python_token_signals(tokens: str) -> tuple[int, int]:
    """Flags and positive hint of a class/id string: its tokens' ORed, each token memoised."""
    flags = pos = 0
    for token in tokens.split():
        signal = _token_cache.get(token)
        if signal is None:
            signal = _class_token(token)
            if len(_token_cache) < _TOKEN_CACHE_SIZE:
                _token_cache[token] = signal
        flags |= signal[0]
        pos |= signal[1]
    return flags, pos


def _token_signals_reader() -> tuple[Callable[[str], tuple[int, int]], bool]:
    """sieb._classtokens when it is built, allowed and exact on PROBE_TOKENS, else the Python
    definition; and whether it is the compiled one."""
    module = compiled_module("sieb._classtokens")
    if module is None:
        return python_token_signals, False
    reader = module.TokenReader(
        _WORDS,
        _POSITIVE_WORDS,
        tuple((stem, _STEM_FLAGS[stem]) for stem in _STEM_ORDER),
        _BODY_STEMS,
        _HIDING_CLASSES,
        _LAYOUT_WORDS,
        HIDDEN,
        BODY,
        _token_cache,
        _TOKEN_CACHE_SIZE,
    )
    if any(reader.read(token) != _class_token(token) for token in PROBE_TOKENS):
        return python_token_signals, False
    return reader, True


# Tokens whose signals the compiled reader must get right before it is used: words, stems,
# overlapping stems, layout prefixes, separators, non-ASCII letters and the edge cases of each.
PROBE_TOKENS = (
    "",
    "-",
    "article-body",
    "article_body__text",
    "articlebody",
    "story-content",
    "nav__item",
    "navbar2",
    "main-navigation",
    "has-sidebar",
    "with-comments",
    "and-w-sidebar",
    "w-",
    "xno-ads",
    "no_ads",
    "without-ads",
    "withx-ads",
    "sr-only",
    "hidden",
    "overflow-hidden",
    "footerating",
    "crumbreadcrumb",
    "subscribe-newsletter",
    "sharing-share",
    "ad",
    "ads-slot",
    "xad",
    "mostread",
    "read-more",
    "post",
    "posts",
    "İnavi",
    "straßen-teaser",
    "ÿcontent",
    "commentary",
    "popupoverlay",
    "c-1x2y3z",
)


_token_signals, TOKENS_COMPILED = _token_signals_reader()
# Flags and positive hint of a whole class/id string, memoised.
_token_signal = lru_cache(maxsize=16384)(_token_signals)


def signal_fields(signal: Signal) -> tuple[int, int, int, bool, bool]:
    """A signal as the compiled SignalReader gives it: its fields and whether it is EMPTY_SIGNAL."""
    return (signal.flags, signal.neg, signal.pos, signal.article, signal is EMPTY_SIGNAL)


def _element_signals_reader() -> Any:
    """sieb._classtokens.SignalReader (class_signals for the compiled walk, on attribute bytes)
    when the token reader is compiled and it is exact on PROBE_ELEMENTS, else None."""
    if not TOKENS_COMPILED:
        return None
    try:
        from sieb._classtokens import SignalReader

        reader = SignalReader(
            _token_signals,
            SIGNAL_ATTRIBUTES,
            _ROLE_FLAGS,
            _HIDDEN_STYLE.search,
            HIDDEN,
            BODY,
            _NEGATIVE_FLAGS,
        )
        differs = any(
            reader.signal(_TAG_FLAGS.get(tag, 0), attrs) != signal_fields(class_signals(tag, attrs))
            for tag, attrs in PROBE_ELEMENTS
        )
    except Exception:  # e.g. a stale build whose API differs: never let it break the import
        return None
    return None if differs else reader


# Elements the compiled SignalReader must read as class_signals does before the walk uses it:
# every attribute with and without a value, upper case, separators, whitespace, non-ASCII.
PROBE_ELEMENTS: tuple[tuple[str, dict[str, str | None]], ...] = (
    ("div", {}),
    ("nav", {}),
    ("nav", {"class": None}),
    ("div", {"class": "", "id": ""}),
    ("div", {"class": "article-body", "id": "main"}),
    ("div", {"class": "Article-Body Nav__Item", "id": "POST-123"}),
    ("aside", {"class": "has-sidebar\tno-ads\x1cshare", "id": "x"}),
    ("div", {"id": "comments"}),
    ("footer", {"class": "  copyright   \n"}),
    ("div", {"role": "NAVIGATION"}),
    ("div", {"role": "button", "class": "x"}),
    ("div", {"role": None, "hidden": None}),
    ("div", {"hidden": ""}),
    ("div", {"aria-hidden": "true"}),
    ("div", {"aria-hidden": "True"}),
    ("div", {"style": "display: none"}),
    ("div", {"style": "visibility :\thidden;"}),
    ("div", {"style": "display:\xa0none"}),
    ("div", {"style": "overflow:hidden"}),
    ("div", {"itemprop": "articleBody"}),
    ("div", {"itemprop": "articlebody", "class": "story"}),
    ("div", {"class": "\u212aommentar straße", "id": "İnavi"}),
    ("div", {"class": "teaser\xa0main\u2003widget"}),
    ("div", {"class": "sr-only hidden d-none", "id": "SR-ONLY"}),
    ("div", {"class": "x" * 300 + "-sidebar " + "navigation" * 40}),
)
SIGNAL_READER = _element_signals_reader()
SIGNALS_COMPILED = SIGNAL_READER is not None


# Lines that introduce other articles or ask the reader for something: "Read also:", "Lesen Sie
# auch", "Lea también", subscription and donation prompts, reprint notices. Whole-line chrome in
# many languages. Written from general knowledge of news sites, then completed with the phrases
# seen in sieb's held-out errors on trafilatura-dev and, from 2026-12-07 on, on scrapinghub's
# text pages too (wire credits, follow and alert prompts): neither set's figure is blind to them.
BOILERPLATE_STARTS = (
    "read more",
    "read also",
    "also read",
    "see also",
    "related:",
    "related articles",
    "more on this",
    "you may also like",
    "you might also like",
    "recommended for you",
    "explore further",
    "lesen sie auch",
    "lesen sie mehr",
    "lesen sie hier",
    "auch interessant",
    "das könnte sie auch interessieren",
    "mehr zum thema",
    "mehr themen",
    "schon gelesen",
    "weiterlesen",
    "weitere artikel",
    "weitere aktuelle themen",
    "vorschau auf den nächsten artikel",
    "lea también",
    "leer más",
    "puedes ver",
    "artículos relacionados",
    "te puede interesar",
    "à lire aussi",
    "lire aussi",
    "pour lire la suite",
    "czytaj też",
    "czytaj także",
    "leggi anche",
    "potrebbe interessarti",
    "lea más",
    "lea:",
    "mira:",
    "read:",
    "lee también",
    "mira también",
    "mirá también",
    "ver también",
    "leia também",
    "leia mais",
    "veja também",
    "voir aussi",
    "das könnte dich auch interessieren",
    "weitere beiträge",
    "lies auch",
    "dowiedz się więcej",
    "zobacz też",
    "zobacz także",
    "subscribe now",
    "subscribe to",
    "sign up for our",
    "sign up to get",
    "sign up to receive",
    "enter your email address to",
    "gib deine e-mail-adresse ein",
    "um neue beiträge per e-mail",
    "verpasse keine",
    "support our journalism",
    "to view the full story",
    "if you enjoyed reading",
    "we want to hear what you think",
    "submit your letter",
    "jetzt abonnieren",
    "abonnieren sie",
    "unterstützen sie",
    "war der artikel nützlich",
    "war dieser artikel hilfreich",
    "möchten sie den artikel teilen",
    "jede kleine spende",
    "jetzt spenden",
    "donate now",
    "je fais un don",
    "faites un don",
    "faire un don",
    "wenn ihnen unser artikel gefallen hat",
    "wenn ihnen der artikel gefallen hat",
    "wenn ihnen dieser artikel gefallen hat",
    "wenn dir der artikel gefallen hat",
    "wenn dir dieser artikel gefallen hat",
    "hat ihnen der artikel gefallen",
    "hat ihnen dieser artikel gefallen",
    "hat dir der artikel gefallen",
    "if you liked this article",
    "if you enjoyed this article",
    "get the latest news",
    "get breaking news alerts",
    "let our news meet your inbox",
    "like this story?",
    "have a tip?",
    "follow us on",
    "follow me on",
    "follow him on",
    "follow her on",
    "opinions expressed by",
    "this copy is for your personal",
    "reporting by",
    "additional reporting by",
    "editing by",
    "for the latest news",
    "for the latest stories",
    "zapraszamy",
    "all rights reserved",
    "alle rechte vorbehalten",
    "this article is the copyrighted",
    "written permission must",
    "copyright ©",
    "© copyright",
)
BOILERPLATE_LINE = re.compile(
    r"^\W{0,3}(?:" + "|".join(re.escape(p) for p in BOILERPLATE_STARTS) + r")", re.IGNORECASE
)
# Longer blocks are prose that happens to start like this ("Read more about ..." in a sentence).
BOILERPLATE_MAX_CHARS = 220


def is_boilerplate_line(text: str) -> bool:
    """True for a short block that is a teaser lead-in, a reader prompt or a reprint notice."""
    return len(text) <= BOILERPLATE_MAX_CHARS and bool(BOILERPLATE_LINE.match(text))
