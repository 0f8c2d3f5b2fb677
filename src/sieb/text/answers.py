"""Stage 3m of text mode: the answers on a question-and-answer page are its body.

On a Stack Exchange page (and the sites built like it) the question comes first, then a line "3
Answers" and the answers, each closed by its chrome: "Share Improve this answer", "answered Oct 30
at 10:02", the author's name and reputation, the comments under it ("Thanks! – crumbshot Oct 30
at 14:05") and "Add a comment". The rules end the body at the question's "Add a comment" (the
start of a comment section), so every answer was lost. Where a page has the count line and,
below it, an answer's "answered ..." or "Share Improve this answer" line, the lines of four
words or more between the count and the end of the answers ("Not the answer you're looking
for?", "Your Answer", "Linked", "Related", "Hot Network Questions") are kept, but for the chrome
lines and comments. A blog's "2 Antworten" over its comments has no such lines and is left alone.
"""

from __future__ import annotations

import re

from sieb.article import LineRole
from sieb.text.lines import LineFeatures
from sieb.text.patterns import string_keys
from sieb.text.roles import Decision

# "3 Answers" as a line, lower-cased (up to 999 answers; `string_keys`).
_COUNTS = ("answer", "answers", "respuesta", "respuestas", "resposta", "respostas")
ANSWER_COUNT_LINES = string_keys(f"{n} {word}" for n in range(1, 1000) for word in _COUNTS)
# An answer's own chrome: the lines that prove the page is built so, and that are not kept.
_ANSWER_CHROME = ("answered ", "share improve this answer", "share follow", "edited ")
_PROOF = ("answered ", "share improve this answer")
# Where the answers end: these lines (lower-cased), or lines that start so.
_END_LINES = frozenset({"your answer", "linked", "related", "hot network questions"})
_END_STARTS = (
    "not the answer you're looking for", "not the answer you’re looking for",
    "browse other questions tagged",
)  # fmt: skip
# A comment: its text, a dash, the commenter and when ("... – crumbshot Oct 30 at 14:05").
_COMMENT = re.compile(
    r"\s[–-]\s\S+(?: \S+){0,3} (?:[a-z]{3} \d{1,2}(?:, \d{4}| '\d\d)?|\d{4}-\d\d-\d\d) "
    r"at \d{1,2}:\d\d$"
)
# Roles that no answer has: a page's cookie banner or footer may follow the answers.
_NOT_ANSWERS = frozenset({LineRole.CONSENT, LineRole.FOOTER, LineRole.AD})
_MIN_WORDS = 4
_ANSWER = Decision(LineRole.PARAGRAPH, True, "an answer on a question-and-answer page")


def with_answers(
    feats: list[LineFeatures], decisions: list[Decision], marked: list[int]
) -> list[Decision]:
    """`decisions` with the answers below the first answer-count line among `marked` (the
    indexes of `sieb.text.markers.marker_lines`) kept."""
    start = next((k for k in marked if feats[k].low in ANSWER_COUNT_LINES), -1)
    if start < 0:
        return decisions
    end = next(
        (
            i
            for i in range(start + 1, len(feats))
            if feats[i].low in _END_LINES or feats[i].low.startswith(_END_STARTS)
        ),
        len(feats),
    )
    region = range(start + 1, end)
    if not any(feats[i].low.startswith(_PROOF) for i in region):
        return decisions
    out = list(decisions)
    for i in region:
        f = feats[i]
        if (
            not decisions[i].kept
            and decisions[i].role not in _NOT_ANSWERS
            and f.words >= _MIN_WORDS
            and not f.low.startswith(_ANSWER_CHROME)
            and not _COMMENT.search(f.low)
        ):
            out[i] = _ANSWER
    return out
