"""Peer adapters' helpers: decoding by the declared charset and flattening summary HTML."""

import pytest

from benchmarks.tools import TEXT_TOOLS, TOOLS, declared_str, flatten, html_to_text, make


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


def test_timing_runs_report_the_median_time_of_each_pass(monkeypatch):
    from benchmarks import html_bench

    later = iter([{"pass_seconds": [3.0, 1.0], "peak_mb": 90.0},
                  {"pass_seconds": [1.0, 4.0], "peak_mb": 70.0}])
    monkeypatch.setattr(html_bench, "run_child", lambda *args, **kwargs: next(later))
    first = {"pass_seconds": [2.0, 2.0], "peak_mb": 80.0, "pages": ["kept"]}
    merged = html_bench.with_median_times(first, "sieb", "scrapinghub", None, 60.0, None, 2, 3)
    assert merged["pass_seconds"] == [2.0, 2.0]  # medians of (2, 3, 1) and (2, 1, 4)
    assert merged["peak_mb"] == 90.0
    assert merged["pages"] == ["kept"]  # the first child's outputs are the ones scored
    assert html_bench.with_median_times(first, "sieb", "x", None, 60.0, None, 2, 1) is first


def test_text_bench_warms_up_each_fold_model_once() -> None:
    from benchmarks.text_bench import _warm_up_inputs

    inputs = [("a", None, "f0"), ("b", None, "f1"), ("c", None, "f0"), ("d", None, "f1")]
    assert _warm_up_inputs(inputs) == [("a", None, "f0"), ("b", None, "f1")]
    assert _warm_up_inputs([("a", None), ("b", None)]) == [("a", None)]
    assert _warm_up_inputs([]) == []


def test_text_bench_table_gives_the_median_and_range_of_passes() -> None:
    from benchmarks.text_bench import to_markdown

    row = {"set": "s-text", "tool": "t", "precision": 0.5, "recall": 0.5, "f1": 0.5}
    markdown = to_markdown([{**row, "pages/s": 1200.0, "range": (1000.0, 1400.0)}], None, 3)
    assert "1,200 (1,000–1,400)" in markdown
    assert "--timing-runs 3" in markdown and "median of 3 passes" in markdown


def test_text_tools_flatten_pages_as_the_text_sets_were_made() -> None:
    """sieb-text cleans the flattened page; keep-all-text is that flattened text."""
    pytest.importorskip("resiliparse")
    html = (
        b"<html><body><nav><ul><li>Home</li><li>News</li></ul></nav><article><h1>Die Br\xc3\xbccke"
        b"</h1><p>Die Stadt hat die alte Br\xc3\xbccke am Montag nach zwei Jahren wieder "
        b"er\xc3\xb6ffnet, und viele Menschen kamen zur Feier.</p></article></body></html>"
    )
    flat = flatten(html)
    assert flat.splitlines()[:2] == ["Home", "News"]
    assert "\n\n\n" not in flat and all(line == line.strip() for line in flat.splitlines())
    assert make("keep-all-text")(html, None) == flat
    cleaned = make("sieb-text")(html, "https://example.org/a")
    assert "wieder eröffnet" in cleaned and "Home" not in cleaned.splitlines()
    assert "sieb-text" not in TOOLS and "sieb-text" in TEXT_TOOLS
