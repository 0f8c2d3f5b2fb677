"""Atomic shard files: write to a temporary name in the same directory, fsync, os.replace."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

TMP_SUFFIX = ".tmp"
# zstd level 3: pyarrow's default level, ~3x smaller than snappy on text at similar speed.
ZSTD_LEVEL = 3


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_atomic(table: pa.Table, path: Path, fmt: str = "parquet") -> None:
    """Write `table` to `path` so that `path` either does not exist or is complete."""
    tmp = path.with_name(f"{path.name}.{os.getpid()}{TMP_SUFFIX}")
    if fmt == "parquet":
        pq.write_table(table, tmp, compression="zstd", compression_level=ZSTD_LEVEL)
    else:
        with open(tmp, "w", encoding="utf-8") as f:
            for row in table.to_pylist():
                f.write(json.dumps(row, ensure_ascii=False) + "\n")
    with open(tmp, "rb") as f:
        os.fsync(f.fileno())
    os.replace(tmp, path)
    _fsync_dir(path.parent)


def remove_stray_temps(directory: Path) -> int:
    """Delete temporary files left by a killed run; returns how many."""
    count = 0
    if directory.is_dir():
        for tmp in directory.glob(f"*{TMP_SUFFIX}"):
            tmp.unlink(missing_ok=True)
            count += 1
    return count
