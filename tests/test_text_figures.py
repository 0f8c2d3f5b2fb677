"""Text mode's alt texts (sieb.text.figures): a figure's text that its caption repeats."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import sieb
from sieb.article import LineRole
from sieb.text import figures
from sieb.text.lines import python_measure
from sieb.text.roles import Decision

_PARA = (
    "NASA has picked five companies to build landers for its return to the Moon, the agency said"
    " on Monday, and the first of them could fly within two years."
)
_ALT = "An artist's concept of a commercial lander on the Moon's surface."


def test_the_first_of_two_copies_is_the_images_alt_text() -> None:
    text = f"{_PARA}\n\n{_ALT}\n{_ALT}\n\n{_PARA} More.\n\n{_PARA} Again.\n"
    article = sieb.clean_text(text, language="en")
    copies = [line for line in article.lines if line.text == _ALT]
    assert copies[0].role is LineRole.IMAGE_ALT and not copies[0].kept
    assert "repeated by its caption" in copies[0].reason
    assert article.text.count(_ALT) <= 1


def _kept(n: int) -> list[Decision]:
    return [Decision(LineRole.PARAGRAPH, True, "test")] * n


def test_far_or_short_repetitions_are_left_alone() -> None:
    far = python_measure("\n".join([_ALT, *(f"Line {k} of the article." for k in range(4)), _ALT]))
    short = python_measure("Share this\nShare this\n")
    for feats in (far, short):
        decisions = _kept(len(feats))
        assert figures.with_alt_texts(feats, decisions) is decisions


def test_a_dropped_first_copy_stays_as_decided() -> None:
    feats = python_measure(f"{_ALT}\n{_ALT}\n")
    decisions = [Decision(LineRole.CAPTION, False, "caption"), *_kept(1)]
    assert figures.with_alt_texts(feats, decisions) is decisions


def test_a_quote_source_repeated_below_is_no_alt_text() -> None:
    """One account quoted twice closes both posts with the same line."""
    source = "— City Council (@citycouncil) November 18, 2019"
    feats = python_measure(f"{source}\n{_PARA}\n{source}\n")
    decisions = [
        Decision(LineRole.QUOTE_SOURCE, True, "source"),
        *_kept(1),
        Decision(LineRole.QUOTE_SOURCE, True, "source"),
    ]
    assert figures.with_alt_texts(feats, decisions) is decisions


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.sampled_from([_ALT, "Share", "x" * 40, _PARA, "Another line of the article."]),
             max_size=12),
    st.integers(0, 5),
    st.integers(0, 60),
)
def test_the_compiled_search_is_the_definition(rows: list[str], window: int, chars: int) -> None:
    feats = python_measure("\n".join(rows))
    args = (feats, figures._FIELDS, window, chars)
    assert figures._repeated_below(*args) == figures.python_repeated_below(*args)


def test_a_compiled_twin_is_taken_only_where_it_agrees() -> None:
    from sieb.compiled import checked_twin, compiled_module

    if compiled_module("sieb.text._rules") is None:
        pytest.skip("the compiled rules are not built or not enabled")
    probes = [(python_measure(f"{_ALT}\n{_ALT}"), figures._FIELDS, 3, 30)]
    assert checked_twin("sieb.text._rules", "repeated_below", figures.python_repeated_below, probes)
    assert checked_twin("sieb.text._rules", "repeated_below", lambda *args: [-1], probes) is None
    assert checked_twin("sieb.text._rules", "no_such_function", len, probes) is None
    broken = [(None, figures._FIELDS, 3, 30)]  # both raise: no agreement to go by
    assert checked_twin("sieb.text._rules", "repeated_below", figures.python_repeated_below,
                        broken) is None
