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
"""

from __future__ import annotations

from collections.abc import Iterator

from sieb.article import LineRole
from sieb.compiled import checked_twin
from sieb.text.roles import HEADLINED_TEASERS, Decision

_REASONS = tuple(teaser.reason for teaser in HEADLINED_TEASERS)
_HEADLINE = Decision(LineRole.TEASER, False, "headline of the teaser below it")


def with_teaser_headlines(decisions: list[Decision]) -> list[Decision]:
    """`decisions` with each kept heading right over a teaser of a list of them dropped."""
    found = _headings_over(decisions, LineRole.HEADING, _REASONS)
    if not found:
        return decisions
    out = list(decisions)
    for k in found:
        out[k] = _HEADLINE
    return out


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
