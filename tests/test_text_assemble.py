"""Text mode's assembly: the compiled `Assembler` gives what the Python definitions give
(`python_assemble`: `python_lines`, `python_blocks`, the body text, `python_tally`) on decisions
of any shape, and the tally reads the roles as build_article did."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sieb.article import BlockKind, LineRole
from sieb.render import blocks_to_text
from sieb.text import assemble, clean_text
from sieb.text.lines import python_measure
from sieb.text.roles import Decision

R = LineRole
# Lines of several groups (blank lines between), some with credit labels.
_TEXT = "\n".join(
    [
        "Title of the page",
        "By Jane Doe and John Roe",
        "May 3, 2024",
        "",
        "First item",
        "Second item",
        "",
        "Third item",
        "Photo: Jane Doe",
        "A caption under the picture",
        "",
        "Foto: dpa",
        "An alt text",
        "A quote that someone said.",
        "Someone",
        "A paragraph of body text that goes on.",
        "Cookies: we use them.",
    ]
)
_FEATS = python_measure(_TEXT)
_ROLES = [
    R.TITLE, R.LEAD, R.HEADING, R.PARAGRAPH, R.PULL_QUOTE, R.QUOTE_SOURCE, R.LIST_ITEM,
    R.IMAGE_ALT, R.CAPTION, R.CREDIT, R.BYLINE, R.DATE, R.CONSENT, R.NAVIGATION, R.UI,
]
_DECISIONS = st.lists(
    st.builds(Decision, st.sampled_from(_ROLES), st.booleans(), st.just("why")),
    min_size=len(_FEATS),
    max_size=len(_FEATS),
)


@pytest.mark.skipif(assemble._ASSEMBLER is None, reason="the compiled assembly is not built")
@settings(max_examples=500, deadline=None)
@given(_DECISIONS)
def test_compiled_assembly_is_the_python_one(decisions: list[Decision]) -> None:
    assert assemble.same_assembly(assemble._ASSEMBLER, _FEATS, decisions)


@given(_DECISIONS)
def test_the_tally_reads_the_roles(decisions: list[Decision]) -> None:
    roles = [d.role for d in decisions]
    title, byline, dates, total, consent = assemble.python_tally(_FEATS, decisions)
    assert title == (roles.index(R.TITLE) if R.TITLE in roles else -1)
    assert byline == (roles.index(R.BYLINE) if R.BYLINE in roles else -1)
    assert dates == [i for i, role in enumerate(roles) if role == R.DATE]
    assert total == sum(f.chars for f in _FEATS)
    assert consent == sum(f.chars for f, r in zip(_FEATS, roles, strict=True) if r == R.CONSENT)


def test_blocks_of_a_page() -> None:
    roles = [
        R.TITLE, R.BYLINE, R.DATE, R.LIST_ITEM, R.LIST_ITEM, R.LIST_ITEM, R.CREDIT, R.CAPTION,
        R.CREDIT, R.IMAGE_ALT, R.PULL_QUOTE, R.QUOTE_SOURCE, R.PARAGRAPH, R.CONSENT,
    ]
    decisions = [Decision(r, r not in (R.CONSENT, R.CREDIT), "why") for r in roles]
    lines, blocks, text, tally = assemble._assembly(_FEATS, decisions)
    assert (lines, blocks, text, tally) == assemble.python_assemble(_FEATS, decisions)
    assert text == blocks_to_text(blocks)
    assert [(b.kind, b.text) for b in blocks] == [
        ("list", "First item\nSecond item"),
        ("list", "Third item"),
        ("figure", ""),
        ("figure", ""),
        ("quote", "A quote that someone said."),
        ("paragraph", "A paragraph of body text that goes on."),
    ]
    assert (blocks[2].credit, blocks[2].caption) == ("Jane Doe", "A caption under the picture")
    assert (blocks[3].credit, blocks[3].alt) == ("dpa", "An alt text")
    assert blocks[4].speaker == "Someone"
    article = assemble.build_article(_FEATS, decisions, None, None)
    assert article.title == "Title of the page"
    assert article.authors == ("Jane Doe", "John Roe")
    assert article.published == "2024-05-03"
    assert article.blocks == tuple(assemble.python_blocks(_FEATS, decisions))


def test_build_article_passes_the_fields_in_their_order() -> None:
    names = "title authors published modified url site_name language description image tags text"
    names += " blocks lines confidence page_type sources page_chars comments"
    assert names.split() == list(assemble._ARTICLE_FIELDS)
    decisions = [Decision(R.TITLE, True, "why")] + [Decision(R.PARAGRAPH, True, "why")] * (
        len(_FEATS) - 1
    )
    article = assemble.build_article(_FEATS, decisions, "https://example.org/a", "en")
    assert (article.url, article.language, article.comments, article.page_chars) == (
        "https://example.org/a", "en", None, 0
    )
    assert article.lines == assemble.python_lines(_FEATS, decisions)
    assert article.page_type == "short" and article.sources == {"title": "text-line"}


@pytest.mark.skipif(assemble._ASSEMBLER is None, reason="the compiled assembly is not built")
def test_compiled_article_is_the_dataclass_one() -> None:
    values = tuple(range(len(assemble._ARTICLE_FIELDS)))
    made = assemble._ASSEMBLER.article(values)
    assert made == assemble.python_article(values)
    assert hash(repr(made)) == hash(repr(assemble.python_article(values)))


@pytest.mark.skipif(assemble._ASSEMBLER is None, reason="the compiled assembly is not built")
def test_only_the_compiled_article_is_tracked_by_the_garbage_collector() -> None:
    """Lines and blocks can be in no reference cycle; the article holds a dict (its sources)."""
    import gc

    decisions = [Decision(R.TITLE, True, "why")] + [Decision(R.PARAGRAPH, True, "why")] * (
        len(_FEATS) - 1
    )
    article = assemble.build_article(_FEATS, decisions, None, None)
    assert gc.is_tracked(article)
    assert article.lines and not any(gc.is_tracked(line) for line in article.lines)
    assert article.blocks and not any(gc.is_tracked(block) for block in article.blocks)
    referrers = gc.get_referrers(article.sources)
    assert any(ref is article for ref in referrers)  # the collector sees the article's fields


def test_a_caption_that_ends_in_its_credit_gets_the_credit_apart() -> None:
    """As in HTML extraction: the figure's credit is a field of its own, not in the caption."""
    text = (
        "Council approves new bridge over the river\n\n"
        "The city council on Tuesday approved the construction of a new bridge over the river, "
        "ending a debate that has lasted for more than ten years in the town.\n\n"
        "The mayor speaks at the opening of the old bridge in 1990. "
        "(Photo by Jane Doe/Getty Images)\n\n"
        "The new bridge will cost 40 million euros and is to open in 2029, the council said. "
        "Work starts next spring, after the last permits are granted by the state.\n"
    )
    article = clean_text(text)
    figures = [b for b in article.blocks if b.kind is BlockKind.FIGURE]
    assert [(f.caption, f.credit) for f in figures] == [
        (
            "The mayor speaks at the opening of the old bridge in 1990.",
            "Photo by Jane Doe/Getty Images",
        )
    ]
    assert "Getty" not in article.text and "mayor speaks" not in article.text


@pytest.mark.parametrize(
    ("credit", "value"),
    [(". Imagen: Télam", "Télam"), ("(Fuente: Télam)", "(Fuente: Télam)"), ("Foto: Max", "Max")],
)
def test_a_credit_line_gives_its_value(credit: str, value: str) -> None:
    """The label goes ("Imagen: ..."); a bracketed credit stays whole rather than lose only its
    opening bracket."""
    para = (
        "Der Stadtrat hat am Dienstag mit großer Mehrheit ein neues Konzept für die Radwege "
        "beschlossen, das in den kommenden fünf Jahren umgesetzt werden soll."
    )
    text = f"{para}\n\nDie Bürgermeisterin bei der Sitzung im Rathaus\n{credit}\n\n{para} Mehr.\n"
    figures = [b for b in clean_text(text, language="de").blocks if b.kind is BlockKind.FIGURE]
    assert [f.credit for f in figures] == [value]


@pytest.mark.parametrize(
    ("byline", "authors"),
    [
        ("By Jane Doe, City Reporter", ("Jane Doe",)),
        ("Tim Childers - Live Science Contributor 2019-11-19T12:48:14Z Space", ("Tim Childers",)),
        ("Von Anna Schmidt und Max Muster | 12.02.2026", ("Anna Schmidt", "Max Muster")),
        ("Staff Reports -", ()),
        ("India Post News Weekly 0 Comments", ()),
    ],
)
def test_a_byline_gives_the_names_html_extraction_would(byline, authors):
    assert assemble._authors(byline) == authors


@pytest.mark.parametrize(
    ("line", "url", "published"),
    [
        # the URL's date where a date line is missing or names another day
        ("Kontakt", "https://example.org/2019/11/08/council-vote", "2019-11-08"),
        ("Updated November 13, 2019", "https://example.org/2019/11/08/council-vote", "2019-11-08"),
        ("31.02.2019", "https://example.org/2019/11/08/council-vote", "2019-11-08"),
        # a date line one day off (time zones) or without a URL date stands
        ("November 9, 2019", "https://example.org/2019/11/08/council-vote", "2019-11-09"),
        ("12.03.2024", "https://example.org/news/council-vote", "2024-03-12"),
        ("12.03.2024", None, "2024-03-12"),
        # forms the known ones miss, read by htmldate's rules as HTML extraction reads them
        ("By Tess Bonn - 11/19/19 06:56 AM EST", None, "2019-11-19"),
        ("Published November 20th, 2019 - 07:29 GMT", None, "2019-11-20"),
        ("21/06/2014 Tony Carter", None, "2014-06-21"),
        ("17.11.19", None, "2019-11-17"),
    ],
)
def test_the_date_in_the_url_and_on_a_line(line, url, published):
    body = (
        "The council voted on Tuesday to build new bike lanes on three of the city's busiest"
        " streets, after a debate of more than three hours."
    )
    article = clean_text(f"Council votes for bike lanes\n\n{line}\n\n{body}\n\n{body}", url=url)
    assert article.published == published
    from_url = url is not None and published == "2019-11-08"
    assert article.sources["published"] == ("url" if from_url else "date-line")


def test_a_date_line_that_is_no_calendar_day_gives_no_date():
    body = (
        "The council voted on Tuesday to build new bike lanes on three of the city's busiest"
        " streets, after a debate of more than three hours."
    )
    assert clean_text(f"Council votes\n\n31.02.2019\n\n{body}\n\n{body}").published is None


def test_the_authors_come_from_the_first_byline_that_names_anyone() -> None:
    """A menu item read as a byline ("von künstler:innen") names no one; the article's byline
    below it gives the authors."""
    body = (
        "Der Stadtrat hat am Dienstag nach langer Debatte den Haushalt beschlossen, und die"
        " meisten Mitglieder stimmten auch für die neuen Radwege in der Innenstadt."
    )
    text = (
        "Start\n\nvon künstler:innen\n\nStadtrat beschließt den Haushalt\n\n"
        "Von Lars Fischer und Alina Schadwinkel\n\n"
        f"{body}\n\n{body.replace('Dienstag', 'Mittwoch')}\n\n{body.replace('Stadtrat', 'Rat')}\n"
    )
    article = clean_text(text)
    bylines = [line.text for line in article.lines if line.role is LineRole.BYLINE]
    assert bylines[0] == "von künstler:innen"
    assert article.authors == ("Lars Fischer", "Alina Schadwinkel")


# Rows of a table (cells split by tabs) among other lines, in several groups.
_TABLE_FEATS = python_measure(
    "Pos.\t\tTeam\t\tPoints\n1\t\tBayern\t\t25\n\nA paragraph of text.\n2\t\tLeverkusen\t\t22\n"
    "An item\n\n3 \t Stuttgart \t\t21\t\t\nÜber\t\tГруппа\n"
)


@pytest.mark.skipif(assemble._ASSEMBLER is None, reason="the compiled assembly is not built")
@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.builds(Decision, st.sampled_from(_ROLES), st.booleans(), st.just("why")),
        min_size=len(_TABLE_FEATS),
        max_size=len(_TABLE_FEATS),
    )
)
def test_compiled_assembly_of_table_rows_is_the_python_one(decisions: list[Decision]) -> None:
    assert assemble.same_assembly(assemble._ASSEMBLER, _TABLE_FEATS, decisions)


def test_kept_rows_of_a_table_are_one_table_block() -> None:
    """Kept lines with tabs (rows the rules keep as list items, paragraphs or a header row kept
    as a heading) in a run are one table block whose rows hold the cells; their lines have the
    role TABLE, and the body text keeps the rows' text."""
    article = clean_text(assemble._TABLE_PROBE)
    tables = [b for b in article.blocks if b.kind is BlockKind.TABLE]
    assert len(tables) == 1
    assert tables[0].rows == (
        ("Pos.", "Team", "Points"), ("1", "Bayern", "25"), ("2", "Leverkusen", "22"),
        ("3", "Stuttgart", "21"),
    )
    assert "1\t\tBayern\t\t25\n2\t\tLeverkusen\t\t22" in article.text
    roles = {line.text: line.role for line in article.lines}
    assert roles["1\t\tBayern\t\t25"] is R.TABLE and roles["Pos.\t\tTeam\t\tPoints"] is R.TABLE
    assert [b.kind for b in article.blocks] == [
        BlockKind.PARAGRAPH, BlockKind.TABLE, BlockKind.PARAGRAPH
    ]


def test_table_cells_are_cut_at_runs_of_tabs() -> None:
    assert assemble.table_cells(" 3 \t Stuttgart \t\t21\t\t") == ("3", "Stuttgart", "21")
    assert assemble.table_cells("a\t\t\tb") == ("a", "b")


def test_a_byline_on_a_date_line_near_the_body_names_the_authors() -> None:
    """A byline and its date on one line is a date line; its names are the authors when no
    byline line names anyone, and only near the body's start: further down such a line is a
    teaser's ("Horoscope for Wednesday, 11/20/19 by ...")."""
    body = (
        "The governor defended the state's new campaign against drug use on Tuesday, saying the"
        " advertisements had already reached more people than any before them."
    )
    text = "\n\n".join(
        ["South Dakota governor doubles down on campaign", "By Tess Bonn - 11/19/19 06:56 AM EST",
         body, body.replace("Tuesday", "Monday")]
    )
    article = clean_text(text)
    assert article.authors == ("Tess Bonn",)
    assert article.sources["authors"] == "date-line"
    far = "\n\n".join(
        ["South Dakota governor doubles down on campaign", "Nov. 19, 2019", body,
         *(f"{body} ({k})" for k in range(20)), "Horoscope for Wednesday, 11/20/19 by Jane Roe"]
    )
    assert clean_text(far).authors == ()
