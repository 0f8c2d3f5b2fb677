"""Text mode's event programmes (sieb.text.programme): lines that start with a time inside the
body are a list, not dates."""

from __future__ import annotations

import pytest

import sieb
from sieb.article import LineRole
from sieb.text.programme import _PROGRAMME_LINE

_INTRO = (
    "Fünfeinhalb Stunden, sechs Organistinnen und Organisten, eine Orgel: Zur Langen Nacht der"
    " Orgel öffnet die Kirche St. Marien am Samstag bis nach Mitternacht ihre Türen."
)
_AFTER = (
    "Um 22:15 Uhr führt Orgelbaumeister Thomas Kielmann durch das Innere der Orgel; die Plätze"
    " sind begrenzt, eine Anmeldung ist am Infotisch im Eingang möglich."
)
_PROGRAMME = [
    "19:00 Uhr – Eröffnung mit Kantorin Friederike Albers",
    "20:00 Uhr – Norddeutscher Barock mit Jan-Hendrik Wolters",
    "21:00 Uhr – Französische Romantik: Widor und Vierne",
    "23:30 Uhr – Improvisationen über Publikumswünsche",
]


def _page(after: list[str]) -> str:
    blocks = ["Lange Nacht der Orgel 2026", _INTRO, "\n".join(_PROGRAMME), *after]
    return "\n\n".join([*blocks, "© 2026 Wendelstadt Marketing GmbH"])


def test_a_programme_inside_the_body_is_kept_as_a_list() -> None:
    article = sieb.clean_text(_page([_AFTER]), language="de")
    decided = {line.text: line for line in article.lines}
    for line in _PROGRAMME:
        assert decided[line].kept, decided[line].reason
        assert decided[line].role is LineRole.LIST_ITEM
    assert decided[_AFTER].kept


def test_a_programme_below_the_body_is_left_alone() -> None:
    article = sieb.clean_text(_page([]), language="de")
    decided = {line.text: line for line in article.lines}
    reasons = [decided[line].reason for line in _PROGRAMME]
    assert not any(reason.endswith("programme inside the body") for reason in reasons)


@pytest.mark.parametrize(
    "line",
    [
        "19:00 Uhr – Eröffnung mit Kantorin",
        "7.30pm: Doors open",
        "10:00–11:30 Uhr | Führung durch",
        "9:30 - Registration and coffee",
    ],
)
def test_programme_lines(line: str) -> None:
    assert _PROGRAMME_LINE.match(line)


@pytest.mark.parametrize(
    "line",
    [
        "19:00 Uhr",
        "Samstag, 5. Dezember 2026, 19:00 – 0:30 Uhr",
        "Restkarten an der Abendkasse ab 18:30 Uhr.",
        "17:10, 24 NOV 2026",
        "19:00 – Eröffnung",
    ],
)
def test_not_programme_lines(line: str) -> None:
    assert not _PROGRAMME_LINE.match(line)
