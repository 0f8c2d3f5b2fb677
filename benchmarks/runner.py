"""Child process of the HTML benchmark: run one tool over one dataset and write a JSON result.

    python -m benchmarks.runner TOOL DATASET --out FILE [--limit N] [--timeout S] [--fold K/N]
        [--passes P]

Only extraction is timed: each page is read and decompressed before its clock starts, the tool is
set up (imports, models) and warmed up on the first page before any clock starts. A page that
raises, or runs past ``--timeout`` seconds, scores as empty output and counts as an error. The peak
resident set size of this process (``ru_maxrss``: interpreter, tool, one page at a time) is
reported at the end. ``--fold K/N`` keeps only the pages (of the first ``--limit``) whose
``fold_of(id, N) == K``, for scoring a cross-validation fold model on the pages it did not see.
``--passes P`` times P passes over the same pages: the outputs and ``extract_seconds`` are the
first (cold) pass's, and ``pass_seconds`` lists every pass, so that a later pass shows the rate
once a tool's caches are warm, as in a long corpus run.
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

from benchmarks.datasets import Page, fold_of, load_html
from benchmarks.tools import Extractor, make, version


class PageTimeout(BaseException):
    """Raised by the alarm; a BaseException so that a tool's ``except Exception`` cannot eat it."""


def _alarm(signum: int, frame: object) -> None:
    raise PageTimeout


def timed_extract(extract: Extractor, page: Page, timeout: float) -> dict:
    """One timed call: the page's id, text, seconds and error (None when it worked)."""
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
    return {"id": page.id, "text": text, "seconds": seconds, "error": error}


def run(
    tool: str,
    dataset: str,
    limit: int | None,
    timeout: float,
    fold: tuple[int, int] | None = None,
    passes: int = 1,
) -> dict:
    """Run ``tool`` on the pages of ``dataset`` (of one fold); return the result record."""
    started = time.perf_counter()
    extract = make(tool)
    setup_seconds = time.perf_counter() - started
    signal.signal(signal.SIGALRM, _alarm)
    todo = [
        page
        for page in load_html(dataset, limit)
        if fold is None or fold_of(page.id, fold[1]) == fold[0]
    ]
    if todo:
        with contextlib.suppress(Exception):  # warm-up only; the timed call records errors
            extract(todo[0].html_bytes, todo[0].url)
    pages = [timed_extract(extract, page, timeout) for page in todo]
    pass_seconds = [sum(p["seconds"] for p in pages)]
    for _ in range(passes - 1):
        pass_seconds.append(sum(timed_extract(extract, p, timeout)["seconds"] for p in todo))
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # kB on Linux
    return {
        "tool": tool,
        "version": version(tool),
        "dataset": dataset,
        "setup_seconds": setup_seconds,
        "extract_seconds": pass_seconds[0],
        "pass_seconds": pass_seconds,
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
    parser.add_argument("--passes", type=int, default=1, help="timed passes over the pages")
    args = parser.parse_args(argv)
    fold = tuple(int(x) for x in args.fold.split("/")) if args.fold else None
    record = run(args.tool, args.dataset, args.limit, args.timeout, fold, max(1, args.passes))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
