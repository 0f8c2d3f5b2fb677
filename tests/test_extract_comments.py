"""`extract(..., comments=True)`: reader comments as their own field, never in the body.

The pages in tests/fixtures/comments are invented (WordPress, Disqus-style, Discourse-style and a
German news site with hashed class names); each sidecar lists the comments a reader sees (text,
author, date, which comment a reply answers) and body snippets.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser

import sieb
from sieb.blocks import SKIP_TAGS, blocks_inside, segment
from sieb.cli import main
from sieb.comments import MAX_UNIT_BLOCKS
from sieb.decode import decode_html
from sieb.extract import ExtractOptions
from sieb.nodes import map_nodes

FIXTURES = Path(__file__).resolve().parent / "fixtures"
COMMENT_PAGES = sorted((FIXTURES / "comments").glob("*.html"))


def _load(page: Path) -> tuple[dict, bytes]:
    return json.loads(page.with_suffix(".json").read_text("utf-8")), page.read_bytes()


@pytest.mark.parametrize("page", COMMENT_PAGES, ids=lambda p: p.stem)
def test_comments_as_the_reader_sees_them(page: Path) -> None:
    spec, html = _load(page)
    article = sieb.extract(html, spec["url"], comments=True)
    assert [c.to_dict() for c in article.comments or ()] == spec["comments"]


@pytest.mark.parametrize("page", COMMENT_PAGES, ids=lambda p: p.stem)
def test_comments_stay_out_of_the_body(page: Path) -> None:
    spec, html = _load(page)
    article = sieb.extract(html, spec["url"], comments=True)
    for snippet in spec["body_must_have"]:
        assert snippet in article.text
    for snippet in spec["body_must_not_have"]:
        assert snippet not in article.text
        assert all(snippet not in b.text for b in article.blocks)
    assert article.text == sieb.extract(html, spec["url"]).text


def test_default_output_has_no_comments_field() -> None:
    spec, html = _load(COMMENT_PAGES[0])
    article = sieb.extract(html, spec["url"])
    assert article.comments is None
    assert "comments" not in article.to_dict()


def test_comments_are_serialised() -> None:
    spec, html = _load(FIXTURES / "comments" / "en_wordpress_bikelanes.html")
    data = json.loads(sieb.extract(html, spec["url"], comments=True).to_json())
    assert data["comments"] == spec["comments"]
    assert sieb.Comment.from_dict(data["comments"][1]).reply_to == 0


def test_options_can_ask_for_comments() -> None:
    spec, html = _load(FIXTURES / "comments" / "en_news_disqus_heatpumps.html")
    options = ExtractOptions(comments=True)
    assert len(sieb.extract(html, spec["url"], options=options).comments or ()) == 3


def test_a_thread_page_keeps_its_posts_as_body() -> None:
    html = (FIXTURES / "html" / "forum.html").read_bytes()
    default = sieb.extract(html)
    article = sieb.extract(html, comments=True)
    assert article.comments == ()
    assert article.text == default.text


def test_closed_comments_and_empty_pages_give_an_empty_list() -> None:
    closed = (FIXTURES / "pages" / "en_news_ferry.html").read_bytes()
    assert sieb.extract(closed, comments=True).comments == ()
    assert sieb.extract("   ", comments=True).comments == ()


ARTICLE = "".join(
    f"<p>Paragraph {i} of the article, long enough to be body text for the extractor here.</p>"
    for i in range(6)
)


def _comments(extra: str) -> tuple[sieb.Comment, ...]:
    html = f"<html><body><article><h1>Title</h1>{ARTICLE}</article>{extra}</body></html>"
    return sieb.extract(html, comments=True).comments or ()


def test_comment_forms_templates_and_widgets_are_not_comments() -> None:
    form = (
        "<div id='respond' class='comment-respond'><form class='comment-form'>"
        "<div class='comment-form-service'><p>You are commenting using your account.</p></div>"
        "<textarea></textarea></form></div>"
    )
    template = (
        "<div class='hidden'><div class='comment'><p>Template text of a comment.</p></div></div>"
    )
    widget = (
        "<aside class='widget'><ul><li class='comment'><p>Recent: a comment elsewhere.</p></li>"
        "</ul></aside>"
    )
    assert _comments(form + template + widget) == ()


def test_schema_org_comments_with_author_and_date() -> None:
    found = _comments(
        "<section><div itemprop='comment' itemscope itemtype='https://schema.org/Comment'>"
        "<span itemprop='author'>Ana</span><time datetime='2026-03-02T10:00:00Z'>2. März</time>"
        "<div itemprop='text'><p>Gute Frage.</p></div></div></section>"
    )
    assert [c.to_dict() for c in found] == [
        {"text": "Gute Frage.", "author": "Ana", "date": "2026-03-02T10:00:00+00:00",
         "reply_to": None}
    ]


def test_a_heading_opens_a_section_of_unmarked_comments() -> None:
    found = _comments(
        "<div><h2>3 Kommentare</h2><div class='x1'><span>Uwe</span><p>Sehr gut erklärt.</p></div>"
        "<div class='x1'><span>Jana</span><p>Danke für den Artikel.</p></div></div>"
    )
    assert [(c.author, c.text) for c in found] == [
        ("Uwe", "Sehr gut erklärt."),
        ("Jana", "Danke für den Artikel."),
    ]


def test_cli_prints_comments_after_the_body(capsys: pytest.CaptureFixture[str]) -> None:
    page = FIXTURES / "comments" / "de_news_kommentare_freibad.html"
    assert main(["extract", str(page), "--comments"]) == 0
    out = capsys.readouterr().out
    body, _, comments = out.partition("-- comments --")
    assert "Freibad Lindenhof" in body and "Schwimmoma_Hm" not in body
    assert "↳ Jens Vogler · 2026-11-23T18:02:00+01:00" in comments
    assert main(["extract", str(page), "--format", "json"]) == 0
    assert "comments" not in json.loads(capsys.readouterr().out)


@pytest.mark.parametrize(
    "page", sorted((FIXTURES / "pages").glob("*.html")) + COMMENT_PAGES, ids=lambda p: p.stem
)
def test_every_block_element_maps_to_its_dom_node(page: Path) -> None:
    tree = LexborHTMLParser(decode_html(page.read_bytes(), None))
    seg = segment(tree)
    nodes = map_nodes(tree, seg.elements)
    assert nodes is not None
    for node in tree.body.css("p"):
        element = nodes.element_exactly(node)
        if element > 0 and node.css_first(", ".join(SKIP_TAGS)) is None:
            assert seg.elements[element].tag == "p"
            inside = blocks_inside(seg.blocks, seg.elements, [element])
            own = "".join(b.text for b, i in zip(seg.blocks, inside, strict=True) if i)
            assert "".join(own.split()) == "".join(node.text(deep=True).split())


def test_a_mapping_of_another_page_is_refused() -> None:
    one = LexborHTMLParser("<html><body><div><p>a</p></div></body></html>")
    other = segment(LexborHTMLParser("<html><body><p>a</p><p>b</p></body></html>"))
    assert map_nodes(one, other.elements) is None


def test_unparagraphed_comment_text_leaves_out_name_date_and_rating() -> None:
    found = _comments(
        "<div id='comments'><div class='comment'><div class='comment_content'>"
        "<div class='username'><a href='/u/1'>Woyzeck</a></div><div class='date'>2 days ago</div>"
        "<div class='content'>Good to see the keyboard fixed.</div>"
        "<div class='rating'><strong>Rating:</strong> 36 Votes</div></div></div>"
        "<ol class='commentlist'><li class='comment pingback'><p>[…] Linked from a blog.</p></li>"
        "</ol></div>"
    )
    assert [(c.author, c.text) for c in found] == [("Woyzeck", "Good to see the keyboard fixed.")]


def test_hostile_nesting_in_comments_is_bounded() -> None:
    deep = (
        "<ol class='comment-list'><li class='comment'>" + "<div class='x'>" * 10_000
        + "<p>Deep comment text.</p>" + "</div>" * 10_000 + "</li></ol>"
    )
    assert _comments(deep) == ()  # text nested deeper than MAX_DEPTH is not read
    threads = "<div id='comments'>" + "<div class='comment'><p>Reply.</p>" * 2000
    threads += "</div>" * 2000 + "</div>"
    found = _comments(threads)
    assert 0 < len(found) <= MAX_UNIT_BLOCKS
    assert found[1].reply_to == 0


_RELATIVE_THREAD = (
    "<div id='comments'><div class='comment'><div class='username'>Woyzeck</div>"
    "<div class='date'>vor 2 Stunden</div><p>Gut, dass die Tastatur repariert ist.</p></div>"
    "<div class='comment'><div class='username'>Marie</div><time>3 days ago</time>"
    "<p>Mine still sticks on the left side.</p></div>"
    "<div class='comment'><p>kvdb · yesterday</p><p>Same here, mine sticks too.</p></div></div>"
)


def test_relative_comment_dates_are_read_against_the_fetch_date() -> None:
    html = f"<html><body><article><h1>Title</h1>{ARTICLE}</article>{_RELATIVE_THREAD}</body></html>"
    fetched = ExtractOptions(fetch_date="2026-11-24T12:00:00Z")
    found = sieb.extract(html, comments=True, options=fetched).comments or ()
    assert [(c.author, c.date) for c in found] == [
        ("Woyzeck", "2026-11-24T10:00:00+00:00"),  # hours keep their time
        ("Marie", "2026-11-21"),  # days give the day
        ("kvdb", "2026-11-23"),
    ]
    # without a fetch date "vor 2 Stunden" is no date at all
    assert [c.date for c in _comments(_RELATIVE_THREAD)] == [None, None, None]


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("3 hours ago", "2026-11-24T09:00:00+01:00"),
        ("vor 5 Minuten", "2026-11-24T11:55:00+01:00"),
        ("vor 3 Tagen", "2026-11-21"),
        ("gestern, 14:30", "2026-11-23"),  # a clock time of the site's unknown zone: the day
        ("il y a 2 jours", "2026-11-22"),
        ("in 3 days", None),  # not a past date
        ("vor dem Rathaus", None),
        ("2026-11-20", None),  # absolute dates are normalise_date's
        ("x" * 200 + " ago", None),
    ],
)
def test_relative_date(text: str, date: str | None) -> None:
    from sieb.meta.dates import parse_fetched, relative_date

    fetched = parse_fetched("2026-11-24T12:00:00+01:00")
    assert fetched is not None
    assert relative_date(text, fetched) == date


def test_relative_days_count_in_the_fetch_dates_own_offset() -> None:
    from sieb.meta.dates import parse_fetched, relative_date

    just_after_midnight = parse_fetched("2026-11-24T00:30:00+01:00")  # 23:30 UTC the day before
    assert just_after_midnight is not None
    assert relative_date("yesterday", just_after_midnight) == "2026-11-23"
    assert relative_date("vor 2 Stunden", just_after_midnight) == "2026-11-23T22:30:00+01:00"


def test_unreadable_fetch_dates_are_none() -> None:
    from sieb.meta.dates import parse_fetched

    assert parse_fetched(None) is None
    assert parse_fetched("yesterday-ish") is None
    assert parse_fetched("2026-03-01T12:00:00Z") is not None


def test_cli_reads_relative_comment_dates_against_fetch_date(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = tmp_path / "p.html"
    page.write_text(
        f"<html><body><article><h1>Title</h1>{ARTICLE}</article>{_RELATIVE_THREAD}</body></html>"
    )
    assert main(["extract", str(page), "--comments", "--format", "json",
                 "--fetch-date", "2026-11-24T12:00:00Z"]) == 0
    dates = [c["date"] for c in json.loads(capsys.readouterr().out)["comments"]]
    assert dates == ["2026-11-24T10:00:00+00:00", "2026-11-21", "2026-11-23"]
