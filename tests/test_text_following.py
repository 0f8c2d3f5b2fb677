"""Text mode's next-article stage (sieb.text.following): below a "Nächster Artikel" line that
follows the body, the next article is not the page's body."""

from __future__ import annotations

from sieb import clean_text
from sieb.article import LineRole
from sieb.text import following
from sieb.text.lines import python_measure
from sieb.text.markers import marker_lines
from sieb.text.roles import Decision

_BODY = (
    ("Der erste Radschnellweg im Kreis Steinburg wird gebaut. Die 14 Kilometer lange Strecke "
    "zwischen Kellinghusen und Itzehoe soll im Herbst 2027 fertig sein."),
    ("Die Trasse folgt größtenteils einer stillgelegten Bahnlinie. Sie wird vier Meter breit, "
    "beleuchtet und im Winter geräumt, teilte der Kreis am Mittwoch mit."),
)
_NEXT_BODY = (
    ("Unbekannte sind in der Nacht zu Donnerstag in eine Apotheke in der Hauptstraße "
    "eingebrochen und haben Bargeld aus der Kasse gestohlen."),
    ("Die Polizei sucht Zeugen, die in der Nacht zwischen 2 und 4 Uhr verdächtige Personen "
    "in der Innenstadt gesehen haben."),
)


def _kept_after_stage(rows: list[str]) -> dict[str, bool]:
    """Every line kept except the separators, then the stage."""
    feats = python_measure("\n".join(rows))
    decisions = [
        Decision(LineRole.UI, False, "interface string")
        if f.text in ("Nächster Artikel", "Read next")
        else Decision(LineRole.PARAGRAPH, True, "prose inside the body")
        for f in feats
    ]
    out = following.with_next_article_dropped(feats, decisions, marker_lines(feats))
    return {f.text: d.kept for f, d in zip(feats, out, strict=True)}


def test_the_article_below_the_separator_is_dropped():
    kept = _kept_after_stage([*_BODY, "Nächster Artikel", "Einbruch in Apotheke", *_NEXT_BODY])
    assert all(kept[line] for line in _BODY)
    assert not any(kept[line] for line in ("Einbruch in Apotheke", *_NEXT_BODY))


def test_a_separator_above_the_body_drops_nothing():
    rows = ["Nächster Artikel", *_BODY]
    assert all(_kept_after_stage(rows)[line] for line in _BODY)


def test_a_teaser_box_heading_is_no_separator():
    rows = [_BODY[0], "Read next", *_NEXT_BODY]
    assert all(_kept_after_stage(rows)[line] for line in (_BODY[0], *_NEXT_BODY))


def test_separator_variants_are_lines_of_their_own():
    assert {"next post", "next article:", "nächster artikel »"} <= following.SEPARATOR_LINES
    assert "next posts" not in following.SEPARATOR_LINES


def test_a_whole_page_keeps_its_article_and_drops_the_appended_one():
    page = "\n\n".join([
        "Holsteiner Tageblatt", "Radschnellweg zwischen Kellinghusen und Itzehoe: Baustart im März",
        *_BODY, "Nächster Artikel",
        "Einbruch in Kellinghusener Apotheke: Täter erbeuten Bargeld", *_NEXT_BODY,
        "Impressum Datenschutz",
    ])
    article = clean_text(page, "https://www.tageblatt.example/radschnellweg-baustart-im-maerz")
    assert _BODY[1] in article.text
    assert _NEXT_BODY[0] not in article.text
    line = next(x for x in article.lines if x.text == _NEXT_BODY[0])
    assert line.role == "teaser" and "next article" in line.reason
