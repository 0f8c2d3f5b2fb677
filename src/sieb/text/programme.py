"""Stage 3q of text mode: an event's programme inside the body is a list, not dates.

An event page lists its programme as lines that start with a time: "19:00 Uhr – Eröffnung mit
Kantorin Friederike Albers", "20:00 – Norddeutscher Barock", "7.30pm: Doors open". The rules see
a line that starts with a time as a date line and drop it (a dateline, "Restkarten an der
Abendkasse ab 18:30 Uhr."). A block of at least MIN_LINES such lines, each a time, a dash or
colon and a few words, standing inside the body (kept lines above and below it), is the
programme: its lines are kept as list items.

Written from one of the repository's own pages (tests/fixtures/pages), so that page is not
blind to it; no page of the -text sets changes.
"""

from __future__ import annotations

import re

from sieb.article import LineRole
from sieb.text.lines import LineFeatures
from sieb.text.roles import Decision, indexes_of

MIN_LINES = 3
# A time (9:30, 19.00, 7pm, 7.30 p.m.), perhaps "Uhr" or "h" and a range's end, then a dash,
# colon or bar and two words: "19:00 Uhr – Eröffnung mit", "7.30pm: Doors open",
# "10:00–11:30 Uhr | Führung durch".
_TIME = r"(?:\d{1,2}(?:[:.]\d\d)?\s?(?:am|pm|a\.m\.|p\.m\.)|\d{1,2}[:.]\d\d(?:\s?(?:uhr|h))?)"
_PROGRAMME_LINE = re.compile(
    rf"{_TIME}(?:\s?[–—-]\s?{_TIME})?\s*[–—:|-]\s*\w+\W+\w", re.IGNORECASE
)
_LIST_LINE = Decision(LineRole.LIST_ITEM, True, "a line of an event's programme inside the body")


def with_programme(feats: list[LineFeatures], decisions: list[Decision]) -> list[Decision]:
    """`decisions` with each block of MIN_LINES programme lines inside the body kept."""
    out = None
    done = -1
    for i in indexes_of(decisions, LineRole.DATE, 0, len(decisions)):
        if i <= done or decisions[i].kept:
            continue
        first = i - feats[i].group_pos
        last = first + feats[first].group_size - 1
        done = last
        if last - first + 1 < MIN_LINES:
            continue
        if not all(_PROGRAMME_LINE.match(feats[k].text) for k in range(first, last + 1)):
            continue
        if not _inside_body(decisions, first, last):
            continue
        if out is None:
            out = list(decisions)
        for k in range(first, last + 1):
            out[k] = _LIST_LINE
    return decisions if out is None else out


def _inside_body(decisions: list[Decision], first: int, last: int) -> bool:
    """Whether a line of body text (a paragraph or the lead) is kept above line `first` and
    below line `last`."""
    body = (LineRole.PARAGRAPH, LineRole.LEAD)
    above = any(d.kept and d.role in body for d in decisions[:first])
    return above and any(d.kept and d.role in body for d in decisions[last + 1 :])
