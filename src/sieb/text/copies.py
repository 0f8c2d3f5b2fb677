"""Stage 3k of text mode: the body run together on one line.

Some pages carry their article twice: as paragraphs, and run together on one line (a JSON-LD
articleBody, a newsletter's text block, a share text). Flattened, that line reads as one long
paragraph and doubles the body. A kept line of _MIN_CHARS or more that opens with the texts of
two kept lines in a row is such a copy, and is dropped. The dropped lines it holds whole are the
body's (the rules had taken them for teasers or notices between the paragraphs) and are kept,
unless they open as the copy does (another copy, cut off) or the copy is too long to search.

Held-out F1, scrapinghub-text 0.9469 -> 0.9481 (one page, whose body a newsletter's copy had
doubled), trafilatura-dev-text 0.9149 unchanged; written from that page.
"""

from __future__ import annotations

from collections.abc import Iterator

from sieb.article import LineRole
from sieb.compiled import checked_twin
from sieb.text.lines import PROBE_TEXTS, LineFeatures, python_measure
from sieb.text.roles import Decision, alternating_decisions

# A copy of the body is longer than a paragraph; the lines it is matched by are at least a
# sentence (shorter ones, a name or a label, occur inside any paragraph).
_MIN_CHARS = 1000
_KEY_CHARS = 40
# Only a page's first long kept lines are looked at: each is compared with every kept line, and
# a page of thousands of them (a dump, a log) holds no article with a copy.
_MAX_LONG = 50
# The dropped lines a copy holds are looked for in copies up to this long (each is searched for
# in the copy; a body's copy is a few thousand characters).
_MAX_SEARCHED_CHARS = 100_000
_FIELDS = (
    LineFeatures._fields.index("text"),
    LineFeatures._fields.index("chars"),
    Decision._fields.index("kept"),
)
_COPY = Decision(LineRole.NAVIGATION, False, "the body's lines run together on one line")
_IN_COPY = Decision(LineRole.PARAGRAPH, True, "a line of the body, as its copy on one line holds")


def with_body_copies(feats: list[LineFeatures], decisions: list[Decision]) -> list[Decision]:
    """`decisions` with each kept line that is the body run together dropped, and the dropped
    lines it holds kept."""
    copies = _body_copies(feats, decisions, _FIELDS, _MIN_CHARS, _KEY_CHARS, _MAX_LONG)
    out = None
    for k in copies:
        if decisions[k].role is LineRole.TITLE:
            continue
        if out is None:
            out = list(decisions)
        out[k] = _COPY
        copy = feats[k].text
        if len(copy) > _MAX_SEARCHED_CHARS:
            continue
        opening = copy[:_KEY_CHARS]
        for j, f in enumerate(feats):
            if (
                not decisions[j].kept
                and len(f.text) >= _KEY_CHARS
                and not f.text.startswith(opening)
                and f.text in copy
            ):
                out[j] = _IN_COPY
    return decisions if out is None else out


def _opens_with_two(feats: list, keys: list[int], k: int, text: int, key_chars: int) -> bool:
    """Whether line `k`'s text opens with the text of one of the lines `keys` (bar k) shorter
    by `key_chars` or more, and goes on, after white space, with the next one's."""
    copy = feats[k][text]
    others = [j for j in keys if j != k]
    for at in range(len(others) - 1):
        first = feats[others[at]][text]
        if (
            len(first) <= len(copy) - key_chars
            and copy.startswith(first)
            and copy[len(first) :].lstrip().startswith(feats[others[at + 1]][text])
        ):
            return True
    return False


def python_body_copies(
    feats: list[LineFeatures],
    decisions: list[Decision],
    fields: tuple[int, int, int],
    min_chars: int,
    key_chars: int,
    max_long: int,
) -> list[int]:
    """The indexes of the kept lines of at least `min_chars` characters, among the first
    `max_long` of them, that open with the texts of two kept lines of at least `key_chars` in a
    row (`fields`: where text and chars are in a line's features, kept in a decision); the
    definition of the compiled `body_copies`."""
    text, chars, kept = fields
    if len(decisions) != len(feats):
        raise ValueError("body_copies: as many decisions as lines")
    keys = [k for k, f in enumerate(feats) if decisions[k][kept] and f[chars] >= key_chars]
    long_ones = [k for k in keys if feats[k][chars] >= min_chars][: max(max_long, 0)]
    return [k for k in long_ones if _opens_with_two(feats, keys, k, text, key_chars)]


def _search_probes() -> Iterator[tuple]:
    """Arguments to check the compiled `body_copies` with: the pages of lines.PROBE_TEXTS, and
    with their lines also run together on one line, every other line kept, at the stage's
    bounds and small ones."""
    for text in PROBE_TEXTS:
        rows = [row for row in text.split("\n") if row.strip()]
        for page in (text, text + "\n" + " ".join(rows), " ".join(rows[1:]) + "\n" + text):
            feats = python_measure(page)
            for decisions in alternating_decisions(len(feats)):
                for bounds in ((_MIN_CHARS, _KEY_CHARS, _MAX_LONG), (20, 5, 3), (0, 0, 1)):
                    yield feats, decisions, _FIELDS, *bounds
            kept = [Decision(LineRole.PARAGRAPH, True, "probe")] * len(feats)
            for max_long in (_MAX_LONG, 1, 0, -1):
                yield feats, kept, _FIELDS, 20, 5, max_long


_body_copies = (
    checked_twin("sieb.text._rules", "body_copies", python_body_copies, _search_probes())
    or python_body_copies
)
