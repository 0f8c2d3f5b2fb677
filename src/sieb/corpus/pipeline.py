"""`run`: inputs -> Parquet shards, resumable. The whole flow in one place:

1. plan: expand inputs, cut them into units (reused from `_plan.json` when inputs are unchanged)
2. sites (optional): first pass, per-host site profiles learnt in parallel, merged, saved
3. process: each unfinished unit -> `_stage/part-NNNNN.parquet`, recorded in `_manifest.jsonl`
4. finalize: dedup over the staged shards in unit order -> `part-NNNNN.parquet`, `summary.json`
"""

from __future__ import annotations

import json
import os
import shutil
import time
from dataclasses import asdict, dataclass, field
from functools import partial
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from sieb.corpus.dedup import DEFAULT_THRESHOLD, Deduplicator
from sieb.corpus.engines import get_engine
from sieb.corpus.manifest import Manifest, input_fingerprint, write_json_atomic
from sieb.corpus.process import DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT, ProcessOptions
from sieb.corpus.progress import Progress
from sieb.corpus.readers import Unit, expand_inputs, plan_units
from sieb.corpus.schema import final_schema
from sieb.corpus.summary import Summary
from sieb.corpus.units import (
    SITES_DIR,
    STAGE_DIR,
    learn_unit_json,
    process_unit_json,
    site_profile_path,
    stage_path,
)
from sieb.corpus.writer import remove_stray_temps, write_atomic
from sieb.errors import InputError

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

    def result_settings(self) -> dict:
        """The options that change rows: a restart must use the same ones."""
        return {"format": self.format, "records_per_unit": self.records_per_unit,
                "max_bytes": self.max_bytes, "timeout": self.timeout,
                "dedup_threshold": self.dedup_threshold, "learn_sites": self.learn_sites}


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
    units = _plan(list(inputs), out, options, manifest)  # 1.
    if manifest.has("finalized"):
        shutil.rmtree(out / STAGE_DIR, ignore_errors=True)
        return Summary.load(out)
    popts = ProcessOptions(max_bytes=options.max_bytes, timeout=options.timeout)
    remove_stray_temps(out)
    remove_stray_temps(out / STAGE_DIR)
    finished = {k: e for k, e in manifest.finished_units().items()
                if stage_path(out, e["index"]).exists()}
    todo = [u for u in units if u.key not in finished]
    progress = Progress(len(units), enabled=options.progress)
    progress.add(units=len(finished))
    engine = get_engine(options.engine, options.workers, ray_address=options.ray_address,
                        max_tasks_per_child=options.max_tasks_per_child, progress=progress)
    try:
        if options.learn_sites and todo and not manifest.has("sites"):  # 2.
            _learn_sites(engine, units, out, popts, manifest)
        fn = partial(process_unit_json, out_dir=str(out), options=popts,
                     use_sites=options.learn_sites)
        for result_json in engine.map(fn, [json.dumps(u.to_dict()) for u in todo]):  # 3.
            result = json.loads(result_json)
            manifest.append(result)
            finished[result["key"]] = result
            progress.add(units=1, **({} if options.engine == "local" else
                                     {"pages": result["rows"], "errors": result["errors"]}))
    finally:
        engine.close()
        progress.close()
    summary = _finalize(units, finished, out, options, started, resumed=len(units) - len(todo))
    manifest.append({"event": "finalized"})
    shutil.rmtree(out / STAGE_DIR, ignore_errors=True)
    return summary


def _plan(inputs: list[str], out: Path, options: RunOptions, manifest: Manifest) -> list[Unit]:
    """The run's units: from `_plan.json` when it matches this run, else planned afresh."""
    plan_file = out / "_plan.json"
    paths = expand_inputs(inputs)
    files = input_fingerprint([p for p in paths if os.path.isfile(p)])
    settings = options.result_settings()
    if plan_file.exists():
        plan = json.loads(plan_file.read_text(encoding="utf-8"))
        if plan["inputs"] == paths and plan["files"] == files and plan["settings"] == settings:
            return [Unit.from_dict(u) for u in plan["units"]]
        if manifest.events:
            raise InputError(f"{out} holds a run with other inputs or options; use another "
                             "output directory or delete this one")
    units = plan_units(paths, options.records_per_unit)
    write_json_atomic(plan_file, {"inputs": paths, "files": files, "settings": settings,
                                  "units": [u.to_dict() for u in units]})
    return units


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


def _finalize(units: list[Unit], finished: dict[str, dict], out: Path, options: RunOptions,
              started: float, resumed: int) -> Summary:
    """Dedup the staged shards in unit order and write the final shards and summary."""
    dedup = Deduplicator(threshold=options.dedup_threshold)
    summary = Summary()
    schema = final_schema()
    suffix = "parquet" if options.format == "parquet" else "jsonl"
    for unit in units:
        table = pq.read_table(stage_path(out, unit.index))
        flags = [dedup.add(rid, th, mh) for rid, th, mh in zip(
            table.column("record_id").to_pylist(), table.column("text_hash").to_pylist(),
            table.column("minhash").to_pylist(), strict=True)]
        table = table.drop_columns(["minhash"])
        for i, name in enumerate(("dup_exact", "dup_near", "dup_cluster")):
            table = table.append_column(name, pa.array([f[i] for f in flags],
                                                       type=schema.field(name).type))
        table = table.select(schema.names).cast(schema)
        write_atomic(table, out / f"part-{unit.index:05d}.{suffix}", options.format)
        summary.add_table(table)
        for kind, n in finished[unit.key].get("ignored", {}).items():
            summary.ignored_records[kind] = summary.ignored_records.get(kind, 0) + n
    summary.shards = len(units)
    summary.units_resumed = resumed
    summary.seconds = round(time.monotonic() - started, 2)
    summary.engine, summary.workers = options.engine, options.workers
    summary.save(out)
    return summary
