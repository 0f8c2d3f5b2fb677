"""The page's own bytes stand in for its UTF-8 encoding only when they are exactly that."""

from __future__ import annotations

import codecs

import pytest
from selectolax.lexbor import LexborHTMLParser

from sieb.decode import decode_html_utf8
from sieb.shadow import page_source

PAGES = [
    "<p>Grüße aus Köln – “quoted” 😀</p>".encode(),
    b"<p>plain ascii</p>",
    codecs.BOM_UTF8 + "<p>Grüße</p>".encode(),
    "<meta charset=windows-1252><p>Grüße</p>".encode("cp1252"),
    b"<p>broken \xff\xfe utf-8 \xed\xa0\x80 surrogate</p>",
]


@pytest.mark.parametrize("data", PAGES)
def test_own_bytes_give_the_same_source(data: bytes) -> None:
    text, utf8 = decode_html_utf8(data)
    if utf8:
        assert text.encode("utf-8", "surrogatepass") == data
        assert page_source(text, data) == page_source(text)


def test_only_strict_utf8_without_bom_is_flagged() -> None:
    assert [decode_html_utf8(data)[1] for data in PAGES] == [True, True, False, False, False]


@pytest.mark.parametrize("data", PAGES)
def test_parsing_the_own_bytes_gives_the_same_tree(data: bytes) -> None:
    text, utf8 = decode_html_utf8(data)
    if utf8:
        from_bytes, from_text = LexborHTMLParser(data), LexborHTMLParser(text)
        assert from_bytes.html == from_text.html
        assert from_bytes.raw_html == from_text.raw_html
