"""Stage 3c of text mode: the author box under an article.

Blogs and news sites close an article with a box about its author: the name on a line of its
own, then a paragraph that begins with that name or goes on from it ("Markus Reuter" /
"Markus Reuter beschäftigt sich mit ...", "Dr. Thomas Schulte" / "ist Gründungspartner ...").
Written as prose, the paragraph reads like body text to the rules and the line model alike; the
pair gives it away. A page with several such pairs is a list of people (a listicle of actors, a
panel), whose entries are the article, so only a pair that occurs once on a page is taken.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from sieb.article import LineRole
from sieb.compiled import checked_twin
from sieb.text import patterns as P
from sieb.text.lines import PROBE_TEXTS, LineFeatures, python_measure
from sieb.text.roles import Decision

# A person's name alone on a line: two or three capitalised words, after academic titles.
_PERSON = re.compile(
    r"(?:(?:Dr|Prof|Mag|Dipl)\.(?:-\w+\.)? )*([A-ZÄÖÜ][\w'’-]+(?: [A-ZÄÖÜ][\w'’.-]*){1,2})"
)
_NAME_MAX_CHARS = 40
# The box's paragraph: a sentence or more, ending as one or reading as running text (a box
# may close with the author's addresses).
_BIO_MIN_CHARS = 60
_FIELDS = (
    LineFeatures._fields.index("chars"),
    LineFeatures._fields.index("terminal"),
    Decision._fields.index("kept"),
)

# The name is the article's author when the paragraph repeats it ("Markus Reuter beschäftigt sich
# ..."); a paragraph that goes on from it in lower case may as well be a reader's comment under
# the commenter's name, so that name is not taken for the author.
_AUTHOR_NAME = Decision(LineRole.BYLINE, False, "author's name over the author box below")
_NAME = Decision(LineRole.FOOTER, False, "name over the author box below")
_BIO = Decision(LineRole.FOOTER, False, "about the author (goes on from the name above it)")


def with_author_box(feats: list[LineFeatures], decisions: list[Decision]) -> list[Decision]:
    """`decisions` with the name and paragraph of an author box (once on the page) dropped."""
    found, repeats = -1, False
    for k in _kept_under_short(feats, decisions, _FIELDS, _BIO_MIN_CHARS, _NAME_MAX_CHARS):
        opens = _opens_box(feats[k - 1], feats[k])
        if opens is not None:
            if found >= 0:
                return decisions  # a list of people, not an author box
            found, repeats = k, opens
    if found < 0:
        return decisions
    out = list(decisions)
    out[found - 1], out[found] = (_AUTHOR_NAME if repeats else _NAME), _BIO
    return out


def python_kept_under_short(
    feats: list[LineFeatures],
    decisions: list[Decision],
    fields: tuple[int, int, int],
    long_min: int,
    short_max: int,
) -> list[int]:
    """The indexes k >= 1 of the lines of at least `long_min` characters, kept, right under a
    line of fewer than `short_max` that ends no sentence (`fields`: where chars and terminal
    are in a line's features, kept in a decision); the definition of the compiled
    `kept_under_short`."""
    chars, terminal, kept = fields
    if len(decisions) != len(feats):
        raise ValueError("kept_under_short: as many decisions as lines")
    return [
        k
        for k in range(1, len(feats))
        if feats[k][chars] >= long_min
        and feats[k - 1][chars] < short_max
        and not feats[k - 1][terminal]
        and decisions[k][kept]
    ]


def _opens_box(name: LineFeatures, bio: LineFeatures) -> bool | None:
    """None unless `name` (short, no sentence) is a person's name alone on its line and `bio`
    (long enough, kept) prose that begins with it (True) or continues it in lower case
    (False)."""
    text = bio.text
    if (
        not (bio.terminal or bio.is_prose)
        or not 2 <= name.words <= 5
        or not (text[0].islower() or text.partition(" ")[0] in name.text.split())
    ):
        return None
    match = _PERSON.fullmatch(name.text)
    if match is None:
        return None
    person = match.group(1)
    if any(word in P.STOP_SET for word in person.split()):
        return None  # "The Doobie Brothers", "Die Grünen": a name, but no person's
    if text.startswith(person):
        # "Fact Check: ..." is a heading's, not a person's
        return None if text[len(person) : len(person) + 1] == ":" else True
    return False if text[0].islower() else None


def _prefilter_probes() -> Iterator[tuple]:
    """Arguments to check the compiled `kept_under_short` with: the pages of lines.PROBE_TEXTS,
    each line's decision kept and dropped in turn, at the author box's bounds and two extremes."""
    for text in PROBE_TEXTS:
        feats = python_measure(text)
        for kept in (True, False):
            decisions = [
                Decision(LineRole.PARAGRAPH, kept if k % 2 else not kept, "probe")
                for k in range(len(feats))
            ]
            for bounds in ((_BIO_MIN_CHARS, _NAME_MAX_CHARS), (1, 10_000), (10_000, 1)):
                yield (feats, decisions, _FIELDS, *bounds)


_kept_under_short = (
    checked_twin(
        "sieb.text._rules", "kept_under_short", python_kept_under_short, _prefilter_probes()
    )
    or python_kept_under_short
)
