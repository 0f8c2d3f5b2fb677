"""The `sieb run` verb: process crawl files into Parquet (or JSONL) shards."""

from __future__ import annotations

import argparse
import os
import sys

_EPILOG = """\
inputs: WARC/WARC.gz (HTTP responses), WET (text mode), JSONL or Parquet with an html or text
column, .html/.txt files or directories of them; globs are expanded. Running the same command
again after an interruption continues where it stopped. OUT_DIR gets part-NNNNN.parquet shards,
summary.json and the run's bookkeeping (_plan.json, _manifest.jsonl).
"""


def register(subparsers: argparse._SubParsersAction) -> None:
    from sieb.corpus.dedup import DEFAULT_THRESHOLD
    from sieb.corpus.pipeline import DEFAULT_RECORDS_PER_UNIT
    from sieb.corpus.process import DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT

    p = subparsers.add_parser("run", help="process crawl files (WARC, WET, JSONL, Parquet, HTML) "
                              "into Parquet shards", description=__doc__, epilog=_EPILOG,
                              formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("inputs", nargs="*", metavar="INPUT", help="input files, directories or globs")
    p.add_argument("-o", "--out", metavar="OUT_DIR", help="output directory")
    p.add_argument("--engine", choices=("local", "ray"), default="local",
                   help="local processes (default) or Ray Data")
    p.add_argument("--workers", type=int, default=os.cpu_count() or 1,
                   help="worker processes (default: CPU count; 0 = in this process)")
    p.add_argument("--format", choices=("parquet", "jsonl"), default="parquet")
    p.add_argument("--ray-address", default=None,
                   help="Ray cluster to join (default: RAY_ADDRESS, else a local Ray)")
    p.add_argument("--dedup-threshold", type=float, default=DEFAULT_THRESHOLD,
                   help=f"Jaccard similarity for near duplicates (default {DEFAULT_THRESHOLD})")
    p.add_argument("--learn-sites", action="store_true",
                   help="first pass: learn each host's recurring chrome, then remove it")
    p.add_argument("--records-per-unit", type=int, default=DEFAULT_RECORDS_PER_UNIT,
                   help="documents per work unit and shard")
    p.add_argument("--max-bytes", type=int, default=DEFAULT_MAX_BYTES,
                   help="reject documents larger than this (bytes)")
    p.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT,
                   help="seconds allowed per document (0 = no limit)")
    p.add_argument("--prune", action="append", default=[], metavar="SELECTOR",
                   help="CSS selector of elements to remove from HTML pages (repeatable)")
    p.add_argument("--comments", action="store_true",
                   help="also extract reader comments of HTML pages (column `comments`)")
    p.add_argument("--no-progress", action="store_true", help="no progress line")
    p.add_argument("--schema", action="store_true", help="print the output schema and exit")
    p.set_defaults(handler=_handle)


# Thread-count variables of the BLAS and OpenMP libraries under numpy.
_THREAD_VARIABLES = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")


def hold_blas_to_one_thread() -> None:
    """One BLAS/OpenMP thread in the worker processes this run spawns (unless the environment
    sets a count): each worker is meant to use one core, and BLAS threads on top of the workers
    would oversubscribe the cores. Workers inherit the variables when they start."""
    for name in _THREAD_VARIABLES:
        os.environ.setdefault(name, "1")


def _handle(args: argparse.Namespace) -> int:
    from sieb.corpus.pipeline import RunOptions, run
    from sieb.corpus.schema import schema_markdown
    from sieb.errors import SiebError

    if args.schema:
        print(schema_markdown())
        return 0
    if not args.inputs or not args.out:
        print("sieb run: give INPUT... and -o OUT_DIR", file=sys.stderr)
        return 2
    hold_blas_to_one_thread()
    options = RunOptions(engine=args.engine, workers=args.workers, format=args.format,
                         records_per_unit=args.records_per_unit, max_bytes=args.max_bytes,
                         timeout=args.timeout, dedup_threshold=args.dedup_threshold,
                         learn_sites=args.learn_sites, ray_address=args.ray_address,
                         comments=args.comments,
                         progress=False if args.no_progress else None,
                         prune=tuple(args.prune))
    try:
        summary = run(args.inputs, args.out, options)
    except SiebError as exc:
        print(f"sieb run: {exc}", file=sys.stderr)
        return 1
    print(summary.to_text())
    print(f"summary: {os.path.join(args.out, 'summary.json')}")
    return 0
