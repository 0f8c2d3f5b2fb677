"""Stage 3f of text mode: the article's own list right below its last paragraph.

An article may close with a list: a tour's dates, a product's features, a schedule. It comes
under a label or heading ("The Doobie Brothers 50th Anniversary Tour 2020 dates:", "Dare to Play
3:") and is a block of short lines that end no sentence, which is what a list of other articles
under the body looks like too, so the rules and the line model drop it with them. What sets the
article's list apart is its heading: it names the article's subject (a word of the title), where
the heading of a list of other articles is a stock phrase ("Read next:", "Más información:",
"Abgelegt unter:"). Such a heading right under the body, and the block of list lines it opens,
join the body.

A page may also be the list itself (a race calendar, a schedule): its heading stands right under
the title, a date or a share row between, and the paragraphs the rules took for the body are a
sidebar's. A list there joins the body too, when it stands apart: a block under the title that
runs straight into the body is the article's header (a dateline, a photo's caption, a
standfirst). Held-out F1, scrapinghub-text 0.9440 -> 0.9469 (two pages, one of them a calendar
that had lost all its text), trafilatura-dev-text 0.9149 unchanged; written from those pages.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from sieb.article import LineRole
from sieb.compiled import checked_twin
from sieb.text import patterns as P
from sieb.text.lines import PROBE_TEXTS, LineFeatures, python_measure
from sieb.text.roles import (
    READER_PROMPT_REASON,
    SECTION_ENDS,
    Decision,
    alternating_decisions,
    first_index_of,
)

# A heading is one line of a label's or headline's length; a list line is a few words (not a
# button's one or two) and no paragraph.
_HEADING_MAX_CHARS = 120
_ITEM_MAX_CHARS = 160
_ITEM_MIN_WORDS = 3
_MIN_ITEMS = 3
# A list's heading under the title stands within this many lines of it (a date, a share row, a
# kicker between).
_UNDER_TITLE_LINES = 6
_FIELDS = (
    *(
        LineFeatures._fields.index(name)
        for name in (
            "chars", "colon_end", "is_headline", "group_size", "is_prose", "is_sentence", "words"
        )
    ),
    Decision._fields.index("kept"),
)
# Roles a heading or list line may not have: chrome, and lines that only stand near an article.
_NOT_LISTED = SECTION_ENDS | {LineRole.DATE}
_WORD = re.compile(r"\w{3,}")

_HEADING = Decision(LineRole.PARAGRAPH, True, "names the article's subject over a list below it")
_ITEM = Decision(LineRole.LIST_ITEM, True, "in the list a heading under the body opens")


def with_subject_lists(feats: list[LineFeatures], decisions: list[Decision]) -> list[Decision]:
    """`decisions` with each list that a heading naming the title's subject opens, right under
    the body or right under the title, kept, heading and all."""
    candidates = _labels_after_body(
        feats, decisions, _FIELDS, _HEADING_MAX_CHARS, _ITEM_MIN_WORDS
    )
    title = first_index_of(decisions, LineRole.TITLE)
    under = _headings_under_title(feats, decisions, title) if title >= 0 else []
    candidates = [*under, *candidates]
    if not candidates:
        return decisions
    subject = None
    out = None
    for k in candidates:
        if decisions[k].role in _NOT_LISTED:
            continue
        items = _list_below(feats, decisions, k)
        if len(items) < _MIN_ITEMS or (k in under and _runs_into_body(decisions, items[-1])):
            continue
        if subject is None:
            subject = _content_words(feats[title].text) if title >= 0 else set()
        if not (_content_words(feats[k].text) & subject):
            continue
        if out is None:
            out = list(decisions)
        out[k] = _HEADING
        for i in items:
            out[i] = _ITEM
    return decisions if out is None else out


def _headings_under_title(
    feats: list[LineFeatures], decisions: list[Decision], title: int
) -> list[int]:
    """The lines among the _UNDER_TITLE_LINES under the title, up to the first kept one, that
    are shaped like a list's heading, over a dropped line of _ITEM_MIN_WORDS words or more."""
    found = []
    for k in range(title + 1, min(len(feats) - 1, title + 1 + _UNDER_TITLE_LINES)):
        if decisions[k].kept:
            break
        f = feats[k]
        if (
            f.chars <= _HEADING_MAX_CHARS
            and (f.colon_end or (f.is_headline and f.group_size == 1))
            and not decisions[k + 1].kept
            and feats[k + 1].words >= _ITEM_MIN_WORDS
        ):
            found.append(k)
    return found


def _runs_into_body(decisions: list[Decision], last: int) -> bool:
    """Whether the line after a block's `last` line is kept: a block under the title that runs
    straight into the body is the article's header (a date, a photo's caption, a standfirst),
    where a list stands apart."""
    return last + 1 < len(decisions) and decisions[last + 1].kept


def _content_words(text: str) -> set[str]:
    """The words of three letters or more of `text` that are no function words, lower-cased."""
    return {word.lower() for word in _WORD.findall(text) if word not in P.STOP_SET}


def _list_below(
    feats: list[LineFeatures], decisions: list[Decision], heading: int
) -> list[int]:
    """The list lines that open the block under `heading` (the rest of its block, or the next
    block when the heading stands alone), up to the first line that is no list line."""
    f = feats[heading]
    first = heading + 1
    if first >= len(feats) or feats[first].group not in (f.group, f.group + 1):
        return []
    g = feats[first]
    items = []
    for i in range(first, first + g.group_size - g.group_pos):
        line, decided = feats[i], decisions[i]
        if (
            decided.kept
            or decided.role in _NOT_LISTED
            or decided.reason == READER_PROMPT_REASON
            or line.chars > _ITEM_MAX_CHARS
            or line.words < _ITEM_MIN_WORDS
            or line.colon_end
            or "://" in line.text
        ):
            break
        items.append(i)
    return items


def python_labels_after_body(
    feats: list[LineFeatures],
    decisions: list[Decision],
    fields: tuple[int, ...],
    max_chars: int,
    min_words: int,
) -> list[int]:
    """The indexes k >= 1 of the dropped lines of at most `max_chars` characters that end in a
    colon or are a headline alone in their block, right under a kept line of prose or a
    sentence and over a dropped line of at least `min_words` words (`fields`: where chars,
    colon_end, is_headline, group_size, is_prose, is_sentence and words are in a line's
    features, kept in a decision); the definition of the compiled `labels_after_body`."""
    chars, colon_end, headline, group_size, prose, sentence, words, kept = fields
    if len(decisions) != len(feats):
        raise ValueError("labels_after_body: as many decisions as lines")
    return [
        k
        for k in range(1, len(feats) - 1)
        if feats[k][chars] <= max_chars
        and (feats[k][colon_end] or (feats[k][headline] and feats[k][group_size] == 1))
        and not decisions[k][kept]
        and decisions[k - 1][kept]
        and (feats[k - 1][prose] or feats[k - 1][sentence])
        and not decisions[k + 1][kept]
        and feats[k + 1][words] >= min_words
    ]


def _prefilter_probes() -> Iterator[tuple]:
    """Arguments to check the compiled `labels_after_body` with: the pages of lines.PROBE_TEXTS,
    every other line's decision kept (both ways round), at the heading's bound and two extremes."""
    for text in PROBE_TEXTS:
        feats = python_measure(text)
        for decisions in alternating_decisions(len(feats)):
            for bounds in ((_HEADING_MAX_CHARS, _ITEM_MIN_WORDS), (10_000, 0), (0, 10_000)):
                yield (feats, decisions, _FIELDS, *bounds)


_labels_after_body = (
    checked_twin(
        "sieb.text._rules", "labels_after_body", python_labels_after_body, _prefilter_probes()
    )
    or python_labels_after_body
)
