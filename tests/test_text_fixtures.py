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


@pytest.mark.parametrize("name", CASES)
def test_one_block_per_line_input_keeps_the_body(name):
    """WET-style input (Common Crawl: one block per line, no blank lines) loses the block
    structure, not the article: most body lines are still kept, and no chrome line is."""
    expected = json.loads((FIXTURES / f"{name}.expected.json").read_text(encoding="utf-8"))
    text = (FIXTURES / f"{name}.txt").read_text(encoding="utf-8")
    rows = text.split("\n")
    numbers = [i + 1 for i, row in enumerate(rows) if row.strip()]
    article = clean_text("\n".join(row for row in rows if row.strip()))
    kept = {numbers[line.number - 1] for line in article.lines if line.kept}
    body = {number for number, _, keep in expected["lines"] if keep}
    chrome = {number for number, role, keep in expected["lines"]
              if not keep and not set(role.split("|")) & {"caption", "credit", "image-alt",
                                                          "title", "quote-source", "byline"}}
    assert len(kept & body) >= 0.6 * len(body)
    assert kept & chrome == set()
