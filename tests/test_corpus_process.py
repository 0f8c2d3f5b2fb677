"""process_record: one row per record, failures as rows with a reason, never an exception."""

from __future__ import annotations

import json
import time

from corpus_helpers import article_html

import sieb.corpus.process as process_module
from sieb.corpus.process import (
    ProcessOptions,
    minhash_signature,
    normalise_text,
    process_record,
    text_hash,
)
from sieb.corpus.records import Record, Status, error_record
from sieb.decode import decode_html

OPTS = ProcessOptions()


def _record(html: str | bytes, **kw) -> Record:
    content = html.encode() if isinstance(html, str) else html
    return Record(record_id="r1", source="s", offset=0, url="https://www.News.example.com/a",
                  content=content, size=len(content), **kw)


def test_article_row_has_text_language_hashes_and_signals():
    row = process_record(_record(article_html(3), charset="utf-8"), OPTS)
    assert row["status"] == "ok" and row["error"] is None
    assert row["host"] == "news.example.com"
    assert "committee met on day 3" in row["text"]
    assert row["language"] == "en" and row["language_prob"] > 0.5
    assert row["text_hash"] == text_hash(row["text"]) and len(row["text_hash"]) == 16
    assert len(row["minhash"]) == 128 * 4
    assert row["text_chars"] == len(row["text"]) and row["text_words"] > 50
    assert 0.0 < row["removed_ratio"] < 0.5  # nav and footer were removed, little else
    assert row["blocks"].startswith("[{")


def test_reader_errors_pass_through():
    rec = error_record("x", "s", 5, "non_html", "image/png", status=Status.SKIPPED)
    row = process_record(rec, OPTS)
    assert (row["status"], row["error_kind"], row["offset"]) == ("skipped", "non_html", 5)
    assert row.get("text") is None


def test_size_guard():
    row = process_record(_record(article_html(1)), ProcessOptions(max_bytes=100))
    assert (row["status"], row["error_kind"]) == ("error", "too_large")


def test_exception_becomes_error_row(monkeypatch):
    def boom(*args, **kwargs):
        raise RuntimeError("parser exploded")

    monkeypatch.setattr("sieb.extract", boom)
    row = process_record(_record(article_html(1)), OPTS)
    assert (row["status"], row["error_kind"]) == ("error", "exception")
    assert "parser exploded" in row["error"]


def test_timeout_becomes_error_row_even_through_except_exception(monkeypatch):
    def slow(*args, **kwargs):
        try:
            time.sleep(5)
        except Exception:  # the guard must not be swallowed by code under it
            return None
        return None

    monkeypatch.setattr("sieb.extract", slow)
    row = process_record(_record(article_html(1)), ProcessOptions(timeout=0.2))
    assert (row["status"], row["error_kind"]) == ("error", "timeout")


def test_non_utf8_without_charset_is_flagged_and_decoded():
    html = article_html(2).replace("Story", "Grüße Straße").encode("latin-1")
    row = process_record(_record(html), OPTS)
    assert row["status"] == "ok" and row["charset_guessed"] is True
    assert "Grüße Straße" in row["title"]
    declared = process_record(_record(html, charset="cp1252"), OPTS)
    assert declared["charset_guessed"] is False


def test_text_mode_uses_clean_text_or_reports_it_missing(monkeypatch):
    rec = Record(record_id="t", source="s", offset=1, content="Line one of text.\nLine two.",
                 kind="text", size=26)
    row = process_record(rec, OPTS)
    if process_module._get_clean_text() is None:
        assert (row["status"], row["error_kind"]) == ("error", "unsupported")
    else:
        assert row["status"] == "ok"


def test_input_error_becomes_bad_input_row(monkeypatch):
    def refuse(*args, **kwargs):
        raise process_module.InputError("text of 150,000 non-blank lines exceeds the limit")

    monkeypatch.setattr("sieb.extract", refuse)
    row = process_record(_record(article_html(1)), OPTS)
    assert (row["status"], row["error_kind"], row["record_id"]) == ("error", "bad_input", "r1")
    assert row["error"] == "text of 150,000 non-blank lines exceeds the limit"


def test_hashes_are_normalised_and_signatures_similar_for_similar_text():
    assert normalise_text("  Hello\n\tWORLD ") == "hello world"
    assert text_hash("Hello  world") == text_hash("hello world") != text_hash("hello there")
    assert text_hash("") is None and minhash_signature("") is None
    assert minhash_signature("a b c d e f") == minhash_signature("A B  c d e f")


def test_dates_after_the_crawl_date_are_dropped_with_the_reason():
    import json

    page = article_html(1).replace(
        "<head>", '<head><meta property="article:published_time" content="2026-02-27T08:00:00Z">'
        '<meta property="article:modified_time" content="2026-06-01T09:00:00Z">', 1)
    row = process_record(_record(page, charset="utf-8", fetch_date="2026-03-01T12:00:00Z"), OPTS)
    sources = json.loads(row["metadata_sources"])
    assert row["modified"] is None and "after the crawl date" in sources["modified"]
    assert row["published"].startswith("2026-02-27")  # before the crawl: kept
    undated = process_record(_record(page, charset="utf-8"), OPTS)
    assert undated["modified"].startswith("2026-06-01")  # no crawl date, nothing to check


def test_comments_column_only_when_asked_for():
    page = article_html(4).replace(
        "</article>",
        "</article><div id='comments'><ol class='comment-list'><li class='comment'>"
        "<b class='fn'>Ana</b><div class='comment-content'><p>Well written.</p></div></li>"
        "</ol></div>",
    )
    plain = process_record(_record(page, charset="utf-8"), OPTS)
    assert plain["comments"] is None and "Well written." not in plain["text"]
    asked = process_record(_record(page, charset="utf-8"), ProcessOptions(comments=True))
    assert json.loads(asked["comments"]) == [
        {"text": "Well written.", "author": "Ana", "date": None, "reply_to": None}
    ]
    assert asked["text"] == plain["text"]


def _article_columns_of(record: Record) -> dict:
    row = process_record(record, OPTS)
    return {k: v for k, v in row.items() if k not in ("charset_guessed", "input_bytes")}


def test_bytes_given_to_extract_make_the_row_of_the_decoded_page():
    """HTML bytes go to `sieb.extract` undecoded (with the header's charset): the row is the
    one of the page decoded first, whatever the encoding and whether the charset is declared."""
    page = article_html(2).replace("committee", "comité «Straße» Ærø")
    for encoding, declared in (("utf-8", "utf-8"), ("utf-8", None), ("cp1252", "iso-8859-1"),
                               ("cp1252", None), ("utf-16", None)):
        data = page.encode(encoding)
        from_bytes = _record(data, charset=declared)
        decoded = _record(data, charset=declared)
        decoded.content = decode_html(data, declared)  # a str: the page as decoded before
        assert _article_columns_of(from_bytes) == _article_columns_of(decoded)
        assert "comité" in process_record(from_bytes, OPTS)["text"]
