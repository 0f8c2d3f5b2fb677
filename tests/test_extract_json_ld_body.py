"""Script-rendered pages whose article is only in JSON-LD `articleBody` still give the body."""

from __future__ import annotations

import json

import sieb
from sieb.extract import json_ld_paragraphs

PARAGRAPHS = [
    ("Der Kreistag hat am Donnerstagabend den Bau einer neuen Gesamtschule in Lindau-Süd "
    "beschlossen. 38 Abgeordnete stimmten dafür, neun dagegen, drei enthielten sich."),
    ("Die Schule soll zum Schuljahr 2029/30 öffnen und Platz für 1.100 Schülerinnen und Schüler "
    "bieten. Die Kosten schätzt die Verwaltung auf 86 Millionen Euro, das Land übernimmt etwa "
    "ein Drittel davon."),
    ("Landrätin Petra Albers sprach von einem wichtigen Tag für den Landkreis. Seit Jahren "
    "müssten Kinder aus dem Süden bis zu 50 Minuten mit dem Bus zur nächsten Gesamtschule fahren."),
    ("Kritik kam von der Fraktion der Freien Wähler, die lieber die bestehenden Schulen erweitert "
    "hätte. Das sei günstiger und schneller umzusetzen, sagte ihr Vorsitzender."),
]


def _shell(article_body: str) -> str:
    data = {"@context": "https://schema.org", "@type": "NewsArticle",
            "headline": "Kreistag beschließt neue Gesamtschule", "articleBody": article_body,
            "datePublished": "2026-11-19T18:30:00+01:00", "inLanguage": "de",
            "author": {"@type": "Person", "name": "Jana Kramer"}}
    return ('<!doctype html><html lang="de"><head><title>Kreistag beschließt neue Gesamtschule'
            ' | Kreisbote</title><script type="application/ld+json">' + json.dumps(data)
            + '</script></head><body><div id="__next"><header><a href="/">Kreisbote</a>'
            '<nav><a href="/region">Region</a><a href="/sport">Sport</a></nav></header>'
            '<main><div class="skeleton" aria-busy="true">Wird geladen …</div></main>'
            '<footer><a href="/impressum">Impressum</a></footer></div>'
            '<script src="/_next/static/chunks/main.js"></script></body></html>')


def test_body_only_in_json_ld_is_the_article() -> None:
    article = sieb.extract(_shell("\n".join(PARAGRAPHS)), "https://www.kreisbote.example/a/1")
    assert article.page_type == "article"
    assert article.text == "\n\n".join(PARAGRAPHS)
    assert [b.kind for b in article.blocks] == ["paragraph"] * 4
    assert article.sources["text"] == "json-ld"
    assert article.title == "Kreistag beschließt neue Gesamtschule"
    assert article.language == "de" and article.authors == ("Jana Kramer",)
    assert "Impressum" not in article.text and "geladen" not in article.text


def test_html_in_article_body_is_split_into_paragraphs() -> None:
    markup = "".join(f"<p>{p}</p>" for p in PARAGRAPHS[:3]) + f"<ul><li>{PARAGRAPHS[3]}</li></ul>"
    article = sieb.extract(_shell(markup))
    assert article.text == "\n\n".join(PARAGRAPHS)
    assert json_ld_paragraphs("<div><p>Eins.</p><p>Zwei <b>drei</b>.</p></div>") == [
        "Eins.", "Zwei drei."]


def test_a_page_with_its_body_in_the_markup_keeps_the_markup_body() -> None:
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    html = _shell("Ein kurzer Teaser.").replace(
        '<div class="skeleton" aria-busy="true">Wird geladen …</div>',
        f"<article><h1>Kreistag beschließt neue Gesamtschule</h1>{body}</article>")
    article = sieb.extract(html)
    assert "text" not in article.sources
    assert PARAGRAPHS[0] in article.text


def test_a_short_json_ld_body_is_not_taken() -> None:
    article = sieb.extract(_shell("Der Kreistag hat eine neue Gesamtschule beschlossen."))
    assert article.page_type in ("empty", "short")
    assert "text" not in article.sources


def test_escaped_markup_in_article_body_is_read_as_markup() -> None:
    escaped = "".join(f"&lt;p&gt;{p}&lt;/p&gt;" for p in PARAGRAPHS)
    assert json_ld_paragraphs(escaped) == PARAGRAPHS
    assert sieb.extract(_shell(escaped)).text == "\n\n".join(PARAGRAPHS)
