"""BENCHMARKS.md sections: each script replaces only its own marked section."""

from benchmarks.report import markdown_table, write_section


def test_write_section_creates_file_and_appends(tmp_path):
    path = tmp_path / "BENCHMARKS.md"
    write_section(path, "html-bench", "## HTML\nfirst")
    write_section(path, "text-bench", "## Text\nsecond")
    text = path.read_text()
    assert text.startswith("# Benchmarks")
    assert text.index("<!-- html-bench:start -->") < text.index("<!-- text-bench:start -->")
    assert "first" in text and "second" in text


def test_write_section_replaces_only_its_own(tmp_path):
    path = tmp_path / "BENCHMARKS.md"
    path.write_text(
        "# Mine\n\nintro\n\n<!-- html-bench:start -->\nold\n<!-- html-bench:end -->\n\n"
        "<!-- text-bench:start -->\nkeep\n<!-- text-bench:end -->\n\noutro\n"
    )
    write_section(path, "html-bench", "new")
    text = path.read_text()
    assert "old" not in text
    assert "<!-- html-bench:start -->\nnew\n<!-- html-bench:end -->" in text
    assert "keep" in text and text.startswith("# Mine\n\nintro") and text.endswith("outro\n")


def test_markdown_table():
    table = markdown_table(["tool", "F1"], [["sieb", "0.980"]])
    assert table.splitlines() == ["| tool | F1 |", "|---|---:|", "| sieb | 0.980 |"]


def _record(tool: str, passes: list[float]) -> dict:
    return {
        "tool": tool,
        "pass_seconds": passes,
        "extract_seconds": passes[0],
        "peak_mb": 100.0,
        "pages": [{"id": "a", "text": "x", "error": None}, {"id": "b", "text": "", "error": None}],
    }


def test_html_bench_reports_cold_and_warm_rates():
    from benchmarks import html_bench

    truth = {"a": ("x", [], []), "b": ("y", [], [])}
    sieb = html_bench.score("scrapinghub", _record("sieb", [1.0, 0.5]), truth)
    base = html_bench.score("scrapinghub", _record("trafilatura", [2.0, 2.0]), truth)
    assert sieb["pages_per_s"] == 2.0 and sieb["warm_pages_per_s"] == 4.0
    row = html_bench.table("scrapinghub", [sieb, base]).splitlines()[2]
    assert "| 2.0 | 2.00 | 4.0 | 4.00 |" in row
    one_pass = html_bench.score("scrapinghub", _record("sieb", [1.0]), truth)
    assert one_pass["warm_pages_per_s"] is None
    assert "warm" not in html_bench.table("scrapinghub", [one_pass, base])
