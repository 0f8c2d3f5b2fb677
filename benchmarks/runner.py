"""Child process of the HTML benchmark: run one tool over one dataset and write a JSON result.

    python -m benchmarks.runner TOOL DATASET --out FILE [--limit N] [--timeout S] [--fold K/N]

Only extraction is timed: each page is read and decompressed before its clock starts, the tool is
set up (imports, models) and warmed up on the first page before any clock starts. A page that
raises, or runs past ``--timeout`` seconds, scores as empty output and counts as an error. The peak
resident set size of this process (``ru_maxrss``: interpreter, tool, one page at a time) is
reported at the end. ``--fold K/N`` keeps only the pages (of the first ``--limit``) whose
``fold_of(id, N) == K``, for scoring a cross-validation fold model on the pages it did not see.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import resource
import signal
import sys
import time
from pathlib import Path

from benchmarks.datasets import fold_of, load_html
from benchmarks.tools import make, version


class PageTimeout(BaseException):
    """Raised by the alarm; a BaseException so that a tool's ``except Exception`` cannot eat it."""


def _alarm(signum: int, frame: object) -> None:
    raise PageTimeout


def run(
    tool: str, dataset: str, limit: int | None, timeout: float, fold: tuple[int, int] | None = None
) -> dict:
    """Run ``tool`` on the pages of ``dataset`` (of one fold); return the result record."""
    started = time.perf_counter()
    extract = make(tool)
    setup_seconds = time.perf_counter() - started
    signal.signal(signal.SIGALRM, _alarm)
    pages = []
    warmed = False
    for page in load_html(dataset, limit):
        if fold is not None and fold_of(page.id, fold[1]) != fold[0]:
            continue
        if not warmed:
            with contextlib.suppress(Exception):  # warm-up only; the timed call records errors
                extract(page.html_bytes, page.url)
            warmed = True
        error = None
        text = ""
        signal.setitimer(signal.ITIMER_REAL, timeout)
        clock = time.perf_counter()
        try:
            text = extract(page.html_bytes, page.url) or ""
        except PageTimeout:
            error = f"timeout after {timeout:g} s"
        except Exception as exc:  # any failure scores the page as empty
            error = f"{type(exc).__name__}: {exc}"[:300]
        finally:
            seconds = time.perf_counter() - clock
            signal.setitimer(signal.ITIMER_REAL, 0)
        pages.append({"id": page.id, "text": text, "seconds": seconds, "error": error})
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # kB on Linux
    return {
        "tool": tool,
        "version": version(tool),
        "dataset": dataset,
        "setup_seconds": setup_seconds,
        "extract_seconds": sum(p["seconds"] for p in pages),
        "peak_mb": peak_kb / 1024,
        "pages": pages,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.runner", description=__doc__)
    parser.add_argument("tool")
    parser.add_argument("dataset")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds per page")
    parser.add_argument("--fold", default=None, help="K/N: only pages with fold_of(id, N) == K")
    args = parser.parse_args(argv)
    fold = tuple(int(x) for x in args.fold.split("/")) if args.fold else None
    record = run(args.tool, args.dataset, args.limit, args.timeout, fold)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
