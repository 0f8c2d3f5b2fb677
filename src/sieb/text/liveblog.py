"""Stage 3n of text mode: the entries of a live blog are its body.

A live blog ("Liveticker") is a run of entries, newest first, each under a line that is only its
time ("14:20 Uhr", "4.10am") and often with a headline of its own. The rules see the times as
dates and the short headlines between them as chrome, and the line model, reading the page from
its top, drops the older entries further down. Where at least MIN_TIMES such time lines stand
with entries between them, and the body runs through the first entries, each entry's prose and
the headline over it are kept; the last entry ends at the page's chrome (a reader prompt, a
notice, the footer) or after LAST_ENTRY_LINES lines.

Written from two of the repository's own pages (tests/fixtures/pages, live blogs), so those are
not blind to it.
"""

from __future__ import annotations

from itertools import pairwise

from sieb.article import LineRole
from sieb.text.lines import LineFeatures
from sieb.text.patterns import string_keys
from sieb.text.roles import READER_PROMPT_REASON, Decision

MIN_TIMES = 3
LAST_ENTRY_LINES = 6


def _clock_times() -> dict[str, None]:
    """Lines that are only a time of day, lower-cased: 14:20, 9.05, 14:20 uhr, 4.10am, 4:10 pm
    (`string_keys`: 22,320 of them)."""
    clocks = [
        f"{h}{sep}{minute:02d}"
        for hour in range(24)
        for h in {str(hour), f"{hour:02d}"}
        for sep in ":."
        for minute in range(60)
    ]
    twelve = [c for c in clocks if 1 <= int(c[:-3]) <= 12]
    return string_keys([
        *clocks, *(c + " uhr" for c in clocks), *(c + " h" for c in clocks),
        *(c + half for c in twelve for half in ("am", "pm", " am", " pm")),
    ])  # fmt: skip


TIME_LINES = _clock_times()
# Lines that are not an entry's text: the page's chrome, and what the rules give a time or a
# photo.
_NOT_ENTRY = frozenset({
    LineRole.CONSENT, LineRole.FOOTER, LineRole.AD, LineRole.NOTICE, LineRole.CAPTION,
    LineRole.CREDIT, LineRole.DATE, LineRole.UI, LineRole.IMAGE_ALT, LineRole.BYLINE,
})  # fmt: skip
# Where the last entry ends.
_END_ROLES = frozenset({LineRole.CONSENT, LineRole.FOOTER, LineRole.NOTICE})
_ENTRY = Decision(LineRole.PARAGRAPH, True, "an entry of a live blog")
_ENTRY_HEADLINE = Decision(LineRole.HEADING, True, "the headline of a live blog's entry")


def with_live_entries(
    feats: list[LineFeatures], decisions: list[Decision], marked: list[int]
) -> list[Decision]:
    """`decisions` with a live blog's entries kept, when `marked` (the indexes of
    `sieb.text.markers.marker_lines`) holds MIN_TIMES time lines with entries between them."""
    times = [k for k in marked if feats[k].low in TIME_LINES]
    if len(times) < MIN_TIMES or not _is_live_blog(decisions, times):
        return decisions
    out = list(decisions)
    ends = [*times[1:], _last_entry_end(decisions, times[-1])]
    for start, end in zip(times, ends, strict=True):
        for i in range(start + 1, end):
            keep = _entry_line(feats, decisions, i, end)
            if keep is not None:
                out[i] = keep
    return out


def _is_live_blog(decisions: list[Decision], times: list[int]) -> bool:
    """Entries stand between the time lines (at least two hold a line), and the body runs
    through the first of them: a kept line lies between the first and the second time."""
    entries = sum(b - a > 1 for a, b in pairwise(times))
    return entries >= MIN_TIMES - 1 and any(d.kept for d in decisions[times[0] + 1 : times[1]])


def _last_entry_end(decisions: list[Decision], start: int) -> int:
    stop = min(len(decisions), start + 1 + LAST_ENTRY_LINES)
    for i in range(start + 1, stop):
        d = decisions[i]
        if d.role in _END_ROLES or d.reason == READER_PROMPT_REASON:
            return i
    return stop


def _entry_line(
    feats: list[LineFeatures], decisions: list[Decision], i: int, end: int
) -> Decision | None:
    """The decision for line i of an entry that ends before `end`, or None to leave it."""
    d, f = decisions[i], feats[i]
    if d.kept or d.role in _NOT_ENTRY or d.reason == READER_PROMPT_REASON:
        return None
    if f.is_prose or f.is_sentence:
        return _ENTRY
    if f.is_headline and i + 1 < end and (feats[i + 1].is_prose or decisions[i + 1].kept):
        return _ENTRY_HEADLINE
    return None
