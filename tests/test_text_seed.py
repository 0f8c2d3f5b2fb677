"""The seed page of issue 3: every line's role and keep flag, the title and the figure."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sieb import clean_text

SEED = Path(__file__).resolve().parents[2] / "shared" / "seed"
PAGE = SEED / "zdf-nato-russland.txt"
EXPECTED = SEED / "zdf-nato-russland.expected.json"

pytestmark = pytest.mark.skipif(not EXPECTED.exists(), reason="shared seed not present")


@pytest.fixture(scope="module")
def seed():
    expected = json.loads(EXPECTED.read_text(encoding="utf-8"))
    article = clean_text(PAGE.read_text(encoding="utf-8"))
    return expected, article


def _fold(text: str) -> str:
    return " ".join(text.split())


def test_every_line_has_its_role_and_keep_flag(seed):
    expected, article = seed
    got = {line.number: line for line in article.lines}
    assert set(got) == {e["line"] for e in expected["lines"]}
    wrong = [
        (e["line"], e["role"], e["keep_in_body"], str(got[e["line"]].role), got[e["line"]].kept)
        for e in expected["lines"]
        if str(got[e["line"]].role) != e["role"] or got[e["line"]].kept != e["keep_in_body"]
    ]
    assert wrong == []


def test_line_texts_and_reasons(seed):
    expected, article = seed
    got = {line.number: line for line in article.lines}
    for e in expected["lines"]:
        assert _fold(got[e["line"]].text) == _fold(e["text"])
        assert got[e["line"]].reason


def test_title_language_headings(seed):
    expected, article = seed
    assert article.title == expected["article"]["title"]
    assert article.language == expected["article"]["language"]
    assert list(article.headings) == expected["article"]["headings"]


def test_figure_keeps_alt_caption_and_credit(seed):
    expected, article = seed
    figures = [{"alt": f.alt, "caption": f.caption, "credit": f.credit} for f in article.figures]
    assert figures == expected["article"]["figures"]


def test_pull_quotes_become_quote_blocks_with_speaker(seed):
    _, article = seed
    quotes = [b for b in article.blocks if str(b.kind) == "quote"]
    assert len(quotes) == 2
    assert all("Stoltenberg" in q.speaker for q in quotes)


def test_body_text_has_no_chrome(seed):
    _, article = seed
    assert "Cookies" not in article.text
    assert "Haldenwang" not in article.text
    assert "Quelle: imago" not in article.text
    assert article.text.startswith("Für Nato-Generalsekretär")
