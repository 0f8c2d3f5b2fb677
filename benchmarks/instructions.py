"""Instructions of one cold text-mode pass, counted by callgrind: a speed figure that a shared
or throttled machine cannot move.

    python -m benchmarks.instructions [--sets scrapinghub-text,trafilatura-dev-text]
        [--write BENCHMARKS.md]

Wall-clock pages/s move by 10-20 % between runs on a shared virtual machine, and `perf stat` is
not always allowed there. Valgrind's callgrind counts the instructions a process executes, which
is the same from run to run. Each set is run twice in a child under callgrind: both runs load
the pages, the held-out fold models (as `text_bench` scores them) and warm up on 30 pages, then
one makes 0 passes and the other 1 pass over all pages, with `sieb.text.clear_caches()` before
the pass (cold: nothing remembered from earlier pages). The difference is one cold pass.
PYTHONHASHSEED is fixed, so that set and dict orders (and with them the counts) repeat.

Instructions are not time: a vector instruction does more than a scalar one, and callgrind
counts each step of a `rep movs` as one. The figure compares versions of sieb on one machine,
and converts to pages/s on another through one version measured both ways there.
Needs `valgrind` on the PATH (Debian: `apt install valgrind`).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys

from benchmarks.report import machine, markdown_table, publish, utc_now

DEFAULT_SETS = ("scrapinghub-text", "trafilatura-dev-text")
WARM_PAGES = 30
_COLLECTED = re.compile(r"Collected\s*:\s*([\d,]+)")


def collected(stderr: str) -> int:
    """The instruction count of callgrind's "Collected : N" line in `stderr`."""
    found = _COLLECTED.findall(stderr)
    if not found:
        raise RuntimeError("callgrind printed no 'Collected' line:\n" + stderr[-2000:])
    return int(found[-1].replace(",", ""))


def run_passes(set_name: str, passes: int) -> int:
    """Load `set_name`, warm up, then make `passes` cold passes (the child's work); the pages."""
    from benchmarks import datasets
    from benchmarks.text_bench import held_out_models
    from sieb.text import clean_text, clear_caches
    from sieb.text.model import load_model

    pages = datasets.load_text_pages(set_name)
    if not pages:
        raise SystemExit(f"{set_name}: no pages (set SIEB_SHARED to the shared data)")
    inputs = [(p.text, p.url, *held_out_models(p.id)) for p in pages]
    for path in {model for _, _, model, _ in inputs}:
        load_model(path)
    for text, url, model, breaks in inputs[:WARM_PAGES]:
        clean_text(text, url, model_path=model, breaks_path=breaks)
    for _ in range(passes):
        clear_caches()
        for text, url, model, breaks in inputs:
            clean_text(text, url, model_path=model, breaks_path=breaks)
    return len(pages)


def count(set_name: str, passes: int) -> int:
    """Instructions of a child that makes `passes` passes over `set_name`, under callgrind."""
    env = dict(os.environ, PYTHONHASHSEED="0", OMP_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1")
    cmd = [
        "valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null",
        sys.executable, "-m", "benchmarks.instructions", "--child", set_name,
        "--passes", str(passes),
    ]  # fmt: skip
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)
    if done.returncode:
        raise RuntimeError(f"{' '.join(cmd)} failed:\n{done.stderr[-2000:]}")
    return collected(done.stderr)


def page_count(set_name: str) -> int:
    from benchmarks import datasets

    return len(datasets.load_text_pages(set_name))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sets", default=",".join(DEFAULT_SETS))
    parser.add_argument("--write", metavar="MD", help="write the instructions section of this file")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--passes", type=int, default=1, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        run_passes(args.child, args.passes)
        return 0
    if shutil.which("valgrind") is None:
        print("valgrind is not installed (Debian: apt install valgrind)", file=sys.stderr)
        return 2
    rows = []
    for set_name in args.sets.split(","):
        pages = page_count(set_name)
        if not pages:
            print(f"{set_name}: no pages (set SIEB_SHARED)", file=sys.stderr)
            return 2
        one_pass = count(set_name, 1) - count(set_name, 0)
        print(f"{set_name}: {one_pass / 1e6:,.0f} M instructions a pass", file=sys.stderr)
        per_page = one_pass / pages / 1e6
        rows.append([set_name, pages, f"{one_pass / 1e6:,.0f} M", f"{per_page:.2f} M"])
    section = (
        "## Text mode: instructions of one cold pass\n\n"
        f"`python -m benchmarks.instructions`, {utc_now()}, {machine()}, callgrind "
        "(PYTHONHASHSEED=0; each page with its held-out fold models, as `text_bench`).\n\n"
        + markdown_table(["set", "pages", "instructions a pass", "a page"], rows)
    )
    publish(section, args.write, "text-instructions")
    return 0


if __name__ == "__main__":
    sys.exit(main())
