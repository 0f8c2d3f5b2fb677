"""Text mode's author box (sieb.text.authors): the name over a paragraph about its bearer."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import sieb
from sieb.article import LineRole
from sieb.text import authors
from sieb.text.lines import python_measure
from sieb.text.roles import Decision

_ARTICLE = """Stadtrat beschließt neues Radwegekonzept

Der Stadtrat hat am Dienstagabend mit großer Mehrheit ein neues Konzept für die Radwege in der
Innenstadt beschlossen, das in den kommenden fünf Jahren umgesetzt werden soll.

Die Verwaltung soll bis zum Sommer einen Zeitplan vorlegen, sagte die Bürgermeisterin nach der
Sitzung, und die Anwohner der betroffenen Straßen zu einer Versammlung einladen.

Kritik kam von der Opposition, die das Konzept für zu teuer hält und eine Bürgerbefragung fordert.
"""


def _page(box: str) -> str:
    return _ARTICLE.replace("\n", " ").replace("  ", "\n\n") + "\n\n" + box + "\n\nImpressum\n"


def _line(article: sieb.Article, start: str):
    return next(line for line in article.lines if line.text.startswith(start))


def test_an_author_box_under_the_article_is_dropped_and_names_the_author() -> None:
    box = (
        "Markus Beispiel\n\n"
        "Markus Beispiel ist Redakteur im Ressort Lokales und schreibt seit 2015 über Verkehr,"
        " Stadtplanung und die Kommunalpolitik der Stadt."
    )
    article = sieb.clean_text(_page(box), language="de")
    bio = _line(article, "Markus Beispiel ist")
    name = _line(article, "Markus Beispiel")
    assert not bio.kept and not name.kept
    assert "about the author" in bio.reason
    assert name.role is LineRole.BYLINE
    assert article.authors == ("Markus Beispiel",)
    assert "Radwege" in article.text and "Redakteur" not in article.text


def test_a_box_that_goes_on_from_the_name_does_not_name_the_author() -> None:
    """"Dr. Jana Muster / ist Partnerin ..." is a box; so reads a reader's comment under its
    writer's name, so the name is not taken for the author's."""
    box = (
        "Dr. Jana Muster\n\n"
        "ist Partnerin einer Kanzlei für Verkehrsrecht in Köln und berät Kommunen bei der"
        " Planung von Radwegen."
    )
    article = sieb.clean_text(_page(box), language="de")
    assert not _line(article, "ist Partnerin").kept
    assert _line(article, "Dr. Jana Muster").role is LineRole.FOOTER
    assert article.authors == ()


def test_a_box_headed_about_its_author_is_dropped() -> None:
    """"Über Jana Muster" over a paragraph that names her anywhere near its start."""
    box = (
        "Über Jana Muster\n\n"
        "Als Redakteurin im Ressort Lokales schreibt Jana Muster seit 2015 über Verkehr,"
        " Stadtplanung und die Kommunalpolitik der Stadt."
    )
    article = sieb.clean_text(_page(box), language="de")
    heading = _line(article, "Über Jana Muster")
    assert not heading.kept and heading.role is LineRole.FOOTER
    assert not _line(article, "Als Redakteurin").kept
    assert "Radwege" in article.text


def test_an_about_heading_over_the_name_heads_the_box() -> None:
    """"Sobre Carlos Exemplo" / "Carlos Exemplo" / a paragraph that names him: all three go."""
    feats = python_measure(
        "Sobre Carlos Exemplo\nCarlos Exemplo\nPai de dois filhos, Carlos Exemplo é também"
        " professor numa escola de São Paulo e escreve sobre educação."
    )
    boxed = authors.with_author_box(feats, _decisions([False, True, True]))
    assert [d.kept for d in boxed] == [False, False, False]
    assert boxed[1].role is LineRole.BYLINE


def test_a_list_of_people_is_the_article() -> None:
    """Two name-and-paragraph pairs on a page are a list of people (actors, a panel), not a box."""
    entry = (
        "{0}\n{0} ist seit vielen Jahren im Stadtrat und setzt sich dort vor allem für den Ausbau"
        " der Radwege in den äußeren Stadtteilen ein."
    )
    one = python_measure(entry.format("Anna Beispiel"))
    two = python_measure(entry.format("Anna Beispiel") + "\n" + entry.format("Jonas Muster"))
    boxed = authors.with_author_box(one, _decisions([True] * len(one)))
    assert [d.kept for d in boxed] == [False, False]
    listed = _decisions([True] * len(two))
    assert authors.with_author_box(two, listed) is listed


@pytest.mark.parametrize(
    ("name", "text"),
    [
        # a band's name begins with a function word: no person's
        (
            "The Doobie Brothers",
            ("The Doobie Brothers will unite with their former frontman for a tour of North"
            " America next year, the band said on Monday."),
        ),
        # a heading's words, then a colon
        (
            "Fact Check",
            ("Fact Check: Is a bar in the city really offering fresh air for money? We looked into"
            " the claims that went around last week."),
        ),
        # an "about" heading over a paragraph that does not name the person
        (
            "Über Jana Muster",
            ("Der Stadtrat hat am Dienstag beschlossen, die Radwege in der Innenstadt bis zum Jahr"
            " 2030 auszubauen."),
        ),
        # "About" and a thing, not a person
        (
            "About Python",
            ("About Python: the language is used for scripting and for large programs alike,"
            " and it is easy to learn."),
        ),
        # a paragraph that neither repeats the name nor goes on from it
        (
            "Neue Radwege",
            ("Der Stadtrat hat am Dienstag beschlossen, die Radwege in der Innenstadt bis zum Jahr"
            " 2030 auszubauen."),
        ),
    ],
)
def test_names_and_headings_over_other_paragraphs_are_left_alone(name: str, text: str) -> None:
    feats = python_measure(f"{name}\n{text}")
    assert authors._opens_box(feats[0], feats[1]) is None


def _decisions(kept: list[bool]) -> list[Decision]:
    return [Decision(LineRole.PARAGRAPH, k, "test") for k in kept]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["Anna Beispiel", "Kurz.", "x", "Ein längerer Satz ohne Ende " * 3,
                             "Ein Satz, der endet und lang genug ist, um als Absatz zu gelten."]),
            st.booleans(),
        ),
        max_size=12,
    ),
    st.integers(0, 120),
    st.integers(0, 120),
)
def test_the_compiled_prefilter_is_the_definition(rows, long_min: int, short_max: int) -> None:
    feats = python_measure("\n".join(text for text, _ in rows))
    decisions = _decisions([kept for _, kept in rows][: len(feats)])
    decisions += _decisions([True] * (len(feats) - len(decisions)))
    want = authors.python_kept_under_short(feats, decisions, authors._FIELDS, long_min, short_max)
    assert authors._kept_under_short(feats, decisions, authors._FIELDS, long_min, short_max) == want


def test_the_prefilter_refuses_unequal_lists() -> None:
    feats = python_measure("Anna Beispiel\nEin Satz, der endet und lang genug ist, als Absatz.")
    for kept_under_short in (authors.python_kept_under_short, authors._kept_under_short):
        with pytest.raises(ValueError):
            kept_under_short(feats, _decisions([True]), authors._FIELDS, 10, 40)
