"""Bad input gives an empty Article or a clear sieb error: never a crash or an unbounded run."""

from __future__ import annotations

import gzip
import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import sieb
from sieb import Article, InputError


@pytest.mark.parametrize("page", ["", "   \n\t ", b"", b"\x00\x00\x00", "<html></html>", "<!---->"])
def test_empty_documents_give_an_empty_article(page: str | bytes) -> None:
    article = sieb.extract(page)
    assert isinstance(article, Article)
    assert article.text == "" and article.blocks == ()
    assert article.page_type == "empty"


@pytest.mark.parametrize("value", [None, 42, ["<p>x</p>"], {"html": "x"}])
def test_wrong_types_raise_input_error(value: object) -> None:
    with pytest.raises(InputError):
        sieb.extract(value)  # type: ignore[arg-type]


def test_binary_junk() -> None:
    junk = os.urandom(200_000)
    article = sieb.extract(junk)
    assert isinstance(article, Article)


def test_gzip_bytes_are_not_a_page() -> None:
    article = sieb.extract(gzip.compress(b"<p>" + b"hello world. " * 500 + b"</p>"))
    assert "hello world" not in article.text


def test_plain_text_input() -> None:
    text = "Just a line of text without any markup, long enough to be a paragraph of prose. " * 5
    article = sieb.extract(text)
    assert isinstance(article, Article)


def test_ten_thousand_deep_nesting() -> None:
    depth = 10_000
    page = "<html><body>" + "<div>" * depth + "<p>" + "Deep text sits here. " * 20 + "</p>"
    page += "</div>" * depth + "</body></html>"
    article = sieb.extract(page)
    assert isinstance(article, Article)


def test_twenty_megabyte_page_is_bounded() -> None:
    paragraph = "<p>" + "A sentence of a very long page that goes on and on. " * 20 + "</p>\n"
    page = "<html><body><article>" + paragraph * (20_000_000 // len(paragraph)) + "</article>"
    article = sieb.extract(page)
    assert isinstance(article, Article)
    assert len(article.text) <= 8_000_000


def test_unclosed_tags_and_garbage_markup() -> None:
    page = (
        "<html><body><p>Open <b>bold <i>italic <table><tr><td>cell<p>" + "x" * 100 + "<<<>>>&&&;;"
    )
    assert isinstance(sieb.extract(page), Article)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=4000))
def test_random_bytes_never_crash(data: bytes) -> None:
    assert isinstance(sieb.extract(data), Article)


@settings(max_examples=150, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from([*list("<>/=\"' abcdiv p li ul h1 &;#x0"), "\x00", "ä", "€"]),
        max_size=2000,
    )
)
def test_random_markup_never_crashes(page: str) -> None:
    assert isinstance(sieb.extract(page), Article)
