"""Stage 3j of text mode: a numbered list is kept whole.

A listicle's items or a recipe's steps are numbered ("1) Lego Star Wars ...", "2. Boil the
pears ..."). The line model reads each line with its neighbours and may drop one item of a list
whose other items it keeps (the first, next to the article's end; one that looks like a row of
links). A run of three or more consecutively numbered lines of one style, most of them kept, is
kept whole.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from sieb.article import LineRole
from sieb.compiled import checked_twin
from sieb.text.lines import PROBE_TEXTS, LineFeatures, python_measure
from sieb.text.roles import Decision

# An item's number: up to three digits, then "." or ")" and a space before its text.
_NUMBERED = re.compile(r"(\d{1,3})([.)])\s+\S")
_TEXT = LineFeatures._fields.index("text")
# How many lines a run needs, the share of them kept, and how far apart two items may stand
# (an item may run over a few lines: a product's name, its link).
_MIN_RUN = 3
_KEPT_SHARE = 2 / 3
_MAX_GAP = 8
# Dropped items of these roles stay dropped (a numbered line can be a button or a footer's).
_CHROME = frozenset({LineRole.UI, LineRole.CONSENT, LineRole.FOOTER, LineRole.AD})
_ITEM = Decision(LineRole.LIST_ITEM, True, "item of a numbered list kept around it")


def with_numbered_lists(feats: list[LineFeatures], decisions: list[Decision]) -> list[Decision]:
    """`decisions` with the dropped items of mostly kept numbered lists kept."""
    out = None
    for run in _numbered_runs(feats, _TEXT, _MIN_RUN, _MAX_GAP):
        kept = sum(decisions[i].kept for i in run)
        if kept == len(run) or kept < _KEPT_SHARE * len(run):
            continue
        for i in run:
            if not decisions[i].kept and decisions[i].role not in _CHROME:
                if out is None:
                    out = list(decisions)
                out[i] = _ITEM
    return decisions if out is None else out


def python_numbered_runs(
    feats: list[LineFeatures], text: int, min_run: int, max_gap: int
) -> list[list[int]]:
    """The line indexes of each run of at least `min_run` consecutively numbered lines of one
    style, each at most `max_gap` lines below the one before (`text`: where the text is in a
    line's features); the definition of the compiled `numbered_runs`."""
    runs: list[list[int]] = []
    run: list[int] = []
    last = (-1, -1, "")  # index, number, mark of the run's last item
    for k, f in enumerate(feats):
        match = _NUMBERED.match(f[text])
        if match is None:
            continue
        number, mark = int(match.group(1)), match.group(2)
        if not (run and number == last[1] + 1 and mark == last[2] and k - last[0] <= max_gap):
            if len(run) >= min_run:
                runs.append(run)
            run = []
        run.append(k)
        last = (k, number, mark)
    if len(run) >= min_run:
        runs.append(run)
    return runs


def _probes() -> Iterator[tuple]:
    """Arguments to check the compiled `numbered_runs` with: the pages of lines.PROBE_TEXTS
    with numbered lines of every style and some near misses added, at several bounds."""
    extra = [
        "1) One", "2. Two", "10) Ten", "123. Many", "1234. Too many", "3)x", "3 ) no", "4.\tTab",
        "٣. Arabic-Indic", "5.", "6) ", "x1. no", "07. Leading zero", "8.  Two spaces",
    ]  # fmt: skip
    for text in PROBE_TEXTS:
        feats = python_measure(text + "\n" + "\n".join(extra + extra[:3]))
        for bounds in ((_MIN_RUN, _MAX_GAP), (1, 100), (2, 1), (0, 0)):
            yield (feats, _TEXT, *bounds)


_numbered_runs = (
    checked_twin("sieb.text._rules", "numbered_runs", python_numbered_runs, _probes())
    or python_numbered_runs
)
