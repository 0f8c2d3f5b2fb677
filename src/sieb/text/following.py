"""Stage 3l of text mode: the body ends where the next article begins.

News sites load the following story below the current one as the reader scrolls, and blogs link
the next post under theirs; a page saved that way holds a second article unit, and a line such
as "Nächster Artikel" or "Next post" stands between the two. The rules and the line model read
the second article's paragraphs like the first one's. On a line that is only such a separator,
after a body of at least UNIT_MIN_CHARS, the kept lines below it are not the page's body.

"Read next" and "Up next" are not separators here: they head boxes of teasers that also stand
inside an article's body, with the body going on below them (HTML extraction reads them only
between article elements, `sieb.endless`).

Written from two of the repository's own pages (tests/fixtures/pages, endless-scroll news), so
those are not blind to it. Held-out F1 on the -text sets, where two pages change, both for the
better: scrapinghub-text 0.9490 -> 0.9490 (one page 0.984 -> 1.000), trafilatura-dev-text
0.9153 -> 0.9159 (WET-style input 0.9101 -> 0.9107).
"""

from __future__ import annotations

from sieb.article import LineRole
from sieb.endless import UNIT_MIN_CHARS
from sieb.text.lines import LineFeatures
from sieb.text.roles import Decision, relabelled

_SEPARATORS = (
    "nächster artikel", "nächster beitrag", "weiter zum nächsten artikel", "next article",
    "next story", "next post", "article suivant", "articolo successivo", "siguiente artículo",
    "artículo siguiente", "volgend artikel",
)  # fmt: skip
# The separators as lines, lower-cased: alone, or with a colon or an arrow after them.
SEPARATOR_LINES = frozenset(
    s + end for s in _SEPARATORS for end in ("", ":", " :", " »", " ›", " →", " >", " >>")
)
_NEXT = Decision(LineRole.TEASER, False, "in the next article, below the line that announces it")


def with_next_article_dropped(
    feats: list[LineFeatures], decisions: list[Decision], marked: list[int]
) -> list[Decision]:
    """`decisions` with the kept lines below the first separator line among `marked` (the
    indexes of `sieb.text.markers.marker_lines`) that follows a body of UNIT_MIN_CHARS or more
    dropped."""
    found = [k for k in marked if feats[k].low in SEPARATOR_LINES]
    if not found:
        return decisions
    body = 0
    start = 0
    for k in found:
        body += sum(feats[i].chars for i in range(start, k) if decisions[i].kept)
        start = k
        if body >= UNIT_MIN_CHARS:
            break
    else:
        return decisions
    below = [i for i in range(start + 1, len(decisions)) if decisions[i].kept]
    return relabelled(decisions, below, _NEXT)
