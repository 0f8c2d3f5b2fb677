"""Hand-written German and English pages in tests/fixtures/text with their expected reading."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sieb import clean_text

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "text"
CASES = sorted(p.stem for p in FIXTURES.glob("*.txt"))


@pytest.mark.parametrize("name", CASES)
def test_fixture_lines(name):
    expected = json.loads((FIXTURES / f"{name}.expected.json").read_text(encoding="utf-8"))
    article = clean_text((FIXTURES / f"{name}.txt").read_text(encoding="utf-8"))
    got = {line.number: line for line in article.lines}
    wrong = []
    for number, role, kept in expected["lines"]:
        line = got[number]
        if str(line.role) not in role.split("|") or line.kept != kept:
            wrong.append((number, role, kept, str(line.role), line.kept, line.reason))
    assert wrong == []


@pytest.mark.parametrize("name", CASES)
def test_fixture_article(name):
    expected = json.loads((FIXTURES / f"{name}.expected.json").read_text(encoding="utf-8"))
    article = clean_text((FIXTURES / f"{name}.txt").read_text(encoding="utf-8"))
    want = expected["article"]
    assert article.title == want["title"]
    assert article.language == want["language"]
    assert list(article.authors) == want["authors"]
    assert article.published == want["published"]
    assert [(f.caption, f.credit) for f in article.figures] == [tuple(f) for f in want["figures"]]
    for snippet in want["with"]:
        assert snippet in article.text
    for snippet in want["without"]:
        assert snippet not in article.text
    assert article.page_type == "article"
