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
