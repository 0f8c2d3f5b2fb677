"""Stage 4 of text mode: lines with roles -> `Article` (blocks, title, metadata, `lines`)."""

from __future__ import annotations

import re
from collections import deque
from dataclasses import fields
from datetime import date, timedelta
from itertools import repeat
from operator import attrgetter
from typing import Protocol

from sieb.article import Article, Block, BlockKind, Line, LineRole
from sieb.compiled import compiled_module
from sieb.language import guess_language
from sieb.meta.authors import parse_byline
from sieb.meta.dates import fuzzy_date, url_date
from sieb.render import blocks_to_text
from sieb.text import patterns as P
from sieb.text.headline import NAMED_REASON as NAMED_HEADLINE_REASON
from sieb.text.lines import PROBE_TEXTS, LineFeatures, python_measure
from sieb.text.roles import Decision, R, assign, is_table_row

# Body text (characters) from which a page counts as an article; below it, a short text is a stub.
# 500 is about the shortest article body in the scrapinghub ground truth (its 1st percentile).
_ARTICLE_CHARS = 500
# Confidence grows with the share of the page's prose that the body holds; pages whose body is
# under this share of all text are mostly chrome.
_MIN_SHARE = 0.05

# The language is guessed by stop words where they leave no doubt (`language.guess_language`):
# on the bodies of both -text sets the guess answered for 591 pages and agreed with py3langid on
# 590 (the other is a mixed page); py3langid decides the remaining 78.

_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_DOTTED = re.compile(r"\b(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4})\b")
_MONTH_NUMBERS = {
    m: i
    for i, names in enumerate(
        (
            "jan januar january",
            "feb februar february",
            "mar märz march",
            "apr april",
            "may mai",
            "jun juni june",
            "jul juli july",
            "aug august",
            "sep sept september",
            "oct okt oktober october",
            "nov november",
            "dec dez dezember december",
        ),
        1,
    )
    for m in names.split()
}
_MONTH_DAY_YEAR = re.compile(r"\b([A-Za-zä]{3,9})\.? (\d{1,2}),? (\d{4})\b")
_DAY_MONTH_YEAR = re.compile(r"\b(\d{1,2})\.? ([A-Za-zä]{3,9})\.? (\d{4})\b")


def build_article(
    feats: list[LineFeatures],
    decisions: list[Decision],
    url: str | None,
    language: str | None,
    description: str | None = None,
) -> Article:
    """The `Article` of a page whose lines have been given roles (`description`: the page's
    summary, when a stage found one)."""
    lines, blocks, text, (title_at, byline_at, dates, total, consent) = _assembly(
        feats, decisions
    )
    title = lines[title_at].text if title_at >= 0 else None
    sources: dict[str, str] = {}
    if title:
        named = lines[title_at].reason == NAMED_HEADLINE_REASON
        sources["title"] = "url-slug-line" if named else "text-line"
    if language is None and text:
        language, source = guess_language(text)
        if language:
            sources["language"] = source
    authors = _first_authors(lines, byline_at) if byline_at >= 0 else ()
    published, published_from = _published(lines, dates, url)
    if authors:
        sources["authors"] = "byline-line"
    else:
        authors = _dated_byline_authors(lines, dates)
        if authors:
            sources["authors"] = "date-line"
    if published:
        sources["published"] = published_from
    total = total or 1
    share = len(text) / total
    if len(text) >= _ARTICLE_CHARS:
        page_type = "article"
        confidence = min(1.0, 0.5 + share) if share >= _MIN_SHARE else 0.3
    else:
        page_type = _short_page_type(consent, total, text)
        confidence = 0.2 * min(1.0, len(text) / _ARTICLE_CHARS)
    # title authors published modified url site_name language description image tags text
    # blocks lines confidence page_type sources page_chars comments
    return _article((
        title, authors, published, None, url, None, language, description, None, (), text,
        blocks, lines, confidence, page_type, sources, 0, None,
    ))  # fmt: skip


# Article's fields, in the order of the values `_article` takes (build_article passes them in
# this order: tests/test_text_assemble.py checks it).
_ARTICLE_FIELDS = tuple(f.name for f in fields(Article))


def _article(values: tuple) -> Article:
    """The Article of `values`, one per field of `_ARTICLE_FIELDS`."""
    if _ASSEMBLER is not None:
        return _ASSEMBLER.article(values)
    return python_article(values)


def python_article(values: tuple) -> Article:
    """`_article` in Python (the definition)."""
    return Article(*values)


def _short_page_type(consent: int, total: int, text: str) -> str:
    """A page without an article: "consent" when consent lines (`consent` of the page's `total`
    chars) are most of it (a consent wall, as HTML extraction says), else "short" or "empty"."""
    if consent * 2 >= total and consent:
        return "consent"
    return "short" if text else "empty"


_new = object.__new__
_SET_NUMBER, _SET_TEXT, _SET_ROLE, _SET_KEPT, _SET_REASON = (
    getattr(Line, name).__set__ for name in ("number", "text", "role", "kept", "reason")
)
_NUMBER, _TEXT, _CHARS = (attrgetter(name) for name in ("number", "text", "chars"))
_ROLE, _KEPT, _REASON = (attrgetter(name) for name in ("role", "kept", "reason"))


def _assembly(feats: list[LineFeatures], decisions: list[Decision]) -> Assembly:
    """A page's lines, body blocks, body text and tally (see `python_assemble`)."""
    if _ASSEMBLER is not None:
        return _ASSEMBLER.assemble(feats, decisions)
    return python_assemble(feats, decisions)


def python_assemble(feats: list[LineFeatures], decisions: list[Decision]) -> Assembly:
    """A page's lines, body blocks, body text and tally (the definition; `Assembler.assemble`
    is the compiled twin)."""
    blocks = tuple(python_blocks(feats, decisions))
    return (
        python_lines(feats, decisions),
        blocks,
        blocks_to_text(blocks),
        python_tally(feats, decisions),
    )


def python_lines(feats: list[LineFeatures], decisions: list[Decision]) -> tuple[Line, ...]:
    """`Line(f.number, f.text, d.role, d.kept, d.reason)` of every line, filled slot by slot
    over all lines at once: the frozen dataclass `__init__` costs twice as much per line. A
    table's row (`body_table_row`) has the role TABLE."""
    lines = tuple(map(_new, repeat(Line, len(feats))))
    for setter, values in (
        (_SET_NUMBER, map(_NUMBER, feats)),
        (_SET_TEXT, map(_TEXT, feats)),
        (_SET_ROLE, map(_ROLE, decisions)),
        (_SET_KEPT, map(_KEPT, decisions)),
        (_SET_REASON, map(_REASON, decisions)),
    ):
        deque(map(setter, lines, values), maxlen=0)
    for line, f, d in zip(lines, feats, decisions, strict=True):
        if body_table_row(f, d):
            _SET_ROLE(line, R.TABLE)
    return lines


# Roles of a kept line that is a table's row when it holds a tab (flattened text separates a
# row's cells by tabs): the rules keep a row as a list item or a paragraph, a header row as a
# heading, and the model revises a row to a paragraph.
TABLE_ROW_ROLES = frozenset({R.LIST_ITEM, R.PARAGRAPH, R.HEADING, R.LEAD})


def body_table_row(f: LineFeatures, d: Decision) -> bool:
    """Whether line `f` with decision `d` is a row of a table in the body: kept, of a role of
    TABLE_ROW_ROLES, and a table's row (`roles.is_table_row`)."""
    return d.kept and d.role in TABLE_ROW_ROLES and is_table_row(f)


def table_cells(text: str) -> tuple[str, ...]:
    """The cells of a table's row: its text cut at runs of tabs, each cell stripped."""
    return tuple(cell.strip() for cell in text.strip().split("\t") if cell) or ("",)


# (index of the first title line or -1, of the first byline or -1, indexes of the date lines,
# sum of all lines' chars, of the consent lines' chars)
Tally = tuple[int, int, list[int], int, int]
# (lines, body blocks, body text, tally) of a page
Assembly = tuple[tuple[Line, ...], tuple[Block, ...], str, Tally]


def python_tally(feats: list[LineFeatures], decisions: list[Decision]) -> Tally:
    """What build_article reads off the roles and chars of all lines (the definition)."""
    roles = list(map(_ROLE, decisions))
    title = roles.index(R.TITLE) if R.TITLE in roles else -1
    byline = roles.index(R.BYLINE) if R.BYLINE in roles else -1
    dates = [i for i, role in enumerate(roles) if role is R.DATE] if R.DATE in roles else []
    total = sum(map(_CHARS, feats))
    consent = sum(_CHARS(f) for f, role in zip(feats, roles, strict=True) if role is R.CONSENT)
    return title, byline, dates, total, consent


# A paragraph block's slots other than kind and text, with their defaults.
_PARAGRAPH_DEFAULTS = tuple((getattr(Block, f.name).__set__, f.default) for f in fields(Block)[2:])
_SET_KIND, _SET_BLOCK_TEXT = (getattr(Block, name).__set__ for name in ("kind", "text"))


def _paragraph(text: str) -> Block:
    """`Block(BlockKind.PARAGRAPH, text=text)`, filled through its slots (half the cost of the
    frozen dataclass `__init__`; most blocks of a page are paragraphs)."""
    block = _new(Block)
    _SET_KIND(block, BlockKind.PARAGRAPH)
    _SET_BLOCK_TEXT(block, text)
    for setter, default in _PARAGRAPH_DEFAULTS:
        setter(block, default)
    return block


_FIGURE_ROLES = frozenset({R.IMAGE_ALT, R.CAPTION, R.CREDIT})


def _credit_apart(figure: dict[str, str]) -> None:
    """A figure of a caption line that ends in its photo's source, or of a credit line that
    opens with a caption, gets the two apart (patterns.split_photo_source), so that its credit is
    a field of its own, as HTML extraction gives it."""
    if ("caption" in figure) == ("credit" in figure):
        return
    parts = P.split_photo_source(figure.get("caption") or figure["credit"])
    if parts is not None:
        figure["caption"], figure["credit"] = parts


def python_blocks(feats: list[LineFeatures], decisions: list[Decision]) -> list[Block]:
    """The body blocks of the kept lines and the figure lines (the definition): a run of a
    table's rows (`body_table_row`) is a table block, of a list's items a list block."""
    blocks: list[Block] = []
    items: list[str] = []
    rows: list[str] = []
    figure: dict[str, str] = {}
    n = len(feats)

    def flush_list() -> None:
        if items:
            blocks.append(Block(BlockKind.LIST, text="\n".join(items), items=tuple(items)))
            items.clear()
        if rows:
            cells = tuple(map(table_cells, rows))
            blocks.append(Block(BlockKind.TABLE, text="\n".join(rows), rows=cells))
            rows.clear()

    def flush_figure() -> None:
        if figure:
            _credit_apart(figure)
            blocks.append(Block(BlockKind.FIGURE, **figure))
            figure.clear()

    previous = -1
    for i in [k for k, d in enumerate(decisions) if d.kept or d.role in _FIGURE_ROLES]:
        if i != previous + 1:  # a line left out in between closes an open list or figure
            flush_list()
            flush_figure()
        previous = i
        f, d = feats[i], decisions[i]
        role = d.role
        if role in (R.IMAGE_ALT, R.CAPTION, R.CREDIT):
            flush_list()
            key = {R.IMAGE_ALT: "alt", R.CAPTION: "caption", R.CREDIT: "credit"}[role]
            value = P.CREDIT_LABEL.sub("", f.text) if role is R.CREDIT else f.text
            if key in figure:
                flush_figure()
            figure[key] = value
            continue
        flush_figure()
        if body_table_row(f, d):  # consecutive rows are one table, whatever their blocks
            if items:
                flush_list()
            rows.append(f.text)
            continue
        if rows:
            flush_list()
        if role is R.LIST_ITEM:
            if items and feats[i - 1].group != f.group:
                flush_list()
            items.append(f.text)
            continue
        flush_list()
        if role in (R.PARAGRAPH, R.LEAD):
            blocks.append(_paragraph(f.text))
        elif role is R.HEADING:
            blocks.append(Block(BlockKind.HEADING, text=f.text, level=2))
        elif role is R.PULL_QUOTE:
            speaker = ""
            if i + 1 < n and decisions[i + 1].role is R.QUOTE_SOURCE:
                speaker = feats[i + 1].text
            blocks.append(Block(BlockKind.QUOTE, text=f.text, speaker=speaker))
        elif role is R.QUOTE_SOURCE and not (i and decisions[i - 1].role is R.PULL_QUOTE):
            blocks.append(_paragraph(f.text))
    flush_list()
    flush_figure()
    return blocks


class _Assembler(Protocol):
    """sieb.text._assemble.Assembler: python_assemble and python_article compiled."""

    def assemble(self, feats: list[LineFeatures], decisions: list[Decision]) -> Assembly: ...
    def article(self, values: tuple) -> Article: ...


def same_assembly(
    assembler: _Assembler, feats: list[LineFeatures], decisions: list[Decision]
) -> bool:
    """Whether `assembler` gives the Python definitions' lines, blocks and tally on a page."""
    return assembler.assemble(feats, decisions) == python_assemble(feats, decisions)


# Figures whose caption line ends in its credit, or whose credit line opens with a caption.
_FIGURE_PROBE = (
    "The council approved the new bridge over the river on Tuesday, ending a long debate.\n\n"
    "The mayor at the opening of the old bridge in 1990. (Photo: Jane Doe/Getty Images)\n\n"
    "The bridge will cost 40 million euros and is to open in 2029, the council said today.\n\n"
    "WASHINGTON, DC - NOVEMBER 19: The senator speaks during a long hearing of the committee "
    "on Tuesday in the capital. Photo credit: Max Muster\n\n"
    "Opponents said the money would be better spent on schools, and they plan to appeal.\n"
)


# A table inside the body: a header row, rows in blocks of their own and in one.
_TABLE_PROBE = (
    "The league table after the tenth round shows the champions three points clear of the "
    "rest, with the promoted side a surprising third.\n\n"
    "Pos.\t\tTeam\t\tPoints\n\n1\t\tBayern\t\t25\n\n2\t\tLeverkusen\t\t22\n"
    "3\t\tStuttgart\t\t21\n\n"
    "The coach said the table meant little this early, and that the team would take each game "
    "as it comes, starting with the cup match on Wednesday.\n"
)


def _compiled_assembler() -> _Assembler | None:
    """sieb.text._assemble.Assembler when it is built, SIEB_PURE_PYTHON is unset and it gives
    what the Python definitions give on the pages of lines.PROBE_TEXTS; else None."""
    compiled = compiled_module("sieb.text._assemble")
    if compiled is None:
        return None
    try:
        assembler = compiled.Assembler(
            Line,
            Block,
            Article,
            _ARTICLE_FIELDS,
            LineFeatures._fields,
            Decision._fields,
            LineRole,
            BlockKind,
            P.CREDIT_LABEL.sub,
            P.split_photo_source,
            table_cells,
            tuple(None if f.name == "kind" else f.default for f in fields(Block)),
        )
    except ValueError:  # the classes have changed shape
        return None
    for text in (*PROBE_TEXTS, _FIGURE_PROBE, _TABLE_PROBE):
        feats = python_measure(text)
        if not same_assembly(assembler, feats, assign(feats)):
            return None
    values = tuple(f"{name}!" for name in _ARTICLE_FIELDS)
    if assembler.article(values) != python_article(values):
        return None
    return assembler


_ASSEMBLER = _compiled_assembler()


def _first_authors(lines: tuple[Line, ...], first: int) -> tuple[str, ...]:
    """The names on the first byline line (from index `first`, the first of the role) that
    names anyone: a menu item or a teaser read as a byline ("von künstler:innen", "Von wegen
    Filterblase | ...") names no one, and the article's byline may stand below it."""
    authors = _authors(lines[first].text)
    if authors:
        return authors
    for line in lines[first + 1 :]:
        if line.role is R.BYLINE:
            authors = _authors(line.text)
            if authors:
                return authors
    return ()


def _dated_byline_authors(lines: tuple[Line, ...], dates: list[int]) -> tuple[str, ...]:
    """The names after "By"/"Von" on one of the first _DATED_BYLINES date lines, within
    _DATED_BYLINE_REACH lines of the body's first line: a byline and its date on one line is a
    date line ("By Tess Bonn - 11/19/19 06:56 AM EST", "October 9, 2018 | by Olivia Larsen");
    further away it is a teaser's or a comment's ("Horoscope for Wednesday, 11/20/19 by ...")."""
    start = None  # the body's first line, found once a date line holds a byline
    for i in dates[:_DATED_BYLINES]:
        text = lines[i].text
        marker = _BY_MARKER.search(text)
        if marker is None:
            continue
        if start is None:
            start = _body_start(lines)
        if start >= 0 and abs(i - start) <= _DATED_BYLINE_REACH:
            authors = _authors(text[marker.start() :])
            if authors:
                return authors
    return ()


def _body_start(lines: tuple[Line, ...]) -> int:
    """The index of the body's first line (kept, not the title), or -1."""
    return next((k for k, line in enumerate(lines) if line.kept and line.role is not R.TITLE), -1)


# Date lines searched for a byline, how far from the body's start, and the word that opens one
# (before a capital letter). On both -text sets the article's were at most 11 lines before and
# 12 after; teasers' and comments' 49 and more.
_DATED_BYLINES = 3
_DATED_BYLINE_REACH = 15
_BY_MARKER = re.compile(r"(?<!\w)(?i:by|von|par|por)\s*:?\s+(?=[A-ZÄÖÜÀ-Þ])")


def _authors(byline: str) -> tuple[str, ...]:
    """The person names on a byline, read as HTML extraction reads one (`parse_byline`: cut at
    separators and dates, job titles and organisations dropped)."""
    return tuple(parse_byline(byline))


def _published(
    lines: tuple[Line, ...], dates: list[int], url: str | None
) -> tuple[str | None, str]:
    """(date, its source): the date the page's URL spells out (/2024/03/05/, as HTML extraction
    reads it, "url") where a date line (`dates`: their indexes) does not give the same day or
    the one before or after (time zones): a date in the URL is the publisher's, one on a line
    may be a related article's or a comment's. Else the first date a date line spells out
    (`_line_date`, "date-line")."""
    written = url_date(url)
    found = _line_date(lines, dates, fuzzy=written is None)
    if written is None or (found is not None and _within_a_day(found, written)):
        return found, "date-line"
    return written, "url"


def _within_a_day(a: str, b: str) -> bool:
    """Whether two ISO dates are at most a day apart (False when one is no real date, such as
    a line's "31.02.2024")."""
    try:
        return abs(date.fromisoformat(a) - date.fromisoformat(b)) <= timedelta(days=1)
    except ValueError:
        return False


def _line_date(lines: tuple[Line, ...], dates: list[int], fuzzy: bool = True) -> str | None:
    """The first date that a date line (`dates`: their indexes) spells out in a known form;
    failing that and with `fuzzy`, the first that htmldate's rules read in one of the first
    _FUZZY_LINES date lines ("11/19/19 06:56 AM EST", "November 20th, 2019", "21/06/2014"), as
    HTML extraction reads a date in the page's text. `_published` asks for it only where the URL
    holds no date: with one, such a line could only move the day by one (time zones)."""
    found = _known_form_date(lines, dates)
    if found is None and fuzzy:
        for i in dates[:_FUZZY_LINES]:
            text = lines[i].text
            if _YEAR_LIKE.search(text):
                read = fuzzy_date(text)
                if read is not None and _names_day(text, read):
                    return read
    return found


def _names_day(text: str, iso: str) -> bool:
    """Whether `text` holds the day of the ISO date `iso` as a number of its own: htmldate reads
    a month and a year alone as the month's first day ("31.02.2019" as 2019-02-01)."""
    day = int(iso[8:10])
    return re.search(rf"(?<!\d)0?{day}(?!\d)", text) is not None


# Date lines read by htmldate's rules at most (50-70 µs a line in a pass over a set; a comment
# thread has dozens of date lines), and only those with a year: four digits from 19xx or 20xx,
# or two after a day and a month ("11/19/19", "17.11.19"); "Monday 10:00PM" and "Published 1 day
# ago" have none.
_FUZZY_LINES = 3
_YEAR_LIKE = re.compile(r"\b(?:19|20)\d\d|\d[./]\d{1,2}[./]\d\d\b")


def _known_form_date(lines: tuple[Line, ...], dates: list[int]) -> str | None:
    """The date that the first date line (`dates`: their indexes) in a known form spells out
    (None where it is no calendar day: "31.02.2019")."""
    for i in dates:
        text = lines[i].text
        m = _ISO.search(text)
        if m:
            return m.group(0)
        m = _DOTTED.search(text)
        if m:
            return _iso(m.group(3), m.group(2), m.group(1))
        m = _MONTH_DAY_YEAR.search(text)
        if m and m.group(1).lower() in _MONTH_NUMBERS:
            return _iso(m.group(3), _MONTH_NUMBERS[m.group(1).lower()], m.group(2))
        m = _DAY_MONTH_YEAR.search(text)
        if m and m.group(2).lower() in _MONTH_NUMBERS:
            return _iso(m.group(3), _MONTH_NUMBERS[m.group(2).lower()], m.group(1))
    return None


def _iso(year: str, month: str | int, day: str) -> str | None:
    """The ISO form of a real calendar day, else None ("31.02.2024")."""
    try:
        return date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        return None
