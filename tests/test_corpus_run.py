"""sieb run end to end: one row per record, deterministic across workers, resumable."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from corpus_helpers import write_warc

from sieb.corpus import run
from sieb.corpus.manifest import MANIFEST

ROOT = Path(__file__).resolve().parent.parent


def _rows(out: Path) -> list[dict]:
    return [row for shard in sorted(out.glob("part-*.parquet"))
            for row in pq.read_table(shard).to_pylist()]


def test_run_writes_one_row_per_record_and_a_summary(tmp_path):
    warc = write_warc(tmp_path / "a.warc.gz", 12, bad=True, duplicate_every=5)
    summary = run([str(warc)], tmp_path / "out", workers=0, records_per_unit=5)
    rows = _rows(tmp_path / "out")
    assert len(rows) == 16 == summary.pages_in  # 12 pages + 4 bad records
    assert len({r["record_id"] for r in rows}) == 16
    assert summary.skipped == {"non_html": 1, "not_http": 1, "revisit": 1}
    assert summary.charset_guessed == 1
    assert summary.duplicates_exact == 2  # pages 5 and 10 copy page 0
    dups = [r for r in rows if r["dup_exact"]]
    assert {r["dup_cluster"] for r in dups} == {rows[0]["record_id"]}
    assert summary.languages == {"en": 13}
    saved = json.loads((tmp_path / "out" / "summary.json").read_text())
    assert saved["pages_in"] == 16 and saved["ignored_records"] == {"request": 12, "warcinfo": 1}
    assert not (tmp_path / "out" / "_stage").exists()


def test_rows_do_not_depend_on_worker_count(tmp_path):
    warc = write_warc(tmp_path / "a.warc.gz", 15, duplicate_every=4)
    run([str(warc)], tmp_path / "w0", workers=0, records_per_unit=4)
    run([str(warc)], tmp_path / "w2", workers=2, records_per_unit=4)
    assert _rows(tmp_path / "w0") == _rows(tmp_path / "w2")


def test_recycled_workers_give_the_same_rows(tmp_path):
    warc = write_warc(tmp_path / "a.warc.gz", 12, duplicate_every=5)
    run([str(warc)], tmp_path / "w0", workers=0, records_per_unit=2)
    summary = run([str(warc)], tmp_path / "w2", workers=2, records_per_unit=2,
                  max_tasks_per_child=1)  # six units: three generations of two processes
    assert _rows(tmp_path / "w0") == _rows(tmp_path / "w2")
    assert summary.shards == 6


def test_jsonl_output_and_rerun_returns_the_summary(tmp_path):
    warc = write_warc(tmp_path / "a.warc.gz", 3)
    first = run([str(warc)], tmp_path / "out", workers=0, format="jsonl")
    lines = (tmp_path / "out" / "part-00000.jsonl").read_text().splitlines()
    assert len(lines) == 3 and json.loads(lines[0])["status"] == "ok"
    again = run([str(warc)], tmp_path / "out", workers=0, format="jsonl")
    assert again.pages_in == first.pages_in == 3


def test_a_different_run_in_the_same_directory_is_refused(tmp_path):
    from sieb.errors import InputError

    run([str(write_warc(tmp_path / "a.warc.gz", 2))], tmp_path / "out", workers=0)
    with pytest.raises(InputError):
        run([str(write_warc(tmp_path / "b.warc.gz", 3))], tmp_path / "out", workers=0)


def test_torn_manifest_line_and_stray_temp_files_are_recovered(tmp_path):
    warc = write_warc(tmp_path / "a.warc.gz", 9)
    run([str(warc)], tmp_path / "ref", workers=0, records_per_unit=3)
    out = tmp_path / "out"
    # Simulate a kill: first unit done, a torn manifest line and half-written temp files.
    from sieb.corpus.manifest import Manifest
    from sieb.corpus.pipeline import RunOptions, _Plan
    from sieb.corpus.process import ProcessOptions
    from sieb.corpus.units import process_unit

    out.mkdir()
    units = list(_Plan([str(warc)], out, RunOptions(records_per_unit=3), Manifest(out)))
    Manifest(out).append(process_unit(units[0], str(out), ProcessOptions()))
    with open(out / MANIFEST, "a") as f:
        f.write('{"event": "unit", "key": "wa')
    (out / "_stage" / "part-00001.parquet.123.tmp").write_bytes(b"PAR1 half")
    (out / "part-00000.parquet.9.tmp").write_bytes(b"junk")
    summary = run([str(warc)], out, workers=0, records_per_unit=3)
    assert summary.units_resumed == 1
    assert _rows(out) == _rows(tmp_path / "ref")
    assert not list(out.rglob("*.tmp"))


_CHILD = """
import sys
from sieb.corpus import run
if __name__ == "__main__":
    run([sys.argv[1]], sys.argv[2], workers=1, records_per_unit=4, progress=False)
"""


@pytest.mark.parametrize("wait_units", [1, 3])
def test_kill_9_then_same_command_loses_and_duplicates_nothing(tmp_path, wait_units):
    warc = write_warc(tmp_path / "a.warc.gz", 40, duplicate_every=7)
    run([str(warc)], tmp_path / "ref", workers=0, records_per_unit=4)
    out = tmp_path / "out"
    script = tmp_path / "child.py"
    script.write_text(_CHILD)
    cmd = [sys.executable, str(script), str(warc), str(out)]
    proc = subprocess.Popen(cmd, start_new_session=True)
    manifest = out / MANIFEST
    deadline = time.monotonic() + 120  # generous: CI machines vary; not a timing assertion
    while time.monotonic() < deadline and proc.poll() is None:
        if manifest.exists() and manifest.read_text().count('"unit"') >= wait_units:
            break
        time.sleep(0.02)
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGKILL)  # the child and its worker processes
    proc.wait()
    assert proc.returncode == -signal.SIGKILL  # it was killed mid-run, not finished
    # Final shards are written in unit order while the run goes on; each is final already.
    partial = _rows(out)
    assert not (out / "summary.json").exists()
    assert partial == _rows(tmp_path / "ref")[: len(partial)]
    subprocess.run(cmd, check=True, timeout=300)
    rows, ref = _rows(out), _rows(tmp_path / "ref")
    assert len(rows) == 40 and rows == ref


def test_learn_sites_first_pass_gives_extract_a_profile_per_host(tmp_path, monkeypatch):
    import sieb
    from sieb.site import SiteProfile

    seen = []
    real_extract = sieb.extract

    def spy(html, url=None, **kwargs):
        seen.append((url, kwargs.get("profile")))
        return real_extract(html, url, **kwargs)

    monkeypatch.setattr("sieb.extract", spy)
    warc = write_warc(tmp_path / "a.warc.gz", 12)  # 4 pages on each of 3 hosts
    summary = run([str(warc)], tmp_path / "out", workers=0, learn_sites=True)
    assert summary.pages_in == 12
    assert sorted(p.name for p in (tmp_path / "out" / "_sites").iterdir()) == [
        f"news{i}.example.com.json" for i in range(3)]
    assert len(seen) == 12 and all(isinstance(p, SiteProfile) for _, p in seen)
    assert {p.host for _, p in seen} == {f"news{i}.example.com" for i in range(3)}
    assert all(p.is_chrome("Home") for _, p in seen)  # the shared navigation link


@pytest.mark.parametrize("action", ["crash", "hang"])
def test_a_record_that_kills_or_hangs_its_worker_becomes_an_error_row(tmp_path, monkeypatch,
                                                                        action):
    import corpus_helpers

    import sieb.corpus.engines.local as local
    import sieb.corpus.pipeline as pipeline

    warc = write_warc(tmp_path / "a.warc.gz", 10)
    run([str(warc)], tmp_path / "ref", workers=0, records_per_unit=4)
    monkeypatch.setattr(pipeline, "process_unit_json",
                        corpus_helpers.misbehaving_process_unit_json)
    monkeypatch.setattr(local, "_WATCH_SECONDS", 0.5)
    monkeypatch.setenv("SIEB_TEST_MISBEHAVE", f"{action}:/story/5")
    summary = run([str(warc)], tmp_path / "out", workers=2, records_per_unit=4, timeout=0.5)
    corpus_helpers.assert_only_the_poison_record_failed(
        _rows(tmp_path / "out"), _rows(tmp_path / "ref"), summary, "/story/5")


def test_comments_option_fills_the_comments_column(tmp_path):
    warc = write_warc(tmp_path / "a.warc.gz", 2)
    run([str(warc)], tmp_path / "plain", workers=0)
    run([str(warc)], tmp_path / "asked", workers=0, comments=True)
    assert {r["comments"] for r in _rows(tmp_path / "plain")} == {None}
    assert {r["comments"] for r in _rows(tmp_path / "asked")} == {"[]"}


class _Tally:
    def __init__(self) -> None:
        self.pages = self.errors = 0

    def add(self, pages: int, errors: int) -> None:
        self.pages += pages
        self.errors += errors


def test_a_worker_killed_while_reporting_progress_stalls_no_other_worker():
    """Progress messages take no lock: a worker killed mid-report leaves none held (a shared
    multiprocessing.Queue's lock, held by a killed worker, hung every later worker at exit)."""
    import multiprocessing as mp
    import threading

    import corpus_helpers

    from sieb.corpus.engines.local import _STOP, LocalEngine

    ctx = mp.get_context("spawn")
    reader, writer = ctx.Pipe(duplex=False)
    tally = _Tally()
    drain = threading.Thread(target=LocalEngine(1, progress=tally)._drain, args=(reader,))
    drain.start()
    for _ in range(3):
        reporter = ctx.Process(target=corpus_helpers.report_progress_forever, args=(writer,))
        reporter.start()
        deadline = time.monotonic() + 60
        start = tally.pages
        while tally.pages < start + 2000 and time.monotonic() < deadline:
            time.sleep(0.01)
        reporter.kill()
        reporter.join()
    last = ctx.Process(target=corpus_helpers.report_progress_once, args=(writer,))
    last.start()
    last.join(timeout=60)
    alive = last.is_alive()
    if alive:
        last.kill()
    writer.send_bytes(_STOP)
    drain.join(timeout=60)
    assert not alive and last.exitcode == 0
    assert not drain.is_alive()
    assert tally.errors == 1 and tally.pages > 6000


def test_relative_comment_dates_are_read_against_the_warc_date(tmp_path):
    from corpus_helpers import DATE, article_html

    from sieb.corpus.warcfile import gzip_member, response_record

    thread = (
        "<div id='comments'><div class='comment'><div class='username'>Ana</div>"
        "<div class='date'>3 hours ago</div><p>The ferry times changed again this week.</p>"
        "</div></div></body>"
    )
    page = article_html(1).replace("</body>", thread).encode()
    warc = tmp_path / "c.warc.gz"
    warc.write_bytes(gzip_member(response_record("https://news.example.com/story/1", DATE, page,
                                                 "text/html; charset=utf-8")))
    run([str(warc)], tmp_path / "out", workers=0, comments=True)
    [row] = _rows(tmp_path / "out")
    assert DATE == "2026-03-01T12:00:00Z"
    assert json.loads(row["comments"]) == [
        {"text": "The ferry times changed again this week.", "author": "Ana",
         "date": "2026-03-01T09:00:00+00:00", "reply_to": None}
    ]


def test_progress_to_a_driver_that_stopped_reading_fails_nothing(monkeypatch):
    import multiprocessing as mp

    import sieb.corpus.engines.local as local

    reader, writer = mp.get_context("spawn").Pipe(duplex=False)
    reader.close()
    monkeypatch.setattr(local, "_progress_pipe", writer)
    local._report(1, 0)  # the broken pipe is dropped, not raised
    local._report(1, 0)
    assert local._progress_pipe is None


def test_a_pool_that_broke_before_its_results_are_collected_takes_no_new_item():
    """A worker can die while the driver still submits: the item goes to a new generation."""
    import multiprocessing as mp

    from sieb.corpus.engines.local import LocalEngine, _Pools

    ctx = mp.get_context("spawn")
    pools = _Pools(LocalEngine(1), ctx, ctx.Pipe(duplex=False)[1])
    try:
        broken = pools.current
        assert broken.submit(os.getpid).result(timeout=60) > 0
        for process in list(broken._processes.values()):
            process.kill()
        deadline = time.monotonic() + 30
        while not broken._broken and time.monotonic() < deadline:
            time.sleep(0.05)
        assert broken._broken  # submitting to it now raises BrokenProcessPool
        future = pools.submit(_echo, str, "item")
        assert future.result(timeout=60) == "item"
        assert pools.current is not broken
    finally:
        pools.close()


def _echo(fn, item):
    return fn(item)


def test_run_holds_blas_to_one_thread_unless_the_environment_says(monkeypatch):
    from sieb.corpus.cli import hold_blas_to_one_thread

    monkeypatch.setenv("OPENBLAS_NUM_THREADS", "")  # so that the undo restores the original
    monkeypatch.delenv("OPENBLAS_NUM_THREADS")
    monkeypatch.setenv("OMP_NUM_THREADS", "4")
    hold_blas_to_one_thread()
    assert os.environ["OPENBLAS_NUM_THREADS"] == "1"
    assert os.environ["OMP_NUM_THREADS"] == "4"  # the caller's own setting stays
