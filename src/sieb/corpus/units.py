"""What a worker does with one unit: read, process every record, write the staged shard.

These functions are module-level and take only picklable arguments, so the local engine
(processes) and the Ray engine run exactly the same code.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable
from pathlib import Path

from sieb.corpus.process import ProcessOptions, crashed_row, host_of, process_record
from sieb.corpus.readers import Unit, read_unit
from sieb.corpus.records import Status
from sieb.corpus.schema import rows_to_table, stage_schema
from sieb.corpus.warcfile import WarcStats
from sieb.corpus.writer import write_atomic
from sieb.decode import decode_html

STAGE_DIR = "_stage"
SITES_DIR = "_sites"
# Seconds between progress reports from a worker.
_REPORT_SECONDS = 0.5

ProgressFn = Callable[[int, int], None]


def stage_path(out_dir: str | Path, unit_index: int) -> Path:
    return Path(out_dir) / STAGE_DIR / f"part-{unit_index:05d}.parquet"


def site_profile_path(out_dir: str | Path, host: str) -> Path:
    return Path(out_dir) / SITES_DIR / f"{host}.json"


class _Profiles:
    """Site profiles of the first pass, loaded on demand and kept for the unit."""

    def __init__(self, out_dir: str, enabled: bool) -> None:
        self.out_dir, self.enabled = out_dir, enabled
        self.cache: dict[str, object] = {}

    def get(self, host: str | None) -> object:
        if not self.enabled or not host:
            return None
        if host not in self.cache:
            from sieb.site import SiteProfile

            path = site_profile_path(self.out_dir, host)
            self.cache[host] = SiteProfile.load(path) if path.exists() else None
        return self.cache[host]


def cursor_path(out_dir: str | Path, unit_index: int) -> Path:
    """Where a worker notes which record of a unit it is processing (see `Cursor`)."""
    return Path(out_dir) / STAGE_DIR / f"part-{unit_index:05d}.cursor"


class Cursor:
    """The ordinal of the record a worker is processing, kept in a small file.

    If the worker process dies (a crash in native code, the OOM killer, a kill because it
    hung), the driver reads the file to learn which record was in progress; its modification
    time also shows whether the worker still makes progress.
    """

    DONE = -1  # every record processed (the shard is being written)

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)

    def at(self, ordinal: int) -> None:
        os.pwrite(self.fd, f"{ordinal:<20}".encode(), 0)

    def close(self) -> None:
        os.close(self.fd)

    @staticmethod
    def read(path: Path) -> int | None:
        try:
            return int(path.read_text().strip())
        except (OSError, ValueError):
            return None


def process_unit(unit: Unit, out_dir: str, options: ProcessOptions, use_sites: bool = False,
                 progress: ProgressFn | None = None, poison: frozenset[int] = frozenset()
                 ) -> dict:
    """Process one unit into its staged shard; returns the unit's result for the manifest.

    Records whose ordinals are in `poison` killed the worker before: they become error rows
    without being processed again.
    """
    stats = WarcStats()
    profiles = _Profiles(out_dir, use_sites)
    rows: list[dict] = []
    pending_rows = pending_errors = 0
    last_report = time.monotonic()
    cursor = Cursor(cursor_path(out_dir, unit.index))
    for ordinal, record in enumerate(read_unit(unit, options.max_bytes, stats)):
        cursor.at(ordinal)
        if ordinal in poison:
            row = crashed_row(record)
        else:
            row = process_record(record, options, profiles.get(host_of(record.url)))
        rows.append(row)
        pending_rows += 1
        pending_errors += row["status"] == Status.ERROR
        if progress is not None and time.monotonic() - last_report >= _REPORT_SECONDS:
            progress(pending_rows, pending_errors)
            pending_rows = pending_errors = 0
            last_report = time.monotonic()
    cursor.at(Cursor.DONE)
    cursor.close()
    if progress is not None and pending_rows:
        progress(pending_rows, pending_errors)
    path = stage_path(out_dir, unit.index)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(rows_to_table(rows, stage_schema()), path)
    return {"event": "unit", "key": unit.key, "index": unit.index, "rows": len(rows),
            "errors": sum(r["status"] == Status.ERROR for r in rows),
            "ignored": dict(sorted(stats.ignored.items()))}


def learn_unit(unit: Unit, options: ProcessOptions) -> dict[str, dict]:
    """First pass: per-host site profiles (unpruned counts) of one unit's pages."""
    from sieb.site import SiteProfile

    profiles: dict[str, SiteProfile] = {}
    for record in read_unit(unit, options.max_bytes):
        host = host_of(record.url)
        if record.status is not Status.OK or not host:
            continue
        profile = profiles.setdefault(host, SiteProfile(host=host))
        try:
            content = record.content
            if record.kind == "html":
                html = content if isinstance(content, str) else decode_html(content, record.charset)
                profile.add_html(html)
            else:
                profile.add_text(content if isinstance(content, str)
                                 else content.decode("utf-8", "replace"))
        except Exception:
            continue
    return {host: p.to_dict(prune=False) for host, p in profiles.items()}


def process_unit_json(unit_json: str, out_dir: str, options: ProcessOptions,
                      use_sites: bool, progress: ProgressFn | None = None) -> str:
    """`process_unit` with JSON in and out (for engines that move data as rows); the JSON
    object may carry `poison`, the ordinals of records that killed a worker before."""
    data = json.loads(unit_json)
    poison = frozenset(int(n) for n in data.get("poison", ()))
    return json.dumps(process_unit(Unit.from_dict(data), out_dir, options, use_sites, progress,
                                   poison))


def learn_unit_json(unit_json: str, options: ProcessOptions,
                    progress: ProgressFn | None = None) -> str:
    """`learn_unit` with JSON in and out (`progress` is not used: the pass is quick)."""
    return json.dumps(learn_unit(Unit.from_dict(json.loads(unit_json)), options))
