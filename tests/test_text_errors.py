"""training.text_errors counts the lines that reach the text, as the benchmark's metric sees it."""

from __future__ import annotations

from sieb.article import LineRole
from sieb.text.roles import Decision
from training.text_errors import in_text

R = LineRole


def test_in_text_leaves_out_the_title_and_a_quotes_speaker():
    decisions = [
        Decision(R.TITLE, True, "headline-shaped line before the body"),
        Decision(R.PARAGRAPH, True, "prose inside the body"),
        Decision(R.PULL_QUOTE, True, "quote followed by its speaker"),
        Decision(R.QUOTE_SOURCE, True, "speaker of the quote"),
        Decision(R.QUOTE_SOURCE, True, "a source line on its own"),
        Decision(R.NAVIGATION, False, "short line after the body"),
    ]
    assert in_text(decisions) == [False, True, True, False, True, False]
