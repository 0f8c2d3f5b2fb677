"""The headline a page's URL names: news and blog URLs carry their headline as a slug
("/2019/11/19/new-suvs-and-electric-vehicles-highlight-la-auto-show/"), a signal that flattened
text keeps while it loses the page's <title> and <h1>.

The rules pick the title by its place (the headline-shaped line nearest above the body), which
fails where a byline, a kicker or a caption stands there. A headline-shaped line whose words are
mostly the slug's and that holds most of them is the headline instead. Text mode's title agreed
with HTML extraction's on 55 of 181 scrapinghub-text and 184 of 491 trafilatura-dev-text pages;
with this step 119 and 298, and with roles._fuller_title too 129 and 319
(`benchmarks/text_bench.py`, `metadata_agreement`), held-out F1 within 0.0003 of before; with
lines matched again in the URL's letters where none matched as written (fold_letters:
"Calendário" for /calendario-/, "Bürger" for /buerger-/, "epidemiologist's" for
/epidemiologists-/) 132 and 340, and with lines not shaped like headlines taken when nearly the
slug (STRICT_SHARE) 132 and 346, F1 within 0.0002; with a line's numbers left out of the
share that ranks it (the slug leaves them out) 134 and 346. The thresholds were set by looking
at both sets; neither is blind to them. Cost: about 3 % of text mode's time (the lines' texts
are read once more, after the model), and about 1.5 % for the second and third passes
(callgrind, trafilatura-dev-text: 73 k instructions a page for the first pass, 130 k for all
three).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from urllib.parse import unquote

from sieb.compiled import compiled_module
from sieb.text.lines import PROBE_TEXTS, LineFeatures, python_measure
from sieb.text.roles import Decision, R, first_index_of

# The file extensions a slug may end in, lower-cased.
EXTENSIONS = (".html", ".htm", ".shtml", ".shtm", ".php", ".asp", ".aspx", ".cms", ".jsp")
# A slug names a headline from this many words ("/news/12345/" or "/de/kultur/" do not), and is
# read up to this many (a longer one is no headline's; it bounds the work a page can ask for).
MIN_SLUG_WORDS = 3
MAX_SLUG_WORDS = 40
# A headline line holds this share of the slug's words, and this share of its own words are the
# slug's (headlines drop or add a word or two: "...highlight L.A. Auto Show").
SLUG_SHARE = 0.6
LINE_SHARE = 0.5
# A line not shaped like a headline (a full stop at its end, a lower-case start) names it only
# when it is nearly the slug: this share of the slug's words, and of its own words.
STRICT_SHARE = 0.8
# A headline is shorter than twice its slug's words and spaces, and this (CJK-weighted
# characters, as LineFeatures.chars).
SLACK_CHARS = 20

# Words: runs of letters and digits (re's [^\W_], str.isalnum).
_WORD = re.compile(r"[^\W_]+")

NAMED_REASON = "the headline the page's URL names"
_NAMED = Decision(R.TITLE, True, NAMED_REASON)
# What the rules took for the title, where the URL names another line: a kicker, a byline, a
# caption or the headline repeated, seldom a standfirst (keeping it as one lost 0.0014 F1 on
# scrapinghub-text, whose bodies leave standfirsts out, and gained nothing on
# trafilatura-dev-text).
_NOT_NAMED = Decision(R.NAVIGATION, False, "headline-shaped line, not the headline the URL names")


def python_slug_words(url: str | None) -> tuple[str, ...]:
    """The words of the URL path's wordiest segment (of equals the last: the slug, not a
    section), lower-cased, without numbers alone and the file extension, the first
    MAX_SLUG_WORDS of them; () when it has fewer than MIN_SLUG_WORDS, or for no URL (None, or
    not a string) (the definition; the compiled twin is sieb.text._rules.slug_words)."""
    if not url or not isinstance(url, str):
        return ()
    scheme = url.find("://")
    rest = url[scheme + 3 :] if scheme >= 0 else url
    slash = rest.find("/")
    if slash < 0:
        return ()
    path = rest[slash:].split("?", 1)[0].split("#", 1)[0]
    if "%" in path:
        path = unquote(path)
    best: list[str] = []
    for segment in path.split("/"):
        segment = segment.lower()
        if segment.endswith(EXTENSIONS):
            segment = segment[: segment.rfind(".")]
        words = [w for w in _WORD.findall(segment) if not w.isdigit()]
        if len(words) >= len(best):
            best = words
    return tuple(best[:MAX_SLUG_WORDS]) if len(best) >= MIN_SLUG_WORDS else ()


def _match(
    low: str, slug: frozenset[str], words: tuple[str, ...], slug_min: float, line_min: float
) -> float:
    """Slug share + line share of a lower-cased line, or 0.0 when either is below its bound.
    A line's numbers alone count among its words for the bound, but not in the share that
    ranks it, as a slug leaves them out ("Calendário Stock Car 2018" ranks above "Calendário da
    Stock Car" for /calendario-stock-car-2018/)."""
    found = _WORD.findall(low)
    if not found:
        return 0.0
    present = frozenset(found)
    slug_share = sum(w in present for w in words) / len(words)
    hits = sum(w in slug for w in found)
    if slug_share < slug_min or hits / len(found) < line_min:
        return 0.0
    return slug_share + hits / max(1, len(found) - sum(map(str.isdigit, found)))


# Hyphens and dashes (U+2010-U+2015): spaces where a line is spelt as its URL would be.
_DASHES = tuple(map(chr, range(0x2010, 0x2016)))


def fold_letters(low: str, german: bool) -> str:
    """A lower-cased line in the ASCII letters a URL spells it with: accents dropped ("á" ->
    "a"), "ß" -> "ss", and with `german` "ä", "ö", "ü" -> "ae", "oe", "ue"; dashes are spaces,
    apostrophes and characters without an ASCII form are left out ("don’t", "don't" ->
    "dont")."""
    if german:
        low = low.replace("ä", "ae").replace("ö", "oe").replace("ü", "ue")
    low = low.replace("ß", "ss").replace("'", "")
    for dash in _DASHES:  # str.replace, several times faster here than str.translate
        low = low.replace(dash, " ")
    return unicodedata.normalize("NFKD", low).encode("ascii", "ignore").decode("ascii")


def _score(
    low: str, key: str, spelt: str, slug: frozenset[str], words: tuple[str, ...], bounds: tuple
) -> float:
    """_match (`bounds`: its slug and line shares) of a line that holds the slug's longest word
    `key` and not the URL itself (the slug `spelt` with its hyphens, an address), else 0.0."""
    if key not in low or spelt in low or "://" in low or "%2f" in low:
        return 0.0
    return _match(low, slug, words, *bounds)


def _lettered_score(
    low: str, key: str, spelt: str, slug: frozenset[str], words: tuple[str, ...], bounds: tuple
) -> float:
    """The best _score of a line as the URL would spell it (fold_letters, with and without the
    German umlauts' spelling); 0.0 for a line of ASCII letters and no apostrophe (nothing to
    fold) or without the slug's longest word's first or last three letters as written."""
    if (low.isascii() and "'" not in low) or (key[:3] not in low and key[-3:] not in low):
        return 0.0
    score = _score(fold_letters(low, False), key, spelt, slug, words, bounds)
    if "ä" in low or "ö" in low or "ü" in low:  # else folded alike
        score = max(score, _score(fold_letters(low, True), key, spelt, slug, words, bounds))
    return score


def python_named_headline(feats: list[LineFeatures], words: tuple[str, ...]) -> int | None:
    """Index of the line that best matches the slug `words` (the first of equals), or None (the
    definition; the compiled twin is sieb.text._rules.named_headline). A line must hold the
    slug's longest word, and not the URL itself (a share link, the address printed in a
    footer). Three passes, each only where the ones before matched no line:
    1. headline-shaped lines (LineFeatures.is_headline) as written, at SLUG_SHARE / LINE_SHARE;
    2. for an ASCII slug, those with other letters or apostrophes as the URL would spell them
       (fold_letters: "Calendário" for "calendario", "Bürger" for "buerger");
    3. other lines, both ways, at STRICT_SHARE of the slug's words and of their own."""
    if not words or not feats:
        return None
    key = max(words, key=len)
    slug = frozenset(words)
    spelt = "-".join(words[:MIN_SLUG_WORDS])
    joined = " ".join(words)
    max_chars = 2 * len(joined) + SLACK_CHARS
    lettered = joined.isascii()
    loose, strict = (SLUG_SHARE, LINE_SHARE), (STRICT_SHARE, STRICT_SHARE)
    args = (key, spelt, slug, words)

    def written(low: str) -> float:
        return _score(low, *args, loose)

    def spelt_as_url(low: str) -> float:
        return _lettered_score(low, *args, loose)

    def nearly_the_slug(low: str) -> float:
        score = _score(low, *args, strict)
        return max(score, _lettered_score(low, *args, strict)) if lettered else score

    best = _best_line(feats, True, written, max_chars)
    if best is None and lettered:
        best = _best_line(feats, True, spelt_as_url, max_chars)
    if best is None:
        best = _best_line(feats, False, nearly_the_slug, max_chars)
    return best


def _best_line(
    feats: list[LineFeatures], headlines: bool, score: Callable[[str], float], max_chars: int
) -> int | None:
    """The index of the best-scoring line (the first of equals) among the headline-shaped ones
    (`headlines`) or the others, shorter than `max_chars`; None where none scores above 0."""
    best, best_score = None, 0.0
    for i, f in enumerate(feats):
        if bool(f.is_headline) is headlines and f.chars < max_chars:
            value = score(f.low)
            if value > best_score:
                best, best_score = i, value
    return best


# URLs and pages on which the compiled twins must agree with the definitions.
_PROBE_URLS = (
    None,
    "",
    b"https://example.org/news/council-approves-budget",
    "https://example.org",
    "https://example.org/news/2019/11/new-suvs-and-electric-vehicles-highlight-la-auto-show/",
    "https://example.com/sports/lebron-sets-triple-double-mark-14848253.PHP?x=1#top",
    "https://example.de/stadt/b%C3%BCrger-fragen-den-rat_2024-%E2%80%93-live",
    "//example.de/a/b/İstanbul-ΣΟΦΙΑ-straße-x.shtml",
    "example.org/a.b/c.html/1-2-3/x_y_z",
    "https://example.org/12345/678",
    "http://[::1",
    "https://example.org/" + "-".join(f"w{k}x" for k in range(60)),
)
# Pages whose headline the URL spells in other letters, with their slugs.
_PROBE_LETTERED = (
    ("Stock Car\n\nCalendário Stock Car 2018\n\nTexto.", ("calendario", "stock", "car", "2018")),
    ("Bürger\n\nMerkel trifft Bürger in Straßburg\n", ("merkel", "trifft", "buerger")),
    ("Merkel trifft Bürger in Straßburg", ("merkel", "strassburg", "buerger")),
    ("Don’t stop the music – ça va", ("dont", "stop", "music")),
    ("Meet the Swede who tattooed an epidemiologist's face", ("swede", "epidemiologists", "face")),
    ("Bürger trifft Bürger", ("bürger", "trifft", "x")),
    ("Menü\n\ncreditshelf kooperiert mit ihm.", ("creditshelf", "kooperiert", "mit", "ihm")),
    (
        "California’s Disasters Are a Warning—Climate Change.",
        ("californias", "disasters", "are", "a", "warning", "climate", "change"),
    ),
)


def _compiled() -> tuple[Callable, Callable] | None:
    """The compiled twins, when built, enabled and in agreement on the probes; else None."""
    module = compiled_module("sieb.text._rules")
    if module is None or not hasattr(module, "named_headline"):
        return None

    def slug(url: str | None) -> tuple[str, ...]:
        return module.slug_words(url, EXTENSIONS, MIN_SLUG_WORDS, MAX_SLUG_WORDS)

    bounds = (MIN_SLUG_WORDS, SLUG_SHARE, LINE_SHARE, SLACK_CHARS, STRICT_SHARE)

    def named(feats: list[LineFeatures], words: tuple[str, ...]) -> int | None:
        return module.named_headline(feats, words, bounds, fold_letters)

    for url in _PROBE_URLS:
        if slug(url) != python_slug_words(url):
            return None
    for text, words in _PROBE_LETTERED:
        feats = python_measure(text)
        if named(feats, words) != python_named_headline(feats, words):
            return None
    for text in PROBE_TEXTS:
        feats = python_measure(text)
        for words in {tuple(f.low.split()[:6]) for f in feats if f.words >= 3}:
            if named(feats, words) != python_named_headline(feats, words):
                return None
    return slug, named


_COMPILED = _compiled()
slug_words: Callable[[str | None], tuple[str, ...]] = (
    _COMPILED[0] if _COMPILED else python_slug_words
)
named_headline: Callable[[list[LineFeatures], tuple[str, ...]], int | None] = (
    _COMPILED[1] if _COMPILED else python_named_headline
)


def with_named_headline(
    feats: list[LineFeatures], decisions: list[Decision], url: str | None
) -> list[Decision]:
    """The decisions with the headline the URL names as the title (when a line matches and the
    rules chose another, whose line is then left out); other lines keep their decisions."""
    named = named_headline(feats, slug_words(url))
    if named is not None:
        named = _copy_over_body(feats, decisions, named)
    if named is None or decisions[named].role is R.TITLE:
        return decisions
    out = list(decisions)
    title = first_index_of(decisions, R.TITLE)  # compiled: no list of all the roles
    if title >= 0:  # the rules give one title at most
        out[title] = _NOT_NAMED
    out[named] = _NAMED
    return out


def _copy_over_body(feats: list[LineFeatures], decisions: list[Decision], named: int) -> int:
    """The last line with `named`'s text before the first other kept line, byline or date line
    after it: a headline stands right over its byline or its article, and its copies above (a
    breadcrumb's last item, a sidebar of the section's articles, a sticky header, a teaser
    image's alt text) are navigation; a copy below the byline is the lead image's. `named`
    where it has no such copy."""
    text = feats[named].text
    best = named
    for j in range(named + 1, len(feats)):
        if feats[j].text == text:
            best = j
        elif decisions[j].kept or decisions[j].role in _UNDER_HEADLINE:
            break
    return best


# Roles of the lines that stand right under a headline, before its article.
_UNDER_HEADLINE = frozenset((R.BYLINE, R.DATE))
