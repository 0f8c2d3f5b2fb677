"""Inputs -> work units -> records.

`plan_units` expands globs and directories, recognises each file's format and cuts it into
units of about `records_per_unit` documents (WARC by gzip-member offsets, JSONL by line offsets,
Parquet by row groups, loose files by count). A unit is the grain of parallel work, of output
shards and of resumption. `read_unit` yields the unit's records, deterministically.
"""

from __future__ import annotations

import glob
import gzip
import json
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from sieb.corpus.records import Record, error_record
from sieb.corpus.warcfile import WarcStats, iter_warc_starts, read_warc
from sieb.errors import InputError

_WARC_SUFFIXES = (".warc", ".warc.gz", ".wet", ".wet.gz", ".warc.wet", ".warc.wet.gz")
_JSONL_SUFFIXES = (".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz", ".json", ".json.gz")
_HTML_SUFFIXES = (".html", ".htm", ".xhtml")
_TEXT_SUFFIXES = (".txt",)
# Column or key names read from JSONL and Parquet, in order of preference.
_HTML_KEYS = ("html", "raw_html", "content_html")
_TEXT_KEYS = ("text", "content")
_URL_KEYS = ("url", "uri", "warc_target_uri")
_ID_KEYS = ("id", "record_id", "warc_record_id")
_DATE_KEYS = ("fetch_date", "date", "warc_date", "crawl_date", "timestamp")


@dataclass(frozen=True, slots=True)
class Unit:
    """One unit of work: `limit` documents of `path` from `start` (bytes for WARC and JSONL,
    first row group for Parquet, first file for a directory), or to the end when None."""

    index: int
    path: str
    fmt: str  # "warc" | "jsonl" | "parquet" | "files"
    start: int = 0
    limit: int | None = None
    files: tuple[str, ...] = ()

    @property
    def key(self) -> str:
        """Stable identity of the unit, recorded in the manifest."""
        return f"{self.fmt}:{self.path}:{self.start}"

    def to_dict(self) -> dict:
        return {"index": self.index, "path": self.path, "fmt": self.fmt, "start": self.start,
                "limit": self.limit, "files": list(self.files)}

    @classmethod
    def from_dict(cls, data: dict) -> Unit:
        return cls(index=data["index"], path=data["path"], fmt=data["fmt"], start=data["start"],
                   limit=data["limit"], files=tuple(data["files"]))


def detect_format(path: str) -> str:
    """The reader for `path`, from its name."""
    if os.path.isdir(path):
        return "files"
    name = path.lower()
    if name.endswith(_WARC_SUFFIXES):
        return "warc"
    if name.endswith(_JSONL_SUFFIXES):
        return "jsonl"
    if name.endswith(".parquet"):
        return "parquet"
    if name.endswith(_HTML_SUFFIXES + _TEXT_SUFFIXES):
        return "files"
    raise InputError(f"unknown input format: {path} (expected WARC, WET, JSONL, Parquet, "
                     ".html/.txt files or a directory of them)")


def expand_inputs(inputs: Sequence[str]) -> list[str]:
    """Paths named by `inputs`, globs expanded (sorted), duplicates removed, order kept."""
    paths: list[str] = []
    for item in inputs:
        matches = sorted(glob.glob(item, recursive=True)) if glob.has_magic(item) else [item]
        if not matches or not all(os.path.exists(m) for m in matches):
            raise InputError(f"no such input: {item}")
        paths.extend(m for m in matches if m not in paths)
    return paths


def _dir_files(path: str) -> list[str]:
    found = []
    for root, dirs, names in os.walk(path):
        dirs.sort()
        found.extend(os.path.join(root, n) for n in sorted(names)
                     if n.lower().endswith(_HTML_SUFFIXES + _TEXT_SUFFIXES))
    return found


def plan_units(inputs: Sequence[str], records_per_unit: int) -> list[Unit]:
    """The work units of a run, in output order."""
    return list(iter_units(inputs, records_per_unit))


def iter_units(inputs: Sequence[str], records_per_unit: int) -> Iterator[Unit]:
    """`plan_units` as it goes: a WARC file's units come out while the file is being indexed,
    so that work can start before a large input has been read through once."""
    paths = expand_inputs(inputs)
    formats = [detect_format(path) for path in paths]  # refuse unknown inputs up front
    index = 0
    loose: list[str] = []
    for path, fmt in [*zip(paths, formats, strict=True), ("", "end")]:
        if fmt == "files":
            loose.extend(_dir_files(path) if os.path.isdir(path) else [path])
            continue
        for i in range(0, len(loose), records_per_unit):
            group = tuple(loose[i:i + records_per_unit])
            yield Unit(index, group[0], "files", 0, len(group), group)
            index += 1
        loose.clear()
        if fmt == "end":
            return
        for start, limit in _file_units(path, fmt, records_per_unit):
            yield Unit(index, path, fmt, start, limit)
            index += 1


def _file_units(path: str, fmt: str, records_per_unit: int) -> Iterator[tuple[int, int | None]]:
    """(start, limit) of each unit of one WARC, JSONL or Parquet file; the last reads to the end."""
    if fmt == "warc":
        starts: Iterator[int] = iter_warc_starts(path, records_per_unit)
    elif fmt == "jsonl":
        starts = iter(_index_jsonl(path, records_per_unit))
    else:
        starts = iter(_index_parquet(path, records_per_unit))
    start = next(starts)
    for following in starts:
        yield start, (following - start if fmt == "parquet" else records_per_unit)
        start = following
    yield start, None


def read_unit(unit: Unit, max_bytes: int, stats: WarcStats | None = None) -> Iterator[Record]:
    """The records of one unit."""
    if unit.fmt == "warc":
        yield from read_warc(unit.path, unit.start, unit.limit, max_bytes=max_bytes, stats=stats)
    elif unit.fmt == "jsonl":
        yield from _read_jsonl(unit, max_bytes)
    elif unit.fmt == "parquet":
        yield from _read_parquet(unit, max_bytes)
    else:
        for path in unit.files:
            yield _read_file(path, max_bytes)


# -- JSONL -------------------------------------------------------------------------------------

def _index_jsonl(path: str, records_per_unit: int) -> list[int]:
    if path.lower().endswith(".gz"):
        return [0]  # a gzip stream cannot be entered in the middle: one unit
    offsets, pos = [0], 0
    with open(path, "rb") as f:
        for n, line in enumerate(f):
            if n and n % records_per_unit == 0:
                offsets.append(pos)
            pos += len(line)
    return offsets


def _line_number(path: str, start: int) -> int:
    """1-based number of the line that begins at byte `start`."""
    if start == 0:
        return 1
    count, left = 1, start
    with open(path, "rb") as f:
        while left:
            block = f.read(min(left, 1 << 20))
            count += block.count(b"\n")
            left -= len(block)
    return count


def _read_jsonl(unit: Unit, max_bytes: int) -> Iterator[Record]:
    path = unit.path
    opener = gzip.open if path.lower().endswith(".gz") else open
    number = _line_number(path, unit.start)
    produced = 0
    with opener(path, "rb") as f:
        f.seek(unit.start)
        try:
            for line in f:
                if unit.limit is not None and produced >= unit.limit:
                    return
                produced += 1
                yield _jsonl_record(path, number, line, max_bytes)
                number += 1
        except (OSError, EOFError) as exc:
            yield error_record(f"{path}:{number}:read-error", path, number, "read_error",
                               f"cannot read {path} after line {number - 1}: {exc}")


def _jsonl_record(path: str, number: int, line: bytes, max_bytes: int) -> Record:
    fallback_id = f"{path}:{number}"
    if len(line) > max_bytes:
        return error_record(fallback_id, path, number, "too_large",
                            f"line of {len(line)} bytes exceeds the limit of {max_bytes}",
                            size=len(line))
    try:
        obj = json.loads(line)
    except ValueError as exc:
        return error_record(fallback_id, path, number, "bad_json", f"not JSON: {exc}")
    if not isinstance(obj, dict):
        return error_record(fallback_id, path, number, "bad_json", "line is not a JSON object")
    return _mapping_record(obj, fallback_id, path, number)


def _first(obj: dict, keys: Sequence[str]) -> object:
    for key in keys:
        if obj.get(key) is not None:
            return obj[key]
    return None


def _mapping_record(obj: dict, fallback_id: str, path: str, offset: int) -> Record:
    record_id = str(_first(obj, _ID_KEYS) or fallback_id)
    url = _first(obj, _URL_KEYS)
    date = _first(obj, _DATE_KEYS)
    fields = {"url": str(url) if url else None, "fetch_date": str(date) if date else None}
    html = _first(obj, _HTML_KEYS)
    if html is not None:
        content, kind = html, "html"
    else:
        content, kind = _first(obj, _TEXT_KEYS), "text"
    if not isinstance(content, str | bytes):
        return error_record(record_id, path, offset, "no_content",
                            f"no {'/'.join(_HTML_KEYS + _TEXT_KEYS)} field", **fields)
    size = len(content.encode("utf-8", "surrogatepass") if isinstance(content, str) else content)
    return Record(record_id=record_id, source=path, offset=offset, content=content, kind=kind,
                  size=size, charset=None, content_type=None, **fields)


# -- Parquet -----------------------------------------------------------------------------------

def _index_parquet(path: str, records_per_unit: int) -> list[int]:
    import pyarrow.parquet as pq

    meta = pq.ParquetFile(path).metadata
    starts, rows = [0], 0
    for group in range(meta.num_row_groups):
        if rows >= records_per_unit:
            starts.append(group)
            rows = 0
        rows += meta.row_group(group).num_rows
    return starts


def _read_parquet(unit: Unit, max_bytes: int) -> Iterator[Record]:
    import pyarrow.parquet as pq

    pf = pq.ParquetFile(unit.path)
    stop = pf.metadata.num_row_groups if unit.limit is None else unit.start + unit.limit
    groups = list(range(unit.start, stop))
    row = sum(pf.metadata.row_group(g).num_rows for g in range(unit.start))
    names = set(pf.schema_arrow.names)
    wanted = [c for c in _HTML_KEYS + _TEXT_KEYS + _URL_KEYS + _ID_KEYS + _DATE_KEYS if c in names]
    for batch in pf.iter_batches(row_groups=groups, columns=wanted, batch_size=256):
        for obj in batch.to_pylist():
            row += 1
            content = _first(obj, _HTML_KEYS + _TEXT_KEYS)
            if isinstance(content, str | bytes) and len(content) > max_bytes:
                yield error_record(f"{unit.path}:{row}", unit.path, row, "too_large",
                                   f"document of {len(content)} bytes exceeds the limit of "
                                   f"{max_bytes}", size=len(content))
                continue
            if obj.get("fetch_date") is not None and not isinstance(obj["fetch_date"], str):
                obj["fetch_date"] = _iso(obj["fetch_date"])
            yield _mapping_record(obj, f"{unit.path}:{row}", unit.path, row)


def _iso(value: object) -> str:
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


# -- loose files -------------------------------------------------------------------------------

def _read_file(path: str, max_bytes: int) -> Record:
    kind = "text" if path.lower().endswith(_TEXT_SUFFIXES) else "html"
    try:
        size = os.path.getsize(path)
        if size > max_bytes:
            return error_record(path, path, 0, "too_large",
                                f"file of {size} bytes exceeds the limit of {max_bytes}",
                                size=size)
        with open(path, "rb") as f:
            data = f.read()
    except OSError as exc:
        return error_record(path, path, 0, "read_error", f"cannot read {path}: {exc}")
    return Record(record_id=path, source=path, offset=0, content=data, kind=kind,
                  size=len(data), charset="utf-8" if kind == "text" else None)
