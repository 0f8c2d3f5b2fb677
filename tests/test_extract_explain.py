"""`extract(..., explain=True)` and `sieb extract --explain`: every block, its role and why."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from test_extract_index_pages import _section_front
from test_extract_walls import CONSENT_WALL

import sieb
from sieb.article import LineRole
from sieb.cli import main
from sieb.explain import STEP_REASONS

PAGES = Path(__file__).resolve().parent / "fixtures" / "pages"
SAMPLES = Path(__file__).resolve().parent.parent / "samples" / "html"
NEWS = PAGES / "de_news_stadtwerke.html"


def _explained(path: Path) -> tuple[sieb.Article, sieb.Article]:
    html = path.read_bytes()
    return sieb.extract(html, "https://www.example.de/a/1"), sieb.extract(
        html, "https://www.example.de/a/1", explain=True)


@pytest.mark.parametrize("path", [*sorted(SAMPLES.glob("*.html")), NEWS], ids=lambda p: p.stem)
def test_explaining_changes_nothing_but_the_lines(path: Path) -> None:
    plain, explained = _explained(path)
    assert plain.lines == ()
    assert explained.lines
    assert replace(explained, lines=()) == plain


def test_every_kept_paragraph_is_in_the_text_and_every_dropped_line_has_a_reason() -> None:
    article = _explained(NEWS)[1]
    assert [line.number for line in article.lines] == list(range(1, len(article.lines) + 1))
    for line in article.lines:
        assert line.reason
        if line.kept and line.role is LineRole.PARAGRAPH:
            assert line.text in article.text
    kept_text = " ".join(ln.text for ln in article.lines
                         if ln.kept and ln.role not in (LineRole.CAPTION, LineRole.CREDIT))
    assert len(kept_text) >= 0.9 * len(" ".join(article.text.split()))
    assert [ln.role for ln in article.lines if ln.role is LineRole.TITLE] == [LineRole.TITLE]


def test_dropped_chrome_is_named_by_its_container() -> None:
    roles = {line.text: (line.role, line.kept) for line in _explained(NEWS)[1].lines}
    assert roles["Impressum"] == (LineRole.FOOTER, False)
    assert roles["Lieber jetzt investieren als in zehn Jahren ohne Wasser dastehen."] == (
        LineRole.COMMENT, False)
    assert roles["Wir respektieren Ihre Privatsphäre"] == (LineRole.CONSENT, False)


def test_rule_decisions_name_the_rule() -> None:
    wall = sieb.extract(CONSENT_WALL, explain=True)
    assert wall.page_type == "consent"
    assert any(line.reason == STEP_REASONS["drop_walls"] for line in wall.lines)
    index = sieb.extract(_section_front(20), "https://www.tagesblatt.de/lokales/", explain=True)
    assert index.page_type == "index"
    assert not any(line.kept for line in index.lines)
    assert any(line.reason == STEP_REASONS["index_page"] for line in index.lines)


def test_model_decisions_give_the_probability() -> None:
    article = _explained(NEWS)[1]
    by_model = [line for line in article.lines if line.reason.startswith("model:")]
    assert by_model
    for line in by_model:
        probability = float(line.reason.split()[3])
        assert line.kept == (probability >= float(line.reason.split()[5]))


def test_cli_explain(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", str(NEWS), "--explain"]) == 0
    rows = capsys.readouterr().out.splitlines()
    assert len(rows) == len(_explained(NEWS)[1].lines)
    assert rows[0].split()[0] == "1" and rows[0].split()[1] in "+-"
    assert any(" + paragraph " in row for row in rows)
    assert any(" - footer " in row for row in rows)
