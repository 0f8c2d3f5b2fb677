"""Stages 2 and 3 of text mode: give every line a role, first alone, then with its neighbours.

1. `context_free`: what a line is by itself (consent, UI string, credit, date, label...), or
   `None` when only its place on the page can tell (prose, headings, teasers).
2. `body_span`: the article body is the densest run of prose lines: a maximum-sum segment over
   per-line scores (prose gains its length, chrome and short lines cost a fixed amount; the idea
   of Finn et al.'s Body Text Extraction, on lines instead of tags).
3. `assign`: roles by position (before the title: navigation; between the title and the body:
   dates, bylines, lead; in the body: paragraphs, headings, lists; after the body: teasers,
   notices, footers), then neighbour rules: figures (alt, caption, credit in one block), pull
   quotes with their speaker, teasers announced by a play time, a teaser card closing the body,
   lists of teasers (links with counts, cut-off teasers, headlines run into their leads), and
   UI blocks.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import repeat
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any, NamedTuple

from sieb.article import LineRole
from sieb.compiled import checked_twin, compiled_module
from sieb.text import patterns as P
from sieb.text.lines import PROBE_TEXTS, LineFeatures, python_measure

if TYPE_CHECKING:
    from sieb.site import SiteProfile

# LineRole's members as plain attributes, for the rules that read roles line by line: on Python
# 3.11 `LineRole.X` goes through EnumType.__getattr__, several times slower (same members).
R = SimpleNamespace(**LineRole.__members__)

# Roles that are never body text, whatever their neighbours.
CHROME = frozenset({R.CONSENT, R.UI, R.AD, R.FOOTER, R.NOTICE, R.NAVIGATION, R.TEASER})
# Roles that are kept in the body text.
KEPT = frozenset(
    {
        R.TITLE,
        R.LEAD,
        R.HEADING,
        R.PARAGRAPH,
        R.PULL_QUOTE,
        R.QUOTE_SOURCE,
        R.LIST_ITEM,
        R.CODE,
        R.TABLE,
    }
)

# Body scores. A prose line gains its (CJK-weighted) length, capped so one huge line (a
# flattened table, a 10 MB paste) does not swallow the page; 800 is about the 99th percentile of
# paragraph length in the scrapinghub ground truth.
_PROSE_CAP = 800
# A short complete sentence gains half its length: it is body text between paragraphs, but alone
# it is as often a teaser or a notice.
_SENTENCE_GAIN = 0.5
# A short line costs 10, chrome recognised by itself 40, a line repeated on the page or made of
# separators another 15: a heading between two paragraphs (>= 60 chars each) stays inside the
# body, a menu of a dozen items separates two runs of text. Swept by
# `training/text_body_costs.py` on trafilatura-dev-text (snippet F1 0.845-0.856 over short 10-45,
# chrome 25-90; best at 10/40); scrapinghub-text, the reported set, was not used.
_SHORT_COST = 10.0
_CHROME_COST = 40.0
_REPEAT_COST = 15.0
# A line of a multi-line block with >= 4 words and some function words reads like a list
# item ("repairs on 14 miles of arterial roads"); menu items are mostly one to three words
# (3 and 5 scored within 0.003 F1 of 4 on trafilatura-dev-text).
_LIST_ITEM_WORDS = 4
# Lines before the body start searched for the title.
_TITLE_LOOKBACK = 12
# A title has this many words; a shorter line nearest the body is taken only when no line of as
# many stands above it (text mode's titles agreeing with HTML extraction's, no URL headline,
# shipped models: 119 -> 129 of 181 scrapinghub-text pages, 298 -> 319 of 491
# trafilatura-dev-text pages).
_TITLE_WORDS = 4
# A quote's speaker line is at most this many words ("Nato-Generalsekretär Jens Stoltenberg").
_SPEAKER_WORDS = 8
# A run of at most this many paragraphs after a card-like heading at the end of the body is a
# teaser card, not the article's last section.
_CARD_PARAGRAPHS = 1
# UI strings are short: neighbours of a UI line in its block up to this length are UI too.
_UI_NEIGHBOUR_CHARS = 100
# In blocks the break model guessed (text without blank lines, `Lines.predicted`), only the
# lines within this many lines of a UI line: a guessed block may join a sharing row to the list
# above it. Held-out WET-style F1 (both -text sets, so not blind): the whole block 0.9390 /
# 0.9107, 1 line 0.9405 / 0.9115, 2 lines 0.9406 / 0.9118, 4 lines 0.9405 / 0.9115.
_UI_REACH_GUESSED = 2
_WHOLE_BLOCK = -1
# A caption naming its photo's source is this long (shorter: a credit line; longer: prose).
_CAPTION_MIN_CHARS = 20
_CAPTION_MAX_CHARS = 600


class Decision(NamedTuple):
    """The role of one line, whether it is body text, and why (immutable: decisions are shared)."""

    role: LineRole
    kept: bool
    reason: str


def context_free(
    f: LineFeatures, profile: SiteProfile | None = None
) -> tuple[LineRole, str] | None:
    """The role a line has on its own, with a reason, or None if its neighbours must decide.

    Cheap tests come first; a family's regular expression runs only when the line holds one of
    its literal keys (found for the whole page at once by `lines.measure`).
    """
    text = f.text
    chars = f.chars
    if profile is not None and profile.is_chrome(text):
        role = R.FOOTER if chars >= 100 else R.NAVIGATION
        return role, f"recurs on {profile.page_count(text)} of {profile.pages} pages of the site"
    if chars >= 200 and not (
        f.consent_key or f.notice_key or f.exclamations or f.colon_end or f.words <= 10
    ):
        # none of the tests below can hold for a long line without keys
        return _CAPTIONED if _names_photo_source(f) else None
    if f.words == 1 and _may_name_a_file(text, chars) and P.IMAGE_FILE.match(text):
        return _IMAGE_FILE
    low = f.low
    if chars < 60:
        key = low.strip(P.UI_STRIP)
        if key in P.AD_STRINGS:
            return _AD
        if key in P.UI_STRINGS or (f.words <= 4 and f.has_digit and P.UI_COUNTER.match(key)):
            return _UI
        if key.startswith(P.UI_PREFIXES) or (
            f.words <= P.FOLLOW_MAX_WORDS
            and key.startswith(P.FOLLOW_STARTS)
            and key.endswith(P.FOLLOW_ENDS)
        ):
            return _UI
    if chars < 100:
        head = low.strip(" []()")
        if head.startswith(P.COMMENTS_PREFIXES) and P.COMMENTS_LOW.match(head):
            return _COMMENTS
    if (
        f.colon_end
        and f.has_digit
        and chars < P.COMMENT_HEADER_MAX_CHARS
        and low.endswith(P.COMMENT_HEADER_ENDS)
        and P.COMMENT_HEADER.search(low)
    ):
        return _COMMENT_HEADER
    if f.notice_key and chars < P.COMMENT_FORM_MAX_CHARS and _holds_comment_form_key(low):
        return _COMMENTS
    if (
        f.consent_key
        and (f.terminal or chars >= 80)  # banners are sentences; "Cookie Monster..." is a headline
        and P.CONSENT_LOW.search(low if chars < P.LONG_BANNER_CHARS else low[: P.BANNER_LEAD_CHARS])
    ):
        return _CONSENT
    if chars < 200 and (low in P.FOOTER_LINKS or (f.footer_key and P.FOOTER_LOW.search(low))):
        return _FOOTER
    if (
        chars < 120
        and (":" in text or "©" in text or "/" in text or low in P.CREDIT_AGENCIES)
        and P.CREDIT_LOW.search(low)
    ):
        return _CREDIT
    if f.colon_end and P.LABEL.match(text):
        return _LABEL
    if chars < 20 and text[0].isdigit() and P.DURATION.match(text):
        return _DURATION
    if chars < 80 and f.has_digit and P.DATE_LOW.search(low):
        return _DATE
    if (
        f.words <= 10
        and low.split(None, 1)[0].rstrip(":") in P.BYLINE_WORDS
        and P.BYLINE.match(text)
    ):
        return _BYLINE
    if (
        f.notice_key
        and f.words >= 3
        and (chars < 200 or (chars < P.NOTICE_MAX_CHARS and P.SECOND_PERSON.search(text)))
        and P.NOTICE_LOW.search(low)
    ):
        if chars < P.READER_PROMPT_MAX_CHARS and _prompts_reader(low):
            return _PROMPTING_NOTICE
        return _NOTICE
    if chars < P.READER_PROMPT_MAX_CHARS and _prompts_reader(low):
        return _READER_PROMPT
    if f.exclamations:
        return _EXCLAIMED
    return _CAPTIONED if _names_photo_source(f) else None


def _may_name_a_file(text: str, chars: int) -> bool:
    """Whether a one-word line is of a file name's length, with a file name's separators or
    extension."""
    return P.IMAGE_FILE_MIN_CHARS <= chars <= P.IMAGE_FILE_MAX_CHARS and (
        text.count("-") + text.count("_") >= P.IMAGE_FILE_SEPARATORS or "." in text[-5:]
    )


def _prompts_reader(low: str) -> bool:
    """Whether `low` starts with one of patterns.READER_PROMPT_STARTS, at its start or after up
    to READER_PROMPT_SKIP non-word characters."""
    skip = 0
    while skip < min(P.READER_PROMPT_SKIP, len(low)) and not (
        low[skip].isalnum() or low[skip] == "_"
    ):
        skip += 1
    return any(low.startswith(P.READER_PROMPT_STARTS, k) for k in range(skip + 1))


def _holds_comment_form_key(low: str) -> bool:
    """Whether patterns.COMMENT_FORM finds a match in `low`, searched only when `low` holds one
    of its keys."""
    for key in P.COMMENT_FORM_KEYS:
        if key in low:
            return P.COMMENT_FORM.search(low) is not None
    return False


def _names_photo_source(f: LineFeatures) -> bool:
    """A caption that names its photo's source (patterns.names_photo_source), of a caption's
    length."""
    return (
        _CAPTION_MIN_CHARS <= f.chars < _CAPTION_MAX_CHARS
        and f.words >= 3
        and P.names_photo_source(f.low)
    )


# Roles of lines that no list or section of the article runs through (the post-model stages stop
# at them): chrome recognised on its own, a figure's credit, the byline.
SECTION_ENDS = frozenset({R.UI, R.CONSENT, R.NOTICE, R.FOOTER, R.AD, R.CREDIT, R.BYLINE})


def relabelled(
    decisions: list[Decision], indexes: list[int], decision: Decision
) -> list[Decision]:
    """A copy of `decisions` with the lines at `indexes` given `decision`; `decisions` itself
    when there are none (the late stages change few lines of a page, most often none)."""
    if not indexes:
        return decisions
    out = list(decisions)
    for i in indexes:
        out[i] = decision
    return out


def alternating_decisions(n: int) -> Iterator[list[Decision]]:
    """Decisions of n lines for checking a compiled search against its Python definition:
    every other line kept, one way round and the other."""
    for first in (True, False):
        yield [Decision(R.PARAGRAPH, first if k % 2 else not first, "probe") for k in range(n)]


_AD = (R.AD, "advertising label")
_UI = (R.UI, "interface string")
_COMMENTS = (R.FOOTER, "start of the comment section")
# The same role and reason for a comment's header line (patterns.COMMENT_HEADER), a tuple of its
# own: `_in_comments` tells the two apart by identity.
_COMMENT_HEADER = (R.FOOTER, "start of the comment section")
_CONSENT = (R.CONSENT, "cookie or consent text")
_FOOTER = (R.FOOTER, "copyright or legal link")
_CREDIT = (R.CREDIT, "image credit")
_LABEL = (R.META_LABEL, "label ending in a colon")
_DURATION = (R.META_LABEL, "play or reading time")
_DATE = (R.DATE, "date on a short line")
_BYLINE = (R.BYLINE, "author line")
_NOTICE = (R.NOTICE, "account, browser or subscription notice")
_EXCLAIMED = (R.UI, "status messages (several exclamation marks)")
_CAPTIONED = (R.CAPTION, "caption naming its photo's source")
# Not in the line model's keepable reasons: held-out, 25 such lines of the two -text sets were
# kept (as headings or prose inside the body) and were not body, 1 was.
_READER_PROMPT = (R.TEASER, "points to other articles or asks the reader for something")
READER_PROMPT_REASON = _READER_PROMPT[1]
# A notice that is also a reader prompt ("Subscribe now to our e-edition for the full story."):
# not keepable, while other notices are. None of the 63 such lines of the two -text sets is body
# text; held-out, the line model had kept three of trafilatura-dev-text's as body.
_PROMPTING_NOTICE = (R.NOTICE, "asks the reader to subscribe or sign up")
_IMAGE_FILE = (R.IMAGE_ALT, "an image's file name")


def is_table_row(f: LineFeatures) -> bool:
    """Whether the line is a table's row: flattened text separates its cells by tabs, and the
    line's strip leaves the inner ones."""
    return "\t" in f.text


def line_score(f: LineFeatures, chrome: bool) -> float:
    """How much a line adds to a body run (positive: prose; negative: chrome, short lines)."""
    if chrome:
        return -_CHROME_COST
    if f.is_prose:
        return float(min(f.chars, _PROSE_CAP))
    if is_table_row(f):  # evidence of an article, as a sentence is
        return _SENTENCE_GAIN * f.chars
    cost = _REPEAT_COST if (f.repeats > 1 or f.separators) else 0.0
    if f.is_sentence:
        return _SENTENCE_GAIN * f.chars - cost
    if f.group_size > 1 and f.words >= _LIST_ITEM_WORDS and f.stop_ratio > 0:
        return -cost  # a list item of phrases: neither body evidence nor chrome evidence
    return -_SHORT_COST - cost


def python_body_span(scores: list[float]) -> tuple[int, int]:
    """The (start, end) indexes, inclusive, of the maximum-sum run; (0, -1) if none is positive
    (the definition; `body_span` is the compiled twin when it is built)."""
    best, best_start, best_end = 0.0, 0, -1
    run, run_start = 0.0, 0
    for i, score in enumerate(scores):
        if run <= 0:
            run, run_start = score, i
        else:
            run += score
        if run > best:
            best, best_start, best_end = run, run_start, i
    return best_start, best_end


def assign(feats: list[LineFeatures], profile: SiteProfile | None = None) -> list[Decision]:
    """Roles of all lines: context-free first, then position and neighbours."""
    n = len(feats)
    alone, scores = _alone_and_scores(feats, profile)
    start, end = body_span(scores)
    end, related = _before_comments(feats, alone, start, end)
    start = _with_standfirst(feats, alone, start)
    if end < 0:  # no prose anywhere: nothing is body text
        return _by_position(feats, alone, n, n - 1)
    nearest = _find_title(feats, alone, start)
    title = _fuller_title(feats, alone, nearest, start)
    # By position: before the body, in it, after it; then the title and the lines between it
    # and the body.
    out = _by_position(feats, alone, start, end)
    _in_comments(feats, alone, out, end)
    if related:
        _in_related(out, end + 1)
    if title is not None:
        out[title] = Decision(R.TITLE, True, "headline-shaped line before the body")
        for i in range(nearest + 1, start):
            out[i] = _between(feats[i], alone[i])
        if nearest != title:
            out[nearest] = _SHORT_HEADLINE

    _figures(feats, out)
    _list_intros(feats, out, start, end)
    _embedded_posts(feats, out, start, end)
    _pull_quotes(feats, out, start, end)
    _teasers_before_play_time(feats, out, start, end)
    _closing_card(feats, out, start, end)
    _teaser_lists(feats, out)
    _ui_blocks(feats, out)
    _lead(out, title)
    return out


def _by_position(
    feats: list[LineFeatures], alone: list, start: int, end: int
) -> list[Decision]:
    """`_outside` of the lines before `start` (as before the body) and after `end`, `_inside`
    of those between (compiled when built)."""
    if _RULES is not None and isinstance(feats, list) and isinstance(alone, list):
        return _RULES.by_position(
            feats, alone, start, end, Decision, R.META_LABEL, _POSITION_DECISIONS
        )
    return python_by_position(feats, alone, start, end)


def python_by_position(
    feats: list[LineFeatures], alone: list, start: int, end: int
) -> list[Decision]:
    """`_by_position` in Python (the definition)."""
    n = len(feats)
    return [
        *map(_outside, feats[:start], alone[:start], repeat(False, start)),
        *(_inside(feats, alone, i, end) for i in range(start, end + 1)),
        *map(_outside, feats[end + 1 :], alone[end + 1 :], repeat(True, n - end - 1)),
    ]


def _alone_and_scores(
    feats: list[LineFeatures], profile: SiteProfile | None
) -> tuple[list[tuple[LineRole, str] | None], list[float]]:
    """`context_free` and `line_score` of every line (compiled when built, without a profile)."""
    if _RULES is not None and profile is None:
        return _RULES.alone_and_scores(feats)
    alone = _context_free_all(feats, profile)
    return alone, python_line_scores(feats, alone)


def python_line_scores(
    feats: list[LineFeatures], alone: list[tuple[LineRole, str] | None]
) -> list[float]:
    """`line_score` of every line, given what `context_free` says of it."""
    return [
        line_score(f, a is not None and a[0] in CHROME) for f, a in zip(feats, alone, strict=True)
    ]


def _context_free_all(
    feats: list[LineFeatures], profile: SiteProfile | None
) -> list[tuple[LineRole, str] | None]:
    """`context_free` of every line; a line repeated on the page (a fifth of all lines: menus,
    sharing rows) is looked at once, since everything `context_free` reads follows from the text."""
    alone: list[tuple[LineRole, str] | None] = []
    seen: dict[str, tuple[LineRole, str] | None] = {}
    for f in feats:
        if f.repeats > 1:
            text = f.text
            if text in seen:
                alone.append(seen[text])
                continue
            seen[text] = a = context_free(f, profile)
        else:
            a = context_free(f, profile)
        alone.append(a)
    return alone


def clear_seen() -> None:
    """Forget the decisions the compiled rules remember from earlier pages."""
    if _RULES is not None:
        _RULES.forget()


def _with_standfirst(feats: list[LineFeatures], alone: list, start: int) -> int:
    """Pull a standfirst into the body: a headline and a prose line shortly before the body,
    separated from it only by short lines (date, sharing buttons, a figure)."""
    for j in range(start - 1, max(0, start - 1 - _TITLE_LOOKBACK), -1):
        f = feats[j]
        if alone[j] is not None or not (f.is_prose or f.is_sentence):
            continue
        if not f.is_prose:
            return start
        k = j - 1
        while k >= 0 and alone[k] is not None:
            k -= 1
        if k >= 0 and feats[k].is_headline and feats[k].words >= 2:
            return j
        return start
    return start


def _before_comments(
    feats: list[LineFeatures], alone: list, start: int, end: int
) -> tuple[int, bool]:
    """Where the body ends: above the start of a comment section, or above the heading of a list
    of other articles ("Most read", "Você pode gostar"; then True), when there is body text above
    it."""
    for i in range(start + 1, end + 1):
        a = alone[i]
        if a is None:
            continue
        if a[1] == "start of the comment section":
            return i - 1, False
        if (a is _UI or a is _READER_PROMPT) and _heads_other_articles(feats, alone, start, i):
            return i - 1, True
    return end, False


def _in_related(out: list[Decision], heading: int) -> None:
    """Text after the heading of a list of other articles that ended the body is that list's:
    dropped for its position as before, with a reason the line model may not overturn (it kept
    the teasers' leads, which read like the article's prose)."""
    _relabel_after(out, heading, _TEXT_IN_RELATED, _SHORT_IN_RELATED)


def _relabel_after(out: list[Decision], first: int, text: Decision, short: Decision) -> None:
    """The lines after `first` dropped as text or short lines after the body get `text` and
    `short` (the same role and keep, a reason of their section's)."""
    for j in range(first + 1, len(out)):
        d = out[j]
        if d is _TEXT_AFTER:
            out[j] = text
        elif d is _SHORT_AFTER:
            out[j] = short


def _heads_other_articles(feats: list[LineFeatures], alone: list, start: int, i: int) -> bool:
    """Whether line i is the heading of a list of other articles (patterns.RELATED_HEADINGS)
    with _RELATED_MIN_ABOVE characters of the body's prose above it."""
    if feats[i].low.strip(P.UI_STRIP) not in P.RELATED_HEADINGS:
        return False
    above = sum(feats[k].chars for k in range(start, i) if alone[k] is None and feats[k].is_prose)
    return above >= _RELATED_MIN_ABOVE


# A list of other articles ends the body only below this much of its prose: above, the heading
# belongs to a box between the page's header and the article.
_RELATED_MIN_ABOVE = 300


def _in_comments(
    feats: list[LineFeatures], alone: list, out: list[Decision], end: int
) -> None:
    """Lines after the first comment header (patterns.COMMENT_HEADER) or counted start of a
    comment section ("[ 167 comments ]", "5 thoughts on ...", "12 Kommentare") after the body
    are comments: dropped for their position as before, with a reason that the line model may
    not overturn (it kept long comments, which read like the article's prose). A start without
    a count ("Comments", "Kommentar: ...") also heads sidebars and opinion columns. One in the
    body span has ended it (`_before_comments`): only footer lines after `end` are read."""
    for i in _indexes_of(out, R.FOOTER, end + 1, len(out)):
        a = alone[i]
        if a is _COMMENT_HEADER or (a is _COMMENTS and feats[i].has_digit):
            _relabel_after(out, i, _TEXT_IN_COMMENTS, _SHORT_IN_COMMENTS)
            return


def _find_title(feats: list[LineFeatures], alone: list, start: int) -> int | None:
    """The nearest headline-shaped line before the body (dates, labels, figures and the short
    lines of a block with an interface string skipped)."""
    for i in range(start - 1, max(-1, start - 1 - _TITLE_LOOKBACK), -1):
        f, a = feats[i], alone[i]
        if a is not None:
            continue
        if f.is_headline and f.words >= 2 and not _in_ui_block(feats, alone, i):
            return i
    first = feats[start]
    if alone[start] is None and first.is_headline and first.words >= 2 and start < len(feats) - 1:
        return start
    return None


def _fuller_title(
    feats: list[LineFeatures], alone: list, nearest: int | None, start: int
) -> int | None:
    """The title: the nearest headline-shaped line before the body (`_find_title`), unless it
    has fewer than _TITLE_WORDS words (a byline without "By", a label: "Key Points") and a
    headline-shaped line of that many stands above it within _TITLE_LOOKBACK lines of the body:
    then that one. The lines between keep their places before the body."""
    if nearest is None or nearest >= start or feats[nearest].words >= _TITLE_WORDS:
        return nearest
    for i in range(nearest - 1, max(-1, start - 1 - _TITLE_LOOKBACK), -1):
        f = feats[i]
        if alone[i] is None and f.is_headline and f.words >= _TITLE_WORDS and (
            not _in_ui_block(feats, alone, i)
        ):
            return i
    return nearest


def _in_ui_block(feats: list[LineFeatures], alone: list, i: int) -> bool:
    """Whether `_ui_blocks` will make line i UI: it is short and its block holds a UI string.
    Not asked of guessed blocks (text without blank lines), which often join the headline to
    the "Previous Post" link above or below it."""
    f = feats[i]
    if f.chars >= _UI_NEIGHBOUR_CHARS or f.group_size == 1 or getattr(feats, "predicted", False):
        return False
    first, end = _block_of(feats, i)
    return any(a is not None and a[0] is R.UI for a in alone[first:end])


def _block_of(feats: list[LineFeatures], i: int) -> tuple[int, int]:
    """The (first, end) indexes of the block (run of lines between blank lines) of line i."""
    first = i - feats[i].group_pos
    return first, first + feats[first].group_size


def _inside(feats: list[LineFeatures], alone: list, i: int, end: int) -> Decision:
    f, a = feats[i], alone[i]
    if a is not None:
        return Decision(a[0], False, a[1])
    if f.is_prose:
        return _PROSE_INSIDE
    if f.is_sentence:
        return _SENTENCE_INSIDE
    nxt = _next_content(feats, alone, i, end)
    if (
        f.is_headline
        and nxt is not None
        and feats[nxt].group != f.group
        and (feats[nxt].is_prose or feats[nxt].is_sentence)
    ):
        return _HEADING_INSIDE
    if f.group_size > 1 and f.words >= 2 and not f.separators and f.repeats == 1:
        return _LIST_INSIDE
    if f.separators:
        return _BREADCRUMB
    if is_table_row(f):
        return _ROW_INSIDE
    return _SHORT_INSIDE


def _next_content(feats: list[LineFeatures], alone: list, i: int, end: int) -> int | None:
    for j in range(i + 1, min(end + 1, len(feats))):
        if alone[j] is None:
            return j
    return None


def _between(f: LineFeatures, a: tuple[LineRole, str] | None) -> Decision:
    if a is not None:
        return Decision(a[0], False, a[1])
    if f.is_prose:
        return Decision(R.LEAD, True, "prose between the title and the body")
    return Decision(R.META_LABEL, False, "short line between the title and the body")


def _outside(f: LineFeatures, a: tuple[LineRole, str] | None, after: bool) -> Decision:
    if a is not None:
        role = a[0]
        if role is R.META_LABEL and not after:
            return _LABEL_BEFORE
        return Decision(role, False, a[1])
    if after and (f.is_prose or f.is_sentence) and P.SECOND_PERSON.search(f.text):
        return _ADDRESSES_READER
    if f.separators:
        return _BREADCRUMB
    if f.is_prose or (f.is_headline and f.words >= 4):
        return _TEXT_AFTER if after else _TEXT_BEFORE
    return _SHORT_AFTER if after else _SHORT_BEFORE


# The decisions `_outside` gives by position alone (shared: decisions are immutable).
_LABEL_BEFORE = Decision(R.NAVIGATION, False, "label before the article")
_ADDRESSES_READER = Decision(R.NOTICE, False, "addresses the reader, after the body")
_BREADCRUMB = Decision(R.NAVIGATION, False, "breadcrumb or row of links")
_SHORT_HEADLINE = Decision(R.NAVIGATION, False, "short headline-shaped line below the title")
_TEXT_BEFORE = Decision(R.TEASER, False, "text before the body")
_TEXT_AFTER = Decision(R.TEASER, False, "text after the body")
_SHORT_BEFORE = Decision(R.NAVIGATION, False, "short line before the body")
_SHORT_AFTER = Decision(R.NAVIGATION, False, "short line after the body")
# ... and `_in_comments`.
_TEXT_IN_COMMENTS = Decision(R.TEASER, False, "text in the comment section")
_SHORT_IN_COMMENTS = Decision(R.NAVIGATION, False, "short line in the comment section")
# ... and `_in_related`.
_TEXT_IN_RELATED = Decision(R.TEASER, False, "text in a list of other articles")
_SHORT_IN_RELATED = Decision(R.NAVIGATION, False, "short line in a list of other articles")
# ... and `_inside`.
_PROSE_INSIDE = Decision(R.PARAGRAPH, True, "prose inside the body")
_SENTENCE_INSIDE = Decision(R.PARAGRAPH, True, "sentence inside the body")
_HEADING_INSIDE = Decision(R.HEADING, True, "short line before body text")
_LIST_INSIDE = Decision(R.LIST_ITEM, True, "line of a multi-line block inside the body")
_SHORT_INSIDE = Decision(R.NAVIGATION, False, "short line inside the body, not followed by text")
# A line of cells (a table row, flattened with tabs between its cells) inside the body is part
# of the article, as HTML extraction keeps a table: a row of short cells would read as a short
# line otherwise.
_ROW_INSIDE = Decision(R.LIST_ITEM, True, "table row inside the body")
# All of them, in the order sieb.text._rules.Rules.by_position takes them.
_POSITION_DECISIONS = (
    _LABEL_BEFORE,
    _ADDRESSES_READER,
    _BREADCRUMB,
    _TEXT_BEFORE,
    _TEXT_AFTER,
    _SHORT_BEFORE,
    _SHORT_AFTER,
    _PROSE_INSIDE,
    _SENTENCE_INSIDE,
    _HEADING_INSIDE,
    _LIST_INSIDE,
    _SHORT_INSIDE,
    _ROW_INSIDE,
)


def _figures(feats: list[LineFeatures], out: list[Decision]) -> None:
    """A credit ends a figure block: the line above it is the caption, the one above it the alt."""
    # Changes below touch only lines above the credit: the credits can be listed first.
    for i in _indexes_of(out, R.CREDIT, 0, len(out)):
        f = feats[i]
        out[i] = Decision(R.CREDIT, False, "image credit")
        roles = (R.CAPTION, R.IMAGE_ALT)
        for k, role in enumerate(roles, 1):
            j = i - k
            if j < 0 or feats[j].group != f.group or out[j].role in CHROME - {R.NAVIGATION}:
                break
            out[j] = Decision(role, False, f"{role} of the figure whose credit is line {f.number}")


def _list_intros(feats: list[LineFeatures], out: list[Decision], start: int, end: int) -> None:
    """A label inside the body followed by list items introduces the list ("The budget funds:");
    one right above body text in its block introduces that text (a run-in heading "Hintergrund:",
    an interview's "Anne:")."""
    # A change touches only the label itself: the labels can be listed first.
    for i in _indexes_of(out, R.META_LABEL, start, max(start, end)):
        if not feats[i].colon_end:
            continue
        if out[i + 1].role is R.LIST_ITEM:
            out[i] = _LIST_INTRO
        elif (
            out[i + 1].kept
            and feats[i + 1].group == feats[i].group
            and feats[i + 1].chars >= _INTRODUCED_MIN_CHARS
        ):
            out[i] = _TEXT_INTRO


def _embedded_posts(feats: list[LineFeatures], out: list[Decision], start: int, end: int) -> None:
    """An embedded post's closing line inside the body ("— Jane Doe (@janedoe) November 18,
    2019", a tweet's author, handle and date) is the source of the post quoted above it: kept
    with it, not dropped as a date line."""
    for i in _indexes_of(out, R.DATE, start, max(start, end + 1)):
        if P.POST_SOURCE.match(feats[i].text) is not None:
            out[i] = _POST_SOURCE
            if i and out[i - 1] is _SHORT_INSIDE:
                out[i - 1] = _POST_TEXT


_POST_SOURCE = Decision(R.QUOTE_SOURCE, True, "author, handle and date of the post above")
_POST_TEXT = Decision(R.PARAGRAPH, True, "the text of the post whose source line is below")


_LIST_INTRO = Decision(R.PARAGRAPH, True, "introduces the list below")
_TEXT_INTRO = Decision(R.PARAGRAPH, True, "introduces the text below")
# The text a label introduces: a sentence's length, not a value ("Datum:" / "12.03.2024").
_INTRODUCED_MIN_CHARS = 40


def _pull_quotes(feats: list[LineFeatures], out: list[Decision], start: int, end: int) -> None:
    """A two-line block of a sentence and a short name inside the body: a quote and its speaker
    (compiled when built)."""
    if _COMPILED_PULL_QUOTES is not None and isinstance(feats, list):
        _COMPILED_PULL_QUOTES(feats, out, start, end, Decision, _PULL_QUOTE_ROLES, _SPEAKER_WORDS)
        return
    python_pull_quotes(feats, out, start, end)


# The roles _pull_quotes reads, in the order sieb.text._rules.pull_quotes takes them: a speaker
# line has none of the last set.
_PULL_QUOTE_ROLES = (
    R.PARAGRAPH,
    R.PULL_QUOTE,
    R.QUOTE_SOURCE,
    frozenset({R.CREDIT, R.DATE, R.UI, R.AD, R.CONSENT, R.FOOTER}),
)


def python_pull_quotes(
    feats: list[LineFeatures], out: list[Decision], start: int, end: int
) -> None:
    """`_pull_quotes` in Python (the definition)."""
    for i in range(start, end):
        f, g = feats[i], feats[i + 1]
        if f.group_pos != 0 or f.group_size != 2 or g.group != f.group:
            continue
        if out[i].role is not R.PARAGRAPH or (out[i + 1].kept and out[i + 1].role is R.PARAGRAPH):
            continue
        if (
            g.words <= _SPEAKER_WORDS
            and g.upper_start
            and not g.terminal
            and not g.colon_end
            and not g.has_digit
            and out[i + 1].role not in _PULL_QUOTE_ROLES[3]
        ):
            out[i] = Decision(
                R.PULL_QUOTE, True, f"quote followed by its speaker (line {g.number})"
            )
            out[i + 1] = Decision(R.QUOTE_SOURCE, True, "short name after a quote")


def _teasers_before_play_time(
    feats: list[LineFeatures], out: list[Decision], start: int, end: int
) -> None:
    """Text followed by a play time ("1 min") and labels inside the body announces a video."""
    # Changes touch only lines above the play time: the labels can be listed first.
    for i in _indexes_of(out, R.META_LABEL, start, max(start, end + 1)):
        if not P.DURATION.match(feats[i].text):
            continue
        j = i - 1
        while j >= start and out[j].role in {R.META_LABEL, R.DATE}:
            j -= 1
        if j >= start and out[j].role is R.PARAGRAPH:
            out[j] = Decision(
                R.TEASER, False, f"announces the media whose play time is line {feats[i].number}"
            )


def _closing_card(feats: list[LineFeatures], out: list[Decision], start: int, end: int) -> None:
    """An image label, a heading and at most one paragraph closing the body: a teaser card."""
    paragraphs = _indexes_of(out, R.PARAGRAPH, start, max(start, end + 1))
    if not paragraphs:
        return
    last = paragraphs[-1]
    paragraphs = 0
    h = last
    while h >= start and out[h].role is not R.HEADING:
        if out[h].role is R.PARAGRAPH:
            paragraphs += 1
            if paragraphs > _CARD_PARAGRAPHS:
                return  # as below: no card (and no walk up the whole body)
        elif out[h].kept:
            return
        h -= 1
    if h <= start or paragraphs > _CARD_PARAGRAPHS:
        return
    label = h - 1
    if out[label].kept or not (P.LABELLED.match(feats[label].text) and not feats[label].terminal):
        return
    for j in range(label, last + 1):
        out[j] = Decision(
            R.TEASER,
            False,
            f"teaser card closing the body (image label line {feats[label].number})",
        )


# Lists of teasers the rules took for body text, and how many lines of a kind make one: links
# with counts (3 within 2 lines either side), teasers cut off with an ellipsis (2 within 4
# lines), headlines run into their leads (2 within 3 lines; one alone is more often a name's
# pop-up run into the sentence around it). Held-out on the -text sets (2026-12-06, written from
# their errors): scrapinghub-text F1 0.9171 -> 0.9225, trafilatura-dev-text 0.8958 -> 0.8962.
_COUNT_LINKS = Decision(R.NAVIGATION, False, "list of links with counts")
_CUT_OFF = Decision(R.TEASER, False, "cut-off teaser in a list of them")
_JOINED_CARD = Decision(R.TEASER, False, "headline run into its lead: a teaser card")
_TEASER_RUNS = ((3, 2, _COUNT_LINKS), (2, 4, _CUT_OFF), (2, 3, _JOINED_CARD))
# The teasers of a list of them that follow a headline line (cut off, or run into their lead):
# a heading right above one is its headline (sieb.text.teasers).
HEADLINED_TEASERS = (_CUT_OFF, _JOINED_CARD)


def _teaser_lists(feats: list[LineFeatures], out: list[Decision]) -> None:
    """Lines of a list of teasers (`_TEASER_RUNS`) that are kept or dropped by position become
    teasers or navigation, which the line model may not keep (compiled when built)."""
    if _COMPILED_TEASER_LISTS is not None and isinstance(feats, list):
        _COMPILED_TEASER_LISTS(feats, out, *_TEASER_LIST_ARGS)
        return
    python_teaser_lists(feats, out)


def python_teaser_lists(feats: list[LineFeatures], out: list[Decision]) -> None:
    """`_teaser_lists` in Python (the definition)."""
    found = (
        [i for i, f in enumerate(feats) if _is_count_link(f)],
        [i for i, f in enumerate(feats) if _is_cut_off(f)],
        [i for i, f in enumerate(feats) if out[i].kept and _is_joined_card(f)],
    )
    for lines, (need, reach, decision) in zip(found, _TEASER_RUNS, strict=True):
        for k, i in enumerate(lines):
            near = sum(abs(j - i) <= reach for j in lines[max(0, k - reach) : k + reach + 1])
            if near >= need and (out[i].kept or out[i].role in _OVERRULED):
                out[i] = decision


# Dropped lines a teaser list may mark: those dropped for their place (other dropped lines keep
# the role they were recognised by).
_OVERRULED = frozenset({R.TEASER, R.NAVIGATION})
# What sieb.text._rules.teaser_lists needs to know of the definitions.
_TEASER_LIST_ARGS = (
    P.joined_card,
    _TEASER_RUNS,
    _OVERRULED,
    P.COUNT_LINK_MAX_CHARS,
    P.CUT_OFF_MIN_WORDS,
    P.CUT_OFF_ENDS,
    P.HEADLINE_JOIN_CHARS,
    P.JOINED_HEAD_CHARS,
    P.JOINED_HEAD_WORDS,
    max(map(len, P.TITLE_SMALL_WORDS)),
)


def _is_count_link(f: LineFeatures) -> bool:
    return (
        len(f.text) <= P.COUNT_LINK_MAX_CHARS
        and f.text.endswith((")", "]"))
        and P.COUNT_LINK.match(f.text) is not None
    )


def _is_cut_off(f: LineFeatures) -> bool:
    return f.words >= P.CUT_OFF_MIN_WORDS and f.text.endswith(P.CUT_OFF_ENDS)


def _is_joined_card(f: LineFeatures) -> bool:
    return f.upper_start and P.joined_card(f.text)


def _ui_blocks(feats: list[LineFeatures], out: list[Decision]) -> None:
    """Short lines sharing a block with a UI string are UI too ("Bitte beachten Sie...";
    compiled when built), but for dates and bylines (_UI_SPARED); in guessed blocks only those
    near it (_UI_REACH_GUESSED)."""
    reach = _UI_REACH_GUESSED if getattr(feats, "predicted", False) else _WHOLE_BLOCK
    if _COMPILED_UI_BLOCKS is not None and isinstance(feats, list):
        _COMPILED_UI_BLOCKS(
            feats, out, R.UI, _UI_NEIGHBOUR, _UI_NEIGHBOUR_CHARS, reach, _UI_SPARED
        )
        return
    python_ui_blocks(feats, out, reach)


def python_ui_blocks(
    feats: list[LineFeatures], out: list[Decision], reach: int = _WHOLE_BLOCK
) -> None:
    """`_ui_blocks` in Python (the definition): the lines of a block holding a UI line, or with
    `reach` >= 0 those within `reach` lines of one in its block, as they were before any
    changed; dates and bylines (_UI_SPARED) stay as they are."""
    at = python_indexes_of(out, R.UI, 0, len(out))
    spans = set()
    for i in at:
        first, end = _block_of(feats, i)
        spans.add((first, end) if reach < 0 else (max(first, i - reach), min(end, i + reach + 1)))
    for start, end in spans:
        for i in range(start, end):
            role = out[i].role
            spared = role is R.UI or role in _UI_SPARED
            if not spared and feats[i].chars < _UI_NEIGHBOUR_CHARS:
                out[i] = _UI_NEIGHBOUR


_UI_NEIGHBOUR = Decision(R.UI, False, "in one block with an interface string")
# A date or a byline in the block stays one: it is the article's metadata (a byline block
# "By Jane Doe / Follow Jane Doe on Twitter / November 19, 2019" gave no author and no date).
_UI_SPARED = (R.DATE, R.BYLINE)


def python_indexes_of(items: list, value: object, lo: int, hi: int) -> list[int]:
    """The indexes i in [lo, hi) whose items[i][0] is `value`: the lines whose decision has a
    role (`_indexes_of` is the compiled twin when it is built)."""
    if lo < 0 or hi > len(items):
        raise IndexError("indexes outside the list")
    return [i for i in range(lo, hi) if items[i][0] is value]


def python_first_index_of(items: list, value: object) -> int:
    """The first index i whose items[i][0] is `value`, or -1: the first line whose decision has
    a role (`first_index_of` is the compiled twin when it is built; it stops there, where
    `_indexes_of` walks the whole page)."""
    return next((i for i, row in enumerate(items) if row[0] is value), -1)


def _lead(out: list[Decision], title: int | None) -> None:
    """The first paragraph after the title (only dates, labels, figures between) is the lead."""
    if title is None:
        return
    for i in range(title + 1, len(out)):
        d = out[i]
        if d.role is R.PARAGRAPH:
            out[i] = Decision(R.LEAD, True, "first paragraph after the title")
            return
        if d.kept:
            return


# Lines on which the compiled rules' shortcut searches must find what the patterns find (with
# the lines of lines.PROBE_TEXTS, as they are and lower-cased).
_SEARCH_PROBES = (
    "Updated 1:39 am EST, Wednesday, November 20, 2019\n12.03.2024, 18:45 Uhr",
    "3/4/24 2024-01-02\nMarch 3, 2024\n3. März 2024\nStand: 3. Mai",
    "٣.٣.٢٠٢٤ x1.2.24 _12.3.24 3 comments",
    "Please enable JavaScript\nLog in\nblogging in\nad-blocker\nSign up for our newsletter",
    "We use cookies\nsee our Privacy Policy\nDSGVO_\n© 2024\n(c) 2024 Foo\nFoto: dpa",
    "Bild / dpa\nGetty Images\nImpressum\nAll rights reserved",
    "Bild 3 von 12\n3/12\nfoto 1 of 5\nslide 2 / 9 ",
    "3 comments\n12 Kommentare\nleave a reply\n1. Mai 2024 / dpa\nder 3. märz 2024\nmarch 3, 2024",
    "Datum:\nSie sind hier:\n5 Min. Lesezeit\n3:45\n1.\tItem\nap photo/jane doe\nphoto by x",
    "Jane Roe on September 12, 2018 at 4:47 pm said:\nJan am 12. März 2019 um 14:33 Uhr schrieb:",
    "On Monday, 12 March 2018 at 10:30 the minister said:\nAt 10:30 on 3 May 2024 she wrote:",
    "Your email address will not be published. Required fields are marked *\nakismet",
    "Deine E-Mail-Adresse wird nicht veröffentlicht.\nDie Studie wurde nicht veröffentlicht.",
    (
        "Lea también: Impiden ingreso\n» Read more: the mayor\n© copyright 2020\n...»» see also\n"
        "-- lesen sie auch\nİİread also\nThe readers also liked it\nRelated:\u00a0SpaceX"
    ),
)


def _compiled_rules() -> tuple[Any, Any, Any, Any, Any, Any] | None:
    """sieb.text._rules' `Rules`, `body_span`, `indexes_of`, `pull_quotes`, `ui_blocks` and
    `teaser_lists` when they are built,
    SIEB_PURE_PYTHON is unset and they agree with the Python definitions on the pages of
    lines.PROBE_TEXTS; else None."""
    _rules = compiled_module("sieb.text._rules")
    if _rules is None:
        return None
    try:
        rules = _rules.Rules(
            P,
            (
                _AD,
                _UI,
                _COMMENTS,
                _CONSENT,
                _FOOTER,
                _CREDIT,
                _LABEL,
                _DURATION,
                _DATE,
                _BYLINE,
                _NOTICE,
                _EXCLAIMED,
                _CAPTIONED,
                _COMMENT_HEADER,
                _READER_PROMPT,
                _PROMPTING_NOTICE,
                _IMAGE_FILE,
            ),
            CHROME,
            (float(_PROSE_CAP), _SENTENCE_GAIN, _SHORT_COST, _CHROME_COST, _REPEAT_COST),
            (_CAPTION_MIN_CHARS, _CAPTION_MAX_CHARS),
            _LIST_ITEM_WORDS,
            LineFeatures._fields,
        )
    except (AttributeError, TypeError, ValueError):  # built for other patterns or fields
        return None
    samples = [line for text in (*PROBE_TEXTS, *_SEARCH_PROBES) for line in text.split("\n")]
    if not rules.searches_agree([*samples, *(line.lower() for line in samples)]):
        return None
    count_link = getattr(_rules, "count_link", None)
    if count_link is None or any(
        count_link(text) != (P.COUNT_LINK.match(text) is not None)
        for text in (*samples, *_COUNT_LINK_PROBES)
    ):
        return None
    for text in (*PROBE_TEXTS, _NEIGHBOUR_PROBE, _CAPTION_PROBE, _TEASER_PROBE):
        rules.forget()
        feats = python_measure(text)
        alone = _context_free_all(feats, None)
        scores = python_line_scores(feats, alone)
        if (
            any(
                rules.addresses_reader(f.text) != (P.SECOND_PERSON.search(f.text) is not None)
                or rules.names_photo_source(f.low) != P.names_photo_source(f.low)
                for f in feats
            )
            or rules.context_free_all(feats) != alone
            or rules.alone_and_scores(feats) != (alone, scores)
            or list(map(repr, rules.line_scores(feats, alone))) != list(map(repr, scores))
            or _rules.body_span(scores) != python_body_span(scores)
            or not _same_positions(rules, feats, alone, python_body_span(scores))
            or not _same_indexes(_rules.indexes_of, python_by_position(feats, alone, 0, -1))
            or not _same_neighbour_rules(_rules, feats, alone, python_body_span(scores))
        ):
            return None
    rules.forget()
    return (
        rules,
        _rules.body_span,
        _rules.indexes_of,
        _rules.pull_quotes,
        _rules.ui_blocks,
        _rules.teaser_lists,
    )


def _same_indexes(indexes_of: Any, out: list[Decision]) -> bool:
    """Whether `indexes_of` lists the lines of each role of `out` as `python_indexes_of` does."""
    n = len(out)
    return all(
        indexes_of(out, role, lo, hi) == python_indexes_of(out, role, lo, hi)
        for role in {d.role for d in out}
        for lo, hi in ((0, n), (n // 2, n), (0, n // 2))
    )


# Lines on which the compiled `count_link` must find what patterns.COUNT_LINK finds: at the
# bounds of its parts (leading marks, the text before the count, the count's digits), with
# other digits and brackets, and before a final newline.
_COUNT_LINK_PROBES = (
    "World (3031)", "Blog [2]", "环球音乐 [12]", "(3)", "x(1)", "x (1234567)", "x (123456)",
    "!!! x [1]", "!!!! x [1]", "»_ (2)", "_ (2)", "1x (2)", "é (٢)", "x (²)", "x ((1)",
    "x (1]", "x [1)", "x (1) ", "x (1)\n", "x (1)\n\n", "\n", "", "x", "x (", "x ()",
    "x" + "y" * 39 + " (1)", "x" + "y" * 40 + " (1)", "x (a) (1)", "x ]1) (1)", "x\n(1)",
)

# A page with a quote and its speaker, and UI strings in blocks with other short lines.
_NEIGHBOUR_PROBE = (
    "A Headline of the Page\n\n"
    + "The council met on Tuesday and decided that the budget is to be cut by a third. " * 3
    + "\n\n“We will not accept this, and we will say so in the council again.”\nJane Doe\n\n"
    + "Share\nBitte beachten Sie die Regeln\n" + "A very long line of a block. " * 5
    + "\n\nThe mayor said that the city would appeal against the decision of the council.\n"
    + "“Another quote that is long enough to be a sentence of the body.”\nJohn 3 Smith\n\n"
    + "More of the body text follows here, and it is long enough to count as prose. " * 3
    + "\n\nTweet\nPrint\n"
)

# Captions that name their photo's source, and lines that only look like them.
_CAPTION_PROBE = (
    "In this photo issued by ITV, the two leaders shake hands after the debate.\n"
    "The mayor speaks at the opening of the bridge. (Photo by Jane Doe/Getty Images)\n"
    "Der Bürgermeister eröffnet die neue Brücke am Fluss. Foto: Max Muster/dpa ..\n"
    "Workers repair the old bridge over the river | Jane Doe | Getty Images\n"
    "The senator speaks to voters in the hall.Credit...Jane Doe/The Daily Times\n"
    "Protesters gathered outside the parliament building (ITV via AP)\n"
    "Die elektronische Patientenakte wird seit Jahren diskutiert (ePA)\n"
    "The report names three causes: the weather, the budget and the staff.\n"
    "photo: short\nfoto von mir und dir\n(c)\n)\n. . .\n"
    "milano-design-week-2018-flos-arrangements-02\nDie-Profile-werden-verbunden.JPG\n"
    "Schritt-für-Schritt-Anleitung\nIMG.png\n"
    + "A long line of prose that goes on and on about the bridge and the river. " * 4
    + "(Photo: AP)\n"
)


# Lists of teasers (links with counts, cut-off teasers, headlines run into their leads), and
# lines that only look like their items.
_TEASER_PROBE = (
    "A Headline of the Page\n\n"
    + "The council met on Tuesday and decided that the budget is to be cut by a third. " * 3
    + "\nWorld (3031)\nSports (1379)\n\u25baBlog [2]\nIndia (9048)\nA year (2019)\n(12)\n"
    + "Microsoft removes the safeguard hold for Windows 10 users...\nShort...\n"
    + "Windows 10 is now available via the update assistant \u2026\n"
    + "Customers Leave Without Paying Bill At Troy SteakhouseA party of six left the place.\n"
    + "Michigan Couple Finds Newspapers During Home RenovationThe couple found them in a wall.\n"
    + "The new 16-inch MacBook Pro features a redesigned keyboard and a larger screen.\n"
    + "Police Say Two Are In Custody After Death Of Student-AthleteA woman was arrested.\n"
    + "Mayor Says Move Won\u2019t StandWarren Mayor Jim Fouts says it was despicable today.\n"
    + "Weather Today In Detroit 11/15\u00e9You can leave your umbrella at home on Sunday.\n\n"
    + "More of the body text follows here, and it is long enough to count as prose. " * 3
)


def _same_neighbour_rules(
    rules_module: Any, feats: list[LineFeatures], alone: list, span: tuple[int, int]
) -> bool:
    """Whether the compiled `pull_quotes`, `ui_blocks` and `teaser_lists` change the decisions
    of a page as `python_pull_quotes`, `python_ui_blocks` and `python_teaser_lists` do (for
    its body `span` and for the whole page as the body)."""
    n = len(feats)
    for start, end in (span, (0, n - 1)):
        want = python_by_position(feats, alone, start, end)
        got = list(want)
        python_pull_quotes(feats, want, start, end)
        rules_module.pull_quotes(
            feats, got, start, end, Decision, _PULL_QUOTE_ROLES, _SPEAKER_WORDS
        )
        for reach in (0, _UI_REACH_GUESSED):  # on copies: the whole block's spread follows
            near_want, near_got = list(want), list(got)
            python_ui_blocks(feats, near_want, reach)
            rules_module.ui_blocks(
                feats, near_got, R.UI, _UI_NEIGHBOUR, _UI_NEIGHBOUR_CHARS, reach, _UI_SPARED
            )
            if near_want != near_got:
                return False
        python_ui_blocks(feats, want)
        rules_module.ui_blocks(
            feats, got, R.UI, _UI_NEIGHBOUR, _UI_NEIGHBOUR_CHARS, _WHOLE_BLOCK, _UI_SPARED
        )
        python_teaser_lists(feats, want)
        rules_module.teaser_lists(feats, got, *_TEASER_LIST_ARGS)
        if want != got or list(map(type, want)) != list(map(type, got)):
            return False
    return True


def _same_positions(rules: Any, feats: list[LineFeatures], alone: list, span: tuple) -> bool:
    """Whether `rules.by_position` gives `python_by_position`'s decisions for the body `span`,
    for no body and for a body of the whole page."""
    n = len(feats)
    return all(
        rules.by_position(feats, alone, start, end, Decision, R.META_LABEL, _POSITION_DECISIONS)
        == python_by_position(feats, alone, start, end)
        for start, end in (span, (n, n - 1), (0, n - 1))
    )


_COMPILED_RULES = _compiled_rules()
# Whether the per-line rules are the compiled ones.
COMPILED = _COMPILED_RULES is not None
(
    _RULES,
    body_span,
    _indexes_of,
    _COMPILED_PULL_QUOTES,
    _COMPILED_UI_BLOCKS,
    _COMPILED_TEASER_LISTS,
) = _COMPILED_RULES or (None, python_body_span, python_indexes_of, None, None, None)
# The lines of a range whose decision has a role, for the later stages (compiled when built).
indexes_of = _indexes_of


def _first_index_probes() -> Iterator[tuple]:
    """Arguments to check the compiled `first_index_of` with: pages of every other line kept,
    one of them a title, as decisions and as plain (role, kept) tuples, for a role present once,
    a role of every other line and a role absent; and an empty page."""
    for decisions in alternating_decisions(5):
        decisions[3] = Decision(R.TITLE, True, "probe")
        for role in (R.TITLE, R.PARAGRAPH, R.LEAD):
            yield decisions, role
            yield [(d.role, d.kept) for d in decisions], role
    yield [], R.TITLE


first_index_of = (
    checked_twin("sieb.text._rules", "first_index_of", python_first_index_of, _first_index_probes())
    or python_first_index_of
)
