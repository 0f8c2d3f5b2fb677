"""--engine ray on a local Ray gives the local engine's rows, row for row."""

from __future__ import annotations

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
