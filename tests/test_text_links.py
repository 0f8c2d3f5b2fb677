"""Text mode's doubled lines (sieb.text.links): a line that is its text twice is a link."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import sieb
from sieb.article import LineRole
from sieb.text import links
from sieb.text.lines import python_measure
from sieb.text.roles import Decision


@pytest.mark.parametrize(
    ("text", "doubled"),
    [
        ("Facebook Facebook", True),
        ("Michigan Couple Finds Old NewspapersMichigan Couple Finds Old Newspapers", True),
        ("1700 Jahre Sonntag1700 Jahre Sonntag", True),
        ("Facebook  Facebook", False),  # two spaces between: not one link's two copies
        ("Facebook Twitter", False),
        ("The mayor said the mayor said", False),
        ("", False),
        ("aa", True),
    ],
)
def test_a_doubled_text_is_two_copies(text: str, doubled: bool) -> None:
    assert links.is_doubled(text) is doubled


def test_kept_doubled_lines_are_dropped_as_links_but_not_the_title() -> None:
    rows = ["Facebook Facebook", "Kept Headline Kept Headline", "A paragraph of the article."]
    feats = python_measure("\n".join(rows))
    decisions = [
        Decision(LineRole.LIST_ITEM, True, "test"),
        Decision(LineRole.TITLE, True, "test"),
        Decision(LineRole.PARAGRAPH, True, "test"),
    ]
    out = links.with_doubled_links(feats, decisions)
    assert out[0].role is LineRole.NAVIGATION and not out[0].kept
    assert out[1:] == decisions[1:]


def test_clean_text_drops_a_doubled_link_in_the_body() -> None:
    para = (
        "The council met on Tuesday and decided, after a long debate, that the budget for the"
        " libraries is to be cut by a third over the next two years."
    )
    link = "Read the council's budget in fullRead the council's budget in full"
    text = f"Budget cut for libraries\n\n{para}\n\n{link}\n\n{para} Again.\n\n{para} More.\n"
    article = sieb.clean_text(text, language="en")
    line = next(line for line in article.lines if line.text == link)
    assert not line.kept and "link" in line.reason
    assert "in fullRead" not in article.text


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["Facebook Facebook", "abab", "ab ab", "Share", "x x", "Ünï Ünï", "ab  ab", "a"]
        ),
        max_size=10,
    ),
    st.lists(st.booleans(), min_size=10, max_size=10),
    st.integers(0, 20),
    st.integers(0, 20),
)
def test_the_compiled_search_is_the_definition(
    rows: list[str], kept: list[bool], min_chars: int, max_chars: int
) -> None:
    feats = python_measure("\n".join(rows))
    decisions = [Decision(LineRole.PARAGRAPH, kept[k % 10], "test") for k in range(len(feats))]
    args = (feats, decisions, links._FIELDS, min_chars, max_chars)
    assert links._doubled_kept(*args) == links.python_doubled_kept(*args)
