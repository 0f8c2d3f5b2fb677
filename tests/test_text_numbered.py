"""Text mode's numbered lists (sieb.text.numbered): a mostly kept numbered list is kept whole."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from sieb.article import LineRole
from sieb.text import numbered
from sieb.text.lines import python_measure
from sieb.text.roles import Decision

_ITEMS = [f"{k}) Offer number {k}: a game, a film or a toy at half price" for k in range(1, 6)]


def _decide(kept: list[bool], rows: list[str] = _ITEMS) -> list[Decision]:
    feats = python_measure("\n".join(rows))
    decisions = [
        Decision(LineRole.LIST_ITEM if k else LineRole.TEASER, k, "test") for k in kept
    ]
    return numbered.with_numbered_lists(feats, decisions)


def test_a_mostly_kept_numbered_list_is_kept_whole() -> None:
    out = _decide([False, True, True, True, True])
    assert all(d.kept for d in out)
    assert out[0].role is LineRole.LIST_ITEM and "numbered list" in out[0].reason


def test_a_mostly_dropped_numbered_list_stays_as_decided() -> None:
    kept = [False, False, True, False, True]
    assert [d.kept for d in _decide(kept)] == kept


def test_a_break_in_the_numbering_or_its_style_ends_a_run() -> None:
    rows = ["1) One item of the list", "2) Two items", "4) Four, not three", "5. Five, new style"]
    kept = [True, False, True, False]
    assert [d.kept for d in _decide(kept, rows)] == kept


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["1) a", "2. b", "10) c", "1234. d", "3)x", "٣. e", "5.", "x1. f", "07. g", "8.  h", ""]
        ),
        max_size=10,
    )
)
def test_the_compiled_search_is_the_definition(rows: list[str]) -> None:
    feats = python_measure("\n".join(rows))
    for bounds in ((3, 8), (1, 2), (0, 0)):
        args = (feats, numbered._TEXT, *bounds)
        assert numbered._numbered_runs(*args) == numbered.python_numbered_runs(*args)
