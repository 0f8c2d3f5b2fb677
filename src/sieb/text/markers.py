"""The lines that the late stages of text mode look for, found in one pass over the page: the
separators before a next article (`following`), the answer counts of a question-and-answer
page (`answers`), the times of a live blog's entries (`liveblog`) and the lines that announce a
teaser inside a body (`teasers`)."""

from __future__ import annotations

from sieb.text.answers import ANSWER_COUNT_LINES
from sieb.text.following import SEPARATOR_LINES
from sieb.text.lines import LineFeatures
from sieb.text.liveblog import TIME_LINES
from sieb.text.recipes import lines_in, string_set
from sieb.text.teasers import ANNOUNCER_LINES

_LOW = LineFeatures._fields.index("low")
_MARKERS = string_set({*SEPARATOR_LINES, *ANSWER_COUNT_LINES, *TIME_LINES, *ANNOUNCER_LINES})


def marker_lines(feats: list[LineFeatures]) -> list[int]:
    """The indexes of the lines that are a next-article separator, an answer count, a time or
    a teaser's announcer."""
    return lines_in(feats, _LOW, _MARKERS)
