"""Text mode's summary (sieb.text.summary): a lead that the body repeats is the description."""

from __future__ import annotations

import sieb
from sieb.article import LineRole
from sieb.text import summary
from sieb.text.lines import python_measure
from sieb.text.roles import Decision

_DEK = "The riding club's top picks for events, competitions and fun in the month of October."
_BODY = (
    (
        "The autumn season brings four events to the county showground, from a dressage clinic"
        " for young riders to the regional jumping final on the last weekend of the month."
    ),
    (
        "Entries for the clinic close on Friday, and the club asks riders to book their stables"
        " early because the showground expects more visitors than in any year before."
    ),
    (
        "The jumping final will be shown on the club's website, and the results of every round"
        " will be posted on the notice board in the clubhouse on the same evening."
    ),
)


def _decided(rows: list[tuple[str, LineRole, bool]]) -> tuple[list, list[Decision]]:
    feats = python_measure("\n\n".join(text for text, _, _ in rows))
    return feats, [Decision(role, kept, "test") for _, role, kept in rows]


def test_a_lead_the_body_repeats_is_the_description() -> None:
    feats, decisions = _decided(
        [
            ("Four things to do in October", LineRole.TITLE, True),
            (_DEK, LineRole.LEAD, True),
            (_BODY[0], LineRole.PARAGRAPH, True),
            (_DEK, LineRole.PARAGRAPH, True),
            (_BODY[1], LineRole.PARAGRAPH, True),
        ]
    )
    out, lead = summary.with_summary(feats, decisions)
    assert lead == 1
    assert out[1].role is LineRole.LEAD and not out[1].kept and "description" in out[1].reason
    assert out[3].kept and out[2:] == decisions[2:]


def test_a_lead_said_once_or_repeated_outside_the_body_stays() -> None:
    once = [
        ("Four things to do in October", LineRole.TITLE, True),
        (_DEK, LineRole.LEAD, True),
        (_BODY[0], LineRole.PARAGRAPH, True),
    ]
    dropped_copy = [*once, (_DEK, LineRole.TEASER, False)]
    for rows in (once, dropped_copy):
        feats, decisions = _decided(rows)
        assert summary.with_summary(feats, decisions) == (decisions, -1)


def test_clean_text_gives_the_summary_as_description() -> None:
    text = "\n\n".join(
        ["Home | Events | News", "Four things to do in October", _DEK, *_BODY, _DEK,
         "Share", "© 2026 Example Riding Club"]
    )
    article = sieb.clean_text(text, language="en")
    assert article.description == _DEK
    assert article.text.count(_DEK) == 1
    assert article.text.startswith(_BODY[0])
