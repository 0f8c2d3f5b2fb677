"""Speed only, in interleaved rounds: is sieb's pages/s ratio to trafilatura stable?

    python -m benchmarks.speed_rounds [--rounds 5] [--dataset all] [--tools sieb,trafilatura]
        [--passes 2] [--write BENCHMARKS.md]

One `html_bench` run times each tool once, one after another; on a shared (virtual) machine a
tool's rate moves by ±10 % from one run to the next, and so does the ratio of two tools. Here
every round runs each tool's timing child (`benchmarks.runner`, as `html_bench` does: one process,
one core, set-up and warm-up excluded) once per set, tools alternating within the round, and the
table gives each round's cold and warm ratios to the first peer and their median, minimum and
maximum. Accuracy is `html_bench`'s business; this script scores nothing.
"""

from __future__ import annotations

import argparse
import shlex
import statistics
import sys
from pathlib import Path

from benchmarks.datasets import DATASETS
from benchmarks.html_bench import run_child
from benchmarks.report import machine, markdown_table, publish, utc_now
from benchmarks.tools import TOOLS, missing

SECTION = "speed-rounds"
# html_bench's generous per-page limit: a slow page should count, not fail the round.
_TIMEOUT = 60.0


def time_tool(tool: str, dataset: str, passes: int) -> tuple[float, float]:
    """(cold, warm) pages/s of one timing child; warm is the last pass's."""
    record = run_child(tool, dataset, None, _TIMEOUT, passes=passes)
    if isinstance(record, str):
        raise RuntimeError(f"{tool} on {dataset}: {record}")
    pages = len(record["pages"])
    seconds = record.get("pass_seconds") or [record["extract_seconds"]]
    return pages / seconds[0], pages / seconds[-1]


def run_rounds(
    tools: list[str], datasets: list[str], rounds: int, passes: int
) -> dict[str, list[dict[str, tuple[float, float]]]]:
    """Per set, one dict per round: tool -> (cold, warm) pages/s."""
    results: dict[str, list[dict[str, tuple[float, float]]]] = {d: [] for d in datasets}
    for number in range(rounds):
        order = tools if number % 2 == 0 else tools[::-1]  # neither tool always runs first
        for dataset in datasets:
            rates = {tool: time_tool(tool, dataset, passes) for tool in order}
            results[dataset].append(rates)
            line = "  ".join(f"{t} {c:.1f}/{w:.1f}" for t, (c, w) in rates.items())
            print(f"round {number + 1} {dataset}: {line}", file=sys.stderr)
    return results


def ratios(rounds: list[dict[str, tuple[float, float]]], tool: str, base: str) -> list[tuple]:
    """(cold ratio, warm ratio) of `tool` to `base` in each round."""
    return [(r[tool][0] / r[base][0], r[tool][1] / r[base][1]) for r in rounds]


def _spread(values: list[float]) -> str:
    return f"{statistics.median(values):.2f} ({min(values):.2f}–{max(values):.2f})"


def to_markdown(command: str, tools: list[str], results: dict, passes: int) -> str:
    subject, base = tools[0], tools[1]
    rows = []
    for dataset, rounds in results.items():
        pairs = ratios(rounds, subject, base)
        for number, (rates, (cold, warm)) in enumerate(zip(rounds, pairs, strict=True), 1):
            rows.append([dataset, str(number)]
                        + [f"{rates[t][0]:.1f} / {rates[t][1]:.1f}" for t in tools]
                        + [f"{cold:.2f}", f"{warm:.2f}"])
        rows.append([dataset, "**median (min–max)**"] + [""] * len(tools)
                    + [_spread([c for c, _ in pairs]), _spread([w for _, w in pairs])])
    header = ["set", "round", *[f"{t} pages/s cold / warm" for t in tools],
              f"{subject} × {base} cold", f"{subject} × {base} warm"]
    return "\n".join([
        "## Speed in interleaved rounds (`benchmarks/speed_rounds.py`)",
        "",
        f"- command: `{command}`",
        f"- date: {utc_now()}",
        f"- machine: {machine()}",
        (f"- method: each round runs every tool's timing child of `html_bench` once per set "
         f"(one process, BLAS held to one thread, set-up and warm-up on the first page "
         f"excluded, {passes} passes: cold is the first, warm the last), tools alternating in "
         "order from round to round; nothing is scored."),
        "",
        markdown_table(header, rows),
        "",
    ])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.speed_rounds",
                                     description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--dataset", default="all", choices=[*DATASETS, "all"])
    parser.add_argument("--tools", default="sieb,trafilatura",
                        help="comma-separated; the first is compared with the second")
    parser.add_argument("--passes", type=int, default=2, help="timed passes per child")
    parser.add_argument("--write", type=Path, default=None, help="Markdown file to update")
    args = parser.parse_args(argv)
    tools = [t.strip() for t in args.tools.split(",") if t.strip()]
    if len(tools) < 2 or any(t not in TOOLS for t in tools):
        parser.error(f"give at least two of: {', '.join(TOOLS)}")
    absent = [t for t in tools if missing(t)]
    if absent:
        parser.error(f"not installed: {', '.join(absent)} (pip install -e '.[bench]')")
    datasets = list(DATASETS) if args.dataset == "all" else [args.dataset]
    given = sys.argv[1:] if argv is None else argv
    command = shlex.join(["python", "-m", "benchmarks.speed_rounds", *given])
    results = run_rounds(tools, datasets, max(1, args.rounds), max(1, args.passes))
    section = to_markdown(command, tools, results, max(1, args.passes))
    publish(section, args.write, SECTION)
    return 0


if __name__ == "__main__":
    sys.exit(main())
