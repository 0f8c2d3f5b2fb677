"""Stage 3o of text mode: a heading over a teaser is the teaser's headline.

A list of other articles often comes as headline and summary, line after line: "Deal Alert:
Newest iPad Pro up to $200 off" over "Amazon is not waiting until Black Friday to offer deep
iPad Pro discounts...". The rules recognise the summaries (cut off with an ellipsis, or a
headline run into its lead, several in a row: roles._teaser_lists), but take each headline for a
heading inside the body, a short line before text. A kept heading right over such a teaser is
its headline and is dropped with it.

Held-out F1, scrapinghub-text 0.9482 -> 0.9489, trafilatura-dev-text 0.9149 -> 0.9152; written
from scrapinghub-text's pages. Headings over other dropped lines were looked at and left: over a
photo's caption (+0.0002 on scrapinghub-text) a section's heading may stand too.

A teaser inside the body comes under a line that announces it ("Read next", "Lesen Sie auch:",
"Mehr zum Thema", "Up next"), and the rules take its headline for a section's heading too: the
kept heading right under a dropped announcer is dropped as the teaser's headline, and when the
kept lines from there to the end are cards (a heading and at most one paragraph, over and over),
all of them are (`with_announced_teasers`; written from two own pages, tests/fixtures/pages;
three teaser headlines of trafilatura-dev-text go with it, which no snippet covers, so held-out
F1 is unchanged).
"""

from __future__ import annotations

from collections.abc import Iterator

from sieb.article import LineRole
from sieb.compiled import checked_twin
from sieb.text.lines import LineFeatures
from sieb.text.roles import HEADLINED_TEASERS, Decision, relabelled

_REASONS = tuple(teaser.reason for teaser in HEADLINED_TEASERS)
_HEADLINE = Decision(LineRole.TEASER, False, "headline of the teaser below it")

# Lines (lower-cased, with or without a colon) that announce one teaser, or a few links, inside
# an article's body ("Read next" over "Bus franchising: what changes for passengers"): the
# kept heading right under one is the teaser's headline, not a section of the body.
_ANNOUNCERS = (
    "read next", "read also", "also read", "see also", "lesen sie auch", "lies auch",
    "auch interessant", "mehr zum thema", "up next",
)  # fmt: skip
ANNOUNCER_LINES = frozenset(f"{phrase}{end}" for phrase in _ANNOUNCERS for end in ("", ":"))
_ANNOUNCED = Decision(LineRole.TEASER, False, "headline of the teaser the line above announces")
_CARD_TEXT = Decision(LineRole.TEASER, False, "in the teaser cards the line above announces")


def with_teaser_headlines(decisions: list[Decision]) -> list[Decision]:
    """`decisions` with each kept heading right over a teaser of a list of them dropped."""
    return relabelled(decisions, _headings_over(decisions, LineRole.HEADING, _REASONS), _HEADLINE)


def with_announced_teasers(
    feats: list[LineFeatures], decisions: list[Decision], marked: list[int]
) -> list[Decision]:
    """`decisions` with what a dropped announcer line (among `marked`, the indexes of
    `sieb.text.markers.marker_lines`) announces dropped: the kept heading right under it, or,
    when the kept lines from there to the end are cards (a heading and at most one paragraph,
    over and over), all of them."""
    out = None
    for k in marked:
        if feats[k].low not in ANNOUNCER_LINES or decisions[k].kept:
            continue
        for i in _announced(decisions, k + 1):
            if out is None:
                out = list(decisions)
            out[i] = _ANNOUNCED if decisions[i].role is LineRole.HEADING else _CARD_TEXT
    return decisions if out is None else out


def _announced(decisions: list[Decision], start: int) -> list[int]:
    """The lines from `start` that an announcer above it announces: a run of cards (a kept
    heading and at most one kept paragraph) when no kept line follows the run, else the run's
    first heading alone (one teaser inside the body, which goes on below it)."""
    cards, i, n = [], start, len(decisions)
    while i < n and decisions[i].kept and decisions[i].role is LineRole.HEADING:
        cards.append(i)
        i += 1
        if i < n and decisions[i].kept and decisions[i].role is LineRole.PARAGRAPH:
            cards.append(i)
            i += 1
    if any(d.kept for d in decisions[i:]):
        return cards[:1]
    return cards


def python_headings_over(
    decisions: list[Decision], heading: LineRole, reasons: tuple[str, ...]
) -> list[int]:
    """The indexes k of the kept decisions of role `heading` whose next decision has one of
    `reasons`; the definition of the compiled `headings_over`."""
    return [
        k
        for k in range(len(decisions) - 1)
        if decisions[k][0] is heading and decisions[k][1] and decisions[k + 1][2] in reasons
    ]


def _search_probes() -> Iterator[tuple]:
    """Arguments to check the compiled `headings_over` with: headings kept and dropped over
    teasers, other lines and nothing."""
    heading = Decision(LineRole.HEADING, True, "short line before body text")
    dropped = heading._replace(kept=False)
    other = Decision(LineRole.PARAGRAPH, True, "prose inside the body")
    cut_off, joined = HEADLINED_TEASERS
    for rows in (
        [],
        [heading],
        [heading, cut_off, other, heading, joined, heading],
        [dropped, cut_off, heading, other, heading, heading, joined],
        [other, cut_off, _HEADLINE, joined],
    ):
        yield rows, LineRole.HEADING, _REASONS
        yield rows, LineRole.PARAGRAPH, _REASONS


_headings_over = (
    checked_twin("sieb.text._rules", "headings_over", python_headings_over, _search_probes())
    or python_headings_over
)
