"""Text mode's teaser headlines (sieb.text.teasers): a heading right over a teaser of a list of
them is the teaser's headline."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

import sieb
import sieb.text
from sieb.article import LineRole
from sieb.text import teasers
from sieb.text.roles import _CUT_OFF, _JOINED_CARD, Decision

_HEADING = Decision(LineRole.HEADING, True, "short line before body text")
_PARAGRAPH = Decision(LineRole.PARAGRAPH, True, "prose inside the body")


def test_a_heading_over_a_cut_off_teaser_is_dropped() -> None:
    decisions = [_PARAGRAPH, _HEADING, _CUT_OFF, _HEADING, _JOINED_CARD, _HEADING, _PARAGRAPH]
    out = teasers.with_teaser_headlines(decisions)
    assert [d.kept for d in out] == [True, False, False, False, False, True, True]
    assert out[1].role is LineRole.TEASER and out[1].reason == "headline of the teaser below it"


def test_a_page_without_such_headings_is_left_as_it_is() -> None:
    decisions = [_PARAGRAPH, _HEADING, _PARAGRAPH, _CUT_OFF, _CUT_OFF]
    assert teasers.with_teaser_headlines(decisions) is decisions


def test_clean_text_drops_the_headlines_of_a_list_of_teasers() -> None:
    body = [
        (
            "The city council approved a budget of 2.4 million euros for new bike lanes on"
            " Tuesday evening, after a debate of more than three hours in the town hall."
        ),
        (
            "Construction on the first two routes will start in spring, the transport"
            " department said, and the network should be finished by the end of 2027."
        ),
        (
            "Cyclists' groups welcomed the decision but said the plan still left out the"
            " busiest junction in the city centre, where two riders were hurt this year."
        ),
    ]
    cards = [
        (
            "Deal Alert: Newest tablet up to $200 off",
            "Shops are not waiting for Black Friday to cut the price of the newest tab...",
        ),
        (
            "Mayor opens the new swimming pool",
            "The pool, which took three years to build, opened on Saturday with a free swi...",
        ),
        (
            "Library to stay open on Sundays",
            "From January the central library will open on Sundays from ten to four, the ci...",
        ),
    ]
    text = "\n\n".join(
        ["Council approves budget for new bike lanes", *body, "More news"]
        + [line for card in cards for line in card]
        + ["© 2026 Example News"]
    )
    article = sieb.clean_text(text, language="en")
    decided = {line.text: line for line in article.lines}
    for headline, summary in cards:
        assert not decided[summary].kept
        assert not decided[headline].kept, decided[headline].reason
    assert all(decided[paragraph].kept for paragraph in body)


def test_clean_text_runs_the_stage(monkeypatch) -> None:
    seen = []

    def spy(decisions):
        seen.append(len(decisions))
        return decisions

    monkeypatch.setattr(sieb.text, "with_teaser_headlines", spy)
    article = sieb.clean_text("A heading\n\nSome text of a paragraph here.", language="en")
    assert seen == [len(article.lines)]


_DECISIONS = st.sampled_from(
    [
        _HEADING,
        _HEADING._replace(kept=False),
        _PARAGRAPH,
        _CUT_OFF,
        _JOINED_CARD,
        Decision(LineRole.TEASER, False, "text after the body"),
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_DECISIONS, max_size=12), st.sampled_from([LineRole.HEADING, LineRole.TEASER]))
def test_the_compiled_search_is_the_definition(decisions: list, role: LineRole) -> None:
    args = (decisions, role, teasers._REASONS)
    assert teasers._headings_over(*args) == teasers.python_headings_over(*args)


_TRAM_BODY = [
    (
        "The long-promised tram extension to Eastfield has been approved by the government,"
        " twelve years after the city first asked for the money to build it."
    ),
    (
        "The Department for Transport confirmed on Monday that it will pay most of the cost,"
        " with the combined authority finding the rest from its transport fund."
    ),
]
_TRAM_AFTER = [
    (
        "Residents who campaigned for the line welcomed the news but said they would watch"
        " closely how the works are phased along the old railway cutting."
    ),
    (
        "Construction is expected to start in 2028 if the planning inquiry next year goes"
        " smoothly, with the first trams running to Eastfield two years later."
    ),
]


def _tram_page(announcer: str) -> str:
    return "\n\n".join(
        [
            "Tram extension to Eastfield approved after 12-year wait",
            *_TRAM_BODY,
            announcer,
            "Bus franchising: what changes for passengers in January",
            *_TRAM_AFTER,
            "© 2026 Midland Evening Post",
        ]
    )


def test_read_next_over_one_teaser_neither_ends_the_body_nor_joins_it() -> None:
    for announcer in ("Read next", "Lesen Sie auch:"):
        article = sieb.clean_text(_tram_page(announcer), language="en")
        decided = {line.text: line for line in article.lines}
        assert all(decided[paragraph].kept for paragraph in _TRAM_BODY + _TRAM_AFTER)
        teaser = decided["Bus franchising: what changes for passengers in January"]
        assert not teaser.kept
        assert teaser.role is LineRole.TEASER
        assert teaser.reason == "headline of the teaser the line above announces"
        assert decided[announcer].role is LineRole.UI or not decided[announcer].kept


def test_a_heading_under_a_line_that_announces_nothing_stays() -> None:
    article = sieb.clean_text(_tram_page("Eastfield"), language="en")
    decided = {line.text: line for line in article.lines}
    assert decided["Bus franchising: what changes for passengers in January"].kept


_CARDS = [
    ("Algae bloom closes three beaches for the rest of the season", (
        "Health officials say the bloom, the largest on record, was fed by a warm autumn and"
        " by the runoff of two wet weeks in October."
    )),
    ("Council delays budget vote as transit funding gap widens", (
        "Members want more detail on how the transit authority plans to close a gap of forty"
        " million dollars before they vote on the city's budget."
    )),
    ("Mill Flats bakery celebrates 100 years with free rye bread", None),
]  # fmt: skip


def test_cards_under_up_next_that_end_the_body_are_all_teasers() -> None:
    lines = [line for card in _CARDS for line in card if line]
    text = "\n\n".join(
        [
            "Tram extension to Eastfield approved after 12-year wait",
            *_TRAM_BODY,
            *_TRAM_AFTER,
            "Up next",
            *lines,
            "© 2026 Midland Evening Post",
        ]
    )
    article = sieb.clean_text(text, language="en")
    decided = {line.text: line for line in article.lines}
    assert all(decided[paragraph].kept for paragraph in _TRAM_BODY + _TRAM_AFTER)
    for line in lines:
        assert not decided[line].kept, decided[line].reason
        assert decided[line].role is LineRole.TEASER


def test_an_announced_run_followed_by_body_text_loses_only_its_first_heading() -> None:
    announcer = Decision(LineRole.UI, False, "interface string")
    decisions = [_PARAGRAPH, announcer, _HEADING, _PARAGRAPH, _HEADING, _PARAGRAPH, _PARAGRAPH]
    assert teasers._announced(decisions, 2) == [2]  # body text follows the run
    ends = [_PARAGRAPH, announcer, _HEADING, _PARAGRAPH, _HEADING, announcer._replace(kept=False)]
    assert teasers._announced(ends, 2) == [2, 3, 4]
    assert teasers._announced([_PARAGRAPH, announcer, _PARAGRAPH], 2) == []
