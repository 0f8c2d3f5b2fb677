"""Field cleaning: titles without site-name suffixes, ISO 639-1 languages, absolute URLs."""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

# Separators between a title and a site name / section in <title> and og:title.
_TITLE_SEPARATORS = re.compile(r"(\s+(?:\||-|–|—|::|»|·|•|/|:)\s+)")
# A trailing segment of at most this many words is taken to be a site name or section.
_MAX_SUFFIX_WORDS = 5
_LANGUAGE_NAMES = {
    "german": "de", "deutsch": "de", "english": "en", "englisch": "en", "french": "fr",
    "français": "fr", "francais": "fr", "spanish": "es", "español": "es", "italian": "it",
    "italiano": "it", "dutch": "nl", "nederlands": "nl", "polish": "pl", "polski": "pl",
    "portuguese": "pt", "português": "pt", "russian": "ru", "русский": "ru",
}
# ISO 639-2 codes seen in lang attributes, mapped to ISO 639-1.
_ISO639_2 = {
    "deu": "de", "ger": "de", "eng": "en", "fra": "fr", "fre": "fr", "spa": "es", "ita": "it",
    "nld": "nl", "dut": "nl", "pol": "pl", "por": "pt", "rus": "ru", "ces": "cs", "cze": "cs",
    "swe": "sv", "dan": "da", "nor": "no", "fin": "fi", "tur": "tr", "jpn": "ja", "zho": "zh",
    "chi": "zh", "ara": "ar", "ukr": "uk", "hun": "hu", "ell": "el", "gre": "el",
}
_NOT_A_LANGUAGE = frozenset({"x", "i", "und", "mul", "zxx", "mis"})


class AsciiWords:
    """A case-insensitive search for an ASCII-only pattern (class/id words), fast on ASCII text.

    With `re.I` sre tries every alternative at every position, folding each character. On ASCII
    text the same pattern without `re.I`, searched in the lower-cased text, finds a match exactly
    when the `re.I` one does: an ASCII pattern letter folds to a non-ASCII character only for
    U+212A, U+017F and U+0131, which ASCII text does not hold, and lower-casing ASCII keeps
    `\\b`/`\\w` and every position. The case-sensitive pattern lets sre skip ahead to the first
    letters of its alternatives. Other text is searched with `re.I` as before.
    """

    __slots__ = ("_folded", "_lower")

    def __init__(self, pattern: str) -> None:
        if not pattern.isascii() or pattern != pattern.lower():
            raise ValueError("AsciiWords needs a lower-case ASCII pattern")
        self._folded = re.compile(pattern, re.I)
        self._lower = re.compile(pattern)

    def search(self, text: str) -> bool:
        """True when the pattern occurs in `text`, ignoring case (as `re.I` does)."""
        if text.isascii():
            return self._lower.search(text.lower()) is not None
        return self._folded.search(text) is not None


def normalise_language(value: str | None) -> str | None:
    """An ISO 639-1 code from a language tag, locale or name ("de-DE", "de_AT", "German")."""
    if not value:
        return None
    value = value.strip().split(",")[0].strip().lower()
    if value in _LANGUAGE_NAMES:
        return _LANGUAGE_NAMES[value]
    primary = re.split(r"[-_\s]", value, maxsplit=1)[0]
    if primary in _NOT_A_LANGUAGE:
        return None
    if len(primary) == 3:
        return _ISO639_2.get(primary)
    if len(primary) == 2 and primary.isascii() and primary.isalpha():
        return primary
    return None


def _same(a: str, b: str) -> bool:
    fold = re.compile(r"[\W_]+")
    x, y = fold.sub("", a.casefold()), fold.sub("", b.casefold())
    return bool(x) and bool(y) and (x == y or x in y or y in x)


def has_title_separator(title: str) -> bool:
    """True when the title holds a separator that may set off a site name or section."""
    return _TITLE_SEPARATORS.search(title) is not None


def clean_title(title: str | None, site_name: str | None = None,
                heading: str | None = None) -> str | None:
    """The title without " | Site", " - Section | Site" or "Site: " additions.

    When the page's h1 equals one segment, that segment is the title; segments naming the site
    are dropped; then short trailing segments are dropped while they are shorter than the first
    (a title rarely ends in a 1-5 word segment shorter than its start).
    """
    if not title:
        return None
    title = " ".join(title.split())
    pieces = _TITLE_SEPARATORS.split(title)
    # (separator before, segment) pairs; re.split with a group alternates segment, separator.
    segments = [("", pieces[0]), *zip(pieces[1::2], pieces[2::2], strict=True)]
    if len(segments) == 1:
        return title or None
    if heading:
        # the page's own headline may hold a separator ("Kettle 1.0 L – Black | Shop")
        for end in range(len(segments), 1, -1):
            joined = "".join(sep + part for sep, part in segments[:end])
            if _same(joined, heading) and 0.8 <= len(joined) / len(heading) <= 1.25:
                return joined
        for _, part in segments:
            if _same(part, heading) and 0.8 <= len(part) / len(heading) <= 1.25:
                return part
    if site_name:
        kept = [s for s in segments if not _same(s[1], site_name)]
        if kept:
            segments = [("", kept[0][1]), *kept[1:]]
    while len(segments) > 1 and len(segments[-1][1].split()) <= _MAX_SUFFIX_WORDS \
            and len(segments[-1][1]) < len(segments[0][1]):
        segments.pop()
    return "".join(sep + part for sep, part in segments)


def drop_series_prefix(title: str, heading: str | None) -> str:
    """The page's h1 when the title is that h1 after a short "Series: " prefix.

    Newsletters and columns put their name before the headline in <title> and og:title
    ("City Hall Weekly: Why the council ..."), with a colon that `clean_title` does not take
    for a separator (it is one inside many headlines); the h1 shows the headline alone.
    """
    if not heading:
        return title
    prefix, colon, rest = title.partition(": ")
    if colon and len(prefix.split()) <= _MAX_SUFFIX_WORDS and " ".join(rest.split()) == heading:
        return heading
    return title


def absolute_url(value: str | None, base: str | None) -> str | None:
    """`value` made absolute against `base`; None unless the result is http(s)."""
    if not value:
        return None
    value = value.strip()
    try:
        joined = urljoin(base, value) if base else value
        parts = urlsplit(joined)
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    return joined
