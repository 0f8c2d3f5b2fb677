"""Dates: candidate strings -> ISO 8601, plus the two page-level sources (`<time>`, the URL).

No general date parsing is written here. A candidate is tried with `datetime.fromisoformat`
(machine-readable metadata is ISO 8601 almost always), then RFC 2822 (HTTP-style dates), then
htmldate's fast rule-based parser (`try_date_expr` with `extensive_search=False`, so the slow
dateparser is never called). htmldate never sees the whole page. Only `relative_date` (a
comment's "3 hours ago" against the time the page was fetched) calls dateparser.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from email.utils import parsedate_to_datetime

from htmldate.extractors import try_date_expr
from selectolax.lexbor import LexborNode

# Earliest plausible publication date of a web page (htmldate's default is 1995-01-01 too).
MIN_DATE = datetime(1995, 1, 1)
# Dates later than now plus this margin are rejected (time zones, clocks slightly ahead).
_FUTURE_MARGIN = timedelta(days=2)
# YYYY/MM/DD, YYYY-MM-DD or YYYY_MM_DD in a URL path (the same rule as htmldate's COMPLETE_URL).
_URL_DATE = re.compile(r"\D((?:199|20[0-9])[0-9])[/_-]([01]?[0-9])[/_-]([0-3]?[0-9])(?:\D|$)")
_UPDATED = re.compile(r"updat|modif|aktualisiert|geändert|änderung|changed|edited|bearbeitet"
                      r"|\bstand\b", re.I)
UPDATED = _UPDATED  # also read by sieb.metadata
_COMMENTS = re.compile(r"comment|kommentar|reply|replies|respond", re.I)
# Ancestors climbed to see whether a <time> sits in an "updated" or comments container.
_ANCESTOR_DEPTH = 4
# Ancestors climbed to see whether a <time> sits in an article, main or header element.
_SCOPE_DEPTH = 12


def _latest() -> datetime:
    return datetime.now() + _FUTURE_MARGIN


def _plausible(value: datetime) -> bool:
    naive = value.replace(tzinfo=None)
    return MIN_DATE <= naive <= _latest()


def normalise_date(text: str | None) -> str | None:
    """An ISO 8601 date or datetime (with its offset when the source gave one), else None.

    A date-only input stays a date; a datetime at exactly midnight without offset is taken to be
    a date written as a datetime (CMS default) and also becomes a date.
    """
    if not text:
        return None
    text = text.strip()[:64]
    if not text:
        return None
    value: datetime | None = None
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        try:
            value = parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            value = None
    if value is not None:
        if not _plausible(value):
            return None
        is_date = len(text) <= 10 or (value.tzinfo is None and value.time() == datetime.min.time())
        if is_date:
            return value.date().isoformat()
        return value.isoformat(timespec="seconds")
    return fuzzy_date(text)


def fuzzy_date(text: str) -> str | None:
    """Free-form dates ("12.02.2026, 17:45 Uhr", "September 18, 2025") via htmldate's rules."""
    found = try_date_expr(text, "%Y-%m-%d", False, MIN_DATE, _latest())
    return found if found else None


def url_date(url: str | None) -> str | None:
    """A date written into the URL path, like /2024/03/05/ or /2024-03-05-title."""
    if not url:
        return None
    match = _URL_DATE.search(url)
    if not match:
        return None
    try:
        value = date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None
    return value.isoformat() if _plausible(datetime.combine(value, datetime.min.time())) else None


def _context(node: LexborNode) -> str:
    """Class, id and itemprop of the node and a few ancestors, as one string."""
    parts: list[str] = []
    current: LexborNode | None = node
    for _ in range(_ANCESTOR_DEPTH):
        if current is None:
            break
        attrs = current.attributes
        parts.extend((attrs.get("class") or "", attrs.get("id") or "", attrs.get("itemprop") or ""))
        current = current.parent
    return " ".join(parts)


def _time_value(node: LexborNode) -> str | None:
    attrs = node.attributes
    return normalise_date(attrs.get("datetime") or attrs.get("content") or node.text(deep=True))


def _inside(node: LexborNode, tags: tuple[str, ...]) -> bool:
    current = node.parent
    for _ in range(_SCOPE_DEPTH):
        if current is None:
            return False
        if current.tag in tags:
            return True
        current = current.parent
    return False


def time_dates(nodes: list[LexborNode]) -> tuple[str | None, str | None]:
    """Published and modified dates from `<time>` elements (and `itemprop` date markup).

    Explicit markup first (`itemprop=datePublished/dateModified`, `<time pubdate>`); otherwise the
    first `<time>` inside `article`, then `main`/`header`, then anywhere, skipping times in
    comments; a time whose own or parents' class says "updated" is the modified date.
    """
    published = modified = None
    times = [node for node in nodes if node.tag == "time"]
    for node in nodes:
        prop = (node.attributes.get("itemprop") or "").lower()
        if prop == "datepublished" and published is None:
            published = _time_value(node)
        elif prop == "datemodified" and modified is None:
            modified = _time_value(node)
    if published is None:
        for node in times:
            if "pubdate" in node.attributes and (published := _time_value(node)):
                break
    if published and modified:
        return published, modified
    scopes: tuple[list[LexborNode], ...] = ([], [], [])
    for node in times:
        if _inside(node, ("article",)):
            scopes[0].append(node)
        elif _inside(node, ("main", "header")):
            scopes[1].append(node)
        else:
            scopes[2].append(node)
    for scope in scopes:
        for node in scope:
            context = _context(node)
            if _COMMENTS.search(context):
                continue
            value = _time_value(node)
            if value is None:
                continue
            if _UPDATED.search(context):
                modified = modified or value
            elif published is None:
                published = value
        if published:
            break
    return published, modified


# Words of a date written relative to now ("3 hours ago", "vor 2 Tagen", "gestern", "hace 3
# días", "il y a 2 jours"): only such texts are given to dateparser.
_RELATIVE = re.compile(
    r"\b(?:ago|vor|yesterday|gestern|vorgestern|today|heute|just now|gerade eben|hace|il y a|"
    r"fa|geleden|temu|atrás)\b",
    re.I,
)
# Units fine enough for the result to keep its time of day; coarser ones give the day.
_WITHIN_A_DAY = re.compile(
    r"\b(?:sec|second|min|minute|hour|hr|sekunde|stunde|segundo|minuto|hora|seconde|"
    r"heure|just now|gerade eben)", re.I
)
_CLOCK = re.compile(r"\d{1,2}:\d{2}")
RELATIVE_MAX_CHARS = 48


def relative_date(text: str | None, fetched: datetime) -> str | None:
    """A date written relative to when the page was `fetched` ("3 hours ago", "vor 2 Tagen",
    "gestern"), as ISO 8601, else None.

    Minutes and hours keep their time (in `fetched`'s offset, if it has one); a day or more, or
    a clock time of the site's unknown zone ("gestern, 14:30"), gives the day only.
    """
    if not text or len(text) > RELATIVE_MAX_CHARS or not _RELATIVE.search(text):
        return None
    import dateparser  # slow to import and to run: only for the rare relative date

    base = fetched.replace(tzinfo=None)  # the fetch's wall time, in its own offset
    settings = {"RELATIVE_BASE": base, "PREFER_DATES_FROM": "past",
                "RETURN_AS_TIMEZONE_AWARE": False}
    try:
        value = dateparser.parse(text.strip(), settings=settings)
    except Exception:  # dateparser raises several kinds on odd input
        return None
    if value is None or value > base or value < MIN_DATE:
        return None
    if _WITHIN_A_DAY.search(text) and not _CLOCK.search(text):
        return value.replace(tzinfo=fetched.tzinfo).isoformat(timespec="seconds")
    return value.date().isoformat()


def parse_fetched(text: str | None) -> datetime | None:
    """When a page was fetched (ISO 8601, as a WARC-Date), or None when absent or unreadable."""
    if not text:
        return None
    try:
        return datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
