"""Golden pages: every sample's must-have snippets are in the body, must-not-haves are not."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import sieb

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
NAMES = sorted(p.stem for p in (SAMPLES / "html").glob("*.html"))


def _fold(text: str) -> str:
    return " ".join(text.split())


def _load(name: str) -> tuple[sieb.Article, dict]:
    expected = json.loads((SAMPLES / "expected" / f"{name}.json").read_text("utf-8"))
    article = sieb.extract((SAMPLES / "html" / f"{name}.html").read_bytes(), url=expected["url"])
    return article, expected


@pytest.mark.parametrize("name", NAMES)
def test_sample_body_has_the_article(name: str) -> None:
    article, expected = _load(name)
    body = _fold(article.text)
    missing = [s for s in expected["with"] if _fold(s) not in body]
    assert not missing, f"missing from body: {missing}"


@pytest.mark.parametrize("name", NAMES)
def test_sample_body_has_no_chrome(name: str) -> None:
    article, expected = _load(name)
    body = _fold(article.text)
    leaked = [s for s in expected["without"] if _fold(s) in body]
    assert not leaked, f"chrome in body: {leaked}"


@pytest.mark.parametrize("name", NAMES)
def test_sample_fields(name: str) -> None:
    article, expected = _load(name)
    assert article.title == expected["title"]
    assert article.language == expected["language"]
    assert article.page_type == "article"
    assert article.title not in article.text.split("\n\n")[0]
