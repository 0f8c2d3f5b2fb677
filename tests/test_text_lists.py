"""Text mode's closing lists (sieb.text.lists): a list under a heading that names the article's
subject, right under the body."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

import sieb.text
from sieb.article import LineRole
from sieb.text import lists
from sieb.text.lines import python_measure
from sieb.text.roles import Decision

_TITLE = "The Lantern Quartet announce their 40th anniversary tour"
_BODY = (
    (
        "The Lantern Quartet will play together again next summer, forty years after the band's"
        " first concert in a school hall in Leeds, the group said on Tuesday."
    ),
    (
        "The tour opens in June and runs to October, with tickets on sale from Friday morning at"
        " the venues and on the band's website, a spokeswoman said."
    ),
    (
        "The four founders had last toured together in 2009, before the cellist left the band to"
        " teach at a conservatoire in Glasgow for almost ten years."
    ),
)
_DATES = (
    "June 9 -- Town Hall, Leeds, West Yorkshire",
    "June 12 -- Symphony Hall, Birmingham, West Midlands",
    "June 15 -- Usher Hall, Edinburgh, Scotland",
    "June 19 -- Royal Festival Hall, London, England",
)
_MENU = "\n".join(
    ["Home", "News", "Music", "Film", "Television", "Charts", "Video", "Podcasts", "Subscribe"]
)
_FOOTER = "\n\n".join(
    [
        "Share\nTweet\nEmail",
        "Most read",
        "\n".join(
            f"{name} cancels the rest of the winter dates after an injury"
            for name in ("Pale Harbour", "The Vistas", "Mira Stone", "Northbound", "Ellis Gray")
        ),
        "About Us\nContact\nPrivacy Policy\nTerms of Use\nAdvertise",
        "© 2026 Example Music Media. All rights reserved.",
    ]
)


def _page(heading: str, items: tuple[str, ...] = _DATES) -> str:
    return "\n\n".join(
        [_MENU, _TITLE, *_BODY, heading + "\n" + "\n".join(items), _FOOTER]
    )


def _decided(text: str) -> tuple[list, list[Decision]]:
    """The lines of `text` and decisions as the rules and the line model leave such a page: the
    title and the body's paragraphs kept, everything else dropped."""
    feats = python_measure(text)
    decisions = []
    for f in feats:
        if f.text == _TITLE:
            decisions.append(Decision(LineRole.TITLE, True, "title"))
        elif f.text in _BODY:
            decisions.append(Decision(LineRole.PARAGRAPH, True, "prose inside the body"))
        elif f.text in ("Share", "Tweet", "Email", "Most read"):
            decisions.append(Decision(LineRole.UI, False, "interface string"))
        else:
            decisions.append(Decision(LineRole.TEASER, False, "text after the body"))
    return feats, decisions


def _kept(heading: str, items: tuple[str, ...] = _DATES) -> dict[str, Decision]:
    feats, decisions = _decided(_page(heading, items))
    out = lists.with_subject_lists(feats, decisions)
    return {f.text: d for f, d in zip(feats, out, strict=True)}


def test_a_list_under_a_heading_naming_the_subject_joins_the_body() -> None:
    heading = "The Lantern Quartet's anniversary tour dates:"
    decided = _kept(heading)
    assert decided[heading].kept and "names the article's subject" in decided[heading].reason
    for date in _DATES:
        assert decided[date].kept and decided[date].role is LineRole.LIST_ITEM
    assert not decided["Share"].kept and not decided["Most read"].kept
    assert not any(d.kept for line, d in decided.items() if "cancels the rest" in line)


def test_a_heading_alone_in_its_block_opens_the_next_block() -> None:
    text = _page("Lantern Quartet tour dates").replace("tour dates\n", "tour dates\n\n")
    feats, decisions = _decided(text)
    out = lists.with_subject_lists(feats, decisions)
    assert [f.text for f, d in zip(feats, out, strict=True) if d.role is LineRole.LIST_ITEM] == [
        *_DATES
    ]


def test_a_stock_heading_opens_no_list_of_the_articles() -> None:
    """"More from our critics:" names no subject of the article: the list under it is other
    articles'."""
    decided = _kept("More from our critics:")
    assert not any(decided[date].kept for date in _DATES)


def test_the_list_ends_at_the_first_line_that_is_no_list_line() -> None:
    decided = _kept("Lantern Quartet tour dates:", (*_DATES[:3], "Share", _DATES[3]))
    assert all(decided[date].kept for date in _DATES[:3])
    assert not decided[_DATES[3]].kept


def test_two_lines_make_no_list() -> None:
    decided = _kept("Lantern Quartet tour dates:", _DATES[:2])
    assert not any(decided[date].kept for date in _DATES[:2])


def test_links_are_no_list_lines() -> None:
    items = tuple(f"Listen: https://example.org/lantern/{k}" for k in range(4))
    decided = _kept("How to hear the Lantern Quartet", items)
    assert not any(decided[item].kept for item in items)


_CALENDAR = (
    "1st round: 10 March -- Interlagos",
    "2nd round: 8 April -- Curitiba",
    "3rd round: 22 April -- Velopark",
    "4th round: 6 May -- Londrina",
)


def _under_title(between: list[str], heading: str, items: tuple[str, ...], after: str) -> str:
    """A page whose title stands over `between` lines, a heading and its list of `items`, then
    `after` (a block) and the footer."""
    blocks = [_MENU, _TITLE, *between, heading, "\n".join(items), after, _FOOTER]
    return "\n\n".join(blocks)


def test_a_list_under_a_heading_under_the_title_is_the_article() -> None:
    """A page that is a list: its heading names the subject, a date and a share row stand
    between it and the title, and the list stands apart from the paragraphs below."""
    text = _under_title(
        ["22 January 2026", "Share"], "The Lantern Quartet's 2026 tour calendar", _CALENDAR,
        "Tickets go on sale on Friday.\n\n" + _BODY[0],
    )
    feats, decisions = _decided(text)
    out = lists.with_subject_lists(feats, decisions)
    decided = {f.text: d for f, d in zip(feats, out, strict=True)}
    assert decided["The Lantern Quartet's 2026 tour calendar"].kept
    assert all(decided[item].kept for item in _CALENDAR)
    assert not decided["22 January 2026"].kept and not decided["Share"].kept


def test_a_block_under_the_title_that_runs_into_the_body_is_its_header() -> None:
    """The title repeated over a date, a photo's caption and its credit, right above the first
    paragraph: the article's header, no list."""
    header = (
        "Added: 30 April 2026, 11:55",
        "The quartet on stage in Leeds, archive photo",
        "The quartet on stage in Leeds / Source: Example Photos",
    )
    text = "\n\n".join(
        [_MENU, _TITLE, "Music", "The Lantern Quartet announce their anniversary tour",
         "\n".join(header) + "\n" + _BODY[0], *_BODY[1:], _FOOTER]
    )
    feats, decisions = _decided(text)
    out = lists.with_subject_lists(feats, decisions)
    assert [d.kept for d in out] == [d.kept for d in decisions]


def test_a_heading_under_the_title_past_a_kept_line_opens_nothing() -> None:
    """A kept paragraph under the title ends the search: the heading below it stands in the
    body (and not right under a paragraph, where the list would join the body)."""
    text = _under_title([_BODY[1], "Share"], "Lantern Quartet tour calendar", _CALENDAR, _BODY[2])
    feats, decisions = _decided(text)
    out = lists.with_subject_lists(feats, decisions)
    assert not any(d.kept for f, d in zip(feats, out, strict=True) if f.text in _CALENDAR)


def test_clean_text_runs_the_stage(monkeypatch) -> None:
    seen = []

    def spy(feats, decisions):
        seen.append(len(decisions))
        return decisions

    monkeypatch.setattr(sieb.text, "with_subject_lists", spy)
    article = sieb.clean_text(_page("The Lantern Quartet's anniversary tour dates:"), "en")
    assert seen == [len(article.lines)]


def test_a_page_without_candidates_is_left_as_it_is() -> None:
    feats = python_measure("\n".join(_BODY))
    decisions = [Decision(LineRole.PARAGRAPH, True, "test")] * len(feats)
    assert lists.with_subject_lists(feats, decisions) is decisions


_ROWS = st.sampled_from(
    [
        _TITLE,
        _BODY[0],
        "Tour dates:",
        "Lantern Quartet on tour",
        _DATES[0],
        "Share",
        "A short sentence here.",
        "",
    ]
)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(_ROWS, max_size=14),
    st.lists(st.booleans(), min_size=14, max_size=14),
    st.integers(0, 200),
    st.integers(0, 6),
)
def test_the_compiled_search_is_the_definition(
    rows: list[str], kept: list[bool], max_chars: int, min_words: int
) -> None:
    feats = python_measure("\n".join(rows))
    decisions = [Decision(LineRole.PARAGRAPH, kept[k % 14], "test") for k in range(len(feats))]
    args = (feats, decisions, lists._FIELDS, max_chars, min_words)
    assert lists._labels_after_body(*args) == lists.python_labels_after_body(*args)
