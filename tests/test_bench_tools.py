"""Peer adapters' helpers: decoding by the declared charset and flattening summary HTML."""

import pytest

from benchmarks.tools import TOOLS, declared_str, html_to_text, make


def test_declared_str_uses_meta_charset():
    page = '<meta charset="iso-8859-1"><p>Möse</p>'.encode("latin-1")
    assert "Möse" in declared_str(page)
    assert "Möse" in declared_str("<p>Möse</p>".encode())


def test_html_to_text_breaks_blocks_not_inline():
    pytest.importorskip("lxml")
    html = "<div><p>One <b>bold</b>word.</p><p>Two</p><ul><li>a</li><li>b</li></ul></div>"
    text = html_to_text(html)
    assert text.splitlines() == ["One boldword.", "Two", "a", "b"]
    assert html_to_text("  ") == ""


def test_unknown_tool_is_rejected():
    assert "sieb" in TOOLS
    with pytest.raises(ValueError, match="unknown tool"):
        make("no-such-tool")
