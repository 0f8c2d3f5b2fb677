"""Readers: every input record becomes exactly one Record; bad input becomes error records."""

from __future__ import annotations

import gzip
import json

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from corpus_helpers import DATE, article_html, write_warc

from sieb.corpus.readers import detect_format, plan_units, read_unit
from sieb.corpus.records import Status
from sieb.corpus.warcfile import WarcStats, gzip_member, response_record
from sieb.errors import InputError

MAX = 10 * 1024 * 1024


def _records(units):
    return [r for u in units for r in read_unit(u, MAX)]


def test_warc_documents_and_bad_records(tmp_path):
    path = write_warc(tmp_path / "a.warc.gz", 5, bad=True)
    stats = WarcStats()
    records = [r for u in plan_units([str(path)], 100) for r in read_unit(u, MAX, stats)]
    assert len(records) == 9  # 5 pages + png + latin-1 page + raw response + revisit
    assert [r.status for r in records[:5]] == [Status.OK] * 5
    assert records[0].charset == "utf-8" and records[0].fetch_date == DATE
    kinds = {r.url.rsplit("/", 1)[1]: (r.status, r.error_kind) for r in records[5:]}
    assert kinds["a.png"] == (Status.SKIPPED, "revisit")  # the later record with that URL
    assert kinds["latin"] == (Status.OK, None)
    assert kinds["raw"] == (Status.SKIPPED, "not_http")
    assert records[5].error_kind == "non_html"
    assert stats.ignored == {"warcinfo": 1, "request": 5}
    assert len({r.record_id for r in records}) == len(records)


def test_warc_split_into_units_reads_the_same_records(tmp_path):
    path = write_warc(tmp_path / "a.warc.gz", 23)
    whole = _records(plan_units([str(path)], 1000))
    units = plan_units([str(path)], 5)
    assert len(units) == 5  # 23 documents in runs of 5
    parts = _records(units)
    assert [r.record_id for r in parts] == [r.record_id for r in whole]
    assert [r.offset for r in parts] == [r.offset for r in whole]


@pytest.mark.parametrize("cut", [0.5, 0.9])
def test_truncated_gzip_gives_one_error_row_and_keeps_earlier_records(tmp_path, cut):
    path = write_warc(tmp_path / "a.warc.gz", 10)
    data = path.read_bytes()
    path.write_bytes(data[:int(len(data) * cut)])
    records = _records(plan_units([str(path)], 3))
    errors = [r for r in records if r.status is Status.ERROR]
    assert len(errors) == 1 and errors[0] is records[-1]
    assert errors[0].error_kind == "read_error" and "truncated" in errors[0].error
    assert str(path) in errors[0].error and errors[0].offset > 0
    assert len(records) > 1


def test_body_over_the_limit_is_not_read(tmp_path):
    path = tmp_path / "big.warc.gz"
    body = b"<html><body><p>" + b"x" * (3 * 1024 * 1024) + b"</p></body></html>"
    path.write_bytes(gzip_member(response_record("https://a.example/big", DATE, body)) +
                     gzip_member(response_record("https://a.example/ok", DATE, b"<p>hi</p>")))
    records = [r for u in plan_units([str(path)], 10) for r in read_unit(u, 1024 * 1024)]
    assert [r.error_kind for r in records] == ["too_large", None]
    assert records[0].content == b"" and records[0].size > 3 * 1024 * 1024


def test_jsonl_with_html_text_and_broken_lines(tmp_path):
    path = tmp_path / "docs.jsonl"
    lines = [json.dumps({"url": "https://a.example/1", "html": article_html(1)}),
             "{not json",
             json.dumps({"id": "doc-3", "text": "Plain text line\nSecond line"}),
             json.dumps({"url": "https://a.example/4"})]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    for per_unit in (1, 2, 100):
        records = _records(plan_units([str(path)], per_unit))
        assert [r.record_id for r in records] == [f"{path}:1", f"{path}:2", "doc-3", f"{path}:4"]
        assert [r.kind for r in records][::2] == ["html", "text"]
        assert [r.error_kind for r in records] == [None, "bad_json", None, "no_content"]


def test_gzipped_jsonl_is_one_unit(tmp_path):
    path = tmp_path / "docs.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as f:
        for i in range(7):
            f.write(json.dumps({"html": article_html(i)}) + "\n")
    units = plan_units([str(path)], 2)
    assert len(units) == 1 and len(_records(units)) == 7


def test_parquet_by_row_groups(tmp_path):
    path = tmp_path / "docs.parquet"
    table = pa.table({"url": [f"https://a.example/{i}" for i in range(10)],
                      "html": [article_html(i) for i in range(10)]})
    pq.write_table(table, path, row_group_size=3)
    units = plan_units([str(path)], 4)
    assert len(units) == 2  # row groups of 3+3 | 3+1 rows: a unit is cut once it has >= 4
    records = _records(units)
    assert [r.offset for r in records] == list(range(1, 11))
    assert all(r.kind == "html" and r.status is Status.OK for r in records)


def test_directory_and_globs(tmp_path):
    (tmp_path / "pages").mkdir()
    for i in range(5):
        (tmp_path / "pages" / f"p{i}.html").write_text(article_html(i), encoding="utf-8")
    (tmp_path / "pages" / "note.txt").write_text("some text\n", encoding="utf-8")
    (tmp_path / "pages" / "ignore.css").write_text("body{}", encoding="utf-8")
    records = _records(plan_units([str(tmp_path / "pages")], 4))
    assert len(records) == 6
    assert {r.kind for r in records} == {"html", "text"}
    globbed = _records(plan_units([str(tmp_path / "pages" / "*.html")], 4))
    assert len(globbed) == 5


def test_unknown_inputs_are_refused(tmp_path):
    with pytest.raises(InputError):
        plan_units([str(tmp_path / "missing.warc.gz")], 10)
    with pytest.raises(InputError):
        detect_format("data.xlsx")
