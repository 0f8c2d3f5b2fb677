"""Text mode's body copies (sieb.text.copies): a line that is the body's paragraphs run
together is dropped, and the lines it holds are the body's."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

import sieb.text
from sieb.article import LineRole
from sieb.text import copies
from sieb.text.lines import python_measure
from sieb.text.roles import Decision

_PARAGRAPHS = (
    "Good morning! This is the news from the harbour you need to know this Tuesday.",
    (
        "The port authority is investigating the collapse of a crane on the north quay. Nobody"
        " was hurt, but two ships had to wait a day before they could unload their cargo."
    ),
    "Ferry tickets will cost ten per cent more from January, the operator said on Monday.",
    (
        "The harbour's new fish market opens on Saturday, a year later than planned, with forty"
        " stalls and a restaurant on the first floor that overlooks the old lighthouse."
    ),
)
# A teaser-like paragraph that the rules drop, though it is the body's.
_DROPPED = "Have a smart speaker? Now you can hear the harbour news each morning, read by us."
_MENU = "Home\nNews\nHarbour\nWeather"


def _page(copy: str) -> str:
    body = [_PARAGRAPHS[0], _PARAGRAPHS[1], _DROPPED, *_PARAGRAPHS[2:]]
    return "\n\n".join([_MENU, "Ten things to know today", *body, "Share\nTweet", copy])


def _decided(text: str) -> tuple[list, list[Decision]]:
    feats = python_measure(text)
    decisions = []
    for f in feats:
        if f.text == "Ten things to know today":
            decisions.append(Decision(LineRole.TITLE, True, "title"))
        elif f.text in _PARAGRAPHS or f.chars > 300:
            decisions.append(Decision(LineRole.PARAGRAPH, True, "prose inside the body"))
        else:
            decisions.append(Decision(LineRole.TEASER, False, "text before the body"))
    return feats, decisions


def _copy(paragraphs: tuple[str, ...]) -> str:
    """The body run together, padded past the stage's length bound as a newsletter's is."""
    text = " ".join(paragraphs)
    while len(text) < copies._MIN_CHARS:
        text += " " + " ".join(paragraphs[1:])
    return text


def test_the_body_run_together_is_dropped_and_the_lines_it_holds_are_kept() -> None:
    body = (_PARAGRAPHS[0], _PARAGRAPHS[1], _DROPPED, *_PARAGRAPHS[2:])
    feats, decisions = _decided(_page(_copy(body)))
    out = copies.with_body_copies(feats, decisions)
    decided = {f.text: d for f, d in zip(feats, out, strict=True)}
    assert not decided[_copy(body)].kept
    assert decided[_DROPPED].kept and decided[_DROPPED].reason == copies._IN_COPY.reason
    assert all(decided[p].kept for p in _PARAGRAPHS)
    assert not decided["Share"].kept


def test_a_long_paragraph_opening_with_one_kept_line_is_no_copy() -> None:
    """A long paragraph that opens with a kept line's text but does not go on with the next
    one (a lead expanded) stays."""
    long_one = _PARAGRAPHS[0] + " " + "The crane had stood on the quay since 1974. " * 30
    feats, decisions = _decided(_page(long_one))
    assert copies.with_body_copies(feats, decisions) is decisions


def test_a_short_copy_is_left_alone() -> None:
    short = " ".join(_PARAGRAPHS[:3])
    assert len(short) < copies._MIN_CHARS
    feats, decisions = _decided(_page(short))
    assert copies.with_body_copies(feats, decisions) is decisions


def test_the_title_is_never_dropped() -> None:
    feats, decisions = _decided(_page(_copy(_PARAGRAPHS)))
    k = next(i for i, f in enumerate(feats) if f.chars >= copies._MIN_CHARS)
    decisions[k] = Decision(LineRole.TITLE, True, "title")
    out = copies.with_body_copies(feats, decisions)
    assert out[k].role is LineRole.TITLE and out[k].kept


def test_a_page_of_many_long_lines_is_looked_at_only_in_part() -> None:
    """Each long kept line is compared with every kept line: only the first _MAX_LONG are
    looked at, so a page of thousands of long lines costs no more than a few."""
    copy = _copy(_PARAGRAPHS)
    filler = [f"{k} " + "A long line of a dump, kept as prose, and over and over. " * 20
              for k in range(copies._MAX_LONG)]
    text = "\n\n".join([*_PARAGRAPHS, *filler, copy])
    feats, decisions = _decided(text)
    assert copies.with_body_copies(feats, decisions) is decisions
    feats, decisions = _decided("\n\n".join([*_PARAGRAPHS, copy, *filler]))
    assert not copies.with_body_copies(feats, decisions)[len(_PARAGRAPHS)].kept


def test_the_lines_of_a_very_long_copy_are_not_searched_for(monkeypatch) -> None:
    monkeypatch.setattr(copies, "_MAX_SEARCHED_CHARS", copies._MIN_CHARS)
    body = (_PARAGRAPHS[0], _PARAGRAPHS[1], _DROPPED, *_PARAGRAPHS[2:])
    feats, decisions = _decided(_page(_copy(body) + " and more" * 100))
    out = copies.with_body_copies(feats, decisions)
    decided = {f.text: d for f, d in zip(feats, out, strict=True)}
    assert not decided[_copy(body) + " and more" * 100].kept
    assert not decided[_DROPPED].kept


def test_clean_text_runs_the_stage(monkeypatch) -> None:
    seen = []

    def spy(feats, decisions):
        seen.append(len(decisions))
        return decisions

    monkeypatch.setattr(sieb.text, "with_body_copies", spy)
    article = sieb.clean_text(_page(_copy(_PARAGRAPHS)), language="en")
    assert seen == [len(article.lines)]


_ROWS = st.sampled_from(
    [
        _PARAGRAPHS[0],
        _PARAGRAPHS[1],
        _PARAGRAPHS[2],
        " ".join(_PARAGRAPHS[:2]),
        " ".join(_PARAGRAPHS[:3]),
        _PARAGRAPHS[0] + "  " + _PARAGRAPHS[2],
        "Share",
        "",
    ]
)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(_ROWS, max_size=10),
    st.lists(st.booleans(), min_size=10, max_size=10),
    st.integers(0, 400),
    st.integers(0, 90),
    st.integers(-1, 4),
)
def test_the_compiled_search_is_the_definition(
    rows: list[str], kept: list[bool], min_chars: int, key_chars: int, max_long: int
) -> None:
    feats = python_measure("\n".join(rows))
    decisions = [Decision(LineRole.PARAGRAPH, kept[k % 10], "test") for k in range(len(feats))]
    args = (feats, decisions, copies._FIELDS, min_chars, key_chars, max_long)
    assert copies._body_copies(*args) == copies.python_body_copies(*args)
