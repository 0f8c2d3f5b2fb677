"""`run`: inputs -> Parquet shards, resumable. The whole flow in one place:

1. plan: expand inputs, cut them into units (reused from `_plan.json` when inputs are unchanged)
2. sites (optional): first pass, per-host site profiles learnt in parallel, merged, saved
3. process: each unfinished unit -> `_stage/part-NNNNN.parquet`, recorded in `_manifest.jsonl`
4. finalize: dedup over the staged shards in unit order -> `part-NNNNN.parquet`, `summary.json`

Planning (1) and finalizing (4) run in the driver while the workers process (3): the driver
indexes the inputs ahead of the workers and dedups each unit as soon as its predecessors are done.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from functools import partial
from pathlib import Path
from queue import Queue
from threading import Thread

import pyarrow as pa
import pyarrow.parquet as pq

from sieb.corpus.dedup import DEFAULT_THRESHOLD, Deduplicator
from sieb.corpus.engines import get_engine
from sieb.corpus.manifest import Manifest, input_fingerprint, write_json_atomic
from sieb.corpus.process import DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT, ProcessOptions
from sieb.corpus.progress import Progress
from sieb.corpus.readers import Unit, expand_inputs, iter_units
from sieb.corpus.schema import final_schema
from sieb.corpus.summary import Summary
from sieb.corpus.units import (
    SITES_DIR,
    STAGE_DIR,
    Cursor,
    cursor_path,
    learn_unit_json,
    process_unit_json,
    site_profile_path,
    stage_path,
)
from sieb.corpus.writer import remove_stray_temps, write_atomic
from sieb.errors import InputError, SiebError
from sieb.extract import check_selectors

# Documents per unit (= per shard and per resumption step). 1000 news pages make a ~5-10 MB
# zstd shard and ~20 s of work for one worker: fine-grained enough to spread over cores and
# to lose little when killed, coarse enough that per-unit costs (start-up, files) stay small.
DEFAULT_RECORDS_PER_UNIT = 1000


@dataclass(frozen=True, slots=True)
class RunOptions:
    """Options of a corpus run (the CLI flags of `sieb run`)."""

    engine: str = "local"
    workers: int = field(default_factory=lambda: os.cpu_count() or 1)
    format: str = "parquet"  # or "jsonl"
    records_per_unit: int = DEFAULT_RECORDS_PER_UNIT
    max_bytes: int = DEFAULT_MAX_BYTES
    timeout: float = DEFAULT_TIMEOUT
    dedup_threshold: float = DEFAULT_THRESHOLD
    learn_sites: bool = False
    ray_address: str | None = None
    progress: bool | None = None  # None: on when stderr is a terminal
    max_tasks_per_child: int | None = None
    comments: bool = False  # reader comments into the `comments` column
    prune: tuple[str, ...] = ()  # CSS selectors removed from HTML pages (ExtractOptions.prune)

    def result_settings(self) -> dict:
        """The options that change rows: a restart must use the same ones."""
        settings = {"format": self.format, "records_per_unit": self.records_per_unit,
                    "max_bytes": self.max_bytes, "timeout": self.timeout,
                    "dedup_threshold": self.dedup_threshold, "learn_sites": self.learn_sites}
        # only when set, so that runs started without these options resume
        if self.comments:
            settings["comments"] = True
        if self.prune:
            settings["prune"] = list(self.prune)
        return settings


def run(inputs: list[str] | str, out_dir: str | Path, options: RunOptions | None = None,
        **kwargs: object) -> Summary:
    """Process `inputs` (paths or globs) into shards in `out_dir`; returns the summary.

    Keyword arguments override fields of `options`. Running the same call again after an
    interruption continues where it stopped; after completion it returns the summary.
    """
    if isinstance(inputs, str | os.PathLike):
        inputs = [str(inputs)]
    options = options or RunOptions()
    if kwargs:
        options = RunOptions(**{**asdict(options), **kwargs})
    if options.format not in ("parquet", "jsonl"):
        raise InputError(f"unknown output format {options.format!r} (parquet or jsonl)")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    manifest = Manifest(out)
    plan = _Plan(list(inputs), out, options, manifest)  # 1.
    if manifest.has("finalized") and plan.saved:
        shutil.rmtree(out / STAGE_DIR, ignore_errors=True)
        return Summary.load(out)
    check_selectors(options.prune)
    popts = ProcessOptions(max_bytes=options.max_bytes, timeout=options.timeout,
                           comments=options.comments, prune=tuple(options.prune))
    remove_stray_temps(out)
    remove_stray_temps(out / STAGE_DIR)
    for stale in (out / STAGE_DIR).glob("*.cursor"):
        stale.unlink(missing_ok=True)
    finished = {k: e for k, e in manifest.finished_units().items()
                if stage_path(out, e["index"]).exists()}
    resumed = len(finished)
    progress = Progress(len(plan.units) if plan.saved else None, enabled=options.progress)
    progress.add(units=resumed)
    engine = get_engine(options.engine, options.workers, ray_address=options.ray_address,
                        max_tasks_per_child=options.max_tasks_per_child, progress=progress)
    final = _Finalizer(out, options)
    try:
        if options.learn_sites and not manifest.has("sites"):  # 2.
            todo = [u for u in plan if u.key not in finished]
            if todo:
                _learn_sites(engine, plan.units, out, popts, manifest)
        fn = partial(process_unit_json, out_dir=str(out), options=popts,
                     use_sites=options.learn_sites)
        todo_items = (json.dumps(u.to_dict()) for u in plan.prefetched(progress)
                      if u.key not in finished)
        recovery = _Recovery(out, options.timeout)
        for result_json in engine.map(fn, todo_items, **recovery.callbacks()):  # 3.
            result = json.loads(result_json)
            manifest.append(result)
            finished[result["key"]] = result
            progress.add(units=1, **({} if options.engine == "local" else
                                     {"pages": result["rows"], "errors": result["errors"]}))
            final.advance(plan.units, finished)  # 4. while later units are still running
    finally:
        engine.close()
        progress.close()
    final.advance(plan.units, finished)
    if final.done != len(plan.units):
        raise SiebError(f"unit {final.done} of {out} did not finish; run the same command again")
    summary = final.finish(started, resumed)
    manifest.append({"event": "finalized"})
    shutil.rmtree(out / STAGE_DIR, ignore_errors=True)
    return summary


class _Plan:
    """The run's units: from `_plan.json` when it matches this run, else planned afresh.

    A fresh plan is made while the run goes on (`prefetched`): indexing a large WARC is a
    full decompression pass, which then overlaps with the workers' processing instead of
    delaying it. `_plan.json` is written once the plan is complete; a run killed before that
    plans again (planning is deterministic, so finished units keep their keys).
    """

    def __init__(self, inputs: list[str], out: Path, options: RunOptions,
                 manifest: Manifest) -> None:
        self.file = out / "_plan.json"
        self.paths = expand_inputs(inputs)
        self.files = input_fingerprint([p for p in self.paths if os.path.isfile(p)])
        self.settings = options.result_settings()
        self.records_per_unit = options.records_per_unit
        self.units: list[Unit] = []
        self.saved = False
        if self.file.exists():
            plan = json.loads(self.file.read_text(encoding="utf-8"))
            if (plan["inputs"] == self.paths and plan["files"] == self.files
                    and plan["settings"] == self.settings):
                self.units = [Unit.from_dict(u) for u in plan["units"]]
                self.saved = True
            elif manifest.events:
                raise InputError(f"{out} holds a run with other inputs or options; use "
                                 "another output directory or delete this one")
        self._fresh = None if self.saved else iter_units(self.paths, self.records_per_unit)

    def __iter__(self) -> Iterator[Unit]:
        """All units, planning the rest first if needed."""
        for _ in self._planned():
            pass
        return iter(self.units)

    def prefetched(self, progress: Progress) -> Iterator[Unit]:
        """The units in order, planned by a background thread while they are consumed."""
        if self.saved:
            yield from self.units
            return
        queue: Queue = Queue()

        def produce() -> None:
            try:
                for unit in self._planned():
                    queue.put(unit)
                progress.total_units = len(self.units)
                queue.put(None)
            except BaseException as exc:  # handed to the consumer, raised there
                queue.put(exc)

        Thread(target=produce, name="sieb-plan", daemon=True).start()
        while (item := queue.get()) is not None:
            if isinstance(item, BaseException):
                raise item
            yield item

    def _planned(self) -> Iterator[Unit]:
        if self._fresh is None:
            return
        for unit in self._fresh:
            self.units.append(unit)
            yield unit
        self._fresh = None
        write_json_atomic(self.file, {"inputs": self.paths, "files": self.files,
                                      "settings": self.settings,
                                      "units": [u.to_dict() for u in self.units]})
        self.saved = True


def _learn_sites(engine: object, units: list[Unit], out: Path, popts: ProcessOptions,
                 manifest: Manifest) -> None:
    """First pass: learn per-host profiles from every unit, merge them, save one per host."""
    from sieb.site import SiteProfile

    merged: dict[str, SiteProfile] = {}
    fn = partial(learn_unit_json, options=popts)
    for result in engine.map(fn, [json.dumps(u.to_dict()) for u in units]):
        for host, data in json.loads(result).items():
            profile = SiteProfile.from_dict(data)
            merged[host] = merged[host].merge(profile) if host in merged else profile
    (out / SITES_DIR).mkdir(exist_ok=True)
    for host, profile in sorted(merged.items()):
        if profile.pages >= profile.min_pages:  # fewer pages cannot mark anything as chrome
            profile.save(site_profile_path(out, host))
    manifest.append({"event": "sites", "hosts": len(merged)})


class _Recovery:
    """What an engine does when a worker process dies on a unit (a crash in native code, the
    OOM killer, a lost Ray node) or makes no progress for `HANG_FACTOR` x the per-record time
    limit (a hang in native code, which the time limit cannot interrupt).

    The engine runs the unit again, alone (the local engine: every unit of the broken pool,
    each with nothing else in flight; Ray: each task has its own worker). A unit that dies on
    a second attempt died of its own record: the one its cursor (`units.Cursor`) names, which
    becomes an error row (`crash`) and is not processed again; the unit then runs once more.
    """

    MAX_ATTEMPTS = 12  # per unit
    HANG_FACTOR = 6

    def __init__(self, out: Path, timeout: float) -> None:
        self.out = out
        self.hang_seconds = self.HANG_FACTOR * timeout if timeout > 0 else None

    def callbacks(self) -> dict:
        return {"retry": self.retry, "stuck": self.stuck if self.hang_seconds else None}

    def retry(self, item: str, error: BaseException) -> str | None:
        data = json.loads(item)
        path = cursor_path(self.out, data["index"])
        ordinal = Cursor.read(path)
        path.unlink(missing_ok=True)  # the next attempt starts a fresh one
        attempts = data.get("attempts", 0)
        if attempts >= self.MAX_ATTEMPTS:
            return None
        if attempts and ordinal is not None and ordinal >= 0:  # it ran alone: its own record
            data["poison"] = sorted({*data.get("poison", ()), ordinal})
        data["attempts"] = attempts + 1
        return json.dumps(data)

    def stuck(self, item: str) -> bool:
        try:
            mtime = cursor_path(self.out, json.loads(item)["index"]).stat().st_mtime
        except OSError:
            return False  # not started yet
        return time.time() - mtime > self.hang_seconds


class _Finalizer:
    """Step 4: dedup the staged shards in unit order, write the final shards and the summary.

    `advance` takes every unit whose predecessors are all done, so this runs in the driver
    while workers process later units. A resumed run starts again from unit 0 (its staged
    shards are kept until the end), so the final shards do not depend on interruptions.
    """

    def __init__(self, out: Path, options: RunOptions) -> None:
        self.out, self.options = out, options
        self.dedup = Deduplicator(threshold=options.dedup_threshold)
        self.summary = Summary()
        self.schema = final_schema()
        self.suffix = "parquet" if options.format == "parquet" else "jsonl"
        self.done = 0

    def advance(self, units: list[Unit], finished: dict[str, dict]) -> None:
        while self.done < len(units) and units[self.done].key in finished:
            unit = units[self.done]
            self._write(unit, finished[unit.key])
            self.done += 1

    def _write(self, unit: Unit, result: dict) -> None:
        table = pq.read_table(stage_path(self.out, unit.index))
        flags = [self.dedup.add(rid, th, mh) for rid, th, mh in zip(
            table.column("record_id").to_pylist(), table.column("text_hash").to_pylist(),
            table.column("minhash").to_pylist(), strict=True)]
        table = table.drop_columns(["minhash"])
        for i, name in enumerate(("dup_exact", "dup_near", "dup_cluster")):
            table = table.append_column(name, pa.array([f[i] for f in flags],
                                                       type=self.schema.field(name).type))
        table = table.select(self.schema.names).cast(self.schema)
        write_atomic(table, self.out / f"part-{unit.index:05d}.{self.suffix}",
                     self.options.format)
        self.summary.add_table(table)
        for kind, n in result.get("ignored", {}).items():
            self.summary.ignored_records[kind] = self.summary.ignored_records.get(kind, 0) + n

    def finish(self, started: float, resumed: int) -> Summary:
        summary = self.summary
        summary.shards = self.done
        summary.units_resumed = resumed
        summary.seconds = round(time.monotonic() - started, 2)
        summary.engine, summary.workers = self.options.engine, self.options.workers
        summary.save(self.out)
        return summary
