"""--engine ray on a local Ray gives the local engine's rows, row for row."""

from __future__ import annotations

import os

import pyarrow.parquet as pq
import pytest
from corpus_helpers import write_warc

from sieb.corpus import run

ray = pytest.importorskip("ray", reason="Ray is not installed (pip install 'sieb[ray]')")


def _rows(out):
    return [row for shard in sorted(out.glob("part-*.parquet"))
            for row in pq.read_table(shard).to_pylist()]


def test_ray_engine_equals_local_engine(tmp_path):
    warc = write_warc(tmp_path / "a.warc.gz", 14, bad=True, duplicate_every=4)
    local = run([str(warc)], tmp_path / "local", workers=2, records_per_unit=4)
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    try:
        remote = run([str(warc)], tmp_path / "ray", engine="ray", workers=2, records_per_unit=4)
    finally:
        ray.shutdown()
    assert remote.pages_in == local.pages_in == 18
    assert _rows(tmp_path / "ray") == _rows(tmp_path / "local")
    assert remote.errors == local.errors and remote.skipped == local.skipped


@pytest.mark.parametrize("action", ["crash", "hang"])
def test_a_record_that_kills_or_hangs_its_ray_worker_becomes_an_error_row(tmp_path, monkeypatch,
                                                                            action):
    import corpus_helpers

    import sieb.corpus.engines.ray as ray_engine
    import sieb.corpus.pipeline as pipeline

    warc = write_warc(tmp_path / "a.warc.gz", 10)
    run([str(warc)], tmp_path / "ref", workers=0, records_per_unit=4)
    monkeypatch.setattr(pipeline, "process_unit_json",
                        corpus_helpers.misbehaving_process_unit_json)
    monkeypatch.setattr(ray_engine, "_WATCH_SECONDS", 0.5)
    monkeypatch.setenv("SIEB_TEST_MISBEHAVE", f"{action}:/story/5")
    tests_dir = os.path.dirname(corpus_helpers.__file__)  # Ray workers import corpus_helpers
    path = os.pathsep.join(p for p in (tests_dir, os.environ.get("PYTHONPATH")) if p)
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False,
             runtime_env={"env_vars": {"SIEB_TEST_MISBEHAVE": f"{action}:/story/5",
                                       "PYTHONPATH": path}})
    try:
        summary = run([str(warc)], tmp_path / "out", engine="ray", workers=2,
                      records_per_unit=4, timeout=0.5)
    finally:
        ray.shutdown()
    corpus_helpers.assert_only_the_poison_record_failed(
        _rows(tmp_path / "out"), _rows(tmp_path / "ref"), summary, "/story/5")
