"""Stage 3h of text mode: a line that says the same thing twice is a link and its title.

Flattening a page often runs a link's text into its title attribute or into the alt text of the
image inside it, so that the line reads its text twice ("Facebook Facebook", "Michigan Couple Finds
Newspapers During Home RenovationMichigan Couple Finds Newspapers During Home Renovation"). No
line of an article is written so; a kept line that is two copies of one text (run together or
with one space between) is dropped as a link.
"""

from __future__ import annotations

from collections.abc import Iterator

from sieb.article import LineRole
from sieb.compiled import checked_twin
from sieb.text.lines import PROBE_TEXTS, LineFeatures, python_measure
from sieb.text.roles import Decision, alternating_decisions

# Shorter lines repeat a word for other reasons ("Bye bye", "Go Go"); longer ones are no link's
# text and title (a paragraph that a page prints twice on one line is left as it is).
_MIN_CHARS = 8
_MAX_CHARS = 400
_FIELDS = (LineFeatures._fields.index("text"), Decision._fields.index("kept"))
_LINK = Decision(LineRole.NAVIGATION, False, "a link's text twice (its text and its title)")


def with_doubled_links(feats: list[LineFeatures], decisions: list[Decision]) -> list[Decision]:
    """`decisions` with each kept line that is two copies of one text dropped as a link (the
    title stays: the page's headline may be a link to itself)."""
    out = None
    for k in _doubled_kept(feats, decisions, _FIELDS, _MIN_CHARS, _MAX_CHARS):
        if decisions[k].role is not LineRole.TITLE:
            if out is None:
                out = list(decisions)
            out[k] = _LINK
    return decisions if out is None else out


def is_doubled(text: str) -> bool:
    """Whether `text` is two copies of one text, run together or with one space between."""
    n = len(text)
    for separator in ("", " "):
        half, odd = divmod(n - len(separator), 2)
        if (
            half
            and not odd
            and text.startswith(separator, half)
            and text[:half] == text[n - half :]
        ):
            return True
    return False


def python_doubled_kept(
    feats: list[LineFeatures],
    decisions: list[Decision],
    fields: tuple[int, int],
    min_chars: int,
    max_chars: int,
) -> list[int]:
    """The indexes of the kept lines of `min_chars` to `max_chars` characters that are two
    copies of one text (`fields`: where text is in a line's features, kept in a decision); the
    definition of the compiled `doubled_kept`."""
    text, kept = fields
    if len(decisions) != len(feats):
        raise ValueError("doubled_kept: as many decisions as lines")
    return [
        k
        for k, f in enumerate(feats)
        if decisions[k][kept] and min_chars <= len(f[text]) <= max_chars and is_doubled(f[text])
    ]


def _search_probes() -> Iterator[tuple]:
    """Arguments to check the compiled `doubled_kept` with: the pages of lines.PROBE_TEXTS with
    each line also doubled, run together and with a space, every other line kept."""
    for text in PROBE_TEXTS:
        rows = text.split("\n")
        doubled = [row + row for row in rows] + [f"{row} {row}" for row in rows]
        extra = ["ab ab", "aa", "x  x", "Facebook Facebook", "Ab ab", "abcab c"]
        feats = python_measure("\n".join(rows + doubled + extra))
        for decisions in alternating_decisions(len(feats)):
            for bounds in ((_MIN_CHARS, _MAX_CHARS), (0, 10_000), (10_000, 0), (0, 20)):
                yield (feats, decisions, _FIELDS, *bounds)


_doubled_kept = (
    checked_twin("sieb.text._rules", "doubled_kept", python_doubled_kept, _search_probes())
    or python_doubled_kept
)
