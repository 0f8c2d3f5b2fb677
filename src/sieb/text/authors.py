"""Stage 3c of text mode: the author box under an article.

Blogs and news sites close an article with a box about its author: the name on a line of its
own, then a paragraph that begins with that name or goes on from it ("Markus Reuter" /
"Markus Reuter beschäftigt sich mit ...", "Dr. Thomas Schulte" / "ist Gründungspartner ...").
Written as prose, the paragraph reads like body text to the rules and the line model alike; the
pair gives it away. A box may be headed "About Jane Doe" ("Über Moritz Bachmann", "Sobre Carlos
Nadalim"), over the name or straight over a paragraph that names its bearer anywhere. A page with
several such pairs is a list of people (a listicle of actors, a panel), whose entries are the
article, so only a pair that occurs once on a page is taken.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from sieb.article import LineRole
from sieb.compiled import checked_twin
from sieb.text import patterns as P
from sieb.text.lines import PROBE_TEXTS, LineFeatures, python_measure
from sieb.text.roles import Decision, alternating_decisions

# A person's name alone on a line: two or three capitalised words, after academic titles.
_PERSON = re.compile(
    r"(?:(?:Dr|Prof|Mag|Dipl)\.(?:-\w+\.)? )*([A-ZÄÖÜ][\w'’-]+(?: [A-ZÄÖÜ][\w'’.-]*){1,2})"
)
_NAME_MAX_CHARS = 40
# Headings of an author box: the word for "about" before the name (case as written).
_ABOUT = ("About ", "Über ", "Sobre ", "À propos de ", "A propos de ", "Acerca de ", "Over ")
# ... and how far into the paragraph under such a heading the name must stand.
_ABOUT_NAME_CHARS = 200
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
_ABOUT_HEADING = Decision(LineRole.FOOTER, False, "heading of the author box below")


def with_author_box(feats: list[LineFeatures], decisions: list[Decision]) -> list[Decision]:
    """`decisions` with the name and paragraph of an author box (once on the page) dropped, and
    the box's "About ..." heading when it has one."""
    found, opens = -1, None
    for k in _kept_under_short(feats, decisions, _FIELDS, _BIO_MIN_CHARS, _NAME_MAX_CHARS):
        box = _opens_box(feats[k - 1], feats[k])
        if box is None and k >= 2 and _heads_box(feats[k - 2], feats[k - 1], feats[k]):
            box = "headed"
        if box is not None:
            if found >= 0:
                return decisions  # a list of people, not an author box
            found, opens = k, box
    if found < 0:
        return decisions
    out = list(decisions)
    if opens == "about":
        out[found - 1] = _ABOUT_HEADING
    elif opens == "headed":
        out[found - 2], out[found - 1] = _ABOUT_HEADING, _AUTHOR_NAME
    else:
        out[found - 1] = _AUTHOR_NAME if opens else _NAME
    out[found] = _BIO
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


def _opens_box(name: LineFeatures, bio: LineFeatures) -> bool | str | None:
    """None unless `name` (short, no sentence) is a person's name alone on its line and `bio`
    (long enough, kept) prose that begins with it (True) or continues it in lower case
    (False); "about" when `name` is a heading "About <name>" and `bio` names the person near its
    start."""
    text = bio.text
    if not (bio.terminal or bio.is_prose) or not 2 <= name.words <= 5:
        return None
    about = _about_whom(name.text)
    if about is not None:
        return "about" if about in text[:_ABOUT_NAME_CHARS] else None
    if not (text[0].islower() or text.partition(" ")[0] in name.text.split()):
        return None
    person = _person(name.text)
    if person is None:
        return None
    if text.startswith(person):
        # "Fact Check: ..." is a heading's, not a person's
        return None if text[len(person) : len(person) + 1] == ":" else True
    return False if text[0].islower() else None


def _heads_box(heading: LineFeatures, name: LineFeatures, bio: LineFeatures) -> bool:
    """Whether `heading` is "About <name>" over the line `name` and `bio` is prose that names the
    person near its start ("Sobre Carlos Nadalim" / "Carlos Nadalim" / "Pai de ..., Carlos
    Nadalim é ...")."""
    if not heading.text.startswith(_ABOUT) or not (bio.terminal or bio.is_prose):
        return False
    person = _person(name.text)
    return (
        person is not None
        and _about_whom(heading.text) == person
        and person in bio.text[:_ABOUT_NAME_CHARS]
    )


def _about_whom(text: str) -> str | None:
    """The person's name in a heading "About <name>" (in one of the _ABOUT languages), else None."""
    if not text.startswith(_ABOUT):
        return None
    about = next(about for about in _ABOUT if text.startswith(about))
    return _person(text[len(about) :])


def _person(text: str) -> str | None:
    """The person's name that `text` is (after academic titles), else None."""
    match = _PERSON.fullmatch(text)
    if match is None:
        return None
    person = match.group(1)
    if any(word in P.STOP_SET for word in person.split()):
        return None  # "The Doobie Brothers", "Die Grünen": a name, but no person's
    return person


def _prefilter_probes() -> Iterator[tuple]:
    """Arguments to check the compiled `kept_under_short` with: the pages of lines.PROBE_TEXTS,
    each line's decision kept and dropped in turn, at the author box's bounds and two extremes."""
    for text in PROBE_TEXTS:
        feats = python_measure(text)
        for decisions in alternating_decisions(len(feats)):
            for bounds in ((_BIO_MIN_CHARS, _NAME_MAX_CHARS), (1, 10_000), (10_000, 1)):
                yield (feats, decisions, _FIELDS, *bounds)


_kept_under_short = (
    checked_twin(
        "sieb.text._rules", "kept_under_short", python_kept_under_short, _prefilter_probes()
    )
    or python_kept_under_short
)
