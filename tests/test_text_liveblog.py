"""Text mode's live blogs (sieb.text.liveblog): the entries under their time lines are the
body; a timetable or a page with two times is left alone."""

from __future__ import annotations

from sieb import clean_text
from sieb.article import LineRole
from sieb.text import liveblog
from sieb.text.lines import python_measure
from sieb.text.markers import marker_lines
from sieb.text.roles import Decision

_ENTRIES = [
    ("14:20 Uhr", "Erste Züge rollen wieder",
     ("Zwischen Hamburg und Lüneburg fahren wieder erste Regionalzüge. Die Bahn warnt aber vor "
     "Verspätungen bis in den Abend.")),
    ("13:05 Uhr", "Baum stürzt auf Auto",
     ("In Elmshorn ist ein Baum auf ein fahrendes Auto gestürzt. Der 54 Jahre alte Fahrer wurde "
     "nach Angaben der Polizei leicht verletzt.")),
    ("09:15 Uhr", "Schulen bleiben geschlossen",
     ("In den Landkreisen Pinneberg, Steinburg und Dithmarschen fällt der Unterricht heute aus, "
     "teilten die Kreise am Morgen mit.")),
    ("05:45 Uhr", None,
     ("Guten Morgen und willkommen zu unserem Liveticker. Wir halten Sie hier den ganzen Tag über "
     "auf dem Laufenden.")),
]


def _page(entries: list) -> str:
    rows = ["Abendkurier", "Liveticker",
            "Sturmtief „Hilde“ im Liveticker: Bahnverkehr im Norden eingestellt",
            ("Orkanböen, umgestürzte Bäume, gesperrte Strecken: Sturmtief „Hilde“ hat den Norden "
             "fest im Griff. Alle Entwicklungen des Tages hier im Ticker.")]
    for time, headline, text in entries:
        rows += [time, *([headline] if headline else []), text]
    rows += ["Auch interessant", "Sturmschaden am Haus: Welche Versicherung zahlt?",
             "© Abendkurier Digital GmbH 2026"]
    return "\n\n".join(rows)


def test_every_entry_of_a_live_blog_is_body():
    article = clean_text(_page(_ENTRIES), "https://www.abendkurier.example/sturm-hilde-liveticker")
    for _, headline, text in _ENTRIES:
        assert text in article.text
        if headline:
            assert headline in article.text
    assert "Welche Versicherung zahlt" not in article.text


def _unchanged(rows: list[str]) -> bool:
    feats = python_measure("\n\n".join(rows))
    decisions = [
        Decision(LineRole.PARAGRAPH, True, "prose inside the body") if f.is_prose
        else Decision(LineRole.NAVIGATION, False, "short line after the body")
        for f in feats
    ]
    return liveblog.with_live_entries(feats, decisions, marker_lines(feats)) is decisions


def test_two_times_are_no_live_blog():
    rows = [row for time, headline, text in _ENTRIES[:2] for row in (time, headline, text)]
    assert _unchanged(rows)


def test_a_timetable_is_no_live_blog():
    text = ("Die Linie 5 fährt ab dem 1. Dezember im Zehn-Minuten-Takt, teilten die Stadtwerke am "
            "Montag mit, und abends bis Mitternacht.")
    assert _unchanged([text, "05:10", "05:20", "05:30", "05:40", "Fahrplanauskunft"])


def test_time_lines():
    assert {"14:20 uhr", "9.05", "4.10am", "11:20 pm", "23.59 h"} <= liveblog.TIME_LINES.keys()
    assert "24:00" not in liveblog.TIME_LINES and "13:05pm" not in liveblog.TIME_LINES
