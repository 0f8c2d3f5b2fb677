"""Metadata sources and their precedence, on small hand-written pages."""

from __future__ import annotations

import pytest
from selectolax.lexbor import LexborHTMLParser

from sieb.meta.authors import is_person, parse_byline
from sieb.meta.dates import normalise_date, url_date
from sieb.meta.fields import clean_title, normalise_language
from sieb.metadata import PageMetadata, extract_metadata


def meta_of(html: str, url: str | None = "https://news.example.com/a/b.html") -> PageMetadata:
    return extract_metadata(LexborHTMLParser(html), url)


GRAPH = """<html lang="de-DE"><head><title>Ein Titel | Beispielblatt</title>
<script type="application/ld+json">{"@context":"https://schema.org","@graph":[
 {"@type":"Organization","@id":"#org","name":"Beispielblatt"},
 {"@type":"WebPage","@id":"https://news.example.com/a/b.html"},
 {"@type":"NewsArticle","headline":"Ein Titel","datePublished":"2025-03-05T10:00:00+01:00",
  "dateModified":"2025-03-06T08:00:00+01:00","publisher":{"@id":"#org"},
  "author":[{"@type":"Person","name":"Anna Berg"},{"@type":"Person","name":"Karl Ost"}],
  "articleBody":"Der ganze Text."}]}</script></head><body><h1>Ein Titel</h1></body></html>"""


def test_jsonld_graph_gives_all_fields() -> None:
    meta = meta_of(GRAPH)
    assert meta.title == "Ein Titel"
    assert meta.authors == ("Anna Berg", "Karl Ost")
    assert meta.published == "2025-03-05T10:00:00+01:00"
    assert meta.modified == "2025-03-06T08:00:00+01:00"
    assert meta.site_name == "Beispielblatt"  # publisher resolved through its @id
    assert meta.page_type == "article"
    assert meta.body_hint == "Der ganze Text."
    assert meta.language == "de"
    assert meta.sources["published"] == "json-ld"
    assert meta.sources["authors"] == "json-ld"


def test_broken_jsonld_is_skipped_and_the_next_script_used() -> None:
    html = """<head>
    <script type="application/ld+json">{"@type": "NewsArticle", "headline": </script>
    <script type="application/ld+json">{"@type":"BlogPosting","headline":"Works",
    "datePublished":"2024-01-02"}</script></head><body></body>"""
    meta = meta_of(html)
    assert meta.title == "Works"
    assert meta.published == "2024-01-02"


def test_opengraph_only() -> None:
    html = """<head><title>Something else - Site</title>
    <meta property="og:title" content="Open Graph Title">
    <meta property="og:site_name" content="The Site">
    <meta property="og:url" content="https://site.example/story">
    <meta property="og:image" content="/img/x.jpg">
    <meta property="og:locale" content="en_GB">
    <meta property="article:published_time" content="2023-07-01T12:30:00Z">
    <meta property="article:modified_time" content="2023-07-02T09:00:00Z">
    <meta property="article:tag" content="one"><meta property="article:tag" content="two">
    </head><body><p>x</p></body>"""
    meta = meta_of(html, "https://site.example/story?utm=1")
    assert meta.title == "Open Graph Title"
    assert meta.sources["title"] == "og:title"
    assert meta.url == "https://site.example/story"
    assert meta.image == "https://site.example/img/x.jpg"
    assert meta.published == "2023-07-01T12:30:00+00:00"
    assert meta.modified == "2023-07-02T09:00:00+00:00"
    assert meta.language == "en"
    assert meta.tags == ("one", "two")


def test_jsonld_beats_opengraph() -> None:
    html = """<head><meta property="article:published_time" content="2020-01-01">
    <script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2021-02-02"}
    </script></head>"""
    assert meta_of(html).published == "2021-02-02"


def test_byline_only_von_a_und_b() -> None:
    html = """<body><article><h1>Titel</h1>
    <div class="byline">Von <a href="/a">Anna Berg</a> und Karl Ost | 05.03.2025, 10:00 Uhr</div>
    <p>Text</p></article></body>"""
    meta = meta_of(html)
    assert meta.authors == ("Anna Berg", "Karl Ost")
    assert meta.sources["authors"] == "byline"


def test_byline_ignores_comment_authors() -> None:
    html = """<body><article><p>Text</p></article>
    <section class="comments"><span class="comment-author">Rita Köhler</span></section></body>"""
    assert meta_of(html).authors == ()


@pytest.mark.parametrize(("byline", "names"), [
    ("By Jane Doe and John Smith", ["Jane Doe", "John Smith"]),
    ("By Dale Hutchins, Staff Writer", ["Dale Hutchins"]),
    ("Von Petra Möller | Erschienen am 12.02.2026", ["Petra Möller"]),
    ("Sabine Krüger, Redakteurin für Wohnen und Recht · 1. Dezember 2025", ["Sabine Krüger"]),
    ("by Ann Lee | Updated March 3, 2025", ["Ann Lee"]),
    ("By Ann Lee @annlee", ["Ann Lee"]),
    ("Ursula von der Leyen", ["Ursula von der Leyen"]),
    ("Jane Doe, John Smith & Ann Lee", ["Jane Doe", "John Smith", "Ann Lee"]),
    ("admin", []),
    ("Redaktion", []),
    ("dpa", []),
    ("https://example.com/profile/jane", []),
    ("Stadt Lindenau, Presse- und Öffentlichkeitsarbeit", []),
    ("She writes about performance and has strong opinions about colours", []),
    # a date after "On"/"Vom", "publiziert", "Last updated", a comment count, "Par"/"Por"
    ("By Kashmira Gander On 11/13/19 at 4:00 PM EST", ["Kashmira Gander"]),
    ("Von Jule Radeck Vom 3. Februar 2022 0", ["Jule Radeck"]),
    ("Von Moritz Bachmann publiziert am 25. September 2018", ["Moritz Bachmann"]),
    ("By Alejandro Villamor Last updated Nov 8, 2023", ["Alejandro Villamor"]),
    ("von KleineGrüneMonster Ein Kommentar", []),
    ("Par Bruno Gobin, le mercredi 15 mai 2019 à 08h07", ["Bruno Gobin"]),
    ("Por Agencia EFE", []),
    ("Von R. R. am 07.08.2013 um 09:07 Uhr", []),
])
def test_parse_byline(byline: str, names: list[str]) -> None:
    assert parse_byline(byline) == names


def test_is_person_rejects_long_and_shouting_names() -> None:
    assert not is_person("A Very Long Name That Goes On And On Forever More")
    assert not is_person("STAFF WRITER")
    assert is_person("R. Köhler")


def test_date_in_url_is_the_last_resort() -> None:
    meta = meta_of("<html><body><p>Nothing here</p></body></html>",
                   "https://gazette.example/2024/03/05/some-story/")
    assert meta.published == "2024-03-05"
    assert meta.sources["published"] == "url"
    assert url_date("https://x.example/2024/13/45/x") is None


def test_modified_kept_apart_from_published() -> None:
    html = """<body><article><header>
    <time datetime="2025-11-04T06:30:00+01:00">4.11.</time>
    <span class="updated">Aktualisiert:
      <time datetime="2025-11-04T11:15:00+01:00">11:15</time></span>
    </header></article></body>"""
    meta = meta_of(html)
    assert meta.published == "2025-11-04T06:30:00+01:00"
    assert meta.modified == "2025-11-04T11:15:00+01:00"
    assert meta.sources["published"] == "time"


def test_modified_before_published_is_dropped() -> None:
    html = """<head><meta property="article:published_time" content="2025-05-05">
    <meta property="article:modified_time" content="2025-01-01"></head>"""
    meta = meta_of(html)
    assert meta.published == "2025-05-05"
    assert meta.modified is None


def test_no_date_from_scripts_or_cookie_expiry() -> None:
    html = """<head><script>var expires = "Thu, 12 Feb 2026 17:45:00 GMT";
    document.cookie = "a=1; expires=2026-02-12";</script></head><body><p>x</p></body>"""
    assert meta_of(html, "https://x.example/story").published is None


def test_time_in_comments_is_not_the_published_date() -> None:
    html = """<body><article><p>x</p></article><div class="comments">
    <time datetime="2025-01-09">9.1.</time></div></body>"""
    assert meta_of(html, "https://x.example/story").published is None


def test_canonical_relative_url_made_absolute() -> None:
    html = '<head><link rel="canonical" href="/politik/story-100.html"></head>'
    meta = meta_of(html, "https://www.example.de/politik/story-100.html?ref=home")
    assert meta.url == "https://www.example.de/politik/story-100.html"
    assert meta.sources["url"] == "canonical"


def test_canonical_to_home_page_is_ignored() -> None:
    html = '<head><link rel="canonical" href="https://www.example.de/"></head>'
    meta = meta_of(html, "https://www.example.de/politik/story-100.html")
    assert meta.url == "https://www.example.de/politik/story-100.html"


@pytest.mark.parametrize(("tag", "code"), [
    ("de-DE", "de"), ("de_AT", "de"), ("EN-us", "en"), ("deu", "de"), ("German", "de"),
    ("x-default", None), ("", None), ("zz-top-secret-1", "zz"), ("12", None),
])
def test_language_normalisation(tag: str, code: str | None) -> None:
    assert normalise_language(tag) == code


def test_language_from_content_language_when_no_lang_attribute() -> None:
    html = '<head><meta http-equiv="content-language" content="fr-FR"></head><body></body>'
    meta = meta_of(html)
    assert meta.language == "fr"
    assert meta.sources["language"] == "content-language"


@pytest.mark.parametrize(("title", "site", "heading", "clean"), [
    ("Story title | The Site", "The Site", None, "Story title"),
    ("A longer story title - Politik - Zeitung Online", None, None, "A longer story title"),
    ("Zeitung | Story title about something long", None, "Story title about something long",
     "Story title about something long"),
    ("Fernwärme: Stadtwerke müssen Preise offenlegen", None, None,
     "Fernwärme: Stadtwerke müssen Preise offenlegen"),
    ("Part one of a title - and part two of the same title", None, None,
     "Part one of a title - and part two of the same title"),
])
def test_clean_title(title: str, site: str | None, heading: str | None, clean: str) -> None:
    assert clean_title(title, site, heading) == clean


def test_series_prefix_before_the_h1_is_dropped() -> None:
    page = """<head><meta property="og:title" content="City Weekly: Why bins were missed">
    </head><body><h1>Why bins were missed</h1></body>"""
    assert meta_of(page).title == "Why bins were missed"
    # without an h1 that shows the headline alone, the colon stays part of the title
    shown = page.replace("<h1>Why", "<h1>City Weekly: Why")
    assert meta_of(shown).title == "City Weekly: Why bins were missed"
    long_prefix = page.replace("City Weekly", "A kicker of many more than five words")
    assert meta_of(long_prefix).title.startswith("A kicker")


def test_title_falls_back_to_h1_then_title_tag() -> None:
    assert meta_of("<body><h1>Heading</h1></body>").title == "Heading"
    assert meta_of("<head><title>Only Title :: Site</title></head>").title == "Only Title"


@pytest.mark.parametrize(("text", "iso"), [
    ("2025-09-18", "2025-09-18"),
    ("2025-09-22T08:10:00Z", "2025-09-22T08:10:00+00:00"),
    ("2025-09-22T08:10:00.123+02:00", "2025-09-22T08:10:00+02:00"),
    ("2025-09-22T00:00:00", "2025-09-22"),
    ("Thu, 12 Feb 2026 17:45:00 GMT", "2026-02-12T17:45:00+00:00"),
    ("12.02.2026, 17:45 Uhr", "2026-02-12"),
    ("September 18, 2025", "2025-09-18"),
    ("1850-01-01", None),
    ("2999-01-01", None),
    ("not a date", None),
    ("", None),
])
def test_normalise_date(text: str, iso: str | None) -> None:
    assert normalise_date(text) == iso


def test_microdata_itemprop_meta_in_body() -> None:
    html = """<body><div itemscope itemtype="https://schema.org/NewsArticle">
    <meta itemprop="datePublished" content="2022-04-04T04:04:00+02:00">
    <span itemprop="author">Mara Lind</span></div></body>"""
    meta = meta_of(html)
    assert meta.published == "2022-04-04T04:04:00+02:00"
    assert meta.authors == ("Mara Lind",)


def test_jsonld_author_organisation_is_not_a_person() -> None:
    html = """<script type="application/ld+json">{"@type":"NewsArticle",
    "author":{"@type":"Organization","name":"Beispielblatt"}}</script>
    <body><p class="byline">By Nora Pike</p></body>"""
    assert meta_of(html).authors == ("Nora Pike",)


@pytest.mark.parametrize("html", [
    "", " ", "<", "<<<>>>", "\x00\x01garbage", "<html><head></head><body></body></html>",
    "<script type='application/ld+json'>[[[[[[[[</script>",
    "<script type='application/ld+json'>{\"@graph\": [1, null, \"x\", {\"@type\": 5}]}</script>",
    "<meta property='og:title' content=''><time datetime='garbage'>x</time>",
    "<link rel=canonical href='javascript:alert(1)'><html lang='???'>",
])
def test_no_crash_on_empty_or_garbage(html: str) -> None:
    meta = meta_of(html, None)
    assert isinstance(meta, PageMetadata)
    assert meta.url is None


def test_entities_in_jsonld_and_title_in_site_name() -> None:
    html = """<head><meta property="og:site_name" content="Good &amp; Bad News - Zeitung">
    <script type="application/ld+json">{"@type":"NewsArticle","headline":"Good &#038; Bad News"}
    </script></head>"""
    meta = meta_of(html)
    assert meta.title == "Good & Bad News"
    assert meta.site_name == "Zeitung"


def _ld_page(ld: str, h1: str) -> str:
    return (
        f'<html><head><script type="application/ld+json">{ld}</script></head>'
        f"<body><h1>{h1}</h1><p>Text.</p></body></html>"
    )


def test_jsonld_name_wins_over_a_headline_that_is_a_description_when_it_is_the_h1() -> None:
    ld = (
        '{"@context":"https://schema.org","@type":"Article","name":"Lindauer Stichkanal",'
        '"headline":"Kanal in Niedersachsen"}'
    )
    assert meta_of(_ld_page(ld, "Lindauer Stichkanal")).title == "Lindauer Stichkanal"
    # without the h1's vote the headline stays
    assert meta_of(_ld_page(ld, "Regiowiki")).title == "Kanal in Niedersachsen"


def test_podcast_episode_json_ld_gives_date_and_author() -> None:
    ld = (
        '{"@context":"https://schema.org","@type":"PodcastEpisode","name":"Episode 12: Ferries",'
        '"datePublished":"2026-11-13","author":{"@type":"Person","name":"Priya Ramdin"}}'
    )
    meta = meta_of(_ld_page(ld, "Episode 12: Ferries"))
    assert (meta.published or "")[:10] == "2026-11-13"
    assert meta.authors == ("Priya Ramdin",)
