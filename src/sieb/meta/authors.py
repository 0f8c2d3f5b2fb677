"""Authors: parse bylines into a list of person names, rejecting what is not a person.

A byline is cut at the first separator, date, "Updated"/"Aktualisiert" or social handle; the
"By"/"Von" prefix is dropped; job titles after a comma are dropped; "A and B", "A und B",
"A, B & C" become a list. A name must look like a name: 2-5 capitalised words (particles such as
"von", "de", "van der" allowed), no digits, URLs or @, and no word that marks an organisation,
a desk or a job ("Redaktion", "dpa", "Staff", "admin"...).
"""

from __future__ import annotations

import re

from selectolax.lexbor import LexborNode

from sieb.meta.fields import AsciiWords

# Words that make a "name" an organisation, agency, desk, role or placeholder (lower case).
_NOT_PERSON = frozenset({
    "admin", "administrator", "redaktion", "redaktionen", "online-redaktion", "newsdesk",
    "desk", "newsroom", "team", "staff", "editor", "editors", "editorial", "reporter",
    "reporters", "correspondent", "correspondents", "writer", "contributor", "contributors",
    "guest", "anonymous", "unknown", "user", "presse", "pressestelle", "pressemitteilung",
    "ministerium", "stadt", "gemeinde", "landkreis", "verlag", "gmbh", "ag", "inc", "ltd",
    "llc", "co", "kg", "agentur", "agency", "media", "medien", "online", "news", "nachrichten",
    "zeitung", "magazin", "magazine", "dpa", "afp", "ap", "reuters", "sid", "epd", "kna", "apa",
    "sda", "bloomberg", "press", "associated", "agencia", "agence", "agenzia", "service",
    "services", "redakteur",
    "redakteurin", "autor", "autorin", "autoren", "author", "authors", "chefredakteur",
    "chefredakteurin", "korrespondent", "korrespondentin", "volontär", "volontärin",
    "praktikant", "praktikantin", "freelance", "freelancer", "photographer", "fotograf",
    "fotografin", "bureau", "chief", "senior", "junior", "deputy", "head", "of", "for", "für",
    "the", "der", "die", "das", "und", "and", "with", "mit", "contact", "kontakt", "home",
    "startseite"
})
# Lower-case words allowed inside a name.
_PARTICLES = frozenset({
    "von", "van", "der", "den", "de", "du", "da", "di", "del", "della", "la", "le", "zu", "zum",
    "ter", "ten", "bin", "ibn", "al", "el", "y", "e"
})
# Where a byline stops: separators, "Updated", dates, times, handles, "Foto"/"Photo" credits.
# The words come after one word boundary: a position inside a word fails all of them at once
# (half the time of one alternative each; parse_byline gives the same on every line of both
# -text sets), and what the cut leaves is stripped.
_CUT = re.compile(
    r"[|•·/\n\t(@]|\s[-–—]\s|https?:|\d{1,4}[./:-]\d|"
    r"\b(?:(?:updated|published|posted|aktualisiert|veröffentlicht|erschienen|publiziert|stand|"
    r"foto|photo|bild|last updated)\b|(?:am|on|vom)\s+\d|on\s+\w+\s+\d|"
    r"(?:ein|\d+)\s+kommentare?\b|\d{1,2}\.?\s+\w+\s+\d{4})",
    re.I,
)
_PREFIX = re.compile(
    r"(?:^|[|•·:]\s*)(?:written\s+by|reported\s+by|posted\s+by|text\s+von|text\s+und\s+fotos?\s+"
    r"von|ein\s+(?:beitrag|artikel|kommentar)\s+von|by|von|par|por|text|autor(?:in)?|author)"
    r"\s*[:]?\s+",
    re.I,
)
_SPLIT_AND = re.compile(r"\s*(?:,|&|\band\b|\bund\b|\bsowie\b|\bwith\b|\bmit\b)\s*", re.I)
_INITIAL = re.compile(r"^[A-ZÀ-Þ]\.(?:-?[A-ZÀ-Þ]\.)*$")
# A name longer than this many characters is a sentence, not a name.
_MAX_NAME_CHARS = 50
# At most this many authors are kept (a longer list is a contributor roll, not a byline).
_MAX_AUTHORS = 8
# Ancestors climbed to see whether a byline candidate sits in comments, teasers or the footer.
_ANCESTOR_DEPTH = 6
_FOREIGN = AsciiWords(r"comment|kommentar|related|teaser|footer|sidebar|widget|promo|newsletter"
                     r"|author-?box|author-?bio|bio\b|card|recommend|empfehl|reply"
                     r"|reviews|bewertungen|testimonial")
# Longest text of a byline container that is parsed as a whole (longer ones are bios or bodies).
_MAX_BYLINE_CHARS = 200


def is_person(name: str) -> bool:
    """True when `name` looks like a person's name (2-5 words, capitalised, no org words)."""
    if not 4 <= len(name) <= _MAX_NAME_CHARS or any(c.isdigit() for c in name):
        return False
    if any(mark in name for mark in ("@", "/", "http", "www.", "_", "=", "?", "!", "#", "\"")):
        return False
    words = name.split()
    if not 2 <= len(words) <= 5:
        return False
    capitalised = 0
    for word in words:
        bare = word.strip(".,'’-")
        if bare.lower() in _PARTICLES:
            continue
        if bare.lower() in _NOT_PERSON:
            return False
        if not bare or not (bare[0].isupper() or _INITIAL.match(word)):
            return False
        if word.isupper() and len(bare) > 3:
            return False  # "STAFF WRITER", "DPA" (all caps words are labels, not names)
        capitalised += 1
    # "Ada Lovelace", "Ursula von der Leyen"; a lone capitalised word among particles is not,
    # nor are initials alone ("R. R.").
    return capitalised >= 2 and any(len(word.strip(".,'’-")) > 1 for word in words)


def parse_byline(text: str) -> list[str]:
    """Person names in a byline ("Von A und B | 12.02.2026" -> ["A", "B"])."""
    text = " ".join(text.split())
    if not text:
        return []
    prefix = _PREFIX.search(text)
    if prefix:
        text = text[prefix.end():]
    cut = _CUT.search(text)
    if cut:
        text = text[: cut.start()]
    names: list[str] = []
    for part in _SPLIT_AND.split(text):
        part = part.strip(" .,;:-–—")
        if part and is_person(part) and part not in names:
            names.append(part)
        elif part and names and not is_person(part):
            # "Dale Hutchins, Staff Writer": a job title after a name ends the byline.
            break
    return names[:_MAX_AUTHORS]


def clean_names(raw: list[str]) -> list[str]:
    """Names from structured sources (JSON-LD, meta): split lists, drop non-persons, dedupe."""
    names: list[str] = []
    for value in raw:
        for name in parse_byline(value):
            if name not in names:
                names.append(name)
    return names[:_MAX_AUTHORS]


def _foreign(node: LexborNode) -> bool:
    current: LexborNode | None = node
    for _ in range(_ANCESTOR_DEPTH):
        if current is None:
            return False
        attrs = current.attributes
        if current.tag in ("footer", "aside", "nav") or _FOREIGN.search(
            f"{attrs.get('class') or ''} {attrs.get('id') or ''}"
        ):
            return True
        current = current.parent
    return False


def visible_authors(bylines: list[tuple[int, LexborNode]]) -> list[str]:
    """Authors from visible byline markup (ranked candidates from `sieb.meta.scan`), skipping
    comments, teasers and footers; the first candidate that yields a person wins."""
    for _, node in bylines:
        if node.tag in ("meta", "link") or _foreign(node):
            continue
        target = node
        # A linked name inside a byline line: parse the whole line, so "A and B" stays whole.
        parent = node.parent
        if (node.tag in ("a", "span") and parent is not None and parent.tag != "body"
                and len(parent.text(deep=True)) <= _MAX_BYLINE_CHARS):
            target = parent
        text = target.text(deep=True, separator=" ")
        if len(text) > _MAX_BYLINE_CHARS:
            continue
        names = parse_byline(text)
        if not names and target is not node:
            names = parse_byline(node.text(deep=True, separator=" "))
        if names:
            return names
    return []
