"""Stage 3d of text mode: an image's alt text that its caption repeats.

Flattened pages often carry a figure's text twice: the image's alt text, then the caption that
says the same ("An artist's concept of the lander." / "An artist's concept of the lander.").
Written as a sentence, the first copy reads like body text to the rules and the line model; its
repetition a line or two below gives it away. Only the first copy is dropped: the second keeps
what the rules and the model decided (a caption, or a line of the article that the page shows
twice, such as a heading repeated by a link to it).
"""

from __future__ import annotations

from collections.abc import Iterator

from sieb.article import LineRole
from sieb.compiled import checked_twin
from sieb.text.lines import PROBE_TEXTS, LineFeatures, python_measure
from sieb.text.roles import Decision

# How far below the repetition may be (an image, its credit, its caption), and how long a line
# must be for a repetition to mean a figure (short lines repeat for other reasons: "Share").
_WINDOW = 3
_MIN_CHARS = 30
_FIELDS = tuple(LineFeatures._fields.index(name) for name in ("text", "chars", "repeats"))

_ALT_TEXT = Decision(LineRole.IMAGE_ALT, False, "image's alt text, repeated by its caption below")


def with_alt_texts(feats: list[LineFeatures], decisions: list[Decision]) -> list[Decision]:
    """`decisions` with each kept line that one of the next few lines repeats dropped as an
    image's alt text (not a quote's source: one account may be quoted twice)."""
    out = None
    for k in _repeated_below(feats, _FIELDS, _WINDOW, _MIN_CHARS):
        if decisions[k].kept and decisions[k].role is not LineRole.QUOTE_SOURCE:
            if out is None:
                out = list(decisions)
            out[k] = _ALT_TEXT
    return decisions if out is None else out


def python_repeated_below(
    feats: list[LineFeatures], fields: tuple[int, int, int], window: int, min_chars: int
) -> list[int]:
    """The indexes k of the lines of at least `min_chars` characters whose text one of the next
    `window` lines repeats (`fields`: where text, chars and repeats are in a line's features);
    the definition of the compiled `repeated_below`."""
    text, chars, repeats = fields
    return [
        k
        for k, f in enumerate(feats)
        if f[repeats] >= 2
        and f[chars] >= min_chars
        and any(g[text] == f[text] for g in feats[k + 1 : k + 1 + window])
    ]


def _search_probes() -> Iterator[tuple]:
    """Arguments to check the compiled `repeated_below` with: the pages of lines.PROBE_TEXTS,
    each doubled (so that lines repeat), at several windows and lengths."""
    for text in PROBE_TEXTS:
        feats = python_measure(text + "\n" + text)
        for window, min_chars in ((_WINDOW, _MIN_CHARS), (1, 1), (10_000, 0), (0, 0)):
            yield (feats, _FIELDS, window, min_chars)


_repeated_below = (
    checked_twin("sieb.text._rules", "repeated_below", python_repeated_below, _search_probes())
    or python_repeated_below
)
